"""Real crawls of the fixture web: one class per case, states, evidence, texts and the WARC.

Each test runs `citewatch crawl` against the test web on 127.0.0.1, with timeouts, delays
and backoffs shrunk through CITEWATCH_* settings, and asserts on the rows it stored.  The
crawl is a subprocess (`crawl`), as a user runs it, or the command called in this process
(`crawl_here`) where the test is about what a crawl stores or says, not about its process (both
in tests/clirun.py); either way Scrapy runs in the crawl's own child (Twisted's reactor starts
once per process).
The tests that only read what a crawl with fast_env's settings stored share one crawl
(`class_crawl`: CASES, and SHARED for the tests below it), not one each.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import urllib.request
import uuid
from dataclasses import replace

import pytest
from warcio.archiveiterator import ArchiveIterator

import db as database
from crawler import search, verify
from tests.clirun import crawl, crawl_here, fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources, fetches_of, outcome, source, warc_file
from tests.web.pages import HUGE_ANNOUNCED, HUGE_ANNOUNCED_CHUNK


# (site, path, class, state, a check of the evidence or reason)
CASES = [
    ("main", "/crawl/live", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/removed-notice", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/moved", "redirected", "live",
     lambda f: [h["status"] for h in json.loads(f["redirects"])] == [301, 200] and f["final_url"].endswith("/crawl/new-home/statement")),
    ("main", "/crawl/news/2020/statement", "redirected-to-root", "failing", lambda f: f["evidence"]["final_url"].endswith("/")),
    ("main", "/crawl/meta-refresh-home", "redirected-to-root", "failing",
     lambda f: json.loads(f["redirects"])[0] == {"url": f["requested_url"], "status": 200, "via": "meta refresh"}
     and f["evidence"]["final_url"].endswith("/")),
    ("main", "/crawl/meta-refresh-utf16", "redirected-to-root", "failing", lambda f: f["evidence"]["final_url"].endswith("/")),
    ("main", "/crawl/status/404", "client-error", "failing", lambda f: f["status"] == 404 and "not found" in f["reason"]),
    ("main", "/crawl/status/410", "client-error", "failing", lambda f: f["status"] == 410 and "gone" in f["reason"]),
    ("main", "/crawl/status/500", "server-error", "failing", lambda f: f["status"] == 500 and "retries" in f["reason"]),
    ("main", "/crawl/flaky?key=classes", "live", "live", lambda f: f["status"] == 200),
    (None, "http://no-such-host.invalid/statement", "dns-failure", "failing", lambda f: "does not resolve" in f["reason"]),
    ("closed", "/statement", "connection-error", "failing", lambda f: f["error_class"] == "DownloadConnectionRefusedError"),
    ("main", "/crawl/slow-drip", "timeout", "failing",
     lambda f: f["error_class"] == "DownloadTimeoutError" and f["evidence"]["answered"] and "2.0 seconds" in f["reason"]),
    # no Content-Length: the cap cuts the stream, and only the request is kept
    ("main", "/crawl/huge", "too-large", "unknown",
     lambda f: f["status"] is None and f["warc_path"] is None and "size cap" in f["reason"]),
    # a Content-Length over the cap: the status and headers are kept (test_an_answer_announced_over_the_cap_…)
    ("main", "/crawl/huge-announced?key=classes", "too-large", "unknown",
     lambda f: (f["status"], f["content_type"], f["length"], f["sha256"]) == (200, "text/html", HUGE_ANNOUNCED, None)
     and f"announces {HUGE_ANNOUNCED:,} bytes" in f["reason"] and f"size cap of {2 * 1024 * 1024:,}" in f["reason"]
     and "headers are kept in the WARC, not its body" in f["reason"]),
    ("main", "/crawl/gzip-bomb", "too-large", "unknown", lambda f: "decompresses beyond" in f["reason"]),
    ("main", "/crawl/header-flood", "connection-error", "failing",
     lambda f: "over 256 KiB of status line and headers" in f["reason"] and f["status"] is None),
    ("main", "/crawl/loop-a", "redirect-loop", "failing", lambda f: "never end" in f["reason"]),
    ("main", "/crawl/page-non-trouvee", "soft-404", "failing", lambda f: f["evidence"]["title"] == "Page non trouvée"),
    ("main", "/crawl/old-report", "soft-404", "failing", lambda f: f["evidence"]["final_url"].endswith("/errors/notfound.html")),
    ("soft404", "/some/deleted/article", "soft-404", "failing",
     lambda f: f["evidence"]["probe_status"] == 200 and f["evidence"]["similarity"] >= 90),
    ("soft404", "/crawl/real-article", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/login-only", "login-wall", "unknown", lambda f: "Log in to continue" in f["reason"]),
    ("main", "/crawl/members-area", "login-wall", "unknown", lambda f: "/login?next=" in f["reason"]),
    ("main", "/crawl/private/classes", "blocked-by-robots", "unknown", lambda f: f["status"] is None),
    (None, "ftp://example.org/statement.txt", "refused", "unknown", lambda f: "ftp" in f["reason"]),
    ("main", "/crawl/invalid-utf8", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/wrong-charset", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/zh-gb18030", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/latin1-as-utf8", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/malformed", "live", "live", lambda f: f["status"] == 200),
    ("main", "/crawl/corrupt.pdf", "live", "live", lambda f: "PDF cannot be read" in f["reason"]),
    ("main", "/crawl/statement.pdf", "live", "live", lambda f: f["content_type"] == "application/pdf"),
    ("main", "/crawl/binary", "live", "live", lambda f: "binary content" in f["reason"]),
    ("tls_expired", "/crawl/statement", "tls-error", "live", lambda f: f["tls_error"] == "certificate has expired"),
    ("tls_wrongname", "/crawl/statement", "tls-error", "live", lambda f: "mismatch" in f["tls_error"]),
    ("tls_good", "/crawl/statement", "live", "live", lambda f: f["tls_error"] is None),
]


# The sources of the tests after the class tests that read a crawl with fast_env's settings,
# crawled beside CASES (`class_crawl`) rather than in a crawl each: {name: (site, path)}.  The
# walls' rate-limited page has a host name of its own (a Retry-After beyond the cap closes its
# host for the crawl), pinned to 127.0.0.1 in that crawl (WALL_PINS); every other name fails.
SHARED = {
    "long-url": ("main", "/crawl/live?key=long-url&utm_campaign=" + "x" * 2200),   # over Scrapy's 2,083 limit
    # ten pieces, each followed by 0.12 s, then the close that ends it: at least 1.2 s, always past
    # the first try's 1 s, and the retry's 2 s leave 0.8 s for a loaded machine (1.5 s left 0.5 s,
    # and a busy run missed it)
    "slow-pdf": ("main", "/crawl/slow-pdf?seconds=1.2"),
    "short-body": ("main", "/crawl/short-body"),
    # silent for 30 s, far past the 1 s timeout: a crawl stalled on a busy machine still times out
    "moved-to-silence": ("main", "/crawl/moved-to-silence?hold=30"),
    "tarpit-silent": ("main", "/crawl/akamai-tarpit?hold=30"),
    "dead-gone": ("main", "/crawl/status/404?key=dead"),
    "dead-back": ("main", "/crawl/live?key=dead"),
    "cloudflare": ("main", "/crawl/cloudflare"),
    "cloudflare-normal": ("main", "/crawl/cloudflare-normal"),
    "akamai": ("main", "/crawl/akamai"),
    "ua-picky": ("main", "/crawl/ua-picky?key=walls"),
    "linkedin": ("main", "/crawl/linkedin"),
    "rate-limited": ("limited.walls.example", "/crawl/rate-limited?after=3600"),
    "rate-once": ("main", "/crawl/rate-once?key=walls"),
    "rate-no-header": ("main", "/crawl/rate-no-header?key=walls"),
    "forbidden": ("main", "/crawl/status/403?key=walls"),
}
WALL_PINS = "limited.walls.example=127.0.0.1,*=fail"
# two earlier checks of the dead-* sources, four days apart: a third failure makes one dead
DEAD_HISTORY = [{"at": "2026-01-01T00:00:00+00:00", "class": "client-error", "reason": "404", "attempt": "citewatch",
                 "kind": "rot", "counts": True, "strength": "strong"},
                {"at": "2026-01-05T00:00:00+00:00", "class": "client-error", "reason": "404", "attempt": "citewatch",
                 "kind": "rot", "counts": True, "strength": "strong"}]


def _shared_url(web: dict, site: str, path: str) -> str:
    """A SHARED source's URL: on the test web's main site, under its own host name for another."""
    return web[site] + path if site in web else web["main"].replace("127.0.0.1", site) + path


@pytest.fixture(scope="module")
def class_crawl(web, tmp_path_factory):
    """One crawl over every case of CASES and every SHARED source, shared by the tests that read
    it: (ids of every source, urls of CASES, result, db, {SHARED name: url})."""
    tmp_path = tmp_path_factory.mktemp("classes")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        web = {**web, "closed": f"http://127.0.0.1:{sock.getsockname()[1]}"}
    db_path = tmp_path / "classes.db"
    env = dict(os.environ, CITEWATCH_DB=str(db_path), CITEWATCH_DATA_DIR=str(tmp_path / "data"),
               CITEWATCH_ALLOW_PRIVATE_NETWORKS="1")
    db = database.open_db(db_path)
    urls = [path if site is None else web[site] + path for site, path, *_ in CASES]
    shared = {name: _shared_url(web, site, path) for name, (site, path) in SHARED.items()}
    ids = add_sources(db, urls + list(shared.values()))
    for name in ("dead-gone", "dead-back"):
        db["sources"].update(ids[shared[name]], {"state": "failing", "failing_checks": 2,
                                                 "checks": json.dumps(DEAD_HISTORY)})
    result = crawl_here(fast_env(env, web, tmp_path, resolve_hosts=WALL_PINS))
    return ids, urls, result, db, shared


def test_every_class_has_its_case(class_crawl):
    ids, urls, result, db, _ = class_crawl
    wrong = []
    for url, (site, path, cls, state, check) in zip(urls, CASES):
        fetch, src = outcome(db, ids[url]), source(db, ids[url])
        if (fetch["class"], src["state"]) != (cls, state) or not check(fetch):
            wrong.append((path, fetch["class"], src["state"], fetch["reason"], fetch["evidence"]))
        assert fetch["reason"] and "\n" not in fetch["reason"]
    assert not wrong
    assert "sources (" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_texts_are_extracted_and_decoded(class_crawl):
    ids, urls, _, db, _ = class_crawl
    by_path = {path: ids[url] for url, (site, path, *_) in zip(urls, CASES)}

    def text_of(path):
        rows = list(db.query("select * from texts where source_id = ?", [by_path[path]]))
        assert len(rows) == 1, path
        return rows[0]

    live = text_of("/crawl/live")
    assert live["origin"] == "live" and "immediate global ceasefire" in live["text"]
    assert live["title"] == "Statement on the ceasefire" and live["language"] == "en" and live["date"] == "2020-03-31"
    assert "Copyright Ministry" not in live["text"]  # boilerplate left out
    for path in ("/crawl/wrong-charset", "/crawl/latin1-as-utf8"):
        assert "Le ministère appelle à un cessez-le-feu immédiat" in text_of(path)["text"], path
    assert "Le ministère appelle" in text_of("/crawl/invalid-utf8")["text"]
    assert "immediate global ceasefire" in text_of("/crawl/malformed")["text"]
    pdf = " ".join(text_of("/crawl/statement.pdf")["text"].split())
    assert "observe an immediate global ceasefire and rejects the illegitimate annexation" in pdf  # hyphen rejoined
    tls_text = db.execute("select count(*) from texts t join fetches f on f.id = t.fetch_id where f.class = 'tls-error'").fetchone()[0]
    assert tls_text == 2  # content behind a bad certificate is still extracted
    for path in ("/crawl/status/404", "/crawl/page-non-trouvee", "/crawl/login-only", "/crawl/binary"):
        assert not list(db.query("select id from texts where source_id = ?", [by_path[path]])), path
    hits = list(db.query("select rowid from texts_fts where texts_fts match 'ceasefire'"))
    assert hits  # full-text search is fed
    chinese = text_of("/crawl/zh-gb18030")  # decoded from GB18030, and searchable inside a run of letters
    assert "呼吁有关各方保持克制" in chinese["text"] and chinese["title"] == "外交部发言人就纳卡局势答记者问"
    assert {hit["text_id"] for hit in search.search(db, "保持克制 关切")} == {chinese["id"]}


def test_the_retries_are_recorded_once_with_the_deciding_attempt(class_crawl):
    ids, urls, _, db, _ = class_crawl
    rows = list(db.query("select source_id, attempt, count(*) n from fetches where purpose = 'live' group by source_id, attempt"))
    assert all(r["n"] == 1 for r in rows)
    assert db.execute("select count(*) from fetches where purpose = 'live' and final = 1").fetchone()[0] == len(ids)


def test_warc_holds_every_fetched_url_with_the_same_bytes(class_crawl):
    db = class_crawl[3]
    fetched = list(db.query("select * from fetches where status is not null"))
    assert fetched
    for fetch in fetched:
        with open(warc_file(db, fetch), "rb") as stream:
            stream.seek(fetch["warc_offset"])
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == fetch["final_url"]
            assert record.rec_headers.get_header("WARC-Date")
            assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
            body = record.content_stream().read()  # undoes the Content-Encoding recorded as sent
        if record.rec_headers.get_header("WARC-Truncated") == "length":   # its body not downloaded: no hash
            assert (body, fetch["sha256"], fetch["class"]) == (b"", None, "too-large"), fetch["requested_url"]
            continue
        assert hashlib.sha256(body).hexdigest() == fetch["sha256"], fetch["requested_url"]
    paths = {str(warc_file(db, f)) for f in fetched}
    for path in paths:  # warcio's own checker verifies every digest
        check = subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())",
                                "check", path], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    uris = set()
    for path in paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("request", "response"):
                    uris.add((record.rec_type, record.rec_headers.get_header("WARC-Target-URI")))
    for fetch in fetched:
        for hop in json.loads(fetch["redirects"] or "[]") or [{"url": fetch["final_url"]}]:
            assert ("response", hop["url"]) in uris and ("request", hop["url"]) in uris


def test_an_answer_announced_over_the_cap_keeps_its_headers_in_the_warc(class_crawl, web):
    # Scrapy cancelled it at its headers: no status, no headers, the request record alone.  Now
    # the download stops there and the answer is kept as Heritrix keeps one, its body cut.
    ids, urls, _, db, _ = class_crawl
    url = web["main"] + "/crawl/huge-announced?key=classes"
    fetch = outcome(db, ids[url])
    assert fetch["class"] == "too-large" and fetch["warc_path"], fetch["reason"]
    with open(warc_file(db, fetch), "rb") as stream:
        stream.seek(fetch["warc_offset"])
        record = next(iter(ArchiveIterator(stream)))
        assert (record.rec_type, record.rec_headers.get_header("WARC-Target-URI")) == ("response", url)
        assert record.rec_headers.get_header("WARC-Truncated") == "length"
        assert record.http_headers.get_statuscode() == "200"
        assert record.http_headers.get_header("Content-Length") == str(HUGE_ANNOUNCED)
        assert record.http_headers.get_header("Content-Type") == "text/html"
        assert record.content_stream().read() == b""
    # stopped at the headers: of its endless body the test web sent a few chunks, far from the cap
    counters = json.loads(urllib.request.urlopen(web["main"] + "/_control/counters").read())
    assert len(counters["huge-announced:classes"]) * HUGE_ANNOUNCED_CHUNK < 2 * 1024 * 1024
    # nothing read from the empty body: no text, no wall, login-wall or soft-404 judgement
    assert not list(db.query("select id from texts where source_id = ?", [ids[url]]))
    assert fetch["evidence"] == {"status": 200, "attempt": "citewatch", "announced_length": HUGE_ANNOUNCED,
                                 "size_cap": 2 * 1024 * 1024}
    # `citewatch verify`: an empty body against an empty sha256 is no problem
    data_dir = warc_file(db, fetch).parent.parent
    found = verify.verify(db, data_dir, 2 * 1024 * 1024)
    assert found.checked and not [problem for problem in found.problems if problem.fetch_id == fetch["id"]]


WALLS = ("cloudflare", "cloudflare-normal", "akamai", "ua-picky", "linkedin", "rate-limited", "rate-once",
         "rate-no-header", "forbidden")


def test_walls_rate_limits_and_picky_servers(class_crawl, web):
    # (the rate-limited page under a host name of its own: a Retry-After beyond the cap closes its
    # host for the crawl; SHARED)
    main = web["main"]
    ids, _, _, db, shared = class_crawl
    urls = {name: shared[name] for name in WALLS}
    got = {name: (outcome(db, ids[url]), source(db, ids[url])) for name, url in urls.items()}

    fetch, src = got["cloudflare"]
    assert (fetch["class"], src["state"], fetch["evidence"]["vendor"]) == ("blocked", "blocked", "Cloudflare")
    assert fetch["attempt"] == "browser"  # looked twice
    assert got["cloudflare-normal"][0]["class"] == "live"  # server: cloudflare and cf-ray alone are no wall
    assert got["akamai"][0]["evidence"]["vendor"] == "Akamai" and got["akamai"][0]["class"] == "blocked"
    assert got["linkedin"][0]["class"] == "blocked" and got["linkedin"][1]["state"] == "blocked"

    fetch, src = got["ua-picky"]
    assert (fetch["class"], fetch["attempt"], src["state"]) == ("live", "browser", "live")
    first = next(db.query("select * from fetches where source_id = ? and attempt = 'citewatch'", [ids[urls["ua-picky"]]]))
    assert first["status"] == 403 and first["final"] == 0
    with open(warc_file(db, first), "rb") as stream:  # the browser retry sent the first answer's cookie back
        requests = [r for r in ArchiveIterator(stream) if r.rec_type == "request"
                    and r.rec_headers.get_header("WARC-Target-URI") == urls["ua-picky"]]
    agents = [r.http_headers.get_header("User-Agent") for r in requests]
    assert any("citewatch" in a and "+https://" in a for a in agents)
    browser = [r for r in requests if "Mozilla" in r.http_headers.get_header("User-Agent")]
    assert browser and browser[0].http_headers.get_header("Cookie") == "visited=1"
    assert browser[0].http_headers.get_header("Sec-Fetch-Mode") == "navigate"

    fetch, src = got["rate-limited"]
    assert (fetch["class"], src["state"], fetch["evidence"]["retry_after"]) == ("rate-limited", "unknown", 3600)
    assert src["failing_checks"] == 0  # a rate limit is no evidence of rot
    assert got["rate-once"][0]["class"] == "live" and got["rate-once"][0]["attempt"] == "browser"
    assert got["rate-no-header"][0]["class"] == "rate-limited"
    counters = json.loads(urllib.request.urlopen(main + "/_control/counters").read())
    assert len(counters["rate-no-header:walls"]) == 2  # waited the default, asked once more, no more

    fetch, src = got["forbidden"]  # a plain 403 twice, no wall: a client error
    assert (fetch["class"], fetch["attempt"], src["state"]) == ("client-error", "browser", "failing")


def test_browser_retry_can_be_turned_off(web, env, db, tmp_path):
    url = web["main"] + "/crawl/ua-picky?key=no-browser"
    ids = add_sources(db, [url])
    crawl_here(fast_env(env, web, tmp_path, browser_retry="0"))
    fetch = outcome(db, ids[url])
    assert (fetch["class"], fetch["attempt"], fetch["status"]) == ("client-error", "citewatch", 403)
    assert db.execute("select count(*) from fetches where purpose = 'live'").fetchone()[0] == 1


def test_robots_txt_holds_for_many_requests_per_host_from_the_start(web, env, db, tmp_path):
    base = web["other"]
    blocked = [f"{base}/crawl/private/robots-{i}" for i in range(16)]
    allowed = [f"{base}/crawl/live?key=robots-{i}" for i in range(4)]
    ids = add_sources(db, blocked + allowed)
    crawl_here(fast_env(env, web, tmp_path, per_host_concurrency=8, concurrency=16))
    assert {outcome(db, ids[u])["class"] for u in blocked} == {"blocked-by-robots"}
    assert {outcome(db, ids[u])["class"] for u in allowed} == {"live"}
    counters = json.loads(urllib.request.urlopen(base + "/_control/counters").read())
    assert not [k for k in counters if k.startswith("private-fetched:/crawl/private/robots-")]


def test_private_addresses_and_other_schemes_are_refused(web, env, db, tmp_path):
    urls = [web["main"] + "/crawl/live?key=refused", "file:///etc/passwd", "ftp://127.0.0.1/x",
            "http://169.254.169.254/latest/meta-data/"]
    ids = add_sources(db, urls)
    crawl_here(fast_env(env, web, tmp_path, allow_private_networks="0"))
    for url in urls:
        fetch = outcome(db, ids[url])
        assert fetch["class"] == "refused", (url, fetch["reason"])
        assert fetch["status"] is None
    assert "private" in outcome(db, ids[urls[0]])["reason"]
    counters = json.loads(urllib.request.urlopen(web["main"] + "/_control/counters").read())
    assert "live:refused" not in counters  # nothing was sent


@pytest.mark.parametrize("count, said", [
    (5, "all 5 sources failed with a DNS or connection error and no canary host answered, so their states were"),
    (1, "the one source failed with a DNS or connection error and no canary host answered, so its state was"),
])
def test_a_network_that_is_down_is_said_in_one_line(web, env, db, tmp_path, count, said):
    urls = [f"https://ministry-{i}.invalid/statement/{i}" for i in range(count)]
    ids = add_sources(db, urls)
    result = crawl(fast_env(env, web, tmp_path))
    assert {outcome(db, ids[u])["class"] for u in urls} == {"dns-failure"}
    output = " ".join(result.stdout.split())
    assert "the network seems unreachable: " + said in output
    assert "Traceback" not in result.stdout + result.stderr


def test_the_urls_of_a_host_that_does_not_resolve_do_not_wait_out_its_delay(web, env, db, tmp_path):
    # A politeness delay of a minute: were each URL of the dead host to wait its turn before
    # its lookup, four of them would take three minutes and the crawl would not end in time.
    urls = [f"https://gone-ministry.invalid/statement/{i}" for i in range(4)]
    ids = add_sources(db, urls)
    subprocess.run([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, capture_output=True, text=True,
                   env=fast_env(env, web, tmp_path, host_delay="60", per_host_concurrency="1"), timeout=60, check=True)
    fetches = [outcome(db, ids[u]) for u in urls]
    assert {f["class"] for f in fetches} == {"dns-failure"}
    # each its own lookup (resolve_hosts pins every name to fail here), made before the delay
    assert all("asked before the host's turn" in f["error_message"] and "pinned to fail" in f["error_message"]
               and f["started_at"]
               for f in fetches)


def test_an_unchanged_page_reuses_its_extraction_and_a_changed_one_is_read_again(web, env, db, tmp_path):
    token = uuid.uuid4().hex[:8]
    same, changing = (f"{web['main']}/history/{token}/{name}" for name in ("same", "changing"))
    ids = add_sources(db, [same, changing])
    run_env = fast_env(env, web, tmp_path)
    first = crawl_here(run_env, "--all")
    assert "unchanged since their last check" not in first.stdout  # nothing to reuse on a first crawl
    urllib.request.urlopen(f"{web['main']}/_control/set?history/{token}/changing=v2").read()
    again = crawl_here(run_env, "--all")
    before = {url: fetches_of(db, ids[url]) for url in (same, changing)}
    for url in (same, changing):
        assert [f["class"] for f in before[url]] == ["live", "live"]
    old, new = before[same]
    assert new["evidence"]["extraction_reused_from"] == old["id"] and new["sha256"] == old["sha256"]
    assert "extraction_reused_from" not in before[changing][1]["evidence"]
    texts = {url: [t["fetch_id"] for t in db.query("select fetch_id from texts where source_id = ? order by id", [ids[url]])]
             for url in (same, changing)}
    assert texts[same] == [old["id"]]                                # the same text, stored once
    assert texts[changing] == [f["id"] for f in before[changing]]    # the new version read and kept
    assert "1 unchanged since their last check" in " ".join(again.stdout.split())


def test_an_extraction_is_reused_only_for_the_same_bytes_type_url_and_extractor(db):
    from crawler.extract import Extraction
    from crawler.items import FetchItem
    from crawler.pipelines import remember_extraction, reused_extraction, store_text

    url = "https://ministry.example/statement"
    source_id = add_sources(db, [url])[url]
    html = "text/html; charset=utf-8"

    def fetched(sha: str, extraction: Extraction, **answer) -> tuple[int, FetchItem]:
        """One more crawl's live fetch of the source, its text and its extraction remembered."""
        item = FetchItem(source_id=source_id, requested_url=url, final_url=answer.get("final_url", url),
                         content_type=answer.get("content_type", html))
        crawl_id = db["crawls"].insert({"started_at": database.now(), "status": "finished"}).last_pk
        fetch_id = db["fetches"].insert({"crawl_id": crawl_id, "source_id": source_id, "requested_url": url,
                                         "status": 200, "class": "live", "sha256": sha}).last_pk
        remember_extraction(db, item, fetch_id, store_text(db, item, fetch_id, extraction), extraction, sha)
        return fetch_id, item

    page = Extraction("ok", "", "The statement, in full.", "Statement", "Statement", "2020-04-01", "en", "utf-8")
    first, item = fetched("a" * 64, page)
    assert reused_extraction(db, item, "a" * 64) == (first, page)
    assert reused_extraction(db, item, "b" * 64) is None                                    # other bytes
    assert reused_extraction(db, replace(item, content_type="text/html; charset=latin-1"), "a" * 64) is None
    assert reused_extraction(db, replace(item, final_url=url + "?moved"), "a" * 64) is None  # htmldate reads URLs
    db.execute("update extractions set extractor = 'trafilatura/1.0'")                    # another extractor's
    assert reused_extraction(db, item, "a" * 64) is None

    second, _ = fetched("b" * 64, replace(page, text="The statement, rewritten."))
    assert reused_extraction(db, item, "b" * 64)[0] == second   # only the latest extraction is kept
    assert reused_extraction(db, item, "a" * 64) is None
    fetched("c" * 64, replace(page, status="too_short", text="Short."))
    assert reused_extraction(db, item, "c" * 64) is None        # a text kept as it is is read again
    assert db.execute("select count(*) from extractions").fetchone()[0] == 1
    # the same main text under a new title: the text's row keeps the first title, the reuse the new one
    retitled = replace(page, title="Statement (updated)", date="2020-04-02")
    fetched("d" * 64, retitled)
    assert reused_extraction(db, item, "d" * 64)[1] == retitled
    db.execute("pragma foreign_keys = off")  # as in sqlite3's shell, which does not enforce them
    db.execute("delete from texts")          # its text deleted by hand: nothing to reuse, the page is read again
    assert reused_extraction(db, item, "d" * 64) is None


def test_dead_is_earned_over_checks_days_apart(class_crawl):
    # both failing twice, four days apart (DEAD_HISTORY), before the crawl: one fails a third time
    ids, _, _, db, shared = class_crawl
    gone, back = shared["dead-gone"], shared["dead-back"]
    dead, alive = source(db, ids[gone]), source(db, ids[back])
    assert dead["state"] == "dead" and dead["failing_checks"] == 3 and len(dead["checks"]) == 3
    assert dead["checks"][-1]["class"] == "client-error" and dead["checks"][-1]["fetch_id"]
    assert alive["state"] == "live" and alive["failing_checks"] == 0
    # the live check resets the count; the checks before keep what they were when recorded
    assert [c["counts"] for c in alive["checks"]] == [True, True, False]
    assert dead["next_check"] > dead["state_since"]  # dead sources are still looked at, rarely


def test_scrapy_crawl_sources_from_the_project_root(web, env, db, tmp_path):
    url = web["main"] + "/crawl/live?key=scrapy"
    ids = add_sources(db, [url])
    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "sources"], cwd=ROOT,
                            env=fast_env(env, web, tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert outcome(db, ids[url])["class"] == "live"
    assert db.execute("select status from crawls").fetchone()[0] == "finished"


def test_a_plain_scrapy_crawl_closed_early_is_interrupted_and_the_next_one_resumes_it(web, env, db, tmp_path):
    """A crawl the pipeline opened itself (a plain `scrapy crawl`, the resolve stage's rounds)
    takes why Scrapy closed the spider: closed early (here Scrapy's own CLOSESPIDER_ITEMCOUNT, as a
    Ctrl-C's "shutdown" would) it is interrupted, not finished, and the next run resumes it: one
    crawl, each source fetched once."""
    urls = [web["main"] + f"/crawl/live?key=closed-early-{i}" for i in range(3)]
    ids = add_sources(db, urls)
    fast = fast_env(env, web, tmp_path)
    command = [sys.executable, "-m", "scrapy", "crawl", "sources", "-s", "CONCURRENT_REQUESTS=1"]
    first = subprocess.run([*command, "-s", "CLOSESPIDER_ITEMCOUNT=1"], cwd=ROOT, env=fast, capture_output=True,
                           text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert db.execute("select status from crawls").fetchall() == [("interrupted",)]
    again = subprocess.run(command, cwd=ROOT, env=fast, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert db.execute("select status from crawls").fetchall() == [("finished",)]
    fetched = db.execute("select source_id, count(*) from fetches where purpose = 'live' group by source_id")
    assert sorted(fetched) == sorted((source_id, 1) for source_id in ids.values())


def test_only_due_sources_are_fetched_and_all_fetches_everything(web, env, db, tmp_path):
    urls = [web["main"] + f"/crawl/live?key=due-{i}" for i in range(3)]
    ids = add_sources(db, urls)
    fast = fast_env(env, web, tmp_path)
    crawl_here(fast, "--limit", "1")
    assert db.execute("select count(*) from fetches where purpose = 'live'").fetchone()[0] == 1
    crawl_here(fast)  # the two still due
    assert db.execute("select count(distinct source_id) from fetches where purpose = 'live'").fetchone()[0] == 3
    nothing = crawl_here(fast)
    assert "0 sources (no source was due)" in nothing.stdout
    # fetching nothing is no crawl: no empty row for the report to count as one
    assert db.execute("select count(*) from crawls").fetchone()[0] == 2
    crawl_here(fast, "--all")
    per_source = db.execute("select source_id, count(*) from fetches where purpose = 'live' group by source_id").fetchall()
    assert sorted(per_source) == [(ids[u], 2) for u in urls]
    assert [r[0] for r in db.execute("select status from crawls order by id")] == ["finished"] * 3
    for sid in ids.values():  # live sources come back after recheck_live (7 days)
        row = source(db, sid)
        assert row["next_check"] > row["checks"][-1]["at"]


def test_social_pages_are_left_to_resolve_when_crawl_social_is_off(web, env, db, tmp_path):
    web_url = web["main"] + "/crawl/live?key=social-off"
    ids = add_sources(db, [web_url])
    # A profile page on the local web stands in for twitter.com/<handle>: the kind decides.
    profile = add_sources(db, [web["main"] + "/crawl/live?key=profile"], kind="twitter")
    crawl_here(fast_env(env, web, tmp_path, crawl_social="0"))
    fetched = {r[0] for r in db.execute("select source_id from fetches where purpose = 'live'")}
    assert fetched == {ids[web_url]}
    crawl_here(fast_env(env, web, tmp_path))  # on by default: the profile is due and fetched now
    fetched = {r[0] for r in db.execute("select source_id from fetches where purpose = 'live'")}
    assert fetched == {ids[web_url], *profile.values()}


def test_the_warc_compression_level_is_a_setting(web, env, db, tmp_path):
    url = web["main"] + "/crawl/live?key=warc-level"
    ids = add_sources(db, [url])
    result = crawl_here(fast_env(env, web, tmp_path, warc_compression_level="12"), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert "CITEWATCH_WARC_COMPRESSION_LEVEL: 12 must be from 0 to 9" in " ".join((result.stdout + result.stderr).split())
    crawl_here(fast_env(env, web, tmp_path, warc_compression_level="9"))
    fetch = outcome(db, ids[url])
    with open(warc_file(db, fetch), "rb") as stream:
        stream.seek(fetch["warc_offset"])
        header = stream.read(10)
        stream.seek(fetch["warc_offset"])
        record = next(iter(ArchiveIterator(stream)))
        body = record.content_stream().read()
    assert header[:2] == b"\x1f\x8b" and header[8] == 2  # gzip's XFL byte: 2 = "maximum compression" (level 9)
    assert hashlib.sha256(body).hexdigest() == fetch["sha256"]


def test_a_very_long_cited_url_is_fetched_and_recorded(class_crawl):
    ids, _, _, db, shared = class_crawl
    url = shared["long-url"]  # over Scrapy's 2,083 limit
    assert len(url) > 2200
    fetch = outcome(db, ids[url])
    assert (fetch["class"], fetch["requested_url"]) == ("live", url)


def test_a_wall_or_a_429_outlives_a_retry_that_gets_no_answer(web, env, db, tmp_path):
    urls = {"tarpit": web["main"] + "/crawl/akamai-tarpit", "silent": web["main"] + "/crawl/rate-then-silent?key=silent"}
    ids = add_sources(db, list(urls.values()))
    crawl_here(fast_env(env, web, tmp_path, retries="0"))
    fetch, src = outcome(db, ids[urls["tarpit"]]), source(db, ids[urls["tarpit"]])
    assert (fetch["attempt"], fetch["error_class"], fetch["class"]) == ("browser", "DownloadTimeoutError", "blocked")
    assert fetch["evidence"]["vendor"] == "Akamai" and "got no answer" in fetch["reason"]
    assert src["failing_checks"] == 0 and src["state"] != "failing"
    fetch = outcome(db, ids[urls["silent"]])
    assert (fetch["error_class"], fetch["class"]) == ("DownloadTimeoutError", "rate-limited")
    assert source(db, ids[urls["silent"]])["failing_checks"] == 0


def test_a_body_slower_than_the_timeout_is_fetched_again_with_twice_the_time(class_crawl):
    # (fast_env's fetch_timeout 1 and retries 1: the 1.2 s body times out, its retry has 2 s)
    ids, _, _, db, shared = class_crawl
    url = shared["slow-pdf"]
    fetch = outcome(db, ids[url])
    assert (fetch["class"], fetch["content_type"]) == ("live", "application/pdf")
    assert "immediate ceasefire" in db.execute("select text from texts where source_id = ?", [ids[url]]).fetchone()[0]


def test_a_body_cut_short_on_every_try_is_kept_and_flagged(class_crawl):
    # (fast_env's retries 1: cut short twice)
    ids, _, _, db, shared = class_crawl
    url = shared["short-body"]
    fetch = outcome(db, ids[url])
    assert (fetch["class"], fetch["evidence"]["truncated"]) == ("live", True)
    assert "ended before its Content-Length" in fetch["reason"] and source(db, ids[url])["state"] == "live"
    assert "immediate global ceasefire" in db.execute("select text from texts where source_id = ?", [ids[url]]).fetchone()[0]


def test_only_an_answer_to_the_attempt_itself_makes_a_timeout_a_slow_body(class_crawl):
    # silent for 30 s, far past fast_env's 1 s timeout (retries 1): a crawl stalled on a busy
    # machine still times out
    ids, _, _, db, shared = class_crawl
    urls = {"moved": shared["moved-to-silence"], "tarpit": shared["tarpit-silent"]}
    moved = outcome(db, ids[urls["moved"]])  # the 301 answered, the page it leads to did not
    assert moved["class"] == "timeout" and "answered" not in moved["evidence"]
    assert "took longer than 1.0 seconds" in moved["evidence"]["message"]  # the retry kept the timeout: no body came
    tarpit = outcome(db, ids[urls["tarpit"]])  # the wall answered, the browser retry did not
    assert tarpit["class"] == "blocked" and "answered" not in tarpit["evidence"]
