"""How cost grows: 1k, 10k and 100k citations across 2,000 hosts of the local test web.

    python bench/scale.py [--sizes 1000,10000,100000] [--crawl-sizes 1000,10000,100000] [--articles] [--json] [--keep DIR]

Each size is a quote list in `citewatch check`'s CSV format (id, quote, source, date,
speaker): N citations of N/10 pages (`/many/…` of tests/web/many_pages.py, or with
--articles the crawl benchmark's 30-80 KB articles), page p on host p mod 2,000, so every page is cited ten times, as a journal's back catalogue
cites the same pages again and again.  Measured in one run, each step in its own
process (peak RSS from wait4):

1. ingest: `crawler.check.prepare` + `store` (what `citewatch check` does before it
   crawls), citations per second;
2. crawl (sizes in --crawl-sizes): `citewatch crawl --redis … --workers 1`, the same
   first crawl with `--workers 2` (on a copy of the database as ingest left it, so both
   read every page), then a re-check of the crawled database with `--all --workers 2`,
   in which the workers reuse the extraction of every unchanged page; pages per second
   from command start to end (workers' start-up included), robots.txt and soft-404
   probes as by default, host_delay 0.05 s;
3. `citewatch report --format html|md|csv|json`, seconds each;
4. the database's size, and the peak RSS of each step (of the process and the children
   it waited for: the crawl's coordinator with its local workers and their extraction pools).

Goals (issue 8): ingest >= 5,000 citations/s, report of 100k citations < 60 s, peak RSS
< 1 GB at 100k, every figure growing no worse than linearly.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTS = 2000
FORMATS = ("html", "md", "csv", "json")
WEB = ("import json, threading\nfrom tests.web.server import start\n"
       "sites = start([f'h{i}' for i in range(%d)])\nprint(json.dumps(sites), flush=True)\nthreading.Event().wait()\n")


def write_quotes(path: Path, citations: int, sites: dict[str, str], route: str = "many/bench") -> int:
    """The quote list; returns the number of distinct pages cited."""
    pages = max(1, citations // 10)
    hosts = list(sites.values())
    with open(path, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "quote", "source", "date", "speaker"])
        for i in range(citations):
            page = i % pages
            out.writerow([f"q{i}", f"Paragraph {i % 3} of page {page}: the statement number {i} as quoted.",
                          f"{hosts[page % len(hosts)]}/{route}/{page}", f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
                          f"Speaker {i % 97}"])
    return pages


def measured(args: list[str], env: dict) -> dict:
    """Run a command; its wall time, peak RSS (MB) and output."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{out[-3000:]}")
    return {"seconds": round(seconds, 2), "rss_mb": round(usage.ru_maxrss / 1024), "out": out}


def ingest_child(quotes: str, db_path: str) -> None:
    """`bench/scale.py _ingest`: prepare + store, timed inside (no interpreter start-up)."""
    import db as database
    from crawler.check import prepare
    from crawler.check.store import store
    from crawler.config import load_config

    config = load_config(db=db_path)
    start = time.perf_counter()
    listing = prepare(config, quotes_file=quotes)
    counts = store(database.open_db(db_path), listing)
    print(json.dumps({"seconds": time.perf_counter() - start, "added": counts["added"]}))


def crawled_pages(db_path: Path) -> int:
    """Pages with a deciding live fetch in the latest crawl (every one must be there)."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(*) from fetches where purpose = 'live' and final = 1 and class = 'live' "
                            "and crawl_id = (select max(id) from crawls)").fetchone()[0]


def reused(db_path: Path) -> int:
    """Pages of the latest crawl whose stored extraction was reused."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(*) from fetches where purpose = 'live' and final = 1 "
                            "and json_extract(evidence, '$.extraction_reused_from') is not null "
                            "and crawl_id = (select max(id) from crawls)").fetchone()[0]


def copy_db(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database (its WAL included)."""
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def run_size(citations: int, crawl: bool, sites: dict, redis_url: str, tmp: Path, route: str) -> dict:
    folder = tmp / str(citations)
    folder.mkdir()
    db_path = folder / "scale.db"
    env = {**os.environ, "CITEWATCH_DB": str(db_path), "CITEWATCH_DATA_DIR": str(folder / "data"),
           "CITEWATCH_ALLOW_PRIVATE_NETWORKS": "1", "CITEWATCH_HOST_DELAY": "0.05", "CITEWATCH_AUTOTHROTTLE": "0",
           "CITEWATCH_REDIS_URL": redis_url}
    pages = write_quotes(folder / "quotes.csv", citations, sites, route)
    row = {"citations": citations, "pages": pages}
    ingest = measured([sys.executable, __file__, "_ingest", str(folder / "quotes.csv"), str(db_path)], env)
    inside = json.loads(ingest["out"].strip().splitlines()[-1])
    assert inside["added"] == citations, inside
    row["ingest_s"] = round(inside["seconds"], 2)
    row["ingest_per_s"] = round(citations / inside["seconds"])
    peaks = {"ingest": ingest["rss_mb"]}
    if crawl:
        first_of_two = folder / "two-workers.db"
        copy_db(db_path, first_of_two)
        runs = (("1w", 1, [], db_path, folder / "data"), ("2w", 2, [], first_of_two, folder / "data-two-workers"),
                ("recheck_2w", 2, ["--all"], db_path, folder / "data"))
        for label, workers, extra, path, data in runs:
            result = measured([sys.executable, "-m", "crawler.cli", "crawl", *extra, "--workers", str(workers)],
                              {**env, "CITEWATCH_DB": str(path), "CITEWATCH_DATA_DIR": str(data)})
            recorded = crawled_pages(path)
            assert recorded == pages, f"the crawl recorded {recorded} of {pages} pages"
            row[f"crawl_{label}_pages_per_s"] = round(pages / result["seconds"], 1)
            peaks[f"crawl_{label}"] = result["rss_mb"]  # the coordinator with its local workers
        row["recheck_reused"] = reused(db_path)
        assert row["recheck_reused"] == pages, f"the re-check reused {row['recheck_reused']} of {pages} extractions"
        for path in folder.glob("two-workers.db*"):  # (its write-ahead log and shared memory too)
            path.unlink()
    for fmt in FORMATS:
        result = measured([sys.executable, "-m", "crawler.cli", "report", "--format", fmt,
                           "-o", str(folder / f"report.{fmt}")], env)
        row[f"report_{fmt}_s"] = result["seconds"]
        peaks[f"report {fmt}"] = result["rss_mb"]
    row["db_mb"] = round(sum(p.stat().st_size for p in folder.glob("scale.db*")) / 1e6, 1)
    for step in ("ingest", "crawl", "report"):
        row[f"{step}_rss_mb"] = max((mb for name, mb in peaks.items() if name.startswith(step)), default="—")
    row["peak_rss_mb"] = max(peaks.values())
    print(json.dumps({**row, "rss_by_step": peaks}), file=sys.stderr, flush=True)
    return row


def table(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(str(row.get(c, "—")) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "_ingest":
        ingest_child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--crawl-sizes", default="1000,10000,100000")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--articles", action="store_true",
                        help="cite 30-80 KB articles (/crawl/article/N) instead of the small /many/ pages")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep its databases (to re-measure reports)")
    args = parser.parse_args()
    from tests.redis_server import RedisServer

    with tempfile.TemporaryDirectory(prefix="citewatch-scale-") as tmp_name:
        tmp = Path(args.keep or tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        web = subprocess.Popen([sys.executable, "-c", WEB % HOSTS], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        redis = RedisServer(tmp / "redis").start()
        try:
            sites = json.loads(web.stdout.readline())
            crawl_sizes = {int(s) for s in args.crawl_sizes.split(",") if s}
            route = "crawl/article" if args.articles else "many/bench"
            rows = [run_size(int(n), int(n) in crawl_sizes, sites, redis.url, tmp, route) for n in args.sizes.split(",")]
        finally:
            redis.stop()
            web.kill()
    print(json.dumps(rows, indent=2) if args.json else table(rows))


if __name__ == "__main__":
    main()
