"""A statement's further source whose footnote line was lost (the last page's last footnote
line gone in extraction) is said as a statement's own lost footnote is: one warning line
naming the footnote and the statement, flagged "further-footnote-missing" (its own footnote
is cited; "footnote-missing" is for a statement whose own was lost).  Its mark is taken out of
the quote or title, and the marks printed with it still give their citations: "Co-Chairs.7, 8"
with footnote 8 lost once kept both marks in the quote, dropped footnote 7 and said nothing.
"""

from __future__ import annotations

from crawler.config import load_config
from crawler.ingest import parse
from tests.test_ingest_annexes import PAGES as ANNEX_PAGES
from tests.test_ingest_further_footnotes import sourced_letter
from tests.test_ingest_synthetic import letter_text

STATES = ["Aria", "Borduria"]


def _parsed(tmp_path, pages):
    path = tmp_path / "letter.txt"
    path.write_text(letter_text(pages), encoding="utf-8")
    return parse(str(path), load_config(env={}))


def _lose(pages, note: str) -> None:
    """Take footnote line `note` off the page that prints it."""
    for lines, _ in pages:
        if note in lines:
            lines.remove(note)


def test_a_lost_further_footnote_marked_with_a_read_one_is_said_and_the_read_one_cited(tmp_path):
    pages = sourced_letter(states=STATES)          # Borduria: own 5, quote marks 6 and 7
    body = pages[2][0]
    body[body.index(" Borduria recalls point 1 of the agreed format.6 ")] = " Borduria recalls the agreed format.6, 7 "
    body.remove(" Borduria recalls point 2 of the agreed format.7 ")
    _lose(pages, " 7 https://news.example.org/borduria-2.html ")
    doc = _parsed(tmp_path, pages)
    borduria = doc.statements[1]
    assert borduria.quote == "Borduria recalls the agreed format."
    assert [(c.footnote, c.url) for c in borduria.citations] == [
        (5, "https://mfa.borduria.example.org/statement.html"), (6, "https://news.example.org/borduria-1.html")]
    assert borduria.flags == ["further-footnote-missing"] and doc.statements[0].flags == []
    assert doc.metadata["warnings"] == [
        "footnote 7 missing (lost in extraction?): found 1–6; statement 2 cites footnote 7 besides its own: "
        "no citation of it"]


def test_a_lost_further_footnote_marked_on_the_title_is_said(tmp_path):
    pages = sourced_letter(states=STATES, together=True)   # "Borduria5, 6, 7"
    _lose(pages, " 7 https://news.example.org/borduria-2.html ")
    doc = _parsed(tmp_path, pages)
    assert doc.statements[1].title == "Statement by the Ministry of Foreign Affairs of Borduria"
    _cites_6_and_says_7_lost(doc)


def _cites_6_and_says_7_lost(doc) -> None:
    """Borduria, whose footnote 7 was lost, cites 5 and 6, is flagged, and the one warning
    names footnote 7 as its further source."""
    borduria = doc.statements[1]
    assert [c.footnote for c in borduria.citations] == [5, 6]
    assert borduria.flags == ["further-footnote-missing"]
    assert doc.metadata["warnings"] == [
        "footnote 7 missing (lost in extraction?): found 1–6; statement 2 cites footnote 7 besides its own: "
        "no citation of it"]


def test_further_footnotes_all_read_say_nothing(tmp_path):
    doc = _parsed(tmp_path, sourced_letter(states=STATES, together=True))
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [[2, 3, 4], [5, 6, 7]]
    assert "warnings" not in doc.metadata and all(s.flags == [] for s in doc.statements)


def test_a_lost_further_footnote_of_an_annex_is_said_by_its_annex(tmp_path):
    """Annex I's Marsovia prints "2, 3", and annex I's footnote 3 was lost: said as "3 of
    Annex I", annex II's footnotes (1, 2, 3 again) read as their own statements'."""
    pages = [(list(lines), links) for lines, links in ANNEX_PAGES]
    marsovia = pages[1][0]
    at = marsovia.index("  Statement by the Ministry of Foreign Affairs of Marsovia2 ")
    marsovia[at] = "  Statement by the Ministry of Foreign Affairs of Marsovia2, 3 "
    doc = _parsed(tmp_path, pages)
    statement = doc.statements[1]
    assert (statement.title, statement.footnote, statement.flags) == (
        "Statement by the Ministry of Foreign Affairs of Marsovia", 2, ["further-footnote-missing"])
    assert [c.footnote for c in statement.citations] == [2]
    assert [s.flags for s in doc.statements].count(["further-footnote-missing"]) == 1
    assert len(doc.metadata["warnings"]) == 1
    warning = doc.metadata["warnings"][0]
    assert warning.startswith("footnote 3 of Annex I missing (lost in extraction?): found 1–2 of Annex I")
    assert warning.endswith("; statement 2 cites footnote 3 of Annex I besides its own: no citation of it")


def test_a_lost_further_footnote_marked_alone_in_a_quote_citing_others_is_said(tmp_path):
    """Borduria's quote marks 6 and 7 apart ("format.6", "format.7"), footnote 7's line lost:
    the statement cites footnote 6, a source read, so its quote's glued "7" is a mark too."""
    pages = sourced_letter(states=STATES)
    _lose(pages, " 7 https://news.example.org/borduria-2.html ")
    doc = _parsed(tmp_path, pages)
    assert doc.statements[1].quote.split("\n") == [f"Borduria recalls point {n} of the agreed format." for n in (1, 2)]
    _cites_6_and_says_7_lost(doc)


def test_a_number_alone_in_a_quote_citing_no_further_source_stays(tmp_path):
    """A statement with no further source read gives a glued number no evidence of a mark."""
    pages = sourced_letter(per=1, states=STATES)          # Aria 2, Borduria 3
    body = pages[2][0]
    body.insert(body.index("Borduria City, 02.02.2021 ") + 1, " Borduria recalls the G20 summit.4 ")
    doc = _parsed(tmp_path, pages)
    assert doc.statements[1].quote == "Borduria recalls the G20 summit.4"
    assert "warnings" not in doc.metadata


def test_a_lost_own_footnote_is_told_from_a_lost_further_one(tmp_path):
    """Borduria's own footnote lost: "footnote-missing" alone, when it prints no other mark;
    printing "5, 6, 7", its own 5 lost at a page break, it still cites 6 and 7, read (the
    marks after a lost own one are marks: they once went unread, lines 6 and 7 taken for
    footnote 4's, and the statement cited nothing), "footnote-missing" for 5 alone; the page's
    footnote lines lost from its own 5 on (6 and 7 with it), it is both, each flag for its own
    loss.  Carpania, after it, cites its own 8 and its 9 and 10 either way."""
    states = [*STATES, "Carpania"]
    pages = sourced_letter(per=1, states=states)
    _lose(pages, " 3 https://mfa.borduria.example.org/statement.html ")
    assert [s.flags for s in _parsed(tmp_path, pages).statements] == [[], ["footnote-missing"], []]
    pages = sourced_letter(states=states, together=True)
    _lose(pages, " 5 https://mfa.borduria.example.org/statement.html ")
    doc = _parsed(tmp_path, pages)
    assert [s.flags for s in doc.statements] == [[], ["footnote-missing"], []]
    assert [[(c.footnote, c.url) for c in s.citations] for s in doc.statements[1:]] == [
        [(6, "https://news.example.org/borduria-1.html"), (7, "https://news.example.org/borduria-2.html")],
        [(8, "https://mfa.carpania.example.org/statement.html"), (9, "https://news.example.org/carpania-1.html"),
         (10, "https://news.example.org/carpania-2.html")]]
    assert doc.statements[1].footnote == 5 and doc.statements[1].citation is None
    assert doc.metadata["warnings"] == [
        "footnote 5 missing (lost in extraction?): found 1–4, 6–10; statement 2 has no citation of its own, "
        "only of footnotes 6–7 printed besides it"]
    for note in (" 6 https://news.example.org/borduria-1.html ", " 7 https://news.example.org/borduria-2.html "):
        _lose(pages, note)
    doc = _parsed(tmp_path, pages)
    assert [s.flags for s in doc.statements] == [[], ["footnote-missing", "further-footnote-missing"], []]
    assert doc.statements[1].citations == [] and doc.metadata["warnings"] == [
        "footnotes 5–7 missing (lost in extraction?): found 1–4, 8–10; statement 2 has no citation; "
        "statement 2 cites footnotes 6–7 besides its own: no citation of them"]


def test_a_lost_further_footnote_first_in_a_quote_leaves_the_next_one_cited(tmp_path):
    """Aria's quote marks "format.3" and "format.4", footnote 3 lost at a page break: line 4,
    past the gap, was no footnote but footnote 2's text (Aria cited its own, with 4's source in
    it), and both marks stayed in the quote.  The quote's marks are marks before footnotes are
    read: Aria cites 2 and 4, footnote 3 said lost."""
    states = [*STATES, "Carpania"]
    pages = sourced_letter(states=states)
    _lose(pages, " 3 https://news.example.org/aria-1.html ")
    doc = _parsed(tmp_path, pages)
    aria = doc.statements[0]
    assert aria.quote.split("\n") == [f"Aria recalls point {n} of the agreed format." for n in (1, 2)]
    assert [(c.footnote, c.printed) for c in aria.citations] == [
        (2, "https://mfa.aria.example.org/statement.html"), (4, "https://news.example.org/aria-2.html")]
    assert [s.flags for s in doc.statements] == [["further-footnote-missing"], [], []]
    assert [[c.footnote for c in s.citations] for s in doc.statements[1:]] == [[5, 6, 7], [8, 9, 10]]
    assert doc.metadata["warnings"] == [
        "footnote 3 missing (lost in extraction?): found 1–2, 4–10; statement 1 cites footnote 3 besides its own: "
        "no citation of it"]


def test_lost_further_footnotes_first_in_two_quotes_leave_the_next_ones_cited(tmp_path):
    """Borduria's 6 and the last statement's 9 lost: each cites the one its quote marks after."""
    pages = sourced_letter(states=[*STATES, "Carpania"])
    _lose(pages, " 6 https://news.example.org/borduria-1.html ")
    _lose(pages, " 9 https://news.example.org/carpania-1.html ")
    doc = _parsed(tmp_path, pages)
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [[2, 3, 4], [5, 7], [8, 10]]
    assert doc.statements[2].citations[-1].url == "https://news.example.org/carpania-2.html"
    assert [s.flags for s in doc.statements] == [[], ["further-footnote-missing"], ["further-footnote-missing"]]
    assert all(not any(ch.isdigit() for ch in s.quote.replace("point 1", "").replace("point 2", ""))
               for s in doc.statements)


def test_a_footnote_line_beginning_with_a_quoted_mark_s_number_stays_in_its_footnote(tmp_path):
    """Footnote 3 lost, footnote 2 wraps to a line that begins with 4 ("4 members ..."), the
    number of a mark Aria's quote prints: footnote 4's own line follows, so that one is 2's
    text, not footnote 4."""
    pages = sourced_letter(states=[*STATES, "Carpania"])
    _lose(pages, " 3 https://news.example.org/aria-1.html ")
    notes = pages[1][0]
    notes.insert(notes.index(" 2 https://mfa.aria.example.org/statement.html ") + 1, "4 members of the format agreed. ")
    doc = _parsed(tmp_path, pages)
    aria = doc.statements[0]
    assert [c.footnote for c in aria.citations] == [2, 4]
    assert aria.citations[0].printed.endswith("4 members of the format agreed.")
    assert aria.citations[1].url == "https://news.example.org/aria-2.html"
