"""The verdict on one quote against one text, and the thresholds behind it, in one place.

Verdicts, from best to worst:

* verbatim — the same words and punctuation once the representation is normalised
  (Unicode NFKC, curly or straight quote glyphs, dash glyphs, "…" or "...", whitespace,
  a hyphen at a line break, a space that PDF extraction put inside a word, hyphen vs
  space inside a compound); a quote may open right after a French or Italian function word
  elided onto its first word ("aucun pays n'a reconnu" for "… a déclaré qu'aucun pays n'a
  reconnu", "Union reste unie" for "que l'Union reste unie", "Unione" for "dell'Unione":
  crawler/align.py `_elision_cut`), as after "que" written apart; not after "n'" (a word of its
  own, dropped) nor a negation elided ("nessun'altra");
* minor — the same words, except for case, punctuation, single vs double quotes, a
  contraction ("doesn't" / "does not", "won't" / "will not", "can't" / "cannot" / "can
  not", wherever it stands: at a quote's edge too, crawler/align.py `_edge_keep`), a
  British/American spelling, a one-letter spelling difference in a word of four letters or
  more, "%" written out ("5 per cent" for "5 %", PER_CENT, at a quote's end too: "… of 40
  per cent" for "… of 40%.", and back, crawler/align.py `Segment.after`, `_per_cent_past_span`;
  "5,000" for "5000" is where words are cut), or a French "ne" that denies nothing added or
  dropped alone (`_idle_ne`:
  the expletive "avant que les élections n'aient lieu"; "ne … que", only, whose "ne" dropped
  narrows the claim without turning it round); never a change to a
  negation (NEGATIONS, in the languages of the letters' statements), a number or its unit
  ("40%" for "40": `_unit_changes`), a name (a capitalised word) or a modal.  A verbatim,
  minor or elided reason names the changes its diff shows ("… or spelling: does not →
  doesn't", at most REASON_CHANGES, then "and N more"): case or punctuation alone shows none.  In Chinese, Japanese,
  Thai, Korean (compared letter by letter, crawler/align.py) only punctuation is minor: a
  changed letter, or a letter with another mark (ใช้/ใช่, か/が), is a changed word;
  a width form (ＯＳＣＥ, ｶﾞ, the fullwidth comma ，) is representation, verbatim;
* elided — the quote's ellipsis segments appear in order, verbatim or with minor
  differences, with source words left out where an ellipsis stands (the diff shows them
  deleted there); not when an ellipsis hides, inside a clause (an aside that interrupts it,
  ", however," or "(yet)", aside), a negation, a modal or a number that is all it leaves out
  ("does … recognize" for "does not recognize": altered, `_hidden_in_gap`; not "not only",
  "not just … but" that adds (`_additive_not`: "was not just fair but transparent", where
  "We will not just stand by but act" denies), the month May or mai, "the needs of", a
  French "ne" that denies nothing; a mark before the words it leaves out is no clause's end
  crossed: they open the clause the quote goes on with, read as an opening ellipsis's below,
  "Pour Paris, … a reconnu" for "Pour Paris, aucun pays n'a reconnu", "For
  Paris, … has recognized" for "For Paris, no country has recognized": `_hidden_in_clause`;
  and, whatever else it leaves out, a negation prefixed with a hyphen to the quote's word after
  it, "The UN … binding resolution" for "The UN non-binding resolution": `_negation_prefix`,
  though "non-binding" left out whole denies a word left out with it); nor when a
  closing ellipsis hides a negation just after the quote's last word ("The Ministry does …" for
  "… does not recognize": `_closing_gap`; not after a modal's word that is a noun there, "the
  political will …" for "… will not of one State": `_noun_before_not`, but "We need …" for
  "We need not accept" and "the State party need …" for "… need not take" hide one, `_need_noun`,
  unless a past participle follows the "not", which no modal takes: "the health need …" for "…
  need not met by existing services", `_participle_after_not`;
  the rest of the
  sentence after it is not read, nor
  a modal, a number or a date there: a quote cut short says nothing false); nor when an
  opening ellipsis hides one in the quote's clause before its first word ("… recognize the
  annexation" for "France does not recognize the annexation": `_opening_gap`; auxiliaries and
  modals between in each of the letters' languages, "… reconnu" for "n'a pas reconnu", "…
  reconocido" for "no ha reconocido", "… согласиться" for "не можем согласиться", and object
  pronouns, "no lo ha", a French infinitive's after its modal, "… accepter" for "ne peut
  l'accepter", "ne pourrions pas l'accepter", "ne veut pas l'accepter", "ne peut en aucun cas
  l'accepter" (`_infinitives_pronoun`, `_FRENCH_NEGATIVE_ADVERB`; not an article before a noun
  shaped as an infinitive, "ne doit pas la victoire", "ne veut pas l'avenir": `_infinitive`):
  `_fits_between`; a "ne"
  whose partner is the subject's determiner, "… reconnu" for "Aucun État membre n'a reconnu"
  (`_denying_subject`, past a
  relative clause on the subject or a comma aside: "Aucun député qui siège à Paris n'a", "Aucun
  État membre, pas même la Hongrie, n'a": `_subject_relative`; not one across a "que" or "qui" of a clause of
  its own, "Nul doute que la Russie ne cherche", "aucun pays qui ne reconnaisse", though
  "qu'aucun", one word, opens its clause's subject, "Il ne fait aucun doute qu'aucun pays n'a"
  (`_ELIDED_DENIER`; not after "ne … pas" in its sentence, "Je ne crois pas qu'aucun", though
  "La Russie ne recule pas. Il est clair qu'aucun pays n'a" denies: `_denied_before`), nor the object
  of a negated verb, "Il n'y a aucun pays qui aujourd'hui ne reconnaisse": `_negated_verbs_object`,
  though "Rien ne change et aucun pays n'a" is a subject again: `_OBJECT_STOPS`), or stands
  after an aside, "ne l'a, à ce jour, jamais reconnu"; the subject's determiner that denies
  alone, no "non" or "ne" with it, before an auxiliary in Italian, Spanish, Portuguese, German,
  "… ha riconosciuto" for "Nessun paese ha riconosciuto", "… hat die Annexion anerkannt" for
  "Kein Land hat die Annexion anerkannt", "… si è pronunciato" (its reflexive pronoun), or before
  any verb right after the determiner's noun, an adverb or a reflexive pronoun read past, "…
  riconosce" for "Nessun paese riconosce", "… ieri ha riconosciuto", "… si pronuncia"
  (`_denied_subject`, `_verb_after_subject`; not a headline's words after its noun, "Keine
  Einigung gestern in Berlin", "kein Zweifel daran, dass", "Nessun accordo se non c'è una
  tregua": `_BEFORE_SUBJECTS_VERB`, `_REFLEXIVES`; not after "without", a comparative's "than" or
  in "like no other": "Sin ningún apoyo", "más que ningún otro", "più di nessun altro", "más que
  nadie", "Come nessun altro", "Come nessuno": `_no_subject`, `_denies_no_verb`,
  `_like_no_other`; nor "no man's land", "La terra di nessuno": `_nobodys_land`; nor another
  clause's subject, a negated verb's object or one with an exception, "Il governo che nessuno
  riconosce ha", "Mosca non ascolta nessuno ma ha", "Nessun paese tranne la Russia ha", "Kein
  Geringerer als": `_opens_subject`; nor "Keine zwei Wochen später", nor what "hieß es" reports,
  "Kein Kommentar hieß es aus Moskau": `_german_subject`), and English's "no" or "nobody" opening
  its subject, "… shall be held in slavery" for "No one shall be held in slavery", "No-one" too
  (not "No wonder", "No more than", "No. 10", "No small number", "No man's land", a title, "No
  Time to Die has grossed": `_english_subject`, `_no_idiom`, `_no_title`);
  not articles or nouns, "… solución" for "La guerra no
  es la solución" as "… solution" for "War is not the solution"; not "whether or not", "not to
  mention", "не может не" (cannot but), "ne peut être que" (can only be), a "no" quoted as
  the answer or set off by a comma, or after an article, the word said or a vote's side ("«No»
  ha detto", "No, he said, sanctions have worked", "les partisans du non", "En Grecia, el no
  ganó": `_named_no`; not before an infinitive, "Al no
  reconocer", "Il non aver firmato", "Il non fare", "Ao não ter", "O não ter assinado" (no "or
  not": `_or_before`), nor "El no ha" opening a sentence (Él; "El no ganó", a vote's side winning,
  is the side: `_side_wins`), nor "Il non intervento", "Le non
  respect" (`_NON_COMPOUND_HEADS`), "O não cumprimento" (`_NAO_COMPOUND_HEADS`), nor one
  prefixed with a hyphen to the quote's first word, whatever the word, "… binding resolution"
  for "a non-binding resolution", "… respect" for "Le non-respect", "… fly zone" for "a no-fly
  zone" (`_negation_prefix`), nor "L'UE «non» riconosce"), Italian's clitic
  "ne" ("ne ha preso atto") or "n'en déplaise": `_ne_denies`; nor "yes and no votes", "the
  yes- or no-vote" (the two sides: `_after_yes`), nor "he said no-Moscow will" (a dash:
  `_dash_after`), nor a syllable of a name, "the Mai-Ndombe province": `_name_syllable`);
  of two places of the quote that match as well, the one
  where no ellipsis (a closing or an opening one too) hides one or crosses a clause's end is
  taken (the text's "does formally recognize", not "does" in one sentence and "recognize" in
  the next);
* altered — words added, removed or replaced (listed, with what kind of word:
  negation, number, name, modal; a negation only where one side denies and the other
  does not, so isn't → wasn't or ない → なかった names none; in a script without spaces, a
  negation whose letters a change cuts is shown whole: ます → ません, not す → せん; a
  number or a negation the quote's closing stop leaves out, "The Ministry does." for "…
  does not.", 死亡人数为。 for 为4。, is a change too: `_dropped_before_stop`; so is a negation
  right after the quote's last word where the quote ends with no ellipsis on an auxiliary, a
  modal or a copula that the negation denies ("did not", "is no longer", "is neither", "wird
  nicht", "n'a pas", "n'est plus", "n'y a pas", "ne les avons pas", "We need not": `_need_noun`), a silent
  cut no better than "Russia did …" ("Russia did" or "Russia did." for "Russia did not comply
  with the ruling", "La France n'a" for "n'a pas reconnu": `_cut_before_negation`), a negation
  the quote's first word drops where it opens inside the word that negation prefixes with a
  hyphen ("binding resolution" for "a non-binding resolution", "governmental organisations" for
  "non-governmental organisations": `_opening_gap`, `_negation_prefix`), and,
  for a German quote (`_german_clause`, its own words; or a name and a finite verb, "Putin
  lügt", where the source's negation is German's own "nicht" closing its sentence:
  `_quote_clause`), a German negation that closes its
  clause with nothing after it but the verb's end, a particle, a participle or an infinitive
  after a finite auxiliary or modal the clause holds (the verb bracket: `_opens_bracket`)
  ("Die Bundesregierung erkennt die Wahlen" for "… erkennt die Wahlen nicht an.", "noch nicht
  an:", "nicht mehr an", "hat … nicht anerkannt": `_verb_final_negation`), "für" and an
  adjective after "hält" and its object ("hält Neuwahlen nicht für nötig": `_held_for`; not
  "hält nicht für immer"), or "nicht" and a particle a few words after a quote ending on its
  finite verb, in its own clause ("Scholz lehnt" for "Scholz lehnt das Angebot nicht ab.":
  `_particle_after_object`, past an adverb or a preposition, "lehnt das Angebot vorerst / laut
  Bericht nicht ab", or a number, "die 5.000 Anträge"; not past "und", "oder" or a second verb,
  "kämpft und gibt nicht auf", nor after a copula, "ist bereit"); a line wrapped in
  running prose, a soft hyphen or a zero-width space between is a space (`_same_phrase`); not a quote
  that ends on a subject, a noun or a whole clause, "La France" for "La France n'a pas
  reconnu", "adopted" for "adopted without a vote", "erkennt" for "erkennt nicht die Wahl des
  Parlaments an", "kommen" for "kommen nicht selten vor", "tagt" for "tagt nicht öffentlich",
  "reagiert" for "reagiert nicht angemessen" (a negation of an adverb or an adjective), "zahlt"
  for "zahlt nicht mehr, als sie muss", "Wir tun das" for "Wir tun das nicht, um Russland zu
  schaden, sondern um …" (a purpose denied: `_negated_purpose`; without "sondern um / damit /
  weil" the act's denial is cut), "Und warum" for "Und warum nicht?", a Polish
  or Afrikaans "nie", Dutch "niet", "This reflects the political will" for "… will not of one
  State", "the general will" for "… will not of one party", "the people's will" for "… will not
  of one party" or "… will not his alone", "the ‘citizens’ will" for "… will not of one party"
  (the noun: `_will_noun`, no verb after its "not", an adverb read past: `_no_verb_after_not`;
  not "The Sovereign will" for "… will not open Parliament", "The general will" for "… will not
  attend", "Russia's will" for "… will not work" or "… will not simply disappear", "the
  ‘reformers’ will" for "… will not simply accept"),
  "those in need" for "… need not covered", "the health need" for "… need not met by existing
  services" (the noun: `_need_noun`, `_participle_after_not`),
  nor at a comma, a
  new paragraph, two short lines of a table or a poem, or before "not only", "nicht nur", "is
  no doubt", "is no longer than", "is neither here nor there", "n'a plus que" (only)); so is
  one an
  ellipsis hides, above; a segment found before the one it follows is named, with where;
  the reason lists what the diff shows, each side as written: "40 per cent → 4", and the
  minor changes and those in representation too, "written differently: 5,000 → 5000; per
  cent → %"); a number in another unit, or with a unit on one side only ("40%" for "40",
  "€40" for "40"; "40 %" and "40 per cent" say "40%"; a range's two numbers of one kind
  write it once, "from 30 to 40%", a year or "Article 5", "l'article 5 à 40 %", "Art. 5 à
  40 %" before a share none: `_range_unit`, `_NUMBERED`, `_numbered`),
  is a changed number, named "40 → 40%" (`_unit_changes`: the alignment compares the digits,
  "%" is punctuation to it), or, an ellipsis right after the quote's number, "“%” left out
  at an ellipsis after 47";
* translation — the text is in another language than the quote (py3langid), or the
  citation says "unofficial translation" and the words do not match: no word-level
  verdict is claimed;
* not-in-source — the text does not contain the quote (best score below `found`);
* unverifiable — there is no text to compare (decided by the stage, not here).

A quote that the text holds in another place as well, apart from the one judged (each of
its segments scoring `found_again` there, judged there no worse than where it matches best;
crawler/align.py `Alignment.elsewhere`), is judged where it matches best, as before, and a
verbatim, minor or elided reason ends "the text holds the quote 2 times, judged where it
matches best" (`_found_times`); an altered one says nothing of copies.

Thresholds (`THRESHOLDS`) are justified by tests/data/labelled/ (`python
bench/reconcile.py` prints the score range of each verdict; BENCHMARKS.md, section
Reconcile): `found` = 45 lies in the gap between the highest-scoring absent quote or
loose paraphrase (23) and the lowest-scoring altered quote (58, two ellipsis segments
in the wrong order).

Another text than the cited one "holds the quote" (the stage's misattribution hint,
`names_the_quote_elsewhere`) on stricter terms than `found`: an altered match with a
few words in common is no evidence that the words came from there (diplomatic
statements share their formulas: "does not recognise the so-called elections").
At least `misattribution_min_words` (6) of the quote's words (letters, in a script
written without spaces) must be in the text,
whatever the verdict; an altered match must also hold `misattribution_altered_words`
(10) of them and `misattribution_altered_share` (0.85) of all of them (the same word
or a minor variant, in order: at most about one word in seven changed or missing; the
demo's unrelated statements that share a phrase hold 0.46-0.63 of its quotes, a
labelled quote with a sentence silently cut holds all of its words though it scores
80, as the Dice score counts the source's words the quote leaves out),
and not put another name where the text has one: "Marsovia does not recognise …"
against "Osterlich does not recognise …" is another speaker's statement, not this
quote.  A renaming is a capitalised quote word that replaces a capitalised source word
in the same place of its sentence: inside a sentence both are names ("Republic of
Latvia" for "Republic of Estonia"); opening one, both are the sentence's subject
("Marsovia does …" for "Osterlich does …"; the price: "Moreover," for "Furthermore,"
counts too).  Not a renaming, so an altered match still gives the hint: a word added
where the text has nothing ("The European Union (EU) recalls", "to the Minsk Group
Co-Chairs" for "to its Co-Chairs", where no source name is replaced), a capital that
only opens a sentence facing a name inside one, or the reverse ("European Union" where
the text's next sentence opens with "The"), and the source words the alignment looks
at beyond the quote's edge across a full stop ("Furthermore, Ukraine once again …"
against "… of Azerbaijan. Ukraine once again …": "Azerbaijan" ends the sentence
before, the quote's "Furthermore" replaces nothing).  A misspelt name is still the
name: a quote's name is kept when a replaced source word is
`misattribution_name_similarity` (75) alike (rapidfuzz ratio; the labelled
misspellings "Kharabkh", "Karabah" score 87-93 against "Karabakh", other names such as
"Estonia"/"Latvia" or "May"/"March" at most 50).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import takewhile

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

import db as database
from crawler.align import (CONTRACTIONS, PARAGRAPH_BREAK, PER_CENT, SENTENCE_STOPS, UNSPACED_LETTER, UNSPACED_SPANS,
                           WORD_SYMBOLS, Alignment, Change, Segment, Token, align, closes_sentence, ends_at_ellipsis,
                           expand_contractions, found_at, is_split_artefact, iter_tokens, joined, left_before_stop,
                           regrouped, run_beside, starts_at_ellipsis, tokenize, with_closing_gap, with_left_out,
                           with_opening_gap, written, written_on)

VERDICTS = ("verbatim", "minor", "elided", "altered", "translation", "not-in-source", "unverifiable")
FOUND_VERDICTS = ("verbatim", "minor", "elided", "altered")  # the quote is in the text


@dataclass(frozen=True)
class Thresholds:
    """Every number the verdicts depend on (see the module docstring for why)."""

    found: float = 45.0  # alignment score below which the quote is not in the text
    spelling_min_length: int = 4  # shortest word whose one-letter change may be minor
    language_min_words: int = 6  # fewer words than this: no language guess
    language_sample: int = 20_000  # characters of a text given to the language guess
    misattribution_candidates: int = 20  # texts taken from full-text search for alignment
    misattribution_min_words: int = 6  # fewer quote words in another text: no hint it is from there
    misattribution_altered_share: float = 0.85  # an altered match elsewhere holding less of the quote is no hint
    misattribution_altered_words: int = 10  # an altered match elsewhere holding fewer quote words is no hint
    misattribution_name_similarity: float = 75.0  # a quote's name replaced by a less alike word: another name
    stop_words: int = 3  # at most this many words a quote's closing stop may leave out, to be read for meaning
    stop_letters: int = 4  # the same, in letters of a script written without spaces
    ellipsis_words: int = 6  # at most this many words an ellipsis leaves out inside a clause, to be read for meaning
    ellipsis_letters: int = 10  # the same, in letters of a script written without spaces (a word is one to a few)
    found_again: float = 75.0  # another place whose every segment scores this much: "holds the quote 2 times" (a copy
    #                           with one word in eight changed scores 88, a heading repeating two of its words about 45)


THRESHOLDS = Thresholds()

NEGATIONS = frozenset(
    "not no never nor neither none nobody nothing nowhere without cannot non n't "
    "hardly scarcely "  # turn a claim round as "not" does: "has hardly changed" is no "has changed"
    "ne n' pas ni jamais aucun aucune rien "  # n': ne elided ("n'acceptera", crawler/align.py `tokenize`)
    "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder nein "
    "nunca nadie nada ningún ninguna ninguno tampoco jamás "
    "não nenhum nenhuma ninguém nem mai nessuno nessuna nessun niente "
    "не нет ни никогда ничего ничто никто нигде нельзя değil yok asla".split()
)
# Not "personne" (French "nobody" only after "ne", else "person") nor "né" (French "born"), which
# are other words as often; a "ne" beside them is a negation already; nor "barely", which
# grants its claim ("barely passed": it passed).  "mai" is Italian's "never" and French's May:
# `_month` tells the month; "never" after some words is "ever" (`_ever`: "plus que jamais").
# Negations of scripts written without spaces, looked for in the letters a change joins
# (crawler/align.py compares those letter by letter: ない is two "words").  A change that cuts
# one takes in the rest of its letters (`_whole_words`): ます → ません is no "す → せん", and
# ไม่ → ไม้ (a tone mark) no "ม่ → ม้", which holds no negation.  なかっ: ない's past (なかった),
# so that ない → なかった keeps its negation on both sides (`_negation`).
UNSPACED_NEGATIONS = ("不", "没", "沒", "未", "无", "無", "非", "别", "別", "勿", "莫", "否",
                      "ない", "なかっ", "ません", "ず", "ぬ", "ไม่", "มิ", "않", "못")
# Common words that hold one of those letters and negate nothing (非洲 Africa, 莫斯科 Moscow,
# 特别 especially, 必ず surely, มิตร friend, 잘못 wrongly): taken out of a change's letters
# before its negations are looked for, so that "非洲" added is no "negation" in the evidence.
# A change that cuts one takes it in whole as it does a negation: 欧洲 → 非洲, 잘못 → 잘.
NOT_NEGATIONS = ("非洲", "非常", "是否", "特别", "特別", "分别", "分別", "区别", "區別", "个别", "個別",
                 "莫斯科", "未来", "未來", "无论", "無論", "无人机", "無人機", "不断", "不斷", "不停",
                 "必ず", "まず", "わずか", "ずつ", "ずっと", "はず", "いずれ", "少ない", "少なかっ", "危ない",
                 "危なかっ", "มิตร", "มิถุนายน", "มิติ", "잘못")
_NOT_NEGATION = re.compile("|".join(NOT_NEGATIONS))
_NEGATION = re.compile("|".join(sorted(UNSPACED_NEGATIONS, key=len, reverse=True)))
# Negations of those scripts that are a word of their own, and a negation only as one: Korean
# 안 (not: 안 한다) is written apart, and begins or ends many words as a letter (안보 security,
# 안전 safety, 제안 proposal, 안에 inside).  The noun 안 (inside) written apart after its noun
# (건물 안 사람들) is taken for one: telling the two apart needs the words' classes.
APART_NEGATIONS = frozenset({"안"})
# Where one of those words starts, the longest first (overlapping ones too: 非洲 and 非 of it).
_LISTED = re.compile("(?=(%s))" % "|".join(sorted(map(re.escape, UNSPACED_NEGATIONS + NOT_NEGATIONS), key=len,
                                                    reverse=True)))
MODALS = frozenset("can could may might must shall should will would ought need needs dare".split())
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion first second third fourth fifth sixth seventh eighth ninth tenth "
    "once twice half dozen".split()
)
_SPELLING = ((r"isation", "ization"), (r"ise", "ize"), (r"yse", "yze"), (r"our", "or"), (r"tre\b", "ter"),
             (r"ll", "l"), (r"ogue\b", "og"), (r"ence\b", "ense"))


@dataclass
class Verdict:
    """One quote against one text: the verdict and the evidence behind it."""

    verdict: str
    score: float
    reason: str
    alignment: Alignment | None = None
    changes: list[dict] = field(default_factory=list)  # [{"source", "quote", "kinds"}]
    languages: dict | None = None  # {"quote": "en", "text": "fr"}


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _spelling_variant(a: str, b: str) -> bool:
    """British vs American spelling ("recognise"/"recognize", "favour"/"favor")."""
    for pattern, repl in _SPELLING:
        a, b = re.sub(pattern, repl, a), re.sub(pattern, repl, b)
    return a == b


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


def _minor_pair(old: Token, new: Token, th: Thresholds) -> bool:
    """Whether one source word and one quote word differ only in spelling."""
    if old.key == new.key:
        return True
    if old.unspaced or new.unspaced:  # a changed letter is a changed word: ไม่/ไม้, が/か differ in a mark
        return False
    a, b = old.key, new.key
    kinds = set(word_kinds(old)) | set(word_kinds(new))
    if kinds - {"name"}:  # negation, number, modal: any change counts ("four"/"for")
        return False
    if _strip_accents(a) == _strip_accents(b) or _spelling_variant(a, b):
        return True  # "Stéphane"/"Stephane", "Organisation"/"Organization"
    if kinds:  # a name with any other difference ("Karabah")
        return False
    return min(len(a), len(b)) >= th.spelling_min_length and Levenshtein.distance(a, b) <= 1


_GLUED_MARKER = re.compile(r"^(\D+?)\d{1,2}$")


def _footnote_marker(old: list[str], new: list[str]) -> bool:
    """"declaration1" for "declaration": a footnote mark glued to the last letter
    (PDF text keeps the superscript as a plain digit), on either side."""
    if len(old) != 1 or len(new) != 1:
        return False
    for marked, plain in ((old[0], new[0]), (new[0], old[0])):
        m = _GLUED_MARKER.match(marked)
        if m and m.group(1) == plain:
            return True
    return False


def _per_cent_for_sign(change: Change) -> bool:
    """Whether one side of the change is the words for "%" (crawler/align.py PER_CENT) where the
    other writes the sign and no word: "5 %" for "5 per cent", and back (the fullwidth ％ too: a
    width form, as in `language`).  The number beside them is compared on its own: "5 %" for "50
    per cent" is a changed number."""
    sides = ((change.old, change.new, change.new_text), (change.new, change.old, change.old_text))
    return any(not other and tuple(t.key for t in words) in PER_CENT
               and unicodedata.normalize("NFKC", sign or "").strip() == "%" for words, other, sign in sides)


def classify_change(change: Change, th: Thresholds = THRESHOLDS) -> str:
    """'artefact' (where words are cut), 'minor' (spelling, contraction, a glued
    footnote mark, "per cent" for "%") or 'altered'."""
    old = [t.key for t in change.old]
    new = [t.key for t in change.new]
    if is_split_artefact(old, new):
        return "artefact"
    if old and new and expand_contractions(old) == expand_contractions(new) or _footnote_marker(old, new):
        return "minor"
    if _per_cent_for_sign(change):
        return "minor"
    if old and len(old) == len(new) and all(_minor_pair(o, n, th) for o, n in zip(change.old, change.new)):
        return "minor"
    return "altered"


# What a footnote mark follows in a script written without spaces, besides a letter: the
# punctuation that closes a clause or a quotation there (关切。3).
_MARKED_AFTER = frozenset("。，、；：！？」』）")
# Letters no clause ends on, which ask for what follows them: a copula or a word of quantity
# (为 is, 约 about, 共 in all, 第 -th) and the Japanese particles.  A footnote mark follows the end
# of what it annotates, so plain digits glued after one of these are the number it asks for
# ("死亡人数为4，"), not a mark.
_ASKS_FOR_NUMBER = frozenset("为為是约約达達共计計第逾近仅僅至到有占佔はがをにでともへや")


def _glued_mark(change: Change, text: str, quote: str) -> bool:
    """A footnote mark of one or two digits (a PDF's superscript, plain) glued to a letter of
    a script without spaces, on one side only ("关切3，" for "关切，"): `_footnote_marker`
    finds one glued to a Latin word, which it is part of; here the digits are a word of
    their own.  Not digits that a letter follows (4月, 3个), nor plain digits after a letter
    that asks for a number (`_ASKS_FOR_NUMBER`): those are a number of the text."""
    side, written = (change.old, text) if change.old else (change.new, quote)
    if change.old and change.new or len(side) != 1:
        return False
    mark = side[0]
    if not (mark.key.isdigit() and len(mark.key) <= 2) or mark.start == 0:
        return False
    before, after = written[mark.start - 1], written[mark.end: mark.end + 1]
    glued = before in _MARKED_AFTER or before.isalpha() and UNSPACED_LETTER.match(before) is not None
    asked = before in _ASKS_FOR_NUMBER and not _superscript(mark.text)
    return glued and not asked and not after.isalnum()


def _superscript(digits: str) -> bool:
    """Whether digits are written raised (³, as a page's footnote mark is): a mark's shape,
    whatever letter it follows."""
    return all(unicodedata.decomposition(c).startswith("<super>") for c in digits)


def _negation(change: Change, text: str, quote: str) -> set[str]:
    """{"negation"} when one side of the change negates and the other does not: the meaning
    flips ("not" added or dropped, ます → ません, ไม่ → ไม้).  Not when both sides do, though a
    negation's word changed (isn't → wasn't, not → never, ない → なかった, 不 → 没有): the
    statement still denies; nor for letters of a negation that both sides share, which
    `_whole_words` took in to show whole words (不断 → 不停: nonstop both, the 不 kept).  The
    change is still altered; this only names what it does."""
    lead, tail = _shared_edges(change)
    negates = {_negates(side, range(lead, len(side) - tail), written)
               for side, written in ((change.old, text), (change.new, quote))}
    return {"negation"} if len(negates) == 2 else set()


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
    NEGATIONS but "mai" as the month (`_month`: "31 mai"), a "never" that says "ever" (`_ever`)
    or an "N'" written with a capital and no partner after it (`_ne_partner`), a "ne" of "ne …
    que" (only: `_restrictive_ne`) or one that denies nothing (`_expletive_ne`), or a syllable of a
    name (`_name_syllable`: "the Mai-Ndombe province"); or a word of APART_NEGATIONS written apart."""
    if "negation" in word_kinds(token):
        if _name_syllable(token, written):
            return False
        if token.key in _EVER_AFTER and _ever(token, _words_before(token, written), written):
            return False
        if token.key == "n'" and token.text[:1].isupper() and not _ne_partner(token, written):
            return False
        if token.key in _NE and (_restrictive_ne(token, written) or _expletive_ne(token, written)):
            return False
        return not (token.key in _MONTHS and _month(token, *_neighbours(token, written)))
    return token.key in APART_NEGATIONS and _apart(token, written)


def _name_syllable(token: Token, written: str) -> bool:
    """Whether a negation's word is glued by a hyphen to a word after it that it does not prefix (not
    one of `_HYPHEN_PREFIXES`, which "non-binding", "no-fly", "never-ending" are): a syllable of a
    name or a compound, "the Mai-Ndombe province", "the Ne-Win government", which denies nothing, so
    "… Ndombe province was hit" leaves no negation out."""
    return (token.key not in _HYPHEN_PREFIXES and _HYPHEN.match(written, token.end) is not None
            and written[token.end + 1 : token.end + 2].isalnum())


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
_INFINITIVE = re.compile(r"[^\W\d]+(?:er|ir|re|oir)")
# French nouns whose ending is an infinitive's (`_infinitive`): "la victoire", "la facture", "l'affaire",
# "la frontière", "la guerre", "le ministre", "l'autre", "l'ordre", "le cadre", "l'offre", "le membre",
# "le nombre", "l'arbre" (no verb ends in -bre or -ffre; not -ttre, -ître, -être:
# "mettre", "connaître", "être"), and the few verbs that end so (`_NOUN_SHAPED_VERBS`; "reconnaitre",
# "paraitre", "croitre" in the spelling of 1990, no circumflex, or in capitals without accents); and,
# by name, the nouns with a vowel first and a verb's ending that vouloir, savoir and devoir take after
# "l'" ("ne veut pas l'avenir que Moscou propose", "ne doit pas l'avenir à Moscou", "l'espoir", "l'hiver",
# "l'enfer", "l'empire", "l'ère", "l'émir", "l'élixir", "l'acier", "l'officier":
# `_PLURAL_OR_ELIDED_PRONOUNS`), none of them a verb.
_NOUN_SHAPED = re.compile(r"[^\W\d]*(?:oire|ure|aire|ière|erre|(?<![tîê])tre|bre|ffre)|(?:dés)?ordre|cadre"
                          r"|avenir|(?:dés)?espoir|hiver|enfer|empire|ère|émir|élixir|acier|officier")
_NOUN_SHAPED_VERBS = re.compile(r"(?:cr|b)oire|(?:con|ex|in)clure|(?:dé|re|satis|contre|par)?faire|(?:dé|com)?plaire"
                                r"|taire|(?:ex|dis|sous|abs)?traire|[^\W\d]*(?:aitre|oitre)")


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


def _apart(token: Token, written: str) -> bool:
    """Whether `token` is written apart in `written`: no letter or digit just before or after it."""
    return not (token.start and written[token.start - 1].isalnum()) and not written[token.end: token.end + 1].isalnum()


def _shared_edges(change: Change) -> tuple[int, int]:
    """How many words the two sides of a change share at its start and at its end: the
    letters `_whole_words` took in from the equal run beside it (the ไ of ไม่ → ไม้), the
    text's as much as the quote's."""
    old, new = [t.key for t in change.old], [t.key for t in change.new]
    lead = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(old, new)))
    tail = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(old[lead:][::-1], new[lead:][::-1])))
    return lead, tail


def _keyed(tokens: list[Token]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens' keys as `joined` writes them (no space inside a run of letters without
    spaces), and where each token's key starts and ends in that string: a listed word is
    looked for across letters, and told from the letters it covers."""
    keys, spans = "", []
    for previous, token in zip([None, *tokens], tokens):
        keys += "" if previous is None or written_on(previous, token) else " "
        spans.append((len(keys), len(keys) + len(token.key)))
        keys += token.key
    return keys, spans


def _whole_words(before: list[Token], changed: list[Token], after: list[Token]) -> tuple[int, int]:
    """How many of the equal letters before and after a change (one side's) a word of
    UNSPACED_NEGATIONS or NOT_NEGATIONS that the change cuts takes in (`regrouped`): the
    ไ of ไม่ for ม่ → ม้, the ま of ません for す → せん, the 잘 of 잘못 for 못 → ∅."""
    if not changed:
        return 0, 0
    lead, tail = run_beside(before, changed[0], leading=True), run_beside(after, changed[-1], leading=False)
    keys, spans = _keyed(lead + changed + tail)
    first, last = lo, hi = spans[len(lead)][0], spans[len(lead) + len(changed) - 1][1]
    for m in _LISTED.finditer(keys):
        if m.start(1) < hi and m.end(1) > lo:
            first, last = min(first, m.start(1)), max(last, m.end(1))
    left = sum(1 for _start, end in spans[: len(lead)] if end > first)
    right = sum(1 for start, _end in spans[len(lead) + len(changed):] if start < last)
    return left, right


def describe_change(change: Change, text: str, quote: str) -> dict:
    """A change as evidence: the source's words, the quote's, and what kinds they are (the
    `text` and the `quote` it is of tell a word written apart)."""
    kinds = sorted({k for t in change.old + change.new for k in word_kinds(t) if k != "negation"}
                   | _negation(change, text, quote))
    if not change.old:
        kinds.append("added")
    elif not change.new:
        kinds.append("removed")
    else:
        kinds.append("replaced")
    return {"source": change.old_words, "quote": change.new_words, "kinds": kinds}


def _per_cent_past_span(alignment: Alignment, text: str, quote: str) -> list[Token]:
    """The source's words for "%" (PER_CENT) right after its number that ends the quote, where the
    quote writes the sign ("a rise of 40%" for "a rise of 40 per cent."): the span ends at the
    quote's last word, so those words were never compared and the quote was verbatim, where
    "40% in March" for "40 per cent in March" is minor ("per cent → %", `_per_cent_for_sign`).
    Taken in as a change the quote made (crawler/align.py `with_left_out`), they are judged as
    there.  [] when the quote's last word is not the text's number, or either side writes "%"
    otherwise (no unit: `_unit_changes` names it)."""
    last = alignment.segments[-1] if alignment.segments else None
    if last is None or not last.span or last.ops[-1][0] != "equal":
        return []
    number, quoted = last.ops[-1][1][-1], last.ops[-1][2][-1]
    if not _number(number) or _own_unit(quoted, quote) != ("%", False) or _own_unit(number, text) != ("%", True):
        return []
    after = [t for t in tokenize(text, number.end, min(len(text), number.end + _UNIT_CHARS)) if t.key not in _HYPHENS]
    return after[: _per_cent_at(after, 0)]


def _per_cent_at(tokens: list[Token], i: int) -> int:
    """How many tokens from tokens[i] on are the words for "%" (PER_CENT), 0 when they are not."""
    keys = []
    for token in tokens[i : i + 2]:
        if token.kind != "word":
            break
        keys.append(token.key)
        if tuple(keys) in PER_CENT:
            return len(keys)
    return 0


# The signs a number is counted in (WORD_SYMBOLS but "&", "§"): "40%" is no "40", "€5" no "5".
_UNITS = WORD_SYMBOLS - {"&", "\u00a7"}
_UNIT_CHARS = 20  # characters read after a number for its unit ("процентов", "per cento")
# Where `_unit` may find one, in NFKC (％ is %): a sign, or a word for "%" (PER_CENT).
_MAY_HOLD_UNIT = re.compile("[%s]|%s" % ("".join(map(re.escape, sorted(_UNITS))),
                                          "|".join(sorted({w[0] for w in PER_CENT}))), re.IGNORECASE)


def _unit(token: Token, written: str) -> tuple[str, bool]:
    """The unit of the number `token` in `written` (the text or the quote), and whether it is
    written in words (`_own_unit`); for a number with none, the unit of a range's other number
    that its range writes once (`_range_unit`: "from 30 to 40%", "between €30 and 40"); "" for
    none."""
    near = written[max(0, token.start - _RANGE_CHARS) : token.end + _RANGE_CHARS]
    if not _MAY_HOLD_UNIT.search(unicodedata.normalize("NFKC", near)):  # most numbers: no unit, nothing to cut
        return "", False
    return _own_unit(token, written) or _range_unit(token, written) or ("", False)


def _own_unit(token: Token, written: str) -> tuple[str, bool] | None:
    """The unit written beside the number `token`: the sign just after it ("40%", "40 %", "5°"),
    the words for "%" after it (`_per_cent_at`: "40 per cent", "a 5-percent rise" read past its
    hyphens), or a sign that stands before a number just before it (`_BEFORE_NUMBER`: "€5", "$
    5"; not the "%" of the number before: "3% 12 months ago"); None for none."""
    after = tokenize(written, token.end, min(len(written), token.end + _UNIT_CHARS))
    if after and _sign_beside(after[0], written[token.end : after[0].start]):
        return after[0].key, False
    if _per_cent_at([t for t in after if t.key not in _HYPHENS], 0):
        return "%", True
    before = tokenize(written, max(0, token.start - 3), token.start)
    if (before and before[-1].key in _BEFORE_NUMBER
            and _sign_beside(before[-1], written[before[-1].end : token.start])):
        return before[-1].key, False
    return None


# The signs that stand before a number ("€5", "+5"); "%", "‰", "°" stand after one.
_BEFORE_NUMBER = frozenset("$\u20ac\u00a3\u00a5+")
_HYPHENS = frozenset("-\u2010\u2011")
# Words and dashes that join the two numbers of a range ("30 to 40%", "between 30 and 40 per cent",
# "40-45%"), each with the words one of which must stand right before the range's first number
# (None: none needed): "and" joins a range only after "between" ("Article 5 and 40% of members"
# is no range), Spanish "a" only after "de" (English "a" is an article: "In 2020 a 12% rise").
# Not "or": "5 or 40%" is no range one can tell.
_RANGE_JOINS: dict[str, frozenset[str] | None] = {
    "to": None, "bis": None, "à": None, "-": None, "\u2010": None, "\u2011": None, "\u2013": None, "\u2014": None,
    "and": frozenset({"between"}), "et": frozenset({"entre"}), "y": frozenset({"entre"}),
    "e": frozenset({"entre", "tra", "fra"}), "und": frozenset({"zwischen"}), "a": frozenset({"de", "desde"})}
_RANGE_CHARS = 40  # characters read beside a number for its range's other number and that one's unit
# Words that name what the number after them numbers ("Article 5", "paragraphe 3", "Resolution
# 2334"), in the languages of the letters' statements: that number is no end of a range (`_in_range`).
_NUMBERED = frozenset(
    "article articles art paragraph paragraphs para section sections chapter chapters annex rule item resolution "
    "paragraphe paragraphes alinéa chapitre annexe résolution numéro "
    "artículo artículos párrafo apartado capítulo anexo resolución número artigo artigos parágrafo resolução "
    "articolo articoli paragrafo capitolo allegato risoluzione artikel absatz abschnitt kapitel anhang ziffer "
    "nr статья статьи статье пункт пункта раздел глава резолюция резолюции".split())
_YEARS = range(1000, 2101)  # a number of four digits in these is read as a year (`_range_kind`)


def _range_unit(token: Token, written: str) -> tuple[str, bool] | None:
    """The unit a range writes once, for its number `token` written without one: the one after
    the next number ("from 30 to 40%", "30 to 40 per cent", "40-45%") or, a sign written before
    a number, the one before the number before ("between €30 and 40").  "30 to 40%" is "30% to
    40%" said shorter, no other number.  Only two numbers of one kind joined right after the
    first (`_in_range`): "in 2020 to 12%", "45% in 2020 and 30% in 2021", "Article 5 and 40%"
    give the year or the article no "%"."""
    after = tokenize(written, token.end, min(len(written), token.end + _RANGE_CHARS))
    if len(after) > 1 and _number(after[1]) and _in_range(token, after[0], after[1], written):
        unit = _own_unit(after[1], written)
        if unit and unit[0] not in _BEFORE_NUMBER:
            return unit
    before = tokenize(written, max(0, token.start - _RANGE_CHARS), token.start)
    if len(before) > 1 and _number(before[-2]) and _in_range(before[-2], before[-1], token, written):
        unit = _own_unit(before[-2], written)
        if unit and unit[0] in _BEFORE_NUMBER:
            return unit
    return None


def _in_range(first: Token, join: Token, second: Token, written: str) -> bool:
    """Whether the numbers `first` and `second`, `join` between them, are the two ends of one
    range: a word or dash of `_RANGE_JOINS`, after the word it asks for before `first` ("between
    30 and 40", a sign read past: "between €30 and 40"), and both numbers of one kind
    (`_range_kind`: "in 2015 – 80%" joins a year to a share); and `first` not the number of
    what the word before it names (`_NUMBERED`: "l'article 5 à 40 % des voix", "Article 5 to
    40%": the article gets no "%", and a quote cut after "l'article 5" changes no number)."""
    if join.key not in _RANGE_JOINS or _range_kind(first) != _range_kind(second):
        return False
    before = tokenize(written, max(0, first.start - _RANGE_CHARS), first.start)
    words = [t for t in before if t.key not in _BEFORE_NUMBER]
    if _numbered(words):
        return False
    openers = _RANGE_JOINS[join.key]
    return openers is None or bool(words) and words[-1].key in openers


def _numbered(words: list[Token]) -> bool:
    """Whether the last of `words` (those before a number) names what the number numbers
    (`_NUMBERED`): "l'article 5" (the article elided), or its abbreviation's stop glued to it,
    "Art. 5 à 40 %", "Nr. 5": the article gets no "%", and "Art. 5" for "Art. 5 à 40 %" changes
    no number."""
    if len(words) > 1 and words[-1].key == "." and words[-1].start == words[-2].end:
        words = words[:-1]
    return bool(words) and words[-1].key.rsplit("'", 1)[-1] in _NUMBERED


def _range_kind(number: Token) -> str:
    """"year" for a number of four digits in `_YEARS`, else "number": a range joins two of a kind."""
    return "year" if len(number.key) == 4 and number.key.isdecimal() and int(number.key) in _YEARS else "number"


def _number(token: Token) -> bool:
    """Whether a token is a number written in digits ("40", "2334"; not "P5", a word)."""
    return token.key.isdigit()


def _sign_beside(token: Token, between: str) -> bool:
    """Whether `token` is a unit's sign (`_UNITS`) with only spaces `between` it and its number."""
    return token.kind == "punct" and token.key in _UNITS and not between.strip()


def _unit_changes(alignment: Alignment, text: str, quote: str) -> list[tuple[Change, bool]]:
    """The numbers the quote writes as the text does in another unit, or with one where the text
    has none (`_unit`): "40%" for "40", "40 per cent" for "€40" is another number, though its
    digits match.  Each a change of the number as its side writes it ("40 → 40%"), and whether
    the quote's ellipsis right after its number is what leaves the unit out (`_unit_at_ellipsis`:
    "à 47 … commission" for "à 47 %, selon la commission": the reason says "“%” left out at an
    ellipsis", not a changed word; still altered, as a number an ellipsis leaves out is).  Not
    words for "%" facing no unit ("40 per cent" for "40"): they are a change of their own already,
    unless they stand past the quote's last word, where no change shows them: "Turnout was 40" for
    "Turnout was 40 per cent" is altered, as it is for "Turnout was 40%"."""
    changes = []
    for segment in alignment.segments:
        for tag, old, new in segment.ops:
            for o, n in zip(old, new) if tag == "equal" else ():
                if not o.key.isalpha() and any(c.isdigit() for c in o.key):  # isalpha: most words, at C speed
                    (old_unit, old_words), (new_unit, new_words) = _unit(o, text), _unit(n, quote)
                    if new_unit and not old_unit and _range_read_at_edge(n, quote):
                        new_unit, new_words = old_unit, old_words
                    shown = old_words and not new_unit and _word_after(o, segment.span) or new_words and not old_unit
                    if old_unit != new_unit and not shown:
                        change = Change([o], [n], _with_unit(o.text, old_unit), _with_unit(n.text, new_unit))
                        cut = not new_unit and old_unit not in _BEFORE_NUMBER and _unit_at_ellipsis(n, quote)
                        changes.append((change, cut))
    return changes


def _range_read_at_edge(number: Token, quote: str) -> bool:
    """Whether the quote's `number` takes its unit only from a range it opens ("5 à 40 %",
    `_range_unit`) where the quote holds no word before it: whether it is a range's end or what
    the word before names ("l'article 5 à 40 %", `_NUMBERED`) is said by the words the quote cut
    off, so its unit is read from the text's, which the quote's words do not change."""
    if _own_unit(number, quote) is not None:
        return False
    return not any(t.kind == "word" for t in tokenize(quote, 0, number.start))


def _unit_at_ellipsis(number: Token, quote: str) -> bool:
    """Whether the quote's next token after its `number` is an ellipsis ("à 47 … commission",
    "lag bei 48 …"): the unit the text writes there is left out at it."""
    after = tokenize(quote, number.end, min(len(quote), number.end + _UNIT_CHARS))
    return bool(after) and after[0].kind == "ellipsis"


def _word_after(token: Token, span: list[Token]) -> bool:
    """Whether the matched `span` holds a word after `token` (its words for "%" are in it)."""
    return any(t.kind == "word" and t.start > token.start for t in span)


def _with_unit(number: str, unit: str) -> str:
    """A number with its unit as a reason names it: "40%", "€40", "40 per cent" read as "40%"."""
    return unit + number if unit in _CURRENCIES else number + unit


_CURRENCIES = frozenset("$\u20ac\u00a3\u00a5")


def _forms(tokens: list[Token]) -> str:
    """Words and punctuation, case kept, hyphens and spacing dropped, outer punctuation
    trimmed, and the first letter lower-cased (a quote may start with a capital where
    it starts mid-sentence: typography, not a change)."""
    forms = [t.form for t in tokens if t.form != "-"]
    while forms and not forms[0][:1].isalnum():
        forms.pop(0)
    while forms and not forms[-1][:1].isalnum():
        forms.pop()
    joined = "".join(forms)
    return joined[:1].lower() + joined[1:]


def _same_representation(segment: Segment) -> bool:
    """True when the segment and its span differ only in representation (verbatim)."""
    return _forms(segment.quote) == _forms(segment.span)


@functools.cache
def _identifier():
    import py3langid

    return py3langid


_SPACED_RUN = re.compile(r"\S+")  # what str.split() cuts a text into


def language(text: str, th: Thresholds = THRESHOLDS) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None when too short to tell.
    A letter of a script written without spaces counts as a word: a Chinese sentence
    holds no space to count its words by.  Read in its NFKC form, width forms as the letters
    they stand for: py3langid takes English typed in fullwidth letters (ＴＨＥ ＨＥＡＬＴＨ) for
    Chinese, and a quote so typed was a translation of the English page it is in."""
    sample = unicodedata.normalize("NFKC", text[: th.language_sample])
    spaced = (m for m in _SPACED_RUN.finditer(sample) if any(c.isalpha() for c in m[0]))
    words = sum(1 for _ in itertools.islice(spaced, th.language_min_words))  # enough words counted: stop
    if words < th.language_min_words and not sample.isascii():
        words += len(database.UNSPACED.findall(sample))
    if words < th.language_min_words:
        return None
    return _identifier().classify(sample)[0]


# Chinese and Japanese share their ideographs, and py3langid's code alone does not tell them
# apart: it takes a Japanese line of kanji alone for Chinese (外務報道官談話: yue), and a short
# Chinese quote for Wu (中方对此表示极度关切，敦促美方恪守一个中国原则: wuu, one in ten of 12 to 20
# letters).  The script does: a text with kana (hiragana, katakana) is Japanese, for Japanese
# prose is never without its particles and endings (は, を, ない); a text of ideographs alone
# is Chinese (zh, yue and wuu one language here) when it holds more than KANJI_ALONE of them,
# and either when it holds fewer (a heading, a name): EITHER_HAN, one language with both.
# So a Japanese translation of a Chinese page (and back) is a translation, and a quote
# between a Chinese page and a Chinese line py3langid calls Wu is judged word by word.
_HAN = frozenset({"zh", "yue", "wuu", "ja"})
_CHINESE = frozenset({"zh", "yue", "wuu"})
EITHER_HAN = "zh/ja"  # ideographs alone, too few to tell Chinese from Japanese kanji
KANJI_ALONE = 15  # ideographs a text without kana may hold and still be Japanese
_KANA = re.compile("[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d]")  # not ・
# The Han ranges of UNSPACED_RANGES (db/migrations.py), the one list of those scripts: a range
# is Han when its first letter is a CJK ideograph (unified, extension or compatibility).
_IDEOGRAPH = re.compile("[" + "".join(f"{lo}-{hi}" for lo, hi in UNSPACED_SPANS
                                      if unicodedata.name(lo, "").startswith("CJK ")) + "]")


def written_language(text: str, th: Thresholds = THRESHOLDS) -> str | None:
    """`language`, with Chinese and Japanese told apart by their script (see above).  Only the
    text's first `language_sample` characters are read, and those of a text already asked about
    are answered from a cache: a stage judges many quotes against one text, and py3langid
    over 20,000 characters cost more than the alignment of a quote that is not found."""
    return _sample_language(text[: th.language_sample], th)


@functools.lru_cache(maxsize=64)
def _sample_language(sample: str, th: Thresholds) -> str | None:
    """`written_language` of a sample (at most `language_sample` characters: the cache's keys
    stay small)."""
    code = language(sample, th)
    if code not in _HAN:
        return code
    if _KANA.search(sample):
        return "ja"
    if len(_IDEOGRAPH.findall(sample)) > KANJI_ALONE:
        return "zh" if code == "ja" else code
    return EITHER_HAN


def _one_language(a: str | None, b: str | None) -> bool:
    """Whether the codes `a` and `b` of `written_language` name one language here: the
    same code, two of Chinese's, or kanji alone (EITHER_HAN) with Chinese or Japanese."""
    pair = {a, b}
    return a == b or pair <= _CHINESE or EITHER_HAN in pair and pair <= _HAN | {EITHER_HAN}


def _other_language(quote: str, text: str, alignment: Alignment, th: Thresholds, held: str | None = None,
                    ) -> Verdict | None:
    """A translation verdict when py3langid names two different languages, else None.
    Not when the words the alignment found are in the quote's language: a Chinese
    statement inside an English transcript, quoted with a word changed, is altered.  Those
    words are `held`, when given: the text's words the quote holds, before the source's words a
    silent cut leaves out were added to the span (`_cut_before_negation`): "Rozmowa z Ursulą von
    der Leyen" for "… von der Leyen nie przyniosła rezultatu." was read with its Polish
    "nie przyniosła rezultatu", and the quote, which py3langid calls German, a translation."""
    languages = {"quote": written_language(quote, th), "text": written_language(text, th)}
    if None in languages.values() or _one_language(languages["quote"], languages["text"]):
        return None
    found = alignment.matched if held is None else held
    if alignment.found and _one_language(written_language(found, th), languages["quote"]):
        return None  # the words found are in the quote's language: a passage of a page in another one
    reason = f"the text is in {languages['text']}, the quote in {languages['quote']}: a translation, not compared word by word"
    return Verdict("translation", alignment.score, reason, alignment, languages=languages)


def _flagged_translation(flags, alignment: Alignment, changes: list[dict] | None = None) -> Verdict | None:
    """A translation verdict when the citation says "unofficial translation", else None."""
    if "unofficial-translation" not in flags:
        return None
    reason = "the citation says unofficial translation and the words differ: not compared word by word"
    return Verdict("translation", alignment.score, reason, alignment, changes or [])


def judge(quote: str, text: str, flags=(), th: Thresholds = THRESHOLDS, aligner=align) -> Verdict:
    """The verdict on `quote` against `text`; `flags` are the citation's (e.g.
    "unofficial-translation").  `aligner` is replaceable for the benchmark's baseline.

    A translation is only considered when the words do not match (altered or not
    found): a verbatim match in a flagged citation is still verbatim.
    """
    return _judged(quote, text, flags, th, aligner, copies=True)


def _judged(quote: str, text: str, flags, th: Thresholds, aligner, copies: bool) -> Verdict:
    """`judge`; `copies`: whether the reason counts the quote's other copies in the text
    (`_found_times`, which judges each near copy with this, `copies` False)."""
    quote_tokens = tokenize(quote)
    alignment = aligner(quote, text, hides=functools.partial(_hides, text, th=th),
                        hides_after=_end_weighed(quote_tokens, text, th),
                        hides_before=_weighed(_hides_before, text, th=th))
    if not alignment.found or alignment.score < th.found:
        reason = f"best match scores {alignment.score:.0f} (< {th.found:.0f}): the quote is not in this text"
        return (_other_language(quote, text, alignment, th) or _flagged_translation(flags, alignment)
                or Verdict("not-in-source", alignment.score, reason, alignment))
    held = alignment.matched
    dropped = (_dropped_before_stop(alignment, text, quote, th)
               or _cut_before_negation(alignment, text, quote_tokens))
    if dropped:
        alignment = with_left_out(alignment, dropped, text)
    else:
        signed = _per_cent_past_span(alignment, text, quote)
        if signed:  # and a negation right after them, as after the sign (`_cut_before_negation`)
            negation = None if ends_at_ellipsis(quote_tokens) else _negation_closing_clause(text, signed[-1].end)
            alignment = with_left_out(alignment, signed + ([negation] if negation else []), text)
    closing = _closing_gap(alignment, text, quote_tokens, th)
    if closing is not None:  # read as the ellipses inside the quote are (`_hidden_at_ellipses`)
        alignment = with_closing_gap(alignment, text, closing)
    opening = _opening_gap(alignment, text, quote_tokens, th)
    if opening is not None:
        alignment = with_opening_gap(alignment, text, opening)
    if any(t.unspaced for c in alignment.changes for t in c.old + c.new):  # else `_whole_words` takes in nothing
        alignment = regrouped(alignment, _whole_words)
    classified = [("minor" if _glued_mark(c, text, quote) or _idle_ne(c, text, quote) else classify_change(c, th), c)
                  for c in alignment.changes]
    altered = [describe_change(c, text, quote) for kind, c in classified if kind == "altered"]
    units = _unit_changes(alignment, text, quote)
    altered += [describe_change(c, text, quote) for c, cut in units if not cut]
    cut_units = [c for c, cut in units if cut]
    minor = [describe_change(c, text, quote) for kind, c in classified if kind == "minor"]
    hidden = _hidden_at_ellipses(alignment, text, th)
    # "binding resolution" for "a non-binding resolution": the opening gap stands where no ellipsis does
    opens_inside = hidden[:1] if opening is not None and not starts_at_ellipsis(quote_tokens) else []
    hidden = hidden[len(opens_inside):]
    claims = (altered + [describe_change(c, text, quote) for c in cut_units]
              + [describe_change(Change(meant, []), text, quote) for _tokens, meant in opens_inside]
              + [_left_out_change(tokens, meant) for tokens, meant in hidden])
    changed = altered or hidden or cut_units or opens_inside
    found_as = None if changed else _found_as(alignment)
    times = _found_times(alignment, quote, quote_tokens, text, found_as, flags, th, aligner) if copies else ""
    if changed:  # a misplaced segment is named here: placed after the one before it, it differs
        parts = [_misplaced_words(alignment, index, start, end) for index, start, end in alignment.misplaced]
        if altered:
            listed = _listed([(c["source"], c["quote"]) for c in altered])
            if dropped:
                ends = "ends its sentence" if closes_sentence(quote_tokens) else "ends"
                listed += f" (the quote {ends} before the source's “{joined(dropped)}”)"
            parts.append(f"words changed: {listed}")
        for _tokens, meant in opens_inside:  # no ellipsis stands there
            word = next(s for s in alignment.segments if s.span).span[0]
            parts.append(f"“{joined(meant)}” left out where the quote opens, inside the source's "
                         f"“{text[opening:word.end]}”")
        parts += [f"{', '.join(f'“{words}”' for words in _as_written(tokens, meant))} left out at an ellipsis"
                  for tokens, meant in hidden]
        parts += [f"“{c.old_words[len(c.new_words):]}” left out at an ellipsis after {c.new_words}"
                  for c in cut_units]
        others = [c for kind, c in classified if kind != "altered"]
        if others:  # the diff shows them too: a reason that leaves them out disagrees with it
            parts.append("written differently: " + _listed([(c.old_words, c.new_words) for c in others]))
        altered = claims
        return (_other_language(quote, text, alignment, th, held) or _flagged_translation(flags, alignment, altered)
                or Verdict("altered", alignment.score, "; ".join(parts), alignment, altered))
    exact = all(_same_representation(s) for s in alignment.segments)
    if alignment.gaps:
        words, ellipses = alignment.elided_words, len(alignment.gaps)
        reason = (f"{len(alignment.segments)} segments found in order, {words} source word{'s' if words != 1 else ''}"
                  f" left out at {'an ellipsis' if ellipses == 1 else f'{ellipses} ellipses'}")
        if not exact:
            reason += "; minor differences in punctuation, case or spelling" + _shown(alignment)
        return Verdict("elided", alignment.score, reason + _also(times), alignment, minor)
    if exact:
        reason = "same words after normalisation" + _shown(alignment)
        return Verdict("verbatim", alignment.score, reason + _also(times), alignment)
    reason = "same words; differences only in punctuation, case, quote style or spelling" + _shown(alignment)
    return Verdict("minor", alignment.score, reason + _also(times), alignment, minor)


# How well a place holds the quote, best first (`_found_times`): a copy counts where it holds it
# no worse than the place taken.
_HOLDS = ("verbatim", "minor", "elided")


def _found_as(alignment: Alignment) -> str:
    """The verdict of a place with no altered change (`_judged`): elided, verbatim or minor."""
    if alignment.gaps:
        return "elided"
    return "verbatim" if all(_same_representation(s) for s in alignment.segments) else "minor"


def _found_times(alignment: Alignment, quote: str, quote_tokens: list[Token], text: str, found_as: str | None,
                 flags, th: Thresholds, aligner) -> str:
    """What a reason says of the quote's other copies in the text: "the text holds the quote 3
    times, judged where it matches best"; "" for one, and for a quote altered where it matches
    best (`found_as` None: the text does not hold it; the passage's copies say nothing of it).
    The verdict is the best place's, as before: this only tells a reader there are others.  A
    copy is a place that holds the quote as well as the place taken (`found_as`): the same
    words again (`_repeats`: a headline right above the lead that repeats it, a copy in
    capitals, any number of them), unless the quote's opening ellipsis would hide a negation
    there, or its end, an ellipsis or a silent cut after an auxiliary, stops before one
    (`_hides_before`, `_end_weighed`: "We will …" and "We will" hold "We will support" but not
    "We will never accept", `_cut_before_negation`), or its start, with no ellipsis, opens inside
    a word a negation prefixes ("binding resolution" in "a non-binding resolution":
    `_negation_prefix`); or another place the aligner found
    (`Alignment.elsewhere`) that scores `found_again` or more and is judged there no worse
    (`_same_claim`): not a copy whose negation or number differs ("will always accept" for
    "will never accept")."""
    taken = _extent(alignment)
    if taken is None or found_as is None:
        return ""
    opening = (_weighed(_hides_before, text, th=th) if starts_at_ellipsis(quote_tokens)
               else lambda at: _negation_prefix(text, at) is not None)  # "binding" inside "non-binding": no copy
    closing = _end_weighed(quote_tokens, text, th)
    # the place taken too: "binding resolution" is taken inside "a non-binding resolution" when a
    # "binding resolution" after it holds the quote (`_opening_gap`), which is then its one copy
    places = [(i, j) for i, j in [taken, *_repeats(text, *taken)] if not (opening(i) or closing and closing(j))]
    near = [(start, end) for start, end, score in alignment.elsewhere
            if score >= th.found_again and not (opening(start) or closing and closing(end))]
    for start, end in near:
        if all(end <= lo or start >= hi for lo, hi in places) and _same_claim(
                quote, text, (start, end), places + near, found_as, flags, th, aligner):
            places.append((start, end))
    return f"the text holds the quote {len(places)} times, judged where it matches best" if len(places) > 1 else ""


def _extent(alignment: Alignment) -> tuple[int, int] | None:
    """From the first word of the quote's first span to the last word of its last span: the
    place taken, its edges' punctuation left out (a headline holds no full stop)."""
    words = [t for s in alignment.segments for t in s.span if t.kind == "word"]
    return (words[0].start, words[-1].end) if words else None


def _repeats(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The other places in `text` that write text[start:end] again, in capitals, in lower case
    or with its first letter's case changed (a heading in capitals, a lead that repeats its
    headline), not inside a longer word: the same words say the same.  Found as written
    (str.find, C speed: lower-casing a long page costs more than the alignment); a copy
    written otherwise (a line wrapped at another word) is left to the aligner's
    (`Alignment.elsewhere`).  Copies that overlap are counted once, the earlier."""
    span = text[start:end]
    places: list[tuple[int, int]] = []
    for i in found_at(text, span):
        j = i + len(span)
        if (j <= start or i >= end) and not (places and i < places[-1][1]) and not (
                i and _WORD_CHAR.match(text, i - 1) or _WORD_CHAR.match(text, j)):
            places.append((i, j))
    return places


_WORD_CHAR = re.compile(r"\w")  # a copy that goes on into a longer word, or starts inside one, is none


def _same_claim(quote: str, text: str, place: tuple[int, int], known: list[tuple[int, int]], found_as: str,
                flags, th: Thresholds, aligner) -> bool:
    """Whether the quote judged at another `place` in `text` holds it as well as the place
    taken, judged `found_as` (`_HOLDS`): no worse a verdict, so no negation or number changed
    there, and no ellipsis there that crosses a clause or hides a word carrying meaning (`_hides`:
    pieces of two paragraphs are no copy).  Judged in the stretch around it, up to
    `_CLOSING_CHARS` characters either side and not into another `known` place, so that an
    ellipsis at its edge reads what it hides there."""
    start, end = place
    lo = max([max(0, start - _CLOSING_CHARS)] + [e for s, e in known if e <= start])
    hi = min([min(len(text), end + _CLOSING_CHARS)] + [s for s, e in known if s >= end])
    stretch = text[lo:hi]
    verdict = _judged(quote, stretch, flags, th, aligner, copies=False)
    if verdict.verdict not in _HOLDS[: _HOLDS.index(found_as) + 1]:
        return False
    return not any(_hides(stretch, s, e, th) for s, e, _words in verdict.alignment.gaps)


def _also(times: str) -> str:
    """`_found_times` as the end of a reason: "; the text holds the quote 2 times …", "" for once."""
    return f"; {times}" if times else ""


REASON_CHANGES = 3  # a verbatim, minor or elided reason lists this many of its diff's changes, then "and N more"


def _listed(pairs: list[tuple[str, str]], most: int | None = None) -> str:
    """Changes as a reason lists them, each side as written ("per cent → %", "∅" for nothing),
    the first `most` of them (all when None) and how many more."""
    shown = "; ".join(f"{old or '∅'} → {new or '∅'}" for old, new in pairs[:most])
    more = len(pairs) - len(pairs[:most])
    return shown + (f" and {more} more" if more else "")


def _shown(alignment: Alignment) -> str:
    """What a verbatim, minor or elided reason adds: the changes its diff shows (": does not →
    doesn't; 5,000 → 5000"), at most REASON_CHANGES of them, so that the reason names what a
    reader sees deleted and inserted; "" when the diff shows none (case or punctuation only)."""
    changes = alignment.changes
    return ": " + _listed([(c.old_words, c.new_words) for c in changes], REASON_CHANGES) if changes else ""


# A mark that ends a clause or a sentence: a comma, a stop or a colon not inside a number
# ("5,000", "3.5"), a semicolon, a bracket, a dash set apart by spaces.
_CLAUSE_MARK = re.compile(r"(?<!\d)[,.]|[,.](?!\d)|\s-\s"
                          r"|[;:!?()\[\]\u2013\u2014\u3002\uff01\uff1f\uff1b\uff1a\uff0c\u3001]")
# An aside that interrupts a clause and closes again, inside the words an ellipsis leaves out:
# brackets, a pair of dashes, a pair of commas (not a number's), on one line and of at most 200
# characters (bounded, so that a long gap costs one linear pass).  The clause goes on
# after it: "does not (yet) recognize", "does not - as noted - recognize", "The Ministry,
# however, does not recognize" hold the negation in the clause the quote's words are in.
# Not a pair of commas that a conjunction follows: "did not object, he said, and will accept"
# ends the clause holding "not" there, and a new one starts.
_ASIDE = re.compile(r"\([^()\n]{0,200}\)|\[[^\[\]\n]{0,200}\]|\uff08[^\uff08\uff09\n]{0,200}\uff09"  # brackets
                    r"|\s[-\u2013\u2014]\s[^\n]{0,200}?\s[-\u2013\u2014]\s"  # dashes set apart
                    r"|[\u2013\u2014][^\u2013\u2014\n]{0,200}[\u2013\u2014]"  # dashes set close
                    r"|(?<!\d),(?!\d)[^,;:.!?()\[\]\n]{0,200}?(?<!\d),(?!\d)(?!\s*(?i:and|but|or|yet|nor)\b)"  # commas
                    r"|\uff0c[^\uff0c\u3002\uff1b\uff1a\uff01\uff1f\n]{0,200}\uff0c")
# A negation's word before these is no negation: "We not only welcome" says "We welcome" and more
# ("nicht nur", "non seulement", "pas seulement", "no solo", "não só", "не только" too).  "not
# just" and "not merely" are one or the other by what stands around them (`_additive_not`: "We
# will not just stand by but act" denies).
_NOT_ONLY = {"not": frozenset({"only"}), "nicht": frozenset({"nur", "bloß".casefold()}),  # keys: "bloss"
             "non": frozenset({"seulement", "solo", "soltanto", "solamente"}),
             "pas": frozenset({"seulement", "uniquement"}),
             "no": frozenset({"solo", "sólo", "solamente", "únicamente"}),
             "não": frozenset({"só", "apenas", "somente"}), "не": frozenset({"только"})}
# "not just", "not merely": additive or denying by what stands around them (`_additive_not`).
_NOT_JUST = frozenset({"just", "merely"})
_BUT_LATER = re.compile(r"[^.!?;\n]{0,200}?\bbut\b", re.IGNORECASE)
# What a "but" grants the first half with: "but also", "but … too", "but … as well".
_BUT_ALSO = re.compile(r"\s+also\b|[^.!?;,\n]{0,80}?\b(?:too|as well)\b", re.IGNORECASE)
# Words before "not" that make it deny the verb after "not just" (`_additive_not`): the modals
# and "do"'s forms, auxiliaries a verb follows.  Not "is", "was": "was not just fair" qualifies.
_AUXILIARIES = MODALS | frozenset({"do", "does", "did"})
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
_BEFORE_GAP = 40  # characters read before an ellipsis's gap for the word the quote has there
_SPACED_WORD = re.compile(r"\S*\w\S*")  # one or more words of a script with spaces (5,000 is two tokens)
_GAP_LEAD = re.compile(r"\W*")  # the marks and spaces an ellipsis's gap opens with, before its first word


def _hidden_at_ellipses(alignment: Alignment, text: str, th: Thresholds) -> list[tuple[list[Token], list[Token]]]:
    """(tokens left out, those of its words that carry meaning, `_hidden_in_gap`) for each
    ellipsis that hides a negation, a modal or a number."""
    hidden = []
    for (start, end, _count), tokens in zip(alignment.gaps, alignment.left_out):
        meant = _hidden_in_gap(text, start, end, tokens, th)
        if meant:
            hidden.append((tokens, meant))
    return hidden


def _hides(text: str, start: int, end: int, th: Thresholds = THRESHOLDS) -> bool:
    """Whether an ellipsis standing for text[start:end] would hide words that carry meaning, or
    crosses the end of a clause or sentence (asides aside), which `_hidden_in_gap` never reads:
    the aligner's preference (crawler/align.py `align`'s `hides`) between places of the quote's
    segments that match as well, so that the verdict does not hang on which copy comes first,
    and a gap reaching into another copy ("does" here, "recognize" in the next sentence) is no
    safer than the tight place that hides "not" (then the tighter is taken)."""
    if _CLAUSE_MARK.search(_ASIDE.sub(lambda m: " " * len(m[0]), text[start:end])):
        return True
    return bool(_hidden_in_gap(text, start, end, None, th))


def _hidden_in_gap(text: str, start: int, end: int, tokens: list[Token] | None, th: Thresholds) -> list[Token]:
    """The words carrying meaning that an ellipsis standing for text[start:end] (its `tokens`,
    tokenised when None) hides inside the clause the quote's words around it are in: a
    negation, a modal, or a number that is all it leaves out (`_hidden_in_clause`); and, whatever
    else it leaves out, a negation that prefixes with a hyphen the word after it, which the quote
    then opens inside ("The UN … binding resolution" for "The UN adopted on Monday, after a long
    debate, a non-binding resolution": `_negation_prefix`)."""
    meant = _hidden_in_clause(text, start, end, tokens, th)
    prefix = _negation_prefix(text, end)
    if prefix is None or prefix.start < start or any(t.start == prefix.start for t in meant):
        return meant
    return [*meant, next((t for t in tokens or () if t.start == prefix.start), prefix)]


def _hidden_in_clause(text: str, start: int, end: int, tokens: list[Token] | None, th: Thresholds) -> list[Token]:
    """The words carrying meaning that an ellipsis standing for text[start:end] (`_hidden_in_gap`)
    hides inside the clause the quote's words around it are in: a negation, a modal, or a number
    that is all it leaves out.  "The Ministry does … recognize" for "does not recognize", "will …
    accept" for "will never accept", "a total of … observers" for "of 250 observers" say
    something the source does not, as a negation or a number the closing stop leaves out does
    (`_dropped_before_stop`), and the words around the ellipsis match exactly, so the alignment
    alone calls the quote elided.

    Read only when the ellipsis stands, asides (`_ASIDE`) aside, for at most `ellipsis_words`
    words (`ellipsis_letters` letters of a script without spaces, whose letters are "words")
    with no mark of a clause's end among them (`_CLAUSE_MARK`): a clause or sentence left out
    whole ("The Ministry … will never accept" for "The Ministry has never accepted, and will
    never accept") holds its own negation, as an aside does ("The Ministry, which has never
    been consulted, does recognize"); what an aside interrupts goes on after it ("The Ministry,
    however, does not recognize"), unless a conjunction follows it (", he said, and" ends the
    clause).  A mark before the first word it leaves out (`_GAP_LEAD`) is no clause's end it
    crosses: the words after it open the clause the quote goes on with after the ellipsis, read as
    an opening ellipsis's are, only a negation that denies the quote's next word (`_opening_run`):
    "Pour Paris, … a reconnu l'annexion" for "Pour Paris, aucun
    pays n'a reconnu l'annexion", "For Paris, … has recognized" for "For Paris, no country has
    recognized"; not one of another clause or of a word it leaves out too ("Pour Paris, … a
    reconnu" for "Pour Paris, personne ne conteste et la Russie a reconnu", "The EU regrets this.
    … the outcome" for "… This event cannot prejudice the outcome"), nor a modal or a number ("…
    deliver justice" for "He said: ‘We will deliver justice’", "March 31, … ·" for "March 31,
    2020 ·"), which it reads with no mark.  Not words that only look like one
    (`_carries_meaning`): "not only" (no negation; "not just" is one unless a "but" follows it in
    its sentence), a modal's word after an article or a possessive ("the needs of"), the month
    May or mai (`_modal_noun`, `_month`); and a date or a place with its number ("held … in
    Nagorno-Karabakh" for "held on March 31 in") is what an ellipsis is for (labelled case
    r-heading-repeats-opening-elided)."""
    gap = _ASIDE.sub(lambda m: " " * len(m[0]), text[start:end])  # same length: offsets still point into it
    lead = _GAP_LEAD.match(gap).end()
    if _CLAUSE_MARK.search(gap, lead):
        return []
    if _CLAUSE_MARK.search(gap, 0, lead):  # "Pour Paris, … a reconnu": the clause the quote goes on with opens
        run = _opening_run(text, end, th)
        if run is None:
            return []
        gap, start, tokens = gap[run - start :], run, None if tokens is None else [t for t in tokens if t.start >= run]
    if tokens is None:  # the aligner asks (`_hides`): a long gap is told from its characters, not tokenised
        letters = len(UNSPACED_LETTER.findall(gap))
        spaced = itertools.islice(_SPACED_WORD.finditer(UNSPACED_LETTER.sub(" ", gap)), th.ellipsis_words + 1)
        if letters > th.ellipsis_letters or sum(1 for _ in spaced) > th.ellipsis_words:
            return []
        tokens = tokenize(text, start, end)
    words = [t for t in tokens if t.kind == "word" and not gap[t.start - start].isspace()]
    unspaced = sum(t.unspaced for t in words)
    if not words or len(words) - unspaced > th.ellipsis_words or unspaced > th.ellipsis_letters:
        return []
    if all("number" in word_kinds(t) for t in words):
        return words
    seen = [t for t in tokenize(text, max(0, start - _BEFORE_GAP), start) if t.kind == "word"] + words
    seen += [t for t in tokenize(text, end, min(len(text), end + _BEFORE_GAP)) if t.kind == "word"][:1]
    previous = dict(zip(map(id, seen[1:]), seen))
    following = dict(zip(map(id, seen), seen[1:]))
    return [word for i, word in enumerate(words)
            if _carries_meaning(words, i, text, previous.get(id(word)), following.get(id(word)),
                                words[i + 1] if i + 1 < len(words) else None)]


def _carries_meaning(words: list[Token], i: int, text: str, previous: Token | None, following: Token | None,
                     hidden_next: Token | None) -> bool:
    """Whether words[i], of the words an ellipsis hides, is a negation or a modal where it stands:
    not the "not" of "not only" (`_additive_not`, read with `hidden_next`, the next word the
    ellipsis hides too: "We … only welcome" for "We not only welcome" drops the "not" of it), nor
    one that prefixes with a hyphen the next word it hides, which it denies and the quote leaves out
    with it ("It adopted a … resolution" for "a non-binding resolution", `_negation_prefix`; but
    "no-one" is "no one", whose "no" denies the verb: "… has recognized" for "No-one has
    recognized", `_no_one`), nor
    a modal's word that is a noun or the month (`_modal_noun`, read with the words `previous` and
    `following` it in the text)."""
    word = words[i]
    prefix = None if hidden_next is None else _negation_prefix(text, hidden_next.start)
    if prefix is not None and prefix.start == word.start and not _no_one(word, hidden_next, text):
        return False  # "non" of "non-binding" left out with "binding": it denies no word of the quote
    if _negates(words, range(i, i + 1), text) or _french_partner(word, previous, text):
        return not _additive_not(word, hidden_next, text)
    return "modal" in word_kinds(word) and not _modal_noun(word, previous, following)


def _french_partner(word: Token, previous: Token | None, text: str) -> bool:
    """Whether `word` is French's "plus", "guère" or "point" (`_FRENCH_PARTNERS_AFTER`, no word of
    NEGATIONS: "plus grand", "point de départ") completing the "ne" before the auxiliary
    `previous` ("n'est plus", "ne peut guère": `_french_ne_before`), so a negation where it
    stands: "L'accord n'est …" for "L'accord n'est plus en vigueur" hides it."""
    if previous is None or word.key not in _FRENCH_PARTNERS_AFTER or not _auxiliary(previous.key, "fr"):
        return False
    after = _words_after(text, word.end, 1)
    if after and _negating_word(after[0], text) or _only_now(word, after):
        return False  # "ne veut plus jamais", "n'a plus rien": the word after it is the partner shown
    return _partner([previous, word, *after], 1) and _french_ne_before(_words_before(previous, text), text)


def _only_now(word: Token, after: list[Token]) -> bool:
    """Whether `word`, with the words `after` it, is the "plus" of "ne … plus que" (only now: "n'a
    plus que deux options", "n'est plus que l'ombre de lui-même"), which restricts, as "ne … que"
    does (`_restrictive_ne`), and denies nothing the quote ending before it holds."""
    return word.key == "plus" and bool(after) and _que(after[0])


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


def _words_before(word: Token, written: str, chars: int = _BEFORE_GAP) -> list[Token]:
    """The words in the `chars` characters before `word` in `written` (the text or the quote
    it is of), the nearest last."""
    return [t for t in tokenize(written, max(0, word.start - chars), word.start) if t.kind == "word"]


def _neighbours(word: Token, written: str) -> tuple[Token | None, Token | None]:
    """The words just before and after `word` in `written` (the text or the quote it is of)."""
    before = _words_before(word, written)
    after = [t for t in tokenize(written, word.end, min(len(written), word.end + _BEFORE_GAP)) if t.kind == "word"]
    return (before[-1] if before else None), (after[0] if after else None)


def _as_written(tokens: list[Token], meant: list[Token]) -> list[str]:
    """The hidden words `meant` (words of `tokens`, an ellipsis's gap) as the diff shows them: a
    run of them next to each other written as one ("1,5", "5 000", not "1", "5"), and a letter
    of a script without spaces with the rest of its run in the gap (没有, not 没)."""
    words = [t for t in tokens if t.kind == "word"]
    index = {id(t): i for i, t in enumerate(words)}
    taken = set()
    for token in meant:
        i = index[id(token)]
        lo = hi = i
        while lo > 0 and written_on(words[lo - 1], words[lo]):
            lo -= 1
        while hi + 1 < len(words) and written_on(words[hi], words[hi + 1]):
            hi += 1
        taken.update(range(lo, hi + 1))
    runs: list[list[Token]] = []
    for i in sorted(taken):
        if runs and index[id(runs[-1][-1])] == i - 1:
            runs[-1].append(words[i])
        else:
            runs.append([words[i]])
    return [written(tokens, run) for run in runs]


def _left_out_change(tokens: list[Token], meant: list[Token]) -> dict:
    """Words an ellipsis hides (`_hidden_at_ellipses`; `tokens`: all it leaves out) as a
    change of the evidence: the source's words as written, the quote's ellipsis, what kinds
    of word they are (a negation of a script without spaces is letters, no word's kind)."""
    kinds = {k for t in meant for k in word_kinds(t) if k in ("negation", "modal", "number")} or {"negation"}
    source = written(tokens, [t for t in tokens if t.kind == "word"])
    return {"source": source, "quote": "…", "kinds": sorted(kinds) + ["elided"]}


def _misplaced_words(alignment: Alignment, index: int, start: int, end: int) -> str:
    """Says where a segment found out of the quote's order is (`Alignment.misplaced`)."""
    words = [t for t in alignment.segments[index].quote if t.kind == "word"]
    shown = joined(words[:6]) + (" …" if len(words) > 6 else "")
    return (f"segment {index + 1} (“{shown}”) is found before segment {index}, at characters {start}–{end}:"
            " the quote's segments are out of the source's order")


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


_CLOSING_CHARS = 120  # characters of the text read after a quote's closing ellipsis for what it hides there


def _closing_gap(alignment: Alignment, text: str, quote_tokens: list[Token], th: Thresholds) -> int | None:
    """Where the negation that the quote's closing ellipsis hides ends (`_closing_run`, from the
    end of the quote's last span); None when it hides none, the quote (its `quote_tokens`) ends
    otherwise, or its last word is not the text's (`_after_last_word`)."""
    return _after_last_word(alignment, text, th) if ends_at_ellipsis(quote_tokens) else None


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
    clause = _quote_clause(quote_tokens, text)
    return _negation_after_auxiliary(text, end) or (_verb_final_negation(text, end, clause) if clause else [])


# What may follow a negation that ends its clause (`_negation_closing_clause`): spaces on its
# line, a closing quote or bracket, then a stop, a comma, a semicolon, a line's end or the text's.
_CLAUSE_CLOSED = re.compile(r"[^\S\n\r\u2028\u2029]*[\"'\u2019\u201d\u00bb)\]]*(?:[.,;!?\n\r\u2028\u2029]|$)")


def _negation_closing_clause(text: str, end: int) -> Token | None:
    """The negation right after a share's unit that ends at character `end` (`_next_negation`),
    when nothing but a mark or a line's end follows it (`_CLAUSE_CLOSED`): German's "von 2 %
    nicht." denies the verb before the share, which a quote ending at the unit keeps.  One that
    words follow belongs to them, not to a verb the quote holds ("55 per cent no later than
    2030", "40 per cent not 60 per cent", "40 % n'est pas acceptable"): no cut, as before
    session 19, whichever way quote and source spell the unit."""
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


def _after_last_word(alignment: Alignment, text: str, th: Thresholds) -> int | None:
    """Where the negation that a closing ellipsis after the quote's last word hides ends
    (`_closing_run`, from where that word ends, `_quote_end`); None when there is none, or the
    quote's last word is not the text's."""
    end = _quote_end(alignment)
    return None if end is None else _closing_run(text, end, th)


# Negations that stand right after the verb they deny, by the language of that verb
# (`_AUXILIARIES_BY_LANGUAGE`): "did not", "will never", "is neither", "is no longer" (`_NO_AFTER`),
# "wird nicht", "n'a pas", "n'est plus" (French's after its "ne", `_negation_after_auxiliary`).
# Spanish, Portuguese, Italian and Russian put theirs before the verb, where a quote that ends on
# the verb keeps it.
_NEGATIONS_AFTER_VERB = {
    "en": frozenset("not n't never hardly scarcely neither no".split()), "de": frozenset("nicht nie niemals".split()),
    "fr": frozenset("pas jamais plus rien guère point".split())}
# English "no" after an auxiliary or a copula denies it only before these: "is no longer", where
# "is no doubt", "is no less" and "there is no …" (a noun's determiner) are other readings.
_NO_AFTER = frozenset({"longer"})
# Phrases after a copula that deny nothing of it (`_negation_after_auxiliary`): "is no longer than
# ten pages" compares, "is neither here nor there" says it does not matter.
_NOT_DENYING_AFTER = (("no", "longer", "than"), ("neither", "here", "nor", "there"))
_DO = frozenset("do does did".split())  # "What we can do no longer depends": "do" takes "not", never "no longer"
# French's partners, read as negations only with the "ne" before the auxiliary: "plus", "guère" and
# "point" are other words elsewhere ("plus grand", "point de départ"), so not in NEGATIONS.
_FRENCH_PARTNERS_AFTER = _NEGATIONS_AFTER_VERB["fr"] - NEGATIONS
# Characters that show nothing and join or split no words for a reader (soft hyphen, zero-width
# space and joiners, word joiner, byte order mark): the tokenizer keeps them as marks, and a
# negation after one is as near as after a space (`_same_phrase`).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_UNSEEN = str.maketrans("", "", _INVISIBLE)
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")
# The next word after a quote's last one (spaces, invisible characters, line breaks between), read
# by a regular expression before the tokenizer is asked (`_negation_after_auxiliary`, for each copy
# of a quote: most are followed by no negation).
_NEXT_WORD = re.compile(r"[\s" + _INVISIBLE + r"]*(\w+(?:['\u2019]\w*)?)")
_AFTER_VERB = frozenset().union(*_NEGATIONS_AFTER_VERB.values())


def _same_phrase(text: str, end: int, start: int) -> bool:
    """Whether text[end:start], the room between a quote's last word and the source's next one,
    keeps them in one phrase: spaces and invisible characters (`_INVISIBLE`), and at most one
    line break after which the sentence goes on (the next line's first word opens no paragraph,
    `_opens_paragraph`: "does\\nnot recognize" is a line wrapped, "Never Again\\nNo country"
    a title and its text) in running prose (`_running_prose`: not two short lines of a table or a
    poem).  No mark: a comma or a stop ends the quote's clause."""
    room = text[end:start].translate(_UNSEEN).replace("\r\n", "\n")
    if room.strip():
        return False
    breaks = sum(c in _LINE_BREAKS for c in room)
    if breaks == 0:
        return True
    word = _NEXT_WORD.match(text, start)
    return breaks == 1 and word is not None and not _opens_paragraph(word[1]) and _running_prose(text, end, start)


_PROSE_LINE = 60  # characters of a line that running prose wraps at, at the least (`_running_prose`)
_LINE_END = re.compile(r"[\n\r\u2028\u2029]")
_CLOSES_LINE = re.compile(r"[.!?;:][\"'\u2019\u201d\u00bb)\]]*\s*$")


def _running_prose(text: str, end: int, start: int) -> bool:
    """Whether the line break between characters `end` and `start` wraps running prose, and so is a
    space (`_same_phrase`): the line before it or the line after it is long (`_PROSE_LINE`), or the
    line after it ends its sentence ("The Ministry does\nnot recognize the elections.").  Two short
    lines, the second with no stop, are layout: a table's cells ("Status\nnicht anerkannt"), a
    poem's or a slogan's lines ("Who we are\nnot who they say we are", "WHAT WE CAN DO\nNOT ALONE
    BUT TOGETHER")."""
    if not any(c in text[max(0, end - _PROSE_LINE) : end] for c in _LINE_BREAKS) and end >= _PROSE_LINE:
        return True  # the line before is long
    closed = _LINE_END.search(text, start, start + _PROSE_LINE)
    line = text[start : closed.start() if closed else min(len(text), start + _PROSE_LINE)]
    return len(line) >= _PROSE_LINE or _CLOSES_LINE.search(line) is not None


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


def _words_after(text: str, at: int, count: int) -> list[Token]:
    """The next `count` words after character `at` in `text` (within `_BEFORE_GAP` characters)."""
    return list(itertools.islice((t for t in iter_tokens(text, at, min(len(text), at + _BEFORE_GAP))
                                  if t.kind == "word"), count))


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
_GERMAN_VERB_LOOK_ALIKES = frozenset(
    "selten offen eben oben unten hinten innen außen morgen gestern trocken gern ungern zuletzt umsonst schlecht "
    "sofort jetzt erst meist recht leicht direkt gerecht gesamt ernst unbedingt zumindest zunächst zuerst längst "
    "selbst sonst bereits fast gut oft heute explizit".split())
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
# What ends the clause after the negation: a stop, a comma, a semicolon, a colon, a dash, a bracket
# opened, a line's end or the text's ("nicht an:", "nicht an – sagte er", "nicht an (2024).").
_GERMAN_CLAUSE_END = re.compile(r"[^\S\n\r\u2028\u2029]*[\"'\u2019\u201d\u00bb)\]]*"
                                r"(?:[.,;:!?(\u2013\u2014\n\r\u2028\u2029]|-(?!\w)|$)")
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


# The words either rule of `_cuts_before_negation` starts from (`_may_cut_before_negation`).
_CUT_STARTS = _AFTER_VERB | _GERMAN_CLOSING_NEGATIONS | _GERMAN_BEFORE_NEGATION


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
    if not _same_phrase(text, at, words[0].start) or _GERMAN_CLAUSE_END.match(text, words[1].end) is None:
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
                    or _GERMAN_CLAUSE_END.match(text, particle.end) is None):
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
    to its end (`_GERMAN_CLAUSE_END`; not a comma before "als" or "wie", `_GERMAN_COMPARISON`:
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
    shown, at = [], end
    for _ in range(_GERMAN_LEADS):
        lead = next(iter(_words_after(text, at, 1)), None)
        if lead is None or lead.key not in _GERMAN_BEFORE_NEGATION or not _same_phrase(text, at, lead.start):
            break
        shown.append(lead)
        at = lead.end
    negation = _next_negation(text, at, _GERMAN_EMPHATIC)
    if negation is None or negation.key not in _GERMAN_CLOSING_NEGATIONS or clause.by_nicht and negation.key != "nicht":
        return []
    shown.append(negation)
    held = _held_for(text, negation.end, clause)
    if held:
        return shown + held
    at, tail = negation.end, []
    for _ in range(_VERB_FINAL_WORDS + 1):
        if _GERMAN_CLAUSE_END.match(text, at) and not _GERMAN_COMPARISON.match(text, at):
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
                             or _verb_final(word, clause, _GERMAN_CLAUSE_END.match(text, word.end) is not None,
                                            bool(tail) and tail[-1].key == "zu")):
            return []
        tail.append(word)
        at = word.end
    return []



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


def _opens_verbless_phrase(negation: Token, text: str) -> bool:
    """Whether the "not" `negation` opens a fixed phrase in `text` that negates no verb
    (`_NOT_VERBLESS`: "not long ago", "not least"): a quote ending on the auxiliary before it
    ("as it was" for "as it was not long ago") cuts no negation of its own."""
    words = [t.key for t in _words_after(text, negation.end, max(map(len, _NOT_VERBLESS)))]
    return any(words[: len(phrase)] == list(phrase) for phrase in _NOT_VERBLESS)


def _cuts_before_negation(text: str, end: int, clause: GermanClause | None = None) -> bool:
    """Whether a quote that ends with no ellipsis at character `end` would cut the source right
    before a negation of its last word (`_negation_after_auxiliary`) or of its German `clause`
    (`_verb_final_negation`, `_german_clause`; None for a quote in another language): the
    aligner's preference between places of a quote that ends on an auxiliary ("Russia did" takes
    "Russia did comply", not "Russia did not comply", whichever comes first), as `_hides_after`
    is for a closing ellipsis.  `_cut_before_negation` reads the place taken with the same
    `clause`, so that whatever it would call a cut, the aligner has weighed first."""
    return bool(_negation_after_auxiliary(text, end) or clause is not None and _verb_final_negation(text, end, clause))


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


def _hides_after(text: str, end: int, th: Thresholds = THRESHOLDS) -> bool:
    """Whether a quote's closing ellipsis after its last span, ending at character `end`, would
    hide a negation (`_closing_run`): the aligner's preference (crawler/align.py `align`'s
    `hides_after`) between places of the quote that match as well, as `_hides` is for the
    ellipses inside it."""
    return _closing_run(text, end, th) is not None


def _end_weighed(quote_tokens: list[Token], text: str, th: Thresholds) -> Callable[[int], bool] | None:
    """What is weighed where a place of the quote ends (crawler/align.py `align`'s `hides_after`,
    and `_found_times`' copies): a closing ellipsis's hidden negation (`_hides_after`), or, for a
    quote that ends on an auxiliary, a modal or a copula (`_auxiliary`), the negation its silent
    cut drops (`_cuts_before_negation`), and for a German quote (`_german_clause`, the gate
    `_cut_before_negation` reads too) in a text holding a German negation that may close a
    clause (`_holds_german_closing`, `_verb_final_negation`); None for any other
    quote, whose end drops nothing either way, so that the aligner keeps to its first best place
    (and its speed) and no copy is checked."""
    if ends_at_ellipsis(quote_tokens):
        return _weighed(_hides_after, text, th=th)
    words = [t for t in quote_tokens if t.kind == "word"]
    clause = _quote_clause(quote_tokens, text)
    if words and (any(_auxiliary(words[-1].key, language) for language in _NEGATIONS_AFTER_VERB)
                  or clause is not None and _holds_german_closing(text)):
        return _weighed(_cuts_before_negation, text, may=_may_cut_before_negation, clause=clause)
    return None


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


# The characters around a place that its edge's checks read (`_weighed`): at most `_CLOSING_CHARS`
# and a few words of `_BEFORE_GAP` each way, with room to spare.
_WEIGHED_BEFORE, _WEIGHED_AFTER = 300, 400


def _weighed(check: Callable[..., bool], text: str, may: Callable[[str, int], bool] | None = None,
             **given) -> Callable[[int], bool]:
    """`check`(text, at, **given) as the aligner and `_found_times` ask it at each copy's edge
    (`_hides_before`, `_hides_after`, `_cuts_before_negation`), read in the characters around `at`
    (`_WEIGHED_BEFORE`, `_WEIGHED_AFTER`) and remembered by them (`_weighed_window`): a page that
    repeats a sentence hundreds of times ("Russia did not comply." 500 times, then "Russia did
    comply.") asks the same question at each copy, and a tokenized answer each cost 130 ms where
    the aligner takes 1.  `may`(text, at), a cheap reading that is False only where `check` is
    (`_may_cut_before_negation`), is its `may` (crawler/align.py `_clean_copy`)."""
    weigh = functools.partial(_in_window, check, text, tuple(sorted(given.items())), may)
    if may is not None:
        weigh.may = functools.partial(may, text)
    return weigh


def _in_window(check: Callable[..., bool], text: str, given: tuple, may: Callable[[str, int], bool] | None,
               at: int) -> bool:
    """`_weighed`'s `check` at character `at` of `text`, read in its window; False at once where
    its cheap reading `may` is (most copies of a quote: no window cut, none remembered)."""
    if may is not None and not may(text, at):
        return False
    lo = max(0, at - _WEIGHED_BEFORE)
    return _weighed_window(check, text[lo : at + _WEIGHED_AFTER], at - lo, given)


@functools.lru_cache(maxsize=4096)
def _weighed_window(check: Callable[..., bool], window: str, at: int, given: tuple) -> bool:
    """`check`(window, at, **given), remembered (`_weighed`)."""
    return check(window, at, **dict(given))


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


# "Already" before a negation makes "no longer" of it in Spanish and Portuguese ("ya no es", "já não
# é"): read past at the start of a closing ellipsis's run (`_closing_run`).
_ALREADY = frozenset({"ya", "já"})


def _closing_run(text: str, start: int, th: Thresholds) -> int | None:
    """Where the negation that a closing ellipsis standing after character `start` (the quote's
    last word) hides right after it ends ("The Ministry does …" for "The Ministry does not
    recognize …", "we will …" for "we will never accept"); else None.  The quote's last words
    then say the opposite of the source's, as they do when an ellipsis inside it hides "not"
    (`_hidden_in_gap`, which has the last word) or its closing stop does (`_dropped_before_stop`).

    Negations only: a quote cut short before a modal, a number or a date ("the so-called
    elections …" for "… will have no legal effect", "held on March …" for "March 31", "The
    elections of …" for "of 2020") leaves the rest unsaid and says nothing false.  Only the run
    of negations just after the quote's last word, in its clause (asides read past, `_ASIDE`; up
    to `_CLAUSE_MARK` or a paragraph's end, `_paragraph_end`): the rest of the sentence, or the
    page, is not the quote's ("The Union reiterates that it …" for "… that it does not recognise
    …" hides "does" first).  French's "plus" after "n'est" is one (`_french_partner`), and
    "ya no", "já não" (no longer) a run too (`_ALREADY`)."""
    stretch = _ASIDE.sub(lambda m: " " * len(m[0]), text[start : start + _CLOSING_CHARS])
    ends = [m.start() for m in (_CLAUSE_MARK.search(stretch), PARAGRAPH_BREAK.search(stretch)) if m]
    stretch = stretch[: min([*ends, _paragraph_end(stretch)])]
    words = [t for t in tokenize(text, start, start + len(stretch))
             if t.kind == "word" and not stretch[t.start - start].isspace()]
    run: list[Token] = []
    last = [t for t in tokenize(text, max(0, start - _BEFORE_GAP), start) if t.kind == "word"][-1:]
    for i, word in enumerate(words[: th.ellipsis_words]):
        following = words[i + 1] if i + 1 < len(words) else None
        previous = words[i - 1] if i else (last[0] if last else None)
        if not run and word.key in _ALREADY and following is not None and _negates(words, range(i + 1, i + 2), text):
            continue  # "ya no", "já não": no longer
        if not (_negates(words, range(i, i + 1), text) or _french_partner(word, previous, text)) or _additive_not(
                word, following, text):
            break
        if not i and last and _noun_before_not(word, last[0], text):
            break
        run.append(word)
    if not run:
        return None
    return run[-1].end if _hidden_in_gap(text, start, run[-1].end, tokenize(text, start, run[-1].end), th) else None


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

# Past participles not in -ed after "need not" (`_participle_after_not`): "the health need not met by
# existing services".  Not those that are bare infinitives too ("found", "read", "set", "put", "come"),
# which the modal takes ("We need not set a deadline").
_IRREGULAR_PARTICIPLES = frozenset(
    "met done seen given known taken paid held made kept built borne spent sought won brought bought caught "
    "taught left lost sent shown understood told said heard felt meant dealt fed led written driven chosen".split())
# Bare infinitives in -ed (not -eed: "feed", "exceed", "proceed" are told apart by that ending) that
# the modal takes: "You need not shed tears", "need not red-flag" ("red" before its hyphen).
_BARE_ED = frozenset("shed wed embed imbed shred bed red sled".split())
# Words between "not" and a participle: "the need not yet met", "the need no longer met".
_BEFORE_PARTICIPLE = frozenset({"yet", "longer"})


def _participle_after_not(need: Token, text: str) -> bool:
    """Whether a negation (`_NEGATIONS_AFTER_VERB`: "not", "never", "no longer", "hardly") and a past
    participle follow `need` in `text`, "yet" or "longer" between or not: the modal "need not" takes
    a bare infinitive ("We need not worry", "need not exceed", "need not be"), never a participle,
    so "the health need not met by existing services" and "an identified need not covered by the
    plan" name a need, whatever word stands before it (`_need_noun`)."""
    after = _words_after(text, need.end, 3)
    if len(after) < 2 or after[0].key not in _NEGATIONS_AFTER_VERB["en"]:
        return False
    key = (after[2] if after[1].key in _BEFORE_PARTICIPLE and len(after) == 3 else after[1]).key
    return key in _IRREGULAR_PARTICIPLES or key.endswith("ed") and not key.endswith("eed") and key not in _BARE_ED


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


def _opening_gap(alignment: Alignment, text: str, quote_tokens: list[Token], th: Thresholds) -> int | None:
    """Where the negation that the quote's opening ellipsis hides starts (`_opening_run`, up to
    the start of the quote's first span); for a quote (its `quote_tokens`) with no opening
    ellipsis, where the negation starts that prefixes with a hyphen the word it opens inside
    (`_negation_prefix`: "binding resolution" for "a non-binding resolution", `_judged` says so,
    no ellipsis standing there), unless the text holds the quote's words again where no negation
    prefixes them (`_repeats`: the aligner weighs no opening edge of a quote with no ellipsis, and
    takes the first copy).  None when there is none, or the quote's first word is not the text's
    (a changed word there is listed already)."""
    first = next((s for s in alignment.segments if s.span), None)
    if first is None or first.ops[0][0] != "equal":
        return None
    if starts_at_ellipsis(quote_tokens):
        return _opening_run(text, first.start, th)
    prefix = _negation_prefix(text, first.start)
    if prefix is None or any(_negation_prefix(text, i) is None for i, _j in _repeats(text, *_extent(alignment))):
        return None  # held whole elsewhere too ("a binding resolution" besides "a non-binding one"): no cut
    return prefix.start


def _hides_before(text: str, start: int, th: Thresholds = THRESHOLDS) -> bool:
    """Whether a quote's opening ellipsis before its first span, starting at character `start`,
    would hide a negation (`_opening_run`): the aligner's preference (crawler/align.py `align`'s
    `hides_before`), as `_hides_after` is for a closing one."""
    return _opening_run(text, start, th) is not None


def _opening_run(text: str, end: int, th: Thresholds) -> int | None:
    """Where the negation that an opening ellipsis standing before character `end` (the quote's
    first word) hides starts ("… recognize the annexation" for "France does not recognize the
    annexation", "… formally recognize" for "does not formally recognize", "… country recognizes"
    for "No country recognizes"); else None.  The quote's words are then asserted where the
    source denies them, as when an ellipsis inside the quote hides "not" (`_hidden_in_gap`,
    which has the last word).

    Only the run right before the quote's first word, as `_closing_run` reads the one right
    after its last (`_opening_negation`): a negation with at most auxiliaries and adverbs
    between it and that word ("does not", "does not formally", "will never", "has not yet
    been").  A negation further back governs a word the quote leaves out: "… the annexation of
    Crimea" for "France does not recognize the annexation of Crimea" quotes a noun phrase the
    source names, and says nothing the source denies.  A modal or a number before the first
    word ("France will recognize") leaves a part unsaid, says nothing false.  Only in the
    quote's clause: after the last mark of a clause's end (`_CLAUSE_MARK`, asides read past) or
    the start of a paragraph.  French's adverbs of "ne" in words (`_FRENCH_NEGATIVE_ADVERB`: "ne peut
    en aucun cas l'accepter") are read past as an aside is, as "aucunement" is between the modal and
    its infinitive (`_adverb`)."""
    lo = max(0, end - _CLOSING_CHARS)
    stretch = _ASIDE.sub(lambda m: " " * len(m[0]), text[lo:end])
    stretch = _FRENCH_NEGATIVE_ADVERB.sub(lambda m: " " * len(m[0]), stretch)
    cuts = [m.end() for m in _CLAUSE_MARK.finditer(stretch)] + [m.end() for m in PARAGRAPH_BREAK.finditer(stretch)]
    cuts += [m.start() + 1 for m in _LINE_OPENING.finditer(stretch) if _opens_paragraph(m[1])]
    cut = lo + max(cuts, default=0)
    # Tokenized apart at `end`: a span may open inside a word, past its elided "qu'" (crawler/align.py
    # `_elision_cut`), whose rest is the quote's first word.
    words = [t for t in tokenize(text, cut, end) + tokenize(text, end, min(len(text), end + _BEFORE_GAP))
             if t.kind == "word" and (t.start >= end or not stretch[t.start - lo].isspace())]
    first = next((i for i, t in enumerate(words) if t.start >= end), len(words))
    i = _opening_negation(words, first, text, th)
    if i is None:
        subject = _denied_subject(words, first, text)  # "Nessun paese ha": the determiner alone
        starts = [] if subject is None else [subject.start]
    else:
        subject = _denying_subject(words[:i], words[i], text) if words[i].key in _NE else None
        starts = ([subject.start] if subject is not None else []) + [words[i].start]
    for start in starts:
        if _hidden_in_gap(text, start, end, tokenize(text, start, end), th):
            return start  # "Aucun État membre n'a" hidden whole where the ellipsis may hide that much
    return None


# French's adverbs of "ne" written in words, which stand between a modal and its infinitive as
# "aucunement" does ("ne peut en aucun cas l'accepter", "ne doit à aucun prix céder"; `_opening_run`).
_FRENCH_NEGATIVE_ADVERB = re.compile(r"\b(?:en\s+aucune?\s+(?:cas|façon|manière|sorte|circonstance)"
                                     r"|à\s+aucun\s+(?:moment|prix))\b", re.IGNORECASE)
# Words that may stand between a negation and the verb it denies (`_opening_negation`): auxiliaries
# ("has not been recognized"), adverbs of time or degree ("does not yet recognize"; an adverb in
# "-ly" too: "does not formally recognize"), and "just", "merely", "only" (`_additive_not` tells).
_BETWEEN_NOT_AND_VERB = MODALS | frozenset(
    "do does did be been being is are was were am have has had yet even ever always still also again "
    "just merely only quite really fully then now".split())
# The auxiliaries, modals and copulas of the letters' statements' languages, by language: in
# compound tenses the verb's participle or infinitive comes after them ("n'a pas reconnu", "no ha
# reconocido", "non ha mai riconosciuto"), and an English, German or French one is what a negation
# right after it denies ("did not", "wird nicht", "n'a pas": `_negation_after_auxiliary`).  Kept
# apart by language: French "a" (has) or Spanish "he" (have) are other words in English.
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
}
# The finite auxiliaries and modals that open German's verb bracket (Satzklammer): a main clause
# holding one ends on its participle or infinitive ("hat die Wahlen nicht anerkannt", "wird die
# Wahlen nicht anerkennen"); one holding none ends on a particle or nothing, and a participle's or
# infinitive's shape after its negation is an adverb or an adjective ("reagiert nicht angemessen",
# "hilft nicht deswegen", "gefällt nicht allen").  "haben", "werden", "können" count: they are
# plural finite forms too ("Wir werden die Wahlen nicht anerkennen").
_GERMAN_BRACKET_OPENERS = _AUXILIARIES_BY_LANGUAGE["de"] | frozenset(
    "sei seien wäre wären hätte hätten würde würden würdest könnte könnten müsste müssten dürfte dürften "
    "sollte sollten wollte wollten mag magst mögen möchte möchten lässt lasse lassen ließ ließen".split())
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
}
# Russian's auxiliaries and modals besides мочь's (`_MOCH`: может, можем, смогут), by their forms
# (`_stands_between`): должен, быть (буду, будет; был), хотеть, стать ("не стал признавать": did
# not go on to recognise); not words that only start so (будущее, должность, сталь).
_RUSSIAN_AUXILIARY = re.compile(r"долж(?:ен|на|но|ны)|буд(?:у|ешь|ет|ем|ете|ут)|был[аио]?|хоч(?:у|ешь|ет)"
                                r"|хот(?:им|ите|ят|ел|ела|ели)|ста(?:ну|нет|нем|нут|л|ла|ли)")
# The adverbs of a language by their ending ("formally", "officiellement", "formalmente"): any of
# them may stand between (`_stands_between`), at least as long as given.
_ADVERB_ENDINGS = {"en": ("ly", 5), "fr": ("ment", 7), "es": ("mente", 8), "pt": ("mente", 8), "it": ("mente", 8)}
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
# A pronoun glued to the auxiliary after it in French and Italian ("ne l'a pas reconnue", "non l'ha
# mai riconosciuto"): one token, the auxiliary read without it.
_GLUED_PRONOUN = re.compile(r"^[lsmtc]'(?=\w)")
# The languages a negation's word is of, whose words may stand between it and its verb
# (`_opening_negation`); English for any other.  Not "no" in English: there it is a determiner of
# the word right after it ("No country may"), while Spanish's "no" denies a compound tense ("no ha
# reconocido").  Not Italian's "mai" either: "se mai", "come mai" are no negations (`_ever`).
_NEGATION_LANGUAGES = {
    "ne": ("fr",), "n'": ("fr",), "no": ("es",), "nunca": ("es", "pt"), "jamás": ("es",), "tampoco": ("es",),
    "não": ("pt",), "nem": ("pt",), "non": ("it",), "mai": ("it",), "не": ("ru",), "никогда": ("ru",),
    "nicht": ("de",), "nie": ("de",), "niemals": ("de",), "kein": ("de",), "keine": ("de",)}
# French's partners of "ne" that stand after an auxiliary and before the participle ("n'a pas
# reconnu", "n'a jamais accepté", "ne peut rien changer"): read with the "ne" before them, as a
# partner after a verb ("ne reconnaît pas l'annexion") is.
_PARTNERS_BEFORE_PARTICIPLE = frozenset("pas jamais rien".split())
# A "no" before these is no determiner of the quote's noun (`_opening_negation`): "no doubt", "no
# matter", "no longer", "no less", "no more than", "no further", "no sooner".
_NO_IDIOMS = frozenset("doubt matter longer less more further sooner".split())
_NO_IDIOMS_BEFORE = frozenset("spare spares spared sparing".split())  # "spare no effort": do all one can
_NO_PHRASES = (("man's", "land"),)  # "No man's land has been mined": the strip between two fronts
# The words that make a "No" before them, all written with a capital, a denial and not a title
# (`_no_title`): English writes with a capital, besides names and titles, the words of an institution's
# or an office's name, nouns and the adjectives and numbers in them ("No Member State has recognized",
# "No State shall", "No High Contracting Party shall", "No Prime Minister", "No Secretary General"),
# and a headline every word ("No Country Has Recognized", "No One Has"); and the adjectives of
# nationality, by their endings (`_NATIONALITY_ENDING`: "No European country", "No Russian official",
# "No Western leader", "No Israeli", "No French").  After "No" those open the subject, where another word
# with a capital opens a name or a title that "No" is part of ("No Time to Die has grossed", "No Deal
# Brexit Has Been Ruled Out").
_DENIAL_NOT_TITLE_WORDS = frozenset(
    "state states member members party parties government governments country countries nation nations one "
    "person persons people power powers court council agency body bodies organization organisation authority "
    "authorities minister ministers ministry delegation representative representatives official officials entity "
    "entities republic signatory signatories contracting high president presidents prime head heads leader leaders "
    "secretary general assembly committee commission office ambassador embassy institution institutions union "
    "treaty convention article provision resolution region province city".split())
# A word with an ending of English's adjectives of nationality ("European", "Japanese", "British",
# "Arabic", "Israeli", "Western", "French", "Swiss"), as many other words have ("plan", "woman", "human",
# "public", "progress", "approach"): any of them after "No" makes `_no_title` read a denial, no title.
# Erring that way is the safe side: a title read as a denial ("No Human Face Has Been Shown") flags a
# faithful quote for a reader to check, where a denial read as a title ("No Russian official has
# recognized") would let a quote that drops the "No" pass.
_NATIONALITY_ENDING = re.compile(r"\w{2,}(?:an|ese|ish|ic|i|ern|ch|ss)")
# Negations that deny a verb where they stand before it, or (only "no") a noun: not French's
# partners after the verb ("ne reconnaît pas l'annexion": "pas" is the verb's), nor "without", a
# preposition ("no peace without full respect for").
_NOT_BEFORE_VERB = frozenset("pas jamais rien aucun aucune ni guère point plus without".split())
_HYPHEN = re.compile("[-\u2010\u2011]")  # "non-binding": a negation prefixed to a word (`_negation_prefix`)
# The negations that prefix a word with a hyphen (`_negation_prefix`): not every negation does, and
# the others before a hyphen are a name's syllables ("the Mai-Ndombe province", "the Ne-Win government").
_HYPHEN_PREFIXES = frozenset("non não nao no not never nicht".split())
# "not" before these opens an idiom that denies nothing (`_opening_negation`): "…, not to mention the
# consequences" (and also), "not to speak of", "not least the consequences" (above all).
_NOT_IDIOMS = (("to", "mention"), ("to", "speak"), ("least",))
# And these after an auxiliary's "not", which then denies no verb (`_negation_after_auxiliary`):
# "as it was not long ago", "as we did not so long ago", "everything we can not least to protect".
# Not for an opening ellipsis: "… far from" for "not far from" turns it round.
_NOT_VERBLESS = _NOT_IDIOMS + (("long", "ago"), ("so", "long", "ago"), ("far", "from"))
# "or" before a negation makes it the other half of a choice ("whether or not", "si … o no", "ob …
# oder nicht", "oui ou non"): it denies nothing of the words after it (`_opening_negation`).
_OR = frozenset("or o ou oder или либо oppure".split())


def _or_before(word: Token, negation: Token) -> bool:
    """Whether `word`, right before `negation`, is "or" (`_OR`: "whether or not", "o no", "ou não"):
    not Spanish's and Italian's "o" before Portuguese "não", whose "o" is the article of a
    nominalised infinitive ("O não ter assinado o acordo é grave" denies; or not is "ou não")."""
    return word.key in _OR and not (word.key == "o" and negation.key == "não")


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
    prefix = _negation_prefix(text, words[first].start)
    if prefix is not None and prefix.start == words[first - 1].start:
        return first - 1  # "… binding resolution" for "a non-binding resolution": opens inside the word it inverts
    for i in range(first - 1, max(-1, first - 1 - th.ellipsis_words), -1):
        word = words[i]
        if _negates(words, range(i, i + 1), text):
            if word.key in _PARTNERS_BEFORE_PARTICIPLE:
                continue  # "n'a pas reconnu": its "ne" is further back; "reconnaît pas": the verb's, stops the walk
            if _not_french_ne(word, text):
                continue  # Italian's clitic "ne" ("ne ha preso atto"), "n'en déplaise": a pronoun, passed
            if _cannot_but(words, i):
                return None
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
_QUOTE_MARKS = frozenset("\"'\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019\u2039\u203a")
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


def _adverb(key: str, language: str) -> bool:
    """Whether a word (its `key`) is an adverb of `language` by its ending (`_ADVERB_ENDINGS`)."""
    ending, shortest = _ADVERB_ENDINGS.get(language, ("", 0))
    return bool(ending) and key.endswith(ending) and len(key) >= shortest


def _fits_between(negation: Token, words: list[Token]) -> bool:
    """Whether all the words between a negation and the quote's first word (`words`: those, then
    the quote's first word) may stand there in one language of the negation's
    (`_NEGATION_LANGUAGES`, English for the rest): "does not" and "n'a pas", not "not ha" nor "no
    has"; none between fits any.  A pronoun that is an article too (`_ARTICLES`) only right before
    an auxiliary ("no lo ha reconocido"): before another word it is the article of a noun the
    quote opens with ("… solución" for "La guerra no es la solución", as "… solution" for "War is
    not the solution"), no verb the negation denies; or as a French infinitive's pronoun
    (`_infinitives_pronoun`: "ne peut pas l'accepter")."""
    between = words[:-1]
    languages = _NEGATION_LANGUAGES.get(negation.key, ("en",))
    clitics = len(list(itertools.takewhile(lambda t: t.key in _CLITICS, between))) if negation.key == "ne" else 0
    return not between or any(all(_stands_between(t.key, language) and (
        not _article(t.key, language) or _auxiliary(after.key, language) or k < clitics
        or _infinitives_pronoun(t, between[:k], after, language))
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


def _auxiliary(key: str, language: str) -> bool:
    """Whether a word (its `key`) is an auxiliary, a modal or a copula of `language`
    (`_AUXILIARIES_BY_LANGUAGE`; Russian's `_MOCH` and `_RUSSIAN_AUXILIARY`), its pronoun glued
    read past in French and Italian ("l'a", "l'ha")."""
    if language in ("fr", "it"):
        key = _GLUED_PRONOUN.sub("", key)
    if language == "ru":
        return (_MOCH.fullmatch(key) or _RUSSIAN_AUXILIARY.fullmatch(key)) is not None
    return key in _AUXILIARIES_BY_LANGUAGE.get(language, ())


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


# Determiners that deny with the "ne" after them: "Aucun État membre n'a reconnu", "Nul pays ne".
_DENYING_DETERMINERS = frozenset("aucun aucune nul nulle".split())
# Determiners that deny the verb after their subject with no other negation, by language
# (`_denied_subject`): "Nessun paese ha riconosciuto", "Ningún país ha reconocido", "Nenhum país pode
# aceitar"); English "no", "nobody" where they open the clause's subject (`_english_subject`: "No one
# shall be held in slavery", "For Paris, no country has recognized"; not "No more than ten countries
# have", "No wonder the talks have failed"); German's "kein" in the nominative, "Kein Land hat die
# Annexion anerkannt" (not before a number, `_german_subject`: "Keine zwei Wochen später hat die
# Regierung …", not even two weeks later; nor before "als", `_EXCEPT`: "Kein Geringerer als …", none
# other than).
_SUBJECT_DENIERS = {"it": frozenset("nessun nessuno nessuna".split()),
                    "es": frozenset("ningún ninguna ninguno".split()),
                    "pt": frozenset("nenhum nenhuma".split()),
                    "en": frozenset("no nobody".split()),
                    "de": frozenset("kein keine keiner".split())}
# The determiners and pronouns that a comparative's "than" before them makes "any", "anybody" ("più di
# nessun altro", "más que ningún otro", "más que nadie": `_denies_no_verb`): those of `_SUBJECT_DENIERS`
# and French's `_DENYING_DETERMINERS`, read back from a "ne" ("mieux que nul autre pays ne l'a fait"),
# and "nadie", "ninguém" (nobody).  Not a negation of a verb, "no" (Spanish's too), "non", "não", which a
# "que" after a comparative leaves a negation: "Es mejor que no firme el acuerdo", "È meglio che non
# firmi" (better that he not sign).
_COMPARED_DENIERS = (frozenset().union(*_SUBJECT_DENIERS.values()) | _DENYING_DETERMINERS
                     | frozenset({"nadie", "ninguém"})) - {"no"}
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
# Mosca ha deciso", "Ninguno lo reconoce mientras Moscú ha decidido".  Not Italian "si", Spanish and
# Portuguese "se" (the reflexive: "Ningún país se ha pronunciado"), nor "o", "ou", "u", which join
# subjects as often ("Ningún Estado u organización ha reconocido"; English "or", "nor").
_OTHER_CLAUSE = {"it": frozenset("ma mentre quando perché poiché se sebbene benché dove finché".split()),
                 "es": frozenset("mientras cuando aunque si donde".split()),
                 "pt": frozenset("enquanto quando embora onde".split()),
                 "en": frozenset("and but while when because although though if unless whereas since as where that "
                                 "which who whom whose".split()),
                 "de": frozenset("und aber sondern denn weil dass ob wenn während obwohl nachdem bevor wo".split())}
# The negations of a verb before such a determiner in its clause, by language, which make it that
# verb's object ("Mosca non ascolta nessuno ma ha deciso", "Não há nenhuma dúvida de que a Rússia
# pode"): no subject (`_opens_subject`).  Not Portuguese "no" (in the: "No Brasil nenhum partido pode").
_VERB_NEGATIONS = {"it": "non", "es": "no", "pt": "não", "en": "not", "de": "nicht"}
# The words that open a relative or a completive clause right before such a determiner (`_opens_subject`).
_SUBORDINATORS = frozenset("che que cui quien quienes quem quale quali cual cuales that which who whom whose".split())
# Forms of such a determiner that stand alone, a pronoun, never before their noun ("Il governo che
# nessuno riconosce"), except "nessuno" before a noun opening with s and a consonant, z, gn or ps
# ("nessuno Stato membro", `_ITALIAN_NESSUNO_NOUN`).
_DENIER_PRONOUNS = frozenset({"nessuno", "ninguno", "nobody"})
_ITALIAN_NESSUNO_NOUN = re.compile(r"s[^aeiouàèéìòù]|z|gn|ps")
# Words after English "no" that make it no subject's determiner (`_english_subject`): the idioms of
# `_NO_IDIOMS`, comparatives ("No fewer than ten States have", "No later than Friday the Council will"),
# "wonder" and "question" ("No wonder the talks have failed", "No question the talks have failed":
# undoubtedly; "No question has been answered" is then missed) and the adjectives of a litotes ("No
# small number of States have recognized": many have).
_NO_NOT_SUBJECT = _NO_IDIOMS | frozenset("fewer later earlier wonder question small little mean".split())
# Words that name an exception between a denying determiner and its auxiliary (`_opens_subject`):
# "Nessun paese tranne la Russia ha riconosciuto", "Ningún país salvo Rusia ha reconocido", "No
# country other than Russia has recognized" assert it of the exception, as the quote does.
_EXCEPT = frozenset("tranne eccetto fuorché salvo excepto aparte sino exceto além senão except besides save apart "
                    "than als außer".split())
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
                or _verb_after_subject(words, first, determiners, language, text)):
            continue
        found = _denying_subject(words[:first], words[first], text, determiners)
        if found is None or _like_no_other(words, found):
            continue
        if language == "en" and not _english_subject(words, found, first, text):
            continue
        if language == "de" and not _german_subject(words, found, first):
            continue
        if _opens_subject(words, found, first, language):
            return found
    return None


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
_IF_VERB = re.compile(r"[^\W\d]+r(?:em)?")  # "houver", "tiverem"
_IF_SUBJECTS = frozenset("eu tu ele ela nós vós eles elas você vocês".split())


def _reflexive_auxiliary(words: list[Token], first: int, language: str) -> bool:
    """Whether the quote's first word words[first] is `language`'s reflexive pronoun (`_REFLEXIVES`,
    `_REFLEXIVE_BEFORE_AUXILIARY`) before an auxiliary: "… si è pronunciato" for "Nessun paese europeo
    si è pronunciato" opens with the auxiliary's clitic, and drops the subject's denial as "… è stato
    firmato" does."""
    return (language in _REFLEXIVE_BEFORE_AUXILIARY and words[first].key == _REFLEXIVES[language]
            and first + 1 < len(words) and _auxiliary(words[first + 1].key, language))


# The small words a title leaves in lower case, English's articles, conjunctions and short prepositions
# ("No Time to Die", "No Way Out of the Crisis": `_no_title`).
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
    _TITLE_SMALL_WORDS,
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
    "into about against among between under over across through during without within like else more".split())
# Adverbs that stand between a subject and its verb, or after the noun of a headline with no verb, in
# the languages of `_SUBJECT_DENIERS` (`_verb_after_subject` reads past them to the word after): of
# time ("Nessun paese ieri ha riconosciuto", "dass kein Land gestern zugestimmt hat"; "Keine Einigung
# gestern in Berlin", "Ningún acuerdo ayer en Bruselas"), and German's of "da" and a preposition, which
# go on a noun too ("kein Zweifel daran, dass", "keine Rede davon"; "dass kein Land daran glaubt").
# Not French's: "aucun" denies with its "ne" (`_denying_subject`).
_BEFORE_SUBJECTS_VERB = frozenset(
    "yesterday today tomorrow now tonight already still "
    "ieri oggi domani ora adesso finora stamattina stasera già ancora "
    "ayer hoy mañana ahora anoche ya todavía aún "
    "ontem hoje amanhã agora já ainda "
    "gestern heute morgen jetzt nun bisher derzeit bereits schon noch "
    "dabei dadurch dafür dagegen dahinter damit danach daneben daran darauf daraus darin darüber darum "
    "darunter davon davor dazu dazwischen".split())


def _verb_after_subject(words: list[Token], first: int, determiners: frozenset[str], language: str,
                        text: str) -> bool:
    """Whether the quote's first word words[first] stands right after a subject of a determiner of
    `determiners` (`language`'s) and its one noun, where Italian, Spanish, Portuguese and German put
    the finite verb: "… riconosce l'annessione" for "Nessun paese riconosce l'annessione", "…
    erkennt die Annexion an" for "Kein Land erkennt die Annexion an"; or opens what stands before
    that verb in the clause (`text`'s, no mark between: `_CLAUSE_MARK`), an adverb
    (`_BEFORE_SUBJECTS_VERB`: "… ieri ha riconosciuto") or the language's reflexive pronoun
    (`_REFLEXIVES`: "… si pronuncia"), read past to a word shaped as a verb (`_verb_shaped`), no
    noun phrase's ("Keine Einigung gestern in Berlin").  English's "no" only in "no one" (`_no_one`:
    "… recognizes" for "No one recognizes"): it is Spanish's negation of a verb and Portuguese's "in
    the" as well ("No reconocemos fronteras impuestas", "No fundo eles sabem"), where the word after
    the next is no verb, so "… recognizes" for "No country recognizes" is missed (an auxiliary after
    it is read: `_denied_subject`).  A determiner alone before it is a pronoun, whose verb the
    opening walk reads (`_opening_negation`: "Nessuno riconosce").  An adjective after the noun
    ("Nessun paese europeo") is read as that verb, so "… europeo riconosce" drops the denial too."""
    if not (first > 1 and words[first - 2].key in determiners
            and (language != "en" or _no_one(words[first - 2], words[first - 1], text))
            and not _pronoun(words[first - 2], words[first - 1 : first])):
        return False
    reflexive, verb = _REFLEXIVES.get(language), first
    while verb < len(words) and (words[verb].key in _BEFORE_SUBJECTS_VERB or words[verb].key == reflexive):
        verb += 1
    if verb == len(words) or verb > first and _CLAUSE_MARK.search(text, words[first].end, words[verb].start):
        return False  # "… davon" for "Keine Rede davon.", "kein Zweifel daran, dass": no verb after them
    if any(t.key == reflexive for t in words[first:verb]) and (
            _IF_VERB.fullmatch(words[verb].key) or words[verb].key in _IF_SUBJECTS):
        return False  # "Nenhum acordo se houver cessar-fogo", "se ele recuar": "if"
    return _verb_shaped(words[verb])


def _verb_shaped(word: Token) -> bool:
    """Whether `word`, after a subject's noun (`_verb_after_subject`), may be its verb: a word in lower
    case (no name) that no noun phrase goes on with (`_NOUN_PHRASE_GOES_ON`: "Nessun paese della
    regione", "Ningún país que", "Nessun accordo dopo il vertice"), no number, no negation of a verb
    (`_VERB_NEGATIONS`: "Nenhum acordo se não houver", if not), no elided preposition glued to its
    noun ("Nessun commento dall'ambasciata": its head, "dall'", is what goes on)."""
    head = word.key[: word.key.find("'") + 1]
    return (word.text.islower() and word.key not in _NOUN_PHRASE_GOES_ON and head not in _NOUN_PHRASE_GOES_ON
            and not word.key[:1].isdigit() and word.key not in _VERB_NEGATIONS.values())


# German's numbers in words, which a "kein" before them makes "not even" (`_german_subject`).
_GERMAN_NUMBERS = frozenset("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert "
                            "tausend".split())
# German's comparatives of time, after which a "kein" and its noun of time say "not even" (`_german_subject`:
# "Keine Woche später hat die Kommission reagiert", "Kein Jahr danach hat Moskau eingelenkt").  Not "darauf",
# which goes on a noun as often ("Keine Antwort darauf hat Moskau gegeben": no answer to it, a denial).
_GERMAN_LATER = frozenset("später früher danach zuvor vorher".split())
# German's "it is said": "heißt es", "hieß es", whose "es" is the verb's subject and the words before it
# what was said (`_german_subject`: "Kein Kommentar hieß es aus Moskau"); not gutheißen or willkommen
# heißen, whose "es" is the object ("Kein Land hieß es gut": no country approved it).
_GERMAN_SAID = frozenset("heißt hieß heisst hiess".split())
_HEISSEN_PARTICLES = frozenset({"gut", "willkommen"})


def _german_subject(words: list[Token], found: Token, first: int) -> bool:
    """Whether German "kein" `found` (one of `words`) opens the subject of the quote's verb
    words[first] (`_denied_subject`): not before a number, "Keine zwei Wochen später hat die
    Regierung die Wahl anerkannt" (not even two weeks later: it did), "Keine 24 Stunden später",
    "Keine Woche später" (a noun of time before `_GERMAN_LATER`); nor
    before "heißt es", "hieß es" (`_GERMAN_SAID`), what was said: "… hieß es aus Moskau" for "Kein
    Kommentar hieß es aus Moskau" quotes who said it."""
    k = next(i for i, t in enumerate(words) if t.start == found.start)
    after = words[k + 1] if k + 1 < len(words) else None
    if after is not None and (after.key[:1].isdigit() or after.key in _GERMAN_NUMBERS):
        return False
    if k + 2 < len(words) and words[k + 2].key in _GERMAN_LATER:
        return False  # "Keine Woche später hat die Kommission reagiert": not even a week later, it did
    verb, subject, particle = ([t.key for t in words[first : first + 3]] + ["", ""])[:3]
    return not (verb in _GERMAN_SAID and subject == "es" and particle not in _HEISSEN_PARTICLES)


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
    a word after another ("said no")."""
    k = next(i for i, t in enumerate(words) if t.start == found.start)
    if k and words[k - 1].key not in _OTHER_CLAUSE["en"] and not _adverb(words[k - 1].key, "en"):
        return False
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
    nessuno riconosce ha firmato"), where "Ha detto che nessun paese ha riconosciuto" denies."""
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


# Russian "не может не" (cannot but), "не можем не", "не мог не": a double negation that asserts
# what follows (`_cannot_but`).
_MOCH = re.compile(r"(?:мо[гж]\w*|смо[гж]\w*)")


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
    an auxiliary, a title's verb, or the clause's end: every word of it written with a capital, not
    in capitals (a headline in capitals tells nothing), but a title's small words
    (`_TITLE_SMALL_WORDS`), and none a word of an institution's or an office's name or an adjective
    of nationality (`_DENIAL_NOT_TITLE_WORDS`, `_NATIONALITY_ENDING`): "… has grossed" for "No Time to Die
    has grossed" quotes what the film did, "… Time to Die has grossed" too, and "… Has Been Ruled
    Out" for "No Deal Brexit Has Been Ruled Out" what was ruled out; "No Member State has", "No
    European country has", "No Arab State has" deny, and so do "No Security Council member has", "…
    Kremlin official has" for "No Kremlin official has", whose noun in lower case after the names
    that qualify it is no auxiliary."""
    stop = next((j for j in range(end, len(words))
                 if _auxiliary(words[j].key, "en") or not _title_or_small(words[j])), len(words))
    between = words[i + 1 : stop]
    return (words[i].text[:1] == "N" and bool(between) and between[0].key not in _TITLE_SMALL_WORDS
            and all(_title_or_small(t) for t in between)
            and (stop == len(words) or _auxiliary(words[stop].key, "en")))


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


# A line's first word (letters, digits and apostrophes: "N'ACCEPTERA"), punctuation (a bullet) read past.
_LINE_OPENING = re.compile(r"\n[^\w\n]*(\w[\w'\u2019]*)")


def _paragraph_end(stretch: str) -> int:
    """Where the first line of `stretch` whose first word opens a paragraph starts (its "\\n"),
    else len(stretch): trafilatura ends a paragraph with one "\\n" (a heading, then its
    text), no blank line.  A paragraph opens with a digit or a word in title case ("No
    agreement", a single capital: "A total"); a line that goes on in lower case, or in capitals
    (a word of two letters or more), is the same sentence wrapped, as a PDF's is ("does\\nnot
    recognize", "does\\nNOT recognize", "THE UNION DOES\\nNOT RECOGNISE")."""
    for m in _LINE_OPENING.finditer(stretch):
        if _opens_paragraph(m[1]):
            return m.start()
    return len(stretch)


def _opens_paragraph(word: str) -> bool:
    """Whether a line whose first word is `word` opens a paragraph (`_paragraph_end`): a digit or
    title case, not lower case nor capitals (a word of two letters or more)."""
    letters = [c for c in word if c.isalpha()]
    in_capitals = len(letters) > 1 and all(c.isupper() for c in letters)
    return word[0].isdigit() or word[0].isupper() and not in_capitals


def _quote_words_held(alignment: Alignment, th: Thresholds) -> tuple[int, int, bool]:
    """How many of the quote's words the matched span holds (the same word or a minor
    variant of it), out of how many, and whether the quote puts another name where
    the span has one."""
    held = total = 0
    renamed = False
    for segment in alignment.segments:
        for index, (tag, old, new) in enumerate(segment.ops):
            total += len(new)
            if tag == "equal" or classify_change(Change(old, new), th) != "altered":
                held += len(new)
            else:
                held += sum(_shared_edges(Change(old, new)))  # letters `_whole_words` took in: held
                replaced = _replaced(segment, index)
                renamed = renamed or any(_renamed(t, segment.quote, replaced, segment.span, th) for t in new)
    return held, total, renamed


def _replaced(segment: Segment, index: int) -> list[Token]:
    """The source words that change `index` of the segment really replaces: at the
    span's edges, the alignment also looks at words beyond the quote's first or last
    one, and those across a full stop belong to the sentence before or after, not to
    the quote ("… of Azerbaijan. Ukraine once again" for "Furthermore, Ukraine once
    again")."""
    old = segment.ops[index][1]
    if index == 0:
        old = _same_sentence(old, segment.span)
    if index == len(segment.ops) - 1:
        old = _same_sentence(old[::-1], segment.span[::-1])[::-1]
    return old


def _same_sentence(edge: list[Token], tokens: list[Token]) -> list[Token]:
    """The words of `edge` (the first words of `tokens`) with no full stop between
    them and the next word of `tokens`."""
    kept: list[Token] = []
    for token in tokens:
        if token.key in SENTENCE_STOPS:
            kept = []
        elif any(token is w for w in edge):
            kept.append(token)
        elif token.kind == "word":
            break
    return kept


def _opens_sentence(word: Token, tokens: list[Token]) -> bool:
    """Whether `word` is the first word of a sentence as far as `tokens` shows: no
    word before it, or a full stop after the last one (its capital may be sentence
    case only)."""
    opening = True
    for token in tokens:
        if token is word:
            break
        if token.kind == "word":
            opening = False
        elif token.key in SENTENCE_STOPS:
            opening = True
    return opening


# Words that open a sentence in capitals without naming anyone: "We reaffirm…" compiled as
# "Canada reaffirms…" puts a name where the text had none.
_NO_NAMES = frozenset("i we you he she it they this that these those the a an our its their his her my your "
                      "there here".split())


def _capital(word: Token, tokens: list[Token]) -> str | None:
    """Where a capitalised word stands in its sentence: "opening" or "inside" (a
    name); None for a word in lower case, or a pronoun or article opening a sentence."""
    if "name" not in word_kinds(word):
        return None
    if _opens_sentence(word, tokens):
        return None if word.key in _NO_NAMES else "opening"
    return "inside"


def _renamed(word: Token, quote: list[Token], replaced: list[Token], span: list[Token], th: Thresholds) -> bool:
    """Whether a quote word puts another name where the text has one: it replaces a
    capitalised source word in the same place of its sentence (see the module
    docstring) and is not a misspelling of any word it replaces.  A word added where
    the text has nothing is an addition, not a renaming."""
    place = _capital(word, quote)
    return (place is not None and any(_capital(o, span) == place for o in replaced)
            and not any(fuzz.ratio(word.key, o.key) >= th.misattribution_name_similarity for o in replaced))


def names_the_quote_elsewhere(verdict: Verdict, th: Thresholds = THRESHOLDS) -> bool:
    """Whether a text other than the cited one holds the quote firmly enough for the
    stage to name it as where the words may come from (see the module docstring):
    a few common words, or a formula under another speaker's name, do not count."""
    if verdict.verdict not in FOUND_VERDICTS or verdict.alignment is None:
        return False
    held, total, renamed = _quote_words_held(verdict.alignment, th)
    if held < th.misattribution_min_words:
        return False
    if verdict.verdict != "altered":
        return True
    return (held >= th.misattribution_altered_words and held >= th.misattribution_altered_share * total
            and not renamed)
