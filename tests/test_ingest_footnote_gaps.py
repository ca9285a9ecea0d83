"""A footnote lost in extraction costs that footnote alone, and is said.

The broken letters are the seed letter with one footnote's line deleted, found by
its number after the footnote rule (not by a line number of the file).
"""

from __future__ import annotations

import json
import re

import pytest

import db as database
from crawler.cli import cli
from crawler.ingest.letter import RULE, parse_letter
from crawler.ingest.pages import split_pages
from tests.conftest import LETTER

TEXT = LETTER.read_text(encoding="utf-8")


def without_footnote(text: str, number: int) -> str:
    """The text with the line that starts footnote `number` deleted (the only such line after a rule)."""
    lines = text.split("\n")
    first_rule = next(i for i, line in enumerate(lines) if RULE.match(line))
    starts = [i for i, line in enumerate(lines) if i > first_rule and re.match(rf"^\s*{number}\s+\S", line)]
    assert len(starts) == 1, starts
    return "\n".join(lines[:starts[0]] + lines[starts[0] + 1:])


def parse(text: str, name: str = "letter.txt"):
    return parse_letter(split_pages(text), "sha", name)


def statement_row(statement) -> tuple:
    return (statement.seq, statement.section, statement.entity, statement.title, statement.place,
            statement.date, statement.footnote, statement.quote, statement.flags)


def citation_row(citation) -> tuple | None:
    return citation and (citation.seq, citation.kind, citation.url, citation.handle, citation.source_key)


@pytest.fixture(scope="module")
def full():
    return parse(TEXT)


@pytest.mark.parametrize("lost", [10, 12, 41, 42])   # 12 opens a page's footnotes; 42 is the last
def test_a_lost_footnote_costs_its_statement_only(full, lost):
    doc = parse(without_footnote(TEXT, lost))
    assert len(doc.statements) == 42
    for statement, whole in zip(doc.statements, full.statements):
        if statement.seq == lost:
            continue
        assert statement_row(statement) == statement_row(whole)
        assert citation_row(statement.citation) == citation_row(whole.citation)
    orphan = doc.statements[lost - 1]
    assert orphan.citation is None
    assert orphan.footnote == lost
    assert "footnote-missing" in orphan.flags
    assert statement_row(orphan)[:8] == statement_row(full.statements[lost - 1])[:8]
    found = "1–41" if lost == 42 else f"1–{lost - 1}, {lost + 1}–42" if lost < 41 else "1–40, 42"
    warning = f"footnote {lost} missing (lost in extraction?): found {found}; statement {lost} has no citation"
    if lost == 12:  # footnote 11's URL runs over two lines: it might hold lines of the lost 12
        warning += "; footnote 11 (before a lost one) runs over several lines and may hold the lost one's text: check the citation"
    assert doc.metadata["warnings"] == [warning]
    flagged = [c.seq for c in doc.citations if "may-hold-lost-footnote" in c.flags]
    assert flagged == ([11] if lost == 12 else [])


def test_the_lines_a_lost_footnote_leaves_behind_make_the_one_before_doubtful(full):
    """Footnote 17's first line lost, its second ("14.04.2020, https://...") is read as footnote 16's:
    16 now cites 17's URL, so its citation is flagged and the warning says to check it."""
    doc = parse(without_footnote(TEXT, 17))
    sixteen = doc.statements[15].citation
    assert sixteen.url == full.statements[16].citation.url
    assert "may-hold-lost-footnote" in sixteen.flags
    assert doc.metadata["warnings"] == [
        "footnote 17 missing (lost in extraction?): found 1–16, 18–42; statement 17 has no citation; "
        "footnote 16 (before a lost one) runs over several lines and may hold the lost one's text: check the citation"]
    assert [statement_row(s) for s in doc.statements if s.seq != 17] == [
        statement_row(s) for s in full.statements if s.seq != 17]


def test_the_whole_letter_warns_of_nothing(full):
    assert "warnings" not in full.metadata
    assert not any("footnote-missing" in s.flags for s in full.statements)
    assert [s.citation.seq for s in full.statements] == [s.footnote for s in full.statements] == list(range(1, 43))


def test_a_footnote_line_that_starts_with_a_number_stays_in_its_footnote(full):
    """"29 Foreign Affairs ..." inside footnote 27 is no footnote 29: footnote 28 is still to come."""
    line = "Foreign Affairs of the Republic of Azerbaijan, Baku, 23.04.2020."
    assert TEXT.count(line) == 1
    doc = parse(TEXT.replace(line, "29 " + line))
    assert [statement_row(s) for s in doc.statements] == [statement_row(s) for s in full.statements]
    assert [citation_row(s.citation) for s in doc.statements[27:]] == [citation_row(s.citation) for s in full.statements[27:]]
    assert "29 Foreign Affairs" in doc.statements[26].citation.printed
    assert "warnings" not in doc.metadata


def test_ingest_says_the_gap_and_stores_the_rest(runner, tmp_path):
    path = tmp_path / "un-missing10.txt"
    path.write_text(without_footnote(TEXT, 10), encoding="utf-8")
    db_path = tmp_path / "un10.db"
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    warning = (f"warning: {path}: footnote 10 missing (lost in extraction?): found 1–9, 11–42; "
               "statement 10 has no citation")
    assert [line for line in result.output.splitlines() if line.startswith("warning")] == [warning]

    db = database.open_db(db_path)
    assert db["citations"].count == 41
    metadata = json.loads(next(db["documents"].rows)["metadata"])
    assert metadata["warnings"] == [warning.split(f"{path}: ", 1)[1]]
    rows = db.execute("SELECT s.seq, s.footnote, s.entity, s.flags, c.seq FROM statements s"
                      " LEFT JOIN citations c ON c.statement_id = s.id ORDER BY s.seq").fetchall()
    assert rows[9] == (10, 10, "OSCE Parliamentary Assembly", '["footnote-missing"]', None)
    assert all(seq == footnote == cited for seq, footnote, _, _, cited in rows if seq != 10)
    assert rows[11][2] == "Organization of Islamic Cooperation (OIC)"
    assert rows[41][2] == "United States of America"


def test_a_footnote_line_extracted_twice_is_said(full):
    line = next(l for l in TEXT.split("\n") if re.match(r"^\s*9\s+https://www\.osce\.org/", l))
    doc = parse(TEXT.replace(line + "\n", line + "\n\n" + line + "\n", 1))
    assert doc.metadata["warnings"] == [
        "footnote 9 numbered twice in a row (page 5): the second is read as part of the first; check it"]
    assert [statement_row(s) for s in doc.statements] == [statement_row(s) for s in full.statements]
    assert [citation_row(s.citation) for s in doc.statements] == [citation_row(s.citation) for s in full.statements]
