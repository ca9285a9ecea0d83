"""The verdict itself (`judge`): the quote aligned (crawler/align.py) with edges.py's preferences,
what its closing stop or a silent cut leaves out added (silent_cut.py), what a closing or an
opening ellipsis hides (gaps.py), each change classified (changes.py, numbers.py, unspaced.py,
french_ne.py), then the verdict named and its reason written: altered, with what changed and what
an ellipsis hides; elided, verbatim or minor, with the changes the diff shows (at most
REASON_CHANGES) and the quote's other copies in the text (`_found_times`); or a translation or
not-in-source (translation.py).  The top of the package's layers: no module imports it but
crawler/verdicts/__init__.py.
"""

from __future__ import annotations

import functools

from crawler.align import (Alignment, Change, Token, align, closes_sentence, ends_at_ellipsis, joined, regrouped,
                           starts_at_ellipsis, tokenize, with_closing_gap, with_left_out, with_opening_gap, written,
                           written_on)
from crawler.verdicts.changes import _same_representation, classify_change, describe_change
from crawler.verdicts.edges import _end_weighed, _hides, _hides_before, _weighed
from crawler.verdicts.french_ne import _idle_ne
from crawler.verdicts.gaps import _CLOSING_CHARS, _closing_gap, _extent, _hidden_at_ellipses, _opening_gap, _repeats
from crawler.verdicts.negations import _negation_prefix
from crawler.verdicts.numbers import _per_cent_past_span, _unit_changes
from crawler.verdicts.silent_cut import _cut_before_negation, _dropped_before_stop, _negation_closing_clause
from crawler.verdicts.thresholds import THRESHOLDS, Thresholds, Verdict
from crawler.verdicts.translation import _flagged_translation, _other_language
from crawler.verdicts.unspaced import _glued_mark, _whole_words
from crawler.verdicts.words import word_kinds


def judge(quote: str, text: str, flags=(), th: Thresholds = THRESHOLDS, aligner=align) -> Verdict:
    """The verdict on `quote` against `text`; `flags` are the citation's (e.g.
    "unofficial-translation").  `aligner` is replaceable for the benchmark's baseline.

    A translation is only considered when the words do not match (altered or not
    found): a verbatim match in a flagged citation is still verbatim.
    """
    return _judged(quote, text, flags, th, aligner, copies=True)


def _judged(quote: str, text: str, flags, th: Thresholds, aligner, copies: bool) -> Verdict:
    """`judge`; `copies`: whether the reason counts the quote's other copies in the text
    (`_found_times`, which judges each near copy with this, `copies` False)."""
    quote_tokens = tokenize(quote)
    alignment = aligner(quote, text, hides=functools.partial(_hides, text, th=th),
                        hides_after=_end_weighed(quote_tokens, text, th),
                        hides_before=_weighed(_hides_before, text, th=th))
    if not alignment.found or alignment.score < th.found:
        reason = f"best match scores {alignment.score:.0f} (< {th.found:.0f}): the quote is not in this text"
        return (_other_language(quote, text, alignment, th) or _flagged_translation(flags, alignment)
                or Verdict("not-in-source", alignment.score, reason, alignment))
    held = alignment.matched
    dropped = (_dropped_before_stop(alignment, text, quote, th)
               or _cut_before_negation(alignment, text, quote_tokens))
    if dropped:
        alignment = with_left_out(alignment, dropped, text)
    else:
        signed = _per_cent_past_span(alignment, text, quote)
        if signed:  # and a negation right after them, as after the sign (`_cut_before_negation`)
            negation = None if ends_at_ellipsis(quote_tokens) else _negation_closing_clause(text, signed[-1].end)
            alignment = with_left_out(alignment, signed + ([negation] if negation else []), text)
    closing = _closing_gap(alignment, text, quote_tokens, th)
    if closing is not None:  # read as the ellipses inside the quote are (`_hidden_at_ellipses`)
        alignment = with_closing_gap(alignment, text, closing)
    opening = _opening_gap(alignment, text, quote_tokens, th)
    if opening is not None:
        alignment = with_opening_gap(alignment, text, opening)
    if any(t.unspaced for c in alignment.changes for t in c.old + c.new):  # else `_whole_words` takes in nothing
        alignment = regrouped(alignment, _whole_words)
    classified = [("minor" if _glued_mark(c, text, quote) or _idle_ne(c, text, quote) else classify_change(c, th), c)
                  for c in alignment.changes]
    altered = [describe_change(c, text, quote) for kind, c in classified if kind == "altered"]
    units = _unit_changes(alignment, text, quote)
    altered += [describe_change(c, text, quote) for c, cut in units if not cut]
    cut_units = [c for c, cut in units if cut]
    minor = [describe_change(c, text, quote) for kind, c in classified if kind == "minor"]
    hidden = _hidden_at_ellipses(alignment, text, th)
    # "binding resolution" for "a non-binding resolution": the opening gap stands where no ellipsis does
    opens_inside = hidden[:1] if opening is not None and not starts_at_ellipsis(quote_tokens) else []
    hidden = hidden[len(opens_inside):]
    claims = (altered + [describe_change(c, text, quote) for c in cut_units]
              + [describe_change(Change(meant, []), text, quote) for _tokens, meant in opens_inside]
              + [_left_out_change(tokens, meant) for tokens, meant in hidden])
    changed = altered or hidden or cut_units or opens_inside
    found_as = None if changed else _found_as(alignment)
    times = _found_times(alignment, quote, quote_tokens, text, found_as, flags, th, aligner) if copies else ""
    if changed:  # a misplaced segment is named here: placed after the one before it, it differs
        parts = [_misplaced_words(alignment, index, start, end) for index, start, end in alignment.misplaced]
        if altered:
            listed = _listed([(c["source"], c["quote"]) for c in altered])
            if dropped:
                ends = "ends its sentence" if closes_sentence(quote_tokens) else "ends"
                listed += f" (the quote {ends} before the source's “{joined(dropped)}”)"
            parts.append(f"words changed: {listed}")
        for _tokens, meant in opens_inside:  # no ellipsis stands there
            word = next(s for s in alignment.segments if s.span).span[0]
            parts.append(f"“{joined(meant)}” left out where the quote opens, inside the source's "
                         f"“{text[opening:word.end]}”")
        parts += [f"{', '.join(f'“{words}”' for words in _as_written(tokens, meant))} left out at an ellipsis"
                  for tokens, meant in hidden]
        parts += [f"“{c.old_words[len(c.new_words):]}” left out at an ellipsis after {c.new_words}"
                  for c in cut_units]
        others = [c for kind, c in classified if kind != "altered"]
        if others:  # the diff shows them too: a reason that leaves them out disagrees with it
            parts.append("written differently: " + _listed([(c.old_words, c.new_words) for c in others]))
        altered = claims
        return (_other_language(quote, text, alignment, th, held) or _flagged_translation(flags, alignment, altered)
                or Verdict("altered", alignment.score, "; ".join(parts), alignment, altered))
    exact = all(_same_representation(s) for s in alignment.segments)
    if alignment.gaps:
        words, ellipses = alignment.elided_words, len(alignment.gaps)
        reason = (f"{len(alignment.segments)} segments found in order, {words} source word{'s' if words != 1 else ''}"
                  f" left out at {'an ellipsis' if ellipses == 1 else f'{ellipses} ellipses'}")
        if not exact:
            reason += "; minor differences in punctuation, case or spelling" + _shown(alignment)
        return Verdict("elided", alignment.score, reason + _also(times), alignment, minor)
    if exact:
        reason = "same words after normalisation" + _shown(alignment)
        return Verdict("verbatim", alignment.score, reason + _also(times), alignment)
    reason = "same words; differences only in punctuation, case, quote style or spelling" + _shown(alignment)
    return Verdict("minor", alignment.score, reason + _also(times), alignment, minor)


# How well a place holds the quote, best first (`_found_times`): a copy counts where it holds it
# no worse than the place taken.
_HOLDS = ("verbatim", "minor", "elided")


def _found_as(alignment: Alignment) -> str:
    """The verdict of a place with no altered change (`_judged`): elided, verbatim or minor."""
    if alignment.gaps:
        return "elided"
    return "verbatim" if all(_same_representation(s) for s in alignment.segments) else "minor"


def _found_times(alignment: Alignment, quote: str, quote_tokens: list[Token], text: str, found_as: str | None,
                 flags, th: Thresholds, aligner) -> str:
    """What a reason says of the quote's other copies in the text: "the text holds the quote 3
    times, judged where it matches best"; "" for one, and for a quote altered where it matches
    best (`found_as` None: the text does not hold it; the passage's copies say nothing of it).
    The verdict is the best place's, as before: this only tells a reader there are others.  A
    copy is a place that holds the quote as well as the place taken (`found_as`): the same
    words again (`_repeats`: a headline right above the lead that repeats it, a copy in
    capitals, any number of them), unless the quote's opening ellipsis would hide a negation
    there, or its end, an ellipsis or a silent cut after an auxiliary, stops before one
    (`_hides_before`, `_end_weighed`: "We will …" and "We will" hold "We will support" but not
    "We will never accept", `_cut_before_negation`), or its start, with no ellipsis, opens inside
    a word a negation prefixes ("binding resolution" in "a non-binding resolution":
    `_negation_prefix`); or another place the aligner found
    (`Alignment.elsewhere`) that scores `found_again` or more and is judged there no worse
    (`_same_claim`): not a copy whose negation or number differs ("will always accept" for
    "will never accept")."""
    taken = _extent(alignment)
    if taken is None or found_as is None:
        return ""
    opening = (_weighed(_hides_before, text, th=th) if starts_at_ellipsis(quote_tokens)
               else lambda at: _negation_prefix(text, at) is not None)  # "binding" inside "non-binding": no copy
    closing = _end_weighed(quote_tokens, text, th)
    # the place taken too: "binding resolution" is taken inside "a non-binding resolution" when a
    # "binding resolution" after it holds the quote (`_opening_gap`), which is then its one copy
    places = [(i, j) for i, j in [taken, *_repeats(text, *taken)] if not (opening(i) or closing and closing(j))]
    near = [(start, end) for start, end, score in alignment.elsewhere
            if score >= th.found_again and not (opening(start) or closing and closing(end))]
    for start, end in near:
        if all(end <= lo or start >= hi for lo, hi in places) and _same_claim(
                quote, text, (start, end), places + near, found_as, flags, th, aligner):
            places.append((start, end))
    return f"the text holds the quote {len(places)} times, judged where it matches best" if len(places) > 1 else ""


def _same_claim(quote: str, text: str, place: tuple[int, int], known: list[tuple[int, int]], found_as: str,
                flags, th: Thresholds, aligner) -> bool:
    """Whether the quote judged at another `place` in `text` holds it as well as the place
    taken, judged `found_as` (`_HOLDS`): no worse a verdict, so no negation or number changed
    there, and no ellipsis there that crosses a clause or hides a word carrying meaning (`_hides`:
    pieces of two paragraphs are no copy).  Judged in the stretch around it, up to
    `_CLOSING_CHARS` characters either side and not into another `known` place, so that an
    ellipsis at its edge reads what it hides there."""
    start, end = place
    lo = max([max(0, start - _CLOSING_CHARS)] + [e for s, e in known if e <= start])
    hi = min([min(len(text), end + _CLOSING_CHARS)] + [s for s, e in known if s >= end])
    stretch = text[lo:hi]
    verdict = _judged(quote, stretch, flags, th, aligner, copies=False)
    if verdict.verdict not in _HOLDS[: _HOLDS.index(found_as) + 1]:
        return False
    return not any(_hides(stretch, s, e, th) for s, e, _words in verdict.alignment.gaps)


def _also(times: str) -> str:
    """`_found_times` as the end of a reason: "; the text holds the quote 2 times …", "" for once."""
    return f"; {times}" if times else ""


REASON_CHANGES = 3  # a verbatim, minor or elided reason lists this many of its diff's changes, then "and N more"


def _listed(pairs: list[tuple[str, str]], most: int | None = None) -> str:
    """Changes as a reason lists them, each side as written ("per cent → %", "∅" for nothing),
    the first `most` of them (all when None) and how many more."""
    shown = "; ".join(f"{old or '∅'} → {new or '∅'}" for old, new in pairs[:most])
    more = len(pairs) - len(pairs[:most])
    return shown + (f" and {more} more" if more else "")


def _shown(alignment: Alignment) -> str:
    """What a verbatim, minor or elided reason adds: the changes its diff shows (": does not →
    doesn't; 5,000 → 5000"), at most REASON_CHANGES of them, so that the reason names what a
    reader sees deleted and inserted; "" when the diff shows none (case or punctuation only)."""
    changes = alignment.changes
    return ": " + _listed([(c.old_words, c.new_words) for c in changes], REASON_CHANGES) if changes else ""


def _as_written(tokens: list[Token], meant: list[Token]) -> list[str]:
    """The hidden words `meant` (words of `tokens`, an ellipsis's gap) as the diff shows them: a
    run of them next to each other written as one ("1,5", "5 000", not "1", "5"), and a letter
    of a script without spaces with the rest of its run in the gap (没有, not 没)."""
    words = [t for t in tokens if t.kind == "word"]
    index = {id(t): i for i, t in enumerate(words)}
    taken = set()
    for token in meant:
        i = index[id(token)]
        lo = hi = i
        while lo > 0 and written_on(words[lo - 1], words[lo]):
            lo -= 1
        while hi + 1 < len(words) and written_on(words[hi], words[hi + 1]):
            hi += 1
        taken.update(range(lo, hi + 1))
    runs: list[list[Token]] = []
    for i in sorted(taken):
        if runs and index[id(runs[-1][-1])] == i - 1:
            runs[-1].append(words[i])
        else:
            runs.append([words[i]])
    return [written(tokens, run) for run in runs]


def _left_out_change(tokens: list[Token], meant: list[Token]) -> dict:
    """Words an ellipsis hides (`_hidden_at_ellipses`; `tokens`: all it leaves out) as a
    change of the evidence: the source's words as written, the quote's ellipsis, what kinds
    of word they are (a negation of a script without spaces is letters, no word's kind)."""
    kinds = {k for t in meant for k in word_kinds(t) if k in ("negation", "modal", "number")} or {"negation"}
    source = written(tokens, [t for t in tokens if t.kind == "word"])
    return {"source": source, "quote": "…", "kinds": sorted(kinds) + ["elided"]}


def _misplaced_words(alignment: Alignment, index: int, start: int, end: int) -> str:
    """Says where a segment found out of the quote's order is (`Alignment.misplaced`)."""
    words = [t for t in alignment.segments[index].quote if t.kind == "word"]
    shown = joined(words[:6]) + (" …" if len(words) > 6 else "")
    return (f"segment {index + 1} (“{shown}”) is found before segment {index}, at characters {start}–{end}:"
            " the quote's segments are out of the source's order")
