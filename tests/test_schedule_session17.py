"""Scheduled runs (session 17): a run killed while its changes file is written is not recorded,
`CITEWATCH_CHANGES_FILE=-` writes the changes to standard output, a SIGHUP stops a crawl as
SIGTERM does, the marker comes before a database's error, and the linger advice is a user unit's."""

from __future__ import annotations

import configparser
import fcntl
import json
import os
import pty
import pwd
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import termios
import time
import uuid

import pytest

from crawler import schedule
from crawler.config import load_config
from tests.clirun import cli_here
from tests.conftest import ROOT
from tests.factories import Factory
from tests.test_crawl import add_sources, fast_env
from tests.test_crawl_signals import _served
from tests.test_distributed import counters
from tests.test_schedule_session16 import MARKER, _recover_one, _units



SCHEDULED_RUN = [sys.executable, "-m", "crawler.cli", "run", "--scheduled"]   # (in ROOT) as cron starts it


def _with_a_change(db, db_path, env) -> int:
    """The factory's letter, a scheduled run recorded (the one compared with), then its failing
    source recovered: one change for the next scheduled run; that source's id."""
    f = Factory(db)
    ids = f.letter()
    config = load_config(env={}, db=str(db_path), data_dir=env["CITEWATCH_DATA_DIR"])
    assert schedule.after_run(db, config, scheduled=True) == 0
    _recover_one(db, f, ids)
    # next checked in years: the scheduled runs crawl nothing, and no crawl of the factory's
    # unreachable URLs makes them offline (exit status 4)
    db.execute("update sources set next_check = '2100-01-01T00:00:00+00:00'")
    return ids["failing"]["source"]


def test_a_run_killed_while_writing_its_changes_file_is_not_recorded_and_the_next_reports_them(db, db_path, env,
                                                                                              tmp_path):
    """The run was recorded (committed), then its changes file written: a kill -9 between the
    two lost the changes for good (the next run compared with the killed one).  The changes
    file here is a named pipe nobody reads, smaller than the changes: the run blocks in the
    write, and is killed there."""
    source = _with_a_change(db, db_path, env)
    long_url = "https://example.org/" + "a-long-path/" * 800   # the changes: more than the pipe holds
    db["sources"].update(source, {"url": long_url})
    fifo = tmp_path / "changes.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)   # open: the run's open of the pipe does not wait
    try:
        assert fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, 4096) < len(long_url)
        proc = subprocess.Popen(SCHEDULED_RUN, cwd=ROOT, env={**env, "CITEWATCH_CHANGES_FILE": str(fifo)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not select.select([reader], [], [], 0.1)[0]:   # the first bytes: the pipe is full, the run waits
                assert proc.poll() is None, "the run ended before it wrote its changes"
            proc.kill()
            proc.wait(timeout=60)
        finally:
            proc.kill()
    finally:
        os.close(reader)
    assert db.execute("select count(*) from run_states").fetchone()[0] == 1   # the killed run: not recorded

    again = cli_here(env, "run", "--scheduled")
    assert again.returncode == schedule.EXIT_CHANGED, again.stderr
    written = json.loads((tmp_path / "data" / "changes.json").read_text())
    assert [item["source_id"] for item in written["recovered"]] == [source]


def _json_printed(output: str) -> dict:
    """The JSON object a run printed among its lines: from a line "{" to the next line "}"."""
    lines = output.splitlines()
    start = lines.index("{")
    return json.loads("\n".join(lines[start:lines.index("}", start) + 1]))


def test_a_changes_file_of_dash_is_standard_output_which_cron_mails(db, db_path, env, tmp_path):
    """`CITEWATCH_CHANGES_FILE=-` wrote the JSON to standard output, undocumented, and the run
    ended "Changes file: -".  Documented now: the JSON among the run's lines, said so, no file."""
    source = _with_a_change(db, db_path, env)
    result = cli_here({**env, "CITEWATCH_CHANGES_FILE": "-"}, "run", "--scheduled")
    assert result.returncode == schedule.EXIT_CHANGED, result.stderr
    written = _json_printed(result.stdout)
    assert [item["source_id"] for item in written["recovered"]] == [source] and written["scheduled"] is True
    lines = result.stdout.splitlines()
    assert lines.index("}") < lines.index(next(line for line in lines if line.startswith("  recovered: ")))
    assert lines[-1] == "Changes file: standard output (the JSON above)"
    assert json.loads((tmp_path / "data" / "changes.json").read_text())["first_run"]   # the run before's, as it was
    assert not (ROOT / "-").exists()


@pytest.mark.parametrize("refused", ["missing", "empty"])
def test_a_scheduled_run_logs_its_marker_before_a_refused_databases_error(tmp_path, refused):
    """The marker came once the database was open: cron's log of a run whose database was gone
    (or refused) held its error line alone, under the previous run's lines.  As cron logs it:
    standard output and error appended to one file."""
    db_path, data = tmp_path / "cw.db", tmp_path / "data"
    if refused == "empty":
        db_path.write_bytes(b"")
    log = tmp_path / "scheduled.log"
    with log.open("ab") as appended:
        result = subprocess.run([*SCHEDULED_RUN, "--db", str(db_path), "--data-dir", str(data)], cwd=ROOT,
                                stdout=appended, stderr=subprocess.STDOUT, timeout=120)
    assert result.returncode == 1
    lines = log.read_text().splitlines()
    assert re.fullmatch(MARKER + re.escape(f"citewatch run --scheduled --db {db_path} --data-dir {data}"), lines[0])
    assert len(lines) == 2 and lines[1].startswith(f"Error: {'no database at ' if refused == 'missing' else ''}{db_path}")


def test_system_units_get_no_linger_advice_and_are_enabled_without_user(tmp_path):
    """`--systemd /etc/systemd/system` was told to enable with `systemctl --user` and to run
    `loginctl enable-linger`, which only a user's timer needs.  Written in a mount namespace of
    its own, over a folder of this test's: the machine's /etc/systemd/system is left alone."""
    import db as database

    if os.geteuid() != 0 or not shutil.which("unshare") or subprocess.run(
            ["unshare", "--mount", "true"], capture_output=True).returncode:
        pytest.skip("a mount namespace of its own needs root and unshare")
    units = tmp_path / "units"
    units.mkdir()
    database.open_db(tmp_path / "cw.db").close()
    system = "/etc/systemd/system"
    script = (f"mount --bind {shlex.quote(str(units))} {system} && exec {shlex.quote(sys.executable)} -m crawler.cli "
              f"schedule --systemd {system} --every 1d --db {shlex.quote(str(tmp_path / 'cw.db'))}")
    result = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in units.iterdir()) == ["citewatch.service", "citewatch.timer"]
    assert "Enable with: systemctl daemon-reload && systemctl enable --now citewatch.timer" in result.stdout
    assert "--user" not in result.stdout and "enable-linger" not in result.stdout, result.stdout


def test_user_units_keep_their_advice(runner, tmp_path, monkeypatch):
    """A folder of no system path (~/.config/systemd/user, or one the units are copied from) is a user's."""
    _, output = _units(runner, tmp_path, monkeypatch, "1d")
    assert "Enable with: systemctl --user daemon-reload && systemctl --user enable --now citewatch.timer" in output
    assert "loginctl enable-linger" in output


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


def test_a_changes_file_that_cannot_be_written_fails_a_watched_run_and_the_watch_goes_on(db, db_path, env):
    """The recording (with its changes file) came after the watch's `except`: one unwritable
    changes file ended a watch meant to run for months, with a traceback.  Now it is a failed
    run, said in its one line; the next run goes on, reports the same changes again (the run
    was not recorded), and the watch exits 1 (a run failed: README's exit statuses)."""
    _with_a_change(db, db_path, env)
    result = cli_here({**env, "CITEWATCH_CHANGES_FILE": "/proc/nope/x.json"}, "watch", "--max-runs", "2", "--every", "1s")
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    for run in (1, 2):
        assert f"run {run} failed: cannot write the changes file /proc/nope/x.json (No such file or directory): " \
               "set changes_file (CITEWATCH_CHANGES_FILE) to a writable file; this run is not recorded" in output, output
    assert output.count("recovered: ") == 2   # said by each run: the first was not recorded
    assert db.execute("select count(*) from run_states").fetchone()[0] == 1   # (the run before the watch's)


def _service(text: str) -> configparser.ConfigParser:
    """A unit file's sections, as systemd reads them (repeated keys: the last)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read_string(text)
    return parser


def test_a_system_service_runs_as_the_owner_of_its_folder_once_the_network_is_up(tmp_path, monkeypatch):
    """A system unit had no User=: written with sudo for a user's data folder, every run went as
    root, leaving root's files in that folder; and it waited for no network, which a system unit
    can (a user unit cannot: its comment said so, for both)."""
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    folder = tmp_path / "data"
    folder.mkdir()
    os.chown(folder, pwd.getpwnam("nobody").pw_uid, -1)
    monkeypatch.chdir(folder)
    config = load_config(env={})
    system = _service(schedule.systemd_units(config, 86400, system=True)["citewatch.service"])
    assert system["Service"]["User"] == "nobody"
    assert system["Unit"]["After"] == system["Unit"]["Wants"] == "network-online.target"
    user = _service(schedule.systemd_units(config, 86400)["citewatch.service"])
    assert "User" not in user["Service"] and "After" not in user["Unit"]


def test_a_system_service_in_root_s_folder_names_no_user(tmp_path, monkeypatch):
    """root's own folder: no User= (root is what a system unit runs as)."""
    if os.geteuid() != 0:
        pytest.skip("a folder of root's is made by root")
    monkeypatch.chdir(tmp_path)
    service = _service(schedule.systemd_units(load_config(env={}), 86400, system=True)["citewatch.service"])
    assert "User" not in service["Service"] and service["Unit"]["After"] == "network-online.target"
