"""The labelled quote cases (tests/data/labelled/cases.jsonl), shared by tests and bench.

Each line: id, category, quote, source, expected (a verdict), note, and optionally
flags (the citation's, e.g. "unofficial-translation") and bury: {"filler", "kb", "at"}
to put the source inside a long page of unrelated text (a press-briefing transcript
whose paragraphs are shuffled and repeated, seeded by the case id, up to `kb` KB,
with the source at fraction `at` of the page).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

LABELLED = Path(__file__).resolve().parent / "data" / "labelled"
CASES = LABELLED / "cases.jsonl"
FILLER = LABELLED / "filler"
GATE = LABELLED / "gate.json"


@dataclass
class Case:
    id: str
    category: str
    quote: str
    source: str
    expected: str
    note: str
    flags: list[str] = field(default_factory=list)
    bury: dict | None = None

    @property
    def text(self) -> str:
        """The source text as the check sees it (buried in filler when asked)."""
        return bury(self.source, self.id, **self.bury) if self.bury else self.source


def bury(source: str, seed: str, filler: str, kb: int, at: float) -> str:
    """`source` inside `kb` KB of shuffled filler paragraphs, at fraction `at`."""
    paragraphs = (FILLER / f"{filler}.txt").read_text(encoding="utf-8").split("\n\n")
    rng = random.Random(seed)
    page, size = [], 0
    while size < kb * 1024:
        batch = paragraphs[:]
        rng.shuffle(batch)
        page.extend(batch)
        size += sum(len(p) + 2 for p in batch)
    page.insert(round(at * len(page)), source)
    return "\n\n".join(page)


def load_cases() -> list[Case]:
    """Every labelled case, in file order; a malformed line names itself."""
    cases = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            cases.append(Case(**json.loads(line)))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{CASES}:{number}: not a labelled case ({exc})") from None
    return cases


def digest() -> str:
    """SHA-256 over the cases and the filler they use: the gate's floors belong to it."""
    h = hashlib.sha256(CASES.read_bytes())
    for path in sorted(FILLER.glob("*.txt")):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


# --- evaluation and the quality gate (trafilatura's eval_gate, for verdicts) ---------------

EPSILON = 0.001  # measurement noise tolerated under a floor (verdicts are deterministic)


def evaluate(cases: list[Case], aligner=None) -> dict:
    """Precision, recall and F1 per expected verdict, overall accuracy, and the misses."""
    from crawler.verdicts import judge

    kwargs = {"aligner": aligner} if aligner is not None else {}
    pairs = [(c, judge(c.quote, c.text, c.flags, **kwargs)) for c in cases]
    labels = sorted({c.expected for c in cases} | {v.verdict for _, v in pairs})
    per_verdict = {}
    for label in labels:
        tp = sum(1 for c, v in pairs if c.expected == label and v.verdict == label)
        predicted = sum(1 for _, v in pairs if v.verdict == label)
        actual = sum(1 for c, _ in pairs if c.expected == label)
        precision = tp / predicted if predicted else 1.0
        recall = tp / actual if actual else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_verdict[label] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    right = sum(1 for c, v in pairs if c.expected == v.verdict)
    return {"accuracy": right / len(pairs), "per_verdict": per_verdict,
            "misses": [(c.id, c.expected, v.verdict) for c, v in pairs if c.expected != v.verdict],
            "scores": {c.id: v.score for c, v in pairs}}


def gate_failures(result: dict, gate: dict, current_digest: str) -> list[str]:
    """Why the measured result fails the pinned gate (empty when it passes)."""
    if gate["digest"] != current_digest:
        return [f"{CASES.name} or the filler changed (digest {current_digest[:12]} vs pinned {gate['digest'][:12]}): "
                "re-measure and re-pin with `python bench/reconcile.py --pin`, then commit gate.json"]
    failures = []
    if result["accuracy"] < gate["accuracy"] - EPSILON:
        failures.append(f"accuracy {result['accuracy']:.3f} < floor {gate['accuracy']:.3f}")
    for verdict, floor in gate["f1"].items():
        f1 = result["per_verdict"].get(verdict, {"f1": 0.0})["f1"]
        if f1 < floor - EPSILON:
            failures.append(f"{verdict}: F1 {f1:.3f} < floor {floor:.3f}")
    return failures


def pin(result: dict, gate: dict | None, allow_regression: bool) -> dict:
    """New floors from `result`; refuses to lower one unless `allow_regression`."""
    new = {"digest": digest(), "accuracy": round(result["accuracy"], 3),
           "f1": {v: round(m["f1"], 3) for v, m in sorted(result["per_verdict"].items()) if m["support"]}}
    if gate and not allow_regression:
        lowered = [v for v, f in new["f1"].items() if f < gate["f1"].get(v, 0.0) - EPSILON]
        if new["accuracy"] < gate["accuracy"] - EPSILON:
            lowered.append("accuracy")
        if lowered:
            raise SystemExit(f"refusing to lower the floors of {', '.join(lowered)}; pass --allow-regression "
                             "and say why in the commit message")
    return new
