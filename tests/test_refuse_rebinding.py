"""The private-address refusal judges the address the download connects to, from one lookup a host.

A name a document cites can be answered differently from one query to the next (DNS
rebinding: a public address first, 127.0.0.1 or 169.254.169.254 the next time).  A
refusal that looked the name up on its own and let the download look it up again judged
an address the crawl never connected to.  Here the crawl's resolver is tests/nameserver.py
(every name is 127.0.0.1, the test web), set by a Scrapy setting, and `resolve_hosts` gives
the same name another answer for citewatch's lookups of its own: a public address, or none.
The certificate check, too, connects where the download did.
"""

from __future__ import annotations

import json
import os
import socket
import socketserver
import threading
import urllib.request

import pytest

import db as database
from tests.nameserver import queries
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_resolve import _renamed

PUBLIC = "93.184.215.14"  # a public address (example.com's): never connected to, only read from the pin


def _served(web: dict) -> dict:
    """The test web's counters: what it was asked for, by key."""
    return json.loads(urllib.request.urlopen(web["main"] + "/_control/counters").read())


OWN_ANSWERS = {"public": PUBLIC, "no-answer": "fail"}   # citewatch's own answer for a rebinding name


def _module_crawl_env(tmp_path) -> tuple[object, dict]:
    """A database and the `env` fixture's environment for a crawl shared by a module's tests
    (test_crawl.py's `class_crawl` does alike): (the open database, the environment)."""
    env = dict(os.environ, CITEWATCH_DB=str(tmp_path / "test.db"), CITEWATCH_DATA_DIR=str(tmp_path / "data"),
               CITEWATCH_ALLOW_PRIVATE_NETWORKS="1")
    return database.open_db(tmp_path / "test.db"), env


@pytest.fixture(scope="module")
def rebinding_crawl(web, tmp_path_factory) -> tuple[object, dict, dict]:
    """One crawl of two pages under each of two names the crawl's resolver answers 127.0.0.1 and
    citewatch's own lookups answer otherwise (`OWN_ANSWERS`: a public address, none): a name each,
    as a name of its own gets its own answers.  (db, {case: [its urls]}, the crawl's environment)."""
    tmp_path = tmp_path_factory.mktemp("rebinding")
    db, env = _module_crawl_env(tmp_path)
    urls = {case: [_renamed(web["main"], f"rebind-{case}.example", f"/crawl/live?key=rebinding-{case}&page={i}")
                   for i in (1, 2)] for case in OWN_ANSWERS}
    add_sources(db, [url for pages in urls.values() for url in pages])
    pins = ",".join(f"rebind-{case}.example={answer}" for case, answer in OWN_ANSWERS.items())
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts=f"{pins},*=fail", allow_private_networks="0")
    crawl_here({**crawl_env, "SCRAPY_SETTINGS_MODULE": "tests.nameserver"})
    return db, urls, crawl_env


@pytest.mark.parametrize("case", OWN_ANSWERS)
def test_a_name_the_crawl_s_resolver_answers_privately_is_refused(case, rebinding_crawl, web):
    db, urls, crawl_env = rebinding_crawl
    host = f"rebind-{case}.example"
    for url in urls[case]:
        fetch = outcome(db, db.execute("select id from sources where url = ?", [url]).fetchone()[0])
        assert fetch["class"] == "refused", fetch
        assert f"{host} resolves to 127.0.0.1" in fetch["reason"], fetch
    assert f"live:rebinding-{case}" not in _served(web)  # nothing was sent to the address the name rebound to
    assert queries(crawl_env["CITEWATCH_DATA_DIR"])[host] == 1  # one lookup for both URLs


@pytest.mark.parametrize("host, settings", [("once.example", "tests.nameserver"),
                                            ("uncached.example", "tests.nameserver_uncached")])
def test_a_host_is_looked_up_once_for_its_robots_txt_its_pages_and_a_redirect(host, settings, web, env, db, tmp_path):
    # private networks allowed, so the test web is fetched: the lookup before the host's turn
    # and every download read the one answer the crawl keeps.  Scrapy's DNS cache alone would
    # not do: it drops names (first in, first out) and can be off (tests.nameserver_uncached),
    # and the download then asked the name server again, where a rebinding name could answer
    # 127.0.0.1 after the refusal judged a public first answer
    urls = [_renamed(web["main"], host, path) for path in (f"/crawl/live?key={host}", "/crawl/moved")]
    ids = add_sources(db, urls)
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=fail")
    crawl_here({**crawl_env, "SCRAPY_SETTINGS_MODULE": settings})
    assert [outcome(db, ids[url])["class"] for url in urls] == ["live", "redirected"]
    assert queries(crawl_env["CITEWATCH_DATA_DIR"]) == {host: 1}


def test_the_certificate_is_checked_where_the_download_connected(web, env, db, tmp_path):
    # citewatch's lookups of its own find no address for the name (pinned to fail): the check
    # reaches the server only at the address the download connected to
    expired = _renamed(web["tls_expired"], "old.tls.example", "/crawl/statement")
    ids = add_sources(db, [expired])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=fail")
    crawl_here({**crawl_env, "SCRAPY_SETTINGS_MODULE": "tests.nameserver"})
    fetch = outcome(db, ids[expired])
    assert fetch["class"] == "tls-error" and fetch["tls_error"], fetch  # the check reached the server
    assert queries(crawl_env["CITEWATCH_DATA_DIR"]) == {"old.tls.example": 1}


@pytest.mark.parametrize("obey_robots", ["0", "1"])
def test_a_lookup_that_fails_in_the_refusal_is_no_refusal_and_keeps_its_reason(obey_robots, web, env, db, tmp_path):
    # the refusal's failed lookup is the request's lookup before its turn too: one query a request
    # (the page's, and its robots.txt's when robots.txt is obeyed), the reason kept
    url = _renamed(web["main"], "again-refusal.example", "/crawl/live?key=refusal-lookup-failed")
    ids = add_sources(db, [url])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=fail", allow_private_networks="0", retries="0",
                         obey_robots=obey_robots)
    crawl_here({**crawl_env, "SCRAPY_SETTINGS_MODULE": "tests.nameserver"})
    fetch = outcome(db, ids[url])
    assert (fetch["class"], fetch["evidence"].get("dns")) == ("connection-error", "temporary"), fetch
    assert "Temporary failure in name resolution" in fetch["error_message"], fetch
    assert queries(crawl_env["CITEWATCH_DATA_DIR"]) == {"again-refusal.example": 1 + int(obey_robots)}


def test_a_name_pinned_to_an_intranet_address_is_refused_also_through_a_proxy(web, env, db, tmp_path):
    # the proxy would look the name up itself; the crawl's resolver (the pin) is what there is to
    # judge, and it says 10.0.0.5.  Nothing is sent: the proxy is a closed loopback port
    url = "http://intranet.example/statement"
    ids = add_sources(db, [url])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="intranet.example=10.0.0.5,*=fail", allow_private_networks="0")
    proxy = {"http_proxy": "http://127.0.0.1:9", "no_proxy": "127.0.0.1"}
    crawl_here({**{k: v for k, v in crawl_env.items() if k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}, **proxy})
    fetch = outcome(db, ids[url])
    assert fetch["class"] == "refused" and "intranet.example resolves to 10.0.0.5" in fetch["reason"], fetch


class _TunnelProxy(socketserver.ThreadingTCPServer):
    """An https proxy on a loopback port: it answers CONNECT name:port with a tunnel to
    127.0.0.1:port, whatever the name (as the test name server answers every name)."""

    daemon_threads = True

    class handler(socketserver.BaseRequestHandler):
        def handle(self):
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 8192:
                head += self.request.recv(1024) or b"\r\n\r\n"
            port = int(head.split(b" ", 2)[1].rsplit(b":", 1)[1])
            with socket.create_connection(("127.0.0.1", port), timeout=5) as upstream:
                self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                threading.Thread(target=_pipe, args=(upstream, self.request), daemon=True).start()
                _pipe(self.request, upstream)

    def __init__(self):
        super().__init__(("127.0.0.1", 0), self.handler)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    """Copy `source` to `sink` until either side closes."""
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass


def test_through_a_proxy_the_certificate_is_checked_at_the_crawl_s_answer(web, env, db, tmp_path):
    # the download went through a proxy (whose address the response carries): the check asks the
    # crawl's resolver, the answer the refusal judges, not a lookup of its own (pinned to fail here)
    expired = _renamed(web["tls_expired"], "proxied.tls.example", "/crawl/statement")
    ids = add_sources(db, [expired])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=fail", obey_robots="0")
    with _TunnelProxy() as proxy:
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        proxied = {"https_proxy": f"http://127.0.0.1:{proxy.server_address[1]}", "no_proxy": "127.0.0.1"}
        crawl_here({**{k: v for k, v in crawl_env.items() if k.lower() not in ("http_proxy", "https_proxy", "no_proxy")},
               **proxied, "SCRAPY_SETTINGS_MODULE": "tests.nameserver"})
        proxy.shutdown()
    fetch = outcome(db, ids[expired])
    assert fetch["class"] == "tls-error" and fetch["tls_error"], fetch
    assert queries(crawl_env["CITEWATCH_DATA_DIR"]) == {"proxied.tls.example": 1}


NUMBERS = ["2130706433", "0x7f.1", "127.1", "0177.0.0.1"]   # 127.0.0.1, written as inet_aton reads numbers


@pytest.fixture(scope="module")
def numbers_crawl(web, tmp_path_factory) -> tuple[object, dict]:
    """One crawl of a page at each of `NUMBERS` (a host each, judged on its own): (db, {host: url})."""
    tmp_path = tmp_path_factory.mktemp("numbers")
    db, env = _module_crawl_env(tmp_path)
    urls = {host: _renamed(web["main"], host, f"/crawl/live?key=numeric-{host}") for host in NUMBERS}
    add_sources(db, list(urls.values()))
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts="pinned.example=fail", allow_private_networks="0",
                   network_canaries=web["main"] + "/crawl/live?key=numeric-canary"))
    return db, urls


@pytest.mark.parametrize("host", NUMBERS)
def test_an_address_written_as_a_number_is_refused(host, numbers_crawl, web):
    # not an address literal to Python (ipaddress) nor to Twisted: a name, which the resolver reads
    # as a number (inet_aton: no DNS query) and answers 127.0.0.1, judged as the address it is.
    # No pin for `*`: the system resolver is asked, and answers without leaving the machine (nor
    # do the canary hosts, on the test web)
    db, urls = numbers_crawl
    fetch = outcome(db, db.execute("select id from sources where url = ?", [urls[host]]).fetchone()[0])
    assert fetch["class"] == "refused" and f"{host} resolves to 127.0.0.1" in fetch["reason"], fetch
    assert f"live:numeric-{host}" not in _served(web)
