"""What the crawl tests read and write of the database: sources as ingest inserts them
(`add_sources`), a source's deciding fetch in its latest crawl (`outcome`) and all its deciding
fetches (`fetches_of`), a source's row with its checks decoded (`source`), and the WARC file a
fetch points at (`warc_file`).

A shared module, not a test module: tests/test_crawl.py and the other test files that crawl the
fixture web import these from here; running the crawl itself is tests/clirun.py's (`crawl`,
`crawl_here`, `fast_env`).
"""

from __future__ import annotations

import json
from pathlib import Path

import db as database
from archive.warc import warc_location


def add_sources(db, urls: list[str], kind: str = "web") -> dict[str, int]:
    """Insert sources as the ingest stage would; {url: source id}."""
    ids = {}
    for url in urls:
        ids[url] = db["sources"].insert({"kind": kind, "key": url, "url": url, "host": url.split("/")[2] if "//" in url else None,
                                         "first_seen": database.now()}).last_pk
    return ids


def warc_file(db, fetch: dict) -> Path:
    """The WARC file a fetch points at, in the data directory its crawl wrote to (`crawls.warc_dir`
    is that directory's warc/)."""
    warc_dir = db.execute("select warc_dir from crawls where id = ?", [fetch["crawl_id"]]).fetchone()[0]
    return warc_location(fetch["warc_path"], Path(warc_dir).parent)


def outcome(db, source_id: int) -> dict:
    """The deciding fetch of a source in its latest crawl, with the evidence decoded."""
    row = next(db.query("select * from fetches where source_id = ? and purpose = 'live' and final = 1 "
                        "order by crawl_id desc limit 1", [source_id]))
    row["evidence"] = json.loads(row["evidence"] or "{}")
    return row


def source(db, source_id: int) -> dict:
    row = db["sources"].get(source_id)
    row["checks"] = json.loads(row["checks"] or "[]")
    return row


def fetches_of(db, source_id: int) -> list[dict]:
    """A source's deciding live fetches, oldest first, with the evidence decoded."""
    rows = list(db.query("select * from fetches where source_id = ? and purpose = 'live' and final = 1 order by id",
                         [source_id]))
    for row in rows:
        row["evidence"] = json.loads(row["evidence"] or "{}")
    return rows
