"""A mistyped --db, command by command: each one that works on what a database holds
refuses a missing one in one line and leaves no file behind (crawl, resolve, reconcile and
archive once made a new empty database, with their lock file beside it, and reported all
zeros with exit status 0); those that bring a document in make it; the others make none."""

from __future__ import annotations

import re

import pytest

from crawler.cli import cli
from tests.clirun import MARKER
from tests.conftest import LETTER

REFUSES, MAKES, NONE = "refuses", "makes it", "makes none"
MARKED = "refuses, after the line its log's run begins with"   # (tests/test_schedule_output.py)
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"

# Every command that takes --db, with what it does when the database is missing.  `run
# DOCUMENT` makes it too (tests/test_letter_run.py), `demo` makes its own in --dir, and
# `settings` takes --db only to list it with its origin.
COMMANDS = [
    (["crawl"], REFUSES),
    (["resolve"], REFUSES),
    (["reconcile"], REFUSES),
    (["archive"], REFUSES),
    (["archive", "--dry-run"], REFUSES),
    (["collect", "--redis", UNREACHABLE_REDIS], REFUSES),
    (["status"], REFUSES),
    (["report"], REFUSES),
    (["report", "--format", "json"], REFUSES),
    (["search", "border"], REFUSES),
    (["verify"], REFUSES),
    (["watch", "--max-runs", "1"], REFUSES),
    (["run", "--scheduled"], MARKED),
    (["ingest", str(LETTER)], MAKES),
    (["check", "--quote", "does not recognise the elections", "PAGE"], MAKES),
    (["schedule", "--cron"], REFUSES),   # it schedules `run --scheduled`, which refuses one
    (["worker", "--redis", UNREACHABLE_REDIS, "--wait", "0"], NONE),
    (["settings"], NONE),
]


def test_every_command_that_takes_a_database_is_listed():
    """A new command must say here what it does with a missing database."""
    takes_db = {name for name, command in cli.commands.items() if any(p.name == "db_path" for p in command.params)}
    assert {args[0] for args, _ in COMMANDS} == takes_db


@pytest.mark.parametrize("args, outcome", COMMANDS, ids=[" ".join(args[:2]) for args, _ in COMMANDS])
def test_a_missing_database_is_refused_by_every_command_that_needs_one(runner, tmp_path, args, outcome):
    typo = tmp_path / "typo.db"
    page = tmp_path / "in" / "page.txt"
    if "PAGE" in args:
        page.parent.mkdir()
        page.write_text("The ministry does not recognise the elections.\n", encoding="utf-8")
    args = [str(page) if arg == "PAGE" else arg for arg in args]
    result = runner.invoke(cli, [*args, "--db", str(typo), "--data-dir", str(tmp_path / "data")])
    if outcome in (REFUSES, MARKED):
        assert result.exit_code == 1, result.output
        lines = result.output.splitlines()
        if outcome == MARKED:
            assert re.fullmatch(MARKER + "citewatch run --scheduled", lines.pop(0)), result.output
        assert lines == [f"Error: no database at {typo}; run `citewatch ingest DOC` (or `citewatch run DOC`) first"]
        assert list(tmp_path.iterdir()) == []   # no database, no lock file, no data folder
    elif outcome == MAKES:
        assert result.exit_code == 0, result.output
        assert typo.is_file()
    else:
        assert not list(tmp_path.glob("typo.db*")), result.output
