"""A coordinator (`citewatch crawl --redis --workers N`) stopped by SIGTERM alone (`kill`, a
supervisor), with a real redis-server: it stops as Ctrl-C stops it, by an exception, so its
crawl is marked interrupted, its workers are stopped and their claims go back to the queue
at once; a re-run finishes the crawl with every source's fetch recorded once.
"""

from __future__ import annotations

import os
import signal

from crawler.cluster import frontier as keys
from tests.test_distributed import assert_central_warc, assert_rows_exact, citewatch, finals, finish, hurry
# (its heartbeat far longer than the test: the claims go back because the coordinator stopped its
# worker, not because a heartbeat expired)
from tests.test_distributed_local import coordinator_at_work


def test_a_coordinator_stopped_by_sigterm_marks_its_crawl_interrupted_hands_back_the_claims_and_a_rerun_finishes(
        web, env, db, redis_url, tmp_path, short_tmp):
    env["TMPDIR"] = str(short_tmp)
    with coordinator_at_work(web, env, db, redis_url, pages=24, workers=1) as (urls, cluster, server, started):
        coordinator = started[0]
        os.kill(coordinator.pid, signal.SIGTERM)
        out, _ = coordinator.communicate(timeout=90)
        assert coordinator.returncode == -signal.SIGTERM, out  # dead by the signal, after the clean-up
        assert not list(short_tmp.iterdir())   # its worker's, killed after STOP_GRACE, gone with its own
        assert finals(db) < len(urls), "the crawl was done before the stop: the test proves nothing"
        assert db.execute("select id, status from crawls").fetchall() == [(1, "interrupted")]
        # the worker is gone and so are its claims: none waits for a heartbeat to expire
        assert not server.smembers(keys.WORKERS)
        assert not server.keys(keys.inflight_key("*"))
        assert server.exists(keys.CRAWL)  # the frontier stays for the re-run

        hurry(web, urls[0])  # (the stop is proved: the re-run need not wait out a page a second)
        started.append(rerun := citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1"))
        out = " ".join(finish(rerun, timeout=120).split())
    assert f"{len(urls)} sources (live: {len(urls)})" in out, out
    assert_rows_exact(db, urls)   # the interrupted crawl resumed: each source's fetch recorded once
    assert_central_warc(db, tmp_path / "data")
    assert not server.exists(keys.CRAWL) and server.scard(keys.PENDING) == 0
