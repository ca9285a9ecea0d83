"""What the aligner weighs at each place of a quote (crawler/align.py `align`'s `hides`,
`hides_before`, `hides_after`), so that of places that match as well it takes one where no
ellipsis hides a negation or crosses a clause's end, and no silent cut drops one: `_hides`,
`_hides_before`, `_hides_after` (gaps.py) and `_end_weighed` (silent_cut.py, german.py), each asked
in a window of the text and remembered there (`_weighed`), as a page may repeat a sentence
hundreds of times.  judgment.py passes them to the aligner and reads them for the quote's copies.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from crawler.align import Token, ends_at_ellipsis
from crawler.verdicts.auxiliaries import _NEGATIONS_AFTER_VERB, _auxiliary
from crawler.verdicts.clauses import _ASIDE, _CLAUSE_MARK
from crawler.verdicts.dutch import _dutch_clause, _holds_dutch_closing
from crawler.verdicts.gaps import _closing_run, _hidden_in_gap, _opening_run
from crawler.verdicts.german import _holds_german_closing, _quote_clause
from crawler.verdicts.silent_cut import _cuts_before_negation, _may_cut_before_negation
from crawler.verdicts.thresholds import THRESHOLDS, Thresholds


def _hides(text: str, start: int, end: int, th: Thresholds = THRESHOLDS) -> bool:
    """Whether an ellipsis standing for text[start:end] would hide words that carry meaning, or
    crosses the end of a clause or sentence (asides aside), which `_hidden_in_gap` never reads:
    the aligner's preference (crawler/align.py `align`'s `hides`) between places of the quote's
    segments that match as well, so that the verdict does not hang on which copy comes first,
    and a gap reaching into another copy ("does" here, "recognize" in the next sentence) is no
    safer than the tight place that hides "not" (then the tighter is taken)."""
    if _CLAUSE_MARK.search(_ASIDE.sub(lambda m: " " * len(m[0]), text[start:end])):
        return True
    return bool(_hidden_in_gap(text, start, end, None, th))


def _hides_after(text: str, end: int, th: Thresholds = THRESHOLDS) -> bool:
    """Whether a quote's closing ellipsis after its last span, ending at character `end`, would
    hide a negation (`_closing_run`): the aligner's preference (crawler/align.py `align`'s
    `hides_after`) between places of the quote that match as well, as `_hides` is for the
    ellipses inside it."""
    return _closing_run(text, end, th) is not None


def _end_weighed(quote_tokens: list[Token], text: str, th: Thresholds) -> Callable[[int], bool] | None:
    """What is weighed where a place of the quote ends (crawler/align.py `align`'s `hides_after`,
    and `_found_times`' copies): a closing ellipsis's hidden negation (`_hides_after`), or, for a
    quote that ends on an auxiliary, a modal or a copula (`_auxiliary`), the negation its silent
    cut drops (`_cuts_before_negation`), and for a German quote (`_german_clause`, the gate
    `_cut_before_negation` reads too) in a text holding a German negation that may close a
    clause (`_holds_german_closing`, `_verb_final_negation`); None for any other
    quote, whose end drops nothing either way, so that the aligner keeps to its first best place
    (and its speed) and no copy is checked."""
    if ends_at_ellipsis(quote_tokens):
        return _weighed(_hides_after, text, th=th)
    words = [t for t in quote_tokens if t.kind == "word"]
    clause, dutch = _quote_clause(quote_tokens, text), _dutch_clause(quote_tokens)
    if words and (any(_auxiliary(words[-1].key, language) for language in _NEGATIONS_AFTER_VERB)
                  or clause is not None and _holds_german_closing(text)
                  or dutch is not None and _holds_dutch_closing(text)):
        return _weighed(_cuts_before_negation, text, may=_may_cut_before_negation, clause=clause, dutch=dutch)
    return None


# The characters around a place that its edge's checks read (`_weighed`): at most `_CLOSING_CHARS`
# and a few words of `_BEFORE_GAP` each way, with room to spare.
_WEIGHED_BEFORE, _WEIGHED_AFTER = 300, 400


def _weighed(check: Callable[..., bool], text: str, may: Callable[[str, int], bool] | None = None,
             **given) -> Callable[[int], bool]:
    """`check`(text, at, **given) as the aligner and `_found_times` ask it at each copy's edge
    (`_hides_before`, `_hides_after`, `_cuts_before_negation`), read in the characters around `at`
    (`_WEIGHED_BEFORE`, `_WEIGHED_AFTER`) and remembered by them (`_weighed_window`): a page that
    repeats a sentence hundreds of times ("Russia did not comply." 500 times, then "Russia did
    comply.") asks the same question at each copy, and a tokenized answer each cost 130 ms where
    the aligner takes 1.  `may`(text, at), a cheap reading that is False only where `check` is
    (`_may_cut_before_negation`), is its `may` (crawler/align.py `_clean_copy`)."""
    weigh = functools.partial(_in_window, check, text, tuple(sorted(given.items())), may)
    if may is not None:
        weigh.may = functools.partial(may, text)
    return weigh


def _in_window(check: Callable[..., bool], text: str, given: tuple, may: Callable[[str, int], bool] | None,
               at: int) -> bool:
    """`_weighed`'s `check` at character `at` of `text`, read in its window; False at once where
    its cheap reading `may` is (most copies of a quote: no window cut, none remembered)."""
    if may is not None and not may(text, at):
        return False
    lo = max(0, at - _WEIGHED_BEFORE)
    return _weighed_window(check, text[lo : at + _WEIGHED_AFTER], at - lo, given)


@functools.lru_cache(maxsize=4096)
def _weighed_window(check: Callable[..., bool], window: str, at: int, given: tuple) -> bool:
    """`check`(window, at, **given), remembered (`_weighed`)."""
    return check(window, at, **dict(given))


def _hides_before(text: str, start: int, th: Thresholds = THRESHOLDS) -> bool:
    """Whether a quote's opening ellipsis before its first span, starting at character `start`,
    would hide a negation (`_opening_run`): the aligner's preference (crawler/align.py `align`'s
    `hides_before`), as `_hides_after` is for a closing one."""
    return _opening_run(text, start, th) is not None
