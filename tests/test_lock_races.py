"""Two processes writing one database at once: a write that meets another process's write
lock waits for it (the busy timeout, the write_wait setting), and keeps what that process wrote.

SQLite answers "database is locked" at once, without waiting, to a connection that holds a
read snapshot when it comes to write while another connection holds the write lock or has
committed since that snapshot was taken (waiting could deadlock, and the snapshot could not
become the newest anyway).  A read inside a transaction holds one to its end (sqlite-utils'
insert begins a deferred transaction, and the first text a process stores reads the
full-text indexes' settings in it); a read statement holds one until its last row is read (a
loop that writes while it walks a query's rows).  A read outside the write lock followed by
a write of what it read loses what another process wrote in between.  Another process that
writes often, as a crawl's grouped commits do (crawler/pipelines.py), meets these sooner or
later; each test here puts it there at once (`another_writer_at`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

import db as database
from archive import rescue, stage
from crawler import social
from crawler.state import record_check
from tests.test_archive import DEAD, Seed
from tests.test_social import _state_run, resolution

# How long the other process keeps the write lock once it took it, in seconds: a crawl's
# grouped commit holds it up to half a second (crawler/pipelines.py COMMIT_EVERY).
HOLD = 0.2


def bump_version(other: sqlite_utils.Database) -> None:
    """Any write will do: no stage reads the database's user_version."""
    (version,) = other.execute("PRAGMA user_version").fetchone()
    other.execute(f"PRAGMA user_version = {version + 1}")


def _write_later(other: sqlite_utils.Database, write: Callable[[sqlite_utils.Database], None]) -> None:
    """`write` in a transaction of its own, once the write lock is free (the busy timeout)."""
    with database.write_transaction(other):
        write(other)


@contextlib.contextmanager
def another_writer_at(db, db_path: Path, statement: str,
                      write: Callable[[sqlite_utils.Database], None] = bump_version) -> Iterator[list[bool]]:
    """Another process writes (`write`, on a connection of its own) just as `db` begins its
    first statement that starts with `statement` (in any case, identifiers unquoted; SQLite's
    trace calls before the statement takes any lock): at once, holding the write lock HOLD
    seconds before it commits, as a crawl's grouped commit does; or, when `db` holds the write
    lock already, once `db` lets it go.  Yields a list that then says which: [True] at once,
    [False] after."""
    other = sqlite_utils.Database(sqlite3.connect(db_path, check_same_thread=False))   # (committed by a timer)
    landed: list[bool] = []
    threads: list[threading.Thread] = []

    def trace(sql: str) -> None:
        if landed or not sql.lstrip().replace('"', "").lower().startswith(statement.lower()):
            return
        other.execute("PRAGMA busy_timeout = 0")
        try:
            other.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:   # `db` holds the write lock
            other.execute(f"PRAGMA busy_timeout = {round(1000 * database.WRITE_WAIT)}")
            threads.append(threading.Thread(target=_write_later, args=(other, write)))
            landed.append(False)
        else:
            write(other)
            threads.append(threading.Timer(HOLD, other.conn.commit))
            landed.append(True)
        threads[-1].start()

    db.conn.set_trace_callback(trace)
    try:
        yield landed
    finally:
        db.conn.set_trace_callback(None)
        for thread in threads:
            thread.join()
        other.close()


# ---------------------------------------------------------------- archive stage

def test_forgetting_earlier_archive_faults_waits_for_another_process_writing(archive, tmp_path, db, db_path):
    """rescue.forget_archive_faults walked the snapshots' rows while it unclassified them: its
    first write, on the first of two, failed at once while a crawl held the write lock."""
    seed = Seed(db)
    sources = [seed.source(f"https://rescue.example/{path}", live_class=DEAD) for path in ("replay-fault", "walled")]
    config = archive.config(tmp_path, rescue_live=0)
    archive.set(**{"replay.503": 2})   # the archive's own 503 to both replays
    stage.run(db, config)
    with db.conn:                      # as the archive's 503 used to be read (tests/test_rescue_faults.py)
        db.execute("UPDATE snapshots SET class = 'server-error'")
    with another_writer_at(db, db_path, "UPDATE snapshots SET class = NULL") as landed:
        assert rescue.forget_archive_faults(db, config.data_dir) == 2
    assert landed == [True]
    classes = db.execute("SELECT source_id, class FROM snapshots ORDER BY source_id").fetchall()
    assert classes == [(source, None) for source in sources]


# ---------------------------------------------------------------- resolve stage

CRAWLED = "the crawl's check, committed meanwhile"


def crawl_checks(sources: list[int], config) -> Callable[[sqlite_utils.Database], None]:
    """A crawl's check of each source, recorded as its pipeline records one (crawler/pipelines.py:
    inside its write transaction)."""
    def write(other: sqlite_utils.Database) -> None:
        for source in sources:
            record_check(other, source, {"at": database.now(), "class": "live", "reason": CRAWLED, "attempt": 1},
                         config.values)
    return write


def test_a_tweets_state_recorded_while_a_crawl_checks_it_keeps_the_crawls_check(web, tmp_path):
    """social._check_states read a tweet's checks, then wrote them back with its own: a crawl's
    check of that tweet committed in between was lost (its read was not under the write lock)."""
    db, config, ids = _state_run(web, tmp_path, syndication=True)
    social.run(db, config)                                  # resolved: their states are checked from now on
    posts = [resolution(db, citation)["post_source_id"] for citation in ids.values()]
    with another_writer_at(db, config.db_path, "update sources set state", crawl_checks(posts, config)) as landed:
        social.run(db, config)
    assert len(landed) == 1
    for post in posts:
        checks = json.loads(db["sources"].get(post)["checks"])
        assert [c["reason"] for c in checks].count(CRAWLED) == 1, checks
        assert sum(c.get("via") == "syndication" for c in checks) == 2


def test_resolving_a_post_stores_its_text_while_another_process_writes(web, tmp_path):
    """social._store_text stored a post's text with sqlite-utils' insert, which begins a
    deferred transaction: the process's first text reads the full-text indexes' settings
    (SQLite's FTS5, as the insert is prepared) inside it, and the insert then failed at once
    while a crawl held the write lock."""
    db, config, ids = _state_run(web, tmp_path, syndication=True)
    with another_writer_at(db, config.db_path, "insert into texts") as landed:
        counts = social.run(db, config)
    assert len(landed) == 1
    assert counts["resolved"] == 3 and counts["errors"] == 0
    posts = {resolution(db, citation)["post_source_id"] for citation in ids.values()}
    assert posts <= {source for (source,) in db.execute("select source_id from texts where origin = 'post'")}
