"""A row's own memento URL names the capture the archive serves, once fetched.

A user's `/web/2020/…` (or a 14-digit timestamp that is no capture) is padded to a moment
no capture has (20201231235959); the archive redirects it to the closest capture.  The
snapshot stored from the row is moved to that capture after the rescue's fetch
(archive/rescue.py `served_capture`, archive/snapshots.py `settle`), and until then the
report shows the link as written, not the padded date.

gov.example/statement-1 has captures of 2019-06-01, 2020-01-15 and 2020-04-02
(tests/web/wayback.py): the end of 2020 is closest to 2020-04-02."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import db as database
from archive import rescue, snapshots
from archive.mementos import Memento
from crawler import report_data
from crawler.check.store import Entry, Listing, store
from crawler.check.read import Row
from crawler.check.sources import LocalFiles, cite
from tests.clirun import cli_here
from tests.test_check import check, env  # noqa: F401  (env: the fixture of a run against the test web)
from tests.test_wayback import archive  # noqa: F401  (archive: one test's namespace on the test archive)

PAGE = "https://gov.example/statement-1"
QUOTE = "Statement of the Ministry, captured 20200402100000."


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _location(url: str) -> str:
    """Where the archive redirects `url` (it must redirect)."""
    try:
        urllib.request.build_opener(_NoRedirect).open(url, timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 302, exc.code
        return exc.headers["Location"]
    raise AssertionError(f"{url} did not redirect")


def test_the_test_archive_reads_a_short_timestamp_as_its_period_s_end(archive):  # noqa: F811
    """As pywb and the Wayback Machine do: a year is its last second, a month its last day's;
    an inexact 14-digit timestamp goes to the closest capture."""
    ends = {stamp: _location(f"{archive.base}/web/{stamp}id_/{PAGE}").split("/web/")[1][:14]
            for stamp in ("2020", "202001", "201912", "20200110", "20201231235959")}
    assert ends == {"2020": "20200402100000", "202001": "20200115090000", "201912": "20200115090000",
                    "20200110": "20200115090000", "20201231235959": "20200402100000"}


@pytest.mark.parametrize("stamp", ["2020", "20201231235959"])
def test_a_year_s_link_is_reported_and_checked_as_the_capture_it_shows(web, env, tmp_path, stamp):  # noqa: F811
    """Check, then report: the memento shown is 2020-04-02's, one snapshot row for it, and
    none under the padded 20201231235959; a second check writes no snapshot again.  The same
    for 14 digits that name no capture (the archive redirects them to the closest)."""
    link = f"{env['ARCHIVE_BASE']}/web/{stamp}/{PAGE}"
    done = check(env, "--quote", QUOTE, link, "--format", "jsonl")
    [row] = map(json.loads, done.stdout.splitlines())
    assert (row["verdict"], row["memento_timestamp"]) == ("verbatim", "20200402100000"), (row, done.stderr)

    db = database.open_db(tmp_path / "test.db")
    stamps = [ts for (ts,) in db.execute("select timestamp from snapshots order by timestamp")]
    assert "20201231235959" not in stamps and stamps.count("20200402100000") == 1, stamps
    [(url, cls)] = db.execute("select memento_url, class from snapshots where closest = 1").fetchall()
    assert (url, snapshots.class_kind(cls)) == (f"{env['ARCHIVE_BASE']}/web/20200402100000/{PAGE}", "ok")

    [line] = csv.DictReader(io.StringIO(_report(env, "csv")))
    assert (line["memento_date"], line["memento_url"]) == \
        ("2020-04-02T10:00:00+00:00", f"{env['ARCHIVE_BASE']}/web/20200402100000/{PAGE}")

    again = check(env, "--quote", QUOTE, link, "--format", "jsonl")
    assert json.loads(again.stdout)["memento_timestamp"] == "20200402100000", again.stderr
    assert [ts for (ts,) in db.execute("select timestamp from snapshots order by timestamp")] == stamps


def _report(env: dict, fmt: str) -> str:
    """`citewatch report --format FMT -o -`'s output (called in this process: `cli_here`)."""
    done = cli_here(env, "report", "--format", fmt, "-o", "-")
    assert done.returncode == 0, done.stderr
    return done.stdout


def _stored(db, tmp_path: Path, link: str) -> int:
    """Store a one-row list citing `link` as check does (no fetch); the source's id."""
    row = Row(position=1, line=2, key="1", quote=QUOTE, source=link)
    cited = cite(link, tmp_path, LocalFiles(1000), "http://127.0.0.1:9")
    store(db, Listing(str(tmp_path / "quotes.csv"), "quotes", "csv", [row], [Entry(row, cited)]))
    return db.execute("select id from sources").fetchone()[0]


def test_before_its_fetch_a_year_s_link_is_shown_as_written_not_as_a_padded_date(db, tmp_path):
    link = f"https://web.archive.org/web/2020/{PAGE}"
    source_id = _stored(db, tmp_path, link)
    [snap] = [dict(r) for r in db.query("select * from snapshots")]
    assert (snap["timestamp"], snap["memento_url"]) == ("20201231235959", link)   # fetched as the archive reads it
    shown = report_data._closest_memento([snap])
    assert (shown["url"], shown["timestamp"], shown["date"]) == (link, "2020", None)
    assert rescue.targets(db, _Config()) == [] and source_id   # never crawled: nothing fetched yet
    full = {**snap, "memento_url": f"https://web.archive.org/web/20200402100000/{PAGE}", "timestamp": "20200402100000"}
    assert report_data._closest_memento([full])["date"] == "2020-04-02T10:00:00+00:00"


class _Config:
    memento_window_days = 90
    rescue_live = True


def _fetch(requested: str, *hops: str) -> dict:
    chain = [requested, *hops]
    redirects = json.dumps([{"url": u, "status": 302} for u in chain[:-1]] + [{"url": chain[-1], "status": 200}])
    return {"requested_url": requested, "final_url": chain[-1], "redirects": redirects if hops else None}


def test_the_capture_served_is_read_off_the_redirect_chain():
    """An inexact timestamp's redirect keeps the page and changes the timestamp; a capture of
    a redirect keeps its timestamp and changes the page: the capture served is the page's."""
    base = "https://web.archive.org/web"
    padded, real = f"{base}/20201231235959id_/{PAGE}", f"{base}/20200402100000id_/{PAGE}"
    moved, landed = f"{base}/20200402100000id_/https://gov.example/new", f"{base}/20200403000000id_/https://gov.example/new"
    served = {name: rescue.served_capture(fetch).timestamp for name, fetch in {
        "exact": _fetch(real), "inexact": _fetch(padded, real), "inexact-to-redirect": _fetch(padded, real, moved, landed),
        "exact-redirect": _fetch(real, moved, landed)}.items()}
    assert served == {"exact": "20200402100000", "inexact": "20200402100000", "inexact-to-redirect": "20200402100000",
                      "exact-redirect": "20200402100000"}


def test_settling_moves_the_padded_row_onto_the_capture_once_and_again_changes_nothing(db, tmp_path):
    """The lookup stored 2020-04-02's capture under the archive's spelling (http://): the
    row's padded snapshot merges into it; a re-run that fetched it again finds nothing to move."""
    source_id = _stored(db, tmp_path, f"https://web.archive.org/web/2020/{PAGE}")
    cdx = Memento("20200402100000", PAGE.replace("https://", "http://"), status="200")
    snapshots.store(db, source_id, [cdx], "https://web.archive.org", None)
    served = Memento("20200402100000", PAGE)
    for _ in range(2):
        with db.conn:
            snapshots.settle(db, source_id, "20201231235959", served, "ok", "200")
        rows = db.execute("select timestamp, original_url, class, status from snapshots").fetchall()
        assert rows == [("20200402100000", cdx.original, "ok", "200")]
