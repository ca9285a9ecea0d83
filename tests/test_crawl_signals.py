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
import time
import uuid
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.spiderrun import STOP_SIGNALS, _passed_on
from tests.conftest import ROOT
from tests.test_crawl import add_sources, crawl, fast_env, warc_file
from tests.test_distributed import counters

PAGES = 16


def _start_crawl(env: dict) -> subprocess.Popen:
    """`citewatch crawl` in a session of its own, so that a signal to its group misses this test,
    and with SIGINT's default, as a terminal's command has it (a suite started in the background
    ignores SIGINT, and its children would inherit that)."""
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


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
    (signal.SIGINT, False, 130),   # kill -INT, timeout -s INT: 128 + SIGINT, with its one line (crawler/cli.py)
    (signal.SIGTERM, False, 143),  # kill, a supervisor's stop: 128 + SIGTERM, as the signal's default says
    (signal.SIGINT, True, 130),    # a terminal's Ctrl-C reaches every process of the group
    (signal.SIGTERM, True, 143),   # systemd's stop (KillMode=control-group): the extraction workers get it too
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

    crawl({**crawl_env, "CITEWATCH_HOST_DELAY": "0"})  # the rest, without the delay that kept them queued

    crawls = list(db.query("select status from crawls"))
    assert crawls == [{"status": "finished"}]  # the interrupted crawl, resumed
    assert set(_served(web, keys).values()) == {1}  # every page fetched once over both runs
    stored = _live_rows(db)
    assert len(stored) == len({row["source_id"] for row in stored}) == PAGES
    assert _stored_responses(db) == _warc_responses(Path(env["CITEWATCH_DATA_DIR"]))


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
        assert proc.wait(timeout=120) == 130  # (the first signal's status)
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
