"""The database a command is given: another program's SQLite file is refused, byte for byte
untouched (every command, read-only or not, once added citewatch's tables to it and, for a
crawl, a lock file beside it), while citewatch's own, old or new, with tables a user added or
without, opens as before; and a database path that names a folder says so."""

from __future__ import annotations

import hashlib
import re
import shutil
import socket
import sqlite3

import pytest
import sqlite_utils

import db as database
from crawler.cli import cli
from db.migrations import migrations
from tests.clirun import MARKER
from tests.conftest import LETTER
from tests.test_cli_db_missing import COMMANDS, NONE


def foreign_db(path, *tables: str):
    """Another program's database: its tables, a row each, written with plain sqlite3."""
    conn = sqlite3.connect(path)
    for table in tables:
        conn.execute(f"CREATE TABLE {table} (x)")
        conn.execute(f"INSERT INTO {table} VALUES ('kept')")
    conn.commit()
    conn.close()
    return path


def foreign_wal_db(path, *tables: str, pending: bool):
    """Another program's database in WAL mode, its tables a row each, written with plain sqlite3.
    `pending`: its changes are all still in its -wal, not yet checkpointed into the file, as a
    crash leaves it (the three files are copied while their writer has them open); otherwise it
    was closed, and its file holds it all, with no -wal or -shm beside it."""
    work = path.parent / "writer"
    work.mkdir()
    conn = sqlite3.connect(work / path.name)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for table in tables:
        conn.execute(f"CREATE TABLE {table} (x)")
        conn.execute(f"INSERT INTO {table} VALUES ('kept')")
    conn.commit()
    suffixes = ("", "-wal", "-shm") if pending else ("",)
    if pending:
        for suffix in suffixes:
            shutil.copyfile(work / f"{path.name}{suffix}", f"{path}{suffix}")
    conn.close()
    if not pending:
        shutil.copyfile(work / path.name, path)
    shutil.rmtree(work)
    assert {p.name for p in path.parent.iterdir()} >= {path.name + suffix for suffix in suffixes}
    return path


# Another program's database as it may be found: its kinds of journal, and a WAL one with or
# without changes its -wal holds (in the WAL database with pending changes, its tables are
# only in its -wal: a probe that read the file alone would find none and adopt it).
FOREIGN = {
    "rollback journal": foreign_db,
    "WAL, closed": lambda path, *tables: foreign_wal_db(path, *tables, pending=False),
    "WAL, changes in its -wal": lambda path, *tables: foreign_wal_db(path, *tables, pending=True),
}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder) -> dict[str, str]:
    """Every file in the folder, each with its digest: the files a command left, and their bytes."""
    return {p.name: digest(p) for p in folder.iterdir() if p.is_file()}


def table_names(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    finally:
        conn.close()


def invoke(runner, *args, env=None):
    return runner.invoke(cli, [*map(str, args)], env=env, catch_exceptions=False)


def one_line_error(result, expected: str) -> None:
    """The command failed with exactly this `Error:` line and wrote nothing else (but the line
    a scheduled run's log opens with, its time and command, printed before the database opens)."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    if lines and re.fullmatch(MARKER + "citewatch run --scheduled", lines[0]):
        lines.pop(0)
    assert lines == [f"Error: {expected}"], result.output


def refusal(path, shown: str) -> str:
    return (f"{path} is a SQLite database of another program (tables: {shown}) with no citewatch schema in it: "
            f"citewatch will not add its tables to it; pass --db with your citewatch database, "
            f"or with a new file name to start one")


# ------------------------------------------------------------------ another program's database

OPENING = [(args, outcome) for args, outcome in COMMANDS if outcome != NONE]   # `worker` opens no database


@pytest.mark.parametrize("kind", FOREIGN)
@pytest.mark.parametrize("args", [args for args, _ in OPENING], ids=[" ".join(args[:2]) for args, _ in OPENING])
def test_every_command_refuses_another_program_s_database_and_leaves_it_as_it_was(runner, tmp_path, args, kind):
    """Its files stay as they were, byte for byte, and no file is added (a lock file, a -wal):
    a WAL database's -wal is not checkpointed into its file, nor its -shm rewritten."""
    other = FOREIGN[kind](tmp_path / "other.db", "foo", "bar")
    page = tmp_path / "page.txt"
    if "PAGE" in args:
        page.write_text("The ministry does not recognise the elections.\n", encoding="utf-8")
    args = [str(page) if arg == "PAGE" else arg for arg in args]
    before = files(tmp_path)
    result = invoke(runner, *args, "--db", other, "--data-dir", tmp_path / "data")
    one_line_error(result, refusal(other, "foo, bar"))
    assert files(tmp_path) == before


@pytest.mark.parametrize("kind", FOREIGN)
def test_a_foreign_database_is_refused_by_open_db_read_only_or_not(tmp_path, kind):
    other = FOREIGN[kind](tmp_path / "other.db", "foo")
    before = files(tmp_path)
    for read_only in (False, True):
        with pytest.raises(database.ForeignDatabase, match=r"other\.db is a SQLite database of another program \(tables: foo\)"):
            database.open_db(other, read_only=read_only)
    assert files(tmp_path) == before


def test_a_foreign_database_its_writer_was_killed_in_is_refused_not_called_unwritable(runner, tmp_path):
    """A rollback-journal database with a hot -journal (its writer was killed during a
    transaction) can be read only once a connection that may write rolls that transaction
    back, as the other program's next open would: it is then refused as another program's
    (a read-only probe says "attempt to write a readonly database")."""
    work = tmp_path / "writer"
    work.mkdir()
    conn = sqlite3.connect(work / "other.db", isolation_level=None)
    conn.execute("CREATE TABLE foo (x)")
    conn.execute("PRAGMA cache_size = 1")   # the transaction's pages go to the file, the old ones to the -journal
    conn.execute("BEGIN")
    for _ in range(50):
        conn.execute("INSERT INTO foo VALUES (randomblob(5000))")
    other = tmp_path / "other.db"
    for suffix in ("", "-journal"):
        shutil.copyfile(work / f"other.db{suffix}", f"{other}{suffix}")
    conn.close()
    one_line_error(invoke(runner, "status", "--db", other), refusal(other, "foo"))
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT count(*) FROM foo").fetchone() == (0,)   # the killed transaction rolled back
    conn.close()


def test_a_foreign_database_with_many_tables_names_the_first_five(runner, tmp_path):
    other = foreign_db(tmp_path / "other.db", *(f"t{n}" for n in range(1, 9)))
    one_line_error(invoke(runner, "status", "--db", other), refusal(other, "t1, t2, t3, t4, t5 and 3 more"))


def test_another_sqlite_utils_program_s_migrations_do_not_make_it_citewatch_s(runner, tmp_path):
    """sqlite-utils records every program's migrations in `_sqlite_migrations`, each under its
    own set's name: only citewatch's set makes a database citewatch's."""
    other = tmp_path / "other.db"
    theirs = sqlite_utils.migrations.Migrations("notes-app")

    @theirs()
    def m001_notes(db):
        db["notes"].create({"id": int, "text": str}, pk="id")

    theirs.apply(sqlite_utils.Database(other))
    before = digest(other)
    one_line_error(invoke(runner, "status", "--db", other), refusal(other, "_sqlite_migrations, notes"))
    assert digest(other) == before


def test_a_migrations_table_of_other_columns_is_another_program_s(runner, tmp_path):
    other = foreign_db(tmp_path / "other.db", "_sqlite_migrations")
    before = digest(other)
    one_line_error(invoke(runner, "report", "--db", other, "--format", "json"), refusal(other, "_sqlite_migrations"))
    assert digest(other) == before


def test_an_empty_migrations_table_of_other_columns_is_another_program_s(runner, tmp_path):
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["_sqlite_migrations"].create({"version": int})
    before = digest(other)
    one_line_error(invoke(runner, "status", "--db", other), refusal(other, "_sqlite_migrations"))
    assert digest(other) == before


def unfinished_start(path):
    """What a citewatch older than one-transaction migrations left when it was
    killed during a new database's first open: sqlite-utils' migrations table, empty."""
    db = sqlite_utils.Database(path)
    migrations.ensure_migrations_table(db)
    db.close()
    assert table_names(path) == ["_sqlite_migrations"]
    return path


def test_an_older_citewatch_s_unfinished_start_is_migrated_as_a_new_database(runner, tmp_path):
    path = unfinished_start(tmp_path / "cw.db")
    result = invoke(runner, "status", "--db", path)
    assert result.exit_code == 0, result.output
    assert migrations.pending(sqlite_utils.Database(path)) == []
    path = unfinished_start(tmp_path / "ingested.db")
    result = invoke(runner, "ingest", LETTER, "--db", path)
    assert result.exit_code == 0, result.output
    assert sqlite_utils.Database(path)["statements"].count > 0


def test_an_empty_migrations_table_beside_another_table_is_another_program_s(runner, tmp_path):
    """Only the migrations table alone is an unfinished start: beside another program's
    table it is that program's (sqlite-utils makes it for every program that migrates)."""
    other = unfinished_start(tmp_path / "other.db")
    foreign_db(other, "notes")
    before = digest(other)
    one_line_error(invoke(runner, "ingest", LETTER, "--db", other), refusal(other, "_sqlite_migrations, notes"))
    assert digest(other) == before


# ------------------------------------------------------------------ citewatch's own database

def test_a_citewatch_database_with_a_table_a_user_added_still_opens(runner, tmp_path):
    path = tmp_path / "cw.db"
    assert invoke(runner, "ingest", LETTER, "--db", path).exit_code == 0
    sqlite_utils.Database(path)["my_notes"].insert({"note": "check footnote 3"})   # as Datasette or sqlite-utils would
    result = invoke(runner, "status", "--db", path)
    assert result.exit_code == 0, result.output
    assert "documents" in result.output
    assert sqlite_utils.Database(path)["my_notes"].count == 1


def test_an_older_citewatch_database_with_a_user_table_is_still_upgraded(runner, tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before=migrations._migrations[-1].name)
    old["my_notes"].insert({"note": "kept"})
    old.close()
    result = invoke(runner, "status", "--db", path)
    assert result.exit_code == 0, result.output
    upgraded = sqlite_utils.Database(path)
    assert migrations.pending(upgraded) == []
    assert upgraded["my_notes"].count == 1


def test_a_sqlite_file_with_no_tables_yet_becomes_a_citewatch_database(runner, tmp_path):
    """A new SQLite file (made by `sqlite3 new.db 'PRAGMA user_version = 1'`, say) holds no
    one's data: a command that brings a document in makes it citewatch's."""
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    assert path.stat().st_size > 0 and table_names(path) == []
    result = invoke(runner, "ingest", LETTER, "--db", path)
    assert result.exit_code == 0, result.output
    assert {"_sqlite_migrations", "documents", "statements"} <= set(table_names(path))


# ------------------------------------------------------------------ a folder for a database

def test_a_database_path_that_is_a_folder_says_so_with_a_file_to_give(runner, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for command in (["status"], ["ingest", LETTER], ["crawl"]):
        result = invoke(runner, *command, "--data-dir", tmp_path / "data", env={"CITEWATCH_DB": str(folder)})
        one_line_error(result, f"{folder} (from CITEWATCH_DB) is a folder, not a database file: "
                               f"give a file path, e.g. --db {folder / 'citewatch.db'}")
    assert list(folder.iterdir()) == []


def test_a_folder_set_in_citewatch_toml_names_the_file_and_quotes_the_path(runner, tmp_path, monkeypatch):
    folder = tmp_path / "my archive"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citewatch.toml").write_text(f"db = {str(folder)!r}\n", encoding="utf-8")
    one_line_error(invoke(runner, "report", "--format", "json"),
                   f"{folder} (from db in citewatch.toml) is a folder, not a database file: "
                   f"give a file path, e.g. --db '{folder / 'citewatch.db'}'")


def test_a_read_only_command_that_cannot_open_the_database_does_not_say_it_writes(runner, tmp_path):
    """A path SQLite cannot open at all (here a socket: as root, a test cannot make a file
    unreadable) is one line; `status` only reads, so the line asks for read access."""
    path = tmp_path / "cw.db"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        one_line_error(invoke(runner, "status", "--db", path),
                       f"{path}: cannot open the database for reading (unable to open database file): "
                       f"give this user read access to it and its folder, or pass --db with a readable copy")
