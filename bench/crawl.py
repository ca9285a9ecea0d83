"""Pages per second of `citewatch crawl` against a bare Scrapy fetch and extraction alone.

    python bench/crawl.py [--pages 2000] [--repeat 1] [--json]

Serves N articles of 30-80 KB from the test web on 127.0.0.1 and measures, in one run:

1. extraction alone: crawler.extract.extract (trafilatura + htmldate + py3langid, the
   same call the crawl makes) over the N bodies with a process pool of all cores
   (concurrent.futures, 4 pages a task);
2. a bare Scrapy spider that only fetches the N pages (the crawl's concurrency settings);
3. `citewatch crawl` over N sources: fetch + extract + classify + store + WARC;
4. `citewatch crawl --all` again over the same database, the pages unchanged: a scheduled
   re-check, in which every page's stored extraction is reused (not part of the goal).

Rates are taken from the first to the last page handled inside each run (start-up is
reported apart); with --repeat N each measurement runs N times, interleaved, and the
best rate of each is kept (other processes can only slow a run down).  The goal: the crawl reaches 80% of the extraction-alone rate, i.e.
the crawl's overhead hides behind extraction.

Over the same window the bench reads each process's CPU time (Linux /proc) and prints
milliseconds of CPU per page: the extraction workers, the crawl's reactor process, the
CLI parent (progress bar) and the local web server, which shares the machine during the
crawl and bare-Scrapy phases only.  With C cores, a crawl can go no faster than
C x 1000 / (sum of those ms) pages/s, however well its work overlaps.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL = 0.80
SHORT_RUN = 1000  # pages; fewer and the crawl's window is dominated by its start-up and its last pages
CRAWL_SETTINGS = {"host_delay": "0", "autothrottle": "0", "per_host_concurrency": "16", "concurrency": "16",
                  "allow_private_networks": "1", "fetch_timeout": "30"}


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process, from /proc (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_readings(roles: dict[int, str], last: dict[int, tuple[str, float]] | None = None) -> dict[int, tuple[str, float]]:
    """{pid: (role, CPU seconds)} of the processes `roles` names; one gone since the `last`
    readings keeps its last one (a forkserver reaps its children at once, /proc entry and all:
    the crawl's workers end before its last page is seen stored)."""
    readings = {}
    for pid, role in roles.items():
        seconds = cpu_seconds(pid)
        readings[pid] = (role, seconds if seconds is not None else (last or {}).get(pid, (role, 0.0))[1])
    return readings


def process_tree(root: int) -> dict[int, str]:
    """{pid: role} of `root` (the CLI) and its descendants: the reactor (the crawl's child, a child
    of the crawl children's server, which its command line names), the extraction workers (the
    reactor's own children, forked from it as it started, and those of a workers' server, whose
    command line names crawler.extractserver, should one have replaced a worker) and any other
    process ("server": the two forkservers, multiprocessing's resource tracker)."""
    parents, commands = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                commands[int(entry.name)] = (entry / "cmdline").read_bytes()
            except (OSError, IndexError):
                continue
    family, frontier = {root}, [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        family.update(frontier)
    child_servers = {pid for pid in family if parents[pid] == root and b"crawler.childserver" in commands.get(pid, b"")}
    reactors = {pid for pid in family if parents[pid] in child_servers}
    served = {pid for pid in family if b"crawler.extractserver" in commands.get(pid, b"")}
    extraction_servers = {pid for pid in served if parents[pid] not in served}
    workers = {pid for pid in family if parents[pid] in reactors | extraction_servers} - extraction_servers
    return {pid: "cli" if pid == root else "workers" if pid in workers else "reactor" if pid in reactors else "server"
            for pid in family}


def cpu_per_page(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]], pages: int) -> dict[str, float]:
    """Milliseconds of CPU per page of each role between two `cpu_readings`."""
    spent: dict[str, float] = {}
    for pid, (role, seconds) in before.items():
        spent[role] = spent.get(role, 0.0) + after[pid][1] - seconds
    return {role: round(seconds / pages * 1000, 2) for role, seconds in spent.items()}


def start_web() -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.web"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    return proc, json.loads(proc.stdout.readline())


def _extract_one(body: bytes):
    from crawler.extract import extract

    return extract(body, "text/html; charset=utf-8", None).status


def extraction_alone(bodies: list[bytes], workers: int) -> dict:
    """Extraction of every body over all cores; the pool is warmed before the clock starts."""
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_extract_one, bodies[:workers]))
        roles = {pid: "workers" for pid in pool._processes}  # the pool's worker pids
        before = cpu_readings(roles)
        start = time.perf_counter()
        statuses = list(pool.map(_extract_one, bodies, chunksize=4))
        seconds = time.perf_counter() - start
        cpu = cpu_per_page(before, cpu_readings(roles), len(bodies))
    assert statuses.count("ok") == len(bodies), "extraction failed on a bench page"
    return {"pages": len(bodies), "seconds": round(seconds, 2), "pages_per_s": round(len(bodies) / seconds, 1),
            "cpu_ms_per_page": cpu}


BARE_SPIDER = '''
import json, sys, time
import scrapy
from scrapy.crawler import CrawlerProcess

urls = json.load(open(sys.argv[1]))
times, cpu = [], []

class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for url in urls:
            yield scrapy.Request(url, dont_filter=True)
    def parse(self, response):
        times.append(time.perf_counter())
        cpu.append(time.process_time())

# The crawl's concurrency: 16 requests, and CONCURRENT_ITEMS 4 (Scrapy's default 100 would cost
# this spider 0.6 ms of CPU a page in asyncio tasks that the crawl does not spend).
process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
                          "CONCURRENT_ITEMS": 4, "DOWNLOAD_DELAY": 0, "TELNETCONSOLE_ENABLED": False,
                          "REMOTE_CONTROL_ENABLED": False})
process.crawl(Bare)
process.start()
print(json.dumps({"pages": len(times), "first": times[0], "last": times[-1], "cpu": cpu[-1] - cpu[0]}))
'''


def bare_scrapy(urls: list[str], tmp: Path) -> dict:
    """A Scrapy spider that fetches and does nothing else, in its own process."""
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "urls.json").write_text(json.dumps(urls))
    (tmp / "bare.py").write_text(BARE_SPIDER)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(tmp / "bare.py"), str(tmp / "urls.json")], cwd=tmp,
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    result = json.loads(out.stdout.strip().splitlines()[-1])
    seconds = result["last"] - result["first"]
    return {"pages": result["pages"], "seconds": round(seconds, 2), "pages_per_s": round((result["pages"] - 1) / seconds, 1),
            "wall_seconds": round(wall, 2), "cpu_ms_per_page": {"scrapy": round(result["cpu"] / (result["pages"] - 1) * 1000, 2)}}


def citewatch_crawl(urls: list[str], tmp: Path, workers: int, web_pid: int, again: bool = False) -> dict:
    """`citewatch crawl` over one source per URL; the database is polled for first and last stored fetch.

    `again`: `citewatch crawl --all` over the database an earlier call left in `tmp`, the pages
    unchanged (a scheduled re-check: every extraction is reused).
    """
    import db as database

    tmp.mkdir(parents=True, exist_ok=True)
    db_path = tmp / "bench.db"
    db = database.open_db(db_path)
    if not again:
        db["sources"].insert_all({"kind": "web", "key": u, "url": u, "host": "127.0.0.1", "first_seen": database.now()}
                                 for u in urls)
    after = db.execute("select coalesce(max(id), 0) from crawls").fetchone()[0]  # this run's crawl comes next
    env = {**os.environ, "CITEWATCH_DB": str(db_path), "CITEWATCH_DATA_DIR": str(tmp / "data"),
           "CITEWATCH_EXTRACT_WORKERS": str(workers), **{f"CITEWATCH_{k.upper()}": v for k, v in CRAWL_SETTINGS.items()}}
    marks: dict[str, Any] = {}
    done = threading.Event()

    def poll(cli: int):
        watcher = database.open_db(db_path)
        while True:  # one last look after the crawl has exited, so the final commit is seen
            finished = done.is_set()
            n = watcher.execute("select count(*) from fetches where purpose = 'live' and crawl_id > ?", [after]).fetchone()[0]
            now = time.perf_counter()
            if n and "first" not in marks:
                marks["first"], marks["first_n"] = now, n
                marks["roles"] = {**process_tree(cli), web_pid: "web"}
                marks["cpu"] = marks["latest"] = cpu_readings(marks["roles"])
            elif "first" in marks:
                marks["latest"] = cpu_readings(marks["roles"], marks["latest"])
            if n >= len(urls):
                marks["last"] = now
                pages = len(urls) - marks["first_n"]
                marks["cpu_ms_per_page"] = cpu_per_page(marks["cpu"], marks["latest"], pages) if pages else None
                return
            if finished:
                return
            time.sleep(0.05)

    start = time.perf_counter()
    cli = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", *(["--all"] if again else [])], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    thread = threading.Thread(target=poll, args=(cli.pid,))
    thread.start()
    if cli.wait():
        done.set()
        raise subprocess.CalledProcessError(cli.returncode, "citewatch crawl")
    wall = time.perf_counter() - start
    done.set()
    thread.join()
    classes = dict(db.execute("select class, count(*) from fetches where purpose = 'live' and crawl_id > ? group by class",
                              [after]).fetchall())
    texts = db.execute("select count(*) from texts").fetchone()[0]
    reused = db.execute("select count(*) from fetches where crawl_id > ? and "
                        "json_extract(evidence, '$.extraction_reused_from') is not null", [after]).fetchone()[0]
    warc_bytes = sum(p.stat().st_size for p in (tmp / "data" / "warc").glob("*.warc.gz"))
    seconds, pages = marks["last"] - marks["first"], len(urls) - marks["first_n"]
    if not pages:  # every page stored in one commit (a short run's re-check): the whole command is the window
        seconds, pages = wall, len(urls)
    return {"pages": len(urls), "seconds": round(seconds, 2),
            "pages_per_s": round(pages / seconds, 1), "wall_seconds": round(wall, 2),
            "classes": classes, "texts": texts, "reused": reused, "warc_mb": round(warc_bytes / 1e6, 1),
            "cpu_ms_per_page": marks["cpu_ms_per_page"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="number of local article pages (default 2000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="extraction processes (default: all cores)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each measurement this many times and keep the best (other load only slows a run)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    web, sites = start_web()
    try:
        urls = [f"{sites['main']}/crawl/article/{i}" for i in range(args.pages)]
        with ThreadPoolExecutor(8) as pool:
            bodies = list(pool.map(lambda u: urllib.request.urlopen(u).read(), urls))
        sizes = sorted(len(b) for b in bodies)
        with tempfile.TemporaryDirectory() as tmp:
            results = {"pages": args.pages, "cores": os.cpu_count(), "workers": args.workers,
                       "page_kb": [round(sizes[0] / 1024), round(sizes[-1] / 1024)], "repeat": args.repeat}
            runs = {"extraction_alone": [], "bare_scrapy": [], "citewatch_crawl": [], "citewatch_recheck": []}
            for n in range(args.repeat):  # phases interleaved, so that load bursts hit all three
                runs["extraction_alone"].append(extraction_alone(bodies, args.workers))
                runs["bare_scrapy"].append(bare_scrapy(urls, Path(tmp) / f"bare-{n}"))
                runs["citewatch_crawl"].append(citewatch_crawl(urls, Path(tmp) / f"crawl-{n}", args.workers, web.pid))
                runs["citewatch_recheck"].append(
                    citewatch_crawl(urls, Path(tmp) / f"crawl-{n}", args.workers, web.pid, again=True))
            for name, measured in runs.items():
                results[name] = max(measured, key=lambda r: r["pages_per_s"])
                results[name]["all_pages_per_s"] = [r["pages_per_s"] for r in measured]
    finally:
        web.kill()
        web.wait()
    ratio = results["citewatch_crawl"]["pages_per_s"] / results["extraction_alone"]["pages_per_s"]
    results["ratio_vs_extraction"] = round(ratio, 2)
    results["goal_met"] = ratio >= GOAL
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{args.pages} pages of {results['page_kb'][0]}-{results['page_kb'][1]} KB, {results['cores']} cores, "
          f"{args.workers} extraction workers")
    for name in ("extraction_alone", "bare_scrapy", "citewatch_crawl", "citewatch_recheck"):
        r = results[name]
        extra = f" (whole command {r['wall_seconds']} s)" if "wall_seconds" in r else ""
        tries = f"; all runs {r['all_pages_per_s']}" if args.repeat > 1 else ""
        print(f"  {name:17} {r['pages_per_s']:8.1f} pages/s  over {r['seconds']} s{extra}{tries}")
        if r.get("cpu_ms_per_page"):
            cpu = r["cpu_ms_per_page"]
            ceiling = (f"; total {sum(cpu.values()):.2f} -> at most {results['cores'] * 1000 / sum(cpu.values()):.0f}"
                       f" pages/s on {results['cores']} cores") if name != "bare_scrapy" else " (one process)"
            print(f"  {'':17} CPU ms/page: " + ", ".join(f"{role} {ms}" for role, ms in cpu.items()) + ceiling)
    print(f"  citewatch crawl / extraction alone = {ratio:.2f} (goal {GOAL:.2f}: {'met' if ratio >= GOAL else 'NOT met'})")
    alone_cpu, crawl_cpu = results["extraction_alone"]["cpu_ms_per_page"], results["citewatch_crawl"]["cpu_ms_per_page"]
    if alone_cpu and crawl_cpu:  # both fill every core: CPU per page bounds the ratio (BENCHMARKS.md, "Crawl")
        print(f"  ceiling from CPU per page: {sum(alone_cpu.values()):.2f} / {sum(crawl_cpu.values()):.2f} ms = "
              f"{sum(alone_cpu.values()) / sum(crawl_cpu.values()):.2f} of extraction alone, on any number of cores")
    print(f"  crawl classes {results['citewatch_crawl']['classes']}, texts {results['citewatch_crawl']['texts']}, "
          f"WARC {results['citewatch_crawl']['warc_mb']} MB")
    recheck = results["citewatch_recheck"]
    print(f"  re-check of the unchanged pages: {recheck['reused']} of {args.pages} extractions reused, "
          f"{recheck['pages_per_s'] / results['extraction_alone']['pages_per_s']:.2f} x the extraction-alone rate")
    if args.pages < SHORT_RUN:
        print(f"  (under {SHORT_RUN:,} pages the crawl's rate is mostly its start and end: a quick check, not the figure)")


if __name__ == "__main__":
    main()
