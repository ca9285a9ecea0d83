"""The report and reconcile on a verdict's evidence: a verdict whose stored evidence is JSON but no object
(a hand-edited or older database) reported with a note instead of a crash; a statement with
no overall check stored not resting on a superseded reading; the report and reconcile resting
on one text at a near tie of stored scores; words added since the quote's date said on each
footnote whose own page shows them; and a letter's statement naming no speaker never taken
for another speaker's.  Over real SQLite files with rows as the stages store them
(tests/factories.py) and the real reconcile stage."""

from __future__ import annotations

import json

import pytest

from crawler import reconcile, report, report_data
from crawler.verdicts import THRESHOLDS
from tests.factories import Factory
from tests.test_reconcile_rests_on import CANADA, ESTONIA, UNDER_CANADA, _article_quote, _letter
from tests.test_reconcile_rests_on import _rows as _checks_of
from tests.test_report_verdict_fields import (CRAWLED, OTHER_WORDS, QUOTE, URL, _page, _reconciled, _rows,
                                         _two_footnotes)

NOTE = report_data.UNREADABLE_EVIDENCE
ALTERED = QUOTE.replace("have no legal effect", "have some legal effect")


def _rendered(db) -> dict[str, str]:
    """The report in every format."""
    data = report_data.build(db)
    return {fmt: report.render(data, fmt) for fmt in report.FORMATS}


# --- 1. evidence stored as JSON that is no object -------------------------------------------


@pytest.mark.parametrize("stored", ["[]", "[1, 2]", "5", '"verbatim"', "null", "{not json"])
def test_a_statement_verdict_whose_evidence_is_no_object_is_reported_with_a_note(db, tmp_path, stored):
    """The overall check of a statement citing two footnotes keeps its evidence as a list, a
    number, a string or null: every format comes out, each footnote shows the verdict, score
    and reason as stored and says the evidence could not be read (before: AttributeError,
    "'list' object has no attribute 'get'", and no report); so does reconcile's table."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    f.fetch(crawl, source, "live", text=f"Press release. {QUOTE}")
    _reconciled(db, tmp_path)
    db.execute("update quote_checks set evidence = ? where scope = 'overall'", [stored])
    db.conn.commit()
    reason = db.execute("select reason from quote_checks where scope = 'overall'").fetchone()[0]

    for key in ("Ministry 1", "Ministry 2"):
        verdict = _rows(db)[key]["verdict"]
        assert (verdict["verdict"], verdict["score"], verdict["evidence"]) == ("verbatim", 100.0, {})
        assert verdict["reason"] == f"{reason}; {NOTE}"
    assert all(NOTE in text for text in _rendered(db).values())
    assert [row[5] for row in reconcile.summary_rows(db)] == [NOTE]


def test_a_footnote_verdict_on_a_text_check_whose_evidence_is_no_object_says_so_alone(db, tmp_path):
    """Footnote 1's own verdict rests on a text check whose evidence is a list: it is given
    with a note; footnote 2's (no text) and the statement's are as reconcile wrote them."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    f.fetch(crawl, source, "live", text=f"Press release. {QUOTE}")
    _reconciled(db, tmp_path)
    db.execute("update quote_checks set evidence = '[\"text\"]' where scope = 'text'")
    db.conn.commit()

    rows = _rows(db)
    first, second = rows["Ministry 1"]["verdict"], rows["Ministry 2"]["verdict"]
    assert (first["verdict"], first["text_origin"], first["evidence"]) == ("verbatim", "live", {})
    assert first["reason"].endswith("; " + NOTE)
    assert second["verdict"] == "unverifiable" and NOTE not in second["reason"]
    assert NOTE not in rows["Ministry 1"]["statement_verdict"]["reason"]
    assert all(NOTE in text for text in _rendered(db).values())


def test_a_comparison_whose_evidence_is_no_object_is_reported_with_a_note(db):
    """An article's comparison with a letter's statement keeps its evidence as a list: the
    report gives its verdict with a note, and reconcile's table its note (before: a crash)."""
    f = Factory(db)
    _letter(f, (20, "Republic of Estonia", ESTONIA))
    quote = _article_quote(f, "Republic of Estonia", UNDER_CANADA)
    reconcile.run(db)
    db.execute("update quote_checks set evidence = '[]' where scope = 'compilation' and statement_id = ?", [quote])
    db.conn.commit()

    [compared] = [f["compilation"] for d in report_data.build(db)["documents"] for f in d["footnotes"]
                  if f["compilation"]]
    assert compared["verdict"] == "verbatim" and compared["reason"].endswith("; " + NOTE)
    assert (compared["compared_with"], compared["entity_match"], compared["borrowed"]) == (None, None, None)
    assert all(text for text in _rendered(db).values())
    assert [row[2] for row in reconcile.summary_rows(db)] == ["verbatim", "verbatim"]


# --- 2. no overall check stored: a superseded reading is not the verdict ---------------------


def test_without_an_overall_check_the_verdict_leaves_out_a_reading_read_again_since(db, tmp_path):
    """The page held the quote when first read, and no longer when read again: its first
    reading is superseded (evidence of drift, not the live text).  With the text checks alone
    stored (an older database, the overall row lost), the verdict rests on the page as read
    last, as the overall check does (before: "verbatim" on the superseded reading)."""
    f = Factory(db)
    source = _page(f, f.document(), 1, "Ministry", QUOTE, URL)
    f.fetch(f.crawl(CRAWLED), source, "live", text=f"Press release. {QUOTE}")
    f.fetch(f.crawl("2026-01-09T00:00:00+00:00"), source, "live", text=OTHER_WORDS)
    _reconciled(db, tmp_path)
    latest = db.execute("select max(id) from texts").fetchone()[0]
    stated = _rows(db)["Ministry 1"]["verdict"]
    assert (stated["verdict"], stated["evidence"]["text"]["id"]) == ("not-in-source", latest)
    db.execute("delete from quote_checks where scope = 'overall'")
    db.conn.commit()

    verdict = _rows(db)["Ministry 1"]["verdict"]
    assert (verdict["verdict"], verdict["score"], verdict["evidence"]["text"]["id"]) == (
        "not-in-source", stated["score"], latest)


# --- 3. one ranking at a near tie of scores -------------------------------------------------


def _near_tie(db, tmp_path) -> tuple[int, int]:
    """Footnote 1's page, live and in a memento, both holding the quote altered; footnote 2's
    gives no text.  Reconciled: (statement, memento text)."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    f.fetch(crawl, source, "live", text=f"Press release. {ALTERED}")
    memento = f.text(source, f"Archived. {ALTERED}", origin="memento", memento_timestamp="20200401093000",
                     url=f"https://web.archive.org/web/20200401093000id_/{URL}")
    _reconciled(db, tmp_path)
    return db.execute("select id from statements").fetchone()[0], memento


def test_a_footnote_rests_on_the_text_reconcile_stored_not_one_ranked_again(db, tmp_path):
    """As reconcile stored it before it ranked by stored scores: the memento scored 91.04 and the
    live page 91.02, both kept as 91.0, and the statement's verdict rests on the memento.  The
    footnote's own verdict rests on the memento too (before: ranked again on the rounded
    scores, the live page, at equal score first; the footnote and its statement then named
    two texts)."""
    statement, memento = _near_tie(db, tmp_path)
    evidence = json.loads(db.execute("select evidence from quote_checks where scope = 'overall'").fetchone()[0])
    evidence["text"] = json.loads(db.execute("select evidence from quote_checks where scope = 'text' and text_id = ?",
                                             [memento]).fetchone()[0])["text"]
    db.execute("update quote_checks set verdict = 'altered', score = 91.0 where statement_id = ?", [statement])
    db.execute("update quote_checks set evidence = ? where scope = 'overall'", [json.dumps(evidence)])
    db.conn.commit()

    row = _rows(db)["Ministry 1"]
    own = row["verdict"]
    assert row["statement_verdict"]["evidence"]["text"]["id"] == memento
    assert (own["verdict"], own["score"], own["text_origin"], own["evidence"]["text"]["id"]) == (
        "altered", 91.0, "memento", memento)


def test_reconcile_ranks_by_the_scores_it_stores_as_the_report_does(db):
    """Two texts of one page hold the quote with the same verdict, scoring 91.04 (memento) and
    91.02 (live): both are stored as 91.0, so the overall check rests on the live text, as the
    report, ranking the stored rows, does (before: on the memento, by a score no reader sees)."""
    f = Factory(db)
    source = _page(f, f.document(), 1, "Ministry", QUOTE, URL)
    statement = db.execute("select id from statements").fetchone()[0]
    f.text(source, f"Press release. {ALTERED}", url=URL)
    f.text(source, f"Archived. {ALTERED}", origin="memento", memento_timestamp="20200401093000",
           url=f"https://web.archive.org/web/20200401093000id_/{URL}")
    checks = [(reconcile.text_check(QUOTE, text, [], THRESHOLDS)[0], text) for text in reconcile.texts_of(db, [source])]
    assert len({check.verdict for check, _ in checks}) == 1
    for check, text in checks:
        check.score = {"live": 91.02, "memento": 91.04}[text["origin"]]

    overall = reconcile.overall_check(db, QUOTE, [], checks, [], THRESHOLDS)
    assert overall.evidence["text"]["origin"] == "live"
    reconcile.write(db, statement, [check for check, _ in checks])     # the text checks alone: the report ranks them
    verdict = _rows(db)["Ministry 1"]["verdict"]
    assert (verdict["score"], verdict["text_origin"]) == (91.0, "live")


# --- 4. words added since the quote's date, on each footnote's own page ---------------------


def test_words_added_since_to_each_footnote_s_own_page_are_said_on_that_footnote(db, tmp_path):
    """Both pages a statement cites hold the quote now, and both pages' mementos after the
    quote's date lack it.  The statement's verdict rests on one page and says so; each
    footnote says it of its own page, with its own memento (before: only the footnote whose
    page the statement's verdict rests on; the other's page changed the same way unsaid)."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    other = db.execute("select id from sources where id != ?", [source]).fetchone()[0]
    mementos = {}
    for page in (source, other):
        f.fetch(crawl, page, "live", text=f"Press release. {QUOTE}")
        mementos[page] = f.text(page, OTHER_WORDS, origin="memento", memento_timestamp="20200405000000")
    _reconciled(db, tmp_path)
    stated = json.loads(db.execute("select evidence from quote_checks where scope = 'overall'").fetchone()[0])
    assert stated["added_since"]["kind"] == "added"

    rows = _rows(db)
    for key, page in (("Ministry 1", source), ("Ministry 2", other)):
        verdict = rows[key]["verdict"]
        added = verdict["evidence"]["added_since"]
        assert (verdict["verdict"], verdict["added_since"], added["source_id"], added["memento_text_id"]) == (
            "verbatim", "added", page, mementos[page])
        assert verdict["reason"].endswith("; " + reconcile.added_words(added))
    said = {rows[key]["verdict"]["evidence"]["added_since"]["live_text_id"] for key in rows}
    assert stated["added_since"] in [rows[key]["verdict"]["evidence"]["added_since"] for key in rows]
    assert len(said) == 2
    assert [row[5].count("the page changed after") for row in reconcile.summary_rows(db)] == [1, 1]


# --- 5. a letter's statement naming no speaker is nobody else's ------------------------------


def test_a_quote_verbatim_in_a_statement_naming_no_speaker_is_no_misattribution(db):
    """The article's "Canada" quote is verbatim in a letter's statement naming no speaker and
    only altered in Canada's own: the words are nobody's in particular, so no possible
    misattribution is said (before: the unnamed statement was "another speaker", and Canada's
    attribution called wrong)."""
    f = Factory(db)
    _letter(f, (16, "Canada", CANADA), (20, None, ESTONIA))
    quote = _article_quote(f, "Canada", UNDER_CANADA)
    counts = reconcile.run(db)

    compiled = _checks_of(db, quote)["compilation"]
    assert (compiled["verdict"], compiled["evidence"]["entity_match"], compiled["evidence"]["borrowed"]) == (
        "verbatim", None, True)
    assert "misattribution" not in compiled["evidence"] and counts["misattribution"] == 0
    assert compiled["reason"].endswith("; matched a statement with no speaker named")
