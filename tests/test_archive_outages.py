"""The archive stage when Save Page Now fails while the rest of the archive answers, when the
archive asks for quiet longer than a run may wait, and when it rate-limits a memento replay.

- Capture requests that go unanswered are counted on their own: the CDX's answers to the
  re-checks between them do not reset the count, so Save Page Now down stops the saves after
  three, every job kept for the next run; a job that ran out of attempts on the archive's
  trouble comes back with the next run, not after `save_if_older_than`.
- A Retry-After beyond `retry_after_cap` is kept in the database (`archive_quiet`): the next
  run, in another process, sends nothing before it has passed and says until when.
- A memento replay the archive answers 429 is not asked again, as a browser or at all: the
  Retry-After is recorded on the fetch, whose reason says the archive answered, not the
  capture (so for its own 503); a lookup a stop interrupted is counted failed, as recorded.

Real runs against the test web's archive (tests/web/wayback.py toggles, a namespace per test),
timeouts and backoffs shrunk through settings.
"""

from __future__ import annotations

import datetime
import gzip
import os
import re
import subprocess
import sys

import json

import pytest

from archive import rescue, stage
from tests.test_archive import DEAD, Seed, _jobs
from tests.test_archive_faults import _settled
from tests.test_wayback import ROOT_DIR

UTC = datetime.timezone.utc

SAVES_UNANSWERED = "3 capture requests in a row got no answer or a 5xx, whatever the lookups between them answered"


def _live(archive, db, name: str, n: int) -> list[int]:
    """`n` live sources on URLs of this test alone, their lookups settled by an earlier run."""
    seed = Seed(db)
    sources = [seed.source(f"https://{name}-{archive.ns}.example/{i}") for i in range(n)]
    _settled(db, *sources)
    return sources


# ---------------------------------------------------------------- Save Page Now down

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
    assert result["saves_left"] == ("5 live sources not captured yet (the last failure: save: the archive answered "
                                    "503 without a memento URL): the next run asks the archive again")
    # Save Page Now is back: the next run captures each source, once.
    archive.set(**{"save.503": 0})
    again = stage.run(db, config)
    assert again["stopped"] is None and again["saves_done"] == 5 and again["saves_left"] is None
    assert all(archive.count(f"captured:{url}") == 1 for url in jobs)


def test_capture_requests_answered_523_whose_captures_the_cdx_shows_do_not_stop_the_saves(archive, tmp_path, db):
    # Cloudflare's 523 in front of Save Page Now: no answer, yet the capture was made
    _live(archive, db, "spn-523", 4)
    archive.set(**{"save.523": 4})
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["stopped"] is None and result["saves_done"] == 4 and result["saves_left"] is None
    assert archive.count("save-requests") == 4


def test_a_job_that_ran_out_of_attempts_on_the_archives_5xx_is_asked_again_by_the_next_run(archive, tmp_path, db):
    [source] = _live(archive, db, "spn-failed", 1)
    archive.set(**{"save.503": 1})
    config = archive.config(tmp_path, rescue_live=0, save_max_attempts=1)
    result = stage.run(db, config)
    [job] = _jobs(db).values()
    assert result["stopped"] is None and result["saves_failed"] == 1 and job["status"] == "failed"
    assert result["saves_left"].startswith("1 live source not captured yet (the last failure: save: the archive")
    assert "a run after " in result["saves_left"]
    # a failure is not a capture: due again an hour on (a dry run then lists it), not after save_if_older_than
    assert stage.plan(db, config)["save"] == []
    _an_hour_passed(db)
    assert [s["id"] for s in stage.plan(db, config)["save"]] == [source]
    again = stage.run(db, config)
    assert again["saves_done"] == 1 and _jobs(db)[job["url"]]["status"] == "done"
    assert archive.count("save-requests") == 2 and archive.count(f"captured:{job['url']}") == 1


def _an_hour_passed(db) -> None:
    """The failed jobs' `next_try` has come (the wait is an hour and more: no test sleeps it)."""
    with db.conn:
        db.execute("UPDATE save_jobs SET next_try = '2000-01-01T00:00:00+00:00' WHERE next_try IS NOT NULL")


def test_a_job_failing_on_the_archives_5xx_comes_back_after_a_growing_wait_and_gives_up_after_three_rounds(
        archive, tmp_path, db):
    # not asked again, save_max_attempts times, on every run of a timer
    _live(archive, db, "spn-rounds", 1)
    archive.set(**{"save.503": 1000})
    config = archive.config(tmp_path, rescue_live=0, save_max_attempts=2)
    waits = []
    for requests in (2, 4, 6):
        first = stage.run(db, config)
        [job] = _jobs(db).values()
        assert archive.count("save-requests") == requests and job["status"] == "failed"
        again = stage.run(db, config)        # a timer's next run, before the wait is over: no request
        assert archive.count("save-requests") == requests
        if job["next_try"]:
            waits.append(datetime.datetime.fromisoformat(job["next_try"]) - datetime.datetime.now(UTC))
            assert again["saves_left"] == first["saves_left"] and "a run after " in first["saves_left"]
        _an_hour_passed(db)
    # an hour, then two; after the third round it waits for save_if_older_than
    assert [round(wait.total_seconds() / 3600) for wait in waits] == [1, 2]
    assert job["next_try"] is None and job["rounds"] == 3 and first["saves_left"] is None
    assert stage.plan(db, config)["save"] == [] and stage.run(db, config)["saves_left"] is None
    assert archive.count("save-requests") == 6


def test_a_save_page_now_refusal_waits_for_save_if_older_than(archive, tmp_path, db, monkeypatch):
    # an SPN2 error for the page (not a permanent one) is not asked again on every run
    monkeypatch.setenv("IA_ACCESS_KEY", "ACCESSKEY")
    monkeypatch.setenv("IA_SECRET_KEY", "SECRETKEY")
    _live(archive, db, "spn-refused", 1)
    archive.set(**{"spn2.error": "error:filesize-limit"})
    config = archive.config(tmp_path, rescue_live=0, save_max_attempts=1)
    for _ in range(3):
        result = stage.run(db, config)
    [job] = _jobs(db).values()
    assert archive.count("save-requests") == 1 and job["status"] == "failed" and job["next_try"] is None
    assert result["saves_left"] is None


def test_a_failed_job_whose_source_is_no_longer_live_is_not_said_to_be_asked_again(archive, tmp_path, db):
    # saves_left does not count it, as no run asks for it
    [source] = _live(archive, db, "spn-died", 1)
    archive.set(**{"save.503": 1000})
    config = archive.config(tmp_path, rescue_live=0, save_max_attempts=1)
    assert stage.run(db, config)["saves_left"].startswith("1 live source not captured yet")
    crawl = db["crawls"].insert({"started_at": "2099-01-01T00:00:00+00:00", "status": "finished"}).last_pk
    db["fetches"].insert({"crawl_id": crawl, "source_id": source, "purpose": "live", "requested_url": "x",
                          "class": DEAD, "status": 404})
    _an_hour_passed(db)
    before = archive.count("save-requests")
    result = stage.run(db, config)
    assert archive.count("save-requests") == before and result["saves_left"] is None


# ---------------------------------------------------------------- a long Retry-After outlives the run

def test_a_retry_after_beyond_the_cap_holds_the_next_run_in_another_process_which_says_until_when(
        archive, tmp_path, db):
    _live(archive, db, "quiet", 2)
    archive.set(**{"save.429": 1, "save.retry_after": 3600})
    env = archive.env(tmp_path, rescue_live=0)           # retry_after_cap 5 s
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    until = re.search(r"no request to the archive before (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC", result["stopped"])
    assert until and "beyond retry_after_cap" in result["stopped"], result["stopped"]
    [(archive_url, not_before)] = db.execute("SELECT archive, not_before FROM archive_quiet").fetchall()
    assert archive_url == archive.base
    assert datetime.datetime.fromisoformat(not_before) > datetime.datetime.now(UTC) + datetime.timedelta(minutes=30)
    # the next run, a new process (nothing of the first one's memory): not one request, and the time said
    asked = archive.counters()
    again = subprocess.run([sys.executable, "-m", "crawler.cli", "archive"], cwd=ROOT_DIR, capture_output=True,
                           text=True, env={**os.environ, **env}, timeout=120)
    assert again.returncode == 0, again.stderr
    said = " ".join(again.stdout.split())
    assert f"stopped early: the archive asked for quiet until {until.group(1)} UTC" in said, said
    assert archive.counters() == asked and archive.count("save-requests") == 1
    assert archive.count("violations") == 0 and archive.count("host-violations") == 0
    assert {job["status"] for job in _jobs(db).values()} == {"queued"}


def test_a_retry_after_within_the_cap_kept_by_a_run_is_waited_out_by_the_next(archive, tmp_path, db):
    # an earlier run was told to wait 1.5 s (within the cap) and ended: the next run waits, then saves
    _live(archive, db, "brief-quiet", 1)
    not_before = datetime.datetime.now(UTC) + datetime.timedelta(seconds=1.5)
    with db.conn:
        db["archive_quiet"].insert({"archive": archive.base, "not_before": not_before.isoformat(),
                                    "set_at": "2026-01-01T00:00:00+00:00"})
    archive.set(**{"cdx.blocked_until": not_before.timestamp()})   # the archive counts a request before it
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["stopped"] is None and result["saves_done"] == 1
    assert archive.count("host-violations") == 0


# ---------------------------------------------------------------- the archive's own answers to replays

def _memento_fetches(db, source_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM fetches WHERE source_id = ? AND purpose = 'memento' ORDER BY id", [source_id]))


def test_a_replay_the_archive_rate_limits_is_not_asked_again_as_a_browser_and_its_retry_after_is_kept(
        archive, tmp_path, db):
    source = Seed(db).source("https://rescue.example/replay-fault", live_class=DEAD)
    archive.set(**{"replay.429": 1, "replay.retry_after": 1})      # within retry_after_cap
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert archive.count("replay") == 1                            # one request: no browser's, no second
    [fetch] = _memento_fetches(db, source)
    assert fetch["status"] == 429 and fetch["attempt"] == "citewatch"
    assert json.loads(fetch["evidence"])["retry_after"] == 1
    assert fetch["reason"].startswith("the archive itself answered 429 (Retry-After 1 s), not the replay of a capture")
    assert "answered 429 itself to 1" in result["archive_failed"]
    assert db.execute("SELECT class FROM snapshots WHERE source_id = ?", [source]).fetchone()[0] is None


def test_a_captured_bot_wall_is_a_rotten_memento_not_asked_again_as_a_browser(archive, tmp_path, db):
    source = Seed(db).source("https://rescue.example/walled", live_class=DEAD)
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert archive.count("replay") == 1
    assert [(f["attempt"], f["class"]) for f in _memento_fetches(db, source)] == [("citewatch", "blocked")]


def test_the_archives_own_503_is_said_as_the_archives_on_the_fetch_and_in_the_progress(archive, tmp_path, db):
    source = Seed(db).source("https://rescue.example/replay-fault", live_class=DEAD)
    archive.set(**{"replay.503": 1})
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    [fetch] = _memento_fetches(db, source)
    assert fetch["reason"].startswith("the archive itself answered 503, not the replay of a capture")
    assert json.loads(fetch["evidence"])[rescue.ARCHIVE_FAULT] == 503
    # the progress of its crawl counted it by its status, not as the memento's server-error
    assert rescue._progress(db, fetch["crawl_id"], 1)() == (1, 1, {"answered 503": 1})


def test_a_captured_503_keeps_its_class_and_reason(archive, tmp_path, db):
    # the site answered 503 when captured (Memento-Datetime sent): the memento's answer, not the archive's
    source = Seed(db).source("https://rescue.example/failed-when-captured", live_class=DEAD)
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    [captured] = [f for f in _memento_fetches(db, source) if f["status"] == 503]
    assert captured["class"] == "server-error" and "the archive itself" not in captured["reason"]
    assert rescue.ARCHIVE_FAULT not in json.loads(captured["evidence"])


def test_the_lookup_a_stop_interrupts_is_counted_failed_as_it_is_recorded(archive, tmp_path, db):
    seed = Seed(db)
    for i in range(4):
        seed.source(f"https://counted-{archive.ns}.example/{i}")
    archive.set(**{"cdx.hang": 1, "available.hang": 1})
    result = stage.run(db, archive.config(tmp_path, archive_timeout=0.3, rescue_live=0))
    assert "3 archive calls in a row got no answer" in result["stopped"]
    recorded = db.execute("SELECT COUNT(*) FROM archive_lookups WHERE status = 'failed'").fetchone()[0]
    assert result["lookups"] == {"failed": recorded} and recorded == 3


def test_a_long_retry_after_on_a_replay_holds_the_next_runs_replays_too(archive, tmp_path, db):
    # the rescue's crawl runs in a process of its own: its 429 is kept from the fetch's evidence
    Seed(db).source("https://rescue.example/replay-fault", live_class=DEAD)
    archive.set(**{"replay.429": 1, "replay.retry_after": 3600})
    config = archive.config(tmp_path, rescue_live=0)
    stage.run(db, config)
    again = stage.run(db, config)
    assert archive.count("replay") == 1 and archive.count("host-violations") == 0
    assert re.search(r"mementos not fetched this run \(the archive's Retry-After holds \d+ s more, until "
                     r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, beyond retry_after_cap\)", again["stopped"]), again["stopped"]


# ---------------------------------------------------------------- an absurd or years-long Retry-After

def _kept_for(db) -> datetime.timedelta:
    """How long from now the archive's kept "not before" time is."""
    [(not_before,)] = db.execute("SELECT not_before FROM archive_quiet").fetchall()
    return datetime.datetime.fromisoformat(not_before) - datetime.datetime.now(UTC)


def test_retry_after_is_taken_as_at_most_a_day_and_an_infinite_one_as_absent():
    from archive import polite
    from crawler.middlewares import retries as middlewares
    crawl_parse = lambda value: middlewares.retry_after_seconds(value, 7.0)   # noqa: E731
    for parse, absent in ((polite.retry_after_seconds, None), (crawl_parse, 7.0)):
        assert parse("12") == 12.0
        assert parse("400000000000") == parse("99999999999999999999") == 86400.0
        assert parse("Fri, 31 Dec 9999 23:59:59 GMT") == 86400.0
        assert parse("9" * 400) == absent
    assert polite.utc_after(float("inf")) == polite.utc_after(1e30)      # no OverflowError


def test_an_absurd_retry_after_on_a_save_stops_the_run_in_one_line_and_is_kept_a_day_at_most(
        archive, tmp_path, db):
    _live(archive, db, "absurd-quiet", 1)
    archive.set(**{"save.429": 1, "save.retry_after": "99999999999999999999"})
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))     # raised OverflowError
    assert "no request to the archive before" in result["stopped"] and "\n" not in result["stopped"]
    assert datetime.timedelta(hours=23) < _kept_for(db) <= datetime.timedelta(days=1)


def test_a_kept_time_years_ahead_is_ignored_and_the_stop_names_the_way_out(archive, tmp_path, db):
    _live(archive, db, "decade-quiet", 1)
    # kept by a run before the cap (a Retry-After of ten years) or under a clock since gone back
    with db.conn:
        db["archive_quiet"].insert({"archive": archive.base, "not_before": "2036-11-26T03:29:27.000+00:00",
                                    "set_at": "2026-11-29T03:29:27+00:00"})
    archive.set(**{"save.429": 1, "save.retry_after": str(10 * 365 * 86400)})
    config = archive.config(tmp_path, rescue_live=0)
    first = stage.run(db, config)
    assert archive.count("save-requests") == 1          # not held back by the kept 2036
    assert datetime.timedelta(hours=23) < _kept_for(db) <= datetime.timedelta(days=1)   # replaced, a day at most
    again = stage.run(db, config)
    assert archive.count("save-requests") == 1 and "quiet until" in again["stopped"], first["stopped"]
    assert f"DELETE FROM archive_quiet WHERE archive = '{archive.base}'" in again["stopped"]


def test_an_absurd_retry_after_on_a_replay_kept_in_a_fetch_crashes_no_later_run(archive, tmp_path, db):
    Seed(db).source("https://rescue.example/replay-fault", live_class=DEAD)
    archive.set(**{"replay.429": 1, "replay.retry_after": "400000000000"})
    config = archive.config(tmp_path, rescue_live=0)
    stage.run(db, config)                                # raised OverflowError
    [retry_after] = [json.loads(e or "{}").get("retry_after") for (e,) in db.execute(
        "SELECT evidence FROM fetches WHERE purpose = 'memento' AND status = 429")]
    assert retry_after == 86400.0
    # a fetch stored so before the cap: the later runs read it on every rescue
    with db.conn:
        db.execute("UPDATE fetches SET evidence = json_set(evidence, '$.retry_after', 4e11) "
                   "WHERE purpose = 'memento' AND status = 429")
        db.execute("DELETE FROM archive_quiet")
    stage.run(db, config)
    assert datetime.timedelta(0) < _kept_for(db) <= datetime.timedelta(days=1)


# ---------------------------------------------------------------- a capture's 5xx known by its headers alone

@pytest.mark.parametrize("body", [
    gzip.compress(b"x" * (30 * 1024 * 1024)),   # 30 MiB once decoded, over the 25 MiB default max_size
    b"\x1f\x8b\x08\x00 not gzip past its magic",   # cannot be decoded at all
], ids=["over-max-size", "undecodable"])
def test_a_captured_503_is_the_captures_whatever_its_body_decodes_to(tmp_path, db, body):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    (tmp_path / "warc").mkdir()
    with open(tmp_path / "warc" / "big.warc.gz", "wb") as fh:
        headers = StatusAndHeaders("503 Service Unavailable", [
            ("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Content-Length", str(len(body))),
            ("Memento-Datetime", "Tue, 01 Jan 2019 00:00:00 GMT")], protocol="HTTP/1.1")
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warc_record("https://web.archive.org/web/2019/https://big.example/",
                                                      "response", payload=io.BytesIO(body), http_headers=headers))
    source = Seed(db).source("https://big.example/", live_class=DEAD)
    crawl = db["crawls"].insert({"started_at": "2026-01-01T00:00:00+00:00", "status": "finished"}).last_pk
    fetch_id = db["fetches"].insert({"crawl_id": crawl, "source_id": source, "purpose": "memento", "status": 503, "class": "server-error",
                                     "requested_url": "x", "warc_path": "warc/big.warc.gz", "warc_offset": 0}).last_pk
    assert not rescue.archive_fault(db, db["fetches"].get(fetch_id), str(tmp_path))
    assert json.loads(db["fetches"].get(fetch_id)["evidence"])[rescue.CAPTURED] == "Tue, 01 Jan 2019 00:00:00 GMT"


# ---------------------------------------------------------------- the replay quiet's lookup bounded

def test_the_replay_quiet_is_looked_up_through_the_crawls_index_not_a_scan_of_every_fetch(db):
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        stage.remember_replay_quiet(db, "http://archive.invalid")
    finally:
        db.conn.set_trace_callback(None)
    lookup = next(sql for sql in statements if "FROM fetches" in sql)
    plan = " | ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {lookup}"))
    assert "fetches_crawl" in plan and "SCAN fetches" not in plan, plan


# ---------------------------------------------------------------- one Retry-After parser, one bound on a wait

def test_the_crawl_reads_a_decimal_retry_after_as_the_archive_stage_does():
    from archive import polite
    from crawler.middlewares import retries as middlewares

    assert polite.retry_after_seconds("1.5") == 1.5
    assert middlewares.retry_after_seconds("1.5", 7.0) == 1.5   # was 7.0: `isdigit` took it for no number


def test_a_wait_is_bounded_in_one_place_the_stored_quiet_and_the_told_moment_alike():
    from archive import polite

    most = polite.RETRY_AFTER_MOST
    assert [polite.bounded_wait(s) for s in (-5.0, 30.0, most * 10, float("inf"), float("nan"))] == [
        0.0, 30.0, most, most, most]
    assert polite.bounded_wait(float("inf"), infinite=None) is None
    start = datetime.datetime(2026, 1, 1, tzinfo=UTC)
    assert stage._quiet_end(start, float("inf")) == start + datetime.timedelta(seconds=most)
    assert stage._quiet_end(start, -3) == start


# ---------------------------------------------------------------- Scrapy's private size-cap error imported lazily

def test_the_warc_writer_imports_even_if_scrapy_moves_its_private_size_cap_error():
    # (Scrapy's own middleware imported first, as from where it would have moved the name)
    script = ("import scrapy.downloadermiddlewares.httpcompression; import scrapy.utils._compression as moved; "
              "del moved._DecompressionMaxSizeExceeded; import archive.warc; print('imported')")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT_DIR, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "imported", done.stderr
