"""The one writer: seed the frontier from the database, then move results into it.

`citewatch crawl --redis URL` opens (or resumes) a crawls row, publishes the crawl and
its politeness settings in Redis, pushes one request per due source into the shared
queue (with the source's known extraction, so that a worker need not parse an unchanged
page again), optionally starts local workers, and collects until every seeded source has its
outcome in the database.  With no source due and no crawl to resume it opens and publishes
none (crawl_id None), as the single-machine crawl (crawler/crawl.py).  As there, the sources of
a host whose time kept in table host_quiet is still to come are not seeded (they stay due,
their states as they were), the crawl says so once per host (crawler/crawl.py `quiet_lines`),
and the workers ask such a host nothing (the crawl publishes them); a host that asks a worker
to wait beyond retry_after_cap during the crawl is asked nothing more by any worker, its
seeds' claims end unasked (crawler/cluster/frontier.py), and its time reaches host_quiet
here, the one writer, never shortening one kept (state.py `keep_host_quiet`).  `citewatch collect
--redis URL` is the collecting half alone (after a coordinator was stopped, or on another
machine that holds the database).

Results are read, written and only then trimmed from the list (one writer), and each
write is the pipeline's upsert: a writer killed mid-batch re-writes the same rows.
Before a batch's results are written, the WARC records the workers pushed are appended
to the crawl's one WARC file on this machine (crawler/cluster/records.py), so each fetch
row points into that file.

A database or WARC file of this machine's that cannot be written (a full disk, a read-only
file system: crawler/spiderrun.py `local_write_problem`) stops the writer as it stops a
crawl (crawler/spiderrun.py `local_writes`): LocalWriteFailed, one line naming the file and the fix (exit 1).
The batch it was writing is rolled back and stays in Redis, with its records (a record cut
off in the file is truncated away when the writer starts again), so the next `citewatch
collect` (or coordinator) writes it whole; a coordinator marks its crawl interrupted if the
database takes it (else it stays running: resumed alike).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections import Counter
from contextlib import nullcontext
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

import db as database
from crawler.classify import classify
from crawler.cluster import frontier as keys
from crawler.cluster.frontier import check_protocol, connect, crawl_info, quiet_key, records_key, requeue_orphans
from crawler.cluster.local import LocalWorkers, WorkersGone, start_workers
from crawler.cluster.records import CentralWarc, central_path
from crawler.crawl import (CRAWL_SETTINGS, close_crawl, crawl_settings, mark_interrupted, check_settings, network_message,
                           nothing_crawled, outcomes, quiet_lines, quieted_meanwhile, say_quiet)
from crawler.extract import Extraction
from crawler.items import FetchItem
from crawler.middlewares.refusals import refusal
from crawler.pipelines import _FETCH_COLUMNS
from crawler.pipelines import _UPSERT as UPSERT_FETCH
from crawler.pipelines import _ORIGINS, remember_extraction, store_text
from crawler.spiderrun import local_writes, stopped_by_signals
from crawler.terminal import Console, Progress
from crawler.state import (due_sources, forget_passed_quiet, keep_host_quiet, open_crawl, quiet_hosts, record_check,
                           stored_checks, unfinished_crawl, without_quiet_hosts)
from db.lock import COLLECT, CRAWL, stage_lock

BATCH = 500
_WARC_COLUMN = _FETCH_COLUMNS.index("warc_path")  # warc_offset follows it
_SHA256_COLUMN = _FETCH_COLUMNS.index("sha256")


def _seed_request(spider, source: dict[str, Any], allow_private: bool, priority: int):
    """The request for one source, or the reason it is refused (recorded without a fetch)."""
    reason = refusal(source["url"], allow_private)
    if reason:
        return None, reason
    try:
        return spider.request(source["id"], source["url"], priority=priority), None
    except ValueError as exc:
        return None, f"not a valid URL ({exc}); repair it in the citation"


def seed(db, config, server, crawl_id: int, all_sources: bool = False, limit: int | None = None,
         quiet: Mapping[str, str] | None = None) -> dict[str, int]:
    """Push every due source of the crawl into the shared queue once, with its known
    extraction if it has one; record refusals now.  The sources of the hosts in `quiet`
    ({host: its time}, `quiet_hosts` when None) are left due, unasked, as crawler/crawl.py
    leaves them."""
    from scrapy_redis.queue import PriorityQueue

    from crawler.cluster.scheduler import KNOWN_META, SourceDupeFilter, shipped_extraction
    from crawler.cluster.worker import ClusterSourcesSpider

    spider = ClusterSourcesSpider(crawl_id=crawl_id)
    queue = PriorityQueue(server, spider, keys.QUEUE_KEY)
    seen = SourceDupeFilter(server, keys.DUPEFILTER_KEY % {"spider": keys.SPIDER})
    counts = {"seeded": 0, "refused": 0, "already": 0}
    allow_private = bool(config.values["allow_private_networks"])
    per_host: Counter = Counter()
    due, _ = without_quiet_hosts(due_sources(db, crawl_id, all_sources, limit, social=config.crawl_social,
                                             config=config.values), quiet_hosts(db) if quiet is None else quiet)
    for source in due:   # as crawler/crawl.py
        host = urlsplit(source["url"]).netloc if "//" in source["url"] else ""
        per_host[host] += 1
        # The queue hands out the first source of every host before the second of any:
        # a worker's claims spread over hosts instead of waiting on one host's delay.
        request, reason = _seed_request(spider, source, allow_private, priority=-per_host[host])
        if reason:
            item = FetchItem(source_id=source["id"], requested_url=source["url"], crawl_id=crawl_id,
                             preset_class="refused", error_message=reason)
            with database.write_transaction(db):   # (the fetch and the source's check: all or none)
                write(db, config.values, _refused_result(item, crawl_id))
            counts["refused"] += 1
            continue
        # (looked up before the fingerprint is taken: nothing slow may come between it and the push,
        # or a kill there would leave a source fingerprinted but never queued)
        known = shipped_extraction(db, source["id"])
        if known:
            request.meta[KNOWN_META] = known
        if seen.request_seen(request):
            counts["already"] += 1
        else:
            server.sadd(keys.PENDING, source["id"])
            queue.push(request)
            counts["seeded"] += 1
    return counts


def _refused_result(item: FetchItem, crawl_id: int) -> dict[str, Any]:
    from crawler.cluster.worker import result

    return result(item, crawl_id, classify(item, None, None), None, "coordinator")


def write(db, config: dict, result: dict[str, Any]) -> int:
    """One result into the database, as the pipeline stores it: the fetch (an upsert on its
    UNIQUE key), its text, and for a source's deciding fetch the source's state."""
    item = FetchItem(crawl_id=result["row"][0], **result["item"])
    fetch_id = db.execute(UPSERT_FETCH, result["row"]).fetchone()[0]
    if result["text"] and item.purpose in _ORIGINS:  # (workers before this check sent probes' texts too)
        # (a result queued by a worker older than `status` is stored as never to be reused)
        extraction = Extraction(**{"status": "unknown", **result["text"]})
        text_id = store_text(db, item, fetch_id, extraction)
        remember_extraction(db, item, fetch_id, text_id, extraction, result["row"][_SHA256_COLUMN])
    if item.purpose == "live" and item.final and not _recorded(db, item.source_id, fetch_id):
        record_check(db, item.source_id, {
            "at": database.now(), "class": result["verdict"]["cls"], "reason": result["verdict"]["reason"],
            "attempt": item.attempt, "crawl_id": item.crawl_id, "fetch_id": fetch_id,
        }, config)
    return fetch_id


def _recorded(db, source_id: int, fetch_id: int) -> bool:
    """The source's last check is this fetch already (a batch written again after a kill).
    Its checks read as record_check reads them (state.stored_checks): a `checks` column that is
    not a JSON list (hand-edited, damaged) keeps none, and the check is written; SQLite's
    json_extract raised "malformed JSON" on it, and the result was set aside every crawl."""
    row = db.execute("select checks from sources where id = ?", [source_id]).fetchone()
    checks = stored_checks(row[0]) if row else []
    return bool(checks) and checks[-1].get("fetch_id") == fetch_id


# SQLite's primary result codes of a database or machine in trouble (busy, locked, out of
# memory, read-only, interrupted, I/O, corrupt, full, cannot open, protocol, not a database).
_ENVIRONMENT_CODES = {5, 6, 7, 8, 9, 10, 13, 14, 15} | database.DAMAGED_CODES
SET_ASIDE_BATCH = 10  # a batch at least this big in which every result fails: the collector's fault


def _environment(exc: BaseException) -> bool:
    """An error of the database or the machine (locked, corrupt, a full disk, out of memory),
    not of the result's own data: the collector stops, and the next run writes the batch
    again.  Other SQLite errors (a constraint, a binding, malformed JSON in a value) come
    from the data: a result that raises one is set aside like any other."""
    if isinstance(exc, (OSError, MemoryError)):
        return True
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.DataError)):
        return False
    if isinstance(exc, sqlite3.DatabaseError):
        code = database.result_code(exc)
        return code is None or code in _ENVIRONMENT_CODES
    return False


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a value a result may hold")


def _write_one(db, config: dict, warc: CentralWarc, entry: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """One result written in its own savepoint: (result, None), or (result if it could be
    read, why) when its data cannot be written, and nothing of it is."""
    try:
        # (NaN and Infinity, which json reads, would be stored as JSON SQLite cannot read back)
        result = json.loads(entry, parse_constant=_no_constant)
        if _kind(result) == "fetch":
            result["row"][_WARC_COLUMN:_WARC_COLUMN + 2] = warc.locate(result.get("warc_record"), config["data_dir"])
    except Exception as exc:  # malformed bytes, a row that is not a list, …
        if _environment(exc):
            raise
        return None, f"unreadable result ({type(exc).__name__}: {str(exc)[:200]})"
    db.execute("SAVEPOINT result")
    try:
        if _kind(result) == "quiet":
            keep_host_quiet(db, str(result["quiet"]["host"]), float(result["quiet"]["until"]))
        elif _kind(result) == "fetch":
            write(db, config, result)
    except Exception as exc:
        if _environment(exc):
            raise  # (the outer transaction rolls back: the whole batch is written again)
        db.execute("ROLLBACK TO result")
        db.execute("RELEASE result")
        return result, f"{type(exc).__name__}: {str(exc)[:200]}"
    db.execute("RELEASE result")
    return result, None


def _kind(result: Any) -> str:
    """What a worker's result is (crawler/cluster/frontier.py): "fetch", or a note with no fetch:
    "unasked" (a seed not sent, its host closed for the crawl: nothing to write, its source done
    and still due) or "quiet" (a host's wait beyond retry_after_cap, for table host_quiet)."""
    if isinstance(result, dict):
        for kind in ("unasked", "quiet"):
            if kind in result:
                return kind
    return "fetch"


def _deciding_source(result: dict[str, Any] | None) -> int | None:
    """The source whose outcome this result is (its live, final fetch; or its seed left
    unasked), read defensively: a result set aside may lack any part of it."""
    if _kind(result) == "unasked" and isinstance(result["unasked"], dict):
        return result["unasked"].get("source_id")
    item = result.get("item") if isinstance(result, dict) else None
    if isinstance(item, dict) and item.get("purpose") == "live" and item.get("final"):
        return item.get("source_id")
    return None


def collect_batch(db, config: dict, server, warc: CentralWarc, crawl_id: int) -> int:
    """Append the WARC records waiting, then write up to BATCH results in one transaction and
    drop them from the list; return how many records and results were moved.

    The results are read before the records are drained: a worker pushes a fetch's records
    before its result, so every result read has its records in the file by the time it is
    written, and its row points at the response record there.  A result that cannot be
    written is set aside in Redis with the reason (`SET_ASIDE`) and its source counts as
    done: it has no outcome in this crawl, so it is still due for the next one.
    """
    raw = server.lrange(keys.RESULTS, 0, BATCH - 1)
    records = warc.drain(server, crawl_id)
    done, set_aside = [], []
    # (each result's savepoint inside it, `_write_one`; no write lock taken by a poll that found none)
    with database.write_transaction(db) if raw else nullcontext():
        for entry in raw:
            result, why = _write_one(db, config, warc, entry)
            if why:
                set_aside.append(json.dumps({"error": why, "result": entry.decode("utf-8", "replace")}))
            if (source := _deciding_source(result)) is not None:
                done.append(source)
        if len(raw) >= SET_ASIDE_BATCH and len(set_aside) == len(raw):
            # (raised inside the transaction: it rolls back, nothing is trimmed or set aside)
            raise RuntimeError(f"none of {len(raw)} results could be written (the first: "
                               f"{json.loads(set_aside[0])['error']}): the collector or its database is at "
                               "fault, not the results; fix it and run `citewatch collect` again")
    with server.pipeline() as pipe:
        pipe.ltrim(keys.RESULTS, len(raw), -1)
        if set_aside:
            pipe.rpush(keys.SET_ASIDE % crawl_id, *set_aside)
        if done:
            pipe.srem(keys.PENDING, *done)
        pipe.execute()
    return len(raw) + records


def complete(server) -> bool:
    """Every seeded source written, nothing left to write."""
    return server.scard(keys.PENDING) == 0 and server.llen(keys.RESULTS) == 0


def stranded(server) -> set[int]:
    """Seeded sources whose result can no longer come: none is queued, claimed or waiting to
    be written, yet these are pending (their result was set aside unreadable, so the writer
    could not tell whose it was).  Empty while anything is still on its way."""
    if server.llen(keys.RESULTS) or server.zcard(keys.queue_key()):
        return set()
    if any(server.hlen(keys.inflight_key(worker.decode())) for worker in server.smembers(keys.WORKERS)):
        return set()
    return {int(source) for source in server.smembers(keys.PENDING)}


def _set_aside_stranded(server, crawl_id: int, sources: set[int]) -> None:
    """Stranded sources end this crawl without an outcome (so they stay due), each said."""
    with server.pipeline() as pipe:
        pipe.rpush(keys.SET_ASIDE % crawl_id, *(json.dumps({"error": f"no readable result came for source {source}",
                                                            "result": None}) for source in sorted(sources)))
        pipe.srem(keys.PENDING, *sources)
        pipe.execute()


def collect(db, config: dict, server, warc: CentralWarc, crawl_id: int, tick: Callable[[], None] | None = None,
            poll: float = 0.2, local: LocalWorkers | None = None) -> None:
    """Write results until the crawl is complete; requeue the claims of dead workers meanwhile.

    Sources stranded (`stranded`) for twice a worker's heartbeat are given up: by then a
    worker that paused has announced itself and its claims again, or is dead.  When the
    `local` workers this process started are all dead and no other worker is alive, no
    result can come: WorkersGone, once every result that came is written."""
    lost: set[int] = set()
    since = 0.0
    patience = 2 * float(config.get("redis_heartbeat") or 15)
    while True:
        written = collect_batch(db, config, server, warc, crawl_id)
        requeue_orphans(server)
        if tick:
            tick()
        if complete(server):
            return
        if local is not None and local.gone(server) and not server.llen(keys.RESULTS):
            raise WorkersGone(local.obituary())
        now_lost = set() if written else stranded(server)
        if now_lost != lost:
            lost, since = now_lost, time.monotonic()
        elif lost and time.monotonic() - since > patience:
            _set_aside_stranded(server, crawl_id, lost)
            return
        if not written:
            time.sleep(poll)


def close(db, config: dict, server, warc: CentralWarc, crawl_id: int) -> None:
    """The crawl is complete: workers stop, the last records go into the file, the crawls row is finished."""
    with server.pipeline() as pipe:
        pipe.delete(keys.CRAWL, keys.DUPEFILTER_KEY % {"spider": keys.SPIDER}, quiet_key(crawl_id))
        pipe.execute()
    warc.drain(server, crawl_id)
    server.delete(records_key(crawl_id))
    warc.close()
    close_crawl(db, crawl_id, values=config)


def open_cluster_crawl(db, config, server, redis_url: str, scheduled: bool = False,
                       quiet: Mapping[str, str] | None = None) -> tuple[int, bool]:
    """Open (or resume) the crawls row and publish it, with its settings and the hosts the
    database keeps quiet (`quiet`: {host: its time}; no worker asks them), for the workers."""
    settings = {**crawl_settings(config), "redis": True}
    crawl_id, resumed = open_crawl(db, settings, scheduled)
    info = crawl_info(server)
    if info and info["id"] != crawl_id:
        raise RuntimeError(f"Redis already holds crawl {info['id']} of another database; "
                           "finish it with `citewatch collect` there, or use another Redis database number")
    if info:  # resuming: its seeds and results in Redis are in the form of the version that opened it
        check_protocol(info, redis_url, "coordinator")
    # (the configured User-Agent and contact, from which each worker builds the header the crawls row records)
    politeness = {**{name: settings[name] for name in CRAWL_SETTINGS},
                  "user_agent": config.values["user_agent"], "contact_url": config.values["contact_url"]}
    if not resumed:  # (a crawl of another database, ended here, may have left its own under this id)
        server.delete(keys.SET_ASIDE % crawl_id, quiet_key(crawl_id))
    server.hset(keys.CRAWL, mapping={"id": crawl_id, "settings": json.dumps(politeness), "protocol": keys.PROTOCOL,
                                     "quiet": json.dumps(dict(quiet or {}))})
    return crawl_id, resumed


def _bar(console: Console):
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.fields[counts]}"), console=console)


# The coordinator's command as its advice names it (a refusal's, a stop's "run … again"); the
# CLI puts the command the user typed in its place (crawler/run.py advice_naming).
COORDINATOR = "citewatch crawl --redis URL"


def run(db, config, redis_url: str, workers: int = 1, all_sources: bool = False, limit: int | None = None,
        console: Console | None = None, show_progress: bool = True) -> dict[str, Any]:
    """Seed, (start local workers,) collect, close; return what crawler.crawl.run returns
    (crawl_id None when nothing was due: no crawl was opened).
    One crawl at a time per database, distributed or not (db/lock.py)."""
    check_settings(config)   # as the single-machine crawl: a worker would crash on a bad one, unseen
    coordinator = dataclasses.replace(CRAWL, command=COORDINATOR)
    # SIGTERM (a `kill`, a supervisor) stops it as Ctrl-C does, by an exception: its crawl is
    # marked interrupted and its workers stopped, instead of a death that left both behind
    with (stopped_by_signals(), stage_lock(db, coordinator),
          _bar(console or Console(stderr=True)) if show_progress else nullcontext() as bar):
        task = bar.add_task("sources (redis)", total=None, counts="") if bar else None

        def progress(done: int, total: int, classes: dict) -> None:
            if bar:
                bar.update(task, completed=done, total=total,
                           counts=" ".join(f"{k}:{v}" for k, v in sorted(classes.items())))

        with local_writes(config.db_path, stage="collector"):   # (the WARC file's: _collect_and_close)
            return _run(db, config, redis_url, workers, all_sources, limit, progress, console)


def _run(db, config, redis_url: str, workers: int, all_sources: bool, limit: int | None,
         progress: Callable[[int, int, dict], None], console: Console | None = None) -> dict[str, Any]:
    """`run` under its lock.  As crawler/crawl.py, the hosts that asked to wait beyond
    retry_after_cap, before the crawl or during it, are said once each (`quiet_lines`)."""
    server = connect(redis_url)
    forget_passed_quiet(db)
    quiet = quiet_hosts(db)
    unfinished = unfinished_crawl(db)
    due, left = without_quiet_hosts(due_sources(db, unfinished, all_sources, limit, social=config.crawl_social,
                                                config=config.values), quiet)
    said = say_quiet(quiet_lines(left, quiet), console)
    if nothing_due(server, unfinished, due):
        return {**nothing_crawled(config), "seeded": {"seeded": 0, "refused": 0, "already": 0}, "quiet": said}
    crawl_id, resumed = open_cluster_crawl(db, config, server, redis_url, quiet=quiet)
    counts = seed(db, config, server, crawl_id, all_sources, limit, quiet)
    pending = server.scard(keys.PENDING)
    total = sum(outcomes(db, crawl_id).values()) + pending
    local = start_workers(config, redis_url, workers if pending else 0)

    try:
        _collect_and_close(db, config, server, crawl_id, total, progress, local)
    except WorkersGone as exc:
        raise WorkersGone(gone_message(str(exc), sum(outcomes(db, crawl_id).values()), total, crawl_id)) from None
    except BaseException:  # a stop (SIGINT, SIGTERM: `run`) or a failure: what is written stays, the rest is queued
        # (first: a second Ctrl-C while the workers stop must not leave it running; a database that
        # cannot be written now leaves it running, resumed alike, and the error that stopped it is said)
        mark_interrupted(db, crawl_id)
        local.stop(server)
        raise
    local.join(30)
    said += say_quiet(quieted_meanwhile(db, crawl_id, due, quiet), console)
    return {**summary(db, config, crawl_id, server), "resumed": resumed, "seeded": counts, "quiet": said}


def nothing_due(server, unfinished: int | None, due: list) -> bool:
    """No source `due` (at a host that is not waiting) and no crawl to resume: a crawl that
    fetched nothing is no crawl of the cited sources (the report would count it), so none is
    opened, as in crawler/crawl.py.  A crawl open in Redis is not nothing: `open_cluster_crawl`
    resumes it or says whose it is."""
    return unfinished is None and crawl_info(server) is None and not due


def gone_message(obituary: str, done: int, total: int, crawl_id: int) -> str:
    """The one line of a coordinator whose workers all died: who died, what is done, how to go on."""
    return (f"crawl {crawl_id} stopped: every worker died ({obituary}) and no other worker has a heartbeat; "
            f"{done} of {total} sources are written and the rest stay queued in Redis: run `{COORDINATOR}` again "
            "to finish the crawl, or start `citewatch worker --redis URL` on any machine and `citewatch collect "
            "--redis URL` beside the database")


def _collect_and_close(db, config, server, crawl_id: int, total: int, progress,
                       local: LocalWorkers | None = None) -> None:
    """Collect into this machine's database and WARC file (whichever machine started the crawl);
    either one that cannot be written stops it (`local_writes`)."""
    path = central_path(config.data_path, crawl_id)
    shown = [0.0]

    def show():
        shown[0] = time.monotonic()
        classes = outcomes(db, crawl_id)
        done = sum(classes.values())
        # done without an outcome: left unasked (a host that asked to wait) or set aside, for the next crawl
        left = total - done - server.scard(keys.PENDING)
        progress(done, total - max(left, 0), {**classes, **({"left for later": left} if left > 0 else {})})

    def tick():
        if time.monotonic() - shown[0] >= 0.5:  # the count is a query: twice a second is enough
            show()

    with local_writes(config.db_path, path, stage="collector"):
        warc = CentralWarc(path, int(config.values["warc_compression_level"]))
        db.execute("update crawls set warc_dir = ? where id = ?", [str(warc.path.parent), crawl_id])
        collect(db, config.values, server, warc, crawl_id, tick, local=local)
        show()   # (the last results' counts, which a tick within half a second of the one before skipped)
        close(db, config.values, server, warc, crawl_id)


def set_aside_message(server, crawl_id: int) -> str | None:
    """What to say of the results the writer could not take, with the first one's reason."""
    key = keys.SET_ASIDE % crawl_id
    count = server.llen(key)
    if not count:
        return None
    first = json.loads(server.lindex(key, 0))["error"]
    return (f"{count} result{'s' if count > 1 else ''} could not be written ({first}); they are kept in Redis "
            f"under {key} and their sources are still due: fix the cause and run `citewatch crawl --redis` again")


def summary(db, config, crawl_id: int, server) -> dict[str, Any]:
    """The crawl's counts, as crawler.crawl.run returns them."""
    classes = outcomes(db, crawl_id)
    messages = [network_message(db, crawl_id), set_aside_message(server, crawl_id)]
    return {"crawl_id": crawl_id, "sources": sum(classes.values()), "classes": classes,
            "warc_dir": str(central_path(config.data_path, crawl_id)),
            "message": "; ".join(filter(None, messages)) or None}


def run_collect(db, config, redis_url: str, console: Console | None = None) -> dict[str, Any] | None:
    """`citewatch collect`: write the open crawl's results until it is complete (None: no crawl open)."""
    server = connect(redis_url)
    info = crawl_info(server)
    if info is None:
        return None
    check_protocol(info, redis_url, "collector")
    crawl_id = info["id"]
    with stage_lock(db, COLLECT), _bar(console or Console(stderr=True)) as bar:  # not beside its coordinator
        task = bar.add_task("collect (redis)", total=None, counts="")
        total = sum(outcomes(db, crawl_id).values()) + server.scard(keys.PENDING)
        _collect_and_close(db, config, server, crawl_id, total, lambda done, shown_total, classes: bar.update(
            task, completed=done, total=shown_total, counts=" ".join(f"{k}:{v}" for k, v in sorted(classes.items()))))
    return summary(db, config, crawl_id, server)
