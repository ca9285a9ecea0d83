"""The frontier's claims on a real Redis: what a dead worker held goes back, nothing else moves."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
import redis

from crawler.cluster import frontier as keys
from crawler.cluster.frontier import Frontier, requeue_orphans


def queue(server) -> list[bytes]:
    return server.zrange(keys.queue_key(), 0, -1)


def test_a_dead_workers_claims_return_to_the_queue_and_a_live_ones_stay(redis_url):
    server = redis.Redis.from_url(redis_url)
    server.zadd(keys.queue_key(), {f"request-{i}".encode(): i for i in range(5)})
    dead, alive = Frontier(server, "dead", heartbeat=60), Frontier(server, "alive", heartbeat=60)
    dead.join()
    alive.join()
    assert [dead.claim_seed()[0], dead.claim_seed()[0], alive.claim_seed()[0]] == [b"request-0", b"request-1", b"request-2"]
    assert queue(server) == [b"request-3", b"request-4"]

    assert requeue_orphans(server) == 0  # both heartbeats fresh: nothing moves
    server.delete(dead.alive)  # what an expired heartbeat looks like
    assert requeue_orphans(server) == 2
    assert queue(server)[:2] == [b"request-0", b"request-1"]  # back in front of the rest
    assert server.smembers(keys.WORKERS) == {b"alive"}
    assert server.hkeys(alive.inflight) == [b"request-2"]
    assert alive.claim_seed()[0] == b"request-0"
    dead.leave()
    alive.leave()


def test_the_last_result_of_a_source_ends_its_claim_and_its_known_extraction(redis_url):
    server = redis.Redis.from_url(redis_url)
    server.zadd(keys.queue_key(), {b"request-7": 0})
    worker = Frontier(server, "w", heartbeat=60)
    worker.join()
    worker.claims[(1, 7)] = worker.claim_seed()[0]
    worker.known[(1, 7)] = {"text": "the source's known extraction, as its seed carried it"}
    worker.push({"attempt": "citewatch", "final": False})  # an earlier attempt: still in flight
    assert server.hlen(worker.inflight) == 1 and (1, 7) in worker.known
    worker.push({"attempt": "browser", "final": True}, (1, 7))
    assert server.hlen(worker.inflight) == 0 and server.llen(keys.RESULTS) == 2
    assert worker.known == {}  # forgotten with the claim
    worker.leave()
    assert queue(server) == [] and server.smembers(keys.WORKERS) == set()


def test_a_result_written_twice_is_one_fetch_and_one_check(redis_url, db, db_path, tmp_path):
    """The writer killed between its commit and its trim (or stopped by a locked database)
    writes the batch again: no change."""
    import json

    import db as database
    from crawler.cluster.collect import collect_batch
    from crawler.cluster.records import CentralWarc
    from crawler.config import load_config
    from crawler.pipelines import _FETCH_COLUMNS

    server = redis.Redis.from_url(redis_url)
    source = db["sources"].insert({"kind": "web", "key": "http://x/a", "url": "http://x/a", "host": "x",
                                   "first_seen": database.now()}).last_pk
    crawl = db.execute("insert into crawls (started_at, status) values (?, 'running')", [database.now()]).lastrowid
    db.conn.commit()
    values = dict(zip(_FETCH_COLUMNS, [None] * len(_FETCH_COLUMNS)))
    values.update(crawl_id=crawl, source_id=source, purpose="live", attempt="citewatch", requested_url="http://x/a",
                  final_url="http://x/a", status=404, **{"class": "client-error"}, reason="404 Not Found",
                  evidence="{}", final=1)
    result = {"row": list(values.values()), "verdict": {"cls": "client-error", "reason": "404 Not Found"}, "text": None,
              "item": {"source_id": source, "requested_url": "http://x/a", "purpose": "live", "attempt": "citewatch",
                       "final_url": "http://x/a", "memento_timestamp": None, "final": True}}
    server.sadd(keys.PENDING, source)
    server.rpush(keys.RESULTS, json.dumps(result), json.dumps(result))
    warc = CentralWarc(tmp_path / "crawl.warc.gz", 1)
    # the database locked by another writer for longer than the busy timeout: not the results'
    # fault, so none is set aside; the batch stays in Redis for the next run
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("begin immediate")
    db.execute("pragma busy_timeout = 50")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        collect_batch(db, load_config().values, server, warc, crawl)
    other.execute("rollback")
    assert server.llen(keys.RESULTS) == 2 and server.scard(keys.PENDING) == 1
    assert server.llen(keys.SET_ASIDE % crawl) == 0 and db.execute("select count(*) from fetches").fetchone()[0] == 0

    assert collect_batch(db, load_config().values, server, warc, crawl) == 2
    assert db.execute("select count(*) from fetches").fetchone()[0] == 1
    state, failing, checks = db.execute("select state, failing_checks, checks from sources").fetchone()
    assert (state, failing, len(json.loads(checks))) == ("failing", 1, 1)
    assert server.llen(keys.RESULTS) == 0 and server.scard(keys.PENDING) == 0


def test_a_result_with_nan_is_set_aside_and_a_batch_that_all_fails_stops_the_collector(redis_url, db, tmp_path):
    """NaN (which json reads) would be stored as JSON SQLite cannot read back: that result is
    set aside.  Ten results of which none can be written point at the collector, not at them:
    it stops and keeps them all."""
    import json

    import db as database
    from crawler.cluster.collect import SET_ASIDE_BATCH, collect_batch
    from crawler.cluster.records import CentralWarc
    from crawler.config import load_config

    server = redis.Redis.from_url(redis_url)
    crawl = db.execute("insert into crawls (started_at, status) values (?, 'running')", [database.now()]).lastrowid
    db.conn.commit()
    warc = CentralWarc(tmp_path / "crawl.warc.gz", 1)
    server.rpush(keys.RESULTS, b'{"row": [], "item": {"attempt": NaN}}')
    assert collect_batch(db, load_config().values, server, warc, crawl) == 1
    aside = [json.loads(e) for e in server.lrange(keys.SET_ASIDE % crawl, 0, -1)]
    assert [a["error"] for a in aside] == ["unreadable result (ValueError: NaN is not a value a result may hold)"]

    short_row = json.dumps({"row": [crawl, 1, "live"], "item": {"source_id": 1, "purpose": "live", "final": True}})
    server.rpush(keys.RESULTS, *[short_row] * SET_ASIDE_BATCH)
    with pytest.raises(RuntimeError, match=f"none of {SET_ASIDE_BATCH} results could be written"):
        collect_batch(db, load_config().values, server, warc, crawl)
    assert server.llen(keys.RESULTS) == SET_ASIDE_BATCH and server.llen(keys.SET_ASIDE % crawl) == 1


def test_the_writer_keeps_a_pages_text_and_extraction_and_no_probes_text(db):
    """A worker's results as the writer stores them: the live page's text and its extraction
    (which a later single-machine crawl reuses), and nothing of a soft-404 probe's text."""
    import db as database
    from crawler.classify import classify
    from crawler.cluster.collect import write
    from crawler.cluster.worker import result
    from crawler.config import load_config
    from crawler.extract import Extraction
    from crawler.items import FetchItem
    from crawler.pipelines import body_sha256, reused_extraction

    url = "http://x.example/statement"
    source = db["sources"].insert({"kind": "web", "key": url, "url": url, "host": "x.example",
                                   "first_seen": database.now()}).last_pk
    crawl = db.execute("insert into crawls (started_at, status) values (?, 'running')", [database.now()]).lastrowid
    page = Extraction("ok", "", "The statement, in full. " * 20, "Statement", "Statement", "2020-04-01", "en", "utf-8")
    for purpose, requested in (("probe", "http://x.example/no-such-page-1234"), ("live", url)):
        item = FetchItem(source_id=source, requested_url=requested, final_url=requested, crawl_id=crawl, purpose=purpose,
                         status=200, content_type="text/html", body=b"<html>the page</html>")
        write(db, load_config().values, result(item, crawl, classify(item, page, None), page, "w1",
                                               sha256=body_sha256(item)))
    assert db.execute("select count(*) from fetches").fetchone()[0] == 2
    assert [r[0] for r in db.execute("select origin from texts")] == ["live"]
    live = FetchItem(source_id=source, requested_url=url, final_url=url, content_type="text/html")
    fetch_id = db.execute("select id from fetches where purpose = 'live'").fetchone()[0]
    assert reused_extraction(db, live, body_sha256(replace(live, status=200, body=b"<html>the page</html>"))) == (fetch_id, page)


def test_a_seed_ships_what_classification_reads_and_it_classifies_as_the_whole_text(db):
    """The start of its text that a seed carries to a worker gives the class the whole text
    gives, through the login-wall and soft-404 checks; a NUL in the text included (SQLite's
    substr() would end the text there, and a page of 5,000 characters would read as a login wall)."""
    import db as database
    from crawler.classify import CLASSIFIED_CHARS, classify
    from crawler.cluster.collect import write
    from crawler.cluster.scheduler import shipped_extraction, shipped_text
    from crawler.cluster.worker import result
    from crawler.config import load_config
    from crawler.extract import Extraction
    from crawler.items import FetchItem
    from crawler.pipelines import as_extraction, body_sha256

    url = "http://x.example/notes"
    source = db["sources"].insert({"kind": "web", "key": url, "url": url, "host": "x.example",
                                   "first_seen": database.now()}).last_pk
    crawl = db.execute("insert into crawls (started_at, status) values (?, 'running')", [database.now()]).lastrowid
    text = "Please log in to continue reading the archived notes.\x00" + "The statement continues here. " * 300
    page = Extraction("ok", "", text, "Notes", "Notes", None, "en", "utf-8")
    item = FetchItem(source_id=source, requested_url=url, final_url=url, crawl_id=crawl, status=200,
                     content_type="text/plain", body=text.encode())
    write(db, load_config().values, result(item, crawl, classify(item, page, None), page, "w1", sha256=body_sha256(item)))

    shipped = shipped_extraction(db, source)
    assert len(text) > CLASSIFIED_CHARS and shipped_text(shipped) == text[:CLASSIFIED_CHARS]
    again = as_extraction(shipped, shipped_text(shipped))
    probe_item = FetchItem(source_id=source, requested_url="http://x.example/random-probe", purpose="probe",
                           final_url="http://x.example/random-probe", status=200, content_type="text/plain")
    for probe_text, expected in (("Nothing like it. " * 10, "live"), (text, "soft-404")):
        probe = (probe_item, replace(page, text=probe_text))
        assert classify(item, again, probe).cls == classify(item, page, probe).cls == expected
