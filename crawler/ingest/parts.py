"""Footnote numbering that starts again in each annex: annex I's footnotes 1-20, annex II's 1-15.

A footnote number then names a footnote within its part only.  A part begins at an
annex heading, a body line "Annex II" (or "Annex II to the letter dated ...") after a gap, where the
footnote numbering starts again; the heading may be in capitals ("ANNEX II"), number its annex
"2" or "B" (or "Б"), and be French, Spanish or Russian ("Annexe II à la lettre ...", "Anexo II de la
carta ...", "Приложение II к письму ..."), never in lower case, or Arabic or Chinese ("المرفق الثاني",
"附件二", named "Annex II"); a line that goes on otherwise
("Annex II to the Minsk agreements sets out ...") is prose: the number that starts again is the
mark of the first statement after the heading (`Heading.opens`), on a page from the heading's
on, before a footnote from a page after that mark's (`Heading.marked`) has passed it
(take_apart.py `_read_footnotes`).  Numbering that
starts again anywhere else (documents joined into one, numbers garbled) is refused, as
before: a statement's mark "3" would name two footnotes; so is an annex whose first
footnote was lost in extraction (its heading passed, a footnote line on a later page read
or the notes ended after one on its page, with no footnote starting again at its first
statement's mark: numbering_faults.py `refuse_unopened_annexes`), whose other footnotes would be
read as the part before's, and a statement whose footnote starts on a page after the annex
heading that follows it, a later annex's footnote read as its number (a footnote is printed
on its mark's page: `_refuse_footnotes_past_the_next_annex`).  Refused too is numbering
that starts again at a heading naming a part already read (a second "Annex I": documents
joined into one), as (part, number) would name two footnotes.

A part is named by the heading it began at, "Annex II" whatever its language or case
(annex_label); the numbering that began before any such heading has no name (None), as
has every footnote of a document numbered once, whose rows are what they were before
parts were read.  Once numbering starts again at one heading, every heading whose first
statement's footnote is read begins a part, where numbering goes on too (unless a part of
its name was read: its numbers would name that part's footnotes too): annex III's
footnotes 4-6 after annex II's 1-3 are "4 of Annex III", where a reader finds them, not
"of Annex II" (the numbering's), nor bare numbers (their seq, 6-8 after annex I's 1-2,
is printed nowhere).  A statement belongs to the part of the last heading before it that
began one, and is paired with the footnote of its number in that part.  Its citation's
`seq` is the footnote's place in the document: its number plus the last number before
each place numbering started again, added up (annex II's footnote 1 after annex I's 20
is 21; annex III's 1 after annex II's 15 is 36, and so is annex III's 16 going on from
annex II's 15), unique in the document; `statements.footnote` keeps the
number as printed and `part` (statements and citations) names the part.
Every stage names such a footnote "1 of Annex II" (crawler/numbering.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.numbering import spans

# The word "annex" in the UN's official languages that write it in Latin or Cyrillic letters
# (English, French "Annexe", Spanish "Anexo", Russian), capitalised or in capitals (UN PDFs
# often print headings so: "ANNEX II"), never in lower case: that is a sentence's "annex II
# to the letter dated ...", a quote's line wrapped at a page's top, not a heading.
ANNEX_WORD = r"(?:Annexe?|ANNEXE?|Anexo|ANEXO|Приложение|ПРИЛОЖЕНИЕ)"
# What an annex is numbered by, as printed: a Roman numeral, a number or a single capital letter,
# Latin or Cyrillic (a Russian document letters its annexes А, Б, В).
DESIGNATOR = r"(?P<designator>[IVXLC]+|\d{1,2}|[A-Z]|[А-ЯЁ])"
# What may follow the number in a heading: "to the letter dated ...", "à la lettre datée du ...",
# "de la carta de fecha ...", "к письму ... от ...", and their identical letters and notes verbales.
ADDRESSED = (r"(?i:to\s+the\s+(?:present\s+)?(?:identical\s+)?(?:letters?|note)"
             r"|(?:à\s+la\s+(?:présente\s+)?|aux\s+)(?:lettres?|note)"
             r"|de\s+(?:la|las)\s+(?:presente\s+)?(?:cartas?|nota)"
             r"|к\s+(?:(?:идентичным\s+)?письм(?:у|ам)|вербальной\s+ноте))")
# The UN's Arabic and Chinese number an annex by an ordinal word after the word, "المرفق الثاني" (maybe
# "... للرسالة المؤرخة ...", to the letter dated), or by a numeral glued to it, "附件二": read with the Latin
# and Cyrillic words alone, such a letter's annex headings began no part, and its footnotes numbered
# anew in each annex were refused as two documents joined (annex_label names them).
ARABIC_ANNEX_ORDINALS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر")
CHINESE_NUMERALS = "一二三四五六七八九十"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
NUMBERED_IN_WORDS = (rf"المرفق\s+(?P<ordinal>{'|'.join(ARABIC_ANNEX_ORDINALS)})(?:\s+(?:للرسالت?(?:ة|ين)|للمذكرة)\s.*)?"
                     rf"|附件\s?(?P<numeral>[{CHINESE_NUMERALS}]|\d{{1,2}})")
ANNEX = re.compile(rf"^\s*(?:{ANNEX_WORD}\s+{DESIGNATOR}(?:\s+{ADDRESSED}\b.*)?|{NUMBERED_IN_WORDS})\s*$")
# A paragraph that begins with the word, heading or not (the covering letter's "Annex to the letter ...");
# in Arabic, "مرفق الرسالة ..."; Chinese names it last, "...的信的附件".
BEGINS_ANNEX = re.compile(rf"^\s*(?:{ANNEX_WORD}|مرفق|المرفق)\b|的附件\s*$")


@dataclass
class Heading:
    """An annex heading in the body: where a part may begin."""

    label: str          # "Annex II"
    paragraph: int      # its paragraph's index
    page: int
    opens: int | None = None    # the mark of the first statement after it, before the next heading
    then: int | None = None     # the mark of the statement after that one, before the next heading
    marks: tuple[int, ...] = ()  # the marks of all its statements, before the next heading
    marked: int = 0             # the page its first statement's mark is printed on (that footnote's page)


def annex_label(line: str) -> str | None:
    """The part an annex heading line names, "Annex II" (None for any other line).

    The number is kept as printed ("Annex 2", "Annex B"), for a reader to find it in the
    document; the word is "Annex" whatever the document's language or case ("ANNEX II",
    "Annexe II", "Приложение II"), as every stage names a footnote in English ("1 of
    Annex II", crawler/numbering.py) and one annex must read the same in every report.
    """
    heading = ANNEX.match(line)
    return f"Annex {_designator(heading)}" if heading else None


def _designator(heading: re.Match) -> str:
    """The annex's number as printed, but an Arabic ordinal word or a Chinese numeral as the UN's
    English version of the letter numbers that annex ("المرفق الثاني", "附件二": "II"), as reports
    name it in English words ("1 of Annex II"); a Chinese one in digits ("附件2") as printed."""
    if heading["ordinal"]:
        return ROMAN[ARABIC_ANNEX_ORDINALS.index(heading["ordinal"])]
    numeral = heading["numeral"]
    if numeral:
        return ROMAN[CHINESE_NUMERALS.index(numeral)] if numeral in CHINESE_NUMERALS else numeral
    return heading["designator"]


def runs(pairs: list[tuple[str | None, int]]) -> str:
    """(part, number) pairs as a reader counts them: "10, 17–18", or "3 of Annex I and 1–2
    of Annex II" (parts in the order given)."""
    by_part: dict[str | None, list[int]] = {}
    for part, number in pairs:
        by_part.setdefault(part, []).append(number)
    return " and ".join(spans(numbers) + (f" of {part}" if part else "") for part, numbers in by_part.items())


def numbered(pairs: list[tuple[str | None, int]]) -> str:
    """"footnote 10", "footnotes 10, 17–18", "footnotes 3 of Annex I and 1–2 of Annex II"."""
    return f"footnote{'s' if len(set(pairs)) > 1 else ''} {runs(pairs)}"


def part_of(paragraph: int, opened: list[Heading], first: str | None) -> str | None:
    """The part a paragraph is in: that of the last heading before it where a part began
    (numbering started again or went on past it), else the first part's."""
    began = [heading.label for heading in opened if heading.paragraph < paragraph]
    return began[-1] if began else first
