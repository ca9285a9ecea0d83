"""What a scheduled run (`citewatch run --scheduled`, as cron runs it) writes: its changes file and
its log.

A changes file that cannot be written (a full disk, /dev/full, a folder that is a file, a run
killed with kill -9 as it writes) fails the run in one line and leaves it unrecorded, so the
next run reports its changes again, and a full disk leaves the previous file whole; `-` is
standard output, in a configuration file too, and a standard output that cannot take the
changes is named so; a watched run that fails so leaves the watch going.  A log's lines are
whole at 80 columns, and each run begins with a marker line (its time and the command as
typed), before a bad setting's or a refused database's error too."""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import re
import select
import subprocess
import sys

import pytest
from rich.console import Console

from crawler import history, schedule
from crawler.cli import cli
from crawler.config import ConfigError, load_config
from db.lock import CRAWL, stage_lock
from tests.clirun import MARKER, SCHEDULED_RUN, cli_here
from tests.conftest import ROOT, _tmpfs
from tests.factories import Factory


@pytest.fixture
def config(tmp_path, db_path):
    return load_config(env={}, db=str(db_path), data_dir=str(tmp_path / "data"))


def _recover_one(db, f: Factory, ids: dict) -> None:
    """The letter's failing source checked live again: one change ("recovered") for the next run."""
    f.fetch(f.crawl("2026-02-01T00:00:00+00:00"), ids["failing"]["source"], "live", text="Austria supports a ceasefire.")
    db["sources"].update(ids["failing"]["source"], {"state": "live"})


def _with_a_change(db, db_path, env) -> int:
    """The factory's letter, a scheduled run recorded (the one compared with), then its failing
    source recovered: one change for the next scheduled run; that source's id."""
    f = Factory(db)
    ids = f.letter()
    config = load_config(env={}, db=str(db_path), data_dir=env["CITEWATCH_DATA_DIR"])
    assert schedule.after_run(db, config, scheduled=True) == 0
    _recover_one(db, f, ids)
    # next checked in years: the scheduled runs crawl nothing, and no crawl of the factory's
    # unreachable URLs makes them offline (exit status 4)
    db.execute("update sources set next_check = '2100-01-01T00:00:00+00:00'")
    return ids["failing"]["source"]


def _json_printed(output: str) -> dict:
    """The JSON object a run printed among its lines: from a line "{" to the next line "}"."""
    lines = output.splitlines()
    start = lines.index("{")
    return json.loads("\n".join(lines[start:lines.index("}", start) + 1]))


def test_a_changes_file_that_cannot_be_written_leaves_the_run_unrecorded_and_the_next_reports_it(db, config, tmp_path):
    """/dev/full: a real "No space left on device" at the write.  The run's changes are printed,
    the error names the file and the fix, and the run is taken back out: the next run compares
    with the same run and reports the same change (recorded, it was lost for good)."""
    f = Factory(db)
    ids = f.letter()
    assert schedule.after_run(db, config, scheduled=True) == 0   # the first run: the one compared with
    _recover_one(db, f, ids)
    full = load_config(env={"CITEWATCH_CHANGES_FILE": "/dev/full"}, db=config.values["db"],
                       data_dir=config.values["data_dir"])
    before = [dict(r) for r in db.query("select id, state from run_states")]
    out = io.StringIO()
    with pytest.raises(ConfigError) as refused:
        schedule.after_run(db, full, scheduled=True, console=Console(file=out, width=80))
    assert refused.value.message == (
        "cannot write the changes file /dev/full (No space left on device): free space there, or set changes_file "
        "(CITEWATCH_CHANGES_FILE) to a writable file; this run is not recorded, so the next run reports its "
        "changes again")
    assert "  recovered: " in out.getvalue()                            # printed all the same
    assert [dict(r) for r in db.query("select id, state from run_states")] == before   # not recorded
    assert schedule.after_run(db, config, scheduled=True) == schedule.EXIT_CHANGED   # reported again
    written = json.loads(schedule.changes_path(config).read_text())
    assert [r["source_id"] for r in written["recovered"]] == [ids["failing"]["source"]]


def test_a_scheduled_run_whose_changes_file_cannot_be_written_ends_in_one_line(runner, db, db_path, tmp_path):
    result = runner.invoke(cli, ["run", "--scheduled", "--db", str(db_path), "--data-dir", str(tmp_path / "d")],
                           env={"CITEWATCH_CHANGES_FILE": "/dev/full"})
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: cannot write the changes file /dev/full (No space left on device): free space there, or set "
        "changes_file (CITEWATCH_CHANGES_FILE) to a writable file; this run is not recorded, so the next run "
        "reports its changes again"]
    assert db.execute("select count(*) from run_states").fetchone()[0] == 0


def test_a_change_is_one_line_in_a_log_of_80_columns(db, config):
    """A log is no terminal: rich broke "newly failing: <long URL> (unknown → failing)" at 80
    columns, and the line a grep finds lost its states (README: lines are not broken)."""
    f = Factory(db)
    ids = f.letter()
    schedule.after_run(db, config, scheduled=True)
    _recover_one(db, f, ids)
    long_url = "https://example.org/" + "a-long-path/" * 8 + "page.html"
    db["sources"].update(ids["failing"]["source"], {"url": long_url})
    out = io.StringIO()
    schedule.after_run(db, config, scheduled=True, console=Console(file=out, width=80))
    lines = out.getvalue().splitlines()
    assert f"  recovered: {long_url} (failing → live)" in lines, lines


def test_a_stage_left_to_another_process_is_one_line_in_a_log_of_80_columns(runner, env, db):
    """"did not run: … (process \\n1234: citewatch …" was broken inside the holder's command."""
    with stage_lock(db, CRAWL):
        result = runner.invoke(cli, ["run", "--scheduled"], env={**env, "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith("did not run:"))
    assert f"(process {os.getpid()})" in line and line.endswith("again once it ends"), line


def test_each_scheduled_run_begins_with_a_line_of_its_time_and_command(runner, db, db_path, tmp_path):
    result = runner.invoke(cli, ["run", "--scheduled", "--db", str(db_path), "--data-dir", str(tmp_path / "d")],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(MARKER + "citewatch run --scheduled", result.output.splitlines()[0])
    watch = runner.invoke(cli, ["watch", "--max-runs", "2", "--every", "0.01s", "--db", str(db_path),
                                "--data-dir", str(tmp_path / "d")], catch_exceptions=False)
    assert watch.exit_code == 0, watch.output
    markers = [line for line in watch.output.splitlines() if re.match(MARKER, line)]
    assert [line.split(" · ", 1)[1] for line in markers] == ["run 1 · citewatch watch", "run 2 · citewatch watch"]
    assert watch.output.splitlines()[0] == markers[0]


def test_a_marker_names_the_command_as_typed(db_path, tmp_path):
    """Under cron the process's own words (sys.argv): its --db and --data-dir, whole."""
    import db as database

    database.open_db(db_path).close()
    data = tmp_path / "a data dir"
    result = subprocess.run([sys.executable, "-m", "crawler.cli", "run", "--scheduled", "--db", str(db_path),
                             "--data-dir", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert re.fullmatch(MARKER + re.escape(f"citewatch run --scheduled --db {db_path} --data-dir '{data}'"), first)


def test_a_full_disk_leaves_the_previous_changes_file_whole(db, tmp_path):
    """The file was opened (emptied) before the write that failed: a changes.json was
    left at 0 bytes.  Written beside itself and renamed (export.output_file), it stays whole."""
    folder = _tmpfs(tmp_path, "full", "rw")
    try:
        config = load_config(env={"CITEWATCH_CHANGES_FILE": str(folder / "changes.json")}, db=str(tmp_path / "test.db"),
                             data_dir=str(tmp_path / "data"))
        f = Factory(db)
        ids = f.letter()
        schedule.after_run(db, config, scheduled=True)
        previous = (folder / "changes.json").read_bytes()
        with open(folder / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):   # the disk full
            while True:
                filler.write(b"x" * 512)
        _recover_one(db, f, ids)
        # a changes file of more pages than the previous one's: emptying that one does not make room
        db["sources"].update(ids["failing"]["source"], {"url": "https://example.org/" + "x" * 9000})
        with pytest.raises(ConfigError, match="No space left on device"):
            schedule.after_run(db, config, scheduled=True)
        assert (folder / "changes.json").read_bytes() == previous
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_changes_file_in_a_folder_that_is_a_file_is_said_with_its_fix(db, config, tmp_path):
    """Not a full disk: no advice to free space, only to set another file."""
    (tmp_path / "a file").write_text("")
    bad = load_config(env={"CITEWATCH_CHANGES_FILE": str(tmp_path / "a file" / "changes.json")},
                      db=config.values["db"], data_dir=config.values["data_dir"])
    Factory(db).letter()
    with pytest.raises(ConfigError) as refused:
        schedule.after_run(db, bad, scheduled=True)
    assert refused.value.message == (
        f"cannot write the changes file {tmp_path / 'a file' / 'changes.json'} (File exists): set changes_file "
        "(CITEWATCH_CHANGES_FILE) to a writable file; this run is not recorded, so the next run reports its "
        "changes again")
    assert db.execute("select count(*) from run_states").fetchone()[0] == 0


def test_a_run_killed_while_writing_its_changes_file_is_not_recorded_and_the_next_reports_them(db, db_path, env,
                                                                                              tmp_path):
    """The run was recorded (committed), then its changes file written: a kill -9 between the
    two lost the changes for good (the next run compared with the killed one).  The changes
    file here is a named pipe nobody reads, smaller than the changes: the run blocks in the
    write, and is killed there."""
    source = _with_a_change(db, db_path, env)
    long_url = "https://example.org/" + "a-long-path/" * 800   # the changes: more than the pipe holds
    db["sources"].update(source, {"url": long_url})
    fifo = tmp_path / "changes.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)   # open: the run's open of the pipe does not wait
    try:
        assert fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, 4096) < len(long_url)
        proc = subprocess.Popen(SCHEDULED_RUN, cwd=ROOT, env={**env, "CITEWATCH_CHANGES_FILE": str(fifo)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not select.select([reader], [], [], 0.1)[0]:   # the first bytes: the pipe is full, the run waits
                assert proc.poll() is None, "the run ended before it wrote its changes"
            proc.kill()
            proc.wait(timeout=60)
        finally:
            proc.kill()
    finally:
        os.close(reader)
    assert db.execute("select count(*) from run_states").fetchone()[0] == 1   # the killed run: not recorded

    again = cli_here(env, "run", "--scheduled")
    assert again.returncode == schedule.EXIT_CHANGED, again.stderr
    written = json.loads((tmp_path / "data" / "changes.json").read_text())
    assert [item["source_id"] for item in written["recovered"]] == [source]


def test_a_changes_file_of_dash_is_standard_output_which_cron_mails(db, db_path, env, tmp_path):
    """`CITEWATCH_CHANGES_FILE=-` wrote the JSON to standard output, undocumented, and the run
    ended "Changes file: -".  Documented now: the JSON among the run's lines, said so, no file."""
    source = _with_a_change(db, db_path, env)
    result = cli_here({**env, "CITEWATCH_CHANGES_FILE": "-"}, "run", "--scheduled")
    assert result.returncode == schedule.EXIT_CHANGED, result.stderr
    written = _json_printed(result.stdout)
    assert [item["source_id"] for item in written["recovered"]] == [source] and written["scheduled"] is True
    lines = result.stdout.splitlines()
    assert lines.index("}") < lines.index(next(line for line in lines if line.startswith("  recovered: ")))
    assert lines[-1] == "Changes file: standard output (the JSON above)"
    assert json.loads((tmp_path / "data" / "changes.json").read_text())["first_run"]   # the run before's, as it was
    assert not (ROOT / "-").exists()


@pytest.mark.parametrize("refused", ["missing", "empty"])
def test_a_scheduled_run_logs_its_marker_before_a_refused_databases_error(tmp_path, refused):
    """The marker came once the database was open: cron's log of a run whose database was gone
    (or refused) held its error line alone, under the previous run's lines.  As cron logs it:
    standard output and error appended to one file."""
    db_path, data = tmp_path / "cw.db", tmp_path / "data"
    if refused == "empty":
        db_path.write_bytes(b"")
    log = tmp_path / "scheduled.log"
    with log.open("ab") as appended:
        result = subprocess.run([*SCHEDULED_RUN, "--db", str(db_path), "--data-dir", str(data)], cwd=ROOT,
                                stdout=appended, stderr=subprocess.STDOUT, timeout=120)
    assert result.returncode == 1
    lines = log.read_text().splitlines()
    assert re.fullmatch(MARKER + re.escape(f"citewatch run --scheduled --db {db_path} --data-dir {data}"), lines[0])
    assert len(lines) == 2 and lines[1].startswith(f"Error: {'no database at ' if refused == 'missing' else ''}{db_path}")


def test_a_changes_file_that_cannot_be_written_fails_a_watched_run_and_the_watch_goes_on(db, db_path, env):
    """The recording (with its changes file) came after the watch's `except`: one unwritable
    changes file ended a watch meant to run for months, with a traceback.  Now it is a failed
    run, said in its one line; the next run goes on, reports the same changes again (the run
    was not recorded), and the watch exits 1 (a run failed: README's exit statuses)."""
    _with_a_change(db, db_path, env)
    result = cli_here({**env, "CITEWATCH_CHANGES_FILE": "/proc/nope/x.json"}, "watch", "--max-runs", "2", "--every", "1s")
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    for run in (1, 2):
        assert f"run {run} failed: cannot write the changes file /proc/nope/x.json (No such file or directory): " \
               "set changes_file (CITEWATCH_CHANGES_FILE) to a writable file; this run is not recorded" in output, output
    assert output.count("recovered: ") == 2   # said by each run: the first was not recorded
    assert db.execute("select count(*) from run_states").fetchone()[0] == 1   # (the run before the watch's)


@pytest.mark.parametrize("bad", [{"CITEWATCH_FETCH_TIMEOUT": "abc"}, {"CITEWATCH_FETCH_TIMEUOT": "30"}],
                         ids=["bad-value", "unknown-variable"])
def test_a_scheduled_runs_bad_setting_is_said_under_its_marker(env, db, db_path, tmp_path, bad):
    """The marker came once the configuration was read: cron's log of a run whose CITEWATCH_*
    value was refused held its error line alone, under the previous run's lines.  As cron logs
    it: standard output and error appended to one file."""
    log = tmp_path / "scheduled.log"
    with log.open("ab") as appended:
        result = subprocess.run(SCHEDULED_RUN, cwd=ROOT, env={**env, **bad}, stdout=appended,
                                stderr=subprocess.STDOUT, timeout=120)
    assert result.returncode == 1
    lines = log.read_text().splitlines()
    assert re.fullmatch(MARKER + re.escape(f"citewatch run --scheduled --db {db_path}"), lines[0]), lines
    assert len(lines) == 2 and lines[1].startswith(f"Error: {next(iter(bad))}"), lines


def test_changes_that_standard_output_cannot_take_are_said_so_not_as_a_file_named_dash(db, db_path, tmp_path,
                                                                                     monkeypatch):
    """`changes_file = "-"` on a standard output that cannot be written (redirected to a full
    disk: /dev/full) said "cannot write the changes file -", a file named "-" to look for."""
    f = Factory(db)
    f.letter()
    to_stdout = load_config(env={"CITEWATCH_CHANGES_FILE": "-"}, db=str(db_path), data_dir=str(tmp_path / "data"))
    full = open("/dev/full", "w")
    try:
        monkeypatch.setattr(sys, "stdout", full)
        with pytest.raises(ConfigError) as refused:
            schedule.after_run(db, to_stdout, scheduled=True, console=Console(file=io.StringIO()))
    finally:
        with contextlib.suppress(OSError):   # (what it holds still cannot be written)
            full.close()
    assert refused.value.message == (
        "cannot write standard output (No space left on device): redirect it elsewhere, or set changes_file "
        "(CITEWATCH_CHANGES_FILE) to a writable file; this run is not recorded, so the next run reports its "
        "changes again")


def test_a_configuration_files_changes_file_of_dash_stays_standard_output(tmp_path):
    """A relative path in a configuration file is read from its folder, and `-` was taken for
    one: `schedule` passes --config as an absolute path, and the scheduled run wrote its changes
    to a file named "-" beside citewatch.toml, not to standard output as README says."""
    (tmp_path / "citewatch.toml").write_text('changes_file = "-"\n')
    config = load_config(tmp_path / "citewatch.toml", env={})
    assert config.changes_file == "-" and schedule.changes_named(config) == "standard output (the JSON above)"


def test_a_newly_failing_source_says_its_class_and_the_strength_of_its_evidence(db, config):
    """A single timeout read "newly failing: URL (live → failing)" in the log, as a 404 does: an
    archivist reading the log took a hiccup for rot (the JSON and the report named the class).
    It is said as failed once, weak evidence, not counted (tests/test_schedule_failed_once.py)."""
    f = Factory(db)
    ids = f.letter()
    schedule.after_run(db, config, scheduled=True)
    live = ids["live"]["source"]
    f.fetch(f.crawl("2026-02-01T00:00:00+00:00"), live, "timeout", status=None, reason="no answer in 30 s")
    db["sources"].update(live, {"state": "failing"})
    out = io.StringIO()
    schedule.after_run(db, config, scheduled=True, console=Console(file=out, width=200))
    url = db["sources"].get(live)["url"]
    lines = out.getvalue().splitlines()
    assert f"  {history.FAILED_ONCE}: {url} (live → failing: timeout)" in lines
    assert not any("newly failing" in line for line in lines), lines
