"""A host that asks a distributed crawl to wait beyond `retry_after_cap` is left alone, this crawl and the next.

- In a distributed crawl (`citewatch crawl --redis`, workers `citewatch worker`) a 429 whose
  Retry-After is beyond the cap made its source rate-limited and closed nothing: every worker
  went on asking the host (each answer another 429 on a real site), and the next crawl asked it
  all again at once.  Now the worker that meets it closes the host for the crawl on every worker
  (crawler/cluster/limiter.py, a hash per crawl in Redis): the host's other sources are dropped
  unasked on whichever worker holds them (a request waiting for its turn, a seed claimed after),
  each dropped seed's claim ends with a result of kind "unasked" (crawler/cluster/frontier.py
  `Frontier.release`), so the coordinator does not wait for it, and the source keeps its state
  and stays due; the collector keeps the wait's end in table host_quiet; the coordinator seeds
  nothing of such a host before then, and says so once per host, as the single-machine crawl
  (tests/test_host_quiet.py).
- A robots.txt answered so holds its host alike: its pages are asked nothing, and the other
  worker, which asked for the robots.txt too, does not send its request once its turn comes.

Real distributed crawls (`citewatch crawl --redis --workers 2`: a coordinator called in this process,
tests/clirun.py `crawl_here`, and two local worker processes; its standard output read, the log's
copy of a line aside) of the test web under
pinned names (tests/test_resolve.py).  The 429s come from sites of this module, served by the test
process (as tests/test_host_quiet.py's robots.txt site), `SLOW` seconds after they are asked and with
`host_delay` longer than that: both workers hold requests to the host when the 429 comes (unless a
worker starts that late), and the one in the host's next turn wakes after it.
"""

from __future__ import annotations

import datetime
import time
import uuid

import pytest
import redis

from crawler.cluster import collect
from crawler.cluster import frontier as keys
from crawler.cluster.frontier import crawl_info
from crawler.config import load_config
from crawler.state import keep_host_quiet, quiet_hosts
from tests.clirun import crawl_here
from tests.crawling import add_sources, outcome
from tests.test_distributed import cluster_env
from tests.test_host_quiet import ASKED, PINS, ROBOTS, _fetched, _kept, _now, _states
from tests.test_resolve import _renamed
from tests.web import server
from tests.web.server import Request as WebRequest, Response as WebResponse, route

SLOW = 2.0          # seconds a 429 takes to come
HOST_DELAY = 3.5    # the host's next turn comes after it (and the 429's reading)

# A site whose first request of a key answers 429 with a Retry-After of an hour, any later one the
# page; each is counted under "first-429:<key>".
FIRST_429 = "quiet-first-429"
# A site whose robots.txt answers 429 with a Retry-After of an hour (counted, "slow-robots"); its
# pages (/slow-robots-page/?key=K) are counted under "slow-robots-page:<K>".
SLOW_ROBOTS = "quiet-slow-robots"
_TOO_MANY = WebResponse(429, b"Too Many Requests", headers=[("Retry-After", "3600")], content_type="text/plain")
_PAGE = WebResponse(200, b"<html><head><title>A statement</title></head><body><p>Text.</p></body></html>")


@route("/first-429/", site=FIRST_429)
def _first_429(req: WebRequest) -> WebResponse:
    key = f"first-429:{req.arg('key')}"
    with server.STATE.lock:
        first = not server.STATE.counters.get(key)
    server.STATE.count(key)
    if not first:
        return _PAGE
    time.sleep(SLOW)
    return _TOO_MANY


@route("/robots.txt", site=SLOW_ROBOTS)   # (this site's, over the test web's for every site)
def _slow_robots_429(req: WebRequest) -> WebResponse:
    server.STATE.count("slow-robots")
    time.sleep(SLOW)
    return _TOO_MANY


@route("/slow-robots-page/", site=SLOW_ROBOTS)
def _slow_robots_page(req: WebRequest) -> WebResponse:
    server.STATE.count(f"slow-robots-page:{req.arg('key')}")
    return _PAGE


@pytest.fixture(scope="module")
def sites() -> dict[str, str]:
    """This module's sites' base URLs: FIRST_429 under the pinned name `ASKED`, SLOW_ROBOTS under `ROBOTS`."""
    bases = server.start((FIRST_429, SLOW_ROBOTS))
    return {FIRST_429: _renamed(bases[FIRST_429], ASKED, ""), SLOW_ROBOTS: _renamed(bases[SLOW_ROBOTS], ROBOTS, "")}


def _hits(key: str) -> int:
    """Requests this test process's sites counted under `key`."""
    return len(server.STATE.counters.get(key, []))


def _quiet_lines(out: str, host: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(f"{host} asked to wait until")]


def _cluster(env: dict, redis_url: str, **overrides) -> dict:
    """Two requests at a time per worker (so that the host's later sources are claimed after the
    429 too), the 429's cap at 10 s, the host's turns `HOST_DELAY` apart."""
    return cluster_env(env, redis_url, resolve_hosts=PINS, retry_after_cap=10, host_delay=HOST_DELAY, concurrency=2,
                       **overrides)


def test_a_host_asking_a_worker_to_wait_beyond_the_cap_is_asked_nothing_more_by_any_worker_nor_by_the_next_crawl(
        web, env, db, redis_url, sites):
    """Whichever of the host's four sources is asked first answers 429 (an hour); the other three
    are asked by no worker, have no fetch row, keep their state and stay due; the crawl ends
    without waiting for their claims; the time is kept; the next distributed crawl asks the host
    nothing, not even its robots.txt, and says so once.  The progress counts the three apart, "left
    for later", and ends full (it ended at 4/7, as if the crawl had stopped short)."""
    key = uuid.uuid4().hex
    asked = [f"{sites[FIRST_429]}/first-429/?key={key}&n={n}" for n in range(4)]
    elsewhere = [f"{key}-other-{n}" for n in range(3)]                  # 127.0.0.1: another host name
    ids = add_sources(db, asked + [f"{web['other']}/crawl/live?key={k}" for k in elsewhere])
    before = _states(db, [ids[url] for url in asked])
    cluster = _cluster(env, redis_url, obey_robots=0)
    started = _now()
    result = crawl_here(cluster, "--redis", redis_url, "--workers", "2")
    out = result.stdout

    assert _hits(f"first-429:{key}") == 1, out                          # asked once, by one worker
    fetched = [ids[url] for url in asked if _fetched(db, [ids[url]])]
    assert len(fetched) == 1, out
    limited = outcome(db, fetched[0])
    assert (limited["class"], limited["evidence"]["retry_after"]) == ("rate-limited", 3600), limited
    left = [ids[url] for url in asked if ids[url] not in fetched]
    assert _states(db, left) == {i: before[i] for i in left}                # no fetch, states kept
    assert {outcome(db, ids[f"{web['other']}/crawl/live?key={k}"])["class"] for k in elsewhere} == {"live"}
    assert db.execute("select status from crawls").fetchall() == [("finished",)]
    kept = _kept(db)[ASKED]
    assert started + datetime.timedelta(seconds=3590) < kept < _now() + datetime.timedelta(seconds=3610), kept
    lines = _quiet_lines(out, ASKED)
    assert len(lines) == 1 and "its 3 sources are left for a later run" in lines[0], out
    last = [line for line in result.stderr.splitlines() if line.startswith("sources (redis):")][-1]
    assert last.startswith("sources (redis): 4/4 (100%), ") and "left for later:3" in last, result.stderr
    shared = redis.Redis.from_url(redis_url)
    assert shared.scard(keys.PENDING) == 0 and not shared.exists(keys.quiet_key(1))

    # the next crawl, before the time: nothing seeded of the host, not even its robots.txt asked
    newer = f"{web['other']}/crawl/live?key={key}-later"
    ids.update(add_sources(db, [newer]))
    out = crawl_here({**cluster, "CITEWATCH_OBEY_ROBOTS": "1"}, "--redis", redis_url, "--workers", "2").stdout
    assert _hits(f"first-429:{key}") == 1 and _hits(f"robots:{FIRST_429}") == 0, out
    assert _fetched(db, left) == 0 and _states(db, left) == {i: before[i] for i in left}
    assert outcome(db, ids[newer])["class"] == "live"
    lines = _quiet_lines(out, ASKED)
    assert len(lines) == 1 and "its 3 sources are left for a later run" in lines[0], out


def test_a_robots_txt_asking_a_worker_to_wait_beyond_the_cap_holds_its_host_on_every_worker(
        web, env, db, redis_url, sites):
    """Its 429 was read as an empty robots.txt and every page asked by the workers.  Now the host's
    robots.txt is asked once in the crawl (the other worker's request for it, in the host's next
    turn, is not sent), its pages not at all: no fetch row, states kept, the time kept, said once."""
    key = uuid.uuid4().hex
    pages = [f"{key}-{n}" for n in range(3)]
    ids = add_sources(db, [f"{sites[SLOW_ROBOTS]}/slow-robots-page/?key={k}" for k in pages]
                      + [f"{web['other']}/crawl/live?key={key}-other"])
    left = [ids[f"{sites[SLOW_ROBOTS]}/slow-robots-page/?key={k}"] for k in pages]
    before = _states(db, left)
    robots_before = _hits("slow-robots")
    out = crawl_here(_cluster(env, redis_url), "--redis", redis_url, "--workers", "2").stdout

    assert _hits("slow-robots") == robots_before + 1, out
    assert [_hits(f"slow-robots-page:{k}") for k in pages] == [0, 0, 0]
    assert _fetched(db, left) == 0 and _states(db, left) == before
    assert outcome(db, ids[f"{web['other']}/crawl/live?key={key}-other"])["class"] == "live"
    assert ROBOTS in _kept(db)
    lines = _quiet_lines(out, ROBOTS)
    assert len(lines) == 1 and "its 3 sources are left for a later run" in lines[0], out


def test_the_coordinator_seeds_nothing_of_a_host_whose_time_is_kept_and_tells_its_workers(db, redis_url):
    """`crawl --redis` seeds the due sources (crawler/cluster/collect.py `seed`), less those of a host
    kept quiet (table host_quiet), as the single-machine crawl asks them nothing; the crawl it
    publishes names the host, for a worker to drop what reaches it otherwise (a redirect)."""
    waiting = [f"http://{ASKED}/page-{n}" for n in range(2)]
    ids = add_sources(db, waiting + ["http://elsewhere.quiet.example/page"])
    keep_host_quiet(db, ASKED, time.time() + 3600)
    db.conn.commit()
    config = load_config(env={})
    shared = redis.Redis.from_url(redis_url)
    crawl_id, _ = collect.open_cluster_crawl(db, config, shared, redis_url, quiet=quiet_hosts(db))
    assert collect.seed(db, config, shared, crawl_id)["seeded"] == 1
    assert shared.smembers(keys.PENDING) == {str(ids["http://elsewhere.quiet.example/page"]).encode()}
    assert set(crawl_info(shared)["quiet"]) == {ASKED}


def test_the_coordinators_retry_settings_reach_its_workers(db, redis_url):
    """When a host's 429 is waited for and when it closes the host for the crawl on every worker
    (`retry_after_cap`, `retry_after_default`, `retry_backoff`) is the coordinator's, as its other
    crawl settings are: each worker used its own, so which one met the 429 decided.  The
    User-Agent sent is the configured one and its contact, from which each worker builds its header."""
    config = load_config(env={"CITEWATCH_RETRY_AFTER_CAP": "7", "CITEWATCH_RETRY_AFTER_DEFAULT": "3",
                              "CITEWATCH_RETRY_BACKOFF": "0.25", "CITEWATCH_USER_AGENT": "archivist-bot/1.0"})
    shared = redis.Redis.from_url(redis_url)
    collect.open_cluster_crawl(db, config, shared, redis_url)
    sent = crawl_info(shared)["settings"]
    assert (sent["retry_after_cap"], sent["retry_after_default"], sent["retry_backoff"]) == (7.0, 3.0, 0.25)
    assert (sent["user_agent"], sent["contact_url"]) == ("archivist-bot/1.0", config.values["contact_url"])
    assert sent["host_delay"] == config.values["host_delay"] and "redis" not in sent
