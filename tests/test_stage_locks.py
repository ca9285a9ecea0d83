"""One crawl, and one process at the archive, per database (db/lock.py).

Two `citewatch crawl` at once resumed the same crawl: every source fetched twice, every
check recorded twice.  A second `citewatch run` stepped aside from the archive stage but
its resolve stage searched the archive beside the first.  Now the second process leaves
the stage to the first in one line and, within `citewatch run`, goes on with the others.  The
line names the command as typed and how to stop the holder (`kill -INT`, and `kill -TERM` for a
holder that ignores SIGINT, as a script's background job does).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid

from crawler.cli import cli
from db.lock import ARCHIVE, CRAWL, RESOLVE, stage_lock
from tests.clirun import fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources
from tests.test_crawl_signals import _served
from tests.test_distributed import hurry


def _one_line(result) -> str:
    return " ".join(result.output.split())


def test_a_crawl_beside_a_running_crawl_fetches_nothing_and_says_who_holds_it(runner, env, db, db_path):
    add_sources(db, ["http://127.0.0.1:9/never-fetched"])
    with stage_lock(db, CRAWL):  # this process runs a crawl on the database
        result = runner.invoke(cli, ["crawl"], env=env)
    said = _one_line(result)
    assert result.exit_code == 1 and said.startswith(f"Error: the crawl is already running on {db_path.resolve()} "
                                                     f"(process {os.getpid()}")
    assert "run `citewatch crawl` again once it ends" in said
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0   # no crawl opened, none resumed
    assert db.execute("select count(*) from fetches").fetchone()[0] == 0


def test_resolve_and_archive_share_the_archive_lock(runner, env, db):
    with stage_lock(db, ARCHIVE):
        resolve = runner.invoke(cli, ["resolve"], env=env)
    assert resolve.exit_code == 1
    assert "the archive stage is already running" in _one_line(resolve)
    assert "this run skips the searches for the social citations' posts" in _one_line(resolve)
    with stage_lock(db, RESOLVE):
        archive = runner.invoke(cli, ["archive"], env=env)
    assert archive.exit_code == 1 and "the resolve stage is already running" in _one_line(archive)
    assert "run `citewatch archive` again once it ends" in _one_line(archive)
    with stage_lock(db, CRAWL):  # the crawl's lock is another one: the archive runs beside a crawl
        assert runner.invoke(cli, ["archive"], env=env).exit_code == 0


def test_a_run_beside_a_crawl_goes_on_with_the_other_stages(runner, env, db):
    with stage_lock(db, CRAWL):
        result = runner.invoke(cli, ["run", "--scheduled"], env={**env, "COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    rows = {cells[1].strip(): cells[2].strip() for cells in (line.split("│") for line in lines) if len(cells) == 4}
    assert rows["crawl"] == "left to another process (below)"
    assert any("crawl did not run: the crawl is already running" in line for line in lines)
    assert rows["archive"].startswith("save_queued: 0") and rows["reconcile"].startswith("statements: 0")  # they ran
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0


def test_two_crawl_processes_fetch_each_source_once(web, env, db, db_path, tmp_path):
    # ~24 s: the second starts well within, even on a busy machine (at 400 ms a page, the 6 s were
    # over before a loaded machine had started the second, which then found nothing due and ran)
    key = uuid.uuid4().hex[:8]
    urls = [f"{web['main']}/crawl/slow/{i}?ms=1500&hurry={key}" for i in range(16)]
    add_sources(db, urls)
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, concurrency=1, fetch_timeout=5, soft404_probe=0)
    link = tmp_path / "shared data" / "cw.db"   # the first names the database through a link, in a folder with a space
    link.parent.mkdir()
    link.symlink_to(db_path)
    command = [sys.executable, "-m", "crawler.cli", "crawl"]
    first = subprocess.Popen([*command, "--db", str(link)], cwd=ROOT, env=crawl_env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        while not db.execute("select count(*) from fetches").fetchone()[0]:   # the first is fetching
            assert first.poll() is None, "the first crawl ended before the second started"
            time.sleep(0.05)
        second = subprocess.run(command, cwd=ROOT, env=crawl_env, capture_output=True, text=True, timeout=120)
        hurry(web, urls[0])   # (the second has run beside it: the first need not wait out 1.5 s a page)
    finally:
        assert first.wait(timeout=120) == 0
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert "the crawl is already running" in " ".join(second.stderr.split())
    assert f"(process {first.pid}: citewatch crawl --db '{link}')" in " ".join(second.stderr.split())  # as typed
    rows = db.execute("select source_id, count(*) from fetches where purpose = 'live' group by source_id").fetchall()
    assert len(rows) == len(urls) and all(n == 1 for _, n in rows)    # each page fetched once
    checks = [json.loads(c) for (c,) in db.execute("select checks from sources")]
    assert all(len(c) == 1 for c in checks)                           # each check recorded once
    assert [s for (s,) in db.execute("select status from crawls")] == ["finished"]
    with stage_lock(db, CRAWL):  # free again once its process has ended
        pass


def test_a_check_of_a_local_file_beside_a_crawl_checks_it_and_leaves_the_crawl_alone(runner, env, db, tmp_path):
    """A local file needs no crawl: the check's crawl does not run (its list has nothing due),
    so another process's crawl is neither waited for nor named."""
    page = tmp_path / "statement.txt"
    page.write_text("The ministry does not recognise the so-called elections held on 31 March.", encoding="utf-8")
    with stage_lock(db, CRAWL):
        result = runner.invoke(cli, ["check", "--quote", "does not recognise the so-called elections", str(page),
                                     "--format", "jsonl"], env=env)
    assert result.exit_code == 0, result.output
    assert "already running" not in " ".join(result.stderr.split())
    assert json.loads(result.stdout)["verdict"] == "verbatim"


def test_a_collect_beside_its_coordinator_is_told_what_it_leaves_and_what_to_run(runner, env, db, redis_url):
    import redis

    from crawler.cluster import frontier as keys

    redis.Redis.from_url(redis_url).hset(keys.CRAWL, mapping={"id": 1, "settings": "{}", "protocol": keys.PROTOCOL})
    with stage_lock(db, CRAWL):  # the coordinator (`citewatch crawl --redis`) writes them itself
        result = runner.invoke(cli, ["collect", "--redis", redis_url], env=env)
    said = _one_line(result)
    assert result.exit_code == 1 and "the crawl is already running" in said, result.output
    assert "this run skips the writing of the distributed crawl's results" in said   # it fetches nothing
    assert said.endswith("run `citewatch collect` again once it ends")


def test_a_scheduled_run_beside_an_offline_crawl_reports_no_change_it_would_take_back(web, runner, env, db, tmp_path):
    """The other crawl's checks so far are not this run's changes: that crawl, offline, withdraws
    them as it ends, and the run after would report every source 'recovered'."""
    port = web["main"].rsplit(":", 1)[1]
    # 20 pages timing out one after the other: the other crawl goes on ~5 s after its first
    # timeout, some ten times what this run takes to meet the crawl's lock on a loaded machine (a
    # run that came after the other's end would crawl, online, itself)
    pages = 20
    add_sources(db, [f"http://slowhost.test:{port}/crawl/slow/{i}?ms=1000" for i in range(pages)])
    pinned = {**env, "CITEWATCH_RESOLVE_HOSTS": "slowhost.test=127.0.0.1,*=fail",   # no canary host answers
              "CITEWATCH_CDX_PER_MINUTE": "0", "CITEWATCH_ARCHIVE_BACKOFF": "0"}       # (no archive: said at once)
    online = fast_env(pinned, web, tmp_path, per_host_concurrency=pages, concurrency=pages, fetch_timeout=5,
                      soft404_probe=0)
    assert runner.invoke(cli, ["run", "--scheduled"], env=online).exit_code == 0   # every source live
    offline = fast_env(pinned, web, tmp_path, per_host_concurrency=1, concurrency=1, fetch_timeout=0.3, retries=0,
                       soft404_probe=0)   # every page times out, one after the other
    other = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--all"], cwd=ROOT, env=offline,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not db.execute("select count(*) from fetches where class = 'timeout'").fetchone()[0]:
            assert other.poll() is None, "the other crawl ended before the run"
            time.sleep(0.05)
        beside = runner.invoke(cli, ["run", "--scheduled"], env={**online, "COLUMNS": "300"})
    finally:
        assert other.wait(timeout=120) == 0
    assert beside.exit_code == 0, beside.output            # not 3: nothing changed that this run can tell
    assert "newly failing" not in beside.output and "changes not compared" in _one_line(beside)
    assert db.execute("select offline from crawls order by id desc").fetchone()[0] == 1   # it was offline
    after = runner.invoke(cli, ["run", "--scheduled"], env=online)
    assert after.exit_code == 0 and "Nothing changed since the previous run." in after.output, after.output


def test_a_watch_beside_a_crawl_records_and_compares_nothing(runner, env, db):
    """As `run --scheduled` beside a crawl (above): `watch` records no state it would take back."""
    with stage_lock(db, CRAWL):
        result = runner.invoke(cli, ["watch", "--max-runs", "1", "--every", "1s"], env={**env, "COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "did not run: the crawl is already running" in _one_line(result) and "changes not compared" in _one_line(result)
    assert db.execute("select count(*) from run_states").fetchone()[0] == 0


def test_a_holder_that_left_no_words_is_named_by_the_stages_sharing_its_lock(runner, env, db, db_path):
    """A lock file only readable to its holder keeps no pid or stage of it: the line must not
    name the refused stage itself (the archive stage may hold what resolve is refused)."""
    from db.lock import lock_file

    with stage_lock(db, ARCHIVE):
        lock_file(db_path.resolve(), ARCHIVE).write_text("")     # as if the holder could not write it
        resolve = runner.invoke(cli, ["resolve"], env=env)
    said = _one_line(resolve)
    assert resolve.exit_code == 1
    assert "the archive stage or the resolve stage is already running" in said and "(another process)" in said


def test_a_plain_scrapy_crawl_beside_a_crawl_fetches_nothing_and_says_who_holds_it(web, env, db, db_path, tmp_path):
    url = web["main"] + "/crawl/live?key=scrapy-beside"
    add_sources(db, [url])
    command = [sys.executable, "-m", "scrapy", "crawl", "sources"]
    with stage_lock(db, CRAWL):   # this process stands for a `citewatch crawl` under way
        refused = subprocess.run(command, cwd=ROOT, env=fast_env(env, web, tmp_path),
                                 capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0
    assert f"the crawl is already running on {db_path.resolve()} (process {os.getpid()}" in refused.stderr
    assert db.execute("select count(*) from fetches").fetchone()[0] == 0
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0
    done = subprocess.run(command, cwd=ROOT, env=fast_env(env, web, tmp_path), capture_output=True, text=True,
                          timeout=120)   # the lock let go: the same command crawls
    assert done.returncode == 0, done.stderr
    assert db.execute("select count(*) from fetches where purpose = 'live'").fetchone()[0] == 1


def test_a_distributed_crawl_beside_a_crawl_is_told_to_run_itself_again(runner, env, db, redis_url):
    add_sources(db, ["http://127.0.0.1:9/never-fetched"])
    with stage_lock(db, CRAWL):
        result = runner.invoke(cli, ["crawl", "--redis", redis_url, "--workers", "0"], env=env)
    said = _one_line(result)
    assert result.exit_code == 1 and "the crawl is already running" in said, result.output
    assert said.endswith("run `citewatch crawl --redis URL` again once it ends")   # not the crawl without Redis
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0


def _served_in_all(web: dict, keys: list[str]) -> int:
    """How many of the crawl's pages the test web served, all keys together."""
    return sum(_served(web, keys).values())


def _crawled_on(proc: subprocess.Popen, web: dict, keys: list[str], pages: int) -> None:
    """Wait until the test web served `pages` of the crawl's pages, the crawl still running."""
    while _served_in_all(web, keys) < pages:
        assert proc.poll() is None, "the crawl ended before it was told to stop"
        time.sleep(0.02)


def test_a_busy_stage_names_the_command_as_typed_and_how_to_stop_the_holder(env, db, db_path):
    """`citewatch crawl --limit 5` beside a crawl said "run `citewatch crawl` again once it ends":
    not the command typed (its options, its database), nor what to do meanwhile."""
    add_sources(db, ["http://127.0.0.1:9/never-fetched"])
    with stage_lock(db, CRAWL):   # this process runs a crawl on the database
        refused = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--limit", "5"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=120)
    said = " ".join(refused.stderr.split())
    assert refused.returncode == 1, said
    assert said.startswith(f"Error: the crawl is already running on {db_path.resolve()} (process {os.getpid()})"), said
    assert said.endswith(f"let it finish, or stop it as Ctrl-C would (`kill -INT {os.getpid()}`: it keeps what it "
                         f"stored; if it goes on, `kill -TERM {os.getpid()}`: it stops the same way), and run "
                         f"`citewatch crawl --limit 5 --db {db_path}` again once it ends"), said
    assert db.execute("select count(*) from crawls").fetchone()[0] == 0   # nothing done



def test_a_crawl_holding_the_lock_with_sigint_ignored_stops_on_the_kill_term_its_refusal_names(web, env, db, tmp_path):
    """A crawl started as a script's background job ignores SIGINT: the refusal's `kill -INT PID`
    leaves it crawling.  The refusal says so and names `kill -TERM PID`, which stops it as
    Ctrl-C would (what it stored kept, the crawl marked interrupted).  The crawl's pages come
    one at a time, a host delay between, so that it is still crawling when told; how far it got
    is counted by the test web, never by the clock."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(40)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    db.conn.commit()
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    errors = tmp_path / "holder.err"
    with errors.open("w") as stderr:   # a file, not a pipe nobody reads while it crawls
        holder = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=crawl_env,
                                  stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        _crawled_on(holder, web, keys, 1)   # it holds the crawl's lock
        refused = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=crawl_env,
                                 capture_output=True, text=True, timeout=120)
        said = " ".join(refused.stderr.split())
        assert refused.returncode == 1, said
        kills = re.findall(r"`(kill -[A-Z]+ \d+)`", said)
        assert kills == [f"kill -INT {holder.pid}", f"kill -TERM {holder.pid}"], said
        assert f"if it goes on, `kill -TERM {holder.pid}`: it stops the same way" in said

        subprocess.run(["sh", "-c", kills[0]], check=True)
        _crawled_on(holder, web, keys, _served_in_all(web, keys) + 2)   # it goes on
        subprocess.run(["sh", "-c", kills[1]], check=True)
        assert holder.wait(timeout=120) == -signal.SIGTERM   # dead by it, after its clean-up (crawler/cli.py `main`)
    finally:
        holder.kill()
    stopped = " ".join(errors.read_text().split())
    assert "Stopped (SIGTERM): what was stored before the stop is kept" in stopped, stopped
    assert _served_in_all(web, keys) < len(keys)
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"
