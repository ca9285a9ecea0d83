"""A letter whose footnotes are numbered anew in each annex (crawler/ingest/parts.py).

Made up, in the shape of tests/test_ingest_synthetic.py (as a text layer and as a PDF): a covering letter with no
footnote, annex I (footnotes 1-2), annex II (footnotes 1-3, over two pages) and annex III
(footnote 1 alone, a tweet: no run 1, 2, 3 tells that numbering starts again, only the
heading).  Annex II opens with the same entity and title as annex I, citing another page:
each statement must get the footnote of its number in its own annex, and every stage
must name a footnote as printed, with its annex ("1 of Annex II").
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

import db as database
from crawler import history, report, report_data, social
from crawler.cli import cli
from crawler.ingest.letter import parse_letter
from crawler.ingest.model import IngestError
from crawler.ingest.pages import split_pages
from crawler.ingest.pdf import read_pdf
from crawler.reconcile import citation_label, citations_of, compilation_check, summary_rows
from crawler.verdicts import THRESHOLDS, judge
from tests.test_ingest_footnote_gaps import further_urls
from tests.test_ingest_synthetic import GAP, letter_pdf, letter_text
from tests.test_ingest_synthetic import PAGES as NUMBERED_ONCE

LEAGUE = "Statement by the Secretary-General of the League of Coastal States"


def page(number: int, *lines: str) -> list[str]:
    return ["A/75/999 ", "S/2021/77 ", GAP, f"21-04567 {number}/5 ", GAP, *lines]


PAGES = [
    ([
        "   Letter dated 2 March 2021 from the Permanent Representative of ",
        "Freedonia to the United Nations addressed to the Secretary-General ",
        GAP,
        " I have the honour to transmit the statements on the so-called referendum (see annexes). ",
        GAP,
        "(Signed) Rufus T. Firefly ",
        GAP,
        "21-04567 (E)    030321 ",
    ], []),
    (page(2,
        "Annex I ",
        GAP,
        "  Statements of international organizations ",
        GAP,
        "  League of Coastal States ",
        GAP,
        f"  {LEAGUE}1 ",
        GAP,
        "Valletta, 05.02.2021 ",
        " The League considers the so-called referendum illegitimate. ",
        GAP,
        "  Kingdom of Marsovia ",
        GAP,
        "  Statement by the Ministry of Foreign Affairs of Marsovia2 ",
        GAP,
        "Marsovia City, 07.02.2021 ",
        " Marsovia does not recognize the referendum. ",
        "__________________ ",
        " 1 https://coastal-league.example.org/news/first-statement.html ",
        " 2 https://mfa.marsovia.example.org/news/referendum.html ",
    ), []),
    (page(3,
        "Annex II ",
        GAP,
        "  Statements of the League and of States after the vote ",
        GAP,
        "  League of Coastal States ",
        GAP,
        f"  {LEAGUE}1 ",
        GAP,
        "Valletta, 12.02.2021 ",
        " The League reaffirms that the so-called referendum is illegitimate. ",
        GAP,
        "  Republic of Osterlich ",
        GAP,
        "  Statement by the Embassy of Osterlich in Freedonia2 ",
        GAP,
        "Fredville, 13.02.2021 ",
        " Osterlich does not recognize the outcome. ",
        "__________________ ",
        " 1 https://coastal-league.example.org/news/second-statement.html ",
        " 2 https://osterlich-embassy.example.org/news/outcome.html ",
    ), []),
    (page(4,
        "  Tomainia ",
        GAP,
        "  Statement by the Foreign Office of Tomainia3 ",
        GAP,
        "Tomainia City, 14.02.2021 ",
        " Tomainia stands with Freedonia. ",
        "__________________ ",
        " 3 https://fo.tomainia.example.org/news/freedonia.html ",
    ), []),
    (page(5,
        "Annex III to the letter dated 2 March 2021 from the Permanent Representative of Freedonia ",
        GAP,
        "  Kingdom of Marsovia ",
        GAP,
        "  Statement by the Ministry of Foreign Affairs of Marsovia1 ",
        GAP,
        "Marsovia City, 20.02.2021 ",
        " Marsovia calls for talks. ",
        "__________________ ",
        " 1 https://twitter.com/MarsoviaMFA/status/1362000000000000000 ",
    ), []),
]

# (part, printed footnote, citation seq, the URL it cites) per statement, in order
EXPECTED = [
    ("Annex I", 1, 1, "https://coastal-league.example.org/news/first-statement.html"),
    ("Annex I", 2, 2, "https://mfa.marsovia.example.org/news/referendum.html"),
    ("Annex II", 1, 3, "https://coastal-league.example.org/news/second-statement.html"),
    ("Annex II", 2, 4, "https://osterlich-embassy.example.org/news/outcome.html"),
    ("Annex II", 3, 5, "https://fo.tomainia.example.org/news/freedonia.html"),
    ("Annex III", 1, 6, "https://twitter.com/MarsoviaMFA/status/1362000000000000000"),
]


def text(pages=PAGES) -> str:
    return letter_text(pages)


def parse(pages=PAGES):
    return parse_letter(split_pages(text(pages)), "sha", "annexes.txt")


def edited(at: int, old: str, new: str) -> list:
    """The pages with line `old` of page `at` (0-based) written `new`."""
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[at][0]
    lines[lines.index(old)] = new
    return pages


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_each_statement_cites_the_footnote_of_its_number_in_its_own_annex(render):
    doc = parse() if render == "text" else parse_letter(read_pdf(letter_pdf(PAGES)), "sha", "annexes.pdf")
    got = [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements]
    assert got == EXPECTED
    assert [s.citation.part for s in doc.statements] == [row[0] for row in EXPECTED]
    same = [(s.entity, s.title) for s in doc.statements if s.footnote == 1 and s.part != "Annex III"]
    assert same == [("League of Coastal States", LEAGUE)] * 2
    # an annex heading and the annex's title after it end the quote before
    assert doc.statements[1].quote == "Marsovia does not recognize the referendum."
    assert doc.statements[4].quote == "Tomainia stands with Freedonia."
    assert "warnings" not in doc.metadata


def test_a_lost_footnote_is_said_in_its_annex():
    doc = parse(edited(2, " 2 https://osterlich-embassy.example.org/news/outcome.html ", GAP))
    orphan = doc.statements[3]
    assert (orphan.part, orphan.footnote, orphan.citation) == ("Annex II", 2, None)
    assert "footnote-missing" in orphan.flags
    assert doc.metadata["warnings"] == [
        "footnote 2 of Annex II missing (lost in extraction?): found 1–2 of Annex I and 1, 3 of Annex II "
        "and 1 of Annex III; statement 4 has no citation"]
    assert [(s.part, s.footnote, s.citation.url) for s in doc.statements if s.citation] == [
        (part, number, url) for part, number, _, url in EXPECTED if (part, number) != ("Annex II", 2)]


def letter_footnoted() -> list:
    """The pages with a footnote 1 on the covering letter, annex I going on from it (2, 3)."""
    pages = [(list(lines), links) for lines, links in PAGES]
    letter, annex_one = pages[0][0], pages[1][0]
    at = letter.index("(Signed) Rufus T. Firefly ")
    letter[at - 2] = letter[at - 2].rstrip() + "1 "
    letter[at + 1:at + 1] = [GAP, "__________________ ", " 1 See A/75/100. "]
    for old, new in ((f"  {LEAGUE}1 ", f"  {LEAGUE}2 "),
                     ("  Statement by the Ministry of Foreign Affairs of Marsovia2 ",
                      "  Statement by the Ministry of Foreign Affairs of Marsovia3 "),
                     (" 2 https://mfa.marsovia.example.org/news/referendum.html ",
                      " 3 https://mfa.marsovia.example.org/news/referendum.html "),
                     (" 1 https://coastal-league.example.org/news/first-statement.html ",
                      " 2 https://coastal-league.example.org/news/first-statement.html ")):
        annex_one[annex_one.index(old)] = new
    return pages


def test_numbering_begun_before_any_annex_heading_goes_on_in_annex_i_named_as_printed():
    """The letter's footnote 1 and annex I's 2, 3 are one numbering, begun before any annex
    heading (the letter's footnote has no part); annex II's numbering starts again at its
    heading, so annex I's footnotes are named by their annex, "2 of Annex I"."""
    doc = parse(letter_footnoted())
    got = [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements]
    assert got == [("Annex I", 2, 2, EXPECTED[0][3]), ("Annex I", 3, 3, EXPECTED[1][3])] + [
        (part, number, seq + 1, url) for part, number, seq, url in EXPECTED[2:]]
    assert "warnings" not in doc.metadata


REFUSED = (r"^annexes\.txt: footnote numbering starts again at 1 on page 3, after footnote 3: several documents "
           r"joined into one\? ingest each document on its own \(numbering may start again only at an annex "
           r"heading, \"Annex II\"\)$")


def test_numbering_that_starts_again_within_an_annex_is_refused():
    """Without the "Annex II" heading, footnotes 1-3 from page 3 on start again inside annex I;
    the "Annex I" heading before (page 2) opened no part, its first statement being marked 2."""
    pages = letter_footnoted()
    pages[2][0][pages[2][0].index("Annex II ")] = "Part two "
    with pytest.raises(IngestError, match=REFUSED):
        parse(pages)


def test_numbering_that_starts_again_before_its_annex_heading_is_refused():
    """The "Annex II" heading printed on page 4, after the page whose footnotes start again."""
    pages = letter_footnoted()
    pages[2][0][pages[2][0].index("Annex II ")] = "Part two "
    pages[3][0][pages[3][0].index("  Tomainia "):0] = ["Annex II ", GAP]
    with pytest.raises(IngestError, match=REFUSED):
        parse(pages)


def test_a_lone_1_with_no_annex_heading_is_no_footnote_of_another_annex():
    """Without annex III's heading, a lone "1" after footnote 3 of annex II (no run 1, 2, 3,
    no heading) is footnote 3's text, as in a letter numbered once: the last statement,
    in annex II, is not paired with annex II's footnote 1, and its mark is said lost."""
    doc = parse(edited(4, "Annex III to the letter dated 2 March 2021 from the Permanent Representative of "
                          "Freedonia ", "Part three "))
    last = doc.statements[-1]
    assert (last.part, last.footnote, last.citation, last.flags) == ("Annex II", None, None, ["footnote-missing"])
    # annex III's footnote 1, read as footnote 3's text, is its second URL, cited too
    assert further_urls(doc, 3, "Annex II") == ["https://twitter.com/MarsoviaMFA/status/1362000000000000000"]
    assert doc.metadata["warnings"] == [
        "statement 6 after the last footnote found (3 of Annex II) carries no footnote mark, though every statement "
        "before carries one (the last footnotes lost in extraction?): no citation; check the end of the document"]


@pytest.fixture
def runner():
    return CliRunner()


def _ingest(runner, db_path, path, *args):
    return runner.invoke(cli, ["ingest", str(path), "--db", str(db_path), *args], catch_exceptions=False)


def _rows(db_path) -> tuple[list, list]:
    with sqlite3.connect(db_path) as db:
        statements = db.execute("SELECT id, seq, part, footnote, entity FROM statements ORDER BY seq").fetchall()
        citations = db.execute("SELECT c.statement_id, c.seq, c.part, c.url FROM citations c ORDER BY c.seq").fetchall()
    return statements, citations


def test_ingest_stores_each_annex_footnote_apart_and_replace_keeps_them_apart(runner, tmp_path):
    db_path, path = tmp_path / "cw.db", tmp_path / "annexes.txt"
    path.write_text(text(), encoding="utf-8")
    first = _ingest(runner, db_path, path, "--json")
    assert first.exit_code == 0, first.output
    statements, citations = _rows(db_path)
    assert [(part, footnote) for _, _, part, footnote, _ in statements] == [row[:2] for row in EXPECTED]
    assert [(seq, part, url) for _, seq, part, url in citations] == [(row[2], row[0], row[3]) for row in EXPECTED]
    assert [statement_id for statement_id, *_ in citations] == [statement_id for statement_id, *_ in statements]
    assert _ingest(runner, db_path, path).exit_code == 0
    assert _rows(db_path) == (statements, citations)          # the same bytes change nothing

    changed = "https://coastal-league.example.org/news/second-statement-corrected.html"
    path.write_text(text(edited(2, " 1 https://coastal-league.example.org/news/second-statement.html ",
                                f" 1 {changed} ")), encoding="utf-8")
    replaced = _ingest(runner, db_path, path, "--replace")
    assert replaced.exit_code == 0, replaced.output
    after, cited = _rows(db_path)
    assert after == statements                                 # every statement keeps its id, part and number
    assert [url for *_, url in cited] == [row[3] if row[:2] != ("Annex II", 1) else changed for row in EXPECTED]
    assert cited[0] == citations[0]                            # annex I's footnote 1 untouched


def test_ingest_json_names_the_parts(runner, tmp_path):
    db_path, path = tmp_path / "cw.db", tmp_path / "annexes.txt"
    path.write_text(text(), encoding="utf-8")
    result = _ingest(runner, db_path, path, "--json")
    parsed = json.loads(result.output)
    assert [(s["part"], s["footnote"]) for s in parsed["statements"]] == [row[:2] for row in EXPECTED]
    assert [(c["part"], c["seq"]) for c in parsed["citations"]] == [(row[0], row[2]) for row in EXPECTED]


def test_every_stage_names_a_footnote_with_its_annex(runner, tmp_path):
    """The report's tables, reconcile's reasons and table, the resolve stage's rows and a
    verdict change name annex II's footnote 1 "1 of Annex II", not its place in the document."""
    db_path, path = tmp_path / "cw.db", tmp_path / "annexes.txt"
    path.write_text(text(), encoding="utf-8")
    assert _ingest(runner, db_path, path).exit_code == 0
    names = [f"{number} of {part}" for part, number, _, _ in EXPECTED]
    db = database.open_db(db_path)
    ids = [row[0] for row in db.execute("SELECT id FROM statements ORDER BY seq")]
    assert [citation_label(c) for i in ids for c in citations_of(db, i)] == [f"footnote {n}" for n in names]

    data = report_data.build(db)
    assert [f["footnote"] for f in data["documents"][0]["footnotes"]] == names
    rows = list(csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv"))))
    assert [r["footnote"] for r in rows] == names
    markdown = report.render(report_data.build(db), "md")
    assert [line.split(" | ")[0] for line in markdown.splitlines() if " | League of Coastal States, " in line] == [
        "| 1 of Annex I", "| 1 of Annex II"]
    html = report.render(report_data.build(db), "html")
    assert all(f'">{name}</td>' in html for name in names)

    assert [row["seq"] for row in social.due(db)] == ["1 of Annex III"]
    db.execute("INSERT INTO quote_checks (statement_id, scope, verdict, score, reason, checked_at)"
               " VALUES (?, 'overall', 'verbatim', 100, 'found', '2026-01-01T00:00:00+00:00')", [ids[2]])
    assert [row[1] for row in summary_rows(db)] == ["1 of Annex II"]
    changes = history.changes_between(db, {"sources": {}, "verdicts": {str(ids[2]): "unverifiable"}},
                                      {"sources": {}, "verdicts": {str(ids[2]): "verbatim"}})
    assert [(c["entity"], c["footnote"]) for c in changes["verdict_changed"]] == [
        ("League of Coastal States", "1 of Annex II")]


@pytest.mark.parametrize("label", ["Annex I ", "Annex  I "])
def test_numbering_that_starts_again_at_a_part_named_again_is_refused(label):
    """Annex III's heading written as a part already read ("Annex I" of a second document
    joined after the first's annexes, however spaced): its footnote 1 and
    annex I's would be one (part, number), and annex I's first statement was
    paired with annex III's tweet."""
    pages = edited(4, "Annex III to the letter dated 2 March 2021 from the Permanent Representative of "
                      "Freedonia ", label)
    named = " ".join(label.split())
    with pytest.raises(IngestError, match=rf"^annexes\.txt: footnote numbering starts again at a second '{named}' "
                                          r"heading on page 5: several documents joined into one\? ingest each "
                                          r"document on its own$"):
        parse(pages)


UNOPENED = (r"^annexes\.txt: the statements after the 'Annex II' heading \(page 3\) are marked from 1, but no "
            r"footnote 1 starts there \(lost in extraction\?\): which footnote each statement cites cannot be "
            r"told; check the document's footnotes there$")


@pytest.mark.parametrize("covering", [False, True], ids=["annex I from 1", "annex I going on from the letter's 1"])
def test_an_annex_whose_first_footnote_is_lost_is_refused(covering):
    """Annex II's footnote 1 lost: its 2 and 3 were read as annex I's (annex I going on from
    the covering letter's footnote 1: as a restart at the 'Annex I' heading, which its 2
    had passed, pairing annex I's statements with Osterlich's and Tomainia's pages), and
    annex III's 1 as annex II's (pairing annex II's first statement with annex III's tweet),
    or annex II's statements named "of Annex I".  The heading passed without its restart
    says the annex's first footnote is lost: refused, not guessed."""
    pages = letter_footnoted() if covering else [(list(lines), links) for lines, links in PAGES]
    pages[2][0][pages[2][0].index(" 1 https://coastal-league.example.org/news/second-statement.html ")] = GAP
    with pytest.raises(IngestError, match=UNOPENED):
        parse(pages)


@pytest.mark.parametrize("gap, what", [([], "the Minsk agreements"), ([GAP], "the Minsk agreements"),
                                       ([], "the letter of its Minister")],
                         ids=["wrapped", "new paragraph", "wrapped, to the letter"])
def test_a_quote_line_beginning_annex_ii_is_no_annex_heading(gap, what):
    """In a letter numbered once, a quote line (wrapped, or a paragraph of its own) that
    begins "Annex II to the Minsk agreements" is quote text, not a heading that ends the
    quote (it was cut at "contrary to"); so is a wrapped one as a heading reads ("Annex II
    to the letter ..."), no heading without a gap before it."""
    pages = [(list(lines), links) for lines, links in NUMBERED_ONCE]
    lines = pages[2][0]
    at = lines.index(" Osterlich does not recognize the referendum. ")
    lines[at:at + 1] = [" Osterlich does not recognize the referendum, contrary to ", *gap,
                        f"Annex II to {what}, and it calls for talks. "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "once.txt")
    osterlich = [s for s in doc.statements if s.footnote == 4]
    assert [s.quote for s in osterlich] == [
        f"Osterlich does not recognize the referendum, contrary to{chr(10) if gap else ' '}Annex II to {what}, and it "
        "calls for talks."]
    assert [s.part for s in doc.statements] == [None] * len(doc.statements)


def test_two_annex_headings_on_one_page_each_begin_their_part():
    """Annex I ends and annex II begins on one page, both numbered from 1: each footnote 1
    passes its own heading, in order."""
    pages = [(list(lines), links) for lines, links in PAGES]
    first, second = pages[1][0], pages[2][0]
    rule = first.index("__________________ ")
    body = first[:rule] + [GAP] + second[second.index("Annex II "):second.index("__________________ ")]
    pages[1:3] = [(body + first[rule:] + second[second.index("__________________ ") + 1:], [])]
    pages[2] = ([line.replace("4/5", "3/5") for line in pages[2][0]], [])
    doc = parse(pages)
    assert [(s.part, s.footnote, s.citation.url) for s in doc.statements] == [
        (part, number, url) for part, number, _, url in EXPECTED]
    assert "warnings" not in doc.metadata


def test_a_compilation_check_names_the_other_statement_s_footnote_with_its_annex(runner, tmp_path):
    """reconcile's compilation check against annex II's first statement names its footnote
    "1 of Annex II" in evidence.compared_with (the report's JSON), not a bare 1, which
    annex I's first statement has too."""
    db_path, path = tmp_path / "cw.db", tmp_path / "annexes.txt"
    path.write_text(text(), encoding="utf-8")
    assert _ingest(runner, db_path, path).exit_code == 0
    db = database.open_db(db_path)
    statements = [dict(row) for row in db.query("SELECT * FROM statements ORDER BY seq")]
    verdict = judge(statements[2]["quote"], statements[2]["quote"], (), THRESHOLDS)
    check = compilation_check(statements[2], verdict, True)
    assert check.evidence["compared_with"]["footnote"] == "1 of Annex II"


def test_the_report_names_a_lost_footnote_with_its_annex(runner, tmp_path):
    """Annex II's footnote 2 lost: the report's row of its statement, which has no citation
    (no seq), names the footnote its mark calls for, "2 of Annex II"."""
    db_path, path = tmp_path / "cw.db", tmp_path / "annexes.txt"
    path.write_text(text(edited(2, " 2 https://osterlich-embassy.example.org/news/outcome.html ", GAP)),
                    encoding="utf-8")
    assert _ingest(runner, db_path, path).exit_code == 0
    db = database.open_db(db_path)
    rows = report_data.build(db)["documents"][0]["footnotes"]
    assert [(f["seq"], f["footnote"]) for f in rows if f["citation_id"] is None] == [(None, "2 of Annex II")]
    csv_rows = list(csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv"))))
    assert [r["footnote"] for r in csv_rows][-1] == "2 of Annex II"


def test_a_title_ending_in_a_number_after_an_annex_heading_starts_nothing():
    """Numbered once (annex II goes on 3, 4, 5, annex III 6), annex II's first statement
    titled "... on Protocol 1" with its mark 3 ending its quote: the title's 1 before marks
    4, 5 is no restart whose footnote 1 was lost; the letter is read, not refused."""
    pages = [(list(lines), links) for lines, links in PAGES]
    renumbered = {f"  {LEAGUE}1 ": "  Statement by the League on Protocol 1 ",
                  " The League reaffirms that the so-called referendum is illegitimate. ":
                      " The League reaffirms that the so-called referendum is illegitimate.3 ",
                  "  Statement by the Embassy of Osterlich in Freedonia2 ":
                      "  Statement by the Embassy of Osterlich in Freedonia4 ",
                  " 1 https://coastal-league.example.org/news/second-statement.html ":
                      " 3 https://coastal-league.example.org/news/second-statement.html ",
                  " 2 https://osterlich-embassy.example.org/news/outcome.html ":
                      " 4 https://osterlich-embassy.example.org/news/outcome.html ",
                  "  Statement by the Foreign Office of Tomainia3 ": "  Statement by the Foreign Office of Tomainia5 ",
                  " 3 https://fo.tomainia.example.org/news/freedonia.html ":
                      " 5 https://fo.tomainia.example.org/news/freedonia.html ",
                  "  Statement by the Ministry of Foreign Affairs of Marsovia1 ":
                      "  Statement by the Ministry of Foreign Affairs of Marsovia6 ",
                  " 1 https://twitter.com/MarsoviaMFA/status/1362000000000000000 ":
                      " 6 https://twitter.com/MarsoviaMFA/status/1362000000000000000 "}
    for lines, _ in pages[2:]:
        lines[:] = [renumbered.get(line, line) for line in lines]
    doc = parse(pages)
    assert [(s.part, s.footnote, s.citation.url) for s in doc.statements] == [
        (None, number, url) for number, (*_, url) in enumerate(EXPECTED, 1)]


def renumbered(pages: list, numbers: dict[str, int]) -> list:
    """The pages with the footnotes (marks and lines) that cite these URLs' pages numbered anew."""
    marks = {url: next(line for lines, _ in pages for line in lines if line.strip().endswith(url)).split()[0]
             for url in numbers}
    marsovia = "  Statement by the Ministry of Foreign Affairs of Marsovia"
    titles = {"first-statement": f"  {LEAGUE}", "referendum": marsovia,
              "second-statement": f"  {LEAGUE}", "outcome": "  Statement by the Embassy of Osterlich in Freedonia",
              "freedonia": "  Statement by the Foreign Office of Tomainia",
              "1362000000000000000": marsovia}
    pages = [(list(lines), links) for lines, links in pages]
    for url, number in numbers.items():
        title = next(title for key, title in titles.items() if key in url)
        for lines, _ in pages:
            # the footnote's line, then its mark: the title on the footnote's page, above the rule
            if f" {marks[url]} {url} " in lines:
                lines[lines.index(f" {marks[url]} {url} ")] = f" {number} {url} "
                lines[lines.index(f"{title}{marks[url]} ")] = f"{title}{number} "
    return pages


URLS = [url for *_, url in EXPECTED]


def test_annexes_numbered_once_across_the_document_have_no_part():
    """Annex II goes on from annex I (3, 4, 5), annex III from annex II (6): a document numbered
    once, whose footnotes are named by their number alone, as printed."""
    doc = parse(renumbered(PAGES, dict(zip(URLS, range(1, 7)))))
    assert [(s.part, s.footnote, s.citation.seq, s.citation.part, s.citation.url) for s in doc.statements] == [
        (None, seq, seq, None, url) for seq, url in enumerate(URLS, 1)]
    assert "warnings" not in doc.metadata


@pytest.mark.parametrize("numbers, parts", [
    ([1, 2, 1, 2, 3, 4], ["Annex I"] * 2 + ["Annex II"] * 3 + ["Annex III"]),
    ([1, 2, 3, 4, 5, 1], ["Annex I"] * 2 + ["Annex II"] * 3 + ["Annex III"]),
], ids=["annex III going on from annex II", "annex II going on from annex I"])
def test_an_annex_whose_numbering_goes_on_from_the_one_before_is_named_as_printed(numbers, parts):
    """Numbering starts again at one annex heading and goes on past another: each footnote is
    named by the annex it is printed in ("4 of Annex III", where annex III's first footnote is
    4, after annex II's 1-3), not by the one its numbering began in ("4 of Annex II", which
    a reader finds nowhere in annex II); seq is still its place in the document."""
    doc = parse(renumbered(PAGES, dict(zip(URLS, numbers))))
    assert [(s.part, s.footnote, s.citation.seq, s.citation.part, s.citation.url) for s in doc.statements] == [
        (part, number, seq, part, url) for seq, (part, number, url) in enumerate(zip(parts, numbers, URLS), 1)]
    assert "warnings" not in doc.metadata


def test_a_footnote_lost_before_an_annex_numbered_on_is_said_in_the_annex_it_was_in():
    """Annex II's footnote 3 (Tomainia's) lost, annex III going on at 4: footnote 3 of annex II
    is said missing, not 1-3 of annex III."""
    pages = renumbered(PAGES, dict(zip(URLS, [1, 2, 1, 2, 3, 4])))
    pages[3][0][pages[3][0].index(" 3 https://fo.tomainia.example.org/news/freedonia.html ")] = GAP
    doc = parse(pages)
    assert [(s.part, s.footnote, s.citation and s.citation.seq) for s in doc.statements] == [
        ("Annex I", 1, 1), ("Annex I", 2, 2), ("Annex II", 1, 3), ("Annex II", 2, 4), ("Annex II", 3, None),
        ("Annex III", 4, 6)]
    assert doc.metadata["warnings"] == [
        "footnote 3 of Annex II missing (lost in extraction?): found 1–2 of Annex I and 1–2 of Annex II and 4 of "
        "Annex III; statement 5 has no citation"]


def test_numbering_that_starts_again_at_a_part_named_again_after_going_on_is_refused():
    """Annex II going on from annex I (3-5), then numbering starting again at a second "Annex II"
    heading: annex II's "3 of Annex II" and the second one's "1 of Annex II" would be two
    annexes of one name: documents joined, refused."""
    pages = renumbered(PAGES, dict(zip(URLS, [1, 2, 3, 4, 5, 1])))
    lines = pages[4][0]
    lines[lines.index("Annex III to the letter dated 2 March 2021 from the Permanent Representative of Freedonia ")] = \
        "Annex II "
    with pytest.raises(IngestError, match=r"^annexes\.txt: footnote numbering starts again at a second 'Annex II' "
                                          r"heading on page 5: several documents joined into one\?"):
        parse(pages)


def without(pages: list, *lost: tuple[int, str]) -> list:
    """The pages without these (page index, line) footnote lines: lost in extraction."""
    pages = [(list(lines), links) for lines, links in pages]
    for at, line in lost:
        pages[at][0].remove(line)
    return pages


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_two_footnotes_lost_across_an_annex_boundary_on_the_last_notes_page_are_refused(render):
    """Annex I's footnote 2 and annex II's 1 lost, annex II's footnotes all on its heading's page,
    the last page: annex II's 2 was read as annex I's 2, pairing Marsovia's statement with
    Osterlich's page, with no footnote line on a later page to say that annex II's heading
    passed unopened.  The notes' end passes it: refused, not guessed."""
    pages = without(PAGES[:3], (1, " 2 https://mfa.marsovia.example.org/news/referendum.html "),
                    (2, " 1 https://coastal-league.example.org/news/second-statement.html "))
    with pytest.raises(IngestError, match=UNOPENED):
        parse(pages) if render == "text" else parse_letter(read_pdf(letter_pdf(pages)), "sha", "annexes.txt")


def test_the_last_annex_with_every_footnote_lost_is_said_not_refused():
    """Annex III's only footnote lost, no footnote line on its page: nothing was read as the
    numbering before's there; its statement is said unmarked, as before, not refused."""
    doc = parse(without(PAGES, (4, " 1 https://twitter.com/MarsoviaMFA/status/1362000000000000000 ")))
    assert [(s.part, s.footnote, s.citation and s.citation.url) for s in doc.statements] == [
        (part, number, url) for part, number, _, url in EXPECTED[:5]] + [("Annex II", None, None)]
    assert doc.metadata["warnings"] == [
        "statement 6 after the last footnote found (3 of Annex II) carries no footnote mark, though every statement "
        "before carries one (the last footnotes lost in extraction?): no citation; check the end of the document"]


@pytest.mark.parametrize("pages", [PAGES, PAGES[:3]], ids=["three annexes", "two annexes"])
def test_the_first_annex_with_every_footnote_lost_is_said_not_refused(pages):
    """Annex I's footnotes 1 and 2 both lost: annex II's 1 and 2, the first footnotes read, on
    annex II's page, begin annex II's part (a footnote is printed on its mark's page, and no
    footnote line was read on annex I's), not annex I's, whose statements are said missing
    theirs, as a later annex's would be; the document is not refused."""
    pages = without(pages, (1, " 1 https://coastal-league.example.org/news/first-statement.html "),
                    (1, " 2 https://mfa.marsovia.example.org/news/referendum.html "))
    doc = parse(pages)
    expected = EXPECTED[:len(doc.statements)]
    assert [(s.part, s.footnote, s.citation and s.citation.seq, s.citation and s.citation.url) for s in doc.statements] == [
        (part, number, None if part == "Annex I" else seq, None if part == "Annex I" else url)
        for part, number, seq, url in expected]
    assert [s.seq for s in doc.statements if "footnote-missing" in s.flags] == [1, 2]
    found = "1–3 of Annex II and 1 of Annex III" if len(pages) == 5 else "1–2 of Annex II"
    assert doc.metadata["warnings"] == [
        f"footnotes 1–2 of Annex I missing (lost in extraction?): found {found}; statements 1–2 have no citation"]


LOST_ANNEX_I_AND_II_1 = ((1, " 1 https://coastal-league.example.org/news/first-statement.html "),
                         (1, " 2 https://mfa.marsovia.example.org/news/referendum.html "),
                         (2, " 1 https://coastal-league.example.org/news/second-statement.html "))


def test_the_first_annex_with_every_footnote_lost_is_still_refused_when_no_later_annex_begins_there():
    """Annex I's footnotes lost and annex II's first too, annex III's 1 read: annex II's first
    statement is marked 1, so its 2, the first footnote read, begins no annex there and
    may be annex I's 2 as well: refused, as before."""
    with pytest.raises(IngestError, match=UNOPENED.replace("Annex II", "Annex I").replace("page 3", "page 2")):
        parse(without(PAGES, *LOST_ANNEX_I_AND_II_1))


def test_the_first_annex_lost_and_the_next_ones_first_footnote_too_is_said():
    """The same two annexes alone: no footnote 1 is read anywhere, so no statement is marked 1;
    annex II's first mark is 2, and its 2 on its page begins it."""
    doc = parse(without(PAGES[:3], *LOST_ANNEX_I_AND_II_1))
    assert [(s.part, s.footnote, s.citation and s.citation.url) for s in doc.statements] == [
        ("Annex I", 1, None), ("Annex I", 2, None), ("Annex II", 1, None), ("Annex II", 2, EXPECTED[3][3])]
    assert doc.metadata["warnings"] == [
        "footnotes 1–2 of Annex I and 1 of Annex II missing (lost in extraction?): found 2 of Annex II; statements "
        "1–3 have no citation"]


def test_a_title_whose_mark_is_lost_in_an_annex_is_said_with_its_annex():
    """Osterlich's title mark (2 of annex II) lost: the statement keeps its own entity and title,
    the League's quote before it stays whole, and footnote 2 of Annex II is said uncited."""
    doc = parse(edited(2, "  Statement by the Embassy of Osterlich in Freedonia2 ",
                       "  Statement by the Embassy of Osterlich in Freedonia "))
    osterlich = doc.statements[3]
    assert (osterlich.part, osterlich.entity, osterlich.title, osterlich.footnote, osterlich.citation) == (
        "Annex II", "Republic of Osterlich", "Statement by the Embassy of Osterlich in Freedonia", None, None)
    assert doc.statements[2].quote == "The League reaffirms that the so-called referendum is illegitimate."
    assert doc.metadata["warnings"] == [
        "statement 4 carries no footnote mark, though footnote 2 of Annex II, between the marks of the statements "
        "before and after, is cited by no statement (a mark lost in extraction?): no citation; check its title"]


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_a_footnote_found_past_the_next_annex_heading_is_no_footnote_of_a_statement_before_it(render):
    """Annex I going on from the letter's footnote 1, its 2 lost, and annex II's 1 and 2 lost:
    annex I's 3 was passed over (a 3 still to come), annex II's 3 on page 4 read as the
    letter's numbering's 3, and annex I's statement marked 3 (Marsovia's, page 2) paired with
    Tomainia's page.  A footnote is printed on its mark's page, not past the annex heading
    after it: refused, naming the statement, the footnote and the heading."""
    pages = without(letter_footnoted(), (1, " 2 https://coastal-league.example.org/news/first-statement.html "),
                    (2, " 1 https://coastal-league.example.org/news/second-statement.html "),
                    (2, " 2 https://osterlich-embassy.example.org/news/outcome.html "))
    with pytest.raises(IngestError, match=r"^annexes\.txt: statement 2 is marked 3, but that footnote starts on page 4, "
                                          r"after the 'Annex II' heading \(page 3\) that follows the statement, and a "
                                          r"footnote is printed on its mark's page \(footnotes lost in extraction on "
                                          r"both sides of the heading\?\): which footnote the statement cites cannot "
                                          r"be told; check the document's footnotes there$"):
        parse(pages) if render == "text" else parse_letter(read_pdf(letter_pdf(pages)), "sha", "annexes.txt")


def test_an_annex_whose_every_footnote_is_lost_is_said_when_no_footnote_read_has_its_numbers():
    """Annex I's footnotes 1 and 2 lost, annex II going on at 3: the first footnote read, 3, is
    no number annex I's statements use, so nothing of another annex is taken for theirs:
    they are said missing, not refused."""
    pages = without(renumbered(PAGES, dict(zip(URLS, [1, 2, 3, 4, 5, 1]))),
                    (1, " 1 https://coastal-league.example.org/news/first-statement.html "),
                    (1, " 2 https://mfa.marsovia.example.org/news/referendum.html "))
    doc = parse(pages)
    assert [(s.footnote, s.citation and s.citation.url) for s in doc.statements] == [
        (1, None), (2, None), (3, URLS[2]), (4, URLS[3]), (5, URLS[4]), (1, URLS[5])]
    assert [s.seq for s in doc.statements if "footnote-missing" in s.flags] == [1, 2]


def test_a_footnote_lost_where_numbering_goes_on_into_an_annex_is_said_once_in_its_statement_s_annex():
    """Annex II going on from annex I, its first footnote (3) lost: footnote 3 is said missing
    once, in annex II where its statement is, not in annex I as well."""
    doc = parse(without(renumbered(PAGES, dict(zip(URLS, [1, 2, 3, 4, 5, 1]))),
                        (2, " 3 https://coastal-league.example.org/news/second-statement.html ")))
    assert [(s.part, s.footnote, s.citation and s.citation.url) for s in doc.statements] == [
        ("Annex I", 1, URLS[0]), ("Annex I", 2, URLS[1]), ("Annex II", 3, None), ("Annex II", 4, URLS[3]),
        ("Annex II", 5, URLS[4]), ("Annex III", 1, URLS[5])]
    assert doc.metadata["warnings"] == [
        "footnote 3 of Annex II missing (lost in extraction?): found 1–2 of Annex I and 4–5 of Annex II and 1 of "
        "Annex III; statement 3 has no citation"]


def heading_on_the_page_before(at: int) -> list:
    """The pages with page `at`'s annex heading and title moved to the foot of the page before,
    with a paragraph introducing the annex: its first statement, mark and footnote are on
    the next page."""
    pages = [(list(lines), links) for lines, links in PAGES]
    before, own = pages[at - 1][0], pages[at][0]
    start = next(i for i, line in enumerate(own) if line.startswith("Annex "))
    moved = own[start:start + 3]    # heading, gap, title
    del own[start:start + 4]
    foot = before.index("__________________ ") if "__________________ " in before else len(before) - 1
    before[foot:foot] = [GAP, *moved, GAP, " The statements below were made after the vote. ", GAP]
    return pages


@pytest.mark.parametrize("render", ["text", "pdf"])
@pytest.mark.parametrize("at", [1, 2], ids=["annex I", "annex II"])
def test_an_annex_heading_at_the_foot_of_the_page_before_its_statements_begins_its_part(at, render):
    """An annex heading printed at a page's foot (or before a page of the annex's own text)
    has its first statement's mark, and so its first footnote, on a later page: reading that
    page's footnotes does not pass it as one whose first footnote was lost (refusing a
    clean document); the footnote there starts it."""
    pages = heading_on_the_page_before(at)
    doc = parse(pages) if render == "text" else parse_letter(read_pdf(letter_pdf(pages)), "sha", "annexes.pdf")
    assert [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements] == EXPECTED
    assert "warnings" not in doc.metadata


def test_numbering_going_on_past_a_second_heading_of_a_part_s_name_keeps_its_part():
    """The letter's footnote 1, annex I going on (2, 3), annex II from 1, and an "Annex I" line
    after a gap in annex II (a heading quoted, or repeated) before Osterlich's statement
    marked 2: annex II's numbering goes on past it.  Named "2 of Annex I" there, it was annex
    I's 2 as well, and annex I's first statement was paired with Osterlich's page, said
    nowhere; it stays annex II's 2."""
    pages = letter_footnoted()[:3]
    lines = pages[2][0]
    at = lines.index("  Republic of Osterlich ")
    lines[at:at] = ["Annex I ", GAP]
    doc = parse(pages)
    assert [(s.part, s.footnote, s.citation.seq, s.citation.url) for s in doc.statements] == [
        ("Annex I", 2, 2, EXPECTED[0][3]), ("Annex I", 3, 3, EXPECTED[1][3]),
        ("Annex II", 1, 4, EXPECTED[2][3]), ("Annex II", 2, 5, EXPECTED[3][3])]
    assert "warnings" not in doc.metadata


def test_an_annex_at_the_foot_of_a_page_whose_first_footnote_is_lost_is_refused_naming_its_mark_s_page():
    """Annex II's heading at page 2's foot, its first statement's footnote 1 lost on page 3:
    refused as before, and the refusal names the page where the footnote was looked for."""
    lost = (2, " 1 https://coastal-league.example.org/news/second-statement.html ")
    pages = without(heading_on_the_page_before(2), lost)
    with pytest.raises(IngestError, match=UNOPENED.replace(r"\(page 3\)", r"\(page 2, the mark on page 3\)")):
        parse(pages)
