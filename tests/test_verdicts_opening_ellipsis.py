"""An opening ellipsis (a quote that begins with "…"), and a quote that opens after an elided word.

A negation right before the quote's first word, or before the auxiliary, modal or pronoun the
quote opens with, is hidden and makes the quote altered; a negation that governs a word outside
the quote, that of a choice or an idiom ("whether or not"), a double negation's ("не может не")
and words that deny nothing keep it verbatim.  A quote opening past the apostrophe of an elided
function word ("qu'aucun", "l'Union", "dell'Unione") is verbatim, unless the elided word is
"n'" or a negation; a closing ’ opens no elided word."""

from __future__ import annotations

import csv

import pytest

from crawler import verdicts
from crawler.align import tokenize
from crawler.verdicts import judge
from tests.judging import PAD, judged


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
    # opening inside "Non-governmental", "non-aligned"): altered, tests/test_verdicts_no_side_and_prefixes.py
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
    # altered, its "no" opening the subject (tests/test_verdicts_denying_subjects.py)
    ("… crime", "This is not a crime."),                                                      # French "a" is no English word
    ("… welcome the mission", "We not only welcome the mission."),                          # additive
    # plus que jamais: more than ever, no negation
    ("… déterminée à soutenir l'Ukraine", "La France est plus que jamais déterminée à soutenir l'Ukraine."),
])
def test_other_words_before_an_opening_ellipsis_keep_their_reading(quote, text):
    judged(quote, text, "verbatim")


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
    noun, and read Italian's clitic "ne" and "n'en déplaise" as negations."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… reconocido", "España no lo ha reconocido."),                # a pronoun before its auxiliary
    ("… ha preso atto", "Il Ministro non ne ha preso atto."),        # "non": the clitic passed
    ("… a le droit", "Personne n'a le droit de le faire."),          # "Personne … ne": its partner first
    ("… accepter", "La France ne saurait accepter."),                # a "ne" alone before savoir
])
def test_an_opening_ellipsis_still_hides_the_negation_behind_a_pronoun_or_lone_ne(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… ne ha preso atto", "Il Governo non ne ha preso atto."),
    ("… ne è consapevole", "Il Governo non ne è consapevole."),
    ("… ne abbiamo discusso", "Non ne abbiamo discusso."),
])
def test_an_opening_ellipsis_before_italians_clitic_ne_hides_the_non_before_it(quote, text):
    """The quote's first word, Italian's clitic "ne", was read as a French negation of its own,
    so the "non" before it counted as the quote's: it is a pronoun, passed."""
    verdict = judged(quote, text, "altered")
    assert "“non” left out" in verdict.reason.replace("“Non”", "“non”")


def test_an_opening_ellipsis_after_not_far_from_still_hides_the_not():
    judged("… far from the front line", "The village is not far from the front line.", "altered")


@pytest.mark.parametrize("quote, text", [
    ("aucun pays n'a reconnu l'annexion", "Le ministre a déclaré qu'aucun pays n'a reconnu l'annexion."),
    ("aucun pays n’a reconnu l’annexion", "Le ministre a déclaré qu’aucun pays n’a reconnu l’annexion."),
    ("… aucun pays n'a reconnu l'annexion", "Le ministre a déclaré qu'aucun pays n'a reconnu l'annexion."),
    ("il ne reconnaîtra pas ces élections", "Le président a dit qu'il ne reconnaîtra pas ces élections."),
    ("il n'a jamais reconnu l'annexion", "Le ministre affirme qu'il n'a jamais reconnu l'annexion."),
    ("aucune solution militaire n'existe", "Il rappelle qu'aucune solution militaire n'existe."),
    ("Union reste unie", "Le ministre a affirmé que l'Union reste unie."),
    ("annexion de la Crimée est illégale", "Pour la France, l'annexion de la Crimée est illégale."),
    ("Union européenne acceptera le résultat.", "L'Union européenne acceptera le résultat."),
    ("un accord est possible", "Il estime qu'un accord est possible d'ici l'été."),
    ("Europe doit rester unie", "Il répète que l'avenir de l'Europe doit rester unie."),
    ("ici la fin de l'année", "Un accord est attendu d'ici la fin de l'année."),
    ("ai toujours défendu le droit international", "J'ai toujours défendu le droit international."),
    ("est une violation du droit international", "Selon Paris, c'est une violation du droit international."),
    ("agit d'une annexion illégale", "Pour Kiev, il s'agit d'une annexion illégale."),
    ("aucun pays ne l'ait reconnue", "L'annexion reste nulle jusqu'à ce qu'aucun pays ne l'ait reconnue."),
    ("il est encore temps", "Il faut agir lorsqu'il est encore temps."),
    ("Unione europea resta unita", "Il ministro ha detto che l'Unione europea resta unita."),
    ("Unione europea non riconosce l'annessione", "La posizione dell'Unione europea non riconosce l'annessione."),
    ("Assemblea generale delle Nazioni Unite", "Il ministro si è rivolto all'Assemblea generale delle Nazioni Unite."),
    ("annessione continua", "Il dibattito sull'annessione continua."),
    ("annessione è illegale", "Per l'Italia, l'annessione è illegale."),
    ("è un accordo", "Il ministro ha detto che c'è un accordo."),
    ("altra soluzione", "Serve un'altra soluzione."),
])
def test_a_quote_opening_after_an_elided_function_word_is_verbatim(quote, text):
    """"qu'aucun", "l'Union", "dell'Unione" are one word to the tokenizer, and a quote that
    opens after the apostrophe, where compilers cut it, was "qu'aucun → aucun", altered.  The span
    now opens past the elided word (crawler/align.py `_elision_cut`), as after "que" written apart."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Le ministre a dit qu'aucun pays n'a reconnu l'annexion."),
    ("… a jamais reconnu l'annexion", "Le ministre affirme qu'il n'a jamais reconnu l'annexion."),
    ("accepte le résultat", "La France n'accepte pas le résultat."),
    ("importe quel pays peut le faire", "N'importe quel pays peut le faire."),
    ("altra soluzione è possibile", "Il ministro ha detto che nessun'altra soluzione è possibile."),
    ("altra soluzione è possibile", "Il ministro ha detto che nessun’altra soluzione è possibile."),
    ("… il reconnaît l'annexion", "La France dit qu'il ne reconnaît pas l'annexion."),
    ("aucun pays a reconnu l'annexion", "Le ministre a déclaré qu'aucun pays n'a reconnu l'annexion."),
])
def test_a_quote_opening_after_n_or_a_negation_stays_altered(quote, text):
    """Not after "n'" (a word of its own: "… a reconnu" drops it), nor after a negation elided
    ("nessun'altra"), nor where the quote's own words differ past the cut."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("… a pas reconnue", "La France ne l'a pas reconnue.", "altered"),
    ("… a pas reconnu l'annexion", "Le ministre dit qu'il ne l'a pas reconnu l'annexion.", "altered"),
    ("… ha riconosciuta", "L'Italia non l'ha riconosciuta.", "altered"),
    ("… ha riconosciuta", "L'Italia l'ha riconosciuta.", "verbatim"),
    ("… elle reconnaît l'annexion", "La France ne dit pas qu'elle reconnaît l'annexion.", "verbatim"),
])
def test_an_opening_past_an_elision_reads_the_words_before_it_apart(quote, text, expected):
    """`_opening_run` tokenizes the text before and after the span's start apart, the elided word
    one word ("l'", crawler/align.py `tokenize`): the span may open inside "l'a", and "a" is then
    the quote's first word with "ne l'" before it, as in "ne la a pas" written apart ("… a pas
    reconnue" drops the "ne"; Italian's "non l'ha": "l'" stands between as "lo" does)."""
    judged(quote, text, expected)


def test_a_span_past_an_elision_starts_after_the_apostrophe():
    """The span, and the text shown as matched, open at the quote's first word."""
    alignment = judged("aucun pays n'a reconnu", "Il a dit qu'aucun pays n'a reconnu l'annexion.", "verbatim").alignment
    assert alignment.matched == "aucun pays n'a reconnu"


@pytest.mark.parametrize("quote, text", [
    ("described the deal as ‘a win for all’", "The minister described the deal as ‘a win for all’ on Tuesday."),
    ("called for 'justice for all'", "He called for 'justice for all' in his speech."),
    ("We will deliver justice for all", "The minister said: ‘We will deliver justice for all’"),
    ("We want a Plan B, not a Plan C", "He told reporters: 'We want a Plan B, not a Plan C'"),
    ("rated the bonds 'D'", "The agency rated the bonds 'D' on Monday."),
])
def test_a_closing_single_quote_after_all_or_a_letter_is_no_elision(quote, text):
    """A ’ that closes the text (or the quote) opens no word after it: "all’" is no Italian "all'"
    elided onto a next word (it was "all’ → all", altered)."""
    judged(quote, text, "verbatim")


def test_a_whole_text_ending_on_all_quote_keeps_the_word_apart():
    """Only a range that ends inside a word ("qu'|aucun", `_opening_run`) keeps an elided "qu'" whole."""
    assert [t.text for t in tokenize("for ‘all’")] == ["for", "‘", "all", "’"]
    text = "Il a dit qu'aucun pays"
    assert [t.key for t in tokenize(text, 0, text.index("aucun"))][-1] == "qu'"


def test_an_apostrophe_made_of_another_letter_is_no_elision_and_no_crash():
    """"lŉ" folds (NFKC) to "lʼn": its key holds an apostrophe its text does not."""
    assert verdicts.judge("n pays reconnaît", "Le ministre dit lŉ pays reconnaît le résultat.").verdict
