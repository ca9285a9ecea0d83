"""Chinese and Japanese told apart by their script (crawler/verdicts/translation.py, `written_language`):
a text with kana is Japanese, ideographs alone are Chinese past KANJI_ALONE of them and
either below.  A Japanese translation of a Chinese page, and back, is a translation
(it was not-in-source, the two taken for one language whatever their script)."""

from __future__ import annotations

import pytest

from crawler.verdicts import EITHER_HAN, judge, written_language

ZH_PAGE = ("外交部发言人就纳卡地区所谓\"选举\"答记者问\n\n中方一贯尊重阿塞拜疆的主权和领土完整。我们对该地区局势表示严重关切，"
           "呼吁有关各方保持克制，通过政治对话和平解决争端。中方不承认所谓的选举结果。")
JA_PAGE = ("外務報道官談話\n\n日本政府は、アゼルバイジャンの主権及び領土の一体性を尊重します。日本政府は、いわゆる「選挙」を"
           "承認しません。関係当事者に対し、対話を通じた平和的な解決を求めます。")


@pytest.mark.parametrize("quote, page, languages", [
    ("中国は、地域の情勢に深い懸念を表明し、関係各方面に自制を呼びかけた。", ZH_PAGE, {"quote": "ja", "text": "zh"}),
    ("日本政府尊重阿塞拜疆的主权和领土完整，不承认所谓的选举。", JA_PAGE, {"quote": "zh", "text": "ja"}),
])
def test_a_translation_between_chinese_and_japanese_is_a_translation(quote, page, languages):
    verdict = judge(quote, page)
    assert verdict.verdict == "translation"
    assert verdict.languages == languages


@pytest.mark.parametrize("quote, page", [
    ("外務報道官談話", JA_PAGE),                                  # kanji alone, quoted from a Japanese page
    ("中方不承认所谓的选举结果", ZH_PAGE),
])
def test_a_quote_in_the_page_s_own_script_is_judged_word_by_word(quote, page):
    assert judge(quote, page).verdict == "verbatim"


def test_kanji_alone_is_either_language_only_while_short():
    assert written_language("日本政府は、いわゆる「選挙」を承認しません。") == "ja"
    assert written_language("外務報道官談話") == EITHER_HAN
    assert written_language(ZH_PAGE) == "zh"
