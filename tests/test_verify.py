"""`citewatch verify` over a real crawl of the test web, intact and then damaged one way per test.

One crawl (tests/clirun.py's `crawl_here`, in this process) is made per module, its WARC
records stored uncompressed inside their gzip members (warc_compression_level 0: a member
rewritten with one byte changed keeps its length, so every other offset stays true).  Each
test verifies a copy of its database and data directory, damaged as the test says.  The search
past damage reads little at each gzip header look-alike (an in-memory file counts its reads).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

import db as database
from archive.warc import gzip_member, warc_location, warcinfo_record
from crawler import verify
from crawler.cli import cli
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources
from tests.factories import Factory

PATHS = ["/crawl/live?key=verify", "/crawl/gzipped?key=verify", "/crawl/moved?key=verify", "/crawl/status/404?key=verify"]


@pytest.fixture(scope="module")
def crawled(web, tmp_path_factory) -> Path:
    """A folder holding the crawled database (crawl.db) and its data directory (data/)."""
    folder = tmp_path_factory.mktemp("verify")
    env = dict(os.environ, CITEWATCH_DB=str(folder / "crawl.db"), CITEWATCH_DATA_DIR=str(folder / "data"),
               CITEWATCH_ALLOW_PRIVATE_NETWORKS="1")
    add_sources(database.open_db(folder / "crawl.db"), [web["main"] + path for path in PATHS])
    crawl_here(fast_env(env, web, folder, warc_compression_level="0"))
    return folder


@pytest.fixture
def copy(crawled, tmp_path) -> Path:
    """This test's own copy of the crawl: tmp_path/crawl.db and tmp_path/data."""
    with sqlite3.connect(crawled / "crawl.db") as source, sqlite3.connect(tmp_path / "crawl.db") as target:
        source.backup(target)
    shutil.copytree(crawled / "data", tmp_path / "data")
    return tmp_path


def run_verify(runner, folder: Path, *args: str):
    return runner.invoke(cli, ["verify", "--db", str(folder / "crawl.db"), "--data-dir", str(folder / "data"), *args],
                         catch_exceptions=False)


def findings(runner, folder: Path) -> tuple[int, list[dict]]:
    """verify's exit status and its rows (JSON)."""
    result = run_verify(runner, folder, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def fetches(folder: Path) -> list[dict]:
    """The fetches that point into a WARC, with where their file is."""
    db = database.open_db(folder / "crawl.db")
    rows = list(db.query("select * from fetches where warc_path is not null order by id"))
    for row in rows:
        row["file"] = warc_location(row["warc_path"], folder / "data")
    return rows


def fetch_of(folder: Path, path: str) -> dict:
    return next(row for row in fetches(folder) if row["requested_url"].endswith(path))


def set_row(folder: Path, fetch_id: int, **values) -> None:
    with sqlite3.connect(folder / "crawl.db") as conn:
        for column, value in values.items():
            conn.execute(f"update fetches set {column} = ? where id = ?", [value, fetch_id])


def member_at(path: Path, offset: int) -> tuple[bytes, int]:
    """The gzip member at `offset` of `path`, decompressed, and its length in the file."""
    data = path.read_bytes()[offset:]
    decompressor = zlib.decompressobj(zlib.MAX_WBITS + 16)
    plain = decompressor.decompress(data)
    assert decompressor.eof
    return plain, len(data) - len(decompressor.unused_data)


def test_an_intact_crawl_verifies_ok_and_is_only_read(runner, copy):
    pointed = fetches(copy)
    assert len({row["file"] for row in pointed}) == 1 and len(pointed) >= len(PATHS)
    before = hashlib.sha256((copy / "crawl.db").read_bytes()).hexdigest()
    os.chmod(copy / "crawl.db", 0o444)  # a database it may not write is read as it is
    result = run_verify(runner, copy)
    assert result.exit_code == 0, result.output
    assert f"│ checked           │ {len(pointed):>5} │" in result.stdout
    assert f"│ ok                │ {len(pointed):>5} │" in result.stdout
    assert "verify: records" in result.stderr  # plain progress lines: the runner is no terminal
    assert findings(runner, copy) == (0, [])
    assert hashlib.sha256((copy / "crawl.db").read_bytes()).hexdigest() == before
    redirected = fetch_of(copy, "/crawl/moved?key=verify")
    assert redirected["final_url"] != redirected["requested_url"]  # checked against the final URL, as written


def test_a_deleted_warc_file_is_named_for_each_of_its_fetches_and_said_once(runner, copy):
    pointed = fetches(copy)
    pointed[0]["file"].unlink()
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS
    assert {(row["kind"], row["fetch_id"]) for row in rows} == {(verify.MISSING_FILE, f["id"]) for f in pointed}
    text = " ".join(run_verify(runner, copy).stdout.split())
    assert len(pointed) > 1 and text.count("missing file: ") == 1   # one line for the file, not one a fetch
    ids = sorted(f["id"] for f in pointed)
    assert (f"missing file: {pointed[0]['file']}: the WARC file is not there, and {len(pointed)} fetches point into "
            f"it (fetches {ids[0]}–{ids[-1]}); restore the file") in text


def test_a_file_cut_short_is_damaged(runner, copy):
    path = fetches(copy)[0]["file"]
    os.truncate(path, path.stat().st_size - 4)  # the last member's trailer: its records still parse
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS
    damaged = [row for row in rows if row["kind"] == verify.DAMAGED_FILE]
    assert len(damaged) == 1 and damaged[0]["file"] == str(path)
    assert "the file ends inside the gzip member that starts at byte" in damaged[0]["what"]


def record_offsets(path: Path) -> list[int]:
    """Where each WARC record of `path` starts, as warcio reads them."""
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        return [records.get_record_offset() for _ in records]


def warcio_check(path: Path) -> subprocess.CompletedProcess:
    """`warcio check` of `path`, as an archivist runs it."""
    return subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())",
                           "check", str(path)], capture_output=True, timeout=60)


def test_a_file_cut_inside_a_fetchs_record_says_how_to_give_other_warc_tools_its_whole_records(runner, copy, tmp_path):
    """A machine stopped mid-write (a power cut: the database's rows were synced, the WARC's bytes
    not) leaves the record a fetch points at cut: that capture is lost, pywb's `wb-manager add`
    then indexes nothing of the file and `warcio check` ends in a traceback.  The copy the line
    says how to make holds every whole record, and warcio reads and checks it to its end."""
    last = max(fetches(copy), key=lambda row: row["warc_offset"])
    path = last["file"]
    offsets = record_offsets(path)
    os.truncate(path, last["warc_offset"] + 20)   # inside the fetch's response record's WARC headers
    status, rows = findings(runner, copy)
    damaged = next(row for row in rows if row["kind"] == verify.DAMAGED_FILE)
    assert status == verify.EXIT_PROBLEMS and damaged["offset"] == last["warc_offset"]
    assert "the record there is lost" in damaged["what"] and damaged["fix"] == verify.FIXES[verify.DAMAGED_FILE]
    command = re.search(r"`(head -c .*)`", damaged["what"]).group(1)
    subprocess.run(command, shell=True, cwd=tmp_path, check=True)
    whole = tmp_path / f"{path.name.removesuffix('.warc.gz')}-whole.warc.gz"
    assert record_offsets(whole) == [offset for offset in offsets if offset < last["warc_offset"]]
    check = warcio_check(whole)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_file_cut_inside_a_record_no_fetch_recorded_says_nothing_is_lost_and_how_to_make_it_whole(runner, copy):
    """A crawl killed while writing its last record records no fetch of it (a fetch is recorded
    once its records are written): nothing recorded is lost, yet verify said "restore the file
    from a backup" (there is none to restore) and failed on every later run.  It says so, and
    the command it gives (the file's path shell-quoted) cuts the unfinished record off in place:
    every other record stays, `warcio check` passes, and verify finds nothing wrong."""
    pointed = fetches(copy)
    path = pointed[0]["file"]
    offsets = record_offsets(path)
    assert offsets[-1] > max(row["warc_offset"] for row in pointed)   # the last exchange's request record
    os.truncate(path, offsets[-1] + 20)   # inside its WARC headers
    assert warcio_check(path).returncode != 0
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS   # other WARC tools still fail on the file as it is
    assert [(row["kind"], row["offset"]) for row in rows] == [(verify.DAMAGED_FILE, offsets[-1])], rows
    assert "no fetch points at it or past it: no record a fetch points at is lost" in rows[0]["what"]
    assert "restore" not in rows[0]["what"] + rows[0]["fix"] and "head -c" not in rows[0]["what"]
    command = re.search(r"`(truncate .*)`", rows[0]["fix"]).group(1)
    assert command == f"truncate -s {offsets[-1]} {shlex.quote(str(path))}"
    assert command in run_verify(runner, copy).stdout
    subprocess.run(command, shell=True, check=True)
    assert record_offsets(path) == offsets[:-1]
    check = warcio_check(path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert findings(runner, copy) == (0, [])


def test_a_file_no_fetch_of_this_database_points_into_gets_no_command_that_cuts_it(runner, copy):
    """Every database in a folder shares the default data directory: a WARC file none of this
    database's fetches points into may be another database's, whose fetch may point at the cut
    record (lost, not "nothing recorded") and whose crawl may still be writing the file (cut
    under it, every later offset it records would be wrong).  Its line says how to copy its
    whole records, as for a fetch's record; it names no `truncate`."""
    path = fetches(copy)[0]["file"]
    other = path.with_name("sources-20200101T000000-1.warc.gz")   # another database's crawl's
    shutil.copyfile(path, other)
    offsets = record_offsets(other)
    os.truncate(other, offsets[-1] + 20)
    status, rows = findings(runner, copy)
    [damaged] = [row for row in rows if row["kind"] == verify.DAMAGED_FILE]
    assert status == verify.EXIT_PROBLEMS and damaged["file"] == str(other) and damaged["offset"] == offsets[-1]
    assert damaged["fix"] == verify.FIXES[verify.DAMAGED_FILE] and "truncate" not in damaged["fix"]
    assert "head -c" in damaged["what"] and "no record a fetch points at is lost" not in damaged["what"]


def test_a_file_cut_inside_its_first_record_is_to_be_removed_not_cut_to_nothing(tmp_path):
    """A crawl killed while writing the warcinfo that opens its file leaves no whole record: a
    file cut back to nothing is no WARC either (verify calls an empty file damaged)."""
    path = tmp_path / "sources-killed.warc.gz"
    path.write_bytes(gzip_member(warcinfo_record(path.name))[:30])
    [damage] = verify.gzip_damages(path)
    assert damage.start == 0 and damage.fix.startswith(f"make the file whole in place, without the unfinished "
                                                       f"record: `rm {path}`")


def test_a_file_cut_inside_a_record_names_the_fetches_it_lost(runner, copy):
    live = fetch_of(copy, "/crawl/live?key=verify")
    later = [row for row in fetches(copy) if row["warc_offset"] > live["warc_offset"]]
    os.truncate(live["file"], live["warc_offset"] + member_at(live["file"], live["warc_offset"])[1] // 2)
    status, rows = findings(runner, copy)
    kinds = {row["fetch_id"]: (row["kind"], row["what"]) for row in rows if row["fetch_id"]}
    assert status == verify.EXIT_PROBLEMS
    assert kinds[live["id"]] == (verify.UNREADABLE, "the record ends before its Content-Length (the file is cut "
                                                    "short inside it)")
    for row in later:
        assert kinds[row["id"]][0] == verify.UNREADABLE and "the file ends at byte" in kinds[row["id"]][1]


def test_a_record_whose_gzip_member_is_damaged_is_unreadable_not_a_bad_offset(runner, copy):
    """A member whose deflate data is broken (or cut a few bytes in) at the row's offset: the
    record is lost (restore the file), not a row pointing at the wrong place."""
    live = fetch_of(copy, "/crawl/live?key=verify")
    with open(live["file"], "r+b") as handle:   # the member's first deflate block: a reserved block type
        handle.seek(live["warc_offset"] + 10)
        handle.write(b"\x07")
    status, rows = findings(runner, copy)
    kinds = {row["fetch_id"]: (row["kind"], row["what"]) for row in rows if row["fetch_id"]}
    assert status == verify.EXIT_PROBLEMS
    assert kinds[live["id"]][0] == verify.UNREADABLE, kinds
    assert kinds[live["id"]][1].startswith("the gzip member holding the record is damaged")
    damaged = [row["what"] for row in rows if row["kind"] == verify.DAMAGED_FILE]
    assert len(damaged) == 1 and f"the gzip member at byte {live['warc_offset']} does not decompress" in damaged[0]


def member_ends(path: Path, offset: int) -> int:
    """Where the gzip member at `offset` ends (the next one starts)."""
    return offset + member_at(path, offset)[1]


def test_the_records_after_a_damaged_member_are_read_and_each_damage_is_said_once(runner, copy):
    """Two damaged members, one early and one late in the file: the walk goes on past the first
    (warcio and pywb stop there) and finds the second; each is one problem naming its bytes,
    and the fetches whose records lie between and after them are fine."""
    pointed = sorted(fetches(copy), key=lambda row: row["warc_offset"])
    first, last = pointed[0], pointed[-1]
    path = first["file"]
    late = member_ends(path, last["warc_offset"])   # the last response's request record, no fetch's
    ends = [member_ends(path, offset) - 1 for offset in (first["warc_offset"], late)]
    for offset in (first["warc_offset"], late):
        with open(path, "r+b") as handle:   # the member's first deflate block: a reserved block type
            handle.seek(offset + 10)
            handle.write(b"\x07")
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS
    damaged = [(row["offset"], row["what"]) for row in rows if row["kind"] == verify.DAMAGED_FILE]
    assert [offset for offset, _ in damaged] == [first["warc_offset"], late], rows
    for (offset, what), end in zip(damaged, ends):
        assert what.startswith(f"bytes {offset}–{end} are damaged: the gzip member at byte {offset} does not "
                               "decompress"), what
    assert [(row["kind"], row["fetch_id"]) for row in rows if row["fetch_id"]] == [(verify.UNREADABLE, first["id"])]
    text = " ".join(run_verify(runner, copy).stdout.split())
    assert text.count("damaged file: ") == 2 and "│ damaged file │ 1 │" in text   # one file, said twice


def test_a_fetch_whose_record_lies_in_damaged_bytes_is_unreadable_and_the_next_is_fine(runner, copy):
    """Bytes zeroed over a response record and the start of its request record (a bad disk
    block): no gzip member starts at the fetch's offset any more, but it lies in the damaged
    range, so its record is lost (not a row pointing at the wrong place); the file reads again
    from the next record, and the damage is one problem, from the fetch's offset to there."""
    pointed = sorted(fetches(copy), key=lambda row: row["warc_offset"])
    lost, after = pointed[0], pointed[1]
    path = lost["file"]
    request_at = member_ends(path, lost["warc_offset"])
    again = member_ends(path, request_at)
    with open(path, "r+b") as handle:
        handle.seek(lost["warc_offset"])
        handle.write(bytes(request_at + 5 - lost["warc_offset"]))
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS
    assert [(row["kind"], row["fetch_id"], row["offset"]) for row in rows] == [
        (verify.UNREADABLE, lost["id"], lost["warc_offset"]), (verify.DAMAGED_FILE, None, lost["warc_offset"])], rows
    assert rows[0]["what"] == (f"the record lies in the damaged bytes {lost['warc_offset']}–{again - 1} of the file: "
                               "it is lost")
    assert rows[1]["what"].startswith(f"bytes {lost['warc_offset']}–{again - 1} are damaged")
    assert after["warc_offset"] >= again   # read from its offset, and by the walk: no problem


def test_the_kinds_are_hyphenated_in_json_and_csv_words_in_the_terminal_and_documented(runner, copy):
    """Every machine-readable value of citewatch's outputs is lower case with hyphens (the
    report's classes, states, verdicts); the terminal keeps words."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "archive.md").read_text(encoding="utf-8")
    for kind in verify.FIXES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", kind) and f"`{kind}`" in docs, kind
    fetches(copy)[0]["file"].unlink()
    assert {row["kind"] for row in findings(runner, copy)[1]} == {"missing-file"}
    result = run_verify(runner, copy, "--format", "csv", "-o", str(copy / "found.csv"))
    assert (copy / "found.csv").read_text().splitlines()[1].startswith("missing-file,")
    assert "missing file " in result.stderr   # the summary line, in words
    assert "missing file: " in run_verify(runner, copy).stdout and "missing-file" not in run_verify(runner, copy).stdout


def test_a_byte_changed_inside_a_payload_fails_its_digest(runner, copy):
    live = fetch_of(copy, "/crawl/live?key=verify")
    plain, length = member_at(live["file"], live["warc_offset"])
    assert b"ceasefire" in plain
    compressor = zlib.compressobj(0, zlib.DEFLATED, zlib.MAX_WBITS + 16)  # as the crawl wrote it: level 0
    member = compressor.compress(plain.replace(b"ceasefire", b"ceasefirE", 1)) + compressor.flush()
    assert len(member) == length
    with open(live["file"], "r+b") as handle:
        handle.seek(live["warc_offset"])
        handle.write(member)
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS
    assert [(row["kind"], row["fetch_id"]) for row in rows] == [(verify.DIGEST, live["id"])]
    assert "payload digest failed" in rows[0]["what"]


def test_an_offset_that_moved_is_a_bad_offset(runner, copy):
    live, gzipped = fetch_of(copy, "/crawl/live?key=verify"), fetch_of(copy, "/crawl/gzipped?key=verify")
    request_offset = live["warc_offset"] + member_at(live["file"], live["warc_offset"])[1]  # its request record
    set_row(copy, live["id"], warc_offset=request_offset)
    set_row(copy, gzipped["id"], warc_offset=gzipped["warc_offset"] + 1)  # inside a member
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS
    kinds = {row["fetch_id"]: (row["kind"], row["what"]) for row in rows}
    assert kinds[live["id"]] == (verify.BAD_OFFSET, f"the record there is the request record of {live['final_url']}, "
                                                    "not the response of the row's URL")
    assert kinds[gzipped["id"]][0] == verify.BAD_OFFSET and "no WARC record starts there" in kinds[gzipped["id"]][1]
    assert len(rows) == 2


def test_an_other_urls_response_is_a_bad_offset(runner, copy):
    live, gzipped = fetch_of(copy, "/crawl/live?key=verify"), fetch_of(copy, "/crawl/gzipped?key=verify")
    set_row(copy, live["id"], warc_offset=gzipped["warc_offset"])
    status, rows = findings(runner, copy)
    assert (status, [(row["kind"], row["fetch_id"]) for row in rows]) == (3, [(verify.BAD_OFFSET, live["id"])])
    assert f"the response record of {gzipped['final_url']}" in rows[0]["what"]


def test_a_body_that_is_not_the_rows_is_a_body_mismatch(runner, copy):
    gzipped = fetch_of(copy, "/crawl/gzipped?key=verify")  # decoded (gzip) before it is hashed, as the crawl did
    set_row(copy, gzipped["id"], sha256="0" * 64)
    status, rows = findings(runner, copy)
    assert (status, [(row["kind"], row["fetch_id"]) for row in rows]) == (3, [(verify.BODY, gzipped["id"])])
    assert f"hashes to sha256 {gzipped['sha256'][:16]}…, the row says 0000000000000000…" in rows[0]["what"]


def test_a_revisit_record_is_no_bad_offset_nor_a_digest_failure(runner, copy):
    """A revisit record (identical-payload-digest) holds no payload: it is fine when `response_at`
    resolves it to the body the row hashed; until it does, it is a body mismatch that says so."""
    live = fetch_of(copy, "/crawl/live?key=verify")
    with open(live["file"], "rb") as handle:
        handle.seek(live["warc_offset"])
        original = next(iter(ArchiveIterator(handle)))
        headers = original.rec_headers
        writer = WARCWriter(None, gzip=True)
        revisit = writer.create_revisit_record(
            live["final_url"], headers.get_header("WARC-Payload-Digest"), live["final_url"],
            headers.get_header("WARC-Date"), http_headers=original.http_headers)
    offset = live["file"].stat().st_size
    with open(live["file"], "ab") as handle:
        WARCWriter(handle, gzip=True).write_record(revisit)
    set_row(copy, live["id"], warc_offset=offset)
    status, rows = findings(runner, copy)
    assert all(row["fetch_id"] == live["id"] for row in rows)
    if rows:  # response_at does not follow revisits (yet)
        assert [row["kind"] for row in rows] == [verify.BODY] and status == verify.EXIT_PROBLEMS
        assert f"a revisit record referring to {live['final_url']} {headers.get_header('WARC-Date')}" in rows[0]["what"]
    else:
        assert status == 0


def test_an_unreferenced_warc_file_is_listed_not_a_problem(runner, copy):
    pointed = fetches(copy)[0]["file"]
    extra = pointed.with_name("left-behind.warc.gz")
    shutil.copyfile(pointed, extra)
    status, rows = findings(runner, copy)
    assert (status, len(rows)) == (0, 1)
    what = rows[0].pop("what")
    assert rows == [{"kind": verify.UNREFERENCED, "fetch_id": None, "url": None, "file": str(extra),
                     "offset": None, "fix": verify.FIXES[verify.UNREFERENCED]}]
    # a copy of this database's own file: its records are of URLs it fetched (robots.txt's are not)
    assert re.fullmatch(r"no fetch points at this WARC file; [1-9]\d* of its \d+ records are of URLs this database "
                        r"knows: a crawl that stopped before it recorded them \(kill -9, a second Ctrl-C\), or whose "
                        r"every request failed, wrote it", what), what
    result = run_verify(runner, copy, "--format", "csv", "-o", str(copy / "found.csv"))
    assert result.exit_code == 0
    lines = (copy / "found.csv").read_text().splitlines()
    assert lines[0] == ",".join(verify.FIELDS) and lines[1].startswith(f"{verify.UNREFERENCED},,,{extra},")
    assert "unreferenced file 1 · written to" in result.stderr


def test_an_unreferenced_file_says_whose_it_may_be(runner, copy):
    """A file of other URLs may be another database's; a distributed worker's own copy says so."""
    folder = fetches(copy)[0]["file"].parent
    with open(folder / "other.warc.gz", "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warc_record("http://elsewhere.example/page", "resource", payload=io.BytesIO(b"x"),
                                                      warc_content_type="text/plain"))
    shutil.copyfile(fetches(copy)[0]["file"], folder / "sources-crawl7-hostb-1234.warc.gz")
    status, rows = findings(runner, copy)
    said = {Path(row["file"]).name: row["what"] for row in rows}
    assert status == 0 and said == {
        "other.warc.gz": "no fetch points at this WARC file, and none of its 1 records is of a URL this database "
                         "knows: it may belong to another database",
        "sources-crawl7-hostb-1234.warc.gz": "no fetch points at this WARC file: a distributed crawl's worker kept it, "
                                             "its own copy of what it sent for crawl 7 (the crawl's rows point at the "
                                             "collector's file)"}


def test_the_file_of_a_first_crawl_killed_before_it_recorded_a_fetch_is_said_to_be_this_databases(runner, copy):
    """No fetch at all (the rows were never committed): its records are of this database's sources."""
    with sqlite3.connect(copy / "crawl.db") as db:
        db.execute("PRAGMA foreign_keys = OFF")
        for table in ("extractions", "texts", "fetches"):
            db.execute(f"delete from {table}")
    status, rows = findings(runner, copy)
    assert status == 0 and rows and all(row["kind"] == verify.UNREFERENCED for row in rows)
    assert all(" records are of URLs this database knows: a crawl that stopped" in row["what"] for row in rows), rows


def test_a_damaged_unreferenced_file_is_a_problem(runner, copy):
    extra = fetches(copy)[0]["file"].with_name("left-behind.warc.gz")
    extra.write_bytes(b"not gzip at all")
    status, rows = findings(runner, copy)
    assert status == verify.EXIT_PROBLEMS
    assert {row["kind"] for row in rows if row["file"] == str(extra)} == {verify.UNREFERENCED, verify.DAMAGED_FILE}


def test_a_usage_error_exits_2(runner, copy):
    assert run_verify(runner, copy, "--format", "xml").exit_code == 2


def test_a_file_is_checked_in_bounded_memory(tmp_path):
    """A member that decompresses to 64 MiB (a bomb kept raw, or just a large file) is read
    without holding its output: the peak stays a few read sizes."""
    path = tmp_path / "big.warc.gz"
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    with open(path, "wb") as handle:
        for _ in range(64):
            handle.write(compressor.compress(bytes(1 << 20)))
        handle.write(compressor.flush())
    tracemalloc.start()
    try:
        assert verify.gzip_damages(path) == []
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * verify.READ_SIZE


def test_the_search_past_damage_is_streamed_too(tmp_path):
    """A damaged member followed by 16 MiB of bytes that begin no record, then a record: the
    walk finds the record, in bounded memory, and says the bytes before it once."""
    path = tmp_path / "damaged.warc.gz"
    record = gzip_member(warcinfo_record(path.name))
    # gzip headers at every 1024th byte, none of a record: 16384 of them, each tried and refused (a first
    # look of FIRST_LOOK bytes each: the gzip header look-alikes' test below holds that cost down)
    junk = (b"\x1f\x8b\x08" + bytes(1021)) * (1 << 14)
    path.write_bytes(b"\x1f\x8b\x08\0\0\0\0\0\0\xff\x07" + junk + record)
    tracemalloc.start()
    try:
        damages = verify.gzip_damages(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    resume = path.stat().st_size - len(record)
    assert [(damage.start, damage.end) for damage in damages] == [(0, resume)]
    assert peak < 8 * verify.READ_SIZE


def test_a_missing_database_is_refused_and_nothing_is_made(runner, tmp_path):
    result = runner.invoke(cli, ["verify", "--db", str(tmp_path / "typo.db"), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: no database at {tmp_path / 'typo.db'}; run `citewatch ingest DOC` "
                                          "(or `citewatch run DOC`) first"]
    assert list(tmp_path.iterdir()) == []


def test_the_output_file_is_never_a_warc_file_it_reads(runner, copy):
    warc = fetches(copy)[0]["file"]
    before = warc.read_bytes()
    result = run_verify(runner, copy, "--format", "json", "-o", str(warc))
    assert result.exit_code == 1 and f"-o {warc} is a WARC file verify reads: give another file name" in result.output
    assert warc.read_bytes() == before


def test_a_database_with_nothing_to_verify_says_so_not_that_all_is_intact(runner, tmp_path):
    """A database no crawl wrote into and an empty data directory: "All 0 records and 0 WARC
    files are intact" read as a check passed; nothing was checked, and the way on is a crawl."""
    database.open_db(tmp_path / "empty.db")
    (tmp_path / "data").mkdir()
    result = runner.invoke(cli, ["verify", "--db", str(tmp_path / "empty.db"), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Nothing to verify: no fetch has a WARC record and the data directory holds no WARC "
                             "file (a crawl writes them: `citewatch crawl`).\n")   # no table of zeros above it


def test_a_database_only_ingested_has_nothing_to_verify_without_a_data_directory(runner, tmp_path):
    """Before any crawl there is no data directory, and none is needed: "data directory …
    does not exist; give --data-dir the folder that holds warc/" sent the user looking for a
    folder that was never made.  A data directory the fetches point into is still required."""
    path = tmp_path / "ingested.db"
    Factory(database.open_db(path)).document()
    result = runner.invoke(cli, ["verify", "--db", str(path), "--data-dir", str(tmp_path / "never-made")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Nothing to verify: no fetch has a WARC record")
    assert not (tmp_path / "never-made").exists()


class CountingFile(io.BytesIO):
    """A file that counts the bytes read from it: what the search costs in reads."""

    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data


def test_a_stretch_full_of_gzip_header_look_alikes_is_not_read_a_mib_per_header():
    """A damaged stretch may hold a gzip header's three bytes every few bytes; each is tried as a
    record (`_holds_record`).  A MiB read for each made a 16 MiB stretch take minutes: the first
    look is small, and every look-alike here fails in it."""
    stretch = (b"\x1f\x8b\x08" + b"\x00" * 61) * (1024 * 1024 // 64)
    handle = CountingFile(stretch)
    offsets = range(0, len(stretch), 64)
    assert not any(verify._holds_record(handle, offset) for offset in offsets)
    # a few KiB a header (~64 times the stretch here); a MiB a header read ~8,000 times the stretch
    assert handle.read_bytes <= 100 * len(stretch)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_nothing_to_verify_is_said_on_stderr_for_a_machine_format_too(runner, tmp_path, fmt):
    """A machine format keeps standard output for its (empty) results, and its summary on
    standard error said "checked 0, ok 0, … files read 0", the counts a check that passed
    shows: it says there was nothing to verify, as the table does."""
    database.open_db(tmp_path / "ingested.db")
    result = runner.invoke(cli, ["verify", "--db", str(tmp_path / "ingested.db"), "--data-dir",
                                 str(tmp_path / "never-made"), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout == {"json": "[]\n", "csv": "kind,fetch_id,url,file,offset,what,fix\n"}[fmt]
    assert result.stderr.startswith("Nothing to verify: no fetch has a WARC record"), result.stderr
    assert "checked 0" not in result.stderr
