"""The archive stage over a real database: lookup, the save queue, rescue, dry run, kill and resume,
and a wait (a Retry-After, the pacing of calls, a backoff after a 5xx) said in one plain line as
it starts when it lasts `archive_wait_notice` seconds or more, so that a log (no terminal) tells
a waiting run from a hung one.

Sources and their latest live fetch are written as the crawl stage writes them; the
archive stage then runs for real against the test web's archive (its own namespace per
test, limits shrunk through settings).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import db as database
from archive import rescue, snapshots, stage
from archive.wayback import Wayback, WaybackOptions
from crawler.cli import cli
from crawler.config import load_config
from tests.test_wayback import ROOT_DIR

LIVE, DEAD = "live", "client-error"


class Seed:
    """Rows as ingest and crawl leave them: a statement citing a source, and its live fetch."""

    def __init__(self, db):
        self.db = db
        now = database.now()
        self.document = db["documents"].insert({"sha256": os.urandom(8).hex(), "kind": "letter",
                                                "date": "2020-05-20", "ingested_at": now}).last_pk
        self.crawl = db["crawls"].insert({"started_at": now, "status": "finished"}).last_pk
        self.seq = 0

    def source(self, url: str, live_class: str | None = LIVE, date: str | None = "2020-03-31") -> int:
        self.seq += 1
        now = database.now()
        source_id = self.db["sources"].insert({"kind": "web", "key": url, "url": url, "first_seen": now}).last_pk
        statement = self.db["statements"].insert({"document_id": self.document, "seq": self.seq, "date": date,
                                                  "quote": f"quote {self.seq}"}).last_pk
        self.db["citations"].insert({"document_id": self.document, "statement_id": statement, "seq": self.seq,
                                     "kind": "web", "printed": url, "url": url, "source_id": source_id})
        if live_class:
            self.db["fetches"].insert({"crawl_id": self.crawl, "source_id": source_id, "purpose": "live",
                                       "requested_url": url, "class": live_class,
                                       "status": 200 if live_class == LIVE else 404})
        return source_id


def _jobs(db) -> dict[str, dict]:
    return {row["url"]: row for row in db.query("SELECT * FROM save_jobs")}


# ---------------------------------------------------------------- lookup

def test_lookup_follows_h3llbot_and_keeps_the_window(archive, tmp_path, db):
    seed = Seed(db)
    chosen = seed.source("https://gov.example/statement-1")
    late = seed.source("https://gov.example/late-only")
    missing = seed.source("https://gov.example/never-archived")
    wayback = Wayback(WaybackOptions.from_config(archive.config(tmp_path)))
    for source in snapshots.due_lookups(db):
        snapshots.look_up(db, wayback, source, 90)

    rows = list(db.query("SELECT * FROM snapshots WHERE source_id = ? ORDER BY timestamp", [chosen]))
    assert [r["timestamp"] for r in rows] == ["20200115090000", "20200402100000"]   # the window, deduplicated
    assert [r["closest"] for r in rows] == [1, 0]     # before within 3 months beats the nearer one after
    assert rows[0]["distance_days"] < 0 < rows[1]["distance_days"]
    assert rows[0]["memento_url"] == f"{archive.base}/web/20200115090000/https://gov.example/statement-1"
    late_rows = list(db.query("SELECT timestamp, closest FROM snapshots WHERE source_id = ?", [late]))
    assert {r["timestamp"]: r["closest"] for r in late_rows} == {"20200501000000": 1, "20200610000000": 0}
    outcomes = {r["source_id"]: r["status"] for r in db.query("SELECT * FROM archive_lookups")}
    assert outcomes == {chosen: "ok", late: "ok", missing: "noresults"}
    assert snapshots.due_lookups(db) == []            # settled: a re-run asks nothing again


def test_no_memento_is_confirmed_in_the_cdx_when_availability_is_blind(archive, tmp_path, db):
    archive.set(**{"availability.empty": 1})
    seed = Seed(db)
    blind = seed.source("https://gov.example/avail-blind", date="2021-06-01")   # outside the 90-day window
    wayback = Wayback(WaybackOptions.from_config(archive.config(tmp_path)))
    outcome = snapshots.look_up(db, wayback, snapshots.due_lookups(db)[0], 90)
    assert outcome.status == "ok" and "availability API answered empty" in outcome.reason
    assert archive.count("available") == 1
    assert [r["timestamp"] for r in db.query("SELECT * FROM snapshots WHERE source_id = ?", [blind])] == ["20200320000000"]


# ---------------------------------------------------------------- the save queue

def test_every_live_source_is_saved_once_within_the_rate_limit(archive, tmp_path, db):
    seed = Seed(db)
    live = [seed.source(f"https://save-{archive.ns}.example/page-{i}") for i in range(4)]
    dead = seed.source(f"https://save-{archive.ns}.example/gone", live_class=DEAD)
    per_minute = 60.0   # one capture request a second: a loaded machine delays a request by a tenth of one
    config = archive.config(tmp_path, save_per_minute=per_minute, rescue_live=0)
    result = stage.run(db, config)
    assert result["saves_done"] == 4 and result["stopped"] is None
    jobs = _jobs(db)
    assert sorted(j["source_id"] for j in jobs.values()) == live and dead not in [j["source_id"] for j in jobs.values()]
    assert all(j["status"] == "done" and j["memento_url"].startswith(archive.base + "/web/") for j in jobs.values())
    saved = list(db.query("SELECT source_id FROM snapshots WHERE saved = 1"))
    assert sorted(r["source_id"] for r in saved) == live
    # The test archive counted every capture request: never two closer than the limit allows.
    times = sorted(archive.counters()["save-requests"])
    assert len(times) == 4
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.75 * 60 / per_minute
    # A second run finds recent mementos of its own saves and asks for nothing.
    again = stage.run(db, config)
    assert again.get("save_queued", 0) == 0 and archive.count("save-requests") == 4


def test_a_job_that_keeps_failing_ends_failed_and_others_complete(archive, tmp_path, db):
    seed = Seed(db)
    seed.source("https://never-saves.example/statement")
    seed.source("https://flaky-spn.example/statement")              # 523, yet the capture exists
    seed.source(f"https://ok-{archive.ns}.example/statement")
    config = archive.config(tmp_path, save_max_attempts=3, rescue_live=0)
    result = stage.run(db, config)
    jobs = _jobs(db)
    failing = jobs["https://never-saves.example/statement"]
    assert failing["status"] == "failed" and failing["attempts"] == 3
    assert "502" in failing["last_error"] and "after 3 attempts" in failing["last_error"]
    flaky = jobs["https://flaky-spn.example/statement"]
    assert flaky["status"] == "done" and "523" in flaky["last_error"] and "capture exists" in flaky["last_error"]
    assert jobs[f"https://ok-{archive.ns}.example/statement"]["status"] == "done"
    assert result["saves_failed"] == 1 and result["saves_done"] == 2


def test_a_rate_limited_save_waits_for_retry_after_without_spending_an_attempt(archive, tmp_path, db):
    archive.set(**{"save.429": 1, "save.retry_after": 1})
    Seed(db).source(f"https://limited-{archive.ns}.example/a")
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    job = next(iter(_jobs(db).values()))
    assert job["status"] == "done" and job["attempts"] == 0
    assert result["rate_limited"] == 1 and archive.count("violations") == 0


def test_spn2_with_keys_and_a_quota_error_that_stops_the_run(archive, tmp_path, db, monkeypatch):
    monkeypatch.setenv("IA_ACCESS_KEY", "ACCESSKEY")
    monkeypatch.setenv("IA_SECRET_KEY", "SECRETKEY")
    seed = Seed(db)
    seed.source(f"https://spn2-{archive.ns}.example/a")
    config = archive.config(tmp_path, rescue_live=0)
    assert stage.run(db, config)["saves_done"] == 1
    assert next(iter(_jobs(db).values()))["job_id"].startswith("spn2-")
    archive.set(**{"spn2.error": "error:too-many-daily-captures"})
    seed.source(f"https://spn2-{archive.ns}.example/b")
    seed.source(f"https://spn2-{archive.ns}.example/c")
    result = stage.run(db, config)
    assert "too-many-daily-captures" in result["stopped"]
    assert result["save_jobs"] == {"done": 1, "queued": 2}            # nothing lost, nothing failed
    dump = "\n".join(db.iterdump())
    assert "SECRETKEY" not in dump and "ACCESSKEY" not in dump


def test_dry_run_lists_what_it_would_do_and_writes_nothing(archive, tmp_path, db, runner):
    seed = Seed(db)
    seed.source(f"https://dry-{archive.ns}.example/live")
    seed.source(f"https://dry-{archive.ns}.example/dead", live_class=DEAD)
    env = archive.env(tmp_path)
    result = runner.invoke(cli, ["archive", "--dry-run"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "look up" in result.output and f"dry-{archive.ns}.example/live" in result.output
    assert "2 lookups and 1 captures due" in result.output
    for table in ("snapshots", "save_jobs", "archive_lookups"):
        assert db[table].count == 0
    assert archive.counters() == {}


def test_a_killed_save_queue_resumes_without_losing_or_repeating_a_capture(archive, tmp_path, db):
    seed = Seed(db)
    urls = [f"https://kill-{archive.ns}.example/page-{i}" for i in range(6)]
    for url in urls:
        seed.source(url)
    archive.set(**{"save.slow": 0.3})                  # a capture takes a while: the kill lands mid-request
    env = {**os.environ, **archive.env(tmp_path, rescue_live=0)}
    command = [sys.executable, "-m", "crawler.cli", "archive"]
    first = subprocess.Popen(command, env=env, cwd=ROOT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):                           # until the second capture request has arrived
            if archive.count("save-requests") >= 2 or first.poll() is not None:
                break
            time.sleep(0.05)
        assert first.poll() is None, first.stderr.read().decode()[-2000:]
        first.send_signal(signal.SIGKILL)
    finally:
        first.wait()
    interrupted = {r["status"] for r in database.open_db(tmp_path / "test.db").query("SELECT status FROM save_jobs")}
    assert "pending" in interrupted or "queued" in interrupted
    second = subprocess.run(command, env=env, cwd=ROOT_DIR, capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr.decode()[-2000:]
    jobs = _jobs(database.open_db(tmp_path / "test.db"))
    assert sorted(jobs) == urls and all(j["status"] == "done" for j in jobs.values())
    counters = archive.counters()
    assert all(len(counters.get(f"captured:{url}", [])) == 1 for url in urls)   # no URL saved twice


# ---------------------------------------------------------------- rescue

def test_dead_sources_get_the_nearest_good_memento_and_blocked_ones_evidence(archive, tmp_path, db):
    seed = Seed(db)
    moved = seed.source("https://gov.example/moved-away", live_class=DEAD)
    deep = seed.source("https://gov.example/news/2020/deep-statement", live_class="redirected-to-root")
    blocked = seed.source(f"https://walled-{archive.ns}.example/statement", live_class="blocked")
    config = archive.config(tmp_path, rescue_live=0)
    result = stage.run(db, config)
    assert result["memento_classes"].get("client-error") == 1       # the nearest redirects to a 404 page
    assert result["memento_classes"].get("redirected-to-root") == 1  # the nearest redirects to the home page
    deep_rows = {r["timestamp"]: r["class"] for r in db.query("SELECT * FROM snapshots WHERE source_id = ?", [deep])}
    assert deep_rows == {"20200328000000": "redirected-to-root", "20200215000000": "live"}
    rows = {r["timestamp"]: r for r in db.query("SELECT * FROM snapshots WHERE source_id = ?", [moved])}
    assert rows["20200330000000"]["class"] == "client-error"
    assert rows["20200301000000"]["class"] == "live" and rows["20200301000000"]["closest"] == 1
    text = next(db.query("SELECT * FROM texts WHERE source_id = ? AND origin = 'memento'", [moved]))
    assert text["memento_timestamp"] == "20200301000000" and "kept by the archive" in text["text"]
    fetch = next(db.query("SELECT * FROM fetches WHERE id = ?", [text["fetch_id"]]))
    assert fetch["purpose"] == "memento" and fetch["warc_path"]
    # The blocked source: captured today by our save, fetched from the archive, alive from there.
    saved = next(db.query("SELECT * FROM snapshots WHERE source_id = ? AND saved = 1", [blocked]))
    assert saved["class"] == "live" and saved["status"] == "200"
    reason = db["sources"].get(blocked)["state_reason"]
    assert rescue.EVIDENCE_NOTE in reason and "answered 200" in reason
    assert result["blocked_alive"] == 1
    # A re-run fetches nothing again.
    assert stage.run(db, config)["mementos_fetched"] == 0


def test_after_a_crawl_dead_sources_have_memento_texts_and_live_ones_are_saved(archive, web, tmp_path, db):
    from crawler import crawl

    seed = Seed(db)
    live = seed.source(f"{web['main']}/crawl/live", live_class=None)
    gone = seed.source(f"{web['main']}/crawl/status/410", live_class=None)
    walled = seed.source(f"{web['main']}/crawl/cloudflare", live_class=None)
    config = archive.config(tmp_path, save_per_minute=300)
    crawl.run(db, config, show_progress=False)
    classes = {r["source_id"]: r["class"] for r in db.query("SELECT source_id, class FROM fetches WHERE purpose = 'live' AND final = 1")}
    assert classes == {live: "live", gone: "client-error", walled: "blocked"}

    stage.run(db, config)
    memento_texts = {r["source_id"]: r for r in db.query("SELECT * FROM texts WHERE origin = 'memento'")}
    assert memento_texts[gone]["memento_timestamp"] == "20200325000000"
    assert "as it stood on the day it was cited" in memento_texts[gone]["text"]
    assert memento_texts[live]["memento_timestamp"] == "20200320000000"    # rescue_live: for drift
    jobs = {j["source_id"]: j["status"] for j in db.query("SELECT * FROM save_jobs")}
    assert jobs == {live: "done", walled: "done"}                           # the 410 page is not saved
    assert rescue.EVIDENCE_NOTE in db["sources"].get(walled)["state_reason"]
    counters = archive.counters()
    assert all(len(v) == 1 for k, v in counters.items() if k.startswith("captured:"))
    times = sorted(counters["save-requests"])
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.75 * 60 / 300


def test_repeated_429s_stop_the_saves_and_keep_every_job(archive, tmp_path, db):
    archive.set(**{"save.429": 10, "save.retry_after": 0})
    seed = Seed(db)
    for i in range(2):
        seed.source(f"https://limited-{archive.ns}.example/{i}")
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert "3 answers 429 in a row" in result["stopped"]
    assert result["stopped"].endswith("every job stays queued: run `citewatch archive` again later, or if this "
                                      "happens on every run lower save_per_minute (now 600 a minute; "
                                      "CITEWATCH_SAVE_PER_MINUTE)")
    assert archive.count("save-requests") == 3
    assert result["save_jobs"] == {"queued": 2}


def test_an_archive_still_answering_429_after_the_retries_names_the_command_to_run_again(
        archive, tmp_path, db, monkeypatch):
    monkeypatch.setenv("IA_ACCESS_KEY", "a")
    monkeypatch.setenv("IA_SECRET_KEY", "b")
    archive.set(**{"spn2.429": 10, "spn2.retry_after": 0})    # the quota check before the first save
    Seed(db).source(f"https://limited-keys-{archive.ns}.example/a")
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["stopped"] == ("SPN2: 429 Too Many Requests: still rate-limited after the retries; "
                                 "run `citewatch archive` again later")
    assert result["save_jobs"] == {"queued": 1}


def test_the_429_stop_names_the_save_rate_in_use_as_settings_lists_it():
    from archive.save import _when_rate_limited

    config = load_config(env={"CITEWATCH_SAVE_PER_MINUTE_KEYS": "0"})
    keys = WaybackOptions.from_config(config, env={"IA_ACCESS_KEY": "a", "IA_SECRET_KEY": "b"})
    assert _when_rate_limited(keys).endswith("lower save_per_minute_keys (now 0, no limit; "
                                             "CITEWATCH_SAVE_PER_MINUTE_KEYS)")
    anonymous = WaybackOptions.from_config(load_config(env={}), env={})
    assert _when_rate_limited(anonymous).endswith("lower save_per_minute (now 3.2 a minute; CITEWATCH_SAVE_PER_MINUTE)")


def test_no_captures_left_today_stops_before_any_request(archive, tmp_path, db, monkeypatch):
    monkeypatch.setenv("IA_ACCESS_KEY", "a")
    monkeypatch.setenv("IA_SECRET_KEY", "b")
    archive.set(**{"spn2.available": 0})
    Seed(db).source(f"https://quota-{archive.ns}.example/a")
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert "no captures left" in result["stopped"] and archive.count("save-requests") == 0
    assert result["save_jobs"] == {"queued": 1}


def test_an_unreachable_archive_stops_the_run_after_three_lookups(archive, tmp_path, db):
    import socket

    with socket.socket() as sock:                      # a port nobody listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    seed = Seed(db)
    for i in range(5):
        seed.source(f"https://offline-{archive.ns}.example/{i}")
    result = stage.run(db, archive.config(tmp_path, wayback_url=closed, rescue_live=0))
    assert "3 lookups in a row could not connect" in result["stopped"]
    failed = list(db.query("SELECT reason FROM archive_lookups WHERE status = 'failed'"))
    assert len(failed) == 3 and all(r["reason"] == f"cannot reach the archive at {closed}: connection refused "
                                    "(is an archive listening there? check CITEWATCH_WAYBACK_URL)" for r in failed)
    assert db["save_jobs"].count == 0


def test_a_capture_older_than_save_if_older_than_is_asked_again(archive, tmp_path, db):
    url = "https://gov.example/captured-long-ago"        # its one capture is from 2020
    source = Seed(db).source(url)
    config = archive.config(tmp_path, rescue_live=0, save_if_older_than="30d")
    with db.conn:                                        # saved by a run in 2020
        db["save_jobs"].insert({"source_id": source, "url": url, "status": "done", "attempts": 0,
                                "memento_url": f"{archive.base}/web/20200101000000/{url}",
                                "created_at": "2020-01-01T00:00:00+00:00", "updated_at": "2020-01-01T00:00:00+00:00"})
    result = stage.run(db, config)
    assert result["save_queued"] == 1 and result["saves_done"] == 1
    assert archive.count(f"captured:{url}") == 1
    assert not db["save_jobs"].get(1)["memento_url"].endswith(f"/web/20200101000000/{url}")
    assert stage.run(db, config).get("save_queued") == 0            # now fresh: nothing more to ask


# ---------------------------------------------------------------- a wait said as it starts

SLOWED = r"the archive \(127\.0\.0\.1:\d+\) asked us to slow down \({}429 Too Many Requests\)"


def waiting_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("archive: waiting ")]


def archive_command(archive, tmp_path, runner, **settings):
    env = archive.env(tmp_path, rescue_live=0, **settings)
    result = runner.invoke(cli, ["archive"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_a_retry_after_from_a_lookup_and_a_save_is_said_as_its_wait_starts(archive, tmp_path, db, runner):
    archive.set(**{"available.429": 1, "available.retry_after": 0.5, "save.429": 1, "save.retry_after": 0.5})
    Seed(db).source(f"https://slowed-{archive.ns}.example/a")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=0.2)
    lines = result.stderr.splitlines()
    said = waiting_lines(result.stderr)
    assert len(said) == 2, result.stderr
    lookup, save = said
    assert re.fullmatch(r"archive: waiting \d\.\d s: " + SLOWED.format(""), lookup), lookup
    assert re.fullmatch(r"archive: waiting \d\.\d s: " + SLOWED.format("save: "), save), save
    # each before the line of the item it held back: the log shows the wait while it lasts
    assert lines.index(lookup) < next(i for i, line in enumerate(lines) if line.startswith("archive: lookup 1/1"))
    assert lines.index(save) < next(i for i, line in enumerate(lines) if line.startswith("archive: save 1/1"))
    assert {job["status"] for job in _jobs(db).values()} == {"done"}
    assert archive.count("violations") == 0


def test_the_pacing_of_calls_and_a_backoff_after_a_5xx_are_said_too(archive, tmp_path, db, runner):
    archive.set(**{"cdx.503": 1})
    seed = Seed(db)
    for i in range(2):
        seed.source(f"https://paced-{archive.ns}.example/{i}")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=0.2, cdx_per_minute=150,
                             archive_backoff=0.3)
    said = waiting_lines(result.stderr)
    assert any(re.fullmatch(r"archive: waiting 0\.\d s: lookups to the archive are paced at 150 a minute", line)
               for line in said), result.stderr
    backoff = r"archive: waiting 0\.3 s: .*503.*; asking again after the backoff \(archive_backoff\)"
    assert any(re.fullmatch(backoff, line) for line in said), said


def test_a_wait_shorter_than_archive_wait_notice_is_not_said(archive, tmp_path, db, runner):
    archive.set(**{"available.429": 1, "available.retry_after": 0.5})
    Seed(db).source(f"https://brief-{archive.ns}.example/a")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=30)
    assert waiting_lines(result.stderr) == []
    assert "archive: lookup 1/1" in result.stderr      # the stage ran, its waits unsaid


def test_the_same_cause_is_said_once_a_minute_not_once_a_save(archive, tmp_path, db, runner):
    """Anonymous saves are paced one every 19 s, over the default notice of 5 s: a line a save
    filled the log.  Here three saves paced 0.6 s apart, a notice from 0.2 s."""
    seed = Seed(db)
    for i in range(3):
        seed.source(f"https://saved-{archive.ns}.example/{i}")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=0.2, save_per_minute=100)
    paced = [line for line in waiting_lines(result.stderr) if "saves to the archive are paced at 100 a minute" in line]
    assert len(paced) == 1, result.stderr
    assert {job["status"] for job in _jobs(db).values()} == {"done"} and len(_jobs(db)) == 3
