"""Rows written out for other programs: CSV, JSON Lines or a JSON array; and the -o file.

`citewatch check` writes its results and `citewatch search` its hits in the same three
formats; made here once, the two commands' files cannot drift apart (a line ending, a
cell a spreadsheet would run as a formula, escaped non-ASCII text).  Every -o file (a
report, check's results) is written through `output_file`, which says in one line which
file could not be written and what to do.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TextIO

Writer = Callable[[list], str]


class OutputError(Exception):
    """The -o file could not be written: one line naming it and the fix (the CLI prints it)."""


@contextlib.contextmanager
def output_file(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """`path` opened for writing as UTF-8, its missing folders made.  An OSError on the way
    (a folder that cannot be made, a read-only place, a full disk while writing or closing)
    is an OutputError naming the file, unless it names another file: reading something
    else inside the block can fail for reasons of its own."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
    except OSError as exc:
        if exc.filename is not None and not _on_the_way_to(Path(exc.filename), target):
            raise
        raise OutputError(f"cannot write {path} ({exc.strerror or exc}); choose another -o path") from None


def _on_the_way_to(failed: Path, output: Path) -> bool:
    """`failed` is the output file or a folder it needs."""
    output = output.absolute()
    return failed.absolute() in (output, *output.parents)


def csv_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP: prefix =, +, -, @ with ')."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, (list, dict)) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def formats(fields: Sequence[str], csv_row: Callable[[Any], dict],
            json_row: Callable[[Any], dict]) -> dict[str, Writer]:
    """The writers of one kind of row, by format name (csv, jsonl, json): `csv_row` and
    `json_row` turn an item into a dict (CSV gets its `fields`, in order)."""
    return {
        "csv": lambda items: csv_text(map(csv_row, items), fields),
        "jsonl": lambda items: "".join(json.dumps(json_row(item), ensure_ascii=False) + "\n" for item in items),
        "json": lambda items: json.dumps([json_row(item) for item in items], ensure_ascii=False, indent=2) + "\n",
    }


def csv_text(rows: Iterable[dict], fields: Sequence[str]) -> str:
    """A header line, then each row's `fields` in order, every cell one a spreadsheet will
    not run (csv_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([csv_cell(row[name]) for name in fields] for row in rows)
    return buffer.getvalue()
