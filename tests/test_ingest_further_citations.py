"""Every footnote a statement prints is a citation of it: its own, and its further sources'
(marks in its quote, "format.3", or after its own on its title, "Aria2, 3, 4":
tests/test_ingest_further_footnotes.py).  Each is crawled, checked and reported as its own
footnote is, and named by its own number as printed: "footnote 3", "footnote 4 of Annex II"
(citations.footnote, m020), not by its statement's.  A re-ingest duplicates none, and a
database from before m020 names its citations and keeps them through `ingest --replace`.
"""

from __future__ import annotations

import csv
import io
import json

import db as database
from crawler import report, report_data, social
from crawler.cli import cli
from crawler.reconcile import citation_label, citations_of
from tests.clirun import crawl_here, fast_env
from tests.test_ingest_annexes import PAGES as ANNEX_PAGES
from tests.test_ingest_synthetic import letter_text
from tests.test_ingest_further_footnotes import sourced_letter, write_letter
from tests.web.pages import STATEMENT

M020 = "m020_ingest_citation_footnote"


def _ingest(runner, db_path, path, *options):
    return runner.invoke(cli, ["ingest", "--db", str(db_path), *options, str(path)])


def _web_letter(tmp_path, main: str):
    """Aria's and Borduria's statements, three footnotes each, their URLs on the test web:
    Aria's own footnote (2) a page gone (404), the first sentence of its quote, the test
    web's statement, marked with footnote 3, whose page prints it."""
    pages = sourced_letter(states=["Aria", "Borduria"])
    body = pages[1][0]
    body[body.index(" Aria recalls point 1 of the agreed format.3 ")] = f" {STATEMENT}3 "
    return write_letter(tmp_path, pages, moved={
        "https://mfa.aria.example.org/statement.html": f"{main}/crawl/status/404",
        "https://mfa.borduria.example.org/statement.html": f"{main}/crawl/new-home/borduria.html",
        "https://news.example.org/": f"{main}/crawl/new-home/"})


def test_a_statement_s_further_footnotes_are_crawled_checked_and_reported(web, env, db_path, runner, tmp_path):
    main = web["main"]
    path = _web_letter(tmp_path, main)
    result = _ingest(runner, db_path, path)
    assert result.exit_code == 0, result.output
    assert "by hand" not in result.output
    db = database.open_db(db_path)
    aria, borduria = [row[0] for row in db.execute("SELECT id FROM statements ORDER BY seq")]
    urls = {2: f"{main}/crawl/status/404", 3: f"{main}/crawl/new-home/aria-1.html",
            4: f"{main}/crawl/new-home/aria-2.html", 5: f"{main}/crawl/new-home/borduria.html",
            6: f"{main}/crawl/new-home/borduria-1.html", 7: f"{main}/crawl/new-home/borduria-2.html"}
    assert [(citation_label(c), c["url"]) for sid in (aria, borduria) for c in citations_of(db, sid)] == [
        (f"footnote {number}", url) for number, url in urls.items()]

    crawl_here(fast_env(env, web, tmp_path), "--all")
    fetched = dict(db.execute("SELECT s.url, f.status FROM fetches f JOIN sources s ON s.id = f.source_id"
                              " WHERE f.purpose = 'live' AND f.final = 1").fetchall())
    assert fetched == {url: 404 if number == 2 else 200 for number, url in urls.items()}

    checked = runner.invoke(cli, ["reconcile", "--db", str(db_path)])
    assert checked.exit_code == 0, checked.output
    texts = db.execute("SELECT t.url FROM quote_checks q JOIN texts t ON t.id = q.text_id"
                       " WHERE q.statement_id = ? AND q.scope = 'text' ORDER BY t.url", [aria]).fetchall()
    assert [url for (url,) in texts] == [urls[3], urls[4]]       # every text of its sources, own and further
    verdict, evidence = db.execute("SELECT verdict, evidence FROM quote_checks WHERE statement_id = ?"
                                   " AND scope = 'overall'", [aria]).fetchone()
    evidence = json.loads(evidence)
    assert verdict != "unverifiable" and evidence["text"]["url"] in (urls[3], urls[4])   # its own page is gone
    assert [gap.split(":")[0] for gap in evidence["missing"]] == ["footnote 2"]

    data = report_data.build(db)
    summary = data["summary"]                                     # a statement counts once, its citations each
    assert (summary["statements"], summary["citations"], summary["sources"]) == (2, 6, 6)
    assert sum(summary["quotes_by_verdict"].values()) == 2
    rows = list(csv.DictReader(io.StringIO(report.render(data, "csv"))))
    assert [(r["footnote"], r["entity"], r["url"], r["http_status"]) for r in rows] == [
        (str(number), "Republic of Aria" if number < 5 else "Republic of Borduria", url, "404" if number == 2 else "200")
        for number, url in urls.items()]


def _annex_pages() -> list:
    """tests/test_ingest_annexes.py's letter, annex II's Tomainia statement (its footnote 3)
    quoting two more sources: a page (4 of Annex II) and a tweet (5 of Annex II)."""
    pages = [(list(lines), links) for lines, links in ANNEX_PAGES]
    tomainia = pages[3][0]
    at = tomainia.index(" Tomainia stands with Freedonia. ")
    tomainia[at:at + 1] = [" Tomainia stands with Freedonia.4 ", " Tomainia calls for a new vote.5 "]
    notes = tomainia.index(" 3 https://fo.tomainia.example.org/news/freedonia.html ")
    tomainia[notes + 1:notes + 1] = [" 4 https://news.tomainia.example.org/vote.html ",
                                     " 5 https://twitter.com/TomainiaFO/status/1362000000000000001 "]
    return pages


def test_further_footnotes_are_named_by_their_own_number_in_their_annex(runner, tmp_path):
    db_path, path = tmp_path / "cw.db", tmp_path / "annexes.txt"
    path.write_text(letter_text(_annex_pages()), encoding="utf-8")
    result = _ingest(runner, db_path, path)
    assert result.exit_code == 0, result.output
    db = database.open_db(db_path)
    tomainia = db.execute("SELECT id FROM statements WHERE entity = 'Tomainia'").fetchone()[0]
    assert [(citation_label(c), c["seq"], c["url"]) for c in citations_of(db, tomainia)] == [
        ("footnote 3 of Annex II", 5, "https://fo.tomainia.example.org/news/freedonia.html"),
        ("footnote 4 of Annex II", 6, "https://news.tomainia.example.org/vote.html"),
        ("footnote 5 of Annex II", 7, "https://twitter.com/TomainiaFO/status/1362000000000000001")]
    names = ["1 of Annex I", "2 of Annex I", "1 of Annex II", "2 of Annex II", "3 of Annex II", "4 of Annex II",
             "5 of Annex II", "1 of Annex III"]
    rows = list(csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv"))))
    assert [r["footnote"] for r in rows] == names
    assert [r["entity"] for r in rows][4:7] == ["Tomainia"] * 3
    html = report.render(report_data.build(db), "html")
    assert all(f'">{name}</td>' in html for name in names)
    assert [row["seq"] for row in social.due(db)] == ["5 of Annex II", "1 of Annex III"]


def _rows(db_path) -> tuple[list, list]:
    db = database.open_db(db_path)
    return (db.execute("SELECT id, seq, footnote, quote FROM statements ORDER BY id").fetchall(),
            db.execute("SELECT id, statement_id, seq, footnote, url, source_id FROM citations ORDER BY id").fetchall())


def test_a_re_ingest_duplicates_no_further_citation_and_replace_keeps_them(runner, tmp_path):
    db_path, path = tmp_path / "cw.db", tmp_path / "letter.txt"
    path.write_text(letter_text(sourced_letter()), encoding="utf-8")
    assert _ingest(runner, db_path, path).exit_code == 0
    statements, citations = _rows(db_path)
    assert len(statements) == 4 and len(citations) == 12
    assert _ingest(runner, db_path, path).exit_code == 0
    assert _rows(db_path) == (statements, citations)             # the same bytes change nothing

    corrected = "https://news.example.org/borduria-2-corrected.html"
    path.write_text(letter_text(sourced_letter()).replace("https://news.example.org/borduria-2.html", corrected),
                    encoding="utf-8")
    replaced = _ingest(runner, db_path, path, "--replace")
    assert replaced.exit_code == 0, replaced.output
    after, cited = _rows(db_path)
    assert after == statements and len(cited) == 12
    unchanged = [row for row in citations if row[1] != statements[1][0]]
    assert [row for row in cited if row[1] != statements[1][0]] == unchanged   # the other statements' rows kept
    assert [row[4] for row in cited if row[1] == statements[1][0]] == [
        "https://mfa.borduria.example.org/statement.html", "https://news.example.org/borduria-1.html", corrected]


def test_a_database_from_before_m020_names_its_citations_and_replace_keeps_them(runner, tmp_path):
    """A letter ingested before citations.footnote was: each citation its statement's own
    footnote.  m020 gives each its statement's number, so the labels stay and a replace that
    changes two statements keeps the others' rows (and their verdicts)."""
    db_path, path = tmp_path / "cw.db", tmp_path / "annexes.txt"
    path.write_text(letter_text(ANNEX_PAGES), encoding="utf-8")
    assert _ingest(runner, db_path, path).exit_code == 0
    db = database.open_db(db_path)
    with db.conn:
        db.execute("ALTER TABLE citations DROP COLUMN footnote")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [M020])
        db.execute("INSERT INTO quote_checks (statement_id, scope, verdict, score, reason, checked_at)"
                   " SELECT id, 'overall', 'verbatim', 100, 'found', '2026-01-01T00:00:00+00:00' FROM statements")
    db.close()
    statements, citations = _rows(db_path)
    assert [row[3] for row in citations] == [1, 2, 1, 2, 3, 1]
    db = database.open_db(db_path)
    assert [citation_label(c) for (sid, *_) in statements for c in citations_of(db, sid)] == [
        "footnote 1 of Annex I", "footnote 2 of Annex I", "footnote 1 of Annex II", "footnote 2 of Annex II",
        "footnote 3 of Annex II", "footnote 1 of Annex III"]

    path.write_text(letter_text(_annex_pages()), encoding="utf-8")
    replaced = _ingest(runner, db_path, path, "--replace")
    assert replaced.exit_code == 0, replaced.output
    after, cited = _rows(db_path)
    assert [row[:3] for row in after] == [row[:3] for row in statements]
    tomainia, marsovia = statements[4][0], statements[5][0]   # annex III's footnote 1 is now 8th in the document
    assert [row for row in cited if row[1] not in (tomainia, marsovia)] == citations[:4]
    assert [row[2:5] for row in cited if row[1] == tomainia] == [
        (5, 3, "https://fo.tomainia.example.org/news/freedonia.html"), (6, 4, "https://news.tomainia.example.org/vote.html"),
        (7, 5, "https://twitter.com/TomainiaFO/status/1362000000000000001")]
    assert [row[2:5] for row in cited if row[1] == marsovia] == [
        (8, 1, "https://twitter.com/MarsoviaMFA/status/1362000000000000000")]
    kept = {sid for (sid,) in db.execute("SELECT statement_id FROM quote_checks")}
    assert kept == {row[0] for row in statements[:4]}            # the changed statements are checked again


def test_the_same_bytes_ingested_before_further_footnotes_were_cited_gain_their_citations(runner, tmp_path):
    """A letter ingested when only a statement's own footnote was its citation (its further
    sources said in a warning, to check by hand): ingesting the same bytes again adds the
    further footnotes' citations and sources, the rows there keeping their ids; once only."""
    db_path, path = tmp_path / "cw.db", tmp_path / "letter.txt"
    path.write_text(letter_text(sourced_letter()), encoding="utf-8")
    assert _ingest(runner, db_path, path).exit_code == 0
    statements, citations = _rows(db_path)
    db = database.open_db(db_path)
    with db.conn:   # as an ingest before: the own footnotes cited, the others said to be checked by hand
        db.execute("DELETE FROM citations WHERE footnote != (SELECT footnote FROM statements s WHERE s.id = statement_id)")
        db.execute("DELETE FROM sources WHERE id NOT IN (SELECT source_id FROM citations)")
        db.execute("UPDATE documents SET metadata = json_set(metadata, '$.warnings', json('[\"check those sources by hand\"]'))")
    own = [row for row in citations if row[2] in (2, 5, 8, 11)]
    assert _rows(db_path) == (statements, own)

    again = _ingest(runner, db_path, path)
    assert again.exit_code == 0, again.output
    assert "already ingested: 8 further citations cited now" in " ".join(again.output.split())
    after, cited = _rows(db_path)
    assert after == statements and cited[:4] == own
    assert sorted(row[1:5] for row in cited) == sorted(row[1:5] for row in citations)   # under its statement
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 12
    assert "warnings" not in json.loads(db.execute("SELECT metadata FROM documents").fetchone()[0])

    third = _ingest(runner, db_path, path)
    assert "already ingested: nothing changed" in " ".join(third.output.split())
    assert _rows(db_path) == (after, cited)
