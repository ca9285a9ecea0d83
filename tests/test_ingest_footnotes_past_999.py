"""Footnotes numbered past 999 are read as the numbering runs on to them (1000 after 999),
while a footnote's line that begins with four digits elsewhere (a year) stays its text.

The letters are made up here: statements five to a page, each page's footnotes after its
rule, as in a letter of 1,005 statements (footnote 1000 was glued onto 999's text).
"""

from __future__ import annotations

import pytest

from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from crawler.ingest.pdf import read_pdf
from tests.test_ingest_synthetic import letter_pdf

HEAD = ["   Letter dated 20 April 2020 from the Permanent Representative of ", "",
        "Sylvania to the United Nations addressed to the Secretary-General ", "",
        "20-09999 (E)    200420 ", "A/74/999 ", "", "S/2020/999 ", "",
        "   Annex to the letter dated 20 April 2020 ",
        "  Statements of the international community on the so-called elections ",
        " I. International organizations "]
YEAR_LINE = "2020 edition of the Ministry's bulletin, page 4 ."


def letter_pages(footnotes: int, year_after: int | None = None, quoting: int | None = None) -> list[tuple]:
    """The pages (lines, links) of a letter of `footnotes` footnotes, five to a page, each cited
    by a statement marked with its number; the footnote `year_after` goes on to a line of its
    own that begins with a year, and the statement marked `quoting` quotes a further source
    too, its mark (the next number) glued after the quote's first sentence."""
    pages, lines, notes, n = [], list(HEAD), [], 1
    while n <= footnotes:
        quote = f"Statia number {n} does not recognise the so-called elections held on 31 March."
        lines += [f"  Statement by the Ministry of Foreign Affairs of Statia {n} ", "Capitalia, 02.04.2020 ",
                  f" {quote}{n + 1} It calls for new ones. " if n == quoting else f" {quote} "]
        for number in (n, n + 1) if n == quoting else (n,):
            notes.append(f" {number} https://www.example.org/statement/{number} . ")
            if number == year_after:
                notes.append(YEAR_LINE)
            n += 1
            if len(notes) >= 5 or n > footnotes:
                lines += ["__________________ ", *notes, "A/74/999-S/2020/999 ", f"20-09999 {len(pages) + 2}/999 "]
                pages.append((lines, []))
                lines, notes = [], []
    return pages


def letter(footnotes: int, year_after: int | None = None, quoting: int | None = None) -> str:
    """The letter of letter_pages as extracted text, an empty line after each page."""
    return "\n".join(line for lines, _ in letter_pages(footnotes, year_after, quoting) for line in [*lines, ""]) + "\n"


def parsed(text: str):
    return parse_letter(split_pages(text), "sha", "many.txt")


def test_statements_past_999_cite_their_own_footnotes():
    text = letter(1050, year_after=1010).replace(" 45 https://www.example.org/statement/45 . ",
                                                 " 45 https://www.example.org/statement/45 . \n1040 of them voted .")
    doc = parsed(text)
    assert len(doc.statements) == 1050
    assert [s.footnote for s in doc.statements] == list(range(1, 1051))
    assert [s.citation.seq if s.citation else None for s in doc.statements] == list(range(1, 1051))
    assert [c.url for c in doc.citations[998:1001]] == [f"https://www.example.org/statement/{n}" for n in (999, 1000, 1001)]
    assert doc.statements[998].quote == "Statia number 999 does not recognise the so-called elections held on 31 March."
    assert doc.statements[999].title == "Statement by the Ministry of Foreign Affairs of Statia"
    assert doc.citations[1009].printed.endswith(YEAR_LINE)       # a year's line past 999 is text still
    assert doc.citations[44].printed.endswith("1040 of them voted .")   # footnote 1040 is not expected there
    assert doc.metadata["footnotes"] == 1050
    assert not doc.metadata.get("warnings")


def test_a_footnote_line_beginning_with_a_year_stays_that_footnote():
    doc = parsed(letter(50, year_after=45))
    assert [s.citation.seq for s in doc.statements] == list(range(1, 51))
    assert doc.citations[44].printed == f"https://www.example.org/statement/45 . {YEAR_LINE}"
    assert doc.citations[45].url == "https://www.example.org/statement/46"
    assert not doc.metadata.get("warnings")


@pytest.mark.parametrize("how", ["text", "pdf"])
def test_a_quote_cites_a_further_source_past_999(how):
    if how == "pdf":
        doc = parse_letter(read_pdf(letter_pdf(letter_pages(1006, quoting=1002))), "sha", "many.pdf")
    else:
        doc = parsed(letter(1006, quoting=1002))
    own = [s.footnote for s in doc.statements]
    assert own == [*range(1, 1003), 1004, 1005, 1006]
    quoting = doc.statements[1001]
    assert quoting.quote == ("Statia number 1002 does not recognise the so-called elections held on 31 March. "
                             "It calls for new ones.")
    assert [c.footnote for c in quoting.citations] == [1002, 1003]
    assert doc.metadata["further_footnotes"] == 1


def test_a_date_alone_after_a_title_marked_past_999_anchors_its_statement():
    """A "Place, date" line may print the date alone: after a title's mark it anchors the
    statement, four digits as well once the footnotes reach them."""
    text = letter(1006).replace("Statia 1004 \nCapitalia, 02.04.2020", "Statia 1004 \n02.04.2020")
    doc = parsed(text)
    assert [s.footnote for s in doc.statements] == list(range(1, 1007))
    assert (doc.statements[1003].place, doc.statements[1003].date) == (None, "2020-04-02")
    assert doc.statements[1003].citation.url == "https://www.example.org/statement/1004"
    assert not doc.metadata.get("warnings")


def test_footnote_999_lost_is_said_and_those_past_it_still_read():
    doc = parsed(letter(1006).replace(" 999 https://www.example.org/statement/999 . \n", ""))
    assert [s.citation.footnote if s.citation else None for s in doc.statements] == [
        *range(1, 999), None, *range(1000, 1007)]
    assert doc.citations[997].printed == "https://www.example.org/statement/998 ."
    assert doc.metadata["warnings"] == [
        "footnote 999 missing (lost in extraction?): found 1–998, 1000–1006; statement 999 has no citation"]
