"""A quote that closes its sentence with a stop where the source's sentence goes on for a
few words: the span ends at the quote's last word, so the words between it and the source's
stop were never compared.  A number or a negation left out there says
something else, as it does mid-sentence: altered.  A sentence cut short anywhere else (a
clause after a comma, a longer one, a place) stays as it was judged.  The labelled set holds
the cases by id (-before-stop, v-sentence-closed-before-clause, a-no-stop-before-not,
v-ends-at-source-stop); these are the rule's edges."""

from __future__ import annotations

import pytest

from crawler.align import align, left_before_stop
from crawler.verdicts import THRESHOLDS, judge
from tests.labelled import load_cases

CASES = {case.id: case for case in load_cases()}
OSTERLICH = CASES["a-negation-before-stop"].source
OPENING = "Several States have recognised the so-called authorities of the region. "


@pytest.mark.parametrize("case_id, dropped, kind", [
    ("a-negation-before-stop", "not", "negation"),
    ("a-zh-number-before-stop", "4", "number"),
    ("a-ja-number-before-stop", "4", "number"),
    ("a-ja-negation-before-stop", "ない", "negation"),
])
def test_a_number_or_negation_left_before_the_quotes_stop_is_altered_and_shown(case_id, dropped, kind):
    """The change names the words, their kind and that they were removed; the diff ends with
    them deleted, and the evidence's span takes them in, so a reader sees where they stood."""
    case = CASES[case_id]
    verdict = judge(case.quote, case.source)
    assert verdict.verdict == "altered"
    assert verdict.changes == [{"source": dropped, "quote": "", "kinds": [kind, "removed"]}]
    assert verdict.reason == f"words changed: {dropped} → ∅ (the quote ends its sentence before the source's “{dropped}”)"
    assert verdict.alignment.diff[-1] == ("delete", dropped)
    assert verdict.alignment.matched.endswith(dropped)


def test_the_drop_before_the_stop_is_the_drop_mid_sentence():
    """Same words left out, same change, wherever the quote's sentence ends."""
    mid = judge("据报道，死亡人数为，其中多数为平民。", "据报道，死亡人数为4，其中多数为平民。")
    end = judge("据报道，死亡人数为。", "据报道，死亡人数为4。")
    assert mid.verdict == end.verdict == "altered" and mid.changes == end.changes
    assert judge("The Ministry does.", "The Ministry does not.").changes == \
        judge("The Ministry does agree.", "The Ministry does not agree.").changes


@pytest.mark.parametrize("quote, text", [
    ("We condemn the attack.", "We condemn the attack, which killed 5. We call for restraint."),  # after a comma
    ("We condemn the attack.", "We condemn the attack carried out on 5 May. We call for restraint."),  # four words
    ("We condemn the attack.", "We condemn the attack in Shusha. We call for restraint."),  # no number, no negation
    ("中方对此表示严重关切。", "中方对此表示严重关切3。"),  # a footnote mark glued after a letter
    ("中方对此表示严重关切。", "中方对此表示严重关切和不满，敦促美方停止挑衅。"),  # a clause up to a comma
])
def test_a_sentence_cut_short_without_a_number_or_negation_just_before_the_stop_stays_verbatim(quote, text):
    assert judge(quote, text).verdict == "verbatim"


def test_a_quote_without_a_closing_stop_claims_no_sentence_end():
    """"…Osterlich does" claims no sentence end (no words are left before a stop it does not
    write), but the "not" right after its last word is a silent cut no better than "Osterlich
    does …": altered (the labelled a-no-stop-before-not, once verbatim)."""
    case = CASES["a-no-stop-before-not"]
    assert left_before_stop(align(case.quote, case.source), case.source, 3, 4) == []
    verdict = judge(case.quote, case.source)
    assert not case.quote.endswith(".") and verdict.verdict == "altered", verdict.reason
    assert verdict.reason == "words changed: not → ∅ (the quote ends before the source's “not”)"


@pytest.mark.parametrize("ending", ["", "\n\nIt calls on all parties to resume talks."])
def test_a_source_sentence_ended_by_its_paragraph_or_text_counts_as_ended(ending):
    """A heading-like line or a tweet may end with no stop: its paragraph's end is its stop."""
    text = OPENING + "Osterlich does not" + ending
    assert judge(OPENING + "Osterlich does.", text).changes[0]["source"] == "not"


def test_an_elided_quotes_last_segment_is_the_one_read():
    verdict = judge("Several States have recognised … Osterlich does.", OSTERLICH)
    assert verdict.verdict == "altered" and verdict.changes[-1]["source"] == "not"


def test_the_words_read_are_bounded_by_the_thresholds():
    """stop_words (spaced scripts) and stop_letters (scripts without spaces) bound the reach."""
    quote, text = "We condemn the attack.", "We condemn the attack on 5 May. We call for restraint."
    assert judge(quote, text).changes[0]["source"] == "on 5 May"
    assert judge(quote, text, th=THRESHOLDS.__class__(stop_words=2)).verdict == "verbatim"
    assert judge("中方对此表示。", "中方对此表示不同意。").changes[0]["source"] == "不同意"  # three letters
    assert judge("中方对此表示。", "中方对此表示坚决不同意。").verdict == "verbatim"  # five


def test_the_sentence_ending_where_the_quote_does_is_unchanged():
    case = CASES["v-ends-at-source-stop"]
    verdict = judge(case.quote, case.source)
    assert verdict.verdict == "verbatim" and verdict.alignment.matched.endswith("not")
