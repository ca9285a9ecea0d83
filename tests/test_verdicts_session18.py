"""Session 18, task B: the reviewers' false verdicts left after session 17 — "not just … but"
that denies the verb, a negation an opening ellipsis hides, a contraction at a quote's edge,
French "ne" that denies nothing, "como nunca antes" and "PLUS TARD", a number's unit, and a
quote the page holds twice.  Then (task B2) the regressions a review of those rules found."""

from __future__ import annotations

import csv

import pytest

from crawler.align import tokenize
from crawler.verdicts import judge
from tests.judging import judged
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
    verdict = judged(quote, text, "altered")
    assert verdict.reason.startswith(f"“{shown.split()[0]}” left out at an ellipsis")
    assert verdict.alignment.diff[0] == ("delete", shown)


@pytest.mark.parametrize("quote, text", [
    ("… recognize the annexation.", "France will recognize the annexation."),                      # a modal: unsaid
    ("… France recognizes the annexation.", "Nobody doubts that France recognizes the annexation."),  # another clause
    ("… recognize the annexation.", "France does not agree. It will recognize the annexation."),  # another sentence
    ("… welcome the mission.", "We not only welcome the mission."),                                # additive
])
def test_an_opening_ellipsis_before_other_words_stays_verbatim(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("text", [
    "France does not recognize the annexation." + PAD + " Germany will recognize the annexation.",
    "Germany will recognize the annexation." + PAD + " France does not recognize the annexation.",
])
def test_of_two_places_the_one_an_opening_ellipsis_hides_nothing_before_is_taken(text):
    """As for a closing ellipsis: the verdict must not hang on which copy comes first."""
    verdict = judged("… recognize the annexation.", text, "verbatim")
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
    verdict = judged(quote, text, "minor")
    assert verdict.reason.endswith(f": {shown}")
    assert not any("negation" in c["kinds"] for c in verdict.changes)


def test_can_not_at_a_quotes_edge_for_cannot_is_verbatim():
    judged("The Ministry cannot", "The Ministry can not accept it.", "verbatim")


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
    verdict = judged(quote, text, "minor")
    assert verdict.reason.endswith(f": {shown} → ∅")
    assert verdict.changes == [{"source": shown, "quote": "", "kinds": ["removed"]}]


@pytest.mark.parametrize("quote, text", [
    ("La France … reconnaît que la souveraineté de l'Ukraine.", ONLY),
    ("avant que les élections … aient lieu", "Il faut attendre avant que les élections ne aient lieu."),
])
def test_a_ne_that_denies_nothing_hidden_at_an_ellipsis_stays_elided(quote, text):
    judged(quote, text, "elided")


@pytest.mark.parametrize("quote, text", [
    ("de peur qu'il vienne", "Ils partent de peur qu'il ne vienne pas."),         # expletive's place, with "pas"
    ("La France reconnaît pas que", "La France ne reconnaît pas que la souveraineté."),  # ne … pas que
    ("Le Gouvernement acceptera le résultat.", "Le Gouvernement n'acceptera plus le résultat."),
])
def test_a_ne_with_its_partner_is_still_a_negation(quote, text):
    verdict = judged(quote, text, "altered")
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
    judged(quote, text, "elided")


@pytest.mark.parametrize("quote, text", [
    ("À … DJAMENA LA RÉUNION AURA LIEU PLUS TARD.", "À N'DJAMENA LA RÉUNION AURA LIEU PLUS TARD."),
    ("À … DJAMENA EST LA PLUS GRANDE VILLE.", "À N'DJAMENA EST LA PLUS GRANDE VILLE."),
])
def test_plus_of_time_or_a_superlative_is_no_partner_of_a_names_n(quote, text):
    """"PLUS" within reach of N'DJAMENA was taken for its partner ("n'… plus"): a negation hidden."""
    judged(quote, text, "elided")


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
    verdict = judged(TURNOUT.format(quote), TURNOUT.format(text), "altered")
    assert shown in verdict.reason
    assert any("number" in c["kinds"] for c in verdict.changes)


def test_a_numbers_unit_dropped_at_the_quotes_end_is_altered():
    judged("Turnout fell by 40%.", "Turnout fell by 40.", "altered")


@pytest.mark.parametrize("quote, text", [("40 %", "40%"), ("40 percent", "40 per cent"), ("40%", "40 %")])
def test_a_unit_written_another_way_is_verbatim(quote, text):
    judged(TURNOUT.format(quote), TURNOUT.format(text), "verbatim")


# --- 7. a quote the page holds twice -------------------------------------------------------------

TWICE = "The Union condemns the attack on the school."


# How a reason ends when the text holds the quote N times (B3: it said "found N times in the text",
# also on an altered verdict, where it counted the passage's copies, not the quote's).
HOLDS = "the text holds the quote {} times, judged where it matches best"


@pytest.mark.parametrize("quote, text, verdict_name", [
    ("The Union condemns the attack on the school.", TWICE + PAD + " " + TWICE, "verbatim"),
    ("The Union condemns … the school.", TWICE + PAD + " " + TWICE, "elided"),
    ("The Union doesn't condemn the attack.", "The Union does not condemn the attack." + PAD
     + " The Union does not condemn the attack.", "minor"),
])
def test_a_quote_found_twice_says_so_at_the_place_it_took(quote, text, verdict_name):
    """The verdict named one place and said nothing of the other; the place taken is the same."""
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason
    assert verdict.reason.endswith(HOLDS.format(2))
    assert verdict.alignment.start == 0


@pytest.mark.parametrize("text", [
    "Statement of the Union." + PAD + " " + TWICE,                               # a heading repeats two words
    "The Union condemns the attack." + PAD + " " + TWICE,                        # a part, not the quote
])
def test_a_few_words_repeated_elsewhere_are_no_second_copy(text):
    verdict = judge("The Union condemns … the school.", text)
    assert verdict.verdict == "elided" and " times" not in verdict.reason, verdict.reason
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
    assert row["reason"] == "same words after normalisation; " + HOLDS.format(2)


# --- found on the way: an "n'" glued to the word after an ellipsis ----------------------------------

@pytest.mark.parametrize("quote, text, word", [
    ("Le Gouvernement … acceptera pas le résultat.", "Le Gouvernement n'acceptera pas le résultat.", "n'"),
    ("LE GOUVERNEMENT … ACCEPTERA PAS LE RÉSULTAT.", "LE GOUVERNEMENT N'ACCEPTERA PAS LE RÉSULTAT.", "N'"),
    ("La France … reconnaît pas le résultat.", "La France ne reconnaît pas le résultat.", "ne"),   # as before
])
def test_a_ne_an_ellipsis_hides_is_read_glued_or_apart(quote, text, word):
    """The gap " n'" before "acceptera" was cut into "n" and "'" (the word after the apostrophe lies
    past the gap): no negation read, elided, where a "ne" written apart was altered."""
    verdict = judged(quote, text, "altered")
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
    # "… governmental organisations have documented", "… aligned countries support the resolution" (a quote
    # opening inside "Non-governmental", "non-aligned"): altered since session 23, tests/test_verdicts_session23.py
    ("… countries support the resolution", "The non-aligned countries support the resolution."),
    ("… calls on Iran to comply fully",
     "The EU supports the non-proliferation treaty and calls on Iran to comply fully."),
    ("… 2334 demands an end to settlement activity", "Resolution No 2334 demands an end to settlement activity."),
    ("… support for the territorial integrity of Ukraine",
     "France has never wavered in its support for the territorial integrity of Ukraine."),
])
def test_a_negation_that_governs_a_word_outside_the_quote_is_not_hidden_by_its_opening_ellipsis(quote, text):
    """Any negation in the six words before the quote was read as hidden: "… the annexation of
    Crimea", a noun phrase after the verb "does not recognize" governs, was altered."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, shown", [
    ("… recognize the annexation", "France does not recognize the annexation of Crimea.", "not"),
    ("… recognized the annexation", "France has not yet recognized the annexation.", "not yet"),
    ("… been recognized", "The annexation has never been recognized.", "never"),
    ("… country may recognize the annexation", "No country may recognize the annexation.", "No"),
    ("… reconnaît pas l'annexion", "La France ne reconnaît pas l'annexion.", "ne"),
    ("… stand by", "We will not just stand by but act.", "not just"),
])
def test_a_negation_right_before_the_quotes_first_word_is_still_hidden(quote, text, shown):
    verdict = judged(quote, text, "altered")
    assert verdict.alignment.diff[0] == ("delete", shown)


def test_a_copy_that_an_opening_ellipsis_reads_is_judged_as_the_first_one():
    """r1.1's last probe: a second copy of the sentence made the quote altered, found 2 times."""
    sentence = "The European Union will never accept the illegal annexation of Crimea."
    judged("… the illegal annexation of Crimea.", sentence + PAD + " " + sentence, "verbatim")


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
    verdict = judged(quote, text, "altered")
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
    verdict = judged(quote, text, "altered")
    assert any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


def test_a_ne_that_denies_alone_hidden_at_an_ellipsis_is_altered():
    verdict = judged("La France … saurait accepter que la Russie viole le droit international.", SAURAIT, "altered")
    assert "“ne” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("La France peut que condamner cette violation.", "La France ne peut que condamner cette violation.", "ne"),
    ("L'Union veut que la paix.", "L'Union ne veut que la paix.", "ne"),
    ("Il a respecté que deux engagements.", "Il n'a respecté que deux engagements.", "n'"),
])
def test_the_restrictions_que_right_after_the_verb_still_denies_nothing(quote, text, shown):
    """"ne peut que condamner" (can only condemn) restricts, whatever its verb."""
    verdict = judged(quote, text, "minor")
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
    verdict = judged(NEVER, text, "verbatim")
    assert " times" not in verdict.reason, verdict.reason


def test_a_copy_whose_negation_an_ellipsis_would_hide_is_not_counted():
    """The labelled case e-ellipsis-tie-harmless-copy: its other place reads "does not recognize"."""
    from tests.test_verdicts_session16 import FORMALLY, NOT

    verdict = judged("The Ministry does … recognize the results of the vote.", FORMALLY + PAD + " " + NOT, "elided")
    assert " times" not in verdict.reason, verdict.reason


def test_pieces_of_two_paragraphs_are_no_copy():
    text = TWICE + PAD + " The Union condemns the shelling.\n" + PAD + " Children returned to the school."
    verdict = judged("The Union condemns … the school.", text, "elided")
    assert " times" not in verdict.reason, verdict.reason


@pytest.mark.parametrize("text, times", [
    (TWICE + " " + TWICE, 2),                                       # one window held both
    (TWICE + " x" * 50 + " " + TWICE, 2),
    (TWICE[:-1] + "\n" + TWICE + PAD, 2),                           # a headline right above the lead
    (TWICE + PAD + " " + TWICE.upper(), 2),                         # a copy in capitals
    ((TWICE + PAD + " ") * 5, 5),                                   # past MAX_OCCURRENCES: said nothing
    ((TWICE + PAD + " ") * 7, 7),
])
def test_every_copy_of_the_same_words_is_counted(text, times):
    verdict = judged(TWICE, text, "verbatim")
    assert verdict.reason.endswith(HOLDS.format(times)), verdict.reason


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
    verdict = judged(quote, text, "altered")
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


# === B3: the regressions review r3 found in the rules above ===========================================

# --- r3.1 a year or an article number is no end of a range ------------------------------------------

@pytest.mark.parametrize("quote, text, verdict_name", [
    ("Unemployment rose in 2020", "Unemployment rose in 2020 to 12%, the ministry said.", "verbatim"),
    ("Unemployment rose in 2020 … the ministry said.", "Unemployment rose in 2020 to 12%, the ministry said.",
     "elided"),
    ("Inflation fell in 2023", "Inflation fell in 2023 to 3 per cent.", "verbatim"),
    ("Turnout was 45% in 2020", "Turnout was 45% in 2020 and 30% in 2021.", "verbatim"),
    ("Turnout was 45% in 2020 …", "Turnout was 45% in 2020 and 30% in 2021.", "verbatim"),
    ("In 2020 … rise in prices was recorded.", "In 2020 a 12% rise in prices was recorded.", "elided"),
    ("The ceasefire agreed in 2015 …", "The ceasefire agreed in 2015 – 80% of the front line remained quiet.",
     "verbatim"),
    ("Article 5", "Article 5 and 40% of members agreed.", "verbatim"),
    ("Le chômage a augmenté en 2020 …", "Le chômage a augmenté en 2020 à 12 %.", "verbatim"),
    ("La participation était de 45 % en 2020", "La participation était de 45 % en 2020 et 30 % en 2021.", "verbatim"),
    ("El desempleo subió en 2020", "El desempleo subió en 2020 a 12 %.", "verbatim"),
])
def test_a_year_or_an_article_before_a_share_gets_no_unit(quote, text, verdict_name):
    """Any number before "to", "and", "a", "à", "–" and a number with "%" took that "%":
    "words changed: 2020% → 2020"."""
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("Support was 30", "Support was 30 to 40%.", "30% → 30"),
    ("Support was between 30", "Support was between 30 and 40 per cent.", "30% → 30"),
    ("Support was 30", "Support was 30–40%.", "30% → 30"),
    ("El apoyo fue de 30", "El apoyo fue de 30 a 40 %.", "30% → 30"),
])
def test_a_range_of_two_numbers_of_one_kind_still_writes_its_unit_once(quote, text, shown):
    verdict = judged(quote, text, "altered")
    assert shown in verdict.reason


# --- r3.2, r3.12 "whether or not", "not to mention" before an opening ellipsis ------------------------

@pytest.mark.parametrize("quote, text", [
    ("… the elections are held, the EU will monitor the situation.",
     "Whether or not the elections are held, the EU will monitor the situation."),
    ("… to send observers to the elections.",
     "The UK has not decided whether or not to send observers to the elections."),
    ("… observadores a las elecciones.", "El Gobierno decidirá si envía o no observadores a las elecciones."),
    ("… Beobachter zu den Wahlen entsenden wird.",
     "Es ist unklar, ob die Regierung oder nicht Beobachter zu den Wahlen entsenden wird."),
    ("… les observateurs seront envoyés.", "On ignore si oui ou non les observateurs seront envoyés."),
    ("… to mention the humanitarian consequences.",
     "The war has cost thousands of lives, not to mention the humanitarian consequences."),
    ("… least the humanitarian consequences.",
     "We are concerned about many things, not least the humanitarian consequences."),
])
def test_a_negation_of_a_choice_or_an_idiom_before_an_opening_ellipsis_denies_nothing(quote, text):
    """The "not" of "whether or not" stood right before the quote's first word: altered."""
    judged(quote, text, "verbatim")


def test_a_negation_after_or_inside_the_quote_is_still_read():
    judged("… to send observers.", "The UK decided not to send observers.", "altered")


# --- r3.3 Russian "не может не" (cannot but) ---------------------------------------------------------

@pytest.mark.parametrize("quote, text, verdict_name", [
    ("… вызывать серьезную озабоченность.", "Это не может не вызывать серьезную озабоченность.", "verbatim"),
    ("… осудить этот удар.", "Европейский союз не может не осудить этот удар.", "verbatim"),
    ("… осудить этот удар.", "Нельзя не осудить этот удар.", "verbatim"),
    ("… condemn this attack.", "The EU cannot but condemn this attack.", "verbatim"),
    # the quote drops "не может" and keeps "не": it says "not cause", the source "cannot but cause"
    ("… не вызывать серьезную озабоченность.", "Это не может не вызывать серьезную озабоченность.", "altered"),
    ("… не осудить этот удар.", "Нельзя не осудить этот удар.", "altered"),
    ("Это … вызывать серьезную озабоченность.", "Это не может не вызывать серьезную озабоченность.", "altered"),
])
def test_cannot_but_before_an_opening_ellipsis_is_a_double_negation(quote, text, verdict_name):
    """The second "не" stood right before the quote's first word: altered; and dropping the first
    with its verb was verbatim."""
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason


# --- r3.4, r3.5 French "ne pouvoir/savoir … que" -----------------------------------------------------

@pytest.mark.parametrize("quote, text, verdict_name", [
    ("… peut être que politique.", "La solution ne peut être que politique.", "verbatim"),
    ("… saurait être qu'une première étape.", "Cet accord ne saurait être qu'une première étape.", "verbatim"),
    ("… peut s'agir que d'une mesure temporaire.", "Il ne peut s'agir que d'une mesure temporaire.", "verbatim"),
    ("… pouvons donc que condamner ces violations.", "Nous ne pouvons donc que condamner ces violations.",
     "verbatim"),
    ("La solution peut être que politique.", "La solution ne peut être que politique.", "minor"),
    # another infinitive between: the "que" opens a clause, the "ne" denies
    ("La France saurait accepter que la Russie viole le droit.",
     "La France ne saurait accepter que la Russie viole le droit.", "altered"),
])
def test_a_restriction_after_pouvoir_etre_or_an_adverb_denies_nothing(quote, text, verdict_name):
    """Only a "que" right after the verb was the restriction's: "ne peut être que" (can only be)
    was a negation, and its "ne" hidden at an opening ellipsis made the quote altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("La communauté internationale sait que faire.", "La communauté internationale ne sait que faire."),
    ("Le gouvernement savait que penser de cette proposition.",
     "Le gouvernement ne savait que penser de cette proposition."),
    ("La communauté internationale … sait que faire.", "La communauté internationale ne sait que faire."),
    ("… sait que faire face à cette crise.", "L'Union ne sait que faire face à cette crise."),
    ("Il savait qu'en penser.", "Il ne savait qu'en penser."),
])
def test_ne_sait_que_before_an_infinitive_is_a_negation(quote, text):
    """"ne sait que faire" (does not know what to do) was read as "only": minor or elided."""
    judged(quote, text, "altered")


def test_ne_saurait_que_before_an_infinitive_still_restricts():
    judged("On saurait que se féliciter de cet accord.", "On ne saurait que se féliciter de cet accord.", "minor")


# --- r3.6, r3.7 the text holds the quote N times: copies that hold it as well ------------------------

@pytest.mark.parametrize("quote, text", [
    ("We will …", "We will support Ukraine." + PAD + " We will never accept it."),
    ("… recognize the annexation of Crimea.",
     "Some states recognize the annexation of Crimea." + PAD + " France does not recognize the annexation of Crimea."),
    ("The Ministry does …", "The Ministry does support the plan." + PAD + " The Ministry does not support the plan."),
    # a near copy judged worse than the place taken does not hold the quote as well
    (TWICE, TWICE + PAD + " The Union condemns the attack on a school."),
])
def test_a_copy_that_would_not_hold_the_quote_as_well_is_not_counted(quote, text):
    """An exact copy of the matched words counted, though the quote's ellipsis hid a negation there."""
    verdict = judged(quote, text, "verbatim")
    assert " times" not in verdict.reason, verdict.reason


def test_an_altered_quote_says_nothing_of_the_passages_copies():
    """"words changed: the → a; found 2 times in the text": read as the false quote found twice."""
    verdict = judged("The Union condemns the attack on a school.", TWICE + PAD + " " + TWICE, "altered")
    assert verdict.reason == "words changed: the → a"


# --- r3.8 "watch" and "wait" with an object --------------------------------------------------------

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


# --- r3.9 a unit an ellipsis hides at a number -------------------------------------------------------------------

@pytest.mark.parametrize("quote, text, number", [
    ("La participation s'est élevée à 47 … commission électorale, mais le vote continue.",
     "La participation s'est élevée à 47 %, selon la commission électorale, mais le vote continue.", "47"),
    ("Die Wahlbeteiligung lag bei 48 …", "Die Wahlbeteiligung lag bei 48 Prozent.", "48"),
])
def test_a_unit_an_ellipsis_hides_is_said_left_out_there(quote, text, number):
    """It said "words changed: 47% → 47", a change the quote does not make.  Still altered: the
    quote shows a bare number, as when an ellipsis hides the number itself."""
    verdict = judged(quote, text, "altered")
    assert verdict.reason == f"“%” left out at an ellipsis after {number}"
