"""What could not be read is said, and the last readers of stored JSON go on.

A run compared with a kept state it could not read (`state_unreadable`), and changes shown
because the later runs' could not be read (`unreadable_runs`), are said in one plain line
by the run itself, `status` and the Markdown and HTML reports, never listed as if nothing were
odd, and `status` gives the last run's own time beside the older run whose changes it shows.
The distributed collect, `resolve` and `reconcile` read a damaged `sources.checks` or
`citations.resolution` as none instead of stopping.  Through the real commands, on real SQLite
files whose column an UPDATE damages (tests/test_history_unreadable.py's fixtures)."""

from __future__ import annotations

import json

import pytest

from crawler import history
from crawler.cli import cli
from crawler.report import STATE_UNREADABLE
from crawler.report_data import utc_minute
from tests.factories import Factory
from tests.test_distributed import add_pages, citewatch, cluster_env, finish
from tests.test_history_unreadable import _damage, _invoke, _report
from tests.test_social import add_social_citation


def _said(runner, db_path, *args) -> str:
    """What `citewatch <args>` printed, on one line (the terminal folds it), after a clean exit."""
    result = _invoke(runner, db_path, *args)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def _reports(runner, db_path) -> dict[str, str]:
    """The Markdown and HTML reports (`report --format … -o -`), each on one line."""
    return {fmt: _said(runner, db_path, "report", "--format", fmt, "-o", "-") for fmt in ("md", "html")}


# --- what the changes are, said -----------------------------------------------------------------


def test_a_run_compared_with_a_state_it_cannot_read_says_so_wherever_its_changes_are_shown(
        runner, db, db_path, tmp_path):
    """The scheduled run compared with kept a state that cannot be read: the next run lists
    every failing or dead source again; its own lines, `status` and the reports say that the
    list is this, not what changed (before: "2 change(s) since the previous run", as news)."""
    Factory(db).letter()
    db.execute("update sources set next_check = '2099-01-01T00:00:00+00:00'")   # none due: no crawl to wait for
    history.record_run(db, scheduled=True)
    _damage(db, "run_states", "state", "{not json")

    result = _invoke(runner, db_path, "run", "--scheduled", "--data-dir", str(tmp_path / "data"))
    assert result.exit_code != 1, result.output
    assert STATE_UNREADABLE in " ".join(result.output.split())
    assert json.loads((tmp_path / "data" / "changes.json").read_text())["state_unreadable"] is True
    assert STATE_UNREADABLE in _said(runner, db_path, "status")
    for fmt, report in _reports(runner, db_path).items():
        assert STATE_UNREADABLE.replace("'", "&#39;" if fmt == "html" else "'") in report, fmt


def test_an_older_runs_changes_shown_say_which_run_they_are(runner, db, db_path):
    """The latest run's changes cannot be read: `status` and the reports show the latest
    run's that can, and say it is that run's, with how many later runs could not be read
    (before: listed as the last run's)."""
    Factory(db).letter()
    first = history.record_run(db)
    history.record_run(db)
    history.record_run(db)
    _damage(db, "run_states", "changes", "[]", f"id > {first['run_state_id']}")

    said = (f"2 later runs could not be read: these are the changes of run {first['run_state_id']} "
            f"at {utc_minute(first['taken_at'])}.")
    assert said in _said(runner, db_path, "status")
    for fmt, report in _reports(runner, db_path).items():
        assert said in report, fmt


def test_changes_read_as_usual_say_nothing_of_either(runner, db, db_path):
    """Only the unreadable cases are said: a run compared with a state it reads, shown as the
    latest, has neither line."""
    Factory(db).letter()
    history.record_run(db)
    history.record_run(db)
    for text in [_said(runner, db_path, "status"), *_reports(runner, db_path).values()]:
        assert "could not be read" not in text


# --- sources.checks in the distributed collect ----------------------------------------------------


@pytest.mark.parametrize("stored", ["{not json", "[{not json"])
def test_a_cluster_crawl_writes_the_check_of_a_source_whose_kept_checks_cannot_be_read(
        web, env, db, redis_url, stored):
    """The collector asks whether a source's last kept check is the result it writes (a batch
    written again after a kill); a `sources.checks` that is not JSON made SQLite's json_extract
    raise "malformed JSON", and the result was set aside, the source never checked on the
    cluster.  Now it is read as no checks kept, as the crawl on one machine reads it: the
    check is written and is the list."""
    _, urls = add_pages(db, web, 2, ("main",))
    damaged = db.execute("select id from sources where url = ?", [urls[0]]).fetchone()[0]
    _damage(db, "sources", "checks", stored, f"id = {damaged}")

    out = " ".join(finish(citewatch(cluster_env(env, redis_url), "crawl", "--redis", redis_url, "--workers", "1")).split())
    assert "could not be written" not in out, out
    latest = db.execute("select max(id) from fetches where source_id = ? and purpose = 'live' and final = 1",
                        [damaged]).fetchone()[0]
    assert [c["fetch_id"] for c in json.loads(db["sources"].get(damaged)["checks"])] == [latest]
    assert db["sources"].get(damaged)["state"] == "live"


# --- citations.resolution -------------------------------------------------------------------------


@pytest.mark.parametrize("stored", ["{not json", "[]", '"resolved"'])
def test_resolve_searches_again_for_a_citation_whose_resolution_cannot_be_read(runner, db, db_path, stored):
    """A tweet citation whose `citations.resolution` is no JSON object is one no run has
    resolved: `citewatch resolve` searches for it again (the archive out of reach here: an
    error stored, said on its row), where before it stopped at it (json_extract's "malformed
    JSON" choosing the citations due, then AttributeError or JSONDecodeError telling whether an
    earlier run had resolved it, and in the summary)."""
    citation = add_social_citation(db, Factory(db).document(), 1, "twitter", "@latvian_mfa", "2020-03-31",
                                   "Latvia does not consider the elections legitimate.")
    _damage(db, "citations", "resolution", stored, f"id = {citation}")

    said = _said(runner, db_path, "resolve")
    assert json.loads(db["citations"].get(citation)["resolution"])["status"] == "error"
    assert "│ 1 │ @latvian_mfa │ error │" in said and "errors: 1" in said, said


LATVIA = "Latvia does not consider the elections in Nagorno-Karabakh legitimate."
POST = "https://twitter.com/Latvian_MFA/status/1245000000000000000"


def _tweet_cited(db, resolution: str, resolved_url: str | None = POST, post_text: bool = False) -> tuple[int, int]:
    """A statement citing a tweet, with the resolution and post URL given, and another citing a
    page that holds its quote: (the tweet's statement, the other), committed."""
    f = Factory(db)
    doc = f.document()
    tweeted = f.statement(doc, 1, "Latvia", LATVIA)
    account = f.source("twitter:@latvian_mfa", kind="twitter")
    f.citation(doc, tweeted, 1, account, kind="twitter", handle="@Latvian_MFA", resolved_url=resolved_url,
               resolution=resolution)
    if post_text:
        f.text(f.source(POST, kind="twitter"), LATVIA)
    other = f.statement(doc, 2, "United Kingdom", "The UK does not recognise the elections")
    page = f.source("https://example.org/uk")
    f.citation(doc, other, 2, page, url="https://example.org/uk")
    f.text(page, "The UK does not recognise the elections in Nagorno-Karabakh.")
    db.conn.commit()
    return tweeted, other


def _overall(db, statement: int) -> tuple[str, str]:
    return db.execute("select verdict, reason from quote_checks where statement_id = ? and scope = 'overall'",
                      [statement]).fetchone()


@pytest.mark.parametrize("resolved_url", [POST, None])
@pytest.mark.parametrize("stored", ["{not json", "[]"])
def test_reconcile_checks_a_tweet_citation_whose_resolution_cannot_be_read_and_says_so(
        runner, db, db_path, stored, resolved_url):
    """A tweet citation whose `citations.resolution` is no JSON object, with no text found: its
    statement is checked (unverifiable), and the reason reports the row and the way out, not
    the account's or an unresolved post's gap (before: JSONDecodeError or AttributeError, the
    statement left unchecked; `[]` with a post URL: the account's gap, the row unsaid)."""
    tweeted, other = _tweet_cited(db, stored, resolved_url)

    said = _said(runner, db_path, "reconcile")
    assert "could not be checked" not in said, said
    assert _overall(db, tweeted) == ("unverifiable", "footnote 1: twitter post unknown: its stored resolution could "
                                     "not be read (not a JSON object); run citewatch resolve to search for it again")
    assert _overall(db, other)[0] == "verbatim"


def test_reconcile_and_the_report_find_the_post_of_a_citation_whose_resolution_cannot_be_read(runner, db, db_path):
    """A resolution that cannot be read names no post, but the citation's `resolved_url` does:
    its text is checked (before: JSONDecodeError in reconcile, and in the report's verdict of
    a footnote of a statement citing several)."""
    tweeted, _ = _tweet_cited(db, json.dumps({"status": "resolved", "score": 100}), post_text=True)
    Factory(db).citation(1, tweeted, 3, db.execute("select id from sources where url = 'https://example.org/uk'")
                         .fetchone()[0], url="https://example.org/uk")   # a second citation: footnotes' own verdicts
    db.conn.commit()
    _damage(db, "citations", "resolution", "{not json", "kind = 'twitter'")

    assert "could not be checked" not in _said(runner, db_path, "reconcile")
    assert _overall(db, tweeted)[0] == "verbatim"
    footnotes = {f["seq"]: f for f in _report(runner, db_path)["documents"][0]["footnotes"]}
    assert footnotes[1]["verdict"]["verdict"] == "verbatim"


def test_status_gives_the_last_runs_time_when_its_changes_cannot_be_read(runner, db, db_path):
    """`status` gave "Last recorded run:" the time of the older run whose changes it shows (the
    last run's could not be read, history.latest_changes), and the next line said a later run
    exists.  The time is the last run's own (its column, always readable), and the line after
    says whose changes are shown."""
    Factory(db).letter()
    first = history.record_run(db)
    history.record_run(db)
    later = "2099-01-01T00:00:00+00:00"   # (the last run's time, told apart from the first's)
    with db.conn:
        db.execute("update run_states set taken_at = ?, changes = '[]' where id = (select max(id) from run_states)",
                   [later])
    status = runner.invoke(cli, ["status", "--db", str(db_path)])
    assert status.exit_code == 0, status.output
    lines = status.output.splitlines()
    at = lines.index(f"Last recorded run: {later}")
    assert lines[at + 1].startswith(f"1 later run could not be read: these are the changes of run "
                                    f"{first['run_state_id']} at "), lines[at:]
