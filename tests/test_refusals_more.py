"""The address refusal: every address that is not globally routable, in the crawl and in
`citewatch ingest URL`, on the URL and on every redirect hop.

Nothing here sends traffic beyond 127.0.0.0/8.  A name pinned (`resolve_hosts`) to a
public or metadata address is judged by the pin and refused before anything is sent; the
requests that go out go through a proxy on loopback (`_RecordingProxy`, or a closed port),
so that even a refusal that failed to happen would reach nothing but loopback.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.middlewares.refusals import refusal
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_ingest_cli import TABLES, counts, ingest
from tests.test_refuse_rebinding import PUBLIC, _served
from tests.test_resolve import _renamed

CLASSES = "private, loopback, link-local or multicast"
ALLOW = "set allow_private_networks (CITEWATCH_ALLOW_PRIVATE_NETWORKS) to read it, or download the document and pass its path"


@pytest.mark.parametrize("url, said", [
    ("http://100.100.100.200/latest/meta-data/", "the address 100.100.100.200 is not globally routable (shared address space"),
    ("http://100.64.0.1/", "the address 100.64.0.1 is not globally routable"),
    ("http://[2002:a9fe:a9fe::1]/", f"the address 2002:a9fe:a9fe::1 is 6to4, carrying 169.254.169.254, which is {CLASSES}"),
    ("http://[2002:c0a8:101::1]/", f"the address 2002:c0a8:101::1 is 6to4, carrying 192.168.1.1, which is {CLASSES}"),
    ("http://[fec0::1]/", "the address fec0::1 is site-local"),
    ("http://[::ffff:169.254.169.254]/", f"is IPv4-mapped, carrying 169.254.169.254, which is {CLASSES}"),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", f"is Teredo (client), carrying 192.0.2.45, which is {CLASSES}"),
    ("http://[64:ff9b::a9fe:a9fe]/", f"the address 64:ff9b::a9fe:a9fe is NAT64 (64:ff9b::/96), carrying 169.254.169.254, which is {CLASSES}"),
    ("http://[64:ff9b:1::808:808]/", "is NAT64 for local use (64:ff9b:1::/48), which a translator turns into any IPv4 address"),
])
def test_an_address_that_is_not_globally_routable_is_refused_naming_its_class(url, said):
    # before: 100.64.0.0/10 (is_private is False for it) and 6to4 or site-local addresses passed;
    # mapped, Teredo and NAT64 addresses were refused as "private, loopback, link-local or multicast"
    assert said in (refusal(url, allow_private=False) or "passed")


@pytest.mark.parametrize("url", ["http://198.18.0.1/", "http://240.0.0.1/", "http://0.0.0.0/", "http://[::]/",
                                 "http://224.0.0.1/", "http://[ff0e::1]/", "http://169.254.169.254/", "http://[::1]/"])
def test_special_ranges_and_multicast_stay_refused(url):
    # ipaddress calls multicast global: the is_global rule alone would have let it through
    assert CLASSES in refusal(url, allow_private=False)


@pytest.mark.parametrize("url", ["http://8.8.8.8/", "http://[2606:4700::1]/", "http://[2002:808:808::1]/",
                                 "http://[64:ff9b::808:808]/",   # (DNS64 gives an IPv4-only site this one)
                                 "http://[::ffff:8.8.8.8]/"])    # (before: refused as reserved)
def test_a_public_address_passes(url):
    assert refusal(url, allow_private=False) is None


def test_a_name_resolving_to_shared_address_space_is_refused_by_the_crawl(web, env, db, tmp_path):
    # Alibaba Cloud's metadata service answers at 100.100.100.200.  Nothing is sent: were the
    # refusal to fail, the request would go to the proxy, a closed loopback port
    url = "http://metadata.cloud.example/latest/meta-data/"
    ids = add_sources(db, [url])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="metadata.cloud.example=100.100.100.200,*=fail",
                         allow_private_networks="0")
    proxy = {"http_proxy": "http://127.0.0.1:9", "no_proxy": "127.0.0.1"}
    crawl_here({**{k: v for k, v in crawl_env.items() if k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}, **proxy})
    fetch = outcome(db, ids[url])
    assert fetch["class"] == "refused", fetch
    assert fetch["reason"] == ("refused: metadata.cloud.example resolves to 100.100.100.200: not globally routable "
                               "(shared address space 100.64.0.0/10 or another special-purpose range)"), fetch


class _RecordingProxy(ThreadingHTTPServer):
    """An http proxy on a loopback port that forwards nothing: it notes each request's URL
    and answers it with `status` and `location` (a redirect), as a site would."""

    daemon_threads = True

    class handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.server.seen.append(self.path)
            self.send_response(self.server.status)
            self.send_header("Location", self.server.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    def __init__(self, location: str, status: int = 302):
        super().__init__(("127.0.0.1", 0), self.handler)
        self.location, self.status, self.seen = location, status, []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def proxy():
    """A `_RecordingProxy` redirecting to the metadata service (change `location` at will)."""
    server = _RecordingProxy("http://metadata.example/latest/meta-data/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _through(proxy: _RecordingProxy, resolve_hosts: str, allow_private: str = "0") -> dict:
    """The environment of an ingest whose http requests all go to `proxy`."""
    return {"http_proxy": proxy.url, "HTTP_PROXY": None, "no_proxy": None, "NO_PROXY": None,
            "CITEWATCH_RESOLVE_HOSTS": resolve_hosts, "CITEWATCH_ALLOW_PRIVATE_NETWORKS": allow_private}


def test_ingest_refuses_a_loopback_url_and_sends_nothing(runner, db_path, web):
    url = web["main"] + "/crawl/live?key=ingest-refused"
    result = ingest(runner, db_path, url, env={"CITEWATCH_ALLOW_PRIVATE_NETWORKS": "0"})
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {url}: refused: the address 127.0.0.1 is {CLASSES}; {ALLOW}"]
    assert "live:ingest-refused" not in _served(web)
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


def test_ingest_judges_a_name_by_the_address_it_resolves_to(runner, db_path, web):
    # not an address literal: the system resolver reads 127.1 as a number (no DNS query)
    url = _renamed(web["main"], "127.1", "/crawl/live?key=ingest-numeric")
    result = ingest(runner, db_path, url, env={"CITEWATCH_RESOLVE_HOSTS": "pinned.example=fail",
                                                "CITEWATCH_ALLOW_PRIVATE_NETWORKS": "0"})
    assert result.output.splitlines() == [f"Error: {url}: refused: 127.1 resolves to 127.0.0.1: {CLASSES}; {ALLOW}"]
    assert "live:ingest-numeric" not in _served(web)


def test_ingest_refuses_a_name_pinned_to_the_metadata_address_before_sending(runner, db_path, proxy):
    url = "http://metadata.example/latest/meta-data/iam/security-credentials/"
    result = ingest(runner, db_path, url, env=_through(proxy, "metadata.example=169.254.169.254,*=fail"))
    assert result.output.splitlines() == [
        f"Error: {url}: refused: metadata.example resolves to 169.254.169.254: {CLASSES}; {ALLOW}"]
    assert proxy.seen == []


def test_a_redirect_from_a_public_name_to_the_metadata_address_is_refused_before_it_is_sent(runner, db_path, proxy):
    # statement.gov.example is pinned to a public address (never connected to: the request goes to
    # the proxy), which answers with a redirect to a name pinned to 169.254.169.254
    url = "http://statement.gov.example/letter.txt"
    pins = f"statement.gov.example={PUBLIC},metadata.example=169.254.169.254,*=fail"
    result = ingest(runner, db_path, url, env=_through(proxy, pins))
    assert result.output.splitlines() == [
        f"Error: {url}: redirected to {proxy.location}: refused: metadata.example resolves to 169.254.169.254: "
        f"{CLASSES}; {ALLOW}"]
    assert proxy.seen == [url]


def test_a_redirect_to_another_scheme_is_refused_even_when_private_networks_are_allowed(runner, db_path, proxy):
    url = "http://statement.gov.example/letter.txt"
    proxy.location = "file:///etc/passwd"
    result = ingest(runner, db_path, url, env=_through(proxy, f"statement.gov.example={PUBLIC},*=fail", "1"))
    assert result.output.splitlines() == [
        f"Error: {url}: redirected to file:///etc/passwd: refused: the scheme file: is not http(s); "
        "download the document and pass its path"]
    assert proxy.seen == [url]


def test_ingest_follows_as_many_redirects_as_the_crawl(runner, db_path, proxy):
    url = "http://statement.gov.example/letter.txt"
    proxy.location = url  # a loop: the crawl's REDIRECT_MAX_TIMES (10) are followed, no more
    result = ingest(runner, db_path, url, env=_through(proxy, f"statement.gov.example={PUBLIC},*=fail"))
    assert result.output.splitlines() == [
        f"Error: {url}: more than 10 redirects (the crawl's limit); check the URL or download the file and pass its path"]
    assert proxy.seen == [url] * 11


def test_ingest_connects_where_resolve_hosts_pins_a_name(runner, db_path, web):
    # as the crawl does: with private networks allowed the pin is the one answer, no DNS asked
    url = _renamed(web["main"], "letters.example", "/documents/un-letter.txt")
    result = ingest(runner, db_path, url, env={"CITEWATCH_RESOLVE_HOSTS": "letters.example=127.0.0.1,*=fail",
                                                "CITEWATCH_ALLOW_PRIVATE_NETWORKS": "1"})
    assert result.exit_code == 0, result.output
    assert counts(db_path)["statements"] == 42
