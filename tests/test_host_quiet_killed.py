"""A crawl killed (kill -9) after a host asked to wait keeps the host's time.

The end of a Retry-After beyond `retry_after_cap` is written to table host_quiet as the 429 is
read (crawler/pipelines.py `keep_quiet`), not when the crawl ends: a crawl killed later in its
run, then run again, still asks that host nothing before its time, and says so.  A real crawl
in a subprocess of the test web under a pinned name (tests/test_host_quiet.py), killed with
SIGKILL while slow pages of another host keep it running (tests/test_crawl_resume.py).
"""

from __future__ import annotations

import uuid

from tests.clirun import crawl_here
from tests.crawling import add_sources, outcome
from tests.test_crawl_resume import killed_crawl
from tests.test_distributed import counters
from tests.test_extractpool import _gone
from tests.test_host_quiet import ASKED, _fetched, _kept_beyond, waiting_env
from tests.test_resolve import _renamed


def test_a_crawl_killed_after_a_host_asked_to_wait_keeps_its_time_and_the_rerun_asks_it_nothing(
        web, env, db, tmp_path):
    key = uuid.uuid4().hex
    asked = _renamed(web["main"], ASKED, "")
    beyond = f"{asked}/crawl/rate-limited?after=3600&key={key}"          # Retry-After: 3600 > the cap
    pages = [f"{key}-asked-{n}" for n in range(2)]
    slow = [f"{web['other']}/crawl/slow/{key}-{n}?ms=300" for n in range(12)]   # ~4 s on one slot
    ids = add_sources(db, [beyond] + [f"{asked}/crawl/live?key={k}" for k in pages] + slow)
    crawl_env = waiting_env(env, web, tmp_path, fetch_timeout=5)
    # killed once the host's time is kept and its 429 stored (the resumed crawl then leaves the 2 others)
    children = killed_crawl(crawl_env, lambda: _kept_beyond(db, ASKED, 3500) and _fetched(db, [ids[beyond]]))
    assert _gone(children, within=60), "the crawl's child outlived its parent"
    assert db.execute("select status from crawls").fetchone()[0] == "running"     # killed mid-crawl
    assert _kept_beyond(db, ASKED, 3500)                                          # the time survived it
    assert outcome(db, ids[beyond])["class"] == "rate-limited"

    out = crawl_here(crawl_env).stdout
    assert db.execute("select status from crawls").fetchone()[0] == "finished"     # the same crawl, resumed
    assert [len(counters(web).get(f"live:{k}", [])) for k in pages] == [0, 0]      # the host asked nothing
    assert _fetched(db, [ids[f"{asked}/crawl/live?key={k}"] for k in pages]) == 0
    assert {outcome(db, ids[url])["class"] for url in slow} == {"live"}
    assert f"{ASKED} asked to wait until" in out and "its 2 sources are left for a later run" in out, out
