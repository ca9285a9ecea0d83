"""Write a parsed document to the database in one transaction, or not at all.

The document's sha256 is its identity: ingesting the same bytes again finds the
row and writes nothing, so ids never change.

Other bytes of the same document are a changed version of it (`earlier_versions`):
the same kind and a UN symbol in common, in the same language (the UN issues one
symbol in six); or, without symbols, the same title and date, and the same path or
half its statements (a site's pages can share a generic <title>).  A changed version
is refused unless the caller asks to replace the document (`_replace`):
- the document row keeps its id;
- a statement the new version has as it was, footnote too, keeps its rows (`_unchanged`);
- the other statements and the document links are written anew, a statement the new
  version has too under its old id (`_statement_ids`), once every row that hangs off
  the old ones is removed (found through the schema's foreign keys: verdicts, candidate
  posts, quote-list rows, and any table a later migration adds), with the verdicts of
  other documents' statements that were checked against any of them.
A different document that quotes the same statements (an article quoting the letter)
is of another kind, or shares neither symbol nor title: a document of its own.

Sources are shared across documents: a source row is made the first time its key
is seen (INSERT ... ON CONFLICT DO NOTHING) and later citations point at the same
row, so a replaced document's sources that its new version still cites keep
their crawl and archive history.  One it no longer cites, and no other document
does, is removed if no stage has recorded anything of it yet; otherwise it is
kept with its history (and counted).  Everything is written with plain SQL inside
`db.atomic()`; sqlite-utils' table helpers would commit on their own and break
the all-or-nothing promise.
"""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import dataclass, field

import db as database
from db import from_json, to_json
from crawler import history
from crawler.ingest.model import IngestError, ParsedDocument
from crawler.urls import host_of
from crawler.verdicts import language


@dataclass
class Stored:
    """What `store` did: the document's id and whether it was new, the same bytes, or a replacement."""

    document_id: int
    outcome: str                                        # new | unchanged | replaced
    replaced: list[int] = field(default_factory=list)   # ids of the versions it replaced (the first is document_id)
    uncited_kept: int = 0                               # sources nothing cites now, kept for their history


def existing_document(db, sha256: str) -> int | None:
    """The id of the document ingested from these very bytes, if any (its identity)."""
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def store(db, doc: ParsedDocument, replace: bool = False) -> Stored:
    """Write `doc` (see the module docstring); refuse a changed version unless `replace`.

    Two ingests of the same bytes at once: the second one's insert meets the
    UNIQUE sha256, rolls back, and returns the row the first one wrote.
    """
    found = existing_document(db, doc.sha256)
    if found is not None:
        return Stored(found, "unchanged")
    try:
        with db.atomic():
            earlier = earlier_versions(db, doc)
            if not earlier:
                return Stored(_insert(db, doc), "new")
            if not replace:
                raise IngestError(_refusal(doc, earlier))
            return _replace(db, doc, [row["id"] for row in earlier])
    except sqlite3.IntegrityError:
        found = existing_document(db, doc.sha256)
        if found is None:
            raise
        return Stored(found, "unchanged")


def earlier_versions(db, doc: ParsedDocument) -> list[dict]:
    """The documents `doc` is another version of, oldest first: the same kind and a UN
    symbol in common in the same language (_same_language) or, when `doc` has no symbol,
    none either, the same title and date and the same path or statements (_same_statements)."""
    wanted = _folded(doc.title)
    versions = []
    for row in db.query("SELECT id, path, symbols, title, date, ingested_at FROM documents WHERE kind = ? ORDER BY id",
                        [doc.kind]):
        symbols = from_json(row["symbols"], [])
        if (set(doc.symbols) & set(symbols) and _same_language(db, row["id"], doc)) or (
                not doc.symbols and not symbols and wanted and _folded(row["title"]) == wanted
                and row["date"] == doc.date and (row["path"] == doc.path or _same_statements(db, row["id"], doc))):
            versions.append({**row, "symbols": symbols})
    return versions


def _same_language(db, document_id: int, doc: ParsedDocument) -> bool:
    """Whether the two documents' quotes are in one language (or either too short to tell).
    The UN issues a document in six languages under one symbol: its French version is a
    document of its own, not a changed file of the English one to refuse or write over."""
    old = language(" ".join(quote or "" for (quote,) in
                            db.execute("SELECT quote FROM statements WHERE document_id = ?", [document_id])))
    new = language(" ".join(statement.quote or "" for statement in doc.statements))
    return old is None or new is None or old == new


def _same_statements(db, document_id: int, doc: ParsedDocument) -> bool:
    """Whether at least half the statements of the shorter of the two are in the other, quote
    and entity alike: a corrected file changes a few.  A site's pages share a generic
    <title>, and two of its articles of one day are two documents, not versions: taken
    for versions, the second would be refused and `--replace` would overwrite the first."""
    old = {(_folded(entity), _folded(quote)) for entity, quote in
           db.execute("SELECT entity, quote FROM statements WHERE document_id = ?", [document_id])}
    new = {(_folded(s.entity), _folded(s.quote)) for s in doc.statements}
    return bool(old and new) and 2 * len(old & new) >= min(len(old), len(new))


def _folded(text: str | None) -> str:
    """A title, entity or quote as compared across versions: case and spacing do not make
    another document, nor another statement."""
    return " ".join((text or "").split()).casefold()


def _statement_key(entity: str | None, title: str | None) -> tuple[str, str]:
    """A statement as matched across versions: its entity and title, case and spacing aside."""
    return _folded(entity), _folded(title)


def _refusal(doc: ParsedDocument, earlier: list[dict]) -> str:
    """One line: which document this file is a changed version of, and the way to replace it."""
    first = earlier[0]
    shared = [symbol for symbol in doc.symbols if symbol in first["symbols"]]
    what = f"symbol {shared[0]}" if shared else f"title \"{first['title']}\""
    others = f" (and {len(earlier) - 1} more ingested before)" if len(earlier) > 1 else ""
    return (f"{doc.path}: a changed version of document {first['id']}{others}, same {what}, ingested "
            f"{first['ingested_at'][:10]} from {first['path']}; run `citewatch ingest --replace {doc.path}` "
            "to replace its statements and citations with this file's")


def _insert(db, doc: ParsedDocument) -> int:
    """The document row and all rows under it (inside the caller's transaction)."""
    now = database.now()
    document_id = db.execute(
        "INSERT INTO documents (sha256, kind, path, title, symbols, date, author, metadata, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [doc.sha256, doc.kind, doc.path, doc.title, to_json(doc.symbols), doc.date, doc.author,
         to_json(doc.metadata), now],
    ).lastrowid
    _insert_rows(db, document_id, doc, now)
    return document_id


def _replace(db, doc: ParsedDocument, versions: list[int]) -> Stored:
    """Write `doc` over the first of `versions`, keeping its id; later ones (duplicates
    ingested before a changed file was refused) are removed whole.  The statements and
    sources removed leave the last run's state too (`history.forget`): SQLite may give
    their ids again, and `run --scheduled` must not compare a new row with a gone one."""
    document_id, duplicates = versions[0], versions[1:]
    marks = ", ".join("?" for _ in versions)
    cited = [row[0] for row in db.execute(
        f"SELECT DISTINCT source_id FROM citations WHERE document_id IN ({marks}) AND source_id IS NOT NULL", versions)]
    references = _references(db)
    old_ids = {row[0] for row in db.execute(f"SELECT id FROM statements WHERE document_id IN ({marks})", versions)}
    ids = _statement_ids(db, document_id, doc)
    kept = _unchanged(db, doc, ids)
    _delete_compared(db, versions)
    _delete_changed(db, document_id, kept, references)
    if duplicates:
        _delete_under(db, "documents", f"id IN ({', '.join('?' for _ in duplicates)})", duplicates, references)
    now = database.now()
    db.execute(
        "UPDATE documents SET sha256 = ?, path = ?, title = ?, symbols = ?, date = ?, author = ?, metadata = ?,"
        " ingested_at = ? WHERE id = ?",
        [doc.sha256, doc.path, doc.title, to_json(doc.symbols), doc.date, doc.author, to_json(doc.metadata), now,
         document_id],
    )
    _insert_rows(db, document_id, doc, now, ids, kept)
    uncited_kept = _drop_uncited(db, cited, references)
    gone = [source_id for source_id in cited if not db["sources"].count_where("id = ?", [source_id])]
    history.forget(db, sorted(old_ids - set(ids)), gone)
    return Stored(document_id, "replaced", versions, uncited_kept)


def _statement_ids(db, document_id: int, doc: ParsedDocument) -> list[int]:
    """The id each of `doc`'s statements gets: the old statement's it stands for (the same
    entity and title, in order, or the same entity where the titles changed), else a new
    one above every id in use.

    `run --scheduled` tells a verdict changed by comparing the verdicts of the last run
    with this run's by statement id (crawler/history.py): a corrected statement keeps
    its id, so its new verdict is compared with its old one; a new statement never
    takes the id of another one gone, whose old verdict it would be compared with.
    """
    old = db.execute("SELECT id, entity, title FROM statements WHERE document_id = ? ORDER BY seq",
                     [document_id]).fetchall()
    new = [(s.entity, s.title) for s in doc.statements]
    ids: list[int | None] = [None] * len(new)
    matcher = difflib.SequenceMatcher(None, [_statement_key(e, t) for _, e, t in old],
                                      [_statement_key(e, t) for e, t in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i, j in zip(range(i1, i2), range(j1, j2)):
            same_entity = _folded(old[i][1]) == _folded(new[j][0])   # the title changed
            if tag == "equal" or (tag == "replace" and same_entity):
                ids[j] = old[i][0]
    top = db.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
    unmatched = iter(range(top + 1, top + 1 + ids.count(None)))
    return [next(unmatched) if found is None else found for found in ids]


def _unchanged(db, doc: ParsedDocument, ids: list[int]) -> set[int]:
    """The ids of the old statements that `doc` has as they were, at the same place, with the
    same footnote: their rows stay, with what hangs off them (verdicts, and the post a
    social footnote resolved to, which only the archive can tell again)."""
    kept = set()
    for statement, statement_id in zip(doc.statements, ids):
        old = db.execute("SELECT seq, section, entity, title, place, date, footnote, quote, flags FROM statements"
                         " WHERE id = ?", [statement_id]).fetchone()
        if old is None or tuple(old) != (
                statement.seq, statement.section, statement.entity, statement.title, statement.place, statement.date,
                statement.footnote, statement.quote, to_json(statement.flags)):
            continue
        cited = db.execute("SELECT c.seq, c.kind, c.printed, c.url_printed, c.url, c.repairs, c.handle,"
                           " c.platform_hint, c.flags, s.key FROM citations c LEFT JOIN sources s ON s.id = c.source_id"
                           " WHERE c.statement_id = ?", [statement_id]).fetchall()
        citation = statement.citation
        if [tuple(row) for row in cited] == ([] if citation is None else [(
                citation.seq, citation.kind, citation.printed, citation.url_printed, citation.url,
                to_json(citation.repairs), citation.handle, citation.platform_hint, to_json(citation.flags),
                citation.source_key)]):
            kept.add(statement_id)
    return kept


def _delete_changed(db, document_id: int, kept: set[int], references) -> None:
    """Delete the document's rows (but the document's own and the `kept` statements' with
    their citations) and every row that references them, down the foreign keys."""
    marks = ", ".join("?" for _ in kept)   # SQLite reads "NOT IN ()" as true
    spared = {"statements": "id", "citations": "statement_id"}
    for child, column in references.get("documents", []):
        where = f"{column} = ?"
        if child in spared:
            where += f" AND ({spared[child]} IS NULL OR {spared[child]} NOT IN ({marks}))"
        _delete_under(db, child, where, [document_id, *(kept if child in spared else [])], references)


def _delete_compared(db, document_ids: list[int]) -> None:
    """Remove the verdicts of other documents' statements that were checked against these
    documents' statements (reconcile's `compilation` check names its counterpart in
    evidence.compared_with, and the overall verdict borrows the counterpart's
    citations): they rest on statements that are going, and the next reconcile
    checks them again."""
    marks = ", ".join("?" for _ in document_ids)
    db.execute(
        "DELETE FROM quote_checks WHERE statement_id IN (SELECT statement_id FROM quote_checks WHERE scope = 'compilation'"
        f" AND json_extract(evidence, '$.compared_with.document_id') IN ({marks}))", document_ids)


def _references(db) -> dict[str, list[tuple[str, str]]]:
    """Each table's referencing (table, column) pairs, read from the schema's foreign keys,
    so a table a later migration adds is followed too."""
    references: dict[str, list[tuple[str, str]]] = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for key in db.execute(f"PRAGMA foreign_key_list('{table}')").fetchall():
            references.setdefault(key[2], []).append((table, key[3]))
    return references


def _delete_under(db, table: str, where: str, params: list, references) -> None:
    """Delete the rows of `table` that match `where` and, first, every row that references
    them, down the foreign keys."""
    for child, column in references.get(table, []):
        if child != table:
            _delete_under(db, child, f"{column} IN (SELECT id FROM {table} WHERE {where})", params, references)
    db.execute(f"DELETE FROM {table} WHERE {where}", params)


def _drop_uncited(db, source_ids: list[int], references) -> int:
    """Remove the sources among `source_ids` that no citation cites and no stage has
    recorded anything of; return how many uncited ones are kept for their history."""
    kept = 0
    for source_id in source_ids:
        used = [table for table, column in references.get("sources", [])
                if db.execute(f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", [source_id]).fetchone()]
        if "citations" in used:
            continue
        if used:
            kept += 1
        else:
            db.execute("DELETE FROM sources WHERE id = ?", [source_id])
    return kept


def _insert_rows(db, document_id: int, doc: ParsedDocument, now: str, ids: list[int] | None = None,
                 kept: set[int] = frozenset()) -> None:
    """The document's statements (with `ids`, else new ones; the `kept` ones are there
    already), citations (and their sources) and document links."""
    for statement, wanted in zip(doc.statements, ids or [None] * len(doc.statements)):
        if wanted in kept:
            continue
        statement_id = db.execute(
            "INSERT INTO statements (id, document_id, seq, section, entity, title, place, date, footnote, quote, flags)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [wanted, document_id, statement.seq, statement.section, statement.entity, statement.title,
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


def _source_id(db, citation, now: str) -> int:
    """The id of the citation's source, made on first sight of its key."""
    url = citation.source_url
    db.execute(
        "INSERT INTO sources (kind, key, url, host, first_seen) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
        [citation.source_kind, citation.source_key, url, host_of(url) if url else None, now],
    )
    return db.execute("SELECT id FROM sources WHERE key = ?", [citation.source_key]).fetchone()[0]
