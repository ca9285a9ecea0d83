"""One host's limit holds across redirects and in the cluster: a host is its name.

- A redirect hop to another host name was downloaded through the first host's download slot
  (Scrapy's RedirectMiddleware copies the meta, `download_slot` included): it counted against
  the first host's `host_delay` and `per_host_concurrency`, and escaped those of the host it
  went to, and that host's 429 hold.  Now a hop has its own host name's slot
  (crawler/middlewares/retries.py `_hop_slot`), and so has a browser retry sent back to the first URL.
- The distributed crawl's shared limiter keyed its slot and Redis reservation by host:port,
  so two ports of one name were two hosts there and one on a single machine.  Now by host name
  (crawler/cluster/limiter.py).

- A 429 on a hop from A to B holds B, the host that answered it, not A (the retry from A's URL
  goes on, and A's other pages with it); checked here in a real crawl.
- In a distributed crawl a 429's hold held the worker that met it only: the others went on
  asking the host during its Retry-After.  Now the hold pushes the host's shared reservation
  (crawler/cluster/limiter.py `hold`), and a request that reserved its turn before the hold
  and wakes inside it reserves again.

Real crawls of the test web under a pinned name (tests/test_resolve.py).  The one redirect to
another host name the test web makes is its archive's: a replay asked at an inexact timestamp
redirects to the closest capture at the archive's own base URL, whose host is 127.0.0.1, so a
replay URL under a pinned name is a hop from that name to 127.0.0.1.  robots.txt is off: its
own requests take each host's slot too, and a hop waiting for B's robots.txt would hide where
it was sent from.
"""

from __future__ import annotations

import time
import urllib.parse
import uuid

import pytest

from scrapy.http import HtmlResponse, Request

from crawler.middlewares.retries import BrowserRetryMiddleware
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_distributed import citewatch, cluster_env, counters, finish
from tests.test_resolve import _renamed
from tests.web import server
from tests.web.server import Request as WebRequest, Response as WebResponse, route

HOP = "hop.limits.example"          # host A: its name pinned to 127.0.0.1; host B is 127.0.0.1 itself
PINS = f"{HOP}=127.0.0.1,*=fail"
CAPTURED = "https://gov.example/statement-1"   # in the test archive's store (tests/web/archive_store.py)


def _hop_to_loopback(archive) -> str:
    """A URL at host A (`HOP`) that redirects to host B (127.0.0.1): a replay at an inexact
    timestamp, answered by a 302 to the capture at the archive's base URL.  Both requests
    are counted under the archive namespace's "replay", in order."""
    return f"{_renamed(archive.root, HOP, '')}/ns/{archive.ns}/web/2020/{CAPTURED}"


# A site of the test web served by this test process, for a redirect to any URL (the test
# web's own redirects stay on their host, its archive's on the archive): /hop-to/?url=<URL>.
# Its other paths are the test web's (/crawl/live counted in this process's STATE).
REDIRECTING = "redirecting-session18"


@route("/hop-to/", site=REDIRECTING)
def _hop_to(req: WebRequest) -> WebResponse:
    return WebResponse(302, b"", headers=[("Location", req.arg("url"))])


@pytest.fixture(scope="module")
def redirecting() -> str:
    """The redirecting site's base URL (127.0.0.1, a port of its own), for this module's tests."""
    return server.start((REDIRECTING,))[REDIRECTING]


def _gaps(times: list[float]) -> list[float]:
    ordered = sorted(times)
    return [round(later - earlier, 3) for earlier, later in zip(ordered, ordered[1:])]


def _spans(times: list[float]) -> list[float]:
    """Each arrival's distance to the one after the next: two delays when the requests were sent
    a delay apart, however late one of them arrived (a loaded machine delays an arrival, which
    shortens the gap after it as much as it lengthens the one before); one delay, or less, when a
    request went out beside another."""
    ordered = sorted(times)
    return [round(later - earlier, 3) for earlier, later in zip(ordered, ordered[2:])]


def _span_around(times: list[float], at: float) -> float:
    """The span from the arrival before `at` to the one after it (the two gaps around `at`; to
    or from the second, when `at` came first or last): two delays when `at` went out in its
    own turn, about one when it went out beside another request (one of the two gaps is then
    about nothing).  A late arrival of `at` itself moves it between its neighbours without
    changing the span.  The host's first arrival is left out (unless it is `at`): it can come
    late on a loaded machine (its connection's set-up), which shortens the span from it
    although Scrapy spaced the sends."""
    ordered = sorted(times)
    if ordered[0] != at:
        ordered = ordered[1:]
    first = max(0, min(ordered.index(at) - 1, len(ordered) - 3))
    return round(ordered[first + 2] - ordered[first], 3)


def test_a_redirect_to_another_host_is_spaced_against_that_hosts_requests(web, env, db, tmp_path, archive):
    """With per_host_concurrency 1 and a host_delay, the hop from A to B goes out in B's turn.

    Through A's slot it went out a delay after A's own requests, beside one of B's (B's
    pages go out a delay apart from the crawl's start, as A's do)."""
    key = uuid.uuid4().hex
    delay = 0.4
    loopback = web["main"]                                  # host B: 127.0.0.1
    named = _renamed(web["main"], HOP, "")                  # host A
    b_pages = [f"{key}-b-{n}" for n in range(8)]
    a_pages = [f"{key}-a-{n}" for n in range(3)]    # A's requests spaced too, judged after A's first
    hop = _hop_to_loopback(archive)
    add_sources(db, [hop] + [f"{named}/crawl/live?key={k}" for k in a_pages]
                + [f"{loopback}/crawl/live?key={k}" for k in b_pages])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=delay,
                   obey_robots=0, soft404_probe=0))

    asked_at_a, hop_at_b = archive.counters()["replay"]        # the 302 at A, then the capture at B
    seen = counters(web)
    at_b = [seen[f"live:{k}"][0] for k in b_pages] + [hop_at_b]
    # the hop in B's turn: the two gaps around it span two delays (less a margin for a late
    # arrival of the one before it); sent in A's turn, it lands beside one of B's requests and
    # the gaps around it span about one delay.  Judged around the hop, not over all of B's
    # arrivals: B's first ones can arrive late on a loaded machine (their connection's set-up),
    # which shortens the gaps after them although Scrapy spaced their sends
    assert _span_around(at_b, hop_at_b) >= 1.5 * delay, (_gaps(at_b), sorted(at_b).index(hop_at_b),
                                                        round(hop_at_b - asked_at_a, 3))
    at_a = [asked_at_a] + [seen[f"live:{k}"][0] for k in a_pages]
    assert min(_spans(sorted(at_a)[1:])) >= 1.5 * delay, _gaps(at_a)   # (A's first can arrive late as B's)


def test_a_host_held_by_its_429_is_not_reached_through_a_redirect_from_another_host(
        web, env, db, tmp_path, archive):
    """B answered 429 (its wait: retry_after_default); a hop from A to B waits out B's hold.
    Through A's slot it went out a delay after A's request, inside B's hold."""
    key = uuid.uuid4().hex
    wait = 2.0
    rate_limited = f"{web['main']}/crawl/rate-no-header?key={key}"   # host B, 429 every time
    hop = _hop_to_loopback(archive)
    add_sources(db, [rate_limited, hop])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=0.2,
                   obey_robots=0, soft404_probe=0, retry_after_default=wait, retry_after_cap=10))

    first_429 = counters(web)[f"rate-no-header:{key}"][0]
    asked_at_a, hop_at_b = archive.counters()["replay"]
    assert asked_at_a < first_429 + wait                          # A was asked during B's hold ...
    assert hop_at_b >= first_429 + wait, round(hop_at_b - first_429, 3)   # ... its hop to B after it


def test_a_429_on_a_redirect_hop_holds_the_host_that_answered_it_not_the_one_redirecting(
        web, env, db, tmp_path, redirecting):
    """A (a pinned name) redirects to B (127.0.0.1), whose 429 asks for retry_after_default:
    B's pages asked after it wait out the hold, A's go on meanwhile (its retry and its pages).
    Through A's slot the hop's 429 held A, and B's pages went out during B's wait.  (A small
    `concurrency` keeps B's pages in the scheduler, not queued in B's slot ahead of the hop.)"""
    key = uuid.uuid4().hex
    wait = 2.0
    named = _renamed(redirecting, HOP, "")                              # host A
    limited = f"{web['main']}/crawl/rate-no-header?key={key}"          # at B: 429 every time
    hop = f"{named}/hop-to/?url={urllib.parse.quote(limited, safe='')}"
    b_pages = [f"{key}-b-{n}" for n in range(10)]
    a_pages = [f"{key}-a-{n}" for n in range(6)]
    ids = add_sources(db, [hop] + [f"{web['main']}/crawl/live?key={k}" for k in b_pages]
                      + [f"{named}/crawl/live?key={k}" for k in a_pages])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS, per_host_concurrency=1, host_delay=0.3, concurrency=3,
                   obey_robots=0, soft404_probe=0, retry_after_default=wait, retry_after_cap=10))

    at_b = counters(web)
    answered = at_b[f"rate-no-header:{key}"][0]                        # the hop's 429 at B
    held_until = answered + wait
    b_after = [at_b[f"live:{k}"][0] for k in b_pages if at_b[f"live:{k}"][0] > answered]
    assert b_after, "no page of B was left to ask after the 429"
    assert all(at >= held_until for at in b_after), [round(at - answered, 2) for at in b_after]
    a_after = [server.STATE.counters[f"live:{k}"][0] for k in a_pages]
    assert any(answered < at < held_until for at in a_after), [round(at - answered, 2) for at in a_after]
    assert outcome(db, ids[hop])["class"] == "rate-limited"


def test_two_ports_of_one_host_name_share_the_clusters_limit(web, env, db, redis_url, tmp_path):
    """A distributed crawl's pages on two ports of 127.0.0.1 are one host's: spaced by
    host_delay one after another, as on one machine (tests/test_polite_crawl.py).
    Keyed by host:port, the two ports' pages went out in pairs."""
    run = uuid.uuid4().hex[:8]
    delay = 0.3
    sites = ("main", "other")
    add_sources(db, [f"{web[sites[n % 2]]}/many/{run}/{n}" for n in range(12)])
    started = time.time()
    out = finish(citewatch(cluster_env(env, redis_url, host_delay=delay, obey_robots=0), "crawl", "--redis",
                           redis_url, "--workers", "1"))
    assert "12 sources (live: 12)" in out, out

    seen = counters(web)
    arrivals = [t for site in sites for t in seen[f"many:{run}:{site}"] if t >= started]
    assert len(arrivals) == 12
    assert min(_gaps(arrivals)) >= delay / 2, _gaps(arrivals)


def test_a_retry_from_the_first_url_leaves_the_slot_of_the_host_that_answered():
    """A's page redirected to B, whose 403 (or 429) is retried from A's URL: the retry carried
    B's download slot with the meta, so it waited in B's queue (and B's hold) to ask A.
    Now Scrapy keys it by A's name; a slot set on purpose stays.  (The test web has no hop to
    another host whose target answers 403 or 429: the middleware's own retry, on Scrapy's
    Request and Response.)"""
    retry = BrowserRetryMiddleware(browser_retry=True, retry_after_default=1, retry_after_cap=10)
    for slot, kept in (("b.example", None), ("everything-at-b", "everything-at-b")):
        hop = Request("http://b.example/moved-here", meta={
            "source_id": 1, "purpose": "live", "download_slot": slot, "redirect_urls": ["http://a.example/page"]})
        again = retry.process_response(hop, HtmlResponse(hop.url, status=403, body=b"<html></html>", request=hop))
        assert again.url == "http://a.example/page" and again.meta.get("download_slot") == kept, again.meta


def test_a_429_holds_its_host_on_every_worker_of_a_distributed_crawl(web, env, db, redis_url, tmp_path):
    """Two workers share one host's pages; one meets its 429 (its wait: retry_after_default).
    No page of that host is asked by either worker until the wait has passed.  The other
    worker, held by nothing, went on asking during the wait."""
    key = uuid.uuid4().hex
    wait = 2.0
    pages = [f"{key}-{n}" for n in range(12)]
    add_sources(db, [f"{web['main']}/crawl/rate-no-header?key={key}"]
                + [f"{web['main']}/crawl/live?key={k}" for k in pages])
    out = finish(citewatch(cluster_env(env, redis_url, host_delay=0.3, obey_robots=0, retry_after_default=wait,
                                       retry_after_cap=10), "crawl", "--redis", redis_url, "--workers", "2"))
    assert "13 sources" in out, out

    seen = counters(web)
    answered = seen[f"rate-no-header:{key}"][0]
    after = sorted(seen[f"live:{k}"][0] for k in pages if seen[f"live:{k}"][0] > answered)
    assert after, "no page was left to ask after the 429"
    assert all(at >= answered + wait for at in after), [round(at - answered, 2) for at in after]


def test_a_redirect_out_of_the_closed_archive_to_another_host_is_still_asked():
    """After the archive's own 429 nothing more is asked of it in that crawl, but a hop out of it
    to another host (an in-flight capture redirecting to a live page) is that host's request.
    The hop carries the archive's download slot, copied with the meta until `_hop_slot` drops it
    (process_request, after scheduling), and the close matched the slot: the hop was dropped as
    it was scheduled.  (A real archive is keyed without a port, as its slot is; the test archive
    has one.  The middleware's own check, on Scrapy's Request.)"""
    retry = BrowserRetryMiddleware(browser_retry=True, retry_after_default=1, retry_after_cap=10,
                                   archive_host="web.archive.org")
    retry.closed["web.archive.org"] = "the archive answered its own 429"   # as `_close` leaves it
    capture = "https://web.archive.org/web/2020/https://a.example/page"
    hop = Request("https://a.example/page", meta={"source_id": 1, "purpose": "live", "download_slot": "web.archive.org",
                                                   "redirect_urls": [capture]})
    assert retry._closed_to(hop) is None
    assert retry._closed_to(Request(capture, meta={"source_id": 1, "purpose": "live"})) is not None
