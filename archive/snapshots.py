"""Lookup: the mementos of each source around the date it was cited, and which one to use.

The citation date is the statement's date (the earliest, when several statements cite
one source; the document's date when the statement has none).  The memento to use
follows H3llBot's rule: the closest one before the date within `memento_window_days`
(3 months by default), else the first one after it, else the closest older one.  Every
memento in the window is kept in `snapshots` with its distance to the date.

The window comes from the CDX (one query, captures of the page or its redirect only).
When the window is empty the availability API is asked for the closest capture; when
that is empty too, "no memento" is confirmed with two CDX queries (the last capture
before the date, the first after), because the availability API sometimes answers empty
for archived URLs.  The outcome of each lookup is one `archive_lookups` row, so a re-run
skips what is settled and retries what failed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import db as database
from archive.wayback import (GOOD_STATUS, ArchiveError, ArchiveUnreachable, Blocked, Memento, NoMemento, RateLimited,
                             StopRun, Wayback, wayback_timestamp)
from crawler.classify import CLASSES

UTC = datetime.timezone.utc


@dataclass
class Lookup:
    """What the archive holds for one source: status ok | noresults | blocked | failed."""

    status: str
    reason: str
    mementos: list[Memento]


# ---------------------------------------------------------------- what to look up

def citation_date(db, source_id: int) -> datetime.datetime | None:
    """The date the source was cited: its earliest statement date, else its document's date."""
    row = db.execute(
        """
        SELECT MIN(COALESCE(st.date, d.date)) FROM citations c
        LEFT JOIN statements st ON st.id = c.statement_id
        JOIN documents d ON d.id = c.document_id
        WHERE c.source_id = ?
        """,
        [source_id],
    ).fetchone()
    return parse_date(row[0]) if row and row[0] else None


def parse_date(text: str | None) -> datetime.datetime | None:
    """An ISO date or date-time as an aware UTC moment (noon for a bare date); None when unreadable."""
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        try:
            moment = datetime.datetime.fromisoformat(text.strip()[:10])
        except ValueError:
            return None
    if len(text.strip()) <= 10:
        moment = moment.replace(hour=12)
    return moment.replace(tzinfo=moment.tzinfo or UTC)


def web_sources(db) -> list[dict]:
    """Every web source with its latest live fetch class (None when never crawled)."""
    return [dict(row) for row in db.query(
        """
        SELECT s.id, s.url, s.state, s.state_reason,
               (SELECT f.class FROM fetches f WHERE f.source_id = s.id AND f.purpose = 'live' AND f.final = 1
                ORDER BY f.crawl_id DESC, f.id DESC LIMIT 1) AS live_class
        FROM sources s WHERE s.kind = 'web' AND s.url IS NOT NULL ORDER BY s.id
        """
    )]


def class_kind(live_class: str | None) -> str | None:
    """ok | rot | uncertain for a fetch class (crawler.classify), None when never fetched."""
    if live_class is None:
        return None
    return CLASSES.get(live_class, ("uncertain", ""))[0]


def due_lookups(db) -> list[dict]:
    """Web sources without a settled lookup (never looked up, or the last one failed)."""
    settled = {row[0] for row in db.execute("SELECT source_id FROM archive_lookups WHERE status != 'failed'")}
    return [s for s in web_sources(db) if s["id"] not in settled]


# ---------------------------------------------------------------- choosing

def distance_days(memento: Memento, target: datetime.datetime | None) -> float | None:
    """Days from the citation date to the memento (negative = before)."""
    if target is None:
        return None
    return round((memento.moment - target).total_seconds() / 86400, 3)


def rank_key(distance: float | None, status: str | None, window_days: float) -> tuple:
    """H3llBot's order: before within the window (nearest first), then after (nearest first),
    then older than the window; a 200 before a redirect at equal distance.  Without a date:
    newest first."""
    redirect = 0 if (status or "200") == "200" else 1
    if distance is None:
        return (0, 0.0, redirect)
    if -window_days <= distance <= 0:
        return (0, -distance, redirect)
    if distance > 0:
        return (1, distance, redirect)
    return (2, -distance, redirect)


def ranked(db, source_id: int, window_days: float) -> list[dict]:
    """The source's stored mementos in the order they should be tried; mementos known to be rotten are left out."""
    rows = [dict(r) for r in db.query("SELECT * FROM snapshots WHERE source_id = ?", [source_id])]
    rows = [r for r in rows if class_kind(r["class"]) in (None, "ok")]
    no_date = all(r["distance_days"] is None for r in rows)
    if no_date:
        return sorted(rows, key=lambda r: r["timestamp"], reverse=True)
    return sorted(rows, key=lambda r: rank_key(r["distance_days"], r["status"], window_days))


def mark_closest(db, source_id: int, window_days: float) -> dict | None:
    """Flag the memento to use (the best-ranked one not known to be rotten) and return it."""
    best = next(iter(ranked(db, source_id, window_days)), None)
    with db.conn:
        db.execute("UPDATE snapshots SET closest = 0 WHERE source_id = ?", [source_id])
        if best:
            db.execute("UPDATE snapshots SET closest = 1 WHERE id = ?", [best["id"]])
    return best


# ---------------------------------------------------------------- storing

def store(db, source_id: int, mementos: list[Memento], base: str, target: datetime.datetime | None,
          saved: bool = False) -> None:
    """Upsert mementos into `snapshots` (UNIQUE source, archive, timestamp, original)."""
    rows = [
        {
            "source_id": source_id,
            "archive": "wayback",
            "original_url": m.original,
            "timestamp": m.timestamp,
            "memento_url": m.url(base),
            "status": m.status,
            "mimetype": m.mimetype,
            "digest": m.digest,
            "distance_days": distance_days(m, target),
            "found_at": database.now(),
        }
        for m in mementos
    ]
    if not rows:
        return
    with db.conn:
        for row in rows:
            keep = ("status", "mimetype", "digest")
            db.execute(
                f"""
                INSERT INTO snapshots (source_id, archive, original_url, timestamp, memento_url, status, mimetype,
                                       digest, distance_days, saved, found_at)
                VALUES (:source_id, :archive, :original_url, :timestamp, :memento_url, :status, :mimetype,
                        :digest, :distance_days, {1 if saved else 0}, :found_at)
                ON CONFLICT (source_id, archive, timestamp, original_url) DO UPDATE SET
                    {", ".join(f"{k} = COALESCE(excluded.{k}, {k})" for k in keep)},
                    saved = MAX(saved, excluded.saved), memento_url = excluded.memento_url
                """,
                row,
            )


def record(db, source_id: int, target: datetime.datetime | None, outcome: Lookup) -> None:
    with db.conn:
        db.execute(
            """
            INSERT INTO archive_lookups (source_id, target_date, status, reason, mementos, checked_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_id) DO UPDATE SET target_date = excluded.target_date, status = excluded.status,
                reason = excluded.reason, mementos = excluded.mementos, checked_at = excluded.checked_at
            """,
            [source_id, target.date().isoformat() if target else None, outcome.status, outcome.reason,
             len(outcome.mementos), database.now()],
        )


# ---------------------------------------------------------------- the lookup

def find(wayback: Wayback, url: str, target: datetime.datetime | None, window_days: float) -> Lookup:
    """The mementos around `target` (or the newest one), as a Lookup with its status.

    RateLimited, StopRun and ArchiveUnreachable are the caller's to handle: they concern
    the run, not this source.
    """
    try:
        found, how = _search(wayback, url, target, window_days)
    except NoMemento as exc:
        return Lookup("noresults", str(exc), [])
    except Blocked as exc:
        return Lookup("blocked", str(exc), [])
    except (RateLimited, StopRun, ArchiveUnreachable):
        raise
    except ArchiveError as exc:
        return Lookup("failed", str(exc), [])
    return Lookup("ok", how, found)


def _search(wayback: Wayback, url: str, target: datetime.datetime | None,
            window_days: float) -> tuple[list[Memento], str]:
    """Window, then availability, then the CDX either side; NoMemento when all are empty."""
    if target is None:
        found = wayback.captures(url, filters=[GOOD_STATUS], limit=-1)
        how = "the newest capture (no citation date)"
    else:
        window = datetime.timedelta(days=window_days)
        found = wayback.captures(url, start=wayback_timestamp(target - window),
                                 end=wayback_timestamp(target + window), filters=[GOOD_STATUS])
        how = f"{len(found)} capture(s) within {window_days:g} days of the citation date"
        if not found:
            closest = wayback.closest(url, target)
            if closest and (closest.status or "200")[0] in "23":
                return [closest], "the availability API's closest capture (none in the window)"
            found = wayback.captures(url, end=wayback_timestamp(target), filters=[GOOD_STATUS], limit=-1)
            found += wayback.captures(url, start=wayback_timestamp(target), filters=[GOOD_STATUS], limit=1)
            how = "found by the CDX although the availability API answered empty"
    if not found:
        raise NoMemento("no capture of the page or its redirect in the archive (confirmed with the CDX)")
    return found, how


def look_up(db, wayback: Wayback, source: dict, window_days: float) -> Lookup:
    """Look one source up, store its mementos and the outcome, flag the memento to use."""
    target = citation_date(db, source["id"])
    try:
        outcome = find(wayback, source["url"], target, window_days)
    except ArchiveUnreachable as exc:
        record(db, source["id"], target, Lookup("failed", str(exc), []))
        raise
    store(db, source["id"], outcome.mementos, wayback.options.base, target)
    record(db, source["id"], target, outcome)
    mark_closest(db, source["id"], window_days)
    return outcome
