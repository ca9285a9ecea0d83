"""A rate limit is no evidence of rot: the source keeps the state and failing count it had.

A 429 whose Retry-After is beyond `retry_after_cap` is classed `rate-limited`: the site
asked to wait, so nothing is known about the page.  The crawl runs `citewatch crawl`
against the test web as a user does, then the report data and a scheduled run's exit
status are read from the real database; the rule itself is driven through
crawler/state.py's pure `next_state` with dates.
"""

from __future__ import annotations

import datetime
import json
import random

import crawler.state as state_module
from crawler import schedule
from crawler.config import load_config
from crawler.report_data import build
from crawler.state import KEEP_CHECKS, next_state
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome, source

DEAD_RULE = {"dead_after_checks": 3, "dead_after_days": 3}
LIMITED = "*.limited.example=127.0.0.1,*=fail"   # (resolve_hosts: the rate-limited sources' names)


def _checks(cls: str, kind: str, days: list[int], counts: bool) -> str:
    """Checks of earlier crawls as the state machine stores them."""
    return json.dumps([{"at": f"2026-01-{d:02d}T00:00:00+00:00", "class": cls, "reason": cls, "attempt": "citewatch",
                        "kind": kind, "counts": counts, "strength": "strong" if kind == "rot" else None} for d in days])


def _rate_limited_sources(db, web) -> dict[str, int]:
    """Three sources the test web answers 429 (Retry-After: 3600) for: one live before,
    one failing by two counted checks, one never checked; each at a host name of its own
    (`LIMITED`), as a Retry-After beyond the cap closes its host for the crawl."""
    urls = {name: f"{web['main'].replace('127.0.0.1', f'{name}.limited.example')}/crawl/rate-limited?after=3600"
                  f"&key=state-{name}" for name in ("live", "failing", "fresh")}
    ids = add_sources(db, list(urls.values()))
    db["sources"].update(ids[urls["live"]], {
        "state": "live", "state_reason": "200 OK", "state_since": "2026-01-01T00:00:00+00:00",
        "last_live": "2026-01-01T00:00:00+00:00", "checks": _checks("live", "ok", [1], False)})
    db["sources"].update(ids[urls["failing"]], {
        "state": "failing", "state_reason": "failing (2 checks, strong evidence): 404", "failing_checks": 2,
        "state_since": "2026-01-01T00:00:00+00:00", "first_failed": "2026-01-01T00:00:00+00:00",
        "checks": _checks("client-error", "rot", [1, 5], True)})
    return {name: ids[url] for name, url in urls.items()}


def test_a_rate_limited_source_keeps_its_state_in_the_report_and_the_schedule(web, env, db, db_path, tmp_path):
    ids = _rate_limited_sources(db, web)
    config = load_config(env={}, db=str(db_path), data_dir=str(tmp_path / "data"))
    assert schedule.after_run(db, config, scheduled=True) == 0  # the run before: the states above
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=LIMITED))

    assert {outcome(db, sid)["class"] for sid in ids.values()} == {"rate-limited"}
    live, failing, fresh = (source(db, ids[name]) for name in ("live", "failing", "fresh"))
    assert (live["state"], live["failing_checks"], live["last_live"]) == ("live", 0, "2026-01-01T00:00:00+00:00")
    assert "429" in live["state_reason"] and live["state_since"] == "2026-01-01T00:00:00+00:00"
    # the rot seen before stays, neither reset nor advanced by the 429
    assert (failing["state"], failing["failing_checks"]) == ("failing", 2)
    assert [c["counts"] for c in failing["checks"]] == [True, True, False]
    assert (fresh["state"], fresh["failing_checks"]) == ("unknown", 0)

    data = build(db)
    assert data["summary"]["unrecoverable"] == 1  # the source failing before the run, as it was
    assert data["summary"]["sources_by_state"] == {"live": 1, "failing": 1, "unknown": 1}
    histories = {s["id"]: s["history"] for s in data["sources"]}
    assert all(e["event"] not in ("failing", "dead") for e in histories[ids["live"]]["events"])
    assert all(e["event"] not in ("failing", "dead") for e in histories[ids["fresh"]]["events"])

    assert schedule.after_run(db, config, scheduled=True) == 0  # nothing newly failing: exit status 0
    changes = json.loads(schedule.changes_path(config).read_text())
    assert changes["count"] == 0 and changes["newly_failing"] == []


def _check(day: int, cls: str, **extra) -> dict:
    return {"at": f"2026-01-{day:02d}T00:00:00+00:00", "class": cls, "reason": cls, "attempt": "citewatch", **extra}


def _run(checks: list[dict]) -> dict:
    state = {"state": "unknown", "failing_checks": 0, "checks": []}
    for check in checks:
        state = next_state(state, check, **DEAD_RULE)
    return state


def test_rate_limits_never_make_a_source_failing():
    only = _run([_check(day, "rate-limited") for day in (1, 4, 7, 10)])
    assert (only["state"], only["failing_checks"]) == ("unknown", 0)
    live = _run([_check(1, "live"), _check(4, "rate-limited"), _check(7, "rate-limited")])
    assert (live["state"], live["failing_checks"]) == ("live", 0)
    assert live["state_reason"].startswith("rate-limited")


def test_a_rate_limit_between_failing_checks_neither_resets_nor_adds_to_the_count():
    dead = _run([_check(1, "client-error"), _check(4, "client-error"), _check(6, "rate-limited"), _check(8, "client-error")])
    assert (dead["state"], dead["failing_checks"]) == ("dead", 3)
    waiting = _run([_check(1, "client-error"), _check(4, "client-error"), _check(8, "rate-limited")])
    assert (waiting["state"], waiting["failing_checks"]) == ("failing", 2)
    # nor does it confirm or break a syndication negative that asks for two in a row
    confirmed = _run([_check(1, "post-not-found", via="syndication", confirm=2),
                      _check(2, "rate-limited", via="syndication", confirm=2),
                      _check(3, "post-not-found", via="syndication", confirm=2)])
    assert (confirmed["state"], confirmed["failing_checks"]) == ("failing", 1)


def test_a_rate_limit_keeps_the_rot_rates_and_brings_the_next_check_soon(db):
    from tests.test_offline_crawl import _failing_once, crawl_of_one_check

    sid, before = _failing_once(db)   # failing by one counted 404 on 1 January
    crawl_of_one_check(db, sid, "rate-limited", "2026-01-05T00:00:00+00:00")
    after = source(db, sid)
    assert (after["state"], after["failing_checks"]) == ("failing", 1)
    # nothing was checked: looked at again after recheck_failing (1 day), not the kept state's interval
    assert after["next_check"] == "2026-01-05T23:45:00+00:00"   # (less the quarter-hour slack: state.due_again)
    rot = build(db)["link_rot"]
    assert [(r["checked"], r["failing"]) for r in rot["by_domain"]] == [(1, 1)]
    assert [r["rot_rate"] for r in rot["over_time"]] == [1.0]   # the rate-limited crawl adds no row


def test_logged_out_checks_never_push_a_tweets_syndication_checks_out():
    """After a tweet's syndication checks, logged-out page checks change nothing, however many:
    more than the list keeps neither reset the count nor break the confirmation of the next 404."""
    synd = {"via": "syndication", "confirm": 2}
    walls = [_check(5, "login-wall") for _ in range(KEEP_CHECKS + 3)]
    state = _run([_check(1, "post-not-found", **synd), _check(4, "post-not-found", **synd), *walls])
    assert (state["state"], state["failing_checks"]) == ("failing", 1)
    assert [c["class"] for c in state["checks"] if c.get("via")] == ["post-not-found", "post-not-found"]
    assert len(state["checks"]) == KEEP_CHECKS and state["checks"][-1]["class"] == "login-wall"
    dead = _run([_check(1, "post-not-found", **synd), _check(4, "post-not-found", **synd), *walls,
                 _check(7, "post-not-found", **synd), _check(10, "post-not-found", **synd)])
    assert (dead["state"], dead["failing_checks"]) == ("dead", 3)


def test_an_offline_crawl_withdrawn_after_the_list_lost_a_middle_check_puts_each_count_back(db):
    """Rate limits kept between two counted 404s are the checks the list drops first: the
    withdrawal of a later offline check still gives each kept check its own `counts`."""
    from tests.test_offline_crawl import OFFLINE, _failing_once, _record, crawl_of_one_check
    from crawler.state import finish_crawl, open_crawl

    sid, _ = _failing_once(db)   # a counted 404 on 1 January
    for hour in range(KEEP_CHECKS - 1):
        crawl_of_one_check(db, sid, "rate-limited", f"2026-01-02T{hour:02d}:00:00+00:00")
    crawl_of_one_check(db, sid, "client-error", "2026-01-05T00:00:00+00:00")   # counted: failing 2
    before = source(db, sid)
    assert [c["class"] for c in before["checks"]] == ["client-error"] + ["rate-limited"] * 8 + ["client-error"]
    with db.conn:
        offline, _ = open_crawl(db, {})
    _record(db, offline, sid, "timeout", "2026-01-09T00:00:00+00:00")
    with db.conn:
        finish_crawl(db, offline, values=OFFLINE)
    after = source(db, sid)
    assert (after["state"], after["failing_checks"]) == ("failing", 2)
    assert [c["counts"] for c in after["checks"]] == [True] + [False] * 7 + [True, False]
    assert after["checks"][-1]["withdrawn"]


def _hourly(cls: str, hour: int, **extra) -> dict:
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(hours=hour)
    return {"at": at.isoformat(), "class": cls, "reason": cls, "attempt": "citewatch", "fetch_id": hour, **extra}


def test_failing_checks_sooner_than_the_dead_days_never_push_the_counted_one_out():
    """Checked daily under dead_after_days 30, a 404 counts on day 0, 30 and 60: the nine
    failing checks between two counted ones must not push the first out of the list, or
    day 10's check counts again and the source is dead in 20 days."""
    state = {"state": "unknown", "failing_checks": 0, "checks": []}
    for day in range(59):
        state = next_state(state, _hourly("client-error", 24 * day), dead_after_checks=3, dead_after_days=30)
    assert (state["state"], state["failing_checks"]) == ("failing", 2)
    assert len(state["checks"]) == KEEP_CHECKS
    state = next_state(state, _hourly("client-error", 24 * 60), dead_after_checks=3, dead_after_days=30)
    assert (state["state"], state["failing_checks"]) == ("dead", 3)


def _replayed(checks: list[dict]) -> list[tuple[str, int]]:
    """The state after each check (the list trimmed to crawler.state's KEEP_CHECKS)."""
    state, seen = {"state": "unknown", "failing_checks": 0, "checks": []}, []
    for check in checks:
        state = next_state(state, check, **DEAD_RULE, can_die=True)
        seen.append((state["state"], state["failing_checks"]))
    return seen


def test_trimming_the_list_never_changes_a_state(monkeypatch):
    """Property: over random runs of checks (live, rot, rate limits, login walls, syndication
    answers to confirm, hours to days apart), the states with the list trimmed to KEEP_CHECKS
    are the states a list that kept every check gives."""
    classes = ["live", "client-error", "timeout", "rate-limited", "login-wall", "post-not-found", "blocked"]
    for seed in range(400):
        draw, hour, checks = random.Random(seed), 0, []
        for _ in range(draw.randint(KEEP_CHECKS, 4 * KEEP_CHECKS)):
            hour += draw.choice([1, 6, 24, 72])
            synd = {"via": "syndication", "confirm": 2} if draw.random() < 0.3 else {}
            checks.append(_hourly(draw.choice(classes), hour, **synd))
        trimmed = _replayed(checks)
        with monkeypatch.context() as keep_all:
            keep_all.setattr(state_module, "KEEP_CHECKS", 10 ** 6)
            assert trimmed == _replayed(checks), f"seed {seed}"
