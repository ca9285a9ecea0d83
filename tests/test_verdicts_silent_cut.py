"""A quote cut silently (no ellipsis) right before the source's negation.

"Russia did" for "Russia did not comply" asserts what the source denies: altered, the cut named
as a cut.  Only a negation right after an auxiliary, a modal or a copula denies the quote's
last word ("no longer", "neither", and the French partner after it too); a quote that merely
ends where its sentence goes on, a "not" opening a phrase that denies no verb ("not long ago"),
a comparison, an idiom or a short line keep it verbatim.  A line break, a soft hyphen or a
zero-width space between is read as a space; a new paragraph or a mark ends the quote's phrase.
A quote that ends on no auxiliary leaves the aligner its first best place."""

from __future__ import annotations

import csv

import pytest

from crawler.verdicts import judge
from tests.judging import PAD, judged

RULING = "We regret that Russia did not comply with the ruling."

# The same shape, ordinary: the auxiliary goes on with "no" or "plus" that denies nothing of it.
AUXILIARY_GOES_ON = [
    ("The outcome will", "The outcome will no doubt be contested."),
    ("This is", "This is no doubt a step forward."),
    ("The threat is", "The threat is no less serious than before."),
    ("The mission was", "The mission was no more than a gesture."),
    ("The talks had", "The talks had no sooner begun than they ended."),
    ("The agreement is no longer", "The agreement is no longer in force."),
    ("The agreement is no longer in force", "The agreement is no longer in force."),
    ("The agreement is no longer in force.", "The agreement is no longer in force. No party objected."),
    ("We support", "We support neither side in this dispute."),
    ("The EU is", "The EU is, neither more nor less, a partner."),
    ("L'Union est", "L'Union est plus forte que jamais."),
    ("La situation est", "La situation est plus grave qu'hier."),
    ("Nous avons", "Nous avons plus de quarante observateurs sur place."),
    ("La France a", "La France a plus tard reconnu le résultat."),
    ("Il n'a", "Il n'a plus tard rien dit."),
    ("Ce point est", "Ce point est point de départ des négociations."),
    ("L'accord", "L'accord n'est plus en vigueur."),
    ("El acuerdo", "El acuerdo ya no es válido."),
    ("El acuerdo …", "El acuerdo ya es válido."),
    ("O acordo …", "O acordo já é válido."),
    ("The report is", "The report is not only late but incomplete."),
    ("Le rapport n'est plus", "Le rapport n'est plus disponible."),
]


@pytest.mark.parametrize("quote, text", [
    ("Russia did", RULING),
    ("Russia did.", RULING),
    ("“Russia did”", RULING),
    ("The Ministry does", "The Ministry does not recognize the so-called elections."),
    ("The Government will", "The Government will never accept the result of the referendum."),
    ("La France n'a", "La France n'a pas reconnu l'annexion de la Crimée."),
    ("Die Bundesregierung wird", "Die Bundesregierung wird nicht zustimmen."),
])
def test_a_quote_cut_silently_before_the_sources_negation_is_altered(quote, text):
    """It was verbatim, where "Russia did …" (an honest ellipsis) was altered: the cut hides even
    that the sentence goes on.  The dropped negation is a change of the quote's, shown."""
    verdict = judged(quote, text, "altered")
    assert verdict.reason.startswith("words changed: ")
    assert "before the source's" in verdict.reason
    assert any("negation" in c["kinds"] and "removed" in c["kinds"] for c in verdict.changes), verdict.changes


def test_the_silent_cut_is_named_as_a_cut_not_a_sentence_end():
    assert judge("Russia did", RULING).reason == "words changed: not → ∅ (the quote ends before the source's “not”)"
    assert judge("Russia did.", RULING).reason == (
        "words changed: not → ∅ (the quote ends its sentence before the source's “not”)")


@pytest.mark.parametrize("quote, text", [
    ("The Ministry does recognize", "The Ministry does recognize the so-called elections."),   # goes on harmlessly
    ("We regret that Russia did", "We regret that Russia did not only comply but also pay."),   # not only: adds
    ("The vote was", "The vote was not just fair but transparent."),                           # not just … but: adds
    ("We welcome the decision.", "We welcome the decision. No party objected to it."),         # another sentence
    ("We welcome the decision", "We welcome the decision, which nobody expected."),              # another clause
    ("La France", "La France ne reconnaît que la souveraineté de l'Ukraine."),                  # ne … que: only
    ("Le Gouvernement", "Le Gouvernement n'acceptera pas le résultat du référendum."),           # a subject: see 5.
    ("La France n'a", "La France n'a reconnu que la souveraineté de l'Ukraine."),               # ne … que: only
])
def test_a_quote_that_merely_ends_where_its_sentence_goes_on_stays_verbatim(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("text", [
    RULING + PAD + " We note that Russia did comply with the earlier ruling.",
    "We note that Russia did comply with the earlier ruling." + PAD + " " + RULING,
])
def test_of_two_places_the_one_a_silent_cut_hides_nothing_after_is_taken(text):
    """As for a closing ellipsis: the verdict does not hang on which copy comes first, and the
    copy whose negation the cut would hide is no second copy of the quote."""
    verdict = judged("Russia did", text, "verbatim")
    assert verdict.alignment.start == text.index("Russia did comply")
    assert " times" not in verdict.reason


def test_the_check_shows_the_negation_a_silent_cut_drops(runner, tmp_path):
    """End to end through `citewatch check` into a real database: the row is altered and its diff
    ends with the source's "not" deleted."""
    from crawler.cli import cli

    page = tmp_path / "ruling.txt"
    page.write_text(RULING, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", "Russia did",
                                 str(page), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["verdict"] == "altered", row["reason"]
    assert row["diff"] == "Russia did [-not-]"


@pytest.mark.parametrize("quote, text", [
    # a whole clause, the source going on with a word of NEGATIONS that denies nothing of it
    ("The resolution was adopted", "The resolution was adopted without a vote."),
    ("We have not accepted the proposal", "We have not accepted the proposal nor will we accept it."),
    ("We thank all our partners", "We thank all our partners not least the European Union."),
    ("The report must be submitted", "The report must be submitted no later than 30 June."),
    ("The region faces a humanitarian crisis", "The region faces a humanitarian crisis never before seen."),
    ("Мы поддерживаем Украину", "Мы поддерживаем Украину не только на словах, но и на деле."),
    ("La France soutient l'Ukraine", "La France soutient l'Ukraine pas seulement en paroles."),
    ("La France soutient l'Ukraine", "La France soutient l'Ukraine, n'en déplaise à la Russie."),
    # a subject or a noun: the quote names it
    ("La France", "La France n'a pas reconnu l'annexion."),
    ("Il Ministro", "Il Ministro ne ha preso atto con soddisfazione."),
    # a comma, a line's end before a list item or a heading, a title, a number's "No."
    ("The resolution was adopted", "The resolution was adopted, as expected, without a vote."),
    ("Russia did", "Russia did, not surprisingly, comply."),
    ("Support for the ceasefire", "Our priorities:\n• Support for the ceasefire\n• no new settlements"),
    ("THE EU WELCOMES THE DECISION", "THE EU WELCOMES THE DECISION\nNO PARTY OBJECTED TO IT."),
    ("Security Council resolution", "Security Council resolution No. 2334 (2016) remains valid."),
    ("the film", "We showed the film Never Again in Geneva."),
    # an auxiliary's additive "not only"
    ("The EU is", "The EU is not only a donor but a partner."),
])
def test_a_quote_ending_on_no_auxiliary_before_its_negation_stays_verbatim(quote, text):
    """A silent cut that read any negation's word after any last word called "adopted" for
    "adopted without a vote", "La France" for "La France n'a pas …" altered.  Only a
    negation right after an auxiliary, a modal or a copula denies the quote's last word."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("The vote was", "The vote was not close."),
    ("The EU is", "The EU is not a party to the conflict."),
    ("The Ministry does", "The Ministry does not recognize the elections."),
    ("Russia did", "Russia did\u00a0not comply."),
    ("La France n'a", "La France n'a jamais reconnu l'annexion."),
])
def test_an_auxiliary_or_copula_cut_before_its_own_negation_stays_altered(quote, text):
    verdict = judged(quote, text, "altered")
    assert verdict.reason.endswith("”)") and "the quote ends" in verdict.reason


def test_a_quote_that_ends_on_no_auxiliary_leaves_the_aligner_its_first_best_place():
    """Nothing is weighed after such a quote's end, so the aligner keeps to its fast path for a
    quote of one segment (weighing 50 KB with 500 copies took 21–32 ms, not 1); a
    quote that ends on an auxiliary or at an ellipsis is weighed."""
    from crawler.align import align

    seen = []

    def recording(quote, text, **kwargs):
        seen.append(kwargs["hides_after"])
        return align(quote, text, **kwargs)

    text = "The resolution was adopted by consensus. The Ministry does not. The Ministry does."
    for quote in ("The resolution was adopted", "The Ministry does", "The resolution was …"):
        judge(quote, text, aligner=recording)
    assert seen[0] is None and seen[1] is not None and seen[2] is not None


@pytest.mark.parametrize("quote, text", [
    ("Europe must stand united as it was", "Europe must stand united as it was not long ago."),
    ("We will rebuild Ukraine, as we did", "We will rebuild Ukraine, as we did not so long ago in the Balkans."),
    ("We will do everything we can", "We will do everything we can not least to protect civilians."),
    ("The village is", "The village is not far from the front line."),
    ("Die Hilfe ist", "Die Hilfe ist nicht bloß symbolisch, sondern konkret."),
])
def test_a_not_opening_a_phrase_that_denies_no_verb_is_no_silent_cut(quote, text):
    """"not long ago", "not least", "not far from" deny no verb the quote ends on, and "nicht
    bloß" adds as "nicht nur" does (its key is "bloss", which `_NOT_ONLY` missed)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, shown", [
    ("The agreement is", "The agreement is no longer in force.", "no longer"),
    ("The proposals are", "The proposals are no longer on the table.", "no longer"),
    ("The agreement is.", "The agreement is no longer in force.", "no longer"),
    ("The position is", "The position is neither fair nor balanced.", "neither"),
    ("L'accord n'est", "L'accord n'est plus en vigueur.", "plus"),
    ("La situation n'est", "La situation n'est guère meilleure.", "guère"),
    ("Das Abkommen ist", "Das Abkommen ist nicht mehr in Kraft.", "nicht"),
])
def test_a_silent_cut_before_no_longer_neither_or_a_french_partner_is_altered(quote, text, shown):
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”)" in verdict.reason


@pytest.mark.parametrize("quote, text, hidden", [
    ("The agreement is …", "The agreement is no longer in force.", "no"),
    ("The position is …", "The position is neither fair nor balanced.", "neither"),
    ("L'accord n'est …", "L'accord n'est plus en vigueur.", "plus"),
    ("L'accord n'est … en vigueur", "L'accord n'est plus en vigueur.", "plus"),
    ("Das Abkommen ist …", "Das Abkommen ist nicht mehr in Kraft.", "nicht"),
    ("El acuerdo …", "El acuerdo ya no es válido.", "no"),
    ("O acordo …", "O acordo já não é válido.", "não"),
])
def test_an_ellipsis_before_them_hides_the_negation(quote, text, hidden):
    verdict = judged(quote, text, "altered")
    assert f"“{hidden}” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", AUXILIARY_GOES_ON)
def test_ordinary_sentences_going_on_after_an_auxiliary_stay_as_they_were(quote, text):
    """"no doubt", "no less", "no more than", "no sooner" deny nothing; "plus" without its "ne"
    is "more"; a quote that holds the negation, or ends on a subject ("L'accord", "El acuerdo",
    as "La France" for "La France n'a pas reconnu" does), says what the source says."""
    verdict = judge(quote, text)
    assert verdict.verdict in {"verbatim", "elided"}, verdict.reason


@pytest.mark.parametrize("between", ["\n", " \n", "\u00ad", "\u00ad\n", "\u200b ", " \u200b", "\u00a0", "\u2060 ",
                                     "\r\n"])
@pytest.mark.parametrize("quote", ["The Ministry does", "The Ministry does …"])
def test_a_line_break_or_an_invisible_character_hides_no_negation(between, quote):
    """As with a plain space: a PDF's wrapped line, a soft hyphen or a zero-width space made the
    silent cut's "not" look like another line's word."""
    text = f"The Ministry does{between}not recognize the so-called elections."
    plain = judge(quote, "The Ministry does not recognize the so-called elections.")
    verdict = judged(quote, text, "altered")
    assert verdict.reason == plain.reason


@pytest.mark.parametrize("quote, text", [
    ("The Ministry does", "The Ministry does\n\nnot recognize the elections."),      # a paragraph apart
    ("The Ministry does", "The Ministry does\nNot Recognized Elections: a list"),     # a title's line
    ("Russia did", "Russia did\u200b, not surprisingly, comply."),                    # a comma after it
    ("Support for the ceasefire", "Our priorities:\n• Support for the ceasefire\n• no new settlements"),
])
def test_a_new_paragraph_or_a_mark_still_ends_the_quotes_phrase(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("The agreement is", "The agreement is no longer than ten pages."),
    ("The new text is", "The new text is no longer than the old one and is no less ambitious."),
    ("What we can do", "What we can do no longer depends on Moscow."),
    ("Whether the sanctions work is", "Whether the sanctions work is neither here nor there."),
    ("L'accord n'est", "L'accord n'est plus que l'ombre de lui-même."),
    ("L'accord n'est …", "L'accord n'est plus que l'ombre de lui-même."),
    ("L'Ukraine n'a", "L'Ukraine n'a plus que deux options."),
    ("L'Ukraine n'a …", "L'Ukraine n'a plus que deux options."),
    ("What we can do", "WHAT WE CAN DO\nNOT ALONE BUT TOGETHER"),
    ("Remember what you can", "Remember what you can\nnot what you cannot"),
    ("Who we are", "Who we are\nnot who they say we are"),
])
def test_low_a_comparison_an_idiom_only_now_or_a_short_line_is_no_cut(quote, text):
    """"no longer than" compares, "neither here nor there" says it does not matter, "do" never
    takes "no longer", "ne … plus que" is "only"; two short lines, the second with no stop, are a
    slogan's or a poem's, not a sentence wrapped (`_running_prose`)."""
    verdict = judge(quote, text)
    assert verdict.verdict in {"verbatim", "minor"}, verdict.reason
