"""A Ctrl-C while the crawl children's server is still importing (its first second: Scrapy, the
spiders, the extraction's warm-up) reaches the server too, as a terminal sends it to the whole
group.  multiprocessing's server ignores SIGINT only once its imports are done; before the
server was started with the stops held back and ignored SIGINT first thing (extractpool
`start_server`, `shield_server`), such a Ctrl-C printed the server's KeyboardInterrupt
traceback, and the crawl ended in click's "Aborted!" with status 1 (its `proc.start()` met the
dead server's EOFError) instead of "Stopped (Ctrl-C)" and SIGINT.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db import open_db
from tests.conftest import ROOT
from tests.crawling import add_sources


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc)."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _importing_server(pid: int) -> bool:
    """Whether `pid`'s crawl children's server (a forkserver process) is at its imports: it has
    loaded lxml's extension (Scrapy's first imports), which it does before the extraction's
    warm-up, the last of its ~1 s of imports."""
    for kid in _children(pid):
        try:
            if b"forkserver" in Path(f"/proc/{kid}/cmdline").read_bytes() and \
                    "lxml" in Path(f"/proc/{kid}/maps").read_text():
                return True
        except OSError:
            continue
    return False


def test_ctrl_c_while_the_server_imports_stops_the_crawl_without_a_traceback(env, db_path):
    add_sources(open_db(db_path), ["http://unreachable.example/a"])
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    while not _importing_server(proc.pid):
        assert proc.poll() is None, "the crawl ended before its server imported Scrapy"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)   # a terminal's Ctrl-C: the whole group, the importing server too
    _, stderr = proc.communicate(timeout=120)
    assert "Traceback" not in stderr, stderr
    assert "Aborted!" not in stderr, stderr
    assert "Stopped (Ctrl-C)" in stderr, stderr
    assert proc.returncode == -signal.SIGINT, stderr


# Run as its own process (its forkserver must be its own, not the test process's): it starts the
# crawl children's server and samples its blocked and ignored signals from /proc.
SAMPLED = """
import json, os, sys, time
from pathlib import Path
from crawler.spiderrun import start_child_server
from tests.test_ctrl_c_server_start import _children

start_child_server()
[server] = [kid for kid in _children(os.getpid()) if b"forkserver" in Path(f"/proc/{kid}/cmdline").read_bytes()]
samples = []
for _ in range(300):   # from its start through its imports (~1 s) and on
    status = dict(line.split(":", 1) for line in Path(f"/proc/{server}/status").read_text().splitlines())
    samples.append([int(status["SigBlk"], 16), int(status["SigIgn"], 16)])
    time.sleep(0.005)
print(json.dumps(samples))
"""


def _has(mask: int, signum: int) -> bool:
    """Whether a /proc signal mask holds `signum` (bit signum - 1)."""
    return bool(mask >> (signum - 1) & 1)


def test_the_crawl_childrens_server_never_takes_a_stop_from_its_start():
    """Sampled from the moment `start_child_server` returns: SIGINT is held back or ignored,
    SIGTERM and SIGHUP held back, all along (a bare start let a Ctrl-C kill it mid-import)."""
    out = subprocess.run([sys.executable, "-c", SAMPLED], capture_output=True, text=True, timeout=120, cwd=ROOT)
    samples = json.loads(out.stdout or "null") or pytest.fail(out.stderr)
    for blocked, ignored in samples:
        assert _has(blocked, signal.SIGINT) or _has(ignored, signal.SIGINT)
        assert _has(blocked, signal.SIGTERM) and _has(blocked, signal.SIGHUP)
    assert _has(samples[-1][1], signal.SIGINT)   # ignored once it set its signals (shield_server)


def test_a_temporary_folder_too_long_for_the_servers_socket_is_one_line_with_its_fix(env, db_path, tmp_path):
    """The server's socket goes in the temporary folder, and a socket's path may not pass 107
    bytes: a long TMPDIR ended the crawl in multiprocessing's traceback ("AF_UNIX path too long")."""
    add_sources(open_db(db_path), ["http://unreachable.example/a"])
    (deep := tmp_path / ("t" * 100)).mkdir()
    crawl = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env={**env, "TMPDIR": str(deep)},
                           capture_output=True, text=True, timeout=120)
    assert crawl.returncode == 1, crawl.stderr
    assert crawl.stderr.startswith("Error: cannot start the crawl's helper processes: their socket would go in the "
                                   f"temporary folder {deep}, whose path is too long"), crawl.stderr
    assert crawl.stderr.rstrip().endswith("set TMPDIR to a shorter folder, such as /tmp") and "Traceback" not in crawl.stderr
