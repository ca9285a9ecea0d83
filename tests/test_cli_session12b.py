"""Bad input and the advice given for it (audit12c 3, 7, 13).

An error that tells the user a command to run names it with their own options (their --db):
followed as written, it acts on their database, not on a new ./citewatch.db.  Real runs of
the CLI as the user typed it (sys.argv names the command, crawler/run.py `this_command`), on
real SQLite files; the crawl runs offline as every test does (tests/conftest.py OFFLINE).
"""

from __future__ import annotations

import shlex

from crawler.cli import cli
from tests.conftest import LETTER
from tests.test_crawl import add_sources
from tests.test_ingest_replace import corrected
from tests.test_stop_advice import invoke_as_typed


def advice(output: str) -> str:
    """The command an error's one line says to run (between its backquotes)."""
    said = " ".join(output.split())
    return said.split("run `", 1)[1].split("`", 1)[0]


def test_the_changed_version_refusal_names_the_users_database_and_following_it_replaces_there(
        tmp_path, runner, monkeypatch):
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    db_path = tmp_path / "n2.db"
    assert invoke_as_typed(runner, monkeypatch, ["ingest", str(LETTER), "--db", str(db_path)], {}).exit_code == 0
    changed = tmp_path / "mod file.txt"
    changed.write_text(corrected(), encoding="utf-8")

    refused = invoke_as_typed(runner, monkeypatch, ["ingest", str(changed), "--db", str(db_path)], {})
    assert refused.exit_code == 1
    command = advice(refused.output)
    assert command == shlex.join(["citewatch", "ingest", "--replace", str(changed), "--db", str(db_path)])

    words = shlex.split(command)[1:]   # followed as written
    replaced = invoke_as_typed(runner, monkeypatch, words, {})
    assert replaced.exit_code == 0, replaced.output
    assert "replaced" in replaced.output and not (workdir / "citewatch.db").exists()


def test_run_document_refused_as_a_changed_version_advises_ingest_replace_with_its_options(
        tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db_path = tmp_path / "n2.db"
    assert invoke_as_typed(runner, monkeypatch, ["ingest", str(LETTER), "--db", str(db_path)], {}).exit_code == 0
    changed = tmp_path / "mod.txt"
    changed.write_text(corrected(), encoding="utf-8")
    refused = invoke_as_typed(runner, monkeypatch, ["run", str(changed), "--db", str(db_path)], {})
    assert refused.exit_code == 1
    assert advice(refused.output) == f"citewatch ingest --replace {changed} --db {db_path}"


def test_an_offline_crawl_says_to_run_the_crawl_again_as_the_user_typed_it(tmp_path, db, db_path, runner, monkeypatch):
    add_sources(db, ["https://ministry.example/statement", "https://embassy.example/speech"])
    monkeypatch.chdir(tmp_path)
    typed = ["crawl", "--db", db_path.name, "--limit", "2"]   # (short: a long path is wrapped mid-word)
    env = {"CITEWATCH_HOST_DELAY": "0", "CITEWATCH_FETCH_TIMEOUT": "1", "CITEWATCH_RETRIES": "0",
           "CITEWATCH_DATA_DIR": str(tmp_path / "data")}
    result = invoke_as_typed(runner, monkeypatch, typed, env)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "the network seems unreachable" in said
    assert advice(said.split("(or proxy)", 1)[1]) == shlex.join(["citewatch", *typed])
