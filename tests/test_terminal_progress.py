"""Progress on a console that is no terminal (a log file, cron, nohup): rich draws nothing
there until the end, so a long stage wrote nothing for minutes; now a plain line on standard
error with the first item done and at each tenth, standard output keeping the data alone
(and rich's last state, which it printed there as it stopped, is not: tests/test_progress_log.py)."""

from __future__ import annotations

import io
import re
import uuid

from rich.console import Console
from rich.progress import BarColumn, TextColumn

import db as database
from crawler.cli import cli
from crawler.terminal import Progress
from tests.clirun import crawl, fast_env
from tests.conftest import LETTER
from tests.crawling import add_sources
from tests.test_social import add_social_citation, social_env
from tests.web import social as archived

LINE = re.compile(r"^(?P<head>.+?) (?P<done>\d+)/(?P<total>\d+) \((?P<percent>\d+)%\)(?:, (?P<counts>.*))?$")


def progress_lines(text: str) -> list[dict]:
    return [match.groupdict() for match in map(LINE.match, text.splitlines()) if match]


def test_a_log_gets_a_line_at_the_first_item_and_at_each_tenth(capsys):
    log = io.StringIO()
    with Progress(TextColumn("{task.description}"), BarColumn(), console=Console(file=log)) as bar:
        task = bar.add_task("[bold]reconcile", total=250)
        for _ in range(250):
            bar.advance(task)
    lines = progress_lines(capsys.readouterr().err)
    assert {line["head"] for line in lines} == {"reconcile:"}  # its markup gone
    assert [int(line["percent"]) for line in lines] == [0, *range(10, 101, 10)]
    assert [int(line["done"]) for line in lines] == [1, *range(25, 251, 25)]
    assert progress_lines(log.getvalue()) == []  # nothing on the console's own file (standard output)


def test_a_phase_line_names_the_command_and_its_counts(capsys):
    with Progress(TextColumn("{task.description}"), console=Console(file=io.StringIO()), name="archive") as bar:
        lookup = bar.add_task("lookup", total=None, counts="")
        bar.update(lookup, completed=0, total=4, counts="")  # nothing done yet: no line
        for done in range(1, 5):
            bar.update(lookup, completed=done, total=4, counts=f"found:{done}")
            bar.update(lookup, completed=done, total=4, counts=f"found:{done}")  # no news: no second line
    err = capsys.readouterr().err.splitlines()
    assert err == ["archive: lookup 1/4 (25%), found:1",
                   "archive: lookup 2/4 (50%), found:2", "archive: lookup 3/4 (75%), found:3",
                   "archive: lookup 4/4 (100%), found:4"]


def test_a_new_description_is_a_line_of_its_own(capsys):
    with Progress(console=Console(file=io.StringIO())) as bar:
        task = bar.add_task("sources", total=100)
        bar.update(task, completed=3)
        bar.update(task, completed=4)
        bar.update(task, completed=4, description="sources: stopping")
    assert capsys.readouterr().err.splitlines() == ["sources: 3/100 (3%)", "sources: stopping: 4/100 (4%)"]


def test_a_stage_failing_before_its_first_item_says_nothing_of_progress(capsys):
    with Progress(console=Console(file=io.StringIO())) as bar:
        bar.add_task("reconcile", total=42)
    assert capsys.readouterr().err == ""


def test_a_terminal_gets_rich_display_alone(capsys):
    with Progress(console=Console(file=io.StringIO(), force_terminal=True)) as bar:
        task = bar.add_task("reconcile", total=10)
        for _ in range(10):
            bar.advance(task)
    assert capsys.readouterr().err == ""


def test_reconcile_redirected_to_a_log_says_its_progress_on_stderr(tmp_path, runner):
    db_path = tmp_path / "cw.db"
    assert runner.invoke(cli, ["ingest", str(LETTER), "--db", str(db_path)]).exit_code == 0
    result = runner.invoke(cli, ["reconcile", "--db", str(db_path)])   # CliRunner's streams are no terminal
    assert result.exit_code == 0, result.output
    lines = progress_lines(result.stderr)
    assert lines[0] == {"head": "reconcile:", "done": "1", "total": "42", "percent": "2", "counts": None}
    assert lines[-1] == {"head": "reconcile:", "done": "42", "total": "42", "percent": "100", "counts": None}
    assert [int(line["percent"]) // 10 for line in lines] == list(range(11))
    assert progress_lines(result.stdout) == []


def test_a_crawl_redirected_to_files_says_its_progress_on_stderr_alone(web, env, db, tmp_path):
    urls = [f"{web['main']}/crawl/live?key=progress-{n}" for n in range(12)]
    add_sources(db, urls)
    result = crawl(fast_env(env, web, tmp_path))   # stdout and stderr are pipes, as under cron
    lines = progress_lines(result.stderr)
    assert lines and lines[-1]["head"] == "sources:" and lines[-1]["done"] == lines[-1]["total"] == "12"
    assert lines[-1]["percent"] == "100" and "live:12" in lines[-1]["counts"]
    assert progress_lines(result.stdout) == []


def test_resolve_redirected_to_a_log_says_its_search_on_stderr(web, tmp_path, runner, monkeypatch):
    env = social_env(web, tmp_path, "progress-" + uuid.uuid4().hex[:8])
    db = database.open_db(env["CITEWATCH_DB"])
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    add_social_citation(db, document, 1, "facebook", "https://www.facebook.com/NatoPressOffice/", "2020-04-02",
                        archived.NATO_STORY[1])
    add_social_citation(db, document, 2, "twitter", "@MFAestonia", "2020-03-31", archived.ESTONIA_OLD.text)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(cli, ["resolve"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = progress_lines(result.stderr)
    assert lines and lines[-1] == {"head": "Searching the archive:", "done": "2", "total": "2", "percent": "100",
                                   "counts": None}
    assert progress_lines(result.stdout) == []
