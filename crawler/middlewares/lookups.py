"""Host lookups: one lookup a host by the crawl's own resolver, whose answer the download is given
(`HostLookups`); a host's name looked up before its turn, its failure kept with its reason
(`UnresolvedHostMiddleware`, 110); whether the lookups that did not finish say the network is
unreachable (`NetworkEvidence`, read by the backoff retry, crawler/middlewares/retries.py)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any
from urllib.parse import urlsplit
from urllib.request import proxy_bypass
from weakref import WeakKeyDictionary

from scrapy.downloadermiddlewares.httpproxy import HttpProxyMiddleware
from scrapy.exceptions import CannotResolveHostError
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from twisted.internet.threads import deferToThread
from zope.interface import implementer

from crawler.resolve import address_literal, crawl_pins, network_reachable

logger = logging.getLogger(__name__)


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
