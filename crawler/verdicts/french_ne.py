"""French's "ne": whether its partner follows ("n'a pas", "ne … jamais": `_ne_partner`, `_partner`),
and whether it denies nothing where it stands, the "ne" of "ne … que" (only: `_restrictive_ne`)
or the expletive one ("avant que les élections n'aient lieu": `_expletive_ne`), which makes a "ne"
added or dropped alone a minor change (`_idle_ne`); the verbs a "ne" alone denies (pouvoir,
savoir, oser, cesser: `_lone_ne_verb`), with the forms of French's modals, and an infinitive by its
shape (`_infinitive`).  negations.py reads it for `_negating_word`.  A "ne" whose partner is the
subject's determiner ("Aucun pays n'a") is subjects.py's, one that is no French negation at all
(Italian's clitic, "n'en déplaise") opening.py's (`_ne_denies`), and the partner after an
auxiliary ("n'est plus") silent_cut.py's and gaps.py's.
"""

from __future__ import annotations

import re
from itertools import takewhile

from crawler.align import SENTENCE_STOPS, Change, Token, iter_tokens, tokenize
from crawler.verdicts.clauses import _ASIDE

# The words that complete French's "ne" (`_ne_partner`): "n'acceptera pas", "n'a jamais", "n'y a
# plus", "n'a rien", "n'est ni" ...  Not "que": "ne … que" (only) denies nothing, and "que" is
# too common a word to tell a name from a verb ("L'AMBASSADE À N'DJAMENA RAPPELLE QUE").
_NE_PARTNERS = frozenset(
    "pas jamais plus rien aucun aucune personne guère point ni nul nulle nullement aucunement".split())
_NE_REACH = 5  # words after the one an "N'" is glued to, where its partner is looked for
_NE_CHARS = 80  # characters read for them
_NE_CLAUSE_END = frozenset(",;:") | SENTENCE_STOPS  # a partner is looked for up to one of these


def _ne_partner(token: Token, written: str) -> bool:
    """Whether one of `_NE_PARTNERS` follows the "N'" `token` in its clause, within `_NE_REACH`
    words after the word it is glued to.  An "N'" with a capital is cut from a name as from a
    verb (crawler/align.py `_elided_ne`: N'DJAMENA, N'Golo), and only its partner tells the
    negation ("N'ACCEPTERA PAS") from the name ("TRAVELLED TO N'DJAMENA ON MONDAY"); an "n'"
    in lower case is the negation's.  Read narrowly: a name taken for a negation makes a
    correct quote altered, while a "ne" missed with its partner kept ("N'ACCEPTERA PAS" for
    "ACCEPTERA PAS") still denies.  A "plus" that is no partner (`_partner`: "PLUS TARD", "LA
    PLUS GRANDE") is none here either."""
    words = _ne_words(token, written)
    return any(_partner(words, i) for i in range(1, min(len(words), 1 + _NE_REACH)))


def _ne_words(token: Token, written: str, asides: bool = False) -> list[Token]:
    """The words after the "ne" `token` in its clause (up to `_NE_CLAUSE_END`, `_NE_CHARS`
    characters): where its partner, or the "que" of "ne … que", is looked for.  `asides`: an
    aside between is read past (`_ASIDE`: "ne l'a, à ce jour, jamais reconnu" keeps its partner
    in its clause), its words left out."""
    end = min(len(written), token.end + _NE_CHARS)
    stretch = _ASIDE.sub(lambda m: " " * len(m[0]), written[token.end : end]) if asides else None
    words = []
    for t in iter_tokens(written, token.end, end):
        if stretch is not None and stretch[t.start - token.end].isspace():
            continue  # inside an aside
        if t.key in _NE_CLAUSE_END:
            break
        if t.kind == "word":
            words.append(t)
    return words


# "plus" is no partner of "ne" before these ("plus tard": later) or after these ("la plus grande").
_PLUS_NOT_PARTNER_BEFORE = frozenset("tard tôt".split())
_PLUS_NOT_PARTNER_AFTER = frozenset("le la les du des au aux".split())


def _partner(words: list[Token], i: int) -> bool:
    """Whether words[i] (of `_ne_words`) is a partner of "ne" (`_NE_PARTNERS`): not a "plus" of
    time or of a superlative ("N'DJAMENA … PLUS TARD", "la plus grande ville"), nor "plus ou
    moins" (more or less), which say "more", no "no more"."""
    key = words[i].key
    if key != "plus":
        return key in _NE_PARTNERS
    after = words[i + 1].key if i + 1 < len(words) else None
    if after == "ou" and i + 2 < len(words) and words[i + 2].key == "moins":
        return False  # "Ce n'est plus ou moins qu'une formalité": more or less, no "no more"
    return after not in _PLUS_NOT_PARTNER_BEFORE and (i == 0 or words[i - 1].key not in _PLUS_NOT_PARTNER_AFTER)


_NE = frozenset({"ne", "n'"})


def _idle_ne(change: Change, text: str, quote: str) -> bool:
    """Whether the change is a French "ne" alone, added or dropped, that denies nothing where it
    stands (`_restrictive_ne`, `_expletive_ne`): minor.  The expletive one says nothing ("avant
    que les élections aient lieu" for "n'aient lieu"); the "ne" of "ne … que" dropped with its
    "que" kept loses the "only", which narrows the claim and does not turn it round as a
    negation's "ne" does: at most minor, named in the reason ("ne → ∅")."""
    side, written = (change.old, text) if change.old else (change.new, quote)
    if change.old and change.new or len(side) != 1 or side[0].key not in _NE:
        return False
    return _restrictive_ne(side[0], written) or _expletive_ne(side[0], written)


def _que(token: Token) -> bool:
    """Whether a word is French "que", elided too ("qu'il", "qu’on": one word, its key's apostrophe
    straight, crawler/align.py `tokenize`)."""
    return token.key == "que" or token.key.startswith("qu'")


def _restrictive_ne(token: Token, written: str) -> bool:
    """Whether a "ne" is that of "ne … que" (only): the restriction's "que" follows it in its
    clause, within `_NE_REACH` words after the verb, before any partner ("La France ne reconnaît
    que la souveraineté de l'Ukraine": France recognizes only it).  It restricts, denies nothing;
    "ne … pas que" (not only) and "ne … plus que" keep their partner first and are read as one.

    Not a "que" that opens a clause after a verb (`_clause_que`): before pouvoir, savoir, oser
    or cesser a "ne" alone denies (`_lone_ne_verb`: "La France ne saurait accepter que la Russie
    viole …" says France cannot accept it), and its "que" is the restriction's only right after
    that verb or the few words `_restriction_que` reads past ("ne peut que condamner", "ne peut
    être que politique", "ne pouvons donc que condamner": can only)."""
    words = _ne_words(token, written)
    verb = _ne_verb(words)
    lone = verb is not None and _lone_ne_verb(words[verb])
    for i in range(min(len(words), 1 + _NE_REACH)):
        if _partner(words, i):
            return False
        if i and _que(words[i]):
            if lone:
                return _restriction_que(words, verb, i)
            return not _clause_que(words, i, verb)
    return False


def _restriction_que(words: list[Token], verb: int, i: int) -> bool:
    """Whether the "que" words[i] after a lone "ne"'s verb words[verb] (`_lone_ne_verb`) is the
    restriction's: only `_BEFORE_RESTRICTION` words between them; and not savoir's "que" before
    an infinitive (`_KNOWS`, `_infinitive`: "ne sait que faire", "ne savait qu'en penser": does not
    know what to do, a negation)."""
    if any(words[j].key not in _BEFORE_RESTRICTION for j in range(verb + 1, i)):
        return False
    if words[verb].key not in _KNOWS:
        return True
    glued = words[i].key[3:] if words[i].key.startswith("qu'") else ""
    after = [glued] if glued and glued not in _CLITICS else []
    after += [t.key for t in words[i + 1 :] if t.key not in _CLITICS]
    return not (after and _infinitive(after[0]))


# Words between a "ne" and its verb: the object pronouns ("ne le peut", "ne s'en cesse", "n'y").
_CLITICS = frozenset("le la les l' se s' me m' te t' nous vous lui leur y en".split())
# Words that may stand between a lone "ne"'s verb and the "que" of its restriction
# (`_restriction_que`): "être", "avoir", "s'agir" ("ne peut être que politique", "ne saurait être
# qu'une étape", "ne peut s'agir que d'une mesure"), adverbs ("ne pouvons donc que condamner"),
# and the pronouns (`_CLITICS`).  Not another infinitive: "ne saurait accepter que la Russie …"
# opens a clause, and "ne peut garantir que" too.
_BEFORE_RESTRICTION = _CLITICS | frozenset(
    "être avoir s'agir agir donc alors ainsi dès lors désormais aujourd'hui d'ailleurs évidemment "
    "certes bien".split())
# An infinitive's shape: -er, -ir, -re, -oir after two letters at least (no French infinitive has fewer
# than four, "oser", "lire", "voir": "la mer", "le fer", "l'air", "l'ère" are nouns).
_INFINITIVE = re.compile(r"[^\W\d]{2,}(?:er|ir|re|oir)")
# French nouns whose ending is an infinitive's (`_infinitive`): "la victoire", "la facture", "l'affaire",
# "la frontière", "la guerre", "le ministre", "l'autre", "la lettre", "l'ordre", "le cadre", "l'offre",
# "le membre", "le nombre", "l'arbre" (no verb ends in -bre or -ffre, and in -ttre only mettre's and
# battre's, "permettre", "combattre"; not -ître, -être: "connaître", "être"), and the few verbs that
# end so (`_NOUN_SHAPED_VERBS`; "reconnaitre", "paraitre", "croitre" in the spelling of 1990, no
# circumflex, or in capitals without accents); and, by name, the nouns with a vowel first and a verb's
# ending that vouloir, savoir and devoir take after "l'" ("ne veut pas l'avenir que Moscou propose", "ne
# doit pas l'avenir à Moscou", "l'espoir", "l'hiver", "l'enfer", "l'empire", "l'émir", "l'élixir",
# "l'acier", "l'officier": `_PLURAL_OR_ELIDED_PRONOUNS`), none of them a verb; and by name too the nouns
# in -er, -ir of a consonant first that devoir (owe) takes after "le" ("… loyer de mars" for "ne doit pas
# le loyer de mars", "… dîner à Moscou": no pronoun's infinitive), whose endings no rule tells from a
# verb's, "le loyer" from "le payer", "le dossier" from "l'oublier", "le plaisir" from "le saisir":
# words no verb is ("loyer", "plaisir", "cuir") and those of verbs that take no object, so no "le" before
# them ("dîner", "déjeuner", "souper"); and the endings in -ier that few verbs have, -tier, -mier, -quier,
# -ssier, -rnier ("le quartier", "le métier", "le premier versement", "le dernier versement", "le banquier",
# "le dossier", "l'entier"; their verbs named: "châtier", "initier", "amnistier", "balbutier"), where
# -lier, -rier, -nier, -fier, -cier, -pier, -vier, -dier are verbs' as often ("oublier", "publier",
# "crier", "nier", "confier", "signifier", "négocier", "copier", "envier", "étudier").  Another such noun
# ("le calendrier") is read as "le" and its verb, an alarm: a noun missed costs an alarm, a verb named
# costs a miss ("… dire" for "ne doit pas le dire"); so is an adjective before a noun, but for
# "moindre" ("ne doit pas le moindre centime").
_NOUN_SHAPED = re.compile(r"[^\W\d]*(?:oire|ure|aire|ière|erre|(?<![îê])(?<!met|bat)tre|bre|ffre"
                          r"|tier|mier|quier|ssier|rnier)|(?:dés)?ordre"
                          r"|cadre|avenir|(?:dés)?espoir|hiver|enfer|empire|émir|élixir|acier|officier"
                          r"|loyer|foyer|papier|courrier|plaisir|loisir|désir|cuir|moindre"
                          r"|dîner|déjeuner|souper")
_NOUN_SHAPED_VERBS = re.compile(r"(?:cr|b)oire|(?:con|ex|in)clure|(?:dé|re|satis|contre|par)?faire|(?:dé|com)?plaire"
                                r"|taire|(?:ex|dis|sous|abs)?traire|[^\W\d]*(?:aitre|oitre)"
                                r"|ch[aâ]tier|initier|amnistier|balbutier")


def _infinitive(key: str) -> bool:
    """Whether a French word (its `key`) has an infinitive's shape (`_INFINITIVE`: -er, -ir, -re, -oir)
    and no noun's ending, unless one of the verbs that end so (`_NOUN_SHAPED`, `_NOUN_SHAPED_VERBS`):
    "accepter", "reconnaître", "croire", "faire", not "victoire", "facture", "affaire" ("La Grèce ne
    doit pas la victoire à la chance": devoir, to owe, before its object's article)."""
    return _INFINITIVE.fullmatch(key) is not None and (
        _NOUN_SHAPED.fullmatch(key) is None or _NOUN_SHAPED_VERBS.fullmatch(key) is not None)


_AVOIR = frozenset("a ai as avons avez ont avait avaient aura auront aurait auraient eu".split())
# Verbs whose "que" opens a clause (saying, thinking, accepting, wanting: `_clause_que`), by how
# their forms start ("accepter", "acceptons", "accepté"; "dire", "dit", "disons").
_CLAUSE_VERB = re.compile(r"(?:accept|admet|admis|affirm|annon|constat|consid|croi|cru|décid|déclar|demand"
                          r"|dire|dis|dit|esp[eè]r|estim|exig|ignor|indiqu|insist|not|oubli|pens|précis|rappel"
                          r"|reconn|regrett|répét|soulign|souhait|tolér|veu|voul|vouloir)\w*")


def _ne_verb(words: list[Token]) -> int | None:
    """The index in `words` (`_ne_words`) of the verb a "ne" stands before, its pronouns read past
    (`_CLITICS`), and a form of avoir read past when a past participle of `_lone_ne_verb` follows
    ("n'a pu"); None when the clause ends first."""
    i = next((j for j, t in enumerate(words) if t.key not in _CLITICS), None)
    if i is not None and words[i].key in _AVOIR and i + 1 < len(words) and _lone_ne_verb(words[i + 1]):
        return i + 1
    return i


def _lone_ne_verb(word: Token) -> bool:
    """Whether `word` is a form of pouvoir, savoir, oser or cesser (`_LONE_NE_MODALS`, `_LONE_NE_VERB`),
    which a "ne" alone denies."""
    return word.key in _LONE_NE_MODALS or _LONE_NE_VERB.fullmatch(word.key) is not None


def _clause_que(words: list[Token], i: int, verb: int | None) -> bool:
    """Whether the "que" words[i] opens a clause (a verb of saying, accepting or wanting right
    before it, `_CLAUSE_VERB`: "… accepter que la Russie viole") rather than restricting: the
    restriction's stands right after the verb or its object ("ne reconnaît que", "n'a respecté
    que deux"), so a "que" right after the "ne"'s own verb restricts whatever that verb is
    ("ne veut que la paix")."""
    return i - 1 != verb and _CLAUSE_VERB.fullmatch(words[i - 1].key) is not None


# What asks for a "ne" that denies nothing before the "que" of its clause (`_expletive_ne`): "avant
# que", "à moins que", "de peur que", "de crainte que", "sans que", the verbs of fearing and of
# preventing ("craindre que … ne", "éviter que … ne"), and a comparison ("plus grave qu'on ne le pense").
_EXPLETIVE_BEFORE_QUE = frozenset(
    "avant moins peur crainte sans craindre crains craint craignons craignez craignent craignait craignaient "
    "craignant redouter redoute redoutons redoutez redoutent redoutait empêcher empêche empêchons empêchent "
    "éviter évite évitons évitent plus moins mieux pire autre autrement meilleur meilleure".split())
# The comparatives among them, whose "que … ne" is expletive before pouvoir too ("plus graves qu'on ne
# peut l'imaginer": than one can imagine), where "que la Russie ne peut ignorer" denies alone.
_COMPARATIVE_ASKERS = frozenset("plus moins mieux pire autre autrement meilleur meilleure".split())
_EXPLETIVE_CHARS = 60  # characters read before a "ne" for the "que" and what asks for it
_EXPLETIVE_REACH = 3  # words before that "que" where the comparative of "plus grave qu'on ne" may stand


def _expletive_ne(token: Token, written: str) -> bool:
    """Whether a "ne" denies nothing where it stands: the expletive "ne" of a clause that a
    "que" opens after a word of `_EXPLETIVE_BEFORE_QUE` ("avant que les élections n'aient lieu",
    "à moins qu'il ne renonce", "nous craignons que la situation ne se détériore", "plus grave
    qu'on ne le pense"), with no partner after it: "de peur qu'il ne vienne pas" denies.  The
    word that asks for it stands before that "que", no other "que" between ("plus que jamais que
    la Russie ne peut": that "plus" is the first "que"'s); and a "ne" before pouvoir, savoir,
    oser or cesser (`_lone_ne_verb`) denies alone ("que la Russie ne peut ignorer"), but after a
    comparison's "que" (`_COMPARATIVE_ASKERS`: "plus graves qu'on ne peut l'imaginer")."""
    before = []
    for t in tokenize(written, max(0, token.start - _EXPLETIVE_CHARS), token.start):
        if t.key in _NE_CLAUSE_END:
            before = []
        elif t.kind == "word":
            before.append(t)
    que = next((i for i in range(len(before) - 1, -1, -1) if _que(before[i])), None)
    if que is None:
        return False
    asking = list(takewhile(lambda t: not _que(t), before[max(0, que - _EXPLETIVE_REACH) : que][::-1]))
    if not any(t.key in _EXPLETIVE_BEFORE_QUE for t in asking):
        return False
    words = _ne_words(token, written)
    verb = _ne_verb(words)
    if verb is not None and _lone_ne_verb(words[verb]) and not any(t.key in _COMPARATIVE_ASKERS for t in asking):
        return False
    return not any(_partner(words, i) for i in range(min(len(words), 1 + _NE_REACH)))


# The forms of French's modals, whose infinitive after them a "ne" before them denies ("ne pourrions
# pas l'accepter", "n'iront pas les soutenir"): present, imperfect, future, conditional, subjunctive,
# participle, infinitive (`_AUXILIARIES_BY_LANGUAGE`, `_infinitives_pronoun`).
_POUVOIR = frozenset(
    "peux peut pouvons pouvez peuvent pouvais pouvait pouvions pouviez pouvaient pourrai pourras pourra pourrons "
    "pourrez pourront pourrais pourrait pourrions pourriez pourraient puisse puisses puissions puissiez puissent pu "
    "pouvoir".split())
_DEVOIR = frozenset(
    "dois doit devons devez doivent devais devait devions deviez devaient devrai devras devra devrons devrez "
    "devront devrais devrait devrions devriez devraient doive doives dû devoir".split())
_ALLER = frozenset(
    "vais vas va allons allez vont allais allait allions alliez allaient irai iras ira irons irez iront irais "
    "irait irions iriez iraient aille ailles aillent".split())
_VOULOIR = frozenset(
    "veux veut voulons voulez veulent voulais voulait voulions vouliez voulaient voudrai voudras voudra voudrons "
    "voudrez voudront voudrais voudrait voudrions voudriez voudraient veuille veuillent voulu vouloir".split())
_SAVOIR = frozenset(
    "sais sait savons savez savent savais savait savions saviez savaient saurai sauras saura saurons saurez "
    "sauront saurais saurait saurions sauriez sauraient sache saches sachions sachiez sachent su".split())
# Falloir's forms ("il ne faut pas que", "il ne fallait pas qu'il": crawler/verdicts/opening.py
# `_must_not_that`); impersonal, the third person singular only.
_FALLOIR = frozenset("faut fallait faudra faudrait fallut faille fallu".split())
# Savoir's forms after a "ne" (`_LONE_NE_MODALS`, `_KNOWS`): `_SAVOIR`'s, the present participle ("ne
# sachant que faire") and the infinitive ("ne savoir que penser"), which `_SAVOIR` leaves out on purpose:
# "le savoir" is a noun as often, and no auxiliary then; after a "ne" it is the verb.
_SAVOIR_AFTER_NE = _SAVOIR | frozenset("savoir sachant".split())
# The forms a "ne" alone denies in literary French (`_lone_ne_verb`): pouvoir's and savoir's ("ne peut",
# "ne pouvant que constater", "ne saurait", "n'a pu"), and oser's and cesser's, by their forms ("n'ose",
# "ne cesse de").
_LONE_NE_MODALS = _POUVOIR | _SAVOIR_AFTER_NE | frozenset({"pouvant"})
_LONE_NE_VERB = re.compile(r"os(?:e|es|ons|ez|ent|ais|ait|ions|iez|aient|é|ée|er|era|erai|erait|eraient|eront)"
                           r"|cess\w*")
# Savoir's forms whose "que" before an infinitive after a lone "ne" asks (`_restriction_que`): "ne sait
# que faire", "ne savait qu'en penser" (does not know what to do).  Not the conditional, on purpose: "ne
# saurait que se féliciter" (can only welcome) restricts.
_KNOWS = _SAVOIR_AFTER_NE - frozenset("saurais saurait saurions sauriez sauraient".split())
