"""A closing ellipsis (a quote that ends on "…").

A negation, a modal or a number right after the quote's last word, which the ellipsis hides,
makes it altered; other words, the next sentence, a date or a number the sentence merely goes
on with keep it verbatim; of two places the one the ellipsis hides nothing after is taken.  The
read after the quote stops at a new paragraph: a line that opens with a capital in title case
or with a digit, a bullet; a line wrapped inside a sentence (lower case, or a headline's
capitals) is read on."""

from __future__ import annotations

import csv

import pytest

from crawler.verdicts import judge
from tests.judging import PAD

CLOSING = ("The Ministry does not recognize the so-called elections.\n\n"
           "We said that we will not accept their results, and we would support the talks.\n\n"
           "A total of 250 international observers were invited. The elections were held on 31 March 2020 "
           "in the region.\n\n"
           "The European Union reiterates that it does not recognise the framework.\n\n"
           "The Council recognizes the elections but will not accept them.")

HIDES = "The Ministry does not recognize the vote."
HIDES_NOTHING = "The Ministry does recognize the results."


@pytest.mark.parametrize("quote, word", [
    ("The Ministry does …", "not"),
    ("The Ministry does ...”", "not"),              # three stops, a closing quote glyph after them
    ("… we said that we will …", "not"),
])
def test_a_negation_a_closing_ellipsis_hides_right_after_the_quote_makes_it_altered(quote, word):
    """The quote's last segment matched up to its last word and nothing after it was read: verbatim."""
    verdict = judge(quote, CLOSING)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == f"“{word}” left out at an ellipsis"
    assert verdict.alignment.diff[-1] == ("delete", word)
    assert [c for c in verdict.changes if c["quote"] == "…" and "elided" in c["kinds"]]


@pytest.mark.parametrize("quote", [
    "The European Union reiterates that it …",     # "does" first: the sentence cut, nothing said
    "The elections were held on …",                # a date
    "… and we …",                                  # a modal, "would": the sentence cut
    "A total of …",                                # a number, "250": the same
    "The Council recognizes …",                    # "not" further on in the sentence
    "The Council recognizes the elections …",      # the clause ends first ("but" then "will not")
])
def test_a_closing_ellipsis_before_other_words_stays_verbatim(quote):
    verdict = judge(quote, CLOSING)
    assert verdict.verdict == "verbatim", verdict.reason


def test_a_closing_ellipsis_does_not_read_the_next_sentence():
    verdict = judge("The Ministry does …", "The Ministry does. Not one observer was invited to the vote.")
    assert verdict.verdict == "verbatim", verdict.reason


@pytest.mark.parametrize("text", [HIDES + PAD + " " + HIDES_NOTHING, HIDES_NOTHING + PAD + " " + HIDES])
def test_of_two_places_the_one_a_closing_ellipsis_hides_nothing_after_is_taken(text):
    """As for an ellipsis inside a quote: the verdict must not hang on which copy comes first."""
    verdict = judge("The Ministry does …", text)
    assert verdict.verdict == "verbatim", verdict.reason
    assert verdict.alignment.start == text.index(HIDES_NOTHING)


def test_the_check_shows_the_negation_a_closing_ellipsis_hides(runner, tmp_path):
    """End to end through `citewatch check` into a real database: altered, the reason names the
    word, the one-line diff shows it where the ellipsis stands."""
    from crawler.cli import cli

    page = tmp_path / "closing.txt"
    page.write_text(CLOSING, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", "The Ministry does …",
                                 str(page), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["verdict"] == "altered" and row["reason"] == "“not” left out at an ellipsis"
    assert row["diff"] == "The Ministry does [-not-]"


def test_a_closing_ellipsis_stops_at_a_line_that_opens_with_a_capital():
    """trafilatura ends a paragraph with one "\\n": a heading's closing ellipsis read the next
    paragraph's "No" and called the quote altered."""
    text = ("Statement by the Ministry of Foreign Affairs\nMain results of the talks between the delegations\n"
            "No agreement was reached on the exchange of prisoners.\n2 agreements were signed on trade.")
    for quote in ("Main results of the talks between the delegations …",
                  "No agreement was reached on the exchange of prisoners …"):
        verdict = judge(quote, text)
        assert verdict.verdict == "verbatim", (quote, verdict.reason)
    bullet = "The delegations met in Geneva\n• No agreement was reached."
    assert judge("The delegations met in Geneva …", bullet).verdict == "verbatim"


def test_a_closing_ellipsis_reads_a_wrapped_line_that_goes_on_in_lower_case():
    """A PDF wraps a sentence at any word: "does\\nnot" is one sentence."""
    verdict = judge("The Ministry does …", "The Ministry does\nnot recognize the elections.")
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == "“not” left out at an ellipsis"


@pytest.mark.parametrize("quote, text", [
    ("The elections held on March …", "The elections held on March 31, 2020 were illegitimate."),
    ("The elections held in March …", "The elections held in March 2020 were illegitimate."),
    ("The elections of …", "The elections of 2020 were illegitimate."),
    ("Les élections du …", "Les élections du 31 mai 2020 sont illégitimes."),
    ("Turnout fell by …", "Turnout fell by 40 per cent in 2020."),
    ("We reiterate that the so-called elections …", "We reiterate that the so-called elections will have no legal effect."),
    ("The Ministry said that it …", "The Ministry said that it will recognize the result."),
])
def test_a_closing_ellipsis_before_a_date_a_number_or_a_modal_stays_verbatim(quote, text):
    """A quote cut short there leaves the rest unsaid: none of these is altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "verbatim", verdict.reason
    assert verdict.alignment.diff == [("equal", quote.removesuffix(" …"))]


@pytest.mark.parametrize("quote, text, word", [
    ("THE UNION DOES …", "THE UNION DOES\nNOT RECOGNISE THE RESULTS.", "NOT"),
    ("The European Union does …", "The European Union does\nNOT recognize the so-called elections.", "NOT"),
    ("LA FRANCE N'ACCEPTERA …", "LA FRANCE N'ACCEPTERA\nJAMAIS LE RÉSULTAT.", "JAMAIS"),
])
def test_a_closing_ellipsis_reads_a_wrapped_line_in_capitals(quote, text, word):
    """A line opening with a capital ended the read, so a negation wrapped in capitals was missed."""
    verdict = judge(quote, text + "\nThe weather in the capital was mild.")
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == f"“{word}” left out at an ellipsis"


@pytest.mark.parametrize("text", [
    "The delegations met in Geneva\nNo agreement was reached.",      # title case: a new paragraph
    "The delegations met in Geneva\nA total of no observers came.",  # a single capital too
    "The delegations met in Geneva\n2 agreements were not signed.",  # a digit
])
def test_a_closing_ellipsis_stops_at_a_line_in_title_case_or_a_digit(text):
    verdict = judge("The delegations met in Geneva …", text)
    assert verdict.verdict == "verbatim", verdict.reason
