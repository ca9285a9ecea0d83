"""The one test web: a small HTTP server framework every stage's fixtures plug into.

Behaviours live at paths, registered with `@route(prefix)` in the modules listed in
`ROUTE_MODULES` (pages for the crawl, wayback for the archive, social for posts).
One process serves several *sites* (listeners on their own ports, so each is its
own host as far as robots.txt, soft-404 probes and per-host limits go); a handler
sees which site it is on in `request.site`.

State that tests change between crawls (a page that dies and comes back) and
counters that tests read (save requests per minute) live in `STATE` and are
reached over HTTP at /_control/... on any site.
"""

from __future__ import annotations

import importlib
import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable
from urllib.parse import parse_qs, urlsplit

ROUTE_MODULES = ["tests.web.pages", "tests.web.wayback", "tests.web.social", "tests.web.history_pages", "tests.web.documents", "tests.web.many_pages", "tests.web.demo_pages", "tests.web.scripts_pages", "tests.web.consent_pages"]


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]   # lower-cased names
    body: bytes
    site: str                 # name of the listener: "main", "other", ...
    base: str                 # this site's base URL, e.g. http://127.0.0.1:4321
    sites: dict[str, str]     # every site's base URL, to build links across sites

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Response:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str | None = "text/html; charset=utf-8"
    # When False the server sends no Content-Length (streamed bodies).
    length: bool = True
    # Seconds to wait between streamed chunks (a slow drip).
    chunk_delay: float = 0.0
    # A streamed body framed as HTTP/1.1 chunks (Transfer-Encoding: chunked), not ended by closing.
    chunked: bool = False
    # The HTTP version of the status line (an old server answers HTTP/1.0, then closes).
    version: str = "HTTP/1.1"


Handler = Callable[[Request], Response]
_ROUTES: list[tuple[str, str | None, Handler]] = []


def route(prefix: str, site: str | None = None):
    """Register a handler for every path that starts with `prefix` (on one site, or all)."""

    def inner(func: Handler) -> Handler:
        _ROUTES.append((prefix, site, func))
        return func

    return inner


class State:
    """Mutable test-web state shared by all handlers, settable over /_control/."""

    def __init__(self):
        self.lock = threading.Lock()
        self.values: dict[str, str] = {}
        self.counters: dict[str, list[float]] = defaultdict(list)

    def get(self, key: str, default: str | None = None) -> str | None:
        with self.lock:
            return self.values.get(key, default)

    def count(self, key: str) -> None:
        """Record one event under `key` with its time (for rate checks in tests)."""
        with self.lock:
            self.counters[key].append(time.time())


STATE = State()


@route("/_control/set")
def _control_set(req: Request) -> Response:
    with STATE.lock:
        for key, values in req.query.items():
            STATE.values[key] = values[0]
    return Response(body=b"ok", content_type="text/plain")


@route("/_control/reset")
def _control_reset(req: Request) -> Response:
    with STATE.lock:
        STATE.values.clear()
        STATE.counters.clear()
    return Response(body=b"ok", content_type="text/plain")


@route("/_control/counters")
def _control_counters(req: Request) -> Response:
    with STATE.lock:
        body = json.dumps(STATE.counters).encode()
    return Response(body=body, content_type="application/json")


def _find(path: str, site: str) -> Handler | None:
    """The handler of the longest prefix of `path`; of two as long, the one registered for this
    site (a site's own /robots.txt over the test web's, for every site)."""
    best: tuple[tuple[int, bool], Handler] | None = None
    for prefix, only_site, handler in _ROUTES:
        if only_site not in (None, site) or not path.startswith(prefix):
            continue
        rank = (len(prefix), only_site is not None)
        if best is None or rank > best[0]:
            best = (rank, handler)
    return best[1] if best else None


def make_handler(site: str, sites: dict[str, str]):
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep test output quiet
            pass

        def _serve(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            req = Request(
                method=self.command,
                path=parts.path,
                query=parse_qs(parts.query, keep_blank_values=True),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
                site=site,
                base=sites[site],
                sites=sites,
            )
            # /_control is reachable at the root of every site; archived paths may carry
            # a full URL after the prefix, so match on the path as received.
            path = self.path.split("?", 1)[0]
            handler = _find(path, site)
            if handler is None:
                resp = Response(404, b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>")
            else:
                try:
                    resp = handler(req)
                except Exception as exc:  # a broken fixture should show, not hang the test
                    resp = Response(500, f"fixture error: {exc!r}".encode(), content_type="text/plain")
            self._send(resp)

        def _send(self, resp: Response):
            if resp.version != self.protocol_version:
                self.protocol_version = resp.version   # (this connection's: it is closed after the answer)
                self.close_connection = True
            self.send_response(resp.status)
            if resp.content_type and not any(k.lower() == "content-type" for k, _ in resp.headers):
                self.send_header("Content-Type", resp.content_type)
            for key, value in resp.headers:
                self.send_header(key, value)
            if isinstance(resp.body, bytes):
                if resp.length and not any(k.lower() == "content-length" for k, _ in resp.headers):
                    self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(resp.body)
                return
            if resp.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for chunk in resp.body:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if resp.chunked else chunk)
                    self.wfile.flush()
                    if resp.chunk_delay:
                        time.sleep(resp.chunk_delay)
                if resp.chunked:
                    self.wfile.write(b"0\r\n\r\n")   # the last chunk: the body is whole
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = do_HEAD = do_PUT = _serve

    return _Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def start(site_names: Iterable[str] = ("main", "other"), wrap: dict[str, Callable] | None = None) -> dict[str, str]:
    """Start one listener per site on 127.0.0.1 port 0; return {site: base URL}.

    `wrap` maps a site name to a function that wraps its socket (TLS sites).
    """
    for name in ROUTE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    wrap = wrap or {}
    servers, sites = {}, {}
    for name in site_names:
        server = _Server(("127.0.0.1", 0), BaseHTTPRequestHandler)
        scheme = "https" if name in wrap else "http"
        sites[name] = f"{scheme}://127.0.0.1:{server.server_address[1]}"
        servers[name] = server
    for name, server in servers.items():
        server.RequestHandlerClass = make_handler(name, sites)
        if name in wrap:
            server.socket = wrap[name](server.socket)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return sites
