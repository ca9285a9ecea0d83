"""Dutch's negation that closes its clause ("Nederland steunt de sancties niet.", "De regering heeft
de annexatie niet erkend."): whether the quote's last clause has a subject and its finite verb, or an
auxiliary, by the words of its own clause (`_dutch_clause`), and the "niet" or "nooit" a quote's
silent cut drops after it (`_closing_niet`).  silent_cut.py and edges.py call it for a quote that
ends with no ellipsis, beside German's (german.py).
"""

from __future__ import annotations

import re

from crawler.align import Token
from crawler.verdicts.auxiliaries import _AUXILIARIES_BY_LANGUAGE, _NEGATIONS_AFTER_VERB
from crawler.verdicts.clauses import _CLAUSE_ENDS_HERE, _leading_words, _same_phrase, _words_after
from crawler.verdicts.french_ne import _NE_CLAUSE_END
from crawler.verdicts.negations import _next_negation
from crawler.verdicts.words import NEGATIONS

# Dutch's negations that close a main clause after its object ("steunt de sancties niet"), or stand
# before the participle or infinitive that closes it ("heeft … niet erkend", "zal … nooit erkennen").
_DUTCH_CLOSING = _NEGATIONS_AFTER_VERB["nl"]
# Adverbs that may stand between the quote's last word and that negation, at most `_DUTCH_LEADS`:
# "nog niet", "ook niet", "helemaal niet", "nog steeds niet".
_DUTCH_BEFORE_NEGATION = frozenset("nog ook helemaal zeker echt absoluut steeds".split())
_DUTCH_LEADS = 2
# What the negation may have after it and still deny the quote's clause: "meer" or "langer" first ("niet
# meer", no longer), then nothing, a separable particle ("neemt het voorstel niet aan"), or, where the
# clause holds an auxiliary, a participle or an infinitive ("heeft … niet erkend", "zal … niet
# erkennen", "heeft … niet kunnen erkennen"), at most `_DUTCH_VERB_END` words in all.
_DUTCH_STILL = frozenset("meer langer".split())
_DUTCH_VERB_END = 2
# A predicate word that closes a verb's phrase as a particle does, by the verbs it goes with: "nodig" of
# "nodig hebben" (to need: "Nederland heeft de sancties niet nodig."), after "hebben"'s forms only.
_DUTCH_PREDICATES = {"nodig": frozenset("heb hebt heeft hebben had hadden".split())}
# The modals missing from the auxiliaries (`_AUXILIARIES_BY_LANGUAGE`: "wil" is the will too, "de wil van
# het volk"), read as one where the clause's finite verb stands, right after its subject (`_verb_slot`:
# "Het kabinet wil de sancties niet opheffen", where "de politieke wil" is the noun).
_DUTCH_SLOT_MODALS = frozenset({"wil"})
# The "om" of an infinitive clause put after the verb's end that closes the main clause ("heeft de sancties
# niet nodig om Rusland te straffen", "heeft … niet erkend om …"): the negation before that end is the main
# clause's, which a cut before it drops (`_closing_niet`), as German's "nicht an, um" is (german.py
# `_negated_purpose`).  Not "om" right after the negation ("steunt de sancties niet om … maar om …"), whose
# denial may be the purpose's.
_EXTRAPOSED = "om"
_DUTCH_PARTICLES = frozenset("aan af op uit in mee toe terug door na bij weg samen tegen vast voort".split())
_NL = "a-zäëïöüéèç"  # Dutch's letters
# A participle or an infinitive by its shape: "erkend", "gesteund", "aanvaard", "goedgekeurd", "besloten",
# "erkennen", "steunen" (a participle without "ge-" only after "be", "ver", "er", "her", "ont").
_DUTCH_NONFINITE = re.compile(rf"[{_NL}]*(?:ge|be|ver|er|her|ont)[{_NL}]{{2,}}(?:d|t|en)|[{_NL}]{{2,}}en")
# A finite verb after its subject, by its ending: "steunt", "erkent", "steunen", "steunde", "erkenden".
_DUTCH_FINITE = re.compile(rf"[{_NL}]{{2,}}(?:t|en|de|te|den|ten)")
# Dutch's articles and determiners, which open a subject of one noun ("De regering steunt"), and the
# subject pronouns, which are one ("Wij steunen"): the finite verb comes right after (`_subject_verb`).
_DUTCH_ARTICLES = frozenset("de het een deze dit".split())  # not "dat", "die": a subordinate clause's as often
_DUTCH_PRONOUNS = frozenset("ik jij je hij zij ze wij we u men".split())
# The possessive determiners, which open a subject of one noun as an article does ("Onze regering steunt"),
# where with their capital at a sentence's start they would read as a name whose verb comes right after:
# "Onze wil niet, maar de uwe" names the will (`_verb_slot`, `_DUTCH_SLOT_MODALS`).  Not "jullie", "je": the
# subject pronouns too ("Jullie willen").
_DUTCH_POSSESSIVES = frozenset("mijn jouw zijn haar ons onze hun uw".split())
# Lower-case words shaped like a finite verb that are none (`_DUTCH_FINITE`): prepositions, adverbs and
# conjunctions after a subject ("Nederland tegen de sancties", "Rusland ten slotte").
_DUTCH_NOT_VERBS = _DUTCH_PARTICLES | _DUTCH_BEFORE_NEGATION | frozenset(
    "en maar want of dat ten te met tot tussen boven beneden buiten binnen achter sinds zonder tegen "
    "daarentegen echter misschien morgen open eerst inmiddels ondertussen".split())
# A capital word ending so before a word in lower case is an adjective of nationality before its noun
# ("Russische troepen", "Nederlandse regering"): no subject and its verb (`_subject_verb`).
_NATIONALITY = re.compile(r"\w+(?:se|sche)")
# An adjective inflected before its noun ("de zogenaamde verkiezingen", "de nieuwe maatregelen", "de twee
# landen"), read past to the noun after an article (`_after_noun`); not a noun in -ie ("de commissie steunt").
_ADJECTIVE = re.compile(rf"[{_NL}]+[^i]e")
# Conjunctions and the relative "dat" that open a subordinate clause, whose verb comes last ("heeft gezegd
# dat Nederland de annexatie niet erkent"): Dutch sets none apart with a comma (`_dutch_clause`).  Not "als"
# (as), "of" (or), "die" (that one): a main clause's words as often.
_DUTCH_SUBORDINATORS = frozenset("dat omdat doordat zodat hoewel terwijl nadat voordat totdat tenzij indien mits "
                                 "wanneer".split())


def _dutch_clause(quote_tokens: list[Token]) -> tuple[Token, ...] | None:
    """The words of the quote's last clause (after its last mark of a clause's end, `_NE_CLAUSE_END`)
    when they are a Dutch main clause's beginning that holds its finite verb: an auxiliary, a modal or a
    copula (`_AUXILIARIES_BY_LANGUAGE`: "De regering heeft de annexatie"), or a subject and the verb
    right after it (`_subject_verb`: "Nederland steunt de sancties"), and no negation of its own.  None
    for a noun phrase ("de sancties", "Russische troepen") or a clause whose verb comes last, opened by
    one of `_DUTCH_SUBORDINATORS` anywhere in it ("dat Nederland de sancties", "Het is duidelijk dat
    Rusland de annexatie": the auxiliary is the main clause's), which a "niet" after them denies nothing
    the quote holds."""
    last = max((i for i, t in enumerate(quote_tokens) if t.kind == "word"), default=None)
    if last is None:
        return None
    marks = [i for i, t in enumerate(quote_tokens[:last]) if t.kind != "word" and t.key in _NE_CLAUSE_END | {"-"}]
    words = tuple(t for t in quote_tokens[(marks[-1] + 1 if marks else 0) : last + 1] if t.kind == "word")
    if any(word.key in NEGATIONS for word in words) or words and words[-1].key == "of":
        return None  # a negation of its own; "of niet" (or not): either way
    if any(word.key in _DUTCH_SUBORDINATORS for word in words):
        return None
    if any(word.key in _AUXILIARIES_BY_LANGUAGE["nl"] and word.text.islower() for word in words[1:]):
        return words
    return words if _subject_verb(words) else None


def _subject_verb(words: tuple[Token, ...]) -> bool:
    """Whether `words` open with a subject and its finite verb right after it, where Dutch's main clause
    puts it (`_verb_slot`): the verb by its ending (`_DUTCH_FINITE`), none of `_DUTCH_NOT_VERBS`, or a
    modal the auxiliaries lack (`_DUTCH_SLOT_MODALS`: "Het kabinet wil")."""
    verb = _verb_slot(words)
    if verb is None:
        return False
    word = words[verb]
    return word.text.islower() and (word.key in _DUTCH_SLOT_MODALS or word.key not in _DUTCH_NOT_VERBS
                                    and _DUTCH_FINITE.fullmatch(word.key) is not None)


def _verb_slot(words: tuple[Token, ...]) -> int | None:
    """The index of the word after the subject that `words` open with, where Dutch's main clause puts
    its finite verb: after a name (words in capitals, "Nederland steunt", "Den Haag steunt", "Mark Rutte
    steunt"; an adverb opening the clause is read so too, "Daarom steunt"), a pronoun ("Wij steunen"),
    or an article or a possessive and its noun, adjectives between (`_after_noun`, `_DUTCH_POSSESSIVES`: "De
    regering steunt", "De Nederlandse regering steunt", "De Europese Unie steunt", "Onze regering steunt";
    "Onze wil" is the noun).  None for an adjective and its noun ("Russische
    troepen", `_NATIONALITY`; "de zogenaamde verkiezingen", "de Europese landen": no word after the
    noun)."""
    if len(words) < 2:
        return None
    first = words[0]
    if first.key in _DUTCH_ARTICLES or first.key in _DUTCH_POSSESSIVES:
        verb = _after_noun(words, 1)
    elif first.key in _DUTCH_PRONOUNS:
        verb = 1
    elif first.text[:1].isupper():
        verb = 1
        while verb < len(words) and words[verb].text[:1].isupper():
            verb += 1
        if _NATIONALITY.fullmatch(words[verb - 1].key):
            return None
    else:
        return None
    return verb if verb < len(words) else None


def _after_noun(words: tuple[Token, ...], i: int) -> int:
    """The index after the noun that the article before words[i] opens: its adjectives read past, one
    inflected in lower case (`_ADJECTIVE`) or one of nationality in capitals (`_NATIONALITY`), so that
    "verkiezingen" of "de zogenaamde verkiezingen" is its noun, not a verb in -en; a name in capitals
    is one noun ("De Tweede Kamer", "De Europese Unie", "Het Kremlin")."""
    while i + 1 < len(words) and (words[i].text.islower() and _ADJECTIVE.fullmatch(words[i].key)
                                  or words[i].text[:1].isupper() and _NATIONALITY.fullmatch(words[i].key)):
        i += 1
    if not words[i].text[:1].isupper():
        return i + 1
    while i < len(words) and words[i].text[:1].isupper():
        i += 1
    return i


def _closing_niet(text: str, end: int, clause: tuple[Token, ...]) -> list[Token]:
    """The Dutch negation right after a quote's silent cut at character `end`, with the words shown with
    it, when it closes the quote's own Dutch `clause` (`_dutch_clause`): after at most `_DUTCH_LEADS`
    adverbs ("nog niet"), a "niet" or "nooit" followed by the clause's end (`_CLAUSE_ENDS_HERE`), "meer"
    or "langer" first, or a separable particle, or, where the clause holds an auxiliary, a participle
    or an infinitive (`_DUTCH_NONFINITE`) before it: "Nederland steunt de sancties" for "… steunt de
    sancties niet." and "De regering heeft de annexatie" for "… niet erkend." assert what the source
    denies, as "Die Bundesregierung erkennt die Wahlen" for "… nicht an." does.  Not a negation of
    what follows it, an adverb or an adjective ("steunt de sancties niet volledig", "gaat niet zo
    snel"), nor "niet alleen" (`_next_negation`), nor one glued to its word ("niet-bindend"): the cut
    then hides how, and the quote's verb holds.  [] for any other."""
    shown, at = _leading_words(text, end, _DUTCH_BEFORE_NEGATION, _DUTCH_LEADS)
    negation = _next_negation(text, at)
    if negation is None or negation.key not in _DUTCH_CLOSING:
        return []
    shown.append(negation)
    auxiliary = _holds_auxiliary(clause)
    at, tail = negation.end, []
    for _ in range(_DUTCH_VERB_END + 1):
        if _CLAUSE_ENDS_HERE.match(text, at):
            return shown + tail
        word = next(iter(_words_after(text, at, 1)), None)
        if word is not None and word.key == _EXTRAPOSED and tail and tail[-1].key not in _DUTCH_STILL and (
                _same_phrase(text, at, word.start)):
            return shown + tail  # "heeft de sancties niet nodig om Rusland te straffen": the verb's end closed it
        if len(tail) == _DUTCH_VERB_END or word is None or not word.text.islower() or not _same_phrase(
                text, at, word.start):
            return []
        still = not tail and word.key in _DUTCH_STILL
        verb_end = word.key in _DUTCH_PARTICLES or _predicate(word, clause) or auxiliary and (
            _DUTCH_NONFINITE.fullmatch(word.key) is not None or word.key in _AUXILIARIES_BY_LANGUAGE["nl"])
        if not (still or verb_end):
            return []
        tail.append(word)
        at = word.end
    return []


def _holds_auxiliary(clause: tuple[Token, ...]) -> bool:
    """Whether the quote's Dutch `clause` holds an auxiliary, a modal or a copula, after which a
    participle or an infinitive closes it (`_closing_niet`): one of `_AUXILIARIES_BY_LANGUAGE`, or a
    modal of `_DUTCH_SLOT_MODALS` where the finite verb stands ("Het kabinet wil de sancties" for "…
    niet opheffen.")."""
    if any(word.key in _AUXILIARIES_BY_LANGUAGE["nl"] for word in clause):
        return True
    verb = _verb_slot(clause)
    return verb is not None and clause[verb].key in _DUTCH_SLOT_MODALS


def _predicate(word: Token, clause: tuple[Token, ...]) -> bool:
    """Whether `word`, after the "niet" a quote's cut drops, is a predicate word that closes the verb
    of the quote's `clause` as a particle would (`_DUTCH_PREDICATES`: "Nederland heeft de sancties" for
    "… niet nodig." says it has what it does not need); not after another verb ("vindt de sancties
    niet nodig", a judgement denied, whose verb the quote holds)."""
    verbs = _DUTCH_PREDICATES.get(word.key)
    return verbs is not None and any(t.key in verbs for t in clause)


_DUTCH_STARTS = tuple(form for word in ("niet", "nooit") for form in (word, word.capitalize(), word.upper()))


def _holds_dutch_closing(text: str) -> bool:
    """Whether `text` holds "niet" or "nooit" at all (str.find, C speed), so that a Dutch quote in a
    text without one (most) keeps the aligner's fast path (edges.py `_end_weighed`)."""
    return any(form in text for form in _DUTCH_STARTS)
