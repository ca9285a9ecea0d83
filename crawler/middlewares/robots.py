"""robots.txt (`RobotsTxtMiddleware`, 100, in place of Scrapy's): it holds for every request of a
host, also those queued while robots.txt is still downloading."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.http import Request


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
