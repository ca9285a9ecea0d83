"""URLs in footnotes, edge cases: a URL wrapped mid-word inside
quote marks or <>, a sentence after a URL on the next line, a page printed with its Wayback
Machine capture, a footnote of thousands of URLs, and an @handle printed beside a URL.

The letters are tests/test_ingest_synthetic.py's made-up letter with one footnote rewritten
(tests/test_footnote_urls.py `_footnote`), read by the real parser.
"""

from __future__ import annotations

import pytest

from crawler.ingest.footnotes import Footnote, citations_for
from crawler.urls import footnote_urls, redirect_target, repair_footnote_url
from tests.test_footnote_urls import MINISTRY, _cited, _footnote
from tests.test_hostile_regex import guard

CUT = "https://x.example/statement-on-the-so-called-elec"
REST = CUT + "tions_2021"


def _citations(text: str) -> list:
    """The citations of footnote 5 printing `text` (no link targets, no footnote before)."""
    return citations_for(Footnote(5, text, 1), [], set())


# ---------------------------------------------------------------- mid-word cut inside quote marks


@pytest.mark.parametrize("text", [
    f"Ministry, “{CUT}\ntions_2021”; see also",
    f"Ministry, <{CUT}\ntions_2021>; see also",
    f"Ministry, \"{CUT}\ntions_2021\".",
    f"Ministry, «{CUT}\ntions_2021».",
    f"Ministry, {CUT}\ntions_2021; see also",       # without marks, as before
])
def test_a_url_cut_mid_word_inside_quote_marks_or_brackets_names_its_rest(text):
    found = repair_footnote_url(text)
    assert (found.url, found.may_go_on) == (CUT, REST)


def test_a_quoted_url_cut_mid_word_is_flagged_and_said_by_the_parser():
    _, citation = _cited(_footnote(5, [f" 5 Ministry, “{CUT}", "tions_2021”; see also the press release. "]), 5)
    assert citation.url == CUT and "url-may-be-truncated" in citation.flags
    assert [REST in warning for warning in citation.warnings] == [True]


# ---------------------------------------------------------------- a sentence after the URL


@pytest.mark.parametrize("after", [
    "Published on 31 March 2020.",
    "Archived at https://web.archive.org/web/20210209120000/https://www.osce.org/minsk-group/449410.",
    "Statement of the Co-Chairs.",
    "Accessed on 3 May 2021.",
])
def test_a_capitalised_sentence_after_a_url_on_the_next_line_is_no_rest_of_it(after):
    for citation in _citations(f"https://www.osce.org/minsk-group/449410\n{after}"):
        assert citation.url == "https://www.osce.org/minsk-group/449410"
        assert (citation.flags, citation.warnings) == ([], [])


@pytest.mark.parametrize("text", [
    "https://www.state.gov/the-so-called-referendum-in-kessel/ [6]",
    "U.S. Department of State, https://www.state.gov/the-so-called-referendum-in-kessel/\n[6].",
    "https://www.state.gov/the-so-called-referendum-in-kessel/ [6][7] and more",
])
def test_a_reference_mark_after_a_url_is_no_rest_of_it(text):
    """"[6]" after a URL that ends in "/" (a compilation's numbered sources) is a mark, not the URL's
    rest: joined on, it cited "…/kessel/[6]", with a repair saying a space was removed."""
    citation = _citations(text)[0]
    assert citation.url == "https://www.state.gov/the-so-called-referendum-in-kessel/"
    assert citation.repairs == []


def test_brackets_inside_a_url_stay_its_own():
    assert _citations("https://example.org/search?a[1]=x")[0].url == "https://example.org/search?a[1]=x"


@pytest.mark.parametrize("text, rest", [
    # a lower-case rest before prose: a prose word after it still ends the footnote
    (f"{CUT}\ntions; see also https://y.example/b.", CUT + "tions"),
    # a capitalised rest holding a character only URLs have, or a dot
    ("https://x.example/news/Press\nRelease_2020 (Unofficial translation).", "https://x.example/news/PressRelease_2020"),
    ("https://x.example/news/Press\nRelease.aspx", "https://x.example/news/PressRelease.aspx"),
])
def test_a_rest_that_may_be_the_urls_is_still_named(text, rest):
    assert repair_footnote_url(text).may_go_on == rest


# ---------------------------------------------------------------- a page and its capture


@pytest.mark.parametrize("text", [
    f"{MINISTRY} (archived at https://web.archive.org/web/20210209120000/{MINISTRY}).",
    f"Archived at https://web.archive.org/web/20210209120000/{MINISTRY} (original: {MINISTRY}).",
])
def test_a_page_printed_with_its_wayback_capture_is_one_citation_naming_the_capture(text):
    capture = f"https://web.archive.org/web/20210209120000/{MINISTRY}"
    [citation] = _citations(text)
    assert (citation.kind, citation.url, citation.source_key) == ("web", MINISTRY, MINISTRY)
    assert [capture in repair for repair in citation.repairs].count(True) == 1


def test_two_tweets_of_one_account_are_two_citations_of_its_source():
    tweets = ["https://twitter.com/osterlich/status/1", "https://twitter.com/osterlich/status/2"]
    cited = _citations(f"See {tweets[0]} and {tweets[1]}.")
    assert [(c.url, c.source_key) for c in cited] == [(tweets[0], "twitter:@osterlich"),
                                                      (tweets[1], "twitter:@osterlich")]


# ---------------------------------------------------------------- thousands of URLs


def test_a_footnote_of_thousands_of_urls_is_read_in_linear_time():
    """Each URL was read by tokenising the footnote to its end: 15,000 URLs took about a minute."""
    text = " ".join(f"https://a{i}.example/x" for i in range(15_000))
    with guard():
        found = footnote_urls(text)
    assert [url.url for url in found[-2:]] == ["https://a14998.example/x", "https://a14999.example/x"]
    assert len(found) == 15_000


# ---------------------------------------------------------------- an @handle beside a URL


def test_an_at_handle_printed_beside_a_url_is_a_further_citation_of_the_statement():
    doc, citation = _cited(_footnote(5, [f" 5 Ministry, {MINISTRY}; see also @MarsoviaMFA. "]), 5)
    statement = next(s for s in doc.statements if citation in s.citations)
    handle = statement.citations[-1]
    assert (citation.url, handle.kind, handle.handle, handle.source_key, handle.url, handle.footnote) == (
        MINISTRY, "twitter", "@MarsoviaMFA", "twitter:@marsoviamfa", None, 5)
    assert handle.seq > max(s.footnote for s in doc.statements if s.footnote)


@pytest.mark.parametrize("text, handles", [
    # a handle inside a URL, or the account of the tweet cited, is no further source
    ("https://x.example/a?by=@someone&c=1.", []),
    ("https://twitter.com/MarsoviaMFA/status/1 (@MarsoviaMFA).", []),
    ("Tweet by @MarsoviaMFA, https://twitter.com/MarsoviaMFA/status/1 and @MarsoviaMFA.", []),
    ("Retweeted by @Other: https://twitter.com/MarsoviaMFA/status/1.", ["@Other"]),
    ("Press office, mfa@example.org; https://x.example/a.", []),
])
def test_only_an_account_the_urls_do_not_cite_is_a_further_citation(text, handles):
    first, *others = _citations(text)
    assert first.url is not None and [c.handle for c in others] == handles


def test_each_handle_a_footnote_prints_is_cited():
    assert [(c.kind, c.source_key) for c in _citations("See @osterlich and @MarsoviaMFA.")] == [
        ("twitter", "twitter:@osterlich"), ("twitter", "twitter:@marsoviamfa")]


def test_a_handle_beside_the_facebook_page_of_its_name_is_no_twitter_account():
    [citation] = _citations("Embassy, https://www.facebook.com/ukinazerbaijan/ (@ukinazerbaijan).")
    assert (citation.kind, citation.source_key) == ("facebook", "facebook:ukinazerbaijan")


def test_a_google_redirect_link_leads_to_its_target_and_no_other_link_is_read_so():
    assert redirect_target("https://www.google.com/url?q=https%3A%2F%2Fwww.un.org%2Fsg%2Fen%2Fostravia%3Fa%3D1&sa=D"
                           "&source=editors") == "https://www.un.org/sg/en/ostravia?a=1"
    assert redirect_target("https://www.google.com/search?q=https%3A%2F%2Fwww.un.org%2F") is None   # a search
    assert redirect_target("https://www.google.com/url?q=javascript%3Aalert(1)") is None
    assert redirect_target("https://www.un.org/url?q=https%3A%2F%2Fexample.org%2F") is None
