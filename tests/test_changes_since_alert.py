"""A scheduled run's alerts cover every change since the previous scheduled run (a hand-started
run in between swallows none), and a text back to the page's first wording is said as restored.

After the cited sentence was altered, a hand-started `citewatch run` said "content drift" and
the next `run --scheduled` said "Nothing changed" and exited 0, so cron never heard of it; and when the page went back to the
cited wording, the run said "content drift … (in the cited quote)", worded as the harmful change.
"""

import json
import urllib.request
import uuid

import pytest

import db as database
from crawler import history, report_data, schedule
from crawler.cli import cli
from tests.factories import Factory
from tests.test_wayback import Archive
from tests.web.history_pages import page_paragraphs

DAY = "2026-01-{:02d}T00:00:00+00:00".format
A, B, C = ("The Ministry recognises the elections held on 31 March.",
           "The Ministry does not recognise the elections held on 31 March.",
           "The Ministry has no comment on the elections held on 31 March.")


# A letter of one statement, quoting `{quote}` from the page at `{url}` (footnote 1).
LETTER = """   Letter dated 20 April 2020 from the Permanent Representative of Sylvania

to the United Nations addressed to the Secretary-General

 I have the honour to transmit the compilation of statements on the so-called

elections held on 31 March 2020 in the occupied region of Sylvania (see annex).

(Signed) Rufus T. Firefly

Permanent Representative

20-09998 (E)    200420
A/74/998

S/2020/998

2/4 20-09998

   Annex to the letter dated 20 April 2020 from the Permanent

Representative of Sylvania to the United Nations

  Statements of the international community on the so-called elections

 I. International organizations

  Alphaland

  Statement by the Ministry of Foreign Affairs of Alphaland 1

Alpha City, 01.04.2020

 {quote}

__________________

 1 {url} .
"""


@pytest.fixture
def cited_page(web, runner, tmp_path):
    """A letter citing one page of the test web by a sentence of its last paragraph (the one
    `v2` rewrites), its path, `run(*args)` to run `citewatch run` against the test archive (its
    exit status and output on one line: the terminal folds it) and `set_page(behaviour)` to
    change the page between runs."""
    name = f"history/{uuid.uuid4().hex[:8]}/alpha"
    url = f"{web['main']}/{name}"
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER.format(quote=page_paragraphs(name, "v1")[-1].split(". ")[0] + ".", url=url),
                      encoding="utf-8")
    env = Archive(web).env(tmp_path, recheck_live="0s", recheck_failing="0s", soft404_probe=0)

    def run(*args):
        result = runner.invoke(cli, ["run", *args], env=env, catch_exceptions=False)
        assert result.exit_code in (0, schedule.EXIT_CHANGED), result.output
        return result.exit_code, " ".join(result.output.split())

    def set_page(behaviour):
        urllib.request.urlopen(f"{web['main']}/_control/set?{name}={behaviour}").read()

    return database.open_db(tmp_path / "test.db"), url, str(letter), run, set_page, tmp_path / "data" / "changes.json"


def test_a_change_a_hand_started_run_saw_still_reaches_the_next_scheduled_run(cited_page):
    """The scheduled run compares with the previous scheduled run, not with
    the hand-started run between them, and says so; the first scheduled run, after hand-started
    runs only, and a hand-started run compare with the latest run of any kind."""
    db, url, letter, run, set_page, changes_file = cited_page
    status, said = run(letter)
    assert status == 0 and "First recorded run" in said, said
    status, said = run("--scheduled")
    assert status == 0 and "Nothing changed since the previous run." in said, said
    set_page("v2")
    status, said = run(letter)   # by hand: the user sees the change
    assert status == 0 and f"content drift: {url}" in said, said
    status, said = run("--scheduled")   # ... and so does cron
    assert status == schedule.EXIT_CHANGED, said
    assert "since the previous scheduled run, not the hand-started run after it" in said
    assert f"content drift: {url}" in said
    changes = json.loads(changes_file.read_text())
    assert [item["url"] for item in changes["content_drift"]] == [url] and changes["count"] >= 1
    assert not changes["content_drift"][0]["restored"]
    rows = db.execute("select id, taken_at, scheduled from run_states order by id").fetchall()
    assert [row[2] for row in rows] == [0, 1, 0, 1]
    # true to the run compared with: the first scheduled run's id and time, one run passed over
    assert (changes["previous_run_state_id"], changes["previous_taken_at"]) == rows[1][:2]
    assert changes["passed_over"] == 1 and changes["scheduled"] is True
    status, said = run(letter)   # by hand: compared with the latest run, the scheduled one
    assert status == 0 and "Nothing changed since the previous run." in said, said
    assert history.latest_changes(db)["previous_run_state_id"] == rows[3][0]


def test_a_page_back_to_the_cited_wording_is_said_restored_and_still_counted(cited_page):
    """The page changed in the cited sentence, then back: the second change is a
    restoration, said as one (not as drift worded like the harmful change), still counted (exit
    3: cron heard of the first change and must hear it was undone), in the changes file."""
    db, url, letter, run, set_page, changes_file = cited_page
    run(letter)
    set_page("v2")
    status, said = run("--scheduled")
    assert status == schedule.EXIT_CHANGED and f"content drift: {url}" in said, said
    set_page("v1")
    status, said = run("--scheduled")
    assert status == schedule.EXIT_CHANGED, said
    assert f"text restored: {url} (back to the text first read; +" in said, said
    assert "content drift" not in said
    changes = json.loads(changes_file.read_text())
    [item] = changes["content_drift"]
    assert item["restored"] is True and item["url"] == url and changes["count"] >= 1
    assert report_data.build(db)["changes"]["content_drift"] == [item]   # the JSON report's, the same


def _text_run(f, db, source, text, day, scheduled=True):
    """A crawl whose check of `source` read `text`, then a recorded run: its changes."""
    f.fetch(f.crawl(DAY(day), scheduled=scheduled), source, "live", text=text)
    return history.record_run(db, scheduled=scheduled)


@pytest.mark.parametrize("texts, restored", [
    ([A, B, A, B], [False, True, False]),   # back to the first wording once, then drifted again
    ([A, B, C, B], [False, False, False]),  # back to a text that was never the first: drift
])
def test_restored_is_back_to_the_first_text_read(db, texts, restored):
    """The rule: a changed text is restored when it is, byte for byte, the first text read from
    the page; not merely the text before the last change (B again after A is no restoration)."""
    f = Factory(db)
    source = f.source("https://mfa.example.org/statement", state="live")
    _text_run(f, db, source, texts[0], 1)
    said = []
    for day, text in enumerate(texts[1:], start=2):
        [item] = _text_run(f, db, source, text, day)["content_drift"]
        said.append(item["restored"])
    assert said == restored


def test_the_first_scheduled_run_after_hand_started_ones_compares_with_the_latest(db):
    """Before any scheduled run there is nothing cron reported: the first compares with what
    the user saw last, the latest hand-started run (not "first recorded run")."""
    f = Factory(db)
    source = f.source("https://mfa.example.org/statement", state="live")
    _text_run(f, db, source, A, 1, scheduled=False)
    by_hand = _text_run(f, db, source, B, 2, scheduled=False)
    first = _text_run(f, db, source, B, 3)
    assert not first["first_run"] and first["count"] == 0 and first["passed_over"] == 0
    assert first["previous_run_state_id"] == by_hand["run_state_id"]


def test_only_the_latest_and_the_latest_scheduled_states_are_kept(db):
    """Older states are dropped (they would grow by every source each run), but for the two a
    next run compares with."""
    f = Factory(db)
    source = f.source("https://mfa.example.org/statement", state="live")
    for day, scheduled in enumerate([True, True, False, False], start=1):
        _text_run(f, db, source, A, day, scheduled=scheduled)
    kept = [row[0] for row in db.execute("select id from run_states where state != '{}' order by id")]
    assert kept == [2, 4]


def test_with_hand_started_runs_only_the_latest_state_is_kept(db):
    """No scheduled run: the latest alone (`id not in (…, NULL)` kept every state, for ever)."""
    f = Factory(db)
    source = f.source("https://mfa.example.org/statement", state="live")
    for day in range(1, 5):
        _text_run(f, db, source, A, day, scheduled=False)
    kept = [row[0] for row in db.execute("select id from run_states where state != '{}' order by id")]
    assert kept == [4]


def test_a_scheduled_state_dropped_before_this_rule_is_passed_by(db):
    """A database whose latest scheduled run's state was dropped already (recorded when only the
    latest state was kept): its next scheduled run compares with the latest run of any kind."""
    f = Factory(db)
    source = f.source("https://mfa.example.org/statement", state="live")
    _text_run(f, db, source, A, 1)
    by_hand = _text_run(f, db, source, B, 2, scheduled=False)
    db.execute("update run_states set state = '{}' where scheduled = 1")   # as the earlier rule left it
    changes = _text_run(f, db, source, C, 3)
    assert changes["previous_run_state_id"] == by_hand["run_state_id"]
    assert [item["source_id"] for item in changes["content_drift"]] == [source]


def test_a_statement_removed_leaves_the_scheduled_runs_state_too(db):
    """`ingest --replace` takes a removed statement out of the states a next run compares with
    (history.forget): the scheduled run's kept state as well as the latest's, else the statement
    given the removed one's id would be compared with its verdict."""
    f = Factory(db)
    ids = f.letter()
    statement = ids["live"]["statement"]
    history.record_run(db, scheduled=True)
    history.record_run(db)
    history.forget(db, [statement], [])
    db.execute("update quote_checks set verdict = 'altered' where statement_id = ? and scope = 'overall'",
               [statement])   # the id's new statement, judged otherwise
    assert history.record_run(db, scheduled=True)["verdict_changed"] == []


def test_the_reports_say_a_restored_text_as_restored(db):
    """In the Markdown and HTML reports, a restored text is not headed "content drift"."""
    from crawler import report

    f = Factory(db)
    source = f.source("https://mfa.example.org/statement", state="live")
    for day, text in enumerate([A, B], start=1):
        _text_run(f, db, source, text, day)
    drifted = report_data.build(db)
    assert "- content drift: " in report.render(drifted, "md") and "Content drift: " in report.render(drifted, "html")
    _text_run(f, db, source, A, 3)
    restored = report_data.build(db)
    md, html = report.render(restored, "md"), report.render(restored, "html")
    assert "- text restored (back to the text first read): " in md and "content drift" not in md.split("## Changes")[1]
    assert '<span class="tag live">Text restored</span> (back to the text first read): ' in html
    assert "Content drift: " not in html
