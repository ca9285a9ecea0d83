"""Which statement and which text a verdict rests on, over a
real SQLite file with rows as the stages write them, and one `citewatch check` against the
test web:

- an article's quote is checked against another speaker's sources only when it has that
  speaker's words (near) verbatim, and then says so, naming a possible misattribution when
  the article's own speaker has a statement that holds the quote only altered;
- a quote the live page holds but the memento of the quote's date does not is
  `verbatim` on the live page, and says the page changed after that memento;
- a quote found in no text rests on the live page, not on a capture stub that scored a
  few points more."""

from __future__ import annotations

import csv
import json

import pytest

from crawler import reconcile
from tests.factories import Factory
from tests.test_check import check, env  # noqa: F401  (env: the fixture of a run against the test web)
from tests.test_check_sources import results
from tests.web.demo_pages import FENWICK_NOW, FENWICK_THEN

# The letter's statements (A/74/855) and an article's quotes of them.
CANADA = ("Canada supports the territorial integrity of Azerbaijan and doesn’t recognize the so-called “elections” "
          "held in Nagorno-Karabakh on 31/3. Such “elections” undermine efforts, including by the OSCE Minsk Group, "
          "to achieve a peaceful settlement of the NK conflict.")
ESTONIA = ("Estonia does not consider the so-called elections in Nagorno Karabakh as legitimate. We continue to "
           "support the mediation efforts of the OSCE Minsk Group Co-Chairs.")
FINLAND = ("Finland doesn’t recognize the so called elections in Nagorno Karabakh. The same applies to all elections "
           "in separatist regions. We align us with this statement by the European External Action Service.")
ITALY = "No recognition of the so-called presidential and parliamentary elections in Nagorno Karabakh by Italy."
UNDER_CANADA = "Estonia does not consider the so-called elections in Nagorno Karabakh as legitimate."
UNDER_ITALY = ("Italy does not recognize the so-called elections in Nagorno-Karabakh and supports the OSCE Minsk "
               "Group.")


def _letter(f: Factory, *statements: tuple[int, str, str]) -> dict[str, dict]:
    """A letter whose statements (seq, entity, quote) each cite a page holding their quote:
    {entity: {statement, source, text}}."""
    doc = f.document()
    made = {}
    for seq, entity, quote in statements:
        statement = f.statement(doc, seq, entity, quote)
        url = f"https://mfa.example/{seq}"
        source = f.source(url)
        f.citation(doc, statement, seq, source, url=url)
        made[entity] = {"statement": statement, "source": source,
                        "text": f.text(source, f"Statement. {quote} Thank you.", url=url)}
    return made


def _article_quote(f: Factory, entity: str, quote: str) -> int:
    """An article's quote attributed to `entity`, with no footnote, as ingest stores one."""
    doc = f.document(title=f"Article on {entity}", kind="article", date="2020-04-02")
    statement = f.statement(doc, 1, entity, quote, footnote=None)
    f.citation(doc, statement, 1, kind="unfootnoted", printed="the ministry wrote")
    return statement


def _rows(db, statement_id: int) -> dict[str, dict]:
    """The statement's compilation and overall rows, evidence read; its text rows as a list."""
    rows = [dict(r) for r in db.query("select * from quote_checks where statement_id = ? order by id", [statement_id])]
    for row in rows:
        row["evidence"] = json.loads(row["evidence"])
    by_scope = {row["scope"]: row for row in rows if row["scope"] != "text"}
    return {**by_scope, "text": [row for row in rows if row["scope"] == "text"]}


def _note(db, statement_id: int) -> str:
    document = db.execute("select document_id from statements where id = ?", [statement_id]).fetchone()[0]
    [row] = reconcile.summary_rows(db, document)
    return row[5]


def test_another_speakers_words_verbatim_are_a_possible_misattribution_not_an_altered_quote(db):
    """The article puts Estonia's words under "Canada": Canada's own statement holds them only
    altered, Estonia's verbatim.  The quote is compared with Estonia's statement and checked
    against its source, and every reader is told whose statement that is and that the
    article's attribution may be wrong (before: altered against Canada's, a nonsense diff)."""
    f = Factory(db)
    letter = _letter(f, (16, "Canada", CANADA), (20, "Republic of Estonia", ESTONIA))
    quote = _article_quote(f, "Canada", UNDER_CANADA)
    counts = reconcile.run(db)
    rows = _rows(db, quote)
    compiled = rows["compilation"]
    assert compiled["verdict"] == "verbatim"
    assert compiled["evidence"]["compared_with"]["statement_id"] == letter["Republic of Estonia"]["statement"]
    assert (compiled["evidence"]["entity_match"], compiled["evidence"]["borrowed"]) == (False, True)
    wrong = compiled["evidence"]["misattribution"]
    assert (wrong["statement_id"], wrong["entity"], wrong["verdict"]) == (letter["Canada"]["statement"], "Canada",
                                                                          "altered")
    assert "matched a statement by Republic of Estonia, another speaker" in compiled["reason"]
    assert [t["text_id"] for t in rows["text"]] == [letter["Republic of Estonia"]["text"]]
    assert rows["overall"]["verdict"] == "verbatim"
    assert rows["overall"]["reason"].endswith("; checked against the sources of document 1 statement 20 "
                                              "(Republic of Estonia), another speaker's statement")
    assert counts["misattribution"] == 1
    note = _note(db, quote)
    assert note.startswith("verbatim vs 1:20 (score 100): matched a statement by Republic of Estonia, another speaker; "
                           f"possible misattribution: only altered (score {wrong['score']:.0f}) in 1:16 Canada")


@pytest.mark.parametrize("own_statement", [False, True], ids=["no-italy-statement", "italy-statement-differs"])
def test_an_altered_match_with_another_speaker_lends_no_sources(db, own_statement):
    """"Italy does not recognize …" is closest to Finland's statement (altered, score 58).
    Finland's source is not Italy's: the quote is never checked against it (before: altered
    against Finland's tweet, the terminal saying only "altered vs 1:21").  With no statement
    of Italy's, the match is shown with its score and Finland named; with one, that is the
    statement compared with, though it does not hold the quote."""
    f = Factory(db)
    letter = _letter(f, (21, "Finland", FINLAND), *([(26, "Italy", ITALY)] if own_statement else []))
    quote = _article_quote(f, "Italy", UNDER_ITALY)
    reconcile.run(db)
    rows = _rows(db, quote)
    assert rows["text"] == [] and rows["overall"]["verdict"] == "unverifiable"
    compiled = rows["compilation"]
    if own_statement:
        assert compiled["evidence"]["compared_with"]["statement_id"] == letter["Italy"]["statement"]
        assert (compiled["verdict"], compiled["evidence"]["entity_match"]) == ("not-in-source", True)
        assert _note(db, quote).startswith(f"not-in-source vs 1:26 (score {compiled['score']:.0f}); quote 1: no footnote")
        return
    assert compiled["evidence"]["compared_with"]["statement_id"] == letter["Finland"]["statement"]
    assert (compiled["verdict"], compiled["evidence"]["entity_match"], compiled["evidence"]["borrowed"]) == (
        "altered", False, False)
    assert compiled["reason"].endswith("; matched a statement by Finland, another speaker: its sources are not the "
                                       "quote's, not used")
    note = _note(db, quote)
    assert note.startswith(f"altered vs 1:21 (score {compiled['score']:.0f}; ")
    assert "): matched a statement by Finland, another speaker, its sources not used; quote 1: no footnote" in note


NOW_PAGE = "Statement of the Duchy. " + FENWICK_NOW[0] + " Published in 2026."
THEN_PAGE = "Statement of the Duchy. " + FENWICK_THEN[0] + " Published in 2020."
PAGE = "https://duchy.example/statement"


def _cited_on_2020_04_02(f: Factory, quote: str) -> tuple[int, int]:
    """A statement of 2 April 2020 quoting `quote` from PAGE, read live on 1 January 2026:
    (statement, source)."""
    doc = f.document()
    statement = f.statement(doc, 1, "Grand Fenwick", quote, date="2020-04-02")
    source = f.source(PAGE)
    f.citation(doc, statement, 1, source, url=PAGE)
    f.text(source, NOW_PAGE, created_at="2026-01-01T00:00:00+00:00", url=PAGE)
    return statement, source


@pytest.mark.parametrize("then, kind, held", [
    (THEN_PAGE, "added", "not in"),
    (NOW_PAGE.replace("welcomes", "notes"), "changed", "altered in"),
], ids=["not-in-the-memento", "altered-in-the-memento"])
def test_a_quote_only_the_page_of_today_holds_says_the_memento_of_its_date_does_not(db, then, kind, held):
    """Quoted on 2 April 2020 in words the page has today; its capture of that day has other
    words (the page changed after).  The verdict is the live page's, as the README promises,
    and the reason, note and evidence say the memento of the quote's date lacks the words
    (before: `verbatim`, live, nothing said)."""
    f = Factory(db)
    statement, source = _cited_on_2020_04_02(f, FENWICK_NOW[0])
    memento = f.text(source, then, origin="memento", memento_timestamp="20200402110000",
                     created_at="2026-01-01T00:01:00+00:00", url=f"https://web.archive.org/web/20200402110000id_/{PAGE}")
    reconcile.run(db)
    top = _rows(db, statement)["overall"]
    assert (top["verdict"], top["evidence"]["text"]["origin"]) == ("verbatim", "live")
    added = top["evidence"]["added_since"]
    assert (added["kind"], added["memento_text_id"], added["memento_timestamp"], added["source_id"]) == (
        kind, memento, "20200402110000", source)
    said = (f"{held} the memento of 2020-04-02 11:00 UTC (the first on or after the quote's date): "
            "the page changed after")
    assert top["reason"].endswith("; " + said)
    assert _note(db, statement) == said
    assert "drift" not in top["evidence"]


def test_a_capture_made_with_the_crawl_does_not_speak_for_the_page_as_quoted(db):
    """The only memento is the archive's capture of the crawl's day (a stub "Capture of …"
    here): nearer to the live reading than to the quote's date, it says nothing of the page
    in 2020, and no change is claimed."""
    f = Factory(db)
    statement, source = _cited_on_2020_04_02(f, FENWICK_NOW[0])
    f.text(source, f"Captured. Capture of {PAGE} at 20260101000500.", origin="memento",
           memento_timestamp="20260101000500", created_at="2026-01-01T00:06:00+00:00")
    reconcile.run(db)
    top = _rows(db, statement)["overall"]
    assert top["verdict"] == "verbatim" and "added_since" not in top["evidence"]
    assert "memento" not in top["reason"]


def test_the_live_page_rewritten_after_the_quote_is_named_by_citewatch_check(web, env, tmp_path):
    """The demo's Grand Fenwick page (tests/web/demo_pages.py), quoted on 2 April 2020 in the
    words it has today: crawled, its capture of that day fetched by the archive stage, the row
    is verbatim on the live page and says that capture does not hold the words."""
    page = f"{web['main']}/demo/grand-fenwick/statement"
    quotes = tmp_path / "quotes.csv"
    with quotes.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "quote", "source", "date"])
        writer.writerow(["now-1", FENWICK_NOW[0], page, "2020-04-02"])
        writer.writerow(["then-1", FENWICK_THEN[0], page, "2020-04-02"])
    done = check(env, str(quotes), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = results(done)
    assert (rows["now-1"]["verdict"], rows["now-1"]["text"]) == ("verbatim", "live"), rows["now-1"]
    assert rows["now-1"]["reason"].endswith("; not in the memento of 2020-04-02 11:00 UTC (the first on or after "
                                            "the quote's date): the page changed after"), rows["now-1"]
    assert "the first on or after the quote's date" not in rows["then-1"]["reason"]   # the other way: content drift
    assert "content drift" in rows["then-1"]["reason"]


STUB = "Captured. Capture of {} at 20261129121446."


@pytest.mark.parametrize("quote, live, flags, verdict", [
    ("Borduria condemns the so-called elections and will never accept their results.",
     "Trade delegation news. A memorandum on the export of mineral water and cheese was signed.", [],
     "not-in-source"),
    ("The Ministry of Foreign Affairs of Ruritania does not recognise the so-called “elections” of 31 March in the "
     "occupied region and reaffirms its commitment to the territorial integrity of Sylvania.",
     "Le ministère des Affaires étrangères de Ruritanie ne reconnaît pas les prétendues « élections » du 31 mars dans "
     "la région occupée et réaffirme son attachement à l'intégrité territoriale de la Sylvanie.",
     ["unofficial-translation"], "translation"),
], ids=["not-in-source", "translation"])
def test_a_quote_found_in_no_text_rests_on_the_live_page_not_a_capture_stub(db, quote, live, flags, verdict):
    """The demo's footnotes 2 and 10: the live page does not hold the quote (or holds it in
    French), and neither does the same-day capture, an 81-character stub that scores a few
    points more.  The verdict rests on the live page, the text a reader opens (before: "memento
    20261129121446", the stub); every text tried is still listed with its score."""
    f = Factory(db)
    doc = f.document()
    url = "https://ministry.example/borduria/ruritania/elections"   # words of the quote in the stub
    statement = f.statement(doc, 1, "Ministry", quote, date="2020-04-02", flags=json.dumps(flags))
    source = f.source(url)
    f.citation(doc, statement, 1, source, url=url, flags=json.dumps(flags))
    kept = f.text(source, live, created_at="2026-11-29T12:14:00+00:00", url=url)
    stub = f.text(source, STUB.format(url), origin="memento", memento_timestamp="20261129121446",
                  created_at="2026-11-29T12:15:00+00:00")
    reconcile.run(db)
    rows = _rows(db, statement)
    scores = {row["text_id"]: (row["verdict"], row["score"]) for row in rows["text"]}
    assert scores[stub][0] == verdict and scores[stub][1] > scores[kept][1]   # the stub scores more
    top = rows["overall"]
    assert (top["verdict"], top["evidence"]["text"]["id"], top["score"]) == (verdict, kept, scores[kept][1])
    # the evidence lists each text's score as its row keeps it, to 0.1 (it listed 8.695652173913043)
    assert {t["text_id"]: t["score"] for t in top["evidence"]["texts"]} == {t: s for t, (_, s) in scores.items()}
    assert reconcile.summary_rows(db)[0][4] == "live"
