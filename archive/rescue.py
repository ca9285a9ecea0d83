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
A capture of a redirect whose target the archive holds only from another time (further
than `memento_window_days` from the capture) is no rescue either: `OFF_DATE`, with the
date of the capture it led to in the fetch's reason.  Its text keeps the timestamp of
the capture actually served (spiders/mementos.py), never the one asked for; so does its
snapshot (`served_capture`): a user's memento URL with a short or inexact timestamp is
stored under its padded timestamp until fetched, then moved to the capture the archive
redirected it to (one row per capture: merged into that capture's row when the lookup
found it too).

Only an answer classifies a memento: a fetch the archive did not answer, or answered
with its own 429 or 5xx (no `Memento-Datetime`: not the replay of a capture), leaves it
unclassified, to be fetched again by the next run, and the run says the archive failed.
"""

from __future__ import annotations

import json

import db as database
from archive import snapshots
from archive.warc import headers_at
from archive.mementos import Memento, memento_from_url, replay_base
from crawler.classify import is_home_page

MAX_ROUNDS = 3
EVIDENCE_NOTE = "alive from the Wayback Machine's vantage point"
OFF_DATE = "redirected-off-date"   # a memento's class only (crawler.classify.CLASSES: uncertain)
FAULT_CLASSES = ("server-error", "rate-limited")   # what the archive's own 5xx and 429 are classed as
CAPTURED = "memento_datetime"   # a memento fetch's evidence key: its 429/5xx was a capture's (archive_fault)
ARCHIVE_FAULT = "archive_fault"   # a memento fetch's evidence key: the archive's own status, not a capture's


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
         "url": _replay_url(row)}
        for row in chosen.values()
    ]


def _replay_url(snapshot) -> str:
    """The raw (id_) replay URL of a stored snapshot, on the archive it was found in (its
    memento URL up to /web/<ts>/)."""
    return Memento(snapshot["timestamp"], snapshot["original_url"]).url(replay_base(snapshot["memento_url"]), raw=True)


def _open_crawl(db) -> int:
    """A crawls row of its own for this round of memento fetches."""
    with db.conn:
        cursor = db.execute("INSERT INTO crawls (started_at, status, settings) VALUES (?, 'running', ?)",
                            [database.now(), json.dumps({"spider": "mementos"})])
    return cursor.lastrowid


def memento_class(fetch: dict, window_days: float) -> tuple[str, str | None]:
    """The fetch's class read on the archived URLs, and why when it is not the fetch's own.

    A deep page whose capture redirects to the site's home page is rot (IABot's rule),
    although /web/<ts>id_/… paths differ.  A capture whose redirect ends at a capture
    further than `window_days` from it holds another time's text: not the page as cited.
    """
    requested, final = served_capture(fetch), memento_from_url(fetch["final_url"] or "")
    if snapshots.class_kind(fetch["class"]) != "ok" or not (requested and final):
        return fetch["class"], None
    if is_home_page(final.original) and not is_home_page(requested.original):
        return "redirected-to-root", f"the capture redirects to the site's home page {final.original}"
    apart = abs((final.moment - requested.moment).total_seconds()) / 86400
    if apart > window_days:
        return OFF_DATE, (f"the capture of {requested.moment:%Y-%m-%d} redirects to {final.original}, which the "
                          f"archive holds only from {final.moment:%Y-%m-%d} ({apart:.0f} days apart, beyond "
                          f"memento_window_days = {window_days:g}): not the page as it stood then")
    return fetch["class"], None


def served_capture(fetch: dict) -> Memento | None:
    """The capture the archive served for the memento asked for, read off the fetch's redirect
    chain: an inexact timestamp (a user's /web/2020/, padded to 20201231235959, or 14 digits
    that name no capture) redirects to the closest capture of the same page, under another
    timestamp; a capture of a redirect then redirects under its own timestamp to its target.
    So the capture served is the first hop that redirects under its own timestamp, or the
    final one.  None when the fetch's URLs are no replay URLs."""
    chain = [hop["url"] for hop in json.loads(fetch["redirects"] or "[]")] or [fetch["final_url"] or ""]
    hops = [memento_from_url(url) for url in chain]
    for hop, after in zip(hops, hops[1:]):
        if hop is None or after is None or after.timestamp == hop.timestamp:
            return hop
    return hops[-1]


def archive_fault(db, fetch: dict, data_dir: str) -> bool:
    """The archive's own 429 or 5xx (overloaded, rate-limiting), not the replay of a capture:
    the Wayback Machine sends `Memento-Datetime` on every replay of a capture, its own error
    pages carry none.  A captured 5xx (the site failed when archived) is a real answer.
    (The answer's headers are read from the fetch's WARC, in the data directory `data_dir`,
    its body left unread: a capture's body too big or broken to decode is still its answer.)

    A capture's 429 or 5xx is noted in the fetch's evidence (`CAPTURED`, the header's
    value), so its WARC is read once: `forget_archive_faults` looks at it on every rescue.
    """
    status = fetch["status"] or 0
    if status != 429 and status < 500:
        return False
    if json.loads(fetch["evidence"] or "{}").get(CAPTURED):
        return False
    # (a WARC that cannot be read counts as no header: the memento is not judged on an answer we cannot see)
    headers = headers_at(fetch["warc_path"], fetch["warc_offset"], data_dir)
    captured = headers and headers.get_header("Memento-Datetime")
    if captured:
        with db.conn:
            db.execute(f"UPDATE fetches SET evidence = json_set(COALESCE(evidence, '{{}}'), '$.{CAPTURED}', ?) "
                       "WHERE id = ?", [captured, fetch["id"]])
    return not captured


def _read_back(db, crawl_id: int, wanted: list[dict], window_days: float,
               data_dir: str) -> tuple[dict[str, int], dict[str, list]]:
    """Copy each memento fetch's class onto its snapshot; count the classes; list the archive's failures.

    A fetch the archive never answered (DNS, connection, timeout), or answered with its own
    429 or 5xx (`archive_fault`), says nothing about the memento: it stays unclassified, to
    be fetched again by the next run.  Failures are (source, timestamp) by the archive's
    status ("no answer" for none).
    """
    counts: dict[str, int] = {}
    failures: dict[str, list] = {}
    for target in wanted:
        rows = list(db.query(
            "SELECT id, class, status, requested_url, final_url, redirects, warc_path, warc_offset, evidence FROM fetches "
            "WHERE crawl_id = ? AND source_id = ? AND purpose = 'memento' AND final = 1 ORDER BY id",
            [crawl_id, target["source_id"]]))
        row = next((r for r in rows if r["requested_url"] == target["url"]), rows[0] if len(rows) == 1 else None)
        if row is None:
            continue
        if row["status"] is None or archive_fault(db, row, data_dir):
            key = "no answer" if row["status"] is None else str(row["status"])
            failures.setdefault(key, []).append((target["source_id"], target["timestamp"]))
            if row["status"] is not None:
                _say_archive_fault(db, row)
            continue
        cls, reason = memento_class(row, window_days)
        counts[cls] = counts.get(cls, 0) + 1
        with db.conn:
            if reason:
                db.execute("UPDATE fetches SET class = ?, reason = ? WHERE id = ?", [cls, reason, row["id"]])
            snapshots.settle(db, target["source_id"], target["timestamp"], served_capture(row), cls,
                             str(row["status"]) if row["status"] else None)
    return counts, failures


def _say_archive_fault(db, fetch: dict) -> None:
    """Write on the memento fetch that the archive answered its own 429 or 5xx: classified as
    any answer, the fetch would read as a memento that "answered 503"; its class stays the
    archive's answer (server-error, rate-limited), its reason and evidence say whose it is,
    with the Retry-After the archive sent."""
    evidence = json.loads(fetch["evidence"] or "{}")
    wait = evidence.get("retry_after")
    reason = (f"the archive itself answered {fetch['status']}"
              + (f" (Retry-After {wait:g} s)" if wait is not None else "")
              + ", not the replay of a capture (no Memento-Datetime): nothing said of the memento, "
              "which stays unclassified and is fetched again by the next run")
    evidence[ARCHIVE_FAULT] = fetch["status"]
    with db.conn:
        db.execute("UPDATE fetches SET reason = ?, evidence = ? WHERE id = ?",
                   [reason, json.dumps(evidence), fetch["id"]])


def failure_note(failures: dict[str, int]) -> str | None:
    """One plain line on the memento fetches the archive failed this run, None when none."""
    if not failures:
        return None
    how = ", ".join(f"gave no answer to {n}" if key == "no answer" else f"answered {key} itself to {n}"
                    for key, n in sorted(failures.items()))
    return (f"the archive failed {sum(failures.values())} memento fetch(es) ({how}): those mementos stay "
            "unclassified and are fetched again by the next run")


def forget_archive_faults(db, data_dir: str) -> int:
    """Unclassify mementos an earlier version classed on the archive's own 429 or 5xx, so
    they are fetched again; returns how many.  Runs on every rescue, but reads a WARC once
    per fetch: a capture's 429 or 5xx is noted as such (`archive_fault`), and a fault is
    fetched again."""
    forgotten = 0
    for snap in db.query(f"SELECT * FROM snapshots WHERE class IN ({', '.join('?' for _ in FAULT_CLASSES)})",
                         list(FAULT_CLASSES)):
        url = _replay_url(snap)
        latest = list(db.query("SELECT id, status, warc_path, warc_offset, evidence FROM fetches WHERE source_id = ? "
                               "AND purpose = 'memento' AND final = 1 AND requested_url = ? ORDER BY id DESC LIMIT 1",
                               [snap["source_id"], url]))
        if latest and latest[0]["status"] is not None and archive_fault(db, latest[0], data_dir):
            with db.conn:
                db.execute("UPDATE snapshots SET class = NULL WHERE id = ?", [snap["id"]])
            forgotten += 1
    return forgotten


def fetch(db, config, console=None) -> dict:
    """Fetch the chosen mementos, round after round while rotten ones leave a next nearest.

    A memento the archive failed is not asked again in this run (the retries were spent on
    it); after a 429 from the archive no further round is started.
    """
    from crawler.spiderrun import run_spider

    window = float(config.memento_window_days)
    forget_archive_faults(db, config.data_dir)
    counts: dict[str, int] = {}
    failures: dict[str, int] = {}
    failed: set[tuple[int, str]] = set()
    fetched = 0
    for _ in range(MAX_ROUNDS):
        wanted = [t for t in targets(db, config) if (t["source_id"], t["timestamp"]) not in failed]
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
        classes, round_failures = _read_back(db, crawl_id, wanted, window, config.data_dir)
        for cls, n in classes.items():
            counts[cls] = counts.get(cls, 0) + n
        for key, mementos in round_failures.items():
            failures[key] = failures.get(key, 0) + len(mementos)
            failed.update(mementos)
        for source_id in {t["source_id"] for t in wanted}:
            snapshots.mark_closest(db, source_id, window)
        if "429" in round_failures:
            break  # the archive asks us to wait: the rest waits for the next run
    if failures:
        counts["archive-failed"] = sum(failures.values())
    return {"mementos_fetched": fetched, "memento_classes": counts, "archive_failed": failure_note(failures),
            "blocked_alive": record_evidence(db)}


def _progress(db, crawl_id: int, total: int):
    """The crawl's counts per class as it runs; a 429 or 5xx counted by its status ("answered
    503"), not as server-error: whether the archive or the capture answered it is read from
    the WARC only after the crawl (`archive_fault`), and the archive's own says nothing of
    the memento."""
    def poll():
        rows = db.execute("SELECT CASE WHEN status = 429 OR status >= 500 THEN 'answered ' || status ELSE class END "
                          "AS said, COUNT(*) FROM fetches WHERE crawl_id = ? AND purpose = 'memento' "
                          "AND final = 1 GROUP BY said", [crawl_id]).fetchall()
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
                    AND t.memento_timestamp >= s.timestamp   -- its own, or the capture its redirect led to
                    ORDER BY t.memento_timestamp, t.id DESC LIMIT 1) AS chars
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
