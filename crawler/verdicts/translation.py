"""Which language a quote and a text are in (`language`: py3langid; `written_language`: Chinese and
Japanese told apart by their script, EITHER_HAN for ideographs too few to tell), and the
translation verdict: a text in another language than the quote, unless the words found are in the
quote's (`_other_language`), or a citation flagged "unofficial translation" whose words do not
match (`_flagged_translation`).  judgment.py asks it only when the words do not match (altered or
not found); crawler/ingest/rows.py names a document's language with `language` too.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

import db as database
from crawler.align import UNSPACED_SPANS, Alignment
from crawler.verdicts.thresholds import THRESHOLDS, Thresholds, Verdict


@functools.cache
def _identifier():
    import py3langid

    return py3langid


_SPACED_RUN = re.compile(r"\S+")  # what str.split() cuts a text into


def language(text: str, th: Thresholds = THRESHOLDS) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None when too short to tell.
    A letter of a script written without spaces counts as a word: a Chinese sentence
    holds no space to count its words by.  Read in its NFKC form, width forms as the letters
    they stand for: py3langid takes English typed in fullwidth letters (ＴＨＥ ＨＥＡＬＴＨ) for
    Chinese, and a quote so typed was a translation of the English page it is in."""
    sample = unicodedata.normalize("NFKC", text[: th.language_sample])
    spaced = (m for m in _SPACED_RUN.finditer(sample) if any(c.isalpha() for c in m[0]))
    words = sum(1 for _ in itertools.islice(spaced, th.language_min_words))  # enough words counted: stop
    if words < th.language_min_words and not sample.isascii():
        words += len(database.UNSPACED.findall(sample))
    if words < th.language_min_words:
        return None
    return _identifier().classify(sample)[0]


# Chinese and Japanese share their ideographs, and py3langid's code alone does not tell them
# apart: it takes a Japanese line of kanji alone for Chinese (外務報道官談話: yue), and a short
# Chinese quote for Wu (中方对此表示极度关切，敦促美方恪守一个中国原则: wuu, one in ten of 12 to 20
# letters).  The script does: a text with kana (hiragana, katakana) is Japanese, for Japanese
# prose is never without its particles and endings (は, を, ない); a text of ideographs alone
# is Chinese (zh, yue and wuu one language here) when it holds more than KANJI_ALONE of them,
# and either when it holds fewer (a heading, a name): EITHER_HAN, one language with both.
# So a Japanese translation of a Chinese page (and back) is a translation, and a quote
# between a Chinese page and a Chinese line py3langid calls Wu is judged word by word.
_HAN = frozenset({"zh", "yue", "wuu", "ja"})
_CHINESE = frozenset({"zh", "yue", "wuu"})
EITHER_HAN = "zh/ja"  # ideographs alone, too few to tell Chinese from Japanese kanji
KANJI_ALONE = 15  # ideographs a text without kana may hold and still be Japanese
_KANA = re.compile("[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d]")  # not ・
# The Han ranges of UNSPACED_RANGES (db/migrations.py), the one list of those scripts: a range
# is Han when its first letter is a CJK ideograph (unified, extension or compatibility).
_IDEOGRAPH = re.compile("[" + "".join(f"{lo}-{hi}" for lo, hi in UNSPACED_SPANS
                                      if unicodedata.name(lo, "").startswith("CJK ")) + "]")


def written_language(text: str, th: Thresholds = THRESHOLDS) -> str | None:
    """`language`, with Chinese and Japanese told apart by their script (see above).  Only the
    text's first `language_sample` characters are read, and those of a text already asked about
    are answered from a cache: a stage judges many quotes against one text, and py3langid
    over 20,000 characters cost more than the alignment of a quote that is not found."""
    return _sample_language(text[: th.language_sample], th)


@functools.lru_cache(maxsize=64)
def _sample_language(sample: str, th: Thresholds) -> str | None:
    """`written_language` of a sample (at most `language_sample` characters: the cache's keys
    stay small)."""
    code = language(sample, th)
    if code not in _HAN:
        return code
    if _KANA.search(sample):
        return "ja"
    if len(_IDEOGRAPH.findall(sample)) > KANJI_ALONE:
        return "zh" if code == "ja" else code
    return EITHER_HAN


def _one_language(a: str | None, b: str | None) -> bool:
    """Whether the codes `a` and `b` of `written_language` name one language here: the
    same code, two of Chinese's, or kanji alone (EITHER_HAN) with Chinese or Japanese."""
    pair = {a, b}
    return a == b or pair <= _CHINESE or EITHER_HAN in pair and pair <= _HAN | {EITHER_HAN}


def _other_language(quote: str, text: str, alignment: Alignment, th: Thresholds, held: str | None = None,
                    ) -> Verdict | None:
    """A translation verdict when py3langid names two different languages, else None.
    Not when the words the alignment found are in the quote's language: a Chinese
    statement inside an English transcript, quoted with a word changed, is altered.  Those
    words are `held`, when given: the text's words the quote holds, before the source's words a
    silent cut leaves out were added to the span (`_cut_before_negation`): "Rozmowa z Ursulą von
    der Leyen" for "… von der Leyen nie przyniosła rezultatu." was read with its Polish
    "nie przyniosła rezultatu", and the quote, which py3langid calls German, a translation."""
    languages = {"quote": written_language(quote, th), "text": written_language(text, th)}
    if None in languages.values() or _one_language(languages["quote"], languages["text"]):
        return None
    found = alignment.matched if held is None else held
    if alignment.found and _one_language(written_language(found, th), languages["quote"]):
        return None  # the words found are in the quote's language: a passage of a page in another one
    reason = f"the text is in {languages['text']}, the quote in {languages['quote']}: a translation, not compared word by word"
    return Verdict("translation", alignment.score, reason, alignment, languages=languages)


def _flagged_translation(flags, alignment: Alignment, changes: list[dict] | None = None) -> Verdict | None:
    """A translation verdict when the citation says "unofficial translation", else None."""
    if "unofficial-translation" not in flags:
        return None
    reason = "the citation says unofficial translation and the words differ: not compared word by word"
    return Verdict("translation", alignment.score, reason, alignment, changes or [])
