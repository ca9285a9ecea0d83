"""German's negation that closes its clause after the object ("Die Bundesregierung erkennt die
Wahlen nicht an."): whether the quote's last clause is German (`_german_clause`; by the source's
"nicht" alone for a name and a verb, `_quote_clause`: `GermanClause`), whether a text holds such a
negation at all (`_holds_german_closing`), and the negation and the verb's end that a quote's
silent cut drops (`_verb_final_negation`: the verb bracket, `_opens_bracket`; "hält … nicht für
nötig", `_held_for`; "nicht" and a particle a few words on, `_particle_after_object`).
silent_cut.py and edges.py call it for a quote that ends with no ellipsis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.align import SENTENCE_STOPS, Token
from crawler.verdicts.auxiliaries import _AUXILIARIES_BY_LANGUAGE, _auxiliary
from crawler.verdicts.clauses import (_CLAUSE_ENDS_HERE, _CLAUSE_MARK, _INVISIBLE, _NEXT_WORD, _leading_words,
                                      _same_phrase, _words_after)
from crawler.verdicts.french_ne import _NE_CLAUSE_END
from crawler.verdicts.negations import _negating_word, _next_negation
from crawler.verdicts.words import keys

# German negations that may close the quote's clause from its end ("erkennt die Wahlen nicht an",
# "stimmt dem Vorschlag nicht zu": `_verb_final_negation`); "keineswegs" and "keinesfalls" (by no
# means), which NEGATIONS lacks, are read there only (`_next_negation`'s `partners`).
_GERMAN_EMPHATIC = frozenset({"keineswegs", "keinesfalls"})
_GERMAN_CLOSING_NEGATIONS = frozenset("nicht nie niemals nichts kein keine keinen keinem keiner keines".split()) \
    | _GERMAN_EMPHATIC
# Adverbs that may stand between the quote's last word and that negation, at most `_GERMAN_LEADS`:
# "noch nicht an", "auch nicht an", "immer noch nicht", "gar nicht".
_GERMAN_BEFORE_NEGATION = frozenset("noch auch gar überhaupt ebenfalls weiterhin bislang bisher immer".split())
_GERMAN_LEADS = 2
# What the negation may have after it and still deny the quote's clause: the verb's end of a German
# clause, nothing or its last part (`_verb_final`), "mehr", "länger", "wieder" first ("nicht mehr
# an", "nie wieder"), or "bisschen" ("kein bisschen": not at all), at most `_VERB_FINAL_WORDS`
# words in all.
_GERMAN_STILL = frozenset("mehr länger wieder bisschen".split())
_VERB_FINAL_WORDS = 3
# Separable particles ("erkennt … nicht an", "stimmt … nicht zu", "gibt … nicht auf").
_GERMAN_PARTICLES = frozenset("an ab auf aus bei ein mit nach vor zu zurück fest fort her hin weg los dar statt teil "
                              "frei hinzu heraus herein hinaus voran vorbei zusammen entgegen weiter nieder".split())
_DE = "a-zäöüß"  # German's letters: a Polish word after "nie" ("nie zgodziła się") has no German verb's shape
# A participle or an infinitive, by its shape: "geäußert", "anerkannt", "verhandelt", "angenommen",
# "akzeptiert"; "anerkennen", "ablehnen", "ändern", "verhandeln" (a plural's finite verb too).
_GERMAN_NONFINITE = re.compile(
    rf"(?:{'|'.join(sorted(_GERMAN_PARTICLES, key=len, reverse=True))})?"
    rf"(?:ge|be|ver|er|ent|zer|emp|miss|über|unter|hinter|wider)[{_DE}]{{2,}}(?:t|en)"
    rf"|[{_DE}]{{2,}}(?:en|ern|eln)|[{_DE}]{{3,}}iert")
# A zu-infinitive, which ends its verb whatever the clause holds: a particle's ("abzubrechen",
# "anzuerkennen"), or an infinitive after "zu" ("nicht zu öffnen"; not a participle's "ge-", so
# that "nicht zu gelassen", too relaxed, is none).
_GERMAN_ZU_INFINITIVE = re.compile(
    rf"(?:{'|'.join(sorted(_GERMAN_PARTICLES - {'zu'}, key=len, reverse=True))})zu[{_DE}]{{2,}}(?:en|ern|eln)")
_GERMAN_INFINITIVE = re.compile(rf"(?!ge)[{_DE}]{{2,}}(?:en|ern|eln)")  # after "zu" (`_verb_final`)
# A finite verb, which ends a subordinate clause ("dass Russland die Wahlen nicht anerkennt", "weil er
# nicht kommt"): by its ending.
_GERMAN_FINITE = re.compile(rf"[{_DE}]{{2,}}(?:t|te|ten|st)")
# Adverbs and adjectives shaped like those verb forms: "nicht selten", "nicht umsonst", "nicht
# zuletzt", "nicht sofort", "nicht ungern", "nicht schlecht" assert, or say how or when, and deny no
# verb the quote holds ("Solche Angriffe kommen" for "… kommen nicht selten vor").
_GERMAN_VERB_LOOK_ALIKES = keys(
    "selten offen eben oben unten hinten innen außen morgen gestern trocken gern ungern zuletzt umsonst schlecht "
    "sofort jetzt erst meist recht leicht direkt gerecht gesamt ernst unbedingt zumindest zunächst zuerst längst "
    "selbst sonst bereits fast gut oft heute explizit")
# Words of a German clause that are no verb (`_holds_verb`): a quote made of them ("Und warum", "Wir")
# is a question or a fragment, and a bare "nicht" after it ("Und warum nicht?", "Wir nicht.")
# denies no verb the quote holds.
_GERMAN_NO_VERBS = frozenset(
    "der die das dem den des und oder aber nicht mit von für auf sich wir sie ein eine einen einem einer zum "
    "zur bei nach über auch dass es er ich ihr uns noch nur wenn weil ob du man mich dich ihn ihm ihnen euch "
    "mir dir warum wieso weshalb wie wo wann was wer wen wem denn doch so ja nein sondern".split())
# Words that open a German subordinate clause, whose verb stands last, finite: the quote's clause
# opened by one (`_german_clause`) may end on "nicht kommt".
_GERMAN_SUBORDINATORS = frozenset("dass daß weil ob wenn obwohl obgleich als nachdem bevor damit sodass falls sofern "
                                  "solange während bis seit seitdem indem wie wo warum weshalb wieso".split())
_GERMAN_RELATIVES = frozenset("der die das dem den denen dessen deren welcher welche welches welchem welchen".split())
# A comma that goes on with a comparison, and so closes no clause: "zahlt nicht mehr, als sie muss",
# "nicht länger, wie vereinbart" ("mehr" is "more" there, not "no longer": `_GERMAN_STILL`).
_GERMAN_COMPARISON = re.compile(r"[^\S\n\r\u2028\u2029]*,[^\S\n\r\u2028\u2029]*(?:als|wie)\b", re.IGNORECASE)
# A bare negation that closes its sentence: what a quote German by the source's "nicht" alone
# (`_quote_clause`) is cut before ("Putin lügt nicht."); a comma may go on ("nicht, hieß es").
_GERMAN_SENTENCE_END = re.compile(r"[^\S\n\r\u2028\u2029]*[\"'\u2019\u201d\u00bb)\]]*(?:[.!?]|$)")
# A comma that goes on with a purpose ("um … zu") and then another purpose or reason as its
# alternative ("sondern um", "sondern damit", "sondern weil"), within the sentence: "Wir tun das nicht,
# um Russland zu schaden, sondern um …" denies the purpose, not the act (`_negated_purpose`).  Without
# them the words cannot tell it from a denied act and its reason ("Scholz liefert die Taurus nicht, um
# eine Eskalation zu vermeiden", "…, sondern setzt auf Diplomatie": another act), or "um" of a time
# ("nicht, um 10 Uhr beginnt …"): the cut is reported.
_GERMAN_PURPOSE = re.compile(r"[^\S\n\r\u2028\u2029]*,[^\S\n\r\u2028\u2029]*um\b[^.!?;:\n]{0,200}?,"
                             r"[^\S\n\r\u2028\u2029]*sondern\s+(?:um|damit|weil|da|aus)\b", re.IGNORECASE)


@dataclass(frozen=True)
class GermanClause:
    """The quote's own clause, when it is German (`_german_clause`): its words, and whether a
    subordinating word opens it (its verb, finite, then stands last), and whether its sentence
    may hold a verb (`_holds_verb`: "Und warum" and "Wir" hold none)."""
    words: tuple[Token, ...]
    subordinate: bool
    holds_verb: bool = True
    by_nicht: bool = False  # German by the source's "nicht" only (`_quote_clause`), its words none's


def _verb_final(word: Token, clause: GermanClause, last: bool, after_zu: bool) -> bool:
    """Whether `word`, after a German negation (`last`: with the clause's end after it;
    `after_zu`: right after "zu"), is the verb's end of the quote's `clause`.  A separable
    particle or a zu-infinitive ends it whatever the clause holds ("erkennt die Wahlen nicht
    an", "bitten Sie, die Tür nicht zu öffnen", "nicht abzubrechen": `_GERMAN_ZU_INFINITIVE`).
    A participle or an infinitive by its shape (`_GERMAN_NONFINITE`), or an auxiliary or a
    modal, ends it only where the clause opens the verb bracket (`_opens_bracket`: "hat … nicht
    anerkannt", "wird … nicht anerkennen") or is a subordinate one, whose finite verb stands
    last ("dass Russland die Wahlen nicht anerkennt", "… nicht anerkannt hat": `_GERMAN_FINITE`;
    a plural's has an infinitive's shape: "die die Annexion nicht anerkennen"); elsewhere that
    shape is an adverb or an adjective ("reagiert nicht angemessen", "hilft nicht deswegen").
    Never an adverb shaped like a verb (`_GERMAN_VERB_LOOK_ALIKES`: "nicht zuletzt", "nicht
    oft")."""
    key = word.key
    if key in _GERMAN_VERB_LOOK_ALIKES:
        return False
    if key in _GERMAN_PARTICLES or _GERMAN_ZU_INFINITIVE.fullmatch(key) or (
            after_zu and _GERMAN_INFINITIVE.fullmatch(key)):
        return True
    nonfinite = _auxiliary(key, "de") or _GERMAN_NONFINITE.fullmatch(key) is not None
    if clause.subordinate:
        return nonfinite or last and _GERMAN_FINITE.fullmatch(key) is not None
    return _opens_bracket(clause) and nonfinite


def _opens_bracket(clause: GermanClause) -> bool:
    """Whether the quote's German main `clause` holds a finite auxiliary or modal
    (`_GERMAN_BRACKET_OPENERS`), whose participle or infinitive may then end it after the
    negation: "Die Regierung hat die Wahlen" for "… nicht anerkannt" drops the negation, "Die
    Regierung reagiert" for "… nicht angemessen" drops only how."""
    return any(word.key in _GERMAN_BRACKET_OPENERS for word in clause.words)


def _holds_verb(sentence: list[Token]) -> bool:
    """Whether the quote's last German `sentence` may hold a verb that a bare "nicht" after it
    denies, in its clause or an earlier one ("Deutschland erkennt die Wahl an, Russland" for "…,
    Russland nicht."): a word in lower case that is none of German's words that are no verb
    (`_GERMAN_NO_VERBS`), or a first word shaped like a finite verb ("Kommt er").  "Und warum" (a
    question) and "Wir" (a fragment) hold none: "Und warum nicht?" and "Wir nicht." deny no verb
    the quote asserts."""
    return any(word.text.islower() and word.key not in _GERMAN_NO_VERBS
               or i == 0 and _GERMAN_FINITE.fullmatch(word.key) is not None
               for i, word in enumerate(sentence))


# "halten" (hält, hielt …), whose "für" and adjective end its clause as a particle would: "hält
# Neuwahlen nicht für nötig" (`_held_for`).
_GERMAN_HOLD = frozenset("halte hältst hält halten haltet hielt hieltst hielten hielte".split())


# Words after "nicht für" that say for how long or for whom, no judgement: "Die Waffenruhe hält nicht für
# immer" holds, just not forever (`_held_for`).
_NOT_JUDGED = frozenset("immer ewig ewigkeit lang lange länger alle allen alles andere anderen jeden jede jedes jeder "
                        "einen eine einer keinen mich dich ihn sie es uns euch sich ihnen mehr wenige viele "
                        "manche einige beide zwei drei jedermann".split())


def _held_for(text: str, at: int, clause: GermanClause) -> list[Token]:
    """The words "für" and an adjective in lower case right after a German negation ending at
    character `at`, closing the clause, where a form of "halten" (`_GERMAN_HOLD`) is the quote's
    main `clause`'s finite verb with its object after it, ending the quote: "Die Regierung hält
    Neuwahlen" for "… hält Neuwahlen nicht für nötig" asserts that the government holds new
    elections, where the source denies they are needed.  Not a "halten" with no object ("Die
    Waffenruhe hält nicht für immer": it holds), nor one another verb follows ("hält Wort und
    zahlt nicht für andere"), nor how long or for whom (`_NOT_JUDGED`).  [] for any other."""
    if clause.subordinate:
        return []
    hold = next((i for i, word in enumerate(clause.words) if word.key in _GERMAN_HOLD), None)
    after = clause.words[hold + 1 :] if hold is not None else ()
    if not after or any(word.key in _GERMAN_COORDINATORS or _finite_shaped(word) for word in after):
        return []
    words = _words_after(text, at, 2)
    if len(words) < 2 or words[0].key != "für" or not words[1].text.islower() or words[1].key in _NOT_JUDGED:
        return []
    if not _same_phrase(text, at, words[0].start) or _CLAUSE_ENDS_HERE.match(text, words[1].end) is None:
        return []
    return words


_OBJECT_CHARS = 80  # characters after the cut in which `_may_cut_before_negation` looks for that "nicht"
_OBJECT_WORDS = 4  # words at most between a quote's last word and "nicht" + particle (`_particle_after_object`)
# Words that join a second clause or verb to the quote's ("kämpft und gibt nicht auf", "schweigt oder
# weicht nicht aus"): a "nicht" past one denies that verb, not the quote's (`_particle_after_object`).
_GERMAN_COORDINATORS = frozenset("und oder aber sondern denn sowie doch bzw beziehungsweise sowohl weder".split())
# Lower-case words shaped like a finite verb (`_GERMAN_FINITE`) that are none: a preposition, a
# pronoun, an adverb before the object's "nicht" ("arbeitet mit der AfD", "seit Jahren").
_GERMAN_FINITE_LOOK_ALIKES = _GERMAN_VERB_LOOK_ALIKES | frozenset(
    "nicht nichts mit seit weit bereit nächst nächste nächsten jedoch acht dort damit womit insgesamt halt "
    "vielleicht derzeit zurzeit jederzeit bestimmt schlicht zumeist konkret vorerst erneut komplett somit strikt "
    "gezielt bewusst verstärkt vermehrt ausgerechnet möglichst höchst exakt korrekt prompt laut samt nebst".split())
# Adverbs among `_GERMAN_PARTICLES` after "nicht": "wählt nicht frei", "tagt heute nicht zusammen" say
# how, and the quote's verb holds (`_particle_after_object`).
_GERMAN_ADVERB_PARTICLES = frozenset({"frei", "zusammen"})
# A word of `_GERMAN_COORDINATORS` with spaces around it, as the tokenizer reads it too: before a
# "nicht" + particle, `_particle_after_object` stops at it (`_may_cut_before_negation`'s cheap reading).
_SPACED_COORDINATOR = re.compile(r"(?<!\S)(?i:%s)(?!\S)" % "|".join(sorted(_GERMAN_COORDINATORS, key=len,
                                                                             reverse=True)))
# "nicht" and a particle after it, as `_particle_after_object` reads them (`_may_cut_before_negation`).
_NICHT_PARTICLE = re.compile(r"(?i:nicht)[\s%s]+(?:%s)\b" % (
    _INVISIBLE, "|".join(sorted(_GERMAN_PARTICLES - _GERMAN_ADVERB_PARTICLES, key=len, reverse=True))))


def _finite_shaped(word: Token) -> bool:
    """Whether `word` is written in lower case and shaped like a German finite verb (`_GERMAN_FINITE`),
    not a word of `_GERMAN_FINITE_LOOK_ALIKES`: a verb of its own, where `_particle_after_object`
    and `_held_for` stop.  Auxiliaries ("ist", "hat") the callers test apart."""
    return (word.text.islower() and _GERMAN_FINITE.fullmatch(word.key) is not None
            and word.key not in _GERMAN_FINITE_LOOK_ALIKES)


def _ends_on_finite_verb(clause: GermanClause) -> bool:
    """Whether the quote's German main `clause` ends on its finite verb: a word shaped like one
    (`_finite_shaped`) with no finite verb, auxiliary or copula before it in the clause, which
    would make it an adjective or a participle ("Die Ukraine ist bereit", "Sie arbeitet hart",
    "Der Plan ist gescheitert": German's finite verb stands second); an adjective before its noun
    is no verb ("Die ersten Staaten stimmten")."""
    words = clause.words
    if clause.subordinate or not words or not _finite_shaped(words[-1]):
        return False
    return not any(word.key in _GERMAN_BRACKET_OPENERS or _finite_shaped(word) and not words[i + 1].text[:1].isupper()
                   for i, word in enumerate(words[:-1]))  # "Die ersten Staaten stimmten": an adjective's noun


def _particle_after_object(text: str, end: int, clause: GermanClause) -> list[Token]:
    """The "nicht" and the separable particle (`_GERMAN_PARTICLES`) that close the source's
    clause a few words after a quote's silent cut at character `end` (at most `_OBJECT_WORDS`,
    no mark of a clause's end between), where the quote's German main `clause` ends on its
    finite verb (`_ends_on_finite_verb`): "Scholz lehnt" for "Scholz lehnt das Angebot nicht
    ab." cuts the verb from its particle and its negation, and asserts what the source denies.
    Not past a word that joins a second verb or clause (`_GERMAN_COORDINATORS`: "kämpft und gibt
    nicht auf"), nor past a second verb's shape (`_finite_shaped`), whose "nicht" is that verb's.
    Only "nicht" and a particle, not an adverb's ("nicht frei", `_GERMAN_ADVERB_PARTICLES`): a
    participle or an adjective there ("nicht öffentlich") says how, and the quote's verb holds.
    [] for any other."""
    if not _ends_on_finite_verb(clause) or _NICHT_PARTICLE.search(text, end, end + _OBJECT_CHARS) is None:
        return []  # the regular expression first: most texts hold no "nicht ab" there (300 KB pages)
    words = _words_after(text, end, _OBJECT_WORDS + 2)
    # The first mark of a clause's end, read past the words (not up to each, which hides the digit
    # after a number's stop: "lehnt die 5.000 Anträge nicht ab" is one clause).
    mark = _CLAUSE_MARK.search(text, end, end + _OBJECT_CHARS)
    for i, word in enumerate(words[: _OBJECT_WORDS + 1]):
        if word.key in _GERMAN_COORDINATORS or _finite_shaped(word) or word.key in _GERMAN_BRACKET_OPENERS:
            return []
        if mark is not None and mark.start() < word.start or word.key != "nicht" and _negating_word(word, text):
            return []
        if word.key == "nicht" and i:
            particle = words[i + 1] if i + 1 < len(words) else None
            if (particle is None or particle.key not in _GERMAN_PARTICLES - _GERMAN_ADVERB_PARTICLES
                    or not particle.text.islower() or not _same_phrase(text, word.end, particle.start)
                    or _CLAUSE_ENDS_HERE.match(text, particle.end) is None):
                return []
            return [word, particle]
    return []


def _negated_purpose(text: str, at: int) -> bool:
    """Whether a bare German negation ending at character `at` is followed by ", um … zu" and
    its alternative purpose or reason, ", sondern um / damit / weil" (`_GERMAN_PURPOSE`): "Wir tun
    das nicht, um Russland zu schaden, sondern um …" denies the purpose (we do it, for another
    reason), so "Wir tun das" cuts no denial of the act.  Not ", um … zu" alone, which as often gives
    the reason for not acting ("Scholz liefert die Taurus nicht, um eine Eskalation zu vermeiden"),
    nor with ", sondern" and another act ("…, sondern setzt auf Diplomatie"): when in doubt the cut
    is reported.  A negation with the verb's end after it ("nicht an, um") is the act's, and cut."""
    return _GERMAN_PURPOSE.match(text, at) is not None


def _verb_final_negation(text: str, end: int, clause: GermanClause) -> list[Token]:
    """The German negation right after a quote's silent cut at character `end`, with the words
    shown with it, when it denies the quote's own German `clause` (`_german_clause`): after at most
    `_GERMAN_LEADS` adverbs ("noch nicht", "auch nicht"), a negation followed by nothing but the
    verb's end of a German clause (`_verb_final`: "nicht an", "nicht zu", "hat … nicht anerkannt",
    "nie wieder zu", "nicht mehr", and "nicht." after a clause that holds a verb, `_holds_verb`) up
    to its end (`_CLAUSE_ENDS_HERE`; not a comma before "als" or "wie", `_GERMAN_COMPARISON`:
    "zahlt nicht mehr, als sie muss" compares).  A German main clause
    puts its negation there, after the object the quote ends on: "Die Bundesregierung erkennt die
    Wahlen" for "… erkennt die Wahlen nicht an." asserts what the source denies, as "Russia did"
    for "Russia did not" does.

    Not a negation of what follows it: a noun phrase ("nicht die Wahl des Parlaments an", "keine
    Einwände": German writes its nouns in capitals), an adverb or an adjective ("nicht zuletzt
    deshalb", "nicht öffentlich", "nicht sofort, aber", "nicht selten vor", "nicht zu knapp",
    "nicht von ungefähr"), "nicht nur … sondern" (`_additive_not`, in `_next_negation`); the cut
    then hides how or when, and the quote's verb holds.  Not "oder nicht" (whether or not), nor
    Afrikaans's second "nie", which repeats the one the quote holds ("erken nie die verkiesing
    nie").  [] for any other."""
    word = _NEXT_WORD.match(text, end)
    if word is None or word[1].lower() not in _GERMAN_CLOSING_NEGATIONS | _GERMAN_BEFORE_NEGATION:
        return _particle_after_object(text, end, clause)
    if clause.words and clause.words[-1].key == "oder":
        return []
    shown, at = _leading_words(text, end, _GERMAN_BEFORE_NEGATION, _GERMAN_LEADS)
    negation = _next_negation(text, at, _GERMAN_EMPHATIC)
    if negation is None or negation.key not in _GERMAN_CLOSING_NEGATIONS or clause.by_nicht and negation.key != "nicht":
        return []
    shown.append(negation)
    held = _held_for(text, negation.end, clause)
    if held:
        return shown + held
    at, tail = negation.end, []
    for _ in range(_VERB_FINAL_WORDS + 1):
        if _CLAUSE_ENDS_HERE.match(text, at) and not _GERMAN_COMPARISON.match(text, at):
            if not tail and _negated_purpose(text, at):
                return []
            if not tail and negation.key == "nie" and any(w.key == "nie" for w in clause.words):
                return []  # Afrikaans: "Die regering erken nie die verkiesing nie."
            if not tail and not clause.holds_verb:
                return []
            if not tail and clause.by_nicht and _GERMAN_SENTENCE_END.match(text, at) is None:
                return []  # "Kiew verhandelt nicht, hieß es": a name and a verb need the sentence closed
            return shown + tail
        word = next(iter(_words_after(text, at, 1)), None)
        if len(tail) == _VERB_FINAL_WORDS or word is None or not _same_phrase(text, at, word.start):
            return []
        lower = word.text.islower() or word.text.isupper() and negation.text.isupper()  # a noun has a capital
        if not lower or not (not tail and word.key in _GERMAN_STILL
                             or _verb_final(word, clause, _CLAUSE_ENDS_HERE.match(text, word.end) is not None,
                                            bool(tail) and tail[-1].key == "zu")):
            return []
        tail.append(word)
        at = word.end
    return []


# A German negation that may close a clause (`_verb_final_negation`), or an adverb before one, found
# as written in its three cases (`_GERMAN_STARTS`: str.find, C speed) where no letter precedes it.
_GERMAN_CLOSING = re.compile(r"(?:%s)\b" % "|".join(sorted(_GERMAN_CLOSING_NEGATIONS, key=len, reverse=True)),
                             re.IGNORECASE)
_GERMAN_STARTS = tuple(form for word in ("nicht", "nie", "kein") for form in (word, word.capitalize(), word.upper()))
# German's commonest short words, one of which nearly every German clause holds and few of another
# language's quotes do (not "des", French's too; not "im", Polish "them"; "die", rare in an English
# quote, costs it one search of the text; "es", Spanish's too, only where a German negation follows):
# a quote holding none is not weighed for a German negation after it (`_german_clause`).
_GERMAN_WORDS = frozenset("der die das dem den und ist sind wird wurde wurden hat haben nicht mit von für auf sich "
                          "wir sie ein eine einen einem einer zum zur bei nach über auch werden dass "
                          "es er ich ihr uns noch nur aber oder wenn weil ob gibt gab kam kann muss soll".split())
# Those of German's commonest words that are common words of another language too: "ich" Polish
# ("their"), "sie" Polish without its diacritic, "es" Spanish ("is"), "die" Dutch and Afrikaans,
# "er" Danish's "is", "den" and "dem" Scandinavian, "noch" Dutch, "mit" Hungarian.  One of them
# alone is no German ("Rosja i ich sojusznicy", "El gobierno es"): a quote needs two of them, one
# that is German only, or an article before a noun in capitals (`_before_noun`: "Die Regierung
# erkennt die Wahlen"; `_german_clause`).
_GERMAN_SHARED_WORDS = frozenset("ich es die er den dem noch sie mit".split())
_GERMAN_ARTICLES = frozenset("die den dem".split())
# The particles of a name between two words in capitals ("Ursula von der Leyen", "van der Bellen"):
# no German words there (`_german_clause`).
_NAME_PARTICLES = frozenset("von van zu der den dem".split())
_CLAUSE_MARKS = _NE_CLAUSE_END | {"-"}  # what ends a clause inside a quote (a dash's key is "-")


def _german_clause(quote_tokens: list[Token], evidence: bool = True) -> GermanClause | None:
    """The quote's own clause (its words after its last mark of a clause's end, `_CLAUSE_MARKS`),
    when its last sentence is German: it holds one of German's commonest words (`_GERMAN_WORDS`)
    written in lower case, in capitals or opening the sentence; not "Die" inside one (a title's:
    "dziennik Die Welt") nor a name's particles ("Komisja Ursuli von der Leyen", `_NAME_PARTICLES`).
    The German rule (`_verb_final_negation`) reads the quote's words, not the source's around the
    cut: a Polish page's "Szkoła im." or "von der Leyen" near a quote made Polish German.  None for
    a quote in another language.  `evidence` False: the clause whatever its words
    (`_quote_clause`)."""
    last = max((i for i, t in enumerate(quote_tokens) if t.kind == "word"), default=None)
    if last is None:
        return None
    marks = [i for i, t in enumerate(quote_tokens[:last]) if t.kind != "word" and t.key in _CLAUSE_MARKS]
    stops = [i for i in marks if quote_tokens[i].key in SENTENCE_STOPS]
    sentence = [t for t in quote_tokens[stops[-1] + 1 if stops else 0 : last + 1] if t.kind == "word"]
    german = [i for i, word in enumerate(sentence)
              if word.key in _GERMAN_WORDS and (word.text.islower() or word.text.isupper() or i == 0)
              and not (word.key in _NAME_PARTICLES and _in_name(sentence, i))]
    german_only = any(sentence[i].key not in _GERMAN_SHARED_WORDS or _before_noun(sentence, i) for i in german)
    if evidence and not german_only and len({sentence[i].key for i in german}) < 2:
        return None
    opens_after = marks[-1] if marks else -1
    clause = [t for t in quote_tokens[opens_after + 1 : last + 1] if t.kind == "word"]
    first = clause[0].key
    subordinate = first in _GERMAN_SUBORDINATORS or first in _GERMAN_RELATIVES and opens_after >= 0 and quote_tokens[
        opens_after].key == ","
    return GermanClause(tuple(clause), subordinate, _holds_verb(sentence), by_nicht=not evidence)


_NICHT = ("nicht", "Nicht", "NICHT")


def _quote_clause(quote_tokens: list[Token], text: str) -> GermanClause | None:
    """The quote's German clause (`_german_clause`), or, for a quote whose words hold none of
    German's commonest words ("Putin lügt", "Scholz lehnt", "Kyjiw verhandelt": a name and a verb),
    its clause marked `by_nicht` where `text` holds "nicht": German's alone of the closing
    negations (`_GERMAN_CLOSING_NEGATIONS`; "nie" is Polish and Afrikaans too, and Dutch writes
    "niet", Swedish "inte"), and the only one `_verb_final_negation` then reads: "Putin lügt" for
    "Putin lügt nicht." drops it, where "Kaczyński kłamie" for "… nie." is Polish.  Only a clause
    of names and one or two words in lower case shaped like a German finite verb (`_GERMAN_FINITE`):
    "Ursula von der Leyen met the minister" for "… nicht." is English."""
    clause = _german_clause(quote_tokens)
    if clause is not None:
        return clause
    clause = _german_clause(quote_tokens, evidence=False)
    lower = [word for word in clause.words if not word.text[:1].isupper()] if clause is not None else []
    if not 0 < len(lower) <= 2 or not all(_GERMAN_FINITE.fullmatch(word.text) for word in lower):
        return None
    return clause if any(form in text for form in _NICHT) else None  # the text read last: 300 KB costs


def _before_noun(words: list[Token], i: int) -> bool:
    """Whether words[i], one of `_GERMAN_SHARED_WORDS`, is German's article before a noun, which
    German alone writes with a capital ("die Wahlen", "Die Regierung"; Dutch "die regering",
    Polish "ich sojusznicy" have none), or both in capitals ("DIE REGIERUNG", a headline's):
    German evidence on its own (`_german_clause`)."""
    if words[i].key not in _GERMAN_ARTICLES or i + 1 == len(words):
        return False
    after = words[i + 1].text
    return after.istitle() or words[i].text.isupper() and after.isupper()  # a headline in capitals


def _in_name(words: list[Token], i: int) -> bool:
    """Whether words[i], one of `_NAME_PARTICLES`, stands in a name: a run of them between two
    words in title case ("Ursula von der Leyen")."""
    j, k = i, i
    while j > 0 and words[j - 1].key in _NAME_PARTICLES:
        j -= 1
    while k + 1 < len(words) and words[k + 1].key in _NAME_PARTICLES:
        k += 1
    return j > 0 and k + 1 < len(words) and words[j - 1].text[:1].isupper() and words[k + 1].text[:1].isupper()


def _holds_german_closing(text: str) -> bool:
    """Whether `text` holds a German negation that may close a clause after a quote's last word
    (`_verb_final_negation`): found as written (str.find, C speed; a regular expression over a
    300 KB page costs ten times the alignment), so that a text without one (most) keeps the
    aligner's fast path for a German quote that ends on no auxiliary (`_end_weighed`).  Any
    negation the rule reads is found: after a soft hyphen or a line break too, in capitals."""
    for start in _GERMAN_STARTS:
        i = text.find(start)
        while i != -1:
            if not (i and text[i - 1].isalnum()) and _GERMAN_CLOSING.match(text, i):
                return True
            i = text.find(start, i + 1)
    return False


# The finite auxiliaries and modals that open German's verb bracket (Satzklammer): a main clause
# holding one ends on its participle or infinitive ("hat die Wahlen nicht anerkannt", "wird die
# Wahlen nicht anerkennen"); one holding none ends on a particle or nothing, and a participle's or
# infinitive's shape after its negation is an adverb or an adjective ("reagiert nicht angemessen",
# "hilft nicht deswegen", "gefällt nicht allen").  "haben", "werden", "können" count: they are
# plural finite forms too ("Wir werden die Wahlen nicht anerkennen").
_GERMAN_BRACKET_OPENERS = _AUXILIARIES_BY_LANGUAGE["de"] | keys(
    "sei seien wäre wären hätte hätten würde würden würdest könnte könnten müsste müssten dürfte dürften "
    "sollte sollten wollte wollten mag magst mögen möchte möchten lässt lasse lassen ließ ließen")
