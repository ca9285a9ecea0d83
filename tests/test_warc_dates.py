"""A WARC record's WARC-Date is when its capture began (WARC 1.1 section 5.4), not when it was
written: the request record's when the request was sent, the response record's when the
response began to arrive, however long its body then took (archive/warc.py's docstring).

Each test crawls the test web for real (tests/clirun.py's `crawl_here`, in this process, or a
distributed crawl with one worker, tests/test_distributed.py's `citewatch`) a page whose
body takes seconds after its headers, and reads the WARC back with warcio.  The fetch row is
the reference: its `started_at` (to the second, taken when the request was queued) plus its
`elapsed` is at most a second before the fetch finished.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_datetime

from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome, warc_file
from tests.test_distributed import citewatch, cluster_env, finish

WARC_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z")   # warcio's, to the microsecond


def _dated_records(path, url: str) -> list[tuple[str, datetime, object]]:
    """(type, WARC-Date, WARC headers) of each record of `url` in the file, in file order."""
    found = []
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_headers.get_header("WARC-Target-URI") == url:
                date = record.rec_headers.get_header("WARC-Date")
                assert WARC_DATE.fullmatch(date), date
                found.append((record.rec_type, iso_date_to_datetime(date), record.rec_headers))
    return found


def _started_and_finished(fetch: dict) -> tuple[datetime, datetime]:
    """The fetch row's start (to the second, so at most its true start) and that plus its
    elapsed (so at most a second before it truly finished), as naive UTC like warcio's dates."""
    started = datetime.fromisoformat(fetch["started_at"]).replace(tzinfo=None)
    return started, started + timedelta(seconds=fetch["elapsed"])


SLOW = "/crawl/slow-pdf?seconds=2&key=warc-dates"   # headers at once, then the body dripped over 2 s


def _assert_dated_at_capture(db, url: str, source_id: int) -> None:
    """The fetch of `url` (whose body took 2 s after its headers) has its response record dated
    when the headers came, a fraction of a second after its request record, not when the body
    ended."""
    fetch = outcome(db, source_id)
    assert (fetch["class"], fetch["elapsed"] >= 2) == ("live", True), fetch
    records = _dated_records(warc_file(db, fetch), url)
    assert [kind for kind, _, _ in records] == ["response", "request"]   # (as written: the response first)
    (_, answered, response), (_, sent, request) = records
    assert request.get_header("WARC-Concurrent-To") == response.get_header("WARC-Record-ID")
    started, finished = _started_and_finished(fetch)
    assert started <= sent <= answered < sent + timedelta(seconds=0.5)
    # the body took 2 s after the headers: a date taken when the records were written is
    # later than `finished` (at most a second before the true end); theirs are well before
    assert answered < finished - timedelta(seconds=0.5)


def test_a_slow_bodys_records_are_dated_when_it_was_asked_for_and_began_to_arrive(web, env, db, tmp_path):
    url = web["main"] + SLOW
    ids = add_sources(db, [url])
    crawl_here(fast_env(env, web, tmp_path, fetch_timeout="10", retries="0"))
    _assert_dated_at_capture(db, url, ids[url])


def test_a_cluster_workers_records_are_dated_alike_in_the_central_file(web, env, db, redis_url, tmp_path):
    """A distributed crawl's worker records through the same writer (ShippingWarcRecorder), and
    the collector copies its gzip members as they are into the crawl's one file."""
    url = web["main"] + SLOW
    ids = add_sources(db, [url])
    finish(citewatch(cluster_env(env, redis_url, fetch_timeout=10, retries=0), "crawl", "--redis", redis_url,
                     "--workers", "1"))
    assert outcome(db, ids[url])["warc_path"] == "warc/sources-crawl1.warc.gz"   # the central file
    _assert_dated_at_capture(db, url, ids[url])


def test_a_request_that_timed_out_is_dated_when_it_was_sent(web, env, db, tmp_path):
    """A body slower than the timeout (1 s), then slower than the retry's (2 s): neither attempt
    gets an answer, and each request record is dated when it was sent, not when it failed."""
    url = web["main"] + "/crawl/slow-drip?key=warc-dates"
    ids = add_sources(db, [url])
    crawl_here(fast_env(env, web, tmp_path, fetch_timeout="1", retries="1"))
    fetch = outcome(db, ids[url])
    assert fetch["class"] == "timeout", fetch
    warc = next((tmp_path / "data" / "warc").glob("sources-*.warc.gz"))
    records = _dated_records(warc, url)
    assert [kind for kind, _, _ in records] == ["request", "request"]
    (_, first, _), (_, second, _) = records
    started, finished = _started_and_finished(fetch)
    assert started <= first and first + timedelta(seconds=1) <= second   # the retry went once the first timed out
    # the retry failed 2 s after it was sent: dated when it failed, it would be later than `finished`
    assert second < finished - timedelta(seconds=0.5)


def test_a_request_that_got_no_headers_before_its_timeout_is_dated_when_it_was_sent(web, env, db, tmp_path):
    """A server that says nothing for longer than the timeout (2 s): Scrapy measured no latency,
    and the request record is dated the timeout before it fired, not when it fired.  (Silent for
    30 s: at 2.5 s, a crawl stalled half a second on a busy machine read the answer instead.)"""
    url = web["main"] + "/crawl/slow/warc-dates?ms=30000"
    ids = add_sources(db, [url])
    crawl_here(fast_env(env, web, tmp_path, fetch_timeout="2", retries="0"))
    fetch = outcome(db, ids[url])
    assert fetch["class"] == "timeout" and not fetch["evidence"].get("answered"), fetch
    warc = next((tmp_path / "data" / "warc").glob("sources-*.warc.gz"))
    [(kind, sent, _)] = _dated_records(warc, url)
    started, finished = _started_and_finished(fetch)
    assert kind == "request" and started <= sent
    # it failed 2 s after it was sent: dated when it failed, it would be later than `finished`
    assert sent < finished - timedelta(seconds=0.5)
