"""What a letter's footnote numbering may not do, and what it shows was lost: refused or warned about.

Refused (IngestError), as a statement's mark would name two footnotes, or another part's:
numbering that starts again other than at an annex heading (parts.py), or at a heading naming
a part already read, or at an annex whose first footnote was lost.  Warned about, in a line
kept in the document's metadata, with the statements or citations concerned flagged: footnote
numbers missing (lost in extraction), statements unmarked at the end or between two marks
(marks lost), or under a marked sentence that may be their title, numbers printed twice.

Apart from letter.py and the modules it reads the letter with (take_apart.py, paragraphs.py,
headers.py, placement.py, further.py: pages into footnotes, paragraphs, statements),
because these only judge what it read, from the Layout (layout.py) or the parsed document.
The one refusal that needs the statements' places in the letter
(_refuse_footnotes_past_the_next_annex) stays in letter.py with them.
"""

from __future__ import annotations

import re

from crawler.ingest.footnotes import missing_numbers, restarts
from crawler.numbering import spans
from crawler.ingest.layout import Layout
from crawler.ingest.model import IngestError, ParsedDocument
from crawler.ingest.parts import numbered, runs
from crawler.numbering import printed


def refuse_restarted_numbering(layout: Layout, path: str) -> None:
    """Footnote numbers that start again other than at an annex heading (parts.py)
    cannot be told apart: refuse the document.

    A statement's mark "3" would name two footnotes: pairing by guess would
    misattribute, so say it.
    """
    again = restarts(layout.footnotes)
    if again:
        first = again[0]
        before = layout.footnotes[layout.footnotes.index(first) - 1].number
        times = f" ({len(again)} times in all)" if len(again) > 1 else ""
        raise IngestError(
            f"{path}: footnote numbering starts again at {first.number} on page {first.page}, after footnote {before}"
            f"{times}: several documents joined into one? ingest each document on its own "
            "(numbering may start again only at an annex heading, \"Annex II\")"
        )


def refuse_parts_named_twice(layout: Layout, path: str) -> None:
    """Numbering that starts again at a heading naming a part already read ("Annex I" of a
    second document joined after a first's annexes), whether numbering started again at
    that part or went on past it, is refused: statements and footnotes are paired by
    (part, number), and the two parts' footnote 1 would be one.  (Numbering that goes on
    past such a heading begins no part there: take_apart.py's _named.)"""
    seen: list[str] = [layout.first_part.casefold()] if layout.first_part else []
    for heading in layout.opened:
        if heading.label.casefold() in seen:
            raise IngestError(
                f"{path}: footnote numbering starts again at a second '{heading.label}' heading on page "
                f"{heading.page}: several documents joined into one? ingest each document on its own"
            )
        seen.append(heading.label.casefold())


def refuse_unopened_annexes(layout: Layout, path: str) -> None:
    """An annex heading whose statements' marks start again (at 1, below the footnotes
    read before it) but whose footnotes went on from the numbering before, past its
    page: its first footnote was lost in extraction, and its other footnotes were read
    as the numbering before's, so the annex's statements, or the ones before it (a
    footnote of theirs lost too), would be paired with one another's footnotes: refuse."""
    if layout.unopened:
        first = layout.unopened[0]
        # The footnote is looked for on the page of the mark, which may be after the heading's.
        where = f"page {first.page}" + (f", the mark on page {first.marked}" if first.marked != first.page else "")
        raise IngestError(
            f"{path}: the statements after the '{first.label}' heading ({where}) are marked from "
            f"{first.opens}, but no footnote {first.opens} starts there (lost in extraction?): "
            "which footnote each statement cites cannot be told; check the document's footnotes there"
        )


def report_missing(doc: ParsedDocument, layout: Layout, lost: dict[int, list[tuple]]) -> None:
    """One warning line, kept in the document's metadata, for footnote numbers not found: those
    of statements' own marks and gaps, and those of the further sources' marks `lost` (by
    statement seq: further.py _further_footnotes), whose statements are flagged
    "further-footnote-missing": they are checked without the lost one's page, their own
    footnote's, when read, cited ("footnote-missing" says their own footnote was lost).  A
    statement whose own footnote was lost is said to have no citation, or, citing further
    sources' footnotes read, which it cites (_cited_besides)."""
    found = [(f.part, f.number) for f in layout.footnotes]
    marked = {(s.part, s.footnote) for s in doc.statements if s.footnote is not None}
    marked |= {pair for pairs in lost.values() for pair in pairs}
    # The parts in the document's order, one none of whose footnotes was found among them.
    parts = [layout.first_part, *(heading.label for heading in layout.opened), *(part for part, _ in found)]
    order = {part: index for index, part in enumerate(dict.fromkeys(parts))}
    missing = sorted(set(_gaps(layout, marked)) | (marked - set(found)),
                     key=lambda pair: (order.get(pair[0], len(order)), pair[1]))
    if not missing:
        return
    own_lost = [s for s in doc.statements if (s.part, s.footnote) in missing]
    uncited = [s.seq for s in own_lost if not s.further]
    warning = f"{numbered(missing)} missing (lost in extraction?): found {runs(found)}"
    if uncited:
        warning += f"; {_plural(uncited, 'statement')} {'have' if len(uncited) > 1 else 'has'} no citation"
    warning += _cited_besides([s for s in own_lost if s.further])
    short = sorted(lost)
    for statement in doc.statements:
        if statement.seq in lost:
            statement.flags = sorted(set(statement.flags) | {"further-footnote-missing"})
    if short:
        further = sorted({pair for pairs in lost.values() for pair in pairs}, key=missing.index)
        warning += (f"; {_plural(short, 'statement')} {'cite' if len(short) > 1 else 'cites'} {numbered(further)} "
                    f"besides {'their' if len(short) > 1 else 'its'} own: no citation of "
                    f"{'them' if len(further) > 1 else 'it'}")
    doubtful = _flag_run_ons(doc, layout, missing)
    if doubtful:
        warning += (f"; {numbered(doubtful)} (before a lost one) {'run' if len(doubtful) > 1 else 'runs'}"
                    " over several lines and may hold the lost one's text: check the citation")
    doc.warn(warning)


def _cited_besides(statements: list) -> str:
    """The clause of report_missing's warning for `statements` whose own footnote was lost
    but whose further sources' were read ("Borduria5, 6, 7", 5 lost): they cite those, so
    they are checked, and the reader is told which they do cite, not that they cite nothing."""
    if not statements:
        return ""
    seqs = [s.seq for s in statements]
    further = [(c.part, c.footnote) for s in statements for c in s.further]
    many = len(seqs) > 1
    return (f"; {_plural(seqs, 'statement')} {'have' if many else 'has'} no citation of "
            f"{'their' if many else 'its'} own, only of {numbered(further)} printed besides {'them' if many else 'it'}")


def _gaps(layout: Layout, marked: set[tuple]) -> list[tuple]:
    """The (part, number) of the numbers missing from the footnotes found (missing_numbers),
    a number lost where numbering goes on into another annex named by the statement that
    carries its mark: missing_numbers names it by the annex before, and the statement may
    be the next annex's first, whose lost footnote would be said twice, in each annex."""
    offsets = {f.part: f.offset for f in layout.footnotes}
    claimed = {(offsets.get(part), number) for part, number in marked}
    return [(part, number) for part, number in missing_numbers(layout.footnotes)
            if (part, number) in marked or (offsets[part], number) not in claimed]


def report_unmarked_end(doc: ParsedDocument) -> None:
    """One warning line for the statements after the last cited one that carry no mark,
    when every statement before carries one.

    Such a letter marks each statement: unmarked ones at its end lost their marks
    and their footnotes (the last page's footnote lines gone in extraction, its
    marks with them).  A letter that leaves some statements unmarked gives no such
    evidence, and nothing is said.  The statements are flagged "footnote-missing".
    """
    cited = [s.seq for s in doc.statements if s.citation]
    last = cited[-1] if cited else 0
    before, after = doc.statements[:last], doc.statements[last:]
    unmarked = [s for s in after if s.footnote is None]
    if not unmarked or any(s.footnote is None for s in before):
        return
    for statement in unmarked:
        statement.flags = sorted(set(statement.flags) | {"footnote-missing"})
    seqs = [s.seq for s in unmarked]
    found = doc.statements[last - 1]
    named = printed(found.footnote, found.footnote, found.part)
    doc.warn(
        f"{_plural(seqs, 'statement')} after the last footnote found ({named}) "
        f"{'carry' if len(seqs) > 1 else 'carries'} no footnote mark, though every statement before carries one "
        "(the last footnotes lost in extraction?): no citation; check the end of the document"
    )


def report_stray_marks(doc: ParsedDocument, stray: dict[int, list[int]]) -> None:
    """One warning line for each statement that prints marks after its own numbering no
    footnote of its (further.py _further_footnotes: "Freedonia 1, 2, 5" before Marsovia's
    "3, 4, 5"): whose source they name cannot be told, so it cites none of them."""
    for statement in doc.statements:
        if statement.seq in stray:
            marks, own = stray[statement.seq], printed(statement.footnote, statement.footnote, statement.part)
            doc.warn(
                f"statement {statement.seq} prints {'marks' if len(marks) > 1 else 'mark'} {spans(marks)} after its "
                f"own footnote {own}, numbering no footnote "
                "between its own and the next statement's: not cited by it; check its title"
            )


# What a title still ends with when marks printed together were not read as marks: "... Freedonia 1,"
# ("2, 1": the last read as its mark), "... Freedonia 3 and" ("3 and 2"), "... Freedonia 2, 3," ("2, 3, 2").
# Searched with `unread_marks`, never over a whole title.
UNREAD_MARKS = re.compile(r"(?<![\d/.])(\d{1,4}(?:(?:\s?,\s?|\s(?:and|&)\s|\s)\d{1,4})*)(?:\s?,|\s(?:and|&))$")
# How far from a title's end its unread marks are looked for: marks printed together are a few
# numbers, and a longer run of them is read from this far only.
UNREAD_TAIL = 400


def unread_marks(title: str) -> re.Match | None:
    """UNREAD_MARKS at the end of `title`, tried from its last UNREAD_TAIL characters only (the
    characters before still decide whether a number starts there): tried from each number of a
    hostile title's long run ("1 1 1 …"), the pattern would read the rest again from each, a
    square of its length (17 s for 20,000 characters)."""
    return UNREAD_MARKS.search(title, max(0, len(title) - UNREAD_TAIL))


def report_unread_title_marks(doc: ParsedDocument, layout: Layout) -> list[tuple]:
    """One warning line for each statement whose title, its mark taken off, still ends with
    footnotes' numbers and a comma or "and" (UNREAD_MARKS): marks printed together that could
    not be read ("3, 2", "2, 1"), so the statement may cite the wrong footnote, or miss one.
    The footnotes of those numbers that no statement cites are named with it ("3, 2" read as
    2 leaves 3 uncited), and their (part, number) returned as said: report_uncited would say
    them apart from the statement, or, below the first statement's own ("2, 1" read as 1, the
    covering letter's, leaves 2 uncited), not at all."""
    numbers = {(f.part, f.number) for f in layout.footnotes}
    cited = {(c.part, c.footnote) for c in doc.citations}
    said: list[tuple] = []
    for statement in doc.statements:
        left = unread_marks(statement.title or "")
        if not left or statement.footnote is None:
            continue
        printed_here = [(statement.part, int(number)) for number in re.findall(r"\d+", left.group(1))]
        if not set(printed_here) & numbers:
            continue
        unread = sorted({pair for pair in printed_here if pair in numbers and pair not in cited})
        own = printed(statement.footnote, statement.footnote, statement.part)
        warning = (f"statement {statement.seq}'s title ends '{left.group(0)}' before its mark (read as footnote "
                   f"{own}): marks printed together that cannot be read")
        if unread:
            warning += f"; {numbered(unread)} cited by no statement"
        doc.warn(f"{warning}; check its title and citations")
        said += unread
    return said


def report_repeated_marks(doc: ParsedDocument, repeated: dict[int, tuple[str, list[int]]]) -> None:
    """One warning line for each statement whose marks print a number twice ("2, 3, 3"), by its
    seq: the marks as printed and the numbers read (marks.py _printed_marks), each a footnote
    it cites once.  A typo or a line extracted twice, most likely; a mark meant for another
    footnote cannot be told."""
    for statement in doc.statements:
        if statement.seq in repeated:
            marks, read = repeated[statement.seq]
            doc.warn(
                f"statement {statement.seq}'s marks '{marks}' repeat a number: read as "
                f"{numbered([(statement.part, number) for number in read])}, each cited once; check its marks"
            )


def report_spaced_marks(doc: ParsedDocument, spaced: dict[int, tuple[tuple[int, str, str], ...]]) -> None:
    """One warning line for each number read as a mark after a stop and a space inside a
    quote ("format. 3 Aria ...": further.py _unmark_spaced), or glued after a number's stop
    ("2020.3"), by its statement's seq, naming the word before it: taken out of the quote, it
    may have been the first word of a sentence ("in Geneva. 3 States signed"), or a decimal's
    digits ("version 2.3"), and the quote then misses a number it printed."""
    for statement in doc.statements:
        for number, word, stop in spaced.get(statement.seq, ()):
            mark = printed(number, number, statement.part)
            doc.warn(
                f"statement {statement.seq}: read '{number}' after '{word}' in its quote as footnote {mark}'s "
                "mark and took it out (a number after a stop and a space may begin a sentence); check the quote"
                if not stop else
                f"statement {statement.seq}: read '{stop}{number}' after '{word}' in its quote as footnote {mark}'s "
                "mark and took it out (a number after a number's stop may be a decimal's); check the quote"
            )


def report_ceded_marks(doc: ParsedDocument, ceded: dict[int, tuple[tuple[int, ...], tuple[int, ...]]],
                       quoted: bool = False) -> None:
    """One warning line for each statement whose marks ran on to the next statement's own
    ("Aria2–4" over "Borduria4, 5"), by its seq: the marks it printed and those it gave up
    (placement.py _claimed), read as the next statement's, whose title prints them as its own
    mark, so the range stops before them; which statement the printer meant cannot be told.
    `quoted`: the marks were printed in the quote ("format.3–5": further.py _unmark)."""
    for statement in doc.statements:
        if statement.seq in ceded and statement.seq < len(doc.statements):
            (marks, given), after = ceded[statement.seq], doc.statements[statement.seq]
            doc.warn(
                f"statement {statement.seq}'s marks {spans(sorted(set(marks)))} run on to statement {after.seq}'s "
                f"own mark {printed(after.footnote, after.footnote, after.part)}: "
                f"{numbered([(statement.part, number) for number in given])} read as statement "
                f"{after.seq}'s only; check "
                + (f"statement {statement.seq}'s quote and statement {after.seq}'s mark" if quoted else "both titles")
            )


def report_lost_marks(doc: ParsedDocument, layout: Layout) -> list[tuple]:
    """One warning line for the statements that carry no footnote mark between two that do,
    in their part, where a footnote numbered between those two marks is cited by no
    statement: the mark was lost in extraction ("... in Freedonia" for "... in Freedonia2").

    The footnote is not given to the statement (a footnote between may cite something
    else): the statements are flagged "footnote-missing" and said, with the footnotes, whose
    (part, number) are returned.
    """
    cited = {(s.part, s.footnote) for s in doc.statements} | {(c.part, c.footnote) for c in doc.citations}
    uncited = [(f.part, f.number) for f in layout.footnotes if (f.part, f.number) not in cited]
    unmarked, between = [], []
    for before, statement, after in zip(doc.statements, doc.statements[1:], doc.statements[2:]):
        between_marks = None not in (before.footnote, after.footnote) and before.part == statement.part == after.part
        if statement.footnote is not None or not between_marks:
            continue
        lost = [(part, n) for part, n in uncited if part == statement.part and before.footnote < n < after.footnote]
        if lost:
            statement.flags = sorted(set(statement.flags) | {"footnote-missing"})
            unmarked.append(statement.seq)
            between += lost
    if unmarked:
        doc.warn(
            f"{_plural(unmarked, 'statement')} {'carry' if len(unmarked) > 1 else 'carries'} no footnote mark, though "
            f"{numbered(between)}, between the marks of the statements before and after, "
            f"{'are' if len(set(between)) > 1 else 'is'} cited by no statement (a mark lost in extraction?): "
            f"no citation; check {'their titles' if len(unmarked) > 1 else 'its title'}"
        )
    return between


# Where a footnote mark read in a quote's text may stand: before a sentence's capital (or an
# opening quote or bracket) or at a line's end (further.py SPACED_MARK, STRICT_MARK).
BEFORE_A_SENTENCE = r"(?= [A-Z“\"‘(]|\s*$)"
# A number's stop and the digits glued after it ("2020.3"), ending a quote's line or before a
# capital; four digits as take_apart.py reads marks once the footnotes reach 1000 (the footnote read decides).
# (from a number's first digit only: from each digit of a long number with no stop after it,
# the rest would be read again, a square of its length)
NUMBER_THEN_DIGITS = re.compile(r"(?<!\d)(\d+)([.!?])(\d{1,4})" + BEFORE_A_SENTENCE, re.MULTILINE)


def report_marks_left_in_quotes(doc: ParsedDocument, layout: Layout) -> None:
    """One warning line for each number glued after a number's stop in a quote ("2020.3") that
    numbers a footnote no statement cites, between the statement's own mark and the next
    statement's: left in the quote, as such digits are read as a mark only on strict terms
    (further.py _unmark_spaced: the next footnote, in a quote printing other marks read), a
    decimal's ("2.3") being as likely; report_uncited says the footnote uncited, this names
    where its mark may be."""
    read = {(f.part, f.number) for f in layout.footnotes}
    cited = {(c.part, c.footnote) for c in doc.citations}
    for statement, after in zip(doc.statements, [*doc.statements[1:], None]):
        high = after.footnote if after is not None and after.part == statement.part else None
        for match in NUMBER_THEN_DIGITS.finditer(statement.quote) if statement.footnote is not None else ():
            number, pair = int(match.group(3)), (statement.part, int(match.group(3)))
            if pair in read and pair not in cited and number > statement.footnote and (high is None or number < high):
                doc.warn(
                    f"statement {statement.seq}: its quote prints '{match.group(0)}', and footnote "
                    f"{printed(number, number, statement.part)} is cited by no statement: left in the quote (the "
                    f"'{match.group(2)}{number}' after '{match.group(1)}' may be its mark, or a decimal's digits); "
                    "check the quote"
                )


def report_uncited(doc: ParsedDocument, layout: Layout, said: list[tuple]) -> None:
    """One warning line for the footnotes read after the first statement's own, in their part,
    that no statement cites, other than those `said` already (report_lost_marks,
    report_unread_title_marks): a mark
    printed where it is not read ("Aria2 3" in a quote), or lost, leaves its source unchecked.
    The covering letter's footnotes, before the statements', are no statement's."""
    cited = {(c.part, c.footnote) for c in doc.citations}
    first: dict = {}
    for statement in doc.statements:
        if statement.footnote is not None:
            first.setdefault(statement.part, statement.footnote)
    uncited = [(f.part, f.number) for f in layout.footnotes if f.part in first and f.number > first[f.part]
               and (f.part, f.number) not in cited and (f.part, f.number) not in said]
    if uncited:
        doc.warn(
            f"{numbered(uncited)} {'are' if len(uncited) > 1 else 'is'} cited by no statement (a mark lost in "
            "extraction, or printed where it is not read?): no citation; check the statements before "
            f"{'them' if len(uncited) > 1 else 'it'}"
        )


def _flag_run_ons(doc: ParsedDocument, layout: Layout, missing: list[tuple]) -> list[tuple]:
    """Flag "may-hold-lost-footnote" the citations that may be a lost footnote's; their
    (part, number).

    The lines of a lost footnote after its first are read as the footnote before it;
    when that one runs over several lines, its citation may come from them.
    """
    runs_on = {(f.part, f.number) for f in layout.footnotes if (f.part, f.number + 1) in missing and "\n" in f.text}
    doubtful = [c for c in doc.citations if (c.part, c.footnote) in runs_on]
    for citation in doubtful:
        citation.flags = sorted(set(citation.flags) | {"may-hold-lost-footnote"})
    return list(dict.fromkeys((c.part, c.footnote) for c in doubtful))   # a footnote of several URLs once


def report_repeated(doc: ParsedDocument, layout: Layout) -> None:
    """One warning line for footnote numbers printed twice in a row (a line extracted twice, a typo)."""
    if layout.repeated:
        pages = sorted({f.page for f in layout.repeated})
        doc.warn(
            f"{numbered([(f.part, f.number) for f in layout.repeated])} numbered twice in a row "
            f"(page{'s' if len(pages) > 1 else ''} {spans(pages)}): the second is read as part of the first; check it"
        )


def report_sentences_over_unmarked(doc: ParsedDocument, sentences: dict[int, str]) -> None:
    """One warning line for each statement with no title and no mark under a marked paragraph
    that ends a sentence, by its seq, with that paragraph (headers.py _sentence): read as the end
    of the text before (the quote before, its marks that statement's), it may be this one's title
    ending with a stop, and its marks this one's.  One flagged "footnote-missing" is said already
    (report_lost_marks, report_unmarked_end: footnotes no statement cites show its mark lost)."""
    for statement in doc.statements:
        if statement.seq not in sentences or "footnote-missing" in statement.flags:
            continue
        words = sentences[statement.seq].split()
        doc.warn(
            f"statement {statement.seq} has no title and carries no footnote mark: the paragraph over its "
            f"'Place, date' line, ending '{' '.join(words[-6:])}', ends a sentence and is read as the end of the "
            "text before it, not as its title; if it is its title, the footnotes it marks are statement "
            f"{statement.seq}'s: check both"
        )


def count_further(doc: ParsedDocument, further: dict[int, list[tuple]]) -> None:
    """Count the footnotes that statements print besides their own (further.py
    _further_footnotes: a statement quoting several sources) in the document's metadata
    ("further_footnotes"), which the lost-statements rule reads.  Each is a citation of its
    statement, crawled and checked as its own footnote is: nothing to warn of."""
    if further:
        doc.metadata["further_footnotes"] = sum(len(pairs) for pairs in further.values())


def _plural(numbers: list[int], noun: str) -> str:
    """"footnote 10" or "footnotes 10, 17–18"."""
    return f"{noun}{'s' if len(numbers) > 1 else ''} {spans(numbers)}"
