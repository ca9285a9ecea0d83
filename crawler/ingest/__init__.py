"""The ingest stage: a compiled document (path or URL; text, PDF or HTML) into the database.

    parse(source, config)  -> ParsedDocument   (nothing written)
    run(db, config, source) -> dict of counts   (one transaction; same bytes twice = no change;
                                                 a changed version of a document: refused, or --replace)

Which parser reads it: a document with a rule of underscores and "Place,
dd.mm.yyyy" lines is a compiled letter (letter.py); one with short headings
followed by quoting paragraphs is an article (article.py; a page of headed quotes
each with its "Source: …" line, in HTML or Markdown, is read as one).  Anything else, and
every input that cannot be read, raises IngestError with one line that names the
input, what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections import Counter
from pathlib import Path

import click

from crawler.ingest.article import OPEN_QUOTES, SAID_SHARE, SPEAKER_DASH, parse_article, said_share
from crawler.ingest.html import pages as html_pages
from crawler.ingest.html import article_text, read_html
from crawler.ingest.letter import looks_like_letter, parse_letter
from crawler.ingest.model import IngestError, ParsedDocument
from crawler.ingest.pages import split_pages
from crawler.ingest.paragraphs import PLACE_DATE
from crawler.ingest.pdf import PdfProblem, read_pdf
from crawler.ingest.source import is_url, read_source
from crawler.ingest.store import store
from crawler.terminal import printable
from crawler.textfile import BinaryFile, TextEncodingError, decode_text
from crawler.urls import URL_START

__all__ = ["IngestError", "ParsedDocument", "parse", "run"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# A word processor's file by its first bytes: a .docx or .odt is a zip, a .doc an OLE
# compound file, an .rtf text in its own markup.
_WORD_PROCESSOR = {b"PK\x03\x04": "a Word (.docx), OpenDocument (.odt) or other zip file",
                   b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "a Word (.doc) or other Office file",
                   b"{\\rtf": "a Rich Text (.rtf) file"}


def _refuse_word_processor(source: str, data: bytes) -> None:
    """A letter saved by a word processor is the document itself, in a format ingest does
    not read: "a binary file; give the document itself" (an .rtf: "no statements found")
    left the user holding the document it asked for, without the way to make it readable."""
    for magic, what in _WORD_PROCESSOR.items():
        if data.startswith(magic):
            raise IngestError(f"{source}: is {what}, not a text, PDF or HTML document; "
                              "save it from its word processor as PDF or plain text and ingest that file")


def _text(source: str, data: bytes) -> tuple[str, str]:
    """(text, encoding) of a text document: by its BOM, else UTF-8, else Windows-1252
    (an old Word export); a binary file is refused."""
    _refuse_word_processor(source, data)
    binary = f"{source}: is a binary file, not a text, PDF or HTML document; give the document itself"
    try:
        text, encoding = decode_text(data)
    except BinaryFile:
        raise IngestError(binary) from None
    except TextEncodingError as problem:
        raise IngestError(f"{source}: {problem}") from None
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    if len(_CONTROL.findall(text[:65536])) > 0.01 * min(len(text), 65536):
        raise IngestError(binary)
    return text, encoding


def _is_html(text: str, content_type: str | None) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def parse(source: str, config) -> ParsedDocument:
    """Read and parse a document without writing anything."""
    data, content_type = read_source(source, config)
    if not data.strip():
        raise IngestError(f"{source}: the file is empty; give a compiled document (text, PDF or HTML)")
    sha256 = hashlib.sha256(data).hexdigest()
    title, plain, links = None, False, None
    if data.startswith(b"%PDF-") or (content_type or "").lower().startswith("application/pdf"):
        try:
            pages = read_pdf(data)
        except PdfProblem as problem:
            raise IngestError(f"{source}: {problem}") from None
        text = "\n".join(line for page in pages for line in page.lines)
    else:
        text, encoding = _text(source, data)
        if _is_html(text, content_type):
            if encoding.startswith(("utf-16", "utf-32")):   # w3lib would not guess it without a BOM
                content_type = f"text/html; charset={encoding}"
            page, title = read_html(data, content_type)
            # An article's paragraph is an HTML line, with the links it carries.
            pages, (text, links) = html_pages(page), article_text(page)
        else:
            pages, plain = split_pages(text), True
    try:
        return _parse_pages(source, pages, text, sha256, title, links)
    except IngestError:
        # check reads a list from a file, as UTF-8 or by a BOM: not a PDF, a web page or cp1252
        if plain and encoding != "cp1252" and not is_url(source):
            _refuse_quote_list(source, text, config)
        raise


def _refuse_quote_list(source: str, text: str, config) -> None:
    """A refused document that is a quote list is named one, with the command that checks
    it: "no statements found; is this a compiled document?" left the user guessing which
    command reads a list.  Its text is read as `citewatch check` reads a list
    (crawler/check/read.py), so a file sent there is one check takes; only once the document
    is refused, and from the text already read: the file is not read again (it may be up to
    ingest_max_bytes), nor a URL fetched again.  A text that is no list (QuoteListError) leaves
    the document's own refusal to be said."""
    from crawler.check.read import QuoteListError, quote_list_of_text  # (crawler.check imports ingest's modules)

    try:
        _, rows = quote_list_of_text(Path(source), text, int(config.check_max_quote_chars))
    except QuoteListError:
        return
    if any(row.quote and row.source for row in rows):
        raise IngestError(f"{source}: is a quote list (rows with a quote and a source), not a compiled document; "
                          f"check its quotes with `citewatch check {shlex.quote(source)}`")


def _parse_pages(source: str, pages, text: str, sha256: str, title: str | None,
                 links: list[list[str]] | None = None) -> ParsedDocument:
    """Pick the parser and check that what it found is a compiled document; `links` are an
    HTML article's <a href> targets per paragraph (html.py `article_text`)."""
    if looks_like_letter(pages):
        doc = parse_letter(pages, sha256, source)
        if not doc.statements:
            raise IngestError(f"{source}: no statements found (no 'Place, dd.mm.yyyy' line under a heading); is this a compiled document?")
        if not doc.citations:
            raise IngestError(f"{source}: {len(doc.statements)} statements but no footnotes found after the '____' rule; check that the footnotes were extracted")
        _refuse_lost_statements(source, doc)
        return doc
    lines = [line for page in pages for line in page.lines]
    if any(line.strip().startswith("____") for line in lines):
        raise IngestError(f"{source}: no statements found (footnotes but no 'Place, dd.mm.yyyy' lines); is this a compiled document?")
    if any(_is_place_line(line) for line in lines):
        raise IngestError(f"{source}: statements under 'Place, dd.mm.yyyy' lines but no footnotes (no '____' rule); check that the footnotes were extracted")
    share = said_share(text, links)
    if share is not None and share >= SAID_SHARE:
        doc = parse_article(text, sha256, source, title, links)
        if doc.statements:
            return doc
    if share is not None and share < SAID_SHARE:   # (a manual: headings over prose that quotes in passing)
        why = (f"headed sections, but their quotes hold {share:.0%} of their words where an article's hold "
               f"{SAID_SHARE:.0%} or more")
    else:
        why = "neither 'Place, dd.mm.yyyy' lines with footnotes nor statements in a shape citewatch reads"
    raise IngestError(f"{source}: no statements found ({why}); is this a compiled document? {SHAPES_READ}"
                      + _quote_list_hint(text, links))


def _is_place_line(line: str) -> bool:
    """A letter's "Place, dd.mm.yyyy" line: short and without a colon.  A quote page's
    "Source: Estonian Ministry of Foreign Affairs, 18 May 2021" also ends in a place and a
    date, and read as one it had the page refused as a letter whose footnotes were lost; so did a
    mail digest's entity line, its entity and its speaker a spaced dash apart ("SOUTH AFRICA - DIRCO,
    4 June 2025", article.py SPEAKER_DASH), where a letter's place is one name."""
    match = PLACE_DATE.match(line)
    return (bool(match and match.group("place")) and ":" not in line and len(line.split()) <= 12
            and match.group("place").split()[0].lower() not in BYLINE_WORDS
            and not SPEAKER_DASH.search(match.group("place")))


# The shapes of a compiled article that ingest reads (crawler/ingest/article.py), said when none is found, with
# the way to give the document so: "no statements found" alone left a user guessing what it wanted.
SHAPES_READ = ("An article is read where each statement has a short heading naming its entity above its quote "
               "(a numbered one too, '1. European Union'), or where each paragraph names its entity first "
               "('European Union: The EEAS spokesperson said “…”', Markdown's '**NATO** — …: “…”'); "
               "give the statements one of those shapes, or give the document as HTML.")
# How an article's byline begins ("By Jane Doe, 18 May 2021"), which reads as a "Place, date" line.
BYLINE_WORDS = {"by", "posted", "published", "updated", "written"}


def _quote_list_hint(text: str, links: list[list[str]] | None) -> str:
    """For a refused web page that quotes and links (a list of quotes with their sources),
    the command that checks such a list; "" for any other.  A text list is named by
    `_refuse_quote_list`, which reads it as check would (and leaves a Windows-1252 one, which
    check refuses, to its own refusal); check reads no HTML, so the page's list is to be
    written as one."""
    if links is None or not any(mark in text for mark in OPEN_QUOTES) or not (any(links) or URL_START.search(text)):
        return ""
    return (" If it lists quotes with their sources, write them as a CSV (columns quote,source) and check them "
            "with `citewatch check FILE.csv`")


def _refuse_lost_statements(source: str, doc: ParsedDocument) -> None:
    """Fewer than half as many statements as footnotes that may be statements' own: the
    letter's lines or pages were lost on the way (an HTML page that runs them together, a
    text with its page breaks gone: the statements' marks went into the footnotes), and the
    statements read would stand for the whole document.  The footnotes numbered before the
    first one a statement cites are the covering letter's notes (a resolution, a report),
    and those whose marks a statement prints besides its own are its further sources (a
    statement quoting three interviews has three footnotes): no statement's own, so they do not count."""
    first = min((s.footnote for s in doc.statements if s.footnote), default=1)
    further = doc.metadata.get("further_footnotes", 0)
    footnotes = doc.metadata.get("footnotes", 0) - (first - 1)
    if 2 * len(doc.statements) < footnotes - further:
        raise IngestError(
            f"{source}: {footnotes} footnotes{f' from footnote {first} on' if first > 1 else ''} but only "
            f"{len(doc.statements)} statement{'s' if len(doc.statements) != 1 else ''} read: the document's lines "
            "or pages were lost (an HTML page that runs them together?); give it as text or PDF, or as HTML with "
            "one <p> per line or in a <pre>"
        )


def summarise(doc: ParsedDocument) -> dict:
    """Counts of what was parsed: statements, citations by kind, repairs made."""
    citations = doc.citations
    reasons = Counter(reason for c in citations for reason in c.repairs)
    return {
        "statements": len(doc.statements),
        "citations": len(citations),
        "by_kind": dict(Counter(c.kind for c in citations)),
        "repaired_citations": sum(1 for c in citations if c.repairs),
        "repairs": dict(reasons),
        "document_links": len(doc.links),
        "sources": len({c.source_key for c in citations if c.source_key}),
    }


def run(db, config, source: str, parsed: ParsedDocument | None = None, replace: bool = False) -> dict:
    """Ingest one document: parse, then write it in one transaction.

    Returns the counts of `summarise` plus "document_id", "new" (False when the
    same bytes were ingested before: then nothing is written), "replaced" (the ids
    of the earlier versions this one replaced, see replace.py) and, after a replace,
    "uncited_sources_kept" (a first ingest keeps its summary free of it), and "further_cited"
    when the same bytes, ingested before a statement's further footnotes were cited, gain
    those citations (store.py `_same_bytes`), and "language", the document's as stored
    (rows.py `document_language`; None for one too short to tell).
    A changed version of a document already ingested is refused (IngestError)
    unless `replace`.  What the parser warns of (a footnote missing) is one line on
    stderr each, whichever command ran the stage, and stays in the document's
    metadata["warnings"].
    """
    doc = parsed or parse(source, config)
    for warning in doc.metadata.get("warnings", []):
        click.echo(printable(f"warning: {source}: {warning}"), err=True)   # a hostile heading sends no escape
    stored = store(db, doc, replace=replace)
    kept = {"uncited_sources_kept": stored.uncited_kept} if stored.replaced else {}
    further = {"further_cited": stored.further_cited} if stored.further_cited else {}
    language = db.execute("SELECT language FROM documents WHERE id = ?", [stored.document_id]).fetchone()[0]
    return {"document_id": stored.document_id, "new": stored.outcome == "new", "replaced": stored.replaced,
            **kept, **further, "kind": doc.kind, "language": language, **summarise(doc)}
