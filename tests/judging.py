"""`judged`: the verdict tests' one step, a quote judged against a text and its verdict checked;
and the texts several verdict test modules judge quotes against."""

from __future__ import annotations

from crawler.verdicts import Verdict, judge


def judged(quote: str, text: str, expected: str) -> Verdict:
    """`judge(quote, text)`, asserted to give `expected`; the reason shown when it does not.
    Returned, for a test's further checks of its reason, changes or alignment."""
    verdict = judge(quote, text)
    assert verdict.verdict == expected, verdict.reason
    return verdict


# A ministry's statement, cut to the sentences the ellipsis and reason tests quote from.
MORE = (
    "Statement of the Ministry\n\n"
    "It considers that such elections cannot be recognized by the international community.\n\n"
    "On 31 March 2020, some 5,000 people voted, down 40 per cent from 2015.\n\n"
    "The Ministry has never accepted, and will never accept, the results of these elections.\n\n"
    "The Minister did not say that the talks had failed.\n\n"
    "A total of 250 international observers were invited. We would support the talks."
)
# Sentences that hold no quote, put between two copies so that each is a place of its own.
PAD = " The weather in the capital was mild and the delegation met local officials at the museum." * 3
# Two copies of one sentence that match "The Ministry does … recognize the results of the vote."
# as well: in FORMALLY the ellipsis hides nothing, in NOT it hides a negation.
FORMALLY = "The Ministry does formally recognize the results of the vote."
NOT = "The Ministry does not recognize the results of the vote."
