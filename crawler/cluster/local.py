"""The workers `citewatch crawl --redis --workers N` starts on its own machine, watched.

A worker that dies (killed, crashed, out of memory) stops its heartbeat, and after
`redis_heartbeat` seconds its claims go back to the queue for the others.  The
coordinator knows sooner: it started the process and sees it exit, so it drops the
heartbeat at once and the claims go back now.  When every local worker is gone and no
other worker has a heartbeat, no result can come: the coordinator stops (`WorkersGone`)
instead of waiting for ever, and leaves the frontier in Redis for a re-run to finish.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
import signal
import sys
import time
from typing import Any

from crawler.cluster.frontier import alive_key, alive_workers, requeue_orphans, worker_name
from crawler.extract import die_with_parent


STOP_GRACE = 2.0  # seconds a stopping coordinator gives its workers before it kills them (LocalWorkers.stop)


class WorkersGone(RuntimeError):
    """Every worker this coordinator started has died, and no other worker is alive."""


def _local_worker(values: dict[str, Any], redis_url: str, parent: int) -> None:
    """A worker of the coordinator that started it, which opened its crawl first: no crawl
    open when it starts means that crawl is already complete (a resumed one whose last results
    were in Redis), so it ends at once instead of waiting for another (`wait=0`), and so does
    the coordinator, which joins it."""
    die_with_parent(parent)
    from crawler.cluster.worker import WorkerStopped, run_worker
    from crawler.spiderrun import LocalWriteFailed

    try:
        run_worker(values, redis_url, wait=0)
    except WorkerStopped:  # the group's stop: the coordinator, stopped by it too, says so
        pass
    except LocalWriteFailed as exc:   # its one line, not a traceback; the coordinator says it exited 1
        print(f"Error: {exc.format_message()}", file=sys.stderr, flush=True)
        sys.exit(1)


def start_workers(config, redis_url: str, count: int) -> "LocalWorkers":
    """`count` workers on this machine, in child processes that die with this one.  They keep
    their temporary files (their extraction servers' sockets) in this process's temporary
    folder, made first (a child takes the folder its parent had when it was made): this process
    removes it as it exits, a worker killed on the way too (`LocalWorkers.stop`), which never
    removes one of its own (it was left in /tmp, a pymp-* folder a stop)."""
    multiprocessing.util.get_temp_dir()
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_local_worker, args=(dict(config.values), redis_url, os.getpid()),
                             name=f"citewatch-worker-{i}") for i in range(count)]
    for proc in procs:
        proc.start()
    return LocalWorkers(procs)


def death(exitcode: int) -> str:
    """How a process ended, in words: a signal by its name, else its exit status."""
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exited with status {exitcode}"


class LocalWorkers:
    """The worker processes this coordinator started."""

    def __init__(self, procs: list):
        self.procs = procs
        self._buried: set[int] = set()

    def dead(self) -> list:
        """The processes that have exited (a clean exit too: the crawl is not complete yet)."""
        return [proc for proc in self.procs if proc.exitcode is not None]

    def bury(self, server) -> None:
        """Drop the heartbeat of every newly dead worker, so that its claims go back to the
        queue now, not a heartbeat later (its process is gone: it can never beat again)."""
        newly = [proc for proc in self.dead() if proc.pid not in self._buried]
        if not newly:
            return
        server.delete(*(alive_key(worker_name(proc.pid)) for proc in newly))
        self._buried.update(proc.pid for proc in newly)
        requeue_orphans(server)

    def gone(self, server) -> bool:
        """Every local worker dead, and no other worker's heartbeat fresh: nobody can fetch.
        (A coordinator that started none waits for workers elsewhere, however long.)"""
        self.bury(server)
        return bool(self.procs) and len(self.dead()) == len(self.procs) and not alive_workers(server)

    def obituary(self) -> str:
        """Which workers died and how, in one clause."""
        return "; ".join(f"{proc.name}, pid {proc.pid}, {death(proc.exitcode)}" for proc in self.dead())

    def stop(self, server) -> None:
        """The coordinator is stopping early: its workers with it, now, and their claims back
        in the queue.  A worker asked to stop (SIGTERM) finishes the fetches it has begun,
        which took the coordinator's exit some 20 s (multiprocessing waits for its children):
        after STOP_GRACE seconds it is killed.  What it shipped to Redis stays there for the
        next coordinator; what it had not is fetched again."""
        for proc in self.procs:
            proc.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for proc in self.procs:
            proc.join(max(0.0, deadline - time.monotonic()))
        for proc in self.procs:
            proc.kill()
            proc.join()
        self.bury(server)

    def join(self, timeout: float) -> None:
        """Wait for each worker to exit (up to `timeout` seconds each): none outlives the crawl."""
        for proc in self.procs:
            proc.join(timeout)
