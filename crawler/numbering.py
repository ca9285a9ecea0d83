"""How a footnote is named to a reader, by every stage that shows one.

A document numbers its footnotes once (1..N: a citation's seq is the number printed) or
anew in each annex (crawler/ingest/parts.py: seq is then the footnote's place in the
document, statements.footnote the number printed, and `part` the annex).  A module of
its own, without imports, so that any stage can name a footnote without importing the
ingest stage.
"""

from __future__ import annotations


def printed(seq: int, number: int | None, part: str | None) -> int | str:
    """A citation's footnote as a reader finds it in the document: the `number` printed (`seq`
    when none is known) in a document numbered once; "1 of Annex II" (`number` printed, and
    its `part`) in one numbered per annex.  The number, not the seq: a footnote's second URL
    is a citation of its own whose seq comes after every footnote's (crawler/ingest/letter.py
    `_cite_further_urls`), named by the footnote it is printed in."""
    return f"{number} of {part}" if part else (seq if number is None else number)


def footnote_number(own: int | None, statement: int | None) -> int | None:
    """The number printed for a citation's footnote: its own (citations.footnote, m020: a
    statement may cite several footnotes, and its number names only the first), else its
    statement's, which names a citation whose own is NULL (one outside a letter ingested
    before m020)."""
    return statement if own is None else own


def spans(numbers: list[int]) -> str:
    """Sorted numbers as runs: [1, 2, 3, 5, 7, 8] -> "1–3, 5, 7–8"."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs)
