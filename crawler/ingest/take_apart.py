"""A compiled letter's pages taken apart: body lines, page furniture and numbered footnotes.

Step 1 of reading a letter (letter.py): its result is a Layout (layout.py), whose body lines
become paragraphs (paragraphs.py) and whose footnotes are paired with the statements' marks.

Pages are cut into body lines and footnotes; marks printed as superscripts ("Europe³")
or in brackets ("Europe[3]"), and footnote lines that begin so ("³ https://...",
"[3] https://..."), are read as their digits (_ascii_marks, _ascii_note).  Page furniture
(symbol lines, the page/job line) is removed and remembered as metadata; the document's symbols are
those of symbol lines at a page's edge or next to its page line, not another
document's that a wrapped line leaves alone (_own_symbols).  Footnotes are numbered
lines after the rule (past 999 only where lines run on 1000, 1001, ...: a line that
begins with four digits is otherwise a year's, _numbered_notes), each number one more
than the last, or further on when a
statement carries that mark (the marks the statements use: placement.py _statement_marks)
and the expected number is not among the numbered lines just after (a footnote lost in
extraction: said in a warning, its statement flagged "footnote-missing"; the marks it
prints besides its own, "5, 6, 7" or "format.6" in its quote, are marks still, so their
footnotes read past the gap are cited: placement.py _lost_own_marks, as are a quote's
marks past a further source's lost: _quoted_marks); a line that begins with a date in
any of the UN's languages ("14 April 2020, https://...", "14 avril 2020",
"14 de abril de 2020": dates.py) or a number below the expected one goes on with
the footnote being read, as do the lines at the top of a page's footnotes before
a new number (_read_footnotes, _starts_footnote).  Numbering that starts again at an
annex heading ("Annex II") begins a part of its own (parts.py; _begin_footnote); anywhere
else, a run 1, 2, 3 below the number expected (documents joined into one) is refused
(numbering_faults.py).
"""

from __future__ import annotations

import bisect
import re

from crawler.ingest.dates import written_date
from crawler.ingest.footnotes import Footnote
from crawler.ingest.layout import Layout, Line
from crawler.ingest.model import Page
from crawler.ingest.parts import Heading

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
# The first page's footer: job number, language, date of processing ("21-04567 (E)  030321").
JOB_FOOTER = re.compile(r"^\s*\d{2}-\d{5}\s*\([A-Z]\)(?:\s+\d{6})?\s*(?:\*\d+\*)?\s*$")
# Marks printed as superscript digits ("Europe³", "format.¹²", "¹,²", "²⁻⁴") or in brackets ("Europe[2]"), and
# footnote lines that begin with them ("³ https://...", "[3] https://..."): read as the digits are (_ascii_marks).
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
ASCII_DIGITS = str.maketrans(SUPERSCRIPTS + "⁻", "0123456789-")
STYLED_MARK = re.compile(rf"(?:[{SUPERSCRIPTS}]+(?:[,⁻–-] ?[{SUPERSCRIPTS}]+)*"
                         r"|\[(\d{1,4}(?:(?:, ?|[–-])\d{1,4})*)\])(?=[\s.,;:!?)”\"’\]]|$)")
STYLED_NOTE = re.compile(rf"^(\s*)(?:\[(\d{{1,3}})\]|([{SUPERSCRIPTS}]{{1,3}}))\s*(?=\S)")
# A unit's power ("km²", "m³"): a superscript after a lower-case word of one or two letters is no mark.
UNIT = re.compile(r"(?:^|[\s(\d])[a-z]{1,2}$")
# How many numbered footnote lines ahead are read to tell a gap in the numbering
# from a footnote line that begins with a number.
LOOKAHEAD = 3
# What _take_apart notes of the lines for _own_symbols: a page's edge, a page or job line,
# any other non-blank line; a run of consecutive symbol lines is noted as its symbols (a list).
EDGE, FURNITURE, TEXT = "edge", "furniture", "text"


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
    written as digits are, so they are read as those are (a letter marked so lost every statement's
    footnote, and was refused as one whose footnotes were not extracted).
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
