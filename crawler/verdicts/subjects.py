"""Subjects that deny, and the headlines and titles that look like them: the determiner that opens a
verb's subject and denies it ("Aucun État membre n'a reconnu": `_denying_subject`, back from the
"ne"; "Nessun paese ha riconosciuto", "Kein Land hat", "No country has": `_denied_subject`, back
from the auxiliary or the verb), which an opening ellipsis before that verb hides; and what is no
such subject: another clause's, a negated verb's object, "like no other", "no man's land", a
headline's noun with no verb after it ("Keine Einigung gestern in Berlin", "Nessuna conferma ufficiale
da Mosca": `_verb_after_subject`, `_no_finite_verb`), what a reporting clause reports ("Kein
Kommentar sagte der Sprecher": `_reporting_clause`; "Nessun commento ha detto il ministro":
`_reports_speaker`), a title ("No Time to Die has grossed": `_no_title`), an idiom ("No wonder": `_no_idiom`).
gaps.py (`_opening_run`) and opening.py read it.
"""

from __future__ import annotations

import re

from crawler.align import Token, tokenize
from crawler.verdicts.auxiliaries import _NEGATIONS_AFTER_VERB, _adverb, _auxiliary, _past_participle
from crawler.verdicts.clauses import _ASIDE, _CLAUSE_MARK, _QUOTE_MARKS
from crawler.verdicts.french_ne import _NE, _que
from crawler.verdicts.negations import _CLAUSE_OPENERS, _COMPARATIVES, _THAN_BEFORE_NOUNS, _after_comparative, _no_one
from crawler.verdicts.words import NEGATIONS, NUMBER_WORDS, keys

# A "no" before these is no determiner of the quote's noun (`_opening_negation`): "no doubt", "no
# matter", "no longer", "no less", "no more than", "no further", "no sooner".
_NO_IDIOMS = frozenset("doubt matter longer less more further sooner".split())
_NO_IDIOMS_BEFORE = frozenset("spare spares spared sparing".split())  # "spare no effort": do all one can
_NO_PHRASES = (("man's", "land"),)  # "No man's land has been mined": the strip between two fronts
# The words that make a "No" before them, all written with a capital, a denial and not a title
# (`_no_title`): English writes with a capital, besides names and titles, the words of an institution's
# or an office's name, nouns and the adjectives and numbers in them ("No Member State has recognized",
# "No State shall", "No High Contracting Party shall", "No Prime Minister", "No Secretary General", the
# United Nations' "No Special Rapporteur visited", "No Independent Expert", "No Observer Mission"), a
# party's members and the votes they hold, which a text in sentence case may write so too ("No Democrat
# has voted", "No Referendum has been held": the shape of "No Logo has been reprinted", a title, which
# only the word tells from them), and a headline every word ("No Country Has Recognized", "No One
# Has"); and the adjectives of nationality, by their endings (`_NATIONALITY_ENDING`: "No European
# country", "No Russian official", "No Western leader", "No Israeli", "No French").  After "No" those open
# the subject, where another word with a capital opens a name or a title that "No" is part of ("No Time
# to Die has grossed", "No Deal Brexit Has Been Ruled Out").
_DENIAL_NOT_TITLE_WORDS = frozenset(
    "state states member members party parties government governments country countries nation nations one "
    "person persons people individual individuals power powers court council agency body bodies organization "
    "organisation authority parliament parliaments congress senate senator senators "
    "authorities minister ministers ministry delegation representative representatives official officials entity "
    "entities republic signatory signatories contracting high president presidents prime head heads leader leaders "
    "secretary general assembly committee commission office ambassador embassy institution institutions union "
    "treaty convention article provision resolution region province city democrat democrats republicans "
    "conservative conservatives liberal liberals socialist socialists communist communists tory tories "
    "referendum referendums referenda election elections vote votes rapporteur rapporteurs envoy envoys expert "
    "experts observer observers mission missions monitor monitors inspector inspectors prosecutor prosecutors "
    "judge judges chancellor commissioner commissioners force forces".split())
# A word with an ending of English's adjectives of nationality ("European", "Japanese", "British",
# "Arabic", "Israeli", "Western", "French", "Swiss"), as many other words have ("plan", "woman", "human",
# "public", "progress", "approach"): any of them after "No" makes `_no_title` read a denial, no title.
# Erring that way is the safe side: a title read as a denial ("No Human Face Has Been Shown") flags a
# faithful quote for a reader to check, where a denial read as a title ("No Russian official has
# recognized") would let a quote that drops the "No" pass.
_NATIONALITY_ENDING = re.compile(r"\w{2,}(?:an|ese|ish|ic|i|ern|ch|ss)")


# Determiners that deny with the "ne" after them: "Aucun État membre n'a reconnu", "Nul pays ne".
_DENYING_DETERMINERS = frozenset("aucun aucune nul nulle".split())
# Determiners that deny the verb after their subject with no other negation, by language
# (`_denied_subject`): "Nessun paese ha riconosciuto", "Ningún país ha reconocido", "Nenhum país pode
# aceitar"); English "no", "nobody", "none", "nothing" and the "not" of "not a single", "not one" where
# they open the clause's subject (`_english_subject`: "No one shall be held in slavery", "For Paris, no
# country has recognized", "None of the countries has", "Nothing in this Agreement shall be construed",
# "Not a single country has"; not "No more than ten countries have", "No wonder the talks have failed");
# German's "kein" in the nominative, "Kein Land hat die
# Annexion anerkannt" (not before a number, `_german_subject`: "Keine zwei Wochen später hat die
# Regierung …", not even two weeks later; nor before "als", `_EXCEPT`: "Kein Geringerer als …", none
# other than).
_SUBJECT_DENIERS = {"it": frozenset("nessun nessuno nessuna".split()),
                    "es": frozenset("ningún ninguna ninguno".split()),
                    "pt": frozenset("nenhum nenhuma".split()),
                    "en": frozenset("no nobody none nothing not".split()),
                    "de": frozenset("kein keine keiner".split()),
                    "nl": frozenset("geen niemand".split())}
# The languages whose denying determiner is read before an auxiliary only, never before a verb after its
# noun (`_verb_after_subject`): Dutch's prepositions and the words of its headlines' phrases are none of
# `_NOUN_PHRASE_GOES_ON`'s ("Geen akkoord tussen Rusland en Oekraïne", "Geen doorbraak verwacht"), and
# "… erkent de annexatie" for "Geen land erkent de annexatie" is missed.
_AUXILIARY_ONLY = frozenset({"nl"})
# The determiners and pronouns that a comparative's "than" before them makes "any", "anybody" ("più di
# nessun altro", "más que ningún otro", "más que nadie": `_denies_no_verb`): those of `_SUBJECT_DENIERS`
# and French's `_DENYING_DETERMINERS`, read back from a "ne" ("mieux que nul autre pays ne l'a fait"),
# and "nadie", "ninguém" (nobody).  Not a negation of a verb, "no" (Spanish's too), "non", "não", which a
# "que" after a comparative leaves a negation: "Es mejor que no firme el acuerdo", "È meglio che non
# firmi" (better that he not sign).
_COMPARED_DENIERS = (frozenset().union(*_SUBJECT_DENIERS.values()) | _DENYING_DETERMINERS
                     | frozenset({"nadie", "ninguém"})) - {"no", "not"}
# The participles among the auxiliaries (`_AUXILIARIES_BY_LANGUAGE`), which a finite one comes before
# ("è stato"), and nouns too ("Nessuno Stato membro ha"): no other clause's verb between a denying
# determiner and its auxiliary (`_denied_subject`).
_AUXILIARY_PARTICIPLES = frozenset("stato stata stati state sido".split())
# Prepositions "without": a denying determiner after one opens no subject ("sans aucun doute", "sin
# ningún apoyo", "senza nessun aiuto": `_no_subject`).
_WITHOUT = frozenset("sans senza sin sem".split())
# "like" and "other" around a denying determiner of `_SUBJECT_DENIERS`: "like no other" praises what
# its clause asserts ("Come nessun altro l'Italia ha sostenuto l'Ucraina": `_like_no_other`).
_LIKE = frozenset("come como".split())
_OTHER = frozenset("altro altra otro otra outro outra".split())
# "No man's land" in the letters' Romance languages, the land and its "of" before the negation
# (`_nobodys_land`): "La terra di nessuno è stata minata", "La tierra de nadie", "A terra de ninguém".
_NOBODYS_LAND = frozenset({("terra", "di"), ("tierra", "de"), ("terra", "de")})
# Words between a determiner of `_SUBJECT_DENIERS` and the quote's auxiliary that open another
# clause, whose verb is not the determiner's, by language (`_opens_subject`): "Nessuno lo riconosce ma
# Mosca ha deciso", "Ninguno lo reconoce mientras Moscú ha decidido", "Nobody knows why Belarus has
# recognized" (the question's own subject and verb, which "why" and "how" take as done).  Not "whether":
# "… will resume" for "Nobody knows whether the talks will resume" asserts what no one knows, as "… has
# complied" for "Nobody thinks Russia has complied" does (`_opens_subject`).  Not Italian "si", Spanish and
# Portuguese "se" (the reflexive: "Ningún país se ha pronunciado"), nor "o", "ou", "u", which join
# subjects as often ("Ningún Estado u organización ha reconocido"; English "or", "nor").
_OTHER_CLAUSE = {"it": frozenset("ma mentre quando perché poiché se sebbene benché dove finché".split()),
                 "es": frozenset("mientras cuando aunque si donde".split()),
                 "pt": frozenset("enquanto quando embora onde".split()),
                 "en": frozenset("and but while when because although though if unless whereas since as where that "
                                 "which who whom whose why how".split()),
                 "de": frozenset("und aber sondern denn weil dass ob wenn während obwohl nachdem bevor wo".split()),
                 "nl": frozenset("en maar of want omdat dat die wat terwijl wanneer als toen hoewel nadat voordat "
                                 "zodat doordat waar".split())}
# The negations of a verb before such a determiner in its clause, by language, which make it that
# verb's object ("Mosca non ascolta nessuno ma ha deciso", "Não há nenhuma dúvida de que a Rússia
# pode"): no subject (`_opens_subject`).  Not Portuguese "no" (in the: "No Brasil nenhum partido pode").
_VERB_NEGATIONS = {"it": "non", "es": "no", "pt": "não", "en": "not", "de": "nicht", "nl": "niet"}
# The words that open a relative or a completive clause right before such a determiner (`_opens_subject`).
_SUBORDINATORS = frozenset("che que cui quien quienes quem quale quali cual cuales that which who whom whose".split())
# Forms of such a determiner that stand alone, a pronoun, never before their noun ("Il governo che
# nessuno riconosce", "Keiner weiß genau, wie": nobody knows), except "nessuno" before a noun opening
# with s and a consonant, z, gn or ps ("nessuno Stato membro", `_ITALIAN_NESSUNO_NOUN`).  German's
# "keiner" before a noun is its dative or genitive ("in keiner Weise"), no subject's.  English's "none" and
# "nothing" take no noun either ("None of the countries has", "Nothing herein shall").
_DENIER_PRONOUNS = frozenset({"nessuno", "ninguno", "nobody", "none", "nothing", "keiner", "niemand"})
_ITALIAN_NESSUNO_NOUN = re.compile(r"s[^aeiouàèéìòù]|z|gn|ps")
# Words after English "no" that make it no subject's determiner (`_english_subject`): the idioms of
# `_NO_IDIOMS`, comparatives ("No fewer than ten States have", "No later than Friday the Council will"),
# "wonder" and "question" ("No wonder the talks have failed", "No question the talks have failed":
# undoubtedly; "No question has been answered" is then missed) and the adjectives of a litotes ("No
# small number of States have recognized": many have).
_NO_NOT_SUBJECT = _NO_IDIOMS | frozenset("fewer later earlier wonder question small little mean".split())
# Words that name an exception between a denying determiner and its auxiliary (`_opens_subject`):
# "Nessun paese tranne la Russia ha riconosciuto", "Ningún país salvo Rusia ha reconocido", "No
# country other than Russia has recognized", "Niemand anders dan Rusland heeft erkend", "Geen enkel land
# buiten Rusland heeft erkend", "No one but Russia has recognized", "Not one, but two, countries have
# recognized" assert it of the exception, as the quote does; and Dutch's "op … na" (but
# for), in an aside too, "Geen land, op Rusland na, heeft erkend" (`_excepted`, `_DUTCH_EXCEPT`).
_EXCEPT = keys("tranne eccetto fuorché salvo excepto aparte sino exceto além senão except besides save apart "
               "than als außer dan behalve buiten but")
_DUTCH_EXCEPT = ("op", "na")
# The words after English "none" and "nothing" that keep them the subject before its auxiliary
# (`_english_subject`): "None of the countries has", "Nothing in this Agreement shall", "Nothing herein
# shall", "Nothing contained herein shall"; not "Nothing short of a miracle has", "None other than".
_PRONOUN_SUBJECT_GOES_ON = keys("of in herein hereof contained")
# The words after "not" that make it a subject's determiner (`_english_subject`): "Not a single country has",
# "Not one country has", "Not one of them has"; not "Not only has the Council".
_NOT_A_SINGLE = (("a", "single"), ("one",))
_SUBJECT_WORDS = 8  # words at most from such a determiner to its "ne": "Aucun État membre de l'Union européenne n'a"
_SUBJECT_CHARS = 100  # characters read before the "ne" for them, an aside's too ("Aucun État membre, pas même …,")


# Words that open a clause of their own between such a determiner and a "ne" (`_denying_subject`):
# "Nul doute que la Russie ne cherche", "aucun pays qui ne reconnaisse", "Nul ne sait s'il ne vienne";
# and between one of `_SUBJECT_DENIERS` and its auxiliary ("Nessuno ha detto che Mosca ha"; "chi",
# "cui", "quien", "quem").
_SUBJECT_ENDS = _CLAUSE_OPENERS | frozenset("qui dont où si s'il s'ils quoi che chi cui quien quienes quem".split())
# "aucun" glued to the elided "que" that opens its clause, one word ("qu'aucun", "puisqu'aucun",
# "lorsqu'aucune"): the determiner of that clause's subject, whatever noun stands before the "que"
# (not the expletive's "doute que": "Il ne fait aucun doute qu'aucun pays n'a reconnu" denies), but
# not after a verb denied with "pas", "plus", "jamais" ("Je ne crois pas qu'aucun pays n'a"), where the
# two negations meet (`_denying_subject`).
_ELIDED_DENIER = re.compile(r"(?:qu|puisqu|lorsqu|quoiqu)'(aucune?)")


def _denied_before(words: list[Token]) -> bool:
    """Whether `words` hold a "ne" and, after it, its partner after the verb (`_NEGATIONS_AFTER_VERB`:
    "Je ne crois pas", "Il n'est plus sûr"), a verb denied before the "qu'aucun" that follows them
    (`_ELIDED_DENIER`); not "Rien ne presse tant qu'aucun pays ne s'y oppose", "rien" before its "ne".
    `_denying_subject` passes the words of the "qu'aucun"'s own sentence only: "La Russie ne recule
    pas. Il est clair qu'aucun pays n'a reconnu" denies in the second sentence (after . ! ? ; :)."""
    ne = next((i for i, word in enumerate(words) if word.key in _NE), None)
    return ne is not None and any(word.key in _NEGATIONS_AFTER_VERB["fr"] for word in words[ne + 1 :])


def _denying_subject(before: list[Token], token: Token, written: str,
                     determiners: frozenset[str] = _DENYING_DETERMINERS) -> Token | None:
    """The determiner that opens the subject before the "ne" `token` and is its partner
    (`determiners`, at most `_SUBJECT_WORDS` words back, `before` being the words before
    it, and no mark of a clause's end between, `_CLAUSE_MARK`): "Aucun État membre n'a reconnu
    les élections" denies, and "… reconnu les élections" asserts what no member state did (the
    opening ellipsis then hides "Aucun" too, `_opening_run`).  Not one of another clause, a "que",
    "qui" or "si" between (`_SUBJECT_ENDS`): "Nul doute que la Russie ne cherche", "Il ne fait
    aucun doute que", "Il n'est aucun pays qui ne reconnaisse" (every country does), "Nul ne doute
    qu'il ne soit" keep their "ne" expletive or doubled, asserting; nor "sans aucun" (sans aucun
    doute: no subject, `_no_subject`), nor the object of a negated verb ("Il n'y a aucun pays qui
    aujourd'hui ne reconnaisse": `_negated_verbs_object`).  The "aucun" of a "qu'aucun"
    (`_ELIDED_DENIER`) is returned as a word of its own, its "que" before it.  None when there is
    none.  `_denied_subject` reads another language's `determiners` so, from an auxiliary."""
    if not before:
        return None
    lo = before[0].start
    stretch = _ASIDE.sub(lambda m: " " * len(m[0]), written[lo : token.start])
    words = [t for t in before if not stretch[t.start - lo].isspace()]  # an aside's words left out
    for i, word in enumerate(words[::-1][:_SUBJECT_WORDS]):
        if _CLAUSE_MARK.search(stretch, word.end - lo):
            return None
        elided = _ELIDED_DENIER.fullmatch(word.key)
        if elided is not None and elided[1] in determiners and len(word.key) == len(word.text):  # one word
            sentence = max(stretch.rfind(stop, 0, word.start - lo) for stop in ".!?;:") + lo  # its own only
            if _denied_before([w for w in words[: len(words) - 1 - i] if w.start > sentence]):
                return None  # "Je ne crois pas qu'aucun pays n'a": a doubled negation, read as before
            return Token(word.text[elided.start(1) :], word.start + elided.start(1), word.end, word.kind, elided[1])
        if (_que(word) or word.key in _SUBJECT_ENDS) and not _subject_relative(words, len(words) - 1 - i):
            return None
        if word.key in determiners:
            k = len(words) - 1 - i
            return None if _no_subject(words, k) or _negated_verbs_object(words, k, stretch, lo) else word
    return None


def _no_subject(words: list[Token], k: int) -> bool:
    """Whether the denying determiner words[k] opens no subject: after "without" (`_WITHOUT`: "sans
    aucun doute", "sin ningún apoyo el Gobierno ha"), or denying nothing of a verb
    (`_denies_no_verb`: "España más que ningún otro país ha", "La terra di nessuno è")."""
    return k > 0 and words[k - 1].key in _WITHOUT or _denies_no_verb(words, k)


def _denies_no_verb(words: list[Token], k: int) -> bool:
    """Whether the negation words[k] denies nothing of the verb after it, whether it opens the subject
    (`_no_subject`) or stands right before the quote's words (`_opening_negation`), one rule for both: a
    determiner or a pronoun after a comparative's "than" (`_COMPARED_DENIERS`, `_THAN_BEFORE_NOUNS`), which says "any"
    ("España más que ningún otro país ha apoyado a Ucrania", "L'Italia più di nessun altro ha
    sostenuto", "más que nadie ha apoyado": more than any other, than anybody), or the close of the
    idiom "no man's land" (`_nobodys_land`: "La terra di nessuno è stata minata").  Not "without"'s
    determiner, which opens no subject but denies the noun right after it ("… apoyo internacional" for
    "sin ningún apoyo internacional" drops it)."""
    return (words[k].key in _COMPARED_DENIERS and _after_comparative(words[:k], _THAN_BEFORE_NOUNS)
            or _nobodys_land(words, k))


def _nobodys_land(words: list[Token], k: int) -> bool:
    """Whether the negation words[k] closes "no man's land" (`_NOBODYS_LAND`: "La terra di nessuno è
    stata minata"): the strip between two fronts, whose "nobody" denies nothing of the verb after it.
    Only the idiom: "Il diritto di nessuno è stato rispettato" (nobody's right) denies."""
    return k > 1 and (words[k - 2].key, words[k - 1].key) in _NOBODYS_LAND


def _like_no_other(words: list[Token], determiner: Token) -> bool:
    """Whether `determiner`, one of `words`, stands between "like" and "other" (`_LIKE`, `_OTHER`):
    "Come nessun altro l'Italia ha sostenuto l'Ucraina" (like no other, Italy has), a phrase of
    praise, no subject of the verb after it (`_denied_subject`); so does Italian's "come" before the
    pronoun alone ("Come nessuno l'Italia ha sostenuto l'Ucraina": like nobody), where Spanish and
    Portuguese "como" is "since" as often ("Como ninguno lo ha reconocido, …"); not "Como ningún país
    ha reconocido la anexión, …" (since no country has).  French's "comme aucun autre pays ne l'a
    fait" is a clause of its own, whose "ne" denies its verb (`_denying_subject`)."""
    k = next((i for i, t in enumerate(words) if t.start == determiner.start), 0)
    if not 0 < k < len(words) - 1 or words[k - 1].key not in _LIKE:
        return False
    return words[k + 1].key in _OTHER or words[k - 1].key == "come" and _pronoun(determiner, words[k + 1 : k + 2])


def _denied_subject(words: list[Token], first: int, text: str) -> Token | None:
    """The determiner that denies the subject of the quote's first word words[first] (`words`: the
    clause's, `_opening_run`) where that word is an auxiliary, a modal or a copula (`_auxiliary`; a
    reflexive pronoun before one, `_reflexive_auxiliary`: "si è", "se ha") of a language whose
    negative determiner needs no other negation (`_SUBJECT_DENIERS`): "… ha riconosciuto
    l'annessione" for "Nessun paese ha riconosciuto l'annessione", "… ha reconocido" for "Ningún
    país ha reconocido", "… hat die Annexion anerkannt" for "Kein Land hat die Annexion anerkannt"
    assert what no country did, as "… a reconnu" for "Aucun pays n'a reconnu" does; or any verb
    right after the subject's determiner and noun (`_verb_after_subject`: "… riconosce
    l'annessione" for "Nessun paese riconosce l'annessione").  Read as `_denying_subject` reads
    French's back from its "ne", not in "like no other" (`_like_no_other`), and only where it opens
    the auxiliary's subject, not another clause's or a negated verb's object (`_opens_subject`).
    English's "no" and "nobody" only where they open the subject (`_english_subject`), German's
    "kein" not before a number (`_german_subject`)."""
    if not 0 < first < len(words):
        return None
    for language, determiners in _SUBJECT_DENIERS.items():
        if not (_auxiliary(words[first].key, language) or _reflexive_auxiliary(words, first, language)
                or language not in _AUXILIARY_ONLY and _verb_after_subject(words, first, determiners, language, text)):
            continue
        found = _denying_subject(words[:first], words[first], text, determiners)
        if found is None or _like_no_other(words, found):
            continue
        if language == "en" and not _english_subject(words, found, first, text):
            continue
        if language == "de" and not _german_subject(words, found, first, text):
            continue
        if language == "nl" and not _dutch_subject(words, found, text):
            continue
        if _reports_speaker(words, first, language, text) or _excepted(text, found, words[first]):
            continue
        if _opens_subject(words, found, first, language):
            return found
    return None


def _excepted(text: str, found: Token, auxiliary: Token) -> bool:
    """Whether the words of `text` between the denying determiner `found` and its `auxiliary`, an aside's
    too (which the clause's words leave out), name an exception (`_EXCEPT`, Dutch's "op … na",
    `_DUTCH_EXCEPT`): "Niemand, behalve Rusland, heeft erkend", "Geen land, op Rusland na, heeft erkend",
    "Kein Land, außer Russland, hat anerkannt" assert it of the exception, as the quote does
    (`_denied_subject`)."""
    keys_between = [t.key for t in tokenize(text, found.end, auxiliary.start) if t.kind == "word"]
    on, but = _DUTCH_EXCEPT
    return any(key in _EXCEPT for key in keys_between) or on in keys_between and but in keys_between[
        keys_between.index(on) + 1 :]


# The reflexive pronoun that Italian, Spanish and Portuguese put before the verb, which a quote may open
# with, and the one rule for it.  Right after the subject's noun it is read past to the verb
# (`_verb_after_subject`: "… si pronuncia" for "Nessun paese si pronuncia", "… se pronunció", "… se
# pronunciou"); after other words, only before an auxiliary and not in Portuguese (`_reflexive_auxiliary`,
# `_REFLEXIVE_BEFORE_AUXILIARY`: "Nessun paese europeo si è pronunciato", "Nessuno si è pronunciato"),
# whose "se" after a verb is "if" as often ("Nenhum país sabe se tem condições").  The same words are
# "if" in the other language, Italian "se", Spanish "si", which opens a clause after a headline's noun
# ("Nessun accordo se non c'è una tregua", "Ningún acuerdo si hay guerra": `_NOUN_PHRASE_GOES_ON`), and
# so is Portuguese's own "se" before what comes after no reflexive: a negation, an article, a name
# (`_verb_shaped`), a subject pronoun (`_IF_SUBJECTS`), a future subjunctive, in -r or -rem, which no
# finite verb ends in (`_IF_VERB`): "Nenhum acordo se não houver cessar-fogo", "se a Rússia recuar",
# "se ele não recuar", "se houver guerra".
_REFLEXIVES = {"it": "si", "es": "se", "pt": "se"}
_REFLEXIVE_BEFORE_AUXILIARY = frozenset({"it", "es"})
_IF_VERB = re.compile(r"[^\W\d]+r(?:em)?")  # "houver", "tiverem"; not an auxiliary: "Nenhum país se quer envolver"
_IF_SUBJECTS = frozenset("eu tu ele ela nós vós eles elas você vocês".split())
# The object pronouns before the verb that a noun phrase goes on with in another language of the
# subjects' (`_NOUN_PHRASE_GOES_ON`: Italian's article "le", Portuguese's "nos", in the), which
# `_verb_after_subject` reads past to the verb after them, by the language of the subject's
# determiner (`_object_pronoun`): "… le responde" for "Ningún país le responde", "… nos preocupa".
# The others are no such word, and `_verb_shaped` as the verb is ("… ci crede", "… lhe responde").
# Not Italian's "la", "le", "gli", Spanish's "lo", "la", "los", "las", Portuguese's "o", "a", "os",
# "as": articles too, before a noun they open a headline's phrase with no verb ("Nessun accordo la
# settimana scorsa", "Nenhum acordo a longo prazo", "Nessuna tregua la notte di Natale"), and "… la
# riconosce" for "Nessun paese la riconosce" is read only by the verb's ending (`_ITALIAN_VERB_ENDING`).
# Italian's "lo" only before a word its article "lo" is not written before (`_ITALIAN_NESSUNO_NOUN`: "lo
# Stato", "lo stesso", "lo zar"): "… lo riconosce"; and the plural ones before a word that no plural ends
# as (`_PLURAL_ARTICLES`).
_OBJECT_PRONOUNS = {"es": frozenset({"le", "nos"})}
# Endings of Italian verbs that no feminine noun after the article "la" has, where "la" is the object
# pronoun before its verb (`_object_pronoun`): "-sce" ("riconosce", "conosce", "finisce"), a past's "-ò"
# ("firmò") and "-bbe" ("riconobbe", "riconoscerebbe"), a future's "-rà" ("riconoscerà"): "… la
# riconosce" for "Nessun paese la riconosce" drops the denial.  Not "-a", "-e" alone ("la notte", "la
# pace", "la settimana": a headline's phrase).
_ITALIAN_VERB_ENDING = re.compile(r"[^\W\d]+(?:sce|ò|bbe|rà)")
# The object pronouns that are plural articles too (Portuguese's "nos" the "in the" of "em os"), by
# language, with the ending of every plural noun or adjective after them (`_object_pronoun`): before a
# word that ends otherwise they are the verb's pronoun, "… apoia" for "Nenhum país nos apoia", "… reconoce"
# for "Ningún país los reconoce", "… reconhece" for "Nenhum país os reconhece" drop the denial, where
# "Nenhum acordo nos próximos dias", "Ningún acuerdo los últimos meses" name no verb.  Not Italian's "gli",
# "le", whose nouns end as its verbs do ("le elezioni", "le vede").
_PLURAL_ARTICLES = {"es": (frozenset({"los", "las"}), "s"), "pt": (frozenset({"nos", "os", "as"}), "s")}


def _reflexive_auxiliary(words: list[Token], first: int, language: str) -> bool:
    """Whether the quote's first word words[first] is `language`'s reflexive pronoun (`_REFLEXIVES`,
    `_REFLEXIVE_BEFORE_AUXILIARY`) before an auxiliary: "… si è pronunciato" for "Nessun paese europeo
    si è pronunciato" opens with the auxiliary's clitic, and drops the subject's denial as "… è stato
    firmato" does."""
    return (language in _REFLEXIVE_BEFORE_AUXILIARY and words[first].key == _REFLEXIVES[language]
            and first + 1 < len(words) and _auxiliary(words[first + 1].key, language))


# The small words a title leaves in lower case, English's articles, conjunctions and short prepositions
# ("No Time to Die", "No Way Out of the Crisis": `_no_title`).  A title after "No" in a headline in title
# case has two words at least (`_TITLE_WORDS`): one is the subject's noun ("No Agreement Has Been Reached").
_TITLE_WORDS = 2
_TITLE_SMALL_WORDS = frozenset("a an the and or nor of to in on at for with by from as".split())
# Words that go on with a noun phrase after its noun, and so are no verb right after it
# (`_verb_after_subject`): prepositions (those glued to an article too: "vom", "beim", "pelo", "num",
# "neste", and the elided ones glued to their noun, read by their head, `_verb_shaped`: "dall'ambasciata",
# "nell'immediato"), "as", "according to", "also" ("Nessun accordo come previsto", "Nenhum acordo segundo
# fontes", "Keine Einigung auch in Genf"), articles, conjunctions (those that open another clause too,
# `_OTHER_CLAUSE`: "Das ist kein Zufall sondern Kalkül"; "se" and "si", "if" in one language, are read
# past first as the determiner's language's reflexive pronoun: `_REFLEXIVES`), relatives, "other",
# "else" and the comparatives, in the languages of `_SUBJECT_DENIERS`.  All their prepositions: a
# headline has no verb ("Nessun accordo dopo il vertice", "Keine Einigung trotz Verhandlungen", "Ningún
# avance desde 2014"), and "… dopo il vertice" quotes its phrase, no verb the determiner denies.
# English's: the small words a title leaves in lower case (`_TITLE_SMALL_WORDS`) and more prepositions.
_NOUN_PHRASE_GOES_ON = frozenset().union(
    _OTHER, _EXCEPT, _SUBORDINATORS, _COMPARATIVES, _THAN_BEFORE_NOUNS, _WITHOUT, *_OTHER_CLAUSE.values(),
    _TITLE_SMALL_WORDS, keys(
    "di del dello della dell' dall' nell' sull' all' coll' dei degli delle da dal dalla dai dalle in nel nello "
    "nella nei negli nelle su sul sulla con col coi per tra fra a al allo alla ai agli alle il lo la i gli le un "
    "uno una un' e ed o od né dopo prima contro verso oltre durante sotto sopra presso entro fino tramite dentro "
    "fuori secondo come anche neanche nemmeno neppure "
    "de en por para entre sin sobre el los las y u ni tras hasta desde ante bajo contra hacia durante mediante "
    "según pese como también tampoco "
    "do da dos das em no na nos nas com sem ao aos à às o os as um uma ou nem após até desde sob perante "
    "durante contra pelo pela pelos pelas num numa nuns numas dum duma neste nesta nestes nestas nesse nessa "
    "deste desta desse dessa segundo conforme também tampouco "
    "der des den dem die das von vom aus mit im an am ans auf aufs für zu zum zur bei beim nach über unter vor "
    "ins und oder ein eine einer eines einem einen ohne gegen trotz seit bis durch zwischen wegen innerhalb "
    "außerhalb hinter neben laut gemäß seitens vonseiten angesichts aufgrund infolge statt anstatt mangels wie "
    "auch "
    "into about against among between under over across through during without within like else more"))
# Adverbs that stand between a subject and its verb, or after the noun of a headline with no verb, in
# the languages of `_SUBJECT_DENIERS` (`_verb_after_subject` reads past them to the word after): of
# time ("Nessun paese ieri ha riconosciuto", "dass kein Land gestern zugestimmt hat"; "Keine Einigung
# gestern in Berlin", "Ningún acuerdo ayer en Bruselas"), and German's of "da" and a preposition, which
# go on a noun too ("kein Zweifel daran, dass", "keine Rede davon"; "dass kein Land daran glaubt"),
# and the "mehr" of "kein … mehr" (no more: "Keine Waffen mehr für die Ukraine", "dass kein Land mehr
# zustimmt"); and Italian's, Spanish's and Portuguese's nouns of time that stand as such an adverb,
# the days, the parts of a day, "settimana", "semana", and the adjectives after them not in -o
# (`_no_finite_verb` reads those), a demonstrative before them too (`_TIME_DEMONSTRATIVES`): "Nessun
# accordo ieri sera a Bruxelles", "Nessun vertice europeo mercoledì", "Ningún avance real esta semana"
# name no verb, and "… sera a Bruxelles", "… mercoledì", "… esta semana" (the quote opening past the
# words before them, `_before_verb`) quote a headline's phrase; "Nessun paese domenica ha riconosciuto"
# still drops it.  Not French's: "aucun" denies with its "ne" (`_denying_subject`).
_BEFORE_SUBJECTS_VERB = frozenset(
    "yesterday today tomorrow now tonight already still "
    "ieri oggi domani ora adesso finora stamattina stasera già ancora "
    "lunedì martedì mercoledì giovedì venerdì domenica mattina sera notte settimana mese "
    "prossima scorsa "
    "ayer hoy mañana ahora anoche ya todavía aún "
    "lunes martes miércoles jueves viernes tarde noche semana mes día próxima pasada "
    "ontem hoje amanhã agora já ainda "
    "segunda terça quarta quinta sexta manhã noite mês dia passada "
    "gestern heute morgen jetzt nun bisher derzeit bereits schon noch "
    "dabei dadurch dafür dagegen dahinter damit danach daneben daran darauf daraus darin darüber darum "
    "darunter davon davor dazu dazwischen mehr".split())
# The demonstratives that a noun of time of `_BEFORE_SUBJECTS_VERB` or `_TIMES` takes, read past only
# before one (`_before_verb`: "Nessun accordo nucleare questa settimana"): before another noun they open
# a phrase the step back would read past to any word ("… accordi" for "Nessun paese questi accordi").
_TIME_DEMONSTRATIVES = frozenset("questa queste questi esta este estos estas estes desta deste dessa desse".split())
# The nouns of "this time", "these times", read past after such a demonstrative only (`_before_verb`):
# "… questa volta" for "Nessun accordo questa volta" quotes a headline's phrase, where "… volta ha
# riconosciuto" for "Nessun paese questa volta ha riconosciuto" drops the denial; not "volta" alone,
# voltare's third person ("Nessun paese volta le spalle").
_TIMES = frozenset("volta volte vez veces vezes".split())


def _verb_after_subject(words: list[Token], first: int, determiners: frozenset[str], language: str,
                        text: str) -> bool:
    """Whether the quote's first word words[first] stands right after a subject of a determiner of
    `determiners` (`language`'s) and its one noun, where Italian, Spanish, Portuguese and German put the
    finite verb: "… riconosce l'annessione" for "Nessun paese riconosce l'annessione", "… erkennt die
    Annexion an" for "Kein Land erkennt die Annexion an"; or opens what stands before that verb in the
    clause (`text`'s, no mark between but an aside's: `_CLAUSE_MARK`), an adverb
    (`_BEFORE_SUBJECTS_VERB`: "… ieri ha riconosciuto"), the language's reflexive pronoun
    (`_REFLEXIVES`: "… si pronuncia"), an object pronoun (`_object_pronoun`: "… lo riconosce") or an
    adjective after the noun (`_no_finite_verb`: "… europeo ha riconosciuto"), read past to a word shaped
    as a verb (`_verb_shaped`), no noun phrase's ("Keine Einigung gestern in Berlin", "Nessuna conferma
    ufficiale da Mosca").  English's
    "no" only in "no one" (`_no_one`: "… recognizes" for "No one recognizes"): it is Spanish's negation
    of a verb and Portuguese's "in the" as well ("No reconocemos fronteras impuestas", "No fundo eles
    sabem"), where the word after the next is no verb, so "… recognizes" for "No country recognizes" is
    missed (an auxiliary after it is read: `_denied_subject`).  A determiner alone before it is a
    pronoun, whose verb the opening walk reads (`_opening_negation`: "Nessuno riconosce").  An adjective
    whose ending a verb's form has too ("Nessuna squadra italiana vince") is read as that verb, and "…
    vince" missed.  The quote may open at the verb itself past such words (`_before_verb`: "… riconosce"
    for "Nessun paese europeo riconosce", "Nessun paese lo riconosce", "… pronunciou" for "Nenhum país se
    pronunciou"): the same walk, from the first of them."""
    while first > 2 and words[first - 2].key not in determiners and _before_verb(words, first - 1, language):
        first -= 1
    if not (first > 1 and words[first - 2].key in determiners
            and (language != "en" or _no_one(words[first - 2], words[first - 1], text))
            and not _pronoun(words[first - 2], words[first - 1 : first])):
        return False
    lo = words[first].start
    stretch = _ASIDE.sub(lambda m: " " * len(m[0]), text[lo : words[-1].end])
    after = [t for t in words[first:] if not stretch[t.start - lo].isspace()]  # an aside's words left out
    reflexive, verb = _REFLEXIVES.get(language), 0
    while verb < len(after) and _before_verb(after, verb, language):
        verb += 1
    if verb == len(after) or verb and _CLAUSE_MARK.search(stretch, after[0].end - lo, after[verb].start - lo):
        return False  # "… davon" for "Keine Rede davon.", "kein Zweifel daran, dass": no verb after them
    if any(t.key == reflexive for t in after[:verb]) and (
            _IF_VERB.fullmatch(after[verb].key) and not _auxiliary(after[verb].key, language)
            or after[verb].key in _IF_SUBJECTS):
        return False  # "Nenhum acordo se houver cessar-fogo", "se ele recuar": "if"
    return _verb_shaped(after[verb])


# Adjectives of nationality whose ending a finite verb's has ("-a": "parla"; "-ese": "prese", "chiese"),
# by name, which `_before_verb` reads past after a subject's noun as `_no_finite_verb` reads "europeo":
# "… vince in Europa" for "Nessuna squadra italiana vince in Europa" drops the denial.  Their forms in
# "-o" are `_NO_FINITE_ENDING`'s.
_NATIONALITIES = frozenset(
    "italiana europea americana africana russa ucraina tedesca spagnola britannica araba straniera israeliana "
    "iraniana turca greca polacca austriaca svizzera cinese francese inglese portoghese giapponese olandese "
    "svedese ungherese palestinese statunitense "
    "española rusa ucraniana alemana alemán francesa francés inglesa inglés británica extranjera griega polaca "
    "portuguesa portugués japonesa japonés "
    "europeia alemã chinesa chinês francês inglês espanhola estrangeira grega polonesa português japonês "
    "brasileira".split())


def _before_verb(words: list[Token], k: int, language: str) -> bool:
    """Whether words[k], after a subject's noun, is one `_verb_after_subject` reads past to the verb: an
    adverb (`_BEFORE_SUBJECTS_VERB`), `language`'s reflexive (`_REFLEXIVES`), an object pronoun
    (`_object_pronoun`), an adjective (`_no_finite_verb`, `_NATIONALITIES`), a demonstrative before a
    noun of time (`_TIME_DEMONSTRATIVES`: "… questa settimana") or "time" after one (`_TIMES`: "questa
    volta")."""
    key = words[k].key
    return (key in _BEFORE_SUBJECTS_VERB or key == _REFLEXIVES.get(language) or _object_pronoun(words, k, language)
            or _no_finite_verb(key, language) or key in _NATIONALITIES
            or key in _TIME_DEMONSTRATIVES and k + 1 < len(words) and (words[k + 1].key in _BEFORE_SUBJECTS_VERB
                                                                        or words[k + 1].key in _TIMES)
            or key in _TIMES and k > 0 and words[k - 1].key in _TIME_DEMONSTRATIVES)


def _object_pronoun(words: list[Token], k: int, language: str) -> bool:
    """Whether words[k], after a subject's noun, is an object pronoun of `language` before the verb
    (`_OBJECT_PRONOUNS`; Italian's "lo" before a word no article "lo" stands before, its "la" before a
    verb's ending, `_ITALIAN_VERB_ENDING`), read past to it
    as the reflexive is: "… lo riconosce" for "Nessun paese lo riconosce" drops the denial as "…
    riconosce" does; a plural article before a word no plural ends as too (`_PLURAL_ARTICLES`: "nos
    apoia")."""
    key = words[k].key
    if key == "lo" and language == "it":
        return k + 1 < len(words) and _ITALIAN_NESSUNO_NOUN.match(words[k + 1].key) is None
    if key == "la" and language == "it":
        return k + 1 < len(words) and _ITALIAN_VERB_ENDING.fullmatch(words[k + 1].key) is not None
    articles, plural = _PLURAL_ARTICLES.get(language, (frozenset(), ""))
    if key in articles:
        return k + 1 < len(words) and not words[k + 1].key.endswith(plural)
    return key in _OBJECT_PRONOUNS.get(language, ())


def _verb_shaped(word: Token) -> bool:
    """Whether `word`, after a subject's noun (`_verb_after_subject`), may be its verb: a word in lower case
    (no name) that no noun phrase goes on with (`_NOUN_PHRASE_GOES_ON`: "Nessun paese della regione",
    "Ningún país que", "Nessun accordo dopo il vertice"), no number, no negation (NEGATIONS: "Nenhum
    acordo se não houver", if not; "come nessun paese mai visto prima": a quote that opens with one
    keeps a denial), no elided preposition glued to its noun ("Nessun commento dall'ambasciata": its
    head, "dall'", is what goes on).  French's "ne" (`_NE`) is no negation in the languages of these
    subjects: it is Italian's clitic (of it) before the verb, "… ne parla" for "Nessun paese ne
    parla", "… ne ha parlato", which drop the denial as "… parla" does."""
    head = word.key[: word.key.find("'") + 1]
    return (word.text.islower() and word.key not in _NOUN_PHRASE_GOES_ON and head not in _NOUN_PHRASE_GOES_ON
            and not word.key[:1].isdigit() and (word.key not in NEGATIONS or word.key in _NE))


# The endings of adjectives that no finite verb of a third person has, by language (`_no_finite_verb`):
# Italian's, Spanish's and Portuguese's "-o" unaccented ("Nessun piano già pronto", "Nessun nuovo
# accordo", "Ningún avance nuevo", "se necessário": their verbs end so in the first person only, a past
# in "-ò", "-ó", "-ou"), but their regular past participles ("-ato", "-uto", "-ito", "-unto", "-ado",
# "-ido": a headline's verb, its auxiliary left out, "Nessun accordo raggiunto a Bruxelles"; the
# irregular ones are `_VERB_FORMS_SO_ENDING`'s); Italian's "-ale", "-ile" ("ufficiale", "possibile"; not
# "vale", "prevale", "sale") and "-are" ("militare", "nucleare", "popolare": an infinitive's ending, and
# no infinitive is the verb of a subject; not "pare", "appare", "compare", "scompare", parere's and
# -parire's third person, the only finite ones so ending: "Nessun paese pare disposto"); Spanish's and
# Portuguese's "-l" ("oficial", "possível") and Spanish's "-ible", "-able" ("posible", "responsable"; no
# verb ends in "-ible", and in "-able" only the subjunctive of "hablar" and "entablar",
# `_VERB_FORMS_SO_ENDING`).  Not German's: an adjective after its noun is never the noun's there but the
# headline's predicate, as a participle is ("Kein Visum nötig", "Keine Wahlen geplant": "… nötig" asserts
# what "Kein" denies).
_NO_FINITE_ENDING = {"it": re.compile(r"\w*(?:[^\W\d](?<!at|ut|it)(?<!unt)o|(?<![vs])ale|ile|(?<!p)are)"),
                     "es": re.compile(r"\w*(?:[^\W\d](?<!ad|id)o|l|[ai]ble)"),
                     "pt": re.compile(r"\w*(?:[^\W\d](?<!ad|id)o|l)")}
# The verb forms with such an ending, a closed class (`_no_finite_verb`): Spanish's strong preterites
# ("dijo", "hizo", "pudo", "tuvo", "quiso", "trajo"; "dio", "vio", "vino", "intervino") and Portuguese's
# "veio", "interveio"; the common irregular past participles, with the compounds that end as they do
# ("fatto", "rifatto"; "messo", "promesso"; "posto", "proposto"; "dotto", "prodotto"; "nesso",
# "annesso"; "strutto", "distrutto"; "vaso", "invaso"; "hecho", "puesto", "impuesto", "escrito",
# "descrito"; "feito", "dito", "posto", "eleito", "expulso"), a headline's verb as a regular one is
# ("Nessun segnale visto a Kiev", "Nessun territorio annesso dalla Russia", "Ningún anuncio hecho por el
# gobierno", "Nenhum acordo feito em Genebra"), but those more often an adjective than a verb
# ("aperto", "diretto", "corretto", "stretto", "abierto", "aberto", "perfeito"), read past; a compound
# that is more often an adjective is taken in with its stem ("convinto", "soddisfatto", "disposto",
# "dispuesto": the verb, and "… disposto a negoziare" for "Nessun paese disposto a negoziare" an
# alarm, as at HEAD); and Spanish's
# subjunctive "hable", "entable" (of "-ablar"; "-oblar", "-emblar" give "doble", "tiemble", no "-able").
_VERB_FORMS_SO_ENDING = {
    "it": re.compile(r"\w*(?:fatto|detto|visto|preso|messo|scritto|letto|vinto|perso|chiesto|posto|rimasto"
                     r"|chiuso|cluso|deciso|ucciso|diviso|atteso|esteso|reso|speso|acceso|mosso|presso"
                     r"|concesso|successo|rotto|dotto|tratto|scelto|tolto|sciolto|colto|volto|solto|pinto"
                     r"|spento|fferto|coperto|morto|nascosto|parso|corso|merso|fuso|protetto"
                     r"|nesso|cusso|scosso|strutto|confitto|trafitto|flitto|costretto|vaso|suaso|feso|conteso|redatto"
                     r"|pulso|polto)"),
    "es": re.compile(r"\w*(?:uv|ub|ud|up|us|is|iz|ij|aj|uj)o|[dv]io|\w*vino"
                     r"|\w*(?:hecho|dicho|visto|puesto|scrito|vuelto|suelto|cubierto|muerto|roto|impreso)"
                     r"|hable|entable"),
    "pt": re.compile(r"\w*veio|(?:des|re|satis)?feito|(?:pre|contra)?dito"
                     r"|\w*(?:visto|posto|scrito|coberto|morto|aceito|eleito|preso|suspenso|pulso|extinto)|ganho|gasto"
                     r"|pago")}


def _no_finite_verb(key: str, language: str) -> bool:
    """Whether a word (its `key`) after a subject's noun is an adjective by an ending no finite verb
    of `language` has in the third person (`_NO_FINITE_ENDING`), which `_verb_after_subject` reads
    past as part of the noun phrase: "… ufficiale da Mosca" for "Nessuna conferma ufficiale da
    Mosca" asserts nothing the determiner denies, and "… europeo
    ha riconosciuto" for "Nessun paese europeo ha riconosciuto" drops it.  Not a verb form with such
    an ending (`_VERB_FORMS_SO_ENDING`: "… dijo la verdad" for "Ningún ministro dijo la verdad", "… vino
    a la cumbre", "… veio à cimeira", a participle, "… visto a Kiev" for "Nessun segnale visto a Kiev",
    drop the denial), nor a word that goes on a noun phrase otherwise (`_NOUN_PHRASE_GOES_ON`:
    "segundo", "sotto", "el")."""
    ending = _NO_FINITE_ENDING.get(language)
    return (ending is not None and ending.fullmatch(key) is not None and key not in _NOUN_PHRASE_GOES_ON
            and not (language in _VERB_FORMS_SO_ENDING and _VERB_FORMS_SO_ENDING[language].fullmatch(key)))


# German's numbers in words, which a "kein" before them makes "not even" (`_german_subject`).
_GERMAN_NUMBERS = keys("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert "
                       "tausend")
# German's comparatives of time, after which a "kein" and its noun of time say "not even" (`_german_subject`:
# "Keine Woche später hat die Kommission reagiert", "Kein Jahr danach hat Moskau eingelenkt").  Not "darauf",
# which goes on a noun as often ("Keine Antwort darauf hat Moskau gegeben": no answer to it, a denial).
_GERMAN_LATER = frozenset("später früher danach zuvor vorher".split())
# German's "it is said": "heißt es", "hieß es", whose "es" is the verb's subject and the words before it
# what was said (`_german_subject`: "Kein Kommentar hieß es aus Moskau"); not gutheißen or willkommen
# heißen, whose "es" is the object ("Kein Land hieß es gut": no country approved it).
_GERMAN_SAID = frozenset("heißt hieß heisst hiess".split())
_HEISSEN_PARTICLES = frozenset({"gut", "willkommen"})
# German's reporting clause with its comma left out, what was said before it (`_reporting_clause`): sagen's
# forms before a subject that no object is (`_GERMAN_SPEAKERS`: "Kein Kommentar sagte der Sprecher",
# "Kein Kommentar sagte er am Montag", "Kein Kommentar sagte er."; not "Kein Minister sagte die Wahrheit",
# whose "die" is its object's article as often, `_speaker_closes`), and "so" (according to) before an
# article, a name or a pronoun that closes its clause ("Keine Einigung so der Minister", "so Scholz", "so
# er."; not "so groß").
_GERMAN_SAYS = frozenset("sagt sagte sagten".split())
_GERMAN_SPEAKERS = frozenset("er sie man der".split())
_GERMAN_SO_SOURCES = frozenset("der die das ein eine".split())
# What one says as much as nothing of: the "Kein" phrase that holds one is sagen's object put first,
# whoever says it and wherever ("Kein Wort sagte er", "Kein Wort sagte der Minister am Montag": he said
# not a word, `_german_subject`), where "Kein Kommentar sagte er" reports what he said.
_GERMAN_SAID_NOTHING = frozenset("wort wörtchen sterbenswörtchen silbe ton laut satz".split())


def _german_subject(words: list[Token], found: Token, first: int, text: str) -> bool:
    """Whether German "kein" `found` (one of `words`) opens the subject of the quote's verb
    words[first] (`_denied_subject`): not before a number, "Keine zwei Wochen später hat die
    Regierung die Wahl anerkannt" (not even two weeks later: it did), "Keine 24 Stunden später",
    "Keine Woche später" (a noun of time before `_GERMAN_LATER`); nor
    before "heißt es", "hieß es", "sagte der Sprecher", "so der Minister" (`_reporting_clause`), what
    was said: "… hieß es aus Moskau" for "Kein Kommentar hieß es aus Moskau" quotes who said it; but
    "Kein Wort" is what was not said (`_GERMAN_SAID_NOTHING`): "… sagte er" for "Kein Wort sagte er"
    drops it."""
    k = next(i for i, t in enumerate(words) if t.start == found.start)
    if _not_even(words, k, _GERMAN_NUMBERS, _GERMAN_LATER):
        return False
    said_nothing = any(t.key in _GERMAN_SAID_NOTHING for t in words[k + 1 : first])
    return said_nothing or not _reporting_clause(words, first, text)


def _not_even(words: list[Token], k: int, numbers: frozenset[str], later: frozenset[str]) -> bool:
    """Whether the denying determiner words[k] says "not even" (a language's `numbers` and comparatives of
    time, `later`): before a number, "Keine zwei Wochen später hat die Regierung …", "Geen 24 uur later
    heeft …", or a noun of time and "later", "Keine Woche später hat die Kommission reagiert", "Geen week
    later heeft de Commissie gereageerd": not even a week later, it did."""
    after = words[k + 1] if k + 1 < len(words) else None
    if after is not None and (after.key[:1].isdigit() or after.key in numbers):
        return True
    return k + 2 < len(words) and words[k + 2].key in later


# Dutch's numbers in words and its comparatives of time, as German's (`_dutch_subject`, `_not_even`).
_DUTCH_NUMBERS = frozenset("twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig honderd "
                           "duizend".split())
_DUTCH_LATER = frozenset("later eerder daarna daarvoor".split())


def _dutch_subject(words: list[Token], found: Token, text: str) -> bool:
    """Whether Dutch "geen" or "niemand" `found` (one of `words`, in `text`) opens the subject of the quote's
    auxiliary (`_denied_subject`): "… heeft de annexatie erkend" for "Geen enkel land heeft de annexatie
    erkend" drops it.  Not "not even" (`_not_even`: "Geen twee weken later heeft de regering …"), nor a
    name or after an article (`_dutch_name`: "De Geen heeft", "minister Geen heeft", "het geen")."""
    k = next(i for i, t in enumerate(words) if t.start == found.start)
    if _dutch_name(words, k, text):
        return False
    return not _not_even(words, k, _DUTCH_NUMBERS, _DUTCH_LATER)


def _dutch_name(words: list[Token], k: int, text: str) -> bool:
    """Whether Dutch "geen" or "niemand" words[k] (`_SUBJECT_DENIERS`, `words` being its clause's, from
    its last mark of a clause's end, in `text`) is a name or no determiner: written with a capital after a
    word of its clause ("Minister Geen heeft", "De Geen heeft", "Van Geen heeft": Dutch writes the
    determiner in lower case but at a sentence's start, "Rutte: Geen steun", and a quotation's, which a
    quotation mark opens after a verb of saying: "Rutte zei „Geen land heeft …”"), or after an article
    ("het geen", an old spelling of "hetgeen", what).  `_dutch_subject` and the opening walk (opening.py)
    read it so."""
    word = words[k]
    if not k or word.key not in _SUBJECT_DENIERS["nl"]:
        return False
    if words[k - 1].key in ("de", "het", "een"):
        return True
    quoted = any(mark in _QUOTE_MARKS for mark in text[words[k - 1].end : word.start])
    return word.text[:1].isupper() and not word.text.isupper() and not quoted


def _reporting_clause(words: list[Token], first: int, text: str) -> bool:
    """Whether the words a quote opens with, words[first:], after a German "Kein" phrase report it as
    what was said, "it is said" or a verb of saying before its subject that closes the clause
    (`_GERMAN_SAID`, `_GERMAN_SAYS`, `_speaker_closes`), or "so" (according to) before its source
    (`_GERMAN_SO_SOURCES`, a name, a pronoun that closes the clause): "… hieß es aus Moskau" for "Kein
    Kommentar hieß es aus Moskau", "… sagte der Sprecher", "… so der Minister", "… so er" quote who said
    it, and the "Kein" phrase is no subject they deny (`_german_subject`)."""
    verb, subject, particle = ([t.key for t in words[first : first + 3]] + ["", ""])[:3]
    if verb in _GERMAN_SAID:
        return subject == "es" and particle not in _HEISSEN_PARTICLES
    if verb in _GERMAN_SAYS:
        speaker = first + (1 if subject != "der" else 2)  # "sagte er", "sagte der Sprecher"
        return subject in _GERMAN_SPEAKERS and _speaker_closes(words, speaker, text, "de")
    return verb == "so" and first + 1 < len(words) and (
        subject in _GERMAN_SO_SOURCES or words[first + 1].text[:1].isupper()
        or subject in _GERMAN_SPEAKERS and _speaker_closes(words, first + 1, text, "de"))


# What may follow the subject of a German reporting clause in its clause (`_speaker_closes`): when, where,
# whose ("sagte der Sprecher am Montag", "sagte er in Berlin", "sagte der Sprecher des Ministeriums").
# Italian's, Spanish's and Portuguese's speaker is read to its end before (`_speaker_end`).
_AFTER_SPEAKER = {"de": frozenset("am im in des bei gegenüber".split())}


def _speaker_closes(words: list[Token], last: int, text: str, language: str) -> bool:
    """Whether the reporting clause's subject, ending at words[last], closes its clause (`text`'s:
    a clause mark or the end after it, `_CLAUSE_MARK`, or a word of `language`'s `_AFTER_SPEAKER`): what follows
    "sagte der" or "sagte er" otherwise makes "der" a dative's article and "sagte" a verb with an
    object or a particle, "zusagen", "absagen" ("Kein Land sagte der Ukraine Hilfe zu", "Kein Minister
    sagte der Presse etwas", "Keine Hilfe sagte er der Ukraine zu"), whose denial the quote drops; a
    subject pronoun that ends the clause is a reporting clause's too, "Kein Kommentar sagte er." ("Kein
    Wort sagte er.", sagen's object put first, is read before: `_GERMAN_SAID_NOTHING`)."""
    if last + 1 >= len(words) or _CLAUSE_MARK.search(text, words[last].end, words[last + 1].start) is not None:
        return last < len(words)
    return words[last + 1].key in _AFTER_SPEAKER.get(language, ())


# Italian's, Spanish's and Portuguese's reporting clause put after what was said, its comma left out
# (`_reports_speaker`): a verb of saying, a participle after its auxiliary or a finite form
# (`_SAYING`), then its subject, an article and a speaker's noun (`_SPEAKERS`: "Nessun commento ha detto
# il ministro", "Ningún comentario dijo el portavoz", "Nenhum comentário disse o ministro") or a name
# ("ha detto Lavrov", "ha detto Sergej Lavrov"; not an answer, `_ANSWERS`), that closes the clause
# (`_speaker_closes`).  Not what was said: "Nessun paese ha detto la verità", "Ningún país dijo la
# verdad", "Nessun governo ha dichiarato il ministro persona non grata" (the clause goes on).
_SAYING = {
    "it": frozenset("detto dichiarato affermato spiegato aggiunto sottolineato riferito precisato dice disse "
                    "afferma affermò dichiara dichiarò spiega spiegò aggiunge aggiunse".split()),
    "es": frozenset("dicho declarado afirmado explicado añadido señalado subrayado indicado precisado dice dijo "
                    "afirma afirmó declara declaró explica explicó añade añadió señala señaló indica indicó".split()),
    "pt": frozenset("dito declarado afirmado explicado acrescentado sublinhado indicado diz disse afirma afirmou "
                    "declara declarou explica explicou acrescenta acrescentou".split())}
# The answers a verb of saying takes as its object, capitalised or not: "Nessun paese ha detto Sì" (no
# country said yes), "Nessun paese ha detto Grazie" (no country said thank you) name no speaker
# (`_reports_speaker`); none of them is a name.
_ANSWERS = frozenset("sì si sí sim no não grazie gracias obrigado obrigada basta addio adiós adeus ciao".split())
# The prepositions of a genitive of a name after a reporting clause's speaker (`_speaker_end`): "ha detto il
# ministro degli Esteri", "dijo el portavoz del Gobierno", "disse o ministro da Defesa".
_SPEAKER_GENITIVES = {"it": frozenset("di del dello della dei degli delle".split()), "es": frozenset("de del".split()),
                      "pt": frozenset("de do da dos das".split())}
_SPEAKER_ARTICLES = {"it": frozenset("il lo la i gli le".split()), "es": frozenset("el la los las".split()),
                     "pt": frozenset("o a os as".split())}
_SPEAKERS = {
    "it": frozenset("ministro ministra portavoce presidente premier segretario segretaria ambasciatore cancelliere "
                    "sindaco leader comandante generale direttore commissario diplomatico funzionario fonte "
                    "ministero governo".split()),
    "es": frozenset("ministro ministra portavoz presidente presidenta secretario secretaria embajador canciller "
                    "alcalde líder comandante general director comisario diplomático funcionario fuente "
                    "ministerio gobierno".split()),
    "pt": frozenset("ministro ministra porta-voz presidente secretário secretária embaixador chanceler prefeito "
                    "líder comandante general diretor comissário diplomata funcionário fonte ministério "
                    "governo".split())}


def _reports_speaker(words: list[Token], first: int, language: str, text: str) -> bool:
    """Whether the quote's first words, words[first:], an auxiliary read past, are an Italian, Spanish
    or Portuguese reporting clause after what was said (`_SAYING`, `_SPEAKERS`): "… ha detto il
    ministro" for "Nessun commento ha detto il ministro" quotes who said it, and the "Nessun" phrase
    is no subject it denies (`_denied_subject`), as "… sagte der Sprecher" for "Kein Kommentar sagte der
    Sprecher" is not (`_reporting_clause`)."""
    if language not in _SAYING:
        return False
    verb = first + 1 if _auxiliary(words[first].key, language) else first
    if verb + 1 >= len(words) or words[verb].key not in _SAYING[language]:
        return False
    after = words[verb + 1]
    if after.key in _SPEAKER_ARTICLES[language]:
        return (verb + 2 < len(words) and words[verb + 2].key in _SPEAKERS[language]
                and _speaker_closes(words, _speaker_end(words, verb + 2, language), text, language))
    return (after.text[:1].isupper() and after.key not in _ANSWERS
            and _speaker_closes(words, _speaker_end(words, verb + 1, language), text, language))


def _speaker_end(words: list[Token], last: int, language: str) -> int:
    """The index of the last word of an Italian, Spanish or Portuguese reporting clause's speaker whose
    noun or name is words[last] (`_reports_speaker`): the words with a capital after it and a genitive
    of such words (`_SPEAKER_GENITIVES`: "ha detto Sergej Lavrov", "ha detto il ministro Lavrov", "ha detto
    il portavoce del Cremlino Peskov").  The clause must close there (`_speaker_closes`): a word in lower
    case after the genitive goes on with it, and the speaker's noun is the verb's object, "Ningún país ha
    declarado el gobierno de Maduro ilegítimo" (no country declared it illegitimate)."""
    genitives = _SPEAKER_GENITIVES[language]
    while last + 1 < len(words) and (words[last + 1].text[:1].isupper() or words[last + 1].key in genitives
                                     and last + 2 < len(words) and words[last + 2].text[:1].isupper()):
        last += 1
    return last


def _english_subject(words: list[Token], found: Token, first: int, text: str) -> bool:
    """Whether English "no" or "nobody" `found` (one of `words`, the clause's) opens the subject of
    the quote's first word words[first] (`_denied_subject`): first in it or after a word that opens
    one (`_OTHER_CLAUSE`) or an adverb ("For Paris, no country has", "He said that no country has",
    "Clearly no country has"), no idiom, comparative, litotes or number after it (`_NO_NOT_SUBJECT`:
    "No more than ten countries have", "No wonder the talks have failed", "No small number of States have",
    "Resolution No 2334 has"; `_no_idiom`: "No man's land has"; `_no_title`: "No Time to Die has").
    "No" needs its noun right after it, no hyphen or mark between ("A no-fly zone has"; the
    answer: "No, the minister said, sanctions have worked", whose aside the clause's `words` leave
    out), but "No-one" is "No one" (`_no_one`).  Not after an article or a preposition ("a no vote
    has", "a country of no importance has", "In no case has France": inverted, missed), nor "no" as
    a word after another ("said no").  "none" and "nothing" only before the auxiliary or a phrase that goes
    on with them (`_PRONOUN_SUBJECT_GOES_ON`: "None of the countries has", "Nothing herein shall"; not
    "Nothing short of a miracle has"); "not" only as "not a single", "not one" (`_NOT_A_SINGLE`)."""
    k = next(i for i, t in enumerate(words) if t.start == found.start)
    if k and words[k - 1].key not in _OTHER_CLAUSE["en"] and not _adverb(words[k - 1].key, "en"):
        return False
    if found.key == "not":
        return any(tuple(t.key for t in words[k + 1 : k + 1 + len(phrase)]) == phrase for phrase in _NOT_A_SINGLE)
    if found.key in ("none", "nothing"):
        return k + 1 == first or words[k + 1].key in _PRONOUN_SUBJECT_GOES_ON
    if found.key in _DENIER_PRONOUNS:
        return True
    after = words[k + 1] if k + 1 < len(words) else None
    if (after is None or after.key in _NO_NOT_SUBJECT or after.key[:1].isdigit() or _no_idiom(words, k)
            or _no_title(words, k, first)):
        return False
    return not text[found.end : after.start].strip() or _no_one(found, after, text)


def _opens_subject(words: list[Token], found: Token, first: int, language: str) -> bool:
    """Whether the denying determiner `found` (one of `words`, before the quote's auxiliary
    words[first]) opens that auxiliary's subject in `language` (`_denied_subject`), or sits in
    another clause, whose verb it denies and the quote does not hold: a finite auxiliary between
    ("Nessun paese ha firmato ma la Russia ha"; `_AUXILIARY_PARTICIPLES` read past), a "que" or a
    word opening another clause (`_SUBJECT_ENDS`, `_OTHER_CLAUSE`: "Nessuno lo riconosce ma Mosca
    ha deciso"; `_denying_subject` crosses a "que" only by French's auxiliaries: "Não é nenhum
    segredo que a Rússia tem"); a negated verb before it, whose object it is ("Mosca non ascolta
    nessuno ma ha deciso": `_VERB_NEGATIONS`); an exception between (`_EXCEPT`: "Nessun paese
    tranne la Russia ha riconosciuto"); or, right after a relative's or a completive's
    "che", "que" (`_SUBORDINATORS`), more words before the auxiliary than its noun, a verb of that
    clause among them ("L'annessione che nessun paese riconosce è illegale", "Il governo che
    nessuno riconosce ha firmato"), where "Ha detto che nessun paese ha riconosciuto" denies.  A verb of
    thinking before a clause with no "that" ends no subject: "… has recognized the annexation" for "No one
    believes Belarus has recognized the annexation" asserts what no one believes, as "… will work" for
    "Nobody thinks the plan will work" does (the labelled corpus's reading)."""
    k = next(i for i, t in enumerate(words) if t.start == found.start)
    between = words[k + 1 : first]
    if any(_auxiliary(t.key, language) and t.key not in _AUXILIARY_PARTICIPLES or _que(t) or t.key in _SUBJECT_ENDS
           or t.key in _OTHER_CLAUSE[language] or t.key in _EXCEPT for t in between):
        return False
    if any(t.key == _VERB_NEGATIONS[language] for t in words[:k]):
        return False
    return k == 0 or words[k - 1].key not in _SUBORDINATORS or len(between) <= _noun_words(found, between)


def _pronoun(found: Token, after: list[Token]) -> bool:
    """Whether the denying determiner `found`, the words `after` it, stands alone as a pronoun
    (`_noun_words`: "nessuno", not "nessuno Stato")."""
    return found.key in _DENIER_PRONOUNS and not _noun_words(found, after)


def _noun_words(found: Token, between: list[Token]) -> int:
    """How many words a denying determiner `found` takes as its noun before its auxiliary, the
    words `between` them (`_opens_subject`): none for a pronoun (`_DENIER_PRONOUNS`: "che nessuno
    ha"; "nessuno" before "Stato", `_ITALIAN_NESSUNO_NOUN`, is a determiner), one otherwise ("che
    nessun paese ha")."""
    if found.key not in _DENIER_PRONOUNS:
        return 1
    return int(found.key == "nessuno" and bool(between) and _ITALIAN_NESSUNO_NOUN.match(between[0].key) is not None)


_OBJECT_AFTER = 3  # words at most between a negated verb's "ne" and the determiner of its object: "n'y a aucun"
# French words that join a second clause, whose determiner then opens its own subject, not the object
# of the first clause's negated verb (`_negated_verbs_object`): "Rien ne change et aucun pays n'a
# reconnu"; "pas" too, whose "ne" has its partner ("Ne l'oublions pas aucun pays n'a").  French only:
# the "y" of "n'y a aucun" is no Spanish "and" (`_SUBJECT_ENDS`).
_OBJECT_STOPS = frozenset("et mais ou donc or ni car parce puisque si s'il s'ils quand lorsque "
                          "comme quoique tandis sinon où dont pas".split())


def _negated_verbs_object(words: list[Token], k: int, stretch: str, lo: int) -> bool:
    """Whether the determiner words[k] opens the object of a negated verb before it, a "ne" at
    most `_OBJECT_AFTER` words back in its clause (`stretch`, the text from character `lo` with
    asides blanked): "Il n'y a aucun pays qui aujourd'hui ne reconnaisse l'Ukraine", "Il n'existe
    aucun État qui … ne soutienne", "Je ne connais aucun pays qui …" (a double negation: every
    country does).  Its "ne" is the existential's, and the later "ne" the relative clause's own,
    never the subject's (`_denying_subject`).  Not past a "que" or a word that joins another clause
    (`_OBJECT_STOPS`), whose "ne" is not the verb's before "aucun"."""
    for j in range(k - 1, max(-1, k - 1 - _OBJECT_AFTER), -1):
        if _CLAUSE_MARK.search(stretch, words[j].end - lo, words[k].start - lo) or _que(words[j]) or (
                words[j].key in _OBJECT_STOPS):
            return False  # "Rien ne change et aucun pays n'a reconnu": "aucun" opens the next clause's subject
        if words[j].key in _NE:
            return True
    return False


# Nouns whose "que" opens the clause they announce, never a relative one (`_subject_relative`):
# "Nul doute que la Russie ne cherche", "aucune crainte que".
_ANNOUNCING_NOUNS = frozenset("doute crainte risque danger peur chance espoir idée".split())


def _subject_relative(words: list[Token], j: int) -> bool:
    """Whether the "qui", "que" or "dont" words[j] opens a relative clause on the subject that
    closes before the "ne" after words[-1], whose "ne" is then the subject's: "Aucun député qui
    siège à Paris n'a voté", "Aucun des députés que nous avons rencontrés n'a voté" deny, as
    "Aucun député n'a voté" does (`_denying_subject`).  "qui" with words between it and the "ne"
    (not "aucun pays qui ne reconnaisse", whose "ne" is the relative clause's own); "que" or
    "dont" with an auxiliary or a modal of its own there (`_AUXILIARIES_BY_LANGUAGE`: "que nous
    avons rencontrés"), after a noun that no such "que" announces (`_ANNOUNCING_NOUNS`: not "Nul
    doute que la Russie ne cherche", whose "ne" is expletive)."""
    word, between = words[j], words[j + 1 :]
    if word.key == "qui":
        return bool(between)
    if not (_que(word) or word.key == "dont") or j == 0 or words[j - 1].key in _ANNOUNCING_NOUNS:
        return False
    return any(_auxiliary(t.key, "fr") for t in between)


def _no_idiom(words: list[Token], i: int) -> bool:
    """Whether the "no" words[i] opens an idiom that denies nothing of the quote's words
    (`_NO_IDIOMS`, `_NO_IDIOMS_BEFORE`, `_NO_PHRASES`: "there is no doubt", "no matter", "spare no
    effort", "no man's land")."""
    after = tuple(t.key for t in words[i + 1 : i + 3])
    return (words[i + 1].key in _NO_IDIOMS or (i > 0 and words[i - 1].key in _NO_IDIOMS_BEFORE)
            or any(after[: len(phrase)] == phrase for phrase in _NO_PHRASES))


def _no_title(words: list[Token], i: int, end: int) -> bool:
    """Whether "No" words[i] (with its capital) opens a name or a title that runs up to words[end]
    (the quote's auxiliary, or past its first word) and on over the words of a title after it, up to
    an auxiliary, a title's verb (in the past with no auxiliary too, `_title_verb`: "No Time to Die grossed
    $774 million"), or the clause's end: two words at least (`_TITLE_WORDS`), every one
    written with a capital, not in capitals (a headline in capitals tells nothing), but a title's small
    words (`_TITLE_SMALL_WORDS`), and none a word of an institution's or an office's name or an adjective
    of nationality (`_DENIAL_NOT_TITLE_WORDS`, `_NATIONALITY_ENDING`): "… has grossed" for "No Time to Die
    has grossed" quotes what the film did, "… Time to Die has grossed" too, and "… Has Been Ruled
    Out" for "No Deal Brexit Has Been Ruled Out" what was ruled out; "No Member State has", "No
    European country has", "No Arab State has" deny, and so do "No Security Council member has", "…
    Kremlin official has" for "No Kremlin official has", whose noun in lower case after the names
    that qualify it is no auxiliary ("No Senator has", "No Parliament has" too).  One word with a
    capital is the subject's noun in a headline in title case, whose auxiliary has a capital too and
    every capital tells nothing (a title has two words there at least, `_TITLE_WORDS`): "No
    Agreement Has Been Reached", "No Troops Will Be Sent" deny (a one-word title in such a headline,
    "No Exit Is Revived", is then read as a denial), where "No Logo has been reprinted", "No Exit was
    staged" in running text name a book, a play; and so is a headline's participle, its auxiliary left
    out, after the noun and before a preposition (`_headline_participle`: "No Survivors Found After
    Plane Crash"), in a headline only, where no auxiliary or one with a capital follows: "No Time Left
    for You was released" in running text names a song.  A name in the plural before a plural noun ("No
    Kings rallies were held", the protests) is read as a denial: its shape is that of "No Reuters
    journalists were hurt", "No Netherlands nationals were aboard", which deny."""
    stop = next((j for j in range(end, len(words))
                 if _auxiliary(words[j].key, "en") or not _title_or_small(words[j])), len(words))
    between = words[i + 1 : stop]
    headline = stop < len(words) and words[stop].text[:1].isupper()
    if words[i].text[:1] == "N" and stop < len(words) and not headline and _country_title(between):
        return True
    return (words[i].text[:1] == "N" and bool(between) and (len(between) >= _TITLE_WORDS or not headline)
            and between[0].key not in _TITLE_SMALL_WORDS
            and all(_title_or_small(t) for t in between)
            and (stop == len(words) or _auxiliary(words[stop].key, "en") or _title_verb(words, stop, between))
            and not ((headline or stop == len(words)) and _headline_participle(between)))


# The words of `_DENIAL_NOT_TITLE_WORDS` that running text writes in lower case, where offices and
# institutions keep their capitals ("No Prime Minister of Great Britain has"): after "No", with a capital
# and a title's words after them, they open a title (`_country_title`: "No Country for Old Men").  Not the
# plural, which opens no title ("No Countries in Europe have").
_LOWER_CASE_DENIAL_NOUNS = frozenset({"country"})


def _country_title(between: list[Token]) -> bool:
    """Whether the words after "No", `between` (up to the first word no title's, `_no_title`, in running
    text: a word in lower case after them, no headline's with a capital nor the words' end), are a title
    that opens with a noun of `_LOWER_CASE_DENIAL_NOUNS` with a capital, then one of its small words and
    two title words at least after it (`_TITLE_SMALL_WORDS`, `_title_word`, `_TITLE_WORDS`: none an
    institution's word nor an adjective of nationality): "… Country for Old Men has grossed millions", "…
    Country for Old Men ganhou o Oscar" quote what the film did.  Not "No Country of the European Union
    has" (a word of nationality or an institution's after the small word), "No Country in Europe has",
    "No Country on Earth has" (one word, a place's name as often as a title's), "No Country in Europe
    Recognizes Annexation" (a headline in title case, its verb a title's word), nor "No country for old
    men": a denial in lower case.  "No Country in Latin America has", a capital where running text
    writes none, is read as a title and missed."""
    return (len(between) > 2 and between[0].key in _LOWER_CASE_DENIAL_NOUNS and between[0].text[:1].isupper()
            and not between[0].text.isupper() and between[1].key in _TITLE_SMALL_WORDS
            and sum(_title_word(t) for t in between[2:]) >= _TITLE_WORDS
            and all(_title_or_small(t) for t in between[2:]))


# The prepositions after which a participle right after "No" and its noun is a headline's verb, its
# auxiliary left out (`_headline_participle`: "No Survivors Found After Plane Crash", "No Charges Filed
# Against Officer", "No Injuries Reported in Quake"), where a title's participle closes it or takes an
# adverb ("No Strings Attached", "No Child Left Behind", "No Holds Barred").
_HEADLINE_PREPOSITIONS = frozenset("after before in at on from against over during near amid despite following "
                                   "into for with by".split())


def _headline_participle(between: list[Token]) -> bool:
    """Whether the words after "No", `between` (all written as a title's, `_no_title`), are a noun, a
    past participle (`_past_participle`, the bare infinitive's shape too: "Found") and a preposition
    (`_HEADLINE_PREPOSITIONS`): a headline in title case whose verb is that participle, "… Survivors Found
    After Plane Crash" for "No Survivors Found After Plane Crash" drops its denial."""
    return (len(between) > 2 and _past_participle(between[1].key, headline=True)
            and between[2].key in _HEADLINE_PREPOSITIONS)


def _title_or_small(word: Token) -> bool:
    """Whether `word` may stand in a title after "No" (`_no_title`): a title's word (`_title_word`)
    or one of its small words (`_TITLE_SMALL_WORDS`)."""
    return word.key in _TITLE_SMALL_WORDS or _title_word(word)


def _title_word(word: Token) -> bool:
    """Whether `word` may be a word of a title after "No" (`_no_title`): written with a capital, not
    in capitals, neither a word of an institution's or an office's name nor an adjective of nationality
    (`_DENIAL_NOT_TITLE_WORDS`, `_NATIONALITY_ENDING`)."""
    return (word.text[:1].isupper() and not word.text.isupper() and word.key not in _DENIAL_NOT_TITLE_WORDS
            and _NATIONALITY_ENDING.fullmatch(word.key) is None)


# What opens the phrase after a verb in the past that follows a title in running text (`_title_verb`): an
# article, a number, a preposition ("No Time to Die grossed $774 million", "won four Oscars", "opened in
# London"), where a noun would follow an adjective in -ed ("No Kremlin appointed governor").
_AFTER_TITLES_VERB = frozenset({"a", "an", "the"}) | _HEADLINE_PREPOSITIONS | NUMBER_WORDS


def _title_verb(words: list[Token], stop: int, between: list[Token]) -> bool:
    """Whether words[stop], in lower case after "No" and the title's words `between` (two at least,
    `_TITLE_WORDS`), is the title's verb in the past with no auxiliary (`_past_participle`'s shape: "grossed",
    "won"), an article, a number or a preposition after it (`_AFTER_TITLES_VERB`): "… Time to Die grossed
    $774 million" for "No Time to Die grossed $774 million" quotes what the film did, as with "has grossed".
    One word with a capital is the subject's noun as often ("No Green voted for the bill"), and an
    adjective in -ed before a noun opens no verb ("No Kremlin appointed governor attended")."""
    following = words[stop + 1] if stop + 1 < len(words) else None
    return (len(between) >= _TITLE_WORDS and _past_participle(words[stop].key) and following is not None
            and (following.key in _AFTER_TITLES_VERB or following.key[:1].isdigit()))
