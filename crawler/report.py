"""`citewatch report`: the report data laid out as HTML, Markdown, CSV or JSON.

Every format lays out the same `report_data.stream(db)`, writing to its file as the
rows are read (a report of 100,000 citations never holds them all).  Every value that came from
the web is escaped for its format: HTML through Jinja2's autoescape (and a
Content-Security-Policy that lets only our own script run), Markdown by escaping its
syntax and HTML, CSV by defusing spreadsheet formulas; only http(s) URLs ever become
links.  `write(db, config, fmt, path)` is what `citewatch report` and the demo call;
`render(data, fmt)` gives the same text as a string.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup
from rich.table import Table

from crawler import export, history, report_data, terminal
from crawler.export import output_file
from crawler.history import check_outcome
from crawler.report_data import utc_minute

FORMATS = ("html", "md", "csv", "json")

_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

# Colours of the status chart, by what a class says about the source: a bar stands out 3:1
# from the page (WCAG 1.4.11), the pale one of the unchecked by its outline (the template's).
_COLORS = {"live": "#1e8449", "failing": "#c0392b", "uncertain": "#7f8c8d", "unchecked": "#d5d8dc"}
# A language code as a `lang` attribute takes it (py3langid's: ISO 639-1, or 639-3 as "yue").
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
# The HTML report's own language (its <html lang>): a quote in it needs no `lang` of its own.
PAGE_LANGUAGE = "en"


def class_label(cls: str) -> str:
    """A class of `summary.sources_by_class` in words: the classifier's name, or what a
    source no check has reached is (`not-online` reads "not online")."""
    return report_data.UNFETCHED_CLASSES.get(cls, cls)


def document_heading(doc: dict) -> str:
    """A document's heading: its title, or for the one quote of `citewatch check --quote`
    (stored under the path and title "--quote", crawler/check/store.py) what it is."""
    if doc["kind"] == "quotes" and doc["path"] == "--quote":
        return "Quotes given on the command line"
    return doc["title"] or doc["path"]


def crawls_kept(summary: dict) -> str:
    """The crawls kept, in words: the crawls of the cited sources apart from the archive and
    resolve stages' Scrapy runs (rows of `crawls` too, that look up mementos and posts)."""
    sources, runs = summary["source_crawls"], summary["crawls"] - summary["source_crawls"]
    text = f"{sources} crawl{'s' if sources != 1 else ''} of the cited sources"
    return text + (f" (and {runs} crawl{'s' if runs != 1 else ''} of archived copies and posts)" if runs else "") + " kept"


def safe_href(url) -> str | None:
    """The URL if it may become a link (http or https, no whitespace or control characters)."""
    if isinstance(url, str) and _HTTP_URL.fullmatch(url):
        return url
    return None


def quote_language(verdict: dict | None, document_language: str | None = None) -> str | None:
    """The language of a statement's quote where the report's data knows it, for its HTML
    `lang` (a screen reader reads a French quote in French, not as English words): the one a
    translation verdict found (`evidence.languages.quote`, kept by each text check and by the
    statement's overall one), else, where the verdict names none, its document's
    (`documents[].language`, named at ingest) unless that is the page's own (PAGE_LANGUAGE);
    None elsewhere, and for a value that is no language code."""
    languages = ((verdict or {}).get("evidence") or {}).get("languages")
    code = languages.get("quote") if isinstance(languages, dict) else None
    if code is None:   # no verdict named one (a verdict's "zh/ja", no code, gives none: not the document's)
        code = None if document_language == PAGE_LANGUAGE else document_language
    return code if isinstance(code, str) and _LANGUAGE_CODE.fullmatch(code) else None


def status_chart(summary: dict) -> dict:
    """Geometry of the inline SVG bar chart of sources by class (drawn by the template)."""
    counts = summary["sources_by_class"]
    top = max(counts.values(), default=1)
    left, span = 150, 420
    bars = []
    for i, (cls, count) in enumerate(counts.items()):
        outcome = "unchecked" if cls in report_data.UNFETCHED_CLASSES else check_outcome(cls)
        bars.append({"label": class_label(cls), "count": count, "y": 4 + i * 24,
                     "width": max(1, round(span * count / top)), "color": _COLORS[outcome]})
    return {"bars": bars, "left": left, "width": left + span + 50, "height": 8 + 24 * max(len(bars), 1),
            "offline": "not-online" in counts, "handles": "handle" in counts, "local": "local" in counts}


def rot_trend(over_time: list[dict]) -> dict:
    """Geometry of the inline SVG line of the rot rate after each crawl (a resolve run's
    point is drawn hollow: it checked tweets only)."""
    width, height, pad = 600, 140, 20
    n = len(over_time)
    points = []
    for i, row in enumerate(over_time):
        x = 60 + (width - 90) * (i / (n - 1) if n > 1 else 0)
        y = pad + (height - 2 * pad) * (1 - row["rot_rate"])
        points.append({"x": round(x, 1), "y": round(y, 1), "at": row["at"], "percent": round(100 * row["rot_rate"]),
                       "run_kind": row["run_kind"]})
    return {"width": width, "height": height, "points": points, "top": pad, "bottom": height - pad,
            "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
            "first": (points[0]["at"] or "")[:10] if points else "",
            "last": (points[-1]["at"] or "")[:10] if points else ""}


# The flags ingest sets that a reader of the report must see, in plain words: a statement
# whose footnote was lost reads as complete otherwise (crawler/ingest/letter.py,
# numbering_faults.py, footnotes.py; the others, such as confirmed-by-link-target, say
# nothing a reader needs).  "unofficial-translation" is said once, of the statement.
STATEMENT_FLAG_WORDS = {
    "footnote-missing": "footnote lost in extraction: this statement's own source is not cited",
    "further-footnote-missing": "a further footnote of this statement was lost in extraction: "
                                "it is checked without that source",
    "inner-footnote-marker": "a footnote mark printed inside the quote was taken out of it",
    "unofficial-translation": "its footnote says the text is an unofficial translation",
    "translation-apart": "the letter printed a translation after the quote: it is kept apart, and the "
                         "original's words are checked",
    "translation-left-out": "the article gave a translation after the quote: the quote is the original's words",
}
CITATION_FLAG_WORDS = {
    "may-hold-lost-footnote": "the next footnote was lost in extraction: this footnote's link may be the lost one's",
    "url-may-be-truncated": "the URL was cut at a line break mid-word: it may go on (compare it with the document)",
    "ibid-unresolved": "\"Ibid.\" with no earlier footnote known: no source",
}


def statement_flag_words(statement: dict | None) -> list[str]:
    """What ingest found about a statement, in plain words (STATEMENT_FLAG_WORDS)."""
    flags = (statement or {}).get("flags") or []
    return [STATEMENT_FLAG_WORDS[flag] for flag in flags if flag in STATEMENT_FLAG_WORDS]


def citation_flag_words(footnote: dict) -> list[str]:
    """What ingest found about a footnote's own citation, in plain words (CITATION_FLAG_WORDS)."""
    return [CITATION_FLAG_WORDS[flag] for flag in footnote.get("flags") or [] if flag in CITATION_FLAG_WORDS]


def _environment() -> jinja2.Environment:
    """Jinja2 with autoescape on for every template, whatever its file name ends with."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("crawler", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["href"] = safe_href
    env.filters["class_label"] = class_label
    env.filters["quote_language"] = quote_language
    env.filters["heading"] = document_heading
    env.filters["statement_named"] = history.statement_named
    env.filters["unfetched_label"] = report_data.unfetched_label
    env.filters["read_on"] = read_on
    env.filters["memento_day"] = memento_day
    env.filters["run_named"] = run_named
    env.filters["compared_with"] = compared_with
    env.filters["compilation_words"] = compilation_words
    env.filters["compilation_once"] = compilation_once
    env.globals["shown"] = set
    env.filters["crawls_since"] = crawls_since
    env.filters["unreadable_words"] = unreadable_words
    env.filters["event_detail"] = event_detail
    env.filters["event_named"] = event_named
    env.filters["utc_minute"] = utc_minute
    env.filters["statement_flag_words"] = statement_flag_words
    env.filters["citation_flag_words"] = citation_flag_words
    env.filters["stale_words"] = stale_words
    env.filters["fact_tags"] = fact_tags
    env.globals["verdict_tags"], env.globals["compilation_tags"] = VERDICT_TAGS, COMPILATION_TAGS
    env.globals["page_language"] = PAGE_LANGUAGE
    env.globals["first_run"] = FIRST_RUN
    env.globals["no_document"], env.globals["holds_nothing"] = NO_DOCUMENT, holds_nothing
    env.globals["numbers_only"] = NUMBERS_ONLY
    env.globals["weak_failures"] = history.WEAK_FAILURES
    env.filters["failed_change"] = history.failed_change
    env.filters["failing_evidence"] = history.failing_evidence
    env.globals["text_events"] = TEXT_EVENTS
    env.globals["in_quote"] = history.IN_QUOTE
    env.globals["restored"], env.globals["restored_how"] = history.RESTORED, history.RESTORED_HOW
    env.filters["more_edits"] = history.more_edits
    return env


def keep_printed(printed: dict, footnote: dict) -> None:
    """Keep an offline citation as printed, by its source: an offline source's key is folded
    to lower case, and the history per source shows what was printed."""
    if footnote["kind"] == "offline" and footnote["source_id"] is not None:
        printed.setdefault(footnote["source_id"], footnote["printed"])


def write_html(data: dict, out) -> None:
    """One self-contained HTML page: inline CSS, inline SVG charts, one inline script.  The
    footnote rows are built once, as the page lays them out: the filters' choices are read from
    the rows by report.js (the filters show only with it), and the history per source, after
    the footnote tables, names an offline source as printed from the rows already written
    (`_keeping_printed`)."""
    env = _environment()
    script = env.loader.get_source(env, "report.js")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    printed: dict[int, str] = {}
    for chunk in env.get_template("report.html.j2").generate(
        data={**data, "documents": _keeping_printed(data["documents"], printed)},
        chart=status_chart(data["summary"]),
        trend=rot_trend(data["link_rot"]["over_time"]),
        printed=printed,
        crawls_kept=crawls_kept(data["summary"]),
        footnote_verdicts=footnote_verdicts(data["summary"]),
        script=Markup(script),
        script_hash=f"sha256-{digest}",
    ):
        out.write(chunk)


def _keeping_printed(documents: list[dict], printed: dict) -> list[dict]:
    """The documents with each footnote row passed to `keep_printed` as it is read: the one
    pass that lays the rows out fills `printed` before the history per source asks it."""
    return [{**doc, "footnotes": report_data.Rows(lambda rows=doc["footnotes"]: _kept(rows, printed),
                                                  len(doc["footnotes"]))} for doc in documents]


def _kept(rows, printed: dict):
    """`rows`, each kept in `printed` (`keep_printed`) as it goes by."""
    for footnote in rows:
        keep_printed(printed, footnote)
        yield footnote


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_text(value) -> str:
    """Text for Markdown: HTML and Markdown syntax escaped, on one line."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_link(url, text=None) -> str:
    """A Markdown link for an http(s) URL (its parentheses and spaces encoded), else plain text."""
    href = safe_href(url)
    if href is None:
        return md_text(text or url)
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ('"', "%22"), ("'", "%27")):
        href = href.replace(char, code)
    return f"[{md_text(text or url)}]({href})"


def _drift(verdict: dict | None) -> dict:
    """The content drift the reconcile stage found (the quote is in a memento, or in an
    earlier reading of the page, but not, or not as it was, in the live page), or {}: what
    the HTML tags `content drift`."""
    drift = ((verdict or {}).get("evidence") or {}).get("drift")
    return drift if isinstance(drift, dict) else {}


def _rests_on(verdict: dict | None) -> dict:
    """The text a verdict rests on, as the reconcile stage's evidence names it (a live one
    with its `read_at` and `unread_since`), or {}."""
    text = ((verdict or {}).get("evidence") or {}).get("text")
    return text if isinstance(text, dict) else {}


def read_on(verdict: dict | None) -> str:
    """When the live text a verdict rests on was read, if the page gave no text since (dead
    now, say): "as read on 2026-01-01" is then what the report says, not just "the live
    text"; else ""."""
    text = _rests_on(verdict)
    return (text.get("read_at") or "")[:10] if text.get("unread_since") else ""


# The short tags of a verdict's facts (report_data `_fact_fields`) and of a comparison with
# another compilation, by field and value: (CSS class, words).  The reasons say them at length.
VERDICT_TAGS = {("in", "title"): ("unknown", "in the title only"),
                ("added_since", "added"): ("failing", "added since quoted"),
                ("added_since", "changed"): ("failing", "changed since quoted")}
COMPILATION_TAGS = {("entity_match", False): ("failing", "another speaker"),
                    ("borrowed", True): ("unknown", "sources borrowed"),
                    ("borrowed", False): ("unknown", "sources not used")}


def fact_tags(item: dict | None, tags: dict) -> list[tuple[str, str]]:
    """The tags (VERDICT_TAGS or COMPILATION_TAGS) a verdict or a comparison carries, in the
    HTML beside its own: what the JSON and CSV give as fields, `in` "title", `added_since`,
    `entity_match` false, `borrowed`, seen without reading the reason."""
    return [tag for (field, value), tag in tags.items() if (item or {}).get(field) == value]


def stale_words(footnote: dict) -> list[str]:
    """What a verdict older than its source's latest check (`verdict_stale_since`) must say
    beside that check's Live cell, and how to bring it up to date; [] when it is not older."""
    since = footnote.get("verdict_stale_since")
    if not since:
        return []
    return [f"verdict of {utc_minute(footnote['verdict']['checked_at'])}; the source was checked again since, on "
            f"{utc_minute(since)}: run citewatch reconcile to bring the verdict up to date"]


def memento_day(timestamp: str | None) -> str:
    """The day of a Wayback timestamp, ISO (2020-04-01), as every report says a memento's date
    to people: 14 digits are for machines ("" when it names no day)."""
    return (report_data.memento_date(timestamp) or "")[:10]


def _md_verdict(verdict: dict | None) -> str:
    """The verdict cell, as the HTML's: the verdict, which text it rests on, content drift,
    the word diff and the reason (when it says more than the verdict)."""
    if not verdict:
        return "unchecked"
    head = md_text(verdict.get("verdict"))
    if verdict.get("text_origin"):
        day = memento_day(verdict.get("text_memento_timestamp"))
        head += f" against the {md_text(verdict['text_origin'])} text" + (f" of {day}" if day else "")
        head += f" as read on {read_on(verdict)}" if read_on(verdict) else ""
    if _drift(verdict):
        head += " (content drift)"
    words = _md_diff(verdict.get("diff"))
    reason = verdict.get("reason")
    return (head + (": " + words if words else "")
            + (f" — {md_text(reason)}" if reason and reason != verdict.get("verdict") else ""))


def run_named(changes: dict) -> str:
    """The run whose findings the report's changes are: "the scheduled run of 2026-11-28 20:40
    UTC" (the heading of the section: a report is read long after the run it lists)."""
    return f"the {'scheduled ' if changes['scheduled'] else ''}run of {utc_minute(changes['taken_at'])}"


def compared_with(changes: dict) -> str:
    """The run the latest one was compared with, as the list's lead: "Since the run of …"."""
    previous = changes["previous_taken_at"]
    return f"Since the run of {utc_minute(previous)}" if previous else "Since the previous run"


def crawls_since(changes: dict) -> str:
    """What the list does not hold: the crawls after the run, whose findings only the next
    `citewatch run` compares ("" when there were none)."""
    count = changes["crawls_since"]
    if not count:
        return ""
    return (f"{count} crawl{'s' if count != 1 else ''} since that run (the latest started "
            f"{utc_minute(changes['last_crawl_at'])}): what {'they' if count != 1 else 'it'} found is not in this "
            "list until the next citewatch run compares it; History per source shows it now.")


# A run compared with a kept state it could not read (history._changes_since: `state_unreadable`).
STATE_UNREADABLE = ("The previous run's recorded state could not be read: the changes are told from the history "
                    "as it stood then (a source whose state then is not known is listed again if failing or dead; "
                    "verdicts judged since cannot be compared), and the unreadable state counts as one change.")


def unreadable_words(changes: dict) -> list[str]:
    """What the changes shown are not, one plain sentence each ([] for a run read as usual): a
    list made against a kept state that could not be read (`state_unreadable`: every source
    failing or dead now, not what changed), or an older run's changes shown because the later
    runs' could not be read (history.latest_changes' `unreadable_runs`).  Listed as usual, the
    one passes old failures off as news and the other an older run's findings as the latest's
    (`status`, the reports and a run's own lines say them alike)."""
    said = []
    if count := changes.get("unreadable_runs"):
        said.append(f"{count} later run{'s' if count != 1 else ''} could not be read: these are the changes of "
                    f"run {changes['run_state_id']} at {utc_minute(changes['taken_at'])}.")
    if changes.get("state_unreadable"):
        said.append(STATE_UNREADABLE)
    return said


FIRST_RUN = "This was the first recorded run: nothing to compare with yet."
# What the HTML and Markdown reports of a database nothing was ingested into say instead of their
# figures and tables (`holds_nothing`).
NO_DOCUMENT = report_data.no_document("This database", "report")


def holds_nothing(summary: dict) -> bool:
    """The report's `summary` is of a database with neither a document nor a source (a source
    may be stored without its document: a test's, an older tool's), which says NO_DOCUMENT."""
    return not summary["documents"] and not summary["sources"]


# The lead of the sources whose text changed only in its numbers (history.NUMBERS_CHANGED):
# listed, not counted as a change.
NUMBERS_ONLY = ("Only numbers changed (a counter, a date, a time: not content drift, not counted as a change) "
                "in the text of:")
# The history events that change a source's text, said with their size in words and their edits.
TEXT_EVENTS = (history.CONTENT_CHANGED, history.NUMBERS_CHANGED)


def _md_change_items(changes: dict) -> list[str]:
    """One Markdown list item per change the run found."""
    items = [f"- newly dead: {md_link(item['url'])}" for item in changes["newly_dead"]]
    items += [f"- newly failing ({md_text(history.failing_evidence(item))}): {md_link(item['url'])}"
              for item in changes["newly_failing"]]
    items += [f"- recovered: {md_link(item['url'])}" for item in changes["recovered"]]
    for item in changes["content_drift"]:   # (a text back to its first wording is said as restored)
        said = f"{history.RESTORED} ({history.RESTORED_HOW})" if item.get("restored") else "content drift"
        items += [f"- {said}: {md_link(item['url'])} (+{item['words_added']} / -{item['words_removed']} words)",
                  *_md_edits(item)]
    items += [f"- verdict changed for {md_text(history.statement_named(item))}: "
              f"{md_text(item['from'])} → {md_text(item['to'])}" for item in changes["verdict_changed"]]
    return items


def _md_edit_words(item: dict) -> list[str]:
    """What changed in a changed text (history._excerpts), one string per edit: ~~removed~~
    and **added** words between their context, the page's words escaped (`md_text`), then what
    the edits shown leave out; [] for a run recorded before edits were kept.  The changes list
    them as nested items (`_md_edits`), a source's history in its table cell (`_md_event`)."""
    said = []
    for edit in item.get("edits") or []:
        words = [f"({md_text(history.IN_QUOTE)})" if edit["in_quote"] else "", md_text(edit["before"]),
                 f"~~{md_text(edit['removed'])}~~" if edit["removed"] else "",
                 f"**{md_text(edit['added'])}**" if edit["added"] else "", md_text(edit["after"])]
        said.append(" ".join(filter(None, words)))
    more = history.more_edits(item)
    return said + ([md_text(more)] if more else [])


def _md_edits(item: dict) -> list[str]:
    """A changed text's edits (`_md_edit_words`), one nested list item each."""
    return [f"  - {words}" for words in _md_edit_words(item)]


def _md_changes(changes: dict | None) -> list[str]:
    """The changes the latest recorded run found, as a Markdown list under a heading naming
    that run, and the crawls since it, as the HTML has them (nothing before any run)."""
    if not changes:
        return []
    if changes["first_run"]:
        found = [FIRST_RUN]
    elif not changes["count"]:
        found = [f"{md_text(compared_with(changes))}: nothing changed."]
    else:
        found = [f"{md_text(compared_with(changes))}:", "", *_md_change_items(changes)]
    numbers = [line for item in changes.get("numbers_changed") or []
               for line in (f"- {md_link(item['url'])} (+{item['words_added']} / -{item['words_removed']} words)",
                            *_md_edits(item))]
    numbers = ["", md_text(NUMBERS_ONLY), "", *numbers] if numbers else []
    since = ["", md_text(crawls_since(changes))] if changes["crawls_since"] else []
    odd = [line for said in unreadable_words(changes) for line in (md_text(said), "")]
    weak = _md_weak_failures(changes)
    return [f"## Changes found by {md_text(run_named(changes))}", "", *odd, *found, *numbers, *weak, *since, ""]


def _md_weak_failures(changes: dict) -> list[str]:
    """The sources failed once on weak evidence and those live again after it (history's
    WEAK_FAILURES), each list under its lead, below the changes as the numbers changed: said,
    not counted (none in a run recorded before them)."""
    lines = []
    for key, words in history.WEAK_FAILURES:
        items = [f"- {md_link(item['url'])} ({md_text(history.failed_change(item))})"
                 for item in changes.get(key) or []]
        lines += ["", md_text(f"{words[0].upper()}{words[1:]}:"), "", *items] if items else []
    return lines


# What struck and bold words mean, said once before the first section that can hold them (the
# changes' edits, then the footnote tables' diffs, then the history's edits), for both uses: the
# HTML says them under its changes, above its footnote tables and its history per source.
MD_LEGEND = ("In the diffs, ~~struck~~ words are in the source but not in the quote, **bold** ones in the quote only; "
             "in a changed text (the changes and the history per source), ~~struck~~ words were removed, "
             "**bold** ones added.")


def write_md(data: dict, out) -> None:
    """A Markdown report: the summary, the changes the latest run found, a table per document,
    the history per source, link rot per domain and over time; of a database no document was
    ingested into, the sentence that says so (NO_DOCUMENT)."""
    s, footnotes = data["summary"], footnote_verdicts(data["summary"])
    title = ["# citewatch report", "", f"Generated {data['generated_at']}; report schema {data['schema_version']}.", ""]
    if holds_nothing(s):
        out.writelines(line + "\n" for line in [*title, "{} (`{}`).".format(*NO_DOCUMENT)])
        return
    head = [*title,
            f"- Sources: {s['sources']} — "
            + ", ".join(f"{md_text(class_label(k))} {v}" for k, v in s["sources_by_class"].items()),
            "- States: " + ", ".join(f"{md_text(k)} {v}" for k, v in s["sources_by_state"].items()),
            "- Quotes by verdict: " + ", ".join(f"{md_text(k)} {v}" for k, v in s["quotes_by_verdict"].items()),
            *(["- Footnotes by verdict: " + ", ".join(f"{md_text(k)} {v}" for k, v in footnotes.items())]
              if footnotes else []),
            f"- Rescued by the archive: {s['rescued_by_archive']}; dead and unrecoverable: {s['dead_unarchived']}; "
            f"failing, no archived copy yet: {s['failing_unarchived']}",
            f"- {crawls_kept(s)}", "", MD_LEGEND, ""]
    out.writelines(line + "\n" for line in head + _md_changes(data["changes"]))
    printed: dict[int, str] = {}
    compared: set[int] = set()   # the statements whose comparison with another compilation is shown
    for doc in data["documents"]:
        out.writelines(line + "\n" for line in [
            f"## {md_text(document_heading(doc))}", "",
            "| # | Statement | Citation | Live | State | Memento | Saved | Verdict | Tweet |",
            "|---|---|---|---|---|---|---|---|---|"])
        for f in doc["footnotes"]:
            keep_printed(printed, f)
            out.write(_md_row(f, compared) + "\n")
        out.write("\n")
    out.writelines(line + "\n" for line in MD_HISTORY_HEAD)
    out.writelines(_md_history_row(source, printed) + "\n" for source in data["sources"])
    tail = ["", "## Link rot per domain", "", "| Host | Checked | Failing or dead | Of them dead | Rot rate |", "|---|---|---|---|---|"]
    tail += [f"| {md_text(d['host'])} | {d['checked']} | {d['failing']} | {d['dead']} | {d['rot_rate'] * 100:.0f} % |"
             for d in data["link_rot"]["by_domain"]]
    over_time = data["link_rot"]["over_time"]
    note = (["A *resolve* run checked only the tweets handles resolved to, not the web sources a *crawl* checks.", ""]
            if any(t["run_kind"] == "resolve" for t in over_time) else [])
    tail += ["", "## Link rot over time", "", *note,   # the columns of the HTML report's table
             "| Crawl | Run | Started | Checked in the crawl | Sources known | Rotten | Rot rate |",
             "|---|---|---|---|---|---|---|"]
    tail += [f"| {t['crawl_id']} | {md_text(t['run_kind'])} | {md_text(t['at'])} | {t['checked_in_crawl']} | {t['known']} "
             f"| {t['rotten']} | {t['rot_rate'] * 100:.0f} % |" for t in over_time]
    out.writelines(line + "\n" for line in tail)


MD_HISTORY_HEAD = ("## History per source", "",
                   "Each source across every crawl kept: its changes of state, of text and the mementos found.", "",
                   "| Source | State | First seen | Last seen live | First failing | First dead | Checks | Events |",
                   "|---|---|---|---|---|---|---|---|")


def event_detail(event: dict) -> str:
    """What a failing or dead event adds to its name, in every format: the answer the page
    gave, and the dead rule it was declared by (a reader under other dead_after_* settings
    sees why it was dead then)."""
    if event["event"] not in ("failing", "dead"):
        return ""
    said = [f"{event['class']}{' ' + str(event['status']) if event.get('status') else ''}"]
    if event.get("rule"):
        said.append(f"declared at {event['rule']['dead_after_checks']} failing checks at least "
                    f"{event['rule']['dead_after_days']:g} days apart")
    return f"({'; '.join(said)})"


def event_named(event: dict) -> str:
    """An event of a source's history by name, in every format: a text back to the page's first
    wording is said as restored, as the run's changes say it (history.RESTORED), not as the
    content change it also is."""
    return f"{history.RESTORED} ({history.RESTORED_HOW})" if event.get("restored") else event["event"]


def _md_event(event: dict) -> str:
    """One event of a source's history on one line, as the HTML's list item says it: a changed
    text with its edits after a colon, MD_PART between them (a table cell holds no list)."""
    words = f"{md_text(utc_minute(event['at'], zone=False))} {md_text(event_named(event))}"
    if event["event"] in TEXT_EVENTS:
        words += f" (+{event['words_added']} / -{event['words_removed']} words)"
        if edits := _md_edit_words(event):
            words += ": " + MD_PART.join(edits)
    if detail := event_detail(event):
        words += " " + md_text(detail)
    if event["event"] in ("memento", "saved"):
        words += " " + md_link(event["memento_url"], event["timestamp"])
    return words


def _md_history_row(source: dict, printed: dict) -> str:
    """One source's history as a row: its milestones' days, and its events but first-seen
    (a column of its own) in one cell, so that 42 sources read as 42 rows."""
    h = source["history"]
    cells = [md_link(source["url"]) if source["url"] else md_text(printed.get(source["id"]) or source["key"]),
             md_text(source["state_label"]),
             *(md_text((h[key] or "")[:10]) for key in ("first_seen", "last_live", "first_failing", "first_dead")),
             str(len(h["checks"])),
             "; ".join(_md_event(e) for e in h["events"] if e["event"] != "first-seen")]
    return "| " + " | ".join(cells) + " |"


def _md_statement(statement: dict | None) -> str:
    """The statement cell: who, when, and the whole quote (as the CSV and JSON have it; the
    verdict's diff shows only the words it compared, normalised), then what ingest found
    (a footnote lost), each on a line of its own (`_md_flags`)."""
    st = statement or {}
    who = ", ".join(filter(None, [md_text(st.get("entity")), md_text(st.get("date"))]))
    quote = md_text(st.get("quote"))
    return ": ".join(filter(None, [who, f"“{quote}”" if quote else ""])) + _md_flags(statement_flag_words(statement))


# What sets a cell's further parts apart in a Markdown table (a flag after the quote, the
# comparison with another compilation after the verdict): a cell holds no line break, and
# `<br>` is HTML that not every Markdown renderer passes (some print it, some drop it).
MD_PART = " · "


def _md_flags(words: list[str]) -> str:
    """Flags in plain words, each in parentheses after a cell's text (MD_PART), as the HTML
    shows them below it; "" without any."""
    return "".join(f"{MD_PART}({md_text(w)})" for w in words)


def _md_statement_verdict(f: dict) -> str:
    """Before a footnote's own verdict, its statement's when that is another (a statement citing
    several footnotes: the best over all of them)."""
    overall = f["statement_verdict"]
    if not overall or overall == f["verdict"]:
        return ""
    return f"statement: {md_text(overall['verdict'])}; this footnote: "


def _md_diff(ops) -> str:
    """A word diff in Markdown: ~~struck~~ words in the source only, **bold** ones in the quote only."""
    return " ".join({"delete": f"~~{md_text(chunk)}~~", "insert": f"**{md_text(chunk)}**"}.get(op, md_text(chunk))
                    for op, chunk in ops or [])


def compilation_words(compilation: dict) -> str:
    """Whom an article's quote was compared with, as the reports lead its comparison: "against
    Italy (document 1)"."""
    other = compilation.get("compared_with") or {}
    return f"against {other.get('entity') or 'another compilation'} (document {other.get('document_id')})"


def _md_compilation(compilation: dict | None) -> str:
    """The comparison with another compilation of the statement, after the verdict (MD_PART)
    as the HTML has it below, with its word diff; "" when there is none (and on the
    statement's other rows: it is given on its first)."""
    if not compilation:
        return ""
    diff = _md_diff(compilation.get("diff"))
    return (f"{MD_PART}{md_text(compilation_words(compilation))}: {md_text(compilation['verdict'])}"
            + (f": {diff}" if diff else ""))


def _md_row(f: dict, compared: set[int]) -> str:
    """One footnote as a row of its document's Markdown table.  The comparison with another
    compilation is the statement's: shown on its first row only (`compared`, the statements
    already shown), not once per footnote it cites."""
    live, memento, saved = f["live"] or {}, f["memento"], f["saved"]
    cells = [
        md_text(footnote_label(f)),
        _md_statement(f["statement"]),
        (md_link(f["url"]) if f["url"] else md_text(f["handle"] or f["printed"])) + _md_flags(citation_flag_words(f)),
        " ".join(filter(None, [md_text(live.get("class")), md_text(live.get("status")),
                               md_link(live["final_url"]) if live.get("final_url") not in (None, f["url"]) else "",
                               md_text(report_data.unfetched_label(f))])),
        md_text(f["state_label"]),
        md_link(memento["url"], (memento["date"] or memento["timestamp"])[:10]) if memento else "",
        md_link(saved["memento_url"], "capture") if saved and saved["memento_url"] else md_text((saved or {}).get("status")),
        _md_statement_verdict(f) + _md_verdict(f["verdict"]) + _md_flags(stale_words(f))
        + _md_compilation(compilation_once(f, compared)),
        md_link(f["resolved"]["url"]) if f["resolved"] else "",
    ]
    return "| " + " | ".join(cells) + " |"



def compilation_once(f: dict, compared: set[int]) -> dict | None:
    """The row's comparison with another compilation if its statement's is not shown yet."""
    sid = (f["statement"] or {}).get("id")
    if not f["compilation"] or sid in compared:
        return None
    compared.add(sid)
    return f["compilation"]


def footnote_label(f: dict):
    """How the Markdown and CSV reports name a footnote row: its `footnote` where the seq does
    not name it (an annex's "1 of Annex II", a quote list's row id), else its seq."""
    return f["seq"] if f["footnote"] is None else f["footnote"]


CSV_COLUMNS = ("document_id", "footnote", "entity", "statement_date", "quote", "printed", "url_printed", "url",
               "handle", "source_id", "live_class", "http_status", "final_url", "checked_at", "state", "state_label",
               "state_since", "memento_url", "memento_date", "saved_status", "saved_memento_url", "verdict", "score",
               "diff", "resolved_url", "verdict_reason", "text_origin", "text_memento_date", "text_url", "drift",
               "drift_memento_date", "drift_memento_verdict", "drift_live_verdict", "text_read_at", "drift_read_at",
               "drift_read_verdict", "statement_verdict", "compilation_verdict", "compilation_score",
               "compilation_reason", "compilation_diff", "compared_with", "statement_flags", "citation_flags",
               "verdict_stale_since", "fetch_id", "body_sha256", "warc_path", "warc_offset", "in", "added_since",
               "entity_match", "borrowed")


def csv_rows(data: dict):
    """One dict per citation (and per statement without one), keyed by CSV_COLUMNS.

    The comparison with another compilation is the statement's, like its quote and its
    verdict, and is on each of its rows, as in the JSON: a CSV row is read alone (sorted,
    filtered)."""
    for doc in data["documents"]:
        for f in doc["footnotes"]:
            st, live, memento, saved, verdict = (f["statement"] or {}, f["live"] or {}, f["memento"] or {},
                                                  f["saved"] or {}, f["verdict"] or {})
            yield {"document_id": doc["id"], "footnote": footnote_label(f), "entity": st.get("entity"),
                   "statement_date": st.get("date"), "quote": st.get("quote"), "printed": f["printed"],
                   "url_printed": f["url_printed"], "url": f["url"], "handle": f["handle"], "source_id": f["source_id"],
                   "live_class": live.get("class"), "http_status": live.get("status"), "final_url": live.get("final_url"),
                   "checked_at": live.get("checked_at"), "state": f["state"], "state_label": f["state_label"],
                   "state_since": f["state_since"], "memento_url": memento.get("url"), "memento_date": memento.get("date"),
                   "saved_status": saved.get("status"), "saved_memento_url": saved.get("memento_url"),
                   "verdict": verdict.get("verdict"), "score": verdict.get("score"), "diff": verdict.get("diff"),
                   "resolved_url": (f["resolved"] or {}).get("url"), **_csv_verdict_text(verdict),
                   "statement_verdict": (f["statement_verdict"] or {}).get("verdict"),
                   **_csv_compilation(f["compilation"] or {}),
                   # the flags' names as stored (JSON lists), empty without any
                   "statement_flags": st.get("flags") or None, "citation_flags": f["flags"] or None,
                   "verdict_stale_since": f["verdict_stale_since"],
                   **{key: live.get(key) for key in ("fetch_id", "body_sha256", "warc_path", "warc_offset")},
                   "in": verdict.get("in"), "added_since": verdict.get("added_since"),
                   **{key: _csv_flag((f["compilation"] or {}).get(key)) for key in ("entity_match", "borrowed")}}


def _csv_flag(value: bool | None) -> str | None:
    """A yes or no of the JSON as every CSV writes one (search's `superseded`): `true` or
    `false`, empty when unknown (an article's quote naming no speaker) or not applying."""
    return None if value is None else json.dumps(value)


def _csv_compilation(compilation: dict) -> dict:
    """The CSV's comparison with another compilation of the statement (empty without one): its
    verdict, score and reason, its diff and the other statement as the JSON gives them."""
    return {"compilation_verdict": compilation.get("verdict"), "compilation_score": compilation.get("score"),
            "compilation_reason": compilation.get("reason"), "compilation_diff": compilation.get("diff"),
            "compared_with": compilation.get("compared_with")}


def _csv_verdict_text(verdict: dict) -> dict:
    """The CSV's last columns: the verdict's reason, the text it rests on and the content
    drift (dates as ISO 8601, not 14 digits a spreadsheet would turn into a number)."""
    drift = _drift(verdict)
    return {"verdict_reason": verdict.get("reason"), "text_origin": verdict.get("text_origin"),
            "text_memento_date": report_data.memento_date(verdict.get("text_memento_timestamp")),
            "text_url": verdict.get("text_url"), "drift": drift.get("kind"),
            "drift_memento_date": report_data.memento_date(drift.get("memento_timestamp")),
            "drift_memento_verdict": drift.get("memento_verdict"), "drift_live_verdict": drift.get("live_verdict"),
            "text_read_at": _rests_on(verdict).get("read_at"), "drift_read_at": drift.get("read_at"),
            "drift_read_verdict": drift.get("read_verdict")}


def write_csv(data: dict, out) -> None:
    """One row per citation, through the CSV writer every command's CSV goes through
    (export.write_csv: its line ends, its formula guard)."""
    export.write_csv(out, csv_rows(data), CSV_COLUMNS)


def _streamed(value) -> bool:
    """Whether a value holds `report_data.Rows` (to be written item by item)."""
    if isinstance(value, report_data.Rows):
        return True
    if isinstance(value, dict):
        return any(_streamed(v) for v in value.values())
    return isinstance(value, list) and any(_streamed(v) for v in value)


def _write_json(value, out, level: int) -> None:
    """`value` as `json.dumps(value, indent=2)` would lay it out at nesting `level`, streaming
    its `Rows` one item at a time (JSON strings never hold a raw newline, so re-indenting
    json.dumps' lines is safe)."""
    if not _streamed(value):
        out.write(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level))
        return
    inner = "\n" + "  " * (level + 1)
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    empty = True
    for key, item in items:
        out.write((opening if empty else ",") + inner + ("" if key is None else json.dumps(key, ensure_ascii=False) + ": "))
        _write_json(item, out, level + 1)
        empty = False
    out.write(opening + closing if empty else "\n" + "  " * level + closing)


def write_json(data: dict, out) -> None:
    """The whole state, as documented in docs/report-schema.md."""
    _write_json(data, out, 0)
    out.write("\n")


def footnote_verdicts(summary: dict) -> dict | None:
    """`summary.footnotes_by_verdict` where it says more than `quotes_by_verdict` (a statement
    citing several footnotes whose own verdicts differ, a statement no footnote cites), else
    None: for a letter of one footnote per statement it is the same table twice."""
    counts = summary["footnotes_by_verdict"]
    return None if counts == summary["quotes_by_verdict"] else counts


def status_tables(data: dict) -> list:
    """The summary as rich tables for the terminal (`citewatch status`)."""
    s = data["summary"]
    overview = Table(terminal.text("figure"), terminal.count("count"), title="citewatch status")
    for label, key in (("documents", "documents"), ("quotes", "statements"), ("citations", "citations"),
                       ("sources", "sources"), ("rescued by the archive", "rescued_by_archive"),
                       ("dead and unrecoverable", "dead_unarchived"),
                       ("failing, no archived copy yet", "failing_unarchived"),
                       ("crawls of the sources", "source_crawls")):
        overview.add_row(label, str(s[key]))
    # (not "archive and resolve runs": a run that had nothing to look up leaves no crawl row)
    overview.add_row("crawls of archived copies and posts", str(s["crawls"] - s["source_crawls"]))
    tables = [overview]
    classes = {class_label(cls): count for cls, count in s["sources_by_class"].items()}
    for title, counts in (("sources by state", s["sources_by_state"]), ("sources by class", classes),
                          ("quotes by verdict", s["quotes_by_verdict"]),
                          ("footnotes by verdict", footnote_verdicts(s))):
        if counts is None:
            continue
        table = Table(terminal.key(title.split(" by ")[1]), terminal.count("count"), title=title)
        for key, count in counts.items():
            table.add_row(key, str(count))
        tables.append(table)
    return tables


def flag_tables(db) -> list:
    """What ingest found, per document, as a table for `citewatch status`: how many statements
    and citations carry each flag the HTML and Markdown reports say in words
    (STATEMENT_FLAG_WORDS, CITATION_FLAG_WORDS: the others, such as confirmed-by-link-target,
    say nothing a reader needs), with those words; no table when none carries one."""
    order = {("statements", flag): i for i, flag in enumerate(STATEMENT_FLAG_WORDS)}
    order |= {("citations", flag): len(order) + i for i, flag in enumerate(CITATION_FLAG_WORDS)}
    counts = report_data.flag_counts(db, STATEMENT_FLAG_WORDS, CITATION_FLAG_WORDS)
    if not counts:
        return []
    table = Table(terminal.key("document"), terminal.key("flag"), terminal.count("count"), terminal.key("of"),
                  terminal.text("meaning"), title="flags ingest found")
    words = {"statements": STATEMENT_FLAG_WORDS, "citations": CITATION_FLAG_WORDS}
    for row in sorted(counts, key=lambda r: (r["document_id"], order[(r["of"], r["flag"])])):
        table.add_row(str(row["document_id"]), row["flag"], str(row["count"]), row["of"], words[row["of"]][row["flag"]])
    return [table]


WRITERS = {"html": write_html, "md": write_md, "csv": write_csv, "json": write_json}


def render(data: dict, fmt: str) -> str:
    """The report data in one format, as a string (what `write` puts in the file)."""
    buffer = io.StringIO()
    WRITERS[fmt](data, buffer)
    return buffer.getvalue()


def default_path(config, fmt: str) -> Path:
    """Where a report goes without -o: report.<ext> in the data directory."""
    return config.data_path / f"report.{fmt}"


def write(db, config, fmt: str = "html", path: str | Path | None = None, document_id: int | None = None) -> Path:
    """Write the report in `fmt` to `path` (default: the data dir) as its rows are read."""
    data = report_data.stream(db, document_id=document_id, database_path=config.db_path, config=config)
    target = Path(path) if path else default_path(config, fmt)
    with output_file(target, newline="" if fmt == "csv" else None) as out:   # (CSV: its own line ends)
        WRITERS[fmt](data, out)
    return target
