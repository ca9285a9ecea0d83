""""No" that names, and negations that prefix a word (crawler.verdicts).

The word "no" said or quoted, the No side of a vote ("el no", "El no ganó", "O não", "le non"),
"yes and no" named together and "no" before a dash and a name deny no verb after them; "Él no",
"El no quiere", and "no" before an infinitive or a verb deny.  A prefix "non-", "no-", "não"
inverts its word: a quote that opens inside the hyphenated word ("binding resolution" for "a
non-binding resolution"), with or without an ellipsis, or drops the prefix of a noun drops a
negation; a copy inside such a word is no copy; a negation's word glued by a hyphen to a word
it does not prefix ("Mai-Ndombe") is a syllable."""

from __future__ import annotations

import pytest

from tests.judging import judged


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
    """"No" as the word said, or the side of a vote, denies no verb after it."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha votato la legge", "Il Parlamento non ha votato la legge."),
    ("… es claro", "El resultado no es claro."),
    ("… es claro", "El no es claro."),  # "El" before a verb is "Él" unaccented, when in doubt a negation
    ("… harm", "We will do no harm."),
    ("… ha detto nulla", "Il ministro non ha detto nulla."),
    ("… a voté la loi", "Le Parlement n'a pas voté la loi."),
    ("… votaram contra", "Os deputados não votaram contra."),
])
def test_a_negation_before_the_verb_is_still_hidden(quote, text):
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
    """`_named_no` took "no"/"non" after "al", "il", "del", "dal", "uno", "El" or in
    scare quotes for a noun even with a verb after it."""
    judged(quote, text, "altered")


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
    """`_INFINITIVE_AFTER_NO` needed two letters before -are/-er/-ir, so "fare", "dire",
    "ter", "pôr" were read as nouns after "il non", "ao não"; and Italian's noun is "il no", never
    "il non"."""
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
    """"el no" before a verb was read as "Él no", though the
    pronoun keeps its accent in lower case; only a capital "El" opening a sentence may be it."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… ha reconocido las elecciones", "El no ha reconocido las elecciones."),
    ("… quiere negociar", "Lo dijo. El no quiere negociar."),
    ("… reconoce las elecciones", "EL NO RECONOCE LAS ELECCIONES"),
])
def test_a_capital_el_opening_a_sentence_may_be_the_pronoun(quote, text):
    judged(quote, text, "altered")


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
    """The article "o" before "não" was read as Spanish and Italian "o" (or), and "o não"
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
    """"le non" before a noun that "non-" prefixes was read as the No side (`_named_no`), and
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
    """"O não cumprimento" was the No side (`_named_no`), and the hyphenated "Le non-respect"
    a compound whose "non" denies nothing; "Le non respect" written apart was caught.  Each now
    drops the "non" that inverts its noun (`_NAO_COMPOUND_HEADS`, `_hyphened_noun`, and
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


# Altered, not verbatim (a decision of the owner's): a quote that opens inside
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
    """`_negation_prefix`, read by `_opening_negation` and, with no ellipsis, `_opening_gap`."""
    judged(quote, text, "altered")


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
    """A capital "El" opening a sentence was read as "Él" written without its accent
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


@pytest.mark.parametrize("quote, text", [
    ("… binding resolution", "It adopted a non-binding resolution."),
    ("… governmental organisations have documented", "Non-governmental organisations have documented the abuses."),
    ("… aligned countries support the resolution", "The non-aligned countries support the resolution."),
    ("… proliferation treaty", "The non-proliferation treaty."),
    ("… fly zone", "They declared a no-fly zone."),
    ("… alinhados votaram", "Os países não-alinhados votaram."),
])
def test_an_opening_ellipsis_inside_a_hyphenated_negation_word_drops_it(quote, text):
    """English "non-" was exempt at an opening ellipsis ("a prefix of adjectives as
    often as of nouns"), French's only after an article; the quote calls binding what the source
    calls not binding whatever the word is (`_negation_prefix`, read first by `_opening_negation`).
    The first two were verbatim while "non-" was exempt."""
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


@pytest.mark.parametrize("quote, text, expected", [
    ("Ndombe province was hit", "The Mai-Ndombe province was hit by floods.", "verbatim"),
    ("Win government", "The Ne-Win government fell.", "verbatim"),
    ("… ending story", "It is a never-ending story.", "altered"),
    ("… EU-Staaten", "Die Nicht-EU-Staaten lehnen ab.", "altered"),
    ("… Aligned Movement", "The Non-Aligned Movement met.", "altered"),
])
def test_only_a_negation_that_prefixes_words_is_cut_off_by_a_hyphen(quote, text, expected):
    """"mai" (never) and "ne" before a hyphen are a name's syllables, not a prefix
    (`_HYPHEN_PREFIXES`); "never-", "Nicht-", "Non-" are."""
    judged(quote, text, expected)


@pytest.mark.parametrize("text", [
    "It adopted a non-binding resolution. A binding resolution would have been stronger.",
    "A binding resolution would have been stronger. It adopted a non-binding resolution.",
])
def test_the_place_inside_non_binding_is_no_copy_whichever_comes_first(text):
    """The aligner takes the first copy, inside "non-binding" (`_opening_gap` then finds the clean one):
    that place was counted as a second copy, the other order not."""
    verdict = judged("binding resolution", text, "verbatim")
    assert "holds the quote" not in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… impuso sanciones a Rusia", "El no impuso sanciones a Rusia."),
    ("… impone condiciones", "El no impone condiciones."),
    ("… arrastra a nadie", "El no arrastra a nadie."),
])
def test_el_no_before_imponer_without_se_or_arrastrar_stays_a_negation(quote, text):
    """Imponer wins a vote only as imponerse ("El no se impuso"); "arras-" opens arrastrar too."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("… vote will decide", "The yes- or no-vote will decide.", "verbatim"),
    ("vote will decide the matter", "The yes- or no-vote will decide the matter.", "verbatim"),
    ("In the vote, … votes were cast", "In the vote, yes and no votes were cast.", "elided"),
    ("… votes were cast", "Yes and no votes were cast.", "verbatim"),
    ("Moscow will never withdraw its troops",
     "Asked whether Russia would comply, he said no-Moscow will never withdraw its troops.", "verbatim"),
    ("… Moscow will never withdraw its troops",
     "Asked whether Russia would comply, he said no-Moscow will never withdraw its troops.", "verbatim"),
])
def test_yes_and_no_named_together_or_no_before_a_dash_deny_nothing(quote, text, expected):
    """"yes- or no-vote" and "yes and no votes" name the two sides (`_after_yes`), and "no-Moscow" is
    the answer and a dash before a name (`_dash_after`): no negation prefixed or determining."""
    verdict = judged(quote, text, expected)
    assert not verdict.changes


@pytest.mark.parametrize("quote, text", [
    ("… vote will decide", "The no-vote will decide."),
    ("… binding resolution", "It adopted a non- binding resolution."),
    ("… fly zone", "They declared a no-fly zone."),
    ("… Aligned Movement", "The Non-Aligned Movement met."),
])
def test_a_no_or_non_prefix_alone_is_still_cut(quote, text):
    """With no "yes" before them (`_after_yes`) and no dash before a name (`_dash_after`: "no" in lower
    case only, "Non-Aligned" is a prefix), "no-" and "non-" still prefix the word they invert, even with
    a space after the hyphen, and a quote that opens on that word drops them."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("… Ndombe province was hit", "The Mai-Ndombe province was hit by floods.", "verbatim"),
    ("The … Ndombe province was hit", "The Mai-Ndombe province was hit by floods.", "elided"),
    ("… Lager hat gewonnen", "Das Nein-Lager hat gewonnen.", "verbatim"),
])
def test_a_negations_word_glued_to_a_word_it_does_not_prefix_is_a_syllable(quote, text, expected):
    """"Mai" (Italian "never") and "Nein" before a hyphen they do not prefix are a name's or a
    compound's syllable (`_name_syllable`), wherever the ellipsis stands."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… quiere ganar las elecciones", "El no quiere ganar las elecciones.", "altered"),
    ("… QUIERE GANAR LAS ELECCIONES", "EL NO QUIERE GANAR LAS ELECCIONES", "altered"),
    ("… ha ganado el referéndum", "El no ha ganado el referéndum.", "verbatim"),
    ("… ganó el referéndum", "El no ganó el referéndum.", "verbatim"),
])
def test_querer_before_a_verb_of_winning_keeps_el_the_pronoun(quote, text, expected):
    """Querer was read past as an auxiliary to "ganar" (`_side_wins`): a will is a person's, no
    vote's side's (`_WANTS`); the No side winning stays verbatim by decision."""
    judged(quote, text, expected)


def test_no_before_an_acronym_is_a_prefix():
    """"no-EU" prefixes as "non-EU" does; only a name with a capital after "no-" is a dash's (`_dash_after`)."""
    judged("… EU countries", "Of the no-EU countries, none signed.", "altered")
