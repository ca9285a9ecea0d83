"""Writes meant to stand or fall together do: a failure at the second leaves nothing of the first.

sqlite-utils 4 commits each of its writes (`db.execute`, `insert`, `upsert`, `update`) at once
when no transaction was open before it, so the `with db.conn:` blocks these writes sat in
grouped nothing: a failure half way left the first writes committed (a lookup recorded
without its mementos, a memento's row deleted and never moved, a refused source's fetch
without its check, an offline crawl's checks withdrawn and the crawl left open).  Each now
runs in `db.write_transaction`.  Each case below makes the block's later write fail with a
test-only trigger in the test's own database (data: SQLite refuses the write, as a full disk
or a constraint would) and reads what stayed.
"""

from __future__ import annotations

import datetime
import json
import sqlite3

import pytest
import redis

import db as database
from archive import rescue, save, snapshots
from archive.mementos import Memento
from archive.wayback import Wayback, WaybackOptions
from crawler import reconcile, social
from crawler.cluster import collect
from crawler.config import load_config
from crawler.crawl import close_crawl
from crawler.state import open_crawl
from tests.crawling import add_sources, source
from tests.factories import Factory
from tests.test_offline_crawl import OFFLINE, _record

BASE = "https://web.archive.org"
PAGE = "https://gov.example/statement"
WINDOW = 90.0


def refuse(db, table: str, event: str, when: str = "1") -> None:
    """A test-only trigger: SQLite refuses the `event` (INSERT, UPDATE, UPDATE OF col) on
    `table` where `when` holds, as it would a write on a full disk."""
    db.conn.execute(f"CREATE TRIGGER refuse_{table} BEFORE {event} ON {table} WHEN {when} "
                    "BEGIN SELECT RAISE(ABORT, 'test: the write is refused'); END")


def rows(db, sql: str, params=()) -> list[tuple]:
    return [tuple(r) for r in db.execute(sql, params).fetchall()]


# --- the cases: each returns (the block to run, what must still read the same after it fails)


def _page(db) -> tuple[Factory, int]:
    make = Factory(db)
    return make, make.source(PAGE)


def closest_flagged(db):
    """mark_closest: the flags cleared, then the best memento flagged."""
    make, src = _page(db)
    make.snapshot(src, "20190101000000", closest=True, distance_days=-455.0)     # flagged, now outranked
    make.snapshot(src, "20200330000000", closest=False, distance_days=-1.0)
    refuse(db, "snapshots", "UPDATE OF closest", "NEW.closest = 1")
    return (lambda: snapshots.mark_closest(db, src, WINDOW),
            lambda: rows(db, "select timestamp, closest from snapshots order by id"))


def mementos_stored(db):
    """snapshots.store: a lookup's mementos, one upsert each."""
    _, src = _page(db)
    found = [Memento("20200330000000", PAGE, "200"), Memento("20200402000000", PAGE, "200")]
    refuse(db, "snapshots", "INSERT", "NEW.timestamp = '20200402000000'")
    return (lambda: snapshots.store(db, src, found, BASE, None),
            lambda: rows(db, "select timestamp from snapshots"))


def distances_moved(db):
    """snapshots.redistance: every memento's distance to a citation date that changed."""
    make, src = _page(db)
    make.snapshot(src, "20200330000000", distance_days=-1.0)
    last = make.snapshot(src, "20200402000000", distance_days=2.0)
    refuse(db, "snapshots", "UPDATE OF distance_days", f"OLD.id = {last}")
    target = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    return (lambda: snapshots.redistance(db, src, target),
            lambda: rows(db, "select timestamp, distance_days from snapshots order by id"))


def lookup_kept(db):
    """snapshots._keep: the mementos found and the lookup's outcome, recorded last."""
    _, src = _page(db)
    found = snapshots.Lookup("ok", "1 capture", [Memento("20200330000000", PAGE, "200")])
    refuse(db, "archive_lookups", "INSERT")
    return (lambda: snapshots._keep(db, src, None, found, BASE, WINDOW),
            lambda: rows(db, "select timestamp, closest from snapshots"))


def memento_settled(db, tmp_path):
    """rescue._read_back: a user's inexact memento (/web/2020/) fetched, its row moved onto the
    capture the archive served (snapshots.settle: DELETE, then INSERT)."""
    make, src = _page(db)
    crawl = make.crawl("2026-01-02T00:00:00+00:00")
    padded = make.snapshot(src, "20201231235959", closest=True, cls=None)
    db.execute("update snapshots set status = null where id = ?", [padded])   # a user's: no CDX status
    asked = rescue._replay_url(db["snapshots"].get(padded))
    served = Memento("20200402100000", PAGE).url(BASE, raw=True)
    make.fetch(crawl, src, "live", purpose="memento", requested_url=asked, final_url=served,
               redirects=json.dumps([{"url": asked, "status": 302}, {"url": served, "status": 200}]))
    refuse(db, "snapshots", "INSERT")
    wanted = [{"source_id": src, "timestamp": "20201231235959", "url": asked}]
    return (lambda: rescue._read_back(db, crawl, wanted, WINDOW, str(tmp_path)),
            lambda: rows(db, "select timestamp, class from snapshots"))


def offline_crawl_closed(db):
    """close_crawl (the crawl stage, a plain `scrapy crawl`, the collector, a memento round):
    an offline crawl's checks withdrawn, then its row finished."""
    [src] = add_sources(db, ["https://gone.example/statement"]).values()
    crawl_id, _ = open_crawl(db, {})
    _record(db, crawl_id, src, "dns-failure", "2026-01-02T00:00:00+00:00")
    refuse(db, "crawls", "UPDATE OF status", "NEW.status = 'finished'")
    return (lambda: close_crawl(db, crawl_id, values=OFFLINE),
            lambda: (source(db, src)["checks"], rows(db, "select status, offline from crawls")))


def refusal_seeded(db, redis_url):
    """collect.seed: a source refused before any request, its fetch, then its check (atomic
    already by chance: the fetch's upsert returns its id, and sqlite-utils commits no statement
    that returns rows, so the check joined its transaction; kept so by write_transaction)."""
    [src] = add_sources(db, ["http://127.0.0.1:9/private"]).values()   # a private address: refused
    crawl_id, _ = open_crawl(db, {"redis": True})
    refuse(db, "sources", "UPDATE")
    server = redis.Redis.from_url(redis_url)
    return (lambda: collect.seed(db, load_config(env={}), server, crawl_id),
            lambda: (rows(db, "select count(*) from fetches"), source(db, src)["checks"]))


def candidates_stored(db):
    """social._store_candidates: each post read for a citation, one upsert each."""
    make = Factory(db)
    doc = make.document()
    statement = make.statement(doc, 1, "Latvia", "Latvia stands with the people.")
    account = make.source("twitter:@mfa_latvia", kind="twitter")
    citation = make.citation(doc, statement, 1, account, kind="twitter", handle="@mfa_latvia")
    utc = datetime.timezone.utc
    target = social.Target(citation, 1, "twitter", "mfa_latvia", account, "Latvia stands with the people.",
                           datetime.datetime(2020, 3, 30, tzinfo=utc), datetime.datetime(2020, 4, 2, tzinfo=utc))
    posts = [{"kind": "post", "citation_id": citation, "platform": "twitter", "post_id": post_id,
              "posted": "20200331120000", "text": text, "url": f"https://twitter.com/mfa_latvia/status/{post_id}",
              "memento_url": None, "via": "nitter", "layout": "nitter", "status": 200}
             for post_id, text in (("1245", "Latvia stands with the people."), ("1246", "Another post."))]
    refuse(db, "candidates", "INSERT", "NEW.post_id = '1246'")
    return (lambda: social._store_candidates(db, {citation: target}, posts),
            lambda: rows(db, "select post_id from candidates"))


def checks_written(db):
    """reconcile.write: a statement's checks (this block was atomic already, on the raw
    connection: kept so by write_transaction)."""
    make = Factory(db)
    statement = make.statement(make.document(), 1, "Latvia", "Latvia stands with the people.")
    checks = [reconcile.Check("overall", "verbatim", "found"), reconcile.Check("text", "verbatim", "found")]
    refuse(db, "quote_checks", "INSERT", "NEW.scope = 'text'")
    return (lambda: reconcile.write(db, statement, checks),
            lambda: rows(db, "select scope from quote_checks"))


def capture_kept(db):
    """save._done: the capture the archive made stored, then its save job closed."""
    make, src = _page(db)
    job = make.save_job(src, status="pending")
    refuse(db, "save_jobs", "UPDATE OF status", "NEW.status = 'done'")
    return (lambda: save._done(db, dict(db["save_jobs"].get(job)), Memento("20260102000000", PAGE, "200"),
                               Wayback(WaybackOptions(base=BASE))),
            lambda: (rows(db, "select timestamp from snapshots"), rows(db, "select status from save_jobs")))


CASES = [
    pytest.param(closest_flagged, (), id="mark_closest"),
    pytest.param(mementos_stored, (), id="store"),
    pytest.param(distances_moved, (), id="redistance"),
    pytest.param(lookup_kept, (), id="keep"),
    pytest.param(memento_settled, ("tmp_path",), id="read_back"),
    pytest.param(offline_crawl_closed, (), id="close_crawl"),
    pytest.param(refusal_seeded, ("redis_url",), id="seed"),
    pytest.param(candidates_stored, (), id="store_candidates"),
    pytest.param(checks_written, (), id="reconcile_write"),
    pytest.param(capture_kept, (), id="save_done"),
]


@pytest.mark.parametrize("make, fixtures", CASES)
def test_a_refused_later_write_leaves_nothing_of_the_earlier_ones(make, fixtures, request, db):
    """The block raises SQLite's refusal, and reads as it did before it ran."""
    run, read = make(db, *map(request.getfixturevalue, fixtures))
    before = read()
    with pytest.raises(sqlite3.IntegrityError, match="test: the write is refused"):
        run()
    assert not db.conn.in_transaction
    assert read() == before


def test_a_write_transaction_begun_inside_another_is_a_savepoint_of_it(db):
    """Helpers that group their writes compose: inside an open transaction (a caller's, the
    crawl's grouped commit) one is undone alone on error, and stands or falls with the outer
    one (a BEGIN there failed: "cannot start a transaction within a transaction")."""
    db.execute("create table t (x integer not null)")
    with database.write_transaction(db):
        db["t"].insert({"x": 1})
        with pytest.raises(sqlite3.IntegrityError):
            with database.write_transaction(db):
                db["t"].insert({"x": 2})
                db["t"].insert({"x": None})
        assert db.conn.in_transaction   # the outer one goes on
    assert rows(db, "select x from t") == [(1,)]
    with pytest.raises(RuntimeError):
        with database.write_transaction(db):
            with database.write_transaction(db):
                db["t"].insert({"x": 3})
            raise RuntimeError("the outer block fails after the inner one ended")
    assert rows(db, "select x from t") == [(1,)] and not db.conn.in_transaction
