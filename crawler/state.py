"""A source's state — live, failing, dead, blocked, unknown — earned over checks, not one fetch.

Each crawl gives a source one *check* (the class of its deciding fetch).  The state
follows InternetArchiveBot's rule: a rotten check makes the source `failing`; it is
`dead` only after `dead_after_checks` failing checks at least `dead_after_days` apart
with no live or uncertain check between (any such check resets the count).  So a
single run never makes a source dead.  The checks that led to the state are kept in
`sources.checks`; `next_check` says when a scheduled crawl looks again.

A check may ask to be confirmed (`confirm`: answers in a row needed): the tweet-embed
(syndication) endpoint's 404 only counts when the next check repeats it.  Once a tweet's
source has syndication checks, its state comes from them: a logged-out fetch of its page
(a login wall, or an offline crawl's error) is kept in the checks but changes nothing.

Also here: the crawls rows (open, resume, finish) and which sources are due.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from crawler.classify import CLASSES
from crawler.config import parse_duration
from db import now

KEEP_CHECKS = 10
# Strong evidence of rot: these are told apart from a single timeout in reports.
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
        entry = {**check, "kind": kind, "counts": False, "strength": None, "ignored": True}
        return {"state": previous.get("state") or "unknown", "state_reason": previous.get("state_reason"),
                "failing_checks": int(previous.get("failing_checks") or 0), "checks": (checks + [entry])[-KEEP_CHECKS:]}
    needed = int(check.get("confirm") or 1)
    seen = _repeats(checks, cls) + 1
    if kind == "rot" and seen < needed:  # an unconfirmed negative: uncertain until repeated
        entry = {**check, "kind": kind, "counts": False, "strength": evidence_strength(cls), "confirmed": False}
        checks = [{**c, "counts": False} for c in checks]
        return {"state": "unknown", "state_reason": f"{check['reason']} ({seen} of {needed} checks)",
                "failing_checks": 0, "checks": (checks + [entry])[-KEEP_CHECKS:]}
    counted = [c for c in checks if c.get("counts")]
    counts = False
    if kind == "rot":
        last = counted[-1]["at"] if counted else None
        counts = last is None or (_parse(check["at"]) - _parse(last)).total_seconds() >= dead_after_days * 86400
        failing = int(previous.get("failing_checks") or 0) + (1 if counts else 0)
    else:
        failing = 0
    entry = {**check, "kind": kind, "counts": counts, "strength": evidence_strength(cls) if kind == "rot" else None}
    if kind != "rot":
        checks = [{**c, "counts": False} for c in checks]  # a live or uncertain check resets the count
    checks = (checks + [entry])[-KEEP_CHECKS:]
    if kind == "ok":
        state, reason = "live", check["reason"]
    elif kind == "rot":
        strength = evidence_strength(cls)
        if failing >= dead_after_checks and can_die:
            state = "dead"
            reason = f"dead: {failing} failing checks at least {dead_after_days:g} days apart ({cls}: {check['reason']})"
        else:
            state = "failing"
            reason = f"failing ({failing} check{'s' if failing != 1 else ''}, {strength} evidence): {check['reason']}"
            if needed > 1:
                reason += f" (confirmed by {seen} checks in a row)"
    elif cls == "blocked":
        state, reason = "blocked", check["reason"]
    elif cls == "rate-limited":
        state, reason = "failing", check["reason"]
    else:
        state, reason = "unknown", check["reason"]
    return {"state": state, "state_reason": reason, "failing_checks": failing, "checks": checks}


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


def recheck_after(config, state: str) -> float:
    """Seconds until a scheduled crawl checks a source in `state` again."""
    setting = {"live": config["recheck_live"], "dead": config["recheck_dead"]}.get(state, config["recheck_failing"])
    return parse_duration(setting)


def record_check(db, source_id: int, check: dict[str, Any], config: dict) -> dict[str, Any]:
    """Apply one check to the source row (inside the caller's transaction); return the new state."""
    row = db.execute(
        "select state, state_since, failing_checks, checks, kind, state_reason from sources where id = ?", [source_id]
    ).fetchone()
    previous = {"state": row[0], "failing_checks": row[2], "checks": json.loads(row[3] or "[]"), "state_reason": row[5]}
    # a social page fetched logged-out never dies; a tweet the syndication endpoint denies can
    new = next_state(previous, check, int(config["dead_after_checks"]), float(config["dead_after_days"]),
                     can_die=row[4] not in ("twitter", "facebook") or check.get("via") == "syndication")
    at = check["at"]
    kind = CLASSES[check["class"]][0]
    next_check = (_parse(at) + datetime.timedelta(seconds=recheck_after(config, new["state"]))).isoformat(timespec="seconds")
    db.execute(
        """update sources set state = ?, state_reason = ?, state_since = ?, failing_checks = ?, checks = ?,
           last_live = case when ? then ? else last_live end,
           first_failed = case when ? then coalesce(first_failed, ?) when ? then null else first_failed end,
           next_check = ? where id = ?""",
        [new["state"], new["state_reason"], at if new["state"] != row[0] else (row[1] or at),
         new["failing_checks"], json.dumps(new["checks"]),
         kind == "ok", at, kind == "rot", at, kind == "ok", next_check, source_id],
    )
    return new


# --- crawls -------------------------------------------------------------------------


def open_crawl(db, settings: dict[str, Any], scheduled: bool = False) -> tuple[int, bool]:
    """The crawl to work in: an interrupted one (status running, its process gone) is resumed.

    Returns (crawl id, resumed).  Only one crawl writes a database at a time.
    """
    row = db.execute("select id from crawls where status in ('running', 'interrupted') order by id desc limit 1").fetchone()
    if row:
        db.execute("update crawls set status = 'running' where id = ?", [row[0]])
        return row[0], True
    cursor = db.execute(
        "insert into crawls (started_at, status, scheduled, settings) values (?, 'running', ?, ?)",
        [now(), int(scheduled), json.dumps(settings)],
    )
    return cursor.lastrowid, False


def finish_crawl(db, crawl_id: int, status: str = "finished") -> None:
    db.execute("update crawls set status = ?, finished_at = ? where id = ?", [status, now(), crawl_id])


def due_sources(db, crawl_id: int, everything: bool = False, limit: int | None = None,
                social: bool = True) -> list[dict[str, Any]]:
    """Sources to fetch in this crawl: web sources (and X/Twitter and Facebook pages unless
    `social` is off) due for a check (next_check empty or past) with no outcome in this crawl yet."""
    kinds = "('web', 'twitter', 'facebook')" if social else "('web')"
    sql = f"""
        select id, url, kind from sources
        where url is not null and kind in {kinds}
          and (? or next_check is null or next_check <= ?)
          and id not in (select source_id from fetches where crawl_id = ? and purpose = 'live' and final = 1)
        order by id
    """
    params: list[Any] = [int(everything), now(), crawl_id]
    if limit:
        sql += " limit ?"
        params.append(limit)
    return [dict(zip(("id", "url", "kind"), r)) for r in db.execute(sql, params).fetchall()]
