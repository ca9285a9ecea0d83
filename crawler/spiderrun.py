"""Run a Scrapy spider in a child process with the citewatch configuration applied.

Twisted's reactor starts once per process, and `citewatch run` runs several crawls (the
sources, then the mementos, then the social posts), so each crawl gets a fresh child
process, forked from a server process that imported Scrapy and the spiders once
(`child_context`, on Linux), in the parent's environment and folder of the moment.  The
parent meanwhile shows a rich progress bar by polling the database through the `progress`
callable the stage passes in.  A child whose parent dies (kill -9) stops too (and so do its
extraction workers), so a re-run never races an orphan.

Stopping: SIGINT, SIGTERM or SIGHUP to the parent (Ctrl-C, `kill`, a supervisor, a closed
terminal: PASSED_ON) is passed on to the child as SIGTERM, and the child (which takes them
alike, however many come) finishes the sources whose fetch has begun (their redirects,
retries and soft-404 probe) and drops the others, unfetched, for the next run: every page it fetched ends
stored, none is fetched for nothing.  A second signal to the parent kills the child.
When the child has gone, the signal goes on to the parent's own handler (KeyboardInterrupt
for SIGINT; SystemExit(128 + signal) when SIGTERM or SIGHUP had none).  A console that fails
once a stop has come (a closed terminal: nothing left to draw the progress bar on) ends the
display alone, and the stop goes on (`_unless_stopped`).

A file of this machine's that cannot be written (the WARC file or the database on a full
disk, a file system remounted read-only: `local_write_problem`) is this machine's fault,
never the source's: the child stops as a stop does (`stop_for_local_write`), at once, the
fetches begun included, stores nothing more (the page being written records no check), and
tells the parent, which raises LocalWriteFailed: one line naming the file and the fix.  The
stage marks its crawl interrupted, and the next run resumes it.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Callable, Iterator

import click
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

from crawler.config import user_agent_text
from crawler.extract import die_with
from crawler.terminal import Console, Progress
from db import PAGE_SIZE, UNWRITABLE_CODES, result_code

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# What stops a crawl as SIGTERM does: the stops and a closed terminal's hangup (SIGHUP), which
# reaches `citewatch run` (and, sent to its group, the crawl's child) when the terminal it was
# started in closes.  A hangup ignored where the crawl started (`nohup citewatch run`) stays
# ignored, in the parent (`_passed_on`) and in the child (`_stop_on_signals`): the crawl goes on.
PASSED_ON = (*STOP_SIGNALS, signal.SIGHUP)

# done, total (None = unknown), counts per class
ProgressFn = Callable[[], tuple[int, int | None, dict[str, int]]]


logger = logging.getLogger(__name__)


class SpiderFailed(RuntimeError):
    """The crawl's child process ended abnormally (its log says why; rerun with -v)."""


class LocalWriteFailed(click.ClickException):
    """A crawl stopped because a file of this machine's could not be written (a full disk, a
    read-only file system): the one line (`local_write_line`) naming the file and the fix.
    What was stored before is kept, and the crawl resumes on the next run (exit status 1)."""


# OSError numbers of a write that failed for this machine's reasons: a full disk, a file system
# read-only, a quota, no permission on our own file, a disk error, the file size limit.
LOCAL_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EIO, errno.EFBIG}
# SQLite's primary result codes of the same: a database it cannot write (db.UNWRITABLE_CODES), an
# I/O error, a full disk.
LOCAL_SQLITE_CODES = UNWRITABLE_CODES | {sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL}


def local_write_problem(exc: BaseException) -> bool:
    """`exc` says that this machine could not write (see LOCAL_ERRNOS, LOCAL_SQLITE_CODES):
    the crawl must stop, and no source be judged by it."""
    if isinstance(exc, OSError):
        return exc.errno in LOCAL_ERRNOS
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return code is not None and code & 0xFF in LOCAL_SQLITE_CODES
    return False


def _mount_point(path: Path) -> Path:
    """The folder the file system holding `path` is mounted at (what a full disk's fix names)."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    while not os.path.ismount(path):
        path = path.parent
    return path


# The least room SQLite's next write of a WAL database may need, in bytes: a region of its -shm
# (32 KiB, the WAL index grows by one) and a page of its -wal (db.PAGE_SIZE).  SQLite says a -shm
# it could not grow on a full disk "disk I/O error" (SQLITE_IOERR_SHMSIZE), not "disk is full".
SQLITE_ROOM = 32 * 1024 + PAGE_SIZE


# SQLite's I/O errors (extended codes) that a write, sync, truncation or -shm growth on a full disk
# may raise: only these are taken for a full disk when room is low (`failed_errno`).  A failed
# read, lock or a file system said corrupt is no want of room, however full the disk.
ROOM_IOERRS = frozenset({sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC, sqlite3.SQLITE_IOERR_TRUNCATE,
                         sqlite3.SQLITE_IOERR_SHMSIZE, sqlite3.SQLITE_IOERR_SHMMAP})


def failed_errno(path: Path, exc: BaseException) -> int:
    """The errno of the write of `path` that failed with `exc`: an OSError's own; for SQLite's,
    which carry none, ENOSPC for its full disk (SQLITE_FULL) and for an I/O error of a write
    (ROOM_IOERRS, by its extended code) on a disk with less room left than its next write needs
    (SQLITE_ROOM), EIO for another I/O error (a read, a lock: freeing space would not help),
    EACCES for the rest (a database it may not write)."""
    if isinstance(exc, OSError):
        return exc.errno
    code = result_code(exc)
    if code == sqlite3.SQLITE_IOERR:
        room_matters = exc.sqlite_errorcode in ROOM_IOERRS
        return errno.ENOSPC if room_matters and _room_left(path) < SQLITE_ROOM else errno.EIO
    return errno.ENOSPC if code == sqlite3.SQLITE_FULL else errno.EACCES


def _room_left(path: Path) -> int:
    """The bytes this process may still write on the disk holding `path` (root may write the
    blocks kept for it too); unknown (statvfs failed) is taken for plenty."""
    try:
        disk = os.statvfs(_mount_point(path.parent))
    except OSError:
        return sys.maxsize
    return (disk.f_bfree if os.geteuid() == 0 else disk.f_bavail) * disk.f_frsize


def no_room(path: str | Path, exc: BaseException) -> str | None:
    """The write of `path` that failed with `exc`, in words, when it failed for want of room
    (`failed_errno`: ENOSPC, EDQUOT): what is full and where to free space; None for any other
    failure, whose fix is not to free space.  (The one test of a full disk, for every message.)"""
    path = Path(path)
    code = failed_errno(path, exc)
    if code not in (errno.ENOSPC, errno.EDQUOT):
        return None
    mount = _mount_point(path.parent)
    if code == errno.EDQUOT:
        return f"your disk quota on {mount}, which holds {path}, is used up: free space within it"
    return f"the disk holding {path} is full: free space on {mount}"


def _fix(path: Path, exc: BaseException) -> str:
    """What to do about the write of `path` that failed with `exc`."""
    code = failed_errno(path, exc)
    mount = _mount_point(path.parent)
    if code == errno.ENOSPC:
        return f"free space on {mount}"
    if code == errno.EDQUOT:
        return f"free space within your disk quota on {mount}"
    if code == errno.EIO:
        return f"check the disk mounted at {mount} (dmesg says more)"
    if code == errno.EFBIG:
        return "raise this process's file size limit (ulimit -f)"
    try:
        read_only = os.statvfs(mount).f_flag & os.ST_RDONLY
    except OSError:
        read_only = code == errno.EROFS
    if code == errno.EROFS or read_only:
        return f"remount {mount} read-write"
    return f"make {path.parent} and {path.name} writable for this user"


def local_write_line(path: str | Path, exc: BaseException, stage: str = "crawl") -> str:
    """The one line for a `stage` (the crawl, the archive stage, a collector) stopped because
    `path` could not be written: the file, the error, what was kept, and the fix."""
    path = Path(path)
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    kept = "the pages stored before it are kept" if stage == "crawl" else "what it stored before is kept"
    return (f"cannot write {path} ({why}): the {stage} stopped, {kept}; "
            f"{_fix(path, exc)} and run again, the {stage} resumes where it stopped")


@contextmanager
def local_writes(database: str | Path, file: str | Path | None = None, stage: str = "crawl") -> Iterator[None]:
    """A write of this machine's that fails in the block (the `database`, or `file`, a WARC
    file, on a full disk or a read-only file system: `local_write_problem`) stops the `stage`
    with LocalWriteFailed's one line naming the file and the fix instead of a traceback; any
    other error is raised as it is.  What was stored before stays: the next run resumes."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        path = database if isinstance(exc, sqlite3.Error) else file
        if path is None or not local_write_problem(exc):
            raise
        raise LocalWriteFailed(local_write_line(path, exc, stage)) from None


_LOCAL_FAILURE: list[str] = []   # this process's crawl could not write (the one line), once it happened
_REPORT: list = []   # the pipe to the parent (`_child`), where the line goes


def _tell_parent(kind: type[Exception], line: str) -> bool:
    """Send the parent (`run_spider`) the one line of why this child's crawl ends early, with the
    error it is to raise (`kind`: LocalWriteFailed or SpiderFailed); False under a plain `scrapy
    crawl`, which has no parent to tell (the caller logs the line instead)."""
    if not _REPORT:
        return False
    with suppress(OSError):   # (a parent gone: this child dies with it, die_with)
        _REPORT[0].send((kind.__name__, line))
    return True


def local_write_failure() -> str | None:
    """The one line, once this process's crawl could not write a file (`stop_for_local_write`):
    nothing more is written or stored then (crawler/middlewares/warc.py, crawler/pipelines.py).
    None until then.  (A crawl outside `run_spider`, a cluster worker's, can raise it after.)"""
    return _LOCAL_FAILURE[0] if _LOCAL_FAILURE else None


def stop_for_local_write(crawler, path: str | Path, exc: BaseException) -> None:
    """Stop the crawl because `path` could not be written (`exc`): nothing more is fetched,
    written or stored, the fetches begun included (their pages would meet the same disk), and
    the one line goes to the parent (`run_spider` raises LocalWriteFailed), or to the log under
    a plain `scrapy crawl`.  The first failure is the one said; later ones change nothing."""
    if _LOCAL_FAILURE:
        return
    line = local_write_line(path, exc)
    _LOCAL_FAILURE.append(line)
    if not _tell_parent(LocalWriteFailed, line):
        logger.critical("%s", line)
    StopMiddleware.requested = StopMiddleware.halted = True
    from twisted.internet import reactor   # (the one Scrapy installed)

    reactor.callLater(0, _halt, crawler)


def _halt(crawler) -> None:
    """Hand the stop to the crawl: StopMiddleware's, else (a crawl without it: a cluster
    worker) Scrapy's own stop."""
    if crawler.engine is None or not crawler.crawling:
        return
    if not any(True for _receiver, _ in crawler.signals.send_catch_log(signal=STOP)):
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(crawler.stop_async())


def user_agent(values: dict[str, Any]) -> str:
    """The User-Agent of first requests: names citewatch, its version and the contact URL."""
    return user_agent_text(values["user_agent"], values["contact_url"])


# The least DOWNLOAD_DELAY a crawl gets (seconds).  With Scrapy 2.19 on the asyncio reactor and
# a delay of 0, CONCURRENT_REQUESTS_PER_DOMAIN does not hold: Downloader._process_queue pops the
# slot's whole queue in one loop, since each download only counts in `transferring` once its
# task has started, after the loop.  With a delay the loop takes one request and leaves the next
# to a timer, which fires after that task's first step (tests/test_host_concurrency.py).
# A millisecond caps a host at 1000 requests a second.
MIN_DELAY = 0.001


def scrapy_settings(values: dict[str, Any], spider_name: str) -> dict[str, Any]:
    """The Scrapy share of the citewatch settings (applied with priority "cmdline").  The host
    delay has a floor, MIN_DELAY, without which per_host_concurrency is not enforced."""
    delay = max(float(values["host_delay"]), MIN_DELAY)
    warc = Path(values["data_dir"]) / "warc" / f"{spider_name}-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.warc.gz"
    return {
        "CITEWATCH_CONFIG": dict(values),
        "CITEWATCH_WARC_PATH": str(warc.resolve()),
        "CITEWATCH_RETRY_BACKOFF": float(values["retry_backoff"]),
        "DOWNLOAD_TIMEOUT": float(values["fetch_timeout"]),
        # a host's name is looked up before its first request (UnresolvedHostMiddleware), outside
        # the download's timeout: a hung resolver waits no longer than a fetch would
        "DNS_TIMEOUT": float(values["fetch_timeout"]),
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(values["per_host_concurrency"]),
        "CONCURRENT_REQUESTS": int(values["concurrency"]),
        "DOWNLOAD_DELAY": delay,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "AUTOTHROTTLE_ENABLED": bool(values["autothrottle"]),
        "AUTOTHROTTLE_START_DELAY": delay,
        "AUTOTHROTTLE_MAX_DELAY": max(60.0, delay),
        "RETRY_TIMES": int(values["retries"]),
        "ROBOTSTXT_OBEY": bool(values["obey_robots"]),
        "DOWNLOAD_MAXSIZE": int(values["max_size"]),
        "USER_AGENT": user_agent(values),
        "LOG_LEVEL": "INFO" if values.get("verbose") else "CRITICAL",
        "LOG_INSTALL_ROOT_HANDLER": bool(values.get("verbose")),
    }


def apply_config(settings, values: dict[str, Any], spider_name: str, priority: str = "cmdline") -> None:
    """Write the citewatch configuration over Scrapy's project settings."""
    for name, value in scrapy_settings(values, spider_name).items():
        settings.set(name, value, priority=priority)


STOP = object()  # the crawler signal that asks a crawl to stop (StopMiddleware)


def _downloader_slots(crawler):
    """The downloader's slots, whose `queue` and `transferring` StopMiddleware reads.

    Scrapy has no public way to take back a request that has passed the downloader
    middlewares and waits in its host's slot for the download delay (checked with Scrapy
    2.19.0: Downloader.slots, Slot.queue of (request, deferred), Slot.transferring).  The
    rest of the stop is public: a request returned by process_request is rescheduled, and
    IgnoreRequest raised by a request_scheduled handler drops it.  (IgnoreRequest raised by
    process_request would not do: the request's errback runs, and failure_items stores the
    source as failed in this crawl, so the next run would not fetch it.)  A Scrapy that moved
    these is told at the crawl's start, not at a Ctrl-C (`from_crawler`)."""
    return crawler.engine.downloader.slots.values()


def _check_downloader_internals() -> None:
    """Refuse to crawl on a Scrapy whose slots no longer have what `_downloader_slots` reads."""
    from scrapy.core.downloader import Slot

    fields = {field.name for field in dataclasses.fields(Slot)} if dataclasses.is_dataclass(Slot) else set()
    if not {"queue", "transferring"} <= fields:
        import scrapy

        raise RuntimeError(f"crawler/spiderrun.py StopMiddleware reads Scrapy 2.19's downloader slots "
                           f"(queue, transferring), which Scrapy {scrapy.__version__} has not: "
                           "install scrapy 2.19, or update StopMiddleware for this version")


class StopMiddleware:
    """After a stop, only the sources whose fetch has begun reach the network.

    A source has begun once one of its requests is on the wire or back from it; it is then
    finished (its redirects, retries, soft-404 probe, which its pages wait for), so that every
    page fetched ends stored.  Any other request is handed back to the engine, which drops
    it as it schedules it (`scheduled` raises IgnoreRequest): no errback runs, so it leaves no
    fetch row and no WARC record, and the next run fetches it.  A request of no source
    (robots.txt) goes on.  It sits last before the downloader (see _child); the requests
    already queued there, waiting out the host delay, are handed back at the stop itself.
    Until a stop, each request costs one flag test and, as it leaves the downloader, one set
    insertion: nothing is scanned on the crawl's hot path.
    """

    requested = False  # set by a stop signal in the crawl's process (_stop_on_signals)
    halted = False  # a local write failed (stop_for_local_write): the sources begun are dropped too

    def __init__(self, crawler):
        self.crawler = crawler
        self.begun: set[int | None] = set()

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        _check_downloader_internals()
        middleware = cls(crawler)
        crawler.signals.connect(middleware.left_downloader, signal=signals.request_left_downloader)
        crawler.signals.connect(middleware.scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(middleware.stop, signal=STOP)
        return middleware

    def kept(self, request) -> bool:
        if not self.requested:  # the crawl's every request until a stop: one test
            return True
        source = request.meta.get("source_id")
        return source is None or (source in self.begun and not self.halted)

    def left_downloader(self, request) -> None:
        self.begun.add(request.meta.get("source_id"))

    def scheduled(self, request) -> None:
        if not self.kept(request):
            from scrapy.exceptions import IgnoreRequest

            raise IgnoreRequest

    def process_request(self, request):
        return None if self.kept(request) else request

    def stop(self) -> None:
        """The sources on the wire now have begun; the queued requests of the others go back."""
        slots = list(_downloader_slots(self.crawler))
        for slot in slots:
            self.begun.update(request.meta.get("source_id") for request in slot.transferring)
        for slot in slots:
            for request, queued in [entry for entry in slot.queue if not self.kept(entry[0])]:
                slot.queue.remove((request, queued))
                queued.callback(request)  # the downloader returns it to the engine, which drops it


def _stop_on_signals() -> Callable[[Any], None]:
    """SIGINT, SIGTERM and SIGHUP (PASSED_ON), however many and whoever sends them (the
    parent, a terminal's Ctrl-C or hangup or a supervisor's stop reaching the whole group), ask
    for the one stop StopMiddleware makes; only the parent forces one, by killing this process.
    A hangup this process was started ignoring (nohup's, inherited through the server) stays
    ignored.  Installed before Scrapy is imported, so that a stop during the start-up is kept;
    returns the function that hands the stop to the crawl once it runs."""
    crawling = []

    def send() -> None:
        for crawler in crawling[0].crawlers:
            if crawler.engine is not None:
                crawler.signals.send_catch_log(signal=STOP)

    def requested(_signum, _frame) -> None:
        StopMiddleware.requested = True
        if crawling:
            from twisted.internet import reactor

            reactor.callFromThread(send)

    for signum in taken_stops():
        signal.signal(signum, requested)
    return crawling.append


def taken_stops() -> tuple[int, ...]:
    """The stop signals a crawling process takes (PASSED_ON): SIGINT, SIGTERM, and SIGHUP unless
    it was started ignoring it (`nohup`: the user asked it to outlive its terminal)."""
    return tuple(signum for signum in PASSED_ON
                 if signum in STOP_SIGNALS or signal.getsignal(signum) is not signal.SIG_IGN)


# What every crawl's child imports.  The children fork from a server process that imported
# them once (multiprocessing's forkserver), instead of each starting a new interpreter that
# imports them again: that took ~1 s of CPU a crawl, and `citewatch run` makes three.  The
# extraction workers' imports and warm-up too (crawler/extractwarm.py): a child forks its workers
# from itself (extractpool `prefork`), not from a workers' server of its own.  None of
# them installs Twisted's reactor or starts a Python thread (tests/test_spiderrun.py checks;
# numpy, which sqlite-utils imports, starts native ones, which a fork leaves behind: unused).
# Every module of crawler/middlewares/ is named: its package imports none of them, and Scrapy
# imports each by the path DOWNLOADER_MIDDLEWARES gives.
CHILD_PRELOAD = ["crawler.childserver", "scrapy.crawler", "scrapy.utils.project", "crawler.settings",
                 "crawler.middlewares.lookups", "crawler.middlewares.refusals", "crawler.middlewares.robots",
                 "crawler.middlewares.refresh", "crawler.middlewares.retries", "crawler.middlewares.codings",
                 "crawler.middlewares.size", "crawler.middlewares.tls", "crawler.middlewares.warc",
                 "crawler.pipelines", "spiders.sources", "spiders.mementos", "spiders.posts", "crawler.extractwarm"]


def child_context():
    """The forkserver context, its server importing CHILD_PRELOAD when it starts; elsewhere than
    Linux a new interpreter a crawl ("spawn": on macOS a process that loaded CoreFoundation, as
    urllib's proxy lookup does, cannot be forked safely, bpo-33725)."""
    if sys.platform != "linux":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(CHILD_PRELOAD)
    return context


def start_child_server() -> None:
    """Start the server crawl children fork from now, as a command that will crawl begins: its
    imports (Scrapy, the spiders, the extraction workers' libraries: ~1 s of CPU) run beside the
    command's own imports, document and database work, on another core, instead of after them,
    when `run_spider` would start it.  Started shielded from the stops sent to the group
    (extractpool `start_server`).
    A server that dies meanwhile (killed) is started again, shielded too, by the next crawl
    (`run_spider`); one no crawl needs ends with this process."""
    from crawler.extractpool import start_server

    start_server(child_context())


def _as_started(environ: dict[str, str]) -> None:
    """The child in the parent's environment as it is now: a forked child has the server's, as
    it was when the server started (a later `export` or a test's setting would not reach it;
    the folder multiprocessing sets itself).  Its standard output and error stay the server's:
    the parent's as they were when its first crawl started (a later redirection of the parent's
    own file descriptors does not reach it)."""
    os.environ.clear()
    os.environ.update(environ)


def _take_signals() -> None:
    """Let SIGTERM and SIGHUP reach this child: the server it forked from holds them back
    (crawler/childserver.py, extractpool `HELD`), so one sent while the child was starting has
    waited, pending, and reaches the handlers set now (under "spawn" nothing was held: no change)."""
    from crawler.extractpool import HELD

    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


def _child(spider_name: str, values: dict[str, Any], spider_kwargs: dict[str, Any], lifeline,
           environ: dict[str, str], report) -> None:
    _as_started(environ)
    _REPORT.append(report)   # where stop_for_local_write says why the crawl stopped
    # Its stop handlers before its workers' forks (~5 ms a worker): a Ctrl-C reaches the whole
    # group, and one that met Python's own handler meanwhile would end this child in a
    # KeyboardInterrupt traceback instead of asking for the stop.
    stop_in = _stop_on_signals()
    from crawler.extractpool import prefork

    prefork(values)   # its extraction workers, forks of this warm process before it runs a thread
    die_with(lifeline)
    _take_signals()
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    apply_config(settings, values, spider_name)
    settings.set("CITEWATCH_IN_STAGE", True, priority="cmdline")  # its stage holds the lock (db/lock.py)
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares["crawler.spiderrun.StopMiddleware"] = 990  # after every other one, just before the downloader
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(spider_name, **spider_kwargs).addErrback(_not_started, spider_name)
    stop_in(process)
    process.start(install_signal_handlers=False)  # Scrapy's would close at once, and a second signal kill


def _not_started(failure, spider_name: str) -> None:
    """The crawl could not start (a component that refused to be built, a spider or pipeline that
    failed to open): Scrapy only logs it and the process ends as a finished one, so the parent
    is told the cause in one line (`run_spider` raises SpiderFailed with it) and the traceback
    goes to the log."""
    logger.error("the %s crawl could not start", spider_name,
                 exc_info=(failure.type, failure.value, failure.getTracebackObject()))
    _tell_parent(SpiderFailed, f"the {spider_name} crawl could not start: {failure.type.__name__}: {failure.value}"
                               "; see its log (rerun with -v)")


def _show(progress_fn: ProgressFn, proc, console: Console, label: str, stops: list[int]) -> None:
    """A progress bar (done / total, counts per class) until the child exits, or until the
    console fails after a stop or with its terminal gone (`_unless_stopped`): run_spider then
    waits for the child as it is.  Drawn from this thread alone (no auto-refresh thread: one of
    rich's, failing there, would print its traceback and leave the bar's stop to fail again here)."""
    with _unless_stopped(stops, console), Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                                                   MofNCompleteColumn(), TimeElapsedColumn(),
                                                   TextColumn("{task.fields[counts]}"), console=console,
                                                   transient=False, auto_refresh=False) as bar:
        task = bar.add_task(label, total=None, counts="")
        while True:
            alive = proc.is_alive()
            done, total, counts = progress_fn()
            bar.update(task, completed=done, total=total,
                       description=f"{label}: stopping, the fetches begun finish (Ctrl-C again: at once)" if stops else label,
                       counts=" ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
            bar.refresh()
            if not alive:
                break
            time.sleep(0.3)


@contextmanager
def _unless_stopped(stops: list[int], console: Console) -> Iterator[None]:
    """An OSError from the console once a stop signal was received (`stops`), or EIO at any
    time, ends the display alone, and the console is made quiet (nothing more is drawn on it):
    a closed terminal leaves nothing to draw on (EIO), and the crawl must go on all the same,
    not end in a traceback with its child killed.  Its hangup (SIGHUP) may come first (the stop
    is passed on to the child and delivered: exit 129, the crawl interrupted), later (a shell
    sends it after the kernel's hangup), or never (a job started with setsid or disowned: the
    terminal was not its controlling one), and the crawl then finishes.  Any other OSError
    before a stop is raised."""
    try:
        yield
    except OSError as exc:
        if not stops and exc.errno != errno.EIO:
            raise
        console.quiet = True


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP (a `kill`, a supervisor, a closed terminal) end the process as Ctrl-C
    does, by an exception (SystemExit with the shell's 128 + signal), so that its clean-up runs
    on them too: the demo stops its local web and lists its files; a distributed crawl's
    coordinator marks its crawl interrupted and stops its workers (crawler/cluster/collect.py).
    A signal this process was started ignoring stays ignored: `nohup citewatch run` outlives
    its terminal, as the user asked (and its crawl too, `_passed_on`)."""
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGHUP)
                if signal.getsignal(signum) is not signal.SIG_IGN}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _passed_on(proc) -> Iterator[list[int]]:
    """While the child crawls, SIGINT, SIGTERM and SIGHUP (PASSED_ON) to this process go to
    the child: the first as SIGTERM (it finishes what it has begun, StopMiddleware), a second as SIGKILL.  Yields
    the signals received; once the child is gone the first goes on to the handler it would
    have reached (`_delivered`).  A signal this process ignores (a background job's SIGINT)
    stays ignored; outside the main thread, where no handler can be set, nothing changes."""
    received: list[int] = []
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {signum: signal.getsignal(signum) for signum in PASSED_ON}
        previous = {signum: handler for signum, handler in previous.items() if handler not in (signal.SIG_IGN, None)}

    def on_signal(signum, _frame) -> None:
        received.append(signum)
        _pass_on(proc, received)

    try:  # (set inside: whatever happens from here, the caller's handlers are back after)
        for signum in previous:
            signal.signal(signum, on_signal)
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        _delivered(received[0], previous[received[0]])


def _pass_on(proc, received: list[int]) -> None:
    """Tell the child of the stops received: one asks it to finish what it has begun, two kill
    it.  Before it has started, nothing: run_spider passes them on once it has."""
    if proc.pid is None:
        return
    if len(received) == 1:
        proc.terminate()
    else:
        proc.kill()


def _delivered(signum: int, handler) -> None:
    """Raise what the signal would have: its handler's exception (Python's own raises
    KeyboardInterrupt for SIGINT), else KeyboardInterrupt for SIGINT and SystemExit with the
    shell's 128 + signal for SIGTERM and SIGHUP.  Something is always raised: the crawl did not finish."""
    if callable(handler):
        handler(signum, None)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def _reported(reports) -> Exception | None:
    """The error the child's crawl ended with, by the line it sent (`_tell_parent`: it could not
    write a file, or could not start), or None (it sent none: the pipe is at its end, which
    `poll` also calls readable)."""
    try:
        kind, line = reports.recv() if reports.poll() else (None, None)
    except EOFError:
        return None
    return {"LocalWriteFailed": LocalWriteFailed, "SpiderFailed": SpiderFailed}[kind](line) if kind else None


def run_spider(spider_name: str, config, progress: ProgressFn | None = None, console: Console | None = None,
               label: str | None = None, **spider_kwargs: Any) -> None:
    """Run the spider `spider_name` to completion in a child process; raise SpiderFailed if it crashed
    or could not start, LocalWriteFailed if it stopped because it could not write a file, and what SIGINT, SIGTERM or
    SIGHUP raises when one stopped it (see the module's docstring).  Its progress bar is named
    `label`, the spider's name unless given (one spider may do two jobs in a run: posts, then
    the tweets' states)."""
    context = child_context()
    lifeline, held = context.Pipe(duplex=False)   # the child reads, this process holds the other end
    reports, report = context.Pipe(duplex=False)   # the child's one line when it ended early (`_tell_parent`)
    proc = context.Process(target=_child, args=(spider_name, dict(config.values), spider_kwargs, lifeline,
                                                dict(os.environ), report), name=f"citewatch-{spider_name}")
    with _passed_on(proc) as stops, held, reports:  # set first: a Ctrl-C as the child starts must not leave it crawling
        try:
            start_child_server()   # (again, if it died: shielded, where proc.start() would start it bare)
            proc.start()
            lifeline.close()
            report.close()
            if stops:
                _pass_on(proc, stops)
            if progress is not None:
                _show(progress, proc, console or Console(stderr=True), label or spider_name, stops)
            proc.join()
        except BaseException:
            if proc.pid is not None:
                proc.kill()
                proc.join()
            raise
        if failure := _reported(reports):
            raise failure
    if proc.exitcode != 0:
        raise SpiderFailed(f"the {spider_name} crawl stopped abnormally (exit code {proc.exitcode}); rerun with -v to see its log")
