"""Find where a quote sits in a source text, and what differs, word by word.

Both sides are cut into tokens that keep their character offsets in the ORIGINAL
text, so evidence can point a reader at the exact span.  Matching uses each
word's key: Unicode NFKC, case folded, one apostrophe glyph.  Punctuation,
quote glyphs, dashes and whitespace are separate tokens that the word alignment
ignores, which is how curly vs straight quotes, "Nagorno-\\nKarabakh" and
"Nagorno -Karabakh" stop mattering for the match.

Why not crawler/textclean.py (`rejoin_hyphenation`, `fix_split_words`): those
rewrite a string and lose the offsets into the stored text that a quote check
must report.  Here nothing is rewritten: a word split by PDF extraction
("politica l") or a hyphenated line break ("inter-\\nnational") shows up as a
change block whose pieces join into the other side's word, and `is_split_artefact`
recognises it.

Scripts written without spaces between words (Chinese, Japanese, Thai…: the ranges of
db.migrations.UNSPACED_RANGES, the same that send a text to the trigram index, and the
iteration marks 々〆〇 inside their runs; Korean too, whose particles are glued to their
noun: 외교부는) are
compared letter by letter: each of their letters, with the marks that belong to it (a
Thai vowel or tone mark, a kana's voicing mark, a half-width ﾞ), is a "word" of its own.
A regex word there would be the whole run up to the next punctuation, so a quote that
starts or ends mid-run ("中方对此表示严重关切" out of "外交部发言人表示中方对此表示严重关切")
would be one different word from the text's.  Why letters and not the words of a
segmenter (jieba, PyThaiNLP): a cut can only fall between two letters, so every cut
aligns; a segmenter reads a quote cut mid-word differently from the sentence it was cut
from, and would be a dependency per language.  The cost is more units per quote, which
difflib handles in a window of a few hundred letters; a changed letter is a changed
"word" (不 added is an addition, が for か a replacement), never a spelling variant.
Where such letters stand side by side they are shown and looked for without a space
(`joined`).

The search, for each ellipsis-free segment of the quote, in order, gaps allowed:
1. windows of the text: around the occurrences of the segment's rarest long
   words (str.count/str.find) where rapidfuzz's `partial_ratio` agrees,
   overlapping ones merged, else where rapidfuzz's `partial_ratio_alignment`
   puts it in the lower-cased text; only windows are tokenised, so a 300 KB
   transcript costs milliseconds;
2. the matched words inside each window, longest common run first (difflib on a
   few hundred words), and again at each place where the segment's rarest words in
   the window put its start (`_places`: a window holding the same sentence twice, an
   earlier copy with another change, yields both copies); each is a candidate place;
3. the span: the run of text words with the best +2 per match, -1 per miss, so
   stray matches of "the" or "of" at the edges drop off; an edge word the quote
   replaced or joined ("Sum-\nmit") is then compared in place, and a first word whose
   elided function word the quote leaves out ("qu'aucun", "l'Union" for the quote's
   "aucun", "Union") opens the span past its apostrophe (`_elision_cut`).  The span ends at the
   quote's last word; the source's few words after it up to its stop, where the quote
   closes its sentence, are `left_before_stop` (crawler/verdicts/silent_cut.py reads them for meaning);
   its signs right after that word are `Segment.after` ("40%." for a quote's "40 per cent",
   whose words then face the sign, not the source's next words: `_sign_for_last_words`);
4. one candidate per segment, in the quote's order (`_chosen`; a segment after the first is
   also looked for just after the one before it, and after it when no place there matches
   fully): the most matched words, then those where no ellipsis hides a negation, a modal or a
   number or crosses a clause's end (the caller's `hides`: "does … recognize" is the text's
   "does formally recognize", not its "does not recognize"; `hides_after` for a quote's
   closing ellipsis, or its end without one where the caller weighs it (a last word that a
   negation after it denies): "does …" and "does" are the text's "does recognize", even in
   the next sentence (`_places`' `every`); `hides_before` for its opening
   one: "… recognize" is the text's "France recognizes"; of a quote of one segment whose
   every exact copy found hides something there, the first that hides nothing, found as
   written among any number of copies (those a cheap reading of the edge cannot clear, at
   most WEIGHED_COPIES of them, weighed in full), `_clean_copy`), then the tightest
   (the "The Ministry" just before "will never accept", not the heading that repeats it); a
   segment whose best place comes before the one it follows is named
   (`Alignment.misplaced`), and placed after it as well as it goes there.  The source's
   words between two segments are the ellipsis's `gaps`, shown in the diff as deleted.  The
   other places of the whole quote, apart from the one taken, are kept with their scores
   (`Alignment.elsewhere`: a page that holds the quote twice).
The diff writes each side's words as that side does ("5,000", "so-called", "40%"): a
match compares keys, a reader is shown the words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import islice, takewhile

from rapidfuzz import fuzz

from db.migrations import UNSPACED_RANGES

_QUOTES = {c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"}
_QUOTES.update({c: "'" for c in "\u2018\u2019\u201a\u201b\u2039\u203a\u2032`\u00b4\u02bc"})
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"}
_GLYPHS = str.maketrans({**_QUOTES, **_DASHES})

_APOSTROPHES = "'\u2019\u02bc"
# UNSPACED_RANGES as (first, last) letter pairs: the one list of those scripts' letters, read
# here for their marks and by crawler/verdicts/translation.py for its ideographs.
UNSPACED_SPANS = re.findall(r"(.)-(.)", UNSPACED_RANGES, re.S)
# The marks that belong to the letter before them in a script written without spaces (Thai
# vowels and tones, Myanmar and Khmer signs, kana voicing marks), and the half-width voicing
# marks ﾞﾟ, which NFKC joins to the kana before them (ｶﾞ is ガ).  Looked for in the basic
# plane only (10 ms, the astral planes would take 30 more): beyond it these ranges hold
# ideographs, no marks.
_UNSPACED_MARKS = "".join(c for lo, hi in UNSPACED_SPANS
                          for c in map(chr, range(ord(lo), min(ord(hi), 0xFFFF) + 1))
                          if unicodedata.category(c)[0] == "M") + "\uff9e\uff9f"
# A Hangul syllable written as its jamo (NFD: ᄀ, then the vowel and final ᅡ ᆨ): one letter,
# which NFKC writes as the syllable (각), as the quote or the text may have it.
_HANGUL_VOWELS_FINALS = "\u1160-\u11ff\ud7b0-\ud7fb"
# The ideographic iteration marks and zero (人々, 〆, 二〇二〇年) stand inside those runs, though
# outside UNSPACED_RANGES (they send no text to the trigram index, which holds them with their
# neighbours): letters of the run here, or 人々 would be shown "人 々" and cut the run's pieces.
_UNSPACED_LETTERS = UNSPACED_RANGES + "\u3005-\u3007"
UNSPACED_LETTER = re.compile(f"[{_UNSPACED_LETTERS}]")
_LETTER = r"[^\W_" + _UNSPACED_LETTERS + r"][\u0300-\u036f]*"  # a letter of a script written with spaces
_TOKEN = re.compile(
    r"(?P<word>(?:" + _LETTER + r")+(?:[" + _APOSTROPHES + r"](?:" + _LETTER + r")+)*)"
    r"|(?P<unspaced>(?=[^\W_])[" + _UNSPACED_LETTERS + r"][" + re.escape(_UNSPACED_MARKS) + _HANGUL_VOWELS_FINALS
    + r"]*)"  # not ・ or ။
    r"|(?P<ellipsis>\[\s*(?:\.\s?\.\s?\.|\u2026)\s*\]|\(\s*(?:\.\s?\.\s?\.|\u2026)\s*\)|\.\s?\.\s?\.|\u2026)"
    r"|(?P<punct>[^\w\s])"
)


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark with its place in the original text."""

    text: str  # as written
    start: int
    end: int
    kind: str  # word | ellipsis | punct (a letter of a script without spaces is a word)
    key: str  # matching form: NFKC, case folded, one apostrophe and quote glyph

    @property
    def unspaced(self) -> bool:
        """Whether this is a letter of a script written without spaces (module docstring).
        Worked out when asked, not stored: a field more costs every token of a window."""
        return self.kind == "word" and not self.text.isascii() and UNSPACED_LETTER.match(self.text) is not None

    @property
    def form(self) -> str:
        """The case-preserving normal form, for the verbatim-vs-minor comparison."""
        if self.kind == "ellipsis":
            return "..."
        if self.kind == "word" and self.text.isascii():  # NFKC and _GLYPHS change no ASCII letter
            return self.text
        return unicodedata.normalize("NFKC", self.text).translate(_GLYPHS)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Cut a text (or text[start:end]) into words, ellipses and punctuation marks,
    with offsets into the whole text; French's elided "ne" a word of its own (`_elided_ne`),
    also where the range ends after its apostrophe (an ellipsis's gap " n'" before the
    "acceptera" a quote goes on with: "n'", not "n" and "'"), and so is another elided word
    where the range ends after its apostrophe inside a word (`ELIDED_OPENERS`: the "l'" of
    "non l'ha" before a span that opens at "ha", `_elision_cut`)."""
    return list(iter_tokens(text, start, end))


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """`tokenize`, one token at a time: a reader that stops at the first stop or clause mark
    (`left_before_stop`) cuts no more of the text than it reads."""
    skip = -1  # where the apostrophe of an "n'" that `end` cut from its word stands
    stop = len(text) if end is None else end
    for m in _TOKEN.finditer(text, start, stop):
        kind = "word" if m.lastgroup == "unspaced" else m.lastgroup
        raw = m.group()
        at = m.start()
        if at == skip:
            continue
        if kind == "word" and raw in ("n", "N") and m.end() < stop and _elided_ne(text[at : m.end() + 2]):
            skip = m.end()  # " n'" left out before "acceptera": the "n'" cut as in the whole text
            yield Token(text[at : at + 2], at, at + 2, kind, "n'")
            continue
        if (kind == "word" and m.end() + 1 == stop < len(text) and text[m.end()] in _APOSTROPHES and text[stop].isalpha()
                and _elided_opener(raw)):
            skip = m.end()  # "qu'" of "qu'aucun" where a span opens past it (`_elision_cut`): one word
            yield Token(text[at:stop], at, stop, kind, raw.casefold() + "'")
            continue
        if kind == "word" and raw[:1] in "nN" and _elided_ne(raw):
            yield Token(raw[:2], at, at + 2, kind, "n'")
            raw, at = raw[2:], at + 2
        if kind == "ellipsis":
            key = "..."
        elif kind == "word" and raw.isascii():  # most words: NFKC and _GLYPHS change no ASCII letter
            key = raw.lower()
        else:
            key = unicodedata.normalize("NFKC", raw).translate(_GLYPHS).casefold()
        yield Token(raw, at, m.end(), kind, key)


# Words after an "n'" that is no French negation: "n'importe" (any: "à n'importe quel moment"),
# Italian "n'è" ("ce n'è": there is some of it).
_NOT_ELIDED_NE = ("importe", "è")


def _elided_ne(word: str) -> bool:
    """Whether a word opens with what may be French's "ne" elided before a vowel ("n'acceptera",
    "N'oubliez", "N'ACCEPTERA"): the "n'" is then a word of its own, so that "acceptera" for
    "n'acceptera" is "n'" dropped, a negation (crawler/verdicts/words.py), not a changed word.  Cut
    whatever the word's case, a name's too (N'Djamena, N'DJAMENA, N'Golo): a word written in
    capitals on one side and in title case on the other is then cut alike, and differs in case
    alone (no change to show); whether an "N'" so cut negates is crawler/verdicts/negations.py's
    `_negating_word` (a name's has no "pas" after it).  Not "n't" ("do n't"), "n'importe"
    (any); other elisions ("l'Union", "d'un") stay one word: they negate nothing (a quote that
    opens past one is read at the span's edge, `_elision_cut`)."""
    rest = word[2:].casefold()
    return (len(word) > 2 and word[:1] in "nN" and word[1] in _APOSTROPHES and word[2].isalpha() and rest != "t"
            and not rest.startswith(_NOT_ELIDED_NE))


def _elided_opener(word: str) -> bool:
    """Whether `word` with an apostrophe after it is an elided function word (`ELIDED_OPENERS`)."""
    return len(word) < 8 and word.casefold() + "'" in ELIDED_OPENERS


def words_as_written(tokens: list[Token]) -> int:
    """How many words `tokens` hold as a reader counts them: an "n'" that `tokenize` cut from the
    word it is glued to ("n'acceptera", "N'Golo") is part of that word, not one more ("1 source
    word left out" for "N'DJAMENA", not 2)."""
    words = [t for t in tokens if t.kind == "word"]
    glued = sum(1 for t, after in zip(words, words[1:]) if t.key == "n'" and t.end == after.start)
    return len(words) - glued


def written_on(previous: Token | None, token: Token) -> bool:
    """Whether `token` goes on the run of letters of a script written without spaces that
    `previous` is in: both such letters, nothing between them."""
    return previous is not None and previous.unspaced and token.unspaced and previous.end == token.start


def joined(tokens: list[Token], attribute: str = "text") -> str:
    """The tokens' texts (or keys) as one string: a space between two words, none inside a
    run of letters of a script written without spaces ("严重关切", not "严 重 关 切")."""
    spaced = " ".join(getattr(token, attribute) for token in tokens)
    if spaced.isascii() or not UNSPACED_LETTER.search(spaced):  # no such letter: as fast as before them
        return spaced
    parts: list[str] = []
    for previous, token in zip([None, *tokens], tokens):
        if previous is not None and not written_on(previous, token):
            parts.append(" ")
        parts.append(getattr(token, attribute))
    return "".join(parts)


def word_keys(text: str) -> list[str]:
    """The matching keys of a text's words (for full-text queries and comparisons)."""
    return [t.key for t in tokenize(text) if t.kind == "word"]


def search_terms(quote: str, count: int = 8) -> list[str]:
    """At most `count` terms a full-text search finds the quote's texts by: its longest
    words of four letters or more (the rarer), and pieces of PIECE letters of its runs in
    a script written without spaces, spread over the quote.  Such a run is one word to
    unicode61 up to the next punctuation, and a quote cut mid-run holds no word of the
    text's; crawler/search.py finds a piece of three letters or more anywhere in a text's
    runs (trigram index).  Spread, so that one changed letter leaves the other pieces."""
    words = [t for t in tokenize(quote) if t.kind == "word"]
    long = sorted({t.key for t in words if not t.unspaced and len(t.key) >= 4 and t.key.isalnum()},
                  key=len, reverse=True)
    # as NFKC writes them, as the texts are: a quote's NFD jamo or kana (a PDF's) find no trigram
    pieces = [piece for piece in (unicodedata.normalize("NFKC", piece) for piece, _ in _probes(words))
              if _piece(piece, 3)]  # a trigram needs three
    wanted = min(len(pieces), count - min(len(long), count // 2))
    spread = [pieces[i * len(pieces) // wanted] for i in range(wanted)]
    return long[: count - len(spread)] + spread


def split_segments(quote: str) -> list[list[Token]]:
    """The quote's words and punctuation, cut at each ellipsis; empty segments dropped."""
    return _segments(tokenize(quote))


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """`split_segments` of a quote's tokens."""
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind == "ellipsis":
            segments.append([])
        else:
            segments[-1].append(token)
    return [s for s in segments if any(t.kind == "word" for t in s)]


def is_split_artefact(old: list[str], new: list[str]) -> bool:
    """True when two word runs differ only by where words are cut: a PDF's
    "politica l" for "political", a line-break "inter- national", "Co-Chairs" vs
    "CoChairs".  Keys join into the same letters once spaces and hyphens go."""
    return bool(old) and bool(new) and "".join(old) == "".join(new)


# Punctuation that stands for words ("40%" for "40 per cent"): where one side of a change has
# no words, the symbols it writes in their place are what it says there (`Segment.written`).
WORD_SYMBOLS = frozenset("%\u2030\u2031&$\u20ac\u00a3\u00a5\u00b0\u00a7+")
# The words for "%": the sign written out ("5 per cent" for "5 %") is a spelling of the same
# number, as "5,000" is of "5000" (crawler/verdicts/changes.py's minor change).  "percent" and "per cent"
# are one already (`is_split_artefact`).
PER_CENT = frozenset({("per", "cent"), ("percent",), ("pour", "cent"), ("por", "ciento"), ("por", "cento"),
                      ("per", "cento"), ("prozent",), ("procent",), ("процент",), ("процента",),
                      ("процентов",)})


def written(tokens: list[Token], words: list[Token]) -> str:
    """The run `words` (words of `tokens`, in order) as `tokens` write it, from its first word
    to its last: the punctuation between them kept and one space where the text had
    whitespace.  `joined` of the words alone writes the source's "5,000" as "5 000" and
    "so-called" as "so called": a diff that misstates what the source says.  Words that are
    not all of `tokens` (a caller's slip) are joined as before."""
    if not words:
        return ""
    starts = [t.start for t in tokens]
    first, last = bisect_left(starts, words[0].start), bisect_left(starts, words[-1].start)
    if last >= len(tokens) or tokens[first].start != words[0].start or tokens[last].start != words[-1].start:
        return joined(words)
    run = tokens[first : last + 1]
    opener = tokens[first - 1] if first else None
    if opener is not None and opener.end == run[0].start and _BRACKETS.get(opener.text) in {t.text for t in run}:
        run.insert(0, opener)  # "[It] considers", not "It] considers"
    closer = tokens[last + 1] if last + 1 < len(tokens) else None
    if closer is not None and closer.start == run[-1].end and _opened(run, closer.text):
        run.append(closer)  # "not (yet)", not "not (yet"
    return spelled(run)


def _opened(run: list[Token], closer: str) -> bool:
    """Whether `run` opens more brackets that `closer` closes than it closes."""
    opener = next((o for o, c in _BRACKETS.items() if c == closer), None)
    texts = [t.text for t in run]
    return opener is not None and texts.count(opener) > texts.count(closer)


_BRACKETS = {"[": "]", "(": ")", "{": "}"}


def spelled(tokens: list[Token]) -> str:
    """Tokens as written, a space wherever the text had whitespace between two of them."""
    parts: list[str] = []
    for previous, token in zip([None, *tokens], tokens):
        if previous is not None and previous.end < token.start:
            parts.append(" ")
        parts.append(token.text)
    return "".join(parts)


def _signs_after(tokens: Iterable[Token]) -> list[Token]:
    """The WORD_SYMBOLS that open `tokens` (the text's tokens after a span's last word): "%" of
    "40%." or "40 %)", none of "40. %"; the signs a side with no words at the span's end writes
    (`Segment.after`)."""
    return list(takewhile(lambda t: t.kind == "punct" and t.key in WORD_SYMBOLS, tokens))


def _symbols(tokens: list[Token], before: Token | None, after: Token | None) -> str:
    """The WORD_SYMBOLS that `tokens` write between the words `before` and `after` (either
    None: the edge of `tokens`): what a side with no words of a change writes in their place."""
    lo = before.end if before is not None else -1
    hi = after.start if after is not None else float("inf")
    return " ".join(t.text for t in tokens if t.kind == "punct" and t.key in WORD_SYMBOLS and lo <= t.start < hi)


@dataclass
class Change:
    """One run of differing words: `old` in the source, `new` in the quote; `old_text` and
    `new_text` are each side as written (`Segment.written`), when known."""

    old: list[Token]
    new: list[Token]
    old_text: str | None = None
    new_text: str | None = None

    @property
    def old_words(self) -> str:
        return joined(self.old) if self.old_text is None else self.old_text

    @property
    def new_words(self) -> str:
        return joined(self.new) if self.new_text is None else self.new_text


@dataclass
class Segment:
    """One ellipsis-free part of the quote and where it matched."""

    quote: list[Token]
    span: list[Token]  # the source's tokens from the first to the last matched word
    ops: list[tuple[str, list[Token], list[Token]]]  # (equal|change, source words, quote words)
    score: float
    # the source's signs right after the span (`_signs_after`): the "%" of "40%." past a quote's "40
    # per cent", which the span, ending at its last matched word, leaves out (`written`)
    after: list[Token] = field(default_factory=list)

    @property
    def start(self) -> int | None:
        return self.span[0].start if self.span else None

    @property
    def end(self) -> int | None:
        return self.span[-1].end if self.span else None

    @property
    def changes(self) -> list[Change]:
        return [Change(old, new, *self.written(index)) for index, (tag, old, new) in enumerate(self.ops)
                if tag == "change"]

    def written(self, index: int) -> tuple[str, str]:
        """Op `index`'s source words and quote words, each as its side writes them (`written`);
        a side without words shows the symbols it writes in their place ("%" facing "per
        cent"), so that a diff and a reason name what each side says: the source's at the span's
        end too (`after`: "40 per cent" for the text's "40%." is "% → per cent", not "∅ → per
        cent", a word added)."""
        ops = self.ops
        sides = []
        for side, tokens in ((1, self.span + self.after), (2, self.quote)):
            words = ops[index][side]
            if words:
                sides.append(written(tokens, words))
                continue
            before = ops[index - 1][side][-1] if index and ops[index - 1][side] else None
            after = ops[index + 1][side][0] if index + 1 < len(ops) and ops[index + 1][side] else None
            sides.append(_symbols(tokens, before, after) if tokens else "")
        return sides[0], sides[1]


@dataclass
class Alignment:
    """Where a quote best matches a text, with a word-level diff.

    `diff` reads from the source to the quote: ("delete", words) are in the source
    but not the quote, ("insert", words) are in the quote but not the source; each as its
    side writes it.  The words an ellipsis leaves out are a "delete" where the ellipsis
    stands (a long run shortened, `_left_out_words`), and counted in `gaps`, with their
    tokens in `left_out`.  `misplaced`: (segment index, start, end) of a segment whose best
    place is before the segment that comes before it in the quote (the segments as placed
    keep the quote's order).  `elsewhere`: (start, end, score) of the other places where the whole
    quote matches, apart from the one taken and from each other, best first (`_elsewhere`): a page
    that holds the quote twice (crawler/verdicts/judgment.py says "the text holds the quote 2 times").
    """

    score: float  # 0-100, word-level similarity of the quote to the matched words
    start: int | None  # character offsets in the original text
    end: int | None
    matched: str
    diff: list[tuple[str, str]]
    segments: list[Segment] = field(default_factory=list)
    gaps: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, words) left out
    left_out: list[list[Token]] = field(default_factory=list)  # each gap's tokens
    misplaced: list[tuple[int, int, int]] = field(default_factory=list)  # (segment index, start, end)
    elsewhere: list[tuple[int, int, float]] = field(default_factory=list)  # (start, end, score) of other copies

    @property
    def found(self) -> bool:
        return self.start is not None

    @property
    def elided_words(self) -> int:
        """How many source words the quote's ellipses leave out."""
        return sum(words for _start, _end, words in self.gaps)

    @property
    def changes(self) -> list[Change]:
        return [c for s in self.segments for c in s.changes]


class _Haystack:
    """The text, in which a segment's windows are found without tokenising the whole
    text: first around the occurrences of the segment's rarest long words, counted
    and found as written (str.count and str.find, C speed) and checked with
    rapidfuzz's partial_ratio; failing that, by rapidfuzz's partial_ratio_alignment
    over a lower-cased copy of the whole text.  Only the windows are then tokenised."""

    MARGIN = 60  # characters looked at beyond the window found
    PROBES = 8  # at most this many of the segment's longest words are counted
    ANCHORS = 3  # enough rare words found: stop counting
    MAX_OCCURRENCES = 4  # a word found more often than this is no anchor
    ANCHOR_SCORE = 75  # partial_ratio a window at an anchor needs to be aligned
    SCAN_CHARS = 64  # a longer needle is scanned as its first and last 64 characters (rapidfuzz's fast path)
    SCAN_CUTOFF = 60  # character-level partial_ratio of unrelated English prose is about 50

    def __init__(self, text: str, windowed: bool = True):
        self.text = text
        self.windowed = windowed

    @functools.cached_property
    def lowered(self) -> str | None:
        """The text lower-cased, for the scan (None when lower() changes its length)."""
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) else None

    def windows(self, quote_words: list[Token], lo: int) -> list[tuple[int, int]]:
        """Character ranges [start, end) at or after `lo` where the words may fit,
        likeliest first, each widened by a margin and to whole words; the rest of
        the text when not windowed.  Several when the segment's rare words occur in
        several places (a heading that repeats the quote's opening, an earlier
        altered copy): the caller aligns each and keeps the best."""
        text = self.text
        needle = joined(quote_words, "key")
        if not self.windowed or len(text) - lo <= len(needle) + 2 * self.MARGIN:
            return [(lo, len(text))]
        margin = max(self.MARGIN, len(needle) // 2)
        found = self._anchored(quote_words, needle, lo, margin) or self._scanned(needle, lo, margin)
        if not found:
            return [(lo, len(text))]
        return [self._whole_words(start, end, lo) for start, end in found]

    def _whole_words(self, start: int, end: int, lo: int) -> tuple[int, int]:
        """The range widened so that it cuts no word in two."""
        text = self.text
        while start > lo and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        return start, end

    def _rare_words(self, quote_words: list[Token], lo: int) -> list[tuple[str, int]]:
        """(word as written, its offset in the needle) for the longest words that
        occur at least once and at most MAX_OCCURRENCES times after `lo`; in a script
        written without spaces, pieces of PIECE letters of its runs stand for words."""
        offsets = {}
        for word, position in _probes(quote_words):
            offsets.setdefault(word, position)
        rare = []
        for word in sorted((w for w in offsets if len(w) >= 5 or _piece(w)), key=len, reverse=True)[: self.PROBES]:
            if 0 < self.text.count(word, lo) <= self.MAX_OCCURRENCES:
                rare.append((word, offsets[word]))
                if len(rare) == self.ANCHORS:
                    break
        return rare

    def _anchored(self, quote_words: list[Token], needle: str, lo: int, margin: int) -> list[tuple[int, int]]:
        """Windows around the occurrences of the segment's rarest long words whose
        partial_ratio reaches ANCHOR_SCORE, overlapping ones merged, best first.

        Occurrences are told apart by where they put the segment's start, never by
        the window's clamped start: a heading just before the quote that repeats
        its words clamps to the same start as the quote itself.  Overlapping
        windows are merged because each alone may cut the other's match short."""
        scored, places = [], []
        for word, offset in self._rare_words(quote_words, lo):
            at = self.text.find(word, lo)
            while at != -1:
                place = at - offset  # where the segment would start
                if not any(abs(place - other) < margin for other in places):  # same place, other anchor
                    places.append(place)
                    start, end = max(lo, place - margin), min(len(self.text), place + len(needle) + margin)
                    score = fuzz.partial_ratio(needle, self.text[start:end].lower())
                    if score >= self.ANCHOR_SCORE:
                        scored.append((start, end, score))
                at = self.text.find(word, at + 1)
        return _merged(scored)

    def _scanned(self, needle: str, lo: int, margin: int) -> list[tuple[int, int]] | None:
        """The window rapidfuzz finds scanning the whole text after `lo`.  A long
        needle is scanned as its head and its tail (the scan's cost grows with the
        needle's length), and the better of the two places the window.  Neither
        reaching SCAN_CUTOFF means the words are not there: one empty window."""
        if self.lowered is None:
            return None
        hay, cutoff = self.lowered[lo:], self.SCAN_CUTOFF
        probes = [(needle[: self.SCAN_CHARS], 0), (needle[-self.SCAN_CHARS :], max(0, len(needle) - self.SCAN_CHARS))]
        best = None
        for probe, offset in probes[: 1 if len(needle) <= self.SCAN_CHARS else 2]:
            found = fuzz.partial_ratio_alignment(probe, hay, score_cutoff=cutoff)
            if found is not None and (best is None or found.score > best[0]):
                best = (found.score, lo + found.dest_start - offset)
        if best is None:
            return [(lo, lo)]
        return [(max(lo, best[1] - margin), min(len(self.text), best[1] + len(needle) + margin))]


PIECE = 4  # letters of a script without spaces that stand for one word to find a quote by


def _piece(word: str, shortest: int = 2) -> bool:
    """Whether a probe of `_probes` is a piece of a run of letters of a script without
    spaces, of `shortest` characters or more (isascii first: the usual word costs no regex)."""
    return len(word) >= shortest and not word.isascii() and UNSPACED_LETTER.match(word) is not None


def _probes(quote_words: list[Token], piece: int = PIECE) -> list[tuple[str, int]]:
    """(word as written, its offset in the needle `joined(quote_words, "key")`) for each
    word, and for each run of letters of a script written without spaces (up to a space or
    a punctuation mark), its pieces of `piece` letters: one letter is found everywhere, the
    whole run not at all when one of its letters changed."""
    probes, position, run = [], -1, []
    for previous, token in zip([None, *quote_words], quote_words):
        on = written_on(previous, token)
        position += 0 if on else 1  # the space `joined` puts between two words (-1: none before the first)
        if on and len(run) < piece:
            run.append(token)
            probes[-1] = ("".join(t.text for t in run), probes[-1][1])
        else:
            run = [token] if token.unspaced else []
            probes.append((token.text, position))
        position += len(token.key)
    return probes


def _merged(scored: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """(start, end, score) windows with overlapping ones joined (the best score
    kept), ordered best first, earliest first on a tie."""
    joined: list[list] = []
    for start, end, score in sorted(scored):
        if joined and start <= joined[-1][1]:
            joined[-1][1], joined[-1][2] = max(joined[-1][1], end), max(joined[-1][2], score)
        else:
            joined.append([start, end, score])
    return [(start, end) for start, end, _score in sorted(joined, key=lambda w: (-w[2], w[0]))]


def _best_run(matched: list[bool]) -> tuple[int, int] | None:
    """The contiguous run of text words with the best score, +2 per matched word
    and -1 per unmatched one: trims stray matches of "the" or "of" two or more
    words off the edges, yet keeps a changed word inside the quote."""
    best, best_range, total, start = 0, None, 0, 0
    for i, hit in enumerate(matched):
        total += 2 if hit else -1
        if total <= 0 and not hit:
            total, start = 0, i + 1
            continue
        if total > best:
            best, best_range = total, (start, i + 1)
    return best_range


_SLACK = 2  # extra text words looked at beyond an unmatched quote edge


def _widen(run: tuple[int, int], ops: list, window: list[Token]) -> tuple[int, int]:
    """Widen the run where the quote's edge words went unmatched, so an edge word
    that the run cut off ("Sum-\nmit declaration") or that the quote replaced
    ("regrets" for "condemns") is compared in place; `_edge_trim` then drops
    what the widening took in and the quote does not have."""
    limit = len(window)
    lead = len(ops[0][2]) + _SLACK if ops and ops[0][0] == "change" and ops[0][2] else 0
    tail = len(ops[-1][2]) + _SLACK if ops and ops[-1][0] == "change" and ops[-1][2] else 0
    return max(0, run[0] - lead), _run_end(window, min(limit, run[1] + tail), min(limit, run[1] + 2 * tail))


def _run_end(window: list[Token], end: int, bound: int) -> int:
    """`end` moved past the rest of a run of letters without spaces that it cuts, when the
    run ends by `bound`: the letters 인정하지 않습니 of 인정하지 않습니다 would leave the
    quote's 다 facing nothing, though the source has it.  A run longer than that is left cut."""
    stop = end
    while stop < bound and written_on(window[stop - 1], window[stop]):
        stop += 1
    return end if stop < len(window) and written_on(window[stop - 1], window[stop]) else stop


def _edge_keep(old: list[Token], new: list[Token], leading: bool, edge: Token | None = None,
               beyond: Token | None = None) -> int:
    """How many of the source's edge words face the quote's edge words (the last
    ones at the leading edge, the first ones at the trailing edge): those that join
    into them ("in tegrity" for "integrity") or say them contracted or in full ("does not"
    for "doesn't", `expand_contractions`: the quote's "The Ministry doesn't" ends at the
    text's "not", not at "does"), else as many as the quote has, or the rest of a run of
    letters without spaces the change sits in (`_rest_of_run`)."""
    keys = [t.key for t in new]
    joined, expanded = "".join(keys), expand_contractions(keys)
    for k in range(1, len(old) + 1):
        edge_keys = [t.key for t in (old[-k:] if leading else old[:k])]
        if "".join(edge_keys) == joined or expand_contractions(edge_keys) == expanded:
            return k
    return max(min(len(old), len(new)), _rest_of_run(old, leading, edge, beyond))


def _rest_of_run(old: list[Token], leading: bool, edge: Token | None, beyond: Token | None) -> int:
    """How many of the source's edge letters go on the run of letters of a script without
    spaces that `edge` (the span's matched letter next to them) is in, when that run ends
    among them (at a punctuation mark, a space or the text's end; `beyond` is the word past
    them).  There a letter is no word: a quote's 認める against the source's 認めない must
    face the whole ない, not な alone (the word-level diff of a Latin script is unchanged:
    its words are tokens already).  0 when the run goes on past them: then where the
    changed letters end is unknown, and as many as the quote has are kept."""
    run = run_beside(old, edge, leading)
    goes_on = (len(run) == len(old) > 0 and beyond is not None
               and run_beside([beyond], run[0] if leading else run[-1], leading))
    return 0 if goes_on else len(run)


def run_beside(tokens: list[Token], edge: Token | None, leading: bool) -> list[Token]:
    """The words of `tokens` that go on the run of letters of a script without spaces that
    `edge` is in, in the text's order: the last ones when `tokens` stand just before `edge`
    (`leading`), else the first ones.  A letter there is no word: a change that cuts a run
    is read with the rest of it (`_rest_of_run`, crawler/verdicts/unspaced.py's whole negations)."""
    run, nearest = [], edge
    for token in reversed(tokens) if leading else tokens:
        if nearest is None or not (written_on(token, nearest) if leading else written_on(nearest, token)):
            break
        run.append(token)
        nearest = token
    return run[::-1] if leading else run


# Contractions whose words are not the word before "n't" and "not" ("won't" is "will not").
CONTRACTIONS = {"can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not"}


def expand_contractions(keys: list[str]) -> list[str]:
    """"doesn't" → "does not", "cannot" → "can not": contractions as their words, so that the
    two compare equal wherever they stand (crawler/verdicts/changes.py's minor change, `_edge_keep`)."""
    out = []
    for key in keys:
        if key in CONTRACTIONS:
            out.extend(CONTRACTIONS[key].split())
        elif key.endswith("n't"):
            out.extend([key[:-3], "not"])
        else:
            out.append(key)
    return out


def _edge_trim(ops: list, size: int, before: Token | None = None, after: Token | None = None) -> tuple[int, int]:
    """[i, j) of the span's words once source words that face nothing in the quote
    are dropped from both edges (`before` and `after`: the words just outside the span)."""
    i, j = 0, size
    if len(ops) > 1 and ops[0][0] == "change":
        i = len(ops[0][1]) - _edge_keep(ops[0][1], ops[0][2], True, ops[1][1][0], before)
    elif ops and ops[0][0] == "change":
        i = len(ops[0][1]) - _edge_keep(ops[0][1], ops[0][2], leading=True)
    if len(ops) > 1 and ops[-1][0] == "change":
        j = size - len(ops[-1][1]) + _edge_keep(ops[-1][1], ops[-1][2], False, ops[-2][1][-1], after)
    return i, j


def _word_ops(quote_words: list[Token], text_words: list[Token]) -> list[tuple[str, list[Token], list[Token]]]:
    """Equal runs and change runs between the source's words and the quote's.

    Longest common run first (difflib's matching, on a window of a few hundred
    words at most): a plain LCS may tie the quote's first words to an earlier
    heading that repeats them, while the longest run is the quote's real place.
    """
    ops: list[tuple[str, list[Token], list[Token]]] = []
    matcher = SequenceMatcher(None, [t.key for t in text_words], [t.key for t in quote_words], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = text_words[i1:i2], quote_words[j1:j2]
        tag = "equal" if op == "equal" else "change"
        if tag == "change" and ops and ops[-1][0] == "change":
            ops[-1] = ("change", ops[-1][1] + old, ops[-1][2] + new)
        else:
            ops.append((tag, old, new))
    return ops


def _no_match(segment: list[Token], quote_words: list[Token]) -> Segment:
    return Segment(segment, [], [("change", [], quote_words)], 0.0)


def _candidates(segment: list[Token], hay: _Haystack, lo: int, first_best: bool = False,
                windows: list[tuple[int, int]] | None = None, every_place: bool = False) -> list[tuple[Segment, int]]:
    """Every place the segment aligns at or after character `lo`, each with where its span
    ends, likeliest first: each candidate window aligned whole, then at each place its rare
    words put the segment (`_places`), so that a window holding the same sentence twice (an
    earlier altered copy, a heading) yields both copies, not only the one its longest common
    run ties the quote to.  `first_best`: after the first that scores 100, look at no more places
    of its window (a quote of one segment, whose place needs no other segment's to be chosen:
    `_first_best`; another window, another copy of it, is still aligned, to be counted).
    `windows`: those character ranges instead of the ones the search finds.  `every_place`: each
    place of a short window too (`_places`), where the places are weighed by what the quote's
    edges hide, not only by their words ("Russia did" in "Russia did not comply. Russia did
    comply.")."""
    quote_words = [t for t in segment if t.kind == "word"]
    found: list[tuple[Segment, int]] = []
    for start, end in windows or hay.windows(quote_words, lo):
        for tokens in _places(quote_words, tokenize(hay.text, start, end), every_place):
            aligned = _align_in(segment, quote_words, tokens)
            if aligned is None or any(s.start == aligned[0].start and e == aligned[1] for s, e in found):
                continue
            found.append(aligned)
            if first_best and aligned[0].score == 100.0:
                break  # the rest of this window holds this copy; the next windows may hold another
    return found


def _first_best(found: list[tuple[Segment, int]]) -> list[tuple[Segment, int]]:
    """The candidates up to the first that scores 100: those a quote of one segment is placed
    among (`_candidates`' `first_best`), the later ones only counted (`_elsewhere`)."""
    return found[: next((i + 1 for i, c in enumerate(found) if c[0].score == 100.0), len(found))]


_PLACES = 8  # at most this many places in one window are aligned on their own


def _places(quote_words: list[Token], tokens: list[Token], every: bool = False):
    """The window's tokens, then, when it holds well more words than the quote (or `every`: a
    short one too, two copies close together), the stretch around each place where one of the
    quote's rarest words in it (at most MAX_OCCURRENCES times there) puts the quote's start,
    padded by half the quote's length for words the quote left out.  Ordered by place; a place
    within the padding of one already taken is the same place (with `every`, within the quote's
    length, and a stretch reaches into no place beside it: each copy is aligned on its own)."""
    yield tokens
    at = [i for i, t in enumerate(tokens) if t.kind == "word"]
    size, pad = len(quote_words), 2 + len(quote_words) // 2
    if len(at) <= size + (0 if every else 2 * pad):
        return
    keys = [tokens[i].key for i in at]
    counts = Counter(keys)
    first_index: dict[str, int] = {}
    for index, word in enumerate(quote_words):
        if 0 < counts[word.key] <= _Haystack.MAX_OCCURRENCES:
            first_index.setdefault(word.key, index)
    anchors = sorted(first_index.items(), key=lambda item: (counts[item[0]], -len(item[0])))[: _Haystack.ANCHORS]
    places: list[int] = []
    apart = size if every else pad  # `every`: copies side by side ("Russia did not. Russia did.") are two
    for key, index in anchors:
        for position, other in enumerate(keys):
            if other == key and all(abs(position - index - p) >= apart for p in places) and len(places) < _PLACES:
                places.append(position - index)
    places.sort()
    for n, place in enumerate(places):
        first, last = max(0, place - pad), min(len(at), place + size + pad)
        if every:  # not into the copy beside it, which its own stretch aligns
            first = max(first, places[n - 1] + size if n else 0)
            last = min(last, places[n + 1] if n + 1 < len(places) else last)
        if first < last:
            yield tokens[at[first] : at[last - 1] + 1]


def _chosen(segments: list[list[Token]], hay: _Haystack, hides: Callable[[int, int], bool] | None = None,
            hides_after: Callable[[int], bool] | None = None, hides_before: Callable[[int], bool] | None = None,
            ) -> tuple[list[Segment], list[tuple[int, int, int]], list[tuple[int, int, float]]]:
    """One place for each segment, in the quote's order, the segments whose best place
    is before the segment they follow ((index, start, end), `Alignment.misplaced`), and the
    other places of the whole quote (`_elsewhere`).

    The places kept hold the most matched words (each segment's score times its words);
    among equal ones, those where no ellipsis hides words that carry meaning (`hides`, see
    `align`), then the tightest (the least text from the first span's start to the last
    one's end): "The Ministry … will never accept" takes the "The Ministry" just before
    "will never accept", not the heading "Statement of the Ministry" three paragraphs up, and
    the second copy of a sentence that a text repeats with one change when it is the better.
    Each segment is also looked for in the stretch just after the one before it (`_near`): a
    short segment ("and") is found in few windows, maybe none of them that copy's.  A segment
    with no place there that matches fully is looked for again after the one before it (the
    windows after it), and the better kept: a poor near match ("the" in the filler) must not
    hide the next copy further on; a segment found nowhere faces nothing."""
    single = len(segments) == 1 and hides_after is None and hides_before is None  # else every place is weighed
    edges = hides_after is not None or hides_before is not None  # then even two places close together
    every = [_candidates(tokens, hay, 0, first_best=single, every_place=edges) for tokens in segments]
    if edges and len(segments) == 1:
        every[0] += _clean_copy(segments[0], hay, every[0], hides_after, hides_before)
    found = [_first_best(every[0])] if single else every
    # (matched-word weight, [(Segment, its end)]): the best chain ending at each place so far
    chains: list[tuple[float, list[tuple[Segment, int]]]] = [(0.0, [])]
    # one search per segment and place, however many chains end there: just after it, and after it
    near: dict[tuple[int, int], list[tuple[Segment, int]]] = {}
    after: dict[tuple[int, int], list[tuple[Segment, int]]] = {}
    better = functools.partial(_better, hidden=functools.cache(hides or (lambda _start, _end: False)),
                               hidden_after=functools.cache(hides_after) if hides_after else None,
                               hidden_before=functools.cache(hides_before) if hides_before else None)
    for tokens, candidates in zip(segments, found):
        quote_words = [t for t in tokens if t.kind == "word"]
        extended: dict[tuple, tuple[float, list[tuple[Segment, int]]]] = {}
        for weight, chain in chains:
            lo = next((end for s, end in reversed(chain) if s.span), 0)
            options = [c for c in candidates if c[0].start >= lo]
            if chain:
                if (len(chain), lo) not in near:
                    near[len(chain), lo] = _near(tokens, quote_words, hay, lo)
                places = {(s.start, end) for s, end in options}
                options += [c for c in near[len(chain), lo] if (c[0].start, c[1]) not in places]
            if chain and not any(c[0].score == 100.0 for c in near[len(chain), lo]):
                if (len(chain), lo) not in after:
                    later = _candidates(tokens, hay, lo)
                    after[len(chain), lo] = [max(later, key=lambda c: c[0].score)] if later else []
                places = {(s.start, end) for s, end in options}
                options += [c for c in after[len(chain), lo] if (c[0].start, c[1]) not in places]
            for option in options or [(_no_match(tokens, quote_words), lo)]:
                key = (option[0].start, option[1])
                value = (weight + option[0].score * len(quote_words), [*chain, option])
                if key not in extended or better(value, extended[key]):
                    extended[key] = value
        chains = list(extended.values())
    best = chains[0]
    for chain in chains[1:]:
        if better(chain, best):
            best = chain
    placed = [s for s, _end in best[1]]
    others = ([[(s, end)] for s, end in every[0]] if single
              else [chain for _weight, chain in chains if chain is not best[1]])
    return placed, _misplaced(placed, found), _elsewhere(best[1], others)


# Copies whose edge may hide something (the check's `may`) fully weighed at most, per quote, when no
# copy is clean by its cheap reading (`_clean_copy`).
WEIGHED_COPIES = 32


def _clean_copy(segment: list[Token], hay: _Haystack, found: list[tuple[Segment, int]],
                hides_after: Callable[[int], bool] | None, hides_before: Callable[[int], bool] | None,
                ) -> list[tuple[Segment, int]]:
    """The first exact copy of the quote's one segment whose edges hide nothing (`hides_after`
    at its end, `hides_before` at its start), aligned, when every exact copy `found` hides
    something there: [] when one found is clean, or no copy is.  The window search and
    `_places` anchor on words a text holds at most MAX_OCCURRENCES times, so the fifth
    "Russia did not comply." before a "Russia did comply." left the clean copy unseen.  Its
    copies are found as written (`found_at`: str.find, C speed) and weighed in order until
    the first clean one; only that one is aligned.  A check that has a cheap reading (its
    `may`: crawler/verdicts/silent_cut.py `_cuts_before_negation`'s next word, read by a regular
    expression) clears a copy whose edge cannot hide anything without tokenizing; a copy it
    cannot clear is weighed in full, at most WEIGHED_COPIES of them: 500 copies that all hide a
    negation cost 500 regular expressions and 32 checks, not 500 (130 ms).  A check with no
    cheap reading (an ellipsis's) weighs every copy, each answer remembered by the characters
    around it (crawler/verdicts/edges.py `_weighed`).  A quote whose first place is clean costs
    nothing."""
    exact = [s for s, _end in found if s.span and s.score == 100.0]
    if not exact:
        return []

    def clean(start: int, end: int) -> bool:
        return not (hides_after is not None and hides_after(end) or hides_before is not None and hides_before(start))

    if any(clean(s.start, s.end) for s in exact):
        return []
    text, seen = hay.text, {s.start for s, _end in found if s.span}
    written_form = text[exact[0].start : exact[0].end]
    may = getattr(hides_after, "may", None) if hides_before is None else None
    weighed = 0
    for i in found_at(text, written_form):
        j = i + len(written_form)
        if i in seen or i and text[i - 1].isalnum() or j < len(text) and text[j].isalnum():
            continue
        if may is not None and may(j):  # not cleared by the cheap reading: weighed in full, so many
            if weighed == WEIGHED_COPIES:
                continue
            weighed += 1
        if not clean(i, j):
            continue
        window = hay._whole_words(max(0, i - _Haystack.MARGIN), min(len(text), j + _Haystack.MARGIN), 0)
        return [c for c in _candidates(segment, hay, 0, windows=[window], every_place=True) if c[0].start == i]
    return []


def found_at(text: str, written: str) -> list[int]:
    """Where `written` occurs in `text` as written, in lower case, in capitals or with its first
    letter's case changed (str.find, C speed), in order: the copies of a quote's words that
    say the same (`_clean_copy`; crawler/verdicts/gaps.py `_repeats`)."""
    forms = {written, written.lower(), written.upper(), written[:1].upper() + written[1:],
             written[:1].lower() + written[1:]}
    at = set()
    for form in forms:
        i = text.find(form)
        while i != -1:
            at.add(i)
            i = text.find(form, i + 1)
    return sorted(at)


def _elsewhere(best: list[tuple[Segment, int]],
               others: list[list[tuple[Segment, int]]]) -> list[tuple[int, int, float]]:
    """(start, end, score) of the places `others` (chains of segments, as `_chosen` builds them)
    that lie apart from the place taken, `best`, and from each other, the better first: the
    quote's other copies in the text.  A chain's score is its worst segment's, so that a first
    segment here and a "the" in the filler for the second are no copy; the caller says which
    score counts."""
    def extent(chain: list[tuple[Segment, int]]) -> tuple[int, int] | None:
        spans = [s for s, _end in chain if s.span]
        return (spans[0].start, spans[-1].end) if spans else None

    taken = [extent(best)] if extent(best) else []
    scored = sorted(((min(s.score for s, _end in chain), extent(chain)) for chain in others if extent(chain)),
                    key=lambda item: -item[0])
    out = []
    for score, (start, end) in scored:
        if all(end <= lo or start >= hi for lo, hi in taken):
            taken.append((start, end))
            out.append((start, end, score))
    return out


def _near(tokens: list[Token], quote_words: list[Token], hay: _Haystack, lo: int) -> list[tuple[Segment, int]]:
    """The places of a segment in the stretch of one window's length just after character `lo`
    (where the segment before it ends): the nearest, which the windows of its search may miss."""
    end = min(len(hay.text), lo + len(joined(quote_words, "key")) + 2 * _Haystack.MARGIN)
    return _candidates(tokens, hay, lo, windows=[hay._whole_words(lo, end, lo)])


def _better(one: tuple[float, list], other: tuple[float, list], hidden: Callable[[int, int], bool],
            hidden_after: Callable[[int], bool] | None = None, hidden_before: Callable[[int], bool] | None = None,
            ) -> bool:
    """Whether chain `one` beats `other`: more matched words, then fewer ellipses that hide
    words carrying meaning or cross a clause's end (`hidden(start, end)` of a gap: a gap into
    another copy is no safer than one hiding "not"; `hidden_after(end)`: the quote's closing
    ellipsis after its last span, when it has one; `hidden_before(start)`: the quote's opening
    ellipsis before its first span), then the tighter.  Chains compared before the last segment
    end at the same place, so the closing ellipsis weighs only between whole chains."""
    if abs(one[0] - other[0]) > 1e-9:
        return one[0] > other[0]
    hides = [sum(hidden(left.end, right.start) for left, right in zip(spans, spans[1:]))
             + bool(spans and hidden_after and hidden_after(spans[-1].end))
             + bool(spans and hidden_before and hidden_before(spans[0].start))
             for spans in ([s for s, _end in chain[1] if s.span] for chain in (one, other))]
    if hides[0] != hides[1]:
        return hides[0] < hides[1]
    return _extent(one[1]) < _extent(other[1])


def _extent(chain: list[tuple[Segment, int]]) -> int:
    """Characters from the first found span's start to the last one's end."""
    spans = [s for s, _end in chain if s.span]
    return spans[-1].end - spans[0].start if spans else 0


def _misplaced(placed: list[Segment], found: list[list[tuple[Segment, int]]]) -> list[tuple[int, int, int]]:
    """(index, start, end) of each segment whose best place scores better than the place
    kept and ends before the segment it follows starts: its words are there, out of order."""
    out = []
    for index in range(1, len(placed)):
        earlier = next((s for s in reversed(placed[:index]) if s.span), None)
        if earlier is None or not found[index]:
            continue
        best = max(found[index], key=lambda c: c[0].score)[0]
        if best.score > placed[index].score and best.end <= earlier.start:
            out.append((index, best.start, best.end))
    return out


def _align_in(segment: list[Token], quote_words: list[Token], tokens: list[Token]) -> tuple[Segment, int] | None:
    """The segment aligned within one window's tokens and where its span ends; None
    when no word of the window matches."""
    window = [t for t in tokens if t.kind == "word"]
    hits = set()
    for tag, old, _new in _word_ops(quote_words, window):
        if tag == "equal":
            hits.update(id(t) for t in old)
    run = _best_run([id(t) in hits for t in window])
    if run is None:
        return None
    ops = _word_ops(quote_words, window[run[0] : run[1]])
    if ops[0][0] == "change" or ops[-1][0] == "change":  # an edge to settle
        run = _widen(run, ops, window)
        i, j = _edge_trim(_word_ops(quote_words, window[run[0] : run[1]]), run[1] - run[0],
                          window[run[0] - 1] if run[0] else None, window[run[1]] if run[1] < len(window) else None)
        run = (run[0] + i, run[0] + j)
        if run[0] >= run[1]:
            return None
        ops = _word_ops(quote_words, window[run[0] : run[1]])
    cut = _elision_cut(ops)
    if cut is not None:  # "aucun pays" for "qu'aucun pays": one equal run from past the apostrophe
        rest = ops[1] if len(ops) > 1 else ("equal", [], [])
        ops = [("equal", [cut, *rest[1]], ops[0][2] + rest[2]), *ops[2:]]
    if _sign_for_last_words(ops, tokens):  # "40 per cent" for "40% in March": "in March" is past the quote
        run, ops = (run[0], run[1] - len(ops[-1][1])), [*ops[:-1], ("change", [], ops[-1][2])]
    words = window[run[0] : run[1]]
    first = next(i for i, t in enumerate(tokens) if t is words[0])
    last = next(i for i in range(len(tokens) - 1, -1, -1) if tokens[i] is words[-1])
    after = _signs_after(islice(tokens, last + 1, None))
    span = tokens[first : last + 1]
    if cut is not None:
        span[0] = cut
    return Segment(segment, span, ops, _word_score(ops), after), words[-1].end


# French and Italian function words elided before a vowel and written with the next word, which
# `tokenize` keeps whole ("qu'aucun", "l'Union", "dell'Unione"): a quote that opens right after one
# cuts a function word, as a quote that opens after "que" or "la" written apart does (`_elision_cut`).
# Not French's "n'" (a word of its own already: `_elided_ne`) nor a negation ("nessun'altra").
ELIDED_OPENERS = frozenset(
    "qu' l' d' j' s' c' m' t' lorsqu' puisqu' jusqu' quoiqu' "  # French
    "dell' all' dall' nell' sull' un' quest' quell' coll' tutt'".split())  # Italian (l' c' d' above)


def _elision_cut(ops: list[tuple[str, list[Token], list[Token]]]) -> Token | None:
    """The source's first word of a span past its elided function word (`ELIDED_OPENERS`) when
    that rest is the quote's first word, and so the span's true first word: "aucun pays n'a
    reconnu l'annexion" for "Le ministre a déclaré qu'aucun pays n'a reconnu l'annexion" opens
    after "qu'", where a compiler cuts it, and is no changed word "qu'aucun → aucun".  None when
    the span opens otherwise (the quote's "n'a" is "n'" and "a" already; "a" for "n'a" is no cut)."""
    if not ops or ops[0][0] != "change" or len(ops[0][1]) != 1 or len(ops[0][2]) != 1:
        return None
    old, new = ops[0][1][0], ops[0][2][0]
    at = old.key.find("'") + 1
    if not at or old.key[:at] not in ELIDED_OPENERS or old.key[at:] != new.key:
        return None
    mark = next((i for i, c in enumerate(old.text) if c in _APOSTROPHES), None)  # as written: "qu’", "QU'"
    if mark is None:  # a key whose apostrophe NFKC made of another letter ("lŉ"): no elision as written
        return None
    return Token(old.text[mark + 1 :], old.start + mark + 1, old.end, old.kind, old.key[at:])


def _sign_for_last_words(ops: list[tuple[str, list[Token], list[Token]]], tokens: list[Token]) -> bool:
    """Whether the quote's last words are the words for "%" (PER_CENT) where the source writes the
    sign after the number they follow, and its words after that are the sentence the quote stops
    short of ("a rise of 40 per cent" for "a rise of 40% in March"): the span then ends at the
    number, the words facing the sign ("% → per cent", minor), not the source's next words
    ("in March → per cent", altered), as at a sentence's end ("40%.")."""
    if len(ops) < 2 or ops[-1][0] != "change" or ops[-2][0] != "equal" or not ops[-1][1]:
        return False
    if tuple(t.key for t in ops[-1][2]) not in PER_CENT:
        return False
    number = ops[-2][1][-1]
    at = next(i for i in range(len(tokens) - 1, -1, -1) if tokens[i] is number)
    return any(t.key == "%" for t in _signs_after(islice(tokens, at + 1, None)))


def _word_score(ops: list[tuple[str, list[Token], list[Token]]]) -> float:
    """0-100: matched words over the quote's and the span's words (word-level Dice),
    so cognates in a translation ("integridad"/"integrity") do not count; a word
    split by extraction ("politica l") counts as matched, as does a contraction for its words
    ("doesn't" for "does not": "He doesn't" is as found in "He does not accept" as "He does")."""
    matched = total = 0
    for tag, old, new in ops:
        total += len(old) + len(new)
        if tag == "equal":
            matched += len(old) + len(new)
            continue
        old_keys, new_keys = [t.key for t in old], [t.key for t in new]
        contracted = old and new and expand_contractions(old_keys) == expand_contractions(new_keys)
        if contracted or is_split_artefact(old_keys, new_keys):
            matched += len(old) + len(new)
    return 100.0 * matched / total if total else 0.0


_GAP_SHOWN = 12  # a gap of more words shows its first and last _GAP_EDGE words in the diff
_GAP_EDGE = 5


def _left_out_words(tokens: list[Token]) -> str:
    """A gap's words as written, for the diff: whole when short, else the first and the last
    _GAP_EDGE words around " … " (133 words left out would bury the quote's own)."""
    words = [t for t in tokens if t.kind == "word"]
    if len(words) <= _GAP_SHOWN:
        return written(tokens, words)
    return f"{written(tokens, words[:_GAP_EDGE])} … {written(tokens, words[-_GAP_EDGE:])}"


def _diff(segments: list[Segment], left_out: list[list[Token]] = ()) -> list[tuple[str, str]]:
    """(op, words) pairs from source to quote, equal runs merged, each side's words as it
    writes them (`Segment.written`); the words an ellipsis leaves out are a "delete" between
    the segments around it (before the first for an opening ellipsis's, `with_opening_gap`; every
    output shows a delete: the check's table, the reports)."""
    diff: list[tuple[str, str]] = []
    gaps = [tokens for tokens in left_out if tokens]
    gap_at = -1  # the index of the last gap's "delete": a change's deleted words stay apart from it

    def add(op: str, words: str) -> None:
        if not words:
            return
        if diff and diff[-1][0] == op and (op == "equal" or len(diff) - 1 != gap_at):
            diff[-1] = (op, diff[-1][1] + " " + words)
        else:
            diff.append((op, words))

    for segment in segments:
        if segment.span and gaps and gaps[0][-1].end <= segment.start:  # an opening ellipsis's gap, before it
            diff.append(("delete", _left_out_words(gaps.pop(0))))
            gap_at = len(diff) - 1
        for index, (tag, _old, _new) in enumerate(segment.ops):
            old, new = segment.written(index)
            if tag == "equal":
                add("equal", new)
            else:
                add("delete", old)
                add("insert", new)
        if segment.span and gaps and gaps[0][0].start >= segment.end:  # the gap after this segment
            diff.append(("delete", _left_out_words(gaps.pop(0))))
            gap_at = len(diff) - 1
    return diff


# How many of the equal words before and after a change (one side's: the source's or the
# quote's) it takes in: `reach(words before, changed words, words after)` -> (before, after).
Reach = Callable[[list[Token], list[Token], list[Token]], tuple[int, int]]


def regrouped(alignment: Alignment, reach: Reach) -> Alignment:
    """The alignment with each change widened over the equal words next to it that `reach`
    asks for on either side, so that its diff and its changes show whole words where letters
    are compared (crawler/verdicts/unspaced.py asks for the rest of a negation a change cuts: ม่ → ม้
    is ไม่ → ไม้ once the ไ they share joins it).  The score stays the aligner's: the same
    words matched."""
    segments = [replace(s, ops=_widened(s.ops, reach)) for s in alignment.segments]
    return replace(alignment, segments=segments, diff=_diff(segments, alignment.left_out))


Ops = list[tuple[str, list[Token], list[Token]]]  # (equal|change, source words, quote words)


def _widened(ops: Ops, reach: Reach) -> Ops:
    """`ops` with each change widened as `reach` asks (see `regrouped`): an equal run a
    change takes whole goes, and the changes on either side of it become one."""
    out: Ops = []
    taken = 0  # words of this equal run that the change before it took
    for index, (tag, old, new) in enumerate(ops):
        if tag == "equal":
            if old[taken:]:
                out.append((tag, old[taken:], new[taken:]))
            taken = 0
            continue
        before = out[-1] if out and out[-1][0] == "equal" else ("equal", [], [])
        after = ops[index + 1] if index + 1 < len(ops) else ("equal", [], [])
        left, taken = (max(a, b) for a, b in zip(reach(before[1], old, after[1]), reach(before[2], new, after[2])))
        if left:
            out[-1] = ("equal", before[1][:-left], before[2][:-left])
            old, new = before[1][-left:] + old, before[2][-left:] + new
        old, new = old + after[1][:taken], new + after[2][:taken]
        if out and out[-1][0] == "equal" and not out[-1][1]:
            out.pop()
        if out and out[-1][0] == "change":
            _tag, prior_old, prior_new = out.pop()
            old, new = prior_old + old, prior_new + new
        out.append(("change", old, new))
    return out


def align(quote: str, text: str, *, windowed: bool = True, hides: Callable[[int, int], bool] | None = None,
          hides_after: Callable[[int], bool] | None = None, hides_before: Callable[[int], bool] | None = None,
          ) -> Alignment:
    """The best match of `quote` in `text`: score, span, matched text and word diff.

    `windowed=False` skips rapidfuzz's window search and matches against the whole
    text with difflib: the benchmark's baseline, same answers, far slower.
    `hides(start, end)`: whether an ellipsis standing for text[start:end] would hide words
    that carry meaning or cross a clause's end (crawler/verdicts/gaps.py's rule); of places that
    match as well, those where none does are taken, so that "The Ministry does … recognize" is
    the text's "does formally recognize", whichever of it and a "does not recognize" comes
    first, and not "does" in one sentence and "recognize" in the next.
    `hides_after(end)`: whether a closing ellipsis (`ends_at_ellipsis`) standing for what follows
    character `end`, where the quote's last span ends, would hide a negation (crawler/verdicts/gaps.py
    reads no other word there): "The Ministry does …" is the
    text's "does recognize", not its "does not recognize", whichever comes first; the caller
    may pass it for a quote that ends with no ellipsis too, whose silent cut it reads for the
    same negation ("The Ministry does" and "The Ministry does." alike), and passes None where
    nothing is weighed there (a quote of one segment then takes its first best place, the
    fast path).  Given either, even two places side by side are aligned apart
    (`_candidates`' `every_place`).
    `hides_before(start)`: the same for an opening ellipsis (`starts_at_ellipsis`) standing for
    what comes before character `start`, where the quote's first span starts: "… recognize the
    annexation" is the text's "France recognizes", not its "France does not recognize".
    Raises ValueError when the quote has no words (nothing to look for).
    """
    quote_tokens = tokenize(quote)
    segments_tokens = _segments(quote_tokens)
    if not segments_tokens:
        raise ValueError(f"quote {quote[:40]!r} has no words to look for")
    opening = hides_before if hides_before is not None and starts_at_ellipsis(quote_tokens) else None
    segments, misplaced, elsewhere = _chosen(segments_tokens, _Haystack(text, windowed), hides, hides_after, opening)
    found = [s for s in segments if s.span]
    score = _word_score([op for s in segments for op in s.ops])
    if not found:
        return Alignment(score, None, None, "", _diff(segments), segments)
    start, end = found[0].start, found[-1].end
    gaps, left_out = [], []
    for left, right in zip(found, found[1:]):
        tokens = tokenize(text, left.end, right.start)
        n_words = words_as_written(tokens)
        if n_words:
            gaps.append((left.end, right.start, n_words))
            left_out.append(tokens)
    return Alignment(score, start, end, text[start:end], _diff(segments, left_out), segments, gaps, left_out,
                     misplaced, elsewhere)


# The marks that end a sentence, as written and as token keys (NFKC writes ！？． as !?.; ｡ as
# 。): one list for the aligner and for the soft-404 reader of a page's sentences (classify).
SENTENCE_STOPS = frozenset(".!?。！？؟।۔")
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")  # no sentence runs on across it
_TAIL_CHARS = 120  # characters of the text read past the span for the words a quote's stop left out


def closes_sentence(tokens: list[Token]) -> bool:
    """Whether a quote's tokens end with a sentence's stop after their last word (closing
    quote glyphs or brackets may follow it: 'does not."')."""
    return any(t.kind == "punct" and t.key in SENTENCE_STOPS for t in tokens[_last_word(tokens) + 1:])


def ends_at_ellipsis(tokens: list[Token]) -> bool:
    """Whether a quote's tokens end with an ellipsis after their last word (closing quote glyphs
    may follow it: 'does …"'): the quote cuts the source's sentence short there."""
    return any(t.kind == "ellipsis" for t in tokens[_last_word(tokens) + 1:])


def _last_word(tokens: list[Token]) -> int:
    """The index of the tokens' last word, len(tokens) when none: looked for from the end, as the
    closing marks after it are (a quote's whole token list is not walked for its last few)."""
    return next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].kind == "word"), len(tokens))


def starts_at_ellipsis(tokens: list[Token]) -> bool:
    """Whether a quote's tokens open with an ellipsis before their first word (opening quote glyphs
    may stand before it: '"… recognize'): the quote starts in the source's sentence after its start."""
    first_word = next((i for i, t in enumerate(tokens) if t.kind == "word"), len(tokens))
    return any(t.kind == "ellipsis" for t in tokens[:first_word])


def left_before_stop(alignment: Alignment, text: str, words: int, letters: int) -> list[Token]:
    """The source's words between the quote's span and the stop that ends the source's
    sentence, when the quote closes its own sentence with a stop there and they are few:
    at most `words` words of a script written with spaces and `letters` letters of one
    without, none of them after a punctuation mark.  The span ends at the quote's last
    word, so "The Ministry does." matches "The Ministry does not." up to "does", and the
    quote's stop stands for the source's, with "not" between them never compared.  A
    comma or a longer clause after the span is a sentence cut short by the compiler ("We
    condemn the attack." out of "…the attack, which killed five."), not words dropped:
    []; so too when the source goes on past `_TAIL_CHARS` or a paragraph ends first."""
    last = alignment.segments[-1] if alignment.segments else None
    if last is None or not last.span or not closes_sentence(last.quote):
        return []
    limit = min(len(text), last.end + _TAIL_CHARS)
    tail, previous = [], last.end
    for token in iter_tokens(text, last.end, limit):
        if PARAGRAPH_BREAK.search(text, previous, token.start):
            break
        if token.kind != "word":
            return tail if token.key in SENTENCE_STOPS else []
        tail.append(token)
        unspaced = sum(t.unspaced for t in tail)
        if len(tail) - unspaced > words or unspaced > letters:
            return []
        previous = token.end
    return tail if limit == len(text) or PARAGRAPH_BREAK.search(text, previous, limit) else []


def with_left_out(alignment: Alignment, left_out: list[Token], text: str) -> Alignment:
    """The alignment with the source's words `left_out` after its last span (those of
    `left_before_stop`) as a change the quote made, the span taken on over them: the diff
    and the evidence show them as dropped."""
    last = alignment.segments[-1]
    ops = list(last.ops)
    if ops and ops[-1][0] == "change":
        _tag, old, new = ops.pop()
        ops.append(("change", old + left_out, new))
    else:
        ops.append(("change", left_out, []))
    span = last.span + tokenize(text, last.end, left_out[-1].end)
    after = _signs_after(iter_tokens(text, left_out[-1].end))
    segments = [*alignment.segments[:-1], replace(last, span=span, ops=ops, score=_word_score(ops), after=after)]
    end = left_out[-1].end
    return replace(alignment, score=_word_score([op for s in segments for op in s.ops]), end=end,
                   matched=text[alignment.start:end], diff=_diff(segments, alignment.left_out), segments=segments)


def with_closing_gap(alignment: Alignment, text: str, end: int) -> Alignment:
    """The alignment with the source's words from its last span's end to `end` as one gap more
    (`gaps`, `left_out`): those a quote's closing ellipsis stands for ("The Ministry does …" for
    "… does not recognize"), which the diff then shows deleted where that ellipsis stands, as it
    does the words between two segments.  Only the words crawler/verdicts/gaps.py reads for meaning
    there: the rest of the page is no more the quote's after an ellipsis than after its end."""
    start = alignment.segments[-1].end
    tokens = tokenize(text, start, end)
    gaps = [*alignment.gaps, (start, end, words_as_written(tokens))]
    left_out = [*alignment.left_out, tokens]
    return replace(alignment, gaps=gaps, left_out=left_out, diff=_diff(alignment.segments, left_out))


def with_opening_gap(alignment: Alignment, text: str, start: int) -> Alignment:
    """The alignment with the source's words from `start` to its first span's start as one gap
    more, the first (`gaps`, `left_out`): those a quote's opening ellipsis stands for ("…
    recognize the annexation" for "France does not recognize the annexation"), shown deleted
    where that ellipsis stands, as `with_closing_gap` does for a closing one.  Only the words
    crawler/verdicts/gaps.py reads for meaning there."""
    end = next(s for s in alignment.segments if s.span).start
    tokens = tokenize(text, start, end)
    gaps = [(start, end, words_as_written(tokens)), *alignment.gaps]
    left_out = [tokens, *alignment.left_out]
    return replace(alignment, gaps=gaps, left_out=left_out, diff=_diff(alignment.segments, left_out))
