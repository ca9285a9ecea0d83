"""The temporary file a writer killed with kill -9 leaves beside its -o file is removed by the
next write of that file once its writer is gone; a live writer's is never touched, nor another
file's.  Real writers (tests/test_export_replace.py's WRITER in a subprocess), real kills."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time

from crawler.export import STALE_AFTER, TEMP_MARK, WRITER_HOST, output_file
from tests.test_export_replace import PREVIOUS, killed_half_way, start_writer, temporaries, wait_for_bytes


def gone_pid() -> int:
    """The id of a process that has ended (and been waited for)."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    return int(ended.stdout)


def write(target, text: str = "new\n") -> None:
    with output_file(target) as handle:
        handle.write(text)


def aged(path, seconds: float):
    """`path` last written `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_the_next_write_removes_the_temporary_file_a_killed_writer_left(tmp_path):
    target = tmp_path / "report.json"
    target.write_text(PREVIOUS)
    left, pid = killed_half_way(target)
    assert left.name.startswith(f".report.json{TEMP_MARK}{WRITER_HOST}-{pid}-")   # the writer in its name
    assert left.exists()
    write(target)
    assert target.read_text() == "new\n"
    assert temporaries(tmp_path) == []


@contextlib.contextmanager
def live_writer(target):
    """A writer of `target` in another process, half-way: the block gets its temporary file;
    then the writer finishes, renames its report into place and leaves nothing behind."""
    target.write_text(PREVIOUS)
    writer = start_writer(target)
    try:
        yield wait_for_bytes(target.parent, writer)
        writer.stdin.write('"the last statement"]}\n')
        writer.stdin.close()
        assert writer.wait() == 0
    finally:
        writer.kill()
    assert target.read_text().endswith('"the last statement"]}\n')   # the live writer finished its report
    assert temporaries(target.parent) == []


def test_a_live_writers_temporary_file_is_left_to_it(tmp_path):
    target = tmp_path / "report.json"
    with live_writer(target) as theirs:
        write(target, "mine\n")                    # a second report written while the first one writes
        assert target.read_text() == "mine\n"
        assert temporaries(tmp_path) == [theirs]   # still there, still being written


def test_every_leftover_of_this_file_no_writer_locks_is_removed_and_only_those(tmp_path):
    # whatever its name says: a lock decides (tests/test_export_lock.py holds live writers' files)
    target = tmp_path / "report.json"
    dead, old = gone_pid(), STALE_AFTER + 60
    mark = f".report.json{TEMP_MARK}"
    removed = [
        (f"{mark}{WRITER_HOST}-{dead}-0badc0de", 0),                          # this machine's writer, gone
        (f"{mark}0123abcd", old),                                             # named before names carried the writer
        (f"{mark}elsewhere.example-{os.getpid()}-89abcdef", old),             # another machine's
        (f"{mark}{WRITER_HOST}-{os.getpid()}-feedface", 0),                   # a pid that runs, but no lock held
        (f"{mark}fedcba98", 0),                                               # no writer named, recent
        (f"{mark}elsewhere.example-{dead}-01234567", 0),                      # another machine's, recent
    ]
    kept = [
        (f".report.jsonl{TEMP_MARK}{WRITER_HOST}-{dead}-76543210", old),     # another file's
        (f".other.json{TEMP_MARK}{WRITER_HOST}-{dead}-76543210", old),
    ]
    for name, age in removed + kept:
        (tmp_path / name).write_text("half a report")
        aged(tmp_path / name, age)
    write(target)
    assert target.read_text() == "new\n"
    assert sorted(path.name for path in temporaries(tmp_path)) == sorted(name for name, _ in kept)
