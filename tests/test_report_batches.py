"""The report reads its footnote rows' statements and verdicts a batch of rows at a time
(report_data `_footnotes`): one query of each per batch, not one per row, and each row still
gets its own statement and its verdict, for a statement whose footnotes fall on either side of
a batch's edge too, and for the statements no footnote cites."""

from __future__ import annotations

from collections import Counter

import lxml.html

from crawler import report, report_data
from tests.factories import Factory

EDGE = report_data._BATCH   # the statement whose own footnote is a batch's last row


def _document(db, statements: int) -> dict[int, int]:
    """A letter of `statements` statements, each with its overall check (its score its seq), all
    but the last cited by one footnote (seq 2, 4, …); statement EDGE also by a second (its last
    seq + 1), the first row of the next batch; the first also has a text check under its
    overall one."""
    db.execute("PRAGMA synchronous = OFF")             # 1,500 rows inserted one at a time: no sync each
    f = Factory(db)
    doc = f.document()
    source = f.source("https://example.org/statement")
    ids = {}
    for seq in range(1, statements + 1):
        ids[seq] = f.statement(doc, seq, f"State {seq}", f"Quote number {seq}.")
        f.check(ids[seq], "verbatim" if seq % 2 else "altered", score=float(seq))
        if seq < statements:
            f.citation(doc, ids[seq], 2 * seq, source_id=source, url="https://example.org/statement")
    f.citation(doc, ids[EDGE], 2 * EDGE + 1, source_id=source, url="https://example.org/statement")
    text = f.text(source, "Quote number 1.", url="https://example.org/statement")
    f.check(ids[1], "verbatim", score=100.0, scope="text", text_id=text)
    return ids


def test_each_row_gets_its_statement_s_verdict_from_a_query_per_batch(db):
    ids = _document(db, EDGE + 2)                       # two batches of cited rows, and one uncited
    asked = []
    db.conn.set_trace_callback(lambda sql: asked.append(sql.lower().replace('"', "").split(" where ")[0]))
    footnotes = report_data.stream(db)["documents"][0]["footnotes"]   # its summary has read them once
    asked.clear()
    rows = list(footnotes)
    db.conn.set_trace_callback(None)

    order = [*range(1, EDGE + 1), EDGE, EDGE + 1, EDGE + 2]
    assert [(f["statement"]["id"], f["verdict"]["score"]) for f in rows] == [(ids[s], float(s)) for s in order]
    assert [f["seq"] for f in rows[EDGE - 1:EDGE + 1]] == [2 * EDGE, 2 * EDGE + 1]      # either side of the edge
    assert rows[EDGE]["statement_verdict"] == rows[EDGE - 1]["statement_verdict"]
    assert [f["verdict"]["verdict"] for f in rows[:3]] == ["verbatim", "altered", "verbatim"]
    assert [f["citation_id"] is None for f in rows[-2:]] == [False, True]
    # the overall check wins over the text check, every field from its own row: its evidence
    # names no text, so none is named (not the text check's, whose score and span are not these)
    assert rows[0]["verdict"]["score"] == 1.0
    assert (rows[0]["verdict"]["text_url"], rows[0]["verdict"]["text_origin"]) == (None, None)
    # a query of each per batch: two batches of citations, one of uncited statements (read by one more)
    assert sum("from quote_checks" in sql for sql in asked) == 3
    assert sum(sql.endswith("from statements") for sql in asked) == 2 + 1


def _statements_citing_one_page(db, statements: int, cited: int):
    """(factory, document id): `statements` statements, checked verbatim and altered in turn, the first
    `cited` of them citing one web page."""
    f = Factory(db)
    doc = f.document()
    source = f.source("https://example.org/statement")
    for seq in range(1, statements + 1):
        statement = f.statement(doc, seq, f"State {seq}", f"Quote number {seq}.")
        f.check(statement, "verbatim" if seq % 2 else "altered")
        if seq <= cited:
            f.citation(doc, statement, seq, source_id=source, url="https://example.org/statement")
    return f, doc


def test_the_html_report_builds_its_footnote_rows_once(db):
    """Each row is a verdict worked out from its statement's checks: the HTML report read every
    document's rows once for the filters' choices and again to lay them out (0.08 s of 0.83 s at
    3,000 citations).  It reads them once: the choices are the rows' own states and verdicts,
    which report.js offers (the filters show only with it), and the history per source names an
    offline source as printed by the rows laid out before it."""
    f, doc = _statements_citing_one_page(db, statements=3, cited=2)
    offline = f.source("offline:a printed book", kind="offline")
    db["sources"].update(offline, {"url": None})                # as ingest stores one
    f.citation(doc, None, 4, offline, kind="offline", printed="4 A printed book, p. 3")
    data = report_data.stream(db)
    reads = []
    for document in data["documents"]:
        rows = document["footnotes"]
        document["footnotes"] = report_data.Rows(lambda rows=rows, d=document["id"]: reads.append(d) or iter(rows),
                                                 len(rows))
    page = lxml.html.fromstring(report.render(data, "html"))
    assert reads == [doc]
    laid_out = page.xpath("//table[contains(@class,'footnotes')]/tbody/tr")
    assert len(laid_out) == len(rows) == 4
    assert [row.get("data-verdict") for row in laid_out] == ["verbatim", "altered", "unchecked", "verbatim"]
    assert [o.text for o in page.xpath("//select/option")] == ["any", "any"]     # the rest: report.js's, from the rows
    assert "4 A printed book, p. 3" in page.xpath("//h2[text()='History per source']/following-sibling::table[1]"
                                                  "//th[@scope='row']/text()")


def test_the_summary_counts_the_rows_without_building_them(db, monkeypatch):
    """Every report opens with its summary, counted from the footnote rows: it built each row
    (its verdicts as of its source's checks, its state, its links) and the writer built them
    all again, so an HTML or JSON report of 3,000 citations built 6,000.  The summary counts
    what the rows are made of; the figures stay the rows' own."""
    _statements_citing_one_page(db, statements=4, cited=3)
    built = []
    footnote = report_data._footnote
    monkeypatch.setattr(report_data, "_footnote", lambda *args, **kwargs: built.append(1) or footnote(*args, **kwargs))
    for fmt in ("html", "json"):
        built.clear()
        data = report_data.stream(db)
        report.render(data, fmt)
        assert len(built) == 4, fmt                       # each row once: by the writer
    summary = data["summary"]
    rows = list(data["documents"][0]["footnotes"])
    assert (summary["statements"], summary["citations"]) == (4, 3)
    assert summary["quotes_by_verdict"] == {"verbatim": 2, "altered": 2}
    assert summary["footnotes_by_verdict"] == dict(Counter(r["verdict"]["verdict"] for r in rows if r["citation_id"]))
