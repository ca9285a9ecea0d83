"""A letter published as HTML: its <a href> links are on the page they are printed on.

The made-up letter of tests/test_ingest_synthetic.py, its link targets written as <a href>
around the footnote lines that print them (the Facebook account's around the footnote
that names it) instead of a link list, must read as its text and PDF renderings do: a
footnote is paired with the links of its own pages, so a link placed on page 1 left the
URL wrapped mid-word on page 2 uncompleted and the Facebook account without its URL.
"""

from __future__ import annotations

import html

import pytest

from crawler.config import load_config
from crawler.ingest import parse
from crawler.ingest.html import read_html
from tests.test_ingest_synthetic import PAGES, check


def _anchored(line: str, links: list[str]) -> str:
    """The line as HTML (its indent as non-breaking spaces), inside an <a> to the page's link
    whose start it prints, or to the Facebook link when it names the account."""
    text = line.lstrip(" ")
    indent, escaped = "&nbsp;" * (len(line) - len(text)), html.escape(text)
    target = next((link for link in links if link[:30] in line or ("Facebook" in line and "facebook" in link)), None)
    return indent + (f'<a href="{html.escape(target)}">{escaped}</a>' if target else escaped)


def _p(pages) -> str:
    """One <p> a line and an empty <p> between, as the UN text layer spaces them."""
    return "".join("<p></p>".join(f"<p>{_anchored(line, links)}</p>" for line in lines) for lines, links in pages)


def _pre(pages) -> str:
    """The text layer's lines in a <pre>, the anchors inside it."""
    return "<pre>" + "".join("\n\n".join(_anchored(line, links) for line in lines) + "\n" for lines, links in pages) + "</pre>"


def _br(pages) -> str:
    """The text layer's lines ended by <br> in one <div>, as an editor's export writes them."""
    return "<div>" + "".join("<br><br>\n".join(_anchored(line, links) for line in lines) + "<br>\n"
                             for lines, links in pages) + "</div>"


def _write(tmp_path, body: str):
    path = tmp_path / "letter.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>A/75/999</title></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("render", [_p, _pre, _br], ids=["p", "pre", "br"])
def test_an_html_letters_links_are_on_their_pages_as_a_pdfs_are(tmp_path, render):
    doc = parse(str(_write(tmp_path, render(PAGES))), load_config(env={}))
    check(doc)   # footnote 2's URL completed from page 2's link, footnote 4's account from page 3's
    assert [(link.url, link.context) for link in doc.links] == [
        ("https://undocs.org/en/A/75/100", "page 1: a link that is not a footnote")]


def test_a_link_no_footnote_uses_is_said_with_its_page(tmp_path):
    pages = [(list(lines), list(links)) for lines, links in PAGES]
    lines, links = pages[2]
    lines.insert(lines.index(" Osterlich does not recognize the referendum. "), " See https://osterlich.example.at/news.")
    links.append("https://osterlich.example.at/news")
    doc = parse(str(_write(tmp_path, _p(pages))), load_config(env={}))
    assert [(link.url, link.context) for link in doc.links] == [
        ("https://undocs.org/en/A/75/100", "page 1: a link that is not a footnote"),
        ("https://osterlich.example.at/news", "page 3: a link that is not a footnote")]


def test_an_anchor_is_noted_with_the_line_it_is_on():
    page, _ = read_html(b"<html><body><p>a <a href='https://x.example/1'>one</a></p><p>b</p>"
                        b"<pre>c\nd <a href='https://x.example/2'>two</a>\ne</pre>"
                        b"<p><a href='mailto:a@b.example'>mail</a> <a href='https://x.example/1'>again</a></p></body></html>")
    assert page.lines == ["a one", "b", "c", "d two", "e", "mail again"]
    assert page.anchors == [(0, "https://x.example/1"), (3, "https://x.example/2"), (5, "https://x.example/1")]
    assert page.links == ["https://x.example/1", "https://x.example/2"]
