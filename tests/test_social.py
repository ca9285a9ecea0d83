"""The social stage against the test web: the archive's CDX and replay, the Nitter-like
mirror and the syndication endpoint, with real crawls into real SQLite and WARC files.

The letter (examples/un-letter-A-74-855.txt) is ingested by the ingest stage; its eleven
Twitter and three Facebook citations are resolved against tests/web/social.py's posts.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from rich.console import Console
from warcio.archiveiterator import ArchiveIterator

import db as database
from archive.warc import warc_location
from archive.errors import ArchiveUnreachable, RateLimited
from archive.wayback import UNREACHABLE_IN_A_ROW, Wayback, WaybackOptions
from crawler import ingest, social, state
from crawler.cli import cli
from crawler.config import load_config
from tests.conftest import LETTER, ROOT
from tests.web import social as archived

def add_social_citation(db, document_id: int, seq: int, kind: str, account: str, date: str | None,
                        quote: str) -> int:
    """A statement and its social citation shaped as ingest writes them (source keyed by account),
    for cases the letter does not have."""
    statement = db["statements"].insert({"document_id": document_id, "seq": seq, "entity": f"entity {seq}",
                                         "date": date, "footnote": seq, "quote": quote}).last_pk
    if kind == "twitter":
        key, url, handle = f"twitter:{account.lower()}", f"https://twitter.com/{account.lstrip('@')}", account
        printed = f"{seq} Official twitter account, {account}."
    else:
        key, url, handle = f"facebook:{account.rstrip('/').rsplit('/', 1)[-1].lower()}", account, None
        printed = f"{seq} Official Facebook account, {account}."
    db.execute("insert or ignore into sources (kind, key, url, first_seen) values (?, ?, ?, ?)",
               [kind, key, url, database.now()])
    source_id = db.execute("select id from sources where key = ?", [key]).fetchone()[0]
    return db["citations"].insert({"document_id": document_id, "statement_id": statement, "seq": seq,
                                   "kind": kind, "printed": printed, "url": None if kind == "twitter" else url,
                                   "handle": handle, "source_id": source_id}).last_pk


def letter_db(config) -> dict[int, int]:
    """The letter ingested into the configured database: {footnote: citation id} of its
    Twitter and Facebook citations."""
    db = database.open_db(config.db_path)
    ingest.run(db, config, str(LETTER))
    return {row[0]: row[1] for row in db.execute(
        "select seq, id from citations where kind in ('twitter', 'facebook')")}


def social_env(web_sites, tmp_path, namespace: str, mirrors: bool = True) -> dict[str, str]:
    """Settings for one test: its own archive namespace, no politeness delays, loopback allowed."""
    env = {
        "CITEWATCH_DB": str(tmp_path / "test.db"),
        "CITEWATCH_DATA_DIR": str(tmp_path / "data"),
        "CITEWATCH_WAYBACK_URL": f"{web_sites['archive']}/ns/{namespace}",
        "CITEWATCH_CDX_PER_MINUTE": "0",
        "CITEWATCH_HOST_DELAY": "0",
        "CITEWATCH_AUTOTHROTTLE": "0",
        "CITEWATCH_RETRIES": "0",
        "CITEWATCH_FETCH_TIMEOUT": "10",
        "CITEWATCH_ALLOW_PRIVATE_NETWORKS": "1",
        "CITEWATCH_CONCURRENCY": "8",
        "CITEWATCH_PER_HOST_CONCURRENCY": "4",
    }
    if mirrors:
        env["CITEWATCH_NITTER_MIRRORS"] = web_sites["nitter"]
        env["CITEWATCH_SYNDICATION_URL"] = web_sites["main"] + "/syndication"
    return env


def resolution(db, citation_id: int) -> dict:
    return json.loads(db["citations"].get(citation_id)["resolution"])


def candidates(db, citation_id: int) -> dict[str, dict]:
    return {r["post_id"]: r for r in db["candidates"].rows_where("citation_id = ?", [citation_id])}


def snapshot(db) -> dict:
    """Every row the stage writes, to compare two runs."""
    return {
        "candidates": sorted(tuple(r.values())[1:] for r in db["candidates"].rows),
        "citations": sorted((r["id"], r["resolved_url"], r["resolved_timestamp"], r["resolution"])
                            for r in db["citations"].rows),
        "sources": sorted((r["kind"], r["key"]) for r in db["sources"].rows),
        "post_texts": sorted((r["source_id"], r["sha256"], r["memento_timestamp"])
                             for r in db["texts"].rows_where("extractor like 'citewatch-posts/%'")),
    }


@pytest.fixture(scope="module")
def letter_run(web, tmp_path_factory):
    """The letter's social citations resolved once, with mirrors and syndication configured."""
    tmp_path = tmp_path_factory.mktemp("social-letter")
    env = social_env(web, tmp_path, "social-letter-" + uuid.uuid4().hex[:8])
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    counts = social.run(db, config)
    return {"db": db, "config": config, "ids": ids, "counts": counts, "env": env}


def test_every_twitter_citation_of_the_letter_ends_resolved_or_says_why_not(letter_run):
    db, ids = letter_run["db"], letter_run["ids"]
    assert sorted(ids) == [7, 8, 10, 13, 14, 16, 20, 21, 24, 26, 28, 29, 40, 41]
    for seq in ids:
        citation = db["citations"].get(ids[seq])
        kind = citation["kind"]
        outcome = resolution(db, ids[seq])
        if outcome["status"] == "resolved":
            assert citation["resolved_url"] and citation["resolved_timestamp"], seq
            assert outcome["score"] >= 60 and outcome["candidates"] >= 1, seq
            source = db["sources"].get(outcome["post_source_id"])
            assert (source["kind"], source["url"]) == (kind, citation["resolved_url"])
            texts = list(db["texts"].rows_where("source_id = ? and origin = 'post'", [source["id"]]))
            assert len(texts) == 1 and texts[0]["text"], seq
        else:
            assert outcome["status"] in ("unresolved", "unverifiable"), seq
            assert citation["resolved_url"] is None
            assert f"({outcome['candidates']} candidates seen" in outcome["reason"], seq
    statuses = {seq: resolution(db, ids[seq])["status"] for seq in ids}
    assert sorted(s for s, v in statuses.items() if v == "unresolved") == [8, 29]      # Twitter, with reasons
    assert sorted(s for s, v in statuses.items() if v == "unverifiable") == [41]       # Facebook, nothing archived
    assert letter_run["counts"] == {"citations": 14, "skipped": 0, "resolved": 11, "unresolved": 2,
                                    "unverifiable": 1, "errors": 0, "kept": 0, "candidates": 16}


def test_an_empty_list_of_citations_is_none_of_them_not_every_one(letter_run):
    """A run limited to no citation (a check's list with no social one) must not resolve them all."""
    db, ids = letter_run["db"], letter_run["ids"]
    assert social.due(db, []) == [] and social.summary_rows(db, []) == []
    assert [row["id"] for row in social.due(db, [ids[7]])] == [ids[7]]
    assert len(social.due(db)) == len(ids)


@pytest.mark.parametrize("seq, tweet, via, layout, host", [
    (20, archived.ESTONIA, "cdx", "twitter-legacy", "twitter.com"),
    (21, archived.PELTOKOSKI, "cdx", "twitter-react", "twitter.com"),
    (28, archived.LATVIA, "cdx", "og:description", "twitter.com"),          # archived as latvian_mfa
    (26, archived.ITALY, "cdx", "twitter-react", "mobile.twitter.com"),     # only under mobile.twitter.com
    (24, archived.GERMANY, "cdx", "twitter-react", "x.com"),                # only under x.com, captured in 2023
    (13, archived.TURKPA, "cdx", "twitter-legacy", "twitter.com"),
    (10, archived.OSCEPA, "cdx", "twitter-legacy", "twitter.com"),
    (16, archived.CANADA, "nitter", "nitter", None),                        # nothing archived; the mirror has it
    (14, archived.AUSTRALIA, "syndication", "syndication", None),           # the capture is an empty shell
])
def test_the_cited_tweet_is_found_however_it_was_kept(letter_run, seq, tweet, via, layout, host):
    db, citation_id = letter_run["db"], letter_run["ids"][seq]
    citation, outcome = db["citations"].get(citation_id), resolution(db, citation_id)
    assert citation["resolved_url"] == f"https://twitter.com/{tweet.handle}/status/{tweet.status_id}"
    assert citation["resolved_timestamp"] == tweet.posted
    assert (outcome["via"], outcome["layout"]) == (via, layout)
    if host:
        assert f"id_/https://{host}/{tweet.handle}/status/{tweet.status_id}" in outcome["memento_url"]
    chosen = [c for c in candidates(db, citation_id).values() if c["chosen"]]
    assert [c["post_id"] for c in chosen] == [tweet.status_id]
    stored = next(db["texts"].rows_where("source_id = ? and origin = 'post'", [outcome["post_source_id"]]))
    assert stored["text"] == tweet.text


def test_the_off_topic_tweet_of_the_same_day_is_kept_but_not_chosen(letter_run):
    db, ids = letter_run["db"], letter_run["ids"]
    estonia = candidates(db, ids[20])
    # the off-topic tweet and the statement; the capture "?s=20" collapsed by id; the 25 March tweet is outside
    assert set(estonia) == {archived.ESTONIA.status_id, archived.ESTONIA_OFF.status_id}
    assert estonia[archived.ESTONIA_OFF.status_id]["chosen"] == 0
    assert estonia[archived.ESTONIA_OFF.status_id]["score"] < 60 < estonia[archived.ESTONIA.status_id]["score"]
    assert estonia[archived.ESTONIA_OFF.status_id]["text"] == archived.ESTONIA_OFF.text
    canada = candidates(db, ids[16])
    assert set(canada) == {archived.CANADA.status_id, archived.CANADA_OFF.status_id}
    assert {c["via"] for c in canada.values()} == {"nitter"}
    assert canada[archived.CANADA_OFF.status_id]["chosen"] == 0


def test_a_deleted_statement_and_an_off_topic_survivor_leave_the_citation_unresolved(letter_run):
    db, ids = letter_run["db"], letter_run["ids"]
    outcome = resolution(db, ids[29])
    assert outcome["status"] == "unresolved"
    assert outcome["reason"].startswith("no post in the window matches the quote (2 candidates seen, best score")
    montenegro = candidates(db, ids[29])
    assert montenegro[archived.MONTENEGRO.status_id]["layout"] == "tombstone"
    assert montenegro[archived.MONTENEGRO.status_id]["text"] is None
    assert montenegro[archived.MONTENEGRO_OFF.status_id]["text"] == archived.MONTENEGRO_OFF.text
    assert not any(c["chosen"] for c in montenegro.values())


def test_an_account_with_nothing_in_the_window_is_unresolved_with_the_count(letter_run):
    db, ids = letter_run["db"], letter_run["ids"]
    assert resolution(db, ids[8])["reason"] == "no archived post in the window (0 candidates seen)"
    assert resolution(db, ids[8])["window"] == ["2020-03-30", "2020-04-02"]
    assert not candidates(db, ids[8])


def test_facebook_posts_under_posts_and_permalink_and_an_empty_page_is_unverifiable(letter_run):
    db, ids = letter_run["db"], letter_run["ids"]
    james = resolution(db, ids[7])
    assert db["citations"].get(ids[7])["resolved_url"] == archived.JAMES_POST[0]
    assert (james["status"], james["layout"]) == ("resolved", "facebook-usercontent")
    assert set(candidates(db, ids[7])) == {"2890211391064215", "2889022574516430"}
    uk = resolution(db, ids[40])
    assert db["citations"].get(ids[40])["resolved_url"] == archived.UK_POST[0]
    assert (uk["status"], uk["layout"]) == ("resolved", "og:description")
    empty = resolution(db, ids[41])
    assert empty == {"status": "unverifiable", "reason": "no archived post in the window (0 candidates seen)",
                     "candidates": 0, "window": ["2020-04-12", "2020-04-15"]}


def test_every_page_read_was_fetched_into_the_warc(letter_run):
    db = letter_run["db"]
    fetches = list(db["fetches"].rows_where("purpose = 'post'"))
    requested = {f["requested_url"] for f in fetches}
    assert any("id_/https://twitter.com/MFAestonia/status/" + archived.ESTONIA.status_id in u for u in requested)
    assert any(u.endswith("/CanEmbTurkey/search?f=tweets&q=&since=2020-03-31&until=2020-04-04") for u in requested)
    assert any("/syndication/tweet-result?id=" + archived.AUSTRALIA.status_id in u for u in requested)
    assert all(f["warc_path"] for f in fetches if f["status"])
    estonia = next(f for f in fetches if f["requested_url"].endswith("/MFAestonia/status/" + archived.ESTONIA.status_id))
    with open(warc_location(estonia["warc_path"], letter_run["config"].data_dir), "rb") as warc:
        warc.seek(estonia["warc_offset"])
        record = next(iter(ArchiveIterator(warc)))
        assert record.rec_headers.get_header("WARC-Target-URI") == estonia["requested_url"]
        assert b'class="TweetTextSize TweetTextSize--jumbo js-tweet-text tweet-text"' in record.content_stream().read()


def test_resolving_again_changes_nothing(letter_run):
    db, config = letter_run["db"], letter_run["config"]
    before = snapshot(db)
    again = social.run(db, config)          # the resolved ones are kept, the others searched again
    assert (again["skipped"], again["unresolved"], again["unverifiable"]) == (11, 2, 1)
    assert snapshot(db) == before
    social.run(db, config, redo=True)       # everything searched, fetched and scored again: same rows
    assert snapshot(db) == before


def test_without_mirrors_or_syndication_those_tweets_stay_unresolved(web, tmp_path):
    env = social_env(web, tmp_path, "social-bare-" + uuid.uuid4().hex[:8], mirrors=False)
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    nitter_before = _nitter_requests(web)
    social.run(db, config, citation_ids=[ids[16], ids[14]])
    assert resolution(db, ids[16])["reason"] == "no archived post in the window (0 candidates seen)"
    australia = resolution(db, ids[14])
    assert australia["reason"] == "no archived post in the window (1 candidates seen)"
    assert candidates(db, ids[14])[archived.AUSTRALIA.status_id]["layout"] == "empty"
    assert _nitter_requests(web) == nitter_before
    assert db["citations"].get(ids[20])["resolution"] is None  # not asked for


def test_a_mirror_that_cannot_be_searched_is_named_with_why_on_the_unresolved_citation(web, tmp_path):
    env = social_env(web, tmp_path, "social-unsearched-" + uuid.uuid4().hex[:8], mirrors=False)
    forbidden = f"{web['nitter']}/crawl/private"   # under a path the site's robots.txt disallows
    down = "http://127.0.0.1:1"                    # nothing listens there
    walled = f"{web['nitter']}/crawl/members-area"  # every search redirected to a login page that answers 200
    env["CITEWATCH_NITTER_MIRRORS"] = f"{forbidden},{down},{walled}"
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    nitter_before = _nitter_requests(web)
    said = io.StringIO()
    social.run(db, config, citation_ids=[ids[16]], console=Console(file=said, width=400))  # Canada: only a mirror has it
    said = " ".join(said.getvalue().split())
    assert (f"note: the Nitter mirror {forbidden} could not be searched for 1 citation: robots.txt of the site forbids "
            "this URL; not fetched (its operator asks crawlers to stay away; set obey_robots = false only if it "
            "allows citewatch)") in said
    assert f"note: the Nitter mirror {down} could not be searched for 1 citation: " in said
    outcome = resolution(db, ids[16])
    assert outcome["status"] == "unresolved"
    assert outcome["reason"].startswith("no archived post in the window (0 candidates seen); not searched: "
                                        f"{forbidden} (robots.txt of the site forbids this URL; not fetched); {down} (")
    assert [u["where"] for u in outcome["unsearched"]] == [forbidden, down, walled]
    assert "refused" in outcome["unsearched"][1]["reason"]
    assert outcome["unsearched"][2]["reason"].startswith("a login wall: redirected to a login page")
    assert _nitter_requests(web) == nitter_before  # the forbidden search was not sent (robots.txt is not counted there)


def test_a_facebook_post_archived_weeks_later_is_found_by_the_date_its_page_shows(web, tmp_path):
    env = social_env(web, tmp_path, "social-late-" + uuid.uuid4().hex[:8], mirrors=False)
    db = database.open_db(env["CITEWATCH_DB"])
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    cited = add_social_citation(db, document, 1, "facebook", f"https://www.facebook.com/{archived.LATE_PAGE}/",
                                "2020-04-01", archived.LATE_TEXT)
    # a candidate an earlier run stored under a wider window (posted 1 March), matching perfectly:
    # outside this window it counts for nothing, neither as the post nor as a match
    stale = "https://www.facebook.com/EmbassyLateArchive/posts/2999999999999999"
    db["candidates"].insert({"citation_id": cited, "platform": "facebook", "post_id": "2999999999999999", "url": stale,
                             "timestamp": "20200301120000", "via": "cdx", "layout": "facebook-usercontent",
                             "text": archived.LATE_TEXT, "score": 100.0})
    # searching captures made in the window only (as before the setting): nothing
    social.run(db, load_config(env={**env, "CITEWATCH_FACEBOOK_CAPTURE_DAYS": "0"}))
    assert resolution(db, cited)["status"] == "unverifiable"
    social.run(db, load_config(env=env))  # an unresolved citation is searched again
    outcome = resolution(db, cited)
    # captured on 20 April, posted on 1 April: in the window (31 March - 2 April) by its own date
    assert outcome["status"] == "resolved" and db["citations"].get(cited)["resolved_url"] == archived.LATE_POST[0]
    found = candidates(db, cited)
    late, shell = (post[0].rsplit("/", 1)[1] for post in (archived.LATE_POST, archived.LATE_SHELL_POST))
    # the same words posted on 10 March, and an undated page first captured after the window: not
    # candidates; an undated post first captured in the window (then without its words) is one
    assert set(found) == {late, shell, "2999999999999999"}
    assert found[late]["timestamp"] == archived.LATE_POST[2]
    assert (found[shell]["timestamp"], found[shell]["text"]) == (archived.LATE_SHELL_POST[1], archived.LATE_SHELL_POST[3])


def test_later_captures_the_archive_fails_to_list_are_named_on_the_citation_and_searched_next_run(web, tmp_path):
    namespace = "social-late-down-" + uuid.uuid4().hex[:8]
    env = {**social_env(web, tmp_path, namespace, mirrors=False), "CITEWATCH_ARCHIVE_BACKOFF": "0"}
    db = database.open_db(env["CITEWATCH_DB"])
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    cited = add_social_citation(db, document, 1, "facebook", f"https://www.facebook.com/{archived.LATE_PAGE}/",
                                "2020-04-01", archived.LATE_TEXT)
    # the window's captures (31 March - 2 April) list as usual; any query from 2 April on fails
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503_from=20200402").read()
    console = Console(file=io.StringIO(), width=400)
    counts = social.run(db, load_config(env=env), console=console)
    outcome = resolution(db, cited)
    assert counts["resolved"] == 0 and outcome["status"] == "unverifiable"
    assert [u["where"] for u in outcome["unsearched"]] == [social.LATER_CAPTURES]
    assert "503" in outcome["unsearched"][0]["reason"]
    assert f"not searched: {social.LATER_CAPTURES} (" in outcome["reason"]
    assert f"footnote 1: {social.LATER_CAPTURES} were not searched" in " ".join(console.file.getvalue().split())
    # the archive answers again: the citation, left unresolved, is searched again and found
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503_from=").read()
    social.run(db, load_config(env=env))
    assert resolution(db, cited)["status"] == "resolved"
    assert db["citations"].get(cited)["resolved_url"] == archived.LATE_POST[0]


def test_a_facebook_citation_matched_in_its_window_asks_the_archive_nothing_more(web, tmp_path):
    asked = {}
    for days in ("0", "30"):
        namespace = f"social-early-{days}-" + uuid.uuid4().hex[:8]
        env = social_env(web, tmp_path / days, namespace, mirrors=False)
        env["CITEWATCH_FACEBOOK_CAPTURE_DAYS"] = days
        db = database.open_db(env["CITEWATCH_DB"])
        document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
        cited = add_social_citation(db, document, 1, "facebook", "https://www.facebook.com/JamesAppathurai/",
                                    "2020-03-31", archived.JAMES_POST[1])
        social.run(db, load_config(env=env))
        assert db["citations"].get(cited)["resolved_url"] == archived.JAMES_POST[0]
        with urllib.request.urlopen(web["main"] + "/_control/counters") as answer:
            counters = json.load(answer)
        asked[days] = [len(counters.get(f"{namespace}:{endpoint}", [])) for endpoint in ("cdx", "replay")]
    # the same CDX queries and captures read: the page's post captured on 10 April is not fetched
    assert asked["30"] == asked["0"] and min(asked["0"]) > 0


def _nitter_requests(web_sites) -> int:
    with urllib.request.urlopen(web_sites["main"] + "/_control/counters") as answer:
        counters = json.load(answer)
    return sum(len(v) for k, v in counters.items() if k.startswith("nitter:"))


def test_cli_resolve_reports_bad_citations_and_goes_on(web, tmp_path, runner, monkeypatch):
    env = social_env(web, tmp_path, "social-cli-" + uuid.uuid4().hex[:8])
    db = database.open_db(env["CITEWATCH_DB"])
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    nato = add_social_citation(db, document, 1, "facebook", "https://www.facebook.com/NatoPressOffice/",
                               "2020-04-02", archived.NATO_STORY[1])
    nothing = add_social_citation(db, document, 2, "facebook", "https://www.facebook.com/EmptyEmbassyPage/",
                                  "2020-04-02", "A statement nobody archived.")
    no_handle = add_social_citation(db, document, 3, "twitter", "@MFAestonia", "2020-03-31", "Estonia ...")
    db["citations"].update(no_handle, {"handle": None})
    no_page = add_social_citation(db, document, 4, "facebook", "https://www.facebook.com/EmptyEmbassyPage/",
                                  "2020-04-02", "x")
    db["citations"].update(no_page, {"url": None})
    printed_tweet = add_social_citation(db, document, 5, "twitter", "@MFAestonia", "2020-03-31",
                                        archived.ESTONIA_OLD.text)   # posted a week before the statement's date
    old_url = f"https://twitter.com/MFAestonia/status/{archived.ESTONIA_OLD.status_id}"
    db["citations"].update(printed_tweet, {"url": old_url})
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(cli, ["resolve"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "resolved: 2, unresolved: 0, unverifiable: 1, errors: 2" in output
    assert db["citations"].get(printed_tweet)["resolved_url"] == old_url       # the footnote printed its URL
    assert "footnote 4: no Facebook page URL" in output
    assert db["citations"].get(nato)["resolved_url"] == archived.NATO_STORY[0]          # story.php, numeric page id
    assert resolution(db, nothing)["status"] == "unverifiable"
    assert resolution(db, no_handle)["reason"].startswith("footnote 3: no Twitter handle")
    assert resolution(db, no_page)["reason"].startswith("footnote 4: no Facebook page URL")


def test_an_archive_that_fails_leaves_each_citation_an_error_to_retry(web, tmp_path):
    namespace = "social-down-" + uuid.uuid4().hex[:8]
    env = social_env(web, tmp_path, namespace, mirrors=False)
    env["CITEWATCH_ARCHIVE_BACKOFF"] = "0"
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503=1000").read()
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    counts = social.run(db, config, citation_ids=[ids[20], ids[7]])
    assert (counts["errors"], counts["resolved"]) == (2, 0)
    for seq in (20, 7):
        outcome = resolution(db, ids[seq])
        assert outcome["status"] == "error"
        assert outcome["reason"].startswith(f"footnote {seq}: the archive failed (CDX: the archive answered 503)")
        assert outcome["reason"].endswith("run `citewatch resolve` again later")


def _resolve_with_a_failing_cdx(web, tmp_path, label: str, controls: str, **settings: str):
    """Resolve the letter's social citations against an archive whose CDX misbehaves as the
    test web's `controls` say: (config, db, citation ids by footnote, counts, the CDX requests
    the archive got, the non-empty lines said)."""
    namespace = f"social-{label}-" + uuid.uuid4().hex[:8]
    env = {**social_env(web, tmp_path, namespace, mirrors=False),
           **{f"CITEWATCH_{name.upper()}": value for name, value in settings.items()}}
    urllib.request.urlopen(f"{web['main']}/_control/set?" + controls.format(ns=namespace)).read()
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    said = io.StringIO()
    counts = social.run(db, config, console=Console(file=said, width=400))
    counters = json.loads(urllib.request.urlopen(f"{web['main']}/_control/counters").read())
    assert not counters.get(f"{namespace}:host-violations")
    lines = [line for line in said.getvalue().splitlines() if line.strip()]
    return config, db, ids, counts, counters.get(f"{namespace}:cdx", []), lines


def test_a_retry_after_beyond_the_cap_ends_the_search_without_another_request_said_once(web, tmp_path):
    _, db, ids, counts, asked, lines = _resolve_with_a_failing_cdx(
        web, tmp_path, "quiet", "wayback.{ns}.cdx.429=1&wayback.{ns}.cdx.retry_after=600", retry_after_cap="5")
    assert len(asked) == 1          # the 429's Retry-After is honoured
    assert (counts["errors"], counts["resolved"]) == (len(ids), 0)
    reasons = [resolution(db, ids[seq])["reason"] for seq in sorted(ids)]
    assert all("beyond retry_after_cap" in r and r.endswith("run `citewatch resolve` again later") for r in reasons)
    assert len(lines) == 1 and "beyond retry_after_cap" in lines[0] and f"{len(ids)} citations left" in lines[0]


def test_a_silent_archive_stops_the_search_after_three_calls_unanswered_said_once(web, tmp_path):
    from archive.stage import UNANSWERED_IN_A_ROW

    config, db, ids, counts, asked, lines = _resolve_with_a_failing_cdx(
        web, tmp_path, "silent", "wayback.{ns}.cdx.hang=2", archive_timeout="0.3", archive_backoff="0")
    tries = WaybackOptions.from_config(config).tries
    assert len(asked) == tries + UNANSWERED_IN_A_ROW - 1     # the first call's retries, then one request a call
    assert (counts["errors"], counts["resolved"]) == (len(ids), 0)
    reasons = [resolution(db, ids[seq])["reason"] for seq in sorted(ids)]
    assert all("no answer within 0.3 s" in r and r.endswith("run `citewatch resolve` again later") for r in reasons)
    assert len(lines) == 3 and f"{len(ids) - 2} citations left" in lines[-1]  # the first two: a line each


def test_an_archive_still_answering_429_after_the_retries_ends_the_search_said_once(web, tmp_path):
    config, db, ids, counts, asked, lines = _resolve_with_a_failing_cdx(
        web, tmp_path, "429", "wayback.{ns}.cdx.429=1000&wayback.{ns}.cdx.retry_after=0", retry_after_default="0")
    assert len(asked) == WaybackOptions.from_config(config).tries     # one call's retries, then no more
    assert (counts["errors"], counts["resolved"]) == (len(ids), 0)
    assert all("429 Too Many Requests" in resolution(db, ids[seq])["reason"] for seq in ids)
    assert len(lines) == 1 and f"{len(ids)} citations left" in lines[0]


def test_a_syndication_endpoint_that_refuses_connections_is_asked_once(web, tmp_path):
    env = social_env(web, tmp_path, "social-synd-" + uuid.uuid4().hex[:8], mirrors=False)
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        env["CITEWATCH_SYNDICATION_URL"] = f"http://127.0.0.1:{closed.getsockname()[1]}"
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    social.run(db, config, citation_ids=[ids[14]])
    australia = candidates(db, ids[14])[archived.AUSTRALIA.status_id]
    assert (australia["via"], australia["layout"]) == ("syndication", "fetch-failed: DownloadConnectionRefusedError")
    assert resolution(db, ids[14])["reason"] == "no archived post in the window (1 candidates seen)"
    asked = [f for f in db["fetches"].rows_where("purpose = 'post'") if "/tweet-result?" in f["requested_url"]]
    assert len(asked) == 1


def test_an_option_the_stage_does_not_know_is_refused_not_dropped(tmp_path):
    config = load_config(env={"CITEWATCH_DB": str(tmp_path / "test.db"), "CITEWATCH_DATA_DIR": str(tmp_path)})
    db = database.open_db(config.db_path)
    with pytest.raises(TypeError, match="citation_id"):     # a misspelt citation_ids must not resolve them all
        social.run(db, config, citation_id=[1])


def test_permalink_captures_the_archive_fails_to_list_are_named_on_the_citation_not_a_crash(tmp_path):
    with socket.socket() as closed:  # a port nothing listens on: the archive refuses the page's follow-up
        closed.bind(("127.0.0.1", 0))
        config = load_config(env={"CITEWATCH_WAYBACK_URL": f"http://127.0.0.1:{closed.getsockname()[1]}"})
    client = Wayback(WaybackOptions.from_config(config))
    start = datetime.datetime(2020, 3, 31, tzinfo=datetime.timezone.utc)
    target = social.Target(7, 3, "facebook", "SomePage", 1, "a quote", start, start + datetime.timedelta(days=2))
    page = {"kind": "page", "citation_id": 7, "page_id": "100064"}   # what the page's capture told
    jobs, unsearched, _ = social._facebook_follow_up(client, {7: target}, {7: {}}, [page], config.wayback_url,
                                                  social._Progress(None))
    assert jobs == [] and [u["where"] for u in unsearched[7]] == [social.PERMALINKS]
    assert "connection refused" in unsearched[7][0]["reason"]


def test_permalink_captures_of_pages_an_archive_out_of_reach_cannot_list_are_said_once(tmp_path):
    with socket.socket() as closed:  # a port nothing listens on: every connection refused
        closed.bind(("127.0.0.1", 0))
        config = load_config(env={"CITEWATCH_WAYBACK_URL": f"http://127.0.0.1:{closed.getsockname()[1]}",
                                  "CITEWATCH_CDX_PER_MINUTE": "0"})
    client = Wayback(WaybackOptions.from_config(config))
    start = datetime.datetime(2020, 3, 31, tzinfo=datetime.timezone.utc)
    pages = range(1, UNREACHABLE_IN_A_ROW + 2)       # the last one is not asked: the archive is out of reach
    targets = {n: social.Target(n, n, "facebook", "SomePage", 1, "a quote", start, start + datetime.timedelta(days=2))
               for n in pages}
    said = Console(file=io.StringIO(), width=400)
    read = [{"kind": "page", "citation_id": n, "page_id": "100064"} for n in pages]   # what each page's capture told
    jobs, unsearched, _ = social._facebook_follow_up(client, targets, {n: {} for n in pages}, read, config.wayback_url,
                                                  social._Progress(said))
    assert jobs == [] and sorted(unsearched) == list(pages) and client.out_of_reach is not None
    assert [line for line in said.file.getvalue().splitlines() if line.strip()] == [
        f"error: {client.out_of_reach}: {social.PERMALINKS} of {len(pages)} Facebook citations were not searched; "
        "run `citewatch resolve` again when the archive answers"]


def test_an_archive_out_of_reach_is_not_asked_for_later_captures_and_that_is_said_once(tmp_path):
    with socket.socket() as closed:  # a port nothing listens on: every connection refused
        closed.bind(("127.0.0.1", 0))
        config = load_config(env={"CITEWATCH_WAYBACK_URL": f"http://127.0.0.1:{closed.getsockname()[1]}"})
    client = Wayback(WaybackOptions.from_config(config))
    for _ in range(UNREACHABLE_IN_A_ROW):              # as the search of earlier citations found it
        with pytest.raises(ArchiveUnreachable):
            client.captures("facebook.com/SomePage/posts/*")
    start = datetime.datetime(2020, 3, 31, tzinfo=datetime.timezone.utc)
    end, until = start + datetime.timedelta(days=2), start + datetime.timedelta(days=30)
    targets = {n: social.Target(n, n, "facebook", "SomePage", 1, "a quote", start, end, captures_until=until)
               for n in (1, 2)}
    said = Console(file=io.StringIO(), width=400)
    jobs, unsearched = social._late_facebook_jobs(database.open_db(tmp_path / "test.db"), client, targets, {},
                                                  config.wayback_url, 60, social._Progress(said))
    why = [{"where": social.LATER_CAPTURES, "reason": f"not asked: {client.out_of_reach}"}]
    assert jobs == [] and unsearched == {1: why, 2: why} and "connection refused" in str(client.out_of_reach)
    assert [line for line in said.file.getvalue().splitlines() if line.strip()] == [
        f"error: {client.out_of_reach}: {social.LATER_CAPTURES} of 2 Facebook citations were not searched; "
        "run `citewatch resolve` again when the archive answers"]


def test_later_captures_left_by_a_retry_after_beyond_the_cap_are_not_asked_and_said_once(web, tmp_path):
    namespace = "social-late-quiet-" + uuid.uuid4().hex[:8]
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.429=1"
                           f"&wayback.{namespace}.cdx.retry_after=600").read()
    config = load_config(env={**social_env(web, tmp_path, namespace), "CITEWATCH_RETRY_AFTER_CAP": "5"})
    client = Wayback(WaybackOptions.from_config(config))
    start = datetime.datetime(2020, 3, 31, tzinfo=datetime.timezone.utc)
    end, until = start + datetime.timedelta(days=2), start + datetime.timedelta(days=30)
    targets = {n: social.Target(n, n, "facebook", "SomePage", 1, "a quote", start, end, captures_until=until)
               for n in (1, 2, 3)}
    said = Console(file=io.StringIO(), width=400)
    jobs, unsearched = social._late_facebook_jobs(database.open_db(tmp_path / "test.db"), client, targets, {},
                                                  config.wayback_url, 60, social._Progress(said))
    counters = json.loads(urllib.request.urlopen(f"{web['main']}/_control/counters").read())
    assert len(counters[f"{namespace}:cdx"]) == 1 and not counters.get(f"{namespace}:host-violations")
    assert jobs == [] and sorted(unsearched) == [1, 2, 3]
    assert all("beyond retry_after_cap" in why[0]["reason"] for why in unsearched.values())
    lines = [line for line in said.file.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1 and f"{social.LATER_CAPTURES} of 3 Facebook citations were not searched" in lines[0]


def _facebook_citations_meeting_429(web, tmp_path, many: int = 10) -> tuple:
    """`many` Facebook citations and a client of an archive answering 429 to every CDX query
    (Retry-After 0.1 s): (client, targets, the console said to, the CDX requests received so far)."""
    namespace = "social-late-429-" + uuid.uuid4().hex[:8]
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.429=1000"
                           f"&wayback.{namespace}.cdx.retry_after=0.1").read()
    client = Wayback(WaybackOptions.from_config(load_config(env=social_env(web, tmp_path, namespace))))
    start = datetime.datetime(2020, 3, 31, tzinfo=datetime.timezone.utc)
    end, until = start + datetime.timedelta(days=2), start + datetime.timedelta(days=30)
    targets = {n: social.Target(n, n, "facebook", "SomePage", 1, "a quote", start, end, captures_until=until)
               for n in range(1, many + 1)}

    def asked() -> int:
        counters = json.loads(urllib.request.urlopen(f"{web['main']}/_control/counters").read())
        assert not counters.get(f"{namespace}:violations")      # each retry waited for the Retry-After
        return len(counters.get(f"{namespace}:cdx", []))

    return client, targets, Console(file=io.StringIO(), width=400), asked


def test_later_captures_left_by_a_429_after_the_retries_are_not_asked_and_said_once(web, tmp_path):
    # ten Facebook citations, an archive answering 429: one call's retries (each after the
    # Retry-After), then no citation's search goes and meets it again
    client, targets, said, asked = _facebook_citations_meeting_429(web, tmp_path)
    jobs, unsearched = social._late_facebook_jobs(database.open_db(tmp_path / "test.db"), client, targets, {},
                                                  client.options.base, 60, social._Progress(said))
    assert asked() == client.options.tries
    assert jobs == [] and sorted(unsearched) == list(targets)   # each noted, so the next run searches it
    reasons = [unsearched[n][0]["reason"] for n in targets]
    assert reasons[0] == "CDX: 429 Too Many Requests"
    assert reasons[1:] == ["not asked: CDX: 429 Too Many Requests"] * 9
    assert [line for line in said.file.getvalue().splitlines() if line.strip()] == [
        f"error: CDX: 429 Too Many Requests: {social.LATER_CAPTURES} of 10 Facebook citations were not searched; "
        "run `citewatch resolve` again when the archive answers"]


def test_a_429_after_the_retries_in_the_permalink_search_leaves_the_later_captures_unasked(web, tmp_path):
    client, targets, said, asked = _facebook_citations_meeting_429(web, tmp_path, many=3)
    pages = [{"kind": "page", "citation_id": n, "page_id": "100064"} for n in targets]   # what each page told
    jobs, followed, stop = social._facebook_follow_up(client, targets, {n: {} for n in targets}, pages,
                                                      client.options.base, social._Progress(said))
    assert asked() == client.options.tries and isinstance(stop, RateLimited)
    jobs, late = social._late_facebook_jobs(database.open_db(tmp_path / "test.db"), client, targets, {},
                                            client.options.base, 60, social._Progress(said), stop)
    assert asked() == client.options.tries                      # the run's searches stopped at that 429
    assert jobs == [] and late == {n: [{"where": social.LATER_CAPTURES,
                                        "reason": "not asked: CDX: 429 Too Many Requests"}] for n in targets}
    assert sorted(followed) == list(targets)
    lines = [line for line in said.file.getvalue().splitlines() if line.strip()]
    assert [f"{where} of 3 Facebook citations were not searched" in line
            for line, where in zip(lines, [social.PERMALINKS, social.LATER_CAPTURES])] == [True, True]
    assert len(lines) == 2


def test_an_unreachable_archive_is_said_once_and_every_citation_is_left_to_retry(web, tmp_path):
    from io import StringIO

    from rich.console import Console

    env = social_env(web, tmp_path, "social-offline-" + uuid.uuid4().hex[:8], mirrors=False)
    with socket.socket() as closed:  # a port nothing listens on: every connection refused
        closed.bind(("127.0.0.1", 0))
        env["CITEWATCH_WAYBACK_URL"] = archive_url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    output = StringIO()
    counts = social.run(db, config, console=Console(file=output, width=400))
    assert (counts["errors"], counts["resolved"], counts["candidates"]) == (len(ids), 0, 0)
    cause = f"cannot reach the archive at {archive_url}: connection refused"
    reasons = [resolution(db, ids[seq]) for seq in sorted(ids)]
    assert all(r["status"] == "error" and cause in r["reason"] and r["reason"].endswith("again when online")
               for r in reasons)
    searched = [r for r in reasons if "not searched" not in r["reason"]]
    assert len(searched) == UNREACHABLE_IN_A_ROW      # the rest were not asked about
    lines = [line for line in output.getvalue().splitlines() if line.strip()]
    assert lines == [f"error: {cause} (is an archive listening there? check CITEWATCH_WAYBACK_URL); "
                     f"{len(ids)} citations left to resolve; run `citewatch resolve` again when online"]


# ---------------------------------------------------------------- a resolved tweet's state


def _state_run(web, tmp_path, syndication: bool, syndication_host: str = "127.0.0.1") -> tuple:
    """Three tweets beside the letter resolved from their captures: one the syndication
    endpoint (on `syndication_host`) has, one it answers with a tombstone, one it answers 404
    for.  Dead needs two failing checks with no days between, so three runs can earn it: no
    recheck interval, so that each run back to back finds every tweet due."""
    env = social_env(web, tmp_path, "social-state-" + uuid.uuid4().hex[:8], mirrors=False)
    env.update({"CITEWATCH_DEAD_AFTER_CHECKS": "2", "CITEWATCH_DEAD_AFTER_DAYS": "0", "CITEWATCH_RECHECK_LIVE": "0",
                "CITEWATCH_RECHECK_FAILING": "0", "CITEWATCH_RECHECK_DEAD": "0"})
    if syndication:
        env["CITEWATCH_SYNDICATION_URL"] = web["main"].replace("127.0.0.1", syndication_host) + "/syndication"
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    tweets = {"live": (archived.ESTONIA, "2020-03-31"), "tombstone": (archived.WITHHELD, "2020-04-02"),
              "404": (archived.VANISHED, "2020-04-02")}
    ids = {name: add_social_citation(db, document, n, "twitter", "@" + tweet.handle, date, tweet.text)
           for n, (name, (tweet, date)) in enumerate(tweets.items(), start=1)}
    return db, config, ids


def _post_source(db, citation_id: int) -> dict:
    return db["sources"].get(resolution(db, citation_id)["post_source_id"])


def test_a_resolved_tweet_gets_its_state_from_the_syndication_endpoint(web, tmp_path):
    db, config, ids = _state_run(web, tmp_path, syndication=True)
    counts = social.run(db, config)
    assert counts["resolved"] == 3
    live, withheld, vanished = (_post_source(db, ids[name]) for name in ("live", "tombstone", "404"))
    assert (live["state"], live["state_reason"]) == ("live", "the syndication endpoint has the tweet")
    assert withheld["state"] == "unknown"
    assert "unavailable or restricted" in withheld["state_reason"]
    assert (vanished["state"], vanished["failing_checks"]) == ("unknown", 0)
    assert vanished["state_reason"] == "not found by the syndication endpoint (1 of 2 checks)"
    asked = list(db["fetches"].rows_where("purpose = 'post-state'"))
    assert sorted(f["source_id"] for f in asked) == sorted([live["id"], withheld["id"], vanished["id"]])
    assert all(f["warc_path"] and "/syndication/tweet-result?id=" in f["requested_url"] for f in asked)
    check = json.loads(vanished["checks"])[-1]
    assert (check["class"], check["via"], check["fetch_id"]) == (
        "post-not-found", "syndication", next(f["id"] for f in asked if f["source_id"] == vanished["id"]))

    social.run(db, config)      # the next run: resolved citations kept, their states checked again
    vanished = _post_source(db, ids["404"])
    assert (vanished["state"], vanished["failing_checks"]) == ("failing", 1)
    assert vanished["state_reason"] == ("failing (1 check, strong evidence): not found by the syndication "
                                        "endpoint (confirmed by 2 checks in a row)")
    assert _post_source(db, ids["live"])["state"] == "live"

    social.run(db, config)      # a second failing check (no days asked between): dead is earned
    assert _post_source(db, ids["404"])["state"] == "dead"
    withheld = _post_source(db, ids["tombstone"])
    assert withheld["state"] == "unknown" and withheld["failing_checks"] == 0   # a tombstone never counts
    assert len(json.loads(withheld["checks"])) == 3


def test_without_the_syndication_endpoint_a_resolved_tweet_stays_unknown(web, tmp_path):
    db, config, ids = _state_run(web, tmp_path, syndication=False)
    social.run(db, config)
    social.run(db, config)
    for name in ("live", "404"):
        source = _post_source(db, ids[name])
        assert (source["state"], source["checks"], source["failing_checks"]) == ("unknown", None, 0)
    assert not list(db["fetches"].rows_where("purpose = 'post-state'"))


def test_an_unresolved_citation_searched_again_does_not_read_its_posts_again(web, tmp_path):
    """An unresolved citation is searched on every run (captures keep coming): a post read
    with its words is not read again (its stored text decides); one read without them (a
    JavaScript shell) is read again from its WARC record, not replayed (a capture at a fixed
    timestamp cannot change: tests/test_social_captures_once.py); --redo reads them all, from
    the WARC too."""
    namespace = "social-reread-" + uuid.uuid4().hex[:8]
    config = load_config(env=social_env(web, tmp_path, namespace, mirrors=False))
    montenegro = letter_db(config)[29]     # an off-topic survivor read with its words, a deleted tweet without
    db = database.open_db(config.db_path)

    def replays(**options) -> int:
        def count() -> int:
            with urllib.request.urlopen(web["main"] + "/_control/counters") as answer:
                return len(json.load(answer).get(f"{namespace}:replay", []))
        before = count()
        social.run(db, config, citation_ids=[montenegro], **options)
        assert resolution(db, montenegro)["status"] == "unresolved"
        return count() - before

    first = replays()
    assert first > 0
    assert candidates(db, montenegro)[archived.MONTENEGRO_OFF.status_id]["text"] == archived.MONTENEGRO_OFF.text
    before = snapshot(db)
    assert replays() == 0                  # the shell read again from the WARC, the survivor not read
    assert replays(redo=True) == 0         # both read again from the WARC
    assert snapshot(db) == before


def test_citations_left_unasked_by_a_stop_are_asked_by_the_next_run_and_resolved_once(web, tmp_path):
    # the late page's citation is searched in its window; the three after it (dated in May)
    # find the archive failing from 2 April on: the third call unanswered stops the run, so the
    # late page's captures after its window (from 3 April) are not asked.  The archive answers
    # again: the next run asks them, finds the post, and a third run changes nothing.
    namespace = "social-unasked-" + uuid.uuid4().hex[:8]
    env = {**social_env(web, tmp_path, namespace, mirrors=False), "CITEWATCH_ARCHIVE_BACKOFF": "0"}
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    late = add_social_citation(db, document, 1, "facebook", f"https://www.facebook.com/{archived.LATE_PAGE}/",
                               "2020-04-01", archived.LATE_TEXT)
    after = [add_social_citation(db, document, seq, "facebook", "https://www.facebook.com/EmptyEmbassyPage/",
                                 "2020-05-01", "A statement nobody archived.") for seq in (2, 3, 4)]
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503_from=20200402").read()
    first = social.run(db, config)
    assert (first["resolved"], first["errors"]) == (0, len(after))
    unasked = resolution(db, late)
    assert unasked["status"] == "unverifiable"
    assert unasked["unsearched"][-1]["where"] == social.LATER_CAPTURES
    assert unasked["unsearched"][-1]["reason"].startswith("not asked: ")
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503_from=").read()
    second = social.run(db, config)
    assert (second["resolved"], second["unverifiable"], second["errors"]) == (1, len(after), 0)
    assert db["citations"].get(late)["resolved_url"] == archived.LATE_POST[0]
    assert all("unsearched" not in resolution(db, cited) for cited in [late, *after])
    post_source = resolution(db, late)["post_source_id"]
    assert len(list(db["texts"].rows_where("source_id = ? and origin = 'post'", [post_source]))) == 1
    before = snapshot(db)
    social.run(db, config)
    assert snapshot(db) == before


def _a_429_after_the_first_citation(web, tmp_path, retry_after: float) -> tuple:
    """A Facebook citation whose three CDX queries answer (slowly), then an archive answering 429
    with `retry_after` (the cap is 5 s) to the two citations after it: (db, the first citation,
    the others, the archive's counters for this test after the run)."""
    namespace = "social-quiet-replay-" + uuid.uuid4().hex[:8]
    env = {**social_env(web, tmp_path, namespace, mirrors=False), "CITEWATCH_RETRY_AFTER_CAP": "5"}
    config = load_config(env=env)
    db = database.open_db(config.db_path)
    document = db["documents"].insert({"sha256": uuid.uuid4().hex, "kind": "letter", "ingested_at": "x"}).last_pk
    james = add_social_citation(db, document, 1, "facebook", "https://www.facebook.com/JamesAppathurai/",
                                "2020-03-31", archived.JAMES_POST[1])
    others = [add_social_citation(db, document, seq, "facebook", "https://www.facebook.com/EmptyEmbassyPage/",
                                  "2020-05-01", "A statement nobody archived.") for seq in (2, 3)]
    control = f"{web['main']}/_control"
    urllib.request.urlopen(f"{control}/set?wayback.{namespace}.cdx.slow=0.5").read()

    def counters() -> dict:
        answer = json.loads(urllib.request.urlopen(f"{control}/counters").read())
        return {key.split(":", 1)[1]: value for key, value in answer.items() if key.startswith(namespace + ":")}

    ran = threading.Event()

    def quiet_after_james() -> None:   # James's posts (two queries) and page (one), then the 429s
        while len(counters().get("cdx", [])) < 3:
            if ran.wait(0.01):         # the run ended first: the assertions below say how
                return
        urllib.request.urlopen(f"{control}/set?wayback.{namespace}.cdx.429=1000"
                               f"&wayback.{namespace}.cdx.retry_after={retry_after:g}").read()

    watcher = threading.Thread(target=quiet_after_james, daemon=True)
    watcher.start()
    try:
        social.run(db, config)
    finally:
        ran.set()
        watcher.join()
    asked = counters()
    assert resolution(db, others[0])["reason"].startswith("footnote 2: the archive failed (")   # the run's stop
    return db, james, others, asked


def test_posts_found_before_a_retry_after_beyond_the_cap_are_not_replayed_while_it_holds(web, tmp_path):
    # the run stops asking, and must not replay the captures it had found from the same archive
    # either (IA firewalls an IP that goes on)
    db, james, others, asked = _a_429_after_the_first_citation(web, tmp_path, retry_after=600)
    assert len(asked["cdx"]) == 4       # James's three queries; the next one met the 429
    assert not asked.get("replay") and not asked.get("host-violations")
    outcome = resolution(db, james)      # not resolved, and says why, so the next run searches it again
    assert outcome["status"] == "unverifiable" and outcome["unsearched"][0]["where"] == social.HELD_CAPTURES
    assert "Retry-After holds" in outcome["unsearched"][0]["reason"]


def test_posts_found_before_429s_within_the_cap_are_replayed_once_the_retry_after_has_passed(web, tmp_path):
    db, james, others, asked = _a_429_after_the_first_citation(web, tmp_path, retry_after=1)
    assert len(asked["cdx"]) == 3 + 3   # James's three queries; the next call's tries, each after the Retry-After
    assert asked.get("replay") and not asked.get("host-violations") and not asked.get("violations")
    assert db["citations"].get(james)["resolved_url"] == archived.JAMES_POST[0]


def test_the_tweets_states_are_shown_as_such_not_as_posts_without_text(web, tmp_path, capsys):
    """The crawl that asks the syndication endpoint about each resolved tweet has its own
    progress line, counting the tweets asked about by what the endpoint said: under the posts'
    label it read "posts: 3, no text:3 text:0", as if three posts had been read without words."""
    db, config, ids = _state_run(web, tmp_path, syndication=True)
    social.run(db, config, console=Console(file=io.StringIO(), width=400))
    lines = capsys.readouterr().err.splitlines()    # (a console that is no terminal: plain lines, on stderr)
    states = [line for line in lines if line.startswith("tweet states")]
    assert states[-1] == "tweet states: 3/3 (100%), live:1 post-not-found:1 post-unavailable:1"
    assert all("no text:3" not in line for line in lines if line.startswith("posts"))


def test_tweets_not_asked_about_end_the_tweet_states_line_at_its_total(web, tmp_path, capsys):
    """A state request the crawl drops unasked (the endpoint's host kept quiet by an earlier
    Retry-After) is counted as "not asked": the line ended below its total, as if unfinished.
    Not asked is no check either: nothing is recorded of the tweets."""
    db, config, ids = _state_run(web, tmp_path, syndication=True, syndication_host="localhost")
    state.keep_host_quiet(db, "localhost", time.time() + 600)
    console = Console(file=io.StringIO(), width=400)
    social.run(db, config, console=console)
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if line.startswith("tweet states")][-1] == "tweet states: 3/3 (100%), not asked:3"
    said = [line for line in console.file.getvalue().splitlines() if line.startswith("note: 3 resolved tweets")]
    assert len(said) == 1 and "not asked about (the syndication endpoint, localhost: it asked to wait until " in said[0], said
    assert said[0].endswith("their states are checked on a later run")
    assert not list(db["fetches"].rows_where("purpose = 'post-state'"))
    assert all(not _post_source(db, ids[name])["checks"] for name in ("live", "tombstone", "404"))


def posts_crawls(db) -> list[tuple[str, int]]:
    """The status and id of each crawl of the posts spider (a resolve's rounds), oldest first."""
    return db.execute(f"select status, id from crawls where {state.CRAWL_SPIDER} = 'posts' order by id").fetchall()


def test_a_killed_resolve_leaves_no_folder_in_tmpdir_and_the_next_run_removes_what_it_left(web, tmp_path):
    """Each resolve made a `citewatch-posts-*` folder in the temporary folder (TMPDIR) for its
    posts crawls, and one killed with SIGKILL left it there: one more per kill, for good.  The
    folder is the database's, beside it: the kill leaves it, the next resolve of that database
    removes it (it holds the database's resolve lock), and another database's, which a resolve
    running at the same time may be using, is left alone."""
    env = social_env(web, tmp_path, "social-killed-" + uuid.uuid4().hex[:8])
    config = load_config(env=env)
    letter_db(config)
    db = database.open_db(config.db_path)
    work = tmp_path / f"test.db{database.RESOLVE_WORK}"
    other = tmp_path / f"other.db{database.RESOLVE_WORK}"
    (other / "first").mkdir(parents=True)
    (other / "first" / "jobs.json").write_text("[]", encoding="utf-8")
    tmpdir = Path(tempfile.mkdtemp(prefix="cw-", dir="/tmp"))   # short: a socket's path goes under it
    try:
        proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "resolve"], cwd=ROOT,
                                env={**os.environ, **env, "TMPDIR": str(tmpdir)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not posts_crawls(db):   # its first posts crawl is under way
                assert proc.poll() is None, "the resolve ended before its posts crawl"
                time.sleep(0.02)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        finally:
            proc.kill()
        assert not [entry.name for entry in tmpdir.iterdir() if entry.name.startswith("citewatch-")]
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    assert [status for status, _ in posts_crawls(db)] == ["running"]
    assert (work / "first" / "jobs.json").exists()   # what the kill left
    assert social.run(db, config)["resolved"] > 0
    assert not work.exists()
    assert (other / "first" / "jobs.json").read_text(encoding="utf-8") == "[]"
