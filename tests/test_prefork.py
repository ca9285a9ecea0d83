"""A crawl's child forks its extraction workers from itself as it starts (crawler/extractpool.py
`prefork`): it is a fork of the crawl children's server, which imported and warmed what workers
need (crawler/extractwarm.py), so no workers' server (a new interpreter importing trafilatura and
py3langid's model, ~1 s of CPU a crawl) starts for them.  Forks of the crawl's own process, they
must hold none of the pool's descriptors (or they would never see their tasks end, nor the crawl
die), ignore a stop sent to the group, and a worker that dies is still replaced, from a workers'
server started then."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import db as database
from tests.clirun import fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources
from tests.test_extractpool import _command, _parent

SERVED = b"crawler.extractserver"  # on the command line of a workers' server and of its forks


def _family(root: int) -> dict[int, int]:
    """{pid: parent pid} of `root`'s descendants now (one that ends as it is read is left out)."""
    parents = {}
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            parents[int(name)] = _parent(int(name))
        except (TypeError, ValueError, OSError):
            continue
    family, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        family |= frontier
    return {pid: parents[pid] for pid in family}


def _commands(pids) -> dict[int, bytes]:
    commands = {}
    for pid in pids:
        try:
            commands[pid] = _command(pid)
        except OSError:
            continue
    return commands


def test_a_crawls_workers_are_forks_of_its_own_process_and_no_workers_server_starts(env, web, tmp_path, db_path):
    db = database.open_db(db_path)
    urls = [web["main"] + f"/crawl/slow/?ms=700&n={n}" for n in range(4)]
    add_sources(db, urls)
    seen: list[dict] = []
    command = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, text=True,
                               env=fast_env(env, web, tmp_path, extract_workers=2, per_host_concurrency=1),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def watch():
        while command.poll() is None:
            family = _family(command.pid)
            seen.append({"family": family, "commands": _commands(family)})
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    out, err = command.communicate(timeout=300)
    watcher.join()
    assert command.returncode == 0, out + err
    # the crawl's child: the one process whose children are its workers, two forks of it (its command line)
    looks = []
    for look in seen:
        family, commands = look["family"], look["commands"]
        for child in set(family.values()) - {command.pid}:
            workers = [pid for pid, parent in family.items() if parent == child and commands.get(pid) == commands.get(child)]
            if len(workers) == 2:
                looks.append(look)
    assert looks, "the crawl's two workers were never seen as children of its process"
    assert not any(SERVED in cmd for look in seen for cmd in look["commands"].values())
    texts = db.execute("select count(*) from fetches f join texts t on t.fetch_id = f.id "
                       "where f.class = 'live' and length(t.text) > 200").fetchone()[0]
    assert texts == len(urls)  # and they extracted every page


# A crawl's process as its child starts one: `prefork`, then the pool its pipeline takes.  It
# prints each step's findings as a line of JSON.
PREFORKED = """
import asyncio, json, os, signal, sys
sys.path.insert(0, {root!r})
from crawler.extractpool import crawl_pool, prefork
from tests.test_extractpool import _command, _page, _parent

CONFIG = {{"extract_workers": 2}}
prefork(CONFIG)

def say(**found):
    print(json.dumps(found), flush=True)

async def main():
    pool = crawl_pool(CONFIG)
    pool.warm()
    try:
        first = await pool.extract(_page(1), "text/html", None)
        forked = pool.pids
        say(first=first.status, parents=[_parent(pid) == os.getpid() for pid in forked])
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):   # a stop reaching the group
            os.kill(forked[0], signum)
        again = await asyncio.gather(*(pool.extract(_page(n), "text/html", None) for n in range(4)))
        say(again=[r.status for r in again], same=pool.pids == forked)
        # the first fork's tasks end (its pipe closed, the lifeline held): it must see the end, which
        # a copy of that pipe's other end in itself or in the second fork would keep from it
        [first_fork] = [w for w in pool._live if w.proc.pid == forked[0]]
        first_fork.writer.abort()
        for _ in range(2000):
            if first_fork.proc.exitcode is not None:
                break
            await asyncio.sleep(0.01)
        else:   # it never saw its tasks end: the pool's next page would wait for it for ever
            return say(code=None, after=None, served=None, server_parent=None)
        after = await pool.extract(_page(5), "text/html", None)
        [new] = set(pool.pids) - set(forked)
        server = _parent(new)
        say(code=first_fork.proc.exitcode, after=after.status, served=b"crawler.extractserver" in _command(server),
            server_parent=_parent(server) == os.getpid())
    finally:
        pool.close()

asyncio.run(main())
"""


def test_preforked_workers_ignore_stops_see_their_tasks_end_and_are_replaced_from_a_server():
    owner = subprocess.run([sys.executable, "-c", PREFORKED.format(root=str(ROOT))], capture_output=True, text=True,
                           timeout=120)
    assert owner.returncode == 0, owner.stderr
    up, stopped, ended = (json.loads(line) for line in owner.stdout.splitlines())
    assert up == {"first": "ok", "parents": [True, True]}       # forks of the crawl's own process
    assert stopped == {"again": ["ok"] * 4, "same": True}       # a stop sent to the group ends none
    # it saw its tasks end and ended (0, or -9: the pool kills one whose results' pipe closed before it exited)
    assert ended["code"] is not None and ended["after"] == "ok"
    assert ended["served"] and ended["server_parent"]           # its replacement: from a workers' server


def _a_worker_forked(root: int) -> bool:
    """Whether a crawl's child, under `root` (the command), has forked an extraction worker: a
    process three generations below it (the command, the children's server, the crawl's child)."""
    family = _family(root)
    return any(family.get(family.get(parent)) == root for parent in family.values())


def test_a_ctrl_c_as_the_crawls_child_forks_its_workers_stops_the_crawl_in_one_line(env, web, tmp_path, db_path):
    """A terminal's Ctrl-C reaches the whole group, the crawl's child too, which may be forking its
    workers then (`prefork`): it asks for the stop as at any other time, and the command says its
    one line and dies by SIGINT, no child's KeyboardInterrupt traceback before it.  Many workers
    keep the child forking long enough for the Ctrl-C to be sent as it does, once its first is seen."""
    db = database.open_db(db_path)
    add_sources(db, [web["main"] + f"/crawl/slow/?ms=700&n={n}" for n in range(2)])
    command = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, text=True,
                               env=fast_env(env, web, tmp_path, extract_workers=32),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while not _a_worker_forked(command.pid):
            assert command.poll() is None, command.communicate()
            time.sleep(0.005)
        os.killpg(command.pid, signal.SIGINT)
        out, err = command.communicate(timeout=120)
    finally:
        command.kill()
    assert command.returncode == -signal.SIGINT, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "Stopped (Ctrl-C)" in err


# A crawl's process whose workers were forked from itself loses one, and no workers' server can
# start to replace it (its interpreter exits at once, as tests/test_extractpool.py's BROKEN_INSTALL).
SERVER_WONT_START = """
import asyncio, json, os, signal, sys
sys.path.insert(0, {root!r})
from crawler.extractpool import crawl_pool, prefork

CONFIG = {{"extract_workers": 2}}
PAGE = b"<html><body><p>A page.</p></body></html>"

async def main():
    pool = crawl_pool(CONFIG)
    pool.warm()
    try:
        await asyncio.gather(*(pool.extract(PAGE, "text/html", None) for _ in range(4)))
        survivor, victim = pool.pids
        os.environ["PYTHONHOME"] = "/nonexistent-python-home"
        os.kill(victim, signal.SIGKILL)
        after = await asyncio.gather(*(pool.extract(PAGE, "text/html", None) for _ in range(20)))
        print(json.dumps([[r.status for r in after].count("ok"), pool.pids == [survivor]]))
    finally:
        pool.close()

if __name__ == "__main__":
    prefork(CONFIG)
    asyncio.run(main())
"""


def test_a_forked_worker_left_works_on_when_no_replacement_can_start():
    """The pool gives up starting workers after STILLBORN_LIMIT deaths in a row, but the one fork
    left, which answers, extracts the pages: at most the page the dead one was on fails, not
    every page of the rest of the crawl."""
    owner = subprocess.run([sys.executable, "-c", SERVER_WONT_START.format(root=str(ROOT))], capture_output=True,
                           text=True, timeout=120)
    assert owner.returncode == 0, owner.stderr
    ok, survivor_only = json.loads(owner.stdout)
    assert ok >= 19 and survivor_only


# A crawl's process whose one worker was forked from itself loses it: the workers' server starts
# then, to fork its replacement, and a stop reaching the group (here: sent to the server alone,
# as soon as it has exec'd) meets it in its first tenth of a second.
STOP_AS_THE_REPLACEMENTS_SERVER_STARTS = """
import asyncio, json, os, signal, sys, threading, time
sys.path.insert(0, {root!r})
from crawler.extractpool import crawl_pool, prefork
from tests.test_extractpool import _command, _parent

CONFIG = {{"extract_workers": 1}}
PAGE = b"<html><body><p>A page.</p></body></html>"
SERVER = b"crawler.extract" + b"server"   # its command line (not this script's text, which its forks show)

def stop_the_server_as_it_starts(signalled):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for pid in map(int, filter(str.isdigit, os.listdir("/proc"))):
            try:
                if _parent(pid) == os.getpid() and SERVER in _command(pid):
                    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                        os.kill(pid, signum)
                    signalled.append(pid)
                    return
            except (OSError, TypeError):   # another process, gone while it was read
                pass

async def main():
    pool = crawl_pool(CONFIG)
    pool.warm()
    try:
        await pool.extract(PAGE, "text/html", None)
        signalled = []
        watcher = threading.Thread(target=stop_the_server_as_it_starts, args=(signalled,))
        watcher.start()
        [forked] = pool.pids
        os.kill(forked, signal.SIGKILL)
        while pool.pids == [forked]:   # (seen dead: a page now goes to its replacement, not to it)
            await asyncio.sleep(0.01)
        after = await pool.extract(PAGE, "text/html", None)
        watcher.join()
        print(json.dumps([after.status, signalled == [_parent(pid) for pid in pool.pids]]))
    finally:
        pool.close()

if __name__ == "__main__":
    prefork(CONFIG)
    asyncio.run(main())
"""


def test_a_stop_sent_as_the_replacements_server_starts_leaves_it_serving():
    """That server starts with the stops held back too (`_Worker.start`: crawler/extractpool.py
    `start_server`), or one in its first tenth of a second kills it and the replacement's start
    fails; the signalled server lives and forks the replacement."""
    done = subprocess.run([sys.executable, "-c", STOP_AS_THE_REPLACEMENTS_SERVER_STARTS.format(root=str(ROOT))],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout) == ["ok", True], done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
