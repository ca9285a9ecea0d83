"""A subject's denying determiner ("No", "Kein", "Nessun", "Ningún", "Nenhum", "No-one").

A quote that leaves out "No country" before "has recognized", at an opening ellipsis or past a
mark, asserts what none did: altered, as is one that opens at a name before the subject's
noun.  The determiner denies nothing of the quote where it opens a title or a name ("No Time to
Die has grossed"), an idiom ("no man's land"), a comparison ("more than any other", "più di",
"come nessuno"), an exception ("No country except Russia"), a measure of time ("Keine Woche
später"), another clause or phrase, a relative clause, a negated verb's object, an answer set
off by a comma, or a headline with no verb ("Kein Kommentar vom Kreml", "Nessun accordo se …");
the verb after the subject is read past an adverb or a reflexive pronoun."""

from __future__ import annotations

import pytest

from tests.judging import judged


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
    """"nessun", "ningún", "nenhum" deny the verb with no "non" before it, and an
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
    """Verbatim while only a verb's negation was read, though "For Paris, … has recognized" and
    Italian's, Spanish's and Portuguese's "… ha riconosciuto" for "Nessun paese ha riconosciuto"
    were altered: the same subject's "no" (`_SUBJECT_DENIERS`, `_english_subject`), wherever the
    ellipsis stands."""
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


@pytest.mark.parametrize("quote, text", [
    ("… they have worked", "No, he said, they have worked."),
    ("… sanctions have worked", "No, he said, sanctions have worked."),
    ("The minister was asked whether sanctions work. … they have worked",
     "The minister was asked whether sanctions work. No, he said, they have worked."),
    ("… la Russie a cédé", "Non, dit-il, la Russie a cédé."),
    ("… Rusia ha cedido", "No, dijo, Rusia ha cedido."),
])
def test_the_answer_no_set_off_by_a_comma_denies_nothing_after_its_aside(quote, text):
    """The aside ", he said," is left out of the clause's words, so "No" stood right before "they"
    as a determiner of its noun ("No country may"): read so, the quote was altered at an opening
    ellipsis and at a mark inside the quote."""
    verdict = judged(quote, text, "verbatim" if quote.startswith("…") else "elided")
    assert not verdict.changes


@pytest.mark.parametrize("quote, text", [
    ("… ha riconosciuto l'annessione", "Nessun paese tranne la Russia ha riconosciuto l'annessione."),
    ("… ha reconocido la anexión", "Ningún país salvo Rusia ha reconocido la anexión."),
    ("… tem reconhecido a anexação", "Nenhum país exceto a Rússia tem reconhecido a anexação."),
    ("… has recognized it", "No country except Russia has recognized it."),
    ("… has recognized it", "No country other than Russia has recognized it."),
    ("Since 2014, … has recognized it", "Since 2014, no other country than Russia has recognized it."),
])
def test_a_denying_determiner_with_an_exception_denies_nothing_of_the_verb(quote, text):
    """"No country except Russia has recognized it": Russia has, as the quote says (`_EXCEPT`)."""
    judged(quote, text, "verbatim" if quote.startswith("…") else "elided")


@pytest.mark.parametrize("quote, text", [
    ("… ha firmato l'accordo", "Il presidente che nessun paese riconosce ha firmato l'accordo."),
    ("… ha firmato l'accordo", "Il governo che nessuno riconosce ha firmato l'accordo."),
    ("… è illegale", "L'annessione che nessun paese riconosce è illegale."),
    ("… es ilegal", "La anexión que ningún país reconoce es ilegal."),
    ("… ha firmado el acuerdo", "El presidente al que ningún país reconoce ha firmado el acuerdo."),
    ("… ha firmado el acuerdo", "El presidente a quien ningún país reconoce ha firmado el acuerdo."),
    ("… tem assinado acordos", "O presidente que nenhum país reconhece tem assinado acordos."),
])
def test_a_determiner_in_a_relative_clause_before_the_auxiliary_denies_nothing_of_it(quote, text):
    """A restrictive relative clause on the main clause's subject holds the determiner and its own
    verb ("che nessun paese riconosce"); the quote's auxiliary is the main clause's, asserted."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha deciso di procedere", "Nessuno lo riconosce ma Mosca ha deciso di procedere."),
    ("… ha deciso di procedere", "Nessuno lo riconosce mentre Mosca ha deciso di procedere."),
    ("… è stata annunciata", "Nessuno lo sapeva quando la decisione è stata annunciata."),
    ("… ha decidido continuar", "Ninguno lo reconoce cuando Moscú ha decidido continuar."),
    ("… ha decidido continuar", "Ninguno lo reconoce mientras Moscú ha decidido continuar."),
    ("… tem decidido continuar", "Nenhum o reconhece enquanto Moscou tem decidido continuar."),
    ("… tem apoiado os separatistas", "Não é nenhum segredo que a Rússia tem apoiado os separatistas."),
    ("… pode crescer este ano", "Nenhum analista duvida que a economia pode crescer este ano."),
])
def test_a_determiner_of_another_clause_denies_nothing_of_the_quote(quote, text):
    """A conjunction that opens another clause between the determiner and the quote's auxiliary, or
    a "que" the French reading of `_denying_subject` crossed (Portuguese "a" is French "has")."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha deciso di procedere", "Mosca non ascolta nessuno ma ha deciso di procedere."),
    ("… ha riconosciuto l'annessione", "Il governo non consulta nessun alleato ma la Russia ha riconosciuto l'annessione."),
    ("… è stato rispettato", "Non è stato firmato nessun accordo ed è stato rispettato il cessate il fuoco."),
    ("… ha firmado el acuerdo", "Rusia no consultó a ningún aliado cuando ha firmado el acuerdo."),
    ("… pode vencer a guerra", "Não há nenhuma dúvida de que a Rússia pode vencer a guerra."),
])
def test_a_determiner_after_a_negated_verb_is_its_object(quote, text):
    """After "non", "no", "não" the determiner is the negated verb's object (negative concord), no
    subject of the auxiliary the quote opens with."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha riconosciuto l'annessione", "Il ministro dice che nessun paese ha riconosciuto l'annessione."),
    ("… ha riconosciuto l'annessione", "Il ministro dice che nessuno ha riconosciuto l'annessione."),
    ("… ha riconosciuto l'annessione", "Ha detto che nessuno Stato ha riconosciuto l'annessione."),
    ("… ha reconocido la anexión", "Dijo a los periodistas que ningún país ha reconocido la anexión."),
    ("… ha reconocido la anexión", "Ningún Estado u organización ha reconocido la anexión."),
    ("… ha riconosciuto l'annessione", "Nessun paese della mia regione ha riconosciuto l'annessione."),
])
def test_a_determiner_that_opens_the_auxiliarys_subject_still_denies(quote, text):
    """Guards: a completive "che", "que" with the subject's noun alone before the auxiliary; "u"
    joining subjects; Italian "ma" (my) is no Spanish "but" here."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("… has grossed over $700 million", "No Time to Die has grossed over $700 million.", "verbatim"),
    ("… Time to Die has grossed over $700 million", "No Time to Die has grossed over $700 million.", "verbatim"),
    ("… Has Been Ruled Out", "No Deal Brexit Has Been Ruled Out", "verbatim"),
    ("… has been ruled out", "No Deal Brexit has been ruled out, the minister said.", "verbatim"),
    ("In London, … has grossed £25 million", "In London, No Time to Die has grossed £25 million.", "elided"),
])
def test_no_opening_a_title_denies_nothing_of_its_verb(quote, text, expected):
    """"No" before a word with a capital was a subject's determiner ("No country has"), so "… has
    grossed" dropped a negation; a capital after "No" opens a name or a title (`_no_title`)."""
    verdict = judged(quote, text, expected)
    assert not verdict.changes


@pytest.mark.parametrize("quote, text", [
    ("… has recognized the annexation", "No Member State has recognized the annexation."),
    ("… has recognized the annexation", "No European country has recognized the annexation."),
    ("… shall be deprived of its rights", "No State shall be deprived of its rights."),
    ("… Has Recognized the Annexation", "No Country Has Recognized the Annexation"),
    ("… HAS RECOGNIZED THE ANNEXATION", "NO COUNTRY HAS RECOGNIZED THE ANNEXATION"),
])
def test_no_before_an_institution_a_nationality_or_in_capitals_still_denies(quote, text):
    """English writes the words of institutions' names and the adjectives of nationality with a capital
    too (`_DENIAL_NOT_TITLE_WORDS`, `_NATIONALITY_ENDING`); a headline in capitals tells nothing."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("… has been mined", "No man's land has been mined.", "verbatim"),
    ("… man's land has been mined", "No man's land has been mined.", "verbatim"),
    ("In the statement, … has been mined", "In the statement, no man's land has been mined.", "elided"),
    ("… è stata minata", "La terra di nessuno è stata minata.", "verbatim"),
    ("… è stata minata", "La terra di nessuno tra le due linee è stata minata.", "verbatim"),
    ("… ha sido minada", "La tierra de nadie ha sido minada.", "verbatim"),
    ("… foi minada ao longo da frente", "A terra de ninguém foi minada ao longo da frente.", "verbatim"),
])
def test_no_mans_land_is_an_idiom_no_denial(quote, text, expected):
    """The strip between two fronts: its "no", "nessuno", "nadie", "ninguém" deny nothing of the verb
    (`_NO_PHRASES`, `_nobodys_land`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… have been respected in the occupied areas", "No one's rights have been respected in the occupied areas."),
    ("… è stato rispettato", "Il diritto di nessuno è stato rispettato."),
    ("… è stato permesso di entrare", "A nessuno è stato permesso di entrare."),
])
def test_nobodys_right_is_no_idiom(quote, text):
    """Only the idiom: another possessive of "nobody" denies."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… ha sostenuto l'Ucraina", "L'Italia più di nessun altro ha sostenuto l'Ucraina."),
    ("… altro ha sostenuto l'Ucraina", "L'Italia più di nessun altro ha sostenuto l'Ucraina."),
    ("… ha fatto di più", "L'Italia più di nessun altro ha fatto di più."),
    ("… ha sostenuto l'Ucraina", "Come nessuno l'Italia ha sostenuto l'Ucraina."),
])
def test_more_than_any_other_and_like_nobody_deny_nothing(quote, text):
    """Italian's "di" is a comparative's "than" ("più di": `_THAN`), and "come nessuno" is "like
    nobody" as "come nessun altro" is (`_like_no_other`)."""
    judged(quote, text, "verbatim")


def test_spanish_como_ninguno_may_be_since_none():
    """Spanish and Portuguese "como" is "since" as often: "like nobody" is Italian's only."""
    judged("… reconoce la anexión", "Como ninguno reconoce la anexión, Rusia está aislada.", "altered")


@pytest.mark.parametrize("quote, text", [
    ("… hat die Annexion anerkannt", "Kein Land hat die Annexion anerkannt."),
    ("… hat die Wahlen anerkannt", "Keine Regierung hat die Wahlen anerkannt."),
    ("… erkennt die Annexion der Krim an", "Kein Land erkennt die Annexion der Krim an."),
    ("Für Berlin, … hat die Annexion anerkannt", "Für Berlin, kein Land hat die Annexion anerkannt."),
])
def test_german_kein_opening_the_subject_is_hidden(quote, text):
    """German's "kein" was left out of the subject's denying determiners (`_SUBJECT_DENIERS`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… hat die Regierung die Wahl anerkannt", "Keine zwei Wochen später hat die Regierung die Wahl anerkannt."),
    ("… hat die Wahl anerkannt", "Kein Geringerer als der Kanzler hat die Wahl anerkannt."),
    ("… hat die Annexion anerkannt", "Kein Land protestierte und Russland hat die Annexion anerkannt."),
    ("… die Annexion", "Bisher hat kein Land die Annexion anerkannt."),
])
def test_german_kein_of_a_measure_an_exception_or_another_clause_denies_nothing(quote, text):
    """"not even two weeks later" (`_german_subject`), "none other than" (`_EXCEPT`), another
    clause's subject (`_OTHER_CLAUSE`), a quote of a noun phrase without the participle that closes its
    clause (session 29: "… die Annexion anerkannt", which holds it, drops "kein", below)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… riconosce l'annessione", "Nessun paese riconosce l'annessione."),
    ("… si è pronunciato", "Nessun paese si è pronunciato."),
    ("… si è pronunciato", "Nessun paese europeo si è pronunciato."),
    ("… reconoce la anexión", "Ningún país reconoce la anexión."),
    ("… se ha pronunciado sobre la anexión", "Ningún país se ha pronunciado sobre la anexión."),
    ("… reconhece a anexação", "Nenhum país reconhece a anexação."),
    ("… recognizes the annexation", "No one recognizes the annexation."),
])
def test_a_verb_right_after_the_denied_subject_is_hidden(quote, text):
    """Only an auxiliary was read after the subject (`_denied_subject`); the word right after its
    determiner and noun is the verb (`_verb_after_subject`), a reflexive pronoun before an auxiliary
    its clitic (`_reflexive_auxiliary`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… l'annessione", "Nessun paese riconosce l'annessione."),
    ("… che ha invaso l'Ucraina", "Il governo non riconosce nessun paese che ha invaso l'Ucraina."),
    ("… passado o governo aprovou a lei", "No ano passado o governo aprovou a lei."),
])
def test_an_object_a_relative_clause_or_portuguese_no_is_no_verb_after_the_subject(quote, text):
    """An object quoted after the verb, a relative clause (`_NOUN_PHRASE_GOES_ON`), Portuguese "no"
    (in the), read as English's "no" before a verb in "no one" only (`_verb_after_subject`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… has recognized the annexation", "No-one has recognized the annexation."),
    ("Since then, … is allowed to enter", "Since then, no-one is allowed to enter."),
])
def test_no_one_with_a_hyphen_opens_the_subject(quote, text):
    """"No-one" is "No one": its hyphen is no mark between "No" and its noun (`_english_subject`), nor
    a prefix that the gap leaves out with its word (`_carries_meaning`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


def test_a_quote_opening_inside_no_one_still_drops_it():
    """A quote that opens on "one" of "No-one", no ellipsis, drops the "No" the hyphen glues to it, as
    one opening inside "non-binding" does (`_negation_prefix`)."""
    verdict = judged("one has the right to decide for Ukraine", "No-one has the right to decide for Ukraine.",
                     "altered")
    assert "left out where the quote opens" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… dopo il vertice", "Nessun accordo dopo il vertice di Bruxelles."),
    ("… senza pace", "Nessuna libertà senza pace."),
    ("… tras la cumbre", "Ningún acuerdo tras la cumbre de Bruselas."),
    ("… bajo ocupación", "Ninguna elección bajo ocupación."),
    ("… após a cimeira", "Nenhum acordo após a cimeira de Bruxelas."),
    ("… ohne Russland", "Es gibt keine Lösung ohne Russland."),
    ("… trotz Verhandlungen", "Keine Einigung trotz Verhandlungen in Genf."),
    ("… sondern Kalkül", "Das ist kein Zufall sondern Kalkül."),
])
def test_a_preposition_or_a_conjunction_after_the_subjects_noun_is_no_verb(quote, text):
    """A headline has no verb: the word after "Nessun accordo" that `_verb_after_subject` read as one
    was a preposition or a conjunction its list left out (`_NOUN_PHRASE_GOES_ON`), and the quote of
    the phrase after it asserts nothing the determiner denies."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… fronteras impuestas por la fuerza", "No reconocemos fronteras impuestas por la fuerza."),
    ("… sanciones unilaterales", "No apoyamos sanciones unilaterales."),
    ("… eles sabem que a guerra está perdida", "No fundo eles sabem que a guerra está perdida."),
    ("… surprises expected at the summit", "No big surprises expected at the summit."),
])
def test_spanish_and_portuguese_no_opens_no_english_subject_before_a_main_verb(quote, text):
    """English "no" is Spanish's negation of a verb ("No reconocemos", whose object the quote names)
    and Portuguese's "in the" ("No fundo"): the word after the next is read as a verb in "no one"
    only (`_verb_after_subject`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… quiso dar más detalles", "Dijo que sí y no quiso dar más detalles."),
    ("… ha voluto aggiungere altro", "Ha risposto sì e non ha voluto aggiungere altro."),
    ("… deu mais detalhes", "Disse que sim e não deu mais detalhes."),
    ("… one objected", "The delegates said yes and no one objected."),
    ("… firme el acuerdo", "Es mejor que no firme el acuerdo."),
    ("… intervenga en el conflicto", "Más vale que no intervenga en el conflicto."),
])
def test_a_verbs_negation_after_yes_or_a_comparative_still_denies(quote, text):
    """"sí y no quiso" answers and then denies a verb (`_YES_AND`: English and French only, not "no
    one": `_no_one`); "mejor que no firme" is Spanish's "no" of a verb, not a determiner after a
    comparative's "than" (`_COMPARED_DENIERS`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… has recognized the annexation", "No Security Council member has recognized the annexation."),
    ("… has recognized the annexation", "No Kremlin official has recognized the annexation."),
    ("… has recognized the annexation", "No Arab State has recognized the annexation."),
    ("… has voted for the resolution", "No Greek government has voted for the resolution."),
])
def test_names_before_a_noun_after_no_are_no_title(quote, text):
    """A title runs in capitals from "No" to its verb (`_no_title`); a noun in lower case or of an
    institution among the words between makes them a subject's."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… gestern in Berlin", "Keine Einigung gestern in Berlin."),
    ("… ieri a Bruxelles", "Nessun accordo ieri a Bruxelles."),
    ("… ayer en Bruselas", "Ningún acuerdo ayer en Bruselas."),
    ("… ontem em Bruxelas", "Nenhum acordo ontem em Bruxelas."),
    ("… daran, dass Russland die Krim annektiert hat",
     "Es besteht kein Zweifel daran, dass Russland die Krim annektiert hat."),
    ("… davon", "Keine Rede davon."),
])
def test_an_adverb_after_a_headlines_noun_is_no_verb(quote, text):
    """An adverb of time or German's "daran", "davon" after the noun of "Keine Einigung" was read as
    the subject's verb (`_verb_after_subject`); it is read past (`_BEFORE_SUBJECTS_VERB`), and a
    preposition, a mark or nothing after it leaves a headline with no verb to deny."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ieri ha riconosciuto l'annessione", "Nessun paese ieri ha riconosciuto l'annessione."),
    ("… daran glaubt", "Er sagte, dass kein Land daran glaubt."),
    ("… gestern zugestimmt hat", "Er sagte, dass kein Land gestern zugestimmt hat."),
    ("… today recognizes the annexation", "No one today recognizes the annexation."),
])
def test_an_adverb_before_the_subjects_verb_still_drops_its_denial(quote, text):
    """Guard: read past the adverb, the word after it is the verb, as in a German clause whose verb
    closes it, and the quote drops the subject's denial of it (`_verb_after_subject`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("… hieß es aus Moskau", "Kein Kommentar hieß es aus Moskau.", "verbatim"),
    ("… heißt es in Berlin", "Keine Einigung heißt es in Berlin.", "verbatim"),
    ("… hieß es gut", "Kein Land hieß es gut.", "altered"),
    ("… hat es anerkannt", "Kein Land hat es anerkannt.", "altered"),
])
def test_hiess_es_reports_what_was_said(quote, text, expected):
    """"hieß es" (it was said) has "es" for its subject: the "Kein" phrase before it is what was said,
    no subject it denies (`_GERMAN_SAID`); "gutheißen"'s "es" is its object, and the "Kein" phrase
    the subject again (`_HEISSEN_PARTICLES`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… se não houver cessar-fogo", "Nenhum acordo se não houver cessar-fogo."),
    ("… se houver guerra", "Nenhum acordo se houver guerra."),
    ("… se a Rússia não recuar", "Nenhum acordo se a Rússia não recuar."),
    ("… se ele não recuar", "Nenhum acordo se ele não recuar."),
    ("… se non c'è una tregua", "Nessun accordo se non c'è una tregua."),
    ("… se la Russia non si ritira", "Nessuna pace se la Russia non si ritira."),
    ("… si hay guerra", "Ningún acuerdo si hay guerra."),
])
def test_if_after_a_headlines_noun_is_no_verb(quote, text):
    """Italian and Portuguese "se" (if) after "Nessun accordo" was read as a reflexive pronoun and so
    as the verb; only the determiner's language's reflexive is read past (`_REFLEXIVES`), and
    Portuguese's "se" before a negation, an article, a subject pronoun or a future subjunctive
    (`_IF_SUBJECTS`, `_IF_VERB`) is "if"."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… si pronuncia sull'annessione", "Nessun paese si pronuncia sull'annessione."),
    ("… se pronunciou sobre a anexação", "Nenhum país se pronunciou sobre a anexação."),
    ("… se pronunció sobre la anexión", "Ningún país se pronunció sobre la anexión."),
])
def test_a_reflexive_pronoun_before_the_subjects_verb_drops_its_denial(quote, text):
    """Italian "si" before a verb that is no auxiliary was missed (Spanish's "si", if, is no verb);
    read past as the determiner's language's reflexive, the verb after it is the subject's."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("… ha apoyado a Ucrania", "España más que nadie ha apoyado a Ucrania.", "verbatim"),
    ("… defendeu a paz", "O Brasil mais do que ninguém defendeu a paz.", "verbatim"),
    ("… riconoscere l'annessione", "Ha promesso più volte di mai riconoscere l'annessione.", "altered"),
    ("… firmi l'accordo", "È meglio che non firmi l'accordo.", "altered"),
])
def test_than_makes_a_pronoun_any_but_not_never_or_a_verbs_negation(quote, text, expected):
    """"más que nadie" (than anybody) denies nothing (`_COMPARED_DENIERS`, one rule for the subject and
    the opening walk: `_denies_no_verb`); Italian's "di" is "than" before a noun or a pronoun
    only (`_THAN_BEFORE_NOUNS`), so "più volte di mai riconoscere" is "never" again, not "ever"
    (`_ever`); "meglio che non firmi" denies its verb."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… Kremlin official has commented on the report", "The report came out. No Kremlin official has commented on the report."),
    ("… Security Council member has recognized it", "The vote was held. No Security Council member has recognized it."),
    ("… Hamas leader attended the talks", "The talks failed. No Hamas leader attended the talks."),
])
def test_a_quote_opening_at_a_name_before_the_subjects_noun_still_drops_no(quote, text):
    """A title runs up to its verb (`_no_title`): "No Kremlin official has" names no title, its noun
    in lower case is no auxiliary, so "… Kremlin official has commented" asserts what nobody did."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… hat die Kommission reagiert", "Die Lage ist ernst. Keine Woche später hat die Kommission reagiert."),
    ("… später hat die Kommission reagiert", "Die Lage ist ernst. Keine Woche später hat die Kommission reagiert."),
    ("… hat Moskau eingelenkt", "Die Lage ist ernst. Kein Jahr danach hat Moskau eingelenkt."),
])
def test_kein_before_a_noun_of_time_and_spaeter_is_not_even(quote, text):
    """"Keine Woche später" (not even a week later) is a time, as "Keine zwei Wochen später" is
    (`_german_subject`, `_GERMAN_LATER`): the Commission did react."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… vom Kreml", "Die Gespräche dauerten bis spät in die Nacht. Kein Kommentar vom Kreml."),
    ("… beim EU-Gipfel in Brüssel", "Die Gespräche dauerten bis spät in die Nacht. Keine Einigung beim EU-Gipfel in Brüssel."),
    ("… auch in Genf", "Die Gespräche dauerten bis spät in die Nacht. Keine Einigung auch in Genf."),
    ("… dall'ambasciata russa", "I colloqui sono durati a lungo. Nessun commento dall'ambasciata russa."),
    ("… nell'immediato", "I colloqui sono durati a lungo. Nessun accordo nell'immediato."),
    ("… come previsto", "I colloqui sono durati a lungo. Nessun accordo come previsto."),
    ("… pese a todo", "Las conversaciones duraron mucho. Ningún acuerdo pese a todo."),
    ("… pelo Itamaraty", "As conversas duraram muito. Nenhum comentário pelo Itamaraty."),
    ("… segundo fontes diplomáticas", "As conversas duraram muito. Nenhum acordo segundo fontes diplomáticas."),
])
def test_a_headlines_preposition_after_its_noun_is_no_verb(quote, text):
    """A preposition glued to its article ("vom", "beim", "pelo") or elided onto its noun
    ("dall'ambasciata"), "as", "according to", "also" go on with the headline's noun phrase
    (`_NOUN_PHRASE_GOES_ON`, `_verb_shaped`): no verb the determiner denies."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… mehr für die Ukraine", "Keine Waffen mehr für die Ukraine."),
    ("… ufficiale da Mosca", "I colloqui sono durati a lungo. Nessuna conferma ufficiale da Mosca."),
    ("… possibile senza la Russia", "Nessun accordo possibile senza la Russia."),
    ("… già pronto", "Nessun piano già pronto."),
    ("… accordo con Mosca", "Nessun nuovo accordo con Mosca."),
    ("… oficial desde Moscú", "Ningún comentario oficial desde Moscú."),
    ("… nuevo en la cumbre", "Ningún avance nuevo en la cumbre."),
    ("… se necessário", "Nenhuma concessão se necessário."),
    ("… se tudo correr bem", "As conversas duraram muito. Nenhum acordo se tudo correr bem."),
])
def test_an_adjective_after_a_headlines_noun_is_no_verb(quote, text):
    """A headline's noun goes on with an adjective ("Nessuna conferma ufficiale",
    "Ningún avance nuevo"), which `_verb_after_subject` read as the subject's verb: an ending no finite
    verb of a third person has in the determiner's language (`_NO_FINITE_ENDING`) is read past as the
    noun phrase's, and "kein … mehr" (no more) as an adverb (`_BEFORE_SUBJECTS_VERB`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… se quer envolver no conflito", "As conversas duraram muito. Nenhum país se quer envolver no conflito."),
    ("… europeo ha riconosciuto l'annessione", "Nessun paese europeo ha riconosciuto l'annessione."),
    ("… membro, nemmeno l'Ungheria, ha riconosciuto", "Nessuno Stato membro, nemmeno l'Ungheria, ha riconosciuto."),
    ("… raggiunto a Bruxelles", "Nessun accordo raggiunto a Bruxelles."),
    ("… geplant", "Die Gespräche dauerten lange. Keine Wahlen geplant."),
    ("… gewinnt die Wahl", "Keine Partei gewinnt die Wahl."),
    ("… gehört zur Nato", "Kein Land gehört zur Nato."),
    ("… dijo la verdad", "Ningún ministro dijo la verdad."),
    ("… vino a la cumbre", "Ningún presidente vino a la cumbre."),
    ("… dio apoyo a Kiev", "Ningún país dio apoyo a Kiev."),
    ("… veio à cimeira", "Nenhum presidente veio à cimeira."),
    ("… erkennt die Annexion an", "Kein Land erkennt die Annexion an."),
    ("… nötig", "Kein Visum nötig."),
    ("… erforderlich für EU-Bürger", "Kein Visum erforderlich für EU-Bürger."),
])
def test_a_verb_after_the_subjects_adjective_or_noun_still_drops_its_denial(quote, text):
    """Guard: a verb's ending ("gewinnt", "gehört", a strong preterite "dijo") is no adjective's; an
    adjective is read past to the verb after it, an aside too; a participle is a headline's verb, its
    auxiliary left out ("Nessun accordo raggiunto", "Keine Wahlen geplant"), and so is a German adjective
    after its noun, never the noun's ("Kein Visum nötig"); and Portuguese "se" before
    "quer" is the reflexive, not "if" before a future subjunctive (`_IF_VERB`: an auxiliary is none)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("… genau, wie es weitergeht", "Keiner weiß genau, wie es weitergeht.", "verbatim"),
    ("… mehr an einen Waffenstillstand", "Keiner glaubt mehr an einen Waffenstillstand.", "verbatim"),
    ("… glaubt mehr an einen Waffenstillstand", "Keiner glaubt mehr an einen Waffenstillstand.", "altered"),
    ("… hat das gesagt", "Keiner hat das gesagt.", "altered"),
    ("… mai visto prima", "Un dispiegamento come nessun paese mai visto prima.", "verbatim"),
])
def test_keiner_is_a_pronoun_and_a_quote_opening_with_a_negation_keeps_it(quote, text, expected):
    """"Keiner" alone is "nobody", no determiner of the word after it (`_DENIER_PRONOUNS`): the quote
    of the words after its verb denies nothing of that verb, as "… l'annessione" for "Nessuno
    riconosce l'annessione" does; the verb itself or an auxiliary left out with it drops the denial.
    A quote that opens with a negation ("mai") keeps one (`_verb_shaped`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… sagte der Sprecher", "Die Gespräche dauerten lange. Kein Kommentar sagte der Sprecher.", "verbatim"),
    ("… sagte er", "Kein Wort sagte er.", "altered"),
    ("… sagte er am Montag", "Kein Kommentar sagte er am Montag.", "verbatim"),
    ("… so der Minister", "Keine Einigung so der Minister.", "verbatim"),
    ("… sagte die Wahrheit", "Kein Minister sagte die Wahrheit.", "altered"),
    ("… sagte der Sprecher am Montag", "Kein Kommentar sagte der Sprecher am Montag.", "verbatim"),
    ("… sagte der Ukraine Hilfe zu", "Kein Land sagte der Ukraine Hilfe zu.", "altered"),
    ("… sagte der Presse etwas", "Kein Minister sagte der Presse etwas.", "altered"),
    ("… sagte er der Ukraine zu", "Keine Hilfe sagte er der Ukraine zu.", "altered"),
    ("… so groß wie Russland", "Kein Land ist so groß wie Russland.", "verbatim"),
])
def test_a_german_reporting_clause_without_its_comma_reports_what_was_said(quote, text, expected):
    """A verb of saying before its subject pronoun or "der", or "so" (according to) before an article
    (`_GERMAN_SAID`, `_GERMAN_SPEAKERS`) reports the "Kein" phrase before it, as "hieß es" does: no
    subject it denies; "die Wahrheit" after "sagte" is its object, and "Kein Minister" its subject, and
    so is "der Ukraine" a dative's where the clause goes on after it ("sagte der Ukraine Hilfe zu":
    promised, `_speaker_closes`); a pronoun that ends the clause, "Kein Wort sagte er." (he said not a
    word), is the subject after an object put first, and "… sagte er" drops the denial."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… has recognized the annexation", "The vote was held. No Senator has recognized the annexation."),
    ("… has ratified the treaty", "The vote was held. No Parliament has ratified the treaty."),
    ("… Has Been Reached", "Latest. No Agreement Has Been Reached"),
    ("… Is Above the Law", "The judge was clear. No Man Is Above the Law"),
    ("… Will Be Tolerated", "Latest. No Violence Will Be Tolerated, Minister Warns"),
    ("… Should Be Left Behind", "Latest. No Child Should Be Left Behind"),
])
def test_one_word_with_a_capital_after_no_is_the_subjects_noun(quote, text):
    """In a headline in title case (its auxiliary with a capital too) a title after "No" runs over two
    words at least ("No Deal Brexit Has Been Ruled Out"): one word before the auxiliary is the
    subject's noun ("No Agreement Has Been Reached"), and so is an office's or an institution's in
    running text ("No Senator has", "No Parliament has": `_DENIAL_NOT_TITLE_WORDS`), which the quote
    drops with its "No" (`_no_title`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… has been reprinted twenty times", "Sales were strong. No Logo has been reprinted twenty times."),
    ("… was first staged in Paris in 1944", "The play is famous. No Exit was first staged in Paris in 1944."),
    ("… was released in 1995", "The film flopped. No Mercy was released in 1995."),
])
def test_one_word_with_a_capital_after_no_in_running_text_is_a_title(quote, text):
    """In running text, its auxiliary in lower case, one word with a capital after "No" that names no
    office or institution is a title ("No Logo", "No Exit"): the quote says what the book or the play
    did, and denies nothing (`_no_title`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… visto a Kiev", "I colloqui sono finiti. Nessun segnale visto a Kiev."),
    ("… fatto a Bruxelles", "I colloqui sono finiti. Nessun passo fatto a Bruxelles."),
    ("… preso a Bruxelles", "I colloqui sono finiti. Nessun impegno preso a Bruxelles."),
    ("… vinto dalla Russia", "I colloqui sono finiti. Nessun territorio vinto dalla Russia."),
    ("… proposto da Mosca", "Nessun piano proposto da Mosca."),
    ("… coinvolto nell'attacco", "Nessun civile coinvolto nell'attacco."),
    ("… hecho por el gobierno", "Las conversaciones terminaron. Ningún anuncio hecho por el gobierno."),
    ("… impuesto por Moscú", "Ningún plan impuesto por Moscú."),
    ("… feito em Genebra", "As conversas terminaram. Nenhum acordo feito em Genebra."),
    ("… eleito em Kiev", "Nenhum candidato eleito em Kiev."),
    ("… annesso dalla Russia", "Nessun territorio annesso dalla Russia."),
    ("… distrutto dai russi", "Nessun ponte distrutto dai russi."),
    ("… discusso a Bruxelles", "Nessun tema discusso a Bruxelles."),
    ("… espulso da Mosca", "Nessun diplomatico espulso da Mosca."),
    ("… invaso dalla Russia", "Nessun paese invaso dalla Russia."),
    ("… expulso de Moscou", "Nenhum diplomata expulso de Moscou."),
])
def test_an_irregular_participle_after_a_headlines_noun_is_its_verb(quote, text):
    """An irregular past participle ends in "-o" as the adjectives `_NO_FINITE_ENDING` reads past do
    ("visto", "hecho", "feito"), and was read as one: it is a headline's verb, its auxiliary left out,
    as "raggiunto" is ("Nessun segnale visto a Kiev": no sign was seen), and the quote of it drops the
    denial (`_VERB_FORMS_SO_ENDING`, with the compounds that end as it does: "proposto", "impuesto")."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("… posible sin Rusia", "Las conversaciones terminaron. Ningún acuerdo posible sin Rusia.", "verbatim"),
    ("… responsable de la masacre", "Ningún funcionario responsable de la masacre.", "verbatim"),
    ("… aperto la domenica", "Nessun negozio aperto la domenica.", "verbatim"),
    ("… hable con la prensa", "Pidió que ningún ministro hable con la prensa.", "altered"),
])
def test_spanish_adjectives_in_ble_go_on_the_headlines_noun(quote, text, expected):
    """Spanish "-ible", "-able" are adjectives' endings ("posible", "responsable"), read past as
    Italian's "possibile" is (`_NO_FINITE_ENDING`); the subjunctive "hable" ends so too and stays a
    verb (`_VERB_FORMS_SO_ENDING`).  A participle more often an adjective ("aperto", open) is left
    out of the irregular ones."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… ne parla a Bruxelles", "Nessun paese ne parla a Bruxelles."),
    ("… ne ha parlato a Bruxelles", "Nessun paese ne ha parlato a Bruxelles."),
    ("… europeo ne parla", "Nessun governo europeo ne parla."),
])
def test_italian_ne_after_a_subjects_noun_is_its_clitic(quote, text):
    """Italian's "ne" (of it) before the verb is no negation, though French's "ne" is one
    (NEGATIONS): the word after "Nessun paese" may be the clitic of its verb, and "… ne parla" drops
    the denial as "… parla" does (`_verb_shaped`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("… militare in Ucraina", "Nessun intervento militare in Ucraina.", "verbatim"),
    ("… nucleare con l'Iran", "Nessun accordo nucleare con l'Iran.", "verbatim"),
    ("… militare è previsto", "Nessun intervento militare è previsto.", "altered"),
    ("… pare disposto a trattare", "Nessun paese pare disposto a trattare.", "altered"),
    ("… compare nella lista", "Nessun nome compare nella lista.", "altered"),
])
def test_an_italian_adjective_in_are_goes_on_the_headlines_noun(quote, text, expected):
    """"militare", "nucleare" end as an infinitive does, and no infinitive is the verb of a subject: read
    past as "ufficiale" is (`_NO_FINITE_ENDING`), to a verb after them or none; "pare", "appare",
    "compare" are the third person of parere and -parire, and stay the verb the quote drops the
    denial of."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… lo riconosce", "Nessun paese lo riconosce.", "altered"),
    ("… lo ha riconosciuto", "Nessun paese lo ha riconosciuto.", "altered"),
    ("… le responde", "Ningún país le responde.", "altered"),
    ("… nos preocupa", "Ningún acuerdo nos preocupa.", "altered"),
    ("… lo stesso giorno", "Nessun accordo lo stesso giorno.", "verbatim"),
    ("… la settimana scorsa", "Nessun accordo la settimana scorsa.", "verbatim"),
    ("… nos próximos dias", "Nenhum acordo nos próximos dias.", "verbatim"),
])
def test_an_object_pronoun_between_the_subjects_noun_and_its_verb_is_read_past(quote, text, expected):
    """"lo", "le", "nos" are articles or "in the" in another language of the subjects' (a noun phrase
    goes on with them), and pronouns before the verb in this one: "… lo riconosce" drops the denial
    as "… riconosce" does (`_object_pronoun`); "lo" before "stesso", "nos" in Portuguese stay a
    headline's phrase with no verb."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… riconosce l'annessione", "Nessun paese europeo riconosce l'annessione.", "altered"),
    ("… riconosce", "Nessun paese lo riconosce.", "altered"),
    ("… raggiunto a Bruxelles", "Nessun accordo ufficiale raggiunto a Bruxelles.", "altered"),
    ("… pronunciou sobre a anexação", "Nenhum país se pronunciou sobre a anexação.", "altered"),
    ("… reconoce la anexión", "Ningún país todavía reconoce la anexión.", "altered"),
    ("… recognizes the annexation", "No one today recognizes the annexation.", "altered"),
    ("… houver cessar-fogo", "Nenhum acordo se houver cessar-fogo.", "verbatim"),
    ("… riconosce la Crimea", "Nessun accordo e il governo russo riconosce la Crimea.", "verbatim"),
])
def test_a_quote_opening_at_the_verb_past_the_words_read_past_drops_the_denial(quote, text, expected):
    """The words `_verb_after_subject` reads past after the subject's noun (an adjective, an adverb, a
    reflexive or object pronoun: `_before_verb`) may stand before the quote too: "… riconosce" for
    "Nessun paese europeo riconosce" drops the denial as "… europeo riconosce" does; Portuguese's
    "se" before a future subjunctive stays "if", and another subject's noun ("il governo russo") ends
    the walk."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… sera a Bruxelles", "Nessun accordo ieri sera a Bruxelles.", "verbatim"),
    ("… ieri sera a Bruxelles", "Nessun accordo ieri sera a Bruxelles.", "verbatim"),
    ("… mercoledì", "Nessun vertice europeo mercoledì.", "verbatim"),
    ("… domenica", "Nessun intervento militare domenica.", "verbatim"),
    ("… questa settimana", "Nessun accordo nucleare questa settimana.", "verbatim"),
    ("… tarde en Bruselas", "Ningún acuerdo ayer tarde en Bruselas.", "verbatim"),
    ("… esta semana", "Nenhum acordo oficial esta semana.", "verbatim"),
    ("… volta", "Nessun accordo questa volta.", "verbatim"),
    ("… riconosce l'annessione", "Nessun paese questa settimana riconosce l'annessione.", "altered"),
    ("… ha riconosciuto l'annessione", "Nessun paese domenica ha riconosciuto l'annessione.", "altered"),
    ("… reconoce la anexión", "Ningún país esta semana reconoce la anexión.", "altered"),
])
def test_a_noun_of_time_after_the_subjects_noun_is_read_past_as_an_adverb(quote, text, expected):
    """"sera", "mercoledì", "esta semana" after a headline's noun stand as "ieri" does, no verb of the
    noun's (`_BEFORE_SUBJECTS_VERB`): a quote that opens at them, or past the words before them
    (`_before_verb`), quotes a headline's phrase; a verb after them still has its denial dropped.  A
    demonstrative only before such a noun (`_TIME_DEMONSTRATIVES`): "questa volta" is read to its noun."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… sagte er", "Die Konferenz endete. Kein Kommentar sagte er.", "verbatim"),
    ("… sagte sie", "Die Konferenz endete. Keine Einigung sagte sie.", "verbatim"),
    ("… so er", "Die Konferenz endete. Kein Kommentar so er.", "verbatim"),
    ("… sagte er", "Die Konferenz endete. Kein Wort sagte er.", "altered"),
    ("… sagte er am Montag", "Die Konferenz endete. Kein Wort sagte er am Montag.", "altered"),
    ("… sagte der Minister", "Die Konferenz endete. Kein Wort sagte der Minister.", "altered"),
])
def test_a_german_reporting_clause_closed_by_its_pronoun_reports_what_was_said(quote, text, expected):
    """"Kein Kommentar sagte er." reports what he said as "Kein Kommentar sagte er am Montag." does
    (`_speaker_closes`), and "so er" as "so der Minister"; what one says as much as nothing of,
    "Kein Wort" (`_GERMAN_SAID_NOTHING`), is sagen's object put first, whoever says it and wherever:
    he said not a word, and "… sagte er" drops that."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… ha detto il ministro", "Nessun commento ha detto il ministro.", "verbatim"),
    ("… ha detto il ministro degli Esteri", "Nessun commento ha detto il ministro degli Esteri.", "verbatim"),
    ("… ha detto Lavrov", "Nessun commento ha detto Lavrov.", "verbatim"),
    ("… ha detto Sergej Lavrov", "Nessun commento ha detto Sergej Lavrov.", "verbatim"),
    ("… ha detto Sì", "Nessun paese ha detto Sì.", "altered"),
    ("… dijo el portavoz", "Ningún comentario dijo el portavoz.", "verbatim"),
    ("… disse o ministro", "Nenhum comentário disse o ministro.", "verbatim"),
    ("… ha detto la verità", "Nessun paese ha detto la verità.", "altered"),
    ("… dijo la verdad", "Ningún país dijo la verdad.", "altered"),
    ("… ha dichiarato il ministro persona non grata", "Nessun governo ha dichiarato il ministro persona non grata.",
     "altered"),
    ("… ha detto il ministro Lavrov", "Nessun commento ha detto il ministro Lavrov.", "verbatim"),
    ("… ha declarado el gobierno de Maduro ilegítimo", "Ningún país ha declarado el gobierno de Maduro ilegítimo.",
     "altered"),
])
def test_an_italian_spanish_or_portuguese_reporting_clause_reports_what_was_said(quote, text, expected):
    """A verb of saying before an article and a speaker's noun, or a name, that close the clause
    (`_reports_speaker`, `_SAYING`, `_SPEAKERS`) reports the "Nessun" phrase before it: no subject it
    denies.  What was said after it ("la verità", an answer: "Sì") is its object, and a clause that goes
    on after the speaker's noun ("persona non grata"), or after a genitive of a name ("de Maduro
    ilegítimo", `_speaker_end`), makes that noun the object too."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… apoia", "Nenhum país nos apoia.", "altered"),
    ("… reconoce", "Ningún país los reconoce.", "altered"),
    ("… reconhece hoje", "Nenhum país os reconhece hoje.", "altered"),
    ("… próximos dias", "Nenhum acordo nos próximos dias.", "verbatim"),
    ("… últimas semanas en Bruselas", "Ningún acuerdo las últimas semanas en Bruselas.", "verbatim"),
    ("… la riconosce", "Nessun paese la riconosce.", "altered"),
])
def test_a_plural_article_before_a_word_no_plural_ends_as_is_the_verbs_pronoun(quote, text, expected):
    """Portuguese's "nos", "os", Spanish's "los", "las" before a word not in -s are the verb's object
    pronoun (`_PLURAL_ARTICLES`), read past as "lo" is: "… apoia" drops the denial; before a plural
    they open a headline's phrase.  Italian's "la" only before a verb's ending no noun has
    (`_ITALIAN_VERB_ENDING`: "la riconosce"; its nouns end as its other verbs do, "la settimana")."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… vince in Europa", "Nessuna squadra italiana vince in Europa.", "altered"),
    ("… vince in Europa", "Nessuna squadra francese vince in Europa.", "altered"),
    ("… gana en Europa", "Ningún equipo francés gana en Europa.", "altered"),
    ("… inglese", "Nessuna squadra parla inglese.", "verbatim"),
    ("… da Mosca", "Nessuna conferma russa da Mosca.", "verbatim"),
])
def test_an_adjective_of_nationality_shaped_as_a_verb_is_read_past(quote, text, expected):
    """"italiana", "francese" end as "parla", "prese" do; named (`_NATIONALITIES`), they are read past to
    the verb after them as "europeo" is: "… vince" drops the denial.  "parla" itself is a verb, and
    "… inglese" quotes its object."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… has voted against the bill", "The vote was held. No Democrat has voted against the bill.", "altered"),
    ("… has been held", "The date passed. No Referendum has been held.", "altered"),
    ("… has been reprinted", "Sales were strong. No Logo has been reprinted.", "verbatim"),
    ("… Survivors Found After Plane Crash", "Latest. No Survivors Found After Plane Crash", "altered"),
    ("… Charges Filed Against Officer", "Latest. No Charges Filed Against Officer", "altered"),
    ("… Strings Attached", "Latest. No Strings Attached", "verbatim"),
    ("… Child Left Behind", "Latest. No Child Left Behind", "verbatim"),
    ("… was released in 1970", "No Time Left for You was released in 1970.", "verbatim"),
])
def test_a_partys_member_a_vote_and_a_headlines_participle_after_no_deny(quote, text, expected):
    """"No Democrat has", "No Referendum has" have the shape of "No Logo has", a title: the word tells
    them apart (`_DENIAL_NOT_TITLE_WORDS`).  A participle after the noun and before a preposition is a
    headline's verb (`_headline_participle`), where a title's participle closes it or takes an adverb;
    not before an auxiliary in lower case, in running text, where "No Time Left for You" is a title."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… la riconosce", "Nessun paese la riconosce.", "altered"),
    ("… la riconoscerà", "Nessun paese la riconoscerà.", "altered"),
    ("… la firmò", "Nessun governo la firmò.", "altered"),
    ("… la riconobbe", "Nessun paese la riconobbe.", "altered"),
    ("… la settimana scorsa", "Nessun accordo la settimana scorsa.", "verbatim"),
    ("… la notte di Natale", "Nessuna tregua la notte di Natale.", "verbatim"),
    ("… la sera del voto", "Nessun incidente la sera del voto.", "verbatim"),
])
def test_italian_la_before_a_verbs_own_ending_is_the_verbs_pronoun(quote, text, expected):
    """Italian's "la" is an article as often: only before an ending no feminine noun has
    (`_ITALIAN_VERB_ENDING`: "-sce", "-ò", "-bbe", "-rà") is it the verb's pronoun, read past to
    the verb the subject's "Nessun" denies; before a noun it opens a headline's phrase."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… ha detto Grazie", "Nessun paese ha detto Grazie.", "altered"),
    ("… dijo Gracias", "Ningún país dijo Gracias.", "altered"),
    ("… disse Obrigado", "Nenhum país disse Obrigado.", "altered"),
    ("… ha detto Lavrov", "Nessun commento ha detto Lavrov.", "verbatim"),
])
def test_a_capitalised_answer_after_a_verb_of_saying_names_no_speaker(quote, text, expected):
    """"Grazie", "Gracias", "Obrigado" with a capital after "ha detto" are what was (not) said, as
    "Sì" is (`_ANSWERS`), no speaker's name: "… ha detto Grazie" drops the "Nessun" of who said it."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… questa volta", "Nessun accordo questa volta.", "verbatim"),
    ("… esta vez", "Ningún acuerdo esta vez.", "verbatim"),
    ("… volta ha riconosciuto", "Nessun paese questa volta ha riconosciuto.", "altered"),
    ("… esta vez ha reconocido", "Ningún país esta vez ha reconocido la anexión.", "altered"),
    ("… desta vez", "Nenhum acordo desta vez.", "verbatim"),
    ("… desta vez reconheceu a anexação", "Nenhum país desta vez reconheceu a anexação.", "altered"),
    ("… volta le spalle all'Ucraina", "Nessun paese volta le spalle all'Ucraina.", "altered"),
])
def test_this_time_is_read_past_as_a_noun_of_time(quote, text, expected):
    """"questa volta", "esta vez" (this time) are read past as "questa settimana" is (`_TIMES`): a
    headline's phrase with no verb after them, the verb's denied subject before the one after them;
    "volta" alone is voltare's third person, the verb."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… land heeft de annexatie erkend", "Geen enkel land heeft de annexatie erkend."),
    ("… heeft de annexatie erkend", "Geen enkel land heeft de annexatie erkend."),
    ("… heeft de annexatie erkend", "Geen land in Europa heeft de annexatie erkend."),
    ("… heeft de annexatie erkend", "Niemand in Den Haag heeft de annexatie erkend."),
    ("… is bereikt", "Geen akkoord is bereikt."),
    ("… kan de oorlog winnen", "Geen enkele partij kan de oorlog winnen."),
    ("… zal de annexatie erkennen", "Geen enkel Europees land zal de annexatie erkennen."),
])
def test_a_dutch_denying_subject_before_its_auxiliary_is_left_out(quote, text):
    """Dutch's "geen" (and "geen enkel", not a single) and "niemand" deny the subject of the auxiliary
    after them with no other negation, as German's "kein" does (subjects.py `_SUBJECT_DENIERS`,
    `_dutch_subject`; "enkel" stands between, opening.py `_BETWEEN_BY_LANGUAGE`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… zei de woordvoerder", "Geen commentaar, zei de woordvoerder."),
    ("Geen commentaar, zei de woordvoerder", "Geen commentaar, zei de woordvoerder."),
    ("Geen idee", "Geen idee."),
    ("… in Brussel", "Geen akkoord in Brussel"),
    ("… tussen Rusland en Oekraïne", "Geen akkoord tussen Rusland en Oekraïne"),
    ("… heeft de regering de annexatie erkend", "Geen twee weken later heeft de regering de annexatie erkend."),
    ("… heeft de annexatie erkend",
     "Het is duidelijk dat geen land de sancties steunt en Rusland heeft de annexatie erkend."),
    ("Nooitgedacht heeft", "Nooitgedacht heeft gewonnen."),
])
def test_no_dutch_denying_subject_in_a_headline_a_report_or_another_clause(quote, text):
    """A verbless headline ("Geen akkoord in Brussel": Dutch's determiner is read before an auxiliary
    only, `_AUXILIARY_ONLY`), what a reporting clause reports after its comma, "not even two weeks later"
    (`_not_even`), the subject of another clause ("en Rusland heeft") and a name are no denial the
    quote drops."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… de annexatie erkend", "Niemand heeft de annexatie erkend."),
    ("… heeft de annexatie erkend", "Niemand heeft de annexatie erkend."),
    ("… heeft gereageerd", "Geen enkele minister heeft gereageerd."),
    ("… steun voor sancties", "Rutte: Geen steun voor sancties"),
    ("… gereageerd", "In Den Haag heeft niemand gereageerd."),
    ("… land heeft de annexatie erkend", "Rutte zei „Geen land heeft de annexatie erkend\"."),
    ("… de annexatie erkend", "Rutte zei 'Niemand heeft de annexatie erkend'."),
])
def test_dutch_niemand_before_its_auxiliary_and_a_capital_geen_opening_its_clause_deny(quote, text):
    """Dutch's "niemand" is read with Dutch's words between it and the quote's first word, its
    auxiliaries (opening.py `_NEGATION_LANGUAGES`): "… de annexatie erkend" asserts what nobody did; and
    "Geen" with a capital opening its sentence, its clause or a quotation after a verb of saying
    (subjects.py `_dutch_name`) is the determiner."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… heeft gereageerd", "Minister Geen heeft gereageerd."),
    ("… heeft de annexatie erkend", "Minister Geen heeft de annexatie erkend."),
    ("… de annexatie erkend", "Minister Geen heeft de annexatie erkend."),
    ("… heeft gereageerd", "De Geen heeft gereageerd."),
    ("… heeft gereageerd", "Van Geen heeft gereageerd."),
    ("… heeft het rapport geschreven", "Het geen heeft het rapport geschreven."),
])
def test_a_dutch_geen_with_a_capital_after_a_word_of_its_clause_is_a_name(quote, text):
    """Dutch writes its determiner "geen" in lower case but at a sentence's start: with a capital
    after a word of its clause it is a name (subjects.py `_dutch_name`), and the opening walk
    (opening.py) stops at it as `_dutch_subject` does; after an article it is no determiner either."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, expected", [
    ("… Country for Old Men has grossed millions.", "No Country for Old Men has grossed millions.", "verbatim"),
    ("… has grossed millions.", "No Country for Old Men has grossed millions.", "verbatim"),
    ("… Country for Old Men ganhou o Oscar.", "No Country for Old Men ganhou o Oscar.", "verbatim"),
    ("… Country has recognized the annexation.", "No Country has recognized the annexation.", "altered"),
    ("… Country Has Recognized the Annexation", "No Country Has Recognized the Annexation", "altered"),
    ("… Country of the European Union has recognized it.",
     "No Country of the European Union has recognized it.", "altered"),
    ("… country for old men has been found.", "No country for old men has been found.", "altered"),
    ("… President of France has visited.", "No President of France has visited.", "altered"),
    ("… Country in Europe has recognized the annexation.", "No Country in Europe has recognized the annexation.",
     "altered"),
    ("… Countries in Europe have recognized it.", "No Countries in Europe have recognized it.", "altered"),
    ("… Country in Europe Recognizes Annexation", "No Country in Europe Recognizes Annexation", "altered"),
])
def test_no_country_with_a_capital_and_a_titles_words_after_it_opens_a_title(quote, text, expected):
    """"Country", which running text writes in lower case, with a capital after "No" and a small word
    and two title's words at least after it, a word in lower case after those, opens a title
    (subjects.py `_country_title`: "No Country for Old Men"); not alone, before one word ("in Europe"),
    in the plural, in a headline in title case (its auxiliary with a capital, or its verb a title's
    word to its end), before an adjective of nationality or an institution's word, in lower case, nor
    an office's word ("President", which keeps its capital)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… recognized the annexation", "No country has recognized the annexation."),
    ("… formally recognized the annexation", "No country has formally recognized the annexation."),
    ("… consulted on the plan", "No country was consulted on the plan."),
    ("… been consulted on the plan", "No country has been consulted on the plan."),
    ("… recognize the annexation", "No country will recognize the annexation."),
    ("… held in slavery", "No one shall be held in slavery."),
    ("… recognized the annexation", "For Paris, no country has recognized the annexation."),
    ("… die Annexion anerkannt", "Kein Land hat die Annexion anerkannt."),
    ("… die Annexion anerkennen", "Kein Land will die Annexion anerkennen."),
    ("… die Annexion anerkannt", "Gestern hat kein Land die Annexion anerkannt."),
    ("… die Annexion offiziell anerkannt", "Bisher hat kein Land die Annexion offiziell anerkannt."),
    ("… de annexatie erkend", "Geen enkel land heeft de annexatie erkend."),
    ("… de annexatie erkend", "Niemand heeft ooit de annexatie erkend."),
    ("… de annexatie erkennen", "Niemand wil de annexatie erkennen."),
])
def test_an_opening_ellipsis_past_the_denied_subjects_auxiliary_hides_the_determiner(quote, text):
    """A quote that opens past the auxiliary ("has", "hat", "heeft"), at the verb it governs (English's
    participle or a modal's infinitive) or in a German or Dutch middle field that it quotes to the
    clause's closing participle or infinitive, asserts what no country did (opening.py
    `_subject_past_auxiliary`; "ooit" read past and "wil" after "niemand", the modal where the subject's
    verb stands, in the opening walk)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… recognized the annexation", "Many countries have recognized the annexation."),
    ("… the right to annex territory", "No country has the right to annex territory."),
    ("… ready to recognize the annexation", "No country is ready to recognize the annexation."),
    ("… recognized the annexation", "No more than ten countries have recognized the annexation."),
    ("… recognized the annexation", "Russia, which no country supports, has recognized the annexation."),
    ("… been reprinted many times", "No Logo has been reprinted many times."),
    ("… die Annexion", "Kein Land hat die Annexion anerkannt."),
    ("… Interesse an einem Krieg", "Kein Land hat Interesse an einem Krieg."),
    ("… die Annexion anerkannt", "Viele Länder haben die Annexion anerkannt."),
    ("… die Annexion anerkannt", "Keine zwei Wochen später hat die Regierung die Annexion anerkannt."),
    ("… de annexatie erkend", "Minister Geen heeft de annexatie erkend."),
    ("… de annexatie erkend", "Geen twee weken later heeft de regering de annexatie erkend."),
    ("… tot vrede", "Er is geen wil tot vrede in Moskou."),
    ("… hat der Kanzler bestätigt", "Dass keine Einigung erzielt wurde hat der Kanzler bestätigt."),
    ("… de annexatie erkend", "Niemand anders dan Rusland heeft de annexatie erkend."),
    ("… heeft de annexatie erkend", "Geen land behalve Rusland heeft de annexatie erkend."),
])
def test_past_an_auxiliary_a_subject_that_does_not_deny_or_a_noun_phrase_stays_faithful(quote, text):
    """Past the auxiliary, a subject with no denying determiner, one that is no subject ("No more
    than", a relative clause's, a title, a name, "not even two weeks later"), a noun or an adjective
    after the auxiliary as a verb ("has the right", "is ready"), or a German noun phrase quoted without
    its closing participle: nothing denied is dropped (`_subject_past_auxiliary`); "wil" after "geen" is
    the noun (the will); a quote that opens at a finite verb of its own is no middle field ("hat" after a
    subordinate clause's "wurde"), and Dutch's "dan", "behalve" name an exception (subjects.py `_EXCEPT`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, expected", [
    ("… Time to Die grossed $774 million.", "No Time to Die grossed $774 million.", "verbatim"),
    ("… Country for Old Men won four Oscars.", "No Country for Old Men won four Oscars.", "verbatim"),
    ("… Time to Die opened in London.", "No Time to Die opened in London.", "verbatim"),
    ("… Green voted for the bill.", "No Green voted for the bill.", "altered"),
    ("… Kremlin official recognized the annexation.", "No Kremlin official recognized the annexation.", "altered"),
    ("… Kremlin appointed governor attended the summit.", "No Kremlin appointed governor attended the summit.",
     "altered"),
])
def test_a_titles_verb_in_the_past_with_no_auxiliary_closes_the_title(quote, text, expected):
    """"No" and two title's words at least before a verb in the past with no auxiliary ("grossed",
    "won") and an article, a number or a preposition after it open a title, as before "has grossed"
    (subjects.py `_title_verb`); one capitalised word is a subject's noun as often ("No Green voted"),
    and an adjective in -ed before a noun is no verb."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… een escalatie van het conflict", "Niemand wil een escalatie van het conflict."),
    ("… oorlog met Rusland", "Niemand wil oorlog met Rusland, zei de minister."),
    ("… de annexatie", "Niemand wil de annexatie erkennen."),
    ("… eine Eskalation des Konflikts", "Kein Land will eine Eskalation des Konflikts."),
    ("… recognized the annexation", "Nobody knows why Belarus has recognized the annexation."),
    ("… die Annexion anerkannt", "Kein Land außer Russland hat die Annexion anerkannt."),
    ("… die Annexion anerkannt", "Keiner außer Russland hat die Annexion anerkannt."),
])
def test_past_an_auxiliary_a_verb_of_wanting_a_question_or_an_exception_denies_nothing_quoted(quote, text):
    """Dutch "wil" before a noun phrase is the verb "want", no modal of a closing infinitive (opening.py
    `_slot_modals_subject`), and German "will" no English modal (`_subject_past_auxiliary`); "why", "how"
    open the auxiliary's own clause, one they take as done (subjects.py `_OTHER_CLAUSE`), and "außer", folded to
    "ausser" as every key is, names an exception (`_EXCEPT`): nothing the quote asserts is denied."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… de annexatie erkennen", "Niemand wil de annexatie erkennen."),
    ("… Special Rapporteur visited the region.", "No Special Rapporteur visited the region."),
    ("… visited the region", "No Special Rapporteur has visited the region."),
    ("… Independent Expert visited the region.", "No Independent Expert visited the region."),
])
def test_an_offices_name_after_no_or_niemands_modal_to_its_infinitive_still_denies(quote, text):
    """"Niemand wil" to the closing infinitive drops who will not (`_slot_modals_subject`); a United
    Nations office written with capitals ("Special Rapporteur", "Independent Expert") opens no title
    before a verb in the past (subjects.py `_DENIAL_NOT_TITLE_WORDS`, `_title_verb`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… Interesse an neuen Verhandlungen", "Keine Seite hat Interesse an neuen Verhandlungen."),
    ("… Zugang zu den Gebieten", "Kein Beobachter hat Zugang zu den Gebieten."),
    ("… bezwaar tegen de verkiezingen", "Geen enkel land heeft bezwaar tegen de verkiezingen."),
    ("… de controle over de grenzen", "Geen land heeft de controle over de grenzen."),
])
def test_past_an_auxiliary_a_plural_noun_in_en_closes_no_german_or_dutch_clause(quote, text):
    """A German noun with its capital, or a Dutch one right after its article, shaped like an
    infinitive in -en, is the object of "hat" or "heeft" as a verb of its own (opening.py
    `_closes_with_verb`, `_NOUNS_ARTICLES`): the quote names what no one has, as "… Interesse an einem
    Krieg" does."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… recognized the annexation", "Not a single country has recognized the annexation."),
    ("… recognized the annexation", "Not one country has recognized the annexation."),
    ("… recognized the annexation", "None of the countries have recognized the annexation."),
    ("… construed as a waiver", "Nothing in this Agreement shall be construed as a waiver."),
    ("… be construed as a waiver", "Nothing herein shall be construed as a waiver."),
    ("… bound by the decision", "No party shall be bound by the decision."),
    ("… ever recognized the annexation", "No sovereign nation on earth has ever recognized the annexation."),
    ("… recognized the annexation", "No country has yet recognized the annexation."),
    ("… State recognized the annexation", "No Member State recognized the annexation."),
])
def test_none_nothing_not_a_single_and_a_name_opened_inside_deny_past_the_auxiliary(quote, text):
    """"None of", "Nothing in", "Not a single", "Not one" open the auxiliary's subject as "No country"
    does (subjects.py `_SUBJECT_DENIERS`, `_english_subject`); "bound" is a past participle
    (auxiliaries.py `_IRREGULAR_PARTICIPLES`), "ever", "yet" stand between the auxiliary and it (opening.py
    `_english_auxiliaries`); a quote that opens inside "Member State" before its verb drops "No" as one
    that opens at "Member" does (`_inside_name`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… be tolerated", "Such acts will no longer be tolerated."),
    ("… accept the annexation", "France can no longer accept the annexation."),
    ("… recognized the annexation", "At no time has the Council recognized the annexation."),
    ("… recognized the annexation", "In no way has the Council recognized the annexation."),
    ("… be tolerated", "Under no circumstances will such acts be tolerated."),
])
def test_no_longer_and_an_inverted_denying_adverbial_before_the_quote_are_hidden(quote, text):
    """"no longer" after an auxiliary denies its verb as "not" does (opening.py `_no_longer`), and "At no
    time has the Council" its verb past the subject put after the auxiliary (`_denying_adverbial`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… than five kilometres", "The border is no longer than five kilometres."),
    ("… doubt the outcome", "At no point did anyone doubt the outcome."),
    ("… recognized the annexation", "In no time had Belarus recognized the annexation."),
    ("… recognized the annexation", "None other than Russia has recognized the annexation."),
    ("… recognized the annexation",
     "Not only has the Council condemned the annexation, but it has recognized the annexation."),
    ("… recognized the annexation", "Nothing short of a miracle has recognized the annexation."),
])
def test_a_comparative_did_or_an_exception_hides_no_denial(quote, text):
    """"no longer than" compares (`_no_longer`); "did" after "At no point" is left unread
    (`_DO`), "in no time" is quickly; "None other than" names an exception, "Nothing short of" is no
    subject (`_PRONOUN_SUBJECT_GOES_ON`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… recognized the annexation", "No one believes Belarus has recognized the annexation."),
    ("… has complied", "Nobody thinks Russia has complied."),
    ("… recognized the annexation", "No country knows whether Belarus has recognized the annexation."),
    ("… will resume", "Nobody knows whether the talks will resume."),
    ("… were hurt", "No Reuters journalists were hurt."),
    ("… were aboard", "No Netherlands nationals were aboard."),
    ("… held in 2,000 cities", "No Kings rallies were held in 2,000 cities."),
    ("… will work", "Nobody thinks the plan will work."),
])
def test_what_no_one_believes_or_a_plural_name_denies_quoted_alone_is_asserted(quote, text):
    """A clause after a verb of thinking with no "that" is what the denying subject does not believe:
    quoted from its verb on, it asserts it ("… has complied": Russia has complied).  A name in the
    plural before a plural noun denies as "No Reuters journalists" does: "No Kings rallies" (the
    protests) shares its shape, and a denial missed is worse there than a name read as one."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… riconosciuto l'annessione", "Nessun paese ha riconosciuto l'annessione."),
    ("… riconosciuto l'annessione", "Nessun paese europeo ha mai riconosciuto l'annessione."),
    ("… reconocido la anexión", "Ningún país ha reconocido la anexión."),
    ("… reconhecido a anexação", "Nenhum país tem reconhecido a anexação."),
    ("… die Annexion anerkannt", "Bisher hat kein einziges Land die Annexion anerkannt."),
    ("… die Annexion anerkannt", "Heute hat keiner der Staaten die Annexion anerkannt."),
    ("… de annexatie erkend", "Vandaag heeft geen enkel land de annexatie erkend."),
    ("… de annexatie erkennen", "Geen land wil de annexatie erkennen."),
])
def test_past_a_romance_auxiliary_or_after_a_longer_inverted_subject_the_denial_is_hidden(quote, text):
    """The quote opening at the participle past "ha", "tem" drops "Nessun paese" (opening.py
    `_romance_participle`); a subject of three words after the auxiliary ("kein einziges Land", "keiner der
    Staaten", "geen enkel land") and "Geen land wil" to the closing infinitive are read (`_subject_ending`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… detto il ministro", "Nessun commento ha detto il ministro."),
    ("… riconosciuto l'annessione", "Nessun paese tranne la Russia ha riconosciuto l'annessione."),
    ("… de annexatie erkend", "Geen enkel land buiten Rusland heeft de annexatie erkend."),
    ("… de annexatie erkend", "Geen land, op Rusland na, heeft de annexatie erkend."),
    ("… de annexatie erkend", "Niemand, behalve Rusland, heeft de annexatie erkend."),
    ("… die Annexion anerkannt", "Kein Land, außer Russland, hat die Annexion anerkannt."),
    ("… dat Rusland de annexatie erkent", "Niemand wil dat Rusland de annexatie erkent."),
    ("… die Annexion", "Bisher hat kein einziges Land die Annexion anerkannt."),
])
def test_an_exception_in_an_aside_a_reporting_clause_or_a_clause_of_its_own_denies_nothing_quoted(quote, text):
    """An exception in an aside too ("op … na", "behalve", "außer": subjects.py `_excepted`) and "buiten"
    assert it of the exception; a reporting clause names who spoke (`_reports_speaker`); a quote that opens
    with "dat" quotes that clause's verb (opening.py `_subject_past_auxiliary`); a noun phrase with no
    closing verb names what none recognized."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… successo in Europa", "Nessun partito ha successo in Europa."),
    ("… mandato per negoziare", "Nessun paese ha mandato per negoziare a nome dell'Unione."),
    ("… sentido econômico", "Nenhuma proposta tem sentido econômico."),
    ("… mercado para o gás russo", "Nenhum país tem mercado para o gás russo."),
    ("… cuidado com a escalada", "Nenhum país tem cuidado com a escalada."),
])
def test_a_noun_spelled_as_a_participle_after_ha_or_tem_hides_no_denial(quote, text):
    """"ha", "tem" (have) take a noun spelled as a participle ("successo", "mandato", "sentido", "mercado":
    opening.py `_PARTICIPLE_SHAPED_NOUNS`): the quote names it, as "… il diritto" does, and asserts
    nothing "Nessun partito" denies (review R17)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… recognized the annexation", "Not one, but two, countries have recognized the annexation."),
    ("… recognized the annexation", "Not a single country, but several, have recognized the annexation."),
])
def test_not_one_but_two_in_an_aside_is_asserted(quote, text):
    """"but" after "Not one", in an aside the clause's words leave out too, names what did recognize
    (subjects.py `_EXCEPT`, `_excepted`): the quote asserts what the source does (review R17)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… recognized the annexation", "France has not, any more than Germany, recognized the annexation."),
    ("… recognize the annexation", "France did not, any more than Germany did, recognize the annexation."),
    ("… recognize the annexation", "France does not, besides, recognize the annexation."),
])
def test_a_verbs_not_before_than_or_besides_is_still_dropped(quote, text):
    """"than", "besides" after a verb's own "not" name no subject's exception (opening.py `_PLAIN_NOTS`):
    France recognizes nothing, and the quote opening past "not" drops it (review R17)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… country has recognized the annexation", "No European country has recognized the annexation."),
    ("… country has recognized the annexation", "No other country has recognized the annexation."),
    ("… troops were deployed", "No Russian troops were deployed."),
    ("… troops were deployed", "No foreign troops were deployed, the ministry said."),
    ("… sanctions were imposed", "No new sanctions were imposed."),
])
def test_a_quote_opening_at_the_noun_a_denying_no_qualifies_is_altered(quote, text):
    """"No" and the words that qualify the subject's noun ("European", "other", "foreign") cut by an
    opening ellipsis: the quote asserts what the subject denies (opening.py `_inside_name`, `_qualifier`)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… country has recognized the annexation", "No more than one European country has recognized the annexation."),
    ("… countries have recognized the annexation", "No, European countries have recognized the annexation."),
    ("… country has recognized the annexation",
     "No matter which European country has recognized the annexation, we will not."),
    ("… decision has been taken", "No final decision has been taken."),
])
def test_a_noun_past_a_number_an_answer_or_an_unlisted_word_is_not_read_so(quote, text):
    """Past a number ("No more than one"), an answer's comma, "No matter which", or a word no list holds
    ("final"), the quote asserts what is so or is not read: nothing is said."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… country has recognized it", "Russia annexed Crimea, but no European country has recognized it."),
    ("… country has recognized it", "Russia says no European country has recognized it."),
    ("… countries have signed", "Asked if Kyiv was isolated, she said no other countries have signed."),
    ("… State has recognized the annexation", "No other Member State has recognized the annexation."),
    ("… Member State has recognized the annexation", "No other Member State has recognized the annexation."),
])
def test_a_lower_case_no_or_a_name_past_its_qualifiers_is_altered(quote, text):
    """A "no" in lower case inside the sentence qualifies the noun as the "No" that opens it does, and a name
    past the words that qualify it is inside the subject too: the quote asserts what the subject denies
    (opening.py `_inside_name`; review R19)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… voters have said they will abstain", "Both Yes and No British voters have said they will abstain."),
    ("… campaigners were told to stop", "The Yes and No Scottish campaigners were told to stop."),
    ("… Land has been screened", "The film No Other Land has been screened in Israel."),
])
def test_the_side_of_a_vote_or_a_title_is_no_denying_no(quote, text):
    """After "yes and" the "No" names a side of the vote (`_after_yes`), inside a title it is a word of the
    title: neither denies the noun after it (opening.py `_inside_name`; review R19)."""
    judged(quote, text, "verbatim")
