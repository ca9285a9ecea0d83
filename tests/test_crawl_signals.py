"""SIGINT or SIGTERM to `citewatch crawl`, alone (`kill`, `timeout -s INT`, a supervisor) or with
its whole group (a terminal's Ctrl-C, a systemd stop): the crawl stops after the pages it has
begun, stores every page it fetched, is marked interrupted, and a re-run fetches only the rest.

How many pages the crawl fetched after the signal is counted by the test web itself (each
/crawl/live request counts under its key), never by the clock.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.cli import cli
from crawler.spiderrun import STOP_SIGNALS, _passed_on
from tests.clirun import crawl_here, fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources, warc_file
from tests.test_distributed import counters

PAGES = 16


# The console script pip installed (pyproject.toml's [project.scripts]), as a user types `citewatch`.
CITEWATCH = Path(sys.executable).parent / "citewatch"


def _start_crawl(env: dict, command: tuple[str, ...] = (sys.executable, "-m", "crawler.cli"),
                 stderr=subprocess.DEVNULL) -> subprocess.Popen:
    """`citewatch crawl` (`command`: python -m crawler.cli, or CITEWATCH) in a session of its own,
    so that a signal to its group misses this test, and with SIGINT's default, as a terminal's
    command has it (a suite started in the background ignores SIGINT, and its children would
    inherit that)."""
    return subprocess.Popen([*command, "crawl"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _served(web: dict, keys: list[str]) -> dict[str, int]:
    """How many times the test web answered each key's /crawl/live page."""
    counted = counters(web)
    return {key: len(counted.get(f"live:{key}", [])) for key in keys}


def _signal_once_served(proc: subprocess.Popen, web: dict, keys: list[str], at_least: int, signum: int,
                        group: bool) -> int:
    """Send `signum` once `at_least` pages were served; the number served by then."""
    while (served := sum(_served(web, keys).values())) < at_least:
        assert proc.poll() is None, "the crawl ended before it could be stopped"
        time.sleep(0.02)
    (os.killpg if group else os.kill)(proc.pid, signum)
    return served


def _warc_responses(data_dir: Path) -> set[tuple[str, int]]:
    """(file name, offset) of every response record but robots.txt's, in every WARC of the crawl."""
    found = set()
    for path in (data_dir / "warc").glob("*.warc.gz"):
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type == "response" and not record.rec_headers.get("WARC-Target-URI").endswith("/robots.txt"):
                    found.add((path.name, records.get_record_offset()))
    return found


def _stored_responses(db) -> set[tuple[str, int]]:
    """(file name, offset) of the response record every fetches row points at."""
    rows = db.query("select crawl_id, warc_path, warc_offset from fetches where warc_path is not null")
    return {(warc_file(db, row).name, row["warc_offset"]) for row in rows}


def _live_rows(db) -> list[dict]:
    return list(db.query("select source_id, requested_url from fetches where purpose = 'live' and final = 1"))


@pytest.mark.parametrize(("signum", "group", "exit_code"), [
    # dead by the signal after its clean-up and its one line (crawler/cli.py `main`): the shell's 128 + signal
    (signal.SIGINT, False, -signal.SIGINT),    # kill -INT, timeout -s INT
    (signal.SIGTERM, False, -signal.SIGTERM),  # kill, a supervisor's stop
    (signal.SIGINT, True, -signal.SIGINT),     # a terminal's Ctrl-C reaches every process of the group
    (signal.SIGTERM, True, -signal.SIGTERM),   # systemd's stop (KillMode=control-group): the extraction workers get it too
], ids=["sigint", "sigterm", "ctrl-c-to-the-group", "sigterm-to-the-group"])
def test_a_signalled_crawl_stops_after_the_pages_begun_keeps_them_and_a_re_run_fetches_the_rest(
        web, env, db, tmp_path, signum, group, exit_code):
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(PAGES)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    # one page at a time, a host delay between: most pages still queued when the signal comes, and
    # the signal reaches the crawl before two more delays are over even on a busy machine (0.2 s
    # left a stalled test or crawl 0.4 s to read the count, signal, and stop sending)
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    proc = _start_crawl(crawl_env)
    try:
        served_at_signal = _signal_once_served(proc, web, keys, 3, signum, group)
        assert proc.wait(timeout=120) == exit_code
    finally:
        proc.kill()
    served = _served(web, keys)
    # the page on the wire (and one that began as the signal went) finished; the queued ones were not fetched
    assert sum(served.values()) - served_at_signal <= 2 < PAGES - served_at_signal
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"
    stored = _live_rows(db)
    assert len(stored) == sum(served.values())  # every page served was stored: none fetched for nothing
    assert _stored_responses(db) == _warc_responses(Path(env["CITEWATCH_DATA_DIR"]))  # and no orphan record

    # the rest, without the delay that kept them queued (what the re-run stores, not its process:
    # called in this process)
    crawl_here({**crawl_env, "CITEWATCH_HOST_DELAY": "0"})

    crawls = list(db.query("select status from crawls"))
    assert crawls == [{"status": "finished"}]  # the interrupted crawl, resumed
    assert set(_served(web, keys).values()) == {1}  # every page fetched once over both runs
    stored = _live_rows(db)
    assert len(stored) == len({row["source_id"] for row in stored}) == PAGES
    assert _stored_responses(db) == _warc_responses(Path(env["CITEWATCH_DATA_DIR"]))


def test_the_installed_citewatch_stopped_by_ctrl_c_mid_crawl_dies_by_sigint_after_its_line(web, env, db, tmp_path):
    """It exited 130, a normal exit to the shell: bash took the Ctrl-C as handled by the command
    and ran the next one of a loop (`for d in *.txt; do citewatch run "$d"; done`).  Now, its
    clean-up done (the crawl interrupted, its line said), it dies by SIGINT: the shell's `$?` is
    still 130, and the loop stops (tests/test_cli_stops_die_by_signal.py)."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(PAGES)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    with (tmp_path / "stderr.txt").open("w") as errors:
        proc = _start_crawl(crawl_env, (str(CITEWATCH),), errors)
    try:
        _signal_once_served(proc, web, keys, 3, signal.SIGINT, group=False)
        assert proc.wait(timeout=120) == -signal.SIGINT
    finally:
        proc.kill()
    said = " ".join((tmp_path / "stderr.txt").read_text().split())
    assert said.endswith(f"Stopped (Ctrl-C): what was stored before the stop is kept (a crawl so stopped is marked "
                         f"interrupted) and every stage resumes where it stopped: run `citewatch crawl --db "
                         f"{env['CITEWATCH_DB']}` again to finish."), said
    assert "Traceback" not in said
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"


def test_cli_itself_stopped_by_ctrl_c_exits_130_and_its_caller_lives_on(web, env, db, tmp_path, runner,
                                                                         callers_handlers):
    """Only the console entry (crawler/cli.py `main`) dies by the signal that stopped its command:
    `cli` called in a process (CliRunner, a script) exits 130 as before, and the process goes on.
    The Ctrl-C is a real SIGINT to this process, sent once the crawl has fetched pages."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(PAGES)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    ended = threading.Event()

    def ctrl_c_once_served() -> None:
        while sum(_served(web, keys).values()) < 3 and not ended.is_set():
            time.sleep(0.02)
        if not ended.is_set():   # (a crawl that ended first is told nothing: the test fails below)
            os.kill(os.getpid(), signal.SIGINT)

    sender = threading.Thread(target=ctrl_c_once_served, daemon=True)
    sender.start()
    try:
        result = runner.invoke(cli, ["crawl"], env=crawl_env)
    finally:
        ended.set()
        sender.join()
    assert result.exit_code == 130, result.output
    assert "Stopped (Ctrl-C): what was stored before the stop is kept" in " ".join(result.output.split())
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler   # this process's own, back


def test_a_second_signal_stops_at_once_without_waiting_for_the_page_begun(web, env, db, tmp_path):
    key = uuid.uuid4().hex
    # a 429, then to the browser's retry no answer for 30 s: a page begun that a first signal alone
    # would wait for, and then store
    url = f"{web['main']}/crawl/rate-then-silent?key={key}&hold=30"
    add_sources(db, [url])
    proc = _start_crawl(fast_env(env, web, tmp_path, fetch_timeout=60, retries=0))
    try:
        while len(counters(web).get(f"rate-then-silent:{key}", [])) < 2:  # the retry is on the wire
            assert proc.poll() is None, "the crawl ended before it could be stopped"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGINT)
        os.kill(proc.pid, signal.SIGTERM)  # (a second SIGINT sent at once would merge with the first, pending)
        assert proc.wait(timeout=120) == -signal.SIGINT  # (dead by the first signal)
    finally:
        proc.kill()
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"
    assert db.execute("select count(*) from fetches").fetchone()[0] == 0


class _Caller(Exception):
    """What the caller's own SIGTERM handler raises (as a CLI's or the demo's would)."""


def _callers_handler(signum, _frame):
    raise _Caller(signum)


def _sleeper():
    """A real child process that would outlive the test unless it is told to stop."""
    child = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(60,))
    child.start()
    return child


@pytest.fixture
def callers_handlers():
    """The caller's handlers for the stop signals: SIGTERM its own; SIGINT Python's."""
    before = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    signal.signal(signal.SIGTERM, _callers_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield {signal.SIGTERM: _callers_handler, signal.SIGINT: signal.default_int_handler}
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def test_a_signal_while_the_child_crawls_stops_it_then_reaches_the_callers_handler_which_is_back(callers_handlers):
    # `citewatch run` crawls, then archives, in one process: each stage's handlers must be its own again
    child = _sleeper()
    with pytest.raises(_Caller):
        with _passed_on(child):
            os.kill(os.getpid(), signal.SIGTERM)
            child.join(30)
    assert child.exitcode == -signal.SIGTERM  # passed on as SIGTERM, the one stop the crawl's child takes
    assert {signum: signal.getsignal(signum) for signum in STOP_SIGNALS} == callers_handlers


def test_the_callers_handlers_are_back_after_a_crawl_that_failed_and_no_signal_is_made_up(callers_handlers):
    child = _sleeper()
    try:
        with pytest.raises(ZeroDivisionError):
            with _passed_on(child) as stops:
                1 / 0
    finally:
        child.kill()
        child.join()
    assert stops == []
    assert {signum: signal.getsignal(signum) for signum in STOP_SIGNALS} == callers_handlers
