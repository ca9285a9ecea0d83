"""A live host that asks to wait longer than `retry_after_cap` is left alone, this crawl and the next.

- Its 429 with a Retry-After beyond the cap made its source rate-limited, and the host's other
  sources were still asked in the same crawl (each likely answered 429 again), and the next
  crawl, minutes later, asked it all again.  Now nothing more is asked of that host name in the
  crawl (crawler/middlewares/retries.py `BrowserRetryMiddleware._quiet`): its other sources get no
  request and no fetch row, keep their state and stay due; and the end of its Retry-After (a
  number of seconds or an HTTP date) is kept in the database (table host_quiet), so later crawls
  ask the host nothing before then (spiders/sources.py, crawler/crawl.py), saying so once per
  host with the way to ask sooner; after it, the host is asked as usual.
- A robots.txt answered so holds its host alike, and says so (it left every source unchecked
  with no word when this was first tried).

The page that waits on its host's soft-404 probe, and a stop during a within-cap hold (whose
end is kept too), are in tests/test_polite_crawl.py.  Real crawls of the test web under
pinned names (tests/test_resolve.py); a host whose robots.txt answers 429 is a site of this module.
"""

from __future__ import annotations

import datetime
import email.utils
import urllib.parse
import uuid

import pytest

from crawler.state import keep_host_quiet, quiet_hosts
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_distributed import counters
from tests.test_resolve import _renamed
from tests.web import server
from tests.web.server import Request as WebRequest, Response as WebResponse, route

ASKED = "asked.quiet.example"
ROBOTS = "robots.quiet.example"
PINS = f"{ASKED}=127.0.0.1,{ROBOTS}=127.0.0.1,*=fail"

# A site of the test web served by this test process whose robots.txt answers 429 with a
# Retry-After of an hour; its pages (/quiet-page/?key=K) count their requests.
QUIET_ROBOTS = "quiet-robots-txt"


@route("/robots.txt", site=QUIET_ROBOTS)   # (this site's, over the test web's for every site)
def _robots_429(req: WebRequest) -> WebResponse:
    server.STATE.count(f"quiet-robots:{req.arg('key', '')}")
    server.STATE.count("quiet-robots")
    return WebResponse(429, b"Too Many Requests", headers=[("Retry-After", "3600")], content_type="text/plain")


@route("/quiet-page/", site=QUIET_ROBOTS)
def _quiet_page(req: WebRequest) -> WebResponse:
    server.STATE.count(f"quiet-page:{req.arg('key')}")
    return WebResponse(200, b"<html><head><title>A statement</title></head><body><p>Text.</p></body></html>")


@pytest.fixture(scope="module")
def quiet_robots() -> str:
    """The site's base URL under the pinned name `ROBOTS`."""
    return _renamed(server.start((QUIET_ROBOTS,))[QUIET_ROBOTS], ROBOTS, "")


def waiting_env(env: dict, web: dict, tmp_path, **more) -> dict:
    """`fast_env` for a crawl of a host that asks to wait beyond the cap (10 s): the pinned names,
    one request at a time on a host, 0.2 s apart, no soft-404 probe."""
    return fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=0.2,
                    retry_after_cap=10, soft404_probe=0, **more)


def _states(db, ids) -> dict[int, tuple]:
    """What a check changes on a source: its state fields and when it is due."""
    return {i: tuple(db.execute("select state, state_reason, failing_checks, checks, next_check from sources "
                                "where id = ?", [i]).fetchone()) for i in ids}


def _fetched(db, ids) -> int:
    return db.execute(f"select count(*) from fetches where source_id in ({','.join('?' * len(ids))})",
                      list(ids)).fetchone()[0]


def _kept(db) -> dict[str, datetime.datetime]:
    return {host: datetime.datetime.fromisoformat(at) for host, at in db.execute("select host, not_before from host_quiet")}


def _kept_beyond(db, host: str, seconds: float) -> bool:
    """Whether the time kept for `host` (table host_quiet) is more than `seconds` from now."""
    row = db.execute("select julianday(not_before) - julianday('now') from host_quiet where host = ?", [host]).fetchone()
    return bool(row) and row[0] * 86400 > seconds


def _let_pass(db, host: str) -> None:
    """The time kept for `host`, moved into the past: as if its wait had passed."""
    db.execute("update host_quiet set not_before = '2000-01-01T00:00:00+00:00' where host = ?", [host])
    db.conn.commit()


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def test_a_host_asking_to_wait_beyond_the_cap_is_asked_nothing_more_this_crawl_nor_the_next_until_its_time(
        web, env, db, tmp_path):
    key = uuid.uuid4().hex
    asked = _renamed(web["main"], ASKED, "")
    beyond = f"{asked}/crawl/rate-limited?after=3600&key={key}"          # Retry-After: 3600 > the cap
    pages = [f"{key}-asked-{n}" for n in range(3)]
    elsewhere = [f"{key}-other-{n}" for n in range(2)]                    # 127.0.0.1: another host name
    ids = add_sources(db, [beyond] + [f"{asked}/crawl/live?key={k}" for k in pages]
                      + [f"{web['other']}/crawl/live?key={k}" for k in elsewhere])
    left = [ids[f"{asked}/crawl/live?key={k}"] for k in pages]
    before = _states(db, left)
    crawl_env = waiting_env(env, web, tmp_path)
    started = _now()
    out = crawl_here(crawl_env).stdout

    limited = outcome(db, ids[beyond])
    assert (limited["class"], limited["evidence"]["retry_after"]) == ("rate-limited", 3600), limited
    assert [len(counters(web).get(f"live:{k}", [])) for k in pages] == [0, 0, 0]   # no request reached it ...
    assert _fetched(db, left) == 0 and _states(db, left) == before                 # ... no fetch, states kept
    assert {outcome(db, ids[f"{web['other']}/crawl/live?key={k}"])["class"] for k in elsewhere} == {"live"}
    assert db.execute("select status from crawls").fetchone()[0] == "finished"
    kept = _kept(db)[ASKED]
    assert started + datetime.timedelta(seconds=3590) < kept < _now() + datetime.timedelta(seconds=3610), kept
    lines = [line for line in out.splitlines() if f"{ASKED} asked to wait" in line]
    assert len(lines) == 1 and "asked to wait until" in lines[0] and "its 3 sources are left for a later run" in lines[0] \
        and f"DELETE FROM host_quiet WHERE host = '{ASKED}'" in lines[0], out

    # the next crawl, before the time: not one request to the host (robots.txt neither), said once
    robots = len(counters(web).get("robots:main", []))
    newer = f"{web['other']}/crawl/live?key={key}-later"
    ids.update(add_sources(db, [newer]))
    out = crawl_here(crawl_env).stdout
    assert len(counters(web).get("robots:main", [])) == robots
    assert [len(counters(web).get(f"live:{k}", [])) for k in pages] == [0, 0, 0]
    assert _fetched(db, left) == 0 and _states(db, left) == before
    assert outcome(db, ids[newer])["class"] == "live"
    assert len([line for line in out.splitlines() if f"{ASKED} asked to wait until" in line]) == 1, out
    assert "its 3 sources are left for a later run" in out, out

    # after the time: asked as usual, and the time kept goes
    _let_pass(db, ASKED)
    crawl_here(crawl_env)
    assert [len(counters(web).get(f"live:{k}", [])) for k in pages] == [1, 1, 1]
    assert {outcome(db, i)["class"] for i in left} == {"live"}
    assert ASKED not in _kept(db)


def test_a_crawl_that_finds_every_due_source_at_a_waiting_host_says_so(web, env, db, tmp_path):
    """Nothing else due: no crawl is opened, and the summary says why, not "no source was due"."""
    key = uuid.uuid4().hex
    asked = _renamed(web["main"], ASKED, "")
    ids = add_sources(db, [f"{asked}/crawl/live?key={key}"])
    db.execute("insert into host_quiet (host, not_before, set_at) values (?, ?, ?)",
               [ASKED, (_now() + datetime.timedelta(hours=1)).isoformat(timespec="seconds"), _now().isoformat()])
    db.conn.commit()
    out = crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS)).stdout
    assert not counters(web).get(f"live:{key}")
    assert _fetched(db, ids.values()) == 0
    assert "its 1 source is left for a later run" in out, out
    assert "0 sources fetched: 1 due source is at hosts that asked to wait" in out, out


def test_a_retry_after_given_as_a_date_is_kept_to_that_date(web, env, db, tmp_path):
    key = uuid.uuid4().hex
    when = (_now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    date = urllib.parse.quote(email.utils.format_datetime(when, usegmt=True))
    ids = add_sources(db, [f"{_renamed(web['main'], ASKED, '')}/crawl/rate-limited?after={date}&key={key}"])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS, retry_after_cap=10, soft404_probe=0))
    assert outcome(db, next(iter(ids.values())))["class"] == "rate-limited"
    assert abs((_kept(db)[ASKED] - when).total_seconds()) <= 2, _kept(db)


def test_a_robots_txt_asking_to_wait_beyond_the_cap_holds_its_host_and_says_so(web, env, db, tmp_path, quiet_robots):
    """Its 429 was read as an empty robots.txt and every page was asked (each a 429 on a real
    site).  Now its pages are asked nothing, have no fetch row and stay due, the run says so,
    and the next crawl leaves the host alone until the time."""
    key = uuid.uuid4().hex
    pages = [f"{key}-{n}" for n in range(3)]
    ids = add_sources(db, [f"{quiet_robots}/quiet-page/?key={k}" for k in pages]
                      + [f"{web['other']}/crawl/live?key={key}-other"])
    left = [ids[f"{quiet_robots}/quiet-page/?key={k}"] for k in pages]
    before = _states(db, left)
    robots_before = len(server.STATE.counters.get("quiet-robots", []))
    out = crawl_here(waiting_env(env, web, tmp_path)).stdout

    assert len(server.STATE.counters.get("quiet-robots", [])) == robots_before + 1
    assert [len(server.STATE.counters.get(f"quiet-page:{k}", [])) for k in pages] == [0, 0, 0]
    assert _fetched(db, left) == 0 and _states(db, left) == before
    assert outcome(db, ids[f"{web['other']}/crawl/live?key={key}-other"])["class"] == "live"
    assert ROBOTS in _kept(db)
    assert f"{ROBOTS} asked to wait until" in out and "its 3 sources are left for a later run" in out, out


def test_a_time_kept_is_never_shortened_nor_kept_beyond_a_day(db):
    """A later, shorter Retry-After does not undo a longer one kept; a longer one moves it on;
    none is kept further than `RETRY_AFTER_MOST` ahead, and one stored further (the clock has
    gone back) is replaced."""
    now = _now().timestamp()
    keep_host_quiet(db, "Example.org", now + 7200)
    keep_host_quiet(db, "example.org", now + 3600)
    assert 7190 < (_kept(db)["example.org"] - _now()).total_seconds() <= 7200
    keep_host_quiet(db, "example.org", now + 10800)
    assert 10790 < (_kept(db)["example.org"] - _now()).total_seconds() <= 10800
    keep_host_quiet(db, "example.org", now + 30 * 86400)
    assert (_kept(db)["example.org"] - _now()).total_seconds() <= 86400
    db.execute("update host_quiet set not_before = '2099-01-01T00:00:00+00:00'")
    assert quiet_hosts(db) == {}                                   # (ignored: none is kept so far ahead)
    keep_host_quiet(db, "example.org", now + 600)
    assert 590 < (_kept(db)["example.org"] - _now()).total_seconds() <= 600
    assert set(quiet_hosts(db)) == {"example.org"}


def test_the_progress_of_a_crawl_counts_the_sources_a_waiting_host_leaves_for_later(web, env, db, tmp_path):
    """The sources a host's over-cap 429 leaves unasked get no outcome: the progress ended short of
    its total ("sources: 2/4 (50%)"), as if the crawl had stopped.  Now they leave the total and are
    counted apart, so the last line says the crawl got through all it could ask."""
    key = uuid.uuid4().hex
    asked = _renamed(web["main"], ASKED, "")
    add_sources(db, [f"{asked}/crawl/rate-limited?after=3600&key={key}"]
                + [f"{asked}/crawl/live?key={key}-{n}" for n in range(2)] + [f"{web['other']}/crawl/live?key={key}"])
    result = crawl_here(waiting_env(env, web, tmp_path))

    last = [line for line in result.stderr.splitlines() if line.startswith("sources:")][-1]
    assert last.startswith("sources: 2/2 (100%), "), result.stderr
    assert "left for later:2" in last and "rate-limited:1" in last and "live:1" in last, last
