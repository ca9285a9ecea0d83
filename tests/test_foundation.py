"""The skeleton: configuration layering, migrations, the test web, the CLI's help."""

import json
import urllib.request

import pytest

import db as database
from crawler.cli import cli
from crawler.config import ConfigError, load_config


def test_config_layers_defaults_file_env_flags(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citewatch.toml").write_text('fetch_timeout = 12.5\ndb = "from-file.db"\nretries = 5\n')
    config = load_config(env={"CITEWATCH_DB": "from-env.db", "CITEWATCH_RETRIES": "7"}, data_dir="flagdir")
    assert config.fetch_timeout == 12.5 and config.origins["fetch_timeout"].endswith("citewatch.toml")
    assert config.db == "from-env.db" and config.origins["db"] == "CITEWATCH_DB"
    assert config.retries == 7
    assert config.data_dir == "flagdir" and config.origins["data_dir"] == "flag"
    assert config.obey_robots is True and config.origins["obey_robots"] == "default"


def test_config_rejects_unknown_setting_and_bad_value(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text("fetch_timout = 3\n")
    with pytest.raises(ConfigError, match="unknown setting 'fetch_timout'"):
        load_config(bad, env={})
    with pytest.raises(ConfigError, match="CITEWATCH_RETRIES"):
        load_config(env={"CITEWATCH_RETRIES": "many"})


def test_migrations_run_on_open_and_are_recorded_once(db_path):
    first = database.open_db(db_path)
    applied = [r[0] for r in first.execute("select name from _sqlite_migrations")]
    assert applied and applied == sorted(applied)
    assert first.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again = database.open_db(db_path)
    assert [r[0] for r in again.execute("select name from _sqlite_migrations")] == applied
    assert {"documents", "statements", "citations", "sources", "fetches", "texts"} <= set(again.table_names())


def test_a_new_database_gets_large_pages_and_an_old_one_keeps_its_own(tmp_path):
    import sqlite_utils

    from db.migrations import migrations

    assert database.open_db(tmp_path / "new.db").execute("PRAGMA page_size").fetchone()[0] == database.PAGE_SIZE
    old = sqlite_utils.Database(tmp_path / "old.db")  # written with SQLite's default pages, as citewatch once did
    migrations.apply(old, stop_before=migrations._migrations[1].name)
    default = old.execute("PRAGMA page_size").fetchone()[0]
    old.close()
    assert default != database.PAGE_SIZE
    assert database.open_db(tmp_path / "old.db").execute("PRAGMA page_size").fetchone()[0] == default


def test_a_sqlite_without_the_trigram_tokenizer_is_refused_in_one_line_before_any_file(tmp_path, monkeypatch):
    """A Python linked with a SQLite older than 3.34 (Ubuntu 20.04's 3.31) has no trigram
    tokenizer: m016 would fail every open with "no such tokenizer".  The open is refused first,
    naming the version found, the one needed and the way out, and makes no folder or file."""
    import sqlite3

    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(sqlite3.NotSupportedError, match=r"SQLite is 3\.31\.1 and citewatch needs 3\.34\.0 or newer.*Python built"):
        database.open_db(tmp_path / "data" / "cw.db")
    assert not (tmp_path / "data").exists()


def test_a_command_on_a_sqlite_too_old_says_so_without_the_advice_for_a_bad_path(tmp_path, monkeypatch, runner):
    """The fix is another Python, not another --db: the command prints db.require_sqlite's line as it is."""
    import sqlite3

    database.open_db(tmp_path / "cw.db").close()
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    result = runner.invoke(cli, ["search", "statement", "--db", str(tmp_path / "cw.db")])
    assert result.exit_code == 1
    assert "SQLite is 3.31.1 and citewatch needs 3.34.0 or newer" in result.output
    assert "cannot open" not in result.output and "pass --db" not in result.output


def test_test_web_serves_and_keeps_state(web):
    assert set(web) >= {"main", "other"}
    assert web["main"] != web["other"]
    urllib.request.urlopen(web["main"] + "/_control/set?flag=on").read()
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(web["main"] + "/no-such-fixture")
    assert err.value.code == 404


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(runner, name):
    result = runner.invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example:" in result.output, f"`citewatch {name} --help` shows no example"


def test_settings_command_lists_every_setting_as_json(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CITEWATCH_HOST_DELAY", "0.25")
    result = runner.invoke(cli, ["settings", "--json"], catch_exceptions=False)
    values = json.loads(result.output)
    assert values["host_delay"] == 0.25
