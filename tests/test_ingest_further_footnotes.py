"""Statements that cite several sources: a footnote mark on the title and more in the quote,
or all of them on the title ("2, 3, 4").

A letter whose statements each cite three footnotes has three times as many footnotes as
statements, which the lost-statements rule (crawler/ingest/__init__.py) once took for
statements lost; the quote's own marks also stayed in the quote ("format.3"), and a title's
"2, 3, 4" gave the statement footnote 4 and kept "2, 3," in the title.  Each footnote a
statement prints is a citation of it, its own and its further sources' alike (crawled and
checked: tests/test_ingest_further_citations.py).  The letter is made up here (one statement
a page, rendered as the UN text layer), and the rule must still refuse the same letter when
its later pages ran into the footnotes.
"""

from __future__ import annotations

import re

import pytest
import sqlite_utils

from crawler.cli import cli
from crawler.config import load_config
from crawler.ingest import parse
from tests.test_ingest_synthetic import letter_text

GAP = " "
STATES = ["Aria", "Borduria", "Carpania", "Drusia"]


def _page(number: int, of: int, body: list[str], notes: list[str]) -> tuple[list[str], list[str]]:
    """Page `number` of `of`: furniture on top (the first page's footer below), body, rule, notes."""
    head = ["A/75/999 ", "S/2021/77 ", GAP, f"{number}/{of} 21-04567 ", GAP] if number > 1 else []
    foot = [GAP, "21-04567 (E)    030321 "] if number == 1 else []
    return [*head, *body, "__________________ ", *notes, *foot], []


def sourced_letter(per: int = 3, mark: str = "format.{n}", together: bool = False, states=STATES) -> list:
    """The letter's pages: a covering letter with footnote 1, then one statement a page, its
    title marked with its own footnote and each of its `per - 1` further sentences with the
    next footnote's mark, spelt as `mark` says ("format.{n}": after the stop); `together`:
    the title prints all the statement's marks ("2, 3, 4"), its sentences none; one
    statement for each of `states`."""
    cover = ["   Letter dated 2 March 2021 from the Permanent Representative of ",
             "Freedonia to the United Nations addressed to the Secretary-General ", GAP,
             " I have the honour to transmit the compilation of statements (see annex).1 ", GAP,
             "(Signed) Rufus T. Firefly ", "Permanent Representative ", GAP]
    pages = [_page(1, len(states) + 1, cover, [" 1 See also A/75/100. "])]
    number = 2
    for index, state in enumerate(states):
        body = ["   Annex to the letter dated 2 March 2021 from the Permanent ",
                "Representative of Freedonia to the United Nations ", GAP] if index == 0 else []
        marks = ", ".join(str(number + n) for n in range(per if together else 1))
        body += [f"  Republic of {state} ", GAP, f"  Statement by the Ministry of Foreign Affairs of {state}{marks} ",
                 GAP, f"{state} City, 0{index + 1}.02.2021 "]
        notes = [f" {number} https://mfa.{state.lower()}.example.org/statement.html "]
        for sentence in range(1, per):
            body.append(f" {state} recalls point {sentence} of the agreed "
                        f"{'format.' if together else mark.format(n=number + sentence)} ")
            notes.append(f" {number + sentence} https://news.example.org/{state.lower()}-{sentence}.html ")
        pages.append(_page(index + 2, len(states) + 1, [*body, GAP], notes))
        number += per
    return pages


def write_letter(tmp_path, pages, name="letter.txt", moved: dict[str, str] = {}):
    """The letter of `pages` as a text file in `tmp_path`, each URL of `moved` printed as its
    value instead (a page of the test web)."""
    text = letter_text(pages)
    for printed, served in moved.items():
        text = text.replace(printed, served)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_letter_whose_statements_each_cite_three_footnotes_is_ingested(runner, tmp_path):
    """Twelve footnotes for four statements: each statement cites its own on its title and two
    more in its quote, so no statement was lost; each footnote is a citation of its statement,
    with its own URL and number, and the quote is the words without the marks."""
    path, db_path = write_letter(tmp_path, sourced_letter()), tmp_path / "t.db"
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    assert db.execute("SELECT entity, footnote, quote FROM statements ORDER BY seq").fetchall() == [
        (f"Republic of {state}", 2 + 3 * index,
         f"{state} recalls point 1 of the agreed format.\n{state} recalls point 2 of the agreed format.")
        for index, state in enumerate(STATES)]
    rows = db.execute("SELECT s.entity, c.seq, c.footnote, c.url, c.kind FROM citations c"
                      " JOIN statements s ON s.id = c.statement_id ORDER BY c.seq").fetchall()
    assert rows == [
        (f"Republic of {state}", number, number, url, "web")
        for index, state in enumerate(STATES)
        for number, url in zip(range(2 + 3 * index, 5 + 3 * index),
                               [f"https://mfa.{state.lower()}.example.org/statement.html",
                                f"https://news.example.org/{state.lower()}-1.html",
                                f"https://news.example.org/{state.lower()}-2.html"])]
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 12
    assert db.execute("SELECT metadata FROM documents").fetchone()[0].count('"further_footnotes": 8') == 1
    assert "warning" not in result.output and "by hand" not in result.output


@pytest.mark.parametrize("mark, words", [
    ("format.{n}", "agreed format."),      # after the stop, as the UN prints it
    ("format{n}.", "agreed format."),      # glued to the word, before the stop
    ("format. {n}", "agreed format."),     # ending the paragraph, a space before (extracted text)
])
def test_a_quotes_own_footnote_marks_are_taken_out_however_printed(tmp_path, mark, words):
    doc = parse(str(write_letter(tmp_path, sourced_letter(per=4, mark=mark))), load_config(env={}))
    assert [s.footnote for s in doc.statements] == [2, 6, 10, 14]
    assert [s.quote.split("\n") for s in doc.statements] == [
        [f"{state} recalls point {sentence} of the {words}" for sentence in (1, 2, 3)] for state in STATES]
    assert doc.metadata["further_footnotes"] == 12
    assert all(s.flags == [] for s in doc.statements)


@pytest.mark.parametrize("per", [2, 3, 4])
def test_a_titles_marks_printed_together_give_the_statement_the_first(tmp_path, per):
    """"Statement by ... of Aria2, 3, 4": footnote 2 is the statement's own (its citation),
    3 and 4 its further sources; the title is the words."""
    doc = parse(str(write_letter(tmp_path, sourced_letter(per=per, together=True))), load_config(env={}))
    assert [(s.footnote, s.title) for s in doc.statements] == [
        (2 + per * index, f"Statement by the Ministry of Foreign Affairs of {state}") for index, state in enumerate(STATES)]
    assert [s.citation.url for s in doc.statements] == [
        f"https://mfa.{state.lower()}.example.org/statement.html" for state in STATES]
    assert [[(c.seq, c.footnote, c.url) for c in s.further] for s in doc.statements] == [
        [(number, number, f"https://news.example.org/{state.lower()}-{number - first}.html")
         for number in range(first + 1, first + per)]
        for first, state in zip(range(2, 2 + 4 * per, per), STATES)]
    assert doc.metadata["further_footnotes"] == 4 * (per - 1)
    assert "warnings" not in doc.metadata


def test_marks_printed_together_in_a_quote_are_taken_out(tmp_path):
    pages = sourced_letter(per=4)
    body = pages[1][0]
    body[body.index(" Aria recalls point 2 of the agreed format.4 ")] = " Aria recalls point 2 of the agreed format.4, 5 "
    body.remove(" Aria recalls point 3 of the agreed format.5 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [
        "Aria recalls point 1 of the agreed format.", "Aria recalls point 2 of the agreed format."]
    assert doc.metadata["further_footnotes"] == 12


def test_a_number_in_a_quote_that_is_no_footnote_of_its_statement_stays(tmp_path):
    """Only a number between the statement's own mark and the next statement's, of a footnote
    read, is a mark: a quote that ends on a later statement's number ("Protocol 8"), a
    year or a number within a sentence keeps it."""
    pages = sourced_letter()
    body = pages[1][0]
    at = body.index(" Aria recalls point 2 of the agreed format.4 ")
    body[at] = " Aria recalls its 3 demands of 2020 and the agreed format.4 "
    body.insert(at, " Aria recalls Protocol 8 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [
        "Aria recalls point 1 of the agreed format.", "Aria recalls Protocol 8",
        "Aria recalls its 3 demands of 2020 and the agreed format."]
    assert [s.footnote for s in doc.statements] == [2, 5, 8, 11]


def test_a_single_further_source_is_its_statement_s_second_citation(tmp_path):
    doc = parse(str(write_letter(tmp_path, sourced_letter(per=2, states=["Aria"]))), load_config(env={}))
    assert [(s.footnote, s.quote) for s in doc.statements] == [(2, "Aria recalls point 1 of the agreed format.")]
    assert [(c.seq, c.url) for c in doc.statements[0].citations] == [
        (2, "https://mfa.aria.example.org/statement.html"), (3, "https://news.example.org/aria-1.html")]
    assert doc.metadata["further_footnotes"] == 1 and "warnings" not in doc.metadata


def _refused_as_lost(runner, tmp_path, path) -> None:
    """Ingesting `path` (the sourced letter read to one statement) is refused in one line by
    the lost-statements rule."""
    result = runner.invoke(cli, ["ingest", "--db", str(tmp_path / "t.db"), str(path)])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        f"Error: {path}: 12 footnotes from footnote 2 on but only 1 statement read: the document's lines or pages "
        "were lost (an HTML page that runs them together?); give it as text or PDF, or as HTML with one <p> per "
        "line or in a <pre>"]


def test_the_letter_with_its_later_pages_run_into_the_footnotes_is_still_refused(runner, tmp_path):
    """Page furniture and gaps gone after page 2: page 2's footnotes swallow every later
    statement, one statement is read for twelve footnotes, and the two marks its quote prints
    do not make up for the nine statements' own lost."""
    text = letter_text(sourced_letter())
    cut = text.index("3/5 21-04567")
    head, tail = text[:text.rindex("A/75/999", 0, cut)], text[cut:]
    tail = "\n".join(line for line in tail.split("\n")
                     if line.strip() and not re.match(r"^(A/75/999|S/2021/77) $|.*21-04567", line))
    path = tmp_path / "run-together.txt"
    path.write_text(head + tail + "\n", encoding="utf-8")
    _refused_as_lost(runner, tmp_path, path)


def test_statements_whose_place_and_date_lines_were_lost_are_no_further_sources(runner, tmp_path):
    """Every "Place, date" line but the first lost: the three later statements run into the
    first one's quote, titles and all.  Their quotes' marks read as further sources of the
    first statement, but their titles' marks are their own footnotes, not sources quoted:
    counted as such, the statements lost passed for sources, and the letter was read to one
    statement; it is refused."""
    pages = [([line for line in lines if not (line.endswith(".02.2021 ") and not line.startswith("Aria"))], links)
             for lines, links in sourced_letter()]
    path = write_letter(tmp_path, pages)
    _refused_as_lost(runner, tmp_path, path)


def _aria_sentences(pages, *lines: str) -> list:
    """The letter of `pages` with Aria's two quote sentences (marked 3 and 4) replaced by `lines`."""
    body = pages[1][0]
    at = body.index(" Aria recalls point 1 of the agreed format.3 ")
    body[at:at + 2] = list(lines)
    return pages


@pytest.mark.parametrize("marks", ["format.3–4", "format.3-4", "format3–4."])
def test_marks_printed_as_a_range_in_a_quote_are_taken_out(tmp_path, marks):
    """"format.3–4" once stayed in the quote, and footnotes 3 and 4 were cited by no statement."""
    pages = _aria_sentences(sourced_letter(), f" Aria recalls the agreed {marks} ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote == "Aria recalls the agreed format."
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [
        [first, first + 1, first + 2] for first in (2, 5, 8, 11)]
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("marks", ["format.3–5", "format.3-5", "format.3, 4, 5"])
def test_a_quote_s_marks_running_on_to_the_next_statement_s_own_stop_before_it(tmp_path, marks):
    """Aria's quote prints "format.3–5" over Borduria's title's own 5: the run stops before
    it, as a title's does ("Aria2–4" over "Borduria4, 5"), Aria citing 3 and 4 and Borduria 5,
    said naming both (refused whole, it stayed in the quote and 3 and 4 were cited by none)."""
    pages = _aria_sentences(sourced_letter(), f" Aria recalls the agreed {marks} ", " Aria recalls the agreed format. ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == ["Aria recalls the agreed format."] * 2
    assert [[c.footnote for c in s.citations] for s in doc.statements] == [
        [first, first + 1, first + 2] for first in (2, 5, 8, 11)]
    assert doc.metadata["warnings"] == [
        "statement 1's marks 3–5 run on to statement 2's own mark 5: footnote 5 read as statement 2's only; "
        "check statement 1's quote and statement 2's mark"]


@pytest.mark.parametrize("numbers", ["3–4", "3-4"])
def test_a_range_ending_a_paragraph_after_a_space_is_the_quote_s(tmp_path, numbers):
    """"... the obligations of articles 3–4" ending a paragraph, Aria's footnotes 3 and 4
    marked nowhere: glued ("format.3–4"), a range is a mark; after a space, one of the quote's
    numbers, as "articles 3–4 of" is inside a paragraph (it was taken out, and the quote
    lost it).  The footnotes are said as cited by no statement."""
    _assert_kept_as_the_quote_s(
        tmp_path, f"Aria recalls that the parties to the agreed format confirmed the obligations of articles {numbers}")


def _assert_kept_as_the_quote_s(tmp_path, paragraph: str) -> None:
    """`paragraph`, the first of Aria's two, keeps its numbers: Aria cites footnote 2 alone,
    and footnotes 3 and 4, marked nowhere, are said as cited by no statement."""
    pages = _aria_sentences(sourced_letter(), f" {paragraph} ", " Aria recalls the agreed format. ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [paragraph, "Aria recalls the agreed format."]
    assert [c.footnote for c in doc.statements[0].citations] == [2]
    assert doc.metadata["warnings"] == [
        "footnotes 3–4 are cited by no statement (a mark lost in extraction, or printed where it is not read?): "
        "no citation; check the statements before them"]


@pytest.mark.parametrize("lines", [
    [" Aria recalls point 1 of the agreed format. 3 Aria recalls point 2 of the ", "agreed format.4 "],
    [" Aria recalls point 1 of the agreed format. 3 ", "Aria recalls point 2 of the agreed format.4 "],
    [" Aria recalls point 1 of the agreed format.” 3 Aria recalls point 2 of the ", "agreed format. 4 "],
], ids=["inside a line", "ending a line", "after a closing quote"])
def test_a_mark_after_a_stop_and_a_space_inside_a_paragraph_is_taken_out_and_said(tmp_path, lines):
    """A space between a stop and its mark (added in extraction) inside a paragraph: the mark
    once stayed in the quote, its footnote cited by no statement.  Ending the paragraph, it
    was read already (PARAGRAPH_MARK).  It might have begun a sentence: said, naming the word
    before it."""
    doc = parse(str(write_letter(tmp_path, _aria_sentences(sourced_letter(), *lines))), load_config(env={}))
    words = "".join(lines).replace(" 3 ", " ").replace(".4", ".").replace(". 4", ".").strip()
    assert doc.statements[0].quote == words
    assert [c.footnote for c in doc.statements[0].citations] == [2, 3, 4]
    before = lines[0].split(" 3 ")[0].split()[-1]
    assert doc.metadata["warnings"] == [
        f"statement 1: read '3' after '{before}' in its quote as footnote 3's mark and took it out (a number after "
        "a stop and a space may begin a sentence); check the quote"]


@pytest.mark.parametrize("sentence, number", [
    ("Aria does not recognise the elections held on 31 March 2020.3", "2020"),
    ("Aria recalls resolutions 822, 853, 874 and 884.3", "884"),
    ("Aria recalls the elections of 2020.3 Aria recalls the agreed format.", "2020"),
], ids=["a date", "a resolution", "inside a line"])
def test_the_next_mark_glued_after_a_number_s_stop_is_taken_out_and_said(tmp_path, sentence, number):
    """"... held on 31 March 2020.3" before "format.4", footnote 3 marked nowhere else: the mark
    is the next footnote's, so read, the quote reading "2020." (it kept "2020.3", and footnote 3
    was cited by no statement).  The digits after a number's stop may be a decimal's: said,
    naming the number before them."""
    pages = _aria_sentences(sourced_letter(), f" {sentence} ", " Aria recalls point 2 of the agreed format.4 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [
        sentence.replace(f"{number}.3", f"{number}."), "Aria recalls point 2 of the agreed format."]
    assert [c.footnote for c in doc.statements[0].citations] == [2, 3, 4]
    assert doc.metadata["warnings"] == [
        f"statement 1: read '.3' after '{number}' in its quote as footnote 3's mark and took it out (a number "
        "after a number's stop may be a decimal's); check the quote"]


@pytest.mark.parametrize("sentence, marked", [
    ("Aria notes that 2.3 per cent voted.", " Aria recalls point 2 of the agreed format.4 "),   # a small letter
    ("Aria adopted version 2.3.", " Aria recalls point 2 of the agreed format.4 "),           # no sentence's end
    ("Aria adopted Resolution 2334.4", " Aria recalls point 2 of the agreed format.4 "),       # not the next mark
    ("Aria adopted Resolution 2334.3", " Aria recalls point 2 of the agreed format. "),        # no other mark read
], ids=["decimal", "decimal ending a sentence", "not the next", "no other mark"])
def test_a_number_after_a_number_s_stop_is_the_quote_s_unless_the_next_mark(tmp_path, sentence, marked):
    """A decimal in a quote ("2.3 per cent", "version 2.3."), or the digits after a number's
    stop that are not the next footnote's mark, or in a quote that prints no other mark read,
    stay the quote's."""
    pages = _aria_sentences(sourced_letter(), f" {sentence} ", marked)
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n")[0] == sentence
    assert 3 not in [c.footnote for c in doc.statements[0].citations]


def test_a_number_s_digits_left_in_a_quote_where_an_uncited_footnote_s_mark_may_be_are_said(tmp_path):
    """"... held on 31 March 2020.3" in a quote that prints no other mark read (Aria's 3 and 4
    marked nowhere else): left in the quote, as "2.3" may be a decimal, but footnote 3 is cited
    by no statement, and the warning names the statement and the digits (it said only "check
    the statements before it")."""
    sentence = "Aria does not recognise the elections held on 31 March 2020.3"
    pages = _aria_sentences(sourced_letter(), f" {sentence} ", " Aria recalls point 2 of the agreed format. ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [sentence, "Aria recalls point 2 of the agreed format."]
    assert doc.metadata["warnings"] == [
        "statement 1: its quote prints '2020.3', and footnote 3 is cited by no statement: left in the quote (the "
        "'.3' after '2020' may be its mark, or a decimal's digits); check the quote",
        "footnotes 3–4 are cited by no statement (a mark lost in extraction, or printed where it is not read?): "
        "no citation; check the statements before them"]


@pytest.mark.parametrize("sentence", [
    "Aria met in 2019. 3 People came.",                   # a year's stop
    "Aria adopted Resolution 2334. 3 Members agreed.",    # a number's stop
    "Aria met in Geneva. 3 people came.",                 # a sentence's number, before a small letter
    "Aria met in Geneva: 3 States came.",                 # no stop
], ids=["year", "resolution", "small letter", "colon"])
def test_a_number_beginning_a_sentence_is_no_mark_even_where_one_is_missing(tmp_path, sentence):
    """Aria's footnote 3 marked nowhere, a quote sentence beginning with 3 is still the quote's:
    the footnote is said as cited by no statement."""
    pages = _aria_sentences(sourced_letter(), f" {sentence} ", " Aria recalls point 2 of the agreed format.4 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [sentence, "Aria recalls point 2 of the agreed format."]
    assert [c.footnote for c in doc.statements[0].citations] == [2, 4]
    assert doc.metadata["warnings"] == [
        "footnote 3 is cited by no statement (a mark lost in extraction, or printed where it is not read?): "
        "no citation; check the statements before it"]


@pytest.mark.parametrize("sentence, marked", [
    ("Aria met in Geneva. 3 States signed.", " Aria recalls the agreed format.3, 4 "),  # 3 marked after it
    ("Aria met in Geneva. 4 States signed.", " Aria recalls the agreed format. "),      # 3, below, marked nowhere
], ids=["marked elsewhere", "out of order"])
def test_a_number_after_a_stop_is_no_mark_unless_its_the_next_footnote_marked_nowhere(tmp_path, sentence, marked):
    """A sentence that begins with a capital after a number: a mark only as the lowest of the
    statement's footnotes that no other mark took, so it stays in the quote here."""
    pages = _aria_sentences(sourced_letter(), f" {sentence} ", marked)
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [sentence, "Aria recalls the agreed format."]


def test_a_sentence_s_number_read_as_the_next_footnote_s_mark_is_said(tmp_path):
    """"in Geneva. 3 States signed." before "format.4", footnote 3 marked nowhere: nothing
    tells the number from a mark, so it is read as one, and said naming the word before it,
    the quote to be checked (it once lost its "3" silently)."""
    sentence = "Aria met in Geneva. 3 States signed."
    pages = _aria_sentences(sourced_letter(), f" {sentence} ", " Aria recalls the agreed format.4 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [
        "Aria met in Geneva. States signed.", "Aria recalls the agreed format."]
    assert doc.metadata["warnings"] == [
        "statement 1: read '3' after 'Geneva.' in its quote as footnote 3's mark and took it out (a number after a "
        "stop and a space may begin a sentence); check the quote"]


@pytest.mark.parametrize("sentences", [
    ("Aria met in Geneva. 3 States signed.", "Aria recalls the agreed format."),
    ("Aria recalls the agreed format.4 Aria met in Geneva. 3 States signed.", "Aria recalls the agreed format."),
    ("Aria recalls General Comment No. 3 (1990).", "Aria recalls the agreed format.4"),
    ("Aria recalls art. 3 States shall respect.", "Aria recalls the agreed format.4"),
], ids=["no mark read in the quote", "after a higher mark", "No.", "art."])
def test_a_number_after_a_stop_is_no_mark_without_other_marks_in_order_or_after_an_abbreviation(tmp_path, sentences):
    """Footnote 3 marked nowhere, "in Geneva. 3 States" once lost its "3": in a quote that
    prints no mark read (Aria's footnotes 3 and 4 both unmarked), or after mark 4 (marks run
    on in order), it is the quote's number, as one after "No." or "art." is; footnote 3 is
    said as cited by no statement."""
    pages = _aria_sentences(sourced_letter(), *(f" {sentence} " for sentence in sentences))
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote.split("\n") == [sentence.replace(".4", ".") for sentence in sentences]
    unmarked = "footnote 3 is" if ".4" in "".join(sentences) else "footnotes 3–4 are"
    assert doc.metadata["warnings"] == [
        f"{unmarked} cited by no statement (a mark lost in extraction, or printed where it is not read?): "
        f"no citation; check the statements before {'it' if unmarked.endswith('is') else 'them'}"]


@pytest.mark.parametrize("paragraph", [
    "Aria recalls that the parties to the agreed format confirmed their obligations under article 3",
    "Aria recalls that the parties confirmed Protocol No.3 in the agreed format.",
    "Aria recalls that the parties confirmed the report, pp.3–4, in the agreed format.",
], ids=["article ending a paragraph", "No.", "pp."])
def test_a_number_after_a_word_that_numbers_follow_is_the_quote_s(tmp_path, paragraph):
    """Aria's footnotes 3 and 4 marked nowhere: "under article 3" ending a paragraph, "No.3"
    and "pp.3–4" looked like marks and were taken out of the quote, which then misquoted its
    source.  They are the quote's numbers; the footnotes are said as cited by no statement."""
    _assert_kept_as_the_quote_s(tmp_path, paragraph)
