"""Scrapy settings of a crawl that cannot start: the project's, with one more downloader
middleware that refuses to be built (as `_check_downloader_internals` refuses a Scrapy whose
internals moved).  tests/test_crawl_start_failure.py names this module in SCRAPY_SETTINGS_MODULE,
whose value from the environment crawler/spiderrun.py keeps."""

from crawler.settings import *  # noqa: F403 (the project's settings, one middleware added below)
from crawler.settings import DOWNLOADER_MIDDLEWARES as _PROJECT_MIDDLEWARES


class RefusingMiddleware:
    """A component whose `from_crawler` raises, as one refusing this Scrapy would."""

    @classmethod
    def from_crawler(cls, crawler):
        raise RuntimeError("this Scrapy lacks what the crawl needs (a test's refusal)")


DOWNLOADER_MIDDLEWARES = {**_PROJECT_MIDDLEWARES, "tests.start_failure_settings.RefusingMiddleware": 50}
