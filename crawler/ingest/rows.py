"""The rows under a document: its statements, citations (and their sources) and links.

Sources are shared across documents: a source row is made the first time its key is
seen (INSERT ... ON CONFLICT DO NOTHING) and later citations point at the same row, so a
source keeps its crawl and archive history whichever document cites it.  Plain SQL, inside
the caller's transaction (crawler/ingest/store.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from db import to_json
from crawler.ingest.model import ParsedDocument
from crawler.urls import host_of
from crawler.verdicts import THRESHOLDS, language

# A statement's and a citation's own columns, in the order `statement_values` and
# `citation_values` give them: written by `insert_rows`, compared by `--replace` (replace.py)
# to keep the statements a new version has as they were; one list, so the two cannot drift.
STATEMENT_COLUMNS = ("seq", "section", "entity", "title", "place", "date", "footnote", "quote", "flags", "part")
CITATION_COLUMNS = ("seq", "kind", "printed", "url_printed", "url", "repairs", "handle", "platform_hint", "flags", "part",
                    "footnote")


# The fewest words of its quotes a document's language is named from (`document_language`):
# py3langid named the language of 12 words of real sentences rightly in 97 % of tries or more in
# each of 19 languages (99.6 % on average; gettext catalogues and English statements, 300 windows
# each); of 6 words, the verdicts' floor for one quote, in 84 % for Spanish (taken for Galician or
# Catalan).  A document of fewer words gets no language: a wrong one is read aloud wrongly.
DOCUMENT_LANGUAGE = replace(THRESHOLDS, language_min_words=12)


def document_language(doc: ParsedDocument) -> str | None:
    """The language the document's quotes are in (`documents.language`), None when they hold too
    few words to tell: the HTML report reads a quote in it where no verdict named the quote's own."""
    return quotes_language(statement.quote for statement in doc.statements)


def quotes_language(quotes: Iterable[str | None]) -> str | None:
    """The language these quotes are in read together, None when they hold fewer than
    DOCUMENT_LANGUAGE's words: the one rule a document's language is named by, from a parse
    (`document_language`) or from a stored document's statements (versions.py, for a document
    stored before `documents.language` was).  By crawler/verdicts `language`, the py3langid
    reading the translation verdict gives its codes by."""
    return language(" ".join(quote or "" for quote in quotes), DOCUMENT_LANGUAGE)


def statement_values(statement) -> tuple:
    """The statement's STATEMENT_COLUMNS, as stored."""
    return (statement.seq, statement.section, statement.entity, statement.title, statement.place, statement.date,
            statement.footnote, statement.quote, to_json(statement.flags), statement.part)


def citation_values(citation) -> tuple:
    """The citation's CITATION_COLUMNS, as stored."""
    return (citation.seq, citation.kind, citation.printed, citation.url_printed, citation.url,
            to_json(citation.repairs), citation.handle, citation.platform_hint, to_json(citation.flags), citation.part,
            citation.footnote)


def insert_rows(db, document_id: int, doc: ParsedDocument, now: str, ids: list[int] | None = None,
                 kept: set[int] = frozenset()) -> None:
    """The document's statements (with `ids`, else new ones; the `kept` ones are there
    already), citations (each source a statement cites: its own footnote and its further
    ones, with their sources) and document links."""
    for statement, wanted in zip(doc.statements, ids or [None] * len(doc.statements)):
        if wanted in kept:
            continue
        statement_id = db.execute(
            f"INSERT INTO statements (id, document_id, {', '.join(STATEMENT_COLUMNS)})"
            f" VALUES (?, ?, {', '.join('?' for _ in STATEMENT_COLUMNS)})",
            [wanted, document_id, *statement_values(statement)],
        ).lastrowid
        for citation in statement.citations:
            _insert_citation(db, document_id, statement_id, citation, now)
    _insert_links(db, document_id, doc)


def stored_citations(db, statement_id: int) -> list[tuple]:
    """A statement's citation rows in seq order: (id, seq, what it is) where what it is is
    `what_it_cites` of the row (its CITATION_COLUMNS but seq, and its source's key)."""
    rows = db.execute(f"SELECT c.id, {', '.join('c.' + name for name in CITATION_COLUMNS)}, s.key FROM citations c"
                      " LEFT JOIN sources s ON s.id = c.source_id WHERE c.statement_id = ? ORDER BY c.seq",
                      [statement_id]).fetchall()
    return [(row[0], row[1], tuple(row[2:])) for row in rows]


def what_it_cites(citation) -> tuple:
    """A parsed citation as `stored_citations` gives a row's: everything but its seq.  A
    footnote's second URL is numbered after every footnote (letter.py `_cite_further_urls`),
    so a URL added to an earlier footnote shifts its seq: the seq says where, not what."""
    return (*citation_values(citation)[1:], citation.source_key)


def in_seq_order(statement) -> list:
    """The statement's citations in seq order, as `stored_citations` lists its rows."""
    return sorted(statement.citations, key=lambda citation: citation.seq)


def missing_further(db, document_id: int, doc: ParsedDocument) -> list[tuple[int, object]] | None:
    """(statement id, citation) of each further citation of `doc` (`Statement.further`) that
    the document, ingested from these bytes before such citations were made, lacks; [] when
    its rows are this parse's.  None when they differ otherwise (statements, their own
    citations, a seq): an earlier citewatch read these bytes differently, and adding to
    them would leave the document half one reading, half the other."""
    rows = db.execute(f"SELECT id, {', '.join(STATEMENT_COLUMNS)} FROM statements WHERE document_id = ? ORDER BY seq",
                      [document_id]).fetchall()
    statements = sorted(doc.statements, key=lambda statement: statement.seq)
    if len(rows) != len(statements):
        return None
    missing = []
    for row, statement in zip(rows, statements):
        if tuple(row[1:]) != statement_values(statement):
            return None
        stored = iter(stored_citations(db, row[0]))
        held = next(stored, None)
        for citation in in_seq_order(statement):
            if held is not None and held[1:] == (citation.seq, what_it_cites(citation)):
                held = next(stored, None)
            elif any(citation is further for further in statement.further):
                missing.append((row[0], citation))
            else:
                return None
        if held is not None:
            return None
    return missing


def cite_further(db, document_id: int, doc: ParsedDocument, missing: list[tuple[int, object]], now: str) -> None:
    """Add the `missing` further citations (`missing_further`) and make the document's links
    this parse's: a URL a footnote's citation now uses is no longer a link no footnote uses."""
    for statement_id, citation in missing:
        _insert_citation(db, document_id, statement_id, citation, now)
    urls = [link.url for link in doc.links]
    db.execute(f"DELETE FROM document_links WHERE document_id = ? AND url NOT IN ({', '.join('?' for _ in urls)})",
               [document_id, *urls])
    _insert_links(db, document_id, doc)


def _insert_links(db, document_id: int, doc: ParsedDocument) -> None:
    """The document's links (those it has already stay as they are)."""
    for link in doc.links:
        db.execute("INSERT INTO document_links (document_id, url, context) VALUES (?, ?, ?)"
                   " ON CONFLICT (document_id, url) DO NOTHING", [document_id, link.url, link.context])


def _insert_citation(db, document_id: int, statement_id: int, citation, now: str) -> None:
    """One citation row, its source made on first sight."""
    source_id = _source_id(db, citation, now) if citation.source_key else None
    db.execute(
        f"INSERT INTO citations (document_id, statement_id, {', '.join(CITATION_COLUMNS)}, source_id)"
        f" VALUES (?, ?, {', '.join('?' for _ in CITATION_COLUMNS)}, ?)",
        [document_id, statement_id, *citation_values(citation), source_id],
    )


def _source_id(db, citation, now: str) -> int:
    """The id of the citation's source, made on first sight of its key."""
    url = citation.source_url
    db.execute(
        "INSERT INTO sources (kind, key, url, host, first_seen) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
        [citation.source_kind, citation.source_key, url, host_of(url) if url else None, now],
    )
    return db.execute("SELECT id FROM sources WHERE key = ?", [citation.source_key]).fetchone()[0]
