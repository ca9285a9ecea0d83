"""The extraction workers: same answers as `extract` itself, a dead worker fails one page only,
no worker (nor their server) outlives a killed crawl, and they fork from one preloaded server."""

from __future__ import annotations

import asyncio
import json
import os
import select
import shlex
import signal
import subprocess
import sys
import time

import pytest

from crawler.extract import extract
from crawler.extractpool import SERVER_CHECK, STILLBORN_LIMIT, ExtractorPool
from tests.conftest import ROOT


def _page(n: int, paragraphs: int = 30) -> bytes:
    words = " ".join(f"word{n}x{i}" for i in range(40))
    return (f"<html><head><title>Page {n}</title></head><body><h1>Heading {n}</h1>"
            + "".join(f"<p>Paragraph {i} of page {n}: {words}.</p>" for i in range(paragraphs))
            + "</body></html>").encode()


def test_the_workers_answer_as_extract_does_in_any_order():
    bodies = [(_page(n), "text/html; charset=utf-8") for n in range(12)]
    bodies += [(b"%PDF-1.4 not really a pdf", "application/pdf"), (b"\x00\x01\x02binary", "application/octet-stream")]

    async def run():
        pool = ExtractorPool(2)
        pool.warm()
        try:
            return await asyncio.gather(*(pool.extract(body, ctype, "http://example.org/a") for body, ctype in bodies))
        finally:
            pool.close()

    results = asyncio.run(run())
    assert results == [extract(body, ctype, "http://example.org/a") for body, ctype in bodies]
    assert [r.status for r in results[:12]] == ["ok"] * 12 and results[12].status == "failed"
    assert results[0].title == "Page 0" and "word0x1" in results[0].text


def test_a_worker_that_dies_fails_its_page_only_and_is_replaced():
    slow = _page(99, paragraphs=20_000)  # a few MB of HTML: the worker is busy with it for a while

    async def run():
        pool = ExtractorPool(1)
        await pool.extract(_page(100), "text/html", None)  # the worker is up, past its warm-up page
        slow_task = asyncio.ensure_future(pool.extract(slow, "text/html", None))
        others = [asyncio.ensure_future(pool.extract(_page(n), "text/html", None)) for n in range(3)]
        first = pool.pids[0]
        await asyncio.sleep(0.5)  # the slow page is being parsed, the next one waits in the worker's pipe
        os.kill(first, signal.SIGKILL)
        try:
            return await slow_task, await asyncio.gather(*others), first, pool.pids
        finally:
            pool.close()

    died, rest, first, now = asyncio.run(run())
    assert died.status == "failed" and "the extraction worker died on this page" in died.reason
    assert "-9" in died.reason  # the exit code says how it died
    assert [r.status for r in rest] == ["ok"] * 3  # the pages queued behind it were not lost
    assert len(now) == 1 and now[0] != first  # a new worker took over


def test_a_worker_whose_tasks_pipe_closed_first_is_replaced():
    # The usual order when a worker ends: its tasks' pipe is seen closed (and its transport
    # closes itself) before its results' pipe ends; the pool must still count it gone.

    async def run():
        pool = ExtractorPool(1)
        try:
            await pool.extract(_page(0), "text/html", None)
            first = pool._live[0]
            first.writer.abort()  # the worker reads the end of its tasks and exits
            while first.proc.exitcode is None:
                await asyncio.sleep(0.01)
            return await asyncio.wait_for(pool.extract(_page(1), "text/html", None), 20), first.proc.pid, pool.pids
        finally:
            pool.close()

    result, first, now = asyncio.run(run())
    assert result.status == "ok" and len(now) == 1 and now[0] != first


# The start of a script whose pool of two workers is up, their pids printed (the rest of
# `main` and its call follow).
TWO_WORKERS_UP = """
import asyncio, sys
sys.path.insert(0, {root!r})
from crawler.extractpool import ExtractorPool

async def main():
    pool = ExtractorPool(2)
    await pool.extract(b"<html><body><p>started</p></body></html>", "text/html", None)
    print(" ".join(map(str, pool.pids)), flush=True)
"""
# A crawl's process, alone in a new interpreter (so that its forkserver is the pool's): its
# two workers are up (their pids), then, if `busy`, a page of a few MB keeps one of them at work
# (its pid), and it waits.
CRAWL_THEN_WAIT = TWO_WORKERS_UP + """
    if {busy}:
        from tests.test_extractpool import _page
        slow = asyncio.ensure_future(pool.extract(_page(99, paragraphs=20_000), "text/html", None))
        await asyncio.sleep(0)  # handed to a worker
        print(*[w.proc.pid for w in pool._live if any(len(task) > 1_000_000 for task, _ in w.held)], flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


# The same, its workers forked from itself as a crawl's child forks them (crawler/extractpool.py
# `prefork`), not from a workers' server.
PREFORKED_THEN_WAIT = CRAWL_THEN_WAIT.replace(
    "from crawler.extractpool import ExtractorPool\n",
    "from crawler.extractpool import crawl_pool, prefork\nprefork({{'extract_workers': 2}})\n").replace(
    "pool = ExtractorPool(2)", "pool = crawl_pool({{'extract_workers': 2}})")
assert "prefork(" in PREFORKED_THEN_WAIT and "ExtractorPool(" not in PREFORKED_THEN_WAIT  # (the script changed under it)


def _crawl_then_wait(busy: bool = False, script: str = CRAWL_THEN_WAIT) -> tuple[subprocess.Popen, list[int], int | None]:
    """The crawl's process (CRAWL_THEN_WAIT, or `script`), its workers' pids once they have
    answered, and the pid of the one at work on a page of a few MB (when `busy`)."""
    owner = subprocess.Popen([sys.executable, "-c", script.format(root=str(ROOT), busy=busy)],
                             stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in owner.stdout.readline().split()]
    assert len(pids) == 2
    return owner, pids, int(owner.stdout.readline()) if busy else None


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command's name (state, ppid, ...), None once gone
    (reaped before the open: FileNotFoundError; between the open and the read: ProcessLookupError)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _parent(pid: int) -> int:
    return int(_stat(pid)[1])


def _cpu(pid: int) -> float | None:
    """Seconds of CPU the process has used (user + system), None once gone."""
    fields = _stat(pid)
    return None if fields is None else (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _command(pid: int) -> bytes:
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        return cmdline.read()


def _gone(pids: list[int], within: float = 10) -> bool:
    """Whether every process of `pids` has ended (a zombie counts as ended: its parent may be
    gone too), waiting for it up to `within` seconds."""
    deadline = time.monotonic() + within
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(pid) for pid in pids)


def test_workers_fork_from_one_server_that_preloaded_them():
    """Not an interpreter a worker: both are forks (their command line is the server's) of one
    server, a child of the pool's process, whose preload (crawler.extractserver) started no
    thread.  (A pool made so: a cluster's worker, a plain `scrapy crawl`; a crawl's child forks
    its workers from itself, tests/test_prefork.py.)"""
    owner, pids, _ = _crawl_then_wait()
    try:
        server = _parent(pids[0])
        assert _parent(pids[1]) == server and server != owner.pid and _parent(server) == owner.pid
        assert b"crawler.extractserver" in _command(server)
        assert _command(pids[0]) == _command(pids[1]) == _command(server)
        with open(f"/proc/{server}/status") as status:
            assert "Threads:\t1\n" in status.read()  # a thread would not be in the forks: one there is a hazard
    finally:
        owner.kill()
        owner.wait()


@pytest.mark.parametrize("script", [CRAWL_THEN_WAIT, PREFORKED_THEN_WAIT], ids=["served", "preforked"])
def test_no_worker_outlives_a_killed_crawl(script):
    """Nor their server, which lives while a worker does (each holds its "alive" pipe), nor a
    worker busy on a page: its lifeline ends it mid-page, and it does not parse on for nobody
    (SIGSTOP would stop the thread that watches the lifeline too: a page of a few MB keeps the
    worker at it instead).  CPU, not time, tells the two apart: the page costs seconds of it;
    dying at once, nearly none.  (An idle worker ends with its tasks' pipe anyway.)  A worker
    forked from the crawl's own process (`prefork`) too: it must not hold a copy of the
    lifeline's other end, which would keep it from ever ending."""
    owner, pids, busy = _crawl_then_wait(busy=True, script=script)
    server = _parent(busy)
    start = _cpu(busy)
    while _cpu(busy) < start + 0.3:  # at work on the page (its few MB in, parsing)
        time.sleep(0.02)
    at_kill = last = _cpu(busy)
    owner.kill()
    owner.wait()
    deadline = time.monotonic() + 30
    while _alive(busy) and time.monotonic() < deadline:
        last = _cpu(busy) or last
        time.sleep(0.01)
    assert _gone(pids + [server])
    assert last - at_kill < 1.0  # finishing the page would have taken seconds more


LEFT_OPEN = TWO_WORKERS_UP + """
    return pool

pool = asyncio.run(main())  # and the process ends, its pool open (as an exception ends a crawl's child)
"""


def test_a_process_that_ends_with_its_pool_open_ends():
    """multiprocessing's exit joins every child the process started, and workers wait for tasks
    on pipes the open pool still holds: the process (a crawl's child that crashed) would wait
    for ever.  The pool lets go of their lifeline first."""
    done = subprocess.run([sys.executable, "-c", LEFT_OPEN.format(root=str(ROOT))], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert _gone([int(p) for p in done.stdout.split()])


def test_a_stop_sent_to_the_group_leaves_a_worker_working():
    """SIGINT, SIGTERM and SIGHUP (a Ctrl-C, a supervisor's stop, a closed terminal reaching the
    whole group) are the crawl's to handle: a worker ignores them and answers the next page."""

    async def run():
        pool = ExtractorPool(1)
        try:
            await pool.extract(_page(0), "text/html", None)
            [worker] = pool.pids
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                os.kill(worker, signum)
            return worker, await pool.extract(_page(1), "text/html", None), pool.pids
        finally:
            pool.close()

    worker, result, now = asyncio.run(run())
    assert result.status == "ok" and now == [worker]


BOTH_KINDS = """
import asyncio, json, os, signal, sys
sys.path.insert(0, {root!r})
from crawler import spiderrun
from crawler.extractpool import ExtractorPool
from tests.test_spiderrun import _slow_start

def crawl_child_takes_a_stop_sent_as_it_starts():
    child = spiderrun.child_context().Process(target=_slow_start)
    child.start()
    child.terminate()
    child.join(30)
    child.kill()
    return child.exitcode

async def worker_ignores_a_stop():
    pool = ExtractorPool(1)
    try:
        await pool.extract(b"<html><body><p>started</p></body></html>", "text/html", None)
        [worker] = pool.pids
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            os.kill(worker, signum)
        result = await pool.extract(b"<html><body><p>again</p></body></html>", "text/html", None)
        return [result.status, pool.pids == [worker]]
    finally:
        pool.close()

first = {first!r}
if first == "crawl":
    code = crawl_child_takes_a_stop_sent_as_it_starts()
    print(json.dumps([code, asyncio.run(worker_ignores_a_stop())]))
else:
    answer = asyncio.run(worker_ignores_a_stop())
    print(json.dumps([crawl_child_takes_a_stop_sent_as_it_starts(), answer]))
"""


def test_one_process_forks_crawl_children_and_workers_from_whichever_server_it_started():
    """A process has one forkserver, whose preload is read once: a test process may start it for
    crawl children (crawler/childserver.py) or for workers (crawler/extractserver.py), then fork
    the other kind from it.  Both servers set their signals alike (extractpool `shield_server`):
    a crawl child still takes a stop sent as it starts (an ignored one would be lost), and a
    worker still ignores a stop (it sets that itself, whatever its server left)."""
    for first in ("crawl", "workers"):
        out = subprocess.run([sys.executable, "-c", BOTH_KINDS.format(root=str(ROOT), first=first)],
                             capture_output=True, text=True, timeout=120).stdout
        assert json.loads(out) == [-signal.SIGTERM, ["ok", True]], first


BROKEN_INSTALL = """
import asyncio, json, os, sys
sys.path.insert(0, {root!r})
from crawler.extractpool import ExtractorPool
os.environ["PYTHONHOME"] = "/nonexistent-python-home"  # the server's interpreter exits at once

async def run():
    pool = ExtractorPool(2)
    try:
        return await asyncio.gather(*(pool.extract(b"<html><body><p>page</p></body></html>", "text/html", None)
                                      for n in range(20)))
    finally:
        pool.close()

print(json.dumps([[r.status, r.reason] for r in asyncio.run(run())]))
"""


def test_workers_that_cannot_start_fail_the_pages_with_the_reason():
    # A broken install: the server's interpreter exits at once (no such PYTHONHOME).  (A process
    # of its own: a server this one started earlier would fork workers as if nothing were wrong.)
    out = subprocess.run([sys.executable, "-c", BROKEN_INSTALL.format(root=str(ROOT))],
                         capture_output=True, text=True, timeout=120).stdout
    results = [dict(zip(("status", "reason"), r)) for r in json.loads(out)]
    assert {r["status"] for r in results} == {"failed"}
    died = [r for r in results if "the extraction worker died on this page" in r["reason"]]
    broken = [r for r in results if "the extraction workers die as they start" in r["reason"]]
    # no process started per page: after a few deaths (two workers may die at once) the pool
    # gave up, and said why
    assert len(died) + len(broken) == 20 and len(died) <= STILLBORN_LIMIT + 1
    assert SERVER_CHECK in broken[0]["reason"]
    # and the command it names shows the error
    check = subprocess.run(shlex.split(SERVER_CHECK), cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONHOME": "/nonexistent-python-home"})
    assert check.returncode != 0 and "PYTHONHOME" in check.stderr


def test_a_page_past_its_deadline_is_stopped_and_the_next_ones_are_extracted():
    """A page that holds its worker past `deadline` (a parser in a loop: here a worker stopped
    with SIGSTOP, which answers nothing however long the machine takes) fails with the reason,
    its worker is replaced, and the pages behind it and the respawned worker's are extracted;
    killed for its deadline, no worker counts as one that cannot start."""

    async def run():
        pool = ExtractorPool(1, deadline=1.0)
        await pool.extract(_page(100), "text/html", None)  # past its warm-up page, which is untimed
        first = pool.pids[0]
        os.kill(first, signal.SIGSTOP)  # (SIGKILL, the deadline's, ends a stopped process too)
        stuck = asyncio.ensure_future(pool.extract(_page(99), "text/html", None))
        others = [asyncio.ensure_future(pool.extract(_page(n), "text/html", None)) for n in range(3)]
        try:
            return await stuck, await asyncio.gather(*others), first, pool.pids, pool.stillborn
        finally:
            pool.close()

    stopped, rest, first, now, stillborn = asyncio.run(run())
    assert stopped.status == "failed"
    assert stopped.reason == "the extraction of this page was stopped: it took longer than 1 s (extract_timeout)"
    assert [r.status for r in rest] == ["ok"] * 3
    assert len(now) == 1 and now[0] != first and stillborn == 0


def test_a_deadline_that_fires_as_its_page_is_answered_blames_no_other_page():
    """The page's answer is in the pipe, unread, when its deadline fires in the same turn of
    the loop: the worker is killed, the answer is delivered, and the next page, which the kill
    cut short, goes to the new worker instead of failing as "took longer than 60 s"."""

    async def run():
        pool = ExtractorPool(1, deadline=60.0)
        await pool.extract(_page(1), "text/html", None)  # past its warm-up page: pages are timed
        worker = pool._live[0]
        answered = asyncio.ensure_future(pool.extract(_page(2), "text/html", None))
        next_one = asyncio.ensure_future(pool.extract(_page(3, paragraphs=5_000), "text/html", None))
        await asyncio.sleep(0)  # both handed to the worker (PREFETCH); page 2's deadline runs
        assert len(worker.held) == 2 and worker.timer is not None
        select.select([worker.results], [], [], 60)  # the loop held: page 2's answer arrives unread
        worker.timer.cancel()
        worker._overdue()  # page 2's deadline, in the same turn as its answer (the race, made certain)
        try:
            return await answered, await next_one
        finally:
            pool.close()

    page2, page3 = asyncio.run(run())
    assert page2.status == "ok" and page2.title == "Page 2"
    assert page3.status == "ok" and page3.title == "Page 3", page3.reason


STOP_AS_THE_SERVER_STARTS = """
import asyncio, json, os, signal, sys, time
sys.path.insert(0, {root!r})
from crawler.extractpool import ExtractorPool

def forkserver_child():   # the server once it has exec'd (until then its command line is ours)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            parent = open(f"/proc/{{pid}}/stat").read().rsplit(")", 1)[1].split()[1]
            if parent == str(os.getpid()) and b"forkserver" in open(f"/proc/{{pid}}/cmdline", "rb").read():
                return int(pid)
        except OSError:   # another test's process, gone while we read it
            pass
    return None

pool = ExtractorPool(1)   # its server starts now, importing what workers need
deadline = time.monotonic() + 60   # the first look found the server not yet exec'd on a busy machine
while (server := forkserver_child()) is None and time.monotonic() < deadline:
    time.sleep(0.001)
if server is None:
    sys.exit("no forkserver child of this process exec'd within 60 s: is /proc mounted?")
for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):   # a stop reaching the group, this early
    os.kill(server, signum)

async def main():
    try:
        return await pool.extract(b"<html><body><p>Read after the stop.</p></body></html>", "text/html", None)
    finally:
        pool.close()

print(json.dumps(asyncio.run(main()).status))
"""


def test_a_stop_sent_as_the_server_starts_leaves_it_serving():
    """The server is started with the stops held back (its mask goes through exec): one in its
    first tenth of a second killed it, and every worker start failed for the rest of the crawl."""
    done = subprocess.run([sys.executable, "-c", STOP_AS_THE_SERVER_STARTS.format(root=str(ROOT))],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == '"ok"', done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr


def test_a_page_past_its_deadline_is_stopped_even_once_the_server_is_gone():
    """A worker's exit code comes from the server: killed (the OOM killer), it says 255 for every
    worker, and a worker stuck on a page was never killed for its deadline."""

    async def run():
        pool = ExtractorPool(1, deadline=1.0)
        await pool.extract(_page(100), "text/html", None)
        worker = pool.pids[0]
        os.kill(_parent(worker), signal.SIGKILL)
        os.kill(worker, signal.SIGSTOP)   # stuck, whatever the machine's speed
        try:
            stuck = await asyncio.wait_for(pool.extract(_page(99), "text/html", None), 60)
            return stuck, await asyncio.wait_for(pool.extract(_page(1), "text/html", None), 60), worker
        finally:
            pool.close()

    stuck, after, worker = asyncio.run(run())
    assert stuck.reason == "the extraction of this page was stopped: it took longer than 1 s (extract_timeout)"
    assert after.status == "ok"   # a new server, a new worker
    assert _gone([worker])
