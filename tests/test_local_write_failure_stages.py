"""A full disk (or a stop) in the distributed crawl's writer and in the archive stage.

- `citewatch collect` whose WARC file or database cannot be written stops in one line naming
  the file and the fix (exit 1), writes nothing of the batch it was at, and a second collect
  with space back finishes the crawl: every page once, no record twice.  So does a coordinator
  (`citewatch crawl --redis`), its local workers stopped with it; a worker whose own WARC file
  cannot be written stops in one line and leaves its claims to the others.
- A memento round stopped midway (SIGINT, a full disk) is left unfinished, and the next
  `citewatch archive` resumes it: every source's memento is fetched once over both runs, but
  one the archive failed (its own 503) before the stop, which is fetched again (and counted once
  in the progress, by its newest fetch); but never while
  the archive's own 429 met before the stop asks to wait: its Retry-After is kept as the round
  stops, and without it kept (a kill -9) the resumed round asks the archive nothing.
- The archive stage whose database fills up stops in one line, not a traceback.

The small disk is tests/test_local_write_failure.py's (a tmpfs in a mount namespace of its
own, as root), running the command each test names instead of `citewatch crawl`.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import redis

import db as database
import tests.test_local_write_failure as small_disk
from crawler.cluster import frontier as keys
from tests.clirun import cli_here
from tests.conftest import ROOT
from tests.test_archive import Seed
from tests.test_distributed import (_as_typed, add_pages, assert_central_warc, assert_rows_exact, citewatch, cluster_env,
                                    fetches_per_page, finals, finish, reaped, wait_for)

needs_small_disk = pytest.mark.skipif(not small_disk._private_tmpfs(),
                                      reason="needs `unshare -m` and a tmpfs mount (root)")


def _on_small_disk(monkeypatch, command: str, env: dict, small: Path, copy: Path, **options):
    """`citewatch <command>` on tests/test_local_write_failure.py's small disk (its
    `_crawl_on_small_disk`, which runs `citewatch crawl`); what it printed, its exit status,
    and the disk's files copied to `copy`."""
    script = small_disk.SCRIPT.replace(" -m crawler.cli crawl ", f" -m crawler.cli {command} ")
    assert script != small_disk.SCRIPT, "tests/test_local_write_failure.py runs its command otherwise now"
    monkeypatch.setattr(small_disk, "SCRIPT", script)
    return small_disk._crawl_on_small_disk(env, small, copy, **options)


def _error_line(result, *progress: str) -> str:
    """The command's error: one line, besides the progress lines headed by one of `progress`;
    no traceback."""
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith(progress)]
    assert "Traceback" not in result.stderr + result.stdout and len(lines) == 1, result.stderr
    return lines[0]


# ---------------------------------------------------------------- the collector

def _results_waiting(db, web, env, redis_url, tmp_path, count: int):
    """A distributed crawl of `count` pages whose coordinator was killed once it had seeded them,
    and whose worker (on a machine of its own) has pushed every result to Redis: all that is left
    is to collect.  Returns (the cluster's environment, Redis, the worker, the pages' run token,
    {page: url}).  That crawl is the set-up, not what is tested: no host_delay, eight requests a
    host (one a host, a Redis round trip each, 200 pages took some 5 s)."""
    run, urls = add_pages(db, web, count, ("main", "other"))
    cluster = cluster_env(env, redis_url, host_delay=0, per_host_concurrency=8)
    coordinator = citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0")
    server = redis.Redis.from_url(redis_url)
    wait_for(lambda: server.scard(keys.PENDING) == len(urls), what="the seeding")
    os.kill(coordinator.pid, signal.SIGKILL)
    coordinator.wait()
    worker = citewatch({**cluster, "CITEWATCH_DATA_DIR": str(tmp_path / "worker")}, "worker", "--redis", redis_url)
    wait_for(lambda: server.llen(keys.RESULTS) == len(urls), what="every result in Redis")
    return cluster, server, worker, run, urls


def _nothing_written(db, server, urls) -> None:
    """The batch the collector was writing: not one row of it stored, all of it still in Redis."""
    assert finals(db) == 0 and db.execute("select count(*) from texts").fetchone()[0] == 0
    assert all(row["checks"] is None and row["state"] == "unknown" for row in db.query("select * from sources"))
    assert server.llen(keys.RESULTS) == len(urls) and server.scard(keys.PENDING) == len(urls)
    assert [row["status"] for row in db.query("select status from crawls")] == ["running"]   # resumed by collect


@needs_small_disk
def test_a_collector_whose_warc_disk_fills_stops_in_one_line_and_a_second_collect_finishes(
        web, env, db, redis_url, tmp_path, monkeypatch):
    with reaped() as started:
        cluster, server, worker, run, urls = _results_waiting(db, web, env, redis_url, tmp_path, 60)
        started.append(worker)
        small = tmp_path / "small"
        collector = {**cluster, "CITEWATCH_DATA_DIR": str(small / "data")}   # its WARC file on the small disk

        result = _on_small_disk(monkeypatch, f"collect --redis {redis_url}", collector, small, tmp_path / "copy")

        assert result.returncode == 1, result.stdout + result.stderr
        line = _error_line(result, "collect (redis)")
        warc = small / "data" / "warc" / "sources-crawl1.warc.gz"
        assert line.startswith(f"Error: cannot write {warc} (No space left on device)"), line
        assert f"free space on {small} and run again" in line, line
        _nothing_written(db, server, urls)
        copied = tmp_path / "copy" / "data"
        assert 0 < (copied / "warc" / "sources-crawl1.warc.gz").stat().st_size   # records before the disk filled

        # space back (the disk's files where there is some): the crawl is finished, every page once
        out = _collect({**cluster, "CITEWATCH_DATA_DIR": str(copied)}, redis_url)
        assert f"crawl 1: {len(urls)} sources (live: {len(urls)})" in out
        finish(worker)
    assert_rows_exact(db, urls)
    assert fetches_per_page(web, run) == Counter({n: 1 for n in urls})
    assert_central_warc(db, copied)   # the cut-off record dropped, none appended twice


@needs_small_disk
def test_a_collector_whose_database_disk_fills_stops_in_one_line_and_a_second_collect_finishes(
        web, env, db, db_path, redis_url, tmp_path, monkeypatch):
    with reaped() as started:
        cluster, server, worker, run, urls = _results_waiting(db, web, env, redis_url, tmp_path, 200)
        started.append(worker)
        db.conn.close()
        seed = tmp_path / "seed"
        seed.mkdir()
        shutil.copy(db_path, seed / "test.db")   # the database on the small disk (closed: no -wal to copy)
        small = tmp_path / "small"
        collector = {**cluster, "CITEWATCH_DB": str(small / "test.db")}

        result = _on_small_disk(monkeypatch, f"collect --redis {redis_url}", collector, small, tmp_path / "copy",
                                free=128 * 1024, seed=seed)

        assert result.returncode == 1, result.stdout + result.stderr
        line = _error_line(result, "collect (redis)")
        assert line.startswith(f"Error: cannot write {small / 'test.db'} (database or disk is full)"), line
        assert f"free space on {small} and run again" in line, line
        copied = database.open_db(tmp_path / "copy" / "test.db")
        _nothing_written(copied, server, urls)

        out = _collect({**cluster, "CITEWATCH_DB": str(tmp_path / "copy" / "test.db")}, redis_url)
        assert f"crawl 1: {len(urls)} sources (live: {len(urls)})" in out
        finish(worker)
    assert_rows_exact(copied, urls)
    assert fetches_per_page(web, run) == Counter({n: 1 for n in urls})
    assert_central_warc(copied, Path(cluster["CITEWATCH_DATA_DIR"]))


@needs_small_disk
def test_a_coordinator_whose_database_disk_fills_stops_its_workers_in_one_line_and_a_rerun_finishes(
        web, env, db, db_path, redis_url, tmp_path, monkeypatch):
    run, urls = add_pages(db, web, 200, ("main", "other"))
    db.conn.close()
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copy(db_path, seed / "test.db")
    small = tmp_path / "small"
    # (no host_delay, eight requests a host: the disk fills at the same write however fast the
    # pages come, and politeness is not what this proves; _results_waiting)
    cluster = cluster_env(env, redis_url, host_delay=0, per_host_concurrency=8)
    coordinator = {**cluster, "CITEWATCH_DB": str(small / "test.db")}

    result = _on_small_disk(monkeypatch, f"crawl --redis {redis_url} --workers 1", coordinator, small,
                            tmp_path / "copy", free=128 * 1024, seed=seed)

    assert result.returncode == 1, result.stdout + result.stderr
    line = _error_line(result, "sources (redis)")
    assert line.startswith(f"Error: cannot write {small / 'test.db'} (database or disk is full)"), line
    assert f"free space on {small} and run again" in line, line
    copied = database.open_db(tmp_path / "copy" / "test.db")
    # interrupted, or left running when the disk took no more: resumed alike
    assert [row["status"] for row in copied.query("select status from crawls")] in (["interrupted"], ["running"])
    assert finals(copied) < len(urls)

    rerun = finish(citewatch({**cluster, "CITEWATCH_DB": str(tmp_path / "copy" / "test.db")},
                             "crawl", "--redis", redis_url, "--workers", "1"))
    assert f"{len(urls)} sources (live: {len(urls)})" in rerun
    assert_rows_exact(copied, urls)
    assert set(fetches_per_page(web, run)) == set(urls)
    assert_central_warc(copied, Path(cluster["CITEWATCH_DATA_DIR"]))


# ---------------------------------------------------------------- the rescue's rounds

# the test archive is one of our own: its lookups and saves unpaced (0, no limit; Archive.env's
# limits cost a tenth of a second a save).  They are these tests' set-up (one capture a source
# to fetch), not what they prove: the rounds, stops and full disks come after them.
UNPACED = {"cdx_per_minute": 0, "save_per_minute": 0, "save_per_minute_keys": 0}


def _saved_live_sources(db, archive, count: int) -> list[int]:
    """`count` live sources the archive has no capture of: the stage saves each, and (rescue_live)
    then fetches that capture, one memento per source."""
    seed = Seed(db)
    return [seed.source(f"https://round-{archive.ns}.example/page-{n}") for n in range(count)]


def _archive(env: dict) -> subprocess.CompletedProcess:
    """`citewatch archive` run again once the stop or the full disk is over: what it stores and
    says is the test, not its process, so it is called in this process (tests/test_crawl.py
    `cli_here`)."""
    return cli_here(env, "archive")


def _collect(env: dict, redis_url: str) -> str:
    """A second `citewatch collect`, space back: what it prints (stdout and stderr), once it has
    ended well.  Called in this process (`cli_here`), as `_archive`."""
    result = cli_here(env, "collect", "--redis", redis_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _memento_rounds(db) -> list[str]:
    return [row[0] for row in db.execute(
        "select status from crawls where json_extract(settings, '$.spider') = 'mementos' order by id")]


def _stored_mementos(db) -> int:
    return db.execute("select count(*) from fetches where purpose = 'memento' and final = 1").fetchone()[0]


def _each_memento_once(db, sources: list[int]) -> None:
    """Every source's memento stored once over the runs (one final fetch), read back onto its
    snapshot, and every round finished."""
    fetched = Counter(row[0] for row in db.execute(
        "select source_id from fetches where purpose = 'memento' and final = 1"))
    assert fetched == Counter({source: 1 for source in sources}), fetched
    classes = {row[0]: row[1] for row in db.execute("select source_id, class from snapshots where saved = 1")}
    assert classes == {source: "live" for source in sources}
    assert set(_memento_rounds(db)) == {"finished"}


def _archive_stopped_by_ctrl_c(env: dict, until, what: str) -> None:
    """`citewatch archive` in a process of its own, stopped by Ctrl-C (SIGINT) once `until()`
    holds: it must still be running then, and end interrupted."""
    first = subprocess.Popen([sys.executable, "-m", "crawler.cli", "archive"], env=env, cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=_as_typed)
    try:
        wait_for(lambda: until() or first.poll() is not None, what=what)
        assert first.poll() is None, first.stderr.read()[-2000:]
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGINT, err   # dead by it, after its clean-up (crawler/cli.py `main`)


def test_a_memento_round_stopped_by_ctrl_c_is_resumed_and_each_memento_fetched_once(archive, tmp_path, db):
    sources = _saved_live_sources(db, archive, 10)
    archive.set(**{"replay.slow": 0.5})    # replays take a while: the stop lands with some fetched, some not
    env = {**os.environ, **archive.env(tmp_path, per_host_concurrency=2, **UNPACED)}
    _archive_stopped_by_ctrl_c(env, lambda: archive.count("replay") >= 1, "the first replay")
    assert _memento_rounds(db) == ["interrupted"]            # not finished: the next run resumes it
    assert 0 < _stored_mementos(db) < len(sources)

    archive.set(**{"replay.slow": 0})
    second = _archive(env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert _memento_rounds(db) == ["finished"]               # the same round, resumed
    _each_memento_once(db, sources)
    assert archive.count("replay") == len(sources)           # the fetches begun were finished and stored: none again


def test_a_memento_the_archive_failed_before_a_ctrl_c_is_fetched_again_by_the_next_run(archive, tmp_path, db):
    sources = _saved_live_sources(db, archive, 10)
    archive.set(**{"replay.slow": 0.5, "replay.503": 1})   # the first replay: the archive's own 503
    env = {**os.environ, **archive.env(tmp_path, per_host_concurrency=2, **UNPACED)}
    answered_503 = "select source_id from fetches where purpose = 'memento' and final = 1 and status = 503"
    _archive_stopped_by_ctrl_c(env, lambda: db.execute(answered_503).fetchone(), "the 503 stored")
    assert _memento_rounds(db) == ["interrupted"]
    assert len(db.execute(answered_503).fetchall()) == 1

    archive.set(**{"replay.slow": 0})
    second = _archive(env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "the archive failed" not in second.stdout + second.stderr   # the first run's 503 is not this one's
    # its progress counts each memento once, by its newest fetch: not the first run's 503 (nor 11/10)
    assert second.stderr.splitlines()[-1] == "mementos: 10/10 (100%), live:10", second.stderr
    assert "answered 503" not in second.stderr, second.stderr
    assert _memento_rounds(db) == ["finished"]               # the same round, resumed
    _each_memento_once(db, sources)                          # the 503's memento too: fetched again, classified
    assert archive.count("replay") == len(sources) + 1       # it twice, each other once


ARCHIVE_429 = ("select count(*) from fetches where purpose = 'memento' and final = 1 and status = 429 "
               "and requested_url like '%id_/%'")


def _stopped_after_the_archives_429(db, archive, tmp_path) -> dict:
    """A `citewatch archive` whose memento round met the archive's own 429 (Retry-After: an hour)
    and was stopped by Ctrl-C before its read-back; the environment, once the archive answers
    again (not that the run may ask it)."""
    _saved_live_sources(db, archive, 10)
    archive.set(**{"replay.slow": 0.5, "replay.429": 1, "replay.retry_after": 3600})
    env = {**os.environ, **archive.env(tmp_path, per_host_concurrency=2, **UNPACED)}
    _archive_stopped_by_ctrl_c(env, lambda: db.execute(ARCHIVE_429).fetchone()[0], "the 429 stored")
    assert _memento_rounds(db) == ["interrupted"]
    archive.set(**{"replay.slow": 0})
    return env


def test_a_429_met_by_a_memento_round_stopped_by_ctrl_c_holds_the_next_run_lookups_included(archive, tmp_path, db):
    """The round's 429 was read (and its Retry-After kept) only by its read-back, which the stop
    cut short: the next run's lookups and the round resumed asked the archive at once, inside the
    hour it asked to be left (IA firewalls an address that does).  Now it is kept as the round
    stops, and the next run sends nothing."""
    env = _stopped_after_the_archives_429(db, archive, tmp_path)
    [(not_before,)] = db.execute("select not_before from archive_quiet").fetchall()
    assert datetime.datetime.fromisoformat(not_before) > datetime.datetime.now(datetime.timezone.utc) + \
        datetime.timedelta(minutes=50)
    asked = sum(len(times) for times in archive.counters().values())

    second = _archive(env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert sum(len(times) for times in archive.counters().values()) == asked   # not one request
    assert "mementos not fetched this run (the archive's Retry-After holds" in second.stdout, second.stdout
    assert _memento_rounds(db) == ["interrupted"]                              # left for a later run


def test_a_resumed_memento_round_asks_nothing_while_the_archives_429_in_it_asks_to_wait(archive, tmp_path, db):
    """Its quiet not kept (the run killed -9, or stopped under an earlier version), the round
    resumed asked again at once the memento the archive had answered 429 (and fetched the
    others), an hour early.  Now it asks nothing: the 429 is read back as this run's, which ends
    the rounds, says the archive failed, and keeps the quiet for the run after."""
    env = _stopped_after_the_archives_429(db, archive, tmp_path)
    with db.conn:
        db.execute("delete from archive_quiet")   # as a kill -9 leaves it: nothing kept
    replays, violations = archive.count("replay"), archive.count("host-violations")

    second = _archive(env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert (archive.count("replay"), archive.count("host-violations")) == (replays, violations)
    assert "archive-failed: 1" in second.stdout, second.stdout   # the 429: this run's now
    assert _memento_rounds(db) == ["interrupted"]              # read back, held: the run after resumes it
    assert db.execute("select count(*) from archive_quiet where not_before > ?",
                      [datetime.datetime.now(datetime.timezone.utc).isoformat()]).fetchone()[0] == 1


@needs_small_disk
def test_a_memento_round_stopped_by_a_full_disk_is_resumed_and_each_memento_fetched_once(
        archive, tmp_path, db, monkeypatch):
    sources = _saved_live_sources(db, archive, 24)
    small = tmp_path / "small"
    env = {**os.environ, **archive.env(tmp_path, per_host_concurrency=1, data_dir=small / "data", **UNPACED)}

    result = _on_small_disk(monkeypatch, "archive", env, small, tmp_path / "copy", free=16 * 1024)

    assert result.returncode == 1, result.stdout + result.stderr
    line = _error_line(result, "archive:", "mementos:")
    assert line.startswith(f"Error: cannot write {small / 'data' / 'warc'}/mementos-"), line
    assert "(No space left on device)" in line and f"free space on {small} and run again" in line, line
    assert _memento_rounds(db) == ["interrupted"]
    stored, asked = _stored_mementos(db), archive.count("replay")
    assert 0 < stored < len(sources)

    second = _archive({**env, "CITEWATCH_DATA_DIR": str(tmp_path / "copy" / "data")})
    assert second.returncode == 0, second.stderr[-2000:]
    _each_memento_once(db, sources)
    # a memento stored is not asked again; one whose answer the disk could not take is
    assert archive.count("replay") - asked == len(sources) - stored


# ---------------------------------------------------------------- the archive stage's own writes

@needs_small_disk
def test_an_archive_stage_whose_database_fills_up_stops_in_one_line(archive, tmp_path, db, db_path, monkeypatch):
    sources = _saved_live_sources(db, archive, 60)
    db.conn.close()
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copy(db_path, seed / "test.db")
    small = tmp_path / "small"
    env = {**os.environ, **archive.env(tmp_path, db=small / "test.db", **UNPACED)}

    result = _on_small_disk(monkeypatch, "archive", env, small, tmp_path / "copy", free=64 * 1024, seed=seed)

    assert result.returncode == 1, result.stdout + result.stderr
    line = _error_line(result, "archive:", "mementos:")
    assert line.startswith(f"Error: cannot write {small / 'test.db'} (database or disk is full)"), line
    assert f"free space on {small} and run again" in line, line

    second = _archive({**env, "CITEWATCH_DB": str(tmp_path / "copy" / "test.db")})
    assert second.returncode == 0, second.stderr[-2000:]
    copied = database.open_db(tmp_path / "copy" / "test.db")
    jobs = Counter(row[0] for row in copied.execute("select status from save_jobs"))
    assert jobs == Counter({"done": len(sources)})
    assert all(len(times) == 1 for key, times in archive.counters().items() if key.startswith("captured:"))
    _each_memento_once(copied, sources)


# ---------------------------------------------------------------- a worker

@needs_small_disk
def test_a_worker_whose_disk_fills_stops_in_one_line_and_its_claims_go_to_the_other_workers(
        web, env, db, redis_url, tmp_path, monkeypatch):
    run, urls = add_pages(db, web, 60, ("main", "other"))
    # a long heartbeat: the stopped worker's claims come back as it leaves, not a heartbeat later
    cluster = cluster_env(env, redis_url, redis_heartbeat=30)
    with reaped() as started:
        coordinator = citewatch(cluster, "crawl", "--redis", redis_url, "--workers", "0")
        started.append(coordinator)
        server = redis.Redis.from_url(redis_url)
        wait_for(lambda: server.scard(keys.PENDING) == len(urls), what="the seeding")
        small = tmp_path / "small"
        worker = {**cluster, "CITEWATCH_DATA_DIR": str(small / "data")}   # its own WARC file on the small disk

        result = _on_small_disk(monkeypatch, f"worker --redis {redis_url}", worker, small, tmp_path / "copy")

        assert result.returncode == 1, result.stdout + result.stderr
        line = _error_line(result)
        assert line.startswith(f"Error: cannot write {small / 'data' / 'warc'}/sources-crawl1-"), line
        assert "(No space left on device)" in line and f"free space on {small} and run again" in line, line
        assert 0 < finals(db) < len(urls)
        finish(citewatch({**cluster, "CITEWATCH_DATA_DIR": str(tmp_path / "other")}, "worker", "--redis", redis_url))
        finish(coordinator)
    assert_rows_exact(db, urls)
    assert set(fetches_per_page(web, run)) == set(urls)
    assert_central_warc(db, Path(cluster["CITEWATCH_DATA_DIR"]))
