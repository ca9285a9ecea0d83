"""The report reads its footnote rows' verdicts a batch of rows at a time (report_data
`_verdicts`): one query of quote_checks per batch, not one per row, and each row still gets
its own statement's verdict, across a batch's edge and for the statements no footnote cites."""

from __future__ import annotations

from crawler import report_data
from tests.factories import Factory


def _document(db, statements: int) -> dict[int, int]:
    """A letter of `statements` statements, each with its overall check (its score its seq), all
    but the last cited by one footnote; the first also has a text check under its overall one."""
    db.execute("PRAGMA synchronous = OFF")             # 1,500 rows inserted one at a time: no sync each
    f = Factory(db)
    doc = f.document()
    source = f.source("https://example.org/statement")
    ids = {}
    for seq in range(1, statements + 1):
        ids[seq] = f.statement(doc, seq, f"State {seq}", f"Quote number {seq}.")
        f.check(ids[seq], "verbatim" if seq % 2 else "altered", score=float(seq))
        if seq < statements:
            f.citation(doc, ids[seq], seq, source_id=source, url="https://example.org/statement")
    text = f.text(source, "Quote number 1.", url="https://example.org/statement")
    f.check(ids[1], "verbatim", score=100.0, scope="text", text_id=text)
    return ids


def test_each_row_gets_its_statement_s_verdict_from_a_query_per_batch(db):
    count = report_data._BATCH + 2                      # two batches of cited rows, and one uncited
    ids = _document(db, count)
    asked = []
    db.conn.set_trace_callback(lambda sql: asked.append(sql) if "from quote_checks" in sql.lower() else None)
    footnotes = report_data.stream(db)["documents"][0]["footnotes"]   # its summary has read them once
    asked.clear()
    rows = list(footnotes)
    db.conn.set_trace_callback(None)

    assert [(f["statement"]["id"], f["verdict"]["score"]) for f in rows] == [(ids[s], float(s)) for s in ids]
    assert [f["verdict"]["verdict"] for f in rows[:3]] == ["verbatim", "altered", "verbatim"]
    assert [f["citation_id"] is None for f in rows[-2:]] == [False, True]
    # the overall check wins over the text check, which still names the text it read
    assert rows[0]["verdict"]["score"] == 1.0 and rows[0]["verdict"]["text_url"] == "https://example.org/statement"
    assert rows[0]["verdict"]["text_origin"] == "live"
    assert len(asked) == 3                               # two batches of citations, one of uncited statements
