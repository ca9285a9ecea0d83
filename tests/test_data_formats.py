"""One data format across every command's output: times spelt `+00:00`, memento
dates included; every CSV's lines ended CR LF by the one writer; a memento's time as ISO 8601
beside its 14 digits in check's and search's CSVs; `crawls[].run_kind` in the JSON report;
the search and verify CSV columns documented.  Each on a real command's output: the CLI
in-process (CliRunner's raw bytes) or `citewatch check` in a subprocess against the test web."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import db as database
from crawler import search, verify
from crawler.cli import cli
from tests.check_lists import rows, write_csv, write_files
from tests.factories import Factory
from tests.test_check import check, env  # noqa: F401 (a fixture: the test web and its archive)
from tests.test_search import stored  # noqa: F401 (a fixture: a database with a live text and a memento)

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "report-schema.md"
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


def crlf_lines(raw: bytes) -> list[bytes]:
    """The CSV's lines, asserting each ends with CR LF (no cell here holds a line break)."""
    assert raw.endswith(b"\r\n"), raw[-40:]
    assert raw.count(b"\n") == raw.count(b"\r\n"), "a line ended by LF alone"
    return raw.split(b"\r\n")[:-1]


def parsed(raw: bytes) -> list[dict]:
    """The CSV's rows, read as a CSV reader reads a file opened with newline=""."""
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def _letter(path: Path) -> dict:
    """The factory letter (its dead source has a memento of 2020-04-01 09:30) and a resolve
    run's crawl row after its crawl (settings name the spider, as the resolve stage writes)."""
    db = database.open_db(path)
    ids = Factory(db).letter()
    resolve = Factory(db).crawl("2026-01-03T00:00:00+00:00")
    db["crawls"].update(resolve, {"settings": json.dumps({"spider": "posts"})})
    db.conn.commit()
    return ids


def test_the_report_gives_memento_dates_as_every_time_and_its_crawls_their_run_kind(runner, tmp_path):
    path = tmp_path / "cw.db"
    _letter(path)
    written = runner.invoke(cli, ["report", "--db", str(path), "--format", "json", "-o", str(tmp_path / "r.json")])
    assert written.exit_code == 0, written.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    dates = [f["memento"]["date"] for d in data["documents"] for f in d["footnotes"] if f["memento"]]
    assert dates == ["2020-04-01T09:30:00+00:00"]
    assert all(ISO_UTC.match(c["started_at"]) for c in data["crawls"])
    assert [(c["run_kind"], c["scheduled"]) for c in data["crawls"]] == [("crawl", 0), ("resolve", 0)]

    written = runner.invoke(cli, ["report", "--db", str(path), "--format", "csv", "-o", str(tmp_path / "r.csv")])
    assert written.exit_code == 0, written.output
    raw = (tmp_path / "r.csv").read_bytes()
    crlf_lines(raw)
    assert [r["memento_date"] for r in parsed(raw) if r["memento_date"]] == ["2020-04-01T09:30:00+00:00"]


def test_search_csv_ends_lines_crlf_and_gives_the_memento_date(runner, stored):
    _, path, ids = stored
    result = runner.invoke(cli, ["search", "--db", str(path), "deeply concerned", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = crlf_lines(result.stdout_bytes)
    assert lines[0].decode().split(",") == [*search.FIELDS, "memento_date"]    # the new column last
    hits = {int(r["text_id"]): r for r in parsed(result.stdout_bytes)}
    memento = hits[ids["memento"]]
    assert (memento["memento_timestamp"], memento["memento_date"], memento["read_at"]) == (
        "20200401000000", "2020-04-01T00:00:00+00:00", "2020-04-01T00:00:00+00:00")
    assert hits[ids["live"]]["memento_date"] == ""
    as_json = json.loads(runner.invoke(cli, ["search", "--db", str(path), "deeply concerned", "--format", "json"]).output)
    assert {h["text_id"]: h["read_at"] for h in as_json}[ids["memento"]] == "2020-04-01T00:00:00+00:00"


def test_verify_csv_ends_lines_crlf(runner, tmp_path):
    database.open_db(tmp_path / "cw.db")
    (tmp_path / "data" / "warc").mkdir(parents=True)
    (tmp_path / "data" / "warc" / "left.warc.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "data" / "warc" / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.1\r\n" * 50)[:30])
    result = runner.invoke(cli, ["verify", "--db", str(tmp_path / "cw.db"), "--data-dir", str(tmp_path / "data"),
                                 "--format", "csv", "-o", str(tmp_path / "v.csv")])
    assert result.exit_code == verify.EXIT_PROBLEMS, result.output
    raw = (tmp_path / "v.csv").read_bytes()
    assert len(crlf_lines(raw)) == 4   # the header, the damaged file, both files unreferenced
    assert sorted(r["kind"] for r in parsed(raw)) == [verify.DAMAGED_FILE, verify.UNREFERENCED, verify.UNREFERENCED]


def test_check_csv_ends_lines_crlf_and_gives_the_memento_date(web, env, tmp_path):  # noqa: F811 (the fixture)
    folder = write_files(tmp_path / "files")
    cases = {c.id: c for c in reversed(rows(web, env["ARCHIVE_BASE"]))}   # (the list repeats an id: the first)
    cases = [cases["txt-verbatim"], cases["memento-url"]]
    quotes = write_csv(folder / "quotes.csv", cases)
    done = check(env, str(quotes), "--format", "csv", "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 0, done.stderr
    raw = (tmp_path / "out.csv").read_bytes()
    lines = crlf_lines(raw)
    assert lines[0].decode().split(",")[-2:] == ["source", "memento_date"]   # the new column last
    results = {r["id"]: r for r in parsed(raw)}
    assert (results["memento-url"]["memento_timestamp"], results["memento-url"]["memento_date"]) == (
        "20200320000000", "2020-03-20T00:00:00+00:00")
    assert results["txt-verbatim"]["memento_date"] == ""


def test_the_search_and_verify_csv_columns_are_documented():
    """Each column in a row of its table in docs/report-schema.md, under its own heading."""
    text = SCHEMA.read_text(encoding="utf-8")
    for heading, columns in (("### The search CSV", search.CSV_FIELDS), ("### The verify CSV", verify.FIELDS)):
        assert heading in text
        section = text.split(heading, 1)[1].split("\n#", 1)[0]
        documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
        assert documented == set(columns), heading
