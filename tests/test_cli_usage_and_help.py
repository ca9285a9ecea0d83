"""The command line's words: options that exclude each other, and a bad --every, refused as
usage errors, an empty database said so by every command that reads it, a file that is no SQLite
database named as such, one exit status for one mistake wherever it is made, a refused source's
reason with the setting that lifts it, help texts that say what the commands do, and tables that
show words rather than Python's values."""

from __future__ import annotations

import gzip
import json
import os
import shutil

import pytest

import db as database
from crawler.check.results import refused_note
from crawler.cli import cli
from tests.clirun import cli_here
from tests.conftest import LETTER, ROOT
from tests.test_config_errors import invoke


def usage_error(result) -> str:
    """The command was refused as a usage error (exit 2, click's "Usage:" lines, then one
    `Error:` line); return that line."""
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.output
    return errors[0]


def one_error(result) -> str:
    """The command failed (exit 1) with exactly one line, an `Error:` line; return it."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


# ------------------------------------------------------------------ options that exclude each other

def test_search_refuses_phrase_and_fts_together_whichever_comes_first(runner, letter_db):
    """Both wrote one option, so the last one won: `--phrase --fts` found a row that
    `--fts --phrase` did not, and neither said a word."""
    for order in (["--phrase", "--fts"], ["--fts", "--phrase"]):
        result = runner.invoke(cli, ["search", *order, "void null", "--db", str(letter_db)])
        assert usage_error(result) == ("Error: --phrase and --fts cannot be given together: give one (an --fts "
                                       "query writes a phrase in double quotes: --fts '\"null and void\" annex')")


def test_crawl_refuses_workers_without_redis_and_crawls_nothing(runner, letter_db):
    """The help says "With --redis"; without it, `--workers 2` ran an ordinary crawl."""
    result = runner.invoke(cli, ["crawl", "--workers", "2", "--limit", "1", "--db", str(letter_db)])
    assert usage_error(result) == ("Error: --workers goes with --redis (the workers of a crawl shared through "
                                   "Redis): add --redis redis://HOST:6379/0, or drop --workers to crawl here alone")
    assert database.open_db(letter_db)["crawls"].count == 0


def test_crawl_takes_workers_with_a_redis_url_from_the_environment(runner, letter_db):
    """redis_url set as a setting (CITEWATCH_REDIS_URL, citewatch.toml) is --redis's default:
    --workers goes with it, and the crawl goes on to Redis (a closed port here: its own error)."""
    result = runner.invoke(cli, ["crawl", "--workers", "1", "--limit", "1", "--db", str(letter_db)],
                           env={"CITEWATCH_REDIS_URL": "redis://127.0.0.1:9/0"})
    assert result.exit_code == 1 and "goes with --redis" not in result.output, result.output
    assert "redis://127.0.0.1:9/0" in result.output


def test_schedule_refuses_cron_and_systemd_together_and_writes_no_unit(runner, letter_db, tmp_path):
    """It printed the cron line and also wrote both unit files."""
    units = tmp_path / "units"
    units.mkdir()
    result = runner.invoke(cli, ["schedule", "--cron", "--systemd", str(units), "--db", str(letter_db)])
    assert usage_error(result) == ("Error: --cron and --systemd cannot be given together: choose one (run "
                                   "`citewatch schedule` once with each to have both)")
    assert list(units.iterdir()) == [] and "citewatch run --scheduled" not in result.output


def test_schedule_refuses_a_unit_name_for_a_crontab_line(runner, letter_db, tmp_path):
    """--name names the systemd units: given with --cron alone it was dropped without a word."""
    result = runner.invoke(cli, ["schedule", "--cron", "--name", "letters", "--db", str(letter_db)])
    assert usage_error(result) == ("Error: --name goes with --systemd DIR (it names the unit files); a crontab "
                                   "line has none: drop --name")
    written = runner.invoke(cli, ["schedule", "--systemd", str(tmp_path), "--name", "letters", "--db", str(letter_db)])
    assert written.exit_code == 0 and (tmp_path / "letters.timer").exists(), written.output


# ------------------------------------------------------------------ an empty database

@pytest.mark.parametrize("args, what", [(["status"], "report"), (["reconcile"], "reconcile"),
                                        (["archive"], "archive"), (["archive", "--dry-run"], "archive"),
                                        (["resolve"], "resolve")])
def test_a_database_with_no_document_says_so_in_one_line(runner, db, db_path, args, what):
    """Empty tables, a line of zeros or raw keys with blank cells read as a database checked and
    found clean; `crawl` and `search` said "ingest a document first".  Not an error: exit 0."""
    result = runner.invoke(cli, [*args, "--db", str(db_path)], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert result.output == (f"{db_path} holds no document yet, nothing to {what}: ingest one first "
                             "(`citewatch ingest DOC`)\n")


# ------------------------------------------------------------------ a file that is no SQLite database

def test_a_file_that_is_not_sqlite_is_named_so_and_not_sent_to_recover(runner, tmp_path):
    """A copy of README.md given as --db was "damaged or not a SQLite database … run `sqlite3
    readme.md .recover`": SQLite's 16-byte header tells the two apart."""
    readme = tmp_path / "readme.md"
    shutil.copyfile(ROOT / "README.md", readme)
    before = readme.read_bytes()
    for args in (["status"], ["ingest", str(LETTER)]):
        line = one_error(runner.invoke(cli, [*args, "--db", str(readme)]))
        assert line == (f"Error: {readme} is not a SQLite database: it does not begin with SQLite's header; "
                        "pass --db with your citewatch database, or with a new file name to start one")
    assert readme.read_bytes() == before


def test_a_damaged_sqlite_file_is_still_sent_to_recover(runner, tmp_path):
    """A real SQLite file (its header intact) whose pages cannot be read keeps the advice to recover it."""
    damaged = tmp_path / "cw.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    line = one_error(runner.invoke(cli, ["status", "--db", str(damaged)]))
    assert line.startswith(f"Error: {damaged} is damaged or not a SQLite database (") and \
        f"run `sqlite3 {damaged} .recover`" in line


# ------------------------------------------------------------------ one mistake, one exit status

@pytest.mark.parametrize("query, said", [
    ("", "Error: the query is empty; give the words to look for"),
    ("...", "Error: '...' has no words, only punctuation; give the words to look for"),
])
def test_a_query_without_words_is_a_usage_error_as_checks_empty_quote_is(runner, letter_db, query, said):
    """`search ""` exited 1 and `check --quote ""` 2: README's table puts a bad argument under 2."""
    assert usage_error(runner.invoke(cli, ["search", query, "--db", str(letter_db)])) == said
    check = runner.invoke(cli, ["check", "--quote", query, "http://127.0.0.1:9/x", "--db", str(letter_db)])
    assert check.exit_code == 2, check.output


def test_an_fts_query_fts5_cannot_read_is_a_usage_error(runner, letter_db):
    """A bad argument, said in one line with its likeliest fix: a group in parentheses needs
    its AND (README's example), which FTS5's "syntax error near" does not say."""
    result = runner.invoke(cli, ["search", "--fts", "(a OR b) c", "--db", str(letter_db)])
    said = usage_error(result)
    assert said.startswith("Error: '(a OR b) c' is not an FTS5 query (")
    assert said.endswith("write AND after a group in parentheses, as in `(a OR b) AND c`, or drop --fts to look for "
                         "the words as given")


def test_a_folder_for_the_database_is_one_error_wherever_it_was_given(runner, tmp_path):
    """`--db afolder` exited 2 (click's own check, its words) and `CITEWATCH_DB=afolder` 1."""
    folder = tmp_path / "afolder"
    folder.mkdir()
    flag = one_error(runner.invoke(cli, ["status", "--db", str(folder)]))
    variable = one_error(runner.invoke(cli, ["status"], env={"CITEWATCH_DB": str(folder)}))
    assert flag == (f"Error: {folder} (from --db) is a folder, not a database file: give a file path, "
                    f"e.g. --db {folder / 'citewatch.db'}")
    assert variable == flag.replace("(from --db)", "(from CITEWATCH_DB)")
    assert list(folder.iterdir()) == []


# ------------------------------------------------------------------ a refused source

def test_check_says_why_a_source_was_refused_and_names_the_setting_as_ingest_does(tmp_path):
    """A loopback URL was "could not be fetched (refused)" with no reason or fix, where `ingest`
    of the same URL names allow_private_networks.  Nothing is sent to it (refused first)."""
    url = "http://127.0.0.1:9/statement"
    env = {k: v for k, v in os.environ.items() if k != "CITEWATCH_ALLOW_PRIVATE_NETWORKS"}
    env.update(CITEWATCH_DB=str(tmp_path / "cw.db"), CITEWATCH_DATA_DIR=str(tmp_path / "data"))
    checked = cli_here(env, "check", "--quote", "hello", url, "--format", "jsonl")
    row = json.loads(checked.stdout)
    advice = "set allow_private_networks (CITEWATCH_ALLOW_PRIVATE_NETWORKS) to read it"
    assert (row["verdict"], row["live_class"]) == ("unverifiable", "refused"), checked.stdout + checked.stderr
    assert row["reason"] == ("row 1: could not be fetched (refused) and no memento with text; the address "
                             f"127.0.0.1 is private, loopback, link-local or multicast: {advice}")
    ingested = cli_here(env, "ingest", url)
    assert ingested.returncode == 1 and advice in ingested.stderr, ingested.stderr


def test_a_refusal_no_setting_lifts_names_none():
    """A URL refused for its scheme (a redirect to ftp:) is refused whatever the setting says."""
    fetch = {"class": "refused", "url": "ftp://example.org/x", "error_message": "the scheme ftp: is not http(s)"}
    assert refused_note(fetch) == "the scheme ftp: is not http(s)"


# ------------------------------------------------------------------ help texts

def help_text(runner, command: str) -> str:
    result = runner.invoke(cli, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


FETCHING = ["run", "watch", "crawl", "archive", "resolve", "check", "worker"]
NOT_FETCHING = ["status", "report", "search", "verify", "ingest", "reconcile", "collect", "schedule"]


@pytest.mark.parametrize("command", FETCHING + NOT_FETCHING)
def test_verbose_is_offered_only_where_it_shows_scrapys_log_and_data_dir_gives_its_default(runner, command):
    said = help_text(runner, command)
    assert "--data-dir DIRECTORY Directory for WARC files and reports (default ./citewatch-data)." in said
    assert ("-v, --verbose Show Scrapy's log of the fetches on standard error." in said) == (command in FETCHING)
    assert "the stages' logs" not in said


def test_verbose_is_still_accepted_where_it_is_not_offered(runner, letter_db):
    """A script that passes -v to every command keeps working, as one passing --db to `worker`."""
    result = runner.invoke(cli, ["status", "-v", "--db", str(letter_db)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", ["run", "watch"])
def test_run_and_watch_help_give_exit_statuses_1_and_2(runner, command):
    said = help_text(runner, command)
    assert "1 for an error, said in one line" in said or "1 when a run failed" in said
    assert "2 for a usage error" in said


def test_schedule_help_says_which_settings_the_schedule_carries(runner):
    said = help_text(runner, "schedule")
    assert ("every CITEWATCH_* variable set now written into the line or the service" in said
            and "IA_ACCESS_KEY and IA_SECRET_KEY are never written" in said)


def test_verify_writes_json_lines_with_the_fields_of_its_json_as_the_schema_says(runner, letter_db, tmp_path):
    """docs/report-schema.md: "JSON Lines and JSON carry the same fields"; --format had no jsonl."""
    assert "`citewatch verify --format csv`" in (ROOT / "docs" / "report-schema.md").read_text()
    warc = tmp_path / "data" / "warc"
    warc.mkdir(parents=True)
    (warc / "left-behind.warc.gz").write_bytes(gzip.compress(b"no WARC record\r\n"))
    found = {}
    for fmt in ("jsonl", "json"):
        result = runner.invoke(cli, ["verify", "--format", fmt, "--db", str(letter_db), "--data-dir", str(tmp_path / "data")])
        assert result.exit_code in (0, 3), result.output
        found[fmt] = [json.loads(line) for line in result.stdout.splitlines()] if fmt == "jsonl" else json.loads(result.stdout)
    assert found["jsonl"] == found["json"] and found["json"]


# ------------------------------------------------------------------ tables in words

def test_settings_shows_values_as_they_are_written_not_pythons(runner, tmp_path):
    result = runner.invoke(cli, ["settings", "--db", "letters.db"],
                           env={"CITEWATCH_NETWORK_CANARIES": "https://a.example/,https://b.example/"})
    assert result.exit_code == 0, result.output
    rows: dict[str, str] = {}   # {setting: its value cell, its lines joined (however narrow the table, it folds)}
    for line in result.output.splitlines():
        if "│" in line:   # a setting's row, or its cells' next line (its name's cell empty)
            name, value = (cell.strip() for cell in line.split("│")[1:3])
            setting = name or setting
            rows[setting] = rows.get(setting, "") + value if name == "" else value
    assert (rows["db"], rows["autothrottle"], rows["allow_private_networks"]) == ("letters.db", "true", "false")
    assert rows["network_canaries"].replace(" ", "") == "https://a.example/,https://b.example/"   # (a fold takes ", "'s space)
    assert not [value for value in rows.values() if value[:1] in ("'", "[") or value in ("True", "False")], rows


def test_reconcile_starts_with_its_table_not_a_blank_line(runner, letter_db):
    result = runner.invoke(cli, ["reconcile", "--db", str(letter_db)])
    assert result.exit_code == 0 and result.stdout.splitlines()[0].strip() == "quote verdicts", result.stdout


def test_an_offline_run_says_yes_and_no_and_a_scheduled_one_that_nothing_could_be_checked(env, tmp_path):
    """`citewatch run` offline (exit 4): its table said `new: True`, `resumed: False`; the
    scheduled run after it ended "Nothing changed since the previous run.", true but read as a
    good run, its checks withdrawn."""
    env = {**env, "CITEWATCH_CRAWL_SOCIAL": "false"}   # (the letter's web citations suffice)
    first = cli_here(env, "run", str(LETTER))
    said = " ".join(first.stdout.split())
    assert first.returncode == 4, first.stdout + first.stderr
    assert "new: yes" in said and "resumed: no" in said and "True" not in said and "False" not in said
    scheduled = cli_here(env, "run", "--scheduled")
    said = " ".join(scheduled.stdout.split())
    assert scheduled.returncode == 4, scheduled.stdout + scheduled.stderr
    assert ("Nothing could be checked (the network seemed unreachable): no change to report since the previous "
            "run.") in said and "Nothing changed" not in said


def test_status_after_an_offline_scheduled_run_says_nothing_could_be_checked(env):
    """`run --scheduled` whose crawl found the network unreachable says so; `status` right after
    said "Nothing changed since the previous run." of it, read as all found well."""
    from tests.clirun import cli_here
    from tests.test_letter_run import FAST

    offline = {**env, **FAST, "CITEWATCH_CRAWL_SOCIAL": "false"}
    assert cli_here(offline, "run", str(LETTER)).returncode == 4
    scheduled = cli_here(offline, "run", "--scheduled")
    assert scheduled.returncode == 4, scheduled.stdout + scheduled.stderr
    said = " ".join(cli_here(offline, "status").stdout.split())
    assert "Nothing could be checked (the network seemed unreachable): no change to report since the previous" in said
    assert "Nothing changed" not in said


@pytest.mark.parametrize("args", [["schedule", "--cron", "--every", "5x"], ["watch", "--every", "0"]],
                         ids=["schedule-5x", "watch-0"])
def test_a_bad_every_is_a_usage_error(runner, letter_db, args):
    result = invoke(runner, *args, "--db", letter_db)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1].startswith("Error: Invalid value for '--every': "
                                                      f"{args[-1]} "), result.output
