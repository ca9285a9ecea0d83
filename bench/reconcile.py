"""Reconcile benchmarks: verdict accuracy on the labelled set, aligner speed vs difflib.

    python bench/reconcile.py               # print everything
    python bench/reconcile.py --pin         # also re-pin the quality gate's floors
    python bench/reconcile.py --json        # machine-readable

Each benchmark is a function in BENCHES returning a dict, so later ones (rows per
second of `citewatch check`, issue 10) are one more entry.  Ratios are measured
against a baseline in the same run, never against a stored number.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.align import align, tokenize  # noqa: E402
from crawler.verdicts import THRESHOLDS  # noqa: E402
from tests.labelled import GATE, evaluate, load_cases, pin  # noqa: E402

BASELINE = functools.partial(align, windowed=False)  # difflib over the whole text's words


def labelled_accuracy(cases) -> dict:
    """Precision/recall/F1 per verdict on every labelled case, with score ranges per verdict."""
    result = evaluate(cases)
    ranges = {}
    for case in cases:
        low, high = ranges.get(case.expected, (101.0, -1.0))
        score = result["scores"][case.id]
        ranges[case.expected] = (min(low, score), max(high, score))
    result["score_ranges"] = {v: [round(lo, 1), round(hi, 1)] for v, (lo, hi) in ranges.items()}
    return result


def _timed(function, repeats: int) -> float:
    """Fastest of `repeats` calls, in seconds (as timeit advises: the slower ones
    measure the other processes on the machine, not the code)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def aligner_speed(cases, repeats: int = 5) -> dict:
    """The aligner vs difflib.SequenceMatcher over the whole text, on the long-source
    cases (sources buried in 100-300 KB pages), with each one's verdict accuracy."""
    long_cases = [c for c in cases if c.bury and c.bury["kb"] >= 100]
    texts = {c.id: c.text for c in long_cases}
    ours = sum(_timed(lambda c=c: align(c.quote, texts[c.id]), repeats) for c in long_cases)
    base = sum(_timed(lambda c=c: BASELINE(c.quote, texts[c.id]), repeats) for c in long_cases)
    words = statistics.median(sum(1 for t in tokenize(texts[c.id]) if t.kind == "word") for c in long_cases)
    return {"cases": len(long_cases), "median_text_kb": round(statistics.median(len(t) for t in texts.values()) / 1024),
            "median_text_words": int(words), "aligner_ms_per_case": round(1000 * ours / len(long_cases), 2),
            "difflib_ms_per_case": round(1000 * base / len(long_cases), 2), "speedup": round(base / ours, 1),
            "aligner_accuracy": evaluate(long_cases)["accuracy"],
            "difflib_accuracy": evaluate(long_cases, BASELINE)["accuracy"]}


def quote_100_words_in_300kb(cases) -> dict:
    """The issue's yardstick: a quote of 100+ words in a 300 KB page, one call."""
    case = next(c for c in cases if c.id == "b-usa-100-words-300k")
    text = case.text
    return {"quote_words": len([t for t in tokenize(case.quote) if t.kind == "word"]), "text_kb": round(len(text) / 1024),
            "ms": round(1000 * _timed(lambda: align(case.quote, text), 5), 2)}


def check_rows_per_second(cases, rows: int = 1000, files: int = 20) -> dict:
    """Rows per second of `citewatch check` (a subprocess, fresh database) on `rows` quotes
    whose sources are local text files, against the aligner alone on the same pairs, so the
    cost of the stages around the aligner (reading, storing, crawl/archive/resolve with
    nothing to fetch, reconcile's writes and misattribution search, reading back) shows."""
    import csv
    import os
    import random
    import subprocess
    import tempfile
    from collections import Counter

    from crawler.verdicts import judge
    from tests.web.pages import article_text

    rng = random.Random(10)
    with tempfile.TemporaryDirectory(prefix="citewatch-bench-check-") as tmp:
        folder = Path(tmp)
        texts = {f"source-{n}.txt": "\n\n".join(article_text(100 + n, 6000)) for n in range(files)}
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        pairs = []
        for n in range(rows):
            name = rng.choice(sorted(texts))
            sentence = rng.choice(texts[name].replace("\n", " ").split(". ")).strip(" .") + "."
            if n % 10 == 5:
                words = sentence.split()
                sentence = " ".join(words[:2] + ["never"] + words[3:])                 # altered
            elif n % 10 == 9:
                sentence = f"Quote {n} that no source of this list has ever contained."  # not in source
            pairs.append((f"q{n}", sentence, name))
        with (folder / "quotes.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "quote", "source"])
            writer.writerows(pairs)
        env = {**os.environ, "CITEWATCH_DB": str(folder / "bench.db"), "CITEWATCH_DATA_DIR": str(folder / "data")}
        command = [sys.executable, "-m", "crawler.cli", "check", str(folder / "quotes.csv"), "--format", "jsonl",
                   "-o", str(folder / "results.jsonl")]
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        seconds = time.perf_counter() - start
        lines = (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
        verdicts = Counter(json.loads(line)["verdict"] for line in lines)
        aligner = _timed(lambda: [judge(quote, texts[name]) for _, quote, name in pairs], 1)
    return {"rows": rows, "local_files": files, "verdicts": dict(verdicts.most_common()), "check_seconds": round(seconds, 2),
            "check_rows_per_second": round(rows / seconds, 1), "aligner_rows_per_second": round(rows / aligner, 1),
            "aligner_share_of_check": round(aligner / seconds, 2)}


BENCHES = (
    ("labelled accuracy", labelled_accuracy),
    ("aligner vs difflib", aligner_speed),
    ("100-word quote in 300 KB", quote_100_words_in_300kb),
    ("citewatch check, 1,000 rows on local files", check_rows_per_second),
)


def _print(name: str, result: dict) -> None:
    print(f"\n## {name}")
    if "per_verdict" in result:
        print(f"accuracy {result['accuracy']:.3f} on {sum(m['support'] for m in result['per_verdict'].values())} cases"
              f" (found threshold {THRESHOLDS.found:g})")
        print(f"{'verdict':14} {'precision':>9} {'recall':>7} {'F1':>6} {'cases':>6}  score range")
        for verdict, m in result["per_verdict"].items():
            span = result["score_ranges"].get(verdict, ["", ""])
            print(f"{verdict:14} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f} {m['support']:6}  {span[0]}–{span[1]}")
        for miss in result["misses"]:
            print("miss:", *miss)
        return
    for key, value in result.items():
        print(f"{key}: {value}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pin", action="store_true", help="write the gate's floors from this run")
    parser.add_argument("--allow-regression", action="store_true", help="let --pin lower a floor")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    cases = load_cases()
    results = {name: bench(cases) for name, bench in BENCHES}
    if args.pin:
        gate = json.loads(GATE.read_text()) if GATE.exists() else None
        GATE.write_text(json.dumps(pin(results["labelled accuracy"], gate, args.allow_regression), indent=2) + "\n")
    if args.json:
        for result in results.values():
            result.pop("scores", None)
        print(json.dumps(results, indent=2))
    else:
        for name, result in results.items():
            _print(name, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
