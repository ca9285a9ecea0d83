"""An HTML document as plain paragraphs and its link targets (lxml).

Block elements become paragraphs separated by empty lines, so the article parser
reads an HTML news page as it reads the plain-text one; <a href> targets are kept
as the page's links (a letter published as HTML uses them like a PDF's annotations).
Scripts, styles and navigation are dropped.
"""

from __future__ import annotations

import lxml.html
from w3lib.encoding import html_to_unicode

from crawler.ingest.model import Page

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dt", "dd", "figcaption"}
DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript")


def read_html(data: bytes, content_type: str | None = None) -> tuple[Page, str | None]:
    """The page's paragraphs (as lines, empty line between) and its <title>.

    The encoding comes from the Content-Type header, the page's <meta> or a BOM,
    else UTF-8 (w3lib's rules, as Scrapy's).
    """
    _, text = html_to_unicode(content_type, data)
    root = lxml.html.document_fromstring(text)
    for element in root.xpath("|".join(f"//{tag}" for tag in DROP)):
        element.drop_tree()
    lines: list[str] = []
    for element in root.iter(*BLOCKS):
        if any(ancestor.tag in BLOCKS for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            lines.extend([text, ""])
    links = list(dict.fromkeys(a.get("href") for a in root.iter("a") if (a.get("href") or "").startswith(("http://", "https://"))))
    title = root.findtext(".//title")
    return Page(lines, links), (title.strip() if title else None)
