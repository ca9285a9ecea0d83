"""A stage the archive stopped (5xx or no answer, call after call) says which command to run
again: the one the user typed, with its --db (crawler/run.py `advice_naming`), in `citewatch
archive`, `citewatch resolve` and `citewatch run` alike (a `citewatch watch`, which runs the
stage again itself, names the stage's own); the reasons stored on the citations name
`citewatch resolve`, whatever the command.  Real runs against the test web's archive,
its CDX answering 503 (tests/web/wayback.py), backoffs shrunk through settings."""

from __future__ import annotations

import json

import pytest

import db as database
from crawler.cli import cli
from tests.test_social import add_social_citation

QUOTE = "We condemn the so-called elections held in the occupied territories."


def social_citations(db, many: int = 4) -> list[int]:
    """A letter citing `many` Twitter accounts, each a citation for resolve to search."""
    document = db["documents"].insert({"sha256": "advice", "kind": "letter", "ingested_at": database.now()}).last_pk
    return [add_social_citation(db, document, seq, "twitter", f"@Ministry{seq}", "2020-03-31", QUOTE)
            for seq in range(1, many + 1)]


def invoke_as_typed(runner, monkeypatch, typed: list[str], env: dict):
    """The CLI run as the user typed `citewatch TYPED…` (sys.argv names the command to run again)."""
    monkeypatch.setattr("sys.argv", ["/usr/local/bin/citewatch", *typed])
    return runner.invoke(cli, typed, env=env, catch_exceptions=False)


@pytest.mark.parametrize("typed, command", [
    (["resolve", "--db", "test.db"], "citewatch resolve --db test.db"),
    (["run", "--scheduled", "--db", "test.db"], "citewatch run --scheduled --db test.db"),
    # a watch runs the stage again itself; the stage's own command is the one to run before that
    (["watch", "--max-runs", "1", "--db", "test.db"], "citewatch resolve"),
])
def test_a_resolve_stage_the_archive_stopped_names_the_command_the_user_ran(
        typed, command, archive, tmp_path, db, runner, monkeypatch):
    archive.set(**{"cdx.503": 1000})
    ids = social_citations(db)
    monkeypatch.chdir(tmp_path)
    result = invoke_as_typed(runner, monkeypatch, typed, archive.env(tmp_path, archive_backoff=0))
    said = " ".join(result.output.split())
    assert "no further archive request this run; " in said   # the stop leaves the advice to the stage
    assert f"citations left to resolve; run `{command}` again later" in said
    assert "run the stage" not in said and ("`citewatch resolve`" not in said or command == "citewatch resolve")
    if typed[0] == "run":   # its crawl found no network (the accounts' hosts do not resolve): said so too
        assert f"check this machine's connection (or proxy) and run `{command}` again" in said
    for citation_id in ids:   # a record, read in a report: the stage's own command
        reason = json.loads(db["citations"].get(citation_id)["resolution"])["reason"]
        assert reason.endswith("run `citewatch resolve` again later")
