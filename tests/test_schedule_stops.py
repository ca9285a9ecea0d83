"""A scheduled run stopped: SIGTERM outside its crawl (systemd's TimeoutStartSec) stops it as
Ctrl-C does; a hangup (SIGHUP), or the terminal it was typed in closing (129, one line), stops
it and the next run resumes its crawl; a run started to ignore hangups (`nohup`) has its crawl
ignore them too, and a disowned run (`setsid`) under a closed terminal ends its display while
its crawl finishes."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
import uuid

import pytest

from tests.clirun import SCHEDULED_RUN, cli_here, fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources
from tests.test_crawl_signals import _served
from tests.test_distributed import counters
from tests.test_wayback import Archive


def _run_with_a_page_begun(web, env, db, tmp_path, hangup, terminal: tuple[int, int] | None = None,
                           disowned: bool = False,
                           host_delay: float = 2) -> tuple[subprocess.Popen, dict, int, list[str]]:
    """`citewatch run --scheduled` in a session of its own (a signal to its group misses this
    test), with SIGHUP's disposition `hangup` (a terminal's default, or nohup's SIG_IGN), once
    the crawl has begun its first page: a body that trickles until the fetch times out, while
    the others wait out the host delay, queued (`host_delay`: 2 s holds them back until a stop
    takes effect; a test that stops nothing needs none).  With `terminal` (a
    pseudo-terminal's master and other side, pty.openpty), its standard input and output are the
    other side (closed here once given), its controlling terminal, as
    a command typed in a terminal has them (its progress bar drawn there: read meanwhile, so
    that it never waits for room), and its standard error a file, tmp_path/stderr.txt; with
    `disowned` too, a job started with setsid in that terminal: its standard error is the
    terminal as well, and the terminal is not its controlling one (its closing sends no SIGHUP).
    (The process, its environment, the page begun's source id, the keys of the pages queued.)"""
    key = uuid.uuid4().hex
    begun = f"{web['main']}/crawl/huge-announced?key={key}"
    keys = [f"{key}-{i}" for i in range(3)]
    ids = add_sources(db, [begun] + [f"{web['main']}/crawl/live?key={k}" for k in keys])   # (crawled in id order)
    run_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=host_delay, fetch_timeout=3, retries=0,
                       max_size=64 * 1024 * 1024)
    if terminal is None:
        proc = subprocess.Popen(SCHEDULED_RUN, cwd=ROOT, env=run_env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGHUP, hangup))
    else:
        master, side = terminal

        def in_the_terminal() -> None:   # a session of its own, the terminal its controlling one (unless disowned)
            os.setsid()
            if not disowned:
                fcntl.ioctl(0, termios.TIOCSCTTY, 0)
            signal.signal(signal.SIGHUP, hangup)

        with open(tmp_path / "stderr.txt", "w") as stderr:
            proc = subprocess.Popen(SCHEDULED_RUN, cwd=ROOT, env={**run_env, "TERM": "xterm"}, stdin=side,
                                    stdout=side, stderr=side if disowned else stderr, preexec_fn=in_the_terminal)
        os.close(side)
    while not counters(web).get(f"huge-announced:{key}"):   # its body is on the wire: begun
        if proc.poll() is not None:
            said = proc.stderr.read() if proc.stderr else (tmp_path / "stderr.txt").read_text()
            raise AssertionError(f"the run ended before its crawl began: {said}")
        if terminal is not None and select.select([master], [], [], 0)[0]:
            os.read(master, 65536)
        time.sleep(0.02)
    return proc, run_env, ids[begun], keys


def _resuming(run_env: dict) -> dict:
    """The environment of the run that resumes a stopped one: `_run_with_a_page_begun`'s without
    its host delay, which held the queued pages back until the stop took effect (with none, the
    stopped crawl fetched them all); nothing is stopped now, and it would only space the pages
    left, 2 s each."""
    return {**run_env, "CITEWATCH_HOST_DELAY": "0"}


def _terminal_closed_under(web, env, db, tmp_path, **options) -> tuple[int, dict, int, list[str]]:
    """`_run_with_a_page_begun` on a pseudo-terminal that then closes (its master: the kernel
    hangs the terminal up): the run's exit status, its environment, the page begun, the queued."""
    master, side = pty.openpty()
    try:
        proc, run_env, begun, keys = _run_with_a_page_begun(web, env, db, tmp_path, signal.SIG_DFL, (master, side),
                                                            **options)
    except BaseException:
        os.close(master)
        raise
    try:
        os.close(master)   # the terminal closes
        status = proc.wait(timeout=120)
    finally:
        proc.kill()
    return status, run_env, begun, keys


def test_a_scheduled_run_stopped_by_sigterm_outside_its_crawl_stops_as_by_ctrl_c(web, env, db, db_path, tmp_path):
    """systemd's TimeoutStartSec sends SIGTERM; at the archive stage (no crawl child to pass it
    to) the process was killed by it, silently, mid-stage.  Now: the one line of a stop, exit 143."""
    archive = Archive(web)
    archive.set(**{"available.hang": 60, "cdx.hang": 60})   # the archive stage waits on its first look-up
    add_sources(db, [f"{web['main']}/crawl/live?key={uuid.uuid4().hex}"])
    run_env = fast_env({**env, **archive.env(tmp_path, archive_timeout=60)}, web, tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "run", "--scheduled"], cwd=ROOT, env=run_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while not (archive.count("available") or archive.count("cdx")):   # the archive stage is waiting
            assert proc.poll() is None, "the run ended before the archive stage asked the archive"
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=120) == -signal.SIGTERM   # dead by it, after its clean-up
    finally:
        proc.kill()
    said = " ".join(proc.stderr.read().split())
    assert "Stopped (SIGTERM): what was stored before the stop is kept" in said, said
    assert f"run `citewatch run --scheduled --db {db_path}` again to finish." in said
    assert db.execute("select status from crawls").fetchone()[0] == "finished"   # the crawl before it, kept


@pytest.mark.parametrize("group", [False, True], ids=["to-citewatch", "to-its-group"])
def test_a_hangup_stops_a_scheduled_run_as_sigterm_does_and_the_next_run_resumes_its_crawl(web, env, db, tmp_path,
                                                                                          group):
    """A closed terminal's SIGHUP reached `citewatch run` (and, sent to its group, the crawl's
    child), which passed on only SIGINT and SIGTERM: the child was killed, the page it had
    begun lost.  Now it stops as by SIGTERM: the page begun is stored, the pages queued behind
    it are left, the crawl is interrupted, and the next run resumes it."""
    proc, run_env, begun, keys = _run_with_a_page_begun(web, env, db, tmp_path, signal.SIG_DFL)
    try:
        (os.killpg if group else os.kill)(proc.pid, signal.SIGHUP)
        assert proc.wait(timeout=120) == -signal.SIGHUP   # dead by it, after its clean-up
    finally:
        proc.kill()
    said = " ".join(proc.stderr.read().split())
    assert "Stopped (SIGHUP): what was stored before the stop is kept" in said, said
    assert [row[0] for row in db.execute("select status from crawls")] == ["interrupted"]
    stored = [row[0] for row in db.execute("select distinct source_id from fetches where purpose = 'live'")]
    assert stored == [begun]                                # the page begun: finished and stored
    assert _served(web, keys) == dict.fromkeys(keys, 0)     # the ones queued behind it: left for the next run

    again = cli_here(_resuming(run_env), "run", "--scheduled")   # (what it stores: called in this process)
    assert again.returncode == 0, again.stdout + again.stderr
    assert [row[0] for row in db.execute("select status from crawls")] == ["finished"]   # resumed, not a new crawl
    assert _served(web, keys) == dict.fromkeys(keys, 1)   # (each fetched once over both runs)
    assert db.execute("select count(*) from fetches where source_id = ?", [begun]).fetchone()[0] == 1   # nor it


def test_a_hangup_a_run_was_started_to_ignore_is_ignored_by_its_crawl_too(web, env, db, tmp_path):
    """`nohup citewatch run`: the crawl's child took its own handlers, and a hangup sent to the
    group would have stopped the crawl the user asked to outlive the terminal."""
    proc, _, _, keys = _run_with_a_page_begun(web, env, db, tmp_path, signal.SIG_IGN, host_delay=0)
    try:
        os.killpg(proc.pid, signal.SIGHUP)
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    finally:
        proc.kill()
    assert [row[0] for row in db.execute("select status from crawls")] == ["finished"]
    assert _served(web, keys) == dict.fromkeys(keys, 1)


def test_a_closed_terminal_stops_a_scheduled_run_with_129_and_one_line_and_the_next_run_resumes(web, env, db,
                                                                                               tmp_path):
    """The terminal `citewatch run --scheduled` was typed in closes (its pseudo-terminal's master:
    the kernel hangs the terminal up and sends SIGHUP): the progress bar's last drawing failed
    (OSError EIO: no terminal to write to), which ended the run with exit status 1 and a
    traceback, the crawl's child killed instead of told, its page begun lost.  Now the hangup
    stops the run as SIGTERM does: 129, its one line (on standard error, a file here, that can
    still be written), the page begun stored, the crawl interrupted, and the next run resumes."""
    status, run_env, begun, keys = _terminal_closed_under(web, env, db, tmp_path)
    said = (tmp_path / "stderr.txt").read_text()
    assert status == -signal.SIGHUP, said   # dead by it, after its clean-up and line
    assert "Traceback" not in said and "Stopped (SIGHUP): what was stored before the stop is kept" in said, said
    assert [row[0] for row in db.execute("select status from crawls")] == ["interrupted"]
    stored = [row[0] for row in db.execute("select distinct source_id from fetches where purpose = 'live'")]
    assert stored == [begun]                                # the page begun: finished and stored (the child told)
    assert _served(web, keys) == dict.fromkeys(keys, 0)

    again = cli_here(_resuming(run_env), "run", "--scheduled")   # (what it stores: called in this process)
    assert again.returncode == 0, again.stdout + again.stderr
    assert [row[0] for row in db.execute("select status from crawls")] == ["finished"]   # resumed, not a new crawl
    assert _served(web, keys) == dict.fromkeys(keys, 1)


def test_a_terminal_closed_under_a_disowned_run_ends_its_display_and_the_crawl_finishes(web, env, db, tmp_path):
    """`setsid citewatch run --scheduled` typed in a terminal, which then closes: no SIGHUP comes
    (not its controlling terminal; nor yet when a shell sends its own after the kernel's hangup),
    and the progress lines written to the closed terminal (OSError EIO) ended the run with exit
    status 1 and a traceback, the crawl's child killed, its page begun lost.  Now the display ends
    alone and the crawl finishes: every page fetched once, its crawl finished, no stop."""
    status, _, begun, keys = _terminal_closed_under(web, env, db, tmp_path, disowned=True, host_delay=0)
    assert status == 0                                      # no traceback (exit 1), no stop (129)
    assert [row[0] for row in db.execute("select status from crawls")] == ["finished"]
    stored = {row[0] for row in db.execute("select source_id from fetches where purpose = 'live' and final = 1")}
    assert begun in stored and len(stored) == 1 + len(keys)   # the page begun stored: the child finished it
    assert _served(web, keys) == dict.fromkeys(keys, 1)
