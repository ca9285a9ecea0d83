"""Archived posts for the social stage: tweets of every page layout, a Nitter-like mirror,
the tweet-embed (syndication) endpoint, and Facebook posts.

The archived pages are added to the shared archive store at import time, so the
Wayback-compatible archive (tests/web/wayback.py) serves them through CDX and replay.
They are written from the letter's statements (examples/un-letter-A-74-855.txt): most
posts carry the quoted words, some with the small differences real posts have, and the
accounts also posted on other topics the same days, which must never be chosen.

What each account exercises (handle as printed in the letter → what is archived):

- @MFAestonia: the old (2019) permalink layout, with an off-topic tweet the same day
  in the React layout and an older tweet outside the window;
- @PaiviPeltokoski: the React layout, the main tweet after the EEAS tweet it replies to;
- @Latvian_MFA: archived as twitter.com/latvian_mfa (case differs), og:description only;
- @ItalyMFA: archived only under mobile.twitter.com;
- @GERonOstpolitik: archived only under x.com, captured in 2023;
- @CanEmbTurkey: nothing archived; the Nitter mirror has it (and an off-topic tweet);
- @AusAmbTurkey: the capture is an empty JavaScript shell; the syndication endpoint has it;
- @TURK_PA, @oscepa: the old layout, the letter quoting part of a longer tweet;
- @MFA_MNE: the statement tweet was deleted (shell capture, syndication tombstone) and
  only an off-topic tweet survives: unresolved;
- @GUAMSecretariat: nothing in the window (one tweet ten days before): unresolved.

Beside the letter, for the state of a resolved tweet (tests/test_social.py): @EmbassyWithheld's
tweet is archived and the syndication endpoint answers a tombstone for it (withheld);
@EmbassyVanished's tweet is archived and the endpoint answers 404 (not found).

Facebook: facebook.com/JamesAppathurai/posts/ (userContent layout), ukinazerbaijan's
post of 1 April under permalink.php (its numeric page id read from the page's own
capture), nothing archived for ukinazerbaijan around 13 April, and NatoPressOffice with
a story.php post, for the tests beside the letter.
"""

from __future__ import annotations

import datetime
import html
import json
from dataclasses import dataclass

from tests.web.archive_store import add_capture
from tests.web.server import Request, Response, route

# ---------------------------------------------------------------- page layouts


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def legacy_page(handle: str, name: str, status_id: str, text: str, when: str,
                replies: tuple[str, ...] = ()) -> str:
    """The logged-out permalink page of 2019 (the "old Twitter"): p.TweetTextSize.js-tweet-text,
    hashtags split into <s>#</s><b>tag</b>, replies below with the same classes."""
    def body(words: str) -> str:
        out = []
        for word in words.split(" "):
            if word.startswith("#") and len(word) > 1:
                out.append(f'<a href="/hashtag/{word[1:]}?src=hash" data-query-text="{word[1:]}" '
                           f'class="twitter-hashtag pretty-link js-nav" dir="ltr"><s>#</s><b>{_esc(word[1:])}</b></a>')
            else:
                out.append(_esc(word))
        return " ".join(out)

    reply_items = "".join(
        f'<li class="js-stream-item stream-item stream-item"><div class="tweet js-stream-tweet js-actionable-tweet">'
        f'<div class="js-tweet-text-container"><p class="TweetTextSize js-tweet-text tweet-text" lang="en" '
        f'data-aria-label-part="0">{body(r)}</p></div></div></li>'
        for r in replies
    )
    return f"""<!DOCTYPE html>
<html lang="en" data-scribe-reduced-action-queue="true">
<head>
<meta charset="utf-8">
<title>{_esc(name)} on Twitter: &quot;{_esc(text)}&quot;</title>
<meta property="og:type" content="article">
<meta property="og:url" content="https://twitter.com/{handle}/status/{status_id}">
<meta property="og:title" content="{_esc(name)} on Twitter">
<meta property="og:description" content="“{_esc(text)}”">
<meta property="og:site_name" content="Twitter">
<link rel="canonical" href="https://twitter.com/{handle}/status/{status_id}">
</head>
<body class="three-col logged-out user-style-{handle} PermalinkPage" data-fouc-class-names="swift-loading" dir="ltr">
<div id="doc" data-at-shortcutkeys="">
<div class="topbar js-topbar"><div class="global-nav"><a class="js-nav" href="/">Home</a></div></div>
<div id="page-outer"><div id="page-container" class="AppContent">
<div class="PermalinkOverlay-modal">
<div role="main" class="permalink light-inline-actions stream-uncapped original-permalink-page">
<div class="permalink-inner permalink-tweet-container">
<div class="tweet permalink-tweet js-actionable-user js-actionable-tweet js-original-tweet"
     data-tweet-id="{status_id}" data-item-id="{status_id}" data-screen-name="{handle}" data-name="{_esc(name)}">
<div class="content clearfix"><div class="permalink-header">
<a class="account-group js-account-group js-action-profile js-user-profile-link js-nav" href="/{handle}">
<strong class="fullname show-popup-with-id u-textTruncate">{_esc(name)}</strong>
<span class="username u-dir u-textTruncate" dir="ltr">@<b>{handle}</b></span></a></div></div>
<div class="js-tweet-text-container">
<p class="TweetTextSize TweetTextSize--jumbo js-tweet-text tweet-text" lang="en" data-aria-label-part="0">{body(text)}</p>
</div>
<div class="js-tweet-details-fixer tweet-details-fixer"></div>
<div class="client-and-actions"><span class="metadata"><span>{_esc(when)}</span></span></div>
</div></div>
<div class="replies-to permalink-inner permalink-replies" data-component-context="replies">
<div class="tweets-wrapper"><div id="descendants" class="ThreadedDescendants">
<div class="stream-container"><div class="stream"><ol class="stream-items js-navigable-stream" id="stream-items-id">
{reply_items}
</ol></div></div></div></div></div>
</div></div></div></div></div>
<script src="https://abs.twimg.com/k/en/init.en.6b2a8b4f2e57a7da6bd2.js" async></script>
</body>
</html>
"""


def react_page(handle: str, name: str, status_id: str, text: str, iso_time: str,
               parent: tuple[str, str, str] | None = None, quoted: tuple[str, str] | None = None) -> str:
    """The React page (2019-2023): tweetText divs of spans and links; `parent` is the tweet
    it replies to (shown above it), `quoted` a quoted tweet shown inside it."""
    def tweet_text(words: str) -> str:
        spans = []
        for word in words.split(" "):
            if word.startswith(("#", "@")) and len(word) > 1:
                spans.append(f'<span class="r-18u37iz"><a dir="ltr" href="/{word[1:]}" role="link" '
                             f'class="css-4rbku5 css-18t94o4 r-1loqt21">{_esc(word)}</a></span>')
            else:
                spans.append(f'<span class="css-901oao css-16my406 r-poiln3 r-bcqeeo r-qvutc0">{_esc(word)}</span>')
        return ('<div lang="en" dir="auto" data-testid="tweetText" class="css-901oao r-1nao33i r-37j5jr r-1blvdjr">'
                + " ".join(spans) + "</div>")

    def user(h: str, n: str) -> str:
        return (f'<div data-testid="User-Name"><a href="/{h}" role="link"><span class="css-901oao">{_esc(n)}</span></a>'
                f'<a href="/{h}" role="link" tabindex="-1"><span class="css-901oao">@{h}</span></a></div>')

    above = ""
    if parent:
        p_handle, p_name, p_text = parent
        above = (f'<div data-testid="cellInnerDiv"><article aria-labelledby="id__p" role="article" tabindex="0" '
                 f'data-testid="tweet">{user(p_handle, p_name)}{tweet_text(p_text)}</article></div>')
    inner_quote = ""
    if quoted:
        q_handle, q_text = quoted
        inner_quote = (f'<div aria-labelledby="id__q" class="css-1dbjc4n r-1ssbvtb" role="link" tabindex="0">'
                       f'{user(q_handle, q_handle)}{tweet_text(q_text)}</div>')
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=0,viewport-fit=cover">
<meta property="og:site_name" content="Twitter">
<meta property="og:type" content="article">
<meta property="og:title" content="{_esc(name)} on Twitter">
<meta property="og:description" content="“{_esc(text)}”">
<meta property="og:url" content="https://twitter.com/{handle}/status/{status_id}">
<title>{_esc(name)} on Twitter: "{_esc(text)}" / Twitter</title>
<style>#react-root {{ height: 100%; }}</style>
</head>
<body style="background-color: #FFFFFF;">
<noscript><form action="https://mobile.twitter.com/i/nojs_router?path=%2F{handle}%2Fstatus%2F{status_id}" method="POST">
<div><p>We've detected that JavaScript is disabled in this browser.</p><button type="submit">Proceed</button></div></form></noscript>
<div id="react-root"><div class="css-1dbjc4n r-13awgt0 r-12vffkv"><main role="main">
<section aria-labelledby="accessible-list-1" role="region"><div aria-label="Timeline: Conversation">
{above}
<div data-testid="cellInnerDiv"><article aria-labelledby="id__m" role="article" tabindex="-1" data-testid="tweet">
{user(handle, name)}
{tweet_text(text)}
{inner_quote}
<a href="/{handle}/status/{status_id}" dir="ltr" role="link"><time datetime="{iso_time}">{_esc(iso_time)}</time></a>
</article></div>
<div data-testid="cellInnerDiv"><article role="article" tabindex="0" data-testid="tweet">
{user("someone_else", "Someone Else")}{tweet_text("Thank you for the clear position.")}</article></div>
</div></section></main></div></div>
<script type="text/javascript" charset="utf-8" nonce="NjE2" src="https://abs.twimg.com/responsive-web/client-web/main.a2cf0635.js"></script>
</body>
</html>
"""


def og_only_page(handle: str, name: str, status_id: str, text: str) -> str:
    """A capture of the React app's shell that only carries the meta tags (what many
    2020-2022 captures hold): the text is in og:description alone."""
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="en"><head><meta charset="utf-8">
<meta property="og:site_name" content="Twitter">
<meta property="og:title" content="{_esc(name)} on Twitter">
<meta property="og:description" content="“{_esc(text)}”">
<meta property="og:url" content="https://twitter.com/{handle}/status/{status_id}">
<title>{_esc(name)} on Twitter</title></head>
<body><div id="react-root"></div>
<script src="https://abs.twimg.com/responsive-web/client-web/main.a2cf0635.js"></script></body></html>
"""


SHELL_PAGE = """<!DOCTYPE html>
<html dir="ltr" lang="en"><head><meta charset="utf-8"><title>Twitter</title></head>
<body><noscript><div class="errorContainer"><h1>JavaScript is not available.</h1>
<p>We’ve detected that JavaScript is disabled in this browser. Please enable JavaScript or switch to a supported
browser to continue using twitter.com.</p></div></noscript><div id="react-root"></div></body></html>
"""


def facebook_post_page(page: str, page_name: str, post_url: str, text: str, description: str | None = None,
                       posted: str | None = None) -> str:
    """A logged-out Facebook post page of 2020: userContent paragraphs with a "See more"
    split, the og:description shortened; with `posted` (14 digits, UTC), the post's
    timestamp as Facebook marks it up (`abbr data-utime`)."""
    words = text.split(". ")
    first, rest = words[0] + ("." if len(words) > 1 else ""), ". ".join(words[1:])
    when = ""
    if posted:
        moment = datetime.datetime.strptime(posted, "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc)
        when = (f'<div class="_5pcp"><a href="{_esc(post_url)}"><abbr data-utime="{int(moment.timestamp())}" '
                f'class="_5ptz"><span class="timestampContent">{moment:%d %B at %H:%M}</span></abbr></a></div>')
    return f"""<!DOCTYPE html>
<html lang="en" id="facebook" class="no_js"><head><meta charset="utf-8">
<title id="pageTitle">{_esc(page_name)} - Posts | Facebook</title>
<meta property="og:title" content="{_esc(page_name)}">
<meta property="og:description" content="{_esc(description if description is not None else text[:100] + '...')}">
<meta property="og:url" content="{_esc(post_url)}">
</head><body class="_6s5d _71pn UIPage_LoggedOut">
<div id="globalContainer"><div id="content"><div class="_5pcr userContentWrapper"><div class="_1dwg _1w_m _q7o">
<h5><span class="fwb fcg"><a href="https://www.facebook.com/{page}/">{_esc(page_name)}</a></span></h5>{when}
<div data-testid="post_message" class="_5pbx userContent _3576" data-ft="{{&quot;tn&quot;:&quot;K&quot;}}">
<p>{_esc(first)}<span class="text_exposed_hide">...</span><span class="text_exposed_hide"> <span class="see_more_link_inner">See More</span></span></p>
<div class="text_exposed_show"><p>{_esc(rest)}</p></div>
</div></div></div>
<div class="_5hn6"><a href="https://www.facebook.com/login/?next={_esc(post_url)}">Log In</a> to see more from {_esc(page_name)}.</div>
</div></div></body></html>
"""


def facebook_og_page(page_name: str, post_url: str, text: str) -> str:
    """A Facebook post page captured behind the login interstitial: only the meta tags."""
    return f"""<!DOCTYPE html>
<html lang="en" id="facebook"><head><meta charset="utf-8"><title>{_esc(page_name)} | Facebook</title>
<meta property="og:title" content="{_esc(page_name)}">
<meta property="og:description" content="{_esc(text)}">
<meta property="og:url" content="{_esc(post_url)}"></head>
<body><div id="login_form"><h2>You must log in to continue.</h2></div></body></html>
"""


def facebook_profile_page(page: str, page_name: str, page_id: str) -> str:
    """A Facebook page's own capture: its app-link meta tags carry the numeric page id."""
    return f"""<!DOCTYPE html>
<html lang="en" id="facebook"><head><meta charset="utf-8"><title>{_esc(page_name)} - Home | Facebook</title>
<meta property="og:url" content="https://www.facebook.com/{page}/">
<meta property="al:android:url" content="fb://page/{page_id}?referrer=app_link">
<meta property="al:ios:url" content="fb://page/?id={page_id}"></head>
<body><div id="content"><h1>{_esc(page_name)}</h1></div></body></html>
"""


def nitter_status_page(handle: str, name: str, status_id: str, text: str, title_time: str) -> str:
    """A Nitter instance's status page: .main-tweet .tweet-content."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_esc(name)} (@{handle}): "{_esc(text)}" | nitter</title>
<meta property="og:title" content="{_esc(name)} (@{handle})">
<meta property="og:description" content="{_esc(text)}"></head>
<body class="fixed-nav"><nav><div class="inner-nav"><a class="site-name" href="/">nitter</a></div></nav>
<div class="container"><div class="conversation" id="m">
<div class="main-thread"><div class="main-tweet">
<div class="timeline-item " data-username="{handle}"><div class="tweet-body"><div>
<div class="tweet-header"><a class="tweet-avatar" href="/{handle}"></a><div class="tweet-name-row"><div class="fullname-and-username">
<a class="fullname" href="/{handle}" title="{_esc(name)}">{_esc(name)}</a><a class="username" href="/{handle}" title="@{handle}">@{handle}</a>
</div></div></div></div>
<div class="tweet-content media-body" dir="auto">{_esc(text)}</div>
<p class="tweet-published">{_esc(title_time)}</p>
</div></div></div></div>
<div class="replies"><div class="reply thread thread-line"><div class="timeline-item "><div class="tweet-body">
<div class="tweet-content media-body" dir="auto">Well said.</div></div></div></div></div>
</div></div></body></html>
"""


def nitter_search_page(items: list[tuple[str, str, str, str, str]]) -> str:
    """A Nitter search page: one .timeline-item per tweet (handle, name, id, text, title time)."""
    rows = "".join(
        f"""<div class="timeline-item " data-username="{h}">
<a class="tweet-link" href="/{h}/status/{i}#m"></a>
<div class="tweet-body"><div><div class="tweet-header"><div class="tweet-name-row">
<div class="fullname-and-username"><a class="fullname" href="/{h}" title="{_esc(n)}">{_esc(n)}</a>
<a class="username" href="/{h}" title="@{h}">@{h}</a></div>
<span class="tweet-date"><a href="/{h}/status/{i}#m" title="{_esc(t)}">{_esc(t[:12])}</a></span></div></div></div>
<div class="tweet-content media-body" dir="auto">{_esc(x)}</div></div></div>"""
        for h, n, i, x, t in items
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Search | nitter</title></head>
<body class="fixed-nav"><div class="container"><div class="timeline-container">
<div class="timeline">{rows or '<div class="timeline-header timeline-none">No items found</div>'}</div>
</div></div></body></html>
"""


# ---------------------------------------------------------------- the letter's posts


@dataclass(frozen=True)
class Tweet:
    handle: str          # as the account writes it
    name: str
    status_id: str
    posted: str          # 14 digits, UTC (agrees with the snowflake id)
    text: str
    on_topic: bool = True


ESTONIA = Tweet("MFAestonia", "MFA Estonia", "1244950588995670019", "20200331113205",
                "Estonia does not consider the so-called elections in #NagornoKarabakh as legitimate. "
                "We continue to support the mediation efforts of the @OSCE Minsk Group Co-Chairs.")
ESTONIA_OFF = Tweet("MFAestonia", "MFA Estonia", "1244908592004341766", "20200331084512",
                    "Estonians abroad: if you need help returning home because of #COVID19, register your trip "
                    "at the consular portal and follow our updates.", on_topic=False)
ESTONIA_OLD = Tweet("MFAestonia", "MFA Estonia", "1242753097466449971", "20200325100002",
                    "Estonia supports the territorial integrity of Azerbaijan and calls for a peaceful "
                    "settlement of the Nagorno-Karabakh conflict.", on_topic=False)
EEAS = Tweet("eu_eeas", "European External Action Service - EEAS", "1244934967511765007", "20200331103000",
             "#NagornoKarabakh: Statement by the Spokesperson on the so-called ‘presidential and parliamentary "
             "elections’ https://europa.eu/!Jj86JQ")
PELTOKOSKI = Tweet("PaiviPeltokoski", "Päivi Peltokoski", "1244993393591861260", "20200331142210",
                   "Finland doesn’t recognize the so called elections in #NagornoKarabakh. The same applies to all "
                   "elections in separatist regions. We align us with this statement by the @eu_eeas.")
LATVIA = Tweet("latvian_mfa", "Latvian MFA", "1244960066801524754", "20200331120944",
               "Latvia does not consider the so-called presidential and parliamentary elections in Nagorno "
               "Karabakh as legitimate. We continue to support the mediation efforts of the OSCE Minsk Group "
               "Co-Chairs.")
ITALY = Tweet("ItalyMFA", "Italy MFA", "1245004183065620501", "20200331150502",
              "No recognition of the so-called presidential and parliamentary elections in #NagornoKarabakh by "
              "#Italy. We support the efforts of the OSCE Minsk Group Co-Chairs for a peaceful settlement.")
GERMANY = Tweet("GERonOstpolitik", "Michael Siebert", "1245278621145268248", "20200401091534",
                "We do not recognize the legal framework of the so called “presidential and parliamentary "
                "elections” that took place yesterday in #NagornoKarabakh. Both the elections and their results "
                "are considered illegal.")
CANADA = Tweet("CanEmbTurkey", "Canada in Türkiye", "1245342744239443995", "20200401133022",
               "Canada supports the territorial integrity of Azerbaijan and doesn’t recognize the so-called "
               "“elections” held in Nagorno-Karabakh on 31/3. Such “elections” undermine efforts, including by "
               "the OSCE Minsk Group, to achieve a peaceful settlement of the NK conflict.")
CANADA_OFF = Tweet("CanEmbTurkey", "Canada in Türkiye", "1245274709008883742", "20200401090001",
                   "Our visa application centres in Ankara and Istanbul are closed until further notice. Stay safe "
                   "and stay home.", on_topic=False)
AUSTRALIA = Tweet("AusAmbTurkey", "Marc Innes-Brown", "1245979394598547489", "20200403074011",
                  "Australia supports the territorial integrity of Azerbaijan and does not recognise the "
                  "‘elections’ which took place in Nagorno-Karabakh on 31 March. It is more important than ever "
                  "the OSCE Minsk Group continues its role in the peace process to achieve a negotiated settlement.")
TURKPA = Tweet("TURK_PA", "TURKPA", "1246019618548531236", "20200403102001",
               "#TURKPA condemns any violation of the norms and principles of international law, in particular "
               "so-called “elections” in the Nagorno-Karabakh region of the Republic of Azerbaijan undermining "
               "peaceful resolution of the Armenia-Azerbaijan Nagorno-Karabakh conflict. TURKPA reiterates the "
               "strongest support for the earliest settlement of the Armenia-Azerbaijan Nagorno-Karabakh conflict "
               "on the basis of the sovereignty, territorial integrity and inviolability of the internationally "
               "recognized borders of the Republic of Azerbaijan, as it was repeatedly enshrined in its "
               "declarations.")
OSCEPA = Tweet("oscepa", "OSCE Parliamentary Assembly", "1245686222286802983", "20200402121513",
               "Statement by #OSCEPA leadership on #NagornoKarabakh: The OSCEPA firmly supports the work of the "
               "OSCE Minsk Group Co-Chairs and calls upon all OSCE participating States to respect the principles "
               "and commitments of the Helsinki Final Act.")
MONTENEGRO = Tweet("MFA_MNE", "MFA Montenegro", "1245713146673426477", "20200402140213",
                   "Montenegro reiterates its firm support to the #OSCE Minsk Group and its Co-Chairs efforts to "
                   "bring about progress beyond the status quo and substantive negotiations towards comprehensive "
                   "and sustainable peace.")
MONTENEGRO_OFF = Tweet("MFA_MNE", "MFA Montenegro", "1245625774552178730", "20200402081501",
                       "Minister Darmanović spoke with his counterparts about coordinated measures against the "
                       "#COVID19 pandemic and the return of citizens stranded abroad.", on_topic=False)
WITHHELD = Tweet("EmbassyWithheld", "Embassy (withheld)", "1245652194821148673", "20200402100001",
                 "The Embassy reaffirms its support for the sovereignty and territorial integrity of Azerbaijan "
                 "and does not recognise the so-called elections in Nagorno-Karabakh.")
VANISHED = Tweet("EmbassyVanished", "Embassy (vanished)", "1245674848257052673", "20200402113002",
                 "The Embassy does not recognise the illegal so-called elections held in Nagorno-Karabakh on 31 "
                 "March and supports the OSCE Minsk Group.")
GUAM_OLD = Tweet("GUAMSecretariat", "GUAM", "1240941157563826224", "20200320100002",
                 "GUAM Secretary General met the Ambassador of Georgia to discuss cooperation in transport.",
                 on_topic=False)

# Tokens of the syndication endpoint, computed with vercel/react-tweet's getToken in Node:
# the fixture checks them so the crawler's port of the formula is what is tested.
SYNDICATION_TOKENS = {
    AUSTRALIA.status_id: "3qcy6r12ya",
    MONTENEGRO.status_id: "3piu5os45t",
    ESTONIA.status_id: "3n4leg3qal",
    WITHHELD.status_id: "3pbxzqiau",
    VANISHED.status_id: "3pei84pbum",
}
SYNDICATION = {
    AUSTRALIA.status_id: {
        "__typename": "Tweet", "lang": "en", "id_str": AUSTRALIA.status_id,
        "created_at": "2020-04-03T07:40:11.000Z", "text": AUSTRALIA.text,
        "user": {"id_str": "988123", "name": AUSTRALIA.name, "screen_name": AUSTRALIA.handle},
        "entities": {"hashtags": [], "urls": [], "user_mentions": []},
    },
    MONTENEGRO.status_id: {"__typename": "TweetTombstone",
                           "tombstone": {"text": {"text": "This Post was deleted by the Post author. Learn more"}}},
    ESTONIA.status_id: {
        "__typename": "Tweet", "lang": "en", "id_str": ESTONIA.status_id,
        "created_at": "2020-03-31T11:32:05.000Z", "text": ESTONIA.text,
        "user": {"id_str": "1055", "name": ESTONIA.name, "screen_name": ESTONIA.handle},
    },
    WITHHELD.status_id: {"__typename": "TweetTombstone",
                         "tombstone": {"text": {"text": "This Post is unavailable. Learn more"}}},
}

NITTER_TWEETS = (CANADA, CANADA_OFF)

JAMES_POST = ("https://www.facebook.com/JamesAppathurai/posts/2890211391064215",
              "With regard to the “general elections” that took place today in Nagorno-Karabakh, NATO does not "
              "accept the results of these “elections” as affecting the legal status of Nagorno-Karabakh and "
              "stress that the results in no way prejudge the final status of Nagorno-Karabakh or the outcome of "
              "the ongoing negotiations to bring a lasting and peaceful settlement to the Nagorno-Karabakh "
              "conflict. NATO supports the OSCE Minsk Group, including the recent statement of the Co-Chairs on "
              "this issue.")
JAMES_OFF_POST = ("https://www.facebook.com/JamesAppathurai/posts/2889022574516430",
                  "Good discussion today with colleagues on how NATO Allies are helping each other with medical "
                  "supplies during the COVID-19 crisis. Solidarity matters.")
UK_PAGE_ID = "353541691429459"
UK_POST = (f"https://www.facebook.com/permalink.php?story_fbid=2956771291106473&id={UK_PAGE_ID}",
           "The British Embassy issued a statement on the ‘elections’ which took place in Nagorno-Karabakh on 31 "
           "March: The UK does not recognise the ‘elections’ which took place in Nagorno-Karabakh on 31 March. The "
           "UK reiterates its full support for the OSCE Minsk Group’s role in the peace process and encourages "
           "Azerbaijan and Armenia to accelerate efforts to build confidence and achieve a negotiated settlement.")
# A page whose posts were archived weeks after they were posted: the post's own date decides.
LATE_PAGE = "EmbassyLateArchive"
LATE_TEXT = ("The Embassy reaffirms its support for the territorial integrity of Azerbaijan and does not recognise "
             "the so-called elections held in Nagorno-Karabakh.")
LATE_POST = (f"https://www.facebook.com/{LATE_PAGE}/posts/3000000000000001", "20200420100000", "20200401140000")
LATE_OLD_POST = (f"https://www.facebook.com/{LATE_PAGE}/posts/3000000000000002", "20200415100000", "20200310090000")
LATE_UNDATED_POST = (f"https://www.facebook.com/{LATE_PAGE}/posts/3000000000000003", "20200410100000", None)
# captured in the window as an empty shell, and again, with its words but no date, after it
LATE_SHELL_POST = (f"https://www.facebook.com/{LATE_PAGE}/posts/3000000000000004", "20200402080000", "20200418000000",
                   "The Embassy will publish its full statement on the situation later today.")
# a post of James Appathurai's captured only after the letter's window (the late search must not need it)
JAMES_LATE_POST = ("https://www.facebook.com/JamesAppathurai/posts/2895000000000000", "20200410120000", "20200401150000")
NATO_PAGE_ID = "129617873765"
NATO_STORY = (f"https://m.facebook.com/story.php?story_fbid=10158260102283766&id={NATO_PAGE_ID}",
              "NATO Secretary General Jens Stoltenberg: Allies stand together in the fight against COVID-19.")


def _capture_tweets() -> None:
    """Add every archived tweet page to the archive store."""
    def status_url(tweet: Tweet, host: str = "twitter.com") -> str:
        return f"https://{host}/{tweet.handle}/status/{tweet.status_id}"

    legacy_when = "4:32 AM - 31 Mar 2020"
    add_capture(status_url(ESTONIA), "20200331121502",
                legacy_page(ESTONIA.handle, ESTONIA.name, ESTONIA.status_id, ESTONIA.text, legacy_when,
                            replies=("Thank you Estonia! #Azerbaijan", "Karabakh is Azerbaijan!")))
    # the same tweet again, captured the next day with ?s=20 (collapsed by status id)
    add_capture(status_url(ESTONIA) + "?s=20", "20200401080000",
                legacy_page(ESTONIA.handle, ESTONIA.name, ESTONIA.status_id, ESTONIA.text, legacy_when))
    add_capture(status_url(ESTONIA_OFF), "20200331094000",
                react_page(ESTONIA_OFF.handle, ESTONIA_OFF.name, ESTONIA_OFF.status_id, ESTONIA_OFF.text,
                           "2020-03-31T08:45:12.000Z"))
    add_capture(status_url(ESTONIA_OLD), "20200331100000",
                legacy_page(ESTONIA_OLD.handle, ESTONIA_OLD.name, ESTONIA_OLD.status_id, ESTONIA_OLD.text,
                            "10:00 AM - 25 Mar 2020"))
    add_capture(status_url(PELTOKOSKI), "20200331160101",
                react_page(PELTOKOSKI.handle, PELTOKOSKI.name, PELTOKOSKI.status_id, PELTOKOSKI.text,
                           "2020-03-31T14:22:10.000Z", parent=(EEAS.handle, EEAS.name, EEAS.text),
                           quoted=(EEAS.handle, EEAS.text)))
    add_capture(status_url(LATVIA), "20200331131500",
                og_only_page(LATVIA.handle, LATVIA.name, LATVIA.status_id, LATVIA.text))
    add_capture(status_url(ITALY, "mobile.twitter.com"), "20200331170000",
                react_page(ITALY.handle, ITALY.name, ITALY.status_id, ITALY.text, "2020-03-31T15:05:02.000Z"))
    add_capture(status_url(GERMANY, "x.com"), "20231020093000",
                react_page(GERMANY.handle, GERMANY.name, GERMANY.status_id, GERMANY.text,
                           "2020-04-01T09:15:33.000Z"))
    add_capture(status_url(AUSTRALIA), "20200403120000", SHELL_PAGE)
    add_capture(status_url(TURKPA), "20200403140000",
                legacy_page(TURKPA.handle, TURKPA.name, TURKPA.status_id, TURKPA.text, "3:20 AM - 3 Apr 2020"))
    add_capture(status_url(OSCEPA), "20200402150000",
                legacy_page(OSCEPA.handle, OSCEPA.name, OSCEPA.status_id, OSCEPA.text, "5:15 AM - 2 Apr 2020"))
    add_capture(status_url(MONTENEGRO), "20200402160000", SHELL_PAGE)
    add_capture(status_url(MONTENEGRO_OFF), "20200402100000",
                legacy_page(MONTENEGRO_OFF.handle, MONTENEGRO_OFF.name, MONTENEGRO_OFF.status_id,
                            MONTENEGRO_OFF.text, "1:15 AM - 2 Apr 2020"))
    for tweet, when in ((WITHHELD, "3:00 AM - 2 Apr 2020"), (VANISHED, "4:30 AM - 2 Apr 2020")):
        add_capture(status_url(tweet), tweet.posted[:8] + "150000",
                    legacy_page(tweet.handle, tweet.name, tweet.status_id, tweet.text, when))
    add_capture(status_url(GUAM_OLD), "20200320120000",
                legacy_page(GUAM_OLD.handle, GUAM_OLD.name, GUAM_OLD.status_id, GUAM_OLD.text,
                            "3:00 AM - 20 Mar 2020"))
    # the account page itself is archived too; it is not a post and must not become a candidate
    add_capture("https://twitter.com/MFAestonia", "20200331120000",
                "<html><head><title>MFA Estonia (@MFAestonia) | Twitter</title></head><body></body></html>")


def _capture_facebook() -> None:
    """Add the archived Facebook pages and posts to the archive store."""
    add_capture(JAMES_POST[0], "20200331183000",
                facebook_post_page("JamesAppathurai", "James Appathurai", JAMES_POST[0], JAMES_POST[1]))
    add_capture(JAMES_OFF_POST[0], "20200331091500",
                facebook_post_page("JamesAppathurai", "James Appathurai", JAMES_OFF_POST[0], JAMES_OFF_POST[1]))
    add_capture("https://www.facebook.com/ukinazerbaijan/", "20200315000000",
                facebook_profile_page("ukinazerbaijan", "UK in Azerbaijan", UK_PAGE_ID))
    add_capture(UK_POST[0], "20200401120000", facebook_og_page("UK in Azerbaijan", UK_POST[0], UK_POST[1]))
    add_capture("https://www.facebook.com/NatoPressOffice/", "20200301000000",
                facebook_profile_page("NatoPressOffice", "NATO Press Office", NATO_PAGE_ID))
    add_capture(NATO_STORY[0], "20200402100000",
                facebook_post_page("NatoPressOffice", "NATO Press Office", NATO_STORY[0], NATO_STORY[1]))
    for url, captured, posted in (LATE_POST, LATE_OLD_POST, LATE_UNDATED_POST):  # (all say the same words)
        add_capture(url, captured, facebook_post_page(LATE_PAGE, "Embassy", url, LATE_TEXT, posted=posted))
    url, captured, posted = JAMES_LATE_POST
    add_capture(url, captured, facebook_post_page("JamesAppathurai", "James Appathurai", url,
                                                  "Thoughts with everyone affected by the pandemic.", posted=posted))
    url, shell, worded, text = LATE_SHELL_POST
    add_capture(url, shell, '<html><head><title>Facebook</title></head><body><div id="root"></div></body></html>')
    add_capture(url, worded, facebook_post_page(LATE_PAGE, "Embassy", url, text))
    # a login redirect captured for a post URL: a login page, never a post
    add_capture("https://www.facebook.com/JamesAppathurai/posts/2890000000000000", "20200401000000", b"",
                status=302, headers=[("Location", "https://www.facebook.com/login/?next=%2FJamesAppathurai")])


_capture_tweets()
_capture_facebook()

# ---------------------------------------------------------------- the Nitter mirror and syndication


def _title_time(posted: str) -> str:
    """Nitter's date title: 'Apr 1, 2020 · 1:30 PM UTC'."""
    import datetime

    moment = datetime.datetime.strptime(posted, "%Y%m%d%H%M%S")
    return moment.strftime("%b ") + str(moment.day) + moment.strftime(", %Y · ") + \
        moment.strftime("%I:%M %p UTC").lstrip("0")


@route("/", site="nitter")
def nitter(req: Request) -> Response:
    """/<handle>/search?f=tweets&since=&until= and /<handle>/status/<id>, handles case-insensitive."""
    from tests.web.server import STATE

    parts = [p for p in req.path.split("/") if p]
    STATE.count("nitter:" + req.path)
    if len(parts) == 2 and parts[1] == "search":
        since, until = req.arg("since", ""), req.arg("until", "")
        listed = [t for t in NITTER_TWEETS if t.handle.lower() == parts[0].lower()
                  and (not since or t.posted[:8] >= since.replace("-", ""))
                  and (not until or t.posted[:8] < until.replace("-", ""))]
        return Response(body=nitter_search_page(
            [(t.handle, t.name, t.status_id, t.text, _title_time(t.posted)) for t in listed]).encode())
    if len(parts) == 3 and parts[1] == "status":
        for t in NITTER_TWEETS:
            if t.status_id == parts[2] and t.handle.lower() == parts[0].lower():
                return Response(body=nitter_status_page(t.handle, t.name, t.status_id, t.text,
                                                        _title_time(t.posted)).encode())
    return Response(404, b"<html><body><div class='error-panel'><span>Tweet not found</span></div></body></html>")


@route("/syndication/tweet-result")
def syndication(req: Request) -> Response:
    """The tweet-embed endpoint: JSON for a known id with the right token, 404 otherwise."""
    status_id, token = req.arg("id", ""), req.arg("token", "")
    if status_id not in SYNDICATION or SYNDICATION_TOKENS.get(status_id) != token:
        return Response(404, b"", content_type="application/json")
    return Response(body=json.dumps(SYNDICATION[status_id]).encode(), content_type="application/json")
