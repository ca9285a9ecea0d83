"""A command stopped by a signal dies by it, after its clean-up and its line (crawler/cli.py
`main`), as the Unix convention asks (Cracauer, "Proper handling of SIGINT/SIGQUIT"): a shell
loop then stops at Ctrl-C, where an exit 130 made bash take the Ctrl-C as handled and run the
next command.  The stops that are the command's own clean end (Ctrl-C while a watch waits
between runs: tests/test_cli_stops.py; any stop while `demo --serve` serves) exit as before.

Real processes: the installed `citewatch` console script, bash, the test web; the moment of each
signal is read from the test web's counters or the command's own output, never from the clock.
"""

from __future__ import annotations

import shlex
import signal
import subprocess
import time
import uuid

import pytest

from tests.clirun import fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources
from tests.test_cli_stops import _waiting
from tests.test_crawl_signals import CITEWATCH, _signal_once_served
from tests.test_demo import demo_env
from tests.test_distributed import _as_typed, citewatch


def _said_until(proc: subprocess.Popen, ending: str) -> list[str]:
    """The lines `proc` wrote (its output and errors on one pipe) up to the first holding `ending`."""
    said = []
    while not (said and ending in said[-1]):
        line = proc.stdout.readline()
        assert line, f"it ended before saying {ending!r}: " + "".join(said)
        said.append(line)
    return said


def test_ctrl_c_to_a_shell_loop_stops_the_loop_not_only_its_citewatch(web, env, db, tmp_path):
    """`for n in 1 2; do citewatch crawl; done` and a terminal's Ctrl-C (SIGINT to the whole
    foreground group, bash included): bash saw its citewatch exit 130, took the Ctrl-C as handled
    by it (bash's wait-and-cooperative-exit), and started the second.  Now citewatch dies by
    SIGINT once its crawl is interrupted, and bash dies by it too: no second run."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(16)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    errors = tmp_path / "stderr.txt"
    loop = (f'for n in 1 2; do echo "run $n"; {shlex.quote(str(CITEWATCH))} crawl >/dev/null 2>>{shlex.quote(str(errors))}; '
            'done; echo "the loop ended"')
    # in a session of its own, as a terminal's foreground job: a Ctrl-C reaches the group, bash and all
    shell = subprocess.Popen(["bash", "-c", loop], cwd=ROOT, env=crawl_env, stdout=subprocess.PIPE, text=True,
                             start_new_session=True, preexec_fn=_as_typed)
    try:
        _signal_once_served(shell, web, keys, 3, signal.SIGINT, group=True)
        out, _ = shell.communicate(timeout=120)
    finally:
        shell.kill()
    assert out.splitlines() == ["run 1"], out + errors.read_text()   # the second never started
    assert shell.returncode == -signal.SIGINT                         # bash too died by it, as a loop typed does
    assert "Stopped (Ctrl-C): what was stored before the stop is kept" in " ".join(errors.read_text().split())
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_a_watch_killed_between_runs_dies_by_the_signal_after_its_line(env, db, signum):
    """A `kill` (a service manager's stop) or a hangup is not the user's Ctrl-C that ends a watch
    between runs as --max-runs would: the watch stops as at any other moment, its line said, and
    dies by the signal (a service manager counts that as a clean stop; an exit 3 after a run that
    found changes, as a failure)."""
    proc = citewatch({**env, "PYTHONUNBUFFERED": "1", "COLUMNS": "300"}, "watch", "--every", "1d")
    try:
        _said_until(proc, "1d after this one began")
        while not _waiting(proc.pid):   # past the line, into the wait
            assert proc.poll() is None, proc.stdout.read()
            time.sleep(0.02)
        proc.send_signal(signum)
        out, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == -signum, out
    assert out.splitlines()[-1] == (
        f"Stopped ({signal.Signals(signum).name}): what was stored before the stop is kept (a crawl so stopped is "
        f"marked interrupted) and every stage resumes where it stopped: run `citewatch watch --every 1d --db "
        f"{env['CITEWATCH_DB']}` again to finish."), out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["sigterm", "sighup"])
def test_demo_serve_killed_while_serving_ends_as_ctrl_c_ends_it(tmp_path, signum):
    """`demo --serve` serves until it is stopped: that is its end, its files whole.  Ctrl-C ended
    it with exit 0 (tests/test_demo.py); a `kill` or a hangup said "Stopped (SIGTERM): the demo's
    files so far …" and exited 143 or 129.  Now every stop while it serves ends it alike: the
    local web stopped, exit 0, no self-kill."""
    proc = citewatch({**demo_env(), "PYTHONUNBUFFERED": "1"}, "demo", "--dir", str(tmp_path / "demo"), "--serve")
    try:
        _said_until(proc, "press Ctrl-C to stop it")
        proc.send_signal(signum)
        out, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, out
    assert out.splitlines()[-1] == "The local web is stopped; the report's links no longer open.", out
    assert "Stopped (" not in out and "Traceback" not in out
