"""The one SQLite database every stage reads from and writes to."""

from __future__ import annotations

import datetime
import json
import re
import sqlite3
from pathlib import Path

import sqlite_utils

from db.migrations import UNSPACED_RANGES, migrations

# Texts are tens of kilobytes: with 16 KiB pages (SQLite's default is 4) a text spans a
# quarter of the overflow pages, and a crawl's writes cost its process ~0.1 ms less a page
# (BENCHMARKS.md).  Only a new database gets it; an existing one keeps its page size.
PAGE_SIZE = 16384


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode and apply pending migrations."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # takes effect only while the file is still empty
    db.execute("PRAGMA busy_timeout = 30000")
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


# SQLite's result codes for a file that is not (or no longer) a readable database: a page
# fails its checks (SQLITE_CORRUPT) or the header is wrong (SQLITE_NOTADB).
DAMAGED_CODES = {11, 26}


def result_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error (None: not a SQLite error that carries one)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def damaged(exc: BaseException) -> bool:
    """The database file itself cannot be read, whatever the statement: no stage can go on,
    and going on item by item would only report every item as failed."""
    return isinstance(exc, sqlite3.DatabaseError) and result_code(exc) in DAMAGED_CODES


def damage_message(path: str | Path, exc: BaseException) -> str:
    """One line for a damaged database (see `damaged`): what SQLite said and the way out."""
    return (f"{path} is damaged or not a SQLite database ({exc}); restore a backup, "
            f"run `sqlite3 {path} .recover`, or pass --db with another database")


def now() -> str:
    """The current UTC time as ISO 8601 text, the one time format of the database."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def to_json(value) -> str | None:
    """A list or object as the JSON text the database stores (None when empty)."""
    return json.dumps(value, ensure_ascii=False) if value else None


def from_json(value: str | None, default=None):
    """A JSON column back as data; `default` when it is empty or not JSON."""
    if value in (None, ""):
        return default
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


# texts_fts holds each text with ё written е (migration m014_search_fold_yo): a MATCH query
# folded the same way finds "признаёт" for "признает" and back; an unfolded ё finds nothing.
_FTS_FOLD = str.maketrans("ёЁ", "еЕ")


def fts_folded(query: str) -> str:
    """A full-text query (MATCH) written as texts_fts holds the words: ё as е."""
    return query.translate(_FTS_FOLD)


# A letter of a script written without spaces between words: a text holding one is indexed by
# trigrams too, and a query holding one is looked up there (migration m016_search_unspaced_scripts,
# crawler/search.py).
UNSPACED = re.compile(f"[{UNSPACED_RANGES}]")


def unspaced(*parts: str | None) -> int:
    """texts.unspaced for a text of these parts (title, text): 1 when one holds a letter of a
    script written without spaces, so that its triggers index it by trigrams as well."""
    return int(any(part and UNSPACED.search(part) for part in parts))
