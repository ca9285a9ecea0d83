"""CPU a page of extraction in one worker of each kind, interleaved: a crawl's `ExtractorPool`
worker (forked from the server that preloaded trafilatura), a `ProcessPoolExecutor` worker forked
from this process (bench/crawl.py's extraction alone) and a spawned one.  Tells the code from the
machine when bench/crawl.py's workers cost more or less than extraction alone (BENCHMARKS.md).

    python bench/extract_workers.py [--pages 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crawl import cpu_seconds, start_web  # noqa: E402
from crawler.extractpool import ExtractorPool  # noqa: E402

CONTENT_TYPE = "text/html; charset=utf-8"


def _extract_one(body: bytes) -> str:
    from crawler.extract import extract

    return extract(body, CONTENT_TYPE, None).status


def pool_worker(bodies: list[bytes]) -> float:
    """ms of CPU a page in an ExtractorPool worker, its warm-up left out."""

    async def run() -> float:
        pool = ExtractorPool(1)
        try:
            await pool.extract(bodies[0], CONTENT_TYPE, None)
            pid = pool.pids[0]
            before = cpu_seconds(pid)
            for body in bodies:
                await pool.extract(body, CONTENT_TYPE, None)
            return (cpu_seconds(pid) - before) / len(bodies) * 1000
        finally:
            pool.close()

    return asyncio.run(run())


def executor_worker(bodies: list[bytes], start_method: str) -> float:
    """ms of CPU a page in a ProcessPoolExecutor worker started by `start_method`."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(start_method)) as executor:
        list(executor.map(_extract_one, bodies[:2]))
        [pid] = executor._processes
        before = cpu_seconds(pid)
        list(executor.map(_extract_one, bodies, chunksize=4))
        return (cpu_seconds(pid) - before) / len(bodies) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    web, sites = start_web()
    try:
        bodies = [urllib.request.urlopen(f"{sites['main']}/crawl/article/{i}").read() for i in range(args.pages)]
    finally:
        web.kill()
        web.wait()
    results: dict[str, list[float]] = {"extractor_pool": [], "executor_fork": [], "executor_spawn": []}
    for _ in range(args.rounds):
        results["extractor_pool"].append(round(pool_worker(bodies), 2))
        results["executor_fork"].append(round(executor_worker(bodies, "fork"), 2))
        results["executor_spawn"].append(round(executor_worker(bodies, "spawn"), 2))
    print(json.dumps(results))


if __name__ == "__main__":  # (the workers run this script again as they start: multiprocessing's way)
    main()
