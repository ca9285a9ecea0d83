"""Read a quote list: CSV, TSV or JSON Lines, one quote per row.

The format is sniffed, not trusted to the file name alone: a first non-blank line
that starts with "{" is JSON Lines; otherwise the header line is read as CSV or TSV
(tab when the name says .tsv/.tab; else the one among comma, semicolon and tab that
splits the header into named columns; else comma for a .csv, else the delimiter the
header holds most of).

Two kinds of trouble, kept apart on purpose:

* the file as a whole cannot be read (binary, neither UTF-8 nor UTF-16/32 with a BOM, a JSON line that does not
  parse, a CSV quote left open, no `quote` or `source` column, a header and no rows): `QuoteListError`,
  one line naming the file, the line and the fix, and nothing is written;
* one row cannot be checked (empty quote, bad date, a quote over the size limit, an
  id used twice): the row keeps its place with `error` set, the others go on.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from crawler.textfile import BinaryFile, TextEncodingError, decode_text

COLUMNS = ("id", "quote", "source", "date", "speaker", "note")
REQUIRED = ("quote", "source")
UNOFFICIAL = re.compile(r"unofficial\s+translation", re.IGNORECASE)
_CSV_FIELD_LIMIT = 2**31 - 1  # a 5 MB quote must reach the row check, not stop the csv module


class QuoteListError(click.ClickException):
    """A quote list that cannot be read as a whole; the message names file, line and fix."""


@dataclass
class Row:
    """One row of a quote list, as written, with where it was read and what is wrong with it."""

    position: int             # 1-based order among the rows (the default id)
    line: int                 # line of the file the row starts on
    key: str                  # the row's id: the `id` column, else its position
    quote: str
    source: str
    date: str | None = None   # ISO date
    speaker: str | None = None
    note: str | None = None
    error: str | None = None  # why the row cannot be checked (one line), None when it can
    # How the source cell was repaired to be read (sources.py `cite`), and the URL it was read
    # as (None when the repaired cell could still not be read): said on the row's result,
    # whatever its verdict (results.py `repair_note`).
    repairs: list[str] = field(default_factory=list)
    read_as: str | None = None

    @property
    def flags(self) -> list[str]:
        """The citation's flags: "unofficial translation" in the note counts as in a footnote."""
        return ["unofficial-translation"] if self.note and UNOFFICIAL.search(self.note) else []


def _text(path: Path, data: bytes) -> str:
    """The file as text (UTF-8, or UTF-16/32 by its BOM: Excel's "Unicode Text");
    binary or other bytes make the whole file unreadable."""
    try:
        return decode_text(data)[0]
    except BinaryFile:
        raise QuoteListError(f"{path}: is a binary file, not CSV, TSV or JSON Lines; give a text quote list") from None
    except TextEncodingError as problem:
        raise QuoteListError(f"{path}: {problem}") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QuoteListError(
            f"{path} line {line}: is not UTF-8 (byte 0x{data[exc.start]:02x}); save the list as UTF-8"
        ) from None


def read_quote_list(path: Path, max_quote_chars: int) -> tuple[str, list[Row]]:
    """(format, rows) of a quote list file; raises QuoteListError when the file is unreadable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise QuoteListError(f"{path}: no such file; give the path of a CSV, TSV or JSON Lines quote list") from None
    except IsADirectoryError:
        raise QuoteListError(f"{path}: is a directory; give one CSV, TSV or JSON Lines file") from None
    except OSError as exc:
        raise QuoteListError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    return quote_list_of_text(path, _text(path, data), max_quote_chars)


def quote_list_of_text(path: Path, text: str, max_quote_chars: int) -> tuple[str, list[Row]]:
    """(format, rows) of a quote list's text, `path` naming it in errors: ingest asks it of a
    document it refused, with the text it has read (crawler/ingest `_refuse_quote_list`)."""
    if not text.strip():
        raise QuoteListError(f"{path}: is empty; write a header line (quote,source) and one row per quote")
    number, first = next((n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip())
    if first.lstrip().startswith("{"):
        rows = _jsonl_rows(path, text)
        fmt = "jsonl"
    else:
        delimiter = _delimiter(path, first, number)
        rows = _delimited_rows(path, text, delimiter)
        fmt = "tsv" if delimiter == "\t" else "csv"
        if not rows:   # a list that lost its rows must not pass a gate as "0 rows", all well
            raise QuoteListError(f"{path}: no rows under the header; add one row per quote")
    return fmt, check_rows(rows, max_quote_chars)


def _delimiter(path: Path, header: str, line: int) -> str:
    """Tab, comma or semicolon: .tsv/.tab say tab; else the one that splits the header into
    the most named columns, quote and source first (comma first: a .csv from a European
    Excel uses semicolons, one from "Unicode Text" tabs); else comma for .csv, else the
    header's most (none: refused, naming the header's `line`)."""
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    named = {d: _columns_named(header, d) for d in (",", ";", "\t") if d in header}
    naming = max(named, key=named.get, default=None)   # comma first on a tie
    if naming and named[naming] > (0, 0):
        return naming
    if suffix == ".csv":
        return ","
    counts = {d: header.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise QuoteListError(
            f"{path} line {line}: is not CSV, TSV or JSON Lines (no delimiter in the header {header[:60]!r}); "
            "write a header such as id,quote,source,date" + _document_hint(header)
        )
    return best


def _document_hint(header: str) -> str:
    """The advice for a header line that reads as prose: the file is most likely a compiled
    document (a letter, an article), which `check` is not for; "" for a header of names."""
    words = re.findall(r"[^\W\d_]+", header)
    if len(words) < 4 or sum(word.lower() in COLUMNS for word in words) >= 2:
        return ""
    return ("; its first line reads as prose: a compiled document (a letter with footnotes, an article) is read by "
            "`citewatch ingest FILE` or `citewatch run FILE`, not `citewatch check`")


def _columns_named(header: str, delimiter: str) -> tuple[int, int]:
    """(required, known) columns the header line split by `delimiter` names: the one naming
    most is the file's, so a header short of its source column is refused for that, not
    read as one column named "id;quote;url"."""
    names = {name.strip().lower() for name in next(csv.reader([header], delimiter=delimiter), [])}
    return sum(column in names for column in REQUIRED), sum(column in names for column in COLUMNS)


def _header(path: Path, names: list[str], line: int) -> dict[str, int]:
    """Column name → index; a missing quote or source column refuses the file."""
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        key = (name or "").strip().lower()
        if key in COLUMNS and key not in index:
            index[key] = i
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        shown = ", ".join(n.strip() for n in names if n and n.strip())[:120] or "nothing"
        raise QuoteListError(
            f"{path} line {line}: no {' or '.join(repr(m) for m in missing)} column (the header has {shown}); "
            f"name the columns {', '.join(COLUMNS)} (quote and source are required)"
            + _document_hint(" ".join(n or "" for n in names))
        )
    return index


def _delimited_rows(path: Path, text: str, delimiter: str) -> list[Row]:
    """Rows of a CSV or TSV file, header first; a quote left open refuses the file."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    index: dict[str, int] | None = None
    try:
        start = 1
        for fields in reader:
            if not any(f.strip() for f in fields):
                start = reader.line_num + 1
                continue
            if index is None:
                index, width = _header(path, fields, reader.line_num), len(fields)
            else:
                values = {name: fields[i] if i < len(fields) else None for name, i in index.items()}
                rows.append(_row(len(rows) + 1, start, values, _too_wide(fields, width, delimiter)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise QuoteListError(
            f"{path} line {reader.line_num}: not valid {'TSV' if delimiter == chr(9) else 'CSV'} ({exc}); "
            "close the quoted field or escape its quote marks by doubling them"
        ) from None
    return rows


def _jsonl_rows(path: Path, text: str) -> list[Row]:
    """Rows of a JSON Lines file: one object per line; a line that is not one refuses the file."""
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuoteListError(f"{path} line {number}: not valid JSON ({exc.msg}); write one JSON object per line") from None
        if not isinstance(value, dict):
            raise QuoteListError(f"{path} line {number}: is a JSON {type(value).__name__}, not an object; "
                                 'write one object per line, e.g. {"quote": "…", "source": "…"}')
        values = {k.strip().lower(): v for k, v in value.items() if isinstance(k, str)}
        rows.append(_row(len(rows) + 1, number, {c: values.get(c) for c in COLUMNS}))
    return rows


def _cell(value) -> str | None:
    """A cell as stripped text (numbers and booleans from JSON too), None when empty."""
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value).strip()
    return text or None


def _too_wide(fields: list[str], width: int, delimiter: str) -> str | None:
    """Why a row with more fields than its header cannot be read: a comma (or tab) inside a
    field not quoted splits it, and every column after it is read from the wrong field (the
    quote's second half taken for the source).  Empty fields past the header (a spreadsheet's
    export) are no fields."""
    if not any(f.strip() for f in fields[width:]):
        return None
    mark = "tab" if delimiter == "\t" else f"{delimiter!r}"
    return (f"{len(fields)} fields where the header has {width}: a {mark} inside a field splits it; "
            f"put that field in double quotes (\"…, …\")")


def _row(position: int, line: int, values: dict, error: str | None = None) -> Row:
    return Row(position=position, line=line, key=_cell(values.get("id")) or str(position),
               quote=_cell(values.get("quote")) or "", source=_cell(values.get("source")) or "",
               date=_cell(values.get("date")), speaker=_cell(values.get("speaker")), note=_cell(values.get("note")),
               error=error)


_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\S*)?$")


def iso_date(text: str, name: str = "date") -> str:
    """YYYY-MM-DD (a date-time keeps its date); ValueError with one line naming it as `name`
    (a row's date, the --date flag) otherwise: a date in that form that no calendar has
    (2020-02-30) is told apart from another form, or the user looks for a format problem
    that is not there."""
    match = _ISO_DATE.match(text)
    if not match:
        raise ValueError(f"{name} {text[:40]!r} is not YYYY-MM-DD; write it like 2020-03-31")
    try:
        return datetime.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        raise ValueError(f"{name} {match.group(1)!r} does not exist in the calendar; "
                         "check the day and the month") from None


def check_rows(rows: list[Row], max_quote_chars: int) -> list[Row]:
    """Set `error` on every row that cannot be checked, in place; returns the rows."""
    seen: dict[str, int] = {}
    for row in rows:
        row.error = row.error or _row_problem(row, max_quote_chars, seen)   # (as read: too many fields)
        seen.setdefault(row.key, row.line)
    return rows


def _row_problem(row: Row, max_quote_chars: int, seen: dict[str, int]) -> str | None:
    """The first reason the row cannot be checked, as one line with the fix."""
    if row.key in seen:
        return f"id {row.key!r} is used by line {seen[row.key]} too; give each row its own id"
    if not row.quote:
        return "the quote is empty; write the quoted words in the quote column"
    if len(row.quote) > max_quote_chars:
        return (f"the quote is {len(row.quote):,} characters, over the limit of {max_quote_chars:,}; "
                "split it or raise check_max_quote_chars")
    if not any(c.isalnum() for c in row.quote):
        return "the quote has no words to look for"
    if not row.source:
        return "the source is empty; give a URL, a Wayback memento URL, an @handle or a local file path"
    if row.date:
        try:
            row.date = iso_date(row.date)
        except ValueError as problem:
            return str(problem)
    return None


def single_row(quote: str, source: str, date: str | None, max_quote_chars: int) -> Row:
    """The one row of `citewatch check --quote "…" SOURCE`.  What would be a list row's error
    (an empty quote, a bad date) is here a usage error naming the flag (exit 2, as
    docs/check.md says, before any database is opened): the user typed it, and there is no
    other row to go on with."""
    row = Row(position=1, line=0, key="1", quote=(quote or "").strip(), source=(source or "").strip())
    if not row.quote:
        raise click.UsageError("--quote is empty; give the quoted words to look for in SOURCE")
    if not row.source:
        raise click.UsageError("SOURCE is empty; give a URL, a Wayback memento URL, an @handle or a local file path")
    if (date or "").strip():
        try:
            row.date = iso_date(date.strip(), "--date")
        except ValueError as problem:
            raise click.UsageError(str(problem)) from None
    problem = _row_problem(row, max_quote_chars, {})   # left: too long, no words
    if problem:
        raise click.UsageError(f"--quote: {problem}")
    return row
