"""`citewatch check` on bad and big input, versions of a row, one --quote, the output formats
and the README's example — all with local sources only (no web: nothing is fetched)."""

from __future__ import annotations

import csv
import io
import json

import lxml.html
import pytest

import db as database
from crawler import check
from crawler.check.read import read_quote_list
from crawler.check.results import collect
from crawler.check.store import store
from crawler.cli import cli
from crawler.config import load_config
from tests.check_lists import STATEMENT_TXT, write_files
from tests.conftest import EXAMPLES

VERBATIM = "These elections are null and void and have no legal effect whatsoever."
ALTERED = "These elections are null and void and have some legal effect whatsoever."


@pytest.fixture
def files(tmp_path):
    return write_files(tmp_path / "files")


@pytest.fixture
def invoke(runner, tmp_path):
    env = {"CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}

    def run(*args):
        return runner.invoke(cli, ["check", *map(str, args)], env=env, catch_exceptions=False)

    return run


def documents(tmp_path) -> int:
    path = tmp_path / "test.db"
    return database.open_db(path).execute("select count(*) from documents").fetchone()[0] if path.exists() else 0


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


# ---------------------------------------------------------------- a file that cannot be read at all


@pytest.mark.parametrize("name, content, expected", [
    ("list.csv", b"quote,source\n\x00\x01\x02binary", "is a binary file, not CSV, TSV or JSON Lines"),
    ("list.csv", "quote,source\nok,statement.txt\nd\xe9j\xe0,statement.txt\n".encode("latin-1"), "line 3: is not UTF-8"),
    ("list.jsonl", b'{"quote": "a", "source": "statement.txt"}\n{"quote": "b", "source": \n', "line 2: not valid JSON"),
    ("list.jsonl", b'{"quote": "a", "source": "statement.txt"}\n["b", "statement.txt"]\n', "line 2: is a JSON list"),
    ("list.csv", b"id,quote,url\n1,Hello,statement.txt\n", "line 1: no 'source' column (the header has id, quote, url)"),
    ("list.tsv", b"\n\ntext\tsource\nHello\tstatement.txt\n", "line 3: no 'quote' column"),
    ("notes.txt", b"Just some prose about elections.\nNothing tabular here.\n", "line 1: is not CSV, TSV or JSON Lines"),
    ("notes.txt", b"\n\nJust some prose about elections.\n", "line 3: is not CSV, TSV or JSON Lines"),
    ("list.csv", b'quote,source\n"an open quote,statement.txt\nmore,statement.txt\n', "not valid CSV"),
    ("list.csv", b"  \n", "is empty"),
])
def test_a_malformed_file_gets_one_error_naming_file_and_line_and_no_rows(invoke, files, tmp_path, name, content,
                                                                           expected):
    path = files / name
    path.write_bytes(content)
    result = invoke(path)
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert message.startswith(f"Error: {path}")
    assert expected in message and "\n" not in message
    assert result.stdout == ""
    assert documents(tmp_path) == 0


def test_missing_list_and_bad_options_are_usage_errors(invoke, files):
    assert "no such file" in invoke(files / "nope.csv").stderr
    bad = invoke(files / "statement.txt", "--quote", VERBATIM, "--fail-on", "altered,wrong")
    assert bad.exit_code == 2 and "--fail-on wrong: not a verdict" in bad.stderr
    dated = invoke(files / "quotes.csv", "--date", "2020-03-31")
    assert dated.exit_code == 2 and "--date goes with --quote" in dated.stderr


# ---------------------------------------------------------------- formats and rows


def test_tsv_jsonl_and_semicolons_are_sniffed_and_ids_default_to_row_numbers(invoke, files):
    (files / "list.tsv").write_text(f"quote\tsource\n{VERBATIM}\tstatement.txt\n{ALTERED}\tstatement.txt\n",
                                    encoding="utf-8")
    (files / "list.jsonl").write_text(
        json.dumps({"id": "j1", "quote": VERBATIM, "source": "statement.txt"}) + "\n\n"
        + json.dumps({"ID": 7, "Quote": ALTERED, "Source": "statement.txt", "extra": "ignored"}) + "\n",
        encoding="utf-8")
    (files / "list.txt").write_text(f"source;quote\nstatement.txt;{VERBATIM}\n", encoding="utf-8")
    tsv, lines, semi = (jsonl(invoke(files / n, "--format", "jsonl")) for n in ("list.tsv", "list.jsonl", "list.txt"))
    assert [(r["id"], r["line"], r["verdict"]) for r in tsv] == [("1", 2, "verbatim"), ("2", 3, "altered")]
    assert [(r["id"], r["line"], r["verdict"]) for r in lines] == [("j1", 1, "verbatim"), ("7", 3, "altered")]
    assert [(r["id"], r["verdict"]) for r in semi] == [("1", "verbatim")]
    assert read_quote_list(files / "list.tsv", 100)[0] == "tsv"


def test_a_row_split_by_a_comma_outside_quotes_is_an_error_row_naming_the_fix(invoke, files):
    """A comma inside a quote not in double quotes splits the row: its source would be read from
    the quote's second half ("… is neither a URL…"), a date column from the source.  The row
    says how many fields it has and how to write it; the others are checked; empty fields past
    the header (a spreadsheet's export) are no fields."""
    (files / "split.csv").write_text(
        "id,quote,source\n"
        f"ok,{VERBATIM},statement.txt\n"
        "split,These elections are null, and void,statement.txt\n"
        f"trailing,{VERBATIM},statement.txt,,\n", encoding="utf-8")
    rows = {r["id"]: r for r in jsonl(invoke(files / "split.csv", "--format", "jsonl"))}
    assert {k: r["verdict"] for k, r in rows.items()} == {"ok": "verbatim", "split": "error", "trailing": "verbatim"}
    assert rows["split"]["reason"] == ("4 fields where the header has 3: a ',' inside a field splits it; "
                                       'put that field in double quotes ("…, …")')


def test_a_5_mb_quote_is_an_error_row_and_the_others_are_checked(invoke, files):
    path = files / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "quote", "source"])
        writer.writerow(["a", VERBATIM, "statement.txt"])
        writer.writerow(["huge", "word " * 1_000_000, "statement.txt"])
        writer.writerow(["c", ALTERED, "statement.txt"])
    assert path.stat().st_size > 5_000_000
    result = invoke(path, "--format", "jsonl")
    assert result.exit_code == 1
    assert [(r["id"], r["verdict"]) for r in jsonl(result)] == [("a", "verbatim"), ("huge", "error"), ("c", "altered")]
    assert "the quote is 4,999,999 characters, over the limit of 20,000" in jsonl(result)[1]["reason"]


def test_100k_rows_are_read_stored_once_and_read_back_in_order(files, tmp_path):
    """The cheap path of a big list: every row cites one small local file, read once; the
    stages are not run (that is the benchmark's job), storing and reading back is."""
    path = files / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["quote", "source", "speaker"])
        for n in range(100_000):
            source = "ftp://files.example/x.txt" if n == 50_000 else "statement.txt"
            writer.writerow([f"{VERBATIM} {n}", source, f"speaker {n % 7}"])
    config = load_config(env={"CITEWATCH_DB": str(tmp_path / "big.db")})
    listing = check.prepare(config, quotes_file=path)
    assert len(listing.rows) == 100_000 and len(listing.entries) == 99_999
    db = database.open_db(config.db_path)
    stored = store(db, listing)
    assert (stored["new"], stored["added"]) == (True, 99_999)
    assert db.execute("select count(*) from statements").fetchone()[0] == 99_999
    assert db.execute("select count(*), min(kind) from sources").fetchone() == (1, "local")
    assert db.execute("select count(*) from texts").fetchone()[0] == 1
    again = store(db, check.prepare(config, quotes_file=path))
    assert (again["new"], again["added"], again["unchanged"]) == (False, 0, 99_999)
    results = collect(db, stored["document_id"], listing.rows)
    assert [r.id for r in results] == [str(n) for n in range(1, 100_001)]
    assert results[50_000].verdict == "error" and "unsupported scheme ftp:" in results[50_000].reason


# ---------------------------------------------------------------- versions of a list


def test_the_same_list_twice_changes_nothing_and_a_changed_row_is_a_new_version(invoke, files, tmp_path):
    path = files / "list.csv"
    path.write_text(f"id,quote,source\nr1,{VERBATIM},statement.txt\nr2,{ALTERED},statement.txt\n", encoding="utf-8")
    first = jsonl(invoke(path, "--format", "jsonl"))
    assert [r["verdict"] for r in first] == ["verbatim", "altered"]
    db = database.open_db(tmp_path / "test.db")
    tables = ("documents", "statements", "citations", "sources", "texts", "quote_rows", "quote_checks")

    def snapshot():
        return {t: [tuple(r) for r in db.execute(f"select * from {t} order by id")] for t in tables}

    before = snapshot()
    invoke(path, "--format", "jsonl")
    after = snapshot()
    checked_at = before.pop("quote_checks"), after.pop("quote_checks")
    assert after == before
    assert [r[:10] for r in checked_at[0]] == [r[:10] for r in checked_at[1]]   # same verdicts; only times move

    path.write_text(f"id,quote,source\nr2,{VERBATIM},statement.txt\nr1,{VERBATIM},statement.txt\n", encoding="utf-8")
    second = jsonl(invoke(path, "--format", "jsonl"))
    assert [(r["id"], r["verdict"]) for r in second] == [("r2", "verbatim"), ("r1", "verbatim")]
    rows = {key: (statement, version, position) for key, statement, version, position in db.execute(
        "select row_key, statement_id, version, position from quote_rows")}
    assert rows["r2"][1:] == (2, 1) and rows["r1"][1:] == (1, 2)
    assert rows["r2"][0] == before["quote_rows"][1][3]                  # the same statement, updated in place
    assert db.execute("select count(*) from statements").fetchone()[0] == 2
    assert db.execute("select quote from statements where id = ?", [rows["r2"][0]]).fetchone()[0] == VERBATIM
    assert db.execute("select count(*) from quote_checks where statement_id = ? and verdict = 'altered'",
                      [rows["r2"][0]]).fetchone()[0] == 0              # the old version's verdicts are gone

    (files / "statement.txt").write_text(STATEMENT_TXT.replace("no legal effect", "no effect"), encoding="utf-8")
    edited = jsonl(invoke(path, "--format", "jsonl"))
    assert [r["verdict"] for r in edited] == ["altered", "altered"]     # the file changed under both rows
    assert db.execute("select count(*) from sources where kind = 'local'").fetchone()[0] == 2
    assert {v for (v,) in db.execute("select version from quote_rows")} == {2, 3}

    path.write_text(f"id,quote,source\nr1,{VERBATIM},statement.txt\n", encoding="utf-8")
    invoke(path, "--format", "jsonl")
    assert db.execute("select position from quote_rows where row_key = 'r2'").fetchone()[0] is None
    assert db.execute("select count(*) from documents").fetchone()[0] == 1


# ---------------------------------------------------------------- one quote, outputs


def test_one_quote_with_a_local_file_and_each_output_format(invoke, files, tmp_path):
    source = files / "statement.txt"
    table = invoke("--quote", ALTERED, source, "--date", "2020-03-31")
    assert table.exit_code == 0
    assert "altered" in table.stdout and "local file" in table.stdout
    assert "1 row: altered 1" in table.stderr
    out = tmp_path / "out.json"
    written = invoke("--quote", ALTERED, source, "--date", "2020-03-31", "--format", "json", "-o", out,
                     "--fail-on", "altered")
    assert written.exit_code == 3 and written.stdout == ""
    [result] = json.loads(out.read_text(encoding="utf-8"))
    assert (result["id"], result["verdict"], result["text"]) == ("1", "altered", f"local file {source}")
    assert ["delete", "no"] in result["diff"] and ["insert", "some"] in result["diff"]
    assert documents(tmp_path) == 1                                     # the same quote twice: one document
    unreadable = invoke("--quote", VERBATIM, files / "folder.txt", "--format", "jsonl")
    assert unreadable.exit_code == 1 and "is a directory" in jsonl(unreadable)[0]["reason"]
    assert documents(tmp_path) == 1                                     # nothing checkable: nothing stored


def test_the_readme_example_prints_one_line_per_row_in_order(invoke):
    path = EXAMPLES / "quotes.csv"
    result = invoke(path, "--format", "jsonl")
    with path.open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    lines = result.stdout.splitlines()
    assert len(lines) == len(ids) == 9
    results = [json.loads(line) for line in lines]
    assert [r["id"] for r in results] == ids
    assert [r["verdict"] for r in results] == ["verbatim", "minor", "verbatim", "elided", "verbatim", "verbatim",
                                               "altered", "not-in-source", "error"]
    assert "possible misattribution" in results[7]["reason"] and "ukraine-statement.html" in results[7]["reason"]
    assert result.exit_code == 1


def test_what_each_kind_of_source_cites(files):
    from crawler.check.sources import LocalFiles, SourceProblem, cite

    def of(source):
        return cite(source, files, LocalFiles(1_000_000), "http://127.0.0.1:9/ns/x")

    web = of("www.mfa.gov.tr/statement")
    assert (web.kind, web.source_key, web.printed) == ("web", "http://www.mfa.gov.tr/statement", "www.mfa.gov.tr/statement")
    memento = of("https://web.archive.org/web/20200401000000id_/https://www.osce.org/minsk-group/449410")
    assert (memento.kind, memento.source_key, memento.date_hint) == ("web", "https://www.osce.org/minsk-group/449410",
                                                                      "2020-04-01")
    assert memento.memento.url(memento.memento_base) == \
        "https://web.archive.org/web/20200401000000/https://www.osce.org/minsk-group/449410"
    local_archive = of("http://127.0.0.1:9/ns/x/web/20200115090000/https://gov.example/statement-1")
    assert (local_archive.source_key, local_archive.memento_base) == ("https://gov.example/statement-1",
                                                                      "http://127.0.0.1:9/ns/x")
    not_an_archive = of("https://example.org/web/20200115090000/https://gov.example/statement-1")
    assert not_an_archive.memento is None and not_an_archive.source_key.startswith("https://example.org/web/")
    tweet = of("https://x.com/MFAestonia/status/1244950588995670019")
    assert (tweet.kind, tweet.source_key, tweet.date_hint) == ("twitter", "twitter:@mfaestonia", "2020-03-31")
    handle = of("@Latvian_MFA")
    assert (handle.kind, handle.handle, handle.date_hint) == ("twitter", "@Latvian_MFA", None)
    assert of("https://www.facebook.com/ukinazerbaijan/").kind == "facebook"
    local = of("file://" + str(files / "statement.txt"))
    assert local.kind == "local" and local.source_key.startswith(f"file:{files / 'statement.txt'}#")
    assert local.local.text.startswith("Statement by the Ministry")
    with pytest.raises(SourceProblem, match="unsupported scheme gopher:"):
        of("gopher://example.org/statement")


def test_csv_output_defuses_cells_a_spreadsheet_would_run(invoke, files):
    path = files / "list.csv"
    path.write_text(f'id,quote,source\n=HYPERLINK("http://x"),{VERBATIM},statement.txt\n', encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(invoke(path, "--format", "csv").stdout)))
    assert rows[0]["id"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["verdict"] == "verbatim"


# ---------------------------------------------------------------- the list's language


def test_a_list_s_quotes_are_read_in_its_one_language_and_a_mixed_list_in_none(files, tmp_path):
    """A French list's quotes were read aloud as English words by the HTML report: its document
    had no language (a letter's is named at ingest).  A list in one language is named in it, by
    ingest's rule; a list mixing languages, or too short to tell, is named in none, for a
    French quote read as English is as wrong as the reverse; a list stored before lists had a
    language gets it when it is checked again unchanged."""
    from crawler import report, report_data
    from crawler.check.store import LANGUAGE_SHARE
    from tests.check_lists import FRENCH_1252, FRENCH_1252_MORE, FRENCH_UTF8, FRENCH_UTF8_MORE

    french = [FRENCH_UTF8, FRENCH_UTF8_MORE, FRENCH_1252, FRENCH_1252_MORE]
    english = [VERBATIM, ALTERED, "The Ministry calls on the international community not to recognise any outcome."]
    config = load_config(env={"CITEWATCH_DB": str(tmp_path / "test.db")})
    db = database.open_db(config.db_path)

    def stored(name: str, quotes: list[str]) -> tuple[int, str | None]:
        path = files / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["quote", "source"], *([quote, "statement.txt"] for quote in quotes)])
        document = store(db, check.prepare(config, quotes_file=path))["document_id"]
        return document, db.execute("select language from documents where id = ?", [document]).fetchone()[0]

    french_list, language = stored("french.csv", french * 5)
    assert language == "fr"
    assert stored("mixed.csv", french * 5 + english * 5)[1] is None
    assert stored("mostly-french.csv", french * 10 + english[:1])[1] == "fr"  # 1 in 41: under 1 - LANGUAGE_SHARE
    assert 1 / 41 < 1 - LANGUAGE_SHARE
    assert stored("short.csv", ["Nous le regrettons.", "Non."])[1] is None   # fewer than 12 words
    page = lxml.html.fromstring(report.render(report_data.stream(db, document_id=french_list), "html"))
    read = [quote.get("lang") for quote in page.xpath("//div[@class='quote']")]
    assert len(read) == 20 and set(read) == {"fr"}

    db.execute("update documents set language = null where id = ?", [french_list])   # stored before m026's use
    db.conn.commit()
    assert stored("french.csv", french * 5) == (french_list, "fr")
