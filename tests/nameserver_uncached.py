"""tests/nameserver.py with Scrapy's DNS cache off (DNSCACHE_ENABLED, a Scrapy setting).

Every lookup made through the crawl's resolver reaches the name server, as it does for a name
whose entry Scrapy's cache (DNSCACHE_SIZE names, first in first out) has dropped: a crawl run
with SCRAPY_SETTINGS_MODULE=tests.nameserver_uncached shows which lookups the crawl makes
itself and which it leaves to the cache.
"""

from tests.nameserver import *  # noqa: F403 (the test name server's settings, the cache turned off below)

DNSCACHE_ENABLED = False
