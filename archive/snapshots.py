"""Lookup: the mementos of each source around the date it was cited, and which one to use.

The citation date is the statement's date (the earliest, when several statements cite
one source; the document's date when the statement has none); a bare date is the whole
day, so a capture made later that day is at the date (distance 0).  The memento to use
follows H3llBot's rule: the closest one before the date within `memento_window_days`
(3 months by default), else the first one after it, else the closest older one.

The candidates come from two CDX queries, whatever the window: the last `CANDIDATES`
captures at or before the date and the first `CANDIDATES` after it (captures of the page,
of its redirect, or revisits of an unchanged page).  Bounded queries, because a window
query of a busy page is cut at the CDX's row limit (waybackpy's 25,000) and loses the
captures nearest the date.  Every candidate is kept in `snapshots` with its distance to
the date, so a rotten first choice leaves the next nearest to try; captures older than the
window only when none is after the date, as the rule never reaches them otherwise.
Without a date, the newest `CANDIDATES` captures.  When no candidate is within the
window, the availability API's closest capture joins them as a hint (it may know a
capture the CDX does not list yet; when it fails, the CDX's candidates stand); the rule
alone decides.  The outcome of each lookup is one `archive_lookups` row with the date it
searched around, so a re-run skips what is settled, retries what failed (after the
sources never tried), and looks again when the citation date has changed.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Collection

import db as database
from archive.errors import RUN_STOPS, ArchiveError, ArchiveUnavailable, Blocked, NoMemento, RateLimited, StopRun
from archive.mementos import GOOD_STATUS, GOOD_STATUSES, Memento, replay_base, wayback_timestamp, written_timestamp
from archive.wayback import Wayback
from crawler.classify import CLASSES

UTC = datetime.timezone.utc
SECOND = datetime.timedelta(seconds=1)
CANDIDATES = 3   # captures kept either side of the date: as many as rescue tries (rescue.MAX_ROUNDS)


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


class CitedDay(datetime.datetime):
    """A citation date given without a time, at 00:00 UTC: the whole day is the date, so a
    capture made that evening is at (not after) it."""


def parse_date(text: str | None) -> datetime.datetime | None:
    """An ISO date-time as an aware moment (UTC unless it says), a bare date as its CitedDay;
    None when unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or len(text) <= 10:
        try:
            day = datetime.date.fromisoformat(text[:10])
        except ValueError:
            return None
        return CitedDay(day.year, day.month, day.day, tzinfo=UTC)
    return moment.replace(tzinfo=moment.tzinfo or UTC)


def span(target: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The first and last second that are "at" the citation date: its whole day, or its moment."""
    if isinstance(target, CitedDay):
        start = datetime.datetime.combine(target.date(), datetime.time(), UTC)
        return start, start + datetime.timedelta(days=1) - SECOND
    return target, target


def target_key(target: datetime.datetime | None) -> str | None:
    """The citation date as `archive_lookups.target_date` records it: its moment, or its whole
    day as an ISO interval (`2020-03-31/P1D`).

    Not the bare day: lookups made before a bare date was the whole day recorded it so
    (`2020-03-31`) and ranked the captures by their distance to its noon; the key differs,
    so they are due again and the captures of the cited day become distance 0.
    """
    if target is None:
        return None
    if isinstance(target, CitedDay):
        return f"{target.date().isoformat()}/P1D"
    return target.astimezone(UTC).isoformat(timespec="seconds")


def among(source_ids: Collection[int] | None, column: str = "source_id") -> tuple[str, list]:
    """The SQL condition on `column` keeping the sources in `source_ids`, and its parameters:
    archive/stage.py `run`'s limit (`citewatch check`'s list).  None keeps every source; an
    empty collection keeps none, never all."""
    if source_ids is None:
        return "1", []
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(source_ids))]


def web_sources(db, source_ids: Collection[int] | None = None) -> list[dict]:
    """Every web source (of `source_ids`, when given: `among`) with its latest live fetch class
    (None when never crawled)."""
    where, params = among(source_ids, "s.id")
    return [dict(row) for row in db.query(
        f"""
        SELECT s.id, s.url, s.state, s.state_reason,
               (SELECT f.class FROM fetches f WHERE f.source_id = s.id AND f.purpose = 'live' AND f.final = 1
                ORDER BY f.crawl_id DESC, f.id DESC LIMIT 1) AS live_class
        FROM sources s WHERE s.kind = 'web' AND s.url IS NOT NULL AND {where} ORDER BY s.id
        """, params
    )]


def class_kind(live_class: str | None) -> str | None:
    """ok | rot | uncertain for a fetch class (crawler.classify), None when never fetched."""
    if live_class is None:
        return None
    return CLASSES.get(live_class, ("uncertain", ""))[0]


def due_lookups(db, source_ids: Collection[int] | None = None) -> list[dict]:
    """Web sources (of `source_ids`, when given) without a settled lookup: never looked up,
    made around another date (a document added since cites the source earlier), or the last
    one failed.

    The failed ones come last, the longest failed first: a URL the archive keeps failing
    (or whose lookup stopped the run) must not be first again in every run, ahead of
    sources never tried.
    """
    lookups = {row[0]: row[1:] for row in db.execute(
        "SELECT source_id, target_date, status, checked_at FROM archive_lookups")}
    due = []
    for source in web_sources(db, source_ids):
        target_date, status, checked_at = lookups.get(source["id"], (None, None, None))
        if status == "failed":
            due.append(((1, checked_at), source))
        elif status is None or target_date != target_key(citation_date(db, source["id"])):
            due.append(((0, ""), source))
    return [source for _, source in sorted(due, key=lambda item: item[0])]


# ---------------------------------------------------------------- choosing

def distance_days(memento: Memento, target: datetime.datetime | None) -> float | None:
    """Days from the citation date to the memento: negative before, 0 at it (any time on a
    cited day), positive after; never rounded to 0 when not at it."""
    if target is None:
        return None
    first, last = span(target)
    if memento.moment > last:
        return max(round((memento.moment - last).total_seconds() / 86400, 3), 0.001)
    if memento.moment < first:
        return min(round((memento.moment - first).total_seconds() / 86400, 3), -0.001)
    return 0.0


def rank_key(distance: float | None, status: str | None, window_days: float) -> tuple:
    """H3llBot's order: before within the window (nearest first), then after (nearest first),
    then older than the window; a 200 before a redirect at equal distance (any other status,
    a revisit's `-` included, ties as a redirect).  Without a date: newest first."""
    redirect = 0 if (status or "200") == "200" else 1
    if distance is None:
        return (0, 0.0, redirect)
    if -window_days <= distance <= 0:
        return (0, -distance, redirect)
    if distance > 0:
        return (1, distance, redirect)
    return (2, -distance, redirect)


def ranked(db, source_id: int, window_days: float) -> list[dict]:
    """The source's stored mementos in the order they should be tried; mementos known to be rotten are left out.

    Newest first where the rule ties: without a date, and among the captures made on a
    cited day (all at distance 0, the latest is the nearest at or before the day's end).
    """
    rows = [dict(r) for r in db.query("SELECT * FROM snapshots WHERE source_id = ? ORDER BY timestamp DESC",
                                      [source_id])]
    rows = [r for r in rows if class_kind(r["class"]) in (None, "ok")]
    if all(r["distance_days"] is None for r in rows):
        return rows
    return sorted(rows, key=lambda r: rank_key(r["distance_days"], r["status"], window_days))


def mark_closest(db, source_id: int, window_days: float) -> dict | None:
    """Flag the memento to use (the best-ranked one not known to be rotten) and return it.
    Read and flagged in one write transaction: a failure between the two updates must not
    leave the source with no memento flagged."""
    with database.write_transaction(db):
        best = next(iter(ranked(db, source_id, window_days)), None)
        db.execute("UPDATE snapshots SET closest = 0 WHERE source_id = ?", [source_id])
        if best:
            db.execute("UPDATE snapshots SET closest = 1 WHERE id = ?", [best["id"]])
    return best


def shown_timestamp(snapshot: dict) -> str:
    """The timestamp to show for a stored snapshot: its own, or, for a user's memento URL not
    fetched yet, the digits as written (`/web/2020/` → "2020"): its padded timestamp
    (20201231235959) names no capture, and the link redirects to another (`settle`)."""
    written = written_timestamp(snapshot["memento_url"])
    return written if written and len(written) < 14 else snapshot["timestamp"]


# ---------------------------------------------------------------- storing

def store(db, source_id: int, mementos: list[Memento], base: str, target: datetime.datetime | None,
          saved: bool = False) -> None:
    """Upsert mementos into `snapshots` (UNIQUE source, archive, timestamp, original), all
    or none (one write transaction); a memento found again takes its distance to today's
    citation date."""
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
    with database.write_transaction(db):
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
                    saved = MAX(saved, excluded.saved), memento_url = excluded.memento_url,
                    distance_days = excluded.distance_days
                """,
                row,
            )


def settle(db, source_id: int, asked: str, served: Memento | None, cls: str, status: str | None) -> None:
    """Class the memento fetched for the snapshot of timestamp `asked`, under the capture the
    archive `served` (rescue.served_capture), inside the caller's transaction.

    An inexact timestamp names no capture: its row is moved to the served one, or merged
    into that capture's row when the lookup stored it already (whatever the original's
    spelling), so the report and the ranking see the capture the link shows, once.  Only a
    row a user gave (no status from the archive's listing, not saved by us) moves: a capture
    the CDX listed keeps its row whatever its replay redirects to, as the next lookup would
    list it again.  A killed run leaves the asked-for row unclassified, fetched and moved by
    the next one."""
    row = None if served is None or served.timestamp == asked else db.execute(
        "SELECT original_url, memento_url FROM snapshots WHERE source_id = ? AND timestamp = ? AND status IS NULL"
        " AND saved = 0", [source_id, asked]).fetchone()
    if row is None:
        db.execute("UPDATE snapshots SET class = ?, status = COALESCE(status, ?) WHERE source_id = ? AND timestamp = ?",
                   [cls, status, source_id, asked])
        return
    db.execute("DELETE FROM snapshots WHERE source_id = ? AND timestamp = ?", [source_id, asked])
    base = replay_base(row[1])
    db.execute(
        "INSERT INTO snapshots (source_id, archive, original_url, timestamp, memento_url, status, distance_days,"
        " class, found_at) VALUES (?, 'wayback', ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (source_id, archive, timestamp, original_url) DO UPDATE SET class = excluded.class,"
        " status = COALESCE(status, excluded.status)",
        [source_id, _known_original(db, source_id, served) or row[0], served.timestamp, served.url(base), status,
         distance_days(served, citation_date(db, source_id)), cls, database.now()])


def _known_original(db, source_id: int, served: Memento) -> str | None:
    """The original a stored snapshot of the served capture is kept under (the CDX's spelling,
    which may differ from the user's in scheme or www), None when none is stored."""
    row = db.execute("SELECT original_url FROM snapshots WHERE source_id = ? AND timestamp = ? ORDER BY id LIMIT 1",
                     [source_id, served.timestamp]).fetchone()
    return row[0] if row else None


def redistance(db, source_id: int, target: datetime.datetime | None) -> None:
    """Every stored memento's distance to the citation date (they rank by it): the date may
    have changed since they were found, whether or not this lookup reached the archive.
    All or none, read and written in one write transaction."""
    with database.write_transaction(db):
        rows = db.execute("SELECT id, timestamp, original_url FROM snapshots WHERE source_id = ?",
                          [source_id]).fetchall()
        for row_id, timestamp, original in rows:
            db.execute("UPDATE snapshots SET distance_days = ? WHERE id = ?",
                       [distance_days(Memento(timestamp, original), target), row_id])


def record(db, source_id: int, target: datetime.datetime | None, outcome: Lookup) -> None:
    """The lookup's outcome and the date it searched around (one row per source)."""
    db.execute(
        """
        INSERT INTO archive_lookups (source_id, target_date, status, reason, mementos, checked_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET target_date = excluded.target_date, status = excluded.status,
            reason = excluded.reason, mementos = excluded.mementos, checked_at = excluded.checked_at
        """,
        [source_id, target_key(target), outcome.status, outcome.reason,
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
    except RUN_STOPS:
        raise
    except ArchiveError as exc:
        return Lookup("failed", str(exc), [])
    return Lookup("ok", how, found)


def _search(wayback: Wayback, url: str, target: datetime.datetime | None,
            window_days: float) -> tuple[list[Memento], str]:
    """The candidates either side of the date (the newest without one); NoMemento when none."""
    if target is None:
        found = wayback.captures(url, filters=[GOOD_STATUS], limit=-CANDIDATES)
        how = f"the {len(found)} newest capture(s) (no citation date)"
    else:
        found, how = _either_side(wayback, url, target, window_days)
    if not found:
        raise NoMemento("no capture of the page or its redirect in the archive (confirmed with the CDX)")
    return found, how


def _either_side(wayback: Wayback, url: str, target: datetime.datetime,
                 window_days: float) -> tuple[list[Memento], str]:
    """The last captures at or before the date and the first after it, the availability API's
    closest added when none is within the window; older than the window only when none is after."""
    last = span(target)[1]
    found = wayback.captures(url, end=wayback_timestamp(last), filters=[GOOD_STATUS], limit=-CANDIDATES)
    found += wayback.captures(url, start=wayback_timestamp(last + SECOND), filters=[GOOD_STATUS], limit=CANDIDATES)
    within = sum(1 for m in found if abs(distance_days(m, target)) <= window_days)
    how = f"{len(found)} capture(s) either side of the citation date, {within} within {window_days:g} days"
    if not within:
        how += _add_hint(wayback, url, last, found)
    if any(distance_days(m, target) > 0 for m in found):
        found = [m for m in found if distance_days(m, target) >= -window_days]
    return found, how


def _add_hint(wayback: Wayback, url: str, last: datetime.datetime, found: list[Memento]) -> str:
    """Add the availability API's closest capture to `found`; what it added, for the lookup's reason.

    A hint only: when the API fails (5xx, timeout, 429 after the retries, or its host out
    of reach: the CDX just answered, so the archive's own host is not) the CDX's candidates
    stand, and the failure is said.  With no candidate at all the lookup is not settled as
    "no memento" on the CDX's word alone: ArchiveUnavailable, so it fails and the next run
    asks again.  A StopRun still stops the run.
    """
    try:
        hint = wayback.closest(url, last)
    except StopRun:
        raise
    except (ArchiveUnavailable, RateLimited) as exc:   # an ArchiveUnreachable is one
        if not found:
            raise ArchiveUnavailable(f"no capture in the CDX, and the availability API failed: {exc}") from None
        return f"; the availability API failed ({exc}), the CDX's candidates kept"
    if hint is None:
        return " (found by the CDX although the availability API answered empty)" if found else ""
    if _good(hint.status) and hint.timestamp not in {m.timestamp for m in found}:
        found.append(hint)
        return ", and the availability API's closest capture"
    return ""


def _good(status: str | None) -> bool:
    """A status the CDX filter GOOD_STATUS lets through (the availability API's answer is not filtered)."""
    return GOOD_STATUSES.fullmatch(status or "200") is not None


def look_up(db, wayback: Wayback, source: dict, window_days: float) -> Lookup:
    """Look one source up, store its mementos and the outcome, flag the memento to use.

    A failure that ends the run (RateLimited, StopRun, ArchiveUnreachable) is recorded on
    the source as `failed`, with its reason, before it is raised: due_lookups then puts
    the source behind those never tried, so one URL cannot stop every run first.
    """
    target = citation_date(db, source["id"])
    try:
        outcome = find(wayback, source["url"], target, window_days)
    except RUN_STOPS as exc:
        _keep(db, source["id"], target, Lookup("failed", str(exc), []), wayback.options.base, window_days)
        raise
    _keep(db, source["id"], target, outcome, wayback.options.base, window_days)
    return outcome


def _keep(db, source_id: int, target: datetime.datetime | None, outcome: Lookup, base: str,
          window_days: float) -> None:
    """Store what the lookup found, every stored memento's distance to today's date, the
    outcome, and the memento to use (the distances move with the date even when the
    archive could not be asked): all or none, in one write transaction, so a lookup is never
    recorded done without its mementos (a failure leaves the source due, looked up again)."""
    with database.write_transaction(db):
        store(db, source_id, outcome.mementos, base, target)
        redistance(db, source_id, target)
        record(db, source_id, target, outcome)
        mark_closest(db, source_id, window_days)
