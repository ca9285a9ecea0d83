"""Session 22, helper V: the false alarms, misses and slow pages session 21's reviews left
(/tmp/s21/r1/report.md, /tmp/s21/r2/report.md E1, L1-L5).  Speed: German copies whose "nicht" +
particle lies past a coordinator.  False alarms: "the people's will not of …" (a possessive before
"will").  Misses: the silent "We need" for "We need not accept", "qu'aucun … ne" (one word),
Portuguese "O não ter …", French "le non respect" (the hyphen left out), German adverbs and
prepositions in -t ("konkret", "vorerst", "laut") and a number with a thousands stop ("die 5.000
Anträge") before "nicht ab"."""

from __future__ import annotations

import pytest

from crawler import verdicts
from crawler.align import tokenize
from tests.judging import judged

# --- 1. speed: a coordinator before "nicht" + particle (R2 L1) -------------------------------------


@pytest.mark.parametrize("text, quote", [
    ("Die Opposition kämpft 7 und gibt nicht auf.", "Die Opposition kämpft 7"),
    ("Die Regierung prüft den Antrag 3 genau und lehnt ihn nicht ab.", "Die Regierung prüft"),
    ("Kiew kämpft oder gibt nicht auf.", "Kiew kämpft"),
    ("Der Minister schweigt UND tritt nicht zurück.", "Der Minister schweigt"),
])
def test_a_copy_whose_nicht_follows_a_coordinator_is_cleared_untokenized(text, quote):
    """R2 L1: on a page of "kämpft {i} und gibt nicht auf." every copy passed the cheap reading
    (`_may_cut_before_negation`) and was tokenized, only for `_particle_after_object` to stop at
    "und".  The cheap reading now stops there too, and agrees with the full check."""
    end = len(quote)
    clause = verdicts._quote_clause(tokenize(quote, 0, end), text)
    assert not verdicts._cuts_before_negation(text, end, clause)
    assert not verdicts._may_cut_before_negation(text, end)


@pytest.mark.parametrize("quote, text", [
    ("Die Opposition kämpft", "Die Opposition kämpft und gibt nicht auf."),
    ("Die Regierung prüft", "Die Regierung prüft den Antrag genau und lehnt ihn nicht ab."),
])
def test_a_coordinator_still_keeps_the_cut_verbatim(quote, text):
    """The same pairs judged whole: the "nicht" is the second verb's."""
    judged(quote, text, "verbatim")


def test_a_page_of_copies_after_a_coordinator_keeps_its_verdict():
    """A page repeating "Die Opposition kämpft {i} und gibt nicht auf." and "Scholz lehnt das
    Angebot {i} nicht ab.": the first quote holds, the second is cut before its "nicht ab"."""
    page = " ".join(f"Die Opposition kämpft {i} und gibt nicht auf. Scholz lehnt das Angebot {i} nicht ab."
                    for i in range(300))
    judged("Die Opposition kämpft", page, "verbatim")
    judged("Scholz lehnt", page, "altered")


# --- 2. "will" the noun after a possessive (R2 L5) --------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("This reflects the people's will", "This reflects the people's will not of one party but of all."),
    ("This reflects the international community's will",
     "This reflects the international community's will not to recognize the annexion."),
    ("… the people's will", "It reflects the people's will not of one party."),
    ("It expresses the nation's will", "It expresses the nation's will not to surrender."),
    ("We respect the voters' will", "We respect the voters' will not to join the alliance."),
    ("It follows the Council's will", "It follows the Council's will not that of one member."),
    ("This shows Ukraine's will", "This shows Ukraine's will not to give up its territory."),
    ("It reflects the people's political will", "It reflects the people's political will not of one State but of all."),
    ("It is the majority's will", "It is the majority's will not a minority's whim."),
    ("This reflects the Assembly's will", "This reflects the Assembly's will not to recognize the annexation."),
])
def test_will_after_a_possessive_is_the_noun(quote, text):
    """R2 L5, R1 M5: "the people's will not of one party" names a will; the possessive stands for
    the article `_will_noun` looked for."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("adjective", ["collective", "common", "sovereign"])
def test_will_not_to_after_an_adjective_stays_verbatim(adjective):
    """R2 L5's "the collective will not to recognize": verbatim since session 21's last mend
    ("to" in `_WILL_NOUN_AFTER`); pinned here with its possessive neighbours."""
    judged(f"This reflects the {adjective} will",
           f"This reflects the {adjective} will not to recognize the annexion.", "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Ours is better. Russia's will", "Ours is better. Russia's will not work."),
    ("Their plan failed, and ours will", "Their plan failed, and ours will not succeed either."),
    ("The government will", "The government will not recognize the annexation."),
    ("The people will", "The people will not accept this."),
    ("The Sovereign will", "The Sovereign will not open Parliament this year."),
    ("Our own will", "Our own will not be left behind."),
    ("Kyiv's plan is ready; Moscow's will", "Kyiv's plan is ready; Moscow's will not be."),
    ("The EU's plan works and China's will", "The EU's plan works and China's will not work."),
])
def test_will_after_a_possessive_before_a_verb_is_the_modal(quote, text):
    """A possessive standing for its noun ("Russia's [plan] will not work"), and subjects: the
    modal, whose "not" the quote cuts."""
    judged(quote, text, "altered")


# --- 3a. the modal "need" cut silently (R2 L5, R1 M3) -----------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("We need", "We need not accept this."),
    ("You need", "You need not worry about that."),
    ("They need", "They need not apply again."),
    ("Member States need", "Member States need not comply with the ruling."),
    ("The Committee considers that the State party need",
     "The Committee considers that the State party need not take further measures."),
    ("Accordingly, the applicant need", "Accordingly, the applicant need not exhaust domestic remedies."),
    ("the court need", "the court need not decide the question"),
    ("One need", "One need not agree with Moscow to see this."),
    ("What we need", "What we need not do is panic."),
])
def test_a_silent_cut_after_the_modal_need_is_caught(quote, text):
    """R2 L5: "need" was never weighed as the modal when a quote ended on it (`_NOUN_MODALS`
    made every "need" a noun); a pronoun or a plain noun before it is its subject."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("the need", "We stress the need not to escalate."),
    ("the urgent need", "the urgent need not yet met"),
    ("Urgent need", "Urgent need not yet met by donors."),
    ("those in need", "Aid reaches those in need not covered by the scheme."),
    ("The humanitarian needs", "The humanitarian needs not yet met are vast."),
    ("Humanitarian needs", "Humanitarian needs not covered by the appeal remain vast."),
    ("It recognizes the Organization's need", "It recognizes the Organization's need not to duplicate work."),
    ("… unmet need", "They assess unmet need not covered by the appeal."),
    ("They fund any need", "They fund any need not covered by the State."),
    ("We respond to their needs", "We respond to their needs not to our own."),
    ("The Member States' needs", "The Member States' needs not met by the budget remain."),
    ("Energy needs", "Energy needs not met by imports will grow."),
    ("Food needs", "Food needs not covered by the appeal remain large."),
])
def test_need_the_noun_stays_verbatim(quote, text):
    """The noun: after a determiner, a preposition, a possessive or an adjective, and "needs",
    which the modal never is ("the humanitarian needs not yet met")."""
    judged(quote, text, "verbatim")


# --- 3b. "qu'aucun … ne", one word (R2 L5) -------------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Il ne fait aucun doute qu'aucun pays n'a reconnu l'annexion."),
    ("… s'y oppose", "Rien ne presse tant qu'aucun pays ne s'y oppose."),
    ("… a reconnu l'annexion", "Il est clair qu'aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "La Russie est isolée puisqu'aucun pays n'a reconnu l'annexion."),
    ("… a voté contre", "Le texte passe lorsqu'aucun député n'a voté contre."),
    ("… a signé le traité", "Nous savons qu'aucune puissance n'a signé le traité."),
    ("… a réagi", "Le ministre regrette qu'aucun allié n'a réagi."),
    ("… a reconnu les élections", "Il est frappant qu'aucun État membre n'a reconnu les élections."),
])
def test_aucun_glued_to_an_elided_que_denies(quote, text):
    """R2 L5: "qu'aucun" is one word, which `_denying_subject` read as the "que" closing its walk,
    so the "ne" after it was expletive or the clitic, and the opening ellipsis hid "aucun … n'"."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Je ne crois pas qu'aucun pays n'a reconnu l'annexion."),
    ("… reconnaisse l'annexion", "Je ne pense pas qu'aucun pays reconnaisse l'annexion."),
    ("… pays n'a reconnu l'annexion", "Il ne fait aucun doute qu'aucun pays n'a reconnu l'annexion."),
    ("Il ne fait aucun doute", "Il ne fait aucun doute qu'aucun pays n'a reconnu l'annexion."),
    ("… cherche à diviser l'Europe", "Il ne fait aucun doute que la Russie ne cherche à diviser l'Europe."),
    ("… a reconnu l'annexion", "Il ne fait aucun doute que la Russie a reconnu l'annexion."),
    ("… reconnaisse l'Ukraine", "Il n'y a aucun pays qui aujourd'hui ne reconnaisse l'Ukraine."),
    ("… soit reconnue", "Il n'est plus sûr qu'aucune élection ne soit reconnue."),
    ("… a reconnu l'annexion", "La France a reconnu l'annexion, dit-il, quoique personne ne le croie."),
    ("Il est clair", "Il est clair qu'aucun pays n'a reconnu l'annexion."),
])
def test_aucun_after_a_denied_verb_or_kept_by_the_quote_stays_verbatim(quote, text):
    """After a verb denied with its partner ("Je ne crois pas qu'aucun"), the two negations meet
    and the reading stays as before; a quote that keeps "n'" or ends before "qu'aucun" drops none."""
    judged(quote, text, "verbatim")


# --- 3c. Portuguese "O não" + infinitive (R2 M4, pre-existing) -------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("… ter assinado o acordo é grave", "O não ter assinado o acordo é grave."),
    ("… dar garantias é grave", "O não dar garantias é grave."),
    ("… cumprir as regras é grave", "Para a oposição, o não cumprir as regras é grave."),
    ("… reconhecer as eleições foi um erro", "O não reconhecer as eleições foi um erro."),
    ("… pagar as dívidas custa caro", "O não pagar as dívidas custa caro."),
    ("… ter cumprido a promessa pesa", "O não ter cumprido a promessa pesa."),
    ("… ver o problema é grave", "O não ver o problema é grave."),
    ("… fazer nada é um erro", "O não fazer nada é um erro."),
])
def test_portuguese_o_nao_before_an_infinitive_denies(quote, text):
    """R2 M4: the article "o" before "não" was read as Spanish and Italian "o" (or), and "o não"
    as "or not", either way."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… venceu o referendo", "O não venceu o referendo."),
    ("… venceu o referendo", "Na Escócia, o não venceu o referendo."),
    ("… foi claro", "O não foi claro."),
    ("… ganhou por pouco", "O não ganhou por pouco."),
    ("… sabemos se ele vem", "Sim ou não, sabemos se ele vem."),
    ("… votaram em bloco", "Os partidários do não votaram em bloco."),
    ("… guste a Moscú, es así", "Le guste o no le guste a Moscú, es así."),
    ("… piaccia a Mosca, è così", "Che piaccia o non piaccia a Mosca, è così."),
    ("… the elections are held", "Whether or not the elections are held, nothing changes."),
    ("… o referendo é válido", "Quer se vote ou não, o referendo é válido."),
    ("… à proposta foi claro", "O não à proposta foi claro."),
])
def test_o_nao_the_no_side_and_or_not_stay_verbatim(quote, text):
    """"O não" before a verb is the No side (`_named_no`); "ou não", "o no", "or not" still say
    either way."""
    judged(quote, text, "verbatim")


# --- 3d. German adverbs and prepositions in -t, a number's stop (R2 L2) -----------------------------

@pytest.mark.parametrize("between", [
    "konkret", "vorerst", "erneut", "komplett", "somit", "strikt", "gezielt", "bewusst", "verstärkt",
    "vermehrt", "ausgerechnet", "möglichst", "höchst", "exakt", "korrekt", "prompt",
])
def test_an_adverb_in_t_before_nicht_ab_is_no_verb(between):
    """R2 L2: these adverbs look finite (`_GERMAN_FINITE`) and stopped `_particle_after_object`."""
    judged("Die Regierung lehnt", f"Die Regierung lehnt das Angebot {between} nicht ab.", "altered")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung lehnt", "Die Regierung lehnt das Angebot laut Bericht nicht ab."),
    ("Die Regierung lehnt", "Die Regierung lehnt das Paket samt Anlagen nicht ab."),
    ("Die Regierung lehnt", "Die Regierung lehnt das Paket nebst Anhang nicht ab."),
    ("Der Minister tritt", "Der Minister tritt vorerst nicht zurück."),
    ("Die Regierung hält Neuwahlen vorerst", "Die Regierung hält Neuwahlen vorerst nicht für nötig."),
    ("Die Regierung lehnt", "Die Regierung lehnt die 5.000 Anträge nicht ab."),
    ("Der Bund lehnt", "Der Bund lehnt 2.500 Klagen nicht ab."),
    ("Die Behörde weist", "Die Behörde weist die 1.200 Anträge nicht zurück."),
])
def test_a_preposition_in_t_or_a_number_before_nicht_ab_is_caught(quote, text):
    """R2 L2: "laut", "samt", "nebst" and "vorerst" stopped the walk; "5.000" was read with a stop
    ending the clause, the digit after it out of sight (`_CLAUSE_MARK` read up to each word)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung lehnt", "Die Regierung lehnt die 5.000 Anträge ab. Der Rat stimmt nicht zu."),
    ("Die Regierung lehnt", "Die Regierung lehnt 5.000 Anträge. Der Rat stimmt nicht zu."),
    ("Die Regierung prüft", "Die Regierung prüft das Angebot erneut und stimmt nicht zu."),
    ("Die Regierung prüft", "Die Regierung prüft das Angebot konkret, stimmt aber nicht zu."),
    ("Die Regierung arbeitet", "Die Regierung arbeitet gezielt. Die Opposition gibt nicht auf."),
    ("Die Ukraine kämpft", "Die Ukraine kämpft erneut und gibt nicht auf."),
    ("Der Minister spricht", "Der Minister spricht laut und tritt nicht zurück."),
    ("Die Regierung handelt", "Die Regierung handelt prompt, die Opposition lenkt nicht ein."),
    ("Die Waffenruhe hält", "Die Waffenruhe hält vorerst."),
    ("Die Regierung hält Neuwahlen", "Die Regierung hält Neuwahlen vorerst nicht für nötig."),
])
def test_the_same_words_past_a_clause_or_verb_stay_verbatim(quote, text):
    """The look-alikes do not reach past a coordinator, a comma or a stop, and "5.000" does not hide
    the next sentence's stop."""
    judged(quote, text, "verbatim")


# --- 3e. French "non" prefixing a noun, its hyphen left out (R2 L4) ---------------------------------

@pytest.mark.parametrize("quote, text", [
    ("… respect des règles", "Le non respect des règles est grave."),
    ("… respect des règles est grave", "Le non respect des règles est grave."),
    ("… paiement des salaires inquiète", "Le non paiement des salaires inquiète."),
    ("… respect du cessez-le-feu", "Il dénonce le non respect du cessez-le-feu."),
    ("… renouvellement du mandat", "Il regrette le non renouvellement du mandat."),
    ("… recours à la force est la règle", "Le non recours à la force est la règle."),
    ("… versement des aides inquiète", "Le non versement des aides inquiète."),
    ("… cumul des mandats est la loi", "Le non cumul des mandats est la loi."),
])
def test_non_before_a_noun_it_prefixes_is_no_no_side(quote, text):
    """R2 L4: "le non" before a noun that "non-" prefixes was read as the No side (`_named_no`), and
    a quote opening after it dropped the prefix that inverts the noun."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… l'a emporté", "Le non l'a emporté."),
    ("… français inquiète Bruxelles", "Le non français inquiète Bruxelles."),
    ("… à la Constitution l'a emporté", "Le non à la Constitution l'a emporté."),
    ("… ont voté", "Les partisans du non ont voté."),
    ("… gagne du terrain", "Le non gagne du terrain."),
    ("… de la Grèce a surpris", "Le non de la Grèce a surpris."),
    ("… massif des électeurs", "Le non massif des électeurs a surpris."),
    ("… respect des règles est grave", "Le respect des règles est grave."),
    ("… était majoritaire", "Le non était majoritaire."),
    ("… au référendum a gagné", "Le non au référendum a gagné."),
    ("… lieu de la réunion", "Au non lieu de la réunion."),
])
def test_the_no_side_stays_verbatim(quote, text):
    """"le non" before a verb, a clitic, an adjective or a preposition names the No side."""
    judged(quote, text, "verbatim")
