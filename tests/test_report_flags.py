"""What ingest found about a statement (a footnote lost in extraction, a mark taken out of the
quote, an unofficial translation) in every report format, from the statement itself: a
statement whose own footnote was lost read as complete in the HTML, Markdown and CSV, and
the JSON said it only after reconcile, in the checks' flags."""

import csv
import io
import json

import pytest
import sqlite_utils
from markupsafe import escape

from crawler import report
from crawler.cli import cli
from crawler.config import load_config
from tests.factories import Factory
from tests.test_ingest_further_footnotes import sourced_letter, write_letter

OWN_LOST = "footnote lost in extraction: this statement's own source is not cited"
FURTHER_LOST = "a further footnote of this statement was lost in extraction: it is checked without that source"
MAY_HOLD = "the next footnote was lost in extraction: this footnote's link may be the lost one's"


def html_flag(words: str) -> str:
    """A flag's line in the HTML report (its words escaped: an apostrophe is &#39;)."""
    return f'<div class="flag">{escape(words)}</div>'


def ingested_without(runner, tmp_path, footnote_line: str):
    """The four-statement letter, each title printing its three marks (Borduria's 5, 6, 7),
    ingested with one footnote line gone, as extraction loses one; its database, not reconciled."""
    path = write_letter(tmp_path, sourced_letter(together=True))
    text = path.read_text(encoding="utf-8")
    assert footnote_line in text
    path.write_text(text.replace(footnote_line, " ", 1), encoding="utf-8")
    db_path = tmp_path / "t.db"
    assert runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)]).exit_code == 0
    return sqlite_utils.Database(db_path), load_config(env={}, db=str(db_path))


def reports(db, config) -> dict:
    """Every format's text."""
    data = report.report_data.build(db, database_path=config.db_path, config=config)
    return {fmt: report.render(data, fmt) for fmt in report.FORMATS}


def test_a_statement_whose_own_footnote_was_lost_says_so_in_every_format_before_reconcile(runner, tmp_path):
    db, config = ingested_without(runner, tmp_path, " 5 https://mfa.borduria.example.org/statement.html ")
    assert db.execute("select flags from statements where seq = 2").fetchone()[0] == '["footnote-missing"]'
    written = reports(db, config)
    rows = [f for doc in json.loads(written["json"])["documents"] for f in doc["footnotes"]]
    borduria = [f for f in rows if f["statement"]["seq"] == 2]
    assert [f["seq"] for f in borduria] == [6, 7]   # it cites its further sources, not its own
    assert all(f["statement"]["flags"] == ["footnote-missing"] for f in borduria)
    assert all(f["statement"]["flags"] == [] for f in rows if f["statement"]["seq"] != 2)
    # HTML: beside the statement, in each of its rows, and nowhere else
    assert written["html"].count(html_flag(OWN_LOST)) == 2
    md_rows = [line for line in written["md"].splitlines() if "Borduria" in line and line.startswith("| ")]
    assert len(md_rows) == 2 and all(f"{report.MD_PART}({OWN_LOST})" in line for line in md_rows)
    assert written["md"].count(OWN_LOST) == 2
    table = list(csv.DictReader(io.StringIO(written["csv"])))
    assert [(r["footnote"], r["statement_flags"]) for r in table if "Borduria" in r["entity"]] == [
        ("6", '["footnote-missing"]'), ("7", '["footnote-missing"]')]
    assert {r["statement_flags"] for r in table if "Borduria" not in r["entity"]} == {""}


def test_a_statement_whose_further_footnote_was_lost_says_it_is_checked_without_it(runner, tmp_path):
    db, config = ingested_without(runner, tmp_path, " 6 https://news.example.org/borduria-1.html ")
    written = reports(db, config)
    table = list(csv.DictReader(io.StringIO(written["csv"])))
    assert [(r["footnote"], r["statement_flags"]) for r in table if "Borduria" in r["entity"]] == [
        ("5", '["further-footnote-missing"]'), ("7", '["further-footnote-missing"]')]
    assert written["html"].count(html_flag(FURTHER_LOST)) == 2
    assert written["md"].count(f"{report.MD_PART}({FURTHER_LOST})") == 2
    assert OWN_LOST not in written["html"] + written["md"]


@pytest.mark.parametrize("flag, words", [
    ("inner-footnote-marker", "a footnote mark printed inside the quote was taken out of it"),
    ("unofficial-translation", "its footnote says the text is an unofficial translation"),
])
def test_a_statements_other_ingest_flags_are_said_in_plain_words(db, db_path, flag, words):
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Estonia", "Estonia condemns the use of force.", flags=json.dumps([flag]))
    f.citation(doc, statement, 1, f.source("https://mfa.example.ee/a"), url="https://mfa.example.ee/a")
    written = reports(db, load_config(env={}, db=str(db_path)))
    assert html_flag(words) in written["html"]
    assert f"{report.MD_PART}({words})" in written["md"]
    assert next(csv.DictReader(io.StringIO(written["csv"])))["statement_flags"] == json.dumps([flag])


def test_a_footnote_that_may_hold_a_lost_ones_link_says_so_by_its_citation(db, db_path):
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Estonia", "Estonia condemns the use of force.")
    f.citation(doc, statement, 1, f.source("https://mfa.example.ee/a"), url="https://mfa.example.ee/a",
               flags=json.dumps(["confirmed-by-link-target", "may-hold-lost-footnote"]))
    written = reports(db, load_config(env={}, db=str(db_path)))
    assert written["html"].count(html_flag(MAY_HOLD)) == 1
    assert f"https://mfa.example.ee/a){report.MD_PART}({MAY_HOLD})" in written["md"]
    row = next(csv.DictReader(io.StringIO(written["csv"])))
    assert (row["statement_flags"], row["citation_flags"]) == ("", '["confirmed-by-link-target", "may-hold-lost-footnote"]')
    assert "confirmed-by-link-target" not in written["html"] + written["md"]   # says nothing a reader needs
