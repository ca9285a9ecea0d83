"""Reconcile after a real crawl of the test web: the texts the crawl stored are the ones checked."""

from __future__ import annotations

import json

from crawler.cli import cli
from tests.factories import Factory
from tests.clirun import crawl_here, fast_env
from tests.web.pages import STATEMENT


def test_quotes_checked_against_what_the_crawl_extracted(web, env, db, db_path, tmp_path, runner):
    f = Factory(db)
    doc = f.document()
    page = web["main"] + "/crawl/live"
    source = f.source(page)
    exact = f.statement(doc, 1, "Ministry", STATEMENT, footnote=1)
    changed = f.statement(doc, 2, "Ministry", STATEMENT.replace("an immediate", "a gradual"), footnote=2)
    absent = f.statement(doc, 3, "Ministry", "The Ministry condemns the elections held in the occupied region.", footnote=3)
    for seq, statement in enumerate((exact, changed, absent), start=1):
        f.citation(doc, statement, seq, source, url=page)
    crawl_here(fast_env(env, web, tmp_path), "--all")
    [text] = list(db.query("select id, text from texts where source_id = ?", [source]))
    result = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False, terminal_width=200)
    assert result.exit_code == 0, result.output
    rows = {r["statement_id"]: r for r in db.query("select * from quote_checks where scope = 'text'")}
    assert rows[exact]["verdict"] == "verbatim" and rows[exact]["text_id"] == text["id"]
    assert text["text"][rows[exact]["span_start"]:rows[exact]["span_end"]] == STATEMENT.rstrip(".")
    assert rows[changed]["verdict"] == "altered"
    assert json.loads(rows[changed]["evidence"])["changes"] == [
        {"source": "an immediate", "quote": "a gradual", "kinds": ["replaced"]}]
    assert rows[absent]["verdict"] == "not-in-source"
    assert "verbatim: 1" in result.output and "altered: 1" in result.output and "not-in-source: 1" in result.output
