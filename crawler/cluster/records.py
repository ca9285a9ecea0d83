"""A distributed crawl's WARC: written on the workers, kept in one file beside the database.

A worker records every exchange as a single-machine crawl does (WarcRecorderMiddleware,
on the reactor's thread, each record its own gzip member), and `ShippingWarcRecorder`
also pushes each member, with its WARC-Record-ID, to the crawl's records list in Redis
as it is written, before the fetch's result (which carries the response record's id)
is pushed: so any result the collector reads has its records in the list already.

The worker keeps its local file, `<data_dir>/warc/sources-crawl<id>-<worker>.warc.gz`, as
its own log: the bytes are already compressed, so the copy costs a write, and it holds
what the worker fetched even if Redis is lost before the collector drains it.  The
database never points at it.

The collector (`CentralWarc`) appends the members, in the order they came, to
`<data_dir>/warc/sources-crawl<id>.warc.gz` on its machine (one warcinfo record first,
once), fsyncs, and only then trims the list; a fetch row gets that file (relative to the
data directory, `warc/sources-crawl<id>.warc.gz`, as a single-machine crawl's rows) and
the offset of its response record.  The record id → offset map is rebuilt from the file itself
when the collector starts (nothing else to keep in step with it): a collector killed
between the fsync and the trim finds those ids in the file and skips them when the list
hands them out again, and a member cut off by a kill mid-write is truncated away (its
record is still in the list).  Records of a worker killed mid-fetch, whose result never
comes, stay in the file: a WARC may hold exchanges no fetch row points at (robots.txt
and redirect hops are such records too).

Costs: a worker makes one RPUSH per record on the reactor's thread (as its claims and
host-delay reservations already do); a worker keeps the id of each source's response
record until its result is pushed (a redirect hop's stays: some 100 bytes each); the
collector keeps every record id of the file in memory and reads the file once when it
starts again.
"""

from __future__ import annotations

import io
import logging
import os
import zlib
from pathlib import Path
from typing import Iterator

from warcio.statusandheaders import StatusAndHeadersParser

from archive.warc import WarcFile, gzip_member, warc_pointer, warcinfo_record
from crawler.cluster.frontier import records_key
from crawler.middlewares.warc import WarcRecorderMiddleware

logger = logging.getLogger(__name__)

DRAIN = 500  # records per LRANGE while draining
_CHUNK = 1 << 20
_HEAD = 64 * 1024  # a record's WARC headers are within its first bytes


def entry(record_id: str, member: bytes) -> bytes:
    """One records-list entry: the record id, a space, the gzip member."""
    return record_id.encode("ascii") + b" " + member


def split_entry(raw: bytes) -> tuple[str, bytes]:
    record_id, _, member = raw.partition(b" ")
    return record_id.decode("ascii"), member


class ShippingWarcRecorder(WarcRecorderMiddleware):
    """WarcRecorderMiddleware that also ships each record to the collector; the response
    record's id of a source's request is kept (by local offset) for the fetch's result."""

    @classmethod
    def from_crawler(cls, crawler):
        recorder = super().from_crawler(crawler)
        recorder.frontier = crawler.spider.frontier
        recorder.records_key = records_key(crawler.spider.crawl_id)
        recorder._response_id = None
        return recorder

    @property
    def warc(self) -> WarcFile:
        if self._warc is None:
            self._warc = WarcFile(self.path, self.level, on_record=self._ship)
        return self._warc

    def _ship(self, record, member: bytes) -> None:
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        self.frontier.server.rpush(self.records_key, entry(record_id, member))
        if record.rec_type == "response":
            self._response_id = record_id

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # (robots.txt has no fetch row to point at its record; an answer not written, the disk full, has none)
        if "source_id" in request.meta and "citewatch_warc" in request.meta:
            self.frontier.response_records[request.meta["citewatch_warc"][1]] = self._response_id
        return response


def central_path(data_path: Path, crawl_id: int) -> Path:
    """The crawl's one WARC file on the collector's machine."""
    return data_path.resolve() / "warc" / f"sources-crawl{crawl_id}.warc.gz"


def _record_id(plain_head: bytes) -> str | None:
    headers = StatusAndHeadersParser(["WARC/1.1", "WARC/1.0"]).parse(io.BytesIO(plain_head))
    return headers.get_header("WARC-Record-ID")


def whole_members(stream) -> Iterator[tuple[int, int, bytes]]:
    """(offset, end, first bytes) of each whole gzip member; stops before a cut-off last one."""
    buf, pos = stream.read(_CHUNK), 0
    while buf:
        inflate, start, head = zlib.decompressobj(zlib.MAX_WBITS + 16), pos, b""
        while True:
            plain = inflate.decompress(buf)
            if len(head) < _HEAD:
                head += plain[:_HEAD]
            if inflate.eof:
                break
            pos, buf = pos + len(buf), stream.read(_CHUNK)
            if not buf:
                return
        pos += len(buf) - len(inflate.unused_data)
        buf = inflate.unused_data or stream.read(_CHUNK)
        yield start, pos, head


class CentralWarc:
    """The crawl's one WARC file, appended to by the collector only."""

    def __init__(self, path: Path, level: int):
        self.path = path
        self.level = level
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.offsets = self._recover()
        self._file = open(self.path, "ab")
        if self._file.tell() == 0:
            info = warcinfo_record(self.path.name)
            self.offsets[info.rec_headers.get_header("WARC-Record-ID")] = 0
            self._file.write(gzip_member(info, level))
            self._sync()

    def _recover(self) -> dict[str, int]:
        """Record id → offset of every whole record in the file; a cut-off tail is truncated."""
        offsets: dict[str, int] = {}
        if not self.path.exists():
            return offsets
        end = 0
        with open(self.path, "rb") as stream:
            try:
                for offset, end, head in whole_members(stream):
                    offsets[_record_id(head)] = offset
            except zlib.error as exc:
                raise RuntimeError(f"{self.path}: not a gzip WARC after offset {end} ({exc}); "
                                   "move the file away and collect again") from None
        if end < self.path.stat().st_size:
            logger.warning("%s: a record cut off at offset %d is dropped (it is written again)", self.path, end)
            os.truncate(self.path, end)
        return offsets

    def _sync(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())

    def append(self, entries: list[bytes]) -> int:
        """Append the members of records not yet in the file, in order, durably; return how many."""
        added = 0
        for raw in entries:
            record_id, member = split_entry(raw)
            if record_id in self.offsets:  # appended before a kill, handed out again
                continue
            self.offsets[record_id] = self._file.tell()
            self._file.write(member)
            added += 1
        self._sync()
        return added

    def drain(self, server, crawl_id: int) -> int:
        """Move every record now in the crawl's list into the file (file first, then trim)."""
        key, moved = records_key(crawl_id), 0
        for _ in range(-(-server.llen(key) // DRAIN)):
            raw = server.lrange(key, 0, DRAIN - 1)
            if not raw:
                break
            moved += self.append(raw)
            server.ltrim(key, len(raw), -1)
        return moved

    def locate(self, record_id: str | None, data_dir: str | Path) -> tuple[str | None, int | None]:
        """(path, offset) of a record for its fetch row, the path relative to the data directory
        (`warc_pointer`); (None, None) for no record."""
        if record_id is None or record_id not in self.offsets:
            return None, None
        return warc_pointer(self.path, data_dir), self.offsets[record_id]

    def close(self) -> None:
        self._file.close()
