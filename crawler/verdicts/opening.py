"""The negation right before a quote's first word (`_opening_negation`): walking back over the words
that may stand between a negation and the verb it denies in the negation's language
(`_stands_between`, `_fits_between`: "does not", "n'a pas", "no lo ha", a French infinitive's
pronoun, `_infinitives_pronoun`; "il ne faut pas que" and the subject of its clause, `_must_not_that`)
to one that denies that word; not "whether or not", "not to
mention", "не может не" (`_cannot_but`), a "no" named as the answer or a vote's side (`_named_no`,
`_side_wins`), nor a "ne" that is no French negation (`_ne_denies`); and the denying subject of an
auxiliary that the quote opens past, at its verb or in a German or Dutch middle field quoted to its
clause's closing verb (`_subject_past_auxiliary`: "… recognized" for "No country has recognized", "…
die Annexion anerkannt" for "Kein Land hat die Annexion anerkannt").  gaps.py (`_opening_run`)
asks it what an opening ellipsis hides, and what a gap that opens the quote's next clause does.
"""

from __future__ import annotations

import itertools
import re

from crawler.align import Token, tokenize
from crawler.verdicts.auxiliaries import (_AUXILIARIES_BY_LANGUAGE, _GLUED_PRONOUN, _MOCH, _RUSSIAN_AUXILIARY, _adverb,
                                          _auxiliary, _past_participle)
from crawler.verdicts.clauses import (_BEFORE_GAP, _CLAUSE_ENDS_HERE, _CLAUSE_MARK, _QUOTE_MARKS, _opens_sentence,
                                      _same_phrase, _words_before)
from crawler.verdicts.dutch import _DUTCH_NONFINITE, _DUTCH_SLOT_MODALS
from crawler.verdicts.french_ne import (_ALLER, _CLITICS, _DEVOIR, _FALLOIR, _NE, _NE_PARTNERS, _NE_REACH, _POUVOIR,
                                        _SAVOIR, _VOULOIR, _infinitive, _lone_ne_verb, _ne_verb, _ne_words, _partner,
                                        _que)
from crawler.verdicts.german import _GERMAN_NONFINITE
from crawler.verdicts.negations import (_DO, _NOT_IDIOMS, _additive_not, _after_yes, _dash_after, _negates,
                                        _negation_prefix)
from crawler.verdicts.subjects import (_DENIAL_NOT_TITLE_WORDS, _DENIER_PRONOUNS, _NATIONALITY_ENDING, _OTHER_CLAUSE,
                                       _SUBJECT_CHARS,
                                       _SUBJECT_DENIERS, _TITLE_SMALL_WORDS, _VERB_FORMS_SO_ENDING, _VERB_NEGATIONS,
                                       _denied_subject, _denies_no_verb, _denying_subject, _dutch_name, _dutch_subject,
                                       _excepted, _no_idiom, _no_title)
from crawler.verdicts.thresholds import Thresholds
from crawler.verdicts.words import MODALS, keys

# Words that may stand between a negation and the verb it denies (`_opening_negation`): auxiliaries
# ("has not been recognized"), adverbs of time or degree ("does not yet recognize"; an adverb in
# "-ly" too: "does not formally recognize"), and "just", "merely", "only" (`_additive_not` tells).
_BETWEEN_NOT_AND_VERB = MODALS | frozenset(
    "do does did be been being is are was were am have has had yet even ever always still also again "
    "just merely only quite really fully then now".split())
# The object pronouns that stand before an auxiliary ("no lo ha reconocido", "ne l'a pas"), by
# language (French's are `_CLITICS`).  Those that are articles too (`_ARTICLES`) stand between
# only before an auxiliary: "no es la solución" denies the copula, and "… solución" quotes a noun.
_CLITICS_BY_LANGUAGE = {
    "fr": _CLITICS, "es": frozenset("se lo la le les los las nos me te".split()),
    "pt": frozenset("se o a os as lhe lhes nos me te".split()),
    "it": frozenset("si lo la li le ci vi gli ne mi ti l' m' t' s' c'".split())}  # "non l'ha", elided apart
_ARTICLES = frozenset("le la les l' lo los las o a os as li".split())
# The words that may stand between a negation of a language and the verb it denies, by that
# language (`_NEGATION_LANGUAGES`, `_stands_between`): its auxiliaries, its object pronouns and a
# few adverbs of time or degree.  French puts its partner after the auxiliary ("n'a pas", "n'a
# jamais", "ne peut plus"): those stand between too, read with the "ne" before them.  German and
# Russian put the negation after the auxiliary or before the verb itself: only adverbs.
# French's partners and adverbs after the auxiliary (`_infinitives_pronoun` reads past them too).
_FRENCH_AFTER_AUXILIARY = frozenset("pas jamais plus guère point rien encore toujours vraiment".split())
_BETWEEN_BY_LANGUAGE = {
    "en": _BETWEEN_NOT_AND_VERB,
    "fr": _AUXILIARIES_BY_LANGUAGE["fr"] | _CLITICS | _FRENCH_AFTER_AUXILIARY,
    "es": _AUXILIARIES_BY_LANGUAGE["es"] | _CLITICS_BY_LANGUAGE["es"] | frozenset("todavía aún".split()),
    "pt": _AUXILIARIES_BY_LANGUAGE["pt"] | _CLITICS_BY_LANGUAGE["pt"] | frozenset({"ainda"}),
    "it": _AUXILIARIES_BY_LANGUAGE["it"] | _CLITICS_BY_LANGUAGE["it"] | frozenset("mai ancora".split()),
    "de": frozenset("mehr wieder länger ausdrücklich offiziell formell förmlich".split()),
    "ru": frozenset("ещё еще уже".split()),
    # Dutch puts its "niet" before the verb's end, its auxiliaries too ("niet heeft erkend", "niet kunnen
    # erkennen"), and "geen enkel" (not a single) before its noun.
    "nl": _AUXILIARIES_BY_LANGUAGE["nl"] | frozenset("enkel enkele meer langer formeel officieel".split()),
}
# French modals after which an object pronoun is that of the infinitive they govern
# (`_infinitives_pronoun`): pouvoir, devoir and aller ("ne peut l'accepter", "ne doit pas la
# reconnaître", "ne va pas les soutenir"); vouloir and savoir (`_FRENCH_WANTING_MODALS`), which take a
# noun as often as an infinitive, only after the plural or elided forms (`_PLURAL_OR_ELIDED_PRONOUNS`).
_FRENCH_INFINITIVE_MODALS = _POUVOIR | _DEVOIR | _ALLER
_FRENCH_WANTING_MODALS = _VOULOIR | _SAVOIR
# "l'" and "les", articles too, read as an infinitive's pronoun after vouloir and savoir ("ne veut pas
# l'accepter", "ne sait pas les convaincre"), where "le" and "la" are not: as articles they come before
# the many singular nouns shaped as an infinitive, "le pouvoir", "le dossier", "le plaisir", "la
# guerre" ("ne veut pas le pouvoir absolu"), where "les" before its noun makes it plural, and no
# infinitive ends in -s or -x ("ne veut pas les pouvoirs"), and "l'" leaves the nouns that open with a
# vowel, of which those shaped as an infinitive are few and named (`_NOUN_SHAPED`: "l'avenir",
# "l'espoir"; "l'offre" by its ending).
_PLURAL_OR_ELIDED_PRONOUNS = frozenset({"l'", "les"})
# French's articles before a masculine singular noun, which the auxiliaries' infinitives are as nouns
# ("le pouvoir", "le devoir", "l'avoir", "l'être"; `_fits_between`): "la" and "les" before them are
# pronouns.
_MASCULINE_ARTICLES = frozenset({"le", "l'"})
# The languages a negation's word is of, whose words may stand between it and its verb
# (`_opening_negation`); English for any other.  Not "no" in English: there it is a determiner of
# the word right after it ("No country may"), while Spanish's "no" denies a compound tense ("no ha
# reconocido").  Not Italian's "mai" either: "se mai", "come mai" are no negations (`_ever`).  "niemand"
# (nobody, German's too) is Dutch's before its auxiliary ("… de annexatie erkend" for "Niemand heeft de
# annexatie erkend"), and English's words between as for any other word.
_NEGATION_LANGUAGES = {
    "ne": ("fr",), "n'": ("fr",), "no": ("es",), "nunca": ("es", "pt"), "jamás": ("es",), "tampoco": ("es",),
    "não": ("pt",), "nem": ("pt",), "non": ("it",), "mai": ("it",), "не": ("ru",), "никогда": ("ru",),
    "nicht": ("de",), "nie": ("de",), "niemals": ("de",), "kein": ("de",), "keine": ("de",),
    "niet": ("nl",), "nooit": ("nl",), "geen": ("nl",), "niemand": ("nl", "en")}
# French's partners of "ne" that stand after an auxiliary and before the participle ("n'a pas
# reconnu", "n'a jamais accepté", "ne peut rien changer"): read with the "ne" before them, as a
# partner after a verb ("ne reconnaît pas l'annexion") is.
_PARTNERS_BEFORE_PARTICIPLE = frozenset("pas jamais rien".split())
# Negations that deny a verb where they stand before it, or (only "no") a noun: not French's
# partners after the verb ("ne reconnaît pas l'annexion": "pas" is the verb's), nor "without", a
# preposition ("no peace without full respect for").
_NOT_BEFORE_VERB = frozenset("pas jamais rien aucun aucune ni guère point plus without".split())
# "or" before a negation makes it the other half of a choice ("whether or not", "si … o no", "ob …
# oder nicht", "oui ou non"): it denies nothing of the words after it (`_opening_negation`).
_OR = frozenset("or o ou oder или либо oppure".split())


# Words at most between the "que" after "il ne faut pas" and the quote's first word: the clause's
# subject, an article and its noun ("que la France cède"; `_must_not_that`).
_THAT_CLAUSE_SUBJECT = 2


def _must_not_that(words: list[Token], first: int, text: str) -> int | None:
    """The index of the "ne" of "il ne faut pas que" (falloir's, `_FALLOIR`, and the partner after
    it, `_PARTNERS_BEFORE_PARTICIPLE` or "plus") that governs the clause of the quote's first word
    words[first]: the quote opens at that clause's "que" ("qu'il aille"), its subject or its verb,
    with at most `_THAT_CLAUSE_SUBJECT` words after the "que" ("… doive céder" for "Il ne faut pas que
    l'Ukraine doive céder", "… aille plus loin" for "Il ne faut pas qu'il aille plus loin").  The
    subjunctive then reads as what must be, where the source says it must not; none when another
    verb stands between ("Il ne faut pas oublier qu'il": the "ne" denies "oublier")."""
    that = next((j for j in range(first, max(-1, first - 1 - _THAT_CLAUSE_SUBJECT), -1) if _que(words[j])), None)
    if that is None or that < 3 or _restricts(words, that, text):
        return None
    ne, falloir, partner = words[that - 3 : that]
    if ne.key in _NE and falloir.key in _FALLOIR and partner.key in _PARTNERS_BEFORE_PARTICIPLE | {"plus"}:
        return that - 3
    return None


# What opens the noun phrase after the "que" of "ne … pas que", "ne … plus que" (not only, only): a
# partitive or an indefinite article, a numeral, a quantity ("Il ne faut plus que deux jours", "Il ne
# faut pas que des mots", "qu'une semaine"; `_restricts`).
_RESTRICTED_QUANTITIES = frozenset("des du de d' un une deux trois quatre cinq dix cent mille quelques "
                                   "plusieurs peu".split())
# Subject pronouns glued to an elided "qu'" ("qu'il aille"): a clause's, no restriction's (`_restricts`).
_ELIDED_SUBJECTS = frozenset("il ils elle elles on".split())


def _restricts(words: list[Token], that: int, text: str) -> bool:
    """Whether the "que" words[that] after "il ne faut pas" or "plus" is that of a restriction, "ne …
    que" (only), before a noun phrase, not the conjunction of a clause whose subjunctive the "ne"
    denies (`_must_not_that`): "Il ne faut pas que des mots, mais des actes" (not only words), "Il ne
    faut plus que deux jours" (only two days more): a quantity after it (`_RESTRICTED_QUANTITIES`, a
    number), or a clause mark (`text`'s) or the end within `_THAT_CLAUSE_SUBJECT` words after it, with no verb
    ("Il ne faut pas que cela : il faut aussi"); not "qu'il aille", "que la France cède"."""
    glued = words[that].key[3:] if words[that].key.startswith("qu'") else None
    if glued is not None:
        return glued not in _ELIDED_SUBJECTS
    after = words[that + 1 : that + 2 + _THAT_CLAUSE_SUBJECT]
    return (len(after) <= _THAT_CLAUSE_SUBJECT or after[0].key in _RESTRICTED_QUANTITIES or after[0].key[:1].isdigit()
            or _CLAUSE_MARK.search(text, words[that].end, after[-1].start) is not None)


# The negations that deny their verb and no subject (subjects.py `_VERB_NEGATIONS`, but Spanish's "no",
# English's determiner too): an exception after them leaves the verb denied (`_opening_negation`: "France did
# not, any more than Germany did, recognize", "France does not, besides, recognize"), where "Niemand, behalve
# Rusland, heeft" asserts it of the exception (`_excepted`).
_PLAIN_NOTS = frozenset(_VERB_NEGATIONS.values()) - {"no"}


def _no_longer(words: list[Token], i: int) -> bool:
    """Whether words[i] is the "longer" of "no longer" after an English auxiliary or modal ("will no longer be
    tolerated", "can no longer accept", "is no longer a member"), which denies the verb after it as "not"
    does (`_opening_negation`: "… be tolerated" drops it), where "no longer" elsewhere is no negation of
    the quote's word (`_NO_IDIOMS`: "no longer than", "for no longer than a week")."""
    return (i > 1 and words[i].key == "longer" and words[i - 1].key == "no"
            and _auxiliary(words[i - 2].key, "en"))


def _or_before(word: Token, negation: Token) -> bool:
    """Whether `word`, right before `negation`, is "or" (`_OR`: "whether or not", "o no", "ou não"):
    not Spanish's and Italian's "o" before Portuguese "não", whose "o" is the article of a
    nominalised infinitive ("O não ter assinado o acordo é grave" denies; or not is "ou não")."""
    return word.key in _OR and not (word.key == "o" and negation.key == "não")


def _opening_negation(words: list[Token], first: int, text: str, th: Thresholds) -> int | None:
    """The index in `words` of the negation that denies the quote's first word, words[first]
    (`_opening_run`): walking back from it over words that may stand between (`_stands_between`,
    at most `ellipsis_words` words) to a negation that stands before a verb ("not", "never",
    "n't", "ne" …), the words passed fitting its language (`_NEGATION_LANGUAGES`: "has not
    recognized", "n'a pas reconnu", "no ha reconocido", "не можем согласиться"), or "no" right
    before it, a verb's ("no reconoce") or a determiner of its noun ("No country may").  A
    French partner after an auxiliary ("pas" of "n'a pas reconnu") is passed on the way to its
    "ne"; after a verb it is that verb's ("ne reconnaît pas l'annexion": the quote names what
    is not recognized); a quote that opens with the partner keeps the negation ("… pas
    reconnu", "… mai riconosciuto").  Not the "not" of "not only" (`_additive_not`, read with
    the word after it when that word is left out too: the quote's own first word is no partner,
    "… merely symbolic" for "was not merely symbolic" drops a negation as "We … only welcome" does); not
    "No 2334", "no doubt", "spare no effort" (`_NO_IDIOMS`), though a negation that prefixes the
    first word with a hyphen is its own whatever comes before it ("… binding" for "a non-binding",
    "… respect" for "Le non-respect": `_negation_prefix`); not a "ne" that denies nothing ("ne
    peut être que", `_negating_word`), nor one that is no French negation (`_ne_denies`:
    Italian's clitic, "n'en déplaise"), which is passed as a pronoun; an article ("la" of "no es
    la solución") only before an auxiliary (`_fits_between`)."""
    if first >= len(words) or first == 0:
        return None
    if _cannot_but(words, first):  # "… не вызывать" for "не может не вызывать" drops "не может": a negation
        return first - 1 if words[first - 1].key == "нельзя" else first - 2
    must_not = _must_not_that(words, first, text)
    if must_not is not None:  # "… doive céder" for "Il ne faut pas que l'Ukraine doive céder"
        return must_not
    prefix = _negation_prefix(text, words[first].start)
    if prefix is not None and prefix.start == words[first - 1].start:
        return first - 1  # "… binding resolution" for "a non-binding resolution": opens inside the word it inverts
    for i in range(first - 1, max(-1, first - 1 - th.ellipsis_words), -1):
        word = words[i]
        if _no_longer(words, i) and words[first].key != "than":  # "will no longer be tolerated"; not "no longer than"
            return i - 1 if _fits_between(word, words[i + 1 : first + 1]) else None
        if _negates(words, range(i, i + 1), text):
            if word.key in _PARTNERS_BEFORE_PARTICIPLE:
                continue  # "n'a pas reconnu": its "ne" is further back; "reconnaît pas": the verb's, stops the walk
            if _not_french_ne(word, text):
                continue  # Italian's clitic "ne" ("ne ha preso atto"), "n'en déplaise": a pronoun, passed
            if _cannot_but(words, i):
                return None
            if _dutch_name(words, i, text):
                return None  # "Minister Geen heeft gereageerd": a name, the subject
            if word.key not in _PLAIN_NOTS and _excepted(text, word, words[first]):
                return None  # "Niemand, behalve Rusland, heeft": asserted of the exception
            if word.key in _NOT_BEFORE_VERB:
                return None
            if not _fits_between(word, words[i + 1 : first + 1]):
                return None
            if _negates(words, range(first, first + 1), text) and not _not_french_ne(words[first], text):
                return None  # "… pas reconnu" for "n'a pas reconnu": the quote's own partner denies
            if i and _or_before(words[i - 1], word):  # "whether or not the elections are held": either way
                return None
            if word.key == "not" and any([t.key for t in words[i + 1 : i + 1 + len(idiom)]] == list(idiom)
                                         for idiom in _NOT_IDIOMS):
                return None
            if word.key == "no" and (_no_idiom(words, i) or _no_title(words, i, first + 1)
                                     or words[first].key[:1].isdigit()):
                return None
            if _named_no(words, i, text):
                return None
            if _denies_no_verb(words, i):
                return None  # "más que ningún otro país ha", "La terra di nessuno è": nothing of the verb denied
            following = words[i + 1] if i + 1 < first else None
            return None if _additive_not(word, following, text) else i
        if not any(_stands_between(word.key, language) for language in _BETWEEN_BY_LANGUAGE):
            return None
    return None


# Articles (with a preposition glued: "du", "del") before a "no" or "non" that make it a noun, the
# answer or the side of a vote (`_named_no`): "Les partisans du non", "Il fronte del no", "El no".
# Not "a" ("a no ser que", "a não reconhecer": a preposition before a negated verb), nor "uno" (one:
# "Uno no puede").
_NO_ARTICLES = frozenset("le du au un el al il lo del dal".split())  # not "do" ("do no harm")
_ITALIAN_NO_ARTICLES = frozenset("il lo del dal al".split())  # before "non", never a noun (`_named_no`)
_NAO_ARTICLES = frozenset("o do ao".split())  # Portuguese's, before "não" only: "Os partidários do não"
_NOUN_NO = frozenset({"no", "non", "não"})
# French nouns that "non" prefixes, its hyphen often left out ("le non respect des règles", "du non
# paiement"): after an article that "non" inverts the noun, and is no No side (`_named_no`), so "…
# respect des règles" for "Le non respect des règles est grave" drops it.
_NON_COMPOUND_HEADS = frozenset(
    "respect recours paiement remboursement renouvellement application assistance ingérence intervention "
    "prolifération agression discrimination conformité exécution reconnaissance cumul retour versement".split())
# Portuguese nouns that "não" prefixes after an article, its hyphen often left out ("O não cumprimento do
# acordo", "do não pagamento"): nouns in -mento and these; after "o" that "não" inverts the noun and is
# no No side (`_named_no`), so "… cumprimento do acordo é grave" drops it, as "Le non respect" does.
_NAO_COMPOUND_HEADS = frozenset("uso repasse envio retorno respeito acatamento".split())
# An infinitive after such an article's "no" or "non", an object pronoun glued or not, which makes
# it a negation of a nominalised infinitive: "Al no reconocer", "Il non aver firmato", "dal non
# rispettare", "del non averlo firmato" (`_named_no`); the short ones by name: "Il non fare nulla",
# "Il non farlo", "Ao não ter maioria", "Ao não pôr fim", "ao não tê-lo feito" ("tê" before its
# hyphen), "Al no reír".
_INFINITIVE_AFTER_NO = re.compile(
    r"(?:\w{2,}(?:ar|er|ir|ír|are|ere|ire|rre)|fare|dire|dare|far|dir|dar|ser|ter|ler|ir|ver|vir|rir|pôr|oír"
    r"|tê|fazê|dizê|pô)(?:l[oaie]s?|gli|se|si|ne|ci|me|te|nos)?")
# Words after Spanish "el no" that keep it a noun ("El no de Francia", "el no rotundo"): with any
# other after it, "El" is the pronoun "Él" written without its accent (headlines, capitals: "El no
# ha reconocido las elecciones").
_EL_NO_NOUN_AFTER = frozenset("de del a al en por para con contra que y o rotundo".split())
# Spanish verbs whose subject is a vote's side (ganar, vencer, triunfar, arrasar, imponerse,
# prevalecer) by how their forms start: after a capital "El no" opening a sentence they keep "no"
# the No side ("El no ganó el referéndum", "El no se impuso", "El no ha vencido": `_side_wins`).
_NO_SIDE_WINS = re.compile(r"(?:gan|venc|venz|triunf|arras(?!tr)|prevalec|prevalez)\w*")  # not arrastrar
# Querer's forms among the Spanish auxiliaries: after "El no" they make "El" the pronoun (`_side_wins`).
_WANTS = frozenset("quiere queremos quieren".split())
# Imponerse wins only with its "se" ("El no se impuso"): "El no impuso sanciones" is "Él no" (`_side_wins`).
_NO_SIDE_PREVAILS = re.compile(r"(?:impus|impon|impuest)\w*")


def _named_no(words: list[Token], i: int, text: str) -> bool:
    """Whether the "no", "non" or "não" words[i] is a noun or a word named, which denies no verb
    after it (`_opening_negation`): written between quotation marks, spaced or not, as the
    answer ("«No» ha detto il ministro", "« Non » a répondu le ministre": the minister said "no")
    or with nothing after it in its phrase; the answer set off by a comma, whatever an aside after
    it hides ("No, he said, sanctions have worked", "Non, dit-il, la Russie a cédé"; "España no, por
    ahora, ha reconocido" is missed), or by a dash before a name ("he said no-Moscow will":
    `_dash_after`); after "yes and" (`_after_yes`: "yes and no votes were cast", the two sides); or
    after an article (`_NO_ARTICLES`: "Les partisans du
    non ont voté", "Il fronte del no ha vinto") with no infinitive after it (`_INFINITIVE_AFTER_NO`:
    "Al no reconocer", "Il non aver firmato" deny; Italian's "non" after one never,
    `_ITALIAN_NO_ARTICLES`: "Il non intervento"), a capital "El" opening a sentence only before a
    word of `_EL_NO_NOUN_AFTER` or a verb of winning a vote (`_side_wins`: "El no ganó el
    referéndum"; "El no ha reconocido" is "Él no": `_may_be_el_pronoun`).  "… ha detto il
    ministro" quotes the sentence as it stands; "L'UE «non» riconosce" denies, the negation
    stressed."""
    word = words[i]
    if word.key not in _NOUN_NO:
        return False
    following = words[i + 1] if i + 1 < len(words) else None
    opening, closing = text[max(0, word.start - 3) : word.start].rstrip(), text[word.end : word.end + 3].lstrip()
    if opening[-1:] in _QUOTE_MARKS and closing[:1] in _QUOTE_MARKS:  # "« Non »" too
        closed = text.index(closing[0], word.end) + 1
        if word.text[:1].isupper() or following is None or not _same_phrase(text, closed, following.start):
            return True  # the answer, or the word named: "ha detto «no».": not "L'UE «non» riconosce"
    if closing[:1] == "," or _dash_after(word, text):
        return True  # "No, he said, sanctions have worked", "he said no-Moscow will": the answer set off
    if _after_yes(word, text):
        return True  # "yes and no votes were cast": the two answers, the sides of a vote
    articles = _NAO_ARTICLES if word.key == "não" else _NO_ARTICLES
    if i == 0 or words[i - 1].key not in articles:
        return False
    if word.key == "non" and words[i - 1].key in _ITALIAN_NO_ARTICLES:
        return False  # Italian's noun is "il no": "Il non intervento", "Il non fare nulla" deny
    if following is None:
        return True
    if word.key == "non" and following.key in _NON_COMPOUND_HEADS:
        return False  # "Le non respect des règles": "non-respect" written apart, no No side
    if word.key == "não" and (following.key.endswith("mento") or following.key in _NAO_COMPOUND_HEADS):
        return False  # "O não cumprimento do acordo": "não-cumprimento" written apart, no No side
    quoted = opening[-1:] in _QUOTE_MARKS and closing[:1] in _QUOTE_MARKS  # "El «no» ganó"
    if words[i - 1].key == "el" and not quoted and _may_be_el_pronoun(words[i - 1], text):
        return following.key in _EL_NO_NOUN_AFTER or _side_wins(words[i + 1 :])
    return _INFINITIVE_AFTER_NO.fullmatch(following.key) is None


def _side_wins(after: list[Token]) -> bool:
    """Whether the words `after` a capital "El no" that may be "Él no" (`_may_be_el_pronoun`) open
    with a verb of winning a vote (`_NO_SIDE_WINS`; `_NO_SIDE_PREVAILS` after its "se"), a "se" or
    an auxiliary read past ("se impuso", "ha ganado"): what a vote's side does, so "El no ganó el
    referéndum" names the No side, and "… ganó el referéndum" quotes what it did.  "Él no ganó",
    its accent left out, reads alike and is missed: a false alarm on the side's win costs more.  Any
    other verb keeps the pronoun, a negation when in doubt ("El no ha reconocido las elecciones",
    "El no es claro"), and so does querer before the verb (`_WANTS`: "El no quiere ganar las
    elecciones", he does not want to win: a will is a person's, no side's)."""
    verb = next((j for j, t in enumerate(after[:3])
                 if t.key != "se" and (t.key in _WANTS or not _auxiliary(t.key, "es"))), None)
    if verb is None:
        return False
    key, reflexive = after[verb].key, any(t.key == "se" for t in after[:verb])
    return _NO_SIDE_WINS.fullmatch(key) is not None or reflexive and _NO_SIDE_PREVAILS.fullmatch(key) is not None


def _may_be_el_pronoun(article: Token, text: str) -> bool:
    """Whether Spanish "el" (`article`, before "no") may be the pronoun "Él" written without its
    accent: only "El" or "EL" opening a sentence ("El no ha reconocido las elecciones", headlines in
    capitals), since the pronoun keeps its accent in lower case: "En Grecia, el no ganó el
    referéndum", "la campaña por el no" name the No side (`_named_no`)."""
    if not article.text[:1].isupper():
        return False
    tokens = tokenize(text, max(0, article.start - _BEFORE_GAP), article.end)
    return _opens_sentence(next((t for t in tokens if t.start == article.start), article), tokens)


def _stands_between(key: str, language: str) -> bool:
    """Whether a word (its `key`) may stand between a negation of `language` and the verb it
    denies (`_BETWEEN_BY_LANGUAGE`, Russian's `_MOCH` and `_RUSSIAN_AUXILIARY`, an adverb by
    its ending, `_ADVERB_ENDINGS`; an auxiliary with its pronoun glued, "l'a")."""
    if language in ("fr", "it"):
        key = _GLUED_PRONOUN.sub("", key)
    if key in _BETWEEN_BY_LANGUAGE[language] or _adverb(key, language):
        return True
    return language == "ru" and (_MOCH.fullmatch(key) or _RUSSIAN_AUXILIARY.fullmatch(key)) is not None


def _fits_between(negation: Token, words: list[Token]) -> bool:
    """Whether all the words between a negation and the quote's first word (`words`: those, then
    the quote's first word) may stand there in one language of the negation's
    (`_NEGATION_LANGUAGES`, English for the rest): "does not" and "n'a pas", not "not ha" nor "no
    has"; none between fits any.  A pronoun that is an article too (`_ARTICLES`) only right before
    an auxiliary ("no lo ha reconocido"): before another word it is the article of a noun the
    quote opens with ("… solución" for "La guerra no es la solución", as "… solution" for "War is
    not the solution"), no verb the negation denies; or as a French infinitive's pronoun
    (`_infinitives_pronoun`: "ne peut pas l'accepter", "ne peut pas l'être"), where an auxiliary's
    infinitive after "le" or "l'" is a noun, as the auxiliary's is not (`_MASCULINE_ARTICLES`: "n'a
    pas le pouvoir de décider", "ne veut pas le pouvoir absolu", "n'est pas le devoir de l'État";
    "ne veut pas la devoir à Moscou", owe it, denies "devoir").  After vouloir and savoir that is the
    trade `_PLURAL_OR_ELIDED_PRONOUNS` makes for every infinitive: "… devoir à Moscou" for "ne veut pas
    le devoir à Moscou" (owe it) is missed as "… reconnaître" for "ne veut pas le reconnaître" is; of
    the probes' and the corpus's texts with vouloir, "le" and an auxiliary's infinitive, 3 name a noun
    ("le pouvoir absolu" twice, "le pouvoir seul") and 1 that verb."""
    between = words[:-1]
    languages = _NEGATION_LANGUAGES.get(negation.key, ("en",))
    clitics = len(list(itertools.takewhile(lambda t: t.key in _CLITICS, between))) if negation.key == "ne" else 0
    return not between or any(all(_stands_between(t.key, language) and (
        not _article(t.key, language) or k < clitics or _infinitives_pronoun(t, between[:k], after, language)
        or _auxiliary(after.key, language)
        and not (language == "fr" and t.key in _MASCULINE_ARTICLES and _infinitive(after.key)))
        for k, (t, after) in enumerate(zip(between, words[1:]))) for language in languages)


def _infinitives_pronoun(pronoun: Token, before: list[Token], after: Token, language: str) -> bool:
    """Whether an object `pronoun` that is an article too, after the words `before` it (from the
    negation's next) and before the word `after` it, is the pronoun of an infinitive: French puts it
    between the modal that governs that infinitive (`_FRENCH_INFINITIVE_MODALS`) and the infinitive
    (`_infinitive`), the modal's partner or an adverb read past (`_FRENCH_AFTER_AUXILIARY`): "La
    France ne peut l'accepter sans conditions", "ne peut pas la reconnaître", "n'a pu les
    convaincre", "ne pourrions pas l'accepter".  "… accepter sans conditions" then drops the "ne" as
    "… accepte" for "ne l'accepte" does.  After vouloir and savoir only "l'" and "les"
    (`_FRENCH_WANTING_MODALS`: "ne veut pas l'accepter"; "ne veut pas la guerre", "le pouvoir"
    name what is not wanted).  Devoir takes a noun too (owe): "ne doit pas la somme réclamée", "les
    intérêts", "la victoire à la chance" name what is not owed, the "la" its article (a noun with an
    infinitive's ending, `_infinitive`, too: "la facture réclamée")."""
    if language != "fr" or not _infinitive(after.key):
        return False
    modal = next((t for t in reversed(before) if t.key not in _FRENCH_AFTER_AUXILIARY and not _adverb(t.key, "fr")),
                 None)
    return modal is not None and (modal.key in _FRENCH_INFINITIVE_MODALS or modal.key in _FRENCH_WANTING_MODALS
                                  and pronoun.key in _PLURAL_OR_ELIDED_PRONOUNS)


def _article(key: str, language: str) -> bool:
    """Whether a word (its `key`) is one of `language`'s object pronouns that is an article too
    (`_ARTICLES`: "la", "lo", Portuguese "a"; not French "a", which is "has")."""
    return key in _ARTICLES and key in _CLITICS_BY_LANGUAGE.get(language, ())


def _not_french_ne(token: Token, written: str) -> bool:
    """Whether `token` is a "ne" that is no French negation (`_ne_denies`): Italian's clitic, "n'en
    déplaise".  The opening walk (`_opening_negation`) passes it, before the quote's first word or
    as that word: "… ne ha preso atto" for "Il Governo non ne ha preso atto" drops the "non"."""
    return token.key in _NE and not _ne_denies(token, written)


def _ne_denies(token: Token, written: str) -> bool:
    """Whether a "ne" that `_negating_word` reads as a negation has what makes it French's: a
    partner in its clause (`_partner`: "n'a pas", "ne l'a jamais"), one that opens the clause
    right before it ("Personne n'a le droit", "Rien ne justifie", `_NE_PARTNERS`) or a verb that
    a "ne" alone denies (`_lone_ne_verb`: "ne saurait accepter").  Without either it is Italian's clitic ("Il
    Ministro ne ha preso atto": took note of it) or an idiom that denies nothing ("n'en déplaise à
    la Russie": whether Russia likes it or not), and an opening ellipsis before the words after
    it hides no negation."""
    words = _ne_words(token, written, asides=True)
    verb = _ne_verb(words)
    before = _words_before(token, written)
    return (any(_partner(words, i) for i in range(min(len(words), 1 + _NE_REACH)))
            or verb is not None and _lone_ne_verb(words[verb])
            or bool(before) and before[-1].key in _NE_PARTNERS
            or _denying_subject(_words_before(token, written, _SUBJECT_CHARS), token, written) is not None)


def _cannot_but(words: list[Token], i: int) -> bool:
    """Whether the "не" words[i] is the second of "не может не" (cannot but: "Это не может не
    вызывать озабоченность" says it does cause concern), a form of мочь between the two: it
    cancels the first, and together they deny nothing of the words after them; "нельзя не" (one
    cannot but) too."""
    if words[i].key != "не" or i == 0:
        return False
    if words[i - 1].key == "нельзя":
        return True
    return i > 1 and words[i - 2].key == "не" and _MOCH.fullmatch(words[i - 1].key) is not None


# The adverbs that may stand between a finite auxiliary and the quote's first word in the middle of a
# German or Dutch clause (`_subject_past_auxiliary`: "Kein Land hat bisher die Annexion anerkannt", "Geen
# land heeft ooit de annexatie erkend").
_MIDDLE_ADVERBS = frozenset("bisher bislang jemals je schon bereits noch gestern heute offiziell "
                            "ooit nog al inmiddels gisteren vandaag officieel".split())
# The nonfinite verb that closes a German or a Dutch clause after its finite auxiliary, by the language's
# shape (german.py `_GERMAN_NONFINITE`, dutch.py `_DUTCH_NONFINITE`).
_CLOSING_NONFINITE = {"de": _GERMAN_NONFINITE, "nl": _DUTCH_NONFINITE}
# The articles that only a noun follows (`_closes_with_verb`), German's and Dutch's: not "het", "das", "die",
# "der", "dem", pronouns before a participle as often ("Niemand heeft het erkend", "Kein Land hat das
# anerkannt"); German's nouns have their capital besides.
_NOUNS_ARTICLES = frozenset("de een ein eine einen einem einer".split())
# The words before a finite auxiliary that make the clause's subject come after it in German and Dutch
# (`_subject_past_auxiliary`: "Gestern hat kein Land die Annexion anerkannt"): adverbs of time, none
# a subject.
_INVERTING_ADVERBS = frozenset("gestern heute bisher bislang inzwischen mittlerweile damals "
                               "gisteren vandaag inmiddels toen".split())


def _subject_past_auxiliary(words: list[Token], first: int, text: str, until: int | None) -> Token | None:
    """The determiner that denies the subject of the auxiliary a quote opens past (`_opening_run`), the
    auxiliary and adverbs only between (`_denied_subject` reads the subject from the auxiliary): English's
    verb right after them, a past participle ("… recognized the annexation" for "No country has
    recognized the annexation", `_past_participle`) or a modal's infinitive ("… recognize" for "No
    country will recognize"); German's and Dutch's middle field, the auxiliary put second and the quote
    reaching, at `until` (the quote's end in the text, where known), the nonfinite verb that closes the
    clause ("… die Annexion anerkannt" for "Kein Land hat die Annexion anerkannt", "… de annexatie erkend"
    for "Geen enkel land heeft ooit de annexatie erkend"), or the subject after the auxiliary, an adverb
    of time before it (`_INVERTING_ADVERBS`: "Gestern hat kein Land die Annexion anerkannt").  Not a
    noun phrase the auxiliary has as a verb, or quoted without its clause's verb ("… the right to annex"
    for "No country has the right to annex", "… die Annexion" for "Kein Land hat die Annexion
    anerkannt"): those name what the source names and assert nothing it denies; nor a clause of its own
    the quote opens with ("… dat Rusland de annexatie erkent" for "Niemand wil dat Rusland de annexatie
    erkent": `_OTHER_CLAUSE`).  An English adverbial that denies, the auxiliary put before the subject
    (`_denying_adverbial`: "At no time has the Council recognized"), and Italian's, Spanish's, Portuguese's
    participle after the auxiliary (`_romance_participle`: "… riconosciuto" for "Nessun paese ha
    riconosciuto") too."""
    if not 1 < first < len(words):
        return None
    run = _english_auxiliaries(words, first)
    found = None if run is None else _denied_subject(words, run, text)
    if found is not None and found.key in _SUBJECT_DENIERS["en"]:  # not German's "Kein Land will eine Eskalation"
        return found
    found = _denying_adverbial(words, first) or _romance_participle(words, first, text) or (
        _inside_name(words, first, text))
    if found is not None:
        return found
    j = first - 1
    while j > 0 and words[j].key in _MIDDLE_ADVERBS:
        j -= 1
    for language in _CLOSING_NONFINITE:
        if _auxiliary(words[first].key, language) or not _closes_with_verb(words[first], text, until, language):
            continue  # "… hat der Kanzler bestätigt" for "Dass keine Einigung erzielt wurde hat": its own verb
        if words[first].key in _OTHER_CLAUSE[language]:
            continue  # "… dat Rusland de annexatie erkent" for "Niemand wil dat Rusland …": that clause's verb
        found = _denied_subject(words, j, text) if _auxiliary(words[j].key, language) else None
        found = found or _inverted_subject(words, j, language, text) or _slot_modals_subject(words, j, language, text)
        if found is not None and found.key in _SUBJECT_DENIERS[language]:  # not "No country was a safe haven"
            return found
    return None


def _english_auxiliaries(words: list[Token], first: int) -> int | None:
    """The index of the first of the English auxiliaries (and -ly adverbs) that the quote opens in or
    past, at words[first] (`_subject_past_auxiliary`), one of them at least before it, where the verb
    after them is theirs: a past participle after a form of have or be ("has recognized", "has been
    consulted", "shall be held", "has ever recognized"), any word in lower case that no noun phrase goes on
    with after a modal
    ("will recognize").  None for a noun or an adjective after them ("has the right", "is ready to")."""
    def between(k: int) -> bool:  # "has ever recognized", "has yet to": `_BETWEEN_NOT_AND_VERB`'s adverbs too
        return words[k].key in _BETWEEN_NOT_AND_VERB or _adverb(words[k].key, "en")
    verb = first
    while verb < len(words) and between(verb):
        verb += 1
    start = first
    while start > 0 and between(start - 1):
        start -= 1
    auxiliaries = [k for k in range(start, verb) if _auxiliary(words[k].key, "en")]
    if start == first or not auxiliaries or not _english_verb(words, verb, words[auxiliaries[-1]]):
        return None
    return auxiliaries[0]


def _english_verb(words: list[Token], verb: int, auxiliary: Token) -> bool:
    """Whether words[verb] is the verb of the English `auxiliary` before it (`_english_auxiliaries`,
    `_denying_adverbial`): a past participle, or after a modal any word in lower case that no noun phrase
    goes on with ("will recognize"; not "has the right", "is ready to")."""
    if verb >= len(words) or not words[verb].text.islower():
        return False
    key = words[verb].key
    return _past_participle(key) or auxiliary.key in MODALS and key not in _TITLE_SMALL_WORDS and not (
        key[:1].isdigit())


# The English adverbials of a denial that put the auxiliary before its subject (`_denying_adverbial`: "At no
# time has the Council recognized", "In no way has", "Under no circumstances will such acts be tolerated"):
# the preposition, "no" and its noun.  Not "never", "never before", "not until" ("Never before has a
# country recognized so fast", "Not until 2014 did Russia annex": what is said was done), nor "in no time"
# (quickly).
_DENYING_ADVERBIALS = frozenset({("at", "no", "time"), ("at", "no", "point"), ("at", "no", "stage"),
                                 ("at", "no", "moment"), ("in", "no", "way"), ("in", "no", "case"),
                                 ("in", "no", "sense"), ("on", "no", "account"), ("under", "no", "circumstances"),
                                 ("by", "no", "means")})
_INVERTED_SUBJECT_WORDS = 4  # words at most of the subject after the auxiliary: "has the Security Council"


def _denying_adverbial(words: list[Token], first: int) -> Token | None:
    """The "no" of an English adverbial that denies (`_DENYING_ADVERBIALS`) opening the clause of the quote's
    first word words[first], its auxiliary put before a subject of at most `_INVERTED_SUBJECT_WORDS` words
    (no auxiliary, no word of another clause among them, `_OTHER_CLAUSE`) and the quote opening past that
    subject at the auxiliary's verb or the auxiliaries before it (`_english_verb`): "… recognized the
    annexation" for "At no time has the Council recognized the annexation", "… be tolerated" for "Under no
    circumstances will such acts be tolerated" assert what the source denies (`_subject_past_auxiliary`).
    Not after "did" (`_DO`: "At no point did anyone doubt" is read as no hidden denial)."""
    verb = first
    while verb < len(words) and (_auxiliary(words[verb].key, "en") or _adverb(words[verb].key, "en")):
        verb += 1
    for j in range(first - 2, max(2, first - 2 - _INVERTED_SUBJECT_WORDS), -1):
        auxiliary, subject = words[j], words[j + 1 : first]
        if not _auxiliary(auxiliary.key, "en"):
            continue
        if (auxiliary.key in _DO or tuple(t.key for t in words[j - 3 : j]) not in _DENYING_ADVERBIALS
                or any(_auxiliary(t.key, "en") or t.key in _OTHER_CLAUSE["en"] for t in subject)):
            return None
        opens = j == 3 or words[j - 4].key in _OTHER_CLAUSE["en"]
        last = next((words[k] for k in range(verb - 1, first - 1, -1) if _auxiliary(words[k].key, "en")), auxiliary)
        return words[j - 2] if opens and _english_verb(words, verb, last) else None
    return None


def _inside_name(words: list[Token], first: int, text: str) -> Token | None:
    """The "No" of an English subject the quote opens inside, past its first word, its verb right after the
    quote's first word, an auxiliary or a past participle: past an institution's or an office's name's words
    (`_DENIAL_NOT_TITLE_WORDS`, each written with a capital), "… State recognized the annexation" for "No
    Member State recognized the annexation"; or at the noun, past the words that qualify it (`_qualifier`:
    "… country has recognized" for "No European country has recognized", "… troops were deployed" for "No
    Russian troops were deployed"), both too ("… Member State has recognized", "… State has recognized" for
    "No other Member State has recognized"): each asserts what the subject denies, as "… Member State
    recognized" does (`_opening_negation` reads the "No" right before the quote).  A "no" in lower case
    anywhere ("…, but no European country has"); one with a capital where a clause opens, not inside a
    title ("The film No Other Land").  Not past a number or any other word: "… country has recognized" for
    "No more than one European country has recognized" asserts what is so; nor the side of a vote after
    "yes and" (`_after_yes`: "… voters have said" for "Yes and No British voters have said")."""
    if first + 1 >= len(words):
        return None
    opening = words[first]
    if _institution_word(opening):
        k = first
        while k > 0 and _institution_word(words[k]):
            k -= 1
    elif opening.text.islower() and opening.kind == "word" and not _auxiliary(opening.key, "en"):
        k = first - 1
    else:
        return None
    start = k
    while k > 0 and start - k < _QUALIFIERS and _qualifier(words[k]):
        k -= 1
    if not (k < first - 1 and words[k].text in ("No", "no")) or _after_yes(words[k], text):
        return None
    after = first + 1  # past the rest of the name: "… Member State has" for "No other Member State has"
    while after + 1 < len(words) and _institution_word(words[after]):
        after += 1
    verb = words[after]
    opens = k == 0 or words[k - 1].key in _OTHER_CLAUSE["en"] or words[k].text == "no"
    return words[k] if opens and verb.text.islower() and (
        _auxiliary(verb.key, "en") or _past_participle(verb.key)) else None


# The most words that qualify a subject's noun between "No" and the noun (`_inside_name`): "No other
# European Union country".
_QUALIFIERS = 4
# The words in lower case that qualify a denied subject's noun (`_qualifier`): "No other country", "No
# single State", "No foreign troops", "No new sanctions".
_LOWER_QUALIFIERS = keys("other single foreign new further additional major international western eastern "
                         "african asian arab")


def _qualifier(word: Token) -> bool:
    """Whether `word` qualifies a subject's noun after "No": an institution's word ("No European Union
    country"), an adjective of nationality written with a capital (subjects.py `_NATIONALITY_ENDING`:
    "Russian", "European", "British"), or one of `_LOWER_QUALIFIERS`."""
    return (_institution_word(word) or word.key in _LOWER_QUALIFIERS
            or word.text[:1].isupper() and not word.text.isupper()
            and _NATIONALITY_ENDING.fullmatch(word.key) is not None)


def _institution_word(word: Token) -> bool:
    """Whether `word` is a word of an institution's or an office's name written with a capital, not in
    capitals (`_DENIAL_NOT_TITLE_WORDS`: "Member", "State", "Council"; `_inside_name`)."""
    return word.key in _DENIAL_NOT_TITLE_WORDS and word.text[:1].isupper() and not word.text.isupper()


# Italian's, Spanish's and Portuguese's past participles by their regular endings (`_romance_participle`),
# the irregular ones being `_VERB_FORMS_SO_ENDING`'s: "riconosciuto", "firmata", "reconocido", "reconhecido".
_ROMANCE_PARTICIPLE = {"it": re.compile(r"[^\W\d]+(?:at|ut|it)[oaie]"), "es": re.compile(r"[^\W\d]+(?:ad|id)[oa]s?"),
                       "pt": re.compile(r"[^\W\d]+(?:ad|id)[oa]s?")}
# The adverbs that stand between such an auxiliary and its participle (`_romance_participle`: "ha mai
# riconosciuto", "ha todavía reconocido", "tem ainda reconhecido").
_ROMANCE_MIDDLE = keys("mai ancora già finora todavía aún ya ainda já")
# Nouns spelled as such participles that Italian's "ha" and Portuguese's "tem" (have) take as their object
# (`_romance_participle`): "… successo in Europa" for "Nessun partito ha successo in Europa", "… mandato per
# negoziare" for "Nessun paese ha mandato per negoziare", "… sentido" for "Nenhuma proposta tem sentido",
# "… mercado para o gás" for "Nenhum país tem mercado para o gás" quote a noun, as "… il diritto" does.
# Spanish's "ha" (haber) takes no noun.
_PARTICIPLE_SHAPED_NOUNS = {"it": keys("mandato mercato risultato senato successo"), "es": frozenset(),
                            "pt": keys("mercado resultado significado sentido cuidado partido")}


def _romance_participle(words: list[Token], first: int, text: str) -> Token | None:
    """The Italian, Spanish or Portuguese determiner that denies the subject of the auxiliary a quote opens
    past, at its participle (`_ROMANCE_PARTICIPLE`, `_VERB_FORMS_SO_ENDING`; adverbs between,
    `_ROMANCE_MIDDLE`): "… riconosciuto l'annessione" for "Nessun paese ha riconosciuto l'annessione", "…
    reconocido" for "Ningún país ha reconocido", "… reconhecido" for "Nenhum país tem reconhecido" assert
    what no country did, as "… ha riconosciuto" does (`_denied_subject`, which reads the subject back from
    the auxiliary, and what a reporting clause reports: "… detto il ministro" for "Nessun commento ha detto
    il ministro" quotes who said it).  Not a noun after the auxiliary ("… il diritto" for "Nessun paese ha
    il diritto"), one spelled as a participle too (`_PARTICIPLE_SHAPED_NOUNS`: "… successo" for "Nessun
    partito ha successo")."""
    j = first - 1
    while j > 0 and words[j].key in _ROMANCE_MIDDLE:
        j -= 1
    key = words[first].key
    for language, participle in _ROMANCE_PARTICIPLE.items():
        if not _auxiliary(words[j].key, language) or not words[first].text.islower() or not (
                participle.fullmatch(key) or _VERB_FORMS_SO_ENDING[language].fullmatch(key)) or (
                key in _PARTICIPLE_SHAPED_NOUNS[language]):
            continue
        found = _denied_subject(words, j, text)
        if found is not None and found.key in _SUBJECT_DENIERS[language]:
            return found
    return None


def _closes_with_verb(word: Token, text: str, until: int | None, language: str) -> bool:
    """Whether the quote, from `word` to `until` (its end in `text`), holds the rest of a German or a
    Dutch clause with no mark of a clause's end in it, and that clause closes there with a nonfinite verb
    (`_CLOSING_NONFINITE`): the end of the verb bracket an auxiliary opens.  The shape alone is a plural
    noun's too, in -en: not one with a capital, German's noun ("… Interesse an neuen Verhandlungen" for
    "Keine Seite hat Interesse an neuen Verhandlungen", the verb "have" and its object), nor one right after
    an article (`_NOUNS_ARTICLES`: "… bezwaar tegen de verkiezingen" for "Geen land heeft bezwaar tegen de
    verkiezingen")."""
    if until is None or until <= word.start or _CLAUSE_MARK.search(text, word.start, until):
        return False
    *before, last = tokenize(text, word.start, until)
    return (last.kind == "word" and last.text.islower() and _CLOSING_NONFINITE[language].fullmatch(last.key) is not None
            and not (before and before[-1].key in _NOUNS_ARTICLES) and _CLAUSE_ENDS_HERE.match(text, until) is not None)


def _inverted_subject(words: list[Token], j: int, language: str, text: str) -> Token | None:
    """The German or Dutch denying determiner and its noun, or "niemand", that stand right before
    words[j + 1], after a finite auxiliary put second after an adverb of time (`_INVERTING_ADVERBS`):
    "Gestern hat kein Land die Annexion anerkannt", "Gisteren heeft niemand de annexatie erkend", whose
    subject the quote's opening ellipsis then hides (`_subject_past_auxiliary`)."""
    found = _subject_ending(words, j, language, text)
    if found is None:
        return None
    auxiliary = next(k for k, t in enumerate(words) if t.start == found.start) - 1
    if auxiliary > 0 and _auxiliary(words[auxiliary].key, language) and words[auxiliary - 1].key in _INVERTING_ADVERBS:
        return found
    return None


# German's and Dutch's articles of a genitive after a denying pronoun (`_subject_ending`: "keiner der Staaten",
# "niemand van de landen" is longer and missed).
_GENITIVE_ARTICLES = keys("der des van")


def _subject_ending(words: list[Token], j: int, language: str, text: str) -> Token | None:
    """The German or Dutch denying determiner (`_SUBJECT_DENIERS`) of a subject that ends at words[j]: the
    pronoun alone ("niemand", "keiner") or before a genitive ("keiner der Staaten", `_GENITIVE_ARTICLES`),
    the determiner before its noun ("kein Land") or an adjective and its noun ("kein einziges Land", "geen
    enkel land", "kein europäisches Land"; the adjective in lower case) (`_inverted_subject`,
    `_slot_modals_subject`); not a name nor "not even" (`_dutch_subject`: "minister Geen", "Geen twee weken
    later")."""
    for size in (1, 2, 3):
        k = j + 1 - size
        if k < 0 or words[k].key not in _SUBJECT_DENIERS[language]:
            continue
        after = words[k + 1 : j + 1]
        if words[k].key in _DENIER_PRONOUNS:
            fits = not after or size == 3 and after[0].key in _GENITIVE_ARTICLES
        else:
            fits = size == 2 or size == 3 and after[0].text.islower()
        if fits and (language != "nl" or _dutch_subject(words, words[k], text)):
            return words[k]
    return None


def _slot_modals_subject(words: list[Token], j: int, language: str, text: str) -> Token | None:
    """"niemand" or "geen" and its noun (`_subject_ending`: "Geen enkel land wil") right before words[j],
    Dutch's "wil" where the finite verb stands (`_DUTCH_SLOT_MODALS`, no auxiliary as it is the noun too), in a
    clause the quote holds to its closing infinitive (`_subject_past_auxiliary`, `_closes_with_verb`): "… de
    annexatie erkennen" for "Niemand wil de annexatie erkennen", "Geen land wil de annexatie erkennen" asserts
    what no one will do.  Read only there: "wil" before a noun phrase is the verb "want" ("… een escalatie" for "Niemand wil een escalatie" names what no one wants, as "… an
    escalation" for "Nobody wants an escalation" does)."""
    if language == "nl" and j > 0 and words[j].key in _DUTCH_SLOT_MODALS:
        return _subject_ending(words, j - 1, language, text)
    return None
