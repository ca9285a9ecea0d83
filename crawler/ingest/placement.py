"""Statements placed in a letter: one per "Place, date" paragraph, in document order, each
with its header, its quote's paragraphs and its footnote mark; a "Place, date" paragraph that
closes the statement before (its own place and date printed after its text) begins none
(_closing_datelines).

Step 3 of reading a letter (letter.py), after headers.py, which reads one statement's header.
Each statement's header reads marks above the last the ones before it read (_read_headers,
_read_header); one whose title reads no mark may take one the statement before printed as a
further source's, that statement's marks ceding it (_claimed, _cede).  A statement without a
heading of its own keeps the entity (and section) of the one before (letter.py _statements);
one whose mark ends its quote (the OSCE PA's) takes the footnote from there (_place).  The
paragraph right after a "Place, date" line always belongs to that statement's quote; an
annex heading ends a quote, and where numbering starts again there, marks do too (_crosses).

The marks the statements use are also what reading the footnotes goes by (take_apart.py
_read_footnotes): a numbered footnote line out of sequence is a footnote only if a statement
carries its mark (_statement_marks, _lost_own_marks, _quoted_marks).  Marks run on past the
last footnote found (_marks), so the last footnotes lost are said as a gap is; so are
unmarked statements at the end of a letter that marks every one before them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from crawler.ingest.headers import _Header, _header, _mark, _printed_quote_marks, _quoted_before
from crawler.ingest.layout import Layout
from crawler.ingest.marks import _marks_at_end, _repeated_marks, _strip_mark
from crawler.ingest.paragraphs import Paragraph
from crawler.ingest.parts import Heading
from crawler.ingest.take_apart import _numbered_notes


# What a quote is made of: its text, and a line shaped as a section's heading that no statement's header
# reads as its section (headers.py reads one right over an entity, a title or a "Place, date" line): a
# numbered point of the quoted text ("一、中方立场", "أولا - موقفنا", "II. Our position"), which was
# dropped from the quote, its statement compared without it.
QUOTED_KINDS = ("text", "section")


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
    anchors, headers = _anchors(paragraphs, footnotes, breaks)
    titled: set[int] = set()
    while True:
        headers = headers or _read_headers(paragraphs, anchors, footnotes, breaks, titled)
        placed = _place(paragraphs, anchors, headers, footnotes, breaks)
        refuted = _refuted_sentences(paragraphs, placed) - titled
        if not refuted:
            break
        titled |= refuted
        headers = None
    unfounded = [index for index, statement in enumerate(placed)
                 if statement.header.lost and not _mark_lost(placed, index, anchors, breaks)]
    if not unfounded:
        return placed
    for index in unfounded:
        headers[index] = _Header(start=anchors[index])
    return _place(paragraphs, anchors, headers, footnotes, breaks)


def _anchors(paragraphs: list[Paragraph], footnotes: set[int],
             breaks: list[Heading]) -> tuple[list[int], list[_Header] | None]:
    """The "Place, date" paragraphs that begin a statement: all but the closing datelines
    (_closing_datelines); and, where none closes, their headers, read to tell (reading them
    twice made every letter's reading a third slower)."""
    places = [i for i, p in enumerate(paragraphs) if p.kind == "place"]
    headers = _read_headers(paragraphs, places, footnotes, breaks, set())
    closing = _closing_datelines(paragraphs, places, headers, footnotes, breaks)
    return [anchor for anchor in places if anchor not in closing], None if closing else headers


def _closing_datelines(paragraphs: list[Paragraph], places: list[int], headers: list[_Header], footnotes: set[int],
                       breaks: list[Heading]) -> set[int]:
    """The "Place, date" paragraphs that close the statement before rather than begin one: the
    statement's own place and date printed after its text, as a statement is often reproduced
    ("... within the agreed format." over "Paris, 20 avril 2020").  Such a line has no header
    of its own (no title, entity, section or mark above it, the quote before's text right over
    it, within one annex), and only the next statement's headings follow it (_heads_next).
    Read as a statement's, it was one with no text and no footnote, and took the heading
    after it as its quote: the next statement lost its section, or its title and mark.
    `headers`: each one's, as read when every one begins a statement."""
    closing, after = set(), 0
    for index, (anchor, header) in enumerate(zip(places, headers)):
        if _crosses(breaks, places, index):
            after = 0
        elif (index and header.start == anchor and header.footnote is None and not header.entity
              and paragraphs[anchor - 1].kind == "text"
              and not any(p.kind == "annex" for p in paragraphs[places[index - 1]:anchor])
              and _heads_next(paragraphs, places, index, footnotes, after)):
            closing.add(anchor)
        after = _last_mark(header.footnote, header.further, after)
    return closing


def _heads_next(paragraphs: list[Paragraph], places: list[int], index: int, footnotes: set[int], after: int) -> bool:
    """Whether nothing but the next statement's header follows the "Place, date" paragraph of
    `places[index]` (up to the next one, an annex heading or the letter's end): its header,
    read as though the paragraph were text of the quote before (from the paragraph right after
    it, `_header`'s floor), takes in every text paragraph between them."""
    anchor = places[index]
    end = next((at for at in range(anchor + 1, len(paragraphs)) if paragraphs[at].kind in ("place", "annex")),
               len(paragraphs))
    if end < len(paragraphs) and paragraphs[end].kind == "place":
        end = _header(paragraphs, end, anchor + 1, footnotes, after).start
    return not any(p.kind == "text" for p in paragraphs[anchor + 1:end])


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
    annex heading, and its mark: its header's, or its quote's end's.  A section-shaped line
    there is the quote's (QUOTED_KINDS), as no header read it."""
    annexes = [i for i, p in enumerate(paragraphs) if p.kind == "annex"]
    placed: list[_Placed] = []
    used = 0
    for index, (anchor, header) in enumerate(zip(anchors, headers)):
        if _crosses(breaks, anchors, index):
            used = 0
        end = headers[index + 1].start if index + 1 < len(anchors) else len(paragraphs)
        end = min([end, *(at for at in annexes if at > anchor)])
        body = [p for p in paragraphs[anchor + 1:end] if p.kind in QUOTED_KINDS]
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
