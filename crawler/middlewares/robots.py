"""robots.txt (`RobotsTxtMiddleware`, 100, in place of Scrapy's): it holds for every request of a
host, also those queued while robots.txt is still downloading; and it is read to ROBOTS_MOST_BYTES
(`CappedRobotParser`, the ROBOTSTXT_PARSER)."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.http import Request
from scrapy.robotstxt import ProtegoRobotParser

# How much of a robots.txt is read: the least RFC 9309 (2.5) asks a crawler to parse, 500 KiB.
ROBOTS_MOST_BYTES = 500 * 1024


class CappedRobotParser(ProtegoRobotParser):
    """Scrapy's robots.txt parser (Protego) on the first ROBOTS_MOST_BYTES of the file, as RFC 9309
    allows ("a crawler MAY ignore" what is past it).  Scrapy parses and checks on the event loop:
    a 24 MB robots.txt of 900,000 rules took 3.6 s to parse and 50 ms a URL to check, and every
    other host of the crawl waited meanwhile."""

    @classmethod
    def from_crawler(cls, crawler, robotstxt_body: bytes):
        return super().from_crawler(crawler, robotstxt_body[:ROBOTS_MOST_BYTES])


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt check, with every request of a host waiting for the same answer.

    Scrapy's waiters share one Deferred converted to a future per waiter; the first
    conversion's callback returns None down the chain, so the second waiter sees "no
    robots.txt" and goes out unchecked.  One asyncio task per host, awaited by all,
    gives each the parser.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self._lookups: dict[str, asyncio.Future] = {}

    async def robot_parser(self, request: Request):
        netloc = urlsplit(request.url).netloc
        if netloc not in self._lookups:
            self._lookups[netloc] = asyncio.ensure_future(super().robot_parser(request))
        return await asyncio.shield(self._lookups[netloc])
