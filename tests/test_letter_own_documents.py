"""A researcher's own compiled letters: entity headings with lower-case words, footnote
marks printed as superscripts or in brackets, and a quote that prints its translation after it.

- An entity heading with a lower-case or elided word ("Côte d'Ivoire", "Organisation
  internationale de la Francophonie", "Academic assessment") was read as the last line of the
  quote before, and its statement took the entity before's: it is the statement's entity where
  the quote before ends a sentence; where it does not, it stays the quote's, and both statements
  are named in a warning, as they are over a statement with no title.
- Marks "Europe³", "Europe[3]" and footnote lines "³ https://…", "[3] https://…" are read as
  "Europe3" and "3 https://…" are (the letter was refused as one whose footnotes were lost in
  extraction); a style still not read ("(3)") is named in the refusal.
- "(Unofficial translation: …)" after the original's words is kept apart from the quote, so the
  quote's words are the original's, compared as such.
"""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from crawler.cli import cli
from crawler.config import load_config
from crawler.ingest import parse
from crawler.ingest.model import IngestError
from crawler.reconcile import flags_of
from crawler.verdicts import judge

COVER = """   Letter dated 2 June 2021 from the Permanent Representative
of Freedonia to the United Nations addressed to the Secretary-General

 I have the honour to transmit herewith the compilation of statements on the so-called
"referendum" held in the occupied district of Sylvania on 18 May 2021 (see annex).

(Signed) Rufus T. Firefly
Permanent Representative

   Annex to the letter dated 2 June 2021 from the Permanent Representative of Freedonia

 I. International organizations
"""
COUNCIL = ("Council of Europe", "Statement by the Secretary General of the Council of Europe", "Strasbourg, 19.05.2021",
           "The Council of Europe reiterates its full support for the territorial integrity of Freedonia.")
GEORGIA = ("Georgia", "Statement by the Ministry of Foreign Affairs of Georgia", "Tbilisi, 21.05.2021",
           "Georgia supports the sovereignty and territorial integrity of Freedonia.")
LAST = ("Statement by the Secretary General", "London, 25.05.2021",
        "The referendum failed every test of a free and fair vote.")
FRENCH = "La France ne reconnaît pas ce prétendu référendum, qui est contraire au droit international."
ENGLISH = "France does not recognize this so-called referendum, which is contrary to international law."
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _letter(tmp_path, statements: list[tuple], mark=lambda n: f" {n}", note=lambda n: f" {n} ",
            name: str = "letter.txt", footnotes: int | None = None) -> str:
    """A letter as a researcher types one (no page furniture): statement n (entity or None,
    title or None, "Place, date", quote) marked on its title, else on its "Place, date" line,
    printed `mark(n)`; footnotes 1 to `footnotes` (one a statement unless given), each line
    beginning `note(n)`; its path."""
    body = [COVER]
    for n, (entity, title, place, quote) in enumerate(statements, 1):
        if entity:
            body.append(f"\n  {entity}")
        body.append(f"  {title}{mark(n)}\n{place}" if title else f"\n{place}{mark(n)}")
        body.append("\n".join(f" {paragraph}" for paragraph in quote.split("\n")))
    notes = [f"{note(n)}https://source{n}.example.org/statement-{n}.html."
             for n in range(1, (footnotes or len(statements)) + 1)]
    path = tmp_path / name
    path.write_text("\n".join(body) + "\n__________________\n" + "\n".join(notes) + "\n", encoding="utf-8")
    return str(path)


def _parsed(path: str):
    return parse(path, load_config(env={}))


def _last(heading: str, quote_before: str = GEORGIA[3]) -> list[tuple]:
    """Council of Europe, Georgia (its quote `quote_before`), then a statement under `heading`."""
    title, place, quote = LAST
    return [COUNCIL, GEORGIA[:3] + (quote_before,), (heading, title, place, quote)]


@pytest.mark.parametrize("heading", ["Côte d'Ivoire", "Côte d’Ivoire",
                                     "Organisation internationale de la Francophonie", "Academic assessment"])
def test_an_entity_heading_with_lower_case_words_is_the_next_statement_s_entity(tmp_path, heading):
    doc = _parsed(_letter(tmp_path, _last(heading)))
    assert [s.entity for s in doc.statements] == ["Council of Europe", "Georgia", heading]
    assert doc.statements[1].quote == GEORGIA[3]   # not "... of Freedonia.\nAcademic assessment"
    assert [s.footnote for s in doc.statements] == [1, 2, 3]
    assert "warnings" not in doc.metadata


def test_a_heading_like_line_after_a_quote_that_ends_no_sentence_stays_the_quote_s_and_is_said(tmp_path):
    """"... and calls for" over "Dialogue and restraint": the quote may go on, so it keeps the
    line, and the warning names both statements."""
    doc = _parsed(_letter(tmp_path, _last("Dialogue and restraint", "Georgia calls for")))
    assert [s.entity for s in doc.statements] == ["Council of Europe", "Georgia", "Georgia"]
    assert doc.statements[1].quote == "Georgia calls for\nDialogue and restraint"
    assert doc.metadata["warnings"] == [
        "'Dialogue and restraint' over statement 3's title reads as an entity's heading, but the quote before it "
        "ends no sentence: it is kept as the end of statement 2's quote, and statement 3 keeps the entity "
        "'Georgia'; check statements 2 and 3"]


def test_a_sign_off_indented_as_the_quote_over_a_title_stays_the_quote_s_and_is_said(tmp_path):
    """" Department of information and press" (the quote's indent) over "  Statement by ..." (a title's):
    the sign-off of Georgia's quote, not the entity of the statement after it."""
    statements = _last(None)
    statements[1] = GEORGIA[:3] + (f"{GEORGIA[3]}\nDepartment of information and press",)
    doc = _parsed(_letter(tmp_path, statements))
    assert [s.entity for s in doc.statements] == ["Council of Europe", "Georgia", "Georgia"]
    assert doc.statements[1].quote == f"{GEORGIA[3]}\nDepartment of information and press"
    assert doc.metadata["warnings"] == [
        "'Department of information and press' over statement 3's title reads as an entity's heading, but it is "
        "indented as the quote before it is, not as the title under it: it is kept as the end of statement 2's "
        "quote, and statement 3 keeps the entity 'Georgia'; check statements 2 and 3"]


@pytest.mark.parametrize("heading, said", [("Academic assessment", True), ("Côte d'Ivoire", False)])
def test_a_lower_case_heading_over_a_statement_with_no_title_is_its_entity(tmp_path, heading, said):
    """Said where it has lower-case words (a quote's last short line looks the same); a name whose
    only lower-case word is an elided particle is a name, read as "Council of Europe" is."""
    statements = _last(heading)
    statements[2] = (heading, None) + statements[2][2:]
    doc = _parsed(_letter(tmp_path, statements))
    assert [s.entity for s in doc.statements] == ["Council of Europe", "Georgia", heading]
    assert doc.statements[1].quote == GEORGIA[3]
    assert doc.statements[2].footnote == 3
    assert doc.metadata.get("warnings", []) == [
        f"'{heading}' over statement 3's 'Place, date' line (no title under it) is read as statement 3's "
        "entity, not as the last line of statement 2's quote; if it is the quote's, check statements 2 and 3"][:said]


def test_a_short_line_ending_a_quote_over_an_entity_that_carries_its_mark_stays_the_quote_s(tmp_path):
    """"Thank you" over "GUAM 3" (an entity printing its statement's mark, no title): GUAM is the
    entity, as before, and the line the quote's."""
    statements = [COUNCIL, GEORGIA[:3] + (GEORGIA[3] + "\nThank you",), ("GUAM", None, "Kyiv, 26.05.2021", LAST[2])]
    text = open(_letter(tmp_path, statements), encoding="utf-8").read()
    path = tmp_path / "guam.txt"
    text = text.replace("\n\n  GUAM\n\nKyiv, 26.05.2021 3", "\n\n  GUAM 3\nKyiv, 26.05.2021")
    assert "  GUAM 3\n" in text
    path.write_text(text, encoding="utf-8")
    doc = _parsed(str(path))
    assert [(s.entity, s.footnote) for s in doc.statements] == [("Council of Europe", 1), ("Georgia", 2), ("GUAM", 3)]
    assert doc.statements[1].quote == GEORGIA[3] + "\nThank you"


STYLES = {
    "superscript": (lambda n: str(n).translate(SUPERSCRIPT), lambda n: f" {str(n).translate(SUPERSCRIPT)} "),
    "superscript glued": (lambda n: str(n).translate(SUPERSCRIPT), lambda n: f" {str(n).translate(SUPERSCRIPT)}"),
    "brackets": (lambda n: f"[{n}]", lambda n: f" [{n}] "),
}


def _four(quote_mark) -> list[tuple]:
    """Four statements; Georgia's quote prints footnote 3's mark (a further source) as `quote_mark`
    does, and an area in km² (a power, no mark); the last statement is numbered 4."""
    title, place, quote = LAST
    return [COUNCIL,
            GEORGIA[:3] + (f"Georgia supports the territorial integrity of Freedonia.{quote_mark(3)}\n"
                           "An area of 300 km² is occupied.",),
            ("Estonia", "Statement by the Ministry of Foreign Affairs of Estonia", "Tallinn, 20.05.2021", ""),
            ("Academic assessment", title, place, quote)]


def _without_path(doc) -> dict:
    parsed = doc.as_dict()
    parsed["document"].pop("path")
    parsed["document"].pop("sha256")
    return parsed


@pytest.mark.parametrize("style", STYLES)
def test_superscript_and_bracketed_marks_read_as_digits_are(tmp_path, style):
    """The letter marked "Europe³" / "³ https://…" (or "Europe[3]" / "[3] https://…") parses as
    the one marked "Europe 3" / "3 https://…": the same statements, citations and quotes."""
    mark, note = STYLES[style]

    def marks(styled):
        """Footnote 3 is Georgia's further source: the Estonian statement prints no mark of its own."""
        statements = _four(styled)
        statements[2] = statements[2][:3] + ("Estonia stands with Freedonia.",)
        return statements

    ascii_path = _letter(tmp_path, marks(lambda n: str(n)), mark=lambda n: f" {n + (n > 2)}", name="ascii.txt",
                         footnotes=5)
    styled_path = _letter(tmp_path, marks(mark), mark=lambda n: mark(n + (n > 2)), note=note, footnotes=5)
    ascii_doc, styled_doc = _parsed(ascii_path), _parsed(styled_path)
    assert _without_path(styled_doc) == _without_path(ascii_doc)
    assert [s.footnote for s in styled_doc.statements] == [1, 2, 4, 5]
    assert [[c.footnote for c in s.citations] for s in styled_doc.statements] == [[1], [2, 3], [4], [5]]
    assert styled_doc.statements[1].quote == ("Georgia supports the territorial integrity of Freedonia.\n"
                                               "An area of 300 km² is occupied.")


def test_marks_in_a_style_not_read_are_named_in_the_refusal(tmp_path):
    """"Europe(2)" over "(2) https://…": the refusal says what the headings end with and what the
    footnote lines begin with, not that the footnotes were lost in extraction."""
    path = _letter(tmp_path, _last("Academic assessment"), mark=lambda n: f"({n})", note=lambda n: f" ({n}) ")
    with pytest.raises(IngestError) as refused:
        _parsed(path)
    message = refused.value.message
    assert message.startswith(f"{path}: 3 statements, but none cites a footnote: the headings over them end "
                              "'…Council of Europe(1)', '…Affairs of Georgia(2)' and the lines after the '____' "
                              "rule begin '(1) https://source1.exa…', '(2) https://source2.exa…'; a mark is read "
                              "as 1, ¹ or [1]")
    assert "\n" not in message


def test_a_translation_printed_after_the_original_is_kept_apart_and_the_original_compared(runner, tmp_path):
    """"(Unofficial translation: …)" inside the quote: the quote is the French, the translation in
    the document's metadata, the statement flagged; judged against the French page the quote is
    verbatim (compared with the translation in it, it was a "translation")."""
    statements = [COUNCIL, ("France", "Déclaration du porte-parole du ministère de l'Europe", "Paris, 19.05.2021",
                            f"{FRENCH}\n(Unofficial translation: {ENGLISH[:52]}\n{ENGLISH[52:]})"), GEORGIA]
    path, db_path = _letter(tmp_path, statements), tmp_path / "t.db"
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), path], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    statement = next(db.query("SELECT * FROM statements WHERE seq = 2"))
    assert statement["quote"] == FRENCH
    assert json.loads(statement["flags"]) == ["translation-apart"]
    metadata = json.loads(next(db.query("SELECT metadata FROM documents"))["metadata"])
    assert metadata["translations"] == [{"statement": 2, "label": "Unofficial translation", "text": ENGLISH}]
    citations = list(db.query("SELECT * FROM citations WHERE statement_id = ?", [statement["id"]]))
    page = f"Déclaration du porte-parole. {FRENCH} La France appelle au dialogue."
    assert judge(statement["quote"], page, flags_of(statement, citations)).verdict == "verbatim"


def test_a_quote_that_is_a_translation_alone_stays_whole(tmp_path):
    statements = [COUNCIL, ("France", "Déclaration du porte-parole", "Paris, 19.05.2021",
                            f"(Unofficial translation: {ENGLISH})")]
    doc = _parsed(_letter(tmp_path, statements))
    assert doc.statements[1].quote == f"(Unofficial translation: {ENGLISH})"
    assert "translations" not in doc.metadata and doc.statements[1].flags == []
