"""Host names pinned to an address, or to no address: the `resolve_hosts` setting.

Like curl's `--resolve` or a hosts file for citewatch alone: `intranet.example=10.0.0.5`
sends that host's fetches to 10.0.0.5 (a split-horizon intranet, a site whose DNS
lags a move), and `*=fail` makes every name fail to resolve without asking any DNS
server (an offline run, the test suite: no query leaves the machine, and the crawl
classifies each source dns-failure exactly as it would with the network down).
`host=again` makes the lookup fail as a resolver that gets no answer does (getaddrinfo's
EAI_AGAIN, "Temporary failure in name resolution": a SERVFAIL, name servers out of reach),
to see how a run takes a resolver hiccup.
Patterns are an exact host, `*.domain` (the domain's subdomains) or `*` (any host);
the most specific one wins.  Address literals in URLs are never pinned.

Every place citewatch turns a name into an address asks `pinned` first: Scrapy's
resolver (`PinnedResolver`, the TWISTED_DNS_RESOLVER of crawler/settings.py), the canary
hosts' question (`network_reachable`), and urllib3's connections (`pin_urllib3`), which carry
the archive client's requests (archive/wayback.py, through waybackpy).  A crawl looks a host
up once, through `PinnedResolver`: the private-address refusal and the lookup before a host's
turn ask it (crawler/middlewares/lookups.py `HostLookups`) and the download is given the
same answer, kept for the crawl (Scrapy's DNS cache drops names), so the refusal judges the
address the download connects to; the certificate check connects where the download did
(through a proxy, to that same answer).  A download's own lookup would lose a failure's reason
(Twisted's HostnameEndpoint says "no results for hostname lookup" whether the name does not
exist or the resolver did not answer): the lookup asked before keeps it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time

from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import requests.adapters
import urllib3.util.connection
from requests.utils import select_proxy
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from crawler.config import ConfigError

FAIL = "fail"
AGAIN = "again"  # the lookup fails for now (EAI_AGAIN), as when no name server answers
_URLLIB3_PINS: dict[str, str] = {}  # what pin_urllib3 was last given (one configuration a process)


def parse_pins(entries: list[str]) -> dict[str, str]:
    """{pattern: address or FAIL} from `host=address` entries; a malformed entry is a ConfigError."""
    pins = {}
    for entry in entries:
        pattern, _, address = entry.partition("=")
        pattern, address = pattern.strip().lower(), address.strip().lower()
        if not pattern or not _valid_address(address):
            raise ConfigError(f"resolve_hosts: {entry!r} is not host=address; write e.g. "
                              f"intranet.example=10.0.0.5, *.example.org=fail, *=fail or gov.example=again")
        pins[pattern] = address
    return pins


def crawl_pins(config: dict) -> dict[str, str]:
    """The pins of a crawl's CITEWATCH_CONFIG (a dict, where `resolve_hosts` may be unset or None)."""
    return parse_pins(config.get("resolve_hosts") or [])


def _valid_address(address: str) -> bool:
    return address in (FAIL, AGAIN) or address_literal(address)


def address_literal(host: str) -> bool:
    """Whether `host` is an IP address written out: never pinned, never looked up."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def pinned(host: str, pins: dict[str, str]) -> str | None:
    """The address (or FAIL, AGAIN) `host` is pinned to, or None when the system resolver decides."""
    host = host.lower().rstrip(".")
    if not pins or _valid_address(host):
        return None
    if host in pins:
        return pins[host]
    labels = host.split(".")
    for i in range(1, len(labels)):
        address = pins.get("*." + ".".join(labels[i:]))
        if address:
            return address
    return pins.get("*")


def connect_address(host: str, pins: dict[str, str]) -> str:
    """What to connect to for `host`: its pinned address, or the name itself; gaierror when pinned to fail
    (or to fail for now: `again`)."""
    address = pinned(host, pins)
    if address == FAIL:
        raise socket.gaierror(socket.EAI_NONAME, f"{host} is pinned to fail by resolve_hosts")
    if address == AGAIN:
        raise _temporary_failure()
    return address or host


def _temporary_failure() -> socket.gaierror:
    """getaddrinfo's error when the name servers give no answer (glibc's wording of EAI_AGAIN)."""
    return socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


def netloc_of(url: str) -> tuple[str, int] | None:
    """`url`'s host and port, the scheme's default port when none is written (443 for https, else
    80: a proxy written without its scheme, "proxy:3128", is an http one); None for no host or a
    port that is no number.  The one reading of where a URL connects: a configured service's
    (crawler/middlewares/refusals.py `configured_netlocs`), a canary's, a proxied request's."""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return (parts.hostname.rstrip("."), port) if parts.hostname else None


def network_reachable(canaries: list[str], pins: dict[str, str], timeout: float = 5.0) -> bool:
    """Whether this machine reaches the web at all: a TCP connection to any canary host.

    Asked when every source of a crawl failed at the network level, to tell an offline
    machine from sources that are really gone.  Names resolve through `pins` first, so
    `*=fail` (an offline run, the tests) answers False without asking any DNS server.
    The canaries are tried at once, each in a daemon thread: a resolver that never answers
    costs `timeout`, not a resolver timeout per canary, and keeps no process alive.
    """
    answered = threading.Event()

    def knock(url: str) -> None:
        netloc = netloc_of(url)
        if netloc is None:
            return
        host, port = netloc
        try:
            with socket.create_connection((connect_address(host, pins), port), timeout=timeout):
                answered.set()
        except OSError:  # gaierror, refused, unreachable, timeout
            pass

    knocks = [threading.Thread(target=knock, args=(url,), daemon=True) for url in canaries]
    for thread in knocks:
        thread.start()
    deadline = time.monotonic() + timeout
    while not answered.is_set() and any(t.is_alive() for t in knocks) and time.monotonic() < deadline:
        answered.wait(0.05)
    return answered.is_set()


def first_address(host: str, pins: dict[str, str]) -> str:
    """The address `host` resolves to as the crawl's names do: its resolve_hosts pin, else the
    system resolver's first answer (the one urllib3 would connect to first); OSError (a
    socket.gaierror) when it does not resolve."""
    address = connect_address(host, pins)
    if address != host or address_literal(host):
        return address
    return socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)[0][4][0]


class AddressRefused(OSError):
    """A connection `addresses_refused` would not make: the host's address is one its rule refuses."""


def pin_urllib3(pins: dict[str, str]) -> None:
    """Make this process's urllib3 connections (requests, waybackpy) go where `pins` say.

    urllib3 has no resolver hook, but every connection it opens calls
    `urllib3.util.connection.create_connection`; that one function is wrapped, once.
    TLS still checks the certificate against the URL's host name, as curl's --resolve does.
    Inside `addresses_refused`, the same wrapper judges the address first, and a request sent
    through a proxy is judged before it is sent (`_judge_proxied_requests`, installed here too:
    `addresses_refused` holds only in a process that called this).
    """
    global _URLLIB3_PINS
    _URLLIB3_PINS = pins
    system = urllib3.util.connection.create_connection
    if getattr(system, "pinned", False):
        return

    def create_connection(address, *args, **kwargs):
        host, port = address
        sock = system((_judged_address(host, port, _URLLIB3_PINS), port), *args, **kwargs)
        if (kept := getattr(_CALL, "connections", None)) is not None:
            kept.add(sock)
        return sock

    create_connection.pinned = True
    urllib3.util.connection.create_connection = create_connection
    _judge_proxied_requests()


def _judge_proxied_requests() -> None:
    """Under `addresses_refused`, judge the URL of a request sent through a proxy before it is
    sent: the connection goes to the proxy (trusted), which looks the URL's host up itself, so
    the connection's judge never sees a redirect's host (an archive's 302 to 169.254.169.254 went
    through).  Judged by the local answer, as the crawl judges a proxied request
    (crawler/middlewares/refusals.py); a name that does not resolve here is left to the proxy.
    requests' HTTPAdapter.send is wrapped, once, as urllib3's create_connection is."""
    system = requests.adapters.HTTPAdapter.send
    if getattr(system, "judged", False):
        return

    def send(adapter, request, *args, **kwargs):
        if (getattr(_RULE, "current", None) is not None and select_proxy(request.url, kwargs.get("proxies") or {})
                and (netloc := netloc_of(request.url))):
            try:
                _judged_address(*netloc, _URLLIB3_PINS)
            except AddressRefused as refused:
                raise requests.ConnectionError(refused, request=request) from refused
            except OSError:   # does not resolve here: the proxy's to look up
                pass
        return system(adapter, request, *args, **kwargs)

    send.judged = True
    requests.adapters.HTTPAdapter.send = send


_RULE = threading.local()   # this thread's `addresses_refused` rule, while one holds
_CALL = threading.local()   # the `Connections` this thread's call opens into, while one runs


class Connections:
    """The connections one call opens through urllib3 (`opening`), cut when the call is
    abandoned (`cut`).  waybackpy and requests set no timeout, so a call given up at its
    deadline (archive/polite.py `call_with_deadline`) left its thread blocked in a read for as
    long as the archive held the connection open without answering: for ever, a thread and a
    socket more for every such call of a `citewatch watch` that runs for months, until the
    process ran out of file descriptors.  Shut down, the socket ends that read, and the thread."""

    def __init__(self):
        self._sockets: list[socket.socket] = []
        self._cut = False
        self._lock = threading.Lock()

    def add(self, sock: socket.socket) -> None:
        """Keep a duplicate of `sock`'s descriptor; shut at once if the call was abandoned already
        (it opened it after).  A duplicate, not `sock`: TLS wraps `sock` in a socket object of its
        own and detaches `sock` (its descriptor then -1), so shutting `sock` reached no https
        connection, the real archive's; the duplicate reaches the connection whatever object
        holds it, and its number, ours until `cut` or `release` closes it, is no other socket's."""
        kept = sock.dup()
        with self._lock:
            if not self._cut:
                self._sockets.append(kept)
                return
        _shut(kept)
        kept.close()

    def cut(self) -> None:
        """Shut down every connection the call opened, and any it opens from now on."""
        with self._lock:
            self._cut = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)
            sock.close()

    def release(self) -> None:
        """Close the duplicates of a call that ended: its connections are urllib3's to close, and
        a duplicate kept would hold each open (and a descriptor) for as long as this object lives."""
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            sock.close()

    def opening(self, func: Callable[[], Any]) -> Callable[[], Any]:
        """`func`, the connections it opens in its thread kept here."""
        def kept():
            _CALL.connections = self
            try:
                return func()
            finally:
                _CALL.connections = None
                self.release()

        return kept


def _shut(sock: socket.socket) -> None:
    """End `sock`'s traffic both ways: a read blocked on the connection in another thread, through
    any descriptor of it, returns at once.  (One no longer connected raises OSError: nothing to end.)"""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def addresses_refused(refuse: Callable[[str], str | None], trusted: Iterable[tuple[str, int]]):
    """Within the block, in this thread, urllib3 connects to a host and port outside `trusted`
    only if `refuse(address)` finds nothing against the address its name resolves to
    (`first_address`), and connects to that address, not to a second lookup's answer (DNS
    rebinding); a request sent through a proxy is judged by its URL's host before it is sent
    (`_judge_proxied_requests`).

    For the archive client (archive/wayback.py): it follows the archive's redirects, and
    waybackpy's, where urllib3 sees each new host only as a connection.  `trusted` holds the
    hosts and ports the configuration named (the archive's own, which may be private: an
    intranet archive, the tests'), and the proxies', to which every connection goes under one.
    Thread-local, as the archive's requests each run in a thread of their own
    (archive/polite.py `call_with_deadline`).
    """
    _RULE.current = (refuse, frozenset((host.lower().rstrip("."), port) for host, port in trusted))
    try:
        yield
    finally:
        _RULE.current = None


def _judged_address(host: str, port: int, pins: dict[str, str]) -> str:
    """Where urllib3 connects for `host` and `port`: `connect_address`, or under
    `addresses_refused` the judged address (AddressRefused when its rule refuses it)."""
    rule = getattr(_RULE, "current", None)
    key = host.lower().rstrip(".")
    if rule is None or (key, port) in rule[1]:
        return connect_address(host, pins)
    refuse, trusted = rule
    address = first_address(host, pins)
    reason = refuse(address)
    if reason:
        said = f"the address {address}" if address_literal(host) else f"{host} resolves to {address}, which"
        moved = (f" (port {port} of {host}, which is configured on another port: an archive that moved there "
                 f"is named by its new URL in wayback_url)" if any(h == key for h, _ in trusted) else "")
        raise AddressRefused(f"{said} is {reason}{moved}")
    return address


class PinnedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, with `resolve_hosts` consulted before any DNS query."""

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.pins = crawl_pins(crawler.settings.getdict("CITEWATCH_CONFIG"))
        return resolver

    def getHostByName(self, name: str, timeout=()):
        address = pinned(name, self.pins)
        if address == FAIL:
            return defer.fail(DNSLookupError(f"address {name!r} not found: pinned to fail by resolve_hosts"))
        if address == AGAIN:  # worded as Twisted words a failed lookup (ThreadedResolver._fail)
            return defer.fail(self._fail(name, f"{_temporary_failure()} (pinned to again by resolve_hosts)"))
        if address:
            return defer.succeed(address)
        return super().getHostByName(name, timeout)
