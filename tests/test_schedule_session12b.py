"""A schedule re-checks at the rate it promises, and its runs say plainly what they did not do.

The due rule (crawler/state.py `due_again`): a source is due again one recheck interval after
the start of the crawl that checked it, less a slack; a cron line starting every run at the
same minute re-checks at each run what the run one interval before checked.  The crawls are
rows on a real SQLite database dated around the real clock (never asserted on): a crawl that
began exactly one interval ago, its check written seconds later.
"""

from __future__ import annotations

import datetime
import io
import sqlite3

import pytest

import db as database
from crawler.cli import cli
from crawler.config import SETTINGS
from crawler.state import RECHECK_SLACK, due_sources, open_crawl, record_check
from tests.test_crawl import add_sources, crawl, fast_env, source

CONFIG = {s.name: s.default for s in SETTINGS}
DAY = datetime.timedelta(days=1)


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _checked(db, url: str, cls: str, started: datetime.datetime, written: datetime.datetime, config=CONFIG) -> int:
    """A source given one check of class `cls`, written at `written` by a crawl begun at `started`: its id."""
    source_id = add_sources(db, [url])[url]
    with db.conn:
        crawl_id, _ = open_crawl(db, {})
        db.execute("update crawls set started_at = ?, status = 'finished' where id = ?", [_iso(started), crawl_id])
        fetch_id = db["fetches"].insert({"crawl_id": crawl_id, "source_id": source_id, "purpose": "live", "attempt": 1,
                                         "requested_url": url, "class": cls, "final": 1}).last_pk
        record_check(db, source_id, {"at": _iso(written), "class": cls, "reason": cls, "attempt": "citewatch",
                                     "crawl_id": crawl_id, "fetch_id": fetch_id}, config)
    return source_id


def test_a_run_one_interval_after_the_last_rechecks_what_it_checked(db):
    """Weekly cron runs at 03:17: the live source checked 40 s into last week's run is due in
    this week's, and so is the failing one checked a day ago; one checked six days ago is not."""
    now = datetime.datetime.now(datetime.timezone.utc)
    live = _checked(db, "https://a.example/live", "live", now - 7 * DAY, now - 7 * DAY + datetime.timedelta(seconds=40))
    failing = _checked(db, "https://a.example/gone", "client-error", now - DAY, now - DAY + datetime.timedelta(seconds=3))
    recent = _checked(db, "https://a.example/recent", "live", now - 6 * DAY, now - 6 * DAY + datetime.timedelta(seconds=3))
    due = {s["id"] for s in due_sources(db, None)}
    assert live in due and failing in due and recent not in due


def test_next_check_counts_from_the_crawls_start_less_the_slack(db):
    started = datetime.datetime(2027, 3, 1, 3, 17, tzinfo=datetime.timezone.utc)
    # a long crawl: the check written hours after the crawl began still counts from its start
    live = _checked(db, "https://a.example/1", "live", started, started + datetime.timedelta(hours=2, seconds=12))
    assert source(db, live)["next_check"] == "2027-03-08T03:02:00+00:00"
    failing = _checked(db, "https://a.example/2", "client-error", started, started + datetime.timedelta(seconds=3))
    assert source(db, failing)["next_check"] == "2027-03-02T03:02:00+00:00"
    # a short interval gets a tenth of itself as slack, not a quarter hour
    short = {**CONFIG, "recheck_live": "10m"}
    quick = _checked(db, "https://a.example/3", "live", started, started + datetime.timedelta(seconds=30), short)
    assert source(db, quick)["next_check"] == "2027-03-01T03:26:00+00:00"
    assert RECHECK_SLACK == 15 * 60


def test_a_crawl_resumed_after_an_interval_counts_from_the_check(db):
    """A crawl killed and resumed nine days later: its sources are not due again at once."""
    started = datetime.datetime(2027, 3, 1, 3, 17, tzinfo=datetime.timezone.utc)
    late = _checked(db, "https://a.example/late", "live", started, started + 9 * DAY)
    assert source(db, late)["next_check"] == "2027-03-17T03:02:00+00:00"


def test_a_real_crawl_dates_the_next_check_from_its_start(web, env, db, tmp_path):
    url = web["main"] + "/crawl/live"
    source_id = add_sources(db, [url])[url]
    crawl(fast_env(env, web, tmp_path))
    started = db.execute("select started_at from crawls").fetchone()[0]
    row = source(db, source_id)
    assert row["state"] == "live" and row["checks"][-1]["at"] >= started
    expected = datetime.datetime.fromisoformat(started) + 7 * DAY - datetime.timedelta(seconds=RECHECK_SLACK)
    assert row["next_check"] == _iso(expected)


@pytest.mark.parametrize("command", [["crawl"], ["run", "--scheduled"]])
def test_a_crawl_kept_from_writing_past_the_busy_timeout_says_so_in_one_line(command, runner, db, db_path, tmp_path,
                                                                               monkeypatch):
    """A sqlite3 shell holding the write lock: one line naming the database, not a traceback
    (this process's own crawl lock is not named as the holder)."""
    add_sources(db, ["https://a.example/x"])
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)   # SQLite's busy timeout, shrunk
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        result = runner.invoke(cli, [*command, "--db", str(db_path), "--data-dir", str(tmp_path / "data")])
    finally:
        holder.execute("rollback")
        holder.close()
    assert result.exit_code == 1
    error = result.output.strip().splitlines()[-1]
    assert error.startswith(f"Error: {db_path}: another process has held the database's write lock for over 0.2s "
                            "(a `sqlite3` shell or a database browser")
    assert f"`fuser {db_path}` lists the processes" in error and "running on it" not in error
    again = "citewatch run" if command[0] == "run" else "citewatch crawl"
    assert error.endswith(f"close the program writing it and run `{again}` again (it continues where it stopped)")
    assert "Traceback" not in result.output


def test_a_crawl_with_nothing_due_names_the_next_due_time_and_all(runner, db, db_path, tmp_path):
    data = tmp_path / "data"
    empty = runner.invoke(cli, ["crawl", "--db", str(db_path), "--data-dir", str(data)])
    assert empty.exit_code == 0 and empty.output == (
        "0 sources (no source was due): the database holds none to crawl; ingest a document first "
        "(`citewatch ingest DOC`)\n")
    soon, later = add_sources(db, ["https://a.example/soon", "https://a.example/later"]).values()
    db["sources"].update(soon, {"next_check": "2999-03-08T03:02:00+00:00"})
    db["sources"].update(later, {"next_check": "2999-03-09T00:00:00+00:00"})
    result = runner.invoke(cli, ["crawl", "--db", str(db_path), "--data-dir", str(data)])
    assert result.exit_code == 0
    # one line, and no WARC folder: nothing was written there
    assert result.output == ("0 sources (no source was due): the next is due at 2999-03-08 03:02 UTC; "
                             "--all re-checks every source now\n")
    assert not (data / "warc").exists()


def test_a_watch_says_its_next_run_retries_the_archive_and_after_its_last_names_itself():
    """The archive's "run `citewatch archive` again" beside a watch whose next run does it
    (audit12b F9): while the watch goes on it says when; after its last run it names the watch."""
    from rich.console import Console

    from crawler import schedule
    from crawler.run import RunResult

    stopped = ("3 answers 429 in a row: stopping saves for this run (save: 429 Too Many Requests); every job stays "
               "queued: run `citewatch archive` again later, or if this happens on every run lower save_per_minute")
    result = RunResult(stages={"archive": {"stopped": stopped}})
    said = {}
    for every in (3600.0, None):
        out = io.StringIO()
        schedule.say_stops(result, Console(file=out, width=1000), every)
        said[every] = out.getvalue()
    assert said[3600.0] == ("archive stopped early: 3 answers 429 in a row: stopping saves for this run (save: 429 Too "
                            "Many Requests); every job stays queued: the watch's next run, in 1h, tries again later, "
                            "or if this happens on every run lower save_per_minute\n")
    assert "every job stays queued: run `citewatch watch` again later" in said[None]
    assert "citewatch archive" not in said[3600.0] + said[None]


def test_schedules_say_they_leave_the_archive_keys_out(runner, db, db_path, tmp_path, monkeypatch):
    """IA_ACCESS_KEY/IA_SECRET_KEY set by hand: neither schedule carries them (no secrets in a
    crontab or a unit file), and each says so, on stderr, with how to hand them over (F7)."""
    monkeypatch.chdir(tmp_path)
    keys = {"IA_ACCESS_KEY": "access-abc", "IA_SECRET_KEY": "secret-def"}
    cron = runner.invoke(cli, ["schedule", "--cron", "--every", "1d", "--db", str(db_path)], env=keys)
    assert cron.exit_code == 0, cron.output
    assert "secret-def" not in cron.stdout and "access-abc" not in cron.stdout and len(cron.stdout.splitlines()) == 1
    assert cron.stderr == (
        "Note: IA_ACCESS_KEY and IA_SECRET_KEY are set here but not written into the line (no secrets in a schedule): "
        "the scheduled run will not see them and saves to the Wayback Machine anonymously; to give it the keys, "
        "write `export IA_ACCESS_KEY=… IA_SECRET_KEY=…` into a file only you can read (chmod 600) and begin the "
        "line's command (after its five time fields) with `. /path/to/that/file && `\n")
    units = tmp_path / "units"
    timer = runner.invoke(cli, ["schedule", "--systemd", str(units), "--db", str(db_path)], env=keys)
    assert timer.exit_code == 0, timer.output
    assert "secret-def" not in (units / "citewatch.service").read_text()
    assert (f"add EnvironmentFile=/path/to/that/file under [Service] in {units / 'citewatch.service'}"
            in " ".join(timer.stderr.split()))
    # without the keys (or with one alone, which saves anonymously by hand too): no note
    alone = runner.invoke(cli, ["schedule", "--cron", "--every", "1d", "--db", str(db_path)],
                          env={"IA_ACCESS_KEY": "access-abc", "IA_SECRET_KEY": ""})
    assert alone.exit_code == 0 and not alone.stderr
