"""Read the bytes of a document from a path or an http(s) URL, within the size limit.

Every failure becomes an IngestError whose one line names the input, what is wrong
and what to do.  A URL is fetched with requests (the configured User-Agent and
fetch_timeout), streamed, and abandoned once it passes `ingest_max_bytes`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import requests

from crawler.config import user_agent_text
from crawler.ingest.model import IngestError


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def _megabytes(size: int) -> str:
    """A size for people: "20.0 MB", or plain bytes under one megabyte."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _too_big(source: str, size: int | None, limit: int) -> IngestError:
    what = f"is {_megabytes(size)}" if size is not None else "is larger than"
    return IngestError(
        f"{source}: {what} over the ingest limit of {_megabytes(limit)}; "
        "raise ingest_max_bytes (CITEWATCH_INGEST_MAX_BYTES) if this really is one document"
    )


def read_source(source: str, config) -> tuple[bytes, str | None]:
    """(bytes, content type or None) of a file path or URL."""
    limit = int(config.ingest_max_bytes)
    if is_url(source):
        return _fetch(source, config, limit)
    path = Path(source)
    scheme = urlsplit(source).scheme.lower()
    if len(scheme) > 1 and not path.exists():  # (one letter is a Windows drive, C:)
        fix = "give the path without file://" if scheme == "file" else "download the document and give its path"
        raise IngestError(f"{source}: only http(s) URLs and local files are read, not {scheme}:; {fix}")
    if not path.exists():
        raise IngestError(f"{source}: no such file; give the path of a text, PDF or HTML document, or an http(s) URL")
    if path.is_dir():
        raise IngestError(f"{source}: is a directory, not a document; give one file")
    if not path.is_file():
        raise IngestError(f"{source}: is not a regular file (a device, pipe or socket); give the document's file")
    size = path.stat().st_size
    if size > limit:
        raise _too_big(source, size, limit)
    try:
        return path.read_bytes(), None
    except OSError as exc:
        raise IngestError(f"{source}: cannot be read ({exc.strerror}); check its permissions") from None


def _fetch(url: str, config, limit: int) -> tuple[bytes, str | None]:
    """GET a URL, streaming, with a timeout and the size limit."""
    headers = {"User-Agent": user_agent_text(str(config.user_agent), config.contact_url)}
    try:
        with requests.get(url, headers=headers, timeout=float(config.fetch_timeout), stream=True) as response:
            if response.status_code >= 400:
                raise IngestError(f"{url}: the server answered HTTP {response.status_code}; check the URL or download the file and pass its path")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_big(url, int(declared), limit)
            body = bytearray()
            for chunk in response.iter_content(65536):
                body.extend(chunk)
                if len(body) > limit:
                    raise _too_big(url, None, limit)
            return bytes(body), response.headers.get("Content-Type")
    except requests.Timeout:
        raise IngestError(f"{url}: no answer within {config.fetch_timeout} s; try again later or download the file and pass its path") from None
    except requests.RequestException as exc:
        reason = type(exc).__name__
        if isinstance(exc, requests.ConnectionError):
            reason = "connection failed"
        raise IngestError(f"{url}: cannot be fetched ({reason}); check the URL or download the file and pass its path") from None
