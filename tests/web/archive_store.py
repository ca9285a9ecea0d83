"""The captures the test web's Wayback-compatible archive serves.

Fixture modules add captures at import time (`add_capture`); tests/web/wayback.py
answers availability, CDX and replay from them; a save request adds one.  One store
for every stage, so the archive, social and report tests see the same archive.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Capture:
    original: str            # the URL as captured, e.g. https://twitter.com/MFAestonia/status/1
    timestamp: str           # 14 digits
    body: bytes
    status: int = 200
    mimetype: str = "text/html"
    headers: list[tuple[str, str]] = field(default_factory=list)  # e.g. Location for a 3xx
    # How the raw (id_) replay misstates the body's coding, as the real archive does:
    # "label:<coding>" sends Content-Encoding: <coding> over the stored plain bytes,
    # "unlabelled-gzip" sends the bytes gzipped with no Content-Encoding at all.
    id_coding: str = ""


_LOCK = threading.Lock()
CAPTURES: list[Capture] = []


def add_capture(original: str, timestamp: str, body: bytes | str, status: int = 200,
                mimetype: str = "text/html", headers: list[tuple[str, str]] | None = None,
                id_coding: str = "") -> Capture:
    """Add a capture of `original` at `timestamp` (the archive keeps every one)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    capture = Capture(original, timestamp, body, status, mimetype, headers or [], id_coding)
    with _LOCK:
        CAPTURES.append(capture)
    return capture


def captures() -> list[Capture]:
    """A snapshot of the store, safe to iterate while saves add to it."""
    with _LOCK:
        return list(CAPTURES)
