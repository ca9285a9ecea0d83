"""A source's state — live, failing, dead, blocked, unknown — earned over checks, not one fetch.

Each crawl gives a source one *check* (the class of its deciding fetch).  The state
follows InternetArchiveBot's rule: a rotten check makes the source `failing`; it is
`dead` only after `dead_after_checks` failing checks at least `dead_after_days` apart
(less a quarter hour: a schedule's runs do not start to the second) with no live or
uncertain check between (any such check resets the count), except a rate limit (the site
asked to wait), which leaves the state and the count as they were.  So a single run never
makes a source dead.  The checks that led to the state are kept in
`sources.checks`, each with whether it counted when it was recorded (`counts`: a reset
starts a new count after it and never rewrites the flags before it); each deciding fetch
keeps the state it left and the rule in force (`fetches.state_after`), which the history
reads back.  A changed rule applies from the next check on: it never re-judges the past,
and a dead source stays dead until a check says otherwise (a further failing check under a
stricter rule is no sign of life).  `next_check` says when a scheduled crawl looks again:
one recheck interval after the check's crawl began (or after the source was due, for a run that
picked it up a little early), less a slack of a quarter hour (`due_again`), so that a run started
one interval after the last re-checks what that one checked.  A recheck interval shortened in the
settings since counts at once, a lengthened one from the next check (`due_at`).

A check may ask to be confirmed (`confirm`: answers in a row needed): the tweet-embed
(syndication) endpoint's 404 only counts when the next check repeats it.  Once a tweet's
source has syndication checks, its state comes from them: a logged-out fetch of its page
(a login wall, or an offline crawl's error) is kept in the checks but changes nothing.
However many of those come, they never push the syndication checks out of the list
(`_trimmed`: the checks that changed nothing are the first to go).

A crawl in which every source failed at the network level (DNS, connection, timeout),
those refused before any request left out, while no canary host (`network_canaries`)
can be reached either says nothing about the pages: the machine was offline.  (All
failing alone is not enough: a recheck of a few dead hosts fails the same way with the
web up, and those failures must count.)  A check of a network class therefore keeps a
snapshot of the state fields it replaced (`prior`), and when the crawl finishes offline
`withdraw_offline_checks` puts them back; the check stays in `sources.checks`, ignored,
with the reason (`withdrawn`), and the crawls row is marked `offline`.  The decision is
taken when the crawl is finished (every way of running one ends in `finish_crawl`), as
only then is the whole crawl known, a resumed one included; `next_state` itself stays pure.

Also here: the crawls rows (open, resume, finish), which sources are due, and the hosts that
asked to wait beyond a crawl's Retry-After cap (`host_quiet`), whose sources a crawl leaves due.
"""

from __future__ import annotations

import datetime
import json
from typing import Any, Collection, Mapping
from urllib.parse import urlsplit

from archive.polite import RETRY_AFTER_MOST
from crawler.classify import CLASSES
from crawler.config import human_duration, parse_duration
from crawler.resolve import crawl_pins, network_reachable
from db import now, stored_json

KEEP_CHECKS = 10
# How much earlier than one interval after its crawl began a source is due again (`due_again`),
# and how much shorter than dead_after_days the spacing of counted failing checks may be (`next_state`):
# a run that starts a little earlier in its minute than the last, or reaches the source sooner in its crawl.
RECHECK_SLACK = 15 * 60
# Failures of the network path rather than answers of the site: a crawl where every source
# ends in one of these may have run offline (finish_crawl then asks the canary hosts).
NETWORK_CLASSES = frozenset({"dns-failure", "connection-error", "timeout"})
# Decided before any request is sent (the scheme, a private address): no sign of the network
# either way.  blocked-by-robots is not one: it needs robots.txt's answer (a robots.txt that
# cannot be fetched allows the fetch), so it says the network was there.
UNSENT_CLASSES = frozenset({"refused"})
# The site asked us to wait (a 429 beyond the Retry-After cap): nothing is known about the
# page, so the source keeps its state and failing count (a reset would hide rot that a site
# rate-limiting every other check has, a failing state would fake it).
WAIT_CLASSES = frozenset({"rate-limited"})
OFFLINE_REASON = "the network seemed unreachable during this crawl; not evidence about the page"
# The source fields a check changes and an offline crawl's withdrawal puts back.
_PRIOR_FIELDS = ("state", "state_reason", "state_since", "failing_checks", "first_failed")
# Strong evidence of rot: these are told apart from a single timeout in reports.  dns-failure
# is a name the name servers say does not exist (NXDOMAIN); a lookup that did not finish
# (EAI_AGAIN: SERVFAIL, no answer) is classed connection-error, a hiccup (crawler/classify.py),
# so every writer of checks and the history's replay judge it alike from the class alone.
_STRONG = {"client-error", "dns-failure", "soft-404", "redirected-to-root", "redirect-loop", "post-not-found"}


def _parse(ts: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(ts)


def evidence_strength(cls: str) -> str:
    """'strong' for answers that say the page is gone (404/410, NXDOMAIN …), 'weak' for hiccups."""
    return "strong" if cls in _STRONG else "weak"


def next_state(previous: dict[str, Any], check: dict[str, Any], dead_after_checks: int,
               dead_after_days: float, can_die: bool = True) -> dict[str, Any]:
    """The source's new state fields after one check (pure: tests drive it with dates).

    `previous` has state, failing_checks and checks (list, oldest first); `check` has
    at (ISO time), class, attempt, crawl_id, fetch_id, reason (and optionally `via`, and
    `confirm`: the answers in a row a rot check needs to count).  `can_die` is False for
    social platforms: what they show logged-out visitors is never evidence of death.
    """
    cls = check["class"]
    kind = CLASSES[cls][0]
    checks = list(previous.get("checks") or [])
    if check.get("via") != "syndication" and any(c.get("via") == "syndication" for c in checks):
        return _kept(previous, checks, {**check, "kind": kind}, previous.get("state_reason"))
    if cls in WAIT_CLASSES:
        state = previous.get("state") or "unknown"
        reason = check["reason"] if state == "unknown" else f"{check['reason']}; still {state} by the earlier checks"
        return _kept(previous, checks, {**check, "kind": kind}, reason)
    needed = int(check.get("confirm") or 1)
    seen = _repeats(checks, cls) + 1
    if kind == "rot" and seen < needed:  # an unconfirmed negative: uncertain until repeated
        entry = {**check, "kind": kind, "counts": False, "strength": evidence_strength(cls), "confirmed": False}
        return {"state": "unknown", "state_reason": f"{check['reason']} ({seen} of {needed} checks)",
                "failing_checks": 0, "checks": _trimmed(checks + [entry])}
    counted = _last_counted(checks)
    counts = False
    if kind == "rot":
        last = checks[counted]["at"] if counted is not None else None
        counts = last is None or _apart(last, check["at"], dead_after_days * 86400)
        failing = int(previous.get("failing_checks") or 0) + (1 if counts else 0)
    else:
        failing = 0
    entry = {**check, "kind": kind, "counts": counts, "strength": evidence_strength(cls) if kind == "rot" else None}
    checks = _trimmed(checks + [entry])
    if kind == "ok":
        state, reason = "live", check["reason"]
    elif kind == "rot":
        strength = evidence_strength(cls)
        if previous.get("state") == "dead" and can_die:  # declared under the rule then in force
            # (not "dead: N checks at least D days apart": the count may have been made under
            # another rule, N checks minutes apart under dead_after_days 0)
            state = "dead"
            reason = f"still dead ({failing} failing check{'s' if failing != 1 else ''} counted): {check['reason']}"
        elif failing >= dead_after_checks and can_die:
            state = "dead"
            reason = f"dead: {failing} failing checks {_spaced(dead_after_days)} ({_with_class(cls, check['reason'])})"
        else:
            state = "failing"
            reason = f"failing ({failing} check{'s' if failing != 1 else ''}, {strength} evidence): {check['reason']}"
            if needed > 1:
                reason += f" (confirmed by {seen} checks in a row)"
    elif cls == "blocked":
        state, reason = "blocked", check["reason"]
    else:
        state, reason = "unknown", check["reason"]
    return {"state": state, "state_reason": reason, "failing_checks": failing, "checks": checks}


def _with_class(cls: str, reason: str) -> str:
    """The check's reason headed by its class, once: many reasons say it themselves
    ("soft-404: the page's title says …"), and "soft-404: soft-404: …" reads as a stutter."""
    return reason if reason.startswith(f"{cls}:") else f"{cls}: {reason}"


def _kept(previous: dict[str, Any], checks: list[dict[str, Any]], entry: dict[str, Any],
          reason: str | None) -> dict[str, Any]:
    """The state fields as they were, the check kept in the list but ignored: it neither
    counts nor resets the count, nor breaks a run of answers waiting to be confirmed."""
    entry = {**entry, "counts": False, "strength": None, "ignored": True}
    return {"state": previous.get("state") or "unknown", "state_reason": reason,
            "failing_checks": int(previous.get("failing_checks") or 0), "checks": _trimmed(checks + [entry])}


def _trimmed(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The checks kept (KEEP_CHECKS at most): the newest always, and the checks `next_state`
    reads again (the last counted one, whose date the next failing check must be
    dead_after_days past, and the last syndication check, which makes a tweet's logged-out
    page checks ignored); over the limit, the ignored checks (which changed nothing: a
    logged-out page after syndication checks, a rate limit, an offline crawl's) go first,
    oldest first, and only then the oldest of the others.

    Plain "the latest ten" let ten logged-out fetches of a tweet's page push out every
    syndication check, and with them the rule that ignores such fetches, so the next login
    wall reset a dead tweet to unknown; and ten failing checks sooner than dead_after_days
    apart pushed out the one that counted, so the eleventh counted again (dead_after_days
    30, checked daily: dead in 20 days).  Keeping the evidence before the ignored checks also
    keeps the run `_repeats` confirms for a web page behind a run of rate limits.
    """
    excess = len(checks) - KEEP_CHECKS
    if excess <= 0:
        return checks
    needed = {len(checks) - 1, _last_counted(checks), _last(checks, lambda c: c.get("via") == "syndication")}
    older = [i for i in range(len(checks)) if i not in needed]
    ignored = [i for i in older if checks[i].get("ignored")]
    gone = set((ignored + [i for i in older if i not in ignored])[:excess])
    return [c for i, c in enumerate(checks) if i not in gone]


def _last(checks: list[dict[str, Any]], wanted) -> int | None:
    """The index of the newest check `wanted` says yes to, or None."""
    return next((i for i in range(len(checks) - 1, -1, -1) if wanted(checks[i])), None)


def _last_counted(checks: list[dict[str, Any]]) -> int | None:
    """The index of the newest check that counted toward dead since the count was last reset,
    or None.  A live or uncertain check, or a negative not confirmed yet, resets the count: the
    checks before it keep their `counts` (what they were when recorded, the history), but the
    next failing check need not be dead_after_days past them."""
    last = _last(checks, lambda c: c.get("counts") or _resets(c))
    return last if last is not None and checks[last].get("counts") else None


def _resets(check: dict[str, Any]) -> bool:
    """True for a check that reset the count toward dead: one not ignored that is no rot, or
    a negative waiting to be confirmed."""
    if check.get("ignored"):
        return False
    return check.get("confirmed") is False or CLASSES.get(check.get("class"), ("uncertain",))[0] != "rot"


def _repeats(checks: list[dict[str, Any]], cls: str) -> int:
    """How many of the latest checks (ignored ones skipped) are of class `cls`, in a row."""
    run = 0
    for c in reversed(checks):
        if c.get("ignored"):
            continue
        if c.get("class") != cls:
            break
        run += 1
    return run


def sent(classes: dict[str, int]) -> dict[str, int]:
    """A crawl's sources per class, less those refused before any request: only the sent
    ones tell whether the network answered."""
    return {c: n for c, n in classes.items() if n and c not in UNSENT_CLASSES}


def seemed_offline(classes: dict[str, int]) -> bool:
    """True when a crawl's sources (per class) all failed at the network level, those
    refused without a request left out (then `finish_crawl` asks the canary hosts whether
    the machine was offline).  A crawl of refusals alone sent nothing: not offline."""
    fetched = sent(classes)
    return bool(fetched) and all(c in NETWORK_CLASSES for c in fetched)


def offline_crawls(db) -> set[int]:
    """The crawls run offline (`finish_crawl` withdrew their checks): histories and rot
    rates read their checks as saying nothing about the pages."""
    return {crawl_id for (crawl_id,) in db.execute("select id from crawls where offline = 1")}


def _apart(earlier: str, later: str, spacing: float) -> bool:
    """Whether two failing checks are `spacing` seconds apart, less the slack a scheduled run
    has (`recheck_slack`, a quarter hour at most): a run that picked the source up inside the
    slack of its due time, or reached it up to that much sooner in its crawl than the run
    `spacing` before did, is a check of the same schedule, not one that delays "dead" by a
    day.  The checks' own times are compared, not their crawls' starts: a source reached
    more than the slack sooner in its crawl (40th in a long crawl, then 1st) is not counted,
    and "dead" comes one run later."""
    return (_parse(later) - _parse(earlier)).total_seconds() >= spacing - recheck_slack(spacing)


def _spaced(dead_after_days: float) -> str:
    """How far apart the counted checks are, as `_apart` measures it: the slack said, since
    it may make three checks "3 days apart" 3 days less a quarter hour apart."""
    slack = recheck_slack(dead_after_days * 86400)
    return f"at least {dead_after_days:g} days apart" + (f" (less {human_duration(slack)})" if slack else "")


def recheck_after(config, state: str) -> float:
    """Seconds until a scheduled crawl checks a source in `state` again."""
    setting = {"live": config["recheck_live"], "dead": config["recheck_dead"]}.get(state, config["recheck_failing"])
    return parse_duration(setting)


def can_die(kind: str, via: str | None = None) -> bool:
    """A social page fetched logged-out never dies; a tweet the syndication endpoint denies can."""
    return kind not in ("twitter", "facebook") or via == "syndication"


def due_again(check: dict[str, Any], after: float, started_at: str | None, due_before: str | None) -> str:
    """When a scheduled crawl looks at the source again (`next_check`): `after` seconds from
    when the interval counts (`interval_from`), less a slack (`recheck_slack`)."""
    return _due(interval_from(check, after, started_at, due_before), after)


def interval_from(check: dict[str, Any], after: float, started_at: str | None,
                  due_before: str | None) -> datetime.datetime:
    """When a check's recheck interval (`after` seconds) counts from: the start of the check's
    crawl (`started_at`), so a cron line starting every run at the same minute re-checks at
    each run what the run one interval before checked, whatever its start-up took or however
    far into the crawl the check came.

    A run that picked the source up early, inside the slack of its last `next_check`
    (`due_before`), counts from the time it was due, not from its own start: runs every few
    minutes would otherwise check it up to a slack earlier each interval.  A check written a
    slack short of `after` or later after its crawl began (a resumed crawl, a crawl longer
    than a short interval), or one of no known crawl, counts from the check itself, lest its
    source be due again at once.  Kept with the check (`record_check`), so that an interval
    configured later counts from the same moment (`due_at`).
    """
    at = _parse(check["at"])
    slack = recheck_slack(after)
    start = _parse_or(started_at, at)
    if not datetime.timedelta(0) <= at - start < datetime.timedelta(seconds=after - slack):
        start = at
    due = _parse_or(due_before, None)
    if due is not None and due <= start < due + datetime.timedelta(seconds=slack):
        start = due + datetime.timedelta(seconds=slack)
    return start


def _due(start: datetime.datetime, after: float) -> str:
    """`after` seconds from `start`, less the slack (`recheck_slack`), as the database writes a time."""
    return (start + datetime.timedelta(seconds=after - recheck_slack(after))).isoformat(timespec="seconds")


def due_at(next_check: str | None, state: str | None, last_check: dict[str, Any] | None,
           config: Mapping[str, Any] | None) -> str | None:
    """When a scheduled crawl looks at a source again under the recheck intervals configured
    now (`config`: the settings' values; None: the stored `next_check` alone): its stored
    `next_check`, or one interval now configured for its state after its last check counted
    from (`interval_from`, less the slack), whichever comes first.  None: due at once.

    A shortened interval so takes effect at once: an operator who sets recheck_live to 1d
    after weeks of 7d expects tonight's run to re-check what was checked a day ago, not a
    week after each source's last check.  A lengthened one takes effect from each source's
    next check: the stored time was set under the interval then in force and is kept as a
    promise, so that lengthening never hides a source already due, nor one an offline crawl
    gave back (`withdraw_offline_checks`: due at once).  A last check recorded before its
    `interval_from` was kept counts from the check's own time (at most its crawl's length
    later).  This is the one place the due rule is applied (`due_sources`, `next_due`).
    """
    if next_check is None or config is None or not last_check:
        return next_check
    start = _utc_or_none(last_check.get("interval_from")) or _utc_or_none(last_check.get("at"))
    if start is None:
        return next_check
    configured = _due(start, recheck_after(config, recheck_state(state, last_check.get("class"))))
    return min(next_check, configured, key=_parse_or_min)


def _utc_or_none(ts) -> datetime.datetime | None:
    """A stored time, one of no zone read as UTC (the database's zone, as SQLite's julianday reads
    it in `_crawled`'s filter), or None when it is no time at all."""
    try:
        moment = _parse(ts)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.timezone.utc)


def recheck_state(state: str | None, cls: str | None) -> str:
    """The state whose recheck interval applies after a check of class `cls` left `state`: a
    rate limit checked nothing, so the source is looked at again as soon as a failing one
    would, whatever the state it kept.  A class that is no text (a hand-edited `sources.checks`
    holding a list or an object there) is none of them: the source keeps its state's interval,
    as `_RECHECK_STATE` gives it in SQL, and the report, `status` and the due list go on."""
    return "failing" if isinstance(cls, str) and cls in WAIT_CLASSES else state or "unknown"


def recheck_slack(after: float) -> float:
    """How much earlier than `after` seconds a source is due again (RECHECK_SLACK, a tenth of
    `after` when that is less)."""
    return min(RECHECK_SLACK, after / 10)


def _parse_or(ts: str | None, default):
    """`ts` as a time, or `default` when there is none or it is written otherwise (a date alone, no zone)."""
    try:
        moment = _parse(ts)
    except (TypeError, ValueError):
        return default
    return moment if moment.tzinfo is not None else default


def stored_checks(value) -> list[dict[str, Any]]:
    """A `sources.checks` column's checks: its entries that are objects, none when it is no JSON
    list (a hand-edited or damaged row: `[` cut short, a number, an object).  A check that cannot
    be read is no check kept: the state, its count and the fetches rows (the history) stay, and
    the crawl, the report and `status` go on rather than stop at that source."""
    return [entry for entry in stored_json(value, list) or () if isinstance(entry, dict)]


def record_check(db, source_id: int, check: dict[str, Any], config: dict) -> dict[str, Any]:
    """Apply one check to the source row (inside the caller's transaction); return the new state.

    A check of a network class keeps the fields it replaces (`prior`): if its crawl turns out
    to have been offline, `withdraw_offline_checks` restores them.  The deciding fetch keeps
    the state the check left and the rule it was judged by (`fetches.state_after`): the
    history reads them back rather than judge the check again under a later rule.

    The check's time is its deciding fetch's start (`fetches.started_at`) when it names one that
    has it, not the moment the caller wrote it (`check["at"]`, seconds later in a busy crawl):
    the state's change (`state_since`, the history's `dead_since`) then has the time of the
    check that decided it, as the history's `first_dead` and its events, read from the fetches,
    have.  `next_check` still counts from the crawl's start (`due_again`).
    """
    row = db.execute(
        "select state, state_since, failing_checks, checks, kind, state_reason, first_failed, next_check, "
        "(select started_at from crawls where id = ?), (select started_at from fetches where id = ?) "
        "from sources where id = ?", [check.get("crawl_id"), check.get("fetch_id"), source_id],
    ).fetchone()
    check = {**check, "at": row[9] or check["at"]}
    previous = {"state": row[0], "failing_checks": row[2], "checks": stored_checks(row[3]), "state_reason": row[5]}
    rule = {"dead_after_checks": int(config["dead_after_checks"]), "dead_after_days": float(config["dead_after_days"])}
    new = next_state(previous, check, *rule.values(), can_die=can_die(row[4], check.get("via")))
    if check["class"] in NETWORK_CLASSES:
        new["checks"][-1]["prior"] = dict(zip(_PRIOR_FIELDS, (row[0], row[5], row[1], row[2], row[6])))
    at = check["at"]
    kind = CLASSES[check["class"]][0]
    after = recheck_after(config, recheck_state(new["state"], check["class"]))
    start = interval_from(check, after, row[8], row[7])
    new["checks"][-1]["interval_from"] = start.isoformat(timespec="seconds")   # for an interval changed later (due_at)
    next_check = _due(start, after)
    db.execute(
        """update sources set state = ?, state_reason = ?, state_since = ?, failing_checks = ?, checks = ?,
           last_live = case when ? then ? else last_live end,
           first_failed = case when ? then coalesce(first_failed, ?) when ? then null else first_failed end,
           next_check = ? where id = ?""",
        [new["state"], new["state_reason"], at if new["state"] != row[0] else (row[1] or at),
         new["failing_checks"], json.dumps(new["checks"]),
         kind == "ok", at, kind == "rot", at, kind == "ok", next_check, source_id],
    )
    if check.get("fetch_id"):
        after = {"state": new["state"], "failing_checks": new["failing_checks"], **rule}
        db.execute("update fetches set state_after = ? where id = ?", [json.dumps(after), check["fetch_id"]])
    return new


def withdraw_offline_checks(db, crawl_id: int) -> int:
    """Take back this crawl's checks as evidence (the network seemed unreachable throughout).

    Each source whose latest checks belong to the crawl gets back the fields it had before
    them (from the earliest one's `prior`) and is due again now; the checks stay, ignored,
    with the reason (so none resets the count of the checks before them).  The fetches rows
    are untouched.
    Runs inside the caller's transaction; doing it twice changes nothing.  Returns how many
    sources were restored.
    """
    restored = 0
    sources = db.execute(
        "select id, checks from sources where id in (select source_id from fetches "
        "where crawl_id = ? and purpose = 'live' and final = 1)", [crawl_id]).fetchall()
    for source_id, stored in sources:
        checks = stored_checks(stored)
        start = len(checks)
        while start and checks[start - 1].get("crawl_id") == crawl_id and "withdrawn" not in checks[start - 1]:
            start -= 1
        if start == len(checks) or "prior" not in checks[start]:
            continue  # nothing of this crawl left to withdraw (or recorded before checks kept a prior)
        prior = checks[start]["prior"]
        earlier = checks[:start]
        withdrawn = [{**{k: v for k, v in c.items() if k != "prior"}, "counts": False, "ignored": True,
                      "withdrawn": OFFLINE_REASON} for c in checks[start:]]
        db.execute(
            f"update sources set {', '.join(f'{f} = ?' for f in _PRIOR_FIELDS)}, checks = ?, next_check = ? where id = ?",
            [*(prior[f] for f in _PRIOR_FIELDS), json.dumps(earlier + withdrawn), now(), source_id])
        restored += 1
    return restored


# --- crawls -------------------------------------------------------------------------


# A crawls row's spider (SQL): the archive and resolve stages' Scrapy runs name theirs in their
# settings (`mementos`, `posts`); the crawl stage's rows name none, a plain `scrapy crawl
# sources` names `sources`.
CRAWL_SPIDER = ("coalesce(case when json_valid(settings) then json_extract(settings, '$.spider') end, "
                "'sources')")


# A crawls row worth counting (SQL, on `crawls`): any archive or resolve run, and a crawl of
# the sources that fetched something.  One that fetched nothing (nothing was due) is no crawl
# of the cited sources: the crawl stage opens none (crawler/crawl.py), but older databases,
# a distributed coordinator and a plain `scrapy crawl sources` may hold such rows.
COUNTED_CRAWL = (f"({CRAWL_SPIDER} != 'sources' or exists "
                 "(select 1 from fetches where fetches.crawl_id = crawls.id))")


def unfinished_crawl(db, spider: str = "sources") -> int | None:
    """The id of the newest crawl of `spider` left running or interrupted (killed, stopped),
    which the next crawl resumes, or None."""
    row = db.execute(
        f"select id from crawls where status in ('running', 'interrupted') and {CRAWL_SPIDER} = ? "
        "order by id desc limit 1", [spider]).fetchone()
    return row[0] if row else None


def open_crawl(db, settings: dict[str, Any], scheduled: bool = False, resume: bool = True) -> tuple[int, bool]:
    """The crawl to work in: an unfinished one of the same spider (status running or
    interrupted) is resumed, unless `resume` is False (a crawl limited to some sources: a new
    one); a killed round of the archive's or the resolve stage's fetches
    (`settings["spider"]`: mementos, posts) is never taken for a crawl of the sources, nor
    the other way round.

    Returns (crawl id, resumed).  An unfinished crawl is taken to be no other process's:
    the crawl stage calls this holding the database's crawl lock (db/lock.py), which keeps
    a second crawl out; a plain `scrapy crawl` outside citewatch takes no lock.
    """
    unfinished = unfinished_crawl(db, settings.get("spider") or "sources") if resume else None
    if unfinished is not None:
        db.execute("update crawls set status = 'running' where id = ?", [unfinished])
        return unfinished, True
    cursor = db.execute(
        "insert into crawls (started_at, status, scheduled, settings) values (?, 'running', ?, ?)",
        [now(), int(scheduled), json.dumps(settings)],
    )
    return cursor.lastrowid, False


def outcomes(db, crawl_id: int) -> dict[str, int]:
    """Sources per class in this crawl (the deciding attempt of each)."""
    rows = db.execute(
        "select class, count(*) from fetches where crawl_id = ? and purpose = 'live' and final = 1 group by class",
        [crawl_id],
    ).fetchall()
    return dict(rows)


def finish_crawl(db, crawl_id: int, status: str = "finished", values: dict[str, Any] | None = None) -> None:
    """Close the crawls row (inside the caller's transaction).

    A crawl finished with every source failed at the network level, while no canary host
    answers either (`values`: the configuration's network_canaries and resolve_hosts), was
    run offline: its checks are withdrawn and the row is marked `offline`.  Every way of
    running a crawl (the crawl stage, plain `scrapy crawl`, a cluster's collector) ends here.
    Sources that are really gone (every one NXDOMAIN while the web answers) still count.
    """
    offline = (status == "finished" and values is not None and seemed_offline(outcomes(db, crawl_id))
               and not network_reachable(list(values.get("network_canaries") or []),
                                         crawl_pins(values)))
    if offline:
        withdraw_offline_checks(db, crawl_id)
    db.execute("update crawls set status = ?, finished_at = ?, offline = ? where id = ?",
               [status, now(), int(offline), crawl_id])


def _crawled_kinds(social: bool) -> str:
    """The kinds of source a crawl fetches (SQL): web pages, and X/Twitter and Facebook pages
    unless `social` is off."""
    return "('web', 'twitter', 'facebook')" if social else "('web')"


def next_due(db, social: bool = True, config: Mapping[str, Any] | None = None) -> str | None:
    """When the first of the sources a crawl fetches is due again (`due_at` under `config`), or
    None when there is none: what a crawl that found nothing due says.  The earliest of the
    stored times and, for each interval, of the last checks it counts from: a few rows of SQL
    aggregates, not every source read (`due_at` is a minimum of the two, so is the earliest)."""
    kinds = _crawled_kinds(social)
    stored = db.execute(f"select next_check from sources where url is not null and kind in {kinds} "   # as times, not text
                        f"and next_check is not null order by {_ODD_TIME.format('next_check')} desc, "
                        "julianday(next_check) limit 1").fetchone()
    stored = stored[0] if stored else None
    times = [stored] if stored else []
    if config is not None:
        for state, start in db.execute(f"""
                select {_RECHECK_STATE}, strftime('%Y-%m-%dT%H:%M:%S+00:00', min({_LAST_START}))
                from sources where url is not null and kind in {kinds} and next_check is not null
                group by 1"""):
            if (moment := _parse_or(start, None)) is not None:
                times.append(_due(moment, recheck_after(config, state or "unknown")))
    return min(times, key=_parse_or_min) if times else None


def due_sources(db, crawl_id: int | None, everything: bool = False, limit: int | None = None,
                social: bool = True, source_ids: Collection[int] | None = None,
                config: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Sources to fetch in this crawl: web sources (and X/Twitter and Facebook pages unless
    `social` is off) due for a check (`due_at` under `config`, the settings' values: a
    recheck interval shortened since the last check counts; None: the stored next_check
    alone) with no outcome in this crawl yet (crawl_id None: a crawl not opened yet, which
    has none); among `source_ids` only when given (`citewatch check`'s own list:
    crawler/run.py `Scope`), so an empty collection is none, never all.  `limit` cuts the list
    this crawl works; other readers (whether anything is due at all, the hosts kept quiet) ask
    for the whole list, so a cap on the crawl's size belongs to the crawl, never in here."""
    moment = now()
    due = [{"id": row[0], "url": row[1], "kind": row[2]}
           for row in _crawled(db, social, crawl_id, source_ids, None if everything else moment, config)
           if everything or (at := _due_at(row, config)) is None or _parse_or_min(at) <= _parse(moment)]
    return due[:limit] if limit else due


# --- hosts that asked to wait ------------------------------------------------------------


def keep_host_quiet(db, host: str, not_before: float) -> None:
    """Store that the host name `host` takes no request before `not_before` (a Unix time: the
    end of a Retry-After beyond retry_after_cap, or of a 429's hold a stop cut short), for the
    next crawls (`quiet_hosts`); crawler/middlewares/retries.py `BrowserRetryMiddleware` says when.
    Never moved earlier than a time already kept (a later, shorter Retry-After does not undo a
    longer one), nor later than `RETRY_AFTER_MOST` from now (a longer one would hold the host
    for years); a stored one further ahead (the clock has gone back) is replaced."""
    moment = datetime.datetime.now(datetime.timezone.utc)
    most = (moment + datetime.timedelta(seconds=RETRY_AFTER_MOST)).isoformat(timespec="seconds")
    until = datetime.datetime.fromtimestamp(not_before, datetime.timezone.utc).isoformat(timespec="seconds")
    db.execute("insert into host_quiet (host, not_before, set_at) values (?, min(?, ?), ?) "
               "on conflict (host) do update set not_before = case when not_before > ? "
               "then excluded.not_before else max(not_before, excluded.not_before) end, set_at = excluded.set_at",
               [host.lower(), until, most, now(), most])


def quiet_hosts(db) -> dict[str, str]:
    """{host name: its "not before" time} of the hosts that asked to wait and whose time is
    still to come (`keep_host_quiet`): a crawl asks them nothing.  A time further ahead than
    `RETRY_AFTER_MOST` is none kept by this citewatch (the clock has gone back since): ignored,
    as the archive's is (archive/stage.py `recall_quiet`)."""
    moment = datetime.datetime.now(datetime.timezone.utc)
    most = moment + datetime.timedelta(seconds=RETRY_AFTER_MOST)
    return {host: at for host, at in db.execute("select host, not_before from host_quiet")
            if moment < (_utc_or_none(at) or moment) <= most}


def forget_passed_quiet(db) -> None:
    """Drop the kept times that have passed: their hosts are asked as usual again.  Written only
    when there is one: a crawl with nothing to drop (nor due) takes no write lock."""
    moment = now()
    if db.execute("select 1 from host_quiet where julianday(not_before) <= julianday(?) limit 1", [moment]).fetchone():
        db.execute("delete from host_quiet where julianday(not_before) <= julianday(?)", [moment])


def without_quiet_hosts(sources: list[dict[str, Any]], quiet: Mapping[str, str]
                        ) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """(the `sources` (due_sources rows) a crawl may ask, {quiet host: its sources left for a
    later run}): a source whose URL's host name is in `quiet` is not fetched; it keeps its state
    and stays due.  The host name is the key a 429 holds (a download slot's: every port of it)."""
    if not quiet:
        return sources, {}
    asked, left = [], {}
    for source in sources:
        host = _host_name(source["url"])
        if host in quiet:
            left.setdefault(host, []).append(source)
        else:
            asked.append(source)
    return asked, left


def _host_name(url: str) -> str | None:
    """The host name of `url`, lower case; None for one that does not parse (refused later)."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


# When a source's last check counts its interval from (`interval_from`; the check's time for one
# recorded before it was kept), in SQL.
# A source's last check (JSON text), or NULL for a checks column that holds none (not JSON, not a
# list of objects: a hand-edited row must not stop every crawl with "malformed JSON").
_LAST_CHECK = ("(case when json_valid(checks) then case when json_type(checks, '$[#-1]') = 'object' "
               "then json_extract(checks, '$[#-1]') end end)")
_LAST_START = (f"coalesce(julianday(json_extract({_LAST_CHECK}, '$.interval_from')), "
               f"julianday(json_extract({_LAST_CHECK}, '$.at')))")
# A stored time SQLite reads as another one (a 30 February rolled over to March, a bare number read as a
# Julian day, 'now') or not at all: `due_at` takes it as due at once, so the filter must keep it.
_ODD_TIME = "(julianday({0}) is null or date(substr({0}, 1, 10), '+0 days') is not substr({0}, 1, 10))"
# The state whose interval applies after a source's last check (`recheck_state`), in SQL.
_RECHECK_STATE = (f"case when json_extract({_LAST_CHECK}, '$.class') in ("
                  + ", ".join(f"'{cls}'" for cls in sorted(WAIT_CLASSES)) + ") then 'failing' else state end")


def asked_again(db, source_ids: Collection[int], via: str, config: Mapping[str, Any]) -> set[int]:
    """Those of `source_ids` that a stage checking them its own way (`via`: resolve asking the
    syndication endpoint about its tweets) asks again now: never checked that way, or one
    recheck interval (their state's, as configured now, less the slack) after their last such
    check counted from (`interval_from`).  Not the crawl's `next_check`, which the crawl's
    logged-out fetch of the same page moves a day on minutes before resolve asks (every run
    would then find no tweet due).  So a run killed after it recorded its answers and run again
    at once asks nothing twice: two asks seconds apart would confirm a 404 that only a later
    check's repeating it may confirm."""
    moment = _parse(now())
    again = set()
    for source_id, state, checks in db.execute("select id, state, checks from sources where id in "
                                               "(select value from json_each(?))", [json.dumps(sorted(source_ids))]):
        last = next((check for check in reversed(stored_checks(checks)) if check.get("via") == via), None)
        start = last and (_utc_or_none(last.get("interval_from")) or _utc_or_none(last.get("at")))
        after = recheck_after(config, recheck_state(state, last.get("class"))) if start else 0
        if not start or _parse_or_min(_due(start, after)) <= moment:
            again.add(source_id)
    return again


def _crawled(db, social: bool, crawl_id: int | None = None, source_ids: Collection[int] | None = None,
             due_by: str | None = None, config: Mapping[str, Any] | None = None) -> list[tuple]:
    """The sources a crawl fetches (see `due_sources`), in id order: id, url, kind, and what
    `due_at` reads (next_check, state, the last check as JSON).  With `due_by` (a time) only
    those that may be due by then: their stored next_check has come (or is no time at all), or
    their last check counts from at least the interval `config` sets for their state (less its
    slack) before it.  A filter in SQL, so that 100,000 sources are not read into Python to
    find the few due; `due_at` decides among them."""
    sql = f"""
        select id, url, kind, next_check, state, {_LAST_CHECK}
        from sources
        where url is not null and kind in {_crawled_kinds(social)}
          and id not in (select source_id from fetches where crawl_id = ? and purpose = 'live' and final = 1)
          and (? or id in (select value from json_each(?)))
    """
    params: list[Any] = [crawl_id, int(source_ids is None), json.dumps(sorted(source_ids or ()))]
    if due_by is not None:
        sql += f" and (next_check is null or {_ODD_TIME.format('next_check')} or julianday(next_check) <= julianday(?)"
        params.append(due_by)
        if config is not None:
            live, failing, dead = (_earliest(config, state) for state in ("live", "failing", "dead"))
            sql += f""" or {_LAST_START} <= julianday(?) - (
                        case {_RECHECK_STATE} when 'live' then ? when 'dead' then ? else ? end) / 86400.0"""
            params += [due_by, live, dead, failing]
        sql += ")"
    return db.execute(sql + " order by id", params).fetchall()


def _earliest(config: Mapping[str, Any], state: str) -> float:
    """Seconds after its last check's start that a source in `state` is due under `config`
    (`_due`: the interval less its slack)."""
    after = recheck_after(config, state)
    return after - recheck_slack(after)


def _due_at(row: tuple, config: Mapping[str, Any] | None) -> str | None:
    """`due_at` of a `_crawled` row."""
    return due_at(row[3], row[4], stored_json(row[5], dict), config)


def _parse_or_min(ts: str) -> datetime.datetime:
    """A stored time to compare with now: one of no zone (a date alone, one a user wrote) as
    UTC, the database's zone; one that is no time at all as the earliest (due), not an error
    that stops every crawl."""
    return _utc_or_none(ts) or datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
