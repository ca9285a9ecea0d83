"""The distributed crawl on a real redis-server: two workers, one writer, one frontier.

Workers and the coordinator run as a user runs them (`citewatch worker`, `citewatch crawl
--redis`, `citewatch collect`, in subprocesses) against the test web's `/many/` pages,
whose requests the test web records with their times (tests/web/many_pages.py).  A command
refused before it takes part in a crawl is called in this process (tests/clirun.py `cli_here`):
what it says is the test, not its process.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from urllib.parse import parse_qs, urlsplit
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import redis
from warcio.archiveiterator import ArchiveIterator

import db as database
from archive.warc import WarcFile
from crawler.cluster import frontier as keys
from crawler.cluster.frontier import crawl_info
from crawler.cluster.scheduler import shipped_text
from crawler.cluster.records import CentralWarc, entry
from tests.clirun import cli_here, crawl_here, fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources, fetches_of
from tests.test_resolve import _renamed

HOST_DELAY = 0.05
PLAIN_SITES = ("main", "other", "archive", "nitter", "soft404")
# Each site under a host name of its own, pinned to 127.0.0.1 (tests/test_resolve.py): the sites are
# ports of one address, and a host is its name, to the cluster's limit as to one machine's.
SITE_NAMES = {site: f"{site}.cluster.example" for site in PLAIN_SITES}
CLUSTER_PINS = ",".join(f"{name}=127.0.0.1" for name in SITE_NAMES.values()) + ",*=fail"


def cluster_env(env: dict, redis_url: str, **overrides) -> dict:
    """A crawl shrunk to fractions of a second, with host_delay small but real (and a 3 s
    heartbeat, so that a busy test machine does not take a live worker for dead); its workers
    leave within 0.1 s of their crawl's close (tests/cluster_settings.py)."""
    settings = dict(host_delay=HOST_DELAY, fetch_timeout=5, retries=1, retry_backoff=0.01, autothrottle=0,
                    extract_workers=1, per_host_concurrency=1, concurrency=8, redis_heartbeat=3,
                    soft404_probe=0, redis_url=redis_url, resolve_hosts=CLUSTER_PINS)
    settings.update(overrides)
    return {**env, **{f"CITEWATCH_{k.upper()}": str(v) for k, v in settings.items()},
            "SCRAPY_SETTINGS_MODULE": "tests.cluster_settings"}


def site_base(web: dict, site: str) -> str:
    """`site`'s base URL under its host name (`SITE_NAMES`; `cluster_env` pins them)."""
    return _renamed(web[site], SITE_NAMES[site], "")


def add_pages(db, web: dict, count: int, sites=PLAIN_SITES) -> tuple[str, dict[int, str]]:
    """`count` sources, page n on site n % len(sites); (run token, {page number: url})."""
    run = uuid.uuid4().hex[:8]
    urls = {n: f"{site_base(web, sites[n % len(sites)])}/many/{run}/{n}" for n in range(count)}
    now = database.now()
    db["sources"].insert_all({"kind": "web", "key": u, "url": u, "host": u.split("/")[2], "first_seen": now}
                             for u in urls.values())
    return run, urls


def add_slow_pages(db, web: dict, count: int, ms: int) -> dict[int, str]:
    """`count` sources that each take `ms` milliseconds to answer, on two sites: a crawl still
    at work when a test stops or pauses a process, until `hurry` lifts the wait. {page number: url}"""
    token = uuid.uuid4().hex[:8]
    urls = {n: f"{site_base(web, ('main', 'other')[n % 2])}/crawl/slow/{token}/{n}?ms={ms}&hurry={token}" for n in range(count)}
    add_sources(db, list(urls.values()))
    return urls


def hurry(web: dict, url: str) -> None:
    """The test web's slow pages of `url`'s `hurry` key (`add_slow_pages`' of one call) answer at
    once from now on: the rest of a crawl whose slowness a test no longer needs (the process it
    had to catch at work already killed or refused) is not waited out, a page a second."""
    key = parse_qs(urlsplit(url).query)["hurry"][0]
    urllib.request.urlopen(f"{web['main']}/_control/set?hurry:{key}=1").read()


def citewatch(env: dict, *args: str) -> subprocess.Popen:
    """A citewatch command in a process of its own, taking Ctrl-C and a hangup as a command typed
    in a terminal does: the suite may run as a background job or under nohup, which start their
    children ignoring SIGINT or SIGHUP (and citewatch keeps an ignored hangup ignored)."""
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=_as_typed)


def _as_typed() -> None:
    """SIGINT and SIGHUP to their default actions, in a child before it runs its command."""
    for signum in (signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@contextmanager
def reaped() -> Iterator[list[subprocess.Popen]]:
    """A list for the processes a test starts, each killed at the end if still running: a
    failed assertion must not leave a coordinator or a worker crawling after the test."""
    started: list[subprocess.Popen] = []
    try:
        yield started
    finally:
        for proc in started:
            if proc.poll() is None:
                proc.kill()


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


def record_ids(path: Path) -> list[str]:
    with open(path, "rb") as stream:
        return [record.rec_headers.get_header("WARC-Record-ID") for record in ArchiveIterator(stream)]


def assert_central_warc(db, data_dir: Path) -> None:
    """Every fetch with an answer points at its response record in the collector's one WARC
    file, with the same bytes; warcio's checker passes on it; no record is in it twice."""
    central = data_dir.resolve() / "warc" / "sources-crawl1.warc.gz"
    fetched = list(db.query("select * from fetches where status is not null"))
    assert fetched
    with open(central, "rb") as stream:
        for fetch in fetched:
            assert fetch["warc_path"] == "warc/sources-crawl1.warc.gz", fetch["requested_url"]   # in data_dir
            stream.seek(fetch["warc_offset"])
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == fetch["final_url"]
            assert hashlib.sha256(record.content_stream().read()).hexdigest() == fetch["sha256"]
    check = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", str(central)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    ids = record_ids(central)
    assert len(ids) == len(set(ids))
    assert len(ids) >= 1 + 2 * len(fetched)  # the warcinfo, then each fetch's response and request


def claimed_sources(server: redis.Redis, worker: str) -> set[int]:
    """Source ids in a worker's in-flight hash (its claimed seed requests)."""
    return {pickle.loads(entry)["meta"]["source_id"] for entry in server.hkeys(f"{keys.PREFIX}:inflight:{worker}")}


def test_two_workers_one_killed_every_page_once_and_the_host_rate_holds(web, env, db, redis_url, tmp_path):
    # 600 pages, 120 a site: the kill at 400 written lands with some 200 still to write (the killed
    # worker's claims among them, asserted below), and both workers send to every site for
    # those first 400: 4 s or more, at least two of assert_host_rate_held's 2 s windows
    run, urls = add_pages(db, web, 600)
    cluster = cluster_env(env, redis_url)
    started = time.time()
    coordinator = citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0")
    server = redis.Redis.from_url(redis_url)
    wait_for(lambda: server.exists(keys.CRAWL) and server.scard(keys.PENDING) == len(urls), what="the seeding")
    machines = [{**cluster, "CITEWATCH_DATA_DIR": str(tmp_path / f"machine-{m}")} for m in "ab"]  # not the collector's
    doomed, survivor = (citewatch(machine, "worker", "--redis", redis_url) for machine in machines)
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

    assert_central_warc(db, tmp_path / "data")
    for machine, worker in zip("ab", (doomed, survivor)):  # each worker's own file stays on its machine, as its log
        assert (tmp_path / f"machine-{machine}" / "warc" / f"sources-crawl1-{os.uname().nodename}-{worker.pid}.warc.gz").exists()
    assert not server.exists(keys.CRAWL) and server.llen(keys.RESULTS) == 0 and server.scard(keys.PENDING) == 0
    assert not server.exists(keys.records_key(1))


def test_an_idle_worker_leaves_its_closed_crawl_without_waiting_for_scrapys_idle_heartbeat(
        web, env, db, redis_url, tmp_path):
    """A worker saw its crawl closed only when Scrapy asked its idle spider again, on the engine's
    5 s heartbeat: every worker stayed up to 5 s after its crawl.  With that heartbeat put off for
    an hour (tests/cluster_settings_no_idle_heartbeat.py), it leaves by its own look at the crawl."""
    _, urls = add_pages(db, web, 6, ("main", "other"))
    cluster = {**cluster_env(env, redis_url), "SCRAPY_SETTINGS_MODULE": "tests.cluster_settings_no_idle_heartbeat"}
    server = redis.Redis.from_url(redis_url)
    with reaped() as procs:
        procs.append(coordinator := citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0"))
        # (every seed queued before the worker asks: with no heartbeat, an idle engine asks no more)
        wait_for(lambda: server.scard(keys.PENDING) == len(urls), what="the seeding")
        procs.append(worker := citewatch({**cluster, "CITEWATCH_DATA_DIR": str(tmp_path / "m")}, "worker",
                                         "--redis", redis_url))
        assert f"{len(urls)} sources (live: {len(urls)})" in finish(coordinator)
        try:
            said = finish(worker, timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the worker stayed after its crawl closed (it waited for Scrapy's idle heartbeat)")
    assert "crawl 1 is complete" in said
    assert_rows_exact(db, urls)


def test_a_killed_writer_is_finished_by_collect_and_each_page_is_fetched_once(web, env, db, redis_url, tmp_path):
    sites = ("main", "other")
    run, urls = add_pages(db, web, 150, sites)  # killed at 50 written: some 100 left, 2.5 s or more at 40 a second
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
    assert_central_warc(db, tmp_path / "data")  # the restarted collector appended nothing twice


def test_crawl_redis_with_local_workers_fetches_each_page_once(web, env, db, redis_url, tmp_path):
    run, urls = add_pages(db, web, 200, ("main", "other"))
    # (no host_delay, eight requests a host: politeness is not what this proves, and one request a
    # host, a Redis round trip each, kept the two workers waiting on each other)
    out = finish(citewatch(cluster_env(env, redis_url, host_delay=0, per_host_concurrency=8),
                           "crawl", "--redis", redis_url, "--workers", "2"))
    assert "200 sources (live: 200)" in out
    assert_rows_exact(db, urls)
    assert fetches_per_page(web, run) == Counter({n: 1 for n in urls})
    assert_central_warc(db, tmp_path / "data")


def test_a_recheck_on_the_cluster_reuses_unchanged_extractions_and_reads_changed_pages_again(
        web, env, db, redis_url, tmp_path):
    token = uuid.uuid4().hex[:8]
    # an article longer than the start a seed ships, and one that changes between the crawls, on
    # the host whose random paths answer 200: the probe's text is compared with the shipped one
    same, changing = f"{web['soft404']}/crawl/article/7", f"{web['soft404']}/history/{token}/changing"
    ids = add_sources(db, [same, changing])
    cluster = cluster_env(env, redis_url, soft404_probe=1)
    first = finish(citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1"))
    assert "unchanged since their last check" not in first  # nothing to reuse on a first crawl
    urllib.request.urlopen(f"{web['main']}/_control/set?history/{token}/changing=v2").read()
    server = redis.Redis.from_url(redis_url)
    coordinator = citewatch(cluster, "crawl", "--all", "--redis", redis_url, "--workers", "0")
    # (a seed is marked pending before it is queued: wait for both in the queue, not the mark)
    wait_for(lambda: server.zcard(keys.queue_key()) == 2, what="the seeding")
    seeds = {meta["source_id"]: meta for meta in (pickle.loads(raw)["meta"] for raw in server.zrange(keys.queue_key(), 0, -1))}
    shipped = {url: shipped_text(seeds[ids[url]]["citewatch_known"]) for url in (same, changing)}
    assert len(shipped[same]) == 5000 and 0 < len(shipped[changing]) < 5000  # the start of each text
    assert len(seeds[ids[same]]["citewatch_known"]["text"]) < 2500  # compressed in the queue
    worker = citewatch(cluster, "worker", "--redis", redis_url)
    again = finish(coordinator)
    finish(worker)

    fetched = {url: fetches_of(db, ids[url]) for url in (same, changing)}
    for url in (same, changing):
        assert [f["class"] for f in fetched[url]] == ["live", "live"], fetched[url]
    compared = db.execute("select count(*) from fetches where purpose = 'probe' and status = 200").fetchone()[0]
    assert compared == 2  # one probe per crawl, answered 200: the pages were compared with it
    old, new = fetched[same]
    assert new["evidence"]["extraction_reused_from"] == old["id"] and new["sha256"] == old["sha256"]
    assert "extraction_reused_from" not in fetched[changing][1]["evidence"]
    texts = {url: [t["fetch_id"] for t in db.query("select fetch_id from texts where source_id = ? order by id", [ids[url]])]
             for url in (same, changing)}
    assert texts[same] == [old["id"]]                                 # stored once (the shipped start is not a text)
    assert texts[changing] == [f["id"] for f in fetched[changing]]    # the new version read and kept
    assert "1 unchanged since their last check" in " ".join(again.split())


def test_results_the_writer_cannot_take_are_set_aside_and_their_sources_fetched_next_crawl(
        web, env, db, redis_url, tmp_path):
    run, urls = add_pages(db, web, 12, ("main", "other"))
    cluster = cluster_env(env, redis_url)
    server = redis.Redis.from_url(redis_url)
    coordinator = citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0")
    wait_for(lambda: server.scard(keys.PENDING) == len(urls), what="the seeding")
    # a worker with a bug takes three seeds and pushes, for source 1, a result the database cannot
    # take (a column short); for source 2, bytes that are not a result at all; for source 3, a
    # result without its item (so the writer cannot even tell whose it is)
    for queued in server.zrange(keys.queue_key(), 0, -1):
        if pickle.loads(queued)["meta"]["source_id"] in (1, 2, 3):
            server.zrem(keys.queue_key(), queued)
    item = {"source_id": 1, "requested_url": urls[0], "purpose": "live", "attempt": "citewatch", "final_url": urls[0],
            "content_type": "text/html", "memento_timestamp": None, "final": True}
    short_row = {"row": [1, 1, "live"], "item": item, "verdict": {"cls": "live", "reason": ""}, "text": None,
                 "worker": "buggy", "warc_record": None}
    server.rpush(keys.RESULTS, json.dumps(short_row), b"{not a result", json.dumps({**short_row, "item": None}))
    worker = citewatch(cluster, "worker", "--redis", redis_url)
    out = " ".join(finish(coordinator).split())
    finish(worker)

    assert finals(db) == len(urls) - 3  # the others written; the crawl did not wait forever for 2 and 3
    assert db.execute("select status from crawls").fetchall() == [("finished",)]
    aside = [json.loads(e) for e in server.lrange(keys.SET_ASIDE % 1, 0, -1)]
    assert [a["error"].split(":")[0] for a in aside] == [
        "ProgrammingError", "unreadable result (JSONDecodeError", "TypeError",
        "no readable result came for source 2", "no readable result came for source 3"]
    assert json.loads(aside[0]["result"])["item"]["source_id"] == 1
    assert ("5 results could not be written (ProgrammingError: " in out
            and f"they are kept in Redis under {keys.SET_ASIDE % 1} and their sources are still due" in out)
    assert "Traceback" not in out
    # sources 1-3 have no outcome in crawl 1, so the next crawl fetches them (and an old list set
    # aside under crawl 2's id, by a crawl of another database on this Redis, is not its own)
    server.rpush(keys.SET_ASIDE % 2, json.dumps({"error": "another database's", "result": None}))
    again = " ".join(finish(citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1")).split())
    assert "could not be written" not in again
    assert db.execute("select source_id, crawl_id, class from fetches where source_id <= 3 and final = 1 "
                      "order by source_id").fetchall() == [(1, 2, "live"), (2, 2, "live"), (3, 2, "live")]
    assert server.llen(keys.SET_ASIDE % 2) == 0


def test_a_worker_that_pauses_past_its_heartbeat_is_seen_again_and_its_claims_are_not_given_up(
        web, env, db, redis_url, tmp_path):
    # pages that take 2.5 s each: the collector sees gaps with no result coming, longer than its
    # patience, while the worker holds its last claims (6 pages: 4 left at the pause, 2 at a time)
    urls = add_slow_pages(db, web, 6, ms=2500)
    cluster = cluster_env(env, redis_url, redis_heartbeat=1)
    server = redis.Redis.from_url(redis_url)
    coordinator = citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0")
    wait_for(lambda: server.scard(keys.PENDING) == len(urls), what="the seeding")
    worker = citewatch(cluster, "worker", "--redis", redis_url)
    wait_for(lambda: finals(db) >= 2, what="2 pages written")
    os.kill(worker.pid, signal.SIGSTOP)  # a swapping machine: past its heartbeat, its claims go back
    wait_for(lambda: not server.smembers(keys.WORKERS), what="the paused worker taken for dead")
    os.kill(worker.pid, signal.SIGCONT)  # it goes on, claims again, and must be seen holding them
    wait_for(lambda: server.sismember(keys.WORKERS, f"{os.uname().nodename}-{worker.pid}"),
             what="the worker announced again")
    out = " ".join(finish(coordinator).split())
    finish(worker)
    assert finals(db) == len(urls)  # every page written; none given up while the worker held it
    assert server.llen(keys.SET_ASIDE % 1) == 0 and "could not be written" not in out


def live_outcomes(db) -> dict[str, str]:
    """{url: class} of the deciding live fetches."""
    return dict(db.execute("""select s.url, f.class from fetches f join sources s on s.id = f.source_id
                              where f.purpose = 'live' and f.final = 1""").fetchall())


def test_a_cluster_crawl_leaves_social_pages_to_resolve_when_crawl_social_is_off_as_one_machine_does(
        web, env, db, redis_url, tmp_path):
    """crawl_social = false: X/Twitter and Facebook pages are not fetched (logged out, a login wall).
    The seeding dropped the setting, so a cluster fetched them; one machine never did."""
    token = uuid.uuid4().hex[:8]
    # pages on the local web stand in for twitter.com/<handle> and a Facebook page: the kind decides
    urls = {kind: f"{web['main']}/crawl/live?key=cluster-{kind}-{token}" for kind in ("web", "twitter", "facebook")}
    alone = database.open_db(tmp_path / "alone.db")
    for each in (db, alone):
        for kind, url in urls.items():
            add_sources(each, [url], kind=kind)
    out = finish(citewatch(cluster_env(env, redis_url, crawl_social=0), "crawl", "--redis", redis_url, "--workers", "1"))
    assert "1 sources (live: 1)" in out, out
    assert live_outcomes(db) == {urls["web"]: "live"}
    one_machine = {**env, "CITEWATCH_DB": str(tmp_path / "alone.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "alone")}
    crawl_here(fast_env(one_machine, web, tmp_path, crawl_social="0"))
    assert live_outcomes(alone) == live_outcomes(db)


def test_a_cluster_crawl_refuses_the_settings_a_crawl_on_one_machine_refuses(env, db, redis_url, tmp_path):
    """A malformed resolve_hosts entry crashed every worker, and the coordinator waited for ever;
    a missing ca_bundle was crawled with.  Both are the one-line error of a crawl on one machine
    (crawler/crawl.py check_settings), before the crawl is opened or anything seeded; a worker
    elsewhere checks its own before it waits for a crawl (it crashed at its first claim)."""
    add_sources(db, [f"http://127.0.0.1:9/refused-{uuid.uuid4().hex[:8]}"])
    server = redis.Redis.from_url(redis_url)
    for setting, value, message in (
            ("resolve_hosts", "nonsense", "Error: resolve_hosts: 'nonsense' is not host=address"),
            ("ca_bundle", str(tmp_path / "missing.pem"), f"Error: ca_bundle: {tmp_path / 'missing.pem'} is not a file")):
        for command in (["crawl", "--redis", redis_url, "--workers", "1"], ["worker", "--redis", redis_url, "--wait", "0"]):
            proc = cli_here(cluster_env(env, redis_url, **{setting: value}), *command)
            assert proc.returncode == 1 and " ".join(proc.stderr.split()).startswith(message), proc.stdout + proc.stderr
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0
    assert server.exists(keys.CRAWL) == 0 and server.zcard(keys.queue_key()) == 0


def test_a_worker_without_redis_says_so(env, tmp_path):
    proc = cli_here(env, "worker", "--redis", "redis://127.0.0.1:1/0")
    assert proc.returncode == 1
    assert "redis://127.0.0.1:1/0: cannot reach Redis" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "kill", "hangup"])
def test_a_worker_stopped_mid_crawl_says_so_and_leaves_the_crawl_open(web, env, db, redis_url, tmp_path, signum):
    """It said "crawl 1 is complete" and exited 0: the crawl went on, with the other workers.
    A hangup (its terminal closed) killed it outright, its fetches begun dropped."""
    urls = add_slow_pages(db, web, 30, 800)
    cluster = cluster_env(env, redis_url)
    server = redis.Redis.from_url(redis_url)
    with reaped() as procs:
        procs.append(citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0"))
        wait_for(lambda: server.scard(keys.PENDING) == len(urls), what="seeding")
        procs.append(worker := citewatch({**cluster, "CITEWATCH_DATA_DIR": str(tmp_path / "m")}, "worker",
                                         "--redis", redis_url))
        wait_for(lambda: finals(db) >= 2, what="two pages written")
        os.kill(worker.pid, signum)
        said, _ = worker.communicate(timeout=60)
        assert worker.returncode == -signum, said   # dead by it, after its line
        said = " ".join(said.split())
        assert f"Stopped ({signal.Signals(signum).name}) this worker's fetches begun were sent and its other claims " \
               "given back; crawl 1 goes on without it" in said and "is complete" not in said, said
        assert crawl_info(server)["id"] == 1  # still open: the coordinator waits for other workers


def test_a_worker_with_no_crawl_to_join_says_it_waits(env, tmp_path, redis_url):
    """Silent, a worker waiting (up to --wait, 300 s) for a crawl to open looked hung."""
    proc = cli_here(env, "worker", "--redis", redis_url, "--wait", "1", "--data-dir", str(tmp_path / "data"))
    said = " ".join(proc.stderr.split())
    assert proc.returncode == 1 and "Traceback" not in said
    assert said.startswith(f"no crawl is open on {redis_url} yet: waiting up to 1 s for one "
                           f"(`citewatch crawl --redis {redis_url}` opens it)"), said
    assert f"no crawl opened on {redis_url} within 1 s" in said


def test_a_worker_collector_or_coordinator_of_another_version_refuses_the_crawl_in_plain_words(env, db, redis_url):
    server = redis.Redis.from_url(redis_url)
    # a crawl opened by a coordinator from before the protocol was versioned (it published none)
    server.hset(keys.CRAWL, mapping={"id": 1, "settings": json.dumps({"host_delay": 0})})
    for command, role in (("worker", "worker"), ("collect", "collector"), ("crawl", "coordinator")):  # (crawl: resuming it)
        proc = cli_here(env, command, "--redis", redis_url)
        message = " ".join(proc.stderr.split())
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert (f"crawl 1 on {redis_url} was opened by a citewatch that speaks cluster protocol 1, and this {role} "
                f"speaks {keys.PROTOCOL}: run the same citewatch version") in message
        assert "Traceback" not in proc.stderr
    assert server.llen(keys.RESULTS) == 0 and server.zcard(keys.queue_key()) == 0  # it took and wrote nothing


def shipped(tmp_path: Path, count: int) -> list[bytes]:
    """The records-list entries of `count` exchanges, as a worker ships them."""
    entries = []
    warc = WarcFile(tmp_path / "worker.warc.gz", on_record=lambda record, member: entries.append(
        entry(record.rec_headers.get_header("WARC-Record-ID"), member)))
    for n in range(count):
        warc.write_exchange(f"http://127.0.0.1/{n}", "GET", [], 200, "OK", [("Content-Type", "text/html")],
                            f"<p>page {n}</p>".encode() * 50)
    warc.close()
    return entries


def test_a_collector_killed_before_the_trim_appends_no_record_twice(redis_url, tmp_path):
    server = redis.Redis.from_url(redis_url)
    entries = shipped(tmp_path, 3)
    server.rpush(keys.records_key(1), *entries)
    path = tmp_path / "central" / "sources-crawl1.warc.gz"
    first = CentralWarc(path, 1)
    first.append(server.lrange(keys.records_key(1), 0, -1))  # appended and fsynced; killed before the trim
    offsets = dict(first.offsets)
    first.close()

    restarted = CentralWarc(path, 1)
    assert restarted.offsets == offsets  # rebuilt from the file
    assert restarted.drain(server, 1) == 0 and server.llen(keys.records_key(1)) == 0
    restarted.close()
    assert record_ids(path) == [record_ids(path)[0]] + [e.split(b" ", 1)[0].decode() for e in entries]


def test_a_record_cut_off_by_a_kill_is_dropped_and_written_again(redis_url, tmp_path):
    server = redis.Redis.from_url(redis_url)
    entries = shipped(tmp_path, 2)
    path = tmp_path / "sources-crawl1.warc.gz"
    CentralWarc(path, 1).append(entries[:-1])
    whole = path.stat().st_size
    with open(path, "ab") as stream:
        stream.write(entries[-1].split(b" ", 1)[1][:40])  # half a member: the kill came mid-write
    server.rpush(keys.records_key(1), entries[-1])

    restarted = CentralWarc(path, 1)
    assert path.stat().st_size == whole
    assert restarted.drain(server, 1) == 1
    restarted.close()
    ids = record_ids(path)
    assert len(ids) == 1 + len(entries) == len(set(ids))
    assert subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", str(path)]).returncode == 0
