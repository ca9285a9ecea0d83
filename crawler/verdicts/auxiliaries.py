"""The auxiliaries, modals and copulas of the letters' statements' languages (`_auxiliary`,
`_AUXILIARIES_BY_LANGUAGE`; Russian's by their forms), an adverb by its ending (`_adverb`), and the
negations that stand right after such a verb, by its language (`_NEGATIONS_AFTER_VERB`: "did not",
"wird nicht", "n'a pas"), and English's past participles (`_past_participle`).  Word lists for the
rules on a quote's edges: the silent cut after an auxiliary (silent_cut.py), German's verb bracket
(german.py), "will" and "need" as nouns (modal_nouns.py), the negation before the quote's first word
(opening.py) and the denying subject before its auxiliary, or a headline's participle after it
(subjects.py).
"""

from __future__ import annotations

import re

from crawler.verdicts.french_ne import _ALLER, _DEVOIR, _POUVOIR, _SAVOIR, _VOULOIR
from crawler.verdicts.negations import _AUXILIARIES

# Negations that stand right after the verb they deny, by the language of that verb
# (`_AUXILIARIES_BY_LANGUAGE`): "did not", "will never", "is neither", "is no longer" (`_NO_AFTER`),
# "wird nicht", "n'a pas", "n'est plus" (French's after its "ne", `_negation_after_auxiliary`), "heeft niet",
# "is nooit" (not Dutch's "geen": "is geen oplossing" denies the noun, as "is no solution" does).
# Spanish, Portuguese, Italian and Russian put theirs before the verb, where a quote that ends on
# the verb keeps it.
_NEGATIONS_AFTER_VERB = {
    "en": frozenset("not n't never hardly scarcely neither no".split()), "de": frozenset("nicht nie niemals".split()),
    "fr": frozenset("pas jamais plus rien guère point".split()), "nl": frozenset("niet nooit".split())}
# The auxiliaries, modals and copulas of the letters' statements' languages, by language: in
# compound tenses the verb's participle or infinitive comes after them ("n'a pas reconnu", "no ha
# reconocido", "non ha mai riconosciuto"), and an English, German, French or Dutch one is what a negation
# right after it denies ("did not", "wird nicht", "n'a pas", "heeft niet": `_negation_after_auxiliary`).  Kept
# apart by language: French "a" (has) or Spanish "he" (have) are other words in English.
_AUXILIARIES_BY_LANGUAGE = {
    "en": _AUXILIARIES | frozenset("be been being is are was were am have has had".split()),
    "fr": frozenset(
        "a ai as avons avez ont avait avais avions aviez avaient aura auras aurons aurez auront aurait auraient "
        "ait aient aie ayons ayez eu avoir suis es est sommes êtes sont étais était étions étiez étaient serai "
        "sera serons serez seront serait seraient soit soient été être fut furent".split())
    | _POUVOIR | _DEVOIR | _ALLER | _VOULOIR | _SAVOIR,
    "es": frozenset(
        "he has ha hemos habéis han había habías habíamos habían habrá habrán habría habrían haya hayan hubo "
        "haber puedo puedes puede podemos pueden podía podían podrá podrán podría podríamos podrían poder "
        "debo debes debe debemos deben debía debían deberá deberán debería deberíamos deberían quiere "
        "queremos quieren es son fue fueron era eran será serán sería serían ser sido está están estaba "
        "estará".split()),
    "pt": frozenset(
        "tem têm temos tenho tinha tinham terá terão teria teriam ter há havia haverá pode podem podemos "
        "posso podia podiam poderá poderão poderia poderiam poder deve devem devemos devia deviam deverá "
        "deveria deveriam quer querem queremos é são foi foram era eram será serão seria seriam ser sido "
        "está estão estava".split()),
    "it": frozenset(
        "ho hai ha abbiamo avete hanno aveva avevano avrà avranno avrebbe avrebbero abbia abbiano avere "
        "posso puoi può possiamo possono poteva potevano potrà potranno potrebbe potrebbero potere devo "
        "deve dobbiamo devono doveva dovevano dovrà dovrebbe dovrebbero dovere vuole vogliamo vogliono è "
        "sono siamo era erano sarà saranno sarebbe essere stato stata stati state".split()),
    "de": frozenset(
        "bin bist ist sind seid war waren wird werden wirst werdet wurde wurden habe hast hat haben habt hatte "
        "hatten kann kannst können konnte konnten muss musst müssen musste mussten soll sollst sollen sollte "
        "sollten will willst wollen wollte wollten darf dürfen durfte durften".split()),
    # Not "zijn" (his, too: "zijn niet-aflatende steun") nor "wil" (the will: "de wil van het volk"), nouns
    # or determiners as often; "wilt", "willen", "wilde" are the verb's only.
    "nl": frozenset(
        "ben bent is waren was heb hebt heeft hebben had hadden word wordt worden werd werden zal zult zullen zou "
        "zouden kan kunt kunnen kon konden moet moeten moest moesten mag mogen mocht mochten wilt willen wilde "
        "wilden".split()),
}
# Russian's auxiliaries and modals besides мочь's (`_MOCH`: может, можем, смогут), by their forms
# (`_stands_between`): должен, быть (буду, будет; был), хотеть, стать ("не стал признавать": did
# not go on to recognise); not words that only start so (будущее, должность, сталь).
_RUSSIAN_AUXILIARY = re.compile(r"долж(?:ен|на|но|ны)|буд(?:у|ешь|ет|ем|ете|ут)|был[аио]?|хоч(?:у|ешь|ет)"
                                r"|хот(?:им|ите|ят|ел|ела|ели)|ста(?:ну|нет|нем|нут|л|ла|ли)")
# The adverbs of a language by their ending ("formally", "officiellement", "formalmente"): any of
# them may stand between (`_stands_between`), at least as long as given.
_ADVERB_ENDINGS = {"en": ("ly", 5), "fr": ("ment", 7), "es": ("mente", 8), "pt": ("mente", 8), "it": ("mente", 8)}
# A pronoun glued to the auxiliary after it in French and Italian ("ne l'a pas reconnue", "non l'ha
# mai riconosciuto"): one token, the auxiliary read without it.
_GLUED_PRONOUN = re.compile(r"^[lsmtc]'(?=\w)")


def _adverb(key: str, language: str) -> bool:
    """Whether a word (its `key`) is an adverb of `language` by its ending (`_ADVERB_ENDINGS`)."""
    ending, shortest = _ADVERB_ENDINGS.get(language, ("", 0))
    return bool(ending) and key.endswith(ending) and len(key) >= shortest


def _auxiliary(key: str, language: str) -> bool:
    """Whether a word (its `key`) is an auxiliary, a modal or a copula of `language`
    (`_AUXILIARIES_BY_LANGUAGE`; Russian's `_MOCH` and `_RUSSIAN_AUXILIARY`), its pronoun glued
    read past in French and Italian ("l'a", "l'ha")."""
    if language in ("fr", "it"):
        key = _GLUED_PRONOUN.sub("", key)
    if language == "ru":
        return (_MOCH.fullmatch(key) or _RUSSIAN_AUXILIARY.fullmatch(key)) is not None
    return key in _AUXILIARIES_BY_LANGUAGE.get(language, ())


# Russian "не может не" (cannot but), "не можем не", "не мог не": a double negation that asserts
# what follows (`_cannot_but`).
_MOCH = re.compile(r"(?:мо[гж]\w*|смо[гж]\w*)")


# English past participles not in -ed (`_past_participle`): "the health need not met by existing
# services" (modal_nouns.py `_participle_after_not`), "No Survivors Found After Plane Crash" (subjects.py
# `_no_title`).  Not those that are bare infinitives too ("found", "read", "set", "put", "come"), which a
# modal takes ("We need not set a deadline"), but where a caller reads no modal before them
# (`_HEADLINE_PARTICIPLES`).
_IRREGULAR_PARTICIPLES = frozenset(
    "met done seen given known taken paid held made kept built borne spent sought won brought bought caught "
    "taught left lost sent shown understood told said heard felt meant dealt fed led written driven chosen "
    "bound".split())
# Bare infinitives in -ed (not -eed: "feed", "exceed", "proceed" are told apart by that ending) that
# a modal takes: "You need not shed tears", "need not red-flag" ("red" before its hyphen).
_BARE_ED = frozenset("shed wed embed imbed shred bed red sled".split())
# The participles that are bare infinitives too, a headline's verb after its noun, where no modal stands
# ("No Survivors Found", "No Charges Set", "No Tax Cut"): `_past_participle`'s `headline`.
_HEADLINE_PARTICIPLES = frozenset("found set put cut hit shot struck read".split())


def _past_participle(key: str, headline: bool = False) -> bool:
    """Whether an English word (its `key`) is a past participle, no bare infinitive a modal could take
    before it (`_IRREGULAR_PARTICIPLES`, -ed but -eed and `_BARE_ED`): "met", "covered", not "set", "shed",
    "exceed"; in a `headline`, where no modal stands before it, those bare infinitives too
    (`_HEADLINE_PARTICIPLES`: "No Survivors Found")."""
    return (key in _IRREGULAR_PARTICIPLES or key.endswith("ed") and not key.endswith("eed") and key not in _BARE_ED
            or headline and key in _HEADLINE_PARTICIPLES)
