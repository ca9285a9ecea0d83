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
"""

from __future__ import annotations

import asyncio

from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from crawler.cluster.frontier import PREFIX

# KEYS[1]: the host's next free time (µs, Redis clock); ARGV[1]: the delay in µs.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, free)
redis.call('SET', KEYS[1], string.format('%d', at + ARGV[1]), 'PX', math.floor((at + ARGV[1] - now) / 1000) + 60000)
return at - now
"""
_HELD = "citewatch_host_slot"


class ClusterHostDelayMiddleware:
    """Space requests to one host by host_delay across every worker sharing the Redis."""

    def __init__(self, server, delay: float, per_host: int):
        self.delay_us = int(delay * 1_000_000)
        self.per_host = max(1, per_host)
        self._reserve = server.register_script(_RESERVE)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @classmethod
    def from_crawler(cls, crawler):
        frontier = getattr(crawler.spider, "frontier", None)
        if frontier is None:
            raise NotConfigured("not a distributed crawl")
        config = crawler.settings.getdict("CITEWATCH_CONFIG")
        return cls(frontier.server, float(config["host_delay"]), int(config["per_host_concurrency"]))

    async def process_request(self, request) -> None:
        host = urlparse_cached(request).hostname or ""   # (Scrapy's own key: "" for a URL without one)
        request.meta["download_slot"] = host
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.per_host))
        await gate.acquire()
        request.meta[_HELD] = host
        if self.delay_us:
            wait_us = self._reserve(keys=[f"{PREFIX}:host:{host}"], args=[self.delay_us])
            if wait_us > 0:
                await asyncio.sleep(wait_us / 1_000_000)

    def _release(self, request) -> None:
        host = request.meta.pop(_HELD, None)
        if host is not None:
            self._hosts[host].release()

    def process_response(self, request, response):
        self._release(request)
        return response

    def process_exception(self, request, exception) -> None:
        self._release(request)
