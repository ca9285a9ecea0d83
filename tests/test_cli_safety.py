"""The CLI touches only what it should: the demo deletes only its own files, a read-only
command does not create a database, and `run --help` says what `run` does."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

import db as database
from crawler import demo
from crawler.cli import cli
from tests.conftest import LETTER, ROOT


def user_files(folder) -> dict[str, str]:
    """Every file under `folder` with its text, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def fake_demo(folder) -> None:
    """A folder as an earlier demo leaves it: its files under the demo's names, recorded in its marker."""
    demo.claim(folder)
    (folder / demo.DB_NAME).write_text("db")
    (folder / "letter.txt").write_text("letter")
    (folder / "report.html").write_text("report")
    (folder / "data" / "warc").mkdir(parents=True)
    (folder / "data" / "warc" / "sources.warc.gz").write_text("warc")
    demo.record(folder)


def test_the_demo_refuses_a_folder_it_did_not_make_and_deletes_nothing(tmp_path, runner):
    folder = tmp_path / "p"
    (folder / "data" / "sub").mkdir(parents=True)
    (folder / "data" / "sub" / "thesis.docx").write_text("keep")
    (folder / "letter.txt").write_text("keep")
    result = runner.invoke(cli, ["demo", "--dir", str(folder)])
    assert result.exit_code == 1
    assert f"Error: {folder} is not empty and no earlier demo made it; give --dir a new or empty folder" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert user_files(folder) == {"data/sub/thesis.docx": "keep", "letter.txt": "keep"}


def test_the_demo_refuses_a_file_put_among_its_own(tmp_path, runner):
    folder = tmp_path / "demo"
    fake_demo(folder)
    (folder / "data" / "sub").mkdir()
    (folder / "data" / "sub" / "thesis.docx").write_text("keep")
    before = user_files(folder)
    result = runner.invoke(cli, ["demo", "--dir", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'data/sub/thesis.docx'} was not made by the demo" in result.output
    assert f"move it out of {folder} or give --dir a new or empty folder" in result.output
    assert user_files(folder) == before


def test_an_earlier_demo_s_files_go_and_the_user_s_stay(tmp_path):
    folder = tmp_path / "demo"
    fake_demo(folder)
    (folder / "notes.txt").write_text("mine")
    demo.claim(folder)
    assert user_files(folder) == {"notes.txt": "mine", demo.MARKER: json.dumps({"made_by": "citewatch demo", "files": None})}
    assert not (folder / "data").exists()


def demo_layout(folder) -> None:
    """The files a demo writes under its names, as a demo from before the marker left them
    (or one killed before listing them): database with side files, letter, report, WARC files."""
    folder.mkdir(exist_ok=True)
    for name in (demo.DB_NAME, f"{demo.DB_NAME}-wal", f"{demo.DB_NAME}-shm", "letter.txt", "report.html"):
        (folder / name).write_text(name)
    (folder / "data" / "warc").mkdir(parents=True)
    for name in ("sources-20261128T104559-28289.warc.gz", "mementos-20261128T104601-28419.warc.gz"):
        (folder / "data" / "warc" / name).write_text("warc")


def test_a_demo_from_before_the_marker_is_replaced(tmp_path):
    folder = tmp_path / "citewatch-demo"
    demo_layout(folder)
    demo.claim(folder)
    assert user_files(folder) == {demo.MARKER: json.dumps({"made_by": "citewatch demo", "files": None})}
    assert not (folder / "data").exists()


@pytest.mark.parametrize("extra", ["notes.txt", "data/thesis.docx", "data/warc/mine.warc.gz", f"{demo.DB_NAME}-gone"])
def test_a_folder_without_a_marker_holding_anything_else_is_refused(tmp_path, extra):
    folder = tmp_path / "citewatch-demo"
    demo_layout(folder)
    (folder / extra).write_text("keep")
    before = user_files(folder)
    with pytest.raises(demo.DemoError, match=f"^{folder} is not empty and no earlier demo made it; give --dir a new"):
        demo.claim(folder)
    assert user_files(folder) == before


def test_a_folder_without_a_marker_or_a_database_is_refused(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep")
    (folder / "report.html").write_text("keep")
    with pytest.raises(demo.DemoError, match="no earlier demo made it"):
        demo.claim(folder)
    assert user_files(folder) == {"letter.txt": "keep", "report.html": "keep"}


def test_a_demo_that_stopped_before_listing_its_files_is_replaced_and_the_user_s_stay(tmp_path):
    folder = tmp_path / "demo"
    demo.claim(folder)                                   # killed after this: the marker lists nothing
    demo_layout(folder)
    (folder / "notes.txt").write_text("mine")
    demo.claim(folder)
    assert user_files(folder) == {"notes.txt": "mine", demo.MARKER: json.dumps({"made_by": "citewatch demo", "files": None})}
    assert not (folder / "data").exists()


def test_a_demo_killed_while_it_resolved_is_replaced_with_its_resolve_folder(tmp_path):
    """A demo killed (kill -9) during its resolve leaves the posts crawls' files in the resolve's
    working folder beside its database (crawler/social.py `_work_folder`): they are the demo's,
    removed with the rest, not a file of the user's that makes the next demo refuse the folder."""
    folder = tmp_path / "demo"
    demo.claim(folder)                                   # killed after this: the marker lists nothing
    demo_layout(folder)
    work = folder / f"{demo.DB_NAME}{database.RESOLVE_WORK}" / "first"
    work.mkdir(parents=True)
    (work / "jobs.json").write_text("[]")
    demo.claim(folder)
    assert user_files(folder) == {demo.MARKER: json.dumps({"made_by": "citewatch demo", "files": None})}
    assert not work.parent.exists()


def test_a_file_put_among_a_stopped_demo_s_own_is_refused_by_name(tmp_path, runner):
    folder = tmp_path / "demo"
    demo.claim(folder)                                   # killed after this: the marker lists nothing
    demo_layout(folder)
    (folder / "data" / "thesis.docx").write_text("keep")
    before = user_files(folder)
    result = runner.invoke(cli, ["demo", "--dir", str(folder)])
    assert result.exit_code == 1
    assert (f"Error: {folder / 'data/thesis.docx'} was not made by the demo, which would replace it; "
            f"move it out of {folder} or give --dir a new or empty folder") in result.output
    assert f"delete {folder}" not in result.output
    assert user_files(folder) == before


def test_a_marker_the_demo_did_not_write_is_refused(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / demo.MARKER).write_text("not json")
    (folder / "letter.txt").write_text("keep")
    with pytest.raises(demo.DemoError, match="file the demo did not write"):
        demo.claim(folder)
    assert (folder / "letter.txt").read_text() == "keep"


def test_a_demo_stopped_by_sigterm_lists_its_files_and_a_re_run_keeps_the_user_s(tmp_path):
    folder = tmp_path / "demo"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "demo", "--dir", str(folder)], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not (folder / "letter.txt").exists() and proc.poll() is None:  # the local web is up, the run under way
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == -signal.SIGTERM   # dead by it, after its clean-up
    finally:
        proc.kill()
    listed = json.loads((folder / demo.MARKER).read_text())["files"]
    assert {demo.DB_NAME, "letter.txt"} <= set(listed)
    (folder / "notes.txt").write_text("mine")
    demo.claim(folder)
    assert user_files(folder) == {"notes.txt": "mine", demo.MARKER: json.dumps({"made_by": "citewatch demo", "files": None})}


# (a missing database refused by the commands that need one: tests/test_cli_db_missing.py)
def test_a_command_that_brings_a_document_in_creates_its_database(tmp_path, runner):
    new = tmp_path / "sub" / "new.db"
    new.parent.mkdir()   # (made by the user: a folder that does not exist is refused, tests/test_cli_data_folder.py)
    result = runner.invoke(cli, ["ingest", str(LETTER), "--db", str(new), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert new.is_file()
    assert runner.invoke(cli, ["status", "--db", str(new)]).exit_code == 0


def test_run_help_says_what_run_does_without_a_document(tmp_path, runner):
    shown = " ".join(runner.invoke(cli, ["run", "--help"]).output.split())
    assert "Without it, give --scheduled: the stages then re-check only what the database already holds" in shown
    assert "citewatch run --scheduled --db cw.db" in shown
    result = runner.invoke(cli, ["run", "--db", str(tmp_path / "cw.db")])
    assert result.exit_code == 2
    assert "give a DOCUMENT to ingest, or --scheduled to re-check what the database holds" in result.output
    assert list(tmp_path.iterdir()) == []
