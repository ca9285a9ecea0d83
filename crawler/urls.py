"""URLs as documents print them, as they were meant, and as source keys.

Three jobs, one module, because they share the same idea of what a URL is:

* `normalise_url` gives the key of a web source: scheme and host lower-cased,
  default port and fragment dropped, path and query kept exactly (case and order
  matter to many servers: "/News/...-(32).aspx?CatID=5" is not "/news/...?catid=5").
* `source_key` gives the key of any source: the normalised URL, "twitter:@handle"
  (lower-cased, handles are case-insensitive), "facebook:<page>" or
  "offline:<normalised text>", so that two footnotes citing the same page share
  one source row.
* `repair_footnote_url` reads the URL out of a footnote's text as extraction left it
  (wrapped over lines, a space inserted, the footnote's closing full stop glued to
  it, a closing quote mark, '>' or ']' written around it) and returns what was
  printed, what was meant and why each change was made (`footnote_urls`: every URL
  of the footnote).  When the document carries its own link targets (the PDF's link
  annotations, or the list of targets that text extraction writes after each page)
  the target that the footnote text spells out confirms or completes the repair.
  Without one, a URL cut at a line break mid-word ("…-spokes" / "person_en.") is
  not joined by guess: `may_go_on` names the URL it may be, for the caller to say.
* `doi_url` reads a DOI ("doi:10.1234/x") as its resolver's URL, https://doi.org/10.1234/x.
* `redirect_target` reads the page a Google redirect link leads to (a Google Docs export wraps
  every link so: "https://www.google.com/url?q=<encoded>&sa=D…").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit, urlunsplit

from w3lib.url import safe_url_string

DEFAULT_PORTS = {"http": 80, "https": 443}
URL_START = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
# Characters a URL may contain (RFC 3986 unreserved, reserved and %).
URL_TOKEN = re.compile(r"^[\w\-.~:/?#\[\]@!$&'()*+,;=%]+$")
# A token that only continues a URL it follows: "-moldova-…", "/path", "?q=1".
_CONTINUES = tuple("-_/?&=%#.~")
# A URL cut after one of these characters goes on in the next token.
_OPEN_END = tuple("-_/?&=%#~+")
_TRAILING_PUNCT = ".,;:"
# Marks that close a quotation or a bracket written around a URL, each with the mark that opens
# it: one the URL itself did not open ends the sentence around the URL, not the URL.
_CLOSERS = {"”": "“", "’": "‘", "»": "«", '"': '"', ">": "<", "]": "[", ")": "("}
# The marks a sentence opens a URL with, quotation marks and brackets ("(https://…).",
# "“https://…”"), angle brackets apart: "<https://…>" is read as a URL's own wrapping.
URL_OPENERS = "".join(opener for opener in _CLOSERS.values() if opener != "<")
_CLOSER_NAMES = {"”": "closing quote mark", "’": "closing quote mark", "»": "closing quote mark",
                 '"': "closing quote mark", ">": "closing '>'", "]": "closing ']'"}
# Characters only a URL has, never a word of prose: a token after a line break mid-word that
# holds one may be the rest of the URL ("spokes" / "person_en."): _cut_mid_word.
_URL_ONLY = tuple("/_=?&%#~")
# Hosts of the Wayback Machine: a replay URL on one cites the page it captured.
ARCHIVE_HOSTS = {"web.archive.org", "wayback.archive.org"}
# A DOI as footnotes print one without a URL: "doi:10.1234/x", "DOI: 10.1234/x" or bare "10.1234/x"
# (not inside a word or path: "https://doi.org/10.1234/x" is a URL, read as one).
DOI = re.compile(r"(?:\bdoi:\s*|(?<![\w./])(?=10\.))(10\.\d{4,9}/\S+)", re.IGNORECASE)
# Words that follow a URL in a footnote's prose, never a wrapped part of it.
# A reference mark after a URL ("https://… [6]", a compilation's numbered sources): its brackets are
# URL characters, and read as the URL's rest after its "/" it made "…/kessel/[6]", a page that is not there.
_REFERENCE_MARK = re.compile(r"^(?:\[\d{1,3}\])+[.,;:]*$")
_PROSE = {"and", "or", "of", "in", "on", "at", "to", "see", "the", "for", "accessed", "available", "retrieved", "last"}
HANDLE = re.compile(r"(?<![\w.@/])@([A-Za-z0-9_]{1,15})\b")
# The most whitespace-separated tokens read from where a URL starts: every URL a reader can type
# spans far fewer, and reading each URL's tokens to the footnote's end made a footnote of
# thousands of URLs take seconds (quadratic, review finding D6).
_MAX_TOKENS = 100


def normalise_url(url: str) -> str:
    """The key of a web source: one per page, however the document spelled it.

    Lower-cases scheme and host (w3lib also turns an internationalised host into
    punycode and escapes unsafe characters), drops the default port and the
    fragment, and keeps path and query byte for byte.
    """
    parts = urlsplit(safe_url_string(url.strip()))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


# Google's redirect link, which a Google Docs export writes for every link ("https://www.google.com/url?q=…&sa=D"):
# the page it leads to is in its `q` parameter.
GOOGLE_REDIRECT = re.compile(r"^https?://(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?/url\?", re.IGNORECASE)


def redirect_target(url: str) -> str | None:
    """The web page a Google redirect link (GOOGLE_REDIRECT) leads to, None for any other link:
    cited as it is, the source was Google's redirect, one per link, not the page."""
    if not GOOGLE_REDIRECT.match(url):
        return None
    target = next(iter(parse_qs(urlsplit(url).query).get("q", [])), "")
    return target if target.startswith(("http://", "https://")) else None


def host_of(url: str) -> str:
    """The lower-cased host of a URL ("" when it has none)."""
    return (urlsplit(url).hostname or "").lower()


def platform_of(url: str) -> str:
    """"twitter", "facebook" or "web", by the URL's host."""
    host = host_of(url).removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    if host in ("twitter.com", "x.com"):
        return "twitter"
    if host in ("facebook.com", "fb.com", "web.facebook.com"):
        return "facebook"
    return "web"


def social_name(url: str) -> str | None:
    """The account in a Twitter or Facebook URL ("ukinazerbaijan"), or None."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if parts.path.rstrip("/").endswith("profile.php"):
        match = re.search(r"(?:^|&)id=(\d+)", parts.query)
        return match.group(1) if match else None
    return segments[0] if segments else None


def source_key(kind: str, *, url: str | None = None, handle: str | None = None, text: str | None = None) -> str:
    """The unique key of a source of this kind (see the module docstring)."""
    if kind == "web":
        return normalise_url(url)
    if kind == "twitter":
        return "twitter:@" + handle.lstrip("@").lower()
    if kind == "facebook":
        return "facebook:" + (social_name(url) or "").lower() if url else "facebook:" + _plain(text)
    return "offline:" + _plain(text)


def _plain(text: str) -> str:
    """Text folded for an offline source key: lower case, one space, no end punctuation."""
    text = re.sub(r"\(unofficial translation\)", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip(" .,;").lower()


@dataclass
class FootnoteUrl:
    """A URL read from a footnote: as printed, as meant, and why they differ."""

    printed: str
    url: str
    repairs: list[str] = field(default_factory=list)
    confirmed: bool = False     # a link target of the document spells the same URL
    may_go_on: str | None = None  # the URL with the word after a line break mid-word: _cut_mid_word
    end: int = 0                # where in the footnote's text the URL as printed ends
    start: int = 0              # where it begins (an @handle there is part of it, not cited apart)


_TOKEN = re.compile(r"(\s*)(\S+)")


def _tokens(text: str, start: int) -> list[tuple[str, str]]:
    """(gap before, token) for each whitespace-separated token from `start`, at most
    _MAX_TOKENS of them: enough for any URL and the words after it, and no more, so that a
    footnote's URLs are read in time linear in its length."""
    return [(m.group(1), m.group(2)) for m in itertools.islice(_TOKEN.finditer(text, start), _MAX_TOKENS)]


def _heuristic_extent(tokens) -> int:
    """How many tokens the URL spans, judged from the text alone.

    A token continues the URL when the URL so far ends in a character after which
    a URL cannot sensibly end ("-", "/", "=", ...), or when the token itself starts
    with one ("-moldova-…": a space inserted before a hyphen), and it is made of URL
    characters only.  A lone "." is the footnote's full stop, and "(Unofficial" or
    "accessed" the footnote's prose, not a continuation.
    """
    count = 1
    for _, token in tokens[1:]:
        previous = tokens[count - 1][1]
        if not URL_TOKEN.match(token) or token.strip(_TRAILING_PUNCT) == "" or token.startswith("(") \
                or token.lower().strip(_TRAILING_PUNCT) in _PROSE or _REFERENCE_MARK.match(token):
            break
        if previous.endswith(_OPEN_END) or (token.startswith(_CONTINUES) and len(token) > 1):
            count += 1
            continue
        break
    return count


def _align(tokens, target: str):
    """Match a link target against the footnote tokens.

    Returns (tokens used, characters of the last token used, indexes of gaps the
    target spells "%20") when the tokens, joined, spell the target (allowing an
    encoded space at a gap, and the footnote's punctuation after it); else None.
    """
    pos, encoded = 0, []
    for index, (_, token) in enumerate(tokens):
        if index and target.startswith("%20", pos):
            encoded.append(index)
            pos += 3
        rest = target[pos:]
        if not rest:
            return None
        if rest.startswith(token):
            pos += len(token)
            if pos == len(target):
                return index + 1, len(token), encoded
            continue
        if token.startswith(rest) and _is_end_marks(token[len(rest):]):
            return index + 1, len(rest), encoded
        return None
    return None


def _strip_end(url: str) -> str:
    """The URL without the punctuation that ends the sentence around it, and without a closing
    quote mark, '>' or ']' written around it (“https://…”, <https://…>).

    A closing mark stays when the URL opened it ("-(32).aspx", "?a[1]").
    """
    end = len(url)
    while end and (url[end - 1] in _TRAILING_PUNCT or _unopened(url[:end])):
        end -= 1
    return url[:end]


def _unopened(url: str) -> bool:
    """`url` ends with a closing mark (_CLOSERS) that it did not open."""
    closer = url[-1]
    opener = _CLOSERS.get(closer)
    if opener is None:
        return False
    if opener == closer:    # '"': unmatched when odd
        return url.count(closer) % 2 == 1
    return url.count(opener) < url.count(closer)


def _is_end_marks(tail: str) -> bool:
    """`tail` after a URL is only the sentence's punctuation and the closing quote marks,
    '>' or ']' around it (no ')': a link target that ends before one is judged as before)."""
    return tail.strip(_TRAILING_PUNCT + "".join(_CLOSER_NAMES)) == ""


def _cut_mid_word(tokens, count: int) -> str | None:
    """The URL as it would read if the token after its first `count` tokens were the rest of it,
    cut at a line break mid-word ("…-spokes" / "person_en."); None when that token is not
    (no line break mid-word before it, or prose, or not made of URL characters).

    Not joined: without the document's own link target a guess may check a page nobody cited
    (tests/test_ingest_synthetic.py: "no guess"), so the caller flags the URL and says it.
    Only a line break mid-word (the URL so far ends in a letter or digit, or its host in a
    dot) counts, and a token that ends the footnote (nothing but a bracket or a prose word
    after it) or holds a character only URLs have.  The token is read without the quote mark
    or '>' that closes the URL ("…-elec" / "tions_2021”;"): that mark ends the URL, it does
    not make the token prose.  A capitalised token holding no character only URLs have (nor
    a dot) begins the sentence after the URL ("…/449410" / "Published on 31 March 2020."):
    a URL cut mid-word goes on in lower case far more often than a sentence starts so.
    """
    if count >= len(tokens) or "\n" not in tokens[count][0]:
        return None
    so_far, token = "".join(t for _, t in tokens[:count]), _strip_end(tokens[count][1])
    in_host = so_far.endswith(".") and "/" not in so_far.split("://", 1)[-1]
    if not (so_far[-1].isalnum() or in_host):
        return None
    if not token or not URL_TOKEN.match(token) or token.startswith("(") or token.lower() in _PROSE:
        return None
    url_only = any(c in token for c in _URL_ONLY)
    if token[0].isupper() and not (url_only or "." in token):
        return None
    after = next((t for _, t in tokens[count + 1:] if t not in (".", ",", ";")), None)
    ends_here = after is None or after.startswith("(") or after.lower().strip(_TRAILING_PUNCT) in _PROSE
    if ends_here or url_only:
        return _strip_end(so_far + token)
    return None


def _match_link(tokens, links):
    """The longest link target the footnote spells out, with its alignment."""
    for target in sorted(set(links), key=len, reverse=True):
        aligned = _align(tokens, target)
        if aligned:
            return target, aligned
    return None, None


def _printed(tokens, count: int, encoded: list[int]) -> tuple[str, list[str]]:
    """The URL as printed (a line break kept as "\n", an inserted space as " ",
    a space the document's own link encodes as "%20") and the repairs its gaps need."""
    parts, repairs = [], []
    for index, (gap, token) in enumerate(tokens[:count]):
        if index in encoded:
            parts.append("%20")
        elif index and "\n" in gap:
            parts.append("\n")
            repairs.append("rejoined the URL across a line break")
        elif index:
            parts.append(" ")
            repairs.append("removed a space that text extraction put inside the URL")
        parts.append(token)
    return "".join(parts), list(dict.fromkeys(repairs))


def repair_footnote_url(text: str, links: list[str] = ()) -> FootnoteUrl | None:
    """The first URL of a footnote, repaired; None when the footnote has none.

    `links` are the document's own link targets near this footnote (the page's
    link annotations); one that the footnote text spells out wins over guessing
    where a wrapped URL ends.
    """
    found = footnote_urls(text, links)
    return found[0] if found else None


def footnote_urls(text: str, links: list[str] = ()) -> list[FootnoteUrl]:
    """Every URL of a footnote, repaired, in the order printed ("See https://a and https://b.")."""
    found, start = [], 0
    while (start_match := URL_START.search(text, start)) is not None:
        url = _repair_from(text, start_match.start(), links)
        found.append(url)
        start = max(url.end, start_match.end())
    return found


def _repair_from(text: str, offset: int, links) -> FootnoteUrl:
    """The URL printed from `offset` on, repaired (repair_footnote_url)."""
    tokens = _tokens(text, offset)
    guessed = _heuristic_extent(tokens)
    guessed_url = _strip_end("".join(t for _, t in tokens[:guessed]))
    target, aligned = _match_link(tokens, links)
    if target:
        count, last_used, encoded = aligned
        url = target
        confirmed = guessed_url == target.replace("%20", "") or guessed_url == target
    else:
        count, encoded, confirmed, url = guessed, [], False, guessed_url
        last_used = len(tokens[count - 1][1]) - (len("".join(t for _, t in tokens[:count])) - len(url))
    printed, repairs = _printed(tokens, count, encoded)
    if target and not confirmed:
        repairs.insert(0, "completed from the document's own link target, which the footnote text spells out")
    end = offset + sum(len(gap) + len(token) for gap, token in tokens[:count])
    leftover = tokens[count - 1][1][last_used:]
    if leftover:
        named = _punct_name(leftover)
        repairs.append(f"dropped the {named} that {'end' if ' and ' in named else 'ends'} the footnote")
    elif count < len(tokens) and tokens[count][1] in (".", ",", ";"):
        printed += " " + tokens[count][1]
        repairs.append(f"dropped the ' {tokens[count][1]}' that ends the footnote")
        end += len(tokens[count][0]) + 1
    url, more = _fix_encoded_spaces(url)
    repairs.extend(more)
    if url.lower().startswith("www."):
        url = "http://" + url
        repairs.append("added the missing scheme http://")
    return FootnoteUrl(printed=printed, url=url, repairs=repairs, confirmed=confirmed,
                       may_go_on=None if target else _cut_mid_word(tokens, count), end=end, start=offset)


def _punct_name(punct: str) -> str:
    """The punctuation dropped after a URL, in words: "full stop", or "closing quote mark and the
    full stop" when it holds a closing mark written around the URL (_CLOSER_NAMES)."""
    if any(c in _CLOSER_NAMES for c in punct):
        names = [_CLOSER_NAMES.get(c) or _punct_name(c) for c in punct]
        return " and the ".join(dict.fromkeys(names))
    return {".": "full stop", ",": "comma", ";": "semicolon", ":": "colon"}.get(punct, f"'{punct}'")


def doi_url(text: str) -> FootnoteUrl | None:
    """The https://doi.org/ URL of the first DOI a text prints ("doi:10.1234/irs.2021.0042."),
    with the repair said; None when it prints none.  A DOI names a work, not a page: its
    resolver's URL is the page a reader of the footnote would open."""
    match = DOI.search(text)
    if not match:
        return None
    doi = _strip_end(match.group(1))
    printed = text[match.start():match.start(1) + len(doi)]
    return FootnoteUrl(printed=printed, url="https://doi.org/" + doi,
                       repairs=[f"rewrote the DOI {doi} as its resolver's URL https://doi.org/{doi}"],
                       end=match.start(1) + len(doi), start=match.start())


def _fix_encoded_spaces(url: str) -> tuple[str, list[str]]:
    """Drop "%20" at the start or end of a path segment ("mofa.gov.pk/%20transcript-…").

    A space at the edge of a path segment is a typing slip in the source document
    (nobody names a page " transcript"); the page lives at the path without it.
    """
    parts = urlsplit(url)
    path = re.sub(r"(?<=/)(?:%20)+|(?:%20)+(?=/|$)", "", parts.path)
    if path == parts.path:
        return url, []
    repaired = urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))
    return repaired, [
        "removed '%20' (an encoded space) at the edge of a path segment: a defect of the source document's link"
    ]
