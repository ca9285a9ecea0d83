"""One class per fetch, read from the answer (status, headers, body), not the status alone.

`classify(fetch, extraction=None, probe=None)` is a pure function: the crawl pipeline
calls it on live fetches, the archive stage on mementos (a memento that is a soft-404,
a login page, a cookie-consent page or a bot wall is not a rescue).  It returns a
`Classification` with the class, a plain-words one-line reason and the evidence that led
to it (stored as JSON).

Order matters: a bot wall is looked for before any error class is given (a 403 "Just a
moment…" is not rot), social platforms never yield an error class (their status codes
say nothing to logged-out clients), and soft-404 needs strong evidence and never
applies to a site's home page.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from rapidfuzz import fuzz

from archive.mementos import memento_from_url
from crawler.align import SENTENCE_STOPS
from crawler.extract import _heading_and_title, decode_html
from crawler.items import FetchItem

# class -> (kind, what it means).  kind: ok = the content is there; rot = evidence the
# source is gone; uncertain = we could not tell (walls, limits, robots, refusals).
CLASSES: dict[str, tuple[str, str]] = {
    "live": ("ok", "The page answered with its content."),
    "redirected": ("ok", "The link redirects to another path that answers with content."),
    "tls-error": ("ok", "The certificate is invalid (expired, wrong name, incomplete chain); the content was fetched without verification."),
    "redirected-to-root": ("rot", "A deep link redirects to the site's home page or a section index: the cited page is gone."),
    "client-error": ("rot", "The server answers 4xx (404 Not Found, 410 Gone …) without a bot wall."),
    "server-error": ("rot", "The server answers 5xx, still after the retries, or the site is down for maintenance."),
    "redirect-loop": ("rot", "The redirects never end (too many hops)."),
    "soft-404": ("rot", "The server answers 200 but the page is an error page (phrase in the title or heading, error URL, or the same page as a random path)."),
    "dns-failure": ("rot", "The host name does not resolve: no such name (NXDOMAIN), or no address for it."),
    "connection-error": ("rot", "The connection was refused, reset or dropped, the name could not be looked up this time (a temporary DNS failure: SERVFAIL, no answer), or the body could not be decoded as its Content-Encoding says."),
    "timeout": ("rot", "No complete answer within the timeout."),
    "too-large": ("uncertain", "The answer is bigger than the size cap (or decompresses beyond it): its body is not kept; when its Content-Length announced the size, its status and headers are (WARC-Truncated: length)."),
    "blocked": ("uncertain", "A bot wall (Cloudflare, Akamai, CloudFront, Imperva, DataDome, LinkedIn 999 …) answered instead of the site."),
    "rate-limited": ("uncertain", "429 Too Many Requests, and the Retry-After asked for is beyond the cap: not checked this run, no evidence of rot."),
    "login-wall": ("uncertain", "The page shows a login form instead of content (X/Twitter, Facebook and others), or the server asks for credentials (401)."),
    "consent-wall": ("uncertain", "A cookie-consent page answered instead of the content (an EU visitor's interstitial): nothing said of the page behind it."),
    "blocked-by-robots": ("uncertain", "robots.txt forbids the fetch; it was not made."),
    "refused": ("uncertain", "citewatch refused the URL: not http(s), or an address that is not globally routable (private, loopback, link-local, multicast, shared 100.64.0.0/10, reserved; an IPv6 address also by the IPv4 one it carries)."),
    "redirected-off-date": ("uncertain", "A memento only: its capture redirects to a capture of the page from further than memento_window_days away, not the page as it stood then."),
    "post-unavailable": ("uncertain", "The tweet-embed (syndication) endpoint answers a tombstone: the tweet is unavailable or restricted (deleted, withheld, protected or age-gated), which is not proof it is gone."),
    "post-not-found": ("rot", "The tweet-embed (syndication) endpoint answers 404: the tweet is not found; it counts once a second check confirms it."),
}

SOCIAL_HOSTS = ("twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com", "threads.net")

# An error page's title or main heading is nothing but the error: "404", "Page not found",
# "Erreur 404 - Page introuvable" (each part around a separator is matched whole, once the
# path or quoted words it may repeat are taken out).  A phrase inside a longer title is the
# news, not the error ("404 new cases confirmed", "... not found").  Each run of non-word
# characters is taken whole (possessive `\W*+`: what follows it starts with a letter or a
# digit, the "(" of "(not found)" being the run's own), so a hostile title ("oops!!!…!x") is
# read once, not split between adjacent runs every way (24 s for 8,000 characters).
_ERROR_TITLE = re.compile(
    r"(?:(?:oops|whoops|sorry|error|erreur|fehler|error code)\W*+)?(?:(?:http|error|erreur|fehler)\s*+)?(?:404\W*+)?"
    r"(?:error|erreur|fehler)?\W*+(?:(?:the|this|that|la|die|cette)\s++)?"
    r"(?:404(?:\s+(?:error\s+)?page)?|not found|nicht gefunden"
    r"|(?:page|file|document|content|resource|url|seite)\s+not found"
    r"|(?:page|file|document|content|url)\s+(?:you\s+(?:are\s+looking\s+for|requested)\s+)?(?:does not|doesn['’]t|did not|could not be|cannot be|can['’]t be|was not)\s+(?:exist|found|be found)"
    r"|page (?:is )?no longer (?:available|exists)|page introuvable|page non trouv[ée]e|page inexistante|page n'existe pas"
    r"|seite nicht gefunden|seite wurde nicht gefunden|p[áa]gina no encontrada|p[áa]gina n[ãa]o encontrada"
    r"|pagina non trovata|pagina niet gevonden|strona nie zosta[łl]a znaleziona"
    r"|страница не найдена|(?:ال)?صفحة (?:المطلوبة )?غير موجودة|页面不存在|找不到页面)"
    r"(?:\W*+(?:404|error|\(?not found\)?))?\W*+\d?",  # (Google's own: "Error 404 (Not Found)!!1")
    re.I,
)
# (a run of spaces is tried from its first only: from each of its spaces, a long run with no
# separator after it would be read again to its end, a square of its length)
_TITLE_PARTS = re.compile(r"(?<!\s)\s+[|\-–—·•»:]+\s+|(?<!\s)\s+\|\s*|\|\s*")
# What an error title may repeat of the request: a path or URL, or the words in quotes.
_REPEATED = re.compile(r"https?://\S*|(?<!\S)/\S*|[\"“”«»][^\"“”«»]*[\"“”«»]|(?<!\w)['‘][^'‘’]*['’](?!\w)")
# After a colon only an error that names the page counts ("Ministry: Page not found", never
# "Coronavirus cases today: 404").
_PAGE_WORD = re.compile(r"\b(?:page|seite|p[áa]gina|pagina|strona)\b|страница|页面|صفحة", re.I)
_ERROR_URL = re.compile(r"(/404(?:\.html?|\.php|/|$)|404\.htm|notfound|not-found|page-not-found|/error(?:[/._?-]|$)|errorpage)", re.I)
_LOGIN_URL = re.compile(r"/(?:login|signin|sign-in|sign_in|accounts/login|auth/login|user/login|connexion)(?:[/?.#]|$)", re.I)
_LOGIN_PHRASES = re.compile(
    r"\b(log ?in to continue|sign ?in to continue|you must (?:be )?log(?:ged)? ?in|please (?:log|sign) ?in"
    r"|log ?in or sign up|connectez-vous pour continuer|veuillez vous connecter|melden sie sich an|inicia sesi[óo]n para continuar)\b",
    re.I,
)
_LANGUAGE_ROOT = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2})?$", re.I)
_INDEX = re.compile(r"^(?:index|default|home)(?:\.\w+)?$", re.I)

_PROBE_SIMILARITY = 90.0
_WALL_MAX_BYTES = 60_000
_WALL_MAX_BYTES_2XX = 16_000
_MIN_COMPARABLE_TEXT = 40
# Of an extracted text, classification reads only this much (and whether it is under
# SHORT_TEXT or ARTICLE_TEXT characters): a distributed crawl ships no more of a known
# extraction to its workers.
CLASSIFIED_CHARS = 5000
SHORT_TEXT = 600  # a page this short only says what its notice says (a login form, a JavaScript shell)
ARTICLE_TEXT = 1500  # main text this long is an article's, not an error page's or a maintenance notice's
QUOTED_CHARS = 80  # a reason quotes no more of a page's words (its evidence keeps more)


@dataclass(frozen=True)
class Classification:
    cls: str
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return CLASSES[self.cls][0]


# --- bot walls -------------------------------------------------------------------

_WALLS: tuple[tuple[str, str, re.Pattern], ...] = (
    ("Cloudflare", "title", re.compile(r"just a moment|attention required! \| cloudflare|checking your browser", re.I)),
    # (not /cdn-cgi/challenge-platform/scripts/jsd/: Bot Management puts that script in normal pages)
    ("Cloudflare", "body", re.compile(r"cf-browser-verification|/cdn-cgi/challenge-platform/(?:h|orchestrate)/|_cf_chl_opt|cf_chl_", re.I)),
    # its firewall's refusals (1005-1012 banned, 1015 rate limited, 1020 a firewall rule), as
    # plain text to clients like ours, as a page to browsers; not its 1000-1004 DNS errors
    ("Cloudflare", "title", re.compile(r"used cloudflare to restrict access", re.I)),
    ("Cloudflare", "body", re.compile(r"^\s*error code:?\s*(?:100[5-9]|1010|1012|1015|1020)\b", re.I)),
    ("F5 BIG-IP", "body", re.compile(r"the requested url was rejected\. please consult with your administrator", re.I)),
    ("Imperva/Incapsula", "body", re.compile(r"incapsula incident id|_incapsula_resource|request unsuccessful\. incapsula", re.I)),
    ("DataDome", "body", re.compile(r"captcha-delivery\.com|geo\.captcha-delivery", re.I)),
    ("Sucuri", "body", re.compile(r"sucuri website firewall", re.I)),
    ("a bot wall", "body", re.compile(r"enable javascript and cookies to continue|please enable cookies\.|verify you are (?:a )?human", re.I)),
)


_AKAMAI_REFERENCE = re.compile(r"reference\s*#\s*\d+\.[\da-f]+\.\d+\.[\da-f]+", re.I)


_TITLE_OPENS = re.compile(r"<title(?:\s[^<>]*)?>", re.I)
_TITLE_CLOSES = re.compile(r"</title\s*>", re.I)


def _title(body_text: str) -> str:
    """The text of a wall's <title>, from its first opening tag to the closing one.  Two
    searches, not one pattern across both tags: that would read the rest of the body again
    from each "<title" of a page where none closes (seconds on 60 KB of them)."""
    opens = _TITLE_OPENS.search(body_text)
    closes = opens and _TITLE_CLOSES.search(body_text, opens.end())
    return re.sub(r"\s+", " ", body_text[opens.end():closes.start()]).strip() if closes else ""


def detect_block(status: int | None, headers: dict[str, str], body: bytes) -> dict[str, str] | None:
    """The bot wall that answered instead of the site, as {vendor, signal}, or None.

    `server: cloudflare` or `cf-ray` alone is not a block: they sit on normal pages too.
    """
    if status is None:
        return None
    if status == 999:
        return {"vendor": "LinkedIn", "signal": "status 999"}
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return {"vendor": "Cloudflare", "signal": "cf-mitigated: challenge"}
    if "error from cloudfront" in headers.get("x-cache", "").lower() and status >= 400:
        return {"vendor": "CloudFront", "signal": "x-cache: Error from cloudfront"}
    if "x-iinfo" in headers and status >= 400:
        return {"vendor": "Imperva/Incapsula", "signal": "x-iinfo header"}
    if "x-datadome" in headers and status >= 400:
        return {"vendor": "DataDome", "signal": "x-datadome header"}
    if status < 400 and len(body) > _WALL_MAX_BYTES_2XX:
        return None  # a wall is a short page; a long 2xx page is the site itself
    text = html.unescape(body[:_WALL_MAX_BYTES].decode("utf-8", "replace"))
    title = _title(text)
    # Akamai's id is four dotted parts (#18.6d3c1402.1712345678.1a2b3c4d); a "reference #12"
    # of a note in an article headed "Access denied to journalists…" is none
    if re.search(r"access denied", title + text[:5000], re.I) and _AKAMAI_REFERENCE.search(text):
        return {"vendor": "Akamai", "signal": "Access Denied with a Reference # id"}
    for vendor, where, pattern in _WALLS:
        match = pattern.search(title if where == "title" else text)
        if match:
            return {"vendor": vendor, "signal": match.group(0)}
    return None


# --- errors without an answer ------------------------------------------------------

# A lookup that did not finish, as getaddrinfo's EAI_AGAIN ("Temporary failure in name
# resolution": the name servers answered SERVFAIL or not at all) or the resolver's own timeout
# (Twisted's "timeout error") words it inside Scrapy's DNSLookupError: the name may well exist.
# Only an answer that the name does not exist (NXDOMAIN, EAI_NONAME "Name or service not
# known") or has no address is a dns-failure.
_TEMPORARY_DNS = re.compile(r"temporary (?:failure|error) in name resolution|\bEAI_AGAIN\b|\bSERVFAIL\b"
                            r"|not found: timeout error", re.I)


def resolver_hiccup(message: str) -> str | None:
    """The words of a DNS error saying that the lookup did not finish (the name may well
    exist: retried, then classed connection-error), or None for an answer that it does not."""
    found = _TEMPORARY_DNS.search(message)
    return found.group(0) if found else None


def _error_class(fetch: FetchItem) -> Classification:
    """Class of an attempt that got no answer, from the exception Scrapy raised."""
    name, message = fetch.error_class or "", fetch.error_message or ""
    evidence = {"error": name, "message": message}
    host = urlsplit(fetch.final_url or fetch.requested_url).hostname
    if name in ("CannotResolveHostError", "DNSLookupError"):
        temporary = resolver_hiccup(message)
        if temporary:
            return Classification("connection-error", f"the name of {host} could not be looked up this time "
                                  f"({temporary}): a resolver hiccup, not a sign that the name is gone",
                                  {**evidence, "dns": "temporary"})
        return Classification("dns-failure", f"the host name {host} does not resolve (DNS lookup failed)", evidence)
    if name in ("DownloadTimeoutError", "TimeoutError", "TCPTimedOutError"):
        if fetch.answered:
            return Classification("timeout", f"{host} answered, but its body did not finish in time ({message[:120]}; "
                                  "each retry of a slow body gets twice the time)", {**evidence, "answered": True})
        return Classification("timeout", f"no complete answer from {host} within the timeout", evidence)
    if re.search(r"\bssl\b|certificate|tls|handshake", message, re.I):
        # no answer came through: the page cannot be read (tls-error is for an answer with a bad certificate)
        return Classification("connection-error", f"the TLS handshake with {host} failed: {message[:120]}", evidence)
    if "DOWNLOAD_MAXSIZE" in message:
        return Classification("too-large", "the answer decompresses beyond the size cap (max_size); not kept", evidence)
    if name == "DownloadCancelledError" or "max size" in message.lower():
        return Classification("too-large", "the answer is larger than the size cap (max_size); not kept", evidence)
    if "max redirections" in message.lower():
        return Classification("redirect-loop", f"the redirects from {fetch.requested_url} never end ({len(fetch.redirects) or 'too many'} hops)", evidence)
    if name in ("BadGzipFile", "ZstdError") or (name == "error" and re.search(r"decompress|brotli", message, re.I)):
        # zlib's and brotli's exceptions are both called `error`: their messages tell them apart
        return Classification("connection-error", f"{host} answered, but its body is not in the coding its "
                              f"Content-Encoding names ({name}: {message[:100]}); browsers cannot show it either", evidence)
    malformed = _MALFORMED.search(message)
    if malformed:   # an answer came, but no HTTP a client reads: said as such, not as Twisted's repr
        return Classification("connection-error", f"{host} answered, but not in HTTP a client can read "
                              f"({malformed.group(1)}: {malformed.group(2)[:100]}); browsers cannot show it either",
                              evidence)
    return Classification("connection-error", f"the connection to {host} failed: {name} {message[:120]}".strip(), evidence)


# What Twisted says of an answer that is no HTTP (a header name with a byte over 0x7F, a status
# line it cannot parse), inside the repr of the Failure Scrapy hands on:
# "[<twisted.python.failure.Failure twisted.web.http_headers.InvalidHeaderName: b'x-caf\\xe9'>]".
_MALFORMED = re.compile(r"\b(InvalidHeaderName|InvalidHeaderValue|ParseError|BadStatusLine)\b:?\s*([^>\]]*)")


def _unanswered_retry(fetch: FetchItem, failed: Classification) -> Classification:
    """A retry that got no answer after a bot wall or a 429 (a wall that tarpits browsers, a
    limit still on): the earlier answer is the evidence, and it says nothing of rot."""
    why = fetch.retried_for or {}
    if failed.kind != "rot" or not ("vendor" in why or why.get("status") == 429):
        return failed
    evidence = {**failed.evidence, "retried_for": why}
    if "vendor" in why:
        return Classification("blocked", f"a bot wall answered first ({why['vendor']}: {why['signal']}); the retry "
                              f"with a browser's headers got no answer ({failed.reason})", {**evidence, **why})
    return Classification("rate-limited", f"429 Too Many Requests, and the retry after waiting got no answer "
                          f"({failed.reason}); not checked this run, not evidence of rot", evidence)


# --- answers -----------------------------------------------------------------------


def _segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.split("/") if s]


# Query parameters that pick a page: WordPress' ?p= and ?page_id=, Joomla's ?id= (with
# option=com_content), ASP.NET's ?NewsID=, ?ArticleID= …  A menu (Joomla's Itemid), a language
# (lcid, langid), a campaign, session or click id picks none.
_PAGE_PARAMS = re.compile(r"^(?:p|page_id|id|nid|pid|docid|doc_id|newsid|news_id|articleid|article_id|postid|post_id"
                          r"|storyid|story_id|contentid|content_id|itemno|article|story|news|node|post|doc)$", re.I)


def _page_query(url: str) -> tuple[tuple[str, str], ...]:
    """The query parameters of `url` that pick a page, sorted (empty: none)."""
    return tuple(sorted((name.lower(), value) for name, value in parse_qsl(urlsplit(url).query)
                        if value and _PAGE_PARAMS.match(name)))


def _names_a_page(url: str) -> bool:
    """The query picks a page (Joomla's ?option=…&id=1234, WordPress' ?p=1234, ?NewsID=…):
    the URL is no home page or section index, whatever its path.  A language, a campaign
    tag, a session id or ASP.NET's ?aspxerrorpath= picks none."""
    return bool(_page_query(url))


def is_home_page(url: str) -> bool:
    """True for a site's root (or its index file) whose query picks no page (`?p=1234` does):
    never called a soft-404."""
    segments = _segments(url)
    return (not segments or (len(segments) == 1 and bool(_INDEX.match(segments[0])))) and not _names_a_page(url)


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"\W+|_", text.lower()) if w}


def _url_words(url: str | None) -> set[str]:
    """The words of a URL's path (/news/2020/statement-ceasefire: news, 2020, statement, ceasefire)."""
    return _words(urlsplit(url or "").path)


def _title_parts(value: str, url: str | None = None) -> list[str]:
    """A title's parts around its separators ("Page not found | Ministry"), each without the
    path, URL or quoted words it repeats of the request at `url` (only those: the quoted
    words of a headline stay)."""
    own = _url_words(url)

    def repeated(match: re.Match) -> str:
        words = _words(match.group(0))
        return " " if words and words <= own else match.group(0)
    parts = [" ".join(_REPEATED.sub(repeated, part).split()) for part in _TITLE_PARTS.split(value.strip())]
    return [part for part in parts if part]


def error_title(value: str, url: str | None = None) -> str | None:
    """The part of a title or heading that is an error page's whole name, or None.  After a
    colon ("Ministry of Foreign Affairs: Page not found": the site's name, then the error)
    only an error naming the page counts: "Not found: the missing climbers" and "Cases
    today: 404" are news."""
    for part in _title_parts(value, url):
        if _ERROR_TITLE.fullmatch(part):
            return part
        after = part.rsplit(": ", 1)[1] if ": " in part else ""
        if after and after[0] not in "\"“”«»'‘’" and _PAGE_WORD.search(after) and _ERROR_TITLE.fullmatch(after):
            return after
    return None


def _nothing_but_errors(value: str, url: str | None, site: frozenset[str]) -> bool:
    """Every part of the title or heading is an error ("Erreur 404 - Page introuvable") or the
    site's name (`site`, from `_site_names`: "Page not found | The Daily" on thedaily.com), not
    an error among other words ("Error 404 – the film", "Ministry: Page not found")."""
    parts = _title_parts(value, url)
    return bool(parts) and all(_ERROR_TITLE.fullmatch(part) or _names_site(part, site) for part in parts)


# What a page calls its site: Open Graph's site name, or the web app's name, in a <meta> tag
# (`_meta_tags`: from "<meta" to the first ">").
_META_OPENS = re.compile(r"<meta\b", re.I)
_SITE_NAME_META = re.compile(r"\b(?:property|name)\s*=\s*[\"']?(?:og:site_name|application-name)\b", re.I)
_CONTENT = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
# A replay URL (/web/<timestamp>id_/<url>, pywb's /<collection>/<timestamp>/<url>): the page's host, not the archive's.
_REPLAY = re.compile(r"/\d{4,14}(?:[a-z]{2}_)?/https?://([^/:?#@]+)", re.I)
_NOT_A_NAME = frozenset({"www", "com", "org", "net", "gov", "edu", "int", "co", "ac", "go", "gob", "gouv"})
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "del", "la", "le", "les", "du", "des", "el", "et", "y", "der", "die", "und"})


def _letters(value: str) -> str:
    """The letters and digits of `value`, lower case, accents dropped ("El Diário" -> eldiario)."""
    return "".join(c for c in unicodedata.normalize("NFKD", value.casefold()) if c.isalnum())


# German umlauts as a host writes them out ("Auswärtiges Amt" at auswaertiges-amt.de); ß is
# already ss once case-folded.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _spellings(value: str) -> set[str]:
    """The ways a host may spell `value` as `_letters`: accents dropped ("Auswärtiges":
    auswartiges) or umlauts written out (auswaertiges)."""
    folded = unicodedata.normalize("NFC", value.casefold())
    return {_letters(folded), _letters(folded.translate(_UMLAUTS))}


def _site_names(fetch: FetchItem) -> frozenset[str]:
    """The names a page's site goes by, as `_letters`: its host's labels (thedaily, mfa; of a
    memento, the archived page's host, named in its replay URL) and the site name the page
    declares (og:site_name, application-name), so that a title part naming the site is told
    from a headline's other words."""
    url = fetch.final_url or fetch.requested_url
    replay = _REPLAY.search(url)
    host = (replay.group(1) if replay else urlsplit(url).hostname or "").lower()
    names = {_letters(label) for label in host.split(".")[:-1] if len(label) > 1 and label not in _NOT_A_NAME}
    head = (fetch.body or b"")[:100_000].decode("utf-8", "replace")
    for meta in _meta_tags(head):
        content = _SITE_NAME_META.search(meta) and _CONTENT.search(meta)
        if content:
            names.add(_letters(html.unescape(content.group(1) or content.group(2) or "")))
    return frozenset(name for name in names if name)


def _meta_tags(head: str):
    """The <meta> tags of `head`, each from "<meta" to the first ">" after it, in order; none
    past the last ">".  One pass: a pattern tried from each "<meta" would read the rest again
    from each of a page's thousands of unclosed ones (48 s for 100 KB of them); a "<meta"
    inside another's tag finds nothing that one did not (a browser reads it as an attribute)."""
    pos = 0
    while opens := _META_OPENS.search(head, pos):
        closes = head.find(">", opens.end())
        if closes < 0:
            return
        yield head[opens.start():closes + 1]
        pos = closes + 1


def _names_site(part: str, site: frozenset[str]) -> bool:
    """The title part is the site's name: its letters ("The Daily": thedaily) or its initials
    ("Ministry of Foreign Affairs": mfa, mofa) are one of `site`, or its letters begin with
    one of three letters or more ("BBC News" on bbc.co.uk, "Le Monde.fr")."""
    words = re.findall(r"\w+", part.casefold())
    initials = {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _SMALL_WORDS)}
    spellings = _spellings(part)
    return (bool(spellings & site) or bool(initials & site - {""})
            or any(len(name) >= 3 and letters.startswith(name) for name in site for letters in spellings))


def _redirect_kind(requested: str, final: str) -> str | None:
    """'root' for a deep link sent to the home or a section index, 'other' for another path,
    None for the same path and the same page-picking query."""
    req, fin = _segments(requested), _segments(final)
    if [s.lower() for s in req] == [s.lower() for s in fin] and _page_query(requested) == _page_query(final):
        return None
    if not is_home_page(requested):  # a deep path, or a query that picks a page (/?p=1234)
        if is_home_page(final):
            return "root"
        if (len(fin) == 1 and len(req) > 1 and (fin[0] == req[0] or _LANGUAGE_ROOT.match(fin[0]))
                and not _names_a_page(final)):
            return "root"
    return "other"


def _is_social(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in SOCIAL_HOSTS)


def _quoted(value: str) -> str:
    """A page's words as a reason shows them to a reader (the report, the CSV): in quotes, on
    one line, cut at a word with "…" past QUOTED_CHARS (a repr showed `'Log in\\nLog in'`)."""
    words = " ".join(value.split())
    if len(words) > QUOTED_CHARS:
        cut = words[:QUOTED_CHARS + 1]  # one more: a space there ends a word that fits whole
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut[:QUOTED_CHARS]) + "…"
    return f"“{words}”"


def _login_wall(fetch: FetchItem, extraction) -> str | None:
    """Why the page is a login form rather than content, or None."""
    final = fetch.final_url or fetch.requested_url
    if _LOGIN_URL.search(urlsplit(final).path) and not _LOGIN_URL.search(urlsplit(fetch.requested_url).path):
        return f"redirected to a login page ({final})"
    title = getattr(extraction, "title", None) or ""
    heading = getattr(extraction, "heading", None) or ""
    text = getattr(extraction, "text", None) or ""
    for where, value in (("title", title), ("heading", heading)):
        if _LOGIN_PHRASES.search(value):
            return f"the {where} says {_quoted(value)}"
    if len(text) < SHORT_TEXT and _LOGIN_PHRASES.search(text):
        return f"the page only says {_quoted(text)}"
    return None


# --- cookie-consent walls ------------------------------------------------------------

# The hosts that only ever show a consent form, where a site sends a visitor from the EU (or
# the Internet Archive's crawler there) before its page, the page's URL in the query:
# consent.yahoo.com (Yahoo's and AOL's, /v2/collectConsent?sessionId=…); guce.* (Oath's and
# Verizon Media's "guided user consent" before it: guce.yahoo.com, guce.oath.com,
# guce.aol.com); consent.google.<tld> ("Before you continue to Google", /ml?continue=…) and
# consent.youtube.com (/m?continue=…); myprivacy.dpgmedia.nl and .be (DPG Media's privacy
# gate before de Volkskrant, AD, Trouw, HLN, De Morgen …, /consent?callbackUrl=…).
_CONSENT_HOST = re.compile(r"^(?:consent\.yahoo\.com|guce\.(?:[\w-]+\.)+[a-z]{2,}|consent\.google\.[a-z.]{2,}"
                           r"|consent\.youtube\.com|myprivacy\.dpgmedia\.(?:nl|be))$", re.I)
# A site's own consent path, redirected to instead of the page (The Washington Post's
# /gdpr-consent/, Tumblr's /privacy/consent?redirect=…): a path of that name is nothing else.
_CONSENT_PATH = re.compile(r"/(?:gdpr-consent|privacy/consent)(?:[/?.#]|$)", re.I)
# What a consent form asks the visitor to do, in the letters' languages (a button's words,
# or the IAB framework's purpose as its notices word it): never an article's own words.
_CONSENT_ASK = re.compile(
    r"\b(?:accept all(?: cookies)?|reject all(?: cookies)?|allow all cookies|manage (?:options|cookies|preferences|privacy settings)"
    r"|we value your privacy|store and/or access information on a device"
    r"|tout accepter|tout refuser|accepter et (?:fermer|continuer)|continuer sans accepter|nous respectons votre vie priv[ée]e"
    r"|stock(?:er|ons) et/ou acc[ée]d(?:er|ons) [àa] des informations sur (?:un|votre) appareil"
    r"|alle akzeptieren|alle ablehnen|akzeptieren und weiter|wir respektieren ihre privatsph[äa]re|wir sch[äa]tzen ihre privatsph[äa]re"
    r"|aceptar tod[oa]s?|rechazar tod[oa]s?|valoramos tu privacidad|accetta tutt[oi]|rifiuta tutt[oi]|la tua privacy [èe] importante"
    r"|aceitar (?:tudo|todos)|rejeitar (?:tudo|todos)|alles accepteren|alle cookies accepteren|alles weigeren|alles afwijzen"
    r"|принять все|отклонить все)\b",
    re.I,
)
# The words a consent notice's every sentence has (cookies, consent, privacy, partners,
# personal data, preferences, advertising, a device …); a sentence without one is the page's own.
_CONSENT_WORDS = re.compile(
    r"\b(?:cookies?|consent\w*|privacy|partners?|personal data|personali[sz]ed|preferences|advertis\w*|ads|tracking"
    r"|devices?|legitimate interest|geolocation|identifiers|withdraw"
    r"|consentir|consentement|vie priv[ée]e|confidentialit[ée]|partenaires?|donn[ée]es personnelles|personnalis[ée]e?s?"
    r"|pr[ée]f[ée]rences|publicit[ée]s?|traceurs|appareils?|int[ée]r[êe]t l[ée]gitime"
    r"|einwilligung\w*|zustimm\w*|datenschutz\w*|partnern?|personenbezogenen? daten|personalisiert\w*|einstellungen|werbung"
    r"|endger[äa]t\w*|berechtigte[sn]? interesse"
    r"|consentimiento|privacidad|socios|datos personales|personalizad[oa]s?|preferencias|publicidad|dispositivos?"
    r"|consenso|dati personali|personalizzat[oiae]|preferenze|pubblicit[àa]|legittimo interesse"
    r"|consentimento|privacidade|parceiros|dados pessoais|prefer[êe]ncias|publicidade"
    r"|toestemming|persoonsgegevens|gepersonaliseerde?|voorkeuren|advertenties|apparaat"
    r"|согласи\w*|конфиденциальност\w*|партнер\w*|персональн\w* данн\w*|куки)\b",
    re.I,
)
# A control's label: a button's or a link's words (its tags inside dropped), an input's value.  Each part
# bounded: an unclosed tag repeated (60 KB of "<input value=") is read in linear time.
_CONTROL_LABEL = re.compile(r"<(?:button|a)\b[^>]{0,300}>((?:[^<]|<(?!/?(?:button|a)\b)[^>]{0,300}>){1,80})</(?:button|a)>"
                            r"|<input\b[^>]{0,300}\bvalue=[\"']([^\"'<>]{1,80})[\"']", re.I)
_CONSENT_PROSE = 200   # characters of consent sentences a notice has at least (two of the IAB's)


def _original_url(url: str) -> str:
    """The page's own URL: of a memento, the archived one its replay URL names."""
    memento = memento_from_url(url)
    return memento.original if memento else url


def _consent_place(fetch: FetchItem) -> str | None:
    """Where the fetch ended, when that is a consent form's place (`_CONSENT_HOST`, or a
    redirect to `_CONSENT_PATH`), or None.  Of a memento, the archived URL is read: a
    capture made from the EU holds the redirect to the consent form, not the page."""
    final = _original_url(fetch.final_url or fetch.requested_url)
    host = urlsplit(final).hostname or ""
    if _CONSENT_HOST.match(host):
        return f"the answer came from {host}, a consent form's host"
    requested = _original_url(fetch.requested_url)
    if _CONSENT_PATH.search(urlsplit(final).path) and not _CONSENT_PATH.search(urlsplit(requested).path):
        return f"redirected to a consent page ({final})"
    return None


def _consent_notice(fetch: FetchItem, extraction) -> str | None:
    """What shows that a page answered at the cited URL is a consent notice and nothing
    else, or None: its text is shorter than an article's, every sentence of it (but for
    _OWN_PROSE characters) speaks of cookies, consent, privacy, partners or personal data,
    and at least _CONSENT_PROSE characters do, and it asks the visitor to choose: `_CONSENT_ASK`
    words in its own text (title, heading, text), not only in the HTML around it (a site's
    banner, on every page of a site, is no ask of its privacy policy or its statements), and a
    control to choose with (`_asks_by_control`).  An article with a cookie banner is none: the
    banner's sentences are a few of its own."""
    text = _classified_text(extraction)
    if len(text) >= ARTICLE_TEXT:
        return None
    consent = own = 0
    for sentence in _SENTENCE.findall(text):
        length = _prose_length(sentence)
        if length < 20:
            continue
        if _CONSENT_WORDS.search(sentence):
            consent += length
        else:
            own += length
    if own >= _OWN_PROSE or consent < _CONSENT_PROSE:
        return None
    page = " ".join(filter(None, (getattr(extraction, "title", None), getattr(extraction, "heading", None), text)))
    ask = _CONSENT_ASK.search(page)
    if ask is None or not _asks_by_control(fetch):
        return None
    return f"the page only asks for consent ({_quoted(ask.group(0))})"


def _asks_by_control(fetch: FetchItem) -> bool:
    """Whether the page's HTML offers the choice itself: a button, link or input labelled with
    `_CONSENT_ASK` words.  A cookie policy or a regulator's news item quotes the buttons in its
    sentences ("select Accept all cookies", « Tout refuser ») and offers none."""
    body = html.unescape((fetch.body or b"")[:_WALL_MAX_BYTES].decode("utf-8", "replace"))
    for control in _CONTROL_LABEL.finditer(body):
        label = " ".join(re.sub(r"<[^>]*>", " ", control.group(1) or control.group(2)).split())
        if _CONSENT_ASK.fullmatch(label):
            return True
    return False


# A maintenance notice, in the title, the heading or the text of a page that every path shows
# (the cited link redirected elsewhere, or a random path answering alike): then it is the
# site's state, not the page's.  On the cited page's own content ("Minister visits bridge
# under maintenance", "the e-visa portal is under scheduled maintenance") it is news.
_MAINTENANCE = re.compile(
    r"\b(?:under(?:going)?|down\s+for|scheduled|planned)\s+(?:scheduled\s+|planned\s+|site\s+)?maintenance\b"
    r"|\bmaintenance\s+(?:mode|in\s+progress|en\s+cours)\b|\ben\s+cours\s+de\s+maintenance\b|\ben\s+maintenance\b"
    r"|\b(?:we['’]ll|we\s+will|we\s+are|we['’]re)\s+(?:be\s+)?back\s+(?:soon|shortly)\b"
    r"|\bwartungsarbeiten\b|\ben\s+mantenimiento\b|\bin\s+manutenzione\b|технические\s+работы",
    re.I,
)


def _classified_text(extraction) -> str:
    """The part of an extraction's text classification reads (CLASSIFIED_CHARS: all a
    distributed crawl's workers get of it)."""
    return (getattr(extraction, "text", None) or "")[:CLASSIFIED_CHARS]


def _maintenance(fetch: FetchItem, extraction, every_path: bool) -> str | None:
    """What says the site is down for maintenance, on a page every path shows (`every_path`:
    the random path answered alike) or that the cited link was redirected to; else None.

    A notice is short ("We are down for maintenance, back soon"): its text counts only on a
    short page, its title or heading only on a page with less than an article's text, unless
    every path shows it (then its text counts too: a site-wide notice in four languages under
    the site's name is no article).  An article the link was redirected to (a new slug) may
    well be titled "Scheduled maintenance of the lifts" and speak of the building's planned
    maintenance.
    """
    final = fetch.final_url or fetch.requested_url
    if not every_path and _segments(final) == _segments(fetch.requested_url):
        return None
    text = _classified_text(extraction)
    values = []
    if every_path or len(text) < ARTICLE_TEXT:
        values += [getattr(extraction, "title", None) or "", getattr(extraction, "heading", None) or ""]
    if every_path or len(text) < SHORT_TEXT:  # no article is shown on every path: its text is the notice
        values.append(text)
    for value in values:
        match = _MAINTENANCE.search(value)
        if match:
            return match.group(0)
    return None


def _soft_404(fetch: FetchItem, extraction, probe) -> tuple[str, dict] | None:
    """Strong evidence that a 200 page is an error page, as (reason, evidence), or None."""
    requested, final = fetch.requested_url, fetch.final_url or fetch.requested_url
    if is_home_page(requested):
        return None
    if final != requested and _ERROR_URL.search(urlsplit(final).path) and not _ERROR_URL.search(urlsplit(requested).path):
        return f"redirected to an error URL ({final})", {"final_url": final}
    # an error among other words of an article's title ("Error 404 – the film") is a headline,
    # unless the host's random path answers under the same title, or the page is short and
    # says nothing but the error; the site's name is no such word ("Page not found | The
    # Daily" over a long list of related articles)
    text = _classified_text(extraction)
    for where in ("title", "heading"):
        value = getattr(extraction, where, None) or ""
        phrase = error_title(value, requested)
        if phrase and ((len(text) < ARTICLE_TEXT and _says_only_the_error(text, extraction))
                       or _nothing_but_errors(value, requested, _site_names(fetch))
                       or _probe_titled_alike(final, extraction, probe, where)):
            return f"the page's {where} says {_quoted(value)}", {where: value[:200], "phrase": phrase}
    if probe is not None:
        probe_fetch, probe_extraction = probe
        if probe_fetch.status == 200 and not probe_fetch.error_class:
            if probe_fetch.final_url and probe_fetch.final_url == final and final != requested:
                return "a random path on the same host ends at the same page", {"probe_url": probe_fetch.requested_url, "probe_final_url": final}
            probe_text = _classified_text(probe_extraction)
            if (len(text) >= _MIN_COMPARABLE_TEXT and len(probe_text) >= _MIN_COMPARABLE_TEXT
                    and _probe_titled_alike(final, extraction, probe) and not _javascript_shell(text)):
                similarity = fuzz.ratio(text, probe_text)
                if similarity >= _PROBE_SIMILARITY:
                    return (
                        f"a random path on the same host answers 200 with the same text ({similarity:.0f}% alike)",
                        {"probe_url": probe_fetch.requested_url, "probe_status": 200, "similarity": round(similarity, 1)},
                    )
    return None


# What an error page's own sentences say: the page is not there (not found, moved, deleted),
# sorry, check the address, search or go to the home page.  Only in those words: an article's
# sentences may well speak of research, an address, a link or a displaced family, and a word
# is matched whole where a longer one starts alike ("errors", "typography", "blade",
# "Fehlerquote", перемещенных лиц: displaced persons, удаленном: remote).  A sentence about
# cookies is the site's banner, the error page's as much as any page's: not the page's own.
_ERROR_NOTICE = re.compile(
    r"\b(?:404|error\b|oops|sorry|apologi[sz]e|not (?:be )?found|(?:does|do|did) ?n[o'’]t exist"
    r"|no longer (?:available|exists?|online)|(?:is|are) (?:not |un)available|(?:temporarily|currently) unavailable"
    r"|can(?:no|['’])?t find|could(?:n['’]t| not) find|try searching|been (?:re)?moved|been (?:deleted|renamed)"
    r"|moved or (?:deleted|renamed|removed)|broken link|mistyped|typos?\b|check the (?:url|address|link|spelling)"
    r"|search (?:box|bar|form|function)|(?:use|try) (?:the|our) search|home ?page|go back"
    r"|return to the (?:home|main|previous|start)|webmaster"
    r"|erreurs?\b|d[ée]sol[ée]e?|introuvable|n['’]existe (?:pas|plus)|a [ée]t[ée] supprim[ée]|page d['’]accueil"
    r"|n['’]est (?:plus|pas) disponible|v[ée]rifiez l['’]adresse"
    r"|fehler\b|nicht gefunden|existiert nicht|(?:verschoben|gel[öo]scht|entfernt) oder"
    r"|wurde (?:gel[öo]scht|entfernt|verschoben)|nicht (?:mehr )?verf[üu]gbar|startseite|suchfunktion"
    r"|nutzen sie (?:die|unsere) suche"
    r"|lo sentimos|no (?:se )?(?:ha podido )?encontr|no existe|no est[áa] disponible"
    r"|(?:ha|han|haya) sido (?:eliminad|borrad|movid)|p[áa]gina (?:de inicio|principal|iniziale|inicial)"
    r"|errore\b|spiacenti|ci dispiace|non (?:[èe] stata )?trovat|non esiste|non [èe] (?:pi[ùu] )?disponibile"
    r"|stata (?:rimossa|spostata)"
    r"|desculpe|n[ãa]o (?:foi )?encontrad|n[ãa]o existe|n[ãa]o est[áa] (?:mais )?dispon[íi]vel|foi (?:removid|movid)"
    r"|niet gevonden|bestaat niet|niet (?:meer )?beschikbaar|is (?:verwijderd|verplaatst)|startpagina"
    r"|nie znaleziono|nie zosta[łl]a znaleziona|nie istnieje|nie jest (?:ju[żz] )?dost[ęe]pn|przepraszamy"
    r"|b(?:łą|ła|lą)d\b|zosta[łl]a (?:usuni[ęe]ta|przeniesiona)|stron[ęa] g[łl][óo]wn"
    r"|не найден|не существует|недоступн|извините|ошибк|удал[её]н[аоы]?\b|перемещ[её]н[аоы]?\b"
    r"|на главную|главную страницу|воспользуйтесь поиском)"
    r"|غير موجود|غير متوفر|غير متاح|عذرا|نأسف|خطأ|الصفحة الرئيسية|不存在|找不到|无法找到|抱歉|对不起|错误|删除|首页",
    re.I,
)
_COOKIE_BANNER = re.compile(r"\bcookies?\b|\bкуки\b", re.I)
# (from a line's or a sentence's start only: tried at every character, a line with no full stop
# would be read again from each, a square of its length)
_STOP = re.escape("".join(sorted(SENTENCE_STOPS)))
_SENTENCE = re.compile(rf"(?<![^\n{_STOP}])[^\n{_STOP}]+[{_STOP}]+")
_OWN_PROSE = 100  # characters of sentences that are not the error's: a short article's, not an error page's


def _says_only_the_error(text: str, extraction) -> bool:
    """The text says nothing but the error, as a short error page's does ("Sorry, this page
    does not exist. Try the search box."), besides its menu (lines that are no sentences).
    A short article titled "Error 404 – the film" or "Page Not Found, a new novel" has
    sentences of its own: the title is its headline, not the error.  The title and heading
    are taken out first: the text may run them into its first sentence."""
    for value in (getattr(extraction, "title", None), getattr(extraction, "heading", None)):
        if value:
            text = text.replace(value, "\n")
    own = [s for s in _SENTENCE.findall(text)
           if _prose_length(s) >= 20 and not _ERROR_NOTICE.search(s) and not _COOKIE_BANNER.search(s)]
    return sum(_prose_length(s) for s in own) < _OWN_PROSE


def _prose_length(sentence: str) -> int:
    """A sentence's length in Latin letters: a Chinese character says about what three letters
    do, so a Chinese sentence of eighteen ("这部小说讲述了一位图书管理员的故事。") is one of
    its own, as an English one of fifty is."""
    sentence = sentence.strip()
    return len(sentence) + 2 * sum(unicodedata.east_asian_width(c) in "WF" for c in sentence)


def _probe_titled_alike(final: str, extraction, probe, where: str = "title") -> bool:
    """The random path on the same host answered under the page's title (`where`: or its
    heading, for an error in the heading): the host's one error page.  An article whose title
    mentions an error ("Error 404 – the film") needs this to be called one when it is long; a
    random path answering another title, or none, shows that the page is its own.  The random
    path's status does not matter: a host that answers it 404 under "Страница не найдена —
    Министерство иностранных дел" and the cited page 200 under the same title shows its error
    page at the cited path.  An error in the heading is compared with the random path's
    heading, not its title: a site that titles every page "Ministry of Foreign Affairs" titles
    its error page so too, and its article headed "Error 404 – the film" is no error page."""
    if probe is None:
        return False
    probe_fetch, probe_extraction = probe
    return (probe_fetch.status is not None and not probe_fetch.error_class
            and _same_title((final, getattr(extraction, where, None)),
                            (probe_fetch.final_url or probe_fetch.requested_url,
                             _probe_page(probe_fetch, probe_extraction)[where]),
                            catch_all=probe_fetch.status == 200))


def _probe_page(probe_fetch: FetchItem, probe_extraction) -> dict[str, str | None]:
    """The random path's title and heading: its extraction's, or read from its body as an
    extraction reads them when it has none (a crawl extracts only 2xx bodies, and a host's
    error page often comes with a 404).  Only the body's start is read: a title and a
    heading come first."""
    if probe_extraction is not None:
        return {"title": probe_extraction.title, "heading": probe_extraction.heading}
    if not probe_fetch.body or "html" not in (probe_fetch.content_type or "").lower():
        return {"title": None, "heading": None}
    heading, title = _heading_and_title(decode_html(probe_fetch.body[:100_000], probe_fetch.content_type)[0])
    return {"title": title, "heading": heading}


# A page that only asks for JavaScript: every path of a JavaScript site shows it, the cited
# one included, so a random path answering alike says nothing about the cited page.
_JAVASCRIPT_SHELL = re.compile(r"\b(?:enable|requires?|need|turn on|activate)\b.{0,40}\bjavascript\b|\bjavascript\b.{0,30}\b(?:required|disabled|enabled)\b", re.I)


def _javascript_shell(text: str) -> bool:
    """A short text that asks for JavaScript (a long one is a page that also says so)."""
    return len(text) < SHORT_TEXT and bool(_JAVASCRIPT_SHELL.search(text))


def _same_title(page: tuple[str, str | None], probe: tuple[str, str | None], catch_all: bool = True) -> bool:
    """The page and the random path have the same title: one error page for every path.  When
    the random path's title repeats its own words, the site puts the path in its titles, so
    each title is compared without its own URL's words ("Search results for statement" at
    /news/statement).  A page with a title of its own is a page, even when its short text is
    mostly the site's menu, as the error page's is.  Only a random path that answered 200
    (`catch_all`: a page of the site's catch-all) is read so: a 404 under "Page not found:
    /<random path>" is the error page naming the path asked, and an article headed "Page not
    found – the missing climbers" at /news/the-missing-climbers, its other words in its URL,
    is no such page."""
    def title(value: str | None) -> list[str]:
        return [w for w in re.split(r"\W+", (value or "").lower()) if w]

    page_title, probe_title = title(page[1]), title(probe[1])
    if page_title == probe_title:
        return True
    if not catch_all:
        return False
    page_url, probe_url = _url_words(page[0]), _url_words(probe[0])
    if not set(probe_title) & probe_url:
        return False
    return [w for w in page_title if w not in page_url] == [w for w in probe_title if w not in probe_url]


def _status_class(fetch: FetchItem) -> Classification | None:
    """Class from an HTTP status that is not a success (walls already ruled out)."""
    status, evidence = fetch.status, {"status": fetch.status}
    if status == 429:
        wait = fetch.retry_after
        detail = f"asked to wait {wait:.0f} s, beyond the cap" if wait else "still after waiting"
        return Classification("rate-limited", f"429 Too Many Requests ({detail}); not checked this run, not evidence of rot", {**evidence, "retry_after": wait})
    if status == 401:
        scheme = (fetch.headers.get("www-authenticate") or "").split(" ", 1)[0]
        return Classification("login-wall", "the server asks for credentials (401" + (f", {scheme}" if scheme else "")
                              + "); the page may be there for those who have them", evidence)
    if status == 451:
        return Classification("blocked", "unavailable for legal reasons (451): the site withholds it where citewatch "
                              "runs, which says nothing of elsewhere", {**evidence, "vendor": "the site", "signal": "status 451"})
    if status >= 500:
        return Classification("server-error", f"the server answers {status} (still after the retries)", evidence)
    if status >= 400:
        return Classification("client-error", f"the server answers {status}" + (" (gone)" if status == 410 else " (not found)" if status == 404 else ""), evidence)
    if 300 <= status < 400:
        return Classification("client-error", f"a {status} redirect without a usable Location", evidence)
    return None


def classify(fetch: FetchItem, extraction=None, probe: tuple[FetchItem, Any] | None = None) -> Classification:
    """Class, one-line reason and evidence of one attempt.

    `extraction` is the `crawler.extract.Extraction` of the body (title, heading, text);
    `probe` is (fetch, extraction) of a random path on the same host, for soft-404s.
    """
    if fetch.preset_class == "refused":
        return Classification("refused", f"refused: {fetch.error_message}", {"message": fetch.error_message})
    if fetch.preset_class == "blocked-by-robots":
        return Classification("blocked-by-robots", "robots.txt of the site forbids this URL; not fetched", {"message": fetch.error_message})
    if fetch.status is None:
        return _unanswered_retry(fetch, _error_class(fetch))
    final = fetch.final_url or fetch.requested_url
    evidence: dict[str, Any] = {"status": fetch.status, "attempt": fetch.attempt}
    if fetch.coding_repair:
        evidence["coding_repair"] = fetch.coding_repair
    if fetch.redirects:
        evidence["redirects"] = len(fetch.redirects) - 1
    if fetch.truncated:
        evidence["truncated"] = True
    if fetch.cut_for_size:
        if fetch.status is not None and fetch.status < 400:
            return _cut_for_size(fetch, evidence)
        evidence.update(_size_evidence(fetch))   # a 404 or a 5xx says enough by its status: no body needed
    if _is_social(fetch.requested_url) or _is_social(final):
        return Classification("login-wall", f"{urlsplit(final).hostname} shows logged-out visitors a login wall (status {fetch.status} says nothing about the post)", evidence)
    wall = detect_block(fetch.status, fetch.headers, fetch.body)
    if wall:
        return Classification("blocked", f"a bot wall answered instead of the site ({wall['vendor']}: {wall['signal']})", {**evidence, **wall})
    consent = _consent_place(fetch)
    if consent:   # whatever its status: the consent page's answer, not the page's
        return Classification("consent-wall", f"a cookie-consent wall: {consent}; nothing said of the page behind it",
                              {**evidence, "consent": consent, "final_url": final})
    by_status = _status_class(fetch)
    if by_status:
        return Classification(by_status.cls, by_status.reason, {**evidence, **by_status.evidence})
    login = _login_wall(fetch, extraction)
    if login:
        return Classification("login-wall", f"a login wall: {login}", {**evidence, "login": login})
    consent = _consent_notice(fetch, extraction)
    if consent:
        return Classification("consent-wall", f"a cookie-consent wall: {consent}; nothing said of the page behind it",
                              {**evidence, "consent": consent})
    soft = _soft_404(fetch, extraction, probe)
    maintenance = _maintenance(fetch, extraction, every_path=bool(soft and "probe_url" in soft[1]))
    if maintenance:
        return Classification("server-error", f"the site is down for maintenance ({_quoted(maintenance)}); not the page's answer",
                              {**evidence, "maintenance": maintenance, "final_url": final})
    if soft:
        return Classification("soft-404", f"soft-404: {soft[0]}", {**evidence, **soft[1]})
    redirect = _redirect_kind(fetch.requested_url, final) if fetch.redirects else None
    if redirect == "root":
        return Classification("redirected-to-root", f"the deep link redirects to {final}, the site's home or a section index", {**evidence, "final_url": final})
    if fetch.tls_error:
        return Classification("tls-error", f"certificate problem ({fetch.tls_error}); content fetched without verification", {**evidence, "tls_error": fetch.tls_error})
    note = _content_note(extraction) + ("; its body ended before its Content-Length on every try: kept as it came"
                                        if fetch.truncated else "")
    if redirect == "other":
        return Classification("redirected", f"redirects to {final}" + note, {**evidence, "final_url": final})
    return Classification("live", f"answers {fetch.status}" + note, evidence)


def _cut_for_size(fetch: FetchItem, evidence: dict[str, Any]) -> Classification:
    """An answer (below 400: an error status is classed by it) whose Content-Length was over
    the size cap, its download stopped at the headers (crawler/middlewares/size.py
    `AnnouncedSizeMiddleware`): too-large, as when Scrapy cancelled it, its status and headers
    known this time.  Its body is empty because it was
    not downloaded: nothing is judged from it (a wall, a login form, a soft-404)."""
    size = _size_evidence(fetch)
    return Classification("too-large", f"the answer announces {size['announced_length']:,} bytes (its Content-Length), "
                          f"over the size cap of {size['size_cap']:,} (max_size): its status and headers are kept in "
                          "the WARC, not its body", {**evidence, **size})


def _size_evidence(fetch: FetchItem) -> dict[str, int]:
    """The announced length and the cap of an answer not downloaded for its size."""
    return {"announced_length": fetch.cut_for_size["announced"], "size_cap": fetch.cut_for_size["cap"]}


def _content_note(extraction) -> str:
    """What extraction said about the content, for the one-line reason."""
    text = getattr(extraction, "text", None) or ""
    if _javascript_shell(text):
        return "; its content needs JavaScript, which citewatch does not run: only the notice was read"
    if extraction is None or extraction.status == "ok":
        return ""
    return f"; {extraction.reason}"
