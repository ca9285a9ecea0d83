"""A news article in another of the UN's languages (French, Spanish, Russian, Arabic, Chinese),
shaped as the English seed (examples/news-article-2020-04-01.txt; tests/data/translated: the same
ten entity sections, the narration's dates where the English one's are).  Read with English words
alone, its byline ("Par Akbar Mammadov", "Por …", "Автор: …", "بقلم …", "记者 …") gave no author, no
statement got the date its narration says ("publiée le 31 mars", "el 31 de marzo", "31 марта",
"31 آذار/مارس", "3月31日"), nor the place it says the words appeared ("aux médias locaux", "в
заявлении", "لوسائل الإعلام", "在推特上"); an Arabic or Chinese heading (no capitals) made no section."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler import ingest
from crawler.config import load_config
from crawler.ingest.article import _byline, _hint, parse_article, quoted
from crawler.ingest.dates import day_in_year
from tests.conftest import ARTICLE

ARTICLES = Path(__file__).parent / "data" / "translated"
TRANSLATIONS = ("fr", "es", "ru", "ar", "zh")
AUTHORS = {"fr": "Akbar Mammadov", "es": "Akbar Mammadov", "ru": "Акбар Мамедов", "ar": "أكبر محمدوف",
           "zh": "阿克巴尔·马梅多夫"}
# The first, third (the longest heading) and last entity of each translation.
ENTITIES = {"fr": ("Union européenne", "Organisation de la coopération islamique (OCI)", "Estonie"),
            "es": ("Unión Europea", "Organización de Cooperación Islámica (OCI)", "Estonia"),
            "ru": ("Европейский союз", "Организация исламского сотрудничества (ОИС)", "Эстония"),
            "ar": ("الاتحاد الأوروبي", "منظمة التعاون الإسلامي", "إستونيا"),
            "zh": ("欧洲联盟", "伊斯兰合作组织（伊合组织）", "爱沙尼亚")}


def _parsed(path: Path):
    """The article at `path` as ingest reads it."""
    return parse_article(path.read_text(encoding="utf-8"), "0" * 64, str(path))


ENGLISH = _parsed(ARTICLE)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_article_gives_its_author_and_the_english_ones_dates(language):
    """The author after "Par", "Por", "Автор:", "بقلم", "记者"; the article's date; every entity
    section a statement under its heading, with as many quoted pieces as the English one's, and
    the date its narration gives where the English narration gives one ("on March 31", "on April
    1")."""
    doc = _parsed(ARTICLES / f"news-article-2020-04-01-{language}.txt")
    assert doc.author == AUTHORS[language]
    assert doc.date == ENGLISH.date
    assert [s.date for s in doc.statements] == [s.date for s in ENGLISH.statements]
    assert [s.quote.count(" … ") for s in doc.statements] == [s.quote.count(" … ") for s in ENGLISH.statements]
    entities = [s.entity for s in doc.statements]
    assert (entities[0], entities[2], entities[-1]) == ENTITIES[language]
    assert all(s.entity and s.quote for s in doc.statements)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_articles_narration_says_where_the_words_appeared_as_the_english_one(language):
    """Each statement's platform hint is the English one's: "sur sa page Facebook", "a tweeté",
    "aux médias locaux", "dans une déclaration" (English's "statement": website), and their
    Spanish, Russian, Arabic and Chinese words (article.py LANGUAGE_WORDS)."""
    doc = _parsed(ARTICLES / f"news-article-2020-04-01-{language}.txt")
    assert [s.citation.platform_hint for s in doc.statements] == [s.citation.platform_hint for s in ENGLISH.statements]


@pytest.mark.parametrize("narration, hint", [
    ("a écrit sur sa page Facebook", "facebook"),
    ("a tweeté le ministère", "twitter"),
    ("a déclaré l’ambassadeur aux médias locaux", "media"),
    ("indique le site officiel du ministère", "website"),
    ("dijo a los medios locales", "media"),
    ("tuiteó el Ministerio", "twitter"),
    ("afirmó en una entrevista", "media"),
    ("написал в Твиттере", "twitter"),
    ("написал на своей странице в Фейсбуке", "facebook"),
    ("заявил журналистам посол", "media"),
    ("говорится в пресс-релизе", "website"),
    ("在推特上写道", "twitter"),
    ("在脸书上写道", "facebook"),
    ("对记者表示", "media"),
    ("在官网上发布", "website"),
    ("قال لوسائل الإعلام المحلية", "media"),
    ("كتب على صفحته في فيسبوك", "facebook"),
    ("وغرد الوزير", "twitter"),
    ("على موقعها الرسمي", "website"),
    ("وقالت الوزارة في بيان", "website"),
    ("جاء في بيانها", "website"),
    ("وفقا لبيانات البنك الدولي", None),   # data, not a statement
    # English words the other languages' are not: read as before, none of them a place
    ("at the site of the talks", None),
    ("a joint communiqué of the two ministers", None),
    ("while tweeting from Baku", None),
    ("the tuition fees", None),
])
def test_a_narrations_words_say_where_the_words_appeared_in_each_language(narration, hint):
    """article.py LANGUAGE_WORDS: each language's words for Facebook, Twitter, the media and a
    website; an English narration reads none of them ("site", "communiqué" are English too)."""
    assert _hint(narration) == hint


@pytest.mark.parametrize("paragraph, said, translated", [
    ("«Viva la revolución», a-t-il crié, ce qui se traduit par «Vive la révolution».",
     ["Viva la revolución"], ["Vive la révolution"]),
    ("“Vive la France”, gritó, lo que se traduce como “Viva Francia”.", ["Vive la France"], ["Viva Francia"]),
    ("«Vive la France», — крикнул он, что в переводе означает «Да здравствует Франция».",
     ["Vive la France"], ["Да здравствует Франция"]),
    ("«Vive la France»، هتف، وترجمتها «تحيا فرنسا».", ["Vive la France"], ["تحيا فرنسا"]),
    ("“Vive la France”，他喊道，意为“法国万岁”。", ["Vive la France"], ["法国万岁"]),
    ("«Viva la revolución», a-t-il crié, puis «Vive la révolution».",   # no translation said
     ["Viva la revolución", "Vive la révolution"], []),
])
def test_a_translation_the_narration_introduces_is_left_out_in_each_language(paragraph, said, translated):
    """"ce qui se traduit par", "se traduce como", "в переводе", "وترجمتها", "意为" introduce the
    next quote as a translation of the one before: it is left out of the quote (article.py
    LANGUAGE_WORDS "translation")."""
    pieces, _, left_out = quoted(paragraph)
    assert (pieces, left_out) == (said, translated)


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
    ("قال لوسائل الإعلام المحلية في 1 نيسان/أبريل", "2020-04-01"),
    ("كتب على صفحته في فيسبوك في ٣١ آذار/مارس", "2020-03-31"),   # Arabic-Indic digits
    ("في بيان نُشر في 31 آذار/أبريل", None),                      # two months' names: no day
    ("欧盟3月31日在发表的声明中说", "2020-03-31"),
    ("土耳其大使4月1日对当地媒体表示", "2020-04-01"),
    ("2019年3月31日发表的声明", "2019-03-31"),                    # a year printed is its own
    ("于2月30日", None),                                           # no real day
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


@pytest.mark.parametrize("paragraph, author", [
    ("date 2020-04-01 بقلم: أكبر محمدوف", "أكبر محمدوف"),
    ("date 2020-04-01 记者 阿克巴尔·马梅多夫 报道", "阿克巴尔·马梅多夫"),
    ("新华社巴库4月1日电（记者张伟）", "张伟"),
    ("作者：李明，2020年4月1日", "李明"),
])
def test_an_arabic_or_chinese_byline_names_its_author_without_capitals(paragraph, author):
    """Arabic and Chinese write no capitals to begin a name with: the name is the Arabic words
    after "بقلم", the Chinese letters after "记者" or "作者：" up to a space, a stop or "报道"."""
    assert _byline(paragraph) == author


@pytest.mark.parametrize("paragraph", ["外交部发言人对记者表示，中国支持和平。", "据记者了解，会议将于明天举行。"])
def test_a_chinese_narration_that_names_reporters_names_no_author(paragraph):
    """"对记者表示，" ("told reporters,"), "据记者了解，" ("reporters learnt,"): the letters after
    "记者" up to a comma are the narration's verb ("表示", "said"), not a name."""
    assert _byline(paragraph) is None


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_article_is_read_as_an_article_by_the_stage(language):
    """Through ingest's entry point: its quotes hold the share of its sections' words an article's
    do (a Chinese letter one word), so it is an article of ten statements."""
    doc = ingest.parse(str(ARTICLES / f"news-article-2020-04-01-{language}.txt"), load_config(env={}))
    assert (doc.kind, len(doc.statements)) == ("article", len(ENGLISH.statements))
