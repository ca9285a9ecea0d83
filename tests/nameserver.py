"""A name server of the test machine's own: it answers 127.0.0.1 (the test web) for every name.

Every name but those that begin "again-": their query gets no answer, as from a resolver
whose name servers are out of reach (EAI_AGAIN, worded as Twisted words a failed lookup).

A Scrapy settings module: a crawl run with SCRAPY_SETTINGS_MODULE=tests.nameserver in its
environment (crawler/spiderrun.py keeps the environment's value) has the project's settings
with one change, TWISTED_DNS_RESOLVER: the crawl's resolver is `LoopbackNameServer`, Scrapy's
caching resolver (CachingThreadedResolver, as citewatch's PinnedResolver is) whose queries
are answered here instead of by getaddrinfo.  `resolve_hosts` is not read by it: the pins
stay what citewatch's lookups of its own see (the canary hosts), so a test can give one name
two answers, as a name server that rebinds it gives a first and a second query.  Each query
that reaches it (the answers the crawl kept, crawler/middlewares/lookups.py `HostLookups`, and Scrapy's
DNS cache answer the rest) is a line in <data_dir>/nameserver.log: `queries` counts them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.base import ThreadedResolver

from crawler.settings import *  # noqa: F403 (the project's settings, TWISTED_DNS_RESOLVER changed below)

TWISTED_DNS_RESOLVER = "tests.nameserver.LoopbackNameServer"
LOG = "nameserver.log"


class _LoopbackQueries(ThreadedResolver):
    """The DNS query itself: what CachingThreadedResolver asks when its cache has no answer."""

    log: Path

    def getHostByName(self, name: str, timeout=()):
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(name + "\n")
        if name.startswith("again-"):
            return defer.fail(self._fail(name, "Temporary failure in name resolution"))
        return defer.succeed("127.0.0.1")


class LoopbackNameServer(CachingThreadedResolver, _LoopbackQueries):
    """Scrapy's caching resolver over `_LoopbackQueries` (its super() call lands there)."""

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.log = Path(crawler.settings.getdict("CITEWATCH_CONFIG")["data_dir"]) / LOG
        resolver.log.parent.mkdir(parents=True, exist_ok=True)
        return resolver


def queries(data_dir: str | Path) -> Counter:
    """How many queries reached the name server for each name, in a crawl run with it."""
    log = Path(data_dir) / LOG
    return Counter(log.read_text(encoding="utf-8").split()) if log.exists() else Counter()
