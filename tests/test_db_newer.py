"""A database a newer citewatch migrated is refused by this one in one line (exit 1), untouched:
older code once ran on a schema it did not know without a word (a database
migrated to m024, then `run --scheduled` by code that knew up to m022 exited 0)."""

from __future__ import annotations

import sqlite3

import pytest

import db as database
from db.migrations import known, migrations
from tests.test_data_safety import as_reader, copied, shelf  # noqa: F401  (shelf: a fixture)
from tests.test_db_foreign import OPENING, files, invoke, one_line_error

FUTURE = "m999_later_thing"


def newer_db(path):
    """A citewatch database as a newer citewatch leaves it: every migration this one knows, and
    a later one recorded in its migrations table (written with plain sqlite3, as that code would)."""
    database.open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"INSERT INTO {migrations.migrations_table} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                 [migrations.name, FUTURE, "2030-01-01 00:00:00+00:00"])
    conn.commit()
    conn.close()
    return path


def refusal(path) -> str:
    return (f"{path} was written by a newer citewatch (migration {FUTURE}); this one knows up to {known()[-1]}: "
            f"upgrade citewatch, or use a backup of the database")


@pytest.mark.parametrize("args", [args for args, _ in OPENING], ids=[" ".join(args[:2]) for args, _ in OPENING])
def test_every_command_refuses_a_newer_citewatch_s_database_and_leaves_it_as_it_was(runner, tmp_path, args):
    newer = newer_db(tmp_path / "newer.db")
    page = tmp_path / "page.txt"
    if "PAGE" in args:
        page.write_text("The ministry does not recognise the elections.\n", encoding="utf-8")
    args = [str(page) if arg == "PAGE" else arg for arg in args]
    before = files(tmp_path)
    result = invoke(runner, *args, "--db", newer, "--data-dir", tmp_path / "data")
    one_line_error(result, refusal(newer))
    assert files(tmp_path) == before


def test_open_db_refuses_a_newer_citewatch_s_database_read_only_or_not(tmp_path):
    newer = newer_db(tmp_path / "newer.db")
    for read_only in (False, True):
        with pytest.raises(database.NewerDatabase) as refused:
            database.open_db(newer, read_only=read_only)
        assert str(refused.value) == refusal(newer)


def test_a_newer_database_the_reader_may_not_write_is_refused_as_newer(tmp_path, shelf):  # noqa: F811
    """In a read-only folder, read by `_open_read_only` (as nobody when the tests run as root):
    refused as newer, not read as if this code knew its schema."""
    folder = shelf / "archive"
    db_path = copied(newer_db(tmp_path / "newer.db"), folder / "citewatch.db")
    db_path.chmod(0o444)
    folder.chmod(0o555)
    result = as_reader(["status", "--db", str(db_path)], shelf)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines() == [f"Error: {refusal(db_path)}"]


def test_a_database_this_citewatch_migrated_still_opens(tmp_path):
    path = tmp_path / "own.db"
    database.open_db(path).close()
    database.open_db(path).close()
    database.open_db(path, read_only=True).close()
