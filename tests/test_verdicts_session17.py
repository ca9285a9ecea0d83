"""Session 17, task A: negations of the letters' other languages and French's elided "ne", a
negation a closing ellipsis hides, "not just … but", "%" for "per cent", and minor reasons
that name what their diff shows."""

from __future__ import annotations

import csv

import pytest

from crawler.align import tokenize
from crawler.verdicts import judge

# --- 1. negations ------------------------------------------------------------------------------

@pytest.mark.parametrize("quote, text, word", [
    ("Der Minister wird das Ergebnis … anerkennen.", "Der Minister wird das Ergebnis niemals anerkennen.", "niemals"),
    ("El Gobierno … acepta el resultado.", "El Gobierno nunca acepta el resultado.", "nunca"),
    ("Ayer … aceptó el resultado.", "Ayer nadie aceptó el resultado.", "nadie"),
    ("El Gobierno … aceptará.", "El Gobierno tampoco aceptará.", "tampoco"),
    ("Le Gouvernement n'acceptera … le résultat.", "Le Gouvernement n'acceptera jamais le résultat.", "jamais"),
    ("O Governo … aceitará o resultado.", "O Governo nunca aceitará o resultado.", "nunca"),
    ("O Governo … aceita o resultado.", "O Governo não aceita o resultado.", "não"),
    ("Il Governo non accetterà … il risultato.", "Il Governo non accetterà mai il risultato.", "mai"),
    ("Правительство … не признает результаты.", "Правительство никогда не признает результаты.", "никогда"),
    ("Такие выборы … признавать.", "Такие выборы нельзя признавать.", "нельзя"),
    ("The vote has … changed the situation.", "The vote has hardly changed the situation.", "hardly"),
    ("The observers could … see the count.", "The observers could scarcely see the count.", "scarcely"),
])
def test_a_negation_of_another_language_an_ellipsis_hides_makes_the_quote_altered(quote, text, word):
    """They were no word of NEGATIONS: an ellipsis hiding one left the quote elided."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert f"“{word}” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("Der Minister wird das Ergebnis anerkennen.", "Der Minister wird das Ergebnis niemals anerkennen.", "niemals"),
    ("No se aceptará resultado.", "No se aceptará ningún resultado.", "ningún"),
    ("Le Gouvernement accepte le résultat.", "Le Gouvernement n'accepte aucun résultat.", "aucun"),
    ("O Governo aceitará o resultado.", "O Governo não aceitará nenhum resultado.", "não"),
    ("Il Governo non accetterà risultato.", "Il Governo non accetterà nessun risultato.", "nessun"),
    ("Правительство не признает.", "Правительство ничего не признает.", "ничего"),
    ("The observers saw the count.", "The observers scarcely saw the count.", "scarcely"),
])
def test_a_negation_of_another_language_dropped_is_named_a_negation(quote, text, word):
    """The change was altered, but its kinds named no negation."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert any(word in c["source"] and "negation" in c["kinds"] for c in verdict.changes), verdict.changes


def test_french_elided_ne_dropped_is_a_negation_not_a_changed_word():
    """"n'acceptera" was one word: "acceptera" for it read as a replaced word, no negation."""
    verdict = judge("L'Union européenne acceptera le résultat des élections.",
                    "L'Union européenne n'acceptera le résultat des élections.")
    assert verdict.verdict == "altered"
    assert verdict.reason == "words changed: n' → ∅"
    assert verdict.changes == [{"source": "n'", "quote": "", "kinds": ["negation", "removed"]}]
    assert ("delete", "n'") in verdict.alignment.diff
    assert ("equal", "acceptera le résultat des élections") in verdict.alignment.diff


@pytest.mark.parametrize("quote, text", [
    ("Union européenne acceptera le résultat.", "L'Union européenne acceptera le résultat."),
    ("l'Union acceptera le résultat.", "Union acceptera le résultat."),
])
def test_another_elision_dropped_is_no_negation(quote, text):
    verdict = judge(quote, text)
    assert not any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


@pytest.mark.parametrize("written, words", [
    ("n'acceptera", ["n'", "acceptera"]),
    ("N’oubliez", ["N’", "oubliez"]),          # a sentence's first word, a curly apostrophe
    ("N'Djamena", ["N'", "Djamena"]),        # a name too, cut as N'DJAMENA is (session 17's M5)
    ("n'importe", ["n'importe"]),            # "any", no negation
    ("l'Union", ["l'Union"]),
    ("do n't", ["do", "n't"]),
])
def test_the_tokenizer_splits_french_elided_ne_only(written, words):
    assert [t.text for t in tokenize(written)] == words
    assert all(t.key == "n'" for t in tokenize(written) if t.text.lower().replace("’", "'") == "n'")


@pytest.mark.parametrize("quote, text", [
    ("Les élections du … ont été illégales.", "Les élections du 31 mai ont été illégales."),
    ("Les élections tenues en … ont été illégales.", "Les élections tenues en mai ont été illégales."),
])
def test_the_french_month_mai_is_no_negation(quote, text):
    """Italian's "never" is French's May: beside a number or after "en" it is the month."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


# --- 2. a negation, a modal or a number a closing ellipsis hides ---------------------------------

CLOSING = ("The Ministry does not recognize the so-called elections.\n\n"
           "We said that we will not accept their results, and we would support the talks.\n\n"
           "A total of 250 international observers were invited. The elections were held on 31 March 2020 "
           "in the region.\n\n"
           "The European Union reiterates that it does not recognise the framework.\n\n"
           "The Council recognizes the elections but will not accept them.")


@pytest.mark.parametrize("quote, word", [
    ("The Ministry does …", "not"),
    ("The Ministry does ...”", "not"),              # three stops, a closing quote glyph after them
    ("… we said that we will …", "not"),
])
def test_a_negation_a_closing_ellipsis_hides_right_after_the_quote_makes_it_altered(quote, word):
    """The quote's last segment matched up to its last word and nothing after it was read: verbatim."""
    verdict = judge(quote, CLOSING)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == f"“{word}” left out at an ellipsis"
    assert verdict.alignment.diff[-1] == ("delete", word)
    assert [c for c in verdict.changes if c["quote"] == "…" and "elided" in c["kinds"]]


@pytest.mark.parametrize("quote", [
    "The European Union reiterates that it …",     # "does" first: the sentence cut, nothing said
    "The elections were held on …",                # a date
    "… and we …",                                  # a modal, "would": the sentence cut (session 17's M1)
    "A total of …",                                # a number, "250": the same (session 17's M1)
    "The Council recognizes …",                    # "not" further on in the sentence
    "The Council recognizes the elections …",      # the clause ends first ("but" then "will not")
])
def test_a_closing_ellipsis_before_other_words_stays_verbatim(quote):
    verdict = judge(quote, CLOSING)
    assert verdict.verdict == "verbatim", verdict.reason


def test_a_closing_ellipsis_does_not_read_the_next_sentence():
    verdict = judge("The Ministry does …", "The Ministry does. Not one observer was invited to the vote.")
    assert verdict.verdict == "verbatim", verdict.reason


PAD = " The weather in the capital was mild and the delegation met local officials at the museum." * 3
HIDES = "The Ministry does not recognize the vote."
HIDES_NOTHING = "The Ministry does recognize the results."


@pytest.mark.parametrize("text", [HIDES + PAD + " " + HIDES_NOTHING, HIDES_NOTHING + PAD + " " + HIDES])
def test_of_two_places_the_one_a_closing_ellipsis_hides_nothing_after_is_taken(text):
    """As for an ellipsis inside a quote: the verdict must not hang on which copy comes first."""
    verdict = judge("The Ministry does …", text)
    assert verdict.verdict == "verbatim", verdict.reason
    assert verdict.alignment.start == text.index(HIDES_NOTHING)


def test_the_check_shows_the_negation_a_closing_ellipsis_hides(runner, tmp_path):
    """End to end through `citewatch check` into a real database: altered, the reason names the
    word, the one-line diff shows it where the ellipsis stands."""
    from crawler.cli import cli

    page = tmp_path / "closing.txt"
    page.write_text(CLOSING, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", "The Ministry does …",
                                 str(page), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["verdict"] == "altered" and row["reason"] == "“not” left out at an ellipsis"
    assert row["diff"] == "The Ministry does [-not-]"


# --- 3. "not just … but" ------------------------------------------------------------------------

@pytest.mark.parametrize("quote, text, verdict", [
    ("The vote was … fair.", "The vote was not just fair but transparent.", "elided"),
    ("The vote was …", "The vote was not just fair but transparent.", "verbatim"),
    ("O voto foi … justo.", "O voto foi não só justo, mas transparente.", "elided"),
])
def test_not_just_before_a_but_is_no_negation(quote, text, verdict):
    """"not just X but Y" says X and more: its "not" hidden was read as a negation (altered)."""
    result = judge(quote, text)
    assert result.verdict == verdict, result.reason


# --- 4. "%" for "per cent" ----------------------------------------------------------------------

TURNOUT = "Turnout fell by {} in the region this year."


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


# --- 5. a verbatim or minor reason names what its diff shows -------------------------------------

def test_a_minor_reason_names_its_changes():
    verdict = judge("The Ministry doesn't recognize the elections held there.",
                    "The Ministry does not recognize the elections held there.")
    assert verdict.verdict == "minor"
    assert verdict.reason == ("same words; differences only in punctuation, case, quote style or spelling: "
                              "does not → doesn't")


def test_a_minor_reason_lists_three_changes_and_counts_the_rest():
    verdict = judge("The Ministry doesn't accept the organisation, the centre, the colour or the labour.",
                    "The Ministry does not accept the organization, the center, the color or the labor.")
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason.endswith(": does not → doesn't; organization → organisation; center → centre and 2 more")


def test_a_verbatim_reason_names_a_word_extraction_cut():
    verdict = judge("The Ministry rejects the politica l framework of the vote.",
                    "The Ministry rejects the political framework of the vote.")
    assert verdict.verdict == "verbatim"
    assert verdict.reason == "same words after normalisation: political → politica l"


def test_a_reason_with_no_change_in_its_diff_says_no_more():
    verdict = judge("the ministry does not recognize the elections held there",
                    "The Ministry does not recognize the elections held there.")
    assert verdict.verdict == "minor"
    assert verdict.reason == "same words; differences only in punctuation, case, quote style or spelling"


# --- 6. the review's mends (M1) -------------------------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("L'Union est … déterminée à agir.", "L'Union est plus que jamais déterminée à agir."),        # more than ever
    ("La Unión está … comprometida con la paz.", "La Unión está más que nunca comprometida con la paz."),
    ("L'Unione è … impegnata per la pace.", "L'Unione è più che mai impegnata per la pace."),
    ("A União está … empenhada na paz.", "A União está mais do que nunca empenhada na paz."),
    ("La Unión está … comprometida con la paz.", "La Unión está más de lo que nunca estuvo comprometida con la paz."),
    ("Ce territoire restera … lié à la République.", "Ce territoire restera à jamais lié à la République."),  # forever
    ("Si … les élections ont lieu, l'Union réagira.", "Si jamais les élections ont lieu, l'Union réagira."),  # if ever
    ("Come … il governo ha rinviato il voto?", "Come mai il governo ha rinviato il voto?"),                # why
    ("L'Unione è più che … impegnata per la pace.", "L'Unione è più che mai impegnata per la pace."),    # "mai" alone hidden
])
def test_never_that_means_ever_hidden_is_no_negation(quote, text):
    """jamais, jamás, nunca and mai were read as negations wherever they stood: hidden, altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Il governo è determinato più che …", "Il governo è determinato più che mai, ha detto il ministro."),
    ("La Unión está comprometida más que …", "La Unión está comprometida más que nunca con la paz."),
])
def test_never_that_means_ever_after_a_closing_ellipsis_is_no_negation(quote, text):
    verdict = judge(quote, text)
    assert verdict.verdict == "verbatim", verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("El Gobierno dijo que … aceptará.", "El Gobierno dijo que nunca aceptará.", "nunca"),   # that never: no comparative
    ("La France ne veut … revoir cela.", "La France ne veut plus jamais revoir cela.", "jamais"),  # never again
    ("Si … llega el acuerdo, habrá sanciones.", "Si nunca llega el acuerdo, habrá sanciones.", "nunca"),  # if never
])
def test_never_after_other_words_is_still_a_negation(quote, text, word):
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert f"“{word}” left out at an ellipsis" in verdict.reason


def test_a_closing_ellipsis_stops_at_a_line_that_opens_with_a_capital():
    """trafilatura ends a paragraph with one "\\n": a heading's closing ellipsis read the next
    paragraph's "No" and called the quote altered."""
    text = ("Statement by the Ministry of Foreign Affairs\nMain results of the talks between the delegations\n"
            "No agreement was reached on the exchange of prisoners.\n2 agreements were signed on trade.")
    for quote in ("Main results of the talks between the delegations …",
                  "No agreement was reached on the exchange of prisoners …"):
        verdict = judge(quote, text)
        assert verdict.verdict == "verbatim", (quote, verdict.reason)
    bullet = "The delegations met in Geneva\n• No agreement was reached."
    assert judge("The delegations met in Geneva …", bullet).verdict == "verbatim"


def test_a_closing_ellipsis_reads_a_wrapped_line_that_goes_on_in_lower_case():
    """A PDF wraps a sentence at any word: "does\\nnot" is one sentence."""
    verdict = judge("The Ministry does …", "The Ministry does\nnot recognize the elections.")
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == "“not” left out at an ellipsis"


@pytest.mark.parametrize("quote, text", [
    ("The elections held on March …", "The elections held on March 31, 2020 were illegitimate."),
    ("The elections held in March …", "The elections held in March 2020 were illegitimate."),
    ("The elections of …", "The elections of 2020 were illegitimate."),
    ("Les élections du …", "Les élections du 31 mai 2020 sont illégitimes."),
    ("Turnout fell by …", "Turnout fell by 40 per cent in 2020."),
    ("We reiterate that the so-called elections …", "We reiterate that the so-called elections will have no legal effect."),
    ("The Ministry said that it …", "The Ministry said that it will recognize the result."),
])
def test_a_closing_ellipsis_before_a_date_a_number_or_a_modal_stays_verbatim(quote, text):
    """A quote cut short there leaves the rest unsaid: the review found these altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "verbatim", verdict.reason
    assert verdict.alignment.diff == [("equal", quote.removesuffix(" …"))]


def test_barely_is_no_negation():
    """"barely passed" says it passed: hidden, the quote is elided; dropped, no negation is named."""
    verdict = judge("The resolution … passed the Council.", "The resolution barely passed the Council.")
    assert verdict.verdict == "elided", verdict.reason
    verdict = judge("The resolution passed the Council.", "The resolution barely passed the Council.")
    assert verdict.changes == [{"source": "barely", "quote": "", "kinds": ["removed"]}]


@pytest.mark.parametrize("written, words", [
    ("N'ACCEPTERA", ["N'", "ACCEPTERA"]),     # all in capitals: as "n'acceptera" is cut
    ("N’EST", ["N’", "EST"]),
    ("N'Y", ["N'", "Y"]),
    ("N'IMPORTE", ["N'IMPORTE"]),           # "any", no negation, in capitals too
    ("N'Golo", ["N'", "Golo"]),             # a name in title case, cut as in capitals (M5)
    ("DO N'T", ["DO", "N'T"]),
])
def test_the_tokenizer_splits_elided_ne_in_capitals(written, words):
    assert [t.text for t in tokenize(written)] == words


def test_a_quote_in_capitals_shows_no_change_for_elided_ne():
    """The minor reason listed "n'acceptera → N'ACCEPTERA": case alone shows no change."""
    verdict = judge("L'UNION EUROPÉENNE N'ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.",
                    "L'Union européenne n'acceptera pas le résultat de ces élections.")
    assert verdict.verdict == "minor"
    assert verdict.reason == "same words; differences only in punctuation, case, quote style or spelling"


# --- 7. the second review's mends (M5) -----------------------------------------------------------

@pytest.mark.parametrize("quote, text", [
    ("The minister travelled to … on Monday.", "THE MINISTER TRAVELLED TO N'DJAMENA ON MONDAY."),
    ("THE MINISTER TRAVELLED TO … ON MONDAY.", "THE MINISTER TRAVELLED TO N'DJAMENA ON MONDAY."),
    ("The minister met … on Monday.", "The minister met N'GOLO KANTÉ on Monday."),
    ("The minister met … on Monday.", "The minister met N'Golo Kanté on Monday."),
    ("The singer … performed in Dakar.", "The singer YOUSSOU N'DOUR performed in Dakar."),
    ("L'AMBASSADE À … RAPPELLE QUE LE VOTE EST LIBRE.", "L'AMBASSADE À N'DJAMENA RAPPELLE QUE LE VOTE EST LIBRE."),
])
def test_a_name_in_capitals_hidden_at_an_ellipsis_is_no_negation(quote, text):
    """N'DJAMENA was cut into "N'" and a name, and its "N'" was read as French's "ne": altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("text, words", [
    ("THE MINISTER TRAVELLED TO N'DJAMENA ON MONDAY.", "1 source word"),
    ("The minister travelled to N'Golo Kanté on Monday.", "2 source words"),
])
def test_a_word_with_n_apostrophe_left_out_counts_once(text, words):
    """"N'" cut from its word by the tokenizer was counted as a word of its own left out."""
    verdict = judge("The minister travelled to … on Monday.", text)
    assert verdict.verdict == "elided", verdict.reason
    assert verdict.reason.startswith(f"2 segments found in order, {words} left out at an ellipsis")


@pytest.mark.parametrize("quote, text, reason", [
    ("LA FRANCE … LE RÉSULTAT DE CES ÉLECTIONS.", "LA FRANCE N'ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.",
     "“N'”, “PAS” left out at an ellipsis"),
    ("LA FRANCE … LE RÉSULTAT DE CES ÉLECTIONS.", "LA FRANCE N'A JAMAIS ACCEPTÉ LE RÉSULTAT DE CES ÉLECTIONS.",
     "“N'”, “JAMAIS” left out at an ellipsis"),
])
def test_an_elided_ne_in_capitals_with_its_partner_is_still_a_negation(quote, text, reason):
    """The guard of the mend above: an "N'" with "PAS" or "JAMAIS" after it is French's "ne"."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == reason


def test_an_elided_ne_in_capitals_dropped_with_its_partner_is_named_a_negation():
    verdict = judge("LA FRANCE ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.",
                    "LA FRANCE N'ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.")
    assert verdict.changes == [{"source": "N'", "quote": "", "kinds": ["name", "negation", "removed"]}]


def test_a_name_in_capitals_dropped_is_no_negation():
    verdict = judge("The minister, born in, studied in Paris.", "The minister, born in N'DJAMENA, studied in Paris.")
    assert verdict.verdict == "altered"
    assert verdict.changes == [{"source": "N'DJAMENA", "quote": "", "kinds": ["name", "removed"]}]


@pytest.mark.parametrize("quote, text", [
    ("The minister was born in N'Djamena in 1960.", "THE MINISTER WAS BORN IN N'DJAMENA IN 1960."),
    ("THE MINISTER WAS BORN IN N'DJAMENA IN 1960.", "The minister was born in N'Djamena in 1960."),
    ("The minister met N'GOLO KANTÉ in Paris.", "The minister met N'Golo Kanté in Paris."),
])
def test_a_name_with_n_apostrophe_in_other_case_shows_no_change(quote, text):
    """The minor reason listed "N'Djamena → N'DJAMENA", and the diff showed it replaced: case alone."""
    verdict = judge(quote, text)
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason == "same words; differences only in punctuation, case, quote style or spelling"
    assert [op for op, _words in verdict.alignment.diff] == ["equal"]


def test_an_altered_reason_lists_no_case_change_of_a_name_with_n_apostrophe():
    verdict = judge("The embassy in N’Djamena said …", "The embassy in N’DJAMENA said no observers were admitted.")
    assert verdict.verdict == "altered"
    assert verdict.reason == "“no” left out at an ellipsis"


@pytest.mark.parametrize("quote, text, word", [
    ("THE UNION DOES …", "THE UNION DOES\nNOT RECOGNISE THE RESULTS.", "NOT"),
    ("The European Union does …", "The European Union does\nNOT recognize the so-called elections.", "NOT"),
    ("LA FRANCE N'ACCEPTERA …", "LA FRANCE N'ACCEPTERA\nJAMAIS LE RÉSULTAT.", "JAMAIS"),
])
def test_a_closing_ellipsis_reads_a_wrapped_line_in_capitals(quote, text, word):
    """A line opening with a capital ended the read, so a negation wrapped in capitals was missed."""
    verdict = judge(quote, text + "\nThe weather in the capital was mild.")
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == f"“{word}” left out at an ellipsis"


@pytest.mark.parametrize("text", [
    "The delegations met in Geneva\nNo agreement was reached.",      # title case: a new paragraph
    "The delegations met in Geneva\nA total of no observers came.",  # a single capital too
    "The delegations met in Geneva\n2 agreements were not signed.",  # a digit
])
def test_a_closing_ellipsis_stops_at_a_line_in_title_case_or_a_digit(text):
    verdict = judge("The delegations met in Geneva …", text)
    assert verdict.verdict == "verbatim", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Como … reconoció las elecciones, el Gobierno no envió observadores.",
     "Como nunca reconoció las elecciones, el Gobierno no envió observadores."),      # since ... never
    ("Como … aceitou o resultado, o Governo convocou novas eleições.",
     "Como nunca aceitou o resultado, o Governo convocou novas eleições."),
    ("El Gobierno dijo que, como … reconoció las elecciones, no enviará observadores.",
     "El Gobierno dijo que, como nunca reconoció las elecciones, no enviará observadores."),
    ("El Gobierno dijo que como … reconoció las elecciones, no enviará observadores.",
     "El Gobierno dijo que como nunca reconoció las elecciones, no enviará observadores."),
    ("Comme … la France n'a reconnu ces élections, elle n'enverra personne.",
     "Comme jamais la France n'a reconnu ces élections, elle n'enverra personne."),
])
def test_como_nunca_opening_a_clause_is_a_negation(quote, text):
    """"como nunca" was read as "like never before" wherever it stood: hidden, elided."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("La Unión Europea está unida como … antes en su apoyo a la paz.",
     "La Unión Europea está unida como nunca antes en su apoyo a la paz."),             # as never before
    ("La Francia, come … prima, sostiene il processo di pace.",
     "La Francia, come mai prima, sostiene il processo di pace."),                      # Italian: as it was
])
def test_como_nunca_inside_a_clause_is_still_ever(quote, text):
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("L'Union européenne est plus déterminée … à soutenir le processus de paix.",
     "L'Union européenne est plus déterminée que jamais à soutenir le processus de paix."),
    ("La Unión Europea está más comprometida … con el proceso de paz.",
     "La Unión Europea está más comprometida que nunca con el proceso de paz."),
    ("L'Unione europea è più impegnata … nel processo di pace.",
     "L'Unione europea è più impegnata che mai nel processo di pace."),
    ("A União Europeia está mais empenhada … no processo de paz.",
     "A União Europeia está mais empenhada do que nunca no processo de paz."),
])
def test_a_comparative_two_words_back_makes_never_ever(quote, text):
    """Only "plus que jamais" was read as "more than ever": a word between them left it a negation."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("El Gobierno dijo más tarde que … aceptará el resultado.",
     "El Gobierno dijo más tarde que nunca aceptará el resultado.", "nunca"),          # said later that never
    ("Le ministre a dit plus tard que … il n'accepterait ce résultat.",
     "Le ministre a dit plus tard que jamais il n'accepterait ce résultat.", "jamais"),
])
def test_a_comparative_of_time_two_words_back_leaves_never_a_negation(quote, text, word):
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == f"“{word}” left out at an ellipsis"
