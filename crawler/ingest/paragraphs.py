"""A letter's body lines grouped into paragraphs, each of a kind: text, a "Place, date" line,
a section's heading or an annex heading.

Step 2 of reading a letter (letter.py), from the body lines of the Layout (take_apart.py).
Body lines become paragraphs: a paragraph starts after an empty-looking line, at
an indented line, at a "Place, dd.mm.yyyy" line and after it, and after an annex
heading's line alone, quoted or not; across a page break it goes on unless the
page ended a sentence (a footnote mark may follow).  An annex heading ends a quote (one
after a line ending with a colon is quoted, not the letter's, unless only headings follow
it up to a "Place, date" line and no other annex heading prints its label:
_quoted_heading; then said, letter.py _report_headings_after_colons, as the quote may end
with it).  The annex headings are where a part may begin (_headings, parts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.ingest.dates import _numbered, _written
from crawler.ingest.layout import Line
from crawler.ingest.marks import MARK_AT_END, _strip_mark
from crawler.ingest.parts import ANNEX, CHINESE_NUMERALS, ROMAN, Heading, annex_label
from crawler.ingest.take_apart import SHORT_NUMBER

# A statement's mark may end it ("Brussels, 20.04.2020 5", "20.04.20205": _place_mark).  A letter
# translated into another UN language writes its place in that language's letters and its date
# with that language's month ("Strasbourg, 20 avril 2020", "Estrasburgo, 20 de abril de 2020",
# "Страсбург, 20 апреля 2020 года"): read, its statements were all refused as no "Place, date" line.
# Arabic and Chinese have no capitals: a place begins with a letter of their scripts, and is followed
# by their commas ("إسطنبول، 31 آذار/مارس 2020", "伊斯坦布尔，2020年3月31日": dates.py reads both dates).
# Chinese may print the date first, "2020年3月31日，伊斯坦布尔" (the place, `later`, a few Han characters
# alone after the comma: a quote's line that begins with a date goes on as a sentence): read, it was no
# "Place, date" line, and its statement was lost into the quote before (dateline_place names either).
# Central European places begin with Latin Extended-A's capitals too ("Łódź", "Šiauliai", "Žilina",
# "Čadca"): LATIN_EXTENDED_CAPITALS, each written out (the block alternates capitals and small letters).
LATIN_EXTENDED_CAPITALS = "".join(letter for letter in map(chr, range(0x100, 0x180)) if letter.isupper())
PLACE_CAPITAL = f"[A-ZÀ-ÖØ-Þ{LATIN_EXTENDED_CAPITALS}А-ЯЁ\u0621-\u064a\u4e00-\u9fff]"
PLACE_DATE = re.compile(
    rf"^\s*(?:(?P<place>{PLACE_CAPITAL}[^\d\n]{{0,80}}?)[,،，]\s*)?(?P<date>\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}"
    rf"|\d{{1,2}} [A-Z][a-z]+ \d{{4}}|(?i:{_written().pattern})(?:\s+(?:года|г\.))?|{_numbered(named=False).pattern})"
    r"(?(place)|(?:，\s*(?P<later>[\u4e00-\u9fff]{2,12}))?)\.?(?:\s?(?P<mark>\d{1,3}))?\s*$"
)
# A section's number: a Roman numeral ("II. Individual States"), or as the UN's Arabic and Chinese
# number them, an ordinal word and a dash ("ثانيا - فرادى الدول") or a numeral and "、" ("二、个别国家").
ARABIC_SECTION_ORDINALS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا")
SECTION = re.compile(rf"^\s*(?:(?P<roman>[IVXLC]+)\.\s+|(?P<ordinal>{'|'.join(ARABIC_SECTION_ORDINALS)})\u064b?\s*[-–]\s*"
                     rf"|(?P<numeral>[{CHINESE_NUMERALS}]+)、\s*)(?P<name>\S.{{0,80}})$")
# Chinese ends a sentence or clause with full-width marks ("。", "，"), Arabic with its own ("؟", "،").
SENTENCE_END = tuple(".!?:;”\"’)…。！？；：؟؛")
HEADING_END = tuple(".!?:;,”\"’…。！？；：，؟؛،")


def section_number(text: str) -> int | None:
    """The number a section's heading prints ("II." 2, "ثانيا -" 2, "二、" 2), None for a line that is
    no section's or a numeral past ten: to tell the next section's heading from a quote's own
    numbered point (letter.py `_report_sections_in_quotes`)."""
    found = SECTION.match(text)
    if not found:
        return None
    if found["ordinal"]:
        return ARABIC_SECTION_ORDINALS.index(found["ordinal"]) + 1
    number = found["roman"] or found["numeral"]
    for numerals in (ROMAN, CHINESE_NUMERALS):
        if number in numerals:
            return numerals.index(number) + 1
    return None


def dateline_place(found: re.Match) -> str | None:
    """The place a "Place, date" line (PLACE_DATE's match) names, before its date or after it."""
    return (found.group("place") or found.group("later") or "").strip() or None


@dataclass
class Paragraph:
    lines: list[str]
    kind: str = "text"          # text | place | section | annex
    page: int = 0               # of its first line
    last_page: int = 0          # of its last line, where a mark ending it is printed

    @property
    def raw(self) -> str:
        return "\n".join(line.strip() for line in self.lines)

    @property
    def flat(self) -> str:
        return " ".join(line.strip() for line in self.lines).strip()


def _headings(paragraphs: list[Paragraph]) -> list[Heading]:
    """The annex headings ("Annex II", "ANNEX 2", "Annexe B", however spaced), where a part may
    begin, each named as parts.py's annex_label says."""
    return [Heading(annex_label(p.flat), index, p.page)
            for index, p in enumerate(paragraphs) if p.kind == "annex"]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _paragraphs(lines: list[Line], reach: int) -> list[Paragraph]:
    """Group body lines into paragraphs (rules in the module docstring, step 2); `reach`, the
    highest number a footnote line begins with (_kind)."""
    paragraphs: list[Paragraph] = []
    previous: Line | None = None
    for index, line in enumerate(lines):
        kind = _kind(lines, index, reach)
        if line.page_start and previous is not None:
            ended = _strip_mark(previous.text.rstrip())
            new = ended.endswith(SENTENCE_END) or line.gap_before
        else:
            new = line.gap_before or _indent(line.text) > 0
        if previous is None or new or kind != "text" or paragraphs[-1].kind != "text" \
                or _heading_alone(paragraphs[-1]):
            paragraphs.append(Paragraph([line.text], kind, line.page, line.page))
        else:
            paragraphs[-1].lines.append(line.text)
            paragraphs[-1].last_page = line.page
        previous = line
    return paragraphs


def _heading_alone(paragraph: Paragraph) -> bool:
    """Whether a paragraph is an annex heading's line alone ("Annex I"), which no line joins,
    whatever _kind read it as: a quote's "... which reads:" over "Annex I" at a page's foot
    joined the next page's "Republic of Borduria", the next statement's entity, and the
    heading was lost from the quote, with no word said."""
    return len(paragraph.lines) == 1 and bool(ANNEX.match(paragraph.lines[0].strip()))


def _kind(lines: list[Line], index: int, reach: int) -> str:
    """"place", "section", "annex" (a line "Annex II") or "text", of the body line at `index`.
    A date without a place only anchors a statement after a gap or a title's footnote mark
    (a wrapped quote line can be just "31 March 2020"); an annex heading stands after a gap
    too (a wrapped quote line can begin "Annex II to the Minsk agreements"), and is no
    heading where a quote introduces it (_quoted_heading).  A mark of four digits is one only
    up to the `reach` of the footnote lines: "... held in 2020" ends with a year."""
    line, previous = lines[index], lines[index - 1] if index else None
    stripped = line.text.strip()
    place = PLACE_DATE.match(stripped)
    mark = MARK_AT_END.search(previous.text.rstrip()) if previous else None
    if place and (dateline_place(place) or previous is None or line.gap_before
                  or (mark and int(mark.group(1)) <= max(reach, SHORT_NUMBER))):
        return "place"
    if ANNEX.match(stripped) and (line.gap_before or line.page_start or previous is None) \
            and not _quoted_heading(lines, index):
        return "annex"
    return "section" if SECTION.match(stripped) else "text"


def _quoted_heading(lines: list[Line], index: int) -> bool:
    """Whether the annex heading at `index` is a quote's: after a line ending with a colon that
    introduces it, a mark after the colon or not (a quote's "... the Protocol reads:" over
    "Annex I" quotes the protocol's heading; read as the letter's, it ended the quote there,
    the rest said nowhere; "reads:4", the usual printing, was read as no colon), unless
    it heads statements: every line after it up to the next "Place, date" line is a heading
    (an annex's title, a section, an entity, a statement's title: none ends a sentence, its
    marks taken off), where a quoted heading's text follows it.  Read as a quote's, a letter's
    "Annex II" after a quote that ends "... the following:" began no part, and annex II's
    statements were paired with annex I's footnotes of their numbers.  But one whose label
    another annex heading of the letter prints too is quoted, whatever follows it: a quote
    that ends with a protocol's "Annex III", before the letter's own annex III, read as the
    letter's, made the letter's a second annex III, refused as two documents joined."""
    if index == 0 or not _strip_mark(lines[index - 1].text.rstrip()).endswith(":"):
        return False
    label = annex_label(lines[index].text)
    if any(annex_label(line.text) == label for at, line in enumerate(lines)
           if at != index and (line.gap_before or line.page_start)):
        return True
    for line in lines[index + 1:]:
        if PLACE_DATE.match(line.text.strip()):
            return False
        if _strip_mark(line.text.strip()).endswith(HEADING_END):
            return True
    return True
