"""429s inside one crawl: a host that asked to wait gets nothing until its Retry-After has
passed, the archive gets nothing more after its own 429, and the per-host limit is per host name.

- A live host's 429 within `retry_after_cap` held back only the request it answered: the other
  queued requests to the same host went out during the wait.  Now the host's download slot
  holds until the Retry-After has passed (crawler/middlewares/retries.py `BrowserRetryMiddleware`);
  another host name goes on meanwhile.
- The archive's own 429 to a replay left the other replays of the memento crawl to be asked
  (a test saw 9 more).  Now nothing more is asked of the archive in that crawl: the mementos
  not asked stay unfetched and unclassified, the round is left unfinished for the next run,
  which resumes it, and the run says so in one line (archive/rescue.py).
- Two ports of one host name are one host to the per-host limit (Scrapy's download slot is
  the host name): a trickling page on one holds the other's pages.
- The archive's own 429 to a post's capture (resolve's crawl) left the job's next capture,
  and the other jobs' captures, to be asked.  Now, whatever was asked, nothing more is asked
  of the archive's host in that crawl; the citations whose pages were not all read stay
  pending (not judged on what was read), said in one line (crawler/social.py).
- A Retry-After beyond `retry_after_cap` closed its host for the crawl: its other
  sources were dropped unasked with no trace (a distributed crawl's claims never released, a
  robots.txt's 429 left every source unchecked, pages waiting on the host's soft-404 probe
  were lost); that was reverted, and the host's other sources were asked again.  Now it is
  closed again, with its Retry-After kept for the next crawls, and said
  (tests/test_host_quiet.py); here, the page waiting on the host's probe is still stored (a
  probe is still sent to a closed host).
- A stop during a hold waited it out (up to retry_after_cap, past a service manager's stop
  timeout).  Now the held requests go back unasked and the crawl stops at once, interrupted;
  a request of no source left in the held queue (a robots.txt) is served, where it was left
  queued with its pause cancelled and the stopped crawl waited for it.  The hold's end is
  kept (table host_quiet): a crawl before it asks the host nothing, one after it the rest.

Real crawls of the test web under pinned names (tests/test_resolve.py) and of its archive.
"""

from __future__ import annotations

import io
import signal
import subprocess
import threading
import time
import urllib.parse
import uuid

from rich.console import Console

import db as database
from archive import stage
from crawler import social
from crawler.config import load_config
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_archive import Seed
from tests.test_crawl_signals import _start_crawl
from tests.test_distributed import counters
from tests.test_host_quiet import _kept_beyond, _let_pass
from tests.test_local_write_failure_stages import _memento_rounds
from tests.test_resolve import _renamed
from tests.test_social import letter_db, social_env
from tests.web import server
from tests.web.server import Request as WebRequest, Response as WebResponse, route

ASKED, OTHER = "asked.polite.example", "other.polite.example"
PINS = f"{ASKED}=127.0.0.1,{OTHER}=127.0.0.1,*=fail"

# A site of the test web served by this test process: /late-hop/?url=<URL> answers its 302 to
# URL once the test lets it (`_LET_HOP`), so that the hop comes during another host's hold.
LATE = "late-hop-session18"
_LET_HOP, _HOPPED = threading.Event(), threading.Event()


@route("/late-hop/", site=LATE)
def _late_hop(req: WebRequest) -> WebResponse:
    _LET_HOP.wait(20)
    _HOPPED.set()
    return WebResponse(302, b"", headers=[("Location", req.arg("url"))])


def test_a_host_that_answered_429_gets_nothing_until_its_retry_after_has_passed_and_other_hosts_go_on(
        web, env, db, tmp_path):
    key = uuid.uuid4().hex
    asked, other = (_renamed(web["main"], host, "") for host in (ASKED, OTHER))
    rate_limited = f"{asked}/crawl/rate-no-header?key={key}"   # 429 every time: its wait is retry_after_default
    queued = [f"{key}-asked-{n}" for n in range(3)]
    elsewhere = [f"{key}-other-{n}" for n in range(4)]
    ids = add_sources(db, [rate_limited] + [f"{asked}/crawl/live?key={k}" for k in queued]
                      + [f"{other}/crawl/live?key={k}" for k in elsewhere])
    wait = 2.0
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=0.4,
                        retry_after_default=wait, retry_after_cap=10, soft404_probe=0))

    seen = counters(web)
    first, again = seen[f"rate-no-header:{key}"]               # the 429, and its retry once the wait was over
    held_until = first + wait
    assert again >= held_until
    asked_at = [seen[f"live:{k}"][0] for k in queued]
    assert all(at > first for at in asked_at)                  # queued behind the 429 (the crawl's order) ...
    assert all(at >= held_until for at in asked_at), [round(at - first, 2) for at in asked_at]   # ... held back
    other_at = [seen[f"live:{k}"][0] for k in elsewhere]
    assert any(first < at < held_until for at in other_at), [round(at - first, 2) for at in other_at]  # went on
    assert outcome(db, ids[rate_limited])["class"] == "rate-limited"
    assert {outcome(db, ids[url])["class"] for url in ids if "/live" in url} == {"live"}


def test_two_ports_of_one_host_name_share_its_limit(web, env, db, tmp_path):
    """A page trickling from one port holds the other port's pages with per_host_concurrency 1:
    they are asked once it has timed out, not beside it.  (The trickle's counter on the server
    runs a chunk or two past the crawl's timeout, until its write fails: a request counted
    just before its last chunk was not sent beside it.)"""
    key = uuid.uuid4().hex
    trickling = f"{web['main']}/crawl/huge-announced?key={key}"
    pages = [f"{key}-{n}" for n in range(4)]
    ids = add_sources(db, [trickling] + [f"{web['other']}/crawl/live?key={k}" for k in pages])
    crawl_here(fast_env(env, web, tmp_path, per_host_concurrency=1, fetch_timeout=2, retries=0, soft404_probe=0,
                        max_size=64 * 1024 * 1024))

    seen = counters(web)
    began = seen[f"huge-announced:{key}"][0]
    asked_at = sorted(seen[f"live:{k}"][0] for k in pages)
    assert outcome(db, ids[trickling])["class"] == "timeout"
    # asked as it timed out (2 s from the send; the server counts from its first chunk, a little later)
    assert all(at > began + 1.5 for at in asked_at), [round(at - began, 2) for at in asked_at]


def _memento_sources(db, archive, count: int) -> list[int]:
    """`count` live sources the archive has no capture of: the stage saves each, then (rescue_live)
    fetches that capture, one memento each (tests/test_local_write_failure_stages.py's)."""
    seed = Seed(db)
    return [seed.source(f"https://polite-{archive.ns}.example/page-{n}") for n in range(count)]


def _memento_fetches(db) -> list[tuple[int, int | None]]:
    return [tuple(row) for row in db.execute(
        "select source_id, status from fetches where purpose = 'memento' and final = 1 order by id")]


def test_after_the_archives_own_429_nothing_more_is_asked_of_it_in_that_crawl(archive, tmp_path, db):
    sources = _memento_sources(db, archive, 10)
    archive.set(**{"replay.429": 1, "replay.retry_after": 1})
    config = archive.config(tmp_path, per_host_concurrency=1)
    first = stage.run(db, config)

    assert archive.count("replay") == 1                          # the 429, and not one replay more
    assert archive.count("host-violations") == 0
    assert [status for _, status in _memento_fetches(db)] == [429]   # the others: no fetch at all, ...
    classes = {row[0]: row[1] for row in db.execute("select source_id, class from snapshots where saved = 1")}
    assert classes == dict.fromkeys(sources)                     # ... none classified
    line = first["archive_failed"]
    assert "\n" not in line and "answered 429 itself to 1" in line, line
    assert "9 more memento(s) not asked for" in line, line
    assert _memento_rounds(db) == ["interrupted"]                # held by the 429: the next run resumes it

    second = stage.run(db, config)                                # the Retry-After has passed
    assert second["archive_failed"] is None, second
    assert archive.count("replay") == 11                          # the 429's memento again, and the nine
    assert _memento_rounds(db) == ["finished"]                    # the same round, resumed and finished
    classes = {row[0]: row[1] for row in db.execute("select source_id, class from snapshots where saved = 1")}
    assert classes == dict.fromkeys(sources, "live")


def test_after_the_archives_own_429_to_a_posts_capture_nothing_more_is_asked_of_it_and_its_citations_stay_pending(
        web, tmp_path, archive):
    """Resolve's crawl, one capture at a time; the archive's first replay answers its own 429
    with a Retry-After beyond the cap.  Not one replay more (the crawl asks nothing more, and
    the run's later crawls are held by the same Retry-After); the citations whose pages were
    not all read are left as they were (no resolution: pending), said in one line."""
    # (a host delay, however short: without one Scrapy 2.19 sends a slot's whole queue at once
    # after robots.txt, whatever its concurrency, and the replays would all be on the wire)
    env = {**social_env(web, tmp_path, archive.ns, mirrors=False), "CITEWATCH_PER_HOST_CONCURRENCY": "1",
           "CITEWATCH_HOST_DELAY": "0.05", "CITEWATCH_RETRY_AFTER_CAP": "5"}
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    archive.set(**{"replay.429": 1, "replay.retry_after": 30})
    output = io.StringIO()
    counts = social.run(db, config, console=Console(file=output, width=400))

    assert archive.count("replay") == 1, output.getvalue()         # the 429, nothing after it
    assert archive.count("host-violations") == 0
    pending = [n for n in ids.values() if db["citations"].get(n)["resolution"] is None]
    assert pending and counts["pending"] == len(pending), counts
    lines = [line for line in output.getvalue().splitlines() if "left pending" in line]
    assert lines == [f"error: the archive answered its own 429, and nothing more was asked of it: {len(pending)} "
                     f"citation{'s' if len(pending) != 1 else ''} left pending, their pages not all read; "
                     "run `citewatch resolve` again later"], output.getvalue()


def test_a_page_waiting_on_the_probe_of_a_host_asking_to_wait_beyond_the_cap_is_not_lost(web, env, db, tmp_path):
    """Its 429's source is rate-limited (not checked this run) and nothing more is asked of the
    host in this crawl (tests/test_host_quiet.py): the pages after it get no request and no
    fetch.  The page fetched before the 429 waits for the host's soft-404 probe, asked after
    the 429: the probe is still sent, and the page stored.  When the close dropped the probe
    too, that page was lost."""
    key = uuid.uuid4().hex
    asked = _renamed(web["main"], ASKED, "")
    beyond = f"{asked}/crawl/rate-limited?after=3600&key={key}"   # Retry-After: 3600 > the cap
    pages = [f"{asked}/crawl/live?key={key}-asked-{n}" for n in range(4)]
    ids = add_sources(db, pages[:1] + [beyond] + pages[1:])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=0.2,
                        retry_after_cap=10))

    limited = outcome(db, ids[beyond])
    assert (limited["class"], limited["evidence"]["retry_after"]) == ("rate-limited", 3600), limited
    assert outcome(db, ids[pages[0]])["class"] == "live"
    probe = db.execute("select id from fetches where purpose = 'probe'").fetchone()
    assert probe and probe[0] > limited["id"], probe              # (answered after the 429: asked after the close)
    assert [len(counters(web).get(f"live:{key}-asked-{n}", [])) for n in range(1, 4)] == [0, 0, 0]
    assert db.execute("select count(*) from fetches where source_id in (?, ?, ?)",
                      [ids[page] for page in pages[1:]]).fetchone()[0] == 0


def _await_429(proc: subprocess.Popen, web: dict, key: str) -> None:
    """Until the test web has answered the crawl's first request to `rate-no-header` (its 429)."""
    while not counters(web).get(f"rate-no-header:{key}"):
        assert proc.poll() is None, "the crawl ended before its 429"
        time.sleep(0.02)


def _stopped(proc: subprocess.Popen, waited: str) -> int:
    """SIGTERM to the crawl, and its exit status within 30 s (the tests' holds are 60 s: a crawl
    still going has waited, which `waited` says)."""
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        raise AssertionError(waited) from None


def test_a_stop_during_a_hold_does_not_wait_it_out_and_leaves_the_held_requests_to_the_next_run(
        web, env, db, tmp_path):
    """A 429 asks for 60 s (retry_after_default, within the cap); SIGTERM comes during the hold.
    The crawl stops without waiting (well within the hold), interrupted; its source's retry and
    the host's queued pages were not sent, and the next run asks them."""
    key = uuid.uuid4().hex
    asked = _renamed(web["main"], ASKED, "")
    limited = f"{asked}/crawl/rate-no-header?key={key}"
    queued = [f"{key}-asked-{n}" for n in range(3)]
    ids = add_sources(db, [limited] + [f"{asked}/crawl/live?key={k}" for k in queued])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=0.2,
                         retry_after_default=60, retry_after_cap=120, soft404_probe=0)
    proc = _start_crawl(crawl_env)
    try:
        _await_429(proc, web, key)
        code = _stopped(proc, "the stopped crawl waited out the 429's hold")   # (its hold set, or about to be)
    finally:
        proc.kill()
    assert code == -signal.SIGTERM
    seen = counters(web)
    assert len(seen[f"rate-no-header:{key}"]) == 1                  # its retry was not sent
    assert [len(seen.get(f"live:{k}", [])) for k in queued] == [0, 0, 0]
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"
    assert _kept_beyond(db, ASKED, 30)                              # the hold's end (60 s) is kept

    resumed = {**crawl_env, "CITEWATCH_RETRY_AFTER_DEFAULT": "0.05"}
    out = crawl_here(resumed).stdout                                # before it: the host is asked nothing
    assert len(counters(web)[f"rate-no-header:{key}"]) == 1
    assert [len(counters(web).get(f"live:{k}", [])) for k in queued] == [0, 0, 0]
    assert f"{ASKED} asked to wait until" in out and "its 4 sources are left for a later run" in out, out
    _let_pass(db, ASKED)
    crawl_here(resumed)                                             # after it: the rest asked
    assert {outcome(db, ids[f"{asked}/crawl/live?key={k}"])["class"] for k in queued} == {"live"}


def test_a_stop_during_a_hold_serves_the_robots_txt_left_in_the_held_queue_and_ends(web, env, db, tmp_path):
    """A 429 holds asked.polite.example for 60 s; during the hold a redirect from another host
    leads to that host name on another port, whose robots.txt (no source's request) queues in
    the held slot; SIGTERM.  The held sources' requests go back unasked, the robots.txt is
    served, and the crawl ends without waiting.  The stop cancelled the slot's pause and left
    the robots.txt queued, its `lastseen` at the hold's end: nothing served it, and the crawl
    waited for it (or, enqueued after the stop, for the rest of the hold)."""
    key = uuid.uuid4().hex
    late = _renamed(server.start((LATE,))[LATE], OTHER, "")
    limited = f"{_renamed(web['main'], ASKED, '')}/crawl/rate-no-header?key={key}"
    target = f"{_renamed(web['other'], ASKED, '')}/crawl/live?key={key}-port"   # the held host name, another port
    hop = f"{late}/late-hop/?url={urllib.parse.quote(target, safe='')}"
    ids = add_sources(db, [limited, hop])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=0.2,
                         retry_after_default=60, retry_after_cap=120, soft404_probe=0, fetch_timeout=30)
    _LET_HOP.clear()
    _HOPPED.clear()
    proc = _start_crawl(crawl_env)
    try:
        _await_429(proc, web, key)
        robots_before = len(counters(web).get("robots:other", []))
        _LET_HOP.set()                                              # the hop, during the hold
        assert _HOPPED.wait(20), "the late hop was not asked"
        time.sleep(0.5)   # (for the hop's robots.txt to queue in the held slot; enqueued after the stop, it waited too)
        assert proc.poll() is None
        code = _stopped(proc, "the stopped crawl waited for the request left in the held slot")
    finally:
        _LET_HOP.set()
        proc.kill()
    assert code == -signal.SIGTERM
    seen = counters(web)
    assert len(seen[f"rate-no-header:{key}"]) == 1                  # its retry was not sent
    assert not seen.get(f"live:{key}-port")                          # the hop into the held host: not asked ...
    assert len(seen.get("robots:other", [])) == robots_before + 1      # ... its robots.txt was served

    _LET_HOP.set()
    assert _kept_beyond(db, ASKED, 30)                              # the hold's end is kept: once it passed,
    _let_pass(db, ASKED)
    crawl_here({**crawl_env, "CITEWATCH_RETRY_AFTER_DEFAULT": "0.05"})  # resumed: the rest asked
    assert len(counters(web)[f"live:{key}-port"]) == 1
    assert outcome(db, ids[hop])["class"] == "redirected"            # (to another host)
