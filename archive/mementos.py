"""Mementos as values: one capture (`Memento`), read off a replay URL, and Wayback timestamps.

A replay URL is `<base>/web/<timestamp>[flag_]/<original>`: `memento_from_url` reads one on
any base (web.archive.org or a configured archive), `replay_of` one a citation gives,
`written_timestamp` its digits as written, `replay_base` its base.  `wayback_timestamp`
writes a moment as the 14 digits, UTC, the archive takes, and `wayback_moment` reads them
back: the one place the 14-digit form is written and read.  `GOOD_STATUSES` are the
statuses of a capture worth using.
Which memento a source uses is the lookup's (archive/snapshots.py); the client that asks
the archive for them is archive/wayback.py.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from crawler.urls import ARCHIVE_HOSTS, host_of

GOOD_STATUSES = re.compile(r"[23]..|-")   # the page, its redirect, or a revisit of it unchanged; never an error
GOOD_STATUS = f"statuscode:({GOOD_STATUSES.pattern})"   # the same, as a CDX filter
# A replay URL's timestamp: 14 digits, or a year, month, day, hour or minute (4 to 12 digits) that
# the archive reads as the capture closest to that period's end and redirects to
# (`memento_from_url(…, inexact=True)`).
_MEMENTO_URL = re.compile(r"/web/(\d{4}(?:\d\d){0,5})[a-z]{0,2}_?/(.+)$")
_PAD_UP = "1231235959"   # what follows the year at the end of a period: 2020 -> 20201231235959
_PAD_DOWN = "0101000000"   # what follows the year at the start of a period: 2020 -> 20200101000000
_STAMP = re.compile(r"[0-9]{4,14}")
# Any path in the archive's replay space: "/web/", a timestamp as the Wayback software reads one
# (digits, or a calendar's or a list's `*`: /web/*/…, /web/2020*/…, /web/2/…), a flag, a slash;
# or "/web/" and the page's own URL with no timestamp (/web/https://…: the newest capture).
_REPLAY_PATH = re.compile(r"/web/(?:[0-9*]+[a-z]{0,2}_?/|https?:)", re.IGNORECASE)
UTC = datetime.timezone.utc


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
        """When the capture was made (aware, UTC)."""
        return wayback_moment(self.timestamp)


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
        wayback_moment(timestamp)
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


def replay_base(url: str | None) -> str | None:
    """The archive a replay URL is on: everything before its "/web/<timestamp>/" (a configured
    archive's base may have a path of its own); None for a URL that is no replay URL.

    A replay URL's path has "/web/", a timestamp (digits, or a calendar's `*`) and a slash,
    or "/web/" right before the page's own http(s) URL: "/web/" alone is a folder any site may have, and on the configured archive's host (which
    may serve other pages: in the tests, every site is 127.0.0.1) such a page is no capture.
    Whether the timestamp names a capture is `memento_from_url`'s to say."""
    match = _REPLAY_PATH.search(url or "")
    return url[:match.start()] if match else None


def _period_end(digits: str) -> str:
    """The 14-digit timestamp ending the period a short one names (a month ends on its own
    last day; an impossible month is left for the caller's calendar check to refuse)."""
    if len(digits) == 6 and 1 <= int(digits[4:]) <= 12:
        digits += f"{calendar.monthrange(int(digits[:4]), int(digits[4:]))[1]:02d}"
    return digits + _PAD_UP[len(digits) - 4:]


def wayback_timestamp(moment: datetime.datetime) -> str:
    """`moment` as the 14 digits, UTC, the archive reads (CDX `from`/`to`, replay URLs).

    A naive datetime is taken as UTC, not as the machine's local time (what astimezone()
    assumes): the naive moments this project holds are UTC ones (a Nitter date "… UTC" read
    with strptime), and read as local time they moved by the machine's offset: a post's
    date hours off wherever TZ is not UTC.  An aware one is converted to UTC."""
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def wayback_moment(stamp: str) -> datetime.datetime:
    """A Wayback timestamp as an aware UTC moment: 14 digits, or a period's first 4 to 13 as
    the CDX takes them ("2020", "20200402"), read as the period's start, as the CDX's `from`
    reads them (digits padded with zeros, a month or a day with 01, as pywb pads one down:
    "2020" is 2020-01-01 00:00:00).  ValueError for anything else, and for a date no
    calendar has (a 13th month, 30 February)."""
    if not _STAMP.fullmatch(stamp or ""):
        raise ValueError(f"Wayback timestamp {stamp!r} is not 4 to 14 digits; write it as YYYYMMDDhhmmss "
                         "or its start, such as 20200402")
    t = stamp + _PAD_DOWN[len(stamp) - 4:]
    try:
        return datetime.datetime(int(t[:4]), int(t[4:6]), int(t[6:8]), int(t[8:10]), int(t[10:12]), int(t[12:14]),
                                 tzinfo=UTC)
    except ValueError as exc:
        raise ValueError(f"Wayback timestamp {stamp!r} names no date in the calendar ({exc}); check its month, "
                         "day and time") from None
