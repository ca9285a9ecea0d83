"""The archive stage when Save Page Now fails while the rest of the archive answers, when the
archive asks for quiet longer than a run may wait, and when it rate-limits a memento replay
(audit12a findings 2, 3, 4 and 11).

- Capture requests that go unanswered are counted on their own: the CDX's answers to the
  re-checks between them do not reset the count, so Save Page Now down stops the saves after
  three, every job kept for the next run; a job that ran out of attempts on the archive's
  trouble comes back with the next run, not after `save_if_older_than`.

Real runs against the test web's archive (tests/web/wayback.py toggles, a namespace per test),
timeouts and backoffs shrunk through settings.
"""

from __future__ import annotations

from archive import stage
from tests.test_archive import Seed, _jobs
from tests.test_archive_faults import _settled

SAVES_UNANSWERED = "3 capture requests in a row got no answer or a 5xx, whatever the lookups between them answered"


def _live(archive, db, name: str, n: int) -> list[int]:
    """`n` live sources on URLs of this test alone, their lookups settled by an earlier run."""
    seed = Seed(db)
    sources = [seed.source(f"https://{name}-{archive.ns}.example/{i}") for i in range(n)]
    _settled(db, *sources)
    return sources


# ---------------------------------------------------------------- Save Page Now down (finding 2)

def test_save_page_now_down_stops_the_saves_after_three_and_the_next_run_captures_every_source_once(
        archive, tmp_path, db):
    _live(archive, db, "spn-down", 5)
    archive.set(**{"save.503": 100})      # Save Page Now answers 503; the CDX answers every re-check
    config = archive.config(tmp_path, rescue_live=0)
    result = stage.run(db, config)
    assert SAVES_UNANSWERED in result["stopped"] and "\n" not in result["stopped"]
    assert archive.count("save-requests") == 3          # not every job's every attempt
    jobs = _jobs(db)
    assert "failed" not in {job["status"] for job in jobs.values()} and result["saves_failed"] == 0
    assert result["saves_left"].startswith("5 live sources not captured yet (the last failure: ")
    assert result["saves_left"].endswith(": the next run asks the archive again")
    # Save Page Now is back: the next run captures each source, once.
    archive.set(**{"save.503": 0})
    again = stage.run(db, config)
    assert again["stopped"] is None and again["saves_done"] == 5 and again["saves_left"] is None
    assert all(archive.count(f"captured:{url}") == 1 for url in jobs)


def test_a_job_that_ran_out_of_attempts_on_the_archives_5xx_is_asked_again_by_the_next_run(archive, tmp_path, db):
    [source] = _live(archive, db, "spn-failed", 1)
    archive.set(**{"save.503": 1})
    config = archive.config(tmp_path, rescue_live=0, save_max_attempts=1)
    result = stage.run(db, config)
    [job] = _jobs(db).values()
    assert result["stopped"] is None and result["saves_failed"] == 1 and job["status"] == "failed"
    assert result["saves_left"].startswith("1 live source not captured yet (the last failure: save: the archive")
    # a failure is not a capture: due again at once (a dry run lists it), not after save_if_older_than
    assert [s["id"] for s in stage.plan(db, config)["save"]] == [source]
    again = stage.run(db, config)
    assert again["saves_done"] == 1 and _jobs(db)[job["url"]]["status"] == "done"
    assert archive.count("save-requests") == 2 and archive.count(f"captured:{job['url']}") == 1
