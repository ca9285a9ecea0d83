"""Bad input and the advice given for it.

An error that tells the user a command to run names it with their own options (their --db):
followed as written, it acts on their database, not on a new ./citewatch.db.  Real runs of
the CLI as the user typed it (sys.argv names the command, crawler/run.py `this_command`), on
real SQLite files; the crawl runs offline as every test does (tests/conftest.py OFFLINE).
"""

from __future__ import annotations

import json
import shlex
import sqlite3
import subprocess

import pytest

from crawler.cli import cli
from crawler.run import this_command
from tests.conftest import LETTER
from tests.crawling import add_sources
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
    typed_again = ["citewatch", "ingest", "--replace", str(changed), "--db", str(db_path)]   # (run's own word gone)
    assert advice(refused.output) == shlex.join(typed_again)


def test_an_offline_crawl_says_to_run_the_crawl_again_as_the_user_typed_it(tmp_path, db, db_path, runner, monkeypatch):
    add_sources(db, ["https://ministry.example/statement", "https://embassy.example/speech"])
    monkeypatch.chdir(tmp_path)
    long_name = "long name ü with spaces and more words to make it long.db"
    with sqlite3.connect(long_name) as copy:
        db.conn.backup(copy)
    typed = ["crawl", "--db", long_name, "--limit", "2"]
    env = {"CITEWATCH_HOST_DELAY": "0", "CITEWATCH_FETCH_TIMEOUT": "1", "CITEWATCH_RETRIES": "0",
           "CITEWATCH_DATA_DIR": str(tmp_path / "data")}
    result = invoke_as_typed(runner, monkeypatch, typed, env)
    assert result.exit_code == 0, result.output
    assert "the network seems unreachable" in " ".join(result.output.split())
    # on one line, as a log or a pipe (80 columns) keeps it: copied from there, it names the same file
    assert any(f"run `{shlex.join(['citewatch', *typed])}` again" in line for line in result.output.splitlines())


@pytest.mark.parametrize("flags, said", [
    (["--quote", "abc def", "PAGE", "--date", "31.03.2020"],
     "--date '31.03.2020' is not YYYY-MM-DD; write it like 2020-03-31"),
    (["--quote", "abc def", "PAGE", "--date", "2020-02-30"],
     "--date '2020-02-30' does not exist in the calendar; check the day and the month"),
    (["--quote", "  ", "PAGE"], "--quote is empty; give the quoted words to look for in SOURCE"),
    (["--quote", "…", "PAGE"], "--quote: the quote has no words to look for"),
    (["--quote", "abc def", ""], "SOURCE is empty; give a URL, a Wayback memento URL, an @handle or a local file path"),
    (["--quote", "abc def ghi", "PAGE"],
     "--quote: the quote is 11 characters, over the limit of 10; split it or raise check_max_quote_chars"),
])
def test_a_bad_quote_flag_is_a_usage_error_naming_the_flag(flags, said, tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)   # the default data folder is made here, not in the working tree
    page = tmp_path / "statement.txt"
    page.write_text("abc def ghi, said the ministry.", encoding="utf-8")
    db_path = tmp_path / "q.db"
    typed = ["check", *[str(page) if flag == "PAGE" else flag for flag in flags], "--db", str(db_path)]
    result = runner.invoke(cli, typed, env={"CITEWATCH_CHECK_MAX_QUOTE_CHARS": "10"}, catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == f"Error: {said}"
    assert not db_path.exists()   # refused before the database is opened


def test_a_quote_flag_with_a_good_date_is_checked(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)   # the default data folder is made here, not in the working tree
    page = tmp_path / "statement.txt"
    page.write_text("abc def ghi, said the ministry.", encoding="utf-8")
    result = runner.invoke(cli, ["check", "--quote", "abc def ghi", str(page), "--date", "2020-03-31T10:00",
                                 "--db", str(tmp_path / "q.db"), "--format", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["verbatim"]


def test_an_output_in_a_missing_folder_is_refused_and_no_folder_made(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["ingest", "--db", "cw.db", str(LETTER)], catch_exceptions=False).exit_code == 0
    page = tmp_path / "statement.txt"
    page.write_text("abc def ghi, said the ministry.", encoding="utf-8")
    (tmp_path / "quotes.csv").write_text(f"quote,source\nabc def ghi,{page}\n", encoding="utf-8")
    for command, output in ((["report", "--db", "cw.db"], "nodir/sub/r.html"),
                            (["report", "--db", "cw.db", "--format", "json"], str(tmp_path / "typo" / "r.json")),
                            (["check", "quotes.csv", "--db", "checked.db", "--format", "csv"], "nodir/x.csv")):
        result = runner.invoke(cli, [*command, "-o", output], catch_exceptions=False)
        assert result.exit_code == 1, result.output
        folder = output.rsplit("/", 1)[0]
        assert result.output.splitlines() == [
            f"Error: -o {output}: no folder {folder}; create it first (mkdir -p -- {folder}) or fix the path"]
    assert not (tmp_path / "nodir").exists() and not (tmp_path / "typo").exists()
    assert not (tmp_path / "checked.db").exists()   # refused before the check opened a database

    (tmp_path / "out").mkdir()   # a folder that exists: written into as before
    for command, output in ((["report", "--db", "cw.db"], "out/r.html"),
                            (["check", "quotes.csv", "--db", "checked.db", "--format", "csv"], "out/x.csv")):
        result = runner.invoke(cli, [*command, "-o", output], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert (tmp_path / output).stat().st_size > 0


def test_the_advice_for_a_missing_folder_makes_it_when_followed(tmp_path, runner, monkeypatch):
    # a name starting with - (mkdir would read it as an option), a symbolic link to a missing
    # folder (mkdir -p on the link says "File exists"): the advice, run, makes what is missing
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["ingest", "--db", "cw.db", str(LETTER)], catch_exceptions=False).exit_code == 0
    (tmp_path / "dangling").symlink_to("gone")
    for output, said in (("-x/r.html", "no folder -x"),
                         ("dangling/r.html", f"dangling is a symbolic link to missing {tmp_path / 'gone'}")):
        result = runner.invoke(cli, ["report", "--db", "cw.db", "-o", output], catch_exceptions=False)
        assert result.exit_code == 1, result.output
        assert f"Error: -o {output}: {said}; create it first (mkdir -p -- " in result.output
        subprocess.run(shlex.split(advice_mkdir(result.output)), check=True, cwd=tmp_path)
        assert runner.invoke(cli, ["report", "--db", "cw.db", "-o", output], catch_exceptions=False).exit_code == 0
        assert (tmp_path / output).stat().st_size > 0


def advice_mkdir(output: str) -> str:
    """The mkdir command a missing folder's refusal gives (between its parentheses)."""
    return " ".join(output.split()).split("(mkdir", 1)[1].rsplit(")", 1)[0].join(["mkdir", ""])


def test_a_database_given_by_citewatch_db_alone_is_carried_into_the_advice(tmp_path, runner, monkeypatch):
    # `CITEWATCH_DB=cw.db citewatch ingest changed.txt`: the prefix is not exported, so the
    # advice followed as written must name the database itself, or it would make ./citewatch.db
    monkeypatch.chdir(tmp_path)
    database = {"CITEWATCH_DB": "my cw.db"}
    assert invoke_as_typed(runner, monkeypatch, ["ingest", str(LETTER)], database).exit_code == 0
    changed = tmp_path / "changed.txt"
    changed.write_text(corrected(), encoding="utf-8")

    refused = invoke_as_typed(runner, monkeypatch, ["ingest", str(changed)], database)
    assert refused.exit_code == 1
    command = advice(refused.output)
    assert command == shlex.join(["citewatch", "ingest", "--replace", str(changed), "--db", "my cw.db"])
    replaced = invoke_as_typed(runner, monkeypatch, shlex.split(command)[1:], {})   # followed without the variable
    assert replaced.exit_code == 0, replaced.output
    assert "replaced" in replaced.output and not (tmp_path / "citewatch.db").exists()

    # every command's advice alike; a --db typed beats the variable (crawler/config.py) and stays alone
    monkeypatch.setenv("CITEWATCH_DB", "my cw.db")
    monkeypatch.setattr("sys.argv", ["citewatch", "crawl", "--limit", "2"])
    assert this_command("citewatch crawl") == "citewatch crawl --limit 2 --db 'my cw.db'"
    monkeypatch.setattr("sys.argv", ["citewatch", "crawl", "--db=cw.db"])
    assert this_command("citewatch crawl") == "citewatch crawl --db=cw.db"
