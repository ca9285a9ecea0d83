"""Whether a word negates where it stands (`_negating_word`, `_negates`): a word of NEGATIONS, but not
"never" read as "ever" ("plus que jamais": `_ever`), the month May or mai (`_month`), a "ne" that
denies nothing (french_ne.py), a syllable of a name ("the Mai-Ndombe province") nor another
language's ordinary word in a sentence surely in that language (`_ordinary_word`: Portuguese "no
Brasil", in Brazil; Romanian "cel mai", the most; translation.py's py3langid among its tests; a
sentence too bare to name read by its page, `_written_around`);
"not only", which adds (`_additive_not`); a modal's word that is a noun (`_modal_noun`); a
negation prefixed with a hyphen to the word after it ("non-binding": `_negation_prefix`), "no one"
(`_no_one`) and the two sides of "yes and no" (`_after_yes`); and the negation right after a place
of a text (`_next_negation`).  The one reading of a negation's word that the rules on changes, ellipses,
silent cuts and subjects share; it stands on words.py, unspaced.py, clauses.py, french_ne.py and
translation.py.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from crawler.align import Token, iter_tokens, tokenize
from crawler.verdicts.clauses import (_BEFORE_GAP, _INVISIBLE, _neighbours, _same_phrase, _sentence_around,
                                      _sentence_span, _words_after, _words_before)
from crawler.verdicts.french_ne import _NE, _expletive_ne, _ne_partner, _restrictive_ne
from crawler.verdicts.thresholds import THRESHOLDS
from crawler.verdicts.translation import language, written_language
from crawler.verdicts.unspaced import _NEGATION, _NOT_NEGATION, APART_NEGATIONS, _apart, _keyed
from crawler.verdicts.words import MODALS, keys, word_kinds


def _negates(side: list[Token], own: range, written: str) -> bool:
    """Whether the words `own` of one side of a change (those the other side does not
    share) hold a negation: a word of NEGATIONS; in a script without spaces, where a
    negation is letters, not a word, letters of UNSPACED_NEGATIONS that reach into them
    (ไม่ for ม่ → ม้) but not inside a word of NOT_NEGATIONS (非 of 非洲), or a word of
    APART_NEGATIONS written apart in `written`, the text or the quote (안 한다, not 안보)."""
    if not own:
        return False
    if any(_negating_word(side[i], written) for i in own):
        return True
    keys, spans = _keyed(side)
    lo, hi = spans[own[0]][0], spans[own[-1]][1]
    masked = _NOT_NEGATION.sub(lambda m: " " * len(m[0]), keys)  # same length: spans still point into it
    return any(m.start() < hi and m.end() > lo for m in _NEGATION.finditer(masked))


def _negating_word(token: Token, written: str) -> bool:
    """Whether a word negates where it stands in `written` (the text or the quote): a word of
    NEGATIONS but "mai" as the month (`_month`: "31 mai"), an ordinary word of the language of its
    sentence (`_ordinary_word`: Portuguese "no Brasil"), a "never" that says "ever" (`_ever`) or an
    "N'" written with a capital and no partner after it (`_ne_partner`), a "ne" of "ne … que" (only:
    `_restrictive_ne`) or one that denies nothing (`_expletive_ne`), or a syllable of a name
    (`_name_syllable`: "the Mai-Ndombe province"); Romanian's "nu" in a sentence surely Romanian
    (`_written_in`); or a word of APART_NEGATIONS written apart."""
    if "negation" in word_kinds(token):
        if _name_syllable(token, written) or _ordinary_word(token, written):
            return False
        if token.key in _EVER_AFTER and _ever(token, _words_before(token, written), written):
            return False
        if token.key == "n'" and token.text[:1].isupper() and not _ne_partner(token, written):
            return False
        if token.key in _NE and (_restrictive_ne(token, written) or _expletive_ne(token, written)):
            return False
        return not (token.key in _MONTHS and _month(token, *_neighbours(token, written)))
    if token.key == _ROMANIAN_NOT:   # no word of NEGATIONS: French's naked, Dutch's now
        return _written_in(_sentence_around(written, token), "ro")
    return token.key in APART_NEGATIONS and _apart(token, written)


def _name_syllable(token: Token, written: str) -> bool:
    """Whether a negation's word is glued by a hyphen to a word after it that it does not prefix (not
    one of `_HYPHEN_PREFIXES`, which "non-binding", "no-fly", "never-ending" are): a syllable of a
    name or a compound, "the Mai-Ndombe province", "the Ne-Win government", which denies nothing, so
    "… Ndombe province was hit" leaves no negation out."""
    return (token.key not in _HYPHEN_PREFIXES and _HYPHEN.match(written, token.end) is not None
            and written[token.end + 1 : token.end + 2].isalnum())


# Words of NEGATIONS that are ordinary words of a language that denies with another (`_ordinary_word`),
# by that language: Portuguese "no" (em + o, "in the": "assinado no Brasil"; Portuguese denies with
# "não"), Romanian "mai" (more, still: "cel mai important"), "ne" and "ni" (us: "ne angajăm", "ni s-a
# spus").  Romanian's "nu" (not) is no word of NEGATIONS (French "nu" is naked, Dutch "nu" now): it
# negates in a sentence surely Romanian (`_negating_word`), and the word right after it is its
# (`_ROMANIAN_NOT`: "nu mai", no longer; "nu ne putem", we cannot).
_ORDINARY_IN = {"no": "pt", "mai": "ro", "ne": "ro", "ni": "ro"}
_ROMANIAN_NOT = "nu"
# What a sentence must hold to be surely in such a language (`_written_in`), read in its words in lower
# case (a name is written as its own language writes it: "São Paulo", "Băsescu" in a Spanish or a French
# sentence), or its function words in lower case or opening the sentence before one in lower case ("Há
# tropas"; not "São Paulo", "UM", "EM", nor a web address's "com": `_own_words`): letters or words that
# no other language of the letters' statements writes where py3langid names that language (`_NAMED`:
# Galician, whose "no" is "in the" as well, is Portuguese's look-alike to py3langid).  Portuguese's: ã,
# õ, â, ê, ô, ç, "ss", "lh" and "nh" inside a word ("processo", "conselho", "tinha"; "nh" after two
# letters, where Spanish writes it after a prefix: "inhibir", "anhelo"), a past tense's "-ou"
# ("declarou", "votou"), "-dade" (not "-dades", Spanish's plural too: "autoridades"), "-eiro", its own
# function words (em, um, uma, do, ao, pela, na, foi, é, há, já, com …) or the article "O", "Os"
# opening the sentence (Spanish opens none with "o", or, but "o … o").
# Romanian's: ă, ș, ț (and their cedilla forms), which no French, Italian nor Czech word writes, the
# article's "-ului", "-ilor", "-elor" ("guvernului"), and its own words (nu, sunt, pentru, fost …).
_EVIDENCE = {
    "pt": re.compile(r"[ãõâêôç]|\wss\w|\wlh\w|\w{2}nh\w|\w{3,}ou(?!\w)|\w(?:dade|eir[ao]s?)(?!\w)"),
    "ro": re.compile(r"[ășțşţ]|\w(?:ului|ilor|elor)(?!\w)"),
}
_OWN_WORDS = {
    "pt": frozenset("não em um uma umas uns do ao aos às pela pelas na nas num numa foi foram é são estão há têm "
                    "tem também já com ele ela eles elas isso isto ontem hoje muito muita mais ou seu sua seus "
                    "suas nosso nossa nossos nossas você até após sem depois ainda lhe lhes porém quando "
                    "governo".split()),
    "ro": frozenset("nu sunt pentru fost mult acest acesta aceasta această sau dar iar".split()),
}
_OPENING_ARTICLE = {"pt": re.compile(r"\W*os?\s")}
# And none of the look-alike language's, whose word denies (`_AGAINST`), read in the whole sentence:
# Spanish's ñ, ¿, ¡, its articles and function words (el, los, las, del, un, una, en, y, es, fue,
# ha, hay, su …; "la", "lo" not after a hyphen, where they are Portuguese's pronouns:
# "reconhecê-la"), its words' endings "-ó" ("votó"), "-ión", "-aron", "-ieron", "-dad", "-aje",
# "-an" ("apoyan"; Portuguese "apoiam").
_AGAINST = {
    "pt": re.compile(r"[ñ¿¡]|(?<!\w)(?:el|del|y|es|fue|fueron|ha|han|hay|muy|pero|ya|su|sus|al|una|un|unos|unas"
                     r"|en|le|les|sin|cuando|donde|él|ella|ellos|hoy|ayer|esto|eso|nuestro|nuestra|nuestros"
                     r"|nuestras|nosotros)(?!\w)|(?<![\w-])(?:la|las|lo|los)(?!\w)"
                     r"|\w{2,}(?:ó|ión|aron|ieron|dad|aje|an)(?!\w)"),
}
_NAMED = {"pt": frozenset({"pt", "gl"}), "ro": frozenset({"ro"})}
# The languages whose sentence may be read by the text around it when py3langid cannot name it
# (`_written_around`), and those py3langid names surely enough that the text is not asked: the letters'
# statements' whose "no" denies, and English and French, which a Portuguese page quotes too.
_AROUND = frozenset({"pt"})
_SURE_OTHERS = frozenset("es en it ca fr".split())
_SENTENCE_LANGUAGE = replace(THRESHOLDS, language_min_words=THRESHOLDS.sentence_language_min_words)
# A quotation inside a sentence, in guillemets or in double quotation marks (`_unquoted_sentence`).
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"\n]*\"")
_WORD = re.compile(r"(?<![\w.@])\w+")  # a word, not a web or mail address's part after a "."


def _ordinary_word(token: Token, written: str) -> bool:
    """Whether a word of NEGATIONS is, in the sentence of `written` it stands in, an ordinary word of
    a language that denies with another (`_ORDINARY_IN`): Portuguese "no", "in the" ("O acordo foi
    assinado no Brasil": "… Brasil" leaves no negation out, where Spanish "El acuerdo … fue firmado"
    for "El acuerdo no fue firmado" does), Romanian "mai", "ne", "ni" but right after "nu" ("cel mai
    important", more; "nu mai", no longer).  Only where the sentence, its quotations left out
    (`_unquoted_sentence`), is surely in that language (`_written_in`), or py3langid cannot name it and
    the text around it is (`_written_around`): unsure, the word negates, as everywhere else."""
    code = _ORDINARY_IN.get(token.key)
    if code is None:
        return False
    sentence = _unquoted_sentence(written, token)
    if not (_written_in(sentence, code) or _written_around(sentence, code, token, written)):
        return False
    before = _words_before(token, written)
    return not (code == "ro" and before and before[-1].key == _ROMANIAN_NOT)


def _unquoted_sentence(written: str, token: Token) -> str:
    """The sentence of `written` that `token` stands in (`_sentence_span`), the quotations in it
    blanked (`_QUOTED`) but the one `token` stands in: "O embaixador disse «la guerra es una locura» no
    Conselho" is a Portuguese sentence quoting Spanish, whose "no" is Portuguese's.  A quotation is
    read with its sentence, not alone: a few quoted words are too few to tell their language by
    ("«o ataque no Líbano»", „cel mai important acord”, quoted in their own language's sentence),
    and the Spanish words of one ("«no firmaremos el acuerdo»") make its sentence no Portuguese one."""
    lo, hi = _sentence_span(written, token)
    at = token.start - lo
    return _QUOTED.sub(lambda m: m[0] if m.start() <= at < m.end() else " " * len(m[0]), written[lo:hi])


@functools.lru_cache(maxsize=256)
def _written_in(sentence: str, code: str) -> bool:
    """Whether `sentence` is surely in the language `code`: its words in lower case hold that
    language's own letters (`_EVIDENCE`), its words one of its own function words (`_OWN_WORDS`), or
    it opens with its article (`_OPENING_ARTICLE`); it holds none of the look-alike language's whose
    word denies (`_against`: Spanish for Portuguese); and py3langid names it (`_NAMED`; a sentence
    of fewer than `sentence_language_min_words` words is none: unsure).  Cached: a text's sentence
    is asked about for each place the aligner weighs."""
    folded, words = sentence.casefold(), _WORD.findall(sentence)
    lower = " ".join(w for w in words if w[0].islower())
    opening = _OPENING_ARTICLE.get(code)
    own = not _OWN_WORDS[code].isdisjoint(_own_words(words))
    if not (own or _EVIDENCE[code].search(lower) or opening is not None and opening.match(folded)):
        return False
    return not _against(sentence, code) and language(sentence, _SENTENCE_LANGUAGE) in _NAMED[code]


def _against(sentence: str, code: str) -> bool:
    """Whether `sentence` holds a word of the look-alike language whose word denies (`_AGAINST`:
    Spanish's for Portuguese), which makes it no sure sentence of `code`'s."""
    against = _AGAINST.get(code)
    return against is not None and against.search(sentence.casefold()) is not None


def _written_around(sentence: str, code: str, token: Token, written: str) -> bool:
    """Whether `sentence`, which py3langid cannot name surely (`_written_in`), is in the language `code`
    of the text around it (`written_language` of `written`) where the word `token` stands before a name:
    "A ONU no Haiti continua." (in Haiti), which py3langid calls Extremaduran, on a Portuguese page.
    Portuguese only (`_AROUND`), and only where the sentence holds none of Spanish's words (`_against`)
    and py3langid names it no language of `_SURE_OTHERS`: a Spanish or an English sentence on a
    Portuguese page is read as itself.  Not before a word in lower case, which an English or a Spanish
    fragment too short to name denies ("No pasarán!", "No mission."), nor a "No" with a capital but
    the first letters of its sentence, which opens a title or a slogan ("O cartaz dizia No Pasarán",
    'O slogan "No Deal"', "«No Más Violencia», gritavam"): Portuguese writes its "in the" with a capital
    only opening a sentence ("No Haiti, a ONU continua.")."""
    after = _words_after(written, token.end, 1)
    if code not in _AROUND or not after or not after[0].text[:1].isupper() or _against(sentence, code):
        return False
    if not token.text.islower() and written[_sentence_span(written, token)[0] : token.start].strip():
        return False
    return (written_language(written) in _NAMED[code]
            and language(sentence, _SENTENCE_LANGUAGE) not in _SURE_OTHERS)


def _own_words(words: list[str]) -> list[str]:
    """The words of a sentence that may be its language's function words (`_written_in`), in lower
    case: those written in lower case, and its opening word written as a sentence opens ("Há",
    "É") before one in lower case ("Há tropas"); a word in capitals is an acronym ("UM", "EM"),
    and one before a capital a name's ("São Paulo", "São Tomé"), which a Spanish or an English
    sentence writes as Portuguese does."""
    opening = words[:1] if len(words) > 1 and not words[0][1:].isupper() and words[1][0].islower() else []
    return [w.casefold() for w in opening + [w for w in words if w[0].islower()]]


# Words after which a "never" says "ever" (`_ever`): "à jamais", "pour jamais" (forever), "si jamais",
# "se mai", "caso mai" (if ever), "comme jamais", "como nunca" (as never before), "come mai" (why),
# "siempre jamás" (for ever).  Not Spanish "si nunca" (if never): a negation.
_EVER_AFTER = {"jamais": frozenset({"à", "pour", "si", "comme"}), "jamás": frozenset({"siempre"}),
               "nunca": frozenset({"como"}), "mai": frozenset({"se", "caso", "come"})}
# "as" of "comme jamais", "como nunca" (as never before), which is "since" where it opens a clause
# (`_opens_clause`): "Como nunca reconoció las elecciones, …" (since it never recognised them) denies.
# Not Italian "come mai" (why), which opens its question.
_AS = frozenset({"como", "comme"})
# The words after which a word opens a clause, as one after a comma or first does: "que", "and",
# "but", "because", "for" ("dijo que como nunca …", "y como nunca …", "mais comme jamais …").
_CLAUSE_OPENERS = frozenset("que y e pero mas porque pois et mais car parce puisque".split())
# "than" and the comparatives before it: "plus que jamais", "más que nunca", "mais do que nunca",
# "più che mai" (more than ever), a word between ("plus déterminée que jamais", "más comprometida
# que nunca": more determined than ever).  A "que" alone is no comparative's: "dijo que nunca
# aceptará" (said that he will never accept) denies, as does "dijo más tarde que nunca aceptará"
# (said later that he will never accept): a time adverb between (`_LATER`) makes "más" its own.
# "do" (Portuguese), "de lo" (Spanish) between them.
_THAN = frozenset({"que", "che"})
# Italian's "di" is "than" too, before a noun or a pronoun ("più di nessun altro", "più di nessuno": more
# than any other, than anybody: `_denies_no_verb`), never before "mai", which "più che mai" (more
# than ever) takes: "Ha promesso più volte di mai riconoscere" (promised many times never to recognise)
# denies (`_ever` reads `_THAN`).
_THAN_BEFORE_NOUNS = _THAN | {"di"}
_THAN_LINKS = frozenset({"do", "de", "lo"})
_COMPARATIVES = frozenset("plus moins mieux autant davantage más menos mejor peor mayor mais melhor pior "
                          "più meno meglio peggio".split())
_LATER = frozenset("tard tôt tarde temprano pronto tardi presto cedo".split())  # later, sooner, earlier


def _ever(word: Token, before: list[Token], written: str) -> bool:
    """Whether a "never" of `_EVER_AFTER` (jamais, jamás, nunca, mai) means "ever" after the words
    `before` it in `written`: one of its words just before it, but "como"/"comme" opening a clause
    (`_opens_clause`: "Como nunca reconoció …", since it never recognised) unless "antes",
    "avant" follows (`_before_now`: "Como nunca antes", like never before), or a comparative's
    "than", with at most one word between them that is no time adverb ("plus que jamais", "plus
    déterminée que jamais": more (determined) than ever, no negation, though the word is one of
    NEGATIONS)."""
    if not before:
        return False
    if before[-1].key in _EVER_AFTER[word.key]:
        return not (before[-1].key in _AS and _opens_clause(before, written)) or _before_now(word, written)
    return _after_comparative(before)


def _after_comparative(before: list[Token], than: frozenset[str] = _THAN) -> bool:
    """Whether the last of the words `before` a negation's word is a comparative's "than" (one of
    `than`, `_THAN_LINKS` between: "plus que", "mais do que", "más de lo que"), at most one word
    between them that is no time adverb (`_LATER`): "plus que jamais", "más comprometida que nunca"
    (than ever, `_ever`), "más que ningún otro país", "più di nessun altro" (than any other, read
    with `_THAN_BEFORE_NOUNS`: `_denies_no_verb`)."""
    if not before or before[-1].key not in than:
        return False
    rest = [t.key for t in before[:-1]]
    for _link in range(2):  # "do", "de lo": at most two
        if rest and rest[-1] in _THAN_LINKS:
            rest.pop()
    if rest and rest[-1] in _COMPARATIVES:
        return True
    return len(rest) > 1 and rest[-2] in _COMPARATIVES and rest[-1] not in _LATER


# Words after "como nunca", "comme jamais" that make them "like never before" wherever they stand.
_BEFORE_NOW = frozenset({"antes", "avant", "auparavant"})


def _before_now(word: Token, written: str) -> bool:
    """Whether the word after `word` in `written` is one of `_BEFORE_NOW`: "Como nunca antes, el
    Gobierno apoya …" (like never before) opens its clause and denies nothing, where "Como nunca
    reconoció …" (since it never recognised) does."""
    after = next((t for t in iter_tokens(written, word.end, min(len(written), word.end + _BEFORE_GAP))
                  if t.kind == "word"), None)
    return after is not None and after.key in _BEFORE_NOW


def _opens_clause(before: list[Token], written: str) -> bool:
    """Whether the last of the words `before` opens a clause in `written`: no word before it (as
    far as `before` reaches: `_BEFORE_GAP` characters), a mark between it and the word before (a
    comma, a stop), or that word one of `_CLAUSE_OPENERS`."""
    if len(before) < 2:
        return True
    previous, word = before[-2], before[-1]
    return previous.key in _CLAUSE_OPENERS or any(not c.isalnum() and not c.isspace()
                                                  for c in written[previous.end : word.start])


# A negation's word before these is no negation: "We not only welcome" says "We welcome" and more
# ("nicht nur", "non seulement", "pas seulement", "no solo", "não só", "не только", "niet alleen"
# too).  "not just" and "not merely" are one or the other by what stands around them (`_additive_not`: "We
# will not just stand by but act" denies).
_NOT_ONLY = {"not": frozenset({"only"}), "nicht": keys("nur bloß"),
             "non": frozenset({"seulement", "solo", "soltanto", "solamente"}),
             "pas": frozenset({"seulement", "uniquement"}),
             "no": frozenset({"solo", "sólo", "solamente", "únicamente"}),
             "não": frozenset({"só", "apenas", "somente"}), "не": frozenset({"только"}),
             "niet": frozenset({"alleen", "enkel", "slechts"})}
# "not just", "not merely": additive or denying by what stands around them (`_additive_not`).
_NOT_JUST = frozenset({"just", "merely"})
_BUT_LATER = re.compile(r"[^.!?;\n]{0,200}?\bbut\b", re.IGNORECASE)
# What a "but" grants the first half with: "but also", "but … too", "but … as well".
_BUT_ALSO = re.compile(r"\s+also\b|[^.!?;,\n]{0,80}?\b(?:too|as well)\b", re.IGNORECASE)
# The forms of "do": they take "not", never "no longer" (silent_cut.py `_negation_after_auxiliary`: "What
# we can do no longer depends"), and after an inverting "At no point" the subject and a bare verb
# (opening.py `_denying_adverbial`: "At no point did anyone doubt the outcome").
_DO = keys("do does did")
# Words before "not" that make it deny the verb after "not just" (`_additive_not`): the modals
# and "do"'s forms, auxiliaries a verb follows.  Not "is", "was": "was not just fair" qualifies.
_AUXILIARIES = MODALS | _DO
# Phrases of standing aside, which "will not just …" denies ("We will not just stand by but act":
# we will not stand by): a verb and the words after it that make it one (None: the verb alone,
# "watch", "wait", with no object: `_BARE_AFTER`).  After any other phrase it adds ("The EU does
# not just condemn the attack but calls for an inquiry": it condemns it, and more; "stand up for
# human rights", "sit at the table", "talk about a ceasefire", "watch the elections", "wait for
# the report": they do that, and more).
_STANDING_ASIDE: dict[str, frozenset[str] | None] = {
    "stand": frozenset("by aside idly back".split()), "sit": frozenset("back by idly".split()),
    "look": frozenset({"on"}), "watch": None, "wait": None,
    "remain": frozenset("silent idle passive".split()), "stay": frozenset("silent idle passive".split())}
# The words after which "watch" or "wait" is still bare (`_stands_aside`): "watch on", "watch idly",
# "wait and see", "watch from the sidelines", "watch but act", "watch as …"; punctuation too.
_BARE_AFTER = frozenset("on idly and from but as while".split())
# Words after which a modal's word is a noun: "the needs of", "the will of the people", "its might".
# Articles and possessives only: after "that" or "this" it is a verb ("steps that could lead").
_DETERMINERS = frozenset("the a an its their his her our your my".split())
# Months whose name is a modal or a negation too (English May, French mai, Italian's "never"), and
# the words before them that make them the month when no number stands next to them: "in May",
# "en mai" (`_month`).
_MONTHS = {"may": frozenset("in of on".split()), "mai": frozenset("en de du fin début mi".split())}


def _additive_not(word: Token, follows: Token | None, text: str) -> bool:
    """Whether a negation's word opens "not only …" with the word that `follows` it: it adds to
    what it qualifies, denies nothing.  The rule, read in `text`:

    * "not only" (`_NOT_ONLY`: "nicht nur", "non seulement", "no solo", "não só" too) adds,
      whatever follows: "We not only welcome the mission", "We must not only condemn but act";
    * "not just" and "not merely" (`_NOT_JUST`) after an auxiliary or a modal (`_AUXILIARIES`:
      "will", "must", "does" …) before a phrase of standing aside (`_stands_aside`: "stand by",
      "sit back", "watch", "remain silent") deny it, "but" or none: "We will not just stand by
      but act" says "we will not stand by", and "We will stand by" turns it round; unless "but
      also" (or "but … too", "as well") grants the first half.  Before another verb they add, as below: "The
      EU does not just condemn the attack but calls for an inquiry" condemns it;
    * elsewhere "not just" adds where a "but" follows in its sentence (`_BUT_LATER`): "not just
      fair but transparent", "not just for Europe but for the world"; "not merely" adds with
      or without one ("We not merely welcome"); "not just" with no "but" denies."""
    if follows is None:
        return False
    if follows.key in _NOT_ONLY.get(word.key, ()):
        return True
    if word.key != "not" or follows.key not in _NOT_JUST:
        return False
    but = _BUT_LATER.match(text, follows.end)
    before = _words_before(word, text)
    if before and before[-1].key in _AUXILIARIES and _stands_aside(text, follows.end):
        return but is not None and _BUT_ALSO.match(text, but.end()) is not None
    return but is not None or follows.key == "merely"


def _stands_aside(text: str, at: int) -> bool:
    """Whether the words from character `at` on (after "not just") are a phrase of standing aside
    (`_STANDING_ASIDE`): the verb with its particle or complement read together, "stand by",
    "sit idly", "remain silent", "watch" and "wait" alone (`_BARE_AFTER`: "watch but act", "wait
    and see") — not "stand up for", "sit at the table", "watch the elections", "wait for the
    report"."""
    tokens = iter_tokens(text, at)
    verb = next((t for t in tokens if t.kind == "word"), None)
    if verb is None or verb.key not in _STANDING_ASIDE:
        return False
    after = next(tokens, None)
    particles = _STANDING_ASIDE[verb.key]
    if particles is None:
        return after is None or after.kind != "word" or after.key in _BARE_AFTER
    after = after if after is None or after.kind == "word" else next((t for t in tokens if t.kind == "word"), None)
    return after is not None and after.key in particles


def _modal_noun(word: Token, previous: Token | None, following: Token | None) -> bool:
    """Whether a modal's word is a noun or a name where it stands: after an article or a
    possessive ("the needs of", "the will of the people"), or the month May, which only a number
    beside it ("31 May", "May 2020") or "in", "of", "on" before it tells from the modal: a
    capital alone does not ("Estonia Will Recognize", "May the elections be free")."""
    if previous is not None and previous.key in _DETERMINERS:
        return True
    return word.text[:1].isupper() and _month(word, previous, following)


def _month(word: Token, previous: Token | None, following: Token | None) -> bool:
    """Whether a word of `_MONTHS` is the month where it stands: a number beside it ("31 May",
    "mai 2020") or one of its words before it ("in May", "en mai")."""
    if word.key not in _MONTHS:
        return False
    beside = [t for t in (previous, following) if t is not None]
    return (any("number" in word_kinds(t) for t in beside)
            or (previous is not None and previous.key in _MONTHS[word.key]))


def _next_negation(text: str, end: int, partners: frozenset[str] = frozenset()) -> Token | None:
    """The source's word right after character `end`, nothing but spaces, invisible characters
    or a line wrapped between (`_same_phrase`: no comma, stop or new paragraph), when it negates
    where it stands (`_negating_word`) or is one of `partners` (French's "plus" after "n'est",
    which the caller reads with its "ne") and opens no additive "not only", "не только"
    (`_additive_not`); None for any other."""
    words = []
    for token in iter_tokens(text, end, min(len(text), end + _BEFORE_GAP)):
        if token.kind == "punct" and token.text in _INVISIBLE:
            continue
        if token.kind != "word" or len(words) == 2:
            break
        words.append(token)
    if not words or not _same_phrase(text, end, words[0].start):
        return None
    if words[0].key not in partners and not _negating_word(words[0], text):
        return None
    return None if _additive_not(words[0], words[1] if len(words) > 1 else None, text) else words[0]


_HYPHEN = re.compile("[-\u2010\u2011]")  # "non-binding": a negation prefixed to a word (`_negation_prefix`)
# The negations that prefix a word with a hyphen (`_negation_prefix`): not every negation does, and
# the others before a hyphen are a name's syllables ("the Mai-Ndombe province", "the Ne-Win government").
_HYPHEN_PREFIXES = frozenset("non não nao no not never nicht niet".split())
# "not" before these opens an idiom that denies nothing (`_opening_negation`): "…, not to mention the
# consequences" (and also), "not to speak of", "not least the consequences" (above all).
_NOT_IDIOMS = (("to", "mention"), ("to", "speak"), ("least",))
# And these after an auxiliary's "not", which then denies no verb (`_negation_after_auxiliary`):
# "as it was not long ago", "as we did not so long ago", "everything we can not least to protect".
# Not for an opening ellipsis: "… far from" for "not far from" turns it round.
_NOT_VERBLESS = _NOT_IDIOMS + (("long", "ago"), ("so", "long", "ago"), ("far", "from"))


def _negation_prefix(text: str, at: int) -> Token | None:
    """The negation prefixed with a hyphen (`_HYPHEN`) to the word that starts at character `at` of
    `text`: "non" of "a non-binding resolution", "Le non-respect", "no" of "a no-fly zone", "não" of
    "os não-alinhados".  A quote, or a segment of one, that opens at that word cuts the word in two
    and drops what inverts it: "binding resolution", "… binding resolution", "The UN … binding
    resolution" for "The UN non-binding resolution" call binding what the source calls not
    binding, with or without an ellipsis, whatever else one leaves out (`_hidden_in_gap`,
    `_opening_negation`, `_opening_gap`).  Not the "no-" of the two sides ("the yes- or no-vote":
    `_after_yes`), nor one before a name (`_dash_after`).  None when there is none."""
    if at < 2 or _HYPHEN.match(text, at - 1) is None:
        return None
    lo = max(0, at - 1 - _BEFORE_GAP)
    before = tokenize(text, lo, at - 1)
    word = before[-1] if before else None
    if word is None or word.kind != "word" or word.end != at - 1 or word.start == lo > 0:
        return None  # no word glued to the hyphen, or one longer than read
    if _after_yes(word, text):
        return None  # "the yes- or no-vote": one of the two sides, which the word after them is
    if _dash_after(word, text):
        return None  # "he said no-Moscow will never withdraw": a dash before a name, no prefix of it
    return word if word.key in _HYPHEN_PREFIXES and _negating_word(word, text) else None


def _dash_after(word: Token, text: str) -> bool:
    """Whether the "no" `word`, in lower case, is glued by a hyphen to a word written with a capital:
    a hyphen used as a dash after the answer ("Asked whether Russia would comply, he said no-Moscow
    will never withdraw its troops"), for "no" prefixes no name; "non-" does ("the Non-Aligned
    Movement", "non-EU States"), and "No-" with a capital opens a title's word ("No-Fly Zone").  Not
    before an acronym, which "no-" prefixes as "non-" does ("the no-EU countries", "a no-NATO zone")."""
    name = _WORD_AFTER_HYPHEN.match(text, word.end)
    return word.text == "no" and name is not None and name[1][:1].isupper() and not name[1].isupper()


# The word after a hyphen (`_dash_after`).
_WORD_AFTER_HYPHEN = re.compile(_HYPHEN.pattern + r"(\w+)")


def _no_one(no: Token, one: Token | None, text: str) -> bool:
    """Whether the word `no` and the word `one` after it in `text` are the pronoun "no one", spaced
    or joined by a hyphen ("no-one"), the one rule for it: it opens a subject and denies the verb
    after it as "nobody" does (`_english_subject`, `_verb_after_subject`: "… has recognized" for
    "No one has recognized", "No-one has recognized"), after "yes and" too (`_after_yes`: "he said
    yes and no one objected"), and its "no" is no prefix that inverts the "one" alone
    (`_carries_meaning`)."""
    if one is None or no.key != "no" or one.key != "one":
        return False
    between = text[no.end : one.start].strip()
    return not between or _HYPHEN.fullmatch(between) is not None


# "yes" and "and" or "or" before a "no" (`_after_yes`), a hyphen after "yes" suspended as the "no"'s
# is ("the yes- or no-vote"), in English and French, whose "no" and "non" deny no verb after them.
# Not Spanish, Italian, Portuguese, whose "no", "non", "não" do: "Dijo que sí y no quiso dar más
# detalles", "Ha risposto sì e non ha voluto aggiungere altro", "Disse que sim e não deu detalhes".
_YES_AND = re.compile(r"(?i:\b(?:yes|oui)" + _HYPHEN.pattern + r"?\s+(?:and|or|et|ou)\s+)$")
_YES_AND_CHARS = 16  # characters read before the "no" for them


def _after_yes(word: Token, text: str) -> bool:
    """Whether "yes" and a conjunction stand right before `word`, a "no" or "non" in `text`
    (`_YES_AND`), not the "no" of "no one" (`_no_one`: "he said yes and no one objected" opens a
    subject): "yes and no votes were cast", "the yes- or no-vote will decide", "oui ou non": the
    two answers named, the sides of a vote, whose "no" denies nothing (`_named_no`) nor prefixes a
    word it inverts (`_negation_prefix`): "… vote will decide" quotes what both decide."""
    if _YES_AND.search(text, max(0, word.start - _YES_AND_CHARS), word.start) is None:
        return False
    after = _words_after(text, word.end, 1)
    return not _no_one(word, after[0] if after else None, text)
