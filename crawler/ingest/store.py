"""Write a parsed document to the database in one transaction, or not at all.

The document's sha256 is its identity: ingesting the same bytes again finds the
row and writes nothing, so ids never change (but for the citations of further footnotes
that an ingest before they were cited lacks, and bytes an earlier citewatch read otherwise,
refused unless replaced: `_same_bytes`).  Other bytes of a document already
ingested are a changed version of it (crawler/ingest/versions.py): refused, unless the
caller asks to replace the document (crawler/ingest/replace.py).  The rows under a
document are written by crawler/ingest/rows.py.  Everything is written with plain SQL
inside one `write_transaction` (db); sqlite-utils' table helpers would commit on their own
and break the all-or-nothing promise.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import db as database
from db import to_json
from crawler.ingest import replace as replacing
from crawler.ingest.model import IngestError, ParsedDocument
from crawler.ingest.rows import cite_further, document_language, insert_rows, missing_further
from crawler.ingest.versions import earlier_versions, refusal, replace_command


@dataclass
class Stored:
    """What `store` did: the document's id and whether it was new, the same bytes, or a replacement."""

    document_id: int
    outcome: str                                        # new | unchanged | replaced
    replaced: list[int] = field(default_factory=list)   # ids of the versions it replaced (the first is document_id)
    uncited_kept: int = 0                               # sources nothing cites now, kept for their history
    further_cited: int = 0                              # further footnotes cited on a re-ingest (`_same_bytes`)


def existing_document(db, sha256: str) -> int | None:
    """The id of the document ingested from these very bytes, if any (its identity)."""
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def store(db, doc: ParsedDocument, replace: bool = False) -> Stored:
    """Write `doc` (see the module docstring); refuse a changed version unless `replace`.

    Two ingests of the same bytes at once: the transaction takes SQLite's write lock as it
    begins (db `write_transaction`), so the second one waits, then finds the row the first
    one wrote (its insert would meet the UNIQUE sha256: rolled back, that row returned).
    """
    found = existing_document(db, doc.sha256)
    if found is not None:
        return _same_bytes(db, found, doc, replace)
    try:
        with database.write_transaction(db):
            found = existing_document(db, doc.sha256)   # written while this one waited for the lock
            if found is not None:
                return Stored(found, "unchanged")
            earlier = earlier_versions(db, doc)
            if not earlier:
                return Stored(_insert(db, doc), "new")
            if not replace:
                raise IngestError(refusal(doc, earlier))
            versions = [row["id"] for row in earlier]
            return Stored(versions[0], "replaced", versions, replacing.replace(db, doc, versions))
    except sqlite3.IntegrityError:
        found = existing_document(db, doc.sha256)
        if found is None:
            raise
        return Stored(found, "unchanged")


def _same_bytes(db, document_id: int, doc: ParsedDocument, replace: bool) -> Stored:
    """The bytes ingested before: nothing is written when the stored rows are this parse's.
    Ingested before a statement's further footnotes (and a footnote's further URLs) were
    cited (crawler/ingest/letter.py), they gain those citations (rows.missing_further,
    cite_further) and the document's metadata is this parse's (its warnings no longer say to
    check them by hand), so a re-ingest gives every source the letter cites.  Read otherwise
    by an earlier citewatch (an "Ibid." stored as an offline source, an article's links
    stored unfootnoted), the rows are not patched half: refused, unless `replace`, which
    re-reads them as a changed version is (replace.py), keeping the statements read alike."""
    if missing_further(db, document_id, doc) == []:   # read without the write lock: the common case
        _fill_language(db, document_id, doc)
        return Stored(document_id, "unchanged")
    with database.write_transaction(db):
        missing = missing_further(db, document_id, doc)
        if missing is None and replace:
            return Stored(document_id, "replaced", [document_id], replacing.replace(db, doc, [document_id]))
        if missing is None:
            raise IngestError(_read_differently(db, document_id, doc))
        if missing:
            cite_further(db, document_id, doc, missing, database.now())
            db.execute("UPDATE documents SET metadata = ? WHERE id = ?", [to_json(doc.metadata), document_id])
        _fill_language(db, document_id, doc)
    return Stored(document_id, "unchanged", further_cited=len(missing))


def _fill_language(db, document_id: int, doc: ParsedDocument) -> None:
    """These very bytes, ingested before `documents.language` was (m026), get their language now
    (rows.document_language): re-ingesting the document gives the report its quotes' language.
    The language is read first, so the common re-ingest writes nothing; the one UPDATE of a NULL
    stands on its own, whichever ingest of the same bytes makes it first."""
    if db.execute("SELECT language IS NULL FROM documents WHERE id = ?", [document_id]).fetchone()[0]:
        language = document_language(doc)
        if language is not None:
            db.execute("UPDATE documents SET language = ? WHERE id = ? AND language IS NULL", [language, document_id])


def _read_differently(db, document_id: int, doc: ParsedDocument) -> str:
    """One line: these bytes are a document an earlier citewatch read otherwise, and the way to re-read it."""
    ingested = db.execute("SELECT ingested_at FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    return (f"{doc.path}: these very bytes are document {document_id}, ingested {ingested[:10]} and read differently "
            f"by an earlier citewatch (its statements or citations are not this version's reading); run "
            f"`{replace_command(doc.path)}` to re-read it (statements read alike keep their verdicts)")


def _insert(db, doc: ParsedDocument) -> int:
    """The document row and all rows under it (inside the caller's transaction)."""
    now = database.now()
    document_id = db.execute(
        "INSERT INTO documents (sha256, kind, path, title, symbols, date, author, metadata, ingested_at, language)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [doc.sha256, doc.kind, doc.path, doc.title, to_json(doc.symbols), doc.date, doc.author,
         to_json(doc.metadata), now, document_language(doc)],
    ).lastrowid
    insert_rows(db, document_id, doc, now)
    return document_id
