"""The crawl's fixture web: one behaviour per class, hostile inputs, and the bot walls of issue 11.

Every path lives under /crawl/ (plus robots.txt and the home page of each site).
Behaviours that change between attempts (a 503 that recovers, a site that refuses the
citewatch User-Agent) count attempts in STATE under a `key` query argument, so tests
running against one server do not see each other's counts.
"""

from __future__ import annotations

import functools
import gzip
import random
import sys
import time
import zlib

import brotli

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

from tests.web.server import STATE, Request, Response, route
from tests.web.tls import ca_pem

_WORDS = (
    "government statement council ministry foreign affairs resolution ceasefire humanitarian population "
    "international community support peace talks negotiations parties conflict region security sovereignty "
    "territorial integrity calls upon respect law dialogue cooperation assistance delegation declaration "
    "organisation member states urgent concern civilians protection measures pandemic response solidarity"
).split()


def article_text(seed: int, size: int) -> list[str]:
    """Paragraphs of plausible statement prose, about `size` characters, the same for a seed."""
    rng = random.Random(seed)
    paragraphs, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph)
    return paragraphs


def article_html(title: str, paragraphs: list[str], extra_head: str = "", date: str = "2020-03-31") -> str:
    """A news-site page: navigation, the article with a date, a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/section/{w}">{w.title()}</a></li>' for w in _WORDS[:12])
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>{extra_head}"
        f'<meta property="article:published_time" content="{date}"></head><body>'
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>"
        f'<p class="date">Published <time datetime="{date}">{date}</time></p>{body}</article></main>'
        "<footer><p>Copyright Ministry of Foreign Affairs. All rights reserved.</p></footer></body></html>"
    )


LIVE_PARAGRAPHS = article_text(1, 3000)
STATEMENT = "The Ministry calls upon all parties to observe an immediate global ceasefire."


def _page(title: str, paragraphs: list[str], status: int = 200, **kwargs) -> Response:
    return Response(status, article_html(title, paragraphs).encode("utf-8"), **kwargs)


def _attempt(req: Request, name: str) -> int:
    """How many times this behaviour was requested with this key (1 on the first)."""
    key = f"{name}:{req.arg('key', '')}"
    STATE.count(key)
    return len(STATE.counters[key])


# --- sites' roots and robots.txt ---------------------------------------------------


@route("/robots.txt")
def robots(req: Request) -> Response:
    STATE.count(f"robots:{req.site}")
    return Response(body=b"User-agent: *\nDisallow: /crawl/private/\n", content_type="text/plain")


@route("/", site="main")
def home(req: Request) -> Response:
    if req.path != "/":
        return Response(404, b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>")
    return _page("Ministry of Foreign Affairs", article_text(2, 1500))


@route("/", site="soft404")
def soft404_host(req: Request) -> Response:
    """A host that answers every unknown path 200 with the same apology (a soft-404 host)."""
    if req.path.startswith("/crawl/real-article"):
        return _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS)
    return _page("Ministry", ["We are sorry, the content you asked for could not be shown right now. "
                              "Please use the search box or return to the main menu of the ministry."])


for _site in ("tls_expired", "tls_wrongname", "tls_good"):
    route("/crawl/", site=_site)(lambda req: _page("Statement behind a certificate", [STATEMENT] + LIVE_PARAGRAPHS))


@route("/hang", site="tls_good")
def tls_hang(req: Request) -> Response:
    """An https server that takes a request and answers nothing for `seconds` (60): a silent
    archive behind TLS, as the real one is (tests/test_wayback.py)."""
    time.sleep(float(req.arg("seconds", "60")))
    return Response(504, b"gave up", content_type="text/plain")


@route("/crawl/tls-ca.pem")
def tls_ca(req: Request) -> Response:
    return Response(body=ca_pem(), content_type="application/x-pem-file")


# --- one case per class --------------------------------------------------------------


@route("/crawl/live")
def live(req: Request) -> Response:
    STATE.count(f"live:{req.arg('key', '')}")
    return _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS)


@route("/crawl/removed-notice")
def removed_notice(req: Request) -> Response:
    """A live article that merely says, in its text, that another page has been removed."""
    return _page("Statement on the ceasefire", [STATEMENT, "Note: the earlier version of this page has been removed "
                                                 "and replaced by this statement."] + LIVE_PARAGRAPHS[:6])


@route("/crawl/moved")
def moved(req: Request) -> Response:
    return Response(301, b"", headers=[("Location", "/crawl/new-home/statement")])


@route("/crawl/new-home/")
def new_home(req: Request) -> Response:
    return _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS)


@route("/crawl/news/2020/statement")
def to_root(req: Request) -> Response:
    return Response(302, b"", headers=[("Location", "/")])


_META_REFRESH_HOME = ('<html><head><meta charset="{charset}"><title>Moved</title>'
                      '<META HTTP-EQUIV="Refresh" CONTENT="0; URL=/"></head><body><p>This page has moved.</p></body></html>')


@route("/crawl/meta-refresh-home")
def meta_refresh_home(req: Request) -> Response:
    """A dead page that sends readers home with a meta refresh, as many CMSs do."""
    return Response(body=_META_REFRESH_HOME.format(charset="utf-8").encode())


@route("/crawl/meta-refresh-utf16")
def meta_refresh_utf16(req: Request) -> Response:
    """The same in UTF-16: its bytes never spell "refresh" in ASCII."""
    return Response(body=_META_REFRESH_HOME.format(charset="utf-16").encode("utf-16"),
                    content_type="text/html; charset=utf-16")


@route("/crawl/status/")
def status(req: Request) -> Response:
    code = int(req.path.rsplit("/", 1)[1])
    STATE.count(f"status:{code}:{req.arg('key', '')}")
    return Response(code, f"<html><head><title>Error {code}</title></head><body><h1>Error {code}</h1></body></html>".encode())


@route("/crawl/flaky")
def flaky(req: Request) -> Response:
    """503 on the first attempt, then the page: the retry must get it."""
    if _attempt(req, "flaky") == 1:
        return Response(503, b"<html><body>Service Unavailable</body></html>")
    return _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS)


@route("/crawl/slow-drip")
def slow_drip(req: Request) -> Response:
    """A body that trickles for ever: only the timeout ends it."""

    def drip():
        yield b"<html><body><p>"
        for _ in range(10_000):
            yield b"."

    return Response(body=drip(), length=False, chunk_delay=0.2)


@route("/crawl/slow-pdf")
def slow_pdf(req: Request) -> Response:
    """A PDF sent in ten pieces over `seconds` seconds: a big file on a slow server, slower than the timeout."""
    body = simple_pdf(["The Ministry calls for an immediate ceasefire."])
    step = -(-len(body) // 10)
    return Response(body=(body[i:i + step] for i in range(0, len(body), step)), length=False,
                    chunk_delay=float(req.arg("seconds", "1.5")) / 10, content_type="application/pdf")


@route("/crawl/short-body")
def short_body(req: Request) -> Response:
    """A page whose Content-Length promises 20 bytes more than it sends, every time."""
    body = _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS).body
    return Response(body=iter([body]), headers=[("Content-Length", str(len(body) + 20))])


@route("/crawl/header-flood")
def header_flood(req: Request) -> Response:
    """A page that sends 5,000 header lines, 330 KB, before its body: more than a client reads
    (a header flood that never ends grows a parser without a cap until its timeout)."""
    return Response(body=b"<html><body><p>After the headers.</p></body></html>",
                    headers=[(f"X-Flood-{n}", "x" * 50) for n in range(5000)])


@route("/crawl/huge")
def huge(req: Request) -> Response:
    """30 MB streamed without a Content-Length: the size cap must cut it."""
    chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
    return Response(body=(chunk for _ in range(30)), length=False, content_type="text/html")


HUGE_ANNOUNCED = 30 * 1024 * 1024
HUGE_ANNOUNCED_CHUNK = 8192


@route("/crawl/huge-announced")
def huge_announced(req: Request) -> Response:
    """30 MB announced by its Content-Length, then a body that trickles for ever: a client
    that keeps the status and headers must stop at them.  Each chunk sent is counted under
    "huge-announced:<key>" (/_control/counters), so a test can tell how much went out."""
    name = f"huge-announced:{req.arg('key', '')}"

    def trickle():
        while True:
            STATE.count(name)
            yield b"<p>" + b"x" * (HUGE_ANNOUNCED_CHUNK - 8) + b"</p>\n"

    return Response(body=trickle(), headers=[("Content-Length", str(HUGE_ANNOUNCED))], chunk_delay=0.05,
                    content_type="text/html")


@functools.cache
def _gzip_bomb() -> bytes:
    """64 MiB of zeros in 64 gzip members of 1 MiB each, about 64 KB (a gzip reader reads the
    members one after the other, as one body).  One member compressed once: 64 MiB compressed
    whole took over a second on a loaded machine, longer than the crawl's test timeout, and
    the bomb case timed out instead of being too large."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = compressor.compress(b"\0" * (1024 * 1024)) + compressor.flush()
    return member * 64


@route("/crawl/redirect-endless-body")
def redirect_endless_body(req: Request) -> Response:
    """A 302 whose body never ends: a client must follow the Location without reading it."""
    def endless():
        while True:
            yield b"x" * 65536
    return Response(302, endless(), headers=[("Location", "/documents/un-letter.txt")], length=False)


@route("/crawl/malformed-header")
def malformed_header(req: Request) -> Response:
    """A header name with a byte over 0x7F ("X-Café", sent as latin-1): no HTTP a client reads."""
    return _page("Statement", LIVE_PARAGRAPHS, headers=[("X-Café", "1")])


@route("/crawl/gzip-bomb")
def gzip_bomb(req: Request) -> Response:
    """64 MB of zeros in about 64 KB of gzip."""
    return Response(body=_gzip_bomb(), headers=[("Content-Encoding", "gzip")], content_type="text/html")


@route("/crawl/gzipped")
def gzipped(req: Request) -> Response:
    """An ordinary page sent gzip-compressed (the WARC must keep its bytes as sent)."""
    body = gzip.compress(article_html("Compressed statement", [STATEMENT] + LIVE_PARAGRAPHS).encode())
    return Response(body=body, headers=[("Content-Encoding", "gzip")])


@route("/crawl/chunked-gzipped")
def chunked_gzipped(req: Request) -> Response:
    """An ordinary page gzip-compressed and sent in HTTP/1.1 chunks, with no Content-Length
    (the WARC must keep the gzip bytes as sent, the chunking undone)."""
    body = gzip.compress(article_html("Chunked statement", [STATEMENT] + LIVE_PARAGRAPHS).encode())
    return Response(body=(body[i:i + 500] for i in range(0, len(body), 500)), length=False, chunked=True,
                    headers=[("Content-Encoding", "gzip")])


@route("/crawl/http10")
def http10(req: Request) -> Response:
    """An ordinary page from a server that answers in HTTP/1.0 (an old appliance, Python's http.server)."""
    return _page("Statement from an old server", [STATEMENT] + LIVE_PARAGRAPHS, version="HTTP/1.0")


@route("/crawl/brotli")
def brotli_page(req: Request) -> Response:
    """An ordinary page sent Brotli-compressed when the request accepts `br`, gzip otherwise;
    with ?always=1 Brotli whatever was asked (a server that ignores Accept-Encoding)."""
    page = article_html("Brotli statement", [STATEMENT] + LIVE_PARAGRAPHS).encode()
    accepted = {c.split(";")[0].strip() for c in req.headers.get("accept-encoding", "").split(",")}
    if req.arg("always") or "br" in accepted:
        return Response(body=brotli.compress(page), headers=[("Content-Encoding", "br")])
    return Response(body=gzip.compress(page), headers=[("Content-Encoding", "gzip")])


@route("/crawl/coded/")
def coded_page(req: Request) -> Response:
    """An ordinary page in two zstd frames (/crawl/coded/zstd-frames) or two gzip members
    (/crawl/coded/gzip-members), as RFC 8878 and RFC 1952 allow, whatever was asked."""
    page = article_html("Coded statement", [STATEMENT] + LIVE_PARAGRAPHS).encode()
    halves = page[:len(page) // 2], page[len(page) // 2:]
    if req.path.endswith("/zstd-frames"):
        return Response(body=b"".join(zstd.compress(half) for half in halves), headers=[("Content-Encoding", "zstd")])
    return Response(body=b"".join(gzip.compress(half) for half in halves), headers=[("Content-Encoding", "gzip")])


@route("/crawl/loop-a")
def loop_a(req: Request) -> Response:
    return Response(302, b"", headers=[("Location", "/crawl/loop-b")])


@route("/crawl/loop-b")
def loop_b(req: Request) -> Response:
    return Response(302, b"", headers=[("Location", "/crawl/loop-a")])


@route("/crawl/page-non-trouvee")
def french_404(req: Request) -> Response:
    return Response(200, ("<html lang=fr><head><title>Page non trouvée</title></head><body><h1>Page non trouvée</h1>"
                          "<p>La page que vous recherchez n'existe pas ou a été déplacée.</p></body></html>").encode())


@route("/crawl/old-report")
def to_error_url(req: Request) -> Response:
    return Response(302, b"", headers=[("Location", "/crawl/errors/notfound.html")])


@route("/crawl/errors/notfound.html")
def error_url(req: Request) -> Response:
    return _page("Ministry of Foreign Affairs", ["Oops. Try the search box or the menu above to find what you need."])


@route("/crawl/login-only")
def login_only(req: Request) -> Response:
    return Response(200, (b"<html><head><title>Members</title></head><body><h2>Log in to continue</h2>"
                          b'<form action="/login" method="post"><input name="user"><input type="password" name="pw">'
                          b"<button>Log in</button></form></body></html>"))


@route("/crawl/members-area")
def to_login(req: Request) -> Response:
    return Response(302, b"", headers=[("Location", "/login?next=/crawl/members-area")])


@route("/login")
def login_page(req: Request) -> Response:
    return Response(200, b"<html><head><title>Sign in</title></head><body><form><input type=password></form></body></html>")


@route("/crawl/slow/")
def slow(req: Request) -> Response:
    """An article that takes `ms` milliseconds to answer (a crawl long enough to be killed).
    With `hurry=<key>`, it answers at once after /_control/set?hurry:<key>=1: a test that
    needs its crawl slow only until it has killed or stopped a process lets the rest finish
    without waiting out every page (tests/test_distributed.py `hurry`)."""
    hurry = req.arg("hurry")
    if not (hurry and STATE.get(f"hurry:{hurry}")):
        time.sleep(int(req.arg("ms", "300")) / 1000)
    return _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS[:5])


@route("/crawl/private/")
def private(req: Request) -> Response:
    """Forbidden by robots.txt: the crawler must never ask for it."""
    STATE.count(f"private-fetched:{req.path}")
    return _page("Private", ["This must not be fetched."])


# --- hostile bodies ------------------------------------------------------------------


@route("/crawl/invalid-utf8")
def invalid_utf8(req: Request) -> Response:
    body = article_html("Déclaration du ministère", [STATEMENT, "Le ministère appelle à un cessez-le-feu immédiat."]
                        + LIVE_PARAGRAPHS[:4]).encode("utf-8")
    return Response(200, body.replace(b"</h1>", b"\xff\xfe broken \xc3</h1>", 1))


@route("/crawl/wrong-charset")
def wrong_charset(req: Request) -> Response:
    """UTF-8 bytes declared as ISO-8859-1."""
    body = article_html("Déclaration du ministère", ["Le ministère appelle à un cessez-le-feu immédiat et général."]
                        + LIVE_PARAGRAPHS[:4]).replace('<meta charset="utf-8">', "").encode("utf-8")
    return Response(200, body, content_type="text/html; charset=iso-8859-1")


@route("/crawl/latin1-as-utf8")
def latin1_as_utf8(req: Request) -> Response:
    """Windows-1252 bytes declared as UTF-8."""
    body = article_html("Déclaration du ministère", ["Le ministère appelle à un cessez-le-feu immédiat et général."]
                        + LIVE_PARAGRAPHS[:4]).encode("cp1252")
    return Response(200, body)


@route("/crawl/malformed")
def malformed(req: Request) -> Response:
    body = ("<html><head><title>Broken <b>markup</title><body><div><p>" + STATEMENT + "<p><table><tr><td>"
            + " ".join(LIVE_PARAGRAPHS[:3]) + "</div></span></html><<<>>> <p unclosed=\"")
    return Response(200, body.encode())


@route("/crawl/corrupt.pdf")
def corrupt_pdf(req: Request) -> Response:
    return Response(200, b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage" + bytes(range(256)),
                    content_type="application/pdf")


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (hand-built, with a correct xref)."""
    text = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@route("/crawl/statement.pdf")
def statement_pdf(req: Request) -> Response:
    return Response(200, simple_pdf(["The Ministry calls upon all parties to observe an immediate",
                                         "global ceasefire and rejects the illegiti-", "mate annexation."]),
                    content_type="application/pdf")


@route("/crawl/binary")
def binary(req: Request) -> Response:
    return Response(200, bytes(random.Random(7).getrandbits(8) for _ in range(4096)), content_type="application/octet-stream")


# --- bot walls, rate limits, picky servers (issue 11) --------------------------------


@route("/crawl/cloudflare")
def cloudflare(req: Request) -> Response:
    return Response(403, (b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                          b"<div id=challenge-body>Enable JavaScript and cookies to continue</div>"
                          b"<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\"></script></body></html>"),
                    headers=[("cf-mitigated", "challenge"), ("Server", "cloudflare"), ("cf-ray", "8a1b2c3d4e5f-AMS")])


@route("/crawl/cloudflare-normal")
def cloudflare_normal(req: Request) -> Response:
    """A normal page served through Cloudflare: server and cf-ray alone are not a wall."""
    return Response(200, article_html("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS).encode(),
                    headers=[("Server", "cloudflare"), ("cf-ray", "8a1b2c3d4e5f-AMS")])


@route("/crawl/akamai")
def akamai(req: Request) -> Response:
    return Response(403, (b"<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>"
                          b"You don't have permission to access this page on this server.<P>"
                          b"Reference&#32;#18.6d3c1402.1712345678.1a2b3c4d</BODY></HTML>"),
                    headers=[("Server", "AkamaiGHost")])


@route("/crawl/akamai-tarpit")
def akamai_tarpit(req: Request) -> Response:
    """Akamai's wall to the citewatch User-Agent; to a browser, no answer in `hold` seconds (a tarpit)."""
    if "citewatch" in req.headers.get("user-agent", "").lower():
        return akamai(req)
    return silent(req)


@route("/crawl/moved-to-silence")
def moved_to_silence(req: Request) -> Response:
    """A 301 to a page that never answers within `hold` seconds."""
    return Response(301, b"", headers=[("Location", f"/crawl/silent?hold={req.arg('hold', '2')}")])


@route("/crawl/silent")
def silent(req: Request) -> Response:
    """No answer (not even a status line) in `hold` seconds."""
    time.sleep(float(req.arg("hold", "2")))
    return Response(504, b"gave up", content_type="text/plain")


@route("/crawl/rate-then-silent")
def rate_then_silent(req: Request) -> Response:
    """429 with a short Retry-After; after that, no answer in `hold` seconds."""
    if _attempt(req, "rate-then-silent") == 1:
        return Response(429, b"Too Many Requests", headers=[("Retry-After", "0")], content_type="text/plain")
    return silent(req)


@route("/crawl/ua-picky")
def ua_picky(req: Request) -> Response:
    """Refuses the citewatch User-Agent (setting a cookie); serves a browser that sends it back."""
    agent = req.headers.get("user-agent", "")
    if "citewatch" in agent.lower():
        return Response(403, b"<html><body><h1>Forbidden</h1></body></html>", headers=[("Set-Cookie", "visited=1; Path=/")])
    if "visited=1" not in req.headers.get("cookie", ""):
        return Response(403, b"<html><body><h1>Forbidden: no cookie</h1></body></html>")
    return _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS)


@route("/crawl/linkedin")
def linkedin(req: Request) -> Response:
    return Response(999, b"<html><body></body></html>")


@route("/crawl/rate-limited")
def rate_limited(req: Request) -> Response:
    """429 with a Retry-After far beyond any cap."""
    return Response(429, b"Too Many Requests", headers=[("Retry-After", req.arg("after", "3600"))], content_type="text/plain")


@route("/crawl/rate-once")
def rate_once(req: Request) -> Response:
    """429 with a short Retry-After, then the page."""
    if _attempt(req, "rate-once") == 1:
        return Response(429, b"Too Many Requests", headers=[("Retry-After", "0")], content_type="text/plain")
    return _page("Statement on the ceasefire", [STATEMENT] + LIVE_PARAGRAPHS)


@route("/crawl/rate-no-header")
def rate_no_header(req: Request) -> Response:
    """429 without Retry-After, every time."""
    _attempt(req, "rate-no-header")
    return Response(429, b"Too Many Requests", content_type="text/plain")


# --- benchmark articles ------------------------------------------------------------


@route("/crawl/article/")
def bench_article(req: Request) -> Response:
    """Article n: 30-80 KB of HTML, the same bytes for the same n."""
    return Response(200, _bench_body(int(req.path.rsplit("/", 1)[1] or 0)))


@functools.lru_cache(maxsize=4096)
def _bench_body(n: int) -> bytes:
    """Made once per n, so that the server's own work stays small in the benchmark."""
    size = random.Random(n).randint(28_000, 76_000)
    return article_html(f"Statement number {n}", article_text(n, size)).encode()
