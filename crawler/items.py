"""What a spider hands the pipeline: one `FetchItem` per attempt at a URL.

Contract for every spider that fetches for citewatch (spiders/sources.py for live
sources, spiders/mementos.py for archived copies, spiders/posts.py for social posts):

1. Run the spider with `crawler.spiderrun.run_spider(name, config, progress=None, **kwargs)`;
   it runs Scrapy in a child process with the citewatch settings applied, so every
   download passes the same middlewares (address refusal, robots.txt, retries with
   backoff, browser-header retry, 429 handling, TLS check, WARC recording).
2. Yield `scrapy.Request(url, meta={...}, callback=..., errback=..., dont_filter=True)`
   with these meta keys:

   - `source_id` (int, required): the `sources` row the fetch is about.
   - `purpose`: `live` (default), `memento`, `post` or `probe`. Only `live` fetches
     change the source's state; `memento` and `post` texts are stored with
     `texts.origin` = `memento` / `post`.
   - `memento_timestamp` (14 digits): for `memento` fetches, stored on the text.
   - `crawl_id` (int, optional): the `crawls` row; when absent the pipeline uses the
     spider's `crawl_id` argument, or opens a crawls row of its own for the run.
   - Scrapy's own keys work as usual (`dont_obey_robotstxt`, `download_timeout`,
     `dont_retry`, `max_retry_times`).
   - Set by the middlewares, read by `fetch_items`: `citewatch_attempt`
     (`citewatch` | `browser`), `citewatch_started`, `citewatch_warc` (path, offset of
     the response record), `citewatch_tls_error`, `citewatch_earlier` (the attempts
     that came before a browser-header retry), `citewatch_retried_for` (why: the earlier
     answer's status and wall), `citewatch_answered` (the status and headers came before
     the error), `citewatch_retry_after`, `citewatch_cut_for_size` (`CUT_FOR_SIZE`: the
     announced length and the cap of a live answer whose Content-Length was over the size
     cap, its download stopped at the headers),
     `citewatch_coding_repair` (a memento whose Content-Encoding lied, and what was done).
3. In the callback `yield from fetch_items(response)`; in the errback
   `yield from failure_items(failure)`. Nothing else is needed: the pipeline
   (crawler/pipelines.py) extracts the text off the reactor, classifies the answer
   (`crawler.classify.classify`), stores one `fetches` row per attempt (UNIQUE on
   crawl, source, purpose, requested URL, attempt: a re-run upserts), the text in
   `texts`, and, for `live` fetches, the source's state (crawler/state.py).

To classify an answer fetched some other way (a memento, a post), call
`crawler.classify.classify(fetch_item, extraction, probe=None)` → `Classification(cls,
reason, evidence)` with `kind` ok / rot / uncertain; `crawler.extract.extract(body,
content_type, url)` → `Extraction` (status ok / too_short / not_html / empty / failed).

Every request and response, robots.txt and redirect hops included, lands in the
crawl's gzip WARC under `<data_dir>/warc/`; `fetches.warc_path`/`warc_offset` point at
the final response record, the path relative to the data directory (`warc/<file>`, made
by the pipeline with `archive.warc.warc_pointer`; read it back with
`archive.warc.response_at(path, offset, data_dir)`), so a data directory moved or copied
elsewhere is read where it lands.  `fetches.final` = 1 marks the attempt whose class is the
source's outcome in that crawl (the browser retry when there was one).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from scrapy.http import Response
from twisted.python.failure import Failure

PURPOSES = ("live", "memento", "post", "post-state", "probe")
# meta: {"announced": bytes, "cap": bytes} of an answer whose Content-Length was over the size
# cap, its download stopped at the headers (crawler/middlewares/size.py `AnnouncedSizeMiddleware`)
CUT_FOR_SIZE = "citewatch_cut_for_size"


@dataclass
class FetchItem:
    """One attempt at a URL: the answer as the downloader saw it, or the error."""

    source_id: int
    requested_url: str
    purpose: str = "live"
    attempt: str = "citewatch"
    crawl_id: int | None = None
    final_url: str | None = None
    redirects: list[dict[str, Any]] = field(default_factory=list)
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str | None = None
    error_class: str | None = None
    error_message: str | None = None
    preset_class: str | None = None      # refused / blocked-by-robots: decided without an answer
    tls_error: str | None = None
    retry_after: float | None = None     # seconds a 429 asked for, beyond the cap
    coding_repair: str | None = None     # a memento's Content-Encoding did not match its bytes: what was done
    retried_for: dict[str, Any] | None = None  # why this attempt retried an earlier one: its status, and wall if any
    answered: bool = False               # an error after the status and headers came (a body too slow)
    truncated: bool = False              # the body ended before its Content-Length, on the retry too: kept as it came
    # {"announced", "cap"}: the Content-Length was over the size cap, so the body was not
    # downloaded (empty here): too-large, the status and headers kept, `length` the announced one
    cut_for_size: dict[str, int] | None = None
    memento_timestamp: str | None = None
    started_at: float | None = None
    elapsed: float | None = None
    warc_path: str | None = None         # the WARC file as written (absolute); the row stores it relative
    warc_offset: int | None = None
    final: bool = True
    probe: "FetchItem | None" = None     # the random-path probe on the same host (soft-404)


def response_headers(response: Response) -> dict[str, str]:
    """Response headers as one lower-cased str per name (last value wins)."""
    return {
        k.decode("latin-1").lower(): v[-1].decode("latin-1")
        for k, v in response.headers.items()
        if v
    }


def _common(meta: dict, url: str) -> dict[str, Any]:
    """The FetchItem fields every attempt takes from the request's meta."""
    redirect_urls = meta.get("redirect_urls") or []
    started = meta.get("citewatch_started")
    return dict(
        source_id=meta["source_id"],
        requested_url=redirect_urls[0] if redirect_urls else url,
        purpose=meta.get("purpose", "live"),
        attempt=meta.get("citewatch_attempt", "citewatch"),
        crawl_id=meta.get("crawl_id"),
        memento_timestamp=meta.get("memento_timestamp"),
        started_at=started,
        elapsed=round(time.time() - started, 3) if started else None,
        tls_error=meta.get("citewatch_tls_error"),
        coding_repair=meta.get("citewatch_coding_repair"),
        retried_for=meta.get("citewatch_retried_for"),
    )


def _hops(meta: dict, final_url: str, final_status: int | None) -> list[dict[str, Any]]:
    """Every hop of the redirect chain with its status, ending at the final URL."""
    urls = meta.get("redirect_urls") or []
    reasons = meta.get("redirect_reasons") or []
    hops = [{"url": u, **(r if isinstance(r, dict) else {"status": r})} for u, r in zip(urls, reasons)]
    return hops + [{"url": final_url, "status": final_status}] if hops else []


def item_from_response(response: Response, final: bool = True, meta: dict | None = None) -> FetchItem:
    """The attempt that ended in `response` (after redirects and decompression).

    A downloader middleware passes its request's `meta` (the response is not tied to it yet).
    """
    meta = response.meta if meta is None else meta
    warc = meta.get("citewatch_warc") or (None, None)
    return FetchItem(
        **_common(meta, response.url),
        final_url=response.url,
        redirects=_hops(meta, response.url, response.status),
        status=response.status,
        headers=response_headers(response),
        body=response.body,
        content_type=response_headers(response).get("content-type"),
        warc_path=warc[0],
        warc_offset=warc[1],
        retry_after=meta.get("citewatch_retry_after"),
        truncated="dataloss" in response.flags,
        cut_for_size=meta.get(CUT_FOR_SIZE),
        final=final,
    )


def item_from_failure(failure: Failure) -> FetchItem:
    """The attempt that ended in an error: DNS, connection, timeout, size cap, robots, refusal."""
    request = failure.request
    exc = failure.value
    item = FetchItem(
        **_common(request.meta, request.url),
        final_url=request.url,
        redirects=_hops(request.meta, request.url, None),
        error_class=type(exc).__name__,
        error_message=(str(exc) or repr(exc))[:500],
        answered=bool(request.meta.get("citewatch_answered")),
    )
    if type(exc).__name__ == "Refused":
        item.preset_class = "refused"
    elif "robots.txt" in item.error_message:
        item.preset_class = "blocked-by-robots"
    return item


def fetch_items(response: Response) -> list[FetchItem]:
    """Items for a response: the attempts before a browser retry, then the final one."""
    return list(response.meta.get("citewatch_earlier", [])) + [item_from_response(response)]


def failure_items(failure: Failure) -> list[FetchItem]:
    """Items for a failed request: earlier attempts, then the error itself."""
    earlier = failure.request.meta.get("citewatch_earlier", []) if hasattr(failure, "request") else []
    return list(earlier) + [item_from_failure(failure)]
