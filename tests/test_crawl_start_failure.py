"""A crawl whose Scrapy process cannot start (a component refusing to be built) says why in one
line and fails: it ended with status 0, "0 sources" and a traceback of a later close, and the
cause (the component's own refusal) was said nowhere."""

from __future__ import annotations

from tests.clirun import crawl, fast_env
from tests.crawling import add_sources


def test_a_crawl_that_cannot_start_says_why_and_fails(web, env, db, tmp_path):
    ids = add_sources(db, [web["main"] + "/crawl/live"])
    result = crawl({**fast_env(env, web, tmp_path), "SCRAPY_SETTINGS_MODULE": "tests.start_failure_settings"},
                   check=False)
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "the sources crawl could not start: RuntimeError: this Scrapy lacks what the crawl needs" in " ".join(said.split())
    assert db.execute("select status from crawls").fetchall() == [("interrupted",)]   # resumed by the next run
    assert db.execute("select count(*) from fetches where source_id = ?", [ids[web["main"] + "/crawl/live"]]
                      ).fetchone()[0] == 0
    assert "Traceback" not in result.stdout   # (the log, on stderr, has it)
