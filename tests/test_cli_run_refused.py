"""`citewatch run DOC` with a document ingest refuses: one line, and no database made.

The document is read before the database is opened, as `citewatch ingest` reads it: a quote
list or an empty file once left an empty database behind (with its folder), which the next
`run --scheduled` or `report` took for a real one holding nothing."""

from __future__ import annotations

import pytest

import db as database
from crawler.cli import cli
from tests.conftest import ROOT

QUOTES = ROOT / "examples" / "quotes.csv"


def _empty(tmp_path):
    path = tmp_path / "in" / "empty.txt"
    path.parent.mkdir()
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize("document, said", [
    (lambda tmp_path: QUOTES, "is a quote list (rows with a quote and a source), not a compiled document"),
    (_empty, "the file is empty; give a compiled document"),
], ids=["quote list", "empty file"])
def test_a_refused_document_leaves_no_database(runner, tmp_path, document, said):
    path = document(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["run", str(path), "--db", str(out / "t.db"), "--data-dir", str(out / "data")])
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1 and said in result.output, result.output
    assert not out.exists()   # no database, no lock file, no data folder


def test_a_refused_document_leaves_an_existing_database_as_it_was(runner, tmp_path):
    db_path = tmp_path / "t.db"
    database.open_db(db_path).close()
    before = db_path.read_bytes()
    result = runner.invoke(cli, ["run", str(QUOTES), "--db", str(db_path), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 1, result.output
    assert db_path.read_bytes() == before
