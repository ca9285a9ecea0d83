"""The resolve stage and the archive's stored quiet time (`archive_quiet`), and its offline line.

- A Retry-After beyond `retry_after_cap` that the archive stage kept holds `citewatch resolve`
  in another process: not one CDX request, one line naming the time and the way out (the
  DELETE), every citation left an error to retry (not searched, never "not found"), searched
  once the time is gone; one within the cap is waited out.
- A Retry-After beyond the cap that resolve met itself is kept the same way: the next
  `citewatch archive`, in another process, sends nothing before it.
- With the archive out of reach, resolve's line naming the command to run again is one line,
  the command unbroken, as a log (80 columns) or a pipe keeps it.

Real runs against the test web's archive (tests/web/wayback.py, a namespace per test) on real
SQLite files; waits shrunk through settings (tests/test_wayback.py `Archive.env`).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys

from archive import stage
from crawler import social
from tests.test_archive_outages import _live
from tests.test_stop_advice import invoke_as_typed, social_citations
from tests.test_wayback import ROOT_DIR

UTC = datetime.timezone.utc
QUIET = re.compile(r"the archive asked for quiet until (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC")


def _citewatch(archive, tmp_path, *words: str, **settings) -> subprocess.CompletedProcess:
    """`citewatch WORDS…` in a process of its own (nothing of this one's memory of the archive's
    429s), against this test's archive and database; its output with the lines joined."""
    env = {**os.environ, **archive.env(tmp_path, **settings), "COLUMNS": "400"}
    done = subprocess.run([sys.executable, "-m", "crawler.cli", *words], cwd=ROOT_DIR, capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def _statuses(db, ids: list[int]) -> list[dict]:
    return [json.loads(db["citations"].get(citation_id)["resolution"]) for citation_id in ids]


def test_a_quiet_the_archive_stage_kept_holds_resolve_in_another_process_until_it_is_deleted(
        archive, tmp_path, db):
    _live(archive, db, "quiet", 1)
    archive.set(**{"save.429": 1, "save.retry_after": 3600})
    stage.run(db, archive.config(tmp_path, rescue_live=0))            # retry_after_cap 5 s: stopped, kept
    [(not_before,)] = db.execute("SELECT not_before FROM archive_quiet").fetchall()
    ids = social_citations(db)
    asked = archive.counters()

    held = _citewatch(archive, tmp_path, "resolve")
    said = " ".join(held.stdout.split())
    assert archive.counters() == asked                                 # not one request
    until = QUIET.search(said)
    assert until, said
    kept = datetime.datetime.fromisoformat(not_before)
    assert abs((datetime.datetime.fromisoformat(until.group(1)).replace(tzinfo=UTC) - kept).total_seconds()) <= 1
    assert f"DELETE FROM archive_quiet WHERE archive = '{archive.base}'" in said     # the way out
    assert f"{len(ids)} citations left to resolve; run `citewatch resolve" in said
    for outcome in _statuses(db, ids):   # not searched, left for the next run: no "post not found"
        assert outcome["status"] == "error" and "quiet until" in outcome["reason"], outcome

    # the archive's hour has passed (its toggle cleared); the time kept is deleted, as the line says
    archive.set(**{"save.blocked_until": 0})
    with db.conn:
        db.execute("DELETE FROM archive_quiet WHERE archive = ?", [archive.base])
    _citewatch(archive, tmp_path, "resolve")
    assert archive.count("cdx") > len(asked.get("cdx", []))            # searched this time
    assert {outcome["status"] for outcome in _statuses(db, ids)} == {"unresolved"}   # nothing archived: decided
    assert archive.count("host-violations") == 0


def test_a_long_retry_after_resolve_met_holds_the_next_archive_run_in_another_process(archive, tmp_path, db):
    ids = social_citations(db)
    archive.set(**{"cdx.429": 1, "cdx.retry_after": 3600})
    counts = social.run(db, archive.config(tmp_path))                   # retry_after_cap 5 s
    assert counts["errors"] == len(ids) and archive.count("cdx") == 1
    [(archive_url, not_before)] = db.execute("SELECT archive, not_before FROM archive_quiet").fetchall()
    assert archive_url == archive.base
    assert datetime.datetime.fromisoformat(not_before) > datetime.datetime.now(UTC) + datetime.timedelta(minutes=30)

    _live(archive, db, "after-resolve", 1)
    asked = archive.counters()
    again = _citewatch(archive, tmp_path, "archive", rescue_live=0)
    said = " ".join(again.stdout.split())
    assert "stopped early: the archive asked for quiet until" in said, said
    assert archive.counters() == asked


def test_a_quiet_within_the_cap_kept_by_an_earlier_run_is_waited_out_by_resolve(archive, tmp_path, db):
    # an earlier run was told to wait 1.5 s (within the cap) and ended: resolve waits, then searches
    ids = social_citations(db, many=1)
    not_before = datetime.datetime.now(UTC) + datetime.timedelta(seconds=1.5)
    with db.conn:
        db["archive_quiet"].insert({"archive": archive.base, "not_before": not_before.isoformat(),
                                    "set_at": "2026-01-01T00:00:00+00:00"})
    archive.set(**{"cdx.blocked_until": not_before.timestamp()})        # the archive counts a request before it
    counts = social.run(db, archive.config(tmp_path))
    assert counts["errors"] == 0 and archive.count("cdx") > 0
    assert archive.count("host-violations") == 0
    assert _statuses(db, ids)[0]["status"] == "unresolved"


def test_an_offline_resolve_says_to_run_it_again_in_one_line_with_the_command_unbroken(
        tmp_path, db, runner, monkeypatch):
    social_citations(db)
    monkeypatch.chdir(tmp_path)
    long_name = "long name ü with spaces and more words to make it long.db"
    with sqlite3.connect(long_name) as copy:
        db.conn.backup(copy)
    typed = ["resolve", "--db", long_name]
    # the archive: tests/conftest.py OFFLINE's closed loopback port, refusing every connection
    result = invoke_as_typed(runner, monkeypatch, typed, {"CITEWATCH_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "citations left to resolve" in line]
    assert line.startswith("error: cannot reach the archive at ")
    assert line.endswith(f"4 citations left to resolve; run `{shlex.join(['citewatch', *typed])}` again when online")
