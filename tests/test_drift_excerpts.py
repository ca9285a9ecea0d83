"""A source's text that changed between runs is said with what changed, not only how many
words: a few edits (removed words, added words, their context), flagged where they touch the
passage a cited quote matched, bounded however large the page, in the changes a run records,
prints and the reports show (JSON, HTML, Markdown)."""

import json

from rich.console import Console

from crawler import history, report, report_data, schedule
from crawler.config import load_config
from tests.factories import Factory

DAY = "2026-01-{:02d}T00:00:00+00:00".format
URL = "https://mfa.example.org/statement"

BEFORE = ("The Ministry firmly states that the so-called elections held in the occupied region have no legal "
          "effect whatsoever. The Ministry calls on all states to refrain from recognising the results. "
          "Contact the press office for further information.")
# a sentence removed, hostile words added: page text is input, never markup
AFTER = ("The Ministry firmly states that the so-called elections held in the occupied region have no legal "
         "effect whatsoever. Contact the press office <script>alert(1)</script> \x1b[31mnow|*_ for further information.")
REMOVED = "The Ministry calls on all states to refrain from recognising the results."


def _config(tmp_path):
    return load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))


def _text_id(db, fetch_id: int) -> int:
    return db.execute("select id from texts where fetch_id = ?", [fetch_id]).fetchone()[0]


def _two_runs(db, tmp_path, before: str, after: str, console=None) -> dict:
    """A source read in two scheduled runs, its text `before` then `after`: the second run's changes."""
    f = Factory(db)
    source = f.source(URL, state="live")
    config = _config(tmp_path)
    f.fetch(f.crawl(DAY(1)), source, "live", text=before)
    schedule.after_run(db, config, scheduled=True)
    f.fetch(f.crawl(DAY(8), scheduled=True), source, "live", text=after)
    schedule.after_run(db, config, scheduled=True, console=console)
    return history.latest_changes(db)


def test_a_drifted_text_says_the_words_removed_and_added_in_every_format(db, tmp_path):
    console = Console(record=True, width=400)
    changes = _two_runs(db, tmp_path, BEFORE, AFTER, console)
    [item] = changes["content_drift"]
    assert item["edits_total"] == len(item["edits"]) == 2
    removed, added = item["edits"]
    assert removed["removed"] == REMOVED and removed["added"] == "" and removed["in_quote"] is False
    assert removed["before"].endswith("effect whatsoever.") and removed["after"].startswith("Contact the press")
    assert added["removed"] == "" and added["added"] == "<script>alert(1)</script> [31mnow|*_"   # no escape character
    assert json.loads(schedule.changes_path(_config(tmp_path)).read_text())["content_drift"][0]["edits"] == item["edits"]

    said = console.export_text()
    assert f"[-{REMOVED}-]" in said and "{+<script>alert(1)</script> [31mnow|*_+}" in said and "\x1b[31mnow" not in said

    data = report_data.build(db)
    assert json.loads(report.render(data, "json"))["changes"]["content_drift"][0]["edits"] == item["edits"]
    html = report.render(data, "html")
    assert f'<del>{REMOVED}</del>' in html
    assert '<ins>&lt;script&gt;alert(1)&lt;/script&gt; [31mnow|*_</ins>' in html
    assert "<script>alert(1)" not in html
    md = report.render(data, "md")
    assert f"  - region have no legal effect whatsoever. ~~{REMOVED}~~ Contact the press office for further\n" in md
    assert r"**&lt;script&gt;alert(1)&lt;/script&gt; \[31mnow\|\*\_**" in md


QUOTE = "The shelling killed 12 civilians and wounded many others in the city of Arkel on Monday."
PAGE = " ".join(f"Paragraph {n} says item{n} here." for n in range(8)) + " " + QUOTE + " Shared 10 times."


def test_an_edit_inside_the_cited_quote_is_flagged_and_chosen_among_the_five_shown(db, tmp_path):
    """Eight edits before the quote and one inside it: the one inside is among the five shown,
    flagged in_quote, and said so in the reports."""
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Ministry", QUOTE)
    changed = PAGE.replace(" here.", " there.").replace("killed 12 civilians", "killed 120 civilians")
    source = f.source(URL, state="live")
    f.citation(doc, statement, 1, source, url=URL)
    config = _config(tmp_path)
    first = _text_id(db, f.fetch(f.crawl(DAY(1)), source, "live", text=PAGE))
    start = PAGE.index(QUOTE)
    f.check(statement, "verbatim", scope="text", text_id=first, span_start=start, span_end=start + len(QUOTE))
    schedule.after_run(db, config, scheduled=True)
    f.fetch(f.crawl(DAY(8), scheduled=True), source, "live", text=changed)
    console = Console(record=True, width=400)
    assert schedule.after_run(db, config, scheduled=True, console=console) == schedule.EXIT_CHANGED
    [item] = history.latest_changes(db)["content_drift"]
    assert item["edits_total"] == 9 and len(item["edits"]) == history.SHOWN_EDITS
    flagged = [e for e in item["edits"] if e["in_quote"]]
    assert [(e["removed"], e["added"]) for e in flagged] == [("12", "120")]
    assert item["edits"][-1]["in_quote"] and not any(e["in_quote"] for e in item["edits"][:-1])
    assert [e["removed"] for e in item["edits"][:-1]] == ["here."] * 4   # then the first others, in page order

    said = console.export_text()
    assert f"({history.IN_QUOTE}) says item7 here. The shelling killed [-12-] {{+120+}} civilians" in said
    assert "and 4 more edits" in said
    data = report_data.build(db)
    html = report.render(data, "html")
    assert (f'<span class="tag altered">{history.IN_QUOTE}</span> says item7 here. The shelling killed '
            '<del>12</del> <ins>120</ins> civilians') in html
    assert '<li class="muted">and 4 more edits</li>' in html
    md = report.render(data, "md")
    assert f"  - ({history.IN_QUOTE}) says item7 here. The shelling killed ~~12~~ **120** civilians" in md
    assert "  - and 4 more edits" in md


def test_a_300_kb_page_with_thousands_of_edits_shows_the_bound(db, tmp_path):
    """A page of 300 KB rewritten throughout, and one whose text is a single word (a script
    written without spaces): the changes hold SHOWN_EDITS edits, each clipped, and the count."""
    words = [f"word{n:05d}" for n in range(30000)]
    before = " ".join(words)
    after = " ".join(f"WORD{n}" if n % 7 == 0 else w for n, w in enumerate(words))
    assert len(before) > 290_000
    changes = _two_runs(db, tmp_path, before, after)
    [item] = changes["content_drift"]
    assert item["edits_total"] == 30000 // 7 + 1 and len(item["edits"]) == history.SHOWN_EDITS
    assert item["edits"][0] == {"before": "", "removed": "word00000", "added": "WORD0",
                                "after": "word00001 word00002 word00003 word00004 word00005 word00006",
                                "in_quote": False}
    data = report_data.build(db)
    md = report.render(data, "md")
    assert md.count("  - ") == history.SHOWN_EDITS + 1 and f"and {30000 // 7 + 1 - 5:,} more edits" in md


def test_an_edit_of_a_long_unspaced_word_is_clipped(db, tmp_path):
    before, after = "前" * 150_000, "后" * 150_000   # 450 KB in UTF-8, one word each
    changes = _two_runs(db, tmp_path, "Intro " + before + " end", "Intro " + after + " end")
    [edit] = changes["content_drift"][0]["edits"]
    assert len(edit["removed"]) == len(edit["added"]) == history.EDIT_CHARS
    assert edit["removed"] == "前" * (history.EDIT_CHARS - 1) + "…"
    assert (edit["before"], edit["after"]) == ("Intro", "end")


def test_a_change_of_numbers_alone_is_listed_with_its_edits(db, tmp_path):
    """A share counter is not counted as a change, but what changed is said with it."""
    console = Console(record=True, width=400)
    changes = _two_runs(db, tmp_path, BEFORE + " Shared 1000 times.", BEFORE + " Shared 1,037 times.", console)
    assert changes["count"] == 0
    [item] = changes["numbers_changed"]
    assert item["edits_total"] == 1 and [(e["removed"], e["added"]) for e in item["edits"]] == [("1000", "1,037")]
    assert (f"only numbers changed (not counted): {URL}\n"
            "      press office for further information. Shared [-1000-] {+1,037+} times.\n") in console.export_text()
    html = report.render(report_data.build(db), "html").split(report.NUMBERS_ONLY)[1]
    assert 'Shared <del>1000</del> <ins>1,037</ins> times.' in html


def test_a_run_recorded_before_edits_were_kept_is_shown_with_its_word_counts(db, tmp_path):
    """A run stored by an earlier citewatch has no `edits`: every format and the printout
    give its word counts as before."""
    _two_runs(db, tmp_path, BEFORE, AFTER)
    row_id, stored = db.execute("select id, changes from run_states order by id desc limit 1").fetchone()
    earlier = json.loads(stored)
    for item in earlier["content_drift"]:
        del item["edits"], item["edits_total"]
    db["run_states"].update(row_id, {"changes": json.dumps(earlier)})
    data = report_data.build(db)
    assert "(+2 / −12 words)</li>" in report.render(data, "html")
    assert "words)\n\n## " in report.render(data, "md")
    console = Console(record=True, width=400)
    schedule.print_changes(history.latest_changes(db), console)
    assert console.export_text().endswith(f"content drift: {URL} (+2 / -12 words)\n")


def _span(text: str, first: int, last: int) -> tuple[int, int]:
    """The character range of words first..last (inclusive) of a text of "w0 w1 …"."""
    words = text.split()
    start = len(" ".join(words[:first])) + (1 if first else 0)
    return start, start + len(" ".join(words[first:last + 1]))


def test_a_page_rewritten_but_for_its_small_words_is_many_edits_and_the_quotes_is_shown():
    """Every third word changed over 3,000 words: edits two words apart were chained into one
    edit from the first word to the last, flagged in the quote, showing the page's start."""
    old = " ".join(f"w{i}" for i in range(3000))
    new = " ".join(f"v{i}" if i % 3 == 0 else f"w{i}" for i in range(3000))
    change = history.text_change(old, new, quoted=(_span(old, 2895, 2905),))
    assert change.edits_total > 50
    inside = [edit["removed"].split() for edit in change.shown if edit["in_quote"]]
    quoted = {f"w{i}" for i in range(2895, 2906)}
    assert inside and all(len(words) <= history.HUNK_MOST + 1 and quoted & set(words) for words in inside)


def test_words_added_beside_a_quote_are_not_in_it():
    """An insertion at the edge of the quote's span leaves its words as they were: not flagged
    in the quote (the numbers rule still counts an edge: "12" → "12 000" changes a figure)."""
    old = "Intro words here. The ministry condemns the attack. Closing words."
    new = "Intro words here. Note: The ministry condemns the attack. Extra Closing words."
    start = old.index("The ministry")
    change = history.text_change(old, new, quoted=((start, old.index(" Closing")),))
    assert [edit["in_quote"] for edit in change.shown] == [False, False]
    inside = history.text_change(old, old.replace("condemns", "deplores"), quoted=((start, old.index(" Closing")),))
    assert [edit["in_quote"] for edit in inside.shown] == [True]
