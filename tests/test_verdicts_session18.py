"""Session 18, task B: the reviewers' false verdicts left after session 17 — "not just … but"
that denies the verb, a negation an opening ellipsis hides, a contraction at a quote's edge,
French "ne" that denies nothing, "como nunca antes" and "PLUS TARD", a number's unit, and a
quote the page holds twice.  Then (task B2) the regressions a review of those rules found."""

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
    ("… welcome the mission.", "We not only welcome the mission."),                                # additive
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


# === B2: the regressions review r1 found in the rules above ===========================================

# --- r1.1 an opening ellipsis reads only the run right before the quote's first word ---------------

@pytest.mark.parametrize("quote, text", [
    ("… the annexation of Crimea", "France does not recognize the annexation of Crimea."),
    ("… the so-called elections held in the occupied territories",
     "The Ministry does not recognize the so-called elections held in the occupied territories."),
    ("… l'annexion illégale de la Crimée", "La France ne reconnaît pas l'annexion illégale de la Crimée."),
    ("… the OSCE mission was expelled", "Russia did not comply and the OSCE mission was expelled."),
    ("… Russia must withdraw its troops", "There is no doubt Russia must withdraw its troops."),
    ("… an independent investigation into the attack",
     "We will spare no effort to support an independent investigation into the attack."),
    ("… effort to support an independent investigation",
     "We will spare no effort to support an independent investigation into the attack."),
    ("… a peaceful settlement of the conflict",
     "The EU will never stop working for a peaceful settlement of the conflict."),
    ("… full respect for the sovereignty of Ukraine",
     "There can be no peace without full respect for the sovereignty of Ukraine."),
    ("… we call on all parties to exercise restraint",
     "Without further delay we call on all parties to exercise restraint."),
    ("… human rights must be respected", "No matter the circumstances human rights must be respected."),
    ("… matter the circumstances", "No matter the circumstances human rights must be respected."),
    ("… have documented the abuses in detail",
     "Non-governmental organisations have documented the abuses in detail."),
    ("… governmental organisations have documented", "Non-governmental organisations have documented the abuses."),
    ("… countries support the resolution", "The non-aligned countries support the resolution."),
    ("… aligned countries support the resolution", "The non-aligned countries support the resolution."),
    ("… calls on Iran to comply fully",
     "The EU supports the non-proliferation treaty and calls on Iran to comply fully."),
    ("… 2334 demands an end to settlement activity", "Resolution No 2334 demands an end to settlement activity."),
    ("… support for the territorial integrity of Ukraine",
     "France has never wavered in its support for the territorial integrity of Ukraine."),
])
def test_a_negation_that_governs_a_word_outside_the_quote_is_not_hidden_by_its_opening_ellipsis(quote, text):
    """Any negation in the six words before the quote was read as hidden: "… the annexation of
    Crimea", a noun phrase after the verb "does not recognize" governs, was altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "verbatim", verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("… recognize the annexation", "France does not recognize the annexation of Crimea.", "not"),
    ("… recognized the annexation", "France has not yet recognized the annexation.", "not yet"),
    ("… been recognized", "The annexation has never been recognized.", "never"),
    ("… country may recognize the annexation", "No country may recognize the annexation.", "No"),
    ("… reconnaît pas l'annexion", "La France ne reconnaît pas l'annexion.", "ne"),
    ("… stand by", "We will not just stand by but act.", "not just"),
])
def test_a_negation_right_before_the_quotes_first_word_is_still_hidden(quote, text, shown):
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.alignment.diff[0] == ("delete", shown)


def test_a_copy_that_an_opening_ellipsis_reads_is_judged_as_the_first_one():
    """r1.1's last probe: a second copy of the sentence made the quote altered, found 2 times."""
    sentence = "The European Union will never accept the illegal annexation of Crimea."
    verdict = judge("… the illegal annexation of Crimea.", sentence + PAD + " " + sentence)
    assert verdict.verdict == "verbatim", verdict.reason


# --- r1.8 the quote's own first word is no partner of "not" ---------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("… merely symbolic", "The resolution was not merely symbolic."),
    ("… only welcome the agreement", "We not only welcome the agreement but will support its implementation."),
    ("… just fair but transparent", "The election was not just fair but transparent."),
    ("We … only welcome the agreement", "We not only welcome the agreement but will support its implementation."),
])
def test_not_before_an_opening_ellipsis_drops_its_negation_as_a_mid_quote_one_does(quote, text):
    """"… merely symbolic" says it was merely symbolic, "The resolution was not merely symbolic"
    the opposite: the quote's first word was read as the "merely" of "not merely" (verbatim)."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert "“not” left out at an ellipsis" in verdict.reason


# --- r1.2 a French "ne" that negates alone before a "que" clause -------------------------------------

SAURAIT = "La France ne saurait accepter que la Russie viole le droit international."


@pytest.mark.parametrize("quote, text", [
    ("La France saurait accepter que la Russie viole le droit international.", SAURAIT),
    ("La France peut accepter que la Russie viole le droit international.",
     "La France ne peut accepter que la Russie viole le droit international."),
    ("La France cesse de rappeler que l'annexion est illégale.",
     "La France ne cesse de rappeler que l'annexion est illégale."),
    ("La France ne peut accepter que la Russie viole le droit international.",      # added
     "La France peut accepter que la Russie viole le droit international."),
    ("La France n'ose dire que la Russie a tort.", "La France ose dire que la Russie a tort."),
    ("Nous rappelons plus que jamais que la Russie peut ignorer ses obligations.",  # the expletive rule's hole
     "Nous rappelons plus que jamais que la Russie ne peut ignorer ses obligations."),
    ("La France a pu accepter que la Russie viole le droit.",
     "La France n'a pu accepter que la Russie viole le droit."),
])
def test_a_ne_that_denies_alone_before_a_que_clause_is_a_negation(quote, text):
    """Read as the "ne" of "ne … que" (or an expletive one): minor, where the quote says the opposite."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


def test_a_ne_that_denies_alone_hidden_at_an_ellipsis_is_altered():
    verdict = judge("La France … saurait accepter que la Russie viole le droit international.", SAURAIT)
    assert verdict.verdict == "altered", verdict.reason
    assert "“ne” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("La France peut que condamner cette violation.", "La France ne peut que condamner cette violation.", "ne"),
    ("L'Union veut que la paix.", "L'Union ne veut que la paix.", "ne"),
    ("Il a respecté que deux engagements.", "Il n'a respecté que deux engagements.", "n'"),
])
def test_the_restrictions_que_right_after_the_verb_still_denies_nothing(quote, text, shown):
    """"ne peut que condamner" (can only condemn) restricts, whatever its verb."""
    verdict = judge(quote, text)
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason.endswith(f": {shown} → ∅")


# --- r1.3, r1.4 "found N times" counts the copies that say the same --------------------------------

NEVER = "The European Union will never accept the illegal annexation of Crimea."


@pytest.mark.parametrize("text", [
    NEVER + PAD + " The European Union will always accept the illegal annexation of Crimea.",
    "The European Union will always accept the illegal annexation of Crimea." + PAD + " " + NEVER,
    NEVER + PAD + " The European Union will never accept the illegal annexation of 12 regions.",
])
def test_a_copy_that_says_the_opposite_is_not_counted(text):
    """It scored 91 (one word in ten changed) and made "found 2 times"."""
    verdict = judge(NEVER, text)
    assert verdict.verdict == "verbatim", verdict.reason
    assert "times in the text" not in verdict.reason, verdict.reason


def test_a_copy_whose_negation_an_ellipsis_would_hide_is_not_counted():
    """The labelled case e-ellipsis-tie-harmless-copy: its other place reads "does not recognize"."""
    from tests.test_verdicts_session16 import FORMALLY, NOT

    verdict = judge("The Ministry does … recognize the results of the vote.", FORMALLY + PAD + " " + NOT)
    assert verdict.verdict == "elided", verdict.reason
    assert "times in the text" not in verdict.reason, verdict.reason


def test_pieces_of_two_paragraphs_are_no_copy():
    text = TWICE + PAD + " The Union condemns the shelling.\n" + PAD + " Children returned to the school."
    verdict = judge("The Union condemns … the school.", text)
    assert verdict.verdict == "elided", verdict.reason
    assert "times in the text" not in verdict.reason, verdict.reason


@pytest.mark.parametrize("text, times", [
    (TWICE + " " + TWICE, 2),                                       # one window held both
    (TWICE + " x" * 50 + " " + TWICE, 2),
    (TWICE[:-1] + "\n" + TWICE + PAD, 2),                           # a headline right above the lead
    (TWICE + PAD + " " + TWICE.upper(), 2),                         # a copy in capitals
    ((TWICE + PAD + " ") * 5, 5),                                   # past MAX_OCCURRENCES: said nothing
    ((TWICE + PAD + " ") * 7, 7),
])
def test_every_copy_of_the_same_words_is_counted(text, times):
    verdict = judge(TWICE, text)
    assert verdict.verdict == "verbatim", verdict.reason
    assert verdict.reason.endswith(f"found {times} times in the text, judged where it matches best"), verdict.reason


# --- r1.5, r1.6, r1.9, r1.10 a number's unit --------------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("support fell from 30% to 40%", "support fell from 30 to 40%"),
    ("support fell from 30 to 40%", "support fell from 30% to 40%"),
    ("between 30% and 40% of voters", "between 30 and 40 per cent of voters"),
    ("Support rose to 40-45% in 2020.", "Support rose to 40%-45% in 2020."),
    ("between €30 and €40 million", "between €30 and 40 million"),
    ("a 5% rise", "a 5-percent rise"),
    ("a 5% rise", "a 5-per-cent rise"),
    ("turnout rose by 3% 12 months ago", "turnout rose by 3%, 12 months ago"),
    ("Turnout reached 52 %, 48 hours later.", "Turnout reached 52 % 48 hours later."),
])
def test_a_unit_written_once_for_a_range_or_spelt_otherwise_is_no_other_number(quote, text):
    """Each number's own unit was compared: "30 → 30%", "5 → 5%", and the "%" of "3%" was read
    as the unit in front of 12: altered."""
    verdict = judge(quote, text)
    assert verdict.verdict in ("verbatim", "minor"), verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("between 30 and 40 million", "between €30 and €40 million", "€30 → 30"),
    ("from 30 to 40 in 2020", "from 30% to 40% in 2020", "30% → 30"),
    ("Turnout was 40", "Turnout was 40% in the region.", "40% → 40"),
    ("Turnout was 40", "Turnout was 40 per cent in the region.", "40% → 40"),  # was verbatim
])
def test_a_unit_dropped_from_a_range_or_at_the_quotes_end_is_altered(quote, text, shown):
    """A number cut from its unit at the quote's end is altered whatever the unit's spelling."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert shown in verdict.reason


# --- r1.7 a phrase of standing aside, not a verb alone ------------------------------------------------

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
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


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
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert "“not” left out at an ellipsis" in verdict.reason
