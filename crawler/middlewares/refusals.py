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
from crawler.resolve import address_literal


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


def configured_hosts(*urls: str | None) -> frozenset[str]:
    """The hosts of the URLs the configuration names (`wayback_url`, `availability_url`, a
    proxy's), which no address rule refuses: the user chose them, and an intranet archive lives on
    a private address.  A URL written without its scheme ("proxy:3128") is read as a host."""
    hosts = (urlsplit(url if "//" in url else "//" + url).hostname for url in urls if url)
    return frozenset(host.rstrip(".") for host in hosts if host)


class RefuseMiddleware:
    """Refuse what a scheduled crawler must never read (169.254.169.254, an intranet).

    A name is judged by the address the crawl's resolver gives the download (`HostLookups`),
    asked for each request: a name that resolved is answered with the address kept.  A
    lookup that fails is no refusal: the lookup before the host's turn reports it, with its
    reason.  A request sent to a proxy is judged the same way (the proxy looks the name up
    itself, beyond reach: what the crawl's resolver says is the one answer there is to judge).
    The hosts the configuration names (`configured_hosts`: the archive's, as the archive client
    judges them, archive/wayback.py `_judged`; the Nitter mirrors' and the syndication endpoint's)
    are judged by the scheme alone: the rescue replays an intranet archive's mementos, the social
    stage searches a self-hosted mirror; a redirect off them is judged as any request.
    """

    def __init__(self, allow_private: bool, lookups: HostLookups, configured: frozenset[str] = frozenset()):
        self.allow_private = allow_private
        self.lookups = lookups
        self.configured = configured   # the configured archive's and tweet services' hosts (`configured_hosts`)

    @classmethod
    def from_crawler(cls, crawler):
        config = _config(crawler)
        return cls(bool(config.get("allow_private_networks")), HostLookups.of(crawler),
                   configured_hosts(config.get("wayback_url"), config.get("availability_url"),
                                    config.get("syndication_url"), *(config.get("nitter_mirrors") or [])))

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname
        private_allowed = self.allow_private or host in self.configured
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
