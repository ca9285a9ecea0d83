"""The workers `citewatch crawl --redis --workers N` starts, watched by their coordinator (a real redis-server).

Every local worker killed while work is queued: the coordinator stops in one line instead
of waiting for results that cannot come, and a re-run finishes the crawl.  A worker
elsewhere still alive: the coordinator waits for it.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

import redis

from crawler.cluster import frontier as keys
from tests.test_distributed import (add_slow_pages, assert_central_warc, assert_rows_exact, citewatch, cluster_env, finals,
                                    finish, hurry, reaped, wait_for)

# Far longer than the test waits: the coordinator must see its workers die, and stop them, not
# their heartbeats expire.
HEARTBEAT = 600


def pid_of(worker: bytes | str) -> int:
    """The pid in a worker's name (host-pid)."""
    return int((worker.decode() if isinstance(worker, bytes) else worker).rsplit("-", 1)[1])


def kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


@contextmanager
def coordinator_at_work(web, env, db, redis_url, pages: int, workers: int):
    """`citewatch crawl --redis --workers N` over `pages` slow pages, once its N local workers
    are at work and two pages are written: (urls, the cluster's environment, Redis, the
    processes started, the coordinator first), each killed at the end if still running."""
    # 1 s a page: pages left for seconds after a worker process started on a busy machine (at
    # 400 ms the local worker could finish the crawl before a remote one had started and joined)
    urls = add_slow_pages(db, web, pages, ms=1000)
    cluster = cluster_env(env, redis_url, redis_heartbeat=HEARTBEAT)
    server = redis.Redis.from_url(redis_url)
    with reaped() as started:
        started.append(citewatch(cluster, "crawl", "--redis", redis_url, "--workers", str(workers)))
        wait_for(lambda: server.scard(keys.WORKERS) == workers and finals(db) >= 2,
                 what=f"{workers} local worker(s) at work")
        yield urls, cluster, server, started


def test_a_coordinator_whose_workers_all_died_stops_in_one_line_and_a_rerun_finishes(web, env, db, redis_url, tmp_path):
    with coordinator_at_work(web, env, db, redis_url, pages=48, workers=2) as (urls, cluster, server, started):
        coordinator = started[0]
        local = [pid_of(worker) for worker in server.smembers(keys.WORKERS)]
        for pid in local:
            kill(pid)
        out, _ = coordinator.communicate(timeout=90)  # (a safety net: unwatched, it waited for ever)
        said = " ".join(out.split())
        assert coordinator.returncode == 1, out
        written = finals(db)
        assert 2 <= written < len(urls)
        assert "Error: crawl 1 stopped: every worker died (citewatch-worker-" in said, out
        for pid in local:
            assert f", pid {pid}, killed by SIGKILL" in said, out
        assert (f") and no other worker has a heartbeat; {written} of {len(urls)} sources are written and the rest "
                "stay queued in Redis") in said, out
        assert (f"run `citewatch crawl --redis {redis_url} --workers 2 --db {env['CITEWATCH_DB']}` again to finish "
                "the crawl") in said, out  # as typed, with the database CITEWATCH_DB named
        # nothing lost: the dead workers' claims are back in the queue now, not a heartbeat later
        assert server.exists(keys.CRAWL) and server.llen(keys.RESULTS) == 0 and not server.smembers(keys.WORKERS)
        assert server.zcard(keys.queue_key()) == server.scard(keys.PENDING) == len(urls) - written
        assert db.execute("select status from crawls").fetchall() == [("running",)]

        # the re-run: its local worker killed too, but a worker elsewhere is alive: it waits for that one
        started.append(rerun := citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1"))
        wait_for(lambda: server.scard(keys.WORKERS) == 1, what="the local worker at work")
        (local_worker,) = server.smembers(keys.WORKERS)
        elsewhere = {**cluster, "CITEWATCH_DATA_DIR": str(tmp_path / "machine-b")}
        started.append(remote := citewatch(elsewhere, "worker", "--redis", redis_url))
        wait_for(lambda: server.scard(keys.WORKERS) == 2, what="the remote worker at work")
        assert finals(db) < len(urls), "the crawl was done before the kill: the test proves nothing"
        kill(pid_of(local_worker))
        # once the coordinator has buried it (its claims back in the queue) and gone on waiting for
        # the remote one, the pages need not stay slow: the remote worker finishes the rest at once
        wait_for(lambda: not server.sismember(keys.WORKERS, local_worker), what="the dead local worker buried")
        hurry(web, urls[0])
        out = " ".join(finish(rerun, timeout=90).split())
        finish(remote, timeout=90)
    assert f"{len(urls)} sources (live: {len(urls)})" in out, out
    assert_rows_exact(db, urls)   # each source's fetch recorded once over the three workers
    assert_central_warc(db, tmp_path / "data")
    assert not server.exists(keys.CRAWL) and server.scard(keys.PENDING) == 0


def test_local_workers_started_after_their_crawl_closed_end_at_once(redis_url, tmp_path):
    """A resumed crawl whose last results were already in Redis completes before its local
    workers are up: they find no crawl open, and end, instead of waiting 30 s for another
    (the coordinator joins them: `crawl --redis --workers N` took 30 s more for nothing)."""
    from crawler.cluster.local import start_workers
    from crawler.config import load_config

    config = load_config(env={}, data_dir=str(tmp_path / "data"), redis_url=redis_url)
    local = start_workers(config, redis_url, 2)   # no crawl open in Redis
    local.join(20)                                # far more than a start, less than the 30 s they waited
    try:
        assert [proc.exitcode for proc in local.procs] == [0, 0]
    finally:
        for proc in local.procs:
            proc.kill()
            proc.join()
