"""Undo what PDF text extraction does to words: hyphenated line breaks and split words.

A PDF stores glyphs at positions, not words.  Extraction (pypdf, pdftotext, the text
layer of the UN's documents) therefore leaves two kinds of damage in running text:

* a hyphen at the end of a line: "so-\\ncalled", "Nagorno-\\nKarabakh", "illegiti-\\nmate".
  The first two are real hyphens that happen to fall at a line end, the last is a
  syllable break that must disappear;
* spaces inside words, where glyphs were spaced wider than usual: "politica l",
  "posi tion", "media tion", "Nagorno -Karabakh".

Neither can be decided by pattern alone, so both functions ask a `Vocabulary`: the
document's own words first (a document that writes "Nagorno-Karabakh" twenty times
means it with a hyphen at a line end too, and one that writes "illegitimate" once
means it again), then an English word-frequency list (the one pyspellchecker ships,
about 70,000 words with corpus counts; justext and trafilatura only ship stop-word
lists).  When neither gives evidence, the text is left as it is: a kept hyphen or
space loses nothing that reconciliation cannot still match, a wrong join does.

The crawl stage uses the same functions on text extracted from cited PDFs.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

_LETTERS = r"[^\W\d_]+"
# A run of letters from its first letter only: tried from each letter of a long word (a PDF
# may hold one of 100,000), a pattern would read the rest of it again from each, a square of
# its length.  A match from inside a run exists only where one from its start does.
_WORD_START = r"(?<![^\W\d_])"
_WORD = re.compile(_LETTERS)
_COMPOUND = re.compile(rf"{_WORD_START}{_LETTERS}(?:-{_LETTERS})+")
# A hyphen (optionally after a space) ending a line, then the next line's first word.
_LINE_END_HYPHEN = re.compile(rf"{_WORD_START}({_LETTERS})( ?)-[ \t]*\n\s*({_LETTERS})")
# Two letter runs separated by one space, not glued to other word characters.
_SPLIT_PAIR = re.compile(rf"(?<![\w'’-])({_LETTERS}) ([^\W\d_A-Z][^\W\d_]*)(?![\w'’])")
# "Nagorno -Karabakh": a space before a hyphen that has a letter right after it.
_SPACE_BEFORE_HYPHEN = re.compile(rf"{_WORD_START}({_LETTERS}) -({_LETTERS})")

# What a page's text, a title, an id or a URL may hold that must not reach a terminal as it is:
# control characters (ESC starts a sequence the terminal obeys; rich drops only BEL, BS, VT, FF
# and CR) and the bidirectional overrides and isolates that show the text after them reversed.
# A tab and a newline are whitespace (rich expands a tab; a newline a cell need not hold is
# crawler/terminal.py `printable(one_line=True)`'s).  Here, rich-free, for the extraction workers.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")



@functools.cache
def _frequencies():
    """The English word-frequency list shipped with pyspellchecker (loaded once)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


def dictionary_frequency(word: str) -> int:
    """Corpus count of `word` in the English list (0 when unknown)."""
    return _frequencies()[word.lower()] if word else 0


def _english(text: str) -> bool:
    """Whether the English list may judge the text's words: it is English, or too short to tell
    (crawler.verdicts `language`).  Asked of a French or Spanish text, the list took "tous les",
    "de los" and "a las" for split words ("tousles", "delos", "alas" are in it, "les", "los" and
    "las" are not) and glued them in the quotes ingest stored."""
    from crawler.verdicts.translation import language

    return language(text) in (None, "en")


class Vocabulary:
    """The words and hyphenated compounds a document uses, plus the English list when the
    document is English (`_english`).

    Built from the whole document (not one paragraph), so a word split in one place
    is recognised from its intact uses elsewhere.
    """

    def __init__(self, text: str = ""):
        self.words = Counter(w.lower() for w in _WORD.findall(text))
        self.compounds = Counter(c.lower() for c in _COMPOUND.findall(text))
        self.english = _english(text)

    def in_document(self, word: str) -> bool:
        return self.words[word.lower()] > 0

    def is_word(self, word: str) -> bool:
        """A dictionary word (fragments such as "politica" or "tion" are not); none in a
        document of another language, whose words the English list does not hold."""
        return self.english and dictionary_frequency(word) > 0

    def known(self, word: str) -> bool:
        """A dictionary word, or one the document itself uses."""
        return self.is_word(word) or self.in_document(word)

    def frequency(self, word: str) -> int:
        return dictionary_frequency(word)


def _decide_hyphen(left: str, right: str, spaced: bool, vocab: Vocabulary) -> str:
    """Keep the hyphen or join the halves of a word broken at a line end.

    Order of evidence: the document writes the hyphenated form elsewhere (keep);
    it writes the joined form elsewhere (join); a capitalised second half is a
    name ("Nagorno-\\nKarabakh", keep); the joined form is an English word and not both
    halves are ("illegiti-\\nmate", join).  Otherwise keep the hyphen: "so-\\ncalled"
    and "self-\\ndetermination" are two words joined by a real hyphen.  A hyphen
    with a space before it ("Nagorno -\\nKarabakh") is only closed up on the
    document's own evidence, since " -" may be a dash.
    """
    hyphenated, joined = f"{left}-{right}", left + right
    if vocab.compounds[hyphenated.lower()] > 0:
        return hyphenated
    if spaced:
        return f"{left} - {right}"
    if vocab.in_document(joined):
        return joined
    if right[0].isupper():
        return hyphenated
    if vocab.is_word(joined) and not (vocab.is_word(left) and vocab.is_word(right)):
        return joined
    return hyphenated


def rejoin_hyphenation(text: str, vocabulary: Vocabulary | None = None) -> str:
    """Rejoin words broken by a hyphen at a line end, keeping real hyphens.

    "so-\\ncalled" → "so-called", "Nagorno-\\nKarabakh" → "Nagorno-Karabakh",
    "illegiti-\\nmate" → "illegitimate" (see `_decide_hyphen` for the evidence used).
    Only hyphens at line ends are touched; other line breaks are left for the caller.
    """
    vocab = vocabulary or Vocabulary(text)
    return _LINE_END_HYPHEN.sub(
        lambda m: _decide_hyphen(m.group(1), m.group(3), bool(m.group(2)), vocab), text
    )


def _should_join(left: str, right: str, vocab: Vocabulary) -> bool:
    """Whether "left right" is one word that extraction split with a space.

    The joined form must be known (document or dictionary).  If both parts are
    words themselves ("in to", "a part"), join only when the joined word is more
    common than either part ("sever al" → "several", but "with out" stays).
    """
    joined = left + right
    if not vocab.known(joined):
        return False
    if not (vocab.is_word(left) and vocab.is_word(right)):
        return True
    frequency = vocab.frequency(joined)
    return frequency > vocab.frequency(left) and frequency > vocab.frequency(right)


def fix_split_words(text: str, vocabulary: Vocabulary | None = None) -> str:
    """Remove spaces that extraction put inside words.

    "politica l" → "political", "posi tion" → "position", "media tion" → "mediation",
    "Nagorno -Karabakh" → "Nagorno-Karabakh".  The second fragment must start in
    lower case (a split never capitalises the rest of a word), so "Nagorno Karabakh"
    and other two-word names are never glued.  A space before a hyphen glued to the
    next word is always an extraction artefact (a dash has spaces on both sides).
    """
    vocab = vocabulary or Vocabulary(text)
    text = _SPACE_BEFORE_HYPHEN.sub(r"\1-\2", text)
    out, pos = [], 0
    while True:
        match = _SPLIT_PAIR.search(text, pos)
        if match is None:
            break
        left, right = match.group(1), match.group(2)
        if _should_join(left, right, vocab):
            out.append(text[pos:match.start()] + left + right)
            pos = match.end()
        else:
            # Move past the left word only: the right one may pair with the next.
            out.append(text[pos:match.start(2)])
            pos = match.start(2)
    out.append(text[pos:])
    return "".join(out)


# A line break beside a Chinese or Japanese character (ideographs, kana, their full-width punctuation):
# those are written without spaces, so it stands between two letters of a word or sentence, and
# turned into a space, it put one into every wrapped line of a Chinese quote ("无法律效力 ，不应").
# Not before or after a Latin letter: English words keep their space from a Chinese neighbour
# ("关切 and called", "（see annex） was issued").
_CJK = "[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
CJK_LINE_BREAK = re.compile(rf"(?<={_CJK})[ \t]*\n[ \t]*(?![A-Za-z])|(?<![A-Za-z])[ \t]*\n[ \t]*(?={_CJK})")


def clean_text(text: str, vocabulary: Vocabulary | None = None) -> str:
    """Lines of running text as one clean paragraph: hyphens decided, splits closed, line
    breaks beside Chinese or Japanese letters taken out (CJK_LINE_BREAK), other line breaks and
    runs of spaces turned into single spaces."""
    vocab = vocabulary or Vocabulary(text)
    text = CJK_LINE_BREAK.sub("", rejoin_hyphenation(text, vocab))
    text = re.sub(r"\s+", " ", text).strip()
    return fix_split_words(text, vocab)


def clipped(text: str, width: int) -> str:
    """The text cut to `width` characters with "…" where it was cut, for a one-line message."""
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def closing_bracket(text: str, at: int) -> int | None:
    """Where the bracket opened at `at` ("(", "[" or "<") is closed, brackets of its kind opened
    inside it counted ("(… a-(32).aspx)"); None when it is not closed, or `at` opens none."""
    opening = text[at:at + 1]
    closing = {"(": ")", "[": "]", "<": ">"}.get(opening)
    depth = 0
    for index in range(at, len(text)) if closing else ():
        depth += (text[index] == opening) - (text[index] == closing)
        if depth == 0:
            return index
    return None
