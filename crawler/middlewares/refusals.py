"""The address refusal: what citewatch never fetches, a scheme other than http(s) or an address
that is not globally routable (`refusal`, `address_class`: also the rules of `citewatch ingest
URL`, `check`, the distributed crawl's collector and the sources spider), and the crawl's
`RefuseMiddleware` (60), which judges a name by the address the download is given
(crawler/middlewares/lookups.py `HostLookups`)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from crawler.middlewares import _config
from crawler.middlewares.lookups import HostLookups
from crawler.resolve import address_literal, netloc_of


class Refused(IgnoreRequest):
    """A URL citewatch will not fetch: its scheme, or the address its host resolves to."""


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


def configured_netlocs(*urls: str | None) -> frozenset[tuple[str, int]]:
    """The hosts and ports of the URLs the configuration names (`wayback_url`, `availability_url`,
    the Nitter mirrors, the syndication endpoint, a proxy), which no address rule refuses: the user
    chose those services, and an intranet archive lives on a private address.  The port too, not
    the host alone: a redirect to another port of a trusted intranet host (its database, an admin
    page) is no request to the service configured.  An http URL on its default port trusts its
    host's https port too: a service that sends its visitors on to https (http://archive.corp to
    https://archive.corp) is the same service."""
    netlocs = set()
    for url in filter(None, urls):
        netloc = netloc_of(url)
        if netloc is None:
            continue
        netlocs.add(netloc)
        if url.lower().startswith("http://") and urlsplit(url).port is None:
            netlocs.add((netloc[0], 443))
    return frozenset(netlocs)


class RefuseMiddleware:
    """Refuse what a scheduled crawler must never read (169.254.169.254, an intranet).

    A name is judged by the address the crawl's resolver gives the download (`HostLookups`),
    asked for each request: a name that resolved is answered with the address kept.  A
    lookup that fails is no refusal: the lookup before the host's turn reports it, with its
    reason.  A request sent to a proxy is judged the same way (the proxy looks the name up
    itself, beyond reach: what the crawl's resolver says is the one answer there is to judge).
    In the crawls of a spider that asks them (`asks_configured_services`: the rescue's replays, the
    social stage's searches), the services the configuration names (`configured_netlocs`, a host
    and its port: the archive's, as the archive client judges them, archive/wayback.py `_judged`;
    the Nitter mirrors' and the syndication endpoint's) are judged by the scheme alone: an intranet
    archive, a self-hosted mirror.  A redirect off them, to another port of their host too, is
    judged as any request, and so is every cited source, whatever host it is on.
    """

    def __init__(self, allow_private: bool, lookups: HostLookups, configured: frozenset[tuple[str, int]] = frozenset()):
        self.allow_private = allow_private
        self.lookups = lookups
        self.configured = configured   # the configured archive's and tweet services' hosts and ports

    @classmethod
    def from_crawler(cls, crawler):
        config = _config(crawler)
        configured = frozenset()
        if getattr(crawler.spidercls, "asks_configured_services", False):   # not the cited sources' crawl
            configured = configured_netlocs(config.get("wayback_url"), config.get("availability_url"),
                                            config.get("syndication_url"), *(config.get("nitter_mirrors") or []))
        return cls(bool(config.get("allow_private_networks")), HostLookups.of(crawler), configured)

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname
        private_allowed = self.allow_private or netloc_of(request.url) in self.configured
        reason = refusal(request.url, private_allowed)
        if reason is None and not private_allowed and not address_literal(host):
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
