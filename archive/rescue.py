"""Rescue: fetch the memento to use for each source, and the archive's view of blocked pages.

Which mementos are fetched (through the `mementos` spider, so their bytes land in the
WARC and their text in `texts` with origin = memento):

- a source whose latest live fetch is not live (any rot class, soft-404, login wall,
  redirected-to-root, or an uncertain class such as blocked): the memento nearest its
  citation date by H3llBot's rule, its replacement text;
- a live source too when `rescue_live` is on (the default): reconcile decides drift
  (the quote in the memento but not in the live text) and needs both texts;
- a blocked source's capture made today by our save job: the archive is a second
  vantage point, and a capture that answered with content is recorded as evidence that
  the page lives (`snapshots` row saved = 1 with its status and class, the memento
  fetch and text, and a note in `sources.state_reason`).

Each memento fetch is classified like a live one; a rotten memento (a redirect to an
error page, a soft-404, a login or bot wall) gets its class in `snapshots.class` and the
next nearest one is tried in the next round, up to `MAX_ROUNDS` mementos per source.
"""

from __future__ import annotations

import json

import db as database
from archive import snapshots
from archive.wayback import Memento, memento_from_url
from crawler.classify import is_home_page

MAX_ROUNDS = 3
EVIDENCE_NOTE = "alive from the Wayback Machine's vantage point"


def targets(db, config) -> list[dict]:
    """The mementos to fetch now: at most one per source and purpose, never one fetched before."""
    chosen: dict[tuple[int, str], dict] = {}
    window = float(config.memento_window_days)
    for source in snapshots.web_sources(db):
        kind = snapshots.class_kind(source["live_class"])
        if kind is None:
            continue  # never crawled: nothing to rescue or compare yet
        if kind != "ok" or config.rescue_live:
            best = next(iter(snapshots.ranked(db, source["id"], window)), None)
            if best and best["class"] is None:
                chosen[(source["id"], best["timestamp"])] = best
        if source["live_class"] == "blocked":
            saved = list(db.query("SELECT * FROM snapshots WHERE source_id = ? AND saved = 1 "
                                  "ORDER BY timestamp DESC LIMIT 1", [source["id"]]))
            if saved and saved[0]["class"] is None:
                chosen[(source["id"], saved[0]["timestamp"])] = saved[0]
    return [
        {"source_id": row["source_id"], "timestamp": row["timestamp"],
         "url": Memento(row["timestamp"], row["original_url"]).url(_base(row["memento_url"]), raw=True)}
        for row in chosen.values()
    ]


def _base(memento_url: str) -> str:
    """The archive base of a stored replay URL (everything before /web/<ts>/)."""
    return memento_url.split("/web/", 1)[0]


def _open_crawl(db) -> int:
    """A crawls row of its own for this round of memento fetches."""
    with db.conn:
        cursor = db.execute("INSERT INTO crawls (started_at, status, settings) VALUES (?, 'running', ?)",
                            [database.now(), json.dumps({"spider": "mementos"})])
    return cursor.lastrowid


def memento_class(fetch: dict) -> str:
    """The fetch's class, read on the archived URLs: a deep page whose capture redirects to
    the site's home page is rot (IABot's rule), although /web/<ts>id_/… paths differ."""
    requested, final = memento_from_url(fetch["requested_url"]), memento_from_url(fetch["final_url"] or "")
    if (snapshots.class_kind(fetch["class"]) == "ok" and requested and final
            and is_home_page(final.original) and not is_home_page(requested.original)):
        return "redirected-to-root"
    return fetch["class"]


def _read_back(db, crawl_id: int, wanted: list[dict]) -> dict[str, int]:
    """Copy each memento fetch's class onto its snapshot; count the classes.

    A fetch the archive never answered (DNS, connection, timeout) says nothing about the
    memento: it stays unclassified, to be fetched again by the next run.
    """
    counts: dict[str, int] = {}
    for target in wanted:
        rows = list(db.query(
            "SELECT class, status, requested_url, final_url FROM fetches WHERE crawl_id = ? AND source_id = ? "
            "AND purpose = 'memento' AND final = 1 ORDER BY id", [crawl_id, target["source_id"]]))
        row = next((r for r in rows if r["requested_url"] == target["url"]), rows[0] if len(rows) == 1 else None)
        if row is None:
            continue
        if row["status"] is None:
            counts["unanswered"] = counts.get("unanswered", 0) + 1
            continue
        cls = memento_class(row)
        counts[cls] = counts.get(cls, 0) + 1
        with db.conn:
            db.execute("UPDATE snapshots SET class = ?, status = COALESCE(status, ?) "
                       "WHERE source_id = ? AND timestamp = ?",
                       [cls, str(row["status"]) if row["status"] else None,
                        target["source_id"], target["timestamp"]])
    return counts


def fetch(db, config, console=None) -> dict:
    """Fetch the chosen mementos, round after round while rotten ones leave a next nearest."""
    from crawler.spiderrun import run_spider

    counts: dict[str, int] = {}
    fetched = 0
    for _ in range(MAX_ROUNDS):
        wanted = targets(db, config)
        if not wanted:
            break
        crawl_id = _open_crawl(db)
        try:
            run_spider("mementos", config, progress=_progress(db, crawl_id, len(wanted)) if console else None,
                       console=console, targets=wanted, crawl_id=crawl_id)
        finally:
            with db.conn:
                db.execute("UPDATE crawls SET status = 'finished', finished_at = ? WHERE id = ?",
                           [database.now(), crawl_id])
        fetched += len(wanted)
        classes = _read_back(db, crawl_id, wanted)
        for cls, n in classes.items():
            counts[cls] = counts.get(cls, 0) + n
        for source_id in {t["source_id"] for t in wanted}:
            snapshots.mark_closest(db, source_id, float(config.memento_window_days))
        if classes.get("unanswered", 0) == sum(classes.values()):
            break  # the archive did not answer: the same mementos wait for the next run
    return {"mementos_fetched": fetched, "memento_classes": counts, "blocked_alive": record_evidence(db)}


def _progress(db, crawl_id: int, total: int):
    def poll():
        rows = db.execute("SELECT class, COUNT(*) FROM fetches WHERE crawl_id = ? AND purpose = 'memento' "
                          "AND final = 1 GROUP BY class", [crawl_id]).fetchall()
        return sum(n for _, n in rows), total, dict(rows)
    return poll


def record_evidence(db) -> int:
    """For each blocked source whose capture of today answered with content: note it (idempotent)."""
    noted = 0
    for source in snapshots.web_sources(db):
        if source["live_class"] != "blocked":
            continue
        rows = list(db.query(
            """
            SELECT s.timestamp, s.status, s.class,
                   (SELECT length(t.text) FROM texts t WHERE t.source_id = s.source_id AND t.origin = 'memento'
                    AND t.memento_timestamp = s.timestamp ORDER BY t.id DESC LIMIT 1) AS chars
            FROM snapshots s WHERE s.source_id = ? AND s.saved = 1 AND s.class IS NOT NULL
            ORDER BY s.timestamp DESC LIMIT 1
            """, [source["id"]]))
        if not rows or snapshots.class_kind(rows[0]["class"]) != "ok":
            continue
        row = rows[0]
        note = (f"{EVIDENCE_NOTE}: its capture of {row['timestamp'][:8]} answered {row['status'] or 'with content'}"
                f" ({row['chars'] or 0} characters of text)")
        with db.conn:
            changed = db.execute(
                "UPDATE sources SET state_reason = CASE WHEN state_reason IS NULL OR state_reason = '' THEN ? "
                "ELSE state_reason || ' · ' || ? END WHERE id = ? AND instr(COALESCE(state_reason, ''), ?) = 0",
                [note, note, source["id"], EVIDENCE_NOTE]).rowcount
        noted += 1 if changed or EVIDENCE_NOTE in (source["state_reason"] or "") else 0
    return noted
