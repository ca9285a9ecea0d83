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
LATER = "2030-01-07T00:00:00+00:00"   # a crawl after the reconcile run of the test (now)


@pytest.fixture
def cited(db, tmp_path):
    """One statement citing one page, read live on 2026-01-01, 404 on 2026-01-02, then
    reconciled (now): its verdict rests on the page as read on 2026-01-01, and its last fetch
    gave no text."""
    f = Factory(db)
    doc = f.document()
    statement = f.statement(doc, 1, "Ministry", QUOTE)
    url = "https://mfa.example.org/press/s27"
    source = f.source(url)
    f.citation(doc, statement, 1, source, url=url)
    f.fetch(f.crawl("2026-01-01T00:00:00+00:00"), source, "live", text=PAGE)
    f.fetch(f.crawl("2026-01-02T00:00:00+00:00"), source, "client-error", status=404)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data"))
    assert reconcile.run(db, config)["verbatim"] == 1
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


def test_a_check_after_the_verdict_makes_every_format_say_it_is_older(db, cited):
    """audit12b F4: after `crawl` alone, "client-error 404 … verbatim against the live text"
    with "its last fetch (client-error, <a fetch before the latest>)"."""
    f, source = cited
    f.fetch(f.crawl(LATER), source, "client-error", status=404)
    row = _row(db)
    assert row["verdict_stale_since"] == LATER and row["live"]["class"] == "client-error"
    # the last fetch named is the latest check, not the one before the verdict
    assert "its last fetch (client-error, 2030-01-07 00:00 UTC) gave no text" in row["verdict"]["reason"]
    assert "2026-01-02 00:00 UTC" not in row["verdict"]["reason"]
    assert row["statement_verdict"] is row["verdict"]   # one footnote: one verdict, no "statement: …" line
    data = report_data.build(db)
    said = f"verdict of {report_data.utc_minute(row['verdict']['checked_at'])}; the source was checked again since"
    md = next(line for line in report.render(data, "md").splitlines() if line.startswith("| 1 |"))
    assert said in md and "on 2030-01-07 00:00 UTC: run citewatch reconcile to bring the verdict up to date" in md
    assert "its last fetch (client-error, 2030-01-07 00:00 UTC)" in md
    html = report.render(data, "html")
    assert said in html and "run citewatch reconcile" in html and "statement:" not in html
    line = next(csv.DictReader(io.StringIO(report.render(data, "csv"))))
    assert line["verdict_stale_since"] == LATER and "2030-01-07 00:00 UTC" in line["verdict_reason"]
    assert '"verdict_stale_since": "2030-01-07T00:00:00+00:00"' in report.render(data, "json")


def test_a_page_live_again_since_the_verdict_is_not_said_to_have_given_no_text_last(db, cited):
    f, source = cited
    f.fetch(f.crawl(LATER), source, "live", text=PAGE.replace("1000", "1037"))
    row = _row(db)
    assert row["verdict_stale_since"] == LATER
    assert "its last fetch" not in row["verdict"]["reason"]
    assert "its fetch (client-error, 2026-01-02 00:00 UTC) gave no text" in row["verdict"]["reason"]


def test_the_csv_and_json_give_each_check_its_warc_record_and_sha256(web, db, tmp_path):
    """audit12a 6: the archivist's evidence, from a real crawl: the CSV row and the JSON's
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
        assert hashlib.sha256(record.content_stream().read()).hexdigest() == line["sha256"] == fetch["sha256"]

    data = json.loads(report.render(report_data.build(db, config=config), "json"))
    live = data["documents"][0]["footnotes"][0]["live"]
    assert data["sources"][0]["live"] == live
    assert {k: live[k] for k in ("fetch_id", "sha256", "warc_path", "warc_offset")} == {
        "fetch_id": fetch["id"], "sha256": line["sha256"], "warc_path": line["warc_path"],
        "warc_offset": fetch["warc_offset"]}


def test_the_robust_link_names_the_url_the_memento_is_of(db):
    """audit12a 8: a cited URL that redirects today (to the site's home page, say) kept the
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
