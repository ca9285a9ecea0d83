"""The last footnotes lost in extraction are said, as a gap between found ones is.

The letters are the made-up one of tests/test_ingest_synthetic.py (rendered as the
UN text layer and as a real PDF) and the seed letter, with their last footnotes'
lines gone, as when a PDF's last page's footnote lines do not extract.
"""

from __future__ import annotations

import pytest

from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from crawler.ingest.pdf import read_pdf
from tests.test_ingest_footnote_gaps import TEXT, citation_row, parse, statement_row, without_footnote
from tests.test_ingest_synthetic import EXPECTED_STATEMENTS, PAGES, letter_pdf, letter_text

LAST_TWO = ("footnotes 5–6 missing (lost in extraction?): found 1–4; statements 4–5 have no citation")


def without_lines(pages, *starts: str) -> list:
    """The pages without the lines that begin with one of `starts` (stripped), and without
    a rule left with nothing under it."""
    out = []
    for lines, links in pages:
        kept = [line for line in lines if not line.strip().startswith(starts)]
        if kept[-1].startswith("____"):
            kept.pop()
        out.append((kept, links))
    return out


def unmarked(pages, *marks: str) -> list:
    """The pages with these title marks ("Osterlich5") gone, as a glued mark can be in extraction."""
    return renumbered(pages, {mark: mark.rstrip("0123456789") for mark in marks})


# Footnote 5 (two lines, on page 3) and footnote 6 (page 4, the last, with its rule) gone.
LOST_LAST_TWO = without_lines(PAGES, "5 http://www.bmeia", "presse/aussendungen", "6 Official Twitter")


def render(pages, how: str):
    if how == "pdf":
        return parse_letter(read_pdf(letter_pdf(pages)), "sha", "lost.pdf")
    return parse_letter(split_pages(letter_text(pages)), "sha", "lost.txt")


def rows(doc) -> list[tuple]:
    return [(s.footnote, s.section, s.entity, s.place, s.date, s.title, s.quote) for s in doc.statements]


@pytest.mark.parametrize("how", ["text", "pdf"])
def test_the_last_two_footnotes_lost_are_said_and_their_statements_kept_whole(how):
    doc = render(LOST_LAST_TWO, how)
    assert rows(doc) == EXPECTED_STATEMENTS           # titles and entities stay theirs, no quote swallows them
    assert [s.citation.seq if s.citation else None for s in doc.statements] == [2, 3, 4, None, None]
    assert [s.flags for s in doc.statements[3:]] == [["footnote-missing"], ["footnote-missing"]]
    assert doc.metadata["warnings"] == [LAST_TWO]


@pytest.mark.parametrize("lost", [(41, 42), (40, 41, 42)])
def test_the_seed_letters_last_footnotes_lost_are_said(lost):
    full = parse(TEXT)
    text = TEXT
    for number in lost:
        text = without_footnote(text, number)
    doc = parse(text)
    assert [statement_row(s)[:8] for s in doc.statements] == [statement_row(s)[:8] for s in full.statements]
    assert [citation_row(s.citation) for s in doc.statements[:lost[0] - 1]] == [
        citation_row(s.citation) for s in full.statements[:lost[0] - 1]]
    assert [s.seq for s in doc.statements if "footnote-missing" in s.flags] == list(lost)
    first = lost[0]
    warning = (f"footnotes {first}–42 missing (lost in extraction?): found 1–{first - 1}; "
               f"statements {first}–42 have no citation")
    assert doc.metadata["warnings"][0].startswith(warning)


@pytest.mark.parametrize("how", ["text", "pdf"])
def test_last_statements_whose_marks_are_lost_too_are_said(how):
    """The marks gone with the footnotes: the letter marks every statement before, so the
    unmarked ones at its end are its lost footnotes' statements."""
    doc = render(unmarked(LOST_LAST_TWO, "Osterlich5", "Tomainia6"), how)
    assert [s.footnote for s in doc.statements] == [2, 3, 4, None, None]
    assert [s.flags for s in doc.statements[3:]] == [["footnote-missing"], ["footnote-missing"]]
    assert doc.metadata["warnings"] == [
        "statements 4–5 after the last footnote found (4) carry no footnote mark, though every statement before "
        "carries one (the last footnotes lost in extraction?): no citation; check the end of the document"]


def renumbered(pages, changes: dict[str, str]) -> list:
    """The pages with each line that contains a key of `changes` having it replaced."""
    return [([next((line.replace(old, new) for old, new in changes.items() if old in line), line) for line in lines], links)
            for lines, links in pages]


def test_a_letter_that_leaves_statements_unmarked_gets_no_warning_for_its_last():
    """Marsovia's statement carries no mark in the letter itself (footnotes renumbered 1-4):
    an unmarked last statement is then no evidence of a loss."""
    pages = without_lines(PAGES, "3 Note verbale", "of Freedonia, Marsovia City", "6 Official Twitter")
    pages = renumbered(pages, {"Marsovia 3": "Marsovia", "Freedonia4": "Freedonia3", " 4 Official": " 3 Official",
                               "Osterlich5": "Osterlich4", " 5 http": " 4 http", "Tomainia6": "Tomainia"})
    doc = render(pages, "text")
    assert [s.footnote for s in doc.statements] == [2, None, 3, 4, None]
    assert [s.citation.seq if s.citation else None for s in doc.statements] == [2, None, 3, 4, None]
    assert [s.place for s in doc.statements] == [row[3] for row in EXPECTED_STATEMENTS]
    assert not any(s.flags for s in doc.statements)
    # Nothing of lost footnotes; Marsovia's unmarked header is read into the League's quote, and the
    # section heading with it is said (letter.py `_report_sections_in_quotes`).
    assert [w[:61] for w in doc.metadata["warnings"]] == ["'II. Individual States' on page 2, inside statement 1's quote"]


def test_the_whole_synthetic_letter_warns_of_nothing():
    assert "warnings" not in render(PAGES, "text").metadata
