"""The seed news article: ten entity sections, quotes, attribution hints, its date."""

import pytest

from crawler.ingest.article import parse_article
from crawler.ingest.html import read_html
from tests.conftest import ARTICLE
from tests.test_article_links import split_quote


@pytest.fixture(scope="module")
def article():
    return parse_article(ARTICLE.read_text(encoding="utf-8"), "sha", str(ARTICLE))


def test_date_author_and_ten_sections(article):
    assert (article.kind, article.date, article.author) == ("article", "2020-04-01", "Akbar Mammadov")
    assert [s.entity for s in article.statements] == [
        "European Union", "NATO", "Organization of Islamic Cooperation (OIC)", "United Kingdom", "Germany",
        "Turkey", "Ukraine", "Georgia", "Italy", "Estonia",
    ]
    assert all(s.footnote is None and s.section is None for s in article.statements)


def test_platform_hints(article):
    assert [s.citation.platform_hint for s in article.statements] == [
        "website", "facebook", "website", "website", "twitter", "media", "website", "website", "twitter", "twitter",
    ]
    assert all(s.citation.kind == "unfootnoted" and s.citation.source_key is None for s in article.statements)
    assert article.statements[1].citation.printed == (
        "NATO's Deputy Assistant Secretary General for Political Affairs and Special Representative for the Caucasus "
        "and Central Asia James Appathurai wrote on his Facebook page on March 31."
    )


def test_several_quotes_of_a_section_are_one_statement(article):
    turkey = article.statements[5]
    pieces = turkey.quote.split(" … ")
    assert len(pieces) == 3
    assert pieces[0] == "Turkey’s position on the Nagorno-Karabakh conflict is absolutely clear and unambiguous"
    assert pieces[2].endswith("in accordance with the norms and principles of international law")
    assert turkey.date == "2020-04-01"       # "told local media on April 1"


def test_quotes_keep_inner_quotes_and_drop_narration(article):
    assert article.statements[8].quote == (
        'Italy does not recognize the so-called "presidential and parliamentary elections" in Nagorno-Karabakh.'
    )
    assert article.statements[1].quote.startswith("NATO does not accept the results of these “elections”")
    assert article.statements[1].date == "2020-03-31"


def test_background_paragraphs_after_the_last_section_are_dropped(article):
    estonia = article.statements[-1]
    assert estonia.quote == (
        'Estonia does not consider the so-called "elections" in Nagorno Karabakh as legitimate. '
        "We continue to support the mediation efforts of the OSCE Minsk Group Co-Chairs"
    )
    assert "Minsk Group’s efforts have resulted in no progress" not in estonia.citation.printed


def test_split_quote():
    assert split_quote('“A said this,” he said.') == ("A said this", "he said.")
    assert split_quote("No quote here.") == ("", "No quote here.")


def test_html_article_reads_like_the_text_one():
    html = (
        "<html><head><title>Reactions</title><script>var x = 1;</script></head><body><nav>Home</nav>"
        "<p>date 2020-04-01 By Jane Roe</p><h2>NATO</h2>"
        "<p>“NATO does not accept the results,” an official wrote on his Facebook page.</p>"
        "<p><a href='https://example.org/x'>more</a></p></body></html>"
    ).encode()
    page, title = read_html(html)
    assert title == "Reactions"
    assert page.links == ["https://example.org/x"]
    doc = parse_article("\n".join(page.lines), "sha", "a.html", title)
    assert [(s.entity, s.quote, s.citation.platform_hint) for s in doc.statements] == [
        ("NATO", "NATO does not accept the results", "facebook"),
    ]
    assert (doc.date, doc.author, doc.title) == ("2020-04-01", "Jane Roe", "Reactions")


def test_html_file_through_the_stage_entry_point(tmp_path):
    from crawler.config import load_config
    from crawler.ingest import parse

    text = ARTICLE.read_text(encoding="utf-8")
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    path = tmp_path / "article.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Article</title></head><body>{body}</body></html>",
                    encoding="utf-8")
    doc = parse(str(path), load_config(env={}))
    assert doc.kind == "article" and doc.title == "Article"
    assert len(doc.statements) == 10
    assert doc.statements[1].citation.platform_hint == "facebook"
