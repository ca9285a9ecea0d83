"""Post text out of every page layout Twitter, Nitter and Facebook served; post URLs; the
syndication token; snowflake windows.  Pure functions over the test web's fixture pages."""

import datetime
import json

import pytest

from crawler.posts import (
    extract_facebook,
    extract_tweet,
    facebook_page,
    facebook_page_id,
    id_prefixes,
    nitter_search_results,
    parse_facebook_url,
    parse_syndication,
    parse_tweet_url,
    snowflake_bounds,
    snowflake_time,
    syndication_token,
)
from tests.web import social as web

UTC = datetime.timezone.utc


def test_legacy_permalink_page_gives_the_main_tweet_not_the_replies():
    page = web.legacy_page("MFAestonia", "MFA Estonia", web.ESTONIA.status_id, web.ESTONIA.text,
                           "4:32 AM - 31 Mar 2020", replies=("Thank you Estonia! #Azerbaijan",))
    post = extract_tweet(page)
    assert post.layout == "twitter-legacy"
    assert post.text == web.ESTONIA.text  # "#<b>NagornoKarabakh</b>" reads as one word again


def test_react_page_gives_the_main_tweet_not_the_one_it_replies_to_nor_the_quoted_one():
    page = web.react_page("PaiviPeltokoski", "Päivi Peltokoski", web.PELTOKOSKI.status_id, web.PELTOKOSKI.text,
                          "2020-03-31T14:22:10.000Z", parent=("eu_eeas", "EEAS", web.EEAS.text),
                          quoted=("eu_eeas", web.EEAS.text))
    post = extract_tweet(page.encode("utf-8"))
    assert post.layout == "twitter-react"
    assert post.text == web.PELTOKOSKI.text


def test_shell_capture_with_meta_tags_gives_og_description_without_twitters_quotes():
    post = extract_tweet(web.og_only_page("latvian_mfa", "Latvian MFA", web.LATVIA.status_id, web.LATVIA.text))
    assert post == post.__class__(web.LATVIA.text, "og:description")
    old_style = '<meta property="og:description" content="MFA Estonia on Twitter: &quot;We stand with you.&quot;">'
    assert extract_tweet(f"<html><head>{old_style}</head></html>").text == "We stand with you."


def test_empty_javascript_shell_says_empty_rather_than_none():
    post = extract_tweet(web.SHELL_PAGE)
    assert (post.text, post.layout, post.status) == ("", None, "empty")
    assert extract_tweet(b"").status == "empty"


def test_nitter_status_page_gives_the_main_tweet_not_a_reply():
    page = web.nitter_status_page("CanEmbTurkey", "Canada in Türkiye", web.CANADA.status_id, web.CANADA.text,
                                  "Apr 1, 2020 · 1:30 PM UTC")
    post = extract_tweet(page)
    assert (post.text, post.layout) == (web.CANADA.text, "nitter")


def test_nitter_search_lists_each_tweet_once_with_its_time():
    page = web.nitter_search_page([("CanEmbTurkey", "Canada", web.CANADA.status_id, web.CANADA.text,
                                    "Apr 1, 2020 · 1:30 PM UTC"),
                                   ("CanEmbTurkey", "Canada", web.CANADA_OFF.status_id, web.CANADA_OFF.text,
                                    "Apr 1, 2020 · 9:00 AM UTC")])
    found = nitter_search_results(page)
    assert [(ref.account, ref.post_id, when) for ref, when in found] == [
        ("CanEmbTurkey", web.CANADA.status_id, "20200401133000"),
        ("CanEmbTurkey", web.CANADA_OFF.status_id, "20200401090000"),
    ]
    assert nitter_search_results(web.nitter_search_page([])) == []


def test_facebook_post_page_joins_paragraphs_and_drops_see_more():
    url, text = web.JAMES_POST
    post = extract_facebook(web.facebook_post_page("JamesAppathurai", "James Appathurai", url, text))
    assert post.layout == "facebook-usercontent"
    assert post.text == text
    assert "See More" not in post.text


def test_a_facebook_post_page_gives_its_posts_date_when_it_shows_one():
    url, text = web.JAMES_POST
    dated = extract_facebook(web.facebook_post_page("JamesAppathurai", "James Appathurai", url, text,
                                                    posted="20200331183000"))
    assert dated.created_at == "2020-03-31T18:30:00+00:00"
    assert extract_facebook(web.facebook_post_page("JamesAppathurai", "James Appathurai", url, text)).created_at is None
    # a mobile page: no data-utime, the time in the story's data-ft
    mobile = ('<html><body><article data-ft="{&quot;page_insights&quot;:{&quot;129617873765&quot;:{&quot;post_context'
              '&quot;:{&quot;publish_time&quot;:1585821600}}}}"><div class="userContent"><p>Allies stand together.'
              '</p></div><abbr>2 April at 10:00</abbr></article></body></html>')
    assert extract_facebook(mobile).created_at == "2020-04-02T10:00:00+00:00"
    # a share of an older post, with comments: the sharing post's time (the URL names it), not
    # the shared post's nor a comment's; on mobile, the later of the two times its data-ft names
    share = ('<html><body><div class="userContentWrapper"><abbr data-utime="1585749600">1 April</abbr>'
             '<div class="userContent"></div><div class="mtm"><abbr data-utime="1583830800">10 March</abbr>'
             '<div class="userContent"><p>The original words.</p></div></div>'
             '<form class="commentable_item"><div class="UFIComment"><abbr data-utime="1588291200">1 May</abbr>'
             '</div></form></div></body></html>')
    assert extract_facebook(share).created_at == "2020-04-01T14:00:00+00:00"
    mobile_share = mobile.replace("{&quot;129617873765&quot;", "{&quot;5&quot;:{&quot;post_context&quot;:"
                                  "{&quot;publish_time&quot;:1583830800}},&quot;129617873765&quot;")
    assert mobile_share.index("1583830800") < mobile_share.index("1585821600")  # the shared post's time first
    assert extract_facebook(mobile_share).created_at == "2020-04-02T10:00:00+00:00"
    comment_only = share.replace('<abbr data-utime="1585749600">1 April</abbr>', "").replace(
        '<abbr data-utime="1583830800">10 March</abbr>', "")
    assert extract_facebook(comment_only).created_at is None  # a comment's time is never the post's


def test_facebook_login_interstitial_capture_falls_back_to_og_description():
    url, text = web.UK_POST
    post = extract_facebook(web.facebook_og_page("UK in Azerbaijan", url, text))
    assert (post.text, post.layout) == (text, "og:description")
    assert extract_facebook("<html><body>Log in to Facebook</body></html>").status == "empty"


def test_facebook_page_id_from_the_pages_app_links():
    assert facebook_page_id(web.facebook_profile_page("ukinazerbaijan", "UK", "353541691429459")) == "353541691429459"
    assert facebook_page_id('<script>{"pageID":"129617873765"}</script>') == "129617873765"
    assert facebook_page_id("<html></html>") is None


def test_syndication_answers_tweet_tombstone_and_garbage():
    post = parse_syndication(json.dumps(web.SYNDICATION[web.AUSTRALIA.status_id]))
    assert (post.text, post.layout, post.status, post.author) == (web.AUSTRALIA.text, "syndication", "ok",
                                                                  "AusAmbTurkey")
    tomb = parse_syndication(json.dumps(web.SYNDICATION[web.MONTENEGRO.status_id]).encode())
    assert (tomb.text, tomb.status) == ("", "tombstone")
    assert parse_syndication(b"<html>rate limited</html>").status == "not-json"
    assert parse_syndication(b"[]").status == "not-json"


@pytest.mark.parametrize("status_id, token", [
    # computed by vercel/react-tweet's getToken in Node: ((Number(id)/1e15)*Math.PI).toString(36) ...
    ("1245027402462343168", "3nda5bd3qw"),
    ("1244998463434248192", "3nablolit"),
    ("20", "6dq1a2xwd93"),
    ("1", "bhi2ay3f28n"),
    ("9007199254740993", "saoujnx4as"),
    ("1000000000000000000", "2f9lc2ug9mm"),
    ("1245278621145268248", "3o5ozh9t"),
    *web.SYNDICATION_TOKENS.items(),
])
def test_syndication_token_matches_react_tweet(status_id, token):
    assert syndication_token(status_id) == token


@pytest.mark.parametrize("url, expected", [
    ("https://twitter.com/MFAestonia/status/1244950588995670019", ("MFAestonia", "1244950588995670019")),
    ("https://mobile.twitter.com/ItalyMFA/status/1245004183065620501?s=20", ("ItalyMFA", "1245004183065620501")),
    ("https://x.com/GERonOstpolitik/status/1245278621145268248/photo/1", ("GERonOstpolitik", "1245278621145268248")),
    ("http://twitter.com/#!/oscepa/status/1245686222286802983", ("oscepa", "1245686222286802983")),
    ("twitter.com/latvian_mfa/statuses/1244960066801524754", ("latvian_mfa", "1244960066801524754")),
    ("https://twitter.com/MFAestonia", None),
    ("https://twitter.com/search?q=estonia", None),
])
def test_tweet_urls(url, expected):
    ref = parse_tweet_url(url)
    assert (None if ref is None else (ref.account, ref.post_id)) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.facebook.com/JamesAppathurai/posts/2890211391064215", ("JamesAppathurai", "2890211391064215")),
    ("https://www.facebook.com/permalink.php?story_fbid=2956771291106473&id=353541691429459",
     ("353541691429459", "2956771291106473")),
    ("https://m.facebook.com/story.php?story_fbid=10158260102283766&id=129617873765",
     ("129617873765", "10158260102283766")),
    ("https://www.facebook.com/ukinazerbaijan/", None),
    ("https://www.facebook.com/login/?next=%2FJamesAppathurai", None),
    ("https://example.org/JamesAppathurai/posts/1", None),
])
def test_facebook_post_urls(url, expected):
    ref = parse_facebook_url(url)
    assert (None if ref is None else (ref.account, ref.post_id)) == expected


def test_facebook_page_of_a_cited_url():
    assert facebook_page("https://www.facebook.com/JamesAppathurai/") == "JamesAppathurai"
    assert facebook_page("www.facebook.com/ukinazerbaijan") == "ukinazerbaijan"
    assert facebook_page("https://www.facebook.com/profile.php?id=100044227433166") == "100044227433166"
    assert facebook_page("https://www.facebook.com/login/?next=x") is None
    assert facebook_page("https://twitter.com/MFAestonia") is None


def test_snowflake_ids_give_post_times_and_cover_a_window():
    assert snowflake_time(web.ESTONIA.status_id).replace(microsecond=0) == datetime.datetime(2020, 3, 31, 11, 32, 5, tzinfo=UTC)
    assert snowflake_time("20") is None
    start, end = datetime.datetime(2020, 3, 30, tzinfo=UTC), datetime.datetime(2020, 4, 3, tzinfo=UTC)
    low, high = snowflake_bounds(start, end)
    prefixes = id_prefixes(low, high)
    assert 1 <= len(prefixes) <= 4
    inside = [t.status_id for t in (web.ESTONIA, web.ESTONIA_OFF, web.LATVIA, web.ITALY, web.GERMANY, web.CANADA,
                                    web.OSCEPA, web.MONTENEGRO)]
    for status_id in inside:
        assert low <= int(status_id) <= high
        assert any(status_id.startswith(p) for p in prefixes)
    assert int(web.ESTONIA_OLD.status_id) < low and int(web.AUSTRALIA.status_id) > high
