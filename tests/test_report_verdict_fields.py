"""The report: a verdict's facts as fields of their own (`in`, `added_since`, and a
comparison's `entity_match`, `borrowed`), a footnote's verdict picked in reconcile's order
(with the statement's words added since on the footnote whose text they name, and none on the
footnote resting on the text its statement's verdict rests on, when the statement says none),
every field of
a verdict from one text, `next_check` as the crawl takes it (a damaged last check's class
stopping nothing), and the Datasette description of what a source's checks keep.  The
verdicts are the real reconcile stage's, over rows built as the crawl and archive stages
store them (tests/factories.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest

import db as database
from crawler import reconcile, report, report_data, state
from crawler.cli import cli
from crawler.config import load_config
from tests.factories import Factory

METADATA = Path(__file__).resolve().parent.parent / "crawler" / "datasette-metadata.json"
QUOTE = "The Ministry firmly states that the so-called elections held in the occupied region have no legal effect."
OTHER_WORDS = "Weather forecast: sunny with light winds tomorrow."
STUB = "Capture of mfa.example.org: The Ministry states elections"   # shares a few words: not-in-source, above 0
URL = "https://mfa.example.org/press/s17"
CRAWLED = "2026-01-02T00:00:00+00:00"


def _reconciled(db, tmp_path) -> None:
    """The real reconcile stage over what the factory stored (offline: nothing is fetched)."""
    reconcile.run(db, load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data")))


def _rows(db) -> dict[str, dict]:
    """Each cited footnote row of the report data, by its statement's entity and seq."""
    return {f"{f['statement']['entity']} {f['seq']}": f for d in report_data.build(db)["documents"]
            for f in d["footnotes"] if f["citation_id"]}


def _csv(db) -> dict[str, dict]:
    """Each CSV row with a citation, by entity and footnote, as `_rows`."""
    rows = csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv")))
    return {f"{r['entity']} {r['footnote']}": r for r in rows if r["url"]}


def _html_verdicts(db) -> list[str]:
    """The Verdict cell of each footnote row of the HTML report, its words on one line."""
    tree = lxml.html.fromstring(report.render(report_data.build(db), "html"))
    return [" ".join(td.text_content().split())
            for td in tree.xpath("//table[contains(@class,'footnotes')]/tbody/tr/td[@data-label='Verdict']")]


def _page(f: Factory, doc: int, seq: int, entity: str, quote: str, url: str) -> int:
    """A statement of `doc` citing one page (footnote `seq`); the page's source id."""
    source = f.source(url)
    f.citation(doc, f.statement(doc, seq, entity, quote), seq, source, url=url)
    return source


# --- 1. the facts reconcile keeps inside its evidence, as fields of their own ---------------


def test_where_the_quote_was_found_and_words_added_since_are_fields_in_every_format(db, tmp_path):
    f = Factory(db)
    doc = f.document()
    crawl = f.crawl(CRAWLED)
    titled = _page(f, doc, 1, "Aria", QUOTE, "https://aria.example.org/press")
    f.fetch(crawl, titled, "live", text=OTHER_WORDS, title=QUOTE)         # the headline alone holds it
    added = _page(f, doc, 2, "Borduria", QUOTE.replace("Ministry", "Government"), "https://borduria.example.org/p")
    f.fetch(crawl, added, "live", text=f"Press release. {QUOTE.replace('Ministry', 'Government')}")
    f.text(added, OTHER_WORDS, origin="memento", memento_timestamp="20200405000000")   # after the quote's date
    plain = _page(f, doc, 3, "Carpania", QUOTE.replace("Ministry", "Council"), "https://carpania.example.org/p")
    f.fetch(crawl, plain, "live", text=OTHER_WORDS)
    _reconciled(db, tmp_path)

    rows = _rows(db)
    facts = {key: (row["verdict"]["verdict"], row["verdict"]["in"], row["verdict"]["added_since"])
             for key, row in rows.items()}
    assert facts == {"Aria 1": ("verbatim", "title", None), "Borduria 2": ("verbatim", "body", "added"),
                     "Carpania 3": ("not-in-source", None, None)}
    assert rows["Borduria 2"]["verdict"]["evidence"]["added_since"]["kind"] == "added"     # what it is read from
    exported = json.loads(report.render(report_data.build(db), "json"))
    footnotes = exported["documents"][0]["footnotes"]
    assert [(f["verdict"]["in"], f["statement_verdict"]["added_since"]) for f in footnotes] == [
        ("title", None), ("body", "added"), (None, None)]
    table = _csv(db)
    assert [(table[key]["in"], table[key]["added_since"]) for key in ("Aria 1", "Borduria 2", "Carpania 3")] == [
        ("title", ""), ("body", "added"), ("", "")]
    cells = _html_verdicts(db)
    assert "in the title only" in cells[0] and "added since quoted" not in cells[0]
    assert "added since quoted" in cells[1] and "in the title only" not in cells[1]
    assert "in the title only" not in cells[2] and "since quoted" not in cells[2]


def test_whether_a_compared_statement_is_another_speaker_s_and_lends_its_sources_are_fields(db, tmp_path):
    f = Factory(db)
    letter = f.document()
    lent = _page(f, letter, 1, "Estonia", QUOTE, URL)
    f.fetch(f.crawl(CRAWLED), lent, "live", text=f"Press release. {QUOTE}")
    article = f.document(title="News article", kind="article", date="2020-04-02")
    f.statement(article, 1, "Latvia", QUOTE)           # Estonia's words, said to be Latvia's
    f.statement(article, 2, "Estonia", "Estonia welcomes the new trade agreement with its neighbours.")
    _reconciled(db, tmp_path)

    compared = {f["statement"]["entity"]: f["compilation"] for f in report_data.build(db)["documents"][1]["footnotes"]}
    assert (compared["Latvia"]["entity_match"], compared["Latvia"]["borrowed"]) == (False, True)
    assert (compared["Estonia"]["entity_match"], compared["Estonia"]["borrowed"]) == (True, False)
    table = {r["entity"]: r for r in csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv")))
             if r["document_id"] == str(article)}
    assert [(table[e]["entity_match"], table[e]["borrowed"]) for e in ("Latvia", "Estonia")] == [
        ("false", "true"), ("true", "false")]
    first = {r["entity"]: r for r in csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv")))
             if r["document_id"] == str(letter)}
    assert (first["Estonia"]["entity_match"], first["Estonia"]["borrowed"]) == ("", "")   # no comparison: empty
    tree = lxml.html.fromstring(report.render(report_data.build(db), "html"))
    said = [" ".join(div.text_content().split()) for div in tree.xpath("//div[@class='compilation']")]
    assert len(said) == 2
    assert "another speaker" in said[0] and "sources borrowed" in said[0]
    assert "another speaker" not in said[1] and "sources not used" in said[1]


# --- 2. a footnote's own verdict rests on the text the overall check would rest on ---------


def _two_footnotes(f: Factory) -> tuple[int, int]:
    """A statement citing two pages: footnote 1's (returned, with the crawl) and footnote 2's,
    which gives no text, so that the statement's verdict rests on one of footnote 1's texts."""
    doc = f.document()
    statement = f.statement(doc, 1, "Ministry", QUOTE)
    source = f.source(URL)
    f.citation(doc, statement, 1, source, url=URL)
    f.citation(doc, statement, 2, f.source("https://other.example.org/s"), url="https://other.example.org/s")
    return source, f.crawl(CRAWLED)


def _overall_text(db) -> dict:
    """The text the statement's overall check rests on, as reconcile stored it."""
    row = db.execute("select evidence from quote_checks where scope = 'overall'").fetchone()
    return json.loads(row[0])["text"]


def test_a_footnote_rests_on_a_body_holding_the_quote_before_a_title_as_the_statement_does(db, tmp_path):
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    f.text(source, f"Press release. {QUOTE}", origin="memento", memento_timestamp="20200401093000")
    f.fetch(crawl, source, "live", text=OTHER_WORDS, title=QUOTE)     # stored after: the later text, headline only
    _reconciled(db, tmp_path)
    assert _overall_text(db)["origin"] == "memento"

    own = _rows(db)["Ministry 1"]["verdict"]
    assert (own["verdict"], own["score"]) == ("verbatim", 100.0)
    assert (own["text_origin"], own["text_memento_timestamp"], own["in"]) == ("memento", "20200401093000", "body")
    assert own["evidence"]["text"]["id"] == _overall_text(db)["id"]


def test_a_footnote_whose_texts_lack_the_quote_rests_on_the_live_page_as_the_statement_does(db, tmp_path):
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    f.fetch(crawl, source, "live", text=OTHER_WORDS)
    f.text(source, STUB, origin="memento", memento_timestamp="20260102000000")   # a stub, scoring above the page
    _reconciled(db, tmp_path)
    scores = dict(db.execute("select t.origin, q.score from quote_checks q join texts t on t.id = q.text_id"))
    assert scores["memento"] > scores["live"]
    assert _overall_text(db)["origin"] == "live"

    own = _rows(db)["Ministry 1"]["verdict"]
    assert (own["verdict"], own["text_origin"], own["text_url"]) == ("not-in-source", "live", URL)
    assert own["score"] == scores["live"] and own["evidence"]["text"]["id"] == _overall_text(db)["id"]


def test_a_footnote_of_a_statement_citing_two_says_words_added_since_to_its_page_alone(db, tmp_path):
    """The statement's verdict rests on footnote 1's live page, which holds the quote, but the
    page's memento after the quote's date lacks it: footnote 1's own verdict says so (field,
    evidence, reason) as the statement's does; footnote 2's page, without the quote, does not.
    Before, only `statement_verdict` said it: the HTML and CSV rows, the footnotes' own."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    f.fetch(crawl, source, "live", text=f"Press release. {QUOTE}")
    f.text(source, OTHER_WORDS, origin="memento", memento_timestamp="20200405000000")   # after the quote's date
    other = db.execute("select id from sources where id != ?", [source]).fetchone()[0]
    f.fetch(crawl, other, "live", text=OTHER_WORDS)
    _reconciled(db, tmp_path)
    stated = json.loads(db.execute("select evidence from quote_checks where scope = 'overall'").fetchone()[0])
    assert stated["added_since"]["kind"] == "added"

    first, second = _rows(db)["Ministry 1"]["verdict"], _rows(db)["Ministry 2"]["verdict"]
    assert (first["verdict"], first["added_since"], first["evidence"]["added_since"]) == (
        "verbatim", "added", stated["added_since"])
    assert first["reason"].endswith("; " + reconcile.added_words(stated["added_since"]))
    assert (second["verdict"], second["added_since"], "added_since" in second["evidence"]) == (
        "not-in-source", None, False)
    assert "the page changed after" not in second["reason"]
    table = _csv(db)
    assert (table["Ministry 1"]["added_since"], table["Ministry 2"]["added_since"]) == ("added", "")
    cells = _html_verdicts(db)
    assert "added since quoted" in cells[0] and "since quoted" not in cells[1]


# --- 3. every field of one verdict from one text -------------------------------------------


def test_a_verdict_without_an_overall_check_takes_every_field_from_one_text(db):
    """Text checks stored, no overall one: the live page's not-in-source scored above the
    memento's altered.  Before, the verdict was the live page's with its URL, and the memento's
    diff and span under it."""
    f = Factory(db)
    doc = f.document()
    source = _page(f, doc, 1, "Ministry", QUOTE, URL)
    statement = db.execute("select id from statements").fetchone()[0]
    live = f.text(source, OTHER_WORDS, url=URL)
    memento_url = f"https://web.archive.org/web/20200401093000id_/{URL}"
    memento = f.text(source, f"Press release. {QUOTE.replace('no', 'some')}", origin="memento",
                     memento_timestamp="20200401093000", url=memento_url)
    f.check(statement, "not-in-source", score=60.0, scope="text", text_id=live,
            reason="not in the live page", evidence=json.dumps({"text": {"id": live, "origin": "live"}}))
    diff = [["equal", "The Ministry"], ["delete", "some"], ["insert", "no"], ["equal", "legal effect."]]
    f.check(statement, "altered", score=50.0, scope="text", text_id=memento, diff=diff, span_start=15, span_end=120,
            matched="The Ministry … some legal effect.", reason="altered in the memento",
            evidence=json.dumps({"text": {"id": memento, "origin": "memento"}}))

    verdict = _rows(db)["Ministry 1"]["verdict"]
    assert {key: verdict[key] for key in ("verdict", "score", "reason", "text_origin", "text_memento_timestamp",
                                          "text_url", "diff", "span_start", "span_end", "matched", "in")} == {
        "verdict": "altered", "score": 50.0, "reason": "altered in the memento", "text_origin": "memento",
        "text_memento_timestamp": "20200401093000", "text_url": memento_url, "diff": diff, "span_start": 15,
        "span_end": 120, "matched": "The Ministry … some legal effect.", "in": "body"}
    assert verdict["evidence"]["text"]["id"] == memento


# --- 4. next_check as the crawl takes it ---------------------------------------------------


def _checked_live(db) -> int:
    """A source read live at CRAWLED, its check recorded under the default settings."""
    f = Factory(db)
    source = f.source(URL)
    crawl = f.crawl(CRAWLED)
    fetch = f.fetch(crawl, source, "live", text=QUOTE)
    state.record_check(db, source, {"at": CRAWLED, "class": "live", "reason": "live", "attempt": "citewatch",
                                    "crawl_id": crawl, "fetch_id": fetch}, load_config(env={}).values)
    return source


def test_next_check_is_the_time_a_crawl_under_the_report_s_settings_keeps(db):
    """Checked live under the default weekly interval, reported under a daily one: the crawl
    (state.due_at) re-checks it a day after that check (less the slack), and so says the report."""
    source = _checked_live(db)
    db.conn.commit()
    weekly = "2026-01-08T23:45:00+00:00"
    assert db["sources"].get(source)["next_check"] == weekly

    daily = load_config(env={"CITEWATCH_RECHECK_LIVE": "1d"})
    assert report_data.build(db, config=daily)["sources"][0]["next_check"] == "2026-01-02T23:45:00+00:00"
    assert report_data.build(db)["sources"][0]["next_check"] == weekly      # the defaults: as stored


@pytest.mark.parametrize("damaged", [["live"], {"live": 1}])
def test_a_last_check_whose_class_is_no_text_is_reported_listed_and_crawled(db, db_path, runner, damaged):
    """A hand-edited `sources.checks` whose last check's class is a JSON list or object: the
    report, `citewatch status` and the crawl's due list take the source by its state, as for
    a class they do not know.  Before, each ended in "TypeError: unhashable type"."""
    source = _checked_live(db)
    checks = json.loads(db["sources"].get(source)["checks"])
    checks[-1]["class"] = damaged
    db["sources"].update(source, {"checks": json.dumps(checks)})
    db.conn.commit()
    weekly = "2026-01-08T23:45:00+00:00"

    assert report_data.build(db, config=load_config(env={}))["sources"][0]["next_check"] == weekly
    assert [s["id"] for s in state.due_sources(db, None, config=load_config(env={}).values)] == [source]
    result = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_next_check_is_null_only_for_a_source_no_check_reached(db):
    """docs/report-schema.md `sources[].next_check`: null for a source never checked (a page
    the crawl has not reached, an offline citation); a source whose checks an offline crawl
    withdrew is due at once, said as the time they were withdrawn, not null."""
    f = Factory(db)
    unreached, offline = f.source(URL), f.source("Offline citation", kind="offline")
    withdrawn = f.source("https://mfa.example.org/press/withdrawn")
    started = database.now()     # the crawl just now: its withdrawn check's interval has not passed
    crawl = f.crawl(started)
    fetch = f.fetch(crawl, withdrawn, "timeout")
    state.record_check(db, withdrawn, {"at": started, "class": "timeout", "reason": "timeout",
                                       "attempt": "citewatch", "crawl_id": crawl, "fetch_id": fetch},
                       load_config(env={}).values)
    assert state.withdraw_offline_checks(db, crawl) == 1
    db.conn.commit()
    stored = db["sources"].get(withdrawn)["next_check"]

    given = {s["id"]: s["next_check"] for s in report_data.build(db, config=load_config(env={}))["sources"]}
    assert given == {unreached: None, offline: None, withdrawn: stored}
    assert stored >= started and withdrawn in {s["id"] for s in state.due_sources(db, None)}


# --- 5. what the Datasette metadata says a source's checks keep ----------------------------


def test_the_metadata_names_every_field_a_recorded_check_keeps(db):
    """Each key the crawl's state machine writes into `sources.checks` (crawler/state.py
    `record_check`: a live page, a network failure, a rate limit, a tweet's unconfirmed
    syndication answer) is named in the column's description, `interval_from` too."""
    f = Factory(db)
    page, tweet = f.source(URL), f.source("https://twitter.com/mfa/status/1", kind="twitter")
    settings = load_config(env={}).values
    for at, source, cls, extra in (("2026-01-01T00:00:00+00:00", page, "live", {}),
                                   ("2026-01-02T00:00:00+00:00", page, "timeout", {}),
                                   ("2026-01-03T00:00:00+00:00", page, "rate-limited", {}),
                                   ("2026-01-01T00:00:00+00:00", tweet, "client-error",
                                    {"via": "syndication", "confirm": 2})):
        crawl = f.crawl(at)
        fetch = f.fetch(crawl, source, cls)
        state.record_check(db, source, {"at": at, "class": cls, "reason": cls, "attempt": "citewatch",
                                        "crawl_id": crawl, "fetch_id": fetch, **extra}, settings)
    keys = {key for (checks,) in db.execute("select checks from sources") for check in json.loads(checks)
            for key in check}
    assert {"interval_from", "prior", "ignored", "confirmed", "via"} <= keys
    described = json.loads(METADATA.read_text())["databases"]["citewatch"]["tables"]["sources"]["columns"]["checks"]
    assert [key for key in sorted(keys) if not re.search(rf"\b{key}\b", described)] == []


def _read_again_since_reconciled(db, tmp_path) -> int:
    """A statement (dated 2020-03-31) citing two pages, each read live on 2020-04-02 holding the
    quote, and each with a memento of 2020-04-05 lacking it: reconciled, no words added (the
    live reading is nearer the quote's date than the memento).  Then a crawl reads both pages
    again, unchanged, and reconcile has not run since: each memento is now nearer the date
    than its page's last reading.  The text the statement's verdict rests on, as stored."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    other = db.execute("select id from sources where id != ?", [source]).fetchone()[0]
    first = f.crawl("2020-04-02T00:00:00+00:00")
    for page in (source, other):
        f.fetch(first, page, "live", text=f"Press release. {QUOTE}")
        f.text(page, OTHER_WORDS, origin="memento", memento_timestamp="20200405000000")
    _reconciled(db, tmp_path)
    stated = json.loads(db.execute("select evidence from quote_checks where scope = 'overall'").fetchone()[0])
    assert "added_since" not in stated and stated["text"]["origin"] == "live"
    for page in (source, other):
        f.fetch(crawl, page, "live", text=f"Press release. {QUOTE}")   # the same page, read in 2026
    return stated["text"]["id"]



def test_a_footnote_resting_on_its_statement_s_text_says_no_words_added_its_statement_does_not_say(db, tmp_path):
    """The statement's verdict, as reconcile stored it, rests on one footnote's live page and
    says no words were added since the quote's date.  That footnote rests on the same text and
    says nothing either (before: the report judged the page again on today's readings, found
    the words added, and the footnote said what its statement does not); the other footnote,
    whose page the statement's verdict does not rest on, is judged on its own as before."""
    rests_on = _read_again_since_reconciled(db, tmp_path)
    rows = _rows(db)
    [resting] = [key for key in rows if rows[key]["verdict"]["evidence"]["text"]["id"] == rests_on]
    [elsewhere] = [key for key in rows if key != resting]
    assert rows[resting]["statement_verdict"]["added_since"] is None
    own = rows[resting]["verdict"]
    assert (own["verdict"], own["added_since"], own["evidence"].get("added_since")) == ("verbatim", None, None)
    assert "the page changed after" not in own["reason"]
    assert rows[elsewhere]["verdict"]["added_since"] == "added"   # its own page, judged by the report


def test_footnotes_resting_on_mementos_ask_no_quote_date(db, tmp_path):
    """A footnote whose verdict rests on a memento (its page's live text lacks the quote) can
    say no words added to a live page: the report asks nothing more of it (before: the
    statement's and document's dates were read for every such footnote of every statement
    citing several, then found not to matter)."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    other = db.execute("select id from sources where id != ?", [source]).fetchone()[0]
    for page in (source, other):
        f.fetch(crawl, page, "live", text=OTHER_WORDS)
        f.text(page, f"Archived. {QUOTE}", origin="memento", memento_timestamp="20200405000000")
    _reconciled(db, tmp_path)
    asked: list[str] = []
    db.conn.set_trace_callback(asked.append)
    try:
        rows = _rows(db)
    finally:
        db.conn.set_trace_callback(None)
    assert {(row["verdict"]["verdict"], row["verdict"]["text_origin"]) for row in rows.values()} == {
        ("verbatim", "memento")}
    assert not [sql for sql in asked if "select date, document_id from statements" in sql]
