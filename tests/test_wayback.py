"""The Wayback client through the real waybackpy code path, against the test web's archive.

Each test gets its own archive namespace (`<archive>/ns/<name>`), so toggles (429 now,
slow now) and counters (requests, captures) are its own.  Limits and timeouts are
shrunk through settings; nothing under test is patched.
"""

from __future__ import annotations

import datetime
import json
import socket
import threading
import urllib.request
import uuid
from urllib.parse import urlsplit
from pathlib import Path

import pytest
import requests

from archive.errors import ArchiveError, ArchiveUnavailable, ArchiveUnreachable, Blocked, RateLimited, SaveRefused, StopRun
from archive.mementos import GOOD_STATUS
from archive.polite import call_with_deadline
from archive.wayback import CDX_MOST_BYTES, UNREACHABLE_IN_A_ROW, Wayback, WaybackOptions
from crawler.config import load_config
from crawler.resolve import Connections, pin_urllib3

UTC = datetime.timezone.utc
ROOT_DIR = Path(__file__).resolve().parent.parent
CITED = datetime.datetime(2020, 3, 31, 12, tzinfo=UTC)


class Archive:
    """One test's namespace on the test archive: its base URL, toggles and counters."""

    def __init__(self, web: dict, name: str | None = None):
        self.root = web["archive"]
        self.ns = name or uuid.uuid4().hex[:12]
        self.base = f"{self.root}/ns/{self.ns}"

    def set(self, **toggles) -> None:
        """Set toggles, e.g. set(**{"cdx.429": 2}); see tests/web/wayback.py."""
        query = "&".join(f"wayback.{self.ns}.{k}={v}" for k, v in toggles.items())
        urllib.request.urlopen(f"{self.root}/_control/set?{query}").read()

    def counters(self) -> dict[str, list[float]]:
        data = json.loads(urllib.request.urlopen(f"{self.root}/_control/counters").read())
        prefix = self.ns + ":"
        return {k[len(prefix):]: v for k, v in data.items() if k.startswith(prefix)}

    def count(self, key: str) -> int:
        return len(self.counters().get(key, []))

    def env(self, tmp_path, **settings) -> dict[str, str]:
        """CITEWATCH_* for a run against this namespace, with limits shrunk for tests."""
        values = {
            "db": str(tmp_path / "test.db"), "data_dir": str(tmp_path / "data"), "wayback_url": self.base,
            "cdx_per_minute": 6000, "save_per_minute": 600, "save_per_minute_keys": 600, "archive_timeout": 5,
            "archive_backoff": 0.05, "save_poll_interval": 0.05, "retry_after_default": 0.5,
            "retry_after_cap": 5, "allow_private_networks": 1, "host_delay": 0, "autothrottle": 0,
            "fetch_timeout": 5, "retries": 0, "obey_robots": 0, "extract_workers": 1,
            "resolve_hosts": "*=fail",  # as every test: no name but an address literal resolves, no DNS asked
        }
        values.update(settings)
        return {f"CITEWATCH_{k.upper()}": str(v) for k, v in values.items()}

    def config(self, tmp_path, **settings):
        return load_config(env=self.env(tmp_path, **settings))

    def client(self, tmp_path, keys=None, **settings) -> Wayback:
        env = {"IA_ACCESS_KEY": keys[0], "IA_SECRET_KEY": keys[1]} if keys else {}
        return Wayback(WaybackOptions.from_config(self.config(tmp_path, **settings), env=env))


@pytest.fixture
def archive(web):
    return Archive(web)


def test_lookups_and_a_save_go_through_waybackpy_to_the_configured_archive(archive, tmp_path):
    wayback = archive.client(tmp_path)
    closest = wayback.closest("https://gov.example/statement-1", CITED)
    assert closest.timestamp == "20200402100000"       # the availability API: nearest either side
    window = wayback.captures("https://gov.example/statement-1", start="2020", end="2021", filters=[GOOD_STATUS])
    assert [m.timestamp for m in window] == ["20200115090000", "20200402100000"]   # duplicate row merged
    assert window[0].digest and window[0].status == "200"
    memento = wayback.save("https://new-page.example/a")
    assert memento.original == "https://new-page.example/a"
    assert memento.url(archive.base).startswith(archive.base + "/web/")
    assert archive.count("available") == 1 and archive.count("cdx") == 1
    assert archive.count("captured:https://new-page.example/a") == 1
    assert wayback.captured_since("https://new-page.example/a", memento.moment).timestamp == memento.timestamp


def test_a_silent_archive_is_abandoned_at_the_deadline(archive, tmp_path):
    archive.set(**{"cdx.hang": 5})
    wayback = archive.client(tmp_path, archive_timeout=0.3)
    wayback.options.tries = 1
    with pytest.raises(ArchiveUnavailable, match="no answer within 0.3 s"):
        wayback.captures("https://gov.example/statement-1")


@pytest.mark.parametrize("endpoint", ["cdx", "available", "save"])
def test_a_call_abandoned_at_the_deadline_leaves_no_thread_waiting(archive, tmp_path, endpoint):
    """waybackpy sets no timeout: a call given up at its deadline left its thread (and socket)
    waiting for as long as the archive held the connection without answering, one more for
    each such call of a `citewatch watch` running for months, until it ran out of file
    descriptors. (The archive holds it 60 s here: a thread still waiting after 10 s was left.)"""
    archive.set(**{f"{endpoint}.hang": 60})
    wayback = archive.client(tmp_path, archive_timeout=0.3)
    wayback.options.tries = 1
    before = set(threading.enumerate())
    call = {"cdx": lambda: wayback.captures("https://gov.example/statement-1"),
            "available": lambda: wayback.closest("https://gov.example/statement-1", CITED),
            "save": lambda: wayback.save("https://new-page.example/abandoned")}[endpoint]
    with pytest.raises(ArchiveUnavailable, match="no answer within 0.3 s"):
        call()
    left = [thread for thread in threading.enumerate() if thread not in before and thread.name.startswith("wayback:")]
    for thread in left:   # (the call's thread, if it has not ended yet)
        thread.join(10)
    assert not [thread.name for thread in left if thread.is_alive()]


def test_a_call_abandoned_over_https_leaves_no_thread_waiting(web, tmp_path):
    """The real archive is https: TLS wraps the socket urllib3 opened in an object of its own
    and detaches the first, so shutting that first one ended nothing, and the call's thread
    waited on as over plain http before (the server holds the request 60 s; 10 s is allowed)."""
    ca = tmp_path / "ca.pem"
    ca.write_bytes(urllib.request.urlopen(f"{web['main']}/crawl/tls-ca.pem").read())
    pin_urllib3({})
    connections = Connections()
    before = set(threading.enumerate())
    with pytest.raises(ArchiveUnavailable, match="no answer within 0.3 s"):
        call_with_deadline(connections.opening(lambda: requests.get(f"{web['tls_good']}/hang", verify=str(ca))),
                           0.3, "https", abandon=connections.cut)
    left = [thread for thread in threading.enumerate() if thread not in before and thread.name.startswith("wayback:")]
    for thread in left:   # (the call's thread, if it has not ended yet)
        thread.join(10)
    assert not [thread.name for thread in left if thread.is_alive()]


def test_retry_after_is_honoured_for_everyone_on_the_host(archive, tmp_path):
    archive.set(**{"cdx.429": 2, "cdx.retry_after": 1})
    wayback = archive.client(tmp_path)
    found = wayback.captures("https://gov.example/late-only")
    assert [m.timestamp for m in found] == ["20200501000000", "20200610000000"]
    assert archive.count("cdx") == 3                  # two 429s, then the answer
    assert archive.count("violations") == 0           # no request arrived before Retry-After had passed


def test_a_save_429_holds_back_lookups_to_the_same_host(archive, tmp_path):
    archive.set(**{"save.429": 1, "save.retry_after": 0.5})
    wayback = archive.client(tmp_path)
    with pytest.raises(RateLimited):
        wayback.save("https://new-page.example/held-back")
    assert [m.timestamp for m in wayback.captures("https://gov.example/late-only")] == ["20200501000000", "20200610000000"]
    assert wayback.closest("https://gov.example/late-only", CITED)
    assert archive.count("cdx") == 1 and archive.count("available") == 1
    assert archive.count("host-violations") == 0      # neither left before the save's Retry-After had passed


def test_a_retry_after_beyond_the_cap_stops_the_run(archive, tmp_path):
    archive.set(**{"available.429": 1, "available.retry_after": 600})
    with pytest.raises(StopRun, match="beyond retry_after_cap"):
        archive.client(tmp_path).closest("https://gov.example/statement-1", CITED)


def test_no_request_leaves_once_calls_unanswered_in_a_row_stopped_the_run(archive, tmp_path):
    # resolve takes the stop as one citation's failure: the calls after it must not each wait
    # out a timeout of their own
    archive.set(**{"cdx.hang": 2})
    wayback = Wayback(WaybackOptions.from_config(archive.config(tmp_path, archive_timeout=0.3)), stop_after=2)
    wayback.options.tries = 1
    with pytest.raises(ArchiveUnavailable, match="no answer within 0.3 s"):
        wayback.captures("https://gov.example/statement-1")
    stops = []
    for _ in range(2):
        with pytest.raises(StopRun, match="2 archive calls in a row got no answer") as stop:
            wayback.captures("https://gov.example/statement-1")
        stops.append(stop.value)
    assert archive.count("cdx") == 2
    # raised again, the stop has the same words, but only the first says its call went
    # unanswered (save.py keeps such a job pending: its capture request may have been done);
    # the second call sent nothing
    assert [s.unanswered for s in stops] == [True, False] and str(stops[1]) == str(stops[0])


def test_no_request_leaves_while_a_retry_after_beyond_the_cap_holds(archive, tmp_path):
    # resolve takes a StopRun as one citation's failure and asks about the next: that call
    # must not reach the archive before its Retry-After has passed
    archive.set(**{"cdx.429": 1, "cdx.retry_after": 600})
    wayback = archive.client(tmp_path)
    for url in ("https://gov.example/statement-1", "https://gov.example/late-only"):
        with pytest.raises(StopRun, match="beyond retry_after_cap"):
            wayback.captures(url)
    assert archive.count("cdx") == 1 and archive.count("host-violations") == 0
    with pytest.raises(StopRun, match="beyond retry_after_cap"):     # the next stage's client, in one `citewatch run`
        archive.client(tmp_path).closest("https://gov.example/statement-1", CITED)
    assert archive.count("available") == 0 and archive.count("host-violations") == 0


def test_5xx_backs_off_then_succeeds_and_repeated_429_raises(archive, tmp_path):
    archive.set(**{"cdx.503": 1})
    wayback = archive.client(tmp_path)
    assert wayback.captures("https://gov.example/late-only")
    assert archive.count("cdx") == 2
    archive.set(**{"available.429": 5, "available.retry_after": 0})
    with pytest.raises(RateLimited):
        wayback.closest("https://gov.example/late-only", CITED)
    assert archive.count("available") == wayback.options.tries


def test_an_excluded_site_is_blocked_not_missing(archive, tmp_path):
    archive.set(blocked="excluded.example")
    with pytest.raises(Blocked):
        archive.client(tmp_path).captures("https://excluded.example/page")


def test_an_anonymous_save_refused_with_429_carries_retry_after(archive, tmp_path):
    archive.set(**{"save.429": 1, "save.retry_after": 2})
    with pytest.raises(RateLimited) as refused:
        archive.client(tmp_path, retry_after_cap=1)._save_anonymous("https://new-page.example/b")
    assert refused.value.retry_after == 2.0


def test_spn2_with_keys_posts_and_polls_and_never_shows_the_keys(archive, tmp_path):
    archive.set(**{"spn2.polls": 2})
    wayback = archive.client(tmp_path, keys=("ACCESS123", "SECRET456"))
    job = wayback.spn2_submit("https://spn2-page.example/x")
    memento = wayback.spn2_result(job)
    assert memento.original == "https://spn2-page.example/x" and memento.status == "200"
    assert archive.count("spn2") == 4                  # POST, two pending polls, success
    assert "SECRET456" not in repr(wayback) + repr(wayback.options) and "ACCESS123" not in repr(wayback.options)


def test_spn2_errors_map_to_outcomes(archive, tmp_path):
    wayback = archive.client(tmp_path, keys=("a", "b"))
    with pytest.raises(SaveRefused) as refused:
        wayback.spn2_result(wayback.spn2_submit("https://spn2-refused.example/statement"))
    assert refused.value.status_ext == "error:connection-refused"
    archive.set(**{"spn2.error": "error:too-many-daily-captures"})
    with pytest.raises(StopRun, match="too-many-daily-captures"):
        wayback.spn2_submit("https://spn2-page.example/y")


def _get(url: str):
    """GET without following redirects: (status, headers, body)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_the_test_archive_cdx_answers_as_the_documented_api(archive):
    cdx = f"{archive.base}/cdx/search/cdx?output=json&fl=timestamp,original,statuscode"
    status, _, body = _get(cdx + "&url=gov.example/statement-1")
    rows = json.loads(body)
    assert status == 200 and rows[0] == ["timestamp", "original", "statuscode"]
    assert [r[0] for r in rows[1:]] == ["20190601120000", "20200115090000", "20200115090000", "20200402100000"]
    _, _, body = _get(cdx + "&url=gov.example/statement-1&collapse=digest&from=2020&to=20200131")
    assert [r[0] for r in json.loads(body)[1:]] == ["20200115090000"]        # duplicates collapsed, window inclusive
    _, _, body = _get(cdx + "&url=gov.example/statement-1&limit=-1")
    assert [r[0] for r in json.loads(body)[1:]] == ["20200402100000"]
    _, _, body = _get(cdx + "&url=gov.example/moved-away*&filter=!statuscode:3..")   # prefix, negated filter
    assert {r[2] for r in json.loads(body)[1:]} == {"200"}
    _, _, body = _get(cdx + "&url=gov.example&matchType=host&filter=statuscode:404")
    assert [r[1] for r in json.loads(body)[1:]] == ["https://gov.example/404.html"]
    _, _, body = _get(cdx + "&url=gov.example/never-archived")
    assert json.loads(body) == []
    archive.set(blocked="gov.example")
    status, headers, _ = _get(cdx + "&url=gov.example/statement-1")
    assert status == 403 and "X-Archive-Wayback-Runtime-Error" in headers


def test_the_test_archive_replays_with_memento_headers_and_redirects_inexact_timestamps(archive):
    status, headers, _ = _get(f"{archive.base}/web/20200110id_/https://gov.example/statement-1")
    assert status == 302 and headers["Location"].endswith("/web/20200115090000id_/https://gov.example/statement-1")
    status, headers, body = _get(f"{archive.base}/web/20200115090000id_/https://gov.example/statement-1")
    assert status == 200 and b"WAYBACK TOOLBAR" not in body
    assert headers["Memento-Datetime"] == "Wed, 15 Jan 2020 09:00:00 GMT" and 'rel="original"' in headers["Link"]
    _, _, body = _get(f"{archive.base}/web/20200115090000/https://gov.example/statement-1")
    assert b"WAYBACK TOOLBAR" in body
    status, headers, _ = _get(f"{archive.base}/web/20200330000000id_/https://gov.example/moved-away")
    assert status == 302 and headers["Location"].endswith("id_/https://gov.example/404.html")


def test_spn2_quota_is_read_from_the_user_status(archive, tmp_path):
    wayback = archive.client(tmp_path, keys=("a", "b"))
    assert wayback.spn2_quota() == 10
    archive.set(**{"spn2.available": 0})
    assert wayback.spn2_quota() == 0


def test_a_wayback_url_that_is_not_a_url_is_one_clear_error(archive, tmp_path, runner):
    import db as database
    from crawler.cli import cli

    database.open_db(tmp_path / "test.db").close()  # archive refuses a missing database first
    result = runner.invoke(cli, ["archive"], env=archive.env(tmp_path, wayback_url="web.archive.org"))
    assert result.exit_code != 0
    assert "CITEWATCH_WAYBACK_URL: web.archive.org is not an http(s) URL; write it like https://web.archive.org" in result.output
    assert "Traceback" not in result.output


def closed_port_url() -> str:
    """A loopback address nothing listens on: every connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_an_archive_that_refuses_connections_is_one_plain_line_naming_it(archive, tmp_path):
    closed = closed_port_url()
    wayback = archive.client(tmp_path, wayback_url=closed)
    expected = f"cannot reach the archive at {closed}: connection refused (is an archive listening there? " \
               "check CITEWATCH_WAYBACK_URL)"
    for call in (lambda: wayback.captures("https://gov.example/statement-1"),
                 lambda: wayback.closest("https://gov.example/statement-1", CITED),
                 lambda: wayback.save("https://new-page.example/c")):
        with pytest.raises(ArchiveUnreachable) as unreachable:
            call()
        assert str(unreachable.value) == expected       # no urllib3 repr, no query URL


def test_requests_that_cannot_connect_in_a_row_put_their_host_out_of_reach_and_its_answer_between_resets(
        archive, tmp_path):
    # the availability API on a port of its own, refusing while nothing listens there, the CDX
    # on the test archive
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    availability = f"127.0.0.1:{port.getsockname()[1]}"
    # (2 s, not less: the test archive's answers below must come within it on a busy machine)
    wayback = archive.client(tmp_path, availability_url=f"http://{availability}", archive_timeout=2)
    wayback.options.tries = 1

    def refused(times: int) -> None:
        for _ in range(times):
            with pytest.raises(ArchiveUnreachable):
                wayback.closest("https://gov.example/statement-1", CITED)

    refused(UNREACHABLE_IN_A_ROW - 1)
    port.listen()                                      # connected, if never answered: the host is there
    with pytest.raises(ArchiveUnavailable, match="no answer within 2 s") as silent:
        wayback.closest("https://gov.example/statement-1", CITED)
    assert not isinstance(silent.value, ArchiveUnreachable)
    port.close()
    refused(UNREACHABLE_IN_A_ROW - 1)
    archive.set(**{"cdx.503": 1})
    with pytest.raises(ArchiveUnavailable):            # another host's answer does not count for this one
        wayback.captures("https://gov.example/statement-1")
    refused(1)
    assert "connection refused" in str(wayback.beyond_reach[availability])
    assert wayback.out_of_reach is None                # the archive's own host (CDX, saves) is not
    with socket.socket() as listening:                 # the port taken again: a request would time out there
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(("127.0.0.1", int(availability.rsplit(":", 1)[1])))
        listening.listen()
        with pytest.raises(ArchiveUnreachable, match="connection refused"):   # none left: the refusal again
            wayback.closest("https://gov.example/statement-1", CITED)
    found = wayback.captures("https://gov.example/statement-1", start="2020", end="2021", filters=[GOOD_STATUS])
    assert [m.timestamp for m in found] == ["20200115090000", "20200402100000"]
    assert archive.count("cdx") == 2


def test_the_archive_host_out_of_reach_is_the_clients_out_of_reach_and_leaves_another_availability_host(
        archive, tmp_path):
    closed = closed_port_url()
    wayback = archive.client(tmp_path, wayback_url=closed, availability_url=archive.base)
    wayback.options.tries = 1
    for _ in range(UNREACHABLE_IN_A_ROW):
        with pytest.raises(ArchiveUnreachable):
            wayback.captures("https://gov.example/statement-1")
    assert "connection refused" in str(wayback.out_of_reach)
    assert wayback.closest("https://gov.example/statement-1", CITED).timestamp == "20200402100000"
    assert archive.count("available") == 1


def test_a_connection_the_archive_drops_is_retried_and_never_puts_it_out_of_reach(archive, tmp_path):
    # an archive that takes each connection and closes it unanswered (an overloaded server)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []

    def drop_each() -> None:
        while True:
            connection, _ = server.accept()
            accepted.append(connection.recv(65536))
            connection.close()

    threading.Thread(target=drop_each, daemon=True).start()
    wayback = archive.client(tmp_path, wayback_url=f"http://127.0.0.1:{server.getsockname()[1]}")
    wayback.options.tries = 2
    for _ in range(UNREACHABLE_IN_A_ROW):
        with pytest.raises(ArchiveUnavailable, match="CDX: the connection dropped before an answer") as dropped:
            wayback.captures("https://gov.example/statement-1")
        assert not isinstance(dropped.value, ArchiveUnreachable)
    assert wayback.out_of_reach is None
    assert len(accepted) == 2 + UNREACHABLE_IN_A_ROW - 1   # the first call retried, then one request a call
    server.close()


def test_a_name_that_does_not_resolve_is_said_in_words(archive, tmp_path):
    # resolve_hosts pins the archive's name to fail: no DNS server is asked, and the client
    # meets the very error an offline machine gives requests.
    wayback = archive.client(tmp_path, wayback_url="https://web.archive.org", resolve_hosts="*=fail")
    with pytest.raises(ArchiveUnreachable) as unreachable:
        wayback.captures("https://gov.example/statement-1")
    assert str(unreachable.value) == ("cannot reach the Wayback Machine at https://web.archive.org: its name does not "
                                      "resolve (is this machine offline? set CITEWATCH_WAYBACK_URL for another archive)")


def test_the_archive_name_is_reached_at_its_pinned_address(archive, tmp_path):
    parts = urlsplit(archive.base)
    renamed = f"{parts.scheme}://archive.example:{parts.port}{parts.path}"
    wayback = archive.client(tmp_path, wayback_url=renamed, resolve_hosts="archive.example=127.0.0.1,*=fail")
    found = wayback.captures("https://gov.example/statement-1", start="2020", end="2021", filters=[GOOD_STATUS])
    assert [m.timestamp for m in found] == ["20200115090000", "20200402100000"]
    assert archive.count("cdx") == 1  # the lookup reached the test archive under the pinned name
    reachable = f"{parts.scheme}://localhost:{parts.port}{parts.path}"  # resolves on any machine, unpinned
    wayback = archive.client(tmp_path, wayback_url=reachable, resolve_hosts="localhost=fail")
    with pytest.raises(ArchiveUnreachable, match="its name does not resolve"):
        wayback.captures("https://gov.example/statement-1")
    assert archive.count("cdx") == 1  # pinned to fail: nothing reached the archive




def test_a_cdx_answer_beyond_any_row_limit_is_refused_unread(archive, tmp_path):
    """An archive that ignores the query's row limit and answers on and on: its body was read
    whole (1.5 GB of rows held 5.5 GB of memory and two minutes of a core), now the lookup
    fails once the answer passes what any row limit allows."""
    archive.set(**{"cdx.flood": CDX_MOST_BYTES // 2 ** 20 + 8})
    with pytest.raises(ArchiveError, match="the answer is over 32 MB"):
        archive.client(tmp_path).captures("https://gov.example/statement-1")
    archive.set(**{"cdx.flood": 1})   # a megabyte of rows is read
    assert [m.timestamp for m in archive.client(tmp_path).captures("https://gov.example/statement-1")] == \
        ["20200101000000"]
