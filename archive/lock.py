"""One archive stage at a time per data directory: a second one is refused, in one line.

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

The lock is `flock` on `archive.lock` in the data directory: a database and its data
directory go together (the WARCs its fetches point to are there; a scheduled run is
installed with both, as absolute paths), and what citewatch writes goes there, not beside
the user's database.  The kernel releases the lock when its process ends, killed ones
included, so a killed stage never leaves a stale lock behind and the re-run just takes
it.  The file holds the holder's pid and start time for the message; it is never removed
(removing a locked file lets a third process lock a new file of the same name while the
first still runs).  The rescue's crawl runs in a spawned child, which opens none of it.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
from pathlib import Path
from typing import Iterator

LOCK_NAME = "archive.lock"


class StageBusy(Exception):
    """Another process runs the archive stage with this data directory."""


@contextlib.contextmanager
def archive_stage_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data directory's archive lock while the block runs; StageBusy, naming the
    process that holds it, when another one does."""
    path = data_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StageBusy(busy_message(path, os.pread(fd, 200, 0).decode("utf-8", "replace"))) from None
        started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {started}\n".encode(), 0)
        yield
    finally:
        os.close(fd)   # releases the lock


def busy_message(path: Path, holder: str) -> str:
    """The one line a refused stage prints: who holds the lock, why this run steps aside, what to do."""
    pid, _, since = holder.strip().partition(" ")
    who = f"process {pid}, since {since}" if pid.isdigit() else "another process"
    return (f"the archive stage is already running with the data directory {path.parent} ({who}): this run "
            "leaves lookups, saves and mementos to it (two would share neither the archive's rate limit nor "
            "the save queue); run `citewatch archive` again once it ends")
