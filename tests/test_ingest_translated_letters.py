"""A compiled letter in another of the UN's languages (French, Spanish, Russian), laid out as the
English one (tests/data/translated: one letter's frame and twelve statements in each language,
its footnotes' URLs and @handles as printed).  Read with English words alone, a translation was
refused outright ("Strasbourg, 20 avril 2020" and "Страсбург, 20.04.2020" were no "Place, date"
line), stored with no title, date or author ("Lettre datée du ...", "(Signé)"), without the
"unofficial-translation" flag its footnotes print ("(traduction non officielle)"), and with
"tous les", "de los", "a las" glued into "tousles", "delos", "alas" in its quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from crawler.textclean import Vocabulary, fix_split_words

LETTERS = Path(__file__).parent / "data" / "translated"
TRANSLATIONS = ("fr", "es", "ru")


def _parsed(language: str):
    """The letter in `language` as ingest reads it."""
    path = LETTERS / f"A-74-855-{language}.txt"
    return parse_letter(split_pages(path.read_text(encoding="utf-8")), "0" * 64, str(path))


ENGLISH = _parsed("en")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_letter_reads_as_the_english_one(language):
    """Every statement found, with the English letter's footnote, date and section number of
    statements, and each citation of the English one's kind, URL, handle and flags."""
    doc = _parsed(language)
    assert [(s.footnote, s.date) for s in doc.statements] == [(s.footnote, s.date) for s in ENGLISH.statements]
    assert all(s.place and s.entity and s.section and s.quote for s in doc.statements)
    assert len({s.section for s in doc.statements}) == len({s.section for s in ENGLISH.statements})
    assert ([(c.kind, c.url, c.handle, c.flags) for c in doc.citations]
            == [(c.kind, c.url, c.handle, c.flags) for c in ENGLISH.citations])


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_covering_letter_gives_its_title_date_and_author(language):
    """"Lettre datée du 13 mai 2020 ...", "Carta de fecha 13 de mayo de 2020 ...", "Письмо ...
    от 13 мая 2020 года ...": the title as printed, the English letter's date, and the name
    after "(Signé)", "(Firmado)", "(Подпись)"."""
    doc = _parsed(language)
    text = (LETTERS / f"A-74-855-{language}.txt").read_text(encoding="utf-8")
    assert doc.title and doc.title.split()[0] in text.split("\n")[0]
    assert doc.date == ENGLISH.date
    assert doc.author and doc.author in text


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_letter_keeps_its_quotes_words_apart(language):
    """Each word of every quote is one the letter prints (a footnote mark taken off its end):
    none made by gluing two of them."""
    doc = _parsed(language)
    words = (LETTERS / f"A-74-855-{language}.txt").read_text(encoding="utf-8").split()
    printed = {re.sub(r"(?<=\D)\d+$", "", word) for word in words}
    glued = [w for s in doc.statements for w in s.quote.split() if w not in printed and "-" not in w]
    assert doc.statements and glued == []


@pytest.mark.parametrize("text, apart", [
    ("L’Assemblée invite tous les États participants à respecter les principes et engagements de l’Acte final "
     "d’Helsinki, et les coprésidents du Groupe de Minsk.", "tous les"),
    ("Con respecto a las elecciones generales que tuvieron lugar hoy, la Organización no acepta que los "
     "resultados de esas elecciones afecten al estatuto jurídico de la región.", "a las"),
])
def test_the_english_list_glues_no_words_of_another_language(text, apart):
    """"tousles" and "alas" are in the English list; "les" and "las" are not: in a French or
    Spanish document the list would glue them.  An English document's split word still closes."""
    assert apart in fix_split_words(text, Vocabulary(text))
    english = "The Chinese side hopes the relevant parties will resolve disputes through politica l dialogue and uphold peace."
    assert "political dialogue" in fix_split_words(english, Vocabulary(english))
