"""Whether a text other than the cited one holds the quote firmly enough for the stage to name it as
where the words may come from (`names_the_quote_elsewhere`, crawler/reconcile.py's misattribution
hint), read from the alignment of the verdict judgment.py gave there: how many of the quote's words
it holds (changes.py `classify_change`) and whether it puts another name in their place.

Another text than the cited one "holds the quote" (the stage's misattribution hint,
`names_the_quote_elsewhere`) on stricter terms than `found`: an altered match with a
few words in common is no evidence that the words came from there (diplomatic
statements share their formulas: "does not recognise the so-called elections").
At least `misattribution_min_words` (6) of the quote's words (letters, in a script
written without spaces) must be in the text,
whatever the verdict; an altered match must also hold `misattribution_altered_words`
(10) of them and `misattribution_altered_share` (0.85) of all of them (the same word
or a minor variant, in order: at most about one word in seven changed or missing; the
demo's unrelated statements that share a phrase hold 0.46-0.63 of its quotes, a
labelled quote with a sentence silently cut holds all of its words though it scores
80, as the Dice score counts the source's words the quote leaves out),
and not put another name where the text has one: "Marsovia does not recognise …"
against "Osterlich does not recognise …" is another speaker's statement, not this
quote.  A renaming is a capitalised quote word that replaces a capitalised source word
in the same place of its sentence: inside a sentence both are names ("Republic of
Latvia" for "Republic of Estonia"); opening one, both are the sentence's subject
("Marsovia does …" for "Osterlich does …"; the price: "Moreover," for "Furthermore,"
counts too).  Not a renaming, so an altered match still gives the hint: a word added
where the text has nothing ("The European Union (EU) recalls", "to the Minsk Group
Co-Chairs" for "to its Co-Chairs", where no source name is replaced), a capital that
only opens a sentence facing a name inside one, or the reverse ("European Union" where
the text's next sentence opens with "The"), and the source words the alignment looks
at beyond the quote's edge across a full stop ("Furthermore, Ukraine once again …"
against "… of Azerbaijan. Ukraine once again …": "Azerbaijan" ends the sentence
before, the quote's "Furthermore" replaces nothing).  A misspelt name is still the
name: a quote's name is kept when a replaced source word is
`misattribution_name_similarity` (75) alike (rapidfuzz ratio; the labelled
misspellings "Kharabkh", "Karabah" score 87-93 against "Karabakh", other names such as
"Estonia"/"Latvia" or "May"/"March" at most 50).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from crawler.align import SENTENCE_STOPS, Alignment, Change, Segment, Token
from crawler.verdicts.changes import classify_change
from crawler.verdicts.clauses import _opens_sentence
from crawler.verdicts.thresholds import FOUND_VERDICTS, THRESHOLDS, Thresholds, Verdict
from crawler.verdicts.unspaced import _shared_edges
from crawler.verdicts.words import word_kinds


def _quote_words_held(alignment: Alignment, th: Thresholds) -> tuple[int, int, bool]:
    """How many of the quote's words the matched span holds (the same word or a minor
    variant of it), out of how many, and whether the quote puts another name where
    the span has one."""
    held = total = 0
    renamed = False
    for segment in alignment.segments:
        for index, (tag, old, new) in enumerate(segment.ops):
            total += len(new)
            if tag == "equal" or classify_change(Change(old, new), th) != "altered":
                held += len(new)
            else:
                held += sum(_shared_edges(Change(old, new)))  # letters `_whole_words` took in: held
                replaced = _replaced(segment, index)
                renamed = renamed or any(_renamed(t, segment.quote, replaced, segment.span, th) for t in new)
    return held, total, renamed


def _replaced(segment: Segment, index: int) -> list[Token]:
    """The source words that change `index` of the segment really replaces: at the
    span's edges, the alignment also looks at words beyond the quote's first or last
    one, and those across a full stop belong to the sentence before or after, not to
    the quote ("… of Azerbaijan. Ukraine once again" for "Furthermore, Ukraine once
    again")."""
    old = segment.ops[index][1]
    if index == 0:
        old = _same_sentence(old, segment.span)
    if index == len(segment.ops) - 1:
        old = _same_sentence(old[::-1], segment.span[::-1])[::-1]
    return old


def _same_sentence(edge: list[Token], tokens: list[Token]) -> list[Token]:
    """The words of `edge` (the first words of `tokens`) with no full stop between
    them and the next word of `tokens`."""
    kept: list[Token] = []
    for token in tokens:
        if token.key in SENTENCE_STOPS:
            kept = []
        elif any(token is w for w in edge):
            kept.append(token)
        elif token.kind == "word":
            break
    return kept


# Words that open a sentence in capitals without naming anyone: "We reaffirm…" compiled as
# "Canada reaffirms…" puts a name where the text had none.
_NO_NAMES = frozenset("i we you he she it they this that these those the a an our its their his her my your "
                      "there here".split())


def _capital(word: Token, tokens: list[Token]) -> str | None:
    """Where a capitalised word stands in its sentence: "opening" or "inside" (a
    name); None for a word in lower case, or a pronoun or article opening a sentence."""
    if "name" not in word_kinds(word):
        return None
    if _opens_sentence(word, tokens):
        return None if word.key in _NO_NAMES else "opening"
    return "inside"


def _renamed(word: Token, quote: list[Token], replaced: list[Token], span: list[Token], th: Thresholds) -> bool:
    """Whether a quote word puts another name where the text has one: it replaces a
    capitalised source word in the same place of its sentence (see the module
    docstring) and is not a misspelling of any word it replaces.  A word added where
    the text has nothing is an addition, not a renaming."""
    place = _capital(word, quote)
    return (place is not None and any(_capital(o, span) == place for o in replaced)
            and not any(fuzz.ratio(word.key, o.key) >= th.misattribution_name_similarity for o in replaced))


def names_the_quote_elsewhere(verdict: Verdict, th: Thresholds = THRESHOLDS) -> bool:
    """Whether a text other than the cited one holds the quote firmly enough for the
    stage to name it as where the words may come from (see the module docstring):
    a few common words, or a formula under another speaker's name, do not count."""
    if verdict.verdict not in FOUND_VERDICTS or verdict.alignment is None:
        return False
    held, total, renamed = _quote_words_held(verdict.alignment, th)
    if held < th.misattribution_min_words:
        return False
    if verdict.verdict != "altered":
        return True
    return (held >= th.misattribution_altered_words and held >= th.misattribution_altered_share * total
            and not renamed)
