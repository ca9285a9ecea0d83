"""Judgement calls where a link-rot report could cry wolf: a resolver hiccup, a headline that
mentions an error, an article titled "Maintenance".

A careful link checker (InternetArchiveBot's DeadlinkChecker, ../shared/REFERENCE.md) calls a
link dead on the server's answer, and a soft-404 only on strong evidence.  So: a lookup that
did not finish (getaddrinfo's EAI_AGAIN: SERVFAIL, no name server answered) is a network
hiccup, weak evidence, unlike a name that does not exist (NXDOMAIN); a title that carries an
error phrase among other words is an error page only on a short page that says nothing but
the error (tests/test_classify_titles.py) or when the host's random path shows the same title
(an error in the heading: the same heading); a maintenance notice is a short page, not an
article that the cited link was redirected to.
"""

from __future__ import annotations

import ctypes
import socket
from collections import Counter
from pathlib import Path

import pytest
from scrapy.utils._download_handlers import wrap_twisted_exceptions
from twisted.internet import reactor
from twisted.internet.base import ThreadedResolver
from warcio.archiveiterator import ArchiveIterator

from crawler.classify import ARTICLE_TEXT, classify
from crawler.extract import extract
from crawler.history import load_checks
from crawler.items import FetchItem
from tests.test_classify import PROBE_URL, _with_probe, answer, classified
from tests.clirun import crawl_here, fast_env
from tests.crawling import add_sources, outcome, source
from tests.web.pages import article_html

# --- a lookup that did not finish is no evidence that the name is gone -------------------


def _gai_message(code: int) -> str:
    """What getaddrinfo's error says for `code`, in the C library's own words (gai_strerror),
    as Python's socket.gaierror puts it."""
    libc = ctypes.CDLL(None)
    libc.gai_strerror.restype = ctypes.c_char_p
    return str(socket.gaierror(code, libc.gai_strerror(code).decode()))


def _lookup_failed(host: str, code: int) -> FetchItem:
    """The fetch a crawl records when its resolver's lookup fails with `code`: Twisted's
    ThreadedResolver wording, wrapped by Scrapy's download handler as the crawl sees it."""
    error = ThreadedResolver(reactor)._fail(host, _gai_message(code)).value
    with pytest.raises(Exception) as raised, wrap_twisted_exceptions():
        raise error
    url = f"https://{host}/statement"
    return FetchItem(source_id=1, requested_url=url, final_url=url, error_class=type(raised.value).__name__,
                     error_message=str(raised.value))


def test_a_temporary_resolver_failure_is_a_hiccup_and_a_missing_name_a_dns_failure():
    hiccup = classify(_lookup_failed("www.gov.example", socket.EAI_AGAIN))
    assert hiccup.cls == "connection-error" and hiccup.evidence["dns"] == "temporary"
    assert "not a sign that the name is gone" in hiccup.reason
    gone = classify(_lookup_failed("www.gov.example", socket.EAI_NONAME))
    assert gone.cls == "dns-failure" and "does not resolve" in gone.reason and "dns" not in gone.evidence
    # the resolver's own timeout (Scrapy's DNS_TIMEOUT) did not finish either
    timed_out = FetchItem(source_id=1, requested_url="https://www.gov.example/s", final_url="https://www.gov.example/s",
                          error_class="CannotResolveHostError",
                          error_message=str(ThreadedResolver(reactor)._fail("www.gov.example", "timeout error").value))
    assert classify(timed_out).cls == "connection-error"


@pytest.mark.parametrize("writer", ["pipeline", "cluster"])
def test_a_crawl_takes_a_resolver_hiccup_as_weak_evidence_and_its_history_replays_it(writer, web, env, db, tmp_path,
                                                                                      request):
    """`hiccup.example=again` fails the lookup as a resolver without answers does (EAI_AGAIN);
    every other name is pinned to fail (NXDOMAIN).  A live page keeps the crawl from looking
    offline (then its checks would be withdrawn).  The crawl's pipeline and a cluster's
    collector each write the checks; the history replays them."""
    live, hiccup, gone = (f"{web['main']}/crawl/live?key=judgement-dns-{writer}", "http://hiccup.example/statement",
                          "http://gone.example/statement")
    ids = add_sources(db, [live, hiccup, gone])
    crawl_env = fast_env(env, web, tmp_path, resolve_hosts="hiccup.example=again,*=fail")
    if writer == "cluster":
        redis_url = request.getfixturevalue("redis_url")
        crawl_here({**crawl_env, "CITEWATCH_REDIS_URL": redis_url}, "--redis", redis_url, "--workers", "1")
    else:
        crawl_here(crawl_env)

    fetch = outcome(db, ids[hiccup])
    assert fetch["class"] == "connection-error" and fetch["evidence"]["dns"] == "temporary", fetch
    assert "Temporary failure in name resolution" in fetch["error_message"]
    assert outcome(db, ids[gone])["class"] == "dns-failure"
    requests = {(record.rec_headers.get_header("WARC-Record-ID"), record.rec_headers.get_header("WARC-Target-URI"))
                for path in Path(crawl_env["CITEWATCH_DATA_DIR"]).rglob("*.warc.gz")   # (a cluster: a worker's file
                for record in ArchiveIterator(open(path, "rb")) if record.rec_type == "request"}  # and the central one)
    asked = Counter(uri for _, uri in requests)
    assert (asked[hiccup], asked[gone]) == (2, 1)   # a hiccup is asked again (retries=1), an answer is not
    stored = {name: source(db, ids[url]) for name, url in (("hiccup", hiccup), ("gone", gone), ("live", live))}
    assert stored["hiccup"]["checks"][-1]["strength"] == "weak"
    assert "weak evidence" in stored["hiccup"]["state_reason"] and "not a sign" in stored["hiccup"]["state_reason"]
    assert stored["gone"]["checks"][-1]["strength"] == "strong" and "strong evidence" in stored["gone"]["state_reason"]
    # the history's replay of the crawl's checks ends in the states the crawl stored
    replayed = load_checks(db)
    for name, url in (("hiccup", hiccup), ("gone", gone), ("live", live)):
        last = replayed[ids[url]][-1]
        assert (last.state, last.failing_checks) == (stored[name]["state"], stored[name]["failing_checks"]), name
    assert replayed[ids[hiccup]][-1].outcome == "failing"  # a hiccup still counts, as a timeout does


# --- a headline that mentions an error ----------------------------------------------

FILM = article_html("Error 404 – the film", ["The director's new thriller follows a programmer who vanishes "
                                              "from every database in the country overnight. " * 20])


def test_a_headline_that_mentions_an_error_is_a_live_article():
    page = answer(body=FILM)
    assert classified(page).cls == "live"  # a memento, or no random path asked
    not_found = answer(PROBE_URL, status=404, body="<html><title>Not Found</title></html>")
    assert classified(page, (not_found, None)).cls == "live"
    other = article_html("Page not found | Cinema News", ["Sorry, nothing here. Try the search box."])
    assert _with_probe(page, other).cls == "live"


def test_an_error_title_among_other_words_is_still_an_error_page_when_short_or_on_every_path():
    # the same words on a short page: an error page with the site's name
    short = answer(body=article_html("Error 404 – Cinema News", ["Sorry, this page does not exist."]))
    assert classified(short).cls == "soft-404"
    # a long error page (suggested articles) that the random path shows under the same title
    catch_all = article_html("Error 404 – Cinema News", ["Read our latest reviews of the week's new releases. " * 40])
    result = _with_probe(answer(body=catch_all), catch_all)
    assert result.cls == "soft-404" and result.evidence["phrase"] == "Error 404"
    # a title that is nothing but errors needs no more, however long the page
    assert classified(answer(body=article_html("Erreur 404 - Page introuvable", ["Voir aussi. " * 200]))).cls \
        == "soft-404"


# A news site's error page: its menu, related articles and teasers make trafilatura's main text
# longer than an article's, and no random path is asked (a memento) or it answers 404.
RELATED = [f"Related story {j}: " + " ".join(f"Headline {j}.{i} on the economy, the elections and the weather "
                                             f"in region {i * j}." for i in range(5)) for j in range(8)]
SITE_NAME = '<meta property="og:site_name" content="{}">'


@pytest.mark.parametrize("host, title, head", [
    ("www.thedaily.example", "Page not found | The Daily", ""),                       # the host's name
    ("mfa.gov.example", "Page not found | Ministry of Foreign Affairs", ""),          # its initials
    ("www.eldiario.example", "Página no encontrada - El Diario", ""),
    ("www.bbc.example", "404 - Page Not Found - BBC News", ""),                          # a brand and a word
    ("www.mid.example", "Страница не найдена — Министерство иностранных дел",
     SITE_NAME.format("Министерство иностранных дел")),                                # the name the page declares
    ("www.mofa.example", "صفحة غير موجودة - وزارة الخارجية", SITE_NAME.format("وزارة الخارجية")),
    ("www.xinhuanet.example", "页面不存在 - 新华网", "<meta content='新华网' property='og:site_name'>"),
])
def test_a_long_error_page_titled_with_the_site_s_name_is_a_soft_404(host, title, head):
    page = answer(f"https://{host}/news/2020/03/ceasefire-statement", body=article_html(title, RELATED, extra_head=head))
    assert len(extract(page.body, "text/html", page.final_url).text) >= ARTICLE_TEXT  # as long as an article's
    assert classified(page).cls == "soft-404"
    probe = answer(f"https://{host}/0123abcd-citewatch-probe", status=404, body=article_html(title, RELATED))
    assert classified(page, (probe, None)).cls == "soft-404"
    replay = f"https://web.archive.org/web/20200401000000id_/https://{host}/news/2020/03/ceasefire-statement"
    assert classified(answer(replay, body=page.body)).cls == "soft-404"  # its memento (never a probe) too
    # on the same site, a headline's words beside the error are no site's name: an article
    article = answer(f"https://{host}/news/2020/03/ceasefire-statement",
                     body=article_html("Error 404 – the film", RELATED, extra_head=head))
    assert classified(article).cls == "live"
    assert classified(answer(replay, body=article.body)).cls == "live"


# --- an article titled "Maintenance" --------------------------------------------------

REQUESTED = "https://www.gov.example/news/2020/1234"


def _redirected_to(path: str, body: str) -> FetchItem:
    """The cited link, redirected (a new slug) to `path`, which answers `body`."""
    final = "https://www.gov.example" + path
    return answer(REQUESTED, body=body, final_url=final,
                  redirects=[{"url": REQUESTED, "status": 301}, {"url": final, "status": 200}])


@pytest.mark.parametrize("title", ["Maintenance", "Scheduled maintenance of the Ministry's lifts"])
def test_an_article_about_maintenance_that_the_link_redirects_to_is_no_maintenance_notice(title):
    article = article_html(title, ["The planned maintenance of the Ministry's building on Main Street renovates "
                                   "the facade, the lifts and the heating; offices stay open. " * 15])
    result = classified(_redirected_to("/news/2020/building-maintenance", article))
    assert result.cls == "redirected" and "maintenance" not in result.evidence


def test_a_short_notice_that_the_link_redirects_to_is_a_maintenance_notice():
    notice = article_html("Maintenance", ["We'll be back soon! The site is down for maintenance."])
    result = classified(_redirected_to("/maintenance", notice))
    assert result.cls == "server-error" and result.evidence["maintenance"] == "We'll be back soon"


def test_a_long_notice_every_path_shows_is_still_a_maintenance_notice():
    notice = article_html("Scheduled maintenance", ["Our website is undergoing scheduled maintenance. "
                                                    "Notre site est en cours de maintenance. " * 25])
    result = _with_probe(answer(body=notice), notice)
    assert result.cls == "server-error" and result.evidence["maintenance"] == "Scheduled maintenance"


def test_a_notice_in_several_languages_under_the_site_s_name_on_every_path_is_a_maintenance_notice():
    # the title names the site only: the notice is in the text, longer than a short page's
    notice = article_html("Ministry of Foreign Affairs", [
        "Our website is undergoing scheduled maintenance and will be back shortly. We apologise for the inconvenience.",
        "Notre site est en cours de maintenance et sera de retour sous peu. Nous vous prions de nous excuser.",
        "Unsere Website wird gerade gewartet (Wartungsarbeiten) und ist bald wieder erreichbar. Wir bitten um Verständnis.",
        "Nuestro sitio web está en mantenimiento y volverá pronto. Disculpe las molestias ocasionadas.",
        "На сайте проводятся технические работы. Приносим извинения за временные неудобства.",
        "For urgent consular matters please call the Ministry's 24-hour hotline or write to the consular section.",
        "Press inquiries go to the press office. Follow the Ministry on social media for its latest statements."])
    assert len(extract(notice.encode(), "text/html", REQUESTED).text) >= 600  # beyond a short page's (SHORT_TEXT)
    result = _with_probe(answer(body=notice), notice)
    assert result.cls == "server-error" and result.evidence["maintenance"] == "undergoing scheduled maintenance"


def test_a_maintenance_reason_quotes_the_notice_s_words_as_a_reader_reads_them():
    notice = article_html("Maintenance", ["We'll be back soon! The site is down for maintenance."])
    result = classified(_redirected_to("/maintenance", notice))
    assert result.reason == "the site is down for maintenance (“We'll be back soon”); not the page's answer"
