"""German negations that close the quote's clause (crawler.verdicts).

A German main clause puts "nicht" after the object, at its end, so a quote cut before it
asserts what the source denies.  The cut is read where the quote is German (its own words: two
words German shares with other languages, or one German alone), where the negation closes the
quote's clause (the verb's end, a separable particle after the object, a participle or an
infinitive after a finite auxiliary or modal: the verb bracket), and not for a litotes, an
adverb's or an adjective's negation, a comparison ("nicht mehr, als"), a negated purpose
("nicht, um … zu"), "nicht nur … sondern", a second verb past "und", or a Polish or Afrikaans
"nie".  The aligner weighs the cut as the verdict reads it, so the copy it spares is the one
judged, and a page of copies is cleared without tokenizing each."""

from __future__ import annotations

import pytest

from crawler.align import tokenize
from crawler.verdicts import judge
from crawler.verdicts.german import _quote_clause
from crawler.verdicts.silent_cut import _cuts_before_negation, _may_cut_before_negation
from tests.judging import judged

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

# A participle's or an infinitive's shape after "nicht" in a main clause that opens no verb
# bracket is an adverb or an adjective: pairs once read as a cut, then ordinary sentences of that shape.
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
    it asserts what the source denies, as "Russia did" for "Russia did not" does.  A negation read
    only after an auxiliary left this verbatim."""
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


@pytest.mark.parametrize("quote, text", GERMAN_GOES_ON)
def test_ordinary_german_sentences_going_on_after_the_quote_stay_verbatim(quote, text):
    """A noun phrase after the negation (German writes its nouns in capitals), "nicht nur …
    sondern", more than two words to the clause's end, a mark between, or a quote that holds the
    negation itself: the quote says what the source says up to there."""
    judged(quote, text, "verbatim")


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


@pytest.mark.parametrize("quote, text", [
    ("Kiew verhandelt.", "Kiew verhandelt nicht, hieß es. Später: Kiew verhandelt."),
    ("Frankreich unterstützt Kiew",
     "Paris erklärte, Frankreich unterstützt Kiew nicht bedingungslos. Dennoch: Frankreich unterstützt Kiew."),
    ("… wirken.", "Die Sanktionen wirken nicht sofort, aber sie wirken."),
    ("… wirken", "Die Sanktionen wirken nicht sofort, aber sie wirken."),
    ("Sanktionen wirken", "Sanktionen wirken nicht sofort. Aber: Sanktionen wirken."),
])
def test_a_quote_the_german_rule_does_not_weigh_is_not_cut_by_it_either(quote, text):
    """The aligner weighed the German cut only for a quote holding German's commonest words,
    and the verdict read it for any quote: the first copy was taken and called altered while the
    second says the same.  One gate now (`_german_clause`, the quote's own words) for both."""
    verdict = judged(quote, text, "verbatim")
    assert "the text holds the quote 2 times" in verdict.reason


@pytest.mark.parametrize("text", [
    "Die Regierung erkennt die Wahlen\u00adnicht an. Heute gilt: Die Regierung erkennt die Wahlen.",
    "Die Regierung erkennt die Wahlen NICHT an. Heute gilt: Die Regierung erkennt die Wahlen.",
])
def test_the_clean_copy_is_taken_whenever_the_cut_rule_could_fire(text):
    """The text's search for a German negation (`_holds_german_closing`) missed one after a
    soft hyphen or in capitals, which the cut rule reads: the first copy was taken, and cut."""
    verdict = judged("Die Regierung erkennt die Wahlen", text, "verbatim")
    assert verdict.alignment.start == text.index("Die Regierung", 10)


@pytest.mark.parametrize("quote, text", GERMAN_NEGATIONS_THAT_ASSERT)
def test_a_german_negation_of_an_adverb_or_an_adjective_is_no_cut(quote, text):
    """Any two lower-case words before a comma or a stop made the negation the clause's;
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
def test_a_colon_a_dash_a_bracket_noch_auch_or_keineswegs_still_cut(text, shown):
    """Missed alarms of the same shape: the clause ends at a colon, a dash or a bracket too,
    an adverb may stand before the negation, and "keineswegs" is one."""
    verdict = judged("Die Regierung erkennt die Wahlen", text, "altered")
    assert verdict.reason == f"words changed: {shown} → ∅ (the quote ends before the source's “{shown}”)"


@pytest.mark.parametrize("quote, text", [
    ("Es gibt", "Es gibt keine."),
    ("Er kam", "Er kam nie an."),
    ("Mehr Geld gibt es", "Mehr Geld gibt es nicht."),
])
def test_a_german_quote_of_short_words_is_read_as_german(quote, text):
    """"es", "gibt", "er", "kam" were none of German's commonest words, so these quotes were
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
def test_a_polish_or_afrikaans_nie_is_no_german_cut(quote, text):
    """120 characters of the source before the cut ("im", "von der Leyen", "Die Welt") made
    Polish German, and its "nie" a cut; "Rozmowa z …" even became a translation.  The quote's own
    German is read now (no "im", no name's particle, no "Die" inside a sentence), a German verb's
    end must follow, and Afrikaans's second "nie" repeats the one the quote holds."""
    judged(quote, text, "verbatim")


def test_a_cut_does_not_make_the_quote_a_translation():
    """A translation of a cut: the cut's words, added to the span, were read as the words found
    (`_other_language`), and their language was not the quote's: every word of the quote is the
    text's, and a quote the text holds is no translation.  Altered, for the cut."""
    pad = " Die Bundesregierung hat am Montag in Berlin mitgeteilt, dass sie die Lage weiter beobachten werde."
    quote = "Het kabinet in Den Haag erkennt die Wahlen"
    verdict = judged(quote, quote + " nicht an." + pad, "altered")
    assert verdict.reason.startswith("words changed: nicht an → ∅")


@pytest.mark.parametrize("quote, text", GERMAN_ADVERBS_SHAPED_LIKE_VERBS)
def test_a_verb_shape_after_nicht_ends_no_clause_without_its_auxiliary(quote, text):
    """"nicht ernsthaft", "nicht angemessen", "nicht deswegen", "nicht allen" were read
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
    # cuts the verb bracket keeps too: "kein bisschen" (not at all), a plural's finite verb in a
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
def test_the_verb_bracket_a_particle_or_a_bare_nicht_still_cut(quote, text, shown):
    """The verb bracket keeps every cut German's grammar makes one: a participle or an infinitive
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
def test_an_adverb_in_a_subordinate_clause_is_no_finite_verb(quote, text):
    """In a subordinate clause "oft", "heute" and "explizit" were read as its finite
    verb by their ending ("-t", "-te"); the finite verb stands last, after them: only the last
    word may be finite (`_verb_final`'s `last`), and those three are no verb's end at all."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung zahlt", "Die Regierung zahlt nicht mehr, als sie muss."),
    ("Die Regierung zahlt", "Die Regierung zahlt nicht mehr, als vereinbart war."),
    ("Die Ukraine erhält", "Die Ukraine erhält nicht mehr, wie es heißt."),
    ("Der Konflikt dauert", "Der Konflikt dauert nicht länger, als nötig ist."),
])
def test_a_comma_before_als_or_wie_goes_on_with_a_comparison(quote, text):
    """"nicht mehr, als sie muss" is "no more than", not "no longer": the comma before
    "als" or "wie" goes on with the comparison and closes no clause (`_GERMAN_COMPARISON`)."""
    judged(quote, text, "verbatim")


def test_nicht_mehr_before_another_comma_still_cuts():
    verdict = judged("Die Regierung zahlt", "Die Regierung zahlt nicht mehr, sagte der Minister.", "altered")
    assert verdict.reason.startswith("words changed: nicht mehr → ∅")


@pytest.mark.parametrize("quote, text", [
    ("Rosja i ich sojusznicy", "Rosja i ich sojusznicy nie."),
    ("Slovensko ich", "Slovensko ich nie."),
    ("El gobierno es", "El gobierno es nie."),
    ("Die regering erkent", "Die regering erkent nie."),
])
def test_one_word_german_shares_with_another_language_makes_no_german(quote, text):
    """"ich" (Polish), "es" (Spanish), "die" (Dutch, Afrikaans) alone made the quote
    German, and the next sentence's "nie" a cut: two such words are needed, or one German only,
    or an article before a noun in capitals (`_GERMAN_SHARED_WORDS`, `_before_noun`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Und warum", "Und warum nicht?"),
    ("Wir", "Wir nicht."),
    ("Die", "Die nicht."),
    ("es", "es nicht"),
])
def test_a_question_or_a_verbless_fragment_cuts_no_verb(quote, text):
    """A quote that holds no verb ("Und warum", "Wir") denies none when a bare "nicht"
    follows (`_holds_verb`), as "Warum" for "Warum nicht?" did not."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Wir tun das", "Wir tun das nicht, um Russland zu schaden, sondern um die Ukraine zu schützen."),
    ("Die Bundesregierung unterstützt die Ukraine",
     "Die Bundesregierung unterstützt die Ukraine nicht, um Russland zu schaden, sondern um das Völkerrecht zu verteidigen."),
    ("Deutschland liefert Waffen", "Deutschland liefert Waffen nicht, um den Krieg zu verlängern, sondern um ihn zu beenden."),
    ("Wir sagen das", "Wir sagen das nicht , um zu drohen, sondern um zu warnen."),
    ("Wir tun das", "Wir tun das nicht nur, um Russland zu schaden."),
])
def test_a_negated_purpose_denies_no_act(quote, text):
    """The comma after "nicht" closed the clause, and the purpose's negation was read
    as the act's.  Only where the sentence shows it, "nicht, um …, sondern um"."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung erkennt die Wahlen", "Die Regierung erkennt die Wahlen nicht an, um Russland zu warnen."),
    ("Wir tun das", "Wir tun das nicht."),
    ("Wir tun das", "Wir tun das nicht, sagte der Minister."),
    # Without "sondern", "nicht, um … zu" as often denies the act and gives its reason
    ("Scholz liefert die Taurus", "Scholz liefert die Taurus nicht, um eine Eskalation zu vermeiden."),
    ("Die EZB senkt die Zinsen", "Die EZB senkt die Zinsen nicht, um die Inflation zu bremsen."),
    ("Israel öffnet die Grenze", "Israel öffnet die Grenze nicht, um die Hamas unter Druck zu setzen."),
    ("Die Bank zahlt die Zinsen", "Die Bank zahlt die Zinsen nicht, um ihre Liquidität zu sichern."),
    ("Der Rat tagt heute", "Der Rat tagt heute nicht, um 10 Uhr beginnt die Sitzung …"),
    ("Wir verhängen die Sanktionen", "Wir verhängen die Sanktionen nicht, um die Bevölkerung zu bestrafen."),
    ("Die EU tut das", "Die EU tut das nicht, um jemanden zu provozieren."),
    ("Die Bundesregierung hat die Wahlen", "Die Bundesregierung hat die Wahlen nicht anerkannt, um zu warnen."),
])
def test_a_negation_of_the_act_before_a_purpose_is_still_cut(quote, text):
    verdict = judged(quote, text, "altered")
    assert "nicht" in verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("Putin lügt", "Putin lügt nicht.", "nicht"),
    ("Kyjiw verhandelt", "Kyjiw verhandelt nicht.", "nicht"),
    ("Selenskyj verhandelt", "Selenskyj verhandelt nicht.", "nicht"),
    ("Scholz lehnt", "Scholz lehnt nicht ab.", "nicht ab"),
    ("Scholz lehnt", "Scholz lehnt das Angebot nicht ab.", "nicht ab"),
    ("Merz stimmt", "Merz stimmt dem Plan nicht zu.", "nicht zu"),
    ("Orbán gibt", "Orbán gibt seine Blockade nicht auf.", "nicht auf"),
    ("Die Regierung hält Neuwahlen", "Die Regierung hält Neuwahlen nicht für nötig.", "nicht für nötig"),
    ("Die Regierung erkennt", "Die Regierung erkennt die Wahlen nicht an.", "nicht an"),
    ("Berlin hält Verhandlungen", "Berlin hält Verhandlungen nicht für sinnvoll.", "nicht für sinnvoll"),
])
def test_a_german_quote_of_few_function_words_is_cut_before_its_nicht(quote, text, shown):
    """With none of German's commonest words the quote was no German to the rule; the
    source's "nicht" (German's alone) is the evidence now, and "hält … für nötig" and a particle
    after the object ("lehnt das Angebot nicht ab") end the verb."""
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text", [
    # other languages' negations: the rule never reaches them (Dutch's "niet" has its own: dutch.py)
    ("Kristersson röstar", "Kristersson röstar inte."),
    ("Kaczyński kłamie", "Kaczyński kłamie nie."),
    ("Premier głosuje", "Premier głosuje nie raz."),
    ("Sánchez miente", "Sánchez miente no."),
    ("Meloni vota", "Meloni vota no."),
    ("Macron ment", "Macron ment pas."),
    ("Ursula von der Leyen met the minister", "Ursula von der Leyen met the minister nicht."),
    # German that says how, when or more, or goes on
    ("Putin lügt", "Putin lügt nicht nur, er droht auch."),
    ("Scholz spricht", "Scholz spricht nicht öffentlich darüber."),
    ("Scholz zahlt", "Scholz zahlt das Geld nicht sofort."),
    ("Scholz reist", "Scholz reist nicht allein."),
    ("Scholz lehnt", "Scholz lehnt das Angebot ab, nicht aber den Plan."),
    ("Kiew verhandelt.", "Kiew verhandelt nicht, hieß es. Später: Kiew verhandelt."),
])
def test_no_german_cut_where_the_source_denies_nothing_of_the_quote_or_is_no_german(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, clean", [
    ("Scholz lehnt", "Scholz lehnt das Angebot nicht ab. Später: Scholz lehnt das Angebot ab.", "Scholz lehnt das Angebot ab."),
    ("Putin lügt", "Putin lügt nicht. Später: Putin lügt.", "Putin lügt."),
])
def test_of_two_copies_the_one_the_new_german_cuts_spare_is_taken(quote, text, clean):
    """The aligner weighs the new cuts as the verdict reads them (`_quote_clause` for both, and
    `_may_cut_before_negation` sees the "nicht" after an object): the clean copy is judged."""
    verdict = judged(quote, text, "verbatim")
    assert verdict.alignment.start == text.index(clean)


@pytest.mark.parametrize("quote, text", [
    ("Die Ukraine kämpft", "Die Ukraine kämpft und gibt nicht auf."),
    ("Kiew kämpft", "Kiew kämpft und gibt nicht auf."),
    ("Israel verhandelt", "Israel verhandelt und gibt nicht nach."),
    ("Russland droht", "Russland droht und lenkt nicht ein."),
    ("Die Kommission prüft", "Die Kommission prüft den Antrag und stimmt nicht zu."),
    ("Der Minister schweigt", "Der Minister schweigt und tritt nicht zurück."),
    ("Der Kanzler schweigt", "Der Kanzler schweigt oder weicht nicht aus."),
    ("Putin lügt", "Putin lügt und gibt es nicht zu."),
    ("Die Opposition protestiert", "Die Opposition protestiert und die Regierung lenkt nicht ein."),
    ("Die Ukraine ist bereit", "Die Ukraine ist bereit und Russland lenkt nicht ein."),
    ("Kiew ist gesprächsbereit", "Kiew ist gesprächsbereit und Moskau lenkt nicht ein."),
    ("Sie arbeitet hart", "Sie arbeitet hart und gibt nicht auf."),
    ("Der Plan ist gescheitert", "Der Plan ist gescheitert und kommt nicht zurück."),
    ("Die Regierung prüft den Antrag", "Die Regierung prüft den Antrag, lehnt ihn aber nicht ab."),
])
def test_a_nicht_past_und_or_a_second_verb_is_not_the_quotes(quote, text):
    """`_particle_after_object` read past "und"/"oder" into a second verb's "nicht …
    auf", and took adjectives ending in -t ("bereit", "hart", "gescheitert") for the finite verb."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, shown", [
    ("Scholz lehnt", "Scholz lehnt das Angebot nicht ab.", "nicht ab"),
    ("Die Bundesregierung lehnt", "Die Bundesregierung lehnt den Vorschlag nicht ab.", "nicht ab"),
    ("Die Regierung lehnt", "Die Regierung lehnt den Plan bisher nicht ab.", "nicht ab"),
    ("Merz stimmt", "Merz stimmt dem Plan nicht zu.", "nicht zu"),
])
def test_a_particle_after_the_object_in_the_quotes_own_clause_is_still_cut(quote, text, shown):
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”" in verdict.reason, verdict.reason


def test_a_nicht_in_capitals_after_the_object_spares_the_clean_copy():
    """The cheap `_may_cut_before_negation` looked for a lower-case "nicht" only, so
    the copy cut before "NICHT ab" was taken for clean and reported."""
    text = "Scholz lehnt das Angebot NICHT ab. Später: Scholz lehnt das Angebot ab."
    verdict = judged("Scholz lehnt", text, "verbatim")
    assert verdict.alignment.start == text.index("Scholz lehnt das Angebot ab.")


@pytest.mark.parametrize("quote, text", [
    ("Russland wählt", "Russland wählt seit Jahren nicht frei."),
    ("Die Wahl verläuft", "Die Wahl verläuft in Russland nicht frei."),
    ("Die Presse berichtet", "Die Presse berichtet in Russland nicht frei."),
    ("Der Rat tagt", "Der Rat tagt heute nicht zusammen."),
])
def test_frei_and_zusammen_after_an_object_are_adverbs(quote, text):
    """"nicht frei", "nicht zusammen" a few words on say how, not a particle's verb."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Die Waffenruhe hält", "Die Waffenruhe hält nicht für immer."),
    ("Die Koalition hält", "Die Koalition hält nicht für immer."),
    ("Die Brücke hält", "Die Brücke hält nicht für ewig."),
    ("Der Frieden hält", "Der Frieden hält nicht für lange."),
    ("Die Regierung hält Wort und zahlt", "Die Regierung hält Wort und zahlt nicht für andere."),
])
def test_haelt_nicht_fuer_a_time_or_after_another_verb_is_no_judgement(quote, text):
    """"für" and any lower-case word, after a "hält" anywhere in the clause, was taken
    for "hält … nicht für nötig"."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Die EZB senkt die Zinsen", "Die EZB senkt die Zinsen nicht, um die Inflation zu bremsen, sondern hält sie stabil."),
    ("Scholz liefert die Taurus", "Scholz liefert die Taurus nicht, um eine Eskalation zu vermeiden, sondern setzt auf Diplomatie."),
    ("Scholz liefert die Taurus", "Scholz liefert die Taurus nicht, um eine Eskalation zu vermeiden, die Russland "
                                  "provozieren könnte, sondern setzt auf Diplomatie."),
    ("Die Regierung handelt", "Die Regierung handelt nicht, um Zeit zu gewinnen, sondern wartet ab."),
    ("Der Rat tagt heute", "Der Rat tagt heute nicht, um 10 Uhr wie geplant, sondern erst morgen."),
])
def test_a_purpose_with_sondern_and_another_act_denies_the_act(quote, text):
    """`_GERMAN_PURPOSE` took any ", sondern" after ", um … ," for a purpose set
    against a purpose; only "sondern um / damit / weil" is one."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Wir tun das", "Wir tun das nicht, um Russland zu schaden, sondern damit die Ukraine überlebt."),
    ("Wir tun das", "Wir tun das nicht, um Russland zu schaden, sondern weil es richtig ist."),
])
def test_a_purpose_set_against_another_purpose_or_reason_denies_no_act(quote, text):
    judged(quote, text, "verbatim")


def test_the_cut_gate_reads_no_nicht_past_the_clause_of_the_cut():
    """The next sentence's "nicht zu" within 80 characters sent every copy of a German
    quote on a 300 KB page to be tokenized (`_may_cut_before_negation`); the gate now ends where
    `_particle_after_object` would stop, and still sees a "nicht" past a number's point."""
    text = "Die Koalition streitet seit Wochen. Die Union stimmt dem Haushalt nicht zu."
    assert not _may_cut_before_negation(text, len("Die Koalition streitet"))
    assert _may_cut_before_negation("Die Regierung lehnt die 5.000 Anträge nicht ab.", len("Die Regierung lehnt"))
    text = "Die Koalition lehnt den Haushalt nicht ab. Die Union stimmt nicht zu."
    assert _may_cut_before_negation(text, len("Die Koalition lehnt"))
    judged("Die Koalition lehnt", text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("Der Damm hält dem Druck", "Der Damm hält dem Druck nicht für lang.", "verbatim"),
    ("This reflects the collective will", "This reflects the collective will not to recognize the annexion.", "verbatim"),
    ("… the common will", "This reflects the common will not to recognize the annexation.", "verbatim"),
])
def test_lang_is_no_judgement_and_will_not_to_is_the_noun(quote, text, expected):
    """"nicht für lang" says for how long (`_NOT_JUDGED`); "will not to …" is
    never the modal (`_WILL_NOUN_AFTER`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("text, quote", [
    ("Die Opposition kämpft 7 und gibt nicht auf.", "Die Opposition kämpft 7"),
    ("Die Regierung prüft den Antrag 3 genau und lehnt ihn nicht ab.", "Die Regierung prüft"),
    ("Kiew kämpft oder gibt nicht auf.", "Kiew kämpft"),
    ("Der Minister schweigt UND tritt nicht zurück.", "Der Minister schweigt"),
])
def test_a_copy_whose_nicht_follows_a_coordinator_is_cleared_untokenized(text, quote):
    """On a page of "kämpft {i} und gibt nicht auf." every copy passed the cheap reading
    (`_may_cut_before_negation`) and was tokenized, only for `_particle_after_object` to stop at
    "und".  The cheap reading now stops there too, and agrees with the full check."""
    end = len(quote)
    clause = _quote_clause(tokenize(quote, 0, end), text)
    assert not _cuts_before_negation(text, end, clause)
    assert not _may_cut_before_negation(text, end)


@pytest.mark.parametrize("quote, text", [
    ("Die Opposition kämpft", "Die Opposition kämpft und gibt nicht auf."),
    ("Die Regierung prüft", "Die Regierung prüft den Antrag genau und lehnt ihn nicht ab."),
])
def test_a_coordinator_still_keeps_the_cut_verbatim(quote, text):
    """The same pairs judged whole: the "nicht" is the second verb's."""
    judged(quote, text, "verbatim")


def test_a_page_of_copies_after_a_coordinator_keeps_its_verdict():
    """A page repeating "Die Opposition kämpft {i} und gibt nicht auf." and "Scholz lehnt das
    Angebot {i} nicht ab.": the first quote holds, the second is cut before its "nicht ab"."""
    page = " ".join(f"Die Opposition kämpft {i} und gibt nicht auf. Scholz lehnt das Angebot {i} nicht ab."
                    for i in range(300))
    judged("Die Opposition kämpft", page, "verbatim")
    judged("Scholz lehnt", page, "altered")


@pytest.mark.parametrize("between", [
    "konkret", "vorerst", "erneut", "komplett", "somit", "strikt", "gezielt", "bewusst", "verstärkt",
    "vermehrt", "ausgerechnet", "möglichst", "höchst", "exakt", "korrekt", "prompt",
])
def test_an_adverb_in_t_before_nicht_ab_is_no_verb(between):
    """These adverbs look finite (`_GERMAN_FINITE`) and stopped `_particle_after_object`."""
    judged("Die Regierung lehnt", f"Die Regierung lehnt das Angebot {between} nicht ab.", "altered")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung lehnt", "Die Regierung lehnt das Angebot laut Bericht nicht ab."),
    ("Die Regierung lehnt", "Die Regierung lehnt das Paket samt Anlagen nicht ab."),
    ("Die Regierung lehnt", "Die Regierung lehnt das Paket nebst Anhang nicht ab."),
    ("Der Minister tritt", "Der Minister tritt vorerst nicht zurück."),
    ("Die Regierung hält Neuwahlen vorerst", "Die Regierung hält Neuwahlen vorerst nicht für nötig."),
    ("Die Regierung lehnt", "Die Regierung lehnt die 5.000 Anträge nicht ab."),
    ("Der Bund lehnt", "Der Bund lehnt 2.500 Klagen nicht ab."),
    ("Die Behörde weist", "Die Behörde weist die 1.200 Anträge nicht zurück."),
])
def test_a_preposition_in_t_or_a_number_before_nicht_ab_is_caught(quote, text):
    """"laut", "samt", "nebst" and "vorerst" stopped the walk; "5.000" was read with a stop
    ending the clause, the digit after it out of sight (`_CLAUSE_MARK` read up to each word)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Die Regierung lehnt", "Die Regierung lehnt die 5.000 Anträge ab. Der Rat stimmt nicht zu."),
    ("Die Regierung lehnt", "Die Regierung lehnt 5.000 Anträge. Der Rat stimmt nicht zu."),
    ("Die Regierung prüft", "Die Regierung prüft das Angebot erneut und stimmt nicht zu."),
    ("Die Regierung prüft", "Die Regierung prüft das Angebot konkret, stimmt aber nicht zu."),
    ("Die Regierung arbeitet", "Die Regierung arbeitet gezielt. Die Opposition gibt nicht auf."),
    ("Die Ukraine kämpft", "Die Ukraine kämpft erneut und gibt nicht auf."),
    ("Der Minister spricht", "Der Minister spricht laut und tritt nicht zurück."),
    ("Die Regierung handelt", "Die Regierung handelt prompt, die Opposition lenkt nicht ein."),
    ("Die Waffenruhe hält", "Die Waffenruhe hält vorerst."),
    ("Die Regierung hält Neuwahlen", "Die Regierung hält Neuwahlen vorerst nicht für nötig."),
])
def test_the_same_words_past_a_clause_or_verb_stay_verbatim(quote, text):
    """The look-alikes do not reach past a coordinator, a comma or a stop, and "5.000" does not hide
    the next sentence's stop."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, shown", [
    ("Nederland steunt de sancties", "Nederland steunt de sancties niet.", "niet"),
    ("Rutte liegt", "Rutte liegt niet.", "niet"),
    ("Rutte stemt", "Rutte stemt niet in.", "niet in"),
    ("De regering heeft de verkiezingen", "De regering heeft de verkiezingen niet erkend.", "niet erkend"),
    ("De regering zal de verkiezingen", "De regering zal de verkiezingen niet erkennen.", "niet erkennen"),
    ("Rusland neemt het voorstel", "Rusland neemt het voorstel niet aan.", "niet aan"),
    ("Het kabinet steunt de sancties", "Het kabinet steunt de sancties nog niet.", "nog niet"),
    ("Den Haag erkent de regering", "Den Haag erkent de regering nooit.", "nooit"),
    ("De Europese Unie steunt de sancties", "De Europese Unie steunt de sancties niet.", "niet"),
    ("Het Kremlin erkent de uitslag", "Het Kremlin erkent de uitslag niet.", "niet"),
    ("De twee landen steunen het voorstel", "De twee landen steunen het voorstel niet.", "niet"),
    ("Nederland steunt Oekraïne", "Nederland steunt Oekraïne niet meer.", "niet meer"),
    ("De Nederlandse regering steunt het plan", "De Nederlandse regering steunt het plan niet, zei Rutte.", "niet"),
    ("Rusland heeft", "Rusland heeft niet gereageerd.", "niet"),
    ("Nederland zal", "Nederland zal nooit instemmen.", "nooit"),
])
def test_a_dutch_quote_cut_before_the_niet_that_closes_its_clause_is_altered(quote, text, shown):
    """Dutch puts "niet" at its main clause's end after the object, or before the participle, the
    infinitive or the particle that ends it (dutch.py `_closing_niet`): a quote with its subject and
    finite verb, or an auxiliary, cut right before it asserts what the source denies, as a German one
    cut before "nicht an" does; one ending on the auxiliary itself drops "heeft niet" as "did not"."""
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Het is", "Het is niet alleen een oorlog maar ook een misdaad."),  # not only: adds
    ("Het is", "Het is niet-bindend."),  # a prefix, as "non-binding"
    ("Nederland steunt de sancties", "Nederland steunt de sancties volledig."),  # cut early, no negation
    ("Nederland steunt de sancties", "Nederland steunt de sancties niet volledig."),  # not fully: how
    ("Het gaat", "Het gaat niet zo snel."),
    ("Rusland reageert", "Rusland reageert niet adequaat."),
    ("de sancties", "Nederland steunt de sancties niet."),  # a noun phrase: no verb of the quote's
    ("Russische troepen", "Wij steunen Russische troepen niet."),
    ("de zogenaamde verkiezingen", "Wij erkennen de zogenaamde verkiezingen niet."),  # an adjective, its noun
    ("de Europese landen", "Wij volgen de Europese landen niet."),
    ("dat Nederland de sancties", "Hij zei dat Nederland de sancties niet steunt."),
    ("Het is duidelijk dat Rusland de annexatie", "Het is duidelijk dat Rusland de annexatie niet erkent."),
    ("Dit is het land dat de annexatie", "Dit is het land dat de annexatie niet heeft erkend."),
    ("Of Nederland de sancties steunt of", "Of Nederland de sancties steunt of niet."),  # or not
    ("En waarom", "En waarom niet?"),
    ("Nederland steunt de sancties, Hongarije", "Nederland steunt de sancties, Hongarije niet."),
    ("De regering heeft gereageerd", "De regering heeft gereageerd, niet de president."),
    ("Nooitgedacht", "Nooitgedacht is een dorp in Drenthe."),
])
def test_no_dutch_cut_where_the_niet_denies_no_verb_the_quote_holds(quote, text):
    """A "niet" that says how ("niet volledig", "niet zo snel"), adds ("niet alleen"), prefixes a word
    ("niet-bindend"), or follows a quote that holds no subject and finite verb of its own (a noun
    phrase, an adjective before its noun included, a subordinate clause whose verb comes last, after a
    main clause's auxiliary too, "of niet", a question's word, another subject after a comma) cuts
    nothing the quote asserts."""
    judged(quote, text, "verbatim")


def test_german_nicht_before_a_hyphen_is_judged_as_before_the_dutch_rules():
    """Dutch skips a hyphenated "niet-" after an auxiliary ("Het is" for "Het is niet-bindend."
    stays verbatim); German's "ist nicht-öffentlich" is cut before "nicht" as it was."""
    judged("Die Sitzung ist", "Die Sitzung ist nicht-öffentlich.", "altered")


@pytest.mark.parametrize("quote, text, shown", [
    ("Het kabinet wil de sancties", "Het kabinet wil de sancties niet opheffen.", "niet opheffen"),
    ("Daarom wil de regering de sancties", "Daarom wil de regering de sancties niet verlengen.", "niet verlengen"),
    ("Nederland heeft de sancties", "Nederland heeft de sancties niet nodig.", "niet nodig"),
    ("Wij hebben de hulp", "Wij hebben de hulp nooit nodig gehad.", "nooit nodig gehad"),
    ("Onze regering wil de sancties", "Onze regering wil de sancties niet opheffen.", "niet opheffen"),
])
def test_a_dutch_quote_cut_before_niet_and_its_modals_infinitive_or_nodig_is_altered(quote, text, shown):
    """"wil", no auxiliary of the list (the will, "de wil van het volk"), is the modal where the finite
    verb stands right after the subject (dutch.py `_DUTCH_SLOT_MODALS`, `_verb_slot`; a possessive and its
    noun one, "Onze regering"), so the infinitive after "niet" closes the clause it opens; "nodig" closes
    "hebben"'s as a particle does (`_DUTCH_PREDICATES`: to need).  Cut before "niet", the quote asserts
    what the source denies."""
    verdict = judged(quote, text, "altered")
    assert f"the source's “{shown}”" in verdict.reason, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("De politieke wil", "De politieke wil niet van één staat maar van allen."),  # the noun
    ("Onze wil", "Onze wil niet, maar de uwe geschiede."),  # the noun after a possessive
    ("Het kabinet wil de sancties", "Het kabinet wil de sancties niet volledig opheffen."),  # how
    ("Het kabinet wil de sancties", "Het kabinet wil de sancties, niet de dialoog."),
    ("Nederland vindt de sancties", "Nederland vindt de sancties niet nodig."),  # a judgement, not hebben's
    ("Nederland vindt de sancties", "Nederland vindt de sancties niet nodig om Rusland te straffen."),
])
def test_no_dutch_cut_before_niet_after_the_will_another_verb_or_a_clause_that_goes_on(quote, text):
    """"wil" after an article or a possessive (dutch.py `_DUTCH_POSSESSIVES`) and its adjectives is the
    noun; "nodig" after another verb than "hebben" is that verb's judgement, an "om" clause after it too:
    nothing the quote asserts is cut."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, expected", [
    ("Nederland heeft de sancties", "Nederland heeft de sancties niet nodig om Rusland te straffen.", "altered"),
    ("Het kabinet wil de sancties", "Het kabinet wil de sancties niet opheffen om Rusland te straffen.", "altered"),
    ("Nederland steunt de sancties",
     "Nederland steunt de sancties niet om Rusland te straffen maar om Oekraïne te helpen.", "verbatim"),
    ("Nederland heeft de sancties", "Nederland heeft de sancties niet volledig nodig om Rusland te straffen.",
     "verbatim"),
])
def test_a_dutch_om_clause_after_the_verbs_end_leaves_the_niet_the_main_clauses(quote, text, expected):
    """An "om … te" clause put after the verb's end ("niet nodig om", "niet opheffen om") leaves the
    "niet" before that end the main clause's, cut as before a full stop (dutch.py `_EXTRAPOSED`; session
    28 pinned "niet nodig om" as a clause that goes on, reading nothing); "niet om … maar om" right after
    the negation denies the purpose, and "niet volledig" how: no cut of the act."""
    judged(quote, text, expected)
