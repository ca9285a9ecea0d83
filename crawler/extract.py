"""Main text, title, date and language out of fetched bytes (HTML with trafilatura, PDF with pypdf).

`extract(body, content_type, url)` never returns None: a rejection is an `Extraction`
whose `status` says why (`too_short`, `not_html`, `empty`, `failed`) and whose `reason`
says it in plain words (the trafilatura avoid: a bare None hides the reason).  It is
CPU work, run in worker processes off Scrapy's reactor (crawler/extractpool.py); a
page that breaks the extractor fails alone.
"""

from __future__ import annotations

import io
import logging
import os
import re
import threading
import time
from dataclasses import dataclass

from crawler.textclean import UNPRINTABLE

# Raise it when this module changes what it extracts (2: every title cut to TITLE_CHARS; 3: no control
# character in a title).
EXTRACTOR_REVISION = 3


def _extractor_version() -> str:
    """What extracted a text: the libraries' versions and this module's revision.  A stored
    extraction is reused only by the same (crawler/pipelines.py), so an upgrade reads again."""
    from importlib.metadata import version

    libraries = ("trafilatura", "htmldate", "py3langid", "pypdf", "lxml", "w3lib")
    return " ".join(f"{name}/{version(name)}" for name in libraries) + f" citewatch-extract/{EXTRACTOR_REVISION}"


EXTRACTOR_VERSION = _extractor_version()
_SINGLE_BYTE = re.compile(r"^(?:latin|iso-?8859|cp125|windows-125|ascii|us-ascii)", re.I)


@dataclass(frozen=True)
class Extraction:
    status: str                  # ok | too_short | not_html | empty | failed
    reason: str = ""             # plain words, for the fetch's reason line
    text: str = ""
    title: str | None = None
    heading: str | None = None   # the first <h1>, read by soft-404 and login-wall checks
    date: str | None = None
    language: str | None = None
    encoding: str | None = None
    extractor: str = EXTRACTOR_VERSION


def decode_html(body: bytes, content_type: str | None) -> tuple[str, str]:
    """The page as text and the encoding used: declared charset, meta charset, BOM, then evidence.

    A declared single-byte charset over a body that is valid UTF-8 with non-ASCII
    bytes is a wrong declaration (UTF-8 wins); a declared UTF-8 over bytes that are
    not UTF-8 at all is decoded by detection.
    """
    from w3lib.encoding import html_to_unicode

    encoding, text = html_to_unicode(content_type, body)
    encoding = encoding.lower().replace("_", "-")
    non_ascii = not body[:500_000].isascii()  # in C: a generator over the bytes cost 0.8 ms a page
    if non_ascii and _SINGLE_BYTE.match(encoding):
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return text, encoding
    if non_ascii and encoding in ("utf-8", "utf8"):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return _detect(body, text, encoding)
    return text, encoding


def _detect(body: bytes, text: str, encoding: str) -> tuple[str, str]:
    """Bytes declared UTF-8 that are not: keep UTF-8 if most multi-byte runs are valid, else cp1252."""
    valid = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", body))
    invalid = text.count("\ufffd")
    if valid > invalid:
        return text, "utf-8 (invalid bytes replaced)"
    # No valid UTF-8 sequence at all: Windows-1252, the usual mislabelled charset.
    return body.decode("cp1252", "replace"), "cp1252 (declared utf-8, which it is not)"


def _language(text: str) -> str | None:
    if len(text) < 20:
        return None
    import py3langid

    return py3langid.classify(text[:5000])[0]


# A title or heading is a line: what a page puts beyond this is no title (the classification
# reads titles with patterns, crawler/classify.py error_title, and the reports show them).
TITLE_CHARS = 300


def _cut_title(value) -> str | None:
    """A title or heading as text, cut to TITLE_CHARS (None stays None), without the characters
    a terminal obeys (UNPRINTABLE, each a space): whatever its source (<title>, <h1>,
    trafilatura's og:title, a PDF's /Title), a hostile page cannot hand the classification a
    100 KB title, nor a machine format printed to a terminal (`search --format csv`) an escape
    sequence that retitles the window or writes the clipboard."""
    return UNPRINTABLE.sub(" ", str(value))[:TITLE_CHARS] if value else None


def _heading_and_title(html: str) -> tuple[str | None, str | None]:
    """The first <h1> and the <title>, read with lxml (malformed HTML included), each cut to TITLE_CHARS."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on garbage
        return None, None

    def first(xpath):
        for element in tree.xpath(xpath):
            value = re.sub(r"\s+", " ", element.text_content()).strip()
            if value:
                return _cut_title(value)
        return None

    return first("//h1"), first("//title")


def extract_html(body: bytes, content_type: str | None, url: str | None) -> Extraction:
    """Main text of an HTML page (trafilatura, comments excluded), with metadata."""
    import trafilatura

    html, encoding = decode_html(body, content_type)
    if not html.strip():
        return Extraction("empty", "the page is empty", encoding=encoding)
    heading, title = _heading_and_title(html)
    document = trafilatura.bare_extraction(
        html, url=url, include_comments=False, deduplicate=False, with_metadata=True
    )
    text = (document.text or "").strip() if document else ""
    title = title or _cut_title(document.title if document else None)
    date = document.date if document else None
    if not text:
        text = (trafilatura.baseline(html)[1] or "").strip()
        if not text:
            return Extraction("empty", "no text on the page", title=title, heading=heading, encoding=encoding)
        return Extraction("too_short", "too little text for a main-text extraction (kept the page text)",
                          text, title, heading, date, _language(text), encoding)
    return Extraction("ok", "", text, title, heading, date, _language(text), encoding)


def extract_pdf(body: bytes) -> Extraction:
    """Text of a PDF, with line-end hyphens and split words repaired as ingest does."""
    from pypdf import PdfReader

    from crawler.textclean import Vocabulary, fix_split_words, rejoin_hyphenation

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings would reach the terminal; the reason says it
    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _cut_title((reader.metadata or {}).get("/Title") if reader.metadata else None)
    except Exception as exc:  # pypdf raises many types on corrupt files
        return Extraction("failed", f"the PDF cannot be read ({type(exc).__name__}: {str(exc)[:100]})")
    raw = "\n".join(pages).strip()
    if not raw:
        return Extraction("empty", "the PDF has no text layer (scanned?)", title=title)
    vocabulary = Vocabulary(raw)
    text = fix_split_words(rejoin_hyphenation(raw, vocabulary), vocabulary)
    return Extraction("ok", "", text, title, None, None, _language(text), None)


def _kind(body: bytes, content_type: str | None) -> str:
    """html, pdf, text or binary: from the content type, checked against the first bytes."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = body[:1024].lstrip().lower()
    if body.startswith(b"%PDF") or ctype == "application/pdf":
        return "pdf"
    if "html" in ctype or "xml" in ctype or head.startswith((b"<!doctype", b"<html", b"<?xml")):
        return "html"
    if ctype.startswith("text/"):
        return "text"
    if not ctype and b"\x00" not in body[:1024]:
        return "html"
    return "binary"


def extract(body: bytes, content_type: str | None, url: str | None = None) -> Extraction:
    """Extraction of any fetched body; never raises, never returns None."""
    try:
        if not body:
            return Extraction("empty", "the answer has no body")
        kind = _kind(body, content_type)
        if kind == "pdf":
            return extract_pdf(body)
        if kind == "html":
            return extract_html(body, content_type, url)
        if kind == "text":
            text, encoding = decode_html(body, content_type)
            text = text.strip()
            return Extraction("ok" if text else "empty", "" if text else "empty text file", text,
                              language=_language(text), encoding=encoding)
        return Extraction("not_html", f"binary content ({content_type or 'no content type'}); no text to extract")
    except Exception as exc:  # one bad page must not stop the crawl
        return Extraction("failed", f"extraction failed ({type(exc).__name__}: {str(exc)[:100]})")


def die_with_parent(parent_pid: int) -> None:
    """Exit as soon as the parent process is gone (kill -9 leaves no orphan behind)."""

    def watch():
        while os.getppid() == parent_pid:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def die_with(lifeline) -> None:
    """Exit as soon as the process that started this one is gone (kill -9 leaves no orphan at
    work), whatever this one is doing: that process holds the other end of `lifeline` (a
    multiprocessing Pipe) and never writes, so the read ends when it does, and the thread that
    waits on it ends this process (a worker mid-page too, once the parser lets go of the
    interpreter).  For a process forked from multiprocessing's forkserver (a crawl's child,
    crawler/spiderrun.py; an extraction worker, crawler/extractpool.py): its parent is the
    server, whose pid tells nothing."""

    def watch():
        try:
            lifeline.recv()
        except (EOFError, OSError):
            pass
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
