"""The report's changes and history after the latest run: which run found the changes, the
crawls since it (whose findings only the next run compares), and each source's history in
the Markdown report as in the HTML."""

import json

import lxml.html
import pytest

from crawler import history, report, report_data, schedule
from crawler.cli import cli
from crawler.config import load_config
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
    assert "crawl since" not in md and "- newly failing (client-error, strong evidence): [https://live.example.org" in md


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
    events but first-seen, a memento linked, a change of text with its size and its words."""
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
    assert live.endswith("| live | 2026-01-01 | 2026-01-05 |  |  | 2 | 2026-01-05 00:00 content-changed (+2 / -1 words): "
                         "on all parties to respect human ~~rights.~~ **rights, changed.** |")
    dead = by_url["| [https://dead.example.org/news/statement-2](https://dead.example.org/news/statement-2)"]
    assert ("2026-01-01 00:00 memento [20200401093000](https://web.archive.org/web/20200401093000/"
            "https://dead.example.org/news/statement-2); 2026-01-02 00:00 failing (client-error 404) |") in dead


QUOTED = "Borduria condemns the shelling of the town."
PAGE = f"The ministry issued a statement on Monday. {QUOTED} Contact the press office for further information."
REWORDED = PAGE.replace("condemns", "regrets")


def _reworded_then_crawled_again(db, tmp_path, *texts: str) -> int:
    """A page cited for QUOTED, read by a scheduled run (PAGE, the quote matched in it), then by
    one scheduled run per text of `texts`, as a daily timer runs them: returns the source."""
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Borduria", QUOTED)
    url = "https://mfa.example.org/statement"
    source = f.source(url, state="live")
    f.citation(doc, statement, 1, source, url=url)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    fetch = f.fetch(f.crawl("2026-01-01T00:00:00+00:00", scheduled=True), source, "live", text=PAGE)
    first = db.execute("select id from texts where fetch_id = ?", [fetch]).fetchone()[0]
    f.check(statement, "verbatim", scope="text", text_id=first, span_start=PAGE.index(QUOTED),
            span_end=PAGE.index(QUOTED) + len(QUOTED))
    schedule.after_run(db, config, scheduled=True)
    for day, text in enumerate(texts, start=2):
        f.fetch(f.crawl(f"2026-01-{day:02d}T00:00:00+00:00", scheduled=True), source, "live", text=text)
        schedule.after_run(db, config, scheduled=True)
    return source


def _history_cells(data: dict, source: int) -> tuple[str, str]:
    """The source's events as the Markdown history row and the HTML history table say them."""
    row = next(line for line in _section(report.render(data, "md"), "History per source").splitlines()
               if "mfa.example.org" in line)
    tree = lxml.html.fromstring(report.render(data, "html"))
    [events] = tree.xpath("//h2[text()='History per source']/following-sibling::table[1]"
                          "//tr[th/a[contains(@href, 'mfa.example.org')]]/td[last()]")
    return row, lxml.html.tostring(events, encoding="unicode")


def test_a_quoted_word_changed_stays_in_the_history_after_the_next_run(db, tmp_path):
    """The daily run that saw "condemns" become "regrets" in the cited sentence said so, but
    the next day's run found nothing new: a reader of that day's report (any later one) still
    reads, in the history per source, the word removed and the word added, flagged in the
    quote, in Markdown and HTML; without them it said only "content-changed (+1 / -1 words)"."""
    source = _reworded_then_crawled_again(db, tmp_path, REWORDED, REWORDED)
    assert history.latest_changes(db)["count"] == 0   # the run of the change is not the latest
    data = report_data.build(db)
    [event] = [e for e in next(s for s in data["sources"] if s["id"] == source)["history"]["events"]
               if e["event"] == history.CONTENT_CHANGED]
    assert event["edits"] == [{"before": "issued a statement on Monday. Borduria", "removed": "condemns",
                               "added": "regrets", "after": "the shelling of the town. Contact", "in_quote": True}]
    assert (event["edits_total"], event["restored"]) == (1, False)
    md, html = _history_cells(data, source)
    assert md.endswith(f"| 3 | 2026-01-02 00:00 content-changed (+1 / -1 words): ({history.IN_QUOTE}) "
                       "issued a statement on Monday. Borduria ~~condemns~~ **regrets** the shelling of the town. "
                       "Contact |"), md
    assert '<del>condemns</del> <ins>regrets</ins>' in html   # struck, marked: said by the legend above the table
    assert f'<span class="tag altered">{history.IN_QUOTE}</span>' in html


def test_a_text_back_to_its_first_wording_is_restored_in_the_history(db, tmp_path):
    """"regrets" then "condemns" again, the page's first text byte for byte: the run's changes
    said "text restored", and so does the history per source, in JSON, Markdown and HTML,
    after a further run; the change that it undoes stays a content change."""
    source = _reworded_then_crawled_again(db, tmp_path, REWORDED, PAGE, PAGE)
    data = report_data.build(db)
    events = [e for e in next(s for s in data["sources"] if s["id"] == source)["history"]["events"]
              if e["event"] == history.CONTENT_CHANGED]
    assert [(e["at"][:10], e["restored"]) for e in events] == [("2026-01-02", False), ("2026-01-03", True)]
    assert (events[1]["edits"][0]["removed"], events[1]["edits"][0]["added"]) == ("regrets", "condemns")
    md, html = _history_cells(data, source)
    restored = f"2026-01-03 00:00 {history.RESTORED} ({history.RESTORED_HOW}) (+1 / -1 words)"
    assert "2026-01-02 00:00 content-changed (+1 / -1 words)" in md and restored in md
    assert restored.replace("-1", "−1") in " ".join(lxml.html.fromstring(html).text_content().split())


def _weak_failure_listed(db, tmp_path, *classes: str) -> str:
    """A cited page read live by a scheduled run, then checked once a day by scheduled crawls
    (`classes`: their classes, a run after each, the state each leaves stored as the crawl's
    state machine does); each run's time pinned.  Returns the page's URL."""
    f = Factory(db)
    doc = f.document()
    url = "https://mfa.example.org/statement"
    source = f.source(url, state="live")
    f.citation(doc, f.statement(doc, 1, "Borduria", QUOTED), 1, source, url=url)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    for day, cls in enumerate(("live", *classes), start=1):
        f.fetch(f.crawl(f"2026-01-{day:02d}T00:00:00+00:00", scheduled=True), source, cls,
                status=200 if cls == "live" else None)
        db["sources"].update(source, {"state": "live" if cls == "live" else "failing"})
        schedule.after_run(db, config, scheduled=True)
        _taken(db, history.latest_changes(db), f"2026-01-{day:02d}T06:00:00+00:00")
    return url


@pytest.mark.parametrize("classes, listed, change", [
    (("timeout",), "failing_once", "live → failing: timeout"),
    (("timeout", "live"), "cleared", "failing: timeout → live"),
], ids=["failed-once", "cleared"])
def test_a_failure_on_weak_evidence_is_said_apart_below_the_changes(db, tmp_path, classes, listed, change):
    """One timeout, and its return the next day, are no change (nothing counted: "nothing
    changed"), but the Markdown and HTML reports say them under their own lead below the
    changes, as the numbers changed: a reader of the report knows the page failed once, and
    that no alert was sent for it (before: "newly failing (timeout)", then "recovered")."""
    url = _weak_failure_listed(db, tmp_path, *classes)
    data = report_data.build(db)
    assert data["changes"]["count"] == 0 and [item["url"] for item in data["changes"][listed]] == [url]
    words = dict(history.WEAK_FAILURES)[listed]
    since = f"Since the run of 2026-01-{len(classes):02d} 06:00 UTC"
    found = _section(report.render(data, "md"), "Changes found by the scheduled run of")
    assert found.strip().split("\n\n")[1:] == [f"{since}: nothing changed.", f"{words[0].upper()}{words[1:]}:",
                                               f"- [{url}]({url}) ({change})"]
    tree = lxml.html.fromstring(report.render(data, "html"))
    [heading] = tree.xpath("//h2[starts-with(text(), 'Changes found')]")
    assert heading.xpath("string(following-sibling::p[1])") == f"{since}: nothing changed."
    assert heading.xpath("string(following-sibling::p[2])") == f"{words[0].upper()}{words[1:]}:"
    [item] = heading.xpath("following-sibling::ul[1]/li")
    assert " ".join(item.text_content().split()) == f"{url} ({change})" and item.xpath("a/@href") == [url]
