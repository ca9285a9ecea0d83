"""A data directory moved or copied elsewhere is read where it lands: `fetches.warc_path` is
relative to the data directory (`warc/<file>`), and the stages that read WARC bodies back
(history's answered checks, the rescue's reading of the archive's answers) find them in
the data directory configured now.  An old database's absolute paths are rewritten by
migration m013 when they name one data directory, and kept (still read) when not.

Each test crawls the test web for real, then moves the database and the data directory
away from where the crawl wrote them (as a user copying them to another disk or machine)
and points the configuration at the new place.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from pathlib import Path

import db as database
from archive import stage
from archive.warc import response_at
from crawler import crawl
from crawler.config import load_config
from tests.crawling import add_sources
from tests.test_archive import DEAD, Seed
from tests.test_history_syndication import (  # noqa: F401 (tweets and the module's resolved_tweets: fixtures)
    _checks, _drop_syndication_checks, _reported, resolved_tweets, tweets)

M013 = "m013_fetches_warc_path_relative"


def _crawl_config(tmp_path: Path, data_dir: Path):
    """A crawl of loopback pages shrunk to fractions of a second, into `data_dir`."""
    return load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(data_dir)).with_overrides(
        allow_private_networks=True, host_delay=0.0, retries=0, fetch_timeout=5.0, autothrottle=False,
        soft404_probe=False, obey_robots=False, extract_workers=1)


def _crawl_pages(web, db, config, n: int = 2) -> None:
    """Crawl n fresh live pages of the test web; every fetch gets an answer."""
    token = uuid.uuid4().hex[:8]
    add_sources(db, [f"{web['main']}/crawl/live?key=warc-paths-{token}-{i}" for i in range(n)])
    result = crawl.run(db, config, show_progress=False)
    assert result["classes"] == {"live": n}, result


def _move(db, root: Path, to: Path) -> None:
    """Close the database and move it and the data directory (both under `root`) to `to`."""
    db.conn.close()   # (checkpoints the WAL into the file)
    shutil.move(root, to)
    assert not root.exists()


def _bodies_read_back(db, data_dir: Path) -> None:
    """Every fetch with an answer is read back from its WARC with the body it was hashed from."""
    fetched = list(db.query("select * from fetches where status is not null"))
    assert fetched
    for fetch in fetched:
        response = response_at(fetch["warc_path"], fetch["warc_offset"], data_dir)
        assert response is not None, fetch["warc_path"]
        assert hashlib.sha256(response[1]).hexdigest() == fetch["sha256"]


def _as_written_before_m013(db, *data_dirs: Path) -> None:
    """The database as citewatch left it before m013: each path absolute, in the data directory
    its crawl wrote to (as the crawl resolved it), and m013 not yet applied (the schema is the same)."""
    with db.conn:
        for data_dir in data_dirs:
            for warc in (data_dir / "warc").iterdir():
                db.execute("update fetches set warc_path = ? where warc_path = ?",
                           [str(warc.resolve()), f"warc/{warc.name}"])
        db.execute("delete from _sqlite_migrations where name = ?", [M013])


def test_a_crawl_stores_its_warc_relative_to_the_data_directory_and_is_read_after_a_move(web, tmp_path):
    root = tmp_path / "first-disk"
    config = _crawl_config(root, root / "data")
    db = database.open_db(config.db_path)
    _crawl_pages(web, db, config)
    paths = {path for (path,) in db.execute("select warc_path from fetches where warc_path is not null")}
    assert len(paths) == 1 and next(iter(paths)).startswith("warc/sources-")
    assert (root / "data" / next(iter(paths))).is_file()

    _move(db, root, tmp_path / "second-disk")
    moved = _crawl_config(tmp_path / "second-disk", tmp_path / "second-disk" / "data")
    _bodies_read_back(database.open_db(moved.db_path), moved.data_dir)


def test_the_rescue_reads_the_archive_s_answers_from_a_moved_data_directory(archive, tmp_path):
    root = tmp_path / "first-disk"
    config = archive.config(root, rescue_live=0)
    db = database.open_db(config.db_path)
    failed = Seed(db).source("https://rescue.example/failed-when-captured", live_class=DEAD)
    stage.run(db, config)
    classes = {r["timestamp"]: r["class"] for r in db.query("select * from snapshots where source_id = ?", [failed])}
    assert classes == {"20200330000000": "server-error", "20200301000000": "live"}   # a 503 captured as such
    replays = archive.count("replay")

    _move(db, root, tmp_path / "second-disk")
    moved = archive.config(tmp_path / "second-disk", rescue_live=0)
    db = database.open_db(moved.db_path)
    stage.run(db, moved)
    # the captured 503 is read back from the WARC with its Memento-Datetime: a real answer, kept,
    # not taken for the archive's own fault (which would unclassify it and fetch it again)
    assert {r["timestamp"]: r["class"] for r in db.query("select * from snapshots where source_id = ?",
                                                          [failed])} == classes
    assert archive.count("replay") == replays


def test_history_reads_a_tweet_s_answers_from_a_moved_data_directory(tweets, tmp_path):
    db, config, sources = tweets
    for source_id in sources.values():   # sources.checks without them, as an older citewatch left it:
        _drop_syndication_checks(db, source_id)   # the history reads each again from its answer's body
    expected = {"live": [("live", "live")], "tombstone": [("post-unavailable", "unknown")]}   # both 200s
    assert {name: _checks(_reported(db, config, sources[name])) for name in expected} == expected

    moved_root = tmp_path / "moved"
    moved_root.mkdir()
    db.conn.close()   # (checkpoints the WAL into the file)
    for name in ("test.db", "data"):
        shutil.move(tmp_path / name, moved_root / name)
    moved = config.with_overrides(db=str(moved_root / "test.db"), data_dir=str(moved_root / "data"))
    db = database.open_db(moved.db_path)
    assert {name: _checks(_reported(db, moved, sources[name])) for name in expected} == expected


def test_an_old_database_s_absolute_paths_are_made_relative_and_read_after_a_move(web, tmp_path):
    root = tmp_path / "first-disk"
    config = _crawl_config(root, root / "data")
    db = database.open_db(config.db_path)
    _crawl_pages(web, db, config)
    _as_written_before_m013(db, root / "data")
    assert all(Path(p).is_absolute() for (p,) in db.execute("select warc_path from fetches where status is not null"))

    _move(db, root, tmp_path / "second-disk")
    moved = _crawl_config(tmp_path / "second-disk", tmp_path / "second-disk" / "data")
    db = database.open_db(moved.db_path)   # m013 runs
    assert {p for (p,) in db.execute("select warc_path from fetches where status is not null")} \
        == {f"warc/{Path(p).name}" for p in (tmp_path / "second-disk" / "data" / "warc").iterdir()}
    _bodies_read_back(db, moved.data_dir)


def test_an_old_database_with_warcs_in_two_data_directories_keeps_its_paths_and_reads_them(web, tmp_path):
    config_a = _crawl_config(tmp_path, tmp_path / "data-a")
    db = database.open_db(config_a.db_path)
    _crawl_pages(web, db, config_a, n=1)
    config_b = _crawl_config(tmp_path, tmp_path / "data-b")   # the data directory changed between crawls
    _crawl_pages(web, db, config_b, n=1)
    _as_written_before_m013(db, tmp_path / "data-a", tmp_path / "data-b")
    before = sorted(db.execute("select id, warc_path from fetches").fetchall())
    db.conn.close()

    db = database.open_db(config_b.db_path)   # m013 cannot tell which directory is the data directory
    assert sorted(db.execute("select id, warc_path from fetches").fetchall()) == before
    _bodies_read_back(db, config_b.data_dir)   # each read where it was written
    for warc in (tmp_path / "data-a" / "warc").iterdir():   # the first crawl's WARC joins the second's
        shutil.move(warc, tmp_path / "data-b" / "warc" / warc.name)
    _bodies_read_back(db, config_b.data_dir)
