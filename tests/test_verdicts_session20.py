"""Session 20, helper V: quotes that drop the source's negation and were still called verbatim.
A German negation closing the quote's clause after a silent cut, "is no longer", "is neither",
"n'est plus" at a quote's end, an opening ellipsis before "Aucun … n'a", an aside or "aucunement",
a negation after a line break or an invisible character, and the clean copy among five or more.
Helper V2 (section 6 on): the review's false alarms on those rules mended, each pair the review's."""

from __future__ import annotations

import pytest

from crawler.verdicts import judge
from tests.judging import judged

# --- 1. a German negation that closes the quote's clause after a silent cut ----------------------

@pytest.mark.parametrize("quote, text, shown", [
    ("Die Bundesregierung erkennt die Wahlen", "Die Bundesregierung erkennt die Wahlen nicht an.", "nicht an"),
    ("Die Bundesregierung erkennt die Wahlen.", "Die Bundesregierung erkennt die Wahlen nicht an.", "nicht an"),
    ("Die Bundesregierung hat die Wahlen", "Die Bundesregierung hat die Wahlen nicht anerkannt.", "nicht anerkannt"),
    ("Die Bundesregierung stimmt dem Vorschlag", "Die Bundesregierung stimmt dem Vorschlag nicht zu.", "nicht zu"),
    ("Deutschland wird die Annexion", "Deutschland wird die Annexion niemals anerkennen.", "niemals anerkennen"),
    ("Wir erkennen das Ergebnis", "Wir erkennen das Ergebnis nicht mehr an, sagte der Minister.", "nicht mehr an"),
    ("Wir kritisieren die Ukraine", "Wir kritisieren die Ukraine nicht.", "nicht"),
    ("dass Russland die Wahlen", "Wir stellen fest, dass Russland die Wahlen nicht anerkennt.", "nicht anerkennt"),
    ("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen\nnicht an.", "nicht an"),
])
def test_a_german_negation_closing_the_quotes_clause_is_cut(quote, text, shown):
    """A German main clause puts its negation after the object, at its end: a quote cut before
    it asserts what the source denies, as "Russia did" for "Russia did not" does.  Session 19 read
    a negation only after an auxiliary, and this was verbatim."""
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”)" in verdict.reason
    assert verdict.reason.startswith(f"words changed: {shown} → ∅ (the quote ends")


def test_the_german_cut_reads_as_the_others():
    assert judge("Die Bundesregierung erkennt die Wahlen", "Die Bundesregierung erkennt die Wahlen nicht an.").reason \
        == "words changed: nicht an → ∅ (the quote ends before the source's “nicht an”)"


@pytest.mark.parametrize("quote, text", [
    ("Die Bundesregierung erkennt die Wahlen …", "Die Bundesregierung erkennt die Wahlen nicht an."),
    ("Die Bundesregierung erkennt die Wahlen …", "Die Bundesregierung erkennt die Wahlen nicht mehr an."),
])
def test_a_closing_ellipsis_before_the_german_negation_stays_altered(quote, text):
    judged(quote, text, "altered")


# Ordinary German sentences of the same shape: the quote ends where the source goes on with a
# negation's word that is no negation of the quoted clause, or in another clause.
GERMAN_GOES_ON = [
    ("Wir unterstützen die Ukraine", "Wir unterstützen die Ukraine nicht nur politisch, sondern auch militärisch."),
    ("Wir unterstützen die Ukraine", "Wir unterstützen die Ukraine nicht nur, sondern helfen auch."),
    ("Die Hilfe ist", "Die Hilfe ist nicht bloß symbolisch, sondern konkret."),
    ("Die Regierung erkennt", "Die Regierung erkennt nicht die Wahl des Parlaments an."),
    ("Die Regierung erkennt", "Die Regierung erkennt nicht die Wahl an."),
    ("Die Sanktionen treffen", "Die Sanktionen treffen nicht Russland, sondern die Bevölkerung."),
    ("Die Sanktionen treffen die Bevölkerung", "Die Sanktionen treffen die Bevölkerung, nicht die Regierung."),
    ("Wir kritisieren Russland", "Wir kritisieren Russland nicht ohne Grund."),
    ("Die Wirtschaft leidet", "Die Wirtschaft leidet nicht zuletzt unter den Sanktionen."),
    ("Das Dorf liegt", "Das Dorf liegt nicht weit von der Front entfernt."),
    ("Die Regierung hat dazu", "Die Regierung hat dazu keine Einwände."),
    ("Das bedeutet", "Das bedeutet nicht unbedingt Krieg."),
    ("Die Lage hat sich", "Die Lage hat sich nie zuvor so schnell verschlechtert."),
    ("Der Anteil liegt", "Der Anteil liegt nicht über 5 Prozent."),
    ("Wir haben dazu", "Wir haben dazu nichts Neues gehört."),
    ("Die Regierung begrüßt die Entscheidung", "Die Regierung begrüßt die Entscheidung. Nicht alle teilen sie."),
    ("Die Regierung begrüßt die Entscheidung.", "Die Regierung begrüßt die Entscheidung. Nicht alle teilen sie."),
    ("Die Regierung begrüßt die Entscheidung", "Die Regierung begrüßt die Entscheidung; nicht alle teilen sie."),
    ("Wir helfen der Ukraine", "Wir helfen der Ukraine nicht allein, sondern mit unseren Partnern in der EU."),
    ("Die Regierung erkennt die Wahlen nicht an", "Die Regierung erkennt die Wahlen nicht an."),
    ("Die Regierung erkennt die Wahlen nicht an.", "Die Regierung erkennt die Wahlen nicht an. Niemals."),
    ("Die Bundesregierung", "Die Bundesregierung erkennt die Wahlen nicht an."),
    ("Er sagte", "Er sagte nie die Wahrheit über den Krieg."),
    ("Wir fordern", "Wir fordern keine Sonderrechte für Deutschland."),
    ("Die Ukraine", "Die Ukraine\nNicht verhandelbar: die Grenzen."),
    ("Polska", "Polska nie uznaje wyborów."),                        # Polish: "nie" before its verb
    ("Rząd Polski", "Rząd Polski nie uznaje tych wyborów."),
]


@pytest.mark.parametrize("quote, text", GERMAN_GOES_ON)
def test_ordinary_german_sentences_going_on_after_the_quote_stay_verbatim(quote, text):
    """A noun phrase after the negation (German writes its nouns in capitals), "nicht nur …
    sondern", more than two words to the clause's end, a mark between, or a quote that holds the
    negation itself: the quote says what the source says up to there."""
    judged(quote, text, "verbatim")


# --- 2. "is no longer", "is neither", "n'est plus", "ist nicht mehr", "ya no" ---------------------

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


@pytest.mark.parametrize("quote, text", AUXILIARY_GOES_ON)
def test_ordinary_sentences_going_on_after_an_auxiliary_stay_as_they_were(quote, text):
    """"no doubt", "no less", "no more than", "no sooner" deny nothing; "plus" without its "ne"
    is "more"; a quote that holds the negation, or ends on a subject ("L'accord", "El acuerdo",
    as "La France" for "La France n'a pas reconnu" does), says what the source says."""
    verdict = judge(quote, text)
    assert verdict.verdict in {"verbatim", "elided"}, verdict.reason


# --- 3. an opening ellipsis: "Aucun … n'a", an aside, "aucunement", a pronoun, "guère" ----------

@pytest.mark.parametrize("quote, text, hidden", [
    ("… reconnu les élections", "Aucun État membre n'a reconnu les élections.", "“Aucun”, “n'”"),
    ("… reconnu les élections", "Aucune délégation n'a reconnu les élections.", "“Aucune”, “n'”"),
    ("… a reconnu les élections", "Nul pays n'a reconnu les élections.", "“n'”"),
    ("… reconnu", "La France ne l'a, à ce jour, jamais reconnu.", "“ne”, “jamais”"),
    ("… reconnu l'annexion", "La France n'a aucunement reconnu l'annexion.", "“n'”"),
    ("… participé", "La France n'y a pas participé.", "“n'”, “pas”"),
    ("… avons reconnues", "Nous ne les avons jamais reconnues.", "“ne”"),
    ("… accepter cela", "La France ne peut guère accepter cela.", "“ne”, “guère”"),
])
def test_an_opening_ellipsis_hides_the_negation_before_the_quote(quote, text, hidden):
    """"Aucun État membre n'a": the "ne" had no partner after it, so it read as Italian's clitic;
    an aside cut its partner off ("ne l'a, à ce jour, jamais"); "aucunement" was no partner."""
    verdict = judged(quote, text, "altered")
    assert f"{hidden} left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("La France n'y a", "La France n'y a pas participé."),
    ("Nous ne les avons", "Nous ne les avons pas reconnues."),
    ("Nous ne nous en avons", "Nous ne nous en avons jamais occupés."),
    ("La France ne peut", "La France ne peut guère accepter cela."),
])
def test_a_silent_cut_after_a_pronoun_between_ne_and_its_auxiliary_is_altered(quote, text):
    judged(quote, text, "altered")


FRENCH_GOES_ON = [
    ("Aucun doute : la France a reconnu les élections.", "Aucun doute : la France a reconnu les élections."),
    ("Aucun doute n'est permis", "Aucun doute n'est permis : la France a reconnu les élections."),
    ("… a reconnu les élections", "Il n'y a aucun doute que la France a reconnu les élections."),
    ("… reconnu les élections", "Aucun observateur n'était présent, mais la France a reconnu les élections."),
    ("… reconnu que la souveraineté de l'Ukraine", "La France n'a reconnu que la souveraineté de l'Ukraine."),
    ("… ha preso atto", "Nessun dubbio: il Ministro ne ha preso atto."),
    ("… reconnu les élections", "Aucun pays ne conteste que la France a reconnu les élections."),
    ("… l'annexion", "La France ne reconnaît aucunement l'annexion."),
    ("… avons reconnues", "Nous les avons reconnues."),
    ("Nous les avons", "Nous les avons plus tard reconnues."),
]


@pytest.mark.parametrize("quote, text", FRENCH_GOES_ON)
def test_ordinary_french_sentences_keep_their_reading(quote, text):
    """The quote holds "Aucun doute" itself; "aucun" in another clause, or before another verb;
    "ne … que" (only); a negation after the verb the quote leaves out ("ne reconnaît aucunement
    l'annexion": the quote names what is not recognized)."""
    verdict = judge(quote, text)
    assert verdict.verdict in {"verbatim", "minor", "elided"}, verdict.reason


# --- 4. a line break or an invisible character between the cut and "not" --------------------------

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


# --- 5. the clean copy among any number of copies ----------------------------------------------

@pytest.mark.parametrize("copies", [4, 5, 8, 50])
@pytest.mark.parametrize("quote, bad, clean", [
    ("Russia did", "Russia did not comply.", "Russia did comply."),
    ("Russia did …", "Russia did not comply.", "Russia did comply."),
    ("… recognize the annexation", "France does not recognize the annexation.", "Others recognize the annexation."),
    ("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen nicht an.",
     "Die Regierung erkennt die Wahlen an."),
])
def test_the_copy_whose_cut_hides_nothing_is_taken_among_many(copies, quote, bad, clean):
    """The aligner found places by words a text holds at most four times: from the fifth bad
    copy on, the clean one after them was never seen, and the quote was altered."""
    text = " ".join([bad] * copies + [clean])
    verdict = judged(quote, text, "verbatim")
    assert verdict.alignment.start >= text.index(clean)


def test_the_clean_copy_is_found_after_500_in_a_long_text():
    from tests.test_verdicts_session16 import PAD

    text = ("Russia did not comply." + PAD) * 500 + " Russia did comply." + PAD
    for quote in ("Russia did", "Russia did …"):
        verdict = judged(quote, text, "verbatim")
        assert verdict.alignment.start == text.index("Russia did comply")


def test_a_bare_nicht_before_sondern_still_denies_what_the_quote_ends_on():
    """"Wir kritisieren die Ukraine nicht, sondern Russland": the Ukraine is not criticised, as
    the quote says it is; "nicht allein, sondern …" (GERMAN_GOES_ON) denies only "allein"."""
    judged("Wir kritisieren die Ukraine", "Wir kritisieren die Ukraine nicht, sondern Russland.", "altered")


def test_only_a_german_quote_in_a_text_holding_a_german_negation_weighs_its_end():
    """The aligner keeps its fast path (no `hides_after`) for a quote that ends on no auxiliary,
    unless the quote is German and the text holds a negation that may close its clause: a
    search of the whole text for every quote cost more than the alignment."""
    from crawler.align import align

    seen = []

    def recording(quote, text, **kwargs):
        seen.append(kwargs["hides_after"])
        return align(quote, text, **kwargs)

    judge("The resolution was adopted", "The resolution was adopted. Nicht alle stimmten zu.", aligner=recording)
    judge("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen an.", aligner=recording)
    judge("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen nicht an.", aligner=recording)
    assert seen[0] is None and seen[1] is None and seen[2] is not None


# --- 6. helper V2: the review of 0ce8cea (/tmp/s20/r1/report.md) --------------------------------

@pytest.mark.parametrize("quote, text", [
    ("Kiew verhandelt.", "Kiew verhandelt nicht, hieß es. Später: Kiew verhandelt."),
    ("Frankreich unterstützt Kiew",
     "Paris erklärte, Frankreich unterstützt Kiew nicht bedingungslos. Dennoch: Frankreich unterstützt Kiew."),
    ("… wirken.", "Die Sanktionen wirken nicht sofort, aber sie wirken."),
    ("… wirken", "Die Sanktionen wirken nicht sofort, aber sie wirken."),
    ("Sanktionen wirken", "Sanktionen wirken nicht sofort. Aber: Sanktionen wirken."),
])
def test_h1_a_quote_the_german_rule_does_not_weigh_is_not_cut_by_it_either(quote, text):
    """H1: the aligner weighed the German cut only for a quote holding German's commonest words,
    and the verdict read it for any quote: the first copy was taken and called altered while the
    second says the same.  One gate now (`_german_clause`, the quote's own words) for both."""
    verdict = judged(quote, text, "verbatim")
    assert "the text holds the quote 2 times" in verdict.reason


@pytest.mark.parametrize("text", [
    "Die Regierung erkennt die Wahlen\u00adnicht an. Heute gilt: Die Regierung erkennt die Wahlen.",
    "Die Regierung erkennt die Wahlen NICHT an. Heute gilt: Die Regierung erkennt die Wahlen.",
])
def test_h1_the_clean_copy_is_taken_whenever_the_cut_rule_could_fire(text):
    """H1: the text's search for a German negation (`_holds_german_closing`) missed one after a
    soft hyphen or in capitals, which the cut rule reads: the first copy was taken, and cut."""
    verdict = judged("Die Regierung erkennt die Wahlen", text, "verbatim")
    assert verdict.alignment.start == text.index("Die Regierung", 10)


GERMAN_NEGATIONS_THAT_ASSERT = [
    ("Deutschland hilft der Ukraine",
     "Deutschland hilft der Ukraine nicht zuletzt deshalb, weil es um Europas Sicherheit geht."),
    ("Der Ausschuss tagt", "Der Ausschuss tagt nicht öffentlich."),  # meets in private: it meets
    ("Die Sanktionen wirken", "Die Sanktionen wirken nicht sofort, aber sie wirken."),
    ("Solche Angriffe auf zivile Infrastruktur kommen",
     "Solche Angriffe auf zivile Infrastruktur kommen nicht selten vor."),
    ("Das Abkommen gilt", "Das Abkommen gilt nicht umsonst."),
    ("Das Abkommen gilt", "Das Abkommen gilt nicht ungern."),
    ("Das Abkommen gilt", "Das Abkommen gilt nicht wenig."),
    ("Das Abkommen gilt", "Das Abkommen gilt nicht schlecht."),
    ("Die Ukraine braucht Unterstützung, und zwar", "Die Ukraine braucht Unterstützung, und zwar nicht zu knapp."),
    ("Das kommt", "Das kommt nicht von ungefähr."),
    ("Sie wussten es", "Sie wussten es nicht genau."),
]


@pytest.mark.parametrize("quote, text", GERMAN_NEGATIONS_THAT_ASSERT)
def test_h2_a_german_negation_of_an_adverb_or_an_adjective_is_no_cut(quote, text):
    """H2: any two lower-case words before a comma or a stop made the negation the clause's;
    litotes ("nicht selten", "nicht umsonst", "nicht zu knapp") assert, and "nicht zuletzt",
    "nicht öffentlich", "nicht sofort, aber" say why, how or when, not that the verb fails.  Only
    the verb's end of a German clause may follow the negation (`_verb_final`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("text, shown", [
    ("Die Regierung erkennt die Wahlen nicht an:", "nicht an"),
    ("Die Regierung erkennt die Wahlen nicht an – sagte der Sprecher.", "nicht an"),
    ("Die Regierung erkennt die Wahlen nicht an (2024).", "nicht an"),
    ("Die Regierung erkennt die Wahlen noch nicht an.", "noch nicht an"),
    ("Die Regierung erkennt die Wahlen auch nicht an.", "auch nicht an"),
    ("Die Regierung erkennt die Wahlen keineswegs an.", "keineswegs an"),
])
def test_m4_a_colon_a_dash_a_bracket_noch_auch_or_keineswegs_still_cut(text, shown):
    """M4: missed alarms of the same shape: the clause ends at a colon, a dash or a bracket too,
    an adverb may stand before the negation, and "keineswegs" is one."""
    verdict = judged("Die Regierung erkennt die Wahlen", text, "altered")
    assert verdict.reason == f"words changed: {shown} → ∅ (the quote ends before the source's “{shown}”)"


@pytest.mark.parametrize("quote, text", [
    ("Es gibt", "Es gibt keine."),
    ("Er kam", "Er kam nie an."),
    ("Mehr Geld gibt es", "Mehr Geld gibt es nicht."),
])
def test_m4_a_german_quote_of_short_words_is_read_as_german(quote, text):
    """M4: "es", "gibt", "er", "kam" were none of German's commonest words, so these quotes were
    not German to the rule (the commit caught the third only through the source's own "nicht")."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Pomogliśmy im", "Pomogliśmy im nie raz."),                                   # more than once
    ("Dziękujemy im", "Dziękujemy im nie tylko."),
    ("Szkoła im. Jana Pawła II", "Szkoła im. Jana Pawła II nie otrzymała dotacji."),
    ("Komisja Ursuli von der Leyen", "Komisja Ursuli von der Leyen nie zgodziła się."),
    ("Rozmowa z Ursulą von der Leyen", "Rozmowa z Ursulą von der Leyen nie przyniosła rezultatu."),
    ("Jak podaje dziennik Die Welt, rząd", "Jak podaje dziennik Die Welt, rząd nie zmieni stanowiska."),
    ("Ursula von der Leyen met the minister", "Ursula von der Leyen met the minister nicht."),
    ("Die regering erken nie die verkiesing", "Die regering erken nie die verkiesing nie."),  # Afrikaans
    ("Ons het die besluit", "Ons het die besluit nie verwag nie."),
])
def test_m1_a_polish_or_afrikaans_nie_is_no_german_cut(quote, text):
    """M1: 120 characters of the source before the cut ("im", "von der Leyen", "Die Welt") made
    Polish German, and its "nie" a cut; "Rozmowa z …" even became a translation.  The quote's own
    German is read now (no "im", no name's particle, no "Die" inside a sentence), a German verb's
    end must follow, and Afrikaans's second "nie" repeats the one the quote holds."""
    judged(quote, text, "verbatim")


def test_m1_a_cut_does_not_make_the_quote_a_translation():
    """M1's translation: the cut's words, added to the span, were read as the words found
    (`_other_language`), and their language was not the quote's: every word of the quote is the
    text's, and a quote the text holds is no translation.  Altered, for the cut."""
    pad = " Die Bundesregierung hat am Montag in Berlin mitgeteilt, dass sie die Lage weiter beobachten werde."
    quote = "Het kabinet in Den Haag erkennt die Wahlen"
    verdict = judged(quote, quote + " nicht an." + pad, "altered")
    assert verdict.reason.startswith("words changed: nicht an → ∅")


@pytest.mark.parametrize("quote, text", [
    ("… cherche à diviser l'Europe", "Nul doute que la Russie ne cherche à diviser l'Europe."),
    ("… cherche à diviser l'Europe", "Il ne fait aucun doute que la Russie ne cherche à diviser l'Europe."),
    ("… reconnaisse la souveraineté de l'Ukraine.", "Il n'est aucun pays qui ne reconnaisse la souveraineté de l'Ukraine."),
    ("… soit trop tard", "Nul ne doute qu'il ne soit trop tard."),
])
def test_m2_aucun_or_nul_of_another_clause_makes_no_ne_deny(quote, text):
    """M2: the subject's "aucun"/"nul" was looked for across a "que" or a "qui": an expletive
    "ne" ("Nul doute que … ne cherche") or a doubled one ("aucun pays qui ne reconnaisse": every
    country does) was read as a denial the ellipsis hides."""
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
    """LOW: "no longer than" compares, "neither here nor there" says it does not matter, "do" never
    takes "no longer", "ne … plus que" is "only"; two short lines, the second with no stop, are a
    slogan's or a poem's, not a sentence wrapped (`_running_prose`)."""
    verdict = judge(quote, text)
    assert verdict.verdict in {"verbatim", "minor"}, verdict.reason


def test_m3_hundreds_of_copies_that_hide_a_negation_are_not_each_weighed_in_full():
    """M3: each copy's edge was a tokenized check (130 ms for 500 copies).  A copy whose next word
    no cut starts from is cleared by a regular expression (`may`), and at most WEIGHED_COPIES
    of the others are weighed in full: counted here through the aligner's own `hides_after`."""
    from crawler.align import WEIGHED_COPIES, align

    calls = []

    class Counted:
        def __init__(self, check):
            self.check, self.may = check, getattr(check, "may", None)

        def __call__(self, end):
            calls.append(end)
            return self.check(end)

    def counting(quote, text, **kwargs):
        kwargs["hides_after"] = Counted(kwargs["hides_after"])
        return align(quote, text, **kwargs)

    text = " ".join(["Russia did not comply with the ruling."] * 500 + ["Russia did comply with the ruling."])
    verdict = judge("Russia did", text, aligner=counting)
    assert verdict.verdict == "verbatim" and verdict.alignment.start == text.index("Russia did comply")
    assert len(calls) < 2 * WEIGHED_COPIES  # the places the aligner weighs first, then the copies: not 500


# --- 7. helper V3: the second review of 3746d00..b8fa3b7 (/tmp/s20/r2/report.md) -------------------

# HIGH: a participle's or an infinitive's shape after "nicht" in a main clause that opens no verb
# bracket is an adverb or an adjective: the review's pairs, then ordinary sentences of that shape.
GERMAN_ADVERBS_SHAPED_LIKE_VERBS = [
    ("Deutschland hilft der Ukraine", "Deutschland hilft der Ukraine nicht deswegen, weil es muss."),
    ("Deutschland hilft der Ukraine", "Deutschland hilft der Ukraine nicht deswegen, sondern aus Überzeugung."),
] + [("Die Bundesregierung unterstützt die Ukraine", f"Die Bundesregierung unterstützt die Ukraine nicht {word}.")
     for word in "erneut ernsthaft entschlossen gezielt verstärkt verdeckt begrenzt gesondert".split()] + [
    ("Die Regierung reagiert", "Die Regierung reagiert nicht angemessen."),
    ("Die Regierung reagiert", "Die Regierung reagiert nicht gelassen."),
    ("Die Regierung reagiert", "Die Regierung reagiert nicht verhalten."),
    ("Die Regierung verhandelt", "Die Regierung verhandelt nicht geschlossen."),
    ("Die Regierung verhandelt", "Die Regierung verhandelt nicht getrennt."),
    ("Die Regierung verhandelt", "Die Regierung verhandelt nicht vereint."),
    ("Die Regierung verhandelt", "Die Regierung verhandelt nicht wegen, sondern trotz der Sanktionen."),
    ("Diese Entwicklung kam", "Diese Entwicklung kam nicht ungelegen."),
    ("Die Einladung kam", "Die Einladung kam nicht gelegen."),
    ("Die Kinder spielen", "Die Kinder spielen nicht draußen."),
    ("Wir teilen diese Einschätzung", "Wir teilen diese Einschätzung nicht vollkommen."),
    ("Das gefällt", "Das gefällt nicht allen."),
    # ordinary sentences of the same shape
    ("Die Kommission prüft den Antrag", "Die Kommission prüft den Antrag nicht gesondert."),
    ("Der Minister zeigt sich", "Der Minister zeigt sich nicht überrascht."),
    ("Die Opposition kritisiert die Regierung", "Die Opposition kritisiert die Regierung nicht geschlossen."),
    ("Die Länder handeln", "Die Länder handeln nicht abgestimmt, sondern jeder für sich."),
    ("Die Regierung handelt", "Die Regierung handelt nicht überlegt."),
    ("Die Preise steigen", "Die Preise steigen nicht übertrieben."),
    ("Der Bericht erscheint", "Der Bericht erscheint nicht gekürzt."),
    ("Die Truppen ziehen", "Die Truppen ziehen nicht geordnet ab, heißt es."),
    ("Die Verhandlungen verlaufen", "Die Verhandlungen verlaufen nicht geregelt."),
    ("Die Behörden informieren die Bürger", "Die Behörden informieren die Bürger nicht gesammelt, sondern einzeln."),
    ("Der Kanzler reagiert", "Der Kanzler reagiert nicht erregt."),
    ("Die Hilfe kommt", "Die Hilfe kommt nicht verspätet."),
    ("Die Sanktionen wirken", "Die Sanktionen wirken nicht verzögert, sondern sofort."),
    ("Das Parlament tagt", "Das Parlament tagt nicht getrennt."),
    ("Die Partei tritt", "Die Partei tritt nicht geeint auf."),
    ("Die Lage bleibt", "Die Lage bleibt nicht angespannt, sagen Beobachter."),
    ("Die Minister treffen sich", "Die Minister treffen sich nicht verabredet, sondern zufällig."),
    ("Der Sprecher antwortet", "Der Sprecher antwortet nicht verärgert."),
]


@pytest.mark.parametrize("quote, text", GERMAN_ADVERBS_SHAPED_LIKE_VERBS)
def test_r2_high_a_verb_shape_after_nicht_ends_no_clause_without_its_auxiliary(quote, text):
    """R2 HIGH: "nicht ernsthaft", "nicht angemessen", "nicht deswegen", "nicht allen" were read
    as a participle or an infinitive by their shape alone, and the quote "altered".  German's
    verb bracket: such a word ends the clause only after a finite auxiliary or modal the quote's
    clause holds (`_opens_bracket`); else it says how, why or whom, and the quoted verb holds."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, shown", [
    ("Die Regierung hat die Wahlen", "Die Regierung hat die Wahlen nicht anerkannt.", "nicht anerkannt"),
    ("Die Regierung wird die Wahlen", "Die Regierung wird die Wahlen nicht anerkennen.", "nicht anerkennen"),
    ("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen nicht an.", "nicht an"),
    ("Das gefällt", "Das gefällt nicht.", "nicht"),
    ("dass Russland die Wahlen", "Wir stellen fest, dass Russland die Wahlen nicht anerkennt.", "nicht anerkennt"),
    # ordinary sentences of each shape
    ("Wir können die Wahlen", "Wir können die Wahlen nicht anerkennen.", "nicht anerkennen"),
    ("Die Regierung würde die Annexion", "Die Regierung würde die Annexion niemals akzeptieren.",
     "niemals akzeptieren"),
    ("Die Regierung möchte die Verhandlungen", "Die Regierung möchte die Verhandlungen nicht fortsetzen.",
     "nicht fortsetzen"),
    ("Der Bundestag hat den Antrag", "Der Bundestag hat den Antrag nicht ernsthaft geprüft.",
     "nicht ernsthaft geprüft"),
    ("Die Wahlen sind", "Die Wahlen sind nicht anerkannt worden.", "nicht"),
    ("Die Regierung lässt die Wahlen", "Die Regierung lässt die Wahlen nicht zu.", "nicht zu"),
    ("Der Minister lehnt den Vorschlag", "Der Minister lehnt den Vorschlag nicht ab.", "nicht ab"),
    ("Die Regierung reagiert", "Die Regierung reagiert nicht.", "nicht"),
    ("weil Russland die Wahlen", "Das gilt, weil Russland die Wahlen nicht anerkannt hat.", "nicht anerkannt hat"),
    ("ob die Regierung die Wahlen", "Unklar ist, ob die Regierung die Wahlen nicht anerkennen will.",
     "nicht anerkennen will"),
    # b8fa3b7's catches the mend keeps: "kein bisschen" (not at all), a plural's finite verb in a
    # relative clause, a zu-infinitive, a bare "nicht" after a clause whose verb an earlier one holds
    ("Die Bundesregierung unterstützt die Ukraine", "Die Bundesregierung unterstützt die Ukraine kein bisschen.",
     "kein bisschen"),
    ("Wir unterstützen alle Staaten, die die Annexion",
     "Wir unterstützen alle Staaten, die die Annexion nicht anerkennen.", "nicht anerkennen"),
    ("Wir bitten Sie, die Tür", "Wir bitten Sie, die Tür nicht zu öffnen.", "nicht zu öffnen"),
    ("Wir bitten alle Seiten, die Verhandlungen", "Wir bitten alle Seiten, die Verhandlungen nicht abzubrechen.",
     "nicht abzubrechen"),
    ("Deutschland erkennt die Wahl an, Russland", "Deutschland erkennt die Wahl an, Russland nicht.", "nicht"),
    ("DIE REGIERUNG ERKENNT", "DIE REGIERUNG ERKENNT NICHT AN.", "NICHT AN"),
])
def test_r2_high_the_verb_bracket_a_particle_or_a_bare_nicht_still_cut(quote, text, shown):
    """R2 HIGH's mend keeps every cut German's grammar makes one: a participle or an infinitive
    after a finite auxiliary or modal ("hat … nicht anerkannt"), a separable particle whatever
    the clause holds ("erkennt … nicht an"), a bare "nicht" at the clause's end, and a
    subordinate clause's finite verb after the negation."""
    verdict = judged(quote, text, "altered")
    assert verdict.reason.startswith(f"words changed: {shown} → ∅ (the quote ends"), verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("dass Russland die Ukraine", "Wir wissen, dass Russland die Ukraine nicht oft angreift."),
    ("dass Russland die Ukraine", "Wir wissen, dass Russland die Ukraine nicht heute angreift."),
    ("dass Russland die Ukraine", "Wir wissen, dass Russland die Ukraine nicht explizit angreift."),
    ("dass Russland die Ukraine", "Wir wissen, dass Russland die Ukraine nicht konkret bedroht."),
    ("weil Russland das Abkommen", "Das gilt, weil Russland das Abkommen nicht strikt einhält."),
    ("ob die Regierung die Zahlen", "Unklar ist, ob die Regierung die Zahlen nicht exakt kennt."),
])
def test_r2_l4_an_adverb_in_a_subordinate_clause_is_no_finite_verb(quote, text):
    """R2 L4: in a subordinate clause "oft", "heute" and "explizit" were read as its finite
    verb by their ending ("-t", "-te"); the finite verb stands last, after them: only the last
    word may be finite (`_verb_final`'s `last`), and those three are no verb's end at all."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung zahlt", "Die Regierung zahlt nicht mehr, als sie muss."),
    ("Die Regierung zahlt", "Die Regierung zahlt nicht mehr, als vereinbart war."),
    ("Die Ukraine erhält", "Die Ukraine erhält nicht mehr, wie es heißt."),
    ("Der Konflikt dauert", "Der Konflikt dauert nicht länger, als nötig ist."),
])
def test_r2_m1_a_comma_before_als_or_wie_goes_on_with_a_comparison(quote, text):
    """R2 M1: "nicht mehr, als sie muss" is "no more than", not "no longer": the comma before
    "als" or "wie" goes on with the comparison and closes no clause (`_GERMAN_COMPARISON`)."""
    judged(quote, text, "verbatim")


def test_r2_m1_nicht_mehr_before_another_comma_still_cuts():
    verdict = judged("Die Regierung zahlt", "Die Regierung zahlt nicht mehr, sagte der Minister.", "altered")
    assert verdict.reason.startswith("words changed: nicht mehr → ∅")


@pytest.mark.parametrize("quote, text", [
    ("Rosja i ich sojusznicy", "Rosja i ich sojusznicy nie."),
    ("Slovensko ich", "Slovensko ich nie."),
    ("El gobierno es", "El gobierno es nie."),
    ("Die regering erkent", "Die regering erkent nie."),
])
def test_r2_l3_one_word_german_shares_with_another_language_makes_no_german(quote, text):
    """R2 L3: "ich" (Polish), "es" (Spanish), "die" (Dutch, Afrikaans) alone made the quote
    German, and the next sentence's "nie" a cut: two such words are needed, or one German only,
    or an article before a noun in capitals (`_GERMAN_SHARED_WORDS`, `_before_noun`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Und warum", "Und warum nicht?"),
    ("Wir", "Wir nicht."),
    ("Die", "Die nicht."),
    ("es", "es nicht"),
])
def test_r2_l4_a_question_or_a_verbless_fragment_cuts_no_verb(quote, text):
    """R2 L4: a quote that holds no verb ("Und warum", "Wir") denies none when a bare "nicht"
    follows (`_holds_verb`), as "Warum" for "Warum nicht?" did not."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, times", [
    ("The agreement is", "The agreement is no longer in force. " * 33 + "The agreement is no doubt important.", 1),
    ("The agreement is", "The agreement is no longer in force. " * 3 + "The agreement is no doubt important. "
     "The agreement is important.", 2),
    ("Russland erkennt die Wahlen", "Russland erkennt die Wahlen nicht an. " * 20 + "Russland erkennt die Wahlen an. "
     "Russland erkennt die Wahlen an.", 2),
])
def test_r2_l2_the_reason_counts_the_clean_copies_only(quote, text, times):
    """R2 L2: a copy the aligner found that cuts a negation was counted when it was judged in a
    stretch of its own ("holds the quote 2 times" for one clean copy among 33 negated): the
    aligner's other places are weighed as the written repeats are (`_found_times`)."""
    verdict = judged(quote, text, "verbatim")
    assert ("holds the quote" not in verdict.reason) if times == 1 else \
        verdict.reason.endswith(f"the text holds the quote {times} times, judged where it matches best")
