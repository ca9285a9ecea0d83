"""Four mends of session 18's changes: only a write's I/O error on a full disk is said full (a
failed read stays a disk to check); a footnote resting on the text its statement's verdict
rests on says words added since the quote's date only when its statement does; an article's
quote that a statement naming no speaker holds better than another speaker's is no possible
misattribution, and an altered look-alike naming no speaker lends no sources to a quote
that names its speaker; and a busy stage's holder that ignores SIGINT is stopped by the
`kill -TERM` its refusal names.  Real SQLite files, a real full tmpfs, the real reconcile
command and a real crawl of the test web."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

from crawler import reconcile
from crawler.cli import cli
from crawler.spiderrun import local_write_line, no_room
from tests.conftest import ROOT
from tests.factories import Factory
from tests.test_cli_session18 import _fill
from tests.test_crawl import add_sources, fast_env
from tests.test_crawl_signals import _served
from tests.test_reconcile_session16 import CANADA, ESTONIA, UNDER_CANADA, _article_quote, _letter
from tests.test_reconcile_session16 import _rows as _checks_of
from tests.test_report_session17 import OTHER_WORDS, QUOTE, _reconciled, _rows, _two_footnotes
from tests.test_schedule_session16 import _tmpfs

# --- 1. which of SQLite's I/O errors a full disk explains ------------------------------------

# SQLite's I/O errors by extended code: those of a write (a full disk may be why) and the rest
WRITES = {"IOERR_WRITE": 778, "IOERR_FSYNC": 1034, "IOERR_TRUNCATE": 1546, "IOERR_SHMSIZE": 4874,
          "IOERR_SHMMAP": 5386}
OTHERS = {"IOERR": 10, "IOERR_READ": 266, "IOERR_SHORT_READ": 522, "IOERR_LOCK": 3850, "IOERR_CORRUPTFS": 8458}


def _sqlite_error(name: str, code: int) -> sqlite3.OperationalError:
    """SQLite's error as the sqlite3 module raises it, carrying its extended result code (the
    input: a failed read cannot be provoked on demand on a real file)."""
    exc = sqlite3.OperationalError("database or disk is full" if name == "FULL" else "disk I/O error")
    exc.sqlite_errorcode, exc.sqlite_errorname = code, f"SQLITE_{name}"
    return exc


def test_only_a_write_s_io_error_on_a_full_disk_is_said_full(tmp_path):
    """Any SQLITE_IOERR on a disk with under 48 KiB free was said "the disk is full: free
    space" (its extended code masked away): a failed read or lock on a nearly full disk sent
    the user to free space, not to check the disk.  Only a write's, a sync's, a truncation's
    and the -shm's growth are taken for a full disk there, and SQLITE_FULL everywhere."""
    folder = _tmpfs(tmp_path, "full", "rw")
    database = folder / "test.db"
    try:
        _fill(folder)
        errors = {name: _sqlite_error(name, code) for name, code in {**WRITES, **OTHERS, "FULL": 13}.items()}
        said = {name: (no_room(database, exc), local_write_line(database, exc)) for name, exc in errors.items()}
    finally:
        subprocess.run(["umount", str(folder)], check=True)
    full = f"the disk holding {database} is full: free space on {folder}"
    for name in [*WRITES, "FULL"]:
        assert said[name][0] == full, name
        assert f"free space on {folder} and run again" in said[name][1], name
    for name in OTHERS:
        assert said[name] == (None, f"cannot write {database} (disk I/O error): the crawl stopped, the pages stored "
                                    f"before it are kept; check the disk mounted at {folder} (dmesg says more) and run "
                                    f"again, the crawl resumes where it stopped"), name
    roomy = tmp_path / "test.db"   # a write's I/O error on a disk with room: no want of room either
    assert no_room(roomy, _sqlite_error("IOERR_WRITE", 778)) is None


# --- 2. words added since, on the footnote resting on the statement's text -------------------


def _read_again_since_reconciled(db, tmp_path) -> int:
    """A statement (dated 2020-03-31) citing two pages, each read live on 2020-04-02 holding the
    quote, and each with a memento of 2020-04-05 lacking it: reconciled, no words added (the
    live reading is nearer the quote's date than the memento).  Then a crawl reads both pages
    again, unchanged, and reconcile has not run since: each memento is now nearer the date
    than its page's last reading.  The text the statement's verdict rests on, as stored."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    other = db.execute("select id from sources where id != ?", [source]).fetchone()[0]
    first = f.crawl("2020-04-02T00:00:00+00:00")
    for page in (source, other):
        f.fetch(first, page, "live", text=f"Press release. {QUOTE}")
        f.text(page, OTHER_WORDS, origin="memento", memento_timestamp="20200405000000")
    _reconciled(db, tmp_path)
    stated = json.loads(db.execute("select evidence from quote_checks where scope = 'overall'").fetchone()[0])
    assert "added_since" not in stated and stated["text"]["origin"] == "live"
    for page in (source, other):
        f.fetch(crawl, page, "live", text=f"Press release. {QUOTE}")   # the same page, read in 2026
    return stated["text"]["id"]


def test_a_footnote_resting_on_its_statement_s_text_says_no_words_added_its_statement_does_not_say(db, tmp_path):
    """The statement's verdict, as reconcile stored it, rests on one footnote's live page and
    says no words were added since the quote's date.  That footnote rests on the same text and
    says nothing either (before: the report judged the page again on today's readings, found
    the words added, and the footnote said what its statement does not); the other footnote,
    whose page the statement's verdict does not rest on, is judged on its own as before."""
    rests_on = _read_again_since_reconciled(db, tmp_path)
    rows = _rows(db)
    [resting] = [key for key in rows if rows[key]["verdict"]["evidence"]["text"]["id"] == rests_on]
    [elsewhere] = [key for key in rows if key != resting]
    assert rows[resting]["statement_verdict"]["added_since"] is None
    own = rows[resting]["verdict"]
    assert (own["verdict"], own["added_since"], own["evidence"].get("added_since")) == ("verbatim", None, None)
    assert "the page changed after" not in own["reason"]
    assert rows[elsewhere]["verdict"]["added_since"] == "added"   # its own page, judged by the report


def test_footnotes_resting_on_mementos_ask_no_quote_date(db, tmp_path):
    """A footnote whose verdict rests on a memento (its page's live text lacks the quote) can
    say no words added to a live page: the report asks nothing more of it (before: the
    statement's and document's dates were read for every such footnote of every statement
    citing several, then found not to matter)."""
    f = Factory(db)
    source, crawl = _two_footnotes(f)
    other = db.execute("select id from sources where id != ?", [source]).fetchone()[0]
    for page in (source, other):
        f.fetch(crawl, page, "live", text=OTHER_WORDS)
        f.text(page, f"Archived. {QUOTE}", origin="memento", memento_timestamp="20200405000000")
    _reconciled(db, tmp_path)
    asked: list[str] = []
    db.conn.set_trace_callback(asked.append)
    try:
        rows = _rows(db)
    finally:
        db.conn.set_trace_callback(None)
    assert {(row["verdict"]["verdict"], row["verdict"]["text_origin"]) for row in rows.values()} == {
        ("verbatim", "memento")}
    assert not [sql for sql in asked if "select date, document_id from statements" in sql]


# --- 3. an article's quote and a letter's statement naming no speaker ------------------------

ESTONIA_MINOR = ESTONIA.replace("does not", "doesn't")   # the same words, a contraction: `minor`


def _reconciled_by_command(runner, db, db_path) -> str:
    """`citewatch reconcile` on the database, as a user runs it; its output in one line."""
    db.conn.commit()
    result = runner.invoke(cli, ["reconcile", "--db", str(db_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("estonia, unnamed, misattributed", [(ESTONIA_MINOR, ESTONIA, False),
                                                              (ESTONIA, ESTONIA_MINOR, True)],
                         ids=["unnamed-verbatim-other-minor", "other-verbatim-unnamed-minor"])
def test_the_quote_s_words_held_better_by_a_statement_naming_no_speaker_are_no_misattribution(
        runner, db, db_path, estonia, unnamed, misattributed):
    """An article gives Estonia's words to "Canada".  The letter's Estonia statement holds them
    with a contraction (minor) and a statement naming no speaker holds them verbatim: the
    words are nobody's in particular, the quote is compared with (and borrows the sources of)
    that statement, and no possible misattribution is said (before: another speaker's same
    words came first, and the report said Canada's attribution may be wrong).  Estonia's
    holding them better than the unnamed statement is still a possible misattribution."""
    f = Factory(db)
    letter = _letter(f, (16, "Canada", CANADA), (20, "Estonia", estonia), (30, None, unnamed))
    quote = _article_quote(f, "Canada", UNDER_CANADA)
    said = _reconciled_by_command(runner, db, db_path)

    compiled = _checks_of(db, quote)["compilation"]
    chosen = "Estonia" if misattributed else None
    assert (compiled["evidence"]["compared_with"]["entity"], compiled["evidence"]["entity_match"],
            compiled["evidence"]["borrowed"]) == (chosen, False if misattributed else None, True)
    assert [t["text_id"] for t in _checks_of(db, quote)["text"]] == [letter[chosen]["text"]]
    assert ("misattribution" in compiled["evidence"]) is misattributed
    assert ("misattribution: 1" if misattributed else "misattribution: 0") in said
    assert ("possible misattribution" in compiled["reason"]) is misattributed
    article = db.execute("select document_id from statements where id = ?", [quote]).fetchone()[0]
    [note] = [row[5] for row in reconcile.summary_rows(db, article)]   # reconcile's table, as printed
    assert ("possible misattribution" in note) is misattributed


def test_an_altered_look_alike_naming_no_speaker_lends_no_sources_to_a_quote_naming_one(runner, db, db_path):
    """An article puts the words of a letter's statement that names no speaker, altered (a
    negation taken out), under "Canada", who has no statement of the letter holding them: the
    statement is shown as the closest, but its sources are not the quote's (before: they were
    borrowed, and the quote was judged against the page of a statement whose words it only
    resembles, as if they were Canada's)."""
    f = Factory(db)
    said = "Estonia does not recognise the so-called elections in the occupied region."
    letter = _letter(f, (20, None, said))
    quote = _article_quote(f, "Canada", said.replace("does not", "does"))
    _reconciled_by_command(runner, db, db_path)

    rows = _checks_of(db, quote)
    compiled = rows["compilation"]
    assert compiled["evidence"]["compared_with"]["statement_id"] == letter[None]["statement"]
    assert (compiled["verdict"], compiled["evidence"]["entity_match"], compiled["evidence"]["borrowed"]) == (
        "altered", None, False)
    assert compiled["reason"].endswith("; matched a statement with no speaker named: its sources are not the quote's, "
                                       "not used")
    assert rows["text"] == [] and rows["overall"]["verdict"] == "unverifiable"


# --- 4. a busy stage's holder that ignores SIGINT --------------------------------------------


def _served_in_all(web: dict, keys: list[str]) -> int:
    """How many of the crawl's pages the test web served, all keys together."""
    return sum(_served(web, keys).values())


def test_a_crawl_holding_the_lock_with_sigint_ignored_stops_on_the_kill_term_its_refusal_names(web, env, db, tmp_path):
    """A crawl started as a script's background job ignores SIGINT: the refusal's `kill -INT PID`
    leaves it crawling.  The refusal says so and names `kill -TERM PID`, which stops it as
    Ctrl-C would (what it stored kept, the crawl marked interrupted).  The crawl's pages come
    one at a time, a host delay between, so that it is still crawling when told; how far it got
    is counted by the test web, never by the clock."""
    keys = [f"{uuid.uuid4().hex}-{i}" for i in range(40)]
    add_sources(db, [f"{web['main']}/crawl/live?key={key}" for key in keys])
    db.conn.commit()
    crawl_env = fast_env(env, web, tmp_path, per_host_concurrency=1, host_delay=0.5, fetch_timeout=5)
    errors = tmp_path / "holder.err"
    with errors.open("w") as stderr:   # a file, not a pipe nobody reads while it crawls
        holder = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=crawl_env,
                                  stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        _crawled_on(holder, web, keys, 1)   # it holds the crawl's lock
        refused = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl"], cwd=ROOT, env=crawl_env,
                                 capture_output=True, text=True, timeout=120)
        said = " ".join(refused.stderr.split())
        assert refused.returncode == 1, said
        kills = re.findall(r"`(kill -[A-Z]+ \d+)`", said)
        assert kills == [f"kill -INT {holder.pid}", f"kill -TERM {holder.pid}"], said
        assert f"if it goes on, `kill -TERM {holder.pid}`: it stops the same way" in said

        subprocess.run(["sh", "-c", kills[0]], check=True)
        _crawled_on(holder, web, keys, _served_in_all(web, keys) + 2)   # it goes on
        subprocess.run(["sh", "-c", kills[1]], check=True)
        assert holder.wait(timeout=120) == -signal.SIGTERM   # dead by it, after its clean-up (crawler/cli.py `main`)
    finally:
        holder.kill()
    stopped = " ".join(errors.read_text().split())
    assert "Stopped (SIGTERM): what was stored before the stop is kept" in stopped, stopped
    assert _served_in_all(web, keys) < len(keys)
    assert db.execute("select status from crawls").fetchone()[0] == "interrupted"


def _crawled_on(proc: subprocess.Popen, web: dict, keys: list[str], pages: int) -> None:
    """Wait until the test web served `pages` of the crawl's pages, the crawl still running."""
    while _served_in_all(web, keys) < pages:
        assert proc.poll() is None, "the crawl ended before it was told to stop"
        time.sleep(0.02)
