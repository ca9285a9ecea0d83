"""A writer holds a lock on the temporary file of its -o file while it writes, and the next write
of the same file removes a leftover only when it can take that lock: the lock, not the host and
pid in the name, says whether its writer lives.  Two containers of one host name (or two hosts of
one name on NFS) each see the other's pid as not running, and a container's writer is always
pid 1.  Real writers in subprocesses (tests/test_export_replace.py's WRITER), real kills."""

from __future__ import annotations

import os

import pytest

from crawler.export import STALE_AFTER, TEMP_MARK, WRITER_HOST, output_file
from tests.test_export_replace import PREVIOUS, aged, gone_pid, killed_half_way, live_writer, temporaries, write

MARK = f".report.json{TEMP_MARK}"


@pytest.mark.parametrize("looks_gone, age", [
    (lambda: f"{WRITER_HOST}-{gone_pid()}-0badc0de", 0),             # another container's pid, of this host's name
    (lambda: f"elsewhere.example-{os.getpid()}-89abcdef", STALE_AFTER + 60),  # another host's, unwritten an hour
    (lambda: "0123abcd", STALE_AFTER + 60),                            # no writer named, unwritten an hour
], ids=["pid-not-running-here", "other-host-old", "no-writer-old"])
def test_a_live_writers_file_is_kept_whatever_its_name_says(tmp_path, looks_gone, age):
    target = tmp_path / "report.json"
    with live_writer(target) as theirs:
        renamed = aged(theirs.rename(tmp_path / f"{MARK}{looks_gone()}"), age)
        write(target, "mine\n")                    # its sweep finds the live writer's file under that name
        assert target.read_text() == "mine\n"
        assert temporaries(tmp_path) == [renamed]
        renamed.rename(theirs)                     # its own name back, for the writer to rename into place


@pytest.mark.parametrize("pid", [os.getpid(), 1], ids=["pid-reused-by-a-running-process", "container-pid-1"])
def test_a_killed_writers_file_is_removed_though_its_names_pid_runs(tmp_path, pid):
    target = tmp_path / "report.json"
    target.write_text(PREVIOUS)
    left, _ = killed_half_way(target)
    left.rename(tmp_path / f"{MARK}{WRITER_HOST}-{pid}-feedface")
    write(target)
    assert target.read_text() == "new\n"
    assert temporaries(tmp_path) == []


def test_a_second_write_in_the_writers_own_process_leaves_the_first_ones_file(tmp_path):
    # a lock of the process (lockf) would be granted to the second write's sweep, which would
    # remove the first one's file: the first write could then not be renamed into place
    target = tmp_path / "report.json"
    with output_file(target) as first:
        first.write("first\n")
        write(target, "second\n")
        assert target.read_text() == "second\n"
        assert len(temporaries(tmp_path)) == 1
    assert target.read_text() == "first\n"
    assert temporaries(tmp_path) == []
