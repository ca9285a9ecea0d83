"""An HTML document as text lines and its link targets (lxml), read as a browser lays it out.

Block elements (p, div, li, h1–h6, tr, …) and <br> end lines, an empty block is an
empty line, and <pre> keeps its lines and spaces; elsewhere runs of white space are one
space, but a non-breaking space stays (the indent a converter writes as &nbsp;).  So an
HTML rendering of a letter (one <p> per line, or the text in a <pre>) gives the text
file's lines back, and `pages` cuts them into pages as it cuts the text file; a news
page gives one line per paragraph, which the article parser reads as paragraphs.
<a href> targets are kept as the page's links (a letter published as HTML uses them
like a PDF's annotations), each with the line it is on, so that a letter's are on the
page they are printed on, as a PDF's are, and an article's on the paragraph they are in
(`article_text`).  Scripts, styles and navigation are dropped.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
from w3lib.encoding import html_to_unicode

from crawler.ingest.article import CLAUSE_ENDS, OPEN_QUOTES
from crawler.ingest.model import Page
from crawler.ingest.pages import LINK_LINE, MARK_LINE, split_pages

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "blockquote", "pre", "table",
          "tr", "dt", "dd", "figcaption", "section", "article", "main", "address", "hr", "center"}
DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript")
# What is dropped besides (`_drop`): a Wikipedia heading's "[edit]" link, which read as the entity's last word.
DROP_CLASSES = ("mw-editsection",)
# A block quote's attribution: who said its words and where, outside its quote marks (`_quote_blocks`).
ATTRIBUTION = ("footer", "cite")
# The fewest words of a pull-quote (`_pull_quotes`): a sentence's.
PULL_QUOTE_WORDS = 3
# The classes of a <blockquote> that embeds a social media post (Twitter's, Facebook's): the links in
# it other than the post's own are no sources (`_embedded_posts`).
EMBEDDED_POSTS = ("twitter-tweet", "fb-xfbml-parse-ignore")
# A tweet's picture as its embed prints it, a link's text ("pic.twitter.com/abc", "pic.x.com/abc"): no word
# of the tweet, which the crawled tweet's text does not hold (`_embedded_posts`).
PICTURE_LINK = re.compile(r"^\s*pic\.(?:twitter|x)\.com/\S+\s*$")
# The quote marks a block quote's words may begin with; one that begins with none is given “…” (`_quote_blocks`).
QUOTE_MARKS = "\"“”„«»‘’「」『』"
# The most words of a table's first cell that names its row's entity (`_names_its_row`): a heading's.
NAME_CELL_WORDS = 8
_SPACE = re.compile(r"[ \t\n\r\f]+")   # HTML's white space: not the non-breaking space
_EDGE_SPACE = " \t\n\r\f"


class _Lines:
    """The lines being laid out: inline text gathers in `current` until a line ends."""

    def __init__(self):
        self.lines: list[str] = []
        self.current = ""
        self.anchors: list[tuple[int, str]] = []   # (line, target) of each web link

    def anchor(self, target: str | None) -> None:
        """A web link starting here: on the line being laid out (a <pre>'s current one)."""
        if (target or "").startswith(("http://", "https://")):
            self.anchors.append((len(self.lines) + self.current.count("\n"), target))

    def add(self, text: str | None, pre: bool = False) -> None:
        if text:
            self.current += text if pre else _SPACE.sub(" ", text)

    def end(self, always: bool = False) -> None:
        """End the line; an empty one only when asked (a <br>, an empty block)."""
        line = self.current if "\n" in self.current else self.current.strip(_EDGE_SPACE)
        if line or always:
            self.lines.extend(line.replace("\xa0", " ").split("\n"))
        self.current = ""


def _lay_out(element, lines: _Lines, pre: bool = False) -> None:
    """Walk the tree in document order, ending lines at blocks and <br>."""
    if not isinstance(element.tag, str):   # a comment or processing instruction: its tail only
        lines.add(element.tail, pre)
        return
    block, pre = element.tag in BLOCKS, pre or element.tag == "pre"
    if element.tag == "br":
        lines.end(always=True)
    elif block:
        lines.end()
    start = len(lines.lines)
    if element.tag == "a":
        lines.anchor(element.get("href"))
    lines.add(element.text, pre)
    for child in element:
        _lay_out(child, lines, pre)
    if block:   # an empty block is one empty line, as is a <p><br></p> (an editor's empty paragraph)
        lines.end(always=len(lines.lines) == start)
    elif element.tag == "span" and element.getparent() is not None and element.getparent().tag == "summary":
        lines.add(" ")   # a <details> card's summary: its flag, name and badge spans, apart
    elif element.tag in ("td", "th"):
        lines.add(": " if _names_its_row(element) else " ")   # a row's cells are one line, their words apart
    lines.add(element.tail, pre and element.tag != "pre")


def _names_its_row(cell) -> bool:
    """Whether a table's cell is its row's first and a name (NAME_CELL_WORDS words or fewer, no
    sentence's stop) before other cells that quote, as a Wikipedia reactions table's "Country |
    Reaction | Ref" rows are: laid out "United Nations: On 3 June 2025, … said: “…” [1]", the row is
    a paragraph that names its entity first; laid out with a space, the table's rows were one
    statement under its header row.  A row that quotes nothing is laid out as before."""
    cells = [child for child in cell.getparent() if child.tag in ("td", "th")]
    if cell.tag != "td" or cells[0] is not cell:
        return False
    words = cell.text_content().split()
    return (0 < len(words) <= NAME_CELL_WORDS
            and not words[-1].endswith(CLAUSE_ENDS)
            and any(mark in other.text_content() for other in cells[1:] for mark in OPEN_QUOTES))


def read_html(data: bytes, content_type: str | None = None) -> tuple[Page, str | None]:
    """The page's lines (one page) and its <title>.

    The encoding comes from the Content-Type header, the page's <meta> or a BOM,
    else UTF-8 (w3lib's rules, as Scrapy's).
    """
    _, text = html_to_unicode(content_type, data)
    root = lxml.html.document_fromstring(text)
    _drop(root)
    _pull_quotes(root)
    _embedded_posts(root)
    _quote_blocks(root)
    lines = _Lines()
    _lay_out(root.find("body") if root.find("body") is not None else root, lines)
    lines.end()
    links = list(dict.fromkeys(target for _, target in lines.anchors))
    title = root.findtext(".//title")
    return Page(lines.lines, links, lines.anchors), (title.strip() if title else None)


def _drop(root) -> None:
    """Drop what is no document's text (DROP, DROP_CLASSES); a <footer> inside a <blockquote>
    is the quote's attribution (who said it, where, with the link to the source), the
    article's own words about its quote, and stays."""
    tags = "|".join(f"//{tag}[not(ancestor::blockquote)]" if tag == "footer" else f"//{tag}" for tag in DROP)
    classes = "|".join(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in DROP_CLASSES)
    for element in root.xpath(f"{tags}|{classes}|//summary//*[@aria-hidden='true']"):
        element.drop_tree()


def _pull_quotes(root) -> None:
    """Drop a <blockquote> that links nothing and whose words (PULL_QUOTE_WORDS or more: a
    sentence, not a word the narration happens to say too) the page holds elsewhere: a
    pull-quote, the page's display of words it quotes in its text (or in another block quote),
    which read as a quote was added to the statement of the section it sits in.  Looked for from
    the last, so that of two block quotes alike the first stays.  Only a block quote whose first
    words the page holds twice is looked for whole, so that a page of many block quotes is not
    read again for each."""
    page = _words_of(root.find("body") if root.find("body") is not None else root)
    words = page.split()
    openings = Counter(zip(*(words[k:] for k in range(PULL_QUOTE_WORDS))))
    for block in reversed(list(root.iter("blockquote"))):
        quote = _words_of(block)
        opening = tuple(quote.split()[:PULL_QUOTE_WORDS])
        if len(opening) == PULL_QUOTE_WORDS and openings[opening] > 1 and page.count(quote) > 1 and not any(
                (a.get("href") or "").startswith(("http://", "https://")) for a in block.iter("a")):
            page = page.replace(quote, " ", 1)
            openings[opening] -= 1
            block.drop_tree()


def _words_of(element) -> str:
    """An element's words, lower-cased, each between spaces: a block quote's words are found in
    the page's as words, whatever the marks and markup around them."""
    return " " + " ".join(re.findall(r"\w+", element.text_content().lower())) + " "


def _embedded_posts(root) -> None:
    """A post embedded in the page (a <blockquote> of EMBEDDED_POSTS) is quoted with its links:
    in its text, a picture's or a page's short link (Twitter's "pic.twitter.com/…" to t.co), a
    hashtag's, a mention's; in its attribution, its author's page.  The source of its words is
    the post: the link its attribution dates it by ("— GermanForeignOffice (@GermanyDiplo) March
    13, 2023"), the one its `cite` names where it names one (Facebook's).  The others are
    unlinked, so that the article cites the post, not a t.co address or a profile.  A picture's
    link (PICTURE_LINK) is dropped with its text: kept, it ended the quote with words the post
    does not hold."""
    embeds = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in EMBEDDED_POSTS)
    for block in root.xpath(f"//blockquote[{embeds}]"):
        post = block.get("cite")
        for anchor in block.xpath(".//a[@href]" if post else ".//p//a[@href]"):
            if PICTURE_LINK.match(anchor.text_content()):
                anchor.drop_tree()
            elif anchor.get("href") != post:
                del anchor.attrib["href"]


def _quote_blocks(root) -> None:
    """A <blockquote> is the page's quote even without quote marks (a fact-checker's, an
    embedded tweet's): each of its paragraphs that does not begin with one is put in “…”, as
    the article parser reads a quote by its marks (a quote within it, “referendum”, stays
    nested in it); its attribution (<footer>, <cite>, a tweet's "— …" line outside its <p>)
    stays outside them.  A block quote without <p> is one paragraph: its words run through
    its <em> and <a> to the last element that is no attribution, and its closing mark goes
    after them, not after the words before its first element.  A <br> in the quote is a
    space: laid out as a line of its own, the quote's words after it were narration."""
    for block in root.iter("blockquote"):
        paragraphs = [p for p in block.iter("p") if not any(a.tag in ATTRIBUTION for a in p.iterancestors())]
        for paragraph in paragraphs or [block]:
            for line_break in list(paragraph.iter("br")):
                line_break.tail = " " + (line_break.tail or "")
                line_break.drop_tag()
            words = [child for child in paragraph if child.tag not in ATTRIBUTION]
            text = (paragraph.text or "") + "".join("".join(child.itertext()) + (child.tail or "") for child in words)
            if not text.strip() or text.strip()[0] in QUOTE_MARKS:
                continue
            paragraph.text = "“" + (paragraph.text or "").lstrip()
            if words:
                words[-1].tail = (words[-1].tail or "").rstrip() + "”"
            else:
                paragraph.text = paragraph.text.rstrip() + "”"


def article_text(page: Page) -> tuple[str, list[list[str]]]:
    """The page's text as an article's paragraphs (one per non-empty line), and the <a href>
    targets of each paragraph, in order: the links an article prints in a statement's
    section are what it cites for it (crawler/ingest/article.py).  A spacer (<p>&nbsp;</p>,
    <hr>, an empty <div>) is an empty line, and one would make paragraphs_of read two
    blank-line blocks: empty lines are left out."""
    kept = [index for index, line in enumerate(page.lines) if line.strip()]
    paragraph_of = {line: number for number, line in enumerate(kept)}
    links: list[list[str]] = [[] for _ in kept]
    for line, target in page.anchors:
        number = paragraph_of.get(line)
        if number is not None and target not in links[number]:
            links[number].append(target)
    return "\n\n".join(page.lines[index] for index in kept), links


def pages(page: Page) -> list[Page]:
    """The HTML's lines cut into pages as a text file's (split_pages), each <a href> target
    that no page lists on the page its anchor's line went to: a footnote is paired with the
    links of its own pages (letter.py), and a link no footnote uses is said with its page."""
    cut = split_pages("\n".join(page.lines))
    if not cut:
        return [page]
    listed = {link for p in cut for link in p.links}
    placed = _page_of_lines(page.lines, cut)
    for line, target in page.anchors:
        if target not in listed:
            listed.add(target)
            cut[placed[line]].links.append(target)
    return cut


def _page_of_lines(lines: list[str], cut: list[Page]) -> list[int]:
    """The index in `cut` of the page each of the HTML's lines went to.

    split_pages keeps the lines in order, dropping empty ones and putting a footnote mark
    alone on its line at the end of the line before: a line is found as the first page
    line from the last one found on that begins with it.  A line not looked for (empty, a
    lone mark, a bare URL that may have gone to a link list) or not found is on the page of
    the last line found."""
    found = [(index, line.strip()) for index, page_cut in enumerate(cut) for line in page_cut.lines if line.strip()]
    at, page, placed = 0, 0, []
    for line in lines:
        text = line.strip()
        if text and not MARK_LINE.match(text) and not LINK_LINE.match(text):
            hit = next((k for k in range(at, len(found)) if found[k][1].startswith(text)), None)
            if hit is not None:
                at, page = hit + 1, found[hit][0]
        placed.append(page)
    return placed
