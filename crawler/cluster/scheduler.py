"""scrapy-redis' scheduler and dupefilter, made safe against a worker killed mid-crawl.

scrapy-redis pops a request from the shared queue and forgets it: a worker killed
before the answer is stored loses that source.  `ClusterScheduler` claims instead (the
request moves to the worker's in-flight hash in one step, crawler/cluster/frontier.py),
and keeps every follow-up of a claimed source (redirect hops, retries, the browser
retry, the soft-404 probe) in a local queue: they belong to the worker that holds the
claim and are redone with it if it dies.  `SourceDupeFilter` fingerprints a seed by
crawl and source, so seeding twice (a coordinator re-run) puts nothing in twice.
"""

from __future__ import annotations

import hashlib
from collections import deque

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

CLAIM_META = "citewatch_claim"
# A seed's known extraction (crawler/cluster/collect.py); the worker keeps it beside the claim
# instead of copying it into every follow-up request.
KNOWN_META = "citewatch_known"


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
        entry = self.frontier.claim()
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
        return request

    def has_pending_requests(self):
        return bool(self.local) or len(self.queue) > 0
