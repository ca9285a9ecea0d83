"""Downloader middlewares: what citewatch adds around every download.

In the order a request meets them (see DOWNLOADER_MIDDLEWARES in crawler/settings.py):

- `RefuseMiddleware` (60): non-http(s) schemes and addresses that are not globally
  routable (private, loopback, link-local, multicast, shared, reserved; an IPv6 address by
  the IPv4 one it carries too) are refused before anything is sent (redirect hops and
  robots.txt too); a name is judged by the address the crawl's resolver gives the download
  (`HostLookups`).  `citewatch ingest URL` applies the same rules (crawler/ingest/source.py).
- `RobotsTxtMiddleware` (100, replaces Scrapy's): robots.txt holds for every request of
  a host, also those queued while robots.txt is still downloading.
- `UnresolvedHostMiddleware` (110): a host's name is looked up before each of its URLs
  waits out the host's delay, until it resolves; a failure is recorded then, with its
  reason (a lookup failing inside the download loses it).  The refusal's lookup serves
  it: one lookup a host, whose answer the download is given (kept for the crawl).
- `BackoffRetryMiddleware` (550, replaces Scrapy's): retries 5xx and timeouts with an
  exponential backoff; a bot wall is not retried as a 5xx; a body slower than the timeout
  (the status and headers came) gets twice the time, and a body cut short keeps what
  comes on its retry, flagged.  A lookup that did not finish is retried too, unless the
  network seems unreachable since a server last answered (`NetworkEvidence`).
- `BrowserRetryMiddleware` (560): on 401/403/406/418/429/999 or a detected wall, one
  retry with a browser's header set, keeping the first answer's cookies; a 429 holds its
  host's download slot (every request queued for that host, not only the retry; in a
  distributed crawl on every worker) until its Retry-After has passed, up to a cap (beyond
  it the source is rate-limited and nothing more is asked of the host in that crawl, nor by
  the next crawls before its Retry-After's end: `HOST_QUIET`); after the archive's own 429
  (whatever was asked of it) nothing more is asked of the archive in that crawl (left for
  the next run); a stop waits out no hold (its end is kept as a long wait's).  A
  redirect hop to another host name goes through that host's slot, not the first one's
  (Scrapy copies the slot with the meta): its limit and its hold, one host name one slot.
- `MetaRefreshMiddleware` (580, replaces Scrapy's): a page whose head holds no "refresh"
  is passed on without being decoded (Scrapy's decodes every HTML body to look for one).
- `MementoCodingMiddleware` (595): an archived copy's Content-Encoding is judged from
  its bytes before Scrapy's HttpCompressionMiddleware (590) trusts it (the archive's
  raw replay sometimes labels plain bytes gzip).
- `AnnouncedSizeMiddleware` (930): a live answer whose Content-Length is over the size cap
  is stopped at its headers and kept, status and headers, its body empty (Scrapy's own cap
  would drop it all): too-large, its WARC record marked `WARC-Truncated: length`.
- `TlsCheckMiddleware` (940): Scrapy does not verify certificates, so each https host
  is checked once with `ssl`, at the address the download connected to, and the
  verification error is recorded on the fetch.
- `WarcRecorderMiddleware` (950): writes every request and response, as received
  (before decompression and redirects), to the crawl's WARC file; a body cut short or not
  downloaded is marked so (`WARC-Truncated: disconnect` or `length`).

The refusal and the lookup before a host's turn ask the crawl's own resolver (`resolve_hosts`
first, crawler/resolve.py), and the certificate check connects where the download did (through
a proxy, to the crawl's resolver's answer); the canary hosts' question (`NetworkEvidence`)
resolves names as the crawl's resolver does, `resolve_hosts` first.
"""

from __future__ import annotations

import asyncio
import dataclasses
import ipaddress
import logging
import re
import socket
import ssl
import time
import zlib
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import proxy_bypass
from weakref import WeakKeyDictionary

import brotli
from scrapy import signals
from scrapy.downloadermiddlewares.httpproxy import HttpProxyMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest, NotConfigured, StopDownload
from scrapy.http import Request, Response
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from twisted.internet.threads import deferToThread
from zope.interface import implementer

import db as database
from archive.warc import DEFAULT_LEVEL, WarcFile
from archive.polite import retry_after_seconds as wayback_retry_after_seconds
from crawler.classify import detect_block, resolver_hiccup
from crawler.items import CUT_FOR_SIZE, item_from_response, response_headers
from crawler.resolve import address_literal, crawl_pins, network_reachable
from crawler.settings import ACCEPT_ENCODING
from crawler.spiderrun import STOP, _downloader_slots, local_write_failure, stop_for_local_write
from crawler.state import quiet_hosts

logger = logging.getLogger(__name__)


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt check, with every request of a host waiting for the same answer.

    Scrapy's waiters share one Deferred converted to a future per waiter; the first
    conversion's callback returns None down the chain, so the second waiter sees "no
    robots.txt" and goes out unchecked.  One asyncio task per host, awaited by all,
    gives each the parser.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self._lookups: dict[str, asyncio.Future] = {}

    async def robot_parser(self, request: Request):
        netloc = urlsplit(request.url).netloc
        if netloc not in self._lookups:
            self._lookups[netloc] = asyncio.ensure_future(super().robot_parser(request))
        return await asyncio.shield(self._lookups[netloc])


# Scrapy reads a meta refresh in the first 4,096 characters: at most 4 bytes each in UTF-8.
_REFRESH_HEAD = 4 * 4096


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    """Scrapy's meta refresh redirect, without decoding the pages that cannot have one.

    Scrapy decodes the whole body (encoding detection included) for every HTML answer
    to search its head for the tag: a tenth of a millisecond a page in the reactor.  A
    head without the bytes "refresh" has no tag, unless the page is in a two- or
    four-byte encoding (NUL bytes), which still gets Scrapy's full check.

    Scrapy records such a hop's reason as the words "meta refresh"; the redirect chain
    keeps the page's status with them ({"status": 200, "via": "meta refresh"}).
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:
        head = response.body[:_REFRESH_HEAD].lower()  # a case-blind regex search costs ten times more
        if b"refresh" not in head and b"\x00" not in head:
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):  # (its meta's reasons are a new list: the request's own stay as they were)
            result.meta["redirect_reasons"][-1] = {"status": response.status, "via": "meta refresh"}
        return result


class Refused(IgnoreRequest):
    """A URL citewatch will not fetch: its scheme, or the address its host resolves to."""


def _config(crawler) -> dict:
    return crawler.settings.getdict("CITEWATCH_CONFIG")


def refusal(url: str, allow_private: bool) -> str | None:
    """Why `url` must not be fetched (scheme or literal address), or None; no DNS here.

    The crawl's rule, and `citewatch ingest URL`'s (crawler/ingest/source.py), hop by hop."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        return f"not a valid URL ({exc}); repair it in the citation"
    if parts.scheme not in ("http", "https"):
        return f"the scheme {parts.scheme or '(none)'}: is not http(s)"
    if not host:
        return "the URL has no host"
    if not allow_private:
        try:
            return _private(ipaddress.ip_address(host))
        except ValueError:
            return None
    return None


_NOT_PUBLIC = "private, loopback, link-local or multicast"
# NAT64's well-known prefix (RFC 6052), which DNS64 gives every IPv4-only site on an IPv6-only
# network, the IPv4 address in its last 32 bits; and the local-use one (RFC 8215), whose
# translator may put it anywhere.
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def _private(address) -> str | None:
    """Why `address` must not be fetched ("the address … is <its class>"), or None."""
    kind = address_class(address)
    return f"the address {address} is {kind}" if kind else None


def address_class(address) -> str | None:
    """The class that makes `address` one citewatch does not fetch from, or None for a
    globally routable unicast address.

    `is_global` is the rule: `is_private` misses shared address space (100.64.0.0/10,
    carrier-grade NAT, where Alibaba Cloud's metadata service answers at 100.100.100.200).
    ipaddress calls multicast and IPv6 site-local (fec0::/10) global: both are refused, and
    reserved ranges stay refused as before.  An IPv6 address that carries an IPv4 one
    (6to4 2002::/16, Teredo 2001::/32) is judged by that IPv4 address too, and an IPv4-mapped
    one (::ffff:0:0/96, which ipaddress calls reserved) by it alone: a socket connects to the
    IPv4 address it carries, so ::ffff:8.8.8.8 passes as 8.8.8.8 does.  So is one of NAT64's
    well-known prefix (64:ff9b::/96, which ipaddress calls reserved): on an
    IPv6-only network with DNS64 every IPv4-only site has one, and 64:ff9b::a9fe:a9fe reaches
    169.254.169.254.  NAT64 for local use (64:ff9b:1::/48) is refused whatever it carries.
    A public IPv4 address is told in three flag reads (`is_global` cached by ipaddress): the
    crawl asks for every request.
    """
    if address.version == 6:
        if address.ipv4_mapped:
            inner = address_class(address.ipv4_mapped)
            return f"IPv4-mapped, carrying {address.ipv4_mapped}, which is {inner}" if inner else None
        if address in NAT64_WELL_KNOWN:
            carried = ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
            inner = address_class(carried)
            return f"NAT64 ({NAT64_WELL_KNOWN}), carrying {carried}, which is {inner}" if inner else None
        carried = _carried_class(address)
        if carried:
            return carried
        if address.is_site_local:
            return "site-local (fec0::/10)"
    if address.is_global and not address.is_multicast and not address.is_reserved:
        return None
    if address.is_private or address.is_loopback or address.is_link_local or address.is_multicast \
            or address.is_unspecified:
        return _NOT_PUBLIC
    if address.is_reserved:
        return "reserved (not for hosts on the Internet)"
    return "not globally routable (shared address space 100.64.0.0/10 or another special-purpose range)"


def _carried_class(address: ipaddress.IPv6Address) -> str | None:
    """Why the IPv4 address `address` carries makes it one not to fetch from, or None."""
    if address in NAT64_LOCAL:
        return f"NAT64 for local use ({NAT64_LOCAL}), which a translator turns into any IPv4 address"
    teredo_server, teredo_client = address.teredo or (None, None)
    for kind, carried in (("6to4", address.sixtofour),
                          ("Teredo (client)", teredo_client), ("Teredo (server)", teredo_server)):
        inner = carried and address_class(carried)
        if inner:
            return f"{kind}, carrying {carried}, which is {inner}"
    return None


class HostLookups:
    """The crawl's resolver asked for a host's address, by the refusal and the lookup before a
    host's turn alike: one lookup a host.

    The answer is the one the download connects to: it is kept for the rest of the crawl, and
    the reactor's resolver answers the download's own lookup with it (`_KeptAnswers`), so the
    refusal judges that address and no second query can be answered otherwise (a name server
    rebinding the name to 127.0.0.1 after a public first answer).  Scrapy's DNS cache is not
    enough for that: it holds DNSCACHE_SIZE names, first in first out, and can be off, and a
    name it dropped between the refusal and the download was asked again, unjudged.  The
    requests that come while a host's lookup is under way share it.  A failure is not kept
    (the next request asks again, at its own moment), but the refusal's failure is handed on
    to the lookup before the same request's turn rather than asked twice.
    """

    def __init__(self):
        self.answers: dict[str, str] = {}
        self._under_way: dict[str, asyncio.Future] = {}
        self._failures: WeakKeyDictionary[Request, Exception] = WeakKeyDictionary()

    @classmethod
    def of(cls, crawler) -> HostLookups:
        """The crawl's one instance, shared by its middlewares."""
        return _HOST_LOOKUPS.setdefault(crawler, cls())

    async def answer(self, host: str) -> str | Exception:
        """`host`'s address, else the lookup's failure (DNSLookupError, or a timeout)."""
        if host in self.answers:
            return self.answers[host]
        lookup = self._under_way.get(host)
        if lookup is None:
            lookup = self._under_way[host] = asyncio.ensure_future(self._lookup(host))
            lookup.add_done_callback(lambda _: self._under_way.pop(host, None))
        return await asyncio.shield(lookup)  # one request given up must not cancel the others' lookup

    async def _lookup(self, host: str) -> str | Exception:
        from twisted.internet import reactor  # the one Scrapy installed, with its resolver

        try:
            address = await maybe_deferred_to_future(reactor.resolver.getHostByName(host))
        except (DNSLookupError, defer.TimeoutError) as exc:
            return exc
        if not isinstance(reactor.resolver, _KeptAnswers):
            reactor.installResolver(_KeptAnswers(reactor.resolver, self.answers))
        self.answers[host] = address
        return address

    def hand_on(self, request: Request, failure: Exception) -> None:
        """Keep the failure of `request`'s lookup for the lookup before its turn."""
        self._failures[request] = failure

    def handed_on(self, request: Request) -> Exception | None:
        """The failure of `request`'s lookup made earlier on its way, if one failed (taken once)."""
        return self._failures.pop(request, None)


@implementer(IResolverSimple)
class _KeptAnswers:
    """The reactor's resolver, answering the names `HostLookups` resolved with the address it
    kept (the one the refusal judged), the others as the crawl's resolver does.  Installed once
    in a process, by its crawl's HostLookups: a process runs one crawl (crawler/spiderrun.py,
    crawler/cluster/worker.py)."""

    def __init__(self, resolver, answers: dict[str, str]):
        self.resolver = resolver
        self.answers = answers

    def getHostByName(self, name: str, timeout=()):
        if name in self.answers:
            return defer.succeed(self.answers[name])
        return self.resolver.getHostByName(name, timeout)


_HOST_LOOKUPS: WeakKeyDictionary[Any, HostLookups] = WeakKeyDictionary()


class RefuseMiddleware:
    """Refuse what a scheduled crawler must never read (169.254.169.254, an intranet).

    A name is judged by the address the crawl's resolver gives the download (`HostLookups`),
    asked for each request: a name that resolved is answered with the address kept.  A
    lookup that fails is no refusal: the lookup before the host's turn reports it, with its
    reason.  A request sent to a proxy is judged the same way (the proxy looks the name up
    itself, beyond reach: what the crawl's resolver says is the one answer there is to judge).
    """

    def __init__(self, allow_private: bool, lookups: HostLookups):
        self.allow_private = allow_private
        self.lookups = lookups

    @classmethod
    def from_crawler(cls, crawler):
        return cls(bool(_config(crawler).get("allow_private_networks")), HostLookups.of(crawler))

    async def process_request(self, request: Request) -> None:
        reason = refusal(request.url, self.allow_private)
        host = urlsplit(request.url).hostname
        if reason is None and not self.allow_private and not address_literal(host):
            reason = await self._resolved_refusal(request, host)
        if reason:
            raise Refused(reason)

    async def _resolved_refusal(self, request: Request, host: str) -> str | None:
        """Why the address `host` resolves to must not be fetched, or None (also when it does not resolve)."""
        answer = await self.lookups.answer(host)
        if not isinstance(answer, str):
            self.lookups.hand_on(request, answer)
            return None
        kind = address_class(ipaddress.ip_address(answer))
        return f"{host} resolves to {answer}: {kind}" if kind else None


_DNS_FAILURES = ("CannotResolveHostError", "DNSLookupError")


class UnresolvedHostMiddleware:
    """A host's name is looked up before its URLs wait their turn, until it has resolved.

    Twisted's HostnameEndpoint drops the resolver's reason when a lookup fails inside a
    download: every failure reads "no results for hostname lookup", and a lookup that did
    not finish (EAI_AGAIN, retried, weak evidence) looked like a name that does not exist
    (NXDOMAIN, strong evidence, never retried).  So each request of a host whose name has
    not resolved yet in this crawl first asks the crawl's own resolver (`resolve_hosts`,
    then DNS), whose failure keeps its reason; a name that resolves is looked up no more
    here, and its downloads are given the address it resolved to.  The lookup is the
    refusal's (`HostLookups`): the requests that come while one is under way share it, and
    a request whose lookup failed in the refusal takes that failure.  A failure is that
    request's answer without waiting out the host's politeness delay (a domain cited ten
    times cost ten seconds of an offline run), and each URL has a lookup of its own moment,
    so one resolver hiccup fails no URL that came later.  Address literals are not looked
    up, nor the names of requests sent to a proxy, which looks them up itself.
    """

    def __init__(self, lookups: HostLookups, proxied_schemes: frozenset[str] = frozenset()):
        self.lookups = lookups
        self.proxied_schemes = proxied_schemes

    @classmethod
    def from_crawler(cls, crawler):
        # the schemes of the environment's proxies that HttpProxyMiddleware could parse: one it
        # cannot (http_proxy=/var/run/docker.sock) it drops, and that scheme's requests go direct
        enabled = crawler.settings.getbool("HTTPPROXY_ENABLED")
        return cls(HostLookups.of(crawler), frozenset(HttpProxyMiddleware().proxies) if enabled else frozenset())

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname
        if not host or host in self.lookups.answers or address_literal(host) or self._proxied(request):
            return
        answer = self.lookups.handed_on(request)  # the refusal's lookup of this request, when it failed
        if answer is None:
            answer = await self.lookups.answer(host)
        if isinstance(answer, str):
            return
        request.meta.setdefault("citewatch_started", time.time())  # the attempt's time: it ends here
        raise CannotResolveHostError(f"{answer} (asked before the host's turn)") from answer

    def _proxied(self, request: Request) -> bool:
        """Whether the download goes to a proxy: by the request's meta, else by the environment's
        proxies and no_proxy, as Scrapy's HttpProxyMiddleware (750, after this one) will decide."""
        if "proxy" in request.meta:
            return request.meta["proxy"] is not None
        parts = urlsplit(request.url)
        return parts.scheme in self.proxied_schemes and not proxy_bypass(parts.hostname)


class NetworkEvidence:
    """Whether the network seems unreachable now, from what the crawl's downloads met since a
    server last answered.

    A crawl is judged offline when it is over (crawler/state.py `finish_crawl`: every source
    failed at the network level and no canary host answers).  A lookup that did not finish
    (EAI_AGAIN) is worth a retry on a working network, where a resolver hiccup passes, but
    offline every lookup fails so, and each retry costs another wait of the resolver's
    timeout.  So the same evidence is read while the crawl runs: once the lookups of
    `after_hosts` different hosts have not finished since a server last answered (a
    robots.txt or a 5xx says the network is there), the canary hosts are asked, once; when
    none answers the network seems unreachable.  A machine can go offline in the middle of
    a crawl, after many answers: so an answer does not settle the question for the rest of
    the crawl, it starts the evidence anew (the hosts counted, the canaries' verdict), and
    an answer that comes later turns the retries back on.
    """

    def __init__(self, after_hosts: int, canaries: list[str], pins: dict[str, str]):
        self.after_hosts = after_hosts
        self.canaries = canaries
        self.pins = pins
        self._answers = 0  # how many times a server has answered: each one starts the evidence anew
        self._unfinished: set[str] = set()  # hosts whose lookup did not finish since the last answer
        self._canaries: asyncio.Future | None = None  # their verdict since the last answer

    @classmethod
    def from_config(cls, config: dict) -> NetworkEvidence:
        return cls(int(config.get("offline_after_hosts", 3)), list(config.get("network_canaries") or []),
                   crawl_pins(config))

    def saw_answer(self) -> None:
        """A server answered (the headers_received signal): the network is there, and what the
        lookups met before no longer counts."""
        self._answers += 1
        self._unfinished.clear()
        self._canaries = None

    async def unreachable(self, host: str) -> bool:
        """Note that `host`'s lookup did not finish; whether the network now seems unreachable."""
        self._unfinished.add(host)
        if len(self._unfinished) < self.after_hosts:
            return False
        answers = self._answers
        if self._canaries is None:
            self._canaries = asyncio.ensure_future(self._ask_canaries())
        reachable = await asyncio.shield(self._canaries)  # the failures that come meanwhile share the question
        return not reachable and self._answers == answers  # an answer that came meanwhile says otherwise

    async def _ask_canaries(self) -> bool:
        """finish_crawl's question (crawler/resolve.py `network_reachable`), asked in a thread: a
        resolver that never answers holds up only the failures waiting for the verdict (each keeps
        its place in `concurrency` meanwhile, at most the canaries' 5 s)."""
        answers, hosts = self._answers, len(self._unfinished)
        reachable = await maybe_deferred_to_future(deferToThread(network_reachable, self.canaries, self.pins))
        if not reachable and self._answers == answers:
            logger.warning("the lookups of %d hosts did not finish, nothing answered since and no canary host "
                           "answers: the network seems unreachable, such lookups are not retried until a "
                           "server answers", hosts)
        return reachable


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries for 5xx and timeouts, with an exponential pause before each."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("CITEWATCH_RETRY_BACKOFF", 1.0)
        self.network = NetworkEvidence.from_config(settings.getdict("CITEWATCH_CONFIG"))

    async def _pause(self, result):
        if isinstance(result, Request):
            await asyncio.sleep(self.backoff * 2 ** (result.meta.get("retry_times", 1) - 1))
        return result

    async def process_response(self, request, response):
        if response.status in self.retry_http_codes and detect_block(response.status, response_headers(response), response.body):
            return response  # a wall answers the same way every time: the browser retry deals with it
        return await self._pause(super().process_response(request, response))

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        crawler.signals.connect(_answered, signal=signals.headers_received)
        crawler.signals.connect(middleware.network.saw_answer, signal=signals.headers_received)
        return middleware

    def process_request(self, request: Request) -> None:
        request.meta.pop(ANSWERED, None)  # says this download's answer only (a redirect copies the meta)

    async def process_exception(self, request, exception):
        retry = super().process_exception(request, exception)
        if (retry is None and type(exception).__name__ in _DNS_FAILURES
                and resolver_hiccup(str(exception)) and not request.meta.get("dont_retry")):
            # a lookup that did not finish (EAI_AGAIN, the resolver's timeout) is a hiccup, retried as
            # a timeout is; a name that does not exist is an answer (RETRY_EXCEPTIONS leaves it out).
            # Offline every lookup fails so: not retried then, the failure is the request's answer
            if await self.network.unreachable(urlsplit(request.url).hostname):
                self.crawler.stats.inc_value("citewatch/retry/network_unreachable")
            else:
                retry = self._retry(request, exception)
        if isinstance(retry, Request) and type(exception).__name__ == "ResponseDataLossError":
            # a body shorter than its Content-Length: once may be a dropped connection, but a
            # server that always sends less (browsers show what came) is not a dead page, so
            # the retry keeps what comes, flagged (crawler/items.py `truncated`)
            retry.meta["download_fail_on_dataloss"] = False
        if isinstance(retry, Request) and retry.meta.pop(ANSWERED, None) and type(exception).__name__ == "DownloadTimeoutError":
            # the server answered and was sending a body too slow for the timeout (a big PDF on
            # a slow server): the next attempt gets twice the time instead of the same failure
            retry.meta["download_timeout"] = 2 * float(request.meta.get("download_timeout") or 0) or None
        return await self._pause(retry)


ANSWERED = "citewatch_answered"  # the server's status and headers came (a timeout after them is a slow body)


def _answered(headers, body_length, request: Request, spider) -> None:
    request.meta[ANSWERED] = True


BROWSER_HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
    "Accept-Encoding": ACCEPT_ENCODING,   # (what every WARC reader decodes: crawler/settings.py)
    "Upgrade-Insecure-Requests": "1",
    "Sec-Fetch-Dest": "document",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Site": "none",
    "Sec-Fetch-User": "?1",
}
BROWSER_RETRY_STATUSES = {401, 403, 406, 418, 429, 999}
_RESTART_KEYS = ("redirect_urls", "redirect_reasons", "redirect_times", "redirect_ttl", "retry_times",
                 "citewatch_started", "citewatch_warc", "citewatch_tls_error", "citewatch_retry_after")


def retry_after_seconds(value: str | None, default: float) -> float:
    """Seconds a Retry-After header asks for (a number or an HTTP date), at most
    `RETRY_AFTER_MOST`; `default` when absent or no number of seconds (infinite).  The
    archive's own parser (archive/polite.py `retry_after_seconds`), so the crawl and the
    archive stage read one header alike."""
    seconds = wayback_retry_after_seconds(value)
    return default if seconds is None else seconds


class BrowserRetryMiddleware:
    """Look twice before calling a source blocked: once as citewatch, once as a browser.

    A 429 whose Retry-After is within `retry_after_cap` holds its host until the wait has
    passed (`_hold`): not only the source it answered, whose retry then goes, but every request
    queued for that host, or coming to it meanwhile.  The hold is the host's download slot's
    (Scrapy's key: the host name, so two ports of one name are one host), set as the 429 comes
    off the wire, before the slot serves its next request (`downloaded`): its queue is not
    served before then, the requests held stay in it, counted as that host's (Scrapy's
    scheduler gives the hosts with fewer requests in the downloader theirs first), and other
    hosts go on.  In a distributed crawl every worker holds it too (`HOST_HELD`: the cluster's
    limiter pushes the host's shared reservation).  A redirect hop to another host name, and a
    retry from a chain's first URL, are downloaded through their own host's slot (`_hop_slot`:
    Scrapy copies the slot with the meta), so a hop into a held host waits out its hold, and a
    hop's 429 holds its own host.  A Retry-After beyond the cap holds nothing: its source is
    recorded rate-limited (`_rate_limited`), and nothing more is asked of the host (its name)
    in this crawl (`_quiet`): its other sources' requests are dropped unasked (`_close`), and
    the end of its Retry-After is kept in the database (`HOST_QUIET`: crawler/pipelines.py,
    table host_quiet) for the next crawls, which leave its sources due until then
    (crawler/crawl.py, spiders/sources.py).  A 429 to its robots.txt does the same.
    A stop (crawler/spiderrun.py StopMiddleware) does not wait out a hold: the held sources'
    requests go back unasked, the rest of the held queue (robots.txt) is served, and the
    hold's end is kept as a long wait's (`_stopped`).  In a distributed crawl (a worker:
    CITEWATCH_WORKER) a Retry-After beyond the cap closes its host on every worker: `HOST_QUIET`
    goes to the crawl's Redis (crawler/cluster/limiter.py), whose collector, the one writer,
    keeps it in host_quiet; a worker that finds a host closed there (as it claims a seed, or
    before it sends a request) closes it too (`CLOSED_ELSEWHERE`); and a source's request
    dropped unasked ends its seed's claim (`UNASKED`: crawler/cluster/worker.py), so the
    cluster does not wait for it.  A worker reads no database: the hosts an earlier crawl kept
    quiet come with its crawl (`quiet_before` in its configuration, crawler/cluster/worker.py).
    On the hot path a response costs one status test, a request a dict lookup and a flag test
    (until a host is closed: then a URL parse and two lookups).

    Never at the archive (`wayback_url`'s host: mementos, posts' captures): it is an API used
    under its published limits, not a site behind a bot wall, so citewatch never passes itself
    off as a browser to it, nor asks again after its 429 (IA firewalls an IP that does; the
    memento is left to the next run, docs/archive.md); the Retry-After it sent is recorded.
    After the archive's own 429 (no Memento-Datetime: not a capture's), whatever it answered (a
    memento, a post's capture, a page), nothing more is asked of the archive's host in that
    crawl (`_close`): the requests queued or still to come are dropped as the crawl schedules
    them, with no fetch row, as a stop drops them, and each is said to the spider (`UNASKED`):
    archive/rescue.py and crawler/social.py leave them to the next run."""

    def __init__(self, browser_retry: bool, retry_after_default: float, retry_after_cap: float,
                 archive_host: str = "", crawler=None):
        self.browser_retry = browser_retry
        self.retry_after_default = retry_after_default
        self.retry_after_cap = retry_after_cap
        self.archive_host = archive_host
        self.crawler = crawler
        # the archive's host:port after its own 429, a host name that asked to wait beyond the
        # cap, a held host name after a stop (`_stopped`) -> why nothing more is asked of it in this crawl
        self.closed: dict[str, str] = {}
        # the download slots a 429 holds (`_hold`) -> the hold's end (a Unix time), for a stop to free and keep
        self.held: dict[str, float] = {}
        self.stopping = False          # a stop came (`_stopped`): no hold is waited out
        self.quiet_before: set[str] = set()   # host names an earlier crawl kept quiet: asked nothing at all

    @classmethod
    def from_crawler(cls, crawler):
        _check_slot_internals()
        config = _config(crawler)
        middleware = cls(bool(config.get("browser_retry", True)), float(config.get("retry_after_default", 60)),
                         float(config.get("retry_after_cap", 300)),
                         urlsplit(str(config.get("wayback_url") or "https://web.archive.org")).netloc.lower(), crawler)
        if crawler.settings.get("CITEWATCH_WORKER"):   # a distributed crawl's worker: no database here
            middleware._ask_nothing_of(config.get("quiet_before") or {})
            crawler.signals.connect(middleware._closed_elsewhere, signal=CLOSED_ELSEWHERE)
        elif config.get("db"):
            middleware._recall_quiet(config)
        # (a bound method of a middleware, which lives as long as the crawl: pydispatch keeps a weak reference)
        crawler.signals.connect(middleware.downloaded, signal=signals.response_downloaded)
        if _STOPPED_BY in crawler.settings.getdict("DOWNLOADER_MIDDLEWARES"):
            # (only beside StopMiddleware: a crawl without it, a cluster worker, is stopped by Scrapy's
            # own stop when STOP has no receiver, crawler/spiderrun.py `_halt`, which waits for the
            # requests in progress, held ones included: a worker's stop may wait out a hold)
            crawler.signals.connect(middleware._stopped, signal=STOP)
        return middleware

    def _recall_quiet(self, config: dict) -> None:
        """Close for the crawl the host names whose kept time (table host_quiet: a Retry-After
        beyond the cap met by an earlier crawl) is still to come.  The sources spider does not
        ask for their sources (spiders/sources.py); this drops what reaches them otherwise: a
        redirect from another host, another spider's request (resolve's crawl), and, as nothing
        has begun there, their robots.txt and probes too (`process_request`)."""
        db = database.open_db(config["db"], migration_wait=config.get("migration_wait"),
                              write_wait=config.get("write_wait"))
        try:
            quiet = quiet_hosts(db)
        finally:
            db.conn.close()
        self._ask_nothing_of(quiet)

    def _ask_nothing_of(self, quiet: dict[str, str]) -> None:
        """Close for the crawl the host names of `quiet` ({host: its kept time}, `_recall_quiet`'s;
        a distributed crawl's worker has them from its coordinator)."""
        for host, at in sorted(quiet.items()):   # (as `_close`, with no queue yet: Scrapy's engine is not set)
            self.closed[host] = f"it asked to wait until {at} (kept by an earlier crawl: table host_quiet)"
            logger.warning("nothing is asked of %s in this crawl: %s", host, self.closed[host])
        if quiet:
            self.crawler.signals.connect(self._unasked, signal=signals.request_scheduled)
        self.quiet_before = set(quiet)

    def _to_archive(self, request: Request) -> bool:
        """Whether the request went to the archive: a memento, or any URL of its chain on the
        archive's host (a post's capture)."""
        urls = [request.url, *request.meta.get("redirect_urls", [])]
        return request.meta.get("purpose") == "memento" or any(
            urlsplit(url).netloc.lower() == self.archive_host for url in urls)

    def _retry(self, request: Request, response: Response, attempt: str, why: dict[str, Any]) -> Request:
        """The same source again from its first URL, with the earlier attempt kept for the record,
        and why it was retried (a wall or a 429 outlives a retry that gets no answer)."""
        meta = {k: v for k, v in request.meta.items() if k not in _RESTART_KEYS}
        _hop_slot(meta, request.url)   # (back to the first URL: the answered hop's host's slot is not its own)
        meta["citewatch_earlier"] = list(request.meta.get("citewatch_earlier", [])) + [item_from_response(response, final=False, meta=request.meta)]
        meta["citewatch_attempt"] = attempt
        meta["citewatch_retried_for"] = why
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        headers = dict(BROWSER_HEADERS) if attempt == "browser" else request.headers
        return request.replace(url=url, meta=meta, headers=headers, dont_filter=True)

    def process_request(self, request: Request) -> Request | None:
        """A redirect hop gets its own host's download slot (`_hop_slot`); a source's request to a
        host closed for the crawl (`_close`) goes back to the engine, which drops it as it
        schedules it (`_unasked`).  One dict lookup and one flag test a first request, until a
        host is closed (then a URL parse and two lookups more).  Any other request to a host an
        earlier crawl kept quiet (`_recall_quiet`: its robots.txt, a probe) is ignored."""
        if "redirect_urls" in request.meta:
            _hop_slot(request.meta, request.meta["redirect_urls"][-1])
        if self.closed and self._closed_to(request):
            return request
        if self.quiet_before and urlparse_cached(request).hostname in self.quiet_before:
            raise IgnoreRequest(f"{urlparse_cached(request).hostname} asked to wait (table host_quiet): not asked")
        return None

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if "source_id" not in request.meta:
            return response
        first = request.meta.get("citewatch_attempt", "citewatch") == "citewatch"
        if response.status == 429:
            return self._rate_limited(request, response, first)
        if not first or not self.browser_retry or self._to_archive(request):
            return response
        wall = detect_block(response.status, response_headers(response), response.body)
        if wall or response.status in BROWSER_RETRY_STATUSES:
            return self._retry(request, response, "browser", {"status": response.status, **(wall or {})})
        return response

    def _rate_limited(self, request: Request, response: Response, first: bool) -> Request | Response:
        """A 429 (its host already held or closed, `downloaded`): the archive's is recorded; a
        live host's within the cap gets the source's first attempt retried, queued behind the
        hold; one beyond the cap is recorded (rate-limited: not checked this run)."""
        wait = retry_after_seconds(response_headers(response).get("retry-after"), self.retry_after_default)
        if self._to_archive(request) or wait > self.retry_after_cap:
            if first:
                request.meta["citewatch_retry_after"] = wait
            return response
        if not first:
            return response
        return self._retry(request, response, "browser" if self.browser_retry else "citewatch-again", {"status": 429})

    def downloaded(self, response: Response, request: Request, **_signal) -> None:
        """On a 429, before the host's download slot serves its next request (the
        response_downloaded signal comes just before: Scrapy's AutoThrottle sets a slot's delay
        there too): for the archive's own 429, whatever was asked, ask its host nothing more in
        this crawl (`_close`); else hold the host for a Retry-After within the cap (`_hold`),
        and for one beyond it ask the host nothing more in this crawl, nor in the next ones
        before the Retry-After's end (`_quiet`; its source is recorded rate-limited,
        `_rate_limited`).  A robots.txt's 429 counts as any other: a host that asks its
        robots.txt to wait asks its pages to.  A capture's 429 replayed by the archive (its
        Memento-Datetime says so) asks no wait of anyone.  One status test a response otherwise."""
        if response.status != 429:
            return
        headers = response_headers(response)
        url = urlparse_cached(request)
        if url.netloc.lower() == self.archive_host or request.meta.get("purpose") == "memento":
            if "memento-datetime" not in headers:
                self._close(self.archive_host, "the archive answered its own 429")
            return
        wait = retry_after_seconds(headers.get("retry-after"), self.retry_after_default)
        if wait <= self.retry_after_cap:
            self._hold(request.meta.get("download_slot"), wait)
        else:
            self._quiet(request.meta.get("download_slot"), time.time() + wait,
                        f"it answered 429 asking to wait {wait:.0f} s, beyond retry_after_cap "
                        f"({self.retry_after_cap:g} s)")

    def _quiet(self, key: str | None, until: float, why: str) -> None:
        """Ask the host name `key` (a download slot's) nothing before `until` (a Unix time): nothing
        more in this crawl (`_close`: its sources' requests are dropped unasked and stay due; a
        robots.txt and a soft-404 probe still go, as after a stop), and nothing in the next
        crawls before then: the time is told to the pipeline (`HOST_QUIET`), which keeps it
        in the database at once (crawler/pipelines.py `keep_quiet`), so a kill keeps it too; in
        a distributed crawl's worker, to the cluster's limiter, which closes the host on every
        worker and hands the time to the collector (crawler/cluster/limiter.py `quiet`)."""
        if key is None:
            return
        self.crawler.signals.send_catch_log(signal=HOST_QUIET, host=key, until=until)
        self._close(key, why)

    def _hold(self, key: str | None, wait: float) -> None:
        """Serve the download slot `key` nothing for `wait` seconds: the slot the 429 came
        through, the host name of the URL that answered it (a redirect hop's own: `_hop_slot`).

        Scrapy's own pause of a slot, the one its download delay makes: a pending call
        (`latercall`) that serves the queue when it fires; until then a finished download does
        not serve it either.  Its `lastseen` moved to the end of the wait keeps the slot from
        being collected as idle meanwhile (with the hold on it: a new slot would not hold) and
        counts the host's delay from then.  A longer hold already on the slot stands.  The
        other workers of a distributed crawl are told first (`HOST_HELD`: crawler/cluster/
        limiter.py pushes the host's shared reservation past the wait), whatever this slot has."""
        if key is None:
            return
        if self.stopping:   # (a 429 read after a stop: its host is asked nothing more, as a held one)
            self._quiet(key, time.time() + wait, "the crawl was stopped as its 429 came")
            return
        self.crawler.signals.send_catch_log(signal=HOST_HELD, host=key, wait=wait)
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(key)
        end = time.monotonic() + wait
        if slot is None or slot.lastseen >= end:
            return
        slot.lastseen = end
        if slot.latercall:
            slot.latercall.cancel()
        slot.latercall = call_later(wait, self._release, downloader, key, slot)
        self.held[key] = time.time() + wait

    def _release(self, downloader, key: str, slot) -> None:
        """The hold on slot `key` has passed: serve its queue (Scrapy's own `_latercall`)."""
        self.held.pop(key, None)
        downloader._latercall(slot)

    def _close(self, host: str, why: str) -> None:
        """Ask `host` nothing more in this crawl (the archive's host:port after its own 429; a
        host name after a Retry-After beyond the cap, or held when a stop came: `_quiet`): the
        sources' requests queued for it go back to the
        engine, which drops them as it schedules them (`_unasked`), as do those still to come
        (`process_request`); a download under way ends as it comes.  A request of no source
        (robots.txt, of this host or a new netloc of it) is still sent, and so is a soft-404
        probe: pages already fetched wait on it (spiders/sources.py `_probes`), and dropped it
        would lose them after a stop (an archive's request has none)."""
        if host in self.closed:
            return
        logger.warning("nothing more is asked of %s in this crawl: %s", host, why)
        if not self.closed:
            # (connected only now: until a host is closed no request pays for a signal handler;
            # a bound method of a middleware, which lives as long as the crawl)
            self.crawler.signals.connect(self._unasked, signal=signals.request_scheduled)
        self.closed[host] = why
        for slot in list(_downloader_slots(self.crawler)):
            for request, queued in [entry for entry in slot.queue if self._closed_to(entry[0])]:
                slot.queue.remove((request, queued))
                queued.callback(request)   # the downloader returns it to the engine, which schedules it

    def _closed_to(self, request: Request) -> str | None:
        """Why a source's request may not be sent (its own URL's host name, or host:port, is
        closed for the crawl), None when it may.  Not by its `download_slot`: a redirect hop
        carries its first host's, copied with the meta, until `_hop_slot` (process_request)
        drops it, after the request was scheduled, so a hop out of a closed host to an open
        one was dropped by the host it left.  (A held slot's queue holds its host name's
        requests only: `_hop_slot` ran before they were queued.)"""
        if not unasked_when_closed(request):
            return None
        url = urlparse_cached(request)
        return self.closed.get(url.hostname or "") or self.closed.get(url.netloc.lower())

    def _closed_elsewhere(self, host: str, why: str, **_signal) -> None:
        """Ask the host name `host` nothing more in this crawl: another worker of the distributed
        crawl met its Retry-After beyond the cap (`CLOSED_ELSEWHERE`, crawler/cluster/), and
        keeps its time; here only `_close`."""
        self._close(host, why)

    def _unasked(self, request: Request, **_signal) -> None:
        """Drop a request to a closed host as the crawl schedules it (IgnoreRequest from a
        request_scheduled handler: no errback, so no fetch row; its source stays due), and say
        so to the spider (`UNASKED`), which may note its job as not asked."""
        why = self._closed_to(request)
        if why is not None:
            self.crawler.signals.send_catch_log(signal=UNASKED, request=request, reason=why)
            raise IgnoreRequest

    def _stopped(self) -> None:
        """A stop (crawler/spiderrun.py StopMiddleware) waits out no hold (up to retry_after_cap,
        past a service manager's stop timeout): the held hosts are closed, their sources' queued
        requests, a begun source's retry included, go back unasked, and the crawl, marked
        interrupted, leaves them to the next run, which asks the host nothing before the hold's
        end (`_quiet`: kept in the database).  What stays in a held queue (a robots.txt, of
        another port of the host name, that a begun source waits on) is served now: with its
        pause cancelled and `lastseen` still at the hold's end nothing would serve it, and the
        stopped crawl would wait for it.  A 429 read after the stop holds nothing: it closes
        its host, its wait kept alike."""
        self.stopping = True
        downloader = self.crawler.engine.downloader
        for key, until in list(self.held.items()):
            self._quiet(key, until, "the crawl was stopped during its 429's hold")
            slot = downloader.slots.get(key)
            if slot is not None:
                if slot.latercall:
                    slot.latercall.cancel()
                    slot.latercall = None
                slot.lastseen = time.monotonic() - slot.delay   # (served at once: no hold's end left to wait for)
                downloader._process_queue(slot)
        self.held.clear()


# Crawler signals (sent with send_catch_log): a host held by a 429 (`host`, `wait` in seconds: the
# cluster's limiter holds it for every worker), a source's request dropped unasked from a host
# closed for the crawl (`request`, and `reason`: spiders/posts.py notes its job as not asked), and
# a host name to ask nothing before a time (`host`, `until`: a Unix time; crawler/pipelines.py
# keeps it for the next crawls).
HOST_HELD = object()
UNASKED = object()
HOST_QUIET = object()
# A host name another worker of a distributed crawl closed for the crawl (`host`, and `why`), sent by
# crawler/cluster/ as a worker learns of it: this worker asks it nothing more either.
CLOSED_ELSEWHERE = object()
_STOPPED_BY = "crawler.spiderrun.StopMiddleware"


def unasked_when_closed(request: Request) -> bool:
    """Whether `request` is one a host closed for the crawl is not asked (`BrowserRetryMiddleware._close`):
    a source's, but not its soft-404 probe (pages already fetched wait on it) nor a robots.txt (of
    no source).  The cluster's limiter hands back the same ones (crawler/cluster/limiter.py)."""
    return "source_id" in request.meta and request.meta.get("purpose") != "probe"


def _hop_slot(meta: dict, came_from: str) -> None:
    """Let Scrapy key a request by its own host name when its meta carries the download slot
    of the URL it `came_from` (Scrapy's key for that one, its host name), copied with the meta:
    by a redirect hop (Scrapy's RedirectMiddleware copies the whole meta) or by a retry from
    the first URL (`BrowserRetryMiddleware._retry`).  Through another host's slot a request
    counts against that host's delay and concurrency, escapes its own host's, and its 429 hold
    (`_hold`).  Another key was set on purpose (`download_slot` in a request's meta) and is
    kept; the cluster's limiter sets its own after this one (crawler/cluster/limiter.py).
    (Scrapy keys by address instead with CONCURRENT_REQUESTS_PER_IP, which citewatch does not
    set.)  A first request pays nothing here: the caller tests for "redirect_urls" first."""
    key = meta.get("download_slot")
    if key is not None and key == urlsplit(came_from).hostname:
        del meta["download_slot"]


def _check_slot_internals() -> None:
    """Refuse to crawl on a Scrapy whose downloader slots no longer have what `_hold` and
    `_close` and `_stopped` use (checked with Scrapy 2.19.0: Slot.queue, latercall, lastseen and
    delay, Downloader._latercall and _process_queue), at the crawl's start rather than at a 429."""
    from scrapy.core.downloader import Downloader, Slot

    fields = {field.name for field in dataclasses.fields(Slot)} if dataclasses.is_dataclass(Slot) else set()
    if not {"queue", "latercall", "lastseen", "delay"} <= fields or not all(
            callable(getattr(Downloader, name, None)) for name in ("_latercall", "_process_queue")):
        import scrapy

        raise RuntimeError(f"crawler/middlewares.py BrowserRetryMiddleware holds a host through Scrapy 2.19's "
                           f"downloader slots (queue, latercall, lastseen), which Scrapy {scrapy.__version__} has "
                           "not: install scrapy 2.19, or update BrowserRetryMiddleware for this version")


_RAW_REPLAY = re.compile(r"/web/\d{14}id_/")
CODING_REPAIR = "citewatch_coding_repair"
_TRIAL = 64 * 1024


def in_coding(body: bytes, coding: str) -> bool:
    """Whether `body` really is in `coding`, judged from the bytes: the magic number where
    the coding has one, else a trial decode of the first 64 KiB of output (enough to tell,
    and a bomb costs no more).  A coding not judged here holds."""
    if coding in ("gzip", "x-gzip"):
        return body[:2] == b"\x1f\x8b"
    if coding == "zstd":
        return body[:4] == b"\x28\xb5\x2f\xfd"
    if coding == "deflate":   # zlib-wrapped or raw, as Scrapy accepts both
        return any(_inflates(body, wbits) for wbits in (15, -15))
    if coding == "br":
        decoder = brotli.Decompressor()
        try:
            head = decoder.process(body, output_buffer_limit=_TRIAL)
        except brotli.error:
            return False
        return decoder.is_finished() or len(head) >= _TRIAL
    return True


def _inflates(body: bytes, wbits: int) -> bool:
    decoder = zlib.decompressobj(wbits=wbits)
    try:
        head = decoder.decompress(body, _TRIAL)
    except zlib.error:
        return False
    return decoder.eof or len(head) >= _TRIAL


def coding_repair(body: bytes, labels: list[str]) -> tuple[list[str], str] | None:
    """(the codings `body` is really in, a note saying so) when its Content-Encoding
    values `labels` misstate them; None when they hold.

    Only the outermost coding (listed last) is judged; a body that is not in it is taken
    as plain unless it is gzip (the one mix-up seen the other way round).
    """
    codings = [c.strip().lower() for label in labels for c in label.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not body or (codings and in_coding(body, codings[-1])):
        return None
    said = f"Content-Encoding: {', '.join(codings)}" if codings else "no Content-Encoding"
    if in_coding(body, "gzip"):
        return ["gzip"], f"the archive sent {said} over gzip bytes; decompressed them as gzip"
    if not codings:
        return None
    return [], f"the archive's {said} did not match the body; used the bytes as they are"


class MementoCodingMiddleware:
    """Take an archived copy's coding from its bytes, not from the archive's label.

    The Wayback Machine's raw replay (`/web/<ts>id_/…`) can send `Content-Encoding: gzip`
    over bytes it has already decoded, or gzip bytes with no label (REFERENCE.md; EDGI's
    `wayback` works around the same bug).  Scrapy's HttpCompressionMiddleware trusts the
    label: gunzip fails on the plain bytes and a good memento ends as an error.  Only
    memento and post fetches of raw replay URLs are judged; a live site's label stays as it
    came, and its failure is the site's own.  Runs after the WARC recorder has kept the
    answer as received; the note in meta (`citewatch_coding_repair`) goes into the fetch's
    evidence.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        request.meta.pop(CODING_REPAIR, None)   # a retried request carries no stale note
        if request.meta.get("purpose") not in ("memento", "post") or not _RAW_REPLAY.search(response.url) \
                or request.method == "HEAD":
            return response
        labels = [v.decode("latin-1") for v in response.headers.getlist("Content-Encoding")]
        repair = coding_repair(response.body, labels)
        if repair is None:
            return response
        codings, note = repair
        headers = response.headers.copy()
        headers.pop("Content-Encoding", None)
        if codings:
            headers["Content-Encoding"] = ", ".join(codings)
        request.meta[CODING_REPAIR] = note
        return response.replace(headers=headers)


def certificate_error(host: str, port: int, address: str, cafile: str | None, timeout: float) -> str | None:
    """The verification error of host:port's certificate chain and name, or None when it verifies.

    Checked at `address` (`TlsCheckMiddleware` says which), with no lookup of its own: a name
    rebound since would send the check elsewhere, to an address no refusal judged.
    """
    context = ssl.create_default_context()
    if cafile:
        context.load_verify_locations(cafile)
    try:
        with socket.create_connection((address, port), timeout=timeout) as sock:
            with context.wrap_socket(sock, server_hostname=host):
                return None
    except ssl.SSLCertVerificationError as exc:
        return exc.verify_message or str(exc)
    except (OSError, ssl.SSLError):
        return None  # not a certificate verdict; the download reports its own error


class TlsCheckMiddleware:
    """Record why an https host's certificate does not verify (Scrapy fetches it anyway).

    The check connects where the download did (`response.ip_address`).  A download through a
    proxy carries the proxy's address: the check then connects to the crawl's answer for the
    name (`HostLookups`, the address kept, which the refusal judged), never to
    one a lookup of its own would find (a name rebound to 127.0.0.1 since); a name the crawl
    cannot resolve gets no check.
    """

    def __init__(self, cafile: str | None, timeout: float, lookups: HostLookups):
        self.cafile = cafile
        self.timeout = timeout
        self.lookups = lookups
        self._verdicts: dict[tuple[str, int], str | None] = {}

    @classmethod
    def from_crawler(cls, crawler):
        config = _config(crawler)
        return cls(config.get("ca_bundle") or None, float(config.get("fetch_timeout", 30)), HostLookups.of(crawler))

    async def process_response(self, request: Request, response: Response):
        parts = urlsplit(response.url)
        if parts.scheme == "https" and "source_id" in request.meta:
            key = (parts.hostname, parts.port or 443)
            if key not in self._verdicts:
                self._verdicts[key] = await self._verdict(request, response, *key)
            if self._verdicts[key]:
                request.meta["citewatch_tls_error"] = self._verdicts[key]
        return response

    async def _verdict(self, request: Request, response: Response, host: str, port: int) -> str | None:
        """`certificate_error` at the address the download connected to, or the crawl's answer for `host`."""
        address = str(response.ip_address) if response.ip_address and not request.meta.get("proxy") else None
        if address is None:
            address = host if address_literal(host) else await self.lookups.answer(host)
        if not isinstance(address, str):
            return None  # the name does not resolve here: no certificate verdict
        return await maybe_deferred_to_future(
            deferToThread(certificate_error, host, port, address, self.cafile, self.timeout))


class AnnouncedSizeMiddleware:
    """Keep the status and headers of a live answer whose Content-Length is over the size cap.

    Scrapy cancels such a download with an error as soon as its headers come
    (DownloadCancelledError): the fetch had no status, content type nor headers, and the WARC
    the request alone.  A careful crawler (Heritrix) keeps the answer's status line and headers
    in a response record marked `WARC-Truncated: length` (WARC 1.1 section 5.13), its body cut.
    So the headers_received handler, before Scrapy's check, stops the download there keeping
    the answer (`StopDownload(fail=False)`: Scrapy hands it on with an empty body, flagged
    "download_stopped") and marks the request (`CUT_FOR_SIZE`: the announced length and the
    cap, the request's `download_maxsize` meta, else DOWNLOAD_MAXSIZE); the WARC recorder
    writes the mark, and the fetch (crawler/items.py `cut_for_size`) is too-large
    (crawler/classify.py), its status and content type recorded, nothing read from its body.
    The mark is this attempt's: a retry or a redirect copies the meta, so each request
    starts without it.

    Left to Scrapy's cap, as before: a body with no Content-Length that grows past the cap as
    it streams and one that decompresses past it (no handler per chunk: it would cost every
    page), robots.txt (no source), a redirect hop (an answer with a Location: the signal
    carries no status; the mark is for a source's final answer), and the fetches that are
    not live (a memento, a post, a probe: their callbacks read a 200 as a page).
    Its own component, not the WARC recorder's: that one is off when no WARC is written.
    """

    def __init__(self, maxsize: int):
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        # (a bound method of a middleware, which lives as long as the crawl: pydispatch keeps a weak reference)
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        return middleware

    def process_request(self, request: Request) -> None:
        request.meta.pop(CUT_FOR_SIZE, None)   # an earlier attempt's (a retry or a redirect copies the meta)

    def headers_received(self, headers, body_length, request: Request, **_signal) -> None:
        """Stop the download of an answer announced over the cap, marking the request; an
        unknown length (Twisted's UNKNOWN_LENGTH, not an int) is left to Scrapy's cap."""
        cap = request.meta.get("download_maxsize", self.maxsize)
        if not (cap and isinstance(body_length, int) and body_length > cap):
            return
        if ("source_id" not in request.meta or request.meta.get("purpose", "live") != "live"
                or b"Location" in headers):
            return
        request.meta[CUT_FOR_SIZE] = {"announced": body_length, "cap": cap}
        raise StopDownload(fail=False)


def _header_pairs(headers) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, values in headers.items() for v in values]


class WarcRecorderMiddleware:
    """Every exchange into the WARC as it came off the wire; the offset goes into meta.

    Records are written on the reactor's thread, in order: at the default level an
    exchange costs ~0.2 ms of CPU, less than handing it to a writer thread and back did.

    Each record is dated when its capture began (archive/warc.py's docstring), not when it is
    written, after the whole body came: the response record when the status and headers
    arrived (the headers_received signal), the request record that moment less Scrapy's
    `download_latency` (its seconds from sending to the headers, one clock).  Not
    `citewatch_started`: it is taken before the request waits in its host's queue for the
    politeness delay, and a retry or a redirect keeps the first attempt's.  A request
    that got no answer is dated by `unanswered_sent_at`.

    A write that fails (a full disk, a file system remounted read-only) is this machine's
    fault, not the page's: it stops the crawl (crawler/spiderrun.py `stop_for_local_write`),
    the answer goes on without a record, and nothing more is written or stored.  It never
    reaches the request's errback, which would record the source as a connection-error.
    """

    SENT_AT, ANSWERED_AT = "citewatch_sent_at", "citewatch_answered_at"   # meta: this attempt's, for its WARC-Dates

    def __init__(self, path: Path, level: int = DEFAULT_LEVEL):
        self.path = path
        self.level = level
        self._warc: WarcFile | None = None

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("CITEWATCH_WARC_PATH")
        if not path:
            raise NotConfigured
        recorder = cls(Path(path), int(_config(crawler).get("warc_compression_level", DEFAULT_LEVEL)))
        recorder.crawler = crawler
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.headers_received, signal=signals.headers_received)
        return recorder

    @property
    def warc(self) -> WarcFile:
        if self._warc is None:
            self._warc = WarcFile(self.path, self.level)
        return self._warc

    def process_request(self, request: Request) -> None:
        request.meta.setdefault("citewatch_started", time.time())
        for key in (self.SENT_AT, self.ANSWERED_AT):   # this attempt's own (a retry or a redirect copies the meta)
            request.meta.pop(key, None)

    def headers_received(self, request: Request, **_signal) -> None:
        """Note when this attempt's answer began to arrive and, from `download_latency` (set by
        Scrapy just before this signal), when its request was sent."""
        now = time.time()
        latency = request.meta.get("download_latency")
        request.meta[self.ANSWERED_AT] = now
        request.meta[self.SENT_AT] = now - latency if latency is not None else None

    def process_response(self, request: Request, response: Response) -> Response:
        # an earlier attempt's pointer (a retry or a redirect copies the meta) must not stand for
        # this answer's record when it is not written
        request.meta.pop("citewatch_warc", None)
        if local_write_failure():
            return response   # (the crawl is stopping: its pages are not stored)
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        try:
            offset = self.warc.write_exchange(
                response.url, request.method, _header_pairs(request.headers),
                response.status, phrase, _header_pairs(response.headers), response.body,
                str(response.ip_address) if response.ip_address else None,
                _truncation(request, response),
                sent_at=request.meta.get(self.SENT_AT), answered_at=request.meta.get(self.ANSWERED_AT),
            )
        except OSError as exc:
            stop_for_local_write(self.crawler, self.path, exc)
            return response
        request.meta["citewatch_warc"] = (str(self.path), offset)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        # (an answer that grew past the size cap with no Content-Length: only its request is kept)
        if local_write_failure():
            return
        try:
            self.warc.write_request(request.url, request.method, _header_pairs(request.headers),
                                    sent_at=self.unanswered_sent_at(request.meta, exception))
        except OSError as exc:
            stop_for_local_write(self.crawler, self.path, exc)

    @classmethod
    def unanswered_sent_at(cls, meta: dict, exception: Exception) -> float:
        """When a request whose download failed was sent (its request record's WARC-Date).

        Headers that came before the failure (a body cut short or slower than the timeout)
        give it as for an answer.  Without them Scrapy measured nothing: a timeout fires
        `download_timeout` seconds after the send (its timer starts with the download), any
        other failure (a refused connection, a failed lookup or TLS handshake) comes at once,
        so now; never before `citewatch_started`, taken before the request waited its turn."""
        if meta.get(cls.SENT_AT) is not None:
            return meta[cls.SENT_AT]
        now = time.time()
        if type(exception).__name__ == "DownloadTimeoutError" and meta.get("download_timeout"):
            return max(now - float(meta["download_timeout"]), meta.get("citewatch_started") or 0.0)
        return now

    def spider_closed(self) -> None:
        if self._warc is not None:
            try:
                self._warc.close()
            except OSError as exc:   # (a network file system may say only now that a write failed)
                stop_for_local_write(self.crawler, self.path, exc)


def _truncation(request: Request, response: Response) -> str | None:
    """The WARC-Truncated reason of an answer whose body is not the whole payload:
    "disconnect" for one the server cut short (kept as it came), "length" for one over the
    size cap whose download was stopped at the headers (`AnnouncedSizeMiddleware`)."""
    if "dataloss" in response.flags:
        return "disconnect"
    return "length" if CUT_FOR_SIZE in request.meta else None
