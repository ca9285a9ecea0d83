"""`citewatch worker`: fetch sources from the shared frontier; results go to Redis, never to SQLite.

The spider is the single-machine `sources` spider (same requests, callbacks, probes and
classification) with two changes: its work comes from the Redis frontier instead of the
database, and it stays open while the crawl is open (other workers may still give
claims back).  scrapy-redis 0.9.1's RedisSpider only defines `start_requests()`, which
Scrapy 2.13+ no longer calls (`start()` replaced it); this spider defines `start()` and
needs no start-URL list at all: seeds are requests in the scheduler's queue.

An idle worker looks at the crawl every `CITEWATCH_IDLE_CHECK` seconds (a Scrapy setting,
`IDLE_CHECK` by default) and leaves as soon as it is closed or replaced by another: Scrapy
asks an idle spider again only on its engine's 5 s heartbeat (`_SLOT_HEARTBEAT_INTERVAL` in
scrapy/core/engine.py, no setting), so a worker that waited for `spider_idle` lingered up to
5 s after its crawl, and the coordinator that started it with it.

A source whose request is dropped unasked (its host asked to wait beyond retry_after_cap, in
this crawl on any worker or in an earlier one) ends its claim with no outcome (`unasked`).

Every WARC record also goes to the collector, which keeps the crawl's one WARC file;
the worker's own file, `<data_dir>/warc/sources-crawl<id>-<worker>.warc.gz`, is its log
(crawler/cluster/records.py).  A result names its response record by WARC-Record-ID.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path
from typing import Any, Callable

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro

from crawler.cluster import frontier as keys
from crawler.cluster.frontier import Frontier, check_protocol, connect, crawl_info, requeue_orphans, worker_name
from crawler.cluster.scheduler import shipped_text, source_key
from crawler.config import Config
from crawler.crawl import check_settings
from crawler.middlewares.retries import UNASKED
from crawler.pipelines import _ORIGINS, FetchPipeline, as_extraction, fetch_row, reusable_answer, same_page
from crawler.spiderrun import LocalWriteFailed, apply_config, local_write_failure, taken_stops
from spiders.sources import SourcesSpider


# Seconds between an idle worker's looks at its crawl (the Scrapy setting CITEWATCH_IDLE_CHECK):
# how long at most it stays once the crawl is closed.
IDLE_CHECK = 1.0


def idle_check(settings) -> float:
    """The CITEWATCH_IDLE_CHECK setting, refused unless positive (a looping call of 0 s spins)."""
    seconds = settings.getfloat("CITEWATCH_IDLE_CHECK", IDLE_CHECK)
    if not seconds > 0:
        raise ValueError(f"CITEWATCH_IDLE_CHECK = {seconds!r} in the Scrapy settings: give a positive number "
                         f"of seconds (default {IDLE_CHECK:g})")
    return seconds


class ClusterSourcesSpider(SourcesSpider):
    """The sources spider, fed by the shared frontier."""

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.frontier = Frontier(connect(settings.get("REDIS_URL")), settings.get("CITEWATCH_WORKER"),
                                   settings.getfloat("CITEWATCH_HEARTBEAT"), spider.crawl_id or 0)
        spider.idle_check = idle_check(settings)
        spider.watch, spider.leaving = None, False
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.unasked, signal=UNASKED)
        crawler.signals.connect(spider.start_watch, signal=signals.spider_opened)
        crawler.signals.connect(spider.stop_watch, signal=signals.spider_closed)
        return spider

    async def start(self):
        """Nothing from the database: the scheduler hands out the seeds."""
        return
        yield

    def unasked(self, request, reason: str, **_signal) -> None:
        """A source's request dropped unasked (its host closed for the crawl:
        crawler/middlewares/retries.py `UNASKED`), its seed or a follow-up of it: the source's
        claim ends with no outcome, so the collector does not wait for it and the source stays
        due (`Frontier.release`)."""
        self.frontier.release(source_key(request.meta), reason)

    def crawl_open(self) -> bool:
        """Whether this worker's crawl is still the open one; first the claims of dead workers
        go back to the queue (this worker, staying, may fetch them)."""
        requeue_orphans(self.frontier.server)
        info = crawl_info(self.frontier.server)
        return bool(info) and info["id"] == self.crawl_id

    def idle(self):
        """Stay while the crawl is open: a dead worker's claims may come back to the queue."""
        if self.crawl_open():
            raise DontCloseSpider

    def start_watch(self):
        """Look at the crawl every `idle_check` seconds (`check_idle`), not only on Scrapy's
        5 s idle heartbeat."""
        self.watch = create_looping_call(self.check_idle)
        self.watch.start(self.idle_check, now=False)

    def stop_watch(self):
        """The spider is closing (its crawl over, or a stop): no more looks."""
        if self.watch is not None and self.watch.running:
            self.watch.stop()

    def check_idle(self) -> None:
        """Close the spider, as `idle` lets Scrapy do, once nothing is in flight here (the engine
        idle: no download, no item in the pipeline, nothing queued) and the crawl is no longer
        open.  Once: the close takes a moment, and Scrapy's own idle close may come meanwhile."""
        if self.leaving or not self.crawler.engine.spider_is_idle() or self.crawl_open():
            return
        self.leaving = True
        self.logger.info("Crawl %d is no longer open: this worker leaves", self.crawl_id)
        deferred_from_coro(self._leave())

    async def _leave(self) -> None:
        """Scrapy's close of a finished spider, unless a close (Scrapy's idle one, a stop's)
        has ended meanwhile (a second close while one runs only waits for it)."""
        engine = self.crawler.engine
        if engine.spider is not None:
            await engine.close_spider_async(reason="finished")


# What of an extraction travels with its text (all the collector stores; crawler/pipelines.py).
TEXT_FIELDS = ("status", "text", "title", "heading", "date", "language", "encoding", "extractor")


def result(item, crawl_id: int, verdict, extraction, worker: str, warc_record: str | None = None,
           sha256: str | None = None, reused: bool = False) -> dict[str, Any]:
    """One fetch result as JSON for the writer: the fetches row, the text, the source's class, and
    the WARC-Record-ID of its response record (the writer puts its own file's offset in the row).

    A reused extraction sends no text: the writer has it already (and the worker only the start of it).
    """
    text = None
    if verdict.kind == "ok" and extraction is not None and extraction.text and item.purpose in _ORIGINS \
            and not reused:
        text = {k: getattr(extraction, k) for k in TEXT_FIELDS}   # (a probe's text is only compared, never kept)
    return {
        "row": fetch_row(item, crawl_id, verdict, sha256),
        "item": {k: getattr(item, k) for k in ("source_id", "requested_url", "purpose", "attempt", "final_url",
                                                 "content_type", "memento_timestamp", "final")},
        "verdict": {"cls": verdict.cls, "reason": verdict.reason},
        "text": text,
        "worker": worker,
        "warc_record": warc_record,
    }


class ResultPipeline(FetchPipeline):
    """FetchPipeline's extraction and classification; the store is a push to Redis."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getdict("CITEWATCH_CONFIG"), crawler)

    def open_spider(self):
        self.pool.warm()
        self.frontier = self.crawler.spider.frontier
        self.crawl_id = self.crawler.spider.crawl_id

    def close_spider(self):
        self.pool.close()

    def _key(self, item) -> tuple[int, int] | None:
        """(crawl, source) of an item: the key of its source's claim."""
        return source_key({"source_id": item.source_id, "crawl_id": item.crawl_id or self.crawl_id})

    def _reused(self, item, sha256):
        """The known extraction its seed carried, if the page came back byte for byte (the
        single-machine crawl asks its database; a worker has none)."""
        known = self.frontier.known.get(self._key(item))
        if known is None or not reusable_answer(item, sha256) or not same_page(known, item, sha256):
            return None
        return known["fetch_id"], as_extraction(known, shipped_text(known))

    def store(self, item, verdict, extraction, sha256, reused=False) -> None:
        ends_claim = item.purpose == "live" and item.final
        record = self.frontier.response_records.pop(item.warc_offset, None) if item.warc_path else None
        self.frontier.push(result(item, item.crawl_id or self.crawl_id, verdict, extraction, self.frontier.worker,
                                  record, sha256, reused), self._key(item) if ends_claim else None)


def cluster_settings(values: dict[str, Any], redis_url: str, crawl_id: int, worker: str) -> dict[str, Any]:
    """The Scrapy settings a worker adds to the single-machine ones."""
    warc = Path(values["data_dir"]) / "warc" / f"sources-crawl{crawl_id}-{worker}.warc.gz"
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.cluster.scheduler.ClusterScheduler",
        "DUPEFILTER_CLASS": "crawler.cluster.scheduler.SourceDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.QUEUE_KEY,
        "SCHEDULER_DUPEFILTER_KEY": keys.DUPEFILTER_KEY,
        "SCHEDULER_PERSIST": True,  # scrapy-redis would otherwise clear the shared queue when one worker stops
        "CITEWATCH_WORKER": worker,
        "CITEWATCH_HEARTBEAT": float(values["redis_heartbeat"]),
        "CITEWATCH_WARC_PATH": str(warc.resolve()),
        "DOWNLOAD_DELAY": 0,  # the cluster-wide limiter spaces requests instead
        "ITEM_PIPELINES": {"crawler.cluster.worker.ResultPipeline": 300},
    }


def wait_for_crawl(server, wait: float, waiting: Callable[[], None] | None = None) -> dict[str, Any] | None:
    """The crawl in progress, waiting up to `wait` seconds for a coordinator to open one;
    `waiting` is called once when there is none yet (to say so: a worker that waits in
    silence for minutes looks hung)."""
    deadline = time.monotonic() + wait
    info = crawl_info(server)
    if info is None and wait > 0 and waiting is not None:
        waiting()
    while info is None and time.monotonic() < deadline:
        time.sleep(0.5)
        info = crawl_info(server)
    return info


def run_worker(values: dict[str, Any], redis_url: str, wait: float = 300.0,
               waiting: Callable[[], None] | None = None) -> int | None:
    """Fetch the open crawl's sources until it is complete; return its id (None: no crawl opened).
    `waiting` is called once if no crawl is open yet (`wait_for_crawl`).

    This machine's own ca_bundle and resolve_hosts are checked first, as a crawl's are: a bad one
    is a one-line error here, not a traceback once the first claim is taken."""
    check_settings(Config(values))
    info = wait_for_crawl(connect(redis_url), wait, waiting)
    if info is None:
        return None
    check_protocol(info, redis_url)
    values = {**values, **info["settings"]}  # politeness is the coordinator's, the same on every worker
    values["quiet_before"] = info["quiet"]   # the hosts its database keeps quiet (crawler/middlewares/retries.py)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    apply_config(settings, values, "sources")
    for name, value in cluster_settings(values, redis_url, info["id"], worker_name()).items():
        settings.set(name, value, priority="cmdline")
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares["crawler.cluster.limiter.ClusterHostDelayMiddleware"] = 900
    middlewares["crawler.cluster.records.ShippingWarcRecorder"] = middlewares.pop("crawler.middlewares.warc.WarcRecorderMiddleware")
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(ClusterSourcesSpider, crawl_id=info["id"])
    stops = _stopped_by_signals(process)
    process.start(install_signal_handlers=False)
    if line := local_write_failure():   # a full disk or a read-only folder here: not the crawl's end
        raise LocalWriteFailed(line)
    if stops:
        raise WorkerStopped(stops[0], info["id"], at_once=len(stops) > 1)
    return info["id"]


class WorkerStopped(Exception):
    """A signal stopped this worker before its crawl was complete: the crawl goes on (with the
    other workers, or this one run again).  Stopped once, it finished and sent the fetches it
    had begun and gave its other claims back as it left; `at_once` (a second signal), it
    dropped the fetches on the wire, whose claims return when its heartbeat expires."""

    def __init__(self, signum: int, crawl_id: int, at_once: bool = False):
        super().__init__(signum, crawl_id)
        self.signum, self.crawl_id, self.at_once = signum, crawl_id, at_once


def _stopped_by_signals(process) -> list[int]:
    """SIGINT, SIGTERM and SIGHUP (a closed terminal; not under nohup: spiderrun.taken_stops)
    stop the worker as Scrapy's own handlers do (the fetches begun finish and are sent; a
    second signal stops at once), and are kept: Scrapy's leave no trace, and a worker so
    stopped said its crawl was complete, with exit status 0."""
    received: list[int] = []

    def at_once() -> None:
        from twisted.internet import reactor

        with contextlib.suppress(RuntimeError):  # (already stopping)
            reactor.stop()

    def on_signal(signum: int, _frame) -> None:
        from twisted.internet import reactor

        received.append(signum)
        reactor.callFromThread(process.stop if len(received) == 1 else at_once)

    for signum in taken_stops():
        signal.signal(signum, on_signal)
    return received
