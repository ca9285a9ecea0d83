"""Rescue: fetch the memento to use for each source, and the archive's view of blocked pages.

Which mementos are fetched (through the `mementos` spider, so their bytes land in the
WARC and their text in `texts` with origin = memento):

- a source whose latest live fetch is not live (any rot class, soft-404, login wall,
  redirected-to-root, or an uncertain class such as blocked): the memento nearest its
  citation date by H3llBot's rule, its replacement text;
- a live source too when `rescue_live` is on (the default): reconcile decides drift
  (the quote in the memento but not in the live text) and needs both texts;
- a blocked source's capture made by our save job since its checks began to fail
  (`failing_since`): the archive is a second vantage point, and a capture that answered
  with content is recorded as evidence that the page lives (`snapshots` row saved = 1
  with its status and class, the memento fetch and text, and a note in
  `sources.state_reason`).  An older capture says nothing of the page now: without a
  newer one the source keeps the state its checks gave it, and the note says no capture
  was there to tell (`record_evidence`).

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

A round is a crawls row of its own (spider `mementos`), finished once its fetches are read
back onto their snapshots.  A round stopped before then (Ctrl-C, SIGTERM, a WARC file or
database that cannot be written: LocalWriteFailed) is left interrupted (running, when the
database takes no write), and the next run resumes it: the mementos it fetched are read
back, not fetched again, and only the rest are fetched, in the same round (`fetch`); so is
a memento whose fetch the archive failed before the stop (it said nothing of the memento),
but never while a Retry-After the archive sent with its own 429 in that round still holds:
then nothing of the round is fetched (the archive asked this address to wait, and IA
firewalls one that does not), and the 429 is read back as this run's, which ends the rounds.
A round that meets the archive's own 429 asks nothing more of it: its crawl drops the
mementos not asked yet (crawler/middlewares/retries.py BrowserRetryMiddleware), which stay unfetched
and unclassified, and the run's `archive_failed` line says how many.  Such a round, and one
resumed while its 429 holds, is read back and left interrupted, not finished: the next run
resumes it and asks its rest once the Retry-After has passed.
A round stopped so says its archive's 429s as it stops (`_say_faults_of_stopped_round`), so
that archive/stage.py keeps their Retry-After for the next run, its lookups included.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from typing import Collection

from w3lib.url import safe_url_string

import db as database
from archive import snapshots
from archive.warc import headers_at
from archive.mementos import Memento, memento_from_url, replay_base, wayback_moment, wayback_timestamp
from archive.polite import bounded_wait
from crawler.classify import is_home_page
from crawler.config import setting_named
from crawler.crawl import close_crawl, mark_interrupted
from crawler.spiderrun import local_write_problem
from crawler.state import UNSENT_CLASSES, open_crawl

MAX_ROUNDS = 3
EVIDENCE_NOTE = "alive from the Wayback Machine's vantage point"
NO_CAPTURE_NOTE = "not judged from the Wayback Machine's vantage point"   # no capture since the checks began to fail
NOTE_SEPARATOR = " · "   # between the checks' reason and a note appended to it
OFF_DATE = "redirected-off-date"   # a memento's class only (crawler.classify.CLASSES: uncertain)
FAULT_CLASSES = ("server-error", "rate-limited")   # what the archive's own 5xx and 429 are classed as
CAPTURED = "memento_datetime"   # a memento fetch's evidence key: its 429/5xx was a capture's (archive_fault)
ARCHIVE_FAULT = "archive_fault"   # a memento fetch's evidence key: the archive's own status, not a capture's
REFUSED = "refused"   # `_read_back`'s key for the memento fetches refused before they were sent


def targets(db, config, source_ids: Collection[int] | None = None) -> list[dict]:
    """The mementos to fetch now (of `source_ids`, when given: archive/stage.py `run`'s limit):
    at most one per source and purpose, never one fetched before."""
    chosen: dict[tuple[int, str], dict] = {}
    window = float(config.memento_window_days)
    for source in snapshots.web_sources(db, source_ids):
        kind = snapshots.class_kind(source["live_class"])
        if kind is None:
            continue  # never crawled: nothing to rescue or compare yet
        if kind != "ok" or config.rescue_live:
            best = next(iter(snapshots.ranked(db, source["id"], window)), None)
            if best and best["class"] is None:
                chosen[(source["id"], best["timestamp"])] = best
        if source["live_class"] == "blocked":
            saved = vantage_captures(db, source["id"], failing_since(db, source["id"]))[:1]
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


def _open_crawl(db, resume: bool = False) -> int:
    """A crawls row of its own for this round of memento fetches; with `resume`, the round a
    stop left unfinished, when there is one (crawler/state.py `open_crawl`: a round is never
    taken for a crawl of the sources, nor the other way round)."""
    crawl_id, _ = open_crawl(db, {"spider": "mementos"}, resume=resume)
    return crawl_id


def _fetch_of(db, crawl_id: int, target: dict) -> dict | None:
    """The memento fetch of `target` (its final attempt) in round `crawl_id`, None when the
    round has none yet: the newest, so a resumed round's fetch again of a memento the archive
    failed (`_to_fetch`) is the one read back.  Matched by the URL asked for, as written or as
    Scrapy sends it (w3lib's `safe_url_string`: an original URL with a space or a non-ASCII
    letter is escaped)."""
    asked = (target["url"], safe_url_string(target["url"], "utf-8"))
    return next((dict(row) for row in db.query(
        "SELECT id, class, status, requested_url, final_url, redirects, warc_path, warc_offset, evidence, started_at, "
        "elapsed FROM fetches "
        "WHERE crawl_id = ? AND source_id = ? AND purpose = 'memento' AND final = 1 ORDER BY id DESC",
        [crawl_id, target["source_id"]]) if row["requested_url"] in asked), None)


def _to_fetch(db, crawl_id: int, wanted: list[dict], data_dir: str) -> list[dict]:
    """The targets of `wanted` round `crawl_id` has still to ask the archive for: those it has
    no fetch of, and those whose fetch the archive failed (`_failed_at_archive`).  In a new
    round, every one; in a resumed one, a memento fetched before the stop is read back, not
    fetched again, but a failure of the archive's said nothing of it and belongs to the run
    that met it: asked again, as the module's docstring promises ("fetched again by the next
    run"), not counted as this run's failure, nor its stale 429 taken to stop this run's rounds.
    But none at all while the archive's own 429 in the round asked for a wait that has not
    passed (`_still_waited`; its quiet not kept: a kill -9, or kept by no earlier version): the
    archive asked this address, not that memento, to wait; `_read_back` then counts the 429 as
    this run's, which ends the rounds, leaves the round unfinished for the next run and keeps
    its quiet (archive/stage.py)."""
    fetches = [(target, _fetch_of(db, crawl_id, target)) for target in wanted]
    todo = [(target, row) for target, row in fetches if row is None or _failed_at_archive(db, row, data_dir)]
    if any(row is not None and _still_waited(row) for _, row in todo):
        return []
    return [target for target, _ in todo]


def _still_waited(fetch: dict) -> bool:
    """Whether `fetch`, a 429 the archive answered itself (`archive_fault`), asked for a wait
    (its Retry-After) that has not passed yet (`replay_quiet_end`)."""
    wait = json.loads(fetch["evidence"] or "{}").get("retry_after")
    if fetch["status"] != 429 or wait is None or fetch["started_at"] is None:
        return False
    return replay_quiet_end(fetch["started_at"], fetch["elapsed"], wait) > datetime.datetime.now(datetime.timezone.utc)


def replay_quiet_end(started_at: str, elapsed: float | None, retry_after: float) -> datetime.datetime:
    """When the wait the archive asked for with its own 429 to a memento fetch ends: its
    Retry-After counted from the answer (the fetch's start and its elapsed seconds), at most
    `RETRY_AFTER_MOST` (`bounded_wait`: a value stored before the cap, or an infinite one,
    must not end past the calendar).  The one reading of it: this round's `_to_fetch` and
    the stage's kept quiet (archive/stage.py `remember_replay_quiet`)."""
    return datetime.datetime.fromisoformat(started_at) + datetime.timedelta(
        seconds=(elapsed or 0) + bounded_wait(float(retry_after)))


def _failed_at_archive(db, fetch: dict, data_dir: str) -> bool:
    """Whether the archive failed the memento fetch: no answer (DNS, connection, timeout) or
    its own 429 or 5xx (`archive_fault`); such a fetch says nothing about the memento."""
    return fetch["status"] is None or archive_fault(db, fetch, data_dir)


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
        row = _fetch_of(db, crawl_id, target)
        if row is None:
            continue
        if _failed_at_archive(db, row, data_dir):
            failures.setdefault(_failure_key(row), []).append((target["source_id"], target["timestamp"]))
            if row["status"] is not None:
                _say_archive_fault(db, row)
            continue
        cls, reason = memento_class(row, window_days)
        counts[cls] = counts.get(cls, 0) + 1
        with database.write_transaction(db):   # (the fetch's reason and the snapshot's move: all or none)
            if reason:
                db.execute("UPDATE fetches SET class = ?, reason = ? WHERE id = ?", [cls, reason, row["id"]])
            snapshots.settle(db, target["source_id"], target["timestamp"], served_capture(row), cls,
                             str(row["status"]) if row["status"] else None)
    return counts, failures


def _failure_key(fetch: dict) -> str:
    """How a memento fetch that says nothing of the memento failed, for `failure_note`: `REFUSED`
    when citewatch refused it before sending (a replay on another host or port than wayback_url's,
    where the snapshot was found under an earlier wayback_url, on an address that is not globally
    routable): no failure of the archive's, which was never asked; "no answer"; or the archive's
    own status."""
    if fetch["class"] in UNSENT_CLASSES:
        return REFUSED
    return "no answer" if fetch["status"] is None else str(fetch["status"])


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
    db.execute("UPDATE fetches SET reason = ?, evidence = ? WHERE id = ?",
               [reason, json.dumps(evidence), fetch["id"]])


def _say_faults_of_stopped_round(db, crawl_id: int, data_dir: str) -> None:
    """Say on each 429 of round `crawl_id`, which a stop leaves unfinished before its read-back,
    whether the archive answered it itself (`archive_fault`, `_say_archive_fault`), as
    `_read_back` would have: archive/stage.py `remember_replay_quiet` then keeps its Retry-After,
    and the next run sends nothing before it ends, its lookups included, not only this round's
    replays.  A database that takes no write now (a full disk) leaves the error that stopped
    the round the one said, as `mark_interrupted` does."""
    try:
        for fetch in list(db.query("SELECT id, status, warc_path, warc_offset, evidence FROM fetches "
                                   "WHERE crawl_id = ? AND purpose = 'memento' AND final = 1 AND status = 429",
                                   [crawl_id])):
            if archive_fault(db, fetch, data_dir):
                _say_archive_fault(db, fetch)
    except sqlite3.Error as exc:
        if not local_write_problem(exc):
            raise


def failure_note(failures: dict[str, int], unasked: int = 0) -> str | None:
    """One plain line on the memento fetches the archive failed this run, and on the `unasked`
    ones it was not asked for after its 429, and on those refused before they were sent
    (`_failure_key`); None when none."""
    refused = failures.get(REFUSED, 0)
    failed = {key: n for key, n in failures.items() if key != REFUSED}
    how = ", ".join(f"gave no answer to {n}" if key == "no answer" else f"answered {key} itself to {n}"
                    for key, n in sorted(failed.items()))
    rest = (f"; {unasked} more memento(s) not asked for, as nothing more is asked of the archive after its 429: "
            "left unfetched and unclassified for the next run" if unasked else "")
    said = [f"the archive failed {sum(failed.values())} memento fetch(es) ({how}): those mementos stay "
            f"unclassified and are fetched again by the next run{rest}"] if failed else []
    if refused:
        allow = setting_named("allow_private_networks")
        said.append(f"{refused} memento fetch(es) refused, nothing sent: their replay is on an address that is not "
                    f"globally routable, at another host or port than wayback_url's (found under an earlier "
                    f"wayback_url?); they stay unclassified: set {allow.name} ({allow.env_var}) to fetch them")
    return "; ".join(said) or None


def forget_archive_faults(db, data_dir: str) -> int:
    """Unclassify mementos an earlier version classed on the archive's own 429 or 5xx, so
    they are fetched again; returns how many.  Runs on every rescue, but reads a WARC once
    per fetch: a capture's 429 or 5xx is noted as such (`archive_fault`), and a fault is
    fetched again."""
    forgotten = 0
    # (read whole first: a write while the query's rows are still being read fails at once,
    # "database is locked", when another process holds the write lock or wrote since: a crawl)
    for snap in list(db.query(f"SELECT * FROM snapshots WHERE class IN ({', '.join('?' for _ in FAULT_CLASSES)})",
                              list(FAULT_CLASSES))):
        url = _replay_url(snap)
        latest = list(db.query("SELECT id, status, warc_path, warc_offset, evidence FROM fetches WHERE source_id = ? "
                               "AND purpose = 'memento' AND final = 1 AND requested_url = ? ORDER BY id DESC LIMIT 1",
                               [snap["source_id"], url]))
        if latest and latest[0]["status"] is not None and archive_fault(db, latest[0], data_dir):
            db.execute("UPDATE snapshots SET class = NULL WHERE id = ?", [snap["id"]])
            forgotten += 1
    return forgotten


def fetch(db, config, console=None, source_ids: Collection[int] | None = None) -> dict:
    """Fetch the chosen mementos (of `source_ids`, when given), round after round while rotten
    ones leave a next nearest.

    A memento the archive failed is not asked again in this run (the retries were spent on
    it); after a 429 from the archive nothing more is asked of it: not the rest of the round
    (its crawl asks nothing after the 429: crawler/middlewares/retries.py
    BrowserRetryMiddleware), nor a further round.  Such a round, held by the 429, is left
    unfinished as a stop leaves one, so the next run resumes it and asks its rest (`_to_fetch`:
    once the Retry-After has passed).  The first round resumes the one a stop or a 429 left
    unfinished (the module's docstring), unless the run is limited to `source_ids`: it would
    finish that round with the other sources' mementos unread (as a limited crawl never
    resumes another's, crawler/crawl.py).
    """
    from crawler.spiderrun import run_spider

    window = float(config.memento_window_days)
    forget_archive_faults(db, config.data_dir)
    counts: dict[str, int] = {}
    failures: dict[str, int] = {}
    failed: set[tuple[int, str]] = set()
    fetched = 0
    unasked: list[dict] = []
    for _ in range(MAX_ROUNDS):
        wanted = [t for t in targets(db, config, source_ids) if (t["source_id"], t["timestamp"]) not in failed]
        if not wanted:
            break
        crawl_id = _open_crawl(db, resume=source_ids is None)
        todo = _to_fetch(db, crawl_id, wanted, config.data_dir)   # (a resumed round's others are in)
        try:
            if todo:
                asked_again = [row for target in todo if (row := _fetch_of(db, crawl_id, target))]
                run_spider("mementos", config, console=console, targets=todo, crawl_id=crawl_id,
                           progress=_progress(db, crawl_id, len(wanted), asked_again) if console else None)
            classes, round_failures = _read_back(db, crawl_id, wanted, window, config.data_dir)
            for source_id in {t["source_id"] for t in wanted}:
                snapshots.mark_closest(db, source_id, window)
        except BaseException:  # LocalWriteFailed, SpiderFailed, a stop (KeyboardInterrupt, SystemExit): unfinished
            _say_faults_of_stopped_round(db, crawl_id, config.data_dir)
            mark_interrupted(db, crawl_id)
            raise
        held = "429" in round_failures   # the archive asks us to wait: the rest waits for the next run
        unasked = _never_asked(db, crawl_id, wanted) if held else []
        # (read back: the next run fetches none of its mementos again; held: it resumes the round)
        close_crawl(db, crawl_id, "interrupted" if held else "finished")
        fetched += len(todo) - len(_keys(unasked) & _keys(todo))
        for cls, n in classes.items():
            counts[cls] = counts.get(cls, 0) + n
        for key, mementos in round_failures.items():
            failures[key] = failures.get(key, 0) + len(mementos)
            failed.update(mementos)
        if held:
            break
    for key, n in failures.items():   # (a refusal is its fetch's class, no failure of the archive's)
        kind = REFUSED if key == REFUSED else "archive-failed"
        counts[kind] = counts.get(kind, 0) + n
    return {"mementos_fetched": fetched, "memento_classes": counts,
            "archive_failed": failure_note(failures, len(unasked)), "blocked_alive": record_evidence(db)}


def _never_asked(db, crawl_id: int, wanted: list[dict]) -> list[dict]:
    """The mementos of `wanted` round `crawl_id` has never asked the archive for (no fetch of
    theirs in it): after the archive's 429 its crawl asks nothing more, and a round held by a
    429 asks nothing at all (`_to_fetch`)."""
    return [target for target in wanted if _fetch_of(db, crawl_id, target) is None]


def _keys(targets: list[dict]) -> set[tuple[int, str]]:
    """Each target's (source, timestamp): what names a memento across rounds and fetches."""
    return {(target["source_id"], target["timestamp"]) for target in targets}


def _progress(db, crawl_id: int, total: int, asked_again: Collection[dict] = ()):
    """The crawl's counts per class as it runs; a 429 or 5xx counted by its status ("answered
    503"), not as server-error: whether the archive or the capture answered it is read from
    the WARC only after the crawl (`archive_fault`), and the archive's own says nothing of
    the memento.  `asked_again`: the fetches a resumed round holds of the mementos this run
    asks again (`_to_fetch`: the archive failed them before the stop; a new round has none),
    left out until this run's answer is stored over them (the same row, started anew) or
    beside them: counted, they started the bar at its total with the old run's 429 or 503
    and ended it past it (11/10)."""
    stale = {(row["id"], row["started_at"], row["elapsed"]) for row in asked_again}

    def poll():
        said: dict[str, int] = {}
        for fetch_id, started_at, elapsed, status, cls in db.execute(
                "SELECT id, started_at, elapsed, status, class FROM fetches WHERE crawl_id = ? "
                "AND purpose = 'memento' AND final = 1", [crawl_id]):
            if (fetch_id, started_at, elapsed) not in stale:
                key = f"answered {status}" if status is not None and (status == 429 or status >= 500) else cls
                said[key] = said.get(key, 0) + 1
        return sum(said.values()), total, said
    return poll


def failing_since(db, source_id: int) -> str | None:
    """When the source's current run of failing checks began, as a Wayback timestamp: the
    first live check after its last one that saw the page (class kind "ok"), or its first
    check when none ever did; None when it has no timed check.  A capture older than this
    was made while the page may still have lived, before the checks that now call it
    blocked or gone: it says nothing of the page now.  The checks of a crawl run offline
    are left out (withdrawn: they said nothing of the page)."""
    checks = db.execute(
        "SELECT f.class, COALESCE(f.started_at, c.started_at) FROM fetches f "
        "LEFT JOIN crawls c ON c.id = f.crawl_id WHERE f.source_id = ? AND f.purpose = 'live' AND f.final = 1 "
        "AND COALESCE(c.offline, 0) = 0 ORDER BY f.crawl_id DESC, f.id DESC", [source_id])
    first = None
    for cls, at in checks:   # newest first, back to the last check that saw the page
        if snapshots.class_kind(cls) == "ok":
            break
        first = at or first
    return wayback_timestamp(datetime.datetime.fromisoformat(first)) if first else None


def vantage_captures(db, source_id: int, since: str | None) -> list[dict]:
    """The source's captures made by our save job at or after `since` (a Wayback timestamp;
    every one when None), newest first: those that can tell whether the page lives now.
    (Compared to the second: a capture made in the same second as the check counts.)"""
    return [dict(row) for row in db.query(
        "SELECT * FROM snapshots WHERE source_id = ? AND saved = 1 AND timestamp >= ? ORDER BY timestamp DESC",
        [source_id, since or ""])]


def record_evidence(db) -> int:
    """For each blocked source, what the archive's vantage point says of it, in a note on its
    `state_reason` (idempotent; returns how many are noted alive): alive when its newest
    classified capture since its checks began to fail (`vantage_captures`) answered with
    content; that no capture was there to tell when it has none since then, its state left
    as its checks made it.  A capture the archive made before then (the save job's of the
    day the page still answered, reused for `save_if_older_than`) is never such evidence."""
    noted = 0
    for source in snapshots.web_sources(db):
        if source["live_class"] != "blocked":
            continue
        since = failing_since(db, source["id"])
        captures = vantage_captures(db, source["id"], since)
        judged = [row for row in captures if row["class"] is not None]
        if judged:
            note = _alive_note(db, source["id"], judged[0])
        elif captures:
            note = None   # a capture not fetched yet, or the archive failed its fetch: the next run judges it
        else:
            note = _no_capture_note(db, source["id"], since)
        _set_note(db, source, note)
        noted += 1 if note and note.startswith(EVIDENCE_NOTE) else 0
    return noted


def _alive_note(db, source_id: int, capture: dict) -> str | None:
    """The note of a capture that answered with content, None for a rotten one."""
    if snapshots.class_kind(capture["class"]) != "ok":
        return None
    # its text: its own, or that of the capture its redirect led to (a later timestamp)
    chars = db.execute("SELECT length(text) FROM texts WHERE source_id = ? AND origin = 'memento' "
                       "AND memento_timestamp >= ? ORDER BY memento_timestamp, id DESC LIMIT 1",
                       [source_id, capture["timestamp"]]).fetchone()
    return (f"{EVIDENCE_NOTE}: its capture of {capture['timestamp'][:8]} answered {capture['status'] or 'with content'}"
            f" ({(chars and chars[0]) or 0} characters of text)")


def _no_capture_note(db, source_id: int, since: str | None) -> str:
    """The note of a blocked source with no capture made since its checks began to fail,
    naming that moment and the newest older capture, which says nothing of the page now."""
    older = vantage_captures(db, source_id, None)[:1]
    began = f" since its checks began to fail ({_shown_timestamp(since)})" if since else ""
    why = (f"; its newest, of {_shown_timestamp(older[0]['timestamp'])}, is older and says nothing of the page now; "
           "the save stage asks for a new one once the newest capture it knows of is older than save_if_older_than"
           if older else "")
    return f"{NO_CAPTURE_NOTE}: the archive has no capture of it{began} to tell whether it lives{why}"


def _shown_timestamp(timestamp: str) -> str:
    """A Wayback timestamp as a reader reads it: 2026-11-29 10:15:03 UTC."""
    return f"{wayback_moment(timestamp):%Y-%m-%d %H:%M:%S} UTC"


def _set_note(db, source: dict, note: str | None) -> None:
    """Put `note` in place of the vantage-point note the source's `state_reason` holds (an
    earlier run's, or one written from a capture older than the failing checks), or drop
    that note when `note` is None; the rest of the reason is left as the checks wrote it.
    Read again and written in one write transaction, when it changes: a crawl may write the
    reason meanwhile."""
    if _with_note(source["state_reason"], note) == (source["state_reason"] or ""):
        return
    with database.write_transaction(db):
        (reason,) = db.execute("SELECT state_reason FROM sources WHERE id = ?", [source["id"]]).fetchone()
        db.execute("UPDATE sources SET state_reason = ? WHERE id = ?", [_with_note(reason, note), source["id"]])


def _with_note(reason: str | None, note: str | None) -> str:
    """`reason` with its vantage-point note (either kind) replaced by `note`, or dropped."""
    parts = [part for part in (reason or "").split(NOTE_SEPARATOR) if reason
             and not part.startswith((EVIDENCE_NOTE, NO_CAPTURE_NOTE))]
    return NOTE_SEPARATOR.join(parts + ([note] if note else []))
