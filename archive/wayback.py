"""The Wayback Machine client: waybackpy's APIs, pointed at the configured archive, made polite.

waybackpy 3.0.6 hard-codes web.archive.org, sets no timeout and sleeps on its own, so
this module wraps it rather than replacing it (see REFERENCE.md, "waybackpy inside a
tool"):

- each waybackpy object is built as usual, then its endpoint attribute is pointed at
  `wayback_url` (`endpoint`, `request_url`), `api_call_time_gap` is 0, `max_tries`
  is 1 and urllib3's hidden retries are off: the save queue, not waybackpy, schedules
  retries, and no request goes out behind the limiter's back;
- every call runs under a deadline in a daemon worker thread (a silent archive must not
  hang the run, nor keep the process alive at exit);
- one `RateLimit` per archive and kind (lookup, save), shared by every client in the
  process, spaces the calls (defaults: 80% of IA's published limits).  CDX and
  availability lookups draw on the one lookup budget whatever their host names (IA counts
  them together, per IP: archive.org's availability API and web.archive.org's CDX must not
  get the budget each);
- a Retry-After pauses every call to the host that sent it, whatever its kind (`HostPause`,
  one per host name): a call waits for its budget's slot and for its host's pause; each
  wait (a slot, a pause, a backoff) is told to the client's `notice` as it starts, with
  what it waits for in words (the archive stage says a long one in its log);
- `UNREACHABLE_IN_A_ROW` requests in a row to one host that could not connect at all
  (DNS, refused, no route) put that host out of reach for the rest of the client's run
  (each stage run builds its own: archive, resolve), and no further request leaves for it
  (a call raises that failure again).  Any answer of the host in between, a 5xx or a 429
  too, starts its count again.  Per host, as the archive's are: an availability API on a
  host of its own (`availability_url`) that is down leaves the CDX and saves on the
  archive's host to go on.  `out_of_reach` holds the failure that put the archive's own
  host (CDX, saves) out of reach: each stage reads it to stop and say so in its own words;
- with `stop_after` (the archive stage and resolve), that many calls in a row to the
  archive's own host that got no answer after their retries (timeouts, 5xx) stop the run,
  and no further request leaves (a call raises that stop again): each would wait out its
  own timeout.  A call, not a request, counts: one URL the archive keeps failing must not
  stop the run by its own retries.  Capture requests are counted on their own as well: the
  CDX answers the re-check after each one Save Page Now failed, and that answer does not
  reset their count.  Counted per host too: an availability API on a host of its own that
  stays silent is not asked again this run (`beyond_reach`: its hints are lost, not the
  run), and the CDX's answers between its calls do not reset its count;
- each outcome is one exception class, so callers map it to a status without parsing
  messages: `RateLimited`, `Blocked`, `NoMemento`, `ArchiveUnavailable` (and
  `ArchiveUnreachable`), `SaveRefused`, `StopRun`;
- the archive's host name resolves as the crawl's names do: `resolve_hosts` pins it
  too (crawler/resolve.py), so `*=fail` keeps an offline run, and the tests, off DNS.

What waybackpy lacks is a thin client beside it: authenticated Save Page Now 2
(`Authorization: LOW key:secret`, POST /save, poll /save/status/<job_id>).  The keys come
from IA_ACCESS_KEY / IA_SECRET_KEY and live only in the client's options (left out of
their repr): never logged, never stored, never shown by `citewatch settings`.
"""

from __future__ import annotations

import calendar
import copy
import datetime
import email.utils
import errno
import math
import os
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from waybackpy import WaybackMachineAvailabilityAPI, WaybackMachineCDXServerAPI, WaybackMachineSaveAPI
from waybackpy.cdx_snapshot import CDXSnapshot
from waybackpy.cdx_utils import full_url, get_response
from waybackpy.exceptions import (
    BlockedSiteError,
    InvalidJSONInAvailabilityAPIResponse,
    MaximumSaveRetriesExceeded,
    TooManyRequestsError,
    WaybackError,
)

from crawler.config import ConfigError, parse_duration
from crawler.resolve import parse_pins, pin_urllib3
from crawler.spiderrun import user_agent
from crawler.urls import ARCHIVE_HOSTS, host_of
from db.lock import ARCHIVE

IA_WAYBACK = "https://web.archive.org"
IA_AVAILABILITY = "https://archive.org/wayback/available"
CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
GOOD_STATUSES = re.compile(r"[23]..|-")   # the page, its redirect, or a revisit of it unchanged; never an error
GOOD_STATUS = f"statuscode:({GOOD_STATUSES.pattern})"   # the same, as a CDX filter
# SPN2 errors after which no further capture can succeed today: stop the run, keep the queue.
STOP_ERRORS = ("error:too-many-daily-captures", "error:user-session-limit", "error:max-daily-bandwidth",
               "error:unauthorized", "error:no-access")
# A replay URL's timestamp: 14 digits, or a year, month, day, hour or minute (4 to 12 digits) that
# the archive reads as the capture closest to that period's end and redirects to
# (`memento_from_url(…, inexact=True)`).
_MEMENTO_URL = re.compile(r"/web/(\d{4}(?:\d\d){0,5})[a-z]{0,2}_?/(.+)$")
_PAD_UP = "1231235959"   # what follows the year at the end of a period: 2020 -> 20201231235959
# Requests in a row that could not connect put the archive out of reach for the run: with no
# network, every further request would fail the same way.
UNREACHABLE_IN_A_ROW = 3
# Calls in a row that timed out or answered 5xx after their retries: the archive is down
# (`stop_after` of the archive stage's and resolve's clients).
UNANSWERED_IN_A_ROW = 3
# The longest Retry-After taken as sent (a day; IA's firewall doubles from an hour): a longer
# one, or a clock far behind an HTTP date's, would hold the archive for years, and a value
# past the calendar's end would crash the stage (review12g D2, D3); a number too large to
# be one (infinite) is no Retry-After at all: retry_after_default applies.
RETRY_AFTER_MOST = 86400.0


# ---------------------------------------------------------------- outcomes

class ArchiveError(Exception):
    """Something the archive answered or failed to answer; the subclasses say what to do next."""


class RateLimited(ArchiveError):
    """429 from the archive: wait `retry_after` seconds (None: the server gave none) before any call."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class Blocked(ArchiveError):
    """The site is excluded from the Wayback Machine: do not retry, no capture will ever show."""


class NoMemento(ArchiveError):
    """The archive holds no capture of the URL (confirmed with the CDX): nothing to rescue."""


class ArchiveUnavailable(ArchiveError):
    """5xx, a timeout or a dropped connection: back off exponentially and try again later."""


class ArchiveUnreachable(ArchiveUnavailable):
    """No connection to the archive at all (DNS, refused, no route): retrying call after call
    only waits longer; stop this run's API work and try again in the next run."""


class SaveRefused(ArchiveError):
    """Save Page Now refused this URL (`status_ext`, e.g. error:not-found): the job fails or retries."""

    def __init__(self, message: str, status_ext: str = ""):
        super().__init__(message)
        self.status_ext = status_ext


class StopRun(ArchiveError):
    """No further request can succeed in this run (daily quota, session limit, keys refused,
    a Retry-After beyond the cap, calls in a row unanswered): stop, keep every job queued for
    the next run.  `unanswered`: the stop came from a call that got no answer, whose request
    may still have done its work (a capture)."""

    unanswered = False


# Failures that concern the run, not one source or job: callers let them through, and the
# stage stops its API work for this run.
RUN_STOPS = (RateLimited, StopRun, ArchiveUnreachable)


def stop_advice(command: str | None) -> str:
    """The end of a StopRun's line: run `command` (the stage's) again later, which the CLI
    turns into the command line the user ran (crawler/run.py `advice_naming`); nothing for
    a stage that says what to run in lines of its own (resolve: the citations left)."""
    return f", run `{command}` again later" if command else ""


# ---------------------------------------------------------------- values

@dataclass(frozen=True)
class Memento:
    """One capture as the CDX or the availability API describes it."""

    timestamp: str
    original: str
    status: str | None = None
    mimetype: str | None = None
    digest: str | None = None
    length: str | None = None

    def url(self, base: str, raw: bool = False) -> str:
        """The replay URL on `base`; raw (id_) gives the bytes as captured."""
        return f"{base.rstrip('/')}/web/{self.timestamp}{'id_' if raw else ''}/{self.original}"

    @property
    def moment(self) -> datetime.datetime:
        return datetime.datetime.strptime(self.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc)


def memento_from_url(url: str, inexact: bool = False) -> Memento | None:
    """Read timestamp and original URL off any replay URL (web.archive.org or another base).

    `inexact` reads a short timestamp too (`/web/20200402/…`, `/web/2020/…`, as people copy
    replay URLs: a URL a user gives), padded to the end of its period, 14 digits, as the
    Wayback software pads it (pywb's timestamp_to_datetime: "2010" is 2010-12-31 23:59:59;
    web.archive.org/web/2/… is the latest capture): asked for that, the archive serves the
    capture the user's own link shows, and the replay's redirect names it.  Padded to the
    period's start, "/web/2020/" would be read as the capture closest to New Year 2020.
    Not by default: "/web/2019/report" is a path any site may have, and the URLs the archive
    itself answers with carry 14 digits.  A timestamp no calendar has (a 13th month) is no
    memento."""
    match = _MEMENTO_URL.search(url or "")
    if not match or (len(match.group(1)) < 14 and not inexact):
        return None
    timestamp = _period_end(match.group(1))
    try:
        datetime.datetime.strptime(timestamp, "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return Memento(timestamp, match.group(2))


def replay_of(url: str, hosts: frozenset[str] | set[str] = frozenset()) -> tuple[Memento, str] | None:
    """A citation's Wayback replay URL, on the Internet Archive (ARCHIVE_HOSTS) or on one of
    `hosts` (a configured archive's), as the memento it names and the original page's URL,
    with a scheme (a replay path may drop it: /web/2020/example.org/…); None for any other
    URL.  What a footnote and a quote list's cell both cite: the page, the capture kept apart."""
    if host_of(url) not in ARCHIVE_HOSTS | set(hosts):
        return None
    memento = memento_from_url(url, inexact=True)
    if memento is None:
        return None
    return memento, memento.original if "://" in memento.original else "http://" + memento.original


def written_timestamp(url: str | None) -> str | None:
    """The timestamp a replay URL is written with, as written (`/web/2020/…` → "2020"), for
    showing a user's link before the archive has said which capture it serves; None for a URL
    that is no replay URL."""
    match = _MEMENTO_URL.search(url or "")
    return match.group(1) if match else None


def _period_end(digits: str) -> str:
    """The 14-digit timestamp ending the period a short one names (a month ends on its own
    last day; an impossible month is left for the caller's calendar check to refuse)."""
    if len(digits) == 6 and 1 <= int(digits[4:]) <= 12:
        digits += f"{calendar.monthrange(int(digits[:4]), int(digits[4:]))[1]:02d}"
    return digits + _PAD_UP[len(digits) - 4:]


def wayback_timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")


# ---------------------------------------------------------------- politeness

# Told of each wait of an archive client as it starts: its seconds and what it waits for, in
# words ("the archive (web.archive.org) asked us to slow down (429 Too Many Requests)"): the
# archive stage says a long one in its log (archive/stage.py `wait_notice`).
WaitNotice = Callable[[float, str], None]


class HostPause:
    """The host's "blocked until": a Retry-After received by any call holds back every call to
    that host, lookups and saves alike (IA firewalls an IP, not an API)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.until = 0.0

    def pause(self, seconds: float) -> None:
        with self._lock:
            self.until = max(self.until, time.monotonic() + seconds)


class RateLimit:
    """A budget of calls: at least 60/per_minute seconds between two, whatever host each goes to.

    A minimum interval rather than a bucket: IA averages its limits over minutes and
    firewalls bursts, so never sending two calls closer than the interval is the safe shape.
    A call held back by its host's Retry-After keeps its place in the queue, so the calls
    after it come after it, spaced as ever.
    """

    def __init__(self, per_minute: float, kind: str = "call"):
        self.interval = 60.0 / per_minute if per_minute and per_minute > 0 else 0.0
        self.per_minute = per_minute
        self.kind = kind   # lookup or save: what a wait for a slot is said to pace
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self, host: HostPause, notice: Callable[[float, bool], None] | None = None) -> None:
        """Take the next slot after the host's pause; when a Retry-After arrives while waiting,
        take one after it.  `notice` is told each wait as it starts: its seconds, and whether
        the host's pause (a Retry-After) sets it rather than the budget's spacing."""
        while True:
            with self._lock:
                now = time.monotonic()
                slot = max(now, self._next, host.until)
                self._next = slot + self.interval
            if slot > now:
                if notice is not None:
                    notice(slot - now, host.until >= slot)
                time.sleep(slot - now)
            if host.until <= slot:
                return


@dataclass(frozen=True)
class Gate:
    """What one kind of call to one host waits for: its budget and the host's Retry-After."""

    budget: RateLimit
    host: HostPause
    netloc: str = ""   # the host its calls go to, as in its URL: what `Wayback.beyond_reach` is kept by

    def wait(self, notice: WaitNotice | None = None) -> None:
        """Until this call may go: its slot in the budget, after the host's pause; each wait is
        told to `notice` with what it waits for, in words."""
        self.budget.wait(self.host, notice and (lambda seconds, paused: notice(seconds, self._waiting_for(paused))))

    def _waiting_for(self, paused: bool) -> str:
        """What a wait for this gate waits for: the host's Retry-After, or the budget's spacing."""
        if paused:
            return f"the archive ({self.netloc}) asked us to slow down (429 Too Many Requests)"
        return f"{self.budget.kind}s to the archive are paced at {self.budget.per_minute:g} a minute"

    def pause(self, seconds: float) -> None:
        """No call to this host before `seconds` from now (a Retry-After), whoever makes it."""
        self.host.pause(seconds)


_LIMITS: dict[tuple[str, str, float], RateLimit] = {}
_PAUSES: dict[str, HostPause] = {}
_LIMITS_LOCK = threading.Lock()
# An archive's (its base URL's) quiet: the Retry-After it sent, one beyond the cap included,
# for every client of the process (a HostPause no gate waits for: `Wayback._keep_quiet` reads
# it): the stage after the one that met it in `citewatch run` (resolve after archive), or the
# next round of `watch`, must not ask first.
_QUIETS: dict[str, HostPause] = {}


def shared_gate(archive: str, url: str, kind: str, per_minute: float) -> Gate:
    """The process-wide gate for a call of `kind` (lookup or save) to `url`: the budget of
    that kind at the `archive` (its base URL), whatever host `url` names, and the pause
    of `url`'s own host."""
    key = (urlsplit(archive).netloc, kind, float(per_minute))
    with _LIMITS_LOCK:
        if key not in _LIMITS:
            _LIMITS[key] = RateLimit(per_minute, kind)
        netloc = urlsplit(url).netloc
        return Gate(_LIMITS[key], _PAUSES.setdefault(netloc, HostPause()), netloc)


def call_with_deadline(func: Callable[[], Any], seconds: float, what: str) -> Any:
    """Run `func` in a daemon thread and give up after `seconds` (waybackpy sets no timeout).

    A daemon thread, not a ThreadPoolExecutor: the executor's workers are joined at exit,
    so one request that never answers would keep the process alive for ever.
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def target():
        try:
            box["value"] = func()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=target, name=f"wayback:{what}", daemon=True).start()
    if not done.wait(seconds):
        raise ArchiveUnavailable(f"{what}: no answer within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def bounded_wait(seconds: float, infinite: float | None = RETRY_AFTER_MOST) -> float | None:
    """`seconds` of a wait the archive asked for, kept within 0 and `RETRY_AFTER_MOST` (a
    longer one would hold the archive for years, and one past the calendar's end crash the
    stage storing it); `infinite` for one that is no number of seconds (infinite, NaN).
    The one place this rule is written: the Retry-After parsers, `utc_after`, the archive
    stage's stored quiet (`_quiet_end`) and the crawl's middleware go through it."""
    return min(max(0.0, seconds), RETRY_AFTER_MOST) if math.isfinite(seconds) else infinite


def utc_after(seconds: float) -> str:
    """The moment `seconds` from now as a user reads it, in UTC, to the second and never
    before it (a Retry-After's end): when to run again.  At most `RETRY_AFTER_MOST` on, the
    longest wait kept: no moment past the calendar's end."""
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=bounded_wait(seconds))
    if moment.microsecond:
        moment = moment.replace(microsecond=0) + datetime.timedelta(seconds=1)
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date; at most `RETRY_AFTER_MOST`, and None
    (retry_after_default applies) for one that is no number of seconds (infinite)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return bounded_wait(float(value), infinite=None)
    try:
        when = email.utils.parsedate_to_datetime(value)
        seconds = (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    except (TypeError, ValueError, OverflowError):
        return None
    return bounded_wait(seconds, infinite=None)


def transport_error(what: str, exc: requests.RequestException, url: str,
                    setting: str = "CITEWATCH_WAYBACK_URL") -> ArchiveUnavailable:
    """A requests failure as an outcome: no connection at all, or an answer that did not come.

    No connection is said in words, naming the archive and the fix: requests' own text
    is urllib3's repr with the whole query URL, unreadable on one line.  A connection the
    archive took and dropped before answering (an overloaded server resets it) is no
    "cannot reach": it is backed off and retried as a timeout is, and does not count toward
    putting its host out of reach (`beyond_reach`).  `setting`: the one that names `url`'s
    host, for the fix.
    """
    if isinstance(exc, requests.ConnectionError) and not isinstance(exc, requests.ReadTimeout):
        cause = unreachable_cause(exc).replace("{setting}", setting)
        if cause == DROPPED:
            return ArchiveUnavailable(f"{what}: {cause}")
        parts = urlsplit(url)
        archive = "the Wayback Machine" if (parts.hostname or "").endswith("archive.org") else "the archive"
        return ArchiveUnreachable(f"cannot reach {archive} at {parts.scheme}://{parts.netloc}: {cause}")
    return ArchiveUnavailable(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")


_OFFLINE = " (is this machine offline? set {setting} for another archive)"
DROPPED = "the connection dropped before an answer"


def unreachable_cause(exc: BaseException) -> str:
    """Why no connection was made, in words with the fix (the setting to check left as
    `{setting}`, for transport_error to name), read off the exceptions requests
    wraps (urllib3's NameResolutionError, NewConnectionError over an OSError, ...); or
    DROPPED, a connection made and dropped."""
    causes = _causes(exc)

    def found(kind) -> BaseException | None:
        return next((c for c in causes if isinstance(c, kind)), None)

    errnos = {getattr(c, "errno", None) for c in causes if isinstance(c, OSError)}
    if found(urllib3.exceptions.NameResolutionError) or found(socket.gaierror):
        return "its name does not resolve" + _OFFLINE
    if found(urllib3.exceptions.ProxyError):
        return "the proxy failed (check HTTPS_PROXY / HTTP_PROXY)"
    if found(ssl.SSLCertVerificationError):
        return "its TLS certificate cannot be verified (set REQUESTS_CA_BUNDLE to a CA file that trusts it)"
    if found(ssl.SSLError) or found(urllib3.exceptions.SSLError):
        return "the TLS handshake failed (is it an https archive? check {setting})"
    if errno.ECONNREFUSED in errnos:
        return "connection refused (is an archive listening there? check {setting})"
    if errno.ENETUNREACH in errnos:
        return "the network is unreachable" + _OFFLINE
    if errno.EHOSTUNREACH in errnos:
        return "no route to the host" + _OFFLINE
    timeout = found(urllib3.exceptions.ConnectTimeoutError)
    if (timeout and not isinstance(timeout, urllib3.exceptions.NewConnectionError)) or found(socket.timeout):
        seconds = re.search(r"connect timeout=([\d.]+)", str(timeout or ""))
        return f"timed out{f' after {float(seconds.group(1)):g} s' if seconds else ''}" + _OFFLINE
    if found(urllib3.exceptions.ProtocolError):
        return DROPPED
    innermost = causes[-1]
    return f"the connection failed ({type(innermost).__name__}: {str(innermost).splitlines()[0][:80]})"


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it wraps (reason, args, cause, context), outermost first."""
    out: list[BaseException] = []
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if not isinstance(current, BaseException) or any(current is seen for seen in out):
            continue
        out.append(current)
        todo += [getattr(current, "reason", None), *current.args, current.__cause__, current.__context__]
    return out


def raise_for_status(response: requests.Response | None, what: str) -> None:
    """Turn an HTTP answer into the outcome it stands for (nothing when it is a 2xx/3xx)."""
    if response is None:
        raise ArchiveUnavailable(f"{what}: no answer")
    status = response.status_code
    if status == 429:
        raise RateLimited(f"{what}: 429 Too Many Requests", retry_after_seconds(response.headers.get("Retry-After")))
    if status == 403 and ("Blocked Site" in response.text or response.headers.get("X-Archive-Wayback-Runtime-Error")):
        raise Blocked(f"{what}: the site is excluded from the archive")
    if status >= 500:
        raise ArchiveUnavailable(f"{what}: the archive answered {status}")
    if status >= 400:
        raise ArchiveError(f"{what}: the archive answered {status}")


# ---------------------------------------------------------------- configuration

def ia_keys(env: dict[str, str] | None = None) -> tuple[str, str] | None:
    """IA S3-style keys from IA_ACCESS_KEY / IA_SECRET_KEY, or None for anonymous saves.

    Read here and not through the settings registry on purpose: registry values are
    printed by `citewatch settings` and written into crawl records; secrets must not be.
    """
    env = os.environ if env is None else env
    access, secret = env.get("IA_ACCESS_KEY", "").strip(), env.get("IA_SECRET_KEY", "").strip()
    return (access, secret) if access and secret else None


@dataclass
class WaybackOptions:
    """Every value the client needs, settled once from the configuration."""

    base: str = IA_WAYBACK
    availability: str = IA_AVAILABILITY
    user_agent: str = "citewatch"
    timeout: float = 60.0
    backoff: float = 30.0
    tries: int = 3
    lookups_per_minute: float = 48.0
    saves_per_minute: float = 3.2
    retry_after_default: float = 60.0
    retry_after_cap: float = 300.0
    poll_interval: float = 5.0
    if_not_archived_within: float = 30 * 86400
    keys: tuple[str, str] | None = field(default=None, repr=False)   # never shown
    pins: dict[str, str] = field(default_factory=dict)                # resolve_hosts (crawler/resolve.py)

    @classmethod
    def from_config(cls, config, env: dict[str, str] | None = None) -> "WaybackOptions":
        base = _http_url(config.wayback_url, "wayback_url", IA_WAYBACK)
        keys = ia_keys(env)
        availability = _http_url(config.availability_url, "availability_url", IA_AVAILABILITY) if config.availability_url else ""
        if not availability:
            is_ia = urlsplit(base).hostname == urlsplit(IA_WAYBACK).hostname
            availability = IA_AVAILABILITY if is_ia else base + "/wayback/available"
        elif not availability.endswith("/wayback/available"):
            availability += "/wayback/available"
        return cls(
            base=base,
            availability=availability,
            user_agent=user_agent(config.values),
            timeout=float(config.archive_timeout),
            backoff=float(config.archive_backoff),
            lookups_per_minute=float(config.cdx_per_minute),
            saves_per_minute=float(config.save_per_minute_keys if keys else config.save_per_minute),
            retry_after_default=float(config.retry_after_default),
            retry_after_cap=float(config.retry_after_cap),
            poll_interval=float(config.save_poll_interval),
            if_not_archived_within=parse_duration(config.save_if_older_than),
            keys=keys,
            pins=parse_pins(config.resolve_hosts),
        )


def _http_url(value: str, name: str, example: str) -> str:
    """A base URL setting, checked once: a typo must not cost every call its retries."""
    parts = urlsplit(str(value).strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name} = {value!r} is not an http(s) URL; set it (or CITEWATCH_{name.upper()}) "
                          f"like {example}")
    return str(value).strip().rstrip("/")


# ---------------------------------------------------------------- the client

class Wayback:
    """Availability, CDX and saves against one Wayback-compatible archive."""

    def __init__(self, options: WaybackOptions, stop_after: int = 0, command: str | None = ARCHIVE.command,
                 notice: WaitNotice | None = None):
        self.options = options
        self.notice = notice              # told of each wait as it starts (a Retry-After, the pacing, a backoff)
        self.stop_after = stop_after      # calls in a row without an answer that stop the run (0: never)
        self.command = command            # what a stop tells the user to run again (`stop_advice`)
        self.unanswered: dict[str, int] = {}   # by host: calls in a row without an answer after their retries
        self.unanswered_saves = 0              # capture requests in a row without an answer: lookups' answers aside
        self.silenced: StopRun | None = None   # the stop of stop_after calls unanswered: nothing leaves after it
        self.unreachable: dict[str, int] = {}   # by host: requests in a row that could not connect
        # by host: why no request leaves for it this run (the last of UNREACHABLE_IN_A_ROW requests
        # that could not connect; for another host than the archive's, stop_after calls unanswered)
        self.beyond_reach: dict[str, ArchiveUnavailable] = {}
        pin_urllib3(options.pins)  # the archive's name resolves as the crawl's names do
        # CDX and availability share one lookup budget; each waits for its own host's Retry-After.
        # The archive's own host answers the CDX and SPN2's status queries: lookups both.
        self.lookup_gate = shared_gate(options.base, options.base, "lookup", options.lookups_per_minute)
        self.availability_gate = shared_gate(options.base, options.availability, "lookup", options.lookups_per_minute)
        self.save_gate = shared_gate(options.base, options.base, "save", options.saves_per_minute)
        with _LIMITS_LOCK:
            self.quiet = _QUIETS.setdefault(options.base, HostPause())   # shared by every client of the archive

    @property
    def out_of_reach(self) -> ArchiveUnreachable | None:
        """The failure that put the archive's own host out of reach (None while it is not): the
        CDX and saves go there, so nothing more can be looked up or saved this run.  The
        availability API's host alone out of reach only costs its hints."""
        return self.beyond_reach.get(self.lookup_gate.netloc)

    def _availability_setting(self) -> str:
        """The setting that names the availability API's host, for the fix of a failure to reach
        it: its own when `availability_url` put it elsewhere than wayback_url implies."""
        derived = (IA_AVAILABILITY, self.options.base + "/wayback/available")
        return "CITEWATCH_WAYBACK_URL" if self.options.availability in derived else "CITEWATCH_AVAILABILITY_URL"

    def __repr__(self) -> str:  # never show the keys
        return f"Wayback({self.options.base!r}, keys={'yes' if self.options.keys else 'no'})"

    # -- the call discipline

    def _call(self, gate: Gate, what: str, func: Callable[[], Any], tries: int | None = None) -> Any:
        """One API call: wait for the gate, run under the deadline, honour 429 and back off on 5xx.

        A Retry-After beyond `retry_after_cap` stops the run (ignoring 429s gets the IP
        firewalled), and so do `stop_after` calls in a row without an answer after their
        retries; the last failure is raised for the caller to record.  Once the gate's host is
        out of reach (`beyond_reach`), no request leaves for it: the failure that put it there
        is raised again; nor while a Retry-After holds beyond the cap (`_keep_quiet`).
        """
        for earlier in (self.beyond_reach.get(gate.netloc), self.silenced):
            if earlier is not None:
                raise _again(earlier)
        self._keep_quiet(gate)
        tries = tries or self.options.tries
        for attempt in range(1, tries + 1):
            gate.wait(self.notice)
            try:
                answer = self._request(func, what, gate.netloc)
            except ArchiveUnreachable:
                raise
            except RateLimited as exc:
                self._answered(gate)
                wait = self.options.retry_after_default if exc.retry_after is None else exc.retry_after
                self.quiet.pause(wait)
                if wait > self.options.retry_after_cap:
                    raise StopRun(f"{exc}; Retry-After {wait:g} s is beyond retry_after_cap "
                                  f"({self.options.retry_after_cap:g} s): no request to the archive before "
                                  f"{utc_after(wait)}, stopping{stop_advice(self.command)}") from None
                gate.pause(wait)
                if attempt == tries:
                    raise
            except ArchiveUnavailable as exc:
                # once a call has gone unanswered, the next ones give up on their first silence
                # until one is answered (a 429 still waits and tries again): a silent archive
                # stops the run after stop_after + tries - 1 requests, not stop_after × tries
                if attempt == tries or self.unanswered.get(gate.netloc):
                    self._count_unanswered(exc, gate)
                    raise
                self.sleep(self.options.backoff * 2 ** (attempt - 1),
                           f"{exc}; asking again after the backoff (archive_backoff)")
            except ArchiveError:  # an answer, if not one we can use: the archive is there
                self._answered(gate)
                raise
            else:
                self._answered(gate)
                return answer
        raise AssertionError("unreachable")

    def sleep(self, seconds: float, why: str) -> None:
        """Wait `seconds` for `why` (in words), told to `notice` first."""
        if self.notice is not None:
            self.notice(seconds, why)
        time.sleep(seconds)

    def _keep_quiet(self, gate: Gate) -> None:
        """Stop a call while a Retry-After the archive sent (to any client of the process) holds
        beyond the cap, and make it wait out one within the cap: a stage may go on after a
        StopRun (resolve took it for one citation's failure), and the next call would
        otherwise reach the archive at once, 429 after 429 (IA firewalls an IP that ignores
        them; a Retry-After beyond the cap pauses no host)."""
        left = self.quiet.until - time.monotonic()
        if left > self.options.retry_after_cap:
            raise StopRun(f"the archive asked for quiet until {utc_after(left)} ({left:.0f} s more, beyond "
                          f"retry_after_cap, {self.options.retry_after_cap:g} s): not asked{stop_advice(self.command)}"
                          f"; to ask before then, delete the time kept: DELETE FROM archive_quiet WHERE archive = "
                          f"'{self.options.base}'")
        if left > 0:
            gate.pause(left)

    def _request(self, func: Callable[[], Any], what: str, netloc: str) -> Any:
        """One request to `netloc` under the deadline, counted toward putting that host out of
        reach when it cannot connect; any other outcome (an answer, a 5xx or a 429 too, or no
        answer in time) starts the host's count again: only connections to it failing in a row
        say it is out of reach."""
        try:
            answer = call_with_deadline(func, self.options.timeout, what)
        except ArchiveUnreachable as exc:
            self.unreachable[netloc] = self.unreachable.get(netloc, 0) + 1
            if self.unreachable[netloc] >= UNREACHABLE_IN_A_ROW:
                self.beyond_reach[netloc] = exc
            raise
        except ArchiveError:
            self.unreachable[netloc] = 0
            raise
        self.unreachable[netloc] = 0
        return answer

    def blocked_until(self) -> float:
        """When the archive takes requests again (time.monotonic()): the Retry-After of its
        429s to any client of the process, one beyond the cap included (it stopped the run
        without pausing the host), and the hosts' shared pauses.  A crawl of the archive in
        another process (the rescue's replays) cannot see those pauses and must wait for this
        moment."""
        return max(self.quiet.until, self.lookup_gate.host.until, self.availability_gate.host.until)

    def _answered(self, gate: Gate) -> None:
        """An answer through `gate`: its host's count of calls unanswered starts again, and the
        saves' count when a save got it.  A lookup's answer leaves the saves' count as it is:
        after each capture request Save Page Now fails, the CDX answers the re-check (did it
        capture?), and that says nothing of Save Page Now."""
        self.unanswered[gate.netloc] = 0
        if gate is self.save_gate:
            self.unanswered_saves = 0

    def saved_after_all(self) -> None:
        """A capture request that got no answer (a timeout, a 5xx, Cloudflare's 523) is found
        done in the CDX: Save Page Now works, so its silence does not count toward the saves'
        stop (save.py `_recheck`)."""
        self.unanswered_saves = 0

    def _count_unanswered(self, exc: ArchiveUnavailable, gate: Gate) -> None:
        """One more call through `gate` without an answer after its retries; `stop_after`
        different calls in a row to its host, or capture requests in a row whatever the lookups
        between them answered, end the run's API work: a silent archive, or Save Page Now down,
        costs every further call its timeouts and backoffs, while one URL that keeps failing is
        that URL's failure alone.  A host other than the archive's (an availability API of its
        own) is only put beyond reach: the CDX and saves, which its hints merely help, go on."""
        netloc = gate.netloc
        self.unanswered[netloc] = self.unanswered.get(netloc, 0) + 1
        if gate is self.save_gate:
            self.unanswered_saves += 1
        if not self.stop_after:
            return
        if gate is self.save_gate and self.unanswered_saves >= self.stop_after:
            said = (f"{self.unanswered_saves} capture requests in a row got no answer or a 5xx, whatever the "
                    "lookups between them answered")
        elif self.unanswered[netloc] < self.stop_after:
            return
        elif netloc != self.lookup_gate.netloc:
            self.beyond_reach[netloc] = ArchiveUnavailable(
                f"{exc}; {self.unanswered[netloc]} calls in a row got no answer: not asked again this run")
            return
        else:
            said = f"{self.unanswered[netloc]} archive calls in a row got no answer or a 5xx after their retries"
        stop = StopRun(f"{exc}; {said}: no further archive request this run{stop_advice(self.command)}")
        stop.unanswered = True
        self.silenced = stop
        raise stop from None

    # -- lookups

    def closest(self, url: str, moment: datetime.datetime) -> Memento | None:
        """The availability API's closest capture to `moment` (None when it answers empty).

        Empty is not proof of absence: the availability API sometimes misses archived
        URLs, so callers confirm with `captures`.
        """

        def ask():
            api = WaybackMachineAvailabilityAPI(url, user_agent=self.options.user_agent, max_tries=1)
            api.endpoint = self.options.availability
            api.api_call_time_gap = 0
            try:
                api.near(unix_timestamp=int(moment.timestamp()))
            except InvalidJSONInAvailabilityAPIResponse:
                raise_for_status(api.response, "availability")
                raise ArchiveUnavailable("availability: the answer is not JSON") from None
            except requests.RequestException as exc:
                raise transport_error("availability", exc, api.endpoint, self._availability_setting()) from None
            raise_for_status(api.response, "availability")
            return api.json

        data = self._call(self.availability_gate, "availability", ask) or {}
        closest = (data.get("archived_snapshots") or {}).get("closest") or {}
        if not closest.get("available", True) or not closest.get("timestamp"):
            return None
        found = memento_from_url(closest.get("url", ""))
        original = found.original if found else url
        return Memento(closest["timestamp"], original, str(closest.get("status") or "") or None)

    def captures(self, url: str, start: str | None = None, end: str | None = None,
                 filters: list[str] | None = None, limit: int | None = None,
                 collapses: list[str] | None = None) -> list[Memento]:
        """CDX rows for `url` between `start` and `end` (1-14 digit timestamps), oldest first.

        The query is built by waybackpy's CDX object (payload, URL) and sent by its
        `get_response`, which also spots excluded sites; the rows are read here because
        waybackpy's `snapshots()` drops the HTTP status, and a 429 or 503 page would
        read as "no captures".  Duplicate rows (the CDX has them) are merged.
        """

        def ask():
            api = WaybackMachineCDXServerAPI(url, user_agent=self.options.user_agent, start_timestamp=start,
                                             end_timestamp=end, filters=filters or [], collapses=collapses or [],
                                             limit=str(limit) if limit is not None else None, max_tries=1)
            api.endpoint = self.options.base + "/cdx/search/cdx"
            payload: dict[str, str] = {}
            api.add_payload(payload)
            payload["limit"] = str(api.limit)
            try:
                # retries=0: urllib3's own retries would send requests our limiter never sees.
                response = get_response(full_url(api.endpoint, payload), headers={"User-Agent": api.user_agent},
                                        retries=0)
            except BlockedSiteError as exc:
                raise Blocked(f"CDX: {exc}") from None
            except requests.RequestException as exc:
                raise transport_error("CDX", exc, api.endpoint) from None
            raise_for_status(response, "CDX")
            return response.text

        text = self._call(self.lookup_gate, "CDX", ask)
        mementos: dict[tuple[str, str], Memento] = {}
        for line in text.splitlines():
            values = line.split(" ")
            if len(values) != len(CDX_FIELDS) or not re.fullmatch(r"\d{14}", values[1]):
                continue
            row = CDXSnapshot(dict(zip(CDX_FIELDS, values)))
            mementos.setdefault((row.timestamp, row.original), Memento(
                row.timestamp, row.original, row.statuscode, row.mimetype, row.digest, row.length))
        return sorted(mementos.values(), key=lambda m: m.timestamp)

    def captured_since(self, url: str, since: datetime.datetime) -> Memento | None:
        """The newest good capture of `url` made at or after `since`, if any (re-checks a save)."""
        found = self.captures(url, start=wayback_timestamp(since), filters=[GOOD_STATUS], limit=-1)
        return found[-1] if found else None

    # -- saves

    def save(self, url: str) -> Memento:
        """Ask for a capture now through waybackpy's anonymous save (`spn2_*` with keys).

        Raises the outcome; a timeout or a 5xx/523 may still have produced a capture, so
        the caller re-checks the CDX before calling the job failed.
        """
        return self._call(self.save_gate, "save", lambda: self._save_anonymous(url), tries=1)

    def _save_anonymous(self, url: str) -> Memento:
        api = WaybackMachineSaveAPI(url, user_agent=self.options.user_agent, max_tries=1)
        api.request_url = self.options.base + "/save/" + api.url
        # No urllib3 retries either (mounted for https): each would be a capture request
        # behind the limiter's back, and a 429 must reach us with its Retry-After.
        api.total_save_retries = 0
        api.status_forcelist = []
        try:
            archive_url = api.save()
        except TooManyRequestsError:
            raise RateLimited("save: 429 Too Many Requests",
                              retry_after_seconds((api.headers or {}).get("Retry-After"))) from None
        except MaximumSaveRetriesExceeded:
            raise ArchiveUnavailable(f"save: the archive answered {api.status_code} without a memento URL") from None
        except WaybackError as exc:  # 509: too many active sessions
            raise RateLimited(f"save: {exc}".splitlines()[0]) from None
        except requests.RequestException as exc:
            raise transport_error("save", exc, api.request_url) from None
        memento = memento_from_url(archive_url)
        if memento is None:
            raise ArchiveUnavailable(f"save: cannot read a memento from {archive_url!r}")
        return memento

    # -- Save Page Now 2 (with keys)

    def _spn2(self, method: str, path: str, **kwargs) -> dict:
        access, secret = self.options.keys or ("", "")
        headers = {"Accept": "application/json", "User-Agent": self.options.user_agent,
                   "Authorization": f"LOW {access}:{secret}"}
        try:
            response = requests.request(method, self.options.base + path, headers=headers,
                                        timeout=self.options.timeout, **kwargs)
        except requests.RequestException as exc:
            raise transport_error(f"SPN2 {path}", exc, self.options.base) from None
        if response.status_code in (401, 403):
            raise StopRun(f"SPN2: the archive refused the IA keys ({response.status_code}); "
                          "check IA_ACCESS_KEY / IA_SECRET_KEY (archive.org/account/s3.php)")
        raise_for_status(response, "SPN2")
        try:
            return response.json()
        except ValueError:
            raise ArchiveUnavailable("SPN2: the answer is not JSON") from None

    def spn2_submit(self, url: str) -> str:
        """POST /save: the job id (errors may come back as 200 without one)."""
        data = {"url": url, "if_not_archived_within": str(int(self.options.if_not_archived_within))}
        answer = self._call(self.save_gate, "SPN2 save", lambda: self._spn2("POST", "/save", data=data), tries=1)
        if answer.get("job_id"):
            return answer["job_id"]
        raise _spn2_error(answer)

    def spn2_quota(self) -> int:
        """Captures the account may still start today (GET /save/status/user)."""
        answer = self._call(self.lookup_gate, "SPN2 quota", lambda: self._spn2("GET", "/save/status/user"))
        return int(answer.get("available", 0))

    def spn2_status(self, job_id: str) -> dict:
        return self._call(self.lookup_gate, "SPN2 status", lambda: self._spn2("GET", f"/save/status/{job_id}"))

    def spn2_result(self, job_id: str) -> Memento:
        """Poll a job until it succeeds or fails; still pending after the timeout is a retry later."""
        deadline = time.monotonic() + self.options.timeout
        while True:
            answer = self.spn2_status(job_id)
            if answer.get("status") == "success":
                original = answer.get("original_url") or ""
                return Memento(answer["timestamp"], original, str(answer.get("http_status") or "") or None)
            if answer.get("status") != "pending":
                raise _spn2_error(answer)
            if time.monotonic() + self.options.poll_interval > deadline:
                raise ArchiveUnavailable(f"SPN2 job {job_id} still pending after {self.options.timeout:g} s")
            time.sleep(self.options.poll_interval)


def _again(earlier: ArchiveError) -> ArchiveError:
    """The failure that ended the client's requests (`beyond_reach`, `silenced`), for a later
    call to raise: a copy of the first, its words and attributes, so each raise gets its own
    traceback.  A StopRun's `unanswered` is not copied: it tells save.py that the call's own
    request may have done its work, and this call sent none."""
    again = copy.copy(earlier)
    if isinstance(again, StopRun):
        again.unanswered = False
    return again


def _spn2_error(answer: dict) -> ArchiveError:
    """An SPN2 error answer as the outcome it stands for."""
    status_ext = answer.get("status_ext") or "error:unknown"
    message = f"SPN2 {status_ext}: {answer.get('message') or 'no message'}"
    if status_ext.startswith(STOP_ERRORS):
        return StopRun(message)
    return SaveRefused(message, status_ext)
