"""The seed news article: ten entity sections, quotes, attribution hints, its date; a manual
(headings followed by paragraphs that quote terms) is no article."""

from pathlib import Path

import pytest

from crawler import ingest
from crawler.cli import cli
from crawler.config import load_config
from crawler.ingest.article import SAID_SHARE, _is_heading, parse_article, quoted, said_share
from crawler.ingest.html import read_html
from tests.conftest import ARTICLE
from tests.test_article_links import split_quote
from tests.test_ingest_cli import TABLES, counts


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


# --- a manual is no article ---------------------------------------------------------------------

MANUAL = Path(__file__).resolve().parent / "data" / "manual.md"

# Sections that narrate at length (who said it, where, when, what came before) around one quote
# each, one of them quoting a term ("referendum") besides the statement: about a quarter of the
# sections' words are quoted, where a manual's sections quote an eighth or less of theirs.
NARRATED_ARTICLE = """Nations react to the referendum

By Jane Doe, 18 May 2021

Governments around the world reacted on Tuesday to the vote, which its organisers called a consultation.

Estonia

The Estonian Ministry of Foreign Affairs, which had warned against the vote for weeks and summoned the \
chargé d'affaires on Friday, said in a statement on its website on May 18 that the so-called “referendum” \
had no legal effect: “Estonia condemns the illegal referendum in Sylvania and does not recognize its results.”

Lithuania

Foreign Minister Gabrielius Landsbergis, speaking to reporters in Vilnius after a meeting of the \
government that had discussed the vote for most of the morning, said: “Lithuania considers the so-called \
referendum illegitimate.”

The vote was held on Sunday.
"""


def test_a_markdown_manual_is_refused_with_one_line_and_writes_nothing(runner, db_path):
    """A manual's headings are followed by paragraphs that quote ("Page non trouvée", "cannot
    write to standard output"), in prose of its own: it was read as an article of four
    statements whose quotes were its terms and its JSON example's keys."""
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(MANUAL)], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert str(MANUAL) in lines[0] and "no statements found" in lines[0] and "is this a compiled document?" in lines[0]
    assert "headed sections, but their quotes hold 15% of their words where an article's hold 20% or more" in lines[0]
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def test_an_article_whose_sections_narrate_at_length_is_still_read(tmp_path):
    """Its quotes hold a quarter of its sections' words, not the seed article's three quarters:
    still an article, each section a statement (the quoted term stays a piece of the quote, as
    before)."""
    path = tmp_path / "article.txt"
    path.write_text(NARRATED_ARTICLE, encoding="utf-8")
    doc = ingest.parse(str(path), load_config(env={}))
    assert doc.kind == "article"
    assert [(s.entity, s.quote) for s in doc.statements] == [
        ("Estonia", "referendum … Estonia condemns the illegal referendum in Sylvania and does not recognize its results."),
        ("Lithuania", "Lithuania considers the so-called referendum illegitimate."),
    ]


def test_corner_brackets_pair_as_their_own_quotes():
    """「」 and 『』 (Chinese as printed in Taiwan and Hong Kong) pair as « » do: 」 ends 「, 』
    inside stays in the quote, and the narration after the quote is no part of it."""
    pieces, narration, _ = quoted("外交部表示：「我们不承认所谓『选举』的结果。」发言人说。")
    assert (pieces, narration) == (["我们不承认所谓『选举』的结果。"], "外交部表示： 发言人说。")


@pytest.mark.parametrize("paragraph, heading", [
    ("北约", True),
    ("伊斯兰合作组织（伊合组织）", True),
    ("الاتحاد الأوروبي", True),
    ("北约表示支持。", False),            # a sentence: it ends with a full stop
    ("هل تعترف أوروبا؟", False),          # an Arabic question
    ("为什么北约不承认这些选举？", False),
    ("阿塞拜疆的邻国格鲁吉亚也表示支持阿塞拜疆的领土完整并呼吁和平解决冲突", False),  # too long for one
])
def test_a_heading_in_a_script_without_capitals(paragraph, heading):
    """An Arabic or Chinese heading begins with a letter that has no capital; a paragraph that ends
    as a sentence does in those languages (。！？ ؟) is none, nor a line of more letters than eight
    words take."""
    assert _is_heading(paragraph, "«…»") is heading


CHINESE_MANUAL = """安装

运行“make install”即可安装本工具，它会把命令复制到系统目录并创建所需的配置文件。

用法

若看到“页面未找到”，请检查网址是否正确，然后重新运行命令并查看日志中的详细信息。
"""


def test_a_chinese_manual_quoting_in_passing_is_no_article():
    """A Chinese paragraph has no space to count its words by: counted so, its one "word" was all
    quote, and a manual that quotes a command in passing was an article.  Its letters are its
    words: the quotes hold less than SAID_SHARE of them."""
    assert said_share(CHINESE_MANUAL) < SAID_SHARE
