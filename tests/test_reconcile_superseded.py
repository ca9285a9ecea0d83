"""A live page read again: the verdict rests on the latest reading, an earlier one that held
the quote is content drift (real crawls of a test web page that changes between them); and
why a social citation has no post, as the resolve stage left it."""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

from crawler import crawl, reconcile, report, report_data, social
from crawler.config import load_config
from tests.conftest import OFFLINE
from tests.factories import Factory
from tests.test_social import add_social_citation
from tests.web.history_pages import page_paragraphs


@pytest.fixture
def changing_page(web, db, tmp_path):
    """One test web page cited twice: by its last paragraph (which v2 rewrites) and by its
    first (which every version keeps); a config that re-checks it on every crawl, and
    `show(version)` to switch the page."""
    name = f"history/{uuid.uuid4().hex[:8]}/c"
    url = f"{web['main']}/{name}"
    first, *_, last = page_paragraphs(name, "v1")
    f = Factory(db)
    doc = f.document(title="Letter citing a page that changes")
    source = f.source(url)
    removed = f.statement(doc, 1, "Ministry", last)
    kept = f.statement(doc, 2, "Ministry", first)
    for seq, statement in enumerate((removed, kept), start=1):
        f.citation(doc, statement, seq, source, url=url)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data")).with_overrides(
        allow_private_networks=True, host_delay=0.0, retries=0, fetch_timeout=5.0, autothrottle=False,
        soft404_probe=False, obey_robots=False, extract_workers=1, recheck_live="0s")

    def show(version: str) -> None:
        urllib.request.urlopen(f"{web['main']}/_control/set?{name}={version}").read()
        assert crawl.run(db, config, show_progress=False)["sources"] == 1

    return source, removed, kept, show


def overall(db, statement_id: int) -> dict:
    row = dict(db.execute_returning_dicts(
        "select * from quote_checks where statement_id = ? and scope = 'overall'", [statement_id])[0])
    return {**row, "evidence": json.loads(row["evidence"])}


def live_texts(db, source_id: int) -> list[int]:
    return [r["id"] for r in db.query("select id from texts where source_id = ? and origin = 'live' order by id",
                                      [source_id])]


def fetched_at(db, text_id: int) -> str:
    """When the fetch a live text was read from started (two crawls may fall in one second:
    which reading a time belongs to is told by this, not by their order)."""
    return db.execute("select f.started_at from texts t join fetches f on f.id = t.fetch_id where t.id = ?",
                      [text_id]).fetchone()[0]


def test_a_quote_the_page_no_longer_holds_is_drift_not_verbatim_against_the_live_text(db, changing_page):
    source, removed, kept, show = changing_page
    show("v1")
    assert reconcile.run(db)["verbatim"] == 2
    show("v2")
    counts = reconcile.run(db)
    v1, v2 = live_texts(db, source)
    assert (counts["verbatim"], counts["not-in-source"], counts["drift"]) == (1, 1, 1)
    gone = overall(db, removed)
    assert gone["verdict"] == "not-in-source"
    assert gone["evidence"]["text"]["id"] == v2  # the verdict against the live text is the latest reading's
    moved = gone["evidence"]["drift"]
    assert (moved["kind"], moved["read_text_id"], moved["read_verdict"], moved["live_text_id"]) == (
        "removed", v1, "verbatim", v2)
    assert (moved["read_at"], moved["live_read_at"]) == (fetched_at(db, v1), fetched_at(db, v2))
    assert moved["read_at"] <= moved["live_read_at"]
    read = moved["read_at"][:16].replace("T", " ")
    assert f"content drift: verbatim in the page as read on {read} UTC, not in the live page now" in gone["reason"]
    assert [(t["text_id"], t["verdict"], t.get("superseded", False)) for t in gone["evidence"]["texts"]] == [
        (v1, "verbatim", True), (v2, "not-in-source", False)]
    footnotes = report_data.build(db)["documents"][0]["footnotes"]
    shown = {f["statement"]["id"]: f["verdict"] for f in footnotes}[removed]
    assert (shown["verdict"], shown["text_origin"], shown["diff"]) == ("not-in-source", "live", None)
    assert report._md_verdict(shown).startswith("not-in-source against the live text (content drift) — ")
    still = overall(db, kept)  # the page changed elsewhere: the quote is verbatim in today's page
    assert (still["verdict"], still["evidence"]["text"]["id"]) == ("verbatim", v2)
    assert "drift" not in still["evidence"]

    show("v1")  # the page changed back: its v1 text, stored once when first read, is the live text again
    assert reconcile.run(db)["drift"] == 0
    back = overall(db, removed)
    assert (back["verdict"], back["evidence"]["text"]["id"]) == ("verbatim", v1)
    assert "drift" not in back["evidence"] and live_texts(db, source) == [v1, v2]


# ---------------------------------------------------------------- a social citation without its post


def test_a_post_never_searched_is_not_said_not_found(db, db_path):
    """Offline (conftest's OFFLINE: the archive at a closed port), resolve finds no post and
    searches none: each citation is left to retry, and reconcile says so, not "post not found"
    (the first citations met the refused connection, the others were not asked about)."""
    document = Factory(db).document()
    ids = [add_social_citation(db, document, seq, "twitter", "@mfa_example", "2020-03-31",
                               "The Ministry does not recognise the so-called elections.") for seq in (1, 2, 3, 4)]
    config = load_config(env=OFFLINE, db=str(db_path))
    assert social.run(db, config)["errors"] == len(ids)
    reconcile.run(db)
    reasons = [r for (r,) in db.execute("select reason from quote_checks where scope = 'overall' order by statement_id")]
    why = (f"twitter post not searched yet: the archive is unreachable (cannot reach the archive at "
           f"{OFFLINE['CITEWATCH_WAYBACK_URL']}: connection refused (is an archive listening there? check "
           "CITEWATCH_WAYBACK_URL)); run `citewatch resolve` again when online")
    assert reasons == [f"footnote {seq}: {why}" for seq in (1, 2, 3, 4)]


def test_a_post_searched_and_not_found_says_so(db, db_path, web):
    document = Factory(db).document()
    add_social_citation(db, document, 1, "twitter", "@nobody_" + uuid.uuid4().hex[:8], "2020-03-31",
                        "The Ministry does not recognise the so-called elections.")
    namespace = "reconcile-unresolved-" + uuid.uuid4().hex[:8]
    config = load_config(env={}, db=str(db_path)).with_overrides(
        wayback_url=f"{web['archive']}/ns/{namespace}", cdx_per_minute=0, host_delay=0.0, autothrottle=False,
        retries=0, allow_private_networks=True, nitter_mirrors=[], syndication_url="")
    assert social.run(db, config)["unresolved"] == 1
    reconcile.run(db)
    [reason] = [r for (r,) in db.execute("select reason from quote_checks where scope = 'overall'")]
    assert reason.startswith("footnote 1: twitter post not found (no archived post in the window")


# ---------------------------------------------------------------- which earlier text drift names


def test_drift_names_a_memento_before_an_earlier_reading_and_says_changed_words(db):
    """Rows as the crawl and archive stages write them, without a crawl: a memento and an
    earlier reading that both hold the quote as it was; the memento is named (a reader can
    open it).  On another page only an earlier reading holds it: that reading is named, with
    the live page's other words."""
    f = Factory(db)
    doc = f.document()
    quote = "The Ministry does not recognise the so-called elections held on 31 March."
    page = "Statement of the Ministry. " + quote + " It calls for dialogue."
    both, reading_only = f.source("https://example.org/a"), f.source("https://example.org/b")
    for seq, source in enumerate((both, reading_only), start=1):
        f.citation(doc, f.statement(doc, seq, "Ministry", quote), seq, source)
    at = "2026-01-0{}T00:00:00+00:00".format
    f.text(both, page, origin="live", created_at=at(1))
    memento = f.text(both, page, origin="memento", memento_timestamp="20200401000000", created_at=at(2))
    f.text(both, "Statement of the Ministry. It calls for dialogue.", origin="live", created_at=at(3))
    earlier = f.text(reading_only, page, origin="live", created_at=at(1))
    now = f.text(reading_only, page.replace("does not recognise", "has taken note of"), origin="live", created_at=at(2))
    assert reconcile.run(db)["drift"] == 2
    [a, b] = [overall(db, s) for (s,) in db.execute("select id from statements order by seq")]
    assert (a["verdict"], a["evidence"]["drift"]["memento_text_id"], a["evidence"]["drift"]["kind"]) == (
        "verbatim", memento, "removed")
    assert "read_text_id" not in a["evidence"]["drift"]
    assert (b["verdict"], b["evidence"]["text"]["id"]) == ("altered", now)
    assert (b["evidence"]["drift"]["read_text_id"], b["evidence"]["drift"]["kind"]) == (earlier, "changed")
    assert b["reason"].endswith("content drift: verbatim in the page as read on 2026-01-01 00:00 UTC, "
                                "altered in the live page now")
    rows = {r["footnote"]: r for r in report.csv_rows(report_data.build(db))}
    assert (rows[1]["drift_memento_date"], rows[1]["drift_read_at"]) == ("2020-04-01T00:00:00+00:00", None)
    assert (rows[2]["drift"], rows[2]["drift_read_at"], rows[2]["drift_read_verdict"], rows[2]["drift_memento_date"]) == (
        "changed", "2026-01-01T00:00:00+00:00", "verbatim", None)


# ---------------------------------------------------------------- which reading is the last


def _crawled(f, source, day: int, body: str, text: str | None = None, cls: str = "live") -> int:
    """A live fetch of `body` on 2026-01-<day> (and the text it gave, stored as the pipeline
    stores one: once, from the first fetch that read it)."""
    crawl = f.crawl(f"2026-01-{day:02d}T00:00:00+00:00")
    return f.fetch(crawl, source, cls, body=body, text=text, status=200 if cls == "live" else 404)


def _remember(db, source: int, fetch_id: int, text_id: int) -> None:
    """The source's latest full extraction, as crawler/pipelines.py keeps it."""
    sha = db.execute("select sha256 from fetches where id = ?", [fetch_id]).fetchone()[0]
    db["extractions"].upsert({"source_id": source, "fetch_id": fetch_id, "text_id": text_id, "body_sha256": sha,
                              "content_type": "text/html", "url": "https://example.org/p", "extractor": "x",
                              "created_at": "2026-01-01T00:00:00+00:00"}, pk="source_id")


QUOTE = "The Ministry does not recognise the so-called elections held on 31 March."


def _cited_page(f: Factory) -> tuple[int, int]:
    """A document whose one statement quotes QUOTE and cites one page: (source, statement)."""
    doc = f.document()
    source = f.source("https://example.org/p")
    statement = f.statement(doc, 1, "Ministry", QUOTE)
    f.citation(doc, statement, 1, source)
    return source, statement


def test_a_reused_extraction_of_other_bytes_is_the_page_as_read_last(db):
    """The page read (bytes a1), read again from other bytes with the same words (a2: the
    extraction remembered), then a short page stored as it is (not remembered), then a2
    again: the pipeline reuses a2's extraction, so the full text is the page as read last,
    not the short page read before it."""
    f = Factory(db)
    source, statement = _cited_page(f)
    full = "Statement of the Ministry. " + QUOTE + " It calls for dialogue."
    first = _crawled(f, source, 1, "<p>a1</p>", text=full)
    text = db.execute("select id from texts where fetch_id = ?", [first]).fetchone()[0]
    _remember(db, source, _crawled(f, source, 2, "<p>a2</p>"), text)
    short = db.execute("select id from texts where fetch_id = ?",
                       [_crawled(f, source, 3, "<p>s</p>", text="Page under maintenance.")]).fetchone()[0]
    _crawled(f, source, 4, "<p>a2</p>")  # reused: no text stored, no extraction remembered
    reconcile.run(db)
    now = overall(db, statement)
    assert (now["verdict"], now["evidence"]["text"]["id"]) == ("verbatim", text)
    assert now["evidence"]["text"]["read_at"] == "2026-01-04T00:00:00+00:00"
    assert [(t["text_id"], t.get("superseded", False)) for t in now["evidence"]["texts"]] == [
        (text, False), (short, True)]


def test_a_page_dead_now_is_judged_on_its_last_reading_and_says_when_that_was(db):
    """The page read on 1 January, dead (404) on 5 January: its last reading is still the
    live text (nothing newer was read), but the evidence, the reason and the report say it is
    the page as read then, not "the live text" of a page that gives none now."""
    f = Factory(db)
    source, statement = _cited_page(f)
    _crawled(f, source, 1, "<p>a</p>", text="Statement of the Ministry. " + QUOTE)
    _crawled(f, source, 5, "not found", cls="client-error")
    reconcile.run(db)
    now = overall(db, statement)
    assert now["verdict"] == "verbatim"
    assert (now["evidence"]["text"]["read_at"], now["evidence"]["text"]["unread_since"]) == (
        "2026-01-01T00:00:00+00:00", {"class": "client-error", "at": "2026-01-05T00:00:00+00:00"})
    assert now["reason"].endswith("; the page as read on 2026-01-01 00:00 UTC: its last fetch "
                                  "(client-error, 2026-01-05 00:00 UTC) gave no text")
    [shown] = [fn["verdict"] for fn in report_data.build(db)["documents"][0]["footnotes"]]
    assert report._md_verdict(shown).startswith("verbatim against the live text as read on 2026-01-01: ")
    row = next(report.csv_rows(report_data.build(db)))
    assert (row["text_origin"], row["text_read_at"]) == ("live", "2026-01-01T00:00:00+00:00")


def test_a_page_read_again_after_a_failed_fetch_is_the_live_text_again(db):
    """Dead for one check, then read again: nothing says 'as read on' any more."""
    f = Factory(db)
    source, statement = _cited_page(f)
    _crawled(f, source, 1, "<p>a</p>", text="Statement of the Ministry. " + QUOTE)
    _crawled(f, source, 5, "down", cls="timeout")
    _crawled(f, source, 6, "<p>a</p>")  # the same bytes again: the text is not stored twice
    reconcile.run(db)
    now = overall(db, statement)
    assert now["evidence"]["text"]["read_at"] == "2026-01-06T00:00:00+00:00"
    assert "unread_since" not in now["evidence"]["text"] and "as read on" not in now["reason"]
    [shown] = [fn["verdict"] for fn in report_data.build(db)["documents"][0]["footnotes"]]
    assert report._md_verdict(shown).startswith("verbatim against the live text: ")
