"""Scrapy settings of the suite's cluster workers: the project's, with an idle worker looking at
its crawl every 0.1 s instead of every second (CITEWATCH_IDLE_CHECK, crawler/cluster/worker.py),
so that no worker outlives its crawl by more than that.

`cluster_env` (tests/test_distributed.py) names this module in SCRAPY_SETTINGS_MODULE, whose
value from the environment crawler/cluster/worker.py and crawler/spiderrun.py keep.
"""

from crawler.settings import *  # noqa: F403 (the project's settings, CITEWATCH_IDLE_CHECK added below)

CITEWATCH_IDLE_CHECK = 0.1
