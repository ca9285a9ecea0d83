"""A compiled letter in another of the UN's languages (French, Spanish, Russian, Arabic, Chinese),
laid out as the English one (tests/data/translated: one letter's frame and twelve statements in each
language, its footnotes' URLs and @handles as printed; Arabic with its datelines "إسطنبول، 31 آذار/مارس
2020", sections "أولا -", "(توقيع)", Chinese with "伊斯坦布尔，2020年3月31日", "一、", "（签名）", "见 URL。").  Read with English words alone, a translation was
refused outright ("Strasbourg, 20 avril 2020" and "Страсбург, 20.04.2020" were no "Place, date"
line), stored with no title, date or author ("Lettre datée du ...", "(Signé)"), without the
"unofficial-translation" flag its footnotes print ("(traduction non officielle)"), and with
"tous les", "de los", "a las" glued into "tousles", "delos", "alas" in its quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.ingest.headers import _name_like
from crawler.ingest.letter import _translated, parse_letter
from crawler.ingest.pages import split_pages
from crawler.textclean import Vocabulary, fix_split_words
from tests.test_ingest_synthetic import GAP, PAGES, letter_text

LETTERS = Path(__file__).parent / "data" / "translated"
TRANSLATIONS = ("fr", "es", "ru", "ar", "zh")
# The languages that write spaces between words (Chinese does not: its own test below).
SPACED = ("fr", "es", "ru", "ar")


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


@pytest.mark.parametrize("language", SPACED)
def test_a_translated_letter_keeps_its_quotes_words_apart(language):
    """Each word of every quote is one the letter prints (a footnote mark taken off its end):
    none made by gluing two of them."""
    doc = _parsed(language)
    words = (LETTERS / f"A-74-855-{language}.txt").read_text(encoding="utf-8").split()
    printed = {re.sub(r"(?<=\D)\d+$", "", word) for word in words}
    glued = [w for s in doc.statements for w in s.quote.split() if w not in printed and "-" not in w]
    assert doc.statements and glued == []


def test_a_chinese_letter_quotes_its_lines_without_a_space_between():
    """Chinese is written without spaces: a quote wrapped over lines is its lines joined as
    printed, with no space where a line broke ("无法律效力 ，不应")."""
    doc = _parsed("zh")
    printed = "".join(line.strip() for line in (LETTERS / "A-74-855-zh.txt").read_text(encoding="utf-8").splitlines())
    assert all(" " not in s.quote and s.quote in printed for s in doc.statements)
    assert all(s.title is None or " " not in s.title for s in doc.statements)


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


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_letter_reads_its_entities_as_the_english_one_without_a_warning(language):
    """"Assemblée parlementaire de l’OSCE", "Парламентская ассамблея ОБСЕ" (French and Russian write
    a name's words after the first in lower case) over a statement with no title are its entity,
    as "OSCE Parliamentary Assembly" is, and no warning calls them maybe the quote's last line
    (as every such heading was); the English letter warns of none either."""
    doc = _parsed(language)
    assert [bool(s.entity) for s in doc.statements] == [bool(s.entity) for s in ENGLISH.statements]
    assert len({s.entity for s in doc.statements}) == len({s.entity for s in ENGLISH.statements})
    assert doc.metadata.get("warnings", []) == ENGLISH.metadata.get("warnings", []) == []


@pytest.mark.parametrize("heading, name", [
    ("Assemblée parlementaire de l’OSCE", True),
    ("Парламентская ассамблея ОБСЕ", True),
    ("Union européenne", True),
    ("OSCE Parliamentary Assembly", True),
    ("Academic assessment", False),             # English lower-case words stay no name's
    ("Long live our friendship", False),
    ("Press and information team", False),
    ("Source: www.mfa.example.org", False),     # a URL, an e-mail address, an English compound are no
    ("Contact: press@mfa.example.org", False),  # name's words
    ("Minsk Group co-chairs", False),
])
def test_a_name_in_lower_case_is_one_where_english_writes_no_such_words(heading, name):
    """Over a statement quoted in another language, a heading's lower-case word is a name's where
    English has no such word (headers.py _unknown_to_english): so a French or Russian name is read
    as the English one is, and an English heading with lower-case words is read as before.  Over
    an English quote only capitals make a name."""
    assert _name_like(heading, unknown_words=True) is name
    assert _name_like(heading) is (heading == "OSCE Parliamentary Assembly")


@pytest.mark.parametrize("printed, label", [
    ("(Traduction non officielle : L’Assemblée soutient (fermement) les travaux du Groupe.)",
     "Traduction non officielle"),
    ("[Traduction non officielle de l’anglais : L’Assemblée soutient les travaux du Groupe.]",
     "Traduction non officielle de l’anglais"),
    ("(Traducción no oficial del inglés: La Asamblea apoya firmemente la labor del Grupo.)",
     "Traducción no oficial del inglés"),
    ("(Неофициальный перевод с английского: Ассамблея твердо поддерживает работу Группы.)",
     "Неофициальный перевод с английского"),
    ("(Перевод: Ассамблея твердо поддерживает работу Группы.)", "Перевод"),
])
def test_a_translation_inside_a_quote_is_kept_apart_in_the_letters_language(printed, label):
    """"(Unofficial translation: …)" as a French, Spanish or Russian letter prints it after the
    original's words: kept apart from the quote, with its label, as the English one is (it was
    read as the quote's words, and the quote compared with the translation in it)."""
    original = "The Assembly strongly supports the work of the Group."
    assert _translated(f"{original}\n{printed}") == (original, [(label, printed[printed.index(":") + 1:-1].strip())])


def test_a_quote_that_speaks_of_a_translation_keeps_its_words():
    """A quote's own "traduction" with a colon, not opening a bracket, is its words."""
    quote = "Il a parlé de la traduction : rien n’a changé."
    assert _translated(quote) == (quote, [])


# The heading over the statement with footnote 6 ("Statement by the Embassy of Australia in Turkey 6").
AUSTRALIA = {"en": "Australia", "fr": "Australie", "es": "Australia", "ru": "Австралия", "ar": "أستراليا",
             "zh": "澳大利亚"}


@pytest.mark.parametrize("language", ("en", *TRANSLATIONS))
def test_a_title_under_no_heading_of_its_own_stays_a_title(language):
    """A statement printed under the quote before with its title alone (the same entity's next
    statement): "Заявление посольства Австралии в Турции 6", "بيان سفارة أستراليا في تركيا 6",
    "澳大利亚驻土耳其大使馆的声明 6" name a kind of text as "Statement by ..." does, and stay its
    title, the entity the one before's; read as names, they were the statement's entity."""
    lines = (LETTERS / f"A-74-855-{language}.txt").read_text(encoding="utf-8").split("\n")
    headless = "\n".join("" if line.strip() == AUSTRALIA[language] else line for line in lines)
    doc = parse_letter(split_pages(headless), "0" * 64, "headless.txt")
    titles = {s.footnote: s.title for s in _parsed(language).statements}
    statements = [s for s in doc.statements if s.footnote in (5, 6)]
    assert [s.footnote for s in statements] == [5, 6]
    assert statements[1].title == titles[6] and statements[1].entity == statements[0].entity


@pytest.mark.parametrize("line", ["Pacta sunt servanda", "Viva la revolución", "Source: www.mfa.example.org"])
def test_an_english_quotes_last_line_with_words_english_lacks_stays_the_quotes(line):
    """A quote's short last line, indented as the quote, over the next statement's title: its
    lower-case words English lacks make no name there (headers.py `_header`), so it stays the
    quote's end and the statement keeps the entity before's, as an English line does."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ") + 1
    lines[at:at] = [GAP, f" {line} "]
    doc = parse_letter(split_pages(letter_text(pages)), "0" * 64, "synthetic.txt")
    embassy, ministry = (s for s in doc.statements if s.footnote in (4, 5))
    assert embassy.quote == f"Osterlich does not recognize the referendum.\n{line}"
    assert ministry.entity == "Republic of Osterlich"


@pytest.mark.parametrize("line", ["Pacta sunt servanda", "Viva la revolución", "Дружба народов"])
def test_an_english_quotes_last_line_over_an_untitled_statement_is_said_as_maybe_the_quotes(line):
    """The same line over a statement with no title (its "Place, date" line right under it) is
    read as its entity, as an English heading in lower case is, and a warning says it may be the
    quote's last line: over an English quote, its words English lacks make no sure name."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ") + 1
    title = lines.index("  Statement by the Ministry of Foreign Affairs of Osterlich5 ")
    lines[title:title + 4] = ["9 February 2021 5", " Osterlich reaffirms its posi tion on the Freedonia-Sylvania conflict. "]
    lines[at:at] = [GAP, f" {line} "]
    doc = parse_letter(split_pages(letter_text(pages)), "0" * 64, "synthetic.txt")
    assert [s.entity for s in doc.statements if s.footnote == 5] == [line]
    assert any(w.startswith(f"'{line}' over statement") for w in doc.metadata.get("warnings", [])), doc.metadata
