"""One footnote of a compiled document becomes one citation.

What a footnote cites, in order of evidence:

* a URL in its text (repaired by crawler.urls, confirmed by the page's own link
  targets): a Facebook or Twitter URL makes a facebook / twitter citation, any
  other a web one;
* an @handle: a twitter citation of that account;
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

import re
from dataclasses import dataclass, field

from crawler.ingest.model import Citation
from crawler.urls import HANDLE, normalise_url, platform_of, repair_footnote_url, social_name, source_key

UNOFFICIAL = re.compile(r"\(\s*unofficial translation\s*\)", re.IGNORECASE)
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


def spans(numbers: list[int]) -> str:
    """Sorted numbers as runs: [1, 2, 3, 5, 7, 8] -> "1–3, 5, 7–8"."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs)


def citation_for(footnote: Footnote, page_links: list[str], used: set[str]) -> Citation:
    """The citation a footnote makes (see the module docstring)."""
    printed = re.sub(r"\s+", " ", footnote.text).strip()
    flags = ["unofficial-translation"] if UNOFFICIAL.search(footnote.text) else []
    citation = Citation(seq=footnote.number + footnote.offset, kind="offline", printed=printed, flags=flags,
                        part=footnote.part, footnote=footnote.number)
    found = repair_footnote_url(footnote.text, page_links)
    if found:
        _set_url(citation, found.url, found.printed, found.repairs, found.confirmed)
        citation.link_target = _target_for(found, page_links)
        return citation
    handle = HANDLE.search(footnote.text)
    if handle:
        citation.kind = citation.source_kind = "twitter"
        citation.handle = "@" + handle.group(1)
        citation.source_key = source_key("twitter", handle=handle.group(1))
        citation.source_url = "https://twitter.com/" + handle.group(1)
        return citation
    for platform, names in NAMES_PLATFORM.items():
        candidates = [l for l in page_links if l not in used and platform_of(l) == platform]
        if names.search(footnote.text) and len(candidates) == 1:
            _set_url(citation, candidates[0], None,
                     [f"taken from the page's link target: the footnote names a {platform.title()} account but prints no URL"],
                     True)
            citation.link_target = candidates[0]
            return citation
    citation.source_kind = "offline"
    citation.source_key = source_key("offline", text=printed)
    return citation


def _target_for(found, page_links: list[str]) -> str | None:
    """The page link this footnote's URL came from (so it is not a document link)."""
    for link in page_links:
        if link == found.url or normalise_url(link) == normalise_url(found.url) or link.replace("%20", "") == found.url:
            return link
    return None


def _set_url(citation: Citation, url: str, printed: str | None, repairs: list[str], confirmed: bool) -> None:
    """Fill a citation that has a URL: its kind, handle and source by platform."""
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
