"""Full-text search over every stored text: which source says these words, and when?

Every text the stages store (a live page, a memento, a local file, a post) is indexed by
SQLite's FTS5 as it is written (db/migrations.py).  A fact-checker holding a quote that cites
nothing, or cites the wrong page, asks the database where the words are; `search` answers
with the texts that hold them, best first (FTS5's bm25 rank), each with its source, where the
text came from and a snippet around the words.

Only texts that stand for their page are searched (reconcile's `USABLE_TEXT`): a memento
whose capture turned out to be another page (redirected home, off-date) is not the source.
"""

from __future__ import annotations

import sqlite3

from crawler.export import formats
from crawler.reconcile import USABLE_TEXT

# How the query is read.  words: every word, in any order (each one quoted, so AND, OR,
# NOT, *, : and quotes in a pasted quote are words, not FTS5 syntax); phrase: the words in
# this order; fts: FTS5's own query syntax, for those who know it.
MODES = ("words", "phrase", "fts")
# url: the source's (what the document cites); text_url: where the text itself was read (the
# memento, the post: a cited account's posts share its url and differ in this one).
FIELDS = ("text_id", "source_id", "url", "text_url", "origin", "memento_timestamp", "date", "title", "snippet")
# The matched words in a snippet, as FTS5 marks them; the terminal styles them, files show
# them in Markdown's bold.
START, END = "\x02", "\x03"
SNIPPET_WORDS = 16
SHOWN_CHARS = 60            # a query echoed in a title or an error: a pasted page is cut to this
SQLITE_MAX_INT = 2 ** 63 - 1  # no LIMIT sqlite3 can bind is larger


class SearchError(ValueError):
    """A query FTS5 cannot read (only in `fts` mode), said in one line with the fix."""


def fts_query(query: str, mode: str) -> str:
    """The FTS5 MATCH expression for `query` read as `mode` (see MODES)."""
    if mode == "fts":
        return query
    if mode == "phrase":
        return '"' + query.replace('"', '""') + '"'
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def search(db, query: str, mode: str = "words", limit: int = 20) -> list[dict]:
    """The stored texts that match `query`, best first: one dict per text, keyed by FIELDS."""
    if not query.strip():
        raise SearchError("the query is empty; give the words to look for")
    if mode != "fts" and not any(c.isalnum() for c in query):
        raise SearchError(f"{shown(query)!r} has no words, only punctuation; give the words to look for")
    sql = (f"select texts.id as text_id, texts.source_id, coalesce(sources.url, texts.url) as url, "
           f"texts.url as text_url, texts.origin, "
           f"texts.memento_timestamp, texts.date, texts.title, "
           f"snippet(texts_fts, 1, '{START}', '{END}', '…', {SNIPPET_WORDS}) as snippet "
           f"from texts_fts join texts on texts.rowid = texts_fts.rowid join sources on sources.id = texts.source_id "
           f"where texts_fts match ? and {USABLE_TEXT} order by texts_fts.rank, texts.id limit ?")
    try:
        return [dict(row) for row in db.query(sql, [fts_query(query, mode), min(limit, SQLITE_MAX_INT)])]
    except sqlite3.OperationalError as exc:
        if mode != "fts":
            raise
        raise SearchError(f"{shown(query)!r} is not an FTS5 query ({exc}); drop --fts to look for the words as given") from None


def shown(query: str) -> str:
    """The query as a title or an error echoes it: a pasted page cut to its first words."""
    flat = " ".join(query.split())
    if len(flat) <= SHOWN_CHARS:
        return flat
    cut = flat[:SHOWN_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:-1]) + "…"


def holds_texts(db) -> bool:
    """Whether any stage has stored a text yet (no hit means something else before a crawl)."""
    return db.execute("select exists (select 1 from texts)").fetchone()[0] == 1


def marked(snippet: str, start: str, end: str) -> str:
    """The snippet with FTS5's match marks written as `start` … `end`."""
    return snippet.replace(START, start).replace(END, end)


def _row(hit: dict) -> dict:
    """A hit as a file writes it: the matched words in Markdown's bold."""
    return {**hit, "snippet": marked(hit["snippet"] or "", "**", "**")}


FORMATS = formats(FIELDS, csv_row=_row, json_row=_row)
