"""The announced size cap: a live answer whose Content-Length is over the cap is stopped at its
headers and kept, status and headers, its body empty: too-large (`AnnouncedSizeMiddleware`, 930);
and the cap on an answer's headers (`HeaderCappedParser`, which the middleware installs)."""

from __future__ import annotations

from scrapy import signals
from scrapy.core.downloader.handlers import http11
from scrapy.exceptions import StopDownload
from scrapy.http import Request
from twisted.web import _newclient

from crawler.items import CUT_FOR_SIZE

# The most bytes of status line and headers an answer may send (Chrome's own limit: 256 KiB).
MAX_HEADER_BYTES = 256 * 1024


# The parser Scrapy (2.19) reads answers with; Twisted's own where a release has none of its own.
_SCRAPY_PARSER = getattr(http11, "_LenientHTTPClientParser", _newclient.HTTPClientParser)


class HeaderCappedParser(_SCRAPY_PARSER):
    """The parser Scrapy's HTTP/1.1 handler reads answers with (Twisted's, lenient about header
    lines without a colon), with a cap on the status line and headers.  Twisted's has none (its
    server side stops at 500 headers): a page that sent "HTTP/1.1 200 OK" and then header lines
    forever grew the crawl by 300 MB every five seconds until its timeout, three times with the
    retries, and sixteen such pages at once would take the machine's memory; the size cap
    (max_size) counts the body only.  Past MAX_HEADER_BYTES the answer is a ParseError, which
    fails the download: a connection-error whose reason says so (crawler/classify.py reads
    ParseError).  The count starts with each answer: Scrapy gives each request a parser of its
    own, made as Twisted's and then given this class (`_LenientHTTP11ClientProtocol.request`),
    so it is kept on the parser as it comes, not set up when the parser is made."""

    def lineReceived(self, line: bytes) -> None:
        if self.state in (_newclient.STATUS, _newclient.HEADER):
            self._header_bytes = getattr(self, "_header_bytes", 0) + len(line) + 1
            if self._header_bytes > MAX_HEADER_BYTES:
                raise _newclient.ParseError(f"over {MAX_HEADER_BYTES // 1024} KiB of status line and headers",
                                            line[:80])
        super().lineReceived(line)


def cap_headers() -> None:
    """Have Scrapy's HTTP/1.1 handler read answers with `HeaderCappedParser`: its protocol gives
    each request's parser the class its module names `_LenientHTTPClientParser`, after Twisted's
    protocol made it by the name its own module gives (`HTTPClientParser`); neither offers another
    hook (tests/test_crawl.py's header flood fails if a release moves them).  For the whole
    process, which runs one crawl."""
    if hasattr(http11, "_LenientHTTPClientParser"):
        http11._LenientHTTPClientParser = HeaderCappedParser
    _newclient.HTTPClientParser = HeaderCappedParser


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
        cap_headers()   # (the size of an answer's headers: see HeaderCappedParser)
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
