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
  it) and returns what was printed, what was meant and why each change was made.
  When the document carries its own link targets (the PDF's link annotations, or
  the list of targets that text extraction writes after each page) the target that
  the footnote text spells out confirms or completes the repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import safe_url_string

DEFAULT_PORTS = {"http": 80, "https": 443}
URL_START = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
# Characters a URL may contain (RFC 3986 unreserved, reserved and %).
_URL_TOKEN = re.compile(r"^[\w\-.~:/?#\[\]@!$&'()*+,;=%]+$")
# A token that only continues a URL it follows: "-moldova-…", "/path", "?q=1".
_CONTINUES = tuple("-_/?&=%#.~")
# A URL cut after one of these characters goes on in the next token.
_OPEN_END = tuple("-_/?&=%#~+")
_TRAILING_PUNCT = ".,;:"
# Words that follow a URL in a footnote's prose, never a wrapped part of it.
_PROSE = {"and", "or", "of", "in", "on", "at", "to", "see", "the", "for", "accessed", "available", "retrieved", "last"}
HANDLE = re.compile(r"(?<![\w.@/])@([A-Za-z0-9_]{1,15})\b")


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


def _tokens(text: str, start: int) -> list[tuple[str, str, int]]:
    """(gap before, token) for each whitespace-separated token from `start`."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"(\s*)(\S+)", text[start:])]


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
        if not _URL_TOKEN.match(token) or token.strip(_TRAILING_PUNCT) == "" or token.startswith("(") \
                or token.lower().strip(_TRAILING_PUNCT) in _PROSE:
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
        if token.startswith(rest) and token[len(rest):].strip(_TRAILING_PUNCT) == "":
            return index + 1, len(rest), encoded
        return None
    return None


def _strip_end(url: str) -> str:
    """The URL without the punctuation that ends the sentence around it.

    A closing parenthesis stays when the URL opened one ("-(32).aspx").
    """
    end = len(url)
    while end and (url[end - 1] in _TRAILING_PUNCT or (url[end - 1] == ")" and url[:end].count("(") < url[:end].count(")"))):
        end -= 1
    return url[:end]


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
    start_match = URL_START.search(text)
    if not start_match:
        return None
    offset = start_match.start()
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
    leftover = tokens[count - 1][1][last_used:]
    if leftover:
        repairs.append(f"dropped the {_punct_name(leftover)} that ends the footnote")
    elif count < len(tokens) and tokens[count][1] in (".", ",", ";"):
        printed += " " + tokens[count][1]
        repairs.append(f"dropped the ' {tokens[count][1]}' that ends the footnote")
    url, more = _fix_encoded_spaces(url)
    repairs.extend(more)
    if url.lower().startswith("www."):
        url = "http://" + url
        repairs.append("added the missing scheme http://")
    return FootnoteUrl(printed=printed, url=url, repairs=repairs, confirmed=confirmed)


def _punct_name(punct: str) -> str:
    return {".": "full stop", ",": "comma", ";": "semicolon", ":": "colon"}.get(punct, f"'{punct}'")


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
