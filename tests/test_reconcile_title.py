"""A quote found only in the page's title (`texts.title`), not in its body (audit F, finding 6):
the text's verdict is the title's, said so in its reason and its evidence; never an altered
look-alike of a few words, and never over a body that holds the quote."""

from __future__ import annotations

import json

import pytest

from crawler import reconcile
from crawler.cli import cli
from tests.test_reconcile_stage import checks, overall, rows  # noqa: F401 (rows: a fixture)

HEADLINE = "Armenia must end the occupation of Azerbaijani lands"
BODY = ("The Ministry of Foreign Affairs held a briefing today for accredited diplomats on the situation in the "
        "region after the events of 31 March 2020. The Minister recalled the four resolutions of the Security "
        "Council adopted in 1993 and called on the international community to act on them without further delay.")


def titled(rows, quote: str, title: str, body: str = BODY) -> tuple[int, int]:
    """A statement quoting `quote`, citing a page whose text is `body` under `title`: (statement, text)."""
    doc = rows.document()
    statement = rows.statement(doc, 1, "Azerbaijan", quote, 1)
    source = rows.source("https://mfa.example/press/114")
    rows.citation(doc, statement, 1, source)
    rows.fetch(source)
    text = rows.text(source, body, url="https://mfa.example/press/114")
    rows.db["texts"].update(text, {"title": title})
    return statement, text


@pytest.mark.parametrize("quote, title, verdict", [
    (HEADLINE, HEADLINE, "verbatim"),
    ("Armenia must end the ocupation of Azerbaijani lands", HEADLINE, "minor"),       # a misspelling
    ("Armenia must end … Azerbaijani lands", HEADLINE, "elided"),
    (HEADLINE, f"{HEADLINE} | Ministry of Foreign Affairs", "verbatim"),
])
def test_a_quote_in_the_title_alone_is_the_titles_verdict_said_so(db, rows, quote, title, verdict):
    statement, text_id = titled(rows, quote, title)
    reconcile.run(db)
    [row] = checks(db, statement, "text")
    evidence = json.loads(row["evidence"])
    assert row["verdict"] == verdict and row["text_id"] == text_id
    assert row["reason"].startswith("in the page's title, not its body: "), row["reason"]
    assert evidence["in"] == "title" and evidence["body_verdict"] == "not-in-source"
    assert title[row["span_start"]:row["span_end"]] == row["matched"]   # offsets into the title, not the body
    assert row["matched"].startswith("Armenia") and row["matched"].endswith("lands")
    top = overall(db, statement)
    assert (top["verdict"], top["reason"], top["matched"]) == (verdict, row["reason"], row["matched"])
    assert json.loads(top["evidence"])["in"] == "title"


@pytest.mark.parametrize("title", [
    "Armenia must end the occupation of Azerbaijani territories",   # one word changed: a look-alike
    "Armenia must end the occupation",                              # part of the quote
])
def test_an_altered_or_partial_title_is_no_verdict(db, rows, title):
    statement, _ = titled(rows, HEADLINE, title)
    reconcile.run(db)
    [row] = checks(db, statement, "text")
    assert row["verdict"] == "not-in-source" and "title" not in row["reason"]
    assert "in" not in json.loads(row["evidence"]) and row["span_start"] is None


def test_a_quote_in_both_keeps_the_bodys_verdict(db, rows):
    """The body's passage is what a reader finds under the headline: its verdict stands, even
    when it holds the quote worse than the title does."""
    body = BODY + " The Ministry said that Armenia must stop the occupation of Azerbaijani lands."
    statement, _ = titled(rows, HEADLINE, HEADLINE, body)
    reconcile.run(db)
    [row] = checks(db, statement, "text")
    assert row["verdict"] == "altered" and "in" not in json.loads(row["evidence"])
    assert body[row["span_start"]:row["span_end"]] == row["matched"]


def test_the_audits_row_checked_and_searched_end_to_end(runner, tmp_path):
    """Audit F's tit-1: a local HTML page whose <title> alone is the quote.  `citewatch check`
    finds it in the title; `citewatch search` shows the title as its words in context."""
    page = tmp_path / "title.html"
    page.write_text(f"<html><head><title>{HEADLINE}</title></head><body><article><h1>Press release no. 114</h1>"
                    + "".join(f"<p>{sentence}.</p>" for sentence in BODY.rstrip(".").split(". "))
                    + "</article></body></html>", encoding="utf-8")
    env = {"COLUMNS": "200", "CITEWATCH_RESOLVE_HOSTS": "*=fail", "CITEWATCH_DB": str(tmp_path / "c.db")}
    result = runner.invoke(cli, ["check", "--quote", HEADLINE, str(page), "--format", "jsonl"], env=env)
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert row["verdict"] == "verbatim" and row["reason"].startswith("in the page's title, not its body")
    assert row["matched"] == HEADLINE
    result = runner.invoke(cli, ["search", HEADLINE, "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    [hit] = json.loads(result.stdout)
    assert hit["snippet"] == "(title) " + " ".join(f"**{word}**" for word in HEADLINE.split()), hit["snippet"]
