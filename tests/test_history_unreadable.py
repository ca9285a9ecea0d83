"""Stored JSON the history cannot read (a hand-edited, damaged or older database):
`[]`, `null`, a number, a string, an object of other fields or no JSON at all where the crawl,
a run or the social stage wrote an object or a list.  Each read goes on instead of crashing
`report`, `status`, `run`, `run --scheduled`, `crawl` or `ingest --replace`, and a run compared
with a state it cannot read still reports every change of state it cannot rule out (at least
once).  Through the real commands, on real SQLite files whose column an UPDATE damages."""

from __future__ import annotations

import json

import pytest

import db as database
from crawler import history
from crawler.cli import cli
from crawler.schedule import EXIT_CHANGED
from tests.factories import Factory
from tests.test_changes_since_alert import cited_page  # noqa: F401  (a fixture: the page a letter cites, `run`)
from tests.test_history_syndication import resolved_tweets, tweets  # noqa: F401  (fixtures: three resolved tweets)
from tests.test_ingest_replace import corrected

# What a column may hold that is not what its stage wrote: another kind of JSON, or none.
NO_OBJECT = ["[]", "5", "null", '"dead"', "{not json"]
NO_LIST = ["5", '{"at": "2026-01-02T00:00:00+00:00"}', '[1, "x"]', "null", "[{not json"]


def _invoke(runner, db_path, *args, env=None):
    """`citewatch <args> --db <db_path>`: its result, exceptions raised (a crash fails the test)."""
    return runner.invoke(cli, [*args, "--db", str(db_path)], env=env, catch_exceptions=False)


def _report(runner, db_path, env=None) -> dict:
    """The JSON report `citewatch report --format json -o -` writes."""
    result = _invoke(runner, db_path, "report", "--format", "json", "-o", "-", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _damage(db, table: str, column: str, value: str, where: str = "1") -> None:
    """Write `value` over `column` as a hand edit would, committed."""
    with db.conn:
        db.execute(f"update {table} set {column} = ? where {where}", [value])


# --- fetches.state_after ----------------------------------------------------------------------


@pytest.mark.parametrize("stored", ["5", '"dead"', "{not json", '{"state": "dead"}', '{"state": "dead", '
                                    '"failing_checks": "x", "dead_after_checks": 2, "dead_after_days": 0}'])
def test_a_check_whose_recorded_state_cannot_be_read_is_judged_by_the_rule_now(runner, db, db_path, stored):
    """A check's `state_after` that is no object with the state and rule record_check writes
    is a check recorded before there was one (m019): the report and `status` judge it by the
    rule in force now (before: TypeError, JSONDecodeError or KeyError, no report; `[]` and
    `null`, read as false, were taken as none already)."""
    Factory(db).letter()
    db.conn.commit()
    expected = _report(runner, db_path)["sources"]
    _damage(db, "fetches", "state_after", stored)

    assert _report(runner, db_path)["sources"] == expected
    assert _invoke(runner, db_path, "status").exit_code == 0


# --- sources.checks -----------------------------------------------------------------------------


def test_a_tweets_kept_checks_that_cannot_be_read_are_read_again_from_their_answers(runner, tweets):
    """A resolved tweet's syndication checks are told from its `post-state` fetches with the
    class sources.checks recorded for each; a checks column that is no list of objects records
    none, and each is read again from its answer, as a check pushed out of the list is (before:
    AttributeError, TypeError or JSONDecodeError in the report and `status`).  (Each damage in
    turn on one set of resolved tweets: a social run each would be slow.)"""
    db, config, sources = tweets
    rule = {"CITEWATCH_DEAD_AFTER_CHECKS": "2", "CITEWATCH_DEAD_AFTER_DAYS": "0",
            "CITEWATCH_DATA_DIR": config.values["data_dir"]}
    for stored in NO_LIST:
        _damage(db, "sources", "checks", stored, f"id in ({', '.join(map(str, sources.values()))})")

        reported = {s["id"]: s for s in _report(runner, config.db_path, env=rule)["sources"]}
        first = {name: reported[sid]["history"]["checks"][0]["class"] for name, sid in sources.items()}
        assert first == {"live": "live", "tombstone": "post-unavailable", "404": "post-not-found"}, stored
        assert _invoke(runner, config.db_path, "status", env=rule).exit_code == 0, stored


def test_a_crawl_checks_a_source_whose_kept_checks_cannot_be_read(cited_page):
    """A source whose sources.checks is no list of objects is checked as one with no checks
    kept: its state stays, the new check is the list (before: the crawl, and the whole run,
    stopped at that source with TypeError, AttributeError or JSONDecodeError).  (Each damage in
    turn on one cited page, a run after each.)"""
    db, url, letter, run, set_page, changes_file = cited_page
    run(letter)
    source = db.execute("select id from sources where url = ?", [url]).fetchone()[0]
    for stored in ('{"at": "2026-01-02T00:00:00+00:00"}', '[1, "x"]', "[{not json"):
        _damage(db, "sources", "checks", stored, f"id = {source}")

        run(letter)
        checks = json.loads(db["sources"].get(source)["checks"])
        latest = db.execute("select max(id) from fetches where source_id = ? and purpose = 'live' and final = 1",
                            [source]).fetchone()[0]
        assert [c["fetch_id"] for c in checks] == [latest], stored
        assert db["sources"].get(source)["state"] == "live", stored


# --- run_states.state -----------------------------------------------------------------------------


@pytest.mark.parametrize("stored", ["[]", "5", "null", "{not json", '{"sources": {"1": 5}, "verdicts": {}}'])
def test_a_run_compared_with_a_state_it_cannot_read_lists_every_failing_or_dead_source(runner, db, db_path,
                                                                                         tmp_path, stored):
    """The scheduled run compared with keeps a state that cannot be read, and the history cannot
    rebuild it either (the factory's checks recorded no state, as before m019): the next `run
    --scheduled` lists every source failing or dead now, from unknown, says `state_unreadable`
    in the changes file and counts it as one change: cron hears of a change it cannot rule out
    (before: TypeError or JSONDecodeError, no run recorded, every run after failing the same way).
    The factory's failing source failed on one timeout: listed, in `failing_once`, not counted."""
    ids = Factory(db).letter()
    db.execute("update sources set next_check = '2099-01-01T00:00:00+00:00'")   # none due: no crawl to wait for
    history.record_run(db, scheduled=True)
    _damage(db, "run_states", "state", stored)

    result = _invoke(runner, db_path, "run", "--scheduled", "--data-dir", str(tmp_path / "data"))
    assert result.exit_code != 1, result.output
    changes = json.loads((tmp_path / "data" / "changes.json").read_text())
    assert changes["state_unreadable"] is True and changes["first_run"] is False
    said = {key: [(item["source_id"], item["from"], item["to"]) for item in changes[key]]
            for key in history.COUNTED_CHANGES}
    assert said == {"newly_dead": [(ids["dead"]["source"], "unknown", "dead")],
                    "newly_failing": [], "recovered": [], "content_drift": [], "verdict_changed": []}
    assert [(item["source_id"], item["from"], item["to"]) for item in changes["failing_once"]] == [
        (ids["failing"]["source"], "unknown", "failing")]
    assert changes["count"] == 2 and result.exit_code == EXIT_CHANGED   # the dead one, and the state unread
    assert "newly dead: https://dead.example.org/news/statement-2 (unknown → dead)" in result.output
    assert db.execute("select count(*) from run_states").fetchone()[0] == 2   # recorded: the next run compares with it


@pytest.fixture
def dead_rule_now(monkeypatch):
    """Two failing checks make a source dead, and a dead one is checked again at every run:
    a page gone for two runs is dead, and back, recovered, in three runs."""
    for name, value in (("DEAD_AFTER_CHECKS", "2"), ("DEAD_AFTER_DAYS", "0"), ("RECHECK_DEAD", "0s")):
        monkeypatch.setenv(f"CITEWATCH_{name}", value)


def _scheduled_changes(run, changes_file) -> tuple[int, dict]:
    """`citewatch run --scheduled`: its exit status and the changes file it wrote."""
    return run("--scheduled")[0], json.loads(changes_file.read_text())


def test_a_source_dead_at_a_run_whose_state_cannot_be_read_and_live_now_is_recovered(cited_page, dead_rule_now):
    """The scheduled run compared with saw the cited page dead and kept a state that cannot be
    read; the page is back: the next `run --scheduled` rebuilds the state as of that run from
    the history (the state the crawl recorded after its last check then, the text it read last)
    and says the page recovered, from dead, and its text drifted since (before: nothing failing
    now, nothing listed, exit 0: cron never heard the page came back, reworded)."""
    db, url, letter, run, set_page, changes_file = cited_page
    run(letter)
    set_page("gone")
    run("--scheduled")
    _, changes = _scheduled_changes(run, changes_file)
    source = db.execute("select id from sources where url = ?", [url]).fetchone()[0]
    assert [(item["source_id"], item["to"]) for item in changes["newly_dead"]] == [(source, "dead")]
    _damage(db, "run_states", "state", "{not json", f"id = {changes['run_state_id']}")

    set_page("v2")   # back, its cited paragraph rewritten
    status, changes = _scheduled_changes(run, changes_file)
    assert changes["state_unreadable"] is True and status == EXIT_CHANGED
    said = [(item["source_id"], item["from"], item["to"]) for item in changes["recovered"]]
    assert said == [(source, "dead", "live")]
    assert [item["source_id"] for item in changes["content_drift"]] == [source]
    assert changes["count"] == 3   # the recovery, the drift, and the state unread


def test_a_run_whose_compared_state_cannot_be_read_exits_changed_with_nothing_failing(cited_page):
    """Nothing failing or dead, nothing changed, and the scheduled run compared with kept a state
    that cannot be read: the rebuilt state lists nothing (the page's text then is its text now),
    and `state_unreadable` is counted as one change, so `run --scheduled` exits 3 and cron hears
    that what changed since could not all be told (before: exit 0, nothing heard)."""
    db, url, letter, run, set_page, changes_file = cited_page
    run(letter)
    _, changes = _scheduled_changes(run, changes_file)
    _damage(db, "run_states", "state", "[]", f"id = {changes['run_state_id']}")

    status, changes = _scheduled_changes(run, changes_file)
    assert status == EXIT_CHANGED and changes["state_unreadable"] is True and changes["count"] == 1
    assert not any(changes[key] for key in (*history.COUNTED_CHANGES, "numbers_changed"))


def test_a_run_compared_with_a_readable_state_says_nothing_of_one(db):
    """The unreadable case alone is marked: a run compared with a state it reads has no
    `state_unreadable` (the changes object is as before)."""
    Factory(db).letter()
    history.record_run(db, scheduled=True)
    assert "state_unreadable" not in history.record_run(db, scheduled=True)


@pytest.mark.parametrize("stored", NO_OBJECT)
def test_replacing_a_document_leaves_a_state_it_cannot_read_as_it_is(runner, letter_db, tmp_path, stored):
    """`ingest --replace` takes the removed statements and sources out of the kept states
    (history.forget); one it cannot read has none to take out and is left for the next run,
    which compares with it as unreadable (before: AttributeError or JSONDecodeError, and the
    replacement rolled back)."""
    db = database.open_db(letter_db)
    history.record_run(db)
    _damage(db, "run_states", "state", stored)
    path = tmp_path / "un-letter-corrected.txt"
    path.write_text(corrected(), encoding="utf-8")

    result = _invoke(runner, letter_db, "ingest", "--replace", str(path))
    assert result.exit_code == 0, result.output
    assert "replaced: its statements and citations are this file's now" in " ".join(result.output.split())
    assert db.execute("select state from run_states").fetchone()[0] == stored


# --- run_states.changes ---------------------------------------------------------------------------


@pytest.mark.parametrize("stored", [*NO_OBJECT, '{"first_run": false, "count": 1}'])
def test_the_latest_run_whose_changes_can_be_read_is_shown(runner, db, db_path, stored):
    """The last run's changes cannot be read: `status` and the report show the latest run's
    that can, given as that run's (its id and time), with `unreadable_runs` counting those
    passed over (before: TypeError, "'list' object is not a mapping", no report)."""
    Factory(db).letter()
    first = history.record_run(db)
    later = history.record_run(db)
    _damage(db, "run_states", "changes", stored, "id = (select max(id) from run_states)")

    shown = _report(runner, db_path)["changes"]
    assert (shown["run_state_id"], shown["taken_at"], shown["unreadable_runs"]) == (
        first["run_state_id"], first["taken_at"], 1)
    status = _invoke(runner, db_path, "status")
    # the last run's time (always readable), whichever run's changes are shown
    assert status.exit_code == 0 and f"Last recorded run: {later['taken_at']}" in status.output
