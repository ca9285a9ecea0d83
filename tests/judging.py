"""`judged`: the verdict tests' one step, a quote judged against a text and its verdict checked."""

from __future__ import annotations

from crawler.verdicts import Verdict, judge


def judged(quote: str, text: str, expected: str) -> Verdict:
    """`judge(quote, text)`, asserted to give `expected`; the reason shown when it does not.
    Returned, for a test's further checks of its reason, changes or alignment."""
    verdict = judge(quote, text)
    assert verdict.verdict == expected, verdict.reason
    return verdict
