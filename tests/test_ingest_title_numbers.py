"""A title's own numbers before its marks, printed after a plain space ("Statement by the G7
5, 6, 7", "Statement on articles 5, 6 5, 6, 7"): numbers that do not go up end with the
longest run that does after a plain space, the numbers before it the title's.  Read as ending
with the last number alone, such a title kept "G7 5, 6," and its statement cited footnote 7
only, 5 and 6 cited by no statement.  A name's number printed again as its mark ("G4 4") is
not a mark printed twice, and one that the quote before prints as a mark ("G3 5" under
"format.3") is not the title's own mark.  Numbers glued to the marks ("G75, 6, 7") cannot be
told apart from them and are said as before.
"""

from __future__ import annotations

import pytest

from crawler.config import load_config
from crawler.ingest import parse
from tests.test_ingest_further_footnotes import sourced_letter, write_letter

STATES = ["Aria", "Borduria", "Carpania"]
BORDURIA_TITLE_ALL_MARKS = "  Statement by the Ministry of Foreign Affairs of Borduria5, 6, 7 "
BORDURIA_TITLE_OWN_MARK = "  Statement by the Ministry of Foreign Affairs of Borduria5 "


def _cited(doc) -> list[list[int]]:
    return [[c.footnote for c in s.citations] for s in doc.statements]


@pytest.mark.parametrize("title", [
    "Statement by the G7",                  # a name's number above the marks
    "Statement on articles 5, 6",           # numbers that are the marks' own, printed before them
    "Statement on articles 9 and 12",
    "Statement by the G3",                  # below them, and a mark of the statement before (read already)
])
def test_a_title_s_numbers_before_its_marks_stay_in_the_title(tmp_path, title):
    pages = sourced_letter(states=STATES, together=True)    # Aria 2, 3, 4; Borduria 5, 6, 7; Carpania 8, 9, 10
    body = pages[2][0]
    body[body.index(BORDURIA_TITLE_ALL_MARKS)] = f"  {title} 5, 6, 7 "
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert [(s.entity, s.title, s.footnote) for s in doc.statements][1] == ("Republic of Borduria", title, 5)
    assert _cited(doc) == [[2, 3, 4], [5, 6, 7], [8, 9, 10]]
    assert "warnings" not in doc.metadata


def test_numbers_glued_to_the_marks_are_said_as_before(tmp_path):
    """"G75, 6, 7": whether 75 is the name's 7 and mark 5 cannot be told; its title and the
    footnotes left are said."""
    pages = sourced_letter(states=STATES, together=True)
    body = pages[2][0]
    body[body.index(BORDURIA_TITLE_ALL_MARKS)] = "  Statement by the G75, 6, 7 "
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert (doc.statements[1].title, doc.statements[1].footnote) == ("Statement by the G75, 6,", 7)
    assert doc.metadata["warnings"][0] == (
        "statement 2's title ends '75, 6,' before its mark (read as footnote 7): marks printed together that "
        "cannot be read; footnote 6 cited by no statement; check its title and citations")


def test_a_name_s_number_printed_as_its_mark_too_stays_in_the_title(tmp_path):
    """"Statement by the G4 4": the name's 4, then its mark 4, not a mark printed twice (read so,
    the title lost its "4" and the marks were said repeated)."""
    pages = sourced_letter(per=2, states=STATES)        # Aria 2, 3; Borduria 4, 5; Carpania 6, 7
    body = pages[2][0]
    body[body.index("  Statement by the Ministry of Foreign Affairs of Borduria4 ")] = "  Statement by the G4 4 "
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert (doc.statements[1].title, doc.statements[1].footnote) == ("Statement by the G4", 4)
    assert _cited(doc) == [[2, 3], [4, 5], [6, 7]]
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("title", ["Statement by the G3", "Statement by the G4", "Statement on articles 4, 5"])
def test_a_title_s_number_the_quote_before_prints_as_a_mark_stays_in_the_title(tmp_path, title):
    """Aria's quote prints "format.3" and "format.4": a title's "3" or "4" before its mark 5 is no
    mark of its own (read so, it took Aria's footnote, and cited 5 as a further source)."""
    pages = sourced_letter(states=STATES)       # Aria 2, quote 3, 4; Borduria 5, quote 6, 7; Carpania 8, ...
    body = pages[2][0]
    body[body.index(BORDURIA_TITLE_OWN_MARK)] = f"  {title} 5 "
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert [(s.entity, s.title, s.footnote) for s in doc.statements][1] == ("Republic of Borduria", title, 5)
    assert _cited(doc) == [[2, 3, 4], [5, 6, 7], [8, 9, 10]]
    assert "warnings" not in doc.metadata


def test_a_mark_glued_to_a_word_and_printed_again_is_said_repeated(tmp_path):
    """"... of Borduria5 5": a number after a lowercase letter is a mark glued to its word, not a
    name's number ("G4 4"), so the title ends with mark 5 printed twice, said.  Read as a name's,
    the title kept "Borduria5" and nothing was said."""
    pages = sourced_letter(states=STATES)
    body = pages[2][0]
    body[body.index(BORDURIA_TITLE_OWN_MARK)] = (
        "  Statement by the Ministry of Foreign Affairs of Borduria5 5 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert (doc.statements[1].title, doc.statements[1].footnote) == (
        "Statement by the Ministry of Foreign Affairs of Borduria", 5)
    assert _cited(doc) == [[2, 3, 4], [5, 6, 7], [8, 9, 10]]
    assert doc.metadata["warnings"] == [
        "statement 2's marks '5 5' repeat a number: read as footnote 5, each cited once; check its marks"]
