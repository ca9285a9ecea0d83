"""Session 15 (task D1): a command that only reads needs no writable data folder and makes
none; a folder that cannot be made or written is one line (demo, run, ingest, schedule);
Ctrl-C ends a command with 130 and a line saying what was kept; a bad --every is a usage
error; a canary host is checked as the other host settings are."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import db as database
from crawler.demo import MARKER
from tests.conftest import LETTER, ROOT
from tests.test_config_errors import invoke, one_line_error
from tests.test_crawl import add_sources, fast_env
from tests.test_crawl_signals import _served
from tests.test_data_safety import as_reader, copied, shelf  # noqa: F401  (shelf: a fixture)

# ------------------------------------------------------------------ read-only commands, data folder


def _crawled(letter_db):
    """The letter's database with one fetch pointing at a WARC record in the data folder: verify
    asks for that folder only when a record is there (a database only ingested has nothing to verify)."""
    db = database.open_db(letter_db)
    crawl = db["crawls"].insert({"started_at": "2026-11-30T00:00:00+00:00", "status": "finished"}).last_pk
    db["fetches"].insert({"crawl_id": crawl, "source_id": 1, "purpose": "live", "requested_url": "https://example.org/",
                          "status": 200, "class": "live", "warc_path": "warc/crawl-1.warc.gz", "warc_offset": 0})
    return letter_db


def test_verify_says_a_missing_data_folder_in_one_line_and_makes_none(runner, letter_db, tmp_path):
    typo = tmp_path / "dta"
    result = invoke(runner, "verify", "--db", _crawled(letter_db), "--data-dir", typo)
    one_line_error(result, f"data directory {typo} does not exist; give --data-dir the folder that holds warc/")
    assert not typo.exists()


def test_verify_says_a_missing_database_before_a_missing_data_folder_with_o_too(runner, tmp_path):
    result = invoke(runner, "verify", "--db", tmp_path / "nodb.db", "--data-dir", tmp_path / "nodata",
                    "--format", "json", "-o", tmp_path / "out.json")
    assert result.exit_code == 1 and f"no database at {tmp_path / 'nodb.db'}" in result.output, result.output


def test_a_data_folder_from_a_variable_is_named_with_it(runner, letter_db, tmp_path):
    typo = tmp_path / "dta"
    result = invoke(runner, "verify", "--db", _crawled(letter_db), env={"CITEWATCH_DATA_DIR": str(typo)})
    one_line_error(result, f"data directory {typo} (from CITEWATCH_DATA_DIR) does not exist")


@pytest.mark.parametrize("args", [["status"], ["search", "Estonia"], ["report", "--format", "json", "-o", "r.json"],
                                  ["schedule", "--cron"]], ids=lambda args: args[0])
def test_the_other_reading_commands_make_no_data_folder(runner, letter_db, tmp_path, args):
    args = [str(tmp_path / arg) if arg == "r.json" else arg for arg in args]
    result = invoke(runner, *args, "--db", letter_db, "--data-dir", tmp_path / "dta")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "dta").exists()


def test_verify_reads_a_data_folder_it_may_not_write(letter_db, shelf):  # noqa: F811
    """As a user who may write neither the database nor the data folder (nobody, when root)."""
    folder = shelf / "archive"
    database.open_db(letter_db).execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the file copied
    db_path = copied(letter_db, folder / "citewatch.db")
    (folder / "data" / "warc").mkdir(parents=True)
    for path in (folder / "data" / "warc", folder / "data", folder):
        path.chmod(0o555)
    db_path.chmod(0o444)
    result = as_reader(["verify", "--db", str(db_path), "--data-dir", str(folder / "data")], shelf)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nothing to verify: no fetch has a WARC record and the data directory holds no WARC file" in result.stdout


# ------------------------------------------------------------------ demo in a folder it cannot write


def test_demo_in_a_folder_it_cannot_make_is_one_line(runner, tmp_path):
    (tmp_path / "file.txt").write_text("")
    result = invoke(runner, "demo", "--dir", tmp_path / "file.txt" / "demo")
    one_line_error(result, f"cannot write in {tmp_path / 'file.txt' / 'demo'} (", "give --dir a folder you can write")
    assert result.exit_code == 1


def _earlier_demo(folder: Path) -> tuple[Path, str]:
    """An earlier demo's folder, its two recorded files (a letter and a WARC under data/warc/)
    in place; the folder and the WARC's name."""
    warc = "data/warc/sources-20200101T000000-1.warc.gz"
    for name in ("letter.txt", warc):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("made by the demo")
    (folder / MARKER).write_text(json.dumps({"made_by": "citewatch demo", "files": ["letter.txt", warc]}))
    return folder, warc


def test_rerunning_an_earlier_demo_folder_now_read_only_is_one_line_and_removes_nothing(shelf):  # noqa: F811
    folder, warc = _earlier_demo(shelf / "demo")
    for path in (folder / "data" / "warc", folder / "data", folder):
        path.chmod(0o555)
    result = as_reader(["demo", "--dir", str(folder)], shelf)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"Error: cannot write in {folder} (permission denied); give --dir a folder you can write, "
        "e.g. --dir /tmp/citewatch-demo (or make this one writable)"]
    assert (folder / "letter.txt").exists() and (folder / warc).exists()


def test_an_earlier_demo_whose_data_folder_is_read_only_loses_none_of_its_files(shelf):  # noqa: F811
    """The folder itself writable, its data/ not: checked before the first file is removed."""
    folder, warc = _earlier_demo(shelf / "demo")
    folder.chmod(0o777)
    for path in (folder / "data" / "warc", folder / "data"):
        path.chmod(0o555)
    result = as_reader(["demo", "--dir", str(folder)], shelf)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith(f"Error: cannot write in {folder / 'data'}"), result.stderr
    assert (folder / "letter.txt").exists() and (folder / warc).exists()


# ------------------------------------------------------------------ folders refused, not made


def test_ingest_refuses_a_database_in_a_folder_that_does_not_exist(runner, tmp_path):
    result = invoke(runner, "ingest", "--db", tmp_path / "nodir" / "cw.db", LETTER)
    one_line_error(result, f"--db {tmp_path / 'nodir' / 'cw.db'}: no folder {tmp_path / 'nodir'}; create it first "
                           f"(mkdir -p -- {tmp_path / 'nodir'}) or fix the path")
    assert list(tmp_path.iterdir()) == []


def test_run_refuses_a_data_folder_it_cannot_use_before_storing_the_document(runner, tmp_path, db_path):
    (tmp_path / "file.txt").write_text("")
    data = tmp_path / "file.txt" / "data"
    result = invoke(runner, "run", LETTER, "--db", db_path, "--data-dir", data)
    one_line_error(result, f"data directory {data} is not writable (")
    assert not db_path.exists()   # nothing half done: no database, no document in it


def test_run_refuses_a_database_folder_that_does_not_exist_before_making_the_data_folder(runner, tmp_path):
    result = invoke(runner, "run", LETTER, "--db", tmp_path / "nodir" / "cw.db", "--data-dir", tmp_path / "data")
    one_line_error(result, f"no folder {tmp_path / 'nodir'}; create it first")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ a bad --every is a usage error


@pytest.mark.parametrize("args", [["schedule", "--cron", "--every", "5x"], ["watch", "--every", "0"]],
                         ids=["schedule-5x", "watch-0"])
def test_a_bad_every_is_a_usage_error(runner, letter_db, args):
    result = invoke(runner, *args, "--db", letter_db)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1].startswith("Error: Invalid value for '--every': "
                                                      f"{args[-1]} "), result.output


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


# ------------------------------------------------------------------ Ctrl-C


def _start(args: list[str], env: dict) -> subprocess.Popen:
    """`citewatch ARGS` as a terminal runs it: in a session of its own, SIGINT at its default
    (see tests/test_crawl_signals.py `_start_crawl`), its output read here."""
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], cwd=ROOT,
                            env={**env, "PYTHONUNBUFFERED": "1", "COLUMNS": "300"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _ctrl_c_once_served(proc: subprocess.Popen, web: dict, keys: list[str]) -> tuple[int, str, str]:
    """A terminal's Ctrl-C (SIGINT to the group) once 3 pages were served; exit status and output."""
    try:
        while sum(_served(web, keys).values()) < 3:
            assert proc.poll() is None, "the command ended before it could be stopped: " + proc.stderr.read()
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    return proc.returncode, out, err


def _slow_sources(db, web: dict) -> list[str]:
    """16 pages fetched one at a time, a host delay between: most still queued when Ctrl-C comes."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(16)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    return keys


@pytest.mark.parametrize("args", [["crawl"], ["watch", "--every", "1d"]], ids=["crawl", "watch-during-a-run"])
def test_ctrl_c_during_a_crawl_exits_130_and_says_what_was_kept(web, env, db, tmp_path, args):
    keys = _slow_sources(db, web)
    status, _, err = _ctrl_c_once_served(
        _start(args, fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.2, fetch_timeout=5)), web, keys)
    assert status == -signal.SIGINT, err   # dead by it, after its clean-up and line (crawler/cli.py `main`)
    assert err.splitlines()[-1] == (
        "Stopped (Ctrl-C): what was stored before the stop is kept (a crawl so stopped is marked interrupted) and "
        f"every stage resumes where it stopped: run `citewatch {' '.join(args)} --db {env['CITEWATCH_DB']}` "
        "again to finish."), err
    assert "Aborted!" not in err and "Traceback" not in err
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"


def _waiting(pid: int) -> bool:
    """The process's main thread sleeps on a lock (threading.Event.wait), as Linux's /proc says."""
    task = Path(f"/proc/{pid}/task/{pid}")
    return (task / "stat").read_text().rsplit(")", 1)[1].split()[0] == "S" and "futex" in (task / "wchan").read_text()


def test_ctrl_c_while_a_watch_waits_between_runs_ends_it_with_its_runs_status(env, db):
    proc = _start(["watch", "--every", "1d"], env)
    try:
        said = []
        while not (said and said[-1].startswith("Next run in 1d")):
            line = proc.stdout.readline()
            assert line, "the watch ended before waiting: " + "".join(said) + proc.stderr.read()
            said.append(line)
        while not _waiting(proc.pid):   # past the line, into the wait
            assert proc.poll() is None, "the watch ended before waiting: " + "".join(said) + proc.stderr.read()
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, out + err   # its one run finished, and nothing changed
    assert out.splitlines()[-1] == "Stopped between runs (Ctrl-C): every run finished and recorded its changes."
    assert err == ""
    assert database.open_db(env["CITEWATCH_DB"])["run_states"].count == 1
