"""Running a `citewatch` command from a test: in a subprocess, as a user runs it (`crawl`), or
in the test's own process (`cli_here`, `crawl_here`), with a crawl shrunk to fractions of a
second (`fast_env`); a scheduled run as cron starts it (`SCHEDULED_RUN`), and the marker line each
such run's log begins with (`MARKER`).

Most of the suite's time is process start-up: each subprocess starts the interpreter and the
CLI's imports (~0.4-0.7 s of CPU) and, for a crawl, the server its child forks from (Scrapy's and
the extraction workers' imports, ~1.5 s more), which a command run in this process starts once
per test process.  So a test of what a
command stores or says calls it here (`cli_here`, `crawl_here`); a test of the process itself
keeps the subprocess: signals, an exit by a signal (crawler/cli.py `main`'s `die_by_stop`, which
`cli` never does), a terminal, what a crawl's child prints on its stderr (a child forked here
prints to this process's stderr, not to the result), the command as typed in its advice (its
sys.argv), two processes racing each other.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import traceback
import urllib.request

from click.testing import CliRunner

from crawler.cli import cli
from tests.conftest import ROOT

SCHEDULED_RUN = [sys.executable, "-m", "crawler.cli", "run", "--scheduled"]   # (in ROOT) as cron starts it
# The one line a run begins with in a log: the UTC time (db.now), then the command.
MARKER = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00 · "


def fast_env(env: dict, web: dict, tmp_path, **overrides) -> dict:
    """The fixture's environment with a crawl shrunk to fractions of a second."""
    ca = tmp_path / "test-ca.pem"
    ca.write_bytes(urllib.request.urlopen(web["main"] + "/crawl/tls-ca.pem").read())
    settings = dict(
        host_delay="0", fetch_timeout="1", retries="1", retry_backoff="0.01", autothrottle="0",
        retry_after_default="0.05", retry_after_cap="1", max_size=str(2 * 1024 * 1024), extract_workers="1",
        per_host_concurrency="4", ca_bundle=str(ca),
    )
    settings.update({k: str(v) for k, v in overrides.items()})
    return {**env, **{f"CITEWATCH_{k.upper()}": v for k, v in settings.items()}}


def crawl(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`citewatch crawl` in a subprocess, as a user runs it."""
    result = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def cli_here(env: dict, *args: str) -> subprocess.CompletedProcess:
    """`citewatch <args>` called in this process (CliRunner), in exactly `env` as a subprocess
    given `env` runs, and answered as one (an exception's traceback in its stderr): for a test
    of what a command stores or says.  Not for a test of its process, which needs a real one:
    signals, an exit by a signal, a terminal, what a crawl's child prints on its stderr (a child
    forked here writes to this process's stderr, not to the result), the command as typed that
    its advice names (crawler/run.py `this_command` reads sys.argv: here, pytest's), two
    processes racing (this one runs one command at a time, in this process's environment).
    It spares the interpreter's start and the command's imports, and after
    this process's first crawl the imports of the server a crawl's child forks from
    (crawler/spiderrun.py `child_context`): about 2 s of CPU a command.  A command still
    running after `crawl`'s timeout is stopped by a SIGTERM to this process, as a stop from
    outside: its test fails, the suite does not hang."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    stop = threading.Timer(300, os.kill, (os.getpid(), signal.SIGTERM))
    stop.daemon = True
    stop.start()
    try:
        invoked = CliRunner().invoke(cli, list(args))
    finally:
        stop.cancel()
        os.environ.clear()
        os.environ.update(saved)
    stderr = invoked.stderr
    if invoked.exception is not None and not isinstance(invoked.exception, SystemExit):
        stderr += "".join(traceback.format_exception(invoked.exception))
    return subprocess.CompletedProcess(["citewatch", *args], invoked.exit_code, invoked.stdout, stderr)


def crawl_here(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`crawl`, called in this process (`cli_here`): for a test of what a crawl stores or says
    (not of its process: `cli_here` says which tests keep `crawl`)."""
    result = cli_here(env, "crawl", *args)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result
