"""The verdict on one quote against one text: what each verdict means, and the public API of the
package whose modules decide it (listed at the end).

Where to change what (each rule's test goes to the tests/test_verdicts_<family>.py of its family):

- a word whose change alters a claim (a negation, a modal, a number word) in some language:
  words.py `NEGATIONS`, `MODALS`, `NUMBER_WORDS`; one of NEGATIONS that is another language's
  ordinary word, read by the language of its sentence, its quotations apart, or of its page where
  py3langid cannot name the sentence (Portuguese "no", in the; Romanian "mai", "ne", "ni"): negations.py
  `_ORDINARY_IN`, `_written_in`, `_written_around`, `_AROUND` (tests/test_verdicts_negation_words.py);
- a threshold: thresholds.py; what counts as a minor difference: changes.py; numbers and their
  units: numbers.py; scripts written without spaces: unspaced.py; a translation: translation.py;
- what an ellipsis may hide: gaps.py; a quote that stops right before a negation: silent_cut.py
  (German's clause-final "nicht": german.py; Dutch's "niet": dutch.py); the negation before a quote's
  first word, and a denying subject before the auxiliary a quote opens past: opening.py;
  a subject that denies ("No country has", "Aucun pays n'a", headlines and titles): subjects.py;
  French's "ne": french_ne.py; "will" and "need" as nouns: modal_nouns.py;
- the verdict's reason and the quote's copies: judgment.py; the misattribution hint: misattribution.py.

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
  negation (words.py NEGATIONS, in the languages of the letters' statements), a number or its unit
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
  French "ne" that denies nothing, another language's word in a sentence surely in it, Portuguese
  "no" (in the: "A reunião ocorreu … Rio" for "… no Rio"; Spanish "El acuerdo … fue firmado" for
  "… no fue firmado" hides one; its sentence read without the quotations in it, "disse «la guerra es
  una locura» no Conselho", `_unquoted_sentence`, and one py3langid cannot name by its page, "A ONU no
  Haiti continua.", `_written_around`), Romanian "mai" (more), "ne", "ni" (us) but after "nu"
  (`_ordinary_word`); a mark before the words it leaves out is no clause's end
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
  shaped as an infinitive, "ne doit pas la victoire", "la lettre", "la mer", "le loyer", "le dernier
  versement", "le quartier", "ne veut pas l'avenir": `_infinitive`, or an auxiliary's infinitive after
  "le", "ne veut pas le pouvoir absolu", "n'a pas le pouvoir de", though "la" before it is its pronoun,
  "ne veut pas la devoir à Moscou"):
  `_fits_between`; the "ne" of "il ne faut pas que", whose clause's subjunctive the quote opens with,
  "… doive céder" for "Il ne faut pas que l'Ukraine doive céder" (`_must_not_that`; not "ne … pas
  que des mots", not only, `_restricts`); a "ne"
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
  "Kein Land hat die Annexion anerkannt", "… heeft de annexatie erkend" for "Geen enkel land heeft de
  annexatie erkend" (Dutch's "geen", "niemand" before an auxiliary only, `_AUXILIARY_ONLY`; not "Geen
  twee weken later", `_not_even`, nor a name, "Minister Geen heeft", "De Geen heeft": `_dutch_subject`,
  `_dutch_name`, which the opening walk reads too; a quotation's "Geen" denies, "Rutte zei „Geen land
  heeft …”"; "… de annexatie erkend" for "Niemand heeft de annexatie erkend" drops "niemand" as "…
  recognize" drops "does not": opening.py `_NEGATION_LANGUAGES`, "ooit" read past, "Niemand wil" the
  modal: `_fits_between`), "… si è pronunciato" (its reflexive
  pronoun), or past that auxiliary (opening.py `_subject_past_auxiliary`): English's participle or a
  modal's infinitive, "… recognized the annexation" for "No country has recognized the annexation", "…
  consulted" for "No country was consulted" (not "… the right to annex" for "No country has the right to
  annex", nor "… ready to" for "No country is ready to": `_english_auxiliaries`), a German or Dutch
  middle field quoted to the participle or infinitive that closes its clause, "… die Annexion anerkannt"
  for "Kein Land hat die Annexion anerkannt", "… de annexatie erkend" for "Geen enkel land heeft ooit de
  annexatie erkend" (not "… die Annexion", a noun phrase: `_closes_with_verb`), and the subject after the
  auxiliary, an adverb of time before it, "Gestern hat kein Land die Annexion anerkannt"
  (`_INVERTING_ADVERBS`, `_inverted_subject`; three words, "Bisher hat kein einziges Land", "Heute hat keiner der
  Staaten", "Geen land wil" to the closing infinitive: `_subject_ending`; not a quote opening with "dat", that
  clause's verb, nor past an exception, an aside's too, "Geen land, op Rusland na, heeft": subjects.py
  `_excepted`), "None of", "Nothing in", "Not a single" (`_english_subject`), "no longer" (`_no_longer`), "At no
  time has the Council" (`_denying_adverbial`; not after "did"), a quote opened inside "No Member State"
  (`_inside_name`), an Italian, Spanish or Portuguese participle past its auxiliary, "… riconosciuto" for "Nessun
  paese ha riconosciuto" (`_romance_participle`; not "… successo" for "Nessun partito ha successo":
  `_PARTICIPLE_SHAPED_NOUNS`); "… has recognized" for "No one believes Belarus has" too (`_opens_subject`); or before
  any verb right after the determiner's noun, an adverb, a reflexive or object pronoun or an adjective
  read past, "… riconosce" for "Nessun paese riconosce", "… ieri ha riconosciuto", "… questa volta ha
  riconosciuto" (`_TIMES`), "… si pronuncia", "… lo riconosce", "… la riconosce" (a verb's ending:
  `_ITALIAN_VERB_ENDING`), "… apoia" for "Nenhum país nos apoia" (a plural article before no plural:
  `_PLURAL_ARTICLES`), "… europeo ha riconosciuto", "… vince" for "Nessuna squadra italiana vince"
  (`_NATIONALITIES`), and the quote opening at the verb past them, "… riconosce"
  for "Nessun paese europeo riconosce", a participle too, "… raggiunto a Bruxelles", "… geplant", an irregular
  one, "… visto a Kiev", "… hecho por el gobierno", "… feito em Genebra" (`_VERB_FORMS_SO_ENDING`)
  (`_denied_subject`, `_verb_after_subject`; not a headline's words after its noun, "Keine
  Einigung gestern in Berlin", "kein Zweifel daran, dass", "Nessun accordo se non c'è una
  tregua", "Keine Waffen mehr für die Ukraine", "Nessuna conferma ufficiale da Mosca", "Ningún acuerdo
  posible sin Rusia", "Nessun accordo questa volta", "Nessuna tregua la notte di Natale":
  `_BEFORE_SUBJECTS_VERB`, `_REFLEXIVES`, `_no_finite_verb`;
  not "Keiner weiß genau", a pronoun, for "… genau": `_DENIER_PRONOUNS`; not after "without", a
  comparative's "than" or in "like no other": "Sin ningún apoyo", "más que ningún otro", "più di
  nessun altro", "más que nadie", "Come nessun altro", "Come nessuno": `_no_subject`,
  `_denies_no_verb`, `_like_no_other`; nor "no man's land", "La terra di nessuno": `_nobodys_land`; nor another
  clause's subject, a negated verb's object or one with an exception, "Il governo che nessuno
  riconosce ha", "Mosca non ascolta nessuno ma ha", "Nessun paese tranne la Russia ha", "Kein
  Geringerer als": `_opens_subject`; nor "Keine zwei Wochen später", nor what "hieß es", "sagte der
  Sprecher", "so der Minister", "sagte er.", "so er." report, "Kein Kommentar hieß es aus Moskau", not
  "sagte der Ukraine Hilfe zu", nor "Kein Wort sagte er", he said not a word, whoever says it:
  `_german_subject`, `_reporting_clause`, `_speaker_closes`, `_GERMAN_SAID_NOTHING`; nor what "ha detto
  il ministro", "dijo el portavoz", "disse o ministro" report, not "ha detto la verità" nor "ha detto
  Grazie", an answer (`_ANSWERS`): `_reports_speaker`), and English's "no" or "nobody" opening
  its subject, "… shall be held in slavery" for "No one shall be held in slavery", "No-one" too
  (not "No wonder", "No more than", "No. 10", "No small number", "No man's land", a title, "No
  Time to Die has grossed", "No Logo has been reprinted", "No Country for Old Men has grossed", "No Time
  to Die grossed $774 million" (two title's words, a verb in the past and an article, a number or a
  preposition after it: `_title_verb`; not "No Green voted for", "No Kremlin appointed governor"), a capital
  "Country" and two title's words after it, `_country_title`, not "No Country in Europe has", where "No
  Senator has", "No Democrat has", "No Referendum has" and, in a headline in title case, "No Agreement Has Been Reached", "No Survivors
  Found After Plane Crash" deny: `_english_subject`, `_no_idiom`, `_no_title`, `_headline_participle`);
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
  "kämpft und gibt nicht auf", nor after a copula, "ist bereit"), and for a Dutch quote whose own
  clause holds its subject and
  finite verb or an auxiliary (`_dutch_clause`, `_subject_verb`), a Dutch "niet" or "nooit" that closes
  it, "nog niet", "niet meer", a particle, or a participle or an infinitive after the clause's
  auxiliary ("Nederland steunt de sancties" for "… de sancties niet.", "heeft … niet erkend", "neemt …
  niet aan": `_closing_niet`; "wil" where the finite verb stands is a modal, "Het kabinet wil de sancties"
  for "… niet opheffen.": `_DUTCH_SLOT_MODALS`, `_verb_slot`; "nodig" after "hebben" closes it as a
  particle, "Nederland heeft de sancties" for "… niet nodig." or "… niet nodig om Rusland te straffen."
  (an "om" clause after the verb's end: `_EXTRAPOSED`; not "niet om … maar om"): `_DUTCH_PREDICATES`;
  not "niet volledig",
  "niet zo snel", "niet alleen", "niet-bindend", a noun phrase, "of niet", "de politieke wil", "Onze
  wil niet" (`_DUTCH_POSSESSIVES`), "vindt … niet nodig"); a line wrapped in
  running prose, a soft hyphen or a zero-width space between is a space (`_same_phrase`); not a quote
  that ends on a subject, a noun or a whole clause, "La France" for "La France n'a pas
  reconnu", "adopted" for "adopted without a vote", "erkennt" for "erkennt nicht die Wahl des
  Parlaments an", "kommen" for "kommen nicht selten vor", "tagt" for "tagt nicht öffentlich",
  "reagiert" for "reagiert nicht angemessen" (a negation of an adverb or an adjective), "zahlt"
  for "zahlt nicht mehr, als sie muss", "Wir tun das" for "Wir tun das nicht, um Russland zu
  schaden, sondern um …" (a purpose denied: `_negated_purpose`; without "sondern um / damit /
  weil" the act's denial is cut), "Und warum" for "Und warum nicht?", a Polish
  or Afrikaans "nie", "This reflects the political will" for "… will not of one
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

The thresholds (`THRESHOLDS`) and why they are what they are: crawler/verdicts/thresholds.py;
the misattribution hint (`names_the_quote_elsewhere`): crawler/verdicts/misattribution.py.

The modules, by part of the judgment; each imports only modules of the layers before its own
(no import cycle), and this one re-exports what the rest of citewatch imports (a name with a
leading underscore is the package's own, shared between its modules; no other module of citewatch
imports one, and a test that reaches one imports it from the module that holds it):

0. thresholds.py (`Thresholds`, `VERDICTS`, `Verdict`), words.py (the kinds of words: negation,
   modal, number, name), unspaced.py (scripts written without spaces: their negations, a change's
   letters taken in up to whole words), clauses.py (where a clause, a line, a paragraph ends; the
   words around a place), numbers.py (numbers and their units);
1. french_ne.py (French's "ne": its partner, "ne … que", the expletive "ne"), translation.py
   (language detection, the translation verdict);
2. negations.py (whether a word negates where it stands);
3. auxiliaries.py (auxiliaries and modals by language; English's past participles), changes.py (minor
   differences, a change as evidence);
4. german.py (German's negation that closes its clause), dutch.py (Dutch's), modal_nouns.py ("will" and "need" as
   nouns), subjects.py (subjects that deny; headlines and titles), misattribution.py;
5. opening.py (the negation before a quote's first word, and the denying subject of an auxiliary the
   quote opens past), silent_cut.py (a closing stop or a
   quote's end that drops a negation);
6. gaps.py (what an ellipsis hides, inside, at the end, at the start);
7. edges.py (what the aligner weighs at each place's edges);
8. judgment.py (`judge`: the verdict and its reason).
"""

from crawler.verdicts.judgment import judge
from crawler.verdicts.misattribution import names_the_quote_elsewhere
from crawler.verdicts.thresholds import FOUND_VERDICTS, THRESHOLDS, VERDICTS, Thresholds, Verdict
from crawler.verdicts.translation import EITHER_HAN, language, written_language

__all__ = ["EITHER_HAN", "FOUND_VERDICTS", "THRESHOLDS", "VERDICTS", "Thresholds", "Verdict", "judge", "language",
           "names_the_quote_elsewhere", "written_language"]
