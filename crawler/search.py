"""Full-text search over every stored text: which source says these words, and when?

Every text the stages store (a live page, a memento, a local file, a post) is indexed by
SQLite's FTS5 as it is written (db/migrations.py).  A fact-checker holding a quote that cites
nothing, or cites the wrong page, asks the database where the words are; `search` answers
with the texts that hold them, best first (FTS5's bm25 rank), each with its source, where the
text came from and a snippet around the words.

Only texts that stand for their page are searched (reconcile's `USABLE_TEXT`): a memento
whose capture turned out to be another page (redirected home, off-date) is not the source.

Russian ё and е are one letter to the search, as to Russian search engines: the index holds
each text with ё written е (migration m014_search_fold_yo) and the query is folded alike, in
every mode, so "признает" finds "признаёт" and back (an ё written as е and a combining
diaeresis is е to FTS5's tokenizer already).  The snippet shows the text as it was
written, with its ё.  No other letter is folded: й is not и, Ukrainian ї is not і.

One hit per reading: the same text read at the same place (its `text_url`, else the source's
url) from the same origin and memento is stored once per source that stands for it, a post
under its account's source and under its own status source.  It is listed once, under the
source of its best-ranked copy (lowest text id on a tie); `other_source_ids` and `other_urls`
name the other sources, best-ranked first (CSV: space-separated; JSON: lists).  The same
text read at two places, or in two mementos, stays two hits: each says where and when.
"""

from __future__ import annotations

import json
import sqlite3

import db as database
from crawler.export import formats
from crawler.reconcile import USABLE_TEXT

# How the query is read.  words: every word, in any order (each one quoted, so AND, OR,
# NOT, *, : and quotes in a pasted quote are words, not FTS5 syntax); phrase: the words in
# this order; fts: FTS5's own query syntax, for those who know it.
MODES = ("words", "phrase", "fts")
# url: the source's (what the document cites); text_url: where the text itself was read (the
# memento, the post: a cited account's posts share its url and differ in this one).
# other_source_ids, other_urls: the other sources the same reading is stored under (module
# docstring), in the same order.
FIELDS = ("text_id", "source_id", "url", "other_source_ids", "other_urls", "text_url", "origin", "memento_timestamp",
          "date", "title", "snippet")
# The matched words in a snippet, as FTS5 marks them; the terminal styles them, files show
# them in Markdown's bold.
START, END = "\x02", "\x03"
SNIPPET_WORDS = 16
SHOWN_CHARS = 60            # a query echoed in a title or an error: a pasted page is cut to this


class SearchError(ValueError):
    """A query FTS5 cannot read (only in `fts` mode), said in one line with the fix."""


def fts_query(query: str, mode: str) -> str:
    """The FTS5 MATCH expression for `query` read as `mode` (see MODES), its ё written е as
    the index holds the words."""
    query = database.fts_folded(query)
    if mode == "fts":
        return query
    if mode == "phrase":
        return '"' + query.replace('"', '""') + '"'
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def search(db, query: str, mode: str = "words", limit: int = 20) -> list[dict]:
    """The stored texts that match `query`, best first: one dict per reading (module
    docstring), keyed by FIELDS."""
    if not query.strip():
        raise SearchError("the query is empty; give the words to look for")
    if mode != "fts" and not any(c.isalnum() for c in query):
        raise SearchError(f"{shown(query)!r} has no words, only punctuation; give the words to look for")
    match = fts_query(query, mode)
    sql = ("select texts.id as text_id, texts.source_id, coalesce(sources.url, texts.url) as url, "
           "texts.url as text_url, texts.origin, texts.memento_timestamp, texts.date, texts.title, texts.sha256 "
           "from texts_fts join texts on texts.rowid = texts_fts.rowid join sources on sources.id = texts.source_id "
           f"where texts_fts match ? and {USABLE_TEXT} order by texts_fts.rank, texts.id")
    try:
        hits = readings(db.query(sql, [match]), limit)
    except sqlite3.OperationalError as exc:
        if mode != "fts":
            raise
        raise SearchError(f"{shown(query)!r} is not an FTS5 query ({exc}); drop --fts to look for the words as given") from None
    snippets = dict(db.execute(
        f"select rowid, snippet(texts_fts, 1, '{START}', '{END}', '…', {SNIPPET_WORDS}) from texts_fts "
        "where texts_fts match ? and rowid in (select value from json_each(?))",
        [match, json.dumps([hit["text_id"] for hit in hits])]))
    return [{**hit, "snippet": snippets.get(hit["text_id"])} for hit in hits]


def readings(rows, limit: int) -> list[dict]:
    """The first `limit` readings of the ranked `rows`, each the best-ranked row of its text
    read at one place, from one origin and memento, with the other sources storing it."""
    kept: dict[tuple, dict] = {}
    for row in rows:
        key = (row["sha256"], row["origin"], row["text_url"] or row["url"], row["memento_timestamp"])
        hit = kept.get(key)
        if hit is None and len(kept) < limit:
            kept[key] = {**row, "other_source_ids": [], "other_urls": []}
        elif hit is not None and row["source_id"] != hit["source_id"] and row["source_id"] not in hit["other_source_ids"]:
            hit["other_source_ids"].append(row["source_id"])
            hit["other_urls"].append(row["url"])
    return [{name: hit[name] for name in FIELDS if name != "snippet"} for hit in kept.values()]


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


def _csv_row(hit: dict) -> dict:
    """A hit as a CSV row: its lists in one cell each, space-separated (URLs hold no space)."""
    return {**_row(hit), **{name: " ".join(map(str, hit[name])) for name in ("other_source_ids", "other_urls")}}


FORMATS = formats(FIELDS, csv_row=_csv_row, json_row=_row)
