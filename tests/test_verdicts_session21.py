"""Session 21, helper V: the false alarms and misses the session 19 and 20 reviews left
(/tmp/s19/r2/report.md, /tmp/s20/r1/report.md, /tmp/s20/r2/report.md).  False alarms: "the
political will not …", German "nicht, um … zu", a quoted or named "no", "Art. 5 à 40 %", "plus ou
moins".  Misses: "Aucun …" with a relative clause or a comma aside before its "n'", and German
quotes of a name and a verb ("Putin lügt" for "Putin lügt nicht.")."""

from __future__ import annotations

import pytest

from tests.judging import judged

# --- 1. "will" the noun after an adjective ---------------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("This reflects the political will", "This reflects the political will not of one State but of all Member States."),
    ("It expresses the popular will", "It expresses the popular will not of a party but of the nation."),
    ("We respect the sovereign will", "We respect the sovereign will not of governments but of peoples."),
    ("They followed their own will", "They followed their own will not that of Moscow."),
    ("This is the collective will", "This is the collective will not of one member but of all."),
    ("It reflects the democratic will", "It reflects the democratic will not of the elites but of the voters."),
    ("We heard the clear will", "We heard the clear will not of a few but of millions."),
])
def test_will_after_an_article_and_an_adjective_is_the_noun(quote, text):
    """S19 R2 H2 (r2 10): "political" between "the" and "will" hid the article, and "will" was
    read as the modal its "not" denies."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("This reflects the political will …", "This reflects the political will not of one State but of all Member States."),
    ("This reflects the will …", "This reflects the will not of one State but of all Member States."),
    ("We will assess the humanitarian needs …", "We will assess the humanitarian needs not yet covered by the appeal."),
])
def test_a_closing_ellipsis_after_a_modals_noun_hides_no_negation(quote, text):
    """The same nouns before a closing ellipsis: "not of one State" denies no verb the quote holds,
    as with the silent cut (`_noun_before_not`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("The government will …", "The government will not accept the result."),
    ("We will …", "We will not accept it."),
    ("The government will", "The government will not accept the result."),
    ("Our partners will", "Our partners will never accept it."),
    ("The political leadership will", "The political leadership will not give in."),
    ("The Council will", "The Council will not recognize the elections."),
    ("Political parties will", "Political parties will not be allowed to campaign."),
])
def test_a_subject_before_will_keeps_the_cut_negation(quote, text):
    judged(quote, text, "altered")


# --- 2. German "nicht, um … zu": a negated purpose ---------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("Wir tun das", "Wir tun das nicht, um Russland zu schaden, sondern um die Ukraine zu schützen."),
    ("Die Bundesregierung unterstützt die Ukraine",
     "Die Bundesregierung unterstützt die Ukraine nicht, um Russland zu schaden, sondern um das Völkerrecht zu verteidigen."),
    ("Deutschland liefert Waffen", "Deutschland liefert Waffen nicht, um den Krieg zu verlängern, sondern um ihn zu beenden."),
    ("Wir sagen das", "Wir sagen das nicht , um zu drohen, sondern um zu warnen."),
    ("Wir tun das", "Wir tun das nicht nur, um Russland zu schaden."),
])
def test_a_negated_purpose_denies_no_act(quote, text):
    """S20 R2 L5: the comma after "nicht" closed the clause, and the purpose's negation was read
    as the act's.  Only where the sentence shows it, "nicht, um …, sondern um" (S21 R1 M1)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen nicht an, um Russland zu warnen."),
    ("Wir tun das", "Wir tun das nicht."),
    ("Wir tun das", "Wir tun das nicht, sagte der Minister."),
    # S21 R1 M1: without "sondern", "nicht, um … zu" as often denies the act and gives its reason
    ("Scholz liefert die Taurus", "Scholz liefert die Taurus nicht, um eine Eskalation zu vermeiden."),
    ("Die EZB senkt die Zinsen", "Die EZB senkt die Zinsen nicht, um die Inflation zu bremsen."),
    ("Israel öffnet die Grenze", "Israel öffnet die Grenze nicht, um die Hamas unter Druck zu setzen."),
    ("Die Bank zahlt die Zinsen", "Die Bank zahlt die Zinsen nicht, um ihre Liquidität zu sichern."),
    ("Der Rat tagt heute", "Der Rat tagt heute nicht, um 10 Uhr beginnt die Sitzung …"),
    ("Wir verhängen die Sanktionen", "Wir verhängen die Sanktionen nicht, um die Bevölkerung zu bestrafen."),
    ("Die EU tut das", "Die EU tut das nicht, um jemanden zu provozieren."),
    ("Die Bundesregierung hat die Wahlen", "Die Bundesregierung hat die Wahlen nicht anerkannt, um zu warnen."),
])
def test_a_negation_of_the_act_before_a_purpose_is_still_cut(quote, text):
    verdict = judged(quote, text, "altered")
    assert "nicht" in verdict.reason


# --- 3. a "no" named or quoted; "Art. 5"; "plus ou moins" ---------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("… ha detto il ministro", "«No» ha detto il ministro."),
    ("… a répondu le ministre", "« Non » a répondu le ministre."),
    ("… dijo el presidente", "“No” dijo el presidente."),
    ("… ont voté contre", "Les partisans du non ont voté contre."),
    ("… ha votato compatto", "Il fronte del no ha votato compatto."),
    ("… ha vinto il referendum", "Il no ha vinto il referendum."),
    ("… l'a emporté", "Le non l'a emporté au référendum."),
    ("… votaram contra", "Os partidários do não votaram contra."),
])
def test_a_no_quoted_or_after_an_article_is_a_noun(quote, text):
    """S19 R2 (x5.py): "No" as the word said, or the side of a vote, denies no verb after it."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha votato la legge", "Il Parlamento non ha votato la legge."),
    ("… es claro", "El resultado no es claro."),
    ("… es claro", "El no es claro."),  # S21 R1 M2: "El" before a verb is "Él" unaccented, when in doubt a negation
    ("… harm", "We will do no harm."),
    ("… ha detto nulla", "Il ministro non ha detto nulla."),
    ("… a voté la loi", "Le Parlement n'a pas voté la loi."),
    ("… votaram contra", "Os deputados não votaram contra."),
])
def test_a_negation_before_the_verb_is_still_hidden(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Art. 5", "Art. 5 à 40 %"),
    ("Art. 12", "Art. 12 bis 40 %"),
    ("Nr. 3", "Nr. 3 - 10 %"),
])
def test_an_abbreviated_articles_number_is_no_range_end(quote, text):
    """S19 R2 (r2 334): the stop of "Art." hid the word that names the number."""
    judged(quote, text, "verbatim")


def test_a_range_still_gives_its_first_number_the_unit():
    judged("de 5", "de 5 à 40 %", "altered")


def test_plus_ou_moins_is_no_partner_of_ne():
    """S20 R1 (pairs1): "Ce n'est" for "Ce n'est plus ou moins qu'une formalité" (more or less only
    a formality) was altered "plus → ∅"."""
    judged("Ce n'est", "Ce n'est plus ou moins qu'une formalité.", "verbatim")
    judged("Ce n'est", "Ce n'est plus une formalité.", "altered")


# --- 4. "Aucun …" with a relative clause or a comma aside before its "n'" ------------------------

@pytest.mark.parametrize("quote, text", [
    ("… a voté contre", "Aucun député qui siège à Paris n'a voté contre."),
    ("… reconnu les élections", "Aucun État qui a participé aux négociations n'a reconnu les élections."),
    ("… a voté contre", "Aucun des députés que nous avons rencontrés n'a voté contre."),
    ("… reconnu les élections", "Aucun État membre, pas même la Hongrie, n'a reconnu les élections."),
    ("… signé l'accord", "Aucun pays qui dépend du gaz russe n'a signé l'accord."),
    ("… a accepté", "Aucune délégation, à notre connaissance, n'a accepté."),
    ("… a été informé", "Nul ministre qui siège au Conseil n'a été informé."),
    ("… reconnu l'annexion", "Aucun des États que la Russie a sollicités n'a reconnu l'annexion."),
    ("… voté la résolution", "Aucun pays, ni au Nord ni au Sud, n'a voté la résolution."),
    ("… a protesté", "Aucune organisation dont nous avons reçu la lettre n'a protesté."),
])
def test_a_denying_subject_past_a_relative_clause_or_an_aside_is_hidden(quote, text):
    """S20 R1 and R2 M2: `_denying_subject` stopped at "qui", "que" and at the comma of an aside."""
    verdict = judged(quote, text, "altered")
    assert "n'" in verdict.reason and "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… reconnaisse la souveraineté de l'Ukraine.", "Il n'est aucun pays qui ne reconnaisse la souveraineté de l'Ukraine."),
    ("… cherche à diviser l'Europe", "Il ne fait aucun doute que la Russie ne cherche à diviser l'Europe."),
    ("… cherche à diviser l'Europe", "Nul doute que la Russie ne cherche à diviser l'Europe."),
    ("… soit trop tard", "Aucun doute que la Russie a peur qu'il ne soit trop tard."),
    ("… a voté contre", "Le député qui siège à Paris a voté contre."),
    ("… a voté contre", "Aucun problème : le député a voté contre."),
    ("… a reconnu les élections", "Aucun État ne le conteste, mais la Russie a reconnu les élections."),
    ("… a signé l'accord", "Sans aucun doute, le pays qui dépend du gaz a signé l'accord."),
])
def test_no_denying_subject_across_a_clause_of_its_own(quote, text):
    judged(quote, text, "verbatim")


# --- 5. a German quote of a name and a verb ----------------------------------------------------

@pytest.mark.parametrize("quote, text, shown", [
    ("Putin lügt", "Putin lügt nicht.", "nicht"),
    ("Kyjiw verhandelt", "Kyjiw verhandelt nicht.", "nicht"),
    ("Selenskyj verhandelt", "Selenskyj verhandelt nicht.", "nicht"),
    ("Scholz lehnt", "Scholz lehnt nicht ab.", "nicht ab"),
    ("Scholz lehnt", "Scholz lehnt das Angebot nicht ab.", "nicht ab"),
    ("Merz stimmt", "Merz stimmt dem Plan nicht zu.", "nicht zu"),
    ("Orbán gibt", "Orbán gibt seine Blockade nicht auf.", "nicht auf"),
    ("Die Regierung hält Neuwahlen", "Die Regierung hält Neuwahlen nicht für nötig.", "nicht für nötig"),
    ("Die Regierung erkennt", "Die Regierung erkennt die Wahlen nicht an.", "nicht an"),
    ("Berlin hält Verhandlungen", "Berlin hält Verhandlungen nicht für sinnvoll.", "nicht für sinnvoll"),
])
def test_a_german_quote_of_few_function_words_is_cut_before_its_nicht(quote, text, shown):
    """S20 R2 M4: with none of German's commonest words the quote was no German to the rule; the
    source's "nicht" (German's alone) is the evidence now, and "hält … für nötig" and a particle
    after the object ("lehnt das Angebot nicht ab") end the verb."""
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text", [
    # other languages' negations: the rule never reaches them
    ("Rutte liegt", "Rutte liegt niet."),
    ("Rutte stemt", "Rutte stemt niet in."),
    ("Kristersson röstar", "Kristersson röstar inte."),
    ("Kaczyński kłamie", "Kaczyński kłamie nie."),
    ("Premier głosuje", "Premier głosuje nie raz."),
    ("Sánchez miente", "Sánchez miente no."),
    ("Meloni vota", "Meloni vota no."),
    ("Macron ment", "Macron ment pas."),
    ("Ursula von der Leyen met the minister", "Ursula von der Leyen met the minister nicht."),
    # German that says how, when or more, or goes on
    ("Putin lügt", "Putin lügt nicht nur, er droht auch."),
    ("Scholz spricht", "Scholz spricht nicht öffentlich darüber."),
    ("Scholz zahlt", "Scholz zahlt das Geld nicht sofort."),
    ("Scholz reist", "Scholz reist nicht allein."),
    ("Scholz lehnt", "Scholz lehnt das Angebot ab, nicht aber den Plan."),
    ("Kiew verhandelt.", "Kiew verhandelt nicht, hieß es. Später: Kiew verhandelt."),
])
def test_no_german_cut_where_the_source_denies_nothing_of_the_quote_or_is_no_german(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, clean", [
    ("Scholz lehnt", "Scholz lehnt das Angebot nicht ab. Später: Scholz lehnt das Angebot ab.", "Scholz lehnt das Angebot ab."),
    ("Putin lügt", "Putin lügt nicht. Später: Putin lügt.", "Putin lügt."),
])
def test_of_two_copies_the_one_the_new_german_cuts_spare_is_taken(quote, text, clean):
    """The aligner weighs the new cuts as the verdict reads them (`_quote_clause` for both, and
    `_may_cut_before_negation` sees the "nicht" after an object): the clean copy is judged."""
    verdict = judged(quote, text, "verbatim")
    assert verdict.alignment.start == text.index(clean)


# --- 6. Session 21 review (/tmp/s21/r1/report.md): the new rules' false alarms and misses -------

@pytest.mark.parametrize("quote, text", [
    ("Die Ukraine kämpft", "Die Ukraine kämpft und gibt nicht auf."),
    ("Kiew kämpft", "Kiew kämpft und gibt nicht auf."),
    ("Israel verhandelt", "Israel verhandelt und gibt nicht nach."),
    ("Russland droht", "Russland droht und lenkt nicht ein."),
    ("Die Kommission prüft", "Die Kommission prüft den Antrag und stimmt nicht zu."),
    ("Der Minister schweigt", "Der Minister schweigt und tritt nicht zurück."),
    ("Der Kanzler schweigt", "Der Kanzler schweigt oder weicht nicht aus."),
    ("Putin lügt", "Putin lügt und gibt es nicht zu."),
    ("Die Opposition protestiert", "Die Opposition protestiert und die Regierung lenkt nicht ein."),
    ("Die Ukraine ist bereit", "Die Ukraine ist bereit und Russland lenkt nicht ein."),
    ("Kiew ist gesprächsbereit", "Kiew ist gesprächsbereit und Moskau lenkt nicht ein."),
    ("Sie arbeitet hart", "Sie arbeitet hart und gibt nicht auf."),
    ("Der Plan ist gescheitert", "Der Plan ist gescheitert und kommt nicht zurück."),
    ("Die Regierung prüft den Antrag", "Die Regierung prüft den Antrag, lehnt ihn aber nicht ab."),
])
def test_a_nicht_past_und_or_a_second_verb_is_not_the_quotes(quote, text):
    """S21 R1 H1: `_particle_after_object` read past "und"/"oder" into a second verb's "nicht …
    auf", and took adjectives ending in -t ("bereit", "hart", "gescheitert") for the finite verb."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, shown", [
    ("Scholz lehnt", "Scholz lehnt das Angebot nicht ab.", "nicht ab"),
    ("Die Bundesregierung lehnt", "Die Bundesregierung lehnt den Vorschlag nicht ab.", "nicht ab"),
    ("Die Regierung lehnt", "Die Regierung lehnt den Plan bisher nicht ab.", "nicht ab"),
    ("Merz stimmt", "Merz stimmt dem Plan nicht zu.", "nicht zu"),
])
def test_a_particle_after_the_object_in_the_quotes_own_clause_is_still_cut(quote, text, shown):
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”" in verdict.reason, verdict.reason


def test_a_nicht_in_capitals_after_the_object_spares_the_clean_copy():
    """S21 R1 L1: the cheap `_may_cut_before_negation` looked for a lower-case "nicht" only, so
    the copy cut before "NICHT ab" was taken for clean and reported."""
    text = "Scholz lehnt das Angebot NICHT ab. Später: Scholz lehnt das Angebot ab."
    verdict = judged("Scholz lehnt", text, "verbatim")
    assert verdict.alignment.start == text.index("Scholz lehnt das Angebot ab.")


@pytest.mark.parametrize("quote, text", [
    ("Russland wählt", "Russland wählt seit Jahren nicht frei."),
    ("Die Wahl verläuft", "Die Wahl verläuft in Russland nicht frei."),
    ("Die Presse berichtet", "Die Presse berichtet in Russland nicht frei."),
    ("Der Rat tagt", "Der Rat tagt heute nicht zusammen."),
])
def test_frei_and_zusammen_after_an_object_are_adverbs(quote, text):
    """S21 R1 L3: "nicht frei", "nicht zusammen" a few words on say how, not a particle's verb."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… reconnaisse l'Ukraine", "Il n'y a aucun pays qui aujourd'hui ne reconnaisse l'Ukraine."),
    ("… soutienne l'Ukraine", "Il n'existe aucun État membre qui désormais ne soutienne l'Ukraine."),
    ("… soutienne l'Ukraine", "Il n'existe aucun État qui en Europe ne soutienne l'Ukraine."),
    ("… soutienne l'Ukraine", "Je ne connais aucun pays qui en Europe ne soutienne l'Ukraine."),
])
def test_aucun_as_the_object_of_a_negated_verb_is_no_subject_of_the_later_ne(quote, text):
    """S21 R1 H2: "n'y a aucun pays qui … ne reconnaisse" (every country does): the "aucun" is the
    existential's object, and the relative clause's "ne" was read as its subject's."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… reconnu les élections", "Aucun État membre, pas même la Hongrie, n'a reconnu les élections."),
    ("… a voté contre", "Aucun député qui siège à Paris n'a voté contre."),
    ("… a reconnu l'annexion", "Pour l'instant, aucun pays qui siège à l'ONU n'a reconnu l'annexion."),
])
def test_aucun_opening_the_subject_still_denies(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… reconocer las elecciones", "Al no reconocer las elecciones, el Gobierno se aisló."),
    ("… reconocer los resultados", "El Gobierno, al no reconocer los resultados, se aisló."),
    ("… puede aceptar eso", "Uno no puede aceptar eso."),
    ("… aver firmato l'accordo è grave", "Il non aver firmato l'accordo è grave."),
    ("… rispettare gli accordi", "È responsabile dal non rispettare gli accordi."),
    ("… aver firmato", "Lo accusano del non aver firmato."),
    ("… ha reconocido las elecciones", "El no ha reconocido las elecciones."),
    ("… ha reconocido las elecciones", "Él no ha reconocido las elecciones."),
    ("… riconosce le elezioni", "L'UE «non» riconosce le elezioni."),
    ("… reconoce las elecciones", "La UE \"no\" reconoce las elecciones."),
])
def test_a_no_before_an_infinitive_or_a_verb_is_a_negation(quote, text):
    """S21 R1 M2: `_named_no` took "no"/"non" after "al", "il", "del", "dal", "uno", "El" or in
    scare quotes for a noun even with a verb after it."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("We need …", "We need not accept this."),
    ("You need …", "You need not worry about that."),
    ("Member States need …", "Member States need not comply with the ruling."),
])
def test_need_after_its_subject_is_the_modal_at_a_closing_ellipsis(quote, text):
    """S21 R1 M3: `_noun_before_not` took every "need" for the noun."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Die Waffenruhe hält", "Die Waffenruhe hält nicht für immer."),
    ("Die Koalition hält", "Die Koalition hält nicht für immer."),
    ("Die Brücke hält", "Die Brücke hält nicht für ewig."),
    ("Der Frieden hält", "Der Frieden hält nicht für lange."),
    ("Die Regierung hält Wort und zahlt", "Die Regierung hält Wort und zahlt nicht für andere."),
])
def test_haelt_nicht_fuer_a_time_or_after_another_verb_is_no_judgement(quote, text):
    """S21 R1 M4: "für" and any lower-case word, after a "hält" anywhere in the clause, was taken
    for "hält … nicht für nötig"."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("The Sovereign will", "The Sovereign will not open Parliament this year."),
    ("The collective will", "The collective will not exhibit in Moscow."),
    ("The express will", "The express will not stop at Newark."),
    ("Our own will", "Our own will not be left behind."),
    ("The free will", "The free will not be detained."),
])
def test_a_noun_before_will_keeps_the_modal(quote, text):
    """S21 R1 L2: adjectives that are nouns too ("the Sovereign", "the express") made the modal
    "will" after them a noun; they do only where no verb follows its "not"."""
    judged(quote, text, "altered")


# --- 7. Session 21 second review (/tmp/s21/r2/report.md): helper V3's mends ---------------------

@pytest.mark.parametrize("quote, text", [
    ("the State party need …", "The Committee considers that the State party need not take further measures."),
    ("the author need …", "The Committee considers that the author need not exhaust remedies."),
    ("the applicant need …", "Accordingly, the applicant need not exhaust domestic remedies."),
    ("the court need …", "the court need not decide the question"),
    ("the government need …", "the government need not act"),
    ("a person need …", "a person need not be present"),
    ("the public need …", "the public need not worry"),
    ("the defendant need …", "the defendant need not testify"),
])
def test_need_after_a_plain_noun_is_the_modal_at_a_closing_ellipsis(quote, text):
    """S21 R2 M1: `_need_noun` took "need" after any lower-case singular noun for the noun, and
    "the State party need not take …", the commonest treaty-body use of the modal, hid its "not"."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("We will assess the humanitarian needs …", "We will assess the humanitarian needs not yet covered by the appeal."),
    ("the humanitarian need …", "the humanitarian need not yet met"),
    ("the urgent need …", "It stresses the urgent need not to escalate."),
    ("the dire need …", "It stresses the dire need not to escalate."),
    ("the financing need …", "the financing need not yet covered"),
    ("… the Organization's need …", "It recognizes the Organization's need not to duplicate work."),
    ("… States' need …", "It stresses States' need not to be overburdened."),
])
def test_need_after_a_determiner_a_possessive_or_an_adjective_is_the_noun(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Rien ne change et aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Personne ne bouge et aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Rien ne bouge mais aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Rien ne presse car aucun État n'a reconnu l'annexion."),
    ("… a signé", "Rien ne presse puisque aucun État n'a signé."),
    ("… a reconnu le résultat", "Rien ne dit si aucun parti n'a reconnu le résultat."),
    ("… a réagi", "Personne ne bouge quand aucun pays n'a réagi."),
    ("… ont reconnu l'annexion", "Rien ne change et aucun des pays n'ont reconnu l'annexion."),
    ("… a reconnu l'annexion", "Ne l'oublions pas aucun pays n'a reconnu l'annexion."),
])
def test_aucun_after_a_word_that_joins_a_clause_opens_its_subject(quote, text):
    """S21 R2 M2: `_negated_verbs_object` walked back past "et", "mais", "car" … (and "pas", whose
    "ne" has its partner) to the previous clause's "ne" and took "aucun" for its verb's object."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Die EZB senkt die Zinsen", "Die EZB senkt die Zinsen nicht, um die Inflation zu bremsen, sondern hält sie stabil."),
    ("Scholz liefert die Taurus", "Scholz liefert die Taurus nicht, um eine Eskalation zu vermeiden, sondern setzt auf Diplomatie."),
    ("Scholz liefert die Taurus", "Scholz liefert die Taurus nicht, um eine Eskalation zu vermeiden, die Russland "
                                  "provozieren könnte, sondern setzt auf Diplomatie."),
    ("Die Regierung handelt", "Die Regierung handelt nicht, um Zeit zu gewinnen, sondern wartet ab."),
    ("Der Rat tagt heute", "Der Rat tagt heute nicht, um 10 Uhr wie geplant, sondern erst morgen."),
])
def test_a_purpose_with_sondern_and_another_act_denies_the_act(quote, text):
    """S21 R2 M3: `_GERMAN_PURPOSE` took any ", sondern" after ", um … ," for a purpose set
    against a purpose; only "sondern um / damit / weil" is one."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Wir tun das", "Wir tun das nicht, um Russland zu schaden, sondern damit die Ukraine überlebt."),
    ("Wir tun das", "Wir tun das nicht, um Russland zu schaden, sondern weil es richtig ist."),
])
def test_a_purpose_set_against_another_purpose_or_reason_denies_no_act(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… fare nulla è un errore", "Il non fare nulla è un errore."),
    ("… dire la verità è grave", "Il non dire la verità è grave."),
    ("… dare risposte è grave", "Il non dare risposte è grave."),
    ("… farlo sarebbe un errore", "Il non farlo sarebbe un errore."),
    ("… dirlo è grave", "Il non dirlo è grave."),
    ("… far nulla è grave", "Il non far nulla è grave."),
    ("… intervento è una scelta", "Il non intervento è una scelta."),
    ("… ter maioria no Parlamento", "Ao não ter maioria no Parlamento, o Governo caiu."),
    ("… pôr fim à guerra", "Ao não pôr fim à guerra, a ONU falhou."),
    ("… tê-lo feito, falhou", "Ao não tê-lo feito, falhou."),
    ("… reír, se notó", "Al no reír, se notó."),
])
def test_a_no_before_a_short_infinitive_is_a_negation(quote, text):
    """S21 R2 M4: `_INFINITIVE_AFTER_NO` needed two letters before -are/-er/-ir, so "fare", "dire",
    "ter", "pôr" were read as nouns after "il non", "ao não"; and Italian's noun is "il no", never
    "il non" (R2 L4)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… ganó el referéndum con el 61% de los votos", "En Grecia, el no ganó el referéndum con el 61% de los votos."),
    ("… se impuso con el 61%", "En el referéndum griego, el no se impuso con el 61%."),
    ("… se impuso", "Finalmente, el no se impuso."),
    ("… venció en el plebiscito", "En Colombia el no venció en el plebiscito."),
    ("… sigue adelante", "La campaña por el no sigue adelante."),
    ("… ganó en 2016", "El «no» ganó en 2016."),
])
def test_a_lower_case_el_no_is_the_no_side(quote, text):
    """S21 R2 E1 (older than session 21): "el no" before a verb was read as "Él no", though the
    pronoun keeps its accent in lower case; only a capital "El" opening a sentence may be it."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha reconocido las elecciones", "El no ha reconocido las elecciones."),
    ("… quiere negociar", "Lo dijo. El no quiere negociar."),
    ("… reconoce las elecciones", "EL NO RECONOCE LAS ELECCIONES"),
])
def test_a_capital_el_opening_a_sentence_may_be_the_pronoun(quote, text):
    judged(quote, text, "altered")


def test_the_cut_gate_reads_no_nicht_past_the_clause_of_the_cut():
    """S21 R2 L1: the next sentence's "nicht zu" within 80 characters sent every copy of a German
    quote on a 300 KB page to be tokenized (`_may_cut_before_negation`); the gate now ends where
    `_particle_after_object` would stop, and still sees a "nicht" past a number's point."""
    from crawler.verdicts import _may_cut_before_negation

    text = "Die Koalition streitet seit Wochen. Die Union stimmt dem Haushalt nicht zu."
    assert not _may_cut_before_negation(text, len("Die Koalition streitet"))
    assert _may_cut_before_negation("Die Regierung lehnt die 5.000 Anträge nicht ab.", len("Die Regierung lehnt"))
    text = "Die Koalition lehnt den Haushalt nicht ab. Die Union stimmt nicht zu."
    assert _may_cut_before_negation(text, len("Die Koalition lehnt"))
    judged("Die Koalition lehnt", text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("Der Damm hält dem Druck", "Der Damm hält dem Druck nicht für lang.", "verbatim"),
    ("This reflects the collective will", "This reflects the collective will not to recognize the annexion.", "verbatim"),
    ("… the common will", "This reflects the common will not to recognize the annexation.", "verbatim"),
])
def test_lang_is_no_judgement_and_will_not_to_is_the_noun(quote, text, expected):
    """S21 R2 L3 and L5: "nicht für lang" says for how long (`_NOT_JUDGED`); "will not to …" is
    never the modal (`_WILL_NOUN_AFTER`)."""
    judged(quote, text, expected)
