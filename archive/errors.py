"""What the archive answered or failed to answer, one exception class an outcome, and the
words a failed request is said in.

Each outcome is one exception class, so callers map it to a status without parsing
messages: `RateLimited`, `Blocked`, `NoMemento`, `ArchiveUnavailable` (and
`ArchiveUnreachable`), `SaveRefused`, `StopRun`; `RUN_STOPS` are those that concern the run,
not one source or job.  A request that got no answer is worded here (`transport_error`,
`unreachable_cause`): no connection at all said in words, naming the archive and the fix; a
connection the archive took and dropped told apart from it.  The client that raises them
is archive/wayback.py.
"""

from __future__ import annotations

import errno
import re
import socket
import ssl
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from crawler.config import setting_named
from crawler.resolve import AddressRefused


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


# ---------------------------------------------------------------- the words of a failed request

def transport_error(what: str, exc: requests.RequestException, url: str,
                    setting: str = "CITEWATCH_WAYBACK_URL") -> ArchiveError:
    """A requests failure as an outcome: no connection at all, an answer that did not come, or
    a redirect to an address the archive client refuses (crawler/resolve.py `addresses_refused`),
    an answer we cannot use: not retried, not counted toward putting the archive out of reach.

    No connection is said in words, naming the archive and the fix: requests' own text
    is urllib3's repr with the whole query URL, unreadable on one line.  A connection the
    archive took and dropped before answering (an overloaded server resets it) is no
    "cannot reach": it is backed off and retried as a timeout is, and does not count toward
    putting its host out of reach (`beyond_reach`).  `setting`: the one that names `url`'s
    host, for the fix.
    """
    refused = next((c for c in _causes(exc) if isinstance(c, AddressRefused)), None)
    if refused is not None:
        allow = setting_named("allow_private_networks")
        return ArchiveError(f"{what}: not following the archive's redirect: {refused} "
                            f"(if your archive redirects within your network, set {allow.name} ({allow.env_var}))")
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

