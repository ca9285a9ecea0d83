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

The lock is a Unix socket in Linux's abstract namespace, named after the database's real
path: the kernel frees the name when its process ends, killed ones included (no stale
lock, the re-run just takes it), and it leaves no file anywhere, so nothing appears
beside the user's database or in a data directory the demo cleans.  A refused process
learns the holder's pid from the socket itself (SO_PEERCRED).  Processes in different
network namespaces (containers) do not see each other's names.  The rescue's crawl runs
in a spawned child, which inherits no socket.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import socket
import struct
from pathlib import Path
from typing import Iterator


class StageBusy(Exception):
    """Another process runs the archive stage on this database."""


def database_file(db) -> Path | None:
    """The real path of the file `db` is open on; None for a database in memory (no other
    process can open it)."""
    row = next((r for r in db.execute("PRAGMA database_list").fetchall() if r[1] == "main"), None)
    return Path(row[2]).resolve() if row and row[2] else None


def lock_name(path: Path) -> bytes:
    """The abstract socket name of the database at `path` (a NUL first: no file is made)."""
    return b"\0citewatch-archive-stage-" + hashlib.sha256(str(path).encode()).hexdigest()[:40].encode()


@contextlib.contextmanager
def archive_stage_lock(db) -> Iterator[None]:
    """Hold the database's archive-stage lock while the block runs; StageBusy, naming the
    process that holds it, when another one does."""
    path = database_file(db)
    if path is None:
        yield
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as lock:
        try:
            lock.bind(lock_name(path))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            raise StageBusy(busy_message(path, holder(lock_name(path)))) from None
        lock.listen(8)   # so that a refused process can ask who holds it
        yield


def holder(name: bytes) -> int | None:
    """The pid of the process holding the lock `name` (None if it has just gone)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(2.0)   # a full backlog would block the connect
        try:
            probe.connect(name)
        except OSError:
            return None
        pid, _, _ = struct.unpack("3i", probe.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))
        return pid or None


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
