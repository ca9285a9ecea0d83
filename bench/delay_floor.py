"""What the crawl's 1 ms floor on DOWNLOAD_DELAY costs Scrapy a page (crawler/spiderrun.py MIN_DELAY).

With a delay of 0, Scrapy 2.19 hands a host's whole queue to the downloader at once and
per_host_concurrency does not hold; with the floor, one request a call and a timer for the
next.  This runs bench/crawl.py's bare spider over the same local pages with DOWNLOAD_DELAY 0
and 0.001, interleaved, and prints pages/s and the spider's CPU ms a page for each round
(other load only slows a round: compare the quiet ones).

    python bench/delay_floor.py --pages 2000 --rounds 4
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import crawl as bench  # noqa: E402
from crawler.spiderrun import MIN_DELAY  # noqa: E402

BARE_DELAY = '"DOWNLOAD_DELAY": 0,'


def bare_spider_with(delay: float) -> str:
    """bench/crawl.py's bare spider with another DOWNLOAD_DELAY."""
    if BARE_DELAY not in bench.BARE_SPIDER:
        raise SystemExit(f"bench/crawl.py's bare spider no longer sets {BARE_DELAY}: update {__file__}")
    return bench.BARE_SPIDER.replace(BARE_DELAY, f'"DOWNLOAD_DELAY": {delay},')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="number of local article pages (default 2000)")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds of both delays (default 4)")
    args = parser.parse_args()
    web, sites = bench.start_web()
    urls = [f"{sites['main']}/crawl/article/{i}" for i in range(args.pages)]
    spiders = {delay: bare_spider_with(delay) for delay in (0, MIN_DELAY)}
    rounds: dict[float, list] = {delay: [] for delay in spiders}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in range(args.rounds):
                for delay, spider in spiders.items():
                    bench.BARE_SPIDER = spider  # bare_scrapy writes this source to run it
                    result = bench.bare_scrapy(urls, Path(tmp) / f"{delay}-{n}")
                    rounds[delay].append({"pages_per_s": result["pages_per_s"],
                                          "cpu_ms_per_page": result["cpu_ms_per_page"]["scrapy"]})
    finally:
        web.kill()
        web.wait()
    for delay, results in rounds.items():
        print(f"DOWNLOAD_DELAY {delay}: " + json.dumps(results))


if __name__ == "__main__":
    main()
