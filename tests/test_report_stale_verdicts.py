"""Report rows after a `citewatch crawl` without `reconcile`: a verdict worked out before the
source's latest check says so, and how to bring it up to date, in every format."""

import csv
import io

import pytest

from crawler import reconcile, report, report_data
from crawler.config import load_config
from tests.factories import Factory

QUOTE = "The Ministry firmly states that the so-called elections held in the occupied region have no legal effect."
PAGE = f"Press release. {QUOTE} Shared 1000 times."
URL = "https://mfa.example.org/press/s27"
RECONCILED = "2026-01-03T00:00:00+00:00"   # the verdicts' checked_at, set: never the clock's now
LATER = "2026-01-07T00:00:00+00:00"   # a crawl after that reconcile run


def _reconciled(db, tmp_path, *checks) -> tuple[Factory, int]:
    """One statement citing one page, checked by `checks` ((started_at, class, text) each),
    then reconciled, its verdicts dated RECONCILED."""
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Ministry", QUOTE)
    source = f.source(URL)
    f.citation(doc, statement, 1, source, url=URL)
    for at, cls, text in checks:
        f.fetch(f.crawl(at), source, cls, status=200 if text else 404, text=text)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    reconcile.run(db, config)
    db.execute("update quote_checks set checked_at = ?", [RECONCILED])
    db.conn.commit()
    return f, source


@pytest.fixture
def cited(db, tmp_path):
    """Read live on 2026-01-01, 404 on 2026-01-02, then reconciled: its verdict rests on the
    page as read on 2026-01-01, and its last fetch gave no text."""
    f, source = _reconciled(db, tmp_path, ("2026-01-01T00:00:00+00:00", "live", PAGE),
                            ("2026-01-02T00:00:00+00:00", "client-error", None))
    assert _row(db)["verdict"]["verdict"] == "verbatim"
    return f, source


@pytest.fixture
def read_live(db, tmp_path):
    """Read live on 2026-01-01, then reconciled: "verbatim against the live text"."""
    f, source = _reconciled(db, tmp_path, ("2026-01-01T00:00:00+00:00", "live", PAGE))
    assert _row(db)["verdict"]["text_origin"] == "live"
    return f, source


def _row(db) -> dict:
    return next(iter(report_data.build(db)["documents"][0]["footnotes"]))


def test_a_verdict_newer_than_every_check_says_nothing_more(db, cited):
    row = _row(db)
    assert row["verdict"]["verdict"] == "verbatim" and row["verdict_stale_since"] is None
    assert "its last fetch (client-error, 2026-01-02 00:00 UTC) gave no text" in row["verdict"]["reason"]
    data = report_data.build(db)
    assert "run citewatch reconcile" not in report.render(data, "md") + report.render(data, "html")
    assert next(csv.DictReader(io.StringIO(report.render(data, "csv"))))["verdict_stale_since"] == ""


def test_a_404_after_a_verdict_on_the_live_text_makes_every_format_say_it_is_older(db, read_live):
    """After `crawl` alone, a 404 beside "verbatim against the live text"."""
    f, source = read_live
    f.fetch(f.crawl(LATER), source, "client-error", status=404)
    row = _row(db)
    assert row["verdict_stale_since"] == LATER and row["live"]["class"] == "client-error"
    assert row["statement_verdict"] is row["verdict"]   # one footnote: one verdict, no "statement: …" line
    data = report_data.build(db)
    said = f"verdict of {report_data.utc_minute(RECONCILED)}; the source was checked again since"
    md = next(line for line in report.render(data, "md").splitlines() if line.startswith("| 1 |"))
    assert said in md and "on 2026-01-07 00:00 UTC: run citewatch reconcile to bring the verdict up to date" in md
    html = report.render(data, "html")
    assert said in html and "run citewatch reconcile" in html and "statement:" not in html
    line = next(csv.DictReader(io.StringIO(report.render(data, "csv"))))
    assert line["verdict_stale_since"] == LATER
    assert '"verdict_stale_since": "2026-01-07T00:00:00+00:00"' in report.render(data, "json")


def test_a_404_again_after_a_verdict_on_the_last_reading_names_it_the_last_fetch_and_is_not_stale(db, cited):
    """The verdict already rests on the page as read before a 404; another 404
    changes nothing reconcile would say but which fetch was the last, and the report says that."""
    f, source = cited
    f.fetch(f.crawl(LATER), source, "client-error", status=404)
    row = _row(db)
    assert row["verdict_stale_since"] is None and row["live"]["class"] == "client-error"
    assert "its last fetch (client-error, 2026-01-07 00:00 UTC) gave no text" in row["verdict"]["reason"]
    assert "2026-01-02 00:00 UTC" not in row["verdict"]["reason"]
    data = report_data.build(db)
    assert "its last fetch (client-error, 2026-01-07 00:00 UTC)" in report.render(data, "md")
    assert "run citewatch reconcile" not in report.render(data, "md") + report.render(data, "html")


def test_a_page_live_again_since_the_verdict_is_not_said_to_have_given_no_text_last(db, cited):
    f, source = cited
    f.fetch(f.crawl(LATER), source, "live", text=PAGE.replace("1000", "1037"))
    row = _row(db)
    assert row["verdict_stale_since"] == LATER
    assert "its last fetch" not in row["verdict"]["reason"]
    assert "its fetch (client-error, 2026-01-02 00:00 UTC) gave no text" in row["verdict"]["reason"]


def _same_body(f, db, source):
    """The page's bytes again: the pipeline reuses its extraction and stores no text."""
    f.fetch(f.crawl(LATER), source, "live", body=f"<html><title>None</title><p>{PAGE}</p></html>")


def _same_words(f, db, source):
    """Other bytes, the same words (a token in the markup): the text is stored once, and the
    source's latest extraction says the fetch gave it (crawler/pipelines.py)."""
    fetch = f.fetch(f.crawl(LATER), source, "live", body=f"<html><p>{PAGE}</p><!-- token 5f2c --></html>")
    text = db.execute("select id from texts where source_id = ?", [source]).fetchone()[0]
    db["extractions"].upsert({"source_id": source, "fetch_id": fetch, "text_id": text, "content_type": "text/html",
                              "body_sha256": db["fetches"].get(fetch)["sha256"], "url": URL,
                              "extractor": "trafilatura", "created_at": LATER}, pk="source_id")


def _rate_limited(f, db, source):
    f.fetch(f.crawl(LATER), source, "rate-limited", status=429)


def _offline(f, db, source):
    crawl = f.crawl(LATER)
    f.fetch(crawl, source, "dns-failure", status=None)
    db["crawls"].update(crawl, {"offline": 1})


@pytest.mark.parametrize("check", [_same_body, _same_words, _rate_limited, _offline])
def test_a_check_that_cannot_change_the_verdict_does_not_call_it_stale(db, read_live, check):
    """The same page re-checked (a weekly crawl; its bytes, or its words), a rate
    limit and an offline crawl's withdrawn check say nothing new about the text the verdict
    rests on."""
    f, source = read_live
    check(f, db, source)
    row = _row(db)
    assert row["live"]["checked_at"] == LATER and row["verdict_stale_since"] is None
    assert "run citewatch reconcile" not in report.render(report_data.build(db), "md")


@pytest.mark.parametrize("text, stale", [(None, False), (PAGE, True)])
def test_a_verdict_on_the_memento_is_stale_only_once_the_page_gives_a_text(db, tmp_path, text, stale):
    """A dead page answering 404 again changes nothing of a verdict worked out on
    its memento; the page live again (a text reconcile has not weighed) does."""
    f = Factory(db)
    doc = f.document()
    source = f.source(URL)
    f.citation(doc, f.statement(doc, 1, "Ministry", QUOTE), 1, source, url=URL)
    f.fetch(f.crawl("2026-01-01T00:00:00+00:00"), source, "client-error", status=404)
    f.snapshot(source, "20200401093000")
    f.text(source, QUOTE, origin="memento", memento_timestamp="20200401093000")
    reconcile.run(db, load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data")))
    db.execute("update quote_checks set checked_at = ?", [RECONCILED])
    f.fetch(f.crawl(LATER), source, "live" if text else "client-error", status=200 if text else 404, text=text)
    row = _row(db)
    assert row["verdict"]["text_origin"] == "memento"
    assert row["verdict_stale_since"] == (LATER if stale else None)


def test_the_csv_and_json_give_each_check_its_warc_record_and_body_sha256(web, db, tmp_path):
    """The archivist's evidence, from a real crawl: the CSV row and the JSON's
    `live` (of the footnote and of the source) point at the response record of the fetch the
    Live columns show, and give the SHA-256 of its body."""
    import hashlib
    import json
    import uuid

    from warcio.archiveiterator import ArchiveIterator

    from crawler import crawl

    f = Factory(db)
    doc = f.document()
    url = f"{web['main']}/history/{uuid.uuid4().hex[:8]}/a"
    statement = f.statement(doc, 1, "Ministry", "The Ministry calls upon all parties.")
    f.citation(doc, statement, 1, f.source(url), url=url)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data")).with_overrides(
        allow_private_networks=True, host_delay=0.0, retries=0, fetch_timeout=5.0, autothrottle=False,
        soft404_probe=False, obey_robots=False, extract_workers=1)
    assert crawl.run(db, config, show_progress=False)["sources"] == 1
    fetch = db.execute_returning_dicts("select * from fetches where purpose = 'live' and final = 1")[0]

    line = next(csv.DictReader(io.StringIO(report.render(report_data.build(db, config=config), "csv"))))
    assert (line["fetch_id"], line["warc_offset"]) == (str(fetch["id"]), str(fetch["warc_offset"]))
    with open(config.data_path / line["warc_path"], "rb") as warc:
        warc.seek(int(line["warc_offset"]))
        record = next(iter(ArchiveIterator(warc)))
        assert record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == url
        assert hashlib.sha256(record.content_stream().read()).hexdigest() == line["body_sha256"] == fetch["sha256"]

    data = json.loads(report.render(report_data.build(db, config=config), "json"))
    live = data["documents"][0]["footnotes"][0]["live"]
    assert data["sources"][0]["live"] == live
    assert {k: live[k] for k in ("fetch_id", "body_sha256", "warc_path", "warc_offset")} == {
        "fetch_id": fetch["id"], "body_sha256": line["body_sha256"], "warc_path": line["warc_path"],
        "warc_offset": fetch["warc_offset"]}


def test_the_robust_link_names_the_url_the_memento_is_of(db):
    """A cited URL that redirects today (to the site's home page, say) kept the
    redirect target as the memento's data-originalurl."""
    f = Factory(db)
    doc = f.document()
    url = "https://mfa.example.org/old-link"
    source = f.source(url)
    f.citation(doc, f.statement(doc, 1, "Ministry", QUOTE), 1, source, url=url)
    f.fetch(f.crawl("2026-01-02T00:00:00+00:00"), source, "redirected-to-root", final_url="https://mfa.example.org/")
    f.snapshot(source, "20200401093000")
    html = report.render(report_data.build(db), "html")
    robust = html.split('data-versionurl="https://web.archive.org/web/20200401093000/')
    assert 'data-originalurl="https://mfa.example.org/old-link"' in html
    assert 'data-originalurl="https://mfa.example.org/"' not in html and len(robust) > 1


def test_body_sha256_is_of_the_body_its_content_encoding_undone_not_the_record_payload(web, db, tmp_path):
    """A page sent gzipped is stored in the WARC as sent; `body_sha256` is of the
    body decoded (warcio's content_stream()), which the docs say, not of the stored payload."""
    import hashlib
    import json

    from warcio.archiveiterator import ArchiveIterator

    from crawler import crawl

    f = Factory(db)
    doc = f.document()
    url = f"{web['main']}/crawl/gzipped"
    f.citation(doc, f.statement(doc, 1, "Ministry", "The Ministry calls upon all parties."), 1, f.source(url), url=url)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data")).with_overrides(
        allow_private_networks=True, host_delay=0.0, retries=0, fetch_timeout=5.0, autothrottle=False,
        soft404_probe=False, obey_robots=False, extract_workers=1)
    crawl.run(db, config, show_progress=False)
    live = json.loads(report.render(report_data.build(db, config=config), "json"))["documents"][0]["footnotes"][0]["live"]
    with open(config.data_path / live["warc_path"], "rb") as warc:
        warc.seek(live["warc_offset"])
        record = next(iter(ArchiveIterator(warc)))
        assert record.http_headers.get_header("Content-Encoding") == "gzip"
        stored = record.raw_stream.read()
    with open(config.data_path / live["warc_path"], "rb") as warc:
        warc.seek(live["warc_offset"])
        decoded = next(iter(ArchiveIterator(warc))).content_stream().read()
    assert live["body_sha256"] == hashlib.sha256(decoded).hexdigest() != hashlib.sha256(stored).hexdigest()
    assert "sha256" not in live
