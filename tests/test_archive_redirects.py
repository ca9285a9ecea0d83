"""The archive client follows the archive's redirects only where the crawl would go.

A hostile or hijacked archive (or anything on the path to an `http://` one) could answer a
lookup or a save with a redirect into this machine's network: a metadata service, an
intranet.  With allow_private_networks off, the client judges each connection's address as
the crawl judges a source's (crawler/resolve.py `addresses_refused`): the redirect is not
followed, nothing is sent there, and the call fails as one answer we cannot use, not as an
archive out of reach.  The hosts the configuration names (the archive's own, on 127.0.0.1
here) are trusted.  The redirect's target is the test web's page that counts its visits, under a
name pinned to 127.0.0.1 by resolve_hosts: whether a request reached it is counted, not guessed.
"""

from __future__ import annotations

import json
import threading
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import requests

from archive import stage
from archive.errors import ArchiveError, ArchiveUnavailable
from archive.wayback import UNREACHABLE_IN_A_ROW, Wayback, WaybackOptions
from crawler.config import load_config
from crawler.middlewares.refusals import configured_netlocs
from crawler.resolve import AddressRefused, addresses_refused, pin_urllib3
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_archive import DEAD, Seed
from tests.test_rescue_faults import SITE, _classes
from tests.test_wayback import CITED

INTRANET = "intranet.example"
PINS = f"{INTRANET}=127.0.0.1,*=fail"

# each API the client calls, as it calls it (the archive's endpoint name: tests/web/wayback.py)
CALLS = {
    "available": lambda wayback: wayback.closest("https://gov.example/statement-1", CITED),
    "cdx": lambda wayback: wayback.captures("https://gov.example/statement-1"),
    "save": lambda wayback: wayback.save("https://new-page.example/redirected"),
    "spn2": lambda wayback: wayback.spn2_quota(),
}


def _visits(web, key: str) -> int:
    counters = json.loads(urllib.request.urlopen(f"{web['main']}/_control/counters").read())
    return len(counters.get(f"live:{key}", []))


def _sent_on(web, archive, endpoint: str, host: str, site: str = "main") -> tuple[str, str]:
    """Make the archive answer `endpoint` with a redirect to a counting page on `host`, at the port
    of the test web's `site` (every site serves that page): the page's URL and its visit key."""
    key = uuid.uuid4().hex
    target = f"http://{host}:{urlsplit(web[site]).port}/crawl/live?key={key}"
    archive.set(**{f"{endpoint}.redirect": target})
    return target, key


def _client(archive, tmp_path, endpoint: str, **settings):
    keys = ("access", "secret") if endpoint == "spn2" else None
    return archive.client(tmp_path, keys=keys, resolve_hosts=PINS, **settings)


@pytest.mark.parametrize("endpoint", sorted(CALLS))
def test_a_redirect_to_a_private_address_is_not_followed_and_nothing_is_sent_there(web, archive, tmp_path, endpoint):
    _, key = _sent_on(web, archive, endpoint, INTRANET)
    wayback = _client(archive, tmp_path, endpoint, allow_private_networks=0)
    with pytest.raises(ArchiveError) as failed:
        CALLS[endpoint](wayback)
    assert not isinstance(failed.value, ArchiveUnavailable)   # an answer we cannot use: not retried
    assert "not following the archive's redirect: intranet.example resolves to 127.0.0.1, which is private" in str(failed.value)
    assert "CITEWATCH_ALLOW_PRIVATE_NETWORKS" in str(failed.value)   # the way past it, for an intranet archive
    assert _visits(web, key) == 0
    assert archive.count(endpoint) == 1                        # asked once: no retries of a refusal


def test_an_address_literal_is_judged_as_written(web, archive, tmp_path):
    archive.set(**{"cdx.redirect": "http://169.254.169.254/latest/meta-data/"})
    wayback = _client(archive, tmp_path, "cdx", allow_private_networks=0)
    with pytest.raises(ArchiveError, match=r"redirect: the address 169\.254\.169\.254 is private, loopback, link-local"):
        wayback.captures("https://gov.example/statement-1")


@pytest.mark.parametrize("endpoint", ["available", "cdx"])
def test_with_allow_private_networks_the_redirect_is_followed(web, archive, tmp_path, endpoint):
    _, key = _sent_on(web, archive, endpoint, INTRANET)
    wayback = _client(archive, tmp_path, endpoint, allow_private_networks=1)
    try:
        CALLS[endpoint](wayback)
    except ArchiveError:   # the page it reached is no answer of the API's (availability: not JSON, asked again)
        pass
    assert _visits(web, key) >= 1


def test_a_redirect_to_the_archive_itself_is_followed(web, archive, tmp_path):
    """The configured archive is trusted, wherever it lives (here 127.0.0.1, as an intranet archive may)."""
    _, key = _sent_on(web, archive, "cdx", "127.0.0.1", site="archive")
    wayback = _client(archive, tmp_path, "cdx", allow_private_networks=0)
    assert wayback.captures("https://gov.example/statement-1") == []   # the page has no CDX rows
    assert _visits(web, key) == 1


def test_another_port_of_the_archives_host_is_no_archive(web, archive, tmp_path):
    """The archive's host and port are trusted, not its host alone: a redirect to another service of
    an intranet archive's machine (its database, an admin page) is judged as any other."""
    _, key = _sent_on(web, archive, "cdx", "127.0.0.1")   # the archive's host, the main site's port
    wayback = _client(archive, tmp_path, "cdx", allow_private_networks=0)
    with pytest.raises(ArchiveError, match=r"redirect: the address 127\.0\.0\.1 is private") as refused:
        wayback.captures("https://gov.example/statement-1")
    assert f"(port {urlsplit(web['main']).port} of 127.0.0.1, which is configured on another port" in str(refused.value)
    assert "named by its new URL in wayback_url" in str(refused.value)   # the narrower way past it
    assert _visits(web, key) == 0


@pytest.fixture
def proxy():
    """A forward proxy on 127.0.0.1 that answers every request it is asked to forward with a
    redirect to the metadata service, and keeps the URLs it was asked for."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def test_through_a_proxy_a_redirect_is_judged_by_its_own_host(proxy, tmp_path, monkeypatch):
    """Under a proxy every connection goes to the proxy, which looks the URL's host up itself: the
    URL is judged before it is sent, or the archive's redirect reached the metadata service."""
    url, asked = proxy
    monkeypatch.setenv("HTTP_PROXY", url)
    monkeypatch.setenv("NO_PROXY", "")
    config = load_config(env={"CITEWATCH_WAYBACK_URL": "http://archive.example", "CITEWATCH_RESOLVE_HOSTS": "*=fail",
                              "CITEWATCH_ALLOW_PRIVATE_NETWORKS": "0", "CITEWATCH_CDX_PER_MINUTE": "0",
                              "CITEWATCH_ARCHIVE_TIMEOUT": "5", "CITEWATCH_DB": str(tmp_path / "t.db"),
                              "CITEWATCH_DATA_DIR": str(tmp_path / "d")})
    with pytest.raises(ArchiveError, match=r"redirect: the address 169\.254\.169\.254 is private"):
        Wayback(WaybackOptions.from_config(config)).captures("https://gov.example/statement-1")
    assert [urlsplit(path).hostname for path in asked] == ["archive.example"]   # the CDX query, and nothing more


def test_refused_redirects_do_not_put_the_archive_out_of_reach(web, archive, tmp_path):
    _sent_on(web, archive, "cdx", INTRANET)
    wayback = _client(archive, tmp_path, "cdx", allow_private_networks=0)
    for _ in range(UNREACHABLE_IN_A_ROW + 1):
        with pytest.raises(ArchiveError, match="not following the archive's redirect"):
            wayback.captures("https://gov.example/statement-1")
    assert wayback.out_of_reach is None
    assert archive.count("cdx") == UNREACHABLE_IN_A_ROW + 1     # each call still asked the archive


def test_the_rule_holds_in_its_own_thread_and_block_alone(web):
    """The archive's calls each run in a thread of their own (archive/polite.py): another
    thread's requests, and this one's after the block, connect as before."""
    pin_urllib3({INTRANET: "127.0.0.1"})
    try:
        url = f"http://{INTRANET}:{urlsplit(web['main']).port}/crawl/live?key={uuid.uuid4().hex}"
        elsewhere: list[int] = []
        with addresses_refused(lambda address: "refused here", trusted=[("archive.example", 80)]):
            with pytest.raises(requests.ConnectionError) as refused:
                requests.get(url, timeout=5)
            other = threading.Thread(target=lambda: elsewhere.append(requests.get(url, timeout=5).status_code))
            other.start()
            other.join()
        assert "intranet.example resolves to 127.0.0.1, which is refused here" in str(refused.value)
        assert isinstance(refused.value.args[0].reason.__cause__, AddressRefused)
        assert elsewhere == [200]
        assert requests.get(url, timeout=5).status_code == 200
    finally:
        pin_urllib3({})


def test_an_intranet_archive_s_mementos_are_replayed_with_allow_private_networks_off(archive, tmp_path, db):
    """The rescue's replays go to the configured archive as its API calls do: trusted where it
    lives (they were refused as any private address, and each run said the archive "gave no
    answer" and would fetch them again)."""
    source = Seed(db).source(f"{SITE}/replay-fault", live_class=DEAD)
    outcome = stage.run(db, archive.config(tmp_path, rescue_live=0, allow_private_networks=0))
    assert outcome["archive_failed"] is None
    assert _classes(db, source) == {"20200325000000": "live"}



def test_a_memento_of_an_earlier_archive_is_refused_not_failed_by_the_archive(web, archive, tmp_path, db):
    """A snapshot found under an earlier wayback_url (here another port of the intranet
    archive's host) is replayed there, which is no configured service: the replay is refused
    before it is sent, and the run says so and how to fetch it, not that the archive gave no
    answer (it was never asked)."""
    source = Seed(db).source(f"{SITE}/replay-fault", live_class=DEAD)
    config = archive.config(tmp_path, rescue_live=0, allow_private_networks=0)
    stage.run_api(db, config)
    archive_at, earlier = (f"127.0.0.1:{urlsplit(web[site]).port}" for site in ("archive", "main"))
    db.execute("UPDATE snapshots SET memento_url = replace(memento_url, ?, ?)", [archive_at, earlier])
    outcome = stage.run(db, config)
    assert "gave no answer" not in outcome["archive_failed"]
    assert "1 memento fetch(es) refused, nothing sent" in outcome["archive_failed"]
    assert "CITEWATCH_ALLOW_PRIVATE_NETWORKS" in outcome["archive_failed"]
    assert outcome["memento_classes"] == {"refused": 1}
    assert _classes(db, source) == {"20200325000000": None}   # fetched once the rule is lifted

def test_a_cited_page_on_the_archives_host_is_judged_as_any_other(web, env, db, tmp_path):
    """The archive's host and port are trusted for the stage's own requests to it (its replays),
    not for the cited sources: a document citing an intranet archive's machine, on the archive's
    port or another, is refused as any private address."""
    archive_port, main_port = urlsplit(web["archive"]).port, urlsplit(web["main"]).port
    elsewhere = f"http://127.0.0.1:{main_port}/crawl/live?key={uuid.uuid4().hex}"
    itself = f"http://127.0.0.1:{archive_port}/crawl/live?key={uuid.uuid4().hex}"
    ids = add_sources(db, [elsewhere, itself])
    crawl_here(fast_env(env, web, tmp_path, allow_private_networks="0", wayback_url=web["archive"]))
    assert outcome(db, ids[elsewhere])["class"] == outcome(db, ids[itself])["class"] == "refused"


@pytest.mark.parametrize("url, trusted", [
    ("http://archive.corp", {("archive.corp", 80), ("archive.corp", 443)}),   # upgraded to https: the same service
    ("http://archive.corp:8080", {("archive.corp", 8080)}),                  # a port of its own: that one alone
    ("https://archive.corp", {("archive.corp", 443)}),
    ("proxy.corp:3128", {("proxy.corp", 3128)}),                            # a proxy written without its scheme
    ("http://[fd00::5]/wayback", {("fd00::5", 80), ("fd00::5", 443)}),
])
def test_a_configured_service_is_trusted_on_its_port_and_an_http_one_on_https_too(url, trusted):
    assert configured_netlocs(url) == trusted
