"""Scripts written without spaces (Chinese, Japanese, Thai, Korean), which crawler/align.py
compares letter by letter: their negations, which are letters rather than words
(UNSPACED_NEGATIONS; the common words holding one that negate nothing, NOT_NEGATIONS; Korean's
안 only written apart, APART_NEGATIONS), a change's letters taken in up to whole words
(`_whole_words`: ます → ません, not す → せん), and a footnote mark glued to one of their letters,
a minor change (`_glued_mark`: 关切3，).  It imports none of the package's modules; negations.py
(`_negates`), changes.py and judgment.py read it.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import takewhile

from crawler.align import UNSPACED_LETTER, Change, Token, run_beside, written_on

# Negations of scripts written without spaces, looked for in the letters a change joins
# (crawler/align.py compares those letter by letter: ない is two "words").  A change that cuts
# one takes in the rest of its letters (`_whole_words`): ます → ません is no "す → せん", and
# ไม่ → ไม้ (a tone mark) no "ม่ → ม้", which holds no negation.  なかっ: ない's past (なかった),
# so that ない → なかった keeps its negation on both sides (`_negation`).
UNSPACED_NEGATIONS = ("不", "没", "沒", "未", "无", "無", "非", "别", "別", "勿", "莫", "否",
                      "ない", "なかっ", "ません", "ず", "ぬ", "ไม่", "มิ", "않", "못")
# Common words that hold one of those letters and negate nothing (非洲 Africa, 莫斯科 Moscow,
# 特别 especially, 必ず surely, มิตร friend, 잘못 wrongly): taken out of a change's letters
# before its negations are looked for, so that "非洲" added is no "negation" in the evidence.
# A change that cuts one takes it in whole as it does a negation: 欧洲 → 非洲, 잘못 → 잘.
NOT_NEGATIONS = ("非洲", "非常", "是否", "特别", "特別", "分别", "分別", "区别", "區別", "个别", "個別",
                 "莫斯科", "未来", "未來", "无论", "無論", "无人机", "無人機", "不断", "不斷", "不停",
                 "必ず", "まず", "わずか", "ずつ", "ずっと", "はず", "いずれ", "少ない", "少なかっ", "危ない",
                 "危なかっ", "มิตร", "มิถุนายน", "มิติ", "잘못")
_NOT_NEGATION = re.compile("|".join(NOT_NEGATIONS))
_NEGATION = re.compile("|".join(sorted(UNSPACED_NEGATIONS, key=len, reverse=True)))
# Negations of those scripts that are a word of their own, and a negation only as one: Korean
# 안 (not: 안 한다) is written apart, and begins or ends many words as a letter (안보 security,
# 안전 safety, 제안 proposal, 안에 inside).  The noun 안 (inside) written apart after its noun
# (건물 안 사람들) is taken for one: telling the two apart needs the words' classes.
APART_NEGATIONS = frozenset({"안"})
# Where one of those words starts, the longest first (overlapping ones too: 非洲 and 非 of it).
_LISTED = re.compile("(?=(%s))" % "|".join(sorted(map(re.escape, UNSPACED_NEGATIONS + NOT_NEGATIONS), key=len,
                                                    reverse=True)))


# What a footnote mark follows in a script written without spaces, besides a letter: the
# punctuation that closes a clause or a quotation there (关切。3).
_MARKED_AFTER = frozenset("。，、；：！？」』）")
# Letters no clause ends on, which ask for what follows them: a copula or a word of quantity
# (为 is, 约 about, 共 in all, 第 -th) and the Japanese particles.  A footnote mark follows the end
# of what it annotates, so plain digits glued after one of these are the number it asks for
# ("死亡人数为4，"), not a mark.
_ASKS_FOR_NUMBER = frozenset("为為是约約达達共计計第逾近仅僅至到有占佔はがをにでともへや")


def _glued_mark(change: Change, text: str, quote: str) -> bool:
    """A footnote mark of one or two digits (a PDF's superscript, plain) glued to a letter of
    a script without spaces, on one side only ("关切3，" for "关切，"): `_footnote_marker`
    finds one glued to a Latin word, which it is part of; here the digits are a word of
    their own.  Not digits that a letter follows (4月, 3个), nor plain digits after a letter
    that asks for a number (`_ASKS_FOR_NUMBER`): those are a number of the text."""
    side, written = (change.old, text) if change.old else (change.new, quote)
    if change.old and change.new or len(side) != 1:
        return False
    mark = side[0]
    if not (mark.key.isdigit() and len(mark.key) <= 2) or mark.start == 0:
        return False
    before, after = written[mark.start - 1], written[mark.end: mark.end + 1]
    glued = before in _MARKED_AFTER or before.isalpha() and UNSPACED_LETTER.match(before) is not None
    asked = before in _ASKS_FOR_NUMBER and not _superscript(mark.text)
    return glued and not asked and not after.isalnum()


def _superscript(digits: str) -> bool:
    """Whether digits are written raised (³, as a page's footnote mark is): a mark's shape,
    whatever letter it follows."""
    return all(unicodedata.decomposition(c).startswith("<super>") for c in digits)


def _apart(token: Token, written: str) -> bool:
    """Whether `token` is written apart in `written`: no letter or digit just before or after it."""
    return not (token.start and written[token.start - 1].isalnum()) and not written[token.end: token.end + 1].isalnum()


def _shared_edges(change: Change) -> tuple[int, int]:
    """How many words the two sides of a change share at its start and at its end: the
    letters `_whole_words` took in from the equal run beside it (the ไ of ไม่ → ไม้), the
    text's as much as the quote's."""
    old, new = [t.key for t in change.old], [t.key for t in change.new]
    lead = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(old, new)))
    tail = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(old[lead:][::-1], new[lead:][::-1])))
    return lead, tail


def _keyed(tokens: list[Token]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens' keys as `joined` writes them (no space inside a run of letters without
    spaces), and where each token's key starts and ends in that string: a listed word is
    looked for across letters, and told from the letters it covers."""
    keys, spans = "", []
    for previous, token in zip([None, *tokens], tokens):
        keys += "" if previous is None or written_on(previous, token) else " "
        spans.append((len(keys), len(keys) + len(token.key)))
        keys += token.key
    return keys, spans


def _whole_words(before: list[Token], changed: list[Token], after: list[Token]) -> tuple[int, int]:
    """How many of the equal letters before and after a change (one side's) a word of
    UNSPACED_NEGATIONS or NOT_NEGATIONS that the change cuts takes in (`regrouped`): the
    ไ of ไม่ for ม่ → ม้, the ま of ません for す → せん, the 잘 of 잘못 for 못 → ∅."""
    if not changed:
        return 0, 0
    lead, tail = run_beside(before, changed[0], leading=True), run_beside(after, changed[-1], leading=False)
    keys, spans = _keyed(lead + changed + tail)
    first, last = lo, hi = spans[len(lead)][0], spans[len(lead) + len(changed) - 1][1]
    for m in _LISTED.finditer(keys):
        if m.start(1) < hi and m.end(1) > lo:
            first, last = min(first, m.start(1)), max(last, m.end(1))
    left = sum(1 for _start, end in spans[: len(lead)] if end > first)
    right = sum(1 for start, _end in spans[len(lead) + len(changed):] if start < last)
    return left, right
