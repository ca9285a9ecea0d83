"""Reports: one query layer, four formats, every byte from the web escaped."""

import base64
import csv
import hashlib
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest

from crawler import export, reconcile, report, report_data
from crawler.cli import cli
from tests.factories import Factory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def letter(db):
    return reconciled_letter(db)


def reconciled_letter(db) -> dict:
    """The factory letter (tests/factories.py `letter`) with its dead source's overall check
    naming the memento text it rests on (`evidence.text`), as reconcile writes it: the report
    takes each field of a verdict from that one row (report_data `_verdict_of`), never the
    text of another row of the statement."""
    ids = Factory(db).letter()
    memento = next(db["texts"].rows_where("source_id = ? and origin = 'memento'", [ids["dead"]["source"]]))
    db.execute("update quote_checks set evidence = ? where statement_id = ? and scope = 'overall'",
               [json.dumps({"text": reconcile._text_ref(memento)}), ids["dead"]["statement"]])
    db.conn.commit()
    return ids


def _footnotes(data):
    return {f["seq"]: f for d in data["documents"] for f in d["footnotes"]}


def test_report_data_summarises_what_the_stages_stored(db, letter):
    data = report_data.build(db)
    s = data["summary"]
    assert data["schema_version"] == report_data.SCHEMA_VERSION
    assert (s["documents"], s["statements"], s["citations"], s["sources"]) == (1, 4, 4, 4)
    assert s["sources_by_class"] == {"live": 1, "client-error": 1, "timeout": 1, "handle": 1}
    assert s["quotes_by_verdict"] == {"verbatim": 1, "altered": 1, "unverifiable": 1, "unchecked": 1}
    # the dead source has a memento, the failing one has none
    assert (s["rescued_by_archive"], s["unrecoverable"]) == (1, 1)
    rows = _footnotes(data)
    assert rows[3]["state_label"] == "failing (1 check)" and rows[3]["live"]["class"] == "timeout"
    assert rows[2]["state_label"] == "dead since 2026-01-02"
    assert rows[2]["memento"]["date"] == "2020-04-01T09:30:00+00:00"
    assert rows[2]["verdict"]["diff"][1] == ["delete", "strongly"]
    assert rows[2]["verdict"]["text_origin"] == "memento"
    assert rows[1]["saved"]["memento_url"].startswith("https://web.archive.org/web/20260102000000/")
    assert rows[1]["url_printed"].endswith("/ news/statement-1") and rows[1]["url"].endswith("/news/statement-1")
    assert rows[4]["resolved"]["url"] == "https://twitter.com/mfa_latvia/status/1245"
    assert rows[4]["statement"]["entity"] == "Latvia"


def test_failing_label_counts_consecutive_failing_checks(db, letter):
    f = Factory(db)
    source = letter["failing"]["source"]
    f.fetch(f.crawl("2026-01-05T00:00:00+00:00"), source, "connection-error", status=None)
    rows = _footnotes(report_data.build(db))
    assert rows[3]["state_label"] == "failing (2 checks)"
    f.fetch(f.crawl("2026-01-06T00:00:00+00:00"), source, "live", text="Austria supports a ceasefire.")
    f.fetch(f.crawl("2026-01-07T00:00:00+00:00"), source, "dns-failure", status=None)
    assert _footnotes(report_data.build(db))[3]["state_label"] == "failing (1 check)"


def test_failing_label_uses_the_state_machines_count_when_it_has_one(db, letter):
    f = Factory(db)
    source = letter["failing"]["source"]
    for day in (3, 4):  # two more failing checks, but the state machine counts only checks days apart
        f.fetch(f.crawl(f"2026-01-0{day}T00:00:00+00:00"), source, "timeout", status=None)
    db["sources"].update(source, {"failing_checks": 2, "state_reason": "failing (2 checks, weak evidence): timeout"})
    row = _footnotes(report_data.build(db))[3]
    assert row["state_label"] == "failing (2 checks)" and row["state_since"] == "2026-01-02T00:00:00+00:00"
    assert row["state_reason"].startswith("failing (2 checks, weak evidence)")


def test_html_report_is_self_contained_with_robust_links_and_chart(db, letter):
    html = report.render(report_data.build(db), "html")
    tree = lxml.html.fromstring(html)
    # no external assets: nothing is loaded from anywhere
    assert not tree.xpath("//*[@src]") and not tree.xpath("//link")
    scripts = tree.xpath("//script")
    assert len(scripts) == 1
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    cited = tree.xpath("//a[@data-versionurl and @href='https://dead.example.org/news/statement-2']")[0]
    assert cited.get("data-versiondate") == "2020-04-01T09:30:00+00:00"
    memento = tree.xpath("//a[@data-originalurl]")[0]
    assert memento.get("data-originalurl") == "https://dead.example.org/news/statement-2"
    assert memento.get("data-versionurl") == memento.get("href")
    assert memento.get("data-versiondate") == "2020-04-01T09:30:00+00:00"
    bars = tree.xpath("//svg//rect")
    assert {r.xpath("string(title)") for r in bars} >= {"live: 1", "client-error: 1", "timeout: 1"}
    row = tree.xpath("//table[contains(@class,'footnotes')]/tbody/tr")[1]
    assert row.get("data-state") == "dead" and row.get("data-verdict") == "altered"
    assert row.xpath(".//del/text()") == ["strongly"] and row.xpath(".//ins/text()") == ["condemns"]
    assert "failing (1 check)" in html and "failing since 2026-01-02" in html
    assert tree.xpath("//a[@href='https://twitter.com/mfa_latvia/status/1245']")


HOSTILE = '<script>alert(1)</script>'
ATTR_BREAK = 'https://evil.example/"><img src=x onerror=alert(2)>'
NO_SPACE_BREAK = 'https://evil.example/"><svg/onload=alert(10)>'


def _poison(db):
    """Web bytes that try to run script: in a title, a text, a URL, a diff, a host, a footnote."""
    f = Factory(db)
    doc = f.document(title=HOSTILE)
    statement = f.statement(doc, 1, f"Entity {HOSTILE}", f"Quote {HOSTILE}", date="2020-03-31")
    # a quote long enough to be shown in a <details> of its own (the whole of it in its <summary>)
    f.statement(doc, 2, f"Entity {HOSTILE}", f"Quote {HOSTILE} {'and more words ' * 20}</summary>{HOSTILE}")
    source = f.source(ATTR_BREAK)
    f.db["sources"].update(source, {"host": "<b>host</b>"})
    f.citation(doc, statement, 1, source, url="javascript:alert(3)", printed=f"1 {HOSTILE}",
               resolved_url="javascript:alert(4)", repairs=json.dumps([HOSTILE]))
    crawl = f.crawl("2026-01-02T00:00:00+00:00")
    f.fetch(crawl, source, "client-error", status=404, final_url='javascript:alert(5)//"onmouseover="alert(6)',
            reason=HOSTILE, title=HOSTILE)
    f.snapshot(source, "20200401000000")
    f.db["snapshots"].update(1, {"memento_url": "javascript:alert(7)"})
    f.save_job(source, memento_url='" onclick="alert(8)', last_error=HOSTILE)
    f.check(statement, f"altered{HOSTILE}", diff=[["delete", HOSTILE], ["insert", '"><svg onload=alert(9)>']],
            reason=HOSTILE)
    crawl2 = f.crawl("2026-01-03T00:00:00+00:00")
    f.fetch(crawl2, source, "live", text=f"text {HOSTILE}", title=HOSTILE, final_url=NO_SPACE_BREAK)
    return doc


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "section", "div", "b", "ul", "li",
                "span", "svg", "text", "rect", "polyline", "circle", "line", "table", "thead", "tbody", "tr", "th", "td", "a",
                "del", "ins", "br", "label", "input", "select", "option", "script", "details", "summary", "caption"}


def test_html_report_is_inert_whatever_the_web_sent(db):
    _poison(db)
    data = report_data.build(db)
    html = report.render(data, "html")
    tree = lxml.html.fromstring(html)
    tags = {el.tag.split("}")[-1] for el in tree.iter() if isinstance(el.tag, str)}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert len(tree.xpath("//script")) == 1 and tree.xpath("//script")[0].text.startswith("// Sorting")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], lxml.html.tostring(el)
        for attr in ("href", "data-versionurl", "data-originalurl"):
            value = el.get(attr)
            assert value in (None, "") or re.match(r"https?://", value), (attr, value)
    assert "javascript:" not in "".join(tree.xpath("//@href"))
    assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert tree.xpath("//details[@class='quote']/summary/span/text()")[0].endswith(f"</summary>{HOSTILE}")
    assert "<img" not in html and "<svg onload" not in html and "<svg/onload" not in html
    # an http(s) URL that tries to break out of its attribute stays inside it
    assert tree.xpath("//a/@href").count(NO_SPACE_BREAK) >= 1


def test_markdown_and_csv_reports_are_inert_too(db):
    _poison(db)
    data = report_data.build(db)
    md = report.render(data, "md")
    assert "<script" not in md and "<img" not in md and "<svg" not in md
    assert "](javascript:" not in md
    assert "&lt;script&gt;" in md
    # the one link the hostile URL may become keeps its quote and brackets encoded
    links = re.findall(r"\]\(([^)]*)\)", md)
    assert links and all(re.match(r"https?://", u) and '"' not in u and "<" not in u for u in links)
    rows = list(csv.DictReader(io.StringIO(report.render(data, "csv"))))
    assert rows[0]["entity"] == f"Entity {HOSTILE}"
    assert export.csv_cell("=HYPERLINK(\"http://x\")").startswith("'=")
    assert export.csv_cell("@SUM(1)") == "'@SUM(1)" and export.csv_cell("plain") == "plain"


def test_csv_has_one_row_per_citation(db, letter):
    rows = list(csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv"))))
    assert [r["footnote"] for r in rows] == ["1", "2", "3", "4"]
    assert tuple(rows[0]) == report.CSV_COLUMNS
    documented = (ROOT / "docs" / "report-schema.md").read_text().split("## The CSV report")[1]
    assert all(f"`{column}`" in documented for column in report.CSV_COLUMNS)
    assert rows[1]["live_class"] == "client-error" and rows[1]["http_status"] == "404"
    assert rows[1]["memento_url"].startswith("https://web.archive.org/web/20200401093000/")
    assert json.loads(rows[1]["diff"])[2] == ["insert", "condemns"]
    assert rows[2]["state_label"] == "failing (1 check)"


def _documented_fields():
    text = (ROOT / "docs" / "report-schema.md").read_text()
    return set(re.findall(r"^\s*\|\s*`([a-z_0-9.\[\]]+)`", text, re.M)), text


def _paths(value, prefix=""):
    """Every key path in the JSON report, lists written as [] (documents[].footnotes[].seq)."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            if key not in ("evidence", "resolution"):  # free-form objects from the stages
                yield from _paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from _paths(item, prefix + "[]")


def test_json_report_fields_are_all_documented(db, letter):
    f = Factory(db)
    f.snapshot(letter["live"]["source"], "20260102000000", saved=True)
    article = f.document(title="News article", kind="article")
    quoted = f.statement(article, 1, "Estonia", "Estonia condemns the use of force.", footnote=None)
    f.check(quoted, "altered", score=80, scope="compilation", diff=[["equal", "Estonia condemns"]],
            evidence=json.dumps({"compared_with": {"statement_id": letter["dead"]["statement"]}}))
    from crawler import history

    history.record_run(db)
    data = json.loads(report.render(report_data.build(db), "json"))
    documented, text = _documented_fields()
    skip = ("summary.sources_by_class.", "summary.sources_by_state.", "summary.quotes_by_verdict.",
            "summary.footnotes_by_verdict.")
    missing = {p for p in _paths(data) if not p.startswith(skip)} - documented
    assert not missing, f"fields not in docs/report-schema.md: {sorted(missing)}"
    assert f"Schema version: {report_data.SCHEMA_VERSION}" in text


def test_every_footnote_row_has_the_footnote_key(db, letter):
    """A script reading `row["footnote"]` from the JSON report (or pandas building one column
    from the rows) finds it on every row, in the same place: null on a letter's rows, whose
    seq names the footnote, and the row's id on a quote list's; before, a letter's rows left
    the key out and `row["footnote"]` raised KeyError on them, while the CSV's column and the
    Markdown table still name the letter's footnote by its seq."""
    f = Factory(db)
    listed = f.document(title="quotes.csv", kind="quotes")
    statement = f.statement(listed, 1, "Estonia", "Estonia condemns the use of force.")
    f.citation(listed, statement, 1, url="https://example.org/a", kind="web")
    db["quote_rows"].insert({"document_id": listed, "row_key": "-2", "statement_id": statement, "sha256": "x",
                             "source": "https://example.org/a", "updated_at": "2026-01-01T00:00:00+00:00"})
    data = json.loads(report.render(report_data.build(db), "json"))
    rows = [row for d in data["documents"] for row in d["footnotes"]]
    assert [list(row)[:2] for row in rows] == [["footnote", "citation_id"]] * len(rows)
    assert [row["footnote"] for row in rows] == [None, None, None, None, "-2"]
    csv_rows = list(csv.DictReader(io.StringIO(report.render(report_data.build(db), "csv"))))
    assert [row["footnote"] for row in csv_rows] == ["1", "2", "3", "4", "'-2"]
    assert "| 1 |" in report.render(report_data.build(db), "md")


def test_report_command_writes_each_format(runner, db_path, db, letter, tmp_path):
    data_dir = tmp_path / "data"
    for fmt in ("html", "md", "csv", "json"):
        result = runner.invoke(cli, ["report", "--db", str(db_path), "--data-dir", str(data_dir), "--format", fmt],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert (data_dir / f"report.{fmt}").stat().st_size > 200
    out = tmp_path / "elsewhere" / "r.json"
    out.parent.mkdir()   # an -o folder is not made (a typo in its name would go unnoticed)
    result = runner.invoke(cli, ["report", "--db", str(db_path), "--format", "json", "-o", str(out),
                                 "--document", str(letter["document"])], catch_exceptions=False)
    assert result.exit_code == 0 and json.loads(out.read_text())["summary"]["citations"] == 4
    result = runner.invoke(cli, ["report", "--db", str(db_path), "--document", "99"])
    assert result.exit_code == 1 and "--document 99: no such document" in result.output


def test_report_for_one_document_keeps_only_its_sources(db, letter):
    f = Factory(db)
    other = f.document(title="News article", kind="article")
    statement = f.statement(other, 1, "Chile", "Chile supports the call.")
    source = f.source("https://chile.example.org/a")
    f.citation(other, statement, 1, source, url="https://chile.example.org/a")
    data = report_data.build(db, document_id=other)
    assert [d["title"] for d in data["documents"]] == ["News article"]
    assert [s["url"] for s in data["sources"]] == ["https://chile.example.org/a"]
    assert data["summary"]["citations"] == 1
    assert [d["host"] for d in data["link_rot"]["by_domain"]] == [] and data["link_rot"]["over_time"] == []
    f.fetch(f.crawl("2026-01-03T00:00:00+00:00"), source, "live", text="Chile supports the call.")
    data = report_data.build(db, document_id=other)
    assert [(d["host"], d["checked"]) for d in data["link_rot"]["by_domain"]] == [("chile.example.org", 1)]
    assert [r["known"] for r in data["link_rot"]["over_time"]] == [1]


def test_status_command_prints_the_summary(runner, db_path, db, letter):
    result = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False)
    assert result.exit_code == 0
    for words in ("citewatch status", "client-error", "altered", "unverifiable", "failing"):
        assert words in result.output


def test_empty_database_reports_without_error(db):
    data = report_data.build(db)
    assert data["summary"]["sources"] == 0 and data["documents"] == []
    for fmt in report.FORMATS:
        assert report.render(data, fmt)


def test_markdown_lists_the_changes_since_the_previous_run(db, letter):
    from crawler import history

    history.record_run(db)
    assert "Changes since" not in report.render(report_data.build(db), "md")  # nothing to compare with yet
    f = Factory(db)
    f.fetch(f.crawl("2026-01-09T00:00:00+00:00"), letter["failing"]["source"], "live", text="Austria supports peace.")
    db["sources"].update(letter["failing"]["source"], {"state": "live"})
    history.record_run(db)
    md = report.render(report_data.build(db), "md")
    assert "- recovered: [https://failing.example.org/news/statement-3](https://failing.example.org/news/statement-3)" in md


def test_html_shows_drift_misattribution_and_the_other_compilation(db, letter):
    f = Factory(db)
    evidence = {"text": {"origin": "memento", "memento_timestamp": "20200401093000", "url": "https://x.example/a"},
                "drift": {"memento_timestamp": "20200401093000", "memento_verdict": "verbatim"},
                "misattribution": [{"verdict": "verbatim", "url": "https://elsewhere.example/b"}]}
    db["quote_checks"].update(1, {"evidence": json.dumps(evidence)})
    article = f.document(title="News article", kind="article")
    quoted = f.statement(article, 1, "Estonia", "Estonia condemns force.", footnote=None)
    f.check(quoted, "altered", score=70, scope="compilation", diff=[["delete", "the use of"], ["insert", "force."]],
            evidence=json.dumps({"compared_with": {"statement_id": letter["dead"]["statement"], "document_id": 1,
                                                   "entity": "Estonia", "seq": 2, "footnote": 2}}))
    data = report_data.build(db)
    first = data["documents"][0]["footnotes"][0]["verdict"]
    assert (first["text_origin"], first["text_memento_timestamp"]) == ("memento", "20200401093000")
    tree = lxml.html.fromstring(report.render(data, "html"))
    rows = tree.xpath("//table[contains(@class,'footnotes')]/tbody/tr")
    assert "content drift" in rows[0].text_content() and "possible misattribution" in rows[0].text_content()
    compared = tree.xpath("//div[@class='compilation']")
    assert len(compared) == 1 and "against Estonia (document 1)" in " ".join(compared[0].text_content().split())
    assert compared[0].xpath(".//del/text()") == ["the use of"]


def test_each_footnote_cell_is_labelled_as_its_column_for_narrow_screens(db, letter):
    # On a narrow screen the footnote table turns into cards, one line a cell, each titled
    # by its data-label: a label out of step with the header would mislabel every card.
    tree = lxml.html.fromstring(report.render(report_data.build(db), "html"))
    table = tree.cssselect("table.footnotes")[0]
    headers = [th.text_content().strip() for th in table.cssselect("thead th")]
    assert headers[0] == "#" and "Verdict" in headers
    rows = table.cssselect("tbody tr")
    assert rows
    for row in rows:
        assert [td.get("data-label") for td in row.cssselect("td")] == ["Footnote"] + headers[1:]


LIVE_QUOTE = "We call on all parties to respect human rights and international humanitarian law."
DRIFT_QUOTE = "Grand Fenwick condemns the attack on the civilian convoy in the strongest possible terms."


def _reconciled(db) -> dict:
    """A letter judged by the real reconcile stage: footnote 1 verbatim in the live page;
    footnote 2 verbatim only in a memento of 2 April 2020, its live page since rewritten
    (content drift)."""
    f = Factory(db)
    doc = f.document()
    crawl = f.crawl("2026-01-02T00:00:00+00:00")
    urls = {}
    for seq, entity, quote, name in ((1, "Council of Europe", LIVE_QUOTE, "coe"),
                                     (2, "Grand Fenwick", DRIFT_QUOTE, "fenwick")):
        urls[seq] = f"https://{name}.example.org/news/statement"
        statement = f.statement(doc, seq, entity, quote)
        source = f.source(urls[seq])
        f.citation(doc, statement, seq, source, url=urls[seq])
        if seq == 1:
            f.fetch(crawl, source, "live", text=f"Strasbourg, 31 March 2020. {quote} The Council met today.")
        else:
            f.snapshot(source, "20200402110000")
            f.text(source, f"Press release, 2 April 2020. {quote} The ministry will report to parliament.",
                   origin="memento", memento_timestamp="20200402110000",
                   url=f"https://web.archive.org/web/20200402110000id_/{urls[seq]}")
            f.fetch(crawl, source, "live", text="The ministry's trade fair opens in June; see the dates and contacts.")
    counts = reconcile.run(db)
    assert counts["drift"] == 1 and counts["verbatim"] == 2
    return urls


def _report(runner, db_path, tmp_path, fmt: str) -> str:
    """`citewatch report --format FMT` of the database, as written to its file."""
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(cli, ["report", "--db", str(db_path), "--format", fmt, "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_csv_says_which_text_each_verdict_rests_on_and_where_content_drifted(runner, db_path, db, tmp_path):
    urls = _reconciled(db)
    rows = list(csv.DictReader(io.StringIO(_report(runner, db_path, tmp_path, "csv"))))
    live, drifted = rows
    assert (live["verdict"], live["text_origin"], live["text_memento_date"], live["text_url"]) == (
        "verbatim", "live", "", urls[1])
    assert (live["drift"], live["drift_memento_date"], live["drift_memento_verdict"], live["drift_live_verdict"]) == (
        "", "", "", "")
    assert (drifted["verdict"], drifted["text_origin"], drifted["text_memento_date"]) == (
        "verbatim", "memento", "2020-04-02T11:00:00+00:00")
    assert drifted["text_url"] == f"https://web.archive.org/web/20200402110000id_/{urls[2]}"
    assert (drifted["drift"], drifted["drift_memento_date"], drifted["drift_memento_verdict"],
            drifted["drift_live_verdict"]) == ("removed", "2020-04-02T11:00:00+00:00", "verbatim", "not-in-source")
    assert "content drift" in drifted["verdict_reason"] and "content drift" not in live["verdict_reason"]
    # the same values as the JSON report's
    data = json.loads(_report(runner, db_path, tmp_path, "json"))
    for row, footnote in zip(rows, data["documents"][0]["footnotes"]):
        verdict = footnote["verdict"]
        assert (row["verdict_reason"], row["text_origin"], row["text_url"]) == (
            verdict["reason"], verdict["text_origin"], verdict["text_url"])
        assert row["drift"] == (verdict["evidence"].get("drift") or {}).get("kind", "")


def test_markdown_says_which_text_each_verdict_rests_on_and_where_content_drifted(runner, db_path, db, tmp_path):
    _reconciled(db)
    md = _report(runner, db_path, tmp_path, "md")
    table = md.split("## Letter dated 20 May 2020")[1].split("\n\n")[1].splitlines()
    assert [row.split(" | ")[0] for row in table[2:]] == ["| 1", "| 2"]
    live, drifted = table[2:]
    assert "| verbatim against the live text: We call on all parties" in live and "drift" not in live
    assert "| verbatim against the memento text of 2020-04-02 (content drift): Grand Fenwick condemns" in drifted
    assert "not in the live page" in drifted  # the verdict's reason


def test_the_html_report_dates_the_memento_a_verdict_rests_on_as_markdown_does(runner, db_path, db, tmp_path):
    _reconciled(db)
    page = lxml.html.fromstring(_report(runner, db_path, tmp_path, "html"))
    said = [" ".join(div.text_content().split()) for div in page.xpath("//td[@data-label='Verdict']/div[@class='muted']")]
    assert "against the memento text of 2020-04-02" in said  # not its digits, 20200402


# --- figures that say what they count -----------------------------------------------


def _figures(html: str) -> dict[str, str]:
    """The summary figures of the HTML report: {label: figure}."""
    tree = lxml.html.fromstring(html)
    return {" ".join(el.xpath("string(text())").split()): el.xpath("string(b)")
            for el in tree.xpath("//section[@class='figures']/div[@class='figure'][b]")}


def _status(runner, db_path) -> str:
    result = runner.invoke(cli, ["status", "--db", str(db_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_crawl_count_tells_source_crawls_from_archive_and_resolve_runs(runner, db_path, db, letter):
    from crawler.state import finish_crawl, open_crawl

    for spider in ("mementos", "posts", "posts"):  # what the archive and resolve stages' Scrapy runs leave
        with db.conn:
            crawl_id, _ = open_crawl(db, {"spider": spider})
            finish_crawl(db, crawl_id)
    data = report_data.build(db)
    assert (data["summary"]["crawls"], data["summary"]["source_crawls"]) == (4, 1)
    assert [row["crawl_id"] for row in data["link_rot"]["over_time"]] == [letter["crawl"]]
    head = " ".join(lxml.html.fromstring(report.render(data, "html")).xpath("string(//p[@class='muted'])").split())
    assert "1 crawl of the cited sources (and 3 crawls of archived copies and posts) kept" in head, head
    assert "- 1 crawl of the cited sources (and 3 crawls of archived copies and posts) kept\n" in report.render(data, "md")
    shown = _status(runner, db_path)
    assert re.search(r"crawls of the sources\s*│\s*1\s", shown) and re.search(r"crawls of archived copies and posts\s*│\s*3\s", shown)


def test_a_crawl_that_fetched_nothing_is_not_counted(db, letter):
    """An older database's crawls in which nothing was due (finished with no fetch) are no
    crawls of the cited sources; an archive run is counted as before, fetches or not."""
    from crawler.state import finish_crawl, open_crawl

    for settings in ({}, {}, {"spider": "mementos"}):
        with db.conn:
            crawl_id, _ = open_crawl(db, settings)
            finish_crawl(db, crawl_id)
    data = report_data.build(db)
    assert (data["summary"]["crawls"], data["summary"]["source_crawls"]) == (2, 1)
    assert [row["id"] for row in data["crawls"]] == [letter["crawl"], crawl_id]
    assert "- 1 crawl of the cited sources (and 1 crawl of archived copies and posts) kept\n" in report.render(data, "md")


def test_a_source_failing_once_is_not_called_unrecoverable(runner, db_path, db, letter):
    s = report_data.build(db)["summary"]
    # the failing source (one timeout, nothing archived) may well come back; the dead one has a memento
    assert (s["rescued_by_archive"], s["dead_unarchived"], s["failing_unarchived"]) == (1, 0, 1)
    assert s["unrecoverable"] == 1  # the key scripts read keeps its meaning: failing or dead, nothing archived
    figures = _figures(report.render(report_data.build(db), "html"))
    assert (figures["Dead and unrecoverable"], figures["Failing, no archived copy yet"]) == ("0", "1")
    assert "Unrecoverable" not in figures
    md = report.render(report_data.build(db), "md")
    assert "- Rescued by the archive: 1; dead and unrecoverable: 0; failing, no archived copy yet: 1" in md
    shown = _status(runner, db_path)
    assert re.search(r"dead and unrecoverable\s*│\s*0\s", shown)
    assert re.search(r"failing, no archived copy yet\s*│\s*1\s", shown)
    # confirmed dead by the state machine, still with nothing archived: now it is unrecoverable
    db["sources"].update(letter["failing"]["source"], {"state": "dead", "state_since": "2026-01-09T00:00:00+00:00"})
    s = report_data.build(db)["summary"]
    assert (s["dead_unarchived"], s["failing_unarchived"], s["unrecoverable"]) == (1, 0, 1)


def _offline_citation(db, letter, printed) -> int:
    """An offline footnote (a note verbale), its source keyed as ingest keys it."""
    from crawler.urls import source_key

    f = Factory(db)
    statement = f.statement(letter["document"], 5, "Marsovia", "Marsovia calls for restraint.")
    source = f.source(source_key("offline", text=printed), kind="offline")
    db["sources"].update(source, {"url": None})
    f.citation(letter["document"], statement, 5, source, kind="offline", printed=printed)
    return source


def test_offline_notes_and_handles_are_not_counted_unchecked(db, letter):
    _offline_citation(db, letter, "Note verbale of the Ministry of Foreign Affairs of Marsovia, 07.04.2020.")
    Factory(db).source("https://forgotten.example.org/statement")  # a web source no crawl has reached yet
    data = report_data.build(db)
    assert data["summary"]["sources_by_class"] == {"live": 1, "client-error": 1, "timeout": 1, "handle": 1,
                                                   "not-online": 1, "unchecked": 1}
    tree = lxml.html.fromstring(report.render(data, "html"))
    bars = {r.xpath("string(title)") for r in tree.xpath("//svg//rect")}
    assert {"account handle: 1", "not online: 1", "unchecked: 1"} <= bars, bars
    note = " ".join(tree.xpath("string(//p[@class='muted chart-note'])").split())
    assert "not a web page" in note and "the resolve stage finds the post" in note, note
    rows = tree.xpath("//table[contains(@class,'footnotes')]/tbody/tr")
    live_cells = [" ".join(r.xpath("string(td[@data-label='Live'])").split()) for r in rows]
    assert (live_cells[3], live_cells[4]) == ("account handle", "not online"), live_cells


def test_history_table_shows_an_offline_source_as_printed(db, letter):
    printed = "Note verbale of the Ministry of Foreign Affairs of Marsovia, 07.04.2020 (Unofficial translation)."
    _offline_citation(db, letter, printed)
    tree = lxml.html.fromstring(report.render(report_data.build(db), "html"))
    history = tree.xpath("//h2[text()='History per source']/following-sibling::table[1]/tbody/tr/th[@scope='row']")
    cells = [" ".join(td.xpath("string()").split()) for td in history]
    assert printed in cells, cells
    assert not [c for c in cells if c.startswith("offline:")]
    md = report.render(report_data.build(db), "md").split("## History per source")[1].split("## Link rot")[0]
    assert f"| {report.md_text(printed)} | unknown |" in md and "offline:" not in md


def test_link_rot_per_domain_says_its_failing_count_holds_the_dead(db):
    """The per-domain table headed "Failing" and "Dead" counted a dead source in both: one dead
    source of seven read "Failing 1, Dead 1", two rotten sources to a reader adding them up,
    while the summary's states said "dead 1" (docs/report-schema.md: by_domain's failing holds
    the dead, sources_by_state's does not)."""
    Factory(db).letter()
    data = report_data.build(db)
    assert "| Host | Checked | Failing or dead | Of them dead | Rot rate |" in report.render(data, "md")
    assert '<th scope="col">Of them dead</th>' in report.render(data, "html")


# The page as a reader meets it without a mouse, without sight, without colour or on paper.

def _page(db) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(report.render(report_data.build(db), "html"))


def test_every_table_is_named_and_its_headers_say_what_they_head(db, letter):
    """A screen reader names a table by its caption and reads each cell with its column's header
    (and, in the history and per-domain tables, its row's source or host): one h1, h2 under it."""
    page = _page(db)
    tables = page.xpath("//table")
    assert len(tables) == 4 and all(t.xpath("string(caption)").strip() for t in tables)
    assert page.xpath("string(//table[contains(@class,'footnotes')]/caption)") == "Footnotes of Letter dated 20 May 2020"
    assert {th.get("scope") for th in page.xpath("//thead//th")} == {"col"}
    for heading in ("History per source", "Link rot per domain"):
        rows = page.xpath(f"//table[caption='{heading}']/tbody/tr")
        assert rows and all(r[0].tag == "th" and r[0].get("scope") == "row" for r in rows), heading
    assert page.xpath("//table[caption='History per source']/tbody/tr/th/a/@href")[0].startswith("https://")
    assert [h.tag for h in page.xpath("//h1|//h2|//h3|//h4")][:2] == ["h1", "h2"]
    assert len(page.xpath("//h1")) == 1 and not page.xpath("//h3|//h4|//h5|//h6")


def test_without_its_script_the_page_offers_no_control_that_does_nothing(db, letter):
    """Filters that filter nothing (script off, or blocked by a mail client) mislead: they are in
    the page hidden, each with its label, and its count of rows shown a status a screen reader
    says; a column header holds no button until the script makes one (sorting by keyboard)."""
    page = _page(db)
    [filters] = page.xpath("//div[contains(@class,'filters')]")
    assert filters.get("hidden") is not None and filters.get("role") == "search"
    assert [c.getparent().tag for c in filters.xpath(".//input|.//select")] == ["label"] * 3
    assert filters.xpath(".//*[@id='filter-count']/@role") == ["status"]
    assert not page.xpath("//th//button") and "cursor: pointer" not in page.xpath("string(//style)").split("th button")[0]
    script = page.xpath("string(//script)")
    assert 'createElement("button")' in script and "filters.hidden = false" in script


def _style_rule(style: str, selector: str) -> str:
    """The declarations of the first rule whose selector list is exactly `selector`."""
    found = re.search(r"(?:^|[};])\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", style, re.MULTILINE)
    assert found, selector
    return found.group(1)


def _colour(declarations: str, prop: str) -> str:
    return re.search(r"(?:^|[;\s])" + prop + r":\s*(#[0-9a-f]{3,6})", declarations).group(1)


def _contrast(a: str, b: str) -> float:
    """WCAG 2.1's contrast ratio of two #rgb or #rrggbb colours."""
    def luminance(colour: str) -> float:
        hexa = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
        channels = [int(hexa[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_words_read_against_their_background_at_4_5_to_1_and_not_by_colour_alone(db, letter):
    """Small text needs 4.5:1 (WCAG 1.4.3); an inserted word marked by its green alone is lost to
    a reader who cannot tell green (1.4.1): ins is underlined as del is struck, and both say so
    to a screen reader in the legend's words; a chart's bar stands 3:1 from the page or is outlined."""
    page = _page(db)
    style = page.xpath("string(//style)")
    body = _colour(_style_rule(style, "body"), "color")
    pairs = [(body, "#fff"), (body, _colour(_style_rule(style, "thead th"), "background"))]
    pairs += [(_colour(_style_rule(style, rule), "color"), "#fff") for rule in (".muted", ".flag", "tr.run-resolve")]
    tags = re.findall(r"\.[a-z-]+(?:, \.[a-z-]+)* \{ background: (#[0-9a-f]+); \}", style)
    assert len(tags) >= 4
    pairs += [(body, background) for background in tags]
    del_bg, ins_bg = (_colour(d, "background") for d in re.search(r"del \{([^}]*)\} ins \{([^}]*)\}", style).groups())
    edits = re.search(r"ul\.edits del \{([^}]*)\} ul\.edits ins \{([^}]*)\}", style).groups()
    pairs += [(_colour(edits[0], "color"), del_bg), (_colour(edits[1], "color"), ins_bg)]
    low = [(fg, bg, round(_contrast(fg, bg), 2)) for fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert not low, low
    assert "text-decoration: underline" in re.search(r"ins \{([^}]*)\}", style).group(1)
    assert 'del::before { content: " [struck: "; }' in style and 'ins::before { content: " [marked: "; }' in style
    for bar in page.xpath("//svg//rect"):
        assert max(_contrast(bar.get(edge) or "#fff", "#fff") for edge in ("fill", "stroke")) >= 3, bar.get("fill")


def test_a_quote_is_marked_with_the_language_its_verdict_found(db, letter):
    """A screen reader reads a quote in the language the page declares (English) unless told:
    a translation verdict's evidence names the quote's language, which becomes its `lang`; a
    stored value that is no language code becomes nothing."""
    def quote_of(statement: int, languages) -> lxml.html.HtmlElement:
        db.execute("update quote_checks set evidence = ? where statement_id = ? and scope = 'overall'",
                   [json.dumps({"languages": languages}), statement])
        db.conn.commit()
        [row] = [r for r in _page(db).xpath("//table[contains(@class,'footnotes')]/tbody/tr")
                 if r.xpath("string(td[@data-label='Footnote'])") == "1"]
        return row.xpath("td[@data-label='Statement']/div[@class='quote']")[0]

    statement = letter["live"]["statement"]
    assert quote_of(statement, {"quote": "fr", "text": "en"}).get("lang") == "fr"
    assert quote_of(statement, {"quote": 'fr" onmouseover="alert(1)', "text": "en"}).get("lang") is None
    assert quote_of(statement, None).get("lang") is None
    assert _page(db).get("lang") == "en"


def test_a_quote_is_read_in_its_document_s_language_where_no_verdict_named_its_own(db, letter):
    """A French letter's quotes were read out as English words: the language ingest named the
    document in (`documents.language`) is each quote's `lang` where no translation verdict named
    the quote's own, a long quote's too; an English document's quotes need none (the page is
    English), and a verdict's language, even one that is no code, is not overruled by it."""
    statement = letter["live"]["statement"]
    Factory(db).statement(letter["document"], 9, "Malta", "Malta appelle au dialogue. " * 12)

    def quotes_of(language: str | None, languages: dict | None = None) -> list[lxml.html.HtmlElement]:
        """Footnote 1's quote (its verdict's `languages` set) and the long one (a verdict of none)."""
        db.execute("update documents set language = ? where id = ?", [language, letter["document"]])
        db.execute("update quote_checks set evidence = ? where statement_id = ? and scope = 'overall'",
                   [json.dumps({"languages": languages} if languages else {}), statement])
        db.conn.commit()
        page = _page(db)
        [row] = [r for r in page.xpath("//table[contains(@class,'footnotes')]/tbody/tr")
                 if r.xpath("string(td[@data-label='Footnote'])") == "1"]
        return [*row.xpath("td[@data-label='Statement']/div[@class='quote']"),
                *page.xpath("//details[@class='quote']/summary/span[starts-with(., 'Malta appelle')]")]

    assert [quote.get("lang") for quote in quotes_of("fr")] == ["fr", "fr"]
    assert [quote.get("lang") for quote in quotes_of("fr", {"quote": "de", "text": "fr"})] == ["de", "fr"]
    assert [quote.get("lang") for quote in quotes_of("fr", {"quote": "zh/ja", "text": "fr"})] == [None, "fr"]
    assert [quote.get("lang") for quote in quotes_of("en")] == [None, None]
    assert [quote.get("lang") for quote in quotes_of(None)] == [None, None]


def test_a_diff_is_read_in_its_quote_s_language_but_a_translation_s(db, letter):
    """A diff sets the quote's words against the source's, in one language unless the verdict is a
    translation: it takes the quote's `lang` (a French letter's diffs are read as French), and a
    translation's diff, two languages, takes none."""
    statement = letter["live"]["statement"]
    db.execute("update documents set language = 'fr' where id = ?", [letter["document"]])

    def diff_lang(verdict: str) -> list[str | None]:
        db.execute("update quote_checks set verdict = ?, diff = ?, evidence = '{}' where statement_id = ?",
                   [verdict, json.dumps([["equal", "Nous"], ["delete", "ne"], ["equal", "reconnaissons"]]), statement])
        db.conn.commit()
        [row] = [r for r in _page(db).xpath("//table[contains(@class,'footnotes')]/tbody/tr")
                 if r.xpath("string(td[@data-label='Footnote'])") == "1"]
        return [d.get("lang") for d in row.xpath(".//div[contains(@class,'diff')]")]

    assert diff_lang("altered") == ["fr"]
    assert diff_lang("translation") == [None]


def test_a_quote_and_its_diff_run_in_their_own_script_s_direction(db, letter):
    """An Arabic or Hebrew quote in the English page read left to right, its words in the wrong
    order and its stops at the wrong end: each quote, short or long, and each diff takes its
    direction from its own first letters (`dir="auto"`), whatever its language is known as."""
    Factory(db).statement(letter["document"], 9, "Jordan", "تدعو المملكة الأردنية الهاشمية إلى الحوار. " * 8)
    Factory(db).statement(letter["document"], 10, "Israel", "ישראל קוראת לדיאלוג.")
    page = _page(db)
    quotes = {" ".join(q.text_content().split()): q for q in
              page.xpath("//div[@class='quote'] | //details[@class='quote']/summary/span")}
    [arabic] = [q for text, q in quotes.items() if text.startswith("تدعو")]
    [hebrew] = [q for text, q in quotes.items() if text.startswith("ישראל")]
    assert arabic.tag == "span" and arabic.get("dir") == "auto" and hebrew.get("dir") == "auto"
    assert all(q.get("dir") == "auto" for q in quotes.values()), [t for t, q in quotes.items() if q.get("dir") != "auto"]
    diffs = page.xpath("//div[@class='diff']")
    assert diffs and all(d.get("dir") == "auto" for d in diffs)


def test_every_explanation_is_on_the_page_not_in_a_tooltip(db):
    """What a figure counts, what a column holds, what struck and marked words mean and how a
    long quote opens were said in `title` tooltips, which a keyboard or a touch never shows and a
    screen reader reads or not: each is text on the page now, tied to what it explains."""
    from tests.test_report_exact import build_database

    ids = build_database(db)
    Factory(db).statement(ids["article"], 3, "Malta", "Malta calls for dialogue. " * 12)
    page = _page(db)
    assert page.xpath("//body//@title") == []
    notes = {" ".join(figure.xpath("string(text())").split()): figure.xpath("string(span[@class='note'])")
             for figure in page.xpath("//section[@class='figures']/div[@class='figure']")}
    assert notes["Dead and unrecoverable"].startswith("failing checks days apart")
    assert notes["Failing, no archived copy yet"].startswith("not yet dead")
    assert notes["Footnotes by verdict"] == "each by its own verdict: a statement citing several counts each"
    [rot] = page.xpath("//h2[text()='Link rot per domain']/following-sibling::table[1]")
    [said] = page.xpath(f"//*[@id='{rot.get('aria-describedby')}']")
    assert said.text_content().startswith("Failing or dead: ") and "Failing or dead" in rot.xpath("string(thead)")
    # struck and marked words: the legend before the footnote tables (diffs), and before the
    # changes and the history per source (a changed text's edits)
    diffs = page.xpath("//p[starts-with(normalize-space(), 'In the diffs, struck words')]")
    edits = page.xpath("//p[contains(@class, 'edits-legend')]")
    assert len(diffs) == 1 and len(edits) == 2
    for legend, shown in ((diffs[0], "//div[@class='diff']"), (edits[0], "//h2[starts-with(., 'Changes')]/"
                          "following-sibling::ul[1]//ul[@class='edits']"),
                          (edits[1], "//h2[text()='History per source']/following-sibling::table[1]//ul[@class='edits']")):
        assert _before(legend, page.xpath(shown)[0])
    style = page.xpath("string(//style)")
    assert 'details.quote > summary::after { content: "Show the whole quote";' in style
    assert page.xpath("//details[@class='quote']/summary/span[starts-with(., 'Malta calls')]")


def test_markdown_says_what_struck_and_bold_words_mean_before_any_is_shown(db):
    """Struck and bold words mean one thing in a quote's diff (in the source only, in the quote
    only) and another in a changed text's edits (removed, added): the Markdown said the first
    alone, above a changes list whose struck words were removed from the page, so its reader
    took a page's edit for a misquotation.  One legend says both, once, before the first."""
    from tests.test_report_exact import build_database

    build_database(db)
    md = report.render(report_data.build(db), "md")
    [legend] = [line for line in md.splitlines() if "~~struck~~" in line]
    assert "~~struck~~ words are in the source but not in the quote, **bold** ones in the quote only" in legend
    assert "in a changed text (the changes and the history per source), ~~struck~~ words were removed, " \
           "**bold** ones added" in legend
    shown = [line for line in md.splitlines() if "~~" in line and line != legend]
    edit = next(line for line in shown if line.startswith("  - "))              # the changes' edit
    row = next(line for line in shown if line.startswith("| 2 |"))              # a footnote's diff
    event = next(line for line in shown if "content-changed" in line)           # the history's edit
    lines = md.splitlines()
    assert lines.index(legend) < lines.index(edit) < lines.index(row) < lines.index(event)


def _before(a, b) -> bool:
    """Whether element `a` comes before element `b` in the page."""
    order = {el: i for i, el in enumerate(a.getroottree().iter())}
    return order[a] < order[b]


def test_on_paper_no_table_is_cut_and_a_link_s_address_is_printed(db, letter):
    """Printed (or saved as PDF), a scroll box cuts what it hides and a link is words without
    its address: the print style lets every table out of its box, and each link whose words are
    not its URL (a memento's date, "capture") is marked to print its address after them."""
    page = _page(db)
    style = page.xpath("string(//style)")
    printed = style.split("@media print {\n", 1)[1].split("\n  }", 1)[0]
    assert "table:not(.footnotes) { display: table; overflow: visible; }" in printed
    assert 'a.named::after { content: " <" attr(href) ">"; }' in printed
    links = page.xpath("//a[@href]")
    assert links and all((a.text_content() != a.get("href")) == ("named" in a.get("class", "").split()) for a in links)
    assert page.xpath("//a[contains(@class,'named')][text()='capture']")
