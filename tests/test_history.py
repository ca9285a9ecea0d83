"""History across crawls: per-source milestones and events, rot rates, changes between runs."""

import json

from crawler import history
from tests.factories import Factory

DAY = "2026-01-{:02d}T00:00:00+00:00".format

V1 = "The ministry calls for restraint and dialogue between all parties."
V2 = "The ministry calls for restraint, dialogue and an immediate ceasefire between all parties today."


def _source_through_five_crawls(f):
    """live (v1) → live (v2, changed) → 404 → 404 → live (v2 again)."""
    source = f.source("https://mfa.example.org/statement")
    crawls = [f.crawl(DAY(d)) for d in (1, 2, 3, 4, 5)]
    f.fetch(crawls[0], source, "live", text=V1)
    f.fetch(crawls[1], source, "live", text=V2)
    f.fetch(crawls[2], source, "client-error", status=404)
    f.fetch(crawls[3], source, "client-error", status=404)
    # the same page again: the texts table keeps one row per distinct text, so this fetch
    # has no text row of its own; its bytes tell it is the text of crawl 2
    f.fetch(crawls[4], source, "live", body=f"<html><title>None</title><p>{V2}</p></html>")
    return source


def test_history_tells_milestones_changes_and_recovery(db):
    f = Factory(db)
    source = _source_through_five_crawls(f)
    f.snapshot(source, "20260102120000", found_at=DAY(2))
    checks = history.load_checks(db)[source]
    assert [c.outcome for c in checks] == ["live", "live", "failing", "failing", "live"]
    assert checks[4].text_sha256 == checks[1].text_sha256
    h = history.source_history(db, db["sources"].get(source), checks, list(db["snapshots"].rows))
    assert (h["first_live"], h["last_live"], h["first_failing"]) == (DAY(1), DAY(5), DAY(3))
    events = [(e["at"], e["event"]) for e in h["events"]]
    assert events == [(DAY(1), "first-seen"), (DAY(2), "content-changed"), (DAY(2), "memento"),
                      (DAY(3), "failing"), (DAY(5), "recovered")]
    change = next(e for e in h["events"] if e["event"] == "content-changed")
    # "restraint and dialogue" -> "restraint, dialogue and an immediate ceasefire ... today"
    assert change["words_before"] == len(V1.split()) and change["words_after"] == len(V2.split())
    assert change["words_added"] == history.text_change(V1, V2).size["words_added"] > 0
    assert next(e for e in h["events"] if e["event"] == "failing")["status"] == 404


def test_a_text_change_size_counts_words_not_bytes():
    size = history.text_change("a b c d", "a x c d e").size
    assert (size["words_added"], size["words_removed"]) == (2, 1)
    assert size["changed_ratio"] == round(3 / 9, 4)
    assert history.text_change("same words", "same  words").size["changed_ratio"] == 0


def test_walls_are_not_rot_and_reset_the_count_toward_dead(db):
    f = Factory(db)
    source = f.source("https://walled.example.org/a")
    for day, cls in ((1, "live"), (2, "blocked"), (5, "timeout"), (8, "blocked"), (11, "timeout")):
        f.fetch(f.crawl(DAY(day)), source, cls, status=403 if cls == "blocked" else None)
    checks = history.load_checks(db)[source]
    assert [c.outcome for c in checks] == ["live", "uncertain", "failing", "uncertain", "failing"]
    assert [c.state for c in checks] == ["live", "blocked", "failing", "blocked", "failing"]
    assert checks[-1].failing_checks == 1
    h = history.source_history(db, db["sources"].get(source), checks, [])
    assert [e["event"] for e in h["events"]] == ["first-seen", "blocked", "failing", "blocked", "failing"]
    assert h["first_dead"] is None


def test_a_dead_spell_stays_in_the_history_after_recovery(db):
    f = Factory(db)
    source = f.source("https://gone.example.org/a")
    for day, cls in ((1, "client-error"), (2, "client-error"), (4, "client-error"), (7, "client-error"), (8, "live")):
        f.fetch(f.crawl(DAY(day)), source, cls, status=404 if cls != "live" else 200)
    checks = history.load_checks(db)[source]  # default rule: 3 failing checks at least 3 days apart
    assert [c.failing_checks for c in checks] == [1, 1, 2, 3, 0]
    assert [c.state for c in checks] == ["failing", "failing", "failing", "dead", "live"]
    h = history.source_history(db, db["sources"].get(source), checks, [])
    assert [(e["at"], e["event"]) for e in h["events"][1:]] == [(DAY(1), "failing"), (DAY(7), "dead"),
                                                                 (DAY(8), "recovered")]
    assert (h["first_failing"], h["first_dead"], h["dead_since"]) == (DAY(1), DAY(7), None)
    stricter = history.load_checks(db, (2, 0.0))[source]
    assert [c.state for c in stricter][:2] == ["failing", "dead"]


def test_only_the_deciding_attempt_is_a_check(db):
    f = Factory(db)
    source = f.source("https://bot-wall.example.org/a")
    crawl = f.crawl(DAY(1))
    f.fetch(crawl, source, "blocked", status=403, final=0)
    f.fetch(crawl, source, "live", attempt="browser", text=V1)
    checks = history.load_checks(db)[source]
    assert [(c.fetch_class, c.outcome) for c in checks] == [("live", "live")]


def test_rot_rate_per_domain_and_over_time(db):
    f = Factory(db)
    a1, a2 = f.source("https://a.example.org/1"), f.source("https://a.example.org/2")
    b1 = f.source("https://b.example.org/1")
    c1, c2 = f.crawl(DAY(1)), f.crawl(DAY(8))
    for source in (a1, a2, b1):
        f.fetch(c1, source, "live", text=f"text of {source}")
    f.fetch(c2, a1, "client-error", status=410)  # a scheduled crawl re-checks only a1
    db["sources"].update(a1, {"state": "failing"})
    checks = history.load_checks(db)
    by_domain = history.rot_by_domain(list(db["sources"].rows), checks)
    assert by_domain[0] == {"host": "a.example.org", "checked": 2, "live": 1, "failing": 1, "uncertain": 0,
                            "dead": 0, "rot_rate": 0.5}
    assert by_domain[1]["host"] == "b.example.org" and by_domain[1]["rot_rate"] == 0
    over_time = history.rot_over_time(db, checks)
    assert [(r["crawl_id"], r["checked_in_crawl"], r["known"], r["rotten"]) for r in over_time] == [
        (c1, 3, 3, 0), (c2, 1, 3, 1)]
    assert over_time[1]["rot_rate"] == round(1 / 3, 4)


def test_changes_between_runs(db):
    f = Factory(db)
    ids = f.letter()
    other = f.source("https://new-rot.example.org/a", state="live")
    f.fetch(f.crawl(DAY(1)), other, "live", text="old")
    first = history.record_run(db)
    assert first["first_run"] and first["count"] == 0
    again = history.record_run(db)
    assert not again["first_run"] and again["count"] == 0 and again["previous_run_state_id"] == first["run_state_id"]

    live, failing, dead = ids["live"]["source"], ids["failing"]["source"], ids["dead"]["source"]
    crawl = f.crawl(DAY(9), scheduled=True)
    f.fetch(crawl, live, "live", text="We call on all parties to respect human rights and international law.")
    f.fetch(crawl, failing, "live", text="Austria supports a ceasefire.")
    f.fetch(crawl, other, "client-error", status=404)   # (strong evidence: a 503 once is failing_once, not counted)
    db["sources"].update(failing, {"state": "live"})
    db["sources"].update(other, {"state": "failing"})
    db["sources"].update(live, {"state": "dead"})  # (a state machine's decision, for the test)
    db["quote_checks"].update(1, {"verdict": "altered"})
    changes = history.record_run(db, scheduled=True)
    assert [c["source_id"] for c in changes["newly_dead"]] == [live]
    assert [c["source_id"] for c in changes["newly_failing"]] == [other]
    assert [(c["source_id"], c["from"], c["to"]) for c in changes["recovered"]] == [(failing, "failing", "live")]
    drift = changes["content_drift"]
    # "rights." -> "rights and international law."
    assert [(d["source_id"], d["words_added"], d["words_removed"]) for d in drift] == [(live, 4, 1)]
    assert changes["verdict_changed"] == [{"statement_id": ids["live"]["statement"], "entity": "Council of Europe",
                                           "footnote": 1, "document_id": ids["document"],
                                           "from": "verbatim", "to": "altered"}]
    assert changes["count"] == 5
    assert dead not in [c["source_id"] for key in ("newly_dead", "recovered") for c in changes[key]]
    stored = db["run_states"].get(changes["run_state_id"])
    assert stored["changed"] == 5 and stored["scheduled"] == 1 and stored["crawl_id"] == crawl
    assert json.loads(stored["changes"])["newly_dead"][0]["url"] == db["sources"].get(live)["url"]
    assert history.latest_changes(db)["run_state_id"] == changes["run_state_id"]
    assert [json.loads(r["state"]) == {} for r in db["run_states"].rows] == [True, True, False]
    assert all(json.loads(r["changes"])["taken_at"] for r in db["run_states"].rows)


def test_a_changed_verdict_of_a_quote_list_row_is_named_by_its_row(db):
    """A quote list's statement has no footnote and often no speaker: its change is named by
    the list's row id ("row coe-1"), in the changes, the terminal, Markdown and HTML, never
    "None (footnote None)"."""
    from rich.console import Console

    from crawler import report, report_data, schedule

    f = Factory(db)
    ids = f.letter()
    statement = ids["live"]["statement"]
    db.execute("update statements set entity = null where id = ?", [statement])
    db["quote_rows"].insert({"document_id": ids["document"], "row_key": "coe-1", "statement_id": statement,
                             "sha256": "x", "source": "https://coe.example/", "updated_at": DAY(1)})
    history.record_run(db)
    db["quote_checks"].update(1, {"verdict": "altered"})
    changes = history.record_run(db, scheduled=True)
    assert [(c["row"], c["entity"]) for c in changes["verdict_changed"]] == [("coe-1", None)]
    console = Console(record=True, width=200)
    schedule.print_changes(changes, console)
    assert "verdict changed: row coe-1: verbatim → altered" in console.export_text()
    data = report_data.build(db)
    assert "verdict changed for row coe-1: verbatim → altered" in report.render(data, "md")
    html = report.render(data, "html")
    assert "Verdict changed for row coe-1: verbatim → altered" in html and "footnote None" not in html
    assert history.statement_named({"entity": "Estonia", "row": "r7"}) == "Estonia (row r7)"
    assert history.statement_named({"entity": "Estonia", "footnote": 3}) == "Estonia (footnote 3)"
