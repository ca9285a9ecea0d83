"""`citewatch search --fts` rewrites the user's FTS5 expression to find each word in every width
(crawler/search.py `_fts_either`): over texts whose words looked for are in ASCII alone (one
other text writes fullwidth words, so the rewriting is done), the rewritten expression must find
what the expression as given finds, operator by operator, and one FTS5 cannot read must say so
as before."""

from __future__ import annotations

import random
import sqlite3

import pytest

import db as database
from crawler import search
from tests.factories import Factory

TEXTS = ["alpha beta gamma", "alpha", "beta gamma", "alpha gamma", "beta", "gamma", "alpha beta",
         "delta epsilon", 'they say "quoted" alpha', "alphabet soup beta", "gamma delta alpha beta",
         "epsilon gamma beta alpha delta",
         "ｚｅｔａ ｅｔａ"]                          # fullwidth: the texts hold a width form
TITLES = ["Alpha report", None, "Gamma", None, "Beta news"]

EXPRESSIONS = [
    "alpha", "alpha beta", "alpha OR beta gamma", "alpha beta OR gamma", "alpha AND beta gamma",
    "alpha NOT beta gamma",                      # FTS5 reads alpha NOT (beta gamma)
    "alpha beta NOT gamma", "gamma alpha NOT beta", "alpha NOT beta NOT gamma", "alpha NOT (beta gamma)",
    "(alpha OR beta) AND gamma", "(alpha OR beta) AND gamma delta", "delta OR (alpha beta NOT gamma)",
    "alpha OR beta OR gamma NOT delta", "alpha beta gamma NOT delta OR epsilon",
    "NEAR(alpha beta, 2)", "NEAR(alpha beta) gamma", "gamma NOT NEAR(alpha beta, 1)",
    "alpha + beta", "alpha + beta gamma", "gamma NOT alpha + beta delta",
    "^alpha", "^alpha beta", "beta NOT ^alpha gamma", "alph*", "alph* gamma", "alph *", "gamma NOT alph* beta",
    "text: alpha beta", "text:alpha NOT gamma", "title: alpha", "{title text}: alpha", "- title: alpha gamma",
    "text: (alpha OR beta)", "gamma NOT title: beta delta",
    '"alpha beta"', '"alpha beta" gamma', 'alpha NOT "beta gamma" delta', '"they say ""quoted"""',
    "NEAR", "NEAR alpha",                        # no "(" after it: a word
]
MALFORMED = ["(alpha OR beta) gamma", "alpha (beta)", "(alpha", '"alpha', "alpha AND", "NOT alpha",
             "alpha:", "alpha, beta", "NEAR(alpha beta"]


def texts(path, wide: bool = True):
    """A database at `path` of texts (and titles) of ASCII letters, and, when `wide`, one of
    fullwidth words no expression looks for."""
    db = database.open_db(path)
    f = Factory(db)
    for at, text in enumerate(TEXTS if wide else TEXTS[:-1]):
        f.text(f.source(f"https://site{at}.example/"), text, title=TITLES[at % len(TITLES)])
    return db


@pytest.fixture(scope="module")
def ascii_texts(tmp_path_factory):
    """`texts` with the fullwidth one: the expression is rewritten."""
    return texts(tmp_path_factory.mktemp("fts") / "ascii.db")


@pytest.fixture(scope="module", params=["rewritten", "narrowed alone"])
def corpus(request, tmp_path_factory):
    """`texts` with the fullwidth one, and without (no text writes a width form: the
    expression is only narrowed)."""
    return texts(tmp_path_factory.mktemp("fts") / "corpus.db", wide=request.param == "rewritten")


def as_given(db, expression: str) -> set[int]:
    """The texts FTS5 finds for `expression` as written, with no rewriting."""
    rows = db.execute("select texts.id from texts_fts join texts on texts.rowid = texts_fts.rowid "
                      "where texts_fts match ?", [expression])
    return {row[0] for row in rows}


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_the_rewritten_expression_finds_what_the_expression_as_given_finds(corpus, expression):
    expected = as_given(corpus, expression)
    assert {hit["text_id"] for hit in search.search(corpus, expression, "fts", limit=100)} == expected


def generated(seed: int, count: int) -> list[str]:
    """`count` FTS5 expressions drawn from its grammar (phrases, NEAR groups, + and ^, prefixes,
    column filters, parentheses, AND, OR, NOT), the same for a `seed`: some FTS5 cannot read."""
    draw = random.Random(seed)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "soup"]
    anywhere = [*words, "alph*", '"alpha beta"', '"gamma delta"']

    def phrase(depth: int) -> str:
        kind = draw.choice(["word"] * 6 + ["near", "joined", "first", "column"])
        if kind == "near":
            return f"NEAR({' '.join(draw.sample(words, 2))}{draw.choice(['', ', 2'])})"
        if kind == "joined":
            return f"{draw.choice(words)} + {draw.choice(words)}"
        if kind == "first":
            return "^" + draw.choice(words)
        if kind == "column":
            filtered = draw.choice(anywhere) if depth > 1 or draw.random() < 0.7 else f"({expression(depth + 1)})"
            return f"{draw.choice(['text', 'title', '- title', '{title text}'])}: {filtered}"
        return draw.choice(anywhere)

    def expression(depth: int = 0) -> str:
        kind = draw.random()
        if depth > 2 or kind < 0.3:
            return " ".join(phrase(depth) for _ in range(draw.randint(1, 3)))
        if kind < 0.5:
            return f"({expression(depth + 1)})"
        return f"{expression(depth + 1)} {draw.choice(['AND', 'OR', 'NOT'])} {expression(depth + 1)}"

    return [expression() for _ in range(count)]


def test_generated_expressions_find_what_they_find_as_given_or_fail_as_they_fail(ascii_texts):
    """The property over 300 expressions drawn from FTS5's grammar (`generated`): the rewritten
    one finds the texts the given one finds, and is refused where the given one is."""
    for expression in generated(seed=11, count=300):
        try:
            expected = as_given(ascii_texts, expression)
        except sqlite3.OperationalError:
            with pytest.raises(search.SearchError):
                search.search(ascii_texts, expression, "fts")
            continue
        assert {hit["text_id"] for hit in search.search(ascii_texts, expression, "fts", limit=100)} == expected, expression


def test_the_expressions_tell_their_texts_apart(ascii_texts):
    """The property above says little if most expressions find the same texts."""
    found = [frozenset(as_given(ascii_texts, expression)) for expression in EXPRESSIONS]
    assert len(set(found)) >= len(EXPRESSIONS) * 2 // 3 and frozenset() not in found[:-2]


def test_a_not_before_phrases_side_by_side_takes_them_all(ascii_texts):
    """FTS5 ANDs phrases side by side before NOT: alpha NOT (beta gamma), which keeps "alpha
    beta" (no gamma); the rewritten words are groups, whose AND NOT would take first."""
    rewritten = search._fts_either(ascii_texts, "alpha NOT beta gamma")
    assert "ｂｅｔａ" in rewritten and as_given(ascii_texts, rewritten) == as_given(ascii_texts, "alpha NOT beta gamma")
    assert as_given(ascii_texts, "alpha NOT beta gamma") > as_given(ascii_texts, "(alpha NOT beta) AND gamma")


@pytest.mark.parametrize("expression", MALFORMED)
def test_an_expression_fts5_cannot_read_is_said_in_one_line_as_fts5_says_it(corpus, expression):
    with pytest.raises(sqlite3.OperationalError) as fts5:
        as_given(corpus, expression)
    with pytest.raises(search.SearchError) as said:
        search.search(corpus, expression, "fts")
    message = str(said.value)
    assert "\n" not in message and message == f"{expression!r} is not an FTS5 query ({fts5.value}); " \
                                               f"{search._fts_fix(expression)}drop --fts to look for the words as given"


def test_where_no_text_writes_a_width_form_the_expression_runs_as_given(tmp_path):
    """The cheap path: no word's other widths are looked up, nor its fullwidth spelling
    looked for, where no text holds one (reconcile looks up 8 words a quote not found)."""
    db = database.open_db(tmp_path / "narrow.db")
    f = Factory(db)
    f.text(f.source("https://site.example/"), TEXTS[0])
    assert search._fts_either(db, "alpha NOT beta gamma") == "alpha NOT beta gamma"
    assert search._fts_either(db, "ａｌｐｈａ NOT beta") == "alpha NOT beta"
    assert search.fts_query(db, "alpha beta", "words") == '"alpha" AND "beta"'
    f.text(f.source("https://wide.example/"), TEXTS[-1])
    assert "ｂｅｔａ" in search._fts_either(db, "alpha NOT beta gamma")
    assert search.fts_query(db, "alpha beta", "words") == '("alpha" OR "ａｌｐｈａ") AND ("beta" OR "ｂｅｔａ")'


@pytest.mark.parametrize("query, hinted", [("(a OR b) c", True), ('(a OR b) "c d"', True), ("(a) (b)", True),
                                           ("void)", False), ("(null OR void) AND", False), ("NEAR(", False)])
def test_the_and_after_a_group_is_offered_only_where_a_term_follows_the_group(query, hinted):
    """Any ")" gave the hint, to `void)` and to `(a OR b) AND` too, which an AND does not mend."""
    assert bool(search._fts_fix(query)) == hinted
