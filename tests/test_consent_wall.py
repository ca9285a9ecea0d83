"""Cookie-consent walls: what a crawl from the EU meets instead of many pages.

Without the class, a redirect to consent.yahoo.com or consent.google.<tld>, or a 200 page
that is nothing but a consent platform's notice, was `live`: the form's words went to
reconcile as the page's text, and every quote cited to the page came out `not-in-source`,
a false alarm on a source that is fine; an archive capture made from the EU was a
"rescue" with the same words.  A real article with a cookie banner stays `live`.
"""

from __future__ import annotations

import json
import os

import pytest

import db as database
from archive import stage
from crawler.classify import classify
from crawler.extract import extract
from crawler.items import FetchItem
from tests.clirun import cli_here, crawl_here, fast_env
from tests.crawling import outcome, source
from tests.factories import Factory
from tests.web.consent_pages import BANDEAU, BANNER, FRENCH_ARTICLE
from tests.web.pages import article_text

PINS = "consent.yahoo.com=127.0.0.1,consent.google.de=127.0.0.1,*=fail"
QUOTE = "The Ministry calls upon all parties to observe an immediate global ceasefire."
ENGLISH_ARTICLE = article_text(27, 3000)   # /consent/article-with-banner's paragraphs
PAGES = {   # name: (path, the quote its statement cites to it)
    "yahoo": ("/consent/yahoo-article", QUOTE),
    "google": ("/consent/google-article", QUOTE),
    "interstitial": ("/consent/interstitial", QUOTE),
    "interstitiel": ("/consent/interstitiel", QUOTE),
    "banner": ("/consent/article-with-banner", ENGLISH_ARTICLE[0].split(". ")[0] + "."),
    "bandeau": ("/consent/article-avec-bandeau", FRENCH_ARTICLE[0]),
}
# a failing check before the wall: an uncertain check resets the count toward dead
EARLIER = [{"at": "2026-01-01T00:00:00+00:00", "class": "client-error", "reason": "404", "attempt": "citewatch",
            "kind": "rot", "counts": True, "strength": "strong"}]


@pytest.fixture(scope="module")
def consent_crawl(web, tmp_path_factory):
    """One crawl of every page of PAGES, each cited by a statement, then reconcile:
    (db, {name: source id}, {name: statement id}).  Not test_crawl.py's shared crawl: reconcile
    needs the statements and citations that ingest makes."""
    tmp_path = tmp_path_factory.mktemp("consent")
    db_path = tmp_path / "consent.db"
    env = dict(os.environ, CITEWATCH_DB=str(db_path), CITEWATCH_DATA_DIR=str(tmp_path / "data"),
               CITEWATCH_ALLOW_PRIVATE_NETWORKS="1")
    db = database.open_db(db_path)
    f = Factory(db)
    doc = f.document()
    sources, statements = {}, {}
    for seq, (name, (path, quote)) in enumerate(PAGES.items(), start=1):
        sources[name] = f.source(web["main"] + path)
        statements[name] = f.statement(doc, seq, "Ministry", quote, footnote=seq)
        f.citation(doc, statements[name], seq, sources[name], url=web["main"] + path)
    db["sources"].update(sources["yahoo"], {"state": "failing", "failing_checks": 1, "checks": json.dumps(EARLIER)})
    crawl_here(fast_env(env, web, tmp_path, resolve_hosts=PINS), "--all")
    reconciled = cli_here(env, "reconcile")
    assert reconciled.returncode == 0, reconciled.stdout + reconciled.stderr
    return db, sources, statements


def _texts(db, source_id: int) -> list[str]:
    return [r["text"] for r in db.query("select text from texts where source_id = ?", [source_id])]


@pytest.mark.parametrize("name, host", [("yahoo", "consent.yahoo.com"), ("google", "consent.google.de")])
def test_a_redirect_to_a_consent_host_is_a_consent_wall(consent_crawl, name, host):
    """Yahoo's and Google's EU visitors are sent to the consent form's own host: its form is
    no answer of the cited page, whatever it says."""
    db, sources, _ = consent_crawl
    fetch = outcome(db, sources[name])
    assert fetch["class"] == "consent-wall" and fetch["status"] == 200
    assert f"from {host}, a consent form's host" in fetch["reason"]
    assert fetch["evidence"]["final_url"].startswith(f"http://{host}:")


@pytest.mark.parametrize("name, asked", [("interstitial", "store and/or access information on a device"),
                                         ("interstitiel", "stockons et/ou accédons à des informations sur un appareil")])
def test_a_consent_notice_answered_at_the_cited_url_is_a_consent_wall(consent_crawl, name, asked):
    """A publisher's 200 page whose whole text is a consent platform's notice (its every
    sentence of cookies, partners and personal data, its buttons "Accept all" / "Tout
    accepter") is the wall, in English as in French."""
    db, sources, _ = consent_crawl
    fetch = outcome(db, sources[name])
    assert (fetch["class"], fetch["status"]) == ("consent-wall", 200)
    assert fetch["evidence"]["consent"] == f"the page only asks for consent (“{asked}”)"


@pytest.mark.parametrize("name, banner, own", [("banner", BANNER, ENGLISH_ARTICLE[0]), ("bandeau", BANDEAU, FRENCH_ARTICLE[0])])
def test_an_article_with_a_cookie_banner_is_live(consent_crawl, name, banner, own):
    """The banner's sentences (cookies, consent, "Accept all") are kept in the article's
    text, a few percent of it: the page is the article, its text reconcile's."""
    db, sources, _ = consent_crawl
    assert outcome(db, sources[name])["class"] == "live" and source(db, sources[name])["state"] == "live"
    [text] = _texts(db, sources[name])
    assert " ".join(banner.split()[:6]) in text and len(banner) < 0.1 * len(text)
    assert own in text


def test_a_consent_wall_leaves_the_state_an_uncertain_check_gives_and_stores_no_text(consent_crawl):
    """Nothing is known of the page behind the wall: its source is `unknown`, not `live`
    (nor failing), an earlier failing check's count is reset as by any uncertain check, and
    the form's words are stored as no text of the page."""
    db, sources, _ = consent_crawl
    for name in ("yahoo", "google", "interstitial", "interstitiel"):
        row = source(db, sources[name])
        assert (row["state"], row["failing_checks"]) == ("unknown", 0), name
        assert row["checks"][-1]["class"] == "consent-wall" and row["checks"][-1]["kind"] == "uncertain"
        assert _texts(db, sources[name]) == [], name
    assert [c["class"] for c in source(db, sources["yahoo"])["checks"]] == ["client-error", "consent-wall"]


def test_reconcile_finds_no_quote_missing_from_a_consent_wall(consent_crawl):
    """A quote cited to a page behind a consent wall is unverifiable (no text of the page),
    never not-in-source against the form; the articles with a banner are judged on their text."""
    db, _, statements = consent_crawl
    verdicts = {r["statement_id"]: r for r in db.query("select * from quote_checks where scope = 'overall'")}
    for name in ("yahoo", "google", "interstitial", "interstitiel"):
        check = verdicts[statements[name]]
        assert check["verdict"] == "unverifiable", (name, check["reason"])
        assert "consent-wall (a cookie-consent wall: " in check["reason"], check["reason"]   # fetched: the wall said
        assert "could not be fetched" not in check["reason"]
    assert verdicts[statements["banner"]]["verdict"] == verdicts[statements["bandeau"]]["verdict"] == "verbatim"


def test_a_consent_wall_memento_is_no_rescue(archive, tmp_path, db):
    """Captures made from the EU hold the consent form (a redirect to consent.yahoo.com, or
    the interstitial at the page's URL): the memento spider's fetches are classed by the
    same function as the crawl's, so the nearest capture is a consent-wall, not the page,
    and the one before it is the rescue."""
    f = Factory(db)
    doc = f.document()
    crawl = f.crawl("2026-01-01T00:00:00+00:00")
    ids = {}
    for seq, url in enumerate(("https://eu-news.example/world/ceasefire-statement",
                               "https://eu-news.example/world/interstitial-statement"), start=1):
        ids[url] = f.source(url)
        f.citation(doc, f.statement(doc, seq, "Ministry", QUOTE), seq, ids[url], url=url)
        f.fetch(crawl, ids[url], "consent-wall")
    stage.run(db, archive.config(tmp_path, rescue_live=0))
    for url, source_id in ids.items():
        classes = {r["timestamp"]: r["class"] for r in db.query("select * from snapshots where source_id = ?", [source_id])}
        assert classes == {"20200330000000": "consent-wall", "20200301000000": "live"}, url
        rescued = list(db.query("select memento_timestamp, text from texts where source_id = ?", [source_id]))
        assert [r["memento_timestamp"] for r in rescued] == ["20200301000000"], url
        assert "Accept all" not in rescued[0]["text"] and "partners" not in rescued[0]["text"]
    reasons = [r["reason"] for r in db.query("select reason from fetches where purpose = 'memento' and class = 'consent-wall'")]
    assert len(reasons) == 2 and any("consent.yahoo.com" in r for r in reasons)


# --- the classification alone ----------------------------------------------------------

def _classified(body: str, url: str = "https://news.example/world/statement", final: str | None = None):
    """The class of a 200 answer with `body` at `url` (ending at `final`), extracted as the crawl does."""
    data = body.encode("utf-8")
    fetch = FetchItem(source_id=1, requested_url=url, final_url=final or url, status=200, headers={}, body=data,
                      content_type="text/html; charset=utf-8")
    return classify(fetch, extract(data, fetch.content_type, fetch.final_url))


def test_a_short_article_with_its_banner_kept_is_live():
    """Two paragraphs of an article beside a banner as long: the article's own sentences
    make it a page, however short."""
    page = ("<html><head><title>Statement</title></head><body><article><h1>Statement on the talks</h1>"
            "<p>The Ministry welcomes the resumption of the talks in Geneva and calls on the parties to agree on a "
            "lasting ceasefire. The delegations met for six hours on Monday.</p>"
            f"<p>{BANNER}</p></article></body></html>")
    assert _classified(page).cls == "live"


def test_news_about_cookie_consent_is_no_wall():
    """A short item about consent rules speaks of cookies and consent in every sentence, but
    asks nobody to accept anything: it is news."""
    page = ("<html><head><title>Regulator fines publisher</title></head><body><article><h1>Regulator fines publisher"
            "</h1><p>The data protection authority fined the publisher for its cookie consent banner. Regulators said "
            "the banner made refusing cookies harder than consenting to them. The publisher said it would change "
            "its privacy settings page within a month.</p></article></body></html>")
    assert _classified(page).cls == "live"


SITE_BANNER = ('<div class="cookie-banner"><p>This site uses cookies.</p><button>Accept all cookies</button>'
               '<button>Reject all cookies</button></div>')
PAGES_ABOUT_CONSENT = {   # a cited page whose every sentence speaks of cookies, consent, personal data or partners
    "a privacy policy, the site's banner beside it": (SITE_BANNER, [
        "This privacy notice explains how the Ministry processes your personal data when you use this website.",
        "We collect personal data only where you give your consent, and you may withdraw your consent at any time.",
        "We use cookies to measure how the site is used; you can change your cookie preferences on the cookies page."]),
    "a ministry's statement, the site's banner beside it": (SITE_BANNER, [
        "The Ministry calls on the Russian Federation to withdraw all its forces from the territory of Ukraine.",
        "Together with our partners, we will continue to support Ukraine for as long as it takes.",
        "The Ministry thanks its partners in the European Union and NATO for their unwavering solidarity."]),
    "a cookie policy naming its banner's buttons": ("", [
        "Cookies are small files saved on your device when you visit this website.",
        "If you select Accept all cookies in the banner, we also set analytics cookies to measure your visit.",
        "If you select Reject all cookies, we only set the cookies the site needs to work."]),
    "a regulator's release quoting the buttons": ("", [
        "La formation restreinte a prononcé une amende contre la société pour ses pratiques en matière de cookies.",
        "Le site ne proposait pas de bouton « Tout refuser » aussi simple que le bouton « Tout accepter » des cookies.",
        "Refuser les cookies demandait plusieurs clics, alors que le consentement n'en demandait qu'un seul."]),
}


@pytest.mark.parametrize("name", sorted(PAGES_ABOUT_CONSENT))
def test_a_page_about_cookies_or_consent_is_no_wall(name):
    """A cited privacy policy, a statement that speaks of partners and a withdrawal, a cookie
    policy or a regulator's release are the pages cited: the site's banner in the HTML around
    them asks nothing of the page, and buttons quoted in a sentence are no buttons."""
    banner, sentences = PAGES_ABOUT_CONSENT[name]
    page = (f"<html><head><title>{name}</title></head><body>{banner}<main><article><h1>{name}</h1>"
            + "".join(f"<p>{s}</p>" for s in sentences) + "</article></main></body></html>")
    assert _classified(page, "https://gov.example/page").cls == "live"


# a page of the site's own words: where it came from alone decides
PLAIN = ("<html><head><title>Statement</title></head><body><article><h1>Statement</h1><p>"
         + " ".join(["The Ministry calls on the parties to respect the ceasefire agreed in Geneva."] * 4)
         + "</p></article></body></html>")


def test_a_memento_of_a_consent_host_or_path_is_a_consent_wall():
    """A replay URL names the archived page's URL: a capture of consent.google.com's answer, or
    of the redirect to a site's /gdpr-consent/ page, is the wall, not the archive's page."""
    replay = "https://web.archive.org/web/20200330000000id_/"
    google = _classified(PLAIN, replay + "https://www.google.com/search?q=x",
                         replay + "https://consent.google.com/ml?continue=https://www.google.com/search?q=x")
    assert google.cls == "consent-wall" and "consent.google.com" in google.reason
    post = _classified(PLAIN, replay + "https://www.washingtonpost.com/world/story/",
                       replay + "https://www.washingtonpost.com/gdpr-consent/?next_url=x")
    assert post.cls == "consent-wall" and "redirected to a consent page" in post.reason
    assert _classified(PLAIN, replay + "https://www.washingtonpost.com/world/story/").cls == "live"


def test_hosts_that_merely_resemble_a_consent_host_are_not_one():
    """Only the consent form's own host counts: a site whose name contains it is another site."""
    for host in ("consent.yahoo.com.example.org", "notconsent.yahoo.com", "consent.youtube.com.evil.example"):
        assert _classified(PLAIN, f"https://{host}/statement").cls == "live", host
    assert _classified(PLAIN, "https://guce.yahoo.com/consent?brandType=eu").cls == "consent-wall"
