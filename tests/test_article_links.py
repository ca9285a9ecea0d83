"""Articles and other page shapes: what a news article links is what it cites, quote marks
pair by kind, and a page of headed quotes with "Source:" lines is read, not refused.

Each input is written by the test into tmp_path and read
through the stage's entry points (`ingest.parse`, `ingest.run` into a real SQLite file).
"""

from __future__ import annotations

import pytest

from crawler import ingest
from crawler.config import load_config
from crawler.ingest import IngestError
from crawler.ingest.article import parse_article, quoted

ARTICLE_TEXT = """date 2021-05-20 By Jane Doe

Governments have rejected the so-called referendum (https://news.example/sylvania-tag) held on May 18.

Estonia

"Estonia condemns the illegal referendum in Sylvania," the Estonian Ministry of Foreign Affairs said in a \
statement on its website (https://vm.ee/en/news/estonia-condemns-(2021).html) on May 18.

Lithuania

"Lithuania considers the so-called referendum illegitimate," Foreign Minister Gabrielius Landsbergis wrote \
on Twitter (https://twitter.com/GLandsbergis/status/1394999999999999999).

Georgia

"Georgia supports the territorial integrity of Freedonia," the Georgian foreign ministry said. "Georgia does \
not recognize the so-called referendum," the statement further reads.

Freedonia has called on the international community (https://freedonia.example/call) to hold its position.
"""

ARTICLE_HTML = """<!doctype html><html><head><title>World rejects</title></head><body>
<nav><a href="https://news.example/">Home</a></nav>
<p>date 2021-05-20 By Jane Doe</p>
<p>Governments have rejected the <a href="https://news.example/tag/sylvania">so-called referendum</a>.</p>
<h2>Estonia</h2>
<p>"Estonia condemns the illegal referendum," the Estonian Ministry of Foreign Affairs said in a
<a href="https://vm.ee/en/news/estonia-condemns">statement on its website</a> on May 18.
<a href="https://twitter.com/intent/tweet?url=https://news.example/a">Share</a></p>
<p>"It will not recognize the results," the statement adds, as <a href="https://vm.ee/en/news/earlier">it did before</a>.</p>
<h2>France</h2>
<p>« La France ne reconnaît pas ce prétendu référendum », the French foreign ministry spokesperson said
(<a href="https://www.diplomatie.gouv.fr/fr/sylvanie">in French</a>), which translates as "France does not
recognize this so-called referendum."</p>
<p>Freedonia has called on the <a href="https://freedonia.example/call">international community</a>.</p>
</body></html>
"""


def split_quote(paragraph: str) -> tuple[str, str]:
    """(quoted words, narration) of a paragraph as a statement takes them: its quotes joined by
    " … " (crawler/ingest/article.py `quoted`)."""
    pieces, narration, _ = quoted(paragraph)
    return " … ".join(pieces), narration


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _stored(db, document_id: int) -> list[tuple]:
    """(statement seq, citation seq, kind, url, source key) of each stored citation."""
    return db.execute(
        "SELECT s.seq, c.seq, c.kind, c.url, so.key FROM citations c JOIN statements s ON s.id = c.statement_id"
        " LEFT JOIN sources so ON so.id = c.source_id WHERE c.document_id = ? ORDER BY c.seq", [document_id]).fetchall()


# --- an article's inline links are its statements' citations ----------------------------------


def test_urls_printed_in_a_sections_paragraphs_are_its_statements_citations(tmp_path, db):
    """The URL in parentheses is cited (its closing bracket, the article's punctuation, left out
    without a repair note; a bracket the URL opened kept), a tweet makes a twitter citation of its
    account; the introduction's and the closing background's URLs cite nothing."""
    config = load_config(env={})
    counts = ingest.run(db, config, _write(tmp_path, "article.txt", ARTICLE_TEXT))
    assert _stored(db, counts["document_id"]) == [
        (1, 1, "web", "https://vm.ee/en/news/estonia-condemns-(2021).html", "https://vm.ee/en/news/estonia-condemns-(2021).html"),
        (2, 2, "twitter", "https://twitter.com/GLandsbergis/status/1394999999999999999", "twitter:@glandsbergis"),
        (3, 3, "unfootnoted", None, None),
    ]
    doc = ingest.parse(str(tmp_path / "article.txt"), config)
    estonia = doc.statements[0].citation
    assert estonia.url_printed == "https://vm.ee/en/news/estonia-condemns-(2021).html" and estonia.repairs == []
    assert estonia.footnote is None and estonia.platform_hint == "website"
    assert estonia.printed.startswith("the Estonian Ministry of Foreign Affairs said in a statement")
    assert (counts["sources"], counts["by_kind"]) == (2, {"web": 1, "twitter": 1, "unfootnoted": 1})


def test_an_html_articles_links_in_a_section_are_cited_and_its_site_links_are_not(tmp_path, db):
    """<a href> in the section's paragraphs: the first is the statement's citation, another its
    further citation (numbered after the last statement); the menu, the introduction's tag
    page, the share button and the closing paragraph's link cite nothing."""
    config = load_config(env={})
    counts = ingest.run(db, config, _write(tmp_path, "article.html", ARTICLE_HTML))
    assert [row[:4] for row in _stored(db, counts["document_id"])] == [
        (1, 1, "web", "https://vm.ee/en/news/estonia-condemns"),
        (2, 2, "web", "https://www.diplomatie.gouv.fr/fr/sylvanie"),
        (1, 3, "web", "https://vm.ee/en/news/earlier"),
    ]
    doc = ingest.parse(str(tmp_path / "article.html"), config)
    own = doc.statements[0].citation
    assert own.url_printed is None and own.link_target == "https://vm.ee/en/news/estonia-condemns"
    assert own.repairs == ["taken from the article's link (<a href>) in the statement's section: its text prints no URL"]


def test_links_to_the_articles_own_site_cite_nothing():
    """An article read from a URL: its links to its own site (related stories) are no source."""
    text = ("date 2021-05-20\n\nEstonia\n\n\"Estonia condemns it,\" the ministry said "
            "(https://www.news.example/earlier-story) in a statement (https://vm.ee/en/news/1).")
    doc = parse_article(text, "sha", "https://news.example/2021/05/20/article")
    assert [c.url for c in doc.statements[0].citations] == ["https://vm.ee/en/news/1"]


def test_the_seed_article_has_no_links_and_keeps_its_unfootnoted_citations():
    from tests.conftest import ARTICLE

    doc = parse_article(ARTICLE.read_text(encoding="utf-8"), "sha", str(ARTICLE))
    assert {c.kind for c in doc.citations} == {"unfootnoted"} and len(doc.citations) == 10


# --- quote marks pair by kind ------------------------------------------------------------------


def test_a_french_quote_and_its_english_translation_are_apart(tmp_path):
    """« … » then "…" introduced as a translation: the quote is the French words; the translation
    stays in the narration, the statement is flagged and the warning names it."""
    doc = ingest.parse(_write(tmp_path, "article.html", ARTICLE_HTML), load_config(env={}))
    france = doc.statements[1]
    assert france.quote == "La France ne reconnaît pas ce prétendu référendum"
    assert france.flags == ["translation-left-out"]
    assert 'which translates as "France does not recognize this so-called referendum."' in france.citation.printed
    assert doc.metadata["warnings"] == [
        "statement 2 (France): the article gives a translation after the quote (“France does not recognize this "
        "so-called referendum”); the quote is the words as said, the translation stays in the narration"
    ]


@pytest.mark.parametrize("paragraph, expected", [
    # two quotes of one statement in one paragraph: two pieces, the narration between them left out
    ('"Georgia supports it," the ministry said. "Georgia does not recognize it," the statement reads.',
     ("Georgia supports it … Georgia does not recognize it", "the ministry said. the statement reads.")),
    # German quotes: „ is closed by “, which opens a quote in English
    ("Der Minister sagte: „Wir erkennen das nicht an“, und ging.",
     ("Wir erkennen das nicht an", "Der Minister sagte: und ging.")),
    # a nested quote of the same kind stays inside
    ("“NATO does not accept these “elections” at all,” he wrote.",
     ("NATO does not accept these “elections” at all", "he wrote.")),
    # British single quotes; an apostrophe is no quote mark
    ("‘Estonia’s position is clear,’ the minister said.", ("Estonia’s position is clear", "the minister said.")),
    # careless typing: a straight mark closed by a curly one still ends the quote
    ('"The UK does not recognise the elections,” the embassy said.',
     ("The UK does not recognise the elections", "the embassy said.")),
])
def test_each_closing_mark_ends_the_quote_its_own_opening_mark_began(paragraph, expected):
    assert split_quote(paragraph) == expected


# --- quote pages and Markdown -----------------------------------------------------------------

QUOTES_PAGE = """<!doctype html><html><head><title>What governments said</title></head><body>
<h1>What governments said about the Sylvania "referendum"</h1>
<p>Published 22 May 2021 by the Freedonia Policy Institute.</p>
<h2>Estonia</h2>
<blockquote>"Estonia condemns the illegal referendum in Sylvania."</blockquote>
<p>Source: <a href="https://vm.ee/en/news/estonia-condemns">Estonian Ministry of Foreign Affairs, 18 May 2021</a></p>
<h2>Lithuania</h2>
<blockquote>"Lithuania considers the so-called referendum illegitimate."</blockquote>
<p>Source: <a href="https://www.urm.lt/en/news/lithuania-statement">Lithuanian MFA</a></p>
<h2>Georgia</h2>
<blockquote>"Georgia supports the territorial integrity of Freedonia."</blockquote>
<p>Source: <a href="https://twitter.com/MFAgeorgia/status/1395555555555555555">@MFAgeorgia on Twitter</a></p>
</body></html>
"""

QUOTES_MARKDOWN = """# What governments said about the Sylvania "referendum"

Published 22 May 2021 by the Freedonia Policy Institute.

## Estonia

> "Estonia condemns the illegal referendum in Sylvania."

Source: [Estonian Ministry of Foreign Affairs, 18 May 2021](https://vm.ee/en/news/estonia-condemns)

## Lithuania

> "Lithuania considers the so-called referendum illegitimate."

Source: [Lithuanian MFA](https://www.urm.lt/en/news/lithuania-statement)
"""


def test_a_page_of_quotes_with_source_lines_is_read_with_its_sources(tmp_path):
    """"Source: Estonian Ministry of Foreign Affairs, 18 May 2021" is no "Place, date" line (it had
    the page refused as a letter whose footnotes were lost), "Source: Lithuanian MFA" no heading,
    and each section's Source line is its citation."""
    doc = ingest.parse(_write(tmp_path, "quotes.html", QUOTES_PAGE), load_config(env={}))
    assert [(s.entity, s.quote, s.citation.kind, s.citation.url) for s in doc.statements] == [
        ("Estonia", "Estonia condemns the illegal referendum in Sylvania.", "web", "https://vm.ee/en/news/estonia-condemns"),
        ("Lithuania", "Lithuania considers the so-called referendum illegitimate.", "web",
         "https://www.urm.lt/en/news/lithuania-statement"),
        ("Georgia", "Georgia supports the territorial integrity of Freedonia.", "twitter",
         "https://twitter.com/MFAgeorgia/status/1395555555555555555"),
    ]
    assert doc.statements[0].citation.printed == "Source: Estonian Ministry of Foreign Affairs, 18 May 2021"


def test_markdown_headings_are_read_as_headings(tmp_path):
    doc = ingest.parse(_write(tmp_path, "quotes.md", QUOTES_MARKDOWN), load_config(env={}))
    assert [(s.entity, s.quote, s.citation.url) for s in doc.statements] == [
        ("Estonia", "Estonia condemns the illegal referendum in Sylvania.", "https://vm.ee/en/news/estonia-condemns"),
        ("Lithuania", "Lithuania considers the so-called referendum illegitimate.",
         "https://www.urm.lt/en/news/lithuania-statement"),
    ]


def test_a_refused_html_list_of_quotes_suggests_citewatch_check(tmp_path):
    """No headings: refused, and the line says which command checks a list of quotes."""
    page = ("<html><body><ul><li>\"Estonia condemns the referendum.\" "
            "<a href='https://vm.ee/en/news/1'>Estonian MFA</a></li>"
            "<li>\"Lithuania rejects it.\" <a href='https://www.urm.lt/en/1'>Lithuanian MFA</a></li></ul></body></html>")
    with pytest.raises(IngestError) as refused:
        ingest.parse(_write(tmp_path, "list.html", page), load_config(env={}))
    message = refused.value.message
    assert "no statements found" in message and "`citewatch check FILE.csv`" in message and "\n" not in message


def test_two_urls_printed_in_one_paragraph_are_two_citations():
    """Each URL a paragraph prints is read alone (the footnote reader would take the first and
    say the second is not checked): the second is a further citation, after the last statement."""
    text = ("date 2021-05-20\n\nEstonia\n\n\"Estonia condemns it,\" the ministry said (https://vm.ee/en/news/1) and "
            "its minister tweeted https://twitter.com/urmasreinsalu/status/1394 on May 18.")
    doc = parse_article(text, "sha", "article.txt")
    assert [(c.seq, c.kind, c.url) for c in doc.statements[0].citations] == [
        (1, "web", "https://vm.ee/en/news/1"), (2, "twitter", "https://twitter.com/urmasreinsalu/status/1394"),
    ]
    assert not any(getattr(c, "warnings", None) for c in doc.citations)


def test_a_byline_with_a_date_is_no_place_line(tmp_path):
    """"By Jane Doe, 18 May 2021" reads as a letter's "Place, date" line: the article was refused
    as a letter whose footnotes were lost."""
    text = ("Nations react to the referendum\n\nBy Jane Doe, 18 May 2021\n\n"
            "Governments around the world reacted on Tuesday to the vote.\n\n"
            "Germany\n\nA spokesperson said: “Germany regrets the vote and calls for dialogue.”\n\n"
            "The vote was held on Sunday.\n")
    doc = ingest.parse(_write(tmp_path, "article.txt", text), load_config(env={}))
    assert [(s.entity, s.quote) for s in doc.statements] == [("Germany", "Germany regrets the vote and calls for dialogue.")]
