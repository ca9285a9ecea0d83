"""Write a quote list into the database as a document of kind `quotes`, in one transaction.

Identity, and why (documents.sha256 against row identity):

* A quote list is one document, found again by its absolute path (a `--quote` check
  by its content).  `documents.sha256` is the hash of the list's *version*: the path
  and every row's id and content hash, the bytes of the local files it cites
  included.  Re-reading an unchanged list (and unchanged files) finds the same hash
  and writes nothing.  A hash of the list's bytes alone would not do: an edited
  local file would go unnoticed, and an edited list would become a second document
  that repeats every unchanged row.
* A row is found again by its id (the `id` column, else its row number) in
  `quote_rows`.  Same content: nothing is written.  Changed content (quote, source,
  date, speaker, note, or the bytes of its local file): the row's statement and
  citation are updated in place, its version goes up by one, and the verdicts and
  social candidates computed for the old content are deleted so that reconcile and
  resolve check the new one.  A new version, never a duplicate.
* A row no longer in the list keeps its statement and history; its `quote_rows`
  position becomes NULL.  Rows that cannot be checked are reported, not stored.

Sources are shared with every other document (INSERT … ON CONFLICT DO NOTHING on the
key), as ingest does: a page cited by a letter and by a quote list is crawled once.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

import db as database
from db import to_json
from archive.snapshots import distance_days, parse_date
from crawler.check.read import Row
from crawler.check.sources import Cited
from crawler.ingest.rows import quotes_language
from crawler.urls import host_of

LOCAL_REASON = "a local file: read by citewatch check, never fetched"


@dataclass
class Entry:
    """A row that can be checked, with the citation it makes."""

    row: Row
    cited: Cited

    @property
    def date(self) -> str | None:
        return self.row.date or self.cited.date_hint

    @functools.cached_property
    def sha256(self) -> str:
        """The row's content: what, if changed, makes a new version."""
        local = self.cited.local.sha256 if self.cited.local else None
        content = [self.row.quote, self.row.source, self.cited.source_key, local, self.row.date,
                   self.row.speaker, self.row.note]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass
class Listing:
    """A quote list ready to store: its rows in order, the checkable ones with citations."""

    identity: str | None          # absolute path of the list; None for `--quote`
    title: str
    fmt: str                      # csv | tsv | jsonl | quote
    rows: list[Row]
    entries: list[Entry] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        """The version of the list (see the module docstring)."""
        digest = hashlib.sha256(f"citewatch quotes\0{self.identity or '--quote'}\0".encode("utf-8"))
        for entry in self.entries:
            digest.update(f"{entry.row.key}\t{entry.sha256}\n".encode("utf-8"))
        return digest.hexdigest()


def find_document(db, listing: Listing) -> tuple[int, str] | None:
    """(id, sha256) of the list's document, if it was stored before."""
    if listing.identity is None:
        row = db.execute("SELECT id, sha256 FROM documents WHERE kind = 'quotes' AND sha256 = ?",
                         [listing.sha256]).fetchone()
    else:
        row = db.execute("SELECT id, sha256 FROM documents WHERE kind = 'quotes' AND path = ? ORDER BY id LIMIT 1",
                         [listing.identity]).fetchone()
    return (row[0], row[1]) if row else None


def store(db, listing: Listing) -> dict:
    """Write the list; returns {document_id, new, added, updated, unchanged, removed}.

    Read and written under SQLite's write lock (db `write_transaction`): a second check of the
    list at the same moment waits, then finds what the first one wrote."""
    with database.write_transaction(db):
        found = find_document(db, listing)
        counts = {"document_id": found[0] if found else None, "new": found is None,
                  "added": 0, "updated": 0, "unchanged": 0, "removed": 0}
        if found and found[1] == listing.sha256:
            counts["unchanged"] = len(listing.entries)
            _fill_language(db, found[0], listing)
            return counts
        if found is None and not listing.entries:
            counts["new"] = False   # nothing checkable: no empty document is made
            return counts
        document_id = counts["document_id"] = _document(db, listing, found[0] if found else None)
        writer = _Writer(db, document_id)
        for entry in listing.entries:
            counts[writer.put(entry)] += 1
        counts["removed"] = writer.unlist({e.row.key for e in listing.entries})
    return counts


def _document(db, listing: Listing, document_id: int | None) -> int:
    """Insert the document, or move it to this version (its language the new version's)."""
    metadata = to_json({"format": listing.fmt, "rows": len(listing.rows), "checkable": len(listing.entries),
                      "updated_at": database.now()})
    language = list_language(listing)
    if document_id is None:
        return db.execute(
            "INSERT INTO documents (sha256, kind, path, title, metadata, ingested_at, language)"
            " VALUES (?, 'quotes', ?, ?, ?, ?, ?)",
            [listing.sha256, listing.identity or "--quote", listing.title, metadata, database.now(), language],
        ).lastrowid
    db.execute("UPDATE documents SET sha256 = ?, title = ?, metadata = ?, language = ? WHERE id = ?",
               [listing.sha256, listing.title, metadata, language, document_id])
    return document_id


def _fill_language(db, document_id: int, listing: Listing) -> None:
    """An unchanged list stored before lists were given a language gets it now, as a letter
    ingested again does (crawler/ingest/store.py `_fill_language`): checking the list again
    gives the report its quotes' language.  A list stored with one keeps it (the same quotes)."""
    if db.execute("SELECT language IS NULL FROM documents WHERE id = ?", [document_id]).fetchone()[0]:
        language = list_language(listing)
        if language is not None:
            db.execute("UPDATE documents SET language = ? WHERE id = ?", [language, document_id])


# A list's quotes read for its language: at most about this many, taken evenly through it (a
# list of 100,000 rows is named in milliseconds, its last rows read as well as its first).
LANGUAGE_QUOTES = 2_000
# The share of a list's runs of quotes one language must name for the list to be in it: py3langid
# misnames a few in a hundred runs of 12 words (crawler/ingest/rows.py DOCUMENT_LANGUAGE), so a
# long list in one language never has every run named alike; a second language holding a tenth
# of the quotes or more is a mixed list.
LANGUAGE_SHARE = 0.9


def list_language(listing: Listing) -> str | None:
    """The language the quotes of a list's checkable rows are in (`documents.language`: the HTML
    report reads an unchecked quote in it), None when they are too few words to tell or mixed.  A list may mix
    languages, unlike a letter: its quotes are read in runs, each the fewest whole quotes ingest's
    rule names a language from (rows.py `quotes_language`, DOCUMENT_LANGUAGE's words), and one
    language must name LANGUAGE_SHARE of the runs; the whole list read at once would name the
    language of most of its words, and read the others' quotes aloud in it."""
    quotes = [entry.row.quote for entry in listing.entries]
    named: Counter = Counter()
    run: list[str] = []
    for quote in quotes[::max(1, len(quotes) // LANGUAGE_QUOTES)]:
        run.append(quote)
        code = quotes_language(run)
        if code is not None:
            named[code] += 1
            run = []
    if not named:
        return None
    code, count = named.most_common(1)[0]
    return code if count >= LANGUAGE_SHARE * sum(named.values()) else None


class _Writer:
    """Puts rows of one document, with the lookups it needs loaded once (100,000 rows stay fast)."""

    def __init__(self, db, document_id: int):
        self.db = db
        self.document_id = document_id
        self.now = database.now()
        self.known = {key: (qid, sid, sha, version) for qid, key, sid, sha, version in db.execute(
            "SELECT id, row_key, statement_id, sha256, version FROM quote_rows WHERE document_id = ?", [document_id])}
        self.next_seq = 1 + (db.execute("SELECT coalesce(max(seq), 0) FROM statements WHERE document_id = ?",
                                        [document_id]).fetchone()[0])
        self.sources: dict[str, int] = {}

    def put(self, entry: Entry) -> str:
        """'added', 'updated' or 'unchanged'."""
        row, known = entry.row, self.known.get(entry.row.key)
        sha = entry.sha256
        if known and known[2] == sha:
            self.db.execute("UPDATE quote_rows SET position = ?, line = ? WHERE id = ?",
                            [row.position, row.line, known[0]])
            return "unchanged"
        source_id = self._source(entry.cited)
        if known:
            self._update(entry, known, source_id, sha)
            return "updated"
        self._insert(entry, source_id, sha)
        return "added"

    def _insert(self, entry: Entry, source_id: int, sha: str) -> None:
        row, cited = entry.row, entry.cited
        seq, self.next_seq = self.next_seq, self.next_seq + 1
        statement_id = self.db.execute(
            "INSERT INTO statements (document_id, seq, entity, title, date, quote, flags) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.document_id, seq, row.speaker, row.key, entry.date, row.quote, to_json(row.flags)],
        ).lastrowid
        self.db.execute(
            "INSERT INTO citations (document_id, statement_id, seq, kind, printed, url_printed, url, repairs, handle,"
            " flags, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.document_id, statement_id, seq, cited.kind, cited.printed, cited.url_printed, cited.url,
             to_json(cited.repairs), cited.handle, to_json(row.flags), source_id],
        )
        self.db.execute(
            "INSERT INTO quote_rows (document_id, row_key, statement_id, sha256, source, note, position, line,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.document_id, row.key, statement_id, sha, row.source, row.note, row.position, row.line, self.now],
        )
        self._memento(entry, source_id)

    def _update(self, entry: Entry, known: tuple, source_id: int, sha: str) -> None:
        """A new version of a row: the same statement and citation, new content, old verdicts gone."""
        row, cited = entry.row, entry.cited
        quote_row_id, statement_id, _, version = known
        self.db.execute("UPDATE statements SET entity = ?, date = ?, quote = ?, flags = ? WHERE id = ?",
                        [row.speaker, entry.date, row.quote, to_json(row.flags), statement_id])
        self.db.execute(
            "UPDATE citations SET kind = ?, printed = ?, url_printed = ?, url = ?, repairs = ?, handle = ?, flags = ?,"
            " source_id = ?, resolved_url = NULL, resolved_timestamp = NULL, resolution = NULL"
            " WHERE statement_id = ?",
            [cited.kind, cited.printed, cited.url_printed, cited.url, to_json(cited.repairs), cited.handle,
             to_json(row.flags), source_id, statement_id],
        )
        self.db.execute("DELETE FROM quote_checks WHERE statement_id = ?", [statement_id])
        self.db.execute("DELETE FROM candidates WHERE citation_id IN (SELECT id FROM citations WHERE statement_id = ?)",
                        [statement_id])
        self.db.execute(
            "UPDATE quote_rows SET version = ?, sha256 = ?, source = ?, note = ?, position = ?, line = ?,"
            " updated_at = ? WHERE id = ?",
            [version + 1, sha, row.source, row.note, row.position, row.line, self.now, quote_row_id],
        )
        self._memento(entry, source_id)

    def _source(self, cited: Cited) -> int:
        """The source row for the citation's key (made on first sight), with a local file's text."""
        if cited.source_key in self.sources:
            return self.sources[cited.source_key]
        host = host_of(cited.source_url) if cited.source_url and cited.source_kind != "local" else None
        reason = LOCAL_REASON if cited.source_kind == "local" else None
        self.db.execute(
            "INSERT INTO sources (kind, key, url, host, state_reason, first_seen) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (key) DO NOTHING",
            [cited.source_kind, cited.source_key, cited.source_url, host, reason, self.now],
        )
        source_id = self.db.execute("SELECT id FROM sources WHERE key = ?", [cited.source_key]).fetchone()[0]
        if cited.local:
            self._local_text(source_id, cited)
        self.sources[cited.source_key] = source_id
        return source_id

    def _local_text(self, source_id: int, cited: Cited) -> None:
        """The file's text, origin `local`, once (NULL memento_timestamp defeats the UNIQUE key)."""
        local = cited.local
        if self.db.execute("SELECT 1 FROM texts WHERE source_id = ? AND origin = 'local' AND sha256 = ?",
                           [source_id, local.text_sha256]).fetchone():
            return
        self.db.execute(
            "INSERT INTO texts (source_id, origin, url, title, language, text, sha256, extractor, created_at, unspaced)"
            " VALUES (?, 'local', ?, ?, ?, ?, ?, ?, ?, ?)",
            [source_id, cited.source_url, local.title, local.language, local.text, local.text_sha256,
             local.extractor, self.now, database.unspaced(local.title, local.text)],
        )

    def _memento(self, entry: Entry, source_id: int) -> None:
        """The memento a row gave, as a snapshot of its original (archive lookup adds the others).

        Its URL is the row's as written (spaces encoded, as sources.one_url does): a short
        timestamp is padded to the end of its period, which names no capture, so until the
        rescue fetches it and moves the row to the capture served (archive/rescue.py
        `served_capture`), the report shows the link the user gave, not that padded date."""
        memento = entry.cited.memento
        if memento is None:
            return
        target = parse_date(entry.date)
        self.db.execute(
            "INSERT INTO snapshots (source_id, archive, original_url, timestamp, memento_url, distance_days,"
            " found_at) VALUES (?, 'wayback', ?, ?, ?, ?, ?) ON CONFLICT (source_id, archive, timestamp, original_url)"
            " DO NOTHING",
            [source_id, memento.original, memento.timestamp, entry.cited.url_printed.replace(" ", "%20"),
             distance_days(memento, target), self.now],
        )

    def unlist(self, keys: set[str]) -> int:
        """Mark the rows no longer in the list (position NULL); how many were newly dropped."""
        gone = [qid for key, (qid, *_rest) in self.known.items() if key not in keys]
        dropped = 0
        for qid in gone:
            dropped += self.db.execute("UPDATE quote_rows SET position = NULL, line = NULL WHERE id = ?"
                                       " AND position IS NOT NULL", [qid]).rowcount
        return dropped
