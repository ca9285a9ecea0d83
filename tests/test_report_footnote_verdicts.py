"""Each footnote row of a report carries its own verdict: a statement citing several footnotes
(tests/test_ingest_further_citations.py) has each judged on the texts of its own citation,
and its overall verdict, the best over all of them, beside it (`statement_verdict`).  Before,
every row showed the statement's verdict: a 404 with no text read `verbatim` with another
footnote's page as its text, a page without the quote read as the page that has it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import db as database
from crawler import report, report_data
from crawler.cli import cli
from tests.clirun import crawl, fast_env
from tests.test_ingest_further_footnotes import sourced_letter, write_letter
from tests.web.pages import STATEMENT


def _letter(tmp_path, main: str):
    """Aria's statement, the test web's STATEMENT, citing three footnotes on its title ("2, 3,
    4"): its own page gone, 404 with no text (2); a page that prints it (3); a page of other
    words (4).  Borduria's statement cites three pages that all print it."""
    pages = sourced_letter(together=True, states=["Aria", "Borduria"])
    for lines, _ in pages[1:]:
        first = next(i for i, line in enumerate(lines) if "recalls point 1" in line)
        lines[first:first + 2] = [f" {STATEMENT} "]
    return write_letter(tmp_path, pages, moved={
        "https://mfa.aria.example.org/statement.html": f"{main}/crawl/status/404",
        "https://news.example.org/aria-1.html": f"{main}/crawl/new-home/aria.html",
        "https://news.example.org/aria-2.html": f"{main}/crawl/article/3",
        "https://mfa.borduria.example.org/statement.html": f"{main}/crawl/new-home/borduria.html",
        "https://news.example.org/": f"{main}/crawl/new-home/"})


def test_each_footnote_row_has_its_own_verdict_and_its_statement_s_beside_it(web, env, db_path, runner, tmp_path):
    main = web["main"]
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(_letter(tmp_path, main))])
    assert result.exit_code == 0, result.output
    crawl(fast_env(env, web, tmp_path), "--all")
    checked = runner.invoke(cli, ["reconcile", "--db", str(db_path)])
    assert checked.exit_code == 0, checked.output
    db = database.open_db(db_path)

    data = report_data.build(db)
    rows = [f for f in data["documents"][0]["footnotes"] if f["citation_id"]]
    aria = [f for f in rows if f["statement"]["entity"] == "Republic of Aria"]
    assert [f["seq"] for f in aria] == [2, 3, 4]
    own = [(f["verdict"]["verdict"], f["verdict"]["text_url"]) for f in aria]
    assert own == [("unverifiable", None), ("verbatim", f"{main}/crawl/new-home/aria.html"),
                   ("not-in-source", f"{main}/crawl/article/3")]
    assert aria[0]["verdict"]["reason"].startswith("footnote 2: ")            # its own gap, not footnote 3's text
    assert aria[2]["verdict"]["score"] < 45
    overall = db.execute("SELECT verdict, score FROM quote_checks q JOIN statements s ON s.id = q.statement_id"
                         " WHERE s.entity = 'Republic of Aria' AND q.scope = 'overall'").fetchone()
    assert overall[0] == "verbatim"
    assert {(f["statement_verdict"]["verdict"], f["statement_verdict"]["score"]) for f in aria} == {tuple(overall)}
    borduria = [f for f in rows if f["statement"]["entity"] == "Republic of Borduria"]
    assert [f["verdict"]["verdict"] for f in borduria] == ["verbatim"] * 3

    summary = data["summary"]                                  # statements counted once, as before
    assert (summary["statements"], summary["citations"], summary["quotes_by_verdict"]) == (2, 6, {"verbatim": 2})

    table = list(csv.DictReader(io.StringIO(report.render(data, "csv"))))
    assert [(r["footnote"], r["verdict"], r["statement_verdict"]) for r in table if r["entity"] == "Republic of Aria"] == [
        ("2", "unverifiable", "verbatim"), ("3", "verbatim", "verbatim"), ("4", "not-in-source", "verbatim")]
    assert [r["text_url"] for r in table if r["entity"] == "Republic of Aria"][0] == ""
    exported = json.loads(report.render(data, "json"))
    assert [(f["verdict"]["verdict"], f["statement_verdict"]["verdict"]) for f in exported["documents"][0]["footnotes"]
            if f["seq"] in (2, 3, 4)] == [("unverifiable", "verbatim"), ("verbatim", "verbatim"),
                                          ("not-in-source", "verbatim")]
    html = report.render(data, "html")
    assert html.count('class="statement-verdict"') == 2                      # once for each statement
    assert html.count('data-verdict="unverifiable"') == 1 and html.count('data-verdict="not-in-source"') == 1


def test_a_statement_with_one_citation_keeps_its_overall_verdict_on_its_row(web, env, db_path, runner, tmp_path):
    """One footnote: its row's verdict is the overall check itself (with its `missing` and
    texts), the same object as `statement_verdict`; no statement line in the HTML."""
    pages = sourced_letter(per=1, states=["Aria"])
    lines = pages[1][0]
    lines.insert(next(i for i, line in enumerate(lines) if "Aria City" in line) + 1, f" {STATEMENT} ")
    path = write_letter(tmp_path, pages, moved={
        "https://mfa.aria.example.org/statement.html": f"{web['main']}/crawl/new-home/aria.html"})
    assert runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)]).exit_code == 0
    crawl(fast_env(env, web, tmp_path), "--all")
    assert runner.invoke(cli, ["reconcile", "--db", str(db_path)]).exit_code == 0
    data = report_data.build(database.open_db(db_path))
    row = next(f for f in data["documents"][0]["footnotes"] if f["citation_id"])
    assert row["verdict"] == row["statement_verdict"] and "texts" in row["verdict"]["evidence"]
    assert 'class="statement-verdict"' not in report.render(data, "html")


def _two_statements(db_path) -> None:
    """Aria's statement citing its own footnote 2 (a page that prints it), 3 (a page of other
    words) and 4 (a page with no text read); Borduria's citing its footnote 5 alone."""
    from tests.factories import Factory

    db = database.open_db(db_path)
    f = Factory(db)
    doc = f.document()
    aria = f.statement(doc, 1, "Aria", STATEMENT, footnote=2)
    borduria = f.statement(doc, 2, "Borduria", STATEMENT, footnote=5)
    for statement, seq, words in ((aria, 2, STATEMENT), (aria, 3, "Aria hosted a trade fair this week."),
                                  (aria, 4, None), (borduria, 5, STATEMENT)):
        source = f.source(f"https://example.org/{seq}")
        f.citation(doc, statement, seq, source, url=f"https://example.org/{seq}", footnote=seq)
        if words:
            f.text(source, words, url=f"https://example.org/{seq}")


def _table(output: str, title: str) -> list[list[str]]:
    """The rows of a rich table printed under `title`, as cells, a cell's wrapped lines joined
    (a line whose first cell is blank goes on the row above)."""
    lines = output[output.index(title):].splitlines()
    body = lines[next(i for i, line in enumerate(lines) if line.startswith("┡")) + 1:]
    rows: list[list[str]] = []
    for line in body[:next(i for i, line in enumerate(body) if line.startswith("└"))]:
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [" ".join(filter(None, pair)) for pair in zip(rows[-1], cells)]
    return rows


def test_reconcile_and_status_show_each_footnote_s_own_verdict(db_path, runner):
    """`citewatch reconcile`'s table gave a statement citing three footnotes one row, the best
    footnote's verdict (verbatim), and `citewatch status` counted verdicts per statement only:
    a footnote citing a page of other words read as verbatim.  Each now says its own; the
    counts per statement stay."""
    _two_statements(db_path)
    checked = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False, terminal_width=250)
    assert checked.exit_code == 0, checked.output
    rows = [(row[0], row[1], row[2], row[5]) for row in _table(checked.output, "quote verdicts")]
    assert rows[:3] == [("1:1 Aria", "2", "verbatim", ""), ("1:1 Aria", "3", "not-in-source", "statement: verbatim"),
                        ("1:1 Aria", "4", "unverifiable", rows[2][3])]
    assert rows[2][3].startswith("statement: verbatim; footnote 4: ")
    assert rows[3:] == [("1:2 Borduria", "5", "verbatim", "")]
    assert "statements: 2, verbatim: 2" in " ".join(checked.output.split())      # per statement, as before

    shown = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False, terminal_width=250).output
    assert _table(shown, "quotes by verdict") == [["verbatim", "2"]]
    assert _table(shown, "footnotes by verdict") == [["verbatim", "2"], ["not-in-source", "1"], ["unverifiable", "1"]]


def _report(runner, db_path, fmt: str) -> str:
    """`citewatch report` in this format, as written to standard output."""
    result = runner.invoke(cli, ["report", "--db", str(db_path), "--format", fmt, "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_footnotes_by_verdict_adds_up_to_the_report_s_footnote_rows(db_path, runner):
    """`citewatch status`'s "footnotes by verdict" counts the rows a reader of the report counts:
    each citation's row by the verdict it shows (a citation not checked yet: unchecked) in the
    HTML, CSV and JSON reports of the same database, and not the row of a statement no footnote
    cites; together they are the report's citations."""
    from tests.factories import Factory

    _two_statements(db_path)
    assert runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False).exit_code == 0
    f = Factory(database.open_db(db_path))
    doc = f.document("Article", kind="article")             # ingested after the reconcile: nothing checked
    f.citation(doc, f.statement(doc, 1, "Carpania", STATEMENT, footnote=1), 1, url="https://example.org/c")
    f.statement(doc, 2, "Dorsia", STATEMENT, footnote=None)

    shown = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False, terminal_width=250).output
    counted = {verdict: int(count) for verdict, count in _table(shown, "footnotes by verdict")}
    assert counted == {"verbatim": 2, "not-in-source": 1, "unverifiable": 1, "unchecked": 1}
    exported = json.loads(_report(runner, db_path, "json"))
    assert exported["summary"]["footnotes_by_verdict"] == counted
    assert sum(counted.values()) == exported["summary"]["citations"] == 5
    rows = [f for d in exported["documents"] for f in d["footnotes"]]
    assert Counter((f["verdict"] or {}).get("verdict") or "unchecked" for f in rows if f["citation_id"]) == counted
    table = csv.DictReader(io.StringIO(_report(runner, db_path, "csv")))
    assert Counter(r["verdict"] or "unchecked" for r in table if r["printed"]) == counted
    html = re.findall(r'<tr data-state="[^"]*" data-verdict="([^"]*)">\s*<td data-label="Footnote" data-sort="(\d*)"',
                      _report(runner, db_path, "html"))
    assert len(html) == len(rows) == 6                      # Dorsia's row too, and no other
    assert Counter(verdict for verdict, seq in html if seq) == counted


def _summaries(runner, db_path) -> tuple[str, str, str]:
    """`citewatch status`, and the Markdown and HTML reports' summaries, of the database."""
    shown = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False, terminal_width=250).output
    md = _report(runner, db_path, "md").split("\n## ")[0]
    html = _report(runner, db_path, "html").split("<h2>Status</h2>")[0]
    return shown, md, html


def test_footnotes_by_verdict_is_shown_where_a_statement_s_footnotes_differ(db_path, runner):
    """Aria's footnotes say verbatim, not-in-source and unverifiable, her statement verbatim:
    the footnotes' table says what the quotes' does not, in the terminal and both reports."""
    _two_statements(db_path)
    assert runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False).exit_code == 0
    shown, md, html = _summaries(runner, db_path)
    assert _table(shown, "quotes by verdict") == [["verbatim", "2"]]
    assert _table(shown, "footnotes by verdict") == [["verbatim", "2"], ["not-in-source", "1"], ["unverifiable", "1"]]
    assert "\n- Quotes by verdict: verbatim 2\n- Footnotes by verdict: verbatim 2, not-in-source 1, unverifiable 1\n" in md
    assert '<div class="figure">Footnotes by verdict<span class="note">' in html and "Quotes by verdict<ul>" in html


def test_footnotes_by_verdict_is_left_out_where_it_would_repeat_the_quotes(db_path, runner):
    """A letter of one footnote per statement (the seed letter's kind): each footnote's verdict
    is its statement's, and the two tables would be the same table twice."""
    from tests.factories import Factory

    f = Factory(database.open_db(db_path))
    doc = f.document()
    for seq, (entity, words) in enumerate((("Aria", STATEMENT), ("Borduria", "Borduria hosted a trade fair.")), 1):
        source = f.source(f"https://example.org/{seq}")
        f.citation(doc, f.statement(doc, seq, entity, STATEMENT, footnote=seq), seq, source,
                   url=f"https://example.org/{seq}", footnote=seq)
        f.text(source, words, url=f"https://example.org/{seq}")
    assert runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False).exit_code == 0
    shown, md, html = _summaries(runner, db_path)
    assert _table(shown, "quotes by verdict") == [["verbatim", "1"], ["not-in-source", "1"]]
    assert "footnotes by verdict" not in shown
    assert "\n- Quotes by verdict: verbatim 1, not-in-source 1\n" in md and "Footnotes by verdict" not in md
    assert "Quotes by verdict<ul>" in html and "Footnotes by verdict" not in html
