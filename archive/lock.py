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
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Iterator

LOCK_SUFFIX = "-archive-lock"


class StageBusy(Exception):
    """Another process runs the archive stage on this database."""


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
    with open(path.with_name(path.name + LOCK_SUFFIX), "a+", encoding="ascii") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip()  # empty while the holder is still writing it
            raise StageBusy(busy_message(path, int(holder) if holder.isdigit() else None)) from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        yield


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
