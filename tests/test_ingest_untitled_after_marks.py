"""A statement with no title (its entity and its "Place, date" line, or that line alone) after
a statement whose quote's last paragraph ends with marks ("... the agreed format.4", "...
format.3, 4"): that paragraph, a sentence, is the quote's, not a title.  Read as the untitled
statement's title, it gave that statement the marks of the statement before (footnote 4, or 3
and 4), which cited them no more, and the untitled statement's own mark, at its quote's end,
was read as a further source of it, or its lost mark went unsaid.  The untitled statement cites
the footnote it prints (on its entity, as GUAM's, or at its quote's end, as the OSCE PA's), or,
printing none, is flagged "footnote-missing" and said, as any statement with no mark between two
that have one (numbering_faults.report_lost_marks).  The cases under an entity's name ("entity"
heading) or marked on it were read so already: they keep it so.

Such a sentence is only the quote before's end where there is a quote before (not over the first
statement of the letter or of an annex numbered anew) and where the statement's own mark at its
quote's end follows the sentence's last: else it is the statement's title, ending with a stop
("EU Statement on ... elections.5").  Over a statement that prints no mark of its own it stays
the quote's, said.  A mark on a "Place, date" line below a title's number is the statement's own.
"""

from __future__ import annotations

import pytest

from crawler.config import load_config
from crawler.ingest import parse
from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from tests.conftest import LETTER
from tests.test_ingest_annexes import LEAGUE
from tests.test_ingest_annexes import PAGES as ANNEX_PAGES
from tests.test_ingest_annexes import parse as parse_annexes
from tests.test_ingest_further_footnotes import sourced_letter, write_letter
from tests.test_ingest_lost_further_footnotes import _lose

STATES = ["Aria", "Borduria", "Carpania"]
BORDURIA_TITLE = "  Statement by the Ministry of Foreign Affairs of Borduria5 "
ARIA_QUOTE = "Aria recalls point 1 of the agreed format.\nAria recalls point 2 of the agreed format."


def _letter(tmp_path, aria: str, heading: str, mark: str):
    """The parsed letter of _pages(aria, heading, mark)."""
    return parse(str(write_letter(tmp_path, _pages(aria, heading, mark))), load_config(env={}))


def _pages(aria: str, heading: str, mark: str) -> list:
    """The pages of `sourced_letter()` (Aria 2, quote marks 3 and 4; Borduria 5, 6, 7;
    Carpania 8, 9, 10) with Borduria's title taken off.  `aria`: Aria's quote ends "format.4"
    ("apart": each sentence marked), "format. 4" ("spaced", as extracted text may print it) or
    "format.3, 4" ("together": the last sentence prints both).
    `heading`: Borduria keeps its "entity" heading or has none ("none": its "Place, date" line
    alone).  `mark`: where Borduria prints its own 5, on its "entity" ("Republic of Borduria5"),
    on its "Place, date" line ("place": "Borduria City, 02.02.2021 5"; "glued": "02.02.20215"),
    at its "quote"'s end ("format.5, 6, 7", its sentences unmarked) or "nowhere" (its sentences
    unmarked, its footnotes 5, 6 and 7 still printed)."""
    pages = sourced_letter(states=STATES)
    aria_body, body = pages[1][0], pages[2][0]
    if aria == "together":
        aria_body[aria_body.index(" Aria recalls point 1 of the agreed format.3 ")] = (
            " Aria recalls point 1 of the agreed format. ")
        aria_body[aria_body.index(" Aria recalls point 2 of the agreed format.4 ")] = (
            " Aria recalls point 2 of the agreed format.3, 4 ")
    elif aria == "spaced":
        aria_body[aria_body.index(" Aria recalls point 2 of the agreed format.4 ")] = (
            " Aria recalls point 2 of the agreed format. 4 ")
    title = body.index(BORDURIA_TITLE)
    del body[title:title + 2]       # the title and the gap after it
    entity = body.index("  Republic of Borduria ")
    if heading == "none":
        del body[entity:entity + 2]
    elif mark == "entity":
        body[entity] = "  Republic of Borduria5 "
    if mark in ("place", "glued"):
        body[body.index("Borduria City, 02.02.2021 ")] = f"Borduria City, 02.02.2021{' ' if mark == 'place' else ''}5 "
    if mark in ("quote", "nowhere"):
        body[body.index(" Borduria recalls point 1 of the agreed format.6 ")] = (
            " Borduria recalls point 1 of the agreed format. ")
        body[body.index(" Borduria recalls point 2 of the agreed format.7 ")] = (
            " Borduria recalls point 2 of the agreed format.5, 6, 7 " if mark == "quote"
            else " Borduria recalls point 2 of the agreed format. ")
    return pages


def _cited(doc) -> list[list[int]]:
    return [[c.footnote for c in s.citations] for s in doc.statements]


def _assert_aria_and_carpania_keep_theirs(doc) -> None:
    """Aria keeps its quote's last paragraph and all its marks; Carpania is as printed."""
    aria, carpania = doc.statements[0], doc.statements[2]
    assert (aria.title, aria.footnote, aria.quote) == (
        "Statement by the Ministry of Foreign Affairs of Aria", 2, ARIA_QUOTE)
    assert (carpania.entity, carpania.footnote) == ("Republic of Carpania", 8)
    assert _cited(doc)[0] == [2, 3, 4] and _cited(doc)[2] == [8, 9, 10]


@pytest.mark.parametrize("aria", ["apart", "spaced", "together"])
@pytest.mark.parametrize("heading, entity", [("entity", "Republic of Borduria"), ("none", "Republic of Aria")])
def test_an_untitled_statement_marked_at_its_quote_s_end_cites_its_own(tmp_path, aria, heading, entity):
    doc = _letter(tmp_path, aria, heading, mark="quote")
    _assert_aria_and_carpania_keep_theirs(doc)
    borduria = doc.statements[1]
    assert (borduria.entity, borduria.title, borduria.footnote, borduria.flags) == (entity, None, 5, [])
    assert borduria.quote.split("\n") == [f"Borduria recalls point {n} of the agreed format." for n in (1, 2)]
    assert _cited(doc)[1] == [5, 6, 7]
    assert doc.metadata["further_footnotes"] == 6
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("aria", ["apart", "spaced", "together"])
@pytest.mark.parametrize("heading, entity", [("entity", "Republic of Borduria"), ("none", "Republic of Aria")])
@pytest.mark.parametrize("mark", ["place", "glued"])
def test_an_untitled_statement_marked_on_its_place_and_date_line_cites_its_own(tmp_path, aria, heading, entity, mark):
    """"Borduria City, 02.02.2021 5" (or "02.02.20215"): the line is still its "Place, date" line
    (was no such line: the statement was lost and the letter refused), its mark the statement's."""
    doc = _letter(tmp_path, aria, heading, mark)
    _assert_aria_and_carpania_keep_theirs(doc)
    borduria = doc.statements[1]
    assert (borduria.entity, borduria.title, borduria.footnote, borduria.flags) == (entity, None, 5, [])
    assert (borduria.place, borduria.date) == ("Borduria City", "2021-02-02")
    assert borduria.quote.split("\n") == [f"Borduria recalls point {n} of the agreed format." for n in (1, 2)]
    assert _cited(doc)[1] == [5, 6, 7]
    assert doc.metadata["further_footnotes"] == 6
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("article", [12, 9])
def test_a_title_whose_mark_is_on_its_place_and_date_line_keeps_its_numbers(tmp_path, article):
    """"Statement on article N" under its entity, its mark 5 on its "Place, date" line: the
    title's N is its word, not taken off as a mark would be: 12 numbers no footnote; 9 is
    Carpania's further footnote, still to come, and yields to the mark below it (read as the
    title's mark, Borduria took footnote 9, Carpania's own mark 8 looked used, and the letter
    was refused as one whose statements were lost)."""
    pages = sourced_letter(states=STATES)
    body = pages[2][0]
    body[body.index(BORDURIA_TITLE)] = f"  Statement on article {article} "
    body[body.index("Borduria City, 02.02.2021 ")] = "Borduria City, 02.02.2021 5 "
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    _assert_aria_and_carpania_keep_theirs(doc)
    assert [(s.entity, s.title, s.footnote) for s in doc.statements][1] == (
        "Republic of Borduria", f"Statement on article {article}", 5)
    assert _cited(doc)[1] == [5, 6, 7]
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("aria", ["apart", "spaced", "together"])
def test_an_untitled_statement_marked_on_its_entity_cites_its_own(tmp_path, aria):
    """"Republic of Borduria5" over its "Place, date" line carries its footnote (as GUAM's)."""
    doc = _letter(tmp_path, aria, "entity", mark="entity")
    _assert_aria_and_carpania_keep_theirs(doc)
    borduria = doc.statements[1]
    assert (borduria.entity, borduria.title, borduria.footnote, borduria.flags) == (
        "Republic of Borduria", None, 5, [])
    assert _cited(doc)[1] == [5, 6, 7]
    assert doc.metadata["further_footnotes"] == 6
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("aria", ["apart", "spaced", "together"])
@pytest.mark.parametrize("heading, entity", [("entity", "Republic of Borduria"), ("none", "Republic of Aria")])
def test_an_untitled_statement_printing_no_mark_is_said_missing_its_footnote(tmp_path, aria, heading, entity):
    """Borduria prints no mark: footnotes 5–7, between Aria's and Carpania's, are cited by no
    statement, and Borduria is flagged and said; Aria's footnote 4 is not taken for its mark."""
    doc = _letter(tmp_path, aria, heading, mark="nowhere")
    _assert_aria_and_carpania_keep_theirs(doc)
    borduria = doc.statements[1]
    assert (borduria.entity, borduria.title, borduria.footnote, borduria.flags) == (
        entity, None, None, ["footnote-missing"])
    assert _cited(doc)[1] == []
    assert doc.metadata["further_footnotes"] == 4
    assert doc.metadata["warnings"] == [
        "statement 2 carries no footnote mark, though footnotes 5–7, between the marks of the statements before "
        "and after, are cited by no statement (a mark lost in extraction?): no citation; check its title"]


@pytest.mark.parametrize("aria", ["apart", "together"])
@pytest.mark.parametrize("lost, read", [(3, [2, 4]), (4, [2, 3])], ids=["3-lost", "4-lost"])
def test_a_lost_further_footnote_of_the_quote_before_is_said_as_the_statement_before_s(tmp_path, aria, lost, read):
    """Aria's further footnote 3 or 4 lost (its line gone): Aria, not the untitled Borduria,
    is said to miss it, and Borduria cites its own."""
    pages = _pages(aria, "none", "quote")
    _lose(pages, f" {lost} https://news.example.org/aria-{lost - 2}.html ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert [(s.title, s.footnote, s.flags) for s in doc.statements] == [
        ("Statement by the Ministry of Foreign Affairs of Aria", 2, ["further-footnote-missing"]), (None, 5, []),
        ("Statement by the Ministry of Foreign Affairs of Carpania", 8, [])]
    assert doc.statements[0].quote == ARIA_QUOTE
    assert _cited(doc) == [read, [5, 6, 7], [8, 9, 10]]
    found = "1–2, 4–10" if lost == 3 else "1–3, 5–10"
    assert doc.metadata["warnings"] == [
        f"footnote {lost} missing (lost in extraction?): found {found}; statement 1 cites footnote {lost} besides "
        "its own: no citation of it"]


def test_an_untitled_statement_after_a_quote_ending_with_its_first_paragraph_is_read_as_before(tmp_path):
    """The paragraph right after a "Place, date" line is always its statement's quote (as the
    seed letter's OSCE PA statements are printed): one paragraph, "format.3", then Borduria's
    "Place, date" line alone, marked at its quote's end."""
    pages = sourced_letter(per=2, states=STATES)        # Aria 2, 3; Borduria 4, 5; Carpania 6, 7
    body = pages[2][0]
    title = body.index("  Statement by the Ministry of Foreign Affairs of Borduria4 ")
    del body[title - 2:title + 2]       # the entity, the title and the gaps after them
    body[body.index(" Borduria recalls point 1 of the agreed format.5 ")] = (
        " Borduria recalls point 1 of the agreed format.4, 5 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert [(s.entity, s.title, s.footnote) for s in doc.statements] == [
        ("Republic of Aria", "Statement by the Ministry of Foreign Affairs of Aria", 2),
        ("Republic of Aria", None, 4),
        ("Republic of Carpania", "Statement by the Ministry of Foreign Affairs of Carpania", 6)]
    assert _cited(doc) == [[2, 3], [4, 5], [6, 7]]
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("heading, entity", [("entity", "Republic of Borduria"), ("none", "Republic of Aria")])
def test_a_title_ending_with_a_stop_is_still_a_title_under_an_entity_or_naming_a_kind_of_text(
        tmp_path, heading, entity):
    """"Statement by the Embassy of Borduria in Washington, D.C.5" ends with a stop, but names a
    kind of text, and under "Republic of Borduria" any marked paragraph is a title: Borduria's,
    not the end of Aria's quote."""
    pages = sourced_letter(states=STATES)
    body = pages[2][0]
    title = body.index(BORDURIA_TITLE)
    body[title] = "  Statement by the Embassy of Borduria in Washington, D.C.5 "
    if heading == "none":
        del body[title - 2:title]       # the entity and the gap after it
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    _assert_aria_and_carpania_keep_theirs(doc)
    borduria = doc.statements[1]
    assert (borduria.entity, borduria.title, borduria.footnote) == (
        entity, "Statement by the Embassy of Borduria in Washington, D.C.", 5)
    assert _cited(doc)[1] == [5, 6, 7]
    assert "warnings" not in doc.metadata


def test_a_marked_sentence_under_an_entity_s_name_is_its_statement_s_title(tmp_path):
    """"Republic of Borduria" over "Borduria rejects the so-called elections.5": under an
    entity's name, a marked paragraph is the title, whatever it ends with."""
    pages = sourced_letter(states=STATES)
    body = pages[2][0]
    body[body.index(BORDURIA_TITLE)] = "  Borduria rejects the so-called elections.5 "
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    _assert_aria_and_carpania_keep_theirs(doc)
    assert (doc.statements[1].entity, doc.statements[1].title, doc.statements[1].footnote) == (
        "Republic of Borduria", "Borduria rejects the so-called elections.", 5)
    assert _cited(doc)[1] == [5, 6, 7]


def test_a_title_ending_with_a_stop_over_a_statement_that_carries_no_mark_is_said(tmp_path):
    """"Borduria rejects the so-called elections.5, 6, 7", no entity's name above it, its quote
    unmarked: read as the end of Aria's quote (a sentence), whose marks Aria then cites, though
    it may be Borduria's title; no footnote is left uncited to show which, so it is said."""
    pages = sourced_letter(states=STATES)
    body = pages[2][0]
    title = body.index(BORDURIA_TITLE)
    body[title] = "  Borduria rejects the so-called elections.5, 6, 7 "
    del body[title - 2:title]       # the entity and the gap after it
    for sentence in (1, 2):
        body[body.index(f" Borduria recalls point {sentence} of the agreed format.{5 + sentence} ")] = (
            f" Borduria recalls point {sentence} of the agreed format. ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert [(s.title, s.footnote) for s in doc.statements][1:] == [
        (None, None), ("Statement by the Ministry of Foreign Affairs of Carpania", 8)]
    assert doc.statements[0].quote.endswith("point 2 of the agreed format.\nBorduria rejects the so-called elections.")
    assert _cited(doc) == [[2, 3, 4, 5, 6, 7], [], [8, 9, 10]]
    assert doc.metadata["warnings"] == [
        "statement 2 has no title and carries no footnote mark: the paragraph over its 'Place, date' line, ending "
        "'rejects the so-called elections.5, 6, 7', ends a sentence and is read as the end of the text before it, "
        "not as its title; if it is its title, the footnotes it marks are statement 2's: check both"]


def test_the_osce_pa_s_first_quote_in_two_paragraphs_keeps_its_mark(tmp_path):
    """The example letter's OSCE PA statements (10 and 11) have no title, each marked at its
    quote's end, the second's "Place, date" line right after the first's quote: with that quote
    in two paragraphs, its last, "... of the Helsinki Final Act.10", was statement 11's title,
    statement 10 cited nothing and statement 11 footnotes 10 and 11, and nothing was said."""
    text = LETTER.read_text(encoding="utf-8")
    one = " The OSCEPA firmly supports the work of the OSCE Minsk Group Co-Chairs \n\nand calls upon all OSCE"
    assert text.count(one) == 1
    two = " The OSCEPA firmly supports the work of the OSCE Minsk Group Co-Chairs. \n\n It calls upon all OSCE"
    text = text.replace(one, two)
    doc = parse_letter(split_pages(text), "sha", str(LETTER))
    assert [(s.entity, s.title, s.footnote) for s in doc.statements[9:11]] == [
        ("OSCE Parliamentary Assembly", None, 10), ("OSCE Parliamentary Assembly", None, 11)]
    assert doc.statements[9].quote.split("\n") == [
        "The OSCEPA firmly supports the work of the OSCE Minsk Group Co-Chairs.",
        "It calls upon all OSCE participating States to respect the principles and commitments of the Helsinki "
        "Final Act."]
    assert _cited(doc) == [[number] for number in range(1, 43)]
    assert "warnings" not in doc.metadata


def test_a_title_ending_with_a_stop_over_a_statement_marked_nowhere_else_is_said(tmp_path):
    """The example letter's own printing, one mark a statement: the EU's title ending with a
    stop ("... elections.4") and its "European Union (EU)" heading gone.  Read as the end of the
    European Parliament's quote, footnote 4 was cited by it and the EU's statement cited nothing,
    and nothing was said, as its only mark is on the title."""
    text = LETTER.read_text(encoding="utf-8")
    heading = "  European Union (EU) \n"
    title = "Security Policy on the so-called presidential and parliamentary elections4 \n"
    assert text.count(heading) == 1 and text.count(title) == 1
    text = text.replace(heading, "").replace(title, title.replace("elections4", "elections.4"))
    doc = parse_letter(split_pages(text), "sha", str(LETTER))
    assert [s.footnote for s in doc.statements][2:5] == [3, None, 5]
    assert doc.metadata["warnings"] == [
        "statement 4 has no title and carries no footnote mark: the paragraph over its 'Place, date' line, ending "
        "'the so-called presidential and parliamentary elections.4', ends a sentence and is read as the end of the "
        "text before it, not as its title; if it is its title, the footnotes it marks are statement 4's: check both"]


@pytest.mark.parametrize("title", [
    "EU Statement on the so-called elections in Sylvania.",
    "Official statement of the Ministry of Foreign Affairs of Borduria.",
    "Ministry of Foreign Affairs of Borduria: statement on the elections.",
    "Who is responsible for the so-called elections?",
])
def test_a_title_ending_with_a_stop_over_a_quote_marked_after_it_is_the_title(tmp_path, title):
    """Borduria's title ends a sentence, no entity's name above it, and its quote prints the
    marks after the title's ("format.6", "format.7"): the title is Borduria's.  Read as the end of
    Aria's quote, Aria cited 5 too and quoted the title, and Borduria took its quote's last mark,
    7, as its own, left "format.6" in its quote and footnote 6 cited by no statement."""
    pages = sourced_letter(states=STATES)
    body = pages[2][0]
    at = body.index(BORDURIA_TITLE)
    body[at] = f"  {title}5 "
    del body[at - 2:at]       # the entity and the gap after it
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    _assert_aria_and_carpania_keep_theirs(doc)
    borduria = doc.statements[1]
    assert (borduria.entity, borduria.title, borduria.footnote) == ("Republic of Aria", title, 5)
    assert borduria.quote.split("\n") == [f"Borduria recalls point {n} of the agreed format." for n in (1, 2)]
    assert _cited(doc)[1] == [5, 6, 7]
    assert "warnings" not in doc.metadata


def test_the_first_statement_s_title_ending_with_a_stop_is_its_title(tmp_path):
    """Aria's title "Aria: communique on the so-called elections.2", no entity's name above it:
    no quote comes before it to end, so it is the title.  Read as a sentence, it was lost with
    footnotes 2 and 3, unsaid, and Aria cited 4 alone."""
    pages = sourced_letter(states=STATES)
    body = pages[1][0]
    at = body.index("  Statement by the Ministry of Foreign Affairs of Aria2 ")
    body[at] = "  Aria: communique on the so-called elections.2 "
    del body[at - 2:at]       # the entity and the gap after it
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    aria = doc.statements[0]
    assert (aria.entity, aria.title, aria.footnote, aria.quote) == (
        None, "Aria: communique on the so-called elections.", 2, ARIA_QUOTE)
    assert _cited(doc) == [[2, 3, 4], [5, 6, 7], [8, 9, 10]]
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("annex", [1, 2], ids=["annex-I", "annex-II"])
def test_an_annex_s_first_title_ending_with_a_stop_is_its_title(annex):
    """The League's statement opening annex I or II, numbered from 1, its title ending a
    sentence and no entity's name above it: the annex heading ends the quote before, so the title
    is no quote's end.  Read as one, the statement had no title nor footnote, unsaid (annex I),
    or its printed footnote 1 was said lost (annex II)."""
    pages = [(list(lines), links) for lines, links in ANNEX_PAGES]
    lines = pages[annex][0]
    at = lines.index(f"  {LEAGUE}1 ")
    lines[at] = "  Coastal League: communique on the referendum.1 "
    del lines[at - 2:at]      # the entity and the gap after it
    doc = parse_annexes(pages)
    league = next(s for s in doc.statements if s.part == f"Annex {'I' * annex}")
    assert (league.title, league.footnote, [c.footnote for c in league.citations]) == (
        "Coastal League: communique on the referendum.", 1, [1])
    assert [s.footnote for s in doc.statements] == [1, 2, 1, 2, 3, 1]
    assert "warnings" not in doc.metadata


def test_a_name_ending_the_quote_before_over_a_sentence_is_that_quote_s(tmp_path):
    """Aria's quote ends with a signature, "Ministry of Foreign Affairs of Aria.4", over an
    untitled Borduria marked at its quote's end: the signature and footnote 4 are Aria's.  Read
    again as marks split off a name, it was Borduria's entity, mark and all, and footnote 4 was
    cited by no statement."""
    pages = _pages("apart", "none", "quote")
    aria_body = pages[1][0]
    aria_body[aria_body.index(" Aria recalls point 2 of the agreed format.4 ")] = (
        " Ministry of Foreign Affairs of Aria.4 ")
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    assert doc.statements[0].quote == "Aria recalls point 1 of the agreed format.\nMinistry of Foreign Affairs of Aria."
    assert [(s.entity, s.title, s.footnote) for s in doc.statements][1] == ("Republic of Aria", None, 5)
    assert _cited(doc) == [[2, 3, 4], [5, 6, 7], [8, 9, 10]]
    assert "warnings" not in doc.metadata


def test_a_number_on_the_place_and_date_line_that_the_quote_before_prints_is_no_mark(tmp_path):
    """"Baku, 02.04.2020 3" under Borduria's title marked 5: 3 is a mark Aria's quote prints
    ("format.3"), so Borduria's own is still its title's."""
    pages = sourced_letter(states=STATES)
    body = pages[2][0]
    body[body.index("Borduria City, 02.02.2021 ")] = "Baku, 02.04.2020 3 "
    doc = parse(str(write_letter(tmp_path, pages)), load_config(env={}))
    _assert_aria_and_carpania_keep_theirs(doc)
    assert [(s.title, s.footnote, s.place) for s in doc.statements][1] == (
        "Statement by the Ministry of Foreign Affairs of Borduria", 5, "Baku")
    assert _cited(doc)[1] == [5, 6, 7]
    assert "warnings" not in doc.metadata
