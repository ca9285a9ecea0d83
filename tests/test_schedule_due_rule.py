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
from crawler.state import RECHECK_SLACK, due_sources, next_state, open_crawl, record_check
from tests.conftest import LETTER
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, source

CONFIG = {s.name: s.default for s in SETTINGS}
DAY = datetime.timedelta(days=1)


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _checked(db, url: str, cls: str, started: datetime.datetime, written: datetime.datetime, config=CONFIG) -> int:
    """A source given one check of class `cls`, written at `written` by a crawl begun at `started`: its id."""
    source_id = add_sources(db, [url])[url]
    _recheck(db, source_id, url, cls, started, written, config)
    return source_id


def _recheck(db, source_id: int, url: str, cls: str, started: datetime.datetime, written: datetime.datetime,
             config=CONFIG) -> None:
    """One more check of the source, by its own crawl begun at `started`."""
    with db.conn:
        crawl_id, _ = open_crawl(db, {})
        db.execute("update crawls set started_at = ?, status = 'finished' where id = ?", [_iso(started), crawl_id])
        fetch_id = db["fetches"].insert({"crawl_id": crawl_id, "source_id": source_id, "purpose": "live", "attempt": 1,
                                         "requested_url": url, "class": cls, "final": 1}).last_pk
        record_check(db, source_id, {"at": _iso(written), "class": cls, "reason": cls, "attempt": "citewatch",
                                     "crawl_id": crawl_id, "fetch_id": fetch_id}, config)


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


def test_runs_every_ten_minutes_keep_a_failing_source_to_its_time(db):
    """`*/10` cron: the run at 03:00 picks up the source due at 03:10 (its
    next_check, 02:55, is inside the slack); the next is due a day after 03:10, not after 03:00,
    so the checks do not come ten minutes earlier every day."""
    url = "https://a.example/gone"
    first = datetime.datetime(2027, 3, 1, 3, 10, tzinfo=datetime.timezone.utc)
    gone = _checked(db, url, "client-error", first, first + datetime.timedelta(seconds=2))
    assert source(db, gone)["next_check"] == "2027-03-02T02:55:00+00:00"
    for day in range(1, 4):
        early = datetime.datetime(2027, 3, 1 + day, 3, 0, tzinfo=datetime.timezone.utc)
        _recheck(db, gone, url, "client-error", early, early + datetime.timedelta(seconds=2))
        assert source(db, gone)["next_check"] == _iso(first + (day + 1) * DAY - datetime.timedelta(minutes=15))
    # the fourth check is three days (less ten minutes) after the first counted one: it counts
    assert [c["counts"] for c in source(db, gone)["checks"]] == [True, False, False, True]
    # a crawl begun by hand before the source was due counts from its own start
    manual = datetime.datetime(2027, 3, 4, 12, 0, tzinfo=datetime.timezone.utc)
    _recheck(db, gone, url, "client-error", manual, manual + datetime.timedelta(seconds=2))
    assert source(db, gone)["next_check"] == "2027-03-05T11:45:00+00:00"


def test_a_check_written_a_slack_short_of_an_interval_into_its_crawl_is_not_due_at_once(db):
    """Written 23 h 50 min into its crawl: counting from the crawl's start would
    make it due before the check itself; it counts from the check."""
    started = datetime.datetime(2027, 3, 1, 3, 17, tzinfo=datetime.timezone.utc)
    written = started + DAY - datetime.timedelta(minutes=10)
    failing = _checked(db, "https://a.example/slow", "client-error", started, written)
    assert source(db, failing)["next_check"] == _iso(written + DAY - datetime.timedelta(minutes=15))
    live_at = started + 7 * DAY - datetime.timedelta(minutes=5)
    live = _checked(db, "https://a.example/long", "live", started, live_at)
    assert source(db, live)["next_check"] == _iso(live_at + 7 * DAY - datetime.timedelta(minutes=15))


def test_failing_checks_a_crawl_order_apart_count_as_days_apart():
    """The 40th source of a long first crawl, 1st in the short daily ones: its
    check three days later came 12 s short of three days and did not count, so it died a day
    later than the 1st source on the same schedule.  Within the quarter-hour slack it counts;
    beyond it, not."""
    first = {"at": "2027-03-01T03:17:12+00:00", "class": "client-error", "reason": "404", "attempt": 1}
    state = next_state({"state": "unknown", "checks": []}, first, 3, 3)
    for at, counts in [("2027-03-04T03:17:00+00:00", True), ("2027-03-04T03:02:00+00:00", False)]:
        after = next_state(state, {**first, "at": at}, 3, 3)
        assert after["checks"][-1]["counts"] is counts


def test_a_real_crawl_dates_the_next_check_from_its_start(web, env, db, tmp_path):
    url = web["main"] + "/crawl/live"
    source_id = add_sources(db, [url])[url]
    crawl_here(fast_env(env, web, tmp_path))
    started = db.execute("select started_at from crawls").fetchone()[0]
    row = source(db, source_id)
    assert row["state"] == "live" and row["checks"][-1]["at"] >= started
    expected = datetime.datetime.fromisoformat(started) + 7 * DAY - datetime.timedelta(seconds=RECHECK_SLACK)
    assert row["next_check"] == _iso(expected)


def _held(runner, db_path, tmp_path, *command):
    """`citewatch COMMAND` run while a sqlite3 shell holds the write lock (write_wait 0.2 s)."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        return runner.invoke(cli, [*command, "--db", str(db_path), "--data-dir", str(tmp_path / "data")],
                             env={"CITEWATCH_WRITE_WAIT": "0.2"})
    finally:
        holder.execute("rollback")
        holder.close()


@pytest.mark.parametrize("command", [["crawl"], ["run", "--scheduled"]])
def test_a_crawl_kept_from_writing_past_the_busy_timeout_says_so_in_one_line(command, runner, db, db_path, tmp_path):
    """A sqlite3 shell holding the write lock: one line naming the database, not a traceback
    (this process's own crawl lock is not named as running)."""
    add_sources(db, ["https://a.example/x"])
    result = _held(runner, db_path, tmp_path, *command)
    assert result.exit_code == 1
    error = result.output.strip().splitlines()[-1]
    assert error.startswith(f"Error: {db_path}: another process has held the database's write lock for over 0.2s "
                            "(a `sqlite3` shell or a database browser")
    assert f"`fuser {db_path}` lists the processes" in error and "running on it" not in error
    again = "citewatch run" if command[0] == "run" else "citewatch crawl"
    assert error.endswith(f"close the program writing it and run `{again}` again (it continues where it stopped)")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["run", "--scheduled"], ["ingest", str(LETTER)]])
def test_every_stage_kept_from_writing_says_so_in_one_line(command, runner, db, db_path, tmp_path):
    """Nothing due, so the archive stage's write meets the lock first; ingest's own write too
    (no traceback from archive/snapshots.py, db.write_transaction)."""
    result = _held(runner, db_path, tmp_path, *command)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    error = result.output.strip().splitlines()[-1]
    assert error == (f"Error: {db_path}: another process has held the database's write lock for over 0.2s "
                     f"({database.LONG_WRITERS}; `fuser {db_path}` lists the processes that have it open); "
                     f"close the program writing it and run `citewatch {command[0]}` again")


def test_a_watch_kept_from_writing_advises_the_watch_not_a_crawl(runner, db, db_path, tmp_path):
    """The crawl's DatabaseLocked inside `watch`: after its last run it names the
    watch to run again; while it goes on, its next run."""
    from crawler import schedule
    from crawler.config import load_config
    from crawler.crawl import DatabaseLocked

    add_sources(db, ["https://a.example/x"])
    result = _held(runner, db_path, tmp_path, "watch", "--every", "1h", "--max-runs", "1")
    assert result.exit_code == 1
    assert ("close the program writing it and run `citewatch watch` again (it continues where it stopped)"
            in " ".join(result.output.split()))
    assert "citewatch crawl" not in result.output
    config = load_config(None, db=str(db_path), env={})
    locked = DatabaseLocked("x.db: … close the program writing it and run `citewatch crawl` again")
    assert schedule.failure(locked, config, 3600.0) == (
        "x.db: … close the program writing it and the watch's next run, in 1h, tries again")


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
    """The archive's "run `citewatch archive` again" beside a watch whose next run does it:
    while the watch goes on it says when; after its last run it names the watch."""
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
    units.mkdir()   # (a missing folder is refused: tests/test_schedule_systemd.py)
    timer = runner.invoke(cli, ["schedule", "--systemd", str(units), "--db", str(db_path)], env=keys)
    assert timer.exit_code == 0, timer.output
    assert "secret-def" not in (units / "citewatch.service").read_text()
    assert (f"add EnvironmentFile=/path/to/that/file under [Service] in {units / 'citewatch.service'}"
            in " ".join(timer.stderr.split()))
    # without the keys (or with one alone, which saves anonymously by hand too): no note
    alone = runner.invoke(cli, ["schedule", "--cron", "--every", "1d", "--db", str(db_path)],
                          env={"IA_ACCESS_KEY": "access-abc", "IA_SECRET_KEY": ""})
    assert alone.exit_code == 0 and not alone.stderr
