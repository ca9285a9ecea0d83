"""Bytes of a text file a user gives (a document to ingest, a quote list to check) as text.

Windows tools save "Unicode" text as UTF-16 with a byte-order mark (Notepad's
"Unicode", Excel's "Unicode Text" export): every ASCII letter is followed by a NUL
byte, so a NUL test alone calls such a file binary.  A BOM (UTF-8, UTF-16 or UTF-32,
read by w3lib as Scrapy does) decides the encoding.  Without one, UTF-16 is taken only
on strong evidence (NUL at nearly every other byte, none between: ASCII text); weaker
evidence refuses the file with the fix, since a guess would turn a binary file into
noise.  Anything else is UTF-8, and the caller decides what to do with bytes that are
not (ingest falls back to Windows-1252, check refuses with the line).
"""

from __future__ import annotations

from w3lib.encoding import read_bom

_SAMPLE = 65536
_STRONG = 0.95   # share of NULs at one parity that makes BOM-less UTF-16 certain
_WEAK = 0.30     # share that makes it likely enough to say so instead of "binary"


class BinaryFile(ValueError):
    """NUL bytes in no text pattern: the caller says what kind of file it wanted."""


class TextEncodingError(ValueError):
    """Text in an encoding that cannot be read safely; the message says the fix (no path)."""


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a user's text file.  Raises BinaryFile (NUL bytes in no text
    pattern), TextEncodingError (bytes its BOM's encoding cannot read, UTF-16 without a
    BOM that is not plain ASCII), or UnicodeDecodeError (its positions in `data`, BOM
    included) when plain bytes are not UTF-8: the caller's message names the file."""
    encoding, bom = read_bom(data)
    bom = bom or b""
    if encoding and encoding != "utf-8":   # UTF-8 with a BOM is UTF-8: its bad bytes are the caller's
        try:
            return data[len(bom):].decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise TextEncodingError(
                f"starts with a {encoding.upper()} byte-order mark but byte {exc.start + len(bom)} is not {encoding.upper()}; "
                "save it again as UTF-8"
            ) from None
    if b"\x00" in data[:_SAMPLE]:
        return _bomless_utf16(data)
    try:
        return data[len(bom):].decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:   # positions in the file, BOM included: the caller names the line and byte
        raise UnicodeDecodeError("utf-8", data, exc.start + len(bom), exc.end + len(bom), exc.reason) from None


def _bomless_utf16(data: bytes) -> tuple[str, str]:
    """ASCII text in UTF-16 without a BOM (NUL at every other byte), else refused."""
    sample = data[:_SAMPLE]
    sample = sample[: len(sample) // 2 * 2]
    halves = sample[0::2], sample[1::2]   # LE: text then NUL; BE: NUL then text
    shares = [half.count(0) / max(len(half), 1) for half in halves]
    for nul_half, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        if shares[1 - nul_half] < 0.01 and shares[nul_half] >= _STRONG:
            try:
                return data[: len(data) // 2 * 2].decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if max(shares) >= _WEAK and min(shares) < 0.05:
        raise TextEncodingError("looks like UTF-16 without a byte-order mark; save it as UTF-8")
    raise BinaryFile()
