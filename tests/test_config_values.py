"""Settings checked where they are loaded: a value of the wrong TOML type, an empty path, a
User-Agent template that cannot be filled, a base URL that is none and a canary that is no
host are one line naming the setting, where it came from and the fix, from `citewatch settings`
as from every stage.

Every CLI call passes catch_exceptions=False: a traceback fails the test.
"""

from __future__ import annotations

import json

import pytest

import db as database
from crawler.config import SETTINGS, ConfigError, load_config
from crawler.spiderrun import user_agent
from tests.conftest import LETTER
from tests.test_config_errors import invoke, one_line_error


# ------------------------------------------------------------------ the wrong TOML type

@pytest.mark.parametrize("line, message", [
    ("db = 5", 'db: 5 is not text; write it in quotes: db = "5"'),
    ("data_dir = true", 'data_dir: true is not text; write it in quotes: data_dir = "true"'),
    ("user_agent = 1.5", 'user_agent: 1.5 is not text; write it in quotes: user_agent = "1.5"'),
    ("db = {name = 1}", "db: {'name': 1} is not text; write it in quotes: db = \"citewatch.db\""),
    ("nitter_mirrors = 5", 'nitter_mirrors: 5 is not a list of text; write it in quotes: nitter_mirrors = ["5"]'),
    ("network_canaries = [1, 2]", 'network_canaries: [1, 2] is not a list of text; write it in quotes: '
                                  'network_canaries = ["1", "2"]'),
    ("obey_robots = 1", "obey_robots: 1 is not true or false (default true)"),
    ("recheck_live = 1979-05-27", "recheck_live: 1979-05-27 is not a duration; write it like 30d"),
    ("recheck_live = [1]", "recheck_live: [1] is not a duration; write it like 30d"),
    ("db = 1979-05-27", 'db: 1979-05-27 is not text; write it in quotes: db = "1979-05-27"'),
    ("db = [1]", 'db: [1] is not text; write it in quotes: db = "1"'),
    ("db = []", 'db: [] is not text; write it in quotes: db = "citewatch.db"'),
    ("db = [[1]]", 'db: [[1]] is not text; write it in quotes: db = "..."'),
])
def test_a_toml_value_of_the_wrong_type_is_refused_naming_the_file_and_the_line_that_fixes_it(
        runner, tmp_path, line, message):
    # db = 5 failed `status` with a TypeError, nitter_mirrors = 5 `resolve` with another
    (tmp_path / "c.toml").write_text(line + "\n")
    for command in (["settings"], ["settings", "--json"], ["status", "--db", tmp_path / "cw.db"]):
        one_line_error(invoke(runner, *command, "--config", tmp_path / "c.toml"), f"Error: {tmp_path / 'c.toml'}: {message}")


@pytest.mark.parametrize("name, empty", [
    ("ca_bundle", ""), ("syndication_url", ""), ("redis_url", ""), ("nitter_mirrors", []), ("resolve_hosts", []),
])
def test_a_toml_false_for_a_setting_not_used_when_empty_is_read_as_empty(tmp_path, name, empty):
    # it was read so before the types were checked; then refused, with the advice to write "false",
    # which named a changes file `false` or a canary host `false`
    (tmp_path / "c.toml").write_text(f"{name} = false\n")
    assert load_config(tmp_path / "c.toml", env={}).values[name] == empty


@pytest.mark.parametrize("name, message", [
    # read as [], which is no canary host, so no canary answers: the machine taken as offline
    ("network_canaries", "network_canaries: false is not a list of text; write network_canaries = [] for no "
                         "canary host: a crawl whose every source failed at the network level is then taken as "
                         "run offline (its checks withdrawn)"),
    # read as "", which is the default: the changes file still written, the availability API still asked
    ("changes_file", "changes_file: false is not text; leave it out for the default (<data_dir>/changes.json)"),
    ("availability_url", "availability_url: false is not text; leave it out for the default (derived from "
                         "wayback_url)"),
])
def test_a_toml_false_for_a_setting_whose_empty_value_does_not_turn_it_off_is_refused_with_what_to_write(
        runner, tmp_path, name, message):
    (tmp_path / "c.toml").write_text(f"{name} = false\n")
    one_line_error(invoke(runner, "settings", "--json", "--config", tmp_path / "c.toml"),
                   f"Error: {tmp_path / 'c.toml'}: {message}")


@pytest.mark.parametrize("value, problem", [
    # 0.0001 s was a busy_timeout of round(0.1) = 0 ms: no wait at all
    ("0.0001", "0.0001 must be from 0.001 to 3600"), ("0.0004", "0.0004 must be from 0.001 to 3600"),
    ("0", "0 must be from 0.001 to 3600"), ("3601", "3601 must be from 0.001 to 3600"),
])
def test_a_write_wait_sqlite_would_round_to_no_wait_is_refused(value, problem):
    with pytest.raises(ConfigError, match=f"^CITEWATCH_WRITE_WAIT: {problem}$"):
        load_config(None, env={"CITEWATCH_WRITE_WAIT": value})


def test_the_shortest_lock_waits_are_a_millisecond_each(tmp_path):
    values = load_config(None, env={"CITEWATCH_WRITE_WAIT": "0.001", "CITEWATCH_MIGRATION_WAIT": "0.001"}).values
    db = database.open_db(tmp_path / "cw.db", migration_wait=values["migration_wait"], write_wait=values["write_wait"])
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 1
    with pytest.raises(ConfigError, match="^CITEWATCH_MIGRATION_WAIT: 0.0004 must be from 0.001 to 86400$"):
        load_config(None, env={"CITEWATCH_MIGRATION_WAIT": "0.0004"})


def test_a_toml_false_for_a_setting_that_needs_a_value_is_still_refused(runner, tmp_path):
    (tmp_path / "c.toml").write_text("contact_url = false\n")
    one_line_error(invoke(runner, "settings", "--json", "--config", tmp_path / "c.toml"),
                   f"Error: {tmp_path / 'c.toml'}: contact_url: false is not text")


@pytest.mark.parametrize("line, shown", [('citewatch = "x"', '"x"'), ("citewatch = 5", "5")])
def test_a_citewatch_key_that_is_no_table_is_one_line(runner, tmp_path, line, shown):
    # an AttributeError traceback ('str' object has no attribute 'items')
    (tmp_path / "c.toml").write_text(line + "\n")
    one_line_error(invoke(runner, "settings", "--json", "--config", tmp_path / "c.toml"),
                   f"Error: {tmp_path / 'c.toml'}: citewatch = {shown} is not a table; write the settings under a "
                   "[citewatch] line, or at the top level without it")


def test_an_empty_config_flag_is_refused_not_read_as_the_current_folders_file(runner, tmp_path, monkeypatch):
    # `--config ""` read ./citewatch.toml without a word
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citewatch.toml").write_text("host_delay = 7\n")
    one_line_error(invoke(runner, "settings", "--json", "--config", ""),
                   "Error: --config is empty: give a file path, or leave the flag out to use ./citewatch.toml")


def test_the_right_toml_types_still_load(tmp_path):
    (tmp_path / "c.toml").write_text('db = "a.db"\nnetwork_canaries = "https://a.example, https://b.example"\n'
                                     'nitter_mirrors = ["https://n.example"]\nrecheck_live = 86400\nobey_robots = false\n')
    values = load_config(tmp_path / "c.toml", env={}).values
    assert values["network_canaries"] == ["https://a.example", "https://b.example"]
    assert values["nitter_mirrors"] == ["https://n.example"] and values["recheck_live"] == 86400
    assert values["obey_robots"] is False


def test_a_toml_list_is_read_as_a_variables_comma_list_is_without_spaces_or_empty_items(tmp_path):
    # " https://n.example" was kept with its space, which the URL check had stripped
    (tmp_path / "c.toml").write_text('nitter_mirrors = [" https://n.example ", ""]\nresolve_hosts = ["*=fail "]\n')
    values = load_config(tmp_path / "c.toml", env={}).values
    assert values["nitter_mirrors"] == ["https://n.example"] and values["resolve_hosts"] == ["*=fail"]


def test_the_origin_file_is_the_file_a_setting_came_from_and_none_else(tmp_path):
    (tmp_path / "c.toml").write_text('host_delay = 2\n')
    config = load_config(tmp_path / "c.toml", env={"CITEWATCH_RETRIES": "1"}, db="x.db")
    assert [config.origin_file(name) for name in ("host_delay", "retries", "db", "fetch_timeout")] == [
        str(tmp_path / "c.toml"), None, None, None]


# ------------------------------------------------------------------ an empty database or data path

@pytest.mark.parametrize("args, env, origin", [
    (["--db", ""], {}, "--db"),
    ([], {"CITEWATCH_DB": ""}, "CITEWATCH_DB"),
    ([], {"CITEWATCH_DB": "  "}, "CITEWATCH_DB"),
    (["--data-dir", ""], {}, "--data-dir"),
    ([], {"CITEWATCH_DATA_DIR": ""}, "CITEWATCH_DATA_DIR"),
])
def test_an_empty_path_is_refused_naming_where_it_was_set(runner, tmp_path, monkeypatch, args, env, origin):
    # `status --db ""` failed with "PosixPath('.') has an empty name"
    monkeypatch.chdir(tmp_path)
    one_line_error(invoke(runner, "status", *args, env=env),
                   f"Error: {origin}: '", "' is empty: give a path, or leave it out for its default")
    if not args:
        one_line_error(invoke(runner, "settings", env=env), f"Error: {origin}: '")


def test_an_empty_path_in_the_config_file_is_refused(runner, tmp_path):
    (tmp_path / "c.toml").write_text('db = ""\n')
    one_line_error(invoke(runner, "settings", "--config", tmp_path / "c.toml"),
                   f"Error: {tmp_path / 'c.toml'}: db: '' is empty")


# ------------------------------------------------------------------ the User-Agent template

@pytest.mark.parametrize("template, why", [
    ("x {bogus}", "{bogus} is no placeholder"),
    ("bot {", "Single '{' encountered in format string"),
    ("bot {0}", "{0} is no placeholder"),
    ("bot {version.major}", "{version.major} is no placeholder"),
    # a field is checked by its form: {version[a]} was a TypeError traceback at load, and
    # {contact_url[0]} passed a stand-in "x" and failed the crawl of an empty contact_url
    ("{version[a]}", "{version[a]} is no placeholder"),
    ("bot {contact_url[0]}", "{contact_url[0]} is no placeholder"),
    ("bot {version!x}", "{version!x} is no placeholder"),
    ("bot {version:{contact_url}}", "{version:{contact_url}} is no placeholder"),
    ("bot {version:d}", "Unknown format code 'd' for object of type 'str'"),
])
def test_a_user_agent_that_cannot_be_filled_is_refused_before_the_crawl(runner, letter_db, tmp_path, template, why):
    # it failed `crawl` and `run --scheduled` with a KeyError or ValueError traceback
    env = {"CITEWATCH_USER_AGENT": template}
    expected = (f"Error: CITEWATCH_USER_AGENT: {template} is not a User-Agent template ({why}", "only {version} and "
                "{contact_url} are filled in; write a brace meant as text twice, {{ or }}")
    one_line_error(invoke(runner, "settings", env=env), *expected)
    one_line_error(invoke(runner, "crawl", "--db", letter_db, "--data-dir", tmp_path / "data", "--limit", "1", env=env),
                   *expected)
    assert database.open_db(letter_db)["fetches"].count == 0


def test_a_user_agent_with_its_placeholders_and_doubled_braces_loads():
    template = "bot {{lab}} {version} (+{contact_url})"
    assert load_config(env={"CITEWATCH_USER_AGENT": template}).user_agent == template


def test_a_contact_url_in_a_plain_placeholder_with_a_format_is_filled_in():
    config = load_config(env={"CITEWATCH_CONTACT_URL": "https://e.org", "CITEWATCH_USER_AGENT": "bot/{version!s} (+{contact_url:>16})"})
    assert user_agent(config.values).endswith(" (+   https://e.org)")


# ------------------------------------------------------------------ base URLs of the resolve stage

@pytest.mark.parametrize("variable, value, message", [
    ("CITEWATCH_NITTER_MIRRORS", "notaurl", "notaurl is not an http(s) URL; write it like https://nitter.example"),
    ("CITEWATCH_NITTER_MIRRORS", "https://n.example, ftp://n.example",
     "https://n.example, ftp://n.example holds 'ftp://n.example', which is not an http(s) URL"),
    ("CITEWATCH_NITTER_MIRRORS", "http://", "http:// is not an http(s) URL"),
    ("CITEWATCH_SYNDICATION_URL", "foo", "foo is not an http(s) URL; write it like https://cdn.syndication.twimg.com"),
])
def test_a_resolve_base_url_that_is_none_is_refused_at_load(runner, tmp_path, variable, value, message):
    # a mirror `notaurl` was searched for nothing, and `resolve` exited 0 without a word about it
    one_line_error(invoke(runner, "settings", env={variable: value}), f"Error: {variable}: {message}")
    one_line_error(invoke(runner, "resolve", "--db", tmp_path / "cw.db", env={variable: value}),
                   f"Error: {variable}: {message}")


@pytest.mark.parametrize("variable, value, message", [
    ("CITEWATCH_WAYBACK_URL", "web.archive.org", "web.archive.org is not an http(s) URL; write it like https://web.archive.org"),
    ("CITEWATCH_WAYBACK_URL", "", "'' is empty; write it like https://web.archive.org"),
    ("CITEWATCH_AVAILABILITY_URL", "archive.org/wayback", "archive.org/wayback is not an http(s) URL; write it like "
                                                          "https://archive.org"),
    ("CITEWATCH_CONTACT_URL", "", "'' is empty; write it like https://example.org/about-our-crawler"),
    ("CITEWATCH_CONTACT_URL", "me at example.org", "me at example.org holds a space or a control character"),
    ("CITEWATCH_CONTACT_URL", "https://example.org/\r\nX-Evil: 1", "'https://example.org/\\r\\nX-Evil: 1' holds a space or a control character"),
    ("CITEWATCH_CONTACT_URL", "example.org", "example.org is not an http(s) URL"),
])
def test_an_archive_or_contact_url_that_is_none_is_refused_before_any_work(runner, letter_db, tmp_path, variable, value, message):
    # a wayback_url typo was said only at the first call to the archive; a contact_url with a line
    # break went into every request's User-Agent, and an empty one sent "(+)"
    one_line_error(invoke(runner, "settings", env={variable: value}), f"Error: {variable}: {message}")
    one_line_error(invoke(runner, "crawl", "--db", letter_db, "--data-dir", tmp_path / "data", "--limit", "1",
                          env={variable: value}), f"Error: {variable}: {message}")
    assert database.open_db(letter_db)["fetches"].count == 0


def test_a_mailto_contact_and_the_default_availability_url_load():
    config = load_config(env={"CITEWATCH_CONTACT_URL": "mailto:crawler@example.org", "CITEWATCH_AVAILABILITY_URL": ""})
    assert user_agent(config.values).endswith("(+mailto:crawler@example.org)")


@pytest.mark.parametrize("variable, value, message", [
    ("CITEWATCH_SYNDICATION_URL", "http://[x", "is not an http(s) URL (Invalid IPv6 URL); write it like "
                                               "https://cdn.syndication.twimg.com"),
    ("CITEWATCH_NITTER_MIRRORS", "http://[::1", "is not an http(s) URL (Invalid IPv6 URL)"),
    ("CITEWATCH_NITTER_MIRRORS", "https://n.example,http://h:abc",
     "holds 'http://h:abc', which is not an http(s) URL (Port could not be cast to integer value as 'abc')"),
    ("CITEWATCH_REDIS_URL", "redis://[x", "is not a Redis URL (Invalid IPv6 URL); write redis://HOST:6379/0"),
])
def test_a_url_that_urlsplit_cannot_read_is_one_line_from_every_command(runner, tmp_path, variable, value, message):
    # a ValueError traceback from every command, `status` too, which never uses the setting
    for command in (["settings"], ["settings", "--json"], ["status", "--db", tmp_path / "cw.db"]):
        one_line_error(invoke(runner, *command, env={variable: value}), f"Error: {variable}: {value} {message}")


def test_a_url_that_urlsplit_cannot_read_in_the_config_file_is_one_line(runner, tmp_path):
    (tmp_path / "c.toml").write_text('nitter_mirrors = ["http://[x"]\n')
    one_line_error(invoke(runner, "settings", "--json", "--config", tmp_path / "c.toml"),
                   f"Error: {tmp_path / 'c.toml'}: nitter_mirrors: ['http://[x'] is not an http(s) URL (Invalid IPv6 URL)")


def test_empty_resolve_urls_mean_not_used_and_http_ones_load():
    config = load_config(env={"CITEWATCH_NITTER_MIRRORS": "", "CITEWATCH_SYNDICATION_URL": ""})
    assert config.nitter_mirrors == [] and config.syndication_url == ""
    config = load_config(env={"CITEWATCH_NITTER_MIRRORS": "http://127.0.0.1:1,https://n.example/",
                              "CITEWATCH_SYNDICATION_URL": "http://127.0.0.1:1/syndication"})
    assert config.nitter_mirrors == ["http://127.0.0.1:1", "https://n.example/"]


def test_every_default_passes_its_own_check():
    assert [s.name for s in SETTINGS if s.check and s.check(s.default)] == []


# ------------------------------------------------------------------ a name that is no setting

def test_a_mistyped_key_in_the_config_file_says_which_setting_it_seems_to_mean(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citewatch.toml").write_text("hots_delay = 2\nzzzqqq = 1\nfetch_timeout = 9\n")
    message = ("Error: citewatch.toml: unknown setting 'hots_delay' (did you mean host_delay?): rename or remove it; "
               "`citewatch settings` lists the settings; citewatch.toml: unknown setting 'zzzqqq': rename or remove it")
    one_line_error(invoke(runner, "status"), message)
    one_line_error(invoke(runner, "settings", "--json"), message)   # a script gets no values the user meant otherwise


def test_settings_still_lists_the_settings_its_own_error_sends_the_user_to(runner, tmp_path, monkeypatch):
    # the error said "see `citewatch settings` for the list", and that command failed with it
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citewatch.toml").write_text("hots_delay = 2\nfetch_timeout = 9\n")
    result = invoke(runner, "settings", env={"CITEWATCH_HOST_DELY": "3", "COLUMNS": "200"})
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert any("host_delay" in line and "1.0" in line and "default" in line for line in lines), result.output
    assert any("fetch_timeout" in line and "9" in line and "citewatch.toml" in line for line in lines)
    assert lines[-1] == ("Error: citewatch.toml: unknown setting 'hots_delay' (did you mean host_delay?): rename or "
                         "remove it; `citewatch settings` lists the settings; CITEWATCH_HOST_DELY names no setting "
                         "(did you mean CITEWATCH_HOST_DELAY?): rename or unset it, or the setting you meant keeps "
                         "its value; `citewatch settings` lists them")


# ------------------------------------------------------------------ settings: flags and origins

def test_settings_takes_the_path_flags_and_says_they_came_from_a_flag(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citewatch.toml").write_text('host_delay = 2.5\n')
    result = invoke(runner, "settings", "--json", "--db", "x.db", "--data-dir", "xd",
                    env={"CITEWATCH_FETCH_TIMEOUT": "7"})
    said = json.loads(result.output)
    assert said["db"] == "x.db" and said["data_dir"] == "xd" and said["host_delay"] == 2.5
    assert {name: said["_origins"][name] for name in ("db", "data_dir", "host_delay", "fetch_timeout", "retries")} == {
        "db": "flag", "data_dir": "flag", "host_delay": "citewatch.toml", "fetch_timeout": "CITEWATCH_FETCH_TIMEOUT",
        "retries": "default"}
    assert set(said) == {s.name for s in SETTINGS} | {"_origins"}  # every setting's value where it was
    table = invoke(runner, "settings", "--db", "x.db", env={"COLUMNS": "200"})
    assert any(line.startswith("│ db ") and "│ flag " in line for line in table.output.splitlines()), table.output


def test_no_setting_can_take_the_name_of_the_origins_key():
    assert not [s.name for s in SETTINGS if s.name.startswith("_")]


# ------------------------------------------------------------------ relative paths in a configuration file

def test_a_relative_path_in_a_config_file_is_read_from_the_files_folder(runner, tmp_path, monkeypatch):
    # `--config ../citewatch.toml` with db = "rel.db" looked for ./rel.db
    (tmp_path / "citewatch.toml").write_text('db = "rel.db"\ndata_dir = "rel-data"\nchanges_file = "out/changes.json"\n'
                                             'ca_bundle = "/etc/ca.pem"\n')
    assert invoke(runner, "ingest", "--db", tmp_path / "rel.db", LETTER).exit_code == 0
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    config = load_config("../citewatch.toml", env={})
    assert (config.db, config.data_dir, config.changes_file) == ("../rel.db", "../rel-data", "../out/changes.json")
    assert config.ca_bundle == "/etc/ca.pem"   # an absolute path is kept
    status = invoke(runner, "status", "--config", "../citewatch.toml")
    assert status.exit_code == 0 and "letter" in status.output, status.output
    assert not list((tmp_path / "sub").iterdir())   # no ./rel.db made beside


def test_the_current_folders_citewatch_toml_keeps_its_paths_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citewatch.toml").write_text('db = "letters.db"\n')
    assert load_config(env={}).db == "letters.db"


def test_a_missing_database_set_in_a_file_or_variable_says_where_it_was_looked_for(runner, tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "other.toml").write_text('db = "nope.db"\n')
    monkeypatch.chdir(tmp_path / "sub")
    one_line_error(invoke(runner, "status", "--config", "../other.toml"),
                   f"Error: no database at ../nope.db (db in ../other.toml, read as {tmp_path / 'nope.db'}); "
                   "run `citewatch ingest DOC`")
    one_line_error(invoke(runner, "status", env={"CITEWATCH_DB": "x.db"}),
                   f"Error: no database at x.db (CITEWATCH_DB, read as {tmp_path / 'sub' / 'x.db'}); run")
    one_line_error(invoke(runner, "status", "--db", "x.db"), "Error: no database at x.db; run")   # as typed


# ------------------------------------------------------------------ network_canaries

def test_a_canary_that_is_no_host_is_refused_in_one_line(runner, letter_db):
    result = invoke(runner, "schedule", "--cron", "--db", letter_db, env={"CITEWATCH_NETWORK_CANARIES": "not a host!!"})
    one_line_error(result, "CITEWATCH_NETWORK_CANARIES: not a host!! is not a host nor an http(s) URL; write it like "
                           "https://web.archive.org/ or web.archive.org, or [] for none")


def test_a_canary_list_in_a_file_is_checked_too(runner, letter_db, tmp_path):
    (tmp_path / "c.toml").write_text('network_canaries = ["https://web.archive.org/", "ftp://x"]\n')
    result = invoke(runner, "settings", "--config", tmp_path / "c.toml")
    one_line_error(result, f"{tmp_path / 'c.toml'}: network_canaries: ", "holds 'ftp://x', which is not a host")


@pytest.mark.parametrize("value, read", [("[]", []), (" [] ", []), ("", []),
                                         ("web.archive.org, https://canary.example:8443/", ["web.archive.org", "https://canary.example:8443/"])])
def test_readme_s_no_canary_spelling_means_none_in_a_variable_too(runner, letter_db, value, read):
    result = invoke(runner, "settings", "--json", env={"CITEWATCH_NETWORK_CANARIES": value})
    assert json.loads(result.output)["network_canaries"] == read
    line = invoke(runner, "schedule", "--cron", "--db", letter_db, env={"CITEWATCH_NETWORK_CANARIES": value}).output
    assert "[]" not in line   # no host named "[]" copied into the crontab
