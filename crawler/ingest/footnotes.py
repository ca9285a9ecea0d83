"""One footnote of a compiled document becomes one citation.

What a footnote cites, in order of evidence:

* a URL in its text (repaired by crawler.urls, confirmed by the page's own link
  targets): a Facebook or Twitter URL makes a facebook / twitter citation, any
  other a web one.  A Wayback Machine replay URL (web.archive.org/web/<timestamp>/<url>)
  cites the page it captured, as `citewatch check` reads one (crawler/check/sources.py):
  the original is the source, the capture is named in a repair note (a citation has no
  column for a memento).  A footnote citing several URLs ("See https://a and https://b.")
  makes a citation of each (`citations_for`), each repaired and confirmed as the first is:
  the first is the footnote's (its seq the footnote's); the caller gives the others seqs
  after every footnote's (citations are UNIQUE by document and seq), and each keeps the
  footnote's number (`footnote`), so that every stage names it as the footnote it is
  printed in.  A URL printed twice in one footnote is one citation, and so is a page printed
  with its capture ("URL (archived at https://web.archive.org/web/…/URL)"): judged on the
  citation built (`_unrepeated`), the capture named in the kept one's repairs;
* a DOI ("doi:10.1234/x", bare "10.1234/x"): a web citation of https://doi.org/<doi>;
* "Ibid." / "Id." (alone, or with a page: "Ibid., p. 3"): the previous footnote's sources
  (each URL of it), when the caller gives that footnote's citations (`previous`); else no
  source, flagged "ibid-unresolved" and said (never one "offline:ibid" source shared by every document);
* an @handle: a twitter citation of that account, each handle printed once; a footnote
  printing URLs and a handle besides ("https://… and @MarsoviaMFA") cites the handle too,
  after its URLs, unless one of them is an account of that name's (its tweet, its Facebook page);
* an account named but not linked in the text ("Official Facebook account of ...")
  whose page carries exactly one link of that platform that no other footnote
  uses: that link;
* otherwise the footnote describes something that is not online (a note verbale,
  a statement given to a news agency): an offline citation, one source per text.

"(Unofficial translation)" in a footnote is kept as the flag "unofficial-translation".

Footnotes are numbered 1..N (in each numbering, when a document numbers them anew in
some annexes: parts.py).  `missing_numbers` and `restarts` say where the numbers found
break that rule (a footnote lost in extraction; several documents joined into one), and
`spans` writes numbers the way a reader counts them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from archive.mementos import replay_of
from crawler.ingest.model import Citation
from crawler.numbering import printed as footnote_named
from crawler.urls import HANDLE, doi_url, footnote_urls, normalise_url, platform_of, social_name, source_key

# "(Unofficial translation)" as a translated letter's footnote prints it in French, Spanish, Russian,
# Arabic and Chinese (in Chinese brackets too).
UNOFFICIAL = re.compile(r"[(（]\s*(?:unofficial translation|traduction non officielle|traducción no oficial"
                        r"|неофициальный перевод|ترجمة غير رسمية|非正式译文)\s*[)）]", re.IGNORECASE)
# Chinese punctuation after a URL ("见 https://…/。"), as the ASCII marks a URL's reader drops at its
# end: read as the URL's, "。" was kept in it, and a token after a line break was no URL's rest.
FULL_WIDTH_STOPS = str.maketrans("。，；：", ".,;:")
# "Ibid." / "Ibidem" / "Id." opening a footnote, alone or before a page or "see also".
IBID = re.compile(r"^\s*(?:ibid(?:em)?\.?|id\.)(?=[\s,;:]|$)", re.IGNORECASE)
NAMES_PLATFORM = {"facebook": re.compile(r"\bfacebook\b", re.I), "twitter": re.compile(r"\btwitter\b", re.I)}


@dataclass
class Footnote:
    number: int
    text: str          # as extracted, line breaks kept
    page: int
    continued_on: list[int] = field(default_factory=list)  # later pages it runs onto
    part: str | None = None     # the annex it is in, where its numbering began or went on past its heading (parts.py)
    offset: int = 0             # the last numbers before each restart, added up: its citation's seq is number + offset

    @property
    def pages(self) -> list[int]:
        return [self.page, *self.continued_on]


def missing_numbers(footnotes: list[Footnote]) -> list[tuple[str | None, int]]:
    """(part, number) for each number from 1 to the highest footnote of its numbering that no
    footnote has.

    A numbering (the footnotes of one offset) may go on over several parts (annex III's
    first footnote 4 after annex II's 1-3, parts.py): a part's numbers begin after the
    footnote before, not at 1, and a number lost before a part's first footnote is the
    part before's (the footnote that begins a part is its first statement's).  Footnotes
    of a numbering are read in increasing order (restarts are refused).
    """
    missing: list[tuple[str | None, int]] = []
    before: Footnote | None = None
    for f in footnotes:
        going_on = before is not None and before.offset == f.offset
        part, first = (before.part, before.number + 1) if going_on else (f.part, 1)
        missing += [(part, n) for n in range(first, f.number)]
        before = f
    return missing


def restarts(footnotes: list[Footnote]) -> list[Footnote]:
    """The footnotes whose number is not above the one before in the same numbering: where
    numbering starts again other than at an annex (parts.py).  A numbering is told by its
    offset, which numbering that starts again at an annex heading changes, not by its part's
    name, which a second heading of one name repeats (refused as such by the ingest)."""
    return [f for before, f in zip(footnotes, footnotes[1:]) if f.number <= before.number and f.offset == before.offset]


def citation_for(footnote: Footnote, page_links: list[str], used: set[str],
                 previous: Citation | list[Citation] | None = None) -> Citation:
    """The citation of the footnote's first source (`citations_for`): what a reader of one URL
    at a time (an article's link, crawler/ingest/article.py) needs."""
    return citations_for(footnote, page_links, used, previous)[0]


def citations_for(footnote: Footnote, page_links: list[str], used: set[str],
                  previous: Citation | list[Citation] | None = None) -> list[Citation]:
    """The citations a footnote makes (see the module docstring): the footnote's own first,
    then one for each further URL it prints, which the caller numbers (their seq is the
    footnote's until then).  `previous` is the citations of the footnote before it (one, or
    all of a footnote citing several URLs), which an "Ibid." cites again, each.  What the
    reader must be told (a URL that may be cut short, an unresolved "Ibid.") is in each one's
    `warnings`."""
    printed = re.sub(r"\s+", " ", footnote.text).strip()
    flags = ["unofficial-translation"] if UNOFFICIAL.search(footnote.text) else []

    def blank() -> Citation:
        return Citation(seq=footnote.number + footnote.offset, kind="offline", printed=printed, flags=list(flags),
                        part=footnote.part, footnote=footnote.number)

    citation = blank()
    named = f"footnote {footnote_named(citation.seq, footnote.number, footnote.part)}"
    ibid = IBID.match(footnote.text)
    text = footnote.text.translate(FULL_WIDTH_STOPS)
    found = footnote_urls(text, page_links) or [url for url in [doi_url(text)] if url]
    handles = _handles_outside(text, found)
    if found:
        first, *others = found
        cited = [_url_citation(citation, first, page_links, named)]
        cited += [_url_citation(blank(), other, page_links, named) for other in others]
        _said_ibid(citation, ibid, named, first.url)
        return _unrepeated([*cited, *(_handle_citation(blank(), handle) for handle in handles)], found)
    if handles:
        _said_ibid(_handle_citation(citation, handles[0]), ibid, named, citation.handle)
        return [citation, *(_handle_citation(blank(), handle) for handle in handles[1:])]
    if ibid:
        before = (previous or [None]) if isinstance(previous, list) else [previous]
        return [_cite_again(citation, before[0], named),
                *(_cite_again(blank(), other, named) for other in before[1:])]
    for platform, names in NAMES_PLATFORM.items():
        candidates = [l for l in page_links if l not in used and platform_of(l) == platform]
        if names.search(footnote.text) and len(candidates) == 1:
            _set_url(citation, candidates[0], None,
                     [f"taken from the page's link target: the footnote names a {platform.title()} account but prints no URL"],
                     True)
            citation.link_target = candidates[0]
            return [citation]
    citation.source_kind = "offline"
    citation.source_key = source_key("offline", text=printed)
    return [citation]


def _url_citation(citation: Citation, found, page_links: list[str], named: str) -> Citation:
    """`citation` made a citation of one URL the footnote prints (`found`, repaired by
    crawler.urls), with the page link it came from, and said where that URL may be cut short
    at a line break."""
    _set_url(citation, found.url, found.printed, found.repairs, found.confirmed)
    citation.link_target = _target_for(found, page_links)
    if found.may_go_on:
        citation.flags = sorted(set(citation.flags) | {"url-may-be-truncated"})
        citation.warnings.append(
            f"{named}: its URL is cut at a line break mid-word and is checked as {found.url}; the next word may be "
            f"the rest of it ({found.may_go_on}): compare it with the document, or ingest the PDF, whose link "
            "targets complete it")
    return citation


def _said_ibid(citation: Citation, ibid, named: str, cited: str) -> None:
    """Say that a footnote beginning "Ibid." and citing a source of its own ("Ibid., see also
    https://…") is checked against what it prints only, not the footnote before's source too."""
    if ibid:
        citation.warnings.append(f"{named} begins 'Ibid.' and cites {cited}: it is checked against that source "
                                 "only, not against the footnote before's source as well")


def _handles_outside(text: str, found: list) -> list[str]:
    """The @handles a footnote prints outside its URLs (`found`, in order), each once: an
    account it names besides a page ("https://… and @MarsoviaMFA") is a source too."""
    outside, at = [], 0
    for url in found:
        outside.append(text[at:url.start])
        at = max(at, url.end)
    outside.append(text[at:])
    return list(dict.fromkeys(m.group(1) for m in HANDLE.finditer(" ".join(outside))))


def _handle_citation(citation: Citation, handle: str) -> Citation:
    """`citation` made a twitter citation of the account @`handle` (no URL: the account is the source)."""
    citation.kind = citation.source_kind = "twitter"
    citation.handle = "@" + handle
    citation.source_key = source_key("twitter", handle=handle)
    citation.source_url = "https://twitter.com/" + handle
    return citation


def _unrepeated(cited: list[Citation], found: list) -> list[Citation]:
    """A footnote's citations (its URLs' first, in the order of `found`, then its @handles'),
    each source once, the first kept.  Judged on the citation built, not on the URL printed:
    a page and its Wayback Machine capture ("URL (archived at https://web.archive.org/web/…/URL)")
    are one page, and the capture is named in the repairs of the one kept.  A URL is a repeat
    when it names the same page (two tweets of one account are two citations); an @handle
    when an account of its name is already cited (by its tweet, by the Facebook page the
    handle stands beside: "https://www.facebook.com/ukinazerbaijan/ (@ukinazerbaijan)", or
    printed twice)."""
    kept: list[Citation] = []
    pages: dict[str, Citation] = {}
    accounts: set[str | None] = set()
    for citation, read in itertools.zip_longest(cited, found):
        if citation.url is not None:
            same = pages.setdefault(normalise_url(citation.url), citation)
            if same is not citation:    # the capture's note ("the capture <url> is named only here") goes with it
                same.repairs += [note for note in citation.repairs if read.url in note and note not in same.repairs]
                continue
        elif _account(citation) in accounts:
            continue
        kept.append(citation)
        accounts.add(_account(citation))
    return kept


def _account(citation: Citation) -> str | None:
    """The lower-cased account name a social citation cites ("ukinazerbaijan"), else None."""
    return citation.handle.lstrip("@").lower() if citation.handle else None


def _cite_again(citation: Citation, previous: Citation | None, named: str) -> Citation:
    """An "Ibid." footnote's citation: the source of the footnote before (`previous`), said in a
    repair; without it, no source (an "offline:ibid" key would be one source for every
    document's "Ibid."), flagged "ibid-unresolved" and said."""
    if previous is None or previous.source_key is None:
        citation.flags = sorted(set(citation.flags) | {"ibid-unresolved"})
        citation.warnings.append(f"{named} says 'Ibid.' but the source of the footnote before it is not known (that "
                                 "footnote lost in extraction, or no statement's): it cites no source; check the "
                                 "document's footnotes there")
        return citation
    for name in ("kind", "url", "handle", "source_kind", "source_key", "source_url"):
        setattr(citation, name, getattr(previous, name))
    cited = previous.url or previous.handle or previous.printed
    citation.repairs = [f"'Ibid.': cites the source of the footnote before it, {cited}"]
    return citation


def _target_for(found, page_links: list[str]) -> str | None:
    """The page link this footnote's URL came from (so it is not a document link)."""
    for link in page_links:
        if link == found.url or normalise_url(link) == normalise_url(found.url) or link.replace("%20", "") == found.url:
            return link
    return None


def _set_url(citation: Citation, url: str, printed: str | None, repairs: list[str], confirmed: bool) -> None:
    """Fill a citation that has a URL: its kind, handle and source by platform; a Wayback
    Machine replay URL cites the page it captured (module docstring)."""
    replay = replay_of(url)
    if replay:
        original = replay[1]
        repairs = [*repairs, f"cites the page the Wayback Machine captured, {original}, as its source; the capture "
                             f"{url} is named only here (a citation keeps no memento)"]
        url = original
    platform = platform_of(url)
    citation.kind = citation.source_kind = platform
    citation.url_printed, citation.url, citation.repairs = printed, url, list(repairs)
    if confirmed:
        citation.flags = sorted(set(citation.flags) | {"confirmed-by-link-target"})
    name = social_name(url) if platform != "web" else None
    if platform == "web" or not name:
        # A social URL naming no account (a bare "https://twitter.com/") is a web page.
        citation.kind = citation.source_kind = "web"
        citation.source_key, citation.source_url = source_key("web", url=url), url
    elif platform == "twitter":
        # One source per account; the tweet itself stays in citations.url.
        citation.handle = "@" + name
        citation.source_key = source_key("twitter", handle=name)
        citation.source_url = "https://twitter.com/" + name
    else:
        citation.handle = name
        citation.source_key, citation.source_url = source_key("facebook", url=url), url
