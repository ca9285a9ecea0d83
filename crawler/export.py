"""Rows written out for other programs: CSV, JSON Lines or a JSON array.

`citewatch check` writes its results and `citewatch search` its hits in the same three
formats; made here once, the two commands' files cannot drift apart (a line ending, a
cell a spreadsheet would run as a formula, escaped non-ASCII text).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Sequence

from crawler.report import csv_cell

Writer = Callable[[list], str]


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
