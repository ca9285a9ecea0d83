"""The command line's words (session 18): a database on a full disk, a scheduled run's marker before
a bad setting's error, standard output named as such, `citewatch crawl` stopped by SIGTERM or
SIGHUP as by Ctrl-C, a missing --systemd folder refused, a busy stage's advice, and `status`'s last run
when its changes cannot be read."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import uuid

import pytest
from rich.console import Console

from crawler import history, schedule
from crawler.cli import cli
from crawler.config import ConfigError, load_config
from db.lock import CRAWL, stage_lock
from tests.conftest import LETTER, ROOT
from tests.factories import Factory
from tests.test_crawl import add_sources, fast_env
from tests.test_crawl_signals import PAGES, _signal_once_served
from tests.test_local_write_failure import _crawl_on_small_disk, _private_tmpfs
from tests.test_schedule_session16 import MARKER, _tmpfs
from tests.test_schedule_session17 import SCHEDULED_RUN


def _fill(folder) -> None:
    """The disk holding `folder` full: a file of zeros written until no byte more goes in."""
    with open(folder / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 512)


def test_a_new_database_on_a_full_disk_is_said_full_not_unwritable(runner, tmp_path):
    """SQLite's "database or disk is full" as the database is made: the advice was to pass --db
    with a writable SQLite file, as if the file were the wrong one; it is the disk."""
    folder = _tmpfs(tmp_path, "full", "rw")
    try:
        _fill(folder)
        result = runner.invoke(cli, ["ingest", str(LETTER), "--db", str(folder / "cw.db")])
    finally:
        subprocess.run(["umount", str(folder)], check=True)
    said = " ".join(result.output.split())
    assert result.exit_code == 1, said
    assert said == (f"Error: cannot open the database (database or disk is full): the disk holding {folder / 'cw.db'} "
                    f"is full: free space on {folder}, or pass --db with a database on another disk")


@pytest.mark.skipif(not _private_tmpfs(), reason="needs `unshare -m` and a tmpfs mount (root)")
def test_a_database_whose_disk_cannot_take_its_wal_index_is_said_full(env, db, db_path, tmp_path):
    """A database on a disk with no byte free: SQLite cannot grow its -shm and says "disk I/O
    error" (SQLITE_IOERR_SHMSIZE), which was said "pass --db with a writable SQLite file"."""
    db.conn.close()
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copy(db_path, seed / "test.db")   # (closed: no -wal to copy)
    small = tmp_path / "small"
    result = _crawl_on_small_disk({**env, "CITEWATCH_DB": str(small / "test.db")}, small, tmp_path / "copy", free=0,
                                  seed=seed)
    said = " ".join(result.stderr.split())
    assert result.returncode == 1, said
    assert said == (f"Error: cannot open the database (disk I/O error): the disk holding {small / 'test.db'} is full: "
                    f"free space on {small}, or pass --db with a database on another disk")


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


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_citewatch_crawl_stopped_by_sigterm_or_sighup_says_so_as_ctrl_c_does(web, env, db, db_path, tmp_path,
                                                                             signum):
    """`citewatch crawl` took SIGTERM and SIGHUP by their default action once its crawl's child
    had stopped: exit 128 + signal without a word, where Ctrl-C (and `citewatch run`) say what
    was kept and the command that resumes.  Its child still finishes the page begun."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(PAGES)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=crawl_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))   # (as a terminal's)
    try:
        _signal_once_served(proc, web, keys, 3, signum, group=False)
        said = " ".join(proc.communicate(timeout=120)[1].split())
    finally:
        proc.kill()
    assert proc.returncode == -signum, said   # dead by it, after its clean-up and line (crawler/cli.py `main`)
    assert said.endswith(f"Stopped ({signal.Signals(signum).name}): what was stored before the stop is kept (a crawl "
                         "so stopped is marked interrupted) and every stage resumes where it stopped: run "
                         f"`citewatch crawl --db {db_path}` again to finish."), said
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"


def test_a_missing_systemd_folder_is_refused_but_the_users_own_unit_folder_is_made(runner, db, db_path, tmp_path,
                                                                                  monkeypatch):
    """`schedule --systemd DIR` made a mistyped DIR without a word, and units nobody installs.
    systemd's own folder for a user's units, missing until a first one, is made as before."""
    typo = tmp_path / "systemd" / "usr"
    refused = runner.invoke(cli, ["schedule", "--systemd", str(typo), "--db", str(db_path)], catch_exceptions=False)
    assert refused.exit_code == 1
    assert " ".join(refused.output.split()) == (
        f"Error: --systemd {typo}: no such folder; check the path (a user's units go in ~/.config/systemd/user), "
        f"or create it first (mkdir -p {typo}) to write the units there")
    assert not (tmp_path / "systemd").exists()

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    own = tmp_path / "home" / ".config" / "systemd" / "user"
    written = runner.invoke(cli, ["schedule", "--systemd", str(own), "--db", str(db_path)], catch_exceptions=False)
    assert written.exit_code == 0, written.output
    assert sorted(path.name for path in own.iterdir()) == ["citewatch.service", "citewatch.timer"]


def test_a_busy_stage_names_the_command_as_typed_and_how_to_stop_the_holder(env, db, db_path):
    """`citewatch crawl --limit 5` beside a crawl said "run `citewatch crawl` again once it ends":
    not the command typed (its options, its database), nor what to do meanwhile."""
    add_sources(db, ["http://127.0.0.1:9/never-fetched"])
    with stage_lock(db, CRAWL):   # this process runs a crawl on the database
        refused = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--limit", "5"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=120)
    said = " ".join(refused.stderr.split())
    assert refused.returncode == 1, said
    assert said.startswith(f"Error: the crawl is already running on {db_path.resolve()} (process {os.getpid()})"), said
    assert said.endswith(f"let it finish, or stop it as Ctrl-C would (`kill -INT {os.getpid()}`: it keeps what it "
                         f"stored; if it goes on, `kill -TERM {os.getpid()}`: it stops the same way), and run "
                         f"`citewatch crawl --limit 5 --db {db_path}` again once it ends"), said
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0   # nothing done


def test_status_gives_the_last_runs_time_when_its_changes_cannot_be_read(runner, db, db_path):
    """`status` gave "Last recorded run:" the time of the older run whose changes it shows (the
    last run's could not be read, history.latest_changes), and the next line said a later run
    exists.  The time is the last run's own (its column, always readable), and the line after
    says whose changes are shown."""
    Factory(db).letter()
    first = history.record_run(db)
    history.record_run(db)
    later = "2099-01-01T00:00:00+00:00"   # (the last run's time, told apart from the first's)
    with db.conn:
        db.execute("update run_states set taken_at = ?, changes = '[]' where id = (select max(id) from run_states)",
                   [later])
    status = runner.invoke(cli, ["status", "--db", str(db_path)])
    assert status.exit_code == 0, status.output
    lines = status.output.splitlines()
    at = lines.index(f"Last recorded run: {later}")
    assert lines[at + 1].startswith(f"1 later run could not be read: these are the changes of run "
                                    f"{first['run_state_id']} at "), lines[at:]
