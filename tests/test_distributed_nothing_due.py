"""A coordinator with nothing due opens no crawl (a real redis-server), as the single-machine crawl."""

from __future__ import annotations

import redis

from crawler.cluster import frontier as keys
from tests.test_distributed import add_pages, citewatch, cluster_env, finish, reaped


def crawls(db) -> list[tuple]:
    return db.execute("select id, status from crawls order by id").fetchall()


def test_a_second_coordinator_with_nothing_due_opens_no_crawl(web, env, db, redis_url):
    add_pages(db, web, 3)
    cluster = cluster_env(env, redis_url)
    with reaped() as started:
        started.append(first := citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1"))
        finish(first)
        assert crawls(db) == [(1, "finished")]
        started.append(second := citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "1"))
        out = " ".join(finish(second).split())
    assert "0 sources (no source was due)" in out, out
    assert crawls(db) == [(1, "finished")]  # no empty row the report would count as a crawl
    assert not redis.Redis.from_url(redis_url).exists(keys.CRAWL)  # nor one published to workers
