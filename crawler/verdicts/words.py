"""The kinds of words whose change can change what a quote claims (`word_kinds`): a negation
(NEGATIONS, in the languages of the letters' statements), a modal (MODALS), a number (NUMBER_WORDS)
or a name (a capital).  The bottom of the package's word rules, importing none of its modules:
whether a negation's word negates where it stands is negations.py's, the negations of a script
written without spaces unspaced.py's.
"""

from __future__ import annotations

from crawler.align import CONTRACTIONS, Token

NEGATIONS = frozenset(
    "not no never nor neither none nobody nothing nowhere without cannot non n't "
    "hardly scarcely "  # turn a claim round as "not" does: "has hardly changed" is no "has changed"
    "ne n' pas ni jamais aucun aucune rien "  # n': ne elided ("n'acceptera", crawler/align.py `tokenize`)
    "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder nein "
    "nunca nadie nada ningún ninguna ninguno tampoco jamás "
    "não nenhum nenhuma ninguém nem mai nessuno nessuna nessun niente "
    "nici niciun nicio niciodată nimic nimeni "  # Romanian; its "nu" is French's naked, Dutch's now: negations.py
    "niet geen nooit niets nergens "  # Dutch ("niemand" is German's too); not "noch" (German's "still")
    "не нет ни никогда ничего ничто никто нигде нельзя değil yok asla".split()
)
# Not "personne" (French "nobody" only after "ne", else "person") nor "né" (French "born"), which
# are other words as often; a "ne" beside them is a negation already; nor "barely", which
# grants its claim ("barely passed": it passed).  "mai" is Italian's "never" and French's May:
# `_month` tells the month; "never" after some words is "ever" (`_ever`: "plus que jamais").
MODALS = frozenset("can could may might must shall should will would ought need needs dare".split())
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion first second third fourth fifth sixth seventh eighth ninth tenth "
    "once twice half dozen".split()
)


def keys(words: str) -> frozenset[str]:
    """The words, space-separated, as a token's key is (crawler/align.py `tokenize`: casefolded), for
    a set a key is looked up in: German's "ß" keys as "ss", so a set that wrote "außer" or "ließ" as
    printed never matched the word (tests/test_verdicts_word_sets.py holds every set to it)."""
    return frozenset(word.casefold() for word in words.split())


def word_kinds(token: Token) -> list[str]:
    """What a word is, if changing it can change the meaning on its own."""
    key, kinds = token.key, []
    if key in NEGATIONS or key.endswith("n't"):
        kinds.append("negation")
    base = key[:-3] if key.endswith("n't") else key
    if base in MODALS or key in CONTRACTIONS:
        kinds.append("modal")
    if any(c.isdigit() for c in key) or key in NUMBER_WORDS:
        kinds.append("number")
    if token.text[:1].isupper():
        kinds.append("name")
    return kinds
