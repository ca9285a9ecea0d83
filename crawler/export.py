"""Rows written out for other programs: CSV, JSON Lines or a JSON array; and the -o file.

`citewatch check` writes its results, `citewatch search` its hits and `citewatch verify` its
findings in the same three formats; made here once, the commands' files cannot drift apart (a
line ending, a cell a spreadsheet would run as a formula, escaped non-ASCII text), and the
report's CSV is written by the same `write_csv`.  Every -o file (a
report, check's results) is written through `output_file`, which says in one line which
file could not be written and what to do, and never writes over a SQLite database; a
command refuses first an -o file that is one of its inputs, or whose folder is missing
(`refuse_overwrite`: a typo in a folder's name must not make a stray folder tree).  `-o -`
is standard output, as it is to curl, click and most Unix tools (`to_stdout`): the command
then prints no "written to" line there, which would end up inside the report.  A file is
written beside itself and renamed into place once complete (`_replacing`): a command killed
or failing half-way leaves the previous report as it was, never half a page.  The next write
of the same file removes what a writer killed with kill -9 left beside it: the temporary files
no live writer holds locked (`_remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import io
import json
import os
import re
import secrets
import shlex
import signal
import socket
import stat
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TextIO

import db as database

Writer = Callable[[list], str]

STDOUT = "-"  # the -o name of standard output


class OutputError(Exception):
    """The -o file could not be written: one line naming it and the fix (the CLI prints it)."""


def to_stdout(path: str | Path | None) -> bool:
    """The -o `path` names standard output (`-o -`).  Read as a path (`./-` is `-` to pathlib,
    which a command may have made of it): a file named "-" is given with its folder's path."""
    return path is not None and str(Path(path)) == STDOUT


@contextlib.contextmanager
def output_file(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """`path` opened for writing as UTF-8, in a folder that exists (`refuse_overwrite`);
    standard output for `-o -` (`to_stdout`).  An OSError on the way (a path through a file,
    a read-only place, a full disk while writing or closing) is an OutputError naming the
    file, unless it names another file: reading something else inside the block can fail
    for reasons of its own."""
    if to_stdout(path):
        with _stdout(newline) as handle:
            yield handle
        return
    target = Path(path)
    refuse_overwrite(target)
    try:
        with (open(target, "w", encoding="utf-8", newline=newline) if _in_place(target)
              else _replacing(target, newline)) as handle:
            yield handle
    except OSError as exc:
        if exc.filename is not None and not _on_the_way_to(Path(exc.filename), target):
            raise
        raise OutputError(f"cannot write {path} ({exc.strerror or exc}); choose another -o path") from None


# What names the file an -o file is written to before it is renamed into place: hidden, and
# ending in its writer's host and process id and random letters, so that no listing of reports
# (*.html, *.json) takes it for one, and a human can tell whose it is.  Its writer holds an
# exclusive flock on it from the moment it is made until it is renamed or removed
# (`_locked_temporary`), and the kernel frees the lock of a process that ends, kill -9 included.
# Any end but a kill -9 removes the file; the next write of the same file removes the ones no
# writer holds (`_remove_if_left_over`).  The lock decides, not the name: two containers of one
# host name (or two hosts of one name sharing a folder over NFS) see each other's pids as not
# running, and a writer that is always pid 1 in its container would keep its leftovers for ever.
TEMP_MARK = ".citewatch-tmp-"
WRITER_HOST = re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "localhost"
_WRITER = re.compile(r"^(?P<host>.+)-(?P<pid>\d+)-[0-9a-f]{8}$")
# Only where no lock can be asked (`_left_over`: a file system that takes no locks, a file this
# user cannot open), the name decides: this machine's writer, by its pid; another machine's (or
# no writer in the name) by age, removed once not written to for STALE_AFTER seconds.
STALE_AFTER = 3600.0
# How many names a writer tries when each new temporary file is taken at once by another
# write's sweep (`_locked_temporary`): one such race is rare, ten in a row never happen.
_NEW_NAMES = 10


def _in_place(target: Path) -> bool:
    """`target` is written where it is, not beside itself: an existing file that is no regular
    file (a named pipe, /dev/full, a terminal), which renaming would replace instead of feed,
    or a path through /dev or /proc (/dev/stdout redirected to a file is that shell's file)."""
    absolute = target.absolute()
    if absolute.parts[1:2] in (("dev",), ("proc",)):
        return True
    try:
        return not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:  # not there yet (or unreadable, which the write will say): a new file
        return False


@contextlib.contextmanager
def _replacing(target: Path, newline: str | None) -> Iterator[TextIO]:
    """A temporary file in the folder of `target` (its linked file's, for a symbolic link,
    which stays a link), renamed over it once written and flushed to disk: until then the
    previous file stays whole, and a failure (an exception, Ctrl-C) removes the temporary one.
    Its lock is let go only once it is renamed or removed: a sweep between the close and the
    rename would take it for a leftover.
    The file keeps the previous one's permissions; a new one gets the umask's, as open() gives."""
    final = Path(os.path.realpath(target))
    _remove_leftovers(final)
    temporary, lock = _locked_temporary(final)
    try:
        with open(lock, "w", encoding="utf-8", newline=newline, closefd=False) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(final).st_mode))
        os.replace(temporary, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    finally:
        os.close(lock)


def _locked_temporary(final: Path) -> tuple[Path, int]:
    """A new temporary file for `final`, named with its writer, and its descriptor, locked
    (`_lock`) before a byte is written.  Made and locked are two steps, and another write's
    sweep may come between them, lock the file nobody holds yet and remove it while holding
    it.  So, locked, the name must still be this file (`_names`); a file a sweep holds or has
    removed is given up (the sweep removes it) for a new name.  This makes a sweep safe
    without sparing young files: no age to guess, and a writer stopped between the two steps
    (SIGSTOP, a loaded machine) loses nothing but a name."""
    for _ in range(_NEW_NAMES):
        temporary = final.with_name(f".{final.name}{TEMP_MARK}{WRITER_HOST}-{os.getpid()}-{secrets.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        if _lock(descriptor) is not False and _names(temporary, descriptor):
            return temporary, descriptor
        os.close(descriptor)
    raise OSError(errno.EAGAIN, f"another write of {final.name} removed each temporary file made for it",
                  str(temporary))


def _lock(descriptor: int) -> bool | None:
    """Take the exclusive lock of the open temporary file, without waiting: True when taken,
    False when another open file holds it, None when it cannot be asked (ENOLCK: an NFS mount
    without its lock service; a FUSE or SMB folder that refuses locks), where the name decides.
    flock, not lockf: a lockf (fcntl) lock belongs to the process, so a sweep in the process
    that writes the file would be granted that writer's lock and, closing its descriptor, free
    it; a flock belongs to the open file.  Over NFS, Linux (2.6.12 on) sends a flock to the
    server as a lock of the whole file, so writers on other hosts see it; a mount with `nolock`
    or `local_lock=flock` keeps locks to one host, and then a sweep on another host of the same
    name can still remove a live writer's file."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def _names(path: str | Path, descriptor: int) -> bool:
    """`path` still names the file open as `descriptor`: not removed nor replaced since."""
    try:
        return os.path.samestat(os.stat(path, follow_symlinks=False), os.fstat(descriptor))
    except OSError:
        return False


def _remove_leftovers(final: Path) -> None:
    """Remove the temporary files of `final` that writers killed with kill -9 left beside it:
    each kill would leave one more hidden copy of the report.  Only those of this file's name
    whose writer is gone (`_remove_if_left_over`): another writer's, still writing, is its to
    rename."""
    prefix = f".{final.name}{TEMP_MARK}"
    try:
        entries = [entry for entry in os.scandir(final.parent) if entry.name.startswith(prefix)]
    except OSError:  # a folder that cannot be listed: the write says what is wrong, if anything
        return
    for entry in entries:
        if entry.is_file(follow_symlinks=False):
            _remove_if_left_over(entry, entry.name[len(prefix):])


def _remove_if_left_over(entry: os.DirEntry, mark: str) -> None:
    """Remove the temporary file `entry` when no writer holds its lock (`_lock`), whatever
    its name says: removed while this sweep holds the lock, so that a writer locking it next
    finds its name gone (`_locked_temporary`).  Where no lock can be asked (a file this user
    cannot open, a file system without locks), its name decides (`_left_over`)."""
    descriptor = _open_to_lock(entry.path)
    try:
        locked = None if descriptor is None else _lock(descriptor)
        if locked is False or (locked and not _names(entry.path, descriptor)):
            return  # a live writer's; or renamed into place since it was listed
        if locked is None and not _left_over(entry, mark):
            return
        with contextlib.suppress(OSError):  # gone already (another writer's sweep), or not ours to remove
            os.unlink(entry.path)
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _open_to_lock(path: str) -> int | None:
    """A descriptor of the temporary file at `path` to ask its lock with, or None when it
    cannot be opened.  For writing where allowed: Linux's NFS client grants an exclusive flock
    only to a file open for writing; else for reading (a file made read-only, as a temporary
    file copying its report's permissions is).  Never a link followed, nor a wait (a named
    pipe put there since it was listed)."""
    for flags in (os.O_WRONLY, os.O_RDONLY):
        try:
            return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK)
        except PermissionError:
            continue
        except OSError:
            return None
    return None


def _left_over(entry: os.DirEntry, mark: str) -> bool:
    """When no lock can be asked, the temporary file's writer is gone by its name: a process
    of this machine no longer running, or, when its writer cannot be asked (another
    machine's, or no writer in the name), one not written to for STALE_AFTER seconds.  A
    process id since reused keeps its file until that process ends: a leftover kept is
    harmless, a live writer's file removed is not."""
    writer = _WRITER.match(mark)
    if writer and writer["host"] == WRITER_HOST:
        return not _running(int(writer["pid"]))
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
    except OSError:
        return False


def _running(pid: int) -> bool:
    """Process `pid` runs on this machine (another user's too: it may not be signalled)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # (a number no process id is: no writer either)
        return False
    except PermissionError:  # running, as another user
        pass
    return True


@contextlib.contextmanager
def _stdout(newline: str | None) -> Iterator[TextIO]:
    """Standard output written as the file would be, UTF-8 and `newline`, whatever the
    terminal's encoding; left open (detached, not closed) for what the command prints after.
    A write that fails (a full disk behind a redirection) names no file: it is an OutputError
    saying standard output could not be written.  A reader that closed the pipe (`| head`) has
    what it wanted: the command stops there without a word, as a tool that SIGPIPE ends does
    (exit 141), its standard output pointed at /dev/null so that Python's last flush is quiet.
    A standard output lost before (crawler/terminal.py `GuardedOutput.lost`: a write failed, a
    stage caught it, and standard output now points at /dev/null) fails alike with its kept
    error: a scheduled run's changes sent to /dev/null were recorded as told (crawler/schedule.py);
    and so does one that is closed (`>&-`: Python's sys.stdout is None), not an AttributeError."""
    stdout = sys.stdout
    if stdout is not None:
        stdout.flush()  # what was printed before comes first
    buffer = getattr(stdout, "buffer", None)
    handle = stdout if buffer is None else io.TextIOWrapper(buffer, encoding="utf-8", newline=newline)
    try:
        if stdout is None:
            raise OSError(errno.EBADF, "it is closed")
        if (lost := getattr(stdout, "lost", None)) is not None:
            raise OSError(lost.errno, lost.strerror or str(lost))   # (EPIPE: a BrokenPipeError)
        yield handle
        handle.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(128 + signal.SIGPIPE) from None
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OutputError(f"cannot write to standard output (-o -: {exc.strerror or exc}); "
                          "redirect it elsewhere or give -o a file") from None
    finally:
        if handle is not stdout:
            with contextlib.suppress(OSError, ValueError):  # (a failed write is said above)
                handle.detach()


def refuse_overwrite(path: str | Path, inputs: Mapping[Path, str] | None = None) -> None:
    """OutputError when the -o file `path` is one of the command's `inputs` (its file: what
    it is, e.g. db.database_files) or a SQLite database or one of the files beside it
    (db.SIDE_FILES: its -wal, -shm, -journal, a stage's lock): opening it for writing would
    empty it before anything is written, and a database emptied so is lost (a lock, its
    holder's name).  Symbolic links are followed and hard links recognised.  And when its
    folder is missing (`missing_folder`).
    A command calls it before its work, so that a wrong -o costs nothing.  Standard output
    (`-o -`) is none of them."""
    if to_stdout(path):
        return
    what = next((what for kept, what in (inputs or {}).items() if _same_file(Path(path), Path(kept))), None)
    what = what or _sqlite_file(Path(path))
    if what:
        raise OutputError(f"-o {path} is {what}: give another file name")
    folder = missing_folder(Path(path))
    if folder is not None:
        raise OutputError(f"-o {path}: {no_folder(folder)} or fix the path")


def no_folder(folder: Path) -> str:
    """Why `folder` is missing, and the mkdir that makes it (`--`: a name may start with -).
    A symbolic link to a missing folder on the way is named with its target, which is what
    to make: `mkdir -p` on the link itself fails ("File exists")."""
    link = next((p for p in (folder, *folder.parents) if p.is_symlink() and not p.exists()), None)
    target = Path(os.path.realpath(folder)) if link else folder
    why = f"{link} is a symbolic link to missing {os.path.realpath(link)}" if link else f"no folder {folder}"
    return f"{why}; create it first (mkdir -p -- {shlex.quote(str(target))})"


def missing_folder(path: Path) -> Path | None:
    """The -o file's folder when it does not exist, else None.  Refused, not made: a typo in
    a folder's name would go unnoticed, the file written into a stray new folder tree.  A
    path through a file (file.txt/r.html) is no missing folder: the write says it is not one."""
    try:
        os.stat(path.parent)
    except FileNotFoundError:
        return path.parent
    except OSError:
        pass
    return None


def _same_file(a: Path, b: Path) -> bool:
    """`a` and `b` are one file: the same path once links are resolved, or one inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


# What a SQLite database's file starts with, and the files kept beside it (SQLite's, the stages' locks).
SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_SIDECARS = {"": "a SQLite database",
                   **{suffix: f"a SQLite database's {what}" for suffix, what in database.SIDE_FILES.items()}}


def _sqlite_file(path: Path) -> str | None:
    """What `path` is when it is a SQLite database or one of the files beside it, else None."""
    real = os.path.realpath(path)
    for suffix, what in SQLITE_SIDECARS.items():
        if real.endswith(suffix) and _holds_database(real[:len(real) - len(suffix)]):
            return what
    return None


def _holds_database(path: str) -> bool:
    """The file at `path` starts as a SQLite database does.  Only a regular file is read: a
    database is one, and opening a named pipe, a terminal (-o /dev/stdout) or a device to
    read from would wait for ever for input this process is the one to write."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:  # missing, a folder, unreadable: nothing this check can lose
        return False


def _on_the_way_to(failed: Path, output: Path) -> bool:
    """`failed` is the output file, the temporary file written for it, or a folder it needs."""
    failed = failed.absolute()
    output = output.absolute()
    written = Path(os.path.realpath(output))
    if failed.parent == written.parent and failed.name.startswith(f".{written.name}{TEMP_MARK}"):
        return True
    return failed in (output, written, *output.parents)


def csv_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP: prefix =, +, -, @ with ')."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, (list, dict)) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def formats(fields: Sequence[str], csv_row: Callable[[Any], dict],
            json_row: Callable[[Any], dict]) -> dict[str, Writer]:
    """The writers of one kind of row, by format name (csv, jsonl, json): `csv_row` and
    `json_row` turn an item into a dict (CSV gets its `fields`, in order)."""
    return {
        "csv": lambda items: csv_text(map(csv_row, items), fields),
        "jsonl": lambda items: "".join(json.dumps(json_row(item), ensure_ascii=False) + "\n" for item in items),
        "json": lambda items: json.dumps([json_row(item) for item in items], ensure_ascii=False, indent=2) + "\n",
    }


# Every CSV citewatch writes ends its lines so (RFC 4180), whichever command writes it: a
# script comparing two of them, or splitting one on its line ends, meets one convention.
CSV_LINE_END = "\r\n"


def write_csv(out: TextIO, rows: Iterable[dict], fields: Sequence[str]) -> None:
    """The one CSV writer: a header line, then each row's `fields` in order, as `rows` come
    (a report of 100,000 citations is not held), every cell one a spreadsheet will not run
    (csv_cell), every line ended by CSV_LINE_END.  `out` is opened with newline="" (or is a
    StringIO): a text file's newline translation would add a CR on Windows."""
    writer = csv.writer(out, lineterminator=CSV_LINE_END)
    writer.writerow(fields)
    for row in rows:
        writer.writerow([csv_cell(row[name]) for name in fields])


def csv_text(rows: Iterable[dict], fields: Sequence[str]) -> str:
    """`write_csv`'s CSV as one string (check's results, search's hits, verify's findings)."""
    buffer = io.StringIO(newline="")
    write_csv(buffer, rows, fields)
    return buffer.getvalue()
