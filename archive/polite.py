"""Politeness toward the archive: rate limits, pauses and deadlines, shared by every client
in the process (archive/wayback.py waits at these gates; it alone retries and stops).

- every call runs under a deadline in a daemon worker thread (`call_with_deadline`: a
  silent archive must not hang the run, nor keep the process alive at exit);
- one `RateLimit` per archive and kind (lookup, save), shared by every client in the
  process, spaces the calls (defaults: 80% of IA's published limits).  CDX and
  availability lookups draw on the one lookup budget whatever their host names (IA counts
  them together, per IP: archive.org's availability API and web.archive.org's CDX must not
  get the budget each);
- a Retry-After pauses every call to the host that sent it, whatever its kind (`HostPause`,
  one per host name): a call waits for its budget's slot and for its host's pause (`Gate`,
  from `shared_gate`); each wait (a slot, a pause, a backoff) is told to the client's
  `notice` as it starts, with what it waits for in words (the archive stage says a long one
  in its log);
- a Retry-After is read as seconds (`retry_after_seconds`) and every wait the archive asks
  for is kept within `RETRY_AFTER_MOST` (`bounded_wait`, `utc_after`), the crawl's
  middleware and the archive stage alike.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from archive.errors import ArchiveUnavailable

# The longest Retry-After taken as sent (a day; IA's firewall doubles from an hour): a longer
# one, or a clock far behind an HTTP date's, would hold the archive for years, and a value
# past the calendar's end would crash the stage (review12g D2, D3); a number too large to
# be one (infinite) is no Retry-After at all: retry_after_default applies.
RETRY_AFTER_MOST = 86400.0


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


def call_with_deadline(func: Callable[[], Any], seconds: float, what: str,
                       abandon: Callable[[], None] | None = None) -> Any:
    """Run `func` in a daemon thread and give up after `seconds` (waybackpy sets no timeout),
    calling `abandon` then: what ends the thread's work (crawler/resolve.py `Connections.cut`),
    which would otherwise outlive the call, a thread and a socket kept by a long watch for ever.

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
        if abandon is not None:
            abandon()
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


def seconds_to(at: str) -> float:
    """Seconds from now to the stored time `at` (ISO UTC: a kept "not before"), negative once past."""
    return (datetime.datetime.fromisoformat(at) - datetime.datetime.now(datetime.timezone.utc)).total_seconds()


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
