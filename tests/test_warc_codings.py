"""The crawl's WARCs stay readable by warcio, the reader every WARC tool here builds on,
and say what was exchanged.

warcio 1.8 decodes `br` bodies through a hook written for brotlipy, which Google's
Brotli 1.2 (required by Scrapy 2.19) breaks with an AttributeError: `warcio check` and
`warcio extract` died on such a record, and so did every stage reading one back
(`response_at`).  So the crawl asks for gzip and deflate only, and `response_at` decodes
a body the way the crawl decoded it (Scrapy's decoders, a raw replay's lying label judged
first), so the body read back is the one the fetch's sha256 was taken of: a `br` body a
server sends unasked, several zstd frames or gzip members, plain text an archive labels
`br`.  A record that cannot be decoded, or decodes past the size cap, is said in one line
and left unread instead of stopping the stage.

Each crawl test crawls the test web's `/crawl/brotli` page for real (Brotli when the
request accepts it, or with ?always=1 whatever it asks) and reads the WARC with warcio.

A body the server cut short (`/crawl/short-body` promises 20 bytes more than it sends)
is kept as it came on the retry, and its record says so (`WARC-Truncated: disconnect`,
WARC 1.1 section 5.13); records are WARC/1.1 as the warcinfo says, and a request record
carries the Host header that was sent.  A gzip body sent in chunks is kept as sent, its
chunking undone and its payload digest taken of those bytes, and a response record's
status line has the HTTP version the server answered in.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import subprocess
import sys
import uuid
from pathlib import Path

import brotli
import pytest
from scrapy.utils._compression import _unbrotli
from scrapy.utils.gz import gunzip
from warcio.archiveiterator import ArchiveIterator

import db as database
from archive import stage
from archive.warc import WarcFile, response_at
from crawler import crawl
from crawler.config import load_config
from tests.crawling import add_sources
from tests.test_archive import DEAD, Seed

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
    """(type, HTTP headers, payload as stored) of every record, read with warcio's iterator."""
    with open(path, "rb") as stream:
        return [(r.rec_type, r.http_headers, r.raw_stream.read()) for r in ArchiveIterator(stream)]


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
    assert [hashlib.sha256(brotli.decompress(b)).hexdigest() for b in responses] == [fetch[2]]


def test_a_body_in_several_zstd_frames_or_gzip_members_is_read_back_whole(web, tmp_path):
    # RFC 8878 and RFC 1952 allow them; Scrapy reads them all, warcio stopped after the first
    # (and knew no zstd: crawls before this version asked for it, and got it back compressed)
    db, data_dir = _crawl(web, tmp_path, ["/crawl/coded/zstd-frames", "/crawl/coded/gzip-members"])
    fetches = db.execute("select warc_path, warc_offset, sha256 from fetches where purpose = 'live'").fetchall()
    assert len(fetches) == 2
    for path, offset, sha256 in fetches:
        body = response_at(path, offset, data_dir)[1]
        assert hashlib.sha256(body).hexdigest() == sha256
        assert body.count(b"Coded statement") == 2 and body.endswith(b"</html>")


def test_plain_text_a_raw_replay_labels_br_is_read_back_as_the_crawl_read_it(archive, tmp_path, db):
    # "Lorem…": Brotli takes its first bytes without error and gives nothing; the crawl judged
    # the label from the bytes (coding_repair) and kept them as they are
    Seed(db).source("https://coding.example/label-br-lorem", live_class=DEAD)
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    fetch = next(db.query("select * from fetches where purpose = 'memento'"))
    assert "did not match the body" in fetch["evidence"]
    headers, body = response_at(fetch["warc_path"], fetch["warc_offset"], archive.config(tmp_path).data_dir)
    assert headers.get_header("Content-Encoding") == "br"
    assert body.startswith(b"Lorem ipsum") and hashlib.sha256(body).hexdigest() == fetch["sha256"]


def test_the_archive_stage_reads_a_captured_503_labelled_br_from_its_warc(archive, tmp_path, db):
    # a capture of a redirect to a 503 the site answered when captured, whose raw replay the
    # archive labels br over plain bytes (tests/web/wayback.py): the rescue reads the 503's
    # Memento-Datetime back from the WARC to tell it from the archive's own fault
    source = Seed(db).source("https://rescue.example/failed-br", live_class=DEAD)
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    classes = {r["timestamp"]: r["class"] for r in db.query("select * from snapshots where source_id = ?", [source])}
    assert classes == {"20200330000000": "server-error", "20200301000000": "live"}


def test_a_record_whose_body_cannot_be_decoded_or_is_a_bomb_is_said_and_left_unread(tmp_path, caplog):
    warc = WarcFile(tmp_path / "warc" / "sources.warc.gz")
    junk_tail = brotli.compress(PAGE * 500) + b"\n<!-- appended by a proxy -->\n"   # past the first block
    broken = warc.write_exchange("https://example.org/br", "GET", [], 200, "OK", [("Content-Encoding", "br")], junk_tail)
    bomb_body = gzip.compress(b"\0" * (4 * 1024 * 1024))
    bomb = warc.write_exchange("https://example.org/bomb", "GET", [], 200, "OK", [("Content-Encoding", "gzip")], bomb_body)
    plain = warc.write_exchange("https://example.org/plain", "GET", [], 200, "OK", [], PAGE)
    warc.close()
    with pytest.raises(brotli.error):   # as the crawl's decoder (Scrapy's) failed on it
        _unbrotli(junk_tail)
    with pytest.raises(ValueError, match="exceeded the specified maximum"):
        gunzip(bomb_body, max_size=1024 * 1024)

    assert response_at("warc/sources.warc.gz", broken, tmp_path) is None
    assert response_at("warc/sources.warc.gz", bomb, tmp_path, max_size=1024 * 1024) is None
    said = [r.getMessage() for r in caplog.records if r.name == "archive.warc"]
    assert len(said) == 2
    assert f"sources.warc.gz at offset {broken} (https://example.org/br)" in said[0]
    assert "cannot be decoded (Content-Encoding br: error: brotli: decoder failed)" in said[0]
    assert f"at offset {bomb} (https://example.org/bomb)" in said[1]
    assert "it decodes to more than max_size (1048576 bytes)" in said[1]
    assert response_at("warc/sources.warc.gz", plain, tmp_path)[1] == PAGE   # the others are read
    assert len(response_at("warc/sources.warc.gz", bomb, tmp_path)[1]) == 4 * 1024 * 1024   # under the default cap


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


def test_a_chunked_gzip_body_is_kept_as_sent_with_its_payload_digest_taken_of_it(web, tmp_path):
    """An archivist's tools (warcio, pywb, cdxj-indexer) take WARC-Payload-Digest to be of
    the body as sent, content coding kept and chunking undone (WARC 1.1 section 5.9): a digest
    of the decoded page, or a Transfer-Encoding header over a body no longer chunked, would
    fail their checks and misreplay the page."""
    db, data_dir = _crawl(web, tmp_path, ["/crawl/chunked-gzipped"])
    fetch = db.execute("select warc_path, warc_offset, sha256 from fetches where purpose = 'live'").fetchone()
    warc, http, payload = next((w, h, p) for offset, w, h, p in _warc_records(data_dir / fetch[0])
                               if offset == fetch[1])
    assert http.get_header("Content-Encoding") == "gzip"
    assert not [name for name, _ in http.headers if "transfer-encoding" in name.lower()]
    assert b"Chunked statement" in gzip.decompress(payload)   # the gzip bytes, no chunk sizes among them
    digest = "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode()
    assert warc.get_header("WARC-Payload-Digest") == digest
    assert hashlib.sha256(response_at(fetch[0], fetch[1], data_dir)[1]).hexdigest() == fetch[2]
    check = _warcio("check", str(data_dir / fetch[0]))
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_response_record_says_the_http_version_the_server_answered_in(web, tmp_path):
    """A WARC is shown as evidence of what a server sent: an old server's `HTTP/1.0 200 OK`
    recorded as `HTTP/1.1 200 OK` says it spoke a version it did not."""
    db, data_dir = _crawl(web, tmp_path, ["/crawl/http10", "/crawl/live"])
    versions = {}
    for path, offset, url in db.execute("select warc_path, warc_offset, final_url from fetches where purpose = 'live'"):
        http = next(h for o, _, h, _ in _warc_records(data_dir / path) if o == offset)
        versions[url.split("/crawl/")[1].split("?")[0]] = http.protocol
    assert versions == {"http10": "HTTP/1.0", "live": "HTTP/1.1"}
