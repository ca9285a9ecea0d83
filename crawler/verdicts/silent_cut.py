"""A quote that ends where the source goes on to deny it: its closing stop leaves out a negation or a
number ("The Ministry does." for "… does not.": `_dropped_before_stop`), or it ends with no
ellipsis right before the negation of its last word, an auxiliary, a modal or a copula ("Russia
did" for "Russia did not comply", "La France n'a" for "n'a pas reconnu": `_cut_before_negation`,
`_negation_after_auxiliary`; a German clause's in german.py).  The negation is then a change the
quote made, and the quote altered (judgment.py); `_cuts_before_negation` asks the same at each
place the aligner weighs (edges.py).
"""

from __future__ import annotations

import re

from crawler.align import PER_CENT, Alignment, Change, Token, ends_at_ellipsis, left_before_stop, tokenize
from crawler.verdicts.auxiliaries import _NEGATIONS_AFTER_VERB, _auxiliary
from crawler.verdicts.clauses import _BEFORE_GAP, _CLAUSE_MARK, _NEXT_WORD, _same_phrase, _words_after
from crawler.verdicts.dutch import _DUTCH_BEFORE_NEGATION, _closing_niet, _dutch_clause
from crawler.verdicts.french_ne import _CLITICS, _NE, _partner, _que
from crawler.verdicts.german import (_GERMAN_BEFORE_NEGATION, _GERMAN_CLOSING_NEGATIONS, _NICHT_PARTICLE, _OBJECT_CHARS,
                                     _SPACED_COORDINATOR, GermanClause, _quote_clause, _verb_final_negation)
from crawler.verdicts.modal_nouns import _auxiliary_look_alike
from crawler.verdicts.negations import _DO, _HYPHEN, _NOT_VERBLESS, _negates, _negating_word, _next_negation
from crawler.verdicts.thresholds import Thresholds
from crawler.verdicts.unspaced import _glued_mark
from crawler.verdicts.words import NEGATIONS, word_kinds


def _only_now(word: Token, after: list[Token]) -> bool:
    """Whether `word`, with the words `after` it, is the "plus" of "ne … plus que" (only now: "n'a
    plus que deux options", "n'est plus que l'ombre de lui-même"), which restricts, as "ne … que"
    does (`_restrictive_ne`), and denies nothing the quote ending before it holds."""
    return word.key == "plus" and bool(after) and _que(after[0])


def _dropped_before_stop(alignment: Alignment, text: str, quote: str, th: Thresholds) -> list[Token]:
    """The source's few words that the quote's closing stop leaves out (align.left_before_stop),
    when they hold a number or a negation: "The Ministry does." for "The Ministry does not.",
    "死亡人数为。" for "死亡人数为4。" say something else, as a number or a negation dropped
    mid-sentence does.  Other words left there (an adverb, a place: "…the attack in Shusha.")
    are a sentence cut short, as a clause after a comma is, and stay as they were judged: the
    words the quote holds are the source's.  Not a footnote mark glued after a letter of a
    script without spaces ("关切3。"), which is minor where it stands inside a quote."""
    left = left_before_stop(alignment, text, th.stop_words, th.stop_letters)
    if not left or _glued_mark(Change(left, []), text, quote):
        return []
    number = any("number" in word_kinds(t) for t in left)
    return left if number or _negates(left, range(len(left)), text) else []


def _cut_before_negation(alignment: Alignment, text: str, quote_tokens: list[Token]) -> list[Token]:
    """The source's negation right after the quote's last word, when the quote ends there with no
    ellipsis and that word is the verb it denies: an auxiliary, a modal or a copula
    (`_negation_after_auxiliary`: "Russia did" or "Russia did." for "We regret that Russia did
    not comply with the ruling", "The Ministry does" for "does not recognize", "La France n'a" for
    "La France n'a pas reconnu"), or the words for "%" where the source writes the sign and a
    negation right after it that ends its clause ("von 2 Prozent" for "von 2 % nicht.":
    `_quote_end`, `_negation_closing_clause`), or a German negation that closes the quote's own
    clause, at most a particle or a verb after it ("Die Bundesregierung erkennt die Wahlen" for
    "… erkennt die Wahlen nicht an.": `_verb_final_negation`).  Such a quote
    asserts what the source denies, as "Russia did …" does (`_closing_gap`); the negation is a
    change the quote made, as one its closing stop leaves out is (`_dropped_before_stop`).

    Any other quote that ends where its sentence goes on stays as judged ([]): one that ends on a
    subject, a noun, a participle or a whole clause ("The resolution was adopted" for "… adopted
    without a vote", "La France" for "La France n'a pas reconnu …", "We support Ukraine" for "…
    не только …") quotes what the source says up to there, a list item or a title too ("Never
    Again"); so does one that ends at a comma, a stop or a line's end, or before an additive "not
    only" (`_additive_not`), or at an ellipsis.  A line break that wraps the sentence, or an
    invisible character (soft hyphen, zero-width space), between the two is a space (`_same_phrase`).
    Returns the negation and the words shown with it ("no longer", "nicht an")."""
    if ends_at_ellipsis(quote_tokens):
        return []
    last, end = alignment.segments[-1] if alignment.segments else None, _quote_end(alignment)
    if end is None:
        return []
    if last.ops[-1][0] != "equal":  # the words for "%" facing the sign
        negation = _negation_closing_clause(text, end)
        return [negation] if negation is not None else []
    clause, dutch = _quote_clause(quote_tokens, text), _dutch_clause(quote_tokens)
    return (_negation_after_auxiliary(text, end) or (_verb_final_negation(text, end, clause) if clause else [])
            or (_closing_niet(text, end, dutch) if dutch else []))


# What may follow a negation that ends its clause (`_negation_closing_clause`): spaces on its
# line, a closing quote or bracket, then a stop, a comma, a semicolon, a line's end or the text's.
_CLAUSE_CLOSED = re.compile(r"[^\S\n\r\u2028\u2029]*[\"'\u2019\u201d\u00bb)\]]*(?:[.,;!?\n\r\u2028\u2029]|$)")


def _negation_closing_clause(text: str, end: int) -> Token | None:
    """The negation right after a share's unit that ends at character `end` (`_next_negation`),
    when nothing but a mark or a line's end follows it (`_CLAUSE_CLOSED`): German's "von 2 %
    nicht." denies the verb before the share, which a quote ending at the unit keeps.  One that
    words follow belongs to them, not to a verb the quote holds ("55 per cent no later than
    2030", "40 per cent not 60 per cent", "40 % n'est pas acceptable"): no cut, whichever way
    quote and source spell the unit."""
    negation = _next_negation(text, end)
    return negation if negation is not None and _CLAUSE_CLOSED.match(text, negation.end) else None


def _quote_end(alignment: Alignment) -> int | None:
    """Where the quote's last word ends in the text: its last span's end, or past the sign its
    words for "%" face there (crawler/align.py `Segment.after`, `_sign_for_last_words`: "2
    Prozent" for "2 % nicht", whose "nicht" the span leaves out); None when its last word is not
    the text's (a changed word there is listed already)."""
    last = alignment.segments[-1] if alignment.segments else None
    if last is None or not last.span:
        return None
    tag, old, new = last.ops[-1]
    if tag == "equal":
        return last.end
    if not old and last.after and tuple(t.key for t in new) in PER_CENT:
        return last.after[-1].end
    return None


# English "no" after an auxiliary or a copula denies it only before these: "is no longer", where
# "is no doubt", "is no less" and "there is no …" (a noun's determiner) are other readings.
_NO_AFTER = frozenset({"longer"})
# Phrases after a copula that deny nothing of it (`_negation_after_auxiliary`): "is no longer than
# ten pages" compares, "is neither here nor there" says it does not matter.
_NOT_DENYING_AFTER = (("no", "longer", "than"), ("neither", "here", "nor", "there"))
# French's partners, read as negations only with the "ne" before the auxiliary: "plus", "guère" and
# "point" are other words elsewhere ("plus grand", "point de départ"), so not in NEGATIONS.
_FRENCH_PARTNERS_AFTER = _NEGATIONS_AFTER_VERB["fr"] - NEGATIONS
_AFTER_VERB = frozenset().union(*_NEGATIONS_AFTER_VERB.values())


def _negation_after_auxiliary(text: str, end: int) -> list[Token]:
    """The negation right after the source's word that ends at character `end` (the quote's
    last), when that word is an auxiliary, a modal or a copula (`_auxiliary`) and the negation
    is its own (`_NEGATIONS_AFTER_VERB`, `_next_negation`): "did not", "will never", "is
    neither", "is no longer", "wird nicht"; French's "pas", "plus", "guère" after "n'a", "n'est",
    whose "ne" must stand before the auxiliary, its object pronouns between ("n'y a", "ne les
    avons": `_french_ne_before`), and deny (`_negating_word`: not the "ne" of "ne … que", only).
    The words shown: the negation, with "longer" after "no".  [] for any other: a noun or a name
    spelled like an auxiliary ("the needs not met", `_auxiliary_look_alike`), a "not" opening a
    phrase that denies no verb ("as it was not long ago", `_opens_verbless_phrase`), "is no
    doubt" (`_NO_AFTER`), "is no longer than", "is neither here nor there" (`_NOT_DENYING_AFTER`),
    "do no longer" (`_DO`: the "no longer" of the verb after it, "what we can do no longer
    depends")."""
    word = _NEXT_WORD.match(text, end)
    if word is None or word[1].lower().replace("\u2019", "'") not in _AFTER_VERB:
        return []
    negation = _next_negation(text, end, _FRENCH_PARTNERS_AFTER)
    if negation is None or negation.key == "not" and _opens_verbless_phrase(negation, text):
        return []
    if negation.key in _NEGATIONS_AFTER_VERB["nl"] and _HYPHEN.match(text, negation.end):
        return []  # "Het is niet-bindend": the prefix of a word, no verb's negation, as "non-binding" is
    shown = [negation]
    after = _words_after(text, negation.end, 1)
    if negation.key in _FRENCH_PARTNERS_AFTER and (not _partner([negation, *after], 0) or _only_now(negation, after)):
        return []  # "n'a plus tard": later, no partner; "n'a plus que deux options": only two
    if negation.key in ("no", "neither"):
        following = _words_after(text, negation.end, 3)
        phrase = (negation.key, *(t.key for t in following))
        if any(phrase[: len(words)] == words for words in _NOT_DENYING_AFTER):
            return []
    if negation.key == "no":
        if not following or following[0].key not in _NO_AFTER or not _same_phrase(text, negation.end,
                                                                                   following[0].start):
            return []
        shown += following[:1]
    before = [t for t in tokenize(text, max(0, end - _BEFORE_GAP), end) if t.kind == "word"]
    if not before or before[-1].end != end or negation.key == "no" and before[-1].key in _DO:
        return []
    for language, negations in _NEGATIONS_AFTER_VERB.items():
        if negation.key not in negations or not _auxiliary(before[-1].key, language):
            continue
        if language == "en" and _auxiliary_look_alike(before[-1], before[-2] if len(before) > 1 else None, text):
            continue
        if language != "fr" or _french_ne_before(before[:-1], text):
            return shown
    return []


_CLITICS_BEFORE_AUXILIARY = 2  # object pronouns at most between French's "ne" and its auxiliary: "ne nous en a"


def _french_ne_before(words: list[Token], text: str) -> bool:
    """Whether the last of `words` (those before a French auxiliary), object pronouns read past
    (`_CLITICS`, at most `_CLITICS_BEFORE_AUXILIARY`: "n'y a", "ne les avons", "ne nous en a"),
    is a "ne" that denies (`_negating_word`)."""
    i = len(words) - 1
    while i >= 0 and len(words) - 1 - i < _CLITICS_BEFORE_AUXILIARY and words[i].key in _CLITICS:
        i -= 1
    return i >= 0 and words[i].key in _NE and _negating_word(words[i], text)


# The words either rule of `_cuts_before_negation` starts from (`_may_cut_before_negation`).
_CUT_STARTS = _AFTER_VERB | _GERMAN_CLOSING_NEGATIONS | _GERMAN_BEFORE_NEGATION | _DUTCH_BEFORE_NEGATION


def _opens_verbless_phrase(negation: Token, text: str) -> bool:
    """Whether the "not" `negation` opens a fixed phrase in `text` that negates no verb
    (`_NOT_VERBLESS`: "not long ago", "not least"): a quote ending on the auxiliary before it
    ("as it was" for "as it was not long ago") cuts no negation of its own."""
    words = [t.key for t in _words_after(text, negation.end, max(map(len, _NOT_VERBLESS)))]
    return any(words[: len(phrase)] == list(phrase) for phrase in _NOT_VERBLESS)


def _cuts_before_negation(text: str, end: int, clause: GermanClause | None = None,
                          dutch: tuple[Token, ...] | None = None) -> bool:
    """Whether a quote that ends with no ellipsis at character `end` would cut the source right
    before a negation of its last word (`_negation_after_auxiliary`) or of its German `clause`
    (`_verb_final_negation`, `_german_clause`; None for a quote in another language): the
    aligner's preference between places of a quote that ends on an auxiliary ("Russia did" takes
    "Russia did comply", not "Russia did not comply", whichever comes first), as `_hides_after`
    is for a closing ellipsis.  `_cut_before_negation` reads the place taken with the same
    `clause`, so that whatever it would call a cut, the aligner has weighed first."""
    return bool(_negation_after_auxiliary(text, end) or clause is not None and _verb_final_negation(text, end, clause)
                or dutch is not None and _closing_niet(text, end, dutch))


def _may_cut_before_negation(text: str, end: int) -> bool:
    """Whether `_cuts_before_negation` may find a cut at character `end`: the next word, read by a
    regular expression (`_NEXT_WORD`), is one its two rules start from, or a "nicht" in any case
    and a particle stand in the `_OBJECT_CHARS` after it (`_NICHT_PARTICLE`,
    `_particle_after_object`: "lehnt das Angebot nicht ab", "NICHT ab") with no mark of a clause's
    end before them (`_CLAUSE_MARK`), past which `_particle_after_object` takes none: the next
    sentence's "Die Union stimmt nicht zu." within reach sent every copy on a 300 KB German page to
    be tokenized; nor past a coordinator set apart by spaces (`_SPACED_COORDINATOR`: "kämpft und gibt
    nicht auf", where `_particle_after_object` stops too).  False clears a copy without tokenizing
    (crawler/align.py `_clean_copy`)."""
    word = _NEXT_WORD.match(text, end)
    if word is None:
        return False
    if word[1].lower().replace("\u2019", "'") in _CUT_STARTS:
        return True
    found = _NICHT_PARTICLE.search(text, end, end + _OBJECT_CHARS)
    return (found is not None and _CLAUSE_MARK.search(text, end, found.start()) is None
            and _SPACED_COORDINATOR.search(text, end, found.start()) is None)
