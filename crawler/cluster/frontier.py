"""The shared frontier's Redis keys, and what keeps a killed worker from losing anything.

Keys (all under `citewatch:`):

- `sources:requests` — scrapy-redis' priority queue of seed requests (one per source).
- `sources:dupefilter` — scrapy-redis' fingerprints: a source is seeded once per crawl.
- `crawl` — hash of the crawl in progress: its id, the settings every worker uses, and the
  host names the database keeps quiet (table host_quiet: {host: its time}), which no worker asks.
- `pending` — set of the source ids seeded and not yet written to the database.
- `results` — list of fetch results (JSON) waiting for the writer.
- `records:<crawl>` — list of the crawl's WARC records (record id, space, gzip member)
  in the order the workers wrote them, waiting for the writer's central WARC file
  (crawler/cluster/records.py); drained before every batch of results.
- `workers`, `alive:<worker>`, `inflight:<worker>` — the workers, their heartbeats (a key
  that expires) and the seed requests each has claimed and not yet finished.  When a
  heartbeat expires, `requeue_orphans` moves that worker's claims back to the queue
  (one Lua script, so a request is never both in flight and queued, nor lost).
- `quiet:<crawl>` — hash of the host names that asked to wait beyond retry_after_cap in the
  crawl (a 429's Retry-After, also a robots.txt's: crawler/middlewares/retries.py
  `BrowserRetryMiddleware._quiet`) -> the wait's end (a Unix time): no worker asks them
  anything more in that crawl (`Frontier.quiet`, `Frontier.claim_seed`).  Per crawl, as
  `records:<crawl>`: a late worker of an old crawl never closes a host in the next one.
  Deleted when the crawl closes; it expires a day after its latest end otherwise (an
  abandoned crawl's).

A seed request a worker does not send (its host closed for the crawl) ends its claim with a
result of kind "unasked" (`Frontier.release`): the collector counts its source as done
without writing anything, so the crawl ends without waiting for it, and the source keeps
its state and stays due.  The worker that meets the 429 pushes a result of kind "quiet"
(the host and the wait's end), which the collector keeps in table host_quiet for the next
crawls.
"""

from __future__ import annotations

import datetime
import json
import os
import socket
import threading
import time
from typing import Any

import redis

PREFIX = "citewatch"
# The form of seeds and results between a coordinator and its workers: raise it when either
# changes in a way the other side cannot read; a worker works only for a crawl of its own.
# 2: results carry the extraction's status, seeds their source's known extraction.
# 3: the text a seed carries is zlib-compressed.
# 4: the workers' shared host limit is keyed by host name, not host:port (crawler/cluster/limiter.py):
#    a worker of 3 would reserve under other keys, and the host's delay would not be shared.
# 5: results of kind "unasked" (a seed not sent, its claim released) and "quiet" (a host's wait
#    beyond the cap), which a collector of 4 would set aside as unreadable, and wait for their sources.
PROTOCOL = 5
QUEUE_KEY = f"{PREFIX}:%(spider)s:requests"
DUPEFILTER_KEY = f"{PREFIX}:%(spider)s:dupefilter"
CRAWL = f"{PREFIX}:crawl"
PENDING = f"{PREFIX}:pending"
RESULTS = f"{PREFIX}:results"
WORKERS = f"{PREFIX}:workers"
RECORDS = f"{PREFIX}:records:%d"
SET_ASIDE = f"{PREFIX}:results:set-aside:%d"  # results of a crawl the writer could not take, kept to inspect
QUIET = f"{PREFIX}:quiet:%d"
QUIET_KEPT = 86400  # seconds the quiet hash outlives its latest end, should its crawl never close
SPIDER = "sources"

# Take the best-ranked request and record it as claimed by this worker, atomically.
_CLAIM = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0)
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('HSET', KEYS[2], item[1], ARGV[1])
return item[1]
"""

# Every worker whose heartbeat has expired gives its claims back to the queue.
_REQUEUE = """
local moved = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. ':alive:' .. worker) == 0 then
    local inflight = ARGV[1] .. ':inflight:' .. worker
    for _, entry in ipairs(redis.call('HKEYS', inflight)) do
      redis.call('ZADD', KEYS[2], 0, entry)
      moved = moved + 1
    end
    redis.call('DEL', inflight)
    redis.call('SREM', KEYS[1], worker)
  end
end
return moved
"""


# Close host ARGV[1] for the crawl until ARGV[2] (a Unix time, never brought forward) in the hash
# KEYS[1], which outlives that end by ARGV[3] seconds (Redis' clock) unless it lives longer already;
# and tell the collector (the result ARGV[4] onto KEYS[2]), in one step.
_QUIET = """
local ends = tonumber(ARGV[2])
if ends > tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
local t = redis.call('TIME')
local ttl = math.floor((ends - tonumber(t[1]) + tonumber(ARGV[3])) * 1000)
if ttl > redis.call('PTTL', KEYS[1]) then redis.call('PEXPIRE', KEYS[1], math.max(ttl, 1000)) end
redis.call('RPUSH', KEYS[2], ARGV[4])
return 0
"""


def connect(url: str) -> redis.Redis:
    """A client for `url`, checked now so that a wrong URL is one clear error."""
    server = redis.Redis.from_url(url)
    try:
        server.ping()
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        raise ConnectionError(f"{url}: cannot reach Redis ({exc}); start redis-server there or fix --redis") from None
    return server


def queue_key() -> str:
    return QUEUE_KEY % {"spider": SPIDER}


def worker_name(pid: int | None = None) -> str:
    """This process' name in the cluster (or that of process `pid` on this machine, which
    the coordinator started): host and pid, safe in a file name."""
    return f"{socket.gethostname()}-{pid or os.getpid()}".replace("/", "_")


def records_key(crawl_id: int) -> str:
    """The list of the crawl's WARC records (one per crawl: a late record never lands in the next crawl's file)."""
    return RECORDS % crawl_id


def quiet_key(crawl_id: int) -> str:
    """The hash of the host names closed in crawl `crawl_id` (one per crawl, as `records_key`)."""
    return QUIET % crawl_id


def elsewhere(until: float) -> str:
    """Why a worker asks nothing more of a host another worker closed for the crawl (`Frontier.quiet`)."""
    at = datetime.datetime.fromtimestamp(until, datetime.timezone.utc).isoformat(timespec="seconds")
    return f"it asked another worker of the crawl to wait until {at}, beyond retry_after_cap"


def crawl_info(server: redis.Redis) -> dict[str, Any] | None:
    """The crawl in progress ({id, settings, protocol, quiet}) or None."""
    raw = server.hgetall(CRAWL)
    if not raw:
        return None
    return {"id": int(raw[b"id"]), "settings": json.loads(raw[b"settings"]),
            "protocol": int(raw.get(b"protocol", 1)),  # (coordinators before versioning published none)
            "quiet": json.loads(raw.get(b"quiet", b"{}"))}


def alive_key(worker: str) -> str:
    """A worker's heartbeat: a key that expires unless the worker sets it again."""
    return f"{PREFIX}:alive:{worker}"


def alive_workers(server: redis.Redis) -> set[str]:
    """The workers whose heartbeat has not expired."""
    return {worker.decode() for worker in server.smembers(WORKERS) if server.exists(alive_key(worker.decode()))}


def inflight_key(worker: str) -> str:
    """The hash of a worker's claims (queue entry -> claim time)."""
    return f"{PREFIX}:inflight:{worker}"


class ProtocolMismatch(RuntimeError):
    """The crawl's coordinator and this worker exchange seeds and results in different forms."""


def check_protocol(info: dict[str, Any], redis_url: str, role: str = "worker") -> None:
    """Refuse to work for a crawl whose coordinator speaks another protocol: its collector
    could not read this worker's results (or this worker its seeds), and they would find
    out only at the first result, stuck at the head of the list."""
    if info["protocol"] != PROTOCOL:
        raise ProtocolMismatch(
            f"crawl {info['id']} on {redis_url} was opened by a citewatch that speaks cluster protocol "
            f"{info['protocol']}, and this {role} speaks {PROTOCOL}: run the same citewatch version on the "
            "coordinator and every worker")


def requeue_orphans(server: redis.Redis) -> int:
    """Give the claims of every worker whose heartbeat expired back to the queue; return how many."""
    return int(server.eval(_REQUEUE, 2, WORKERS, queue_key(), PREFIX))


class Frontier:
    """A worker's side of the frontier: its claims, its heartbeat and its results."""

    def __init__(self, server: redis.Redis, worker: str, heartbeat: float, crawl_id: int = 0):
        self.server = server
        self.worker = worker
        self.heartbeat = heartbeat
        self.inflight = inflight_key(worker)
        self.alive = alive_key(worker)
        self.quiet_hosts = quiet_key(crawl_id)
        self.claims: dict[tuple[int, int], bytes] = {}  # (crawl, source) -> queue entry
        self.response_records: dict[int, str] = {}  # local WARC offset -> WARC-Record-ID, until its result
        self.known: dict[tuple[int, int], dict[str, Any]] = {}  # (crawl, source) -> its seed's known extraction
        self._stop = threading.Event()
        self._beating: threading.Thread | None = None
        self._claim = server.register_script(_CLAIM)
        self._quiet = server.register_script(_QUIET)

    def join(self) -> None:
        """Announce this worker and keep its heartbeat going in a thread (a killed process stops it)."""
        self._beat()
        self._beating = threading.Thread(target=self._beat_loop, name="citewatch-heartbeat", daemon=True)
        self._beating.start()

    def _beat(self) -> None:
        """Alive for one more heartbeat; and announced again, for a worker that paused longer
        than one was dropped from the workers (its claims requeued) and must be seen again."""
        with self.server.pipeline() as pipe:
            pipe.set(self.alive, self.worker, px=int(self.heartbeat * 1000))
            pipe.sadd(WORKERS, self.worker)
            pipe.execute()

    def _beat_loop(self) -> None:
        while not self._stop.wait(self.heartbeat / 3):
            try:
                self._beat()
            except redis.RedisError:
                pass  # Redis away for a moment: the next beat tries again

    def leave(self) -> None:
        """A clean stop: whatever is still claimed goes back to the queue now."""
        self._stop.set()
        if self._beating is not None:  # (a beat after this would announce the worker again)
            self._beating.join()
        self.server.delete(self.alive)
        requeue_orphans(self.server)

    def claim_seed(self) -> tuple[bytes | None, dict[str, float]]:
        """The next seed request's queue entry, now recorded as in flight here, with the hosts
        closed for the crawl (`quiet`: host -> its wait's end) read in the same round trip: a seed
        of a closed host is left before anything is asked for it (its host's robots.txt neither)."""
        with self.server.pipeline(transaction=False) as pipe:
            self._claim(keys=[queue_key(), self.inflight], args=[time.time()], client=pipe)
            pipe.hgetall(self.quiet_hosts)
            entry, closed = pipe.execute()
        return entry, {host.decode(): float(until) for host, until in closed.items()}

    def push(self, result: dict[str, Any], source: tuple[int, int] | None = None) -> None:
        """Hand one fetch result to the writer; a source's last result also ends its claim."""
        with self.server.pipeline() as pipe:
            pipe.rpush(RESULTS, json.dumps(result))
            entry = self.claims.pop(source, None) if source else None
            self.known.pop(source, None)
            if entry is not None:
                pipe.hdel(self.inflight, entry)
            pipe.execute()

    def release(self, source: tuple[int, int] | None, reason: str) -> bool:
        """End the claim of a source this worker leaves unasked (its host closed for the crawl):
        a result of kind "unasked" tells the collector it is done, with nothing to write, so the
        crawl does not wait for it.  False when this worker holds no claim of it (nothing to end)."""
        if source is None or source not in self.claims:
            return False
        self.push({"unasked": {"source_id": source[1], "reason": reason}, "worker": self.worker}, source)
        return True

    def quiet(self, host: str, until: float) -> None:
        """Close the host name `host` for the crawl on every worker (it asked to wait until
        `until`, a Unix time, beyond retry_after_cap), and have the collector keep that time."""
        note = json.dumps({"quiet": {"host": host, "until": until}, "worker": self.worker})
        self._quiet(keys=[self.quiet_hosts, RESULTS], args=[host, repr(until), QUIET_KEPT, note])

