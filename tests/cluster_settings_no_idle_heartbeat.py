"""tests/cluster_settings.py with Scrapy's idle heartbeat put off for an hour.

Scrapy asks an idle spider whether it may close (`spider_idle`) when its engine pulls requests,
and otherwise only on its engine's heartbeat, every 5 s (ExecutionEngine._SLOT_HEARTBEAT_INTERVAL,
no setting).  Run with SCRAPY_SETTINGS_MODULE naming this module, a worker that relied on that
signal to see its crawl closed stays; one that looks itself (CITEWATCH_IDLE_CHECK) leaves.
"""

from scrapy.core.engine import ExecutionEngine

from tests.cluster_settings import *  # noqa: F403 (the suite's cluster settings, the heartbeat put off below)

# (a Scrapy that renamed it would leave the heartbeat on, and the test proving nothing: refused)
assert isinstance(ExecutionEngine._SLOT_HEARTBEAT_INTERVAL, float), "Scrapy's idle heartbeat moved"
ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = 3600.0
