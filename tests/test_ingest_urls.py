"""crawler.urls: source keys and footnote URL repair."""

import pytest

from crawler.urls import normalise_url, repair_footnote_url, source_key


@pytest.mark.parametrize("url, key", [
    ("HTTPS://WWW.Example.COM:443/News/A(32).aspx?CatID=5&b=1#part", "https://www.example.com/News/A(32).aspx?CatID=5&b=1"),
    ("http://mae.ro", "http://mae.ro/"),
    ("http://Example.org:8080/Path?Q=1", "http://example.org:8080/Path?Q=1"),
    ("https://www.oic-oci.org/topic/?t_id=23303&t_ref=13971&lan=en", "https://www.oic-oci.org/topic/?t_id=23303&t_ref=13971&lan=en"),
])
def test_normalise_url(url, key):
    assert normalise_url(url) == key


def test_source_keys():
    assert source_key("twitter", handle="@MFAestonia") == "twitter:@mfaestonia"
    assert source_key("facebook", url="https://www.facebook.com/UKinAzerbaijan/") == "facebook:ukinazerbaijan"
    assert source_key("offline", text="Note verbale of X, Oslo, 07.04.2020 (Unofficial translation).") == (
        "offline:note verbale of x, oslo, 07.04.2020"
    )


def test_wrapped_url_without_link_targets():
    found = repair_footnote_url(" 4 https://eeas.europa.eu/a/76801/nagorno-karabakh-statement-\n\nspokesperson_en. ")
    assert found.url == "https://eeas.europa.eu/a/76801/nagorno-karabakh-statement-spokesperson_en"
    assert found.printed == "https://eeas.europa.eu/a/76801/nagorno-karabakh-statement-\nspokesperson_en."
    assert found.repairs == ["rejoined the URL across a line break", "dropped the full stop that ends the footnote"]
    assert not found.confirmed


def test_text_after_the_url_is_not_swallowed():
    found = repair_footnote_url("Moldova, https://www.mfa.gov.md/ro/content/x-y (Unofficial translation).")
    assert found.url == "https://www.mfa.gov.md/ro/content/x-y"
    assert found.repairs == []


def test_parenthesis_of_the_url_is_kept_and_one_closing_the_sentence_dropped():
    assert repair_footnote_url("see https://mfa.gov.ge/News/x-(32).aspx?CatID=5.").url == "https://mfa.gov.ge/News/x-(32).aspx?CatID=5"
    assert repair_footnote_url("(see https://a.example/b).").url == "https://a.example/b"


def test_link_target_completes_a_mid_word_wrap():
    found = repair_footnote_url("https://a.example/news/refer\n\nendum.html.", ["https://a.example/news/referendum.html"])
    assert found.url == "https://a.example/news/referendum.html"
    assert found.repairs[0] == "completed from the document's own link target, which the footnote text spells out"


def test_missing_scheme_is_added():
    found = repair_footnote_url("see www.example.org/page.")
    assert found.url == "http://www.example.org/page"
    assert "added the missing scheme http://" in found.repairs


def test_no_url():
    assert repair_footnote_url("Note verbale of the Embassy, Baku, 23.04.2020.") is None


@pytest.mark.parametrize("text, url", [
    ("https://x.example/a/ (Unofficial translation).", "https://x.example/a/"),
    ("https://x.example/a/ and https://y.example/b.", "https://x.example/a/"),
    ("https://x.example/a/ accessed 3 May 2020.", "https://x.example/a/"),
    ("https://x.example/cmsctx/en-US/-/\n\nNews/item.aspx?CatID=5.", "https://x.example/cmsctx/en-US/-/News/item.aspx?CatID=5"),
])
def test_prose_after_a_url_is_not_joined(text, url):
    assert repair_footnote_url(text).url == url


def test_a_tweet_url_in_a_footnote_is_a_twitter_citation_of_the_account():
    from crawler.ingest.footnotes import Footnote, citation_for

    citation = citation_for(Footnote(3, "See https://twitter.com/MFAestonia/status/1245036211563425792.", 1), [], set())
    assert (citation.kind, citation.handle, citation.url) == (
        "twitter", "@MFAestonia", "https://twitter.com/MFAestonia/status/1245036211563425792")
    assert (citation.source_key, citation.source_url) == ("twitter:@mfaestonia", "https://twitter.com/MFAestonia")
