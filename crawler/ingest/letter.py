"""A UN-style compiled letter: statements under headings, each citing a footnote.

The shape this parser knows (A/74/855–S/2020/404 is one of many such letters):

    Letter dated 13 May 2020 from ... addressed to the Secretary-General   <- title, date
    ... (Signed) Yashar Aliyev                                             <- author
    Annex to the letter dated ...
      I. International organizations                                       <- section
        Council of Europe                                                  <- entity heading
        Statement by the Directorate of Communications ... 2               <- title + footnote mark
        Strasbourg, 20.04.2020                                             <- place, date
        The Council of Europe has ...                                      <- the quote
    __________________
     2 Statement ... to the Report News Agency, 20.04.2020, https://...    <- footnote 2

Every page repeats the document symbols and a "9/16 20-06766" line, ends with its
footnotes (after a rule of underscores) and, in extracted text, with its link list.

How it reads (no assumption about the number of pages, statements or footnotes):

1. Pages are cut into body lines and footnotes; marks printed as superscripts ("Europe³")
   or in brackets ("Europe[3]"), and footnote lines that begin so ("³ https://...",
   "[3] https://..."), are read as their digits (_ascii_marks, _ascii_note); a letter whose
   statements cite no footnote at all is refused with how its headings end and its footnote
   lines begin ("(3) https://...": a style not read; _refuse_unread_marks).  Page furniture
   (symbol lines, the page/job line) is removed and remembered as metadata; the document's symbols are
   those of symbol lines at a page's edge or next to its page line, not another
   document's that a wrapped line leaves alone (_own_symbols).  Footnotes are numbered
   lines after the rule (past 999 only where lines run on 1000, 1001, ...: a line that
   begins with four digits is otherwise a year's, _numbered_notes), each number one more
   than the last, or further on when a
   statement carries that mark and the expected number is not among the numbered
   lines just after (a footnote lost in extraction: said in a warning, its
   statement flagged "footnote-missing"; the marks it prints besides its own,
   "5, 6, 7" or "format.6" in its quote, are marks still, so their footnotes read
   past the gap are cited: _lost_own_marks, as are a quote's marks past a further
   source's lost: _quoted_marks); a line that begins with a date in
   any of the UN's languages ("14 April 2020, https://...", "14 avril 2020",
   "14 de abril de 2020": dates.py) or a number below the expected one goes on with
   the footnote being read, as do the lines at the top of a page's footnotes before
   a new number.  Numbering that starts again at an annex heading ("Annex II")
   begins a part of its own (parts.py); anywhere else, a run 1, 2, 3 below the
   number expected (documents joined into one) is refused (numbering_faults.py).
   Marks run on past the last footnote found (_marks), so the last footnotes lost are
   said as a gap is; so are unmarked statements at the end of a letter that marks
   every one before them.
2. Body lines become paragraphs: a paragraph starts after an empty-looking line, at
   an indented line, at a "Place, dd.mm.yyyy" line and after it, and after an annex
   heading's line alone, quoted or not; across a page break it goes on unless the
   page ended a sentence (a footnote mark may follow).
3. Each "Place, date" line anchors one statement (a mark may end it, "Brussels,
   20.04.2020 5": the statement's own where its title and entity print none, or
   where it is below the title's number, "Statement on article 9": _place_mark).
   Walking back from it: a paragraph ending with the next footnote number is the
   title (one ending with a name's numbers, "Studio 2 & 3 4, 5", reads its marks
   after the space when none is read otherwise, or when the mark read is one the
   quote before prints, "G3 5" under "format.3": _read_header; with numbers that do
   not go up, "G7 5, 6, 7", or a name's number printed again as its mark, "G4 4",
   the run that does after a space: _printed_marks, _goes_up), a short capitalised
   name before it the entity ("Côte d'Ivoire" too), a "II. ..." one the section.  A short
   heading with lower-case words ("Academic assessment") is the entity where a section or a
   quote that ends a sentence is before it; after a quote that ends none it stays that quote's,
   said, as is one read over a statement with no title (_plain_heading).  An entity heading that
   itself ends with the mark and has no heading above it carries the footnote
   without a title (as GUAM's does).  A title whose mark was lost in extraction (a
   kind of text, "Statement by ...", under an entity's name, with a number between
   the marks before and after unused) is still the title, its footnote said
   uncited, not guessed.  A paragraph ending a sentence before its marks ("... in
   the agreed format.4") is no title, unless under an entity's name, beginning with
   a kind of text ("Statement by ... D.C.4"), over the first statement of the letter
   or of an annex numbered anew, or over one whose own mark at its quote's end does
   not follow its marks: it ends the quote before, over a statement with no title
   (_sentence, _refuted_sentences); one over a statement that prints no mark is
   said.  A statement without a heading of its own keeps the entity (and section)
   of the one before; one whose mark ends its quote (the OSCE PA's) takes the
   footnote from there.  The paragraph right after a "Place, date" line always
   belongs to that statement's quote; an annex heading ends a quote (one after a
   line ending with a colon is quoted, not the letter's, unless only headings follow
   it up to a "Place, date" line and no other annex heading prints its label:
   _quoted_heading; then said, as the quote may end with it), and where numbering
   starts again there, marks do too.
4. Quotes are cleaned (crawler.textclean, with the whole letter as vocabulary).  A
   translation printed after the original's words, "(Unofficial translation: ...)", is kept
   apart (metadata "translations", flag "translation-apart": _keep_translations_apart).
   A number glued to a word inside a quote ("declaration1") is the quoted
   document's own footnote mark, not ours: it is removed from the quote and the
   statement gets the flag "inner-footnote-marker".  A mark of our own inside a quote
   (a statement quoting several sources, each sentence marked: "format.3", "format.3–4";
   "format. 3" only as the next footnote marked nowhere else, in a quote whose other marks
   are read and in their order, before a capital or a line's end, and said; so is "2020.3",
   glued after a number's stop, as "2.3 per cent" may be a decimal; a run on to the next
   statement's own mark, "format.3–5" over "Borduria5", stops before it, said) is taken out
   too, as are
   marks printed after a title's own ("2, 3, 4", "2 3 4", "2 and 3", "2–4"; a number printed twice,
   "2, 3, 3", cited once and said; one past a gap, "1, 2, 5", cited only if no later statement's own
   is below it, else said; marks that run on to the next statement's own, "2–4" over "4, 5",
   stop before it, said), and the footnotes so cited are counted
   (metadata "further_footnotes"); a further mark whose footnote was lost is taken out and
   said as a lost own footnote is, its statement flagged "further-footnote-missing" (its
   own footnote is still cited; "footnote-missing" flags a statement whose own was lost).
5. Footnotes become citations (footnotes.py): a statement's own footnote and each of its
   further sources' is a citation of it, and so is each further URL one of those footnotes
   prints ("See https://a and https://b."), numbered after every footnote but named by its
   footnote (_cite_further_urls); the page's links that no footnote uses are document links.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, replace

from crawler.ingest.dates import written_date
from crawler.ingest.footnotes import Footnote, citations_for
from crawler.ingest.layout import Layout, Line
from crawler.ingest.model import Citation, DocumentLink, IngestError, Page, ParsedDocument, Statement
from crawler.ingest.numbering_faults import (
    BEFORE_A_SENTENCE,
    count_further,
    report_ceded_marks,
    refuse_parts_named_twice,
    refuse_restarted_numbering,
    refuse_unopened_annexes,
    report_lost_marks,
    report_marks_left_in_quotes,
    report_missing,
    report_stray_marks,
    report_uncited,
    report_unread_title_marks,
    report_repeated,
    report_repeated_marks,
    report_sentences_over_unmarked,
    report_spaced_marks,
    report_unmarked_end,
)
from crawler.ingest.parts import ANNEX, BEGINS_ANNEX, Heading, annex_label, numbered, part_of
from crawler.numbering import printed
from crawler.textclean import Vocabulary, clean_text, clipped, closing_bracket

RULE = re.compile(r"^\s*_{5,}\s*$")
SYMBOL_LINE = re.compile(r"^\s*((?:[A-Z]{1,4}/[\w.]+(?:/[\w.]+)+)(?:\s*[–-]\s*[A-Z]{1,4}/[\w.]+(?:/[\w.]+)+)*)\s*$")
SYMBOL = re.compile(r"[A-Z]{1,4}/[\w.]+(?:/[\w.]+)+")
PAGE_LINE = re.compile(r"^\s*(?:(\d{1,3})/(\d{1,3})\s+(\d{2}-\d{5})|(\d{2}-\d{5})(?:\s*\(\w\))?\s+(\d{1,3})/(\d{1,3}))\s*$")
FOOTNOTE_START = re.compile(r"^\s*(\d{1,4})\s+(\S.*)$")
# Footnote and mark numbers past this one have four digits, as a year has ("2020 ..."): a footnote
# line's is read only where lines run on to it, one for each number from 1000 up (_numbered_notes),
# so a title's or a quote's four digits are a mark only where such a footnote was read (the marks
# are the footnotes': _marks); a date alone after a title ending with them anchors no statement
# unless the footnote lines reach them (_kind), and a text keeps them but as its own mark (_strip_mark).
SHORT_NUMBER = 999
# A statement's mark may end it ("Brussels, 20.04.2020 5", "20.04.20205": _place_mark).
PLACE_DATE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][^\d\n]{0,80}?),\s*)?(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\.?"
    r"(?:\s?(?P<mark>\d{1,3}))?\s*$"
)
# The first page's footer: job number, language, date of processing ("21-04567 (E)  030321").
JOB_FOOTER = re.compile(r"^\s*\d{2}-\d{5}\s*\([A-Z]\)(?:\s+\d{6})?\s*(?:\*\d+\*)?\s*$")
SECTION = re.compile(r"^\s*([IVXLC]+)\.\s+(\S.{0,80})$")
MARK_AT_END = re.compile(r"(?<!\d)(\d{1,4})\s*$")
# Marks printed together at an end ("2, 3, 4": a statement citing several sources).
# Spelt "2, 3, 4", "2 3 4", "2 and 3" or as a range, "2–4" or "2-4" (_printed_marks reads them).
MARKS_AT_END = re.compile(r"(?<!\d)(\d{1,4}(?:(?:\s?[,–-]\s?|\s(?:and|&)\s|\s)\d{1,4})+)\s*$")
MARK_RANGE = re.compile(r"(\d+)(?:\s?[–-]\s?(\d+))?")
# Marks that begin with a number printed again after a plain space ("G3 3", "G3 3, 4"): the first
# is the text's, a name's number (_goes_up), after a capital ("G20", "P5") or a space, not after a
# lowercase letter: "Borduria5 5" is a mark glued to its word and printed twice.
NAMED_THEN_MARKED = re.compile(r"(?<=[A-Z\s])(\d+)\s\1(?!\d)")
INNER_MARK = re.compile(r"\b([a-z]{3,})(\d{1,2})(?=[.,;:)]|\s|$)")
# Marks printed as superscript digits ("Europe³", "format.¹²", "¹,²", "²⁻⁴") or in brackets ("Europe[2]"), and
# footnote lines that begin with them ("³ https://...", "[3] https://..."): read as the digits are (_ascii_marks).
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
ASCII_DIGITS = str.maketrans(SUPERSCRIPTS + "⁻", "0123456789-")
STYLED_MARK = re.compile(rf"(?:[{SUPERSCRIPTS}]+(?:[,⁻–-] ?[{SUPERSCRIPTS}]+)*"
                         r"|\[(\d{1,4}(?:(?:, ?|[–-])\d{1,4})*)\])(?=[\s.,;:!?)”\"’\]]|$)")
STYLED_NOTE = re.compile(rf"^(\s*)(?:\[(\d{{1,3}})\]|([{SUPERSCRIPTS}]{{1,3}}))\s*(?=\S)")
# A unit's power ("km²", "m³"): a superscript after a lower-case word of one or two letters is no mark.
UNIT = re.compile(r"(?:^|[\s(\d])[a-z]{1,2}$")
# A footnote mark inside a quote (_further_footnotes): glued to a word or a stop, or ending a paragraph.
# Several may be printed together ("format.3, 4"), glued also as a range ("format.3–4"): after a
# space, a range ending a paragraph is the quote's ("under articles 3–4").
QUOTE_MARK = re.compile(r"(?:(?<=[a-z]{3})|(?<=[^\d\s][.,;:!?”\"’)]))(\d{1,4}(?:(?:, ?|\s?[–-]\s?)\d{1,4})*)"
                        r"(?=[.,;:)]|\s|$)")
PARAGRAPH_MARK = re.compile(r"(?<=[^\d\s])\s+(\d{1,4}(?:, ?\d{1,4})*)\s*$")
# A mark alone after a word's stop and a space ("format. 3"), before a capital or the line's end
# (_unmark_spaced): not after a number's stop ("Resolution 2334. 4 members").
SPACED_MARK = re.compile(r"(?:(?<=[^\W\d_][.!?])|(?<=[^\W\d_][.!?][”\"’)])) (\d{1,4})" + BEFORE_A_SENTENCE)
# Either that or a mark glued after a number's stop ("held on 31 March 2020.3"), read on the same
# strict terms (_unmark_spaced), as "version 2.3" may be a decimal; the first group is a spaced one's.
STRICT_MARK = re.compile(SPACED_MARK.pattern + r"|(?<=\d[.!?])(\d{1,4})" + BEFORE_A_SENTENCE)
# Abbreviations a number follows: "General Comment No. 3 (1990)", "art. 4 States", "pp.3–4" are no marks
# (_numbered_by); nor are numbers after these words, with no stop between ("under article 3").
NUMBERED_BY = {"no", "nos", "art", "arts", "para", "paras", "p", "pp", "vol", "ch", "sect"}
NUMBERED_NOUNS = {"article", "articles", "paragraph", "paragraphs", "resolution", "resolutions", "section",
                  "sections", "chapter", "chapters", "point", "points", "page", "pages", "rule", "rules",
                  "item", "items"}
# A number of a list, or a word joining it ("5," "6" "and" of "paragraphs 5, 6 and 7": _numbered_by).
LISTED_NUMBER = re.compile(r"^(?:\d{1,4}[,;]?|and|or|&|to|[–-])$")
SENTENCE_END = tuple(".!?:;”\"’)…")
HEADING_END = tuple(".!?:;,”\"’…")
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "et", "del", "y", "&"}
# A particle elided before a name's capital ("Côte d'Ivoire", "Union pour l’Europe"): a word of a name (_name_like).
ELIDED = re.compile(r"^[a-z]{1,4}['’][A-Z]")
# Headings are short: a paragraph of more words with lower-case ones is no entity's name (_plain_heading).
PLAIN_HEADING_WORDS = 10
# A paragraph that ends a sentence, its marks taken off ("... and void.", "... “no”", "...).", _ends_quote).
QUOTE_END = re.compile(r"(?:[.!?…][”\"’»)\]]*|[”\"»])$")
# First words of a title that names a kind of text rather than who spoke.
TEXT_KINDS = {
    "statement", "joint", "press", "note", "answer", "communique", "communiqué", "declaration",
    "letter", "message", "remarks", "speech", "interview", "briefing", "comment", "comments",
    "reply", "tweet", "post", "address", "appeal", "transcript", "report", "decision", "resolution",
}
# A translation the letter prints inside a quote, after the original: "(Unofficial translation: ...)",
# "(Translation: ...)", "[Unofficial English translation: ...]" (_translated).
TRANSLATION = re.compile(r"[(\[]\s*(?P<label>(?:(?:unofficial|informal|free|own)\s+)?(?:english\s+)?translation"
                         r"(?:\s+from\s+[^\W\d_]+)?)\s*:\s*", re.IGNORECASE)
LETTER_TITLE = re.compile(r"^(?:Identical letters|Letter|Note verbale)\b.*?\bdated\b", re.IGNORECASE)
DATED = re.compile(r"\bdated (\d{1,2} [A-Z][a-z]+ \d{4})")
SIGNED = re.compile(r"^\s*\(Signed\)\s+(.+?)\s*$")
# How many numbered footnote lines ahead are read to tell a gap in the numbering
# from a footnote line that begins with a number.
LOOKAHEAD = 3
# What _take_apart notes of the lines for _own_symbols: a page's edge, a page or job line,
# any other non-blank line; a run of consecutive symbol lines is noted as its symbols (a list).
EDGE, FURNITURE, TEXT = "edge", "furniture", "text"


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


def looks_like_letter(pages: list[Page]) -> bool:
    """A rule of underscores and at least one "Place, dd.mm.yyyy" line."""
    lines = [line for page in pages for line in page.lines]
    return any(RULE.match(l) for l in lines) and any(PLACE_DATE.match(_ascii_marks(l)) for l in lines)


def parse_letter(pages: list[Page], sha256: str, path: str) -> ParsedDocument:
    """Statements, citations and metadata of a compiled letter (see module docstring)."""
    layout = _take_apart(pages)
    paragraphs = _paragraphs(layout.body, _last_numbered(layout.notes))
    headings = _headings(paragraphs)
    _read_footnotes(layout, _statement_marks(paragraphs, layout.notes, headings), headings)
    refuse_restarted_numbering(layout, path)
    refuse_parts_named_twice(layout, path)
    refuse_unopened_annexes(layout, path)
    marks = _marks(paragraphs, layout)
    _refuse_footnotes_past_the_next_annex(paragraphs, marks, headings, layout, path)
    vocab = Vocabulary("\n".join([line.text for line in layout.body] + [f.text for f in layout.footnotes]))
    doc = ParsedDocument(kind="letter", sha256=sha256, path=path, symbols=layout.symbols)
    _letter_metadata(doc, paragraphs, vocab, layout)
    placed, further, lost, stray = _further_footnotes(_statement_layout(paragraphs, marks, layout.breaks), layout)
    doc.statements = _statements(paragraphs, placed, vocab, layout)
    _keep_translations_apart(doc)
    _attach_citations(doc, layout, further)
    _refuse_unread_marks(doc, layout, paragraphs, placed, path)
    count_further(doc, further)
    report_missing(doc, layout, lost)
    report_unmarked_end(doc)
    report_stray_marks(doc, stray)
    report_spaced_marks(doc, {index + 1: statement.spaced for index, statement in enumerate(placed)
                              if statement.spaced})
    _report_headings_after_colons(doc, paragraphs, placed)
    _report_plain_headings(doc, paragraphs, placed)
    report_repeated_marks(doc, {index + 1: (statement.repeated, _marks_at_end(statement.repeated))
                                for index, statement in enumerate(placed) if statement.repeated})
    report_ceded_marks(doc, {index + 1: ((statement.footnote, *statement.further, *statement.header.ceded),
                                         statement.header.ceded)
                             for index, statement in enumerate(placed) if statement.header.ceded})
    report_ceded_marks(doc, {index + 1: (statement.run_on, tuple(number for number in statement.run_on
                                                                 if number >= placed[index + 1].footnote))
                             for index, statement in enumerate(placed) if statement.run_on}, quoted=True)
    said = report_unread_title_marks(doc, layout)
    report_marks_left_in_quotes(doc, layout)
    report_uncited(doc, layout, said + report_lost_marks(doc, layout))
    report_sentences_over_unmarked(doc, {index + 1: paragraphs[statement.anchor - 1].flat
                                         for index, statement in enumerate(placed)
                                         if statement.header.sentence and statement.footnote is None})
    report_repeated(doc, layout)
    return doc


def _refuse_unread_marks(doc: ParsedDocument, layout: Layout, paragraphs: list[Paragraph], placed: list[_Placed],
                         path: str) -> None:
    """Statements read, lines after the rule, and not one citation: the footnotes or the marks
    are printed in a style the reader does not read ("(1) https://...", "Europe*"), said with
    what was found, the headings' ends and the footnote lines' starts (those that begin with a
    number or a sign first, as a footnote's does).  Left to the caller's refusal ("check that
    the footnotes were extracted"), a letter whose marks were printed "³" was said to have lost
    its footnotes in extraction, which sent the user looking for the wrong fault."""
    notes = [line.strip() for _, line in layout.notes if line.strip()]
    if not doc.statements or doc.citations or not notes:
        return
    marked = [line for line in notes if not line[0].isalpha()] or notes
    begin = ", ".join(f"'{clipped(line, 24)}'" for line in marked[:2])
    ends = list(dict.fromkeys(f"'{_tail(paragraphs[statement.anchor - 1].flat, 24)}'" for statement in placed
                              if statement.anchor and paragraphs[statement.anchor - 1].kind == "text"))
    titles = f"the headings over them end {', '.join(ends[:2])} and " if ends else ""
    read = f" ({numbered([(f.part, f.number) for f in layout.footnotes])} read)" if layout.footnotes else ""
    raise IngestError(
        f"{path}: {len(doc.statements)} statements, but none cites a footnote: {titles}the lines after the '____' rule "
        f"begin {begin}{read}; a mark is read as 1, ¹ or [1] after a title or a quote, and a footnote line "
        "that begins with its number so ('1 ', '¹ ', '[1] '): write them so, or check that the footnotes were "
        "extracted"
    )


def _tail(text: str, width: int) -> str:
    """The text's end, its last words within `width` characters, with "…" where it was cut."""
    return text if len(text) <= width else "…" + text[-width:].split(" ", 1)[-1]


def _marks(paragraphs: list[Paragraph], layout: Layout) -> set[int]:
    """The numbers a statement's heading or quote may end with as its footnote mark.

    Every number up to the one after the highest footnote found is a mark, found
    or not: a lost footnote must not make its statement's mark look like text (of
    a title, which would then join the quote before).  The marks run on 1, 2, 3,
    so while a statement uses the highest mark so far, the next number is one too:
    when the last footnotes are all lost (a PDF's last page's footnote lines), each
    of their statements still has its mark, and is said missing.
    """
    top = max((f.number for f in layout.footnotes), default=0) + 1
    while top in {placed.footnote for placed in _statement_layout(paragraphs, set(range(1, top + 1)), layout.breaks)}:
        top += 1
    return set(range(1, top))


def _refuse_footnotes_past_the_next_annex(paragraphs: list[Paragraph], marks: set[int], headings: list[Heading],
                                          layout: Layout, path: str) -> None:
    """A statement whose footnote starts on a page after that of the annex heading following
    the statement is refused: a footnote is printed on its mark's page, so that one is a
    later annex's, read as the number the statement's part was at (annex I's footnote 2
    and annex II's 1 and 2 lost, annex II's 3 on a later page was read as annex I's 3 and
    paired with annex I's statement 3); pairing it would guess."""
    by_number = {(f.part, f.number): f for f in layout.footnotes}
    for seq, placed in enumerate(_statement_layout(paragraphs, marks, layout.breaks), 1):
        part = part_of(placed.anchor, layout.opened, layout.first_part)
        footnote = by_number.get((part, placed.footnote))
        following = next((heading for heading in headings if heading.paragraph > placed.anchor), None)
        if footnote and following and footnote.page > following.page:
            raise IngestError(
                f"{path}: statement {seq} is marked {printed(footnote.number, footnote.number, part)}, but that "
                f"footnote starts on page {footnote.page}, after the '{following.label}' heading (page "
                f"{following.page}) that follows the statement, and a footnote is printed on its mark's page "
                "(footnotes lost in extraction on both sides of the heading?): which footnote the statement cites "
                "cannot be told; check the document's footnotes there"
            )


def _take_apart(pages: list[Page]) -> Layout:
    """Body lines, numbered footnotes, link targets and furniture, page by page."""
    layout = Layout()
    runs: list = []   # the non-blank lines' kinds (EDGE, FURNITURE, TEXT, symbols), for _own_symbols
    for number, page in enumerate(pages, 1):
        layout.links.extend((number, link) for link in dict.fromkeys(page.links))
        in_footnotes, gap, first = False, False, True
        runs.append(EDGE)   # a page's start: the symbol lines at its top are its header
        for line in page.lines:
            if line.strip():
                _follow_symbol_runs(line, runs)
            if _furniture(line, layout):
                # Furniture starts a page: in text with no page breaks, footnotes end
                # here and the next line is a page's first.
                gap, in_footnotes, first = False, False, True
                continue
            if RULE.match(line):
                in_footnotes = True
                continue
            if not line.strip():
                gap = not first
                continue
            if in_footnotes:
                layout.notes.append((number, _ascii_note(line)))
                continue
            layout.body.append(Line(_ascii_marks(line), gap, first, number))
            gap, first = False, False
    runs.append(EDGE)
    layout.symbols = _own_symbols(runs)
    return layout


def _ascii_marks(line: str) -> str:
    """A body line with its superscript and bracketed marks ("Europe³", "Europe[3]", "format.¹²")
    written as digits are, so they are read as those are (the audit's letters marked so lost every
    statement's footnote, and the letter was refused as one whose footnotes were not extracted).
    Glued to a word or a stop, a mark stays glued ("Europe3"); after a digit it ends its line only
    and is spaced off ("2020³" as "2020 3": glued, a year and its mark would read as one number),
    and a bracket after a space only ends a line.  A unit's power ("km²", "10²" inside a line) and
    a bracket inside a line after a space ("see [2] above") stay as printed: a quote keeps its words."""
    if not any(char in line for char in SUPERSCRIPTS + "["):
        return line

    def ascii_mark(match: re.Match) -> str:
        before, ends = match.string[:match.start()], not match.string[match.end():].strip()
        digits = match.group(1) if match.group(1) else match.group(0).translate(ASCII_DIGITS)
        if not before or before[-1].isspace():
            return digits if match.group(1) is None or ends else match.group(0)
        if before[-1].isdigit():
            return " " + digits if ends else match.group(0)
        return match.group(0) if UNIT.search(before) else digits

    return STYLED_MARK.sub(ascii_mark, line) if line.strip() else line


def _ascii_note(line: str) -> str:
    """A line after the rule that begins with a superscript or bracketed number ("³ https://...",
    "[3] https://...") as one that begins with its digits ("3 https://..."), read as any other's
    (_numbered_notes)."""
    def ascii_number(found: re.Match) -> str:
        return f"{found.group(1)}{(found.group(2) or found.group(3)).translate(ASCII_DIGITS)} "

    return STYLED_NOTE.sub(ascii_number, line, count=1)


def _follow_symbol_runs(line: str, runs: list) -> None:
    """Note a non-blank line for _own_symbols: symbols of consecutive symbol lines join one
    run (a list), a page or job line is FURNITURE, any other line TEXT."""
    symbol = SYMBOL_LINE.match(line)
    if symbol:
        if not isinstance(runs[-1], list):
            runs.append([])
        runs[-1].extend(SYMBOL.findall(symbol.group(1)))
    else:
        runs.append(FURNITURE if PAGE_LINE.match(line) or JOB_FOOTER.match(line) else TEXT)


def _own_symbols(runs: list) -> list[str]:
    """The document's own symbols: those of the symbol lines at a page's top or bottom or
    next to its page or job line (EDGE, FURNITURE in `runs`).

    A symbol that a wrapped line leaves alone on a line ("... contained in document" /
    "A/74/855" / "and ...") is another document's, quoted in the text: taken for this
    one's, its letter would be refused as a changed version of that one, and `--replace`
    would overwrite it.  When no symbol line is in such a place (page lines lost in
    extraction), every symbol line's symbols are taken: nothing tells them apart then.
    """
    found = [run for run in runs if isinstance(run, list)]
    placed = [run for i, run in enumerate(runs) if isinstance(run, list)
              and (runs[i - 1] in (EDGE, FURNITURE) or runs[i + 1] in (EDGE, FURNITURE))]
    return list(dict.fromkeys(symbol for run in (placed or found) for symbol in run))


def _furniture(line: str, layout: Layout) -> bool:
    """Symbol lines, the page/job line and the first page's footer: remembered, then dropped."""
    if SYMBOL_LINE.match(line):
        return True
    if PAGE_LINE.match(line):
        layout.page_lines.append(line.strip())
        return True
    return bool(JOB_FOOTER.match(line))


def _read_footnotes(layout: Layout, marks: set[int], headings: list[Heading]) -> None:
    """Cut the lines after the rules (layout.notes) into numbered footnotes.

    A line "N text" starts footnote N when N is the number expected next.  A number
    out of sequence starts a footnote only on evidence (see _starts_footnote), so a
    footnote lost in extraction costs that footnote alone, not every later one,
    while a line of a footnote that happens to begin with a number ("20 April 2020,
    ...") stays in it.  Any other line continues the footnote being read, also
    across a page break; one numbered as that footnote and not a date (a line
    extracted twice, a typo) is kept to be said.  `marks` are the footnote marks
    the statements use.  A number below the one expected, once the footnotes reach
    the page of an annex heading whose first statement has that mark, begins that
    annex's part (parts.py); the parts are noted only if numbering starts again at a
    heading.  A heading is passed by a line from a page after the one its first statement's
    mark is printed on (Heading.marked), or by the notes' end when a line on that page or
    after was read: a footnote there that did not start
    again at the heading's first mark was read as the numbering before's (the annex's
    first footnote lost, and its last one before the heading too, say), whether or not
    another page's line comes after.
    """
    numbered = {index: (int(found.group(1)), found.group(2).rstrip(), _dated(found.string))
                for index, found in _numbered_notes(layout.notes).items()}
    plain = [(index, number) for index, (number, _, dated) in numbered.items() if not dated]
    expected, pending = None, list(headings)   # the headings no footnote has passed
    for index, (page, line) in enumerate(layout.notes):
        pending = _pass(layout, pending, [heading for heading in pending if heading.marked >= page])
        number, text, dated = numbered.get(index, (None, "", False))
        if number is not None:
            ahead = bisect.bisect_right(plain, index, key=lambda entry: entry[0])
            upcoming = [n for _, n in plain[ahead:ahead + LOOKAHEAD]]
            began = next((heading for heading in pending if heading.page <= page and heading.opens == number), None)
            if _starts_footnote(number, dated, expected, upcoming, marks, began is not None):
                pending = _begin_footnote(layout, Footnote(number, text, page), began, pending)
                expected = number + 1
                continue
        if layout.footnotes:
            last = layout.footnotes[-1]
            if number == last.number and not dated:
                layout.repeated.append(Footnote(number, text, page, part=last.part))
            if page not in last.pages:
                last.continued_on.append(page)
            last.text += "\n" + line.strip()
    ended = layout.notes[-1][0] if layout.notes else 0   # the last notes' page
    _pass(layout, pending, [heading for heading in pending if heading.marked > ended])
    if not layout.breaks:   # numbered once: no parts
        layout.first_part, layout.opened = None, []
        for footnote in layout.footnotes + layout.repeated:
            footnote.part = None


def _begin_footnote(layout: Layout, footnote: Footnote, began: Heading | None, pending: list[Heading]) -> list[Heading]:
    """Add the footnote, in the part of the annex heading `began` (numbered anew when its
    number starts again there, going on from the footnote before otherwise, unless a part
    of its name was read: _named); the headings
    still to pass: not that one, whose first statement's footnote this is whether
    numbering starts again there or goes on (a heading left open would take a later
    footnote of that number, another annex's, as its own), nor those before it."""
    if not layout.footnotes:
        # An annex passed before, whose statements use this number, lost its footnotes:
        # its statements would be paired with this footnote, another annex's, unless the
        # footnote begins a later annex's part (_after_lost_annexes).
        lost = [heading for heading in layout.unread if footnote.number in heading.marks]
        if lost and began:
            _after_lost_annexes(layout, footnote, began)
        else:
            layout.unopened += lost
            layout.first_part = began.label if began else None
            footnote.part = layout.first_part
    else:
        last = layout.footnotes[-1]
        footnote.part, footnote.offset = last.part, last.offset
        if began and (footnote.number <= last.number or not _named(layout, began.label)):
            layout.opened.append(began)
            footnote.part = began.label
        if footnote.number <= last.number and began:
            layout.breaks.append(began)
            footnote.offset = last.number + last.offset
    if began:
        pending = _pass(layout, [h for h in pending if h is not began],
                        [h for h in pending if h.paragraph > began.paragraph])
    layout.footnotes.append(footnote)
    return pending


def _after_lost_annexes(layout: Layout, footnote: Footnote, began: Heading) -> None:
    """The first footnote read begins the part of the annex heading `began`, on a page from
    that heading's on, with its first statement's mark, while the annexes before it were
    passed with no footnote read (their footnote lines all lost in extraction: a footnote
    is printed on its mark's page).  Each of those annexes is a part of its own, numbered
    anew where its marks start again, so that its statements are said missing their
    footnotes, as a later annex's are, and not paired with this one, another annex's.
    The footnote's place in the document counts the lost annexes' numbers (their highest
    marks), as if they had been read."""
    passed = [heading for heading in layout.unread if heading.paragraph < began.paragraph]
    layout.first_part = passed[0].label
    last, offset = max(passed[0].marks), 0
    for heading in [*passed[1:], began]:
        layout.opened.append(heading)
        if heading.opens <= last:
            layout.breaks.append(heading)
            offset += last
        last = max(heading.marks) if heading is not began else last
    footnote.part, footnote.offset = began.label, offset


def _named(layout: Layout, label: str) -> bool:
    """Whether a part of that name was read.  Numbering that goes on past a second heading of
    one name ("Annex I" quoted in annex II, or a heading repeated) begins no part there: its
    "2 of Annex I" would be annex I's 2 too, and annex I's statement paired with either."""
    parts = [layout.first_part, *(heading.label for heading in layout.opened)]
    return label.casefold() in {part.casefold() for part in parts if part}


def _pass(layout: Layout, pending: list[Heading], still: list[Heading]) -> list[Heading]:
    """`still`, the headings of `pending` not passed yet; those passed whose statements'
    marks start again (at a number not above the footnotes read, the next statement's the
    number after: a title that ends "Protocol 1" before marks 4, 5 starts nothing) with no
    footnote starting there are noted `unopened` (the annex's first footnote lost); those
    passed with marked statements before any footnote was read are noted `unread`
    (_begin_footnote tells)."""
    highest = layout.footnotes[-1].number if layout.footnotes else None
    passed = [heading for heading in pending if heading not in still and heading.opens is not None]
    if highest is None:
        layout.unread += passed
    layout.unopened += [heading for heading in passed if highest is not None and heading.opens <= highest
                        and heading.then in (None, heading.opens + 1)]
    return still


def _starts_footnote(number: int, dated: bool, expected: int | None, upcoming: list[int], marks: set[int],
                     at_annex: bool) -> bool:
    """Whether a numbered line after the rule starts footnote `number` (see _read_footnotes).

    `upcoming` are the numbers of the next numbered lines that are not dates.
    The expected number starts a footnote unless the line is a date and a line with
    that number is still to come.  A lower number is text ("6 April 2020, ..." in
    the last footnote) unless numbering starts again there: past an annex heading
    whose first statement has that mark (`at_annex`), or with a run.  A higher one is a
    footnote past a gap only when a statement uses that mark, the line is no date,
    and no line numbered from the expected one up to it is still to come (footnotes
    after this one would be numbered below it).
    """
    if expected is None:
        return True
    if number == expected:
        return not (dated and number in upcoming)
    if number < expected:
        return not dated and (at_annex or _starts_again(number, expected, upcoming))
    return number in marks and not dated and not any(expected <= n <= number for n in upcoming)


def _numbered_notes(notes: list[tuple[int, str]]) -> dict[int, re.Match]:
    """The footnote lines (by index in `notes`) that begin with a number: any up to 999, one
    past it only where the numbering runs on to it (a line for each number from 1000 up), as
    a line of a footnote that begins with four digits is most often a year ("2020 ...").  Those
    are read as any other's (_starts_footnote): the expected one, or past a lost one (999 too)
    on a statement's mark."""
    found = {index: match for index, (_, line) in enumerate(notes) if (match := FOOTNOTE_START.match(line))}
    numbers = {int(match.group(1)) for match in found.values()}
    reach = SHORT_NUMBER
    while reach + 1 in numbers:
        reach += 1
    return {index: match for index, match in found.items() if int(match.group(1)) <= reach}


def _last_numbered(notes: list[tuple[int, str]]) -> int:
    """The highest number a footnote line begins with (_numbered_notes), 0 without any."""
    return max((int(found.group(1)) for found in _numbered_notes(notes).values()), default=0)


def _starts_again(number: int, expected: int, upcoming: list[int]) -> bool:
    """Numbering starts again (documents joined, refused later: a mark would name two
    footnotes) when the numbered lines after this lower one go on from it, 1, 2, 3,
    and stay below the expected number: a line of a footnote that begins with its own
    number ("17 countries ...") is followed by the expected one, not by a run."""
    run = upcoming[:LOOKAHEAD - 1]
    return bool(run) and run == list(range(number + 1, number + 1 + len(run))) and run[-1] < expected


def _dated(line: str) -> bool:
    """A footnote line that begins with a day, month and year ("14 April 2020, https://...",
    "14 avril 2020", "14 de abril de 2020"): a date, not a footnote number."""
    return written_date(line, at_start=True) is not None


def _statement_marks(paragraphs: list[Paragraph], notes: list[tuple[int, str]], headings: list[Heading]) -> set[int]:
    """The footnote marks the statements use, of the numbers that begin a line after a rule
    (marks may start again at any annex heading: where they do is not known yet); each
    heading's `opens` is noted, the mark of its first statement.

    A numbered footnote line out of sequence is a footnote only if a statement
    carries its mark (its own, its own lost: _lost_own_marks, or one printed after it:
    "2, 3, 4", or in its quote: _quoted_marks): a body line ending with that number
    elsewhere (a covering letter wrapped after "on 31") is no evidence.
    """
    numbers = {int(found.group(1)) for found in _numbered_notes(notes).values()}
    placed = _statement_layout(paragraphs, numbers, headings)
    lost = _lost_own_marks(paragraphs, placed, numbers)
    if lost:
        placed = _statement_layout(paragraphs, numbers | lost, headings)
    for heading, after in zip(headings, [*(h.paragraph for h in headings[1:]), len(paragraphs)]):
        marked = [p for p in placed if heading.paragraph < p.anchor < after and p.footnote]
        marks = [mark for p in marked for mark in (p.footnote, *p.further)]
        heading.opens, heading.then = (marks + [None, None])[:2]
        heading.marks = tuple(marks)
        heading.marked = _mark_page(paragraphs, marked[0]) if marked else heading.page
    printed = {mark for statement in placed if statement.footnote
               for mark in (statement.footnote, *statement.further)}
    return printed | _quoted_marks(placed, numbers)


def _lost_own_marks(paragraphs: list[Paragraph], placed: list[_Placed], numbers: set[int]) -> set[int]:
    """The lost own marks of statements `placed` with no mark read on their titles.

    A title (or a quote's end) that prints marks together ("Borduria5, 6, 7"), the first
    numbering no footnote line (5, lost at a page break) and a later one numbering one (6 or
    7), or a title that prints one such mark ("Borduria5") over a quote printing marks above
    it that do (_quoted_above): read as having lost its mark, its statement's further marks
    were no marks either, so footnote lines 6 and 7, past the gap, started no footnote (read
    as 4's text), and the statement cited none of its sources, or only the one its quote ends
    with.  The first is a mark, as the marks read once footnotes are (_marks: every number up
    to the last found) have it; a number no mark prints (numbering that skips 5) is none."""
    lost = set()
    for statement, high in zip(placed, _next_marks(placed)):
        if statement.header.footnote is not None:
            continue
        lost |= _lost_before_read(paragraphs, statement, numbers)
        title = _marks_at_end(paragraphs[statement.anchor - 1].flat)
        if len(title) == 1 and title[0] not in numbers and _quoted_above(statement, title[0], high, numbers):
            lost.add(title[0])
    return lost


def _lost_before_read(paragraphs: list[Paragraph], statement: _Placed, numbers: set[int]) -> set[int]:
    """The first of the marks a statement's title, or its quote's end when no mark was read
    there, prints together ("5, 6, 7") when it numbers no footnote line and a later one does."""
    ends = [paragraphs[statement.anchor - 1], *(statement.body[-1:] if statement.footnote is None else [])]
    lost = set()
    for paragraph in ends:
        marks = _marks_at_end(paragraph.flat)
        if len(marks) > 1 and marks[0] not in numbers and set(marks[1:]) & numbers:
            lost.add(marks[0])
    return lost


def _quoted_marks(placed: list[_Placed], numbers: set[int]) -> set[int]:
    """The marks of further sources the statements' quotes print ("format.3", "format.4"),
    numbering footnote lines between each one's own mark and the next statement's
    (_quoted_above).  Not marks, when a statement's first further footnote was lost at a page
    break (3), the lines of the others (4), past the gap, started no footnote: they were read
    as its own footnote's text, and their marks were left in its quote."""
    return {mark for statement, high in zip(placed, _next_marks(placed)) if statement.footnote
            for mark in _quoted_above(statement, statement.footnote, high, numbers)}


def _next_marks(placed: list[_Placed]) -> list[int | None]:
    """For each statement, the mark of the next statement that has one (None for none), in one
    pass from the end: looked for from each statement, a letter's unmarked run was read again
    for each of its statements."""
    following, high = [], None
    for statement in reversed(placed):
        following.append(high)
        high = statement.footnote or high
    return following[::-1]


def _quoted_above(statement: _Placed, own: int, high: int | None, numbers: set[int]) -> set[int]:
    """The marks a statement's quote prints (_printed_quote_marks, and the one its quote ends
    with, read as its mark) that number footnote lines above its `own`, below the next
    statement's mark `high`."""
    wanted = ({number for number in numbers if number > own} if high is None
              else numbers.intersection(range(own + 1, high)))
    printed = {number for _, marks in _printed_quote_marks(statement.body, wanted) for number in marks}
    return printed | ({statement.footnote} & wanted)


def _mark_page(paragraphs: list[Paragraph], placed: _Placed) -> int:
    """The page a statement's mark is printed on: its title's (or entity's) last line's, or
    its quote's (the OSCE PA's).  An annex heading is passed only past that page, as its
    first footnote is printed there: a heading at a page's foot, or before a page of the
    annex's own text, has its first statement's footnote on a later page."""
    if placed.header.on_place:
        return paragraphs[placed.anchor].last_page
    return (paragraphs[placed.anchor - 1] if placed.header.footnote else placed.body[-1]).last_page


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
    if place and (place.group("place") or previous is None or line.gap_before
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


def _report_headings_after_colons(doc: ParsedDocument, paragraphs: list[Paragraph], placed: list[_Placed]) -> None:
    """One warning line for each annex heading read as the letter's after a quote's line ending
    with a colon (_quoted_heading: only headings follow it), naming the statement whose quote
    it ends: a quote may end with the heading it introduces ("... the Protocol reads:" over
    "Annex I", then the next statement), and then lost it, which nothing else would show."""
    for at, paragraph in enumerate(paragraphs):
        if paragraph.kind != "annex" or not at or not _strip_mark(paragraphs[at - 1].flat).endswith(":"):
            continue
        quoted = [index + 1 for index, statement in enumerate(placed) if statement.anchor < at]
        if quoted:
            doc.warn(
                f"'{paragraph.flat}' on page {paragraph.page}, after statement {quoted[-1]}'s quote ending with ':', "
                "is read as the letter's annex heading (only headings follow it); if the quote quotes it, "
                f"the quote lost it: check statement {quoted[-1]}'s quote"
            )


def _report_plain_headings(doc: ParsedDocument, paragraphs: list[Paragraph], placed: list[_Placed]) -> None:
    """One warning line for each heading with lower-case words whose reading the letter leaves
    open (_plain_heading), naming both statements: one over a title after a quote that ends no
    sentence, or indented as that quote, left to it, and one over a statement with no title,
    read as its entity (nothing but the quote's end before it tells a heading from a quote's
    last short line there)."""
    for index, statement in enumerate(placed[1:], 1):
        header, before = statement.header, placed[index - 1]
        seq = index + 1
        if header.unsure:
            text, why = header.unsure
            doc.warn(
                f"'{text}' over statement {seq}'s title reads as an entity's heading, but {why}: it is kept as the "
                f"end of statement {index}'s quote, and statement {seq} keeps the entity "
                f"'{doc.statements[index].entity}'; check statements {index} and {seq}"
            )
        elif header.untitled and all(p.kind == "text" for p in paragraphs[before.anchor + 1:header.start]):
            doc.warn(
                f"'{header.entity}' over statement {seq}'s 'Place, date' line (no title under it) is read as statement "
                f"{seq}'s entity, not as the last line of statement {index}'s quote; if it is the quote's, check "
                f"statements {index} and {seq}"
            )


def _letter_metadata(doc: ParsedDocument, paragraphs: list[Paragraph], vocab: Vocabulary, layout: Layout) -> None:
    """Title, date, author and furniture of the covering letter."""
    for paragraph in paragraphs[:3]:
        if LETTER_TITLE.match(paragraph.flat):
            doc.title = clean_text(paragraph.raw, vocab)
            dated = DATED.search(doc.title)
            if dated:
                doc.date = _iso_date(dated.group(1))
            break
    for paragraph in paragraphs:
        signed = SIGNED.match(paragraph.lines[0])
        if signed:
            doc.author = signed.group(1)
            break
    # The annex's title is the covering letter's, before any statement: a heading a quote
    # prints, or a later annex's, titled the letter with a statement's title.
    first = next((i for i, p in enumerate(paragraphs) if p.kind == "place"), len(paragraphs))
    annex = next((i for i, p in enumerate(paragraphs[:first]) if BEGINS_ANNEX.match(p.flat)), None)
    if annex is not None and annex + 1 < first:
        doc.metadata["annex_title"] = clean_text(paragraphs[annex + 1].raw, vocab)
    if layout.page_lines:
        first = PAGE_LINE.match(layout.page_lines[0])
        doc.metadata["job_number"] = first.group(3) or first.group(4)
        doc.metadata["page_count"] = int(first.group(2) or first.group(6))
    doc.metadata["footnotes"] = len(layout.footnotes)


def _iso_date(text: str) -> str | None:
    """"20.04.2020", "09.04. 2020" or "13 May 2020" as ISO 8601."""
    if not re.fullmatch(r"[\d.\s]+", text):
        return written_date(text, at_start=True)
    try:
        return datetime.datetime.strptime(re.sub(r"\s", "", text), "%d.%m.%Y").date().isoformat()
    except ValueError:
        return None


def _mark(paragraph: Paragraph, footnotes: set[int], after: int, split: bool = False) -> int | None:
    """The footnote number ending the paragraph, if it is one still to come: the first of the
    marks it ends with (_printed_marks), or, `split`, of fewer of them after a space, the
    numbers before being the text's (_mark_runs).  Split only for a title that reads no mark
    otherwise (_read_header): "Studio 2 & 3 4, 5" after footnote 3 reads 4, "Studio 2 & 3"
    being a name (read from 2, the statement had no mark, and its title lost the numbers)."""
    runs = _mark_runs(paragraph.flat) if split else [_printed_marks(paragraph.flat)]
    return next((numbers[0] for _, numbers in runs if numbers and numbers[0] in footnotes and numbers[0] > after),
                None)


def _mark_runs(text: str) -> list[tuple[re.Match, list[int]]]:
    """The runs of marks a text may end with, longest first, each where it begins and its
    numbers, none below the one before: those printed together, then those after each
    plain space between two of them ("Studio 2 & 3 4, 5": 2–5, 4–5; not after a comma, a
    dash or "and", which join marks)."""
    together = MARKS_AT_END.search(text)
    if not together:
        return []
    gaps = re.finditer(r"(?<=\d)\s(?=\d)", together.group(1))
    runs = []
    for start in [together.start(1), *(together.start(1) + gap.end() for gap in gaps)]:
        found = MARKS_AT_END.search(text, start) or MARK_AT_END.search(text, start)
        numbers = _counted_out(found.group(1))
        if _goes_up(found, numbers):
            runs.append((found, numbers))
    return runs


def _goes_up(marks: re.Match, numbers: list[int]) -> bool:
    """Whether marks printed together (`marks`' group 1), `numbers` counted out of them, may all
    be marks: none is below the one before ("2, 3, 3", a mark printed twice, is said:
    _repeated_marks), and the first is not a name's number printed again after a plain space
    ("G3 3", "Statement by the G3" and its mark 3, read as mark 3 printed twice, left
    "Statement by the G"; NAMED_THEN_MARKED)."""
    return (all(a <= b for a, b in zip(numbers, numbers[1:]))
            and not NAMED_THEN_MARKED.match(marks.string, marks.start(1)))


def _marks_at_end(text: str, own: int | None = None) -> list[int]:
    """The footnote marks a text ends with (_printed_marks), each once: the first is the
    statement's own footnote and the others its further sources (_further_footnotes, which
    cites those numbered before the next statement's own and says the others)."""
    return list(dict.fromkeys(_printed_marks(text, own)[1]))


def _printed_marks(text: str, own: int | None = None) -> tuple[re.Match | None, list[int]]:
    """Where the marks a text ends with begin, and their numbers as printed (a range counted
    out): several printed together ("2, 3, 4", "2 3", "2 and 3", a range "2–4") when none is
    below the one before, as a mark printed twice ("2, 3, 3") is still one, said by
    numbering_faults.report_repeated_marks; numbers that do not go up ("68/262, 3") end
    with one mark, the last, or with the longest run that goes up after a plain space
    (_mark_runs): "Statement by the G7 5, 6, 7" and "on articles 5, 6 5, 6, 7" end with
    5, 6, 7, the numbers before being the title's (read as ending with 7 alone, they left
    "G7 5, 6," in the title and footnotes 5 and 6 cited by no statement).  Given the `own`
    mark _mark read, those from it on."""
    if own is not None:
        return next(((found, numbers) for found, numbers in _mark_runs(text) if numbers[0] == own),
                    _printed_marks(text))
    together = MARKS_AT_END.search(text)
    if together:
        numbers = _counted_out(together.group(1))
        if len(numbers) > 1 and _goes_up(together, numbers):
            return together, numbers
        runs = _mark_runs(text)
        if runs:
            return runs[0]
    alone = MARK_AT_END.search(text)
    return alone, [int(alone.group(1))] if alone else []


def _counted_out(marks: str) -> list[int]:
    """The numbers of marks printed together, a range's each: "2, 3" and "2–3" are [2, 3]."""
    return [number for first, last in MARK_RANGE.findall(marks)
            for number in range(int(first), int(last or first) + 1)]


def _repeated_marks(text: str, own: int) -> str | None:
    """The marks a text ends with from its `own`, as printed, when they print a number twice
    ("2, 3, 3")."""
    found, numbers = _printed_marks(text, own)
    return found.group(0).strip() if len(set(numbers)) < len(numbers) else None


def _heading_like(text: str) -> bool:
    """Short, capitalised and not ending a sentence: a heading or a short title."""
    words = text.split()
    return 0 < len(words) <= 12 and text[0].isupper() and not text.endswith(HEADING_END)


def _name_like(text: str) -> bool:
    """An entity's name: a heading whose words are all capitalised, function words or a
    particle elided before a capital ("Côte d'Ivoire": read as no name, it was the end of the
    quote before, and its statement took the entity before's).

    "Organization for Security and Cooperation in Europe (OSCE)" is a name;
    "Republic of Moldova confirms its support ..." (a verb) and "Statement of the
    Ministry of Foreign Affairs of Georgia" (a kind of text) are titles.
    """
    words = text.split()
    if not _heading_like(text) or words[0].lower().strip("(") in TEXT_KINDS:
        return False
    return all(w.lower() in FUNCTION_WORDS or not w[0].isalpha() or w[0].isupper() or ELIDED.match(w) for w in words)


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
    taken off (_ends_quote); and, over a title, where it is not indented as that paragraph is
    while the title is otherwise.  Read as the quote's end, the heading was compared as the
    quote's words (a false "altered"), and its statement took the entity of the one before."""
    paragraph = paragraphs[at] if at >= 1 else None
    if (paragraph is None or paragraph.kind != "text" or len(paragraph.lines) != 1 or not _heading_like(paragraph.flat)
            or len(paragraph.flat.split()) > PLAIN_HEADING_WORDS or paragraph.flat.split()[0].lower() in TEXT_KINDS
            or re.search(r"[.!?;:]\s", paragraph.flat) or _mark(paragraph, footnotes, after)):
        return None
    before = paragraphs[at - 1]
    if before.kind == "section":
        return HEADING
    if before.kind != "text":
        return None
    if not _ends_quote(before):
        return "the quote before it ends no sentence"
    indent = _indent(paragraph.lines[0])
    if below is not None and indent == _indent(before.lines[0]) != _indent(below.lines[0]):
        return "it is indented as the quote before it is, not as the title under it"
    return HEADING


def _ends_quote(paragraph: Paragraph) -> bool:
    """Whether a paragraph ends a sentence or a quotation, its marks taken off (QUOTE_END)."""
    return QUOTE_END.search(_strip_mark(paragraph.flat)) is not None


def _titled(text: str) -> bool:
    """A title whose footnote mark was lost in extraction: a kind of text ("Statement by the
    Embassy of Osterlich") that ends no sentence.  Under an entity's name, it is its
    statement's title, not the end of the quote before (which took the entity and title in,
    and gave the statement the entity before's)."""
    words = text.split()
    return (0 < len(words) <= 30 and text[0].isupper() and words[0].lower() in TEXT_KINDS
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
    return bool(words) and words[0].lower() not in TEXT_KINDS and re.search(r"[.!?][”\"’)]*$", text) is not None


def _strip_mark(text: str, own: int | None = None) -> str:
    """The text without the marks it ends with (_printed_marks; from its `own` on, if given);
    four digits only as its `own` mark's: "Statement of 2 April 2020", marked elsewhere or its
    mark lost, ends with a year."""
    found, numbers = _printed_marks(text, own)
    if found and max(numbers) > SHORT_NUMBER and own not in numbers:
        return text.rstrip()
    return (text[:found.start()] if found else text).rstrip()


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
        above_heading = above is not None and above.kind == "text" and _name_like(above.flat) and not _mark(above, footnotes, after)
        plain = (_plain_heading(paragraphs, j - 1, footnotes, after, paragraphs[j])
                 if above and not above_heading else None)
        if mark and _name_like(text) and not above_heading:
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
        elif _name_like(text):
            header.entity, header.start = text, j
            j -= 1
        elif _plain_heading(paragraphs, j, footnotes, after) == HEADING:
            header.entity, header.start, header.untitled = text, j, True
            j -= 1
        if header.footnote:
            header.further = tuple(_marks_at_end(paragraphs[anchor - 1].flat, header.footnote)[1:])
    if j >= floor and paragraphs[j].kind == "section":
        header.section = SECTION.match(paragraphs[j].flat).group(2).strip()
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


@dataclass
class _Placed:
    """Where a statement is in the letter, before its text is cleaned."""

    anchor: int                 # index of its "Place, date" paragraph
    header: _Header
    body: list[Paragraph]       # its quote's paragraphs, a mark ending them removed
    footnote: int | None
    further: tuple[int, ...] = ()   # the marks printed after its own, its further sources
    repeated: str | None = None     # its marks as printed when they print a number twice ("2, 3, 3")
    spaced: tuple[tuple[int, str, str], ...] = ()   # marks read on strict terms, each after its word and stop
    run_on: tuple[int, ...] = ()    # its quote's marks that ran on to the next statement's own ("3–5"), as printed


def _last_mark(footnote: int | None, further: tuple[int, ...], before: int) -> int:
    """The last of the marks a statement prints that run on by one from its own, else
    `before`'s: a later statement's mark is above it.  A mark printed past a gap ("1, 2, 5")
    may be a later statement's (said by _further_footnotes): counted, it made the next
    statement's own mark look like text, and that statement the quote of this one's entity."""
    last = footnote
    for number in further:
        if number != last + 1:
            break
        last = number
    return last or before


def _statement_layout(paragraphs: list[Paragraph], footnotes: set[int], breaks: list[Heading]) -> list[_Placed]:
    """One statement per "Place, date" paragraph, in document order: header, quote, mark.

    `breaks` are the annex headings where the marks start again at 1; a quote ends at
    any annex heading (the annex's title after it is no quote).
    """
    anchors = [i for i, p in enumerate(paragraphs) if p.kind == "place"]
    titled: set[int] = set()
    while True:
        headers = _read_headers(paragraphs, anchors, footnotes, breaks, titled)
        placed = _place(paragraphs, anchors, headers, footnotes, breaks)
        refuted = _refuted_sentences(paragraphs, placed) - titled
        if not refuted:
            break
        titled |= refuted
    unfounded = [index for index, statement in enumerate(placed)
                 if statement.header.lost and not _mark_lost(placed, index, anchors, breaks)]
    if not unfounded:
        return placed
    for index in unfounded:
        headers[index] = _Header(start=anchors[index])
    return _place(paragraphs, anchors, headers, footnotes, breaks)


def _read_headers(paragraphs: list[Paragraph], anchors: list[int], footnotes: set[int], breaks: list[Heading],
                  titled: set[int]) -> list[_Header]:
    """Each statement's header, in document order, each reading marks above the last the
    ones before it read; those of the statements `titled` (by their index) read with no
    sentence over them (_refuted_sentences)."""
    headers: list[_Header] = []
    after, floor = 0, 0
    for index, anchor in enumerate(anchors):
        crossed = _crosses(breaks, anchors, index)
        if crossed:
            after = 0
        header = _read_header(headers, paragraphs, anchor, floor, footnotes, after, crossed, index in titled)
        headers.append(header)
        after = _last_mark(header.footnote, header.further, after)
        floor = anchor + 2      # the paragraph after "Place, date" is always quote
    return headers


def _refuted_sentences(paragraphs: list[Paragraph], placed: list[_Placed]) -> set[int]:
    """The statements (by index) read with a sentence over them (_sentence) whose own mark,
    found at their quote's end, is not the one right after the sentence's last: the sentence
    was their title, ending with a stop ("EU Statement on the elections.5" over a quote marked
    "format.6", "format.7": read as a sentence, the quote before took the title and footnote 5,
    and this statement cited 7 alone).  One that carries no mark keeps the reading, said
    (numbering_faults.report_sentences_over_unmarked)."""
    return {index for index, statement in enumerate(placed)
            if statement.header.sentence and statement.footnote is not None and not statement.header.on_place
            and statement.footnote != max(_marks_at_end(paragraphs[statement.anchor - 1].flat), default=0) + 1}


def _read_header(headers: list[_Header], paragraphs: list[Paragraph], anchor: int, floor: int, footnotes: set[int],
                 after: int, crossed: bool, titled: bool) -> _Header:
    """The header of the statement at `anchor`, after the `headers` before it: when its title
    reads no mark, one the statement before printed as a further source's, that statement's
    marks ceding it (_claimed, _cede: the last of `headers` replaced), else fewer of the
    numbers it ends with (_mark's `split`), tried last as the title's numbers are then read
    as its words, not marks.  So are they when the mark read is one the quote before prints
    (_quoted_before): "Statement by the G3 5" under a quote marked "format.3".  A sentence
    read over it (_sentence; not where there is no quote before it, nor where it is `titled`)
    is not read again split: its mark would be a name's number, "Ministry of Foreign Affairs
    of Aria.4" the next statement's entity."""
    quoted = bool(headers) and not crossed
    sentence_ok = quoted and not titled
    header = _header(paragraphs, anchor, floor, footnotes, after, quoted=sentence_ok)
    if header.footnote is not None and quoted and _quoted_before(paragraphs, floor, header.start, header.footnote):
        split = _header(paragraphs, anchor, floor, footnotes, header.footnote, split=True, quoted=sentence_ok)
        header = split if split.footnote is not None else header
    if header.footnote is None and quoted:
        claimed = _claimed(headers[-1], paragraphs, anchor, floor, footnotes)
        if claimed:
            headers[-1] = _cede(headers[-1], claimed.footnote)
            return claimed
    if header.footnote is not None or header.sentence:
        return header
    return _header(paragraphs, anchor, floor, footnotes, after, split=True, quoted=sentence_ok)


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


def _claimed(previous: _Header, paragraphs: list[Paragraph], anchor: int, floor: int,
             footnotes: set[int]) -> _Header | None:
    """The header of the statement at `anchor` when its title's own mark is one the statement
    before printed as a further source's, with all of that one's marks from it on: "Aria2–4"
    over "Borduria4, 5" (a range run on past the last mark its own).  Read as Aria's, footnote 4
    made Borduria's mark look used, and Borduria unmarked.  A title mark is its statement's
    own footnote, so the range stops before it (_cede), said (numbering_faults.report_ceded_marks).
    A number that takes up only some of those marks ("Protocol 3" under "Aria2–4") claims none."""
    if previous.footnote is None or not previous.further:
        return None
    header = _header(paragraphs, anchor, floor, footnotes, previous.footnote)
    if header.footnote not in previous.further:
        return None
    ceded = {number for number in previous.further if number >= header.footnote}
    return header if ceded <= {header.footnote, *header.further} else None


def _cede(previous: _Header, mark: int) -> _Header:
    """The header before, its further marks stopping before `mark`, the next statement's own."""
    return replace(previous, further=tuple(number for number in previous.further if number < mark),
                   ceded=tuple(number for number in previous.further if number >= mark))


def _place(paragraphs: list[Paragraph], anchors: list[int], headers: list[_Header], footnotes: set[int],
           breaks: list[Heading]) -> list[_Placed]:
    """Each statement's quote, from its "Place, date" paragraph to the next one's header or an
    annex heading, and its mark: its header's, or its quote's end's."""
    annexes = [i for i, p in enumerate(paragraphs) if p.kind == "annex"]
    placed: list[_Placed] = []
    used = 0
    for index, (anchor, header) in enumerate(zip(anchors, headers)):
        if _crosses(breaks, anchors, index):
            used = 0
        end = headers[index + 1].start if index + 1 < len(anchors) else len(paragraphs)
        end = min([end, *(at for at in annexes if at > anchor)])
        body = [p for p in paragraphs[anchor + 1:end] if p.kind == "text"]
        footnote, further = header.footnote, header.further
        repeated = _repeated_marks(paragraphs[anchor - 1].flat, footnote) if footnote and not header.on_place else None
        if footnote is None and body:
            footnote = _mark(body[-1], footnotes, used)
            if footnote:
                further = tuple(_marks_at_end(body[-1].flat, footnote)[1:])
                repeated = _repeated_marks(body[-1].flat, footnote)
                body[-1] = replace(body[-1], lines=body[-1].lines[:-1] + [_strip_mark(body[-1].lines[-1], footnote)])
        used = _last_mark(footnote, further, used)
        placed.append(_Placed(anchor, header, body, footnote, further, repeated))
    return placed


def _mark_lost(placed: list[_Placed], index: int, anchors: list[int], breaks: list[Heading]) -> bool:
    """Whether a statement under a title read as having lost its mark (_titled) did: it has
    no mark, and the statements before and after, in its numbering, have marks with a
    number between them.  Without that, the "title" may be a quote's last lines (a sign-off,
    "Federal Ministry ..." over "Press Office ...") before a statement of the same entity
    with no title, or whose mark ends its quote: taken as a title, it cut the quote before
    and gave the statement a wrong entity."""
    if placed[index].footnote is not None or not 0 < index < len(placed) - 1:
        return False
    before, after = placed[index - 1].footnote, placed[index + 1].footnote
    restarted = _crosses(breaks, anchors, index) or _crosses(breaks, anchors, index + 1)
    return not restarted and None not in (before, after) and before + 1 < after


def _crosses(breaks: list[Heading], anchors: list[int], index: int) -> bool:
    """Whether marks start again between the statement before and this one."""
    return any((anchors[index - 1] if index else -1) < heading.paragraph < anchors[index] for heading in breaks)


def _further_footnotes(placed: list[_Placed], layout: Layout) -> tuple[list[_Placed], dict[int, list[tuple]],
                                                                     dict[int, list[tuple]], dict[int, list[int]]]:
    """The statements with the marks of their further sources taken out of their quotes,
    the (part, number) of those sources' footnotes by statement (its seq), those of the
    further sources whose footnotes were lost, and the marks printed after a statement's own
    that number no footnote of its (past the next statement's own: "1, 2, 5"), by statement.

    A statement may quote several sources (a minister's words from two interviews, each
    sentence marked): its title carries its own footnote, its quote the others' marks,
    numbered between its own and the next statement's.  Such a mark is a footnote's, not
    the quote's words: printed after a word or a stop ("format.3", "agreed3") or ending a
    paragraph ("format 3"), alone or with others ("format.3, 4", "format.3–4"), or, on
    stricter terms, after a word's stop and a space inside a paragraph (_unmark_spaced),
    numbering footnotes read in the statement's part that are no statement's own.  So are
    the marks printed after its own on its title ("2, 3, 4": _marks_at_end, taken off the
    title by _strip_mark).
    Counted (numbering_faults.count_further), so that a letter with many footnotes a
    statement is not taken for one whose statements were lost (_refuse_lost_statements).
    Each becomes a citation of the statement, as its own footnote does (_attach_citations).
    A further mark whose footnote was not read (a number in the statement's range that no
    footnote of its part has: the page's last footnote line lost) is lost, said as a lost
    own footnote is (numbering_faults.report_missing), not left in the quote, nor does it
    keep the marks printed with it ("Co-Chairs.7, 8", 8 lost) from being read."""
    parts = [part_of(statement.anchor, layout.opened, layout.first_part) for statement in placed]
    own = {(part, statement.footnote) for part, statement in zip(parts, placed) if statement.footnote}
    read = [(f.part, f.number) for f in layout.footnotes]
    unowned = [pair for pair in read if pair not in own]
    unmarked, cited, lost, stray, seen, floor = [], {}, {}, {}, set(), {}
    for index, (part, statement) in enumerate(zip(parts, placed)):
        low = floor[part] = statement.footnote or floor.get(part)
        high = next((later.footnote for at, later in zip(parts[index + 1:], placed[index + 1:])
                     if at == part and later.footnote), None)
        wanted = {number for at, number in unowned
                  if at == part and low is not None and low < number and (high is None or number < high)}
        unread = _unread_range(low, high, {number for at, number in read if at == part})
        found, gone, spaced, run_on = set(statement.further) & wanted, set(statement.further) & unread, [], set()
        claimed = _claimed_marks(placed, parts, index)
        body = _unmarked_body(statement.body, wanted, unread, found, gone, spaced, (claimed, run_on))
        unmarked.append(replace(statement, body=body, spaced=tuple(spaced), run_on=tuple(sorted(run_on))))
        new = sorted({(part, number) for number in found} - seen)
        if new:
            cited[index + 1] = new
            seen.update(new)
        if gone:
            lost[index + 1] = sorted((part, number) for number in gone)
        if set(statement.further) - wanted - unread:
            stray[index + 1] = sorted(set(statement.further) - wanted - unread)
    return unmarked, cited, lost, stray


def _claimed_marks(placed: list[_Placed], parts: list, index: int) -> set[int]:
    """The marks the statement after the one at `index` prints as its own (its footnote, and
    those printed after it), where a range of the quote's marks may run on to ("format.3–5"
    over "Borduria5": _unmark); none when that one is in another part or prints no mark."""
    if index + 1 == len(placed) or parts[index + 1] != parts[index] or not placed[index + 1].footnote:
        return set()
    return {placed[index + 1].footnote, *placed[index + 1].further}


def _unread_range(low: int | None, high: int | None, numbers: set[int]) -> set[int]:
    """The numbers a statement's further marks may have (after its own `low`, before the next
    statement's `high`, else up to one past its part's last footnote read) that no footnote
    read in its part has: marks whose footnotes were lost."""
    if low is None:
        return set()
    top = high if high is not None else max(numbers, default=low) + 2
    return {number for number in range(low + 1, top) if number not in numbers}


# Where a mark is printed in a quote: its paragraph, line and column (_unmark_spaced).
_Where = tuple[int, int, int]
# The marks the next statement prints as its own, and those of a quote's printed runs that ran
# on to them, as _unmark finds them (_claimed_marks).
_RunOn = tuple[set[int], set[int]]


def _unmarked_body(body: list[Paragraph], wanted: set[int], unread: set[int], found: set[int],
                   gone: set[int], spaced: list[tuple[int, str, str]], run_on: _RunOn) -> list[Paragraph]:
    """The quote's paragraphs without the marks of its further sources (_unmark).  A mark
    alone whose footnote was not read ("Co-Chairs.8", the page's last footnote line lost) is
    one only in a statement that cites further sources read, glued to a word or a stop: a
    number ending a paragraph after a space ("Article 8") is no evidence of a mark.  A number
    after a stop and a space is one only in a quote that prints marks of its own (one read
    here, not on the title): elsewhere nothing tells it from a sentence's first word; so is
    one glued after a number's stop ("2020.3"), which may be a decimal's digits.  Those
    are read (_unmark_spaced, which adds each one it reads to `spaced`) once the others are
    known, in the quote as printed, where the others' places show their order; the others
    are then taken out of what is left."""
    on_title = set(found)
    unmarked = _unmark_glued(body, wanted, unread, found, gone, run_on)
    if found == on_title:
        return unmarked
    body = _unmark_spaced(body, wanted, found, spaced, _printed_quote_marks(body, found - on_title))
    return _unmark_glued(body, wanted, unread, found, gone, run_on)


def _unmark_glued(body: list[Paragraph], wanted: set[int], unread: set[int], found: set[int],
                  gone: set[int], run_on: _RunOn) -> list[Paragraph]:
    """The quote's paragraphs without its marks glued to a word or a stop, or ending a
    paragraph (_unmark): those alone whose footnotes were not read only when others were."""
    body = [_unmark(paragraph, wanted, found, unread, gone, run_on, lone=False) for paragraph in body]
    if found:
        body = [_unmark(paragraph, wanted, found, unread, gone, run_on, lone=True) for paragraph in body]
    return body


def _unmark(paragraph: Paragraph, wanted: set[int], found: set[int], unread: set[int], gone: set[int],
            run_on: _RunOn, lone: bool) -> Paragraph:
    """The paragraph without the marks of the `wanted` footnotes (_further_footnotes); each
    one taken out is added to `found`.  A mark printed with them whose footnote was not read
    (`unread`) is taken out too, added to `gone`; alone, such a number is taken out only when
    `lone` (_unmarked_body), and only glued.  One after a word that numbers follow ("No.3",
    "under article 3") is the quote's (_numbered_by).  A paragraph that reads as a heading or
    a title is left as it is: one inside a quote is another statement's, whose "Place, date"
    line was lost, and its mark that statement's own, not a further source of this one
    (counted as one, the statements lost would pass for sources quoted:
    _refuse_lost_statements).  Marks that run on to the next statement's own, `run_on`'s
    first ("format.3–5" over "Borduria5", as a title's do: _claimed), stop before it, the whole
    printed run taken out and its numbers added to `run_on`'s second, said
    (numbering_faults.report_ceded_marks): refused whole, the run stayed in the quote, and
    footnotes 3 and 4 were cited by no statement."""
    if _read_as_heading(paragraph):
        return paragraph
    claimed, ran_on = run_on

    def cut(match: re.Match, alone: bool) -> str:
        marks = set(_counted_out(match.group(1)))
        ceded = {number for number in marks if claimed and number >= min(claimed)}
        numbers = marks - ceded
        if (not numbers or not ceded <= claimed or not (numbers & wanted or alone)
                or not numbers <= wanted | unread or _numbered_by(match)):
            return match.group(0)
        found.update(numbers & wanted)
        gone.update(numbers & unread)
        ran_on.update(marks if ceded else ())
        return ""

    lines = [QUOTE_MARK.sub(lambda match: cut(match, lone), line) for line in paragraph.lines]
    lines[-1] = PARAGRAPH_MARK.sub(lambda match: cut(match, False), lines[-1])
    return replace(paragraph, lines=lines)


def _unmark_spaced(body: list[Paragraph], wanted: set[int], found: set[int], spaced: list[tuple[int, str, str]],
                   printed: list[tuple[_Where, set[int]]]) -> list[Paragraph]:
    """The quote's paragraphs without the marks printed after a word's stop and a space
    (SPACED_MARK: "format. 8", the space added in extraction) inside one (one ending it is
    PARAGRAPH_MARK's), or glued after a number's stop (STRICT_MARK: "held on 31 March 2020.8",
    "resolutions 874 and 884.8", which QUOTE_MARK leaves, as "3.5 per cent" is no mark), each
    one taken out added to `found`, and to `spaced` with the word before it and, glued, the
    stop between.  A number there may as well begin a sentence ("... in Geneva. 8 States
    signed"), so it is a mark only when its footnote is one of the `wanted`, is the lowest of
    them that no other mark took (a footnote marked elsewhere in the quote is not marked
    twice), stands in order among the quote's other marks, `printed` (_printed_quote_marks:
    marks run on in order, and "format.9 ... in Geneva. 8 States" is no mark), and ends its
    line or comes before a capital: "in Geneva. 8 people", "Resolution 2334. 4 members" and
    "General Comment No. 3 (1990)" (NUMBERED_BY) are no marks.  Even so, "in Geneva. 8 States
    signed" before "format.9", footnote 8 marked nowhere, reads as a mark, and the quote loses
    a number it printed: each one read is said (numbering_faults.report_spaced_marks), so that
    the quote is checked; as is a glued one, which may be the digits of a decimal ("version
    2.3") that happened to be the next footnote's number.  A heading-like paragraph is left as
    _unmark leaves it."""

    def cut(match: re.Match, where: _Where) -> str:
        number, unmarked = int(match.group(1) or match.group(2)), wanted - found
        if (number not in unmarked or number != min(unmarked) or _numbered_by(match)
                or not _in_order(number, where, printed)):
            return match.group(0)
        found.add(number)
        word = match.string[:match.start()].split()[-1]
        spaced.append((number, word, "") if match.group(1) else (number, word[:-1], word[-1]))
        return ""

    return [paragraph if _read_as_heading(paragraph) else replace(paragraph, lines=[
        STRICT_MARK.sub(lambda match: cut(match, (at, row, match.start())), line)
        for row, line in enumerate(paragraph.lines)]) for at, paragraph in enumerate(body)]


def _numbered_by(match: re.Match) -> bool:
    """Whether a mark read in a quote follows an abbreviation or a word that a number follows
    (NUMBERED_BY: "Protocol No.3", "pp.3–4", "No. 3"; NUMBERED_NOUNS: "under article 3"
    ending a paragraph, but not "the article.3", a sentence's end), or the last of a list of
    numbers after one ("paragraphs 5, 6 and 7"): the quote's number, not a mark, which taken
    out would change the quote ("paragraphs 5, 6 and", footnote 7 cited)."""
    words = match.string[:match.start()].split()
    listed = len(words)
    while listed > 1 and LISTED_NUMBER.match(words[listed - 1]):
        listed -= 1
    if any(word[0].isdigit() for word in words[listed:]):
        words = words[:listed]
    return bool(words) and (words[-1].rstrip(".").lower() in NUMBERED_BY or words[-1].lower() in NUMBERED_NOUNS)


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


def _in_order(number: int, where: _Where, printed: list[tuple[_Where, set[int]]]) -> bool:
    """Whether a mark `number` at `where` follows the lower of the marks `printed` and comes
    before the higher."""
    return all(max(numbers) < number if at < where else min(numbers) > number for at, numbers in printed)


def _read_as_heading(paragraph: Paragraph) -> bool:
    """Whether a quote's paragraph reads as a heading or a title, its marks taken off: another
    statement's, whose "Place, date" line was lost (_unmark)."""
    words = _strip_mark(paragraph.flat)
    return _heading_like(words) or _titled(words)


def _statements(paragraphs: list[Paragraph], placements: list[_Placed], vocab: Vocabulary,
                layout: Layout) -> list[Statement]:
    """One statement per "Place, date" paragraph, in document order, each in its part."""
    statements: list[Statement] = []
    section = entity = None
    for index, placed in enumerate(placements):
        header = placed.header
        section = header.section or section
        if header.entity:
            entity = header.entity
        place = PLACE_DATE.match(paragraphs[placed.anchor].flat)
        quote, flags = _quote(placed.body, vocab)
        statements.append(Statement(
            seq=index + 1, quote=quote, section=section, entity=entity,
            title=clean_text(_title(header), vocab) if header.title else None,
            place=(place.group("place") or "").strip() or None, date=_iso_date(place.group("date")),
            footnote=placed.footnote, flags=flags, part=part_of(placed.anchor, layout.opened, layout.first_part),
        ))
    return statements


def _title(header: _Header) -> str:
    """The header's title without its marks; as printed when its mark is on the "Place, date"
    line (the numbers it ends with are its words then: "Statement on article 3")."""
    return header.title if header.on_place else _strip_mark(header.title, header.footnote)


def _quote(body: list[Paragraph], vocab: Vocabulary) -> tuple[str, list[str]]:
    """The cleaned quote (paragraphs kept apart by a newline) and its flags."""
    paragraphs = [clean_text(p.raw, vocab) for p in body]
    flags = []
    cleaned = []
    for text in paragraphs:
        stripped = INNER_MARK.sub(lambda m: m.group(1) if vocab.known(m.group(1)) else m.group(0), text)
        if stripped != text:
            flags.append("inner-footnote-marker")
        cleaned.append(stripped)
    return "\n".join(p for p in cleaned if p), sorted(set(flags))


def _keep_translations_apart(doc: ParsedDocument) -> None:
    """A quote that prints the original's words and then a translation of them, "(Unofficial
    translation: ...)", keeps the original's words as its quote, the statement flagged
    "translation-apart", and the translation in the document's metadata "translations"
    (statement, label as printed, text): compared as one quote, the original's words verbatim
    in the source page and the translation's in none, the statement was judged a translation,
    or altered.  A quote that is a translation alone stays as it is."""
    for statement in doc.statements:
        original, translations = _translated(statement.quote)
        if not translations:
            continue
        statement.quote = original
        statement.flags = sorted(set(statement.flags) | {"translation-apart"})
        doc.metadata.setdefault("translations", []).extend(
            {"statement": statement.seq, "label": label, "text": text} for label, text in translations)


def _translated(quote: str) -> tuple[str, list[tuple[str, str]]]:
    """The quote without the translations it prints in brackets (TRANSLATION, up to the
    bracket that closes it, brackets inside counted), and each one's label and text; the quote
    as it is and none when a bracket is not closed or nothing but translations is left."""
    translations, kept, at = [], [], 0
    for opened in TRANSLATION.finditer(quote):
        if opened.start() < at:
            continue
        close = closing_bracket(quote, opened.start())
        if close is None:
            return quote, []
        translations.append((opened.group("label"), " ".join(quote[opened.end():close].split())))
        kept.append(quote[at:opened.start()])
        at = close + 1
    kept.append(quote[at:])
    paragraphs = [" ".join(paragraph.split()) for paragraph in "".join(kept).split("\n")]
    original = "\n".join(paragraph for paragraph in paragraphs if paragraph)
    if not translations or not any(char.isalpha() for char in original):
        return quote, []
    return original, translations


def _attach_citations(doc: ParsedDocument, layout: Layout, further: dict[int, list[tuple]]) -> None:
    """Footnotes to citations: a statement's own footnote's, then its `further` sources' (by
    its seq: _further_footnotes), each as any footnote, then those of the further URLs of
    its footnotes (_cite_further_urls); links no footnote uses to document links."""
    by_number = {(f.part, f.number): f for f in layout.footnotes}
    used: set[str] = set()
    made: dict[tuple, list[Citation]] = {}
    urls: list[tuple[Statement, Citation]] = []
    page_links: dict[int, list[str]] = {}
    for page, link in layout.links:
        page_links.setdefault(page, []).append(link)
    for statement in doc.statements:
        footnote = by_number.get((statement.part, statement.footnote))
        if footnote is not None:
            statement.citation = _cite(doc, statement, footnote, page_links, used, made, urls)
        elif statement.footnote is not None:
            statement.flags = sorted(set(statement.flags) | {"footnote-missing"})
        statement.further = [_cite(doc, statement, by_number[pair], page_links, used, made, urls)
                             for pair in further.get(statement.seq, [])]
    _cite_further_urls(urls, layout)
    for page, link in layout.links:
        if link not in used and link not in {l.url for l in doc.links}:
            doc.links.append(DocumentLink(link, f"page {page}: a link that is not a footnote"))


def _cite(doc: ParsedDocument, statement: Statement, footnote: Footnote, page_links: dict[int, list[str]],
          used: set[str], made: dict[tuple, list[Citation]], urls: list[tuple[Statement, Citation]]) -> Citation:
    """The citation `footnote` makes (footnotes.py, with the links of the pages it is printed
    on, and the citations of the footnote numbered before it, `made` so far, that an "Ibid."
    cites again), its link target marked `used` and what it warns of said; an unofficial
    translation flags its statement too.  The citations of the footnote's further URLs go to
    `urls`, with the statement, to be numbered after every footnote (_cite_further_urls)."""
    citation, *more = citations_for(footnote, [link for page in footnote.pages for link in page_links.get(page, [])],
                                    used, previous=made.get((footnote.part, footnote.number - 1)))
    made[(footnote.part, footnote.number)] = [citation, *more]
    for cited in (citation, *more):
        for warning in cited.warnings:
            doc.warn(warning)
        if cited.link_target:
            used.add(cited.link_target)
    if "unofficial-translation" in citation.flags:
        statement.flags = sorted(set(statement.flags) | {"unofficial-translation"})
    urls += [(statement, url) for url in more]
    return citation


def _cite_further_urls(urls: list[tuple[Statement, Citation]], layout: Layout) -> None:
    """Each further URL of a footnote ("See https://a and https://b.": footnotes.citations_for)
    a citation of the statement citing that footnote, after its footnotes' citations.  A
    statement's citations are UNIQUE by seq and a footnote's seq is its place: these take
    the seqs after every footnote's, in the order read (statement by statement, footnote by
    footnote, URL by URL), so the same document gives the same seqs on every ingest (a
    re-ingest of the same bytes compares rows with their seqs: crawler/ingest/rows.py
    `missing_further`).  A URL added to an earlier footnote shifts these seqs: --replace
    compares them by what they cite and renumbers the rows it keeps (replace.py).  Each keeps its
    footnote's number (`footnote`), which names it "footnote 3" as its first URL is named."""
    after = max((f.number + f.offset for f in layout.footnotes), default=0)
    for seq, (statement, citation) in enumerate(urls, start=after + 1):
        citation.seq = seq
        statement.further.append(citation)
