"""Numbers and their units in a quote (crawler/align.py, crawler.verdicts).

"%" for "per cent" ("percent", "pour cent") is minor wherever the quote ends, and the reason
names the sign; a number written with or without its separator is no change; another number or
another unit, however written, is altered, as is a unit dropped or hidden at the quote's end or
at an ellipsis.  A range writes its unit once for both its numbers; a year or an article's
number ("l'article 5", "Art. 5") before a share takes no unit; a negation after a share's unit
is read past the sign, and cuts only where it ends its clause."""

from __future__ import annotations

import pytest

from crawler.verdicts import judge
from tests.judging import judged

TURNOUT = "Turnout fell by {} in the region this year."

REPORTED = "The ministry reported a rise of {}"


@pytest.mark.parametrize("quote, text", [
    ("5 %", "5 per cent"), ("5 per cent", "5 %"), ("5%", "5 percent"), ("5 percent", "5%"),
    ("5 pour cent", "5 %"),
])
def test_per_cent_for_the_sign_is_minor(quote, text):
    verdict = judge(TURNOUT.format(quote), TURNOUT.format(text))
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason.endswith(f": {text.removeprefix('5').strip()} → {quote.removeprefix('5').strip()}")


@pytest.mark.parametrize("quote, text", [
    ("5 %", "50 per cent"), ("50 per cent", "5 %"), ("5 %", "5 per cent of voters"),
])
def test_per_cent_with_another_number_or_word_is_a_change(quote, text):
    verdict = judge(TURNOUT.format(quote), TURNOUT.format(text))
    assert verdict.verdict == "altered", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("5 000", "5,000"), ("5,000", "5 000"), ("5000", "5,000"), ("5,000", "5000"), ("5 000", "5000"),
])
def test_a_number_written_with_or_without_its_separator_is_no_change(quote, text):
    verdict = judge(f"Some {quote} people voted in the region.", f"Some {text} people voted in the region.")
    assert verdict.verdict in ("verbatim", "minor"), verdict.reason


@pytest.mark.parametrize("quote, text", [("5 000", "50,000"), ("50 000", "5000"), ("5,000", "6000")])
def test_another_number_however_written_is_a_change(quote, text):
    verdict = judge(f"Some {quote} people voted in the region.", f"Some {text} people voted in the region.")
    assert verdict.verdict == "altered", verdict.reason


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
    ("Turnout was 40", "Turnout was 40 per cent in the region.", "40% → 40"),  # the unit spelt out, dropped too
])
def test_a_unit_dropped_from_a_range_or_at_the_quotes_end_is_altered(quote, text, shown):
    """A number cut from its unit at the quote's end is altered whatever the unit's spelling."""
    verdict = judged(quote, text, "altered")
    assert shown in verdict.reason


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


@pytest.mark.parametrize("quote, text", [
    ("Deutschland erreicht das Ziel von 2 Prozent", "Deutschland erreicht das Ziel von 2 % nicht."),
    ("Deutschland erreicht das Ziel von 2 Prozent.", "Deutschland erreicht das Ziel von 2 % nicht."),
    ("Deutschland erreicht das Ziel von 2 Prozent …", "Deutschland erreicht das Ziel von 2 % nicht."),
    ("Deutschland erreicht das Ziel von 2 %", "Deutschland erreicht das Ziel von 2 Prozent nicht."),
])
def test_a_negation_right_after_the_sign_is_read_past_per_cent(quote, text):
    """The words for "%" face the sign (crawler/align.py `_sign_for_last_words`), which hid the
    "nicht" after it: minor "% → Prozent" where the quote drops the negation."""
    verdict = judged(quote, text, "altered")
    assert "nicht" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("5 à 40 %", "l'article 5 à 40 %"),
    ("30 à 40 %", "Conformément à l'article 30 à 40 % des voix."),
])
def test_a_quote_that_opens_at_an_articles_number_changes_no_unit(quote, text):
    """"5 à 40 %" reads as a range where the text's "l'article 5" gives the 5 no unit: the word
    that tells them apart is one the quote cut off, its own words are the source's (not
    altered "5 → 5%")."""
    judged(quote, text, "verbatim")


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
    no later than 2030" was altered, "55%" for "55% no later …" verbatim.  Words
    after it make it theirs; the unit spelled the other way is minor, as a unit is at a quote's end."""
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
    ("Art. 5", "Art. 5 à 40 %"),
    ("Art. 12", "Art. 12 bis 40 %"),
    ("Nr. 3", "Nr. 3 - 10 %"),
])
def test_an_abbreviated_articles_number_is_no_range_end(quote, text):
    """The stop of "Art." hid the word that names the number."""
    judged(quote, text, "verbatim")


def test_a_range_still_gives_its_first_number_the_unit():
    judged("de 5", "de 5 à 40 %", "altered")
