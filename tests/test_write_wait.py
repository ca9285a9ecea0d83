"""The crawl's writes wait for another process's write lock as long as `write_wait` says.

The crawl stage's "database is locked" message quotes write_wait (crawler/crawl.py `run`),
but the pipeline, which makes the crawl's writes, opened the database with SQLite's default
30 s, whatever the setting.  These open the pipeline as Scrapy does, on a
real database file, and read back its connection's busy_timeout.
"""

from __future__ import annotations

import asyncio

import pytest
from scrapy.utils.test import get_crawler

import db as database
from crawler.config import load_config
from crawler.pipelines import FetchPipeline
from crawler.spiderrun import scrapy_settings
from spiders.sources import SourcesSpider


def opened_pipeline(tmp_path, env: dict[str, str]) -> FetchPipeline:
    """A FetchPipeline opened by a crawler built from the configuration `env` gives, as the
    crawl stage builds it (its settings, a crawl id given, the stage's lock already held)."""
    values = load_config(None, env={"CITEWATCH_DB": str(tmp_path / "cw.db"),
                                    "CITEWATCH_DATA_DIR": str(tmp_path / "data"), **env}).values
    database.open_db(values["db"]).conn.close()
    crawler = get_crawler(SourcesSpider, {**scrapy_settings(values, "sources"), "CITEWATCH_IN_STAGE": True})
    crawler.spider = SourcesSpider.from_crawler(crawler, crawl_id=1)
    pipeline = FetchPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return pipeline


@pytest.fixture
def event_loop_of_the_crawl():
    """The event loop the crawl's reactor runs on (asyncio's): the pipeline warms its extraction
    workers on it as it opens.  A test run alone in its process has none of its own."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop_policy(None)   # as the process had it: a later test's loop is made anew


@pytest.mark.parametrize("write_wait, busy_timeout", [("120", 120000), ("0.25", 250), ("0.001", 1)])
def test_the_pipeline_waits_for_the_write_lock_as_long_as_write_wait_says(tmp_path, write_wait, busy_timeout,
                                                                          event_loop_of_the_crawl):
    pipeline = opened_pipeline(tmp_path, {"CITEWATCH_WRITE_WAIT": write_wait})
    try:
        assert pipeline.db.execute("PRAGMA busy_timeout").fetchone()[0] == busy_timeout
    finally:
        pipeline.close_spider()

