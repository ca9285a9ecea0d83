"""Reports of what `citewatch check` stored: a quote list's rows as its reader named them,
local files as what they are, and every quote whole in every format."""

import csv
import io

import lxml.html
import pytest

from crawler import reconcile, report, report_data
from crawler.check import prepare
from crawler.check.store import store
from crawler.cli import cli
from crawler.config import load_config

LONG_QUOTE = ("The participating States will respect each other's sovereign equality and individuality as well as "
              "all the rights inherent in and encompassed by its sovereignty, including in particular the right of "
              "every State to juridical equality, to territorial integrity and to freedom and political independence, "
              "as set out in the Helsinki Final Act of 1975.")
SHORT_QUOTE = "Norway does not recognize the independence of the so-called republic."


@pytest.fixture
def checked(db, db_path, tmp_path):
    """A quote list of two rows (one without a speaker, one quote longer than the HTML once
    showed) and one `--quote` check, stored as `citewatch check` stores them."""
    (tmp_path / "statement.txt").write_text(f"Oslo, 7 April 2020. {SHORT_QUOTE} {LONG_QUOTE}", encoding="utf-8")
    quotes = tmp_path / "quotes.csv"
    with quotes.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["id", "quote", "source", "date", "speaker"],
                                   ["osce-1", LONG_QUOTE, "statement.txt", "2020-04-07", "OSCE"],
                                   ["nor-1", SHORT_QUOTE, "statement.txt", "2020-04-07", ""]])
    config = load_config(db=str(db_path))
    listed = store(db, prepare(config, quotes_file=quotes))["document_id"]
    given = store(db, prepare(config, quote=SHORT_QUOTE, source=str(tmp_path / "statement.txt")))
    return {"list": listed, "given": given["document_id"]}


def _rows(tree, document_heading: str) -> list:
    return tree.xpath(f"//h2[text()='{document_heading}']/following-sibling::table[1]/tbody/tr")


def test_a_quote_list_s_rows_are_named_by_its_ids_and_a_row_without_speaker_names_nobody(db, checked):
    data = report_data.build(db)
    tree = lxml.html.fromstring(report.render(data, "html"))
    rows = _rows(tree, "quotes.csv")
    assert [r.xpath("string(td[@data-label='Footnote'])") for r in rows] == ["osce-1", "nor-1"]
    assert [r.xpath("string(td[@data-label='Statement']/b)") for r in rows] == ["OSCE", ""]
    assert "None" not in rows[1].xpath("string(td[@data-label='Statement'])")
    markdown = report.render(data, "md")
    assert "\n| osce-1 | OSCE, 2020-04-07: “The participating States " in markdown
    assert f"\n| nor-1 | 2020-04-07: “{SHORT_QUOTE}” | " in markdown
    assert [r["footnote"] for r in csv.DictReader(io.StringIO(report.render(data, "csv")))][:2] == ["osce-1", "nor-1"]


def test_a_quote_given_on_the_command_line_is_headed_as_such(db, checked):
    data = report_data.build(db, document_id=checked["given"])
    html = report.render(data, "html")
    tree = lxml.html.fromstring(html)
    assert tree.xpath("string(//title)") == "citewatch report: Quotes given on the command line"
    assert [r.xpath("string(td[@data-label='Footnote'])") for r in _rows(tree, "Quotes given on the command line")] == ["1"]
    assert "<h2>--quote</h2>" not in html
    assert "\n## Quotes given on the command line\n" in report.render(data, "md")


def test_status_heads_the_documents_as_the_reports_do(runner, db_path, checked):
    shown = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False, terminal_width=200).output
    documents = shown[: shown.index("└")]
    assert "quotes.csv" in documents and "Quotes given on the command line" in documents
    assert "--quote" not in documents


def test_local_files_are_counted_as_local_files_not_as_pages_not_reached_yet(db, checked):
    data = report_data.build(db)
    assert data["summary"]["sources_by_class"] == {"local": 1}
    tree = lxml.html.fromstring(report.render(data, "html"))
    assert tree.xpath("//div[@class='figure'][starts-with(., 'Sources by class')]/ul/li/text()") == ["local file 1"]
    assert "read from disk" in tree.xpath("string(//p[@class='muted chart-note'])")
    live = {" ".join(r.xpath("string(td[@data-label='Live'])").split()) for r in _rows(tree, "quotes.csv")}
    assert live == {"local file"}
    markdown = report.render(data, "md")
    assert "\n- Sources: 1 — local file 1\n" in markdown
    rows = [line.split(" | ") for line in markdown.splitlines() if line.startswith(("| osce-1 ", "| nor-1 "))]
    assert rows and {row[3] for row in rows} == {"local file"}  # the Live cell says it, as the HTML does


def test_every_quote_is_whole_in_every_format(db, checked):
    data = report_data.build(db)
    tree = lxml.html.fromstring(report.render(data, "html"))
    long_row = _rows(tree, "quotes.csv")[0]
    # the Filter box reads each row's text: the last words of a long quote are in it, once
    assert " ".join(long_row.xpath("string(td[@data-label='Statement'])").split()).count(LONG_QUOTE) == 1
    assert long_row.xpath("td[@data-label='Statement']/details[@class='quote']/summary/span/text()") == [LONG_QUOTE]
    short_row = _rows(tree, "quotes.csv")[1]
    assert short_row.xpath("td[@data-label='Statement']/div[@class='quote']/text()") == [SHORT_QUOTE]
    markdown = report.render(data, "md")
    assert f"OSCE, 2020-04-07: “{LONG_QUOTE}” |" in markdown
    csv_quotes = [r["quote"] for r in csv.DictReader(io.StringIO(report.render(data, "csv")))]
    assert csv_quotes[0] == LONG_QUOTE


def test_a_long_quote_is_printed_whole(db, checked):
    """A closed <details> cannot be opened on paper: the page's print style lifts the clamp
    that shows a long quote in its first lines on screen."""
    tree = lxml.html.fromstring(report.render(report_data.build(db), "html"))
    style = tree.xpath("string(//style)")
    printed = style.split("@media print", 1)[1].split("}", 1)[0] if "@media print" in style else ""
    assert "details.quote:not([open]) > summary" in printed
    assert "-webkit-line-clamp: none" in printed and "line-clamp: none" in printed and "overflow: visible" in printed


def test_the_reconcile_table_names_a_quote_list_s_rows_by_their_ids(db, checked):
    reconcile.run(db)
    named = [(row[0], row[1]) for row in reconcile.summary_rows(db)]
    assert named == [(f"{checked['list']}:1 OSCE", "osce-1"), (f"{checked['list']}:2", "nor-1"),
                     (f"{checked['given']}:1", "1")]
