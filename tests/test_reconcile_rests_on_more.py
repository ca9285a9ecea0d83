"""Reconcile's rules of which text a verdict rests on (tests/test_reconcile_rests_on.py), further
cases, over real SQLite files with rows as the stages write them:

- which memento speaks for the page as quoted (`added_since`): the first on or after the
  quote's date, one that holds the quote preferred among captures of the same day, none at
  all when a capture from before the date holds the quote, and the live text, not a memento
  holding the quote as well, is the one the verdict rests on, unless it holds the quote only
  in its title while a text's body holds it;
- an article's quote that names no speaker is nobody's in particular (the statement whose
  sources checked it is named), an elided quote has the same words as the statement it
  shortens, and a statement with no speaker is never "by None"."""

from __future__ import annotations

import pytest

from crawler import reconcile
from tests.factories import Factory
from tests.test_reconcile_rests_on import (CANADA, ESTONIA, NOW_PAGE, PAGE, THEN_PAGE, UNDER_CANADA, _article_quote,
                                            _cited_on_2020_04_02, _letter, _note, _rows)
from tests.web.demo_pages import FENWICK_NOW

# Estonia's statement shortened by the article's "…": elided against it.
ESTONIA_ELIDED = "Estonia does not consider the so-called elections … as legitimate."
STUB = "Capture of duchy.example. Site under maintenance."
SAID = "not in the memento of 2020-04-02 11:00 UTC (the first on or after the quote's date): the page changed after"


def _memento(f: Factory, source: int, text: str, timestamp: str, stored: str) -> int:
    """A memento of PAGE at `timestamp`, stored by the archive stage at minute `stored` of 2026."""
    return f.text(source, text, origin="memento", memento_timestamp=timestamp,
                  created_at=f"2026-01-01T00:{stored}:00+00:00",
                  url=f"https://web.archive.org/web/{timestamp}id_/{PAGE}")


def _assert_no_change_claimed(db, statement: int) -> None:
    """Reconciled, the statement is verbatim on the live page and no memento is said to lack
    the quote (no `added_since`, no memento in the reason)."""
    reconcile.run(db)
    top = _rows(db, statement)["overall"]
    assert top["verdict"] == "verbatim" and "added_since" not in top["evidence"]
    assert "memento" not in top["reason"]


def test_a_later_memento_holding_the_quote_too_leaves_the_verdict_on_the_live_page(db):
    """The archive stage runs after the crawl: a 2025 capture holding the words is stored after
    the live text.  Verdict and score tie; the verdict rests on the live page, and the capture of
    the quote's day, which lacks the words, is named (before: "memento 20250101110000", nothing
    said)."""
    f = Factory(db)
    statement, source = _cited_on_2020_04_02(f, FENWICK_NOW[0])
    then = _memento(f, source, THEN_PAGE, "20200402110000", "01")
    _memento(f, source, NOW_PAGE, "20250101110000", "02")
    reconcile.run(db)
    top = _rows(db, statement)["overall"]
    assert (top["verdict"], top["evidence"]["text"]["origin"]) == ("verbatim", "live")
    assert top["evidence"]["added_since"]["memento_text_id"] == then
    assert top["reason"].endswith("; " + SAID)
    assert reconcile.summary_rows(db)[0][4] == "live"


def test_a_body_holding_the_quote_outweighs_a_live_title_holding_it(db):
    """The live page holds the quote only in its title (a headline over a
    cookie notice), the memento of the quote's day in its body, verbatim both: the verdict
    rests on the body's text, not the title (before: on the live title, "in the page's title,
    not its body")."""
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Grand Fenwick", FENWICK_NOW[0], date="2020-04-02")
    source = f.source(PAGE)
    f.citation(doc, statement, 1, source, url=PAGE)
    f.text(source, "Cookie notice. Nothing else here.", title=FENWICK_NOW[0], created_at="2026-01-01T00:00:00+00:00",
           url=PAGE)
    body = _memento(f, source, NOW_PAGE, "20200402120000", "01")
    reconcile.run(db)
    top = _rows(db, statement)["overall"]
    assert (top["verdict"], top["evidence"]["text"]["id"], top["evidence"]["text"]["origin"]) == (
        "verbatim", body, "memento")
    assert "in" not in top["evidence"] and "title" not in top["reason"]


def test_a_memento_from_before_the_quote_says_nothing_of_words_added_since(db):
    """The only capture is of 30 March, the quote of 2 April: the words may have been added
    in between, and no change after the quote is claimed (before: "not in the memento of
    2020-03-30 … the page changed after")."""
    f = Factory(db)
    statement, source = _cited_on_2020_04_02(f, FENWICK_NOW[0])
    _memento(f, source, THEN_PAGE, "20200330120000", "01")
    _assert_no_change_claimed(db, statement)


def test_the_first_memento_on_or_after_the_quote_is_named_not_a_nearer_one_before(db):
    """A capture a day before the quote lacks the words (a maintenance page), one three days
    after has other words: the later one shows the page as quoted best, and it is named."""
    f = Factory(db)
    statement, source = _cited_on_2020_04_02(f, FENWICK_NOW[0])
    _memento(f, source, STUB, "20200401120000", "01")
    after = _memento(f, source, THEN_PAGE, "20200405120000", "02")
    reconcile.run(db)
    added = _rows(db, statement)["overall"]["evidence"]["added_since"]
    assert (added["memento_text_id"], added["memento_timestamp"]) == (after, "20200405120000")


@pytest.mark.parametrize("evening_first", [True, False], ids=["evening-stored-first", "morning-stored-first"])
def test_a_capture_of_the_quotes_day_holding_the_words_outweighs_one_that_lacks_them(db, evening_first):
    """Two captures of 2 April: 06:00 lacks the words, 20:00 holds them.  Both are of the
    quote's day; the words were there that day, and no change is claimed, whichever capture
    the archive stage stored first (before: a claim when the morning one came first)."""
    f = Factory(db)
    statement, source = _cited_on_2020_04_02(f, FENWICK_NOW[0])
    captures = [(NOW_PAGE, "20200402200000"), (THEN_PAGE, "20200402060000")]
    for stored, (text, timestamp) in enumerate(captures if evening_first else captures[::-1], start=1):
        _memento(f, source, text, timestamp, f"{stored:02d}")
    _assert_no_change_claimed(db, statement)


def test_a_memento_from_before_the_quote_holding_the_words_forbids_the_claim(db):
    """The capture of 30 March holds the words, the first after the quote
    (10 April) is a maintenance stub: the words were there before the quote, and no change
    after it is claimed (before: "not in the memento of 2020-04-10 … the page changed after")."""
    f = Factory(db)
    statement, source = _cited_on_2020_04_02(f, FENWICK_NOW[0])
    _memento(f, source, NOW_PAGE, "20200330120000", "01")
    _memento(f, source, STUB, "20200410120000", "02")
    _assert_no_change_claimed(db, statement)


def test_a_statement_dated_by_its_document_says_the_documents_date(db):
    """A statement with no date of its own is checked at its document's date, and the reason
    says so, not "the quote's date"."""
    f = Factory(db)
    doc = f.document(date="2020-04-02")
    statement = f.statement(doc, 1, "Grand Fenwick", FENWICK_NOW[0], date=None)
    source = f.source(PAGE)
    f.citation(doc, statement, 1, source, url=PAGE)
    f.text(source, NOW_PAGE, created_at="2026-01-01T00:00:00+00:00", url=PAGE)
    _memento(f, source, THEN_PAGE, "20200402110000", "01")
    reconcile.run(db)
    top = _rows(db, statement)["overall"]
    assert (top["evidence"]["added_since"]["date_of"], top["evidence"]["added_since"]["quote_date"]) == (
        "document", "2020-04-02")
    assert top["reason"].endswith("; not in the memento of 2020-04-02 11:00 UTC (the first on or after the "
                                  "document's date): the page changed after")


def test_a_quote_naming_no_speaker_is_checked_against_the_statement_it_shortens(db):
    """An article's quote with no speaker, Estonia's words shortened with "…": it is nobody
    else's, so Estonia's source checks it, and no "another speaker" is
    said (before: unverifiable, "matched a statement by Republic of Estonia, another speaker,
    its sources not used")."""
    f = Factory(db)
    letter = _letter(f, (20, "Republic of Estonia", ESTONIA))
    quote = _article_quote(f, None, ESTONIA_ELIDED)
    reconcile.run(db)
    rows = _rows(db, quote)
    compiled = rows["compilation"]
    assert (compiled["verdict"], compiled["evidence"]["entity_match"], compiled["evidence"]["borrowed"]) == (
        "elided", None, True)
    assert [t["text_id"] for t in rows["text"]] == [letter["Republic of Estonia"]["text"]]
    assert rows["overall"]["verdict"] == "elided"
    said = " ".join([compiled["reason"], rows["overall"]["reason"], _note(db, quote)])
    assert "another speaker" not in said and "sources not used" not in said


def test_a_quote_naming_no_speaker_says_whose_sources_checked_it(db):
    """A quote naming no speaker, Estonia's words altered, borrows
    Estonia's sources; the overall reason says so, not as another speaker's (before: nothing
    said of whose sources the verdict rests on)."""
    f = Factory(db)
    said = "Estonia does not recognise the so-called elections in the occupied region."
    _letter(f, (20, "Republic of Estonia", said))
    quote = _article_quote(f, None, said.replace("does not", "does"))
    reconcile.run(db)
    rows = _rows(db, quote)
    assert (rows["compilation"]["verdict"], rows["compilation"]["evidence"]["entity_match"]) == ("altered", None)
    assert rows["overall"]["verdict"] == "altered"
    assert rows["overall"]["reason"].endswith("; checked against the sources of document 1 statement 20 "
                                              "(Republic of Estonia)")


def test_another_speakers_words_shortened_are_still_theirs(db):
    """The article puts Estonia's words, shortened with "…", under "Canada", whose own
    statement does not hold them: an ellipsis shortens, it does not change, so Estonia's
    source checks the quote and a possible misattribution is named (before: not borrowed,
    unverifiable, no misattribution)."""
    f = Factory(db)
    letter = _letter(f, (16, "Canada", CANADA), (20, "Republic of Estonia", ESTONIA))
    quote = _article_quote(f, "Canada", ESTONIA_ELIDED)
    counts = reconcile.run(db)
    rows = _rows(db, quote)
    compiled = rows["compilation"]
    assert compiled["evidence"]["compared_with"]["statement_id"] == letter["Republic of Estonia"]["statement"]
    assert (compiled["verdict"], compiled["evidence"]["entity_match"], compiled["evidence"]["borrowed"]) == (
        "elided", False, True)
    assert compiled["evidence"]["misattribution"]["statement_id"] == letter["Canada"]["statement"]
    assert rows["overall"]["verdict"] == "elided" and counts["misattribution"] == 1


def test_a_statement_naming_no_speaker_is_not_by_none(db):
    """The letter's statement has no entity: the reason, the overall reason and the note say
    "a statement with no speaker named", never "by None" (before: "matched a statement by
    None, another speaker")."""
    f = Factory(db)
    _letter(f, (20, None, ESTONIA))
    quote = _article_quote(f, "Canada", UNDER_CANADA)
    reconcile.run(db)
    rows = _rows(db, quote)
    assert rows["compilation"]["reason"].endswith("; matched a statement with no speaker named")
    assert _note(db, quote) == "verbatim vs 1:20 (score 100): matched a statement with no speaker named"
    assert "None" not in rows["overall"]["reason"]
    assert rows["overall"]["reason"].endswith("; checked against the sources of document 1 statement 20 "
                                              "(no speaker named)")


def test_sources_lent_without_a_text_are_not_said_to_have_checked_the_quote(db):
    """Estonia's page is not crawled yet: the quote is unverifiable, and the reason does not
    claim it was checked against Estonia's sources (before: "…; checked against the sources
    of document 1 statement 20 (Republic of Estonia), another speaker's statement")."""
    f = Factory(db)
    doc = f.document()
    estonia = f.statement(doc, 20, "Republic of Estonia", ESTONIA)
    url = "https://mfa.example/20"
    f.citation(doc, estonia, 20, f.source(url), url=url)
    quote = _article_quote(f, "Canada", UNDER_CANADA)
    reconcile.run(db)
    top = _rows(db, quote)["overall"]
    assert top["verdict"] == "unverifiable" and "not yet crawled" in top["reason"]
    assert "checked against the sources" not in top["reason"]
