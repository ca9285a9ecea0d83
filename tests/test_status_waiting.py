"""`citewatch status` names the sites that asked to wait beyond retry_after_cap, until when, how
many due sources wait there, and how to ask sooner: a source left unchecked run after run for a
host's Retry-After (table host_quiet) or the archive's (archive_quiet) was said only in the log
of the crawl that met it."""

from __future__ import annotations

import datetime
import time

from crawler.cli import cli
from crawler.state import keep_host_quiet
from tests.factories import Factory


def test_status_lists_the_hosts_and_the_archive_that_asked_to_wait(runner, db_path, db):
    make = Factory(db)
    for url in ("https://busy.example/a", "https://busy.example/b", "https://calm.example/c"):
        make.source(url)
    keep_host_quiet(db, "busy.example", time.time() + 3600)
    keep_host_quiet(db, "gone-by.example", time.time() - 60)          # passed: asked as usual again
    until = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)).isoformat(timespec="seconds")
    db.execute("insert into archive_quiet (archive, not_before, set_at) values (?, ?, ?)",
               ["https://web.archive.org", until, until])
    shown = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False, terminal_width=250).output
    assert "sites that asked to wait" in shown
    [busy] = [line for line in shown.splitlines() if "busy.example" in line]
    assert "2 due" in busy
    [archive] = [line for line in shown.splitlines() if "https://web.archive.org" in line]
    assert until[:16].replace("T", " ") in archive and "the archive" in archive
    assert "DELETE FROM host_quiet WHERE host = 'HOST'" in " ".join(shown.split())
    assert "gone-by.example" not in shown and "calm.example" not in shown


def test_status_shows_no_waiting_table_when_no_site_asked(runner, db_path, db):
    Factory(db).source("https://calm.example/c")
    shown = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False, terminal_width=250).output
    assert "asked to wait" not in shown
