"""The terminal tables at 80 columns (and at 132): each row's key cell (class, id, verdict)
whole on one line, URLs folded but every character there, no line wider than the terminal.

The commands run in a subprocess as a user runs them, with COLUMNS=80 (rich reads it);
the cells are compared with what the stages stored, not with a snapshot of the output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import crawler.terminal
from crawler.config import SETTINGS
from tests.clirun import crawl, fast_env
from tests.crawling import add_sources, outcome
from tests.factories import Factory

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = [80, 132]
PAGES = ["/crawl/live", "/crawl/news/2020/statement", "/crawl/status/404", "/crawl/page-non-trouvee",
         "/crawl/login-only", "/crawl/members-area", "/crawl/loop-a"]


def _sized(env: dict, width: int) -> dict:
    return {**env, "COLUMNS": str(width)}


def _rows(output: str, columns: int, key: int) -> list[list[list[str]]]:
    """The body rows of the one table in `output` with this many columns: each row a list
    of its lines' cells, a new row starting where the `key` column has a cell."""
    rows: list[list[list[str]]] = []
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if line.startswith("│") and len(cells) == columns:
            if cells[key] or not rows:
                rows.append([])
            rows[-1].append(cells)
    return rows


def _fits(output: str, width: int) -> None:
    assert max(len(line) for line in output.splitlines()) <= width, output


def _citewatch(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


QUOTES = str(ROOT / "examples" / "quotes.csv")


@pytest.fixture(scope="module")
def checked_quotes(tmp_path_factory) -> list[dict]:
    """What `check QUOTES --format jsonl` stored for each row: the cells the tables must show,
    the same at every width (so asked once a module)."""
    tmp_path = tmp_path_factory.mktemp("checked")
    env = dict(os.environ, CITEWATCH_DB=str(tmp_path / "test.db"), CITEWATCH_DATA_DIR=str(tmp_path / "data"))
    return [json.loads(line) for line in _citewatch(env, "check", QUOTES, "--format", "jsonl").stdout.splitlines()]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_crawl_summary_keeps_each_class_on_one_line_and_each_url_whole(web, env, db, tmp_path, width):
    urls = [web["main"] + path for path in PAGES] + ["ftp://example.org/a-statement-only-on-an-ftp-server.txt"]
    ids = add_sources(db, urls)
    output = crawl(_sized(fast_env(env, web, tmp_path), width)).stdout
    _fits(output, width)
    rows = _rows(output, columns=3, key=1)
    assert len(rows) == len(urls), output
    for url, row in zip(urls, rows):   # the table lists the sources in id order
        assert "".join(line[0] for line in row) == url
        assert row[0][1] == outcome(db, ids[url])["class"]
        assert all(not line[1] for line in row[1:])
        # the reason wrapped at spaces, a URL in it folded: every character there, in order
        assert "".join("".join(line[2] for line in row).split()) == "".join(outcome(db, ids[url])["reason"].split())


@pytest.mark.parametrize("width", WIDTHS)
def test_the_check_table_keeps_each_id_and_verdict_on_one_line(env, checked_quotes, width):
    output = _citewatch(_sized(env, width), "check", QUOTES).stdout
    _fits(output, width)
    results = checked_quotes
    assert results   # (the rows compared below are all of them)
    rows = _rows(output, columns=6, key=0)
    assert [(row[0][0], row[0][1]) for row in rows] == [(r["id"], r["verdict"]) for r in results]
    assert all(not line[0] and not line[1] for row in rows for line in row[1:])
    for result, row in zip(results, rows):   # the file's path folded, not cut short
        shown = (result["text"] or "").replace(f"local file {ROOT}/", "local file ")
        assert "".join("".join(line[3] for line in row).split()) == "".join(shown.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_the_verdict_table_keeps_each_footnote_and_verdict_on_one_line(env, db, width):
    f = Factory(db)
    letter = f.letter()
    statement = f.statement(letter["document"], 5, "The Permanent Mission of the Grand Duchy of Fenwick",
                            "Fenwick will never recognise the so-called elections held in the occupied territories.")
    url = "https://fenwick.example.org/ministry/press-releases/2020/04/statement-on-the-elections"
    source = f.source(url)
    f.citation(letter["document"], statement, 5, source, url=url)
    f.fetch(letter["crawl"], source, "live", text="The Ministry publishes its opening hours for the Easter holidays.")
    result = _citewatch(_sized(env, width), "reconcile")
    assert result.returncode == 0, result.stderr
    _fits(result.stdout, width)
    expected = [(str(seq), verdict) for seq, verdict in db.execute(
        "select s.seq, q.verdict from quote_checks q join statements s on s.id = q.statement_id "
        "where q.scope = 'overall' order by s.document_id, s.seq")]
    rows = _rows(result.stdout, columns=6, key=2)
    assert [(row[0][1], row[0][2]) for row in rows] == expected
    assert all(not line[2] for row in rows for line in row[1:])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_settings_table_names_each_setting_on_one_line(env, width):
    """A narrow terminal leaves out the environment variables' column and says their rule."""
    output = _citewatch(_sized(env, width), "settings").stdout
    _fits(output, width)
    wide = width >= crawler.terminal.WIDE
    rows = _rows(output, columns=5 if wide else 4, key=0)
    assert [row[0][0] for row in rows] == [s.name for s in SETTINGS]
    if wide:
        assert [row[0][3] for row in rows] == [s.env_var for s in SETTINGS]
    else:
        assert "CITEWATCH_ and the setting's name in capitals" in " ".join(output.split())


def test_a_long_id_of_the_list_is_folded_and_leaves_the_other_columns_their_room(env, tmp_path):
    """The id is the user's (any length): kept on one line, a long one took all 80 columns
    and left the verdict `verba…` and the score, text, live and evidence columns empty."""
    long_id = "council-of-europe-statement-on-so-called-elections-2020-04-20-first-paragraph"
    quotes = tmp_path / "quotes.csv"
    shutil.copy(ROOT / "examples" / "check" / "coe-statement.txt", tmp_path)   # beside the list, as check reads files
    quotes.write_text("id,quote,source,date\n" + f'{long_id},"any elections held in contradiction or outside of the '
                      f'constitutional order of a member state have no legal effects",'
                      'coe-statement.txt,2020-04-20\n', encoding="utf-8")
    output = _citewatch(_sized(env, 80), "check", str(quotes), "--db", str(tmp_path / "c.db")).stdout
    _fits(output, 80)
    (row,) = _rows(output, columns=6, key=1)
    assert "".join(line[0] for line in row) == long_id
    assert (row[0][1], row[0][2]) == ("verbatim", "100"), output
    assert "coe-statement.txt" in "".join(line[3] for line in row)
    assert " ".join(" ".join(line[5] for line in row).split()) == "same words after normalisation"
