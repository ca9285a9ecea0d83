"""One request per `host_delay` per host, for the whole cluster (a reservation in Redis).

Scrapy's DOWNLOAD_DELAY holds per process: two workers would each send a request per
delay.  Here each request reserves its send time from a Redis key per host (one Lua
script: `at = max(now, next); next = at + delay`, Redis' own clock), then waits until
then.  A worker holds at most `per_host_concurrency` requests per host past this point,
and Scrapy's download slot is set to the same key, so a reserved request goes out at once
instead of queueing behind another.

A host is its name, as in the single-machine crawl (Scrapy keys its download slots by host
name, crawler/middlewares.py `BrowserRetryMiddleware`): two ports of one name are one site,
one limit.  Every request is keyed by its own URL's host name, a redirect hop's too.

It sits at 900, after the retry middlewares (550/560) and robots.txt (100): every
attempt, robots.txt and redirect hops included, reserves its own time.

A 429's hold (crawler/middlewares.py `BrowserRetryMiddleware._hold`, its `HOST_HELD`) holds
every worker: the host's next free time is pushed to at least the end of the wait (`hold`),
and that end is kept beside it, so a request that reserved its time before the hold and
wakes inside it reserves again (`_turn`) rather than going out during the wait.
"""

from __future__ import annotations

import asyncio

from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from crawler.cluster.frontier import PREFIX
from crawler.middlewares import HOST_HELD

# KEYS[1]: the host's next free time (µs, Redis clock); ARGV[1]: the delay in µs.  Returns the
# wait until the reserved time and that time.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, free)
redis.call('SET', KEYS[1], string.format('%d', at + ARGV[1]), 'PX', math.floor((at + ARGV[1] - now) / 1000) + 60000)
return {at - now, at}
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

    def __init__(self, server, delay: float, per_host: int):
        self.delay_us = int(delay * 1_000_000)
        self.per_host = max(1, per_host)
        self.server = server
        self._reserve = server.register_script(_RESERVE)
        self._hold = server.register_script(_HOLD)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @classmethod
    def from_crawler(cls, crawler):
        frontier = getattr(crawler.spider, "frontier", None)
        if frontier is None:
            raise NotConfigured("not a distributed crawl")
        config = crawler.settings.getdict("CITEWATCH_CONFIG")
        middleware = cls(frontier.server, float(config["host_delay"]), int(config["per_host_concurrency"]))
        # (a bound method of a middleware, which lives as long as the crawl: pydispatch keeps a weak reference)
        crawler.signals.connect(middleware.hold, signal=HOST_HELD)
        return middleware

    async def process_request(self, request) -> None:
        host = urlparse_cached(request).hostname or ""   # (Scrapy's own key: "" for a URL without one)
        request.meta["download_slot"] = host
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.per_host))
        await gate.acquire()
        request.meta[_HELD] = host
        await self._turn(host)

    async def _turn(self, host: str) -> None:
        """Wait for the request's reserved time at `host`; reserve again when a hold came
        meanwhile and ends after that time (the 429 another worker met: `hold`).  Redis is asked
        once more only by a request that slept."""
        while True:
            wait_us, at = self._reserve(keys=[f"{PREFIX}:host:{host}"], args=[self.delay_us])
            if wait_us <= 0:
                return
            await asyncio.sleep(wait_us / 1_000_000)
            if int(self.server.get(f"{PREFIX}:held:{host}") or 0) <= at:
                return

    def hold(self, host: str, wait: float, **_signal) -> None:
        """Hold `host` for `wait` seconds on every worker (a 429's Retry-After, `HOST_HELD`):
        its next free time, and its hold's end, pushed to at least now + wait."""
        self._hold(keys=[f"{PREFIX}:host:{host}", f"{PREFIX}:held:{host}"], args=[int(wait * 1_000_000)])

    def _release(self, request) -> None:
        host = request.meta.pop(_HELD, None)
        if host is not None:
            self._hosts[host].release()

    def process_response(self, request, response):
        self._release(request)
        return response

    def process_exception(self, request, exception) -> None:
        self._release(request)
