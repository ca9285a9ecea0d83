"""The crawl stage: fetch every source due for a check, and say what the web answered.

`run(db, config, ...)` opens (or resumes) a crawls row, runs the `sources` spider in a
child process (crawler/spiderrun.py) with a progress bar fed from the database, closes
the crawl and returns the counts per class.  With no source due and no crawl to resume it
opens none (crawl_id None): a crawl that fetched nothing is no crawl of the cited sources,
and a re-run, a watch or a scheduled run would pile up empty ones the report counted.  One it
takes over with nothing due (left running by a run killed before its first fetch, a `citewatch
check`'s) is closed, and when neither run fetched anything it is no crawl either (`counted`).
A killed crawl is resumed by the next run: the sources that already have an outcome in it
are not fetched again.  A crawl stopped by SIGINT, SIGTERM or SIGHUP (Ctrl-C, `kill`, a
supervisor, a closed terminal) is marked interrupted once its child has stored every page it fetched
(crawler/spiderrun.py), so the next run fetches only the rest.  A crawl whose every source
failed at the network level while no canary host answered is taken as run offline:
finishing it withdraws its checks (crawler/state.py), and the message says so.
One crawl at a time per database (db/lock.py): a crawl started while another process
crawls, or collects a distributed crawl, raises StageBusy before it opens anything.  A
write that waited past write_wait for another program's write lock (a `sqlite3`
shell, a DB browser) raises DatabaseLocked, one line naming the database and the way out.
A WARC file or database that cannot be written (a full disk, a read-only file system) stops
the crawl (crawler/spiderrun.py): LocalWriteFailed, one line naming the file and the fix; the
crawl is marked interrupted if the database takes it (else it stays running: resumed alike).
A host that asked to wait beyond retry_after_cap (a 429, also to its robots.txt; or a 429's
hold a stop cut short: crawler/middlewares/retries.py `BrowserRetryMiddleware`) is asked
nothing more in that crawl, nor by later crawls before its time (table host_quiet): its
sources are left due, their states as they were, and the crawl says so once per host, on its
console and in its log (`quiet_lines`), with the way to ask it sooner.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any, Collection, Mapping

from rich.console import Console

from archive.polite import seconds_to, utc_after
from crawler.config import ConfigError, human_duration
from crawler.resolve import parse_pins
from crawler.spiderrun import local_write_problem, local_writes, run_spider, user_agent
from crawler.state import (COUNTED_CRAWL, due_sources, finish_crawl, forget_passed_quiet, next_due, open_crawl, outcomes,
                           quiet_hosts, sent, unfinished_crawl, without_quiet_hosts)
import db as database
from db import BUSY_CODE, lock_wait_message, result_code
from db.lock import CRAWL, stage_lock

logger = logging.getLogger(__name__)

# The settings that change what a fetch finds: a crawls row records them (`crawl_settings`), and a
# distributed crawl sends them to its workers (crawler/cluster/collect.py `open_cluster_crawl`),
# where the coordinator's value replaces the worker's own.  A setting every worker must share with
# the coordinator goes here (the retry ones too: when a host is waited for, and when it is closed for
# the crawl on every worker, must not depend on which worker met its 429); one that is each
# machine's (a path, `ca_bundle`, `resolve_hosts`, `concurrency`) stays out, and a worker reads it
# from its own configuration.
CRAWL_SETTINGS = ("fetch_timeout", "retries", "retry_backoff", "retry_after_default", "retry_after_cap",
                  "per_host_concurrency", "host_delay", "obey_robots", "max_size", "browser_retry", "soft404_probe",
                  "allow_private_networks")


def crawl_settings(config) -> dict[str, Any]:
    """The crawls row's settings (CRAWL_SETTINGS' values and the User-Agent sent): what a later
    reader needs to know how the crawl's fetches were made."""
    return {**{name: config.values[name] for name in CRAWL_SETTINGS}, "user_agent": user_agent(config.values)}


# How the offline line ends: what to do.  A watch, which checks the sources again by itself,
# says it otherwise (crawler/schedule.py `offline_advice`); run and check name the user's
# own command for `citewatch crawl` (crawler/run.py `advice_naming`).
OFFLINE_ADVICE = f"check this machine's connection (or proxy) and run `{CRAWL.command}` again"


def network_message(db, crawl_id: int) -> str | None:
    """A one-line explanation when the crawl ran offline (every source failed at the network
    level and no canary host answered): its checks were withdrawn, the states are as they were."""
    row = db.execute("select offline from crawls where id = ?", [crawl_id]).fetchone()
    if not row or not row[0]:
        return None
    count = sum(sent(outcomes(db, crawl_id)).values())
    failed, kept = (("the one source failed", "its state was left as it was") if count == 1 else
                    (f"all {count} sources failed", "their states were left as they were"))
    return (f"the network seems unreachable: {failed} with a DNS or connection error and no canary host answered, "
            f"so {kept}; {OFFLINE_ADVICE}")


def _progress(config, crawl_id: int, total: int, asked: list[dict[str, Any]], before: Mapping[str, str]):
    """A progress callable for run_spider: reads the crawl's outcomes from its own connection.
    The sources of `asked` at a host that asks to wait during the crawl (one not in `before`,
    the hosts quiet as it began) get no outcome: they leave the total, counted as "left for later", so
    the bar ends full, not short by them (`_left_for_later`)."""
    progress_db = database.open_db(config.db_path, migration_wait=config.migration_wait,
                                   write_wait=config.write_wait)

    def poll():
        try:
            classes = outcomes(progress_db, crawl_id)
            left = _left_for_later(progress_db, crawl_id, asked, before)
        except sqlite3.OperationalError:  # busy for a moment: show the last counts
            return poll.last
        poll.last = (sum(classes.values()), total - left, {**classes, **({"left for later": left} if left else {})})
        return poll.last

    poll.last = (0, total, {})

    return poll


def _left_for_later(db, crawl_id: int, asked: list[dict[str, Any]], before: Mapping[str, str]) -> int:
    """How many sources of `asked` this crawl leaves unasked so far (`left_meanwhile`)."""
    left, _ = left_meanwhile(db, crawl_id, asked, before)
    return sum(len(sources) for sources in left.values())


def check_settings(config) -> None:
    """The settings a crawl's fetches read, checked before it opens anything: a bad one is a
    one-line error here, not a crashed crawl (whose distributed coordinator would wait for ever)."""
    if config.ca_bundle and not Path(config.ca_bundle).is_file():
        raise ConfigError(f"ca_bundle: {config.ca_bundle} is not a file; give a PEM file of CA certificates or leave it empty")
    parse_pins(config.resolve_hosts)


class DatabaseLocked(Exception):
    """Another process held the database's write lock longer than a write waits (SQLite's
    busy timeout): one line naming the database, who may hold it and the fix."""


def run(db, config, all_sources: bool = False, limit: int | None = None, scheduled: bool = False,
        console: Console | None = None, show_progress: bool = True,
        source_ids: Collection[int] | None = None) -> dict[str, Any]:
    """Crawl the due sources; return {crawl_id, resumed, sources, classes, warc_dir, message}
    (crawl_id None when nothing was due: no crawl was opened).

    `all_sources` crawls every source, due or not (`crawl --all`); `limit` at most that many of
    them (`crawl --limit`, the first in the due list's order; the rest stay due for the next crawl).

    `source_ids` limits the crawl to those sources (`citewatch check`'s list: crawler/run.py
    `Scope`), None to every one; an empty collection crawls none.  Such a crawl is a new one
    (with none of them due, none at all), never another run's unfinished crawl resumed: that
    is the next unlimited crawl's to finish.

    DatabaseLocked when another process holds the database's write lock past the busy
    timeout (a sqlite3 shell, a DB browser): a crawl it stopped half way is resumed next time.
    """
    check_settings(config)
    with stage_lock(db, CRAWL):  # a second process would resume this crawl too (StageBusy: db/lock.py)
        try:
            with local_writes(config.db_path):
                return _crawl(db, config, all_sources, limit, scheduled, console, show_progress, source_ids)
        except sqlite3.OperationalError as exc:
            if result_code(exc) != BUSY_CODE:
                raise
            raise DatabaseLocked(write_lock_line(config, CRAWL.command, "(it continues where it stopped)")) from None


def write_lock_line(config, command: str, note: str = "") -> str:
    """The one line for a write that waited write_wait for another process's write lock, its
    advice to run `command` again (then `note`): the crawl, a watch and every other command
    say it alike, so its wording is kept here only."""
    way_out = f"close the program writing it and run `{command}` again"
    return lock_wait_message(config.db_path, human_duration(config.write_wait), f"{way_out} {note}" if note else way_out)


def _crawl(db, config, all_sources: bool, limit: int | None, scheduled: bool, console: Console | None,
           show_progress: bool, source_ids: Collection[int] | None) -> dict[str, Any]:
    """The crawl itself, this process alone on the database."""
    settings = crawl_settings(config)
    # A limited crawl (check's list) never resumes another run's unfinished crawl: it would
    # close it finished with that run's sources never fetched; it opens its own, and leaves that
    # one to the next crawl that is not limited.
    resume = source_ids is None
    unfinished = unfinished_crawl(db) if resume else None
    forget_passed_quiet(db)
    quiet = quiet_hosts(db)
    due, left = without_quiet_hosts(due_sources(db, unfinished, all_sources, limit, social=config.crawl_social,
                                                source_ids=source_ids, config=config.values), quiet)
    said = say_quiet(quiet_lines(left, quiet), console)
    todo = len(due)
    if not todo and unfinished is None:  # nothing fetched is no crawl (the report would count it)
        return {**nothing_crawled(config), "quiet": said}
    warc_dir = config.data_path.resolve() / "warc"
    crawl_id, resumed = open_crawl(db, settings, scheduled, resume=resume)
    done_before = sum(outcomes(db, crawl_id).values())
    db.execute("update crawls set warc_dir = ? where id = ?", [str(warc_dir), crawl_id])   # (a resumed crawl's again)
    if todo:
        progress = _progress(config, crawl_id, done_before + todo, due, quiet) if show_progress else None
        try:
            run_spider("sources", config, progress=progress, console=console, crawl_id=crawl_id,
                       all_sources=all_sources, limit=limit, source_ids=source_ids)
        except BaseException:  # SpiderFailed, LocalWriteFailed, a stop by SIGINT (KeyboardInterrupt) or SIGTERM (SystemExit): spiderrun.py
            mark_interrupted(db, crawl_id)
            raise
        said += say_quiet(quieted_meanwhile(db, crawl_id, due, quiet), console)
    classes = outcomes(db, crawl_id)
    close_crawl(db, crawl_id, values=config.values)
    if not todo and not counted(db, crawl_id):   # taken over with nothing due, from a run killed before a fetch
        return {**nothing_crawled(config), "quiet": said}
    return {
        "crawl_id": crawl_id,
        "resumed": resumed,
        "sources": sum(classes.values()),
        "classes": classes,
        "warc_dir": str(warc_dir),
        "message": network_message(db, crawl_id),
        "quiet": said,
    }


def left_meanwhile(db, crawl_id: int, asked: list[dict[str, Any]], before: Mapping[str, str]
                   ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """({host: its sources left}, {host: its time}) of the hosts that asked to wait during crawl
    `crawl_id` (table host_quiet, written at once: crawler/pipelines.py `keep_quiet`; those quiet
    before it, `before`, were said): of the sources it was to ask (`asked`), those at such a host
    with no outcome in the crawl (their requests were dropped unasked).  One read of a small
    table; the crawl's outcomes only once a host waits (the progress asks this at every poll)."""
    quiet = {host: at for host, at in quiet_hosts(db).items() if host not in before}
    if not quiet:
        return {}, quiet
    _, left = without_quiet_hosts(asked, quiet)
    done = {row[0] for row in db.execute("select source_id from fetches where crawl_id = ? and purpose = 'live' "
                                         "and final = 1", [crawl_id])}
    return {host: kept for host, sources in left.items()
            if (kept := [source for source in sources if source["id"] not in done])}, quiet


def quieted_meanwhile(db, crawl_id: int, asked: list[dict[str, Any]], before: Mapping[str, str]) -> list[str]:
    """The lines of the hosts that asked to wait during the crawl (`quiet_lines`, `left_meanwhile`)."""
    return quiet_lines(*left_meanwhile(db, crawl_id, asked, before))


def quiet_lines(left: Mapping[str, list], quiet: Mapping[str, str]) -> list[str]:
    """One line per host whose sources a crawl leaves for a later run (`left`, host -> its
    sources) because it asked to wait until its time in `quiet`: when, how many, and how to ask
    it before then (as the archive's own wait says it: archive/wayback.py `_keep_quiet`)."""
    lines = []
    for host, sources in sorted(left.items()):
        until = utc_after(seconds_to(quiet[host]))
        n = len(sources)
        lines.append(f"{host} asked to wait until {until} (its Retry-After); its {n} source{'s' if n != 1 else ''} "
                     f"{'are' if n != 1 else 'is'} left for a later run; to ask it before then, delete the time kept: "
                     f"DELETE FROM host_quiet WHERE host = '{host.replace(chr(39), chr(39) * 2)}'")
    return lines


def say_quiet(lines: list[str], console: Console | None) -> list[str]:
    """`lines` on the crawl's console (when it has one) and in its log; returned for the summary."""
    for line in lines:
        logger.warning("%s", line)
        if console is not None:
            console.print(line, style="yellow", markup=False, soft_wrap=True)
    return lines


def close_crawl(db, crawl_id: int, status: str = "finished", values: dict[str, Any] | None = None) -> None:
    """`finish_crawl` (crawler/state.py) in one write transaction, as every way of running a
    crawl closes its row: an offline crawl's withdrawn checks and its row's status stand or
    fall together.  (sqlite-utils commits each write at once outside a transaction: under
    `with db.conn:` a failure after the withdrawal left the checks withdrawn, the crawl open.)"""
    with database.write_transaction(db):
        finish_crawl(db, crawl_id, status, values=values)


def mark_interrupted(db, crawl_id: int) -> None:
    """Mark a crawl that did not finish interrupted; a database that cannot be written now (a
    full disk) leaves it running, which the next crawl resumes alike, and the error that
    stopped the crawl is the one said."""
    try:
        close_crawl(db, crawl_id, "interrupted")
    except sqlite3.Error as exc:
        if not local_write_problem(exc):
            raise


def counted(db, crawl_id: int) -> bool:
    """Whether the crawl is one the report counts (crawler/state.py `COUNTED_CRAWL`: it fetched
    something).  A crawl a killed `citewatch check` (or any crawl killed before its first fetch)
    left running is taken over by the next crawl, which closes it even when nothing is due; with
    no fetch, by that run or the one killed, it is no crawl, and that run says what a run that
    opened none says (`nothing_crawled`, then `nothing_due`: when the next source is due), not
    "0 sources (no source was due)" of a crawl it names.  The row stays, closed `finished`: the
    report leaves it out, and left running it would be taken over again by every later crawl."""
    return db.execute(f"select 1 from crawls where id = ? and {COUNTED_CRAWL}", [crawl_id]).fetchone() is not None


def nothing_crawled(config) -> dict[str, Any]:
    """What `run` returns when nothing was due and no crawl was opened (the distributed
    coordinator's too, crawler/cluster/collect.py)."""
    return {"crawl_id": None, "resumed": False, "sources": 0, "classes": {},
            "warc_dir": str(config.data_path.resolve() / "warc"), "message": None, "quiet": []}


def nothing_due(db, config) -> str:
    """The summary of a crawl that found no source due (and opened none): when the first is
    due, and that --all re-checks them all now; no WARC folder, as nothing was written."""
    from crawler.report_data import utc_minute

    quiet = quiet_hosts(db)
    due = due_sources(db, None, social=config.crawl_social, config=config.values) if quiet else []   # (a read of every source)
    _, left = without_quiet_hosts(due, quiet)
    if left:   # (their hosts' lines came before this one)
        waiting = sum(len(sources) for sources in left.values())
        return (f"0 sources fetched: {waiting} due source{'s' if waiting != 1 else ''} {'are' if waiting != 1 else 'is'} "
                f"at hosts that asked to wait (said above); a run after "
                f"{utc_after(seconds_to(min(quiet[host] for host in left)))} asks the first of them")
    at = next_due(db, social=config.crawl_social, config=config.values)
    if at is None:
        return "0 sources (no source was due): the database holds none to crawl; ingest a document first (`citewatch ingest DOC`)"
    return f"0 sources (no source was due): the next is due at {utc_minute(at)}; --all re-checks every source now"


def unchanged(db, crawl_id: int | None) -> int:
    """Sources whose page came back byte for byte as last time: their extraction was reused."""
    return db.execute(
        """select count(*) from fetches where crawl_id = ? and purpose = 'live' and final = 1
           and json_extract(evidence, '$.extraction_reused_from') is not null""", [crawl_id]).fetchone()[0]


def summary_rows(db, crawl_id: int | None) -> list[tuple[str, str, str]]:
    """(url, class, reason) of every source in the crawl, for the CLI's summary table."""
    return db.execute(
        """select s.url, f.class, f.reason from fetches f join sources s on s.id = f.source_id
           where f.crawl_id = ? and f.purpose = 'live' and f.final = 1 order by s.id""",
        [crawl_id],
    ).fetchall()

