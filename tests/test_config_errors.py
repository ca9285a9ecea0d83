"""Input no stage can work around: one line naming it and the fix, a non-zero exit, no traceback.

Out-of-range settings (from the environment, a citewatch.toml or a flag), a damaged
database, a data directory or -o path that cannot be written, a malformed Redis URL.
Every CLI call here passes catch_exceptions=False: a traceback fails the test.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import db as database
from crawler.cli import cli
from crawler.export import OutputError, output_file
from crawler.config import SETTINGS, Bounds, ConfigError, load_config


def invoke(runner, *args, env=None):
    return runner.invoke(cli, [*map(str, args)], env=env, catch_exceptions=False)


def one_line_error(result, *fragments: str) -> None:
    """The command failed with one `Error:` line holding every fragment, and wrote nothing else."""
    assert result.exit_code not in (0, None), result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# ------------------------------------------------------------------ settings out of range

OUT_OF_RANGE = [
    ("FETCH_TIMEOUT", "-5", "CITEWATCH_FETCH_TIMEOUT: -5 must be greater than 0"),
    ("FETCH_TIMEOUT", "0", "CITEWATCH_FETCH_TIMEOUT: 0 must be greater than 0"),
    ("FETCH_TIMEOUT", "nan", "CITEWATCH_FETCH_TIMEOUT: nan must be a finite number"),
    ("FETCH_TIMEOUT", "inf", "CITEWATCH_FETCH_TIMEOUT: inf must be a finite number"),
    ("MAX_SIZE", "-1", "CITEWATCH_MAX_SIZE: -1 must be 1 or more"),
    ("INGEST_MAX_BYTES", "-1", "CITEWATCH_INGEST_MAX_BYTES: -1 must be 1 or more"),
    ("CONCURRENCY", "0", "CITEWATCH_CONCURRENCY: 0 must be 1 or more"),
    ("PER_HOST_CONCURRENCY", "0", "CITEWATCH_PER_HOST_CONCURRENCY: 0 must be 1 or more"),
    ("SAVE_PER_MINUTE", "-1", "CITEWATCH_SAVE_PER_MINUTE: -1 must be 0 (no limit) or 0.01 or more"),
    ("RETRIES", "-3", "CITEWATCH_RETRIES: -3 must be 0 or more"),
    ("HOST_DELAY", "-1", "CITEWATCH_HOST_DELAY: -1 must be 0 or more"),
    ("DEAD_AFTER_CHECKS", "0", "CITEWATCH_DEAD_AFTER_CHECKS: 0 must be 1 or more"),
    ("ARCHIVE_TIMEOUT", "0", "CITEWATCH_ARCHIVE_TIMEOUT: 0 must be greater than 0"),
    ("SOCIAL_MIN_SCORE", "101", "CITEWATCH_SOCIAL_MIN_SCORE: 101 must be from 0 to 100"),
    ("RECHECK_LIVE", "-1d", "CITEWATCH_RECHECK_LIVE: -1d must be from 0s to 3650d"),
    ("RECHECK_FAILING", "1e300s", "CITEWATCH_RECHECK_FAILING: 1e300s must be from 0s to 3650d"),
    ("SAVE_IF_OLDER_THAN", "3651d", "CITEWATCH_SAVE_IF_OLDER_THAN: 3651d must be from 0s to 3650d"),
    ("RECHECK_DEAD", "soon", "CITEWATCH_RECHECK_DEAD: soon is not a duration; write it like 30d"),
    ("CONCURRENCY", "abc", "CITEWATCH_CONCURRENCY: 'abc' is not a whole number (default 16)"),
    ("MAX_SIZE", "1" + "0" * 400, "CITEWATCH_MAX_SIZE: 10000000000000000000... (401 characters) is too large"),
    ("WATCH_EVERY", "0", "CITEWATCH_WATCH_EVERY: 0 must be greater than 0s and 366d or less"),
    ("WATCH_EVERY", "1e300s", "CITEWATCH_WATCH_EVERY: 1e300s must be greater than 0s and 366d or less"),
]


@pytest.mark.parametrize("name, value, message", OUT_OF_RANGE)
def test_a_setting_out_of_range_is_one_line_naming_the_variable(runner, tmp_path, name, value, message):
    result = invoke(runner, "crawl", "--db", tmp_path / "cw.db", "--data-dir", tmp_path / "data",
                    env={f"CITEWATCH_{name}": value})
    one_line_error(result, message)


def test_a_negative_timeout_stores_no_fetch_instead_of_blaming_the_network(runner, letter_db, tmp_path):
    # Before: every fetch was stored as a connection error and the crawl said
    # the network seemed unreachable.
    result = invoke(runner, "crawl", "--db", letter_db, "--data-dir", tmp_path / "data",
                    env={"CITEWATCH_FETCH_TIMEOUT": "-5"})
    one_line_error(result, "CITEWATCH_FETCH_TIMEOUT: -5 must be greater than 0")
    db = database.open_db(letter_db)
    assert db["fetches"].count == 0 and db["crawls"].count == 0


# ------------------------------------------------------------------ variables that name no setting

@pytest.mark.parametrize("variable, meant", [
    ("CITEWATCH_WAYBACKURL", " (did you mean CITEWATCH_WAYBACK_URL?)"),
    ("citewatch_wayback_url", " (did you mean CITEWATCH_WAYBACK_URL?)"),   # the shell's case is exact
    ("CITEWATCH_HOST_DELY", " (did you mean CITEWATCH_HOST_DELAY?)"),
    ("CITEWATCH_ZZZQQQ", ""),                                               # nothing close: no guess
])
def test_a_variable_that_names_no_setting_is_refused_as_a_config_file_key_is(runner, tmp_path, variable, meant):
    """It was ignored unsaid: CITEWATCH_WAYBACKURL sent the archive's traffic to the real Wayback Machine."""
    settings = invoke(runner, "settings", "--json", env={variable: "http://127.0.0.1:9"})
    one_line_error(settings, f"Error: {variable} names no setting{meant}: rename or unset it",
                   "`citewatch settings` lists them")
    if not meant:
        assert "did you mean" not in settings.output
    archive = invoke(runner, "archive", "--db", tmp_path / "cw.db", "--data-dir", tmp_path / "data",
                     env={variable: "http://127.0.0.1:9"})
    assert archive.output == settings.output and archive.exit_code == 1
    assert not (tmp_path / "cw.db").exists()   # refused before anything was opened


def test_every_variable_that_names_no_setting_is_named_at_once(runner):
    result = invoke(runner, "settings", "--json", env={"CITEWATCH_A": "1", "CITEWATCH_HOST_DELY": "0"})
    one_line_error(result, "Error: CITEWATCH_A names no setting; CITEWATCH_HOST_DELY names no setting (did you mean "
                           "CITEWATCH_HOST_DELAY?): rename or unset it")


def test_every_settings_own_variable_is_read():
    """The refusal spares each setting's variable, all of them set at once (as the defaults)."""
    def written(value):
        return ",".join(value) if isinstance(value, list) else str(value).lower() if isinstance(value, bool) else str(value)

    config = load_config(env={s.env_var: written(s.default) for s in SETTINGS})
    assert set(config.origins.values()) == {s.env_var for s in SETTINGS}


@pytest.mark.parametrize("line, message", [
    ("fetch_timeout = -5", "fetch_timeout: -5 must be greater than 0"),
    ("fetch_timeout = nan", "fetch_timeout: nan must be a finite number"),
    ("retries = true", "retries: true is not a whole number (default 2)"),
    ("retries = 1.5", "retries: 1.5 is not a whole number (default 2)"),
    # social.py counts whole UTC days (int() at the point of use): a fraction would be dropped unsaid
    ("social_days_before = 0.5", "social_days_before: 0.5 is not a whole number (default 1)"),
    ("recheck_live = true", "recheck_live: true is not a duration; write it like 30d"),
    ("recheck_live = 1" + "0" * 400, "recheck_live: 10000000000000000000... (401 characters) is too large"),
    ("max_size = 1" + "0" * 400, "max_size: 10000000000000000000... (401 characters) is too large"),
    ("concurrency = 0", "concurrency: 0 must be 1 or more"),
    ('redis_url = "localhost:6379"', "redis_url: localhost:6379 is not a Redis URL; write redis://HOST:6379/0"),
])
def test_a_config_file_value_out_of_range_names_the_file_and_setting(tmp_path, line, message):
    path = tmp_path / "citewatch.toml"
    path.write_text(line + "\n")
    with pytest.raises(ConfigError) as error:
        load_config(path, env={})
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)
    assert str(error.value).count(message.split(":")[0]) == 1  # the setting is named once


@pytest.mark.parametrize("line", ["memento_window_days = 0.5", "dead_after_days = 0.5"])
def test_a_fraction_of_a_day_stays_valid_where_the_days_are_read_as_a_float(tmp_path, line):
    # archive/rescue.py and crawler/state.py read these with float(): half a day is half a day.
    path = tmp_path / "citewatch.toml"
    path.write_text(line + "\n")
    name = line.split(" =")[0]
    assert load_config(path, env={}).values[name] == 0.5
    assert load_config(env={f"CITEWATCH_{name.upper()}": "0.5"}).values[name] == 0.5


def test_bounds_say_what_they_accept_whichever_ends_they_have():
    assert Bounds(high=5)(6) == "must be 5 or less"
    assert Bounds(0, 9, above=True)(0) == "must be greater than 0 and 9 or less"
    assert Bounds(0, 100)(101) == "must be from 0 to 100"
    assert Bounds(1)(10 ** 400) == "is too large"  # no float holds it: the check itself would overflow


def test_a_flag_out_of_range_names_the_flag(runner, tmp_path):
    with pytest.raises(ConfigError, match="--concurrency: 0 must be 1 or more"):
        load_config(env={}, concurrency="0")
    result = invoke(runner, "worker", "--redis", "redis://127.0.0.1:9/0", "--wait", "-5")
    assert result.exit_code == 2  # click's usage error: the usage line, then the one error line
    assert "Error: Invalid value for '--wait': -5.0 is not in the range x>=0." in result.output.splitlines()


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_crawl_limit_below_one_is_refused_rather_than_read_as_no_limit(runner, letter_db, tmp_path, limit):
    result = invoke(runner, "crawl", "--db", letter_db, "--data-dir", tmp_path / "data", "--limit", limit)
    assert result.exit_code == 2 and f"Invalid value for '--limit': {limit} is not in the range x>=1." in result.output
    assert database.open_db(letter_db)["fetches"].count == 0


# Zero means "none" or "no limit" for these, and the test suite and the demo rely on it.
ZERO_IS_FINE = ["RETRIES", "HOST_DELAY", "RETRY_BACKOFF", "CDX_PER_MINUTE", "SAVE_PER_MINUTE", "SAVE_PER_MINUTE_KEYS",
                "DEAD_AFTER_DAYS", "FACEBOOK_CAPTURE_DAYS", "EXTRACT_WORKERS", "ARCHIVE_BACKOFF", "MEMENTO_WINDOW_DAYS",
                "SOCIAL_DAYS_BEFORE", "SOCIAL_DAYS_AFTER", "RETRY_AFTER_DEFAULT", "RETRY_AFTER_CAP", "SOCIAL_MIN_SCORE"]


def test_zero_stays_valid_where_it_means_none_or_no_limit():
    config = load_config(env={f"CITEWATCH_{name}": "0" for name in ZERO_IS_FINE})
    assert all(config.values[name.lower()] == 0 for name in ZERO_IS_FINE)


def test_every_numeric_setting_declares_its_bounds_and_its_default_is_within_them():
    numeric = [s for s in SETTINGS if isinstance(s.default, (int, float)) and not isinstance(s.default, bool)]
    assert [s.name for s in numeric if s.check is None] == []
    assert [s.name for s in SETTINGS if s.check and s.check(s.default)] == []


# ------------------------------------------------------------------ a damaged database

def damage_table(path, table: str) -> None:
    """Overwrite the root page of `table` with 0xff bytes, as a bad disk or a stray write would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file, none left in the WAL
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    con.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


@pytest.mark.parametrize("command", [["status"], ["report", "--format", "csv"], ["resolve"], ["reconcile"]])
def test_a_damaged_page_is_one_line_with_the_way_out(runner, letter_db, tmp_path, command):
    damage_table(letter_db, "citations")
    result = invoke(runner, *command, "--db", letter_db, "--data-dir", tmp_path / "data")
    one_line_error(result, f"{letter_db} is damaged or not a SQLite database (database disk image is malformed)",
                   f"run `sqlite3 {letter_db} .recover`")


def test_watch_stops_at_a_damaged_database_instead_of_failing_every_run(runner, letter_db, tmp_path):
    damage_table(letter_db, "sources")
    result = invoke(runner, "watch", "--db", letter_db, "--data-dir", tmp_path / "data", "--max-runs", "2", "--every", "0.01s")
    assert result.exit_code == 1 and "failed" not in result.output and "next run" not in result.output.lower()
    assert result.output.splitlines()[-1] == (
        f"Error: {letter_db} is damaged or not a SQLite database (database disk image is malformed); "
        f"restore a backup, run `sqlite3 {letter_db} .recover`, or pass --db with another database")


def test_a_file_that_is_no_database_says_so_at_open(runner, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("these are notes, not a database\n" * 200)
    one_line_error(invoke(runner, "status", "--db", notes), f"{notes} is not a SQLite database: it does not begin with "
                   "SQLite's header", "pass --db with your citewatch database")


# ------------------------------------------------------------------ data directory and -o

def test_a_data_directory_that_is_a_file_is_one_line(runner, letter_db, tmp_path):
    taken = tmp_path / "empty.txt"
    taken.write_text("")
    result = invoke(runner, "crawl", "--db", letter_db, "--limit", "1", env={"CITEWATCH_DATA_DIR": str(taken)})
    one_line_error(result, f"data directory {taken} is not writable (it is a file); set --data-dir or CITEWATCH_DATA_DIR")
    assert database.open_db(letter_db)["fetches"].count == 0


def test_a_data_directory_that_cannot_be_made_is_one_line(runner, letter_db, tmp_path):
    taken = tmp_path / "empty.txt"
    taken.write_text("")
    inside = taken / "data"
    result = invoke(runner, "report", "--db", letter_db, env={"CITEWATCH_DATA_DIR": str(inside)})
    one_line_error(result, f"data directory {inside} is not writable (", "set --data-dir or CITEWATCH_DATA_DIR")
    assert not (tmp_path / "report.html").exists()


@pytest.mark.parametrize("where", ["file.txt/report.html", "file.txt/deeper/report.html"])
def test_an_output_path_that_cannot_be_written_is_one_line(runner, letter_db, tmp_path, where):
    (tmp_path / "file.txt").write_text("")
    output = tmp_path / where
    result = invoke(runner, "report", "--db", letter_db, "--data-dir", tmp_path / "data", "-o", output)
    one_line_error(result, f"cannot write {output} (", "); choose another -o path")
    assert (tmp_path / "file.txt").read_text() == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_an_output_that_fills_up_while_written_is_one_line(runner, letter_db, tmp_path, fmt):
    # A full disk's error names no file (it comes from a write, not from open): the -o path is named all the same.
    result = invoke(runner, "report", "--db", letter_db, "--data-dir", tmp_path / "data", "--format", fmt, "-o", "/dev/full")
    one_line_error(result, "cannot write /dev/full (No space left on device); choose another -o path")


def test_an_error_naming_another_file_is_not_blamed_on_the_output(tmp_path):
    # A report reads other files as it writes (a WARC): their errors are theirs.
    with pytest.raises(FileNotFoundError, match="missing.warc.gz"):
        with output_file(tmp_path / "report.html") as out:
            out.write("<html>")
            open(tmp_path / "missing.warc.gz", "rb")
    with pytest.raises(OutputError, match=r"cannot write .*report\.html \(No space left on device\); choose another -o path"):
        with output_file(tmp_path / "report.html"):
            raise OSError(28, "No space left on device")   # a write's error names no file


# ------------------------------------------------------------------ Redis URLs

@pytest.mark.parametrize("args, env, message", [
    (["crawl", "--redis", "notaurl"], {}, "--redis: notaurl is not a Redis URL; write redis://HOST:6379/0"),
    (["worker", "--redis", "notaurl"], {}, "--redis: notaurl is not a Redis URL; write redis://HOST:6379/0"),
    (["worker", "--redis", "redis://host:port/0"], {}, "--redis: redis://host:port/0 is not a Redis URL (Port could not be"),
    (["collect"], {"CITEWATCH_REDIS_URL": "notaurl"}, "CITEWATCH_REDIS_URL: notaurl is not a Redis URL; write redis://"),
])
def test_a_malformed_redis_url_is_one_line(runner, tmp_path, args, env, message):
    result = invoke(runner, *args, "--db", tmp_path / "cw.db", "--data-dir", tmp_path / "data", env=env)
    one_line_error(result, message)


# ------------------------------------------------------------------ request rates

@pytest.mark.parametrize("value, accepted", [("0", True), ("0.01", True), ("48", True),
                                             ("1e-8", False), ("0.005", False), ("-1", False)])
def test_a_rate_is_none_or_at_least_one_request_in_100_minutes(value, accepted):
    # 1e-8 a minute was accepted: the archive stage would have waited 190 years for its second lookup
    for name in ("cdx_per_minute", "save_per_minute", "save_per_minute_keys"):
        if accepted:
            assert load_config(env={f"CITEWATCH_{name.upper()}": value}).values[name] == float(value)
        else:
            with pytest.raises(ConfigError, match=rf"^CITEWATCH_{name.upper()}: {value} must be 0 \(no limit\) or 0.01 or more$"):
                load_config(env={f"CITEWATCH_{name.upper()}": value})
