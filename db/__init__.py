"""The one SQLite database every stage reads from and writes to."""

from __future__ import annotations

import datetime
from pathlib import Path

import sqlite_utils

from db.migrations import migrations


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode and apply pending migrations."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def now() -> str:
    """The current UTC time as ISO 8601 text, the one time format of the database."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
