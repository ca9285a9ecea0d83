"""What the source of a quote-list row is, and the citation it makes.

A row's `source` is one of:

* an http(s) URL (or one starting "www.") — a web citation, crawled (and archived)
  like a letter's footnote;
* a Wayback memento URL (`…/web/<timestamp>/<original>` on web.archive.org or the
  configured `wayback_url`) — a web citation of the *original*, with that memento
  recorded in `snapshots`; its timestamp is the citation date when the row has none.  A
  short timestamp (`/web/20200402/`, `/web/2020/`) is padded to the end of its period, as
  the Wayback software pads it, so the archive's replay redirects it to the capture the
  user's link shows (archive/mementos.py `memento_from_url`); it dates the row only when it
  names a day.  A replay URL that names no capture (a calendar `/web/*/…`, a list
  `/web/2020*/…`, a date no calendar has) is the row's error, not a page to crawl; a
  "/web/" with no timestamp after it (a folder of a site on the configured archive's
  host) is a page like any other (archive/mementos.py `replay_base`);
* a Twitter/X status URL or an "@handle" — a twitter citation that `citewatch resolve`
  turns into the post (the status id gives the date when the row has none; a bare
  handle needs the row's date, the window resolve searches);
* any of these URLs in angle brackets (`<https://…>`, as text delimits a URL): the
  brackets are dropped, and the repair recorded;
* any of these URLs in parentheses or quote marks, as a sentence writes one
  ("(https://…).", "“https://…”"): read by the footnote parser as ingest reads the same
  footnote (crawler/urls.py `repair_footnote_url`), and the repairs recorded;
* a DOI ("doi:10.1234/x", "10.1234/x"): a web citation of https://doi.org/10.1234/x, the
  repair recorded;
* any of these URLs followed by an access note, as citations print one ("(accessed
  2 May 2020)", ", accessed on 2 May 2020", "[retrieved 2020-05-02]"): the note is dropped,
  and the repair recorded (the note is not the row's date: that is when the words were said);
* a local file path (.txt, .md, .html, .htm, .pdf; relative to the quote list's folder)
  or a file:// URL — read here and never sent anywhere: its text is stored with
  origin `local` under a source of kind `local` keyed "file:<absolute path>#<sha256>",
  so an edited file is a new source, and the same bytes are one source however many
  rows cite them.  Only a file in the list's folder or below is read (a symbolic link
  where it points), unless the user says otherwise (`LocalFiles`).

A cell holds one source, of at most SOURCE_MOST characters.  A URL with spaces inside its
path, query or fragment that ends as only a URL ends (a page or document file such as
"april.html", or a folder's "/") has them percent-encoded, as a browser's address bar
does, and the repair is recorded (`citations.repairs`); any other space (words after the
URL, a title pasted behind it, a second URL, a space in the host, a tab or line break) is
the row's error: the footnote parser would keep the first word only, and the row would be
checked against a page nobody cited.

Anything else (another scheme, an unknown file type, a file that cannot be read, is binary
or has no text) is the row's one-line error.  Local files are read once per path.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from archive.mementos import Memento, replay_base, replay_of
from crawler.extract import extract
from crawler.ingest.footnotes import Footnote, citation_for
from crawler.posts import parse_tweet_url, snowflake_time
from crawler.textfile import BinaryFile, TextEncodingError, decode_text
from crawler.urls import ARCHIVE_HOSTS, URL_OPENERS, URL_START, doi_url, host_of, normalise_url, repair_footnote_url

HANDLE_ONLY = re.compile(r"^@([A-Za-z0-9_]{1,15})$")
LOCAL_TYPES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/plain", ".html": "text/html",
               ".htm": "text/html", ".xhtml": "text/html", ".pdf": "application/pdf"}


# How a URL's path ends and no title's words do: a page or document file, or a folder's "/".
URL_FILE_END = re.compile(r"\.(?:s?html?|xhtml|php\d?|aspx?|jsp|cfm|pdf|docx?|txt|xml)$", re.IGNORECASE)
URL_PATH_END = re.compile(f"/$|{URL_FILE_END.pattern}", re.IGNORECASE)
SPACES_ENCODED = "encoded the spaces inside the URL as %20, as a browser does"
# A replay URL whose timestamp is a calendar's or a search's (`/web/*/…`, `/web/2020*/…`), or no
# date (`/web/20200230/…`): crawled, the archive's own page would be checked as the source.
NOT_A_CAPTURE = ("{url!r} is no Wayback Machine capture (a calendar or search page, or a timestamp no calendar "
                 "has); open the capture you mean and give its address, …/web/<YYYYMMDDhhmmss, or its start such "
                 "as 20200402>/<original URL>")
BRACKETS_REMOVED = "removed the angle brackets around the URL"
_BRACKET_LEFT = ("{source!r} opens a URL with '<' and has {what}; a cell holds one source: write <URL> or the "
                 "URL alone (an access note such as \"(accessed 2 May 2020)\" may follow it)")
# An access note after a URL, as citations print one: " (accessed 2 May 2020)", ", accessed on
# 2 May 2020.", " [retrieved 2020-05-02]", " last accessed: 2 May 2020".  It names a date (a
# digit) and holds no bracket or URL; it follows a space, a comma or the URL's closing ">".
# The note ends as a date ends (a digit or a month's name), its brackets closed as opened, and is
# short: "…/Report retrieved 2020.pdf" is a file's name, not a note, and a long cell is not read
# again from each character (a lazy run of any length tried at every start is a square).  For the
# same reason the spaces before the note are taken from the first of them on (`(?<!\s)`): tried
# from every space of a long run, each try running to its end, a URL followed by 20,000 spaces
# took 41 s.
_NOTE_WORDS = (r"(?:last\s+)?(?:accessed|retrieved|viewed|consulted)\b(?:\s+on\b)?:?[^()\[\]<>]{0,40}?"
               r"(?:\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)")
ACCESS_NOTE = re.compile(
    rf"(?:[,;.]?(?<!\s)\s+|(?<=>)[,;.]?\s*)(?P<note>\({_NOTE_WORDS}\)|\[{_NOTE_WORDS}\]|{_NOTE_WORDS})[\s.]*$",
    re.IGNORECASE)
ACCESS_NOTE_DROPPED = "dropped the access note {note!r} after the URL"
# The footnote parser's repairs (crawler/urls.py) as said of a list's cell, not a footnote.
FOOTNOTE_WORDS = re.compile(r" that (ends?) the footnote")

EXPECTED = "give an http(s) URL, a Wayback memento URL, an @handle or a local .txt, .md, .html or .pdf file"
# The longest cell read as a source: a URL (browsers and servers stop near 8 KB, and one of over
# 2,000 characters is rare), a file path (Linux's PATH_MAX is 4,096 bytes) or an access note fit;
# a longer cell is something else pasted in, and each of the readers below need not be proven
# linear on 5 MB of it.
SOURCE_MOST = 4_000
TOO_LONG = ("the source cell is {length:,} characters, over the limit of {most:,} for one URL, @handle or file path; "
            "remove what else the cell holds (a title, a quote, other URLs) and keep the one source")
OUTSIDE = ("local file {path} is outside the quote list's folder {folder}{link}; move the file beside the quote list, "
           "or pass --files-anywhere")


class SourceProblem(ValueError):
    """Why a row's source cannot be checked, in one line with the fix, and the repairs made
    to the cell before it failed (the row's result names them: the user sees what was read)."""

    def __init__(self, message: str, repairs: list[str] = ()):
        super().__init__(message)
        self.repairs = list(repairs)


@dataclass(frozen=True)
class LocalText:
    """A local file's extracted text, ready to store under its `local` source."""

    path: str          # absolute
    sha256: str        # of the file's bytes
    text: str
    title: str | None
    language: str | None
    extractor: str

    @property
    def key(self) -> str:
        return f"file:{self.path}#{self.sha256}"

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Cited:
    """The citation a row makes: its kind, source and what the row's source pointed at."""

    kind: str                       # web | twitter | facebook | local (citations.kind)
    printed: str                    # the source as written in the list
    source_kind: str                # sources.kind
    source_key: str
    source_url: str | None = None
    url: str | None = None          # the citation's URL (the original, for a memento)
    url_printed: str | None = None
    handle: str | None = None
    memento: Memento | None = None  # the memento the row gave
    memento_base: str | None = None
    local: LocalText | None = None
    date_hint: str | None = None    # ISO date the source itself implies (memento, tweet id)
    repairs: list[str] = field(default_factory=list)   # how the URL written became the URL checked


class LocalFiles:
    """Reads each local file once, however many rows cite it.

    `anywhere` False (the default) reads only files in the quote list's folder or below
    (`cite`'s `base_dir`; a symbolic link counts where it points): a list is often someone
    else's file, and the words of a file it names end up in the results, the database and the
    report, so a list naming ~/.ssh/notes.txt or ../secret/creds.txt must not read them.
    True when the user named the files themselves (`check --quote`'s
    SOURCE) or said so (`--files-anywhere`)."""

    def __init__(self, max_bytes: int, anywhere: bool = False, relative_to: str = "the quote list's folder"):
        self.max_bytes = max_bytes
        self.anywhere = anywhere
        self.relative_to = relative_to   # where a relative path was read from, as a missing file's advice says it
        self._read: dict[str, LocalText | SourceProblem] = {}

    def get(self, path: Path) -> LocalText:
        key = str(path)
        if key not in self._read:
            try:
                self._read[key] = self._load(path)
            except SourceProblem as problem:
                self._read[key] = problem
        found = self._read[key]
        if isinstance(found, SourceProblem):
            raise found
        return found

    def _load(self, path: Path) -> LocalText:
        """The file's text through the crawl's own extractor (trafilatura, pypdf)."""
        # Before the suffix: a folder is no file of any type.  os.path's: Path.is_dir raised OSError on a
        # name over 255 bytes (a sentence pasted as the source), and that ended the whole check.
        if os.path.isdir(path):
            raise SourceProblem(f"local file {path} is a directory; give one file")
        content_type = LOCAL_TYPES.get(path.suffix.lower())
        if content_type is None:
            raise SourceProblem(f"local file {path} is a {path.suffix or 'suffix-less'} file; "
                                "give a .txt, .md, .html or .pdf file")
        try:
            if path.stat().st_size > self.max_bytes:
                raise SourceProblem(f"local file {path} is over the max_size limit of {self.max_bytes:,} bytes")
            data = path.read_bytes()
        except FileNotFoundError:
            raise SourceProblem(f"local file {path} does not exist; check the path "
                                f"(relative paths are read from {self.relative_to})") from None
        except OSError as exc:
            raise SourceProblem(f"local file {path} cannot be read ({exc.strerror}); check the path and its "
                                "permissions") from None
        if not data.strip():
            raise SourceProblem(f"local file {path} is empty; give the file that holds the original text")
        if content_type != "application/pdf":
            _refuse_binary(path, data)
        extraction = extract(data, content_type, path.as_uri())
        if not extraction.text:
            raise SourceProblem(f"local file {path} has no text ({extraction.reason or extraction.status})")
        return LocalText(str(path), hashlib.sha256(data).hexdigest(), extraction.text, extraction.title,
                         extraction.language, f"{extraction.extractor} (local)")


def _refuse_binary(path: Path, data: bytes) -> None:
    """A text or HTML file's bytes that are no text (a PNG, a SQLite file, a PDF named .txt) are
    refused as ingest refuses them (crawler/textfile.py `decode_text`): read as text, their
    stray letters ("IHDR") made a verdict.  Text in another encoding is left to the extractor,
    which reads it by its charset (a Windows-1252 page)."""
    if data.startswith(b"%PDF-"):
        raise SourceProblem(f"local file {path} is a PDF named {path.suffix}; rename it to .pdf")
    try:
        decode_text(data)
    except BinaryFile:
        raise SourceProblem(f"local file {path} is a binary file, not {path.suffix} text; give the file that holds "
                            "the original text (.txt, .md, .html or .pdf)") from None
    except (TextEncodingError, UnicodeDecodeError):
        return


def cite(source: str, base_dir: Path, files: LocalFiles, wayback_url: str) -> Cited:
    """The citation `source` makes; raises SourceProblem with the row's error."""
    if len(source) > SOURCE_MOST:
        raise SourceProblem(TOO_LONG.format(length=len(source), most=SOURCE_MOST))
    where = (base_dir, files, wayback_url)
    note = ACCESS_NOTE.search(source)
    if note and _starts_a_url(source[:note.start()]):
        dropped = ACCESS_NOTE_DROPPED.format(note=note["note"].rstrip(". "))
        return _repaired(source, source[:note.start()].strip(), dropped, where)
    if source.startswith("<") and URL_START.match(source[1:]):
        cell = source[:-1] if source.endswith(">.") else source   # "<URL>.", as a sentence ends one
        if not cell.endswith(">"):
            raise SourceProblem(_BRACKET_LEFT.format(source=source[:80], what="words after the closing '>'"
                                                     if ">" in source else "no closing '>'"))
        return _repaired(source, cell[1:-1].strip(), BRACKETS_REMOVED, where)   # "<URL>", as text delimits one
    enclosed = _enclosed(source)
    if enclosed:
        inner, repairs = enclosed
        cited = _repaired(source, inner, repairs[0], where)
        cited.repairs[1:1] = repairs[1:]
        return cited
    doi = doi_url(source)
    if doi and source.startswith(doi.printed) and source[len(doi.printed):].strip(" .") == "":
        return _repaired(source, doi.url, doi.repairs[0], where)
    handle = HANDLE_ONLY.match(source)
    if handle:
        return _footnote_citation(source, source)
    if source.lower().startswith("www."):
        return _url("http://" + source, wayback_url, source)   # as a footnote's "www.…" is read
    if source.startswith("@"):
        raise SourceProblem(f"{source[:80]!r} is not an @handle; a handle is @ and 1 to 15 letters, digits or _, "
                            "like @MFAestonia")
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        if not urlsplit(source).hostname:
            raise SourceProblem(f"{source[:80]!r} has no host; give the whole URL, like https://example.org/page")
        return _url(source, wayback_url, source)
    if scheme == "file":
        return _local(Path(unquote(urlsplit(source).path)), source, base_dir, files)
    if len(scheme) > 1:
        raise SourceProblem(f"unsupported scheme {scheme}: in {source[:80]!r}; " + EXPECTED)
    try:
        path = Path(source).expanduser()
    except RuntimeError:   # "~name/…" of no user here: uncaught, it ended the whole check
        raise SourceProblem(f"{source[:80]!r} names the home folder of no user here; write the file's path "
                            "without ~") from None
    path = path if path.is_absolute() else base_dir / path
    if path.suffix.lower() not in LOCAL_TYPES and (_outside(path, base_dir, files) or not os.path.exists(path)):
        raise SourceProblem(f"{source[:80]!r} is neither a URL, an @handle nor a local file; " + EXPECTED)
    return _local(path, source, base_dir, files)


def _enclosed(source: str) -> tuple[str, list[str]] | None:
    """The URL of a cell that writes it in parentheses or quote marks, as a sentence does
    ("(https://…).", "“https://…”"), and the repairs said: read by the footnote parser
    (crawler/urls.py `repair_footnote_url`), as ingest reads the same footnote.  None for any
    other cell, and for one with a space (one_url's rules decide those)."""
    if source[:1] not in URL_OPENERS or not URL_START.match(source[1:]) or re.search(r"\s", source):
        return None
    found = repair_footnote_url(source[1:])
    if found is None or source[1 + found.end:]:
        return None
    return found.url, [f"removed the '{source[0]}' written before the URL",
                       *(_of_the_cell(repair) for repair in found.repairs)]


def _starts_a_url(text: str) -> bool:
    """`text` begins with a URL, bare, in angle brackets, or in parentheses or quote marks
    (`_enclosed`): what an access note may follow.  "(https://…) accessed 2 May 2020" was
    "neither a URL, …", though the note after a URL and the parentheses alone are read."""
    return bool(URL_START.match(text[1:] if text[:1] in "<" + URL_OPENERS else text))


def _repaired(source: str, inner: str, repair: str, where: tuple) -> Cited:
    """The citation of the cell's `inner` source, the `repair` that made it said first; a
    SourceProblem raised on `inner` carries the repair too (the row's error names it)."""
    try:
        cited = cite(inner, *where)
    except SourceProblem as problem:
        raise SourceProblem(str(problem), [repair, *problem.repairs]) from None
    cited.printed, cited.repairs = source, [repair] + cited.repairs
    return cited


def _outside(path: Path, base_dir: Path, files: LocalFiles) -> str | None:
    """Why `path` may not be read, in one line with the fix: it lies outside `base_dir`, its
    links and ".." followed, and `files` reads only inside (LocalFiles says why); None when it
    may.  Asked before the file is looked at: a refused row does not say whether a file
    outside exists either."""
    real, folder = _resolved(path), base_dir.resolve()
    if files.anywhere or real.is_relative_to(folder):
        return None
    written = Path(os.path.abspath(path))
    link = f" (a link to {real})" if written != real else ""
    return OUTSIDE.format(path=written, folder=folder, link=link)


def _resolved(path: Path) -> Path:
    """`path` with its links and ".." followed; a SourceProblem for one no file can have (a NUL
    character, a JSON list's "\\u0000") or whose links loop, which Path.resolve raises as
    ValueError and RuntimeError: uncaught, they ended the whole check."""
    try:
        return path.resolve()
    except (ValueError, RuntimeError, OSError) as exc:
        raise SourceProblem(f"local file {str(path)[:120]!r} cannot be opened ({exc}); fix the path in the cell") \
            from None


def _local(path: Path, printed: str, base_dir: Path, files: LocalFiles) -> Cited:
    refused = _outside(path, base_dir, files)
    if refused:
        raise SourceProblem(refused)
    local = files.get(_resolved(path))
    return Cited(kind="local", printed=printed, source_kind="local", source_key=local.key,
                 source_url=Path(local.path).as_uri(), local=local)


def _names_no_capture(url: str, wayback_url: str) -> bool:
    """A URL of an archive's replay space that names no capture.  On the Internet Archive's own
    hosts every /web/ path is replay space (/web/example.org/a, /web/https://…: the newest
    capture, whichever that is; crawled, the archive's answer would be taken for the live
    page); on a configured archive's host, which may serve other sites, one with a timestamp
    or the page's own URL after /web/ (`replay_base`): a site's /web/ folder is a page."""
    if host_of(url) in ARCHIVE_HOSTS and "/web/" in urlsplit(url).path:
        return True
    return host_of(url) == host_of(wayback_url) and replay_base(url) is not None


def _url(url: str, wayback_url: str, printed: str) -> Cited:
    """A web, twitter or facebook citation, or a memento of a web page."""
    url, repairs = one_url(url)
    replay = replay_of(url, {host_of(wayback_url)})
    if not replay and _names_no_capture(url, wayback_url):
        raise SourceProblem(NOT_A_CAPTURE.format(url=url[:80]))
    if replay:
        memento, original = replay
        names_a_day = f"/web/{memento.timestamp[:8]}" in url   # /web/2020/ names no day to date the row by
        return Cited(kind="web", printed=printed, source_kind="web", source_key=normalise_url(original),
                     source_url=original, url=original, url_printed=printed,
                     memento=Memento(memento.timestamp, original), memento_base=replay_base(url),
                     date_hint=memento.moment.date().isoformat() if names_a_day else None, repairs=repairs)
    cited = _footnote_citation(url, printed)
    cited.repairs = repairs + cited.repairs
    return cited


def one_url(url: str) -> tuple[str, list[str]]:
    """The cell's URL with the spaces inside it percent-encoded, and the repair said; a
    SourceProblem when the spaces may part the URL from other words (module docstring).

    Conservative on purpose: a URL wrongly cut checks the row against a page nobody cited,
    while a row refused costs its writer one edit."""
    if not re.search(r"\s", url):
        return url, []
    words = url.split()
    if any(URL_START.match(word) for word in words[1:]):
        raise SourceProblem(f"{url[:80]!r} holds more than one URL; give one source a row")
    paths = [re.split(r"[?#]", word)[0] for word in words]
    if (re.search(r"[^\S ]", url) or " " in urlsplit(url).netloc or not URL_PATH_END.search(paths[-1])
            or any(URL_FILE_END.search(path) for path in paths[:-1])):   # "….html Its title.html"
        raise SourceProblem(f"the URL has a space in it ({url[:80]!r}); a cell holds one source: remove what "
                            "follows the URL (a title pasted after it), or write a space that is part of the URL "
                            "as %20")
    return url.replace(" ", "%20"), [SPACES_ENCODED]


def _footnote_citation(text: str, printed: str) -> Cited:
    """What the letter's footnote parser makes of a URL or handle (web, twitter, facebook)."""
    citation = citation_for(Footnote(1, text, 1), [], set())
    if citation.source_key is None or citation.kind == "offline":
        raise SourceProblem(f"{printed[:80]!r} is neither a URL, an @handle nor a local file path")
    ref = parse_tweet_url(citation.url) if citation.kind == "twitter" and citation.url else None
    posted = snowflake_time(ref.post_id) if ref else None
    return Cited(kind=citation.kind, printed=printed, source_kind=citation.source_kind,
                 source_key=citation.source_key, source_url=citation.source_url, url=citation.url,
                 url_printed=printed if citation.url_printed else None, handle=citation.handle,
                 date_hint=posted.date().isoformat() if posted else None,
                 repairs=[_of_the_cell(repair) for repair in citation.repairs])


def _of_the_cell(repair: str) -> str:
    """A footnote parser's repair as said of a list's cell ("… that ends the cell")."""
    return FOOTNOTE_WORDS.sub(r" that \1 the cell", repair)
