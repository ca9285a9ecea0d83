"""The archive stage when the archive fails: an excluded site, a CDX that answers 5xx, an archive
that never answers.  One source's failure is recorded on that source; the archive's own failure
(three different calls in a row without an answer, each after its retries) stops the API phases
in one line, written on the source or job it interrupted, which comes after the others next run;
the rescue phase runs either way, and nothing raises.

Real runs against the test web's archive (tests/web/wayback.py toggles, a namespace per test),
timeouts and backoffs shrunk through settings.
"""

from __future__ import annotations

import datetime
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

from archive import save, snapshots, stage
from archive.wayback import Wayback, WaybackOptions
from crawler.cli import cli
from tests.test_archive import DEAD, Seed, _jobs
from tests.test_wayback import Archive, closed_port_url

UTC = datetime.timezone.utc
STOPPED_UNANSWERED = "3 archive calls in a row got no answer or a 5xx after their retries"
TRIES = WaybackOptions().tries           # requests one call makes before it fails
NOT_CHECKED = "could not check for a recent capture"


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


def test_one_source_whose_cdx_query_keeps_failing_is_that_sources_failure_not_the_runs(archive, tmp_path, db):
    # Dead pages: no capture is asked for (a capture of a fixture URL would show in every later test).
    seed = Seed(db)
    failing = seed.source("https://gov.example/late-only", live_class=DEAD, date="2021-06-01")
    healthy = seed.source("https://gov.example/statement-1", live_class=DEAD, date="2019-09-20")
    archive.set(**{"cdx.503_from": "2021"})      # the failing source's query for captures after its date
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["stopped"] is None              # one call's retries are one failed call, not three
    lookups = {row["source_id"]: row for row in db.query("SELECT * FROM archive_lookups")}
    assert lookups[failing]["status"] == "failed" and "503" in lookups[failing]["reason"]
    assert lookups[healthy]["status"] == "ok"


def test_one_failing_recent_capture_check_is_that_sources_and_both_are_saved(archive, tmp_path, db):
    seed = Seed(db)
    first = seed.source(f"https://check-{archive.ns}.example/first")
    second = seed.source(f"https://check-{archive.ns}.example/second")
    _settled(db, first, second)
    archive.set(**{"cdx.503": TRIES})               # the first check's every try answers 503, then the CDX is back
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["stopped"] is None and result["saves_done"] == 2
    assert archive.count("cdx") == TRIES + 1 and archive.count("save-requests") == 2


def test_three_failing_recent_capture_checks_stop_the_saves_in_one_line_each_recorded_and_rescue_still_runs(
        archive, tmp_path, db):
    _recent_searches_fail(archive)
    seed = Seed(db)
    live = [seed.source(f"https://c503-{archive.ns}.example/live-{i}") for i in range(3)]
    dead = seed.source("https://gov.example/moved-away", live_class=DEAD)
    config = archive.config(tmp_path, rescue_live=0)
    result = stage.run(db, config)
    assert STOPPED_UNANSWERED in result["stopped"] and "503" in result["stopped"]
    assert "\n" not in result["stopped"]
    assert _memento_texts(db) == {dead}
    assert archive.count("save-requests") == 0
    # Each check is written on its source's job, the one the stop interrupted too, which comes last.
    jobs = {job["source_id"]: job for job in _jobs(db).values()}
    assert sorted(jobs) == live and {job["status"] for job in jobs.values()} == {"queued"}
    assert all(job["last_error"].startswith(NOT_CHECKED) for job in jobs.values())
    assert STOPPED_UNANSWERED in jobs[live[2]]["last_error"]
    assert jobs[live[2]]["next_try"] > max(jobs[live[0]]["next_try"], jobs[live[1]]["next_try"])
    # The archive answers again: the next run saves the three, each once.
    archive.set(**{"cdx.503_from": ""})
    again = stage.run(db, config)
    assert again["stopped"] is None and again["saves_done"] == 3
    assert archive.count("save-requests") == 3


def _stop_on(archive, fault: str) -> None:
    """The archive refuses every save (429, no Retry-After) or its searches fail (503): either
    stops the archive stage for this run."""
    if fault == "429":
        archive.set(**{"save.429": 10, "save.retry_after": 0})
    else:
        _recent_searches_fail(archive)


def _typed(monkeypatch, tmp_path, *typed: str) -> list[str]:
    """`typed` as the user typed it in `tmp_path` (the advice names the command line)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["/usr/local/bin/citewatch", *typed])
    return list(typed)


@pytest.mark.parametrize("fault", ["429", "503"])
def test_the_archive_command_stopped_early_says_what_to_do_and_exits_0_either_way(
        fault, archive, tmp_path, db, runner, monkeypatch):
    # a stop leaves every job queued for the next run, which goes on where this one stopped: the
    # run did what it could, as a 429 or 5xx from the archive allows, so 0 (a failure is 1)
    _stop_on(archive, fault)
    seed = Seed(db)
    for i in range(3):
        seed.source(f"https://stop-{fault}-{archive.ns}.example/{i}")
    typed = _typed(monkeypatch, tmp_path, "archive", "--db", "test.db")
    result = runner.invoke(cli, typed, env=archive.env(tmp_path, rescue_live=0), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    if fault == "429":
        assert ("stopped early: 3 answers 429 in a row: stopping saves for this run (save: 429 Too Many Requests); "
                "every job stays queued: run `citewatch archive --db test.db` again later, or if this happens "
                "on every run lower save_per_minute (now 600 a minute; CITEWATCH_SAVE_PER_MINUTE)") in said
    else:
        line = said.split("stopped early: ")[-1]
        assert STOPPED_UNANSWERED in line
        assert line.endswith("no further archive request this run, run `citewatch archive --db test.db` again later")
    assert {job["status"] for job in _jobs(db).values()} == {"queued"}


@pytest.mark.parametrize("fault", ["429", "503"])
def test_a_run_whose_archive_stage_stopped_names_the_run_to_repeat_and_exits_0(
        fault, web, archive, tmp_path, db, runner, monkeypatch):
    _stop_on(archive, fault)
    seed = Seed(db)
    for i in range(3):
        seed.source(f"{web['main']}/crawl/live?run={archive.ns}-{i}", live_class=None)   # live when crawled
    typed = _typed(monkeypatch, tmp_path, "run", "--scheduled", "--db", "test.db")
    result = runner.invoke(cli, typed, env=archive.env(tmp_path, rescue_live=0), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    if fault == "429":
        assert ("archive stopped early: 3 answers 429 in a row: stopping saves for this run (save: 429 Too Many "
                "Requests); every job stays queued: run `citewatch run --scheduled --db test.db` again later") in said
    else:
        assert (f"{STOPPED_UNANSWERED}: no further archive request this run, run `citewatch run --scheduled "
                "--db test.db` again later") in said
    assert "`citewatch archive" not in said
    assert {job["status"] for job in _jobs(db).values()} == {"queued"}


def test_a_silent_archive_stops_the_run_after_three_unanswered_calls(archive, tmp_path, db):
    archive.set(**{"cdx.hang": 1, "available.hang": 1, "save.hang": 1})
    seed = Seed(db)
    for i in range(4):
        seed.source(f"https://silent-{archive.ns}.example/{i}")
    result = stage.run(db, archive.config(tmp_path, archive_timeout=0.3, rescue_live=0))
    assert STOPPED_UNANSWERED in result["stopped"] and "no answer within 0.3 s" in result["stopped"]
    # the first lookup tries TRIES times, the next two once each (the archive had gone silent); no fourth
    assert archive.count("cdx") == TRIES + 2 and archive.count("save-requests") == 0
    assert db["save_jobs"].count == 0
    assert db.execute("SELECT COUNT(*) FROM archive_lookups WHERE status != 'failed'").fetchone()[0] == 0


def test_a_save_whose_cdx_recheck_fails_is_rechecked_by_the_next_run_not_saved_twice(archive, tmp_path, db):
    url = f"https://recheck-{archive.ns}.example/a"
    source = Seed(db).source(url)
    _settled(db, source)
    _job(db, source, url)
    archive.set(**{"save.503": 1,            # the capture request fails: did it capture?
                   "cdx.503": 2 * TRIES})    # ... the CDX cannot say, nor for the next attempt: the third call
    config = archive.config(tmp_path, rescue_live=0)
    result = stage.run(db, config)
    assert STOPPED_UNANSWERED in result["stopped"]
    job = _jobs(db)[url]
    assert job["status"] == "queued" and job["attempts"] == 1      # an attempt: the next one looks first
    again = stage.run(db, config)
    assert again["saves_done"] == 1 and _jobs(db)[url]["status"] == "done"
    assert archive.count("save-requests") == 2 and archive.count(f"captured:{url}") == 1


def test_a_job_killed_mid_request_that_the_stop_hits_stays_pending_and_comes_after_the_others(
        archive, tmp_path, db):
    killed = f"https://killed-{archive.ns}.example/a"
    others = [f"https://killed-{archive.ns}.example/other-{i}" for i in range(2)]
    seed = Seed(db)
    source = seed.source(killed)
    fresh = [seed.source(url) for url in others]
    _settled(db, source, *fresh)
    _job(db, source, killed, status="pending")
    archive.set(**{"cdx.503": 3 * TRIES})   # the two fresh sources' checks, then the killed job's re-check
    config = archive.config(tmp_path, rescue_live=0)
    result = stage.run(db, config)
    assert STOPPED_UNANSWERED in result["stopped"]
    job = _jobs(db)[killed]
    assert job["status"] == "pending" and job["last_error"].startswith("CDX: the archive answered 503")
    assert archive.count("save-requests") == 0
    # Next run it is re-checked before it is asked for, but after the jobs it held back.
    assert save.next_job(db)["url"] in others
    again = stage.run(db, config)
    assert again["stopped"] is None and again["saves_done"] == 3
    assert archive.count("save-requests") == 3 and archive.count(f"captured:{killed}") == 1


def test_a_stop_raised_by_a_capture_request_leaves_its_job_pending_and_it_is_captured_once(archive, tmp_path, db):
    fails, flaky = "https://never-saves.example/statement", "https://flaky-spn.example/statement"  # 502; captures, then 523
    seed = Seed(db)
    for url in (fails, flaky):
        _job(db, seed.source(url), url)
    config = archive.config(tmp_path)
    options = save.QueueOptions.from_config(config)
    archive.set(**{"cdx.503": 1})   # the first job's re-check goes unanswered: the second's request is the third
    first = save.process(db, Wayback(WaybackOptions.from_config(config), stop_after=3), options)
    assert first.stopped and _jobs(db)[flaky]["status"] == "pending"   # its request left: it may have captured
    time.sleep(0.2)   # past the backoff
    save.process(db, Wayback(WaybackOptions.from_config(config), stop_after=3), options)
    assert archive.count(f"captured:{flaky}") == 1   # looked up in the CDX, not asked again


def test_one_429_within_the_cap_after_an_unanswered_call_is_waited_out(archive, tmp_path, db):
    seed = Seed(db)
    seed.source("https://gov.example/late-only", date="2021-06-01", live_class=DEAD)
    others = [seed.source("https://gov.example/statement-1", date="2019-09-20", live_class=DEAD),
              seed.source("https://gov.example/statement-1#b", date="2019-09-21", live_class=DEAD)]
    archive.set(**{"cdx.503_from": "2021"})   # the first source's query after its date goes unanswered

    def progress(phase, n, total):
        if phase == "lookup" and n == 1:      # then one 429, Retry-After 1 s (the cap is larger)
            archive.set(**{"cdx.429": 1, "cdx.retry_after": 1, "cdx.503_from": ""})

    counts, _ = stage.run_api(db, archive.config(tmp_path, rescue_live=0), progress)
    looked = {r["source_id"]: r["status"] for r in db.query("SELECT source_id, status FROM archive_lookups")}
    assert counts["stopped"] is None and all(looked.get(s) == "ok" for s in others)


def test_an_availability_host_out_of_reach_leaves_the_cdx_lookups_to_find_the_snapshots(archive, tmp_path, db):
    # the availability API on a port of its own that nothing listens on, the CDX on the test archive
    availability = closed_port_url()
    seed = Seed(db)
    # URLs no test saves (a save adds a capture to the one test archive every namespace shares);
    # the fourth is looked up after the availability host is out of reach
    urls = ["https://gov.example/statement-1", "https://gov.example/late-only", "https://gov.example/avail-blind",
            "https://gov.example/same-day"]
    sources = [seed.source(url, date="2022-06-01") for url in urls]   # no capture within 90 days: a hint is asked
    wayback = Wayback(WaybackOptions.from_config(archive.config(tmp_path, availability_url=availability)),
                      stop_after=stage.UNANSWERED_IN_A_ROW)
    counts: dict = {}
    stage.look_up_all(db, wayback, 90, counts)
    assert counts == {"ok": len(urls)}
    assert archive.count("cdx") == 2 * len(urls)      # each source's captures before and after its date
    assert wayback.out_of_reach is None                # the archive's own host answered every time
    assert "connection refused" in str(wayback.beyond_reach[urlsplit(availability).netloc])
    chosen = {row["source_id"]: row["timestamp"] for row in db.query(
        "SELECT source_id, timestamp FROM snapshots WHERE closest = 1")}   # the last capture before each date
    assert chosen == {sources[0]: "20200402100000", sources[1]: "20200610000000", sources[2]: "20200320000000",
                      sources[3]: "20200331180000"}
    reasons = [row["reason"] for row in db.query("SELECT reason FROM archive_lookups ORDER BY source_id")]
    assert all(f"the availability API failed (cannot reach the archive at {availability}: connection refused "
               "(is an archive listening there? check CITEWATCH_AVAILABILITY_URL))" in reason   # its own setting
               and reason.endswith("the CDX's candidates kept") for reason in reasons)


def test_a_silent_availability_host_costs_its_hints_after_three_calls_not_a_timeout_per_source(archive, tmp_path, db):
    # the availability API on a host of its own that takes each connection and never answers
    # (the CDX on the test archive answers): its calls in a row unanswered are that host's,
    # which the CDX's answers between them do not reset; after three it is not asked again
    # this run (each source's hint would wait out every try's timeout), and the run goes on
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(32)
    taken: list[socket.socket] = []

    def take() -> None:   # each connection held open, unanswered
        while True:
            try:
                taken.append(server.accept()[0])
            except OSError:   # closed below
                return

    threading.Thread(target=take, daemon=True).start()
    urls = ["https://gov.example/statement-1", "https://gov.example/late-only", "https://gov.example/avail-blind",
            "https://gov.example/same-day"]   # no capture within 90 days of the date: each asks for a hint
    seed = Seed(db)
    for url in urls:
        seed.source(url, date="2022-06-01")
    config = archive.config(tmp_path, availability_url=f"http://127.0.0.1:{server.getsockname()[1]}",
                            archive_timeout=0.3, archive_backoff=0)
    wayback = Wayback(WaybackOptions.from_config(config), stop_after=stage.UNANSWERED_IN_A_ROW)
    counts: dict = {}
    try:
        stage.look_up_all(db, wayback, 90, counts)
    finally:
        server.close()
        for connection in taken:
            connection.close()
    assert counts == {"ok": len(urls)} and wayback.silenced is None
    # the first hint's tries, then one request a hint (the host had gone silent); no fourth hint
    assert len(taken) == wayback.options.tries + stage.UNANSWERED_IN_A_ROW - 1
    reasons = [row["reason"] for row in db.query("SELECT reason FROM archive_lookups ORDER BY source_id")]
    assert all("the availability API failed (availability: no answer within 0.3 s" in r for r in reasons)
    # every source's two CDX queries were answered (one slower than the 0.3 s on a loaded machine is asked again)
    assert "not asked again this run" in reasons[-1] and archive.count("cdx") >= 2 * len(urls)
