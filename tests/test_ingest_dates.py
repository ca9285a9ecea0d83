"""A footnote line that begins with a date is a date in every UN language, not a footnote number.

The letters are the seed letter with a footnote rewritten to run on over dated lines,
as in tests/test_ingest_footnote_gaps.py, with the dates written in French, Spanish,
Portuguese, Russian and German.
"""

from __future__ import annotations

import pytest

from crawler.ingest.dates import written_date
from tests.test_ingest_footnote_gaps import TEXT, assert_same_but, parse, with_footnote

# language: (a date written out, whose day is a placeholder, and its month) — as footnotes print them
WRITTEN = {
    "en": "{day} April 2020",
    "fr": "{day} avril 2020",
    "es": "{day} de abril de 2020",
    "pt": "{day} de abril de 2020",
    "ru": "{day} апреля 2020 г.",
    "de": "{day}. April 2020",
}
# Languages whose dates begin with a bare number, as a footnote line does ("6 avril" but not "6. April").
NUMBERED = [language for language, form in WRITTEN.items() if not form.startswith("{day}.")]


@pytest.fixture(scope="module")
def full():
    return parse(TEXT)


@pytest.mark.parametrize("language", WRITTEN)
def test_a_date_written_in_each_language_is_read(language):
    assert written_date(WRITTEN[language].format(day=6) + ", https://example.org/x", at_start=True) == "2020-04-06"


@pytest.mark.parametrize("text, expected", [
    ("1er avril 2020, communiqué", "2020-04-01"),
    ("6 de março de 2020", "2020-03-06"),
    ("6 марта 2020 года", "2020-03-06"),
    ("6 Mai 2020", "2020-05-06"),
    ("6 MAYO DE 2020", "2020-05-06"),
    ("31 avril 2020", None),          # no such day
    ("6 posts 2020", None),           # no month
    ("6 avril", None),                # no year
    ("6 avril 20201", None),          # no year either
])
def test_what_counts_as_a_written_date(text, expected):
    assert written_date(text, at_start=True) == expected


def test_a_date_must_open_the_line_to_make_it_a_date_line():
    assert written_date("Communiqué du 6 avril 2020", at_start=True) is None
    assert written_date("Communiqué du 6 avril 2020") == "2020-04-06"


@pytest.mark.parametrize("language", NUMBERED)
def test_dated_lines_of_the_last_footnote_are_no_second_document(full, language):
    """Footnote 42 runs on over two dated lines, 6 then 7: a run of numbers below 43 that,
    were they footnote numbers, would be a second document's (refused)."""
    dated = [WRITTEN[language].format(day=day) + f", https://azertag.az/en/xeber/{day}" for day in (6, 7)]
    doc = parse(with_footnote(TEXT, 42, " 42 Statements by the U.S. Department of State to the Azertac News Agency:", *dated))
    assert_same_but(doc, full, 42)
    last = doc.statements[41].citation
    assert (last.seq, last.url) == (42, "https://azertag.az/en/xeber/6")
    assert dated[1] in last.printed


@pytest.mark.parametrize("language", NUMBERED)
def test_a_dated_line_numbered_as_the_next_footnote_stays_in_its_footnote(full, language):
    """"10 avril 2020, ..." inside footnote 9 is no footnote 10: a footnote 10 is still to come."""
    dated = WRITTEN[language].format(day=10) + ", https://www.osce.org/minsk-group/449410."
    doc = parse(with_footnote(TEXT, 9, " 9 Statements of the OSCE Minsk Group Co-Chairs:", dated))
    assert_same_but(doc, full, 9)
    assert dated in doc.statements[8].citation.printed
    assert doc.statements[9].citation.seq == 10
