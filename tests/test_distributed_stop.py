"""A coordinator (`citewatch crawl --redis --workers N`) stopped by SIGTERM alone (`kill`, a
supervisor), with a real redis-server: it stops as Ctrl-C stops it, by an exception, so its
crawl is marked interrupted, its workers are stopped and their claims go back to the queue
at once; a re-run finishes the crawl with every source's fetch recorded once.
"""

from __future__ import annotations

import os
import signal

import redis

from crawler.cluster import frontier as keys
from tests.test_distributed import (add_slow_pages, assert_central_warc, assert_rows_exact, citewatch, cluster_env, finals,
                                    finish, reaped, wait_for)

# Far longer than the test waits: the claims must go back because the coordinator stopped
# its worker, not because a heartbeat expired.
HEARTBEAT = 600


def test_a_coordinator_stopped_by_sigterm_marks_its_crawl_interrupted_hands_back_the_claims_and_a_rerun_finishes(
        web, env, db, redis_url, tmp_path):
    urls = add_slow_pages(db, web, 24, ms=400)
    cluster = cluster_env(env, redis_url, redis_heartbeat=HEARTBEAT)
    server = redis.Redis.from_url(redis_url)
    with reaped() as started:
        started.append(coordinator := citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1"))
        wait_for(lambda: server.scard(keys.WORKERS) == 1 and finals(db) >= 2, what="the local worker at work")
        os.kill(coordinator.pid, signal.SIGTERM)
        out, _ = coordinator.communicate(timeout=90)
        assert coordinator.returncode == 128 + signal.SIGTERM, out  # the signal's own status, after the clean-up
        assert finals(db) < len(urls), "the crawl was done before the stop: the test proves nothing"
        assert db.execute("select id, status from crawls").fetchall() == [(1, "interrupted")]
        # the worker is gone and so are its claims: none waits for a heartbeat to expire
        assert not server.smembers(keys.WORKERS)
        assert not server.keys(keys.inflight_key("*"))
        assert server.exists(keys.CRAWL)  # the frontier stays for the re-run

        started.append(rerun := citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1"))
        out = " ".join(finish(rerun, timeout=120).split())
    assert f"{len(urls)} sources (live: {len(urls)})" in out, out
    assert_rows_exact(db, urls)   # the interrupted crawl resumed: each source's fetch recorded once
    assert_central_warc(db, tmp_path / "data")
    assert not server.exists(keys.CRAWL) and server.scard(keys.PENDING) == 0
