"""Footnote marks printed in a letter's body text: at the end of a title, a heading or a quote,
and inside a quote.

Read by every later step of reading a letter (letter.py): paragraphs.py (a page that ends a
sentence before its mark), headers.py and placement.py (a statement's own mark and those
printed after it, its further sources), further.py (the marks taken out of a quote).

A text may end with one mark ("Europe3", "Europe 3") or with several printed together
("2, 3, 4", "2 3 4", "2 and 3", a range "2–4"): _printed_marks reads them, a range
counted out (_counted_out), and _strip_mark takes them off.  With numbers that do not go
up, "G7 5, 6, 7", or a name's number printed again as its mark, "G4 4", the marks are the
run that does after a space (_mark_runs, _goes_up); a number printed twice, "2, 3, 3", is
cited once and said (_repeated_marks).  Four digits are a mark only where the footnote lines
reach them (SHORT_NUMBER, take_apart.py): otherwise they are a year's.
"""

from __future__ import annotations

import re

from crawler.ingest.take_apart import SHORT_NUMBER

MARK_AT_END = re.compile(r"(?<!\d)(\d{1,4})\s*$")
# Marks printed together at an end ("2, 3, 4": a statement citing several sources).
# Spelt "2, 3, 4", "2 3 4", "2 and 3" or as a range, "2–4" or "2-4" (_printed_marks reads them).
MARKS_AT_END = re.compile(r"(?<!\d)(\d{1,4}(?:(?:\s?[,–-]\s?|\s(?:and|&)\s|\s)\d{1,4})+)\s*$")
MARK_RANGE = re.compile(r"(\d+)(?:\s?[–-]\s?(\d+))?")
# Marks that begin with a number printed again after a plain space ("G3 3", "G3 3, 4"): the first
# is the text's, a name's number (_goes_up), after a capital ("G20", "P5") or a space, not after a
# lowercase letter: "Borduria5 5" is a mark glued to its word and printed twice.
NAMED_THEN_MARKED = re.compile(r"(?<=[A-Z\s])(\d+)\s\1(?!\d)")
# A footnote mark inside a quote (_further_footnotes): glued to a word or a stop, or ending a paragraph.
# Several may be printed together ("format.3, 4"), glued also as a range ("format.3–4"): after a
# space, a range ending a paragraph is the quote's ("under articles 3–4").
QUOTE_MARK = re.compile(r"(?:(?<=[a-z]{3})|(?<=[^\d\s][.,;:!?”\"’)]))(\d{1,4}(?:(?:, ?|\s?[–-]\s?)\d{1,4})*)"
                        r"(?=[.,;:)]|\s|$)")
PARAGRAPH_MARK = re.compile(r"(?<=[^\d\s])\s+(\d{1,4}(?:, ?\d{1,4})*)\s*$")


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


def _strip_mark(text: str, own: int | None = None) -> str:
    """The text without the marks it ends with (_printed_marks; from its `own` on, if given);
    four digits only as its `own` mark's: "Statement of 2 April 2020", marked elsewhere or its
    mark lost, ends with a year."""
    found, numbers = _printed_marks(text, own)
    if found and max(numbers) > SHORT_NUMBER and own not in numbers:
        return text.rstrip()
    return (text[:found.start()] if found else text).rstrip()
