"""`citewatch check`: the repairs made to read a source cell are named on every row, error rows
too, in every output format; an access note after a URL is read as one.

No web: the rows here are errors before any crawl, or stored and collected without the stages
(a stored row no stage checked is the `error` row "no verdict recorded").
"""

from __future__ import annotations

import csv
import json

import pytest

import db as database
from crawler import check
from crawler.check.results import NO_VERDICT, collect
from crawler.check.sources import BRACKETS_REMOVED, SPACES_ENCODED, LocalFiles, SourceProblem, cite
from crawler.check.store import store
from crawler.config import load_config
from tests.test_check_input import invoke  # noqa: F401  (a fixture: citewatch check in this process)

WAYBACK = "http://127.0.0.1:9/ns/x"


def write_list(path, rows: list[tuple[str, str, str]]):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "quote", "source"])
        writer.writerows(rows)
    return path


# ---------------------------------------------------------------- repairs on error rows


ERROR_ROWS = [
    # read as https://twitter.com/MFAestonia, then refused: a profile needs the row's date
    ("profile", "Estonia does not consider", "<https://twitter.com/MFAestonia>"),
    # the brackets dropped, then refused: a title follows the URL inside them
    ("titled", "The statement as it was", "<https://mfa.example/news/statement Statement on the ceasefire>"),
]


def _evidence(table: str) -> str:
    """The table's last column, its wrapped lines joined (rich cuts a long reason over lines)."""
    cells = [line.split("│")[-2].strip() for line in table.splitlines() if line.count("│") > 2]
    return " ".join(cells)


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "table"])
def test_an_error_row_names_the_repairs_made_to_read_its_cell_in_every_format(invoke, tmp_path, fmt):
    quotes = write_list(tmp_path / "quotes.csv", ERROR_ROWS)
    out = tmp_path / f"results.{fmt}"
    done = invoke(quotes, "--format", fmt, "-o", out)
    assert done.exit_code == 1, done.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "table":
        evidence = _evidence(text)
        assert evidence.count(BRACKETS_REMOVED) == 2, text
        assert "the source was read as https://twitter.com/MFAestonia" in evidence, text
        return
    if fmt == "csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        rows = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert {r["verdict"] for r in rows} == {"error"}
    profile, titled = by_id["profile"]["reason"], by_id["titled"]["reason"]
    assert profile.startswith("<https://twitter.com/MFAestonia> needs the date"), profile
    assert profile.endswith(f"; the source was read as https://twitter.com/MFAestonia ({BRACKETS_REMOVED})")
    assert titled.startswith("the URL has a space in it ("), titled
    assert titled.endswith(f"; the source cell was read after these repairs: {BRACKETS_REMOVED}")


def test_a_stored_row_left_without_a_verdict_names_its_repaired_url(tmp_path):
    """A stored row no stage checked gets verdict `error` ("no verdict recorded"): it names the
    URL its cell was read as like a row with a verdict, which it did not before."""
    config = load_config(env={"CITEWATCH_DB": str(tmp_path / "test.db")})
    quotes = write_list(tmp_path / "quotes.csv", [("spaced", "The statement as it was", "<https://mfa.example/a b.html>")])
    listing = check.prepare(config, quotes_file=quotes)
    db = database.open_db(tmp_path / "test.db")
    stored = store(db, listing)
    [result] = collect(db, stored["document_id"], listing.rows)
    assert result.verdict == "error"
    assert result.reason == (f"{NO_VERDICT}; the source was read as https://mfa.example/a%20b.html "
                             f"({BRACKETS_REMOVED}; {SPACES_ENCODED})")


# ---------------------------------------------------------------- an access note after a URL


@pytest.mark.parametrize("source, url, repairs", [
    ("<https://mfa.example/a> (accessed 2 May 2020)", "https://mfa.example/a",
     ["dropped the access note '(accessed 2 May 2020)' after the URL", BRACKETS_REMOVED]),
    ("<https://mfa.example/a>(accessed 2 May 2020).", "https://mfa.example/a",
     ["dropped the access note '(accessed 2 May 2020)' after the URL", BRACKETS_REMOVED]),
    ("https://mfa.example/statement.html, accessed on 2 May 2020.", "https://mfa.example/statement.html",
     ["dropped the access note 'accessed on 2 May 2020' after the URL"]),
    ("https://mfa.example/a [Retrieved 2020-05-02]", "https://mfa.example/a",
     ["dropped the access note '[Retrieved 2020-05-02]' after the URL"]),
    ("www.mfa.example/a last accessed: 2 May 2020", "http://www.mfa.example/a",
     ["dropped the access note 'last accessed: 2 May 2020' after the URL"]),
    ("https://mfa.example/a b.pdf (accessed 2 May)", "https://mfa.example/a%20b.pdf",
     ["dropped the access note '(accessed 2 May)' after the URL", SPACES_ENCODED]),
    ("https://mfa.example/accessed-2-may", "https://mfa.example/accessed-2-may", []),   # a path's word: no note
    ("https://mfa.example/a, accessed May 2, 2020", "https://mfa.example/a",
     ["dropped the access note 'accessed May 2, 2020' after the URL"]),
    ("https://mfa.example/a (Accessed: 2020-05-02)", "https://mfa.example/a",
     ["dropped the access note '(Accessed: 2020-05-02)' after the URL"]),
    ("<https://mfa.example/a>.", "https://mfa.example/a", [BRACKETS_REMOVED]),   # "Available at <URL>."
    # a file's name that holds such a word and a number: no note, the URL read whole
    ("https://mfa.example/docs/Report retrieved 2020.pdf", "https://mfa.example/docs/Report%20retrieved%202020.pdf",
     [SPACES_ENCODED]),
    ("https://mfa.example/Documents consulted in 2019.pdf", "https://mfa.example/Documents%20consulted%20in%202019.pdf",
     [SPACES_ENCODED]),
    ("https://mfa.example/Statement viewed by 3 delegations.html",
     "https://mfa.example/Statement%20viewed%20by%203%20delegations.html", [SPACES_ENCODED]),
])
def test_an_access_note_after_a_url_is_dropped_and_the_repair_said(tmp_path, source, url, repairs):
    """Citations print an access date after the URL; the cell was refused as an "unsupported
    scheme <https" (in brackets) or a URL with a space in it."""
    cited = cite(source, tmp_path, LocalFiles(1000), WAYBACK)
    assert (cited.url, cited.repairs, cited.printed) == (url, repairs, source)


@pytest.mark.parametrize("source, said", [
    ("<https://mfa.example/a> Statement on the ceasefire", "has words after the closing '>'"),
    ("<https://mfa.example/a> (page accessed 2 May 2020)", "has words after the closing '>'"),   # not a note: its words
    ("<https://mfa.example/a", "has no closing '>'"),
])
def test_words_after_a_url_in_angle_brackets_say_how_to_write_the_cell(tmp_path, source, said):
    with pytest.raises(SourceProblem) as problem:
        cite(source, tmp_path, LocalFiles(1000), WAYBACK)
    message = str(problem.value)
    assert said in message and "write <URL> or the URL alone" in message, message
    assert "unsupported scheme" not in message and "\n" not in message


def test_the_footnote_parsers_repairs_are_worded_for_a_cell(tmp_path):
    cited = cite("https://mfa.example/statement.html.", tmp_path, LocalFiles(1000), WAYBACK)
    assert (cited.url, cited.repairs) == ("https://mfa.example/statement.html", ["dropped the full stop that ends the cell"])


def test_a_row_with_an_access_note_is_stored_as_its_url_and_its_result_says_so(tmp_path):
    config = load_config(env={"CITEWATCH_DB": str(tmp_path / "test.db")})
    cell = "<https://mfa.example/statement.html> (accessed 2 May 2020)"
    quotes = write_list(tmp_path / "quotes.csv", [("noted", "The statement as it was", cell)])
    listing = check.prepare(config, quotes_file=quotes)
    db = database.open_db(tmp_path / "test.db")
    stored = store(db, listing)
    [result] = collect(db, stored["document_id"], listing.rows)
    assert db.execute("select printed, url from citations").fetchall() == [(cell, "https://mfa.example/statement.html")]
    assert result.reason.endswith("; the source was read as https://mfa.example/statement.html (dropped the access "
                                  f"note '(accessed 2 May 2020)' after the URL; {BRACKETS_REMOVED})"), result.reason
