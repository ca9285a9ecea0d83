"""Quotes in scripts written without spaces (Chinese, Japanese, Thai) and in Korean (its
particles glued to their nouns): compared letter by letter, so a quote cut mid-run aligns,
and the misattribution search finds them through the trigram index.  The labelled set
(tests/data/labelled/cases.jsonl, ids with -zh-, -ja-, -th-, -ko-) holds the verdicts;
these are the aligner's and the search's contracts."""

from __future__ import annotations

import json
import unicodedata

import pytest

from crawler import reconcile
from crawler.align import UNSPACED_SPANS, _Haystack, align, joined, search_terms, tokenize, word_keys
from crawler.verdicts import THRESHOLDS, judge, names_the_quote_elsewhere
from crawler.verdicts.translation import _IDEOGRAPH
from tests.factories import Factory
from tests.labelled import load_cases

CASES = {case.id: case for case in load_cases()}
ZH = CASES["v-zh-mid-run"].source
JA = CASES["v-ja-mid-run"].source
TH = CASES["v-th-mid-run"].source


def test_a_run_of_chinese_is_one_word_a_letter_with_offsets_into_the_text():
    text = "答：中方对此表示严重关切，敦促"
    words = [t for t in tokenize(text) if t.kind == "word"]
    assert [t.text for t in words] == list("答中方对此表示严重关切敦促")
    assert all(text[t.start:t.end] == t.text for t in words)
    assert [t.text for t in tokenize(text) if t.kind == "punct"] == ["：", "，"]


def test_a_thai_or_kana_letter_keeps_its_marks_and_a_latin_word_glued_to_them_is_its_own():
    assert word_keys("ไม่ใช้") == ["ไ", "ม่", "ใ", "ช้"]             # a tone mark stays with its letter
    assert word_keys("ｶﾞｲﾑ") == ["ガ", "イ", "ム"]                      # ｶﾞ: one letter, as NFKC writes it
    assert word_keys("Karabakh地区") == ["karabakh", "地", "区"]
    assert [t.text for t in tokenize("カラバフ・ナ。ပါ။") if t.kind == "punct"] == ["・", "。", "။"]  # no letters
    assert word_keys("ပါ။") == ["ပါ"]                                   # Myanmar's vowel sign ါ is its letter's


def test_a_quote_cut_mid_run_is_found_at_its_letters_and_shown_without_spaces():
    quote = "对此表示严重关切，敦促双方"
    a = align(quote, ZH)
    assert a.score == 100 and a.matched == quote and ZH[a.start:a.end] == quote
    assert a.diff == [("equal", "对此表示严重关切，敦促双方")]  # as written: the punctuation kept, no space inside a run


def test_joined_puts_a_space_between_words_and_across_a_gap_never_inside_a_run():
    assert joined(tokenize("EU 严重关切 Minsk")) == "EU 严重关切 Minsk"
    assert joined([t for t in tokenize("关切，敦促") if t.kind == "word"]) == "关切 敦促"


@pytest.mark.parametrize("quote, source, changed", [
    ("ประเทศไทยขอเรียกร้องให้ทุกฝ่ายใช่ความอดกลั้น", TH, ("ช้", "ช่")),   # a tone mark: ใช้ use, ใช่ yes
    ("日本政府か、関係当事者に対し", JA, ("が", "か")),                    # a voicing mark is not an accent
])
def test_a_letter_that_differs_in_a_mark_is_altered_not_a_spelling_variant(quote, source, changed):
    source = source.replace("日本政府は、関係", "日本政府が、関係")
    verdict = judge(quote, source)
    assert verdict.verdict == "altered"
    assert [(c["source"], c["quote"]) for c in verdict.changes] == [changed]


@pytest.mark.parametrize("case_id, changed", [
    ("a-zh-negation-added", ("", "不")), ("a-ja-negation", ("ます", "ません")), ("a-th-negation-added", ("", "ไม่")),
    ("a-th-negation-tone-mark", ("ไม่", "ไม้")), ("a-ko-negation", ("한", "하지 않는")),
    ("a-ko-negation-apart-added", ("", "안")),
])
def test_a_negation_in_letters_is_named_as_one_and_shown_whole(case_id, changed):
    """Shown whole where the change cuts it: the ま that ます and ません share, the ไ of ไม่
    whose tone mark alone changed (ม่ → ม้ holds no negation), are in the change."""
    case = CASES[case_id]
    verdict = judge(case.quote, case.text)
    [change] = verdict.changes
    assert (change["source"], change["quote"]) == changed and "negation" in change["kinds"]
    assert verdict.reason == f"words changed: {changed[0] or '∅'} → {changed[1]}"
    diff = verdict.alignment.diff  # as the report shows it
    assert ("insert", changed[1]) in diff and (not changed[0] or ("delete", changed[0]) in diff)


@pytest.mark.parametrize("case_id, changed", [
    ("a-zh-nonstop-not-negation", ("不断", "不停")),        # nonstop both: the 不 they share
    ("a-ja-past-negation-kept", ("なかった", "ない")),       # did not → does not
    ("a-ko-security-council-not-negation", ("안보리", "")),   # 안 of a word, not 안 (not)
])
def test_a_change_that_keeps_the_meaning_s_sign_names_no_negation(case_id, changed):
    """A negation is named where one side denies and the other does not; a negation both
    sides hold, though shown in the change (不断 → 不停) or in another form (ない →
    なかった), flips nothing: the change is altered, and said so, without the word."""
    case = CASES[case_id]
    verdict = judge(case.quote, case.text)
    [change] = verdict.changes
    assert verdict.verdict == "altered" and (change["source"], change["quote"]) == changed
    assert "negation" not in change["kinds"]


@pytest.mark.parametrize("quote, source, changed", [
    ("中方没有承认所谓的选举结果。", "中方不承认所谓的选举结果。", ("不", "没有")),          # not → did not
    ("少なかった国は結果を認めた。", "少ない国は結果を認めた。", ("少ない", "少なかった")),  # few, past: no なかっ
    ("政府は選挙を認めなかった。", "政府は選挙を認めません。", ("ません", "なかった")),
    ("Estonia wasn't ready to recognise the elections", "Estonia isn't ready to recognise the elections",
     ("isn't", "wasn't")),
    ("Estonia will never recognise the so-called elections", "Estonia will not recognise the so-called elections",
     ("not", "never")),
])
def test_one_negation_for_another_is_no_negation_in_any_script(quote, source, changed):
    """The same rule for words and for letters: English names no negation for isn't →
    wasn't either, where both deny (a "not" added or dropped is one, as before)."""
    [change] = judge(quote, source).changes
    assert (change["source"], change["quote"]) == changed and "negation" not in change["kinds"]


@pytest.mark.parametrize("quote, source, changed, negation", [
    ("정부는 이 문제가 잘 처리되었다고 밝혔다", "정부는 이 문제가 잘못 처리되었다고 밝혔다", ("잘못", "잘"), False),
    ("정부는 이 문제가 잘못 처리되었다고 밝혔다", "정부는 이 문제가 잘 처리되었다고 밝혔다", ("잘", "잘못"), False),
    ("정부는 이 문제가 잘 못 처리되었다고 밝혔다", "정부는 이 문제가 잘 처리되었다고 밝혔다", ("", "못"), True),
    ("정부는 이 문제를 처리하지 못했다고 밝혔다", "정부는 이 문제를 처리했다고 밝혔다", ("", "하지 못"), True),
    ("정부는 이 선거를 안 인정한다", "정부는 이 선거를 인정한다", ("", "안"), True),
    ("정부는 이 선거를 인정한다", "정부는 이 선거를 안 인정한다", ("안", ""), True),
    ("정부는 안보 문제를 논의한다", "정부는 문제를 논의한다", ("", "안보"), False),       # security
    ("정부는 제 문제를 논의한다", "정부는 제안 문제를 논의한다", ("안", ""), False),       # 제안: proposal
    ("정부는 안전 문제를 논의한다", "정부는 문제를 논의한다", ("", "안전"), False),       # safety
    ("정부는 안녕 문제를 논의한다", "정부는 문제를 논의한다", ("", "안녕"), False),       # peace, hello
    ("정부는 방법을 논의한다", "정부는 방안을 논의한다", ("안", "법"), False),           # 방안: measure
    ("정부는 건물에 있다", "정부는 건물 안에 있다", ("안", ""), False),                 # 안에: inside
])
def test_korean_wrongly_is_no_negation_a_word_of_its_own_is(quote, source, changed, negation):
    """잘못 (wrongly) holds 못 and negates nothing: a change that cuts it takes it whole, and
    NOT_NEGATIONS takes it out; 못 as a word of its own ("잘 못": not well) still negates.
    안 (not) negates only written apart (APART_NEGATIONS), not as the letter of 안보, 제안."""
    verdict = judge(quote, source)
    [change] = verdict.changes
    assert verdict.verdict == "altered" and (change["source"], change["quote"]) == changed
    assert ("negation" in change["kinds"]) is negation


def test_the_letters_a_whole_negation_takes_in_are_held_for_the_misattribution_hint():
    """ไม่ → ไม้ shows in the change the ไ both sides share, which the text holds all the
    same: a quote of 12 letters holds 11 of them (0.92 of misattribution_altered_share's
    0.85 and more), not 10 (0.83, no hint)."""
    verdict = judge("ไทยไม้รับรองผล", CASES["a-th-negation-tone-mark"].source)
    assert [(c["source"], c["quote"]) for c in verdict.changes] == [("ไม่", "ไม้")]
    assert len(word_keys("ไทยไม้รับรองผล")) == 12 and names_the_quote_elsewhere(verdict)


@pytest.mark.parametrize("quote, added", [
    ("中方对此表示严重关切，敦促非洲各方保持克制", "非洲"),   # Africa
    ("中方对此表示非常严重关切，敦促各方保持克制", "非常"),   # very
    ("中方对此表示严重关切，特别敦促各方保持克制", "特别"),   # especially
])
def test_a_word_that_holds_a_negation_letter_and_negates_nothing_is_no_negation(quote, added):
    [change] = judge(quote, "答：中方对此表示严重关切，敦促各方保持克制，避免局势升级。").changes
    assert (change["source"], change["quote"], change["kinds"]) == ("", added, ["added"])


def test_a_long_text_is_searched_in_a_window_found_by_pieces_of_the_quote_s_runs():
    """Buried in 60 KB of English: pieces of four letters anchor the window, so only a few
    hundred letters are aligned, not the whole page."""
    case = CASES["b-zh-mid-run-60k"]
    text = case.text
    quote_words = [t for t in tokenize(case.quote) if t.kind == "word"]
    [(start, end)] = _Haystack(text).windows(quote_words, 0)
    assert start <= text.index(case.quote) and text.index(case.quote) + len(case.quote) <= end
    assert end - start < 1000 < len(text) // 50


def test_search_terms_are_pieces_of_the_runs_spread_over_the_quote():
    quote = "中方对此表示严重关切，敦促双方保持克制，尽快恢复对话与谈判。"
    terms = search_terms(quote)
    assert terms == ["中方对此", "表示严重", "敦促双方", "保持克制", "尽快恢复", "对话与谈"]  # 关切, 判: no trigram
    assert all(term in quote for term in terms)                                       # never across a ，
    assert len(search_terms(quote * 3)) == 8
    assert search_terms("EU calls 中方对此表示") == ["calls", "中方对此"]  # EU, 表示: too short
    english = "The European Union reiterates that it does not recognise the framework"
    assert sorted(search_terms(english)) == sorted({"european", "union", "reiterates", "that", "does", "recognise",
                                                     "framework"})


# Pages in the quote's language that do not hold it (a page in English, or a Chinese one for a
# Japanese quote, would make it a translation: crawler/verdicts/translation.py, written_language)
OTHER_ZH = "外交部发言人宣布：应国务院邀请，某国总理将于下周对中国进行正式访问。双方将就双边关系交换意见。"
OTHER_JA = "外務省は、来週、某国の首相が日本を公式訪問すると発表しました。両国の関係について意見を交換します。"
OTHER_TH = "รัฐบาลไทยประกาศมาตรการทางเศรษฐกิจใหม่เพื่อกระตุ้นการท่องเที่ยวในปีนี้ และจะเริ่มใช้ในเดือนหน้า"


@pytest.mark.parametrize("quote, cited_text, elsewhere", [
    ("表示严重关切，敦促双方保持克制，避免局势", OTHER_ZH, ZH),                # cut mid-run at both ends
    ("表示严重关切，敦促双方保持克制，避免局面", OTHER_ZH, ZH),                # and one letter changed
    ("戦闘が再開され、多数の死傷者が出ていることを深く憂慮しています", OTHER_JA, JA),
    ("ติดตามสถานการณ์ในภูมิภาคนากอร์โน-คาราบัคด้วยความกังวลอย่างยิ่ง", OTHER_TH, TH),
])
def test_a_quote_cited_to_the_wrong_page_is_found_where_it_is(db, quote, cited_text, elsewhere):
    """The whole stage: a statement cited to a page that does not hold its words; the text
    that does is named (the trigram index finds pieces of the quote's runs)."""
    rows = Factory(db)
    doc = rows.document()
    statement = rows.statement(doc, 1, "China", quote)
    cited = rows.source("https://mfa.example/cited")
    rows.citation(doc, statement, 1, cited)
    rows.text(cited, cited_text)
    other = rows.source("https://mfa.example/other")
    rows.text(other, elsewhere, url="https://mfa.example/other")
    reconcile.run(db)
    [row] = db.query("select * from quote_checks where statement_id = ? and scope = 'overall'", [statement])
    assert row["verdict"] == "not-in-source"
    [hint] = json.loads(row["evidence"])["misattribution"]
    assert (hint["source_id"], hint["url"]) == (other, "https://mfa.example/other")
    assert hint["verdict"] == ("altered" if "局面" in quote else "verbatim")


def test_a_short_common_phrase_found_elsewhere_is_no_hint(db):
    """Five letters shared with another text (中方对此表示 is every MFA answer's opening) are
    no evidence the quote came from there: fewer than misattribution_min_words."""
    rows = Factory(db)
    rows.text(rows.source("https://mfa.example/other"), ZH)
    assert reconcile.misattribution(db, "中方对此表", [], set(), THRESHOLDS) == []
    assert [h["verdict"] for h in reconcile.misattribution(db, "中方对此表示", [], set(), THRESHOLDS)] == ["verbatim"]


def test_a_hangul_syllable_written_as_its_jamo_is_one_letter():
    """NFD Hangul (a PDF's, a Mac file name's): the jamo of a syllable are one letter, which
    NFKC writes as the syllable, so the quote matches a text written in syllables."""
    import unicodedata

    quote = unicodedata.normalize("NFD", "정부는 나고르노-카라바흐 지역에서")
    assert len(quote) > 2 * len("정부는나고르노카라바흐지역에서")
    assert word_keys(quote) == list("정부는나고르노카라바흐지역에서")
    assert judge(quote, CASES["v-ko-particle-cut"].source).verdict == "verbatim"



ANSWER = "答：中方对此表示严重关切，敦促美方恪守一个中国原则和中美三个联合公报规定，停止对台军售。"
ARMS_SALES = "外交部发言人汪文斌主持例行记者会。问：据报道，美国国务院宣布批准对台军售。中方有何回应？" + ANSWER
TRANSCRIPT = "Transcript of the press conference. The spokesperson answered a question on arms sales. " * 6


@pytest.mark.parametrize("page", [ARMS_SALES, TRANSCRIPT + ANSWER + TRANSCRIPT])
def test_a_chinese_quote_py3langid_calls_wu_is_altered_not_a_translation(page):
    """py3langid calls one short Chinese line in ten Wu (wuu), the page it is quoted from
    Chinese (zh): a word changed in it is an altered quote of the Chinese page, or of the
    Chinese passage of an English one (zh), not a translation."""
    quote = "中方对此表示极度关切，敦促美方恪守一个中国原则"  # 严重 → 极度
    verdict = judge(quote, page)
    assert verdict.verdict == "altered"
    assert [(c["source"], c["quote"]) for c in verdict.changes] == [("严重", "极度")]


def test_the_iteration_marks_and_ideographic_zero_are_letters_of_their_run():
    """々, 〆 and 〇 (U+3005-3007) lie outside UNSPACED_RANGES but stand inside runs of kanji:
    shown without a space ("人々", not "人 々"), and in the run's pieces the search looks for."""
    text = "我々は、各国の人々と共に、二〇二〇年の選挙を注視している。"
    assert joined([t for t in tokenize(text) if t.kind == "word"]) == "我々は 各国の人々と共に 二〇二〇年の選挙を注視している"
    assert align("各国の人々と共に、二〇二〇年の", text).diff == [("equal", "各国の人々と共に、二〇二〇年の")]
    assert judge("二〇二一年の選挙を注視", text).changes[0]["source"] == "〇"
    assert "我々は" in search_terms(text) and "二〇二〇" in search_terms(text)


def test_a_quote_in_nfd_jamo_is_found_elsewhere_as_the_text_writes_it(db):
    """A quote whose Hangul is NFD jamo (a PDF's) aligns with a text in syllables; the
    misattribution search looks for its pieces as NFKC writes them, as texts are stored."""
    import unicodedata

    rows = Factory(db)
    rows.text(rows.source("https://mofa.example/other"), CASES["v-ko-particle-cut"].source, url="https://mofa.example/other")
    quote = unicodedata.normalize("NFD", "정부는 나고르노-카라바흐 지역에서")
    assert all(unicodedata.is_normalized("NFC", term) for term in search_terms(quote))
    [hint] = reconcile.misattribution(db, quote, [], set(), THRESHOLDS)
    assert (hint["url"], hint["verdict"]) == ("https://mofa.example/other", "verbatim")


@pytest.mark.parametrize("source", [
    "答：中方对此表示严重关切³，敦促双方保持克制。",   # a superscript mark glued to its letter
    "答：中方对此表示严重关切3，敦促双方保持克制。",    # the same from a PDF's text: a plain digit
])
def test_a_footnote_mark_glued_to_a_letter_of_the_source_is_minor(source):
    """A footnote mark glued to a Chinese letter is a word of its own (a letter is one), not
    part of one as in "declaration1": minor, as it is there; a number a letter follows is not."""
    verdict = judge("中方对此表示严重关切，敦促双方保持克制", source)
    assert verdict.verdict == "minor"
    assert judge("外交部于2020年月1日发表声明", "外交部于2020年4月1日发表声明。").verdict == "altered"


@pytest.mark.parametrize("source, quote", [
    ("据报道，死亡人数为4，另有多人受伤。", "据报道，死亡人数为，另有多人受伤。"),      # 为: is
    ("其中，受伤人数约12，均已送医。", "其中，受伤人数约，均已送医。"),              # 约: about
    ("死者数は4、負傷者は多数。", "死者数は、負傷者は多数。"),                      # は: a particle
])
def test_a_number_dropped_after_a_letter_that_asks_for_one_is_altered(source, quote):
    """Digits glued before ， after 为 (is), 约 (about) or は are the number the sentence asks
    for, not a footnote mark, which follows the end of what it annotates: left out, altered."""
    verdict = judge(quote, source)
    number = next(t for t in tokenize(source) if t.key.isdigit()).text
    assert verdict.verdict == "altered" and verdict.reason == f"words changed: {number} → ∅"
    assert verdict.changes[0]["kinds"] == ["number", "removed"]


def test_a_raised_footnote_mark_is_one_whatever_letter_it_follows():
    """³ as written is a mark's shape: minor even after 为, where plain digits are a number."""
    assert judge("据报道，死亡人数为，另有多人受伤。", "据报道，死亡人数为³，另有多人受伤。").verdict == "minor"


def test_the_ideographs_that_tell_chinese_from_japanese_are_those_of_unspaced_ranges():
    """written_language counts ideographs by the Han ranges of UNSPACED_RANGES, the one list
    of those scripts' letters: each of its ranges is either in _IDEOGRAPH whole or not at all."""
    han = [(lo, hi) for lo, hi in UNSPACED_SPANS if unicodedata.name(lo, "").startswith("CJK ")]
    assert len(han) == 4 and all(_IDEOGRAPH.fullmatch(lo) and _IDEOGRAPH.fullmatch(hi) for lo, hi in han)
    assert not any(_IDEOGRAPH.fullmatch(lo) or _IDEOGRAPH.fullmatch(hi) for lo, hi in set(UNSPACED_SPANS) - set(han))
    assert not _IDEOGRAPH.search("かなカナ한글ไทย々〆〇")
