"""The rows under a document: its statements, citations (and their sources) and links.

Sources are shared across documents: a source row is made the first time its key is
seen (INSERT ... ON CONFLICT DO NOTHING) and later citations point at the same row, so a
source keeps its crawl and archive history whichever document cites it.  Plain SQL, inside
the caller's transaction (crawler/ingest/store.py).
"""

from __future__ import annotations

from db import to_json
from crawler.ingest.model import ParsedDocument
from crawler.urls import host_of

# A statement's and a citation's own columns, in the order `statement_values` and
# `citation_values` give them: written by `insert_rows`, compared by `--replace` (replace.py)
# to keep the statements a new version has as they were; one list, so the two cannot drift.
STATEMENT_COLUMNS = ("seq", "section", "entity", "title", "place", "date", "footnote", "quote", "flags", "part")
CITATION_COLUMNS = ("seq", "kind", "printed", "url_printed", "url", "repairs", "handle", "platform_hint", "flags", "part",
                    "footnote")


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
    for link in doc.links:
        db.execute(
            "INSERT INTO document_links (document_id, url, context) VALUES (?, ?, ?)"
            " ON CONFLICT (document_id, url) DO NOTHING",
            [document_id, link.url, link.context],
        )


def cite_further(db, document_id: int, doc: ParsedDocument, now: str) -> int:
    """Add the citations of its statements' further sources (`Statement.further`) that the
    document, ingested from these bytes before they were cited, lacks; how many.  Each goes
    under the statement of the same place, part and footnote; a footnote already cited (its
    seq taken) is left, so a second run adds nothing."""
    statements = {tuple(row[1:]): row[0] for row in db.execute(
        "SELECT id, seq, part, footnote FROM statements WHERE document_id = ?", [document_id])}
    taken = {seq for (seq,) in db.execute("SELECT seq FROM citations WHERE document_id = ?", [document_id])}
    added = 0
    for statement in doc.statements:
        statement_id = statements.get((statement.seq, statement.part, statement.footnote))
        for citation in statement.further if statement_id else []:
            if citation.seq not in taken:
                _insert_citation(db, document_id, statement_id, citation, now)
                added += 1
    return added


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
