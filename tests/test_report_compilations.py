"""The comparison of an article's quote with the letter's compilation of the same statement is
in every report format.  The HTML and JSON reports had it ("against Italy (document 1):
altered" with its diff, `footnotes[].compilation`); the Markdown and CSV reports left it out,
though README promises that every difference between the two compilations is listed."""

from __future__ import annotations

import csv
import io
import json

import pytest

from crawler import ingest, reconcile, report, report_data
from crawler.config import load_config
from tests.conftest import ARTICLE, LETTER


@pytest.fixture
def seeds(db):
    """The seed letter, then the seed news article behind it, reconciled (offline: the
    article's quotes are compared with the letter's, its sources give no text)."""
    config = load_config(env={})
    for path in (LETTER, ARTICLE):
        ingest.run(db, config, str(path))
    reconcile.run(db)
    return json.loads(report.render(report_data.build(db), "json"))


def _compilations(data: dict) -> dict[tuple, dict]:
    """Each footnote row's comparison in the JSON report, by its document and entity."""
    return {(doc["id"], f["statement"]["entity"]): f["compilation"]
            for doc in data["documents"] for f in doc["footnotes"] if f["compilation"]}


def test_csv_carries_exactly_the_comparisons_json_carries(db, seeds):
    compared = _compilations(seeds)
    assert len(compared) == 10
    rows = list(csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv"))))
    in_csv = {(int(r["document_id"]), r["entity"]): {
        "verdict": r["compilation_verdict"], "score": float(r["compilation_score"]), "reason": r["compilation_reason"],
        "diff": json.loads(r["compilation_diff"]) if r["compilation_diff"] else None,
        "compared_with": json.loads(r["compared_with"]),
        **{key: json.loads(r[key]) if r[key] else None for key in ("entity_match", "borrowed")}}
        for r in rows if r["compilation_verdict"]}
    assert in_csv == compared
    italy = in_csv[next(key for key in in_csv if key[1] == "Italy")]
    assert (italy["verdict"], italy["compared_with"]["footnote"]) == ("altered", 26)


def test_markdown_carries_exactly_the_comparisons_json_carries(db, seeds):
    compared = _compilations(seeds)
    md = report.render(report_data.build(db), "md")
    lines = [line.split(" | ")[7].split(report.MD_PART)[1] for line in md.splitlines()
             if f"{report.MD_PART}against " in line]
    assert len(lines) == len(compared) == 10
    for (_, entity), compilation in compared.items():
        other = compilation["compared_with"]
        line = next(line for line in lines if line.startswith(f"against {report.md_text(other['entity'])} "))
        assert line.startswith(f"against {report.md_text(other['entity'])} (document {other['document_id']}): "
                               f"{compilation['verdict']}"), (entity, line)
        for op, chunk in compilation["diff"] or []:
            mark = {"delete": "~~", "insert": "**"}.get(op, "")
            assert f"{mark}{report.md_text(chunk)}{mark}" in line, (entity, op, chunk)
    georgia = next(line for line in lines if line.startswith("against Georgia "))
    assert georgia.startswith("against Georgia (document 1): altered: ")
    assert "~~Karabakh~~" in georgia and "**Kharabkh**" in georgia
