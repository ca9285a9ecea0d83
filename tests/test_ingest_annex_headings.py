"""The annex headings a part begins at, however a document prints them (crawler/ingest/parts.py).

The letter of tests/test_ingest_annexes.py, its three annex headings written in capitals, numbered
by numbers or letters, or in French, Spanish or Russian: each annex is a part as before, named
"Annex" and its number as printed.  A quote line that begins with such a word and number but
goes on as prose is no heading, in every form, nor is a heading that a quote introduces with
a colon (a protocol's "Annex I", quoted), unless only headings follow it up to a statement's
"Place, date" line (the letter's "Annex II" after a quote ending "... the following:") and the
letter prints no other annex heading of its label.
"""

from __future__ import annotations

import pytest

from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from crawler.ingest.parts import annex_label
from crawler.ingest.pdf import read_pdf
from tests.conftest import LETTER
from tests.test_ingest_annexes import EXPECTED, PAGES
from tests.test_ingest_further_footnotes import sourced_letter
from tests.test_ingest_synthetic import GAP, letter_pdf, letter_text
from tests.test_ingest_synthetic import PAGES as NUMBERED_ONCE

HEADINGS = ["Annex I ", "Annex II ",
            "Annex III to the letter dated 2 March 2021 from the Permanent Representative of Freedonia "]

# (the three headings as printed, the three parts' names)
FORMS = {
    "capitals": (["ANNEX I ", "ANNEX II ", "ANNEX III TO THE LETTER DATED 2 MARCH 2021 FROM THE PERMANENT "
                  "REPRESENTATIVE OF FREEDONIA "], ["Annex I", "Annex II", "Annex III"]),
    "numbers": (["Annex 1 ", "Annex 2 ", "Annex 3 to the letter dated 2 March 2021 "],
                ["Annex 1", "Annex 2", "Annex 3"]),
    "letters": (["Annex A ", "  Annex  B ", "ANNEX C to the identical letters dated 2 March 2021 "],
                ["Annex A", "Annex B", "Annex C"]),
    "French": (["Annexe I ", "ANNEXE II ", "Annexe III à la lettre datée du 2 mars 2021 adressée au Secrétaire "
                "général par le Représentant permanent de la Freedonia "], ["Annex I", "Annex II", "Annex III"]),
    "Spanish": (["Anexo I ", "ANEXO II ", "Anexo III de la carta de fecha 2 de marzo de 2021 dirigida al "
                 "Secretario General por el Representante Permanente de Freedonia "],
                ["Annex I", "Annex II", "Annex III"]),
    "Russian": (["Приложение I ", "ПРИЛОЖЕНИЕ II ", "Приложение III к письму Постоянного представителя Фридонии "
                 "от 2 марта 2021 года на имя Генерального секретаря "], ["Annex I", "Annex II", "Annex III"]),
    # A Russian document letters its annexes in its own alphabet: А, Б, В (the number kept as printed).
    "Russian letters": (["Приложение А ", "ПРИЛОЖЕНИЕ Б ", "Приложение В к письму Постоянного представителя "
                         "Фридонии от 2 марта 2021 года на имя Генерального секретаря "],
                        ["Annex А", "Annex Б", "Annex В"]),
    # Arabic numbers an annex by an ordinal word after the word, Chinese by a numeral glued to it: each
    # named as the UN's English version of the letter numbers it.
    "Arabic": (["المرفق الأول ", "المرفق الثاني ", "المرفق الثالث للرسالة المؤرخة 2 آذار/مارس 2021 الموجهة إلى "
                "الأمين العام من الممثل الدائم لفريدونيا "], ["Annex I", "Annex II", "Annex III"]),
    "Chinese": (["附件一 ", "附件二 ", "附件三 "], ["Annex I", "Annex II", "Annex III"]),
    "Chinese digits": (["附件1 ", "附件 2 ", "附件3 "], ["Annex 1", "Annex 2", "Annex 3"]),
}


def headed(printed: list[str]) -> list:
    """The annexes letter with its three annex headings (pages 2, 3 and 5) printed so."""
    pages = [(list(lines), links) for lines, links in PAGES]
    for at, old, new in zip((1, 2, 4), HEADINGS, printed):
        lines = pages[at][0]
        lines[lines.index(old)] = new
    return pages


@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
def test_each_form_of_annex_heading_begins_a_part_named_annex_and_its_number(form):
    printed, names = FORMS[form]
    doc = parse_letter(split_pages(letter_text(headed(printed))), "sha", "annexes.txt")
    named = dict(zip(["Annex I", "Annex II", "Annex III"], names))
    assert [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements] == [
        (named[part], number, seq, url) for part, number, seq, url in EXPECTED]
    assert [s.citation.part for s in doc.statements] == [named[row[0]] for row in EXPECTED]
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("form", ["capitals", "letters"])
def test_annex_headings_in_capitals_or_letters_begin_their_parts_in_a_pdf(form):
    printed, names = FORMS[form]
    doc = parse_letter(read_pdf(letter_pdf(headed(printed))), "sha", "annexes.pdf")
    assert [(s.part, s.footnote) for s in doc.statements] == [
        (names[0], 1), (names[0], 2), (names[1], 1), (names[1], 2), (names[1], 3), (names[2], 1)]


def test_a_heading_in_capitals_gives_the_annex_title():
    """The seed letter's annex printed "ANNEX TO THE LETTER ...": the paragraph after it is the
    annex's title, as after "Annex to the letter ..."; no part begins there."""
    text = LETTER.read_text(encoding="utf-8")
    assert text.count("   Annex to the letter dated 13 May 2020") == 1
    doc = parse_letter(split_pages(text.replace("   Annex to the letter dated 13 May 2020",
                                                "   ANNEX TO THE LETTER DATED 13 MAY 2020")), "sha", "seed.txt")
    assert doc.metadata["annex_title"].startswith("Position of the international community with regard to the")
    assert [s.part for s in doc.statements] == [None] * 42


PROSE = ["ANNEX II TO THE MINSK AGREEMENTS, and it calls for talks. ",
         "Annex A of the treaty provides that it calls for talks. ",
         "Annex 2 to the Minsk agreements, and it calls for talks. ",
         "Annexe II aux accords de Minsk, et elle appelle au dialogue. ",
         "Anexo II del Protocolo de Minsk, y pide negociaciones. ",
         "Приложение II к Минским соглашениям, и призывает к переговорам. ",
         "Приложение Б к Минским соглашениям, и призывает к переговорам. ",
         "المرفق الثاني لاتفاقات مينسك يدعو إلى الحوار. ",
         "附件二所列的措施仍然有效。 "]


@pytest.mark.parametrize("line", PROSE, ids=["capitals", "letter", "number", "French", "Spanish", "Russian",
                                             "Russian letter", "Arabic", "Chinese"])
def test_a_quote_paragraph_beginning_with_an_annex_word_is_no_heading(line):
    """In a letter numbered once, a quote paragraph of its own (after a gap) that begins with
    an annex word and number but goes on as prose is quote text: a heading would end the
    quote at "contrary to"."""
    pages = [(list(lines), links) for lines, links in NUMBERED_ONCE]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ")
    lines[at:at + 1] = [" Osterlich does not recognize the referendum, contrary to ", GAP, line]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "once.txt")
    assert [s.quote for s in doc.statements if s.footnote == 4] == [
        f"Osterlich does not recognize the referendum, contrary to\n{line.strip()}"]
    assert [s.part for s in doc.statements] == [None] * len(doc.statements)


@pytest.mark.parametrize("line", ["Annex to the letter dated 2 March 2021", "Annexed hereto", "Annex IIb",
                                  "Annex 2021", "Annex AB", "annex ii", "Annexes I and II",
                                  "annex II to the letter dated 15 April 2020", "anexo II de la carta de fecha",
                                  "Приложение АБ", "приложение Б", "附件", "附件十一", "附件一至三", "مرفق الرسالة المؤرخة",
                                  "المرفق الثاني عشر", "的信的附件一"])
def test_a_line_naming_no_annex_by_its_number_is_no_heading(line):
    assert annex_label(line) is None


def test_a_quote_line_wrapped_at_a_page_s_top_beginning_annex_in_lower_case_is_no_heading():
    """Marsovia's quote goes on over a page break with "annex II to the letter dated ..." (a
    sentence's annex): a line at a page's top may be a heading, but one in lower case is
    none; read as one, it cut the quote at the page's end, said nowhere."""
    pages = [(list(lines), links) for lines, links in NUMBERED_ONCE]
    two, three = pages[1][0], pages[2][0]
    two[two.index(" The Ministry of Foreign Affairs of Marsovia does not recognize the govern ment ")] = \
        " The Ministry of Foreign Affairs of Marsovia recalls its position set out in "
    at = three.index("set up in Sylvania and supports the territorial integrity of Freedonia -")
    three[at:at] = ["annex II to the letter dated 15 April 2020 from the Permanent Representative, and ",
                    "does not recognize the government "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "once.txt")
    assert [s.quote for s in doc.statements if s.footnote == 3] == [
        "The Ministry of Foreign Affairs of Marsovia recalls its position set out in annex II to the letter dated "
        "15 April 2020 from the Permanent Representative, and does not recognize the government set up in Sylvania "
        "and supports the territorial integrity of Freedonia-Sylvania in its recognized borders."]


@pytest.mark.parametrize("heading", ["Annex I ", "ANNEX 2 ", "Приложение Б "])
def test_an_annex_heading_a_quote_introduces_with_a_colon_is_quote_text(heading):
    """A statement quoting a protocol's annex: "... the Protocol, which reads:" over "Annex I"
    and its text.  Read as the letter's heading, it ended the quote there, and the protocol's
    text was said nowhere."""
    pages = [(list(lines), links) for lines, links in NUMBERED_ONCE]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ")
    lines[at:at + 1] = [" Osterlich recalls the Protocol, which reads: ", GAP, heading, GAP,
                        " The parties agree to a ceasefire. "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "once.txt")
    assert [s.quote for s in doc.statements if s.footnote == 4] == [
        f"Osterlich recalls the Protocol, which reads:\n{heading.strip()}\nThe parties agree to a ceasefire."]
    assert [s.part for s in doc.statements] == [None] * 5


def test_an_annex_heading_quoted_in_an_annex_begins_no_part():
    """Annex II's Osterlich quotes a protocol's "Annex III" before the letter's own annex III:
    read as a heading, annex II's Tomainia was put in a part "Annex III", and the letter's
    own "Annex III" refused as a part named twice."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the outcome. ")
    lines[at:at + 1] = [" Osterlich does not recognize the outcome and recalls the Protocol: ", GAP, "Annex III ", GAP,
                        " The parties agree to a ceasefire. "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "annexes.txt")
    assert [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements] == EXPECTED
    assert doc.statements[3].quote == ("Osterlich does not recognize the outcome and recalls the Protocol:\nAnnex III\n"
                                       "The parties agree to a ceasefire.")


@pytest.mark.parametrize("heading", ["Annex II ", "ANNEX II "])
def test_a_letter_s_annex_heading_after_a_quote_ending_with_a_colon_begins_its_part(heading):
    """Annex I's last quote ends "... the following:" over annex II's heading, at the next page's
    top, then its title, an entity, a statement's title and its "Place, date" line: headings
    only, so the heading is the letter's.  Read as quoted, annex II began no part, its
    statements were paired with annex I's footnotes of their numbers, and the quote took in
    annex II's heading and title.  A quote may also end with the heading it introduces: said,
    naming the statement."""
    pages = headed(["Annex I ", heading, HEADINGS[2]])
    lines = pages[1][0]
    at = lines.index(" Marsovia does not recognize the referendum. ")
    lines[at] = " Marsovia does not recognize the referendum and recalls the following: "
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "annexes.txt")
    assert [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements] == EXPECTED
    assert doc.statements[1].quote == "Marsovia does not recognize the referendum and recalls the following:"
    assert doc.metadata["warnings"] == [
        f"'{heading.strip()}' on page 3, after statement 2's quote ending with ':', is read as the letter's annex "
        "heading (only headings follow it); if the quote quotes it, the quote lost it: check statement 2's quote"]


def test_a_quoted_annex_heading_followed_by_its_own_title_is_still_quote_text():
    """A quoted heading, its title (a heading too) and then the quoted text, which ends a
    sentence before the next "Place, date" line: quote text, as a heading alone over text is."""
    pages = [(list(lines), links) for lines, links in NUMBERED_ONCE]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ")
    lines[at:at + 1] = [" Osterlich recalls the Protocol, which reads: ", GAP, "Annex I ", GAP,
                        " Modalities of the ceasefire ", GAP, " The parties agree to a ceasefire. "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "once.txt")
    assert [s.quote for s in doc.statements if s.footnote == 4] == [
        "Osterlich recalls the Protocol, which reads:\nAnnex I\nModalities of the ceasefire\n"
        "The parties agree to a ceasefire."]


@pytest.mark.parametrize("heading", ["Annex III ", "Annex I "])
def test_a_quote_ending_with_an_annex_heading_the_letter_prints_too_keeps_it(heading):
    """Annex II's League quote ends "... recalls the Protocol:" over the protocol's "Annex III"
    (or "Annex I"), then Osterlich's entity and title: headings only up to its "Place, date"
    line, but the letter prints an annex heading of that label too, so this one is quoted.
    Read as the letter's, "Annex III" was a second annex III, and the letter refused as two
    documents joined; "Annex I" was taken off the quote."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[2][0]
    at = lines.index(" The League reaffirms that the so-called referendum is illegitimate. ")
    lines[at:at + 1] = [" The League reaffirms that the so-called referendum is illegitimate and recalls the "
                        "Protocol: ", GAP, heading]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "annexes.txt")
    assert [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements] == EXPECTED
    assert doc.statements[2].quote == ("The League reaffirms that the so-called referendum is illegitimate and recalls "
                                       f"the Protocol:\n{heading.strip()}")
    assert "warnings" not in doc.metadata


def test_a_quote_ending_with_an_annex_heading_read_as_the_letter_s_is_said():
    """Osterlich's quote ends "... which reads:" over a protocol's "Annex I", then the next
    statement's title: headings only, and no other annex heading, so "Annex I" is read as the
    letter's, and the quote ends at the colon.  Nothing tells the two apart: said, naming the
    statement (read so, the quote once lost "Annex I" silently)."""
    pages = [(list(lines), links) for lines, links in NUMBERED_ONCE]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ")
    lines[at:at + 1] = [" Osterlich recalls the Protocol, which reads: ", GAP, "Annex I "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "once.txt")
    assert [s.quote for s in doc.statements if s.footnote == 4] == ["Osterlich recalls the Protocol, which reads:"]
    assert doc.metadata["warnings"] == [
        "'Annex I' on page 3, after statement 3's quote ending with ':', is read as the letter's annex heading "
        "(only headings follow it); if the quote quotes it, the quote lost it: check statement 3's quote"]


@pytest.mark.parametrize("colon", ["reads:", "reads:4"], ids=["colon", "marked colon"])
@pytest.mark.parametrize("gap", [False, True], ids=["right under", "after a gap"])
def test_a_quoted_annex_heading_at_a_page_s_foot_joins_no_line_of_the_next_page(gap, colon):
    """Aria's quote ends "... which reads:" over "Annex I" at the foot of its page, Borduria's
    entity heading at the top of the next.  The heading line is a paragraph of its own, never
    joined with the next page's first line (it was: "Annex I Republic of Borduria", Borduria's
    entity, the heading lost from the quote with no word said, and the letter's annex title
    Borduria's title).  Then the rules for a heading after a colon decide: right under the
    line, no heading, the quote's; after a gap, only headings following, the letter's, said,
    also where the colon carries the quote's last mark ("reads:4": read as no colon, unsaid)."""
    pages = sourced_letter()
    lines = pages[1][0]
    at = lines.index(" Aria recalls point 2 of the agreed format.4 ")
    lines[at:at + 1] = [f" Aria recalls point 2 of the agreed format{'.' if colon.endswith('4') else '.4'} ",
                        f" Aria recalls the protocol, which {colon} ", *([GAP] if gap else []), "  Annex I "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "protocol.txt")
    aria, borduria = doc.statements[:2]
    assert aria.quote.endswith("which reads:" if gap else "which reads:\nAnnex I")
    assert borduria.entity == "Republic of Borduria"
    assert [c.footnote for c in aria.citations] == [2, 3, 4]
    assert "annex_title" not in doc.metadata
    assert doc.metadata.get("warnings", []) == ([
        "'Annex I' on page 2, after statement 1's quote ending with ':', is read as the letter's annex heading "
        "(only headings follow it); if the quote quotes it, the quote lost it: check statement 1's quote"]
        if gap else [])
