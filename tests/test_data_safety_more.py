"""More of what a user can type that must not cost data or mislead: a command that gives up
waiting for another process's write lock says so (not "pass --db with a writable SQLite
file": the file is writable) and names who may hold it, and no -o file is a stage's lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import db as database
from crawler.cli import cli
from db.lock import ARCHIVE, CRAWL, LOCK_FILES, LOCKED_STAGES, lock_file, stage_lock
from db.migrations import migrations
from tests.conftest import LETTER, ROOT

# Another process on the database: an older citewatch's schema (the last migration pending),
# its write lock taken (BEGIN IMMEDIATE) as a long upgrade or another program holds it, and,
# when told, the crawl's stage lock too.  It holds them until its stdin closes.
HOLD = """
import contextlib, sys
import sqlite_utils
from db.lock import CRAWL, stage_lock
from db.migrations import migrations
db = sqlite_utils.Database(sys.argv[1])
db.enable_wal()
migrations.apply(db, stop_before=migrations._migrations[-1].name)
with stage_lock(db, CRAWL) if sys.argv[2] == "crawl" else contextlib.nullcontext():
    db.conn.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def holder():
    """Start the process of HOLD on a database (`as_crawl`: holding the crawl's lock too); it
    lets go when the test ends."""
    started = []

    def start(db_path: Path, as_crawl: bool = False) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path), "crawl" if as_crawl else "-"], cwd=ROOT,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started.append(process)
        assert process.stdout.readline() == "holding\n", process.stderr.read()
        return process

    yield start
    for process in started:
        process.communicate(timeout=60)


def error_line(result) -> str:
    """The command's one line of error (it printed nothing else)."""
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.output
    return lines[0]


# giving up on another process's write lock ------------------------------------------------

@pytest.mark.parametrize("command", [["status"], ["ingest", str(LETTER)]])
def test_a_command_that_waited_too_long_for_the_write_lock_says_so(tmp_path, runner, holder, command):
    db_path = tmp_path / "my data" / "citewatch.db"
    db_path.parent.mkdir()
    other = holder(db_path)
    result = runner.invoke(cli, [*command, "--db", str(db_path)], env={"CITEWATCH_MIGRATION_WAIT": "0.2"})
    assert error_line(result) == (
        f"Error: {db_path}: another process has held the database's write lock for over 0.2s (another citewatch "
        f"command upgrading its schema: minutes on a large database; {database.LONG_WRITERS}; "
        f"`fuser '{db_path}'` lists the processes that have it open); run this command again once it ends "
        "(or raise migration_wait, in seconds: CITEWATCH_MIGRATION_WAIT=3600)")
    other.communicate(timeout=60)   # it ends: the same command now upgrades the database and runs
    result = runner.invoke(cli, [*command, "--db", str(db_path)], env={"CITEWATCH_MIGRATION_WAIT": "0.2"})
    assert result.exit_code == 0, result.output
    assert not migrations.pending(database.open_db(db_path))


def test_the_wait_names_the_stage_whose_lock_names_its_process(tmp_path, runner, holder):
    db_path = tmp_path / "citewatch.db"
    other = holder(db_path, as_crawl=True)
    result = runner.invoke(cli, ["status", "--db", str(db_path)], env={"CITEWATCH_MIGRATION_WAIT": "0.2"})
    # listed as also running, beside the fuser line that finds an outside program too
    assert error_line(result) == (
        f"Error: {db_path}: another process has held the database's write lock for over 0.2s (another citewatch "
        f"command upgrading its schema: minutes on a large database; {database.LONG_WRITERS}; "
        f"`fuser {db_path}` lists the processes that have it open; also running on it: the crawl "
        f"(process {other.pid}), named in {lock_file(db_path.resolve(), CRAWL)}); run this command again once it "
        "ends (or raise migration_wait, in seconds: CITEWATCH_MIGRATION_WAIT=3600)")
    assert lock_file(db_path.resolve(), CRAWL).read_text() == f"{other.pid} the crawl"   # only read
    assert not lock_file(db_path.resolve(), ARCHIVE).exists()                            # never made


def test_the_wait_is_a_setting_in_seconds_greater_than_0():
    from crawler.config import ConfigError, load_config

    assert load_config(None, env={}).migration_wait == database.MIGRATION_WAIT == 600
    assert load_config(None, env={"CITEWATCH_MIGRATION_WAIT": "1.5"}).migration_wait == 1.5
    with pytest.raises(ConfigError, match="CITEWATCH_MIGRATION_WAIT: 0 must be from 0.001 to 86400"):
        load_config(None, env={"CITEWATCH_MIGRATION_WAIT": "0"})


# -o onto a stage's lock ------------------------------------------------------------------------

def test_report_refuses_an_o_file_that_is_a_stage_s_lock(tmp_path, runner):
    db_path = tmp_path / "citewatch.db"
    assert runner.invoke(cli, ["ingest", str(LETTER), "--db", str(db_path)]).exit_code == 0
    other = tmp_path / "other.db"
    database.open_db(other).close()
    crawl_lock, archive_lock = f"{db_path}-crawl-lock", f"{db_path}-archive-lock"
    with stage_lock(database.open_db(db_path), CRAWL):
        for output, what in [(crawl_lock, "the database's lock that keeps the crawl or the collector to one process"),
                             (archive_lock, "the database's lock that keeps the archive stage or the resolve stage "
                                            "to one process"),
                             (f"{other}-crawl-lock", "a SQLite database's lock that keeps the crawl or the collector "
                                                     "to one process")]:
            result = runner.invoke(cli, ["report", "--db", str(db_path), "-o", output])
            assert error_line(result) == f"Error: -o {output} is {what}: give another file name"
        assert Path(crawl_lock).read_text() == f"{os.getpid()} the crawl"   # its holder still named
    assert not Path(archive_lock).exists() and not Path(f"{other}-crawl-lock").exists()


def test_the_lock_files_refused_are_the_ones_the_stages_take(tmp_path):
    db_path = tmp_path / "citewatch.db"
    assert {lock_file(db_path, stage) for stage in LOCKED_STAGES} == {Path(f"{db_path}{s}") for s in LOCK_FILES}
    assert {lock_file(db_path, stage) for stage in LOCKED_STAGES} < set(database.database_files(db_path))
