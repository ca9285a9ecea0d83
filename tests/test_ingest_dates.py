"""A footnote line that begins with a date is a date in every UN language, not a footnote number.

The letters are the seed letter with a footnote rewritten to run on over dated lines,
as in tests/test_ingest_footnote_gaps.py, with the dates written in French, Spanish,
Portuguese, Russian, German and Arabic (Western and Arabic-Indic digits).  Chinese dates
open with the year ("2020年4月6日"), which no footnote number is: only the function is tested.
Arabic is tested as a text layer gives it, in logical order; what pypdf makes of a
right-to-left PDF is not.
"""

from __future__ import annotations

import pytest

from crawler.ingest.dates import written_date
from tests.test_ingest_footnote_gaps import TEXT, assert_same_but, further_urls, parse, with_footnote
from tests.test_ingest_synthetic import EXPECTED_STATEMENTS, PAGES, letter_text

# language: (a date written out, whose day is a placeholder, and its month) — as footnotes print them
WRITTEN = {
    "en": "{day} April 2020",
    "fr": "{day} avril 2020",
    "es": "{day} de abril de 2020",
    "pt": "{day} de abril de 2020",
    "ru": "{day} апреля 2020 г.",
    "de": "{day}. April 2020",
    "ar": "{day} نيسان/أبريل 2020",
    "ar-indic": "{day} نيسان/أبريل 2020",
    "zh": "2020年4月{day}日",
}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def written(language: str, day: int) -> str:
    """The date of `day` April 2020 as `language` writes it (ar-indic: in Arabic-Indic digits)."""
    text = WRITTEN[language].format(day=day)
    return text.translate(ARABIC_INDIC) if language == "ar-indic" else text
# Languages whose dates begin with a bare number, as a footnote line does ("6 avril" but not "6. April"
# nor "2020年").
NUMBERED = [language for language, form in WRITTEN.items() if form.startswith("{day} ")]


@pytest.fixture(scope="module")
def full():
    return parse(TEXT)


@pytest.mark.parametrize("language", WRITTEN)
def test_a_date_written_in_each_language_is_read(language):
    assert written_date(written(language, 6) + ", https://example.org/x", at_start=True) == "2020-04-06"


@pytest.mark.parametrize("language", WRITTEN)
def test_a_date_run_into_a_footnote_is_found(language):
    assert written_date(f"Statement ({written(language, 15)}), https://example.org/x") == "2020-04-15"
    assert written_date(f"Statement ({written(language, 15)})", at_start=True) is None


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
    ("١ كانون الثاني/يناير ٢٠٢١", "2021-01-01"),   # a two-word Levantine name, Arabic-Indic digits
    ("30 حزيران/يونيه 2020", "2020-06-30"),         # the UN's spelling of June, not CLDR's
    ("14 تموز/يوليه 2020", "2020-07-14"),
    ("14 تموز/يوليو 2020", "2020-07-14"),           # CLDR's Egyptian spelling
    ("6 آب / أغسطس 2020", "2020-08-06"),            # spaces around the "/"
    ("6 أبريل 2020", "2020-04-06"),                 # one name alone
    ("6 نيسان 2020", "2020-04-06"),
    ("6 نيسان/مايو 2020", None),                    # two names of different months
    ("31 نيسان/أبريل 2020", None),                  # no such day
    ("2021年1月31日", "2021-01-31"),
    ("2021 年 1 月 31 日", "2021-01-31"),
    ("２０２１年１月３１日", "2021-01-31"),          # full-width digits
    ("2021年2月30日", None),                        # no such day
    ("2021年13月1日", None),                        # no such month
    ("12021年1月31日", None),                       # no year: five digits
])
def test_what_counts_as_a_written_date(text, expected):
    assert written_date(text, at_start=True) == expected


# The months as UN Arabic documents name them, Levantine/Egyptian.
UN_ARABIC_MONTHS = ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
                    "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
                    "كانون الأول/ديسمبر"]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_as_un_arabic_names_it(month):
    assert written_date(f"15 {UN_ARABIC_MONTHS[month - 1]} 2020", at_start=True) == f"2020-{month:02d}-15"


def test_a_date_must_open_the_line_to_make_it_a_date_line():
    assert written_date("Communiqué du 6 avril 2020", at_start=True) is None
    assert written_date("Communiqué du 6 avril 2020") == "2020-04-06"


@pytest.mark.parametrize("language", NUMBERED)
def test_dated_lines_of_the_last_footnote_are_no_second_document(full, language):
    """Footnote 42 runs on over two dated lines, 6 then 7: a run of numbers below 43 that,
    were they footnote numbers, would be a second document's (refused)."""
    dated = [written(language, day) + f", https://azertag.az/en/xeber/{day}" for day in (6, 7)]
    doc = parse(with_footnote(TEXT, 42, " 42 Statements by the U.S. Department of State to the Azertac News Agency:", *dated))
    assert_same_but(doc, full, 42)
    assert further_urls(doc, 42) == ["https://azertag.az/en/xeber/7"]
    last = doc.statements[41].citation
    assert (last.seq, last.url) == (42, "https://azertag.az/en/xeber/6")
    assert dated[1] in last.printed


@pytest.mark.parametrize("language", NUMBERED)
def test_a_dated_line_numbered_as_the_next_footnote_stays_in_its_footnote(full, language):
    """"10 avril 2020, ..." inside footnote 9 is no footnote 10: a footnote 10 is still to come."""
    dated = written(language, 10) + ", https://www.osce.org/minsk-group/449410."
    doc = parse(with_footnote(TEXT, 9, " 9 Statements of the OSCE Minsk Group Co-Chairs:", dated))
    assert_same_but(doc, full, 9)
    assert dated in doc.statements[8].citation.printed
    assert doc.statements[9].citation.seq == 10


@pytest.mark.parametrize("text", ["15 \u200fنيسان/أبريل 2020", "\u200f15 نيسان/أبريل 2020",
                                  "15 نيسان\u200f/\u200fأبريل 2020", "\u202b15 نيسان/أبريل 2020\u202c",
                                  "\u2067١٥ نيسان/أبريل ٢٠٢٠\u2069"],
                         ids=["RLM before the month", "RLM first", "RLM around the slash", "RLE..PDF", "RLI..PDI"])
def test_bidirectional_marks_of_an_arabic_text_layer_do_not_hide_a_date(text):
    """A PDF's Arabic text layer puts right-to-left marks between a date's words: the date
    is read all the same, so the dated footnote line stays in its footnote."""
    assert written_date(text, at_start=True) == "2020-04-15"
    assert written_date(f"انظر {text}") == "2020-04-15"


@pytest.mark.parametrize("opening", ["7 February 2021, n", "07.02.2021, n", "7 février 2021, n", "3 February 2021, n",
                                     "February 7, 2021, n"])
def test_a_footnote_whose_text_begins_with_a_date_keeps_its_number(opening):
    """Footnote 3 of the made-up letter printed "3 7 February 2021, note verbale ...": the date
    opens the footnote's text, after its number (even a day equal to that number); the line
    starts footnote 3, as any other would, and no footnote is said missing."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[1][0]
    old = " 3 Note verbale of the Ministry of Foreign Affairs of Marsovia addressed to the Embassy "
    lines[lines.index(old)] = old.replace(" 3 N", f" 3 {opening}")
    doc = parse(letter_text(pages))
    assert "warnings" not in doc.metadata
    assert [(s.footnote, s.citation.seq) for s in doc.statements] == [(row[0], row[0]) for row in EXPECTED_STATEMENTS]
    assert doc.statements[1].citation.printed.startswith(f"{opening}ote verbale of the Ministry")
    assert (doc.statements[1].citation.kind, doc.statements[1].citation.flags) == ("offline", ["unofficial-translation"])
