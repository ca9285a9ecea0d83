"""The Wayback Machine client: waybackpy's APIs, pointed at the configured archive, made polite.

waybackpy 3.0.6 hard-codes web.archive.org, sets no timeout and sleeps on its own, so
this module wraps it rather than replacing it (see REFERENCE.md, "waybackpy inside a
tool"):

- each waybackpy object is built as usual, then its endpoint attribute is pointed at
  `wayback_url` (`endpoint`, `request_url`), `api_call_time_gap` is 0, `max_tries`
  is 1 and urllib3's hidden retries are off: the save queue, not waybackpy, schedules
  retries, and no request goes out behind the limiter's back;
- every call waits at its gate (its budget's slot, its host's Retry-After) and runs under
  a deadline: archive/polite.py, shared by every client in the process;
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
- each outcome is one exception class (archive/errors.py), raised from an HTTP answer by
  `raise_for_status`; the captures come back as `Memento` values (archive/mementos.py);
- the archive's host name resolves as the crawl's names do: `resolve_hosts` pins it
  too (crawler/resolve.py), so `*=fail` keeps an offline run, and the tests, off DNS;
- a redirect to a host the configuration does not name is followed only to a globally
  routable address, as the crawl's rule goes (`_judged`; allow_private_networks lifts it).

What waybackpy lacks is a thin client beside it: authenticated Save Page Now 2
(`Authorization: LOW key:secret`, POST /save, poll /save/status/<job_id>).  The keys come
from IA_ACCESS_KEY / IA_SECRET_KEY and live only in the client's options (left out of
their repr): never logged, never stored, never shown by `citewatch settings`.
"""

from __future__ import annotations

import copy
import datetime
import ipaddress
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit
from urllib.request import getproxies

import requests
from waybackpy import WaybackMachineAvailabilityAPI, WaybackMachineCDXServerAPI, WaybackMachineSaveAPI
from waybackpy.cdx_snapshot import CDXSnapshot
from waybackpy.cdx_utils import check_for_blocked_site, full_url
from waybackpy.exceptions import (
    BlockedSiteError,
    InvalidJSONInAvailabilityAPIResponse,
    MaximumSaveRetriesExceeded,
    TooManyRequestsError,
    WaybackError,
)

from archive.errors import (
    ArchiveError,
    ArchiveUnavailable,
    ArchiveUnreachable,
    Blocked,
    RateLimited,
    SaveRefused,
    StopRun,
    stop_advice,
    transport_error,
)
from archive.mementos import GOOD_STATUS, Memento, memento_from_url, wayback_timestamp
from archive.polite import (
    _LIMITS_LOCK,
    _QUIETS,
    Gate,
    HostPause,
    WaitNotice,
    call_with_deadline,
    retry_after_seconds,
    shared_gate,
    utc_after,
)
from crawler.config import ConfigError, parse_duration
from crawler.middlewares.refusals import address_class, configured_netlocs
from crawler.resolve import Connections, addresses_refused, parse_pins, pin_urllib3
from crawler.spiderrun import user_agent
from db.lock import ARCHIVE

IA_WAYBACK = "https://web.archive.org"
IA_AVAILABILITY = "https://archive.org/wayback/available"
CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
# SPN2 errors after which no further capture can succeed today: stop the run, keep the queue.
STOP_ERRORS = ("error:too-many-daily-captures", "error:user-session-limit", "error:max-daily-bandwidth",
               "error:unauthorized", "error:no-access")
# Requests in a row that could not connect put the archive out of reach for the run: with no
# network, every further request would fail the same way.
UNREACHABLE_IN_A_ROW = 3
# Calls in a row that timed out or answered 5xx after their retries: the archive is down
# (`stop_after` of the archive stage's and resolve's clients).
UNANSWERED_IN_A_ROW = 3
# The most of a CDX answer read: the rows any query here asks for (waybackpy's limit, 25,000) of
# over a kilobyte each; an answer beyond it ignored the limit.
CDX_MOST_BYTES = 32 * 2 ** 20


# ---------------------------------------------------------------- answers

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
    allow_private: bool = False   # allow_private_networks: a redirect to a private address is followed

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
            allow_private=bool(config.allow_private_networks),
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
        connections = Connections()   # cut if the call is abandoned, or its thread would wait on for ever
        try:
            answer = call_with_deadline(connections.opening(self._judged(func)), self.options.timeout, what,
                                        abandon=connections.cut)
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

    def _judged(self, func: Callable[[], Any]) -> Callable[[], Any]:
        """`func` with each connection it opens judged as the crawl judges a source's address
        (crawler/resolve.py `addresses_refused`): the archive's redirects, and waybackpy's
        requests, follow a Location to any host, and an archive that is hostile, hijacked or
        reached over plain http could send them to this machine's network (a metadata service,
        an intranet) as blind requests of ours.  The hosts and ports the configuration names
        (the archive's own, which may be private, and the proxies') are trusted; allow_private_networks
        lifts the rule, as for the crawl."""
        if self.options.allow_private:
            return func
        trusted = configured_netlocs(self.options.base, self.options.availability,
                                     *(url for scheme, url in getproxies().items() if scheme != "no"))

        def judged():
            with addresses_refused(lambda address: address_class(ipaddress.ip_address(address)), trusted):
                return func()

        return judged

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

        The query is built by waybackpy's CDX object (payload, URL) and sent by `_cdx_answer`
        (its body capped), which also spots excluded sites; the rows are read here because
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
                response = _cdx_answer(full_url(api.endpoint, payload), {"User-Agent": api.user_agent})
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


def _cdx_answer(url: str, headers: dict[str, str]) -> requests.Response:
    """The CDX's answer to `url`, its body read to CDX_MOST_BYTES at most (ArchiveError beyond):
    waybackpy's `get_response` read any body whole, and an archive that ignores `limit` (1.5 GB of
    rows) held 5.5 GB of memory and two minutes of a core, the deadline long passed.  No retries
    of urllib3's own (requests' default): they would send requests our limiter never sees.  An
    excluded site raises BlockedSiteError, as `get_response` does."""
    with requests.Session() as session, session.get(url, headers=headers, stream=True) as response:
        body = response.raw.read(CDX_MOST_BYTES + 1, decode_content=True)
        if len(body) > CDX_MOST_BYTES:
            raise ArchiveError(f"CDX: the answer is over {CDX_MOST_BYTES // 2 ** 20} MB, more than any row "
                               "limit asked for; not read")
        response._content = body   # (what `response.content` holds once read: `text` and the checks read it)
    check_for_blocked_site(response)
    return response


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
