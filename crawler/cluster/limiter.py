"""One request per `host_delay` per host, for the whole cluster (a reservation in Redis).

Scrapy's DOWNLOAD_DELAY holds per process: two workers would each send a request per
delay.  Here each request reserves its send time from a Redis key per host (one Lua
script: `at = max(now, next); next = at + delay`, Redis' own clock), then waits until
then.  A worker holds at most `per_host_concurrency` requests per host past this point,
and Scrapy's download slot is set to the same key, so a reserved request goes out at once
instead of queueing behind another.

A host is its name, as in the single-machine crawl (Scrapy keys its download slots by host
name, crawler/middlewares/retries.py `BrowserRetryMiddleware`): two ports of one name are one site,
one limit.  Every request is keyed by its own URL's host name, a redirect hop's too.

It sits at 900, after the retry middlewares (550/560) and robots.txt (100): every
attempt, robots.txt and redirect hops included, reserves its own time.

A 429's hold (crawler/middlewares/retries.py `BrowserRetryMiddleware._hold`, its `HOST_HELD`) holds
every worker: the host's next free time is pushed to at least the end of the wait (`hold`),
and that end is kept beside it, so a request that reserved its time before the hold and
wakes inside it reserves again (`_turn`) rather than going out during the wait.

A Retry-After beyond retry_after_cap (`HOST_QUIET`) closes its host for the crawl on every
worker (`quiet`: crawler/cluster/frontier.py `Frontier.quiet`, which also tells the collector,
the one writer of table host_quiet).  The reservation reads that close too, and so does a
request's look after its sleep: a source's request to a closed host is not sent but handed
back to the engine, which drops it unasked (crawler/middlewares/retries.py `BrowserRetryMiddleware`,
told by `CLOSED_ELSEWHERE`, and its seed's claim ends: crawler/cluster/worker.py), and a
robots.txt is not asked either (the pages waiting on it are then dropped alike); a soft-404
probe goes, as on one machine (pages already fetched wait on it).  It is read at the last
moment before the send, when another worker's 429 may have come during the wait.
"""

from __future__ import annotations

import asyncio

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from crawler.cluster.frontier import PREFIX, elsewhere
from crawler.middlewares.retries import CLOSED_ELSEWHERE, HOST_HELD, HOST_QUIET, unasked_when_closed

# KEYS[1]: the host's next free time (µs, Redis clock), KEYS[2]: the hosts closed for the crawl
# (crawler/cluster/frontier.py `quiet_key`); ARGV[1]: the delay in µs, ARGV[2]: the host.  Returns
# the wait until the reserved time, that time, and the end of the host's wait if it is closed.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, free)
redis.call('SET', KEYS[1], string.format('%d', at + ARGV[1]), 'PX', math.floor((at + ARGV[1] - now) / 1000) + 60000)
return {at - now, at, redis.call('HGET', KEYS[2], ARGV[2])}
"""
# KEYS[1]: the host's next free time, KEYS[2]: the end of its latest hold (µs, Redis clock);
# ARGV[1]: the wait in µs.  Both pushed to at least now + wait, never brought forward.
_HOLD = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local till = now + tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  if till > tonumber(redis.call('GET', key) or '0') then
    redis.call('SET', key, string.format('%d', till), 'PX', math.floor((till - now) / 1000) + 60000)
  end
end
return 0
"""
_HELD = "citewatch_host_slot"


class ClusterHostDelayMiddleware:
    """Space requests to one host by host_delay across every worker sharing the Redis."""

    def __init__(self, frontier, delay: float, per_host: int, signals):
        self.delay_us = int(delay * 1_000_000)
        self.per_host = max(1, per_host)
        self.frontier = frontier
        self.server = frontier.server
        self.signals = signals
        self._reserve = self.server.register_script(_RESERVE)
        self._hold = self.server.register_script(_HOLD)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @classmethod
    def from_crawler(cls, crawler):
        frontier = getattr(crawler.spider, "frontier", None)
        if frontier is None:
            raise NotConfigured("not a distributed crawl")
        config = crawler.settings.getdict("CITEWATCH_CONFIG")
        middleware = cls(frontier, float(config["host_delay"]), int(config["per_host_concurrency"]), crawler.signals)
        # (bound methods of a middleware, which lives as long as the crawl: pydispatch keeps a weak reference)
        crawler.signals.connect(middleware.hold, signal=HOST_HELD)
        crawler.signals.connect(middleware.quiet, signal=HOST_QUIET)
        return middleware

    async def process_request(self, request):
        host = urlparse_cached(request).hostname or ""   # (Scrapy's own key: "" for a URL without one)
        request.meta["download_slot"] = host
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.per_host))
        await gate.acquire()
        request.meta[_HELD] = host
        source = unasked_when_closed(request)
        closed = await self._turn(host, source or "source_id" not in request.meta)
        if closed is None:
            return None
        self._release(request)
        self.signals.send_catch_log(signal=CLOSED_ELSEWHERE, host=host, why=elsewhere(closed))
        if not source:   # a robots.txt: not asked (the pages waiting on it go on, to be dropped unasked)
            raise IgnoreRequest(f"{host}: {elsewhere(closed)}; its robots.txt is not asked")
        # (handed back, never raised: IgnoreRequest would run its errback, and a failed fetch be stored)
        return request

    async def _turn(self, host: str, closable: bool) -> float | None:
        """Wait for the request's reserved time at `host`; reserve again when a hold came
        meanwhile and ends after that time (the 429 another worker met: `hold`).  Redis is asked
        once more only by a request that slept.  A `closable` request (a source's, or a
        robots.txt; not a soft-404 probe, which pages already fetched wait on) waits for nothing
        at a host closed for the crawl (`quiet`): the end of its wait is returned, read with the
        reservation and again after the sleep; else None, the request's turn come."""
        while True:
            wait_us, at, closed = self._reserve(keys=[f"{PREFIX}:host:{host}", self.frontier.quiet_hosts],
                                                args=[self.delay_us, host])
            if closable and closed is not None:
                return float(closed)
            if wait_us <= 0:
                return None
            await asyncio.sleep(wait_us / 1_000_000)
            with self.server.pipeline(transaction=False) as pipe:
                pipe.get(f"{PREFIX}:held:{host}")
                pipe.hget(self.frontier.quiet_hosts, host)
                held, closed = pipe.execute()
            if closable and closed is not None:
                return float(closed)
            if int(held or 0) <= at:
                return None

    def hold(self, host: str, wait: float, **_signal) -> None:
        """Hold `host` for `wait` seconds on every worker (a 429's Retry-After, `HOST_HELD`):
        its next free time, and its hold's end, pushed to at least now + wait."""
        self._hold(keys=[f"{PREFIX}:host:{host}", f"{PREFIX}:held:{host}"], args=[int(wait * 1_000_000)])

    def quiet(self, host: str, until: float, **_signal) -> None:
        """Close `host` for the crawl on every worker: it asked to wait until `until` (a Unix time)
        beyond retry_after_cap (`HOST_QUIET`, crawler/middlewares/retries.py
        `BrowserRetryMiddleware._quiet`)."""
        self.frontier.quiet(host, until)

    def _release(self, request) -> None:
        host = request.meta.pop(_HELD, None)
        if host is not None:
            self._hosts[host].release()

    def process_response(self, request, response):
        self._release(request)
        return response

    def process_exception(self, request, exception) -> None:
        self._release(request)
