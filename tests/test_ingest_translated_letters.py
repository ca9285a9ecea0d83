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


def _inserted(page: int, after: str, new: list[str]):
    """The synthetic letter (tests/test_ingest_synthetic.py) with the `new` lines printed after
    the line `after` of page `page`, as ingest reads it."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[page][0]
    at = lines.index(after) + 1
    lines[at:at] = new
    return parse_letter(split_pages(letter_text(pages)), "0" * 64, "synthetic.txt")


LEAGUE_END = "operation within the agreed format. "
CLOSING = ["Paris, 20 avril 2020", "Geneva, 20 april 2020", "Berlin, 20. April 2020", "Paris, 20 April 2020",
           "Estrasburgo, 20 de abril de 2020", "Москва, 20 апреля 2020 года", "إسطنبول، 20 نيسان/أبريل 2020",
           "伊斯坦布尔，2020年4月20日", "2020年4月20日，伊斯坦布尔"]


@pytest.mark.parametrize("line", CLOSING)
def test_a_statements_own_place_and_date_after_its_text_closes_it(line):
    """A statement reproduced with its own closing place and date after its text ("... within the
    agreed format." over "Paris, 20 avril 2020", then the next section): the line is no statement
    (read as one, it was a statement with no text and no footnote, said nowhere, and it took the
    section "II. Individual States" after it, so the next statement was filed under the section
    before).  It is kept in the document's metadata as the close of the statement above, whose
    quote stays its text alone."""
    doc = _inserted(1, LEAGUE_END, [GAP, f" {line} ", GAP])
    assert [s.footnote for s in doc.statements] == [2, 3, 4, 5, 6]
    league, marsovia = doc.statements[:2]
    assert league.quote == "The League considers the so-called referendum illegitimate and calls for co-operation within " \
                           "the agreed format."
    assert marsovia.section == "Individual States" and marsovia.entity == "Kingdom of Marsovia"
    assert [(d["statement"], d["line"], d["date"]) for d in doc.metadata["closing_datelines"]] == [(1, line, "2020-04-20")]
    assert "warnings" not in doc.metadata


def test_a_closing_place_and_date_over_the_next_title_leaves_that_title_its_own():
    """The closing line right over the next statement's title (the same entity's next statement,
    no heading between): the title and its mark stay that statement's.  Read as a statement, the
    line took the title as its quote and footnote 5 as its mark, and the statement under the title
    had neither.  At the letter's end, the last statement's closing line is no statement either."""
    pages = [(list(lines), links) for lines, links in PAGES]
    at = pages[2][0].index(" Osterlich does not recognize the referendum. ") + 1
    pages[2][0][at:at] = [GAP, " Vienna, 8 February 2021 "]
    pages[3][0][-2:-2] = [GAP, " Tomainia City, 10 February 2021 "]
    doc = parse_letter(split_pages(letter_text(pages)), "0" * 64, "synthetic.txt")
    assert [(s.footnote, s.title) for s in doc.statements[2:]] == [
        (4, "Statement by the Embassy of Osterlich in Freedonia"),
        (5, "Statement by the Ministry of Foreign Affairs of Osterlich"),
        (6, "Statement by the Foreign Office of Tomainia")]
    assert doc.statements[-1].quote == "Tomainia stands with Freedonia."
    assert [(d["statement"], d["place"]) for d in doc.metadata["closing_datelines"]] == [(3, "Vienna"), (5, "Tomainia City")]
    assert "warnings" not in doc.metadata


def test_a_closing_place_and_date_over_a_title_that_names_no_kind_of_text_is_said():
    """Where the paragraph under the line would be read as the next statement's title but names
    no kind of text ("Osterlich stands by its word5"), it may as well be the text of a statement
    with no title that the line begins: the reading is kept and a warning names the line."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ") + 1
    lines[lines.index("  Statement by the Ministry of Foreign Affairs of Osterlich5 ")] = "  Osterlich stands by its word5 "
    lines[at:at] = [GAP, " Vienna, 8 February 2021 "]
    doc = parse_letter(split_pages(letter_text(pages)), "0" * 64, "synthetic.txt")
    assert [s.footnote for s in doc.statements] == [2, 3, 4, 5, 6]
    said = [w for w in doc.metadata["warnings"] if w.startswith("'Vienna, 8 February 2021' on page 3")]
    assert len(said) == 1 and "'Osterlich stands by its word' under it as statement 4's title" in said[0], doc.metadata


def test_a_place_and_date_over_text_of_its_own_still_begins_a_statement():
    """A "Place, date" line after a quote that has text of its own under it (a statement with no
    title, its mark at its text's end) begins that statement, as before: no closing line."""
    doc = _inserted(1, LEAGUE_END, [GAP, " Paris, 20 avril 2020 ", " The League repeats its call for dialogue. ",
                                    GAP])
    assert [(s.place, s.quote) for s in doc.statements[1:2]] == [("Paris", "The League repeats its call for dialogue.")]
    assert "closing_datelines" not in doc.metadata


@pytest.mark.parametrize("point", ["一、中方立场", "أولا - موقفنا", "二、结论", "II. Our position"])
@pytest.mark.parametrize("then", [[], [GAP, " The League will not recognize it. "]])
def test_a_numbered_point_inside_a_quote_stays_the_quotes(point, then):
    """A line of a quote numbered as the UN numbers a section ("一、", "أولا -", "II.": the quoted
    text's own numbered point), at its end or with more text after it, is the quote's: read as a
    section's heading, it was dropped from the quote, and the statement compared without it.  The
    letter's own section after it still heads the next statement."""
    doc = _inserted(1, LEAGUE_END, [GAP, f" {point} ", *then])
    league, marsovia = doc.statements[:2]
    more = "\nThe League will not recognize it." if then else ""
    assert league.quote.endswith(f"within the agreed format.\n{point}{more}")
    assert (league.section, marsovia.section) == ("International organizations", "Individual States")
    assert [s.footnote for s in doc.statements] == [2, 3, 4, 5, 6]


def test_a_chinese_letter_may_print_its_datelines_date_first():
    """"2020年3月31日，伊斯坦布尔" is the Chinese letter's "伊斯坦布尔，2020年3月31日" with the date first, as
    Chinese may write it: every statement reads as with the place first (its place, date and footnote),
    and a quote's line that begins with a date and goes on as a sentence ("2020年3月31日，纳戈尔诺-卡拉巴赫
    举行了...") stays the quote's.  Read as no "Place, date" line, each statement was lost."""
    text = (LETTERS / "A-74-855-zh.txt").read_text(encoding="utf-8")
    swapped, count = re.subn(r"^([\u4e00-\u9fff]{2,12})，(\d{4}年\d{1,2}月\d{1,2}日)(\s*\d{0,3}\s*)$", r"\2，\1\3", text,
                             flags=re.MULTILINE)
    assert count == len(_parsed("zh").statements)
    doc = parse_letter(split_pages(swapped), "0" * 64, "date-first.txt")
    assert ([(s.place, s.date, s.footnote, s.quote) for s in doc.statements]
            == [(s.place, s.date, s.footnote, s.quote) for s in _parsed("zh").statements])


@pytest.mark.parametrize("language, quote_end, line", [
    ("zh", "议会选举”，这种选举公然违反国际法准则和原则。 \n", "伊斯坦布尔，2020年3月31日"),
    ("zh", "议会选举”，这种选举公然违反国际法准则和原则。 \n", "2020年3月31日，伊斯坦布尔"),
    ("ar", "انتهاكا صارخا لقواعد القانون الدولي ومبادئه. \n", "إسطنبول، 31 آذار/مارس 2020")],
    ids=["Chinese", "Chinese date first", "Arabic"])
def test_a_closing_place_and_date_over_an_entity_heading_without_capitals_closes_the_quote(language, quote_end, line):
    """A Chinese or Arabic letter's statement with its own place and date after its text, over the
    next statement's entity heading ("欧洲委员会", "مجلس أوروبا": no capitals, so no name but as a
    heading after a quote's end): the line closes the statement before, and the heading is the next
    one's entity.  Read as no quote's end, the line was a statement whose text was the heading, with
    no footnote, and the next statement took the entity before, said nowhere."""
    text = (LETTERS / f"A-74-855-{language}.txt").read_text(encoding="utf-8")
    assert text.count(quote_end) == 1
    doc = parse_letter(split_pages(text.replace(quote_end, f"{quote_end}\n{line} \n")), "0" * 64, "closed.txt")
    assert ([(s.footnote, s.entity, s.title) for s in doc.statements]
            == [(s.footnote, s.entity, s.title) for s in _parsed(language).statements])
    assert [(d["statement"], d["line"]) for d in doc.metadata["closing_datelines"]] == [(1, line)]
    assert doc.metadata.get("warnings") == _parsed(language).metadata.get("warnings")


def test_a_name_under_a_closing_place_and_date_indented_as_the_quote_is_said():
    """A quote's own last lines, its place and date and then its signer ("Vienna, 8 February 2021"
    over "Hans Gruber", indented as the quote's text, not as the title under it): the name is read
    as the next statement's entity, as a heading would be, and a warning names it, for the
    statement may be filed under the signer's name.  An entity heading indented as titles are is
    not said (test_a_statements_own_place_and_date_after_its_text_closes_it)."""
    doc = _inserted(2, " Osterlich does not recognize the referendum. ",
                    [GAP, " Vienna, 8 February 2021 ", GAP, " Hans Gruber ", GAP])
    assert [s.footnote for s in doc.statements] == [2, 3, 4, 5, 6]
    said = [w for w in doc.metadata.get("warnings", []) if w.startswith("'Vienna, 8 February 2021' on page 3")]
    assert len(said) == 1 and "'Hans Gruber' under it as statement 4's entity" in said[0], doc.metadata


@pytest.mark.parametrize("between, warned", [
    (["The following States issued statements: ", " "], True),     # keeps the section from the header
    ([], False),                                                     # the section heads the next statement
], ids=["a line between the section and the entity", "the section right over the entity"])
def test_a_next_section_read_into_the_quote_before_is_said(between, warned):
    """"II. Individual States" after "I. International organizations", with a line between it and the
    next entity that no header reads, is read into the quote before as its numbered point (the next
    statements keep section I): said, naming the line, as a quote's own points begin at one.  Right
    over the entity, it heads the next statement, and nothing is said."""
    doc = _inserted(1, " II. Individual States ", [" ", *between])
    said = [w for w in doc.metadata.get("warnings", []) if "numbers on from the section before" in w]
    assert said == ([("'II. Individual States' on page 2, inside statement 1's quote, is read as the quote's numbered "
                      "point, though it numbers on from the section before; if it heads the statements after it, check "
                      "statement 1's quote and the next statements' section")] if warned else [])
    assert (doc.statements[1].section == "Individual States") is not warned


def test_a_quotes_own_numbered_points_are_not_said():
    """A quote's numbered points begin at one ("I.", "II."): no next section's, nothing said."""
    doc = _inserted(1, LEAGUE_END, [GAP, " I. Our position ", "The League will not recognize it.",
                                     " II. Our demands ", "Withdraw."])
    assert "numbered point" not in " ".join(doc.metadata.get("warnings", []))
    assert doc.statements[0].quote.endswith("I. Our position\nThe League will not recognize it.\nII. Our demands\nWithdraw.")


@pytest.mark.parametrize("place", ["Łódź", "Šiauliai", "Žilina", "Čadca", "Ústí nad Labem"])
def test_a_place_beginning_with_a_central_european_capital_dates_its_statement(place):
    """"Łódź, 07.02.2021" is a "Place, date" line as "Vilnius, 07.02.2021" is: read with the
    capitals A-Z and À-Þ alone, its statement was lost into the quote before."""
    text = letter_text(PAGES)
    assert text.count("\nMarsovia City, 07.02.2021") == 1   # the dateline, not the footnote's
    doc = parse_letter(split_pages(text.replace("\nMarsovia City, 07.02.2021", f"\n{place}, 07.02.2021")), "0" * 64,
                       "x.txt")
    assert [(s.place, s.date) for s in doc.statements][1] == (place, "2021-02-07")
    assert len(doc.statements) == len(parse_letter(split_pages(text), "0" * 64, "x.txt").statements)
