"""A footnote lost in extraction costs that footnote alone, and is said.

The broken letters are the seed letter with one footnote's line deleted, found by
its number after the footnote rule (not by a line number of the file).  Footnotes
that run on over lines beginning with a number ("6 April 2020, https://...") are
the seed letter's, or the demo letter's, with a footnote's line rewritten so.
"""

from __future__ import annotations

import json
import re

import pytest

import db as database
from crawler.cli import cli
from crawler.demo import LETTER as DEMO_LETTER
from crawler.ingest.letter import parse_letter
from crawler.ingest.model import IngestError
from crawler.ingest.pages import split_pages
from crawler.ingest.take_apart import RULE
from tests.conftest import LETTER

TEXT = LETTER.read_text(encoding="utf-8")


def footnote_line(text: str, number: int) -> str:
    """The line that starts footnote `number` (the only such line after a rule)."""
    lines = text.split("\n")
    first_rule = next(i for i, line in enumerate(lines) if RULE.match(line))
    starts = [line for i, line in enumerate(lines) if i > first_rule and re.match(rf"^\s*{number}\s+\S", line)]
    assert len(starts) == 1, starts
    return starts[0]


def with_footnote(text: str, number: int, *lines: str) -> str:
    """The text with the line that starts footnote `number` replaced by `lines`, as extracted
    (an empty line between two)."""
    line = footnote_line(text, number)
    assert text.count(line + "\n") == 1
    return text.replace(line + "\n", "".join(f"{new}\n\n" for new in lines)[:-1])


def without_footnote(text: str, number: int) -> str:
    """The text with the line that starts footnote `number` deleted."""
    return with_footnote(text, number)


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


def further_urls(doc, footnote: int, part: str | None = None) -> list[str]:
    """The URLs footnote `footnote` (of `part`) prints besides its first: each a citation of the
    statement citing that footnote, named by it (`footnote`), its seq after every footnote's."""
    firsts = {}
    for c in sorted(doc.citations, key=lambda c: c.seq):
        firsts.setdefault((c.part, c.footnote), c)
    own = firsts[(part, footnote)]
    further = sorted((c for c in doc.citations if (c.part, c.footnote) == (part, footnote) and c is not own),
                     key=lambda c: c.seq)
    assert all(c.seq > max(f.seq for f in firsts.values()) for c in further)
    assert all(any(own in s.citations and c in s.citations for s in doc.statements) for c in further)
    return [c.url for c in further]


def assert_same_but(doc, full, footnote: int, warnings: list[str] | None = None) -> None:
    """Every statement as in the whole letter, every citation too but footnote `footnote`'s; no
    warning but `warnings`."""
    assert doc.metadata.get("warnings") == warnings
    assert [statement_row(s) for s in doc.statements] == [statement_row(s) for s in full.statements]
    assert [citation_row(s.citation) for s in doc.statements if s.seq != footnote] == [
        citation_row(s.citation) for s in full.statements if s.seq != footnote]


def test_dated_lines_of_the_last_footnote_are_no_second_document(full):
    """Footnote 42 runs on over "6 April 2020, ..." and "7 April 2020, ...": numbers below 43
    continue it; numbering starts again only with a run 1, 2, 3."""
    doc = parse(with_footnote(TEXT, 42, " 42 Statements by the U.S. Department of State to the Azertac News Agency:",
                              "6 April 2020, https://azertag.az/en/xeber/1", "7 April 2020, https://azertag.az/en/xeber/2"))
    assert_same_but(doc, full, 42)
    assert further_urls(doc, 42) == ["https://azertag.az/en/xeber/2"]
    last = doc.statements[41].citation
    assert (last.seq, last.url) == (42, "https://azertag.az/en/xeber/1")
    assert "7 April 2020, https://azertag.az/en/xeber/2" in last.printed


def test_dated_lines_inside_a_footnote_are_not_footnotes(full):
    """Footnote 9 lists four dated sources, 14 to 17 April: more numbered lines than are read
    ahead, the expected 10 among none of them; a date is no footnote number."""
    days = [f"{day} April 2020, https://www.osce.org/minsk-group/4494{day - 4}." for day in range(14, 18)]
    doc = parse(with_footnote(TEXT, 9, " 9 Statements of the OSCE Minsk Group Co-Chairs:", *days))
    urls = [day.split(", ")[1].rstrip(".") for day in days]
    assert_same_but(doc, full, 9)
    assert further_urls(doc, 9) == urls[1:]
    nine = doc.statements[8].citation
    assert (nine.seq, nine.url) == (9, full.statements[8].citation.url)
    assert all(day in nine.printed for day in days)


def test_a_dated_line_numbered_as_the_next_footnote_stays_in_its_footnote(full):
    """"10 April 2020, ..." inside footnote 9 is no footnote 10: a footnote 10 is still to come."""
    doc = parse(with_footnote(TEXT, 9, " 9 Statements of the OSCE Minsk Group Co-Chairs:",
                              "10 April 2020, https://www.osce.org/minsk-group/449410."))
    assert_same_but(doc, full, 9)
    assert "10 April 2020" in doc.statements[8].citation.printed


def test_a_dated_line_after_a_lost_footnote_is_not_the_next_one(full):
    """Footnote 7 lost, footnote 6 running on over "8 April 2020, ...": footnote 8 is the
    line numbered 8 still to come, and statement 8 gets its citation, not footnote 6's URL."""
    text = with_footnote(TEXT, 6, " 6 Statement of the Ministry of Foreign Affairs of Albania,",
                         "8 April 2020, " + footnote_line(TEXT, 6).split()[1])
    doc = parse(without_footnote(text, 7))
    assert [statement_row(s) for s in doc.statements if s.seq != 7] == [
        statement_row(s) for s in full.statements if s.seq != 7]
    assert [citation_row(s.citation) for s in doc.statements if s.seq not in (6, 7)] == [
        citation_row(s.citation) for s in full.statements if s.seq not in (6, 7)]
    six = doc.statements[5].citation
    assert (six.seq, six.url) == (6, full.statements[5].citation.url)
    assert "footnote-missing" in doc.statements[6].flags
    assert further_urls(doc, 6) == ["https://www.facebook.com/JamesAppathurai/"]   # the lost one's, run on
    assert doc.metadata["warnings"] == [   # footnote 6 runs on over the lost one's last line
        "footnote 7 missing (lost in extraction?): found 1–6, 8–42; statement 7 has no citation; "
        "footnote 6 (before a lost one) runs over several lines and may hold the lost one's text: check the citation"]


def test_a_footnote_running_on_over_its_own_number_as_a_date_is_not_numbered_twice(full):
    """Footnote 17 runs on over "17 April 2020," (a day that is its own number): no warning."""
    first = footnote_line(TEXT, 17)
    doc = parse(with_footnote(TEXT, 17, first.replace(", 14.04.2020,", " of").rstrip(), "17 April 2020,"))
    assert_same_but(doc, full, 17)
    assert "of 17 April 2020," in doc.statements[16].citation.printed


@pytest.mark.parametrize("run_on", ["31 March 2020, {handle}", "31 posts, {handle}"])
def test_a_number_ending_a_covering_letter_line_is_no_footnote_mark(run_on):
    """The demo letter (13 footnotes) wrapped after "held on 31", its last footnote running on
    over a line that begins with 31: only a statement's mark makes a footnote past a gap."""
    text = DEMO_LETTER.read_text(encoding="utf-8").format_map({"main": "http://127.0.0.1:9"})
    whole = parse(text)
    lines = text.split("\n")
    held = next(i for i, line in enumerate(lines) if "held on 31 March 2020" in line)
    before = max(i for i in range(held) if lines[i].strip())
    head, tail = lines[held].split(" 31 ", 1)
    lines[before], lines[held] = f"{lines[before].rstrip()} {head.strip()} 31 ", tail
    text = "\n".join(lines)
    described, handle = footnote_line(text, 13).rstrip().rsplit(" ", 1)
    doc = parse(with_footnote(text, 13, f"{described} post of", run_on.format(handle=handle)))
    assert "warnings" not in doc.metadata
    assert [statement_row(s) for s in doc.statements] == [statement_row(s) for s in whole.statements]
    assert [citation_row(s.citation) for s in doc.statements] == [citation_row(s.citation) for s in whole.statements]
    last = doc.statements[-1].citation
    assert (last.seq, last.kind, last.handle) == (13, "twitter", "@CanEmbTurkey")
    assert last.printed.endswith(run_on.format(handle=handle))


def test_documents_joined_are_refused_when_the_second_one_lost_its_first_footnote():
    """A run 2, 3, 4 below the number expected is numbering that starts again, as a run 1, 2, 3 is."""
    with pytest.raises(IngestError, match=r"^letter\.txt: footnote numbering starts again at 2 on page 17, "
                                          r"after footnote 42: several documents joined into one\?"):
        parse(TEXT + without_footnote(TEXT, 1))


@pytest.mark.parametrize("seq, marked", [
    (2, "  Statement by the Directorate of Communications of the Council of Europe 2 \n"),
    (9, "  Press Statement by the Co-Chairs of the OSCE Minsk Group9 \n"),
    (13, "  Statement by the Parliamentary Assembly of Turkic-speaking Countries13 \n"),
])
def test_a_title_whose_mark_is_lost_keeps_its_entity_and_is_said(full, seq, marked):
    """The title's footnote mark lost in extraction: the title under its entity's name is still
    the statement's title, with that entity (not the statement before's, whose quote took the
    entity and title in); its footnote, cited by no statement, is not guessed: said."""
    assert TEXT.count(marked) == 1
    doc = parse(TEXT.replace(marked, re.sub(rf"\s*{seq} \n$", " \n", marked)))
    assert [statement_row(s) for s in doc.statements if s.seq != seq] == [
        statement_row(s) for s in full.statements if s.seq != seq]
    assert [citation_row(s.citation) for s in doc.statements if s.seq != seq] == [
        citation_row(s.citation) for s in full.statements if s.seq != seq]
    orphan, whole = doc.statements[seq - 1], full.statements[seq - 1]
    assert statement_row(orphan)[:6] == statement_row(whole)[:6]
    assert (orphan.footnote, orphan.citation, orphan.quote) == (None, None, whole.quote)
    assert "footnote-missing" in orphan.flags
    assert doc.metadata["warnings"] == [
        f"statement {seq} carries no footnote mark, though footnote {seq}, between the marks of the statements before "
        "and after, is cited by no statement (a mark lost in extraction?): no citation; check its title"]


def test_a_quote_ending_in_a_name_and_a_kind_of_text_keeps_them_before_a_statement_marked_at_its_end():
    """Osterlich's first quote ends with its sign-off ("Federal Ministry ..." over "Press Office
    ..."), and its second statement has no title, its mark 5 ending its quote (as the OSCE
    PA's): no mark is lost, so the sign-off is no title whose mark was lost: the quote keeps
    it, and the second statement keeps Osterlich as its entity, citing footnote 5."""
    from tests.test_ingest_synthetic import GAP, PAGES, letter_text
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ")
    lines[at + 1:at + 1] = [GAP, " Federal Ministry for European and International Affairs ", GAP,
                            " Press Office of the Federal Ministry "]
    title = lines.index("  Statement by the Ministry of Foreign Affairs of Osterlich5 ")
    del lines[title:title + 2]
    quote = lines.index(" Osterlich reaffirms its posi tion on the Freedonia-Sylvania conflict. ")
    lines[quote] = lines[quote].rstrip() + "5 "
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "once.txt")
    first, second = doc.statements[2:4]
    assert first.quote == ("Osterlich does not recognize the referendum.\n"
                           "Federal Ministry for European and International Affairs\nPress Office of the Federal Ministry")
    assert (second.entity, second.title, second.footnote, second.citation.url) == (
        "Republic of Osterlich", None, 5, "http://www.bmeia.example.at/presse/aussendungen/2021/02/stellungnahme-sylvania/")
    assert "warnings" not in doc.metadata
