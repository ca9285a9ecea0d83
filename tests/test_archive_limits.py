"""The archive's limits: one lookup budget for the CDX and the availability API whatever
their host names, each host's own Retry-After, and one archive stage per database at a time.

Spacing is read off the test archive's request log (the time each request arrived), never
off the test's own clock; the two-process test runs `citewatch archive` twice for real.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

import db as database
from tests.test_archive import Seed, _jobs
from tests.test_wayback import CITED, ROOT_DIR

URL = "https://gov.example/statement-1"


def _renamed(base: str, host: str) -> str:
    """The test archive's base URL under another host name (pinned to 127.0.0.1 by resolve_hosts)."""
    parts = urlsplit(base)
    return f"{parts.scheme}://{host}:{parts.port}{parts.path}"


def _two_names(archive, tmp_path, **settings):
    """A client whose CDX is at web.archive.example and availability API at archive.example,
    as IA's are at web.archive.org and archive.org: both the one test archive underneath."""
    return archive.client(tmp_path, wayback_url=_renamed(archive.base, "web.archive.example"),
                          availability_url=_renamed(archive.base, "archive.example"),
                          resolve_hosts="web.archive.example=127.0.0.1,archive.example=127.0.0.1,*=fail", **settings)


def test_cdx_and_availability_on_two_host_names_share_one_lookup_budget(archive, tmp_path):
    per_minute = 300.0                                  # one lookup every 0.2 s, CDX and availability together
    wayback = _two_names(archive, tmp_path, cdx_per_minute=per_minute)
    for _ in range(3):
        assert wayback.closest(URL, CITED)
        assert wayback.captures(URL)
    counters = archive.counters()
    assert len(counters["available"]) == 3 and len(counters["cdx"]) == 3
    times = sorted(counters["available"] + counters["cdx"])
    # the span of the six arrivals, not the smallest gap: one request late to the server on a
    # loaded machine shortens the gap after it; two budgets (one per host) would take ~0.4 s
    assert times[-1] - times[0] >= 0.75 * (len(times) - 1) * 60 / per_minute


def test_a_retry_after_from_the_availability_host_holds_back_that_host(archive, tmp_path):
    archive.set(**{"available.429": 1, "available.retry_after": 0.5})
    wayback = _two_names(archive, tmp_path)
    assert wayback.closest(URL, CITED).timestamp == "20200402100000"   # asked again once the pause was over
    assert archive.count("available") == 2 and archive.count("violations") == 0
    # the rescue's replays wait for it too: the client reports the pause of either host
    assert wayback.blocked_until() >= wayback.availability_gate.host.until > 0
    assert wayback.lookup_gate.host.until == 0            # the CDX's host got no Retry-After: not paused


def test_a_second_archive_stage_on_the_same_database_steps_aside_in_one_line(archive, tmp_path, db):
    seed = Seed(db)
    urls = [f"https://busy-{archive.ns}.example/page-{i}" for i in range(2)]
    for url in urls:
        seed.source(url)
    archive.set(**{"available.slow": 30})               # the first run's first lookup holds it busy
    env = {**os.environ, **archive.env(tmp_path, rescue_live=0, archive_timeout=60)}
    command = [sys.executable, "-m", "crawler.cli", "archive"]
    first = subprocess.Popen(command, env=env, cwd=ROOT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):                           # until its first lookup has reached the archive
            if archive.count("available") >= 1 or first.poll() is not None:
                break
            time.sleep(0.05)
        assert first.poll() is None, first.stderr.read().decode()[-2000:]
        before = archive.counters()                    # the first now waits on its slow lookup: it sends nothing
        impatient = {**env, **archive.env(tmp_path, rescue_live=0, archive_timeout=1)}   # were it let through
        second = subprocess.run(command, env=impatient, cwd=ROOT_DIR, capture_output=True, text=True, timeout=60)
        assert first.poll() is None                    # the first still held the stage throughout
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert second.returncode == 1 and "Traceback" not in second.stderr, second.stderr[-2000:]  # it did not run
    said = " ".join(second.stderr.split())
    assert said.startswith("Error: ")
    assert (f"the archive stage is already running on {(tmp_path / 'test.db').resolve()} "
            f"(process {first.pid}: citewatch archive)") in said
    # the command as typed: CITEWATCH_DB (archive.env's) as its --db (tests/test_stage_locks.py)
    assert f"run `citewatch archive --db {env['CITEWATCH_DB']}` again once it ends" in said
    assert archive.counters() == before                # the second sent nothing
    assert _jobs(database.open_db(tmp_path / "test.db")) == {}
    # the killed first run left no lock behind: the next run does the whole stage
    archive.set(**{"available.slow": 0})
    third = subprocess.run(command, env=env, cwd=ROOT_DIR, capture_output=True, text=True, timeout=60)
    assert third.returncode == 0, third.stderr[-2000:]
    assert "already running" not in third.stdout
    jobs = _jobs(database.open_db(tmp_path / "test.db"))
    assert sorted(jobs) == urls and all(j["status"] == "done" for j in jobs.values())
    assert all(archive.count(f"captured:{url}") == 1 for url in urls)


def _as_this_user(command: list[str]) -> list[str]:
    """The command run as a user bound by file permissions: root's DAC override dropped
    (setpriv), so that a file's mode bits say what it may open, as for anyone else."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: file permissions cannot bind the stage")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]


def test_a_lock_file_this_user_may_not_write_still_keeps_the_stage_to_one_process(archive, tmp_path, db):
    """Another user's lock file (a timer running as another account, a `sudo citewatch
    archive` once): read-only, it is still locked; unreadable, the stage steps aside in one line."""
    url = f"https://shared-{archive.ns}.example/page"
    Seed(db).source(url)
    lock_path = tmp_path / "test.db-archive-lock"
    lock_path.write_text("999999999")                  # an earlier holder, long gone
    env = {**os.environ, **archive.env(tmp_path, rescue_live=0), "COLUMNS": "400"}   # a path on one line
    command = _as_this_user([sys.executable, "-m", "crawler.cli", "archive"])

    def archive_run(status: int) -> str:
        done = subprocess.run(command, env=env, cwd=ROOT_DIR, capture_output=True, text=True, timeout=60)
        assert done.returncode == status and "Traceback" not in done.stderr, done.stderr[-2000:]
        return " ".join((done.stdout + done.stderr).split())

    lock_path.chmod(0o000)
    said = archive_run(1)
    assert f"cannot open {lock_path.resolve()} (Permission denied)" in said and "make the file readable" in said
    assert archive.counters() == {}                    # no request: another user's run may hold the stage

    lock_path.chmod(0o444)
    with open(lock_path) as held:                      # a process holds it (read-only, as it may)
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        said = archive_run(1)
    assert "already running" in said and "(another process)" in said   # the gone pid is not named
    assert archive.counters() == {}

    said = archive_run(0)                              # free: the read-only lock is taken, the stage runs
    assert "already running" not in said and "cannot open" not in said
    assert _jobs(database.open_db(tmp_path / "test.db"))[url]["status"] == "done"
    assert lock_path.read_text() == "999999999"        # (this user could not write its pid there)
