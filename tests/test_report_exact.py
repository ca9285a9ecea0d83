"""Every report format, byte for byte: the streamed writers must give exactly what the
reports gave when they were built whole in memory (tests/data/report/, made by that code
from the same factory-built database).  Regenerate them only for a deliberate change."""

import json
from pathlib import Path

import pytest

from crawler import history, report
from crawler.config import load_config
from tests.factories import Factory
from tests.test_report import reconciled_letter

GOLDEN = Path(__file__).resolve().parent / "data" / "report"


def build_database(db) -> dict:
    """The factory letter, a run recorded, then a second document (an uncited statement,
    a citation without source, a compilation check, non-ASCII and formula-like text),
    a second crawl and a second run: every branch of every format has something to show."""
    f = Factory(db)
    ids = reconciled_letter(db)
    _taken(db, history.record_run(db), "2026-01-03T00:00:00+00:00")
    article = f.document(title="Article <b>quoting</b> & co", kind="article", date="2021-01-01")
    quoted = f.statement(article, 1, "Estonia", "Estonia condemns the use of force against civilians, é ü 中文.")
    f.statement(article, 2, "Nobody", "=cmd|' /C calc'!A0 uncited statement")
    source = f.source("https://news.example.net/a?b=(c)")
    f.citation(article, quoted, 1, source, url="https://news.example.net/a?b=(c)")
    f.citation(article, None, 2, None, kind="offline", printed="2 A printed book, p. 3")
    crawl = f.crawl("2026-01-05T00:00:00+00:00")
    f.fetch(crawl, source, "live", text="Estonia condemns the use of force.")
    f.fetch(crawl, ids["failing"]["source"], "live", text="Austria supports a ceasefire now.")
    f.fetch(crawl, ids["live"]["source"], "live", text="We call on all parties to respect human rights, changed.")
    other = {"statement_id": ids["dead"]["statement"], "document_id": ids["document"], "seq": 2, "entity": "Estonia",
             "footnote": 2}
    f.check(quoted, "minor", score=95.0, scope="compilation", evidence=json.dumps({"compared_with": other}),
            diff=[["equal", "Estonia"], ["insert", "x"]])
    f.check(quoted, "minor", score=90.0, scope="text", text_id=None)
    f.snapshot(source, "20210101000000", closest=False, distance_days=3.0)
    f.save_job(source, status="failed", last_error="429 Too Many Requests")
    _taken(db, history.record_run(db), "2026-01-06T00:00:00+00:00")
    return {"letter": ids["document"], "article": article}


def _taken(db, run: dict, taken: str) -> None:
    """The run's time kept apart from the report's: in the same second the two would read as
    one (and the report names the run before the latest by its time too)."""
    db.execute("update run_states set taken_at = ?, changes = json_set(changes, '$.taken_at', ?) where id = ?",
               [taken, taken, run["run_state_id"]])
    db.conn.commit()


def _normalised(path: Path, before: dict, after: dict) -> str:
    """The report with the values of the moment (build time, run time, database path) named.

    It was built between `before` and `after` (the JSON report just before and just after):
    its build time, to the second, is one of theirs, even when a second ticked in between.
    """
    text = path.read_text(encoding="utf-8")
    for data in (before, after):
        for value, name in ((data["generated_at"], "GENERATED_AT"), (data["changes"]["taken_at"], "TAKEN_AT"),
                            (data["database"], "DATABASE")):
            text = text.replace(value, name)
    return text


@pytest.mark.parametrize("document", [None, "article"])
@pytest.mark.parametrize("fmt", report.FORMATS)
def test_every_format_is_byte_for_byte_what_it_was(db, db_path, tmp_path, fmt, document):
    ids = build_database(db)
    config = load_config(db=str(db_path))
    document_id = ids[document] if document else None

    def data() -> dict:
        return json.loads(report.write(db, config, "json", tmp_path / "data.json", document_id=document_id).read_text())

    before = data()
    written = report.write(db, config, fmt, tmp_path / f"report.{fmt}", document_id=document_id)
    after = data()
    golden = GOLDEN / f"report{'-' + document if document else ''}.{fmt}"
    assert _normalised(written, before, after) == golden.read_text(encoding="utf-8")


def test_streamed_json_is_json_dumps_of_the_whole_data(db, db_path, tmp_path):
    build_database(db)
    config = load_config(db=str(db_path))
    streamed = report.write(db, config, "json", tmp_path / "report.json").read_text(encoding="utf-8")
    whole = report.report_data.build(db, database_path=config.db_path, config=config)
    whole["generated_at"] = json.loads(streamed)["generated_at"]
    assert streamed == json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
