"""A corrected file of a document already ingested: refused, or `citewatch ingest --replace`.

The corrected file is the seed letter with a quote corrected and three footnotes
changed: the OSCE PA's handle (its old source still cited by a second letter, the
made-up one of tests/test_ingest_synthetic.py), the Romanian and the Iranian
ministries' URLs (the first source with an archive lookup on record, the second
with nothing).  The other stages' rows are real: reconcile's verdicts (offline,
every one unverifiable, the article's compared with the letter's statements), and
the rows the social and archive stages write, added as they write them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import db as database
from db import from_json, to_json
from crawler import history
from crawler.cli import cli
from tests.conftest import ARTICLE, LETTER
from tests.factories import Factory
from tests.test_ingest_synthetic import PAGES, letter_text

TEXT = LETTER.read_text(encoding="utf-8")
QUOTE = ("The UK again underlines its support for the OSCE Minsk Group", "The UK again underlines its full support for the OSCE Minsk Group")
CHANGES = {
    QUOTE[0]: QUOTE[1],
    "@oscepa.": "@OSCE_PA.",                                          # footnote 10
    "http://mae.ro/en/node/52171": "http://mae.ro/en/node/52170",     # footnote 35, with archive history
    "https://en.mfa.ir/portal/NewsView/579145": "https://en.mfa.ir/portal/NewsView/579146",  # footnote 25
}
# What no row may point at once its row is gone: every foreign key of the schema.
ORPHANS = "PRAGMA foreign_key_check"


def corrected() -> str:
    text = TEXT
    for old, new in CHANGES.items():
        assert old in text
        text = text.replace(old, new)
    return text


def other_letter() -> str:
    """The made-up letter citing the OSCE PA's account as its footnote 6."""
    pages = [([line.replace("@TomainiaFO", "@oscepa") for line in lines], links) for lines, links in PAGES]
    return letter_text(pages)


def ingest(runner, db_path, *args):
    return runner.invoke(cli, ["ingest", "--db", str(db_path), *map(str, args)])


def dump(db) -> dict[str, list]:
    """Every row of every table (but the migrations' own and the full-text indexes')."""
    tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' "
        "AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%fts%' AND name NOT LIKE 'texts_unspaced%' ORDER BY name")]
    return {table: [tuple(row) for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid")] for table in tables}


@pytest.fixture
def ingested(runner, db_path, tmp_path):
    """The seed letter, the article and the other letter ingested, reconciled, with a candidate
    post for footnote 10 and an archive lookup of footnote 35's source; the corrected file."""
    other = tmp_path / "other-letter.txt"
    other.write_text(other_letter(), encoding="utf-8")
    for document in (LETTER, other, ARTICLE):
        assert ingest(runner, db_path, document).exit_code == 0
    reconciled = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False)
    assert reconciled.exit_code == 0, reconciled.output
    db = database.open_db(db_path)
    citation = db.execute("SELECT id FROM citations WHERE document_id = 1 AND seq = 10").fetchone()[0]
    db.execute("INSERT INTO candidates (citation_id, platform, post_id, url, via) VALUES (?, 'twitter', '1', "
               "'https://twitter.com/oscepa/status/1', 'cdx')", [citation])
    mae = db.execute("SELECT id FROM sources WHERE key = 'http://mae.ro/en/node/52171'").fetchone()[0]
    db.execute("INSERT INTO archive_lookups (source_id, status, checked_at) VALUES (?, 'noresults', ?)",
               [mae, database.now()])
    db.conn.commit()
    path = tmp_path / "un-letter-corrected.txt"
    path.write_text(corrected(), encoding="utf-8")
    return db, path


def source_ids(db, *keys: str) -> list[int | None]:
    return [(db.execute("SELECT id FROM sources WHERE key = ?", [key]).fetchone() or [None])[0] for key in keys]


def test_a_changed_file_of_an_ingested_document_is_refused_and_nothing_written(runner, db_path, ingested):
    db, path = ingested
    before = dump(db)
    result = ingest(runner, db_path, path)
    assert result.exit_code == 1
    day = db.execute("SELECT ingested_at FROM documents WHERE id = 1").fetchone()[0][:10]
    assert result.output.splitlines()[-1] == (
        f"Error: {path}: a changed version of document 1, same symbol A/74/855, ingested {day} from {LETTER}; "
        f"run `citewatch ingest --replace {path}` to replace its statements and citations with this file's")
    assert dump(db) == before


def test_replace_rewrites_the_document_and_leaves_no_row_dangling(runner, db_path, ingested):
    db, path = ingested
    oscepa, osce_pa, mae_old, mae_new, iran_old = source_ids(
        db, "twitter:@oscepa", "twitter:@osce_pa", "http://mae.ro/en/node/52171", "http://mae.ro/en/node/52170",
        "https://en.mfa.ir/portal/NewsView/579145")
    assert None not in (oscepa, mae_old, iran_old) and (osce_pa, mae_new) == (None, None)
    kept_sources = db.execute("SELECT id, key FROM sources WHERE id NOT IN (?, ?)", [iran_old, mae_old]).fetchall()
    other_rows = {table: db.execute(f"SELECT * FROM {table} WHERE document_id != 1 ORDER BY id").fetchall()
                  for table in ("statements", "citations", "document_links")}

    result = ingest(runner, db_path, "--replace", path)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "document 1 (letter, replaced: its statements and citations are this file's now; run reconcile again)" in output
    assert "1 sources no document cites any more are kept with their crawl and archive history" in output

    documents = db.execute("SELECT id, kind, path, sha256 FROM documents ORDER BY id").fetchall()
    assert documents == [(1, "letter", str(path), hashlib.sha256(path.read_bytes()).hexdigest()),
                         (2, "letter", documents[1][2], documents[1][3]), (3, "article", str(ARTICLE), documents[2][3])]
    statements = db.execute("SELECT seq, quote FROM statements WHERE document_id = 1 ORDER BY seq").fetchall()
    assert [seq for seq, _ in statements] == list(range(1, 43))
    assert QUOTE[1] in statements[40][1] and QUOTE[0] not in statements[40][1]
    cited = dict(db.execute("SELECT c.seq, s.key FROM citations c JOIN sources s ON s.id = c.source_id "
                            "WHERE c.document_id = 1").fetchall())
    assert (cited[10], cited[35], cited[25]) == (
        "twitter:@osce_pa", "http://mae.ro/en/node/52170", "https://en.mfa.ir/portal/NewsView/579146")
    assert db.execute("SELECT count(*) FROM citations WHERE document_id = 1").fetchone()[0] == 42

    assert db.execute(ORPHANS).fetchall() == []
    assert db.execute("SELECT count(*) FROM candidates").fetchone()[0] == 0       # it hung off the old footnote 10
    # the verdicts of the letter's statements changed went, and the article's, checked against its statements;
    # the other letter's and those of the letter's statements unchanged, with their footnotes, stay
    changed = {10, 25, 35, db.execute("SELECT footnote FROM statements WHERE document_id = 1 AND quote LIKE ?",
                                      [f"%{QUOTE[1]}%"]).fetchone()[0]}
    checked = db.execute("SELECT DISTINCT s.document_id, s.footnote FROM quote_checks q "
                         "JOIN statements s ON s.id = q.statement_id WHERE s.document_id != 2 ORDER BY 1, 2").fetchall()
    assert checked == [(1, footnote) for footnote in range(1, 43) if footnote not in changed]
    assert db.execute("SELECT count(DISTINCT s.id) FROM quote_checks q JOIN statements s ON s.id = q.statement_id "
                      "WHERE s.document_id = 2").fetchone()[0] == 5
    for table, rows in other_rows.items():
        assert db.execute(f"SELECT * FROM {table} WHERE document_id != 1 ORDER BY id").fetchall() == rows
    # the source the other letter cites stays, with its id; the uncited one with an archive lookup is kept;
    # the uncited one nothing recorded is gone
    assert source_ids(db, "twitter:@oscepa", "http://mae.ro/en/node/52171", "https://en.mfa.ir/portal/NewsView/579145"
                      ) == [oscepa, mae_old, None]
    assert set(kept_sources) <= set(db.execute("SELECT id, key FROM sources").fetchall())

    again = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert db.execute("SELECT count(*) FROM quote_checks WHERE scope = 'overall'").fetchone()[0] == 42 + 5 + 10


def test_a_second_replace_of_the_same_file_changes_nothing(runner, db_path, ingested):
    db, path = ingested
    assert ingest(runner, db_path, "--replace", path).exit_code == 0
    before = dump(db)
    result = ingest(runner, db_path, "--replace", path)
    assert result.exit_code == 0, result.output
    assert "document 1 (letter, already ingested: nothing changed)" in " ".join(result.output.split())
    assert dump(db) == before
    assert ingest(runner, db_path, path).exit_code == 0        # without --replace too: the same bytes


def test_the_article_quoting_the_same_statements_is_no_replacement(runner, db_path):
    """The article has no UN symbol and another title: a document of its own, replace or not."""
    assert ingest(runner, db_path, LETTER).exit_code == 0
    result = ingest(runner, db_path, "--replace", ARTICLE)
    assert result.exit_code == 0, result.output
    assert "document 2 (article, new document)" in " ".join(result.output.split())


def test_replace_with_nothing_to_replace_ingests_a_new_document(runner, db_path, tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(corrected(), encoding="utf-8")
    result = ingest(runner, db_path, "--replace", path)
    assert result.exit_code == 0, result.output
    assert "document 1 (letter, new document)" in " ".join(result.output.split())


def test_a_replace_that_dies_half_way_leaves_the_old_document_whole(runner, db_path, ingested):
    """The replace's last citation written (footnote 41's: the unchanged 42nd stays) is refused
    by a trigger (the process dying there would do the same), after the old rows were deleted
    and the new ones written: the old document,
    its verdicts, candidate post and sources are all as they were; the re-run replaces it."""
    db, path = ingested
    before = dump(db)
    db.execute("CREATE TRIGGER dies BEFORE INSERT ON citations WHEN NEW.seq = 41 "
               "BEGIN SELECT RAISE(ABORT, 'the process died here'); END")
    db.conn.commit()
    died = ingest(runner, db_path, "--replace", path)
    assert "the process died here" in str(died.exception)
    db.execute("DROP TRIGGER dies")
    db.conn.commit()
    assert dump(db) == before
    result = ingest(runner, db_path, "--replace", path)
    assert result.exit_code == 0, result.output
    assert db.execute("SELECT path FROM documents WHERE id = 1").fetchone()[0] == str(path)
    assert db.execute("SELECT count(*) FROM citations WHERE document_id = 1").fetchone()[0] == 42


def test_versions_ingested_twice_before_are_made_one(runner, db_path, tmp_path):
    """A database from before refusals holds the letter twice (the corrected file ingested as a
    new document): the next corrected file names both, and --replace leaves one."""
    assert ingest(runner, db_path, LETTER).exit_code == 0
    db = database.open_db(db_path)
    symbols = db.execute("SELECT symbols FROM documents WHERE id = 1").fetchone()[0]
    db.execute("UPDATE documents SET symbols = NULL WHERE id = 1")   # hidden while the copy goes in, as before
    db.conn.commit()
    first = tmp_path / "corrected-1.txt"
    first.write_text(corrected(), encoding="utf-8")
    assert ingest(runner, db_path, first).exit_code == 0
    db.execute("UPDATE documents SET symbols = ? WHERE id = 1", [symbols])
    db.conn.commit()
    again = tmp_path / "corrected-2.txt"
    again.write_text(corrected().replace("its full support", "its fullest support"), encoding="utf-8")
    refused = ingest(runner, db_path, again)
    assert refused.exit_code == 1
    assert "a changed version of document 1 (and 1 more ingested before), same symbol A/74/855" in refused.output
    result = ingest(runner, db_path, "--replace", again)
    assert result.exit_code == 0, result.output
    assert "duplicate documents 2 removed" in " ".join(result.output.split())
    assert db.execute("SELECT id, path FROM documents").fetchall() == [(1, str(again))]
    assert db.execute("SELECT count(*) FROM statements").fetchone()[0] == 42
    assert db.execute(ORPHANS).fetchall() == []


def without_symbols(pages) -> list:
    """The made-up letter's pages without their symbol lines: a letter known by its title."""
    return [([line for line in lines if not line.strip().startswith(("A/75/", "S/2021/"))], links)
            for lines, links in pages]


def test_a_letter_without_symbols_is_known_by_its_title_and_date(runner, db_path, tmp_path):
    original, changed = tmp_path / "letter.txt", tmp_path / "letter-corrected.txt"
    original.write_text(letter_text(without_symbols(PAGES)), encoding="utf-8")
    changed.write_text(letter_text(without_symbols(PAGES)).replace("stands with", "stands firmly with"), encoding="utf-8")
    assert ingest(runner, db_path, original).exit_code == 0
    refused = ingest(runner, db_path, changed)
    assert refused.exit_code == 1
    assert ('a changed version of document 1, same title "Letter dated 2 March 2021 from the Permanent '
            'Representative of Freedonia to the United Nations addressed to the Secretary-General"') in refused.output
    assert ingest(runner, db_path, "--replace", changed).exit_code == 0
    db = database.open_db(db_path)
    assert db.execute("SELECT quote FROM statements WHERE footnote = 6").fetchone()[0] == "Tomainia stands firmly with Freedonia."


def article_html(text: str) -> str:
    """The article as a news site's page, whose <title> every article of the site shares."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n") if p.strip())
    return f"<html><head><title>News</title></head><body>{paragraphs}</body></html>"


def test_pages_of_one_site_sharing_a_title_are_versions_only_on_the_same_date(runner, db_path, tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    assert "date 2020-04-01" in text
    pages = {name: tmp_path / f"{name}.html" for name in ("first", "next-day", "corrected")}
    pages["first"].write_text(article_html(text), encoding="utf-8")
    pages["next-day"].write_text(article_html(text.replace("date 2020-04-01", "date 2020-04-02")), encoding="utf-8")
    pages["corrected"].write_text(article_html(text.replace("illegal elections", "so-called elections")), encoding="utf-8")
    assert ingest(runner, db_path, pages["first"]).exit_code == 0
    assert ingest(runner, db_path, pages["next-day"]).exit_code == 0
    refused = ingest(runner, db_path, pages["corrected"])
    assert refused.exit_code == 1
    assert 'a changed version of document 1, same title "News"' in refused.output
    db = database.open_db(db_path)
    assert db.execute("SELECT id, kind, title, date FROM documents").fetchall() == [
        (1, "article", "News", "2020-04-01"), (2, "article", "News", "2020-04-02")]


def quoting_the_seed_letter(pages) -> list:
    """The made-up letter whose covering text names the seed letter's symbol, wrapped so that
    the symbol is a line of its own, between two lines of text."""
    first, links = pages[0]
    at = first.index("referendum held in the occupied region of Sylvania (see annex).1 ")
    wrapped = ["referendum held in the occupied region of Sylvania (see annex), as did document ", "A/74/855 ",
               "of 13 May 2020.1 "]
    return [(first[:at] + wrapped + first[at + 1:], links), *pages[1:]]


def test_another_document_s_symbol_alone_on_a_line_of_text_is_not_this_one_s(runner, db_path, tmp_path):
    """Taken for the letter's own, the seed letter's symbol would refuse this letter as a
    changed version of the seed letter, and --replace would overwrite it."""
    path = tmp_path / "quoting.txt"
    path.write_text(letter_text(quoting_the_seed_letter(PAGES)), encoding="utf-8")
    assert ingest(runner, db_path, LETTER).exit_code == 0
    result = ingest(runner, db_path, path)
    assert result.exit_code == 0, result.output
    assert "document 2 (letter, new document)" in " ".join(result.output.split())
    db = database.open_db(db_path)
    assert [from_json(symbols) for (symbols,) in db.execute("SELECT symbols FROM documents ORDER BY id")] == [
        ["A/74/855", "S/2020/404"], ["A/75/999", "S/2021/77"]]


def test_run_scheduled_tells_the_corrected_statement_s_verdict_changed(runner, db_path, ingested, tmp_path):
    """`run --scheduled` compares each statement's verdict with the last run's by statement id
    (crawler/history.py): a corrected statement keeps its id through --replace, though the
    letter is not the last document ingested (new ids would be above the article's)."""
    db, _ = ingested
    path = tmp_path / "council-corrected.txt"
    assert TEXT.count("has on numerous occasions") == 1
    path.write_text(corrected().replace("has on numerous occasions", "has on several occasions"), encoding="utf-8")
    council, source = db.execute("SELECT s.id, c.source_id FROM statements s JOIN citations c ON c.statement_id = s.id "
                                 "WHERE s.document_id = 1 AND s.quote LIKE '%has on numerous occasions%'").fetchone()
    page = db.execute("SELECT quote FROM statements WHERE id = ?", [council]).fetchone()[0]
    factory = Factory(db)
    factory.fetch(factory.crawl(database.now()), source, "live", text=page)   # the page says what the letter quoted
    db.conn.commit()
    reconcile = ["reconcile", "--db", str(db_path)]
    assert runner.invoke(cli, reconcile, catch_exceptions=False).exit_code == 0
    history.record_run(db)
    ids = db.execute("SELECT seq, id FROM statements WHERE document_id = 1 ORDER BY seq").fetchall()

    assert ingest(runner, db_path, "--replace", path).exit_code == 0
    assert db.execute("SELECT seq, id FROM statements WHERE document_id = 1 ORDER BY seq").fetchall() == ids
    assert runner.invoke(cli, reconcile, catch_exceptions=False).exit_code == 0
    verdict = db.execute("SELECT verdict FROM quote_checks WHERE statement_id = ? AND scope = 'overall'",
                         [council]).fetchone()[0]
    assert verdict != "verbatim"
    changes = history.record_run(db)
    assert [(c["statement_id"], c["document_id"], c["from"], c["to"]) for c in changes["verdict_changed"]] == [
        (council, 1, "verbatim", verdict)]


EMBASSY = ("  Statement by the Embassy of Osterlich in Freedonia4 ", "Fredville, 08.02.2021 ",
           " Osterlich does not recognize the referendum. ",
           " 4 Official Facebook account of the Embassy of Osterlich in Freedonia. ")


def letter_and_shorter(tmp_path, dropped: tuple[str, ...]) -> tuple[Path, Path]:
    """The made-up letter, and a corrected file of it without the lines `dropped`."""
    original, shorter = tmp_path / "letter.txt", tmp_path / "letter-corrected.txt"
    original.write_text(letter_text(PAGES), encoding="utf-8")
    shorter.write_text(letter_text([([line for line in lines if line not in dropped], links) for lines, links in PAGES]),
                       encoding="utf-8")
    return original, shorter


def test_a_statement_gone_leaves_its_id_to_none_of_the_others(runner, db_path, tmp_path):
    """The made-up letter without its third statement (footnote 4): the others keep their ids,
    and none takes the id of the one gone, whose last verdict `run --scheduled` would
    compare its verdict with."""
    original, shorter = letter_and_shorter(tmp_path, EMBASSY)
    assert ingest(runner, db_path, original).exit_code == 0
    db = database.open_db(db_path)
    before = dict(db.execute("SELECT title, id FROM statements").fetchall())
    assert ingest(runner, db_path, "--replace", shorter).exit_code == 0
    after = dict(db.execute("SELECT title, id FROM statements").fetchall())
    gone = "Statement by the Embassy of Osterlich in Freedonia"
    assert after == {title: id for title, id in before.items() if title != gone}
    assert ingest(runner, db_path, ARTICLE).exit_code == 0
    assert before[gone] not in [id for (id,) in db.execute("SELECT id FROM statements")]


def test_two_articles_of_one_site_and_day_sharing_a_title_are_two_documents(runner, db_path, tmp_path):
    """The same <title> and date, other statements: the second article is a document of its
    own, not a changed version of the first (which --replace would overwrite)."""
    paragraphs = ARTICLE.read_text(encoding="utf-8").split("\n\n")
    nato, germany = paragraphs.index("NATO"), paragraphs.index("Germany")
    first, second = tmp_path / "eu.html", tmp_path / "germany.html"
    first.write_text(article_html("\n\n".join(paragraphs[:nato])), encoding="utf-8")
    second.write_text(article_html("\n\n".join(paragraphs[:2] + paragraphs[germany:])), encoding="utf-8")
    assert ingest(runner, db_path, first).exit_code == 0
    result = ingest(runner, db_path, second)
    assert result.exit_code == 0, result.output
    db = database.open_db(db_path)
    assert db.execute("SELECT id, title, date FROM documents").fetchall() == [
        (1, "News", "2020-04-01"), (2, "News", "2020-04-01")]
    entities = db.execute("SELECT document_id, entity FROM statements ORDER BY id").fetchall()
    assert entities[0] == (1, "European Union") and (2, "Germany") in entities
    assert (1, "Germany") not in entities and (2, "European Union") not in entities


def test_an_unchanged_statement_keeps_its_resolved_post_and_verdict(runner, db_path, ingested):
    """Only the archive can tell again which post a social footnote quoted: a statement the
    corrected file has as it was, footnote too, keeps the post it resolved to, its candidate
    posts and its verdict; the corrected ones lose theirs."""
    db, path = ingested
    unchanged = db.execute("SELECT id, statement_id FROM citations WHERE document_id = 1 AND kind = 'twitter' "
                           "AND seq != 10 ORDER BY seq").fetchone()
    post = "https://twitter.com/CoE/status/2"
    db.execute("UPDATE citations SET resolved_url = ?, resolution = ? WHERE id = ?",
               [post, to_json({"status": "resolved", "via": "cdx"}), unchanged[0]])
    db.execute("INSERT INTO candidates (citation_id, platform, post_id, url, via, chosen) VALUES (?, 'twitter', '2', ?, "
               "'cdx', 1)", [unchanged[0], post])
    db.conn.commit()
    verdict = db.execute("SELECT * FROM quote_checks WHERE statement_id = ?", [unchanged[1]]).fetchall()
    assert verdict

    assert ingest(runner, db_path, "--replace", path).exit_code == 0
    assert db.execute("SELECT statement_id, resolved_url FROM citations WHERE id = ?", [unchanged[0]]).fetchone() == (
        unchanged[1], post)
    assert db.execute("SELECT citation_id, url FROM candidates").fetchall() == [(unchanged[0], post)]
    assert db.execute("SELECT * FROM quote_checks WHERE statement_id = ?", [unchanged[1]]).fetchall() == verdict
    uk = db.execute("SELECT id FROM statements WHERE quote LIKE ?", [f"%{QUOTE[1]}%"]).fetchone()[0]
    assert db.execute("SELECT count(*) FROM quote_checks WHERE statement_id = ?", [uk]).fetchone()[0] == 0
    assert db.execute(ORPHANS).fetchall() == []


def test_a_file_that_changes_every_statement_leaves_none_of_the_old_rows(runner, db_path, tmp_path):
    original, redated = tmp_path / "letter.txt", tmp_path / "letter-redated.txt"
    original.write_text(letter_text(PAGES), encoding="utf-8")
    text = letter_text(PAGES).replace(".02.2021 ", ".03.2021 ").replace("9 February 2021", "9 March 2021")
    redated.write_text(text, encoding="utf-8")
    assert ingest(runner, db_path, original).exit_code == 0
    assert runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False).exit_code == 0
    db = database.open_db(db_path)
    ids = db.execute("SELECT id FROM statements ORDER BY seq").fetchall()
    assert db.execute("SELECT count(*) FROM quote_checks").fetchone()[0] > 0
    assert ingest(runner, db_path, "--replace", redated).exit_code == 0
    assert db.execute("SELECT id, substr(date, 1, 7) FROM statements ORDER BY seq").fetchall() == [
        (id, "2021-03") for (id,) in ids]
    assert db.execute("SELECT count(*) FROM citations").fetchone()[0] == 5
    assert db.execute("SELECT count(*) FROM quote_checks").fetchone()[0] == 0
    assert db.execute(ORPHANS).fetchall() == []


TOMAINIA = ("  Tomainia ", "  Statement by the Foreign Office of Tomainia6 ", "Tomainia City, 10.02.2021 ",
            " Tomainia stands with Freedonia. ", " 6 Official Twitter account of the Foreign Office of Tomainia, @TomainiaFO.  ")


def test_the_last_statement_s_id_taken_again_is_new_to_the_next_run(runner, db_path, tmp_path):
    """SQLite gives the highest id, once its row is gone, to the next row: the statement gone
    from the end of the letter leaves its id to the article's first statement, which the
    next run must take for new, not compare with the verdict of the one gone."""
    original, shorter = letter_and_shorter(tmp_path, TOMAINIA)
    assert ingest(runner, db_path, original).exit_code == 0
    db = database.open_db(db_path)
    gone = db.execute("SELECT max(id) FROM statements").fetchone()[0]
    assert db.execute("SELECT entity FROM statements WHERE id = ?", [gone]).fetchone()[0] == "Tomainia"
    factory = Factory(db)
    for (statement_id,) in db.execute("SELECT id FROM statements").fetchall():
        factory.check(statement_id, "verbatim")
    db.conn.commit()
    history.record_run(db)
    handle = db.execute("SELECT source_id FROM citations WHERE statement_id = ?", [gone]).fetchone()[0]
    assert ingest(runner, db_path, "--replace", shorter).exit_code == 0
    assert db["sources"].count_where("id = ?", [handle]) == 0   # cited no more, nothing recorded of it: gone
    last = json.loads(db.execute("SELECT state FROM run_states ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert str(handle) not in last["sources"] and str(gone) not in last["verdicts"]   # its id is free for another
    assert ingest(runner, db_path, ARTICLE).exit_code == 0
    taken = db.execute("SELECT id FROM statements WHERE document_id = 2 ORDER BY id").fetchone()[0]
    assert taken == gone                                  # (SQLite's rule, which the test relies on)
    factory.check(taken, "altered")
    db.conn.commit()
    assert history.record_run(db)["verdict_changed"] == []


FRENCH = {  # the made-up letter's quotes, as its French version would give them
    " The League considers the so-called referendum illegiti- ": " La Ligue considère le prétendu référendum comme illégi- ",
    "mate and calls for co- ": "time et appelle à la co- ",
    "operation within the agreed format. ": "opération dans le format convenu. ",
    " The Ministry of Foreign Affairs of Marsovia does not recognize the govern ment ":
        " Le ministère des Affaires étrangères de Marsovie ne reconnaît pas le gouverne ment ",
    "set up in Sylvania and supports the territorial integrity of Freedonia -":
        "mis en place en Sylvanie et soutient l'intégrité territoriale de la Freedonie -",
    " Osterlich does not recognize the referendum. ": " L'Osterlich ne reconnaît pas le référendum. ",
    " Osterlich reaffirms its posi tion on the Freedonia-Sylvania conflict. ":
        " L'Osterlich réaffirme sa posi tion sur le conflit entre la Freedonie et la Sylvanie. ",
    " Tomainia stands with Freedonia. ": " La Tomainie est aux côtés de la Freedonie. ",
}


def test_the_letter_in_another_language_is_another_document(runner, db_path, tmp_path):
    """UN documents are issued in six languages under one symbol: the French version of a
    letter is a document of its own, not a changed version to refuse (or, with --replace,
    to write over the English one)."""
    english, french = tmp_path / "letter-e.txt", tmp_path / "letter-f.txt"
    english.write_text(letter_text(PAGES), encoding="utf-8")
    french.write_text(letter_text([([FRENCH.get(line, line) for line in lines], links) for lines, links in PAGES]),
                      encoding="utf-8")
    assert ingest(runner, db_path, english).exit_code == 0
    result = ingest(runner, db_path, french)
    assert result.exit_code == 0, result.output
    db = database.open_db(db_path)
    quotes = dict(db.execute("SELECT document_id, group_concat(quote, ' ') FROM statements GROUP BY document_id"))
    assert len(quotes) == 2 and "Tomainia stands with Freedonia." in quotes[1] and "La Tomainie" in quotes[2]
    corrected_english = tmp_path / "letter-e2.txt"
    corrected_english.write_text(letter_text(PAGES).replace("Tomainia stands with", "Tomainia firmly stands with"),
                                 encoding="utf-8")
    refused = ingest(runner, db_path, corrected_english)   # a changed English file is still the English one's version
    assert refused.exit_code == 1 and "a changed version of document 1," in " ".join(refused.output.split())


def test_only_a_replace_counts_the_uncited_sources_it_kept(db_path, tmp_path):
    """`citewatch run`'s table shows every short count of the ingest: a first ingest has no
    uncited sources to speak of (it said "uncited_sources_kept: 0")."""
    from crawler import ingest as stage
    from crawler.config import load_config

    original, shorter = letter_and_shorter(tmp_path, TOMAINIA)
    db, config = database.open_db(db_path), load_config(env={}, db=str(db_path))
    assert "uncited_sources_kept" not in stage.run(db, config, str(original))
    assert stage.run(db, config, str(shorter), replace=True)["uncited_sources_kept"] == 0


def test_a_replace_during_a_crawl_keeps_the_sources_it_no_longer_cites(db_path, tmp_path):
    """The crawl may be writing a fetch for one of them: removed, its row would point at nothing."""
    from crawler import ingest as stage
    from crawler.config import load_config
    from db.lock import CRAWL, stage_lock

    original, shorter = letter_and_shorter(tmp_path, TOMAINIA)
    db, config = database.open_db(db_path), load_config(env={}, db=str(db_path))
    stage.run(db, config, str(original))
    handle = db.execute("SELECT id FROM sources WHERE key LIKE '%tomainiafo%'").fetchone()[0]
    other = database.open_db(db_path)   # another process's crawl, as far as the lock can tell
    with stage_lock(other, CRAWL):
        assert stage.run(db, config, str(shorter), replace=True)["uncited_sources_kept"] == 1
    assert db["sources"].count_where("id = ?", [handle]) == 1
