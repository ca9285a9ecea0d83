"""The database a command is given: another program's SQLite file is refused, byte for byte
untouched (every command, read-only or not, once added citewatch's tables to it and, for a
crawl, a lock file beside it), while citewatch's own, old or new, with tables a user added or
without, opens as before; and a database path that names a folder says so."""

from __future__ import annotations

import hashlib
import socket
import sqlite3

import pytest
import sqlite_utils

import db as database
from crawler.cli import cli
from db.migrations import migrations
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


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_names(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    finally:
        conn.close()


def invoke(runner, *args, env=None):
    return runner.invoke(cli, [*map(str, args)], env=env, catch_exceptions=False)


def one_line_error(result, expected: str) -> None:
    """The command failed with exactly this `Error:` line and wrote nothing else."""
    assert result.exit_code == 1, result.output
    assert [line for line in result.output.splitlines() if line.strip()] == [f"Error: {expected}"], result.output


def refusal(path, shown: str) -> str:
    return (f"{path} is a SQLite database of another program (tables: {shown}) with no citewatch schema in it: "
            f"citewatch will not add its tables to it; pass --db with your citewatch database, "
            f"or with a new file name to start one")


# ------------------------------------------------------------------ another program's database

OPENING = [(args, outcome) for args, outcome in COMMANDS if outcome != NONE]   # `worker` opens no database


@pytest.mark.parametrize("args", [args for args, _ in OPENING], ids=[" ".join(args[:2]) for args, _ in OPENING])
def test_every_command_refuses_another_program_s_database_and_leaves_it_as_it_was(runner, tmp_path, args):
    other = foreign_db(tmp_path / "other.db", "foo", "bar")
    before = digest(other)
    page = tmp_path / "page.txt"
    if "PAGE" in args:
        page.write_text("The ministry does not recognise the elections.\n", encoding="utf-8")
    args = [str(page) if arg == "PAGE" else arg for arg in args]
    result = invoke(runner, *args, "--db", other, "--data-dir", tmp_path / "data")
    one_line_error(result, refusal(other, "foo, bar"))
    assert digest(other) == before
    assert {p.name for p in tmp_path.iterdir()} == {"other.db"} | ({page.name} if page.exists() else set())   # no lock file


def test_a_foreign_database_is_refused_by_open_db_read_only_or_not(tmp_path):
    other = foreign_db(tmp_path / "other.db", "foo")
    before = digest(other)
    for read_only in (False, True):
        with pytest.raises(database.ForeignDatabase, match=r"other\.db is a SQLite database of another program \(tables: foo\)"):
            database.open_db(other, read_only=read_only)
    assert digest(other) == before
    assert [p.name for p in tmp_path.iterdir()] == ["other.db"]


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
