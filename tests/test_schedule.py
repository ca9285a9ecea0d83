"""Scheduling: the watch loop, cron and systemd, the changes file and the exit status."""

import configparser
import datetime
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rich.console import Console

import db as database
from crawler import schedule
from crawler.cli import cli
from crawler.config import ConfigError, load_config
from tests.conftest import ARTICLE
from tests.factories import Factory


@pytest.fixture
def config(tmp_path, db_path):
    return load_config(env={}, db=str(db_path), data_dir=str(tmp_path / "data"))


@pytest.mark.parametrize("every, fields", [
    ("1d", "17 3 * * *"), ("24h", "17 3 * * *"), ("7d", "17 3 * * 1"), ("6h", "17 */6 * * *"),
    ("8h", "17 */8 * * *"), ("15m", "*/15 * * * *"), ("60m", "17 */1 * * *"),
])
def test_cron_schedule_for_intervals_it_keeps_evenly(every, fields, config):
    assert schedule.cron_schedule(schedule.interval(config, every)) == fields


@pytest.mark.parametrize("every", ["90s", "0.5"])
def test_cron_refuses_intervals_it_cannot_write(every, config):
    with pytest.raises(ConfigError, match="cannot be written as a cron schedule .whole minutes only.; use --systemd DIR"):
        schedule.cron_schedule(schedule.interval(config, every))


@pytest.mark.parametrize("every, message", [
    ("45m", "--every 45m cannot be kept evenly by cron (a */N step restarts every hour); use 30m or 1h, or --systemd DIR"),
    ("13m", "--every 13m cannot be kept evenly by cron (a */N step restarts every hour); use 12m or 15m, or --systemd DIR"),
    ("7h", "--every 7h cannot be kept evenly by cron (a */N step restarts every day); use 6h or 8h, or --systemd DIR"),
    ("90m", "--every 90m cannot be kept evenly by cron (its hour steps are whole hours); use 1h or 2h, or --systemd DIR"),
    ("3d", "--every 3d cannot be kept evenly by cron (its day steps restart every month); use 1d or 7d, or --systemd DIR"),
    ("25h", "--every 25h cannot be kept evenly by cron (its day steps restart every month); use 1d or 7d, or --systemd DIR"),
])
def test_cron_refuses_intervals_it_would_keep_unevenly(every, message, config):
    with pytest.raises(ConfigError) as refused:
        schedule.cron_schedule(schedule.interval(config, every))
    assert refused.value.message == message + ", whose timer keeps any interval"


def test_the_cli_refuses_an_uneven_cron_interval_and_systemd_keeps_it(runner, tmp_path, db, db_path):
    cron = runner.invoke(cli, ["schedule", "--cron", "--every", "45m", "--db", str(db_path)])
    assert cron.exit_code == 1 and cron.output.startswith("Error: --every 45m cannot be kept evenly by cron")
    assert len(cron.output.strip().splitlines()) == 1
    units = tmp_path / "units"
    units.mkdir()   # (a missing folder is refused: tests/test_schedule_systemd.py)
    timer = runner.invoke(cli, ["schedule", "--systemd", str(units), "--every", "45m", "--db", str(db_path)])
    assert timer.exit_code == 0, timer.output
    assert "OnUnitActiveSec=45m\n" in (units / "citewatch.timer").read_text()


def test_a_bad_interval_names_where_it_came_from(runner, db, db_path):
    flag = runner.invoke(cli, ["schedule", "--cron", "--every", "xyz", "--db", str(db_path)])
    assert flag.exit_code == 2 and flag.output.endswith(   # a usage error (README's exit statuses)
        "Error: Invalid value for '--every': xyz is not a duration; write it like 30d, 12h, 15m or 90s\n")
    variable = runner.invoke(cli, ["schedule", "--cron", "--db", str(db_path)], env={"CITEWATCH_WATCH_EVERY": "xyz"})
    assert variable.exit_code == 1 and variable.output.startswith("Error: CITEWATCH_WATCH_EVERY: xyz is not a duration")


@pytest.mark.parametrize("every, message", [
    ("nan", "--every: nan must be a finite number"), ("inf", "--every: inf must be a finite number"),
    ("1e400d", "--every: 1e400d must be a finite number"), ("0", "--every: 0 must be greater than 0s and 366d or less"),
    ("-1d", "--every: -1d must be greater than 0s and 366d or less"),
    # a huge interval: systemd would be handed hundreds of digits, and watch's wait would overflow
    ("1e300s", "--every: 1e300s must be greater than 0s and 366d or less"),
    ("367d", "--every: 367d must be greater than 0s and 366d or less"),
])
def test_an_interval_that_never_pauses_or_never_ends_is_refused_like_the_setting(runner, tmp_path, db, db_path, every, message):
    # --every is checked as watch_every is: cron would raise on nan, a systemd timer would say nans.
    said = "Error: Invalid value for '--every': " + message.removeprefix("--every: ") + "\n"
    cron = runner.invoke(cli, ["schedule", "--cron", "--every", every, "--db", str(db_path)], catch_exceptions=False)
    assert cron.exit_code == 2 and cron.output.endswith(said)
    units = tmp_path / "units"
    timer = runner.invoke(cli, ["schedule", "--systemd", str(units), "--every", every, "--db", str(db_path)],
                          catch_exceptions=False)
    assert timer.exit_code == 2 and timer.output.endswith(said) and not units.exists()


def test_cron_line_runs_the_scheduled_run_with_absolute_paths(tmp_path, monkeypatch):
    odd = tmp_path / "my data 100%"
    monkeypatch.chdir(tmp_path)
    config = load_config(env={}, db="rel.db", data_dir=str(odd))
    line = schedule.cron_line(config, 86400)
    assert line.startswith("17 3 * * * cd ")
    assert "\\%" in line and "100%'" not in line.replace("\\%", "")  # cron reads a bare % as a newline
    command = shlex.split(line.split(" && ", 1)[1].replace("\\%", "%"))
    run = command.index("run")
    assert command[run:run + 2] == ["run", "--scheduled"]
    assert command[command.index("--db") + 1] == str(tmp_path / "rel.db")
    assert command[command.index("--data-dir") + 1] == str(odd)


@pytest.mark.parametrize("where", ["data_dir", "env"])
def test_a_line_break_is_refused_for_cron_not_written_as_a_job_of_its_own(tmp_path, monkeypatch, where):
    """A crontab entry is one line: a data folder or a CITEWATCH_* value holding a newline
    split the line, and cron read what followed it as an entry of its own, a job it ran every
    minute (`* * * * * touch …`), however the shell quoted it."""
    monkeypatch.chdir(tmp_path)
    injected = "x\n* * * * * touch /tmp/owned #"
    config = load_config(env={"CITEWATCH_USER_AGENT": f"citewatch {injected}"} if where == "env" else {},
                         db="rel.db", data_dir=str(tmp_path / injected) if where == "data_dir" else "data")
    with pytest.raises(ConfigError, match="line break"):
        schedule.cron_line(config, 86400)


def test_schedules_carry_the_configuration_file_and_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf.toml").write_text("fetch_timeout = 12.5\n")
    config = load_config("conf.toml", env={"CITEWATCH_WAYBACK_URL": "http://127.0.0.1:9/wb", "CITEWATCH_DB": "x.db",
                                           "CITEWATCH_NITTER_MIRRORS": "http://a, http://b",
                                           "CITEWATCH_CRAWL_SOCIAL": "no"})
    line = schedule.cron_line(config, 86400)
    words = shlex.split(line.split(" && ", 2)[2])   # after `cd DIR && mkdir -p -- DATA_DIR`
    assert set(words[:3]) == {"CITEWATCH_WAYBACK_URL=http://127.0.0.1:9/wb", "CITEWATCH_NITTER_MIRRORS=http://a,http://b",
                              "CITEWATCH_CRAWL_SOCIAL=false"}   # (as a user writes it, not Python's False)
    assert words[words.index("--config") + 1] == str(tmp_path / "conf.toml")
    assert words[words.index("--db") + 1] == str(tmp_path / "x.db") and "CITEWATCH_DB" not in line
    service = schedule.systemd_units(config, 86400)["citewatch.service"]
    assert 'Environment=CITEWATCH_WAYBACK_URL=http://127.0.0.1:9/wb' in service
    assert f"--config {tmp_path / 'conf.toml'}" in service


def test_the_cron_line_runs_in_a_new_folder_whose_data_dir_is_not_made_yet(runner, tmp_path, monkeypatch):
    """cron's shell opens the log before citewatch starts (which would make the data dir): the
    line makes the folder first, or every run failed 'Directory nonexistent' without a word."""
    fresh = tmp_path / "fresh 100%"
    fresh.mkdir()
    monkeypatch.chdir(fresh)
    assert runner.invoke(cli, ["ingest", str(ARTICLE)], catch_exceptions=False).exit_code == 0
    printed = runner.invoke(cli, ["schedule", "--cron"], catch_exceptions=False)
    assert printed.exit_code == 0 and not (fresh / "citewatch-data").exists(), printed.output
    # cron hands the shell the line after its five fields, with \% read as % (a bare % is a newline)
    command = printed.output.strip().split(" ", 5)[5].replace("\\%", "%")
    ran = subprocess.run(["/bin/sh", "-c", command], env={"PATH": "/usr/bin:/bin"}, cwd="/",
                         capture_output=True, text=True, timeout=120)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "", "")   # all of it went to the log
    log = (fresh / "citewatch-data" / "scheduled.log").read_text()
    assert "First recorded run: nothing to compare with yet." in log and "Changes file:" in log
    assert json.loads((fresh / "citewatch-data" / "changes.json").read_text())["first_run"] is True


ODD_FOLDERS = ["my dir 100%", 'say "hi"', "it's $HOME", "back\\slash", "o'brien"]


def _service_written_in(folder: Path, runner, monkeypatch) -> Path:
    """`citewatch schedule --systemd units` run from `folder` (made here, with its database); the service file."""
    (folder / "units").mkdir(parents=True)   # (a missing folder is refused: tests/test_schedule_systemd.py)
    monkeypatch.chdir(folder)
    database.open_db(folder / "my db.db").close()
    result = runner.invoke(cli, ["schedule", "--systemd", "units", "--db", "my db.db", "--every", "6h"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "units" / "citewatch.service"


@pytest.mark.parametrize("folder", ODD_FOLDERS)
def test_the_service_names_its_working_directory_as_systemd_reads_it(runner, tmp_path, monkeypatch, folder):
    """WorkingDirectory= is taken unquoted and unescaped (a quoted path is 'not absolute' and the
    unit refused), with % doubled; ExecStart= reads quotes, C escapes and $NAME, so $ is doubled."""
    where = tmp_path / folder
    lines = _service_written_in(where, runner, monkeypatch).read_text().splitlines()
    assert f"WorkingDirectory={str(where).replace('%', '%%')}" in lines
    exec_start = next(line for line in lines if line.startswith("ExecStart="))
    quoted = str(where / "my db.db").replace("%", "%%").replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$")
    assert f' --db "{quoted}" ' in exec_start


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed here")
@pytest.mark.parametrize("folder", ODD_FOLDERS)
def test_systemd_analyze_accepts_the_service_from_an_odd_folder(runner, tmp_path, monkeypatch, folder):
    service = _service_written_in(tmp_path / folder, runner, monkeypatch)
    verify = subprocess.run(["systemd-analyze", "verify", "--man=no", str(service)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0, verify.stderr


@pytest.mark.parametrize("folder", ["ends in a space ", "ends in a backslash\\", "two\nlines"])
def test_a_working_directory_systemd_cannot_hold_is_refused_in_one_line(runner, tmp_path, monkeypatch, folder):
    """systemd strips a line's end and reads a closing backslash as a continuation: such a
    folder would quietly become another one (or break the unit), so it is said instead."""
    where = tmp_path / folder
    where.mkdir()
    monkeypatch.chdir(where)
    database.open_db(where / "citewatch.db").close()   # the default --db
    result = runner.invoke(cli, ["schedule", "--systemd", "units", "--every", "6h"], catch_exceptions=False)
    assert result.exit_code == 1 and not (where / "units").exists()
    assert result.output.startswith(f"Error: {str(where)!r} cannot be a systemd WorkingDirectory=")
    assert result.output.rstrip().endswith("or use --cron")


def test_systemd_units_run_the_scheduled_run_on_a_timer(tmp_path, monkeypatch, runner):
    monkeypatch.chdir(tmp_path)
    database.open_db(tmp_path / "w w.db").close()
    units = tmp_path / "units"
    units.mkdir()   # (a missing folder is refused: tests/test_schedule_systemd.py)
    result = runner.invoke(cli, ["schedule", "--systemd", str(units), "--every", "12h", "--db", "w w.db"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # strict=False: systemd repeats Environment= (one line per setting from the environment)
    service, timer = configparser.ConfigParser(interpolation=None, strict=False), configparser.ConfigParser(interpolation=None)
    service.optionxform = timer.optionxform = str
    service.read(units / "citewatch.service")
    timer.read(units / "citewatch.timer")
    exec_start = shlex.split(service["Service"]["ExecStart"])
    assert exec_start[-6:-4] == ["run", "--scheduled"] and exec_start[-3] == str(tmp_path / "w w.db")
    assert service["Service"]["Type"] == "oneshot"
    # a change, and a run stopped by `systemctl stop` (SIGHUP, SIGTERM) after its clean-up, dead by the signal
    # (crawler/cli.py `main`; a oneshot service counts only exit 0 clean unless told): not failures
    assert service["Service"]["SuccessExitStatus"] == f"{schedule.EXIT_CHANGED} 129 143 SIGHUP SIGTERM"
    assert timer["Timer"]["OnCalendar"] == "*-*-* 00/12:17:00" and timer["Timer"]["Unit"] == "citewatch.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.parametrize("target", [["--cron"], ["--systemd", "units"]])
def test_a_missing_database_is_refused_and_nothing_is_scheduled(runner, tmp_path, monkeypatch, target):
    """`run --scheduled` refuses a missing database: scheduled for a mistyped --db it failed
    every night in a log nobody reads.  No crontab line is printed, no unit written."""
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "typo.db"
    result = runner.invoke(cli, ["schedule", *target, "--every", "1d", "--db", str(typo)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: no database at {typo}; run `citewatch ingest DOC` (or `citewatch run DOC`) first"]
    assert list(tmp_path.iterdir()) == []   # no database, no units folder


def test_schedule_command_needs_a_target(runner):
    result = runner.invoke(cli, ["schedule"])
    assert result.exit_code == 2 and "--cron" in result.output


def test_after_run_writes_changes_and_says_so_in_the_exit_status(db, config):
    f = Factory(db)
    ids = f.letter()
    assert schedule.after_run(db, config, scheduled=True) == 0
    changes_file = schedule.changes_path(config)
    assert json.loads(changes_file.read_text())["first_run"] is True
    assert schedule.after_run(db, config, scheduled=True) == 0
    assert json.loads(changes_file.read_text())["count"] == 0
    f.fetch(f.crawl("2026-02-01T00:00:00+00:00"), ids["failing"]["source"], "live", text="Austria supports a ceasefire.")
    db["sources"].update(ids["failing"]["source"], {"state": "live"})
    assert schedule.after_run(db, config, scheduled=True) == schedule.EXIT_CHANGED
    written = json.loads(changes_file.read_text())
    assert [r["source_id"] for r in written["recovered"]] == [ids["failing"]["source"]]


def test_unscheduled_run_records_state_but_writes_no_changes_file(db, config):
    Factory(db).letter()
    schedule.after_run(db, config, scheduled=False)
    assert not schedule.changes_path(config).exists()
    assert db["run_states"].count == 1


def test_watch_runs_until_max_runs_with_a_settings_shrunk_interval(runner, tmp_path, db_path):
    database.open_db(db_path)  # an empty database: every stage finds nothing due
    changes = tmp_path / "out" / "changes.json"
    result = runner.invoke(cli, ["watch", "--max-runs", "2", "--db", str(db_path), "--data-dir", str(tmp_path / "d")],
                           env={"CITEWATCH_WATCH_EVERY": "0.01s", "CITEWATCH_CHANGES_FILE": str(changes)},
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = list(database.open_db(db_path)["run_states"].rows)
    assert [r["scheduled"] for r in rows] == [1, 1]
    assert json.loads(changes.read_text())["previous_run_state_id"] == rows[0]["id"]
    # a run over an empty database may take more or less than 10 ms: either way the line says when the next begins
    assert re.search(r"Next run (now: this one took longer than 0\.01s|at \S+, 0\.01s after this one began) "
                     r"\(Ctrl-C stops\)\.", result.output), result.output


def test_the_next_run_line_says_now_for_a_run_longer_than_the_interval_else_when():
    assert schedule._next_run(0.01, 0.0) == "Next run now: this one took longer than 0.01s (Ctrl-C stops)."
    line = schedule._next_run(86400, 3600)
    at = datetime.datetime.fromisoformat(re.match(r"Next run at (\S+), 1d after this one began \(Ctrl-C stops\)\.$",
                                                  line).group(1))
    expected = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    assert abs((at - expected).total_seconds()) < 60


def test_watch_says_when_the_next_run_is_as_the_interval_was_written(tmp_path, db):
    """366d, not 3.16224e+07 s (the run fails at once here: the data directory is a file)."""
    not_a_dir = tmp_path / "data-is-a-file"
    not_a_dir.write_text("")
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(not_a_dir))
    out, stop = io.StringIO(), threading.Event()
    stop.set()   # the wait ends at once
    schedule.watch(db, config, schedule.interval(config, "366d"), console=Console(file=out, width=200), stop=stop)
    assert "366d after this one began (Ctrl-C stops)." in out.getvalue()


class _Waits(threading.Event):
    """A stop event that records how long the watch waits, and ends the wait at once."""

    def __init__(self):
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout=None):
        self.waits.append(timeout)
        return True


def test_watch_counts_its_interval_from_start_to_start_as_cron_does(tmp_path, db):
    """The next run begins `every` after the last one began, not after it ended: a daily watch
    whose run takes an hour started an hour later each day.  Its line names the time."""
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "d"))
    out, stop = io.StringIO(), _Waits()
    every = 3600.0
    began = time.monotonic()
    schedule.watch(db, config, every, console=Console(file=out, width=300), stop=stop)
    took = time.monotonic() - began
    assert len(stop.waits) == 1 and every - took <= stop.waits[0] < every
    said = next(line for line in out.getvalue().splitlines() if line.startswith("Next run at "))
    at = datetime.datetime.fromisoformat(said.removeprefix("Next run at ").split(",")[0])
    assert abs((at - datetime.datetime.now(datetime.timezone.utc)).total_seconds() - every) < 60
    assert said.endswith(", 1h after this one began (Ctrl-C stops).")


def test_watch_refuses_a_bad_interval(runner, db_path):
    result = runner.invoke(cli, ["watch", "--every", "soon", "--db", str(db_path)])
    assert result.exit_code == 2 and "Invalid value for '--every': soon is not a duration" in result.output
    never = runner.invoke(cli, ["watch", "--every", "nan", "--max-runs", "1", "--db", str(db_path)], catch_exceptions=False)
    assert never.exit_code == 2 and never.output.endswith("Error: Invalid value for '--every': nan must be a finite number\n")


def test_watch_reports_a_failed_run_and_goes_on(tmp_path, db):
    not_a_dir = tmp_path / "data-is-a-file"
    not_a_dir.write_text("")
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(not_a_dir))
    out = io.StringIO()
    status = schedule.watch(db, config, 0.01, max_runs=2, console=Console(file=out, width=200))
    assert status == 1
    assert "run 1 failed:" in out.getvalue() and "run 2 failed:" in out.getvalue()
    assert db["run_states"].count == 0


def test_scheduled_run_writes_the_changes_file(runner, tmp_path, db_path):
    database.open_db(db_path)
    data_dir = tmp_path / "d"
    for _ in range(2):
        result = runner.invoke(cli, ["run", "--scheduled", "--db", str(db_path), "--data-dir", str(data_dir)],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
    changes = json.loads((data_dir / "changes.json").read_text())
    assert changes["first_run"] is False and changes["count"] == 0
    assert "Nothing changed since the previous run." in result.output


@pytest.mark.parametrize("every, written", [("1000001s", "1000001s"), ("1234567s", "1234567s"), ("0.00001s", "0.00001s"),
                                            ("1.1h", "66m"), ("366d", "366d"), ("8784h", "366d")])
def test_the_timer_holds_every_digit_of_the_interval_in_systemds_syntax(every, written, config):
    """Never 1e+06s (systemd cannot read it, and 1000001 s lost a digit): plain digits or a unit."""
    timer = schedule.systemd_units(config, schedule.interval(config, every))["citewatch.timer"]
    assert f"\nOnUnitActiveSec={written}\n" in timer and f"every {written}\n" in timer


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed here")
@pytest.mark.parametrize("every", ["1d", "7d", "12h", "6h", "1h", "30m", "5m"])
def test_an_interval_cron_keeps_evenly_is_a_calendar_timer_that_makes_up_missed_runs(config, every):
    """A timer counting from the last run's start counts time the machine is awake only: a laptop
    asleep half the day ran a daily check every other day, and one off at the hour skipped it.
    On the calendar (as the cron line), with Persistent=, systemd runs `every` apart by the clock
    and makes up a run missed; systemd-analyze says when the next three come."""
    timer = configparser.ConfigParser(interpolation=None)
    timer.read_string(schedule.systemd_units(config, schedule.interval(config, every))["citewatch.timer"])
    assert timer["Timer"]["Persistent"] == "true" and "OnUnitActiveSec" not in timer["Timer"]
    said = subprocess.run(["systemd-analyze", "calendar", "--iterations=3", timer["Timer"]["OnCalendar"]],
                          capture_output=True, text=True, timeout=60)
    assert said.returncode == 0, said.stderr
    elapses = [datetime.datetime.strptime(" ".join(line.split()[-3:-1]), "%Y-%m-%d %H:%M:%S")
               for line in said.stdout.splitlines() if line.strip().startswith(("Next elapse:", "Iter. #"))]
    assert len(elapses) == 3
    assert {(later - earlier).total_seconds() for earlier, later in zip(elapses, elapses[1:])} == {
        schedule.interval(config, every)}


def test_an_interval_cron_cannot_keep_counts_from_the_last_run(config):
    """45m cannot be kept on the calendar (a */45 step fires at :00 and :45): from the last run's start."""
    timer = schedule.systemd_units(config, schedule.interval(config, "45m"))["citewatch.timer"]
    assert "\nOnBootSec=15min\nOnUnitActiveSec=45m\n" in timer and "OnCalendar" not in timer and "Persistent" not in timer


def test_cron_takes_a_fractional_hour_that_is_whole_minutes(config):
    """1.1h is 3960.0000000000005 s in floating point: whole minutes (66m) all the same."""
    assert schedule.cron_schedule(schedule.interval(config, "0.25h")) == "*/15 * * * *"
    with pytest.raises(ConfigError) as refused:
        schedule.cron_schedule(schedule.interval(config, "1.1h"))
    assert refused.value.message.startswith("--every 66m cannot be kept evenly by cron (its hour steps are whole hours)")


def test_watch_says_the_archive_stopped_on_429s_and_what_to_do(web, archive, tmp_path, db, runner, monkeypatch):
    """A watch whose archive answers 429 to every save says so, with the advice `citewatch run`
    gives (lower save_per_minute), not only a full save bar: it runs for months unread otherwise."""
    from tests.test_archive import Seed

    archive.set(**{"save.429": 10, "save.retry_after": 0})
    seed = Seed(db)
    for i in range(3):
        seed.source(f"{web['main']}/crawl/live?run={archive.ns}-{i}", live_class=None)   # live when crawled
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["watch", "--max-runs", "1", "--db", "test.db"],
                           env=archive.env(tmp_path, rescue_live=0), catch_exceptions=False)
    said = " ".join(result.output.split())
    assert ("archive stopped early: 3 answers 429 in a row: stopping saves for this run (save: 429 Too Many "
            "Requests); every job stays queued: run `citewatch watch` again later, or if this happens on every "
            "run lower save_per_minute") in said, result.output   # its last run: the watch as typed, as run does


def test_an_offline_watch_says_its_next_run_checks_again_and_after_its_last_names_itself(web, env, db, tmp_path):
    """The offline line told a watch's user to run `citewatch crawl` beside a watch that checks
    the same sources again itself (their checks withdrawn, they are due again at once): while the
    watch goes on it says when; after its last run (--max-runs) it names the watch as typed, as
    `citewatch run` and `citewatch check` name themselves (crawler/run.py advice_naming)."""
    from tests.clirun import fast_env
    from tests.conftest import ROOT
    from tests.crawling import add_sources

    add_sources(db, [f"https://{name}.example/statement" for name in ("ministry", "embassy")])  # no name resolves
    watch = subprocess.run([sys.executable, "-m", "crawler.cli", "watch", "--max-runs", "2", "--every", "0.01s"],
                           cwd=ROOT, env=fast_env(env, web, tmp_path), capture_output=True, text=True, timeout=300)
    said = " ".join(watch.stdout.split())
    first, last = said.split("Next run now: this one took longer than 0.01s (Ctrl-C stops).")
    unreachable = "the network seems unreachable: all 2 sources failed"
    assert unreachable in first and unreachable in last, watch.stdout + watch.stderr
    assert ("check this machine's connection (or proxy); the watch checks these sources again at its next run, "
            "in 0.01s") in first, watch.stdout
    assert ("check this machine's connection (or proxy) and run `citewatch watch --max-runs 2 --every 0.01s "
            f"--db {env['CITEWATCH_DB']}` again") in last, watch.stdout   # (the database CITEWATCH_DB named)
    assert "`citewatch crawl`" not in said
    assert watch.returncode == 4   # as `citewatch run --scheduled`: cron or CI tell it from a quiet run
