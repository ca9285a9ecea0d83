"""Session 19, helper V: a quote cut silently right before the source's negation, a negation an
opening ellipsis hides behind a compound tense or a modal, "per cent" for "%" at a quote's
end, and "Article 5 à 40 %" read as a range."""

from __future__ import annotations

import csv

import pytest

from crawler.verdicts import judge
from tests.judging import judged
from tests.test_verdicts_session16 import PAD

RULING = "We regret that Russia did not comply with the ruling."

# --- 1. a silent cut before a negation ---------------------------------------------------------

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


# --- 2. an opening ellipsis before a compound tense or a modal ---------------------------------

@pytest.mark.parametrize("quote, text, shown", [
    ("… reconnu l'annexion de la Crimée", "La France n'a pas reconnu l'annexion de la Crimée.", "n'a pas"),
    ("… reconnu l'annexion", "La France n'a toujours pas officiellement reconnu l'annexion.",
     "n'a toujours pas officiellement"),
    ("… reconnue", "La France ne l'a jamais reconnue.", "ne l'a jamais"),
    ("… accepter cette décision", "La France ne peut pas accepter cette décision.", "ne peut pas"),
    ("… reconnaître l'annexion", "Le Conseil décide de ne pas reconnaître l'annexion.", "ne pas"),
    ("… reconocido la anexión de Crimea", "España no ha reconocido la anexión de Crimea.", "no ha"),
    ("… sido reconocida", "La anexión no ha sido reconocida.", "no ha"),
    ("… reconocido", "España no lo ha reconocido.", "no lo ha"),
    ("… reconhecido a anexação", "Portugal não tem reconhecido a anexação.", "não tem"),
    ("… riconosciuto l'annessione", "L'Italia non ha riconosciuto l'annessione.", "non ha"),
    ("… согласиться с этим решением", "Мы не можем согласиться с этим решением.", "не можем"),
    ("… признавать итоги", "Россия не будет признавать итоги.", "не будет"),
    ("… anerkannt", "Deutschland hat die Annexion nicht mehr anerkannt.", "nicht mehr"),
])
def test_a_negation_before_an_auxiliary_or_modal_an_opening_ellipsis_hides_is_altered(quote, text, shown):
    """Only a negation right before the quote's first word was read: "n'a pas reconnu", "no ha
    reconocido", "не можем согласиться" put an auxiliary or a modal between, and the quote was
    verbatim."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason
    assert verdict.alignment.diff[0] == ("delete", shown)


@pytest.mark.parametrize("quote, text", [
    ("… anerkannt", "Deutschland hat die Annexion nicht anerkannt."),
    ("… recognized the annexation", "France has not recognized the annexation."),
    ("… been recognized", "The annexation has never been recognized."),
])
def test_german_and_english_compound_tenses_stay_altered(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… l'annexion illégale de la Crimée", "La France ne reconnaît pas l'annexion illégale de la Crimée."),  # the verb's
    ("… l'annexion", "La France ne reconnaît pas formellement l'annexion."),
    ("… être que politique", "La solution ne peut être que politique."),                    # ne … que: only
    ("… eu lieu", "Il faut attendre avant que les élections n'aient eu lieu."),             # expletive ne
    ("… DJAMENA LA RÉUNION AURA LIEU", "À N'DJAMENA LA RÉUNION AURA LIEU."),                # a name's N'
    ("… вызывать озабоченность", "Это не может не вызывать озабоченность."),               # cannot but
    ("… la anexión de Crimea", "España no ha reconocido la anexión de Crimea."),            # reconocido governs
    ("… pas reconnu l'annexion", "La France n'a pas reconnu l'annexion."),                  # its partner said
    ("… mai riconosciuto l'annessione", "L'Italia non ha mai riconosciuto l'annessione."),
    # "… has recognized the annexation" for "No country has recognized the annexation." (English "no", a noun's):
    # altered since session 23, its "no" opening the subject (tests/test_verdicts_session23.py)
    ("… crime", "This is not a crime."),                                                      # French "a" is no English word
    ("… welcome the mission", "We not only welcome the mission."),                          # additive
    # plus que jamais: more than ever, no negation
    ("… déterminée à soutenir l'Ukraine", "La France est plus que jamais déterminée à soutenir l'Ukraine."),
])
def test_other_words_before_an_opening_ellipsis_keep_their_reading(quote, text):
    judged(quote, text, "verbatim")


# --- 3. "per cent" for "%" at a quote's end -------------------------------------------------------

REPORTED = "The ministry reported a rise of {}"


@pytest.mark.parametrize("quote, text", [
    ("a rise of 40 per cent", "40%."),
    ("a rise of 40 per cent.", "40%."),
    ("a rise of 40 per cent", "40 %."),
    ("a rise of 40 percent", "40%."),
    ("a rise of 40 per cent", "40 ％."),
    ("a rise of 40 per cent", "40% in March."),
    ("a rise of 40%", "40 per cent."),
    ("a rise of 40%.", "40 per cent."),
    ("a rise of 40 %", "40 percent."),
    ("a rise of 40%", "40 per cent in March."),
    ("a rise of 40 ％", "40 per cent in March."),
])
def test_per_cent_for_the_sign_is_minor_wherever_the_quote_ends(quote, text):
    """At the quote's end the "%" (or "per cent") stood past the span, which ends at the last
    matched word: "∅ → per cent", a word added (altered), or nothing compared (verbatim)."""
    verdict = judged(quote, REPORTED.format(text), "minor")
    assert verdict.changes and not any("number" in c["kinds"] for c in verdict.changes), verdict.changes


def test_the_minor_reason_names_the_sign_not_a_word_added():
    verdict = judge("a rise of 40 per cent", REPORTED.format("40%."))
    assert verdict.reason.endswith(": % → per cent"), verdict.reason
    assert judge("a rise of 40%", REPORTED.format("40 per cent.")).reason.endswith(": per cent → %")


@pytest.mark.parametrize("quote, text", [
    ("a rise of 50 per cent", "40%."),          # another number
    ("a rise of 40", "40 per cent."),           # a unit dropped
    ("a rise of 40 per cent", "40‰."),          # another unit
])
def test_a_changed_number_or_unit_at_the_end_is_still_altered(quote, text):
    judged(quote, REPORTED.format(text), "altered")


# --- 4. "à" after an article's number joins no range ------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("conformément à l'article 5", "Le seuil est fixé conformément à l'article 5 à 40 % des voix."),
    ("under Article 5", "The quota under Article 5 to 40% was raised by the council."),
])
def test_an_articles_number_before_a_share_takes_no_unit(quote, text):
    """"5 à 40 %" was a range, "5%" the article: a quote cut after "l'article 5" changed a number."""
    judged(quote, text, "verbatim")


def test_a_range_of_shares_still_writes_its_unit_once():
    verdict = judge("le taux est passé de 30", "Le taux est passé de 30 à 40 %.")
    assert verdict.verdict == "altered" and "30% → 30" in verdict.reason, verdict.reason


# --- 5. review R1 of the above: the silent cut narrowed to an auxiliary's own negation -----------

@pytest.mark.parametrize("quote, text", [
    # a whole clause, the source going on with a word of NEGATIONS that denies nothing of it (H1)
    ("The resolution was adopted", "The resolution was adopted without a vote."),
    ("We have not accepted the proposal", "We have not accepted the proposal nor will we accept it."),
    ("We thank all our partners", "We thank all our partners not least the European Union."),
    ("The report must be submitted", "The report must be submitted no later than 30 June."),
    ("The region faces a humanitarian crisis", "The region faces a humanitarian crisis never before seen."),
    ("Мы поддерживаем Украину", "Мы поддерживаем Украину не только на словах, но и на деле."),
    ("La France soutient l'Ukraine", "La France soutient l'Ukraine pas seulement en paroles."),
    ("La France soutient l'Ukraine", "La France soutient l'Ukraine, n'en déplaise à la Russie."),
    # a subject or a noun: the quote names it, as before session 19
    ("La France", "La France n'a pas reconnu l'annexion."),
    ("Il Ministro", "Il Ministro ne ha preso atto con soddisfazione."),
    # a comma, a line's end before a list item or a heading, a title, a number's "No." (H2, M2)
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
    """Session 19's silent cut read any negation's word after any last word: "adopted" for
    "adopted without a vote", "La France" for "La France n'a pas …" were altered.  Only a
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


@pytest.mark.parametrize("quote, text", [
    ("Deutschland erreicht das Ziel von 2 Prozent", "Deutschland erreicht das Ziel von 2 % nicht."),
    ("Deutschland erreicht das Ziel von 2 Prozent.", "Deutschland erreicht das Ziel von 2 % nicht."),
    ("Deutschland erreicht das Ziel von 2 Prozent …", "Deutschland erreicht das Ziel von 2 % nicht."),
    ("Deutschland erreicht das Ziel von 2 %", "Deutschland erreicht das Ziel von 2 Prozent nicht."),
])
def test_a_negation_right_after_the_sign_is_read_past_per_cent(quote, text):
    """The words for "%" face the sign (crawler/align.py `_sign_for_last_words`), which hid the
    "nicht" after it: minor "% → Prozent" where the quote drops the negation (review R1, H3)."""
    verdict = judged(quote, text, "altered")
    assert "nicht" in verdict.reason


@pytest.mark.parametrize("quote, text, clean", [
    ("Russia did", "Russia did not comply. Russia did comply.", "Russia did comply"),
    ("Russia did", "Russia did comply. Russia did not comply.", "Russia did comply"),
    ("Russia did", "Russia did not. Russia did.", "Russia did."),
    ("Russia did.", "Russia did not. Russia did.", "Russia did."),
    ("The EU does", "The EU does not.\nThe EU does.", "The EU does."),
    ("Russia did …", "Russia did not comply. Russia did comply.", "Russia did comply"),
])
def test_of_two_copies_close_together_the_clean_one_is_taken(quote, text, clean):
    """A short window was aligned whole, its first copy the only candidate: the preference for
    the place whose end hides no negation had nothing to choose between (review R1, M1)."""
    verdict = judged(quote, text, "verbatim")
    assert verdict.alignment.start == text.index(clean)
    assert " times" not in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… solución", "La guerra no es la solución."),
    ("… seule solution", "La force n'est pas la seule solution."),
    ("… solução", "A guerra não é a solução."),
    ("… soluzione", "La guerra non è la soluzione."),
    ("… solution", "War is not the solution."),
    ("… ha preso atto", "Il Ministro ne ha preso atto con soddisfazione."),
    ("… déplaise à la Russie", "La France soutient l'Ukraine, n'en déplaise à la Russie."),
])
def test_an_opening_ellipsis_walks_back_over_no_article_or_clitic_ne(quote, text):
    """The walk from the quote's first word to a negation passed "la", "a" as pronouns before a
    noun, and read Italian's clitic "ne" and "n'en déplaise" as negations (review R1, M3, M4)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… reconocido", "España no lo ha reconocido."),                # a pronoun before its auxiliary
    ("… ha preso atto", "Il Ministro non ne ha preso atto."),        # "non": the clitic passed
    ("… a le droit", "Personne n'a le droit de le faire."),          # "Personne … ne": its partner first
    ("… accepter", "La France ne saurait accepter."),                # a "ne" alone before savoir
])
def test_an_opening_ellipsis_still_hides_the_negation_behind_a_pronoun_or_lone_ne(quote, text):
    judged(quote, text, "altered")


def test_a_quote_that_ends_on_no_auxiliary_leaves_the_aligner_its_first_best_place():
    """Nothing is weighed after such a quote's end, so the aligner keeps to its fast path for a
    quote of one segment (review R1, L1: 50 KB with 500 copies went from 1 to 21–32 ms); a
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


def test_a_copy_before_a_phrase_that_denies_nothing_is_counted():
    """Review R1, L2: the silent cut read "no matter what" after the second copy."""
    verdict = judge("We will support Ukraine", "We will support Ukraine. We will support Ukraine no matter what.")
    assert verdict.verdict == "verbatim" and "2 times" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("5 à 40 %", "l'article 5 à 40 %"),
    ("30 à 40 %", "Conformément à l'article 30 à 40 % des voix."),
])
def test_a_quote_that_opens_at_an_articles_number_changes_no_unit(quote, text):
    """"5 à 40 %" reads as a range where the text's "l'article 5" gives the 5 no unit: the word
    that tells them apart is one the quote cut off, its own words are the source's (review R1,
    L4: altered "5 → 5%")."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Мы поддерживаем Украину …", "Мы поддерживаем Украину не только на словах, но и на деле."),
    ("La France soutient l'Ukraine …", "La France soutient l'Ukraine pas seulement en paroles."),
    ("España apoya a Ucrania …", "España apoya a Ucrania no solamente con palabras."),
])
def test_a_closing_ellipsis_before_an_additive_not_only_hides_no_negation(quote, text):
    """"не только", "pas seulement", "no solamente" add as "not only" does (`_NOT_ONLY`; review
    R1, H1 named them missing)."""
    judged(quote, text, "verbatim")


# --- 6. review R2 of the mend: the share's unit, modal look-alikes, Italian's "ne" -------------

@pytest.mark.parametrize("quote, text", [
    ("reduce emissions by 55%", "We will reduce emissions by 55 per cent no later than 2030."),
    ("reduce emissions by 55 per cent", "We will reduce emissions by 55% no later than 2030."),
    ("Turnout was 40%", "Turnout was 40 per cent not 60 per cent as the authorities claim."),
    ("Turnout was 40 per cent", "Turnout was 40% not 60% as the authorities claim."),
    ("growth of 3%", "growth of 3 per cent not seen since 2007."),
    ("growth of 3 per cent", "growth of 3% not seen since 2007."),
    ("une baisse de 40 pour cent", "Une baisse de 40 % n'est pas acceptable."),
    ("une baisse de 40 %", "Une baisse de 40 pour cent n'est pas acceptable."),
])
def test_a_negation_that_words_follow_after_the_unit_is_no_cut(quote, text):
    """The negation after a share's unit was taken whatever followed it: "55%" for "55 per cent
    no later than 2030" was altered, "55%" for "55% no later …" verbatim (review R2, H1).  Words
    after it make it theirs; the unit spelled the other way is minor, as before session 19."""
    verdict = judge(quote, text)
    assert verdict.verdict in {"verbatim", "minor"}, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Russland erreicht 5 Prozent", "Russland erreicht 5 % nicht, sagt die Regierung."),
    ("Russland erreicht 5 Prozent", "Russland erreicht 5 % nicht\nim Jahr 2024."),
    ("Russland erreicht 5 %", "Russland erreicht 5 Prozent nicht"),
])
def test_a_negation_that_ends_its_clause_after_the_unit_is_still_cut(quote, text):
    verdict = judged(quote, text, "altered")
    assert "nicht" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("We will assess the humanitarian needs", "We will assess the humanitarian needs not yet covered by the appeal."),
    ("We will assess the humanitarian needs.", "We will assess the humanitarian needs not yet covered by the appeal."),
    ("The plan addresses basic needs", "The plan addresses basic needs never met before in the region."),
    ("Humanitarian access is a need", "Humanitarian access is a need not a favour."),
    ("The statement by Prime Minister Theresa May", "The statement by Prime Minister Theresa May never mentioned it."),
    ("No convoy has reached Mariupol since May", "No convoy has reached Mariupol since May not even with UN escort."),
    ("Prisoners held against their will", "Prisoners held against their will not far from Donetsk were released."),
    ("The curfew ends at 5 am", "The curfew ends at 5 am not 6 am."),
])
def test_a_noun_or_name_spelled_like_an_auxiliary_is_no_silent_cut(quote, text):
    """"needs", "will", "May" and "am" were read as the auxiliary a "not" after them denies,
    wherever they stood (review R2, H2): "need(s)", a noun after an article or a possessive, a
    name, a time."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("I am", "I am not convinced."),
    ("It may", "It may not be enough."),
    ("They said so. May", "They said so. May not be enough."),
    ("The Government will", "The Government will never accept the result."),
])
def test_an_auxiliary_or_modal_used_as_one_is_still_cut(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… ne ha preso atto", "Il Governo non ne ha preso atto."),
    ("… ne è consapevole", "Il Governo non ne è consapevole."),
    ("… ne abbiamo discusso", "Non ne abbiamo discusso."),
])
def test_an_opening_ellipsis_before_italians_clitic_ne_hides_the_non_before_it(quote, text):
    """The quote's first word, Italian's clitic "ne", was read as a French negation of its own,
    so the "non" before it counted as the quote's (review R2, H3): it is a pronoun, passed."""
    verdict = judged(quote, text, "altered")
    assert "“non” left out" in verdict.reason.replace("“Non”", "“non”")


@pytest.mark.parametrize("quote, text", [
    ("Europe must stand united as it was", "Europe must stand united as it was not long ago."),
    ("We will rebuild Ukraine, as we did", "We will rebuild Ukraine, as we did not so long ago in the Balkans."),
    ("We will do everything we can", "We will do everything we can not least to protect civilians."),
    ("The village is", "The village is not far from the front line."),
    ("Die Hilfe ist", "Die Hilfe ist nicht bloß symbolisch, sondern konkret."),
])
def test_a_not_opening_a_phrase_that_denies_no_verb_is_no_silent_cut(quote, text):
    """"not long ago", "not least", "not far from" deny no verb the quote ends on, and "nicht
    bloß" adds as "nicht nur" does (its key is "bloss", which `_NOT_ONLY` missed): review R2, M1."""
    judged(quote, text, "verbatim")


def test_an_opening_ellipsis_after_not_far_from_still_hides_the_not():
    judged("… far from the front line", "The village is not far from the front line.", "altered")
