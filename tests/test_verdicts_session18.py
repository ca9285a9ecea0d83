"""Session 18, task B: the reviewers' false verdicts left after session 17 — "not just … but"
that denies the verb, a negation an opening ellipsis hides, a contraction at a quote's edge,
French "ne" that denies nothing, "como nunca antes" and "PLUS TARD", a number's unit, and a
quote the page holds twice."""

from __future__ import annotations

import csv

import pytest

from crawler.align import tokenize
from crawler.verdicts import judge
from tests.test_verdicts_session16 import PAD

# --- 1. "not just … but" after an auxiliary denies the verb ----------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("We will … stand by.", "We will not just stand by but act."),
    ("We will …", "We will not just stand by but act."),
    ("We must … watch.", "We must not merely watch but act."),
    ("They did … sit back.", "They did not just sit back, but pushed for talks."),
])
def test_not_just_after_an_auxiliary_before_a_but_is_a_negation(quote, text):
    """"We will not just stand by but act" says "we will not stand by": its "not" hidden was read
    as the additive "not just fair but transparent", and the quote was elided or verbatim."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
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
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


def test_not_just_dropped_without_an_ellipsis_is_a_negation_removed():
    verdict = judge("We will stand by.", "We will not just stand by but act.")
    assert verdict.verdict == "altered"
    assert verdict.changes[0]["source"] == "not just" and "negation" in verdict.changes[0]["kinds"]


# --- 2. an opening ellipsis that hides a negation -----------------------------------------------

@pytest.mark.parametrize("quote, text, shown", [
    ("… recognize the annexation.", "France does not recognize the annexation.", "not"),
    ("“… recognize the annexation”", "The Ministry said that France does not recognize the annexation.", "not"),
    ("… recognize the annexation …", "France does not formally recognize the annexation of the peninsula.",
     "not formally"),
    ("… country recognizes the annexation.", "No country recognizes the annexation.", "No"),
    ("… reconoce la anexión.", "Francia nunca reconoce la anexión.", "nunca"),
])
def test_a_negation_an_opening_ellipsis_hides_makes_the_quote_altered(quote, text, shown):
    """The mid-quote and closing ellipses were read; the opening one was not: verbatim."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason.startswith(f"“{shown.split()[0]}” left out at an ellipsis")
    assert verdict.alignment.diff[0] == ("delete", shown)


@pytest.mark.parametrize("quote, text", [
    ("… recognize the annexation.", "France will recognize the annexation."),                      # a modal: unsaid
    ("… France recognizes the annexation.", "Nobody doubts that France recognizes the annexation."),  # another clause
    ("… recognize the annexation.", "France does not agree. It will recognize the annexation."),  # another sentence
    ("… only welcome the mission.", "We not only welcome the mission."),                           # additive
])
def test_an_opening_ellipsis_before_other_words_stays_verbatim(quote, text):
    verdict = judge(quote, text)
    assert verdict.verdict == "verbatim", verdict.reason


@pytest.mark.parametrize("text", [
    "France does not recognize the annexation." + PAD + " Germany will recognize the annexation.",
    "Germany will recognize the annexation." + PAD + " France does not recognize the annexation.",
])
def test_of_two_places_the_one_an_opening_ellipsis_hides_nothing_before_is_taken(text):
    """As for a closing ellipsis: the verdict must not hang on which copy comes first."""
    verdict = judge("… recognize the annexation.", text)
    assert verdict.verdict == "verbatim", verdict.reason
    assert verdict.alignment.start == text.index("recognize the annexation", text.index("Germany"))


def test_the_check_shows_the_negation_an_opening_ellipsis_hides(runner, tmp_path):
    """End to end through `citewatch check` into a real database: the one-line diff shows the
    hidden "not" where the opening ellipsis stands."""
    from crawler.cli import cli

    page = tmp_path / "opening.txt"
    page.write_text("France does not recognize the annexation.", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", "… recognize the annexation",
                                 str(page), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["verdict"] == "altered" and row["reason"] == "“not” left out at an ellipsis"
    assert row["diff"] == "[-not-] recognize the annexation"


# --- 3. a contraction and its words compare equal wherever they stand ---------------------------

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
    verdict = judge(quote, text)
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason.endswith(f": {shown}")
    assert not any("negation" in c["kinds"] for c in verdict.changes)


def test_can_not_at_a_quotes_edge_for_cannot_is_verbatim():
    verdict = judge("The Ministry cannot", "The Ministry can not accept it.")
    assert verdict.verdict == "verbatim", verdict.reason


# --- 4. French "ne" that denies nothing ---------------------------------------------------------

ONLY = "La France ne reconnaît que la souveraineté de l'Ukraine."   # ne … que: only


@pytest.mark.parametrize("quote, text, shown", [
    ("La France reconnaît que la souveraineté de l'Ukraine.", ONLY, "ne"),
    ("avant que les élections aient lieu", "Il faut attendre avant que les élections n'aient lieu.", "n'"),
    ("à moins qu'il accepte", "Nous agirons à moins qu'il n'accepte.", "n'"),
    ("Nous craignons que la situation se détériore.", "Nous craignons que la situation ne se détériore.", "ne"),
    ("La situation est plus grave qu'on le pense.", "La situation est plus grave qu'on ne le pense.", "ne"),
])
def test_a_ne_that_denies_nothing_dropped_is_minor(quote, text, shown):
    """It was a negation dropped: altered.  The expletive "ne" says nothing; "ne … que" dropped
    with its "que" kept loses "only", which narrows the claim without turning it round: minor,
    the reason names it."""
    verdict = judge(quote, text)
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason.endswith(f": {shown} → ∅")
    assert verdict.changes == [{"source": shown, "quote": "", "kinds": ["removed"]}]


@pytest.mark.parametrize("quote, text", [
    ("La France … reconnaît que la souveraineté de l'Ukraine.", ONLY),
    ("avant que les élections … aient lieu", "Il faut attendre avant que les élections ne aient lieu."),
])
def test_a_ne_that_denies_nothing_hidden_at_an_ellipsis_stays_elided(quote, text):
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("de peur qu'il vienne", "Ils partent de peur qu'il ne vienne pas."),         # expletive's place, with "pas"
    ("La France reconnaît pas que", "La France ne reconnaît pas que la souveraineté."),  # ne … pas que
    ("Le Gouvernement acceptera le résultat.", "Le Gouvernement n'acceptera plus le résultat."),
])
def test_a_ne_with_its_partner_is_still_a_negation(quote, text):
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


def test_restrictive_ne_que_dropped_whole_is_altered_but_no_negation():
    """Both words gone, "que" with them: a changed sentence, though not a denial turned round."""
    verdict = judge("La France reconnaît la souveraineté de l'Ukraine.", ONLY)
    assert verdict.verdict == "altered"
    assert not any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


# --- 5. "Como nunca antes" and "PLUS TARD" ----------------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("Como … antes, el Gobierno apoya la paz.", "Como nunca antes, el Gobierno apoya la paz."),
    ("Comme … auparavant, l'Union soutient la paix.", "Comme jamais auparavant, l'Union soutient la paix."),
    ("Dijo que como … antes el Gobierno apoya la paz.", "Dijo que como nunca antes el Gobierno apoya la paz."),
])
def test_como_nunca_antes_opening_a_clause_is_no_negation(quote, text):
    """Session 17 made "como nunca" opening a clause causal ("since … never"): "like never
    before" opens one too."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("À … DJAMENA LA RÉUNION AURA LIEU PLUS TARD.", "À N'DJAMENA LA RÉUNION AURA LIEU PLUS TARD."),
    ("À … DJAMENA EST LA PLUS GRANDE VILLE.", "À N'DJAMENA EST LA PLUS GRANDE VILLE."),
])
def test_plus_of_time_or_a_superlative_is_no_partner_of_a_names_n(quote, text):
    """"PLUS" within reach of N'DJAMENA was taken for its partner ("n'… plus"): a negation hidden."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


def test_a_names_n_dropped_before_plus_tard_is_no_negation():
    verdict = judge("À DJAMENA LA RÉUNION AURA LIEU PLUS TARD.", "À N'DJAMENA LA RÉUNION AURA LIEU PLUS TARD.")
    assert not any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


# --- 6. a number's unit --------------------------------------------------------------------------

TURNOUT = "Turnout fell by {} in the region this year."


@pytest.mark.parametrize("quote, text, shown", [
    ("40%", "40", "40 → 40%"), ("40 %", "40", "40 → 40%"), ("40", "40%", "40% → 40"),
    ("€40", "40", "40 → €40"), ("40%", "40‰", "40‰ → 40%"), ("40 per cent", "€40", "€40 → 40%"),
])
def test_a_numbers_unit_changed_is_altered(quote, text, shown):
    """The "%" is punctuation to the alignment: "40%" for "40" was minor, with nothing named."""
    verdict = judge(TURNOUT.format(quote), TURNOUT.format(text))
    assert verdict.verdict == "altered", verdict.reason
    assert shown in verdict.reason
    assert any("number" in c["kinds"] for c in verdict.changes)


def test_a_numbers_unit_dropped_at_the_quotes_end_is_altered():
    verdict = judge("Turnout fell by 40%.", "Turnout fell by 40.")
    assert verdict.verdict == "altered", verdict.reason


@pytest.mark.parametrize("quote, text", [("40 %", "40%"), ("40 percent", "40 per cent"), ("40%", "40 %")])
def test_a_unit_written_another_way_is_verbatim(quote, text):
    verdict = judge(TURNOUT.format(quote), TURNOUT.format(text))
    assert verdict.verdict == "verbatim", verdict.reason


# --- 7. a quote the page holds twice -------------------------------------------------------------

TWICE = "The Union condemns the attack on the school."


@pytest.mark.parametrize("quote, text, verdict_name", [
    ("The Union condemns the attack on the school.", TWICE + PAD + " " + TWICE, "verbatim"),
    ("The Union condemns the attack on the school.", TWICE + PAD + " The Union condemns the attack on a school.",
     "verbatim"),
    ("The Union condemns … the school.", TWICE + PAD + " " + TWICE, "elided"),
    ("The Union doesn't condemn the attack.", "The Union does not condemn the attack." + PAD
     + " The Union does not condemn the attack.", "minor"),
    ("The Union condemns the attack on a school.", TWICE + PAD + " " + TWICE, "altered"),
])
def test_a_quote_found_twice_says_so_at_the_place_it_took(quote, text, verdict_name):
    """The verdict named one place and said nothing of the other; the place taken is the same."""
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason
    assert verdict.reason.endswith("found 2 times in the text, judged where it matches best")
    assert verdict.alignment.start == 0


@pytest.mark.parametrize("text", [
    "Statement of the Union." + PAD + " " + TWICE,                               # a heading repeats two words
    "The Union condemns the attack." + PAD + " " + TWICE,                        # a part, not the quote
])
def test_a_few_words_repeated_elsewhere_are_no_second_copy(text):
    verdict = judge("The Union condemns … the school.", text)
    assert verdict.verdict == "elided" and "times in the text" not in verdict.reason, verdict.reason
    assert verdict.alignment.start == text.index(TWICE)


def test_the_check_says_found_twice(runner, tmp_path):
    from crawler.cli import cli

    page = tmp_path / "twice.txt"
    page.write_text(TWICE + PAD + " " + TWICE, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", TWICE,
                                 str(page), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["verdict"] == "verbatim"
    assert row["reason"] == "same words after normalisation; found 2 times in the text, judged where it matches best"


# --- found on the way: an "n'" glued to the word after an ellipsis ----------------------------------

@pytest.mark.parametrize("quote, text, word", [
    ("Le Gouvernement … acceptera pas le résultat.", "Le Gouvernement n'acceptera pas le résultat.", "n'"),
    ("LE GOUVERNEMENT … ACCEPTERA PAS LE RÉSULTAT.", "LE GOUVERNEMENT N'ACCEPTERA PAS LE RÉSULTAT.", "N'"),
    ("La France … reconnaît pas le résultat.", "La France ne reconnaît pas le résultat.", "ne"),   # as before
])
def test_a_ne_an_ellipsis_hides_is_read_glued_or_apart(quote, text, word):
    """The gap " n'" before "acceptera" was cut into "n" and "'" (the word after the apostrophe lies
    past the gap): no negation read, elided, where a "ne" written apart was altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == f"“{word}” left out at an ellipsis"


def test_the_tokenizer_keeps_an_n_apostrophe_whole_when_its_range_ends_after_it():
    text = "Le Gouvernement n'acceptera pas."
    at = text.index("n'")
    assert [(t.text, t.key) for t in tokenize(text, at - 1, at + 2)] == [("n'", "n'")]
    assert [t.text for t in tokenize(text, at - 1, at + 1)] == ["n"]       # the apostrophe outside: as before
