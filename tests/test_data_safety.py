"""The database and a command's inputs survive what a user can type: an -o file that is one
of them is refused before anything is opened for writing, an empty file is not taken for a
database, processes opening a new database at once apply its migrations once, and a
read-only database can still be read."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

import db as database
from crawler.cli import cli
from crawler.export import OutputError, output_file, refuse_overwrite
from db.migrations import migrations
from tests.conftest import LETTER, ROOT


def ingested(runner, db_path: Path) -> Path:
    """A database holding the example letter."""
    result = runner.invoke(cli, ["ingest", str(LETTER), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


@pytest.fixture(scope="module")
def letter_db(tmp_path_factory) -> Path:
    """A database holding the example letter, written by a process that has ended: its
    last connection closed, the -wal is checkpointed into the file and deleted."""
    db_path = tmp_path_factory.mktemp("letter") / "citewatch.db"
    subprocess.run([sys.executable, "-m", "crawler.cli", "ingest", str(LETTER), "--db", str(db_path)],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    assert not Path(f"{db_path}-wal").exists()
    return db_path


def copied(letter_db: Path, db_path: Path) -> Path:
    """A copy of `letter_db` at `db_path` (its folder made), this user's own."""
    db_path.parent.mkdir(exist_ok=True)
    shutil.copy(letter_db, db_path)
    db_path.chmod(0o644)
    return db_path


def statements(db_path: Path) -> int:
    """How many statements the database holds (it is still a readable database)."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select count(*) from statements").fetchone()[0]
    finally:
        conn.close()


def error_line(result) -> str:
    """The command's one line of error (it printed nothing else)."""
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.output
    return lines[0]


# -o onto the database or an input ------------------------------------------------------

@pytest.mark.parametrize("spelling", ["same", "relative", "symlink", "hard link"])
def test_report_refuses_an_o_file_that_is_the_database(tmp_path, runner, monkeypatch, spelling):
    db_path = ingested(runner, tmp_path / "citewatch.db")
    monkeypatch.chdir(tmp_path)
    output = {"same": str(db_path), "relative": "citewatch.db", "symlink": "link.db", "hard link": "hard.db"}[spelling]
    if spelling == "symlink":
        os.symlink(db_path, tmp_path / "link.db")
    if spelling == "hard link":
        os.link(db_path, tmp_path / "hard.db")
    result = runner.invoke(cli, ["report", "--db", str(db_path), "-o", output])
    assert error_line(result) == f"Error: -o {output} is the database itself: give another file name"
    assert statements(db_path) == 42


def test_report_refuses_the_databases_write_ahead_log_and_another_database(tmp_path, runner):
    db_path = ingested(runner, tmp_path / "citewatch.db")
    wal = f"{db_path}-wal"
    result = runner.invoke(cli, ["report", "--db", str(db_path), "-o", wal])
    assert error_line(result) == f"Error: -o {wal} is the database's write-ahead log: give another file name"
    other = ingested(runner, tmp_path / "other.db")
    result = runner.invoke(cli, ["report", "--db", str(db_path), "-o", str(other)])
    assert error_line(result) == f"Error: -o {other} is a SQLite database: give another file name"
    assert statements(other) == statements(db_path) == 42


def test_check_refuses_an_o_file_that_is_its_quote_list_or_a_local_source(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "statement.txt").write_text("We are deeply concerned by the closure of the border.\n")
    quotes = "quote,source\ndeeply concerned,statement.txt\n"
    (tmp_path / "mylist.csv").write_text(quotes)
    for output, what in [("mylist.csv", "the quote list being checked"),
                         ("statement.txt", "a local source file of the quotes being checked"),
                         ("c.db", "the database itself")]:
        result = runner.invoke(cli, ["check", "mylist.csv", "--db", "c.db", "--format", "csv", "-o", output])
        assert f"Error: -o {output} is {what}: give another file name" in result.output
        assert result.exit_code == 1
    assert (tmp_path / "mylist.csv").read_text() == quotes
    assert (tmp_path / "statement.txt").read_text().startswith("We are deeply concerned")
    assert not (tmp_path / "c.db").exists()  # refused before the database was even made


def test_output_file_never_empties_a_sqlite_database(tmp_path):
    path = tmp_path / "any.sqlite"
    sqlite3.connect(path).execute("create table t (x)").connection.close()
    before = path.read_bytes()
    with pytest.raises(OutputError, match=f"-o {path} is a SQLite database: give another file name"):
        with output_file(path) as handle:
            handle.write("report")
    assert path.read_bytes() == before
    refuse_overwrite(tmp_path / "report.html", database.database_files(path))  # another name is fine


def test_an_o_named_pipe_is_written_not_read_from(tmp_path):
    """-o a named pipe (or /dev/stdout on a terminal): the SQLite check opened it to read its
    first bytes and waited for ever, since this process is the pipe's only writer."""
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()
    writer = threading.Thread(target=_write_report, args=(pipe,), daemon=True)
    writer.start()
    writer.join(timeout=10)
    if writer.is_alive():   # stuck opening the pipe to read: free it (a writer) so the test ends
        with open(pipe, "w"):
            pass
        writer.join(timeout=30)
        pytest.fail(f"output_file({pipe}) waited to read from the pipe it was to write")
    reader.join(timeout=30)
    assert received == ["report\n"]


def _write_report(path: Path) -> None:
    with output_file(path) as handle:
        handle.write("report\n")


# an empty file is no database -----------------------------------------------------------

@pytest.mark.parametrize("command", [["status"], ["report", "--format", "md"], ["search", "border"]])
def test_a_reading_command_refuses_an_empty_file_and_leaves_it_empty(tmp_path, runner, command):
    db_path = tmp_path / "citewatch.db"
    db_path.touch()
    result = runner.invoke(cli, [*command, "--db", str(db_path)])
    assert error_line(result) == (
        f"Error: {db_path} is an empty file (0 bytes), not a citewatch database: pass --db with your database, "
        "or delete it and run `citewatch ingest DOC` (or `citewatch run DOC`) to start a new one")
    assert db_path.stat().st_size == 0
    assert ingested(runner, db_path).stat().st_size > 0  # ingest still makes a database of it


# migrations, one process at a time --------------------------------------------------------

OPEN_WHEN_TOLD = """
import sys, time
from pathlib import Path
import db
Path(sys.argv[3]).touch()
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
db.open_db(sys.argv[1]).close()
"""


def test_processes_opening_a_new_database_at_once_apply_its_migrations_once(tmp_path):
    db_path, go = tmp_path / "same.db", tmp_path / "go"
    ready = [tmp_path / f"ready-{i}" for i in range(6)]
    processes = [subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, str(db_path), str(go), str(r)], cwd=ROOT,
                                  stderr=subprocess.PIPE, text=True) for r in ready]
    # (told once all have imported: told at once, on a busy machine the first could open and
    # migrate the database before the last had started, and nothing would run at once)
    while not all(r.exists() for r in ready) and all(p.poll() is None for p in processes):
        time.sleep(0.01)
    go.touch()  # all imported and waiting: they open together
    errors = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * 6, errors
    names = [row[0] for row in sqlite3.connect(db_path).execute("select name from _sqlite_migrations")]
    assert sorted(names) == sorted(m.name for m in migrations._migrations)


def _new_database_held(db_path: Path) -> sqlite3.Connection:
    """A connection holding the write lock of a new, empty database file, as another process
    making it holds it while it switches the file to WAL."""
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)  # let go by a timer
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_opening_a_new_database_waits_for_the_process_making_it(tmp_path):
    db_path = tmp_path / "same.db"
    holder = _new_database_held(db_path)
    threading.Timer(0.2, holder.rollback).start()  # the other process's switch done
    database.open_db(db_path, migration_wait=30).close()
    names = [row[0] for row in sqlite3.connect(db_path).execute("select name from _sqlite_migrations")]
    assert sorted(names) == sorted(m.name for m in migrations._migrations)


def test_opening_a_new_database_held_past_the_migration_wait_says_it_is_locked(tmp_path):
    db_path = tmp_path / "same.db"
    holder = _new_database_held(db_path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            database.open_db(db_path, migration_wait=0.3)
    finally:
        holder.close()


# a read-only database ----------------------------------------------------------------------

def as_other_user() -> list[str]:
    """The command prefix that runs a program as `nobody`, for whom permissions bind when the
    tests run as root (for whom they do not); nothing for another user."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root, and no setpriv to run the reader as another user")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shelf():
    """A folder both this user and `nobody` can reach (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="citewatch-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def as_reader(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """`citewatch ARGS` run by a user who may not write the database (nobody, when we are root)."""
    env = dict(os.environ, COLUMNS="200", HOME=str(cwd), PYTHONPATH=str(ROOT))
    return subprocess.run([*as_other_user(), sys.executable, "-m", "crawler.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def read_only_database(letter_db, shelf: Path) -> Path:
    """The example letter's database in a folder made read-only, file included."""
    folder = shelf / "archive"
    folder.mkdir()
    db_path = copied(letter_db, folder / "citewatch.db")
    db_path.chmod(0o444)
    folder.chmod(0o555)
    return db_path


def test_reading_commands_read_a_read_only_database(letter_db, shelf):
    db_path = read_only_database(letter_db, shelf)
    writable = copied(letter_db, shelf / "copy.db")
    for command in (["status"], ["search", "Estonia", "--format", "json"]):
        result = as_reader([*command, "--db", str(db_path)], shelf)
        assert result.returncode == 0, result.stderr
        assert result.stdout == as_reader([*command, "--db", str(writable)], shelf).stdout
    (shelf / "out").mkdir(mode=0o777)
    (shelf / "out").chmod(0o777)  # the reader's own folder
    result = as_reader(["report", "--format", "json", "--db", str(db_path), "-o", str(shelf / "out" / "r.json")], shelf)
    assert result.returncode == 0, result.stderr
    assert '"statements"' in (shelf / "out" / "r.json").read_text()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["citewatch.db"]


def status_refused(db_path, shelf) -> str:
    """The one line `citewatch status` refuses `db_path` with, its folder made read-only."""
    db_path.parent.chmod(0o555)
    result = as_reader(["status", "--db", str(db_path)], shelf)
    assert result.returncode == 1
    return result.stderr.strip()


def test_a_read_only_database_with_changes_in_its_wal_is_refused_precisely(letter_db, shelf):
    folder = shelf / "archive"
    folder.mkdir()
    db_path = copied(letter_db, shelf / "live.db")
    writer = sqlite3.connect(db_path)
    writer.execute("pragma wal_autocheckpoint = 0")
    writer.execute("update documents set title = 'changed'")
    writer.commit()
    shutil.copy(db_path, folder / "citewatch.db")           # as a copy taken while it was open:
    shutil.copy(f"{db_path}-wal", folder / "citewatch.db-wal")  # the change is in the -wal only
    writer.close()
    assert status_refused(folder / "citewatch.db", shelf) == (
        f"Error: {folder / 'citewatch.db'} is read-only and {folder / 'citewatch.db-wal'} holds changes not yet "
        "written into it: reading needs write access to its folder for SQLite; copy the database with that file "
        "somewhere writable and pass --db with the copy")


def test_a_read_only_database_an_older_citewatch_wrote_is_refused_precisely(letter_db, shelf):
    db_path = copied(letter_db, shelf / "archive" / "citewatch.db")
    with sqlite3.connect(db_path) as conn:   # one migration undone, as an older citewatch left it
        conn.execute("delete from _sqlite_migrations where name = 'm016_search_unspaced_scripts'")
    conn.close()
    assert status_refused(db_path, shelf) == (
        f"Error: {db_path} is read-only and an older citewatch wrote it (1 schema upgrade pending): "
        "copy it somewhere writable and pass --db with the copy")


def test_a_writing_command_on_a_read_only_database_says_it_writes(letter_db, shelf):
    db_path = read_only_database(letter_db, shelf)
    result = as_reader(["ingest", str(LETTER), "--db", str(db_path)], shelf)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"Error: {db_path}: cannot open the database for writing (")
    assert result.stderr.strip().endswith(
        "this command writes to it: give its file and folder write access, or pass --db with a writable copy")


STORE_WHEN_TOLD = """
import sys, time
from pathlib import Path
import db
from crawler.config import load_config
from crawler.ingest import parse
from crawler.ingest.store import store
doc = parse(sys.argv[3], load_config(None, env={}))
database = db.open_db(sys.argv[1])
Path(sys.argv[4]).touch()
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
print(store(database, doc).outcome)
"""


def test_processes_storing_one_document_at_once_write_it_once(tmp_path):
    """The others of four ingests of the same bytes at once wait for the first's write lock,
    then find its row: a deferred transaction failed at its first write ("database is
    locked"), or read the first one's document as an earlier version of itself."""
    db_path, go = tmp_path / "same.db", tmp_path / "go"
    database.open_db(db_path).close()
    ready = [tmp_path / f"ready-{i}" for i in range(4)]
    processes = [subprocess.Popen([sys.executable, "-c", STORE_WHEN_TOLD, str(db_path), str(go), str(LETTER), str(r)],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for r in ready]
    while not all(r.exists() for r in ready) and all(p.poll() is None for p in processes):
        time.sleep(0.01)
    go.touch()  # all parsed and waiting: they store together
    outputs = [p.communicate(timeout=180) for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, [err for _, err in outputs]
    assert sorted(out.strip() for out, _ in outputs) == ["new", "unchanged", "unchanged", "unchanged"]
    assert sqlite3.connect(db_path).execute("select count(*) from documents").fetchone()[0] == 1
