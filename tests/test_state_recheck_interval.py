"""A recheck interval changed in the settings counts at once when it is shorter (after a check
under recheck_live 7d, `CITEWATCH_RECHECK_LIVE=1s citewatch run --scheduled`
crawled nothing, every source's stored next_check a week out), and from the next check when it
is longer (crawler/state.py `due_at`).  Checks are recorded on a real SQLite database, dated
around the real clock (never asserted on) by tests/test_schedule_due_rule.py's helpers."""

from __future__ import annotations

import datetime
import time

import pytest

from crawler.state import due_at, due_sources, next_due
from tests.crawling import source
from tests.test_schedule_due_rule import CONFIG, DAY, _checked, _iso, _recheck

HOUR = datetime.timedelta(hours=1)


def _due_ids(db, config) -> set[int]:
    return {s["id"] for s in due_sources(db, None, config=config)}


def test_a_shortened_interval_makes_a_source_checked_since_due_at_once(db):
    now = datetime.datetime.now(datetime.timezone.utc)
    live = _checked(db, "https://a.example/live", "live", now - DAY, now - DAY + datetime.timedelta(seconds=40))
    gone = _checked(db, "https://a.example/gone", "client-error", now - 2 * HOUR, now - 2 * HOUR)
    assert source(db, live)["next_check"] > _iso(now)   # stored under 7d: six days out
    assert _due_ids(db, CONFIG) == set()
    assert _due_ids(db, {**CONFIG, "recheck_live": "1s"}) == {live}
    assert _due_ids(db, {**CONFIG, "recheck_live": "12h", "recheck_failing": "1h"}) == {live, gone}
    assert _due_ids(db, {**CONFIG, "recheck_live": "2d"}) == set()   # shorter, but not yet passed


def test_a_lengthened_interval_does_not_hide_a_source_already_due(db):
    """The stored next_check, set under the interval then in force, still counts: a source due
    stays due; the longer interval applies from its next check."""
    now = datetime.datetime.now(datetime.timezone.utc)
    live = _checked(db, "https://a.example/live", "live", now - 8 * DAY, now - 8 * DAY)
    longer = {**CONFIG, "recheck_live": "30d"}
    assert _due_ids(db, longer) == {live}
    _recheck(db, live, "https://a.example/live", "live", now - HOUR, now - HOUR, longer)
    assert _due_ids(db, CONFIG) == set() and source(db, live)["next_check"] > _iso(now + 28 * DAY)


def test_without_the_settings_the_stored_next_check_alone_decides(db):
    now = datetime.datetime.now(datetime.timezone.utc)
    _checked(db, "https://a.example/live", "live", now - DAY, now - DAY)
    assert due_sources(db, None) == []


def test_the_next_due_time_is_the_shortened_interval_s(db):
    """What a crawl with nothing due says: one interval now configured after the crawl's start,
    less its slack (a tenth of 2h: 12 minutes)."""
    started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - HOUR
    _checked(db, "https://a.example/live", "live", started, started + datetime.timedelta(seconds=5))
    assert next_due(db) == _iso(started + 7 * DAY - datetime.timedelta(minutes=15))
    shortened = next_due(db, config={**CONFIG, "recheck_live": "2h"})
    assert shortened == _iso(started + 2 * HOUR - datetime.timedelta(minutes=12))


def test_an_unchanged_interval_keeps_the_stored_time_of_a_source_picked_up_early(db):
    """Runs every ten minutes (tests/test_schedule_due_rule.py): the stored next_check counts
    from the time the source was due, a slack after its own crawl's start; the configured
    interval, unchanged, must not bring it back up to that slack earlier."""
    url = "https://a.example/gone"
    first = datetime.datetime(2027, 3, 1, 3, 10, tzinfo=datetime.timezone.utc)
    gone = _checked(db, url, "client-error", first, first + datetime.timedelta(seconds=2))
    for day in range(1, 4):
        early = datetime.datetime(2027, 3, 1 + day, 3, 0, tzinfo=datetime.timezone.utc)
        _recheck(db, gone, url, "client-error", early, early + datetime.timedelta(seconds=2))
        row = source(db, gone)
        assert due_at(row["next_check"], row["state"], row["checks"][-1], CONFIG) == row["next_check"]


def test_a_rate_limited_check_is_looked_at_again_at_the_failing_interval_now_configured(db):
    now = datetime.datetime.now(datetime.timezone.utc)
    url = "https://a.example/busy"
    busy = _checked(db, url, "live", now - 3 * DAY, now - 3 * DAY)
    _recheck(db, busy, url, "rate-limited", now - 2 * HOUR, now - 2 * HOUR)
    assert source(db, busy)["state"] == "live"   # kept: the rate limit checked nothing
    assert _due_ids(db, {**CONFIG, "recheck_failing": "1h"}) == {busy}
    assert _due_ids(db, {**CONFIG, "recheck_live": "1h"}) == set()


def test_a_check_recorded_before_its_interval_start_was_kept_counts_from_its_time(db):
    """A database checked by an earlier citewatch (no `interval_from` in its checks): a
    week's next_check and a 1s interval configured since."""
    now = datetime.datetime.now(datetime.timezone.utc)
    live = _checked(db, "https://a.example/live", "live", now - HOUR, now - HOUR)
    with db.conn:
        db.execute("update sources set checks = json_remove(checks, '$[#-1].interval_from') where id = ?", [live])
    assert "interval_from" not in source(db, live)["checks"][-1]
    assert _due_ids(db, {**CONFIG, "recheck_live": "1s"}) == {live}
    assert _due_ids(db, CONFIG) == set()


@pytest.mark.parametrize("stored", ["2001-01-01", "not a time"])
def test_a_next_check_written_otherwise_is_due_not_an_error(db, stored):
    now = datetime.datetime.now(datetime.timezone.utc)
    live = _checked(db, "https://a.example/live", "live", now - HOUR, now - HOUR)
    with db.conn:
        db.execute("update sources set next_check = ? where id = ?", [stored, live])
    assert _due_ids(db, CONFIG) == {live}


def test_a_crawl_takes_a_shortened_recheck_interval_from_the_settings_at_once(web, env, db, tmp_path):
    """End to end: a crawl under the default 7d finds nothing due a moment later; the same crawl
    run with CITEWATCH_RECHECK_LIVE shortened below the time since fetches the page again (where
    `CITEWATCH_RECHECK_LIVE=1s citewatch run --scheduled` crawled 0 sources)."""
    from tests.clirun import crawl_here, fast_env
    from tests.crawling import add_sources

    url = web["main"] + "/crawl/live?key=shortened-interval"
    ids = add_sources(db, [url])
    crawl_here(fast_env(env, web, tmp_path))
    assert "0 sources (no source was due)" in crawl_here(fast_env(env, web, tmp_path)).stdout
    _past(db.execute("select started_at from crawls order by id").fetchone()[0], seconds=2)
    again = crawl_here(fast_env(env, web, tmp_path, recheck_live="1s"))
    assert "0 sources (no source was due)" not in again.stdout, again.stdout
    assert db.execute("select count(*) from fetches where purpose = 'live' and source_id = ?",
                      [ids[url]]).fetchone()[0] == 2


def _past(stored: str, seconds: float) -> None:
    """Wait until `seconds` after the stored time (whole seconds, as crawls keep them): the two
    crawls before may take less than the shortened interval, on a fast machine."""
    until = datetime.datetime.fromisoformat(stored) + datetime.timedelta(seconds=seconds)
    time.sleep(max(0.0, (until - datetime.datetime.now(datetime.timezone.utc)).total_seconds()))


def test_stored_times_are_compared_as_times_and_one_sqlite_misreads_is_due(db):
    """The due list's SQL filter and next_due compared stored times as text (an offset -05:00
    sorted before an earlier +00:00) and read a 30 February as 2 March."""
    from tests.crawling import add_sources

    ids = add_sources(db, ["https://a.example/utc", "https://a.example/est", "https://a.example/odd"])
    for url, at in (("https://a.example/utc", "2099-12-01T10:00:00+00:00"),
                    ("https://a.example/est", "2099-12-01T07:00:00-05:00"),   # 12:00 UTC
                    ("https://a.example/odd", None)):
        db.execute("update sources set next_check = ? where id = ?", [at, ids[url]])
    assert next_due(db, config=CONFIG) == "2099-12-01T10:00:00+00:00"
    db.execute("update sources set next_check = '2099-02-30T00:00:00+00:00' where id = ?", [ids["https://a.example/odd"]])
    assert {s["id"] for s in due_sources(db, None, config=CONFIG)} == {ids["https://a.example/odd"]}
