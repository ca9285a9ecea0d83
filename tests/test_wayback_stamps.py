"""Wayback's 14-digit timestamps, written and read in one place (archive/mementos.py), on a
machine whose clock is not on UTC; and a replay URL's base, and which URLs are replay URLs."""

from __future__ import annotations

import datetime
import re
import time

import pytest

from archive.mementos import Memento, replay_base, wayback_moment, wayback_timestamp
from crawler.posts import nitter_search_results
from tests.web import social as web

UTC = datetime.timezone.utc


@pytest.fixture
def away_from_utc(monkeypatch):
    """The process's local time five and a half hours ahead of UTC (a POSIX TZ: no tz database
    needed), as on a machine in India; local time is UTC again afterwards."""
    monkeypatch.setenv("TZ", "IST-5:30")
    time.tzset()
    assert time.localtime(0).tm_hour == 5   # the offset took
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_naive_moment_is_written_as_utc_wherever_the_machine_is(away_from_utc):
    """The callers hold naive UTC moments (a Nitter date "… UTC"): astimezone() read them as
    local time and wrote them 5:30 early."""
    assert wayback_timestamp(datetime.datetime(2020, 3, 31, 10, 2)) == "20200331100200"
    ahead = datetime.timezone(datetime.timedelta(hours=2))
    assert wayback_timestamp(datetime.datetime(2020, 3, 31, 12, 2, tzinfo=ahead)) == "20200331100200"
    assert wayback_timestamp(datetime.datetime(2020, 3, 31, 10, 2, tzinfo=UTC)) == "20200331100200"


def test_a_nitter_date_keeps_its_utc_time_wherever_the_machine_is(away_from_utc):
    """crawler/posts.py reads "Apr 1, 2020 · 1:30 PM UTC" naive and writes it through
    wayback_timestamp: the post's time, not 08:00."""
    page = web.nitter_search_page([("CanEmbTurkey", "Canada", web.CANADA.status_id, web.CANADA.text,
                                    "Apr 1, 2020 · 1:30 PM UTC")])
    [(ref, when)] = nitter_search_results(page)
    assert (ref.post_id, when) == (web.CANADA.status_id, "20200401133000")


def test_a_timestamp_reads_back_as_an_aware_utc_moment_short_ones_at_their_period_s_start(away_from_utc):
    """14 digits, or a period's start as the CDX takes it (a month or a day padded with 01)."""
    reads = {stamp: wayback_moment(stamp) for stamp in
             ("20200402110559", "2020040211", "20200402", "202004", "2020")}
    assert reads == {
        "20200402110559": datetime.datetime(2020, 4, 2, 11, 5, 59, tzinfo=UTC),
        "2020040211": datetime.datetime(2020, 4, 2, 11, tzinfo=UTC),
        "20200402": datetime.datetime(2020, 4, 2, tzinfo=UTC),
        "202004": datetime.datetime(2020, 4, 1, tzinfo=UTC),
        "2020": datetime.datetime(2020, 1, 1, tzinfo=UTC),
    }
    assert all(moment.utcoffset() == datetime.timedelta(0) for moment in reads.values())
    assert wayback_timestamp(wayback_moment("20200402110559")) == "20200402110559"
    assert Memento("20200402110559", "https://example.org/a").moment == reads["20200402110559"]


@pytest.mark.parametrize(("stamp", "says"), [
    ("2020*", "is not 4 to 14 digits"), ("202", "is not 4 to 14 digits"), ("", "is not 4 to 14 digits"),
    ("202004021105591", "is not 4 to 14 digits"), ("20201301", "names no date in the calendar"),
    ("20200230120000", "names no date in the calendar"),
])
def test_a_timestamp_that_is_none_says_which_and_how_to_write_one(stamp, says):
    with pytest.raises(ValueError, match=re.escape(f"Wayback timestamp '{stamp}' {says}")):
        wayback_moment(stamp)


def test_a_replay_url_s_base_is_what_comes_before_web_and_its_timestamp():
    """On the Internet Archive, on a configured archive with a path of its own, raw or not,
    with a timestamp the archive reads (a calendar's `*` too: that is the archive's page);
    with an original that has "/web/" in it."""
    bases = {url: replay_base(url) for url in (
        "https://web.archive.org/web/20200402110000id_/https://example.org/web/a",
        "http://127.0.0.1:8080/ns/x/web/2020/example.org/a",
        "https://web.archive.org/web/*/https://example.org/a",
        "https://web.archive.org/web/2020*/https://example.org/a",
        "https://web.archive.org/web/2/https://example.org/a",
        "https://web.archive.org/web/https://example.org/a",   # no timestamp: the newest capture
    )}
    assert set(bases.values()) - {"https://web.archive.org"} == {"http://127.0.0.1:8080/ns/x"}
    assert bases["http://127.0.0.1:8080/ns/x/web/2020/example.org/a"] == "http://127.0.0.1:8080/ns/x"


@pytest.mark.parametrize("url", ["https://example.org/web/docs/annual-report.html", "https://web.archive.org/web/",
                                 "https://example.org/web/", "", None])
def test_web_alone_in_a_path_is_no_replay_url(url):
    """A site's /web/ folder (or the archive's home page) names no timestamp."""
    assert replay_base(url) is None


def test_the_report_dates_a_memento_only_when_its_timestamp_names_a_day_the_calendar_has():
    from crawler.report_data import memento_date

    assert memento_date("20200401093000") == "2020-04-01T09:30:00+00:00"
    assert memento_date("20200401") == "2020-04-01T00:00:00+00:00"
    assert memento_date("202004") is None          # no day: nothing to date it by
    assert memento_date("20200230120000") is None  # 30 February (it was written "2020-02-30T12:00:00")
