"""`check`, `run` and `watch` beside another process, and the archive stage's progress within them.

A check beside another check (or a run, or a crawl) left the crawl to it, every URL row
came back `unverifiable … not yet crawled`, and a `--fail-on` gate passed with exit 0: the
rows it never checked now give exit 5, in one line naming the command to run again.  And
the archive stage's lookups and saves, minutes of work, showed no progress within `run`,
`check` or `watch` (only `citewatch archive` drew its bar): now they show the same bar.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

from rich.console import Console

from crawler.check import EXIT_NOT_CHECKED
from crawler.cli import cli
from crawler.run import run_all
from db import open_db
from db.lock import ARCHIVE, CRAWL, stage_lock
from tests.conftest import ROOT
from tests.test_archive import Seed


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_a_gate_beside_another_crawl_fails_and_names_the_command_to_run_again(env, db, tmp_path):
    """The other process stands in as it would hold the crawl: this test process holds its lock."""
    quotes = tmp_path / "conc.csv"
    quotes.write_text("id,quote,source\n"
                      "a,The Ministry calls upon all parties to observe an immediate global ceasefire.,http://127.0.0.1:9/live\n"
                      "b,Words of another page.,http://127.0.0.1:9/live?page=2\n", encoding="utf-8")
    command = [sys.executable, "-m", "crawler.cli", "check", str(quotes), "--format", "jsonl",
               "--fail-on", "not-in-source"]
    quiet = {**env, "CITEWATCH_RESOLVE_HOSTS": "*=fail", "CITEWATCH_CDX_PER_MINUTE": "0",
             "CITEWATCH_ARCHIVE_BACKOFF": "0", "COLUMNS": "400"}
    with stage_lock(db, CRAWL):
        beside = subprocess.run(command, cwd=ROOT, env=quiet, capture_output=True, text=True, timeout=120)
    said = _one_line(beside.stderr)
    assert beside.returncode == EXIT_NOT_CHECKED, beside.stderr
    assert [json.loads(line)["verdict"] for line in beside.stdout.splitlines()] == ["unverifiable"] * 2
    assert "2 rows not checked (a, b): another citewatch process runs the crawl on this database" in said
    typed = f"citewatch check {quotes} --format jsonl --fail-on not-in-source --db {env['CITEWATCH_DB']}"
    assert said.endswith(f"run `{typed}` again once it ends"), said
    assert "`citewatch crawl`" not in said   # the stage's line names the command the user ran too
    assert f"did not run: the crawl is already running on {tmp_path / 'test.db'}" in said


def test_a_fail_on_verdict_wins_over_rows_left_unchecked(runner, env, db, tmp_path):
    """A row found altered fails the gate for what it is (3), even beside another crawl."""
    page = tmp_path / "statement.txt"
    page.write_text("The ministry does not recognise the so-called elections held on 31 March.", encoding="utf-8")
    quotes = tmp_path / "mixed.csv"
    quotes.write_text("id,quote,source\n"
                      f"local,The ministry does recognise the so-called elections held on 31 March.,{page}\n"
                      "web,Words of a page no crawl fetched.,http://127.0.0.1:9/never-fetched\n", encoding="utf-8")
    with stage_lock(db, CRAWL):
        gated = runner.invoke(cli, ["check", str(quotes), "--fail-on", "altered"], env=env)
        plain = runner.invoke(cli, ["check", str(quotes), "--format", "jsonl"], env=env)
    assert gated.exit_code == 3, gated.output
    assert plain.exit_code == EXIT_NOT_CHECKED, plain.output
    said = _one_line(plain.stderr)
    assert "1 row not checked (web)" in said and said.endswith("run `citewatch check` again once it ends")
    assert [json.loads(line)["verdict"] for line in plain.stdout.splitlines()] == ["altered", "unverifiable"]


def test_a_check_with_every_stage_its_own_says_nothing_of_other_processes(runner, env, tmp_path):
    page = tmp_path / "statement.txt"
    page.write_text("The ministry does not recognise the so-called elections held on 31 March.", encoding="utf-8")
    result = runner.invoke(cli, ["check", "--quote", "no such words anywhere here", str(page), "--format", "jsonl"],
                           env={**env, "CITEWATCH_RESOLVE_HOSTS": "*=fail"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == "not-in-source" and "not checked" not in result.stderr


def test_a_run_beside_the_archive_stage_names_itself_to_run_again(runner, env, db):
    with stage_lock(db, ARCHIVE):
        result = runner.invoke(cli, ["run", "--scheduled"], env={**env, "COLUMNS": "400"})
    assert result.exit_code == 0, result.output   # a timer's run beside a user's: the next run does it
    said = _one_line(result.output)
    assert "archive did not run: the archive stage is already running" in said
    assert "run `citewatch run` again once it ends" in said and "`citewatch archive`" not in said


def _archive_run(archive, tmp_path, db, terminal: bool) -> str:
    """run_all over two live sources (the crawl left to 'another process': this one), its output."""
    seed = Seed(db)
    for i in range(2):
        seed.source(f"https://progress-{archive.ns}.example/page-{i}")
    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=terminal, color_system=None)
    with stage_lock(db, CRAWL):
        result = run_all(db, archive.config(tmp_path, rescue_live=0), console=console)
    assert result.stages["archive"]["saves_done"] == 2, result.stages["archive"]
    return out.getvalue()


def test_a_run_shows_the_archive_stages_progress_on_a_terminal(archive, tmp_path, db):
    said = _archive_run(archive, tmp_path, db, terminal=True)
    assert re.search(r"lookup +━+ 2/2", said) and re.search(r"save +━+ 2/2", said), said


def test_ids_and_paths_with_brackets_are_said_as_written(runner, env, tmp_path):
    """The lines naming rows, paths and commands went through rich's markup: an id `[1]` or a
    `[sic]` vanished from them, and a `[/…]` in one ended the check with a MarkupError."""
    db_path = tmp_path / "drafts[/v2].db"   # a folder `drafts[`, its file `v2].db`
    held = open_db(db_path)
    quotes = tmp_path / "brackets.csv"
    quotes.write_text("id,quote,source\n"
                      "[1],Words of a page no crawl fetched.,http://127.0.0.1:9/never-fetched\n"
                      "n[/b],Other words no crawl fetched.,http://127.0.0.1:9/never-fetched?2\n", encoding="utf-8")
    with stage_lock(held, CRAWL):
        result = runner.invoke(cli, ["check", str(quotes), "--db", str(db_path), "--format", "jsonl"],
                               env={**env, "CITEWATCH_RESOLVE_HOSTS": "*=fail", "COLUMNS": "400"})
        ran = runner.invoke(cli, ["run", "--scheduled", "--db", str(db_path)], env={**env, "COLUMNS": "400"})
    assert result.exit_code == EXIT_NOT_CHECKED, result.output
    said = _one_line(result.stderr)
    assert "2 rows not checked ([1], n[/b])" in said, said
    assert f"did not run: the crawl is already running on {db_path}" in said
    assert ran.exit_code == 0, ran.output
    unwrapped = "".join(ran.output.split())   # a path longer than the console's width is folded
    assert f"crawldidnotrun:thecrawlisalreadyrunningon{db_path}" in unwrapped, ran.output
    assert f"Database:{db_path}" in unwrapped


def test_the_command_to_run_again_is_the_one_the_user_typed_on_any_system():
    """It was read from /proc/self/cmdline: where there is none (macOS, BSD) or it does not name
    citewatch, the advice said `citewatch check` alone, which without its list is a usage error.
    Here the process's command line is `python -c …` while its arguments are a check's."""
    program = ("import sys; sys.argv = ['/usr/local/bin/citewatch', 'check', 'my drafts.csv', '--fail-on', 'altered']; "
               "from crawler.run import this_command; print(this_command('citewatch check'))")
    said = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert said.stdout.strip() == "citewatch check 'my drafts.csv' --fail-on altered", said.stderr
