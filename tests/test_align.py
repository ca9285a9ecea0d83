"""The aligner's contract: offsets into the original text, matched span, word diff, segments."""

from __future__ import annotations

import pytest

from crawler.align import align, is_split_artefact, split_segments, tokenize, word_keys

EP = (
    "Today, ‘presidential and parliamentary elections’ have been held in Nagorno -\n\n"
    "Karabakh. I wish to reiterate, in line with previous statements from the European \n\n"
    "Union, that we do not recognise the constitutional and legal framework of these so-\n\n"
    "called elections and their outcome cannot prejudice the determination of the future"
)


def test_span_offsets_point_into_the_original_text():
    quote = "we do not recognise the constitutional and legal framework of these so-called elections"
    a = align(quote, EP)
    assert a.score == 100
    assert a.matched == EP[a.start : a.end]
    assert a.matched.startswith("we do not recognise") and a.matched.endswith("so-\n\ncalled elections")
    # the quote's words as it writes them ("so-called"): the diff names what each side says
    assert a.diff == [("equal", "we do not recognise the constitutional and legal framework of these so-called elections")]


def test_diff_reads_from_source_to_quote():
    a = align("Ukraine strongly regrets the so-called elections", "Yesterday Ukraine strongly condemns the so-called elections held")
    assert a.diff == [
        ("equal", "Ukraine strongly"),
        ("delete", "condemns"),
        ("insert", "regrets"),
        ("equal", "the so-called elections"),
    ]
    assert a.matched == "Ukraine strongly condemns the so-called elections"


def test_normalisation_quotes_dashes_case_nfkc():
    text = "The\u00a0UK does not recognise the ‘elections’ — which took place in Nagorno\u2011Karabakh — on 31 March. ﬁrmly"
    a = align('the uk does not recognise the "elections" - which took place in nagorno-karabakh', text)
    assert a.score == 100
    assert a.matched == "The\u00a0UK does not recognise the ‘elections’ — which took place in Nagorno\u2011Karabakh"
    assert word_keys("ﬁrmly Ｎａｔｏ") == ["firmly", "nato"]


def test_split_words_count_as_matched():
    a = align("resolve disputes through political dialogue", "parties will resolve disputes through politica l dialogue, to uphold")
    assert a.score == 100
    assert a.matched == "resolve disputes through politica l dialogue"
    assert is_split_artefact(["politica", "l"], ["political"])
    assert not is_split_artefact(["legal"], ["illegal"])


def test_ellipsis_segments_align_in_order_with_gaps():
    text = ("The Ministry presents its compliments to the Embassy and, with reference to its note, "
            "informs that we fully align our position with the statements.")
    quote = "The Ministry … informs that we fully align our position"
    a = align(quote, text)
    assert [s.score for s in a.segments] == [100, 100]
    assert a.matched == text[: text.index("position") + len("position")]
    assert len(a.gaps) == 1
    start, end, words = a.gaps[0]
    assert text[start:end].split() == ["presents", "its", "compliments", "to", "the", "Embassy", "and,", "with", "reference", "to", "its", "note,"]
    assert words == a.elided_words == 12


@pytest.mark.parametrize("mark", ["…", "...", ". . .", "[...]", "[…]", "(...)"])
def test_every_ellipsis_form_splits_the_quote(mark):
    segments = split_segments(f"first part {mark} second part")
    assert [[t.text for t in s] for s in segments] == [["first", "part"], ["second", "part"]]


def test_leading_ellipsis_leaves_one_segment():
    assert len(split_segments("… informs the Embassy")) == 1


def test_a_later_segment_is_searched_after_the_earlier_one():
    text = "alpha beta gamma. delta epsilon zeta. alpha beta gamma again"
    a = align("delta epsilon … alpha beta gamma", text)
    assert a.segments[1].start == text.rindex("alpha")


def test_absent_quote_has_a_low_score():
    a = align("The coronavirus pandemic requires a coordinated global response", EP)
    assert a.score < 30


def test_quote_without_words_is_refused():
    with pytest.raises(ValueError, match="no words"):
        align("… — “ ”", EP)


def test_tokens_keep_offsets_and_apostrophes():
    text = "Canada doesn’t recognize the “elections”."
    tokens = tokenize(text)
    assert [t.key for t in tokens if t.kind == "word"] == ["canada", "doesn't", "recognize", "the", "elections"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_long_transcript_finds_the_buried_quote():
    filler = " ".join(f"Paragraph {i} is about visas, flights and trade with many partners." for i in range(4000))
    quote = ("Pakistan reaffirms its principled position on the Nagorno-Karabakh conflict and reiterates "
             "its support to the sovereignty and territorial integrity of Azerbaijan.")
    text = filler + " " + quote + " " + filler
    a = align(quote, text)
    assert a.score == 100
    assert a.start == len(filler) + 1
    assert a.matched == quote.rstrip(".")


UA_TITLE = ("Statement of the Ministry of Foreign Affairs of Ukraine on non-recognition of the so-called “presidential "
            "and parliamentary elections” in Nagorno-Karabakh (Azerbaijan) on March 31\n")
UA = ("The Ministry of Foreign Affairs of Ukraine strongly condemns the so-called “presidential and parliamentary "
      "elections”, held on March 31 in the territory of Nagorno-Karabakh, the Republic of Azerbaijan.")


def test_a_title_that_repeats_the_opening_does_not_cut_the_span_short():
    text = UA_TITLE + UA
    a = align(UA, text)
    assert a.score == 100
    assert a.start == len(UA_TITLE)
    assert a.matched == UA.rstrip(".")


def test_of_two_copies_the_exact_one_is_the_span():
    loose = ("The Ministry of Foreign Affairs of Ukraine condemns the “presidential and parliamentary elections” "
             "held on March 30 in Nagorno-Karabakh.\n")
    for text in (loose + UA, UA_TITLE + loose + "\n" + UA + "\n" + UA_TITLE):
        a = align(UA, text)
        assert (a.score, a.start) == (100, text.index(UA))
        assert a.matched == UA.rstrip(".")


def test_an_altered_quote_under_a_repeating_title_lists_only_its_change():
    text = UA_TITLE + UA
    a = align(UA.replace("March 31", "March 30"), text)
    assert a.start == len(UA_TITLE) and a.end == len(text) - 1
    assert [(c.old_words, c.new_words) for c in a.changes] == [("31", "30")]
