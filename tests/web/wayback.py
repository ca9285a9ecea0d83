"""The test web's Wayback-compatible archive, on its own site ("archive").

It answers as the Wayback Machine's documented APIs do, and exactly as waybackpy 3.0.6
calls and reads them:

- availability  GET /wayback/available?url=&timestamp=
- CDX           GET /cdx/search/cdx  (output=json, fl, from/to, matchType incl. prefix
                and a trailing *, filter incl. negation, collapse, limit incl. negative,
                showResumeKey/resumeKey, sort=closest; duplicate rows are kept)
- replay        GET /web/<ts>/<url> (with a banner) and /web/<ts>id_/<url> (raw bytes),
                302 from an inexact timestamp to the closest memento (a short one, /web/2020/,
                read as the end of its period, as pywb and the Wayback Machine read it), Memento headers;
                a revisit record (status "-") is replayed with the status, headers and bytes
                of the capture it revisits, under its own Memento-Datetime
- save          GET /save/<url> (anonymous, as waybackpy calls it)
- SPN2          POST /save, GET /save/status/<job_id>, GET /save/status/user

A base URL may carry a namespace, `<archive>/ns/<name>`: a test that points
`wayback_url` there gets its own toggles and counters, so tests never see each
other's state.  Toggles are STATE values named `wayback.<ns>.<key>` (set them with
/_control/set); counters are `<ns>:<endpoint>` (every request), `<ns>:save-requests` (every capture
request, anonymous or SPN2, refused ones included) and `<ns>:captured:<url>`.

Toggles (`<endpoint>` is available, cdx, save, spn2 or replay):
  <endpoint>.429=N            the next N requests answer 429 (Retry-After: <endpoint>.retry_after, default 1)
  <endpoint>.503=N            the next N requests answer 503
  <endpoint>.slow=S           answer after S seconds
  <endpoint>.hang=S           never answer (hold the connection S seconds, then drop it)
  <endpoint>.redirect=URL     answer 302 to URL (a hostile or hijacked archive sending its clients on)
  availability.empty=1        availability answers empty while the CDX has captures
  cdx.503_from=<timestamp>    CDX queries for captures from that moment on (their `from`) answer 503:
                              the archive failing for the later searches only
  cdx.flood=MB                CDX queries answer MB megabytes of rows, whatever their `limit` asked (an
                              archive that ignores it), streamed
  cdx.empty=1                 CDX queries answer no captures: the archive answering, with nothing
                              (captures excluded or taken down since an earlier run read them)
  blocked=<host>              the host is excluded: CDX answers 403 as the real one does
  save.523=N                  the next N anonymous saves record the capture, then answer 523 (as SAVE_523)
  spn2.error=<status_ext>     POST /save answers 200 with that error and no job_id
  spn2.polls=N                a job stays pending for N status polls (default 1)
  spn2.available=N            /save/status/user answers N captures left today (default 10)
A request that arrives before a Retry-After has passed is counted in `<ns>:violations`;
one to any endpoint before any endpoint's Retry-After has passed (it holds for the whole
host) in `<ns>:host-violations`.

A capture's original may be written "{main}/path": it is served as that test-web site's
URL (ports are only known once the sites start), so crawl fixtures can have mementos.
A capture's `id_coding` makes its raw (id_) replay lie about the body's coding, as the
real archive's does (tests/web/archive_store.py); the banner replay stays truthful.

Fixed quirks by URL (the fixtures below): a save of a URL in SAVE_523 records the
capture and answers 523; one in SAVE_FAILS answers 502 and captures nothing; an SPN2
job for a URL in SPN2_JOB_ERRORS ends in that error.
"""

from __future__ import annotations

import base64
import calendar
import dataclasses
import datetime
import gzip
import hashlib
import json
import re
import threading
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.web.archive_store import Capture, add_capture, captures
from tests.web.server import STATE, Request, Response, route

FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
BLOCKED_BODY = (
    "org.archive.util.io.RuntimeIOException: org.archive.wayback.exception."
    "AdministrativeAccessControlException: Blocked Site Error\n"
)
ENDPOINTS = ("available", "cdx", "replay", "save", "spn2")
SAVE_523 = {"https://flaky-spn.example/statement"}
SAVE_FAILS = {"https://never-saves.example/statement"}
SPN2_JOB_ERRORS = {"https://spn2-refused.example/statement": "error:connection-refused"}
CODING_POST_ID = "1244957613880246272"   # @CodingMFA, 2020-03-31 12:00 UTC: a post whose raw replay lies

_JOBS: dict[str, dict] = {}
_JOBS_LOCK = threading.Lock()


# ---------------------------------------------------------------- fixtures (captures)

def _page(title: str, text: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"


def _fixtures() -> None:
    """Captures the archive tests look up: each documents the case it stands for."""
    # H3llBot's rule: 2020-01-15 (before, within 3 months) wins over the nearer 2020-04-02.
    url = "https://gov.example/statement-1"
    for ts in ("20190601120000", "20200115090000", "20200402100000"):
        add_capture(url, ts, _page("Statement 1", f"Statement of the Ministry, captured {ts}."))
    add_capture(url, "20200115090000", _page("Statement 1", "Statement of the Ministry, captured 20200115090000."))  # duplicate row
    # Only captures after the citation date: the first after is chosen.
    for ts in ("20200610000000", "20200501000000"):
        add_capture("https://gov.example/late-only", ts, _page("Late", f"Captured {ts}."))
    # The availability API answers empty for this one (toggle availability.empty) while the CDX has it.
    add_capture("https://gov.example/avail-blind", "20200320000000", _page("Blind", "Archived, yet availability is silent."))
    # The nearest memento redirects to a 404 page; the next nearest is good.
    rotten = "https://gov.example/moved-away"
    add_capture(rotten, "20200330000000", b"", status=302,
                headers=[("Location", "https://gov.example/404.html")])
    add_capture("https://gov.example/404.html", "20200330000000",
                _page("404 Not Found", "The page you requested was not found."), status=404)
    add_capture(rotten, "20200301000000", _page("Moved away", "The original statement text, kept by the archive."))
    # Captured long ago, once: a scheduled run asks for a new capture (used by one test only).
    add_capture("https://gov.example/captured-long-ago", "20200101000000", _page("Old", "Captured in 2020."))
    # The nearest memento of a deep page redirects to the site's home page: rot, not a rescue.
    deep = "https://gov.example/news/2020/deep-statement"
    add_capture(deep, "20200328000000", b"", status=301, headers=[("Location", "https://gov.example/")])
    add_capture("https://gov.example/", "20200328000000", _page("Government portal", "Welcome to the portal."))
    add_capture(deep, "20200215000000", _page("Deep statement", "The deep statement as it was published."))
    # A bare citation date is the whole day: the capture made that evening is at the date and
    # beats one 76 days earlier (tests/test_memento_choice.py).
    add_capture("https://gov.example/same-day", "20200115120000", _page("Same day", "The January version."))
    add_capture("https://gov.example/same-day", "20200331180000", _page("Same day", "The citation day's version."))
    # An unchanged page is mostly captured as a revisit record (statuscode "-"): a memento too.
    add_capture("https://gov.example/unchanged", "20190101000000", _page("Unchanged", "The page as captured in 2019."))
    add_capture("https://gov.example/unchanged", "20200330000000", b"", status="-", mimetype="warc/revisit")
    # Pages of the crawl fixtures ("{main}" is the main site's base URL), as they stood when cited:
    # one gone today (410), one still live (so reconcile can compare the two texts).
    add_capture("{main}/crawl/status/410", "20200325000000",
                _page("Statement on the ceasefire", "The statement as it stood on the day it was cited."))
    add_capture("{main}/crawl/live", "20200320000000",
                _page("Statement on the ceasefire", "The statement as the archive kept it in March 2020."))
    # Raw replays whose coding lies (tests/test_memento_encoding.py): labelled gzip, br or
    # deflate over the plain bytes, and gzip bytes with no label; a tweet capture labelled gzip.
    for quirk in ("label:gzip", "label:br", "label:deflate", "unlabelled-gzip"):
        name = quirk.replace(":", "-")
        add_capture(f"https://coding.example/{name}", "20200301000000",
                    _page(f"Coding {name}", f"The archived statement served {name} kept its words."), id_coding=quirk)
    # plain text labelled br whose first bytes Brotli takes without error (tests/test_warc_codings.py)
    add_capture("https://coding.example/label-br-lorem", "20200301000000",
                "Lorem ipsum dolor sit amet. " * 100, mimetype="text/plain", id_coding="label:br")
    add_capture(f"https://twitter.com/CodingMFA/status/{CODING_POST_ID}", "20200331121500",
                '<html><head><meta property="og:site_name" content="Twitter">'
                '<meta property="og:description" content="“The archived post served label-gzip kept its words.”">'
                '<title>Coding MFA on Twitter</title></head><body></body></html>', id_coding="label:gzip")
    # Rescue (tests/test_rescue_faults.py): a good memento to replay through the archive's faults;
    # captures of redirects whose target the archive holds only from 2023 (an older good capture
    # beside it), from two days later, or as a 503 the site answered when captured.
    site = "https://rescue.example"
    add_capture(f"{site}/replay-fault", "20200325000000", _page("Replay fault", "The statement the archive keeps through its faults."))
    add_capture(f"{site}/old-path", "20200330000000", b"", status=302, headers=[("Location", f"{site}/new-path")])
    add_capture(f"{site}/new-path", "20230601000000", _page("New path", "The 2023 text, written three years after the citation."))
    add_capture(f"{site}/old-path", "20200210000000", _page("Old path", "The statement at its old path, as it was cited."))
    add_capture(f"{site}/renamed", "20200330000000", b"", status=302, headers=[("Location", f"{site}/renamed-page")])
    add_capture(f"{site}/renamed-page", "20200401000000", _page("Renamed", "The statement under its new name, two days on."))
    add_capture(f"{site}/walled", "20200325000000", _page("Just a moment...", "Checking your browser before accessing."))
    add_capture(f"{site}/failed-when-captured", "20200330000000", b"", status=302, headers=[("Location", f"{site}/overloaded")])
    add_capture(f"{site}/overloaded", "20200330000000", _page("Service Unavailable", "The site was overloaded."), status=503)
    add_capture(f"{site}/failed-when-captured", "20200301000000", _page("Failed", "The statement before the site failed."))
    # the same, its 503's raw replay labelled br over plain bytes (tests/test_warc_codings.py)
    add_capture(f"{site}/failed-br", "20200330000000", b"", status=302, headers=[("Location", f"{site}/overloaded-br")])
    add_capture(f"{site}/overloaded-br", "20200330000000", _page("Service Unavailable", "The site was overloaded."),
                status=503, id_coding="label:br")
    add_capture(f"{site}/failed-br", "20200301000000", _page("Failed", "The statement before the site failed."))
    # two redirect captures to one capture of the target: 136 days on (off-date), then 5 days on (a rescue)
    add_capture(f"{site}/moved-twice", "20200301000000", b"", status=302, headers=[("Location", f"{site}/moved-here")])
    add_capture(f"{site}/moved-twice", "20200710000000", b"", status=302, headers=[("Location", f"{site}/moved-here")])
    add_capture(f"{site}/moved-here", "20200715000000", _page("Moved", "The crossing stays open to civilian traffic all summer."))


_fixtures()


# ---------------------------------------------------------------- helpers

def surt(url: str) -> str:
    """The CDX urlkey: host reversed without www, then path and query, lower-cased."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    if parts.port and parts.port not in (80, 443):
        labels[-1] = f"{labels[-1]}:{parts.port}"
    key = ",".join(reversed(labels)) + ")" + (parts.path or "/").lower()
    if key.endswith("/") and len(parts.path) > 1:
        key = key[:-1]
    if parts.query:
        key += "?" + parts.query.lower()
    return key


def _pad(ts: str, high: bool = False) -> str:
    """A 1-14 digit timestamp as 14 digits (low or high end of what it denotes)."""
    ts = re.sub(r"\D", "", ts or "")[:14]
    if high:
        return ts + "99991231235959"[len(ts):]
    return ts + "00000101000000"[len(ts):]


def _seconds(ts: str) -> float:
    """Seconds since the epoch of a (possibly partial) timestamp; an impossible day counts as the 1st."""
    ts = _pad(ts)
    for text in (ts, ts[:6] + "01000000"):
        try:
            moment = datetime.datetime.strptime(text, "%Y%m%d%H%M%S")
            return moment.replace(tzinfo=datetime.timezone.utc).timestamp()
        except ValueError:
            continue
    return 0.0


def _period_end(ts: str) -> float:
    """Seconds since the epoch of the last second a (possibly partial) timestamp names: the
    Wayback software pads a short one up (pywb's timestamp_to_datetime: "2020" is
    2020-12-31 23:59:59, "202002" the 29th's last second, "2" the year 2999: the latest
    capture), so /web/2020/ replays the capture closest to the end of 2020."""
    ts = _pad(ts, high=True)
    year, month = int(ts[:4]), min(max(int(ts[4:6]), 1), 12)
    day = min(max(int(ts[6:8]), 1), calendar.monthrange(year, month)[1])
    moment = datetime.datetime(year, month, day, min(int(ts[8:10]), 23), min(int(ts[10:12]), 59),
                               min(int(ts[12:14]), 59), tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def _digest(body: bytes) -> str:
    return base64.b32encode(hashlib.sha1(body).digest()).decode()


def _revisited(capture: Capture, same_url: list[Capture]) -> Capture | None:
    """The capture whose payload a revisit record (status "-") repeats: the newest earlier
    capture of its URL with a status of its own (the real archive finds it by digest).
    Any other capture is its own payload; None when the revisited capture is missing."""
    if capture.status != "-":
        return capture
    earlier = [c for c in same_url if c.status != "-" and c.timestamp < capture.timestamp]
    return max(earlier, key=lambda c: c.timestamp, default=None)


def _row(capture: Capture) -> dict[str, str]:
    return {
        "urlkey": surt(capture.original),
        "timestamp": capture.timestamp,
        "original": capture.original,
        "mimetype": capture.mimetype,
        "statuscode": str(capture.status),
        "digest": _digest(capture.body),
        "length": str(len(capture.body)),
    }


def _split_ns(path: str) -> tuple[str, str]:
    """('name', '/rest') for /ns/name/rest; ('', path) otherwise."""
    match = re.match(r"^/ns/([^/]+)(/.*)?$", path)
    if match:
        return match.group(1), match.group(2) or "/"
    return "", path


def _toggle(ns: str, key: str) -> str | None:
    return STATE.get(f"wayback.{ns}.{key}")


def _take(ns: str, key: str) -> bool:
    """Consume one unit of a counting toggle (e.g. cdx.429=2); True while any remain."""
    name = f"wayback.{ns}.{key}"
    with STATE.lock:
        left = int(STATE.values.get(name) or 0)
        if left <= 0:
            return False
        STATE.values[name] = str(left - 1)
        return True


def _raw_target(req: Request, rest: str) -> str:
    """The URL after /save/ or /web/<ts>/, with its query string put back."""
    target = rest
    if req.query:
        target += "?" + urlencode(req.query, doseq=True)
    # A client may have collapsed "https://" to "https:/" in a path.
    return re.sub(r"^(https?:)/(?!/)", r"\1//", target)


def _captures(req: Request) -> list[Capture]:
    """The store, with originals written "{main}/path" placed on that test-web site's base URL."""
    return [dataclasses.replace(c, original=c.original.format_map(req.sites)) if c.original.startswith("{") else c
            for c in captures()]


def _matching(req: Request, url: str) -> list[Capture]:
    key = surt(url)
    return [c for c in _captures(req) if surt(c.original) == key]


def _now_ts() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")


def _json(data, status: int = 200, headers=None) -> Response:
    return Response(status, json.dumps(data).encode(), headers or [], content_type="application/json")


# ---------------------------------------------------------------- gate: limits and faults

def _gate(ns: str, endpoint: str) -> Response | None:
    """Count the request, check Retry-After manners, and apply the endpoint's fault toggles."""
    STATE.count(f"{ns}:{endpoint}")
    until = float(_toggle(ns, f"{endpoint}.blocked_until") or 0)
    if time.time() < until:
        STATE.count(f"{ns}:violations")
    if time.time() < max(float(_toggle(ns, f"{other}.blocked_until") or 0) for other in ENDPOINTS):
        STATE.count(f"{ns}:host-violations")
    if _take(ns, f"{endpoint}.429"):
        retry_after = _toggle(ns, f"{endpoint}.retry_after") or "1"
        with STATE.lock:
            STATE.values[f"wayback.{ns}.{endpoint}.blocked_until"] = str(time.time() + float(retry_after))
        return Response(429, b"<html><body><h1>429 Too Many Requests</h1></body></html>",
                        [("Retry-After", retry_after)])
    if _take(ns, f"{endpoint}.503"):
        return Response(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>")
    hang = _toggle(ns, f"{endpoint}.hang")
    if hang:
        time.sleep(float(hang))
        return Response(504, b"gave up", content_type="text/plain")
    slow = _toggle(ns, f"{endpoint}.slow")
    if slow:
        time.sleep(float(slow))
    redirect = _toggle(ns, f"{endpoint}.redirect")
    if redirect:
        return Response(302, b"", [("Location", redirect)])
    return None


# ---------------------------------------------------------------- availability

def available(req: Request, ns: str, prefix: str) -> Response:
    url = req.arg("url", "")
    answer = {"url": url, "archived_snapshots": {}}
    if url and not _toggle(ns, "availability.empty"):
        # a revisit record (status "-") names no status of its own: the API does not report it here
        good = [c for c in _matching(req, url) if isinstance(c.status, int) and 200 <= c.status < 400]
        if good:
            target = _seconds(req.arg("timestamp") or _now_ts())
            best = min(good, key=lambda c: (abs(_seconds(c.timestamp) - target), c.timestamp))
            answer["archived_snapshots"]["closest"] = {
                "status": str(best.status),
                "available": True,
                "url": f"{req.base}{prefix}/web/{best.timestamp}/{best.original}",
                "timestamp": best.timestamp,
            }
    if req.arg("callback"):
        return Response(body=f"{req.arg('callback')}({json.dumps(answer)})".encode(), content_type="text/javascript")
    return _json(answer)


# ---------------------------------------------------------------- CDX

def _cdx_select(req: Request) -> list[dict[str, str]]:
    """Rows for the query, in urlkey/timestamp order, before limit and resume keys."""
    url = req.arg("url", "")
    match_type = req.arg("matchType", "exact")
    if url.endswith("*"):
        url, match_type = url[:-1], "prefix"
    key = surt(url)
    host_key = key.split(")", 1)[0]
    rows = []
    for capture in _captures(req):
        row = _row(capture)
        ukey = row["urlkey"]
        uhost = ukey.split(")", 1)[0]
        if match_type == "exact" and ukey != key:
            continue
        if match_type == "prefix" and not ukey.startswith(key.rstrip("/") if key.endswith(")/") else key):
            continue
        if match_type == "host" and uhost != host_key:
            continue
        if match_type == "domain" and not (uhost == host_key or uhost.startswith(host_key + ",")):
            continue
        rows.append(row)
    low, high = _pad(req.arg("from", "0")), _pad(req.arg("to", "9"), high=True)
    rows = [r for r in rows if low <= r["timestamp"] <= high]
    for spec in req.query.get("filter", []):
        negate = spec.startswith("!")
        field, _, pattern = spec.lstrip("!").partition(":")
        rows = [r for r in rows if bool(re.fullmatch(pattern, r.get(field, ""))) != negate]
    rows.sort(key=lambda r: (r["urlkey"], r["timestamp"]))
    if req.arg("sort") == "closest" and req.arg("closest"):
        target = _seconds(req.arg("closest"))
        rows.sort(key=lambda r: abs(_seconds(r["timestamp"]) - target))
    elif req.arg("sort") == "reverse":
        rows.reverse()
    for spec in req.query.get("collapse", []):
        field, _, width = spec.partition(":")
        collapsed, last = [], object()
        for row in rows:
            value = row.get(field, "")[: int(width)] if width else row.get(field, "")
            if value != last:
                collapsed.append(row)
            last = value
        rows = collapsed
    return rows


def _cdx_flood(megabytes: int) -> Response:
    """`megabytes` of one capture's row over and over, with no Content-Length: the CDX of an
    archive that ignores the query's row limit."""
    row = b"org,example)/ 20200101000000 https://example.org/ text/html 200 AAAA 1234\n"
    block = row * (2 ** 20 // len(row))
    return Response(body=(block for _ in range(megabytes)), length=False, content_type="text/plain")


def cdx(req: Request, ns: str, prefix: str) -> Response:
    url = req.arg("url", "")
    blocked = _toggle(ns, "blocked")
    if blocked and blocked in url:
        return Response(403, BLOCKED_BODY.encode(), [("X-Archive-Wayback-Runtime-Error", "AdministrativeAccessControlException: Blocked Site Error")], content_type="text/plain")
    failing_from = _toggle(ns, "cdx.503_from")
    if failing_from and _pad(req.arg("from", "0")) >= _pad(failing_from):
        return Response(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>")
    if _toggle(ns, "cdx.flood"):
        return _cdx_flood(int(_toggle(ns, "cdx.flood")))
    rows = [] if _toggle(ns, "cdx.empty") else _cdx_select(req)
    start = int(req.arg("resumeKey") or 0) if (req.arg("resumeKey") or "").isdigit() else 0
    rows = rows[start:]
    limit = int(req.arg("limit") or 0)
    resume = None
    if limit < 0:
        rows = rows[limit:]
    elif limit > 0:
        if len(rows) > limit and req.arg("showResumeKey") == "true":
            resume = str(start + limit)
        rows = rows[:limit]
    fields = [f for f in (req.arg("fl") or ",".join(FIELDS)).split(",") if f]
    if req.arg("output") == "json":
        table = [fields] + [[r[f] for f in fields] for r in rows] if rows else []
        if resume:
            table += [[], [resume]]
        return _json(table)
    lines = [" ".join(r[f] for f in fields) for r in rows]
    if resume:
        lines += ["", resume]
    return Response(body=("\n".join(lines) + ("\n" if lines else "")).encode(), content_type="text/plain")


# ---------------------------------------------------------------- replay

def _memento_headers(capture: Capture, base: str) -> list[tuple[str, str]]:
    moment = datetime.datetime.strptime(capture.timestamp, "%Y%m%d%H%M%S")
    http_date = moment.strftime("%a, %d %b %Y %H:%M:%S GMT")
    link = (
        f'<{capture.original}>; rel="original", '
        f'<{base}/web/timemap/link/{capture.original}>; rel="timemap"; type="application/link-format", '
        f'<{base}/web/{capture.original}>; rel="timegate", '
        f'<{base}/web/{capture.timestamp}/{capture.original}>; rel="memento"; datetime="{http_date}"'
    )
    return [("Memento-Datetime", http_date), ("Link", link)]


def replay(req: Request, ns: str, prefix: str, rest: str) -> Response:
    match = re.match(r"^/web/(\d{1,14})([a-z]{2}_)?/(.+)$", rest)
    if not match:
        return Response(404, b"<html><body>Wayback: not a replay URL</body></html>")
    stamp, modifier, target = match.group(1), match.group(2) or "", _raw_target(req, match.group(3))
    found = _matching(req, target)
    if not found:
        return Response(404, b"<html><head><title>Wayback Machine</title></head><body>"
                             b"<p>The Wayback Machine has not archived that URL.</p></body></html>")
    wanted = _seconds(stamp) if len(stamp) == 14 else _period_end(stamp)
    capture = min(found, key=lambda c: (abs(_seconds(c.timestamp) - wanted), c.timestamp))
    base = req.base + prefix
    if capture.timestamp != stamp:
        return Response(302, b"", [("Location", f"{base}/web/{capture.timestamp}{modifier}/{capture.original}")])
    payload = _revisited(capture, found)
    if payload is None:
        return Response(404, b"<html><head><title>Wayback Machine</title></head><body>"
                             b"<p>The capture this one revisits is missing.</p></body></html>")
    headers = _memento_headers(capture, base)
    for name, value in payload.headers:
        if name.lower() == "location":
            value = f"{base}/web/{capture.timestamp}{modifier}/{value}"
        headers.append((name, value))
    body = payload.body
    if modifier == "id_" and payload.id_coding:
        body, headers = _misstated_coding(payload.id_coding, body, headers)
    if not modifier and payload.mimetype == "text/html":
        body = body.replace(b"<body>", b"<body><!-- BEGIN WAYBACK TOOLBAR INSERT --><div id=\"wm-ipp\">"
                                       b"Wayback Machine</div><!-- END WAYBACK TOOLBAR INSERT -->", 1)
    return Response(payload.status, body, headers, content_type=payload.mimetype)


def _misstated_coding(quirk: str, body: bytes, headers: list[tuple[str, str]]) -> tuple[bytes, list[tuple[str, str]]]:
    """The body and headers of a raw replay that lies about its coding (Capture.id_coding)."""
    if quirk == "unlabelled-gzip":
        return gzip.compress(body, mtime=0), headers
    return body, headers + [("Content-Encoding", quirk.removeprefix("label:"))]


# ---------------------------------------------------------------- save (anonymous, as waybackpy calls it)

def save_anonymous(req: Request, ns: str, prefix: str, target: str) -> Response:
    """GET /save/<url>: capture now; the memento URL comes back in Content-Location and Link."""
    if target in SAVE_FAILS:
        return Response(502, b"<html><body>Job failed</body></html>")
    ts = _now_ts()
    STATE.count(f"{ns}:captured:{target}")
    capture = add_capture(target, ts, _page("Captured", f"Capture of {target} at {ts}."))
    if target in SAVE_523 or _take(ns, "save.523"):
        return Response(523, b"<html><body>Origin is unreachable</body></html>")
    # waybackpy 3.0.6 does not find Content-Location (its regex runs over the dict's repr);
    # it reads the Link after rel="memento" naming web.archive.org, as the real one sends.
    ia = "https://web.archive.org"
    moment = datetime.datetime.strptime(ts, "%Y%m%d%H%M%S").strftime("%a, %d %b %Y %H:%M:%S GMT")
    link = (f'<{target}>; rel="original", <{ia}/web/{ts}/{target}>; rel="memento"; datetime="{moment}", '
            f'<{ia}/web/{ts}/{target}>; rel="last memento"; datetime="{moment}"')
    headers = [("Content-Location", f"/web/{ts}/{target}"), ("Link", link)]
    return Response(200, capture.body, headers)


# ---------------------------------------------------------------- Save Page Now 2

def spn2_submit(req: Request, ns: str) -> Response:
    auth = req.headers.get("authorization", "")
    if not re.fullmatch(r"LOW [^:\s]+:\S+", auth):
        return _json({"message": "You need to be logged in to use Save Page Now.", "status": "error",
                      "status_ext": "error:unauthorized"}, status=401)
    url = (parse_qs(req.body.decode()).get("url") or [""])[0]
    error = _toggle(ns, "spn2.error")
    if error:
        return _json({"status": "error", "status_ext": error, "message": f"Save Page Now refused: {error}"})
    ts = _now_ts()
    job_id = "spn2-" + uuid.uuid4().hex
    if url not in SPN2_JOB_ERRORS:
        STATE.count(f"{ns}:captured:{url}")
        add_capture(url, ts, _page("Captured", f"SPN2 capture of {url} at {ts}."))
    with _JOBS_LOCK:
        _JOBS[job_id] = {"url": url, "ts": ts, "polls": int(_toggle(ns, "spn2.polls") or 1)}
    return _json({"url": url, "job_id": job_id})


def spn2_status(req: Request, ns: str, job_id: str) -> Response:
    if job_id == "user":
        return _json({"available": int(_toggle(ns, "spn2.available") or 10), "processing": 0})
    with _JOBS_LOCK:
        job = _JOBS.get(job_id)
        if job is None:
            return _json({"status": "error", "status_ext": "error:not-found", "message": "No such job."})
        job["polls"] -= 1
        pending = job["polls"] >= 0
    if pending:
        return _json({"status": "pending", "job_id": job_id, "resources": []})
    if job["url"] in SPN2_JOB_ERRORS:
        return _json({"status": "error", "status_ext": SPN2_JOB_ERRORS[job["url"]], "job_id": job_id,
                      "message": "Couldn't resolve host for the URL."})
    return _json({"status": "success", "job_id": job_id, "original_url": job["url"], "timestamp": job["ts"],
                  "duration_sec": 0.1, "http_status": 200})


# ---------------------------------------------------------------- dispatch

def _endpoint(method: str, rest: str) -> str:
    if rest.startswith("/wayback/available"):
        return "available"
    if rest.startswith("/cdx/search/cdx"):
        return "cdx"
    if rest.startswith("/web/"):
        return "replay"
    if rest.startswith("/save/status/") or (rest.rstrip("/") == "/save" and method == "POST"):
        return "spn2"
    if rest.startswith("/save/"):
        return "save"
    return ""


@route("/", site="archive")
def archive(req: Request) -> Response:
    """Every path of the archive site, with or without a /ns/<name> namespace."""
    ns, rest = _split_ns(req.path)
    prefix = f"/ns/{ns}" if ns else ""
    endpoint = _endpoint(req.method, rest)
    if not endpoint:
        return Response(404, b"<html><body>Not a Wayback endpoint</body></html>")
    if endpoint == "save" or (endpoint == "spn2" and req.method == "POST"):
        STATE.count(f"{ns}:save-requests")
    fault = _gate(ns, endpoint)
    if fault is not None:
        return fault
    if endpoint == "available":
        return available(req, ns, prefix)
    if endpoint == "cdx":
        return cdx(req, ns, prefix)
    if endpoint == "replay":
        return replay(req, ns, prefix, rest)
    if endpoint == "save":
        return save_anonymous(req, ns, prefix, _raw_target(req, rest[len("/save/"):]))
    if rest.startswith("/save/status/"):
        return spn2_status(req, ns, rest[len("/save/status/"):])
    return spn2_submit(req, ns)
