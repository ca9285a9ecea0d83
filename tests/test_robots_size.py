"""A robots.txt is read to its first 500 KiB (crawler/middlewares/robots.py `CappedRobotParser`),
the least RFC 9309 asks a crawler to parse: Scrapy parses and checks it on the event loop, and a
24 MB one of 900,000 rules held every other host of the crawl for seconds.  A real crawl of a site
of this module, served by the test process under a pinned name (tests/test_host_quiet.py)."""

from __future__ import annotations

import uuid

import pytest

from crawler.middlewares.robots import ROBOTS_MOST_BYTES
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome
from tests.test_resolve import _renamed
from tests.web import server
from tests.web.server import Request as WebRequest, Response as WebResponse, route

BIG_ROBOTS = "big-robots-txt"
NAME = "big-robots.example"
# A rule at the top, comment lines past 500 KiB, then a rule no crawler need read.
_ROBOTS = (b"User-agent: *\nDisallow: /early/\n" + (b"# " + b"x" * 1000 + b"\n") * (ROBOTS_MOST_BYTES // 1000 + 50)
           + b"Disallow: /late/\n")


@route("/robots.txt", site=BIG_ROBOTS)   # (this site's, over the test web's for every site)
def _big_robots(req: WebRequest) -> WebResponse:
    return WebResponse(200, _ROBOTS, content_type="text/plain")


@route("/", site=BIG_ROBOTS)
def _page(req: WebRequest) -> WebResponse:
    return WebResponse(200, b"<html><head><title>A statement</title></head><body><p>The Ministry calls for "
                            b"an immediate ceasefire.</p></body></html>")


@pytest.fixture(scope="module")
def big_robots() -> str:
    """The site's base URL under the pinned name `NAME`."""
    return _renamed(server.start((BIG_ROBOTS,))[BIG_ROBOTS], NAME, "")


def test_a_robots_txt_is_read_to_its_first_500_kib(big_robots, web, env, db, tmp_path):
    key = uuid.uuid4().hex
    early, late = f"{big_robots}/early/{key}", f"{big_robots}/late/{key}"
    ids = add_sources(db, [early, late])
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=f"{NAME}=127.0.0.1,*=fail", soft404_probe=0))
    assert outcome(db, ids[early])["class"] == "blocked-by-robots"   # a rule read
    assert outcome(db, ids[late])["class"] == "live"                 # a rule past 500 KiB, not read
    assert len(_ROBOTS) > ROBOTS_MOST_BYTES + 40_000
