"""An article's reference list: the numbered sources at its end that its sections cite by mark.

A page compiled as Wikipedia's "International reactions to …" pages are, an EU note with
bracketed references or a briefing with endnotes quotes each statement with a mark ("[12]",
a PDF's superscript "”12") and lists the sources under a closing heading ("References",
"Notes", "Endnotes").  Read as one more section, that heading was an entity: the sources'
titles, in quote marks, became a statement quoting them, every URL of the list its
citations, and the statements they source were left unfootnoted, each citation on the
wrong statement with nothing said.  So the article's sections end at the list
(`list_start`), and a section's marks (`marks`) cite the entries they number (`entries`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crawler.urls import URL_START

# The headings a reference list goes under; a "References[edit]" of a saved Wikipedia page too.
LIST_HEADING = re.compile(r"^(?:references|notes|notes and references|endnotes|footnotes|sources|citations"
                          r"|bibliography|sources and references)(?:\s*\[edit\])?$", re.I)
# An entry's own number as printed: "[3] EEAS, …", "3. EEAS, …", "3 EEAS, …", a Markdown footnote's "[^3]: EEAS, …".
ENTRY_NUMBER = re.compile(r"^(?:\[\^?(\d{1,3})\]:?|(\d{1,3})\.?\s)")
# An entry printing its number in brackets ("[3] EEAS, …"), as a list under no heading must (`_unheaded_list`),
# and the fewest entries such a list holds.
BRACKETED_ENTRY = re.compile(r"^\[(\d{1,3})\]\s")
UNHEADED_ENTRIES = 2
# A reference entry's link back to its marks, Wikipedia's "^" ("↑" in some languages' wikis): no word of it.
BACKLINK = re.compile(r"^\s*[\^↑]\s*")
# Where a paragraph of the list holds the next entry: before a "[n] " after a space.
ENTRY_CUT = re.compile(r"(?<=\s)(?=\[\^?\d{1,3}\]:?\s)")
# A section's mark of an entry: "[3]", "[3][4]", Markdown's "[^3]"; "[a]" (a note, not a source) is none.
MARK = re.compile(r"\[\^?(\d{1,3})\]")
# A PDF's superscript mark, extracted as digits after the quote that closes the paragraph
# ("… Final Act of 1975.”3", "… Veloria.” 4"): read only where the list numbers its entries
# as printed digits (`marks`), and only at the paragraph's end, where no number of the quote is.
END_MARK = re.compile(r"[”\"’»]\s?(\d{1,3})\s*$")


def list_start(paragraphs: list[str], links: list[list[str]] | None,
               heads_quote: Callable[[int], bool]) -> int | None:
    """The index of the reference list's heading, None when the article has none: the first
    paragraph, past the first, that is one of LIST_HEADING followed by an entry (`_is_entry`)
    and by no entity's section after it (`_section_after`): a "Notes" heading over prose of the
    article's own opens no list, though the prose names a page, and read as one it cut off
    every section under it.  `heads_quote(index)` says whether a paragraph is a heading over a
    quote, as the article reads one.  A list under no heading (`_unheaded_list`) starts at its
    first entry."""
    for index, paragraph in enumerate(paragraphs[1:-1], 1):
        if LIST_HEADING.match(paragraph.strip()) and _is_entry(paragraphs[index + 1],
                                                              links[index + 1] if links else []) \
                and not _section_after(paragraphs, links, index, heads_quote):
            return index
    return _unheaded_list(paragraphs, links)


def _unheaded_list(paragraphs: list[str], links: list[list[str]] | None) -> int | None:
    """The index of the first entry of a list under no heading that ends the article (a Google
    Docs export's footnotes after a rule: "[1] United Nations, 3 June 2025, https://…"): the
    article's last UNHEADED_ENTRIES or more paragraphs, each an entry printing its bracketed number,
    numbered 1, 2, 3 … in order, each naming its page (a URL printed, or a link), and marked ("[1]")
    in the paragraphs before them.  Read as no list, its entries were dropped after the last quote and
    the marks cited nothing.  Notes that name no page are an article's explanations (a press release's
    "Notes to editors", "[1] See the resolution of 1998 …"), no sources: read as the list, a statement
    that marked one cited the note, or the page a note points to ("More at https://…/about"), which
    does not hold the quote."""
    numbers = []
    for paragraph in reversed(paragraphs):
        found = BRACKETED_ENTRY.match(paragraph)
        if not found:
            break
        numbers.append(int(found[1]))
    numbers.reverse()
    start = len(paragraphs) - len(numbers)
    if len(numbers) < UNHEADED_ENTRIES or numbers != list(range(1, len(numbers) + 1)) \
            or not all(URL_START.search(paragraphs[index]) or links and links[index]
                       for index in range(start, len(paragraphs))) \
            or not any("[1]" in paragraph for paragraph in paragraphs[:start]):
        return None
    return start


def _section_after(paragraphs: list[str], links: list[list[str]] | None, start: int,
                   heads_quote: Callable[[int], bool]) -> bool:
    """Whether an entity's heading over its quote follows the list's heading past its first
    entry: a heading and a paragraph under it that are no entries (`_is_entry`), as a list's
    are; an entry's title in quote marks under a short entry ("3. EEAS") is none."""
    def entry(index: int) -> bool:
        return _is_entry(paragraphs[index], links[index] if links else [])

    return any(heads_quote(index) and not entry(index) and not entry(index + 1)
               for index in range(start + 2, len(paragraphs) - 1))


def _is_entry(text: str, targets: list[str]) -> bool:
    """Whether a paragraph reads as a reference entry: it prints its number ("[1] …", "1. …"),
    begins with a link back to its marks ("^ …"), or names a page (a URL printed, or a link)."""
    return bool(ENTRY_NUMBER.match(text) or BACKLINK.match(text) or URL_START.search(text) or targets)


def entries(paragraphs: list[str], links: list[list[str]] | None, start: int) -> dict[int, list[tuple[str, list[str]]]]:
    """The list's entries by number, each as its pieces of text with their <a href> targets.
    An entry that prints its number ("[3] …", "3. …") begins at it and runs on to the next
    (a wrapped entry's further lines: a number that is not the next one, as the day of a
    wrapped "13 March 2023," is no entry's; a text's entries, one a line, are one paragraph, cut
    at each "[n]": a piece cut so keeps its printed URLs only, its paragraph's links being the
    others' too); a list that prints none (an HTML <ol>, whose numbers are the browser's, as
    Wikipedia's "^ …" entries) is numbered in order, a paragraph an entry."""
    body = [(paragraphs[index], links[index] if links else []) for index in range(_first_entry(paragraphs, start),
                                                                                  len(paragraphs))]
    if not any(ENTRY_NUMBER.match(text) for text, _ in body):
        return {number: [(BACKLINK.sub("", text), targets)] for number, (text, targets) in enumerate(body, 1)}
    found: dict[int, list[tuple[str, list[str]]]] = {}
    current = None
    for text, targets in body:
        pieces = [piece for piece in ENTRY_CUT.split(text) if piece.strip()]
        for piece in pieces:
            printed = ENTRY_NUMBER.match(piece)
            number = int(printed.group(1) or printed.group(2)) if printed else None
            if number is not None and (current is None or number == current + 1):
                current = number
            elif current is None:
                continue
            found.setdefault(current, []).append((piece.strip(), targets if len(pieces) == 1 else []))
    return found


def marks(section: list[str], digits: bool) -> list[int]:
    """The entry numbers a section's paragraphs mark, in order, each once: "[3]", and where
    the list prints its entries' numbers as digits (`digits`: a PDF's endnotes), the digits a
    superscript mark became after a paragraph's closing quote (END_MARK)."""
    found = [int(number) for paragraph in section for number in MARK.findall(paragraph)]
    if digits:
        found += [int(end.group(1)) for paragraph in section if (end := END_MARK.search(paragraph))]
    return list(dict.fromkeys(found))


def printed_numbers(paragraphs: list[str], start: int) -> bool:
    """Whether the list prints its entries' numbers as bare digits ("1   EEAS, …", a PDF's
    endnotes: ENTRY_NUMBER's unbracketed form), as a section's superscript marks are extracted
    (`marks`)."""
    return any((printed := ENTRY_NUMBER.match(text)) and printed.group(2)
               for text in paragraphs[_first_entry(paragraphs, start):])


def _first_entry(paragraphs: list[str], start: int) -> int:
    """The index of the list's first entry: the one after its heading, or at `start` itself for a
    list under no heading (`_unheaded_list`)."""
    return start + 1 if LIST_HEADING.match(paragraphs[start].strip()) else start
