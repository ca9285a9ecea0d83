"""Recording a run: the changes since the run compared with, a word diff per
changed text, are computed before the write lock is taken, so that another process writes
meanwhile; a run another process records meanwhile is the one compared with."""

from __future__ import annotations

import sqlite3

import db as database
from crawler import history
from tests.factories import Factory

DAY = "2026-01-{:02d}T00:00:00+00:00".format
# The statement that reads a changed text for its word diff (history._text): while it runs, the
# changes are being computed.
READS_A_TEXT = "select text from texts where id = "


def _drifted(db) -> int:
    """A source whose text a recorded run read, then a crawl read it changed: content drift for the
    next run.  The source's id."""
    f = Factory(db)
    source = f.source("https://mfa.example.org/statement", state="live")
    f.fetch(f.crawl(DAY(1), scheduled=True), source, "live", text="The Ministry states that the vote has no effect.")
    history.record_run(db, scheduled=True)
    f.fetch(f.crawl(DAY(8), scheduled=True), source, "live", text="The Ministry states that the vote has legal effect.")
    return source


def _while_the_changes_are_computed(db, then) -> list:
    """Call `then()` each time this connection reads a changed text for its diff (a trace
    callback: SQLite's hook on this connection's statements, no code of the run's replaced);
    what each call returned, or the sqlite3.Error it raised."""
    seen: list = []

    def traced(statement: str) -> None:
        if statement.startswith(READS_A_TEXT) and not seen:
            try:
                seen.append(then())
            except sqlite3.Error as exc:
                seen.append(exc)

    db.conn.set_trace_callback(traced)
    return seen


def test_another_process_writes_while_the_changes_are_computed(db, db_path):
    """The changes (a word diff per drifted page) were computed, and the changes file
    written, under the write lock: another process's crawl or check waited for them, 4 s for 20
    drifted pages, and about 120 would have passed its write_wait.  Now only the record and
    the changes file hold it: a write from another connection that does not wait is taken
    while the diff runs."""
    source = _drifted(db)
    db.execute("create table elsewhere (written text)")
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)   # no wait: a lock held fails at once

    def write() -> str:
        other.execute("insert into elsewhere values ('written while the changes were computed')")
        return "written"

    seen = _while_the_changes_are_computed(db, write)
    changes = history.record_run(db, scheduled=True)
    db.conn.set_trace_callback(None)
    other.close()
    assert seen == ["written"]
    assert [item["source_id"] for item in changes["content_drift"]] == [source]


def test_a_run_recorded_meanwhile_is_the_one_compared_with(db, db_path):
    """The changes are computed before the lock; a scheduled run another process recorded in
    between (its changes said already: the drift) is compared with all the same, the changes
    computed again under the lock, and the drift not said twice."""
    _drifted(db)
    first = db.execute("select max(id) from run_states").fetchone()[0]
    other = database.open_db(db_path)
    seen = _while_the_changes_are_computed(db, lambda: history.record_run(other, scheduled=True))
    changes = history.record_run(db, scheduled=True)
    db.conn.set_trace_callback(None)
    other.close()
    meanwhile = seen[0]
    assert isinstance(meanwhile, dict), meanwhile   # (recorded: no lock was held)
    assert meanwhile["previous_run_state_id"] == first and meanwhile["content_drift"]
    assert changes["previous_run_state_id"] == meanwhile["run_state_id"]
    assert changes["count"] == 0 and changes["content_drift"] == []


def test_a_run_that_changed_nothing_adds_no_page_of_its_own(db):
    """Each run empties the state it no longer compares with: emptied after its own row was
    inserted, a state over half a page (a letter of some forty sources) had sent that row to a
    page of its own, left nearly empty, and a watch grew by a page (16 KiB) every run however
    little changed (a year of 15-minute runs: half a gigabyte).  Rows of changes alone fill a
    page by the dozen."""
    f = Factory(db)
    crawl = f.crawl(DAY(1), scheduled=True)
    for n in range(60):
        source = f.source(f"https://mfa.example.org/statements/{n:03d}", state="live", last_live=DAY(1))
        f.fetch(crawl, source, "live")
    history.record_run(db, scheduled=True)
    state = db.execute("select state from run_states order by id desc limit 1").fetchone()[0]
    assert len(state) > database.PAGE_SIZE // 2   # (a smaller one shared its page with the next either way)
    pages = db.execute("pragma page_count").fetchone()[0]
    runs = 24
    for _ in range(runs):
        assert history.record_run(db, scheduled=True)["count"] == 0
    assert db.execute("pragma page_count").fetchone()[0] - pages < runs // 4
