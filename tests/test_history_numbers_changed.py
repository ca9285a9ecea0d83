"""A page whose text changes only in its numbers (a share counter, a date, a time) is not
content drift: no change counted, exit status 0, but listed apart and kept in the history."""

import json

import pytest
from rich.console import Console

from crawler import history, report, report_data, schedule
from crawler.cli import cli
from crawler.config import load_config
from tests.factories import Factory

DAY = "2026-01-{:02d}T00:00:00+00:00".format

ARTICLE = ("The Ministry firmly states that the so-called elections held in the occupied region have no legal "
           "effect whatsoever. Shared {shares} times. Updated {date} at {time}.")


@pytest.mark.parametrize("old, new", [
    ("Shared 1000 times", "Shared 1037 times"),
    ("Shared 1,000 times (12)", "Shared 1,037 times (15)"),
    ("Updated 2026-11-28 at 12:05.", "Updated 2026-11-29 at 08:10."),
    ("Posted 28/11/2026, 3pm", "Posted 29/11/2026, 11am"),
    ("on the 5th of May, 40% of 1.2k", "on the 12th of May, 41% of 1.3k"),
    ("Shared 1000 times", "Shared times"),
])
def test_a_change_of_numbers_alone_is_numbers_changed(old, new):
    kind, size, *_ = history.text_change(old, new)
    assert kind == history.NUMBERS_CHANGED
    assert size == history.text_change(old, new).size and size["words_added"] + size["words_removed"] > 0


@pytest.mark.parametrize("old, new", [
    ("Shared 1000 times", "Shared many times"),
    ("Shared 1000 times", "Shared 1037 times by Estonia"),
    ("The ministry agreed on 12 points", "The ministry rejected 12 points"),
    ("Updated May 5", "Updated June 5"),
])
def test_a_change_of_words_is_content_changed(old, new):
    assert history.text_change(old, new)[0] == history.CONTENT_CHANGED


def test_a_change_of_spacing_alone_is_no_content_drift():
    """"+0 / -0 words" is no news about what the page says."""
    kind, size, *_ = history.text_change("same words here", "same  words\nhere")
    assert kind == history.NUMBERS_CHANGED and size["words_added"] == size["words_removed"] == 0


def _page(f, crawl, source, shares, date="2026-01-01", time="09:00", words=""):
    f.fetch(crawl, source, "live", text=ARTICLE.format(shares=shares, date=date, time=time) + words)


def test_a_share_counter_is_no_change_of_a_scheduled_run(db, tmp_path):
    """"Shared 1000 times" → "Shared 1037 times" every week made
    `run --scheduled` exit 3 with "content drift" though the quote was unchanged."""
    f = Factory(db)
    counter = f.source("https://mfa.example.org/counter", state="live")
    rewritten = f.source("https://mfa.example.org/rewritten", state="live")
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    first = f.crawl(DAY(1))
    _page(f, first, counter, 1000)
    _page(f, first, rewritten, 5)
    assert schedule.after_run(db, config, scheduled=True) == 0   # the first run

    second = f.crawl(DAY(8), scheduled=True)
    _page(f, second, counter, "1,037", date="2026-01-08", time="10:15")
    _page(f, second, rewritten, 5)
    console = Console(record=True, width=200)
    assert schedule.after_run(db, config, scheduled=True, console=console) == 0
    said = console.export_text()
    assert "Nothing changed since the previous run." in said   # the terminal says it too, uncounted
    assert "only numbers changed (not counted): https://mfa.example.org/counter" in said
    changes = json.loads(schedule.changes_path(config).read_text())
    assert changes["count"] == 0 and changes["content_drift"] == []
    assert [(c["source_id"], c["words_added"], c["words_removed"]) for c in changes["numbers_changed"]] == [
        (counter, 3, 3)]

    third = f.crawl(DAY(15), scheduled=True)
    _page(f, third, counter, "1,037", date="2026-01-08", time="10:15")
    _page(f, third, rewritten, 5, words=" The Ministry withdraws this statement.")
    assert schedule.after_run(db, config, scheduled=True) == schedule.EXIT_CHANGED
    changes = history.latest_changes(db)
    assert [c["source_id"] for c in changes["content_drift"]] == [rewritten] and changes["numbers_changed"] == []
    assert changes["count"] == 1

    checks = history.load_checks(db)
    events = [e["event"] for e in history.source_history(db, db["sources"].get(counter), checks[counter], [])["events"]]
    assert events == ["first-seen", history.NUMBERS_CHANGED]


def test_the_reports_list_numbers_changed_apart_and_say_nothing_changed(db, tmp_path):
    f = Factory(db)
    counter = f.source("https://mfa.example.org/counter", state="live")
    _page(f, f.crawl(DAY(1)), counter, 1000)
    history.record_run(db)
    _page(f, f.crawl(DAY(8)), counter, 1037)
    history.record_run(db, scheduled=True)
    data = report_data.build(db)
    md = report.render(data, "md")
    assert ": nothing changed." in md and "content drift:" not in md
    listed = md.split(report.NUMBERS_ONLY)[1].split("##")[0]
    assert "https://mfa.example.org/counter" in listed and "(+1 / -1 words)" in listed
    assert "numbers-changed (+1 / -1 words)" in md and "content-changed" not in md
    html = report.render(data, "html")
    assert "nothing changed." in html and report.NUMBERS_ONLY.split(":")[0] in html and "Content drift:" not in html
    assert "numbers-changed (+1 / −1 words)" in html
    assert [e["event"] for e in data["sources"][0]["history"]["events"]] == ["first-seen", "numbers-changed"]


def test_status_reads_a_run_recorded_before_numbers_changed_was_listed(db, db_path, runner):
    """A run stored by an earlier citewatch has no `numbers_changed`: status prints its changes."""
    f = Factory(db)
    source = f.source("https://mfa.example.org/p", state="live")
    _page(f, f.crawl(DAY(1)), source, 1000)
    history.record_run(db)
    _page(f, f.crawl(DAY(8), scheduled=True), source, 1000, words=" The Ministry withdraws this statement.")
    history.record_run(db, scheduled=True)
    row_id, stored = db.execute("select id, changes from run_states order by id desc limit 1").fetchone()
    earlier = {k: v for k, v in json.loads(stored).items() if k != "numbers_changed"}
    db["run_states"].update(row_id, {"changes": json.dumps(earlier)})
    result = runner.invoke(cli, ["status", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "content drift: https://mfa.example.org/p" in result.output


QUOTE = "The shelling killed 12 civilians and wounded many others in the city of Arkel on Monday."


@pytest.mark.parametrize("page, counted", [
    # the cited sentence's own figure, the quote's verdict `altered` before and after (injured)
    (QUOTE.replace("wounded", "injured") + " Shared 10 times.", True),
    # the page's share counter: no number of the quote
    (QUOTE + " Shared 10 times.", False),
])
def test_a_number_of_the_quote_changed_on_the_page_is_content_drift(db, tmp_path, page, counted):
    """"killed 12" → "killed 120" in the cited sentence of a quote already
    `altered` changes no verdict, yet it is the quote's figure: content drift, counted."""
    from crawler import reconcile

    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Ministry", QUOTE)
    source = f.source("https://mfa.example.org/p", state="live")
    f.citation(doc, statement, 1, source, url="https://mfa.example.org/p")
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    f.fetch(f.crawl(DAY(1)), source, "live", text=page)
    reconcile.run(db, config)
    assert schedule.after_run(db, config, scheduled=True) == 0
    changed = page.replace("12", "120") if counted else page.replace("10", "1037")
    f.fetch(f.crawl(DAY(8), scheduled=True), source, "live", text=changed)
    reconcile.run(db, config)
    assert schedule.after_run(db, config, scheduled=True) == (schedule.EXIT_CHANGED if counted else 0)
    changes = history.latest_changes(db)
    assert changes["verdict_changed"] == []   # the verdict said nothing of it
    listed = "content_drift" if counted else "numbers_changed"
    assert [c["source_id"] for c in changes[listed]] == [source] and changes["count"] == int(counted)
    overall = db.execute("select verdict from quote_checks where scope = 'overall'").fetchone()[0]
    assert overall == ("altered" if counted else "verbatim")


def _numbers_run(db, tmp_path, quotes, before, after):
    """Two runs of a page cited by the statements of `quotes`, reconciled each time: the second
    run's exit status and changes."""
    from crawler import reconcile

    f = Factory(db)
    doc = f.document()
    source = f.source("https://mfa.example.org/p", state="live")
    for seq, quote in enumerate(quotes, 1):
        f.citation(doc, f.statement(doc, seq, "Ministry", quote), seq, source, url="https://mfa.example.org/p")
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    f.fetch(f.crawl(DAY(1)), source, "live", text=before)
    reconcile.run(db, config)
    schedule.after_run(db, config, scheduled=True)
    f.fetch(f.crawl(DAY(8), scheduled=True), source, "live", text=after)
    reconcile.run(db, config)
    return schedule.after_run(db, config, scheduled=True), history.latest_changes(db)


YEAR_QUOTE = "In 2026 the shelling killed 12 civilians and wounded many others in the city of Arkel."
FIGURE = "The shelling killed 1,037 civilians and wounded many others in the city of Arkel on Monday."


@pytest.mark.parametrize("quote, before, after", [
    # the footer's year rolls over to the year the quote names
    (YEAR_QUOTE, YEAR_QUOTE + " © 2025 Ministry.", YEAR_QUOTE + " © 2026 Ministry."),
    # the share counter reaches a number the quote holds
    (QUOTE, QUOTE + " Shared 10 times.", QUOTE + " Shared 12 times."),
])
def test_a_number_changed_outside_the_quoted_passage_is_no_drift(db, tmp_path, quote, before, after):
    """A changed number counted as drift when any quote citing the page held the
    same number, wherever on the page it changed: every 1 January, every source whose quote
    names the year drifted. What counts is where: inside the span the quote matched."""
    code, changes = _numbers_run(db, tmp_path, [quote], before, after)
    assert code == 0 and changes["content_drift"] == [] and changes["count"] == 0
    assert [c["url"] for c in changes["numbers_changed"]] == ["https://mfa.example.org/p"]


@pytest.mark.parametrize("quotes, before", [
    # the page writes the quote's "1,037" as "1037", and says "injured": `altered` before and after
    ([FIGURE], FIGURE.replace("1,037", "1037").replace("wounded", "injured") + " Shared 10 times."),
    # the second statement citing the page quotes the figure; the first quotes another sentence
    (["The Ministry rejects the so-called referendum.", FIGURE],
     "The Ministry rejects the so-called referendum. " + FIGURE.replace("1,037", "1037").replace("wounded", "injured")
     + " Shared 10 times."),
])
def test_the_cited_figure_changed_inside_the_quoted_passage_is_drift(db, tmp_path, quotes, before):
    """"1037" → "1040" inside the passage a quote of "1,037" matched was listed as
    numbers changed (the strings differ), though it is the figure the quote cites."""
    code, changes = _numbers_run(db, tmp_path, quotes, before, before.replace("1037", "1040"))
    assert code == schedule.EXIT_CHANGED and changes["verdict_changed"] == []
    assert [c["url"] for c in changes["content_drift"]] == ["https://mfa.example.org/p"]
    assert changes["numbers_changed"] == []


@pytest.mark.parametrize("total, counted", [("1037", True), ("2040", False)])
def test_without_a_span_a_number_the_quote_holds_in_another_form_is_drift(db, tmp_path, total, counted):
    """Where the quote was not found in the earlier text there is no span to go by, so a changed
    number counts when the quote holds it, whichever way each writes it ("1,037" is 1037)."""
    page = f"Casualty figures for the region, updated weekly. Total: {total}."
    code, changes = _numbers_run(db, tmp_path, [FIGURE], page, page.replace(total, "1040"))
    listed = "content_drift" if counted else "numbers_changed"
    assert [c["url"] for c in changes[listed]] == ["https://mfa.example.org/p"]
    assert code == (schedule.EXIT_CHANGED if counted else 0)


@pytest.mark.parametrize("text, numbers", [
    ("killed 1,037 and 1.037 and 1 037 and 1\u202f037 and 1'037", {"1037"}),
    ("killed \u0661\u0662 on \u0665/\u0665", {"12", "5/5"}),
    ("killed 1,5 and 12,05 on 2026-11-28", {"1,5", "12,05", "2026-11-28"}),
])
def test_numbers_are_compared_written_one_way(text, numbers):
    """Group separators between groups of 3 digits, and digits of other scripts
    (which NFKC does not fold), say the same number as the page's or the quote's ASCII."""
    assert history.numbers_of(text) == numbers


def test_load_checks_holds_no_more_per_check_than_its_history_needs(db):
    """A report, `status` and every run hold every check of every source; the
    body's SHA-256 and WARC record on each (only the latest shows them) made that half as large
    again (about 915 bytes a check of this kind, measured with an unslotted Check: 183 MB for
    200,000; about 600 without them, slotted: 120 MB). The bound sits between the two, clear of either: tracemalloc counts what
    other threads allocate meanwhile (a test before may leave some running), a few bytes a check."""
    import hashlib
    import tracemalloc

    sources, crawls = 1000, 3
    with db.conn:
        for c in range(crawls):
            db.conn.execute("insert into crawls (started_at, finished_at, status, scheduled) values (?, ?, ?, 0)",
                            [DAY(c + 1), DAY(c + 1), "finished"])
        db.conn.executemany("insert into sources (kind, key, url, host, first_seen) values ('web', ?, ?, 'h.example', ?)",
                            [(f"https://h.example/{i}", f"https://h.example/{i}", DAY(1)) for i in range(sources)])
        db.conn.executemany(
            "insert into fetches (crawl_id, source_id, purpose, attempt, requested_url, final_url, redirects, status, "
            "class, reason, content_type, length, sha256, warc_path, warc_offset, started_at, elapsed, final) values "
            "(?, ?, 'live', 'citewatch', ?, ?, '[]', 200, 'live', 'live', 'text/html', 10, ?, ?, ?, ?, 0.1, 1)",
            [(c + 1, i + 1, f"https://h.example/{i}", f"https://h.example/{i}",
              hashlib.sha256(f"{c} {i}".encode()).hexdigest(), f"warc/sources-2026010{c}-000000-abcdef.warc.gz",
              1000 * i, DAY(c + 1)) for c in range(crawls) for i in range(sources)])
    tracemalloc.start()
    try:
        checks = history.load_checks(db)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert sum(map(len, checks.values())) == sources * crawls
    assert held / (sources * crawls) < 700
