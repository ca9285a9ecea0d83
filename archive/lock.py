"""One archive stage at a time per database: a second one is refused, in one line.

Two processes can meet on one database: a timer's `citewatch run --scheduled` while
someone runs `citewatch archive`, say.  Nothing else keeps them apart, and together they
would do harm an archivist does not expect:

- each has its own limiter, so the two send twice the lookups and captures per minute
  that the configured limits allow, from one IP (IA counts per IP and firewalls it);
- both work one save queue with no claim on a job, so both may ask for the same
  capture, and one sees the other's pending job, finds no capture yet and asks again.

Sharing the limiter (a file holding the next free slot) would fix the first only.  Waiting
for the other process would hang a timer's run behind a user's for as long as the
archive's limits make it last, and a user's command in silence.  So the second process
leaves the archive stage to the first, says so in one line naming it, and goes on with
the stages after it (the first one's lookups, saves and mementos are in the database for
them); the next run, scheduled or not, does the archive stage again.

The lock is an exclusive `flock` on a file beside the database (`<database>-archive-lock`,
as SQLite keeps its `-wal` and `-journal` there): the kernel frees it when its process ends,
killed ones included (no stale lock: the file stays, empty of meaning, and the re-run just
takes it), on Linux and macOS alike.  The holder writes its pid in the file, so a refused
process can name it.  The descriptor is not inherited (PEP 446): the rescue's crawl, in a
spawned child, cannot keep the lock alive after its parent.

Several users may share a database (a group-writable one, a timer running as another
account): the file is made with the database's permissions, as SQLite makes its `-wal`,
and a file this user cannot write (another user's, made before that) is locked read-only,
as `flock` allows, only without this process's pid in it.  A file this user cannot open
at all leaves the stage to whoever may hold it, in one line naming the file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Iterator

LOCK_SUFFIX = "-archive-lock"


class StageBusy(Exception):
    """This process cannot run the archive stage alone on the database: another process runs
    it, or the lock that would say so cannot be opened."""


def database_file(db) -> Path | None:
    """The real path of the file `db` is open on; None for a database in memory (no other
    process can open it)."""
    row = next((r for r in db.execute("PRAGMA database_list").fetchall() if r[1] == "main"), None)
    return Path(row[2]).resolve() if row and row[2] else None


@contextlib.contextmanager
def archive_stage_lock(db) -> Iterator[None]:
    """Hold the database's archive-stage lock while the block runs; StageBusy, naming the
    process that holds it, when another one does."""
    path = database_file(db)
    if path is None:
        yield
        return
    descriptor, writable = _open_lock(path)
    with open(descriptor, "r+" if writable else "r", encoding="ascii") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip()  # empty while the holder is still writing it
            raise StageBusy(busy_message(path, _alive(holder))) from None
        if writable:
            lock.seek(0)
            lock.truncate()
            lock.write(str(os.getpid()))
            lock.flush()
        yield


def _open_lock(database: Path) -> tuple[int, bool]:
    """The lock file's descriptor, and whether it could be opened for writing (the pid).

    A new file gets the database's permission bits (whoever may write the database may take
    the lock and name itself), as SQLite gives its `-wal`; a file only readable to this user
    is locked read-only.  StageBusy, in one line naming the file, when it cannot be opened."""
    lock_path = database.with_name(database.name + LOCK_SUFFIX)
    writable = True
    try:
        try:
            descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except PermissionError:   # another user's file: flock needs no write access
            descriptor, writable = os.open(lock_path, os.O_RDONLY | os.O_CLOEXEC), False
    except OSError as exc:
        raise StageBusy(unopened_message(database, lock_path, exc)) from None
    with contextlib.suppress(OSError):   # another user's file, or a file system without modes
        if writable and os.fstat(descriptor).st_size == 0:
            os.fchmod(descriptor, database.stat().st_mode & 0o666)
    return descriptor, writable


def _alive(holder: str) -> int | None:
    """The pid the lock file names, if that process exists: a holder that could lock the file
    only read-only left an earlier holder's pid there."""
    try:
        pid = int(holder)
        if pid > 0:
            os.kill(pid, 0)
            return pid
    except PermissionError:   # another user's process
        return pid
    except (ValueError, OverflowError, ProcessLookupError):
        pass
    return None


def command_of(pid: int) -> str | None:
    """What the process runs, as the user typed it (`citewatch run --scheduled`), if readable."""
    try:
        words = [w.decode("utf-8", "replace") for w in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if w]
    except OSError:
        return None
    start = next((i for i, w in enumerate(words) if w == "crawler.cli" or Path(w).name == "citewatch"), None)
    return " ".join(["citewatch", *words[start + 1:]]) if start is not None else None


def busy_message(path: Path, pid: int | None) -> str:
    """The one line a refused stage prints: who holds the lock, why this run steps aside, what to do."""
    command = command_of(pid) if pid else None
    who = f"process {pid}" + (f": {command}" if command else "") if pid else "another process"
    return (f"the archive stage is already running on {path} ({who}): this run leaves lookups, saves and "
            "mementos to it (two would share neither the archive's rate limit nor the save queue); run "
            "`citewatch archive` again once it ends")


def unopened_message(database: Path, lock_path: Path, exc: OSError) -> str:
    """The one line a stage that cannot open the lock file prints: which file, why, the fix."""
    return (f"cannot open {lock_path} ({exc.strerror or exc}), the lock that keeps a second archive stage off "
            f"{database}: this run leaves lookups, saves and mementos alone; make the file readable and "
            "writable by this user (or remove it while no citewatch runs), then run `citewatch archive` again")
