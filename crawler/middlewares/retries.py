"""Retries: `BackoffRetryMiddleware` (550, in place of Scrapy's: 5xx, timeouts and lookups that did
not finish, after a pause that doubles) and `BrowserRetryMiddleware` (560: a wall or a 401, 403,
406, 418, 429 or 999 asked once more as a browser; a 429's Retry-After holds its host, or beyond
the cap keeps it quiet, in this crawl and the next ones; nothing more asked of the archive after
its own 429), with the crawler signals about hosts held and closed (`HOST_HELD`, `UNASKED`,
`HOST_QUIET`, `CLOSED_ELSEWHERE`) and the crawl's reading of Retry-After (`retry_after_seconds`)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.asyncio import call_later
from scrapy.utils.httpobj import urlparse_cached

import db as database
from archive.polite import retry_after_seconds as wayback_retry_after_seconds
from crawler.classify import detect_block, resolver_hiccup
from crawler.items import item_from_response, response_headers
from crawler.middlewares import _config
from crawler.middlewares.lookups import NetworkEvidence
from crawler.settings import ACCEPT_ENCODING
from crawler.spiderrun import STOP, _downloader_slots
from crawler.state import quiet_hosts

logger = logging.getLogger(__name__)


_DNS_FAILURES = ("CannotResolveHostError", "DNSLookupError")


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries for 5xx and timeouts, with an exponential pause before each."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("CITEWATCH_RETRY_BACKOFF", 1.0)
        self.network = NetworkEvidence.from_config(settings.getdict("CITEWATCH_CONFIG"))

    async def _pause(self, result):
        if isinstance(result, Request):
            await asyncio.sleep(self.backoff * 2 ** (result.meta.get("retry_times", 1) - 1))
        return result

    async def process_response(self, request, response):
        if response.status in self.retry_http_codes and detect_block(response.status, response_headers(response), response.body):
            return response  # a wall answers the same way every time: the browser retry deals with it
        return await self._pause(super().process_response(request, response))

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        crawler.signals.connect(_answered, signal=signals.headers_received)
        crawler.signals.connect(middleware.network.saw_answer, signal=signals.headers_received)
        return middleware

    def process_request(self, request: Request) -> None:
        request.meta.pop(ANSWERED, None)  # says this download's answer only (a redirect copies the meta)

    async def process_exception(self, request, exception):
        retry = super().process_exception(request, exception)
        if (retry is None and type(exception).__name__ in _DNS_FAILURES
                and resolver_hiccup(str(exception)) and not request.meta.get("dont_retry")):
            # a lookup that did not finish (EAI_AGAIN, the resolver's timeout) is a hiccup, retried as
            # a timeout is; a name that does not exist is an answer (RETRY_EXCEPTIONS leaves it out).
            # Offline every lookup fails so: not retried then, the failure is the request's answer
            if await self.network.unreachable(urlsplit(request.url).hostname):
                self.crawler.stats.inc_value("citewatch/retry/network_unreachable")
            else:
                retry = self._retry(request, exception)
        if isinstance(retry, Request) and type(exception).__name__ == "ResponseDataLossError":
            # a body shorter than its Content-Length: once may be a dropped connection, but a
            # server that always sends less (browsers show what came) is not a dead page, so
            # the retry keeps what comes, flagged (crawler/items.py `truncated`)
            retry.meta["download_fail_on_dataloss"] = False
        if isinstance(retry, Request) and retry.meta.pop(ANSWERED, None) and type(exception).__name__ == "DownloadTimeoutError":
            # the server answered and was sending a body too slow for the timeout (a big PDF on
            # a slow server): the next attempt gets twice the time instead of the same failure
            retry.meta["download_timeout"] = 2 * float(request.meta.get("download_timeout") or 0) or None
        return await self._pause(retry)


ANSWERED = "citewatch_answered"  # the server's status and headers came (a timeout after them is a slow body)


def _answered(headers, body_length, request: Request, spider) -> None:
    request.meta[ANSWERED] = True


BROWSER_HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
    "Accept-Encoding": ACCEPT_ENCODING,   # (what every WARC reader decodes: crawler/settings.py)
    "Upgrade-Insecure-Requests": "1",
    "Sec-Fetch-Dest": "document",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Site": "none",
    "Sec-Fetch-User": "?1",
}
BROWSER_RETRY_STATUSES = {401, 403, 406, 418, 429, 999}
_RESTART_KEYS = ("redirect_urls", "redirect_reasons", "redirect_times", "redirect_ttl", "retry_times",
                 "citewatch_started", "citewatch_warc", "citewatch_tls_error", "citewatch_retry_after")


def retry_after_seconds(value: str | None, default: float) -> float:
    """Seconds a Retry-After header asks for (a number or an HTTP date), at most
    `RETRY_AFTER_MOST`; `default` when absent or no number of seconds (infinite).  The
    archive's own parser (archive/polite.py `retry_after_seconds`), so the crawl and the
    archive stage read one header alike."""
    seconds = wayback_retry_after_seconds(value)
    return default if seconds is None else seconds


class BrowserRetryMiddleware:
    """Look twice before calling a source blocked: once as citewatch, once as a browser.

    A 429 whose Retry-After is within `retry_after_cap` holds its host until the wait has
    passed (`_hold`): not only the source it answered, whose retry then goes, but every request
    queued for that host, or coming to it meanwhile.  The hold is the host's download slot's
    (Scrapy's key: the host name, so two ports of one name are one host), set as the 429 comes
    off the wire, before the slot serves its next request (`downloaded`): its queue is not
    served before then, the requests held stay in it, counted as that host's (Scrapy's
    scheduler gives the hosts with fewer requests in the downloader theirs first), and other
    hosts go on.  In a distributed crawl every worker holds it too (`HOST_HELD`: the cluster's
    limiter pushes the host's shared reservation).  A redirect hop to another host name, and a
    retry from a chain's first URL, are downloaded through their own host's slot (`_hop_slot`:
    Scrapy copies the slot with the meta), so a hop into a held host waits out its hold, and a
    hop's 429 holds its own host.  A Retry-After beyond the cap holds nothing: its source is
    recorded rate-limited (`_rate_limited`), and nothing more is asked of the host (its name)
    in this crawl (`_quiet`): its other sources' requests are dropped unasked (`_close`), and
    the end of its Retry-After is kept in the database (`HOST_QUIET`: crawler/pipelines.py,
    table host_quiet) for the next crawls, which leave its sources due until then
    (crawler/crawl.py, spiders/sources.py).  A 429 to its robots.txt does the same.
    A stop (crawler/spiderrun.py StopMiddleware) does not wait out a hold: the held sources'
    requests go back unasked, the rest of the held queue (robots.txt) is served, and the
    hold's end is kept as a long wait's (`_stopped`).  In a distributed crawl (a worker:
    CITEWATCH_WORKER) a Retry-After beyond the cap closes its host on every worker: `HOST_QUIET`
    goes to the crawl's Redis (crawler/cluster/limiter.py), whose collector, the one writer,
    keeps it in host_quiet; a worker that finds a host closed there (as it claims a seed, or
    before it sends a request) closes it too (`CLOSED_ELSEWHERE`); and a source's request
    dropped unasked ends its seed's claim (`UNASKED`: crawler/cluster/worker.py), so the
    cluster does not wait for it.  A worker reads no database: the hosts an earlier crawl kept
    quiet come with its crawl (`quiet_before` in its configuration, crawler/cluster/worker.py).
    On the hot path a response costs one status test, a request a dict lookup and a flag test
    (until a host is closed: then a URL parse and two lookups).

    Never at the archive (`wayback_url`'s host: mementos, posts' captures): it is an API used
    under its published limits, not a site behind a bot wall, so citewatch never passes itself
    off as a browser to it, nor asks again after its 429 (IA firewalls an IP that does; the
    memento is left to the next run, docs/archive.md); the Retry-After it sent is recorded.
    After the archive's own 429 (no Memento-Datetime: not a capture's), whatever it answered (a
    memento, a post's capture, a page), nothing more is asked of the archive's host in that
    crawl (`_close`): the requests queued or still to come are dropped as the crawl schedules
    them, with no fetch row, as a stop drops them, and each is said to the spider (`UNASKED`):
    archive/rescue.py and crawler/social.py leave them to the next run."""

    def __init__(self, browser_retry: bool, retry_after_default: float, retry_after_cap: float,
                 archive_host: str = "", crawler=None):
        self.browser_retry = browser_retry
        self.retry_after_default = retry_after_default
        self.retry_after_cap = retry_after_cap
        self.archive_host = archive_host
        self.crawler = crawler
        # the archive's host:port after its own 429, a host name that asked to wait beyond the
        # cap, a held host name after a stop (`_stopped`) -> why nothing more is asked of it in this crawl
        self.closed: dict[str, str] = {}
        # the download slots a 429 holds (`_hold`) -> the hold's end (a Unix time), for a stop to free and keep
        self.held: dict[str, float] = {}
        self.stopping = False          # a stop came (`_stopped`): no hold is waited out
        self.quiet_before: set[str] = set()   # host names an earlier crawl kept quiet: asked nothing at all

    @classmethod
    def from_crawler(cls, crawler):
        _check_slot_internals()
        config = _config(crawler)
        middleware = cls(bool(config.get("browser_retry", True)), float(config.get("retry_after_default", 60)),
                         float(config.get("retry_after_cap", 300)),
                         urlsplit(str(config.get("wayback_url") or "https://web.archive.org")).netloc.lower(), crawler)
        if crawler.settings.get("CITEWATCH_WORKER"):   # a distributed crawl's worker: no database here
            middleware._ask_nothing_of(config.get("quiet_before") or {})
            crawler.signals.connect(middleware._closed_elsewhere, signal=CLOSED_ELSEWHERE)
        elif config.get("db"):
            middleware._recall_quiet(config)
        # (a bound method of a middleware, which lives as long as the crawl: pydispatch keeps a weak reference)
        crawler.signals.connect(middleware.downloaded, signal=signals.response_downloaded)
        if _STOPPED_BY in crawler.settings.getdict("DOWNLOADER_MIDDLEWARES"):
            # (only beside StopMiddleware: a crawl without it, a cluster worker, is stopped by Scrapy's
            # own stop when STOP has no receiver, crawler/spiderrun.py `_halt`, which waits for the
            # requests in progress, held ones included: a worker's stop may wait out a hold)
            crawler.signals.connect(middleware._stopped, signal=STOP)
        return middleware

    def _recall_quiet(self, config: dict) -> None:
        """Close for the crawl the host names whose kept time (table host_quiet: a Retry-After
        beyond the cap met by an earlier crawl) is still to come.  The sources spider does not
        ask for their sources (spiders/sources.py); this drops what reaches them otherwise: a
        redirect from another host, another spider's request (resolve's crawl), and, as nothing
        has begun there, their robots.txt and probes too (`process_request`)."""
        db = database.open_db(config["db"], migration_wait=config.get("migration_wait"),
                              write_wait=config.get("write_wait"))
        try:
            quiet = quiet_hosts(db)
        finally:
            db.conn.close()
        self._ask_nothing_of(quiet)

    def _ask_nothing_of(self, quiet: dict[str, str]) -> None:
        """Close for the crawl the host names of `quiet` ({host: its kept time}, `_recall_quiet`'s;
        a distributed crawl's worker has them from its coordinator)."""
        for host, at in sorted(quiet.items()):   # (as `_close`, with no queue yet: Scrapy's engine is not set)
            self.closed[host] = f"it asked to wait until {at} (kept by an earlier crawl: table host_quiet)"
            logger.warning("nothing is asked of %s in this crawl: %s", host, self.closed[host])
        if quiet:
            self.crawler.signals.connect(self._unasked, signal=signals.request_scheduled)
        self.quiet_before = set(quiet)

    def _to_archive(self, request: Request) -> bool:
        """Whether the request went to the archive: a memento, or any URL of its chain on the
        archive's host (a post's capture)."""
        urls = [request.url, *request.meta.get("redirect_urls", [])]
        return request.meta.get("purpose") == "memento" or any(
            urlsplit(url).netloc.lower() == self.archive_host for url in urls)

    def _retry(self, request: Request, response: Response, attempt: str, why: dict[str, Any]) -> Request:
        """The same source again from its first URL, with the earlier attempt kept for the record,
        and why it was retried (a wall or a 429 outlives a retry that gets no answer)."""
        meta = {k: v for k, v in request.meta.items() if k not in _RESTART_KEYS}
        _hop_slot(meta, request.url)   # (back to the first URL: the answered hop's host's slot is not its own)
        meta["citewatch_earlier"] = list(request.meta.get("citewatch_earlier", [])) + [item_from_response(response, final=False, meta=request.meta)]
        meta["citewatch_attempt"] = attempt
        meta["citewatch_retried_for"] = why
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        headers = dict(BROWSER_HEADERS) if attempt == "browser" else request.headers
        return request.replace(url=url, meta=meta, headers=headers, dont_filter=True)

    def process_request(self, request: Request) -> Request | None:
        """A redirect hop gets its own host's download slot (`_hop_slot`); a source's request to a
        host closed for the crawl (`_close`) goes back to the engine, which drops it as it
        schedules it (`_unasked`).  One dict lookup and one flag test a first request, until a
        host is closed (then a URL parse and two lookups more).  Any other request to a host an
        earlier crawl kept quiet (`_recall_quiet`: its robots.txt, a probe) is ignored."""
        if "redirect_urls" in request.meta:
            _hop_slot(request.meta, request.meta["redirect_urls"][-1])
        if self.closed and self._closed_to(request):
            return request
        if self.quiet_before and urlparse_cached(request).hostname in self.quiet_before:
            raise IgnoreRequest(f"{urlparse_cached(request).hostname} asked to wait (table host_quiet): not asked")
        return None

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if "source_id" not in request.meta:
            return response
        first = request.meta.get("citewatch_attempt", "citewatch") == "citewatch"
        if response.status == 429:
            return self._rate_limited(request, response, first)
        if not first or not self.browser_retry or self._to_archive(request):
            return response
        wall = detect_block(response.status, response_headers(response), response.body)
        if wall or response.status in BROWSER_RETRY_STATUSES:
            return self._retry(request, response, "browser", {"status": response.status, **(wall or {})})
        return response

    def _rate_limited(self, request: Request, response: Response, first: bool) -> Request | Response:
        """A 429 (its host already held or closed, `downloaded`): the archive's is recorded; a
        live host's within the cap gets the source's first attempt retried, queued behind the
        hold; one beyond the cap is recorded (rate-limited: not checked this run)."""
        wait = retry_after_seconds(response_headers(response).get("retry-after"), self.retry_after_default)
        if self._to_archive(request) or wait > self.retry_after_cap:
            if first:
                request.meta["citewatch_retry_after"] = wait
            return response
        if not first:
            return response
        return self._retry(request, response, "browser" if self.browser_retry else "citewatch-again", {"status": 429})

    def downloaded(self, response: Response, request: Request, **_signal) -> None:
        """On a 429, before the host's download slot serves its next request (the
        response_downloaded signal comes just before: Scrapy's AutoThrottle sets a slot's delay
        there too): for the archive's own 429, whatever was asked, ask its host nothing more in
        this crawl (`_close`); else hold the host for a Retry-After within the cap (`_hold`),
        and for one beyond it ask the host nothing more in this crawl, nor in the next ones
        before the Retry-After's end (`_quiet`; its source is recorded rate-limited,
        `_rate_limited`).  A robots.txt's 429 counts as any other: a host that asks its
        robots.txt to wait asks its pages to.  A capture's 429 replayed by the archive (its
        Memento-Datetime says so) asks no wait of anyone.  One status test a response otherwise."""
        if response.status != 429:
            return
        headers = response_headers(response)
        url = urlparse_cached(request)
        if url.netloc.lower() == self.archive_host or request.meta.get("purpose") == "memento":
            if "memento-datetime" not in headers:
                self._close(self.archive_host, "the archive answered its own 429")
            return
        wait = retry_after_seconds(headers.get("retry-after"), self.retry_after_default)
        if wait <= self.retry_after_cap:
            self._hold(request.meta.get("download_slot"), wait)
        else:
            self._quiet(request.meta.get("download_slot"), time.time() + wait,
                        f"it answered 429 asking to wait {wait:.0f} s, beyond retry_after_cap "
                        f"({self.retry_after_cap:g} s)")

    def _quiet(self, key: str | None, until: float, why: str) -> None:
        """Ask the host name `key` (a download slot's) nothing before `until` (a Unix time): nothing
        more in this crawl (`_close`: its sources' requests are dropped unasked and stay due; a
        robots.txt and a soft-404 probe still go, as after a stop), and nothing in the next
        crawls before then: the time is told to the pipeline (`HOST_QUIET`), which keeps it
        in the database at once (crawler/pipelines.py `keep_quiet`), so a kill keeps it too; in
        a distributed crawl's worker, to the cluster's limiter, which closes the host on every
        worker and hands the time to the collector (crawler/cluster/limiter.py `quiet`)."""
        if key is None:
            return
        self.crawler.signals.send_catch_log(signal=HOST_QUIET, host=key, until=until)
        self._close(key, why)

    def _hold(self, key: str | None, wait: float) -> None:
        """Serve the download slot `key` nothing for `wait` seconds: the slot the 429 came
        through, the host name of the URL that answered it (a redirect hop's own: `_hop_slot`).

        Scrapy's own pause of a slot, the one its download delay makes: a pending call
        (`latercall`) that serves the queue when it fires; until then a finished download does
        not serve it either.  Its `lastseen` moved to the end of the wait keeps the slot from
        being collected as idle meanwhile (with the hold on it: a new slot would not hold) and
        counts the host's delay from then.  A longer hold already on the slot stands.  The
        other workers of a distributed crawl are told first (`HOST_HELD`: crawler/cluster/
        limiter.py pushes the host's shared reservation past the wait), whatever this slot has."""
        if key is None:
            return
        if self.stopping:   # (a 429 read after a stop: its host is asked nothing more, as a held one)
            self._quiet(key, time.time() + wait, "the crawl was stopped as its 429 came")
            return
        self.crawler.signals.send_catch_log(signal=HOST_HELD, host=key, wait=wait)
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(key)
        end = time.monotonic() + wait
        if slot is None or slot.lastseen >= end:
            return
        slot.lastseen = end
        if slot.latercall:
            slot.latercall.cancel()
        slot.latercall = call_later(wait, self._release, downloader, key, slot)
        self.held[key] = time.time() + wait

    def _release(self, downloader, key: str, slot) -> None:
        """The hold on slot `key` has passed: serve its queue (Scrapy's own `_latercall`)."""
        self.held.pop(key, None)
        downloader._latercall(slot)

    def _close(self, host: str, why: str) -> None:
        """Ask `host` nothing more in this crawl (the archive's host:port after its own 429; a
        host name after a Retry-After beyond the cap, or held when a stop came: `_quiet`): the
        sources' requests queued for it go back to the
        engine, which drops them as it schedules them (`_unasked`), as do those still to come
        (`process_request`); a download under way ends as it comes.  A request of no source
        (robots.txt, of this host or a new netloc of it) is still sent, and so is a soft-404
        probe: pages already fetched wait on it (spiders/sources.py `_probes`), and dropped it
        would lose them after a stop (an archive's request has none)."""
        if host in self.closed:
            return
        logger.warning("nothing more is asked of %s in this crawl: %s", host, why)
        if not self.closed:
            # (connected only now: until a host is closed no request pays for a signal handler;
            # a bound method of a middleware, which lives as long as the crawl)
            self.crawler.signals.connect(self._unasked, signal=signals.request_scheduled)
        self.closed[host] = why
        for slot in list(_downloader_slots(self.crawler)):
            for request, queued in [entry for entry in slot.queue if self._closed_to(entry[0])]:
                slot.queue.remove((request, queued))
                queued.callback(request)   # the downloader returns it to the engine, which schedules it

    def _closed_to(self, request: Request) -> str | None:
        """Why a source's request may not be sent (its own URL's host name, or host:port, is
        closed for the crawl), None when it may.  Not by its `download_slot`: a redirect hop
        carries its first host's, copied with the meta, until `_hop_slot` (process_request)
        drops it, after the request was scheduled, so a hop out of a closed host to an open
        one was dropped by the host it left.  (A held slot's queue holds its host name's
        requests only: `_hop_slot` ran before they were queued.)"""
        if not unasked_when_closed(request):
            return None
        url = urlparse_cached(request)
        return self.closed.get(url.hostname or "") or self.closed.get(url.netloc.lower())

    def _closed_elsewhere(self, host: str, why: str, **_signal) -> None:
        """Ask the host name `host` nothing more in this crawl: another worker of the distributed
        crawl met its Retry-After beyond the cap (`CLOSED_ELSEWHERE`, crawler/cluster/), and
        keeps its time; here only `_close`."""
        self._close(host, why)

    def _unasked(self, request: Request, **_signal) -> None:
        """Drop a request to a closed host as the crawl schedules it (IgnoreRequest from a
        request_scheduled handler: no errback, so no fetch row; its source stays due), and say
        so to the spider (`UNASKED`), which may note its job as not asked."""
        why = self._closed_to(request)
        if why is not None:
            self.crawler.signals.send_catch_log(signal=UNASKED, request=request, reason=why)
            raise IgnoreRequest

    def _stopped(self) -> None:
        """A stop (crawler/spiderrun.py StopMiddleware) waits out no hold (up to retry_after_cap,
        past a service manager's stop timeout): the held hosts are closed, their sources' queued
        requests, a begun source's retry included, go back unasked, and the crawl, marked
        interrupted, leaves them to the next run, which asks the host nothing before the hold's
        end (`_quiet`: kept in the database).  What stays in a held queue (a robots.txt, of
        another port of the host name, that a begun source waits on) is served now: with its
        pause cancelled and `lastseen` still at the hold's end nothing would serve it, and the
        stopped crawl would wait for it.  A 429 read after the stop holds nothing: it closes
        its host, its wait kept alike."""
        self.stopping = True
        downloader = self.crawler.engine.downloader
        for key, until in list(self.held.items()):
            self._quiet(key, until, "the crawl was stopped during its 429's hold")
            slot = downloader.slots.get(key)
            if slot is not None:
                if slot.latercall:
                    slot.latercall.cancel()
                    slot.latercall = None
                slot.lastseen = time.monotonic() - slot.delay   # (served at once: no hold's end left to wait for)
                downloader._process_queue(slot)
        self.held.clear()


# Crawler signals (sent with send_catch_log): a host held by a 429 (`host`, `wait` in seconds: the
# cluster's limiter holds it for every worker), a source's request dropped unasked from a host
# closed for the crawl (`request`, and `reason`: spiders/posts.py notes its job as not asked), and
# a host name to ask nothing before a time (`host`, `until`: a Unix time; crawler/pipelines.py
# keeps it for the next crawls).
HOST_HELD = object()
UNASKED = object()
HOST_QUIET = object()
# A host name another worker of a distributed crawl closed for the crawl (`host`, and `why`), sent by
# crawler/cluster/ as a worker learns of it: this worker asks it nothing more either.
CLOSED_ELSEWHERE = object()
_STOPPED_BY = "crawler.spiderrun.StopMiddleware"


def unasked_when_closed(request: Request) -> bool:
    """Whether `request` is one a host closed for the crawl is not asked (`BrowserRetryMiddleware._close`):
    a source's, but not its soft-404 probe (pages already fetched wait on it) nor a robots.txt (of
    no source).  The cluster's limiter hands back the same ones (crawler/cluster/limiter.py)."""
    return "source_id" in request.meta and request.meta.get("purpose") != "probe"


def _hop_slot(meta: dict, came_from: str) -> None:
    """Let Scrapy key a request by its own host name when its meta carries the download slot
    of the URL it `came_from` (Scrapy's key for that one, its host name), copied with the meta:
    by a redirect hop (Scrapy's RedirectMiddleware copies the whole meta) or by a retry from
    the first URL (`BrowserRetryMiddleware._retry`).  Through another host's slot a request
    counts against that host's delay and concurrency, escapes its own host's, and its 429 hold
    (`_hold`).  Another key was set on purpose (`download_slot` in a request's meta) and is
    kept; the cluster's limiter sets its own after this one (crawler/cluster/limiter.py).
    (Scrapy keys by address instead with CONCURRENT_REQUESTS_PER_IP, which citewatch does not
    set.)  A first request pays nothing here: the caller tests for "redirect_urls" first."""
    key = meta.get("download_slot")
    if key is not None and key == urlsplit(came_from).hostname:
        del meta["download_slot"]


def _check_slot_internals() -> None:
    """Refuse to crawl on a Scrapy whose downloader slots no longer have what `_hold` and
    `_close` and `_stopped` use (checked with Scrapy 2.19.0: Slot.queue, latercall, lastseen and
    delay, Downloader._latercall and _process_queue), at the crawl's start rather than at a 429."""
    from scrapy.core.downloader import Downloader, Slot

    fields = {field.name for field in dataclasses.fields(Slot)} if dataclasses.is_dataclass(Slot) else set()
    if not {"queue", "latercall", "lastseen", "delay"} <= fields or not all(
            callable(getattr(Downloader, name, None)) for name in ("_latercall", "_process_queue")):
        import scrapy

        raise RuntimeError(f"crawler/middlewares/retries.py BrowserRetryMiddleware holds a host through Scrapy 2.19's "
                           f"downloader slots (queue, latercall, lastseen), which Scrapy {scrapy.__version__} has "
                           "not: install scrapy 2.19, or update BrowserRetryMiddleware for this version")
