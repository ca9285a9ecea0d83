"""`citewatch check` end to end: a 42-row quote list through the real CLI against the test web.

Local files (text, HTML in UTF-8 and windows-1252, a PDF), live and dead pages, a
Wayback memento URL, tweets by URL and by handle, and rows that cannot be checked;
every stage runs for real (Scrapy crawls, the archive's CDX and replay, the posts
spider, reconcile) into a real SQLite file.  The list is in tests/check_lists.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import db as database
from tests.check_lists import rows, write_csv, write_files
from tests.clirun import cli_here
from tests.conftest import ROOT
from tests.test_wayback import Archive

TABLES = ("documents", "statements", "citations", "sources", "texts", "quote_rows", "quote_checks", "snapshots",
          "candidates")


def check(env: dict, *args: str) -> subprocess.CompletedProcess:
    """`citewatch check …` called in this process (tests/clirun.py `cli_here`), stdout and stderr
    apart: for a test of what a check stores or says, which its process does not change."""
    return cli_here(env, "check", *args)


def check_in_a_process(env: dict, *args: str) -> subprocess.CompletedProcess:
    """`citewatch check …` in a subprocess, as a gate in a script runs it: for a test of the exit
    status that process ends with, or of the advice naming the command as typed (its sys.argv)."""
    return subprocess.run([sys.executable, "-m", "crawler.cli", "check", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)


# The tweet rows' own URLs (twitter.com, x.com) are crawled like any cited source: a
# proxy on a closed loopback port keeps those requests on this machine (no DNS, no
# traffic out); the test web on 127.0.0.1 is reached directly.
NO_WAY_OUT = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": "127.0.0.1"}


@pytest.fixture
def env(web, tmp_path):
    archive = Archive(web)
    values = {k: v for k, v in os.environ.items()
              if k not in ("IA_ACCESS_KEY", "IA_SECRET_KEY") and k.lower() not in NO_WAY_OUT}
    values.update(archive.env(tmp_path, obey_robots=1, soft404_probe=0))
    values.update(NO_WAY_OUT)
    values["CITEWATCH_NETWORK_CANARIES"] = f"{web['main']}/"  # the network is there: the test web answers
    values["ARCHIVE_BASE"] = archive.base
    return values


def counts(db_path) -> dict[str, int]:
    db = database.open_db(db_path)
    return {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def test_a_42_row_list_gets_every_verdict_in_order_and_a_rerun_changes_nothing(web, env, tmp_path):
    folder = write_files(tmp_path / "files")
    cases = rows(web, env["ARCHIVE_BASE"])
    assert len(cases) >= 40
    quotes = write_csv(folder / "quotes.csv", cases)

    first = check(env, str(quotes), "--format", "jsonl")
    assert first.returncode == 1, first.stderr            # rows with errors: exit 1
    lines = first.stdout.splitlines()
    assert len(lines) == len(cases)                        # one line per row, nothing else on stdout
    results = [json.loads(line) for line in lines]
    assert [r["id"] for r in results] == [c.id for c in cases]
    assert [(r["id"], r["verdict"]) for r in results] == [(c.id, c.expected) for c in cases]
    assert {r["verdict"] for r in results} == {"verbatim", "minor", "elided", "altered", "translation",
                                               "not-in-source", "unverifiable", "error"}
    by_id = {r["id"]: r for r in results if r["verdict"] != "error" or r["id"] != "txt-verbatim"}

    # which text each verdict rests on, and the live class of URL sources
    assert by_id["txt-verbatim"]["text"] == f"local file {folder / 'statement.txt'}"
    assert by_id["txt-verbatim"]["live_class"] is None
    assert by_id["pdf-verbatim"]["text"] == f"local file {folder / 'oic.pdf'}"
    assert by_id["live-verbatim"]["text"] == "live" and by_id["live-verbatim"]["live_class"] == "live"
    assert by_id["dead-memento"]["text"] == "memento 20200325000000"     # the page is gone (410); its memento
    assert by_id["dead-memento"]["memento_timestamp"] == "20200325000000"
    assert by_id["dead-memento"]["live_class"] == "client-error"
    assert by_id["memento-url"]["text"] == "memento 20200320000000"      # the memento the row gave ...
    assert by_id["memento-url"]["live_class"] == "live"                  # ... of a page that lives on
    assert "content drift" in by_id["memento-url"]["reason"]
    assert by_id["dead-no-memento"]["live_class"] == "client-error"
    assert by_id["dead-no-memento"]["reason"].startswith("row dead-no-memento: ")  # a row, not a footnote
    assert by_id["tweet-url"]["live_class"] == by_id["handle"]["live_class"] == "connection-error"
    assert by_id["tweet-url"]["text"].startswith("post https://twitter.com/MFAestonia/status/")
    assert by_id["handle"]["text"].startswith("post https://twitter.com/latvian_mfa/status/")

    # evidence: span into the stored text, and the word diff of an altered quote
    verbatim = by_id["txt-verbatim"]
    assert verbatim["matched"] in (folder / "statement.txt").read_text(encoding="utf-8")
    assert verbatim["span_end"] - verbatim["span_start"] == len(verbatim["matched"])
    assert ["delete", "peacefully"] in by_id["txt-altered-word"]["diff"]
    assert ["insert", "quickly"] in by_id["txt-altered-word"]["diff"]
    assert "31 → 13" in by_id["txt-altered-number"]["reason"]

    # rows that cannot be checked say why, in one line, in place
    errors = {r["id"]: r["reason"] for r in results[-12:]}
    assert "unsupported scheme ftp:" in errors["ftp"]
    assert "does not exist" in errors["missing-file"] and "is a directory" in errors["directory"]
    assert "is empty" in errors["empty-file"] and ".docx" in errors["docx"]
    assert "needs the date" in errors["handle-no-date"]
    assert results[-1]["reason"].startswith("id 'txt-verbatim' is used by line 2 too")
    assert all("\n" not in r["reason"] for r in results)

    # the rows are a document of kind quotes, checked like a letter's footnotes
    db = database.open_db(tmp_path / "test.db")
    [document] = db.execute("select id, kind, path from documents").fetchall()
    assert document[1:] == ("quotes", str(quotes))
    checkable = len([c for c in cases if c.expected != "error"])
    assert db.execute("select count(*) from statements where document_id = ?", [document[0]]).fetchone()[0] == checkable
    assert db.execute("select count(*) from quote_checks where scope = 'overall'").fetchone()[0] == checkable
    assert db.execute("select count(*) from texts where origin = 'local'").fetchone()[0] == 4
    memento_citation = db.execute("select c.url, c.url_printed from citations c join statements s"
                                  " on s.id = c.statement_id where s.title = 'memento-url'").fetchone()
    assert memento_citation == (f"{web['main']}/crawl/live", next(c.source for c in cases if c.id == "memento-url"))
    local_keys = [k for (k,) in db.execute("select key from sources where kind = 'local'")]
    assert all(k.startswith(f"file:{folder}/") and "#" in k for k in local_keys)
    before = counts(tmp_path / "test.db")

    # the same list again: the same results, nothing added
    again = check(env, str(quotes), "--format", "json")
    assert again.returncode == 1, again.stderr
    assert [(r["id"], r["verdict"]) for r in json.loads(again.stdout)] == [(c.id, c.expected) for c in cases]
    assert counts(tmp_path / "test.db") == before
    assert "0 added, 0 updated" in again.stderr


def test_fail_on_sets_the_exit_status_for_a_draft(web, env, tmp_path):
    folder = write_files(tmp_path / "files")
    main = web["main"]
    quotes = folder / "draft.tsv"
    quotes.write_text("quote\tsource\tdate\n"
                      f"The Ministry calls upon all parties to observe an immediate regional ceasefire.\t{main}/crawl/live\t2020-03-31\n"
                      "These elections are null and void and have no legal effect whatsoever.\tstatement.txt\t\n",
                      encoding="utf-8")
    failed = check_in_a_process(env, str(quotes), "--format", "csv", "--fail-on", "altered,not-in-source")
    assert failed.returncode == 3, failed.stderr
    lines = failed.stdout.splitlines()
    assert lines[0].startswith("id,line,verdict,score,text")
    assert [line.split(",")[:3] for line in lines[1:]] == [["1", "2", "altered"], ["2", "3", "verbatim"]]
    assert "[-global-] {+regional+}" in lines[1]
    passed = check_in_a_process(env, str(quotes), "--format", "csv", "--fail-on", "not-in-source")
    assert passed.returncode == 0, passed.stderr


def test_an_offline_check_does_not_pass_a_gate(web, env, tmp_path):
    """Offline (no name resolves, no canary answers: the test environment), a URL row comes back
    unverifiable: a --fail-on gate must not pass a list none of whose pages was read (exit 4, as
    `citewatch run`'s), and the line under the results says the network seemed unreachable.  A
    local file's row is still checked, and its failing verdict still wins (3)."""
    folder = write_files(tmp_path / "files")
    quotes = folder / "offline.tsv"
    quotes.write_text("quote\tsource\tdate\n"
                      "The Ministry calls upon all parties to observe a ceasefire.\thttps://mfa.example/statement\t2020-03-31\n"
                      "These elections are null and void and have no legal effect whatsoever.\tstatement.txt\t\n",
                      encoding="utf-8")
    offline = {**env, "CITEWATCH_NETWORK_CANARIES": "https://canary.example/"}
    result = check_in_a_process(offline, str(quotes), "--format", "csv", "--fail-on", "not-in-source")
    assert result.returncode == 4, result.stderr
    assert [line.split(",")[2] for line in result.stdout.splitlines()[1:]] == ["unverifiable", "verbatim"]
    said = "".join(result.stderr.split())  # the terminal's lines wrap anywhere in a long path
    assert "thenetworkseemsunreachable" in said and f"run`citewatchcheck{quotes}--formatcsv" in said, said
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("null and void", "null and invalid"), encoding="utf-8")
    assert check_in_a_process(offline, str(quotes), "--format", "csv", "--fail-on", "altered").returncode == 3


def test_evidence_cut_to_fit_the_table_says_so(runner, tmp_path):
    """A long diff is cut at 400 characters in the table: the cut ends in "…", or the last
    change shown reads as if it were the whole of it."""
    from crawler.cli import cli

    words = ("the ministry of foreign affairs reaffirms its full support for the sovereignty and territorial integrity "
             "of the country within its internationally recognized borders and calls on all parties to refrain from "
             "any unilateral steps that could escalate tensions and undermine the peace process").split()
    page = tmp_path / "page.txt"
    page.write_text(" ".join(words) + ".", encoding="utf-8")
    quote = " ".join(f"altered{i}" if i % 4 == 0 else word for i, word in enumerate(words))
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", quote, str(page)],
                           env={"COLUMNS": "200", "CITEWATCH_RESOLVE_HOSTS": "*=fail"})
    assert result.exit_code == 0, result.output
    evidence = [line.split("│")[6].strip() for line in result.stdout.splitlines() if line.count("│") == 7]
    assert evidence and evidence[-1].endswith("…")


def test_the_summary_line_keeps_a_long_output_path_whole_in_a_log(runner, tmp_path):
    """In a log (no terminal: rich's 80 columns) "written to PATH" was broken over two lines,
    and a path so cut cannot be copied."""
    from crawler.cli import cli

    page = tmp_path / "page.txt"
    page.write_text("The ministry reaffirms its support.", encoding="utf-8")
    out = tmp_path / ("a-folder-with-a-long-name-" * 3) / "verdicts.csv"
    out.parent.mkdir()
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", "The ministry reaffirms its support.",
                                 str(page), "--format", "csv", "-o", str(out)],
                           env={"COLUMNS": "80", "CITEWATCH_RESOLVE_HOSTS": "*=fail"})
    assert result.exit_code == 0, result.output
    assert any(line.endswith(f"written to {out}") for line in result.stderr.splitlines()), result.stderr


def test_a_missing_file_s_advice_names_the_folder_its_relative_path_was_read_from(runner, tmp_path, monkeypatch):
    """`--quote` reads a relative SOURCE from the current folder, a list from its own: the
    advice said "the quote list's folder" with no list."""
    from crawler.cli import cli

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--quote", "The Ministry", "missing.pdf",
                                 "--format", "jsonl"], env={"CITEWATCH_RESOLVE_HOSTS": "*=fail"})
    [row] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert "(relative paths are read from the current folder)" in row["reason"], row
    (tmp_path / "quotes.csv").write_text("id,quote,source\nq1,The Ministry,missing.pdf\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "quotes.csv", "--format", "jsonl"],
                           env={"CITEWATCH_RESOLVE_HOSTS": "*=fail"})
    [row] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert "(relative paths are read from the quote list's folder)" in row["reason"], row
