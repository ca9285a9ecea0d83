"""`per_host_concurrency` holds with `host_delay = 0`.

With Scrapy 2.19 on the asyncio reactor and DOWNLOAD_DELAY 0, CONCURRENT_REQUESTS_PER_DOMAIN
was not enforced: `Downloader._process_queue` pops the slot's whole queue in one loop, because
each download's coroutine is only scheduled (a task), and the request enters the slot's
`transferring` set (which `free_transfer_slots` counts) when the task first runs, after the
loop.  A host with per_host_concurrency 1 got every queued page at once.  Now DOWNLOAD_DELAY
has a floor of a millisecond (crawler/spiderrun.py `MIN_DELAY`), with which the loop takes one
request per call and the next call comes after the task has started.

A distributed crawl's worker keeps DOWNLOAD_DELAY 0 (crawler/cluster/worker.py): there the
shared limiter's semaphore (crawler/cluster/limiter.py) holds a host's requests to
per_host_concurrency before they reach Scrapy's slot, checked here too.

Real crawls of a site this test process serves on 127.0.0.1, whose slow pages (the test web's
/crawl/slow/) count how many of them are being answered at once.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict

import pytest

from crawler.config import load_config
from crawler.spiderrun import MIN_DELAY, scrapy_settings
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources
from tests.test_distributed import citewatch, cluster_env, finish
from tests.web import pages, server
from tests.web.server import Request as WebRequest, Response as WebResponse, route

COUNTING = "in-flight-session18"   # a site of the test web served by this test process


class InFlight:
    """The requests being answered per key, and the most there were at once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.now: dict[str, int] = defaultdict(int)
        self.most: dict[str, int] = defaultdict(int)

    def enter(self, key: str) -> None:
        with self.lock:
            self.now[key] += 1
            self.most[key] = max(self.most[key], self.now[key])

    def leave(self, key: str) -> None:
        with self.lock:
            self.now[key] -= 1


IN_FLIGHT = InFlight()


@route("/in-flight/", site=COUNTING)
def _counted_slow(req: WebRequest) -> WebResponse:
    """The test web's slow page (`ms` milliseconds), counted in flight under its `key`."""
    key = req.arg("key")
    IN_FLIGHT.enter(key)
    try:
        return pages.slow(req)
    finally:
        IN_FLIGHT.leave(key)


@pytest.fixture(scope="module")
def counting() -> str:
    """The counting site's base URL (127.0.0.1, a port of its own), for this module's tests."""
    return server.start((COUNTING,))[COUNTING]


@pytest.mark.parametrize("per_host", [1, 2])
def test_a_host_never_has_more_requests_in_flight_than_per_host_concurrency_with_no_delay(
        web, env, db, tmp_path, counting, per_host):
    """Six slow pages of one host, host_delay 0: at most `per_host` answered at once, and
    `per_host` are (the floor does not serialise a host allowed two).  Without the floor all
    six were in flight together."""
    key = uuid.uuid4().hex
    add_sources(db, [f"{counting}/in-flight/{n}?key={key}&ms=300" for n in range(6)])
    crawl_here(fast_env(env, web, tmp_path, per_host_concurrency=per_host, host_delay=0, concurrency=16,
                   obey_robots=0, soft404_probe=0))
    assert IN_FLIGHT.most[key] == per_host, f"{IN_FLIGHT.most[key]} requests at once, limit {per_host}"


def test_the_download_delay_has_a_floor_and_a_longer_host_delay_is_kept():
    """host_delay 0 becomes MIN_DELAY for Scrapy (and AutoThrottle's start); 0.5 stays 0.5."""
    assert 0 < MIN_DELAY <= 0.001
    for host_delay, delay in (("0", MIN_DELAY), ("0.5", 0.5)):
        values = dict(load_config(env={"CITEWATCH_HOST_DELAY": host_delay}).values)
        got = scrapy_settings(values, "sources")
        assert (got["DOWNLOAD_DELAY"], got["AUTOTHROTTLE_START_DELAY"]) == (delay, delay), host_delay



def test_a_distributed_crawls_worker_keeps_per_host_concurrency_with_no_delay(web, env, db, redis_url, counting):
    """The worker's Scrapy slot has no delay, so the same loop would let six pages go at once;
    the limiter's per-host semaphore lets one through at a time."""
    key = uuid.uuid4().hex
    add_sources(db, [f"{counting}/in-flight/{n}?key={key}&ms=300" for n in range(6)])
    out = finish(citewatch(cluster_env(env, redis_url, host_delay=0, per_host_concurrency=1, obey_robots=0),
                           "crawl", "--redis", redis_url, "--workers", "1"))
    assert "6 sources" in out, out
    assert IN_FLIGHT.most[key] == 1, f"{IN_FLIGHT.most[key]} requests at once, limit 1"
