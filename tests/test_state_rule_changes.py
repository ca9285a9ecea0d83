"""A changed dead rule applies from the next check on: it never re-judges the past.

The checks are recorded on a real SQLite database with crawler/state.py's `record_check`,
each under the dead_after_* settings of the run that made it, as the crawl pipeline does;
the history and the report are then read under other settings.  A source declared dead
stays dead in its history, and the stored checks keep whether each one counted.
"""

from __future__ import annotations

import json

from crawler import history
from crawler.config import SETTINGS
from crawler.report_data import build
from crawler.state import next_state, record_check
from tests.factories import Factory
from tests.test_report import _documented_fields, _paths

DEFAULTS = {s.name: s.default for s in SETTINGS}  # dead after 3 checks at least 3 days apart
QUICK = {**DEFAULTS, "dead_after_checks": 2, "dead_after_days": 0.0}  # a cron line's CITEWATCH_DEAD_AFTER_*
HOUR = "2026-01-01T{:02d}:00:00+00:00".format


def _check(f: Factory, source_id: int, hour: int, cls: str, config: dict) -> dict:
    """A crawl at `hour` whose deciding fetch of the source is of class `cls`, recorded under `config`."""
    crawl_id = f.crawl(HOUR(hour))
    fetch_id = f.fetch(crawl_id, source_id, cls, status=404 if cls == "client-error" else 200)
    with f.db.conn:
        return record_check(f.db, source_id, {"at": HOUR(hour), "class": cls, "reason": cls, "attempt": "citewatch",
                                              "crawl_id": crawl_id, "fetch_id": fetch_id}, config)


def _dead_then_back(db) -> int:
    """A page that answered 404 three times an hour apart under the quick rule (dead at the
    second), then answered again, checked under the defaults."""
    f = Factory(db)
    source = f.source("http://127.0.0.1:9/my/b")
    states = [_check(f, source, hour, "client-error", QUICK)["state"] for hour in (1, 2, 3)]
    assert states == ["failing", "dead", "dead"]
    assert _check(f, source, 4, "live", DEFAULTS)["state"] == "live"
    return source


def test_a_dead_spell_stays_in_the_history_whatever_rule_the_reader_has(db):
    source = _dead_then_back(db)
    for rule in (history.dead_rule(), (2, 0.0), (5, 30.0)):
        checks = history.load_checks(db, rule)[source]
        assert [c.state for c in checks] == ["failing", "dead", "dead", "live"], rule
        h = history.source_history(db, db["sources"].get(source), checks, [])
        assert h["first_dead"] == HOUR(2)
        dead = [e for e in h["events"] if e["event"] == "dead"]
        assert [(e["at"], e["rule"]) for e in dead] == [(HOUR(2), {"dead_after_checks": 2, "dead_after_days": 0.0})]
        assert [e["event"] for e in h["events"]] == ["first-seen", "failing", "dead", "recovered"]
    report = build(db)  # a report with no configuration: the settings' defaults
    (shown,) = [s for s in report["sources"] if s["id"] == source]
    assert shown["history"]["first_dead"] == HOUR(2)
    documented, _ = _documented_fields()
    assert {p for p in _paths(report) if ".history." in p} - documented == set()


def test_the_stored_checks_keep_whether_each_counted_after_a_live_check(db):
    source = _dead_then_back(db)
    stored = json.loads(db["sources"].get(source)["checks"])
    assert [(c["class"], c["counts"]) for c in stored] == [("client-error", True)] * 3 + [("live", False)]
    after = [json.loads(r[0]) for r in db.execute("select state_after from fetches where source_id = ? order by id",
                                                  [source])]
    assert [(a["state"], a["dead_after_checks"], a["dead_after_days"]) for a in after] == [
        ("failing", 2, 0.0), ("dead", 2, 0.0), ("dead", 2, 0.0), ("live", 3, 3.0)]


def test_a_reset_still_starts_a_new_count():
    """The flags before a live check stay, but the next 404 counts anew: under 3 checks 3 days
    apart, 404s on 1 and 4 January, live on 5, 404s on 6, 7 and 9 make it failing by 2."""
    state = {"state": "unknown", "failing_checks": 0, "checks": []}
    for day, cls in ((1, "client-error"), (4, "client-error"), (5, "live"), (6, "client-error"),
                     (7, "client-error"), (9, "client-error")):
        state = next_state(state, {"at": f"2026-01-{day:02d}T00:00:00+00:00", "class": cls, "reason": cls},
                           dead_after_checks=3, dead_after_days=3)
    assert (state["state"], state["failing_checks"]) == ("failing", 2)
    assert [c["counts"] for c in state["checks"]] == [True, True, False, True, False, True]


def test_a_dead_source_stays_dead_when_a_stricter_rule_takes_over(db):
    """Dead under the quick rule, a further 404 under the defaults (sooner than 3 days: it does
    not count) is no sign of life: still dead, not failing, and no change to report."""
    f = Factory(db)
    source = f.source("http://127.0.0.1:9/my/c")
    for hour in (1, 2):
        _check(f, source, hour, "client-error", QUICK)
    assert history.record_run(db, scheduled=True)["first_run"]
    new = _check(f, source, 3, "client-error", DEFAULTS)
    assert (new["state"], new["failing_checks"]) == ("dead", 2)
    assert new["state_reason"].startswith("still dead")
    assert db["sources"].get(source)["state_since"] == HOUR(2)
    changes = history.record_run(db, scheduled=True)
    assert changes["count"] == 0
    # a live check still brings it back
    assert _check(f, source, 4, "live", DEFAULTS)["state"] == "live"


def test_a_dead_source_checked_under_a_stricter_rule_is_not_said_dead_by_it(db):
    """Dead by four 404s an hour apart under the quick rule, a fifth an hour later under the
    defaults (3 checks at least 3 days apart) keeps it dead, but its reason must not say four
    checks 3 days apart: they were hours apart."""
    f = Factory(db)
    source = f.source("http://127.0.0.1:9/my/d")
    for hour in (1, 2, 3, 4):
        _check(f, source, hour, "client-error", QUICK)
    new = _check(f, source, 5, "client-error", DEFAULTS)
    assert (new["state"], new["failing_checks"]) == ("dead", 4)
    assert new["state_reason"] == "still dead (4 failing checks counted): client-error"


def test_a_death_declared_before_m019_is_not_said_declared_by_the_next_checks_rule(db):
    """Dead by 404s an hour apart under the quick rule in a database from before m019 (no
    state_after: the history replays them under the reader's defaults, failing), then one more
    404 under the defaults: that crawl found it still dead, so its dead event names no rule (the
    defaults' 3 checks 3 days apart would say a death hours of 404s never met)."""
    f = Factory(db)
    source = f.source("http://127.0.0.1:9/my/e")
    for hour in (1, 2, 3, 4):
        _check(f, source, hour, "client-error", QUICK)
    with db.conn:
        db.execute("update fetches set state_after = null")   # as a database from before m019 has them
    _check(f, source, 5, "client-error", DEFAULTS)
    checks = history.load_checks(db, history.dead_rule())[source]
    assert [c.state for c in checks] == ["failing"] * 4 + ["dead"]
    h = history.source_history(db, db["sources"].get(source), checks, [])
    assert [e for e in h["events"] if e["event"] == "dead"] == [
        {"at": HOUR(5), "event": "dead", "class": "client-error", "status": 404}]


def test_the_html_and_markdown_histories_say_the_rule_a_source_was_declared_dead_by(db):
    """A reader under the defaults sees, in the page and the Markdown, that the source was
    declared dead at 2 failing checks (the cron line's rule), not only in the JSON."""
    import io

    from crawler.report import write_html, write_md
    _dead_then_back(db)
    said = "dead (client-error 404; declared at 2 failing checks at least 0 days apart)"
    for write in (write_html, write_md):
        out = io.StringIO()
        write(build(db), out)
        assert f"2026-01-01 02:00 {said}" in out.getvalue(), write.__name__
