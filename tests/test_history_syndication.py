"""A resolved tweet's history: its checks by the syndication endpoint, from real social runs
against the test web, replayed into every report's data the way the crawl stored them."""

from __future__ import annotations

import datetime
import json
import shutil
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import lxml.html
import pytest

import db as database
from crawler import history, report, report_data, social
from crawler.config import load_config
from crawler.state import KEEP_CHECKS, record_check
from tests.factories import Factory
from tests.test_social import add_social_citation, resolution, social_env
from tests.web import social as archived

TWEETS = {"live": (archived.ESTONIA, "2020-03-31"), "tombstone": (archived.WITHHELD, "2020-04-02"),
          "404": (archived.VANISHED, "2020-04-02")}


@pytest.fixture(scope="module")
def resolved_tweets(web, tmp_path_factory):
    """Three tweets cited in a letter, resolved from their captures by the first social run:
    one the syndication endpoint has, one it answers a tombstone for, one it answers 404 for.
    Dead needs two failing checks with no days between, and every run asks again (no recheck
    interval: the tests run the stage back to back).  Resolved once a module, in a folder
    `tweets` copies for each test (its database and data directory: the WARC records of the
    answers).  Returns (that folder, the run's settings, {name: source id})."""
    folder = tmp_path_factory.mktemp("tweets")
    env = social_env(web, folder, "history-synd-" + uuid.uuid4().hex[:8], mirrors=False)
    env.update({"CITEWATCH_DEAD_AFTER_CHECKS": "2", "CITEWATCH_DEAD_AFTER_DAYS": "0",
                "CITEWATCH_RECHECK_LIVE": "0", "CITEWATCH_RECHECK_FAILING": "0", "CITEWATCH_RECHECK_DEAD": "0",
                "CITEWATCH_SYNDICATION_URL": web["main"] + "/syndication"})
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    document = Factory(db).document()
    ids = {name: add_social_citation(db, document, n, "twitter", "@" + tweet.handle, date, tweet.text)
           for n, (name, (tweet, date)) in enumerate(TWEETS.items(), start=1)}
    assert social.run(db, config)["resolved"] == 3
    sources = {name: resolution(db, ids[name])["post_source_id"] for name in ids}
    db.conn.close()
    return folder, env, sources


@pytest.fixture
def tweets(resolved_tweets, tmp_path):
    """`resolved_tweets` as the first social run left them, in this test's own copy (the tests
    run social stages on them, damage and delete).  Returns (db, config, {name: source id})."""
    folder, env, sources = resolved_tweets
    with closing(sqlite3.connect(folder / "test.db")) as kept, closing(sqlite3.connect(tmp_path / "test.db")) as copy:
        kept.backup(copy)   # (whatever the template's -wal still holds)
    shutil.copytree(folder / "data", tmp_path / "data")
    config = load_config(env={**env, "CITEWATCH_DB": str(tmp_path / "test.db"),
                              "CITEWATCH_DATA_DIR": str(tmp_path / "data")})
    return database.open_db(config.db_path), config, sources


def _reported(db, config, source_id: int) -> dict:
    """The source as every report format gets it."""
    return next(s for s in report_data.build(db, config=config)["sources"] if s["id"] == source_id)


def _checks(source: dict) -> list[tuple[str, str]]:
    return [(c["class"], c["state"]) for c in source["history"]["checks"]]


def _page_check(db, config, source_id: int, cls: str = "login-wall") -> None:
    """A crawl's logged-out fetch of the tweet's own page, recorded as the crawl pipeline does."""
    at = database.now()
    f = Factory(db)
    crawl = f.crawl(at)
    fetch = f.fetch(crawl, source_id, cls, reason=f"a logged-out visit: {cls}", final=1, started_at=at)
    with db.conn:
        record_check(db, source_id, {"at": at, "class": cls, "reason": f"a logged-out visit: {cls}",
                                     "attempt": "citewatch", "crawl_id": crawl, "fetch_id": fetch}, config.values)


def _stored_state_is_replayed(db, config, reported: dict) -> None:
    """The state the replayed history ends in is the one the crawl stored."""
    stored = db["sources"].get(reported["id"])
    assert reported["state"] == stored["state"]
    assert reported["history"]["checks"][-1]["state"] == stored["state"]
    assert reported["state_reason"] == stored["state_reason"]


def test_a_tweets_syndication_checks_are_its_history_in_every_report(tweets):
    db, config, sources = tweets
    vanished = _reported(db, config, sources["404"])
    assert _checks(vanished) == [("post-not-found", "unknown")]   # unconfirmed: 1 of 2 checks
    assert vanished["state_reason"] == "not found by the syndication endpoint (1 of 2 checks)"
    assert vanished["live"]["class"] == "post-not-found" and vanished["live"]["status"] == 404
    asked = {f["source_id"]: f for f in db["fetches"].rows_where("purpose = 'post-state'")}
    assert vanished["history"]["checks"][0]["crawl_id"] == asked[sources["404"]]["crawl_id"]
    assert vanished["history"]["first_failing"] is None   # not rot until a second check repeats it
    live = _reported(db, config, sources["live"])
    assert _checks(live) == [("live", "live")]
    assert live["history"]["first_live"] == live["history"]["checks"][0]["at"]
    assert _checks(_reported(db, config, sources["tombstone"])) == [("post-unavailable", "unknown")]
    for name in sources:
        _stored_state_is_replayed(db, config, _reported(db, config, sources[name]))

    social.run(db, config)       # the next run repeats the 404: confirmed, failing
    _page_check(db, config, sources["404"])  # then a crawl meets the tweet page's login wall
    vanished = _reported(db, config, sources["404"])
    assert _checks(vanished) == [("post-not-found", "unknown"), ("post-not-found", "failing"),
                                 ("login-wall", "failing")]   # the logged-out page changes nothing
    assert [e["event"] for e in vanished["history"]["events"]] == ["first-seen", "failing"]
    _stored_state_is_replayed(db, config, vanished)

    social.run(db, config)       # a second failing check, the login wall between not resetting the count
    vanished = _reported(db, config, sources["404"])
    assert _checks(vanished)[-1] == ("post-not-found", "dead")
    assert vanished["history"]["first_dead"] == vanished["history"]["checks"][-1]["at"]
    _stored_state_is_replayed(db, config, vanished)
    assert _checks(_reported(db, config, sources["live"])) == [("live", "live")] * 3


def test_a_resolve_run_again_before_the_tweets_are_due_asks_about_none(tweets):
    """A resolve killed after it recorded the tweets' states and run again at once (or any run
    before they are due) asks the endpoint nothing: its 404 seconds after the last one would
    count as one more failing check, and here (two checks, no days between) declare the tweet
    dead, where an uninterrupted run left it failing.  --redo asks about every one."""
    db, config, sources = tweets
    config = config.with_overrides(recheck_live="7d", recheck_failing="1d", recheck_dead="30d")

    def asked() -> int:
        return db.execute("select count(*) from fetches where purpose = 'post-state'").fetchone()[0]

    def vanished() -> tuple[str, int]:
        row = db["sources"].get(sources["404"])
        return row["state"], row["failing_checks"]

    before = asked()
    social.run(db, config, redo=True)   # the 404 repeated: confirmed, failing
    assert asked() == before + len(sources) and vanished() == ("failing", 1)
    social.run(db, config)              # again at once, as after a kill: none is due
    assert asked() == before + len(sources) and vanished() == ("failing", 1)


def test_a_tweet_is_asked_again_an_interval_after_the_endpoints_last_answer_whatever_the_crawl_did(tweets):
    """The crawl's logged-out fetch of a tweet's page moves its `next_check` a day on minutes
    before resolve asks the endpoint; read as the tweet's due time, no run would ever ask again.
    The interval counts from the endpoint's own last answer (state.py `asked_again`): a day
    after it, the tweets are asked about again, a crawl's check of their pages just before or not."""
    db, config, sources = tweets
    config = config.with_overrides(recheck_live="7d", recheck_failing="1d", recheck_dead="30d")
    social.run(db, config, redo=True)
    asked = db.execute("select count(*) from fetches where purpose = 'post-state'").fetchone()[0]
    eight_days_ago = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=8)).isoformat(timespec="seconds")
    for source_id in sources.values():   # the endpoint's answers, eight days old (past every interval here)
        checks = [{**check, "at": eight_days_ago, "interval_from": eight_days_ago} if check.get("via") == "syndication"
                  else check for check in json.loads(db["sources"].get(source_id)["checks"])]
        db.execute("update sources set checks = ? where id = ?", [json.dumps(checks), source_id])
        _page_check(db, config, source_id)    # this run's crawl, minutes before resolve
        assert db["sources"].get(source_id)["next_check"] > database.now()
    social.run(db, config)
    assert db.execute("select count(*) from fetches where purpose = 'post-state'").fetchone()[0] == asked + len(sources)


def test_a_dead_tweet_stays_dead_however_many_login_walls_come(tweets):
    """More logged-out page checks than sources.checks keeps: the syndication checks stay,
    so none of them resets the dead tweet, and the next 404 still counts."""
    db, config, sources = tweets
    social.run(db, config)
    social.run(db, config)   # 404, 404, 404: confirmed, then dead (two failing checks)
    assert (db["sources"].get(sources["404"])["state"], db["sources"].get(sources["404"])["failing_checks"]) == ("dead", 2)
    for _ in range(KEEP_CHECKS + 2):
        _page_check(db, config, sources["404"])
    stored = db["sources"].get(sources["404"])
    assert (stored["state"], stored["failing_checks"]) == ("dead", 2)
    kept = json.loads(stored["checks"])
    assert len(kept) == KEEP_CHECKS and kept[-1]["class"] == "login-wall"
    assert [c["class"] for c in kept if c.get("via") == "syndication"] == ["post-not-found"] * 3
    reported = _reported(db, config, sources["404"])
    assert _checks(reported)[-1] == ("login-wall", "dead")
    _stored_state_is_replayed(db, config, reported)

    social.run(db, config)   # the endpoint's next 404 counts on, not "1 of 2" after a reset
    stored = db["sources"].get(sources["404"])
    assert (stored["state"], stored["failing_checks"]) == ("dead", 3)
    _stored_state_is_replayed(db, config, _reported(db, config, sources["404"]))


def _drop_syndication_checks(db, source_id: int) -> None:
    """sources.checks as citewatch left it before `_trimmed`: logged-out page checks had
    pushed the syndication checks out (and may still, in databases written then)."""
    kept = [c for c in json.loads(db["sources"].get(source_id)["checks"]) if c.get("via") != "syndication"]
    with db.conn:
        db["sources"].update(source_id, {"checks": json.dumps(kept)})


def test_checks_dropped_from_the_sources_kept_list_are_read_again_from_their_answers(tweets):
    db, config, sources = tweets
    for source_id in sources.values():
        for _ in range(KEEP_CHECKS):
            _page_check(db, config, source_id)
        _drop_syndication_checks(db, source_id)
    expected = {"live": ("live", "live"), "tombstone": ("post-unavailable", "unknown"),
                "404": ("post-not-found", "unknown")}
    for name, source_id in sources.items():
        reported = _reported(db, config, source_id)
        checks = _checks(reported)
        # the 200 answers told apart by their bodies in the WARC, the 404 by its status
        assert checks[0] == expected[name]
        assert checks[1:] == [("login-wall", expected[name][1])] * KEEP_CHECKS
        _stored_state_is_replayed(db, config, reported)

    for f in db["fetches"].rows_where("purpose = 'post-state'"):  # the WARCs gone: a 200's body is too
        (Path(config.values["data_dir"]) / f["warc_path"]).unlink(missing_ok=True)   # relative: in data_dir
    assert _checks(_reported(db, config, sources["live"]))[0][0] == "login-wall"
    assert _checks(_reported(db, config, sources["404"]))[0] == ("post-not-found", "unknown")


def test_a_web_pages_history_is_its_crawls_alone(db):
    """A web source's checks are its live fetches, as before: post fetches say nothing of it."""
    f = Factory(db)
    page = f.source("https://mfa.example.org/statement")
    crawls = [f.crawl(f"2026-01-0{d}T00:00:00+00:00") for d in (1, 2)]
    f.fetch(crawls[0], page, "live", final=1)
    f.fetch(crawls[1], page, "live", purpose="post", final=1)
    f.fetch(crawls[1], page, "client-error", status=404, final=1)
    checks = history.load_checks(db)[page]
    assert [(c.fetch_class, c.state, c.via) for c in checks] == [("live", "live", None),
                                                                 ("client-error", "failing", None)]


def test_a_resolved_tweet_s_footnote_shows_the_tweet_s_state_not_the_account_s(tweets):
    db, config, sources = tweets
    rows = {f["citation_id"]: f for d in report_data.build(db, config=config)["documents"] for f in d["footnotes"]}
    for name, source_id in sources.items():
        row = next(r for r in rows.values() if (r["resolved"] or {}).get("resolution", {}).get("post_source_id") == source_id)
        assert row["source_id"] == source_id and row["state"] == db["sources"].get(source_id)["state"], name
    vanished = next(r for r in rows.values() if r["source_id"] == sources["404"])
    assert vanished["live"]["class"] == "post-not-found"


def test_a_resolve_runs_row_of_link_rot_over_time_says_so_in_every_format(tweets):
    """The resolve run checked tweets only: its row of the rot table is labelled `resolve`,
    a crawl of the web sources' row `crawl`, in the JSON data, the HTML and the Markdown."""
    db, config, sources = tweets
    f = Factory(db)
    page = f.source("https://mfa.example.org/statement")
    crawl = f.crawl(database.now())
    f.fetch(crawl, page, "client-error", status=404, final=1)
    resolve_run = next(r["crawl_id"] for r in db["fetches"].rows_where("purpose = 'post-state'"))
    data = report_data.build(db, config=config)
    assert [(r["crawl_id"], r["run_kind"]) for r in data["link_rot"]["over_time"]] == [
        (resolve_run, "resolve"), (crawl, "crawl")]

    rows = lxml.html.fromstring(report.render(data, "html")).xpath(
        "//h2[.='Link rot over time']/following-sibling::table[1]/tbody/tr")
    cells = {int(r.xpath("string(td[1])")): (r.xpath("string(td[2])"), r.get("class")) for r in rows}
    assert cells == {resolve_run: ("resolve", "run-resolve"), crawl: ("crawl", "run-crawl")}
    markdown = report.render(data, "md").split("## Link rot over time", 1)[1]
    assert f"\n| {resolve_run} | resolve | " in markdown and f"\n| {crawl} | crawl | " in markdown
    assert "A *resolve* run checked only the tweets" in markdown   # said when the table has one ...
    crawls_only = [{**row, "run_kind": "crawl"} for row in data["link_rot"]["over_time"]]
    assert "A *resolve* run" not in report.render({**data, "link_rot": {**data["link_rot"], "over_time": crawls_only}},
                                                  "md")       # ... and only then


def test_the_rot_chart_says_what_its_hollow_point_is(tweets):
    """The chart draws a resolve run's point hollow: a key under it says so (a tooltip alone
    is never seen on paper), and only when the chart has such a point."""
    db, config, sources = tweets
    f = Factory(db)
    f.fetch(f.crawl(database.now()), f.source("https://mfa.example.org/statement"), "client-error", status=404, final=1)
    data = report_data.build(db, config=config)

    def key(data) -> str:
        chart = lxml.html.fromstring(report.render(data, "html")).xpath("//svg[@aria-labelledby='trend-title']")[0]
        return " ".join(chart.xpath("text[@class='trend-key']/text()"))

    assert key(data) == "a resolve run: tweets only"
    crawls_only = [{**row, "run_kind": "crawl"} for row in data["link_rot"]["over_time"]]
    assert key({**data, "link_rot": {**data["link_rot"], "over_time": crawls_only}}) == ""


def test_a_database_from_before_m019_replays_its_syndication_checks_as_before(tweets):
    """Fetches from before m019 keep no state_after: the tweets' histories are replayed
    from their syndication checks (sources.checks, or the answers' WARC records) as before."""
    db, config, sources = tweets
    social.run(db, config)
    social.run(db, config)   # 404, 404, 404: confirmed, then dead (two failing checks)
    recorded = {name: _checks(_reported(db, config, sid)) for name, sid in sources.items()}
    assert recorded["404"] == [("post-not-found", "unknown"), ("post-not-found", "failing"), ("post-not-found", "dead")]
    with db.conn:
        db.execute("update fetches set state_after = null")
    assert {name: _checks(_reported(db, config, sid)) for name, sid in sources.items()} == recorded
