"""`citewatch ingest --replace`: write a changed version over the document, inside the
caller's transaction (crawler/ingest/store.py).

- the document row keeps its id;
- a statement the new version has as it was, footnote too, keeps its rows (`_unchanged`),
  its citations renumbered to the new version's seqs (`_renumber`);
- the other statements and the document links are written anew, a statement the new
  version has too under its old id (`_statement_ids`), once every row that hangs off
  the old ones is removed (found through the schema's foreign keys: verdicts, candidate
  posts, quote-list rows, and any table a later migration adds), with the verdicts of
  other documents' statements that were checked against any of them;
- a source the new version no longer cites, and no other document does, is removed if no
  stage has recorded anything of it yet; otherwise it is kept with its history (and counted).
"""

from __future__ import annotations

import difflib

import db as database
from db import to_json
from crawler import history
from crawler.ingest.model import ParsedDocument
from crawler.ingest.rows import (STATEMENT_COLUMNS, document_language, in_seq_order, insert_rows, statement_values,
                                 stored_citations, what_it_cites)
from crawler.ingest.versions import statement_key
from db.lock import CRAWL, held_elsewhere


def replace(db, doc: ParsedDocument, versions: list[int]) -> int:
    """Write `doc` over the first of `versions`, keeping its id; later ones (duplicates
    ingested before a changed file was refused) are removed whole.  The statements and
    sources removed leave the last run's state too (`history.forget`): SQLite may give
    their ids again, and `run --scheduled` must not compare a new row with a gone one.
    Returns how many sources nothing cites any more are kept for their history."""
    document_id, duplicates = versions[0], versions[1:]
    marks = ", ".join("?" for _ in versions)
    cited = [row[0] for row in db.execute(
        f"SELECT DISTINCT source_id FROM citations WHERE document_id IN ({marks}) AND source_id IS NOT NULL", versions)]
    references = _references(db)
    old_ids = {row[0] for row in db.execute(f"SELECT id FROM statements WHERE document_id IN ({marks})", versions)}
    ids = _statement_ids(db, document_id, doc)
    kept = _unchanged(db, doc, ids)
    _delete_compared(db, versions)
    _delete_changed(db, document_id, set(kept), references)
    _renumber(db, kept)
    if duplicates:
        _delete_under(db, "documents", f"id IN ({', '.join('?' for _ in duplicates)})", duplicates, references)
    now = database.now()
    db.execute(
        "UPDATE documents SET sha256 = ?, path = ?, title = ?, symbols = ?, date = ?, author = ?, metadata = ?,"
        " ingested_at = ?, language = ? WHERE id = ?",
        [doc.sha256, doc.path, doc.title, to_json(doc.symbols), doc.date, doc.author, to_json(doc.metadata), now,
         document_language(doc), document_id],
    )
    insert_rows(db, document_id, doc, now, ids, set(kept))
    uncited_kept = _drop_uncited(db, cited, references)
    gone = [source_id for source_id in cited if not db["sources"].count_where("id = ?", [source_id])]
    history.forget(db, sorted(old_ids - set(ids)), gone)
    return uncited_kept


def _statement_ids(db, document_id: int, doc: ParsedDocument) -> list[int]:
    """The id each of `doc`'s statements gets: the old statement's it stands for (the same
    part, entity and title, in order, or the same part and entity where the titles changed;
    never one of another annex), else a new one above every id in use.

    `run --scheduled` tells a verdict changed by comparing the verdicts of the last run
    with this run's by statement id (crawler/history.py): a corrected statement keeps
    its id, so its new verdict is compared with its old one; a new statement never
    takes the id of another one gone, whose old verdict it would be compared with.
    """
    rows = db.execute("SELECT id, part, entity, title FROM statements WHERE document_id = ? ORDER BY seq",
                      [document_id]).fetchall()
    old_ids, old = [row[0] for row in rows], [statement_key(*row[1:]) for row in rows]
    new = [statement_key(s.part, s.entity, s.title) for s in doc.statements]
    ids: list[int | None] = [None] * len(new)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i, j in zip(range(i1, i2), range(j1, j2)):
            retitled = old[i][:2] == new[j][:2]   # the same part and entity: only the title changed
            if tag == "equal" or (tag == "replace" and retitled):
                ids[j] = old_ids[i]
    top = db.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
    unmatched = iter(range(top + 1, top + 1 + ids.count(None)))
    return [next(unmatched) if found is None else found for found in ids]


def _unchanged(db, doc: ParsedDocument, ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    """The old statements that `doc` has as they were, at the same place (its own footnote's
    seq too: the footnote's place in the document), with the same footnotes: its own and its
    further sources', each of these compared by what it cites (rows.what_it_cites), not by
    its seq, which a URL added to any footnote before shifts (letter.py `_cite_further_urls`).
    Their rows stay, with what hangs off them (verdicts, and the post a social footnote
    resolved to, which only the archive can tell again).  By id, the (citation row id, seq
    it takes now) of their citations, for `_renumber`."""
    kept = {}
    for statement, statement_id in zip(doc.statements, ids):
        old = db.execute(f"SELECT {', '.join(STATEMENT_COLUMNS)} FROM statements WHERE id = ?",
                         [statement_id]).fetchone()
        if old is None or tuple(old) != statement_values(statement):
            continue
        stored, cited = stored_citations(db, statement_id), in_seq_order(statement)
        placed = all(row[1] == citation.seq for row, citation in zip(stored, cited) if citation is statement.citation)
        if placed and [row[2] for row in stored] == [what_it_cites(citation) for citation in cited]:
            kept[statement_id] = [(row[0], citation.seq) for row, citation in zip(stored, cited)]
    return kept


def _renumber(db, kept: dict[int, list[tuple[int, int]]]) -> None:
    """Give the kept statements' citations the seqs this version reads: a URL added to an
    earlier footnote moves the seqs of the footnotes' further URLs after it.  In two steps,
    each row first to its own negative id, as UNIQUE (document_id, seq) is checked row by row."""
    moved = [(row_id, seq) for rows in kept.values() for row_id, seq in rows]
    for row_id, _ in moved:
        db.execute("UPDATE citations SET seq = -id WHERE id = ?", [row_id])
    for row_id, seq in moved:
        db.execute("UPDATE citations SET seq = ? WHERE id = ?", [seq, row_id])


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
    recorded anything of; return how many uncited ones are kept for their history.
    While another process crawls, every one is kept: the crawl may be fetching it, and
    its fetch row would point at a source gone."""
    kept = 0
    crawling = held_elsewhere(db, CRAWL)
    for source_id in source_ids:
        used = [table for table, column in references.get("sources", [])
                if db.execute(f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", [source_id]).fetchone()]
        if "citations" in used:
            continue
        if used or crawling:
            kept += 1
        else:
            db.execute("DELETE FROM sources WHERE id = ?", [source_id])
    return kept
