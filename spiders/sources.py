"""The `sources` spider: fetch every cited source that is due for a check.

`citewatch crawl` runs it through crawler/spiderrun.py; `scrapy crawl sources` from the
project root works too (the database comes from CITEWATCH_DB / citewatch.toml).
A 200 page that is not a home page is compared with a random path on the same host
(one probe per host, shared by all its pages) to tell a soft-404 from a live page.
A host that asked to wait beyond the crawl's Retry-After cap (table host_quiet, crawler/state.py
`quiet_hosts`) is asked nothing before its time: its sources are not requested and stay due
(crawler/crawl.py says so, once per host).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

import scrapy

import db as database
from crawler.classify import is_home_page
from crawler.config import load_config
from crawler.items import FetchItem, failure_items, fetch_items
from crawler.middlewares.refusals import refusal
from crawler.spiderrun import apply_config
from crawler.state import due_sources, quiet_hosts, without_quiet_hosts


class SourcesSpider(scrapy.Spider):
    name = "sources"

    def __init__(self, crawl_id=None, all_sources=False, limit=None, source_ids=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.crawl_id = int(crawl_id) if crawl_id not in (None, "") else None
        self.all_sources = str(all_sources).lower() in ("1", "true", "yes")
        self.limit = int(limit) if limit else None
        self.source_ids = _ids(source_ids)
        self._probes: dict[str, list | FetchItem] = {}

    @classmethod
    def update_settings(cls, settings):
        """Under plain `scrapy crawl sources`, read the citewatch configuration here."""
        super().update_settings(settings)
        if not settings.get("CITEWATCH_CONFIG"):
            apply_config(settings, load_config().values, cls.name, priority="spider")

    @property
    def config(self) -> dict:
        return self.settings.getdict("CITEWATCH_CONFIG")

    async def start(self):
        db = database.open_db(self.config["db"], migration_wait=self.config.get("migration_wait"),
                              write_wait=self.config.get("write_wait"))
        try:  # crawl_id: given by `citewatch crawl`, or opened by the pipeline under plain scrapy
            sources = due_sources(db, self.crawl_id, self.all_sources, self.limit,
                                  social=self.config.get("crawl_social", True), source_ids=self.source_ids,
                                  config=self.config)
            sources, _ = without_quiet_hosts(sources, quiet_hosts(db))   # (not even their robots.txt)
        finally:
            db.conn.close()
        allow_private = bool(self.config.get("allow_private_networks"))
        for source in sources:
            reason = refusal(source["url"], allow_private)
            if not reason:
                try:
                    yield self.request(source["id"], source["url"])
                    continue
                except ValueError as exc:  # a URL Scrapy cannot parse: recorded, the crawl goes on
                    reason = f"not a valid URL ({exc}); repair it in the citation"
            yield FetchItem(source_id=source["id"], requested_url=source["url"], crawl_id=self.crawl_id,
                            preset_class="refused", error_message=reason)

    def request(self, source_id: int, url: str, purpose: str = "live", **kwargs) -> scrapy.Request:
        """A fetch of a source; dont_filter, so two sources redirecting to one page both end recorded."""
        return scrapy.Request(url, callback=kwargs.pop("callback", self.parse), errback=kwargs.pop("errback", self.failed),
                              meta={"source_id": source_id, "purpose": purpose, "crawl_id": self.crawl_id},
                              dont_filter=True, **kwargs)

    def _wants_probe(self, item: FetchItem) -> bool:
        return (bool(self.config.get("soft404_probe", True)) and item.purpose == "live" and item.status == 200
                and not item.cut_for_size   # its body was not downloaded: no page to judge
                and "html" in (item.content_type or "").lower() and not is_home_page(item.requested_url))

    def parse(self, response):
        items = fetch_items(response)
        final = items[-1]
        if not self._wants_probe(final):
            yield from items
            return
        parts = urlsplit(final.final_url)
        host = f"{parts.scheme}://{parts.netloc}"
        known = self._probes.get(host)
        if isinstance(known, FetchItem):
            final.probe = known
            yield from items
        elif known is not None:
            known.append(items)
        else:
            self._probes[host] = [items]
            probe_url = f"{host}/{secrets.token_hex(12)}-citewatch-probe"
            yield self.request(final.source_id, probe_url, purpose="probe", callback=self.probed,
                               errback=self.probe_failed, cb_kwargs={"host": host})

    def _release(self, host: str, probe: FetchItem):
        """Every page waiting for this host's probe, now with the probe attached."""
        waiting = self._probes.get(host)
        self._probes[host] = probe
        for items in waiting if isinstance(waiting, list) else []:
            items[-1].probe = probe
            yield from items

    def probed(self, response, host):
        items = fetch_items(response)
        yield from items
        yield from self._release(host, items[-1])

    def probe_failed(self, failure):
        items = failure_items(failure)
        yield from items
        yield from self._release(failure.request.cb_kwargs["host"], items[-1])

    def failed(self, failure):
        yield from failure_items(failure)


def _ids(source_ids) -> list[int] | None:
    """The sources a crawl is limited to (crawler/crawl.py `run`'s `source_ids`), None for every
    one: a list from `citewatch`, or "3,5" from `scrapy crawl sources -a source_ids=3,5`, whose
    empty value is no source, never every one."""
    if source_ids is None:
        return None
    if isinstance(source_ids, str):
        return [int(part) for part in source_ids.split(",") if part.strip()]
    return [int(i) for i in source_ids]
