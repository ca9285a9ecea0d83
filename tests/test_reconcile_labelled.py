"""Every labelled case gets its expected verdict (tests/data/labelled/cases.jsonl)."""

from __future__ import annotations

from collections import Counter

import pytest

from crawler.verdicts import VERDICTS, judge
from tests.labelled import load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_labelled_verdict(case):
    verdict = judge(case.quote, case.text, case.flags)
    assert verdict.verdict == case.expected, f"{case.note} — got {verdict.verdict}: {verdict.reason}"


def test_the_set_covers_every_word_level_verdict():
    counts = Counter(c.expected for c in CASES)
    assert len(CASES) >= 80
    assert len({c.id for c in CASES}) == len(CASES)
    assert set(counts) == set(VERDICTS) - {"unverifiable"}  # unverifiable needs no text: tested on the stage
    assert min(counts.values()) >= 10
    assert sum(1 for c in CASES if c.bury and c.bury["kb"] >= 300) >= 5


def test_altered_cases_list_the_changed_words():
    for case in CASES:
        if case.expected == "altered":
            verdict = judge(case.quote, case.text, case.flags)
            assert verdict.changes, case.id
            assert all(c["source"] or c["quote"] for c in verdict.changes)


def test_minor_never_hides_a_negation_number_name_or_modal():
    source = "Estonia will not recognise the elections held on 31 March in Nagorno-Karabakh, four districts."
    for quote in (
        "Estonia will now recognise the elections held on 31 March in Nagorno-Karabakh, four districts.",
        "Estonia will not recognise the elections held on 30 March in Nagorno-Karabakh, four districts.",
        "Latvia will not recognise the elections held on 31 March in Nagorno-Karabakh, four districts.",
        "Estonia would not recognise the elections held on 31 March in Nagorno-Karabakh, four districts.",
        "Estonia will not recognise the elections held on 31 March in Nagorno-Karabah, four districts.",
        "Estonia will not recognise the elections held on 31 March in Nagorno-Karabakh, for districts.",
    ):
        verdict = judge(quote, source)
        assert verdict.verdict == "altered", quote
        assert any({"negation", "number", "name", "modal"} & set(c["kinds"]) for c in verdict.changes)


def test_translation_names_the_languages():
    verdict = judge(
        "We do not recognize the legal framework of the so called elections that took place yesterday.",
        "Wir erkennen den rechtlichen Rahmen der sogenannten Wahlen, die gestern stattgefunden haben, nicht an.",
    )
    assert verdict.verdict == "translation"
    assert verdict.languages == {"quote": "en", "text": "de"}
