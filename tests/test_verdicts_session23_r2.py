"""Session 23, review R2 of the mend: the answer "No," read as a determiner across its speech tag
(`_named_no`, `_english_subject`), a denying determiner before an exception (`_opens_subject`,
`_EXCEPT`), and the copies counted when the place taken opens inside "non-" (`_found_times`)."""

from __future__ import annotations

import pytest

from tests.judging import judged


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
    as a determiner of its noun ("No country may"): altered at an opening ellipsis since before this
    session, and at a mark inside the quote since the mend."""
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


@pytest.mark.parametrize("text", [
    "It adopted a non-binding resolution. A binding resolution would have been stronger.",
    "A binding resolution would have been stronger. It adopted a non-binding resolution.",
])
def test_the_place_inside_non_binding_is_no_copy_whichever_comes_first(text):
    """The aligner takes the first copy, inside "non-binding" (`_opening_gap` then finds the clean one):
    that place was counted as a second copy, the other order not."""
    verdict = judged("binding resolution", text, "verbatim")
    assert "holds the quote" not in verdict.reason
