"""A title's marks printed together however spelt: "2, 3, 4", "2 3 4" or a range, "2–4",
"2-4", each a footnote the statement cites (its own the first).  A range once left "2–" on
the title and footnote 3 cited by no one, silently; marks past a gap ("Aria2, 3, 5", 5
being Borduria's further source) gave Aria footnote 5, and Borduria's own mark, below it,
read as text: Borduria's statement became the quote of Aria's entity, with no citation.
Marks printed after a name's numbers and a space ("Studio 2 & 3 4, 5") are read after them.
"""

from __future__ import annotations

import pytest

from crawler.config import load_config
from crawler.ingest import parse
from tests.test_ingest_further_footnotes import sourced_letter
from tests.test_ingest_synthetic import letter_text

STATES = ["Aria", "Borduria", "Carpania"]
TITLE = "  Statement by the Ministry of Foreign Affairs of {state}{marks} "


def _parsed(tmp_path, pages):
    path = tmp_path / "letter.txt"
    path.write_text(letter_text(pages), encoding="utf-8")
    return parse(str(path), load_config(env={}))


def _retitle(pages, state: str, marks: str, printed: str) -> None:
    """Print `state`'s title marks `marks` as `printed`."""
    for lines, _ in pages:
        old = TITLE.format(state=state, marks=marks)
        if old in lines:
            lines[lines.index(old)] = TITLE.format(state=state, marks=printed)


def _assert_each_cites_its_own_two(doc) -> None:
    """Aria, Borduria and Carpania each read with their whole title, their own mark first
    (2, 4, 6) and their further source after it, as `sourced_letter(per=2)` prints them."""
    assert [(s.title, s.footnote) for s in doc.statements] == [
        (f"Statement by the Ministry of Foreign Affairs of {state}", footnote)
        for state, footnote in zip(STATES, (2, 4, 6))]
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [[2, 3], [4, 5], [6, 7]]


@pytest.mark.parametrize("spelt", ["{a}–{c}", "{a}-{c}", "{a} – {c}", "{a} {b} {c}"])
def test_a_title_s_marks_spelt_as_a_range_or_with_spaces_are_each_cited(tmp_path, spelt):
    pages = sourced_letter(states=STATES, together=True)
    for first, state in zip((2, 5, 8), STATES):
        _retitle(pages, state, f"{first}, {first + 1}, {first + 2}", spelt.format(a=first, b=first + 1, c=first + 2))
    doc = _parsed(tmp_path, pages)
    assert [(s.entity, s.title) for s in doc.statements] == [
        (f"Republic of {state}", f"Statement by the Ministry of Foreign Affairs of {state}") for state in STATES]
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [[2, 3, 4], [5, 6, 7], [8, 9, 10]]
    assert "warnings" not in doc.metadata


def test_marks_past_a_gap_keep_the_next_statement_s_own_and_are_said(tmp_path):
    pages = sourced_letter(per=2, states=STATES, together=True)     # Aria2, 3  Borduria4, 5  Carpania6, 7
    _retitle(pages, "Aria", "2, 3", "2, 3, 5")
    doc = _parsed(tmp_path, pages)
    assert [(s.entity, s.title, s.footnote) for s in doc.statements] == [
        (f"Republic of {state}", f"Statement by the Ministry of Foreign Affairs of {state}", footnote)
        for state, footnote in zip(STATES, (2, 4, 6))]
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [[2, 3], [4, 5], [6, 7]]
    assert doc.metadata["warnings"] == [
        "statement 1 prints mark 5 after its own footnote 2, numbering no footnote between its own and the next "
        "statement's: not cited by it; check its title"]


def test_numbers_that_do_not_go_up_end_with_one_mark(tmp_path):
    """"... resolution 68/262, 3": the resolution's number stays in the title, 3 is the mark."""
    pages = sourced_letter(per=1, states=["Aria"])
    _retitle(pages, "Aria", "2", " and resolution 68/262, 2")
    doc = _parsed(tmp_path, pages)
    assert [(s.title, s.footnote) for s in doc.statements] == [
        ("Statement by the Ministry of Foreign Affairs of Aria and resolution 68/262,", 2)]


def test_a_footnote_no_statement_cites_is_said(tmp_path):
    """Aria's further source marked "(3)", which is no mark read: footnote 3 is said, not
    passed over; the covering letter's footnote 1, before the statements', is not."""
    pages = sourced_letter(per=2, states=STATES)
    body = pages[1][0]
    at = body.index(" Aria recalls point 1 of the agreed format.3 ")
    body[at] = " Aria recalls point 1 of the agreed format (3) "
    doc = _parsed(tmp_path, pages)
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [[2], [4, 5], [6, 7]]
    assert doc.metadata["warnings"] == [
        "footnote 3 is cited by no statement (a mark lost in extraction, or printed where it is not read?): "
        "no citation; check the statements before it"]


@pytest.mark.parametrize("spelt", ["2 and 3", "2 & 3", "2, 3, 3", "2, 2, 3"])
def test_title_marks_joined_by_and_or_printing_one_twice_are_each_cited_once(tmp_path, spelt):
    """"2 and 3" reads as "2, 3" does; "2, 3, 3" (a mark printed twice) cites 2 and 3 once
    each: read as footnote 3 alone, Aria cited no source of its own, and footnote 2 was said
    nowhere (the covering letter's footnotes, before the first statement's own, are not)."""
    pages = sourced_letter(per=2, states=STATES, together=True)
    _retitle(pages, "Aria", "2, 3", spelt)
    doc = _parsed(tmp_path, pages)
    _assert_each_cites_its_own_two(doc)
    repeats = "and" not in spelt and "&" not in spelt
    assert doc.metadata.get("warnings", []) == [
        f"statement 1's marks '{spelt}' repeat a number: read as footnotes 2–3, each cited once; check its marks"
    ][:repeats]


@pytest.mark.parametrize("spelt, left", [("3, 2", "3,"), ("3 and 2", "3 and"), ("2, 3, 2", "2, 3,")])
def test_unread_title_marks_are_said_naming_the_statement_and_the_footnote_left(tmp_path, spelt, left):
    """Marks that do not go up end with one mark, the last; the footnote the others number,
    cited by no statement, is named with the statement (once: not again as a footnote no
    statement cites)."""
    pages = sourced_letter(per=2, states=STATES, together=True)
    _retitle(pages, "Aria", "2, 3", spelt)
    doc = _parsed(tmp_path, pages)
    assert [s.footnote for s in doc.statements] == [2, 4, 6]
    assert [(s.entity, s.footnote) for s in doc.statements[1:]] == [("Republic of Borduria", 4), ("Republic of Carpania", 6)]
    assert doc.metadata["warnings"] == [
        f"statement 1's title ends '{left}' before its mark (read as footnote 2): marks printed together that "
        "cannot be read; footnote 3 cited by no statement; check its title and citations"]


def test_a_title_s_unread_mark_before_the_first_statement_s_own_is_named(tmp_path):
    """"Aria2, 1" reads as footnote 1, the covering letter's: footnote 2, Aria's own, is cited
    by no statement, and below the first mark read, where uncited footnotes are not said
    (the covering letter's): it is named with the statement."""
    pages = sourced_letter(per=2, states=STATES, together=True)
    _retitle(pages, "Aria", "2, 3", "2, 1")
    doc = _parsed(tmp_path, pages)
    assert doc.statements[0].footnote == 1
    assert doc.metadata["warnings"][0] == (
        "statement 1's title ends '2,' before its mark (read as footnote 1): marks printed together that cannot be "
        "read; footnote 2 cited by no statement; check its title and citations")


@pytest.mark.parametrize("spelt, marks, ceded", [
    ("2–4", "2–4", "footnote 4"),           # the range ends on Borduria's own mark
    ("2–5", "2–5", "footnotes 4–5"),        # and on its further source's too
    ("2, 3, 4", "2–4", "footnote 4"),       # printed out, as a range is read
])
def test_marks_that_run_on_to_the_next_statement_s_own_stop_before_it_and_are_said(tmp_path, spelt, marks, ceded):
    """"Aria2–4" over "Borduria4, 5": footnote 4 is Borduria's own (its title's first mark).
    Read as Aria's, it made Borduria's mark look used: Borduria was read unmarked, with no
    citation, and said so.  The range stops before it, and both statements are named."""
    pages = sourced_letter(per=2, states=STATES, together=True)     # Aria2, 3  Borduria4, 5  Carpania6, 7
    _retitle(pages, "Aria", "2, 3", spelt)
    doc = _parsed(tmp_path, pages)
    _assert_each_cites_its_own_two(doc)
    assert all(s.flags == [] for s in doc.statements)
    assert doc.metadata["warnings"] == [
        f"statement 1's marks {marks} run on to statement 2's own mark 4: "
        f"{ceded} read as statement 2's only; check both titles"]


def test_a_title_number_that_takes_up_only_some_of_the_marks_before_claims_none(tmp_path):
    """Under "Aria2–4", a Borduria title ending "Protocol 3" (its mark lost) is no claim on
    footnote 3: Aria's marks 3 and 4 are not all Borduria's, and Aria keeps them."""
    pages = sourced_letter(per=2, states=STATES, together=True)
    _retitle(pages, "Aria", "2, 3", "2–4")
    _retitle(pages, "Borduria", "4, 5", " on Protocol 3")
    doc = _parsed(tmp_path, pages)
    assert [s.footnote for s in doc.statements] == [2, None, 6]
    assert [c.footnote for c in doc.statements[0].citations] == [2, 3, 4]
    assert not any("run on to" in warning for warning in doc.metadata["warnings"])


@pytest.mark.parametrize("name", ["2 & 3", "2 and 3"])
def test_a_title_ending_with_a_name_s_numbers_keeps_them_and_reads_its_marks_after_them(tmp_path, name):
    """Borduria's title ends with a name's numbers, "Studio 2 & 3", its marks printed after a
    space ("... Studio 2 & 3 4, 5").  Read from 2 (Aria's footnote), they gave Borduria no mark:
    no citation, its footnotes said as cited by no statement, and "2 & 3" taken off its title.
    Its marks are those after the space, its own the first footnote still to come."""
    pages = sourced_letter(per=2, states=STATES, together=True)
    _retitle(pages, "Borduria", "4, 5", f" and Studio {name} 4, 5")
    doc = _parsed(tmp_path, pages)
    assert [(s.title, s.footnote) for s in doc.statements][1] == (
        f"Statement by the Ministry of Foreign Affairs of Borduria and Studio {name}", 4)
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [[2, 3], [4, 5], [6, 7]]
    assert all(s.flags == [] for s in doc.statements)
    assert "warnings" not in doc.metadata
