"""A text that holds the quote more than once (crawler/align.py, crawler.verdicts `_found_times`).

The verdict takes the copy that hides nothing, whatever the order and however many copies come
first (past 500 in a long text), weighing at most a few of hundreds in full; "found N times"
counts only the copies that say the same (not one that says the opposite, would hide a
negation, or joins pieces of two paragraphs), and an altered verdict says nothing of the
passage's copies."""

from __future__ import annotations

import csv

import pytest

from crawler.verdicts import judge
from tests.judging import PAD, judged

PARA = (
    "It considers that such elections cannot be recognized by the international community.\n\n"
    "The so-called elections are a clear violation of international law. Freedonia calls for a peaceful "
    "settlement.\n\n"
    "The so-called elections are a clear violation of international law. Freedonia urges restraint by all sides.\n\n"
    "Freedonia’s Foreign Minister said: “We will never accept a fait accompli.”"
)

TWICE = "The Union condemns the attack on the school."

# How a reason ends when the text holds the quote N times (not "found N times in the text", and
# never on an altered verdict, where it would count the passage's copies, not the quote's).
HOLDS = "the text holds the quote {} times, judged where it matches best"

NEVER = "The European Union will never accept the illegal annexation of Crimea."


def test_the_better_copy_of_a_repeated_sentence_is_reported():
    """The first copy, read across the paragraph break, scored 78 with "a peaceful
    settlement The → restraint by all sides"; the second copy holds the real change."""
    quote = ("The so-called elections are a clear violation of international law. "
             "Freedonia calls for restraint by all sides.")
    verdict = judge(quote, PARA)
    second = PARA.index("The so-called", PARA.index("peaceful"))
    assert verdict.alignment.start == second and verdict.alignment.matched.endswith("all sides")
    assert [(c["source"], c["quote"]) for c in verdict.changes] == [("urges", "calls for")]
    assert verdict.score > 90


@pytest.mark.parametrize("quote, text, verdict_name", [
    ("The Union condemns the attack on the school.", TWICE + PAD + " " + TWICE, "verbatim"),
    ("The Union condemns … the school.", TWICE + PAD + " " + TWICE, "elided"),
    ("The Union doesn't condemn the attack.", "The Union does not condemn the attack." + PAD
     + " The Union does not condemn the attack.", "minor"),
])
def test_a_quote_found_twice_says_so_at_the_place_it_took(quote, text, verdict_name):
    """The verdict named one place and said nothing of the other; the place taken is the same."""
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason
    assert verdict.reason.endswith(HOLDS.format(2))
    assert verdict.alignment.start == 0


@pytest.mark.parametrize("text", [
    "Statement of the Union." + PAD + " " + TWICE,                               # a heading repeats two words
    "The Union condemns the attack." + PAD + " " + TWICE,                        # a part, not the quote
])
def test_a_few_words_repeated_elsewhere_are_no_second_copy(text):
    verdict = judge("The Union condemns … the school.", text)
    assert verdict.verdict == "elided" and " times" not in verdict.reason, verdict.reason
    assert verdict.alignment.start == text.index(TWICE)


def test_the_check_says_found_twice(runner, tmp_path):
    from crawler.cli import cli

    page = tmp_path / "twice.txt"
    page.write_text(TWICE + PAD + " " + TWICE, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", TWICE,
                                 str(page), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["verdict"] == "verbatim"
    assert row["reason"] == "same words after normalisation; " + HOLDS.format(2)


def test_a_copy_that_an_opening_ellipsis_reads_is_judged_as_the_first_one():
    """A second copy of the sentence made the quote altered, found 2 times."""
    sentence = "The European Union will never accept the illegal annexation of Crimea."
    judged("… the illegal annexation of Crimea.", sentence + PAD + " " + sentence, "verbatim")


@pytest.mark.parametrize("text", [
    NEVER + PAD + " The European Union will always accept the illegal annexation of Crimea.",
    "The European Union will always accept the illegal annexation of Crimea." + PAD + " " + NEVER,
    NEVER + PAD + " The European Union will never accept the illegal annexation of 12 regions.",
])
def test_a_copy_that_says_the_opposite_is_not_counted(text):
    """It scored 91 (one word in ten changed) and made "found 2 times"."""
    verdict = judged(NEVER, text, "verbatim")
    assert " times" not in verdict.reason, verdict.reason


def test_a_copy_whose_negation_an_ellipsis_would_hide_is_not_counted():
    """The labelled case e-ellipsis-tie-harmless-copy: its other place reads "does not recognize"."""
    from tests.judging import FORMALLY, NOT

    verdict = judged("The Ministry does … recognize the results of the vote.", FORMALLY + PAD + " " + NOT, "elided")
    assert " times" not in verdict.reason, verdict.reason


def test_pieces_of_two_paragraphs_are_no_copy():
    text = TWICE + PAD + " The Union condemns the shelling.\n" + PAD + " Children returned to the school."
    verdict = judged("The Union condemns … the school.", text, "elided")
    assert " times" not in verdict.reason, verdict.reason


@pytest.mark.parametrize("text, times", [
    (TWICE + " " + TWICE, 2),                                       # one window held both
    (TWICE + " x" * 50 + " " + TWICE, 2),
    (TWICE[:-1] + "\n" + TWICE + PAD, 2),                           # a headline right above the lead
    (TWICE + PAD + " " + TWICE.upper(), 2),                         # a copy in capitals
    ((TWICE + PAD + " ") * 5, 5),                                   # past MAX_OCCURRENCES: said nothing
    ((TWICE + PAD + " ") * 7, 7),
])
def test_every_copy_of_the_same_words_is_counted(text, times):
    verdict = judged(TWICE, text, "verbatim")
    assert verdict.reason.endswith(HOLDS.format(times)), verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("We will …", "We will support Ukraine." + PAD + " We will never accept it."),
    ("… recognize the annexation of Crimea.",
     "Some states recognize the annexation of Crimea." + PAD + " France does not recognize the annexation of Crimea."),
    ("The Ministry does …", "The Ministry does support the plan." + PAD + " The Ministry does not support the plan."),
    # a near copy judged worse than the place taken does not hold the quote as well
    (TWICE, TWICE + PAD + " The Union condemns the attack on a school."),
])
def test_a_copy_that_would_not_hold_the_quote_as_well_is_not_counted(quote, text):
    """An exact copy of the matched words counted, though the quote's ellipsis hid a negation there."""
    verdict = judged(quote, text, "verbatim")
    assert " times" not in verdict.reason, verdict.reason


def test_an_altered_quote_says_nothing_of_the_passages_copies():
    """"words changed: the → a; found 2 times in the text": read as the false quote found twice."""
    verdict = judged("The Union condemns the attack on a school.", TWICE + PAD + " " + TWICE, "altered")
    assert verdict.reason == "words changed: the → a"


@pytest.mark.parametrize("quote, text, clean", [
    ("Russia did", "Russia did not comply. Russia did comply.", "Russia did comply"),
    ("Russia did", "Russia did comply. Russia did not comply.", "Russia did comply"),
    ("Russia did", "Russia did not. Russia did.", "Russia did."),
    ("Russia did.", "Russia did not. Russia did.", "Russia did."),
    ("The EU does", "The EU does not.\nThe EU does.", "The EU does."),
    ("Russia did …", "Russia did not comply. Russia did comply.", "Russia did comply"),
])
def test_of_two_copies_close_together_the_clean_one_is_taken(quote, text, clean):
    """A short window was aligned whole, its first copy the only candidate: the preference for
    the place whose end hides no negation had nothing to choose between."""
    verdict = judged(quote, text, "verbatim")
    assert verdict.alignment.start == text.index(clean)
    assert " times" not in verdict.reason


def test_a_copy_before_a_phrase_that_denies_nothing_is_counted():
    """The silent cut read "no matter what" after the second copy."""
    verdict = judge("We will support Ukraine", "We will support Ukraine. We will support Ukraine no matter what.")
    assert verdict.verdict == "verbatim" and "2 times" in verdict.reason, verdict.reason


@pytest.mark.parametrize("copies", [4, 5, 8, 50])
@pytest.mark.parametrize("quote, bad, clean", [
    ("Russia did", "Russia did not comply.", "Russia did comply."),
    ("Russia did …", "Russia did not comply.", "Russia did comply."),
    ("… recognize the annexation", "France does not recognize the annexation.", "Others recognize the annexation."),
    ("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen nicht an.",
     "Die Regierung erkennt die Wahlen an."),
])
def test_the_copy_whose_cut_hides_nothing_is_taken_among_many(copies, quote, bad, clean):
    """The aligner found places by words a text holds at most four times: from the fifth bad
    copy on, the clean one after them was never seen, and the quote was altered."""
    text = " ".join([bad] * copies + [clean])
    verdict = judged(quote, text, "verbatim")
    assert verdict.alignment.start >= text.index(clean)


def test_the_clean_copy_is_found_after_500_in_a_long_text():
    from tests.judging import PAD

    text = ("Russia did not comply." + PAD) * 500 + " Russia did comply." + PAD
    for quote in ("Russia did", "Russia did …"):
        verdict = judged(quote, text, "verbatim")
        assert verdict.alignment.start == text.index("Russia did comply")


def test_hundreds_of_copies_that_hide_a_negation_are_not_each_weighed_in_full():
    """Each copy's edge was a tokenized check (130 ms for 500 copies).  A copy whose next word
    no cut starts from is cleared by a regular expression (`may`), and at most WEIGHED_COPIES
    of the others are weighed in full: counted here through the aligner's own `hides_after`."""
    from crawler.align import WEIGHED_COPIES, align

    calls = []

    class Counted:
        def __init__(self, check):
            self.check, self.may = check, getattr(check, "may", None)

        def __call__(self, end):
            calls.append(end)
            return self.check(end)

    def counting(quote, text, **kwargs):
        kwargs["hides_after"] = Counted(kwargs["hides_after"])
        return align(quote, text, **kwargs)

    text = " ".join(["Russia did not comply with the ruling."] * 500 + ["Russia did comply with the ruling."])
    verdict = judge("Russia did", text, aligner=counting)
    assert verdict.verdict == "verbatim" and verdict.alignment.start == text.index("Russia did comply")
    assert len(calls) < 2 * WEIGHED_COPIES  # the places the aligner weighs first, then the copies: not 500


@pytest.mark.parametrize("quote, text, times", [
    ("The agreement is", "The agreement is no longer in force. " * 33 + "The agreement is no doubt important.", 1),
    ("The agreement is", "The agreement is no longer in force. " * 3 + "The agreement is no doubt important. "
     "The agreement is important.", 2),
    ("Russland erkennt die Wahlen", "Russland erkennt die Wahlen nicht an. " * 20 + "Russland erkennt die Wahlen an. "
     "Russland erkennt die Wahlen an.", 2),
])
def test_the_reason_counts_the_clean_copies_only(quote, text, times):
    """A copy the aligner found that cuts a negation was counted when it was judged in a
    stretch of its own ("holds the quote 2 times" for one clean copy among 33 negated): the
    aligner's other places are weighed as the written repeats are (`_found_times`)."""
    verdict = judged(quote, text, "verbatim")
    assert ("holds the quote" not in verdict.reason) if times == 1 else \
        verdict.reason.endswith(f"the text holds the quote {times} times, judged where it matches best")
