"""Scheduled runs (audit O 2, 4, 5, 6): a changes file that cannot be written leaves the run
unrecorded, the systemd units stop a hung run and say how a user's timer outlives a logout,
a log's lines are whole and each run begins with a marker, a read-only data folder is said so."""

from __future__ import annotations

import configparser
import contextlib
import getpass
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

from pathlib import Path

import pytest
from rich.console import Console

from crawler import schedule
from crawler.cli import cli
from crawler.config import ConfigError, load_config
from db.lock import CRAWL, stage_lock
from tests.conftest import ROOT
from tests.conftest import ROOT
from tests.factories import Factory
from tests.test_crawl import add_sources, fast_env
from tests.test_wayback import Archive

# The one line a run begins with in a log: the UTC time (db.now), then the command.
MARKER = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00 · "


@pytest.fixture
def config(tmp_path, db_path):
    return load_config(env={}, db=str(db_path), data_dir=str(tmp_path / "data"))


def _recover_one(db, f: Factory, ids: dict) -> None:
    """The letter's failing source checked live again: one change ("recovered") for the next run."""
    f.fetch(f.crawl("2026-02-01T00:00:00+00:00"), ids["failing"]["source"], "live", text="Austria supports a ceasefire.")
    db["sources"].update(ids["failing"]["source"], {"state": "live"})


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


def _units(runner, tmp_path, monkeypatch, every: str) -> tuple[configparser.ConfigParser, str]:
    """`schedule --systemd units --every EVERY` from tmp_path: the service read, and the output."""
    import db as database

    monkeypatch.chdir(tmp_path)
    database.open_db(tmp_path / "cw.db").close()
    (tmp_path / "units").mkdir(exist_ok=True)   # (a missing folder is refused: tests/test_cli_session18.py)
    result = runner.invoke(cli, ["schedule", "--systemd", "units", "--every", every, "--db", "cw.db"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    service = configparser.ConfigParser(interpolation=None, strict=False)
    service.optionxform = str
    service.read(tmp_path / "units" / "citewatch.service")
    return service, result.output


@pytest.mark.parametrize(("every", "timeout"), [("12h", "12h"), ("90m", "6h"), ("30s", "6h")])
def test_a_hung_scheduled_run_is_stopped_after_one_interval(runner, tmp_path, monkeypatch, every, timeout):
    """A oneshot service has no start timeout: a hung run stayed "activating" and the timer
    never started another.  SIGTERM to citewatch alone (mixed): it passes the stop on to its
    crawl, as Ctrl-C does (test_a_scheduled_run_stopped_by_sigterm_…).  Never under 6 hours: a
    30 s interval's every run was stopped before it could report a change."""
    service, _ = _units(runner, tmp_path, monkeypatch, every)
    assert service["Service"]["TimeoutStartSec"] == timeout
    assert service["Service"]["KillMode"] == "mixed"


def test_the_service_waits_for_no_network_target_a_user_unit_cannot_see(runner, tmp_path, monkeypatch):
    service, _ = _units(runner, tmp_path, monkeypatch, "1d")
    assert "After" not in service["Unit"] and "Wants" not in service["Unit"]


def test_the_enable_advice_says_how_a_users_timer_outlives_a_logout(runner, tmp_path, monkeypatch):
    _, output = _units(runner, tmp_path, monkeypatch, "1d")
    assert f"`loginctl enable-linger {getpass.getuser()}`" in output


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed here")
def test_systemd_analyze_accepts_the_service_and_the_timer(runner, tmp_path, monkeypatch):
    _units(runner, tmp_path, monkeypatch, "6h")
    units = tmp_path / "units"
    verify = subprocess.run(["systemd-analyze", "verify", "--man=no", str(units / "citewatch.service"),
                             str(units / "citewatch.timer")], capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0 and not verify.stderr, verify.stderr


def test_a_scheduled_run_stopped_by_sigterm_outside_its_crawl_stops_as_by_ctrl_c(web, env, db, db_path, tmp_path):
    """systemd's TimeoutStartSec sends SIGTERM; at the archive stage (no crawl child to pass it
    to) the process was killed by it, silently, mid-stage.  Now: the one line of a stop, exit 143."""
    archive = Archive(web)
    archive.set(**{"available.hang": 60, "cdx.hang": 60})   # the archive stage waits on its first look-up
    add_sources(db, [f"{web['main']}/crawl/live?key={uuid.uuid4().hex}"])
    run_env = fast_env({**env, **archive.env(tmp_path, archive_timeout=60)}, web, tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "run", "--scheduled"], cwd=ROOT, env=run_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while not (archive.count("available") or archive.count("cdx")):   # the archive stage is waiting
            assert proc.poll() is None, "the run ended before the archive stage asked the archive"
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=120) == -signal.SIGTERM   # dead by it, after its clean-up
    finally:
        proc.kill()
    said = " ".join(proc.stderr.read().split())
    assert "Stopped (SIGTERM): what was stored before the stop is kept" in said, said
    assert f"run `citewatch run --scheduled --db {db_path}` again to finish." in said
    assert db.execute("select status from crawls").fetchone()[0] == "finished"   # the crawl before it, kept


def _tmpfs(tmp_path, name: str, options: str):
    """A folder on a small tmpfs of its own (mounted here: root only), unmounted by the caller."""
    folder = tmp_path / name
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"{options},size=64k", "tmpfs", str(folder)],
                                           capture_output=True).returncode:
        pytest.skip("mounting a tmpfs needs root")
    return folder


def test_a_full_disk_leaves_the_previous_changes_file_whole(db, tmp_path):
    """The file was opened (emptied) before the write that failed: the audit's changes.json was
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


def test_a_data_directory_on_a_read_only_file_system_is_said_so(tmp_path):
    """os.access says no more than no: a read-only file system was said "permission denied",
    sending the user to chmod, which cannot help."""
    folder = _tmpfs(tmp_path, "ro", "ro")
    try:
        config = load_config(env={}, db=str(tmp_path / "cw.db"), data_dir=str(folder))
        with pytest.raises(ConfigError) as refused:
            config.data_path
    finally:
        subprocess.run(["umount", str(folder)], check=True)
    assert refused.value.message == (f"data directory {folder} is not writable (read-only file system); "
                                     "set --data-dir or CITEWATCH_DATA_DIR")


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


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv to run as a user id with no name")
def test_the_linger_advice_under_a_user_id_with_no_name_is_no_traceback(tmp_path):
    """A container's `--user 4242` has no passwd entry: getpass raised KeyError after the unit
    files were written (review of session 16)."""
    import tempfile

    import db as database

    folder = Path(tempfile.mkdtemp(prefix="citewatch-nobody-", dir="/tmp"))   # (pytest's folders are root's alone)
    try:
        database.open_db(folder / "cw.db").close()
        (folder / "units").mkdir()   # (a missing folder is refused: tests/test_cli_session18.py)
        os.chmod(folder / "units", 0o777)
        os.chmod(folder, 0o777)
        os.chmod(folder / "cw.db", 0o666)
        env = {"PATH": os.environ["PATH"], "HOME": str(folder), "PYTHONPATH": str(ROOT)}
        result = subprocess.run(["setpriv", "--reuid=4242", "--regid=4242", "--clear-groups", sys.executable, "-m",
                                 "crawler.cli", "schedule", "--systemd", "units", "--every", "1d", "--db", "cw.db"],
                                cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "`loginctl enable-linger $USER`" in result.stdout and "Traceback" not in result.stderr
