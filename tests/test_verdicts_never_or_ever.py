""""Never" words that mean "ever" (crawler.verdicts).

jamais, jamás, nunca and mai after a comparative ("plus que jamais", "más que nunca", "più
che mai", a word between too), "à jamais", "si jamais" and "come mai" deny nothing, hidden at
an ellipsis or after a closing one; after other words they are still negations.  "como nunca"
opening a clause is "since … never" ("como nunca antes": like never before), inside one "like
never"; "mai" beside a number or after "en" is French's May."""

from __future__ import annotations

import pytest

from crawler.verdicts import judge
from tests.judging import judged


@pytest.mark.parametrize("quote, text", [
    ("Les élections du … ont été illégales.", "Les élections du 31 mai ont été illégales."),
    ("Les élections tenues en … ont été illégales.", "Les élections tenues en mai ont été illégales."),
])
def test_the_french_month_mai_is_no_negation(quote, text):
    """Italian's "never" is French's May: beside a number or after "en" it is the month."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("L'Union est … déterminée à agir.", "L'Union est plus que jamais déterminée à agir."),        # more than ever
    ("La Unión está … comprometida con la paz.", "La Unión está más que nunca comprometida con la paz."),
    ("L'Unione è … impegnata per la pace.", "L'Unione è più che mai impegnata per la pace."),
    ("A União está … empenhada na paz.", "A União está mais do que nunca empenhada na paz."),
    ("La Unión está … comprometida con la paz.", "La Unión está más de lo que nunca estuvo comprometida con la paz."),
    ("Ce territoire restera … lié à la République.", "Ce territoire restera à jamais lié à la République."),  # forever
    ("Si … les élections ont lieu, l'Union réagira.", "Si jamais les élections ont lieu, l'Union réagira."),  # if ever
    ("Come … il governo ha rinviato il voto?", "Come mai il governo ha rinviato il voto?"),                # why
    ("L'Unione è più che … impegnata per la pace.", "L'Unione è più che mai impegnata per la pace."),    # "mai" alone hidden
])
def test_never_that_means_ever_hidden_is_no_negation(quote, text):
    """jamais, jamás, nunca and mai were read as negations wherever they stood: hidden, altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Il governo è determinato più che …", "Il governo è determinato più che mai, ha detto il ministro."),
    ("La Unión está comprometida más que …", "La Unión está comprometida más que nunca con la paz."),
])
def test_never_that_means_ever_after_a_closing_ellipsis_is_no_negation(quote, text):
    verdict = judge(quote, text)
    assert verdict.verdict == "verbatim", verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("El Gobierno dijo que … aceptará.", "El Gobierno dijo que nunca aceptará.", "nunca"),   # that never: no comparative
    ("La France ne veut … revoir cela.", "La France ne veut plus jamais revoir cela.", "jamais"),  # never again
    ("Si … llega el acuerdo, habrá sanciones.", "Si nunca llega el acuerdo, habrá sanciones.", "nunca"),  # if never
])
def test_never_after_other_words_is_still_a_negation(quote, text, word):
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert f"“{word}” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Como … reconoció las elecciones, el Gobierno no envió observadores.",
     "Como nunca reconoció las elecciones, el Gobierno no envió observadores."),      # since ... never
    ("Como … aceitou o resultado, o Governo convocou novas eleições.",
     "Como nunca aceitou o resultado, o Governo convocou novas eleições."),
    ("El Gobierno dijo que, como … reconoció las elecciones, no enviará observadores.",
     "El Gobierno dijo que, como nunca reconoció las elecciones, no enviará observadores."),
    ("El Gobierno dijo que como … reconoció las elecciones, no enviará observadores.",
     "El Gobierno dijo que como nunca reconoció las elecciones, no enviará observadores."),
    ("Comme … la France n'a reconnu ces élections, elle n'enverra personne.",
     "Comme jamais la France n'a reconnu ces élections, elle n'enverra personne."),
])
def test_como_nunca_opening_a_clause_is_a_negation(quote, text):
    """"como nunca" was read as "like never before" wherever it stood: hidden, elided."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("La Unión Europea está unida como … antes en su apoyo a la paz.",
     "La Unión Europea está unida como nunca antes en su apoyo a la paz."),             # as never before
    ("La Francia, come … prima, sostiene il processo di pace.",
     "La Francia, come mai prima, sostiene il processo di pace."),                      # Italian: as it was
])
def test_como_nunca_inside_a_clause_is_still_ever(quote, text):
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("L'Union européenne est plus déterminée … à soutenir le processus de paix.",
     "L'Union européenne est plus déterminée que jamais à soutenir le processus de paix."),
    ("La Unión Europea está más comprometida … con el proceso de paz.",
     "La Unión Europea está más comprometida que nunca con el proceso de paz."),
    ("L'Unione europea è più impegnata … nel processo di pace.",
     "L'Unione europea è più impegnata che mai nel processo di pace."),
    ("A União Europeia está mais empenhada … no processo de paz.",
     "A União Europeia está mais empenhada do que nunca no processo de paz."),
])
def test_a_comparative_two_words_back_makes_never_ever(quote, text):
    """Only "plus que jamais" was read as "more than ever": a word between them left it a negation."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("El Gobierno dijo más tarde que … aceptará el resultado.",
     "El Gobierno dijo más tarde que nunca aceptará el resultado.", "nunca"),          # said later that never
    ("Le ministre a dit plus tard que … il n'accepterait ce résultat.",
     "Le ministre a dit plus tard que jamais il n'accepterait ce résultat.", "jamais"),
])
def test_a_comparative_of_time_two_words_back_leaves_never_a_negation(quote, text, word):
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == f"“{word}” left out at an ellipsis"


@pytest.mark.parametrize("quote, text", [
    ("Como … antes, el Gobierno apoya la paz.", "Como nunca antes, el Gobierno apoya la paz."),
    ("Comme … auparavant, l'Union soutient la paix.", "Comme jamais auparavant, l'Union soutient la paix."),
    ("Dijo que como … antes el Gobierno apoya la paz.", "Dijo que como nunca antes el Gobierno apoya la paz."),
])
def test_como_nunca_antes_opening_a_clause_is_no_negation(quote, text):
    """"como nunca" opening a clause is causal ("since … never"), but "like never before" opens
    one too."""
    judged(quote, text, "elided")
