"""kill -9 in the middle of `citewatch crawl`, run it again: it finishes, nothing lost, nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import db as database
from archive.warc import warc_location
from tests.conftest import ROOT
from tests.clirun import cli_here, crawl_here, fast_env
from tests.crawling import add_sources
from tests.test_extractpool import _gone


def _children(pid: int) -> list[int]:
    """The crawl's processes below `pid`, from /proc: its child (forked from multiprocessing's
    server, itself listed), the child's extraction workers; not the resource tracker."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found.extend(frontier)
    return found


def _finals(db) -> int:
    return db.execute("select count(*) from fetches where purpose = 'live' and final = 1").fetchone()[0]


def killed_crawl(crawl_env: dict, ready) -> list[int]:
    """`citewatch crawl` in a subprocess, killed with SIGKILL once `ready()` holds (asserted to
    come while it runs); the processes that were below it, for `_gone`."""
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=crawl_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    try:
        while not ready():
            assert proc.poll() is None, "the crawl ended before it could be killed"
            children = _children(proc.pid) or children
            time.sleep(0.05)
        children = _children(proc.pid) or children
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        proc.kill()
    return children


def test_a_killed_crawl_resumes_without_losing_or_repeating_a_fetch(web, env, db, tmp_path):
    urls = [f"{web['main']}/crawl/slow/{i}?ms=150" for i in range(24)]
    add_sources(db, urls)
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, concurrency=1, fetch_timeout=5, soft404_probe=0)
    children = killed_crawl(crawl_env, lambda: _finals(db) >= 4)
    # (polled through /proc, where a process that ends between two looks is no error)
    assert _gone(children, within=60), "the crawl's child outlived its parent"  # it follows it
    done_at_kill = _finals(db)
    assert 4 <= done_at_kill < len(urls)
    assert db.execute("select status from crawls").fetchone()[0] == "running"

    crawl_here(crawl_env)

    crawls = list(db.query("select * from crawls"))
    assert len(crawls) == 1 and crawls[0]["status"] == "finished"  # the same crawl, resumed
    rows = list(db.query("select source_id, class, warc_path from fetches where purpose = 'live'"))
    assert len(rows) == len(urls) == len({r["source_id"] for r in rows})
    assert {r["class"] for r in rows} == {"live"}
    assert all(warc_location(r["warc_path"], env["CITEWATCH_DATA_DIR"]).exists() for r in rows)
    assert len({r["warc_path"] for r in rows}) == 2  # one WARC per run; the first is kept
    texts = db.execute("select count(*), count(distinct source_id) from texts").fetchone()
    assert texts[0] == texts[1] == len(urls)  # one text per source: none lost, none stored twice


def test_a_killed_round_of_another_spider_is_not_resumed_as_a_crawl_of_the_sources(db):
    from crawler.state import open_crawl

    with db.conn:
        mementos = db.execute("insert into crawls (started_at, status, settings) values ('2026-01-01', 'running', ?)",
                              ['{"spider": "mementos"}']).lastrowid
        posts, _ = open_crawl(db, {"spider": "posts"})         # killed: still running
        sources, resumed = open_crawl(db, {"host_delay": 1.0})
    assert not resumed and sources not in (mementos, posts)
    with db.conn:
        assert open_crawl(db, {"spider": "sources"}) == (sources, True)   # `scrapy crawl sources` resumes it
        assert open_crawl(db, {"spider": "posts"}) == (posts, True)


def test_a_crawl_killed_after_its_last_fetch_is_finished_by_the_next_run(web, env, db, tmp_path):
    """Killed once every source had its outcome but before the crawl was closed: nothing is
    due, yet the next run resumes that crawl and finishes it (not a new, empty one)."""
    urls = [f"{web['main']}/crawl/live?key=last-fetch-{i}" for i in range(2)]
    add_sources(db, urls)
    crawl_env = fast_env(env, web, tmp_path, soft404_probe=0)
    crawl_here(crawl_env)
    with db.conn:
        db.execute("update crawls set status = 'interrupted', finished_at = null")
    again = crawl_here(crawl_env)
    assert "2 sources (live: 2)" in again.stdout
    assert [tuple(r) for r in db.execute("select id, status from crawls")] == [(1, "finished")]
    assert _finals(db) == len(urls)


def test_a_crawl_a_killed_check_left_without_a_fetch_is_closed_as_no_crawl_by_the_next(web, env, db, tmp_path):
    """A `citewatch check` killed before its crawl fetched anything leaves that crawl running
    (a limited crawl resumes none and is resumed by none: crawler/crawl.py `_crawl`); the next
    full crawl takes it over and closes it.  With nothing due it fetched nothing either: it is
    no crawl, so the run says when the next source is due, as a run that opened none does,
    not "0 sources (no source was due)" of a crawl it names; the report counts no crawl for it,
    and the next run does not take it over again."""
    urls = [f"{web['main']}/crawl/live?key=killed-check-{i}" for i in range(2)]
    add_sources(db, urls)
    crawl_env = fast_env(env, web, tmp_path, soft404_probe=0)
    crawl_here(crawl_env)
    with db.conn:   # the check's crawl as a kill leaves it: running, its settings a crawl's, no fetch
        db.execute("insert into crawls (started_at, status, scheduled, settings) select ?, 'running', 0, settings "
                   "from crawls where id = 1", [database.now()])
    again = crawl_here(crawl_env)
    assert "0 sources (no source was due): the next is due at" in again.stdout, again.stdout
    assert "WARC files in" not in again.stdout
    assert [tuple(r) for r in db.execute("select id, status from crawls")] == [(1, "finished"), (2, "finished")]
    report = json.loads(cli_here(crawl_env, "report", "--format", "json", "-o", "-").stdout)
    assert (report["summary"]["source_crawls"], [c["id"] for c in report["crawls"]]) == (1, [1])
    crawl_here(crawl_env)
    assert db.execute("select count(*) from crawls").fetchone()[0] == 2 and _finals(db) == len(urls)
