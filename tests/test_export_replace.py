"""An -o file is written beside itself and renamed into place once complete: a report or a
check killed half-way (a cron timeout, kill -9) or failing half-way leaves the previous file
whole, where it used to leave it cut short (invalid JSON, half a page).  The temporary file a
writer killed with kill -9 leaves is removed by the next write of that file once its writer is
gone; a live writer's is never touched, nor another file's.  Real writers (WRITER in a
subprocess), real kills."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.cli import cli
from crawler.export import STALE_AFTER, TEMP_MARK, WRITER_HOST, OutputError, output_file
from tests.conftest import LETTER

ROOT = Path(__file__).resolve().parent.parent
PREVIOUS = '{"report": "the previous one, complete"}\n'

# Writes to the -o file what comes in on its standard input, line by line, as a report is
# written part by part: the test holds the rest back, so the kill lands mid-write every time.
WRITER = """
import sys
from crawler.export import output_file
with output_file(sys.argv[1]) as handle:
    for line in sys.stdin:
        handle.write(line)
        handle.flush()
"""


def temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if TEMP_MARK in path.name]


def wait_for_bytes(folder: Path, writer: subprocess.Popen) -> Path:
    """The writer's temporary file, once it holds bytes (polled: no assertion on time)."""
    for _ in range(3000):
        found = [path for path in temporaries(folder) if path.stat().st_size]
        if found:
            return found[0]
        assert writer.poll() is None, "the writer ended before writing"
        time.sleep(0.01)
    pytest.fail("the writer's temporary file never held a byte")


def start_writer(target: Path) -> subprocess.Popen:
    """A writer of `target` holding its temporary file open, half a report written."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=ROOT, stdin=subprocess.PIPE, text=True)
    writer.stdin.write('{"report": [\n' + '"a statement",\n' * 5000)
    writer.stdin.flush()
    return writer


def killed_half_way(target: Path) -> tuple[Path, int]:
    """A writer of `target` killed with kill -9 half-way: the temporary file it left, its pid."""
    writer = start_writer(target)
    try:
        temporary = wait_for_bytes(target.parent, writer)
        writer.send_signal(signal.SIGKILL)
        assert writer.wait() == -signal.SIGKILL
    finally:
        writer.kill()
        writer.stdin.close()
    return temporary, writer.pid


def test_a_write_killed_half_way_leaves_the_previous_file_whole(tmp_path):
    target = tmp_path / "report.json"
    target.write_text(PREVIOUS)
    temporary, _ = killed_half_way(target)
    assert target.read_text() == PREVIOUS
    # a kill -9 leaves its temporary file: hidden, and taken for no report by its name
    assert temporary.name.startswith(".report.json" + TEMP_MARK)
    assert [path.name for path in tmp_path.glob("*.json")] == ["report.json"]


def test_the_same_writer_left_to_finish_replaces_the_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text(PREVIOUS)
    written = subprocess.run([sys.executable, "-c", WRITER, str(target)], cwd=ROOT, input="new\nreport\n",
                             text=True, check=True)
    assert written.returncode == 0
    assert target.read_text() == "new\nreport\n"
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("failure", [RuntimeError("a template error"), KeyboardInterrupt()])
def test_a_write_that_fails_half_way_leaves_the_previous_file_and_nothing_else(tmp_path, failure):
    target = tmp_path / "report.html"
    target.write_text(PREVIOUS)
    with pytest.raises(type(failure)):
        with output_file(target) as handle:
            handle.write("<html><body>half a page")
            raise failure
    assert target.read_text() == PREVIOUS
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.html"]


def test_a_symbolic_link_stays_a_link_to_the_new_report(tmp_path):
    (tmp_path / "published").mkdir()
    real = tmp_path / "published" / "report.md"
    real.write_text(PREVIOUS)
    link = tmp_path / "report.md"
    link.symlink_to(real)
    with output_file(link) as handle:
        handle.write("# new\n")
    assert link.is_symlink() and real.read_text() == "# new\n"
    assert temporaries(tmp_path) == temporaries(tmp_path / "published") == []


def test_the_new_file_keeps_the_previous_permissions_and_a_new_one_gets_the_umask(tmp_path):
    kept = tmp_path / "kept.csv"
    kept.write_text(PREVIOUS)
    kept.chmod(0o640)
    with output_file(kept) as handle:
        handle.write("id\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    umask = os.umask(0o027)
    try:
        with output_file(tmp_path / "new.csv") as handle:
            handle.write("id\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640  # 0o666 less the umask, as open() gives


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_that_takes_no_new_file_is_one_line_naming_the_output(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    target = folder / "report.html"
    target.write_text(PREVIOUS)
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match=f"cannot write {target} \\(Permission denied\\); choose another -o path"):
            with output_file(target) as handle:
                handle.write("<html>")
    finally:
        folder.chmod(0o755)
    assert target.read_text() == PREVIOUS


def test_report_o_replaces_the_previous_report_and_leaves_no_temporary_file(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["ingest", str(LETTER), "--db", "cw.db"]).exit_code == 0
    Path("report.json").write_text(PREVIOUS)
    result = runner.invoke(cli, ["report", "--db", "cw.db", "--data-dir", "data", "--format", "json", "-o", "report.json"])
    assert result.exit_code == 0, result.output
    assert '"statements"' in Path("report.json").read_text()
    assert temporaries(tmp_path) == []


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


def test_the_next_write_removes_the_temporary_file_a_killed_writer_left(tmp_path):
    target = tmp_path / "report.json"
    target.write_text(PREVIOUS)
    left, pid = killed_half_way(target)
    assert left.name.startswith(f".report.json{TEMP_MARK}{WRITER_HOST}-{pid}-")   # the writer in its name
    assert left.exists()
    write(target)
    assert target.read_text() == "new\n"
    assert temporaries(tmp_path) == []


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
