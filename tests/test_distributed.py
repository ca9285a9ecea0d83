"""The distributed crawl on a real redis-server: two workers, one writer, one frontier.

Workers and the coordinator run as a user runs them (`citewatch worker`, `citewatch crawl
--redis`, `citewatch collect`, in subprocesses) against the test web's `/many/` pages,
whose requests the test web records with their times (tests/web/many_pages.py).
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import redis
from warcio.archiveiterator import ArchiveIterator

import db as database
from crawler.cluster import frontier as keys
from tests.conftest import ROOT

HOST_DELAY = 0.05
PLAIN_SITES = ("main", "other", "archive", "nitter", "soft404")


def cluster_env(env: dict, redis_url: str, **overrides) -> dict:
    """A crawl shrunk to fractions of a second, with host_delay small but real (and a 3 s
    heartbeat, so that a busy test machine does not take a live worker for dead)."""
    settings = dict(host_delay=HOST_DELAY, fetch_timeout=5, retries=1, retry_backoff=0.01, autothrottle=0,
                    extract_workers=1, per_host_concurrency=1, concurrency=8, redis_heartbeat=3,
                    soft404_probe=0, redis_url=redis_url)
    settings.update(overrides)
    return {**env, **{f"CITEWATCH_{k.upper()}": str(v) for k, v in settings.items()}}


def add_pages(db, web: dict, count: int, sites=PLAIN_SITES) -> tuple[str, dict[int, str]]:
    """`count` sources, page n on site n % len(sites); (run token, {page number: url})."""
    run = uuid.uuid4().hex[:8]
    urls = {n: f"{web[sites[n % len(sites)]]}/many/{run}/{n}" for n in range(count)}
    now = database.now()
    db["sources"].insert_all({"kind": "web", "key": u, "url": u, "host": u.split("/")[2], "first_seen": now}
                             for u in urls.values())
    return run, urls


def citewatch(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc: subprocess.Popen, timeout: float = 180) -> str:
    out, _ = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, out
    return out


def counters(web: dict) -> dict[str, list[float]]:
    return json.loads(urllib.request.urlopen(web["main"] + "/_control/counters").read())


def fetches_per_page(web: dict, run: str) -> Counter:
    prefix = f"many:{run}:page:"
    return Counter({int(k[len(prefix):]): len(v) for k, v in counters(web).items() if k.startswith(prefix)})


def request_times(web: dict, run: str, sites, since: float) -> dict[str, list[float]]:
    """Per site: when its requests (pages and robots.txt) arrived, since `since`, in order."""
    seen = counters(web)
    return {site: sorted(t for t in seen.get(f"many:{run}:{site}", []) + seen.get(f"robots:{site}", []) if t >= since)
            for site in sites}


def busiest_window(times: list[float], width: float) -> int:
    """The most requests that arrived within any `width` seconds."""
    most, first = 0, 0
    for last, t in enumerate(times):
        while t - times[first] >= width:
            first += 1
        most = max(most, last - first + 1)
    return most


def assert_host_rate_held(times: dict[str, list[float]]) -> None:
    """At most one request per HOST_DELAY per host, over both workers together.

    Counted as arrivals within any window of 40 delays: at most 40, plus 6 for arrival
    jitter (the limiter spaces the sends; a new connection's handshake or a busy server
    thread can delay an arrival until it nearly meets the next: 41-42 are seen on a
    loaded machine).  Two workers that each kept the delay on their own would send up to 80.
    """
    for site, arrivals in times.items():
        assert len(arrivals) > 100, site
        assert busiest_window(arrivals, 40 * HOST_DELAY) <= 46, (site, busiest_window(arrivals, 40 * HOST_DELAY))


def finals(db) -> int:
    return db.execute("select count(*) from fetches where purpose = 'live' and final = 1").fetchone()[0]


def wait_for(condition, timeout: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def assert_rows_exact(db, urls: dict[int, str]) -> None:
    """One deciding live fetch and one text per source; the crawl finished."""
    assert finals(db) == len(urls)
    assert db.execute("select count(*) from fetches where purpose = 'live'").fetchone()[0] == len(urls)
    assert db.execute("select count(distinct source_id) from fetches where purpose = 'live' and final = 1").fetchone()[0] == len(urls)
    assert db.execute("select count(*) from texts").fetchone()[0] == len(urls)
    assert dict(db.execute("select class, count(*) from fetches where purpose = 'live' group by class").fetchall()) == {"live": len(urls)}
    assert db.execute("select status from crawls").fetchall() == [("finished",)]


def claimed_sources(server: redis.Redis, worker: str) -> set[int]:
    """Source ids in a worker's in-flight hash (its claimed seed requests)."""
    return {pickle.loads(entry)["meta"]["source_id"] for entry in server.hkeys(f"{keys.PREFIX}:inflight:{worker}")}


def test_two_workers_one_killed_every_page_once_and_the_host_rate_holds(web, env, db, redis_url, tmp_path):
    run, urls = add_pages(db, web, 2000)
    cluster = cluster_env(env, redis_url)
    started = time.time()
    coordinator = citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0")
    server = redis.Redis.from_url(redis_url)
    wait_for(lambda: server.exists(keys.CRAWL) and server.scard(keys.PENDING) == len(urls), what="the seeding")
    doomed, survivor = citewatch(cluster, "worker", "--redis", redis_url), citewatch(cluster, "worker", "--redis", redis_url)
    doomed_name = f"{os.uname().nodename}-{doomed.pid}"
    wait_for(lambda: finals(db) >= 400, what="400 pages written")
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait()
    in_flight = claimed_sources(server, doomed_name)
    assert in_flight, "the killed worker held no claim: the test proves nothing"
    finish(coordinator)
    finish(survivor)

    assert_rows_exact(db, urls)
    per_page = fetches_per_page(web, run)
    assert set(per_page) == set(urls)  # every page fetched
    page_of = {source_id: int(url.rsplit("/", 1)[1]) for source_id, url in db.execute("select id, url from sources")}
    redone = {n for n, times in per_page.items() if times > 1}
    assert redone <= {page_of[s] for s in in_flight}  # only what the dead worker had claimed
    assert max(per_page.values()) <= 2
    assert_host_rate_held(request_times(web, run, PLAIN_SITES, started))

    warcs = {row[0] for row in db.execute("select distinct warc_path from fetches")}
    assert {Path(p).name for p in warcs} == {f"sources-crawl1-{os.uname().nodename}-{p.pid}.warc.gz" for p in (doomed, survivor)}
    path, offset, url = db.execute("select warc_path, warc_offset, requested_url from fetches order by id desc limit 1").fetchone()
    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
    assert record.rec_headers.get_header("WARC-Target-URI") == url
    assert not server.exists(keys.CRAWL) and server.llen(keys.RESULTS) == 0 and server.scard(keys.PENDING) == 0


def test_a_killed_writer_is_finished_by_collect_and_each_page_is_fetched_once(web, env, db, redis_url, tmp_path):
    sites = ("main", "other")
    run, urls = add_pages(db, web, 300, sites)
    cluster = cluster_env(env, redis_url, soft404_probe=1)  # probes: requests that stay on their worker
    coordinator = citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0")
    server = redis.Redis.from_url(redis_url)
    wait_for(lambda: server.scard(keys.PENDING) == len(urls), what="the seeding")
    workers = [citewatch(cluster, "worker", "--redis", redis_url) for _ in range(2)]
    wait_for(lambda: finals(db) >= 50, what="50 pages written")
    os.kill(coordinator.pid, signal.SIGKILL)
    coordinator.wait()
    assert db.execute("select status from crawls").fetchone()[0] == "running"
    out = finish(citewatch(cluster, "collect", "--redis", redis_url))
    assert f"crawl 1: {len(urls)} sources (live: {len(urls)})" in out
    for worker in workers:
        finish(worker)

    assert_rows_exact(db, urls)
    assert fetches_per_page(web, run) == Counter({n: 1 for n in urls})
    probes = db.execute("select count(*) from fetches where purpose = 'probe'").fetchone()[0]
    assert 1 <= probes <= len(sites) * len(workers)  # one per host per worker at most


def test_crawl_redis_with_local_workers_fetches_each_page_once(web, env, db, redis_url):
    run, urls = add_pages(db, web, 200, ("main", "other"))
    out = finish(citewatch(cluster_env(env, redis_url), "crawl", "--redis", redis_url, "--workers", "2"))
    assert "200 sources (live: 200)" in out
    assert_rows_exact(db, urls)
    assert fetches_per_page(web, run) == Counter({n: 1 for n in urls})
    assert len({row[0] for row in db.execute("select distinct warc_path from fetches")}) == 2  # one per worker


def test_a_worker_without_redis_says_so(env, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "worker", "--redis", "redis://127.0.0.1:1/0"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "redis://127.0.0.1:1/0: cannot reach Redis" in proc.stderr and "Traceback" not in proc.stderr
