"""What a quote list, a page or the database holds reaches the terminal shown, never obeyed.

A quote list id, a statement's entity, a document's title or a page's text holding an escape
sequence set the terminal's title (OSC `ESC ] 0 ; … BEL`), cleared the screen (CSI `ESC [ 2 J`)
or, with a right-to-left override, showed what follows it reversed: rich read the cells as
markup only, and kept ESC.  Each such character is now U+FFFD (crawler/terminal.py `printable`),
in every table and line the commands print.
"""

from __future__ import annotations

import csv
import re

from crawler import schedule
from crawler.cli import cli
from crawler.config import load_config
from tests.factories import Factory
from tests.test_report_terminal import _citewatch

TITLE = "\x1b]0;OWNED\x07"    # sets the terminal's window title
CLEAR = "\x1b[2J"             # clears the screen
REVERSED = "\u202e"           # shows the rest of the line right to left
HOSTILE = TITLE + CLEAR + REVERSED
SHOWN = "\ufffd]0;OWNED\ufffd\ufffd[2J\ufffd"   # each of them one U+FFFD, the rest as written
# each cell on one line, what it shows read whole (a command in a process of its own: the CLI's
# console takes its width once, and pytest-xdist's workers start with COLUMNS=80)
WIDE = {"COLUMNS": "200"}
# what a terminal obeys: C0 and C1 controls but newline and tab, the bidi overrides and isolates
# (written out here, not crawler.terminal's: a test of it must not narrow with it)
OBEYED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def said(result) -> str:
    """What a command printed (a subprocess's or CliRunner's result), stdout and stderr, without
    whitespace and table rules, after checking that no character of it is obeyed."""
    printed = result.stdout + result.stderr
    assert not OBEYED.findall(printed), printed
    return "".join(re.sub(r"[│┃─━┏┓┗┛┡┩└┘┌┐├┤┼╇╈┳┻┯┷╞╡═]", "", printed).split())


def test_check_then_reconcile_show_a_quote_list_s_escape_sequences(env, tmp_path):
    (tmp_path / "page.txt").write_text("The Ministry is deeply concerned by the closure of the border.\n",
                                       encoding="utf-8")
    quotes = tmp_path / "quotes.csv"
    with open(quotes, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["id", "quote", "source", "speaker"],
                                      [f"a{HOSTILE}\nb", f"deeply concerned {CLEAR}by the closure{REVERSED}",
                                       "page.txt", f"Ministry{HOSTILE}"]])
    env = {**env, **WIDE}

    checked = _citewatch(env, "check", str(quotes))
    assert checked.returncode == 0, checked.stderr
    assert f"a{SHOWN}\ufffdb" in said(checked)   # the id's newline too: a cell is one line of it

    reconciled = _citewatch(env, "reconcile")
    assert reconciled.returncode == 0, reconciled.stderr
    assert f"1:1Ministry{SHOWN}" in said(reconciled) and f"a{SHOWN}\ufffdb" in said(reconciled)


def test_status_reconcile_and_search_show_a_stored_title_entity_url_and_page_text(env, db, db_path, tmp_path):
    """Rows as the stages store them, and two recorded runs between which the page changed:
    `status` says the change on a line of its own (crawler/schedule.py print_changes), which
    no table cell helper builds: the console itself shows what it prints."""
    f = Factory(db)
    doc = f.document(title=f"Letter{HOSTILE}")
    statement = f.statement(doc, 1, f"Ministry{HOSTILE}", "deeply concerned by the closure")
    url = f"https://mfa.example.org/{REVERSED}gpj.exe"
    source = f.source(url, state="live")
    f.citation(doc, statement, 1, source_id=source, url=url)
    config = load_config(env={}, db=str(db_path), data_dir=str(tmp_path / "data"))
    f.fetch(f.crawl("2026-01-01T00:00:00+00:00"), source, "live", title=f"Page{HOSTILE}",
            text="We are concerned by the closure of the border.")
    schedule.after_run(db, config, scheduled=True)
    f.fetch(f.crawl("2026-01-08T00:00:00+00:00", scheduled=True), source, "live", title=f"Page{HOSTILE}",
            text=f"We are deeply concerned {HOSTILE} by the closure of the border.")
    schedule.after_run(db, config, scheduled=True)
    env = {**env, **WIDE}

    status = _citewatch(env, "status")
    assert status.returncode == 0, status.stderr
    assert f"Letter{SHOWN}" in said(status) and "contentdrift:https://mfa.example.org/\ufffdgpj.exe" in said(status)

    reconciled = _citewatch(env, "reconcile")
    assert reconciled.returncode == 0, reconciled.stderr
    assert f"1:1Ministry{SHOWN}" in said(reconciled)

    found = _citewatch(env, "search", "closure")
    assert found.returncode == 0, found.stderr
    assert "mfa.example.org/\ufffdgpj.exe" in said(found) and f"concerned{SHOWN}" in said(found)


def test_an_error_naming_a_quote_list_s_header_shows_its_escape_sequences(runner, tmp_path):
    """click prints a command's one-line error as it is: the header it names is shown."""
    listing = tmp_path / "quotes.csv"
    listing.write_text(f"id,quo{HOSTILE}te,source\na,deeply concerned,page.txt\n", encoding="utf-8")
    env = {"CITEWATCH_DB": str(tmp_path / "cw.db"), "CITEWATCH_DATA_DIR": str(tmp_path / "data")}
    result = runner.invoke(cli, ["check", str(listing)], env=env, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"theheaderhasid,quo{SHOWN}te,source" in said(result)


def test_an_ingest_warning_naming_a_hostile_heading_shows_its_escape_sequences(runner, tmp_path):
    """Ingest's warnings name a statement by its heading, printed by click, not rich."""
    article = tmp_path / "article.txt"
    article.write_text(
        "Nations react to the referendum\n\ndate 2021-05-18 By A Reporter\n\n"
        "Governments around the world reacted on Tuesday to the vote.\n\n"
        f"France{HOSTILE}\n\n"
        "The French foreign ministry said: « La France ne reconnaît pas ce prétendu référendum », which "
        "translates as “France does not recognize this so-called referendum.”\n\n"
        "Germany\n\nA spokesperson said: “Germany regrets the vote and calls for dialogue.”\n\n"
        "The vote was held on Sunday.\n", encoding="utf-8")
    result = runner.invoke(cli, ["ingest", "--db", str(tmp_path / "cw.db"), str(article)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"statement1(France{SHOWN}):thearticlegivesatranslation" in said(result)
