"""One configuration object, built once: defaults < citewatch.toml < CITEWATCH_* < flags.

Every setting is one `Setting` record in `SETTINGS` (name, default, help), as in
Datasette's settings tuple, so that docs and tests can walk the registry.  Config is
read at call time (`load_config`), never at import time.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return "CITEWATCH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "citewatch.db", "Path of the SQLite database."),
    Setting("data_dir", "citewatch-data", "Directory for WARC files, reports and other artefacts."),
    Setting("contact_url", "https://github.com/citewatch/citewatch", "Contact URL sent in the User-Agent."),
    Setting("user_agent", "citewatch/{version} (+{contact_url})", "User-Agent of the first request ({version} and {contact_url} are filled in)."),
    Setting("fetch_timeout", 30.0, "Seconds before a fetch is given up as a timeout."),
    Setting("retries", 2, "Retries for 5xx answers and timeouts."),
    Setting("retry_backoff", 1.0, "Base seconds of the exponential backoff between retries."),
    Setting("max_size", 25 * 1024 * 1024, "Largest body kept, in bytes; bigger answers are classified too-large."),
    Setting("ingest_max_bytes", 20 * 1024 * 1024, "Largest document `citewatch ingest` reads, in bytes (a compiled letter is well under 1 MB)."),
    Setting("check_max_quote_chars", 20_000, "Longest quote `citewatch check` accepts, in characters; a longer row is an error (a statement is rarely over 5,000)."),
    Setting("per_host_concurrency", 1, "Concurrent requests per host (1 or 2 is polite)."),
    Setting("host_delay", 1.0, "Minimum seconds between two requests to one host."),
    Setting("concurrency", 16, "Concurrent requests over all hosts."),
    Setting("autothrottle", True, "Use Scrapy's AutoThrottle to adapt to slow hosts."),
    Setting("obey_robots", True, "Obey robots.txt; a forbidden source is classified blocked-by-robots."),
    Setting("allow_private_networks", False, "Allow hosts on loopback/private/link-local addresses (tests and intranets)."),
    Setting("network_canaries", ["https://web.archive.org/", "https://www.wikipedia.org/", "https://one.one.one.one/"], "Hosts tried (a TCP connection, no request) when every source of a crawl failed at the network level: if none answers, the machine was offline and the crawl's checks are withdrawn."),
    Setting("resolve_hosts", [], "Host names pinned like curl's --resolve, no DNS asked (the crawl and the archive client): host=address, *.domain=address, *=address; address 'fail' = does not resolve (*=fail: an offline run)."),
    Setting("browser_retry", True, "Retry once with a browser's header set when a site blocks the citewatch User-Agent."),
    Setting("retry_after_default", 60.0, "Seconds to wait after a 429 without Retry-After."),
    Setting("retry_after_cap", 300.0, "Longest Retry-After honoured in one run; beyond it the source is failing for this run."),
    Setting("crawl_social", True, "Fetch cited X/Twitter and Facebook pages live too (logged out they only show a login wall; `citewatch resolve` finds the posts in the archives)."),
    Setting("soft404_probe", True, "Probe a random path on the host to detect soft-404 pages."),
    Setting("ca_bundle", "", "Extra CA certificates (PEM file) trusted when checking TLS certificates."),
    Setting("extract_workers", 0, "Processes for text extraction (0 = one per core)."),
    Setting("warc_compression_level", 1, "gzip level (0-9) of the crawl's WARC records: 1-3 with ISA-L (1 is the fastest), 4-9 with zlib (6 costs ~14x the CPU of 1 for files ~20% smaller; BENCHMARKS.md), 0 stores."),
    Setting("recheck_live", "7d", "How often a live source is re-checked by scheduled crawls."),
    Setting("recheck_failing", "1d", "How often a failing source is re-checked."),
    Setting("recheck_dead", "30d", "How often a dead source is re-checked."),
    Setting("watch_every", "1d", "Time between two runs of `citewatch watch` and of the cron/systemd schedules."),
    Setting("changes_file", "", "JSON file the changes since the previous scheduled run are written to (default: <data_dir>/changes.json)."),
    Setting("dead_after_checks", 3, "Failing checks needed before a source is dead (InternetArchiveBot uses 3)."),
    Setting("dead_after_days", 3.0, "Days the failing checks must span before a source is dead."),
    Setting("wayback_url", "https://web.archive.org", "Base URL of the Wayback Machine (or a compatible archive)."),
    Setting("availability_url", "", "Availability API base (default: derived from wayback_url; archive.org for the real one)."),
    Setting("save_if_older_than", "30d", "Ask for a capture unless a memento newer than this exists."),
    Setting("save_per_minute", 3.2, "Anonymous capture requests per minute (80% of IA's 4; see docs/archive.md)."),
    Setting("save_per_minute_keys", 9.6, "Capture requests per minute with IA keys (80% of IA's 12)."),
    Setting("cdx_per_minute", 48.0, "CDX and availability requests per minute (80% of IA's 60)."),
    Setting("save_max_attempts", 4, "Attempts before a save job is failed."),
    Setting("archive_timeout", 60.0, "Seconds before a Wayback API call is abandoned."),
    Setting("archive_backoff", 30.0, "Base seconds of the backoff after a Wayback 5xx or timeout."),
    Setting("save_poll_interval", 5.0, "Seconds between SPN2 status polls."),
    Setting("memento_window_days", 90, "Days around the citation date searched for mementos."),
    Setting("rescue_live", True, "Also fetch the memento nearest the citation date of live sources, so reconcile can tell drift."),
    Setting("social_days_before", 1, "Days before the statement date searched for posts."),
    Setting("social_days_after", 2, "Days after the statement date searched for posts."),
    Setting("facebook_capture_days", 30, "Days after a Facebook citation's window whose captures are searched when no post captured in the window matches: a post whose page shows its date is taken by that date, one that does not only if first captured in the window."),
    Setting("social_min_score", 60.0, "Lowest alignment score (0-100) for a post to be taken as the cited one."),
    Setting("nitter_mirrors", [], "Nitter-compatible mirrors to search (base URLs)."),
    Setting("syndication_url", "", "Tweet syndication endpoint base (empty = not used)."),
    Setting("redis_url", "", "Redis URL for the distributed frontier (empty = single machine)."),
    Setting("redis_heartbeat", 15.0, "Seconds a distributed worker may go silent before its in-flight sources go back to the frontier."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class ConfigError(click.ClickException):
    """A configuration file or variable that cannot be used, with the fix."""


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    """Turn a string from the environment or a flag into the setting's type."""
    default = setting.default
    if not isinstance(value, str) or isinstance(default, str):
        return value
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
            return [v.strip() for v in value.split(",") if v.strip()]
    except ValueError:
        raise ConfigError(
            f"{origin}: {value!r} is not a valid value for {setting.name} "
            f"(expected {type(default).__name__}, default {default!r})"
        ) from None
    return value


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

    @property
    def db_path(self) -> Path:
        return Path(self.values["db"])

    @property
    def data_path(self) -> Path:
        path = Path(self.values["data_dir"])
        path.mkdir(parents=True, exist_ok=True)
        return path

    def with_overrides(self, **overrides: Any) -> "Config":
        """A copy with flag values applied (None means: flag not given)."""
        values, origins = dict(self.values), dict(self.origins)
        for name, value in overrides.items():
            if value is None:
                continue
            values[name] = _coerce(_BY_NAME[name], value, f"--{name.replace('_', '-')}")
            origins[name] = "flag"
        return Config(values, origins)


def load_config(config_file: str | Path | None = None, env: dict[str, str] | None = None, **flags: Any) -> Config:
    """Build the configuration: defaults < citewatch.toml < CITEWATCH_* < flags."""
    env = os.environ if env is None else env
    values = {s.name: s.default for s in SETTINGS}
    origins = {s.name: "default" for s in SETTINGS}
    path = Path(config_file) if config_file else Path("citewatch.toml")
    if config_file and not path.exists():
        raise ConfigError(f"{path}: configuration file not found (omit --config to use ./citewatch.toml if present)")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or remove it") from None
        data = data.get("citewatch", data)
        for name, value in data.items():
            key = name.replace("-", "_")
            if key not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {name!r}; see `citewatch settings` for the list")
            values[key] = _coerce(_BY_NAME[key], value, str(path))
            origins[key] = str(path)
    for setting in SETTINGS:
        if setting.env_var in env:
            values[setting.name] = _coerce(setting, env[setting.env_var], setting.env_var)
            origins[setting.name] = setting.env_var
    return Config(values, origins).with_overrides(**flags)


def parse_duration(text: str | float | int) -> float:
    """Seconds in a duration such as '30d', '12h', '15m', '90s' or a plain number of seconds."""
    if isinstance(text, (int, float)):
        return float(text)
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
    text = text.strip().lower()
    try:
        if text[-1] in units:
            return float(text[:-1]) * units[text[-1]]
        return float(text)
    except (ValueError, IndexError):
        raise ConfigError(f"{text!r} is not a duration; write it like 30d, 12h, 15m or 90s") from None
