"""Numbers and their units: a number the quote writes as the text does but in another unit, or with
a unit on one side only ("40%" for "40", "€40" for "40": `_unit_changes`, a changed number, or
"“%” left out at an ellipsis"); a range that writes its unit once ("from 30 to 40%": `_range_unit`)
and a number of what the word before it names ("Article 5": `_NUMBERED`); and the text's words for
"%" after the quote's last number, which the alignment never compared (`_per_cent_past_span`).
The alignment compares digits only, "%" being punctuation to it.  It imports none of the
package's modules; judgment.py reads it.
"""

from __future__ import annotations

import re
import unicodedata

from crawler.align import PER_CENT, WORD_SYMBOLS, Alignment, Change, Token, tokenize


def _per_cent_past_span(alignment: Alignment, text: str, quote: str) -> list[Token]:
    """The source's words for "%" (PER_CENT) right after its number that ends the quote, where the
    quote writes the sign ("a rise of 40%" for "a rise of 40 per cent."): the span ends at the
    quote's last word, so those words were never compared and the quote was verbatim, where
    "40% in March" for "40 per cent in March" is minor ("per cent → %", `_per_cent_for_sign`).
    Taken in as a change the quote made (crawler/align.py `with_left_out`), they are judged as
    there.  [] when the quote's last word is not the text's number, or either side writes "%"
    otherwise (no unit: `_unit_changes` names it)."""
    last = alignment.segments[-1] if alignment.segments else None
    if last is None or not last.span or last.ops[-1][0] != "equal":
        return []
    number, quoted = last.ops[-1][1][-1], last.ops[-1][2][-1]
    if not _number(number) or _own_unit(quoted, quote) != ("%", False) or _own_unit(number, text) != ("%", True):
        return []
    after = [t for t in tokenize(text, number.end, min(len(text), number.end + _UNIT_CHARS)) if t.key not in _HYPHENS]
    return after[: _per_cent_at(after, 0)]


def _per_cent_at(tokens: list[Token], i: int) -> int:
    """How many tokens from tokens[i] on are the words for "%" (PER_CENT), 0 when they are not."""
    keys = []
    for token in tokens[i : i + 2]:
        if token.kind != "word":
            break
        keys.append(token.key)
        if tuple(keys) in PER_CENT:
            return len(keys)
    return 0


# The signs a number is counted in (WORD_SYMBOLS but "&", "§"): "40%" is no "40", "€5" no "5".
_UNITS = WORD_SYMBOLS - {"&", "\u00a7"}
_UNIT_CHARS = 20  # characters read after a number for its unit ("процентов", "per cento")
# Where `_unit` may find one, in NFKC (％ is %): a sign, or a word for "%" (PER_CENT).
_MAY_HOLD_UNIT = re.compile("[%s]|%s" % ("".join(map(re.escape, sorted(_UNITS))),
                                          "|".join(sorted({w[0] for w in PER_CENT}))), re.IGNORECASE)


def _unit(token: Token, written: str) -> tuple[str, bool]:
    """The unit of the number `token` in `written` (the text or the quote), and whether it is
    written in words (`_own_unit`); for a number with none, the unit of a range's other number
    that its range writes once (`_range_unit`: "from 30 to 40%", "between €30 and 40"); "" for
    none."""
    near = written[max(0, token.start - _RANGE_CHARS) : token.end + _RANGE_CHARS]
    if not _MAY_HOLD_UNIT.search(unicodedata.normalize("NFKC", near)):  # most numbers: no unit, nothing to cut
        return "", False
    return _own_unit(token, written) or _range_unit(token, written) or ("", False)


def _own_unit(token: Token, written: str) -> tuple[str, bool] | None:
    """The unit written beside the number `token`: the sign just after it ("40%", "40 %", "5°"),
    the words for "%" after it (`_per_cent_at`: "40 per cent", "a 5-percent rise" read past its
    hyphens), or a sign that stands before a number just before it (`_BEFORE_NUMBER`: "€5", "$
    5"; not the "%" of the number before: "3% 12 months ago"); None for none."""
    after = tokenize(written, token.end, min(len(written), token.end + _UNIT_CHARS))
    if after and _sign_beside(after[0], written[token.end : after[0].start]):
        return after[0].key, False
    if _per_cent_at([t for t in after if t.key not in _HYPHENS], 0):
        return "%", True
    before = tokenize(written, max(0, token.start - 3), token.start)
    if (before and before[-1].key in _BEFORE_NUMBER
            and _sign_beside(before[-1], written[before[-1].end : token.start])):
        return before[-1].key, False
    return None


# The signs that stand before a number ("€5", "+5"); "%", "‰", "°" stand after one.
_BEFORE_NUMBER = frozenset("$\u20ac\u00a3\u00a5+")
_HYPHENS = frozenset("-\u2010\u2011")
# Words and dashes that join the two numbers of a range ("30 to 40%", "between 30 and 40 per cent",
# "40-45%"), each with the words one of which must stand right before the range's first number
# (None: none needed): "and" joins a range only after "between" ("Article 5 and 40% of members"
# is no range), Spanish "a" only after "de" (English "a" is an article: "In 2020 a 12% rise").
# Not "or": "5 or 40%" is no range one can tell.
_RANGE_JOINS: dict[str, frozenset[str] | None] = {
    "to": None, "bis": None, "à": None, "-": None, "\u2010": None, "\u2011": None, "\u2013": None, "\u2014": None,
    "and": frozenset({"between"}), "et": frozenset({"entre"}), "y": frozenset({"entre"}),
    "e": frozenset({"entre", "tra", "fra"}), "und": frozenset({"zwischen"}), "a": frozenset({"de", "desde"})}
_RANGE_CHARS = 40  # characters read beside a number for its range's other number and that one's unit
# Words that name what the number after them numbers ("Article 5", "paragraphe 3", "Resolution
# 2334"), in the languages of the letters' statements: that number is no end of a range (`_in_range`).
_NUMBERED = frozenset(
    "article articles art paragraph paragraphs para section sections chapter chapters annex rule item resolution "
    "paragraphe paragraphes alinéa chapitre annexe résolution numéro "
    "artículo artículos párrafo apartado capítulo anexo resolución número artigo artigos parágrafo resolução "
    "articolo articoli paragrafo capitolo allegato risoluzione artikel absatz abschnitt kapitel anhang ziffer "
    "nr статья статьи статье пункт пункта раздел глава резолюция резолюции".split())
_YEARS = range(1000, 2101)  # a number of four digits in these is read as a year (`_range_kind`)


def _range_unit(token: Token, written: str) -> tuple[str, bool] | None:
    """The unit a range writes once, for its number `token` written without one: the one after
    the next number ("from 30 to 40%", "30 to 40 per cent", "40-45%") or, a sign written before
    a number, the one before the number before ("between €30 and 40").  "30 to 40%" is "30% to
    40%" said shorter, no other number.  Only two numbers of one kind joined right after the
    first (`_in_range`): "in 2020 to 12%", "45% in 2020 and 30% in 2021", "Article 5 and 40%"
    give the year or the article no "%"."""
    after = tokenize(written, token.end, min(len(written), token.end + _RANGE_CHARS))
    if len(after) > 1 and _number(after[1]) and _in_range(token, after[0], after[1], written):
        unit = _own_unit(after[1], written)
        if unit and unit[0] not in _BEFORE_NUMBER:
            return unit
    before = tokenize(written, max(0, token.start - _RANGE_CHARS), token.start)
    if len(before) > 1 and _number(before[-2]) and _in_range(before[-2], before[-1], token, written):
        unit = _own_unit(before[-2], written)
        if unit and unit[0] in _BEFORE_NUMBER:
            return unit
    return None


def _in_range(first: Token, join: Token, second: Token, written: str) -> bool:
    """Whether the numbers `first` and `second`, `join` between them, are the two ends of one
    range: a word or dash of `_RANGE_JOINS`, after the word it asks for before `first` ("between
    30 and 40", a sign read past: "between €30 and 40"), and both numbers of one kind
    (`_range_kind`: "in 2015 – 80%" joins a year to a share); and `first` not the number of
    what the word before it names (`_NUMBERED`: "l'article 5 à 40 % des voix", "Article 5 to
    40%": the article gets no "%", and a quote cut after "l'article 5" changes no number)."""
    if join.key not in _RANGE_JOINS or _range_kind(first) != _range_kind(second):
        return False
    before = tokenize(written, max(0, first.start - _RANGE_CHARS), first.start)
    words = [t for t in before if t.key not in _BEFORE_NUMBER]
    if _numbered(words):
        return False
    openers = _RANGE_JOINS[join.key]
    return openers is None or bool(words) and words[-1].key in openers


def _numbered(words: list[Token]) -> bool:
    """Whether the last of `words` (those before a number) names what the number numbers
    (`_NUMBERED`): "l'article 5" (the article elided), or its abbreviation's stop glued to it,
    "Art. 5 à 40 %", "Nr. 5": the article gets no "%", and "Art. 5" for "Art. 5 à 40 %" changes
    no number."""
    if len(words) > 1 and words[-1].key == "." and words[-1].start == words[-2].end:
        words = words[:-1]
    return bool(words) and words[-1].key.rsplit("'", 1)[-1] in _NUMBERED


def _range_kind(number: Token) -> str:
    """"year" for a number of four digits in `_YEARS`, else "number": a range joins two of a kind."""
    return "year" if len(number.key) == 4 and number.key.isdecimal() and int(number.key) in _YEARS else "number"


def _number(token: Token) -> bool:
    """Whether a token is a number written in digits ("40", "2334"; not "P5", a word)."""
    return token.key.isdigit()


def _sign_beside(token: Token, between: str) -> bool:
    """Whether `token` is a unit's sign (`_UNITS`) with only spaces `between` it and its number."""
    return token.kind == "punct" and token.key in _UNITS and not between.strip()


def _unit_changes(alignment: Alignment, text: str, quote: str) -> list[tuple[Change, bool]]:
    """The numbers the quote writes as the text does in another unit, or with one where the text
    has none (`_unit`): "40%" for "40", "40 per cent" for "€40" is another number, though its
    digits match.  Each a change of the number as its side writes it ("40 → 40%"), and whether
    the quote's ellipsis right after its number is what leaves the unit out (`_unit_at_ellipsis`:
    "à 47 … commission" for "à 47 %, selon la commission": the reason says "“%” left out at an
    ellipsis", not a changed word; still altered, as a number an ellipsis leaves out is).  Not
    words for "%" facing no unit ("40 per cent" for "40"): they are a change of their own already,
    unless they stand past the quote's last word, where no change shows them: "Turnout was 40" for
    "Turnout was 40 per cent" is altered, as it is for "Turnout was 40%"."""
    changes = []
    for segment in alignment.segments:
        for tag, old, new in segment.ops:
            for o, n in zip(old, new) if tag == "equal" else ():
                if not o.key.isalpha() and any(c.isdigit() for c in o.key):  # isalpha: most words, at C speed
                    (old_unit, old_words), (new_unit, new_words) = _unit(o, text), _unit(n, quote)
                    if new_unit and not old_unit and _range_read_at_edge(n, quote):
                        new_unit, new_words = old_unit, old_words
                    shown = old_words and not new_unit and _word_after(o, segment.span) or new_words and not old_unit
                    if old_unit != new_unit and not shown:
                        change = Change([o], [n], _with_unit(o.text, old_unit), _with_unit(n.text, new_unit))
                        cut = not new_unit and old_unit not in _BEFORE_NUMBER and _unit_at_ellipsis(n, quote)
                        changes.append((change, cut))
    return changes


def _range_read_at_edge(number: Token, quote: str) -> bool:
    """Whether the quote's `number` takes its unit only from a range it opens ("5 à 40 %",
    `_range_unit`) where the quote holds no word before it: whether it is a range's end or what
    the word before names ("l'article 5 à 40 %", `_NUMBERED`) is said by the words the quote cut
    off, so its unit is read from the text's, which the quote's words do not change."""
    if _own_unit(number, quote) is not None:
        return False
    return not any(t.kind == "word" for t in tokenize(quote, 0, number.start))


def _unit_at_ellipsis(number: Token, quote: str) -> bool:
    """Whether the quote's next token after its `number` is an ellipsis ("à 47 … commission",
    "lag bei 48 …"): the unit the text writes there is left out at it."""
    after = tokenize(quote, number.end, min(len(quote), number.end + _UNIT_CHARS))
    return bool(after) and after[0].kind == "ellipsis"


def _word_after(token: Token, span: list[Token]) -> bool:
    """Whether the matched `span` holds a word after `token` (its words for "%" are in it)."""
    return any(t.kind == "word" and t.start > token.start for t in span)


def _with_unit(number: str, unit: str) -> str:
    """A number with its unit as a reason names it: "40%", "€40", "40 per cent" read as "40%"."""
    return unit + number if unit in _CURRENCIES else number + unit


_CURRENCIES = frozenset("$\u20ac\u00a3\u00a5")
