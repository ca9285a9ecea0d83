"""Extraction worker processes, fed by the reactor's own event loop over pipes.

`ExtractorPool.extract(body, content_type, url)` is awaited from Scrapy's asyncio
reactor and runs `crawler.extract.extract` in one of N child processes (one per core
by default), so parsing never stalls the downloads.  Each child reads tasks on its
stdin and writes results on its stdout, one length-prefixed pickle each way.  The pipes
are asyncio transports of the reactor's loop: no threads sit between the crawl and its
workers (concurrent.futures' process pool has two, and handing every page through them
cost the crawl's process ~0.2 ms of CPU a page, BENCHMARKS.md).

A worker that dies (a page that crashes lxml, the OOM killer) fails the page it was
extracting and nothing else: the pages queued behind it go back to the queue and a new
worker takes over.  So does one still on a page after `deadline` seconds (the
`extract_timeout` setting): a hostile page that sends a parser into a loop holds no core for
the rest of the crawl; the worker is killed and the page says why.  Workers exit when the
crawl closes their stdin, or when it dies.

    python -m crawler.extractpool     # a worker; only ExtractorPool starts it
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pickle
import signal
import struct
import subprocess
import sys
from collections import deque
from pathlib import Path
from typing import BinaryIO

from crawler.extract import Extraction, die_with_parent, extract

_LENGTH = struct.Struct("!Q")
_IMPORT_ROOT = str(Path(__file__).resolve().parent.parent)  # where `crawler` imports from, for the workers
PIPE_SIZE = 1 << 20  # bytes a worker's pipes hold: a page and the next go in at once, not in 64 KiB turns
PREFETCH = 2  # tasks handed to a worker at once: the one it works on and the next, already in its pipe
# Workers in a row that died before their first answer: then they cannot run here at all
# (a broken install), and the pool says so instead of starting one process per page.
STILLBORN_LIMIT = 5
_WARM_PAGE = b"<html><head><title>warm</title></head><body><p>Every worker reads this page once.</p></body></html>"


def frame(obj) -> bytes:
    """One message: its length, then its pickle."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


def _read_frame(stream: BinaryIO) -> bytes | None:
    """The next message's pickle, or None at the end of the stream."""
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(header)
    data = stream.read(size)
    return data if len(data) == size else None


def serve(tasks: BinaryIO, results: BinaryIO) -> None:
    """A worker's life: extract each task and answer, in order, until the tasks end.

    A closed results pipe ends it too: the crawl has stopped listening.
    """
    while (data := _read_frame(tasks)) is not None:
        body, content_type, url = pickle.loads(data)
        try:
            results.write(frame(extract(body, content_type, url)))
            results.flush()
        except BrokenPipeError:
            return


def _widen(pipe) -> None:
    """Give a pipe room for PIPE_SIZE bytes, where the system allows (Linux; else it stays as is)."""
    try:
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (AttributeError, OSError):  # no F_SETPIPE_SZ here, or above the system's pipe-max-size
        pass


class _Worker(asyncio.Protocol):
    """One extraction process and the futures of the tasks it holds, oldest first."""

    def __init__(self, pool: "ExtractorPool"):
        self.pool = pool
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_IMPORT_ROOT, os.environ.get("PYTHONPATH")]))}
        self.proc = subprocess.Popen([sys.executable, "-m", "crawler.extractpool"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env)
        for pipe in (self.proc.stdin, self.proc.stdout):
            _widen(pipe)
        self.held: deque[tuple[bytes, asyncio.Future]] = deque()
        self.writer: asyncio.WriteTransport | None = None
        self.reader: asyncio.ReadTransport | None = None
        self.inbox = bytearray()
        self.dead = False
        self.answered = 0
        self.timer: asyncio.TimerHandle | None = None  # the deadline of the task it is on
        self.timed: asyncio.Future | None = None        # that task's future
        self.overdue: str | None = None                 # why it was killed, when for its deadline

    async def connect(self) -> None:
        """Attach the worker's pipes to the loop, unless it was stopped meanwhile (pool closing)."""
        loop = asyncio.get_running_loop()
        self.writer, _ = await loop.connect_write_pipe(asyncio.BaseProtocol, self.proc.stdin)
        if self.dead:
            self.writer.abort()
            return
        self.reader, _ = await loop.connect_read_pipe(lambda: self, self.proc.stdout)
        if self.dead:
            self.reader.close()

    def stop(self) -> None:
        """Close both pipes: the worker sees the end of its tasks and exits."""
        self.dead = True
        # A transport may have closed itself already: the write pipe does as soon as the
        # worker's end goes away, often before its stdout reaches the end.  Aborting it again
        # raises, and the worker's pages would then never be given back.
        if self.writer is not None and not self.writer.is_closing():
            self.writer.abort()
        if self.reader is not None and not self.reader.is_closing():
            self.reader.close()
        # The transports close their pipes only at the loop's next turn; the worker must
        # see the end of its stdin now, even if the caller then blocks waiting for it.
        self.proc.stdin.close()
        self.proc.stdout.close()

    def give(self, task: bytes, future: asyncio.Future) -> None:
        self.held.append((task, future))
        self.writer.write(task)
        if len(self.held) == 1:
            self._time()

    def _time(self) -> None:
        """Start the deadline of the task the worker is on now (the oldest it holds), once it
        has answered its warm-up page: until then it imports its libraries, which no page does.

        None once it is overdue: the page its timer was for may have been answered as the
        timer fired (the answer still in the pipe), and the next page, whose time the kill
        cuts short, must not be blamed for it (`ExtractorPool.lost` gives it back).
        """
        if self.pool.deadline and self.held and self.answered and not self.overdue:
            self.timed = self.held[0][1]
            self.timer = asyncio.get_running_loop().call_later(self.pool.deadline, self._overdue)

    def _overdue(self) -> None:
        """Still on one page at its deadline: kill the worker (connection_lost says the rest)."""
        self.overdue = f"it took longer than {self.pool.deadline:g} s (extract_timeout)"
        if self.proc.poll() is None:
            self.proc.kill()

    def data_received(self, data: bytes) -> None:
        self.inbox += data
        while len(self.inbox) >= _LENGTH.size:
            size = _LENGTH.unpack_from(self.inbox)[0]
            if len(self.inbox) < _LENGTH.size + size:
                return
            result = pickle.loads(self.inbox[_LENGTH.size:_LENGTH.size + size])
            del self.inbox[:_LENGTH.size + size]
            _, future = self.held.popleft()
            self.answered += 1
            if self.timer is not None:
                self.timer.cancel()
            self._time()
            if not future.done():
                future.set_result(result)
            self.pool.stillborn = 0
            self.pool.dispatch()

    def connection_lost(self, exc: Exception | None) -> None:
        """The worker's stdout closed: it died (or the pool is closing)."""
        if self.timer is not None:
            self.timer.cancel()
        if self.dead:
            return
        self.stop()
        if self.proc.poll() is None:  # alive without its stdout: of no more use
            self.proc.kill()
        code = self.proc.wait()
        self.pool.lost(self, self.overdue or (f"exit code {code}" if code is not None else "its pipe closed"))


class ExtractorPool:
    """N extraction processes; `await pool.extract(...)` from the reactor, never blocking it."""

    def __init__(self, workers: int = 0, deadline: float = 0.0):
        self.workers = workers or os.cpu_count() or 1
        self.deadline = deadline  # seconds a worker may spend on one page (0: no limit)
        self._live: list[_Worker] = []
        self._spawned: list[_Worker] = []  # every worker started, until close() has ended it
        self._closed = False
        self._queue: deque[tuple[bytes, asyncio.Future]] = deque()
        self._starting: asyncio.Task | None = None
        self._background: asyncio.Future | None = None  # warm-up or respawn (a reference keeps it alive)
        self.stillborn = 0               # workers in a row that died before their first answer
        self._broken: str | None = None  # why no worker can run: every page fails with it

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers (for progress displays and tests)."""
        return [w.proc.pid for w in self._live]

    def warm(self) -> None:
        """Start the workers now, so they import trafilatura while the first pages download."""
        self._background = asyncio.ensure_future(self._started())

    async def _started(self) -> None:
        """Bring the pool up to its size (at first use, and after a worker died)."""
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
        await self._starting

    async def _start(self) -> None:
        try:
            while len(self._live) < self.workers and not self._closed:
                worker = _Worker(self)
                self._spawned.append(worker)
                await worker.connect()
                if not worker.dead:
                    self._live.append(worker)
                    # its first page, untimed: it warms the parsers, and pages' deadlines
                    # start once it has answered (a respawned worker's too)
                    worker.give(frame((_WARM_PAGE, "text/html", None)), asyncio.get_running_loop().create_future())
        finally:
            self._starting = None
        self.dispatch()

    async def extract(self, body: bytes, content_type: str | None, url: str | None) -> Extraction:
        """Extract in a worker; a worker that dies fails the page it was on, not the crawl."""
        if self._broken:
            return Extraction("failed", self._broken)
        future = asyncio.get_running_loop().create_future()
        self._queue.append((frame((body, content_type, url)), future))
        if len(self._live) < self.workers:
            await self._started()
        self.dispatch()
        return await future

    def dispatch(self) -> None:
        """Hand queued tasks to the workers holding fewest, up to PREFETCH each."""
        while self._queue:
            ready = [w for w in self._live if len(w.held) < PREFETCH and not w.overdue]  # (not one being killed)
            if not ready:
                return
            min(ready, key=lambda w: len(w.held)).give(*self._queue.popleft())

    def lost(self, worker: _Worker, why: str) -> None:
        """A dead worker: its current page fails, the pages it held but had not begun return.

        Killed for its deadline, it fails the page only if that page is the one the timer was
        for; one after it (its predecessor answered as the timer fired) returns to the queue.

        Workers that keep dying before any answer cannot run here: every queued page then
        fails with that reason, and no more are started.
        """
        self._live = [w for w in self._live if w is not worker]
        self._spawned = [w for w in self._spawned if w is not worker]
        if worker.held and (not worker.overdue or worker.held[0][1] is worker.timed):
            _, future = worker.held.popleft()
            if not future.done():
                said = (f"the extraction of this page was stopped: {why}" if worker.overdue
                        else f"the extraction worker died on this page ({why})")
                future.set_result(Extraction("failed", said))
        self._queue.extendleft(reversed(worker.held))
        worker.held.clear()
        # (a worker killed for its deadline ran: it says nothing of whether workers can start here)
        self.stillborn = 0 if worker.answered or worker.overdue else self.stillborn + 1
        if self.stillborn >= STILLBORN_LIMIT:
            self._broken = (f"the extraction workers die as they start ({why}, {self.stillborn} in a row); "
                            "run `python -m crawler.extractpool < /dev/null` to see the error")
            for _, future in self._queue:
                if not future.done():
                    future.set_result(Extraction("failed", self._broken))
            self._queue.clear()
        elif self._queue:
            self._background = asyncio.ensure_future(self._started())

    def close(self) -> None:
        """End the workers: their stdin closes, each finishes its page and exits."""
        self._closed = True
        workers, self._live, self._spawned = self._spawned, [], []
        for worker in workers:
            worker.stop()
        for worker in workers:
            try:
                worker.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.proc.kill()
                worker.proc.wait()
        for _, future in self._queue:
            future.cancel()
        self._queue.clear()


if __name__ == "__main__":
    for signum in (signal.SIGINT, signal.SIGTERM):  # a Ctrl-C or a stop of the whole group (systemd) is
        signal.signal(signum, signal.SIG_IGN)      # the crawl's to handle: it closes our stdin
    results = os.fdopen(os.dup(1), "wb")  # the protocol's own copy of stdout
    os.dup2(2, 1)                         # so that a stray print goes to stderr, not into a result
    die_with_parent(os.getppid())
    serve(sys.stdin.buffer, results)
