"""What a verdict's reason and diff say: each side as it is written ("5,000" and "5000", "per
cent" and "%"), a minor reason naming its changes (three, then a count of the rest), a verbatim
reason naming a word an extraction cut, and no more where the diff shows no change."""

from __future__ import annotations

from crawler.verdicts import judge
from tests.judging import MORE


def test_the_diff_and_the_reason_write_each_side_as_it_is_written():
    """"5,000" was shown "5 000", the quote's "%" was lost ("per cent → ∅"), and the
    reason left out the 5,000/5000 change that the diff shows."""
    verdict = judge("On March 31 2020, some 5000 people voted, down 40% from 2015.", MORE)
    diff = verdict.alignment.diff
    assert ("delete", "5,000") in diff and ("insert", "5000") in diff
    assert ("delete", "per cent") in diff and ("insert", "%") in diff
    assert ("equal", "2020, some") in diff
    assert "written differently: 5,000 → 5000; per cent → %" in verdict.reason  # "%" for "per cent" is minor
    assert all(c["source"] != "per cent" for c in verdict.changes)  # the changes are the altered ones
    unchanged = judge("some 5,000 people voted, down 4 per cent from 2015", MORE).alignment.diff
    assert unchanged[0] == ("equal", "some 5,000 people voted, down")


def test_a_minor_reason_names_its_changes():
    verdict = judge("The Ministry doesn't recognize the elections held there.",
                    "The Ministry does not recognize the elections held there.")
    assert verdict.verdict == "minor"
    assert verdict.reason == ("same words; differences only in punctuation, case, quote style or spelling: "
                              "does not → doesn't")


def test_a_minor_reason_lists_three_changes_and_counts_the_rest():
    verdict = judge("The Ministry doesn't accept the organisation, the centre, the colour or the labour.",
                    "The Ministry does not accept the organization, the center, the color or the labor.")
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason.endswith(": does not → doesn't; organization → organisation; center → centre and 2 more")


def test_a_verbatim_reason_names_a_word_extraction_cut():
    verdict = judge("The Ministry rejects the politica l framework of the vote.",
                    "The Ministry rejects the political framework of the vote.")
    assert verdict.verdict == "verbatim"
    assert verdict.reason == "same words after normalisation: political → politica l"


def test_a_reason_with_no_change_in_its_diff_says_no_more():
    verdict = judge("the ministry does not recognize the elections held there",
                    "The Ministry does not recognize the elections held there.")
    assert verdict.verdict == "minor"
    assert verdict.reason == "same words; differences only in punctuation, case, quote style or spelling"
