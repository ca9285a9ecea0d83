"""One process at a time per database for the stages that must not run twice at once.

Two processes can meet on one database: a timer's `citewatch run --scheduled` while
someone runs `citewatch crawl` or `citewatch archive`, say.  Nothing else keeps them
apart, and together they would do harm a careful user does not expect:

- two crawls resume the same open crawl: every source is fetched twice (twice the
  per-host rate) and each check is recorded twice (the dead-after-N-checks rule counts
  double), and the first to end marks the crawl finished while the other still writes;
- two processes talking to the Wayback Machine (the archive stage, and the resolve stage's
  searches) each have their own limiter, so together they send twice the lookups and
  captures per minute the configured limits allow, from one IP (IA counts per IP and
  firewalls it); and both work one save queue with no claim on a job, so both may ask for
  the same capture;
- two writers of a distributed crawl (`citewatch crawl --redis` and `citewatch collect`)
  would append each page's WARC records twice: they share the crawl's lock.

Waiting for the other process would hang a timer's run behind a user's for as long as the
work lasts, and a user's command in silence.  So the second process leaves the stage to
the first, says so in one line naming it, and goes on with the stages after it (the
first one's results are in the database for them); the next run does the stage again.
Stages that share a resource share a lock (`Stage.lock`): resolve steps aside for the
archive stage and the other way round.

The lock is an exclusive `flock` on a file beside the database (`<database>-<lock>-lock`,
as SQLite keeps its `-wal` and `-journal` there): the kernel frees it when its process ends,
killed ones included (no stale lock: the file stays, empty of meaning, and the re-run just
takes it), on Linux and macOS alike.  The holder writes its pid and stage in the file, so
a refused process can name them.  The descriptor is not inherited (PEP 446): a crawl in a
spawned child cannot keep the lock alive after its parent.

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
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class Stage:
    """A stage that takes a lock, and the words of its one line when it steps aside."""

    name: str     # as the lock file names its holder: "the crawl", "the archive stage"
    lock: str     # the lock it takes: stages that share a resource share one
    leaves: str   # the work this run skips while another holds the lock
    why: str      # the harm two at once would do
    command: str  # what to run once the holder ends


CRAWL = Stage("the crawl", "crawl", "the fetches of the sources due",
              "two would fetch every source twice and count each check twice", "citewatch crawl")
ARCHIVE = Stage("the archive stage", "archive", "lookups, saves and mementos",
                "two would share neither the archive's rate limit nor the save queue", "citewatch archive")
RESOLVE = Stage("the resolve stage", "archive", "the searches for the social citations' posts",
                "two would not share the archive's rate limit", "citewatch resolve")
COLLECT = Stage("the collector", "crawl", "the writing of the distributed crawl's results",
                "two writers would append each page's WARC records twice", "citewatch collect")

LOCKED_STAGES = (CRAWL, ARCHIVE, RESOLVE, COLLECT)


def _sharing(stage: Stage) -> str:
    """The stages that take `stage`'s lock, in words: the holder, when its own words are unknown."""
    return " or ".join(s.name for s in LOCKED_STAGES if s.lock == stage.lock)


def _suffix(stage: Stage) -> str:
    """What the stage's lock file adds to the database's name."""
    return f"-{stage.lock}-lock"


# The lock files beside a database (its name and this suffix), one for each lock, with what
# each is: db.SIDE_FILES lists them with SQLite's, so that no -o file is one (crawler/export.py):
# written over, a held one would lose its holder's name.
LOCK_FILES = {_suffix(s): f"lock that keeps {_sharing(s)} to one process" for s in LOCKED_STAGES}


class StageBusy(Exception):
    """This process cannot run the stage alone on the database: another process holds its
    lock, or the lock that would say so cannot be opened.  `stage` is the one refused: its
    advice names `stage.command`, which a command replaces with itself as the user typed it
    (crawler/cli.py `one_line_errors`, crawler/run.py `advice_naming`)."""

    def __init__(self, message: str, stage: Stage | None = None):
        super().__init__(message)
        self.stage = stage


def database_file(db) -> Path | None:
    """The real path of the file `db` is open on; None for a database in memory (no other
    process can open it)."""
    row = next((r for r in db.execute("PRAGMA database_list").fetchall() if r[1] == "main"), None)
    return Path(row[2]).resolve() if row and row[2] else None


def lock_file(database: Path, stage: Stage) -> Path:
    """Where the stage's lock lives: beside the database, as SQLite's -wal does."""
    return database.with_name(database.name + _suffix(stage))


@contextlib.contextmanager
def stage_lock(db, stage: Stage) -> Iterator[None]:
    """Hold the database's lock for `stage` while the block runs; StageBusy, naming the
    process and stage that hold it, when another process does."""
    path = database_file(db)
    if path is None:
        yield
        return
    descriptor, writable = _open_lock(path, stage)
    with open(descriptor, "r+" if writable else "r", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, holder = _holder(lock)
            raise StageBusy(busy_message(path, stage, pid, holder or _sharing(stage)), stage) from None
        if writable:
            lock.seek(0)
            lock.truncate()
            lock.write(f"{os.getpid()} {stage.name}")
            lock.flush()
        yield


def held_elsewhere(db, stage: Stage) -> bool:
    """Whether another process holds the stage's lock right now (a replace asks whether a
    crawl runs: it must not remove a source the crawl may be writing a fetch for)."""
    try:
        with stage_lock(db, stage):
            return False
    except StageBusy:
        return True


def _open_lock(database: Path, stage: Stage) -> tuple[int, bool]:
    """The lock file's descriptor, and whether it could be opened for writing (the pid).

    A new file gets the database's permission bits (whoever may write the database may take
    the lock and name itself), as SQLite gives its `-wal`; a file only readable to this user
    is locked read-only.  StageBusy, in one line naming the file, when it cannot be opened."""
    lock_path = lock_file(database, stage)
    writable = True
    try:
        try:
            descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except PermissionError:   # another user's file: flock needs no write access
            descriptor, writable = os.open(lock_path, os.O_RDONLY | os.O_CLOEXEC), False
    except OSError as exc:
        raise StageBusy(unopened_message(database, lock_path, stage, exc), stage) from None
    with contextlib.suppress(OSError):   # another user's file, or a file system without modes
        if writable and os.fstat(descriptor).st_size == 0:
            os.fchmod(descriptor, database.stat().st_mode & 0o666)
    return descriptor, writable


def held_now(database: Path) -> list[str]:
    """The stage locks on the database another process holds right now, each as its holder,
    its process and its file in words: a process that waited too long for SQLite's write lock
    names the citewatch processes that may hold it.  The files are only read, never made:
    a lock that is free is taken, shared, for an instant only."""
    held = []
    for stage in {s.lock: s for s in LOCKED_STAGES}.values():   # one stage per lock file
        path = lock_file(database, stage)
        try:
            lock = open(path, encoding="utf-8")
        except OSError:   # no such file (no stage ever ran here), or unreadable: it names no one
            continue
        with lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                pid, holder = _holder(lock)
                held.append(f"{holder or _sharing(stage)} ({_process(pid)}), named in {path}")
    return held


def _holder(lock) -> tuple[int | None, str]:
    """The live process a held lock file names and its stage's words (empty while the holder
    is still writing them; a holder that could lock the file only read-only left an earlier
    one's words, and they are dropped with that one's pid)."""
    lock.seek(0)
    pid, _, holder = lock.read().strip().partition(" ")
    alive = _alive(pid)
    return alive, holder if alive else ""


def _alive(written_pid: str) -> int | None:
    """The pid the lock file names, if that process exists: a holder that could lock the file
    only read-only left an earlier holder's pid there."""
    try:
        pid = int(written_pid)
        if pid > 0:
            os.kill(pid, 0)
            return pid
    except PermissionError:   # another user's process
        return pid
    except (ValueError, OverflowError, ProcessLookupError):
        pass
    return None


def command_of(pid: int) -> str | None:
    """What the process runs, as the user typed it (`citewatch run --scheduled`), if readable:
    quoted as a shell would need it (a --db path with a space in it is one word)."""
    try:
        words = [w.decode("utf-8", "replace") for w in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if w]
    except OSError:
        return None
    start = next((i for i, w in enumerate(words) if w == "crawler.cli" or Path(w).name == "citewatch"), None)
    return shlex.join(["citewatch", *words[start + 1:]]) if start is not None else None


def busy_message(path: Path, stage: Stage, pid: int | None, holder: str) -> str:
    """The one line a refused stage prints: who holds the lock (its stage, pid and command
    line), why this run steps aside, and what to do: let it finish, or stop it as Ctrl-C would
    (SIGINT stops every citewatch command so, keeping what it stored), and if it goes on, with
    SIGTERM, which stops it the same way (crawler/cli.py): a holder started with SIGINT ignored
    (a script's background job) keeps ignoring it.  Then run this again.
    (It says what this run skips, not that the holder does it: the archive stage holding the
    lock does none of resolve's searches.)"""
    if pid:
        how = f"`kill -INT {pid}`: it keeps what it stored; if it goes on, `kill -TERM {pid}`: it stops the same way"
    else:
        how = (f"`fuser -v {shlex.quote(str(lock_file(path, stage)))}` names its process; `kill -INT` it: it keeps "
               f"what it stored; if it goes on, `kill -TERM` it: it stops the same way")
    return (f"{holder} is already running on {path} ({_process(pid)}): this run skips {stage.leaves} ({stage.why}); "
            f"let it finish, or stop it as Ctrl-C would ({how}), and run `{stage.command}` again once it ends")


def _process(pid: int | None) -> str:
    """A lock's holder in words: its pid and command line, as far as they are known."""
    command = command_of(pid) if pid else None
    return f"process {pid}" + (f": {command}" if command else "") if pid else "another process"


def unopened_message(database: Path, lock_path: Path, stage: Stage, exc: OSError) -> str:
    """The one line a stage that cannot open the lock file prints: which file, why, the fix."""
    return (f"cannot open {lock_path} ({exc.strerror or exc}), the lock that keeps {stage.name} to one process on "
            f"{database}: this run skips {stage.leaves}; make the file readable and writable by this user "
            f"(or remove it while no citewatch runs), then run `{stage.command}` again")
