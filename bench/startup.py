"""Seconds a small `citewatch crawl` takes from its command to its end: the start-up every run pays.

    python bench/startup.py [--pages 3] [--repeat 8] [--json]

A scheduled run re-checks a few sources at a time, so its start-up, not its pages, is most of
what it costs: the CLI's imports, the server its crawl's child forks from (Scrapy, the
spiders, and what the extraction workers need: trafilatura, py3langid's model), and the child's
own start, which forks its workers from itself.  This bench serves `--pages` small pages on 127.0.0.1 and runs `citewatch crawl
--all` over them `--repeat` times, reporting for each run the seconds to the first stored
fetch and to the command's end; against the same number of runs of the baseline, the bare
start of the CLI (`python -m crawler.cli --version`: the interpreter and the CLI's imports),
in the same process, interleaved.

The parts of the start-up overlap only where a core is free: on a busy machine the figures
say little.  To compare two versions of the code, run the bench from each checkout (its
`crawler` package is the one imported) one after the other, or interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = ("<html><head><title>Statement {n}</title></head><body><article><h1>Statement {n}</h1>"
        + "<p>The Ministry of Foreign Affairs does not recognise the so-called elections. {n}</p>" * 20
        + "</article></body></html>")


class _Page(BaseHTTPRequestHandler):
    """A small article per path; robots.txt is a 404, as on many sites."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        body = PAGE.format(n=self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


def one_crawl(env: dict, db_path: Path) -> tuple[float, float]:
    """Seconds from the command's start to its first stored fetch, and to its end."""
    import db as database

    watcher = database.open_db(db_path)
    after = watcher.execute("select coalesce(max(id), 0) from fetches").fetchone()[0]
    start = time.perf_counter()
    cli = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--all"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = None
    while cli.poll() is None:
        if first is None and watcher.execute("select count(*) from fetches where id > ?", [after]).fetchone()[0]:
            first = time.perf_counter() - start
        time.sleep(0.005)
    end = time.perf_counter() - start
    watcher.conn.close()
    if cli.returncode:
        raise subprocess.CalledProcessError(cli.returncode, "citewatch crawl")
    return (first if first is not None else end), end


def bare_start(env: dict) -> float:
    """Seconds of `python -m crawler.cli --version`: the interpreter and the CLI's imports."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "crawler.cli", "--version"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3, help="local pages to crawl (default 3)")
    parser.add_argument("--repeat", type=int, default=8, help="runs of each measurement (default 8)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    import db as database

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="citewatch-startup-") as tmp:
        db_path = Path(tmp) / "bench.db"
        db = database.open_db(db_path)
        base = f"http://127.0.0.1:{server.server_port}"
        db["sources"].insert_all({"kind": "web", "key": f"{base}/s{n}", "url": f"{base}/s{n}", "host": "127.0.0.1",
                                  "first_seen": database.now()} for n in range(args.pages))
        db.conn.close()
        env = {**os.environ, "CITEWATCH_DB": str(db_path), "CITEWATCH_DATA_DIR": str(Path(tmp) / "data"),
               "CITEWATCH_ALLOW_PRIVATE_NETWORKS": "1", "CITEWATCH_HOST_DELAY": "0", "CITEWATCH_AUTOTHROTTLE": "0"}
        firsts, ends, bares = [], [], []
        for _ in range(args.repeat):
            first, end = one_crawl(env, db_path)
            firsts.append(first)
            ends.append(end)
            bares.append(bare_start(env))
    server.shutdown()
    result = {"pages": args.pages, "runs": args.repeat, "load_average": round(os.getloadavg()[0], 2),
              "first_fetch_s": round(statistics.median(firsts), 2), "crawl_s": round(statistics.median(ends), 2),
              "crawl_best_s": round(min(ends), 2), "bare_cli_s": round(statistics.median(bares), 2),
              "crawl_over_bare_cli": round(statistics.median(ends) / statistics.median(bares), 2)}
    if args.json:
        print(json.dumps(result))
        return
    print(f"citewatch crawl --all over {args.pages} local pages, {args.repeat} runs (medians), load {result['load_average']}:")
    print(f"  first fetch stored after {result['first_fetch_s']} s; command done after {result['crawl_s']} s "
          f"(best {result['crawl_best_s']} s)")
    print(f"  bare CLI start (python -m crawler.cli --version): {result['bare_cli_s']} s; "
          f"crawl / bare start: {result['crawl_over_bare_cli']}")


if __name__ == "__main__":
    main()
