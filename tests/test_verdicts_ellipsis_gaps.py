"""What an ellipsis inside a quote leaves out (crawler.verdicts, crawler/align.py).

A negation, a modal or a number it hides makes the quote altered and is named in the reason as
the diff writes it; a clause or a phrase it stands for keeps the quote elided, its source words
counted.  The gap is read as part of the quote's clause: an aside that interrupts it is read
past, an aside's own negation is the aside's, a comma and a conjunction may end the clause, and
a mark right before the ellipsis opens the clause the quote goes on with.  Segments are found
in order, each nearest after the one before; of two places that match as well the one the
ellipsis hides nothing in is taken; in a script written without spaces the words left out are
read in letters.  The texts are a ministry's statements cut to the sentences that matter
(NUMBERS here, MORE and the copies FORMALLY and NOT in tests/judging.py)."""

from __future__ import annotations

import csv

import pytest

from crawler.align import align
from crawler.verdicts import judge
from tests.judging import FORMALLY, MORE, NOT, PAD, judged
from tests.labelled import bury

NUMBERS = (
    "The Ministry notes that 14 observers from 3 countries attended the so-called elections.\n\n"
    "The Ministry does not recognize the so-called elections and considers their results null and void "
    "under international law.\n\n"
    "The Ministry firmly believes that dialogue is the only path to lasting peace in the region, and it "
    "stands ready to support every effort towards that goal."
)


def _items(count: int) -> str:
    """`count` items repeating one sentence that holds two negations an ellipsis can hide."""
    return "".join(f"Item {i}: the Ministry does not, as before, recognize the elections and will not accept them. "
                   for i in range(count))


@pytest.mark.parametrize("quote, text, word", [
    ("The Ministry does … recognize the so-called elections and considers their results null and void under "
     "international law.", NUMBERS, "not"),
    ("The Ministry has never accepted, and will … accept, the results of these elections.", MORE, "never"),
    ("The Minister did … say that the talks had failed.", MORE, "not"),
    ("We … support the talks.", MORE, "would"),                                   # a modal
    ("中方……同意这一做法。", "外交部发言人表示，中方不同意这一做法。", "不"),            # letters of a script without spaces
])
def test_a_negation_or_modal_an_ellipsis_hides_makes_the_quote_altered(quote, text, word):
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert f"“{word}” left out at an ellipsis" in verdict.reason
    assert ("delete", word) in verdict.alignment.diff  # the diff shows the word where the ellipsis stands
    assert ("equal", f"{quote.split(' … ')[0].split()[-1]} {word}") not in verdict.alignment.diff
    left_out = [c for c in verdict.changes if "elided" in c["kinds"]]
    assert left_out and left_out[0]["quote"] == "…" and word in left_out[0]["source"]


def test_a_number_that_is_all_an_ellipsis_leaves_out_makes_the_quote_altered():
    verdict = judge("A total of … international observers were invited.", MORE)
    assert verdict.verdict == "altered" and "“250” left out at an ellipsis" in verdict.reason
    assert ("delete", "250") in verdict.alignment.diff


@pytest.mark.parametrize("quote, text, words", [
    ("The Ministry … will never accept the results of these elections.", MORE, 4),  # a clause left out whole
    ("The Ministry does not recognize the so-called elections … null and void under international law.",
     NUMBERS, 4),
    ("On 31 March 2020, some 5,000 people voted … from 2015.", MORE, 4),           # a number among other words
])
def test_an_ellipsis_for_a_clause_or_a_phrase_stays_elided(quote, text, words):
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason
    assert f"{words} source words left out at an ellipsis" in verdict.reason
    assert [op for op, _words in verdict.alignment.diff] == ["equal", "delete", "equal"]


def test_one_word_left_out_is_singular():
    verdict = judge("It considers that such elections cannot be recognized by the … community.", MORE)
    assert verdict.verdict == "elided"
    assert "1 source word left out at an ellipsis" in verdict.reason


def test_an_elided_quote_takes_the_tightest_places():
    """"The Ministry" is in the heading too; the segment before "will never accept" is the
    one in its sentence, four words before it, not the heading three paragraphs up."""
    a = align("The Ministry … will never accept the results of these elections.", MORE)
    assert a.start == MORE.index("The Ministry has")
    assert a.elided_words == 4


def test_segments_out_of_order_say_where_the_later_one_is():
    """Segment 2 is in the paragraph before segment 1's."""
    quote = ("The Ministry firmly believes that dialogue is the only path … The Ministry does not recognize the "
             "so-called elections")
    verdict = judge(quote, NUMBERS)
    assert verdict.verdict == "altered"
    start = NUMBERS.index("The Ministry does not")
    end = start + len("The Ministry does not recognize the so-called elections")
    assert verdict.alignment.misplaced == [(1, start, end)]
    said = ("segment 2 (“The Ministry does not recognize the …”) is found before segment 1, "
            f"at characters {start}–{end}")
    assert said in verdict.reason


def test_the_check_shows_the_hidden_negation(runner, tmp_path):
    """End to end through `citewatch check` into a real database: the row is altered, its
    reason names the word, and its one-line diff shows it where the ellipsis stands."""
    from crawler.cli import cli

    page = tmp_path / "numbers.txt"
    page.write_text(NUMBERS, encoding="utf-8")
    out = tmp_path / "out.csv"
    quote = "The Ministry does … recognize the so-called elections and considers their results null and void."
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", quote, str(page),
                                 "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["verdict"] == "altered" and "“not” left out at an ellipsis" in row["reason"]
    assert row["diff"] == ("The Ministry does [-not-] recognize the so-called elections and considers their results "
                           "null and void")


@pytest.mark.parametrize("text", [FORMALLY + PAD + " " + NOT, NOT + PAD + " " + FORMALLY])
def test_of_two_places_that_match_as_well_the_one_an_ellipsis_hides_nothing_in_is_taken(text):
    """Both copies hold the quote's words; "does not" is the tighter, and was taken, so the
    verdict hung on the order: the text holds the quote as a harmless elision."""
    verdict = judge("The Ministry does … recognize the results of the vote.", text)
    assert verdict.verdict == "elided", verdict.reason
    assert verdict.alignment.matched == FORMALLY.rstrip(".")


def test_a_negation_hidden_in_a_script_without_spaces_is_read_in_letters():
    """Eight letters left out were eight "words", over ellipsis_words (6)."""
    verdict = judge("我们…承认这次选举的结果。", "我们到现在为止仍然不承认这次选举的结果。")
    assert verdict.verdict == "altered", verdict.reason
    assert "“到现在为止仍然不” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("The Ministry … recognize the results.", "The Ministry, however, does not recognize the results.",
     "however, does not"),
    ("The Ministry does … recognize the results.", "The Ministry does not - as noted - recognize the results.",
     "not - as noted"),
    ("The Ministry does … recognize the results.", "The Ministry does not (yet) recognize the results.",
     "not (yet)"),                                                      # the diff closed no bracket
])
def test_a_negation_an_aside_interrupts_is_still_in_the_quotes_clause(quote, text, shown):
    """The comma, dash or bracket of an aside ended the reading of the whole gap."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert "“not” left out at an ellipsis" in verdict.reason
    assert ("delete", shown) in verdict.alignment.diff


@pytest.mark.parametrize("quote, text", [
    ("The Ministry … recognize the results.",
     "The Ministry, which has never been consulted, does recognize the results."),
    ("The Ministry … recognizes the results.", "The Ministry, not the Government, recognizes the results."),
    ("The elections held on … were illegitimate.", "The elections held on 31 May were illegitimate."),   # a month
    ("We … welcome the mission.", "We not only welcome the mission."),                                 # no negation
    ("It meets the … of the refugees.", "It meets the needs of the refugees."),                       # a noun
])
def test_an_aside_with_its_own_negation_and_words_that_only_look_meant_stay_elided(quote, text):
    """A negation inside an aside is the aside's; May, "not only", "the needs" are no
    modal or negation left out."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


def test_a_segment_after_the_one_before_it_is_looked_for_nearest():
    """"and" had no place after segment 1; the scan's one window put it in the second copy,
    so segment 3 was "found before segment 2" though the first copy holds all three in order."""
    text = (PAD + " The European Union does not recognise the constitutional and legal framework within which "
            "the elections were held." + PAD + " Statement of The European Union." + PAD
            + " The European Union does not recognise the constitutional and legal framework within which the "
            "elections held.")
    verdict = judge("The European Union does not … and … within which the elections were held", text)
    assert verdict.verdict == "elided", verdict.reason
    assert verdict.alignment.misplaced == [] and verdict.alignment.matched.endswith("the elections were held")


@pytest.mark.parametrize("quote, text, said", [
    ("The mission deployed … million euros.", "The mission deployed 1,5 million euros.", "“1,5”"),
    ("A total of … observers were deployed.", "A total of 5 000 observers were deployed.", "“5 000”"),
    ("政府…批准这个计划。", "政府没有批准这个计划。", "“没有”"),
])
def test_the_reason_names_hidden_words_as_the_diff_writes_them(quote, text, said):
    """The reason listed tokens ("“1”, “5”", "“没”") where the diff shows 1,5 and 没有."""
    verdict = judge(quote, text)
    assert verdict.reason == f"{said} left out at an ellipsis"
    assert ("delete", said.strip("“”")) in verdict.alignment.diff


@pytest.mark.parametrize("quote, text, said", [
    ("The Ministry does … recognize the elections.",
     "The Ministry does not recognize the elections. Others recognize the elections.", "“not” left out"),
    ("Estonia will … accept the results of the vote.",
     "Estonia will never accept the results of the vote. Russia has said it will accept the results of the vote.",
     "“never” left out"),
    ("the Ministry does … recognize the elections … will … accept them.", _items(3),
     "“not” left out at an ellipsis; “not” left out at an ellipsis"),
])
def test_a_gap_reaching_into_another_copy_does_not_beat_the_place_that_hides_a_negation(quote, text, said):
    """A gap crossing a sentence or an item was never read, so it counted as hiding nothing,
    and at equal matched words a chain spanning copies beat the tight one that hides "not"."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert said in verdict.reason


def test_a_poor_match_just_after_a_segment_does_not_stop_the_search_further_on():
    """Once the stretch just after segment 2 held any near match (score 40), the
    search after it never ran, and segment 3 was "found before segment 2"."""
    filler = bury("", "x", "briefing-en", 300, 0.5)
    text = "".join(filler[i * 3000 : (i + 1) * 3000] + " The Ministry does. Recognize the elections. " for i in range(3))
    verdict = judge("The Ministry does … recognize the elections … the Ministry does.", text)
    assert verdict.verdict == "elided", verdict.reason
    assert verdict.alignment.misplaced == []


@pytest.mark.parametrize("quote, text", [
    ("The Ministry … will accept the result.", "The Ministry did not object, he said, and will accept the result."),
    ("Estonia … supports the talks.", "Estonia does not recognise the vote, as stated, and supports the talks."),
    ("The elections held in … were illegitimate.", "The elections held in May were illegitimate."),   # the month
    ("The elections of … were illegitimate.", "The elections of May 2020 were illegitimate."),
    ("We … welcome the mission.", "We not merely welcome the mission."),
])
def test_a_clause_ended_by_a_comma_and_a_conjunction_and_the_month_may_stay_elided(quote, text):
    """", he said, and" was read as an aside, so the "not" of the clause it ends was read as
    the quote's; May beside a number or after "in"/"of" is still the month."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("quote, text, word", [
    ("We condemn steps that … lead to escalation.", "We condemn steps that could lead to escalation.", "could"),
    ("Estonia hopes that this … happen soon.", "Estonia hopes that this will happen soon.", "will"),
    ("Estonia … Recognize the Elections", "Estonia Will Recognize the Elections", "Will"),
    ("The vote was held and … the elections be free.", "The vote was held and May the elections be free.", "May"),
    ("We will … stand by.", "We will not just stand by.", "not"),
])
def test_a_modal_after_a_demonstrative_or_capitalised_and_not_just_are_read(quote, text, word):
    """"that" and "this" are no article ("steps that could lead"), a capital makes only
    May a month, and "not just" denies as "not" does."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert f"“{word}” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, aucun pays n'a reconnu l'annexion."),
    ("For Paris, … has recognized the annexation", "For Paris, no country has recognized the annexation."),
    ("For Paris … has recognized the annexation", "For Paris, no country has recognized the annexation."),
    ("Secondo Roma, … ha riconosciuto", "Secondo Roma, nessun paese ha riconosciuto"),
    ("Para Madrid, … ha reconocido la anexión", "Para Madrid, ningún país ha reconocido la anexión."),
    ("Para Lisboa, … tem reconhecido a anexação", "Para Lisboa, nenhum país tem reconhecido a anexação."),
    ("Для Парижа, … признала аннексию", "Для Парижа, ни одна страна не признала аннексию."),
    ("In 2014, … recognized the annexation", "In 2014, France never recognized the annexation."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Aucun pays n'a reconnu l'annexion."),
    ("The EU regrets this. … recognize the results", "The EU regrets this. The Ministry does not recognize the results."),
    ("The EU regrets this; … recognize the annexation", "The EU regrets this; it will never recognize the annexation."),
    ("Pour Paris - … a reconnu l'annexion", "Pour Paris - aucun pays n'a reconnu l'annexion."),
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, aucun pays (pas même la Hongrie) n'a reconnu l'annexion."),
    ("In this case, … will be tolerated", "In this case, no violation will be tolerated."),
    ("In Europe, … has recognized the annexation", "In Europe, nobody has recognized the annexation."),
])
def test_a_gap_that_opens_at_a_mark_hides_the_denial_of_the_word_after_it(quote, text):
    """The comma before the ellipsis counted as the gap crossing a clause, so nothing was read; the
    words after the mark open the clause the quote goes on with, and are read as an opening
    ellipsis's (`_hidden_in_clause`, `_opening_run`), English "no" opening its subject too
    (`_english_subject`), as a gap with no mark reads it."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, la Russie a reconnu l'annexion."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Moscou a reconnu l'annexion."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Elle n'est pas contestée. La Russie a reconnu l'annexion."),
    ("Pour Paris, la décision est prise. … a reconnu l'annexion",
     "Pour Paris, la décision est prise. Personne ne conteste et la Russie a reconnu l'annexion."),
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, rien ne change mais la Russie a reconnu l'annexion."),
    ("Pour Paris, … a reconnu l'annexion", "Pour Paris, le pays qui ne vote pas a reconnu l'annexion."),
    ("For Paris, … has recognized the annexation", "For Paris, the country that did not vote has recognized the annexation."),
    ("Secondo Roma, … ha riconosciuto l'annessione", "Secondo Roma, nessuno lo nega ma la Russia ha riconosciuto l'annessione."),
    ("The EU regrets this. … the outcome of the talks", "The EU regrets this. This event cannot prejudice the outcome of the talks."),
    ("He said: … deliver justice for all", "He said: ‘We will deliver justice for all’"),
    ("On March 31, … the so-called elections were held", "On March 31, 2020 the so-called elections were held."),
    ("The war has cost thousands of lives, … to mention the humanitarian consequences",
     "The war has cost thousands of lives, not to mention the humanitarian consequences."),
    ("En el referéndum griego, … se impuso con el 61%", "En el referéndum griego, el no se impuso con el 61%."),
    ("Aucun État membre, … même la Hongrie, n'a reconnu", "Aucun État membre, pas même la Hongrie, n'a reconnu l'annexion."),
])
def test_a_gap_that_really_spans_clauses_stays_elided(quote, text):
    """The dropped words hold no denial of the word after the gap: none, another clause's (a
    conjunction, a relative clause, a whole sentence), one of a word left out too, a modal or a
    number left out with its phrase (which a gap with no mark calls altered), an idiom, the No side."""
    judged(quote, text, "elided")
