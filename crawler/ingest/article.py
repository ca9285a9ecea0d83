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
A statement whose section links nothing gets one citation of kind "unfootnoted":
`printed` is the narration around the quotes, `platform_hint` what it says about where
the words appeared (facebook | twitter | website | media, None when it says nothing).  An
unfootnoted citation names no source, so it has no sources row until a later stage finds
one.  A section's links make its citations instead (below), with the same `printed` and
`platform_hint`.
A date the narration gives ("on March 31"; in French, Spanish or Russian "le 31 mars", "el 31 de
marzo", "31 марта", read by crawler/ingest/dates.py) is taken in the article's year; so is the
byline's author ("By", "Par", "Por", "Автор:").

Quote marks pair by kind: a closing mark ends the quote its own opening mark began
(» ends «, ” or “ ends “ or „, " ends ", ’ ends ‘), so a paragraph may hold several
quotes (each a piece of the statement, narration between); a closing mark of another kind
than the open quote's ("…”, “…") ends the innermost open quote, as careless typing
pairs them.  A quote that the narration before it calls a translation ("which translates
as", "in English") of the quote before it is left in the narration, not in the quote: the
quote is the words as said, and the statement is flagged "translation-left-out".

A link in a section's paragraphs (narration or quote: a URL printed in the text, an HTML
<a href>) is what the article cites for that statement: the first becomes its citation
(web, twitter or facebook, read as a letter's footnote is: crawler/ingest/footnotes.py
`citation_for`), the others its further citations, numbered after the last statement.
A share button's link, and one to the article's own site (when it was read from a URL), cite
nothing.  A section's "Source: …" line right after its last quote is part of it.

An article's sections are there to quote: the narration says who said the words, where and
when, and the quotes are the bulk of it (77% of the seed article's sections' words, 30% or
more in the tests' articles).  A manual (a README) also has short headings followed by
paragraphs that quote, but it quotes terms, messages and examples in passing, within prose
of its own ("Page non trouvée", "cannot write to standard output": 1% to 12% of the words of
our README's and docs' sections); read as an article it made a database of nonsense to
crawl.  So a text is read as an article only when its sections' quotes hold at least
`SAID_SHARE` of their words; anything less is refused as no compiled document.
"""

from __future__ import annotations

import datetime
import re

from crawler.ingest.dates import day_in_year, written_date
from crawler.ingest.footnotes import Footnote, citation_for
from crawler.ingest.model import Citation, ParsedDocument, Statement
from crawler.textclean import Vocabulary, clipped, closing_bracket, fix_split_words
from crawler.urls import URL_START, host_of, normalise_url

ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
LONG_DATE = re.compile(r"\b(\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})\b")
# "By", and in an article in French, Spanish or Russian "Par", "Por", "Автор:", before its
# author's capitalised name; tried in that order (`_byline`), for "Par" and "Por" open English
# names too ("Par Excellence Travel desk report. By Akbar Mammadov").
NAME_CAPITAL = "[A-ZÀ-ÖØ-ÞА-ЯЁ]"
BYLINES = tuple(re.compile(rf"\b{word}\s+({NAME_CAPITAL}[\w.'-]+(?:\s+{NAME_CAPITAL}[\w.'-]+){{0,3}})")
                for word in ("By", "Par", "Por", "Автор:"))
MONTH_DAY = re.compile(
    r"\bon (January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b"
)
OPEN_QUOTES = "\"“„«‘"
# The opening marks each closing mark ends (see the module docstring).
OWN_OPENING = {"»": "«", "”": "“„", "“": "„", '"': '"', "’": "‘"}
_OPENING_PUNCT = "([{—–/"
# Narration that introduces the next quote as a translation of the one before: "which
# translates as", "translated into English:", "(English translation: …", "or, in English, …".
NARRATED_TRANSLATION = re.compile(r"\btranslat(?:es|ed|ing)\s+(?:as|into|to)\b|\btranslation\s*:?\s*$|\bin English\s*[:,]?\s*$",
                                  re.I)
# A line that names the section's source after its quote ("Source: Estonian MFA, 18 May 2021").
SOURCE_LINE = re.compile(r"^(?:>\s*)?(?:Source|Sources|Via)\s*:", re.I)
# Markdown's marks at the start of a paragraph: a heading's "## ", a block quote's "> ".
MARKDOWN_MARKS = re.compile(r"^(?:#{1,6}|>)\s+")
# The least share of an article's sections' words that their quotes hold (module docstring):
# a fifth, between a manual's 12% at most and an article's 30% at least.
SAID_SHARE = 0.2
# Share buttons' targets: a page that posts the article, not a source of its statements.
SHARE_LINK = re.compile(
    r"^https?://(?:www\.|m\.)?(?:(?:twitter|x)\.com/(?:intent/|share\b)|facebook\.com/(?:sharer|dialog/share)"
    r"|linkedin\.com/(?:shareArticle|sharing/)|reddit\.com/submit|(?:api\.)?whatsapp\.com/send|wa\.me/"
    r"|t(?:elegram)?\.me/share|vk\.com/share\.php|pinterest\.com/pin/create)", re.I)
HINTS = (
    ("facebook", re.compile(r"\bfacebook\b", re.I)),
    ("twitter", re.compile(r"\btwitter\b|\btweet(?:ed|s)?\b", re.I)),
    ("media", re.compile(r"\btold (?:local |the )?(?:media|press|journalists|reporters)\b|\binterview\b|\bmedia\b", re.I)),
    ("website", re.compile(r"\bwebsite\b|\bstatement\b|\bpress release\b", re.I)),
)


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs: blocks separated by empty lines, or single lines when there are none.
    A Markdown heading's or block quote's mark ("## Estonia", "> “…”") is not the
    paragraph's words: without it "## Estonia" is read as the heading it is."""
    text = text.replace("\r\n", "\n").strip()
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [MARKDOWN_MARKS.sub("", re.sub(r"\s+", " ", b).strip()) for b in blocks if b.strip()]


def _has_quote(paragraph: str) -> bool:
    return any(q in paragraph for q in OPEN_QUOTES)


def _is_heading(paragraph: str, following: str | None) -> bool:
    """A short unpunctuated line followed by a paragraph (the entity's section); a section's
    "Source: Lithuanian MFA" line is no heading."""
    words = paragraph.split()
    return (
        0 < len(words) <= 8 and paragraph[0].isupper() and not paragraph.endswith((".", ",", ":", ";", "!", "?"))
        and not _has_quote(paragraph) and following is not None and not SOURCE_LINE.match(paragraph)
    )


def said_share(text: str) -> float | None:
    """The share of the text's entity sections' words that their quotes hold; None when it has
    no short heading followed by a paragraph that quotes (no section to measure).  An article
    is a text whose share is SAID_SHARE or more: a manual's headings are followed by paragraphs
    that quote too, but terms and messages within prose of its own (module docstring)."""
    paragraphs = paragraphs_of(text)
    if not any(_is_heading(p, n) and _has_quote(n) for p, n in zip(paragraphs, paragraphs[1:])):
        return None
    return _said_share(paragraphs)


def _said_share(paragraphs: list[str]) -> float:
    """The share of the entity sections' words that their quotes hold, counted as a statement
    takes them (`quoted`: a translation left out is narration's)."""
    body = [paragraphs[index] for _, indexes in _sections(paragraphs) for index in indexes]
    said = sum(len(piece.split()) for paragraph in body for piece in quoted(paragraph)[0])
    return said / max(1, sum(len(paragraph.split()) for paragraph in body))


def _flanks(paragraph: str, index: int) -> tuple[bool, bool]:
    """(opens, closes): whether the mark at `index` can open a quote (a word follows it,
    space or an opening bracket before) or close one (a word or punctuation before it, space,
    punctuation or the end after)."""
    before = paragraph[index - 1] if index else " "
    after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
    opens = not after.isspace() and (before.isspace() or before in _OPENING_PUNCT or before in OPEN_QUOTES)
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    return opens, closes


def _role(paragraph: str, index: int, open_marks: str) -> str | None:
    """"open", "close" or None (an apostrophe, a stray mark) for the quote mark at `index`;
    `open_marks` are the marks of the quotes open before it."""
    mark = paragraph[index]
    opens, closes = _flanks(paragraph, index)
    if mark in "«„":
        return "open"
    if mark == "»":
        return "close"
    if mark == "“":     # English opening, German closing („…“)
        return "close" if closes and not opens else "open"
    if mark == "”":
        return "open" if opens and not closes and paragraph[index - 1:index] in ("", " ") else "close"
    if mark == '"':
        if opens != closes:
            return "open" if opens else "close"
        return "close" if '"' in open_marks else "open"
    if mark == "‘":
        return "open" if opens else None
    if mark == "’":     # an apostrophe ("Azerbaijan’s", "Chairs’ efforts") unless a ‘ is open
        return "close" if closes and "‘" in open_marks and not paragraph[index + 1:index + 2].isalnum() else None
    return None


def quote_spans(paragraph: str) -> list[tuple[int, int | None]]:
    """The paragraph's outermost quotes: (index of the opening mark, index of its closing
    mark, None when the quote runs to the paragraph's end), pairing marks by kind (module
    docstring); quotes nested in a quote stay inside it."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int | None]] = []
    for index, mark in enumerate(paragraph):
        if mark not in OPEN_QUOTES and mark not in OWN_OPENING:
            continue
        role = _role(paragraph, index, "".join(m for m, _ in stack))
        if role == "open":
            stack.append((mark, index))
        elif role == "close" and stack:
            own = [k for k, (opening, _) in enumerate(stack) if opening in OWN_OPENING[mark]]
            k = own[-1] if own else len(stack) - 1
            start = stack[k][1]
            del stack[k:]
            if not stack:
                spans.append((start, index))
    if stack:
        spans.append((stack[0][1], None))
    return spans


def quoted(paragraph: str) -> tuple[list[str], str, list[str]]:
    """(quoted pieces, narration, translations left out) of a paragraph (module docstring)."""
    kept: list[tuple[int, int | None]] = []
    translations: list[str] = []
    for start, end in quote_spans(paragraph):
        before = paragraph[kept[-1][1] + 1:start] if kept and kept[-1][1] is not None else ""
        if kept and NARRATED_TRANSLATION.search(before):
            translations.append(paragraph[start + 1:end].strip(" ,.") if end is not None else paragraph[start + 1:])
            continue
        kept.append((start, end))
    if not kept:
        return [], paragraph, translations
    if kept[-1][1] is None and len(kept) == 1:   # an unclosed quote runs to the end
        return [paragraph[kept[0][0] + 1:].strip()], paragraph[:kept[0][0]].strip(), translations
    pieces, narration, at = [], [], 0
    for start, end in kept:   # a comma after a quote ends the quoted sentence, not the narration's
        narration.append(paragraph[at:start].lstrip(" ,"))
        pieces.append(paragraph[start + 1:end].strip().rstrip(",").strip())
        at = len(paragraph) if end is None else end + 1
    narration.append(paragraph[at:].lstrip(" ,"))
    return [p for p in pieces if p], re.sub(r"\s+", " ", " ".join(narration).strip(" ,")), translations


def _byline(paragraph: str) -> str | None:
    """The author the article's first paragraph names after the first of BYLINES it holds."""
    return next((found.group(1) for byline in BYLINES if (found := byline.search(paragraph))), None)


def _article_date(paragraphs: list[str]) -> str | None:
    """The article's date in its first paragraphs: ISO, English ("31 March 2020", "March 31,
    2020") or written in another UN language ("1er avril 2020", dates.py `written_date`)."""
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
        if written := written_date(paragraph):
            return written
    return None


def _narration_date(narration: str, year: int | None) -> str | None:
    """The day the narration says the words were published ("on March 31"; in another UN
    language, "le 31 mars", "el 31 de marzo", "31 марта", dates.py `day_in_year`), in the
    article's year."""
    if not year:
        return None
    match = MONTH_DAY.search(narration)
    if not match:
        return day_in_year(narration, year)
    return datetime.datetime.strptime(f"{match.group(2)} {match.group(1)} {year}", "%d %B %Y").date().isoformat()


def _hint(narration: str) -> str | None:
    for name, pattern in HINTS:
        if pattern.search(narration):
            return name
    return None


def parse_article(text: str, sha256: str, path: str, title: str | None = None,
                  links: list[list[str]] | None = None) -> ParsedDocument:
    """Statements (one per entity section) and their citations of an article.

    `links` are the <a href> targets of each paragraph of `text` (an HTML article's,
    crawler/ingest/html.py `article_text`), in the order of `paragraphs_of(text)`."""
    paragraphs = paragraphs_of(text)
    doc = ParsedDocument(kind="article", sha256=sha256, path=path, title=title)
    doc.date = _article_date(paragraphs)
    doc.author = _byline(paragraphs[0]) if paragraphs else None
    vocab = Vocabulary(text)
    year = int(doc.date[:4]) if doc.date else None
    sections = _sections(paragraphs)
    further_seq = len(sections)
    for seq, (entity, body) in enumerate(sections, 1):
        read = [quoted(paragraphs[index]) for index in body]
        quote = " … ".join(fix_split_words(q, vocab) for pieces, _, _ in read for q in pieces)
        narration = " ".join(n for _, n, _ in read if n.strip(" .,;"))
        statement = Statement(seq=seq, quote=quote, entity=entity, date=_narration_date(narration, year))
        translations = [t for _, _, left_out in read for t in left_out]
        if translations:
            statement.flags.append("translation-left-out")
            doc.warn(f"statement {seq} ({entity}): the article gives a translation after the quote "
                     f"(“{clipped(translations[0], 60)}”); the quote is the words as said, the translation stays in "
                     "the narration")
        cited = _link_citations(seq, [(paragraphs[index], links[index] if links else []) for index in body],
                                host_of(path))
        if not cited:
            cited = [Citation(seq=seq, kind="unfootnoted", printed=narration)]
        for number, citation in enumerate(cited):
            if number:
                further_seq += 1
            citation.seq, citation.footnote = (further_seq if number else seq), None
            citation.printed, citation.platform_hint = narration, _hint(narration)
        statement.citation, statement.further = cited[0], cited[1:]
        doc.statements.append(statement)
    doc.metadata["sections"] = len(sections)
    return doc


def _link_citations(seq: int, paragraphs: list[tuple[str, list[str]]], own_host: str) -> list[Citation]:
    """The citations a section's links make, in the order the paragraphs give them: each URL
    printed in a paragraph (repaired and confirmed by the paragraph's own <a href> targets as
    a letter's footnote is by its page's, crawler/ingest/footnotes.py `citation_for`), then
    each <a href> target that no printed URL spelled.  One citation per page; a share
    button's link and one to the article's own site cite nothing (module docstring)."""
    cited: dict[str, Citation] = {}

    def keep(citation: Citation) -> None:
        if citation.url and not SHARE_LINK.match(citation.url) and not (own_host and _same_site(citation.url, own_host)):
            cited.setdefault(normalise_url(citation.url), citation)

    for paragraph, targets in paragraphs:
        starts = _url_starts(paragraph)
        for start, following in zip(starts, [*starts[1:], len(paragraph)]):
            text = paragraph[start:min(following, closing_bracket(paragraph, start - 1) or following)]
            keep(citation_for(Footnote(number=seq, text=text, page=1), targets, set()))
        spelled = {c.link_target for c in cited.values()} | {normalise_url(c.url) for c in cited.values()}
        for target in targets:
            if target in spelled or normalise_url(target) in spelled:
                continue
            citation = citation_for(Footnote(number=seq, text=target, page=1), [], set())
            citation.url_printed, citation.link_target = None, target
            citation.repairs = ["taken from the article's link (<a href>) in the statement's section: "
                                "its text prints no URL", *citation.repairs]
            keep(citation)
    return list(cited.values())


def _url_starts(paragraph: str) -> list[int]:
    """Where each URL printed in the paragraph begins; an "https://" inside a URL (a Wayback
    address's original, a redirect's target) begins none.  Each is read up to the next, so
    that the footnote reader reads one URL at a time."""
    return [m.start() for m in URL_START.finditer(paragraph)
            if m.start() == 0 or paragraph[m.start() - 1].isspace() or paragraph[m.start() - 1] in "([<«“\"'"]


def _same_site(url: str, own_host: str) -> bool:
    """A link to the article's own site (its menus, tags, related stories)."""
    return host_of(url).removeprefix("www.") == own_host.removeprefix("www.")


def _sections(paragraphs: list[str]) -> list[tuple[str, list[int]]]:
    """(heading, indexes of its paragraphs) per entity; trailing paragraphs without quotes
    dropped, but for a "Source: …" line right after the section's last quote."""
    sections: list[tuple[str, list[int]]] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if _is_heading(paragraph, following) and following and _has_quote(" ".join(paragraphs[index + 1:index + 3])):
            sections.append((paragraph, []))
        elif sections:
            sections[-1][1].append(index)
    trimmed = []
    for heading, body in sections:
        while body and not _has_quote(paragraphs[body[-1]]) and not (
                SOURCE_LINE.match(paragraphs[body[-1]]) and len(body) > 1 and _has_quote(paragraphs[body[-2]])):
            body.pop()
        if body:
            trimmed.append((heading, body))
    return trimmed
