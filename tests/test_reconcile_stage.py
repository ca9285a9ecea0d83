"""The reconcile stage over a real SQLite file: rows, evidence, drift, misattribution,
unverifiable reasons, social posts, compilations, idempotent re-runs and the CLI."""

from __future__ import annotations

import json

import pytest

from crawler import reconcile
from crawler.cli import cli
from tests.factories import Factory

UK = ("The UK does not recognise the ‘elections’ which took place in Nagorno-Karabakh on 31 March. "
      "The UK reiterates its full support for the OSCE Minsk Group’s role in the peace process.")
GEORGIA = ("The Ministry of Foreign Affairs of Georgia reaffirms its support to the sovereignty and territorial "
           "integrity of the Republic of Azerbaijan and does not recognize the so called presidential and "
           "parliamentarian elections held on March 31, 2020 in N. Karabakh.")
NOW = "2026-01-01T00:00:00+00:00"


class Rows(Factory):
    """The shared row factory, with the shapes this stage's tests repeat."""

    def document(self, kind="letter", title="Letter") -> int:
        return super().document(title=title, kind=kind)

    def statement(self, document_id, seq, entity, quote, footnote=None, flags=()) -> int:
        statement_id = super().statement(document_id, seq, entity, quote, flags=json.dumps(list(flags)))
        self.db["statements"].update(statement_id, {"footnote": footnote})
        return statement_id

    def source(self, key, kind="web", state="live") -> int:
        return super().source(key, kind=kind, state=state)

    def fetch(self, source_id, cls="ok", status=200) -> int:
        return super().fetch(self.crawl(NOW), source_id, cls, status=status, reason=f"HTTP {status}")

    def text(self, source_id, text, origin="live", memento_timestamp=None, created_at=NOW, url=None) -> int:
        return super().text(source_id, text, origin=origin, memento_timestamp=memento_timestamp,
                            created_at=created_at, url=url)


@pytest.fixture
def rows(db):
    return Rows(db)


def checks(db, statement_id, scope=None):
    sql = "select * from quote_checks where statement_id = ?" + (" and scope = ?" if scope else "") + " order by id"
    return [dict(r) for r in db.query(sql, [statement_id, scope] if scope else [statement_id])]


def overall(db, statement_id):
    [row] = checks(db, statement_id, "overall")
    return row


def test_verbatim_check_stores_span_diff_and_text_origin(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK does not recognise the ‘elections’ which took place in Nagorno-Karabakh on 31 March.", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, st, 40, src)
    rows.fetch(src)
    page = "UK in Azerbaijan\n1 April 2020\n" + UK
    text_id = rows.text(src, page, url="https://example.org/uk")
    counts = reconcile.run(db)
    assert counts["statements"] == 1 and counts["verbatim"] == 1
    [row] = checks(db, st, "text")
    assert row["text_id"] == text_id and row["verdict"] == "verbatim" and row["score"] == 100
    assert page[row["span_start"]:row["span_end"]] == row["matched"]
    assert row["matched"].startswith("The UK does not recognise") and row["matched"].endswith("31 March")
    assert json.loads(row["diff"]) == [["equal", "The UK does not recognise the ‘elections’ which took place in Nagorno-Karabakh on 31 March"]]
    assert json.loads(row["evidence"])["text"]["origin"] == "live"
    top = overall(db, st)
    assert top["verdict"] == "verbatim" and top["text_id"] is None
    assert json.loads(top["evidence"])["text"]["id"] == text_id


def test_rerun_updates_rows_in_place(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK strongly does not recognise the elections", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, st, 40, src)
    rows.text(src, UK)
    reconcile.run(db)
    first = [(r["id"], r["scope"], r["verdict"]) for r in checks(db, st)]
    reconcile.run(db)
    reconcile.run(db, statement=st)
    assert [(r["id"], r["scope"], r["verdict"]) for r in checks(db, st)] == first
    assert first[0][2] == "altered"
    assert json.loads(checks(db, st, "text")[0]["evidence"])["changes"][0]["quote"] == "strongly"


def test_memento_has_the_quote_live_does_not_is_content_drift(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK does not recognise the ‘elections’ which took place in Nagorno-Karabakh on 31 March.", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, st, 40, src)
    memento = rows.text(src, UK, origin="memento", memento_timestamp="20200401120000", created_at="2026-01-01T00:00:01+00:00")
    live = rows.text(src, "UK in Azerbaijan. We have moved our news to a new site. Follow us for updates on visas.",
                     created_at="2026-01-01T00:00:02+00:00")
    counts = reconcile.run(db)
    assert counts["drift"] == 1
    verdicts = {r["text_id"]: r["verdict"] for r in checks(db, st, "text")}
    assert verdicts == {memento: "verbatim", live: "not-in-source"}
    top = overall(db, st)
    evidence = json.loads(top["evidence"])
    assert top["verdict"] == "verbatim"
    assert evidence["text"] == {"id": memento, "source_id": src, "origin": "memento", "memento_timestamp": "20200401120000",
                                "url": None, "language": "en"}
    assert evidence["drift"]["memento_text_id"] == memento and evidence["drift"]["live_text_id"] == live
    assert (evidence["drift"]["kind"], evidence["drift"]["memento_timestamp"]) == ("removed", "20200401120000")
    assert top["reason"].endswith("content drift: verbatim in the memento of 2020-04-01 12:00 UTC, not in the live page")
    assert reconcile.summary_rows(db)[0][4] == "memento 20200401120000"


def test_live_page_with_other_words_than_the_memento_is_content_drift(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK does not recognise the ‘elections’ which took place in Nagorno-Karabakh on 31 March.", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, st, 40, src)
    rows.text(src, UK, origin="memento", memento_timestamp="20200401120000", created_at="2026-01-01T00:00:01+00:00")
    rows.text(src, UK.replace("does not recognise", "has taken note of"), created_at="2026-01-01T00:00:02+00:00")
    rows.text(src, UK, origin="memento", memento_timestamp="20200405120000", created_at="2026-01-01T00:00:03+00:00")
    reconcile.run(db)
    evidence = json.loads(overall(db, st)["evidence"])
    assert evidence["drift"]["kind"] == "changed"
    assert (evidence["drift"]["memento_verdict"], evidence["drift"]["live_verdict"]) == ("verbatim", "altered")
    assert "content drift: verbatim in the memento of 2020-04-01 12:00 UTC, altered in the live page" in overall(db, st)["reason"]


def test_no_drift_when_live_and_memento_agree(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK does not recognise the ‘elections’", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, st, 40, src)
    rows.text(src, UK, origin="memento", memento_timestamp="20200401120000")
    rows.text(src, "Home. " + UK)
    assert reconcile.run(db)["drift"] == 0
    assert "drift" not in json.loads(overall(db, st)["evidence"])


def test_absent_quote_is_searched_in_every_other_text(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "Canada", "Such elections undermine efforts, including by the OSCE Minsk Group, to achieve a peaceful settlement of the NK conflict.", 16)
    other = rows.statement(doc, 2, "Australia", "Australia supports the territorial integrity of Azerbaijan.", 14)
    src, src_other = rows.source("twitter:@CanEmbTurkey", kind="twitter"), rows.source("https://example.org/au")
    post = rows.source("https://twitter.com/CanEmbTurkey/status/1", kind="twitter")
    rows.citation(doc, st, 16, src, kind="twitter", resolved_url="https://twitter.com/CanEmbTurkey/status/1",
                  resolution=json.dumps({"status": "resolved", "post_source_id": post}))
    rows.citation(doc, other, 14, src_other)
    rows.text(post, "Embassy of Canada. Canada supports the territorial integrity of Azerbaijan.", origin="post")
    found = rows.text(src_other, "News. Australia supports the territorial integrity of Azerbaijan. Such elections undermine efforts, including by the OSCE Minsk Group, to achieve a peaceful settlement of the NK conflict. More news.",
                      url="https://example.org/au")
    counts = reconcile.run(db)
    top = overall(db, st)
    evidence = json.loads(top["evidence"])
    assert top["verdict"] == "not-in-source"
    assert counts["misattribution"] == 1
    assert [(m["text_id"], m["verdict"], m["cited_by_statements"]) for m in evidence["misattribution"]] == [(found, "verbatim", [other])]
    assert "possible misattribution" in top["reason"] and "https://example.org/au" in top["reason"]


def test_no_text_is_unverifiable_with_the_reason(db, rows):
    doc = rows.document()
    offline = rows.statement(doc, 1, "Norway", "Norway does not recognize the elections held on 31 March.", 32)
    rows.citation(doc, offline, 32, rows.source("offline:note", kind="offline"), kind="offline",
                  printed="Note verbale of the Royal Norwegian Ministry of Foreign Affairs, Oslo, 07.04.2020.")
    uncrawled = rows.statement(doc, 2, "Romania", "The Ministry of Foreign Affairs considers that the elections lack legitimacy.", 35)
    rows.citation(doc, uncrawled, 35, rows.source("http://mae.ro/en/node/52171"))
    dead = rows.statement(doc, 3, "Ukraine", "Ukraine strongly condemns the so-called elections.", 39)
    dead_src = rows.source("https://mfa.gov.ua/x", state="dead")
    rows.citation(doc, dead, 39, dead_src)
    rows.fetch(dead_src, cls="not-found", status=404)
    tweet = rows.statement(doc, 4, "Latvia", "Latvia does not consider the elections legitimate.", 28)
    rows.citation(doc, tweet, 28, rows.source("twitter:@latvian_mfa", kind="twitter"), kind="twitter")
    empty = rows.statement(doc, 5, "Nobody", "  … ", 43)
    counts = reconcile.run(db)
    assert counts["unverifiable"] == 5
    reasons = {st: overall(db, st)["reason"] for st in (offline, uncrawled, dead, tweet, empty)}
    assert reasons[offline].startswith("footnote 32: offline source (Note verbale of the Royal Norwegian")
    assert reasons[uncrawled] == "footnote 35: not yet crawled (run citewatch crawl)"
    assert reasons[dead] == "footnote 39: dead link (HTTP 404) and no memento with text"
    assert reasons[tweet] == "footnote 28: twitter post not resolved yet (run citewatch resolve)"
    assert reasons[empty] == "statement 5 has no quoted words to check"
    assert json.loads(overall(db, dead)["evidence"])["missing"] == [reasons[dead]]


def test_a_quote_list_row_is_named_by_its_id_not_a_footnote(db, rows):
    """`citewatch check` stores a row's id as its statement's title; its citations are no footnotes."""
    listing = rows.document("quotes", "quotes.csv")
    romania = "The Ministry of Foreign Affairs considers that the elections lack legitimacy."
    row = rows.statement(listing, 3, "Romania", romania)
    db["statements"].update(row, {"title": "ro-7"})
    rows.citation(listing, row, 3, rows.source("http://mae.ro/en/node/52171"))
    article = rows.document("article", "Article")
    art = rows.statement(article, 2, "Romania", romania)
    rows.citation(article, art, 2, kind="unfootnoted", printed="the ministry said")
    reconcile.run(db)
    assert overall(db, row)["reason"] == "row ro-7: not yet crawled (run citewatch crawl)"
    assert overall(db, art)["reason"] == f"document {listing} row ro-7: not yet crawled (run citewatch crawl)"


def test_a_checks_notes_name_the_check_and_reconciles_keep_the_stages(db, rows):
    """`citewatch check` runs reconcile with again="the check": a text still missing says to run
    the check again (its user never ran `citewatch crawl` or `citewatch resolve`), the resolve
    stage's own advice in a reason included; `citewatch reconcile` names the stage.  A page whose
    last fetch reached nothing (an offline crawl's dns-failure) was not fetched, whatever its state."""
    listing = rows.document("quotes", "quotes.csv")
    uncrawled = rows.statement(listing, 1, "Romania", "The Ministry considers that the elections lack legitimacy.")
    rows.citation(listing, uncrawled, 1, rows.source("http://mae.ro/en/node/52171"))
    tweet = rows.statement(listing, 2, "Latvia", "Latvia does not consider the elections legitimate.")
    rows.citation(listing, tweet, 2, rows.source("twitter:@latvian_mfa", kind="twitter"), kind="twitter")
    searched = rows.statement(listing, 3, "Estonia", "Estonia does not consider the elections legitimate.")
    rows.citation(listing, searched, 3, rows.source("twitter:@mfaestonia", kind="twitter"), kind="twitter",
                  resolution=json.dumps({"status": "error", "reason": "footnote 3: not searched, the archive is "
                                         "unreachable; run `citewatch resolve` again when online"}))
    offline = rows.statement(listing, 4, "Ukraine", "Ukraine strongly condemns the so-called elections.")
    source = rows.source("https://mfa.gov.ua/x", state="unchecked")
    rows.citation(listing, offline, 4, source)
    rows.fetch(source, cls="dns-failure", status=None)
    for statement in (uncrawled, tweet, searched, offline):
        db["statements"].update(statement, {"title": f"r{statement}"})

    reconcile.run(db, statements=[uncrawled, tweet, searched, offline], again="the check")
    assert [overall(db, st)["reason"] for st in (uncrawled, tweet, searched, offline)] == [
        f"row r{uncrawled}: not yet crawled (run the check again)",
        f"row r{tweet}: twitter post not resolved yet (run the check again)",
        f"row r{searched}: twitter post not searched yet: the archive is unreachable; run the check again when online",
        f"row r{offline}: could not be fetched (dns-failure) and no memento with text; run the check again when the "
        "network is back"]

    reconcile.run(db)
    assert [overall(db, st)["reason"] for st in (uncrawled, tweet, searched, offline)] == [
        f"row r{uncrawled}: not yet crawled (run citewatch crawl)",
        f"row r{tweet}: twitter post not resolved yet (run citewatch resolve)",
        f"row r{searched}: twitter post not searched yet: the archive is unreachable; run `citewatch resolve` again "
        "when online",
        f"row r{offline}: could not be fetched (dns-failure) and no memento with text; run citewatch crawl when the "
        "network is back"]


def test_reconcile_limited_to_statements_checks_those_only(db, rows):
    """`statements` limits the run (a check's rows); an empty list checks none, never all."""
    doc = rows.document()
    first = rows.statement(doc, 1, "UK", UK, 1)
    second = rows.statement(doc, 2, "Georgia", GEORGIA, 2)
    assert reconcile.run(db, statements=[])["statements"] == 0
    assert reconcile.run(db, statements=[second])["statements"] == 1
    assert not checks(db, first) and checks(db, second)


def test_resolved_post_text_is_found_by_the_post_url(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "Estonia", "Estonia does not consider the so-called elections in Nagorno Karabakh as legitimate.", 20)
    handle = rows.source("twitter:@mfaestonia", kind="twitter")
    rows.citation(doc, st, 20, handle, kind="twitter", resolved_url="https://twitter.com/MFAestonia/status/1245011853012525056")
    post = rows.source("https://twitter.com/MFAestonia/status/1245011853012525056", kind="twitter")
    text_id = rows.text(post, "Estonian MFA @MFAestonia Estonia does not consider the so-called elections in Nagorno Karabakh as legitimate.", origin="post")
    reconcile.run(db)
    [row] = checks(db, st, "text")
    assert (row["text_id"], row["verdict"]) == (text_id, "verbatim")
    assert reconcile.summary_rows(db)[0][2:5] == ("verbatim", "100", "post")


def test_resolution_names_the_post_source(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "Latvia", "Latvia does not consider the so-called elections as legitimate.", 28)
    post = rows.source("https://x.com/Latvian_MFA/status/1", kind="twitter")
    rows.citation(doc, st, 28, rows.source("twitter:@latvian_mfa", kind="twitter"), kind="twitter",
                  resolved_url="https://twitter.com/Latvian_MFA/status/1", resolution=json.dumps({"status": "resolved", "post_source_id": post}))
    rows.text(post, "Latvia does not consider the so-called elections as legitimate.", origin="post")
    reconcile.run(db)
    assert overall(db, st)["verdict"] == "verbatim"


def test_unofficial_translation_flag_and_foreign_text(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "Republic of Moldova", "The Republic of Moldova reiterates its position on the non-recognition of the so-called presidential elections in the Nagorno Karabakh region of Azerbaijan", 31)
    src = rows.source("https://www.mfa.gov.md/ro/content/x")
    rows.citation(doc, st, 31, src, flags=json.dumps(["unofficial-translation"]))
    rows.text(src, "Republica Moldova își reiterează poziția privind nerecunoașterea așa-ziselor alegeri prezidențiale din regiunea Nagorno Karabah a Azerbaidjanului, inclusiv a celui de-al doilea tur desfășurat recent.")
    reconcile.run(db)
    top = overall(db, st)
    evidence = json.loads(top["evidence"])
    assert top["verdict"] == "translation"
    assert evidence["flags"] == ["unofficial-translation"]
    assert evidence["languages"] == {"quote": "en", "text": "ro"}   # the statement's too: the report's `lang`
    [row] = checks(db, st, "text")
    assert json.loads(row["evidence"])["languages"] == {"quote": "en", "text": "ro"}
    assert row["diff"] is None and row["span_start"] is None


def test_footnote_missing_stands_in_the_checks_as_ingest_stored_it(db, rows):
    """Ingest flags a statement "further-footnote-missing" when a footnote it prints besides its
    own was lost: its own footnote (5) is cited and checked, but without the lost one's page, so
    its checks say so, as the statement's row does.  Their flags once dropped it there, and the
    checks and the statement told a reader two things.  One whose own footnote (7) was lost
    ("footnote-missing"), citing only the one printed besides it (8), keeps its flag too."""
    doc = rows.document()
    src = rows.source("https://mfa.example.org/statement")
    rows.text(src, UK)
    read = rows.statement(doc, 1, "United Kingdom", UK, footnote=5, flags=["further-footnote-missing"])
    rows.citation(doc, read, 5, src, footnote=5)
    rows.citation(doc, read, 6, src, footnote=6)
    lost = rows.statement(doc, 2, "United Kingdom", UK, footnote=7, flags=["footnote-missing"])
    rows.citation(doc, lost, 8, src, footnote=8)
    reconcile.run(db)
    for statement, flag in ((read, "further-footnote-missing"), (lost, "footnote-missing")):
        assert json.loads(overall(db, statement)["evidence"])["flags"] == [flag]
        assert [json.loads(row["evidence"])["flags"] for row in checks(db, statement, "text")] == [[flag]]


def test_article_quote_is_compared_with_the_letter_and_its_originals(db, rows):
    letter = rows.document("letter", "Letter")
    st = rows.statement(letter, 22, "Georgia", GEORGIA, 22)
    src = rows.source("https://mfa.gov.ge/x")
    rows.citation(letter, st, 22, src)
    original = rows.text(src, "Statement of the Ministry. " + GEORGIA)
    article = rows.document("article", "Article")
    quote = GEORGIA.replace("N. Karabakh.", "N. Kharabkh")
    art = rows.statement(article, 8, "Georgia", quote)
    rows.citation(article, art, 8, kind="unfootnoted", printed="the statement reads")
    counts = reconcile.run(db)
    assert counts["compilation"] == 1
    [comp] = checks(db, art, "compilation")
    evidence = json.loads(comp["evidence"])
    assert comp["verdict"] == "altered"
    assert evidence["compared_with"]["statement_id"] == st and evidence["entity_match"] is True
    assert evidence["changes"] == [{"source": "Karabakh", "quote": "Kharabkh", "kinds": ["name", "replaced"]}]
    [against_original] = checks(db, art, "text")
    assert against_original["text_id"] == original and against_original["verdict"] == "altered"
    assert overall(db, art)["verdict"] == "altered"


def test_article_quote_with_no_counterpart_is_unverifiable(db, rows):
    letter = rows.document("letter", "Letter")
    rows.statement(letter, 38, "Turkey", "This step is a flagrant violation of international law.", 38)
    article = rows.document("article", "Article")
    art = rows.statement(article, 6, "Turkey", "Turkey will never recognize the so-called elections held in Nagorno Karabakh on March 31.")
    rows.citation(article, art, 6, kind="unfootnoted", printed="told local media")
    interview = rows.source("https://news.example.org/ozoral")
    found = rows.text(interview, "Ambassador Erkan Ozoral told local media: Turkey will never recognize the so-called "
                                 "elections held in Nagorno Karabakh on March 31.", url="https://news.example.org/ozoral")
    reconcile.run(db)
    [comp] = checks(db, art, "compilation")
    assert comp["verdict"] == "not-in-source"
    top = overall(db, art)
    assert top["verdict"] == "unverifiable"
    assert top["reason"] == ("quote 6: no footnote, and no statement of another compiled document contains the quote; "
                             "the quote is in another stored text (verbatim): https://news.example.org/ozoral")
    assert [e["text_id"] for e in json.loads(top["evidence"])["elsewhere"]] == [found]


def test_cli_prints_the_verdict_table(db, db_path, rows, runner):
    doc = rows.document()
    st = rows.statement(doc, 3, "United Kingdom", "The UK does not recognise the ‘elections’", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, st, 40, src)
    rows.text(src, UK)
    result = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False, terminal_width=160)
    assert result.exit_code == 0
    assert "quote verdicts" in result.output
    line = next(l for l in result.output.splitlines() if "United Kingdom" in l)
    assert [c.strip() for c in line.strip("│ ").split("│")][:5] == ["1:3 United Kingdom", "40", "verbatim", "100", "live"]
    assert "verbatim: 1" in result.output
    assert overall(db, st)["verdict"] == "verbatim"


def test_cli_table_says_a_page_that_gives_no_text_now_was_read_earlier(db, db_path, rows, runner):
    """Read on 1 January, a 404 on 5 January: the table's "text used" is not a bare "live"
    (the page now gives none) but when it was read and what the page's last fetch was."""
    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK does not recognise the ‘elections’", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, st, 40, src)
    crawls = Factory(db)  # its fetch stores the text it gave, as the pipeline does
    crawls.fetch(crawls.crawl(NOW), src, "live", text=UK)
    crawls.fetch(crawls.crawl("2026-01-05T10:30:00+00:00"), src, "client-error", status=404)
    result = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0
    used = "live, read 2026-01-01 00:00 UTC; now client-error"
    assert reconcile.summary_rows(db)[0][2:5] == ("verbatim", "100", used)
    lines = result.output.splitlines()
    first = next(i for i, l in enumerate(lines) if "United Kingdom" in l)
    row = [[c.strip() for c in l.split("│")[1:-1]] for l in lines[first:] if l.startswith("│")]
    assert row[0][2:4] == ["verbatim", "100"]
    assert " ".join(filter(None, (cells[4] for cells in row))) == used  # wrapped at spaces at 80 columns


def test_seed_article_against_seed_letter(db, rows):
    """The real seed documents: every difference between the article's and the letter's compilations."""
    from crawler import ingest
    from crawler.config import load_config
    from tests.conftest import ARTICLE, LETTER

    config = load_config(env={})
    letter = ingest.run(db, config, str(LETTER))["document_id"]
    article = ingest.run(db, config, str(ARTICLE))["document_id"]
    georgia = db.execute("select id, quote from statements where document_id = ? and footnote = 22", [letter]).fetchone()
    source = db.execute("select source_id from citations where statement_id = ?", [georgia[0]]).fetchone()[0]
    rows.text(source, "Statement of the Ministry of Foreign Affairs of Georgia. 01/04/2020. " + georgia[1])
    counts = reconcile.run(db)
    assert counts["statements"] == 52 and counts["compilation"] == 10
    found = {r["entity"]: (r["verdict"], r["seq"], json.loads(r["evidence"])) for r in db.query(
        "select s.entity, q.verdict, q.evidence, o.seq from quote_checks q join statements s on s.id = q.statement_id "
        "join statements o on o.id = json_extract(q.evidence, '$.compared_with.statement_id') "
        "where q.scope = 'compilation' and s.document_id = ?", [article])}
    assert {e: (v, seq) for e, (v, seq, _) in found.items()} == {
        "European Union": ("minor", 4), "NATO": ("verbatim", 7), "Organization of Islamic Cooperation (OIC)": ("altered", 12),
        "United Kingdom": ("verbatim", 40), "Germany": ("minor", 24), "Turkey": ("not-in-source", 38),
        "Ukraine": ("minor", 39), "Georgia": ("altered", 22), "Italy": ("altered", 26), "Estonia": ("minor", 20),
    }
    assert {"source": "Karabakh", "quote": "Kharabkh", "kinds": ["name", "replaced"]} in found["Georgia"][2]["changes"]
    assert [c["source"] for c in found["Organization of Islamic Cooperation (OIC)"][2]["changes"]] == ["the Republic of", "in"]
    article_georgia = db.execute("select id from statements where document_id = ? and entity = 'Georgia'", [article]).fetchone()[0]
    assert overall(db, article_georgia)["verdict"] == "altered"
    assert overall(db, georgia[0])["verdict"] == "verbatim"


def test_a_statement_that_cannot_be_checked_is_reported_and_the_others_go_on(db, db_path, rows, runner):
    """A row no check can read (here a quote hand-edited into bytes, a BLOB) fails its statement
    alone, said with the statement's id.  (A resolution that is not JSON is checked
    and its reason says so: tests/test_history_unreadable_said.py.)"""
    doc = rows.document()
    broken = rows.statement(doc, 1, "Latvia", "Latvia does not consider the elections legitimate.", 28)
    rows.citation(doc, broken, 28, rows.source("twitter:@latvian_mfa", kind="twitter"), kind="twitter",
                  resolved_url="https://twitter.com/Latvian_MFA/status/1")
    with db.conn:
        db.execute("update statements set quote = cast(quote as blob) where id = ?", [broken])
    fine = rows.statement(doc, 2, "United Kingdom", "The UK does not recognise the ‘elections’", 40)
    src = rows.source("https://example.org/uk")
    rows.citation(doc, fine, 40, src)
    rows.text(src, UK)
    result = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0
    assert f"error: statement {broken} (document {doc}, seq 1) could not be checked (TypeError" in result.output
    assert checks(db, broken) == []
    assert overall(db, fine)["verdict"] == "verbatim"


def test_the_live_page_of_a_social_account_is_not_the_post(db, rows):
    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK does not recognise the ‘elections’", 40)
    page = rows.source("https://www.facebook.com/ukinazerbaijan/", kind="facebook")
    rows.citation(doc, st, 40, page, kind="facebook")
    rows.text(page, "Log in to Facebook. Email or phone number. Password. Forgotten account? Create new account.")
    memento = rows.text(page, "UK in Azerbaijan. " + UK, origin="memento", memento_timestamp="20200402000000",
                        url="http://web.archive.org/web/20200402000000id_/https://www.facebook.com/ukinazerbaijan/")
    reconcile.run(db)
    assert [r["text_id"] for r in checks(db, st, "text")] == [memento]
    assert overall(db, st)["verdict"] == "verbatim"


def test_the_report_says_where_in_the_source_a_quote_was_found(db, db_path, rows, tmp_path):
    """A fact-checker's "where does it say that?": the JSON report's verdict carries the span the
    reconcile stage found (offsets into the stored text) and the source's words there; the
    report once gave the diff alone."""
    from crawler import report
    from crawler.config import load_config

    doc = rows.document()
    st = rows.statement(doc, 1, "United Kingdom", "The UK does not recognise the elections in Nagorno-Karabakh", 40)
    src = rows.source("https://example.org/uk-span")
    rows.citation(doc, st, 40, src)
    rows.fetch(src)
    page = "UK in Azerbaijan\n1 April 2020\n" + UK
    rows.text(src, page, url="https://example.org/uk-span")
    reconcile.run(db)
    data = json.loads(report.write(db, load_config(db=str(db_path)), "json", tmp_path / "r.json").read_text())
    [verdict] = [f["verdict"] for d in data["documents"] for f in d["footnotes"] if f["verdict"]]
    assert verdict["verdict"] == "altered", verdict   # (words left out with no ellipsis)
    assert verdict["matched"] and page[verdict["span_start"]:verdict["span_end"]] == verdict["matched"]
    assert verdict["matched"].startswith("The UK does not recognise") and "Nagorno-Karabakh" in verdict["matched"]
