"""Session 23, review RV of helper V's change: false alarms of the subject's denying determiner
(`_denied_subject`: another clause's subject, a negated verb's object, a relative clause's subject),
of a pronoun after devoir (owe) before a noun (`_infinitives_pronoun`) and of a comparison's expletive
"ne" before pouvoir that this pronoun lets the opening walk reach (`_expletive_ne`), and the misses of
"El no" before imponer without its "se" or arrastrar (`_side_wins`)."""

from __future__ import annotations

import pytest

from tests.judging import judged


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


@pytest.mark.parametrize("quote, text", [
    ("… somme réclamée par Moscou", "La Grèce ne doit pas la somme réclamée par Moscou."),
    ("… intérêts de la dette", "L'Ukraine ne doit pas les intérêts de la dette."),
])
def test_an_article_after_devoir_owe_opens_a_noun(quote, text):
    """Devoir takes a noun too (owe): its "la", "les" before a word with no infinitive's ending is an
    article, and the quote names what is not owed."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… impuso sanciones a Rusia", "El no impuso sanciones a Rusia."),
    ("… impone condiciones", "El no impone condiciones."),
    ("… arrastra a nadie", "El no arrastra a nadie."),
])
def test_el_no_before_imponer_without_se_or_arrastrar_stays_a_negation(quote, text):
    """Imponer wins a vote only as imponerse ("El no se impuso"); "arras-" opens arrastrar too."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… imaginer aujourd'hui", "Les dégâts sont plus graves qu'on ne peut l'imaginer aujourd'hui."),
    ("… prévoir il y a un an", "La crise est pire qu'on ne pouvait le prévoir il y a un an."),
    ("… estimer à Paris", "La facture est plus lourde que le gouvernement ne pouvait l'estimer à Paris."),
    ("… pouvait prévoir il y a un an", "La crise est pire qu'on ne pouvait prévoir il y a un an."),
])
def test_a_comparatives_expletive_ne_before_pouvoir_denies_nothing(quote, text):
    """"plus graves qu'on ne peut l'imaginer" (than one can imagine): the "ne" of a comparison is
    expletive before pouvoir too; the infinitive's pronoun (`_infinitives_pronoun`) let the opening
    walk reach it, and pouvoir's lone "ne" (`_lone_ne_verb`) read it as a negation."""
    judged(quote, text, "verbatim")
