"""`citewatch check` checks its own list only, and refuses what is not a list of quotes.

A check ran every stage over the whole database: in the folder of `make run`, checking four
local files re-crawled the letter's 33 sources, tried to resolve its 14 social citations and
said "the network seems unreachable: all 33 sources failed".  A PNG or a SQLite file named
.txt was read as the source's text, verdict verbatim; a CSV with a header and no rows passed
as "0 rows" with exit 0; and the rows' notes named `citewatch crawl` or `citewatch resolve`,
which the check's user never ran, or said a page was "fetched (dns-failure)" that nothing
fetched.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.request
import uuid

import db as database
from archive import stage as archive_stage
from crawler import crawl
from crawler.check import prepare, store
from crawler.cli import cli
from crawler.config import load_config
from crawler.state import open_crawl
from tests.check_lists import PDF_TEXT, STATEMENT_TXT, pdf_bytes
from tests.test_wayback import Archive
from tests.web.pages import STATEMENT

QUOTE = "The Ministry of Foreign Affairs does not recognise the so-called presidential and parliamentary elections"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _write_list(path, rows: list[tuple[str, str, str]]):
    """A quote list (id, quote, source) in CSV."""
    lines = ["id,quote,source"] + [",".join(json.dumps(cell) for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check(runner, env: dict, *args: str):
    return runner.invoke(cli, ["check", *map(str, args)], env=env, catch_exceptions=False)


def _store_other_document(db, config, folder, page_url: str) -> int:
    """Another document (a list stored, never checked) citing `page_url` and a tweet: its page is
    due for the crawl, its URL for the archive, its tweet for resolve.  Returns its id."""
    folder.mkdir()
    other = _write_list(folder / "theirs.csv", [
        ("page", "The Ministry calls upon all parties.", page_url),
        ("tweet", "Estonia does not consider the elections legitimate.",
         "https://twitter.com/MFAestonia/status/1245011853012525056"),
    ])
    return store(db, prepare(config, quotes_file=other))["document_id"]


def _sources_of(db, document_id: int) -> list[int]:
    return [r[0] for r in db.execute("select source_id from citations where document_id = ?", [document_id])]


def test_a_check_of_local_files_sends_no_request_for_another_documents_sources(web, runner, tmp_path):
    """A check of a list of local files fetches, archives and resolves none of another
    document's sources, all due."""
    archive = Archive(web)
    env = archive.env(tmp_path, network_canaries=f"{web['main']}/")
    key = uuid.uuid4().hex
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    theirs = _store_other_document(db, config, tmp_path / "other", f"{web['main']}/crawl/live?key={key}")
    their_sources = _sources_of(db, theirs)

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "statement.txt").write_text(STATEMENT_TXT, encoding="utf-8")
    listing = _write_list(mine / "quotes.csv", [("1", QUOTE, "statement.txt")])
    result = _check(runner, env, listing, "--format", "jsonl")

    assert result.exit_code == 0, result.output
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["verbatim"]
    counters = json.loads(urllib.request.urlopen(f"{web['main']}/_control/counters").read())
    assert f"live:{key}" not in counters                    # the other document's page: no request
    assert archive.counters() == {}                          # nor a lookup, a save or a search for its tweet
    assert db.execute("select count(*) from fetches where source_id in (select value from json_each(?))",
                      [json.dumps(their_sources)]).fetchone()[0] == 0
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0
    statements = db.execute("select count(*) from quote_checks q join statements s on s.id = q.statement_id"
                            " where s.document_id = ?", [theirs]).fetchone()[0]
    assert statements == 0                                   # nor reconciled
    resolutions = [r[0] for r in db.execute("select resolution from citations where document_id = ?", [theirs])]
    assert resolutions == [None, None]


def test_a_check_with_a_url_fetches_and_archives_the_lists_own_source_only(web, runner, tmp_path):
    """Another document's page and tweet are due for the crawl and the archive, and so is the
    list's own URL: the check fetches, looks up and saves the list's page only.  (The crawl and
    the archive stage ran over every source due once one of the list's was.)"""
    archive = Archive(web)
    env = archive.env(tmp_path, network_canaries=f"{web['main']}/")
    their_key, my_key = uuid.uuid4().hex, uuid.uuid4().hex
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    theirs = _store_other_document(db, config, tmp_path / "other", f"{web['main']}/crawl/live?key={their_key}")
    their_sources = _sources_of(db, theirs)

    my_url = f"{web['main']}/crawl/live?key={my_key}"
    listing = _write_list(tmp_path / "quotes.csv", [("1", STATEMENT, my_url)])
    result = _check(runner, env, listing, "--format", "jsonl")

    assert result.exit_code == 0, result.output
    [row] = map(json.loads, result.stdout.splitlines())
    assert row["verdict"] == "verbatim"
    counters = json.loads(urllib.request.urlopen(f"{web['main']}/_control/counters").read())
    assert len(counters[f"live:{my_key}"]) == 1 and f"live:{their_key}" not in counters
    assert [key for key in archive.counters() if key.startswith("captured:")] == [f"captured:{my_url}"]
    mine = db.execute("select id from sources where url = ?", [my_url]).fetchone()[0]
    assert [r[0] for r in db.execute("select distinct source_id from fetches")] == [mine]
    assert [r[0] for r in db.execute("select source_id from archive_lookups")] == [mine]
    assert [r[0] for r in db.execute("select source_id from save_jobs")] == [mine]
    assert db.execute("select count(*) from fetches where source_id in (select value from json_each(?))",
                      [json.dumps(their_sources)]).fetchone()[0] == 0


def test_a_check_leaves_another_runs_unfinished_crawl_to_that_run(web, runner, tmp_path):
    """A killed scheduled crawl is waiting to be resumed: the check's own crawl is a new one,
    and the killed one stays unfinished for the next crawl of every source (the check resumed
    it, fetched its own page only, and closed it "finished", the other document's sources
    never fetched in it)."""
    archive = Archive(web)
    env = archive.env(tmp_path, network_canaries=f"{web['main']}/")
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    _store_other_document(db, config, tmp_path / "other", f"{web['main']}/crawl/live?key={uuid.uuid4().hex}")
    with db.conn:
        killed, _ = open_crawl(db, {}, scheduled=True)
        db.execute("update crawls set status = 'interrupted' where id = ?", [killed])
    my_url = f"{web['main']}/crawl/live?key={uuid.uuid4().hex}"
    result = _check(runner, env, _write_list(tmp_path / "quotes.csv", [("1", STATEMENT, my_url)]), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    crawls = db.execute("select id, status from crawls where coalesce(json_extract(settings, '$.spider'), 'sources') "
                        "= 'sources' order by id").fetchall()   # (not the archive's rounds of mementos)
    assert crawls[0] == (killed, "interrupted") and [status for _, status in crawls[1:]] == ["finished"]
    assert db.execute("select count(*) from fetches where crawl_id = ?", [killed]).fetchone()[0] == 0


def test_an_empty_collection_of_sources_limits_the_crawl_and_the_archive_to_none(web, tmp_path):
    """`source_ids` empty is no source, never every one (a list whose rows are all local files):
    the crawl and the archive stage send no request, and the crawl leaves an unfinished crawl
    to the next run that is not limited, unfinished."""
    archive = Archive(web)
    key = uuid.uuid4().hex
    config = archive.config(tmp_path)
    db = database.open_db(config.db_path)
    _store_other_document(db, config, tmp_path / "other", f"{web['main']}/crawl/live?key={key}")
    with db.conn:
        unfinished, _ = open_crawl(db, {})

    assert crawl.run(db, config, show_progress=False, source_ids=[]) == crawl.nothing_crawled(config)
    counts = archive_stage.run(db, config, source_ids=frozenset())
    assert (counts["lookups"], counts["save_queued"], counts["saves_done"]) == ({}, 0, 0)
    counters = json.loads(urllib.request.urlopen(f"{web['main']}/_control/counters").read())
    assert f"live:{key}" not in counters and archive.counters() == {}
    assert db.execute("select status from crawls where id = ?", [unfinished]).fetchone()[0] == "running"


def test_a_file_that_is_no_text_is_refused_for_its_row_and_a_real_pdf_is_read(runner, tmp_path):
    """Bytes that are no text under a text file's name are the row's error, in one line naming
    the file and the fix; a PDF named .pdf is read as before."""
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "scan.txt").write_bytes(PNG)
    sqlite3.connect(folder / "data.txt").executescript("create table t (x); insert into t values ('IHDR words');")
    (folder / "report.txt").write_bytes(pdf_bytes(PDF_TEXT))
    (folder / "report.pdf").write_bytes(pdf_bytes(PDF_TEXT))
    listing = _write_list(folder / "quotes.csv", [
        ("png", "IHDR", "scan.txt"), ("sqlite", "SQLite format", "data.txt"), ("pdf-as-txt", PDF_TEXT, "report.txt"),
        ("pdf", PDF_TEXT, "report.pdf")])
    env = {"CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}
    result = _check(runner, env, listing, "--format", "jsonl")

    assert result.exit_code == 1, result.output              # rows with errors
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["png"]["verdict"] == rows["sqlite"]["verdict"] == rows["pdf-as-txt"]["verdict"] == "error"
    for row, name in (("png", "scan.txt"), ("sqlite", "data.txt")):
        assert rows[row]["reason"] == (f"local file {folder / name} is a binary file, not .txt text; give the file "
                                       "that holds the original text (.txt, .md, .html or .pdf)")
    assert rows["pdf-as-txt"]["reason"] == f"local file {folder / 'report.txt'} is a PDF named .txt; rename it to .pdf"
    assert (rows["pdf"]["verdict"], rows["pdf"]["text"]) == ("verbatim", f"local file {folder / 'report.pdf'}")


def test_a_list_with_a_header_and_no_rows_is_refused_and_no_database_is_made(runner, tmp_path):
    env = {"CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}
    for name, text in (("h.csv", "quote,source\n"), ("h.tsv", "id\tquote\tsource\n\n  \n")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = _check(runner, env, path)
        assert result.exit_code == 1, result.output          # as every list that cannot be read (README's table)
        assert result.stderr == f"Error: {path}: no rows under the header; add one row per quote\n"
        assert result.stdout == ""
        assert not (tmp_path / "test.db").exists()


def test_the_notes_of_a_checks_rows_name_the_check_and_an_offline_page_was_not_fetched(runner, tmp_path):
    """Offline (no name resolves: tests/conftest.py), a URL row's page ends dns-failure and its
    note says it could not be fetched and to run the check again, not `citewatch crawl`."""
    listing = _write_list(tmp_path / "quotes.csv", [("1", QUOTE, "https://mfa.example.org/statement")])
    env = {"CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data"),
           "CITEWATCH_FETCH_TIMEOUT": "2", "CITEWATCH_RETRIES": "0"}
    result = _check(runner, env, listing, "--format", "jsonl")

    assert result.exit_code == 4, result.output              # offline: rows unverifiable
    [row] = map(json.loads, result.stdout.splitlines())
    assert row["verdict"] == "unverifiable"
    assert row["reason"] == ("row 1: could not be fetched (dns-failure) and no memento with text; run the check again "
                             "when the network is back")
