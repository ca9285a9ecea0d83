"""The crawl's WARC: every request and response as received, before decompression and redirects,
with the mark of a body cut short or not downloaded (`WarcRecorderMiddleware`, 950; the records
are written by archive/warc.py)."""

from __future__ import annotations

import time
from http import HTTPStatus
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from archive.warc import DEFAULT_LEVEL, WarcFile
from crawler.items import CUT_FOR_SIZE
from crawler.middlewares import _config
from crawler.spiderrun import local_write_failure, stop_for_local_write


def _header_pairs(headers) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, values in headers.items() for v in values]


class WarcRecorderMiddleware:
    """Every exchange into the WARC as it came off the wire; the offset goes into meta.

    Records are written on the reactor's thread, in order: at the default level an
    exchange costs ~0.2 ms of CPU, less than handing it to a writer thread and back did.

    Each record is dated when its capture began (archive/warc.py's docstring), not when it is
    written, after the whole body came: the response record when the status and headers
    arrived (the headers_received signal), the request record that moment less Scrapy's
    `download_latency` (its seconds from sending to the headers, one clock).  Not
    `citewatch_started`: it is taken before the request waits in its host's queue for the
    politeness delay, and a retry or a redirect keeps the first attempt's.  A request
    that got no answer is dated by `unanswered_sent_at`.

    A write that fails (a full disk, a file system remounted read-only) is this machine's
    fault, not the page's: it stops the crawl (crawler/spiderrun.py `stop_for_local_write`),
    the answer goes on without a record, and nothing more is written or stored.  It never
    reaches the request's errback, which would record the source as a connection-error.
    """

    SENT_AT, ANSWERED_AT = "citewatch_sent_at", "citewatch_answered_at"   # meta: this attempt's, for its WARC-Dates

    def __init__(self, path: Path, level: int = DEFAULT_LEVEL):
        self.path = path
        self.level = level
        self._warc: WarcFile | None = None

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("CITEWATCH_WARC_PATH")
        if not path:
            raise NotConfigured
        recorder = cls(Path(path), int(_config(crawler).get("warc_compression_level", DEFAULT_LEVEL)))
        recorder.crawler = crawler
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.headers_received, signal=signals.headers_received)
        return recorder

    @property
    def warc(self) -> WarcFile:
        if self._warc is None:
            self._warc = WarcFile(self.path, self.level)
        return self._warc

    def process_request(self, request: Request) -> None:
        request.meta.setdefault("citewatch_started", time.time())
        for key in (self.SENT_AT, self.ANSWERED_AT):   # this attempt's own (a retry or a redirect copies the meta)
            request.meta.pop(key, None)

    def headers_received(self, request: Request, **_signal) -> None:
        """Note when this attempt's answer began to arrive and, from `download_latency` (set by
        Scrapy just before this signal), when its request was sent."""
        now = time.time()
        latency = request.meta.get("download_latency")
        request.meta[self.ANSWERED_AT] = now
        request.meta[self.SENT_AT] = now - latency if latency is not None else None

    def process_response(self, request: Request, response: Response) -> Response:
        # an earlier attempt's pointer (a retry or a redirect copies the meta) must not stand for
        # this answer's record when it is not written
        request.meta.pop("citewatch_warc", None)
        if local_write_failure():
            return response   # (the crawl is stopping: its pages are not stored)
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        try:
            offset = self.warc.write_exchange(
                response.url, request.method, _header_pairs(request.headers),
                response.status, phrase, _header_pairs(response.headers), response.body,
                str(response.ip_address) if response.ip_address else None,
                _truncation(request, response),
                sent_at=request.meta.get(self.SENT_AT), answered_at=request.meta.get(self.ANSWERED_AT),
                version=_http_version(response),
            )
        except OSError as exc:
            stop_for_local_write(self.crawler, self.path, exc)
            return response
        request.meta["citewatch_warc"] = (str(self.path), offset)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        # (an answer that grew past the size cap with no Content-Length: only its request is kept)
        if local_write_failure():
            return
        try:
            self.warc.write_request(request.url, request.method, _header_pairs(request.headers),
                                    sent_at=self.unanswered_sent_at(request.meta, exception))
        except OSError as exc:
            stop_for_local_write(self.crawler, self.path, exc)

    @classmethod
    def unanswered_sent_at(cls, meta: dict, exception: Exception) -> float:
        """When a request whose download failed was sent (its request record's WARC-Date).

        Headers that came before the failure (a body cut short or slower than the timeout)
        give it as for an answer.  Without them Scrapy measured nothing: a timeout fires
        `download_timeout` seconds after the send (its timer starts with the download), any
        other failure (a refused connection, a failed lookup or TLS handshake) comes at once,
        so now; never before `citewatch_started`, taken before the request waited its turn."""
        if meta.get(cls.SENT_AT) is not None:
            return meta[cls.SENT_AT]
        now = time.time()
        if type(exception).__name__ == "DownloadTimeoutError" and meta.get("download_timeout"):
            return max(now - float(meta["download_timeout"]), meta.get("citewatch_started") or 0.0)
        return now

    def spider_closed(self) -> None:
        if self._warc is not None:
            try:
                self._warc.close()
            except OSError as exc:   # (a network file system may say only now that a write failed)
                stop_for_local_write(self.crawler, self.path, exc)


def _http_version(response: Response) -> str:
    """The HTTP version of the answer's status line, as the server sent it (Scrapy's
    `response.protocol`: HTTP/1.0 from an old server), so that the record does not say the
    server spoke a version it did not; HTTP/1.1 when Scrapy gives none or one that is not
    HTTP/1.x (a WARC response record holds an HTTP/1.x message)."""
    protocol = getattr(response, "protocol", None)
    return protocol if protocol in ("HTTP/1.0", "HTTP/1.1") else "HTTP/1.1"


def _truncation(request: Request, response: Response) -> str | None:
    """The WARC-Truncated reason of an answer whose body is not the whole payload:
    "disconnect" for one the server cut short (kept as it came), "length" for one over the
    size cap whose download was stopped at the headers (`AnnouncedSizeMiddleware`)."""
    if "dataloss" in response.flags:
        return "disconnect"
    return "length" if CUT_FOR_SIZE in request.meta else None
