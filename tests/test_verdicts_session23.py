"""Session 23, helper V: the leftovers of the last verdict review.  False alarms: a capital "El no"
before a verb of winning a vote ("El no ganó …", read as "Él no"); "the general will not of …"; "the
people's will not his …" and "the ‘citizens’ will not of …".  Misses: an object pronoun between a
French modal and its infinitive ("ne peut l'accepter"), and a subject's denying determiner before an
auxiliary in Italian, Spanish and Portuguese ("Nessun paese ha riconosciuto").  Then task M's mend after
review RV: a quote that opens inside a hyphenated "non-" word, a mark before an ellipsis inside a quote
("Pour Paris, … a reconnu"), "for" and a span of time after a modal's "not", Portuguese "no" (in the)."""

from __future__ import annotations

import pytest

from tests.judging import judged

# --- 1. "El no" before a verb of winning is the No side (review item 1) ---------------------------


@pytest.mark.parametrize("quote, text", [
    ("… ganó el referéndum", "El no ganó el referéndum."),
    ("… ganó el referéndum con el 61% de los votos", "El no ganó el referéndum con el 61% de los votos."),
    ("… se impuso en el plebiscito", "El no se impuso en el plebiscito."),
    ("… ha vencido", "Las urnas hablaron. El no ha vencido."),
    ("… triunfó en Colombia", "El no triunfó en Colombia."),
    ("… arrasó en las urnas", "El no arrasó en las urnas."),
    ("… GANÓ EL REFERÉNDUM", "EL NO GANÓ EL REFERÉNDUM"),
])
def test_a_capital_el_no_before_a_verb_of_winning_is_the_no_side(quote, text):
    """Review item 1: a capital "El" opening a sentence was read as "Él" written without its accent
    before any verb, so "… ganó el referéndum" dropped a negation; winning is what a vote's side
    does (`_side_wins`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha reconocido las elecciones", "El no ha reconocido las elecciones."),
    ("… es claro", "El no es claro."),
    ("… quiere negociar", "Lo dijo. El no quiere negociar."),
    ("… ganó las elecciones", "Él no ganó las elecciones."),
])
def test_el_no_before_another_verb_or_el_accented_stays_a_negation(quote, text):
    """Any other verb keeps the pronoun ("Él no", when in doubt a negation), and "Él" written with
    its accent is the pronoun whatever follows."""
    judged(quote, text, "altered")


# --- 2. "the general will not of …" (review item 2) -----------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("This reflects the general will", "This reflects the general will not of one party."),
    ("This reflects the general will …", "This reflects the general will not of one party but of all."),
    ("Rousseau's general will", "Rousseau's general will not of one party but of all."),
    ("It expresses the general will", "It expresses the general will not that of a faction."),
    ("the general will", "the general will not only of one party but of all"),
])
def test_the_general_will_before_not_and_no_verb_is_the_noun(quote, text):
    """Review item 2: "general" is a noun too, so it was not among the adjectives whose "will" is the
    noun; it is now one of those (`_WILL_NOUN_ADJECTIVES`) whose "will" is the noun only where no verb
    follows its "not", an adverb read past (`_no_verb_after_not`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("The general will", "The general will not attend the summit."),
    ("The general will", "The general will not simply resign."),
    ("The general will", "The general will not of course resign."),
    ("The general will", "The general will not for a moment accept this."),
    ("The Sovereign will", "The Sovereign will not of course open Parliament."),
])
def test_the_general_will_before_not_and_a_verb_is_the_modal(quote, text):
    """The general (the officer) and his modal: a verb after "not", past an adverb or "of course"
    (`_NOT_ADVERBS`), keeps the cut a dropped negation."""
    judged(quote, text, "altered")


# --- 3. a possessive's "will not his …"; a quoted plural's "will not of …" (review item 3) ----------

@pytest.mark.parametrize("quote, text", [
    ("the people's will", "the people's will not his alone decides"),
    ("The people's will …", "The people's will not their leaders' decides."),
    ("the people's will", "the people's will not only of one party"),
    ("the ‘citizens’ will", "the ‘citizens’ will not of one party"),
    ("The ‘citizens’ will …", "The ‘citizens’ will not of one party must prevail."),
    ("the 'citizens' will", "the 'citizens' will not that of the elites"),
])
def test_will_after_a_possessive_or_a_quoted_plural_before_a_determiner_is_the_noun(quote, text):
    """Review item 3: after a possessive only "of", "to", "that", articles and "for" named a will
    (session 22's `_POSSESSIVE_WILL_AFTER`, kept apart for its adverbs), and a quoted plural's
    closing ’ was no possessive at all.  One reading now: no verb after "not", an adverb read past;
    before "will" a quoted plural's closing mark may stand for the apostrophe (`_possessive`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("the ‘citizens’ will", "the ‘citizens’ will not accept this"),
    ("the ‘citizens’ will", "the ‘citizens’ will not simply accept this"),
    ("the ‘citizens’ need", "the ‘citizens’ need not apply"),
    ("Russia's will", "Russia's will not of course disappear."),
])
def test_a_quoted_plural_or_a_possessive_before_a_verb_keeps_the_modal(quote, text):
    """A verb after the "not" keeps "will" the modal; "need" reads no quoted mark as a possessive."""
    judged(quote, text, "altered")


# --- 4. an object pronoun between a French modal and its infinitive (review item 6) ----------------

@pytest.mark.parametrize("quote, text", [
    ("… accepter sans conditions", "La France ne peut l'accepter sans conditions."),
    ("… accepter sans conditions", "La France ne peut pas l'accepter sans conditions."),
    ("… accepter sans conditions", "La France ne peut certainement pas l'accepter sans conditions."),
    ("… reconnaître comme légitime", "La France ne doit pas la reconnaître comme légitime."),
    ("… soutenir dans cette voie", "Nous ne pouvons les soutenir dans cette voie."),
    ("… soutenir davantage", "Nous n'allons pas les soutenir davantage."),
    ("… convaincre du contraire", "Paris n'a pu les convaincre du contraire."),
])
def test_a_pronoun_between_a_french_modal_and_its_infinitive_is_no_article(quote, text):
    """Review item 6: "l'", "la", "les" after "ne peut", "ne doit pas" were read as the article of a
    noun the quote opens with (`_fits_between` let one stand between only right after "ne" or before
    an auxiliary), so the "ne" left out at the ellipsis was no negation of the quote's verb.  After
    pouvoir, devoir or aller, which take no noun, it is the infinitive's (`_infinitives_pronoun`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… guerre avec ses voisins", "Il ne veut pas la guerre avec ses voisins."),
    ("… réponse à cette question", "Il ne sait pas la réponse à cette question."),
    ("… solution à ce conflit", "La guerre n'est pas la solution à ce conflit."),
    ("… solution", "Ce ne peut être la solution."),
    ("… majorité", "Il n'a pas la majorité."),
    ("… accepter sans conditions", "La France peut l'accepter sans conditions."),
])
def test_an_article_after_another_verb_still_opens_a_noun(quote, text):
    """Vouloir, savoir, être and avoir take a noun: their "la" is its article, and the quote names
    what is denied; a modal with no "ne" drops nothing."""
    judged(quote, text, "verbatim")


# --- 5. a subject's denying determiner before an auxiliary (review item 7) --------------------------

@pytest.mark.parametrize("quote, text", [
    ("… ha riconosciuto l'annessione", "Nessun paese ha riconosciuto l'annessione."),
    ("… ha mai riconosciuto l'annessione", "Nessun paese ha mai riconosciuto l'annessione."),
    ("… ha riconosciuto l'annessione", "Nessuno Stato membro ha riconosciuto l'annessione."),
    ("… ha accettato l'accordo di pace", "Nessuna delle parti ha accettato l'accordo di pace."),
    ("… è stato firmato a Minsk", "Nessun accordo è stato firmato a Minsk."),
    ("… ha riconosciuto l'annessione", "Il ministro ha detto che nessun paese ha riconosciuto l'annessione."),
    ("… ha reconocido la anexión", "Ningún país ha reconocido la anexión."),
    ("… ha aceptado el resultado", "En ningún caso el Gobierno ha aceptado el resultado."),
    ("… ha reconocido la anexión, Rusia está aislada",
     "Como ningún país ha reconocido la anexión, Rusia está aislada."),
    ("… pode aceitar a anexação", "Nenhum país pode aceitar a anexação."),
    ("… tem reconhecido a anexação", "Nenhum governo tem reconhecido a anexação."),
])
def test_a_denying_determiner_of_the_subject_before_its_auxiliary_is_hidden(quote, text):
    """Review item 7: "nessun", "ningún", "nenhum" deny the verb with no "non" before it, and an
    opening ellipsis that leaves the subject out asserts what none did, as "… a reconnu" for "Aucun
    pays n'a reconnu" does; only "Nessuno ha riconosciuto", the determiner right before, was read
    (`_denied_subject`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… l'annessione", "Nessun paese ha riconosciuto l'annessione."),
    ("… ha invaso l'Ucraina", "Nessuno ha detto che Mosca ha invaso l'Ucraina."),
    ("… ha riconosciuto l'annessione", "Nessun paese ha firmato, ma la Russia ha riconosciuto l'annessione."),
    ("… ha riconosciuto l'annessione", "Nessun paese che conosco ha riconosciuto l'annessione."),
    ("… ha resistito alla pressione", "Senza nessun aiuto il paese ha resistito alla pressione."),
    ("… ha resistido la presión", "Sin ningún apoyo el Gobierno ha resistido la presión."),
    ("… ha apoyado a Ucrania", "España más que ningún otro país ha apoyado a Ucrania."),
    ("… tem apoiado a Ucrânia", "O Brasil mais do que nenhum outro país tem apoiado a Ucrânia."),
    ("… ha sostenuto l'Ucraina", "Come nessun altro l'Italia ha sostenuto l'Ucraina."),
    ("… ha ragione", "Nessun dubbio che il governo ha ragione."),
])
def test_a_determiner_of_another_phrase_or_clause_denies_nothing_of_the_quote(quote, text):
    """Not a noun phrase quoted after the verb; not past a clause of its own ("che", a comma); not
    after "without", a comparative's "than" or in "like no other" (`_no_subject`, `_like_no_other`)."""
    judged(quote, text, "verbatim")


def test_a_french_clause_after_comme_aucun_autre_still_denies():
    """"comme aucun autre pays ne l'a fait" is a clause of its own, its "ne" the subject's partner:
    the "like no other" reading is the other languages' only (`_like_no_other`)."""
    judged("… l'a fait", "La France a agi comme aucun autre pays ne l'a fait.", "altered")


# ================================================= task M: the mend after review RV

# --- 6. a quote that opens inside a hyphenated "non-" word (review item 4, decided) -----------------

@pytest.mark.parametrize("quote, text", [
    ("… binding resolution", "It adopted a non-binding resolution."),
    ("… governmental organisations have documented", "Non-governmental organisations have documented the abuses."),
    ("… aligned countries support the resolution", "The non-aligned countries support the resolution."),
    ("… proliferation treaty", "The non-proliferation treaty."),
    ("… fly zone", "They declared a no-fly zone."),
    ("… alinhados votaram", "Os países não-alinhados votaram."),
])
def test_an_opening_ellipsis_inside_a_hyphenated_negation_word_drops_it(quote, text):
    """Review item 4: English "non-" was exempt at an opening ellipsis ("a prefix of adjectives as
    often as of nouns"), French's only after an article; the quote calls binding what the source
    calls not binding whatever the word is (`_negation_prefix`, read first by `_opening_negation`).
    The first two were pinned verbatim in tests/test_verdicts_session18.py."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, compound", [
    ("binding resolution", "It adopted a non-binding resolution.", "non-binding"),
    ("governmental organisations", "non-governmental organisations", "non-governmental"),
    ("Governmental organisations took part", "Non-governmental organisations took part.", "Non-governmental"),
    ("respect des règles est grave", "Le non-respect des règles est grave.", "non-respect"),
    ("intervento è una scelta", "Il non-intervento è una scelta.", "non-intervento"),
    ("binding resolution", "It adopted a non\u2011binding resolution.", "non\u2011binding"),
])
def test_a_quote_with_no_ellipsis_that_opens_inside_the_word_drops_its_negation(quote, text, compound):
    """With no ellipsis the cut is the quote's own (`_opening_gap`): the reason says where, no
    ellipsis standing there, and the evidence names the negation removed."""
    verdict = judged(quote, text, "altered")
    assert f"left out where the quote opens, inside the source's “{compound}”" in verdict.reason
    assert "at an ellipsis" not in verdict.reason
    (change,) = verdict.changes
    assert {"negation", "removed"} <= set(change["kinds"])


def test_the_cut_inside_the_word_is_read_whatever_else_the_gap_leaves_out():
    """"The UN … binding resolution" for "The UN non-binding resolution" was altered because the gap
    held only "non"; a gap too long to be read (`ellipsis_words`), or one across a mark, now drops it
    too: the quote still opens its segment inside the word (`_hidden_in_gap`)."""
    judged("The UN … binding resolution", "The UN non-binding resolution", "altered")
    verdict = judged("The UN … binding resolution",
                     "The UN adopted on Monday, after a long and bitter debate in New York, a non-binding resolution.",
                     "altered")
    assert verdict.reason == "“non” left out at an ellipsis"
    judged("The UN said: … binding resolution", "The UN said: it is a non-binding resolution.", "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("It adopted a non-binding resolution", "It adopted a non-binding resolution.", "verbatim"),
    ("non-binding resolution", "It adopted a non-binding resolution.", "verbatim"),
    ("… non-binding resolution", "It adopted a non-binding resolution.", "verbatim"),
    ("It adopted a non-binding …", "It adopted a non-binding resolution.", "verbatim"),
    ("… resolution", "It adopted a non-binding resolution.", "verbatim"),
    ("resolution was adopted", "The non-binding resolution was adopted.", "verbatim"),
    ("determination of peoples", "It upholds the self-determination of peoples.", "verbatim"),
    ("respect des règles est grave", "Le non respect des règles est grave.", "verbatim"),
    ("O não venceu", "O não venceu.", "verbatim"),
    ("… venceu o referendo", "O não venceu o referendo.", "verbatim"),
    ("binding resolution", "It adopted a non-binding resolution. Later a binding resolution followed.", "verbatim"),
    ("It adopted a … resolution", "It adopted a non-binding resolution.", "elided"),
    ("The Assembly … adopted the text", "The Assembly and the non-aligned countries adopted the text.", "elided"),
])
def test_a_quote_that_keeps_the_word_whole_or_cuts_elsewhere_is_untouched(quote, text, expected):
    """"non-binding" quoted whole, a quote cut at another word, "non" written apart with no ellipsis,
    the No side, a text that holds the quote's words again with no "non-" before them (the aligner
    takes the first copy: `_opening_gap` looks for another, `_repeats`); and "non-binding" left out
    whole at an ellipsis: its "non" denies a word the quote leaves out with it (`_carries_meaning`;
    it was altered before)."""
    judged(quote, text, expected)


def test_a_copy_inside_a_hyphenated_negation_word_is_no_copy():
    """"binding resolution" is in "a binding resolution", not in "a non-binding resolution" (`_found_times`)."""
    verdict = judged("binding resolution", "A binding resolution came first. It then adopted a non-binding resolution.",
                     "verbatim")
    assert "holds the quote" not in verdict.reason


# --- 7. a mark before an ellipsis inside the quote (the review's serious miss) ----------------------

@pytest.mark.parametrize("quote, text", [
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, aucun pays n'a reconnu l'annexion."),
    ("For Paris, … has recognized the annexation", "For Paris, no country has recognized the annexation."),
    ("For Paris … has recognized the annexation", "For Paris, no country has recognized the annexation."),
    ("Secondo Roma, … ha riconosciuto", "Secondo Roma, nessun paese ha riconosciuto"),
    ("Para Madrid, … ha reconocido la anexión", "Para Madrid, ningún país ha reconocido la anexión."),
    ("Para Lisboa, … tem reconhecido a anexação", "Para Lisboa, nenhum país tem reconhecido a anexação."),
    ("Для Парижа, … признала аннексию", "Для Парижа, ни одна страна не признала аннексию."),
    ("In 2014, … recognized the annexation", "In 2014, France never recognized the annexation."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Aucun pays n'a reconnu l'annexion."),
    ("The EU regrets this. … recognize the results", "The EU regrets this. The Ministry does not recognize the results."),
    ("The EU regrets this; … recognize the annexation", "The EU regrets this; it will never recognize the annexation."),
    ("Pour Paris - … a reconnu l'annexion", "Pour Paris - aucun pays n'a reconnu l'annexion."),
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, aucun pays (pas même la Hongrie) n'a reconnu l'annexion."),
    ("In this case, … will be tolerated", "In this case, no violation will be tolerated."),
    ("In Europe, … has recognized the annexation", "In Europe, nobody has recognized the annexation."),
])
def test_a_gap_that_opens_at_a_mark_hides_the_denial_of_the_word_after_it(quote, text):
    """The comma before the ellipsis counted as the gap crossing a clause, so nothing was read; the
    words after the mark open the clause the quote goes on with, and are read as an opening
    ellipsis's (`_hidden_in_clause`, `_opening_run`), English "no" opening its subject too
    (`_english_subject`), as a gap with no mark reads it."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, la Russie a reconnu l'annexion."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Moscou a reconnu l'annexion."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Elle n'est pas contestée. La Russie a reconnu l'annexion."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Personne ne conteste et la Russie a reconnu l'annexion."),
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, rien ne change mais la Russie a reconnu l'annexion."),
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, le pays qui ne vote pas a reconnu l'annexion."),
    ("For Paris, … has recognized the annexation", "For Paris, the country that did not vote has recognized the annexation."),
    ("Secondo Roma, … ha riconosciuto l'annessione", "Secondo Roma, nessuno lo nega ma la Russia ha riconosciuto l'annessione."),
    ("The EU regrets this. … the outcome of the talks", "The EU regrets this. This event cannot prejudice the outcome of the talks."),
    ("He said: … deliver justice for all", "He said: ‘We will deliver justice for all’"),
    ("On March 31, … the so-called elections were held", "On March 31, 2020 the so-called elections were held."),
    ("The war has cost thousands of lives, … to mention the humanitarian consequences",
     "The war has cost thousands of lives, not to mention the humanitarian consequences."),
    ("En el referéndum griego, … se impuso con el 61%", "En el referéndum griego, el no se impuso con el 61%."),
    ("Aucun État membre, … même la Hongrie, n'a reconnu", "Aucun État membre, pas même la Hongrie, n'a reconnu l'annexion."),
])
def test_a_gap_that_really_spans_clauses_stays_elided(quote, text):
    """The dropped words hold no denial of the word after the gap: none, another clause's (a
    conjunction, a relative clause, a whole sentence), one of a word left out too, a modal or a
    number left out with its phrase (which a gap with no mark calls altered), an idiom, the No side."""
    judged(quote, text, "elided")


@pytest.mark.parametrize("quote, text", [
    ("Today, … have recognized the annexation", "Today, no more than ten countries have recognized the annexation."),
    ("Today, … have failed", "Today, no wonder the talks have failed."),
    ("Today, … has been declared", "Today, a no-fly zone has been declared."),
    ("Today, … has been cast", "Today, a no vote has been cast."),
    ("Today, … has recognized the annexation", "Today, a country of no importance has recognized the annexation."),
    ("Today, … has signed the agreement", "Today, the president whom no country recognizes has signed the agreement."),
    ("Today, … has signed the agreement", "Today, Russia has no allies and has signed the agreement."),
    ("Today, … will meet", "Today, no later than noon the Council will meet."),
    ("Today, … has demanded an end", "Today, Resolution No 2334 has demanded an end."),
])
def test_an_english_no_that_opens_no_subject_denies_nothing_after_a_mark(quote, text):
    """English "no" is read after a mark only where it opens its clause's subject (`_english_subject`):
    not an idiom or a comparative after it, a number, a hyphen, an article or a preposition before it,
    nor one in a relative clause or before another clause's verb (`_opens_subject`)."""
    judged(quote, text, "elided")


@pytest.mark.parametrize("quote, text", [
    ("… has recognized the annexation", "No country has recognized the annexation."),
    ("… shall be held in slavery or servitude", "No one shall be held in slavery or servitude."),
    ("… has been held accountable", "Nobody has been held accountable."),
    ("… has recognized the annexation", "Clearly no country has recognized the annexation."),
])
def test_an_opening_ellipsis_reads_english_no_as_a_mark_inside_the_quote_does(quote, text):
    """Review R2: pinned verbatim since session 19 (tests/test_verdicts_session19.py, when only a
    verb's negation was read), while "For Paris, … has recognized" and Italian's, Spanish's and
    Portuguese's "… ha riconosciuto" for "Nessun paese ha riconosciuto" were altered: the same
    subject's "no" (`_SUBJECT_DENIERS`, `_english_subject`), wherever the ellipsis stands."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… have failed", "No wonder the talks have failed."),
    ("… have failed", "No question the talks have failed."),   # (the idiom: undoubtedly)
    ("… have recognized the new government", "No more than ten countries have recognized the new government."),
    ("… has changed its position", "No. 10 Downing Street has changed its position."),
    ("… has changed its position", "No 10 Downing Street has changed its position."),
    ("… have expressed concern", "No small number of States have expressed concern."),
    ("… have been discussed at length", "No-fly zones have been discussed at length."),
])
def test_an_opening_ellipsis_keeps_an_english_no_that_opens_no_subject(quote, text):
    """`_english_subject`'s guards at an opening ellipsis: an idiom, a comparative, a litotes, a
    number, a hyphen after "no", an article before it."""
    judged(quote, text, "verbatim")


# --- 8. what the mend found on the way -----------------------------------------------------------

@pytest.mark.parametrize("quote, text, expected", [
    ("The General will", "The General will not for one moment accept this.", "altered"),
    ("the ‘reformers’ will", "the ‘reformers’ will not for a second accept this", "altered"),
    ("The general will", "The general will not for the time being attend.", "altered"),
    ("the people's will", "the people's will not for war but for peace", "verbatim"),
    ("the general will", "the general will not for the few but for all", "verbatim"),
])
def test_for_and_a_span_of_time_after_not_is_the_modals_adverb(quote, text, expected):
    """Review L1: "for" named a will whatever followed it (`_WILL_NOUN_AFTER`), the adverbs read past
    a closed list ("for a moment", not "for one moment"), so these were verbatim (altered before v1):
    "for" and a span of time (`_FOR_SPANS`) is an adverb now (`_not_adverb`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… pode aceitar a anexação", "No Brasil nenhum partido pode aceitar a anexação.", "altered"),
    ("… pode aceitar a anexação", "Na Europa nenhum partido pode aceitar a anexação.", "altered"),
    ("… pode vencer a guerra", "Não há nenhuma dúvida de que a Rússia pode vencer a guerra.", "verbatim"),
    ("… ha deciso di procedere", "Mosca non ascolta nessuno ma ha deciso di procedere.", "verbatim"),
])
def test_only_the_languages_own_negation_makes_the_determiner_an_object(quote, text, expected):
    """Portuguese "no" (in the) is no negated verb whose object "nenhum" would be (`_VERB_NEGATIONS`,
    by language)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("Ndombe province was hit", "The Mai-Ndombe province was hit by floods.", "verbatim"),
    ("Win government", "The Ne-Win government fell.", "verbatim"),
    ("… ending story", "It is a never-ending story.", "altered"),
    ("… EU-Staaten", "Die Nicht-EU-Staaten lehnen ab.", "altered"),
    ("… Aligned Movement", "The Non-Aligned Movement met.", "altered"),
])
def test_only_a_negation_that_prefixes_words_is_cut_off_by_a_hyphen(quote, text, expected):
    """Review R2: "mai" (never) and "ne" before a hyphen are a name's syllables, not a prefix
    (`_HYPHEN_PREFIXES`); "never-", "Nicht-", "Non-" are."""
    judged(quote, text, expected)
