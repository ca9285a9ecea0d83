"""`citewatch check` on a hostile quote list, and how
reconcile names an article's link citations.

* The access-note pattern read a long run of spaces again from each of its spaces
  (a URL and 20,000 spaces: 41 s); a source cell is now at most 4,000 characters, and the
  pattern reads a run once.  `guard` turns a hang into a failure; it measures no speed.
* A list's local files are read from its folder and below only: absolute paths,
  `~`, `../`, file:// URLs and links pointing outside are the row's error, unless
  `--files-anywhere` (check.prepare's `files_anywhere`).  Cells that ended the whole check
  with a traceback (a name over 255 bytes, a NUL, an unknown user's `~`, a link loop) are
  their row's error.
* An article's citations are "quote N" by its statement's number, a further link
  "quote N, link 2": its seq runs on after the last statement's (crawler/ingest/article.py).

Real lists in tmp_path, read by `check.prepare` or the `check` command into a real SQLite file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import db as database
from crawler import check, ingest, reconcile
from crawler.check.sources import ACCESS_NOTE, SOURCE_MOST, LocalFiles, cite
from crawler.cli import cli
from crawler.config import load_config
from tests.check_lists import STATEMENT_TXT
from tests.test_article_links import ARTICLE_HTML, ARTICLE_TEXT, _write
from tests.test_hostile_regex import guard

VERBATIM = "These elections are null and void and have no legal effect whatsoever."
SECRET = "Correct horse battery staple is the password of the ministry server."
URL = "https://mfa.example/statement.html"
MOVE = "move the file beside the quote list, or pass --files-anywhere"


def _list(folder: Path, rows: list[tuple[str, str]]) -> Path:
    """A JSON Lines quote list in `folder`: (id, source) rows, each quoting the statement."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "list.jsonl"
    path.write_text("".join(json.dumps({"id": key, "quote": VERBATIM, "source": source}) + "\n"
                            for key, source in rows), encoding="utf-8")
    return path


def _errors(listing) -> dict[str, str | None]:
    return {row.key: row.error for row in listing.rows}


@pytest.fixture
def invoke(runner, tmp_path):
    env = {"CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}

    def run(*args) -> dict[str, dict]:
        result = runner.invoke(cli, ["check", *map(str, args), "--format", "jsonl"], env=env, catch_exceptions=False)
        return {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}

    return run


# --- a long run of spaces -------------------------------------------------------------


def test_an_access_note_pattern_reads_a_run_of_spaces_once(tmp_path):
    """From each of 100,000 spaces the old pattern read to the run's end (minutes; 20,000 took
    41 s); a note after a run of spaces is still found, from its first space."""
    with guard(20):
        assert ACCESS_NOTE.search(URL + " " * 100_000 + "x") is None
        assert ACCESS_NOTE.search(URL + " " * 100_000 + "(accessed 2 May 2020)")["note"] == "(accessed 2 May 2020)"
    cited = cite(URL + " " * 3_000 + "(accessed 2 May 2020).", tmp_path, LocalFiles(1000), "http://127.0.0.1:9")
    assert (cited.url, cited.repairs) == (URL, ["dropped the access note '(accessed 2 May 2020)' after the URL"])


def test_a_source_cell_over_the_limit_is_its_rows_error(invoke, tmp_path):
    """A URL with 5,000 spaces and a title pasted after it: one error row naming the length, the
    limit and the fix; the other row is checked."""
    (tmp_path / "statement.txt").write_text(STATEMENT_TXT, encoding="utf-8")
    cell = URL + " " * 5_000 + "Statement of the Ministry"
    results = invoke(_list(tmp_path, [("good", "statement.txt"), ("long", cell)]))
    assert results["good"]["verdict"] == "verbatim"
    assert results["long"]["verdict"] == "error"
    assert results["long"]["reason"] == (
        f"the source cell is {len(cell):,} characters, over the limit of {SOURCE_MOST:,} for one URL, @handle or "
        "file path; remove what else the cell holds (a title, a quote, other URLs) and keep the one source")


# --- local files outside the list's folder ---------------------------------------------


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """A list folder, and a secret file beside it, in ~ (HOME set to tmp_path) and linked into it."""
    lists, secret = tmp_path / "lists", tmp_path / "secret"
    (lists / "sub").mkdir(parents=True)
    secret.mkdir()
    (secret / "creds.txt").write_text(SECRET, encoding="utf-8")
    (lists / "statement.txt").write_text(STATEMENT_TXT, encoding="utf-8")
    (lists / "sub" / "statement.txt").write_text(STATEMENT_TXT, encoding="utf-8")
    (lists / "link-out.txt").symlink_to(secret / "creds.txt")
    (lists / "link-in.txt").symlink_to(lists / "sub" / "statement.txt")
    monkeypatch.setenv("HOME", str(tmp_path))
    return lists, secret / "creds.txt"


HOSTILE = {"absolute": "{creds}", "home": "~/secret/creds.txt", "parent": "../secret/creds.txt",
           "file-url": "file://{creds}", "in-and-out": "sub/../../secret/creds.txt", "link-out": "link-out.txt"}


def test_a_lists_files_outside_its_folder_are_its_rows_errors_and_never_read(invoke, outside, tmp_path):
    """Each way out is refused before the file is read: its words are in no result and no stored
    text; the files in the folder, below it, or linked from inside to inside are checked."""
    lists, creds = outside
    rows = [(key, source.format(creds=creds)) for key, source in HOSTILE.items()]
    results = invoke(_list(lists, [*rows, ("here", "statement.txt"), ("below", "sub/statement.txt"),
                                   ("link-in", "link-in.txt")]))
    for key in HOSTILE:
        written = creds if key != "link-out" else lists / "link-out.txt"
        link = f" (a link to {creds})" if key == "link-out" else ""
        assert (results[key]["verdict"], results[key]["reason"]) == (
            "error", f"local file {written} is outside the quote list's folder {lists}{link}; {MOVE}"), key
    assert [results[key]["verdict"] for key in ("here", "below", "link-in")] == ["verbatim"] * 3
    assert "Correct horse" not in json.dumps(results)
    texts = database.open_db(tmp_path / "test.db").execute("select group_concat(text) from texts").fetchone()[0]
    assert "Correct horse" not in texts and "null and void" in texts


def test_a_refused_path_does_not_say_whether_the_file_outside_exists(outside):
    """An unknown type outside: the row says it is no source, as for one that does not exist."""
    lists, creds = outside
    listing = check.prepare(load_config(env={}), quotes_file=_list(lists, [("a", str(creds.parent)),
                                                                           ("b", str(creds.parent / "none"))]))
    neither = ("' is neither a URL, an @handle nor a local file; give an http(s) URL, a Wayback memento URL, an "
               "@handle or a local .txt, .md, .html or .pdf file")
    assert [error.endswith(neither) for error in _errors(listing).values()] == [True, True]


def test_files_anywhere_reads_them_and_a_typed_source_is_read_wherever_it_is(outside):
    """`--files-anywhere` (prepare's files_anywhere) lifts the rule for a list; the SOURCE of
    `check --quote` is the user's own words, read wherever it is (the current folder is not
    the quote's)."""
    lists, creds = outside
    config = load_config(env={})
    path = _list(lists, [(key, source.format(creds=creds)) for key, source in HOSTILE.items()])
    listing = check.prepare(config, quotes_file=path, files_anywhere=True)
    assert _errors(listing) == dict.fromkeys(HOSTILE)
    assert {entry.cited.local.path for entry in listing.entries} == {str(creds)}
    typed = check.prepare(config, quote="Correct horse battery staple", source=str(creds))
    assert typed.rows[0].error is None and typed.entries[0].cited.local.text.startswith("Correct horse")


def test_the_files_anywhere_flag_reads_a_lists_files_outside_its_folder(invoke, outside):
    lists, creds = outside
    path = _list(lists, [("parent", "../secret/creds.txt")])
    assert invoke(path)["parent"]["verdict"] == "error"
    assert invoke(path, "--files-anywhere")["parent"]["verdict"] == "not-in-source"   # read, and the quote not in it


@pytest.mark.parametrize("source, error", [
    ("The Ministry of Foreign Affairs does not recognise the so-called elections " * 5,
     "is neither a URL, an @handle nor a local file"),
    ("a" * 300 + ".txt", "cannot be read (File name too long); check the path and its permissions"),
    ("minutes\u0000.txt", "cannot be opened (embedded null byte); fix the path in the cell"),
    ("~nosuchuser0x/statement.txt", "names the home folder of no user here; write the file's path without ~"),
    ("loop.txt", "cannot be opened (Symlink loop from"),
])
def test_a_cell_that_ended_the_whole_check_is_its_rows_error(tmp_path, source, error):
    """A sentence pasted as the source (a name over 255 bytes: OSError), a NUL (ValueError), an
    unknown user's ~ or a link to itself (RuntimeError) raised out of prepare: a traceback,
    and no row checked.  Now the row's error; the next row is read."""
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "statement.txt").write_text(STATEMENT_TXT, encoding="utf-8")
    listing = check.prepare(load_config(env={}), quotes_file=_list(tmp_path, [("bad", source),
                                                                             ("good", "statement.txt")]))
    assert error in _errors(listing)["bad"] and "\n" not in _errors(listing)["bad"]
    assert [entry.row.key for entry in listing.entries] == ["good"]


# --- reconcile: an article's link citations -------------------------------------------------------


@pytest.mark.parametrize("text, labels", [
    # Estonia cites two links (the second's seq, 3, runs on after the last statement's), France one.
    (ARTICLE_HTML, [["quote 1", "quote 1, link 2"], ["quote 2"]]),
    # a web link, a twitter link, a statement that links nothing (unfootnoted).
    (ARTICLE_TEXT, [["quote 1"], ["quote 2"], ["quote 3"]]),
])
def test_an_articles_link_citations_are_named_by_their_quote(tmp_path, db, text, labels):
    """Ingested and reconciled: each reason names the quote, never "footnote 3" (the article
    has no footnotes, and its statement 1 is no quote 3)."""
    config = load_config(env={})
    name = "article.html" if text is ARTICLE_HTML else "article.txt"
    document = ingest.run(db, config, _write(tmp_path, name, text))["document_id"]
    reconcile.run(db, config, document=document)
    statements = [sid for (sid,) in db.execute("select id from statements where document_id = ? order by seq",
                                               [document])]
    assert [[reconcile.citation_label(c) for c in reconcile.citations_of(db, sid)] for sid in statements] == labels
    missing = [json.loads(evidence)["missing"] for (evidence,) in db.execute(
        "select evidence from quote_checks q join statements s on s.id = q.statement_id where s.document_id = ?"
        " and q.scope = 'overall' order by s.seq", [document])]
    assert [[gap.split(":")[0] for gap in gaps] for gaps in missing] == labels
