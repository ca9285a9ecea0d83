"""The resolve_hosts setting: a pinned name is fetched, refused and TLS-checked at its pinned address.

Real crawls of the test web under made-up host names (the `.example` names never reach
a DNS server: everything not pinned to 127.0.0.1 is pinned to fail, as in every test).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from crawler.resolve import parse_pins, pinned
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome

PINS = "statement.gov.example=127.0.0.1,*.tls.example=127.0.0.1,*=fail"


def _renamed(base: str, host: str, path: str) -> str:
    """`base`'s scheme and port under another host name."""
    parts = urlsplit(base)
    return f"{parts.scheme}://{host}:{parts.port}{path}"


def test_a_pinned_name_is_fetched_and_tls_checked_at_its_address(web, env, db, tmp_path):
    live = _renamed(web["main"], "statement.gov.example", "/crawl/live?key=pinned")
    expired = _renamed(web["tls_expired"], "old.tls.example", "/crawl/statement")
    unpinned = _renamed(web["main"], "elsewhere.example", "/crawl/live?key=pinned")
    ids = add_sources(db, [live, expired, unpinned])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS))
    assert (outcome(db, ids[live])["class"], outcome(db, ids[live])["status"]) == ("live", 200)
    tls = outcome(db, ids[expired])
    assert tls["class"] == "tls-error" and tls["tls_error"], tls  # the check reached the pinned address
    assert outcome(db, ids[unpinned])["class"] == "dns-failure"


def test_a_name_pinned_to_a_private_address_is_refused(web, env, db, tmp_path):
    url = _renamed(web["main"], "statement.gov.example", "/crawl/live?key=pinned-private")
    ids = add_sources(db, [url])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS, allow_private_networks="0"))
    fetch = outcome(db, ids[url])
    assert fetch["class"] == "refused" and "statement.gov.example resolves to 127.0.0.1" in fetch["reason"], fetch


def test_a_malformed_pin_is_a_one_line_error(web, env, db, tmp_path):
    add_sources(db, [web["main"] + "/crawl/live?key=bad-pin"])
    result = crawl_here(fast_env(env, web, tmp_path, resolve_hosts="statement.gov.example"), check=False)
    assert result.returncode != 0
    assert "resolve_hosts: 'statement.gov.example' is not host=address" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_most_specific_pin_wins():
    pins = parse_pins(["*=fail", "*.example.org=127.0.0.2", "www.example.org=127.0.0.3"])
    assert pinned("WWW.Example.org.", pins) == "127.0.0.3"
    assert pinned("news.example.org", pins) == "127.0.0.2"
    assert pinned("example.org", pins) == "fail"  # *.example.org is its subdomains only
    assert pinned("127.0.0.1", pins) is None and pinned("::1", pins) is None  # address literals are never pinned
    assert pinned("www.example.org", {}) is None


def test_the_network_is_reachable_when_any_canary_answers(web):
    from crawler.resolve import network_reachable

    answering = web["main"] + "/"
    assert network_reachable(["https://web.archive.org/", answering], parse_pins(["*=fail"]), timeout=2)
    assert not network_reachable(["https://web.archive.org/", "wikipedia.org"], parse_pins(["*=fail"]), timeout=2)
    pinned_fail = _renamed(web["main"], "canary.example", "/")  # an answering server, under a name pinned to fail
    assert not network_reachable([pinned_fail], parse_pins(["canary.example=fail"]), timeout=2)
    assert network_reachable([pinned_fail], parse_pins(["canary.example=127.0.0.1"]), timeout=2)
