"""The numbers the verdicts depend on (`Thresholds`, `THRESHOLDS`), the verdicts' names (`VERDICTS`,
`FOUND_VERDICTS`) and a judgment's result with its evidence (`Verdict`): what the other modules of
crawler/verdicts/ read, this one reading none of theirs.  What each verdict means is the package's
docstring (crawler/verdicts/__init__.py).

Thresholds (`THRESHOLDS`) are justified by tests/data/labelled/ (`python
bench/reconcile.py` prints the score range of each verdict; BENCHMARKS.md, section
Reconcile): `found` = 45 lies in the gap between the highest-scoring absent quote or
loose paraphrase (23) and the lowest-scoring altered quote (58, two ellipsis segments
in the wrong order).

The misattribution hint's numbers (`misattribution_*`) are justified in
crawler/verdicts/misattribution.py, where the hint is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.align import Alignment

VERDICTS = ("verbatim", "minor", "elided", "altered", "translation", "not-in-source", "unverifiable")
FOUND_VERDICTS = ("verbatim", "minor", "elided", "altered")  # the quote is in the text


@dataclass(frozen=True)
class Thresholds:
    """Every number the verdicts depend on (see the module docstring for why)."""

    found: float = 45.0  # alignment score below which the quote is not in the text
    spelling_min_length: int = 4  # shortest word whose one-letter change may be minor
    language_min_words: int = 6  # fewer words than this: no language guess
    language_sample: int = 20_000  # characters of a text given to the language guess
    sentence_language_min_words: int = 3  # the same, for the sentence a word two languages share stands in
    #                                       (negations.py `_ordinary_word`: its own letters and words decide too)
    misattribution_candidates: int = 20  # texts taken from full-text search for alignment
    misattribution_min_words: int = 6  # fewer quote words in another text: no hint it is from there
    misattribution_altered_share: float = 0.85  # an altered match elsewhere holding less of the quote is no hint
    misattribution_altered_words: int = 10  # an altered match elsewhere holding fewer quote words is no hint
    misattribution_name_similarity: float = 75.0  # a quote's name replaced by a less alike word: another name
    stop_words: int = 3  # at most this many words a quote's closing stop may leave out, to be read for meaning
    stop_letters: int = 4  # the same, in letters of a script written without spaces
    ellipsis_words: int = 6  # at most this many words an ellipsis leaves out inside a clause, to be read for meaning
    ellipsis_letters: int = 10  # the same, in letters of a script written without spaces (a word is one to a few)
    found_again: float = 75.0  # another place whose every segment scores this much: "holds the quote 2 times" (a copy
    #                           with one word in eight changed scores 88, a heading repeating two of its words about 45)


THRESHOLDS = Thresholds()


@dataclass
class Verdict:
    """One quote against one text: the verdict and the evidence behind it."""

    verdict: str
    score: float
    reason: str
    alignment: Alignment | None = None
    changes: list[dict] = field(default_factory=list)  # [{"source", "quote", "kinds"}]
    languages: dict | None = None  # {"quote": "en", "text": "fr"}
