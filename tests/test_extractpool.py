"""The extraction workers: same answers as `extract` itself, a dead worker fails one page only,
and no worker outlives a killed crawl."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import subprocess
import sys
import time

from crawler.extract import extract
from crawler.extractpool import STILLBORN_LIMIT, ExtractorPool
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


def test_a_worker_whose_stdin_closed_first_is_replaced():
    # The usual order when a worker ends: its stdin pipe is seen closed (and its transport
    # closes itself) before its stdout ends; the pool must still count it gone.

    async def run():
        pool = ExtractorPool(1)
        try:
            await pool.extract(_page(0), "text/html", None)
            first = pool._live[0]
            first.writer.abort()  # the worker reads the end of its tasks and exits
            while first.proc.poll() is None:
                await asyncio.sleep(0.01)
            return await asyncio.wait_for(pool.extract(_page(1), "text/html", None), 20), first.proc.pid, pool.pids
        finally:
            pool.close()

    result, first, now = asyncio.run(run())
    assert result.status == "ok" and len(now) == 1 and now[0] != first


WORKERS_THEN_WAIT = """
import asyncio, sys
sys.path.insert(0, {root!r})
from crawler.extractpool import STILLBORN_LIMIT, ExtractorPool

async def main():
    pool = ExtractorPool(2)
    await pool.extract(b"<html><body><p>started</p></body></html>", "text/html", None)
    print(" ".join(map(str, pool.pids)), flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


def test_no_worker_outlives_a_killed_crawl():
    owner = subprocess.Popen([sys.executable, "-c", WORKERS_THEN_WAIT.format(root=str(ROOT))],
                             stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in owner.stdout.readline().split()]
    assert len(pids) == 2
    owner.kill()
    owner.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_that_cannot_start_fail_the_pages_with_the_reason(monkeypatch):
    # A broken install: every worker's interpreter exits at once (no such PYTHONHOME).
    monkeypatch.setenv("PYTHONHOME", "/nonexistent-python-home")

    async def run():
        pool = ExtractorPool(2)
        try:
            return await asyncio.gather(*(pool.extract(_page(n), "text/html", None) for n in range(20)))
        finally:
            pool.close()

    results = asyncio.run(run())
    assert {r.status for r in results} == {"failed"}
    died = [r for r in results if "the extraction worker died on this page" in r.reason]
    broken = [r for r in results if "the extraction workers die as they start" in r.reason]
    # no process started per page: after a few deaths (two workers may die at once) the pool
    # gave up, and said why
    assert len(died) + len(broken) == 20 and len(died) <= STILLBORN_LIMIT + 1
    assert "python -m crawler.extractpool" in broken[0].reason


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
        select.select([worker.proc.stdout], [], [], 60)  # the loop held: page 2's answer arrives unread
        worker.timer.cancel()
        worker._overdue()  # page 2's deadline, in the same turn as its answer (the race, made certain)
        try:
            return await answered, await next_one
        finally:
            pool.close()

    page2, page3 = asyncio.run(run())
    assert page2.status == "ok" and page2.title == "Page 2"
    assert page3.status == "ok" and page3.title == "Page 3", page3.reason
