"""Two footnotes citing one account: each is checked against the post it resolved to only.

The crawl stores every post it fetched for any footnote citing the account under the
account's source (docs/social.md); an unresolved footnote must not be judged against
another footnote's tweet (a false `altered`, "words changed: Estonia → Marsovia").
"""
from __future__ import annotations

import json

import pytest

from crawler import reconcile
from tests.test_reconcile_stage import Rows, checks, overall

ESTONIA = "Estonia does not consider the so-called elections in #NagornoKarabakh legitimate."
MARSOVIA = "Marsovia does not consider the so-called elections in #NagornoKarabakh legitimate."
ARCHIVE = "http://127.0.0.1:1/ns/demo/web"
HELP = "MFA Estonia@MFAestonia Estonians abroad: if you need help returning home, call us."


@pytest.fixture
def rows(db):
    return Rows(db)


def _letter(rows):
    """Marsovia's footnote unresolved, Estonia's resolved to status 2; the account holds both
    posts the crawl fetched (and another of the account's posts) as origin `post` texts."""
    doc = rows.document()
    marsovia = rows.statement(doc, 1, "Kingdom of Marsovia", MARSOVIA, 1)
    estonia = rows.statement(doc, 2, "Estonia", ESTONIA, 2)
    account = rows.source("twitter:@mfaestonia", kind="twitter")
    post_url = "https://twitter.com/MFAestonia/status/2"
    post = rows.source(post_url, kind="twitter")
    rows.citation(doc, marsovia, 1, account, kind="twitter", handle="@MFAestonia",
                  resolution=json.dumps({"status": "unresolved", "reason": "no archived post in the window "
                                         "(0 candidates seen)"}))
    rows.citation(doc, estonia, 2, account, kind="twitter", handle="@MFAestonia", resolved_url=post_url,
                  resolution=json.dumps({"status": "resolved", "post_source_id": post}))
    rows.text(account, HELP, origin="post", memento_timestamp="20200331094000",
              url=f"{ARCHIVE}/20200331094000id_/https://twitter.com/MFAestonia/status/1")
    crawled = rows.text(account, "MFA Estonia " + ESTONIA, origin="post", memento_timestamp="20200331121502",
                        url=f"{ARCHIVE}/20200331121502id_/{post_url}")
    resolved = rows.text(post, ESTONIA, origin="post", memento_timestamp="20200331121502", url=post_url)
    return marsovia, estonia, crawled, resolved


def test_an_unresolved_tweet_is_not_judged_against_another_footnotes_post(db, rows):
    marsovia, _, _, _ = _letter(rows)
    reconcile.run(db)
    assert checks(db, marsovia, "text") == []
    top = overall(db, marsovia)
    assert top["verdict"] == "unverifiable"
    assert "Estonia → Marsovia" not in top["reason"]


def test_a_resolved_tweet_has_its_post_and_that_posts_reading_under_the_account(db, rows):
    _, estonia, crawled, resolved = _letter(rows)
    reconcile.run(db)
    assert sorted(r["text_id"] for r in checks(db, estonia, "text")) == sorted([crawled, resolved])
    assert overall(db, estonia)["verdict"] == "verbatim"
