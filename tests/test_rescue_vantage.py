"""A blocked page judged from the Wayback Machine's vantage point only on a capture made since
its checks began to fail (archive/rescue.py `record_evidence`), over a real database.

The checks are written as the crawl writes them (crawler/state.py `record_check`, one crawl
each); the archive stage runs for real against the test web's archive, whose save makes a
capture at the current second.  Live at run 1 (the save job captured
it then), 404 at run 2, behind a wall at run 3, and called alive from the run-1 capture.
"""

from __future__ import annotations

import datetime
import time

import db as database
from archive import rescue, stage
from archive.mementos import wayback_moment, wayback_timestamp
from tests.test_archive import Seed
from tests.test_offline_crawl import crawl_of_one_check


def _after_second(timestamp: str) -> None:
    """Wait (a second at most) until the clock has left the second of a capture's
    `timestamp`: the next check is then told apart from it, as a later run's always is."""
    while wayback_timestamp(datetime.datetime.now(datetime.timezone.utc)) <= timestamp:
        time.sleep(0.02)


def _shown(timestamp: str) -> str:
    return f"{wayback_moment(timestamp):%Y-%m-%d %H:%M:%S} UTC"


def _saved(db, source_id: int) -> list[str]:
    return [r["timestamp"] for r in db.query("SELECT timestamp FROM snapshots WHERE source_id = ? AND saved = 1 "
                                             "ORDER BY timestamp", [source_id])]


def test_a_capture_older_than_the_failing_checks_is_no_evidence_and_a_newer_one_is(archive, tmp_path, db):
    source = Seed(db).source(f"https://vantage-{archive.ns}.example/statement", live_class=None)
    config = archive.config(tmp_path, rescue_live=0)
    crawl_of_one_check(db, source, "live", database.now())
    assert stage.run(db, config)["saves_done"] == 1            # the save job captures the live page
    [before] = _saved(db, source)
    _after_second(before)
    crawl_of_one_check(db, source, "client-error", database.now())   # then a 404
    crawl_of_one_check(db, source, "blocked", database.now())        # then a bot wall

    result = stage.run(db, config)
    assert archive.count("save-requests") == 1   # the capture is reused for save_if_older_than: none asked
    assert result["blocked_alive"] == 0
    row = db["sources"].get(source)
    assert row["state"] == "blocked"                                 # as the checks left it
    assert rescue.EVIDENCE_NOTE not in row["state_reason"]
    began = rescue.failing_since(db, source)
    assert began > before
    assert row["state_reason"] == (
        f"blocked · {rescue.NO_CAPTURE_NOTE}: the archive has no capture of it since its checks began to fail "
        f"({_shown(began)}) to tell whether it lives; its newest, of {_shown(before)}, is older and says nothing "
        "of the page now; the save stage asks for a new one once the newest capture it knows of is older than save_if_older_than")

    # A capture made since the checks began to fail tells: alive, in place of the note above.
    again = stage.run(db, archive.config(tmp_path, rescue_live=0, save_if_older_than=0))
    assert again["saves_done"] == 1 and again["blocked_alive"] == 1
    after = _saved(db, source)[-1]
    assert after >= began
    reason = db["sources"].get(source)["state_reason"]
    assert reason.startswith(f"blocked · {rescue.EVIDENCE_NOTE}: its capture of {after[:8]} answered 200 (")
    assert rescue.NO_CAPTURE_NOTE not in reason and reason.count(rescue.NOTE_SEPARATOR) == 1
    assert stage.run(db, config)["blocked_alive"] == 1                   # a re-run notes it once
    assert db["sources"].get(source)["state_reason"] == reason
