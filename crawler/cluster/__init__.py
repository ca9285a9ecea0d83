"""Distributed crawl: one frontier in Redis (scrapy-redis), many workers, one writer.

- `frontier.py` — the Redis keys, the seed requests, each worker's in-flight set with its
  heartbeat, and the requeue of a dead worker's sources.
- `scheduler.py` — the scrapy-redis scheduler and dupefilter, with a claim on every
  request a worker takes from the shared queue (and its follow-ups kept local).
- `limiter.py` — one request per `host_delay` per host for the whole cluster; a 429's hold
  holds every worker, and a host that asks to wait beyond retry_after_cap is closed for the
  crawl on every worker (its seeds' claims end unasked; the collector keeps its time in
  table host_quiet, which the next crawls read as the single-machine crawl does).
- `worker.py` — `citewatch worker`: the sources spider over the shared frontier; results
  go to Redis, never to SQLite.
- `collect.py` — `citewatch crawl --redis` (seed, collect) and `citewatch collect`: the
  only writer of the database.
- `local.py` — the workers `crawl --redis --workers N` starts on its machine, watched: when
  all are dead and no other worker is alive, the coordinator stops instead of waiting.
- `records.py` — the crawl's WARC records, shipped by the workers as they write them and
  appended by the writer to one file beside the database.

README.md ("Running on several machines") says how to run it; the single-machine crawl (crawler/crawl.py) is
unchanged and remains the default.
"""
