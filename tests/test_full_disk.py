"""A full disk is said full, with the way out, where the disk is why: a new database on a full
disk (SQLite's "database or disk is full"), a database whose -shm index cannot grow (SQLite's
"disk I/O error", IOERR_SHMSIZE); and of SQLite's I/O errors only a write's, a sync's, a
truncation's and the -shm's growth on a disk with under 48 KiB free, a failed read or lock
there sending the user to check the disk instead.  Real tmpfs mounts filled up (as root)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess

import pytest

from crawler.cli import cli
from crawler.spiderrun import local_write_line, no_room
from tests.conftest import LETTER, _tmpfs
from tests.test_local_write_failure import _crawl_on_small_disk, _private_tmpfs


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


# --- which of SQLite's I/O errors a full disk explains --------------------------------------

# SQLite's I/O errors by extended code: those of a write (a full disk may be why) and the rest
WRITES = {"IOERR_WRITE": 778, "IOERR_FSYNC": 1034, "IOERR_TRUNCATE": 1546, "IOERR_SHMSIZE": 4874,
          "IOERR_SHMMAP": 5386}
OTHERS = {"IOERR": 10, "IOERR_READ": 266, "IOERR_SHORT_READ": 522, "IOERR_LOCK": 3850, "IOERR_CORRUPTFS": 8458}


def _sqlite_error(name: str, code: int) -> sqlite3.OperationalError:
    """SQLite's error as the sqlite3 module raises it, carrying its extended result code (the
    input: a failed read cannot be provoked on demand on a real file)."""
    exc = sqlite3.OperationalError("database or disk is full" if name == "FULL" else "disk I/O error")
    exc.sqlite_errorcode, exc.sqlite_errorname = code, f"SQLITE_{name}"
    return exc


def test_only_a_write_s_io_error_on_a_full_disk_is_said_full(tmp_path):
    """Any SQLITE_IOERR on a disk with under 48 KiB free was said "the disk is full: free
    space" (its extended code masked away): a failed read or lock on a nearly full disk sent
    the user to free space, not to check the disk.  Only a write's, a sync's, a truncation's
    and the -shm's growth are taken for a full disk there, and SQLITE_FULL everywhere."""
    folder = _tmpfs(tmp_path, "full", "rw")
    database = folder / "test.db"
    try:
        _fill(folder)
        errors = {name: _sqlite_error(name, code) for name, code in {**WRITES, **OTHERS, "FULL": 13}.items()}
        said = {name: (no_room(database, exc), local_write_line(database, exc)) for name, exc in errors.items()}
    finally:
        subprocess.run(["umount", str(folder)], check=True)
    full = f"the disk holding {database} is full: free space on {folder}"
    for name in [*WRITES, "FULL"]:
        assert said[name][0] == full, name
        assert f"free space on {folder} and run again" in said[name][1], name
    for name in OTHERS:
        assert said[name] == (None, f"cannot write {database} (disk I/O error): the crawl stopped, the pages stored "
                                    f"before it are kept; check the disk mounted at {folder} (dmesg says more) and run "
                                    f"again, the crawl resumes where it stopped"), name
    roomy = tmp_path / "test.db"   # a write's I/O error on a disk with room: no want of room either
    assert no_room(roomy, _sqlite_error("IOERR_WRITE", 778)) is None
