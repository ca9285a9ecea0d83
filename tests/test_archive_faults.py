"""The archive stage when the archive fails: an excluded site, a CDX that answers 5xx, an archive
that never answers.  One source's failure is recorded on that source; the archive's own failure
stops the API phases in one line; the rescue phase runs either way, and nothing raises.

Real runs against the test web's archive (tests/web/wayback.py toggles, a namespace per test),
timeouts and backoffs shrunk through settings.
"""

from __future__ import annotations

import datetime

import pytest

from archive import snapshots, stage
from crawler.cli import cli
from tests.test_archive import DEAD, Seed, _jobs
from tests.test_wayback import Archive

UTC = datetime.timezone.utc
STOPPED_UNANSWERED = "3 archive requests in a row got no answer or a 5xx"


@pytest.fixture
def archive(web, monkeypatch):
    monkeypatch.delenv("IA_ACCESS_KEY", raising=False)
    monkeypatch.delenv("IA_SECRET_KEY", raising=False)
    return Archive(web)


def _memento_texts(db) -> set[int]:
    return {row["source_id"] for row in db.query("SELECT source_id FROM texts WHERE origin = 'memento'")}


def _settled(db, *source_ids: int) -> None:
    """Lookups an earlier run settled (nothing found), so a test's run goes straight to the saves."""
    for source_id in source_ids:
        snapshots.record(db, source_id, snapshots.citation_date(db, source_id),
                         snapshots.Lookup("noresults", "settled by an earlier run", []))


def _job(db, source_id: int, url: str, status: str = "queued", attempts: int = 0) -> None:
    """A save job as an earlier run left it."""
    with db.conn:
        db["save_jobs"].insert({"source_id": source_id, "url": url, "status": status, "attempts": attempts,
                                "created_at": "2020-01-01T00:00:00+00:00", "updated_at": "2020-01-01T00:00:00+00:00"})


def _recent_searches_fail(archive: Archive) -> None:
    """The CDX answers 503 for searches of the last 60 days only: lookups work, recent-capture checks do not."""
    since = (datetime.datetime.now(UTC) - datetime.timedelta(days=60)).strftime("%Y%m%d")
    archive.set(**{"cdx.503_from": since})


def test_a_live_source_on_an_excluded_site_fails_its_save_at_once_and_the_dead_one_is_rescued(
        archive, tmp_path, db, runner):
    archive.set(blocked="excluded.example")
    seed = Seed(db)
    excluded = seed.source("https://excluded.example/statement")
    dead = seed.source("https://gov.example/moved-away", live_class=DEAD)
    env = archive.env(tmp_path)
    result = runner.invoke(cli, ["archive"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "stopped early" not in result.output
    job = _jobs(db)["https://excluded.example/statement"]
    assert job["source_id"] == excluded and job["status"] == "failed" and job["attempts"] == 0
    assert job["last_error"].startswith("not saved, the site is excluded from the archive: CDX: ")
    assert archive.count("save-requests") == 0
    assert _memento_texts(db) == {dead}
    # Every later run: no request about it, the job stays failed, still no traceback.
    lookups = archive.count("cdx")
    again = runner.invoke(cli, ["archive"], env=env, catch_exceptions=False)
    assert again.exit_code == 0 and "Traceback" not in again.output
    assert archive.count("cdx") == lookups and archive.count("save-requests") == 0
    assert _jobs(db)["https://excluded.example/statement"]["status"] == "failed"


def test_a_site_excluded_after_its_lookup_fails_its_jobs_without_a_capture_request(archive, tmp_path, db):
    archive.set(blocked="excluded.example")
    seed = Seed(db)
    fresh = seed.source("https://excluded.example/new")        # asked for a recent capture: the CDX says excluded
    retried = seed.source("https://excluded.example/retried")  # an earlier attempt timed out: re-checked first
    _settled(db, fresh, retried)
    _job(db, retried, "https://excluded.example/retried", attempts=1)
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["stopped"] is None
    assert result["save_excluded"] == 1 and result["saves_failed"] == 1
    jobs = _jobs(db)
    assert {j["status"] for j in jobs.values()} == {"failed"}
    assert all("excluded" in j["last_error"] for j in jobs.values())
    assert archive.count("save-requests") == 0


def test_a_cdx_failing_for_recent_captures_stops_the_saves_in_one_line_and_rescue_still_runs(archive, tmp_path, db):
    _recent_searches_fail(archive)
    seed = Seed(db)
    live = seed.source(f"https://c503-{archive.ns}.example/live")
    dead = seed.source("https://gov.example/moved-away", live_class=DEAD)
    config = archive.config(tmp_path, rescue_live=0)
    result = stage.run(db, config)
    assert STOPPED_UNANSWERED in result["stopped"] and "503" in result["stopped"]
    assert "\n" not in result["stopped"]
    assert _memento_texts(db) == {dead}
    assert archive.count("save-requests") == 0 and db["save_jobs"].count == 0
    # The archive answers again: the next run checks and saves the live source.
    archive.set(**{"cdx.503_from": ""})
    again = stage.run(db, config)
    assert again["stopped"] is None and again["saves_done"] == 1
    assert _jobs(db)[f"https://c503-{archive.ns}.example/live"]["source_id"] == live


def test_a_silent_archive_stops_the_run_after_three_unanswered_requests(archive, tmp_path, db):
    archive.set(**{"cdx.hang": 1, "available.hang": 1, "save.hang": 1})
    seed = Seed(db)
    for i in range(4):
        seed.source(f"https://silent-{archive.ns}.example/{i}")
    result = stage.run(db, archive.config(tmp_path, archive_timeout=0.3, rescue_live=0))
    assert STOPPED_UNANSWERED in result["stopped"] and "no answer within 0.3 s" in result["stopped"]
    assert archive.count("cdx") == 3 and archive.count("save-requests") == 0
    assert db["save_jobs"].count == 0
    assert db.execute("SELECT COUNT(*) FROM archive_lookups WHERE status != 'failed'").fetchone()[0] == 0


def test_a_save_whose_cdx_recheck_fails_is_rechecked_by_the_next_run_not_saved_twice(archive, tmp_path, db):
    url = f"https://recheck-{archive.ns}.example/a"
    source = Seed(db).source(url)
    _settled(db, source)
    _job(db, source, url)
    archive.set(**{"save.503": 1})           # the capture request fails: did it capture?
    _recent_searches_fail(archive)           # ... and the CDX cannot say
    config = archive.config(tmp_path, rescue_live=0)
    result = stage.run(db, config)
    assert STOPPED_UNANSWERED in result["stopped"]
    job = _jobs(db)[url]
    assert job["status"] == "queued" and job["attempts"] == 1      # an attempt: the next one looks first
    archive.set(**{"cdx.503_from": ""})
    again = stage.run(db, config)
    assert again["saves_done"] == 1 and _jobs(db)[url]["status"] == "done"
    assert archive.count("save-requests") == 2 and archive.count(f"captured:{url}") == 1


def test_a_job_killed_mid_request_stays_pending_when_its_recheck_gets_no_answer(archive, tmp_path, db):
    url = f"https://killed-{archive.ns}.example/a"
    source = Seed(db).source(url)
    _settled(db, source)
    _job(db, source, url, status="pending")
    archive.set(**{"cdx.hang": 1})
    result = stage.run(db, archive.config(tmp_path, archive_timeout=0.3, rescue_live=0))
    assert STOPPED_UNANSWERED in result["stopped"]
    assert _jobs(db)[url]["status"] == "pending"                   # still looked for in the CDX before asking
    assert archive.count("save-requests") == 0
