"""WARC files of a crawl: every request and response (bodies as received), gzipped record by record.

`WarcFile.write_exchange(...)` appends a response record and its request record and
returns the response record's offset, which the fetch row stores with the file's path
relative to the data directory (`warc_pointer`; `response_at` reads it back from the
data directory configured then, wherever it has moved).  Each record is its
own gzip member (so an offset can be read alone), at the `warc_compression_level`
setting (default 1).  Levels 1-3 compress with ISA-L (python-isal), levels 4-9 with
zlib, 0 stores: on 30-80 KB pages ISA-L's level 1 costs about a quarter of the CPU of
zlib's level 1 for a file no bigger, and zlib's level 6 four times zlib's 1 for a file
~20% smaller (BENCHMARKS.md).  Compression was the largest cost of the crawl's own
process after Scrapy; a WARC can be recompressed later, a crawl cannot be re-run at the
same moment.  Both write plain gzip members, which any WARC reader opens.  Bodies are
written as they came off the wire (before Scrapy decompresses them), so Content-Length
and Content-Encoding stay true to the payload and WARC-Payload-Digest is taken of the
body as sent, its content coding kept (WARC 1.1 section 5.9).  A chunked body is stored
with its chunking undone, and no header announces a framing it no longer has: Twisted
hands on no Transfer-Encoding, nor its other connection-control headers (Connection,
Keep-Alive, TE, Trailer, Upgrade), and Scrapy lists the Content-Length sent first.  The
status line has the HTTP version the server answered in (Scrapy's `response.protocol`:
an old server's HTTP/1.0) and the standard reason phrase of its code (Scrapy keeps no
server's own).  A body the server cut short
(Scrapy's "dataloss" flag: the connection closed before its Content-Length) is kept as
it came, and its record says so with `WARC-Truncated: disconnect` (WARC 1.1 section
5.13); its HTTP headers stay as the server sent them, the promised Content-Length
included, and the record's own Content-Length is what was read.  A request record
carries the `Host` header Twisted adds to every request it sends (Scrapy's request
headers do not hold it).

Header values are not stored byte for byte.  Twisted hands them on with the line's CR LF
(or lone LF) dropped, a folded value's lines joined and surrounding whitespace stripped;
citewatch reads each byte as one latin-1 character (crawler/middlewares/warc.py `_header_pairs`);
warcio 1.8.1 then writes a value that is all ASCII as it is (a bare CR inside it too:
nothing is escaped), and percent-encodes a value holding any byte over 0x7F as the UTF-8
of its latin-1 reading (`StatusAndHeaders.percent_encode_non_ascii_headers`): the whole
value, spaces and colons included (`café au lait` sent in latin-1 is stored
`caf%C3%A9%20au%20lait`), or, when it holds a `;`, each `name="value"` parameter rewritten
as `name*=UTF-8''…` (RFC 8187), its quotes dropped.  `urllib.parse.unquote(value)
.encode("latin-1")` gives back the bytes of a wholly encoded value; a rewritten parameter's
quotes are lost.  Names are written as Scrapy hands them on (warcio encodes values
only): title-cased (`ETag` is stored `Etag`, `WWW-Authenticate` `Www-Authenticate`), and a
name's repeats together where it first came (`Set-Cookie`, another header, `Set-Cookie`
is stored with the two `Set-Cookie` lines first).

Records are WARC/1.1, as the warcinfo says, with WARC-Date to the microsecond in warcio's
format (`2026-11-29T07:16:01.123456Z`; a whole second has no fraction).  A WARC-Date is when
the capture began, not when the record was written (WARC 1.1 section 5.4: "the instant that
data capture for record creation began"), which for a slow or large page is seconds later:
the request record's is the moment the request was sent, the response record's the moment
the response began to arrive (its status line and headers), as the crawl measured them
(`write_exchange`'s `sent_at` and `answered_at`, from crawler/middlewares/warc.py
`WarcRecorderMiddleware`: the headers' moment, less Scrapy's `download_latency` for the
send).  A record given no moment (the warcinfo, a caller that measured none) is dated when
it is written, by warcio's `_make_warc_date`; record ids come from its `_make_warc_id`:
hooks that tests may pin, as warcio's own tests do.  A cluster worker's recorder
(crawler/cluster/records.py `ShippingWarcRecorder`) is a `WarcRecorderMiddleware`, its
records dated alike; it also hands every record's gzip member to the collector as it is
written (`on_record`), and the collector appends those same bytes to the crawl's one
central file: `gzip_member` is the one place a record is compressed.

Reading a record back (`response_at`) decodes its body as the crawl decoded it, so that
the body read back is the one the fetch's sha256 was taken of: the payload as stored
(`raw_stream`, no decoding of warcio's), a raw replay's lying label first judged from the
bytes as the crawl judged it (crawler/middlewares/codings.py `coding_repair`), then Scrapy's own
decoding (HttpCompressionMiddleware's: every zstd frame and gzip member, a plain body
labelled `br` read as Scrapy reads it), under the `max_size` cap the crawl had, so a
decompression bomb kept raw in the WARC is not expanded.  warcio's own decoders differ:
its brotli hook raises with Brotli 1.2 (warcio issue #73), it stops after the first gzip
member and knows no zstd.  A record that cannot be decoded is said in one line and left
unread.  The crawl asks for gzip and deflate only (crawler/settings.py), which warcio and
pywb read anywhere.

Scrapy's decoding is reached through private names, accepted: `HttpCompressionMiddleware`'s
`_split_encodings` and `_decode`, and `scrapy.utils._compression._DecompressionMaxSizeExceeded`
(its size cap), as of Scrapy 2.19 (pyproject asks for it); a copy of the decoding would drift
from the crawl's own.  The exception is imported in `response_at`, not at the top: the crawl's
WARC writer imports this module, and a Scrapy that moved it must break the read-back only,
never every crawl at import.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from isal import isal_zlib
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from crawler.config import SETTINGS
from crawler.middlewares.codings import _RAW_REPLAY, coding_repair

logger = logging.getLogger(__name__)

DEFAULT_LEVEL = 1
WARC_VERSION = "1.1"
MAX_SIZE = next(setting.default for setting in SETTINGS if setting.name == "max_size")   # the crawl's cap


def gzip_compressor(level: int):
    """A gzip-member compressor at `level`: ISA-L for 1-3 (its whole range), zlib otherwise."""
    module = isal_zlib if 1 <= level <= isal_zlib.ISAL_BEST_COMPRESSION else zlib
    return module.compressobj(level, module.DEFLATED, zlib.MAX_WBITS + 16)


def gzip_member(record, level: int = DEFAULT_LEVEL) -> bytes:
    """One WARC record as its own gzip member: readable alone at its offset, concatenable."""
    plain = io.BytesIO()  # (warcio's BufferWARCWriter spools to a temporary file: dearer per record)
    WARCWriter(plain, gzip=False).write_record(record)
    compressor = gzip_compressor(level)
    return compressor.compress(plain.getbuffer()) + compressor.flush()


def warcinfo_record(filename: str):
    """The warcinfo record that opens a citewatch WARC file."""
    return WARCWriter(None, gzip=False, warc_version=WARC_VERSION).create_warcinfo_record(
        filename, {"software": "citewatch", "format": "WARC File Format 1.1"}
    )


class WarcFile:
    """One gzip WARC file, opened for appending; one writer per process.

    `on_record(record, member)`, when given, is called with every request and response
    record and its gzip member right after it is written (not the file's own warcinfo).

    A write that fails (a full disk, a file system remounted read-only) raises its OSError
    and leaves no part of its records in the file: the bytes a full disk took are cut off
    again (`_write`), so no later record follows half of one and `citewatch verify` reads the
    file whole.  The file is unbuffered, each call's records going out in one writev: a
    buffer would keep a failed record's tail, to be written behind later records at close.
    """

    def __init__(self, path: str | Path, level: int = DEFAULT_LEVEL,
                 on_record: Callable[[object, bytes], None] | None = None):
        if not 0 <= level <= 9:
            raise ValueError(f"warc_compression_level: {level} is not a gzip level; give 0 (none) to 9 (smallest)")
        self.path = Path(path)
        self.level = level
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "ab", buffering=0)
        self._end = self._file.seek(0, os.SEEK_END)
        self._writer = WARCWriter(None, gzip=False, warc_version=WARC_VERSION)  # makes records; _append writes them
        self._on_record = None
        try:
            self._append(warcinfo_record(self.path.name))
        except OSError:
            self._discard()
            raise
        self._on_record = on_record

    def _discard(self) -> None:
        """Close the file, and remove it if nothing is in it (its warcinfo could not be written)."""
        self._file.close()
        with contextlib.suppress(OSError):
            if self.path.stat().st_size == 0:
                self.path.unlink()

    def _append(self, *records) -> int:
        """Write `records`, each as its own gzip member, all or none; return the first one's offset."""
        members = [gzip_member(record, self.level) for record in records]
        offset = self._write(members)
        if self._on_record:
            for record, member in zip(records, members):
                self._on_record(record, member)
        return offset

    def _write(self, members: list[bytes]) -> int:
        """Append `members` whole, or cut the file back to where they began and raise the
        OSError (a full disk writes part of them, then fails); return where they begin."""
        start = self._end
        pending = [memoryview(member) for member in members]
        try:
            while pending:
                written = os.writev(self._file.fileno(), pending)
                self._end += written
                while pending and written >= len(pending[0]):
                    written -= len(pending.pop(0))
                if pending:
                    pending[0] = pending[0][written:]
        except OSError:
            with contextlib.suppress(OSError):   # (a read-only file system refuses this too: nothing was written there)
                os.ftruncate(self._file.fileno(), start)
                self._end = start
            raise
        return start

    def write_exchange(
        self,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        body: bytes,
        ip_address: str | None = None,
        truncated: str | None = None,
        sent_at: float | None = None,
        answered_at: float | None = None,
        version: str = "HTTP/1.1",
    ) -> int:
        """Append the request and response records; return the response record's offset.

        `truncated` is the WARC-Truncated reason when `body` is not the whole payload
        ("disconnect": the server closed the connection before its Content-Length).
        `sent_at` and `answered_at` (POSIX seconds) are when the request was sent and when
        the response began to arrive: the two records' WARC-Dates (see the module docstring);
        None dates a record now.  `version` is the HTTP version the server answered in, as
        its status line said it: the record is evidence of what came back."""
        http = StatusAndHeaders(f"{status} {reason}".strip(), response_headers, protocol=version)
        warc_headers = {"WARC-IP-Address": ip_address} if ip_address else {}
        if truncated:
            warc_headers["WARC-Truncated"] = truncated
        response = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=http, warc_headers_dict=warc_headers,
        )
        request = self._request_record(url, method, request_headers,
                                       response.rec_headers.get_header("WARC-Record-ID"), sent_at)
        return self._append(_dated(response, answered_at), request)

    def write_request(self, url: str, method: str, request_headers: list[tuple[str, str]],
                      sent_at: float | None = None) -> None:
        """Append a request that got no answer (DNS failure, refused connection, timeout),
        dated `sent_at` (POSIX seconds; None: now)."""
        self._append(self._request_record(url, method, request_headers, None, sent_at))

    def _request_record(self, url, method, headers, concurrent_to: str | None, sent_at: float | None):
        """The request record of an exchange, dated `sent_at`."""
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")   # as Twisted sends it
        if not any(name.lower() == "host" for name, _ in headers):
            headers = [*headers, ("Host", _host_header(parts.scheme, parts.netloc))]
        http = StatusAndHeaders(f"{method} {target} HTTP/1.1", headers, is_http_request=True)
        warc_headers = {"WARC-Concurrent-To": concurrent_to} if concurrent_to else None
        record = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0, http_headers=http, warc_headers_dict=warc_headers
        )
        return _dated(record, sent_at)

    def close(self) -> None:
        self._file.close()


def _dated(record, moment: float | None):
    """`record` with its WARC-Date set to `moment` (POSIX seconds), to the microsecond as
    warcio writes a WARC/1.1 date; left as the `_make_warc_date` hook dated it when None.
    (Set in place, so the WARC headers keep warcio's order; no digest covers them.)"""
    if moment is not None:
        when = datetime.fromtimestamp(moment, timezone.utc).replace(tzinfo=None)
        record.rec_headers.replace_header("WARC-Date", datetime_to_iso_date(when, use_micros=True))
    return record


def _host_header(scheme: str, netloc: str) -> str:
    """The Host header Twisted's Agent sends for a URL (`_computeHostValue`): the authority
    without user info, and without the port when it is the scheme's default."""
    host = netloc.rpartition("@")[2]
    default = {"http": ":80", "https": ":443"}.get(scheme.lower())
    return host.removesuffix(default) if default and host.endswith(default) else host


@functools.lru_cache(maxsize=16)
def warc_pointer(path: str | Path, data_dir: str | Path) -> str:
    """What a fetch row stores of the WARC file it points into: the path relative to the data
    directory (`warc/<file>`), so that the data directory can be moved or copied whole and
    read where it lands, as ArchiveBox keeps its snapshots' paths; a file outside the data
    directory keeps its absolute path.  (Cached: a crawl writes one file, and resolving the
    two paths again would cost each fetch some 40 µs.)"""
    path, root = Path(path).resolve(), Path(data_dir).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def warc_location(pointer: str, data_dir: str | Path) -> Path:
    """Where the WARC file a fetch row points at is now, the data directory being `data_dir`.

    A relative pointer (`warc_pointer`) lies in the data directory.  An absolute one (a row
    from before migration m013 that it could not rewrite, or a file outside the data
    directory) is read where it was written while the file is still there, else from the
    data directory's `warc/` (the directory was moved since)."""
    stored = Path(pointer)
    if not stored.is_absolute():
        return Path(data_dir) / stored
    return stored if stored.exists() else Path(data_dir) / "warc" / stored.name


def headers_at(path: str | None, offset: int | None, data_dir: str | Path) -> StatusAndHeaders | None:
    """The HTTP headers of the response record a fetch points at (`fetches.warc_path`, found
    in `data_dir` by `warc_location`), its body left unread: a caller that wants one header
    (`Memento-Datetime`) must not depend on the body decoding.  None when the file, the
    offset or the record cannot be read (a WARC deleted)."""
    read = _record_at(path, offset, data_dir, with_body=False)
    return read[0].http_headers if read else None


def response_at(path: str | None, offset: int | None, data_dir: str | Path,
                max_size: int = MAX_SIZE) -> tuple[StatusAndHeaders, bytes] | None:
    """The HTTP headers (as `headers_at`) and body (decoded as the crawl decoded it:
    `crawl_decoded`) of the response record a fetch points at; None when the file, the
    offset or the record cannot be read (a WARC deleted).

    A record that is there but cannot be decoded, or decodes to more than `max_size` bytes
    (the crawl's size cap: a bomb is not expanded), is said in one line naming its file,
    offset and URL, and is None too: the caller's stage goes on for its other sources."""
    from scrapy.utils._compression import _DecompressionMaxSizeExceeded   # (here: see the module docstring)

    read = _record_at(path, offset, data_dir, with_body=True)
    if read is None:
        return None
    record, stored, location = read
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    try:
        return record.http_headers, crawl_decoded(stored, record.http_headers, url, max_size)
    except _DecompressionMaxSizeExceeded:
        _unreadable(location, offset, record, f"it decodes to more than max_size ({max_size} bytes)")
    except Exception as error:  # a decoder may raise anything on bytes from the web
        _unreadable(location, offset, record, f"{type(error).__name__}: {error}")
    return None


def _record_at(path: str | None, offset: int | None, data_dir: str | Path,
               with_body: bool) -> tuple[object, bytes | None, Path] | None:
    """The response record at `offset` of the WARC a fetch points at, its payload as stored
    (`raw_stream`, no coding undone) when `with_body`, and where the file was found; None
    when the file, the offset or the record cannot be read."""
    if not path or offset is None:
        return None
    location = warc_location(path, data_dir)
    try:
        with open(location, "rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)), None)
            if record is None or record.http_headers is None:
                return None
            stored = record.raw_stream.read() if with_body else None
    except (OSError, ArchiveLoadFailed):
        return None
    return record, stored, location


def crawl_decoded(body: bytes, headers: StatusAndHeaders, url: str, max_size: int = MAX_SIZE) -> bytes:
    """`body` as received, decoded as the crawl decoded it, so that its sha256 is the fetch's:
    a raw replay's label judged from the bytes first (MementoCodingMiddleware's
    `coding_repair`), then Scrapy's HttpCompressionMiddleware's own decoding of the codings
    it knows, outermost first, at most `max_size` bytes (0: no cap).  An empty body (a HEAD,
    a bare redirect) has nothing to decode."""
    if not body:
        return body
    labels = [value for name, value in headers.headers if name.lower() == "content-encoding"]
    repair = coding_repair(body, labels) if _RAW_REPLAY.search(url) else None
    codings = repair[0] if repair else labels
    to_decode, _unknown = HttpCompressionMiddleware._split_encodings(
        [coding.encode("latin-1", "replace") for coding in codings])
    for coding in to_decode:
        body = HttpCompressionMiddleware._decode(body, coding, max_size)
    return body


def _unreadable(location: Path, offset: int, record, why: str) -> None:
    """Say in one line which record could not be decoded and why, and that it is left unread."""
    coding = record.http_headers.get_header("Content-Encoding") or "none"
    logger.warning("%s at offset %d (%s): its body cannot be decoded (Content-Encoding %s: %s); "
                   "left unread, the rest goes on; `warcio extract %s %d` shows the record as stored",
                   location, offset, record.rec_headers.get_header("WARC-Target-URI"), coding,
                   why, location, offset)
