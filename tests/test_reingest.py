"""Re-ingest and `--replace` of a document an earlier citewatch read otherwise.

The same bytes, stored as an earlier citewatch read them (an "Ibid." an offline source,
an article's links unfootnoted), are not patched half on a re-ingest: refused in one line
that names `ingest --replace`, which re-reads them (it short-circuited on the sha256 before).
`--replace` compares a footnote's second URL by what it cites, not by its seq (counted
after every footnote, so a URL added to an earlier footnote shifts it): an untouched
statement keeps its rows, renumbered, and its verdict.

Letters are tests/test_ingest_synthetic.py's, articles tests/test_article_links.py's,
ingested by the real CLI into real SQLite files; the earlier reading is written with SQL
as the old code stored it (the rows `citewatch ingest` of commit 3446314 wrote).
"""

from __future__ import annotations

import pytest

import db as database
from crawler.cli import cli
from crawler.ingest.model import IngestError
from tests.test_article_links import ARTICLE_HTML
from tests.test_footnote_urls import MINISTRY, _footnote
from tests.test_ingest_language import _french
from tests.test_ingest_synthetic import PAGES, letter_text

SECOND = "https://news.example.org/second.html"
TWO_URLS = f" 5 See {MINISTRY} and {SECOND}. "


def _with_line(pages, number: int, line: str) -> list:
    """`pages` with the one-line footnote `number` printed as `line`."""
    return [([line if printed.startswith(f" {number} ") else printed for printed in lines], links)
            for lines, links in pages]


def _ingest(runner, db_path, path, *options):
    return runner.invoke(cli, ["ingest", "--db", str(db_path), *options, str(path)])


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rows(db_path) -> list[tuple]:
    """(statement id, statement seq, citation id, seq, kind, url, footnote, source key) of each citation."""
    db = database.open_db(db_path)
    try:
        return db.execute(
            "SELECT s.id, s.seq, c.id, c.seq, c.kind, c.url, c.footnote, so.key FROM citations c"
            " JOIN statements s ON s.id = c.statement_id LEFT JOIN sources so ON so.id = c.source_id"
            " ORDER BY c.seq").fetchall()
    finally:
        db.close()


def _read(rows) -> list[tuple]:
    """What a reading is, whatever row ids it got: (statement seq, seq, kind, url, footnote, key)."""
    return [(row[1], *row[3:]) for row in rows]


def _fresh(runner, tmp_path, path) -> list[tuple]:
    """The reading of `path` ingested into a database of its own."""
    assert _ingest(runner, tmp_path / "fresh.db", path).exit_code == 0
    return _read(_rows(tmp_path / "fresh.db"))


def _judge_all(db) -> None:
    """A verdict for every statement, as reconcile leaves one."""
    db.execute("INSERT INTO quote_checks (statement_id, scope, verdict, score, reason, checked_at)"
               " SELECT id, 'overall', 'verbatim', 100, 'found', '2026-01-01T00:00:00+00:00' FROM statements")


def _judged(db_path) -> set[int]:
    db = database.open_db(db_path)
    try:
        return {row[0] for row in db.execute("SELECT statement_id FROM quote_checks")}
    finally:
        db.close()


def _refused_whole(runner, db_path, path) -> None:
    """A re-ingest of the same bytes is refused in one line naming --replace, and writes nothing."""
    before = _rows(db_path)
    again = _ingest(runner, db_path, path)
    assert again.exit_code != 0
    said = [line for line in again.output.splitlines() if line.startswith("Error:")]
    assert len(said) == 1 and "read differently by an earlier citewatch" in said[0], again.output
    assert f"run `citewatch ingest --replace {path}` to re-read it" in said[0]
    assert _rows(db_path) == before


def test_an_ibid_letter_read_otherwise_before_is_refused_whole_and_replace_rereads_it(runner, tmp_path):
    """Footnote 4 "See URL1 and URL2.", footnote 5 "Ibid., p. 4.", stored as an earlier
    citewatch read them (footnote 5 an offline source, no citation of URL2): a re-ingest left statement 4's
    offline row and added URL2 beside it; now refused, and --replace of the same bytes gives
    a fresh ingest's rows under the same ids, the verdicts of the statements read alike kept."""
    pages = _with_line(_footnote(4, [f" 4 See {MINISTRY} and {SECOND}. "]), 5, " 5 Ibid., p. 4. ")
    path, db_path = _write(tmp_path, "letter.txt", letter_text(pages)), tmp_path / "cw.db"
    fresh = _fresh(runner, tmp_path, path)
    assert [row for row in fresh if row[0] == 4] == [(4, 5, "web", MINISTRY, 5, MINISTRY),
                                                     (4, 8, "web", SECOND, 5, SECOND)]
    assert _ingest(runner, db_path, path).exit_code == 0
    db = database.open_db(db_path)
    with db.conn:   # as the earlier citewatch stored it
        db.execute("INSERT INTO sources (kind, key, first_seen) VALUES ('offline', 'offline:ibid., p. 4', ?)",
                   [database.now()])
        db.execute("UPDATE citations SET kind = 'offline', url = NULL, url_printed = NULL, repairs = '[]',"
                   " source_id = (SELECT id FROM sources WHERE key = 'offline:ibid., p. 4') WHERE seq = 5")
        db.execute("DELETE FROM citations WHERE seq IN (7, 8)")
        _judge_all(db)
    ids = {seq: statement_id for statement_id, seq in db.execute("SELECT id, seq FROM statements")}
    db.close()

    _refused_whole(runner, db_path, path)

    replaced = _ingest(runner, db_path, path, "--replace")
    assert replaced.exit_code == 0, replaced.output
    rows = _rows(db_path)
    assert _read(rows) == fresh and {row[1]: row[0] for row in rows} == ids
    assert _judged(db_path) == {ids[1], ids[2], ids[5]}        # statements 3 and 4 are checked again
    assert _ingest(runner, db_path, path).exit_code == 0      # now this version's reading: nothing to say


def test_an_article_read_unfootnoted_before_is_refused_whole_and_replace_rereads_it(runner, tmp_path):
    """An article stored as an earlier citewatch read it (each statement's citation unfootnoted, no link
    cited): a re-ingest cited its further link only, said "1 further citations cited now" and
    overwrote its metadata; now refused, nothing written, and --replace reads its links."""
    path, db_path = _write(tmp_path, "article.html", ARTICLE_HTML), tmp_path / "cw.db"
    fresh = _fresh(runner, tmp_path, path)
    assert [row[2] for row in fresh] == ["web", "web", "web"]
    assert _ingest(runner, db_path, path).exit_code == 0
    db = database.open_db(db_path)
    with db.conn:   # as the earlier citewatch stored it
        db.execute("DELETE FROM citations WHERE seq > (SELECT max(seq) FROM statements)")
        db.execute("UPDATE citations SET kind = 'unfootnoted', url = NULL, url_printed = NULL, source_id = NULL")
        db.execute("UPDATE documents SET metadata = '{}'")
    db.close()

    _refused_whole(runner, db_path, path)
    db = database.open_db(db_path)
    assert db.execute("SELECT metadata FROM documents").fetchone()[0] == "{}"
    db.close()

    assert _ingest(runner, db_path, path, "--replace").exit_code == 0
    assert _read(_rows(db_path)) == fresh


def test_a_url_added_to_an_earlier_footnote_leaves_a_later_statement_its_rows_and_verdict(runner, tmp_path):
    """Footnote 5 "See URL1 and URL2." (URL2 seq 7, after every footnote); the corrected
    file adds a second URL to footnote 2, which takes seq 7: URL2 is seq 8 now.  --replace
    keeps statement 4's rows (renumbered) and its verdict; only statement 1 is checked again."""
    path, db_path = _write(tmp_path, "letter.txt", letter_text(_with_line(PAGES, 5, TWO_URLS))), tmp_path / "cw.db"
    assert _ingest(runner, db_path, path).exit_code == 0
    db = database.open_db(db_path)
    with db.conn:
        _judge_all(db)
    ids = {seq: statement_id for statement_id, seq in db.execute("SELECT id, seq FROM statements")}
    db.close()
    before = [row for row in _rows(db_path) if row[1] == 4]
    assert [row[3:6] for row in before] == [(5, "web", MINISTRY), (7, "web", SECOND)]

    extra = "https://coastal-league.example.org/news/more.html"
    corrected = _with_line(_footnote(2, [f" 2 See https://coastal-league.example.org/news/s.html and {extra}. "]), 5,
                           TWO_URLS)
    path = _write(tmp_path, "letter.txt", letter_text(corrected))
    fresh = _fresh(runner, tmp_path, path)
    replaced = _ingest(runner, db_path, path, "--replace")
    assert replaced.exit_code == 0, replaced.output
    rows = _rows(db_path)
    assert _read(rows) == fresh
    assert [row for row in rows if row[1] == 4] == [(*before[0][:3], 5, *before[0][4:]),
                                                    (*before[1][:3], 8, *before[1][4:])]
    assert _judged(db_path) == set(ids.values()) - {ids[1]}


def test_a_version_s_language_is_the_one_ingest_stored_named_again_only_when_none_was(tmp_path):
    """A file sharing a symbol with a stored document is its version only in the same language
    (the UN issues six under one symbol).  The stored document's language is the one ingest
    named it in (documents.language), not guessed again from every quote it holds, under
    another rule than ingest's: read from its quotes only for a document stored before the
    column (m026), whose French version is still a document of its own."""
    from crawler import ingest as stage
    from crawler.config import load_config

    db_path = tmp_path / "test.db"
    db, config = database.open_db(db_path), load_config(env={}, db=str(db_path))
    english = _write(tmp_path, "letter-e.txt", letter_text(PAGES))
    corrected = _write(tmp_path, "letter-e2.txt", letter_text(PAGES).replace("Tomainia stands", "Tomainia firmly stands"))
    french = _write(tmp_path, "letter-f.txt", letter_text(_french()))
    assert stage.run(db, config, str(english))["language"] == "en"
    asked = []
    db.conn.set_trace_callback(asked.append)
    with pytest.raises(IngestError, match="a changed version of document 1,"):
        stage.run(db, config, str(corrected))
    assert not [sql for sql in asked if sql.startswith("SELECT quote FROM statements")]   # the stored 'en' read
    db.conn.set_trace_callback(None)

    db.execute("UPDATE documents SET language = NULL")   # as a database from before m026 holds it
    db.conn.commit()
    with pytest.raises(IngestError, match="a changed version of document 1,"):
        stage.run(db, config, str(corrected))            # its quotes are English: the same language
    done = stage.run(db, config, str(french))
    assert done["new"] and done["language"] == "fr" and done["document_id"] != 1
