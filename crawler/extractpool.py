"""Extraction worker processes, fed by the reactor's own event loop over pipes.

`ExtractorPool.extract(body, content_type, url)` is awaited from Scrapy's asyncio
reactor and runs `crawler.extract.extract` in one of N child processes (one per core
by default), so parsing never stalls the downloads.  Each child reads tasks on one pipe
and writes results on another, one length-prefixed pickle each way.  The pipes
are asyncio transports of the reactor's loop: no threads sit between the crawl and its
workers (concurrent.futures' process pool has two, and handing every page through them
cost the crawl's process ~0.2 ms of CPU a page, BENCHMARKS.md).

A worker that dies (a page that crashes lxml, the OOM killer) fails the page it was
extracting and nothing else: the pages queued behind it go back to the queue and a new
worker takes over.  So does one still on a page after `deadline` seconds (the
`extract_timeout` setting): a hostile page that sends a parser into a loop holds no core for
the rest of the crawl; the worker is killed and the page says why.  Workers exit when the
crawl closes their tasks' pipe, or when it dies (`die_with`: their lifeline ends).

A crawl's child forks its first workers from itself as it starts (`prefork`): it is a fork of
the crawl children's server, which imported trafilatura and the rest and extracted a page
(crawler/extractwarm.py), so they are warm at once, at no import's cost.  Any other worker (one
that replaces a dead one, or every worker of a pool made without `prefork`: a cluster's worker, a
plain `scrapy crawl`, a test) forks from a server process that imported the same once
(crawler/extractserver.py; multiprocessing's forkserver, `worker_context`): one interpreter per
pool's process, not one per worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import gc
import multiprocessing
import multiprocessing.util
import os
import pickle
import select
import shlex
import signal
import struct
import sys
import tempfile
import time
from collections import deque
from typing import BinaryIO

import click

from crawler.extract import Extraction, die_with, extract

_LENGTH = struct.Struct("!Q")
PIPE_SIZE = 1 << 20  # bytes a worker's pipes hold: a page and the next go in at once, not in 64 KiB turns
PREFETCH = 2  # tasks handed to a worker at once: the one it works on and the next, already in its pipe
# Workers in a row that died before their first answer: then they cannot run here at all
# (a broken install), and the pool says so instead of starting one process per page.
STILLBORN_LIMIT = 5
WARM_PAGE = b"<html><head><title>warm</title></head><body><p>Every worker reads this page once.</p></body></html>"
# What the workers' server imports (crawler/extractserver.py imports the rest itself).
WORKER_PRELOAD = ["crawler.extractserver"]
# What both servers (the workers', the crawl children's) hold back (`shield_server`); they ignore
# SIGINT.  A worker ignores all of them; a crawl's child takes them (crawler/spiderrun.py).
HELD = (signal.SIGTERM, signal.SIGHUP)
IGNORED = (signal.SIGINT, *HELD)
# The command that imports what the server imports, as it does: it shows why workers cannot start.
SERVER_CHECK = f"{shlex.quote(sys.executable)} -c 'import crawler.extractserver'"


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


def worker_context():
    """The forkserver context, its server importing WORKER_PRELOAD when it starts; elsewhere than
    Linux a new interpreter a worker ("spawn"), as crawler/spiderrun.py `child_context` does and
    for its reason (macOS cannot fork a process that loaded CoreFoundation safely, bpo-33725).

    A process has one forkserver, whose preload is read when it starts.  No process of the
    product both runs a pool and starts crawl children (the CLI starts the crawl's child, which
    runs the pool; a distributed worker and a plain `scrapy crawl` run a pool only); a test
    process may do both, and whichever server it started first serves both kinds of child right,
    only less warm: the two servers' signals agree (crawler/extractserver.py)."""
    if sys.platform != "linux":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    return context


def start_server(context) -> None:
    """Start `context`'s server now (multiprocessing's forkserver: the workers' or the crawl
    children's, a process has one), not at the first child's start, which waits for its imports
    (~1 s).  A pool starts the workers' as it is made, at the crawl's opening (a cluster's worker,
    a plain `scrapy crawl`), unless its workers were forked from its own process (`prefork`, a
    crawl's child): then as the first dead worker is replaced; a command that will crawl starts
    the children's (crawler/spiderrun.py `start_child_server`).
    It starts with SIGINT, SIGTERM and SIGHUP held back until it set them itself
    (`shield_server`, its preload's first lines): a process's mask goes through exec, and
    multiprocessing's server ignores SIGINT only once its preload is imported: a stop reaching
    the group meanwhile killed it, with a KeyboardInterrupt traceback, and every child's start
    then failed ("Aborted!" for a crawl).  The resource tracker first: its own start lets those
    signals through again.  Nothing to do under "spawn"."""
    if context.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver, resource_tracker

    resource_tracker.ensure_running()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, IGNORED)
    try:
        forkserver.ensure_running()
    except OSError as exc:
        raise ServerUnavailable(_server_fix(exc)) from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class ServerUnavailable(click.ClickException):
    """The server crawl children or extraction workers fork from could not start (`start_server`):
    one line with the fix (exit status 1), not the traceback of multiprocessing's socket."""


def _server_fix(exc: OSError) -> str:
    """Why the server could not start, and the fix: its socket lives in a folder of the
    temporary folder (TMPDIR), and a socket's path may not pass 107 bytes, which a long TMPDIR
    does (multiprocessing says only "AF_UNIX path too long")."""
    folder = tempfile.gettempdir()
    if "too long" in str(exc):
        return (f"cannot start the crawl's helper processes: their socket would go in the temporary folder "
                f"{folder}, whose path is too long for a socket's (about 70 characters at most); set TMPDIR "
                "to a shorter folder, such as /tmp")
    return (f"cannot start the crawl's helper processes ({exc}): check that the temporary folder {folder} "
            "(TMPDIR) exists and can be written")


def shield_server() -> None:
    """A server's own signals, set first thing by its preload (crawler/extractserver.py,
    crawler/childserver.py) while `start_server` holds them back: SIGINT ignored (as
    multiprocessing's server does, but from its start), SIGTERM and SIGHUP held back (so already,
    unless it was started otherwise).  A stop sent to the whole group (a Ctrl-C, a supervisor, a
    closed terminal) is the command's to handle; had the server died of it, the parent would learn
    its children's exit statuses from nobody.  Held back, not ignored: a child inherits the mask
    and the handlers left here, and a crawl's child must still take a stop sent as it starts
    (crawler/spiderrun.py `_take_signals`), which an ignored one would lose."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])


# The pool a crawl's process forked at its start (`prefork`), until its crawl takes it (`crawl_pool`).
_PREFORKED: list["ExtractorPool"] = []


def _size(config: dict) -> tuple[int, float]:
    """A crawl's pool's workers and deadline, from its settings."""
    return int(config.get("extract_workers") or 0), float(config.get("extract_timeout") or 0)


def prefork(config: dict) -> None:
    """Fork the crawl's extraction workers from this process now: a crawl's child calls it first
    thing (crawler/spiderrun.py `_child`), a fork of the crawl children's server, which imported
    and warmed what workers need (crawler/extractwarm.py), and running no thread yet.  Its forks
    are warm workers at once, where a workers' server of its own would be a new interpreter
    importing it all again (~1 s of CPU a crawl; `citewatch run` makes three).  The crawl's
    pipeline takes them (`crawl_pool`); a worker that dies later is replaced from a workers'
    server started then (a fork of this process, Scrapy's threads running, would not be safe),
    whose imports hold the crawl's loop the first time (~0.6 s: a crawl that loses no worker, the
    usual one, never pays for that server).
    Elsewhere than Linux nothing is forked (`worker_context`: "spawn")."""
    if worker_context().get_start_method() == "forkserver":
        # What this process holds now stays out of its collector's reach, and its forks': a
        # collection in a worker writes to every object it inherited (their collector's header),
        # and so copied most of the crawl's pages into each worker (~27 MB a worker, measured).
        gc.freeze()
        _PREFORKED.append(ExtractorPool(*_size(config), fork_now=True))


def crawl_pool(config: dict) -> "ExtractorPool":
    """The crawl's pool: the one `prefork` started in this process from the same settings, else
    a new one (a plain `scrapy crawl`, "spawn")."""
    return _PREFORKED.pop() if _PREFORKED else ExtractorPool(*_size(config))


def _pidfd(pid: int) -> int | None:
    """A pidfd of the process (Linux 5.3+), None where there is none."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def _work(tasks, results, lifeline, inherited: list) -> None:
    """A worker, forked from the server or from the crawl's process (its pipes' ends passed as
    Connections): it closes the `inherited` ends (the pool's own, which a fork of the crawl's
    process holds copies of; closed as objects, not by number: its own pipes' copies then take
    those numbers, which a copy of the pool's object closed later would close), ignores the
    signals a stop of the whole group sends (the crawl handles stops and closes the tasks' pipe;
    set here too, as a server whose preload failed to import says nothing of it), exits when the
    crawl's process ends (`lifeline`), and extracts until its tasks end."""
    for end in inherited:
        end.close()
    for signum in IGNORED:  # (ignoring drops those held back meanwhile: then it takes none)
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, IGNORED)
    die_with(lifeline)
    tasks, results = _file(tasks, "rb"), _file(results, "wb")
    os.dup2(2, 1)  # a stray print goes to stderr (not to the crawl's standard output)
    serve(tasks, results)


def _file(connection, mode: str, buffering: int = -1) -> BinaryIO:
    """A file of a Connection's pipe end, for a byte stream (a Connection sends messages of its
    own framing): a copy of its descriptor, as Python 3.11's Connection cannot give its own up
    (no detach), and the Connection closed."""
    with connection:
        return os.fdopen(os.dup(connection.fileno()), mode, buffering)


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
        self.proc = None                     # its multiprocessing Process, once started
        self.pidfd: int | None = None        # the process's own handle, where the system has one (`alive`)
        self.tasks: BinaryIO | None = None   # the pool's ends of its pipes, raw files for the loop's transports
        self.results: BinaryIO | None = None
        self.held: deque[tuple[bytes, asyncio.Future]] = deque()
        self.writer: asyncio.WriteTransport | None = None
        self.reader: asyncio.ReadTransport | None = None
        self.inbox = bytearray()
        self.dead = False
        self.answered = 0
        self.timer: asyncio.TimerHandle | None = None  # the deadline of the task it is on
        self.timed: asyncio.Future | None = None        # that task's future
        self.overdue: str | None = None                 # why it was killed, when for its deadline

    def start(self, context) -> None:
        """Start the process in `context` (it raises when the server cannot start: a broken
        install); keep the pool's ends of its pipes, widened.  A fork of this very process
        ("fork": `prefork`) is told to close its copies of the pool's descriptors: holding the
        writing end of its own tasks' pipe or of another worker's, it would never see them end,
        nor, holding the lifeline's, the crawl die."""
        start_server(context)  # (running already, but for a respawn in a pool whose first workers were forks)
        tasks, tasks_in = context.Pipe(duplex=False)   # the worker reads, the pool writes
        results_out, results = context.Pipe(duplex=False)
        self.tasks, self.results = _file(tasks_in, "wb", 0), _file(results_out, "rb", 0)
        for pipe in (self.tasks, self.results):
            _widen(pipe)
        inherited = self.pool.descriptors() if context.get_start_method() == "fork" else []
        self.proc = context.Process(target=_work, args=(tasks, results, self.pool.lifeline, inherited),
                                    name="citewatch-extract")
        try:
            self.proc.start()
        finally:
            tasks.close()     # the worker's ends: its own copies only, or it never sees its tasks end
            results.close()
        self.pidfd = _pidfd(self.proc.pid)

    def alive(self) -> bool:
        """Whether the worker runs.  Asked of the process itself (its pidfd), not of its exit
        code: a forkserver's child's comes from the server, and a server killed (the OOM
        killer) says 255 for every worker still at work."""
        if self.pidfd is None:
            return self.proc.exitcode is None
        return not select.select([self.pidfd], [], [], 0)[0]

    def kill(self) -> None:
        """SIGKILL the worker, through its pidfd where there is one (see `alive`)."""
        if self.pidfd is None:
            self.proc.kill()
            return
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int | None:
        """The worker's exit code once it has ended (None if still at work after `timeout`)."""
        if self.pidfd is not None:
            if not select.select([self.pidfd], [], [], timeout)[0]:
                return None
            os.close(self.pidfd)
            self.pidfd = None
        self.proc.join(timeout)
        return self.proc.exitcode

    async def connect(self) -> None:
        """Attach the worker's pipes to the loop, unless it was stopped meanwhile (pool closing)."""
        loop = asyncio.get_running_loop()
        self.writer, _ = await loop.connect_write_pipe(asyncio.BaseProtocol, self.tasks)
        if self.dead:
            self.writer.abort()
            return
        self.reader, _ = await loop.connect_read_pipe(lambda: self, self.results)
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
        # see the end of its tasks now, even if the caller then blocks waiting for it.
        for pipe in (self.tasks, self.results):
            if pipe is not None:
                pipe.close()

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
        if self.alive():
            self.kill()

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
        """The worker's results pipe closed: it died (or the pool is closing)."""
        if self.timer is not None:
            self.timer.cancel()
        if self.dead:
            return
        self.stop()
        if self.alive():  # alive without its results pipe: of no more use
            self.kill()
        self.pool.lost(self, self.overdue or f"exit code {self.wait()}")


class ExtractorPool:
    """N extraction processes; `await pool.extract(...)` from the reactor, never blocking it."""

    def __init__(self, workers: int = 0, deadline: float = 0.0, fork_now: bool = False):
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
        self.context = worker_context()
        # Every worker reads `lifeline`; the pool holds the other end and never writes (`die_with`).
        self.lifeline, self._held = self.context.Pipe(duplex=False)
        # Let go of it at close(), or as this process exits with the pool still open (a crash in
        # the crawl's child): multiprocessing's exit joins every child it started, which would
        # wait for ever for workers waiting for tasks.  (Its finalizers of priority 0 and above
        # run before those joins, in a forked child too; atexit's do not run there.)
        self._let_go = multiprocessing.util.Finalize(self, self._held.close, exitpriority=0)
        self._forked: list[_Worker] = []  # workers forked from this process (`prefork`), until `_start` runs them
        if fork_now:
            self._fork_workers()
        else:
            start_server(self.context)  # its imports begin now, not at the first worker's start

    def _fork_workers(self) -> None:
        """Fork every worker from this process now (`prefork`), with the stops held back until
        each ignores them (`_work`): one reaching the group meanwhile must not end a worker."""
        fork = multiprocessing.get_context("fork")
        held = signal.pthread_sigmask(signal.SIG_BLOCK, IGNORED)
        try:
            for _ in range(self.workers):
                worker = _Worker(self)
                self._spawned.append(worker)
                worker.start(fork)
                self._forked.append(worker)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def descriptors(self) -> list:
        """The pool's own pipe ends: the lifeline's writing end and its ends of every worker's
        pipes (what a worker forked from this process must close, `_Worker.start`)."""
        return [self._held] + [pipe for worker in self._spawned for pipe in (worker.tasks, worker.results)
                               if pipe is not None]

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers (for progress displays and tests)."""
        return [w.proc.pid for w in self._live]

    def warm(self) -> None:
        """Start the workers now, at the crawl's opening, not at its first page.  Those forked at
        the crawl's start (`prefork`) only join the loop; otherwise the first start waits for the
        server to import and warm what workers need (~1 s of CPU, once per process; the loop
        waits with it: a start from another thread would read the exit codes of the process's
        children beside the loop, multiprocessing's `_cleanup`), and the next ones are forks."""
        self._background = asyncio.ensure_future(self._started())

    async def _started(self) -> None:
        """Bring the pool up to its size (at first use, and after a worker died)."""
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
        await self._starting

    async def _start(self) -> None:
        try:
            while len(self._live) < self.workers and not self._closed and not self._broken:
                if self._forked:
                    worker = self._forked.pop(0)
                else:
                    worker = _Worker(self)
                    self._spawned.append(worker)
                    try:
                        worker.start(self.context)
                    except Exception as exc:  # no server (a broken install): as a worker dead before its first answer
                        worker.stop()
                        self.lost(worker, f"the start failed: {type(exc).__name__}: {exc}")
                        continue
                await worker.connect()
                if not worker.dead:
                    self._live.append(worker)
                    # its first page, untimed: it warms the parsers, and pages' deadlines
                    # start once it has answered (a respawned worker's too)
                    worker.give(frame((WARM_PAGE, "text/html", None)), asyncio.get_running_loop().create_future())
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
        fails with that reason, and no more are started.  Unless some that answered still run
        (forks of the crawl's own process, `prefork`, whose replacements need a server that may
        not start): the pool goes on with those alone, rather than fail every page left.
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
        if self.stillborn >= STILLBORN_LIMIT and any(w.answered for w in self._live):
            self.workers = len(self._live)
            self.dispatch()
        elif self.stillborn >= STILLBORN_LIMIT:
            self._broken = (f"the extraction workers die as they start ({why}, {self.stillborn} in a row); "
                            f"run `{SERVER_CHECK}` to see the error")
            for _, future in self._queue:
                if not future.done():
                    future.set_result(Extraction("failed", self._broken))
            self._queue.clear()
        elif self._queue:
            self._background = asyncio.ensure_future(self._started())

    def close(self) -> None:
        """End the workers: their tasks' pipe and their lifeline close, so an idle one exits at
        once and one at work on a page too (`die_with`: the page's answer would go to nobody);
        one still there after 10 s in all is killed."""
        self._closed = True
        workers, self._live, self._spawned = self._spawned, [], []
        for worker in workers:
            worker.stop()
        self._let_go()
        self.lifeline.close()
        deadline = time.monotonic() + 10
        for worker in workers:
            if worker.wait(max(0.0, deadline - time.monotonic())) is None:
                worker.kill()
                worker.wait()
        for _, future in self._queue:
            future.cancel()
        self._queue.clear()
