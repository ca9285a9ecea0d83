"""A UN-style compiled letter: statements under headings, each citing a footnote.

The shape this parser knows (A/74/855–S/2020/404 is one of many such letters):

    Letter dated 13 May 2020 from ... addressed to the Secretary-General   <- title, date
    ... (Signed) Yashar Aliyev                                             <- author
    Annex to the letter dated ...
      I. International organizations                                       <- section
        Council of Europe                                                  <- entity heading
        Statement by the Directorate of Communications ... 2               <- title + footnote mark
        Strasbourg, 20.04.2020                                             <- place, date
        The Council of Europe has ...                                      <- the quote
    __________________
     2 Statement ... to the Report News Agency, 20.04.2020, https://...    <- footnote 2

Every page repeats the document symbols and a "9/16 20-06766" line, ends with its
footnotes (after a rule of underscores) and, in extracted text, with its link list.

How it reads (no assumption about the number of pages, statements or footnotes), a module
a step, each of whose docstrings says the rest; this one keeps the entry points
(looks_like_letter, parse_letter), the covering letter's metadata, the statements and
their citations:

1. Pages are cut into body lines and footnotes, page furniture removed and remembered as
   metadata (take_apart.py): a footnote lost in extraction is told from a line that begins
   with a number by the marks the statements use (placement.py).  A letter whose
   statements cite no footnote at all is refused with how its headings end and its footnote
   lines begin ("(3) https://...": a style not read; _refuse_unread_marks).  Numbering that
   starts again at an annex heading ("Annex II") begins a part of its own (parts.py);
   anywhere else, a run 1, 2, 3 below the number expected (documents joined into one) is
   refused (numbering_faults.py).  Marks run on past the last footnote found
   (placement.py _marks), so the last footnotes lost are said as a gap is; so are
   unmarked statements at the end of a letter that marks every one before them.
2. Body lines become paragraphs (paragraphs.py); the marks they print are read by
   marks.py.
3. Each "Place, date" line anchors one statement: walking back from it, its title, entity
   and section (headers.py); every statement in document order, its quote and its mark
   (placement.py).  One printed after a quote's text, with only the next statement's headings
   after it, is that statement's close, no statement (metadata "closing_datelines":
   _keep_closing_datelines); a line shaped as a section's heading inside a quote is the quote's.
4. Quotes are cleaned (crawler.textclean, with the whole letter as vocabulary).  A
   translation printed after the original's words, "(Unofficial translation: ...)", is kept
   apart (metadata "translations", flag "translation-apart": _keep_translations_apart).
   A number glued to a word inside a quote ("declaration1") is the quoted
   document's own footnote mark, not ours: it is removed from the quote and the
   statement gets the flag "inner-footnote-marker".  A mark of our own inside a quote, and
   the marks printed after a title's own, are the statement's further sources' (further.py):
   taken out, their footnotes cited too and counted (metadata "further_footnotes").
5. Footnotes become citations (footnotes.py): a statement's own footnote and each of its
   further sources' is a citation of it, and so is each further URL one of those footnotes
   prints ("See https://a and https://b."), numbered after every footnote but named by its
   footnote (_cite_further_urls); the page's links that no footnote uses are document links.
"""

from __future__ import annotations

import datetime
import re

from crawler.ingest.dates import written_date
from crawler.ingest.footnotes import Footnote, citations_for
from crawler.ingest.headers import _indented_as_quote, _names_kind
from crawler.ingest.further import _further_footnotes
from crawler.ingest.layout import Layout
from crawler.ingest.marks import _marks_at_end, _strip_mark
from crawler.ingest.model import Citation, DocumentLink, IngestError, Page, ParsedDocument, Statement
from crawler.ingest.numbering_faults import (
    count_further,
    report_ceded_marks,
    refuse_parts_named_twice,
    refuse_restarted_numbering,
    refuse_unopened_annexes,
    report_lost_marks,
    report_marks_left_in_quotes,
    report_missing,
    report_stray_marks,
    report_uncited,
    report_unread_title_marks,
    report_repeated,
    report_repeated_marks,
    report_sentences_over_unmarked,
    report_spaced_marks,
    report_unmarked_end,
)
from crawler.ingest.paragraphs import PLACE_DATE, Paragraph, _headings, _paragraphs, dateline_place, section_number
from crawler.ingest.parts import BEGINS_ANNEX, Heading, numbered, part_of
from crawler.ingest.placement import _Header, _marks, _Placed, _statement_layout, _statement_marks
from crawler.ingest.take_apart import PAGE_LINE, RULE, _ascii_marks, _last_numbered, _read_footnotes, _take_apart
from crawler.numbering import printed
from crawler.textclean import Vocabulary, clean_text, clipped, closing_bracket

INNER_MARK = re.compile(r"\b([a-z]{3,})(\d{1,2})(?=[.,;:)]|\s|$)")
# A translation the letter prints inside a quote, after the original: "(Unofficial translation: ...)",
# "(Translation: ...)", "[Unofficial English translation: ...]" (_translated); in a letter translated
# into French, Spanish or Russian, "(Traduction non officielle : ...)", "(Traducción no oficial del
# inglés: ...)", "(Неофициальный перевод с английского: ...)", which were read as the quote's words.
TRANSLATION = re.compile(r"[(\[]\s*(?P<label>(?:(?:unofficial|informal|free|own)\s+)?(?:english\s+)?translation"
                         r"(?:\s+from\s+[^\W\d_]+)?"
                         r"|traduction(?:\s+(?:non\s+officielle|officieuse|libre))?(?:\s+(?:de\s+l['’]|du\s+|de\s+)[^\W\d_]+)?"
                         r"|traducción(?:\s+(?:no\s+oficial|oficiosa|libre))?(?:\s+del?\s+[^\W\d_]+)?"
                         r"|(?:(?:неофициальный|свободный)\s+)?перевод(?:\s+с\s+[^\W\d_]+(?:\s+языка)?)?)"
                         r"\s*:\s*", re.IGNORECASE)
# The covering letter's title, its date and its signature as the UN writes them in English, French,
# Spanish, Russian, Arabic and Chinese ("Lettre datée du 13 mai 2020 ...", "Carta de fecha 13 de mayo
# de 2020 ...", "Письмо ... от 13 мая 2020 года ...", "رسالة مؤرخة 13 أيار/مايو 2020 ...", "2020年5月13日
# ...的信", "(Signé)", "(Firmado)", "(Подпись)", "(توقيع)", "（签名）"): a translated letter read with the
# English words alone was stored with no title, date or author.
LETTER_TITLE = re.compile(r"^(?:(?:Identical letters|Letter|Note verbale)\b.*?\bdated\b"
                          r"|(?:Lettres identiques|Lettre|Note verbale)\b.*?\bdatées?\s+du\b"
                          r"|(?:Cartas idénticas|Carta|Nota verbal)\b.*?\bde\s+fecha\b"
                          r"|(?:Идентичные письма|Письмо|Вербальная нота)\b.*?\sот\s+\d"
                          r"|(?:رسالتان متطابقتان|رسالة|مذكرة شفوية)\s(?:.*?\s)?مؤرخت?(?:ة|ان)\s+\d"
                          r"|\d{4}年\d{1,2}月\d{1,2}日.*?的(?:同文信|信|普通照会)\s*$)", re.IGNORECASE)
DATED = re.compile(r"\bdated (\d{1,2} [A-Z][a-z]+ \d{4})"
                   r"|(?:\bdatées?\s+du|\bde\s+fecha|\sот|\sمؤرخت?(?:ة|ان))\s+(\d{1,2}(?:er)?\s.{3,20}?\d{4})"
                   r"|^(\d{4}年\d{1,2}月\d{1,2}日)")
SIGNED = re.compile(r"^\s*[(（](?:Signed|Signé|Firmado|Подпись|توقيع|签名)[)）](?:\s+|(?<=）))(.+?)\s*$")


def looks_like_letter(pages: list[Page]) -> bool:
    """A rule of underscores and at least one "Place, dd.mm.yyyy" line."""
    lines = [line for page in pages for line in page.lines]
    return any(RULE.match(l) for l in lines) and any(PLACE_DATE.match(_ascii_marks(l)) for l in lines)


def parse_letter(pages: list[Page], sha256: str, path: str) -> ParsedDocument:
    """Statements, citations and metadata of a compiled letter (see module docstring)."""
    layout = _take_apart(pages)
    paragraphs = _paragraphs(layout.body, _last_numbered(layout.notes))
    headings = _headings(paragraphs)
    _read_footnotes(layout, _statement_marks(paragraphs, layout.notes, headings), headings)
    refuse_restarted_numbering(layout, path)
    refuse_parts_named_twice(layout, path)
    refuse_unopened_annexes(layout, path)
    marks = _marks(paragraphs, layout)
    _refuse_footnotes_past_the_next_annex(paragraphs, marks, headings, layout, path)
    vocab = Vocabulary("\n".join([line.text for line in layout.body] + [f.text for f in layout.footnotes]))
    doc = ParsedDocument(kind="letter", sha256=sha256, path=path, symbols=layout.symbols)
    _letter_metadata(doc, paragraphs, vocab, layout)
    placed, further, lost, stray = _further_footnotes(_statement_layout(paragraphs, marks, layout.breaks), layout)
    doc.statements = _statements(paragraphs, placed, vocab, layout)
    _keep_translations_apart(doc)
    _attach_citations(doc, layout, further)
    _refuse_unread_marks(doc, layout, paragraphs, placed, path)
    count_further(doc, further)
    report_missing(doc, layout, lost)
    report_unmarked_end(doc)
    report_stray_marks(doc, stray)
    report_spaced_marks(doc, {index + 1: statement.spaced for index, statement in enumerate(placed)
                              if statement.spaced})
    _report_headings_after_colons(doc, paragraphs, placed)
    _keep_closing_datelines(doc, paragraphs, placed)
    _report_sections_in_quotes(doc, paragraphs, placed)
    _report_plain_headings(doc, paragraphs, placed)
    report_repeated_marks(doc, {index + 1: (statement.repeated, _marks_at_end(statement.repeated))
                                for index, statement in enumerate(placed) if statement.repeated})
    report_ceded_marks(doc, {index + 1: ((statement.footnote, *statement.further, *statement.header.ceded),
                                         statement.header.ceded)
                             for index, statement in enumerate(placed) if statement.header.ceded})
    report_ceded_marks(doc, {index + 1: (statement.run_on, tuple(number for number in statement.run_on
                                                                 if number >= placed[index + 1].footnote))
                             for index, statement in enumerate(placed) if statement.run_on}, quoted=True)
    said = report_unread_title_marks(doc, layout)
    report_marks_left_in_quotes(doc, layout)
    report_uncited(doc, layout, said + report_lost_marks(doc, layout))
    report_sentences_over_unmarked(doc, {index + 1: paragraphs[statement.anchor - 1].flat
                                         for index, statement in enumerate(placed)
                                         if statement.header.sentence and statement.footnote is None})
    report_repeated(doc, layout)
    return doc


def _refuse_unread_marks(doc: ParsedDocument, layout: Layout, paragraphs: list[Paragraph], placed: list[_Placed],
                         path: str) -> None:
    """Statements read, lines after the rule, and not one citation: the footnotes or the marks
    are printed in a style the reader does not read ("(1) https://...", "Europe*"), said with
    what was found, the headings' ends and the footnote lines' starts (those that begin with a
    number or a sign first, as a footnote's does).  Left to the caller's refusal ("check that
    the footnotes were extracted"), a letter whose marks were printed "³" was said to have lost
    its footnotes in extraction, which sent the user looking for the wrong fault."""
    notes = [line.strip() for _, line in layout.notes if line.strip()]
    if not doc.statements or doc.citations or not notes:
        return
    marked = [line for line in notes if not line[0].isalpha()] or notes
    begin = ", ".join(f"'{clipped(line, 24)}'" for line in marked[:2])
    ends = list(dict.fromkeys(f"'{_tail(paragraphs[statement.anchor - 1].flat, 24)}'" for statement in placed
                              if statement.anchor and paragraphs[statement.anchor - 1].kind == "text"))
    titles = f"the headings over them end {', '.join(ends[:2])} and " if ends else ""
    read = f" ({numbered([(f.part, f.number) for f in layout.footnotes])} read)" if layout.footnotes else ""
    raise IngestError(
        f"{path}: {len(doc.statements)} statements, but none cites a footnote: {titles}the lines after the '____' rule "
        f"begin {begin}{read}; a mark is read as 1, ¹ or [1] after a title or a quote, and a footnote line "
        "that begins with its number so ('1 ', '¹ ', '[1] '): write them so, or check that the footnotes were "
        "extracted"
    )


def _tail(text: str, width: int) -> str:
    """The text's end, its last words within `width` characters, with "…" where it was cut."""
    return text if len(text) <= width else "…" + text[-width:].split(" ", 1)[-1]


def _refuse_footnotes_past_the_next_annex(paragraphs: list[Paragraph], marks: set[int], headings: list[Heading],
                                          layout: Layout, path: str) -> None:
    """A statement whose footnote starts on a page after that of the annex heading following
    the statement is refused: a footnote is printed on its mark's page, so that one is a
    later annex's, read as the number the statement's part was at (annex I's footnote 2
    and annex II's 1 and 2 lost, annex II's 3 on a later page was read as annex I's 3 and
    paired with annex I's statement 3); pairing it would guess."""
    by_number = {(f.part, f.number): f for f in layout.footnotes}
    for seq, placed in enumerate(_statement_layout(paragraphs, marks, layout.breaks), 1):
        part = part_of(placed.anchor, layout.opened, layout.first_part)
        footnote = by_number.get((part, placed.footnote))
        following = next((heading for heading in headings if heading.paragraph > placed.anchor), None)
        if footnote and following and footnote.page > following.page:
            raise IngestError(
                f"{path}: statement {seq} is marked {printed(footnote.number, footnote.number, part)}, but that "
                f"footnote starts on page {footnote.page}, after the '{following.label}' heading (page "
                f"{following.page}) that follows the statement, and a footnote is printed on its mark's page "
                "(footnotes lost in extraction on both sides of the heading?): which footnote the statement cites "
                "cannot be told; check the document's footnotes there"
            )


def _report_headings_after_colons(doc: ParsedDocument, paragraphs: list[Paragraph], placed: list[_Placed]) -> None:
    """One warning line for each annex heading read as the letter's after a quote's line ending
    with a colon (_quoted_heading: only headings follow it), naming the statement whose quote
    it ends: a quote may end with the heading it introduces ("... the Protocol reads:" over
    "Annex I", then the next statement), and then lost it, which nothing else would show."""
    for at, paragraph in enumerate(paragraphs):
        if paragraph.kind != "annex" or not at or not _strip_mark(paragraphs[at - 1].flat).endswith(":"):
            continue
        quoted = [index + 1 for index, statement in enumerate(placed) if statement.anchor < at]
        if quoted:
            doc.warn(
                f"'{paragraph.flat}' on page {paragraph.page}, after statement {quoted[-1]}'s quote ending with ':', "
                "is read as the letter's annex heading (only headings follow it); if the quote quotes it, "
                f"the quote lost it: check statement {quoted[-1]}'s quote"
            )


def _keep_closing_datelines(doc: ParsedDocument, paragraphs: list[Paragraph], placed: list[_Placed]) -> None:
    """Each "Place, date" line read as the close of the statement before (placement.py
    _closing_datelines) kept in the document's metadata "closing_datelines" (statement, line as
    printed, place, date), as a statement has no field for it: read as a statement, it was one
    with no text.  Where the paragraph after it may be read otherwise (_closing_doubt), that is
    said, naming the line."""
    anchors = {statement.anchor for statement in placed}
    for at, paragraph in enumerate(paragraphs):
        if paragraph.kind != "place" or at in anchors:
            continue
        seq = sum(statement.anchor < at for statement in placed)
        found = PLACE_DATE.match(paragraph.flat)
        doc.metadata.setdefault("closing_datelines", []).append(
            {"statement": seq, "line": paragraph.flat, "place": dateline_place(found),
             "date": _iso_date(found.group("date"))})
        doubt = _closing_doubt(paragraphs, at, placed[seq].header) if seq < len(placed) else None
        if doubt:
            read, other = doubt
            doc.warn(
                f"'{paragraph.flat}' on page {paragraph.page}, after statement {seq}'s quote, is read as that "
                f"statement's closing place and date, and '{clipped(_strip_mark(paragraphs[at + 1].flat), 40)}' under "
                f"it as statement {seq + 1}'s {read}; if {other}, check statements {seq} and {seq + 1}"
            )


def _closing_doubt(paragraphs: list[Paragraph], at: int, header: _Header) -> tuple[str, str] | None:
    """What the paragraph right under the closing "Place, date" line at `at` is read as (the next
    statement's title or entity, its `header`'s) and what it may be instead, where it may be text
    the line ends or begins; None where it may not.  A title that names no kind of text may be the text of a
    statement with no title that the line begins; an entity indented as the quote before the
    line is, not as the title under it (_indented_as_quote), that quote's last line, its signer
    ("Vienna, 8 February 2021" over "Hans Gruber"): read as an entity, it filed the statement
    under it under the signer's name, said nowhere."""
    if header.start != at + 1 or header.section is not None:
        return None
    first = paragraphs[at + 1]
    if header.entity is None:
        return None if header.title is None or _names_kind(first.flat) else (
            "title", "the line begins a statement with no title")
    if header.title is not None and _indented_as_quote(first, paragraphs[at - 1], paragraphs[at + 2]):
        return "entity", "it is the quote's last line (a signer's name), not a heading"
    return None


def _report_sections_in_quotes(doc: ParsedDocument, paragraphs: list[Paragraph], placed: list[_Placed]) -> None:
    """A line shaped as a section's heading inside a quote is the quote's numbered point
    (placement.py QUOTED_KINDS): a header reads a section right over its entity, title or "Place,
    date" line only.  One that numbers on from the letter's last section ("II. Individual States"
    under "I. International organizations"), the first such line of its quote, may be the next
    section's heading that a line between it and the entity kept from the header ("The following
    States issued statements:"): read into the quote before, the statements after it keep the
    section before.  Said, naming the line, as the numbered points of a quote begin at one."""
    quoted = {id(paragraph): seq for seq, statement in enumerate(placed, 1) for paragraph in statement.body}
    current, told = None, set()
    for paragraph in paragraphs:
        number = section_number(paragraph.flat) if paragraph.kind == "section" else None
        if number is None:
            continue
        seq = quoted.get(id(paragraph))
        if seq is None:
            current = number
        elif seq not in told:
            told.add(seq)
            if current is not None and number == current + 1:
                doc.warn(f"'{clipped(paragraph.flat, 60)}' on page {paragraph.page}, inside statement {seq}'s quote, "
                         f"is read as the quote's numbered point, though it numbers on from the section before; if it "
                         f"heads the statements after it, check statement {seq}'s quote and the next statements' section")


def _report_plain_headings(doc: ParsedDocument, paragraphs: list[Paragraph], placed: list[_Placed]) -> None:
    """One warning line for each heading with lower-case words whose reading the letter leaves
    open (_plain_heading), naming both statements: one over a title after a quote that ends no
    sentence, or indented as that quote, left to it, and one over a statement with no title,
    read as its entity (nothing but the quote's end before it tells a heading from a quote's
    last short line there)."""
    for index, statement in enumerate(placed[1:], 1):
        header, before = statement.header, placed[index - 1]
        seq = index + 1
        if header.unsure:
            text, why = header.unsure
            doc.warn(
                f"'{text}' over statement {seq}'s title reads as an entity's heading, but {why}: it is kept as the "
                f"end of statement {index}'s quote, and statement {seq} keeps the entity "
                f"'{doc.statements[index].entity}'; check statements {index} and {seq}"
            )
        elif header.untitled and all(p.kind == "text" for p in paragraphs[before.anchor + 1:header.start]):
            doc.warn(
                f"'{header.entity}' over statement {seq}'s 'Place, date' line (no title under it) is read as statement "
                f"{seq}'s entity, not as the last line of statement {index}'s quote; if it is the quote's, check "
                f"statements {index} and {seq}"
            )


def _letter_metadata(doc: ParsedDocument, paragraphs: list[Paragraph], vocab: Vocabulary, layout: Layout) -> None:
    """Title, date, author and furniture of the covering letter."""
    for paragraph in paragraphs[:3]:
        if LETTER_TITLE.match(paragraph.flat):
            doc.title = clean_text(paragraph.raw, vocab)
            dated = DATED.search(doc.title)
            if dated:
                doc.date = _iso_date(next(group for group in dated.groups() if group))
            break
    for paragraph in paragraphs:
        signed = SIGNED.match(paragraph.lines[0])
        if signed:
            doc.author = signed.group(1)
            break
    # The annex's title is the covering letter's, before any statement: a heading a quote
    # prints, or a later annex's, titled the letter with a statement's title.
    first = next((i for i, p in enumerate(paragraphs) if p.kind == "place"), len(paragraphs))
    annex = next((i for i, p in enumerate(paragraphs[:first]) if BEGINS_ANNEX.search(p.flat)), None)
    if annex is not None and annex + 1 < first:
        doc.metadata["annex_title"] = clean_text(paragraphs[annex + 1].raw, vocab)
    if layout.page_lines:
        first = PAGE_LINE.match(layout.page_lines[0])
        doc.metadata["job_number"] = first.group(3) or first.group(4)
        doc.metadata["page_count"] = int(first.group(2) or first.group(6))
    doc.metadata["footnotes"] = len(layout.footnotes)


def _iso_date(text: str) -> str | None:
    """"20.04.2020", "09.04. 2020" or "13 May 2020" as ISO 8601."""
    if not re.fullmatch(r"[\d.\s]+", text):
        return written_date(text, at_start=True)
    try:
        return datetime.datetime.strptime(re.sub(r"\s", "", text), "%d.%m.%Y").date().isoformat()
    except ValueError:
        return None


def _statements(paragraphs: list[Paragraph], placements: list[_Placed], vocab: Vocabulary,
                layout: Layout) -> list[Statement]:
    """One statement per "Place, date" paragraph, in document order, each in its part."""
    statements: list[Statement] = []
    section = entity = None
    for index, placed in enumerate(placements):
        header = placed.header
        section = header.section or section
        if header.entity:
            entity = header.entity
        place = PLACE_DATE.match(paragraphs[placed.anchor].flat)
        quote, flags = _quote(placed.body, vocab)
        statements.append(Statement(
            seq=index + 1, quote=quote, section=section, entity=entity,
            title=clean_text(_title(header), vocab) if header.title else None,
            place=dateline_place(place), date=_iso_date(place.group("date")),
            footnote=placed.footnote, flags=flags, part=part_of(placed.anchor, layout.opened, layout.first_part),
        ))
    return statements


def _title(header: _Header) -> str:
    """The header's title without its marks; as printed when its mark is on the "Place, date"
    line (the numbers it ends with are its words then: "Statement on article 3")."""
    return header.title if header.on_place else _strip_mark(header.title, header.footnote)


def _quote(body: list[Paragraph], vocab: Vocabulary) -> tuple[str, list[str]]:
    """The cleaned quote (paragraphs kept apart by a newline) and its flags."""
    paragraphs = [clean_text(p.raw, vocab) for p in body]
    flags = []
    cleaned = []
    for text in paragraphs:
        stripped = INNER_MARK.sub(lambda m: m.group(1) if vocab.known(m.group(1)) else m.group(0), text)
        if stripped != text:
            flags.append("inner-footnote-marker")
        cleaned.append(stripped)
    return "\n".join(p for p in cleaned if p), sorted(set(flags))


def _keep_translations_apart(doc: ParsedDocument) -> None:
    """A quote that prints the original's words and then a translation of them, "(Unofficial
    translation: ...)", keeps the original's words as its quote, the statement flagged
    "translation-apart", and the translation in the document's metadata "translations"
    (statement, label as printed, text): compared as one quote, the original's words verbatim
    in the source page and the translation's in none, the statement was judged a translation,
    or altered.  A quote that is a translation alone stays as it is."""
    for statement in doc.statements:
        original, translations = _translated(statement.quote)
        if not translations:
            continue
        statement.quote = original
        statement.flags = sorted(set(statement.flags) | {"translation-apart"})
        doc.metadata.setdefault("translations", []).extend(
            {"statement": statement.seq, "label": label, "text": text} for label, text in translations)


def _translated(quote: str) -> tuple[str, list[tuple[str, str]]]:
    """The quote without the translations it prints in brackets (TRANSLATION, up to the
    bracket that closes it, brackets inside counted), and each one's label and text; the quote
    as it is and none when a bracket is not closed or nothing but translations is left."""
    translations, kept, at = [], [], 0
    for opened in TRANSLATION.finditer(quote):
        if opened.start() < at:
            continue
        close = closing_bracket(quote, opened.start())
        if close is None:
            return quote, []
        translations.append((opened.group("label"), " ".join(quote[opened.end():close].split())))
        kept.append(quote[at:opened.start()])
        at = close + 1
    kept.append(quote[at:])
    paragraphs = [" ".join(paragraph.split()) for paragraph in "".join(kept).split("\n")]
    original = "\n".join(paragraph for paragraph in paragraphs if paragraph)
    if not translations or not any(char.isalpha() for char in original):
        return quote, []
    return original, translations


def _attach_citations(doc: ParsedDocument, layout: Layout, further: dict[int, list[tuple]]) -> None:
    """Footnotes to citations: a statement's own footnote's, then its `further` sources' (by
    its seq: _further_footnotes), each as any footnote, then those of the further URLs of
    its footnotes (_cite_further_urls); links no footnote uses to document links."""
    by_number = {(f.part, f.number): f for f in layout.footnotes}
    used: set[str] = set()
    made: dict[tuple, list[Citation]] = {}
    urls: list[tuple[Statement, Citation]] = []
    page_links: dict[int, list[str]] = {}
    for page, link in layout.links:
        page_links.setdefault(page, []).append(link)
    for statement in doc.statements:
        footnote = by_number.get((statement.part, statement.footnote))
        if footnote is not None:
            statement.citation = _cite(doc, statement, footnote, page_links, used, made, urls)
        elif statement.footnote is not None:
            statement.flags = sorted(set(statement.flags) | {"footnote-missing"})
        statement.further = [_cite(doc, statement, by_number[pair], page_links, used, made, urls)
                             for pair in further.get(statement.seq, [])]
    _cite_further_urls(urls, layout)
    for page, link in layout.links:
        if link not in used and link not in {l.url for l in doc.links}:
            doc.links.append(DocumentLink(link, f"page {page}: a link that is not a footnote"))


def _cite(doc: ParsedDocument, statement: Statement, footnote: Footnote, page_links: dict[int, list[str]],
          used: set[str], made: dict[tuple, list[Citation]], urls: list[tuple[Statement, Citation]]) -> Citation:
    """The citation `footnote` makes (footnotes.py, with the links of the pages it is printed
    on, and the citations of the footnote numbered before it, `made` so far, that an "Ibid."
    cites again), its link target marked `used` and what it warns of said; an unofficial
    translation flags its statement too.  The citations of the footnote's further URLs go to
    `urls`, with the statement, to be numbered after every footnote (_cite_further_urls)."""
    citation, *more = citations_for(footnote, [link for page in footnote.pages for link in page_links.get(page, [])],
                                    used, previous=made.get((footnote.part, footnote.number - 1)))
    made[(footnote.part, footnote.number)] = [citation, *more]
    for cited in (citation, *more):
        for warning in cited.warnings:
            doc.warn(warning)
        if cited.link_target:
            used.add(cited.link_target)
    if "unofficial-translation" in citation.flags:
        statement.flags = sorted(set(statement.flags) | {"unofficial-translation"})
    urls += [(statement, url) for url in more]
    return citation


def _cite_further_urls(urls: list[tuple[Statement, Citation]], layout: Layout) -> None:
    """Each further URL of a footnote ("See https://a and https://b.": footnotes.citations_for)
    a citation of the statement citing that footnote, after its footnotes' citations.  A
    statement's citations are UNIQUE by seq and a footnote's seq is its place: these take
    the seqs after every footnote's, in the order read (statement by statement, footnote by
    footnote, URL by URL), so the same document gives the same seqs on every ingest (a
    re-ingest of the same bytes compares rows with their seqs: crawler/ingest/rows.py
    `missing_further`).  A URL added to an earlier footnote shifts these seqs: --replace
    compares them by what they cite and renumbers the rows it keeps (replace.py).  Each keeps its
    footnote's number (`footnote`), which names it "footnote 3" as its first URL is named."""
    after = max((f.number + f.offset for f in layout.footnotes), default=0)
    for seq, (statement, citation) in enumerate(urls, start=after + 1):
        citation.seq = seq
        statement.further.append(citation)
