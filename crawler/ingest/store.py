"""Write a parsed document to the database in one transaction, or not at all.

The document's sha256 is its identity: ingesting the same bytes again finds the
row and writes nothing, so ids never change.  Sources are shared across
documents: a source row is made the first time its key is seen (INSERT ... ON
CONFLICT DO NOTHING) and later citations point at the same row.  Everything is
written with plain SQL inside `db.atomic()`; sqlite-utils' table helpers would
commit on their own and break the all-or-nothing promise.
"""

from __future__ import annotations

import sqlite3

import db as database
from db import to_json
from crawler.ingest.model import ParsedDocument
from crawler.urls import host_of


def existing_document(db, sha256: str) -> int | None:
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def store(db, doc: ParsedDocument) -> tuple[int, bool]:
    """(document id, whether it was new).

    Two ingests of the same bytes at once: the second one's insert meets the
    UNIQUE sha256, rolls back, and returns the row the first one wrote.
    """
    found = existing_document(db, doc.sha256)
    if found is not None:
        return found, False
    try:
        return _insert(db, doc), True
    except sqlite3.IntegrityError:
        found = existing_document(db, doc.sha256)
        if found is None:
            raise
        return found, False


def _insert(db, doc: ParsedDocument) -> int:
    """All rows of a new document, in one transaction."""
    now = database.now()
    with db.atomic():
        document_id = db.execute(
            "INSERT INTO documents (sha256, kind, path, title, symbols, date, author, metadata, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [doc.sha256, doc.kind, doc.path, doc.title, to_json(doc.symbols), doc.date, doc.author,
             to_json(doc.metadata), now],
        ).lastrowid
        for statement in doc.statements:
            statement_id = db.execute(
                "INSERT INTO statements (document_id, seq, section, entity, title, place, date, footnote, quote, flags)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [document_id, statement.seq, statement.section, statement.entity, statement.title,
                 statement.place, statement.date, statement.footnote, statement.quote, to_json(statement.flags)],
            ).lastrowid
            citation = statement.citation
            if citation is None:
                continue
            source_id = _source_id(db, citation, now) if citation.source_key else None
            db.execute(
                "INSERT INTO citations (document_id, statement_id, seq, kind, printed, url_printed, url, repairs,"
                " handle, platform_hint, flags, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [document_id, statement_id, citation.seq, citation.kind, citation.printed, citation.url_printed,
                 citation.url, to_json(citation.repairs), citation.handle, citation.platform_hint,
                 to_json(citation.flags), source_id],
            )
        for link in doc.links:
            db.execute(
                "INSERT INTO document_links (document_id, url, context) VALUES (?, ?, ?)"
                " ON CONFLICT (document_id, url) DO NOTHING",
                [document_id, link.url, link.context],
            )
    return document_id


def _source_id(db, citation, now: str) -> int:
    """The id of the citation's source, made on first sight of its key."""
    url = citation.source_url
    db.execute(
        "INSERT INTO sources (kind, key, url, host, first_seen) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
        [citation.source_kind, citation.source_key, url, host_of(url) if url else None, now],
    )
    return db.execute("SELECT id FROM sources WHERE key = ?", [citation.source_key]).fetchone()[0]
