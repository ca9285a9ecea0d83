"""What `citewatch check` makes of a source cell as people write them: a URL with spaces in it
(encoded, or refused when words may follow the URL), a Wayback URL with a short timestamp
(a memento of the original), and the one-line reasons for a folder, an impossible date and a
compiled document given as a list; the CSV's `text_url` column.

The URL cases run the real command against the test web (Scrapy crawl, the archive's CDX and
replay, reconcile) into a real SQLite file, as tests/test_check.py does."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

import db as database
from archive.mementos import memento_from_url
from crawler.check.sources import BRACKETS_REMOVED, SPACES_ENCODED, LocalFiles, SourceProblem, cite
from tests.check_lists import write_files
from tests.conftest import ROOT
from tests.test_check import check, env  # noqa: F401  (env: the fixture of a run against the test web)
from tests.test_check_input import invoke  # noqa: F401  (a fixture: citewatch check in this process, files local)
from tests.web.demo_pages import FENWICK_THEN
from tests.web.pages import article_text

VERBATIM = "These elections are null and void and have no legal effect whatsoever."


def results(done) -> dict[str, dict]:
    assert done.stdout, done.stderr
    return {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}


# ---------------------------------------------------------------- spaces in a URL cell


def test_spaces_inside_a_url_are_encoded_and_words_after_one_make_the_row_an_error(web, env, tmp_path):
    """"/crawl/article/a folder/" is article 0 (tests/web/pages.py); cut at its space, as the
    footnote parser cut it, it would be "/crawl/article/a", a page the server cannot serve."""
    main = web["main"]
    first_sentence = article_text(0, 1)[0].split(".")[0]
    quotes = tmp_path / "quotes.csv"
    with quotes.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "quote", "source", "date"])
        writer.writerow(["spaced", first_sentence, f"{main}/crawl/article/a folder/", "2020-03-31"])
        writer.writerow(["titled", "The statement as the archive kept it.", f"{main}/crawl/live Statement on the ceasefire",
                         "2020-03-31"])
        writer.writerow(["two", "The statement as the archive kept it.", f"{main}/crawl/live {main}/crawl/moved",
                         "2020-03-31"])
    done = check(env, str(quotes), "--format", "jsonl")
    by_id = results(done)
    assert done.returncode == 1, done.stderr                     # two rows cannot be checked
    spaced = by_id["spaced"]
    assert (spaced["verdict"], spaced["text"], spaced["live_class"]) == ("verbatim", "live", "live"), spaced
    assert f"the source was read as {main}/crawl/article/a%20folder/ ({SPACES_ENCODED})" in spaced["reason"]
    assert spaced["text_url"] == f"{main}/crawl/article/a%20folder/"
    assert by_id["titled"]["verdict"] == by_id["two"]["verdict"] == "error"
    assert by_id["titled"]["reason"].startswith("the URL has a space in it (") and "%20" in by_id["titled"]["reason"]
    assert "holds more than one URL" in by_id["two"]["reason"]

    db = database.open_db(tmp_path / "test.db")
    [(printed, url_printed, url, repairs)] = db.execute("select printed, url_printed, url, repairs from citations")
    assert printed == url_printed == f"{main}/crawl/article/a folder/"
    assert (url, json.loads(repairs)) == (f"{main}/crawl/article/a%20folder/", [SPACES_ENCODED])
    fetched = [u for (u,) in db.execute("select requested_url from fetches where purpose = 'live'")]
    assert fetched == [f"{main}/crawl/article/a%20folder/"]   # the page cited, and no other


@pytest.mark.parametrize("source, url, repairs", [
    ("https://mfa.example/news/statement 2020 april.html", "https://mfa.example/news/statement%202020%20april.html",
     [SPACES_ENCODED]),
    ("https://mfa.example/My Documents/note.pdf?page=2", "https://mfa.example/My%20Documents/note.pdf?page=2",
     [SPACES_ENCODED]),
    ("www.mfa.example/press releases/", "http://www.mfa.example/press%20releases/", [SPACES_ENCODED]),
    ("https://mfa.example/news/ statement.html", "https://mfa.example/news/statement.html",   # the letter's rule
     [SPACES_ENCODED, "removed '%20' (an encoded space) at the edge of a path segment: a defect of the source "
                      "document's link"]),
    ("https://mfa.example/news/statement", "https://mfa.example/news/statement", []),
    ("https://mfa.example/a%20b c.html", "https://mfa.example/a%20b%20c.html", [SPACES_ENCODED]),   # half encoded
])
def test_a_url_whose_spaces_end_as_only_a_url_ends_is_encoded(tmp_path, source, url, repairs):
    cited = cite(source, tmp_path, LocalFiles(1000), "http://127.0.0.1:9/ns/x")
    assert (cited.url, cited.repairs, cited.printed, cited.url_printed) == (url, repairs, source, source)


@pytest.mark.parametrize("source, said", [
    ("https://mfa.example/news/statement Statement on the elections", "the URL has a space in it"),
    ("https://mfa.example/statement-2021 update", "the URL has a space in it"),
    ("https://mfa.example/search?q=null and void", "the URL has a space in it"),   # a title could follow a query
    ("https://mfa.example/news/statement 31 March 2020 (accessed 1 April).html)", "the URL has a space in it"),
    ("https://mfa .example/statement.html", "the URL has a space in it"),           # in the host: no URL
    ("https://mfa.example/a\tb.html", "the URL has a space in it"),                  # a tab, a line break: not typed
    ("https://mfa.example/a.html https://mfa.example/b.html", "holds more than one URL"),
    ("https://mfa.example/a.html see www.mfa.example/b.html", "holds more than one URL"),
    ("https://mfa.example/a.html Statement of the Ministry.html", "the URL has a space in it"),   # a whole URL, a title
    ("https://mfa.example/a b (accessed 2 May)", "the URL has a space in it"),   # the access note dropped
])
def test_a_url_cell_with_words_that_may_follow_the_url_is_refused(tmp_path, source, said):
    with pytest.raises(SourceProblem, match=said) as problem:
        cite(source, tmp_path, LocalFiles(1000), "http://127.0.0.1:9/ns/x")
    assert "\n" not in str(problem.value)


@pytest.mark.parametrize("source, url, repairs", [
    ("<https://mfa.example/news/statement.html>", "https://mfa.example/news/statement.html", [BRACKETS_REMOVED]),
    ("<https://mfa.example/a b.pdf>", "https://mfa.example/a%20b.pdf", [BRACKETS_REMOVED, SPACES_ENCODED]),
])
def test_a_url_in_angle_brackets_is_read_without_them(tmp_path, source, url, repairs):
    """"<URL>" is how text delimits a URL (RFC 3986, appendix C); read as written, the row was
    refused for an "unsupported scheme <https:"."""
    cited = cite(source, tmp_path, LocalFiles(1000), "http://127.0.0.1:9/ns/x")
    assert (cited.url, cited.repairs, cited.printed) == (url, repairs, source)


def test_a_local_path_with_spaces_stays_a_local_file(tmp_path):
    (tmp_path / "my notes").mkdir()
    (tmp_path / "my notes" / "the statement.txt").write_text(VERBATIM, encoding="utf-8")
    cited = cite("my notes/the statement.txt", tmp_path, LocalFiles(1000), "http://127.0.0.1:9/ns/x")
    assert cited.kind == "local" and cited.repairs == []


# ---------------------------------------------------------------- Wayback URLs with short timestamps


def test_a_short_wayback_timestamp_is_a_memento_of_the_original_so_drift_shows(web, env, tmp_path):
    """The demo's Grand Fenwick page was rewritten after its capture of 2020-04-02 11:00
    (tests/web/demo_pages.py): cited by a day or a month, as people copy replay URLs, the row
    rests on that capture and says the live page drifted, as the 14-digit form does."""
    main, archive = web["main"], env["ARCHIVE_BASE"]
    page = f"{main}/demo/grand-fenwick/statement"
    quotes = tmp_path / "quotes.csv"
    with quotes.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "quote", "source"])
        for key, stamp in (("day", "20200402"), ("month-raw", "202004id_"), ("full", "20200402110000")):
            writer.writerow([key, FENWICK_THEN[0], f"{archive}/web/{stamp}/{page}"])
    done = check(env, str(quotes), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    by_id = results(done)
    for key in ("day", "month-raw", "full"):
        row = by_id[key]
        assert (row["verdict"], row["text"], row["live_class"]) == ("verbatim", "memento 20200402110000", "live"), row
        assert "content drift" in row["reason"] and "not in the live page" in row["reason"], row

    db = database.open_db(tmp_path / "test.db")
    assert {url for (url,) in db.execute("select url from citations")} == {page}   # one source: the original
    dates = dict(db.execute("select title, date from statements"))
    assert dates == {"day": "2020-04-02", "month-raw": None, "full": "2020-04-02"}  # a month names no day


def test_a_year_s_replay_url_rests_on_the_capture_the_link_shows(web, env, tmp_path):
    """gov.example/statement-1 has captures of 2019-06-01, 2020-01-15 and 2020-04-02
    (tests/web/wayback.py).  The Wayback software reads "/web/2020/" as the end of 2020
    (pywb pads a short timestamp up), so the link shows the capture of 2020-04-02: the
    memento the row names is fetched as that one (padded to the year's start, it was
    2020-01-15's), and the result names the capture served, not the padded timestamp."""
    page = "https://gov.example/statement-1"
    done = check(env, "--quote", "Statement of the Ministry, captured 20200402100000.",
                 f"{env['ARCHIVE_BASE']}/web/2020/{page}", "--format", "jsonl")
    [row] = results(done).values()
    assert (row["verdict"], row["text"], row["memento_timestamp"]) == \
        ("verbatim", "memento 20200402100000", "20200402100000"), row
    db = database.open_db(tmp_path / "test.db")
    # the row's own memento, asked for as the archive reads it (its snapshot then moves to the
    # capture served: tests/test_memento_served.py)
    [(served,)] = db.execute("select final_url from fetches where purpose = 'memento' and requested_url = ?",
                             [f"{env['ARCHIVE_BASE']}/web/20201231235959id_/{page}"])
    assert memento_from_url(served).timestamp == "20200402100000"
    assert db.execute("select date from statements").fetchall() == [(None,)]   # a year names no day


@pytest.mark.parametrize("stamp", ["*", "2020*", "20200230", "2020040", None, "no-scheme"])
def test_a_replay_url_naming_no_capture_is_the_row_s_error(tmp_path, stamp):
    """A calendar (/web/*/), a list of captures (/web/2020*/), a day no calendar has or a
    timestamp cut inside a field name no capture: crawled as a web page, the archive's own
    page would have been checked as the source."""
    # (None: no timestamp at all, /web/https://…: the archive redirects to its newest capture,
    # whichever that is; crawled, the archive's answer would have been taken for the live page)
    # ("no-scheme": /web/example.org/a, which the archive also sends to its newest capture)
    url = {None: "https://web.archive.org/web/https://example.org/a",
           "no-scheme": "https://web.archive.org/web/example.org/a"}.get(stamp,
                                                                         f"https://web.archive.org/web/{stamp}/https://example.org/a")
    with pytest.raises(SourceProblem, match="is no Wayback Machine capture .*open the capture you mean"):
        cite(url, tmp_path, LocalFiles(1000), "http://127.0.0.1:9/ns/x")


def test_a_web_folder_on_the_configured_archive_s_host_is_a_page_not_a_failed_capture(tmp_path):
    """The configured archive's host may serve other sites (here 127.0.0.1, as in every test):
    a page in its /web/ folder names no timestamp, so it is a web citation of that page,
    not the error of a replay URL naming no capture."""
    page = "http://127.0.0.1:8/web/docs/statement.html"
    cited = cite(page, tmp_path, LocalFiles(1000), "http://127.0.0.1:9/ns/x")
    assert (cited.kind, cited.url, cited.memento) == ("web", page, None)


def test_a_short_timestamp_is_read_only_where_asked():
    """A user's replay URL may carry a year, month, day, hour or minute (padded to the end of
    the period, as the Wayback software reads it); a URL the archive answers with, or any
    site's "/web/2019/…" path, is read with 14 digits only."""
    assert memento_from_url("https://web.archive.org/web/2019/https://example.org/report") is None
    assert memento_from_url("https://example.org/web/2019/annual-report") is None
    short = memento_from_url("https://web.archive.org/web/2020id_/https://example.org/a", inexact=True)
    assert (short.timestamp, short.original) == ("20201231235959", "https://example.org/a")
    ends = {stamp: memento_from_url(f"https://web.archive.org/web/{stamp}/example.org/a", inexact=True).timestamp
            for stamp in ("202002", "202102", "20200402", "2020040211", "202004021105")}
    assert ends == {"202002": "20200229235959", "202102": "20210228235959", "20200402": "20200402235959",
                    "2020040211": "20200402115959", "202004021105": "20200402110559"}
    assert memento_from_url("https://web.archive.org/web/20201301/https://example.org/a", inexact=True) is None
    assert memento_from_url("https://web.archive.org/web/202013/https://example.org/a", inexact=True) is None
    assert memento_from_url("https://web.archive.org/web/20200230120000/https://example.org/a") is None
    assert memento_from_url("https://web.archive.org/web/2020*/https://example.org/a", inexact=True) is None
    assert memento_from_url("https://web.archive.org/web/20200402110000if_/https://example.org/a").timestamp == \
        "20200402110000"


# ---------------------------------------------------------------- reasons, and the CSV


def test_the_csv_has_text_url_after_text(invoke, tmp_path):
    files = write_files(tmp_path / "files")
    quotes = files / "list.csv"
    quotes.write_text(f"id,quote,source\nr1,{VERBATIM},statement.txt\n", encoding="utf-8")
    out = invoke(quotes, "--format", "csv").stdout
    header = out.splitlines()[0].split(",")
    assert header[header.index("text") + 1] == "text_url"
    [row] = csv.DictReader(io.StringIO(out))
    assert row["text_url"] == (files / "statement.txt").as_uri()


def test_a_folder_is_said_to_be_one_whatever_its_name(invoke, tmp_path):
    (tmp_path / "somedir").mkdir()
    quotes = tmp_path / "list.csv"
    quotes.write_text(f"id,quote,source\nr1,{VERBATIM},somedir\n", encoding="utf-8")
    [row] = map(json.loads, invoke(quotes, "--format", "jsonl").stdout.splitlines())
    assert row["reason"] == f"local file {tmp_path / 'somedir'} is a directory; give one file"


@pytest.mark.parametrize("date, said", [
    ("2020-02-30", "date '2020-02-30' does not exist in the calendar; check the day and the month"),
    ("2020-13-01", "date '2020-13-01' does not exist in the calendar; check the day and the month"),
    ("30/02/2020", "date '30/02/2020' is not YYYY-MM-DD; write it like 2020-03-31"),
])
def test_an_impossible_date_is_told_from_another_format(invoke, tmp_path, date, said):
    files = write_files(tmp_path / "files")
    quotes = files / "dates.csv"
    quotes.write_text(f"id,quote,source,date\nd1,{VERBATIM},statement.txt,{date}\n", encoding="utf-8")
    [row] = map(json.loads, invoke(quotes, "--format", "jsonl").stdout.splitlines())
    assert (row["verdict"], row["reason"]) == ("error", said)


def test_a_compiled_document_given_to_check_is_pointed_to_ingest(invoke, tmp_path):
    letter = invoke(ROOT / "examples" / "un-letter-A-74-855.txt")
    assert letter.exit_code == 1
    assert "is not CSV, TSV or JSON Lines" in letter.stderr
    assert "`citewatch ingest FILE` or `citewatch run FILE`" in " ".join(letter.stderr.split())
    prose = tmp_path / "letter.csv"   # its first line has a comma: read as a header without the columns
    prose.write_text("Letter dated 13 May 2020, from the Permanent Representative\n\nThe text.\n", encoding="utf-8")
    assert "citewatch ingest FILE" in " ".join(invoke(prose).stderr.split())
    names = tmp_path / "names.txt"    # a header of names without delimiters is no document
    names.write_text("id quote source date\n1 a b\n", encoding="utf-8")
    said = invoke(names).stderr
    assert "is not CSV, TSV or JSON Lines" in said and "ingest" not in said


def test_a_row_reconcile_could_not_check_says_why(invoke, tmp_path):
    """A statement reconcile fails on is left without a verdict of this run (crawler/reconcile.py
    `run` goes on with the others); its row's reason carries reconcile's cause, which `check`
    once lost ("the reconcile stage did not check it", with nothing in any log), and a row
    checked before keeps its last verdict, said to be so.  Here the search index the
    misattribution lookup of a not-in-source quote reads is gone from the database."""
    files = write_files(tmp_path / "files")
    quotes = files / "list.csv"
    quotes.write_text(f"id,quote,source\nfound,{VERBATIM},statement.txt\n"
                      "elsewhere,The Ministry welcomes the agreement on fisheries quotas,statement.txt\n",
                      encoding="utf-8")
    first = results(invoke(quotes, "--format", "jsonl"))
    assert (first["found"]["verdict"], first["elsewhere"]["verdict"]) == ("verbatim", "not-in-source")
    db = database.open_db(tmp_path / "test.db")
    db.execute("drop table texts_fts")
    db.conn.commit()
    with quotes.open("a", encoding="utf-8") as handle:   # a row new to the database: no verdict of before
        handle.write("new,The Ministry welcomes the treaty on river navigation,statement.txt\n")
    again = invoke(quotes, "--format", "jsonl")
    by_id = results(again)
    assert again.exit_code == 1
    assert by_id["found"]["verdict"] == "verbatim"
    kept = by_id["elsewhere"]   # checked before: its last verdict, said to be so
    assert kept["verdict"] == "not-in-source"
    assert re.search(r"; reconcile could not check it again this run \(\w+Error: [^)]*texts_fts", kept["reason"])
    assert kept["reason"].endswith(": this verdict is its last check's")
    failed = by_id["new"]
    assert failed["verdict"] == "error"
    assert re.match(r"no verdict recorded for this row: the reconcile stage could not check it \(\w+Error: ",
                    failed["reason"])
    assert "texts_fts" in failed["reason"] and "run the check again" in failed["reason"]


def test_a_gate_does_not_pass_on_a_verdict_reconcile_could_not_check_again(invoke, tmp_path):
    """A row that kept its last verdict because reconcile failed on it this run counts as an
    error for the exit status: `--fail-on altered` passed (exit 0) on a "verbatim" that was
    an earlier run's, and `--fail-on error` missed it."""
    files = write_files(tmp_path / "files")
    quotes = files / "list.csv"
    quotes.write_text(f"id,quote,source\nfound,{VERBATIM},statement.txt\n"
                      "elsewhere,The Ministry welcomes the agreement on fisheries quotas,statement.txt\n",
                      encoding="utf-8")
    assert invoke(quotes, "--fail-on", "altered").exit_code == 0
    db = database.open_db(tmp_path / "test.db")
    db.execute("drop table texts_fts")   # the misattribution lookup of the not-in-source row fails
    db.conn.commit()
    gated = invoke(quotes, "--fail-on", "altered", "--format", "jsonl")
    by_id = results(gated)
    assert by_id["elsewhere"]["verdict"] == "not-in-source" and "stale" not in by_id["elsewhere"]
    assert "could not check it again this run" in by_id["elsewhere"]["reason"]
    assert gated.exit_code == 1      # EXIT_ERRORS: a row could not be checked
    assert invoke(quotes, "--fail-on", "error").exit_code == 3
