"""One-line messages that name the input and the fix, for inputs that used to be ignored or
misnamed: ids that name no row, documents and quote sources that cannot be read, intervals
cron cannot keep, and help texts that promised what the command does not do."""

from __future__ import annotations

import pytest

import db as database
from crawler.cli import cli
from tests.conftest import LETTER


@pytest.fixture
def letter_db(runner, db_path):
    """A database holding the example letter (document 1, its 42 statements and citations)."""
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(LETTER)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db_path


def one_error(result) -> str:
    """The command failed with exactly one `Error:` line; return it."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


@pytest.mark.parametrize("args, expected", [
    (["reconcile", "--document", "99"],
     "Error: --document 99: no such document; `citewatch status` lists the documents with their ids"),
    (["reconcile", "--statement", "999"],
     "Error: --statement 999: no such statement; `citewatch report --format json` lists every statement with its id"),
    (["resolve", "--citation", "999"],
     "Error: --citation 999: no such citation; `citewatch report --format json` lists every citation with its citation_id"),
    (["report", "--document", "99"],
     "Error: --document 99: no such document; `citewatch status` lists the documents with their ids"),
])
def test_an_id_that_names_no_row_is_an_error(runner, letter_db, args, expected):
    result = runner.invoke(cli, [*args, "--db", str(letter_db)])
    assert one_error(result) == expected
    assert not database.open_db(letter_db)["quote_checks"].count


def test_resolve_refuses_a_citation_that_is_not_a_post(runner, letter_db):
    web = database.open_db(letter_db).execute("select id from citations where kind = 'web' limit 1").fetchone()[0]
    result = runner.invoke(cli, ["resolve", "--citation", str(web), "--db", str(letter_db)])
    assert one_error(result).startswith(f"Error: --citation {web}: a web citation, not a Twitter or Facebook one;")


def test_a_statement_outside_the_document_given_is_an_error(runner, letter_db):
    result = runner.invoke(cli, ["reconcile", "--document", "1", "--statement", "1", "--db", str(letter_db)])
    assert result.exit_code == 0, result.output
    db = database.open_db(letter_db)
    db["documents"].insert({"id": 2, "sha256": "x", "kind": "letter", "ingested_at": database.now()})
    result = runner.invoke(cli, ["reconcile", "--document", "2", "--statement", "1", "--db", str(letter_db)])
    assert one_error(result) == ("Error: --statement 1 is not in --document 2; "
                                 "give one of them, or the statement's own document")


def test_status_lists_the_documents_with_the_ids_report_takes(runner, letter_db):
    result = runner.invoke(cli, ["status", "--db", str(letter_db)], catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "Letter dated 13 May 2020" in line)
    assert row.split("│")[1:4] == [" 1  ", " letter ", " 42         "]
