"""Minor differences and changes as evidence: whether a change of the alignment (crawler/align.py
`Change`) is only a spelling, a contraction, a glued footnote mark or "per cent" for "%"
(`classify_change`: minor, else altered); whether a segment differs from its span only in
representation (`_same_representation`: verbatim); and a change as the evidence shows it, with the
kinds of word it touches (`describe_change`; `_negation` names a negation only where one side
denies and the other does not).  A number in another unit is numbers.py's, a "ne" that denies
nothing french_ne.py's (`_idle_ne`), a mark glued to a letter of a script without spaces
unspaced.py's (`_glued_mark`): judgment.py reads them all.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from crawler.align import PER_CENT, Change, Segment, Token, expand_contractions, is_split_artefact
from crawler.verdicts.negations import _negates
from crawler.verdicts.thresholds import THRESHOLDS, Thresholds
from crawler.verdicts.unspaced import _shared_edges
from crawler.verdicts.words import word_kinds

_SPELLING = ((r"isation", "ization"), (r"ise", "ize"), (r"yse", "yze"), (r"our", "or"), (r"tre\b", "ter"),
             (r"ll", "l"), (r"ogue\b", "og"), (r"ence\b", "ense"))


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _spelling_variant(a: str, b: str) -> bool:
    """British vs American spelling ("recognise"/"recognize", "favour"/"favor")."""
    for pattern, repl in _SPELLING:
        a, b = re.sub(pattern, repl, a), re.sub(pattern, repl, b)
    return a == b


def _minor_pair(old: Token, new: Token, th: Thresholds) -> bool:
    """Whether one source word and one quote word differ only in spelling."""
    if old.key == new.key:
        return True
    if old.unspaced or new.unspaced:  # a changed letter is a changed word: ไม่/ไม้, が/か differ in a mark
        return False
    a, b = old.key, new.key
    kinds = set(word_kinds(old)) | set(word_kinds(new))
    if kinds - {"name"}:  # negation, number, modal: any change counts ("four"/"for")
        return False
    if _strip_accents(a) == _strip_accents(b) or _spelling_variant(a, b):
        return True  # "Stéphane"/"Stephane", "Organisation"/"Organization"
    if kinds:  # a name with any other difference ("Karabah")
        return False
    return min(len(a), len(b)) >= th.spelling_min_length and Levenshtein.distance(a, b) <= 1


_GLUED_MARKER = re.compile(r"^(\D+?)\d{1,2}$")


def _footnote_marker(old: list[str], new: list[str]) -> bool:
    """"declaration1" for "declaration": a footnote mark glued to the last letter
    (PDF text keeps the superscript as a plain digit), on either side."""
    if len(old) != 1 or len(new) != 1:
        return False
    for marked, plain in ((old[0], new[0]), (new[0], old[0])):
        m = _GLUED_MARKER.match(marked)
        if m and m.group(1) == plain:
            return True
    return False


def _per_cent_for_sign(change: Change) -> bool:
    """Whether one side of the change is the words for "%" (crawler/align.py PER_CENT) where the
    other writes the sign and no word: "5 %" for "5 per cent", and back (the fullwidth ％ too: a
    width form, as in `language`).  The number beside them is compared on its own: "5 %" for "50
    per cent" is a changed number."""
    sides = ((change.old, change.new, change.new_text), (change.new, change.old, change.old_text))
    return any(not other and tuple(t.key for t in words) in PER_CENT
               and unicodedata.normalize("NFKC", sign or "").strip() == "%" for words, other, sign in sides)


def classify_change(change: Change, th: Thresholds = THRESHOLDS) -> str:
    """'artefact' (where words are cut), 'minor' (spelling, contraction, a glued
    footnote mark, "per cent" for "%") or 'altered'."""
    old = [t.key for t in change.old]
    new = [t.key for t in change.new]
    if is_split_artefact(old, new):
        return "artefact"
    if old and new and expand_contractions(old) == expand_contractions(new) or _footnote_marker(old, new):
        return "minor"
    if _per_cent_for_sign(change):
        return "minor"
    if old and len(old) == len(new) and all(_minor_pair(o, n, th) for o, n in zip(change.old, change.new)):
        return "minor"
    return "altered"


def _negation(change: Change, text: str, quote: str) -> set[str]:
    """{"negation"} when one side of the change negates and the other does not: the meaning
    flips ("not" added or dropped, ます → ません, ไม่ → ไม้).  Not when both sides do, though a
    negation's word changed (isn't → wasn't, not → never, ない → なかった, 不 → 没有): the
    statement still denies; nor for letters of a negation that both sides share, which
    `_whole_words` took in to show whole words (不断 → 不停: nonstop both, the 不 kept).  The
    change is still altered; this only names what it does."""
    lead, tail = _shared_edges(change)
    negates = {_negates(side, range(lead, len(side) - tail), written)
               for side, written in ((change.old, text), (change.new, quote))}
    return {"negation"} if len(negates) == 2 else set()


def describe_change(change: Change, text: str, quote: str) -> dict:
    """A change as evidence: the source's words, the quote's, and what kinds they are (the
    `text` and the `quote` it is of tell a word written apart)."""
    kinds = sorted({k for t in change.old + change.new for k in word_kinds(t) if k != "negation"}
                   | _negation(change, text, quote))
    if not change.old:
        kinds.append("added")
    elif not change.new:
        kinds.append("removed")
    else:
        kinds.append("replaced")
    return {"source": change.old_words, "quote": change.new_words, "kinds": kinds}


def _forms(tokens: list[Token]) -> str:
    """Words and punctuation, case kept, hyphens and spacing dropped, outer punctuation
    trimmed, and the first letter lower-cased (a quote may start with a capital where
    it starts mid-sentence: typography, not a change)."""
    forms = [t.form for t in tokens if t.form != "-"]
    while forms and not forms[0][:1].isalnum():
        forms.pop(0)
    while forms and not forms[-1][:1].isalnum():
        forms.pop()
    joined = "".join(forms)
    return joined[:1].lower() + joined[1:]


def _same_representation(segment: Segment) -> bool:
    """True when the segment and its span differ only in representation (verbatim)."""
    return _forms(segment.quote) == _forms(segment.span)
