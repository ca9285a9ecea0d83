"""The `mementos` spider: fetch archived copies' original bytes (`/web/<ts>id_/<url>`).

The archive stage (archive/rescue.py) chooses which mementos to fetch and passes them
as `targets` ({source_id, url, timestamp} each) through crawler/spiderrun.py.  Every
fetch goes through the same middlewares and pipeline as a live one: its bytes land in
the WARC, it gets a `fetches` row with purpose = memento and a class (a memento that
redirects to an error page, is a soft-404, a login page or a bot wall is rotten), and
its text is stored with origin = memento and the timestamp of the memento actually
served (a capture of a redirect ends at the capture of its target, which may be of
another day or year: the text is that capture's, read off the final replay URL).  No soft-404
probe: a random path on the archive says nothing about the archived site.  The
archive's own robots.txt is not consulted: replay is an API used under the archive's
published rate limits (docs/archive.md), not a site being crawled.  After the archive's own
429 the crawl asks it nothing more (crawler/middlewares/retries.py BrowserRetryMiddleware): the
targets not asked yet get no fetch, and archive/rescue.py leaves them to the next run.
"""

from __future__ import annotations

import json

import scrapy

from archive.mementos import memento_from_url
from crawler.config import load_config
from crawler.items import failure_items, fetch_items
from crawler.spiderrun import apply_config


class MementosSpider(scrapy.Spider):
    name = "mementos"
    # its requests go to the configured archive, which may live on a private address (an intranet
    # archive): crawler/middlewares/refusals.py `RefuseMiddleware` trusts that host and port
    asks_configured_services = True

    def __init__(self, targets=None, crawl_id=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `scrapy crawl mementos -a targets='[...]'` passes JSON text; run_spider passes the list.
        self.targets = json.loads(targets) if isinstance(targets, str) else list(targets or [])
        self.crawl_id = int(crawl_id) if crawl_id not in (None, "") else None

    @classmethod
    def update_settings(cls, settings):
        """Under plain `scrapy crawl mementos`, read the citewatch configuration here."""
        super().update_settings(settings)
        if not settings.get("CITEWATCH_CONFIG"):
            apply_config(settings, load_config().values, cls.name, priority="spider")

    async def start(self):
        for target in self.targets:
            yield scrapy.Request(
                target["url"], callback=self.parse, errback=self.failed, dont_filter=True,
                meta={"source_id": int(target["source_id"]), "purpose": "memento",
                      "memento_timestamp": target["timestamp"], "crawl_id": self.crawl_id,
                      "dont_obey_robotstxt": True},   # replay is an API, not a crawl (see above)
            )

    def parse(self, response):
        items = fetch_items(response)
        served = memento_from_url(response.url)
        if served:  # the answer's text is of the capture served, not of the one asked for
            items[-1].memento_timestamp = served.timestamp
        yield from items

    def failed(self, failure):
        yield from failure_items(failure)
