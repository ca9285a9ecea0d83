""""not just … but" and "not only" (crawler.verdicts `_NOT_ONLY`).

Additive ("not just fair but transparent", "не только", "pas seulement", "no solamente") it
hides no negation at an ellipsis; after an auxiliary before a phrase of standing aside ("We will
not just stand by but act") it denies the verb, hidden or dropped; "stand", "sit", "talk",
"watch" and "wait" alone, or with an object, add."""

from __future__ import annotations

import pytest

from crawler.verdicts import judge
from tests.judging import judged


@pytest.mark.parametrize("quote, text, verdict", [
    ("The vote was … fair.", "The vote was not just fair but transparent.", "elided"),
    ("The vote was …", "The vote was not just fair but transparent.", "verbatim"),
    ("O voto foi … justo.", "O voto foi não só justo, mas transparente.", "elided"),
])
def test_not_just_before_a_but_is_no_negation(quote, text, verdict):
    """"not just X but Y" says X and more: its "not" hidden was read as a negation (altered)."""
    result = judge(quote, text)
    assert result.verdict == verdict, result.reason


@pytest.mark.parametrize("quote, text", [
    ("We will … stand by.", "We will not just stand by but act."),
    ("We will …", "We will not just stand by but act."),
    ("We must … watch.", "We must not merely watch but act."),
    ("They did … sit back.", "They did not just sit back, but pushed for talks."),
])
def test_not_just_after_an_auxiliary_before_a_but_is_a_negation(quote, text):
    """"We will not just stand by but act" says "we will not stand by": its "not" hidden was read
    as the additive "not just fair but transparent", and the quote was elided or verbatim."""
    verdict = judged(quote, text, "altered")
    assert "“not” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("We will … condemn the attack.", "We will not just condemn the attack but also act."),      # "but also" grants it
    ("We will … condemn the attack.", "We will not just condemn the attack but act as well."),
    ("We must … condemn the attack.", "We must not only condemn the attack but act."),           # "only" adds
    ("The vote was … fair.", "The vote was not just fair but transparent."),                     # no auxiliary
    ("We … welcome the mission.", "We not merely welcome the mission."),
    # after an auxiliary, before a verb that is no standing aside, "not just … but" adds too
    ("The EU does … condemn the attack.", "The EU does not just condemn the attack but calls for an inquiry."),
    ("We will … condemn the attack.", "We will not just condemn the attack but act."),
])
def test_additive_not_just_and_not_only_stay_elided(quote, text):
    judged(quote, text, "elided")


def test_not_just_dropped_without_an_ellipsis_is_a_negation_removed():
    verdict = judge("We will stand by.", "We will not just stand by but act.")
    assert verdict.verdict == "altered"
    assert verdict.changes[0]["source"] == "not just" and "negation" in verdict.changes[0]["kinds"]


@pytest.mark.parametrize("quote, text", [
    ("We will … stand up for human rights but defend them in every forum.",
     "We will not just stand up for human rights but defend them in every forum."),
    ("Russia must … sit at the table but negotiate in good faith.",
     "Russia must not just sit at the table but negotiate in good faith."),
    ("The parties will … talk about a ceasefire but sign one.",
     "The parties will not just talk about a ceasefire but sign one."),
    ("The Council should … wait for the report but also prepare options.",
     "The Council should not just wait for the report but also prepare options."),
])
def test_not_just_before_a_verb_that_does_not_stand_aside_adds(quote, text):
    """"stand", "sit" and "talk" alone were read as standing aside: altered."""
    judged(quote, text, "elided")


def test_talk_about_after_an_opening_ellipsis_is_no_negation_dropped():
    verdict = judge("… talk about a ceasefire but sign one.",
                    "The parties will not just talk about a ceasefire but sign one.")
    assert verdict.verdict == "verbatim", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("We will … stand idly by.", "We will not just stand idly by but act."),
    ("We will … sit back.", "We will not just sit back but act."),
    ("We will … look on.", "We will not just look on but act."),
    ("We will … remain silent.", "We will not just remain silent but act."),
    ("We will … stand aside.", "We will not just stand aside but act."),
    ("The Council should … wait.", "The Council should not just wait but act."),
])
def test_not_just_before_a_phrase_of_standing_aside_denies_it(quote, text):
    verdict = judged(quote, text, "altered")
    assert "“not” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, verdict_name", [
    ("We will … watch the elections but support civil society.",
     "We will not just watch the elections but support civil society.", "elided"),
    ("The EU will … watch developments in Georgia but engage with all parties.",
     "The EU will not just watch developments in Georgia but engage with all parties.", "elided"),
    ("The Council should … wait for the report but prepare options.",
     "The Council should not just wait for the report but prepare options.", "elided"),
    ("We will … watch but act.", "We will not just watch but act.", "altered"),
    ("We will … wait and see but act.", "We will not just wait and see but act.", "altered"),
    ("We will … watch on but act.", "We will not just watch on but act.", "altered"),
    ("We must … watch.", "We must not merely watch but act.", "altered"),
])
def test_watch_or_wait_stand_aside_only_without_an_object(quote, text, verdict_name):
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Мы поддерживаем Украину …", "Мы поддерживаем Украину не только на словах, но и на деле."),
    ("La France soutient l'Ukraine …", "La France soutient l'Ukraine pas seulement en paroles."),
    ("España apoya a Ucrania …", "España apoya a Ucrania no solamente con palabras."),
])
def test_a_closing_ellipsis_before_an_additive_not_only_hides_no_negation(quote, text):
    """"не только", "pas seulement", "no solamente" add as "not only" does (`_NOT_ONLY`, which
    missed them)."""
    judged(quote, text, "verbatim")
