"""English modals that are nouns where they stand ("the political will not of one State", "the
humanitarian needs not yet met", "Theresa May never"): `_auxiliary_look_alike`, `_will_noun`,
`_need_noun`.  A "not" after such a noun denies no verb the quote holds, so neither a quote that
stops right before it (silent_cut.py `_negation_after_auxiliary`) nor a closing ellipsis there
(gaps.py `_closing_run`, through `_noun_before_not`) cuts a negation.
"""

from __future__ import annotations

from crawler.align import Token, tokenize
from crawler.verdicts.auxiliaries import _NEGATIONS_AFTER_VERB, _past_participle
from crawler.verdicts.clauses import _BEFORE_GAP, _QUOTE_MARKS, _opens_sentence, _words_after, _words_before
from crawler.verdicts.negations import _DETERMINERS, _modal_noun
from crawler.verdicts.words import MODALS, word_kinds

# English modals' words that are nouns as often as verbs, told apart by the word before them
# (`_need_noun`): "the humanitarian needs not yet met", "a need not a favour", but "We need not".
_NOUN_MODALS = frozenset({"need", "needs"})
# Adjectives that make the "will" after them the noun (`_will_noun`): "the political will not of one
# State but of all", "the popular will".  Only adjectives that are no noun themselves, which a
# modal "will" could follow as its subject ("the general will not attend").
_WILL_ADJECTIVES = frozenset(
    "political popular democratic genuine clear true expressed declared stated sincere".split())
# Adjectives that are nouns too, whose "will" is the noun only where no verb follows its "not"
# (`_no_verb_after_not`): "the sovereign will not of governments", "their own will not that of
# Moscow", "the collective will not to recognize", "the general will not of one party" (Rousseau's),
# but "The Sovereign will not open Parliament", "Our own will not be left behind", "The general will
# not attend".
_WILL_NOUN_ADJECTIVES = frozenset("sovereign collective common express own free real general".split())
# Words after "will not" that no modal's "not" takes before its verb, a preposition or a determiner
# (`_no_verb_after_not`): "the people's will not of one party", "the collective will not to
# recognize", "the people's will not his alone".
_WILL_NOUN_AFTER = frozenset("of to that the a an but his her their its our my your for".split())
# Adverbs that a modal's "not" takes before its verb as the noun's does before its phrase: read past
# (`_no_verb_after_not`: "Russia's will not simply disappear", "the popular will not only of one
# party"), and those that open with a word of `_WILL_NOUN_AFTER` ("The general will not of course
# resign"), as "for" and a span of time does (`_FOR_SPANS`).
_NOT_ADVERBS = (("only",), ("just",), ("merely",), ("simply",), ("of", "course"))
# Spans of time after "for", at most two words between (`_not_adverb`): "will not for now", "for long",
# "for a moment", "for one second", "for a single minute", "for the time being".
_FOR_SPANS = frozenset("now long ever good moment second minute instant while time".split())
# Nouns that make the "second" before them the ordinal, no span of time (`_not_adverb`): "the people's
# will not for a second referendum" names a will, where "will not for a second accept" is the modal's.
_SECOND_GOES = frozenset("referendum referendums term round reading ballot election mandate wave phase opinion "
                         "chance attempt stage".split())
_NOT_ADVERB_WORDS = 4  # words at most of such an adverb: "for a single moment"


def _auxiliary_look_alike(word: Token, previous: Token | None, text: str) -> bool:
    """Whether an English auxiliary's or modal's `word` (the quote's last, `previous` the word
    before it in `text`) is a noun or a name there, whose "not" after it denies no verb of the
    quote (`_negation_after_auxiliary`): "need(s)" where it is the noun (`_need_noun`: "the
    humanitarian needs not yet met", not "We need not accept this"), one after an article or a
    possessive ("their will", "the needs": `_modal_noun`), "am" after a number ("5 am not 6 am"),
    and "May" with a capital inside a sentence ("Theresa May never", "since May not even")."""
    if word.key in _NOUN_MODALS:
        return _need_noun(word, previous, text)
    if _modal_noun(word, previous, None) or _will_noun(word, previous, text):
        return True
    if word.key == "am":
        return previous is not None and "number" in word_kinds(previous)
    if word.key != "may" or not word.text[:1].isupper():
        return False
    tokens = tokenize(text, max(0, word.start - _BEFORE_GAP), word.end)
    return not _opens_sentence(next((t for t in tokens if t.start == word.start), word), tokens)


def _possessive(word: Token, following: Token, text: str, mark_apostrophe: bool = False) -> bool:
    """Whether `word`, right before `following` in `text`, is an English possessive: "the
    Organization's need", "the people's will", "the members' need" (a plural's apostrophe apart);
    not a word in quotation marks, whose closing ’ is no apostrophe ("the ‘vulnerable’ need not"),
    unless `mark_apostrophe`: before "will", whose noun `_will_noun` tells by the words after its
    "not", that mark may stand for the apostrophe too ("the ‘citizens’ will not of one party")."""
    if word.key.endswith("'s"):
        return True
    opened = not mark_apostrophe and word.start > 0 and text[word.start - 1] in _QUOTE_MARKS
    return word.key.endswith("s") and not opened and text[word.end : following.start].strip() in ("'", "\u2019")


def _will_noun(word: Token, previous: Token | None, text: str) -> bool:
    """Whether "will" is the noun after an article or a possessive and one adjective of
    `_WILL_ADJECTIVES`, or of `_WILL_NOUN_ADJECTIVES` with no verb after its "not"
    (`_WILL_NOUN_AFTER`): "This reflects the political will" for "… the political will not of one
    State but of all Member States" cuts no negation of a verb, as "the will not" does not
    (`_modal_noun`).  "The government will" for "The government will not" still cuts one, and so
    does "The Sovereign will" for "The Sovereign will not open Parliament".  Right after a
    possessive (`_possessive`, a quoted word's closing mark too) with no verb after its "not": "the
    people's will not of one party", "the international community's will not to recognize", "the
    ‘citizens’ will not of one party"; but "Russia's will not work" (Russia's plan) and "Russia's
    will not simply disappear" are the modal."""
    if word.key != "will" or previous is None:
        return False
    if _possessive(previous, word, text, mark_apostrophe=True):
        return _no_verb_after_not(word, text)
    if previous.key not in _WILL_ADJECTIVES | _WILL_NOUN_ADJECTIVES:
        return False
    before = _words_before(previous, text)
    if not before or before[-1].key not in _DETERMINERS and not _possessive(before[-1], previous, text):
        return False  # "the people's political will not of one State": a possessive is a determiner
    return previous.key in _WILL_ADJECTIVES or _no_verb_after_not(word, text)


def _no_verb_after_not(word: Token, text: str) -> bool:
    """Whether a "not" follows `word` ("will" in `text`) and a word of `_WILL_NOUN_AFTER`, which no
    modal's "not" takes before its verb, an adverb between read past (`_not_adverb`): "will not
    of", "will not to recognize", "will not only of one party" name a will; "will not simply
    disappear", "will not of course resign", "will not for one moment accept" are the modal's."""
    after = [t.key for t in _words_after(text, word.end, 2 + _NOT_ADVERB_WORDS)]
    if not after or after[0] != "not":
        return False
    adverb = _not_adverb(after[1:])
    return len(after) > 1 + adverb and after[1 + adverb] in _WILL_NOUN_AFTER


def _not_adverb(words: list[str]) -> int:
    """How many of the `words` (keys) after a "not" are an adverb it takes before its verb: one of
    `_NOT_ADVERBS`, or "for" and a span of time (`_FOR_SPANS`: "for now", "for a moment", "for one
    second"), whose "for" would otherwise name a will ("the people's will not for war"), but not the
    ordinal "second" of a noun after it (`_SECOND_GOES`: "for a second referendum"); 0 for none."""
    fixed = next((len(a) for a in _NOT_ADVERBS if tuple(words[: len(a)]) == a), 0)
    if fixed or not words or words[0] != "for":
        return fixed
    span = next((k for k in range(1, min(len(words), _NOT_ADVERB_WORDS)) if words[k] in _FOR_SPANS), None)
    if span is None or words[span] == "second" and span + 1 < len(words) and words[span + 1] in _SECOND_GOES:
        return 0
    return span + 1


def _noun_before_not(word: Token, last: Token, text: str) -> bool:
    """Whether the "not" `word` right after a closing ellipsis follows the quote's `last` word, a
    modal's word that is a noun there (`_auxiliary_look_alike`): "This reflects the political will
    …" for "… the political will not of one State but of all", "the needs …" for "the needs not
    covered by the appeal" hide no negation of a verb the quote holds, as the same quotes cut
    silently do not (`_negation_after_auxiliary`)."""
    if word.key != "not" or last.key not in MODALS:
        return False
    before = _words_before(last, text)
    return _auxiliary_look_alike(last, before[-1] if before else None, text)


# Words before "need" that make it the modal, its subject ("We need not", "people need not").
_NEED_SUBJECTS = frozenset("i you we they he she it one people children everyone anyone nobody who which that".split())


# Adjectives before a singular "need" that make it the noun (`_need_noun`): "the urgent need not to
# escalate", "the humanitarian need not yet met".  A noun there is its subject and "need" the modal:
# "the State party need not take further measures", "the author need not exhaust remedies".
_NEED_ADJECTIVES = frozenset(
    "urgent pressing humanitarian real clear great greater greatest growing basic immediate genuine legitimate "
    "critical particular special obvious perceived increasing acute specific practical continued ongoing "
    "financial economic social medical political human personal desperate dire vital essential absolute "
    "evident apparent compelling fundamental current future present sheer main primary only first same "
    "constant overriding underlying strong collective common unmet".split())
# Words after "need not" that no modal "need" takes, only the noun ("the dire need not to escalate").
_NEED_NOUN_AFTER = frozenset("to of for a an the".split())
# Words before "need(s)" that make it the noun, no modal's subject: a preposition ("those in need not
# reached by aid", "in times of need"), a determiner of a noun ("any need not covered", "no need").
_NEED_NOUN_BEFORE = frozenset("in of for without from by no any every each some".split())

# Words between "not" and a participle: "the need not yet met", "the need no longer met".
_BEFORE_PARTICIPLE = frozenset({"yet", "longer"})


def _participle_after_not(need: Token, text: str) -> bool:
    """Whether a negation (`_NEGATIONS_AFTER_VERB`: "not", "never", "no longer", "hardly") and a past
    participle follow `need` in `text`, "yet" or "longer" between or not: the modal "need not" takes
    a bare infinitive ("We need not worry", "need not exceed", "need not be"), never a participle,
    so "the health need not met by existing services" and "an identified need not covered by the
    plan" name a need, whatever word stands before it (`_need_noun`); not one that is a bare infinitive
    too, which the modal takes ("We need not set a deadline": `_past_participle`)."""
    after = _words_after(text, need.end, 3)
    if len(after) < 2 or after[0].key not in _NEGATIONS_AFTER_VERB["en"]:
        return False
    key = (after[2] if after[1].key in _BEFORE_PARTICIPLE and len(after) == 3 else after[1]).key
    return _past_participle(key)


def _need_noun(need: Token, previous: Token | None, text: str) -> bool:
    """Whether `need` ("need" or "needs" in `text`, after the word `previous`) is the noun there.
    "needs": after any word but a subject (`_NEED_SUBJECTS`: "It needs not", archaic), since the modal
    takes no -s ("the humanitarian needs not yet met", "Humanitarian needs not covered").  "need":
    only after a determiner, a preposition (`_NEED_NOUN_BEFORE`: "those in need not reached"), a
    possessive ("the Organization's need"), an adjective (`_NEED_ADJECTIVES`, -ous; a word in -ing in
    lower case: "the pressing need", "the financing need") or before a word no modal takes
    (`_NEED_NOUN_AFTER`), since a plain noun or a pronoun before it is its subject, the commonest use
    of the modal in legal and treaty-body text ("the State party need not take further measures",
    "We need not accept this": `_negation_after_auxiliary`, `_noun_before_not`); but any "need"
    before "not" and a past participle, which no modal takes (`_participle_after_not`: "the health
    need not met by existing services")."""
    if _participle_after_not(need, text):
        return True  # "the health need not met", "that need not covered", "Health need not met"
    if previous is None:
        return False
    if previous.key in _NEED_SUBJECTS:
        return False
    if previous.key in _DETERMINERS or previous.key in _NEED_NOUN_BEFORE or _possessive(previous, need, text):
        return True  # "the needs", "the Organization's need", "the members' need"
    key = previous.key
    if need.key == "needs" or key.endswith("ous") or key in _NEED_ADJECTIVES:
        return True  # "the urgent need", "Urgent need not yet met"
    if not previous.text.islower():
        return False  # "Member States need not comply"
    if len(key) > 5 and key.endswith("ing"):
        return True  # "the financing need"; not "a thing need not be perfect"
    after = _words_after(text, need.end, 2)
    return len(after) == 2 and after[1].key in _NEED_NOUN_AFTER
