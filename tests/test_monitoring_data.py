"""What a journalist monitoring the cited sources reads besides the report: the changes file
of a scheduled run, the time a source's state changed, and the Datasette canned queries
(crawler/datasette-metadata.json), each checked against what the JSON report says."""

import json
import re
import sqlite3
from pathlib import Path

import pytest

from crawler import crawl, report_data, schedule
from crawler.classify import CLASSES
from crawler.config import SETTINGS, load_config
from crawler.state import record_check
from tests.factories import Factory

METADATA = Path(__file__).resolve().parent.parent / "crawler" / "datasette-metadata.json"
QUERIES = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["citewatch"]["queries"]
QUICK = {**{s.name: s.default for s in SETTINGS}, "dead_after_checks": 2, "dead_after_days": 0.0}


def _config(tmp_path, db_path):
    return load_config(env={}, db=str(db_path), data_dir=str(tmp_path / "data"))


def _letter_with_dead_post(db) -> dict:
    """The factories' letter, its tweet resolved to a post (a source of its own) that is dead:
    the report names the post, citations.source_id the handle."""
    f = Factory(db)
    ids = f.letter()
    post = f.source("https://twitter.com/mfa_latvia/status/1245", kind="twitter")
    db["sources"].update(post, {"key": "twitter:status/1245", "state": "dead",
                                "state_since": "2026-01-02T00:00:00+00:00"})
    f.fetch(ids["crawl"], post, "post-not-found", status=404, purpose="post-state", final=1)
    db.execute("update citations set resolution = ? where statement_id = ?",
               [json.dumps({"status": "resolved", "post_source_id": post}), ids["tweet"]["statement"]])
    db.conn.commit()
    ids["post"] = post
    return ids


def _rows(db_path, name: str, **params) -> list[dict]:
    """A canned query's rows, run by plain sqlite3 on the database file, as Datasette runs it."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(QUERIES[name]["sql"], params)]
    finally:
        conn.close()


# --- 1: the changes file holds the report's `changes` ------------------------------------


def test_changes_file_is_the_reports_changes_object(db, db_path, tmp_path):
    Factory(db).letter()
    config = _config(tmp_path, db_path)
    schedule.after_run(db, config, scheduled=True)
    written = json.loads(schedule.changes_path(config).read_text(encoding="utf-8"))
    reported = json.loads(json.dumps(report_data.build(db, config=config)["changes"]))
    assert written == reported
    assert {"scheduled", "previous_taken_at", "crawls_since", "last_crawl_at"} <= written.keys()
    assert written["scheduled"] is True


# --- 12: a state's time is its deciding check's ------------------------------------------


def test_dead_since_is_the_deciding_fetchs_time_not_the_writing(db):
    """The check is written five minutes after its fetch began (a busy crawl): state_since,
    the history's dead_since, first_dead and the dead event all say the fetch's time."""
    f = Factory(db)
    source = f.source("https://gone.example.org/page")
    for hour in (1, 2):
        started = f"2026-01-01T0{hour}:00:00+00:00"
        crawl_id = f.crawl(started)
        fetch_id = f.fetch(crawl_id, source, "client-error", status=404, final=1)
        with db.conn:
            record_check(db, source, {"at": f"2026-01-01T0{hour}:05:00+00:00", "class": "client-error",
                                      "reason": "404", "attempt": "citewatch", "crawl_id": crawl_id,
                                      "fetch_id": fetch_id}, QUICK)
    stored = db["sources"].get(source)
    assert (stored["state"], stored["state_since"]) == ("dead", "2026-01-01T02:00:00+00:00")
    assert stored["first_failed"] == "2026-01-01T01:00:00+00:00"
    reported = next(s for s in report_data.build(db)["sources"] if s["id"] == source)["history"]
    assert reported["dead_since"] == reported["first_dead"] == "2026-01-01T02:00:00+00:00"
    assert [e["at"] for e in reported["events"] if e["event"] == "dead"] == ["2026-01-01T02:00:00+00:00"]


def test_a_crawls_state_since_is_its_fetchs_start(web, db, db_path, tmp_path):
    """A real crawl of a page that takes over a second to answer: the source's new state is
    dated when its fetch began (the seconds of fetches.started_at), not when it was stored."""
    f = Factory(db)
    doc = f.document(title="Letter citing a slow page")
    url = f"{web['main']}/crawl/slow/monitoring?ms=1200"
    source = f.source(url)
    f.citation(doc, f.statement(doc, 1, "Entity", "The Ministry calls upon all parties."), 1, source, url=url)
    db.conn.commit()
    config = _config(tmp_path, db_path).with_overrides(
        allow_private_networks=True, host_delay=0.0, retries=0, fetch_timeout=10.0, autothrottle=False,
        soft404_probe=False, obey_robots=False, extract_workers=1)
    assert crawl.run(db, config, show_progress=False)["sources"] == 1
    started = db.execute("select started_at from fetches where source_id = ? and purpose = 'live' and final = 1",
                         [source]).fetchone()[0]
    stored = db["sources"].get(source)
    assert stored["state"] == "live" and stored["state_since"] == started
    assert json.loads(stored["checks"])[-1]["at"] == started


# --- 8: the canned queries answer as the report does -------------------------------------


@pytest.fixture
def letter_file(db, db_path):
    ids = _letter_with_dead_post(db)
    return db_path, ids


def test_every_canned_query_runs(letter_file):
    db_path, _ = letter_file
    for name, query in QUERIES.items():
        params = {p: "ceasefire" for p in re.findall(r":(\w+)", query["sql"])}
        _rows(db_path, name, **params)   # raises on a query this schema cannot run


def test_dead_sources_counts_the_post_as_the_report_does(db, letter_file):
    db_path, ids = letter_file
    rows = _rows(db_path, "dead_sources")
    footnotes = report_data.build(db)["documents"][0]["footnotes"]
    assert {r["source_id"] for r in rows} == {f["source_id"] for f in footnotes if f["state"] == "dead"}
    assert {r["source_id"] for r in rows} == {ids["dead"]["source"], ids["post"]}
    assert {r["document"] for r in rows} == {"Letter dated 20 May 2020"}


def test_link_rot_by_domain_is_the_reports(db, letter_file):
    db_path, _ = letter_file
    by_domain = report_data.build(db)["link_rot"]["by_domain"]
    keys = ("host", "checked", "live", "failing", "dead", "rot_rate")
    assert _rows(db_path, "link_rot_by_domain") == [{k: row[k] for k in keys} for row in by_domain]
    assert any(row["dead"] for row in by_domain)   # a dead source counted failing too, as the report does


def test_dead_unarchived_is_the_reports(db, letter_file):
    db_path, ids = letter_file
    rows = _rows(db_path, "dead_unarchived")
    assert [r["source_id"] for r in rows] == [ids["post"]]   # the dead web page has a memento
    assert len(rows) == report_data.build(db)["summary"]["dead_unarchived"]
    assert rows[0]["citations"] == 1


def test_dead_unarchived_names_every_rot_class():
    """The query lists the rot classes (a memento of one is no archived copy): a class added
    to crawler/classify.py must be added there."""
    listed = set(re.findall(r"'([a-z0-9-]+)'", re.search(r"not in \(([^)]*)\)", QUERIES["dead_unarchived"]["sql"])[1]))
    assert listed == {cls for cls, (kind, _) in CLASSES.items() if kind == "rot"}


def test_verdicts_by_document_are_the_reports(db, letter_file):
    db_path, _ = letter_file
    rows = _rows(db_path, "verdicts_by_document")
    assert {r["verdict"]: r["statements"] for r in rows} == report_data.build(db)["summary"]["quotes_by_verdict"]


def test_the_metadata_says_which_source_a_social_citation_counts():
    assert "post_source_id" in QUERIES["dead_sources"]["description"]
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    assert "citewatch-demo.db" in metadata["description"]
