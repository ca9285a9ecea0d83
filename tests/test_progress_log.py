"""Progress where the output is no terminal (`citewatch run DOC >> log 2>&1`, cron): the plain
lines on standard error alone, each task's last one its final count, and a search of an
archive that could not be reached never reading as done.

rich prints a display's last state as it stops on a console that is no terminal (standard
output), so a log that takes both streams held the progress twice (`sources: 33/33 (100%)`
then `sources ━━━ 33/33`); a task with no total (a crawl of posts) ended on a line its bar
had left behind (`posts: 3` of 4); and the resolve stage's search ticked off the citations it
never asked about, `Searching the archive: 14/14 (100%)` before "14 citations left to resolve".
"""

from __future__ import annotations

import io
import re
import urllib.request
import uuid

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn

import db as database
from archive.wayback import WaybackOptions
from crawler.cli import cli
from crawler.config import load_config
from crawler.terminal import Progress
from tests.conftest import LETTER
from tests.test_check_busy import _archive_run
from tests.test_social import add_social_citation, social_env
from tests.test_terminal_progress import progress_lines
from tests.web import social as archived


def _columns():
    """The columns of the crawl's bar (crawler/spiderrun.py `_show`): its counts too."""
    return (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"))


def test_a_log_gets_the_lines_alone_not_rich_bar_as_well(capsys):
    log = io.StringIO()
    with Progress(*_columns(), console=Console(file=log), transient=False, auto_refresh=False) as bar:
        task = bar.add_task("sources", total=33, counts="")
        for done in range(1, 34):
            bar.update(task, completed=done, counts=f"dns-failure:{done}")
    assert capsys.readouterr().err.splitlines()[-1] == "sources: 33/33 (100%), dns-failure:33"
    assert log.getvalue() == ""   # before: "sources ━━━━ 33/33 dns-failure:33" and a line end


def test_a_transient_display_leaves_no_blank_line_in_a_log():
    """`reconcile`'s bar is transient: rich printed an empty line as it stopped, the first line of its output."""
    log = io.StringIO()
    with Progress(console=Console(file=log), transient=True) as bar:
        task = bar.add_task("reconcile", total=3)
        for _ in range(3):
            bar.advance(task)
    assert log.getvalue() == ""


def test_a_task_with_no_total_ends_its_log_with_its_last_count(capsys):
    with Progress(*_columns(), console=Console(file=io.StringIO()), auto_refresh=False) as bar:
        task = bar.add_task("posts", total=None, counts="")
        for done in range(1, 5):   # within a minute: only the first is news while it runs
            bar.update(task, completed=done, counts=f"text:{done}")
    assert capsys.readouterr().err.splitlines() == ["posts: 1, text:1", "posts: 4, text:4"]


def test_a_task_ending_between_tenths_ends_its_log_with_its_last_count(capsys):
    with Progress(console=Console(file=io.StringIO()), name="archive") as bar:
        task = bar.add_task("lookup", total=250)
        for _ in range(247):   # a stop, say: 99 %, past its last tenth
            bar.advance(task)
    lines = capsys.readouterr().err.splitlines()
    assert lines[-2:] == ["archive: lookup 225/250 (90%)", "archive: lookup 247/250 (99%)"]


def test_a_last_state_said_already_is_not_said_again(capsys):
    with Progress(console=Console(file=io.StringIO())) as bar:
        first, second = bar.add_task("lookup", total=2), bar.add_task("save", total=None)
        bar.update(first, completed=2)
        bar.update(second, completed=1)
    assert capsys.readouterr().err.splitlines() == ["lookup: 2/2 (100%)", "save: 1"]


def test_a_terminal_still_gets_rich_display_and_no_line(capsys):
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80, color_system=None)
    with Progress(*_columns(), console=console, transient=False) as bar:
        task = bar.add_task("posts", total=None, counts="")
        bar.update(task, completed=4, counts="text:4")
    assert capsys.readouterr().err == ""
    assert re.search(r"posts .* 4/\? text:4", screen.getvalue())


def test_a_run_in_a_log_says_each_archive_phase_in_lines_not_in_bars(archive, tmp_path, db, capsys):
    """The archive stage's phases within `citewatch run` (crawler/run.py `archive_progress`):
    rich printed each phase's bar at the end onto the run's output, after the lines had said it."""
    said = _archive_run(archive, tmp_path, db, terminal=False)
    assert not re.search(r"(lookup|save) +━", said), said   # before: "lookup ━━━ 2/2", "save ━━━ 2/2"
    lines = capsys.readouterr().err.splitlines()
    assert [lines.count(f"archive: {phase} 2/2 (100%)") for phase in ("lookup", "save: queue", "save")] == [1, 1, 1]


def test_reconcile_in_a_log_starts_with_its_table(tmp_path, runner):
    db_path = tmp_path / "cw.db"
    assert runner.invoke(cli, ["ingest", str(LETTER), "--db", str(db_path)]).exit_code == 0
    result = runner.invoke(cli, ["reconcile", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].strip() == "quote verdicts"   # before: an empty line
    assert progress_lines(result.stderr)[-1]["done"] == "42"


def test_a_search_of_an_archive_out_of_reach_does_not_read_as_done(tmp_path, runner):
    """The tests' archive is a closed loopback port (tests/conftest.py OFFLINE): nothing is
    searched, and no line says otherwise before the one that says why."""
    db_path = tmp_path / "cw.db"
    assert runner.invoke(cli, ["ingest", str(LETTER), "--db", str(db_path)]).exit_code == 0
    result = runner.invoke(cli, ["resolve", "--db", str(db_path), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert "14 citations left to resolve" in " ".join(result.stdout.split())
    assert progress_lines(result.stderr) == []   # before: "Searching the archive: 14/14 (100%)"


def test_a_citation_the_archive_failed_for_is_not_counted_searched(web, tmp_path, runner, monkeypatch):
    namespace = "progress-failed-" + uuid.uuid4().hex[:8]
    env = {**social_env(web, tmp_path, namespace, mirrors=False), "CITEWATCH_ARCHIVE_BACKOFF": "0"}
    db = database.open_db(env["CITEWATCH_DB"])
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    add_social_citation(db, document, 1, "twitter", "@MFAestonia", "2020-03-31", archived.ESTONIA_OLD.text)
    add_social_citation(db, document, 2, "facebook", "https://www.facebook.com/NatoPressOffice/", "2020-04-02",
                        archived.NATO_STORY[1])
    tries = WaybackOptions.from_config(load_config(env=env)).tries   # the first call's, all answered 503
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503={tries}").read()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(cli, ["resolve"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "footnote 1: the archive failed" in result.stdout
    lines = progress_lines(result.stderr)
    assert lines and lines[-1] == {"head": "Searching the archive:", "done": "1", "total": "2", "percent": "50",
                                   "counts": None}   # before: 2/2 (100%)
