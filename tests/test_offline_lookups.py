"""A lookup that did not finish (EAI_AGAIN) is retried, until the network seems unreachable.

`host=again` (crawler/resolve.py) fails a lookup as a resolver without answers does.  On a
machine offline every name fails so: once the lookups of `offline_after_hosts` different
hosts have failed, nothing has answered and no canary host answers, such failures are no
longer retried (crawler/middlewares/lookups.py `NetworkEvidence`).  On a working network (a server
answered since, or a canary does) a hiccup is still retried.  Attempts are counted from the
crawl's WARC, where every request is written, retries included.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome

RETRIES = 2


def _records(crawl_env: dict) -> list[tuple[str, str]]:
    """(record type, URL) of the crawl's WARC records, in the order written (a failed request's
    record by the time it failed, an answer's records when it came)."""
    records = []
    for path in Path(crawl_env["CITEWATCH_DATA_DIR"]).rglob("*.warc.gz"):
        with open(path, "rb") as stream:
            records += [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(stream)]
    return records


def _asked(crawl_env: dict) -> Counter:
    """How many requests (first tries and retries) went out for each URL, from the crawl's WARC."""
    return Counter(url for kind, url in _records(crawl_env) if kind == "request")


def _hiccup_sources(db, count: int) -> dict[str, int]:
    """One statement on each of `count` different hosts: {url: source id}."""
    return add_sources(db, [f"http://ministry-{i}.example/statement" for i in range(count)])


def test_offline_the_lookups_stop_being_retried(web, env, db, tmp_path):
    ids = _hiccup_sources(db, 8)
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=again", retries=RETRIES, offline_after_hosts=3)
    result = crawl_here(crawl_env)
    assert "the network seems unreachable: all 8 sources failed" in " ".join(result.stdout.split()), result.stdout
    for sid in ids.values():
        fetch = outcome(db, sid)
        assert (fetch["class"], fetch["evidence"]["dns"]) == ("connection-error", "temporary"), fetch
        assert "Temporary failure in name resolution" in fetch["error_message"]
    asked = _asked(crawl_env)
    assert set(ids) <= set(asked)
    # a robots.txt and a page per host, first tries; retried (all RETRIES each) at most while
    # fewer than 3 hosts had failed: those of 2 hosts.  Retrying every lookup asks 32 times
    # (each page 1 + RETRIES times, its robots.txt once); the first failure, of 1 host, is retried
    assert 2 * len(ids) < sum(asked.values()) <= 2 * len(ids) + 2 * 2 * RETRIES, asked


def test_a_server_s_answer_starts_the_evidence_anew(web, env, db, tmp_path):
    # one request at a time, the canaries pinned to fail.  Two hosts' lookups do not finish
    # before anything has answered: the first is retried, the second makes the canaries be
    # asked, and is not.  Then the test web's page answers, and the next hiccup gets its retries
    # again; but the machine can go offline after an answer too: two more hosts whose lookups
    # do not finish, and the canaries are asked anew (an answer that settled the question for
    # the rest of the crawl retried every later lookup, each one another resolver timeout).
    # Scrapy's scheduler takes the hosts in turn, in name order after the last one it took,
    # from the first source: before-a.example, before-b.example, 127.0.0.1 (digits come first),
    # after-a.example, after-b.example; the WARC's order confirms it
    before = ["http://before-a.example/statement", "http://before-b.example/statement"]
    after = ["http://after-a.example/statement", "http://after-b.example/statement"]
    live = web["main"] + "/crawl/live?key=lookups-answered"
    ids = add_sources(db, [*before, live, *after])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*.example=again,*=fail", soft404_probe="0",
                         retries=RETRIES, offline_after_hosts=2, concurrency=1)  # no soft-404 probe: it would answer later
    crawl_here(crawl_env)
    records = _records(crawl_env)
    order = [records.index(("request", url)) for url in before] + [records.index(("response", live))] \
        + [records.index(("request", url)) for url in after]
    assert order == sorted(order), records
    assert [outcome(db, sid)["class"] for sid in ids.values()] == ["connection-error"] * 2 + ["live"] + ["connection-error"] * 2
    asked = _asked(crawl_env)
    # the first host of each run of failures is retried (its page's later retries wait their turn
    # behind the next host, whose failure makes the canaries be asked); the second is not
    assert asked[before[0]] > 1 and asked[after[0]] > 1, asked
    assert asked[before[1]] == asked[after[1]] == 1, asked


def test_many_hiccups_are_retried_while_a_canary_answers(web, env, db, tmp_path):
    # nothing the crawl asks for answers, but the machine reaches the web (a canary on the test
    # web): the resolver has a bad moment, and each lookup gets its retries
    ids = _hiccup_sources(db, 4)
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=again", retries=RETRIES, offline_after_hosts=2,
                         network_canaries=web["main"] + "/crawl/live?key=lookups-canary")
    result = crawl_here(crawl_env)
    assert "the network seems unreachable" not in result.stdout
    asked = _asked(crawl_env)
    assert {url: asked[url] for url in ids} == {url: 1 + RETRIES for url in ids}
    assert {outcome(db, sid)["class"] for sid in ids.values()} == {"connection-error"}
