"""A change at a span's edge inside a run of letters written without spaces faces the whole
run the source has up to its punctuation: 認める against 認めない is ない → る, a
negation, not な → る; 인정합니다 against 인정하지 않습니다 ends on the source's 다.  Latin
words are tokens already: their edge keeps as many words as the quote has."""

from __future__ import annotations

import pytest

from crawler.align import align
from crawler.verdicts import judge

JA = "日本政府は、いわゆる「選挙」を承認しません。日本は結果を認めない。"
KO = ("대한민국 정부는 아제르바이잔의 주권과 영토 보전을 존중합니다. 정부는 나고르노카라바흐 지역에서 실시된 "
      "이른바 선거를 인정하지 않습니다. 관련 당사자들이 대화를 통해 평화적으로 문제를 해결하기를 기대합니다.")


@pytest.mark.parametrize("quote, source, change", [
    ("日本は結果を認める。", JA, ("ない", "る")),
    ("日本政府は、いわゆる「選挙」を承認します。", JA, ("ません", "ます")),      # the ま they share too
    ("政府は選挙を認める。", "政府は選挙を認めない", ("ない", "る")),              # the run ends with the text
    ("이른바 선거를 인정합니다.", KO, ("하지 않습", "합")),
])
def test_a_negation_dropped_at_the_quote_s_end_is_the_whole_run_and_named(quote, source, change):
    verdict = judge(quote, source)
    assert verdict.verdict == "altered"
    [found] = verdict.changes
    assert (found["source"], found["quote"]) == change and "negation" in found["kinds"]


def test_a_span_ending_on_a_changed_hangul_letter_takes_the_run_s_last_letter():
    found = align("이른바 선거를 인정합니다.", KO)
    assert found.matched.endswith("인정하지 않습니다")
    assert found.diff[-1] == ("equal", "니다")


def test_a_run_that_goes_on_past_the_widening_is_cut_as_the_quote_is_long():
    """切 → 注, not 切和各方共同 → 注: where the changed letters end in a long run is unknown."""
    [found] = judge("中方对此表示严重关注", "答：中方对此表示严重关切和各方共同的立场。").changes
    assert (found["source"], found["quote"]) == ("切", "注")


def test_a_latin_word_changed_at_the_edge_faces_one_word_not_the_rest_of_the_clause():
    [found] = judge("The United Kingdom regrets", "The United Kingdom condemns the elections, and").changes
    assert (found["source"], found["quote"]) == ("condemns", "regrets")
