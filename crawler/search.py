"""Full-text search over every stored text: which source says these words, and when?

Every text the stages store (a live page, a memento, a local file, a post) is indexed by
SQLite's FTS5 as it is written (db/migrations.py).  A fact-checker holding a quote that cites
nothing, or cites the wrong page, asks the database where the words are; `search` answers
with the texts that hold them, best first (FTS5's bm25 rank), each with its source, where the
text came from and a snippet around the words.

Only texts that stand for their page are searched (reconcile's `USABLE_TEXT`): a memento
whose capture turned out to be another page (redirected home, off-date) is not the source.

Russian ё and е are one letter to the search, as to Russian search engines: the index holds
each text with ё written е (migration m014_search_fold_yo) and the query is folded alike, in
every mode, so "признает" finds "признаёт" and back (an ё written as е and a combining
diaeresis is е to FTS5's tokenizer already).  The snippet shows the text as it was
written, with its ё.  No other letter is folded: й is not и, Ukrainian ї is not і.

Chinese, Japanese, Thai (scripts written without spaces) are searched by their letters in a
second index, of trigrams (migration m016_search_unspaced_scripts, `_unspaced`), where
unicode61 reads a run of them up to the next punctuation as one word; a Latin word glued to
them ("Karabakh地区") is looked for there too (`_glued`).  Korean joins them (its particles are
glued to its nouns: 외교부는), with Tibetan and CJK extension B on (migration m018).

Width forms are one with the letters NFKC makes of them (`narrowed`): ＣＯＶＩＤ is COVID and
ｶﾞｿﾘﾝ is ガソリン, in the query and in the texts.  The indexes hold the texts as written; the
query is narrowed, then each word looked for in both widths (`spellings`) and in the widths
texts_fts holds it in, both at once too (ＣＯＶＩＤ19, Ｃｏｖｉｄ１9; ＣＯＶＩＤ-19, a phrase of
two words: `_other_widths`); in `--fts`, each word and "string" of the expression alike,
read as FTS5 reads it, its implicit AND and its errors too (`_fts_either`).  Glued to letters
of a script without spaces (ＣＯＶＩＤ19の: no word of texts_fts), a word is found by its
trigrams in any mix of widths (`_trigram_either`).  Where no text writes a width form
(`_widths_held`, read once a search), the query is only narrowed: nothing else to find.

One hit per reading: the same text read at the same place (its `text_url`, else the source's
url) from the same origin and memento is stored once per source that stands for it, a post
under its account's source and under its own status source.  It is listed once, under the
source of its best-ranked copy (lowest text id on a tie); `other_source_ids` and `other_urls`
name the other sources, best-ranked first (CSV: space-separated; JSON: lists).  The same
text read at two places, or in two mementos, stays two hits: each says where and when.

When: `read_at` (`dated`), and `superseded` for a live page's earlier reading, as reconcile
reads them (READ_LAST, `superseded`): a page read since and found saying otherwise is no
longer the live page, and a quote it has dropped must not be listed as live.  A reading stored
under several sources (one page cited by two URLs) is the page read under any of them, so the
one read last under either speaks for it (`_as_read`); reconcile, which checks a citation,
reads its own source's readings alone.
"""

from __future__ import annotations

import contextvars
import itertools
import json
import re
import sqlite3
import unicodedata

import db as database
from crawler.export import formats
from crawler.reconcile import READ_AT, READ_LAST, USABLE_TEXT, superseded
from crawler.report_data import memento_date, utc_minute
from db.migrations import UNSPACED_RANGES, folded

# How the query is read.  words: every word, in any order (each one quoted, so AND, OR,
# NOT, *, : and quotes in a pasted quote are words, not FTS5 syntax); phrase: the words in
# this order; fts: FTS5's own query syntax, for those who know it.
MODES = ("words", "phrase", "fts")
# url: the source's (what the document cites); text_url: where the text itself was read (the
# memento, the post: a cited account's posts share its url and differ in this one).
# other_source_ids, other_urls: the other sources the same reading is stored under (module
# docstring), in the same order.  read_at: when the words were read as they stand (`dated`);
# superseded: true for an earlier reading of a live page read otherwise since.  date: the
# text's own (a page's publication date), when it gives one.
FIELDS = ("text_id", "source_id", "url", "other_source_ids", "other_urls", "text_url", "origin", "memento_timestamp",
          "read_at", "superseded", "date", "title", "snippet")
# The CSV's columns: FIELDS, then the memento's time as ISO 8601 (`memento_date`: a
# spreadsheet turns 14 digits into a number), at the end, where a new column goes.
CSV_FIELDS = (*FIELDS, "memento_date")
# The matched words in a snippet, as FTS5 marks them; the terminal styles them, files show
# them in Markdown's bold.
START, END = "\x02", "\x03"
SNIPPET_WORDS = 16
# What words in context taken from a text's title begin with: the title alone holds the match, and
# a reader must not look for the words in the page's text (`_with_snippets`, `_in_context`).
IN_TITLE = "(title) "
CONTEXT_CHARS = 30          # letters either side of the first word found, in a script without spaces
# A reading's columns, from texts joined to its source (readings() keys one by them).
_READING = ("texts.id as text_id, texts.source_id, coalesce(sources.url, texts.url) as url, texts.url as text_url, "
            "texts.origin, texts.memento_timestamp, texts.date, texts.title, texts.sha256, texts.created_at")
_WITH_SOURCE = "join sources on sources.id = texts.source_id"
SHOWN_CHARS = 60            # a query echoed in a title or an error: a pasted page is cut to this


def _width_forms() -> dict[str, str]:
    """Each width form and the letter NFKC makes of it: fullwidth Latin letters and digits
    (ＣＯＶＩＤ－１９, common on Japanese and Chinese pages) and halfwidth katakana, a voiced one
    with its mark as one letter (ｶﾞ: ガ).  A mark alone is left as written: NFKC makes it a
    combining mark, which unicode61 reads as a space."""
    forms = [chr(code) for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B),
                                    *range(0xFF66, 0xFF9E))]
    voiced = {form + mark: unicodedata.normalize("NFKC", form + mark) for form in forms for mark in "\uff9e\uff9f"}
    return {**{pair: letter for pair, letter in voiced.items() if len(letter) == 1},
            **{form: unicodedata.normalize("NFKC", form) for form in forms}}


NARROW = _width_forms()                                   # ｃ: c, ｶﾞ: ガ
WIDE = {letter: form for form, letter in NARROW.items()}  # c: ｃ, ガ: ｶﾞ (one form a letter)
_WIDTH_FORM = re.compile("|".join(sorted(NARROW, key=len, reverse=True)))  # ｶﾞ before ｶ


def _voicing() -> dict[str, str]:
    """Each halfwidth kana a voiced mark makes another letter of (ｶ in ｶﾞ is no カ), with a
    regex that it is not followed by such a mark."""
    marks: dict[str, str] = {}
    for kana, mark in (form for form in NARROW if len(form) == 2):
        marks[kana] = marks.get(kana, "") + mark
    return {kana: f"(?![{after}])" for kana, after in marks.items()}


_VOICED = _voicing()


def narrowed(query: str) -> str:
    """`query` with its width forms written as NFKC writes them (NARROW): ＣＯＶＩＤ as COVID.

    The texts are indexed as written, and the query then looks for each word in both widths
    (`spellings`): unicode61 and the trigram tokenizer fold the case of fullwidth letters
    as of ASCII ones, so "ＣＯＶＩＤ" finds ＣＯＶＩＤ, Ｃｏｖｉｄ…  Folding the indexes instead
    would take some 200 nested replace() in their triggers, past what SQLite's parser nests
    (about 35), or a Python SQL function in them, without which any other program's write to
    texts fails ("no such function").  A word written in both widths at once (ＣＯＶＩＤ19)
    is looked for as the texts write it (`_other_widths`)."""
    return _WIDTH_FORM.sub(lambda form: NARROW[form[0]], query)


def spellings(words: str) -> list[str]:
    """The ways `words` (narrowed) may be written in a text: as it is, and in width forms
    (ｃｏｖｉｄ, ｶﾞｿﾘﾝ) when it has letters that have them."""
    return list(dict.fromkeys((words, "".join(WIDE.get(letter, letter) for letter in words))))


# Unicode's Halfwidth and Fullwidth Forms, where every letter `WIDE` writes is; its fullwidth
# ASCII letters and digits, case folded as the indexes hold them.
_WIDTH_FORMS, _FULLWIDTH_ALNUM = ("\uff00", "\ufff0"), ("\uff10", "\uff5b")
# Whether the texts hold a width form (`_widths_held`), while a search reads them (`search`).
_WIDTHS_HELD: contextvars.ContextVar[bool | None] = contextvars.ContextVar("widths_held", default=None)
# The most spellings of a phrase looked for with its words in the widths the texts hold (`_variants`).
MIXED_PHRASES = 16


def _other_widths(db, word: str) -> list[str]:
    """The other ways texts_fts holds `word` (narrowed), as its index does (case folded): in
    width forms (ｃｏｖｉｄ), or in both widths at once (ｃｏｖｉｄ19, ｃｏｖｉｄ１9 for COVID19).

    The 2^n ways to write n letters are too many to look for; the index's vocabulary is read
    instead, letter by letter: a spelling begun in both widths is read on only where some word
    of the index begins so (texts_fts_places, migration m022), two lookups (15-80 µs) a letter.
    `_variants` asks only where some text writes a width form (`_widths_held`): in most
    databases none does, and reconcile looks up 8 words for each quote it does not find (2-3
    times as long with the lookups, on 3,000 texts)."""
    letters = word.lower()
    if not any(letter in WIDE for letter in letters):
        return []
    narrow, wide, begun = "", "", set()
    for letter in letters:
        forms = dict.fromkeys((letter, WIDE.get(letter, letter)))
        grown = {prefix + form for prefix in {*begun, narrow, wide} for form in forms}
        narrow, wide = narrow + letter, wide + WIDE.get(letter, letter)
        begun = {prefix for prefix in grown - {narrow, wide}
                 if _a_term(db, "term >= ? and term < ?", prefix, prefix + "\U0010ffff")}
    return sorted(prefix for prefix in {*begun, wide} - {narrow} if _a_term(db, "term = ?", prefix))


def _widths_held(db) -> bool:
    """Whether some text may write a word in another width than the narrow one: a word of
    texts_fts, or a trigram of texts_unspaced, begins with a width form (ＣＯＶＩＤ19, Ｇ7; any
    width form but a text's last two letters begins a trigram: iＰｈｏｎｅの).  Not told: a word
    begun narrow and ended wide (covｉｄ) in a text of spaced scripts alone, where no word of
    any text begins wide; pages mixing widths in a word (Chinese, Japanese) begin it wide.
    Read once a search (`search` sets _WIDTHS_HELD), not once a word."""
    held = _WIDTHS_HELD.get()
    if held is None:
        held = any(_a_term(db, "term >= ? and term < ?", *_WIDTH_FORMS, places=places)
                   for places in ("texts_fts_places", "texts_unspaced_places"))
    return held


def _a_term(db, where: str, *params: str, places: str = "texts_fts_places") -> bool:
    """Whether some term of the vocabulary `places` meets `where`: texts_fts_places (m022)
    holds texts_fts's words, texts_unspaced_places (m021) texts_unspaced's trigrams, each in
    order, so a term or a range of them is one lookup."""
    return db.execute(f"select exists (select 1 from {places} where {where})", params).fetchone()[0] == 1


def _variants(db, words: str) -> list[str]:
    """The ways `words` (narrowed) may be written in a text: its `spellings`, then, up to
    MIXED_PHRASES, each of its words as it is or in another width a text writes it in
    (`_other_widths`): ＣＯＶＩＤ-19 is a phrase of two words, each in its own width.  Where
    no text writes a width form (`_widths_held`), `words` alone: the expression is the one
    given, and FTS5's snippets, which read each of its phrases, take no longer."""
    if not _widths_held(db):
        return [words]
    parts = re.split(r"([^\W_]+)", words)   # the words at odd places, what parts them at even ones
    held = {word: _other_widths(db, word) for word in dict.fromkeys(parts[1::2])}   # a pasted page repeats them
    choices = [[part, *held[part]] if at % 2 else [part] for at, part in enumerate(parts)]
    spelt = itertools.islice(itertools.product(*choices), MIXED_PHRASES)
    return list(dict.fromkeys((*spellings(words), *map("".join, spelt))))


def _either(db, words: str, prefix: str = "", written: str | None = None) -> str:
    """An FTS5 MATCH expression for `words` (narrowed) as a phrase, in any of its spellings
    (`_variants`) and as `written` (the query's own, which they may lack: ＣＯＶＩＤ19の感染 is
    in no word of texts_fts); `prefix` "*" makes each one a prefix."""
    spelt = dict.fromkeys((written or words, *_variants(db, words)))
    quoted = ['"' + spelling.replace('"', '""') + '"' + prefix for spelling in spelt]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


# An FTS5 expression's pieces as FTS5 reads them: a string ("" a quote inside it; one left open
# is FTS5's error to tell), a bareword (ASCII letters, digits, _ and \x1a, and any other
# character), spaces, or one character of its syntax.
_BAREWORD = "[0-9A-Za-z_\x1a\x80-\U0010ffff]+"
_STRING = '"(?:[^"]|"")*"'
_FTS_PIECE = re.compile(f'{_STRING}|"(?:[^"]|"")*|{_BAREWORD}|\\s+|.', re.S)
_OPERATORS = ("AND", "OR", "NOT")
# What a piece does to the operand FTS5 reads before it: opens one (FTS5's implicit AND joins
# phrases, not groups, so an AND is written before it when one ended), is one, ends the one
# opened ("("), parts two (AND, OR, NOT, or a "(" after one), joins two into one (+, :), or
# leaves it as it was (spaces, a prefix's *).
_OPENS, _IS, _ENDS, _PARTS, _JOINS, _KEEPS = "opens", "is", "ends", "parts", "joins", "keeps"


def _fts_either(db, query: str) -> str:
    """An `--fts` expression with each word and "string" looked for in any of its spellings
    (`_either`: ＣＯＶＩＤ19 as COVID19, ＣＯＶＩＤ１９ or as a text mixes them), the rest as
    given.  FTS5 has no OR inside a phrase: a word of a NEAR group, of a phrase joined by +
    or after ^ stays as given, and the whole expression is then looked for `narrowed` too.

    FTS5 ANDs phrases written side by side before any operator (`a NOT b c` is a NOT (b c)),
    but not the groups `_either` writes: the AND it is given instead is put in parentheses
    with the run of phrases it joins, or NOT would take b alone.  The expression is read by
    FTS5 as given first (`_fts_read`), so one it cannot read says so as it did; where no text
    writes a width form (`_widths_held`), it is only narrowed."""
    _fts_read(db, query)
    if not _widths_held(db):
        return narrowed(query)
    pieces, written, bare, at = _FTS_PIECE.findall(query), [], False, 0
    ended, operand, run = False, 0, False       # operand: where in `written` the last operand began
    while at < len(pieces):
        end, piece, role, spelt = _fts_piece(db, pieces, at)
        if run and role in (_PARTS, _ENDS):
            written, run = [*written, ")"], False
        if ended and role in (_OPENS, _IS):     # FTS5's own AND, between phrases alone
            written, run = [*written[:operand], "(" * (not run), *written[operand:], " AND "], True
        written.append(piece)
        operand = len(written) if role == _PARTS else operand
        ended = {_OPENS: False, _PARTS: False, _JOINS: False, _IS: True, _ENDS: True}.get(role, ended)
        bare, at = bare or (not spelt and narrowed(piece) != piece), end
    expression = "".join(written) + ")" * run
    return f"({expression}) OR ({narrowed(expression)})" if bare else expression


def _fts_read(db, query: str) -> None:
    """Raise FTS5's own error for an `--fts` expression it cannot read, as given: the one
    `_fts_either` writes could read where this one does not ("(a OR b) c" with its ANDs)."""
    db.execute("select 1 from texts_fts where texts_fts match ? and rowid = 0", [database.fts_folded(query)]).fetchall()


def _fts_piece(db, pieces: list[str], at: int) -> tuple[int, str, str, bool]:
    """The piece of an FTS5 expression at `at` (`_FTS_PIECE`): where it ends, as it is written
    (a word or "string" in any of its spellings, a NEAR group whole), what it does to the
    operand before it (_OPENS…) and whether it was spelt so."""
    piece, following = pieces[at], _next_piece(pieces, at + 1)
    after = pieces[following] if following < len(pieces) else ""
    if piece.isspace() or piece == "*":
        return at + 1, piece, _KEEPS, False
    if piece == "NEAR" and after == "(" or piece == "{":
        end = _closing(pieces, at, "}" if piece == "{" else ")")
        return end, "".join(pieces[at:end]), _OPENS if piece == "{" else _IS, False
    if piece in ("(", "-", "^", ")") or piece in _OPERATORS:
        return at + 1, piece, {"-": _OPENS, "^": _OPENS, ")": _ENDS}.get(piece, _PARTS), False
    if not re.fullmatch(f"{_STRING}|{_BAREWORD}", piece):
        return at + 1, piece, _JOINS, False
    if after == ":":                                    # a column's name
        return at + 1, piece, _OPENS, False
    before = _next_piece(pieces, at - 1, -1)
    if after == "+" or before >= 0 and pieces[before] in ("+", "^"):
        return at + 1, piece, _IS, False                # in a phrase FTS5 joins: no group
    words = piece[1:-1].replace('""', '"') if piece[0] == '"' else piece
    star = after == "*"
    return following + 1 if star else at + 1, _either(db, narrowed(words), "*" * star, words), _IS, True


def _next_piece(pieces: list[str], at: int, step: int = 1) -> int:
    """The place of the first piece from `at` on (back, with `step` -1) that is not spaces:
    past either end when there is none."""
    while 0 <= at < len(pieces) and pieces[at].isspace():
        at += step
    return at


def _closing(pieces: list[str], at: int, close: str) -> int:
    """The place after the piece that closes the group opened at or after `at` ("(" or "{"),
    past the end when nothing does (FTS5's error to tell)."""
    depth = 0
    for place in range(at, len(pieces)):
        depth += (pieces[place] in "({") - (pieces[place] == close)
        if depth == 0 and pieces[place] == close:
            return place + 1
    return len(pieces)


class SearchError(ValueError):
    """A query FTS5 cannot read (only in `fts` mode), said in one line with the fix."""


def fts_query(db, query: str, mode: str) -> str:
    """The FTS5 MATCH expression for `query` (narrowed) read as `mode` (see MODES), its ё
    written е as the index holds the words, each word (the phrase) in any of its spellings
    (`_either`; a word a pasted page repeats is looked up once); an `fts` expression as given,
    `search` having spelt its words so already (`_fts_either`)."""
    query = database.fts_folded(query)
    if mode == "fts":
        return query
    if mode == "phrase":
        return _either(db, query)
    # a word of punctuation alone ("-") is a phrase of no word, which an AND finds nowhere
    words = [word for word in query.split() if any(c.isalnum() for c in word)]
    either = {word: _either(db, word) for word in dict.fromkeys(words)}
    return " AND ".join(either[word] for word in words)


# A group in parentheses followed by a term with no operator between (`(a OR b) c`).
_GROUP_THEN_TERM = re.compile(r"\)\s*(?!(?:AND|OR|NOT|NEAR)\b)[\w\"(]")


def _fts_fix(query: str) -> str:
    """The likeliest fix of an `--fts` expression FTS5 refused, where one shows: a group in
    parentheses takes an operator before the term after it (FTS5 reads `a b` as `a AND b`, but
    not `(a OR b) c`, the usual slip), which its own "syntax error near" does not say.  Only
    where a group is so followed: any ")" gave it to `void)` and to `(a OR b) AND`, which
    an AND does not mend."""
    return "write AND after a group in parentheses, as in `(a OR b) AND c`, or " if _GROUP_THEN_TERM.search(query) else ""


def search(db, query: str, mode: str = "words", limit: int = 20) -> list[dict]:
    """The stored texts that match `query`, best first: one dict per reading (module
    docstring), keyed by FIELDS."""
    if not query.strip():
        raise SearchError("the query is empty; give the words to look for")
    if mode != "fts" and not any(c.isalnum() for c in query):
        raise SearchError(f"{shown(query)!r} has no words, only punctuation; give the words to look for")
    held = _WIDTHS_HELD.set(_widths_held(db))
    try:
        query = unicodedata.normalize("NFC", query)   # a query pasted from a PDF may spell 외 as its jamo
        narrow = _fts_either(db, query) if mode == "fts" else narrowed(query)
        written = narrow if mode == "fts" else " ".join(unspaced_words(narrow))  # a 「 holds no letter to find
        return dated(db, (_unspaced if database.UNSPACED.search(written) else _spaced)(db, narrow, mode, limit))
    except sqlite3.OperationalError as exc:
        if mode != "fts":
            raise
        raise SearchError(f"{shown(query)!r} is not an FTS5 query ({exc}); {_fts_fix(query)}drop --fts to look for "
                          "the words as given") from None
    finally:
        _WIDTHS_HELD.reset(held)


def _spaced(db, query: str, mode: str, limit: int) -> list[dict]:
    """search() over texts_fts, whose words are unicode61's: ranked by bm25, FTS5's snippets.
    unicode61 reads a Latin word glued to Chinese letters as one word with them
    ("Karabakh地区"): outside `--fts` the texts of texts_unspaced that hold the words
    (`_glued`) follow the word index's hits, with their words in context."""
    match = fts_query(db, query, mode)
    rows = _ranked(db, "texts_fts join texts on texts.rowid = texts_fts.rowid", ["texts_fts match ?"], [match],
                   "texts_fts.rank, texts.id")
    if mode == "fts":
        return _with_snippets(db, readings(rows, limit), "texts_fts", match, SNIPPET_WORDS)
    words, marked, wanted = _wanted(database.fts_folded(query), mode)
    glued = _glued(db, words, wanted)
    hits = readings(lambda among=None: itertools.chain(rows(among), glued(among)), limit)
    return _in_context(db, _with_snippets(db, hits, "texts_fts", match, SNIPPET_WORDS), marked,
                       _holding_all(words, mode, marked))


def _glued(db, words: list[str], wanted: list[re.Pattern]):
    """The rows of the texts of texts_unspaced that hold `words`, of a script written with
    spaces, as words (`wanted`): beside Chinese letters too.  A word under three letters no
    trigram holds: a query of such words alone is left to texts_fts."""
    match = _trigram_match(db, words)
    return _unspaced_rows(db, match, [], wanted) if match else lambda among=None: []


def _trigram_match(db, words: list[str]) -> str:
    """texts_unspaced's MATCH for the `words` (`unspaced_words`: letters only) of three
    letters or more, the ones a trigram holds, each in any of its spellings (`_trigram_either`);
    '' when there is none."""
    return " AND ".join(_trigram_either(db, word) for word in words if len(word) >= 3)


def _trigram_either(db, word: str) -> str:
    """texts_unspaced's MATCH for `word` (three letters or more): as a phrase in any of its
    spellings (`_either`), or, when it holds ASCII letters or digits (`_mixable`), as its every
    third trigram in any mix of widths (8 at most): a text glued to letters without spaces may
    write them in both widths at once (ＣＯＶＩＤ19の), which texts_fts holds as no word of its
    own (`_other_widths`).  The trigrams found apart are no word: the texts are read again for it.
    Only where some text there writes fullwidth ones: they made a search of 16 words a fifth slower."""
    either = _either(db, word)
    if not _mixable(word) or not _a_term(db, "term >= ? and term < ?", *_FULLWIDTH_ALNUM,
                                         places="texts_unspaced_places"):
        return either
    windows = dict.fromkeys(word[at:at + 3] for at in (*range(0, len(word) - 2, 3), len(word) - 3))
    mixes = [" OR ".join(f'"{"".join(spelt)}"' for spelt in itertools.product(
        *(dict.fromkeys((letter, WIDE.get(letter, letter))) for letter in window))) for window in windows]
    return f"({either} OR ({' AND '.join(f'({mix})' for mix in mixes)}))"


def _mixable(word: str) -> bool:
    """Whether `word` holds an ASCII letter or digit: its fullwidth form is common in Chinese
    and Japanese texts, beside the ASCII one in a word (ＣＯＶＩＤ19, Ｇ7)."""
    return any(letter.isascii() and letter.isalnum() for letter in word)


def _unspaced(db, query: str, mode: str, limit: int) -> list[dict]:
    """search() for a query holding letters of a script written without spaces between words
    (Chinese, Japanese, Korean, Thai…: db UNSPACED), over texts_unspaced's trigrams (m016).

    Its words (`unspaced_words`) of three letters or more are a trigram MATCH, ranked by bm25;
    shorter ones ("中国", "정부") no trigram holds, so they are looked for in the texts the
    MATCH found (LIKE, ё as е); a query of such words alone looks up their places
    (`_holding`) and lists the texts in the order they were stored.
    A trigram finds letters, not words: where a word's edge is a letter of a script written
    with spaces ("war", "ЕС"), or in a phrase, the texts found are read again (`_wanted`),
    so that "war" is not found inside "software".  The words in context are cut around the
    first word found (`context`): a trigram is no word to count.  `--fts` queries
    texts_unspaced in FTS5's syntax as given, with FTS5's snippets."""
    query = database.fts_folded(query)
    if mode == "fts":
        return _with_snippets(db, readings(_unspaced_rows(db, query, [], []), limit), "texts_unspaced", query,
                              CONTEXT_CHARS * 2)
    words, marked, wanted = _wanted(query, mode)
    match = _trigram_match(db, words)
    short = [word for word in words if len(word) < 3 and database.UNSPACED.search(word)]
    return _in_context(db, readings(_unspaced_rows(db, match, short, wanted), limit), marked,
                       _holding_all(words, mode, marked))


def _wanted(query: str, mode: str) -> tuple[list[str], re.Pattern, list[re.Pattern]]:
    """The words of a `query` (folded) read as `mode` over texts_unspaced, each once (a
    pasted page repeats them), the regex that marks them in context, and those a text found
    by trigrams is read again for: the words with an edge in a script written with spaces (a
    trigram match is no word), or the phrase."""
    words = unspaced_words(query)
    distinct = list(dict.fromkeys(words))
    marked = re.compile(_phrase_pattern(words) if mode == "phrase" else
                        "|".join(map(_word_pattern, sorted(distinct, key=len, reverse=True))), re.IGNORECASE)
    if mode == "phrase":
        return distinct, marked, [marked] if len(words) > 1 or not _found_as_written(words[0]) else []
    return distinct, marked, [re.compile(_word_pattern(word), re.IGNORECASE)
                              for word in distinct if not _found_as_written(word)]


def _holding_all(words: list[str], mode: str, marked: re.Pattern) -> list[re.Pattern]:
    """The regexes a text or a title must all match to hold the query's match by itself
    (`_in_context`): the phrase (`marked`), or each of its words, wherever it stands."""
    return [marked] if mode == "phrase" else [re.compile(_word_pattern(word), re.IGNORECASE) for word in words]


def _in_context(db, hits: list[dict], marked: re.Pattern, holding: list[re.Pattern]) -> list[dict]:
    """`hits` with the words in context (`context`) of those that have none yet: the text's,
    or the title's, marked IN_TITLE, when the title alone holds the match (`holding`, of
    `_holding_all`) or the text none of its words."""
    texts = dict(((row[0], row[1:]) for row in db.execute(
        "select id, text, title from texts where id in (select value from json_each(?))",
        [json.dumps([hit["text_id"] for hit in hits if hit.get("snippet") is None])])))
    return [{**hit, "snippet": _text_or_title(*texts[hit["text_id"]], marked, holding)}
            if hit["text_id"] in texts else hit for hit in hits]


def _text_or_title(text: str | None, title: str | None, marked: re.Pattern, holding: list[re.Pattern]) -> str | None:
    """The words in context of one hit (`_in_context`): the text's, unless the title holds the
    match and the text does not (or holds none of its words); then the title's, marked IN_TITLE,
    so that a reader does not look for them in the page's text."""
    body = context(text, marked)
    holds = [bool(part) and all(pattern.search(part) for pattern in holding) for part in (text, title)]
    if body is None or holds == [False, True]:
        heading = context(title, marked)
        if heading is not None:
            return IN_TITLE + heading
    return body


def unspaced_words(query: str) -> list[str]:
    """The words of a query read over texts_unspaced: its runs of letters, marks (Thai's
    vowels) and digits.  Spaces and punctuation part them, fullwidth (，、「」) or not, as
    unicode61 parts texts_fts's words: a pasted quote's quotation marks are no letters to find."""
    return "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in query).split()


# A letter or digit of a script written with spaces: a word whose edge is one is not found
# beside another ("war" in "software"); beside a letter of a script without spaces it is ("在COVID").
_SPACED_LETTER = f"[^\\W_{UNSPACED_RANGES}]"
# What may stand between two words of a phrase: no letter or digit (・ is punctuation).
_BETWEEN = r"[\W_]"


def _found_as_written(word: str) -> bool:
    """Whether a trigram (LIKE) match of `word` is a match of the word: both its ends are
    letters of a script without spaces, the last one's halfwidth form takes no voiced mark
    (ｶ in ｶﾞ is no カ), and it is looked for as a phrase alone, not in pieces (`_trigram_either`)."""
    return bool(database.UNSPACED.match(word[0]) and database.UNSPACED.match(word[-1])
                and WIDE.get(word[-1]) not in _VOICED and not (len(word) >= 3 and _mixable(word)))


def _word_pattern(word: str, before: bool = True, after: bool = True) -> str:
    """A regex for `word` (folded, as the query is) where it stands in a text as written: its е
    is ё too, a letter is its width form too (`_letter_pattern`), and an edge that is a
    letter of a script written with spaces is not followed (preceded) by another such letter
    (not looked at when not `after` or `before`: inside a phrase).  Folding the text instead
    costs 0.2 ms a 10 KB text."""
    letters = "".join(map(_letter_pattern, word))
    opening = f"(?<!{_SPACED_LETTER})" if before and not database.UNSPACED.match(word[0]) else ""
    closing = f"(?!{_SPACED_LETTER})" if after and not database.UNSPACED.match(word[-1]) else ""
    return opening + letters + closing


def _letter_pattern(letter: str) -> str:
    """A regex for `letter` (folded) as a text may write it: е as ё too (in any case: the
    regexes ignore it), a letter as its width form too (c as ｃ, ガ as ｶﾞ), the halfwidth カ
    not as the first half of ｶﾞ."""
    if letter in "еЕ":
        return "[её]"
    form = WIDE.get(letter)
    return re.escape(letter) if form is None else f"(?:{re.escape(letter)}|{re.escape(form)}{_VOICED.get(form, '')})"


def _phrase_pattern(words: list[str]) -> str:
    """A regex for `words` in this order with no letter between them; two words of a script
    with spaces need something between them, as "deeply concerned" is not "deeplyconcerned"
    (which makes the words inside words, and the regex of a pasted page quick to compile)."""
    pattern = _word_pattern(words[0], after=len(words) == 1)
    for at, (previous, word) in enumerate(zip(words, words[1:]), 2):
        glued = database.UNSPACED.match(previous[-1]) or database.UNSPACED.match(word[0])
        pattern += _BETWEEN + ("*" if glued else "+") + _word_pattern(word, before=False, after=at == len(words))
    return pattern


def _unspaced_rows(db, match: str, short: list[str], wanted: list[re.Pattern]):
    """The rows (`_ranked`), best first, of the texts whose trigrams `match` ('': no
    condition), that hold every word of `short`, and where every pattern of `wanted` is found
    (read in Python, in the title or the text).  A short word is looked for by LIKE in the
    texts `match` finds; with no `match`, by where it stands (`_holding`) rather than in every text."""
    where, params, order, joined = [], [], "texts.id", "texts"
    if match:
        joined = "texts_unspaced join texts on texts.rowid = texts_unspaced.rowid"
        where, params, order = ["texts_unspaced match ?"], [match], "texts_unspaced.rank, texts.id"
    for word in short:  # letters only (unspaced_words): no % or _ to escape; unfolded, a scan is twice as fast
        if not match:
            where.append("texts.id in (select value from json_each(?))")
            params.append(json.dumps(sorted(_holding(db, word))))
            continue
        columns = [folded(column) if "е" in word.lower() else column for column in ("texts.title", "texts.text")]
        # LIKE ignores the case of ASCII letters only: "я中" is looked for as "я中" and "Я中" (one
        # letter of two has a case at most, the other is Chinese); each in its `spellings` ("x光", "ｘ光")
        cases = [f"%{case}%" for case in dict.fromkeys(case for spelt in spellings(word)
                                                       for case in (spelt.lower(), spelt.upper()))]
        where.append(f"texts.unspaced and ({' or '.join(f'{column} like ?' for column in columns for _ in cases)})")
        params += [case for _ in columns for case in cases]
    return _ranked(db, joined, where, params, order, wanted)


def _ranked(db, joined: str, where: list[str], params: list, order: str, wanted: list[re.Pattern] = ()):
    """The rows of a search, best first: the texts of `joined` that stand for their page
    (USABLE_TEXT) and meet `where`, as a function of `among`, the sha256 of the texts to
    read again (None: all of them), so that `readings` reads no further than it lists."""
    columns = _READING + (", texts.text" if wanted else "")

    def rows(among: list[str] | None = None):
        condition, values = [*where, USABLE_TEXT], params
        if among is not None:
            condition, values = [*condition, "texts.sha256 in (select value from json_each(?))"], [*params, json.dumps(among)]
        found = db.query(f"select {columns} from {joined} {_WITH_SOURCE} where {' and '.join(condition)} "
                         f"order by {order}", values)
        return (row for row in found if all(_holds(row, pattern) for pattern in wanted))
    return rows


def _holding(db, word: str) -> set[int]:
    """The ids of the texts of texts_unspaced that hold `word` (folded, under three letters),
    found without reading them (migration m021): where enough letters follow it, a trigram
    begins with it (the trigrams' vocabulary, texts_unspaced_places, read from the word on);
    where too few do, it is in the last two letters of the title or the text (their indexes).
    A spelling of three letters or more (ｶﾞｽ for ガス) is a trigram match.  The cost grows with
    the places of the word, not with the texts: a scan of 100,000 texts took seconds."""
    ids: set[int] = set()
    for spelt in spellings(word):
        if len(spelt) >= 3:
            ids.update(row[0] for row in db.execute(
                "select rowid from texts_unspaced where texts_unspaced match ?", [f'"{spelt}"']))
            continue
        start = spelt.lower()  # the trigram tokenizer folds case as Python's lower() does
        ids.update(row[0] for row in db.execute("select distinct doc from texts_unspaced_places "
                                                "where term >= ? and term < ?", [start, start + "\U0010ffff"]))
        for column in ("title", "text"):
            ids.update(row[0] for row in db.execute(*_ending(column, spelt)))
    return ids


def _ending(column: str, spelt: str) -> tuple[str, list[str]]:
    """The query for the ids of the texts whose `column` holds `spelt` (one or two letters,
    folded) in its last two letters, and its parameters: two letters are those two, found in
    the index (SEARCH); one is in either, read in the whole index (SCAN, of two letters a
    text).  INDEXED BY: the planner took the text's index for the title's."""
    written = _cased(spelt)
    if len(spelt) == 2:
        return (f"select rowid from texts indexed by texts_{column}_end where unspaced "
                f"and substr({column}, -2) in ({', '.join('?' * len(written))})", written)
    return (f"select rowid from texts indexed by texts_{column}_end where unspaced "
            f"and ({' or '.join([f'substr({column}, -2) like ?'] * len(written))})", [f"%{letter}%" for letter in written])


def _cased(word: str) -> list[str]:
    """The ways a text may write `word` (folded) letter by letter: in either case, е as ё."""
    return ["".join(letters) for letters in itertools.product(
        *(dict.fromkeys((letter.lower(), letter.upper(), *("ёЁ" if letter in "еЕ" else ""))) for letter in word))]


def _holds(row: dict, pattern: re.Pattern) -> bool:
    """Whether the title or the text of `row` holds `pattern` (a `_word_pattern`'s, or a phrase's)."""
    return any(part and pattern.search(part) for part in (row["title"], row["text"]))


def _with_snippets(db, hits: list[dict], index: str, match: str, tokens: int) -> list[dict]:
    """`hits` with FTS5's snippets (`tokens` long) of `match` in `index` (texts_fts,
    texts_unspaced: columns title, text): the text's, or, where the title holds the match and
    the text does not, the title's, marked IN_TITLE (the text's snippet would show other words
    of the page, some of the query's at best).  Words split between title and text show the text's."""
    ids = json.dumps([hit["text_id"] for hit in hits])

    def snippets(column: int, expression: str) -> dict[int, str]:
        return dict(db.execute(f"select rowid, snippet({index}, {column}, ?, ?, '…', {tokens}) from {index} "
                               f"where {index} match ? and rowid in (select value from json_each(?))",
                               [START, END, expression, ids]))
    texts = snippets(1, match)
    titles = snippets(0, f"{{title}} : ({match}) NOT {{text}} : ({match})")  # FTS5's column filters
    return [{**hit, "snippet": IN_TITLE + titles[hit["text_id"]] if hit["text_id"] in titles
             else texts.get(hit["text_id"])} for hit in hits]


def context(text: str | None, pattern: re.Pattern) -> str | None:
    """The words in context of a text in a script without spaces: CONTEXT_CHARS either side of
    the first match of `pattern` (`_word_pattern`'s, a phrase's) in `text`, each
    match there marked as FTS5 marks its words; None when none is in it."""
    if not text:
        return None
    first = pattern.search(text)
    if first is None:
        return None
    start, end = max(0, first.start() - CONTEXT_CHARS), min(len(text), first.end() + CONTEXT_CHARS)
    parts, at = [], start
    for found in pattern.finditer(text, start):  # read on past the cut: "soft" cut from "software" is none
        if found.start() >= end:
            break
        parts += [text[at:found.start()], START, text[found.start():found.end()], END]
        at, end = found.end(), max(end, found.end())
    parts.append(text[at:end])
    words = "".join(parts).replace(END + START, "")  # two words side by side are one mark ("**外交部发言人**")
    return ("…" if start else "") + " ".join(words.split()) + ("…" if end < len(text) else "")


def readings(rows, limit: int) -> list[dict]:
    """The first `limit` readings of the ranked `rows()` (`_ranked`), each the best-ranked row
    of its text read at one place, from one origin and memento, with the other sources storing
    it.  Those may rank after every other reading: the rows are read until `limit` readings,
    then the rows of their texts alone, read again (reading every row cost 56-74 ms, not 26,
    for 2,000 matching texts)."""
    kept: dict[tuple, dict] = {}
    for row in rows():
        _kept(kept, row, limit)
        if len(kept) >= limit:
            for again in rows(sorted({hit["sha256"] for hit in kept.values()})):
                _kept(kept, again, limit)
            break
    return [{name: hit[name] for name in (*FIELDS, "created_at", "sha256") if name in hit} for hit in kept.values()]


def _kept(kept: dict[tuple, dict], row: dict, limit: int) -> None:
    """`row` kept as a new reading while there are fewer than `limit`, or as another source
    of the reading it is a copy of."""
    key = (row["sha256"], row["origin"], row["text_url"] or row["url"], row["memento_timestamp"])
    hit = kept.get(key)
    if hit is None and len(kept) < limit:
        kept[key] = {**row, "other_source_ids": [], "other_urls": []}
    elif hit is not None and row["source_id"] != hit["source_id"] and row["source_id"] not in hit["other_source_ids"]:
        hit["other_source_ids"].append(row["source_id"])
        hit["other_urls"].append(row["url"])


def dated(db, hits: list[dict]) -> list[dict]:
    """`hits` with `read_at`, when their words were read as they stand: a live page's last
    fetch that read them (reconcile's READ_LAST), a memento's capture (a post's too), else when
    the text was stored (a local file, a post read from a mirror); and `superseded`, whether a
    later reading of the live page replaced it (reconcile's `superseded`: the page as read
    last is the live page, an earlier reading what it said then), judged over every source
    the reading is stored under (`_as_read`)."""
    sources = {source for hit in hits if hit["origin"] == "live"
               for source in (hit["source_id"], *hit["other_source_ids"])}
    texts: dict[int, list[dict]] = {}
    for text in _live_readings(db, sorted(sources)):
        texts.setdefault(text["source_id"], []).append(text)
    return [{name: hit.get(name) for name in FIELDS} | _as_read(hit, texts) for hit in hits]


def _as_read(hit: dict, texts: dict[int, list[dict]]) -> dict:
    """A hit's `read_at` and `superseded` (`dated`), from the live `texts` of each source.  A
    live reading stored under two sources (one page cited by two URLs that lead to it) is one
    page read under either: the one read last is the live page, so the reading is superseded
    when the page was read since under either source and said otherwise, and read when either
    read it last (judged under its listed source alone, it was "live" after the other source
    had read the page without the words, or "earlier" after the other read it with them again)."""
    if hit["origin"] != "live":
        return {"read_at": memento_date(hit["memento_timestamp"]) or hit["created_at"], "superseded": False}
    page = [{**text, "source_id": hit["source_id"]} for source in (hit["source_id"], *hit["other_source_ids"])
            for text in texts.get(source, [])]
    copies, earlier = [text for text in page if text["sha256"] == hit["sha256"]], superseded(page)
    last = max(copies, key=lambda text: (text["read_last"] or 0, text["created_at"], text["id"]))
    return {"read_at": last["read_at"], "superseded": all(text["id"] in earlier for text in copies)}


def _live_readings(db, sources: list[int]) -> list[dict]:
    """The live texts of `sources`, each with its last reading (`read_last`, `read_at`): what
    `superseded` compares, the texts no query matched too (the page read since, without the words)."""
    # materialized: flattened, SQLite would work out READ_LAST again for each use of read_last
    return list(db.query(f"with t as materialized (select id, source_id, origin, sha256, created_at, "
                         f"{READ_LAST} as read_last from texts "
                         "where origin = 'live' and source_id in (select value from json_each(?))) "
                         f"select t.*, {READ_AT} as read_at from t", [json.dumps(sources)]))


def came_from(hit: dict) -> str:
    """Where and when a hit's words were read, as the table says it, the time on a line of its
    own (a narrow column): 'live, read' or 'earlier reading,' (the live page reads otherwise
    now) over '2026-11-28 20:42 UTC'; 'memento', 'post, memento', 'local, read' over theirs."""
    if hit["superseded"]:
        how = "earlier reading,"
    elif hit["origin"] == "memento":
        how = "memento"
    else:
        how = f"{hit['origin']}, {'memento' if hit['memento_timestamp'] else 'read'}"
    return f"{how}\n{utc_minute(hit['read_at'])}"


def shown(query: str) -> str:
    """The query as a title or an error echoes it: a pasted page cut to its first words."""
    flat = " ".join(query.split())
    if len(flat) <= SHOWN_CHARS:
        return flat
    cut = flat[:SHOWN_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:-1]) + "…"


def holds_texts(db) -> bool:
    """Whether any stage has stored a text yet (no hit means something else before a crawl)."""
    return db.execute("select exists (select 1 from texts)").fetchone()[0] == 1


def marked(snippet: str, start: str, end: str) -> str:
    """The snippet with FTS5's match marks written as `start` … `end`."""
    return snippet.replace(START, start).replace(END, end)


def _row(hit: dict) -> dict:
    """A hit as a file writes it: the matched words in Markdown's bold."""
    return {**hit, "snippet": marked(hit["snippet"] or "", "**", "**")}


def _csv_row(hit: dict) -> dict:
    """A hit as a CSV row: its lists in one cell each, space-separated (URLs hold no space),
    `superseded` as JSON writes it (true, false), not Python (True), the memento's time as
    ISO 8601 too (`memento_date`)."""
    return {**_row(hit), **{name: " ".join(map(str, hit[name])) for name in ("other_source_ids", "other_urls")},
            "superseded": json.dumps(hit["superseded"]), "memento_date": memento_date(hit["memento_timestamp"])}


FORMATS = formats(CSV_FIELDS, csv_row=_csv_row, json_row=_row)
