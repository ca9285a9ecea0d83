"""Certificates: Scrapy does not verify them, so each https host's is checked once, at the address
the download connected to, and the verification error is recorded on the fetch
(`TlsCheckMiddleware`, 940; `certificate_error`)."""

from __future__ import annotations

import socket
import ssl
from urllib.parse import urlsplit

from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawler.middlewares import _config
from crawler.middlewares.lookups import HostLookups
from crawler.resolve import address_literal


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
