"""A failed lookup keeps its reason when it is a host's first, with no robots.txt asked before.

Twisted's HostnameEndpoint drops the resolver's reason: a lookup failing inside a download
reads "no results for hostname lookup", which says nothing of whether the name does not
exist (NXDOMAIN: a dns-failure, strong evidence, not retried) or the resolver did not
answer (EAI_AGAIN: a hiccup, retried, then a connection-error).  With robots.txt obeyed,
its request met the failure first and the page's own lookup kept the reason; without it
(obey_robots off, and every memento fetch) the page's lookup is the first.  Attempts are
counted from the crawl's WARC, where every request is written, retries included.
"""

from __future__ import annotations

import json

import pytest

from archive.rescue import _open_crawl
from crawler.config import load_config
from crawler.spiderrun import run_spider, scrapy_settings
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_offline_lookups import _asked

RETRIES = 2


@pytest.mark.parametrize("obey_robots", ["0", "1"])
def test_a_first_lookup_that_did_not_finish_is_a_hiccup_retried(obey_robots, web, env, db, tmp_path):
    # a canary answers (the test web): the machine is online, so the hiccup gets its retries
    hiccup = "http://hiccup-first.example/statement"
    ids = add_sources(db, [hiccup])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=again", obey_robots=obey_robots, retries=RETRIES,
                         network_canaries=web["main"] + "/crawl/live?key=resolve-reasons-canary")
    crawl_here(crawl_env)
    fetch = outcome(db, ids[hiccup])
    assert (fetch["class"], fetch["evidence"].get("dns")) == ("connection-error", "temporary"), fetch
    assert "Temporary failure in name resolution" in fetch["error_message"]
    assert "no results for hostname lookup" not in fetch["error_message"]
    assert _asked(crawl_env)[hiccup] == 1 + RETRIES


def test_a_first_lookup_of_a_name_that_does_not_exist_is_a_dns_failure_asked_once(web, env, db, tmp_path):
    gone = "http://gone-first.example/statement"
    ids = add_sources(db, [gone])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=fail", obey_robots="0", retries=RETRIES)
    crawl_here(crawl_env)
    fetch = outcome(db, ids[gone])
    assert fetch["class"] == "dns-failure" and "dns" not in fetch["evidence"], fetch
    assert "pinned to fail" in fetch["error_message"]
    assert _asked(crawl_env)[gone] == 1


def test_a_memento_fetch_whose_lookup_did_not_finish_is_a_hiccup_retried(web, env, db, tmp_path):
    # a memento fetch asks no robots.txt: its own lookup is the replay host's first
    replay = "http://replay-hiccup.example/web/20200101000000id_/https://gov.example/statement"
    sid = add_sources(db, ["https://gov.example/statement"])["https://gov.example/statement"]
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="*=again", retries=RETRIES,
                         network_canaries=web["main"] + "/crawl/live?key=resolve-reasons-memento-canary")
    crawl_id = _open_crawl(db)
    run_spider("mementos", load_config(env=crawl_env), crawl_id=crawl_id,
               targets=[{"source_id": sid, "url": replay, "timestamp": "20200101000000"}])
    fetch = next(db.query("SELECT * FROM fetches WHERE crawl_id = ? AND purpose = 'memento' AND final = 1", [crawl_id]))
    assert "Temporary failure in name resolution" in fetch["error_message"], fetch
    assert fetch["class"] == "connection-error" and json.loads(fetch["evidence"])["dns"] == "temporary", fetch
    assert _asked(crawl_env)[replay] == 1 + RETRIES


def test_a_request_sent_to_a_proxy_is_not_looked_up_here(web, env, db, tmp_path):
    # the proxy looks the name up itself (here a closed loopback port: no DNS, nothing out):
    # the connection to the proxy fails, not a lookup that the crawl never makes
    cited = "http://proxied.example/statement"
    ids = add_sources(db, [cited])
    proxy = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": "127.0.0.1"}
    crawl_env = {k: v for k, v in fast_env(env, web, tmp_path, resolve_hosts="*=fail", obey_robots="0").items()
                 if k.lower() not in proxy}
    crawl_here({**crawl_env, **proxy})
    fetch = outcome(db, ids[cited])
    assert fetch["class"] == "connection-error" and "ConnectionRefused" in fetch["error_class"], fetch


@pytest.mark.parametrize("proxy", [
    {"http_proxy": "http://127.0.0.1:9", "no_proxy": "127.0.0.1,direct.example"},  # no_proxy names the host
    {"http_proxy": "/var/run/docker.sock", "no_proxy": "127.0.0.1"},  # a value Scrapy cannot parse is no proxy
], ids=["no_proxy", "unparseable"])
def test_a_request_the_environment_sends_direct_is_looked_up_here(proxy, web, env, db, tmp_path):
    # HttpProxyMiddleware sends these straight to the host: the download's own lookup would lose the reason
    cited = "http://direct.example/statement"
    ids = add_sources(db, [cited])
    crawl_env = {k: v for k, v in fast_env(env, web, tmp_path, resolve_hosts="*=again", obey_robots="0", retries=RETRIES,
                                           network_canaries=web["main"] + "/crawl/live?key=resolve-direct-canary").items()
                 if k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}
    crawl_here({**crawl_env, **proxy})
    fetch = outcome(db, ids[cited])
    assert (fetch["class"], fetch["evidence"].get("dns")) == ("connection-error", "temporary"), fetch
    assert "Temporary failure in name resolution" in fetch["error_message"], fetch


def test_a_lookup_asked_before_the_host_s_turn_waits_no_longer_than_a_fetch():
    # made inside the download, a lookup was bounded by the download's timeout; asked before the
    # host's turn, it is bounded by Scrapy's DNS_TIMEOUT (60 s by default), which follows
    # fetch_timeout
    settings = scrapy_settings(dict(load_config(env={"CITEWATCH_FETCH_TIMEOUT": "7"}).values), "sources")
    assert settings["DNS_TIMEOUT"] == settings["DOWNLOAD_TIMEOUT"] == 7.0
