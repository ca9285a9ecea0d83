"""The report's changes and history after the latest run: which run found the changes, the
crawls since it (whose findings only the next run compares), and each source's history in
the Markdown report as in the HTML."""

import json

import lxml.html
import pytest

from crawler import history, report, report_data
from crawler.cli import cli
from tests.factories import Factory


@pytest.fixture
def letter(db):
    return Factory(db).letter()


def _taken(db, run: dict, at: str) -> None:
    """Pin a recorded run's time (the report names it)."""
    db.execute("update run_states set taken_at = ?, changes = json_set(changes, '$.taken_at', ?) where id = ?",
               [at, at, run["run_state_id"]])
    db.conn.commit()


def _section(md: str, heading: str) -> str:
    """The Markdown section under a heading starting with `heading`, up to the next one."""
    return md.split(f"\n## {heading}")[1].split("\n## ")[0]


def test_changes_name_their_run_and_the_crawls_since_it(db, db_path, letter, runner, tmp_path):
    """A scheduled run, then a crawl alone (`citewatch crawl`, not `run`) in which the live page
    gives a 404: the report lists the run's changes as that run's, says a crawl came after it
    whose findings are not in the list, and the history per source shows the new failure."""
    _taken(db, history.record_run(db), "2026-01-02T12:00:00+00:00")
    f = Factory(db)
    f.fetch(f.crawl("2026-01-03T00:00:00+00:00"), letter["failing"]["source"], "live", text="Austria supports peace.")
    db["sources"].update(letter["failing"]["source"], {"state": "live"})
    _taken(db, history.record_run(db, scheduled=True), "2026-01-03T06:00:00+00:00")
    f.fetch(f.crawl("2026-01-09T08:15:00+00:00"), letter["live"]["source"], "client-error", status=404)
    db["sources"].update(letter["live"]["source"], {"state": "failing"})  # as the crawl's state machine leaves it
    changes = report_data.build(db)["changes"]
    assert (changes["scheduled"], changes["previous_taken_at"], changes["crawls_since"], changes["last_crawl_at"]) == (
        True, "2026-01-02T12:00:00+00:00", 1, "2026-01-09T08:15:00+00:00")
    since = ("1 crawl since that run (the latest started 2026-01-09 08:15 UTC): what it found is not in this list "
             "until the next citewatch run compares it; History per source shows it now.")
    out = tmp_path / "report.md"
    result = runner.invoke(cli, ["report", "--db", str(db_path), "--format", "md", "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    found = _section(md, "Changes found by the scheduled run of 2026-01-03 06:00 UTC")
    assert found.strip().split("\n\n") == [
        "Since the run of 2026-01-02 12:00 UTC:",
        "- recovered: [https://failing.example.org/news/statement-3](https://failing.example.org/news/statement-3)",
        since]
    live = next(line for line in _section(md, "History per source").splitlines() if "live.example.org" in line)
    assert live.endswith("| 2026-01-09 08:15 failing (client-error 404) |"), live
    tree = lxml.html.fromstring(report.render(report_data.build(db), "html"))
    [heading] = tree.xpath("//h2[starts-with(text(), 'Changes found')]")
    assert heading.text == "Changes found by the scheduled run of 2026-01-03 06:00 UTC"
    assert heading.xpath("string(following-sibling::p[1])") == "Since the run of 2026-01-02 12:00 UTC:"
    assert " ".join(tree.xpath("string(//p[@class='crawls-since'])").split()) == since
    history.record_run(db)  # the next run compares the crawl: nothing after it now
    md = report.render(report_data.build(db), "md")
    assert "crawl since" not in md and "- newly failing (client-error): [https://live.example.org" in md


def test_a_crawl_that_fetched_nothing_is_no_crawl_since_the_run(db, letter):
    """A crawl after the run in which nothing was due (an older database's empty row) found
    nothing the list lacks: the report does not say "1 crawl since that run"."""
    _taken(db, history.record_run(db), "2026-01-02T12:00:00+00:00")
    f = Factory(db)
    f.crawl("2026-01-03T00:00:00+00:00")
    changes = report_data.build(db)["changes"]
    assert (changes["crawls_since"], changes["last_crawl_at"]) == (0, None)
    assert "crawl since" not in report.render(report_data.build(db), "md")
    f.fetch(f.crawl("2026-01-04T00:00:00+00:00"), letter["live"]["source"], "live")
    changes = report_data.build(db)["changes"]
    assert (changes["crawls_since"], changes["last_crawl_at"]) == (1, "2026-01-04T00:00:00+00:00")


def test_a_run_that_found_nothing_and_the_first_run_say_so_with_their_time(db, letter):
    _taken(db, history.record_run(db), "2026-01-02T12:00:00+00:00")
    md = report.render(report_data.build(db), "md")
    assert "## Changes found by the run of 2026-01-02 12:00 UTC\n\n" + report.FIRST_RUN + "\n" in md
    _taken(db, history.record_run(db), "2026-01-02T13:00:00+00:00")
    data = report_data.build(db)
    md = report.render(data, "md")
    assert ("## Changes found by the run of 2026-01-02 13:00 UTC\n\n"
            "Since the run of 2026-01-02 12:00 UTC: nothing changed.\n\n## ") in md
    tree = lxml.html.fromstring(report.render(data, "html"))
    [heading] = tree.xpath("//h2[starts-with(text(), 'Changes found')]")
    assert heading.xpath("string(following-sibling::p[1])") == "Since the run of 2026-01-02 12:00 UTC: nothing changed."
    assert json.loads(report.render(data, "json"))["changes"]["crawls_since"] == 0


def test_markdown_history_lists_every_source_with_its_events(db, letter):
    """One row per source (the HTML's history table in a line each): its milestones and its
    events but first-seen, a memento linked, a change of text with its size."""
    f = Factory(db)
    f.fetch(f.crawl("2026-01-05T00:00:00+00:00"), letter["live"]["source"], "live",
            text="We call on all parties to respect human rights, changed.")
    data = report_data.build(db)
    rows = _section(report.render(data, "md"), "History per source").strip().splitlines()
    assert rows[2:4] == ["| Source | State | First seen | Last seen live | First failing | First dead | Checks | Events |",
                         "|---|---|---|---|---|---|---|---|"]
    assert len(rows[4:]) == len(data["sources"]) == 4
    by_url = {row.split(" | ")[0]: row for row in rows[4:]}
    live = by_url["| [https://live.example.org/news/statement-1](https://live.example.org/news/statement-1)"]
    assert live.endswith("| live | 2026-01-01 | 2026-01-05 |  |  | 2 | 2026-01-05 00:00 content-changed (+2 / -1 words) |")
    dead = by_url["| [https://dead.example.org/news/statement-2](https://dead.example.org/news/statement-2)"]
    assert ("2026-01-01 00:00 memento [20200401093000](https://web.archive.org/web/20200401093000/"
            "https://dead.example.org/news/statement-2); 2026-01-02 00:00 failing (client-error 404) |") in dead
