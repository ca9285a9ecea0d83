"""Every command ends alike: Ctrl-C ends a crawl or a watch with 130 (dead by SIGINT) and a line
saying what was kept, and between a watch's runs with its runs' status; SIGTERM and SIGHUP stop
any command that runs a stage (`citewatch crawl` too) as Ctrl-C does, with the "Stopped (SIG…)" line and 128 + signal, its clean-up run (an archive
stage mid-request, reconcile's upserts mid-write), and a re-run finishes with no row lost or
written twice; a standard output that cannot be written (a full disk behind `>`, a reader that
closed the pipe) ends the command in one line, or quietly for the pipe, never in a traceback,
and what the stages stored stays stored.  Real subprocesses, a real test archive and database."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import pty
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import db as database
from crawler import schedule, terminal
from crawler.cli import lost_stdout_line
from crawler.config import ConfigError, load_config
from tests.clirun import cli_here, fast_env
from tests.conftest import LETTER, ROOT
from tests.crawling import add_sources
from tests.factories import Factory
from tests.test_archive import Seed, _jobs
from tests.test_crawl_signals import PAGES, _served, _signal_once_served
from tests.test_distributed import citewatch, wait_for

STATEMENTS = 1500   # reconcile's: many more than it can check between its first progress line and the test's lock (300 were done in that time at load 8)


def _stopped_line(signum: int, command: str) -> str:
    return (f"Stopped ({signal.Signals(signum).name}): what was stored before the stop is kept (a crawl so stopped "
            f"is marked interrupted) and every stage resumes where it stopped: run `{command}` again to finish.")


def _checks(db_path: Path) -> list[tuple]:
    """Every quote_checks row but the moment it was written: (statement, scope, text, verdict, score)."""
    with sqlite3.connect(db_path) as conn:
        return sorted(conn.execute("select statement_id, scope, coalesce(text_id, 0), verdict, score "
                                   "from quote_checks").fetchall())


@pytest.fixture(scope="module")
def unreconciled(tmp_path_factory) -> tuple[Path, list[tuple]]:
    """A database of STATEMENTS statements none reconciled yet, and the rows an uninterrupted
    `citewatch reconcile` writes for it (`_checks`): the reference a stopped run's re-run must
    equal, the same for every signal, so built and reconciled once a module (each test stops a
    copy of its own)."""
    folder = tmp_path_factory.mktemp("unreconciled")
    seed = folder / "seed.db"
    db = database.open_db(seed)
    factory = Factory(db)
    document = factory.document()
    with database.write_transaction(db):   # one commit, not 1,500 (5 s of each test's setup before)
        for seq in range(1, STATEMENTS + 1):
            factory.statement(document, seq, "Ruritania", f"We are deeply concerned, statement {seq}.")
    db.conn.close()
    reference = folder / "reference.db"
    shutil.copy(seed, reference)
    whole = cli_here({**os.environ, "CITEWATCH_DATA_DIR": str(folder / "data")}, "reconcile", "--db", str(reference))
    assert whole.returncode == 0, whole.stderr[-2000:]
    return seed, _checks(reference)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_reconcile_stopped_mid_write_says_so_and_a_re_run_leaves_every_row_once(unreconciled, db_path, env, signum):
    """`citewatch reconcile` ended by the signal's default action: no line, no 128 + signal said
    by the command.  The signal comes while its upsert waits for the write lock the test holds
    (so it lands mid-stage whatever the machine's speed); the statement being written is rolled
    back whole, and the re-run writes exactly what an uninterrupted run writes."""
    seed, whole = unreconciled
    shutil.copy(seed, db_path)
    env = {**env, "CITEWATCH_WRITE_WAIT": "600"}   # the upsert waits for the test's lock: the signal lands in it

    proc = citewatch(env, "reconcile")   # (its output and errors on one pipe)
    try:
        first = proc.stdout.readline()   # a console that is no terminal: "reconcile: 1/1500 (0%)" once one is stored
        assert first.startswith("reconcile: "), first + proc.stdout.read()
        blocker = sqlite3.connect(db_path, timeout=60, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")   # reconcile's next upsert waits for this
        proc.send_signal(signum)
        blocker.execute("ROLLBACK")
        blocker.close()
        said = " ".join(proc.communicate(timeout=120)[0].split())
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signum, said   # dead by it, after its clean-up and line
    assert said.endswith(_stopped_line(signum, f"citewatch reconcile --db {db_path}")), said
    assert "Traceback" not in said
    stopped = _checks(db_path)
    assert 0 < len({row[0] for row in stopped}) < STATEMENTS   # stopped mid-stage, what it stored kept

    again = cli_here(env, "reconcile")   # (what the re-run stores: called in this process)
    assert again.returncode == 0, again.stderr[-2000:]
    assert _checks(db_path) == whole   # every row once, as a run never stopped writes them
    assert set(stopped) <= set(_checks(db_path))


def test_archive_stopped_by_sigterm_mid_save_says_so_and_a_re_run_captures_each_source_once(archive, db, db_path,
                                                                                            tmp_path):
    """`citewatch archive` died of SIGTERM mid-request without a word.  Stopped as by Ctrl-C, the
    save on the wire stays pending (the archive may have made its capture), and the re-run asks the
    CDX for it instead of saving it again: every source captured once, every job done."""
    seed = Seed(db)
    urls = [f"https://term-{archive.ns}.example/page-{i}" for i in range(6)]
    for url in urls:
        seed.source(url)
    archive.set(**{"save.slow": 1})   # a capture takes a while: the signal lands with one on the wire
    env = {**os.environ, **archive.env(tmp_path, rescue_live=0)}
    proc = citewatch(env, "archive")
    try:
        wait_for(lambda: archive.count("save-requests") >= 2 or proc.poll() is not None, what="the second save")
        assert proc.poll() is None, proc.stdout.read()[-2000:]
        proc.send_signal(signal.SIGTERM)
        said = " ".join(proc.communicate(timeout=120)[0].split())
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGTERM, said
    assert said.endswith(_stopped_line(signal.SIGTERM, f"citewatch archive --db {env['CITEWATCH_DB']}")), said
    assert "Traceback" not in said
    statuses = [job["status"] for job in _jobs(database.open_db(db_path)).values()]
    assert "done" in statuses and "pending" in statuses   # the one on the wire: its capture may exist
    # (the archive records the capture it was sent once its slow answer is over)
    wait_for(lambda: sum(archive.count(f"captured:{url}") for url in urls) == archive.count("save-requests"),
             what="the capture on the wire")

    archive.set(**{"save.slow": 0})
    again = cli_here(env, "archive")   # (what the re-run stores: called in this process)
    assert again.returncode == 0, again.stderr[-2000:]
    jobs = _jobs(database.open_db(db_path))
    assert sorted(jobs) == urls and all(job["status"] == "done" for job in jobs.values())
    assert all(archive.count(f"captured:{url}") == 1 for url in urls)   # none saved twice, none lost


# ---------------------------------------------------------------- standard output that cannot be written

FULL = "Error: cannot write to standard output (No space left on device): the disk it is redirected to is full: " \
       "free space there or redirect it to another disk"


def _verdicts(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(distinct statement_id) from quote_checks").fetchone()[0]


def _said(stderr: str) -> list[str]:
    """stderr's lines but the progress lines of a console that is no terminal."""
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith("reconcile: ")]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_standard_output_is_one_line_and_what_the_stage_stored_stays(letter_db, env):
    """`citewatch reconcile > /dev/full` stored every verdict, then met the full disk at its table
    and ended in rich's traceback; a scheduled run at its opening line; `status` at its first table."""
    with open("/dev/full", "w") as full:
        reconciled = subprocess.run([sys.executable, "-m", "crawler.cli", "reconcile"], cwd=ROOT, env=env,
                                    stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
        assert reconciled.returncode == 1, reconciled.stderr
        assert _said(reconciled.stderr) == [f"{FULL}; what was stored before is kept and every stage resumes where it stopped: "
                                 f"run `citewatch reconcile --db {letter_db}` again"]
        assert _verdicts(letter_db) == 42   # the stage's work is stored: its summary was what failed

        scheduled = subprocess.run([sys.executable, "-m", "crawler.cli", "run", "--scheduled"], cwd=ROOT, env=env,
                                   stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
        assert scheduled.returncode == 1, scheduled.stderr
        assert scheduled.stderr.splitlines()[-1].startswith(f"{FULL}; what was stored before is kept"), scheduled.stderr
        assert "Traceback" not in scheduled.stderr

        status = subprocess.run([sys.executable, "-m", "crawler.cli", "status"], cwd=ROOT, env=env, stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert status.returncode == 1
    assert status.stderr.splitlines() == [FULL]   # it only reads: no re-run to advise


@pytest.mark.parametrize("words", [["reconcile"], ["status"], ["report", "--format", "json"],
                                   ["ingest", str(LETTER), "--json"]], ids=["reconcile", "status", "report", "ingest"])
def test_a_reader_that_closed_the_pipe_ends_any_command_quietly_with_141(letter_db, env, words):
    """`citewatch status | head -c 10`, the reader gone before the first byte: rich and click
    each said it their own way (exit 1), where `report -o -` ends quietly with 141, as a tool
    SIGPIPE ends.  Now every command does, and the stage's work is kept."""
    reader, writer = os.pipe()
    os.close(reader)   # the reader is gone before the first byte
    try:
        proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", *words], cwd=ROOT, env=env, stdout=writer,
                                stderr=subprocess.PIPE, text=True)
    finally:
        os.close(writer)
    _, stderr = proc.communicate(timeout=300)
    assert _said(stderr) == []
    assert proc.returncode == 141
    if words == ["reconcile"]:
        assert _verdicts(letter_db) == 42


# ---------------------------------------------------------------- a standard output closed or lost


def _closed_stdout() -> None:
    """Standard output closed in the child before it runs its command (`citewatch status >&-`)."""
    os.close(1)


def test_a_closed_standard_output_writes_nowhere_and_every_command_ends_as_before(db_path, env):
    """`citewatch ingest DOC >&-` and `status >&-`: Python makes sys.stdout None, rich then writes
    nowhere and the command exits 0; the guard wrapped None, and each command died of an
    AttributeError ('NoneType' … 'flush') at its first line."""
    for words in (["ingest", str(LETTER)], ["status"]):
        proc = subprocess.run([sys.executable, "-m", "crawler.cli", *words], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=300,
                              preexec_fn=_closed_stdout)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "Traceback" not in proc.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from statements").fetchone()[0] == 42


def test_a_report_to_a_closed_standard_output_is_one_line(letter_db, env):
    """`citewatch report -o - >&-` asked a None for its flush: an AttributeError's traceback."""
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "report", "--format", "json", "-o", "-"], cwd=ROOT,
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=300,
                          preexec_fn=_closed_stdout)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["Error: cannot write to standard output (-o -: it is closed); redirect it "
                                        "elsewhere or give -o a file"], proc.stderr


def test_changes_to_a_standard_output_lost_before_fail_and_the_run_is_not_recorded(db, db_path, tmp_path,
                                                                                  monkeypatch):
    """A scheduled run's terminal is gone (EIO), a stage catches the failed write and goes on, as a
    crawl's display does (crawler/spiderrun.py `_unless_stopped`); the guard then points standard
    output at /dev/null, and `changes_file = "-"` wrote the changes there and recorded the run: cron
    never heard of them, and the next run compared with this one.  Now the write fails with the
    kept error, and the run is not recorded, so the next run reports the changes again."""
    Factory(db).letter()
    config = load_config(env={"CITEWATCH_CHANGES_FILE": "-"}, db=str(db_path), data_dir=str(tmp_path / "data"))
    master, slave = pty.openpty()
    os.close(master)   # the terminal is gone: a write to it gives EIO
    gone = io.TextIOWrapper(io.FileIO(slave, "w"), line_buffering=True)
    monkeypatch.setattr(sys, "stdout", gone)
    try:
        with terminal.guarded_stdout() as guard:
            with pytest.raises(OSError) as display:   # (caught by the stage, which goes on)
                terminal.Console().print("crawl display")
            with pytest.raises(ConfigError) as refused:
                schedule.after_run(db, config, scheduled=True)
    finally:
        with contextlib.suppress(OSError):
            gone.close()
    assert display.value.errno == guard.lost.errno == errno.EIO
    assert refused.value.message.startswith("cannot write standard output (Input/output error): redirect it "
                                            "elsewhere, or set changes_file"), refused.value.message
    assert db.execute("select count(*) from run_states").fetchone()[0] == 0   # not recorded: reported again


STOP_WITH_OUTPUT_LEFT = """
import os, signal, sys, time
from crawler.cli import cli

sys.stdout.reconfigure(write_through=False)   # (whatever PYTHONUNBUFFERED says)

@cli.command(name="stopped")
def stopped():
    print("left in the buffer")   # a file: block-buffered, it fails only at the group's last flush
    if sys.argv[1] == "ctrl-c":
        raise KeyboardInterrupt
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(60)

cli(["stopped"], prog_name="citewatch")
"""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("how, status, by", [("ctrl-c", 130, "Ctrl-C"), ("sigterm", 143, "SIGTERM")])
def test_a_stop_wins_over_output_left_that_cannot_be_written(env, how, status, by):
    """Ctrl-C or SIGTERM with output left buffered for a full disk said "Stopped (…)" and then
    "Error: cannot write to standard output …", and exited 1: the last flush's failure replaced
    the stop's 130 or 143."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-c", STOP_WITH_OUTPUT_LEFT, how], cwd=ROOT, env=env, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == status, proc.stderr
    assert proc.stderr.splitlines() == [_stopped_line(signal.SIGTERM, "citewatch stopped").replace("SIGTERM", by)], \
        proc.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("option", ["--help", "--version"])
def test_the_groups_own_options_end_alike_on_a_full_disk_and_a_closed_pipe(env, option):
    """`citewatch --help > /dev/full` and `--version` ended in a 33-line traceback, and `citewatch -h`
    with the reader gone in click's exit 1: they are written before any command runs."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "crawler.cli", option], cwd=ROOT, env=env, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stderr.splitlines() == [FULL], proc.stderr

    reader, writer = os.pipe()
    os.close(reader)   # the reader is gone before the first byte
    try:
        proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", option], cwd=ROOT, env=env, stdout=writer,
                                stderr=subprocess.PIPE, text=True)
    finally:
        os.close(writer)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 141 and stderr == ""


def test_the_demo_lost_on_its_way_advises_starting_it_afresh():
    """The demo's lost standard output advised "every stage resumes where it stopped": a demo
    starts afresh in its folder (as `interrupted_line` says for a stopped one)."""
    line = lost_stdout_line("demo", OSError(errno.ENOSPC, "No space left on device"))
    assert line == (f"{FULL.removeprefix('Error: ')}; the demo's files so far are in its folder: "
                    "run `citewatch demo` again to start afresh")


# ---------------------------------------------------------------- Ctrl-C, SIGTERM and SIGHUP to a crawl or a watch

def _start(args: list[str], env: dict) -> subprocess.Popen:
    """`citewatch ARGS` as a terminal runs it: in a session of its own, SIGINT at its default
    (see tests/test_crawl_signals.py `_start_crawl`), its output read here."""
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], cwd=ROOT,
                            env={**env, "PYTHONUNBUFFERED": "1", "COLUMNS": "300"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _ctrl_c_once_served(proc: subprocess.Popen, web: dict, keys: list[str]) -> tuple[int, str, str]:
    """A terminal's Ctrl-C (SIGINT to the group) once 3 pages were served; exit status and output."""
    try:
        while sum(_served(web, keys).values()) < 3:
            assert proc.poll() is None, "the command ended before it could be stopped: " + proc.stderr.read()
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    return proc.returncode, out, err


def _slow_sources(db, web: dict) -> list[str]:
    """16 pages fetched one at a time, a host delay between: most still queued when Ctrl-C comes."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(16)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    return keys


def _waiting(pid: int) -> bool:
    """The process's main thread sleeps on a lock (threading.Event.wait), as Linux's /proc says."""
    task = Path(f"/proc/{pid}/task/{pid}")
    return (task / "stat").read_text().rsplit(")", 1)[1].split()[0] == "S" and "futex" in (task / "wchan").read_text()



@pytest.mark.parametrize("args", [["crawl"], ["watch", "--every", "1d"]], ids=["crawl", "watch-during-a-run"])
def test_ctrl_c_during_a_crawl_exits_130_and_says_what_was_kept(web, env, db, tmp_path, args):
    keys = _slow_sources(db, web)
    status, _, err = _ctrl_c_once_served(
        _start(args, fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.2, fetch_timeout=5)), web, keys)
    assert status == -signal.SIGINT, err   # dead by it, after its clean-up and line (crawler/cli.py `main`)
    assert err.splitlines()[-1] == (
        "Stopped (Ctrl-C): what was stored before the stop is kept (a crawl so stopped is marked interrupted) and "
        f"every stage resumes where it stopped: run `citewatch {' '.join(args)} --db {env['CITEWATCH_DB']}` "
        "again to finish."), err
    assert "Aborted!" not in err and "Traceback" not in err
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"


def test_ctrl_c_while_a_watch_waits_between_runs_ends_it_with_its_runs_status(env, db):
    proc = _start(["watch", "--every", "1d"], env)
    try:
        said = []
        while not (said and said[-1].startswith("Next run at ") and "1d after this one began" in said[-1]):
            line = proc.stdout.readline()
            assert line, "the watch ended before waiting: " + "".join(said) + proc.stderr.read()
            said.append(line)
        while not _waiting(proc.pid):   # past the line, into the wait
            assert proc.poll() is None, "the watch ended before waiting: " + "".join(said) + proc.stderr.read()
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, out + err   # its one run finished, and nothing changed
    assert out.splitlines()[-1] == "Stopped between runs (Ctrl-C): every run finished and recorded its changes."
    assert err == ""
    assert database.open_db(env["CITEWATCH_DB"])["run_states"].count == 1


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_citewatch_crawl_stopped_by_sigterm_or_sighup_says_so_as_ctrl_c_does(web, env, db, db_path, tmp_path,
                                                                             signum):
    """`citewatch crawl` took SIGTERM and SIGHUP by their default action once its crawl's child
    had stopped: exit 128 + signal without a word, where Ctrl-C (and `citewatch run`) say what
    was kept and the command that resumes.  Its child still finishes the page begun."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(PAGES)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=crawl_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))   # (as a terminal's)
    try:
        _signal_once_served(proc, web, keys, 3, signum, group=False)
        said = " ".join(proc.communicate(timeout=120)[1].split())
    finally:
        proc.kill()
    assert proc.returncode == -signum, said   # dead by it, after its clean-up and line (crawler/cli.py `main`)
    assert said.endswith(f"Stopped ({signal.Signals(signum).name}): what was stored before the stop is kept (a crawl "
                         "so stopped is marked interrupted) and every stage resumes where it stopped: run "
                         f"`citewatch crawl --db {db_path}` again to finish."), said
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"
