"""The one item pipeline: every `FetchItem` becomes a fetches row, a text and a source state.

Extraction runs in worker processes (crawler/extractpool.py) and is awaited, so the reactor
keeps downloading while pages are parsed; a live page whose bytes are those its source's
latest extraction came from reuses it (the `extractions` table: a scheduled check of
unchanged pages parses nothing, and its evidence says `extraction_reused_from`); classification (crawler/classify.py) then
reads the answer, and one savepoint writes the fetch (an upsert on its UNIQUE key, so
a re-run after a kill neither loses nor duplicates it), the text, and for a live fetch
that decides the source's class, the source's state (crawler/state.py).  Commits are
grouped every half second (one commit per fetch cost the reactor more than a tenth of
its time); a kill loses at most that last half second, whose sources are still due.

A database that cannot be written (a full disk, a read-only file system: crawler/spiderrun.py
`local_write_problem`) stops the crawl as a WARC file that cannot be written does
(`stop_for_local_write`): the fetch being stored is rolled back whole.  Once a local write has
failed, only the pages whose WARC record was written whole are stored (`_unwritten`), so no
source is judged by this machine's failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

import db as database
from archive.warc import warc_pointer
from crawler.classify import Classification, classify
from crawler.crawl import close_crawl
from crawler.extract import EXTRACTOR_VERSION, Extraction
from crawler.extractpool import crawl_pool
from crawler.items import FetchItem
from crawler.spiderrun import local_write_failure, local_write_problem, stop_for_local_write
from crawler.middlewares.retries import HOST_QUIET
from crawler.state import keep_host_quiet, open_crawl, record_check
from db.lock import ARCHIVE, CRAWL, RESOLVE, StageBusy, stage_lock

# The stage whose lock a spider run outside any stage takes (plain `scrapy crawl sources`):
# beside `citewatch crawl` it would resume the same crawl and fetch every source twice.
_SPIDER_STAGES = {"sources": CRAWL, "mementos": ARCHIVE, "posts": RESOLVE}
logger = logging.getLogger(__name__)

_FETCH_COLUMNS = (
    "crawl_id", "source_id", "purpose", "attempt", "requested_url", "final_url", "redirects", "status",
    "class", "reason", "error_class", "error_message", "content_type", "length", "sha256", "tls_error",
    "evidence", "started_at", "elapsed", "warc_path", "warc_offset", "final",
)
_UPSERT = (
    f"insert into fetches ({', '.join(_FETCH_COLUMNS)}) values ({', '.join('?' for _ in _FETCH_COLUMNS)}) "
    "on conflict (crawl_id, source_id, purpose, requested_url, attempt) do update set "
    + ", ".join(f"{c} = excluded.{c}" for c in _FETCH_COLUMNS[5:])
    + " returning id"
)
_ORIGINS = {"live": "live", "memento": "memento", "post": "post"}
COMMIT_EVERY = 0.5  # seconds between commits of stored fetches


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).isoformat(timespec="seconds")


def body_sha256(item: FetchItem) -> str | None:
    """The answer's body hash (after decompression), or None when there was no answer or its
    body was not downloaded (over the size cap: the hash of nothing would pass for the page's)."""
    return hashlib.sha256(item.body).hexdigest() if item.status is not None and not item.cut_for_size else None


def body_length(item: FetchItem) -> int | None:
    """The `length` of a fetch: the bytes received, or, of an answer whose body was not
    downloaded for its size, the length its Content-Length announced (its reason says so)."""
    if item.cut_for_size:
        return item.cut_for_size["announced"]
    return len(item.body) if item.status is not None else None


def fetch_row(item: FetchItem, crawl_id: int, verdict: Classification, sha256: str | None,
              data_dir: str | Path | None = None) -> list:
    """The fetches row of one attempt, in _FETCH_COLUMNS order, its WARC file relative to
    `data_dir` (`warc_pointer`: the data directory can move).  A cluster worker gives none:
    the collector puts its own file in the row (crawler/cluster/collect.py)."""
    warc_path = warc_pointer(item.warc_path, data_dir) if item.warc_path and data_dir else item.warc_path
    return [
        crawl_id, item.source_id, item.purpose, item.attempt, item.requested_url, item.final_url,
        json.dumps(item.redirects) if item.redirects else None, item.status, verdict.cls, verdict.reason,
        item.error_class, item.error_message, item.content_type, body_length(item), sha256,
        item.tls_error, json.dumps(verdict.evidence, default=str), _iso(item.started_at), item.elapsed,
        warc_path, item.warc_offset, int(item.final),
    ]


def store_text(db, item: FetchItem, fetch_id: int, extraction: Extraction) -> int:
    """The extracted text, once per (source, origin, text, memento): a re-run adds nothing.
    Returns its id, new or not.

    (texts' UNIQUE key cannot see a NULL memento_timestamp, so the check is explicit.)
    """
    origin = _ORIGINS[item.purpose]
    sha = hashlib.sha256(extraction.text.encode("utf-8")).hexdigest()
    exists = db.execute(
        "select id from texts where source_id = ? and origin = ? and sha256 = ? and memento_timestamp is ?",
        [item.source_id, origin, sha, item.memento_timestamp],
    ).fetchone()
    if exists:
        return exists[0]
    return db.execute(
        """insert into texts (source_id, fetch_id, origin, memento_timestamp, url, title, date, language,
           text, sha256, extractor, created_at, unspaced) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [item.source_id, fetch_id, origin, item.memento_timestamp, item.final_url, extraction.title,
         extraction.date, extraction.language, extraction.text, sha, extraction.extractor, database.now(),
         database.unspaced(extraction.title, extraction.text)],
    ).lastrowid


def remember_extraction(db, item: FetchItem, fetch_id: int, text_id: int, extraction: Extraction,
                        sha256: str | None) -> None:
    """The source's latest full extraction of its live page, for the next check to reuse
    if the page comes back byte for byte (a text kept as it is, too short for a main-text
    extraction, is read again each time)."""
    if item.purpose != "live" or extraction.status != "ok" or not sha256:
        return
    db.execute(
        """insert or replace into extractions (source_id, fetch_id, text_id, body_sha256, content_type, url,
           title, date, language, heading, encoding, extractor, created_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [item.source_id, fetch_id, text_id, sha256, item.content_type, item.final_url, extraction.title,
         extraction.date, extraction.language, extraction.heading, extraction.encoding, extraction.extractor,
         database.now()],
    )


_KNOWN = ("fetch_id", "text_id", "body_sha256", "content_type", "url", "extractor", "title", "heading", "date",
          "language", "encoding")


def known_extraction(db, source_id: int) -> dict[str, Any] | None:
    """The source's latest full extraction of its live page (its `extractions` row), without its text."""
    row = db.execute(f"select {', '.join(_KNOWN)} from extractions where source_id = ?", [source_id]).fetchone()
    return dict(zip(_KNOWN, row)) if row else None


def reusable_answer(item: FetchItem, sha256: str | None) -> bool:
    """A 2xx live answer with a body: the only kind an earlier extraction can stand for."""
    return item.purpose == "live" and bool(sha256) and 200 <= (item.status or 0) < 300 and bool(item.body)


def same_page(known: dict[str, Any], item: FetchItem, sha256: str) -> bool:
    """The known extraction was made from these very bytes, with the same content type (which
    can change their decoding), at the same final URL (trafilatura and htmldate read it), by
    this extractor (an upgrade reads again)."""
    return (known["body_sha256"] == sha256 and known["content_type"] == item.content_type
            and known["url"] == item.final_url and known["extractor"] == EXTRACTOR_VERSION)


def as_extraction(known: dict[str, Any], text: str) -> Extraction:
    """The known extraction as the extractor would return it again."""
    return Extraction("ok", "", text, known["title"], known["heading"], known["date"], known["language"],
                      known["encoding"])


def reused_extraction(db, item: FetchItem, sha256: str) -> tuple[int, Extraction] | None:
    """(the fetch it came from, the extraction) when the source's latest extraction was made
    from these very bytes (`same_page`); else None."""
    known = known_extraction(db, item.source_id)
    if known is None or not same_page(known, item, sha256):
        return None
    text = db.execute("select text from texts where id = ?", [known["text_id"]]).fetchone()
    return (known["fetch_id"], as_extraction(known, text[0])) if text else None


class FetchPipeline:
    """Extract, classify and store each attempt; keep the source's state."""

    def __init__(self, config: dict, crawler):
        self.config = config
        self.crawler = crawler
        self.pool = crawl_pool(config)  # the workers its crawl child forked as it started
        self._probe_extractions: dict[int, asyncio.Future] = {}
        self.reusable: set[int] = set()  # sources with an extraction to reuse (open_spider fills it)
        self._commit_call = None
        self._lock = contextlib.ExitStack()  # a plain `scrapy crawl`'s stage lock, held until close_spider

    @classmethod
    def from_crawler(cls, crawler):
        config = crawler.settings.getdict("CITEWATCH_CONFIG")
        if not config.get("db"):
            raise NotConfigured("no citewatch database configured")
        pipeline = cls(config, crawler)
        # (a bound method of a pipeline, which lives as long as the crawl: pydispatch keeps a weak reference)
        crawler.signals.connect(pipeline.keep_quiet, signal=HOST_QUIET)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self):
        # the configured waits: the crawl's writes, not SQLite's default 30 s, are what its
        # "database is locked" message quotes (crawl.run)
        self.db = database.open_db(self.config["db"], migration_wait=self.config.get("migration_wait"),
                                   write_wait=self.config.get("write_wait"))
        spider = self.crawler.spider
        self.owns_crawl = getattr(spider, "crawl_id", None) is None
        if not self.crawler.settings.getbool("CITEWATCH_IN_STAGE") and spider.name in _SPIDER_STAGES:
            # A spider run outside a stage (plain `scrapy crawl`) takes its stage's lock
            # (StageBusy when another process holds it, db/lock.py: said in one line, which
            # Scrapy's log, quiet but for CRITICAL under citewatch's settings, would not show).
            try:
                self._lock.enter_context(stage_lock(self.db, _SPIDER_STAGES[spider.name]))
            except StageBusy as busy:
                logger.critical("%s", busy)
                raise
        # WAL + NORMAL: a commit survives kill -9 (only a power cut can lose the last ones),
        # without an fsync per fetch.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.pool.warm()
        # A first crawl looks nothing up.
        self.reusable = {source_id for (source_id,) in self.db.execute(
            "select source_id from extractions where extractor = ?", [EXTRACTOR_VERSION])}
        if self.owns_crawl:  # a spider run outside a stage (plain `scrapy crawl`) gets its own crawl
            spider.crawl_id, _ = open_crawl(self.db, {"spider": spider.name})
        self.crawl_id = spider.crawl_id

    def close_spider(self):
        self.commit()
        self.pool.close()
        if not self.owns_crawl:
            self._close()

    def spider_closed(self, reason: str) -> None:
        """Close the crawl this pipeline opened (a posts round, a plain `scrapy crawl`) by why
        Scrapy closed the spider, which it says only after `close_spider`: "finished", else
        "interrupted" (a Ctrl-C or SIGTERM, "shutdown"; a CLOSESPIDER_* limit; a local write
        failure), which the next run of the spider resumes (state.open_crawl), as the crawl
        stage's own interrupted crawls are.  A stopped resolve left a finished round that
        fetched nothing, and the report counted one crawl more."""
        if not getattr(self, "owns_crawl", False):
            return
        status = "finished" if reason == "finished" and not local_write_failure() else "interrupted"
        with self._local_writes():
            close_crawl(self.db, self.crawl_id, status, values=self.config)
        self._close()

    def _close(self) -> None:
        self.db.conn.close()
        self._lock.close()

    @contextlib.contextmanager
    def _local_writes(self):
        """A database write that fails for this machine's reasons (`local_write_problem`)
        stops the crawl instead of raising; any other error is raised."""
        try:
            yield
        except sqlite3.Error as exc:
            if not local_write_problem(exc):
                raise
            stop_for_local_write(self.crawler, self.config["db"], exc)

    async def _extract(self, item: FetchItem) -> Extraction | None:
        """Extraction of a 2xx body; None when there is nothing to read."""
        if item.status is None or not (200 <= item.status < 300) or not item.body:
            return None
        return await self.pool.extract(item.body, item.content_type, item.final_url)

    def _reused(self, item: FetchItem, sha256: str | None) -> tuple[int, Extraction] | None:
        """The source's stored extraction of these same bytes, for a 2xx live answer."""
        if item.source_id not in self.reusable or not reusable_answer(item, sha256):
            return None
        return reused_extraction(self.db, item, sha256)

    async def _probe_extraction(self, probe: FetchItem) -> Extraction | None:
        """A probe's extraction, made once however many pages of its host compare with it."""
        key = id(probe)  # probes live as long as the spider, so ids are not reused
        if key not in self._probe_extractions:
            self._probe_extractions[key] = asyncio.ensure_future(self._extract(probe))
        return await self._probe_extractions[key]

    async def process_item(self, item):
        if not isinstance(item, FetchItem) or self._unwritten(item):
            return item
        sha256 = body_sha256(item)
        reused = self._reused(item, sha256)
        if reused:
            extraction = reused[1]
        elif item.purpose == "probe":
            extraction = await self._probe_extraction(item)
        else:
            extraction = await self._extract(item)
        probe = (item.probe, await self._probe_extraction(item.probe)) if item.probe else None
        verdict = classify(item, extraction, probe)
        if reused:
            verdict.evidence["extraction_reused_from"] = reused[0]
        if self._unwritten(item):   # (the failure came while it was extracted)
            return item
        with self._local_writes():
            self.store(item, verdict, extraction, sha256, reused=bool(reused))
        self.crawler.stats.inc_value(f"citewatch/class/{verdict.cls}")
        if item.purpose != "probe":
            item.body = b""  # the bytes are in the WARC; free them
        return item

    @staticmethod
    def _unwritten(item: FetchItem) -> bool:
        """A local write failed (the crawl is stopping) and `item` has no whole WARC record:
        its page met the failure, or came after it.  Stored, it would judge its source by this
        machine's failure; it is dropped, and its source fetched again by the next run.  A page
        written whole before the failure is stored as usual (if the database takes it)."""
        return local_write_failure() is not None and not item.warc_path

    def store(self, item: FetchItem, verdict: Classification, extraction: Extraction | None,
              sha256: str | None, reused: bool = False) -> int:
        """The fetch row, its text and the source's state, all or nothing (a savepoint).

        Commits are grouped (every COMMIT_EVERY seconds): a kill loses at most the last
        group, whose sources are still due and are fetched again by the next run.
        """
        crawl_id = item.crawl_id or self.crawl_id
        conn = self.db.conn
        if not conn.in_transaction:
            conn.execute("BEGIN")
        conn.execute("SAVEPOINT fetch")
        try:
            row = fetch_row(item, crawl_id, verdict, sha256, self.config["data_dir"])
            fetch_id = self.db.execute(_UPSERT, row).fetchone()[0]
            if verdict.kind == "ok" and extraction is not None and extraction.text and item.purpose in _ORIGINS:
                text_id = store_text(self.db, item, fetch_id, extraction)
                if not reused:
                    remember_extraction(self.db, item, fetch_id, text_id, extraction, sha256)
            if item.purpose == "live" and item.final:
                record_check(self.db, item.source_id, {
                    "at": database.now(), "class": verdict.cls, "reason": verdict.reason,
                    "attempt": item.attempt, "crawl_id": crawl_id, "fetch_id": fetch_id,
                }, self.config)
        except BaseException:
            if conn.in_transaction:   # (a full disk may have rolled the whole transaction back)
                conn.execute("ROLLBACK TO fetch")
            raise
        finally:
            if conn.in_transaction:
                conn.execute("RELEASE fetch")
        if self._commit_call is None:
            from twisted.internet import reactor  # the one Scrapy installed (never import it early)

            self._commit_call = reactor.callLater(COMMIT_EVERY, self.commit)
        return fetch_id

    def keep_quiet(self, host: str, until: float, **_signal) -> None:
        """Keep the time before which `host` is asked nothing (crawler/middlewares/retries.py
        `HOST_QUIET`: a Retry-After beyond the cap, a hold a stop cut short) for the next
        crawls, committed at once with what is stored so far: a kill after it keeps it."""
        with self._local_writes():
            keep_host_quiet(self.db, host, until)
        self.commit()

    def commit(self) -> None:
        """Make the stored fetches durable and visible (progress bar, other stages)."""
        if self._commit_call is not None and self._commit_call.active():
            self._commit_call.cancel()
        self._commit_call = None
        with self._local_writes():
            self.db.conn.commit()
