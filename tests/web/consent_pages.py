"""Cookie-consent walls, as a visitor from the EU meets them (tests/test_consent_wall.py).

`/consent/yahoo-article` and `/consent/google-article` redirect to the consent form's own
host (consent.yahoo.com, consent.google.de: the test pins those names to 127.0.0.1), which
answers with the form at `/v2/collectConsent` and `/ml`; `/consent/interstitial` and
`/consent/interstitiel` answer 200 at the cited URL with a consent management platform's
notice and nothing else (English, French); `/consent/article-with-banner` and
`/consent/article-avec-bandeau` are articles whose cookie banner the extraction keeps, a few
percent of their text.  The archive holds captures of two pages made from the EU: a redirect
to consent.yahoo.com and an interstitial, each with an earlier capture of the page itself.
"""

from __future__ import annotations

from tests.web.archive_store import add_capture
from tests.web.pages import article_html, article_text
from tests.web.server import Request, Response, route

YAHOO_FORM = """<!DOCTYPE html><html lang="en"><head><title>Yahoo is part of the Yahoo family of brands</title></head>
<body><div id="consent-page"><h1>Yahoo is part of the Yahoo family of brands</h1>
<p>The sites and apps that we own and operate, including Yahoo and AOL, and our digital advertising service.</p>
<p>When you use our sites and apps, we use cookies to provide our sites and apps to you, authenticate users and
measure your use of our sites and apps.</p>
<p>If you click 'Accept all', we and our partners, including 239 who are part of the IAB Transparency &amp; Consent
Framework, will also store and/or access information on a device (in other words, use cookies) and use precise
geolocation data and other personal data such as IP address and browsing and search data, for personalised
advertising and content, advertising and content measurement, audience research and services development.</p>
<p>If you do not want us and our partners to use cookies and personal data for these additional purposes, click
'Reject all'.</p>
<form method="post"><button name="agree">Accept all</button><button name="reject">Reject all</button>
<button name="manage">Manage privacy settings</button></form></div></body></html>"""

GOOGLE_FORM = """<!DOCTYPE html><html lang="en"><head><title>Before you continue to Google</title></head>
<body><h1>Before you continue to Google</h1><p>We use cookies and data to deliver and maintain Google services.</p>
<p>If you choose to 'Accept all', we will also use cookies and data to develop and improve new services and to
show personalised ads, depending on your settings.</p><p>If you choose to 'Reject all', we will not use cookies
for these additional purposes.</p><form><button>Reject all</button><button>Accept all</button></form></body></html>"""

INTERSTITIAL = """<!DOCTYPE html><html lang="en"><head><title>The Daily Courier</title></head><body>
<div class="cmp-container"><h2>We value your privacy</h2>
<p>We and our 842 partners store and/or access information on a device, such as cookies, and process personal data,
such as unique identifiers and standard information sent by a device, for personalised advertising and content,
advertising and content measurement, audience research and services development.</p>
<p>With your permission we and our partners may use precise geolocation data and identification through device
scanning. You may click to consent to our and our partners' processing as described above.</p>
<p>Please note that some processing of your personal data may not require your consent, but you have a right to
object to such processing. You can change your preferences or withdraw your consent at any time.</p>
<button>Accept all</button><button>Reject all</button><button>Manage options</button></div></body></html>"""

INTERSTITIEL = """<!DOCTYPE html><html lang="fr"><head><title>Le Courrier du jour</title></head><body>
<div class="cmp-container"><h2>Nous respectons votre vie privée</h2>
<p>Nous et nos partenaires stockons et/ou accédons à des informations sur un appareil, telles que les cookies, et
traitons des données personnelles, telles que des identifiants uniques et des informations standard envoyées par un
appareil, pour des publicités et du contenu personnalisés, la mesure de performance des publicités et du contenu,
des études d'audience et le développement de services.</p>
<p>Vous pouvez cliquer pour consentir au traitement décrit ci-dessus. Vous pouvez modifier vos choix ou retirer votre
consentement à tout moment.</p>
<button>Tout accepter</button><button>Tout refuser</button><button>Paramétrer</button></div></body></html>"""

# A banner inside the article, so that the extraction keeps its sentences beside the article's.
BANNER = ("We use cookies and similar technologies to improve your experience and to show you personalised "
          "advertising. By clicking Accept all you consent to our use of cookies; you can also Reject all.")
BANDEAU = ("Nous utilisons des cookies pour améliorer votre expérience et vous proposer des publicités "
           "personnalisées. En cliquant sur Tout accepter, vous consentez à leur utilisation ; vous pouvez aussi "
           "Tout refuser.")
FRENCH_ARTICLE = [
    "Le ministère des Affaires étrangères appelle toutes les parties à observer un cessez-le-feu immédiat et à "
    "reprendre sans délai les négociations sous l'égide des coprésidents du groupe de Minsk.",
    "La France rappelle son attachement à l'intégrité territoriale des États et au respect du droit international "
    "humanitaire, qui impose la protection des populations civiles et des infrastructures essentielles.",
    "Les couloirs humanitaires doivent rester ouverts afin que l'aide puisse parvenir aux personnes déplacées, "
    "et les organisations internationales doivent pouvoir accéder librement à la région concernée.",
    "Le ministre s'est entretenu hier avec ses homologues de la région et a souligné l'urgence d'une désescalade, "
    "seule voie vers une solution politique durable et négociée entre les parties au conflit.",
    "La France se tient prête à soutenir toute initiative de dialogue et à contribuer, avec ses partenaires "
    "européens, à l'effort de reconstruction dès que les conditions de sécurité le permettront.",
] * 3


def _consent_host(req: Request, host: str, path: str) -> Response:
    """A redirect of the cited page to a consent form's host, the page's URL in the query."""
    return Response(302, b"", headers=[("Location", req.base.replace("127.0.0.1", host) + path + req.path)])


@route("/consent/yahoo-article")
def to_yahoo_consent(req: Request) -> Response:
    return _consent_host(req, "consent.yahoo.com", "/v2/collectConsent?sessionId=3_cc-session_5b1c&from=")


@route("/consent/google-article")
def to_google_consent(req: Request) -> Response:
    return _consent_host(req, "consent.google.de", "/ml?hl=en&gl=DE&pc=n&continue=")


@route("/v2/collectConsent")
def yahoo_form(req: Request) -> Response:
    return Response(200, YAHOO_FORM.encode("utf-8"))


@route("/ml")
def google_form(req: Request) -> Response:
    return Response(200, GOOGLE_FORM.encode("utf-8"))


@route("/consent/interstitial")
def interstitial(req: Request) -> Response:
    return Response(200, INTERSTITIAL.encode("utf-8"))


@route("/consent/interstitiel")
def interstitiel(req: Request) -> Response:
    return Response(200, INTERSTITIEL.encode("utf-8"))


def _with_banner(page: str, banner: str) -> bytes:
    """An article page with its cookie banner as the article's last paragraph."""
    return page.replace("</article>", f"<p>{banner}</p></article>").encode("utf-8")


@route("/consent/article-with-banner")
def article_with_banner(req: Request) -> Response:
    return Response(200, _with_banner(article_html("Statement on the ceasefire talks", article_text(27, 3000)), BANNER))


@route("/consent/article-avec-bandeau")
def article_avec_bandeau(req: Request) -> Response:
    page = article_html("Déclaration sur le cessez-le-feu", FRENCH_ARTICLE).replace('lang="en"', 'lang="fr"')
    return Response(200, _with_banner(page, BANDEAU))


def _captures() -> None:
    """Captures made from the EU (the nearest to a citation of 2020-03-31) and, a month
    earlier, of the page itself: the consent form is no rescue, the earlier page is."""
    redirected = "https://eu-news.example/world/ceasefire-statement"
    form = "https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session_9f2e"
    add_capture(redirected, "20200330000000", b"", status=302, headers=[("Location", form)])
    add_capture(form, "20200330000000", YAHOO_FORM)
    add_capture(redirected, "20200301000000",
                article_html("Ceasefire statement", ["The statement as the archive kept it before the consent wall."]))
    walled = "https://eu-news.example/world/interstitial-statement"
    add_capture(walled, "20200330000000", INTERSTITIAL)
    add_capture(walled, "20200301000000",
                article_html("Interstitial statement", ["The statement the archive kept behind no interstitial."]))


_captures()
