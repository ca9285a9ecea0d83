"""Resolve downloads a fixed archived capture once.

A capture at a fixed timestamp cannot change: once a run has fetched it with a final answer
(a complete 200, words or none), later runs read it again from its WARC record instead of
asking the archive (crawler/social.py `_from_store`): no replay request, no fetches row, no
WARC record.  A capture that failed for a reason that can pass (a 5xx) is fetched again.
Real crawls against the test web's archive (tests/web/wayback.py, tests/web/social.py) into
real SQLite and WARC files; the archive's replay counter and the fetches rows count.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
import uuid
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

import db as database
from crawler import social
from crawler.config import load_config
from tests.test_social import candidates, letter_db, resolution, snapshot, social_env
from tests.web import social as archived

# Footnotes of the letter whose captures give no words, and stay unresolved: Australia's tweet
# (a JavaScript shell), Montenegro's (a survivor read with its words and a deleted tweet's shell),
# and ukinazerbaijan's Facebook page (nothing in its window; its page capture is read for its id).
SHELLS = (14, 29, 41)


def _replays(web, namespace: str) -> int:
    """Replay requests the test archive received for this test's namespace."""
    with urllib.request.urlopen(web["main"] + "/_control/counters") as answer:
        return len(json.load(answer).get(f"{namespace}:replay", []))


def _control(web, namespace: str, setting: str) -> None:
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.{setting}").read()


def _post_fetches(db) -> list[tuple[str, int | None]]:
    """(requested URL, status) of every `post` fetch, oldest first."""
    return [tuple(row) for row in db.execute(
        "select requested_url, status from fetches where purpose = 'post' order by id")]


def _warc_records(data_dir: str) -> int:
    """Records in every WARC file of the data directory."""
    count = 0
    for path in sorted(Path(data_dir, "warc").glob("*.warc.gz")):
        with open(path, "rb") as handle:
            count += sum(1 for _ in ArchiveIterator(handle))
    return count


def _shells(web, tmp_path, label: str, mirrors: bool = False):
    """(db, config, namespace, citation ids of SHELLS) for a test of its own."""
    namespace = f"social-once-{label}-" + uuid.uuid4().hex[:8]
    config = load_config(env=social_env(web, tmp_path, namespace, mirrors=mirrors))
    ids = letter_db(config)
    return database.open_db(config.db_path), config, namespace, [ids[seq] for seq in SHELLS]


def test_captures_read_without_words_and_the_page_capture_are_downloaded_once(web, tmp_path):
    db, config, namespace, cited = _shells(web, tmp_path, "first")
    social.run(db, config, citation_ids=cited)
    fetched, records, before = _post_fetches(db), _warc_records(config.data_dir), snapshot(db)
    replays = _replays(web, namespace)
    page = [url for url, _ in fetched if url.endswith("id_/https://www.facebook.com/ukinazerbaijan/")]
    assert len(page) == 1 and replays == len(fetched) >= 4
    assert candidates(db, cited[0])[archived.AUSTRALIA.status_id]["layout"] == "empty"
    assert candidates(db, cited[1])[archived.MONTENEGRO.status_id]["layout"] == "empty"
    for _ in range(2):
        social.run(db, config, citation_ids=cited)
        assert _replays(web, namespace) == replays          # the archive was asked for no capture
        assert _post_fetches(db) == fetched                 # no fetches row
        assert _warc_records(config.data_dir) == records    # no WARC record
        assert snapshot(db) == before                       # and the same outcome
    assert [resolution(db, c)["status"] for c in cited] == ["unresolved", "unresolved", "unverifiable"]


def test_a_capture_the_archive_failed_to_replay_is_fetched_again_until_it_answers(web, tmp_path):
    db, config, namespace, cited = _shells(web, tmp_path, "503")
    australia = cited[:1]
    _control(web, namespace, "replay.503=1000")
    social.run(db, config, citation_ids=australia)
    assert candidates(db, australia[0])[archived.AUSTRALIA.status_id]["layout"] == "http-503"
    _control(web, namespace, "replay.503=0")
    failed = _replays(web, namespace)
    social.run(db, config, citation_ids=australia)              # a 5xx can pass: asked again
    assert _replays(web, namespace) == failed + 1
    assert candidates(db, australia[0])[archived.AUSTRALIA.status_id]["layout"] == "empty"
    social.run(db, config, citation_ids=australia)              # the 200 is final: not asked again
    assert _replays(web, namespace) == failed + 1
    assert [status for _, status in _post_fetches(db)] == [503, 200]


def test_a_capture_is_read_again_from_its_warc_record_not_from_a_remembered_verdict(web, tmp_path):
    # what a run fetched but did not store (killed before), or read with a reader changed since,
    # is read from the record again; a record that is gone is fetched again
    db, config, namespace, cited = _shells(web, tmp_path, "reread")
    social.run(db, config, citation_ids=cited)
    before, replays = snapshot(db), _replays(web, namespace)
    with db.conn:
        db.execute("delete from candidates")
    social.run(db, config, citation_ids=cited)
    assert _replays(web, namespace) == replays
    assert snapshot(db) == before
    shutil.rmtree(Path(config.data_dir, "warc"))
    social.run(db, config, citation_ids=cited)   # the three read without words (a post with them is not read)
    assert _replays(web, namespace) == replays + 3
    assert snapshot(db) == before


def test_a_tweet_whose_captures_hold_no_words_is_still_asked_of_the_syndication_endpoint(web, tmp_path):
    # the endpoint is live, not a fixed capture: asked on every run, the capture read from the WARC
    db, config, namespace, cited = _shells(web, tmp_path, "syndication", mirrors=True)
    montenegro = cited[1:2]
    social.run(db, config, citation_ids=montenegro)
    replays = _replays(web, namespace)
    asked = [url for url, _ in _post_fetches(db) if "/syndication/tweet-result?id=" in url]
    assert candidates(db, montenegro[0])[archived.MONTENEGRO.status_id]["layout"] == "tombstone"
    social.run(db, config, citation_ids=montenegro)
    assert _replays(web, namespace) == replays
    assert [url for url, _ in _post_fetches(db) if "/syndication/tweet-result?id=" in url] == asked * 2
    assert candidates(db, montenegro[0])[archived.MONTENEGRO.status_id]["layout"] == "tombstone"
