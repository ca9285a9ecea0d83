"""One-line messages that name the input and the fix, for inputs that used to be ignored or
misnamed: ids that name no row, documents and quote sources that cannot be read, intervals
cron cannot keep, and help texts that promised what the command does not do."""

from __future__ import annotations

import json
import shlex
import zipfile
from pathlib import Path

import pytest

import db as database
from crawler.cli import cli
from tests.conftest import EXAMPLES, LETTER, OFFLINE


def one_error(result) -> str:
    """The command failed with exactly one `Error:` line; return it."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


@pytest.mark.parametrize("args, expected", [
    (["reconcile", "--document", "99"],
     "Error: --document 99: no such document; `citewatch status` lists the documents with their ids"),
    (["reconcile", "--statement", "999"],
     "Error: --statement 999: no such statement; `citewatch report --format json` lists every statement with its id"),
    (["resolve", "--citation", "999"],
     "Error: --citation 999: no such citation; `citewatch report --format json` lists every citation with its citation_id"),
    (["report", "--document", "99"],
     "Error: --document 99: no such document; `citewatch status` lists the documents with their ids"),
])
def test_an_id_that_names_no_row_is_an_error(runner, letter_db, args, expected):
    result = runner.invoke(cli, [*args, "--db", str(letter_db)])
    assert one_error(result) == expected
    assert not database.open_db(letter_db)["quote_checks"].count


def test_resolve_refuses_a_citation_that_is_not_a_post(runner, letter_db):
    web = database.open_db(letter_db).execute("select id from citations where kind = 'web' limit 1").fetchone()[0]
    result = runner.invoke(cli, ["resolve", "--citation", str(web), "--db", str(letter_db)])
    assert one_error(result).startswith(f"Error: --citation {web}: a web citation, not a Twitter or Facebook one;")


def test_a_statement_outside_the_document_given_is_an_error(runner, letter_db):
    result = runner.invoke(cli, ["reconcile", "--document", "1", "--statement", "1", "--db", str(letter_db)])
    assert result.exit_code == 0, result.output
    db = database.open_db(letter_db)
    db["documents"].insert({"id": 2, "sha256": "x", "kind": "letter", "ingested_at": database.now()})
    result = runner.invoke(cli, ["reconcile", "--document", "2", "--statement", "1", "--db", str(letter_db)])
    assert one_error(result) == ("Error: --statement 1 is not in --document 2; "
                                 "give one of them, or the statement's own document")


def test_status_lists_the_documents_with_the_ids_report_takes(runner, letter_db):
    result = runner.invoke(cli, ["status", "--db", str(letter_db)], catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "Letter dated 13 May 2020" in line)
    assert row.split("│")[1:4] == [" 1  ", " letter ", " 42         "]


@pytest.mark.parametrize("document, expected", [
    ("/dev/null", "Error: /dev/null: is not a regular file (a device, pipe or socket); give the document's file"),
    ("ftp://example.org/x", "Error: ftp://example.org/x: only http(s) URLs and local files are read, not ftp:; "
                            "download the document and give its path"),
])
def test_ingest_names_what_is_wrong_with_the_document(runner, db_path, document, expected):
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), document])
    assert one_error(result) == expected


QUOTE_LISTS = {
    "quotes.tsv": "id\tquote\tsource\nq1\tWe do not recognise the elections.\thttps://example.org/statement\n",
    "quotes.jsonl": '{"quote": "We do not recognise the elections.", "source": "@MFAestonia"}\n',
    "my quotes.txt": "quote;source\nWe do not recognise the elections.;statement.txt\n",   # sniffed, as check sniffs it
}


@pytest.mark.parametrize("name", [EXAMPLES / "quotes.csv", *QUOTE_LISTS], ids=str)
def test_ingest_points_a_quote_list_to_check(runner, db_path, tmp_path, name):
    path = tmp_path / name
    if name in QUOTE_LISTS:
        path.write_text(QUOTE_LISTS[name], encoding="utf-8")
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)])
    assert one_error(result) == (f"Error: {path}: is a quote list (rows with a quote and a source), not a compiled "
                                 f"document; check its quotes with `citewatch check {shlex.quote(str(path))}`")
    assert not db_path.exists()


def test_ingest_reads_a_refused_quote_list_once(runner, db_path, tmp_path, monkeypatch):
    """The list is told from the text ingest has read: a refused document up to
    ingest_max_bytes was read whole a second time for it."""
    path = tmp_path / "quotes.tsv"
    path.write_text(QUOTE_LISTS["quotes.tsv"], encoding="utf-8")
    reads, read_bytes = [], Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or read_bytes(self))  # counts, reads
    assert "is a quote list" in one_error(runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)]))
    assert reads.count(path) == 1


def test_ingest_points_no_cp1252_list_to_check(runner, db_path, tmp_path):
    """check reads UTF-8 (or a BOM's encoding) only: a list ingest read as Windows-1252 keeps
    the document's own refusal, not a pointer to a command that refuses it too."""
    path = tmp_path / "quotes.csv"
    path.write_bytes("quote,source\nNous ne reconnaissons pas les \u00e9lections.,statement.txt\n".encode("cp1252"))
    said = one_error(runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)]))
    assert "is this a compiled document?" in said and "citewatch check" not in said


@pytest.mark.parametrize("text", ["quote,source\n", "name,url\nEstonia,https://example.org\n",
                                  '{"quote": "", "source": "@MFAestonia"}\n'])
def test_ingest_says_no_statements_of_a_table_that_is_no_quote_list(runner, db_path, tmp_path, text):
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)])
    said = one_error(result)
    assert "is this a compiled document?" in said and "citewatch check" not in said


def _zip(path, name: str, data: str) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(name, data)


@pytest.mark.parametrize("name, make, what", [
    ("letter.docx", lambda p: _zip(p, "word/document.xml", "<w:document/>"),
     "a Word (.docx), OpenDocument (.odt) or other zip file"),
    ("letter.odt", lambda p: _zip(p, "mimetype", "application/vnd.oasis.opendocument.text"),
     "a Word (.docx), OpenDocument (.odt) or other zip file"),
    ("letter.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
     "a Word (.doc) or other Office file"),
    ("letter.rtf", lambda p: p.write_text("{\\rtf1\\ansi Letter dated 13 May 2020\\par}\n"), "a Rich Text (.rtf) file"),
], ids=["docx", "odt", "doc", "rtf"])
def test_ingest_says_to_save_a_word_processor_s_file_as_pdf_or_text(runner, db_path, tmp_path, name, make, what):
    path = tmp_path / name
    make(path)
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)])
    assert one_error(result) == (f"Error: {path}: is {what}, not a text, PDF or HTML document; "
                                 "save it from its word processor as PDF or plain text and ingest that file")


def test_ingest_reads_a_file_whose_name_looks_like_a_scheme(runner, db_path, tmp_path, monkeypatch):
    (tmp_path / "letter:v2.txt").write_bytes(LETTER.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), "letter:v2.txt"], catch_exceptions=False)
    assert result.exit_code == 0 and "document 1 (letter, new document)" in result.output


EXPECTED_SOURCE = "give an http(s) URL, a Wayback memento URL, an @handle or a local .txt, .md, .html or .pdf file"


def test_a_quote_list_row_s_source_error_says_what_a_source_is(runner, tmp_path):
    listing = tmp_path / "quotes.csv"
    listing.write_text("id,quote,source\nnohost,hello world,http://\nat,hello world,@\n"
                       "prose,hello world,not a url at all\nlong,hello world,@this_handle_is_too_long\n", encoding="utf-8")
    env = {**OFFLINE, "CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}
    result = runner.invoke(cli, ["check", str(listing), "--format", "jsonl"], env=env, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    reasons = {row["id"]: (row["verdict"], row["reason"]) for row in map(json.loads, result.stdout.splitlines())}
    handle = "is not an @handle; a handle is @ and 1 to 15 letters, digits or _, like @MFAestonia"
    assert reasons == {
        "nohost": ("error", "'http://' has no host; give the whole URL, like https://example.org/page"),
        "at": ("error", f"'@' {handle}"),
        "prose": ("error", f"'not a url at all' is neither a URL, an @handle nor a local file; {EXPECTED_SOURCE}"),
        "long": ("error", f"'@this_handle_is_too_long' {handle}"),
    }


def test_an_empty_quote_option_points_at_the_option(runner, tmp_path):
    env = {**OFFLINE, "CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}
    result = runner.invoke(cli, ["check", "--quote", "", "https://example.org/statement", "--format", "jsonl"],
                           env=env, catch_exceptions=False)
    assert result.exit_code == 2   # a usage error (docs/check.md), not a result row
    assert result.output.splitlines()[-1] == "Error: --quote is empty; give the quoted words to look for in SOURCE"
    assert not (tmp_path / "test.db").exists()


def test_demo_help_promises_what_the_demo_takes(runner):
    result = runner.invoke(cli, ["demo", "--help"], terminal_width=200)
    assert "in about ten seconds (longer on a busy machine)" in result.output and "minute" not in result.output


def test_the_worker_offers_no_database_option_and_still_takes_one(runner, tmp_path):
    help_text = runner.invoke(cli, ["worker", "--help"]).output
    assert "Needs no database" in help_text and "--db" not in help_text and "--data-dir" in help_text
    assert "--db FILE" in runner.invoke(cli, ["crawl", "--help"]).output
    result = runner.invoke(cli, ["worker", "--db", str(tmp_path / "cw.db"), "--redis", "notaurl"])
    assert one_error(result) == "Error: --redis: notaurl is not a Redis URL; write redis://HOST:6379/0"
    assert not (tmp_path / "cw.db").exists()


# paths, ids, URLs and queries said as written ---------------------------------------------------

def as_written(result) -> str:
    """What a command printed, stdout and stderr, with the whitespace taken out: a long line or
    a table cell is folded at the terminal's width."""
    return "".join((result.stdout + result.stderr).split())


@pytest.fixture
def bracketed(tmp_path, monkeypatch) -> dict[str, str]:
    """A folder `a[b]` made the current one, holding a quote list `quotes[b].csv` whose one row,
    id `[a]`, quotes the local file `page[b].txt`; the environment of a database `cw[b].db` and
    a data folder `data[b]` there.  rich reads `[a]`, `[b]` and `[sic]` as markup tags, so
    each vanished from a line or table cell printed through it."""
    folder = tmp_path / "a[b]"
    folder.mkdir()
    (folder / "page[b].txt").write_text("We are deeply concerned [sic] by the closure of the border.\n")
    (folder / "quotes[b].csv").write_text("id,quote,source\n[a],deeply concerned [sic] by the closure,page[b].txt\n")
    monkeypatch.chdir(folder)
    return {**OFFLINE, "CITEWATCH_DB": "cw[b].db", "CITEWATCH_DATA_DIR": "data[b]", "CITEWATCH_RETRIES": "0"}


def test_check_status_reconcile_search_and_settings_say_brackets_as_written(runner, bracketed):
    result = runner.invoke(cli, ["check", "quotes[b].csv", "-o", "res[b].txt"], env=bracketed, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "writtentores[b].txt" in as_written(result)
    written = "".join(open("res[b].txt", encoding="utf-8").read().split())
    assert "│[a]│verbatim│" in written and "localfilepage[b].txt" in written
    said = {command[0]: runner.invoke(cli, command, env=bracketed, catch_exceptions=False) for command in
            (["check", "quotes[b].csv"], ["status"], ["reconcile"], ["search", "[sic]"], ["settings"])}
    assert {name: result.exit_code for name, result in said.items()} == dict.fromkeys(said, 0)
    assert "│[a]│verbatim│" in as_written(said["check"]) and "page[b].txt" in as_written(said["check"])
    assert "│1│quotes│1│quotes[b].csv│" in as_written(said["status"])
    assert "│[a]│verbatim│" in as_written(said["reconcile"])
    assert "citewatchsearch:[sic]" in as_written(said["search"])
    assert "│cw[b].db│" in as_written(said["settings"]) and "│data[b]│" in as_written(said["settings"])


def test_ingest_archive_crawl_and_schedule_say_brackets_as_written(runner, bracketed):
    (Path.cwd() / "letter[b].txt").write_bytes(LETTER.read_bytes())
    ingested = runner.invoke(cli, ["ingest", "letter[b].txt"], env=bracketed, catch_exceptions=False)
    assert ingested.exit_code == 0, ingested.output
    assert "citewatchingest:letter[b].txt" in as_written(ingested)
    assert "document1(letter,newdocument)incw[b].db" in as_written(ingested)
    dry_run = runner.invoke(cli, ["archive", "--dry-run"], env={**bracketed, "CITEWATCH_WAYBACK_URL": "http://127.0.0.1:9/w[b]"},
                            catch_exceptions=False)
    assert "citewatcharchive--dry-run(http://127.0.0.1:9/w[b])" in as_written(dry_run)
    crawled = runner.invoke(cli, ["crawl", "--limit", "1"], env=bracketed, catch_exceptions=False)
    assert "data[b]/warc" in as_written(crawled), crawled.output
    Path("units[b]").mkdir()   # (a missing folder is refused: tests/test_schedule_systemd.py)
    scheduled = runner.invoke(cli, ["schedule", "--systemd", "units[b]"], env=bracketed, catch_exceptions=False)
    assert "Wroteunits[b]/citewatch.service" in as_written(scheduled), scheduled.output
