"""A quote found only in the page's title (`texts.title`), not in its body:
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


def test_a_quote_only_in_a_page_title_is_checked_and_searched_end_to_end(runner, tmp_path):
    """A local HTML page whose <title> alone is the quote.  `citewatch check`
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


def test_a_title_s_span_is_not_read_as_the_body_s_when_numbers_change(db, tmp_path):
    """The quote matched in the title alone has the title's offsets; history read them as a span
    of the body, so a counter changed in the body's first characters was content drift (a
    scheduled run's exit 3) instead of numbers changed."""
    from crawler import history, schedule
    from crawler.config import load_config
    from tests.factories import Factory
    from tests.test_history_numbers_changed import DAY

    title = "Armenia must end the occupation of Azerbaijani lands"
    f = Factory(db)
    doc = f.document()
    source = f.source("https://mfa.example.org/t", state="live")
    f.citation(doc, f.statement(doc, 1, "Ministry", title), 1, source, url="https://mfa.example.org/t")
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    body = "Read 10 times. The Ministry of Foreign Affairs issued a statement on the situation in the region."
    f.fetch(f.crawl(DAY(1)), source, "live", text=body, title=title)
    reconcile.run(db, config)
    assert json.loads(db.execute("select evidence from quote_checks where scope = 'text'").fetchone()[0])["in"] == "title"
    schedule.after_run(db, config, scheduled=True)
    f.fetch(f.crawl(DAY(8), scheduled=True), source, "live", text=body.replace("10", "12"), title=title)
    reconcile.run(db, config)
    assert schedule.after_run(db, config, scheduled=True) == 0
    changes = history.latest_changes(db)
    assert changes["content_drift"] == [] and [c["url"] for c in changes["numbers_changed"]] == ["https://mfa.example.org/t"]
