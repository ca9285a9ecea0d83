"""What `citewatch status` and the reports show of a statement, each on a database the stages built:

- `citewatch status` says what ingest flagged (a statement whose own footnote was lost, a
  footnote that may hold a lost one's link), as every report format does;
- a statement's comparison with another compilation of it (the article's quote against the
  letter's) stands once in the HTML and Markdown, not on the row of every footnote it cites as
  if it had been compared each time; JSON and CSV rows carry it each, as their statement's;
- the Markdown report writes no `<br>` in its table cells, HTML that a renderer without raw
  HTML (markdown-it's default, many sanitising ones) prints as text.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from markdown_it import MarkdownIt

from crawler import ingest, reconcile, report, report_data
from crawler.cli import cli
from crawler.config import load_config
from tests.conftest import ARTICLE, LETTER
from tests.factories import Factory

STATEMENT = "Italy calls for restraint and dialogue between the parties."
QUOTED = "Italy calls for restraint and for dialogue between the parties."   # the article's, one word more


def _status(runner, db_path) -> str:
    result = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False, terminal_width=250)
    assert result.exit_code == 0, result.output
    return result.output


def _flag_rows(output: str) -> list[tuple[str, ...]]:
    """The body rows of the status table "flags ingest found": (document, flag, count, of,
    meaning), a meaning wrapped over lines joined again."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == "flags ingest found"), None)
    if start is None:
        return []
    rows: list[list[str]] = []
    for line in lines[start:next(i for i in range(start, len(lines)) if lines[i].startswith("└"))]:
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if cells and cells[0]:
            rows.append(cells)
        elif cells:
            rows[-1][4] += " " + cells[4]
    return [tuple(row) for row in rows]


def _said_by_the_reports(data: dict) -> set[tuple[str, str, str, str]]:
    """What the JSON report says ingest flagged, counted as status counts it: per document, the
    statements (once each, whatever footnotes they cite) and the citations carrying each flag the
    HTML and Markdown reports put in words."""
    counted: dict[tuple, set] = {}
    for doc in data["documents"]:
        for f in doc["footnotes"]:
            for flag in (f["statement"] or {}).get("flags") or []:
                if flag in report.STATEMENT_FLAG_WORDS:
                    counted.setdefault((doc["id"], flag, "statements"), set()).add(f["statement"]["id"])
            for flag in f["flags"]:
                if flag in report.CITATION_FLAG_WORDS:
                    counted.setdefault((doc["id"], flag, "citations"), set()).add(f["citation_id"])
    return {(str(doc), flag, str(len(ids)), of) for (doc, flag, of), ids in counted.items()}


def test_status_counts_the_seed_letters_flags_as_the_reports_say_them(runner, db_path, db):
    config = load_config(env={}, db=str(db_path))
    for path in (LETTER, ARTICLE):
        ingest.run(db, config, str(path))
    rows = _flag_rows(_status(runner, db_path))
    said = _said_by_the_reports(json.loads(report.render(report_data.build(db), "json")))
    assert {row[:4] for row in rows} == said
    assert ("1", "unofficial-translation", "5", "statements") in said   # the seed letter's five translations
    assert all(row[4] == report.STATEMENT_FLAG_WORDS[row[1]] for row in rows)
    # the citations' confirmed-by-link-target, as the HTML and Markdown, say nothing to a reader
    stored = db.execute("select count(*) from citations where flags like '%confirmed-by-link-target%'").fetchone()[0]
    assert stored > 0 and not any(row[1] == "confirmed-by-link-target" for row in rows)


def _flagged(db) -> dict:
    """Two documents: a letter whose second statement lost its own footnote and cites two
    further ones, the first of which may hold a lost footnote's link; a quote list whose
    statement's flags are not JSON (counted as none); and a clean third document."""
    f = Factory(db)
    letter = f.document(title="Letter dated 21 May 2020")
    f.statement(letter, 1, "Estonia", "Estonia condemns the use of force.")
    lost = f.statement(letter, 2, "Borduria", "Borduria calls for calm.", flags=json.dumps(["footnote-missing"]))
    translated = f.statement(letter, 3, "Syldavia", "Syldavia calls for talks.",
                             flags=json.dumps(["inner-footnote-marker", "unofficial-translation"]))
    for seq, statement in ((6, lost), (7, lost), (8, translated)):
        url = f"https://news.example.org/{seq}"
        flags = ["confirmed-by-link-target", "may-hold-lost-footnote"] if seq == 6 else ["unofficial-translation"]
        f.citation(letter, statement, seq, f.source(url), url=url, flags=json.dumps(flags))
    quotes = f.document(title="Quotes", kind="quotes")
    f.statement(quotes, 1, "Aria", "Aria calls for calm.", flags="footnote-missing")   # not JSON
    f.document(title="A clean article", kind="article")
    return {"letter": letter}


def test_status_counts_each_flag_per_document_once_a_statement(runner, db_path, db):
    letter = _flagged(db)["letter"]
    rows = _flag_rows(_status(runner, db_path))
    assert [row[:4] for row in rows] == [        # statements first, each flag in the reports' order
        (str(letter), "footnote-missing", "1", "statements"),
        (str(letter), "inner-footnote-marker", "1", "statements"),
        (str(letter), "unofficial-translation", "1", "statements"),
        (str(letter), "may-hold-lost-footnote", "1", "citations")]
    assert rows[3][4] == report.CITATION_FLAG_WORDS["may-hold-lost-footnote"]
    assert {row[:4] for row in rows} == _said_by_the_reports(json.loads(report.render(report_data.build(db), "json")))


def test_status_reads_the_flags_of_every_document_in_one_query(db):
    _flagged(db)
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        tables = report.flag_tables(db)
    finally:
        db.conn.set_trace_callback(None)
    assert len(tables) == 1 and tables[0].row_count == 4
    queries = [sql for sql in statements if sql.lower().startswith("select")]
    assert len(queries) == 1, statements   # one grouped query, not one per document or row


def test_status_of_a_document_without_flags_shows_no_flags_table(runner, db_path, db):
    Factory(db).letter()
    output = _status(runner, db_path)
    assert "citewatch status" in output and "flags ingest found" not in output


@pytest.fixture
def compared(db):
    """The letter's statement and an article quoting it whose statement cites two links (given
    out of footnote order: the second footnote's row is stored first), reconciled: the article's
    quote is compared with the letter's, once."""
    f = Factory(db)
    letter = f.document()
    own = f.statement(letter, 1, "Italy", STATEMENT)
    f.citation(letter, own, 1, f.source("https://italy.example.org/a"), url="https://italy.example.org/a")
    article = f.document(title="News article", kind="article", date="2020-04-01")
    quoted = f.statement(article, 1, "Italy", QUOTED, flags=json.dumps(["footnote-missing"]))
    for seq in (2, 1):
        url = f"https://news{seq}.example.org/italy"
        f.citation(article, quoted, seq, f.source(url), url=url)
    reconcile.run(db)
    assert db.execute("select count(*) from quote_checks where scope = 'compilation'").fetchone()[0] == 1
    return {"article": article, "statement": quoted}


def _article_rows(data: dict, article: int) -> list[dict]:
    return next(doc["footnotes"] for doc in data["documents"] if doc["id"] == article)


def test_json_gives_the_comparison_on_each_row_of_the_statement_as_its_verdict(db, compared):
    """Data for programs: a row read alone carries its statement's comparison (schema 1)."""
    data = json.loads(report.render(report_data.build(db), "json"))
    rows = _article_rows(data, compared["article"])
    assert [f["seq"] for f in rows] == [1, 2]
    assert rows[0]["compilation"]["verdict"] == "altered"
    assert rows[0]["compilation"]["compared_with"]["entity"] == "Italy"
    assert rows[1]["statement"]["id"] == compared["statement"]
    assert rows[1]["compilation"] == rows[0]["compilation"]
    assert rows[1]["statement_verdict"] == rows[0]["statement_verdict"]


def test_html_and_markdown_show_the_comparison_once(db, compared):
    data = report_data.build(db)
    html = report.render(data, "html")
    assert html.count('<div class="compilation">') == 1
    md_rows = [line for line in report.render(data, "md").splitlines() if line.startswith("| ") and "Italy, " in line
               and "news" in line]
    assert len(md_rows) == 2
    assert [row.count("against Italy (document 1): altered") for row in md_rows] == [1, 0]
    assert "news1.example.org" in md_rows[0]


def test_csv_repeats_the_comparison_on_each_row_of_the_statement(db, compared):
    rows = [r for r in csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv")))
            if r["document_id"] == str(compared["article"])]
    assert [r["footnote"] for r in rows] == ["1", "2"]
    columns = ("compilation_verdict", "compilation_score", "compilation_reason", "compilation_diff", "compared_with")
    assert rows[0]["compilation_verdict"] == "altered"
    assert [r[c] for c in columns for r in rows[1:]] == [rows[0][c] for c in columns]   # as its statement_verdict


def _rendered_rows(md: str) -> list[list[str]]:
    """The body rows of every table of the Markdown report, as markdown-it renders them with
    raw HTML off (its default, and that of sanitising renderers): each row's cells' HTML."""
    renderer = MarkdownIt("js-default")
    rows, cells = [], None
    for token in renderer.parse(md):
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline" and cells is not None:
            cells.append(renderer.renderer.renderInline(token.children, renderer.options, {}))
        elif token.type == "tr_close":
            rows.append(cells)
            cells = None
    return rows


def test_markdown_cells_hold_no_html_and_read_the_same_in_any_renderer(db, compared):
    _flagged(db)
    data = report_data.build(db)
    md = report.render(data, "md")
    assert "<br" not in md
    rendered = _rendered_rows(md)
    table = [cells for cells in rendered if len(cells) == 9]   # the documents' footnote tables, header rows too
    assert len(table) == sum(len(doc["footnotes"]) + 1 for doc in data["documents"])
    assert not any("&lt;br" in cell for cells in rendered for cell in cells)   # printed as text before
    italy = [cells for cells in table if "Italy calls for restraint and for" in cells[1]]
    lost = report.STATEMENT_FLAG_WORDS["footnote-missing"]
    assert [cells[1].count(f"{report.MD_PART}({lost})") for cells in italy] == [1, 1]
    may_hold = next(cells for cells in table if "news.example.org/6" in cells[2])
    assert may_hold[2].endswith(f"{report.MD_PART}({report.CITATION_FLAG_WORDS['may-hold-lost-footnote']})")
    assert f"{report.MD_PART}against Italy (document 1): altered: " in italy[0][7]
