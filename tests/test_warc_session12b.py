"""The crawl's WARCs stay readable by warcio, the reader every WARC tool here builds on,
and say what was exchanged.

warcio 1.8 decodes `br` bodies through a hook written for brotlipy, which Google's
Brotli 1.2 (required by Scrapy 2.19) breaks with an AttributeError: `warcio check` and
`warcio extract` died on such a record, and so did every stage reading one back
(`response_at`).  So the crawl asks for gzip and deflate only, a `br` body a server
sends unasked is still read back in citewatch, and a record that cannot be decoded is
said in one line and left unread instead of stopping the stage.

Each crawl test crawls the test web's `/crawl/brotli` page for real (Brotli when the
request accepts it, or with ?always=1 whatever it asks) and reads the WARC with warcio.

A body the server cut short (`/crawl/short-body` promises 20 bytes more than it sends)
is kept as it came on the retry, and its record says so (`WARC-Truncated: disconnect`,
WARC 1.1 section 5.13); records are WARC/1.1 as the warcinfo says, and a request record
carries the Host header that was sent.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import uuid
from pathlib import Path

import brotli
from backports import zstd
from warcio import bufferedreaders
from warcio.archiveiterator import ArchiveIterator

import db as database
from archive import stage
from archive.warc import WarcFile, response_at
from crawler import crawl
from crawler.config import load_config
from tests.test_archive import DEAD, Seed
from tests.test_crawl import add_sources

PAGE = b"<html><body><article><p>The Ministry calls for an immediate ceasefire.</p></article></body></html>"


def _crawl(web, tmp_path: Path, paths: list[str], retries: int = 0):
    """Crawl the test web's `paths` (fresh URLs) into tmp_path; (db, data directory)."""
    data_dir = tmp_path / "data"
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(data_dir)).with_overrides(
        allow_private_networks=True, host_delay=0.0, retries=retries, retry_backoff=0.0, fetch_timeout=5.0,
        autothrottle=False, soft404_probe=False, obey_robots=False, extract_workers=1)
    db = database.open_db(config.db_path)
    token = uuid.uuid4().hex[:8]
    add_sources(db, [f"{web['main']}{path}{'&' if '?' in path else '?'}key=warc12b-{token}" for path in paths])
    result = crawl.run(db, config, show_progress=False)
    assert result["classes"] == {"live": len(paths)}, result
    return db, data_dir


def _warcio(*args: str) -> subprocess.CompletedProcess:
    """warcio's own command line, as an archivist runs it on a citewatch WARC."""
    return subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())", *args],
                          capture_output=True, timeout=60)


def _records(path: Path) -> list:
    """(type, HTTP headers, decoded body) of every record, read with warcio's iterator."""
    with open(path, "rb") as stream:
        return [(r.rec_type, r.http_headers, r.content_stream().read()) for r in ArchiveIterator(stream)]


def test_the_crawl_asks_for_codings_warcio_reads_and_warcio_checks_and_extracts_its_warc(web, tmp_path):
    db, data_dir = _crawl(web, tmp_path, ["/crawl/brotli"])
    fetch = db.execute("select warc_path, warc_offset, sha256 from fetches where purpose = 'live'").fetchone()
    warc = data_dir / fetch[0]
    records = _records(warc)
    request = next(headers for kind, headers, _ in records if kind == "request")
    assert request.get_header("Accept-Encoding") == "gzip, deflate"   # no br, no zstd
    response = next(headers for kind, headers, _ in records if kind == "response")
    assert response.get_header("Content-Encoding") == "gzip"

    check = _warcio("check", "-v", str(warc))
    assert check.returncode == 0, check.stdout + check.stderr
    extract = _warcio("extract", "--payload", str(warc), str(fetch[1]))
    assert extract.returncode == 0, extract.stderr
    assert hashlib.sha256(extract.stdout).hexdigest() == fetch[2]


def test_a_brotli_body_sent_unasked_is_read_back_from_the_warc(web, tmp_path):
    db, data_dir = _crawl(web, tmp_path, ["/crawl/brotli?always=1"])
    fetch = db.execute("select warc_path, warc_offset, sha256 from fetches where purpose = 'live'").fetchone()
    headers, body = response_at(fetch[0], fetch[1], data_dir)
    assert headers.get_header("Content-Encoding") == "br"   # kept as the server sent it
    assert hashlib.sha256(body).hexdigest() == fetch[2]
    assert b"Brotli statement" in body
    responses = [body for kind, _, body in _records(data_dir / fetch[0]) if kind == "response"]
    assert [hashlib.sha256(b).hexdigest() for b in responses] == [fetch[2]]


def test_a_zstd_body_an_earlier_crawl_recorded_is_read_back_decoded(tmp_path):
    # crawls before this version asked for zstd; warcio does not know it and gave its bytes back compressed
    warc = WarcFile(tmp_path / "warc" / "sources.warc.gz")
    offset = warc.write_exchange("https://example.org/zstd", "GET", [], 200, "OK",
                                 [("Content-Encoding", "zstd")], zstd.compress(PAGE * 500))
    warc.close()
    assert response_at("warc/sources.warc.gz", offset, tmp_path)[1] == PAGE * 500


def test_the_archive_stage_reads_a_captured_503_labelled_br_from_its_warc(archive, tmp_path, db):
    # a capture of a redirect to a 503 the site answered when captured, whose raw replay the
    # archive labels br over plain bytes (tests/web/wayback.py): the rescue reads the 503's
    # Memento-Datetime back from the WARC to tell it from the archive's own fault
    source = Seed(db).source("https://rescue.example/failed-br", live_class=DEAD)
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    classes = {r["timestamp"]: r["class"] for r in db.query("select * from snapshots where source_id = ?", [source])}
    assert classes == {"20200330000000": "server-error", "20200301000000": "live"}


def test_a_record_whose_body_cannot_be_decoded_is_said_and_left_unread(tmp_path, monkeypatch, caplog):
    warc = WarcFile(tmp_path / "warc" / "sources.warc.gz")
    broken = warc.write_exchange("https://example.org/br", "GET", [], 503, "Service Unavailable",
                                 [("Content-Encoding", "br")], brotli.compress(PAGE))
    plain = warc.write_exchange("https://example.org/plain", "GET", [], 200, "OK", [], PAGE)
    warc.close()
    # warcio's own brotli hook, as warcio installs it: with Brotli 1.2 it raises on every br body
    monkeypatch.setitem(bufferedreaders.BufferedReader.DECOMPRESSORS, "br", None)
    bufferedreaders.try_brotli_init()

    assert response_at("warc/sources.warc.gz", broken, tmp_path) is None
    said = [r.getMessage() for r in caplog.records if r.name == "archive.warc"]
    assert len(said) == 1
    assert f"sources.warc.gz at offset {broken} (https://example.org/br)" in said[0]
    assert "cannot be decoded (Content-Encoding br: AttributeError" in said[0]
    assert response_at("warc/sources.warc.gz", plain, tmp_path)[1] == PAGE   # the others are read


def _warc_records(path: Path) -> list:
    """Every record of a WARC file with its offset, its payload read as stored (no coding undone)."""
    found = []
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            payload = record.raw_stream.read()   # (before the offset: asking it first leaves the payload unread)
            found.append((records.get_record_offset(), record.rec_headers, record.http_headers, payload))
    return found


def test_a_body_cut_short_is_recorded_as_truncated_in_warc_1_1_with_the_host_that_was_sent(web, tmp_path):
    db, data_dir = _crawl(web, tmp_path, ["/crawl/short-body", "/crawl/live"], retries=1)
    fetches = {f["requested_url"].split("/crawl/")[1].split("?")[0]: f
               for f in db.query("select * from fetches where purpose = 'live'")}
    assert '"truncated": true' in fetches["short-body"]["evidence"]
    records = _warc_records(data_dir / fetches["short-body"]["warc_path"])
    by_offset = {offset: (warc, http, payload) for offset, warc, http, payload in records}

    warc, http, payload = by_offset[fetches["short-body"]["warc_offset"]]
    assert warc.get_header("WARC-Truncated") == "disconnect"
    assert int(http.get_header("Content-Length")) == len(payload) + 20   # as promised, not as sent
    assert hashlib.sha256(payload).hexdigest() == fetches["short-body"]["sha256"]
    warc, _, _ = by_offset[fetches["live"]["warc_offset"]]
    assert warc.get_header("WARC-Truncated") is None

    host = web["main"].split("://")[1]
    assert {warc.protocol for _, warc, _, _ in records} == {"WARC/1.1"}
    requests = [http for _, warc, http, _ in records if warc.get_header("WARC-Type") == "request"]
    assert {http.statusline.split("?")[0] for http in requests} == {"/crawl/short-body", "/crawl/live"}
    assert [http.get_header("Host") for http in requests] == [host] * len(requests)
    check = _warcio("check", str(data_dir / fetches["live"]["warc_path"]))
    assert check.returncode == 0, check.stdout + check.stderr
