"""Read the bytes of a document from a path or an http(s) URL, within the size limit.

Every failure becomes an IngestError whose one line names the input, what is wrong
and what to do.  A URL is fetched with requests (the configured User-Agent and
fetch_timeout), streamed, and abandoned once it passes `ingest_max_bytes`.  It meets the
crawl's rules, on every redirect hop (`_fetch`): a scheme other than http(s) is refused,
and so is an address that is not globally routable, unless `allow_private_networks` is set
(crawler/middlewares/refusals.py `refusal`, `address_class`); names resolve as the crawl's do,
`resolve_hosts` first.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from requests.cookies import extract_cookies_to_jar
from requests.utils import select_proxy

from crawler.config import setting_named, user_agent_text
from crawler.ingest.model import IngestError
from crawler.middlewares.refusals import address_class, refusal
from crawler.resolve import address_literal, first_address, parse_pins, pin_urllib3
from crawler.settings import REDIRECT_MAX_TIMES


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def _megabytes(size: int) -> str:
    """A size for people: "20.0 MB", or plain bytes under one megabyte."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _too_big(source: str, size: int | None, limit: int) -> IngestError:
    what = f"is {_megabytes(size)}" if size is not None else "is larger than"
    return IngestError(
        f"{source}: {what} over the ingest limit of {_megabytes(limit)}; "
        "raise ingest_max_bytes (CITEWATCH_INGEST_MAX_BYTES) if this really is one document"
    )


def read_source(source: str, config) -> tuple[bytes, str | None]:
    """(bytes, content type or None) of a file path or URL."""
    limit = int(config.ingest_max_bytes)
    if is_url(source):
        return _fetch(source, config, limit)
    path = Path(source)
    scheme = urlsplit(source).scheme.lower()
    if len(scheme) > 1 and not path.exists():  # (one letter is a Windows drive, C:)
        fix = "give the path without file://" if scheme == "file" else "download the document and give its path"
        raise IngestError(f"{source}: only http(s) URLs and local files are read, not {scheme}:; {fix}")
    if not path.exists():
        raise IngestError(f"{source}: no such file; give the path of a text, PDF or HTML document, or an http(s) URL")
    if path.is_dir():
        raise IngestError(f"{source}: is a directory, not a document; give one file")
    if not path.is_file():
        raise IngestError(f"{source}: is not a regular file (a device, pipe or socket); give the document's file")
    size = path.stat().st_size
    if size > limit:
        raise _too_big(source, size, limit)
    try:
        return path.read_bytes(), None
    except OSError as exc:
        raise IngestError(f"{source}: cannot be read ({exc.strerror}); check its permissions") from None


def _fetch(url: str, config, limit: int) -> tuple[bytes, str | None]:
    """GET a URL, streaming, with a timeout and the size limit, judged hop by hop as the crawl judges.

    A document's URL may be anyone's (`citewatch run URL` runs unattended), so redirects are
    followed here, up to the crawl's limit (REDIRECT_MAX_TIMES), each hop refused before
    anything is sent to it (`_refuse_hop`).  The address a name was judged by is the one
    connected to (`pin_urllib3`, kept for the rest of the fetch): a second lookup could answer
    otherwise (DNS rebinding).  Cookies a hop sets go on with the next, as requests does.
    """
    headers = {"User-Agent": user_agent_text(str(config.user_agent), config.contact_url)}
    pins = parse_pins(config.resolve_hosts or [])
    answers: dict[str, str] = {}  # host: the address judged and connected to
    hop = url
    try:
        with requests.Session() as session:
            for redirects in range(REDIRECT_MAX_TIMES + 1):
                request = session.prepare_request(requests.Request("GET", hop, headers=headers))
                sending = session.merge_environment_settings(request.url, {}, True, None, None)
                where = f"{url}: redirected to {request.url}" if redirects else url
                _refuse_hop(where, request.url, config, pins, answers, bool(select_proxy(request.url, sending["proxies"])))
                pin_urllib3({**pins, **answers})
                with _send(session, request, timeout=float(config.fetch_timeout), **sending) as response:
                    target = session.get_redirect_target(response)
                    if target is None:
                        return _body(url, response, limit)
                hop = _redirect(url, response.url, target)
            raise IngestError(f"{url}: more than {REDIRECT_MAX_TIMES} redirects (the crawl's limit); check the URL "
                              "or download the file and pass its path")
    except requests.Timeout:
        raise IngestError(f"{url}: no answer within {config.fetch_timeout} s; try again later or download the file and pass its path") from None
    except requests.RequestException as exc:
        reason = type(exc).__name__
        if isinstance(exc, requests.ConnectionError):
            reason = "connection failed"
        raise IngestError(f"{url}: cannot be fetched ({reason}); check the URL or download the file and pass its path") from None
    finally:
        pin_urllib3(pins)  # no address judged here outlives the fetch


def _body(url: str, response: requests.Response, limit: int) -> tuple[bytes, str | None]:
    """The body and content type of the last hop's answer, within the size limit."""
    if response.status_code >= 400:
        raise IngestError(f"{url}: the server answered HTTP {response.status_code}; check the URL or download the file and pass its path")
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_big(url, int(declared), limit)
    body = bytearray()
    for chunk in response.iter_content(65536):
        body.extend(chunk)
        if len(body) > limit:
            raise _too_big(url, None, limit)
    return bytes(body), response.headers.get("Content-Type")


def _send(session: requests.Session, request: requests.PreparedRequest, **options) -> requests.Response:
    """One hop, sent by the session's adapter, its body not read: Session.send, even with
    allow_redirects=False, reads a redirect's whole body into memory (to release its
    connection) before any size limit, and a 302 with an endless body held ingest for ever;
    and it parses the Location there (a bare ValueError for `http://[::1/x`), which
    `_redirect` does instead, in one line.  Cookies a hop sets go on with the next."""
    response = session.get_adapter(request.url).send(request, **options)
    extract_cookies_to_jar(session.cookies, request, response.raw)
    return response


def _redirect(url: str, hop: str, target: str) -> str:
    """The URL a redirect from `hop` points to (its Location read against `hop`)."""
    try:
        return urljoin(hop, target)
    except ValueError:
        raise _not_a_url(url, target) from None


def _not_a_url(url: str, target: str | None) -> IngestError:
    """The one message for a Location no URL parser reads, wherever requests or urljoin says so."""
    return IngestError(f"{url}: redirected to {target!r}, which is not a valid URL; download the document and pass its path")


def _refuse_hop(where: str, hop: str, config, pins: dict[str, str], answers: dict[str, str], proxied: bool) -> None:
    """Raise the crawl's refusal of the URL `hop` before anything is sent there; `where` opens
    the message (the document's URL, and the redirect that led to `hop`).

    The scheme always (crawler/middlewares/refusals.py `refusal`); unless
    allow_private_networks is set, the address too: an address literal as it is written, a
    name by the address it resolves to (`resolve_hosts` first), noted in `answers` to be the
    one connected to.  Through a proxy the name is judged the same way (the proxy looks it up
    itself, out of reach: the local answer is the one to judge), and a name that does not
    resolve here is left to the proxy, as the crawl leaves it (crawler/middlewares/refusals.py
    `RefuseMiddleware`).
    """
    reason = refusal(hop, allow_private=True)  # the scheme, the URL's form: no setting lifts these
    if reason:
        raise IngestError(f"{where}: refused: {reason}; download the document and pass its path")
    if config.allow_private_networks:
        return
    host = urlsplit(hop).hostname.rstrip(".")
    reason = refusal(hop, allow_private=False)
    if reason is None and not address_literal(host) and host not in answers:
        try:
            answers[host] = first_address(host, pins)
        except OSError as exc:  # socket.gaierror
            if proxied:
                return
            raise IngestError(f"{where}: cannot be fetched ({host} does not resolve: {exc.strerror or exc}); "
                              "check the URL or download the file and pass its path") from None
    kind = host in answers and address_class(ipaddress.ip_address(answers[host]))
    if kind:
        reason = f"{host} resolves to {answers[host]}: {kind}"
    if reason:
        raise IngestError(f"{where}: refused: {reason}; {lift_address_rule()}, "
                          "or download the document and pass its path")


def lift_address_rule() -> str:
    """The way past the rule that refuses addresses that are not globally routable, as a
    refusal names it: ingest's, and a `citewatch check` row's whose source the crawl refused
    so (crawler/check/results.py), which said only "could not be fetched (refused)"."""
    setting = setting_named("allow_private_networks")
    return f"set {setting.name} ({setting.env_var}) to read it"
