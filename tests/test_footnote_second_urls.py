"""Every URL a footnote cites is checked: "See https://a and https://b."
makes a citation of each URL, both of the statement citing the footnote, the second with a
seq after every footnote's and the footnote's own number, so that every stage names it
"footnote 2"; an "Ibid." after such a footnote cites both; crawl and reconcile read both.

The letter is tests/test_ingest_further_footnotes.py's (one statement a page, a further
footnote in its quote), footnote 2 rewritten, ingested by the real CLI into a real SQLite
file; the end-to-end test crawls the test web pytest serves on 127.0.0.1.
"""

from __future__ import annotations

import json

import db as database
from crawler import reconcile, report_data
from crawler.cli import cli
from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from crawler.reconcile import citation_label, citations_of
from tests.clirun import crawl_here, fast_env
from tests.test_ingest_further_footnotes import sourced_letter, write_letter
from tests.test_ingest_synthetic import letter_text
from tests.web.pages import STATEMENT

OWN = "https://mfa.aria.example.org/statement.html"
SECOND = "https://news.example.org/aria-second.html"
# Footnote 2 over two lines, its second URL wrapped after a hyphen, as letter2.txt prints it.
TWO_URLS = [f" 2 See {OWN} and https://news.example.org/aria-", "second.html. "]


def _letter(notes: dict[int, list[str]], body: dict[str, str] | None = None) -> list:
    """Aria's and Borduria's statements (own footnotes 2 and 4, further 3 and 5), each
    footnote of `notes` printed as its lines, each line of `body` as its value."""
    pages = sourced_letter(per=2, states=["Aria", "Borduria"])
    for lines, _ in pages:
        for number, printed in notes.items():
            at = next((i for i, line in enumerate(lines) if line.startswith(f" {number} ")), None)
            if at is not None:
                lines[at:at + 1] = printed
        for old, new in (body or {}).items():
            if old in lines:
                lines[lines.index(old)] = new
    return pages


def _ingest(runner, db_path, path, *options):
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), *options, str(path)])
    assert result.exit_code == 0, result.output
    return result


def _cited(db_path) -> list[tuple]:
    """Each statement's citations as every stage names them: (entity, label, seq, url, repairs)."""
    db = database.open_db(db_path)
    return [(entity, citation_label(c), c["seq"], c["url"], json.loads(c["repairs"] or "[]"))
            for sid, entity in db.execute("SELECT id, entity FROM statements ORDER BY seq").fetchall()
            for c in citations_of(db, sid)]


def test_each_url_of_a_footnote_is_a_citation_of_its_statement_named_by_the_footnote(runner, tmp_path):
    """Footnote 2's second URL (wrapped at a hyphen, rejoined as a first URL is) is Aria's third
    citation, seq 6 (after footnote 5, the last), named "footnote 2"; nothing said of it."""
    path, db_path = write_letter(tmp_path, _letter({2: TWO_URLS})), tmp_path / "cw.db"
    result = _ingest(runner, db_path, path)
    assert "not checked" not in result.output
    aria = [row for row in _cited(db_path) if row[0] == "Republic of Aria"]
    assert [row[1:4] for row in aria] == [("footnote 2", 2, OWN), ("footnote 3", 3, "https://news.example.org/aria-1.html"),
                                          ("footnote 2", 6, SECOND)]
    assert aria[2][4] == ["rejoined the URL across a line break", "dropped the full stop that ends the footnote"]
    db = database.open_db(db_path)
    assert db.execute("SELECT count(*) FROM document_links").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sources WHERE url = ?", [SECOND]).fetchone()[0] == 1


def test_the_same_bytes_give_the_same_seqs_and_replace_keeps_the_second_url(runner, tmp_path):
    """Re-ingest of the same bytes changes no row; `--replace` with Borduria's footnote
    corrected keeps Aria's rows, the second URL's too, as they were."""
    path, db_path = write_letter(tmp_path, _letter({2: TWO_URLS})), tmp_path / "cw.db"
    _ingest(runner, db_path, path)
    db = database.open_db(db_path)
    rows = "SELECT id, statement_id, seq, footnote, url, source_id FROM citations ORDER BY id"
    before = db.execute(rows).fetchall()
    _ingest(runner, db_path, path)
    assert db.execute(rows).fetchall() == before
    path.write_text(path.read_text(encoding="utf-8").replace("borduria-1.html", "borduria-1-corrected.html"),
                    encoding="utf-8")
    _ingest(runner, db_path, path, "--replace")
    aria = db.execute("SELECT id FROM statements WHERE entity = 'Republic of Aria'").fetchone()[0]
    assert [row for row in db.execute(rows).fetchall() if row[1] == aria] == [row for row in before if row[1] == aria]
    assert [row[2:5] for row in before if row[1] == aria][-1] == (6, 2, SECOND)


def test_the_same_bytes_ingested_when_a_second_url_was_only_said_gain_its_citation(runner, tmp_path):
    """A letter ingested when footnote 2's second URL was only named in a warning: ingesting
    the same bytes again adds its citation (seq 6, footnote 2) and drops the warning."""
    path, db_path = write_letter(tmp_path, _letter({2: TWO_URLS})), tmp_path / "cw.db"
    _ingest(runner, db_path, path)
    db = database.open_db(db_path)
    rows = "SELECT id, statement_id, seq, footnote, url FROM citations ORDER BY seq"
    cited = db.execute(rows).fetchall()
    assert cited[-1][2:] == (6, 2, SECOND)
    with db.conn:   # as an ingest before: footnote 2 one citation, its second URL said not checked
        db.execute("DELETE FROM citations WHERE seq = 6")
        db.execute("UPDATE documents SET metadata = json_set(metadata, '$.warnings', "
                   "json('[\"footnote 2 cites a second URL, which is not checked\"]'))")
    _ingest(runner, db_path, path)
    assert [row[1:] for row in db.execute(rows).fetchall()] == [row[1:] for row in cited]
    assert "warnings" not in json.loads(db.execute("SELECT metadata FROM documents").fetchone()[0])


def test_ibid_after_a_footnote_of_two_urls_cites_both():
    """An "Ibid." cites the whole footnote before: both its URLs, the second after every footnote."""
    pages = _letter({2: TWO_URLS, 3: [" 3 Ibid. "]})
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "l.txt")
    aria = doc.statements[0]
    assert [(c.seq, c.footnote, c.url) for c in aria.citations] == [(2, 2, OWN), (3, 3, OWN), (6, 2, SECOND),
                                                                     (7, 3, SECOND)]
    assert aria.citations[3].repairs == [f"'Ibid.': cites the source of the footnote before it, {SECOND}"]
    assert not [w for w in doc.metadata.get("warnings", []) if "footnote 2" in w or "footnote 3" in w]


def test_the_second_url_is_crawled_and_reconcile_finds_the_quote_on_it(web, env, db_path, runner, tmp_path):
    """Footnote 2's first URL is gone (404), its further footnote 3's too; its second URL's
    page prints the quote: crawled, and the quote is checked against it, not unverifiable."""
    main = web["main"]
    pages = _letter({2: TWO_URLS}, {" Aria recalls point 1 of the agreed format.3 ": f" {STATEMENT}3 "})
    path = write_letter(tmp_path, pages, moved={   # every URL on the test web, in this order
        OWN: f"{main}/crawl/status/404", "https://news.example.org/aria-1.html": f"{main}/crawl/status/404?3",
        "https://news.example.org/": f"{main}/crawl/new-home/",
        "https://mfa.borduria.example.org/statement.html": f"{main}/crawl/new-home/borduria.html"})
    _ingest(runner, db_path, path)
    second = f"{main}/crawl/new-home/aria-second.html"
    assert [row[1:4] for row in _cited(db_path) if row[0] == "Republic of Aria"][2] == ("footnote 2", 6, second)

    crawl_here(fast_env(env, web, tmp_path), "--all")
    db = database.open_db(db_path)
    fetched = dict(db.execute("SELECT s.url, f.status FROM fetches f JOIN sources s ON s.id = f.source_id"
                              " WHERE f.purpose = 'live' AND f.final = 1").fetchall())
    assert fetched[second] == 200 and all(url.startswith(main) for url in fetched)

    checked = runner.invoke(cli, ["reconcile", "--db", str(db_path)])
    assert checked.exit_code == 0, checked.output
    aria = db.execute("SELECT id FROM statements WHERE entity = 'Republic of Aria'").fetchone()[0]
    verdict, evidence = db.execute("SELECT verdict, evidence FROM quote_checks WHERE statement_id = ?"
                                   " AND scope = 'overall'", [aria]).fetchone()
    assert verdict != "unverifiable" and json.loads(evidence)["text"]["url"] == second
    # reconcile's table: a row per citation, the second URL of footnote 2 told from its first
    cells = [row[1:3] for row in reconcile.summary_rows(db) if row[0].endswith("Republic of Aria")]
    assert [cell for cell, _ in cells] == ["2", "3", "2 (URL 2)"]
    assert dict(cells)["2 (URL 2)"] == verdict
    # the report names the second URL's row by its footnote too, not by its seq
    rows = [row for doc in report_data.build(db)["documents"] for row in doc["footnotes"]
            if (row.get("statement") or {}).get("entity") == "Republic of Aria"]
    assert [(row["seq"], row.get("footnote")) for row in rows] == [(2, None), (3, None), (6, "2")]
