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


# === Session 22, helper V2: the verdict review's findings (/tmp/s22/r1/report.md) =================

# --- V2.1. the noun "need" before "not" and a past participle (R1 H1) --------------------------------

@pytest.mark.parametrize("quote, text", [
    ("Addressing the health need", "Addressing the health need not met by existing services is a priority."),
    ("an identified need", "Each facility must address an identified need not covered by the plan."),
    ("the assessed need", "The appeal reflects the assessed need not covered by other donors."),
    ("the total need", "The total need not covered by the budget remains high."),
    ("the residual need", "UNHCR covers the residual need not met by the host Government."),
    ("the energy need", "The energy need not met by renewables is supplied by coal."),
    ("the community need", "The project targets the community need not addressed by the State."),
    ("the protection need", "The protection need not covered by the cluster is the largest."),
    ("the education need", "The education need not covered by the appeal grows."),
    ("an expressed need", "This responds to an expressed need not yet met."),
    ("the identified need", "the identified need not yet met"),
    ("an unaddressed need", "an unaddressed need not yet met"),
    ("the capacity need", "the capacity need not addressed in the plan"),
    ("a development need", "a development need not met by aid"),
    ("the care need", "the care need not covered by insurance"),
    ("the shelter need", "the shelter need not covered by the appeal"),
    ("that need", "The fund exists to meet that need not covered by insurance."),
    ("the WASH need", "the WASH need not covered by the appeal"),
    ("the IDP need", "the IDP need not met by the cluster"),
    ("the 2024 need", "the 2024 need not covered by the appeal"),
    ("Health need", "Health need not met in rural areas"),
    ("Funding need", "Funding need not covered by the appeal: 40 per cent."),
    ("Health Need", "Health Need Not Met"),
    ("HEALTH NEED", "HEALTH NEED NOT MET"),
    ("the health need", "It describes the health need never met by the State."),
    ("the health need", "It describes the health need no longer met by the State."),
    ("the health need", "the health need hardly met by the State"),
    ("the health need …", "the health need not met by existing services"),
    ("the transport need", "the transport need not paid for by donors"),
    ("the health need", "the health need not given priority by the State"),
])
def test_need_before_not_and_a_participle_is_the_noun(quote, text):
    """R1 H1: the modal "need not" takes a bare infinitive, never a participle, so "the health
    need not met by existing services" names a need (`_participle_after_not`), whatever word stands
    before it; 95269d3 read every plain noun there as the modal's subject."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("We need", "We need not worry about this."),
    ("We need", "We need not feed the trolls."),
    ("Costs need", "Costs need not exceed the budget."),
    ("The parties need", "The parties need not proceed with the hearing."),
    ("It need", "It need not be so."),
    ("Reviewers need", "Reviewers need not red-flag every change."),
    ("You need", "You need not shed tears over it."),
    ("We need", "We need not embed the clause."),
    ("We need", "We need not set a deadline."),
    ("We need", "We need not yet decide."),
    ("We need", "We need never fear them."),
    ("The State party need", "The State party need not take further measures."),
    ("Member States need", "Member States need not comply."),
])
def test_need_not_before_a_verb_that_looks_like_a_participle_stays_the_modal(quote, text):
    """The modal's verbs in -eed ("feed", "exceed", "proceed"), in -ed ("shed", "embed", "red-flag")
    and those that are participles too ("set") keep "need" the modal: its "not" cut is caught."""
    judged(quote, text, "altered")


# --- V2.2. a French or Italian quote opening after an elided function word (R1 P1) ----------------

@pytest.mark.parametrize("quote, text", [
    ("aucun pays n'a reconnu l'annexion", "Le ministre a déclaré qu'aucun pays n'a reconnu l'annexion."),
    ("aucun pays n’a reconnu l’annexion", "Le ministre a déclaré qu’aucun pays n’a reconnu l’annexion."),
    ("… aucun pays n'a reconnu l'annexion", "Le ministre a déclaré qu'aucun pays n'a reconnu l'annexion."),
    ("il ne reconnaîtra pas ces élections", "Le président a dit qu'il ne reconnaîtra pas ces élections."),
    ("il n'a jamais reconnu l'annexion", "Le ministre affirme qu'il n'a jamais reconnu l'annexion."),
    ("aucune solution militaire n'existe", "Il rappelle qu'aucune solution militaire n'existe."),
    ("Union reste unie", "Le ministre a affirmé que l'Union reste unie."),
    ("annexion de la Crimée est illégale", "Pour la France, l'annexion de la Crimée est illégale."),
    ("Union européenne acceptera le résultat.", "L'Union européenne acceptera le résultat."),
    ("un accord est possible", "Il estime qu'un accord est possible d'ici l'été."),
    ("Europe doit rester unie", "Il répète que l'avenir de l'Europe doit rester unie."),
    ("ici la fin de l'année", "Un accord est attendu d'ici la fin de l'année."),
    ("ai toujours défendu le droit international", "J'ai toujours défendu le droit international."),
    ("est une violation du droit international", "Selon Paris, c'est une violation du droit international."),
    ("agit d'une annexion illégale", "Pour Kiev, il s'agit d'une annexion illégale."),
    ("aucun pays ne l'ait reconnue", "L'annexion reste nulle jusqu'à ce qu'aucun pays ne l'ait reconnue."),
    ("il est encore temps", "Il faut agir lorsqu'il est encore temps."),
    ("Unione europea resta unita", "Il ministro ha detto che l'Unione europea resta unita."),
    ("Unione europea non riconosce l'annessione", "La posizione dell'Unione europea non riconosce l'annessione."),
    ("Assemblea generale delle Nazioni Unite", "Il ministro si è rivolto all'Assemblea generale delle Nazioni Unite."),
    ("annessione continua", "Il dibattito sull'annessione continua."),
    ("annessione è illegale", "Per l'Italia, l'annessione è illegale."),
    ("è un accordo", "Il ministro ha detto che c'è un accordo."),
    ("altra soluzione", "Serve un'altra soluzione."),
])
def test_a_quote_opening_after_an_elided_function_word_is_verbatim(quote, text):
    """R1 P1: "qu'aucun", "l'Union", "dell'Unione" are one word to the tokenizer, and a quote that
    opens after the apostrophe, where compilers cut it, was "qu'aucun → aucun", altered.  The span
    now opens past the elided word (crawler/align.py `_elision_cut`), as after "que" written apart."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Le ministre a dit qu'aucun pays n'a reconnu l'annexion."),
    ("… a jamais reconnu l'annexion", "Le ministre affirme qu'il n'a jamais reconnu l'annexion."),
    ("accepte le résultat", "La France n'accepte pas le résultat."),
    ("importe quel pays peut le faire", "N'importe quel pays peut le faire."),
    ("altra soluzione è possibile", "Il ministro ha detto che nessun'altra soluzione è possibile."),
    ("altra soluzione è possibile", "Il ministro ha detto che nessun’altra soluzione è possibile."),
    ("… il reconnaît l'annexion", "La France dit qu'il ne reconnaît pas l'annexion."),
    ("aucun pays a reconnu l'annexion", "Le ministre a déclaré qu'aucun pays n'a reconnu l'annexion."),
])
def test_a_quote_opening_after_n_or_a_negation_stays_altered(quote, text):
    """Not after "n'" (a word of its own: "… a reconnu" drops it), nor after a negation elided
    ("nessun'altra"), nor where the quote's own words differ past the cut."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("… a pas reconnue", "La France ne l'a pas reconnue.", "altered"),
    ("… a pas reconnu l'annexion", "Le ministre dit qu'il ne l'a pas reconnu l'annexion.", "altered"),
    ("… ha riconosciuta", "L'Italia non l'ha riconosciuta.", "altered"),
    ("… ha riconosciuta", "L'Italia l'ha riconosciuta.", "verbatim"),
    ("… elle reconnaît l'annexion", "La France ne dit pas qu'elle reconnaît l'annexion.", "verbatim"),
])
def test_an_opening_past_an_elision_reads_the_words_before_it_apart(quote, text, expected):
    """`_opening_run` tokenizes the text before and after the span's start apart, the elided word
    one word ("l'", crawler/align.py `tokenize`): the span may open inside "l'a", and "a" is then
    the quote's first word with "ne l'" before it, as in "ne la a pas" written apart ("… a pas
    reconnue" drops the "ne"; Italian's "non l'ha": "l'" stands between as "lo" does)."""
    judged(quote, text, expected)


def test_a_span_past_an_elision_starts_after_the_apostrophe():
    """The span, and the text shown as matched, open at the quote's first word."""
    alignment = judged("aucun pays n'a reconnu", "Il a dit qu'aucun pays n'a reconnu l'annexion.", "verbatim").alignment
    assert alignment.matched == "aucun pays n'a reconnu"


# --- V2.3. "qu'aucun" after a denial in the sentence before; a quoted word's closing ’ (R1 M1, M3) -----

@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "La Russie ne recule pas. Il est clair qu'aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Moscou ne renonce pas à ses ambitions territoriales en Ukraine. Il est clair qu'aucun "
     "pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Ce n'est pas un secret : il est clair qu'aucun pays n'a reconnu l'annexion."),
])
def test_a_denial_in_another_sentence_keeps_qu_aucun_a_denier(quote, text):
    """R1 M1: `_denied_before` read the 100 characters before "qu'aucun" across sentence ends;
    only the "qu'aucun"'s own sentence counts now."""
    judged(quote, text, "altered")


def test_a_denial_in_the_same_sentence_still_doubles():
    """"Je ne crois pas qu'aucun pays n'a": the two negations meet, as 95269d3 read it."""
    judged("… a reconnu l'annexion", "Je ne crois pas qu'aucun pays n'a reconnu l'annexion.", "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Russia's will", "Russia's will not simply disappear."),
    ("the ‘reformers’ will", "the ‘reformers’ will not simply accept this"),
    ("the so-called ‘Greens’ will", "the so-called ‘Greens’ will not just stand by but act"),
    ("the Greens' will", "the Greens' will not just stand by"),
    ("the ‘vulnerable’ need", "the ‘vulnerable’ need not apply"),
])
def test_a_modal_after_a_possessive_or_a_quoted_word_is_caught(quote, text):
    """R1 M3: a closing ’ after a quoted word is no possessive's apostrophe, and a possessive's
    "will not" before "simply", "just", "only" is the modal (`_POSSESSIVE_WILL_AFTER`)."""
    judged(quote, text, "altered")


# --- V2.4. "não" prefixing a noun; "non-" and "não-" hyphenated after an article (R1 M2) --------------

@pytest.mark.parametrize("quote, text", [
    ("… cumprimento do acordo é grave", "O não cumprimento do acordo é grave."),
    ("… pagamento das dívidas é grave", "O não pagamento das dívidas é grave."),
    ("… reconhecimento da anexação é claro", "O não reconhecimento da anexação é claro."),
    ("… cumprimento do acordo é grave", "O não-cumprimento do acordo é grave."),
    ("… respect des règles est grave", "Le non-respect des règles est grave."),
    ("… respect des règles est grave", "Le non\u2011respect des règles est grave."),
    ("… application de la loi pose problème", "La non-application de la loi pose problème."),
    ("… prolifération est un objectif", "La non-prolifération est un objectif."),
    ("… intervento è una scelta", "Il non-intervento è una scelta."),
    ("… respect des règles", "Il dénonce le non-respect des règles et le non respect des délais."),
])
def test_a_quote_that_drops_the_non_of_a_prefixed_noun_drops_a_negation(quote, text):
    """R1 M2: "O não cumprimento" was the No side (`_named_no`), and the hyphenated "Le non-respect"
    a compound whose "non" denies nothing; "Le non respect" written apart was caught.  Each now
    drops the "non" that inverts its noun (`_NAO_COMPOUND_HEADS`, `_hyphened_noun`; since session 23
    `_negation_prefix`, whatever the word after the hyphen)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… venceu o referendo", "O não venceu o referendo."),
    ("… é o problema", "O não é o problema."),
    ("respect des règles est grave", "Le non respect des règles est grave."),
])
def test_the_no_side_and_other_compounds_stay_verbatim(quote, text):
    """The No side before a verb; a quote that opens after "non" written apart with no ellipsis."""
    judged(quote, text, "verbatim")


# Pinned verbatim until session 23, now altered (decided in review, task M): a quote that opens inside
# a word a hyphenated "non-" prefixes drops the "non-" that inverts it, an English adjective's as a
# French noun's, with or without an ellipsis ("binding resolution" for "a non-binding resolution" calls
# binding what the source calls not binding).  Written apart, "Le non respect" stays as above.
@pytest.mark.parametrize("quote, text", [
    ("… binding resolution", "It adopted a non-binding resolution."),
    ("… aligned countries voted", "The non-aligned countries voted."),
    ("… compliance with the ruling is serious", "Non-compliance with the ruling is serious."),
    ("respect des règles est grave", "Le non-respect des règles est grave."),
])
def test_a_quote_opening_inside_a_hyphenated_non_word_drops_its_negation(quote, text):
    """Session 23: `_negation_prefix`, read by `_opening_negation` and, with no ellipsis, `_opening_gap`."""
    judged(quote, text, "altered")


# ---------------------------------------------------------------- review R2 of the mend

@pytest.mark.parametrize("quote, text", [
    ("described the deal as ‘a win for all’", "The minister described the deal as ‘a win for all’ on Tuesday."),
    ("called for 'justice for all'", "He called for 'justice for all' in his speech."),
    ("We will deliver justice for all", "The minister said: ‘We will deliver justice for all’"),
    ("We want a Plan B, not a Plan C", "He told reporters: 'We want a Plan B, not a Plan C'"),
    ("rated the bonds 'D'", "The agency rated the bonds 'D' on Monday."),
])
def test_a_closing_single_quote_after_all_or_a_letter_is_no_elision(quote, text):
    """A ’ that closes the text (or the quote) opens no word after it: "all’" is no Italian "all'"
    elided onto a next word (it was "all’ → all", altered)."""
    judged(quote, text, "verbatim")


def test_a_whole_text_ending_on_all_quote_keeps_the_word_apart():
    """Only a range that ends inside a word ("qu'|aucun", `_opening_run`) keeps an elided "qu'" whole."""
    assert [t.text for t in tokenize("for ‘all’")] == ["for", "‘", "all", "’"]
    text = "Il a dit qu'aucun pays"
    assert [t.key for t in tokenize(text, 0, text.index("aucun"))][-1] == "qu'"


@pytest.mark.parametrize("quote, text", [
    ("… accepte sans conditions", "Aucun pays ne l'accepte sans conditions."),
    ("… acceptent sans conditions", "Aucun des pays ne l'acceptent sans conditions."),
    ("… ignore les risques", "Personne ne l'ignore, les risques sont connus."),
    ("… accepterons jamais", "Nous ne l'accepterons jamais."),
    ("… reconnaît sans conditions", "Aucun pays ne la reconnaît sans conditions."),
    ("… reconnaît sans conditions", "Aucun pays ne les reconnaît sans conditions."),
])
def test_an_object_pronoun_after_ne_is_no_article_before_a_cut(quote, text):
    """A quote opening past "ne l'" / "ne la": the pronoun between "ne" and the verb is no article
    that would make "ne" deny a noun, so the "ne" left out at the ellipsis is named."""
    judged(quote, text, "altered")


def test_an_apostrophe_made_of_another_letter_is_no_elision_and_no_crash():
    """"lŉ" folds (NFKC) to "lʼn": its key holds an apostrophe its text does not."""
    assert verdicts.judge("n pays reconnaît", "Le ministre dit lŉ pays reconnaît le résultat.").verdict
