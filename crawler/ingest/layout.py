"""A compiled letter after its pages are taken apart: body lines, numbered footnotes, furniture.

A module of its own because take_apart.py, which builds it, the later steps of letter.py,
which read it, and numbering_faults.py, which
refuses or warns about what its footnote numbering shows, all use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.ingest.footnotes import Footnote
from crawler.ingest.parts import Heading


@dataclass
class Line:
    text: str
    gap_before: bool            # an empty-looking line came before it on its page
    page_start: bool            # the first body line of its page
    page: int                   # an annex heading's part may begin at a footnote from this page on


@dataclass
class Layout:
    """The letter after pages are taken apart."""

    body: list[Line] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)   # (page, target)
    symbols: list[str] = field(default_factory=list)
    page_lines: list[str] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)   # (page, line) of every line after a rule
    repeated: list[Footnote] = field(default_factory=list)       # a number printed again, read as text
    breaks: list[Heading] = field(default_factory=list)          # annex headings where numbering starts again
    opened: list[Heading] = field(default_factory=list)          # where a part begins: breaks, or numbering goes on
    unopened: list[Heading] = field(default_factory=list)        # passed, its marks starting again, its footnotes not
    unread: list[Heading] = field(default_factory=list)          # passed, its statements marked, before any footnote
    first_part: str | None = None                                # the part numbering began in (parts.py)
