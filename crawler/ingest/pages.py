"""Plain text from a PDF extraction, cut back into pages with their link lists.

The UN's text layer (and tools that imitate it) writes each page as its text lines,
each followed by an empty line, and then, one per line with no empty line between,
the targets of the page's links.  A page ends where that rhythm breaks: after the
link list, or where a text line is followed straight away by the next page's first
line.  A form feed, where a tool writes one (pdftotext), is a page break too.
In the returned pages an empty (whitespace-only) line is a visible gap in the page,
as between an entity heading and the statement below it.
A line holding only a small number is a superscript footnote mark that extraction
put on its own line; it belongs to the line before.
"""

from __future__ import annotations

import re

from crawler.ingest.model import Page

LINK_LINE = re.compile(r"^https?://\S+$")
MARK_LINE = re.compile(r"^\d{1,3}$")


def split_pages(text: str) -> list[Page]:
    """The pages of an extracted text, each with its link targets."""
    if "\f" in text:
        return [_page_from_lines(chunk.split("\n")) for chunk in text.split("\f")]
    lines = text.replace("\r\n", "\n").split("\n")
    if not _double_spaced(lines):
        return [_page_from_lines(lines)]
    pages: list[Page] = []
    current: list[str] = []
    links: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _is_link(line, lines, index):
            links.append(line.strip())
            if not _is_link(following, lines, index + 1):
                pages.append(Page(current, links))
                current, links = [], []
            continue
        if line == "":
            continue    # the rhythm's empty line; whitespace-only lines stay as gaps
        if MARK_LINE.match(line.strip()) and current:
            current[-1] = current[-1].rstrip() + " " + line.strip()
            continue
        current.append(line)
        if line.strip() and following.strip() and not MARK_LINE.match(following.strip()) \
                and not _is_link(following, lines, index + 1):
            pages.append(Page(current, links))
            current, links = [], []
    if current or links:
        pages.append(Page(current, links))
    return [page for page in pages if any(line.strip() for line in page.lines) or page.links]


def _double_spaced(lines: list[str]) -> bool:
    """Whether most text lines are followed by an empty line (the UN text layer)."""
    filled = [i for i, line in enumerate(lines[:-1]) if line.strip() and not LINK_LINE.match(line)]
    if not filled:
        return False
    followed_by_empty = sum(1 for i in filled if not lines[i + 1].strip())
    return followed_by_empty >= 0.7 * len(filled)


def _is_link(line: str, lines: list[str], index: int) -> bool:
    """A link-list line: a bare URL not followed by the rhythm's empty line, or in a run.

    (A footnote's URL that happens to fill a whole line is followed by an empty line
    like every other text line; a link is followed by the next link or the next page.)
    """
    if not LINK_LINE.match(line):
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    previous = lines[index - 1] if index else ""
    return following != "" or bool(LINK_LINE.match(previous))


def _page_from_lines(lines: list[str]) -> Page:
    """A page whose trailing bare-URL lines are its link list."""
    lines = list(lines)
    links: list[str] = []
    while lines and (not lines[-1].strip() or LINK_LINE.match(lines[-1].strip())):
        line = lines.pop().strip()
        if line:
            links.insert(0, line)
    return Page(merge_marks(lines), links)


def merge_marks(lines: list[str]) -> list[str]:
    """Lines with a footnote mark that sat on its own line put back on the line before."""
    merged: list[str] = []
    for line in lines:
        if MARK_LINE.match(line.strip()) and merged and merged[-1].strip():
            merged[-1] = merged[-1].rstrip() + " " + line.strip()
        else:
            merged.append(line)
    return merged
