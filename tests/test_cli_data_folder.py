"""The data folder and the database's folder: a command that only reads needs no writable data
folder and makes none; a folder that cannot be made or written is one line (demo, run, ingest,
verify), a read-only file system said so rather than "permission denied"; an earlier demo's
folder that has become read-only is refused in one line and loses none of its files; a
database folder that does not exist is refused before anything is stored or made."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import db as database
from crawler.config import ConfigError, load_config
from crawler.demo import MARKER
from tests.conftest import LETTER, _tmpfs
from tests.factories import Factory
from tests.test_config_errors import invoke, one_line_error
from tests.test_data_safety import as_reader, copied, shelf  # noqa: F401  (shelf: a fixture)


def _crawled(letter_db):
    """The letter's database with one fetch pointing at a WARC record in the data folder: verify
    asks for that folder only when a record is there (a database only ingested has nothing to verify)."""
    rows = Factory(database.open_db(letter_db))
    rows.fetch(rows.crawl("2026-11-30T00:00:00+00:00"), 1, "live", warc_path="warc/crawl-1.warc.gz", warc_offset=0)
    return letter_db


def _earlier_demo(folder: Path) -> tuple[Path, str]:
    """An earlier demo's folder, its two recorded files (a letter and a WARC under data/warc/)
    in place; the folder and the WARC's name."""
    warc = "data/warc/sources-20200101T000000-1.warc.gz"
    for name in ("letter.txt", warc):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("made by the demo")
    (folder / MARKER).write_text(json.dumps({"made_by": "citewatch demo", "files": ["letter.txt", warc]}))
    return folder, warc


# ------------------------------------------------------------------ read-only commands, data folder

def test_verify_says_a_missing_data_folder_in_one_line_and_makes_none(runner, letter_db, tmp_path):
    typo = tmp_path / "dta"
    result = invoke(runner, "verify", "--db", _crawled(letter_db), "--data-dir", typo)
    one_line_error(result, f"data directory {typo} does not exist; give --data-dir the folder that holds warc/")
    assert not typo.exists()


def test_verify_says_a_missing_database_before_a_missing_data_folder_with_o_too(runner, tmp_path):
    result = invoke(runner, "verify", "--db", tmp_path / "nodb.db", "--data-dir", tmp_path / "nodata",
                    "--format", "json", "-o", tmp_path / "out.json")
    assert result.exit_code == 1 and f"no database at {tmp_path / 'nodb.db'}" in result.output, result.output


def test_a_data_folder_from_a_variable_is_named_with_it(runner, letter_db, tmp_path):
    typo = tmp_path / "dta"
    result = invoke(runner, "verify", "--db", _crawled(letter_db), env={"CITEWATCH_DATA_DIR": str(typo)})
    one_line_error(result, f"data directory {typo} (from CITEWATCH_DATA_DIR) does not exist")


@pytest.mark.parametrize("args", [["status"], ["search", "Estonia"], ["report", "--format", "json", "-o", "r.json"],
                                  ["schedule", "--cron"]], ids=lambda args: args[0])
def test_the_other_reading_commands_make_no_data_folder(runner, letter_db, tmp_path, args):
    args = [str(tmp_path / arg) if arg == "r.json" else arg for arg in args]
    result = invoke(runner, *args, "--db", letter_db, "--data-dir", tmp_path / "dta")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "dta").exists()


def test_verify_reads_a_data_folder_it_may_not_write(letter_db, shelf):  # noqa: F811
    """As a user who may write neither the database nor the data folder (nobody, when root)."""
    folder = shelf / "archive"
    database.open_db(letter_db).execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the file copied
    db_path = copied(letter_db, folder / "citewatch.db")
    (folder / "data" / "warc").mkdir(parents=True)
    for path in (folder / "data" / "warc", folder / "data", folder):
        path.chmod(0o555)
    db_path.chmod(0o444)
    result = as_reader(["verify", "--db", str(db_path), "--data-dir", str(folder / "data")], shelf)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nothing to verify: no fetch has a WARC record and the data directory holds no WARC file" in result.stdout


# ------------------------------------------------------------------ demo in a folder it cannot write

def test_demo_in_a_folder_it_cannot_make_is_one_line(runner, tmp_path):
    (tmp_path / "file.txt").write_text("")
    result = invoke(runner, "demo", "--dir", tmp_path / "file.txt" / "demo")
    one_line_error(result, f"cannot write in {tmp_path / 'file.txt' / 'demo'} (", "give --dir a folder you can write")
    assert result.exit_code == 1


def test_rerunning_an_earlier_demo_folder_now_read_only_is_one_line_and_removes_nothing(shelf):  # noqa: F811
    folder, warc = _earlier_demo(shelf / "demo")
    for path in (folder / "data" / "warc", folder / "data", folder):
        path.chmod(0o555)
    result = as_reader(["demo", "--dir", str(folder)], shelf)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"Error: cannot write in {folder} (permission denied); give --dir a folder you can write, "
        "e.g. --dir /tmp/citewatch-demo (or make this one writable)"]
    assert (folder / "letter.txt").exists() and (folder / warc).exists()


def test_an_earlier_demo_whose_data_folder_is_read_only_loses_none_of_its_files(shelf):  # noqa: F811
    """The folder itself writable, its data/ not: checked before the first file is removed."""
    folder, warc = _earlier_demo(shelf / "demo")
    folder.chmod(0o777)
    for path in (folder / "data" / "warc", folder / "data"):
        path.chmod(0o555)
    result = as_reader(["demo", "--dir", str(folder)], shelf)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith(f"Error: cannot write in {folder / 'data'}"), result.stderr
    assert (folder / "letter.txt").exists() and (folder / warc).exists()


# ------------------------------------------------------------------ folders refused, not made

def test_ingest_refuses_a_database_in_a_folder_that_does_not_exist(runner, tmp_path):
    result = invoke(runner, "ingest", "--db", tmp_path / "nodir" / "cw.db", LETTER)
    one_line_error(result, f"--db {tmp_path / 'nodir' / 'cw.db'}: no folder {tmp_path / 'nodir'}; create it first "
                           f"(mkdir -p -- {tmp_path / 'nodir'}) or fix the path")
    assert list(tmp_path.iterdir()) == []


def test_run_refuses_a_data_folder_it_cannot_use_before_storing_the_document(runner, tmp_path, db_path):
    (tmp_path / "file.txt").write_text("")
    data = tmp_path / "file.txt" / "data"
    result = invoke(runner, "run", LETTER, "--db", db_path, "--data-dir", data)
    one_line_error(result, f"data directory {data} is not writable (")
    assert not db_path.exists()   # nothing half done: no database, no document in it


def test_run_refuses_a_database_folder_that_does_not_exist_before_making_the_data_folder(runner, tmp_path):
    result = invoke(runner, "run", LETTER, "--db", tmp_path / "nodir" / "cw.db", "--data-dir", tmp_path / "data")
    one_line_error(result, f"no folder {tmp_path / 'nodir'}; create it first")
    assert list(tmp_path.iterdir()) == []


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
