"""The kinds of column the terminal tables are made of, so that each reads at 80 columns.

Rich shares a narrow terminal out among the columns and, left to itself, breaks whatever
is widest: a verdict became `not-in-sour…`, a URL `http://127.0.0.1:42591/demo/…` (every
source of a host alike), a memento's timestamp lost its time.  So a column says what its
cells are: a `key` (an id, a class, a verdict: read at a glance, never broken), a `count`
(right-aligned), or `text` (a URL, a path, a reason or a note: wrapped at spaces, and a
word longer than the column, a URL in a reason too, folded over lines, every character
kept); the key and count columns keep their width, the text columns share the room left.
"""

from __future__ import annotations

from rich.table import Column

WIDE = 120  # a terminal this wide has room for the columns a narrow one leaves out


def key(header: str) -> Column:
    """An id, class or verdict: on one line whatever the width (the others give way)."""
    return Column(header, no_wrap=True)


def text(header: str) -> Column:
    """Words, URLs and paths: wrapped, a long word folded over as many lines as it needs
    (rich's default, an ellipsis, hides the end of a URL: the part that tells two apart)."""
    return Column(header, overflow="fold")


def count(header: str) -> Column:
    """A number or score: right-aligned, on one line."""
    return Column(header, justify="right", no_wrap=True)
