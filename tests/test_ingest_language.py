"""A document's language, named at ingest from its quotes (`documents.language`, rows.py
`document_language`): without it the HTML report had a French letter's quotes read out as
English words.  A document of a few words gets none rather than a guess; one ingested before
citewatch named it gets its language when the same file is ingested again."""

from __future__ import annotations

import json

import db as database
from crawler import report_data
from crawler.cli import cli
from crawler.ingest.model import ParsedDocument, Statement
from crawler.ingest.rows import DOCUMENT_LANGUAGE, document_language
from tests.test_ingest_synthetic import PAGES, letter_text

M026 = "m026_documents_language"

# The made-up letter's quotes in French, line for line (its hyphenations and broken words kept).
FRENCH = {
    " The League considers the so-called referendum illegiti- ": " La Ligue considère le prétendu référendum illégi- ",
    "mate and calls for co- ": "time et appelle à la coo- ",
    "operation within the agreed format. ": "pération dans le format convenu. ",
    " The Ministry of Foreign Affairs of Marsovia does not recognize the govern ment ":
        " Le ministère des Affaires étrangères de Marsovie ne reconnaît pas le gouverne ment ",
    "set up in Sylvania and supports the territorial integrity of Freedonia -":
        "mis en place en Sylvanie et soutient l'intégrité territoriale de la Freedonie -",
    "Sylvania in its recognized borders. ": "Sylvanie dans ses frontières reconnues. ",
    " Osterlich does not recognize the referendum. ": " L'Osterlich ne reconnaît pas le référendum. ",
    " Osterlich reaffirms its posi tion on the Freedonia-Sylvania conflict. ":
        " L'Osterlich réaffirme sa posi tion sur le conflit entre la Freedonie et la Sylvanie. ",
    " Tomainia stands with Freedonia. ": " La Tomainie se tient aux côtés de la Freedonie. ",
}


def _french(pages=PAGES) -> list:
    """The letter with its quotes in French (every quote line of FRENCH found and replaced)."""
    french = [([FRENCH.get(line, line) for line in lines], links) for lines, links in pages]
    assert sum(line in FRENCH.values() for lines, _ in french for line in lines) == len(FRENCH)
    return french


def _ingest(runner, db_path, path, *options) -> dict:
    """`citewatch ingest --json` of the file: its printed JSON."""
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), "--json", *options, str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _stored(db_path) -> list[tuple[str, str | None]]:
    return database.open_db(db_path).execute("SELECT path, language FROM documents ORDER BY id").fetchall()


def test_a_letter_is_stored_and_listed_in_the_language_of_its_quotes(runner, tmp_path):
    db_path, english, french = tmp_path / "cw.db", tmp_path / "en.txt", tmp_path / "fr.txt"
    english.write_text(letter_text(), encoding="utf-8")
    french.write_text(letter_text(_french()), encoding="utf-8")
    assert _ingest(runner, db_path, english)["counts"]["language"] == "en"
    printed = _ingest(runner, db_path, french)     # the French version: a document of its own (versions.py)
    assert (printed["counts"]["new"], printed["counts"]["language"]) == (True, "fr")
    assert _stored(db_path) == [(str(english), "en"), (str(french), "fr")]
    listed = report_data.build(database.open_db(db_path))["documents"]
    assert [doc["language"] for doc in listed] == ["en", "fr"]


def test_a_document_of_a_few_words_gets_no_language():
    """Fewer words than DOCUMENT_LANGUAGE's floor: none, where py3langid would still guess one."""
    floor = DOCUMENT_LANGUAGE.language_min_words
    words = "la ligue appelle toutes les parties à la retenue et au dialogue dans le format convenu".split()
    assert len(words) > floor

    def of(*quotes: str) -> str | None:
        statements = [Statement(seq, quote) for seq, quote in enumerate(quotes, 1)]
        return document_language(ParsedDocument("article", "sha", "doc.html", statements=statements))

    assert of(" ".join(words[:floor - 1])) is None
    assert of(" ".join(words[:floor - 5]), " ".join(words[floor - 5:floor])) == "fr"   # its quotes' words together
    assert of(" ".join(words)) == "fr"


def test_a_document_ingested_before_gets_its_language_when_ingested_again(runner, tmp_path):
    """A database from before m026: the document's language is NULL (the report gives none),
    and ingesting the same file again fills it, writing nothing else."""
    db_path, french = tmp_path / "cw.db", tmp_path / "fr.txt"
    french.write_text(letter_text(_french()), encoding="utf-8")
    _ingest(runner, db_path, french)
    db = database.open_db(db_path)
    with db.conn:
        db.execute("ALTER TABLE documents DROP COLUMN language")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [M026])
    statements = db.execute("SELECT * FROM statements ORDER BY id").fetchall()
    assert _stored(db_path) == [(str(french), None)]            # migrated again: the column, empty
    printed = _ingest(runner, db_path, french)
    assert (printed["counts"]["new"], printed["counts"]["language"]) == (False, "fr")
    assert _stored(db_path) == [(str(french), "fr")]
    assert database.open_db(db_path).execute("SELECT * FROM statements ORDER BY id").fetchall() == statements


def test_a_replaced_document_takes_its_new_version_s_language(runner, tmp_path):
    db_path, french = tmp_path / "cw.db", tmp_path / "fr.txt"
    french.write_text(letter_text(_french()), encoding="utf-8")
    _ingest(runner, db_path, french)
    database.open_db(db_path).execute("UPDATE documents SET language = NULL")   # as ingested before m026
    changed = letter_text(_french()).replace(" L'Osterlich ne reconnaît pas le référendum. ",
                                             " L'Osterlich ne reconnaît toujours pas le référendum. ")
    french.write_text(changed, encoding="utf-8")
    printed = _ingest(runner, db_path, french, "--replace")
    assert (printed["counts"]["replaced"], printed["counts"]["language"]) == ([1], "fr")
    assert _stored(db_path) == [(str(french), "fr")]
