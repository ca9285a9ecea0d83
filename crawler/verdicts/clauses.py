"""Where a clause, a sentence, a line or a paragraph ends in a text, and the words around a place:
the marks of a clause's end (`_CLAUSE_MARK`) and the asides read past (`_ASIDE`), the words just
before or after a character (`_words_before`, `_words_after`), whether the room between two words
keeps them in one phrase (`_same_phrase`: a line wrapped in running prose, an invisible character),
where a paragraph opens (`_paragraph_end`), whether a word opens its sentence (`_opens_sentence`)
and the sentence it stands in (`_sentence_around`).  The reading of a text that every rule on what
an ellipsis or a cut leaves out builds on; it imports none of the package's modules.
"""

from __future__ import annotations

import itertools
import re

from crawler.align import SENTENCE_STOPS, Token, iter_tokens, tokenize

# A mark that ends a clause or a sentence: a comma, a stop or a colon not inside a number
# ("5,000", "3.5"), a semicolon, a bracket, a dash set apart by spaces.
_CLAUSE_MARK = re.compile(r"(?<!\d)[,.]|[,.](?!\d)|\s-\s"
                          r"|[;:!?()\[\]\u2013\u2014\u3002\uff01\uff1f\uff1b\uff1a\uff0c\u3001]")
# An aside that interrupts a clause and closes again, inside the words an ellipsis leaves out:
# brackets, a pair of dashes, a pair of commas (not a number's), on one line and of at most 200
# characters (bounded, so that a long gap costs one linear pass).  The clause goes on
# after it: "does not (yet) recognize", "does not - as noted - recognize", "The Ministry,
# however, does not recognize" hold the negation in the clause the quote's words are in.
# Not a pair of commas that a conjunction follows: "did not object, he said, and will accept"
# ends the clause holding "not" there, and a new one starts.
_ASIDE = re.compile(r"\([^()\n]{0,200}\)|\[[^\[\]\n]{0,200}\]|\uff08[^\uff08\uff09\n]{0,200}\uff09"  # brackets
                    r"|\s[-\u2013\u2014]\s[^\n]{0,200}?\s[-\u2013\u2014]\s"  # dashes set apart
                    r"|[\u2013\u2014][^\u2013\u2014\n]{0,200}[\u2013\u2014]"  # dashes set close
                    r"|(?<!\d),(?!\d)[^,;:.!?()\[\]\n]{0,200}?(?<!\d),(?!\d)(?!\s*(?i:and|but|or|yet|nor)\b)"  # commas
                    r"|\uff0c[^\uff0c\u3002\uff1b\uff1a\uff01\uff1f\n]{0,200}\uff0c")
_BEFORE_GAP = 40  # characters read before an ellipsis's gap for the word the quote has there


def _words_before(word: Token, written: str, chars: int = _BEFORE_GAP) -> list[Token]:
    """The words in the `chars` characters before `word` in `written` (the text or the quote
    it is of), the nearest last."""
    return [t for t in tokenize(written, max(0, word.start - chars), word.start) if t.kind == "word"]


def _neighbours(word: Token, written: str) -> tuple[Token | None, Token | None]:
    """The words just before and after `word` in `written` (the text or the quote it is of)."""
    before = _words_before(word, written)
    after = [t for t in tokenize(written, word.end, min(len(written), word.end + _BEFORE_GAP)) if t.kind == "word"]
    return (before[-1] if before else None), (after[0] if after else None)


# Characters that show nothing and join or split no words for a reader (soft hyphen, zero-width
# space and joiners, word joiner, byte order mark): the tokenizer keeps them as marks, and a
# negation after one is as near as after a space (`_same_phrase`).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_UNSEEN = str.maketrans("", "", _INVISIBLE)
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")
# The next word after a quote's last one (spaces, invisible characters, line breaks between), read
# by a regular expression before the tokenizer is asked (`_negation_after_auxiliary`, for each copy
# of a quote: most are followed by no negation).
_NEXT_WORD = re.compile(r"[\s" + _INVISIBLE + r"]*(\w+(?:['\u2019]\w*)?)")
# What ends a clause right after a word: a stop, a comma, a semicolon, a colon, a dash, a bracket
# opened, a line's end or the text's ("nicht an:", "nicht an – sagte er", "niet erkend (2024)."): after
# German's closing negation (german.py) and Dutch's (dutch.py).
_CLAUSE_ENDS_HERE = re.compile(r"[^\S\n\r\u2028\u2029]*[\"'\u2019\u201d\u00bb)\]]*"
                               r"(?:[.,;:!?(\u2013\u2014\n\r\u2028\u2029]|-(?!\w)|$)")


def _same_phrase(text: str, end: int, start: int) -> bool:
    """Whether text[end:start], the room between a quote's last word and the source's next one,
    keeps them in one phrase: spaces and invisible characters (`_INVISIBLE`), and at most one
    line break after which the sentence goes on (the next line's first word opens no paragraph,
    `_opens_paragraph`: "does\\nnot recognize" is a line wrapped, "Never Again\\nNo country"
    a title and its text) in running prose (`_running_prose`: not two short lines of a table or a
    poem).  No mark: a comma or a stop ends the quote's clause."""
    room = text[end:start].translate(_UNSEEN).replace("\r\n", "\n")
    if room.strip():
        return False
    breaks = sum(c in _LINE_BREAKS for c in room)
    if breaks == 0:
        return True
    word = _NEXT_WORD.match(text, start)
    return breaks == 1 and word is not None and not _opens_paragraph(word[1]) and _running_prose(text, end, start)


_PROSE_LINE = 60  # characters of a line that running prose wraps at, at the least (`_running_prose`)
_LINE_END = re.compile(r"[\n\r\u2028\u2029]")
_CLOSES_LINE = re.compile(r"[.!?;:][\"'\u2019\u201d\u00bb)\]]*\s*$")


def _running_prose(text: str, end: int, start: int) -> bool:
    """Whether the line break between characters `end` and `start` wraps running prose, and so is a
    space (`_same_phrase`): the line before it or the line after it is long (`_PROSE_LINE`), or the
    line after it ends its sentence ("The Ministry does\nnot recognize the elections.").  Two short
    lines, the second with no stop, are layout: a table's cells ("Status\nnicht anerkannt"), a
    poem's or a slogan's lines ("Who we are\nnot who they say we are", "WHAT WE CAN DO\nNOT ALONE
    BUT TOGETHER")."""
    if not any(c in text[max(0, end - _PROSE_LINE) : end] for c in _LINE_BREAKS) and end >= _PROSE_LINE:
        return True  # the line before is long
    closed = _LINE_END.search(text, start, start + _PROSE_LINE)
    line = text[start : closed.start() if closed else min(len(text), start + _PROSE_LINE)]
    return len(line) >= _PROSE_LINE or _CLOSES_LINE.search(line) is not None


def _words_after(text: str, at: int, count: int) -> list[Token]:
    """The next `count` words after character `at` in `text` (within `_BEFORE_GAP` characters)."""
    return list(itertools.islice((t for t in iter_tokens(text, at, min(len(text), at + _BEFORE_GAP))
                                  if t.kind == "word"), count))


def _leading_words(text: str, at: int, leads: frozenset[str], most: int) -> tuple[list[Token], int]:
    """Up to `most` words of `leads` right after character `at`, in the same phrase ("nog", "noch",
    "auch" before a clause-final negation), and where they end: German's and Dutch's closing
    negations are read past them."""
    shown = []
    for _ in range(most):
        lead = next(iter(_words_after(text, at, 1)), None)
        if lead is None or lead.key not in leads or not _same_phrase(text, at, lead.start):
            break
        shown.append(lead)
        at = lead.end
    return shown, at


_QUOTE_MARKS = frozenset("\"'\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019\u2039\u203a")


# A line's first word (letters, digits and apostrophes: "N'ACCEPTERA"), punctuation (a bullet) read past.
_LINE_OPENING = re.compile(r"\n[^\w\n]*(\w[\w'\u2019]*)")


def _paragraph_end(stretch: str) -> int:
    """Where the first line of `stretch` whose first word opens a paragraph starts (its "\\n"),
    else len(stretch): trafilatura ends a paragraph with one "\\n" (a heading, then its
    text), no blank line.  A paragraph opens with a digit or a word in title case ("No
    agreement", a single capital: "A total"); a line that goes on in lower case, or in capitals
    (a word of two letters or more), is the same sentence wrapped, as a PDF's is ("does\\nnot
    recognize", "does\\nNOT recognize", "THE UNION DOES\\nNOT RECOGNISE")."""
    for m in _LINE_OPENING.finditer(stretch):
        if _opens_paragraph(m[1]):
            return m.start()
    return len(stretch)


def _opens_paragraph(word: str) -> bool:
    """Whether a line whose first word is `word` opens a paragraph (`_paragraph_end`): a digit or
    title case, not lower case nor capitals (a word of two letters or more)."""
    letters = [c for c in word if c.isalpha()]
    in_capitals = len(letters) > 1 and all(c.isupper() for c in letters)
    return word[0].isdigit() or word[0].isupper() and not in_capitals


def _opens_sentence(word: Token, tokens: list[Token]) -> bool:
    """Whether `word` is the first word of a sentence as far as `tokens` shows: no
    word before it, or a full stop after the last one (its capital may be sentence
    case only)."""
    opening = True
    for token in tokens:
        if token is word:
            break
        if token.kind == "word":
            opening = False
        elif token.key in SENTENCE_STOPS:
            opening = True
    return opening


# Where a sentence ends for `_sentence_around`: a stop before a space or the text's end (not inside a
# number, "5.000", nor an abbreviation's glued letters), read past the closing quotation marks or
# brackets after it ("a paz.» Maduro") and, after a word, a footnote's number glued to it ("a paz.12
# Maduro"); a line break, a semicolon.
_STOPS = "[" + re.escape("".join(SENTENCE_STOPS)) + "]"
_SENTENCE_BOUND = re.compile(r"(?:" + _STOPS + r"[\"'»”’)\]]*|(?<=[^\W\d_])" + _STOPS + r"\d{1,3})(?=\s|$)"
                             r"|[;\n\r\u2028\u2029]")
_SENTENCE_CHARS = 300  # characters read on either side of a word for its sentence (`_sentence_around`)


def _sentence_around(written: str, word: Token) -> str:
    """The sentence of `written` that `word` stands in, at most `_SENTENCE_CHARS` characters on
    either side of it: the passage whose language tells what a word that two languages write alike
    is there (negations.py `_ordinary_word`), the sentence rather than the page, which may quote
    a statement in another language."""
    return written[slice(*_sentence_span(written, word))]


def _sentence_span(written: str, word: Token) -> tuple[int, int]:
    """Where the sentence `_sentence_around` reads starts and ends in `written`: the characters of a
    quotation inside it are blanked by their place there (negations.py `_unquoted_sentence`)."""
    lo = max(0, word.start - _SENTENCE_CHARS)
    before = list(_SENTENCE_BOUND.finditer(written, lo, word.start))
    after = _SENTENCE_BOUND.search(written, word.end, min(len(written), word.end + _SENTENCE_CHARS))
    return before[-1].end() if before else lo, after.start() if after else min(len(written), word.end + _SENTENCE_CHARS)
