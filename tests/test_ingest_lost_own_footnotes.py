"""A statement whose own footnote was lost (its line gone at a page break) still cites the
footnotes it prints besides its own that were read: "Borduria5, 6, 7", footnote 5 lost, cites 6
and 7, flagged "footnote-missing" for 5, and the warning names 5 and says 6 and 7 are cited.
Those marks once went unread (the title taken for one whose mark was lost), footnote lines 6
and 7, past the gap, were read as footnote 4's text, and the statement cited nothing though
two of its sources were in the letter (or, its quote marking them, "format.6", only the
last).  The statements after it pair with their own footnotes; numbering that skips a number
no mark prints (a typo) is said as before.
(tests/test_ingest_lost_further_footnotes.py has the "5, 6, 7" case itself.)
"""

from __future__ import annotations

import db as database
from crawler.cli import cli
from crawler.reconcile import citation_label, citations_of
from tests.test_ingest_further_footnotes import sourced_letter, write_letter
from tests.test_ingest_lost_further_footnotes import _lose, _parsed

STATES = ["Aria", "Borduria", "Carpania"]
OWN = " {n} https://mfa.{state}.example.org/statement.html "
FURTHER = " {n} https://news.example.org/{state}-{sentence}.html "


def _cited(doc) -> list[list[int]]:
    return [[c.footnote for c in s.citations] for s in doc.statements]


def test_a_lost_own_footnote_with_one_further_cites_the_further(tmp_path):
    pages = sourced_letter(per=2, states=STATES, together=True)       # Aria 2, 3; Borduria 4, 5; Carpania 6, 7
    _lose(pages, OWN.format(n=4, state="borduria"))
    doc = _parsed(tmp_path, pages)
    assert _cited(doc) == [[2, 3], [5], [6, 7]]
    assert [s.flags for s in doc.statements] == [[], ["footnote-missing"], []]
    assert doc.statements[1].title == "Statement by the Ministry of Foreign Affairs of Borduria"
    assert doc.metadata["warnings"] == [
        "footnote 4 missing (lost in extraction?): found 1–3, 5–7; statement 2 has no citation of its own, "
        "only of footnote 5 printed besides it"]


def test_a_lost_own_footnote_and_a_lost_further_one_cite_the_further_one_read(tmp_path):
    pages = sourced_letter(states=STATES, together=True)
    _lose(pages, OWN.format(n=5, state="borduria"))
    _lose(pages, FURTHER.format(n=6, state="borduria", sentence=1))
    doc = _parsed(tmp_path, pages)
    assert _cited(doc) == [[2, 3, 4], [7], [8, 9, 10]]
    assert [s.flags for s in doc.statements] == [[], ["footnote-missing", "further-footnote-missing"], []]
    assert doc.metadata["warnings"] == [
        "footnotes 5–6 missing (lost in extraction?): found 1–4, 7–10; statement 2 has no citation of its own, "
        "only of footnote 7 printed besides it; statement 2 cites footnote 6 besides its own: no citation of it"]


def test_the_last_statement_s_lost_own_footnote_leaves_its_further_ones_cited(tmp_path):
    """Carpania, the last statement, prints "8, 9, 10", its 8 lost: 9 and 10 were said as marks
    numbering no footnote, and their lines read as footnote 7's."""
    pages = sourced_letter(states=STATES, together=True)
    _lose(pages, OWN.format(n=8, state="carpania"))
    doc = _parsed(tmp_path, pages)
    assert _cited(doc) == [[2, 3, 4], [5, 6, 7], [9, 10]]
    assert [c.url for c in doc.statements[1].citations][-1] == "https://news.example.org/borduria-2.html"
    assert [s.flags for s in doc.statements] == [[], [], ["footnote-missing"]]
    assert doc.metadata["warnings"] == [
        "footnote 8 missing (lost in extraction?): found 1–7, 9–10; statement 3 has no citation of its own, "
        "only of footnotes 9–10 printed besides it"]


def test_a_lost_own_footnote_marked_at_the_quote_s_end_leaves_its_further_ones_cited(tmp_path):
    """Borduria has no title, its marks "5, 6, 7" end its quote (as the OSCE PA's do)."""
    pages = sourced_letter(states=STATES, together=True)
    body = pages[2][0]
    title = body.index("  Statement by the Ministry of Foreign Affairs of Borduria5, 6, 7 ")
    del body[title:title + 2]       # the title and the gap after it
    body[body.index(" Borduria recalls point 2 of the agreed format. ")] = (
        " Borduria recalls point 2 of the agreed format.5, 6, 7 ")
    _lose(pages, OWN.format(n=5, state="borduria"))
    doc = _parsed(tmp_path, pages)
    assert (doc.statements[1].title, doc.statements[1].footnote) == (None, 5)
    assert doc.statements[1].quote.endswith("point 2 of the agreed format.")
    assert _cited(doc) == [[2, 3, 4], [6, 7], [8, 9, 10]]
    assert [s.flags for s in doc.statements] == [[], ["footnote-missing"], []]


def test_a_lost_own_footnote_leaves_the_further_ones_marked_in_its_quote_cited(tmp_path):
    """Borduria's title prints its own 5, lost, its quote "format.6" and "format.7": line 6
    was read as footnote 4's, 6 said lost and only 7, the quote's last mark, cited."""
    pages = sourced_letter(states=STATES)
    _lose(pages, OWN.format(n=5, state="borduria"))
    doc = _parsed(tmp_path, pages)
    assert _cited(doc) == [[2, 3, 4], [6, 7], [8, 9, 10]]
    assert doc.statements[1].quote.split("\n") == [f"Borduria recalls point {n} of the agreed format." for n in (1, 2)]
    assert [s.flags for s in doc.statements] == [[], ["footnote-missing"], []]
    assert doc.metadata["warnings"] == [
        "footnote 5 missing (lost in extraction?): found 1–4, 6–10; statement 2 has no citation of its own, "
        "only of footnotes 6–7 printed besides it"]


def test_the_last_statement_s_lost_own_footnote_leaves_the_further_ones_marked_in_its_quote_cited(tmp_path):
    pages = sourced_letter(states=STATES)
    _lose(pages, OWN.format(n=8, state="carpania"))
    doc = _parsed(tmp_path, pages)
    assert _cited(doc) == [[2, 3, 4], [5, 6, 7], [9, 10]]
    assert [s.flags for s in doc.statements] == [[], [], ["footnote-missing"]]


def test_numbering_that_skips_a_number_no_mark_prints_is_said_as_before(tmp_path):
    """Borduria prints "6, 7", no footnote 5 anywhere (a typo): its own is 6, 5 a gap said."""
    pages = sourced_letter(states=STATES, together=True)
    _lose(pages, OWN.format(n=5, state="borduria"))
    body = pages[2][0]
    body[body.index("  Statement by the Ministry of Foreign Affairs of Borduria5, 6, 7 ")] = (
        "  Statement by the Ministry of Foreign Affairs of Borduria6, 7 ")
    doc = _parsed(tmp_path, pages)
    assert [s.footnote for s in doc.statements] == [2, 6, 8]
    assert _cited(doc) == [[2, 3, 4], [6, 7], [8, 9, 10]]
    assert all(s.flags == [] for s in doc.statements)
    assert doc.metadata["warnings"] == ["footnote 5 missing (lost in extraction?): found 1–4, 6–10"]


def test_the_further_footnotes_of_a_lost_own_one_are_stored_as_citations(runner, tmp_path):
    """Stored as any further footnote's: citation rows named by their own numbers (m020), each
    with its source to crawl and archive; a letter ingested before they were cited gains
    them when its bytes are ingested again, once."""
    pages = sourced_letter(states=STATES, together=True)
    _lose(pages, OWN.format(n=5, state="borduria"))
    path, db_path = write_letter(tmp_path, pages), tmp_path / "cw.db"
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)])
    assert result.exit_code == 0, result.output
    db = database.open_db(db_path)
    borduria, footnote, flags = db.execute("SELECT id, footnote, flags FROM statements WHERE seq = 2").fetchone()
    assert (footnote, flags) == (5, '["footnote-missing"]')
    cited = [(citation_label(c), c["url"], c["source_id"] is not None) for c in citations_of(db, borduria)]
    assert cited == [("footnote 6", "https://news.example.org/borduria-1.html", True),
                     ("footnote 7", "https://news.example.org/borduria-2.html", True)]
    with db.conn:   # as ingested before: Borduria cited nothing
        db.execute("DELETE FROM citations WHERE statement_id = ?", [borduria])
    for _ in range(2):
        again = runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)])
        assert again.exit_code == 0, again.output
        assert [(citation_label(c), c["url"], c["source_id"] is not None)
                for c in citations_of(db, borduria)] == cited


def test_a_list_of_numbers_ending_a_quote_s_paragraph_stays_in_the_quote(tmp_path):
    """Borduria's quote has a paragraph ending "paragraphs 5, 6 and 7", its last one marks
    "format.7": the 7 after "and" is the quote's, the last of a list after "paragraphs", not a
    mark (taken out, the quote read "paragraphs 5, 6 and"), its own footnote 5 lost or not."""
    said = " Borduria recalls that the parties agreed on the measures set out in paragraphs 5, 6 and 7 "
    for lost in (False, True):
        pages = sourced_letter(states=STATES)
        body = pages[2][0]
        body.insert(body.index(" Borduria recalls point 2 of the agreed format.7 "), said)
        if lost:
            _lose(pages, OWN.format(n=5, state="borduria"))
        doc = _parsed(tmp_path, pages)
        assert doc.statements[1].quote.split("\n") == [
            "Borduria recalls point 1 of the agreed format.", said.strip(), "Borduria recalls point 2 of the agreed format."]
        assert _cited(doc) == [[2, 3, 4], [6, 7] if lost else [5, 6, 7], [8, 9, 10]]


def test_a_title_s_own_numbers_stay_in_it_when_its_own_footnote_is_lost(tmp_path):
    """A title naming a resolution and its year, or the Group of 77, before "5, 6, 7", 5 lost:
    only the marks are taken off it, and the statement cites 6 and 7."""
    for title in ("Statement on Security Council resolution 2334 (2016)", "Statement by the Group of 77 and China"):
        pages = sourced_letter(states=STATES, together=True)
        body = pages[2][0]
        body[body.index("  Statement by the Ministry of Foreign Affairs of Borduria5, 6, 7 ")] = f"  {title}5, 6, 7 "
        _lose(pages, OWN.format(n=5, state="borduria"))
        doc = _parsed(tmp_path, pages)
        assert doc.statements[1].title == title
        assert _cited(doc) == [[2, 3, 4], [6, 7], [8, 9, 10]]
        assert [s.flags for s in doc.statements] == [[], ["footnote-missing"], []]
