"""The durable save queue: every live source captured once, politely, surviving kill -9.

One `save_jobs` row per source (UNIQUE source_id): queued -> pending -> done | failed.
A job is marked pending *before* its request leaves, so a run killed mid-request
finds it pending on the next run and re-checks the CDX for the capture instead of
asking twice (with keys, it polls the SPN2 job id it stored).  A timeout, a 5xx or
Cloudflare's 523 is re-checked the same way before it counts as a failure: the capture
often succeeded.  Failures back off exponentially (`archive_backoff`) and end as
`failed` with their reason after `save_max_attempts`, never holding up other jobs.
A failure is not a capture: a job failed on the archive's trouble (5xx, timeouts) keeps
a `next_try` an hour on, then two (`ROUND_STEP`), and comes back with the first run after
it (`due`); after `SAVE_ROUNDS` such runs it gives up, as a refusal does (an excluded site,
any SPN2 refusal, a 4xx), until `save_if_older_than`: at most a few captures of a URL a day.
429s are honoured (Retry-After) without counting as attempts; three in a row, a
Retry-After beyond the cap, or an SPN2 error that ends the day (too many daily
captures, session limit, keys refused) stop the queue for this run with every job kept;
a job whose request may have made a capture stays pending through such a stop, so the
next run looks in the CDX before asking again.  A failed re-check is the job's failure,
never the run's.  Whatever a stop interrupts is written on its job first, and that job
comes back after the others (its `next_try` pushed by `archive_backoff`; the queue is
worked in `next_try` order): a source or job the archive keeps failing on must not be
first, and stop the run, every time.

Which sources: those whose latest live fetch shows the page (kind "ok": live,
redirected, tls-error) or a page we could not see but others may (blocked,
rate-limited, too-large: the capture is then evidence that the page lives), unless a
memento newer than `save_if_older_than` exists.  A job older than that is asked again.
A source on a site the archive excludes (its lookup found it `blocked`, or the CDX says
so when asked for a recent capture) gets a failed job at once, with no capture request.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Collection

import db as database
from archive import snapshots
from archive.errors import (
    ArchiveError,
    ArchiveUnavailable,
    ArchiveUnreachable,
    Blocked,
    RUN_STOPS,
    RateLimited,
    SaveRefused,
    StopRun,
)
from archive.mementos import Memento, wayback_timestamp
from archive.wayback import Wayback, WaybackOptions
from crawler.config import parse_duration, setting_named
from db.lock import ARCHIVE

UTC = datetime.timezone.utc
SAVE_UNSEEN = ("blocked", "rate-limited", "too-large")   # we could not see the page; the archive may
PERMANENT = ("error:invalid-url-syntax", "error:blocked-url", "error:not-found", "error:invalid-host-resolution",
             "error:bad-request")
CLOCK_SLACK = datetime.timedelta(minutes=2)   # between our clock and the archive's, for CDX re-checks
RATE_LIMITED_IN_A_ROW = 3
SAVE_ROUNDS = 3                               # runs a job may run out of attempts on the archive's trouble
ROUND_STEP = datetime.timedelta(hours=1)      # the wait after the first such run, doubled after each


@dataclass
class QueueOptions:
    cutoff: datetime.timedelta
    max_attempts: int
    backoff: float
    retry_after_default: float
    retry_after_cap: float
    window_days: float

    @classmethod
    def from_config(cls, config) -> "QueueOptions":
        return cls(
            cutoff=datetime.timedelta(seconds=parse_duration(config.save_if_older_than)),
            max_attempts=int(config.save_max_attempts),
            backoff=float(config.archive_backoff),
            retry_after_default=float(config.retry_after_default),
            retry_after_cap=float(config.retry_after_cap),
            window_days=float(config.memento_window_days),
        )


@dataclass
class QueueCounts:
    done: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0
    stopped: str | None = None


def _now() -> datetime.datetime:
    return datetime.datetime.now(UTC)


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _after(seconds: float) -> str:
    """`next_try` that many seconds from now, rounded up: a Retry-After is never cut short."""
    moment = _now() + datetime.timedelta(seconds=seconds)
    if moment.microsecond:
        moment = moment.replace(microsecond=0) + datetime.timedelta(seconds=1)
    return _iso(moment)


def wants_capture(source: dict) -> bool:
    """A page that answered (or that only our crawler could not see) gets a capture."""
    return snapshots.class_kind(source["live_class"]) == "ok" or source["live_class"] in SAVE_UNSEEN


def recent_memento(db, source_id: int, cutoff: datetime.datetime) -> dict | None:
    """The newest stored memento of the source newer than `cutoff` (no request)."""
    rows = list(db.query(
        "SELECT * FROM snapshots WHERE source_id = ? AND timestamp >= ? ORDER BY timestamp DESC LIMIT 1",
        [source_id, wayback_timestamp(cutoff)],
    ))
    return rows[0] if rows else None


# ---------------------------------------------------------------- enqueueing

def excluded_sites(db) -> dict[int, str]:
    """Sources whose lookup found the site excluded from the archive, with its reason (no request)."""
    return dict(db.execute("SELECT source_id, reason FROM archive_lookups WHERE status = 'blocked'").fetchall())


def due(db, options: QueueOptions, excluded: dict[int, str],
        source_ids: Collection[int] | None = None) -> list[dict]:
    """Sources (of `source_ids`, when given: snapshots.among) that want a capture and have no
    job, a job older than the cutoff, or a job that failed on the archive's trouble whose
    `next_try` has come (`_failed`) (no request); never one on an excluded site (`excluded`,
    as `excluded_sites` reads them): no capture of it would ever show.  A few minutes of Save
    Page Now down must not leave the sources uncaptured until `save_if_older_than` has
    passed, nor a failing one cost captures on every run of a timer."""
    cutoff = _iso(_now() - options.cutoff)
    busy = {row[0] for row in db.execute(
        "SELECT source_id FROM save_jobs WHERE status IN ('queued', 'pending') "
        "OR (updated_at >= ? AND NOT (status = 'failed' AND next_try IS NOT NULL AND next_try <= ?))",
        [cutoff, _iso(_now())])}
    busy |= excluded.keys()
    return [s for s in snapshots.web_sources(db, source_ids) if wants_capture(s) and s["id"] not in busy]


def due_without_recent(db, options: QueueOptions) -> list[dict]:
    """`due` minus sources with a recent memento already stored: what a dry run lists."""
    cutoff = _now() - options.cutoff
    return [s for s in due(db, options, excluded_sites(db)) if recent_memento(db, s["id"], cutoff) is None]


def enqueue(db, wayback: Wayback, options: QueueOptions, progress=None,
            source_ids: Collection[int] | None = None) -> dict:
    """Queue a capture for every due source (of `source_ids`, when given), unless the archive
    already has a recent memento; fail at once the jobs of sources on excluded sites.

    RateLimited, StopRun and ArchiveUnreachable concern the run and are the caller's.
    """
    cutoff = _now() - options.cutoff
    excluded = excluded_sites(db)
    counts = {"save_queued": 0, "save_skipped_recent": 0, "save_excluded": fail_excluded(db, excluded, source_ids)}
    sources = due(db, options, excluded, source_ids)
    for n, source in enumerate(sources, 1):
        counts[_enqueue_one(db, wayback, options, source, cutoff)] += 1
        if progress:
            progress("save: queue", n, len(sources))
    return counts


def _enqueue_one(db, wayback: Wayback, options: QueueOptions, source: dict, cutoff: datetime.datetime) -> str:
    """Store the archive's recent capture of the source if it has one, else queue a capture;
    returns the count it adds to.

    A check the run's stop interrupts still queues the capture, with the reason, due after
    the other jobs: the next run neither checks this source first again nor forgets it.
    """
    note = None
    if recent_memento(db, source["id"], cutoff) is None:
        try:
            found = wayback.captured_since(source["url"], cutoff)
        except Blocked as exc:
            _exclude(db, source, str(exc))
            return "save_excluded"
        except ArchiveError as exc:
            note = f"could not check for a recent capture ({exc})"
            if isinstance(exc, RUN_STOPS):
                _queue(db, source, note, next_try=_after(options.backoff))
                raise
            found = None   # this source's check alone: ask for the capture, the job says how it fares
        if found:
            snapshots.store(db, source["id"], [found], wayback.options.base,
                            snapshots.citation_date(db, source["id"]))
    if recent_memento(db, source["id"], cutoff) is not None:
        return "save_skipped_recent"
    _queue(db, source, note)
    return "save_queued"


def fail_excluded(db, excluded: dict[int, str], source_ids: Collection[int] | None = None) -> int:
    """A failed job, without a request, for each source (of `source_ids`, when given) wanting a
    capture on a site its lookup found excluded (`excluded`: source id -> reason) and whose job
    is not settled yet; returns how many."""
    settled = {row[0] for row in db.execute("SELECT source_id FROM save_jobs WHERE status IN ('done', 'failed')")}
    sources = [s for s in snapshots.web_sources(db, source_ids)
               if s["id"] in excluded and s["id"] not in settled and wants_capture(s)]
    for source in sources:
        _exclude(db, source, excluded[source["id"]])
    return len(sources)


def _queue(db, source: dict, note: str | None = None, next_try: str | None = None) -> None:
    """A queued job for the source, due at `next_try` (now by default); a live job is left as it is.
    A failed job's `rounds` go on while it is coming back (a `next_try` kept: `_failed`), and
    start again once it had given up or was done."""
    now = database.now()
    db.execute(
        """
        INSERT INTO save_jobs (source_id, url, status, attempts, next_try, last_error, created_at, updated_at)
        VALUES (?, ?, 'queued', 0, ?, ?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET status = 'queued', attempts = 0, next_try = excluded.next_try,
            last_error = excluded.last_error, job_id = NULL, url = excluded.url,
            rounds = CASE WHEN save_jobs.status = 'failed' AND save_jobs.next_try IS NOT NULL
                          THEN save_jobs.rounds ELSE 0 END,
            created_at = excluded.created_at, updated_at = excluded.updated_at
        WHERE save_jobs.status IN ('done', 'failed')
        """,
        [source["id"], source["url"], next_try or now, note, now, now],
    )


def _exclude(db, source: dict, reason: str) -> None:
    """The source's job fails at once, no request made: the archive excludes its site."""
    now = database.now()
    db.execute(
        """
        INSERT INTO save_jobs (source_id, url, status, attempts, last_error, created_at, updated_at)
        VALUES (?, ?, 'failed', 0, ?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET status = 'failed', next_try = NULL, job_id = NULL,
            last_error = excluded.last_error, updated_at = excluded.updated_at
        """,
        [source["id"], source["url"], f"not saved, the site is excluded from the archive: {reason}", now, now],
    )


# ---------------------------------------------------------------- processing

def _update(db, row_id: int, **values) -> None:
    values["updated_at"] = database.now()
    db["save_jobs"].update(row_id, values)


def next_job(db, source_ids: Collection[int] | None = None) -> dict | None:
    """The due job (of `source_ids`, when given) that has waited longest (pending first among
    equals): a job that just failed or was stopped has its `next_try` pushed, so it goes after
    the others."""
    where, params = snapshots.among(source_ids)
    rows = list(db.query(
        "SELECT * FROM save_jobs WHERE status IN ('queued', 'pending') AND (next_try IS NULL OR next_try <= ?) "
        f"AND {where} ORDER BY next_try, status = 'pending' DESC, id LIMIT 1", [database.now(), *params]))
    return rows[0] if rows else None


def earliest_wait(db, source_ids: Collection[int] | None = None) -> tuple[float, str | None] | None:
    """Seconds until the next job (of `source_ids`, when given) is due and why it waits (its
    last error: a 429, a failure backing off), or None when the queue is empty."""
    where, params = snapshots.among(source_ids)
    row = db.execute("SELECT next_try, last_error FROM save_jobs WHERE status IN ('queued', 'pending')"
                     f" AND {where} ORDER BY next_try LIMIT 1", params).fetchone()
    if not row or row[0] is None:
        return None
    return max(0.0, (datetime.datetime.fromisoformat(row[0]) - _now()).total_seconds()), row[1]


def process(db, wayback: Wayback, options: QueueOptions, progress=None,
            source_ids: Collection[int] | None = None) -> QueueCounts:
    """Work the queue (the jobs of `source_ids`, when given) until it is empty, or until the
    rest must wait for another run."""
    counts = QueueCounts()
    where, params = snapshots.among(source_ids)
    total = db.execute(f"SELECT COUNT(*) FROM save_jobs WHERE status IN ('queued', 'pending') AND {where}",
                       params).fetchone()[0]
    if total and wayback.options.keys and wayback.spn2_quota() <= 0:
        counts.stopped = "Save Page Now 2 reports no captures left for today: every job stays queued"
        return counts
    in_a_row = 0
    slowed = None   # the 429 the last save met, while no save has been answered since
    while True:
        job = next_job(db, source_ids)
        if job is None:
            due = earliest_wait(db, source_ids)
            if due is None:
                break
            wait, why = due
            if wait > options.retry_after_cap:
                counts.stopped = f"the next save is due in {wait:.0f} s, beyond retry_after_cap: left for the next run"
                break
            wayback.sleep(wait, _waiting_for(wayback, slowed or why))
            continue
        try:
            outcome = work(db, wayback, options, job)
        except RateLimited as exc:
            in_a_row += 1
            counts.rate_limited += 1
            wait = options.retry_after_default if exc.retry_after is None else exc.retry_after
            _hold(db, job, str(exc), next_try=_after(wait))
            slowed = exc
            if in_a_row >= RATE_LIMITED_IN_A_ROW:
                counts.stopped = (f"{in_a_row} answers 429 in a row: stopping saves for this run ({exc}); "
                                  + _when_rate_limited(wayback.options))
                break
            continue
        except (StopRun, ArchiveUnreachable) as exc:
            _hold(db, job, str(exc), may_have_captured=getattr(exc, "unanswered", False),
                  next_try=_after(options.backoff))
            counts.stopped = str(exc)
            break
        in_a_row, slowed = 0, None
        setattr(counts, outcome, getattr(counts, outcome) + 1)
        if progress:
            progress("save", counts.done + counts.failed, total)
    return counts


def uncaptured(db, source_ids: Collection[int] | None = None) -> str | None:
    """One plain line on the live sources (of `source_ids`, when given) the archive has not
    captured yet and a later run asks for again (jobs queued, pending, or failed on the
    archive's trouble with a `next_try` kept, while their source still wants a capture), with
    the last failure and when; None when there are none.  A table showing `saves_failed` alone
    would leave the user to guess whether they are lost."""
    wanted = {s["id"] for s in snapshots.web_sources(db, source_ids) if wants_capture(s)}
    where, params = snapshots.among(source_ids)
    rows = [row for row in db.execute(
        "SELECT source_id, status, next_try, last_error FROM save_jobs WHERE (status IN ('queued', 'pending') "
        f"OR (status = 'failed' AND next_try IS NOT NULL)) AND {where} ORDER BY updated_at DESC, id DESC", params)
        if row[1] != "failed" or row[0] in wanted]
    if not rows:
        return None
    last = next((_cause(error) for *_, error in rows if error), None)
    later = [next_try for _, status, next_try, _ in rows if status == "failed"]
    when = ("the next run asks the archive again" if len(later) < len(rows)
            else f"a run after {min(later).replace('T', ' ')[:19]} UTC asks the archive again")
    return (f"{len(rows)} live source{'s' if len(rows) > 1 else ''} not captured yet"
            + (f" (the last failure: {last})" if last else "") + f": {when}")


def _cause(error: str) -> str:
    """A job's last error up to what a stop made of it ("…; 3 capture requests in a row …"):
    the stop has its own line.  A parenthesis the cut leaves open is closed."""
    cause = error.split("; ")[0]
    return cause + ")" * (cause.count("(") - cause.count(")"))


def _waiting_for(wayback: Wayback, cause: RateLimited | str | None) -> str:
    """What the queue waits for when no job is due yet: the archive's 429, or the earliest
    job's backoff after its last failure (`cause`, its last error)."""
    if isinstance(cause, RateLimited):
        return f"the archive ({wayback.save_gate.netloc}) asked us to slow down ({cause})"
    return f"the next save is due then (its last try: {cause})" if cause else "the next save is due then"


def _when_rate_limited(options: WaybackOptions) -> str:
    """What to do after the saves stopped on 429s: every job stays queued, so the stage only
    needs running again once the archive takes requests; a stop on every run says the save
    rate is more than the archive takes from this address, so the setting is named as
    `citewatch settings` lists it (the one for anonymous saves, or the one with IA keys)."""
    setting = setting_named("save_per_minute_keys" if options.keys else "save_per_minute")
    rate = f"{options.saves_per_minute:g} a minute" if options.saves_per_minute > 0 else "0, no limit"
    return (f"every job stays queued: run `{ARCHIVE.command}` again later, or if this happens on every run "
            f"lower {setting.name} (now {rate}; {setting.env_var})")


def _hold(db, job: dict, reason: str, may_have_captured: bool = False, **values) -> None:
    """Leave the job a run-level stop or a 429 interrupted for later, settled ones untouched.

    It stays pending (the CDX is looked at before asking again) when a capture of it may
    exist: it was pending before this step, or it holds an SPN2 job id, or the stop came
    from its own capture request going unanswered (`may_have_captured`: the step marks the
    job pending before the request leaves); else (a 429, a refused connection: nothing was
    captured) it is queued.  A `next_try` never comes sooner than the one the step's own
    failure set.
    """
    row = db["save_jobs"].get(job["id"])
    if row["status"] in ("done", "failed"):
        return
    if row["next_try"] and values.get("next_try"):
        values["next_try"] = max(values["next_try"], row["next_try"])
    pending = job["status"] == "pending" or row["job_id"] or (may_have_captured and row["status"] == "pending")
    status = "pending" if pending else "queued"
    _update(db, job["id"], status=status, last_error=reason, **values)


def work(db, wayback: Wayback, options: QueueOptions, job: dict) -> str:
    """One step of one job; returns 'done', 'failed' or 'retried' (back in the queue after a backoff).

    RateLimited, StopRun and ArchiveUnreachable concern the run and are the caller's; any
    other failure, of the capture request or of a CDX re-check, is this job's.
    """
    try:
        return _step(db, wayback, options, job)
    except RUN_STOPS:
        raise
    except Blocked as exc:
        return _failed(db, job, str(exc), final=True)
    except SaveRefused as exc:
        return _failed(db, job, str(exc), final=exc.status_ext.startswith(PERMANENT), options=options)
    except ArchiveError as exc:  # a 5xx, a timeout or an answer we cannot use (4xx): retried, then failed
        return _failed(db, job, str(exc), options=options, trouble=isinstance(exc, ArchiveUnavailable))


def _step(db, wayback: Wayback, options: QueueOptions, job: dict) -> str:
    """Look for a capture a previous attempt may have made, else ask for one."""
    if (job["status"] == "pending" and not job["job_id"]) or (job["status"] == "queued" and job["attempts"]):
        # Killed mid-request, or an earlier attempt timed out: that capture may have been
        # made since; look before asking again, so no URL is saved twice.
        found = wayback.captured_since(job["url"], datetime.datetime.fromisoformat(job["created_at"]) - CLOCK_SLACK)
        if found:
            return _done(db, job, found, wayback, note=job["last_error"] and f"{job['last_error']}; the capture exists in the CDX")
        job = dict(job, status="queued")
    since = _now()
    try:
        if job["status"] == "pending":
            memento = wayback.spn2_result(job["job_id"])
        else:
            _update(db, job["id"], status="pending", job_id=None)
            if wayback.options.keys:
                spn2_job = wayback.spn2_submit(job["url"])
                _update(db, job["id"], job_id=spn2_job)
                memento = wayback.spn2_result(spn2_job)
            else:
                memento = wayback.save(job["url"])
    except ArchiveUnreachable:
        raise
    except ArchiveUnavailable as exc:
        return _recheck(db, wayback, options, job, since, exc)
    return _done(db, job, memento, wayback)


def _recheck(db, wayback: Wayback, options: QueueOptions, job: dict, since: datetime.datetime,
             cause: ArchiveUnavailable) -> str:
    """A capture request that timed out or met a 5xx often made the capture: done when the CDX
    shows it, else a failed attempt (the next attempt looks in the CDX again before asking)."""
    try:
        found = wayback.captured_since(job["url"], since - CLOCK_SLACK)
    except RUN_STOPS:
        _failed(db, job, str(cause), options=options, trouble=True)   # counted before the run stops: the next attempt looks first
        raise
    if found:
        wayback.saved_after_all()
        return _done(db, job, found, wayback, note=f"{cause}; the capture exists in the CDX")
    return _failed(db, job, str(cause), options=options, trouble=True)


def _done(db, job: dict, memento: Memento, wayback: Wayback, note: str | None = None) -> str:
    """Keep the capture the archive made and close its job, in one transaction: a failure
    between them left the memento stored and the job open, to be asked of the archive again."""
    if not memento.original:
        memento = Memento(memento.timestamp, job["url"], memento.status)
    source_id = job["source_id"]
    with database.write_transaction(db):
        snapshots.store(db, source_id, [memento], wayback.options.base, snapshots.citation_date(db, source_id),
                        saved=True)
        _update(db, job["id"], status="done", next_try=None, rounds=0, memento_url=memento.url(wayback.options.base),
                last_error=note)
    return "done"


def _failed(db, job: dict, reason: str, final: bool = False, options: QueueOptions | None = None,
            trouble: bool = False) -> str:
    """Count the attempt; fail after the last one, else come back after a backoff.

    A job `final`ly refused (the site excluded, a permanent SPN2 error) fails at once.  A
    failed job waits for `save_if_older_than`, unless it ran out of attempts on the archive's
    `trouble` (a 5xx, a timeout: no capture was made, and the archive may be back soon):
    that one keeps a `next_try`, `ROUND_STEP` on, doubled each round, for the first run after
    it (`due`), and gives up after `SAVE_ROUNDS` rounds.  A refusal (a 4xx, an SPN2 error)
    would only be refused again."""
    attempts = job["attempts"] + 1
    if final or options is None or attempts >= options.max_attempts:
        rounds = job["rounds"] + 1 if trouble and not final else job["rounds"]
        again = trouble and not final and rounds < SAVE_ROUNDS
        _update(db, job["id"], status="failed", attempts=attempts, rounds=rounds, job_id=None,
                next_try=_after((ROUND_STEP * 2 ** (rounds - 1)).total_seconds()) if again else None,
                last_error=f"{reason} (after {attempts} attempt{'s' if attempts > 1 else ''})")
        return "failed"
    wait = options.backoff * 2 ** (attempts - 1)
    _update(db, job["id"], status="queued", attempts=attempts, job_id=None, last_error=reason,
            next_try=_after(wait))
    return "retried"
