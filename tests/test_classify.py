"""The classifier, the state machine and extraction as pure functions (no crawl needed).

The crawls in test_crawl.py show each class end to end; these pin the rules that a
local web cannot show (X/Twitter hosts, dates days apart) and the edges of each rule.
"""

from __future__ import annotations

import pytest

from crawler.classify import CLASSES, classify, detect_block, is_home_page
from crawler.extract import decode_html, extract
from crawler.items import FetchItem
from crawler.middlewares.refusals import refusal
from crawler.middlewares.retries import retry_after_seconds
from crawler.state import next_state
from tests.conftest import ROOT
from tests.web.pages import article_html, simple_pdf

ARTICLE = article_html("Statement on the ceasefire", ["The Ministry calls for an immediate ceasefire. " * 20])


def answer(url="https://www.gov.example/news/2020/statement", status=200, body=ARTICLE, headers=None, final_url=None,
           redirects=None, **extra) -> FetchItem:
    body = body.encode() if isinstance(body, str) else body
    return FetchItem(source_id=1, requested_url=url, final_url=final_url or url, status=status, body=body,
                     headers=headers or {"content-type": "text/html"}, content_type="text/html",
                     redirects=redirects or [], **extra)


def classified(fetch: FetchItem, probe=None):
    extraction = extract(fetch.body, fetch.content_type, fetch.final_url) if fetch.status == 200 else None
    return classify(fetch, extraction, probe)


@pytest.mark.parametrize("url", ["https://twitter.com/MFAestonia/status/1245", "https://x.com/MFAestonia",
                                 "https://www.facebook.com/MFA.Armenia/posts/1"])
@pytest.mark.parametrize("status", [200, 400, 403, 404])
def test_social_platforms_never_yield_an_error_class(url, status):
    result = classified(answer(url, status=status, body="<html><title>X</title><body>Log in</body></html>"))
    assert result.cls == "login-wall" and result.kind == "uncertain"
    assert str(status) in result.reason


def test_cloudflare_headers_alone_are_not_a_wall():
    headers = {"content-type": "text/html", "server": "cloudflare", "cf-ray": "8a1b-AMS"}
    assert detect_block(200, headers, ARTICLE.encode()) is None
    assert classified(answer(headers=headers)).cls == "live"


@pytest.mark.parametrize("status, headers, body, vendor", [
    (403, {"cf-mitigated": "challenge"}, "<html></html>", "Cloudflare"),
    (503, {}, "<html><head><title>Just a moment...</title></head></html>", "Cloudflare"),
    (403, {}, "<html><head><title>Attention Required! | Cloudflare</title></head></html>", "Cloudflare"),
    (403, {}, "<h1>Access Denied</h1> Reference&#32;#18.6d3c1402.1712345678.1a2b3c4d", "Akamai"),
    (403, {"x-cache": "Error from cloudfront"}, "<h1>403 ERROR</h1>The request could not be satisfied.", "CloudFront"),
    (403, {}, "Request unsuccessful. Incapsula incident ID: 123-456", "Imperva/Incapsula"),
    (999, {}, "", "LinkedIn"),
    (200, {}, "<html><body>Enable JavaScript and cookies to continue</body></html>", "a bot wall"),
])
def test_bot_walls_are_blocked_with_the_vendor_named(status, headers, body, vendor):
    result = classify(answer(status=status, headers=headers, body=body))
    assert (result.cls, result.evidence["vendor"]) == ("blocked", vendor)
    assert vendor in result.reason


def test_a_live_article_that_mentions_removal_stays_live():
    body = article_html("Statement on the ceasefire", ["This page has been removed from the old site and moved here. "
                                                       "The Ministry calls for an immediate ceasefire. " * 10])
    assert classified(answer(body=body)).cls == "live"


@pytest.mark.parametrize("title", ["Page non trouvée", "404 Not Found", "Seite nicht gefunden", "Página no encontrada",
                                   "Pagina non trovata", "Страница не найдена"])
def test_error_phrases_in_the_title_make_a_soft_404(title):
    result = classified(answer(body=f"<html><head><title>{title}</title></head><body><p>Sorry.</p></body></html>"))
    assert result.cls == "soft-404" and result.evidence["title"] == title


def test_the_home_page_is_never_a_soft_404():
    body = "<html><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>"
    assert is_home_page("https://www.gov.example/") and is_home_page("https://www.gov.example/index.html")
    assert classified(answer("https://www.gov.example/", body=body)).cls == "live"


def test_a_random_path_with_the_same_text_makes_a_soft_404_and_a_different_one_does_not():
    shell = article_html("Ministry", ["We are sorry, the content could not be shown. Please use the search box. " * 3])
    page = answer(body=shell)
    probe = answer("https://www.gov.example/zzz-citewatch-probe", body=shell)
    probe_extraction = extract(probe.body, "text/html", probe.final_url)
    result = classified(page, (probe, probe_extraction))
    assert result.cls == "soft-404" and result.evidence["similarity"] >= 90
    assert classified(answer(), (probe, probe_extraction)).cls == "live"
    not_found = answer("https://www.gov.example/zzz-citewatch-probe", status=404, body="nope")
    assert classified(page, (not_found, None)).cls == "live"


@pytest.mark.parametrize("final, expected", [
    ("https://www.gov.example/", "redirected-to-root"),
    ("https://www.gov.example/en/", "redirected-to-root"),
    ("https://www.gov.example/news/", "redirected-to-root"),
    ("https://www.gov.example/news/2020/statement/", "live"),      # trailing slash: the same path
    ("http://gov.example/news/2020/statement", "live"),            # scheme and host only
    ("https://www.gov.example/archive/2020/statement", "redirected"),
])
def test_redirects(final, expected):
    fetch = answer(final_url=final, redirects=[{"url": "https://www.gov.example/news/2020/statement", "status": 301},
                                               {"url": final, "status": 200}])
    assert classified(fetch).cls == expected


@pytest.mark.parametrize("error_class, message, expected", [
    ("CannotResolveHostError", "DNS lookup failed: no results for hostname lookup: x.invalid.", "dns-failure"),
    ("CannotResolveHostError", "DNS lookup failed: address 'x.example' not found: [Errno -2] Name or service not known.", "dns-failure"),
    # a lookup that did not finish (SERVFAIL, no name server answered): a hiccup, not a missing name
    ("CannotResolveHostError", "DNS lookup failed: address 'x.example' not found: [Errno -3] Temporary failure in name resolution.", "connection-error"),
    ("DownloadTimeoutError", "Getting http://x/ took longer than 30.0 seconds.", "timeout"),
    ("DownloadConnectionRefusedError", "Connection was refused by other side", "connection-error"),
    # a handshake that fails outright brings no page: not tls-error, whose content was fetched
    ("DownloadFailedError", "[<twisted.python.failure.Failure OpenSSL.SSL.Error: [('SSL routines', '', 'sslv3 alert handshake failure')]>]", "connection-error"),
    ("ResponseNeverReceived", "[<twisted.python.failure.Failure OpenSSL.SSL.Error: [('SSL routines', '', 'wrong version number')]>]", "connection-error"),
    ("DownloadCancelledError", "", "too-large"),
    ("IgnoreRequest", "max redirections reached", "redirect-loop"),
])
def test_errors_without_an_answer(error_class, message, expected):
    fetch = FetchItem(source_id=1, requested_url="http://x.invalid/a", error_class=error_class, error_message=message)
    assert classify(fetch).cls == expected


@pytest.mark.parametrize("error_class, message, decoding", [
    ("BadGzipFile", "Not a gzipped file (b'<h')", True),
    ("error", "Error -3 while decompressing data: incorrect header check", True),   # zlib (deflate)
    ("error", "brotli: decoder failed", True),                                    # brotli
    ("ConnectionLost", "Connection to the other side was lost in a non-clean fashion", False),
])
def test_a_body_that_is_not_in_its_declared_coding_is_said_so(error_class, message, decoding):
    fetch = FetchItem(source_id=1, requested_url="http://x.invalid/a", error_class=error_class, error_message=message)
    verdict = classify(fetch)
    assert verdict.cls == "connection-error"
    assert ("is not in the coding its Content-Encoding names" in verdict.reason) == decoding
    assert ("the connection to x.invalid failed" in verdict.reason) != decoding


def test_every_class_is_documented():
    """A class named anywhere else in the README (a `blocked` in prose) passed with no row of
    its own: each needs its row in the "Classes" table, with its kind."""
    with open(ROOT / "README.md", encoding="utf-8") as handle:  # the classes are documented there
        table = handle.read().split("### Classes", 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    rows = {row.split("|")[1].strip(" `"): row.split("|")[2].strip() for row in ("|" + table).splitlines()[2:]}
    assert rows == {name: kind for name, (kind, _) in CLASSES.items()}


def test_refusal_of_schemes_and_private_addresses():
    assert "scheme" in refusal("file:///etc/passwd", allow_private=False)
    assert "scheme" in refusal("javascript:alert(1)", allow_private=True)
    assert "private" in refusal("http://169.254.169.254/latest/", allow_private=False)
    assert "private" in refusal("http://[::1]:8080/", allow_private=False)
    assert refusal("http://127.0.0.1:8080/", allow_private=True) is None
    assert refusal("https://www.gov.example/", allow_private=False) is None
    assert "not a valid URL" in refusal("http://[::1/broken", allow_private=True)


def test_retry_after_reads_seconds_and_dates():
    assert retry_after_seconds("120", 60) == 120
    assert retry_after_seconds(None, 60) == 60
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 60) == 0  # a date in the past: no wait
    assert retry_after_seconds("soon", 60) == 60


# --- dead is earned over time -------------------------------------------------------

def check(day: int, cls: str) -> dict:
    return {"at": f"2026-01-{day:02d}T00:00:00+00:00", "class": cls, "reason": cls, "attempt": "citewatch",
            "crawl_id": day, "fetch_id": day}


def run_checks(checks: list[dict]) -> dict:
    state = {"state": "unknown", "failing_checks": 0, "checks": []}
    for c in checks:
        state = next_state(state, c, dead_after_checks=3, dead_after_days=3)
    return state


def test_one_run_never_makes_a_source_dead():
    state = run_checks([check(1, "client-error")])
    assert state["state"] == "failing" and "1 check, strong evidence" in state["state_reason"]
    assert "weak evidence" in run_checks([check(1, "timeout")])["state_reason"]


def test_three_failing_checks_three_days_apart_make_it_dead():
    assert run_checks([check(1, "client-error"), check(4, "dns-failure"), check(7, "client-error")])["state"] == "dead"


def test_checks_closer_than_the_window_count_once():
    state = run_checks([check(1, "client-error"), check(2, "client-error"), check(3, "client-error"), check(4, "client-error")])
    assert state["state"] == "failing" and state["failing_checks"] == 2


@pytest.mark.parametrize("reset", ["live", "blocked", "login-wall", "consent-wall"])  # a rate limit keeps it: test_state_false_alarms
def test_a_live_or_uncertain_check_resets_the_count(reset):
    state = run_checks([check(1, "client-error"), check(4, "client-error"), check(5, reset), check(8, "client-error")])
    assert state["state"] == "failing" and state["failing_checks"] == 1
    assert [c["class"] for c in state["checks"]][-2:] == [reset, "client-error"]


def test_social_sources_are_never_dead():
    state = {"state": "unknown", "failing_checks": 0, "checks": []}
    for c in [check(1, "dns-failure"), check(4, "dns-failure"), check(7, "dns-failure")]:
        state = next_state(state, c, dead_after_checks=3, dead_after_days=3, can_die=False)
    assert state["state"] == "failing"


def syndication(day: int, cls: str) -> dict:
    return {**check(day, cls), "via": "syndication", "confirm": 2}


def test_a_syndication_negative_counts_once_confirmed_and_logged_out_fetches_say_nothing():
    first = run_checks([syndication(1, "post-not-found")])
    assert (first["state"], first["failing_checks"]) == ("unknown", 0)
    assert first["state_reason"] == "post-not-found (1 of 2 checks)"
    # the crawl's logged-out fetches between the answers neither confirm nor reset them
    second = run_checks([syndication(1, "post-not-found"), check(2, "login-wall"), check(3, "dns-failure"),
                         syndication(4, "post-not-found")])
    assert (second["state"], second["failing_checks"]) == ("failing", 1)
    assert [c.get("ignored", False) for c in second["checks"]] == [False, True, True, False]
    # a live answer between two negatives starts the confirmation again
    again = run_checks([syndication(1, "post-not-found"), syndication(4, "live"), syndication(7, "post-not-found")])
    assert again["state_reason"].endswith("(1 of 2 checks)")
    # a tombstone is uncertain: it resets the count and is never dead
    assert run_checks([syndication(1, "post-unavailable")] * 4)["state"] == "unknown"
    dead = run_checks([syndication(day, "post-not-found") for day in (1, 2, 5, 8)])
    assert dead["state"] == "dead" and dead["failing_checks"] == 3


def test_states_of_uncertain_classes():
    assert run_checks([check(1, "blocked")])["state"] == "blocked"
    assert run_checks([check(1, "login-wall")])["state"] == "unknown"
    assert run_checks([check(1, "consent-wall")])["state"] == "unknown"
    assert run_checks([check(1, "rate-limited")])["state"] == "unknown"  # the site asked to wait: no state of its own
    assert run_checks([check(1, "tls-error")])["state"] == "live"


# --- extraction ---------------------------------------------------------------------

def test_charsets_are_decoded_by_evidence():
    text = "<html><body><p>Le ministère appelle à un cessez-le-feu immédiat.</p></body></html>"
    assert "ministère" in decode_html(text.encode("utf-8"), "text/html; charset=iso-8859-1")[0]
    assert "ministère" in decode_html(text.encode("cp1252"), "text/html; charset=utf-8")[0]
    assert "ministère" in decode_html(text.encode("cp1252").replace(b"<html>", b'<html><meta charset="windows-1252">'), None)[0]


def test_extraction_says_why_it_has_no_text():
    assert extract(b"", "text/html").status == "empty"
    assert extract(bytes(range(256)) * 4, "image/png").status == "not_html"
    assert extract(b"%PDF-1.4 broken", "application/pdf").status == "failed"
    result = extract(ARTICLE.encode(), "text/html", "https://www.gov.example/a")
    assert result.status == "ok" and result.language == "en" and result.title == "Statement on the ceasefire"


def test_comments_are_not_main_text():
    page = article_html("Statement", ["The Ministry calls for an immediate ceasefire and dialogue. " * 8]).replace(
        "</article>", '</article><section class="comments" id="comments"><div class="comment"><p>A reader says: '
                      "the ceasefire is a trick and nobody believes it at all.</p></div></section>")
    assert "A reader says" not in extract(page.encode(), "text/html").text


def test_pdf_text_has_line_end_hyphens_repaired():
    pdf = simple_pdf(["The parties reject the illegiti-", "mate annexation."])
    assert "illegitimate annexation" in " ".join(extract(pdf, "application/pdf").text.split())


@pytest.mark.parametrize("title", ["Statement number 404", "Resolution 404 (1977) of the Security Council"])
def test_a_number_404_in_a_title_is_not_an_error_page(title):
    assert classified(answer(body=article_html(title, ["The Ministry calls for an immediate ceasefire. " * 20]))).cls == "live"


@pytest.mark.parametrize("title", ["404 new cases of COVID-19 confirmed in the country",
                                   "404 citizens repatriated from Wuhan on a special flight",
                                   "Joint investigation: evidence of chemical weapons use not found",
                                   "Vermisste Bergsteiger weiterhin nicht gefunden"])
def test_an_error_phrase_inside_a_news_title_is_the_news(title):
    result = classified(answer(body=article_html(title, ["The Ministry calls for an immediate ceasefire. " * 20])))
    assert result.cls == "live", result.reason


@pytest.mark.parametrize("title, phrase", [("404 - Page not found | Ministry of Foreign Affairs", "404"),
                                           ("Ministry of Foreign Affairs — Page introuvable", "Page introuvable"),
                                           ("Oops! Page not found", "Oops! Page not found"),
                                           ("Sorry, the page you requested was not found", None),
                                           ("Error 404", "Error 404")])
def test_an_error_page_is_known_by_a_title_part_that_is_only_the_error(title, phrase):
    result = classified(answer(body=f"<html><head><title>{title}</title></head><body><p>Sorry.</p></body></html>"))
    assert result.cls == "soft-404" and result.evidence["phrase"] == (phrase or title)


@pytest.mark.parametrize("final", ["https://www.gov.example/index.php?option=com_content&view=article&id=1234&lang=en",
                                   "https://www.gov.example/?p=1234", "https://www.gov.example/default.aspx?NewsID=1234",
                                   "https://www.gov.example/news?id=1234"])
def test_a_deep_link_redirected_to_a_page_named_by_its_query_is_not_sent_to_the_root(final):
    fetch = answer(final_url=final, redirects=[{"url": "https://www.gov.example/news/2020/statement", "status": 301},
                                               {"url": final, "status": 200}])
    assert classified(fetch).cls == "redirected"
    # a language or campaign parameter names no page: the root is still the root
    assert classified(answer(final_url="https://www.gov.example/?lang=en&utm_source=x", redirects=[
        {"url": "https://www.gov.example/news/2020/statement", "status": 301},
        {"url": "https://www.gov.example/?lang=en&utm_source=x", "status": 200}])).cls == "redirected-to-root"
    assert not is_home_page("https://www.gov.example/index.php?id=123")  # so it is checked for soft-404s too


CLOUDFLARE_1020 = ("<html><head><title>Access denied | www.gov.example used Cloudflare to restrict access</title></head>"
                   "<body><div id='cf-error-details'><h1>Error 1020</h1><p>Access denied</p></div></body></html>")
JSD = "<script>a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';</script>"


@pytest.mark.parametrize("body, content_type", [("error code: 1020", "text/plain; charset=UTF-8"),
                                                (CLOUDFLARE_1020, "text/html")])
def test_a_cloudflare_firewall_refusal_is_a_wall(body, content_type):
    headers = {"content-type": content_type, "server": "cloudflare", "cf-ray": "8a1b2c3d4e5f-FRA"}
    result = classified(answer(status=403, body=body, headers=headers))
    assert (result.cls, result.evidence["vendor"]) == ("blocked", "Cloudflare")


def test_cloudflare_s_detection_script_in_a_normal_page_is_no_wall():
    headers = {"content-type": "text/html", "server": "cloudflare"}
    short = article_html("Statement by the Spokesperson", ["The Ministry calls for an immediate ceasefire. " * 8])
    assert classified(answer(body=short.replace("</body>", JSD + "</body>"), headers=headers)).cls == "live"
    gone = "<html><head><title>Page not found</title></head><body><h1>Page not found</h1>" + JSD + "</body></html>"
    assert classified(answer(status=404, body=gone, headers=headers)).cls == "client-error"


def test_a_401_asks_for_credentials_and_is_no_evidence_of_rot():
    result = classified(answer(status=401, body="Unauthorized", headers={"content-type": "text/html",
                                                                         "www-authenticate": "NTLM"}))
    assert (result.cls, result.kind) == ("login-wall", "uncertain") and "NTLM" in result.reason


def _asm(support_id: str) -> str:
    return ("<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult "
            f"with your administrator.<br><br>Your support ID is: {support_id}</body></html>")


PROBE_URL = "https://www.gov.example/0123abcd-citewatch-probe"


def _with_probe(page: FetchItem, probe_body: str):
    probe = answer(PROBE_URL, body=probe_body)
    return classified(page, (probe, extract(probe.body, "text/html", PROBE_URL)))


def test_a_firewall_that_rejects_every_path_is_a_wall_not_a_soft_404():
    result = _with_probe(answer(body=_asm("13261346384672587001")), _asm("13261346384672591234"))
    assert (result.cls, result.evidence["vendor"]) == ("blocked", "F5 BIG-IP")


def test_a_javascript_site_s_shell_on_every_path_is_no_soft_404():
    shell = ('<html><head><title>Ministry of Foreign Affairs</title></head><body><noscript>You need to enable JavaScript '
             'to run this app. Please enable JavaScript in your browser settings.</noscript><div id="root"></div></body></html>')
    result = _with_probe(answer(body=shell), shell)
    assert result.cls == "live" and "needs JavaScript" in result.reason


def _menu_page(title: str, inner: str) -> str:
    """A page that is mostly the site's menu and footer around a short content."""
    items = "".join(f'<li><a href="/section/{i}">Section {word} of the ministry {i}</a></li>' for i, word in enumerate(
        "news press statements speeches visits treaties consular embassies documents contacts careers".split() * 3))
    return (f"<html><head><title>{title}</title></head><body><nav><ul>{items}</ul></nav><div><h2>{title}</h2>{inner}"
            f"</div><footer><ul>{items}</ul><p>Ministry of Foreign Affairs, 2020.</p></footer></body></html>")


def test_a_short_release_whose_text_is_mostly_the_menu_is_no_soft_404_when_its_title_is_its_own():
    page = answer(body=_menu_page("Statement on the ceasefire", "<p>The Ministry supports the call for a ceasefire.</p>"))
    error = _menu_page("Ministry of Foreign Affairs", "<p>Sorry, the content you asked for is not available.</p>")
    assert _with_probe(page, error).cls == "live"
    # the same error page at the cited path: one page for every path, a soft-404
    assert _with_probe(answer(body=error), error).cls == "soft-404"


def test_a_site_down_for_maintenance_is_a_server_error_not_a_soft_404():
    notice = article_html("Scheduled maintenance", ["Our website is undergoing scheduled maintenance and will be back "
                                                    "shortly. We apologise for any inconvenience."])
    final = "https://www.gov.example/maintenance"
    page = answer(body=notice, final_url=final, redirects=[{"url": "https://www.gov.example/news/2020/statement",
                                                           "status": 302}, {"url": final, "status": 200}])
    result = _with_probe(page, notice)
    assert (result.cls, result.evidence["maintenance"]) == ("server-error", "Scheduled maintenance")
    # "maintenance" in a UN title is not a notice
    title = "Maintenance of international peace and security"
    assert classified(answer(body=article_html(title, ["The Council met. " * 40]))).cls == "live"


def test_a_451_is_withheld_here_not_gone():
    result = classified(answer(status=451, body="<h1>Unavailable For Legal Reasons</h1>"))
    assert (result.cls, result.kind) == ("blocked", "uncertain") and "451" in result.reason


@pytest.mark.parametrize("title", ["Visa services temporarily unavailable", "Minister visits bridge under maintenance",
                                   "Statement on the scheduled maintenance of the Druzhba pipeline"])
def test_news_about_maintenance_is_not_a_maintenance_notice(title):
    assert classified(answer(body=article_html(title, ["The Ministry informs the public. " * 6]))).cls == "live"


@pytest.mark.parametrize("title", ["404 Error Page", "Error 404 (Not Found)!!1", "Nicht gefunden",
                                   "Ministry of Foreign Affairs: Page not found", "Oops! That page can’t be found.",
                                   "The page /news/2020/statement was not found – Ministry",
                                   "The page “statement” could not be found | Ministry"])
def test_error_titles_in_their_usual_forms_make_a_soft_404(title):
    assert classified(answer(body=f"<html><head><title>{title}</title></head><body><p>Sorry.</p></body></html>")).cls \
        == "soft-404"


def test_a_colon_that_leads_into_the_story_is_news():
    body = article_html("Not found: the missing climbers", ["The search went on for a third day. " * 20])
    assert classified(answer(body=body)).cls == "live"


@pytest.mark.parametrize("requested, final", [
    ("https://www.gov.example/index.php?option=com_content&view=article&id=1234", "https://www.gov.example/"),
    ("https://www.gov.example/index.php?option=com_content&view=article&id=1234", "https://www.gov.example/index.php"),
    ("https://www.gov.example/?p=1234", "https://www.gov.example/"),
    ("https://www.gov.example/news/2020/statement", "https://www.gov.example/?aspxerrorpath=/news/2020/statement"),
    ("https://www.gov.example/news/2020/statement", "https://www.gov.example/?PHPSESSID=abc123"),
])
def test_a_page_named_by_path_or_query_sent_to_the_root_is_redirected_to_root(requested, final):
    fetch = answer(requested, final_url=final, redirects=[{"url": requested, "status": 302}, {"url": final, "status": 200}])
    assert classified(fetch).cls == "redirected-to-root"


def test_the_random_path_still_finds_catch_all_and_slug_echoing_pages():
    notice = "This site requires JavaScript to be enabled for full functionality. "
    home = article_html("Ministry of Foreign Affairs", [notice + "Welcome to the Ministry. " * 40])
    assert _with_probe(answer(body=home), home).cls == "soft-404"  # a long page that also asks for JavaScript
    page = article_html("Search results for statement – Ministry", ["No results. Try another search. " * 8])
    probe = article_html("Search results for 0123abcd citewatch probe – Ministry", ["No results. Try another search. " * 8])
    assert _with_probe(answer(body=page), probe).cls == "soft-404"  # the title repeats each URL's own words


@pytest.mark.parametrize("title", ['Error 404: "democracy" not found', "Skripal case: “evidence” not found",
                                   "COVID-19 in Lithuania: “page” 404", "Statement by the Spokesperson | 404/2020",
                                   "Coronavirus cases today: 404", "Новое: «страница не найдена»"])
def test_headlines_that_quote_or_number_an_error_are_news(title):
    assert classified(answer(body=article_html(title, ["The Ministry informs the public. " * 20]))).cls == "live"


@pytest.mark.parametrize("notice", ["This site is under maintenance", "Sorry, we're down for maintenance",
                                    "Site en cours de maintenance", "На сайте ведутся технические работы"])
def test_a_maintenance_notice_every_path_shows_is_a_server_error(notice):
    body = f"<html><head><title>{notice}</title></head><body><h1>{notice}</h1><p>{notice}.</p></body></html>"
    assert _with_probe(answer(body=body), body).cls == "server-error"


def test_a_title_made_of_its_slug_is_still_its_own():
    url = "https://www.gov.example/en/news/statement-on-the-ceasefire"
    page = answer(url, body=_menu_page("Statement on the ceasefire | Ministry of Foreign Affairs",
                                       "<p>The statement is attached as a PDF.</p>"))
    probe = _menu_page("Ministry of Foreign Affairs", "<p>Welcome to the Ministry.</p>")
    assert _with_probe(page, probe).cls == "live"


@pytest.mark.parametrize("query", ["utm_id=123", "smid=tw-share", "mc_cid=ab12&mc_eid=cd34", "Itemid=101", "lcid=1033"])
def test_a_tracking_menu_or_language_id_names_no_page(query):
    requested = "https://www.gov.example/news/2020/statement"
    home = f"https://www.gov.example/?{query}"
    fetch = answer(requested, final_url=home, redirects=[{"url": requested, "status": 302}, {"url": home, "status": 200}])
    assert classified(fetch).cls == "redirected-to-root"
    same = answer(f"{requested}?{query}", final_url=requested, redirects=[
        {"url": f"{requested}?{query}", "status": 301}, {"url": requested, "status": 200}])
    assert classified(same).cls == "live"


def test_a_reason_quotes_the_page_s_words_as_a_reader_reads_them():
    login = "<html><head><title>Members</title></head><body><p>Log in to continue</p>\n<p>Log in</p></body></html>"
    assert classified(answer(body=login)).reason.endswith("the page only says “Log in to continue Log in”")
    long_title = "Page not found – The Daily Chronicle of the Ministry of Foreign Affairs of the Republic and its Regions"
    result = classified(answer(body=article_html(long_title, ["Sorry, this page does not exist."])))
    assert result.cls == "soft-404" and result.reason.endswith(
        "the page's title says “Page not found – The Daily Chronicle of the Ministry of Foreign Affairs of the…”")
    assert result.evidence["title"] == long_title   # the evidence keeps the words uncut


def test_a_reason_keeps_a_last_word_that_fits_whole():
    title = "Log in to continue reading the statements of the Ministry of Foreign Affairs now and later"
    assert len(title.split(" and later")[0]) == 80   # the word "now" ends at the limit
    assert classified(answer(body=f"<html><head><title>{title}</title></head><body></body></html>")).reason.endswith(
        "the title says “Log in to continue reading the statements of the Ministry of Foreign Affairs now…”")


@pytest.mark.parametrize("status, cls", [(200, "too-large"), (206, "too-large"), (404, "client-error"),
                                         (410, "client-error")])
def test_an_answer_not_downloaded_for_its_size_is_too_large_unless_its_status_says_more(status, cls):
    cut = {"announced": 31_457_280, "cap": 25 * 1024 * 1024}
    result = classified(answer(status=status, body=b"", cut_for_size=cut))
    assert result.cls == cls
    assert result.evidence["announced_length"] == 31_457_280 and result.evidence["size_cap"] == 26_214_400
