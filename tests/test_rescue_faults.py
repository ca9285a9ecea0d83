"""Rescue when the archive fails and when a capture redirects: only a capture's answer
classifies a memento, and a memento's text carries the date of the capture served; no
replay while a Retry-After holds; a memento classed rotten lends reconcile no text; a
revisit record is rescued with the capture it repeats.

The captures are tests/web/wayback.py's rescue.example and gov.example ones; the archive's
faults are its toggles (replay.503, replay.429, save.429), in each test's own namespace.
"""

from __future__ import annotations

import datetime
import json

import pytest

from archive import rescue, stage
from crawler import reconcile
from tests.test_archive import DEAD, Seed

SITE = "https://rescue.example"


def _classes(db, source_id: int) -> dict[str, str | None]:
    return {r["timestamp"]: r["class"] for r in db.query("SELECT * FROM snapshots WHERE source_id = ?", [source_id])}


def _texts(db, source_id: int) -> dict[str, str]:
    return {r["memento_timestamp"]: r["text"] for r in db.query(
        "SELECT memento_timestamp, text FROM texts WHERE source_id = ? AND origin = 'memento'", [source_id])}


@pytest.mark.parametrize("toggles, status, requests", [
    ({"replay.503": 1}, "503", 1),                               # overloaded (no retries in tests)
    ({"replay.429": 1, "replay.retry_after": 0}, "429", 1),      # rate-limited: not asked again, nor as a browser
])
def test_an_archive_fault_on_replay_leaves_the_memento_to_the_next_run(archive, tmp_path, db, toggles, status,
                                                                       requests):
    source = Seed(db).source(f"{SITE}/replay-fault", live_class=DEAD)
    config = archive.config(tmp_path, rescue_live=0)
    archive.set(**toggles)
    first = stage.run(db, config)
    assert _classes(db, source) == {"20200325000000": None} and _texts(db, source) == {}
    assert f"answered {status} itself to 1" in first["archive_failed"]
    assert "fetched again by the next run" in first["archive_failed"]
    assert archive.count("replay") == requests                  # not asked again in the same run
    second = stage.run(db, config)                               # the archive is healthy again
    assert second["archive_failed"] is None
    assert _classes(db, source) == {"20200325000000": "live"}
    assert "keeps through its faults" in _texts(db, source)["20200325000000"]


def test_a_memento_classed_on_an_archive_fault_by_an_earlier_run_is_fetched_again(archive, tmp_path, db):
    source = Seed(db).source(f"{SITE}/replay-fault", live_class=DEAD)
    config = archive.config(tmp_path, rescue_live=0)
    archive.set(**{"replay.503": 1})
    stage.run(db, config)
    with db.conn:                                                # as the archive's 503 used to be read
        db.execute("UPDATE snapshots SET class = 'server-error' WHERE source_id = ?", [source])
    stage.run(db, config)
    assert _classes(db, source) == {"20200325000000": "live"} and list(_texts(db, source)) == ["20200325000000"]


def test_a_captured_503_is_read_from_its_warc_once_not_on_every_rescue(archive, tmp_path, db):
    source = Seed(db).source(f"{SITE}/failed-when-captured", live_class=DEAD)   # its target, captured as a 503
    config = archive.config(tmp_path, rescue_live=0)
    stage.run(db, config)
    assert _classes(db, source) == {"20200330000000": "server-error", "20200301000000": "live"}
    replays = archive.count("replay")
    for warc in (tmp_path / "data").rglob("*.warc*"):           # a WARC read again would now read as no answer
        warc.unlink()
    for _ in range(2):                                           # the repair of earlier runs' rows runs each time
        again = stage.run(db, config)
        assert _classes(db, source) == {"20200330000000": "server-error", "20200301000000": "live"}
        assert again["mementos_fetched"] == 0 and archive.count("replay") == replays


def test_a_redirect_capture_is_judged_by_the_capture_it_leads_to(archive, tmp_path, db):
    seed = Seed(db)
    far = seed.source(f"{SITE}/old-path", live_class=DEAD)       # its target is held only from 2023
    near = seed.source(f"{SITE}/renamed", live_class=DEAD)       # its target was captured two days on
    failed = seed.source(f"{SITE}/failed-when-captured", live_class=DEAD)   # its target, captured as a 503
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))

    assert _classes(db, far) == {"20200330000000": rescue.OFF_DATE, "20200210000000": "live"}
    fetch = next(db.query("SELECT class, reason FROM fetches WHERE source_id = ? AND purpose = 'memento' "
                          "AND requested_url LIKE '%/web/20200330000000id_/%'", [far]))
    assert fetch["class"] == rescue.OFF_DATE
    assert "holds only from 2023-06-01" in fetch["reason"] and "memento_window_days = 90" in fetch["reason"]
    texts = _texts(db, far)                                      # each text under its own capture's date
    assert "2023 text" in texts["20230601000000"] and "as it was cited" in texts["20200210000000"]
    assert not any("2023 text" in text for stamp, text in texts.items() if stamp.startswith("2020"))
    closest = [r["timestamp"] for r in db.query("SELECT timestamp FROM snapshots WHERE source_id = ? AND closest = 1",
                                                [far])]
    assert closest == ["20200210000000"]

    assert _classes(db, near) == {"20200330000000": "redirected"}
    assert "two days on" in _texts(db, near)["20200401000000"] and len(_texts(db, near)) == 1

    # a 503 the site answered when captured (replayed with its Memento-Datetime) is the memento's answer
    assert _classes(db, failed) == {"20200330000000": "server-error", "20200301000000": "live"}
    assert list(_texts(db, failed)) == ["20200301000000"] and result["archive_failed"] is None


def test_the_rescue_waits_for_a_retry_after_of_the_api_phase(archive, tmp_path, db):
    seed = Seed(db)
    for n in range(3):                                          # live, never archived: each wants a capture
        seed.source(f"https://wait-{archive.ns}.example/{n}")
    source = seed.source(f"{SITE}/replay-fault", live_class=DEAD)
    archive.set(**{"save.429": 3, "save.retry_after": 1})      # within retry_after_cap (5 s in tests), above
    # retry_after_default (0.5 s): a rescue that did not read the Retry-After would come too soon
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert "429" in result["stopped"]                           # three in a row stop the saves ...
    assert _classes(db, source) == {"20200325000000": "live"}   # ... and the rescue still runs,
    assert archive.count("host-violations") == 0                # once the Retry-After has passed


def test_a_retry_after_beyond_the_cap_leaves_the_rescue_to_the_next_run(archive, tmp_path, db):
    seed = Seed(db)
    seed.source(f"https://cap-{archive.ns}.example/live")
    source = seed.source(f"{SITE}/replay-fault", live_class=DEAD)
    archive.set(**{"save.429": 1, "save.retry_after": 120})
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert "mementos not fetched this run" in result["stopped"] and "next run" in result["stopped"]
    assert archive.count("replay") == 0 and archive.count("host-violations") == 0
    assert _classes(db, source) == {"20200325000000": None}     # left for the next run, unjudged


def _quote(db, source_id: int, quote: str) -> int:
    """Give the statement citing the source this quote; its id."""
    statement = next(db.query("SELECT statement_id FROM citations WHERE source_id = ?", [source_id]))["statement_id"]
    with db.conn:
        db.execute("UPDATE statements SET quote = ? WHERE id = ?", [quote, statement])
    return statement


def test_a_memento_classed_rotten_after_its_fetch_lends_reconcile_no_text(archive, tmp_path, db):
    seed = Seed(db)
    off_date = seed.source(f"{SITE}/old-path", live_class=DEAD)            # its capture leads to 2023
    to_root = seed.source("https://gov.example/news/2020/deep-statement", live_class=DEAD)   # to the home page
    quoted = {_quote(db, off_date, "The 2023 text, written three years after the citation."): "20230601000000",
              _quote(db, to_root, "Welcome to the portal."): "20200328000000"}
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert _classes(db, off_date)["20200330000000"] == rescue.OFF_DATE
    assert _classes(db, to_root)["20200328000000"] == "redirected-to-root"
    reconcile.run(db)
    for statement, stamp in quoted.items():                     # the text is stored, but not the page as cited
        rows = list(db.query("SELECT * FROM quote_checks WHERE statement_id = ?", [statement]))
        overall = next(r for r in rows if r["scope"] == "overall")
        evidence = json.loads(overall["evidence"])
        assert overall["verdict"] == "not-in-source" and evidence["misattribution"] == []
        assert stamp not in [t["memento_timestamp"] for t in evidence["texts"]] and len(evidence["texts"]) == 1


def test_a_revisit_memento_is_rescued_with_the_capture_it_repeats(archive, tmp_path, db):
    source = Seed(db).source("https://gov.example/unchanged", live_class=DEAD)   # the revisit is nearest
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["archive_failed"] is None
    assert _classes(db, source) == {"20190101000000": None, "20200330000000": "live"}
    assert list(_texts(db, source)) == ["20200330000000"]        # unchanged on the revisit's date
    assert "as captured in 2019" in _texts(db, source)["20200330000000"]


def test_a_text_an_off_date_memento_stored_first_counts_once_a_real_rescue_reaches_it(archive, tmp_path, db):
    source = Seed(db).source(f"{SITE}/moved-twice", live_class=DEAD)
    statement = _quote(db, source, "The crossing stays open to civilian traffic all summer.")
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert _classes(db, source) == {"20200301000000": rescue.OFF_DATE, "20200710000000": "redirected"}
    reconcile.run(db)   # one text, stored from the off-date fetch and reached again by the rescue
    overall = next(r for r in db.query("SELECT * FROM quote_checks WHERE statement_id = ? AND scope = 'overall'",
                                       [statement]))
    assert overall["verdict"] == "verbatim"


def test_a_long_retry_after_met_in_a_round_resumed_weeks_after_its_stop_holds_the_next_run(archive, tmp_path, db):
    # a memento round stopped three weeks ago and resumed now keeps its started_at: the 429 met now is read all the same
    Seed(db).source(f"{SITE}/replay-fault", live_class=DEAD)
    stopped = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=21)).isoformat(timespec="seconds")
    round_id = db["crawls"].insert({"started_at": stopped, "finished_at": stopped, "status": "interrupted",
                                    "settings": json.dumps({"spider": "mementos"})}).last_pk
    archive.set(**{"replay.429": 1, "replay.retry_after": 3600})
    config = archive.config(tmp_path, rescue_live=0)
    stage.run(db, config)
    assert [row[0] for row in db.execute("SELECT crawl_id FROM fetches WHERE purpose = 'memento'")] == [round_id]
    again = stage.run(db, config)
    assert archive.count("replay") == 1 and archive.count("host-violations") == 0
    assert "mementos not fetched this run (the archive's Retry-After holds" in again["stopped"], again["stopped"]
