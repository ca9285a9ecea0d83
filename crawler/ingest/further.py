"""A statement's further sources: the footnote marks its quote prints, and those printed after
its title's own, taken out and read as footnotes the statement cites besides its own.

Part of step 4 of reading a letter (letter.py), on the statements placed (placement.py):
letter.py cites what this reads (_attach_citations) and numbering_faults.py says what it
could not.  A mark of our own inside a quote (a statement quoting several sources, each
sentence marked: "format.3", "format.3–4"; "format. 3" only as the next footnote marked
nowhere else, in a quote whose other marks are read and in their order, before a capital or
a line's end, and said; so is "2020.3", glued after a number's stop, as "2.3 per cent" may
be a decimal; a run on to the next statement's own mark, "format.3–5" over "Borduria5",
stops before it, said) is taken out of the quote, as are
marks printed after a title's own ("2, 3, 4", "2 3 4", "2 and 3", "2–4"; a number printed twice,
"2, 3, 3", cited once and said; one past a gap, "1, 2, 5", cited only if no later statement's own
is below it, else said; marks that run on to the next statement's own, "2–4" over "4, 5",
stop before it, said), and the footnotes so cited are counted
(metadata "further_footnotes"); a further mark whose footnote was lost is taken out and
said as a lost own footnote is, its statement flagged "further-footnote-missing" (its
own footnote is still cited; "footnote-missing" flags a statement whose own was lost).
"""

from __future__ import annotations

import re
from dataclasses import replace

from crawler.ingest.headers import _Where, _heading_like, _printed_quote_marks, _titled
from crawler.ingest.layout import Layout
from crawler.ingest.marks import PARAGRAPH_MARK, QUOTE_MARK, _counted_out, _strip_mark
from crawler.ingest.numbering_faults import BEFORE_A_SENTENCE
from crawler.ingest.paragraphs import Paragraph
from crawler.ingest.parts import part_of
from crawler.ingest.placement import _Placed

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


def _in_order(number: int, where: _Where, printed: list[tuple[_Where, set[int]]]) -> bool:
    """Whether a mark `number` at `where` follows the lower of the marks `printed` and comes
    before the higher."""
    return all(max(numbers) < number if at < where else min(numbers) > number for at, numbers in printed)


def _read_as_heading(paragraph: Paragraph) -> bool:
    """Whether a quote's paragraph reads as a heading or a title, its marks taken off: another
    statement's, whose "Place, date" line was lost (_unmark)."""
    words = _strip_mark(paragraph.flat)
    return _heading_like(words) or _titled(words)
