"""Shared fixtures: the test web on loopback, a fresh database, the CLI runner; a small tmpfs
(`_tmpfs`) for the tests of a full or read-only disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import db as database
from crawler.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LETTER = EXAMPLES / "un-letter-A-74-855.txt"
ARTICLE = EXAMPLES / "news-article-2020-04-01.txt"

# Nothing a test runs sends traffic beyond 127.0.0.0/8, DNS queries included: no host name
# resolves (the resolve_hosts setting, crawler/resolve.py), so the letter's real URLs end
# dns-failure as offline; the archive is a closed loopback port unless a test starts one, and
# its lookups there are not paced (paced at cdx_per_minute's default, 1.25 s apart, they were
# most of the time of every run, archive or check a test left to it: a test of the pacing sets
# its own).  Set in os.environ, so the CLI in-process and every subprocess (`env` below) inherit it.
OFFLINE = {"CITEWATCH_RESOLVE_HOSTS": "*=fail", "CITEWATCH_WAYBACK_URL": "http://127.0.0.1:9",
           "CITEWATCH_CDX_PER_MINUTE": "0"}
os.environ.update(OFFLINE)


@pytest.fixture(scope="session", autouse=True)
def commands_temporary_folder(tmp_path_factory):
    """The commands the tests start keep their temporary files under pytest's own folder (which
    pytest prunes to its last three runs), not in /tmp: several tests kill a command with SIGKILL
    on purpose, and a process so killed never removes the folder multiprocessing made for its
    servers' sockets (/tmp/pymp-*: every `make test` left a dozen).  Not where that folder's
    path would be too long for a socket's address (108 bytes, with ~40 for its own names)."""
    folder = tmp_path_factory.getbasetemp() / "tmp"
    if len(str(folder)) > 60:
        yield
        return
    folder.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(folder))
        yield


@pytest.fixture
def short_tmp():
    """An empty folder of a short path, removed after the test: a command's temporary folder
    (TMPDIR) whose sockets' addresses must fit 108 bytes, which under tmp_path they may not."""
    folder = Path(tempfile.mkdtemp(prefix="cw-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def web():
    """The test web in a subprocess: {site name: base URL}, all on 127.0.0.1."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.web"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise RuntimeError("the test web did not start (python -m tests.web printed nothing)")
    try:
        yield json.loads(line)
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real redis-server on 127.0.0.1 (free port, own directory) for this test process."""
    from tests.redis_server import RedisServer

    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    """The test Redis, emptied for this test."""
    import redis

    redis.Redis.from_url(redis_server.url).flushdb()
    return redis_server.url


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path):
    return database.open_db(db_path)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def letter_db(runner, db_path):
    """A database holding the example letter (document 1, its 42 statements and citations), as
    `citewatch ingest` leaves it."""
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(LETTER)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db_path


@pytest.fixture
def env(tmp_path, db_path):
    """Environment for CLI subprocesses: a temp database and data dir, loopback allowed."""
    import os

    e = dict(os.environ)
    e.update(
        CITEWATCH_DB=str(db_path),
        CITEWATCH_DATA_DIR=str(tmp_path / "data"),
        CITEWATCH_ALLOW_PRIVATE_NETWORKS="1",
    )
    return e


@pytest.fixture
def archive(web, monkeypatch):
    """The test web's Wayback-compatible archive in a namespace of its own (tests/test_wayback.py's
    `Archive`), with no Internet Archive keys in the environment: captures go anonymous."""
    from tests.test_wayback import Archive

    monkeypatch.delenv("IA_ACCESS_KEY", raising=False)
    monkeypatch.delenv("IA_SECRET_KEY", raising=False)
    return Archive(web)


def _tmpfs(tmp_path, name: str, options: str):
    """A folder on a small tmpfs of its own (mounted here: root only), unmounted by the caller."""
    folder = tmp_path / name
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"{options},size=64k", "tmpfs", str(folder)],
                                           capture_output=True).returncode:
        pytest.skip("mounting a tmpfs needs root")
    return folder
