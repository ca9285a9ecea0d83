"""Which words negate, and how they are written: the negations of the letters' other languages,
hidden at an ellipsis or dropped, are named as negations; "barely" is none; a contraction and
its words ("doesn't" and "does not", "can not" and "cannot") compare equal at a quote's edge."""

from __future__ import annotations

import pytest

from crawler.verdicts import judge
from tests.judging import judged


@pytest.mark.parametrize("quote, text, word", [
    ("Der Minister wird das Ergebnis … anerkennen.", "Der Minister wird das Ergebnis niemals anerkennen.", "niemals"),
    ("El Gobierno … acepta el resultado.", "El Gobierno nunca acepta el resultado.", "nunca"),
    ("Ayer … aceptó el resultado.", "Ayer nadie aceptó el resultado.", "nadie"),
    ("El Gobierno … aceptará.", "El Gobierno tampoco aceptará.", "tampoco"),
    ("Le Gouvernement n'acceptera … le résultat.", "Le Gouvernement n'acceptera jamais le résultat.", "jamais"),
    ("O Governo … aceitará o resultado.", "O Governo nunca aceitará o resultado.", "nunca"),
    ("O Governo … aceita o resultado.", "O Governo não aceita o resultado.", "não"),
    ("Il Governo non accetterà … il risultato.", "Il Governo non accetterà mai il risultato.", "mai"),
    ("Правительство … не признает результаты.", "Правительство никогда не признает результаты.", "никогда"),
    ("Такие выборы … признавать.", "Такие выборы нельзя признавать.", "нельзя"),
    ("The vote has … changed the situation.", "The vote has hardly changed the situation.", "hardly"),
    ("The observers could … see the count.", "The observers could scarcely see the count.", "scarcely"),
])
def test_a_negation_of_another_language_an_ellipsis_hides_makes_the_quote_altered(quote, text, word):
    """They were no word of NEGATIONS: an ellipsis hiding one left the quote elided."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert f"“{word}” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("Der Minister wird das Ergebnis anerkennen.", "Der Minister wird das Ergebnis niemals anerkennen.", "niemals"),
    ("No se aceptará resultado.", "No se aceptará ningún resultado.", "ningún"),
    ("Le Gouvernement accepte le résultat.", "Le Gouvernement n'accepte aucun résultat.", "aucun"),
    ("O Governo aceitará o resultado.", "O Governo não aceitará nenhum resultado.", "não"),
    ("Il Governo non accetterà risultato.", "Il Governo non accetterà nessun risultato.", "nessun"),
    ("Правительство не признает.", "Правительство ничего не признает.", "ничего"),
    ("The observers saw the count.", "The observers scarcely saw the count.", "scarcely"),
])
def test_a_negation_of_another_language_dropped_is_named_a_negation(quote, text, word):
    """The change was altered, but its kinds named no negation."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert any(word in c["source"] and "negation" in c["kinds"] for c in verdict.changes), verdict.changes


def test_barely_is_no_negation():
    """"barely passed" says it passed: hidden, the quote is elided; dropped, no negation is named."""
    verdict = judge("The resolution … passed the Council.", "The resolution barely passed the Council.")
    assert verdict.verdict == "elided", verdict.reason
    verdict = judge("The resolution passed the Council.", "The resolution barely passed the Council.")
    assert verdict.changes == [{"source": "barely", "quote": "", "kinds": ["removed"]}]


@pytest.mark.parametrize("quote, text, shown", [
    ("The Ministry doesn't", "The Ministry does not recognize the elections.", "does not → doesn't"),
    ("The Ministry doesn't.", "The Ministry does not.", "does not → doesn't"),
    ("The Ministry does not", "The Ministry doesn't recognize the elections.", "doesn't → does not"),
    ("Doesn't recognize the elections.", "The Ministry does not recognize the elections.", "does not → Doesn't"),
    ("The Ministry won't", "The Ministry will not accept it.", "will not → won't"),
    ("The Ministry can not", "The Ministry can't accept it.", "can't → can not"),
    ("The Ministry can't", "The Ministry cannot accept it.", "cannot → can't"),
    ("He doesn't", "He does not accept it.", "does not → doesn't"),
])
def test_a_contraction_at_a_quotes_edge_is_minor(quote, text, shown):
    """The span ended at "does", so "doesn't" faced it alone: a negation added, altered (and a
    two-word quote scored below `found`)."""
    verdict = judged(quote, text, "minor")
    assert verdict.reason.endswith(f": {shown}")
    assert not any("negation" in c["kinds"] for c in verdict.changes)


def test_can_not_at_a_quotes_edge_for_cannot_is_verbatim():
    judged("The Ministry cannot", "The Ministry can not accept it.", "verbatim")


@pytest.mark.parametrize("quote, text, expected", [
    ("O ministro declarou … encontro", "O ministro declarou no encontro que apoia a Ucrânia.", "elided"),
    ("… Brasil", "O acordo foi assinado no Brasil.", "verbatim"),
    ("A reunião ocorreu … Rio", "A reunião ocorreu no Rio.", "elided"),
    ("O Brasil apoia a Ucrânia … conflito", "O Brasil apoia a Ucrânia no conflito.", "elided"),
    ("O acordo foi assinado.", "O acordo foi assinado no Brasil.", "verbatim"),
    ("… entanto, o governo mantém a sua posição.", "No entanto, o governo mantém a sua posição.", "verbatim"),
])
def test_portuguese_no_is_in_the_no_negation(quote, text, expected):
    """Portuguese "no" is "em" and the article, "in the" (it denies with "não"): left out at an
    ellipsis, at a quote's opening or by its closing stop, it was "“no” left out at an ellipsis"."""
    verdict = judged(quote, text, expected)
    assert not any("negation" in c["kinds"] for c in verdict.changes)


@pytest.mark.parametrize("quote, text, word", [
    ("El acuerdo … fue firmado.", "El acuerdo no fue firmado.", "no"),
    ("Argentina … votó.", "Argentina no votó.", "no"),  # py3langid calls it Portuguese: "votó" is Spanish's
    ("Bolivia … firmará.", "Bolivia no firmará.", "no"),  # py3langid calls it Portuguese, nothing Portuguese in it
    ("São Paulo … apoya la medida.", "São Paulo no apoya la medida.", "no"),  # a name's "ã" is no Portuguese
    ("São Paulo … firmará.", "São Paulo no firmará.", "no"),  # nor a name's "São" a Portuguese word
    ("… deal in São Paulo.", "No deal in São Paulo.", "No"),
    ("UM … renovará convenios.", "UM no renovará convenios.", "no"),  # an acronym, no Portuguese "um"
    ("Amazon.com … responde nada.", "Amazon.com no responde nada.", "no"),  # an address's "com"
    ("Brasil … acepta comunidades.", "Brasil no acepta comunidades.", "no"),  # "-dades": Spanish's plural too
    ("Perú … inhabilitará candidatos.", "Perú no inhabilitará candidatos.", "no"),  # a prefix's "nh"
    ("O Brasil apoia a paz.12 Maduro … firmará.", "O Brasil apoia a paz.12 Maduro no firmará.", "no"),
    ("Lula disse: «O Brasil apoia a paz.» Maduro … firmará.", "Lula disse: «O Brasil apoia a paz.» Maduro no firmará.",
     "no"),  # a sentence ends at a stop before a footnote's number or a closing quotation mark
    ("There is … agreement in Rio.", "There is no agreement in Rio.", "no"),
    ("O Brasil … reconhece o resultado no Conselho.", "O Brasil não reconhece o resultado no Conselho.", "não"),
    ("Este cel mai important acord … poate fi semnat.", "Este cel mai important acord și nu mai poate fi semnat.",
     "nu mai"),  # Romanian "nu mai", no longer: "mai" after "nu" is its
    ("Rusia … poate intimida.", "Rusia nu ne poate intimida.", "nu ne"),
    ("Il Governo non accetterà … il risultato.", "Il Governo non accetterà mai il risultato.", "mai"),
    ("Le président Băsescu … reconnaît pas le référendum.",
     "Le président Băsescu ne reconnaît pas le référendum.", "ne"),  # a Romanian name makes no Romanian sentence
])
def test_a_negation_that_is_another_languages_word_still_denies_in_its_own(quote, text, word):
    """Only a sentence surely in the language whose ordinary word it is (its own letters or words,
    none of Spanish's, py3langid's word) reads "no", "mai", "ne" as that word."""
    verdict = judged(quote, text, "altered")
    assert f"“{word}” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Este cel … important acord din istoria țării.", "Este cel mai important acord din istoria țării."),
    ("România sprijină … mult ca oricând Ucraina.", "România sprijină mai mult ca oricând Ucraina."),
    ("Ministrul … bucurăm că acordul este valabil.", "Ministrul spune că ne bucurăm că acordul este valabil."),
])
def test_romanian_mai_and_ne_are_more_and_us(quote, text):
    """Romanian "mai" is "more" ("cel mai", the most), "ne" is "us": an ellipsis hiding one hides
    no negation (Italian "mai", never, and French "ne" are words of NEGATIONS)."""
    judged(quote, text, "elided")


@pytest.mark.parametrize("quote, text, word", [
    ("România recunoaște … alegerile.", "România recunoaște niciodată alegerile.", "niciodată"),
    ("Ministerul … a declarat despre alegeri.", "Ministerul nimic nu a declarat despre alegeri.", "nimic nu"),
    ("Guvernul român a declarat că … stat a recunoscut referendumul.",
     "Guvernul român a declarat că niciun stat nu a recunoscut referendumul.", "niciun"),
    ("Ucraina … va accepta anexarea.", "Ucraina nici nu va accepta anexarea.", "nici nu"),
])
def test_romanian_negations_left_out_alter_the_quote(quote, text, word):
    """Romanian's never, nothing, no and not even (niciodată, nimic, niciun, nici) deny as the
    other languages' words of NEGATIONS do: left out, they turned the letter's Romanian
    statements round unnoticed."""
    verdict = judged(quote, text, "altered")
    assert f"“{word}”" in verdict.reason.lower(), verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("Republica Moldova … recunoaște aceste alegeri.", "Republica Moldova nu recunoaște aceste alegeri.", "altered"),
    ("Rusia … mai poate intimida Ucraina.", "Rusia nu mai poate intimida Ucraina.", "altered"),
    ("Guvernul … va accepta rezultatele referendumului.", "Guvernul nu va accepta rezultatele referendumului.",
     "altered"),
    ("Le roi est … dans le conte.", "Le roi est nu dans le conte.", "elided"),          # French: naked
    ("Wij moeten … samen handelen.", "Wij moeten nu samen handelen.", "elided"),       # Dutch: now
])
def test_romanian_nu_denies_in_a_romanian_sentence_only(quote, text, expected):
    """Romanian's "nu" (not) is French's "naked" and Dutch's "now": left out of a sentence surely
    Romanian it turns the statement round (the Republic of Moldova's ministry writes in Romanian),
    elsewhere it is the other language's word."""
    verdict = judged(quote, text, expected)
    assert ("“nu” left out" in verdict.reason) == (expected == "altered"), verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("De regering heeft … erkend", "De regering heeft de annexatie niet erkend.", "niet"),
    ("De minister zei dat hij … zou aftreden", "De minister zei dat hij nooit zou aftreden.", "nooit"),
    ("Er is … bewijs gevonden", "Er is geen bewijs gevonden.", "geen"),
    ("Rusland heeft … bereikt", "Rusland heeft niets bereikt.", "niets"),
])
def test_dutch_negations_left_out_alter_the_quote(quote, text, word):
    """Dutch's not, never, no, nothing (niet, nooit, geen, niets) are words of NEGATIONS: left out at
    an ellipsis they turned a Dutch statement round unnoticed."""
    verdict = judged(quote, text, "altered")
    assert f"“{word}”" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text, expected", [
    ("De regering … erkent de annexatie niet.", "De regering in Den Haag erkent de annexatie niet.", "elided"),
    ("Er is geen bewijs gevonden.", "Er is wel bewijs gevonden.", "altered"),
    ("Die Regierung hat … entschieden", "Die Regierung hat noch entschieden.", "elided"),  # German "noch": still
])
def test_dutch_negations_kept_or_changed(quote, text, expected):
    """A Dutch quote that keeps its "niet" is elided; "geen" for "wel" is a changed negation; German's
    "noch" (Dutch's "nor" too) is no word of NEGATIONS."""
    judged(quote, text, expected)


_PAGE = " A missão de paz foi criada em 2004 para estabilizar o país depois da crise política."


@pytest.mark.parametrize("quote, text, expected", [
    ("… Haiti continua.", "A ONU no Haiti continua." + _PAGE, "verbatim"),
    ("A ONU … Haiti continua.", "A ONU no Haiti continua." + _PAGE, "elided"),
    ("… Haiti enviou tropas.", "A ONU no Haiti enviou tropas." + _PAGE, "verbatim"),
    ("… Haiti continua.", "A ONU no Haiti continua.", "altered"),  # no page to read it by
    ("… pasarán!", "O slogan ficou famoso. No pasarán!" + _PAGE, "altered"),
    ("… one came.", "O governo falou em inglês. No one came." + _PAGE, "altered"),
    ("… mission.", "O governo falou em inglês. No mission." + _PAGE, "altered"),
    ("… reconocemos la anexión.", "O ministro falou. No reconocemos la anexión." + _PAGE, "altered"),
])
def test_a_portuguese_no_in_a_sentence_too_bare_to_name_is_read_by_its_page(quote, text, expected):
    """A sentence py3langid cannot name ("A ONU no Haiti continua.": Extremaduran to it) is read by
    the page around it (`_written_around`), where its "no" stands before a name, and it holds no
    Spanish and is named no language whose "no" denies: "No pasarán!", "No one came.", "No mission." on
    a Portuguese page keep theirs."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… Conselho de Segurança.", "O embaixador disse «la guerra es una locura» no Conselho de Segurança.",
     "verbatim"),
    ("… Senado.", 'O ministro repetiu em espanhol "es una vergüenza" no Senado.', "verbatim"),
    ("… ao plano", 'O embaixador disse "no" ao plano ontem.', "verbatim"),
    ("… firmaremos el acuerdo»", "O ministro disse «no firmaremos el acuerdo» ontem no Senado.", "altered"),
    ("… Conselho.", "El embajador dijo «a guerra é uma loucura» no Conselho.", "altered"),
    ("O governo condenou «o ataque … Líbano» em nota oficial.",
     "O governo condenou «o ataque no Líbano» em nota oficial.", "elided"),
    ("Ministrul a spus că este „cel … important acord” din istoria țării.",
     "Ministrul a spus că este „cel mai important acord” din istoria țării.", "elided"),
])
def test_a_quotation_is_read_apart_from_the_sentence_around_it(quote, text, expected):
    """The Spanish a Portuguese sentence quotes makes it no Spanish one (`_unquoted_sentence`): its
    "no" outside the quotation is "in the"; one inside a quotation is read with its sentence, the
    quotation's own Spanish words too, a Spanish negation; a few words a sentence quotes in its own
    language are too few to name alone ("«o ataque no Líbano»", „cel mai important acord”); a Spanish
    sentence quoting Portuguese stays Spanish."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("O cartaz dizia … Pasarán.", "O cartaz dizia No Pasarán." + _PAGE, "altered"),
    ('O slogan "… Deal" dominou.', 'O slogan "No Deal" dominou.' + _PAGE, "altered"),
    ("«… Más Violencia», gritavam.", "«No Más Violencia», gritavam." + _PAGE, "altered"),
    ("… Haiti, a ONU continua.", "No Haiti, a ONU continua." + _PAGE, "verbatim"),
])
def test_a_capital_no_but_at_its_sentences_start_is_no_portuguese_in_the(quote, text, expected):
    """A "No" with a capital inside its sentence or opening a quotation opens a title or a slogan,
    English's or Spanish's, whatever page it is on (`_written_around`); Portuguese writes its "in
    the" in lower case but at a sentence's start, "No Haiti, …"."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("Het gaat … om geld, maar ook om macht.", "Het gaat niet alleen om geld, maar ook om macht.", "elided"),
    ("Wij veroordelen … de aanval maar ook de bezetting.",
     "Wij veroordelen niet enkel de aanval maar ook de bezetting.", "elided"),
    ("Het is een … bindende resolutie.", "Het is een niet-bindende resolutie.", "altered"),
    ("Het gaat … om geld.", "Het gaat niet om geld.", "altered"),
])
def test_dutch_not_only_adds_and_a_hyphened_niet_denies(quote, text, expected):
    """Dutch's "niet alleen", "niet enkel" (not only) add, as "not only" does (`_NOT_ONLY`); its "niet-"
    prefixes a word as "non-" does ("niet-bindend", `_HYPHEN_PREFIXES`), no name's syllable."""
    judged(quote, text, expected)
