"""scrapy-redis' scheduler and dupefilter, made safe against a worker killed mid-crawl.

scrapy-redis pops a request from the shared queue and forgets it: a worker killed
before the answer is stored loses that source.  `ClusterScheduler` claims instead (the
request moves to the worker's in-flight hash in one step, crawler/cluster/frontier.py),
and keeps every follow-up of a claimed source (redirect hops, retries, the browser
retry, the soft-404 probe) in a local queue: they belong to the worker that holds the
claim and are redone with it if it dies.  `SourceDupeFilter` fingerprints a seed by
crawl and source, so seeding twice (a coordinator re-run) puts nothing in twice.  A seed
may carry its source's known extraction (`shipped_extraction`), which the scheduler keeps
beside the claim for the worker's pipeline.  A seed claimed for a host another worker closed
for the crawl (it asked to wait beyond retry_after_cap) is not handed to the engine: its claim
ends unasked at once (`_left_unasked`).
"""

from __future__ import annotations

import hashlib
import zlib
from collections import deque
from typing import Any

from scrapy.utils.httpobj import urlparse_cached
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from crawler.classify import CLASSIFIED_CHARS
from crawler.cluster.frontier import elsewhere
from crawler.middlewares.retries import CLOSED_ELSEWHERE
from crawler.pipelines import known_extraction

CLAIM_META = "citewatch_claim"
# A seed's known extraction (`shipped_extraction`, put there by crawler/cluster/collect.py);
# the worker keeps it beside the claim instead of copying it into every follow-up request.
KNOWN_META = "citewatch_known"


def shipped_extraction(db, source_id: int) -> dict[str, Any] | None:
    """The source's latest extraction as a seed carries it: what a worker matches the page
    against, its metadata and the start of its text (all that classification reads), so an
    unchanged page is not parsed again on a machine without the database.  The text is
    zlib-compressed (`shipped_text` reads it): seeds wait in Redis, a third of the size."""
    known = known_extraction(db, source_id)
    if known is None:
        return None
    # (cut in Python: SQLite's substr() ends a text at its first NUL character)
    text = db.execute("select text from texts where id = ?", [known.pop("text_id")]).fetchone()
    return {**known, "text": zlib.compress(text[0][:CLASSIFIED_CHARS].encode("utf-8"))} if text else None


def shipped_text(known: dict[str, Any]) -> str:
    """The start of the text a seed carries (`shipped_extraction`)."""
    return zlib.decompress(known["text"]).decode("utf-8")


def source_key(meta: dict) -> tuple[int, int] | None:
    """(crawl, source) of a citewatch request, the key of its claim."""
    if "source_id" not in meta:
        return None
    return int(meta.get("crawl_id") or 0), int(meta["source_id"])


class SourceDupeFilter(RFPDupeFilter):
    """One fingerprint per (crawl, source, purpose): the unit of work, whatever its URL."""

    def request_fingerprint(self, request):
        key = source_key(request.meta)
        if key is None:
            return super().request_fingerprint(request)
        return hashlib.sha1(f"{key[0]}:{key[1]}:{request.meta.get('purpose', 'live')}".encode()).hexdigest()


class ClusterScheduler(Scheduler):
    """Seeds come from the shared queue (claimed); what they lead to stays on this worker."""

    def open(self, spider):
        super().open(spider)
        self.frontier = spider.frontier
        self.signals = spider.crawler.signals
        self.local: deque = deque()
        self.frontier.join()

    def close(self, reason):
        super().close(reason)
        self.frontier.leave()

    def enqueue_request(self, request):
        if CLAIM_META in request.meta or request.meta.get("purpose") == "probe":
            self.local.append(request)
            return True
        return super().enqueue_request(request)

    def next_request(self):
        if self.local:
            return self.local.popleft()
        while True:
            entry, closed = self.frontier.claim_seed()
            if entry is None:
                return None
            request = self.queue._decode_request(entry)
            request.meta[CLAIM_META] = True
            known = request.meta.pop(KNOWN_META, None)
            key = source_key(request.meta)
            if key is not None:
                self.frontier.claims[key] = entry
                if known:
                    self.frontier.known[key] = known
            if self.stats:
                self.stats.inc_value("scheduler/dequeued/redis")
            if not self._left_unasked(request, key, closed):
                return request

    def _left_unasked(self, request, key: tuple[int, int] | None, closed: dict[str, float]) -> bool:
        """Whether the claimed seed `request` goes to a host another worker closed for the crawl
        (`closed`, crawler/cluster/frontier.py `Frontier.quiet`): then its claim ends unasked
        (`Frontier.release`), before anything is asked for it, not even its host's robots.txt,
        and this worker closes the host too (`CLOSED_ELSEWHERE`: its requests queued or to come)."""
        host = urlparse_cached(request).hostname or ""
        if host not in closed:
            return False
        why = elsewhere(closed[host])
        self.signals.send_catch_log(signal=CLOSED_ELSEWHERE, host=host, why=why)
        self.frontier.release(key, why)
        if self.stats:
            self.stats.inc_value("citewatch/unasked")
        return True

    def has_pending_requests(self):
        return bool(self.local) or len(self.queue) > 0
