"""One configuration object, built once: defaults < citewatch.toml < CITEWATCH_* < flags.

Every setting is one `Setting` record in `SETTINGS` (name, default, help), as in
Datasette's settings tuple, so that docs and tests can walk the registry.  A setting
may name the values it accepts (`Bounds` for numbers, a check for durations and URLs);
`parse_setting` applies it wherever a value comes in (file, environment, flag), so an
out-of-range value is one line naming where it came from.  A relative path in a
configuration file is read from the file's folder (`PATH_SETTINGS`).  Config is read at
call time (`load_config`), never at import time.
"""

from __future__ import annotations

import difflib
import errno
import json
import math
import os
import re
import string
import tomllib
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import click

from crawler.export import to_stdout
from db import MIGRATION_WAIT, WRITE_WAIT


@dataclass(frozen=True)
class Bounds:
    """The numbers a setting accepts: finite, at least `low` (more than `low` when `above`),
    at most `high`.  Called with a value, it says what is wrong with it (None: nothing)."""

    low: float | None = None
    high: float | None = None
    above: bool = False
    show: Callable[[float], str] = "{:g}".format  # how a bound is written in the message
    zero: str | None = None  # 0 is accepted too, and means this (a rate of 0: "no limit")

    def __call__(self, value: float) -> str | None:
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an integer no float holds (a typo of many zeros)
            return "is too large"
        if not finite:
            return "must be a finite number"
        if self.zero and value == 0:
            return None
        too_low = self.low is not None and (value <= self.low if self.above else value < self.low)
        if not too_low and (self.high is None or value <= self.high):
            return None
        return "must be " + self.accepted()

    def accepted(self) -> str:
        """The accepted numbers in words: '0 or more', 'from 0 to 100', 'greater than 0 and 9 or less'."""
        if self.zero:
            return f"0 ({self.zero}) or " + Bounds(self.low, self.high, self.above, self.show).accepted()
        if self.low is not None and self.high is not None and not self.above:
            return f"from {self.show(self.low)} to {self.show(self.high)}"
        words = []
        if self.low is not None:
            words.append(f"greater than {self.show(self.low)}" if self.above else f"{self.show(self.low)} or more")
        if self.high is not None:
            words.append(f"{self.show(self.high)} or less")
        return " and ".join(words)


POSITIVE = Bounds(0, above=True)  # a timeout or an interval: 0 would never wait or never end
NON_NEGATIVE = Bounds(0)          # a delay, a retry count or a window, where 0 means none
AT_LEAST_ONE = Bounds(1)          # a size, a concurrency or an attempt count, where 0 would do nothing
# Requests a minute: 0 lifts the limit; a tiny rate would wait for years (1e-8: 190 of them).
RATE = Bounds(0.01, zero="no limit")
SCORE = Bounds(0, 100)
GZIP_LEVEL = Bounds(0, 9)
# Seconds SQLite waits for a lock: it waits in whole milliseconds, so a value under one
# (0.0001) would be rounded to a busy_timeout of 0 ms, no wait at all.
SHORTEST_LOCK_WAIT = 0.001


def _redis_url_problem(url: str) -> str | None:
    """What is wrong with a Redis URL, as redis-py reads it (empty: no Redis, fine)."""
    if not url:
        return None
    from redis.connection import parse_url

    fix = "write redis://HOST:6379/0"
    try:  # redis://[x is no URL to urlsplit: a ValueError, not a scheme
        if urlsplit(str(url)).scheme not in ("redis", "rediss", "unix"):
            return f"is not a Redis URL; {fix}"
        parse_url(str(url))
    except ValueError as exc:  # a port that is not a number, or out of range
        return f"is not a Redis URL ({exc}); {fix}"
    return None


NOT_A_DURATION = "is not a duration; write it like 30d, 12h, 15m or 90s"


@dataclass(frozen=True)
class Duration:
    """The check of a duration setting (see `parse_duration`): a duration, whose seconds are
    within `bounds`.  A class, not a closure, so that `_coerce` can tell a duration setting
    (a TOML number of seconds is one) from a text setting (where a number is a slip)."""

    bounds: Bounds

    def __call__(self, text: str | float | int) -> str | None:
        try:
            seconds = parse_duration(text)
        except ConfigError:
            return NOT_A_DURATION
        except OverflowError:  # a TOML integer no float holds
            return "is too large"
        return self.bounds(seconds)


# A re-check or save age: 0 means every time, and ten years is as good as never (a huge one
# overflowed the date of the next check, and every check of a crawl was lost with it).
DURATION = Duration(Bounds(0, 3650 * 86400, show=lambda seconds: human_duration(seconds)))
# The time between two runs: 0 would never pause, and more than a year is no schedule for
# link rot (a huge one would overflow `watch`'s wait and fill systemd's timer with digits).
INTERVAL = Duration(Bounds(0, 366 * 86400, above=True, show=lambda seconds: human_duration(seconds)))


def _path_problem(path: str) -> str | None:
    """An empty path (`--db ""`, `CITEWATCH_DB=`) is the current folder, no file: refused here,
    not as a traceback from whichever stage opens it."""
    return "is empty: give a path, or leave it out for its default" if not path.strip() else None  # a flag, a variable or a key


USER_AGENT_FIELDS = ("version", "contact_url")  # what `user_agent_text` fills in


def user_agent_text(template: str, contact_url: str) -> str:
    """The User-Agent `template` filled in with citewatch's version and `contact_url`."""
    try:
        release = version("citewatch")
    except PackageNotFoundError:
        release = "dev"
    return template.format(version=release, contact_url=contact_url)


def _user_agent_problem(template: str) -> str | None:
    """A User-Agent template that `str.format` cannot fill (an unknown {name}, a lone brace)
    failed every crawl with a traceback.  Its fields are checked by their form, not by filling
    in stand-ins: {contact_url[0]} passed with a stand-in "x" and failed the crawl of an empty
    contact_url.  A plain field of text formats alike whatever the text, so one try with the
    real version tells the rest (a format code text has not, as {version:d})."""
    why = None
    try:
        for _, name, spec, conversion in string.Formatter().parse(template):
            plain = name in USER_AGENT_FIELDS and conversion in (None, "s", "r", "a") and "{" not in (spec or "")
            if name is not None and not plain:
                field_text = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                why = f"{{{field_text}}} is no placeholder"
                break
        else:
            user_agent_text(template, "")
    except Exception as exc:  # whatever str.format raises is the template's fault
        why = str(exc)
    if why is None:
        return None
    return (f"is not a User-Agent template ({why}): only {{version}} and {{contact_url}} are "
            "filled in; write a brace meant as text twice, {{ or }}")


def _http_url_problem(example: str) -> Callable[[Any], str | None]:
    """The check of a base URL setting (empty: not used) or of a list of them: each an http(s)
    URL with a host.  Unchecked, a mirror `notaurl` was searched for nothing, without a word."""

    def problem(value: str | list[str]) -> str | None:
        for url in value if isinstance(value, list) else [value] if value else []:
            what = f"holds {url!r}, which is" if isinstance(value, list) and len(value) > 1 else "is"
            try:  # http://[x is no URL to urlsplit, nor http://h:abc's port a number: a ValueError each
                parts = urlsplit(url.strip())
                parts.port
            except ValueError as exc:
                return f"{what} not an http(s) URL ({exc}); write it like {example}"
            if parts.scheme not in ("http", "https") or not parts.hostname:
                return f"{what} not an http(s) URL; write it like {example}"
        return None

    return problem


def _host_problem(example: str) -> Callable[[Any], str | None]:
    """The check of a list of hosts to connect to (`network_canaries`): each an http(s) URL or
    a bare host[:port] (crawler/resolve.py `network_reachable` reads both) whose host is a
    name or an address.  Unchecked, "not a host!!" was knocked at for nothing, and a variable's
    "[]" became a host named "[]" (README's spelling for none, now read as none)."""

    def problem(value: list[str]) -> str | None:
        for text in value:
            what = f"holds {text!r}, which is" if len(value) > 1 else "is"
            try:  # (//[x and //h:abc are ValueErrors to urlsplit)
                parts = urlsplit(text if "//" in text else "//" + text)
                parts.port
            except ValueError:
                parts = None
            host = parts.hostname if parts else None
            if (parts is None or parts.scheme not in ("", "http", "https") or not host
                    or not (_HOST_NAME.fullmatch(host) or _ip_address(host))):
                return f"{what} not a host nor an http(s) URL; write it like {example} or web.archive.org, or [] for none"
        return None

    return problem


# A host name: dot-separated labels of letters (any script), digits and hyphens.
_HOST_NAME = re.compile(r"(?!-)[^\W_]+(?:-+[^\W_]+)*(?:\.(?!-)[^\W_]+(?:-+[^\W_]+)*)*\.?")


def _ip_address(text: str) -> bool:
    """`text` is an IPv4 or IPv6 address (urlsplit gives an IPv6 one without its brackets):
    crawler/resolve.py's test (imported here: resolve imports this module)."""
    from crawler.resolve import address_literal

    return address_literal(text)


def _needed_url_problem(example: str, other: str = "") -> Callable[[Any], str | None]:
    """The check of a URL setting an empty value cannot turn off (the archive's base, the contact
    URL every request carries): checked where it is loaded, so that a typo is one line before
    any work, not an error at the first call to the archive or a crawl that sends `(+)`.
    `other` is an example of a URL of another scheme accepted besides http(s) (a mailto: URL,
    for a contact): a refusal then names both kinds, or a mailto: contact was told it must be
    http(s)."""
    http = _http_url_problem(example)
    scheme = urlsplit(other).scheme

    def problem(value: str) -> str | None:
        text = str(value).strip()
        if not text:
            return f"is empty; write it like {example}"
        if any(ch.isspace() or not ch.isprintable() for ch in text):  # a header's CR LF, a pasted tab
            return f"holds a space or a control character; write it like {example}"
        said = http(text)
        if not other or not said:
            return said
        try:  # (http://[x is no URL to urlsplit: a ValueError)
            parts = urlsplit(text)
        except ValueError:
            parts = None
        if parts and parts.scheme == scheme and parts.path:
            return None
        return f"is not an http(s) URL nor a {scheme}: URL; write it like {example} or {other}"

    return problem


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    check: Callable[[Any], str | None] | None = None  # what is wrong with a value (None: nothing)

    @property
    def env_var(self) -> str:
        return "CITEWATCH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "citewatch.db", "Path of the SQLite database.", _path_problem),
    Setting("data_dir", "citewatch-data", "Directory for WARC files, reports and other artefacts.", _path_problem),
    Setting("migration_wait", MIGRATION_WAIT, "Seconds a command, opening the database, waits for another process's write lock (its schema upgrade: minutes on a large database) before it gives up.", Bounds(SHORTEST_LOCK_WAIT, 86400)),
    Setting("write_wait", WRITE_WAIT, "Seconds a write waits for another process's write lock on the database (a `sqlite3` shell, a database browser) before the command stops with one line saying so.", Bounds(SHORTEST_LOCK_WAIT, 3600)),
    Setting("contact_url", "https://github.com/citewatch/citewatch", "Contact URL sent in the User-Agent (an http(s) or mailto: URL).", _needed_url_problem("https://example.org/about-our-crawler", "mailto:you@example.org")),
    Setting("user_agent", "citewatch/{version} (+{contact_url})", "User-Agent of the first request ({version} and {contact_url} are filled in).", _user_agent_problem),
    Setting("fetch_timeout", 30.0, "Seconds before a fetch is given up as a timeout.", POSITIVE),
    Setting("retries", 2, "Retries for 5xx answers, timeouts and lookups that did not finish (EAI_AGAIN; see offline_after_hosts).", NON_NEGATIVE),
    Setting("retry_backoff", 1.0, "Base seconds of the exponential backoff between retries.", NON_NEGATIVE),
    Setting("offline_after_hosts", 3, "Lookups of this many different hosts failing for now (EAI_AGAIN) since a server last answered (or the crawl began): the canary hosts are asked, and if none answers the network seems unreachable and such lookups are no longer retried.", AT_LEAST_ONE),
    Setting("max_size", 25 * 1024 * 1024, "Largest body kept, in bytes; bigger answers are classified too-large.", AT_LEAST_ONE),
    Setting("ingest_max_bytes", 20 * 1024 * 1024, "Largest document `citewatch ingest` reads, in bytes (a compiled letter is well under 1 MB).", AT_LEAST_ONE),
    Setting("check_max_quote_chars", 20_000, "Longest quote `citewatch check` accepts, in characters; a longer row is an error (a statement is rarely over 5,000).", AT_LEAST_ONE),
    Setting("per_host_concurrency", 1, "Concurrent requests per host (1 or 2 is polite).", AT_LEAST_ONE),
    Setting("host_delay", 1.0, "Minimum seconds between two requests to one host (0 is taken as 1 ms: with no delay Scrapy does not hold per_host_concurrency).", NON_NEGATIVE),
    Setting("concurrency", 16, "Concurrent requests over all hosts.", AT_LEAST_ONE),
    Setting("autothrottle", True, "Use Scrapy's AutoThrottle to adapt to slow hosts."),
    Setting("obey_robots", True, "Obey robots.txt; a forbidden source is classified blocked-by-robots."),
    Setting("allow_private_networks", False, "Allow hosts on addresses that are not globally routable (loopback, private, link-local, shared …: tests and intranets), for the crawl, for `citewatch ingest URL` and for the archive's redirects; the services of wayback_url, availability_url, nitter_mirrors and syndication_url (host and port) are always allowed when the archive and resolve stages ask them."),
    Setting("network_canaries", ["https://web.archive.org/", "https://www.wikipedia.org/", "https://one.one.one.one/"], "Hosts tried (a TCP connection, no request) when every source of a crawl failed at the network level: if none answers, the machine was offline and the crawl's checks are withdrawn.  Also asked during a crawl (offline_after_hosts), once since a server last answered, to stop retrying lookups.  Each an http(s) URL or host[:port]; [] for none.", _host_problem("https://web.archive.org/")),
    Setting("resolve_hosts", [], "Host names pinned like curl's --resolve, no DNS asked (the crawl and the archive client): host=address, *.domain=address, *=address; address 'fail' = does not resolve (*=fail: an offline run), 'again' = the lookup fails for now (EAI_AGAIN, as when no name server answers)."),
    Setting("browser_retry", True, "Retry once with a browser's header set when a site blocks the citewatch User-Agent."),
    Setting("retry_after_default", 60.0, "Seconds to wait after a 429 without Retry-After.", NON_NEGATIVE),
    Setting("retry_after_cap", 300.0, "Longest Retry-After honoured in one run; beyond it the source is rate-limited (not checked this run, its state kept) and its host is asked nothing until the Retry-After has passed (kept in host_quiet).", NON_NEGATIVE),
    Setting("crawl_social", True, "Fetch cited X/Twitter and Facebook pages live too (logged out they only show a login wall; `citewatch resolve` finds the posts in the archives)."),
    Setting("soft404_probe", True, "Probe a random path on the host to detect soft-404 pages."),
    Setting("ca_bundle", "", "Extra CA certificates (PEM file) trusted when checking TLS certificates."),
    Setting("extract_workers", 0, "Processes for text extraction (0 = one per core).", NON_NEGATIVE),
    Setting("extract_timeout", 60.0, "Seconds an extraction worker may spend on one page before it is stopped and the page said unextracted (0 = no limit).", NON_NEGATIVE),
    Setting("warc_compression_level", 1, "gzip level (0-9) of the crawl's WARC records: 1-3 with ISA-L (1 is the fastest), 4-9 with zlib (6 costs ~14x the CPU of 1 for files ~20% smaller; BENCHMARKS.md), 0 stores.", GZIP_LEVEL),
    Setting("recheck_live", "7d", "How often a live source is re-checked by scheduled crawls.", DURATION),
    Setting("recheck_failing", "1d", "How often a failing source is re-checked.", DURATION),
    Setting("recheck_dead", "30d", "How often a dead source is re-checked.", DURATION),
    Setting("watch_every", "1d", "Time between two runs of `citewatch watch` and of the cron/systemd schedules, from the start of one to the start of the next.", INTERVAL),
    Setting("changes_file", "", "JSON file the changes since the previous scheduled run are written to (default: <data_dir>/changes.json; `-` for standard output among the run's own lines (no JSON alone: a script reads the file), which cron mails when the crontab line does not redirect it (the line `schedule --cron` prints appends it to scheduled.log))."),
    Setting("dead_after_checks", 3, "Failing checks needed before a source is dead (InternetArchiveBot uses 3).", AT_LEAST_ONE),
    Setting("dead_after_days", 3.0, "Days between two counted failing checks: each must come at least this long after the previous counted one (so with dead_after_checks 3, a source is dead at the earliest twice this after its first failing check).", NON_NEGATIVE),
    Setting("wayback_url", "https://web.archive.org", "Base URL of the Wayback Machine (or a compatible archive).", _needed_url_problem("https://web.archive.org")),
    Setting("availability_url", "", "Availability API base (default: derived from wayback_url; archive.org for the real one).", _http_url_problem("https://archive.org")),
    Setting("save_if_older_than", "30d", "Ask for a capture unless a memento newer than this exists.", DURATION),
    Setting("save_per_minute", 3.2, "Anonymous capture requests per minute (80% of IA's 4; see docs/archive.md); 0 = no limit, for an archive of your own.", RATE),
    Setting("save_per_minute_keys", 9.6, "Capture requests per minute with IA keys (80% of IA's 12); 0 = no limit, for an archive of your own.", RATE),
    Setting("cdx_per_minute", 48.0, "CDX and availability requests per minute, the two together (80% of IA's 60 per IP); 0 = no limit, for an archive of your own.", RATE),
    Setting("save_max_attempts", 4, "Attempts before a save job is failed.", AT_LEAST_ONE),
    Setting("archive_timeout", 60.0, "Seconds before a Wayback API call is abandoned.", POSITIVE),
    Setting("archive_backoff", 30.0, "Base seconds of the backoff after a Wayback 5xx or timeout.", NON_NEGATIVE),
    Setting("save_poll_interval", 5.0, "Seconds between SPN2 status polls.", POSITIVE),
    Setting("archive_wait_notice", 5.0, "A wait of the archive stage this long or longer (a Retry-After, the pacing of calls, a backoff) is said in one line as it starts.", NON_NEGATIVE),
    Setting("memento_window_days", 90.0, "Days around the citation date searched for mementos.", NON_NEGATIVE),
    Setting("rescue_live", True, "Also fetch the memento nearest the citation date of live sources, so reconcile can tell drift."),
    Setting("social_days_before", 1, "Days before the statement date searched for posts.", NON_NEGATIVE),
    Setting("social_days_after", 2, "Days after the statement date searched for posts.", NON_NEGATIVE),
    Setting("facebook_capture_days", 30, "Days after a Facebook citation's window whose captures are searched when no post captured in the window matches: a post whose page shows its date is taken by that date, one that does not only if first captured in the window.", NON_NEGATIVE),
    Setting("social_min_score", 60.0, "Lowest alignment score (0-100) for a post to be taken as the cited one.", SCORE),
    Setting("nitter_mirrors", [], "Nitter-compatible mirrors to search (base URLs).", _http_url_problem("https://nitter.example")),
    Setting("syndication_url", "", "Tweet syndication endpoint base (empty = not used).", _http_url_problem("https://cdn.syndication.twimg.com")),
    Setting("redis_url", "", "Redis URL for the distributed frontier (empty = single machine).", _redis_url_problem),
    Setting("redis_heartbeat", 15.0, "Seconds a distributed worker may go silent before its in-flight sources go back to the frontier.", POSITIVE),
)

_BY_NAME = {s.name: s for s in SETTINGS}
# Settings that name a file or folder: a relative one in a configuration file is read from that
# file's folder, as most tools read theirs (`--config ../citewatch.toml` with db = "rel.db"
# looked for ./rel.db, and said only "no database at rel.db").
PATH_SETTINGS = ("db", "data_dir", "changes_file", "ca_bundle")


def setting_named(name: str) -> Setting:
    """The setting `name`, for a message that names it as `citewatch settings` lists it."""
    return _BY_NAME[name]


class ConfigError(click.ClickException):
    """A configuration file or variable that cannot be used, with the fix."""


def parse_setting(name: str, value: Any, origin: str) -> Any:
    """`value` (text or a TOML value) as setting `name` takes it, or a ConfigError naming
    `origin` (the variable, flag or file line it came from) and the values it accepts."""
    setting = _BY_NAME[name]
    parsed = _coerce(setting, value, origin)
    problem = setting.check(parsed) if setting.check else None
    if problem:
        raise ConfigError(f"{origin}: {_shown(value).strip() or repr(value)} {problem}")  # an empty value shown as ''
    return parsed


def setting_text(value: Any) -> str:
    """A setting's value as a user writes it in a CITEWATCH_* variable, which `parse_setting`
    reads back as the same value: a flag true or false, a list's items comma-separated, anything
    else as it is.  What `citewatch settings` shows and a schedule carries (Python's spellings,
    True and ['a', 'b'], read as another program's)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def _shown(value: Any) -> str:
    """A value as the user wrote it (TOML's true, not Python's True), cut short when it is long;
    with escapes where it holds a control character, which would break the one-line error (a
    line break) or act on the terminal (an escape sequence)."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    text = text if text.isprintable() else repr(text)
    return text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    """Turn a string from the environment or a flag, or a TOML value, into the setting's type."""
    if isinstance(value, str):
        return _from_text(setting, value, origin)
    default = setting.default
    if _numeric(default):
        return _number(setting, value, origin)
    if isinstance(default, bool) and isinstance(value, bool):
        return value
    if isinstance(setting.check, Duration):
        return value  # a TOML number of seconds; its check says what is wrong with a true or a date
    if isinstance(default, list) and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]  # as a variable's comma list: " https://n.example" was kept
    if value is False and setting.name in OFF_WHEN_EMPTY:
        return type(default)()  # a TOML false for a setting not used when empty: it was read so
    if value is False and setting.name in FALSE_INSTEAD:
        raise ConfigError(f"{origin}: false is not {_EXPECTED[type(default)]}; {FALSE_INSTEAD[setting.name]}")
    # db = 5 crashed at the database's open, nitter_mirrors = 5 at the resolve stage
    raise _not_valid(setting, value, origin)


def _from_text(setting: Setting, value: str, origin: str) -> Any:
    """A setting's value from text: an environment variable, a flag, or a TOML string."""
    default = setting.default
    try:
        if isinstance(default, bool):
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, list):
            if value.strip() == "[]":  # TOML's empty list, as README writes "no canary host", in a variable
                return []
            return [v.strip() for v in value.split(",") if v.strip()]
    except ValueError:
        raise _not_valid(setting, value, origin) from None
    return value


# The settings an empty value turns off (no pinned host, no mirror, no CA bundle, no
# syndication endpoint, no Redis), which a TOML false may therefore turn off too.
OFF_WHEN_EMPTY = ("resolve_hosts", "nitter_mirrors", "ca_bundle", "syndication_url", "redis_url")

# The settings whose empty value does not turn them off, and what to write instead of false:
# no canary host means no canary answers (the machine is taken as offline), and an empty
# changes file or availability URL is the default one, still used.
FALSE_INSTEAD = {
    "network_canaries": "write network_canaries = [] for no canary host: a crawl whose every source failed at "
                        "the network level is then taken as run offline (its checks withdrawn), and failed "
                        "lookups stop being retried after offline_after_hosts hosts",
    "changes_file": "leave it out for the default (<data_dir>/changes.json)",
    "availability_url": "leave it out for the default (derived from wayback_url)",
}


def _numeric(default: Any) -> bool:
    return isinstance(default, (int, float)) and not isinstance(default, bool)


def _number(setting: Setting, value: Any, origin: str) -> int | float:
    """A number from a TOML file for a numeric setting: true is not 1, nor 2.5 a count."""
    whole = isinstance(setting.default, int)
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or (whole and isinstance(value, float) and not value.is_integer())):
        raise _not_valid(setting, value, origin)
    return int(value) if whole else float(value)


_EXPECTED = {bool: "true or false", int: "a whole number", float: "a number", str: "text", list: "a list of text"}


def _not_valid(setting: Setting, value: Any, origin: str) -> ConfigError:
    """`origin` names the setting already (its variable, flag or `file: name`): say what it takes,
    and for text written without quotes in a TOML file, the line that gives it as text."""
    shown = repr(_shown(value)) if isinstance(value, str) else _shown(value)
    expected = _EXPECTED[type(setting.default)]
    if isinstance(setting.default, (str, list)):
        return ConfigError(f"{origin}: {shown} is not {expected}; write it in quotes: {_as_text(setting, value)}")
    return ConfigError(f"{origin}: {shown} is not {expected} (default {_shown(setting.default)})")


def _as_text(setting: Setting, value: Any) -> str:
    """The TOML line that gives `value` as the text a text or list setting takes (a table, which
    no text setting holds, is shown as the default instead; a list given to a text setting, as
    its first item)."""
    def quoted(item: Any) -> str:
        return json.dumps("..." if isinstance(item, (list, dict)) else _shown(item))

    if isinstance(value, dict) or value == []:
        value = setting.default
    if isinstance(setting.default, list):
        return f"{setting.name} = [{', '.join(quoted(v) for v in (value if isinstance(value, list) else [value]))}]"
    return f"{setting.name} = {quoted(value[0] if isinstance(value, list) else value)}"


def _unwritable(path: Path) -> OSError:
    """Why os.access refused to let this user write in the folder `path`, which it does not
    say: a read-only file system (EROFS: a remount after a disk error, a read-only bind mount),
    where no permission would help, else permission denied."""
    try:
        read_only = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        read_only = False
    if read_only:
        return OSError(errno.EROFS, "read-only file system", str(path))
    return PermissionError(errno.EACCES, "permission denied", str(path))


@dataclass
class Config:
    """The merged settings, with where each value came from."""

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def origin_file(self, name: str) -> str | None:
        """The configuration file setting `name` came from, or None (its default, a flag or a
        CITEWATCH_* variable): one test of an origin's kind, for every message and schedule."""
        origin = self.origins.get(name, "default")
        return None if origin in ("default", "flag") or origin.startswith("CITEWATCH_") else origin

    @property
    def db_path(self) -> Path:
        return Path(self.values["db"])

    @property
    def data_path(self) -> Path:
        """The data directory, made if missing; one that cannot hold files is a ConfigError
        here rather than a traceback from whichever stage writes there first."""
        path = Path(self.values["data_dir"])
        try:
            path.mkdir(parents=True, exist_ok=True)
            if not os.access(path, os.W_OK | os.X_OK):
                raise _unwritable(path)
        except OSError as exc:
            why = "it is a file" if path.exists() and not path.is_dir() else exc.strerror or exc
            raise ConfigError(f"data directory {path} is not writable ({why}); "
                              "set --data-dir or CITEWATCH_DATA_DIR") from None
        return path

    @property
    def existing_data_path(self) -> Path:
        """The data directory for a command that only reads it (`verify`): never made (a
        mistyped --data-dir became an empty folder whose WARC files were all "missing") nor
        required writable (a read-only copy of a crawl is verified as it is)."""
        path = Path(self.values["data_dir"])
        if not path.is_dir():
            why = "is a file, not a folder" if path.exists() else "does not exist"
            raise ConfigError(f"data directory {path}{self._set_where('data_dir')} {why}; "
                              "give --data-dir the folder that holds warc/")
        return path

    def _set_where(self, name: str) -> str:
        """' (from CITEWATCH_DATA_DIR)' or ' (from ./citewatch.toml)' for a value the user did not
        type on this command line; nothing for a flag or a default, said as typed."""
        origin = self.origins.get(name, "default")
        return "" if origin in ("default", "flag") else f" (from {origin})"

    def with_overrides(self, **overrides: Any) -> "Config":
        """A copy with flag values applied (None means: flag not given)."""
        values, origins = dict(self.values), dict(self.origins)
        for name, value in overrides.items():
            if value is None:
                continue
            values[name] = parse_setting(name, value, f"--{name.replace('_', '-')}")
            origins[name] = "flag"
        return Config(values, origins)


def load_config(config_file: str | Path | None = None, env: dict[str, str] | None = None, *,
                unknown_names: list[str] | None = None, **flags: Any) -> Config:
    """Build the configuration: defaults < citewatch.toml < CITEWATCH_* < flags.

    A name that is no setting (a file key, a CITEWATCH_* variable) is a ConfigError, or, given
    `unknown_names`, is said there and passed over: `citewatch settings` still lists the
    settings, which that error sends the user to."""
    env = os.environ if env is None else env
    values = {s.name: s.default for s in SETTINGS}
    origins = {s.name: "default" for s in SETTINGS}
    strays: list[str] = []
    if config_file is not None and not str(config_file).strip():  # it read ./citewatch.toml, unsaid
        raise ConfigError("--config is empty: give a file path, or leave the flag out to use ./citewatch.toml if present")
    path = Path(config_file) if config_file else Path("citewatch.toml")
    if config_file and not path.exists():
        raise ConfigError(f"{path}: configuration file not found (omit --config to use ./citewatch.toml if present)")
    if path.exists():
        for key, value in _file_settings(path, strays).items():
            values[key] = _from_folder(path, key, parse_setting(key, value, f"{path}: {key}"))
            origins[key] = str(path)
    strays += _unknown_variables(env)
    if strays and unknown_names is None:
        raise ConfigError("; ".join(strays))
    if unknown_names is not None:
        unknown_names += strays
    for setting in SETTINGS:
        if setting.env_var in env:
            values[setting.name] = parse_setting(setting.name, env[setting.env_var], setting.env_var)
            origins[setting.name] = setting.env_var
    return Config(values, origins).with_overrides(**flags)


def _file_settings(path: Path, strays: list[str]) -> dict[str, Any]:
    """The settings a TOML file gives, by name; a key that names no setting is refused, as an
    unknown CITEWATCH_* variable is, with the setting it seems to mean (said in `strays`)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or remove it") from None
    table = data.get("citewatch", data)
    if not isinstance(table, dict):  # citewatch = "x" failed with an AttributeError traceback
        raise ConfigError(f"{path}: citewatch = {json.dumps(table) if isinstance(table, str) else _shown(table)} is not a table; write the settings under a "
                          "[citewatch] line, or at the top level without it")
    given = {}
    for name, value in table.items():
        key = name.replace("-", "_")
        if key in _BY_NAME:
            given[key] = value
        else:
            strays.append(f"{path}: unknown setting {name!r}{_did_you_mean(key)}: rename or remove it; "
                          "`citewatch settings` lists the settings")
    return given


def _from_folder(config_file: Path, name: str, value: Any) -> Any:
    """A relative path setting of `config_file` joined to the file's folder (kept relative when
    the file's path is: ./citewatch.toml's db = "letters.db" stays letters.db).  `-` (standard
    output, export.to_stdout: changes_file) is no path: joined, a file of --config's folder
    named "-" took the changes of a run from cron, which passes --config as an absolute path."""
    if name not in PATH_SETTINGS or not value or Path(value).is_absolute() or to_stdout(value):
        return value
    return str(config_file.parent / value)


def _unknown_variables(env) -> list[str]:
    """A CITEWATCH_* variable that names no setting is refused, as a mistyped citewatch.toml key
    is: ignored, CITEWATCH_WAYBACKURL sent the archive's traffic to the real Wayback Machine.
    (Every CITEWATCH_* name the code reads is a setting's; CITEWATCH_CONFIG and the like are
    Scrapy settings keys, never read from the environment.)  A citewatch_* in other letter case
    is refused too: variable names are case-sensitive, so it was never read either."""
    known = {setting.env_var for setting in SETTINGS}
    unknown = sorted(name for name in env if name.upper().startswith("CITEWATCH_") and name not in known)
    if not unknown:
        return []
    named = "; ".join(f"{name} names no setting{_did_you_mean(name[len('CITEWATCH_'):], env_var=True)}"
                      for name in unknown)
    return [f"{named}: rename or unset it, or the setting you meant keeps its value; `citewatch settings` lists them"]


def _did_you_mean(name: str, env_var: bool = False) -> str:
    """' (did you mean host_delay?)' (or its variable, CITEWATCH_HOST_DELAY), or nothing when no
    setting's name is close (a variable is compared without its CITEWATCH_, which made every
    one look close)."""
    close = difflib.get_close_matches(name.lower(), _BY_NAME, n=1)
    if not close:
        return ""
    return f" (did you mean {_BY_NAME[close[0]].env_var if env_var else close[0]}?)"


def parse_duration(text: str | float | int) -> float:
    """Seconds in a duration such as '30d', '12h', '15m', '90s' or a plain number of seconds."""
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):  # a TOML true, date or list
        raise ConfigError(f"{_shown(text)} {NOT_A_DURATION}")
    if isinstance(text, (int, float)):
        return float(text)
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
    text = text.strip().lower()
    try:
        if text[-1] in units:
            return float(text[:-1]) * units[text[-1]]
        return float(text)
    except (ValueError, IndexError):
        raise ConfigError(f"{text!r} {NOT_A_DURATION}") from None


def human_duration(seconds: float) -> str:
    """12h rather than 43200 (systemd and people read both), to the microsecond (systemd's
    finest): never `1e+06s` ({:g} for 1000001 s), which systemd cannot read and which lost a
    digit, and 1.1h's 3960.0000000000005 s is 66m."""
    micro = round(seconds * 1_000_000)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if micro >= size * 1_000_000 and micro % (size * 1_000_000) == 0:
            return f"{micro // (size * 1_000_000)}{unit}"
    return f"{micro / 1_000_000:.6f}".rstrip("0").rstrip(".") + "s"
