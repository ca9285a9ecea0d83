"""An offline crawl is no evidence of rot: its checks are withdrawn, the states stay as they were.

The test environment resolves no host name (tests/conftest.py's OFFLINE), so a crawl of
sources at example hosts is what a crawl on a machine without network does: every fetch
ends dns-failure, and no canary host (network_canaries) answers either.  With a canary
on the test web answering, the same failures are sources really gone, and they count.  The crawls run `citewatch crawl` as a user does; the unit tests drive
crawler/state.py on a real SQLite database.
"""

from __future__ import annotations

import json
import re

from crawler.cli import cli
from crawler.config import SETTINGS
from crawler.report_data import build
from crawler.state import OFFLINE_REASON, due_sources, finish_crawl, open_crawl, record_check, seemed_offline, withdraw_offline_checks
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome, source

FIELDS = ("state", "state_reason", "state_since", "failing_checks", "first_failed", "last_live")
CONFIG = {s.name: s.default for s in SETTINGS}
OFFLINE = {**CONFIG, "resolve_hosts": ["*=fail"]}  # the default canaries, none of them resolving


def _history(cls: str, kind: str, days: list[int], counts: bool) -> list[dict]:
    """Checks of earlier crawls, stored as test_crawl's dead-rule test prepares them."""
    return [{"at": f"2026-01-{d:02d}T00:00:00+00:00", "class": cls, "reason": cls, "attempt": "citewatch", "kind": kind,
             "counts": counts, "strength": "strong" if kind == "rot" else None} for d in days]


def _prepare(db) -> dict[str, int]:
    """A live source, a failing one a single counted check short of dead, and one never checked."""
    live, failing, fresh = (f"https://{name}.example/statement" for name in ("live-ministry", "failing-ministry", "new-ministry"))
    ids = add_sources(db, [live, failing, fresh])
    db["sources"].update(ids[live], {"state": "live", "state_reason": "200 OK", "state_since": "2026-01-01T00:00:00+00:00",
                                     "last_live": "2026-01-01T00:00:00+00:00",
                                     "checks": json.dumps(_history("live", "ok", [1], False))})
    db["sources"].update(ids[failing], {
        "state": "failing", "state_reason": "failing (2 checks, strong evidence): 404", "failing_checks": 2,
        "state_since": "2026-01-01T00:00:00+00:00", "first_failed": "2026-01-01T00:00:00+00:00",
        "checks": json.dumps(_history("client-error", "rot", [1, 5], True))})
    return {"live": ids[live], "failing": ids[failing], "fresh": ids[fresh]}


def test_an_offline_crawl_leaves_every_state_as_it_was(web, env, db, tmp_path):
    ids = _prepare(db)
    before = {name: {f: source(db, sid)[f] for f in FIELDS} for name, sid in ids.items()}
    checks_before = {name: source(db, sid)["checks"] for name, sid in ids.items()}
    fast = fast_env(env, web, tmp_path)

    for run in (1, 2):  # a second offline run (days after the last counted check) must not make one dead
        result = crawl_here(fast)
        output = " ".join(result.stdout.split())
        assert output.count("the network seems unreachable: all 3 sources failed") == 1, output
        assert "their states were left as they were" in output
        for name, sid in ids.items():
            assert outcome(db, sid)["class"] == "dns-failure"  # the fetch keeps its class
            row = source(db, sid)
            assert {f: row[f] for f in FIELDS} == before[name], name
            kept = row["checks"]
            assert kept[:len(checks_before[name])] == checks_before[name]  # earlier checks count as before
            assert len(kept) == len(checks_before[name]) + run
            for check in kept[-run:]:
                assert check["class"] == "dns-failure" and check["fetch_id"]
                assert check["ignored"] is True and check["counts"] is False and check["withdrawn"] == OFFLINE_REASON
                assert "prior" not in check
    assert db.execute("select count(*) from fetches where purpose = 'live' and final = 1").fetchone()[0] == 6
    assert [tuple(r) for r in db.execute("select status, offline from crawls order by id")] == [("finished", 1)] * 2


def test_one_answering_source_means_the_network_was_there(web, env, db, tmp_path):
    ids = _prepare(db)
    answering = add_sources(db, [web["main"] + "/crawl/live?key=offline-reachable"])
    result = crawl_here(fast_env(env, web, tmp_path))
    assert "the network seems unreachable" not in result.stdout
    assert outcome(db, next(iter(answering.values())))["class"] == "live"
    fresh, failing, live = source(db, ids["fresh"]), source(db, ids["failing"]), source(db, ids["live"])
    assert fresh["state"] == "failing" and fresh["state_reason"].startswith("failing (1 check, strong evidence)")
    assert failing["state"] == "dead" and failing["failing_checks"] == 3  # the third counted check, as before
    assert live["state"] == "failing"
    assert all(s["checks"][-1]["counts"] and "withdrawn" not in s["checks"][-1] for s in (fresh, failing, live))
    summary = build(db)["summary"]
    assert summary["unrecoverable"] == 3  # judged not live, and no archived copy


def test_sources_really_gone_count_when_the_web_answers(web, env, db, tmp_path):
    # A recheck of failing sources only: every one fails at the network level, but the
    # network is there (a canary on the test web answers), so the failures are the sources'.
    ids = _prepare(db)
    canary = web["main"] + "/crawl/live?key=canary"
    result = crawl_here(fast_env(env, web, tmp_path, network_canaries=canary))
    assert "the network seems unreachable" not in result.stdout
    assert {outcome(db, sid)["class"] for sid in ids.values()} == {"dns-failure"}
    fresh, failing = source(db, ids["fresh"]), source(db, ids["failing"])
    assert fresh["state"] == "failing" and fresh["state_reason"].startswith("failing (1 check, strong evidence)")
    assert failing["state"] == "dead" and failing["failing_checks"] == 3
    assert not any("withdrawn" in s["checks"][-1] for s in (fresh, failing))
    assert db.execute("select offline from crawls").fetchone()[0] == 0
    assert build(db)["summary"]["unrecoverable"] == 3


def test_a_refused_citation_does_not_hide_an_offline_crawl(web, env, db, tmp_path):
    # citewatch refuses an ftp:// URL before anything is sent: that says nothing about the
    # network, so the web sources' DNS failures still make the crawl offline.
    ids = _prepare(db)
    before = {name: {f: source(db, sid)[f] for f in FIELDS} for name, sid in ids.items()}
    ftp = add_sources(db, ["ftp://ftp.un.example/documents/A-74-855.pdf"])["ftp://ftp.un.example/documents/A-74-855.pdf"]
    result = crawl_here(fast_env(env, web, tmp_path))
    output = " ".join(result.stdout.split())
    assert "the network seems unreachable: all 3 sources failed" in output, output
    assert db.execute("select offline from crawls").fetchone()[0] == 1
    for name, sid in ids.items():
        assert {f: source(db, sid)[f] for f in FIELDS} == before[name], name
        assert source(db, sid)["checks"][-1]["withdrawn"] == OFFLINE_REASON
    refused = source(db, ftp)
    assert outcome(db, ftp)["class"] == "refused" and refused["state"] == "unknown"
    assert "withdrawn" not in refused["checks"][-1]  # decided without the network: it stands
    assert build(db)["summary"]["unrecoverable"] == 1  # the source failing before the run, as it was


def test_status_after_an_offline_run_reports_nothing_unrecoverable(web, env, db, db_path, runner, tmp_path):
    ids = add_sources(db, [f"https://ministry-{i}.example/statement" for i in range(4)])
    crawl_here(fast_env(env, web, tmp_path))
    assert {source(db, sid)["state"] for sid in ids.values()} == {"unknown"}
    summary = build(db)["summary"]
    assert summary["unrecoverable"] == 0 and summary["sources_by_state"] == {"unknown": 4}
    shown = runner.invoke(cli, ["status", "--db", str(db_path)])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"unrecoverable\s*│\s*0\s", shown.output), shown.output


# --- the withdrawal on a database, check by check ---------------------------------------


def _check(crawl_id: int, cls: str, at: str, fetch_id: int) -> dict:
    return {"at": at, "class": cls, "reason": cls, "attempt": "citewatch", "crawl_id": crawl_id, "fetch_id": fetch_id}


def _fetch(db, crawl_id: int, source_id: int, cls: str) -> int:
    """The deciding live fetch the pipeline would have stored with the check."""
    return db["fetches"].insert({"crawl_id": crawl_id, "source_id": source_id, "purpose": "live", "attempt": 1,
                                 "requested_url": f"https://x.example/{source_id}", "class": cls, "final": 1}).last_pk


def _record(db, crawl_id: int, source_id: int, cls: str, at: str, **extra) -> None:
    with db.conn:
        record_check(db, source_id, {**_check(crawl_id, cls, at, _fetch(db, crawl_id, source_id, cls)), **extra}, CONFIG)


def crawl_of_one_check(db, source_id: int, cls: str, at: str) -> int:
    """A finished crawl that gave the source one check of class `cls` at `at`: its id."""
    with db.conn:
        crawl_id, _ = open_crawl(db, {})
    _record(db, crawl_id, source_id, cls, at)
    with db.conn:
        finish_crawl(db, crawl_id)
    return crawl_id


def _failing_once(db) -> tuple[int, dict]:
    """A source failed by one counted check of a finished crawl: (its id, its row)."""
    sid = add_sources(db, ["https://a.example/x"])["https://a.example/x"]
    crawl_of_one_check(db, sid, "client-error", "2026-01-01T00:00:00+00:00")
    before = source(db, sid)
    assert before["state"] == "failing" and before["failing_checks"] == 1 and before["checks"][-1]["counts"]
    return sid, before


def test_a_counted_timeout_is_undone_with_every_field(db):
    sid, before = _failing_once(db)
    with db.conn:
        offline, _ = open_crawl(db, {})
    _record(db, offline, sid, "timeout", "2026-01-09T00:00:00+00:00")  # days later: it counts
    during = source(db, sid)
    assert during["failing_checks"] == 2
    with db.conn:
        finish_crawl(db, offline, values=OFFLINE)
    after = source(db, sid)
    assert {f: after[f] for f in FIELDS} == {f: before[f] for f in FIELDS}
    assert after["checks"][0] == before["checks"][0]
    assert after["checks"][1]["withdrawn"] == OFFLINE_REASON
    assert after["next_check"] != during["next_check"]  # due again now, not after recheck_failing
    with db.conn:
        assert [s["id"] for s in due_sources(db, open_crawl(db, {})[0])] == [sid]


def test_a_check_that_reset_the_earlier_counts_gets_them_back(db):
    sid, before = _failing_once(db)
    with db.conn:
        offline, _ = open_crawl(db, {})
    # an unconfirmed answer (a syndication check asks for two in a row) resets the count; the
    # earlier check keeps its `counts`, what it was when recorded
    _record(db, offline, sid, "dns-failure", "2026-01-02T00:00:00+00:00", confirm=2)
    during = source(db, sid)
    assert (during["state"], during["failing_checks"]) == ("unknown", 0) and during["checks"][0]["counts"]
    with db.conn:
        finish_crawl(db, offline, values=OFFLINE)
    after = source(db, sid)
    assert {f: after[f] for f in FIELDS} == {f: before[f] for f in FIELDS}
    assert after["checks"][0] == before["checks"][0]
    # counted again: a 404 two days after it is sooner than dead_after_days (3) and adds nothing
    crawl_of_one_check(db, sid, "client-error", "2026-01-03T00:00:00+00:00")
    assert (source(db, sid)["state"], source(db, sid)["failing_checks"]) == ("failing", 1)


def test_a_resumed_crawl_is_withdrawn_whole_and_only_once(db):
    a, b = add_sources(db, ["https://a.example/x", "https://b.example/y"]).values()
    with db.conn:
        crawl_id, resumed = open_crawl(db, {})
    _record(db, crawl_id, a, "dns-failure", "2026-01-01T00:00:00+00:00")
    with db.conn:
        finish_crawl(db, crawl_id, "interrupted")  # killed: nothing is judged yet
    assert source(db, a)["state"] == "failing"
    with db.conn:
        again, resumed = open_crawl(db, {})
    assert (again, resumed) == (crawl_id, True)
    _record(db, crawl_id, b, "connection-error", "2026-01-01T00:05:00+00:00")
    with db.conn:
        finish_crawl(db, crawl_id, values=OFFLINE)
    rows = [source(db, a), source(db, b)]
    assert [r["state"] for r in rows] == ["unknown", "unknown"]
    assert [r["failing_checks"] for r in rows] == [0, 0] and [r["first_failed"] for r in rows] == [None, None]
    assert all(r["checks"][-1]["ignored"] for r in rows)
    with db.conn:
        assert withdraw_offline_checks(db, crawl_id) == 0  # already withdrawn: nothing changes
    assert [source(db, a), source(db, b)] == rows


def test_only_a_crawl_failed_wholly_at_the_network_level_seems_offline():
    assert seemed_offline({"dns-failure": 3, "connection-error": 1, "timeout": 1})
    assert not seemed_offline({"dns-failure": 3, "live": 1})
    assert not seemed_offline({"dns-failure": 2, "client-error": 1})
    assert not seemed_offline({})
    # refused is decided before anything is sent: left out, but a crawl of refusals alone is not offline
    assert seemed_offline({"dns-failure": 3, "refused": 1})
    assert not seemed_offline({"refused": 2})
    # a robots.txt refusal needs robots.txt's answer (a failed download allows the fetch): the network was there
    assert not seemed_offline({"dns-failure": 3, "blocked-by-robots": 1})


def test_rot_rates_leave_an_offline_crawl_out(db):
    sid, _ = _failing_once(db)
    offline_only = add_sources(db, ["https://b.example/y"])["https://b.example/y"]
    with db.conn:
        offline, _ = open_crawl(db, {})
    for source_id in (sid, offline_only):
        _record(db, offline, source_id, "dns-failure", "2026-01-09T00:00:00+00:00")
    with db.conn:
        finish_crawl(db, offline, values=OFFLINE)
    report = build(db)
    assert [row["crawl_id"] for row in report["link_rot"]["over_time"]] == [offline - 1]
    assert [(r["host"], r["checked"], r["failing"]) for r in report["link_rot"]["by_domain"]] == [("a.example", 1, 1)]


def test_an_offline_machine_whose_resolver_says_try_again_is_offline_too(web, env, db, tmp_path):
    # Without a reachable name server getaddrinfo answers EAI_AGAIN ("Temporary failure in name
    # resolution"), a resolver hiccup (connection-error, retried), not NXDOMAIN: still offline.
    ids = _prepare(db)
    before = {name: {f: source(db, sid)[f] for f in FIELDS} for name, sid in ids.items()}
    result = crawl_here(fast_env(env, web, tmp_path, resolve_hosts="*=again"))
    output = " ".join(result.stdout.split())
    assert output.count("the network seems unreachable: all 3 sources failed") == 1, output
    for name, sid in ids.items():
        assert (outcome(db, sid)["class"], outcome(db, sid)["evidence"]["dns"]) == ("connection-error", "temporary")
        assert {f: source(db, sid)[f] for f in FIELDS} == before[name], name
        assert source(db, sid)["checks"][-1]["withdrawn"] == OFFLINE_REASON
    assert db.execute("select offline from crawls").fetchone()[0] == 1
