"""`citewatch archive`: look up, save and rescue, in that order, over one database.

1. lookup (archive/snapshots.py): the mementos of every web source around its
   citation date, and the one to use;
2. save (archive/save.py): a capture request for every live source without a recent
   memento, through the durable queue;
3. rescue (archive/rescue.py): the chosen mementos' bytes, fetched by the `mementos`
   spider, classified and extracted; the archive's view of blocked pages.

A `StopRun` (daily quota, repeated 429s, a Retry-After beyond the cap, an archive out of
reach after UNREACHABLE_IN_A_ROW requests in a row that cannot connect (archive/wayback.py
counts them), three calls in a row without an answer or with a 5xx after their retries)
ends the API phases for this run with every job kept, in one line; so does any other
archive failure that escapes a source.  The mementos already found are still fetched, but never
while a Retry-After of the API phase still holds: the rescue waits it out when it is within
`retry_after_cap`, else it is left for the next run, in one line (the replays go to the
same host, and IA firewalls an IP that ignores its 429s).  A Retry-After still to come when
the stage ends, however it ends (the API's, or a replay's 429, one met by a rescue round a
stop cut short included: `replay_quiet_kept`) is kept in the database (`archive_quiet`): the
next run, in another process, sends nothing before it (`recall_quiet`); nor does resolve's,
whose own long Retry-After is kept there too (`kept_quiet`, shared by both stages).
Killed at any point, a re-run continues: lookups are recorded per source, save jobs
are durable, memento fetches are never repeated once classified.
One process at a time runs the stage, or resolve (which searches the same archive), on a
database (db/lock.py): a second one raises StageBusy before any request; `citewatch
archive` then ends in that one line (exit 1), `citewatch run` goes on with the other stages.
A database or WARC file that cannot be written (a full disk, a read-only file system) stops
the stage at once, in any phase, as it stops a crawl (crawler/spiderrun.py): LocalWriteFailed,
one line naming the file and the fix (exit 1); what was stored before is kept and the next
run resumes (a memento round stopped so is left unfinished: archive/rescue.py).
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import sys
import time
from typing import Callable, Collection, Iterator

import db as database
from archive import rescue, save, snapshots
from archive.errors import ArchiveError, ArchiveUnreachable, RateLimited, StopRun
from archive.polite import RETRY_AFTER_MOST, WaitNotice, bounded_wait, seconds_to, utc_after
from archive.wayback import UNANSWERED_IN_A_ROW, UNREACHABLE_IN_A_ROW, Wayback, WaybackOptions
from crawler.spiderrun import local_write_problem, local_writes
from crawler.terminal import LOG_EVERY
from db.lock import ARCHIVE, stage_lock

ProgressFn = Callable[[str, int, int], None]


def look_up_all(db, wayback: Wayback, window: float, counts: dict, progress: ProgressFn | None = None,
                source_ids: Collection[int] | None = None) -> None:
    """Every due lookup (of `source_ids`, when given); a source the archive cannot be reached
    for is failed and the next one asked, until the client finds the archive out of reach
    (UNREACHABLE_IN_A_ROW requests in a row that could not connect): that stops the run (with
    no network, 42 sources would otherwise each fail the same way).  A lookup a stop interrupted is recorded failed
    (snapshots.look_up) and counted so, as the table must say what the rows hold."""
    due = snapshots.due_lookups(db, source_ids)
    for n, source in enumerate(due, 1):
        try:
            outcome = snapshots.look_up(db, wayback, source, window)
        except ArchiveUnreachable as exc:
            counts["failed"] = counts.get("failed", 0) + 1
            if wayback.out_of_reach is not None:
                raise StopRun(f"{exc}; {UNREACHABLE_IN_A_ROW} lookups in a row could not connect: archive lookups "
                              f"and saves stopped for this run, run `{ARCHIVE.command}` again when online") from None
            continue
        except (StopRun, RateLimited):
            counts["failed"] = counts.get("failed", 0) + 1
            raise
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if progress:
            progress("lookup", n, len(due))


def plan(db, config) -> dict:
    """What a run would do, without a request or a write: lookups and captures due."""
    options = save.QueueOptions.from_config(config)
    lookups = snapshots.due_lookups(db)
    saves = save.due_without_recent(db, options)
    queued = [dict(r) for r in db.query(
        "SELECT source_id AS id, url FROM save_jobs WHERE status IN ('queued', 'pending') ORDER BY id")]
    return {
        "lookup": [{"id": s["id"], "url": s["url"], "date": _date(db, s["id"])} for s in lookups],
        "save": [{"id": s["id"], "url": s["url"]} for s in saves] + queued,
        "wayback_url": WaybackOptions.from_config(config).base,
    }


def _date(db, source_id: int) -> str | None:
    moment = snapshots.citation_date(db, source_id)
    return moment.date().isoformat() if moment else None


def run(db, config, dry_run: bool = False, progress: ProgressFn | None = None, console=None,
        display: contextlib.AbstractContextManager | None = None,
        source_ids: Collection[int] | None = None) -> dict:
    """Run the archive stage; returns counts for the summary (or the plan, when dry_run).

    `display` (a rich Progress, say) is entered for the API phases only: the rescue's crawl
    shows its own progress on `console`.  Another process running the stage (or resolve) on
    the same database: StageBusy, before any request (db/lock.py).

    `source_ids` limits the lookups, saves and rescue to those sources (`citewatch check`'s
    list: crawler/run.py `Scope`), None to every one; an empty collection does nothing.

    LocalWriteFailed when the database cannot be written (a full disk, a read-only file
    system), in one line naming it and the fix, instead of the traceback of whichever write met
    it first; the rescue's crawl raises its own for its WARC file.
    """
    if dry_run:
        return {"dry_run": True, **plan(db, config)}
    with stage_lock(db, ARCHIVE):
        with local_writes(config.db_path, stage="archive stage"):
            return _run(db, config, progress, console, display, source_ids)


def _run(db, config, progress: ProgressFn | None, console, display, source_ids: Collection[int] | None) -> dict:
    """The API phases, then the rescue unless the archive's Retry-After holds beyond the cap."""
    with display or contextlib.nullcontext():
        counts, blocked_until = run_api(db, config, progress, wait_notice(console, float(config.archive_wait_notice)),
                                        source_ids)
    skipped = wait_for_archive(blocked_until, float(config.retry_after_cap), console)
    if skipped:
        counts["stopped"] = "; ".join(filter(None, [counts["stopped"], skipped]))
    else:
        with replay_quiet_kept(db, WaybackOptions.from_config(config).base):
            counts.update(rescue.fetch(db, config, console=console, source_ids=source_ids))
    counts["save_jobs"] = dict(db.execute("SELECT status, COUNT(*) FROM save_jobs GROUP BY status").fetchall())
    return counts


def wait_for_archive(blocked_until: float, cap: float, console=None) -> str | None:
    """Sleep until the archive's Retry-After has passed when it is within `cap` seconds;
    else return the line saying the rescue is left for the next run."""
    wait = blocked_until - time.monotonic()
    if wait > cap:
        return (f"mementos not fetched this run (the archive's Retry-After holds {wait:.0f} s more, until "
                f"{utc_after(wait)}, beyond retry_after_cap): the next run fetches them")
    if wait > 0:
        if console is not None:
            console.print(f"waiting {wait:.1f} s for the archive's Retry-After before fetching mementos")
        time.sleep(wait)
    return None


def wait_notice(console, longest_unsaid: float) -> WaitNotice | None:
    """The line said as a wait of the API phases starts, when it lasts `longest_unsaid` seconds
    or more (`archive_wait_notice`): "archive: waiting 30 s: the archive (web.archive.org)
    asked us to slow down (429 Too Many Requests)".  A log (no terminal) otherwise gets no
    line until the next item is done (crawler/terminal.py Progress), a waiting run not told
    from a hung one.  On standard error there, as the progress lines; on a terminal, above
    the progress bar.  The same cause said less than LOG_EVERY ago is not said again: the
    pacing of saves (one every 19 s, anonymous) would otherwise fill a log with a line a save.
    None without a console: nothing is shown then."""
    if console is None:
        return None
    said: dict[str, float] = {}   # each cause: when it was last said (time.monotonic)

    def notice(seconds: float, why: str) -> None:
        if seconds < longest_unsaid or time.monotonic() - said.get(why, -LOG_EVERY) < LOG_EVERY:
            return
        said[why] = time.monotonic()
        line = f"archive: waiting {seconds:.{0 if seconds >= 10 else 1}f} s: {why}"
        if console.is_terminal:
            console.print(line, style="dim", markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)

    return notice


def run_api(db, config, progress: ProgressFn | None = None, notice: WaitNotice | None = None,
            source_ids: Collection[int] | None = None) -> tuple[dict, float]:
    """Lookups and saves: the phases that talk to the Wayback APIs (rescue is a crawl), of the
    sources in `source_ids` when given (`run`).  `notice` is told of each wait as it starts
    (`wait_notice`).

    Returns the counts and when the archive takes requests again (time.monotonic()).
    """
    wayback = Wayback(WaybackOptions.from_config(config), stop_after=UNANSWERED_IN_A_ROW, notice=notice)
    window = float(config.memento_window_days)
    counts: dict = {"lookups": {}, "stopped": None}
    with kept_quiet(db, wayback):
        try:
            look_up_all(db, wayback, window, counts["lookups"], progress, source_ids)
            options = save.QueueOptions.from_config(config)
            counts.update(save.enqueue(db, wayback, options, progress, source_ids))
            queue = save.process(db, wayback, options, progress, source_ids)
            counts.update(saves_done=queue.done, saves_failed=queue.failed, saves_retried=queue.retried,
                          rate_limited=queue.rate_limited)
            counts["stopped"] = queue.stopped
        except StopRun as exc:
            counts["stopped"] = str(exc)
        except RateLimited as exc:
            counts["stopped"] = f"{exc}: still rate-limited after the retries; run `{ARCHIVE.command}` again later"
        except ArchiveUnreachable as exc:
            counts["stopped"] = f"{exc}; run `{ARCHIVE.command}` again when the archive can be reached"
        except ArchiveError as exc:  # not one source's: the rescue phase still runs
            counts["stopped"] = f"{exc}; archive lookups and saves stopped for this run"
    counts["saves_left"] = save.uncaptured(db, source_ids)
    return counts, wayback.blocked_until()


@contextlib.contextmanager
def kept_quiet(db, wayback: Wayback) -> Iterator[Wayback]:
    """`wayback` held to the quiet time kept for its archive while the block runs
    (`recall_quiet`), and the quiet it met kept when the block ends, however it ends
    (`remember_quiet`).  The one way a stage asks the archive across runs: the archive stage
    and resolve (crawler/social.py) ask the same Wayback APIs, and a Retry-After that either
    one met holds the other's next run too (IA firewalls an IP that ignores its 429s)."""
    recall_quiet(db, wayback)
    try:
        yield wayback
    finally:
        remember_quiet(db, wayback)


def recall_quiet(db, wayback: Wayback) -> None:
    """Hold the client back until the "not before" time a run stored for its archive
    (`remember_quiet`): a Retry-After beyond retry_after_cap outlives the process that got it,
    and the first request of the next run (a timer's, a `watch` round) would break it; IA
    firewalls an IP that keeps asking after its 429s.  Beyond the cap, the client's first
    call then stops the run, naming that time, without a request (wayback.py `_keep_quiet`);
    within it, the call waits.  A time further ahead than `RETRY_AFTER_MOST` is ignored: no
    Retry-After is kept that long (`_keep_quiet_until`), so it was stored before the cap or
    the clock has since gone back, and it would hold the archive for years."""
    row = db.execute("SELECT not_before FROM archive_quiet WHERE archive = ?", [wayback.options.base]).fetchone()
    if row is None:
        return
    left = seconds_to(row[0])
    if 0 < left <= RETRY_AFTER_MOST:
        wayback.quiet.pause(left)


def remember_quiet(db, wayback: Wayback) -> None:
    """Store when the client's archive takes requests again (its Retry-Afters, `blocked_until`),
    while that is still to come, for the next run's `recall_quiet`."""
    left = wayback.blocked_until() - time.monotonic()
    if left > 0:
        _keep_quiet_until(db, wayback.options.base, _quiet_end(datetime.datetime.now(datetime.timezone.utc), left))


@contextlib.contextmanager
def replay_quiet_kept(db, base: str) -> Iterator[None]:
    """The Retry-After of the archive's own 429s to the rescue's replays kept as the block ends
    (`remember_replay_quiet`), however it ends: a round stopped before its read-back (Ctrl-C,
    SIGTERM, a full disk) says its 429s as it stops (archive/rescue.py), and its quiet kept
    holds the next run's lookups too, not only its replays.  On such a stop, a database that
    takes no write leaves the error that stopped the rescue the one said."""
    try:
        yield
    except BaseException:
        try:
            remember_replay_quiet(db, base)
        except sqlite3.Error as exc:
            if not local_write_problem(exc):
                raise
        raise
    remember_replay_quiet(db, base)


REPLAY_QUIET_MARGIN = 7 * 86400.0   # seconds: longer than any rescue crawl runs, so none it started is missed


def remember_replay_quiet(db, base: str) -> None:
    """Store the Retry-After the archive sent with its own 429 to a memento replay (the fetch's
    evidence, from its answer on), for the next run's `recall_quiet`: the rescue's crawl runs
    in a process of its own, whose 429s no client of this one has seen.

    Only crawls started or finished within `RETRY_AFTER_MOST` and `REPLAY_QUIET_MARGIN` are
    read: an older fetch's quiet (at most `RETRY_AFTER_MOST`, `rescue.replay_quiet_end`) has
    ended, and the bound lets the lookup use the `fetches_crawl` index instead of scanning
    every fetch stored.
    (Finished too: a round a stop left unfinished keeps its `started_at` when a later run
    resumes it, maybe weeks later, and the 429s met then are read as it finishes.)"""
    now = datetime.datetime.now(datetime.timezone.utc)
    since = (now - datetime.timedelta(seconds=RETRY_AFTER_MOST + REPLAY_QUIET_MARGIN)).isoformat(timespec="seconds")
    ends = [rescue.replay_quiet_end(started, elapsed, wait) for started, elapsed, wait in db.execute(
                "SELECT started_at, elapsed, json_extract(evidence, '$.retry_after') FROM fetches "
                "WHERE crawl_id IN (SELECT id FROM crawls WHERE started_at >= ? OR finished_at >= ?) "
                f"AND purpose = 'memento' AND status = 429 AND json_extract(evidence, '$.{rescue.ARCHIVE_FAULT}') "
                "AND json_extract(evidence, '$.retry_after') IS NOT NULL AND started_at IS NOT NULL", [since, since])]
    if ends and max(ends) > now:
        _keep_quiet_until(db, base, max(ends))


def _quiet_end(start: datetime.datetime, seconds: float) -> datetime.datetime:
    """`seconds` (a Retry-After) after `start`, at most `RETRY_AFTER_MOST`: a value a fetch
    stored before the cap (or an infinite one) must not end past the calendar and crash
    every later run."""
    return start + datetime.timedelta(seconds=bounded_wait(float(seconds)))


def _keep_quiet_until(db, base: str, not_before: datetime.datetime) -> None:
    """The archive's "not before" time, never moved earlier than one already stored, nor
    later than `RETRY_AFTER_MOST` from now; a stored one further ahead (kept before the cap,
    or the clock has gone back) is replaced."""
    most = (datetime.datetime.now(datetime.timezone.utc)
            + datetime.timedelta(seconds=RETRY_AFTER_MOST)).isoformat(timespec="milliseconds")
    db.execute("INSERT INTO archive_quiet (archive, not_before, set_at) VALUES (?, min(?, ?), ?) "
               "ON CONFLICT (archive) DO UPDATE SET not_before = CASE WHEN not_before > ? "
               "THEN excluded.not_before ELSE max(not_before, excluded.not_before) END, "
               "set_at = excluded.set_at",
               [base, not_before.isoformat(timespec="milliseconds"), most, database.now(), most])
