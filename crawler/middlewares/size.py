"""The announced size cap: a live answer whose Content-Length is over the cap is stopped at its
headers and kept, status and headers, its body empty: too-large (`AnnouncedSizeMiddleware`, 930)."""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import StopDownload
from scrapy.http import Request

from crawler.items import CUT_FOR_SIZE


class AnnouncedSizeMiddleware:
    """Keep the status and headers of a live answer whose Content-Length is over the size cap.

    Scrapy cancels such a download with an error as soon as its headers come
    (DownloadCancelledError): the fetch had no status, content type nor headers, and the WARC
    the request alone.  A careful crawler (Heritrix) keeps the answer's status line and headers
    in a response record marked `WARC-Truncated: length` (WARC 1.1 section 5.13), its body cut.
    So the headers_received handler, before Scrapy's check, stops the download there keeping
    the answer (`StopDownload(fail=False)`: Scrapy hands it on with an empty body, flagged
    "download_stopped") and marks the request (`CUT_FOR_SIZE`: the announced length and the
    cap, the request's `download_maxsize` meta, else DOWNLOAD_MAXSIZE); the WARC recorder
    writes the mark, and the fetch (crawler/items.py `cut_for_size`) is too-large
    (crawler/classify.py), its status and content type recorded, nothing read from its body.
    The mark is this attempt's: a retry or a redirect copies the meta, so each request
    starts without it.

    Left to Scrapy's cap, as before: a body with no Content-Length that grows past the cap as
    it streams and one that decompresses past it (no handler per chunk: it would cost every
    page), robots.txt (no source), a redirect hop (an answer with a Location: the signal
    carries no status; the mark is for a source's final answer), and the fetches that are
    not live (a memento, a post, a probe: their callbacks read a 200 as a page).
    Its own component, not the WARC recorder's: that one is off when no WARC is written.
    """

    def __init__(self, maxsize: int):
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        # (a bound method of a middleware, which lives as long as the crawl: pydispatch keeps a weak reference)
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        return middleware

    def process_request(self, request: Request) -> None:
        request.meta.pop(CUT_FOR_SIZE, None)   # an earlier attempt's (a retry or a redirect copies the meta)

    def headers_received(self, headers, body_length, request: Request, **_signal) -> None:
        """Stop the download of an answer announced over the cap, marking the request; an
        unknown length (Twisted's UNKNOWN_LENGTH, not an int) is left to Scrapy's cap."""
        cap = request.meta.get("download_maxsize", self.maxsize)
        if not (cap and isinstance(body_length, int) and body_length > cap):
            return
        if ("source_id" not in request.meta or request.meta.get("purpose", "live") != "live"
                or b"Location" in headers):
            return
        request.meta[CUT_FOR_SIZE] = {"announced": body_length, "cap": cap}
        raise StopDownload(fail=False)
