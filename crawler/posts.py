"""Post text out of the pages Twitter, Nitter and Facebook served, and post URLs parsed.

Pure functions, no I/O: the spider (spiders/posts.py) hands them the bytes it fetched and
the social stage (crawler/social.py) stores what they return.  Every extraction returns
a `Post` whose `layout` names the page layout the text came from, or `status` says why
there is no text ("empty", "tombstone", "not-json") — never None (the trafilatura avoid).

Layouts, most specific first, because a page of one era often carries another's traces:

- twitter-react: the React page (2019-2023), `[data-testid="tweetText"]`;
- twitter-legacy: the old permalink page, `p.TweetTextSize` / `.js-tweet-text`;
- nitter: a Nitter mirror's status page, `.tweet-content`;
- og:description: the page's Open Graph description (all eras; Twitter wraps it in “…”);
- facebook-usercontent: Facebook's `userContent` / `data-testid="post_message"` block;
- syndication: the tweet-embed JSON (`tweet-result`), whose deleted tweets are a
  `TweetTombstone`.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import struct
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from parsel import Selector

from archive.mementos import wayback_timestamp

TWITTER_HOSTS = ("twitter.com", "mobile.twitter.com", "x.com")

_STATUS_PATH = re.compile(r"^/(?:#!/)?([A-Za-z0-9_]{1,15})/status(?:es)?/(\d{5,20})(?:[/?#]|$)")
_OG_TWITTER = re.compile(r'^.{0,80}? on (?:Twitter|X): ["“](.*)["”]\s*$', re.S)


@dataclass(frozen=True)
class Post:
    """A post's text and where on the page it was found."""

    text: str
    layout: str | None
    status: str = "ok"           # ok | empty | tombstone | not-json
    created_at: str | None = None  # when posted, as the answer says it (Facebook: ISO 8601, UTC)
    author: str | None = None


def _clean(text: str) -> str:
    """One space between words, no furniture whitespace (tweets keep their words only)."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
_SKIP = {"script", "style", "template", "noscript"}
_HIDDEN = ("text_exposed_hide", "see_more_link", "u-hidden")


def _visible_text(element) -> str:
    """An element's text as a reader sees it: block boundaries become spaces, emoji images
    their alt text, Facebook's "See more" furniture and hidden links dropped."""
    parts: list[str] = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        classes = node.get("class") or ""
        if tag in _SKIP or any(c in classes.split() for c in _HIDDEN):
            parts.append(" " if tag in _BLOCKS else "")
        else:
            if tag in _BLOCKS:
                parts.append(" ")
            if tag == "img" and node.get("alt"):
                parts.append(node.get("alt"))
            parts.append(node.text or "")
            for child in node:
                walk(child)
            if tag in _BLOCKS:
                parts.append(" ")
        parts.append(node.tail or "")

    tail, element.tail = element.tail, None
    walk(element)
    element.tail = tail
    return _clean("".join(parts))


def _texts(selector: Selector, css: str) -> list[str]:
    """The visible text of every element matching `css`, in document order."""
    return [t for t in (_visible_text(node.root) for node in selector.css(css)) if t]


def _og_description(selector: Selector) -> str:
    """The Open Graph description, without Twitter's “…” or 'X on Twitter: "…"' wrapping."""
    value = selector.xpath(
        '//meta[@property="og:description" or @name="og:description" or @name="twitter:description"]/@content'
    ).get() or ""
    value = _clean(value)
    match = _OG_TWITTER.match(value)
    if match:
        value = match.group(1)
    if len(value) >= 2 and value[0] in "“\"" and value[-1] in "”\"":
        value = value[1:-1].strip()
    return value


def _selector(page: bytes | str) -> Selector:
    if isinstance(page, bytes):
        page = page.decode("utf-8", errors="replace")
    return Selector(text=page or "<html></html>")


def extract_tweet(page: bytes | str) -> Post:
    """The tweet's text from an archived Twitter page or a Nitter status page.

    Each layout marks the main tweet apart from the thread above it and the replies
    below (`article[tabindex=-1]`, `.permalink-tweet`, `.main-tweet`); without that mark
    the first match wins.
    """
    sel = _selector(page)
    for layout, css in (
        ("twitter-react", 'article[tabindex="-1"] [data-testid="tweetText"]'),
        ("twitter-react", '[data-testid="tweetText"]'),
        ("twitter-legacy", ".permalink-tweet .js-tweet-text, .permalink-tweet p.TweetTextSize"),
        ("twitter-legacy", "p.TweetTextSize, .js-tweet-text"),
        ("nitter", ".main-tweet .tweet-content"),
        ("nitter", ".tweet-content"),
    ):
        found = _texts(sel, css)
        if found:
            return Post(found[0], layout)
    og = _og_description(sel)
    if og:
        return Post(og, "og:description")
    return Post("", None, "empty")


_PUBLISH_TIME = re.compile(r'"publish_time"\s*:\s*(\d{9,11})')


def _facebook_time(selector: Selector) -> str | None:
    """When the post the page is about was published, as the page says (ISO 8601, UTC), or None.

    Desktop pages: the data-utime of the first timestamp outside the comments (a shared
    post's own timestamp comes after the sharing post's, which is the one the URL names).
    Mobile pages: the latest publish_time in the first data-ft that has one (a share's
    data-ft also names the shared post's, earlier, time)."""
    utime = selector.xpath("//abbr[@data-utime][not(ancestor::form)]"
                           "[not(ancestor::*[contains(@class, 'UFI') or contains(@data-testid, 'UFI')])]"
                           "/@data-utime").get()
    if not utime:
        for data_ft in selector.xpath("//@data-ft").getall():
            if times := _PUBLISH_TIME.findall(data_ft):
                utime = max(times, key=int)
                break
    if not utime or not utime.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(utime), datetime.timezone.utc).isoformat()


def extract_facebook(page: bytes | str) -> Post:
    """A Facebook post's text: the userContent block, else the (often shortened) og:description;
    with the post's date when the page shows it."""
    sel = _selector(page)
    found = _texts(sel, '[data-testid="post_message"], .userContent, [data-ad-preview="message"]')
    if found:
        return Post(found[0], "facebook-usercontent", created_at=_facebook_time(sel))
    og = _og_description(sel)
    if og:
        return Post(og, "og:description", created_at=_facebook_time(sel))
    return Post("", None, "empty")


def parse_syndication(body: bytes | str) -> Post:
    """A tweet-result answer: the tweet's text, or a tombstone for a deleted/withheld tweet."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return Post("", None, "not-json")
    if not isinstance(data, dict):
        return Post("", None, "not-json")
    if data.get("__typename") == "TweetTombstone" or "tombstone" in data:
        return Post("", "syndication", "tombstone")
    text = _clean(data.get("text") or data.get("full_text") or "")
    if not text:
        return Post("", "syndication", "empty")
    user = data.get("user") or {}
    return Post(text, "syndication", created_at=data.get("created_at"), author=user.get("screen_name"))


def syndication_state(status: int | None, body: bytes | str) -> tuple[str, str] | None:
    """What a tweet-result answer says about the tweet's state: (check class, reason), or
    None when it says nothing (the endpoint failed or answered something unexpected).

    200 with the tweet is live; a tombstone is unavailable or restricted (deleted, but also
    withheld, protected or age-gated: not proof of death); 404 is not found (a negative the
    state machine counts only once a second check confirms it)."""
    if status == 404:
        return "post-not-found", "not found by the syndication endpoint"
    if status != 200:
        return None
    post = parse_syndication(body)
    if post.status == "tombstone":
        return "post-unavailable", "unavailable or restricted: the syndication endpoint answers a tombstone"
    if post.text:
        return "live", "the syndication endpoint has the tweet"
    return None


def _js_radix(value: float, radix: int) -> str:
    """`Number.prototype.toString(radix)` as V8 writes it: digits up to the double's precision."""
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    integer = math.floor(value)
    fraction = value - integer
    delta = max(0.5 * (math.nextafter(value, math.inf) - value), math.nextafter(0.0, 1.0))
    digits: list[str] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            digits.append(chars[digit])
            fraction -= digit
            if fraction > 0.5 or (fraction == 0.5 and digit & 1):
                if fraction + delta > 1:
                    while True:  # round up, carrying into earlier digits
                        if not digits:
                            integer += 1
                            break
                        last = chars.index(digits.pop())
                        if last + 1 < radix:
                            digits.append(chars[last + 1])
                            break
                    break
            if fraction < delta:
                break
    head = ""
    while _exponent(integer / radix) > 0:
        integer /= radix
        head += "0"
    whole = ""
    while True:
        remainder = math.fmod(integer, radix)
        whole = chars[int(remainder)] + whole
        integer = (integer - remainder) / radix
        if integer <= 0:
            break
    return whole + head + ("." + "".join(digits) if digits else "")


def _exponent(value: float) -> int:
    """V8's Double::Exponent(): the binary exponent of the 53-bit integer significand."""
    bits = struct.unpack("<Q", struct.pack("<d", value))[0]
    biased = (bits >> 52) & 0x7FF
    return (biased - 1075) if biased else -1074


def syndication_token(status_id: str | int) -> str:
    """The `token` the tweet-embed endpoint wants, as vercel/react-tweet computes it:
    base-36 of (id / 1e15) * π with every run of zeros and the point removed."""
    value = (float(int(status_id)) / 1e15) * math.pi
    return re.sub(r"0+|\.", "", _js_radix(value, 36))


@dataclass(frozen=True)
class PostRef:
    """What a post URL names: platform, account (as written) and the post's id."""

    platform: str
    account: str
    post_id: str


def parse_tweet_url(url: str) -> PostRef | None:
    """twitter.com / mobile.twitter.com / x.com / a Nitter mirror's /<handle>/status/<id>."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    path = parts.path
    if parts.fragment.startswith("!/"):
        path = "/" + parts.fragment[2:]
    match = _STATUS_PATH.match(path)
    if not match:
        return None
    return PostRef("twitter", match.group(1), match.group(2))


def parse_facebook_url(url: str) -> PostRef | None:
    """facebook.com/<page>/posts/<id>, permalink.php?story_fbid=&id= and story.php URLs."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    if not (host == "facebook.com" or host.endswith(".facebook.com")):
        return None
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    if len(segments) >= 3 and segments[1] in ("posts", "videos", "photos") and segments[-1]:
        return PostRef("facebook", segments[0], segments[-1])
    if segments and segments[0] in ("permalink.php", "story.php"):
        story, page = query.get("story_fbid", [""])[0], query.get("id", [""])[0]
        if story and page:
            return PostRef("facebook", page, story)
    return None


def facebook_page(url: str) -> str | None:
    """The page of a facebook.com/<page>/ URL, or the numeric id of a profile.php?id= one
    (None for groups, login and share links)."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    if not (host == "facebook.com" or host.endswith(".facebook.com")):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if segments[:1] == ["profile.php"]:
        page_id = parse_qs(parts.query).get("id", [""])[0]
        return page_id if page_id.isdigit() else None
    if not segments or segments[0] in ("login", "login.php", "groups", "pages", "sharer.php", "sharer"):
        return None
    return segments[0]


TWITTER_EPOCH_MS = 1288834974657   # snowflake ids count milliseconds from 2010-11-04T01:42:54.657Z


def snowflake_time(status_id: str | int) -> datetime.datetime | None:
    """When a tweet was posted, read from its snowflake id (None for pre-2010 ids)."""
    value = int(status_id)
    if value < 1 << 32:
        return None
    ms = (value >> 22) + TWITTER_EPOCH_MS
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)


def snowflake_bounds(start: datetime.datetime, end: datetime.datetime) -> tuple[int, int]:
    """The smallest and largest status id a tweet posted in [start, end) can have."""
    def first_id(moment: datetime.datetime) -> int:
        return (int(moment.timestamp() * 1000) - TWITTER_EPOCH_MS) << 22

    return first_id(start), first_id(end) - 1


def id_prefixes(low: int, high: int, most: int = 4) -> list[str]:
    """The longest decimal prefixes (at most `most` of them) that cover every id in [low, high].

    A CDX prefix query on `twitter.com/<handle>/status/<prefix>` then finds the tweets
    posted in the window whenever they were captured (an x.com capture made in 2024 of a
    2020 tweet included), instead of only the captures made during the window.
    """
    lo, hi = str(low), str(high)
    if len(lo) != len(hi):
        return [""]
    for size in range(len(lo), 0, -1):
        first, last = int(lo[:size]), int(hi[:size])
        if last - first < most:
            return [str(p) for p in range(first, last + 1)]
    return [""]


def nitter_search_results(page: bytes | str) -> list[tuple[PostRef, str | None]]:
    """The tweets listed on a Nitter search page: (ref, 14-digit time from the date's title)."""
    sel = _selector(page)
    found: dict[str, tuple[PostRef, str | None]] = {}
    for item in sel.css(".timeline-item"):
        href = item.css("a.tweet-link::attr(href)").get() or item.css(".tweet-date a::attr(href)").get() or ""
        ref = parse_tweet_url(href)
        if ref is None or ref.post_id in found:
            continue
        found[ref.post_id] = (ref, _nitter_time(item.css(".tweet-date a::attr(title)").get()))
    return list(found.values())


def _nitter_time(title: str | None) -> str | None:
    """'Mar 31, 2020 · 10:02 AM UTC' as 20200331100200."""
    if not title:
        return None
    try:
        moment = datetime.datetime.strptime(_clean(title.replace("·", " ")), "%b %d, %Y %I:%M %p UTC")
    except ValueError:
        return None
    return wayback_timestamp(moment)


def facebook_page_id(page: bytes | str) -> str | None:
    """A Facebook page's numeric id from its archived page (app links and page JSON carry it),
    which permalink.php and story.php URLs name instead of the page's name."""
    sel = _selector(page)
    for value in sel.xpath('//meta[starts-with(@content, "fb://page/")]/@content').getall():
        match = re.search(r"fb://page/\??(?:id=)?(\d+)", value)
        if match:
            return match.group(1)
    match = re.search(r'"pageID"\s*:\s*"(\d+)"', sel.get())
    return match.group(1) if match else None
