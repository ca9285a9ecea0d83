"""A file of this machine's that cannot be written is this machine's fault, never the source's.

The data folder on a full disk, its warc/ folder on a read-only file system, the database on a
full disk (as the crawl opens, as it stores pages): the crawl stops as a stop does, records no check for the page it could not write (no fetch row, no
state change), keeps the pages stored before, is left unfinished (the next run resumes it), and
`citewatch crawl` exits 1 with one line naming the file and the fix, no traceback.  No fetch row
points at a half-written WARC record, and a re-run with space back checks every source once.

The disk is real and small: a tmpfs mounted in a mount namespace of the crawl's own (`unshare
-m`, as root), so nothing outside the test sees it; its files are copied out before the
namespace ends.  What fills it is a file of zeros (SCRIPT's filler), never the machine's disk.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from archive.warc import response_at
from tests.clirun import cli_here, crawl, fast_env
from tests.conftest import ROOT
from tests.crawling import add_sources

SOURCES = 24
PAGE = "crawl/live"   # a page of some 2 KB, counted by its key
FREE = 40 * 1024      # what the tmpfs keeps free: a dozen pages' records, not two dozen


def _private_tmpfs() -> bool:
    """A tmpfs can be mounted in a mount namespace of one's own here (root, util-linux's unshare)."""
    if not shutil.which("unshare"):
        return False
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {folder}"],
                               capture_output=True)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _private_tmpfs(), reason="needs `unshare -m` and a tmpfs mount (root)")


# Run inside the namespace: the small disk at $SMALL, filled but for $FREE bytes (the database in
# $SEED copied there first), or with a read-only file system of its own at $SMALL/data/warc
# ($READ_ONLY_WARC) while the data folder is writable; the crawl; then its files copied out to
# $COPY, whatever the crawl's exit status, which is the script's.
SCRIPT = r"""
set -u
mount -t tmpfs -o size=4m tmpfs "$SMALL" || exit 99
[ -n "$SEED" ] && cp -a "$SEED/." "$SMALL/"
if [ -n "$READ_ONLY_WARC" ]; then
    mkdir -p "$SMALL/data/warc" && mount -t tmpfs -o ro,size=1m tmpfs "$SMALL/data/warc" || exit 99
fi
avail=$(df -B1 --output=avail "$SMALL" | tail -1)
head -c $((avail - FREE)) /dev/zero > "$SMALL/filler" 2>/dev/null
"$PYTHON" -m crawler.cli crawl > "$OUT" 2> "$ERR"
status=$?
rm -f "$SMALL/filler"
cp -a "$SMALL/." "$COPY/"
exit $status
"""


def _crawl_on_small_disk(env: dict, small: Path, copy: Path, free: int = FREE, seed: Path | None = None,
                         read_only_warc: bool = False) -> subprocess.CompletedProcess:
    """`citewatch crawl` with `env` (its paths under `small`, the small disk), in a namespace of its
    own; what the crawl printed, its exit status, and the disk's files copied to `copy`."""
    small.mkdir(exist_ok=True)
    copy.mkdir(exist_ok=True)
    out, err = small.parent / "crawl.out", small.parent / "crawl.err"
    variables = {"SMALL": str(small), "COPY": str(copy), "FREE": str(free), "PYTHON": sys.executable,
                 "OUT": str(out), "ERR": str(err), "SEED": str(seed or ""), "READ_ONLY_WARC": "1" if read_only_warc else ""}
    done = subprocess.run(["unshare", "-m", "sh", "-c", SCRIPT], cwd=ROOT, env={**env, **variables}, timeout=300)
    assert done.returncode != 99, "the tmpfs could not be mounted"
    return subprocess.CompletedProcess(done.args, done.returncode, out.read_text(), err.read_text())


def _env(env: dict, web: dict, tmp_path, **overrides) -> dict:
    """A fast crawl, one page at a time, with no soft-404 probe: a page is stored as soon as it
    is written, not once its host's probe came (the disk may have filled by then)."""
    return fast_env(env, web, tmp_path, per_host_concurrency=1, soft404_probe=0, **overrides)


def _sources(db, web: dict) -> dict[str, int]:
    keys = [uuid.uuid4().hex for _ in range(SOURCES)]
    return add_sources(db, [f"{web['main']}/{PAGE}?key={key}" for key in keys])


def _one_line(result: subprocess.CompletedProcess) -> str:
    """The crawl's error: one line after its progress bar's, no traceback."""
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("sources")]
    assert "Traceback" not in result.stderr + result.stdout and len(lines) == 1, result.stderr
    return lines[0]


def _checked(db) -> dict[int, list]:
    """The checks of every source, by id."""
    return {row["id"]: json.loads(row["checks"] or "[]") for row in db.query("select id, checks from sources")}


def _assert_nothing_judged_by_the_disk(db, data_dir: Path) -> list[dict]:
    """The fetches stored read back whole from the WARC; no source was judged without one: a
    source with no fetch row kept its state (unknown, never checked).  Returns the live rows."""
    rows = list(db.query("select * from fetches where purpose = 'live' and final = 1"))
    assert {row["class"] for row in rows} <= {"live"}, rows
    for row in db.query("select * from fetches"):
        record = response_at(row["warc_path"], row["warc_offset"], data_dir)
        assert record is not None and record[0].get_statuscode() == str(row["status"]), row   # its own answer
    stored = {row["source_id"] for row in rows}
    for source in db.query("select * from sources"):
        if source["id"] not in stored:
            assert (source["state"], source["checks"], source["failing_checks"]) in \
                   (("unknown", None, 0), ("unknown", "[]", 0)), source
    return rows


def _rerun_checks_every_source_once(env: dict, db, data_dir: Path, urls: dict[str, int]) -> None:
    """A re-run with the disk's files where there is space: the same crawl, finished, every
    source checked once over both runs, every page read back from the WARC."""
    result = crawl({**env, "CITEWATCH_DATA_DIR": str(data_dir)})
    assert "Traceback" not in result.stderr
    assert [row["status"] for row in db.query("select status from crawls")] == ["finished"]
    assert all(len(checks) == 1 for checks in _checked(db).values()), _checked(db)
    rows = _assert_nothing_judged_by_the_disk(db, data_dir)
    assert sorted(row["source_id"] for row in rows) == sorted(urls.values())
    verified = cli_here(env, "verify", "--data-dir", str(data_dir))
    assert verified.returncode == 0, verified.stdout + verified.stderr   # no half-written record in any file


def test_a_data_folder_that_fills_up_stops_the_crawl_and_judges_no_source(web, env, db, tmp_path):
    urls = _sources(db, web)
    small = tmp_path / "small"
    crawl_env = _env(env, web, tmp_path)
    crawl_env["CITEWATCH_DATA_DIR"] = str(small / "data")

    result = _crawl_on_small_disk(crawl_env, small, tmp_path / "copy")

    assert result.returncode == 1, result.stdout + result.stderr
    line = _one_line(result)
    assert line.startswith(f"Error: cannot write {small / 'data' / 'warc'}/sources-") and ".warc.gz" in line, line
    assert "(No space left on device)" in line and f"free space on {small} and run again" in line, line
    assert [row["status"] for row in db.query("select status from crawls")] == ["interrupted"]
    rows = _assert_nothing_judged_by_the_disk(db, tmp_path / "copy" / "data")
    assert 0 < len(rows) < SOURCES   # the pages before the disk filled are kept; not one after it
    assert sum(1 for checks in _checked(db).values() if checks) == len(rows)

    _rerun_checks_every_source_once(crawl_env, db, tmp_path / "copy" / "data", urls)


def test_a_read_only_warc_folder_stops_the_crawl_and_judges_no_source(web, env, db, tmp_path):
    urls = _sources(db, web)
    small = tmp_path / "small"
    crawl_env = _env(env, web, tmp_path)
    crawl_env["CITEWATCH_DATA_DIR"] = str(small / "data")   # writable; its warc/ is a read-only file system

    result = _crawl_on_small_disk(crawl_env, small, tmp_path / "copy", free=512 * 1024, read_only_warc=True)

    assert result.returncode == 1, result.stdout + result.stderr
    line = _one_line(result)
    warc = small / "data" / "warc"
    assert line.startswith(f"Error: cannot write {warc}/sources-"), line
    assert "(Read-only file system)" in line and f"remount {warc} read-write and run again" in line, line
    assert [row["status"] for row in db.query("select status from crawls")] == ["interrupted"]
    assert db.execute("select count(*) from fetches").fetchone()[0] == 0   # its first page could not be written
    _assert_nothing_judged_by_the_disk(db, tmp_path / "copy" / "data")

    _rerun_checks_every_source_once(crawl_env, db, tmp_path / "copy" / "data", urls)


def test_a_retry_whose_answer_cannot_be_written_is_not_stored_with_the_first_answers_record(web, env, db, tmp_path):
    # a 503, then the page: the disk takes the 503's record (one 4 KiB page of tmpfs), not the page's
    key = uuid.uuid4().hex
    add_sources(db, [f"{web['main']}/crawl/flaky?key={key}"])
    small = tmp_path / "small"
    crawl_env = _env(env, web, tmp_path)
    crawl_env["CITEWATCH_DATA_DIR"] = str(small / "data")

    result = _crawl_on_small_disk(crawl_env, small, tmp_path / "copy", free=4096)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "(No space left on device)" in _one_line(result)
    assert db.execute("select count(*) from fetches").fetchone()[0] == 0   # not the page with the 503's record
    _assert_nothing_judged_by_the_disk(db, tmp_path / "copy" / "data")


# (free bytes on its disk, whether the crawl could be opened): a disk that fills as the crawl
# opens, in `citewatch crawl` itself; one that fills as its pages are stored, in the crawl's child
@pytest.mark.parametrize(("free", "opened"), [(48 * 1024, False), (384 * 1024, True)], ids=["opening", "storing"])
def test_a_database_on_a_full_disk_stops_the_crawl_and_judges_no_source(web, env, db, db_path, tmp_path, free,
                                                                         opened):
    import db as database

    urls = _sources(db, web)
    db.conn.close()
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copy(db_path, seed / "test.db")   # the database on the small disk (closed: no -wal to copy)
    small = tmp_path / "small"
    # a host delay: the pages are stored in several commits, and the disk fills between two
    crawl_env = _env(env, web, tmp_path, host_delay=0.1)
    crawl_env["CITEWATCH_DB"] = str(small / "test.db")

    result = _crawl_on_small_disk(crawl_env, small, tmp_path / "copy", free=free, seed=seed)

    assert result.returncode == 1, result.stdout + result.stderr
    line = _one_line(result)
    assert line.startswith(f"Error: cannot write {small / 'test.db'} (database or disk is full)"), line
    assert f"free space on {small} and run again" in line, line
    copied = database.open_db(tmp_path / "copy" / "test.db")
    # interrupted, or left running when the disk took no more: resumed alike
    assert [row["status"] for row in copied.query("select status from crawls")] in \
           ((["interrupted"], ["running"]) if opened else ([],))
    data_dir = Path(crawl_env["CITEWATCH_DATA_DIR"])
    rows = _assert_nothing_judged_by_the_disk(copied, data_dir)
    assert len(rows) < SOURCES

    # (the re-run without the host delay: what it proves is that every source is checked once)
    _rerun_checks_every_source_once({**crawl_env, "CITEWATCH_DB": str(tmp_path / "copy" / "test.db"),
                                     "CITEWATCH_HOST_DELAY": "0"}, copied, data_dir, urls)
