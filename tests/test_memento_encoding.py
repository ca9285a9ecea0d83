"""Archived copies whose Content-Encoding lies about their bytes (REFERENCE.md, "Replay").

The test archive's raw replay misstates a capture's coding as the Wayback Machine's does
(tests/web/archive_store.py, `id_coding`): gzip, br or deflate labelled over plain bytes,
gzip bytes with no label.  A dead source is still rescued from such a memento, its fetch
says what was repaired, and the WARC keeps the answer exactly as it came.  A live fetch
is not repaired.
"""

from __future__ import annotations

import gzip
import json
import urllib.request
import uuid
import zlib

import brotli
import pytest
from scrapy.http import HtmlResponse, Request
from warcio.archiveiterator import ArchiveIterator

import db as database
from archive import stage
from archive.warc import warc_location
from crawler import crawl, social
from crawler.config import load_config
from crawler.middlewares.codings import MementoCodingMiddleware, coding_repair
from tests.test_archive import DEAD, Seed
from tests.test_social import add_social_citation, candidates, resolution, social_env
from tests.web.wayback import CODING_POST_ID

TIMESTAMP = "20200301000000"
# capture (tests/web/wayback.py) -> what the fetch's evidence says was done
QUIRKS = {
    "label-gzip": "the archive's Content-Encoding: gzip did not match the body; used the bytes as they are",
    "label-br": "the archive's Content-Encoding: br did not match the body; used the bytes as they are",
    "label-deflate": "the archive's Content-Encoding: deflate did not match the body; used the bytes as they are",
    "unlabelled-gzip": "the archive sent no Content-Encoding over gzip bytes; decompressed them as gzip",
}
PAGE = b"<html><body><article><p>The statement, as archived.</p></article></body></html>"


def _raw_url(base: str, name: str) -> str:
    return f"{base}/web/{TIMESTAMP}id_/https://coding.example/{name}"


def _warc_response(path: str, offset: int):
    """(HTTP headers, payload bytes as recorded, no coding undone) of the record at `offset`."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        return record.http_headers, record.raw_stream.read()


def test_dead_sources_are_rescued_from_mementos_whose_coding_lies(archive, tmp_path, db):
    seed = Seed(db)
    sources = {name: seed.source(f"https://coding.example/{name}", live_class=DEAD) for name in QUIRKS}
    result = stage.run(db, archive.config(tmp_path, rescue_live=0))
    assert result["mementos_fetched"] == len(QUIRKS)
    for name, source_id in sources.items():
        text = next(db.query("SELECT * FROM texts WHERE source_id = ? AND origin = 'memento'", [source_id]))
        assert text["memento_timestamp"] == TIMESTAMP
        assert f"The archived statement served {name} kept its words." in text["text"]
        fetch = next(db.query("SELECT * FROM fetches WHERE id = ?", [text["fetch_id"]]))
        assert (fetch["purpose"], fetch["status"], fetch["class"], fetch["error_class"]) == ("memento", 200, "live", None)
        assert json.loads(fetch["evidence"])["coding_repair"] == QUIRKS[name]
        # The WARC holds the archive's answer as it came: its lying header and its bytes.
        with urllib.request.urlopen(_raw_url(archive.base, name)) as answer:   # urllib decodes nothing
            sent_body, sent_coding = answer.read(), answer.headers.get("Content-Encoding")
        if name == "unlabelled-gzip":
            assert sent_coding is None and gzip.decompress(sent_body).startswith(b"<html>")
        else:
            assert sent_coding == name.removeprefix("label-") and sent_body.startswith(b"<html>")
        warc = warc_location(fetch["warc_path"], archive.config(tmp_path).data_dir)
        headers, payload = _warc_response(warc, fetch["warc_offset"])
        assert payload == sent_body and headers.get_header("Content-Encoding") == sent_coding


def test_a_live_fetch_with_a_lying_label_is_recorded_as_the_error_it_is(archive, tmp_path, db):
    url = _raw_url(archive.base, "label-gzip")         # cited as is: a live page, not a memento fetch
    source_id = Seed(db).source(url, live_class=None)
    crawl.run(db, archive.config(tmp_path), show_progress=False)
    fetch = next(db.query("SELECT * FROM fetches WHERE source_id = ? AND purpose = 'live' AND final = 1", [source_id]))
    assert fetch["status"] is None and fetch["error_class"] == "BadGzipFile"
    assert fetch["class"] == "connection-error" and "Not a gzipped file" in fetch["reason"]
    assert "is not in the coding its Content-Encoding names" in fetch["reason"]
    assert "coding_repair" not in json.loads(fetch["evidence"])
    assert not list(db.query("SELECT 1 FROM texts WHERE source_id = ?", [source_id]))


@pytest.mark.parametrize("body, labels, expected", [
    (gzip.compress(PAGE, mtime=0), ["gzip"], None),                          # true labels hold
    (zlib.compress(PAGE), ["deflate"], None),
    (zlib.compress(PAGE)[2:-4], ["deflate"], None),                 # raw deflate, as Scrapy accepts
    (brotli.compress(PAGE), ["br"], None),
    (PAGE, [], None),
    (PAGE, ["identity"], None),
    (b"", ["gzip"], None),                                          # nothing to judge
    (PAGE, ["gzip"], []),
    (PAGE, ["br"], []),
    (PAGE, ["deflate"], []),
    (gzip.compress(PAGE, mtime=0), [], ["gzip"]),
    (gzip.compress(PAGE, mtime=0), ["", "br"], ["gzip"]),
], ids=["gzip", "zlib", "raw-deflate", "br", "plain", "identity", "empty", "plain-as-gzip", "plain-as-br",
        "plain-as-deflate", "unlabelled-gzip", "gzip-as-br"])
def test_the_coding_is_judged_from_the_bytes(body, labels, expected):
    repair = coding_repair(body, labels)
    assert (repair[0] if repair else None) == expected


def _answer(url: str, purpose: str, coding: str = "gzip") -> tuple[Request, HtmlResponse]:
    request = Request(url, meta={"source_id": 1, "purpose": purpose})
    return request, HtmlResponse(url, body=PAGE, headers={"Content-Encoding": coding}, request=request)


@pytest.mark.parametrize("url, purpose, repaired", [
    ("http://127.0.0.1:1/web/20200301000000id_/https://x.example/post/1", "post", True),
    ("http://127.0.0.1:1/web/20200301000000id_/https://x.example/a", "memento", True),
    ("http://127.0.0.1:1/web/20200301000000/https://x.example/a", "memento", False),   # banner replay
    ("http://127.0.0.1:1/web/20200301000000id_/https://x.example/a", "live", False),
    ("https://x.example/a", "live", False),
])
def test_only_raw_replays_of_mementos_and_posts_are_repaired(url, purpose, repaired):
    request, response = _answer(url, purpose)
    result = MementoCodingMiddleware().process_response(request, response)
    assert (result.headers.get("Content-Encoding") is None) == repaired
    assert ("citewatch_coding_repair" in request.meta) == repaired
    assert response.headers.get("Content-Encoding") == b"gzip"      # the answer as received is untouched


def test_a_post_is_read_from_a_capture_whose_gzip_label_lies(web, tmp_path):
    env = social_env(web, tmp_path, "coding-post-" + uuid.uuid4().hex[:8], mirrors=False)
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    citation = add_social_citation(db, document, 1, "twitter", "@CodingMFA", "2020-03-31",
                                   "The archived post served label-gzip kept its words.")
    assert social.run(db, config)["resolved"] == 1
    assert resolution(db, citation)["status"] == "resolved"
    assert candidates(db, citation)[CODING_POST_ID]["text"] == "The archived post served label-gzip kept its words."
    fetch = next(db["fetches"].rows_where("purpose = 'post' AND requested_url LIKE ?", [f"%id_/%{CODING_POST_ID}"]))
    assert (fetch["status"], fetch["error_class"]) == (200, None)
    assert json.loads(fetch["evidence"])["coding_repair"] == QUIRKS["label-gzip"]
