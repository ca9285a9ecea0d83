"""A user's input in the shapes Windows and browsers give it: UTF-16/32 text (Notepad's
"Unicode", Excel's "Unicode Text"), the letter as HTML, a .csv of a European Excel."""

from __future__ import annotations

import html
import json
import re

import pytest

import db as database
from crawler.check.read import QuoteListError, read_quote_list
from crawler.cli import cli
from crawler.config import load_config
from crawler.ingest import parse
from crawler.ingest.html import read_html
from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from tests.check_lists import write_files
from tests.conftest import ARTICLE, LETTER
from tests.test_ingest_synthetic import PAGES, letter_text

VERBATIM = "These elections are null and void and have no legal effect whatsoever."
ALTERED = "These elections are null and void and have some legal effect whatsoever."
SEED = LETTER.read_text(encoding="utf-8")


def parsed(path) -> tuple:
    """What ingest reads of a document: statements, citations, document links, warnings."""
    doc = parse(str(path), load_config(env={}))
    return ([(s.entity, s.title, s.place, s.date, s.quote) for s in doc.statements],
            [(c.kind, c.url, c.url_printed, c.printed) for c in doc.citations],
            [link.url for link in doc.links], doc.metadata.get("warnings"), doc.metadata.get("footnotes"))


@pytest.fixture(scope="module")
def seed_parsed():
    return parsed(LETTER)


def ingest(runner, db_path, path):
    return runner.invoke(cli, ["ingest", "--db", str(db_path), str(path)])


# ---------------------------------------------------------------- UTF-16 and UTF-32 text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_letter_with_a_bom_reads_as_the_utf8_one(tmp_path, seed_parsed, encoding):
    path = tmp_path / "letter16.txt"
    data = SEED.encode(encoding)
    path.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)
    assert parsed(path) == seed_parsed
    assert len(seed_parsed[0]) == 42 and len(seed_parsed[1]) == 42


def test_ingest_of_notepads_unicode_letter_writes_the_same_rows(runner, tmp_path):
    path = tmp_path / "letter16.txt"
    path.write_bytes(b"\xff\xfe" + SEED.encode("utf-16-le"))
    plain, wide = tmp_path / "plain.db", tmp_path / "wide.db"
    assert ingest(runner, plain, LETTER).exit_code == 0
    result = ingest(runner, wide, path)
    assert result.exit_code == 0, result.output

    def rows(db_path):
        db = database.open_db(db_path)
        return [db.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall() for table, columns in (
            ("statements", "seq, entity, title, place, date, quote"), ("citations", "kind, url, printed"))]

    assert rows(wide) == rows(plain) and len(rows(wide)[0]) == 42


def test_ascii_utf16_without_a_bom_is_read_on_the_evidence_of_its_nul_bytes(tmp_path):
    text = "id,quote,source\n1,These elections are null and void.,statement.txt\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        assert [(r.quote, r.source) for r in read_quote_list(path, 1000)[1]] == [
            ("These elections are null and void.", "statement.txt")]


@pytest.mark.parametrize("command", ["ingest", "check"])
def test_utf16_without_a_bom_and_not_ascii_is_refused_with_the_fix(runner, tmp_path, command):
    """Cyrillic UTF-16 has no NUL in its letters' high bytes: too little to be sure of."""
    path = tmp_path / "list.txt"
    path.write_bytes("quote\tsource\nЭти выборы не имеют никакой юридической силы\tstatement.txt\n".encode("utf-16-le"))
    args = ["ingest", "--db", str(tmp_path / "t.db")] if command == "ingest" else ["check"]
    result = runner.invoke(cli, [*args, str(path)], env={"CITEWATCH_DB": str(tmp_path / "t.db")})
    assert result.exit_code != 0
    assert result.output.strip() == f"Error: {path}: looks like UTF-16 without a byte-order mark; save it as UTF-8"


def test_excels_utf8_csv_with_a_stray_byte_is_refused_at_its_line_and_byte(tmp_path):
    """Excel's "CSV UTF-8" starts with a BOM: the bad byte's line and value are the file's,
    not 3 bytes short (a byte at a line's start was said to be on the line before)."""
    path = tmp_path / "list.csv"
    path.write_bytes(b"\xef\xbb\xbfquote,source\n\xe9t\xe9,statement.txt\n")
    with pytest.raises(QuoteListError) as refused:
        read_quote_list(path, 1000)
    assert str(refused.value) == f"{path} line 2: is not UTF-8 (byte 0xe9); save the list as UTF-8"


def test_excels_unicode_text_quote_list_checks_the_same_rows(runner, tmp_path):
    files = write_files(tmp_path / "files")
    text = f"id\tquote\tsource\nr1\t{VERBATIM}\tstatement.txt\nr2\t“{ALTERED}”\tstatement.txt\n"
    (files / "utf8.txt").write_text(text, encoding="utf-8")
    (files / "unicode.txt").write_bytes(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
    env = {"CITEWATCH_DB": str(tmp_path / "t.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}

    def checked(name):
        result = runner.invoke(cli, ["check", str(files / name), "--format", "jsonl"], env=env)
        assert result.exit_code in (0, 1) and result.stdout, result.output
        return [(r["id"], r["line"], r["verdict"], r.get("reason")) for r in map(json.loads, result.stdout.splitlines())]

    assert checked("unicode.txt") == checked("utf8.txt")
    assert [(key, verdict) for key, _, verdict, _ in checked("unicode.txt")] == [("r1", "verbatim"), ("r2", "altered")]


# ---------------------------------------------------------------- the letter as HTML


def _indented(line: str) -> str:
    """A text line as HTML: its indent as non-breaking spaces (as Word writes it)."""
    text = line.lstrip(" ")
    return "&nbsp;" * (len(line) - len(text)) + html.escape(text)


RENDERINGS = {
    "pre": lambda: f"<pre>{html.escape(SEED)}</pre>",
    "p": lambda: "\n".join(f"<p>{_indented(line)}</p>" for line in SEED.split("\n")),
    "br": lambda: "<div>" + "<br>\n".join(_indented(line) for line in SEED.split("\n")) + "</div>",
}


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
def test_an_html_rendering_of_the_letter_reads_as_the_text(tmp_path, seed_parsed, rendering):
    path = tmp_path / "letter.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>A/74/855</title></head>"
                    f"<body>{RENDERINGS[rendering]()}</body></html>", encoding="utf-8")
    assert parsed(path) == seed_parsed


def test_html_that_runs_the_letters_pages_together_is_refused(runner, tmp_path):
    """One <p> per non-empty line, no indent: the page breaks are gone, so a page's footnotes
    swallow the statements after them; 5 statements for 42 footnotes must not pass."""
    path = tmp_path / "letter.html"
    path.write_text("<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in SEED.split("\n") if line.strip())
                    + "</body></html>", encoding="utf-8")
    result = ingest(runner, tmp_path / "t.db", path)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: 42 footnotes but only ")
    assert "statements read: the document's lines or pages were lost" in lines[0]


@pytest.mark.parametrize("spacer", ["<p>&nbsp;</p>", "<hr>", "<div class='ad'></div>", "<p><br></p>"])
def test_a_spacer_in_an_html_article_leaves_its_paragraphs_apart(tmp_path, spacer):
    """A CMS's empty paragraph, rule or image box is an empty line; the article's paragraphs
    are still the page's lines, not the blocks between empty lines (two for the whole page)."""
    paragraphs = [p for p in ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[:3]) + spacer
    body += "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[3:])
    path = tmp_path / "article.html"
    path.write_text(f"<html><head><title>Reactions</title></head><body>{body}</body></html>", encoding="utf-8")
    doc = parse(str(path), load_config(env={}))
    text = parse(str(ARTICLE), load_config(env={}))
    assert [(s.entity, s.quote) for s in doc.statements] == [(s.entity, s.quote) for s in text.statements]
    assert len(doc.statements) == 10


def _covering_notes(notes: int) -> list:
    """The synthetic letter with `notes` footnotes on its covering letter (resolutions,
    reports: no statement's source), its statements' footnotes numbered on after them."""
    first, *rest = PAGES
    lines, links = first
    rule = lines.index("__________________ ")
    cover = [*lines[:rule - 3], *(f" See resolution {n}/100 of the General Assembly.{n} " for n in range(2, notes + 1)),
             *lines[rule - 3:rule + 2], *(f" {n} General Assembly resolution {n}/100. " for n in range(2, notes + 1)),
             *lines[rule + 2:]]
    shift = notes - 1

    def renumbered(line: str) -> str:
        line = re.sub(r"(?<=[A-Za-z]) ?([2-6]) $", lambda m: m.group(0).replace(m.group(1), str(int(m.group(1)) + shift)), line)
        return re.sub(r"^ ([2-6]) ", lambda m: f" {int(m.group(1)) + shift} ", line)

    return [(cover, links), *(([renumbered(line) for line in page], page_links) for page, page_links in rest)]


def test_a_letter_whose_covering_letter_has_more_notes_than_it_has_statements_is_read(tmp_path):
    """Seven notes on the covering letter and five statements: 12 footnotes for 5 statements
    is no sign of statements lost, since none of the seven is a statement's."""
    path = tmp_path / "letter.txt"
    path.write_text(letter_text(_covering_notes(7)), encoding="utf-8")
    doc = parse(str(path), load_config(env={}))
    plain = parse_letter(split_pages(letter_text()), "sha", "plain.txt")
    assert doc.metadata["footnotes"] == 12
    assert [(s.entity, s.quote, s.footnote) for s in doc.statements] == [
        (s.entity, s.quote, s.footnote + 6) for s in plain.statements]


# ---------------------------------------------------------------- a .csv's delimiter


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_a_csv_is_read_with_the_delimiter_its_header_names_the_columns_by(tmp_path, delimiter):
    quote = "Null and void; no legal effect, whatsoever."
    cell = f'"{quote}"' if delimiter in quote else quote
    path = tmp_path / "list.csv"
    path.write_text(delimiter.join(["id", "quote", "source"]) + "\n" + delimiter.join(["1", cell, "file.txt"]) + "\n",
                    encoding="utf-8")
    fmt, rows = read_quote_list(path, 1000)
    assert [(r.key, r.quote, r.source, r.error) for r in rows] == [("1", quote, "file.txt", None)]
    assert fmt == ("tsv" if delimiter == "\t" else "csv")


def test_a_comma_csv_whose_quotes_hold_semicolons_stays_comma(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("quote,source\n"
                    "Null; void; no effect,a.txt\n"
                    "\"One; two, three\",b.txt\n", encoding="utf-8")
    assert [(r.quote, r.source) for r in read_quote_list(path, 1000)[1]] == [
        ("Null; void; no effect", "a.txt"), ("One; two, three", "b.txt")]


def test_an_editors_empty_paragraph_is_one_empty_line():
    """LibreOffice and CKEditor write an empty paragraph as <p><br></p>: a browser shows one
    empty line, and a trailing <br> in a paragraph adds none."""
    page, _ = read_html(b"<html><body><p>a</p><p><br></p><p>b<br></p><div><p>c</p></div><p></p><p>d</p></body></html>")
    assert page.lines == ["a", "", "b", "c", "", "d"]


def test_html_lines_end_at_blocks_and_br_and_keep_pre_and_nbsp():
    page, title = read_html(
        b"<html><head><title> T </title><style>p {}</style></head><body><div>One <b>bold</b>\n  word"
        b"<p>&nbsp;&nbsp;indented</p><p></p>a<br>b<br><br>c<pre>  x\n    y</pre>"
        b"<table><tr><td>cell</td><td>next</td></tr></table><ul><li>item</li></ul></div></body></html>")
    assert (page.lines, title) == (
        ["One bold word", "  indented", "", "a", "b", "", "c", "  x", "    y", "cell next", "item"], "T")


def test_a_semicolon_csv_short_of_a_column_is_refused_for_that_column(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("id;quote;url\n1;Null, void;a.txt\n", encoding="utf-8")
    with pytest.raises(QuoteListError) as refused:
        read_quote_list(path, 1000)
    assert str(refused.value).startswith(f"{path} line 1: no 'source' column (the header has id, quote, url); ")
