"""A page that fails once on weak evidence (a timeout, a 5xx) is no alarm in a scheduled run's
changes: it is listed apart, not counted (exit status 0), and counts as newly failing only when
the next check fails too; live again, it is cleared, not counted either.  A 404 counts at once, a
state kept before these lists is compared as it was, and a hand-started run in between passes
nothing over."""

import io
import json

import lxml.html
import pytest
from rich.console import Console

from crawler import history, schedule
from crawler.config import load_config
from crawler.state import record_check
from tests.factories import Factory

DAY = "2026-02-{:02d}T06:00:00+00:00".format
URL = "https://mfa.example.org/statement"


@pytest.fixture
def config(tmp_path, db_path):
    return load_config(env={}, db=str(db_path), data_dir=str(tmp_path / "data"))


@pytest.fixture
def page(db, config):
    """A cited page checked live by a scheduled crawl, and the scheduled run after it (the run
    the next compares with): its source id."""
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Borduria", "Borduria condemns the shelling.")
    source = f.source(URL)
    f.citation(doc, statement, 1, source, url=URL)
    checked(db, config, source, 1, "live")
    assert schedule.after_run(db, config, scheduled=True) == 0
    return source


def checked(db, config, source: int, day: int, cls: str, status: int | None = 200, scheduled: bool = True) -> None:
    """A crawl on `day` checking `source`, its class `cls`, recorded by the crawl's state
    machine (crawler/state.py `record_check`: the source's state and `fetches.state_after`), as
    a crawl stores it; daily, as a failing source is re-checked (recheck_failing 1d)."""
    f = Factory(db)
    crawl = f.crawl(DAY(day), scheduled=scheduled)
    fetch = f.fetch(crawl, source, cls, status=status)
    record_check(db, source, {"at": DAY(day), "class": cls, "reason": cls, "attempt": "citewatch",
                              "crawl_id": crawl, "fetch_id": fetch}, config.values)


def run(db, config, scheduled: bool = True) -> tuple[int, dict, list[str]]:
    """A run (`citewatch run --scheduled`, or by hand): its exit status, the changes it found
    (the changes file's, for a scheduled run) and the lines it printed."""
    out = io.StringIO()
    status = schedule.after_run(db, config, scheduled=scheduled, console=Console(file=out, width=200))
    changes = (json.loads(schedule.changes_path(config).read_text()) if scheduled
               else history.latest_changes(db))
    return status, changes, out.getvalue().splitlines()


def listed(changes: dict, key: str) -> list[tuple]:
    return [(item["source_id"], item["from"], item["to"]) for item in changes[key]]


def test_a_single_timeout_is_listed_not_counted_and_the_next_failing_check_counts(db, config, page):
    """A timeout made `run --scheduled` exit 3 with "newly failing", and the next run exit 3 again
    with "recovered": a timer's user scripting on exit 3 was paged twice for a hiccup.  Now the
    timeout is listed under `failing_once`, exit 0; the next check, a day later, times out too:
    newly failing, exit 3, though the state machine's count toward dead (checks 3 days apart)
    is still 1; still failing the day after, it is not said again."""
    checked(db, config, page, 2, "timeout", status=None)
    status, changes, lines = run(db, config)
    assert (status, changes["count"]) == (0, 0)
    assert listed(changes, "failing_once") == [(page, "live", "failing")] and changes["newly_failing"] == []
    assert (changes["failing_once"][0]["failing_in_row"], changes["failing_once"][0]["failing_classes"]) == (
        1, ["timeout"])
    assert lines[0] == "Nothing changed since the previous run."
    assert f"  {history.FAILED_ONCE}: {URL} (live → failing: timeout)" in lines

    checked(db, config, page, 3, "timeout", status=None)
    assert db["sources"].get(page)["failing_checks"] == 1   # (the count toward dead: 3 days apart)
    status, changes, lines = run(db, config)
    assert (status, changes["count"]) == (schedule.EXIT_CHANGED, 1)
    assert listed(changes, "newly_failing") == [(page, "failing", "failing")] and changes["failing_once"] == []
    assert (changes["newly_failing"][0]["failing_in_row"], changes["newly_failing"][0]["failing_classes"]) == (
        2, ["timeout"])
    assert f"  newly failing: {URL} (failing → failing: timeout, weak evidence, 2 failing checks in a row)" in lines

    checked(db, config, page, 4, "server-error", status=503)
    status, changes, _ = run(db, config)
    assert status == 0 and not any(changes[key] for key in (*history.COUNTED_CHANGES, "failing_once", "cleared"))


def test_a_timeout_then_live_again_is_cleared_not_recovered(db, config, page):
    """One timeout, then live again: the second run says "failed once, live again", not counted
    (exit 0), where it said "recovered" and exited 3; the run between listed it failed once."""
    checked(db, config, page, 2, "timeout", status=None)
    assert run(db, config)[0] == 0
    checked(db, config, page, 3, "live")
    status, changes, lines = run(db, config)
    assert (status, changes["count"], changes["recovered"]) == (0, 0, [])
    assert listed(changes, "cleared") == [(page, "failing", "live")]
    assert changes["cleared"][0]["failing_classes"] == ["timeout"]
    assert f"  {history.CLEARED}: {URL} (failing: timeout → live)" in lines


def test_a_404_counts_at_once_and_its_return_is_recovered(db, config, page):
    """Strong evidence (a 404) is newly failing at its first check, counted (exit 3), and its
    return recovered, counted: only a failure on weak evidence waits for the next check."""
    checked(db, config, page, 2, "client-error", status=404)
    status, changes, lines = run(db, config)
    assert status == schedule.EXIT_CHANGED
    assert listed(changes, "newly_failing") == [(page, "live", "failing")] and changes["failing_once"] == []
    assert changes["newly_failing"][0]["failing_classes"] == ["client-error"]
    assert f"  newly failing: {URL} (live → failing: client-error, strong evidence)" in lines
    checked(db, config, page, 3, "live")
    status, changes, _ = run(db, config)
    assert status == schedule.EXIT_CHANGED
    assert listed(changes, "recovered") == [(page, "failing", "live")] and changes["cleared"] == []


def _as_kept_before_the_lists(db) -> None:
    """The kept states as a citewatch before `failing_once` kept them: no failing checks in a
    row, no classes, no mark."""
    for row_id, stored in db.execute("select id, state from run_states where state != '{}'").fetchall():
        state = json.loads(stored)
        for source in state["sources"].values():
            for key in ("failing_in_row", "failing_classes", "failing_once"):
                source.pop(key, None)
        db.execute("update run_states set state = ? where id = ?", [json.dumps(state), row_id])
    db.conn.commit()


@pytest.mark.parametrize("then, counted", [("live", "recovered"), ("timeout", None)])
def test_a_state_kept_before_the_lists_is_compared_as_before(db, config, page, then, counted):
    """The first run after the upgrade compares with a state kept without the new fields, whose
    source was failing on one timeout (that run had counted it newly failing): live now, it is
    recovered, counted, as before (cleared would lose the alert that it came back); failing on
    a second timeout, it is not said again (newly failing would alert twice)."""
    checked(db, config, page, 2, "timeout", status=None)
    run(db, config)
    _as_kept_before_the_lists(db)
    checked(db, config, page, 3, then, status=200 if then == "live" else None)
    status, changes, _ = run(db, config)
    assert status == (schedule.EXIT_CHANGED if counted else 0)
    assert {key: listed(changes, key) for key in ("newly_failing", "recovered", "failing_once", "cleared")} == {
        "newly_failing": [], "recovered": [(page, "failing", "live")] if counted else [], "failing_once": [],
        "cleared": []}


def test_a_hand_started_run_between_scheduled_runs_leaves_cron_the_count(db, config, page):
    """A timeout, listed failed once by a scheduled run; a hand-started run after the next
    timeout says newly failing; the next scheduled run compares with the scheduled one (what
    cron last heard: failed once, not counted), and counts it newly failing too, exit 3."""
    checked(db, config, page, 2, "timeout", status=None)
    assert run(db, config)[0] == 0
    checked(db, config, page, 3, "timeout", status=None, scheduled=False)
    _, by_hand, _ = run(db, config, scheduled=False)
    assert listed(by_hand, "newly_failing") == [(page, "failing", "failing")]
    status, changes, _ = run(db, config)
    assert (status, changes["passed_over"]) == (schedule.EXIT_CHANGED, 1)
    assert listed(changes, "newly_failing") == [(page, "failing", "failing")]


def test_a_failure_listed_once_is_not_listed_again_until_checked_again(db, config, page):
    """A scheduled run with nothing due (the failing source not re-checked yet) lists nothing:
    the failure was said once; the check after it still counts it when it fails too."""
    checked(db, config, page, 2, "timeout", status=None)
    run(db, config)
    status, changes, _ = run(db, config)
    assert (status, changes["failing_once"], changes["newly_failing"]) == (0, [], [])
    checked(db, config, page, 3, "connection-error", status=None)
    status, changes, lines = run(db, config)
    assert status == schedule.EXIT_CHANGED and listed(changes, "newly_failing") == [(page, "failing", "failing")]
    assert (f"  newly failing: {URL} (failing → failing: timeout, connection-error, weak evidence, "
            "2 failing checks in a row)") in lines


def _state_unreadable(db) -> None:
    """The latest scheduled run's kept state damaged (hand-edited): the next run rebuilds it
    from the history (history._state_then)."""
    db.execute("update run_states set state = '{\"sources\": 1}' where id = "
               "(select max(id) from run_states where scheduled = 1)")
    db.conn.commit()


@pytest.mark.parametrize("then, counted", [("timeout", "newly_failing"), ("live", "cleared")])
def test_a_failure_said_once_by_a_run_whose_state_cannot_be_read_still_counts(db, config, page, then, counted):
    """A timeout listed failed once, that run's kept state then unreadable: the rebuild had no
    mark and read the source as failing, said, so the next timeout (a confirmed failure) was
    never listed newly failing, neither by the run after (its exit 3 the unreadable state's
    alone) nor by any later one.  The rebuild takes it as failed once, as that run left it:
    the next failing check is newly failing, counted; live again, it is cleared."""
    checked(db, config, page, 2, "timeout", status=None)
    run(db, config)
    _state_unreadable(db)
    status, changes, _ = run(db, config)   # nothing checked since: the unreadable state alone
    assert (status, changes["count"], changes["state_unreadable"]) == (schedule.EXIT_CHANGED, 1, True)
    checked(db, config, page, 3, then, status=200 if then == "live" else None)
    status, changes, _ = run(db, config)
    assert (status, changes["count"]) == ((schedule.EXIT_CHANGED, 1) if counted == "newly_failing" else (0, 0))
    assert listed(changes, counted) == [(page, "failing", "failing" if then == "timeout" else "live")]
    assert changes["recovered"] == [] and changes["failing_once"] == []


def test_the_reports_say_a_confirmed_failure_as_the_terminal_does(db, config, page):
    """Two timeouts, then a rate limit (which keeps the state): the reports said "newly failing
    (rate-limited)", the latest check's class, while the JSON's failing classes and the terminal
    said two timeouts.  The reports say the failing checks as the terminal does."""
    from crawler import report, report_data

    checked(db, config, page, 2, "timeout", status=None)
    run(db, config)
    checked(db, config, page, 3, "timeout", status=None)
    checked(db, config, page, 4, "rate-limited", status=429)
    _, changes, lines = run(db, config)
    said = "timeout, weak evidence, 2 failing checks in a row"
    assert changes["newly_failing"][0]["class"] == "rate-limited"
    assert f"  newly failing: {URL} (failing → failing: {said})" in lines
    data = report_data.build(db)
    assert f"- newly failing ({said}): [{URL}]({URL})" in report.render(data, "md").splitlines()
    html = lxml.html.fromstring(report.render(data, "html"))
    assert f"Newly failing ({said}): {URL}" in " ".join(html.text_content().split())
