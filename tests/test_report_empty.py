"""`citewatch report` of a database no document was ingested into: the HTML
and Markdown said nothing of it, only empty tables and zeros (`- Sources: 0 — `, a bare
`- States: `), which read as a database checked and found clean; now one sentence says it
holds no document and how to add one.  The CSV and JSON are data: they stay valid and
empty (the header row; empty lists and the summary's zeros), as docs/report-schema.md
describes them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest

from crawler import report
from crawler.cli import cli
from tests.factories import Factory

ROOT = Path(__file__).resolve().parent.parent
SAID = "holds no document yet"


def _report(runner, db_path, fmt: str) -> str:
    """The report of the database in `fmt`, as `citewatch report -o -` writes it (its bytes:
    CliRunner's `stdout` turns CR LF into LF)."""
    result = runner.invoke(cli, ["report", "--db", str(db_path), "--format", fmt, "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def test_an_html_report_of_an_empty_database_says_so_and_the_way_on(runner, db_path, db):
    page = lxml.html.fromstring(_report(runner, db_path, "html"))
    said = " ".join(page.text_content().split())
    assert SAID in said and "(citewatch ingest DOC)" in said
    assert page.xpath("//code/text()") == ["citewatch ingest DOC"]
    assert page.xpath("//table | //svg | //section | //select") == []   # before: 4 empty tables, figures of 0


def test_a_markdown_report_of_an_empty_database_says_so_and_the_way_on(runner, db_path, db):
    lines = _report(runner, db_path, "md").splitlines()
    assert lines[0] == "# citewatch report" and lines[2].startswith("Generated ")
    assert lines[3:] == ["", f"This database {SAID}, nothing to report: ingest one first (`citewatch ingest DOC`)."]
    # before: "- Sources: 0 — ", "- States: ", "- Quotes by verdict: " and three tables of headers alone


def test_a_report_with_a_document_shows_its_tables_not_the_sentence(runner, db_path, db):
    Factory(db).letter()
    for fmt, table in (("html", "<table"), ("md", "| # | Statement |")):
        text = _report(runner, db_path, fmt)
        assert table in text and SAID not in text


def test_a_csv_report_of_an_empty_database_is_its_header_row(runner, db_path, db):
    text = _report(runner, db_path, "csv")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [list(report.CSV_COLUMNS)]
    assert text.endswith("\r\n") and text.count("\r\n") == 1   # CR LF, as every CSV citewatch writes


def test_a_json_report_of_an_empty_database_is_valid_and_empty_as_documented(runner, db_path, db):
    text = _report(runner, db_path, "json")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"   # laid out as json.dumps would
    schema = (ROOT / "docs" / "report-schema.md").read_text()
    top = re.findall(r"^\| `([a-z_]+)` \|", schema.split("## Top level")[1].split("\n## ")[0], re.M)
    assert list(data) == top
    assert (data["documents"], data["sources"], data["crawls"], data["changes"]) == ([], [], [], None)
    assert data["link_rot"] == {"by_domain": [], "over_time": []}
    summary = re.findall(r"^\| `summary\.([a-z_]+)` \|", schema, re.M)
    assert sorted(data["summary"]) == sorted(summary)
    counts = {key: value for key, value in data["summary"].items() if not isinstance(value, dict)}
    assert set(counts.values()) == {0} and all(value == {} for value in data["summary"].values() if value != 0)
