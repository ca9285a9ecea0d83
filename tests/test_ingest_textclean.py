"""crawler.textclean: hyphenated line breaks and split words, decided by vocabulary."""

import pytest

from crawler.textclean import Vocabulary, clean_text, fix_split_words, rejoin_hyphenation
from tests.conftest import LETTER

LETTER_VOCAB = Vocabulary(LETTER.read_text(encoding="utf-8"))


def test_real_hyphens_at_line_ends_are_kept():
    assert rejoin_hyphenation("so-\n\ncalled", LETTER_VOCAB) == "so-called"
    assert rejoin_hyphenation("Nagorno-\n\nKarabakh", LETTER_VOCAB) == "Nagorno-Karabakh"
    assert rejoin_hyphenation("self-\n\ndetermination", LETTER_VOCAB) == "self-determination"


def test_syllable_breaks_are_joined_by_dictionary_or_document():
    empty = Vocabulary("")
    assert rejoin_hyphenation("an illegiti-\nmate vote", empty) == "an illegitimate vote"
    # The document's own spelling decides a word the dictionary lacks.
    vocab = Vocabulary("Appathurai said")
    assert rejoin_hyphenation("Appa-\nthurai", vocab) == "Appathurai"


def test_hyphen_without_evidence_is_kept():
    empty = Vocabulary("")
    assert rejoin_hyphenation("EU-\nAzerbaijan", empty) == "EU-Azerbaijan"
    assert rejoin_hyphenation("the conflict -\nwhich", empty) == "the conflict - which"


def test_spaces_inside_words_are_closed():
    assert fix_split_words("through politica l dialogue", LETTER_VOCAB) == "through political dialogue"
    assert fix_split_words("the posi tion of all", LETTER_VOCAB) == "the position of all"
    assert fix_split_words("the media tion efforts", LETTER_VOCAB) == "the mediation efforts"
    assert fix_split_words("held in Nagorno -Karabakh", LETTER_VOCAB) == "held in Nagorno-Karabakh"


def test_two_real_words_stay_apart():
    empty = Vocabulary("")
    assert fix_split_words("went in to the hall, a part of it, with out", empty) == (
        "went in to the hall, a part of it, with out"
    )
    assert fix_split_words("in Nagorno Karabakh", LETTER_VOCAB) == "in Nagorno Karabakh"
    assert fix_split_words("sever al times", empty) == "several times"


def test_clean_text_makes_one_paragraph():
    text = "The posi tion of the so-\n\ncalled  “elections” in Nagorno -\nKarabakh.  \n"
    assert clean_text(text, LETTER_VOCAB) == "The position of the so-called “elections” in Nagorno-Karabakh."


@pytest.mark.parametrize("lines, paragraph", [
    ("无法律效力\n，不应", "无法律效力，不应"),               # a Chinese line wrapped: no space
    ("于2020\n年3月31日", "于2020年3月31日"),
    ("中方对此表示关切\nand called for calm", "中方对此表示关切 and called for calm"),
    ("The statement （see annex）\nwas issued.", "The statement （see annex） was issued."),
    ("the Chinese side said \n中方关切", "the Chinese side said 中方关切"),
])
def test_a_line_break_beside_chinese_is_no_space_unless_a_latin_word_meets_it(lines, paragraph):
    """Chinese is written without spaces, so a line break inside it is none (textclean
    `CJK_LINE_BREAK`); an English word beside a Chinese letter or bracket keeps its space."""
    assert clean_text(lines) == paragraph
