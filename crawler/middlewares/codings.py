"""Body codings: an archived copy's Content-Encoding judged from its bytes, not from the archive's
label (`MementoCodingMiddleware`, 595, before Scrapy's HttpCompressionMiddleware, 590), by
`coding_repair`, which archive/warc.py also applies to decode a record as the crawl did."""

from __future__ import annotations

import re
import zlib

import brotli
from scrapy.http import Request, Response


_RAW_REPLAY = re.compile(r"/web/\d{14}id_/")
CODING_REPAIR = "citewatch_coding_repair"
_TRIAL = 64 * 1024


def in_coding(body: bytes, coding: str) -> bool:
    """Whether `body` really is in `coding`, judged from the bytes: the magic number where
    the coding has one, else a trial decode of the first 64 KiB of output (enough to tell,
    and a bomb costs no more).  A coding not judged here holds."""
    if coding in ("gzip", "x-gzip"):
        return body[:2] == b"\x1f\x8b"
    if coding == "zstd":
        return body[:4] == b"\x28\xb5\x2f\xfd"
    if coding == "deflate":   # zlib-wrapped or raw, as Scrapy accepts both
        return any(_inflates(body, wbits) for wbits in (15, -15))
    if coding == "br":
        decoder = brotli.Decompressor()
        try:
            head = decoder.process(body, output_buffer_limit=_TRIAL)
        except brotli.error:
            return False
        return decoder.is_finished() or len(head) >= _TRIAL
    return True


def _inflates(body: bytes, wbits: int) -> bool:
    decoder = zlib.decompressobj(wbits=wbits)
    try:
        head = decoder.decompress(body, _TRIAL)
    except zlib.error:
        return False
    return decoder.eof or len(head) >= _TRIAL


def coding_repair(body: bytes, labels: list[str]) -> tuple[list[str], str] | None:
    """(the codings `body` is really in, a note saying so) when its Content-Encoding
    values `labels` misstate them; None when they hold.

    Only the outermost coding (listed last) is judged; a body that is not in it is taken
    as plain unless it is gzip (the one mix-up seen the other way round).
    """
    codings = [c.strip().lower() for label in labels for c in label.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not body or (codings and in_coding(body, codings[-1])):
        return None
    said = f"Content-Encoding: {', '.join(codings)}" if codings else "no Content-Encoding"
    if in_coding(body, "gzip"):
        return ["gzip"], f"the archive sent {said} over gzip bytes; decompressed them as gzip"
    if not codings:
        return None
    return [], f"the archive's {said} did not match the body; used the bytes as they are"


class MementoCodingMiddleware:
    """Take an archived copy's coding from its bytes, not from the archive's label.

    The Wayback Machine's raw replay (`/web/<ts>id_/…`) can send `Content-Encoding: gzip`
    over bytes it has already decoded, or gzip bytes with no label (REFERENCE.md; EDGI's
    `wayback` works around the same bug).  Scrapy's HttpCompressionMiddleware trusts the
    label: gunzip fails on the plain bytes and a good memento ends as an error.  Only
    memento and post fetches of raw replay URLs are judged; a live site's label stays as it
    came, and its failure is the site's own.  Runs after the WARC recorder has kept the
    answer as received; the note in meta (`citewatch_coding_repair`) goes into the fetch's
    evidence.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        request.meta.pop(CODING_REPAIR, None)   # a retried request carries no stale note
        if request.meta.get("purpose") not in ("memento", "post") or not _RAW_REPLAY.search(response.url) \
                or request.method == "HEAD":
            return response
        labels = [v.decode("latin-1") for v in response.headers.getlist("Content-Encoding")]
        repair = coding_repair(response.body, labels)
        if repair is None:
            return response
        codings, note = repair
        headers = response.headers.copy()
        headers.pop("Content-Encoding", None)
        if codings:
            headers["Content-Encoding"] = ", ".join(codings)
        request.meta[CODING_REPAIR] = note
        return response.replace(headers=headers)
