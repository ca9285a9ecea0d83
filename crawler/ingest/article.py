"""A news article that quotes statements in prose, without footnotes.

Shape: a byline with the date, an introduction, then one short heading per entity
("NATO", "United Kingdom") followed by paragraphs that quote it and say where the
words were published ("wrote on his Facebook page", "told local media").  Closing
paragraphs without quotes are background, not part of the last entity.

Decision: one entity section is ONE statement.  The article cuts one published
statement into several quoted pieces with narration between ("the statement
further reads"); they belong to one source, as the letter's statements do.  Its
quote is the quoted pieces in order, joined by " … " (the compilation's own mark
for words left out), so that reconciliation looks for each piece in one original.
Each statement gets one citation of kind "unfootnoted": `printed` is the narration
around the quotes, `platform_hint` what it says about where the words appeared
(facebook | twitter | website | media, None when it says nothing).  An unfootnoted
citation names no source, so it has no sources row until a later stage finds one.
A date the narration gives ("on March 31") is taken in the article's year.
"""

from __future__ import annotations

import datetime
import re

from crawler.ingest.model import Citation, ParsedDocument, Statement
from crawler.textclean import Vocabulary, fix_split_words

ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
LONG_DATE = re.compile(r"\b(\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})\b")
BYLINE = re.compile(r"\bBy\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})")
MONTH_DAY = re.compile(
    r"\bon (January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b"
)
OPEN_QUOTES = "\"“„«"
CLOSE_QUOTES = "\"”»“"
HINTS = (
    ("facebook", re.compile(r"\bfacebook\b", re.I)),
    ("twitter", re.compile(r"\btwitter\b|\btweet(?:ed|s)?\b", re.I)),
    ("media", re.compile(r"\btold (?:local |the )?(?:media|press|journalists|reporters)\b|\binterview\b|\bmedia\b", re.I)),
    ("website", re.compile(r"\bwebsite\b|\bstatement\b|\bpress release\b", re.I)),
)


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs: blocks separated by empty lines, or single lines when there are none."""
    text = text.replace("\r\n", "\n").strip()
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [re.sub(r"\s+", " ", b).strip() for b in blocks if b.strip()]


def _has_quote(paragraph: str) -> bool:
    return any(q in paragraph for q in OPEN_QUOTES)


def _is_heading(paragraph: str, following: str | None) -> bool:
    """A short unpunctuated line followed by a paragraph (the entity's section)."""
    words = paragraph.split()
    return (
        0 < len(words) <= 8 and paragraph[0].isupper() and not paragraph.endswith((".", ",", ":", ";", "!", "?"))
        and not _has_quote(paragraph) and following is not None
    )


def looks_like_article(text: str) -> bool:
    paragraphs = paragraphs_of(text)
    return any(_is_heading(p, n) and _has_quote(n) for p, n in zip(paragraphs, paragraphs[1:]))


def split_quote(paragraph: str) -> tuple[str, str]:
    """(quoted words, narration) of a paragraph: from its first opening quote mark
    to its last closing one, so quotes nested in the quote stay inside it."""
    first = min((paragraph.index(q) for q in OPEN_QUOTES if q in paragraph), default=None)
    if first is None:
        return "", paragraph
    last = max(paragraph.rfind(q) for q in CLOSE_QUOTES)
    if last <= first:
        return paragraph[first + 1:].strip(), paragraph[:first].strip()
    quote = paragraph[first + 1:last].strip().rstrip(",").strip()
    narration = (paragraph[:first] + " " + paragraph[last + 1:]).strip(" ,")
    return quote, re.sub(r"\s+", " ", narration)


def _article_date(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs[:3]:
        iso = ISO_DATE.search(paragraph)
        if iso:
            return iso.group(1)
        long = LONG_DATE.search(paragraph)
        if long:
            for fmt in ("%d %B %Y", "%B %d, %Y"):
                try:
                    return datetime.datetime.strptime(long.group(1), fmt).date().isoformat()
                except ValueError:
                    continue
    return None


def _narration_date(narration: str, year: int | None) -> str | None:
    match = MONTH_DAY.search(narration)
    if not match or not year:
        return None
    return datetime.datetime.strptime(f"{match.group(2)} {match.group(1)} {year}", "%d %B %Y").date().isoformat()


def _hint(narration: str) -> str | None:
    for name, pattern in HINTS:
        if pattern.search(narration):
            return name
    return None


def parse_article(text: str, sha256: str, path: str, title: str | None = None) -> ParsedDocument:
    """Statements (one per entity section) and unfootnoted citations of an article."""
    paragraphs = paragraphs_of(text)
    doc = ParsedDocument(kind="article", sha256=sha256, path=path, title=title)
    doc.date = _article_date(paragraphs)
    byline = BYLINE.search(paragraphs[0]) if paragraphs else None
    doc.author = byline.group(1) if byline else None
    vocab = Vocabulary(text)
    year = int(doc.date[:4]) if doc.date else None
    sections = _sections(paragraphs)
    for seq, (entity, body) in enumerate(sections, 1):
        pieces = [split_quote(p) for p in body]
        quote = " … ".join(fix_split_words(q, vocab) for q, _ in pieces if q)
        narration = " ".join(n for _, n in pieces if n.strip(" .,;"))
        citation = Citation(seq=seq, kind="unfootnoted", printed=narration, platform_hint=_hint(narration))
        doc.statements.append(Statement(
            seq=seq, quote=quote, entity=entity, date=_narration_date(narration, year), citation=citation,
        ))
    doc.metadata["sections"] = len(sections)
    return doc


def _sections(paragraphs: list[str]) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) per entity; trailing paragraphs without quotes dropped."""
    sections: list[tuple[str, list[str]]] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if _is_heading(paragraph, following) and following and _has_quote(" ".join(paragraphs[index + 1:index + 3])):
            sections.append((paragraph, []))
        elif sections:
            sections[-1][1].append(paragraph)
    trimmed = []
    for heading, body in sections:
        while body and not _has_quote(body[-1]):
            body.pop()
        if body:
            trimmed.append((heading, body))
    return trimmed
