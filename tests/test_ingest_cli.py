"""`citewatch ingest`: summary, --json, the database rows, idempotence, bad input."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

import db as database
from crawler.cli import cli
from crawler.ingest.model import Citation, ParsedDocument, Statement
from crawler.ingest.store import store
from tests.conftest import ARTICLE, LETTER
from tests.test_ingest_synthetic import PAGES, letter_pdf, letter_text

TABLES = ("documents", "statements", "citations", "sources", "document_links")


def counts(db_path) -> dict[str, int]:
    db = database.open_db(db_path)
    return {table: db[table].count for table in TABLES}


def dump(db_path) -> dict[str, list]:
    db = database.open_db(db_path)
    return {table: [dict(row) for row in db.query(f"SELECT * FROM {table} ORDER BY id")] for table in TABLES}


def ingest(runner, db_path, *args, env=None):
    return runner.invoke(cli, ["ingest", "--db", str(db_path), *map(str, args)], env=env, catch_exceptions=False)


def test_letter_summary_table_and_rows(runner, db_path):
    result = ingest(runner, db_path, LETTER)
    assert result.exit_code == 0, result.output
    for line in ("statements", "citations: web", "citations: twitter", "citations: facebook",
                 "citations: offline", "citations with a repaired URL", "rejoined the URL across a line break"):
        assert line in result.output
    assert counts(db_path) == {"documents": 1, "statements": 42, "citations": 42, "sources": 41, "document_links": 5}
    db = database.open_db(db_path)
    document = next(db["documents"].rows)
    assert (document["kind"], document["date"], json.loads(document["symbols"])) == ("letter", "2020-05-13", ["A/74/855", "S/2020/404"])
    by_kind = dict(db.execute("SELECT kind, count(*) FROM sources GROUP BY kind").fetchall())
    assert by_kind == {"web": 20, "twitter": 11, "facebook": 2, "offline": 8}


def test_footnotes_40_and_41_share_one_source(runner, db_path):
    ingest(runner, db_path, LETTER)
    db = database.open_db(db_path)
    rows = db.execute("SELECT seq, source_id FROM citations WHERE seq IN (40, 41) ORDER BY seq").fetchall()
    assert rows[0][1] == rows[1][1]
    source = db["sources"].get(rows[0][1])
    assert (source["kind"], source["key"], source["url"], source["host"]) == (
        "facebook", "facebook:ukinazerbaijan", "https://www.facebook.com/ukinazerbaijan/", "www.facebook.com")


def test_citation_row_keeps_printed_and_repaired_url(runner, db_path):
    ingest(runner, db_path, LETTER)
    db = database.open_db(db_path)
    row = db.execute("SELECT url_printed, url, repairs, flags, kind FROM citations WHERE seq = 33").fetchone()
    assert row[0] == "http://mofa.gov.pk/%20transcript-of-the-press-briefing-by-spokesperson-on-thursday-09-april-2020/."
    assert row[1] == "http://mofa.gov.pk/transcript-of-the-press-briefing-by-spokesperson-on-thursday-09-april-2020/"
    assert "removed '%20' (an encoded space) at the edge of a path segment: a defect of the source document's link" in json.loads(row[2])
    assert row[4] == "web"
    statement = db.execute("SELECT s.footnote, s.entity FROM statements s JOIN citations c ON c.statement_id = s.id WHERE c.seq = 33").fetchone()
    assert statement == (33, "Pakistan")


def test_same_document_twice_changes_nothing(runner, db_path):
    ingest(runner, db_path, LETTER)
    before = dump(db_path)
    result = ingest(runner, db_path, LETTER)
    assert result.exit_code == 0
    assert "already ingested: nothing changed" in result.output
    assert dump(db_path) == before


def test_json_prints_the_parsed_structure(runner, db_path):
    result = ingest(runner, db_path, "--json", LETTER)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["document"]["symbols"] == ["A/74/855", "S/2020/404"]
    assert data["document"]["date"] == "2020-05-13"
    assert len(data["statements"]) == 42 and len(data["citations"]) == 42
    assert data["statements"][1]["entity"] == "Council of Europe"
    assert data["citations"][21]["url"] == "https://mfa.gov.ge/News/sagareo-saqmeta-saministros-ganckhadeba-(32).aspx?CatID=5"
    assert data["counts"]["by_kind"] == {"web": 20, "twitter": 11, "facebook": 3, "offline": 8}
    assert counts(db_path)["statements"] == 42


def test_every_field_ingest_json_prints_is_documented(runner, db_path, tmp_path):
    """docs/report-schema.md's section names each key a letter's and an article's output has
    (a field added without a word there fails here)."""
    section = (Path(__file__).resolve().parent.parent / "docs" / "report-schema.md").read_text(encoding="utf-8")
    section = section.split("## `citewatch ingest --json`", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z0-9_]+)`", section))
    for path, db in ((LETTER, db_path), (ARTICLE, tmp_path / "article.db")):
        data = json.loads(ingest(runner, db, "--json", path).output)
        keys = set(data) | set(data["document"]) | set(data["counts"])
        for rows in ("statements", "citations", "document_links"):
            keys |= {key for row in data[rows] for key in row}
        assert keys - documented == set(), path


def test_article_rows(runner, db_path):
    result = ingest(runner, db_path, ARTICLE)
    assert result.exit_code == 0, result.output
    db = database.open_db(db_path)
    assert db.execute("SELECT kind, date, author FROM documents").fetchone() == ("article", "2020-04-01", "Akbar Mammadov")
    rows = db.execute(
        "SELECT s.entity, s.footnote, c.kind, c.platform_hint, c.source_id FROM statements s"
        " JOIN citations c ON c.statement_id = s.id ORDER BY s.seq").fetchall()
    assert rows == [
        ("European Union", None, "unfootnoted", "website", None),
        ("NATO", None, "unfootnoted", "facebook", None),
        ("Organization of Islamic Cooperation (OIC)", None, "unfootnoted", "website", None),
        ("United Kingdom", None, "unfootnoted", "website", None),
        ("Germany", None, "unfootnoted", "twitter", None),
        ("Turkey", None, "unfootnoted", "media", None),
        ("Ukraine", None, "unfootnoted", "website", None),
        ("Georgia", None, "unfootnoted", "website", None),
        ("Italy", None, "unfootnoted", "twitter", None),
        ("Estonia", None, "unfootnoted", "twitter", None),
    ]
    assert counts(db_path)["sources"] == 0


# the test web is on 127.0.0.1, which ingest, as the crawl, refuses unless told
LOOPBACK = {"CITEWATCH_ALLOW_PRIVATE_NETWORKS": "1"}


def test_ingest_from_a_url(runner, db_path, web):
    result = ingest(runner, db_path, web["main"] + "/documents/un-letter.txt", env=LOOPBACK)
    assert result.exit_code == 0, result.output
    assert counts(db_path)["statements"] == 42
    path = database.open_db(db_path).execute("SELECT path FROM documents").fetchone()[0]
    assert path == web["main"] + "/documents/un-letter.txt"


def test_a_failing_document_leaves_no_rows(db_path):
    """Two statements with the same seq break the UNIQUE constraint half-way: all is rolled back."""
    db = database.open_db(db_path)
    citation = Citation(seq=1, kind="web", printed="x", url="https://a.example/", source_kind="web",
                        source_key="https://a.example/", source_url="https://a.example/")
    doc = ParsedDocument(kind="letter", sha256="abc", path="broken.txt", statements=[
        Statement(seq=1, quote="first", citation=citation), Statement(seq=1, quote="again"),
    ])
    with pytest.raises(Exception, match="UNIQUE"):
        store(db, doc)
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _no_footnotes_letter() -> str:
    pages = [([l for l in lines if not l.lstrip()[:2].rstrip().isdigit() and not l.startswith(("endum", "of Freedonia", "presse"))], links)
             for lines, links in PAGES]
    return letter_text(pages)


BAD = {
    "empty": (lambda p: p.write_bytes(b""), "the file is empty"),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 64), "is a binary file"),
    "encrypted-pdf": (lambda p: p.write_bytes(letter_pdf(encrypt="secret")), "is an encrypted PDF"),
    "corrupt-pdf": (lambda p: p.write_bytes(letter_pdf()[:3000]), "is a damaged PDF"),
    "no-statements": (lambda p: p.write_text("A memo.\n\nIt quotes nobody and cites nothing.\n"), "no statements found"),
    "no-footnotes": (lambda p: p.write_text(_no_footnotes_letter()), "but no footnotes found"),
    "no-footnote-rule": (lambda p: p.write_text(LETTER.read_text(encoding="utf-8").replace("__________________", "")),
                         "statements under 'Place, dd.mm.yyyy' lines but no footnotes (no '____' rule)"),
    "joined-letters": (lambda p: p.write_text(LETTER.read_text(encoding="utf-8") * 3),
                       "footnote numbering starts again at 1 on page 17, after footnote 42 (2 times in all): "
                       "several documents joined into one? ingest each document on its own"),
    "fifty-megabytes": (lambda p: p.write_text(("x" * 1023 + "\n") * 50 * 1024), "over the ingest limit of 20.0 MB"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_one_line_error_and_no_rows(runner, db_path, tmp_path, case):
    make, message = BAD[case]
    path = tmp_path / f"{case}.doc"
    make(path)
    result = ingest(runner, db_path, path)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert str(path) in lines[0] and message in lines[0], lines[0]
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def test_a_document_of_no_shape_read_is_told_the_shapes_and_the_fix(runner, db_path, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("A memo.\n\nThe minister said the vote was “a sham”, and others agreed.\n", encoding="utf-8")
    line = ingest(runner, db_path, path).output.strip()
    assert "no statements found" in line
    assert "a short heading naming its entity above its quote" in line and "'European Union: The EEAS" in line
    assert line.endswith("give the statements one of those shapes, or give the document as HTML.")


def test_unreachable_url(runner, db_path):
    url = f"http://127.0.0.1:{_closed_port()}/letter.txt"
    result = ingest(runner, db_path, url, env={**LOOPBACK, "CITEWATCH_FETCH_TIMEOUT": "2"})
    assert result.exit_code != 0
    assert result.output.strip() == f"Error: {url}: cannot be fetched (connection failed); check the URL or download the file and pass its path"
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def test_url_answering_404(runner, db_path, web):
    url = web["main"] + "/documents/missing.txt"
    result = ingest(runner, db_path, url, env=LOOPBACK)
    assert result.exit_code != 0
    assert "answered HTTP 404" in result.output and url in result.output
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def test_size_limit_is_a_setting(runner, db_path):
    result = ingest(runner, db_path, LETTER, env={"CITEWATCH_INGEST_MAX_BYTES": "1000"})
    assert result.exit_code != 0
    assert f"is {LETTER.stat().st_size} bytes over the ingest limit of 1000 bytes" in result.output
    assert "CITEWATCH_INGEST_MAX_BYTES" in result.output


def test_real_command_prints_exactly_one_line_for_a_damaged_pdf(tmp_path, env):
    """As a user sees it: no library warning before the error line."""
    import subprocess
    import sys

    path = tmp_path / "damaged.pdf"
    path.write_bytes(letter_pdf()[:3000])
    done = subprocess.run([sys.executable, "-m", "crawler.cli", "ingest", str(path)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"Error: {path}: is a damaged PDF (PdfStreamError: Stream has ended unexpectedly); export or download it again"
    ]
