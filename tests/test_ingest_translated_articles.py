"""A news article in another of the UN's languages (French, Spanish, Russian), shaped as the
English seed (examples/news-article-2020-04-01.txt; tests/data/translated: the same ten
entity sections, the narration's dates where the English one's are).  Read with English words
alone, its byline ("Par Akbar Mammadov", "Por …", "Автор: …") gave no author, and no statement
got the date its narration says ("publiée le 31 mars", "el 31 de marzo", "31 марта")."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.ingest.article import _byline, parse_article
from crawler.ingest.dates import day_in_year
from tests.conftest import ARTICLE

ARTICLES = Path(__file__).parent / "data" / "translated"
TRANSLATIONS = ("fr", "es", "ru")
AUTHORS = {"fr": "Akbar Mammadov", "es": "Akbar Mammadov", "ru": "Акбар Мамедов"}


def _parsed(path: Path):
    """The article at `path` as ingest reads it."""
    return parse_article(path.read_text(encoding="utf-8"), "0" * 64, str(path))


ENGLISH = _parsed(ARTICLE)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_article_gives_its_author_and_the_english_ones_dates(language):
    """The author after "Par", "Por", "Автор:"; the article's date; every entity section a
    statement with as many quoted pieces as the English one's, and the date its narration
    gives where the English narration gives one ("on March 31", "on April 1")."""
    doc = _parsed(ARTICLES / f"news-article-2020-04-01-{language}.txt")
    assert doc.author == AUTHORS[language]
    assert doc.date == ENGLISH.date
    assert [s.date for s in doc.statements] == [s.date for s in ENGLISH.statements]
    assert [s.quote.count(" … ") for s in doc.statements] == [s.quote.count(" … ") for s in ENGLISH.statements]
    assert all(s.entity and s.quote for s in doc.statements)


@pytest.mark.parametrize("narration, iso", [
    ("ont déclaré les porte-parole dans une déclaration publiée le 31 mars", "2020-03-31"),
    ("a déclaré l’ambassadeur aux médias locaux le 1er avril", "2020-04-01"),
    ("dijo el Embajador a los medios locales el 1 de abril", "2020-04-01"),
    ("— написал он на своей странице в Facebook 31 марта", "2020-03-31"),
    ("publiée le 31 mai 2019", "2019-05-31"),      # a year printed is its own
    ("il a parlé le 31 maintenant", None),           # no month's name, a word that begins with one
    ("publiée le 31 avril", None),                   # no real day
    ("officials said 12 may face sanctions", None),  # English's words "may", "march" are no months
    ("as 20 march in Baku, the ministry said on 31 March", "2020-03-31"),
    ("recalling the ceasefire of 12 May 1994", None),  # an English month's day not "on" it: no day said on
    ("ahead of the 1 May deadline, he wrote on the 2 April", "2020-04-02"),
])
def test_a_narrations_day_is_read_in_the_articles_year(narration, iso):
    """dates.py's months of the six languages, without a year: the article's unless printed."""
    assert day_in_year(narration, 2020) == iso


@pytest.mark.parametrize("paragraph, author", [
    ("Par Excellence Travel desk report. By Akbar Mammadov", "Akbar Mammadov"),
    ("date 2020-04-01 Par Akbar Mammadov", "Akbar Mammadov"),
    ("Автор: Акбар Маммадов, 1 апреля 2020", "Акбар Маммадов"),
])
def test_an_english_by_is_the_byline_before_par_or_por(paragraph, author):
    """"Par" and "Por" open English names too ("Par Excellence"): an article's "By" is read
    first, the other languages' words after it (article.py `_byline`)."""
    assert _byline(paragraph) == author
