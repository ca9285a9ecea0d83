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
