"""Rescue when the archive fails and when a capture redirects: only a capture's answer
classifies a memento, and a memento's text carries the date of the capture served.

The captures are tests/web/wayback.py's rescue.example ones; the archive's faults are its
replay toggles (replay.503, replay.429), in each test's own namespace.
"""

from __future__ import annotations

import pytest

from archive import rescue, stage
from tests.test_archive import DEAD, Seed
from tests.test_wayback import Archive

SITE = "https://rescue.example"


@pytest.fixture
def archive(web, monkeypatch):
    monkeypatch.delenv("IA_ACCESS_KEY", raising=False)
    monkeypatch.delenv("IA_SECRET_KEY", raising=False)
    return Archive(web)


def _classes(db, source_id: int) -> dict[str, str | None]:
    return {r["timestamp"]: r["class"] for r in db.query("SELECT * FROM snapshots WHERE source_id = ?", [source_id])}


def _texts(db, source_id: int) -> dict[str, str]:
    return {r["memento_timestamp"]: r["text"] for r in db.query(
        "SELECT memento_timestamp, text FROM texts WHERE source_id = ? AND origin = 'memento'", [source_id])}


@pytest.mark.parametrize("toggles, status, requests", [
    ({"replay.503": 1}, "503", 1),                               # overloaded (no retries in tests)
    ({"replay.429": 2, "replay.retry_after": 0}, "429", 2),      # rate-limited, on the retry too
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
