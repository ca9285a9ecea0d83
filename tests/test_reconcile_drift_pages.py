"""Content drift of a statement that cites several pages: each page's latest reading is
judged against that page's own earlier readings and mementos, never against another
page's (rows as the crawl and archive stages write them, without a crawl)."""

from __future__ import annotations

import json

import pytest

from crawler import reconcile, report, report_data
from tests.factories import Factory

QUOTE = "The Ministry does not recognise the so-called elections held on 31 March."
PAGE = "Statement of the Ministry. " + QUOTE + " It calls for dialogue."
WITHOUT = "Statement of the Ministry. It calls for dialogue."
A, B = "https://example.org/a", "https://example.org/b"
at = "2026-01-0{}T00:00:00+00:00".format


def _statement_citing(f: Factory, *urls: str) -> tuple[int, list[int]]:
    """One statement quoting QUOTE, with one footnote per URL: (statement, sources)."""
    doc = f.document()
    statement = f.statement(doc, 1, "Ministry", QUOTE)
    sources = [f.source(url) for url in urls]
    for seq, source in enumerate(sources, start=1):
        f.citation(doc, statement, seq, source, url=urls[seq - 1])
    return statement, sources


def overall(db, statement_id: int) -> dict:
    [row] = db.execute_returning_dicts(
        "select verdict, reason, evidence from quote_checks where statement_id = ? and scope = 'overall'",
        [statement_id])
    return {**row, "evidence": json.loads(row["evidence"])}


@pytest.mark.parametrize("a_read_on", [2, 4], ids=["a-stored-before-b-changed", "a-stored-last"])
def test_a_page_that_dropped_the_quote_is_drift_though_another_page_still_holds_it(db, a_read_on):
    """Page A still holds the quote; page B held it when first read and not since.  The
    verdict is verbatim on A, and the drift is B's, named by its URL, whichever page's text
    was stored last."""
    f = Factory(db)
    statement, (a, b) = _statement_citing(f, A, B)
    earlier = f.text(b, PAGE, created_at=at(1), url=B)
    now = f.text(b, WITHOUT, created_at=at(3), url=B)
    kept = f.text(a, PAGE, created_at=at(a_read_on), url=A)
    assert reconcile.run(db)["drift"] == 1
    top = overall(db, statement)
    assert (top["verdict"], top["evidence"]["text"]["id"]) == ("verbatim", kept)
    moved = top["evidence"]["drift"]
    assert (moved["source_id"], moved["url"], moved["kind"], moved["read_text_id"], moved["live_text_id"]) == (
        b, B, "removed", earlier, now)
    assert "other_pages" not in moved
    assert top["reason"].endswith(f"; content drift on {B}: verbatim in the page as read on 2026-01-01 00:00 UTC, "
                                  "not in the live page now")


def test_a_memento_of_one_page_is_no_drift_of_another(db):
    """Page A is dead, rescued by a memento that holds the quote; page B never held it.  B's
    live text was not changed: no drift (A's memento says nothing of B)."""
    f = Factory(db)
    statement, (a, b) = _statement_citing(f, A, B)
    memento = f.text(a, PAGE, origin="memento", memento_timestamp="20200401000000", created_at=at(1))
    f.text(b, "The Ministry publishes its statements on its new site.", created_at=at(2), url=B)
    assert reconcile.run(db)["drift"] == 0
    top = overall(db, statement)
    assert (top["verdict"], top["evidence"]["text"]["id"]) == ("verbatim", memento)
    assert "drift" not in top["evidence"] and "content drift" not in top["reason"]


def test_every_page_that_drifted_is_named_the_page_the_verdict_rests_on_first(db):
    """A's memento holds the quote, A's live page no longer does; B held it verbatim when
    first read and has it in other words now.  The verdict rests on A's memento: A's drift is
    `drift` (as the reports read it), B's is in `other_pages`, and the reason names both, the
    memento by its date."""
    f = Factory(db)
    statement, (a, b) = _statement_citing(f, A, B)
    memento = f.text(a, PAGE, origin="memento", memento_timestamp="20200401093000", created_at=at(1))
    gone = f.text(a, WITHOUT, created_at=at(2), url=A)
    earlier = f.text(b, PAGE, created_at=at(1), url=B)
    changed = f.text(b, PAGE.replace("does not recognise", "has taken note of"), created_at=at(3), url=B)
    assert reconcile.run(db)["drift"] == 1
    top = overall(db, statement)
    assert (top["verdict"], top["evidence"]["text"]["id"]) == ("verbatim", memento)
    moved = top["evidence"]["drift"]
    assert (moved["source_id"], moved["kind"], moved["memento_text_id"], moved["memento_timestamp"],
            moved["live_text_id"]) == (a, "removed", memento, "20200401093000", gone)
    [other] = moved["other_pages"]
    assert (other["source_id"], other["kind"], other["read_text_id"], other["live_text_id"], other["live_verdict"]) == (
        b, "changed", earlier, changed, "altered")
    assert top["reason"].endswith(
        "; content drift: verbatim in the memento of 2020-04-01 09:30 UTC, not in the live page"
        f"; content drift on {B}: verbatim in the page as read on 2026-01-01 00:00 UTC, altered in the live page now")
    rows = list(report.csv_rows(report_data.build(db)))  # one per footnote, each with its own page's drift
    assert [(r["footnote"], r["drift"], r["drift_memento_date"], r["drift_live_verdict"], r["drift_read_verdict"])
            for r in rows] == [(1, "removed", "2020-04-01T09:30:00+00:00", "not-in-source", None),
                               (2, "changed", None, "altered", "verbatim")]
