"""`-o -` is standard output, as it is to curl, click and most Unix tools: every command with
an -o (report, check) writes there what it writes to a file, with no "written to" line
mixed in, and no file named "-" appears.  Through the real CLI, stdout and stderr apart."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import cli
from tests.conftest import LETTER

STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?")
QUOTE = "We are deeply concerned by the closure of the border."


def same_report(text: str) -> str:
    """The report without the moments it was made at (two runs, two `generated_at`)."""
    return STAMP.sub("<moment>", text)


@pytest.fixture
def letter_dir(tmp_path, runner, monkeypatch):
    """A working folder holding a database of the example letter, the current directory."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["ingest", str(LETTER), "--db", "cw.db"])
    assert result.exit_code == 0, result.output
    return tmp_path


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "json"])
def test_report_o_dash_writes_the_report_to_stdout_alone(letter_dir, runner, fmt):
    to_file = runner.invoke(cli, ["report", "--db", "cw.db", "--data-dir", "data", "--format", fmt, "-o", f"r.{fmt}"])
    assert to_file.exit_code == 0, to_file.output
    result = runner.invoke(cli, ["report", "--db", "cw.db", "--data-dir", "data", "--format", fmt, "-o", "-"])
    assert result.exit_code == 0, result.output
    # byte for byte what the file holds (UTF-8, the CSV's \r\n), but the moment it was made
    assert same_report(result.stdout_bytes.decode("utf-8")) == same_report((letter_dir / f"r.{fmt}").read_bytes().decode("utf-8"))
    assert "written to" not in result.output
    assert not (letter_dir / "-").exists() and not (letter_dir / "data" / f"report.{fmt}").exists()
    if fmt == "json":
        assert json.loads(result.stdout)["summary"]["statements"] == 42


def test_a_file_named_dash_is_given_with_its_folder(letter_dir, runner):
    result = runner.invoke(cli, ["report", "--db", "cw.db", "--format", "md", "-o", str(letter_dir / "-")])
    assert result.exit_code == 0, result.output
    assert (letter_dir / "-").read_text(encoding="utf-8").startswith("# citewatch report")
    assert result.stdout.startswith("Report written to ")


@pytest.fixture
def quote_list(tmp_path, monkeypatch):
    """A quote list whose one source is a local file (never sent anywhere), in the current directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "statement.txt").write_text(f"Minister's remarks.\n\n{QUOTE}\n", encoding="utf-8")
    (tmp_path / "quotes.csv").write_text(f"id,quote,source\nq1,{QUOTE},statement.txt\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "table"])
def test_check_o_dash_writes_the_results_to_stdout_alone(quote_list, runner, fmt):
    to_file = runner.invoke(cli, ["check", "quotes.csv", "--db", "c.db", "--format", fmt, "-o", "results"])
    assert to_file.exit_code == 0, to_file.output
    result = runner.invoke(cli, ["check", "quotes.csv", "--db", "c.db", "--format", fmt, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (quote_list / "results").read_bytes()
    assert "q1" in result.stdout and "verbatim" in result.stdout
    assert "written to" not in result.stderr and "1 row: verbatim 1" in result.stderr
    assert not (quote_list / "-").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_stdout_that_cannot_be_written_is_one_line(letter_dir, env):
    # a real process, its stdout a full disk: the write fails as the report is flushed, naming no file
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "crawler.cli", "report", "--db", "cw.db", "-o", "-"],
                              cwd=letter_dir, env=env, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: cannot write to standard output (-o -: No space left on device); redirect it elsewhere or give -o a file"]
    assert not (letter_dir / "-").exists()


def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(letter_dir, env):
    # `citewatch report -o - | head -c 100`: head has what it wanted and closes the pipe; the
    # report stops there without an error line, as a tool that SIGPIPE ends (exit 141)
    report = subprocess.Popen([sys.executable, "-m", "crawler.cli", "report", "--db", "cw.db", "-o", "-"],
                              cwd=letter_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    report.stdout.close()   # the reader is gone before the first byte
    _, stderr = report.communicate(timeout=60)
    assert stderr.decode() == ""
    assert report.returncode == 141
    assert not (letter_dir / "-").exists()
