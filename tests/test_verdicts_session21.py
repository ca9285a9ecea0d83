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
    ("Wir tun das", "Wir tun das nicht, um Russland zu schaden."),
    ("Die Bundesregierung unterstützt die Ukraine",
     "Die Bundesregierung unterstützt die Ukraine nicht, um Russland zu schaden."),
    ("Deutschland liefert Waffen", "Deutschland liefert Waffen nicht, um den Krieg zu verlängern."),
    ("Wir verhängen die Sanktionen", "Wir verhängen die Sanktionen nicht, um die Bevölkerung zu bestrafen."),
    ("Die EU tut das", "Die EU tut das nicht, um jemanden zu provozieren."),
    ("Wir sagen das", "Wir sagen das nicht , um zu drohen."),
])
def test_a_negated_purpose_denies_no_act(quote, text):
    """S20 R2 L5: the comma after "nicht" closed the clause, and the purpose's negation was read
    as the act's."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen nicht an, um Russland zu warnen."),
    ("Wir tun das", "Wir tun das nicht."),
    ("Wir tun das", "Wir tun das nicht, sagte der Minister."),
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
    ("… es claro", "El no es claro."),
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
