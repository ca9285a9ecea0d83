"""A statement's header: walking back from its "Place, date" line to its title, entity and
section, and the footnote mark they print.

Part of step 3 of reading a letter (letter.py); placement.py reads every statement's header
in document order with this one's _header.  Each "Place, date" line anchors one statement
(a mark may end it, "Brussels, 20.04.2020 5": the statement's own where its title and
entity print none, or where it is below the title's number, "Statement on article 9":
_place_mark).  Walking back from it: a paragraph ending with the next footnote number is
the title (one ending with a name's numbers, "Studio 2 & 3 4, 5", reads its marks after
the space when none is read otherwise, or when the mark read is one the quote before
prints, "G3 5" under "format.3": placement.py _read_header, _quoted_before; with numbers
that do not go up, "G7 5, 6, 7", or a name's number printed again as its mark, "G4 4", the
run that does after a space: marks.py _printed_marks, _goes_up), a short capitalised name
before it the entity ("Côte d'Ivoire" too), a "II. ..." one the section.  A short
heading with lower-case words ("Academic assessment") is the entity where a section or a
quote that ends a sentence is before it; after a quote that ends none it stays that quote's,
said, as is one read over a statement with no title (_plain_heading).  An entity heading that
itself ends with the mark and has no heading above it carries the footnote
without a title (as GUAM's does).  A title whose mark was lost in extraction (a
kind of text, "Statement by ...", under an entity's name, with a number between
the marks before and after unused) is still the title, its footnote said
uncited, not guessed (_titled; placement.py _mark_lost).  A paragraph ending a sentence
before its marks ("... in the agreed format.4") is no title, unless under an entity's name,
beginning with a kind of text ("Statement by ... D.C.4"), over the first statement of the
letter or of an annex numbered anew, or over one whose own mark at its quote's end does
not follow its marks: it ends the quote before, over a statement with no title
(_sentence, placement.py _refuted_sentences); one over a statement that prints no mark is
said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.ingest.marks import (PARAGRAPH_MARK, QUOTE_MARK, _counted_out, _mark_runs, _marks_at_end, _printed_marks,
                                  _strip_mark)
from crawler.ingest.paragraphs import HEADING_END, PLACE_DATE, SECTION, Paragraph, _indent
from crawler.textclean import dictionary_frequency

FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "et", "del", "y", "&"}
# A particle elided before a name's capital ("Côte d'Ivoire", "Union pour l’Europe"): a word of a name (_name_like).
ELIDED = re.compile(r"^[a-z]{1,4}['’][A-Z]")
# Headings are short: a paragraph of more words with lower-case ones is no entity's name (_plain_heading).
PLAIN_HEADING_WORDS = 10
# A paragraph that ends a sentence, its marks taken off ("... and void.", "... “no”", "...).", _ends_quote).
QUOTE_END = re.compile(r"(?:[.!?…。！？؟][”\"’»)\]]*|[”\"»])$")
# First words of a title that names a kind of text rather than who spoke.
TEXT_KINDS = {
    "statement", "joint", "press", "note", "answer", "communique", "communiqué", "declaration",
    "letter", "message", "remarks", "speech", "interview", "briefing", "comment", "comments",
    "reply", "tweet", "post", "address", "appeal", "transcript", "report", "decision", "resolution",
    # The same as a letter translated into French, Spanish, Russian or Arabic begins a title: their
    # words are no English ones, so a title under no heading of its own ("Заявление посольства
    # Австралии в Турции 6") read as a name (_unknown_to_english), its statement's entity.
    "déclaration", "lettre", "discours", "entretien", "réponse", "commentaire", "allocution",
    "declaración", "comunicado", "carta", "nota", "mensaje", "discurso", "entrevista", "respuesta",
    "заявление", "вербальная", "сообщение", "коммюнике", "декларация", "письмо", "нота", "обращение",
    "выступление", "интервью", "комментарий", "ответ", "بيان", "مذكرة", "رسالة", "تصريح", "بلاغ", "كلمة",
}
# Chinese names the kind of text last ("澳大利亚驻土耳其大使馆的声明 6"), in a title of no spaces (_names_kind).
TEXT_KINDS_LAST = re.compile(r"(?:声明|照会|公报|讲话|谈话|新闻稿|致辞|的信)\s*\d*$")


def _mark(paragraph: Paragraph, footnotes: set[int], after: int, split: bool = False) -> int | None:
    """The footnote number ending the paragraph, if it is one still to come: the first of the
    marks it ends with (_printed_marks), or, `split`, of fewer of them after a space, the
    numbers before being the text's (_mark_runs).  Split only for a title that reads no mark
    otherwise (_read_header): "Studio 2 & 3 4, 5" after footnote 3 reads 4, "Studio 2 & 3"
    being a name (read from 2, the statement had no mark, and its title lost the numbers)."""
    runs = _mark_runs(paragraph.flat) if split else [_printed_marks(paragraph.flat)]
    return next((numbers[0] for _, numbers in runs if numbers and numbers[0] in footnotes and numbers[0] > after),
                None)


def _heading_like(text: str) -> bool:
    """Short, capitalised and not ending a sentence: a heading or a short title.  A letter of a
    script without capitals (Arabic, Chinese) begins one as a capital does: "مجلس أوروبا" and
    "欧洲委员会" were read as the end of the quote before."""
    words = text.split()
    return (0 < len(words) <= 12 and (text[0].isupper() or text[0].isalpha() and not text[0].islower())
            and not text.endswith(HEADING_END))


def _name_like(text: str, unknown_words: bool = False) -> bool:
    """An entity's name: a heading whose words are all capitalised, function words or a
    particle elided before a capital ("Côte d'Ivoire": read as no name, it was the end of the
    quote before, and its statement took the entity before's), or, `unknown_words` (over a
    statement quoted in another language than English, `_foreign`), lower-case words English
    lacks (_unknown_to_english: "Assemblée parlementaire de l'OSCE").  Not over an English
    quote: an English letter's quote ending on a short line of Latin or of another language
    ("Pacta sunt servanda", "Viva la revolución") is read as before, a heading maybe, and
    said so.

    "Organization for Security and Cooperation in Europe (OSCE)" is a name;
    "Republic of Moldova confirms its support ..." (a verb) and "Statement of the
    Ministry of Foreign Affairs of Georgia" (a kind of text) are titles.
    """
    words = text.split()
    if not _heading_like(text) or _names_kind(text.lstrip("(")):
        return False
    return all(w.lower() in FUNCTION_WORDS or not w[0].isalpha() or w[0].isupper() or ELIDED.match(w)
               or unknown_words and _unknown_to_english(w) for w in words)


def _foreign(paragraphs: list[Paragraph], anchor: int) -> bool:
    """Whether the statement under the "Place, date" paragraph `anchor` quotes words of another
    language than English (crawler.verdicts `language`; too few words to tell is English): a
    letter translated into French or Russian writes its entities' names with lower-case words
    (`_name_like`), an English one does not."""
    from crawler.verdicts import language

    quote = paragraphs[anchor + 1] if anchor + 1 < len(paragraphs) else None
    return quote is not None and quote.kind == "text" and language(quote.flat) not in (None, "en")


def _names_kind(text: str) -> bool:
    """Whether a title's first word (in Chinese its last) names a kind of text (TEXT_KINDS,
    TEXT_KINDS_LAST) rather than who spoke."""
    words = text.split()
    return bool(words) and (words[0].lower() in TEXT_KINDS or TEXT_KINDS_LAST.search(text) is not None)


def _unknown_to_english(word: str) -> bool:
    """A lower-case word of a name in a language that writes a name's words after the first in
    lower case ("Assemblée parlementaire de l’OSCE", "Парламентская ассамблея ОБСЕ"): one with
    a letter outside ASCII, or one the English list lacks.  Read as no name, such a heading
    over a statement with no title was said as maybe the quote's last line, where English's
    "OSCE Parliamentary Assembly" is read as a name; an English heading's lower-case words
    ("Academic assessment", a quote's "Long live our friendship") are the list's, and stay
    no name's.  Only a word of letters counts, and an ASCII one only if no part of it between
    hyphens and apostrophes is English: a URL, an e-mail address ("www.mfa.gov.az") or an English
    compound ("co-chairs") on a quote's short last line made it a name, and the quote lost it."""
    parts = re.split(r"[-'’]", word.strip(".,;:()«»“”\"'’"))
    return (all(part.isalpha() for part in parts)
            and (not "".join(parts).isascii() or all(dictionary_frequency(part) == 0 for part in parts)))


HEADING = "heading"


def _plain_heading(paragraphs: list[Paragraph], at: int, footnotes: set[int], after: int,
                   below: Paragraph | None = None) -> str | None:
    """Whether the paragraph at `at`, over a statement's title (`below`) or its "Place, date"
    line, is an entity's heading that has lower-case words ("Organisation internationale de la
    Francophonie", "Academic assessment"; _name_like reads those with capitals only): HEADING,
    None, or, where it may be the end of the quote before, why (said over a title:
    _report_plain_headings; it is left to the quote, as before).  Its shape: one line, short,
    capitalised, ending no sentence, printing no mark, naming no kind of text.  A quote's last
    short paragraph can have that shape too ("Long live our friendship", a sign-off "Press
    and information team"), so it is a heading only where what comes before it shows a quote
    ended: a section's heading, or a paragraph that ends a sentence or a quotation, its mark
    taken off (_ends_quote), or a "Place, date" line (one there closes the quote before:
    placement.py _closing_datelines, whose "伊斯坦布尔，2020年3月31日" over "欧洲委员会", read as no quote's
    end, was a statement with the heading as its text, and the next took the entity before); and,
    over a title, where it is not indented as that paragraph is while the title is otherwise
    (_indented_as_quote).  Read as the quote's end, the heading was compared as the quote's words
    (a false "altered"), and its statement took the entity of the one before."""
    paragraph = paragraphs[at] if at >= 1 else None
    if (paragraph is None or paragraph.kind != "text" or len(paragraph.lines) != 1 or not _heading_like(paragraph.flat)
            or len(paragraph.flat.split()) > PLAIN_HEADING_WORDS or _names_kind(paragraph.flat)
            or re.search(r"[.!?;:]\s", paragraph.flat) or _mark(paragraph, footnotes, after)):
        return None
    before = paragraphs[at - 1]
    if before.kind in ("section", "place"):
        return HEADING
    if before.kind != "text":
        return None
    if not _ends_quote(before):
        return "the quote before it ends no sentence"
    if below is not None and _indented_as_quote(paragraph, before, below):
        return "it is indented as the quote before it is, not as the title under it"
    return HEADING


def _indented_as_quote(heading: Paragraph, quote: Paragraph, title: Paragraph) -> bool:
    """Whether a heading over a title begins as indented as the quote before it does, while the
    title does not: the layout of a quote's last short line (a sign-off, a signer's name), not
    of a heading, which is indented as the title is."""
    return _indent(heading.lines[0]) == _indent(quote.lines[0]) != _indent(title.lines[0])


def _ends_quote(paragraph: Paragraph) -> bool:
    """Whether a paragraph ends a sentence or a quotation, its marks taken off (QUOTE_END)."""
    return QUOTE_END.search(_strip_mark(paragraph.flat)) is not None


def _titled(text: str) -> bool:
    """A title whose footnote mark was lost in extraction: a kind of text ("Statement by the
    Embassy of Osterlich") that ends no sentence.  Under an entity's name, it is its
    statement's title, not the end of the quote before (which took the entity and title in,
    and gave the statement the entity before's)."""
    words = text.split()
    return (0 < len(words) <= 30 and text[0].isupper() and _names_kind(text)
            and not text.endswith(HEADING_END))


def _sentence(text: str) -> bool:
    """Whether a marked paragraph over a "Place, date" line, its marks taken off, ends a sentence
    ("... in the agreed format.", a stop, maybe a closing quote or bracket after it) and does not
    begin as a title does ("Statement by the Embassy in Washington, D.C."): the quote's last
    paragraph of the statement before, its marks that one's further sources, over a statement
    with no title (_header).  Read as that statement's title, it took the marks of the statement
    before, and that one cited them no more.  A title that ends with a stop is read so too, until
    its statement's own mark, at its quote's end, shows it a title (_refuted_sentences); where its
    statement carries no mark, that is said (numbering_faults.report_sentences_over_unmarked)."""
    words = text.split()
    return bool(words) and not _names_kind(text) and re.search(r"[.!?。！？؟][”\"’)]*$", text) is not None


@dataclass
class _Header:
    section: str | None = None
    entity: str | None = None
    title: str | None = None
    footnote: int | None = None
    start: int = 0              # index of its first paragraph
    lost: bool = False          # its title's mark read as lost (_titled): kept only on evidence (_mark_lost)
    further: tuple[int, ...] = ()   # the marks printed after its own ("2, 3, 4": _marks_at_end)
    ceded: tuple[int, ...] = ()     # those of its marks the next statement prints as its own (_claimed)
    sentence: bool = False          # the marked paragraph over it read as the text before's end (_sentence)
    on_place: bool = False          # its mark printed on its "Place, date" line (_place_mark)
    unsure: tuple[str, str] | None = None   # a heading-like paragraph over its title left to the quote before, and why
                                            # (_plain_heading)
    untitled: bool = False          # its entity a heading with lower-case words over no title (_plain_heading)


def _header(paragraphs: list[Paragraph], anchor: int, floor: int, footnotes: set[int], after: int,
            split: bool = False, quoted: bool = True) -> _Header:
    """Walk back from a "Place, date" paragraph to its title, entity and section (`split`:
    _mark).  A marked paragraph that ends a sentence, under no heading, is read as the end of
    the quote before (_sentence), only where there is one (`quoted`): over a letter's or a
    restarting annex's first statement it was its title, its marks lost with it, as no quote
    took it in.  Where nothing above it reads a mark, the statement's is the one its "Place,
    date" line may end with (_place_mark); so it is where that one is below the title's and
    no mark of the quote before, the title's number its word: "Statement on article 9" over
    "Borduria City, 02.02.2021 5" took footnote 9, and the statements between were lost."""
    header = _Header(start=anchor)
    place = _place_mark(paragraphs[anchor], footnotes, after)
    j = anchor - 1
    if j >= floor and paragraphs[j].kind == "text":
        mark = _mark(paragraphs[j], footnotes, after, split)
        if mark and place and place < mark and not _quoted_before(paragraphs, floor, j, place):
            mark = None
        text = _strip_mark(paragraphs[j].flat, mark) if mark else paragraphs[j].flat
        above = paragraphs[j - 1] if j - 1 >= floor else None
        # Over a title, a heading is read before the quote's end and indentation are weighed
        # (_plain_heading): only capitals make it a name there, for a quote's short last line may hold
        # lower-case words English lacks ("Pacta sunt servanda", "Assemblée parlementaire"), and read
        # as a name it left the quote and became the next statement's entity.
        above_heading = (above is not None and above.kind == "text" and _name_like(above.flat)
                         and not _mark(above, footnotes, after))
        foreign = _foreign(paragraphs, anchor)
        plain = (_plain_heading(paragraphs, j - 1, footnotes, after, paragraphs[j])
                 if above and not above_heading else None)
        if mark and _name_like(text, foreign) and not above_heading:
            header.entity, header.footnote, header.start = text, mark, j
            j -= 1
        elif mark and quoted and not above_heading and _sentence(text):
            header.sentence = True
        elif mark or ((above_heading or plain == HEADING) and _titled(text)):
            header.title, header.footnote, header.start, header.lost = paragraphs[j].raw, mark, j, not mark
            j -= 1
            if above_heading or plain == HEADING:
                header.entity, header.start = above.flat, j
                j -= 1
            elif plain:
                header.unsure = (above.flat, plain)
        elif _name_like(text, foreign):
            header.entity, header.start = text, j
            j -= 1
        elif _plain_heading(paragraphs, j, footnotes, after) == HEADING:
            header.entity, header.start, header.untitled = text, j, True
            j -= 1
        if header.footnote:
            header.further = tuple(_marks_at_end(paragraphs[anchor - 1].flat, header.footnote)[1:])
    if j >= floor and paragraphs[j].kind == "section":
        header.section = SECTION.match(paragraphs[j].flat).group("name").strip()
        header.start = j
    if header.footnote is None:
        header.footnote = place
        header.on_place = header.footnote is not None
        header.lost = header.lost and not header.on_place
    return header


def _place_mark(place: Paragraph, footnotes: set[int], after: int) -> int | None:
    """The mark a "Place, date" line ends with ("Brussels, 20.04.2020 5", or glued to the
    year, "20.04.20205"), if it is one still to come: the statement's own, where its title
    and entity print none (a statement with no title).  Such a line was no "Place, date"
    line, its statement lost, and the letter refused as one whose statements were lost."""
    found = PLACE_DATE.match(place.flat)
    number = int(found.group("mark")) if found and found.group("mark") else None
    return number if number in footnotes and number > after else None


def _quoted_before(paragraphs: list[Paragraph], floor: int, start: int, mark: int) -> bool:
    """Whether a `mark` read over a "Place, date" line is printed in the quote before the
    header beginning at `start`, glued or ending a paragraph (_printed_quote_marks), from the
    paragraph after the "Place, date" line before (`floor` - 1; none before the first): a
    further source's of the statement before, which a later title cannot have as its own.
    "Statement by the G3 5" under a quote that prints "format.3" and "format.4" read footnote 3
    as its own and 5 as a further one, took footnote 3 from the statement before and left
    "Statement by the G" as its title."""
    quote = [paragraph for paragraph in paragraphs[floor - 1:start] if paragraph.kind == "text"] if floor else []
    return bool(_printed_quote_marks(quote, {mark}))


# Where a mark is printed in a quote: its paragraph, line and column (_unmark_spaced).
_Where = tuple[int, int, int]


def _printed_quote_marks(body: list[Paragraph], quoted: set[int]) -> list[tuple[_Where, set[int]]]:
    """Where the quote prints the marks read in it (`quoted`: glued or ending a paragraph,
    _unmark), each as (paragraph, line, column) and its numbers, for _in_order."""
    printed = []
    for at, paragraph in enumerate(body):
        for row, line in enumerate(paragraph.lines):
            ending = PARAGRAPH_MARK.finditer(line) if row == len(paragraph.lines) - 1 else ()
            for match in [*QUOTE_MARK.finditer(line), *ending]:
                numbers = set(_counted_out(match.group(1)))
                if numbers and numbers <= quoted:
                    printed.append(((at, row, match.start()), numbers))
    return printed
