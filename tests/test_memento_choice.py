"""Which memento a citation gets (docs/archive.md, "Which memento"), through the real client
against the test archive (tests/web/wayback.py fixtures).

H3llBot's rule: the closest capture before the citation date within 90 days, otherwise
the first one after it, otherwise the closest older one; the same whether or not the
availability API answers, with the next nearest kept behind a rotten first choice.  A
bare date is the whole day; a revisit record is a memento; a source cited again earlier
is looked up again.  A lookup the archive fails keeps the run going for the others: the
availability API failing leaves the CDX's candidates, a lookup that stops the run waits
behind the sources never tried next time, and the distances follow the citation date
even when the archive could not be asked.
"""

from __future__ import annotations

import datetime
import os

import pytest

import db as database
from archive import snapshots, stage
from archive.errors import ArchiveUnreachable, StopRun
from archive.mementos import Memento
from archive.wayback import Wayback, WaybackOptions
from tests.test_archive import DEAD, Seed

STATEMENT = "https://gov.example/statement-1"   # captures 20190601, 20200115 (twice), 20200402
MOVED = "https://gov.example/moved-away"        # 20200301 good, 20200330 a 302 to a 404 page


def _look_up_all(db, archive, tmp_path, **settings) -> None:
    wayback = Wayback(WaybackOptions.from_config(archive.config(tmp_path, **settings)))
    for source in snapshots.due_lookups(db):
        snapshots.look_up(db, wayback, source, 90)


def _lookup(db, source_id: int) -> dict:
    return next(db.query("SELECT status, reason, target_date FROM archive_lookups WHERE source_id = ?", [source_id]))


def _cite_again(db, source_id: int, url: str, date: str) -> None:
    """A second document quotes the page in a statement of `date` (ingest reuses the source)."""
    document = db["documents"].insert({"sha256": os.urandom(8).hex(), "kind": "letter", "date": date,
                                       "ingested_at": database.now()}).last_pk
    statement = db["statements"].insert({"document_id": document, "seq": 1, "date": date, "quote": "q"}).last_pk
    db["citations"].insert({"document_id": document, "statement_id": statement, "seq": 1, "kind": "web",
                            "printed": url, "url": url, "source_id": source_id})


def _rows(db, source_id: int) -> dict[str, dict]:
    return {r["timestamp"]: r for r in db.query("SELECT * FROM snapshots WHERE source_id = ?", [source_id])}


def _closest(db, source_id: int) -> list[str]:
    return [t for t, r in _rows(db, source_id).items() if r["closest"]]


def _rescued(db, source_id: int) -> list[str]:
    return [r["memento_timestamp"] for r in db.query(
        "SELECT memento_timestamp FROM texts WHERE source_id = ? AND origin = 'memento'", [source_id])]


@pytest.mark.parametrize("availability", ["answers", "blind"])
def test_outside_the_window_the_first_capture_after_wins_whether_or_not_availability_answers(
        availability, archive, tmp_path, db):
    # Cited 2019-09-20: 20190601 is 111 days before, 20200115 117 days after; the availability
    # API's closest is the older one, the rule's is the one after.
    if availability == "blind":
        archive.set(**{"availability.empty": 1})
    source = Seed(db).source(STATEMENT, date="2019-09-20")
    _look_up_all(db, archive, tmp_path)
    assert _closest(db, source) == ["20200115090000"]
    assert sorted(_rows(db, source)) == ["20200115090000", "20200402100000"]   # the next one after kept too


def test_a_rotten_nearest_outside_the_window_leaves_the_next_nearest_to_try(archive, tmp_path, db):
    source = Seed(db).source(MOVED, live_class=DEAD, date="2021-06-01")      # both captures > 90 days before
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert {t: r["class"] for t, r in _rows(db, source).items()} == {
        "20200330000000": "client-error", "20200301000000": "live"}
    assert _rescued(db, source) == ["20200301000000"]


def test_without_a_citation_date_older_captures_stand_behind_the_newest(archive, tmp_path, db):
    seed = Seed(db)
    with db.conn:
        db.execute("UPDATE documents SET date = NULL")
    source = seed.source(MOVED, live_class=DEAD, date=None)
    assert snapshots.citation_date(db, source) is None
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert _rows(db, source)["20200330000000"]["class"] == "client-error"     # the newest is rotten
    assert _rescued(db, source) == ["20200301000000"]


def test_a_bare_citation_date_is_the_whole_day(archive, tmp_path, db):
    source = Seed(db).source("https://gov.example/same-day", date="2020-03-31")
    _look_up_all(db, archive, tmp_path)
    rows = _rows(db, source)
    assert _closest(db, source) == ["20200331180000"]          # that evening, not 76 days earlier
    assert rows["20200331180000"]["distance_days"] == 0
    assert rows["20200115120000"]["distance_days"] == pytest.approx(-75.5)
    day = snapshots.parse_date("2020-03-31")
    assert snapshots.distance_days(Memento("20200331235959", STATEMENT), day) == 0
    assert snapshots.distance_days(Memento("20200401000000", STATEMENT), day) > 0
    assert snapshots.distance_days(Memento("20200330235959", STATEMENT), day) < 0
    moment = snapshots.parse_date("2020-03-31T12:00:00")       # a time given: that moment
    assert snapshots.distance_days(Memento("20200331180000", STATEMENT), moment) == 0.25


def test_of_captures_made_on_the_cited_day_the_latest_is_used(db):
    # All at distance 0; the latest is nearest "at or before" the day's end (a busy page has
    # hundreds a day).  Stored as the lookup stores them, in either order.
    source = Seed(db).source(STATEMENT, date="2020-03-31")
    day = snapshots.citation_date(db, source)
    for timestamp in ("20200331210000", "20200331090000", "20200331150000"):
        snapshots.store(db, source, [Memento(timestamp, STATEMENT, "200")], "https://archive.test", day)
    assert snapshots.mark_closest(db, source, 90)["timestamp"] == "20200331210000"
    assert [r["timestamp"] for r in snapshots.ranked(db, source, 90)] == [
        "20200331210000", "20200331150000", "20200331090000"]


def test_a_revisit_capture_is_a_memento(archive, tmp_path, db):
    # An unchanged page is captured as a revisit record (statuscode "-"), 1 day before the date.
    source = Seed(db).source("https://gov.example/unchanged", date="2020-03-31")
    _look_up_all(db, archive, tmp_path)
    assert _closest(db, source) == ["20200330000000"]
    assert _rows(db, source)["20200330000000"]["status"] == "-"


def test_a_source_cited_earlier_by_a_new_document_is_looked_up_again(archive, tmp_path, db):
    source = Seed(db).source(STATEMENT, date="2020-03-31")
    _look_up_all(db, archive, tmp_path)
    assert _closest(db, source) == ["20200115090000"]
    _cite_again(db, source, STATEMENT, "2019-07-01")
    assert [s["id"] for s in snapshots.due_lookups(db)] == [source]
    _look_up_all(db, archive, tmp_path)
    rows = _rows(db, source)
    assert _closest(db, source) == ["20190601120000"]
    assert rows["20200115090000"]["distance_days"] > 0            # distances are to the new date
    count = db.execute("SELECT COUNT(*) FROM snapshots WHERE source_id = ?", [source]).fetchone()[0]
    assert count == len(rows)                                     # no row twice
    lookups = list(db.query("SELECT target_date FROM archive_lookups WHERE source_id = ?", [source]))
    assert lookups == [{"target_date": "2019-07-01/P1D"}]
    assert snapshots.due_lookups(db) == []                        # settled again


def test_a_changed_date_moves_the_distances_even_when_the_archive_cannot_be_reached(archive, tmp_path, db):
    source = Seed(db).source(STATEMENT, date="2020-04-03")
    _look_up_all(db, archive, tmp_path)
    assert _closest(db, source) == ["20200402100000"]                # a day before
    _cite_again(db, source, STATEMENT, "2020-03-31")
    with pytest.raises(ArchiveUnreachable):                           # e.g. a run without network
        _look_up_all(db, archive, tmp_path, wayback_url="http://127.0.0.1:9")
    assert _lookup(db, source)["status"] == "failed"
    assert _rows(db, source)["20200402100000"]["distance_days"] > 0   # already to the new date
    assert _closest(db, source) == ["20200115090000"]
    _look_up_all(db, archive, tmp_path)                               # online again
    assert _rows(db, source)["20200402100000"]["distance_days"] > 0
    assert _closest(db, source) == ["20200115090000"]
    # A memento stored again (as a save's re-check does) takes its distance to the date given.
    memento = Memento("20200402100000", STATEMENT, "200")
    snapshots.store(db, source, [memento], archive.base, snapshots.parse_date("2020-04-05"))
    assert _rows(db, source)["20200402100000"]["distance_days"] < 0


def test_a_lookup_that_stops_the_run_is_recorded_and_waits_behind_the_sources_never_tried(archive, tmp_path, db):
    seed = Seed(db)
    first = seed.source("https://gov.example/late-only", date="2021-06-01")
    second = seed.source(STATEMENT, date="2019-09-20")
    archive.set(**{"cdx.429": 1, "cdx.retry_after": 1})              # beyond this run's retry_after_cap
    with pytest.raises(StopRun):
        _look_up_all(db, archive, tmp_path, retry_after_cap=0.5)
    lookup = _lookup(db, first)
    assert lookup["status"] == "failed" and "Retry-After 1 s" in lookup["reason"]
    assert [s["id"] for s in snapshots.due_lookups(db)] == [second, first]
    _look_up_all(db, archive, tmp_path)                               # waits out what is left of it (within 5 s)
    assert archive.count("host-violations") == 0
    assert (_lookup(db, first)["status"], _lookup(db, second)["status"]) == ("ok", "ok")
    assert snapshots.due_lookups(db) == []


def test_failed_lookups_are_retried_longest_failed_first(db):
    seed = Seed(db)
    recent, older, never = (seed.source(f"https://gov.example/s{n}") for n in range(3))
    for source_id, checked_at in ((recent, "2026-01-02T00:00:00+00:00"), (older, "2026-01-01T00:00:00+00:00")):
        db["archive_lookups"].insert({"source_id": source_id, "target_date": "2020-03-31/P1D", "status": "failed",
                                      "reason": "the archive answered 503", "checked_at": checked_at})
    assert [s["id"] for s in snapshots.due_lookups(db)] == [never, older, recent]


def test_a_failing_availability_api_leaves_the_cdx_candidates(archive, tmp_path, db):
    # Cited 2019-09-20: no CDX capture within 90 days, so the availability API is asked, and fails.
    seed = Seed(db)
    source = seed.source(STATEMENT, date="2019-09-20")
    missing = seed.source("https://gov.example/never-archived", date="2019-09-20")
    archive.set(**{"available.503": 100})
    _look_up_all(db, archive, tmp_path)
    lookup = _lookup(db, source)
    assert lookup["status"] == "ok" and "availability API failed" in lookup["reason"]
    assert _closest(db, source) == ["20200115090000"]
    # Nothing in the CDX and no answer from the availability API: not settled as "no memento".
    assert _lookup(db, missing)["status"] == "failed"
    assert [s["id"] for s in snapshots.due_lookups(db)] == [missing]


def test_a_lookup_made_before_the_whole_day_rule_is_made_again(archive, tmp_path, db):
    # As the code before the rule left it: the bare date recorded, distances to its noon, so
    # the capture made at 18:00 that day was after the date (+0.25) and January's was used.
    source = Seed(db).source("https://gov.example/same-day", date="2020-03-31")
    noon = datetime.datetime(2020, 3, 31, 12, tzinfo=datetime.timezone.utc)
    mementos = [Memento("20200115120000", "https://gov.example/same-day", "200"),
                Memento("20200331180000", "https://gov.example/same-day", "200")]
    snapshots.store(db, source, mementos, archive.base, noon)
    db["archive_lookups"].insert({"source_id": source, "target_date": "2020-03-31", "status": "ok",
                                  "reason": "2 capture(s) in the window", "mementos": 2, "checked_at": database.now()})
    snapshots.mark_closest(db, source, 90)
    assert _closest(db, source) == ["20200115120000"]
    assert [s["id"] for s in snapshots.due_lookups(db)] == [source]
    _look_up_all(db, archive, tmp_path)
    assert _rows(db, source)["20200331180000"]["distance_days"] == 0
    assert _closest(db, source) == ["20200331180000"]
    assert snapshots.due_lookups(db) == []
