"""Every command ends alike (session 18): SIGTERM and SIGHUP stop any command that runs a stage
as Ctrl-C does, with the "Stopped (SIG…)" line and 128 + signal, its clean-up run (an archive
stage mid-request, reconcile's upserts mid-write), and a re-run finishes with no row lost or
written twice; a standard output that cannot be written (a full disk behind `>`, a reader that
closed the pipe) ends the command in one line, or quietly for the pipe, never in a traceback,
and what the stages stored stays stored.  Real subprocesses, a real test archive and database."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import db as database
from tests.conftest import LETTER, ROOT
from tests.factories import Factory
from tests.test_archive import Seed, _jobs
from tests.test_distributed import citewatch, wait_for

STATEMENTS = 300   # reconcile's: many more than it can check between its first progress line and the test's lock


def _stopped_line(signum: int, command: str) -> str:
    return (f"Stopped ({signal.Signals(signum).name}): what was stored before the stop is kept (a crawl so stopped "
            f"is marked interrupted) and every stage resumes where it stopped: run `{command}` again to finish.")


def _checks(db_path: Path) -> list[tuple]:
    """Every quote_checks row but the moment it was written: (statement, scope, text, verdict, score)."""
    with sqlite3.connect(db_path) as conn:
        return sorted(conn.execute("select statement_id, scope, coalesce(text_id, 0), verdict, score "
                                   "from quote_checks").fetchall())


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_reconcile_stopped_mid_write_says_so_and_a_re_run_leaves_every_row_once(db, db_path, env, tmp_path, signum):
    """`citewatch reconcile` ended by the signal's default action: no line, no 128 + signal said
    by the command.  The signal comes while its upsert waits for the write lock the test holds
    (so it lands mid-stage whatever the machine's speed); the statement being written is rolled
    back whole, and the re-run writes exactly what an uninterrupted run writes."""
    factory = Factory(db)
    document = factory.document()
    for seq in range(1, STATEMENTS + 1):
        factory.statement(document, seq, "Ruritania", f"We are deeply concerned, statement {seq}.")
    db.conn.close()
    reference = tmp_path / "reference.db"
    shutil.copy(db_path, reference)
    env = {**env, "CITEWATCH_WRITE_WAIT": "600"}   # the upsert waits for the test's lock: the signal lands in it

    proc = citewatch(env, "reconcile")   # (its output and errors on one pipe)
    try:
        first = proc.stdout.readline()   # a console that is no terminal: "reconcile: 1/300 (0%)" once one is stored
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
    assert proc.returncode == 128 + signum, said
    assert said.endswith(_stopped_line(signum, f"citewatch reconcile --db {db_path}")), said
    assert "Traceback" not in said
    stopped = _checks(db_path)
    assert 0 < len({row[0] for row in stopped}) < STATEMENTS   # stopped mid-stage, what it stored kept

    again = subprocess.run([sys.executable, "-m", "crawler.cli", "reconcile"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    whole = subprocess.run([sys.executable, "-m", "crawler.cli", "reconcile", "--db", str(reference)], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=300)
    assert whole.returncode == 0, whole.stderr[-2000:]
    assert _checks(db_path) == _checks(reference)   # every row once, as a run never stopped writes them
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
    assert proc.returncode == 128 + signal.SIGTERM, said
    assert said.endswith(_stopped_line(signal.SIGTERM, f"citewatch archive --db {env['CITEWATCH_DB']}")), said
    assert "Traceback" not in said
    statuses = [job["status"] for job in _jobs(database.open_db(db_path)).values()]
    assert "done" in statuses and "pending" in statuses   # the one on the wire: its capture may exist
    # (the archive records the capture it was sent once its slow answer is over)
    wait_for(lambda: sum(archive.count(f"captured:{url}") for url in urls) == archive.count("save-requests"),
             what="the capture on the wire")

    archive.set(**{"save.slow": 0})
    again = subprocess.run([sys.executable, "-m", "crawler.cli", "archive"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=120)
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
