"""URLs in footnotes as researchers' own compiled documents print them: a closing quote mark
or '>' after a URL, a URL cut at a line break mid-word, two URLs in one footnote, "Ibid.", a
Wayback Machine capture, a DOI; and the same cells in a `citewatch check` list.

The letters are the made-up letter of tests/test_ingest_synthetic.py with one footnote
rewritten, read by the real parser as text (the UN text layer with its link lists) or as a
real PDF with link annotations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.check.sources import LocalFiles, cite
from crawler.ingest.footnotes import Footnote, citation_for
from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from crawler.ingest.pdf import read_pdf
from crawler.urls import normalise_url, repair_footnote_url
from tests.test_ingest_synthetic import PAGES, letter_pdf, letter_text

MINISTRY = "http://www.bmeia.example.at/presse/aussendungen/2021/02/stellungnahme-sylvania/"
TWEET = "https://twitter.com/osterlich/status/1394612345678901234"


def _footnote(number: int, lines: list[str], links: list[str] | None = None) -> list:
    """PAGES with footnote `number` (2 and 3 on page 2, 4 and 5 on page 3, 6 on page 4)
    printed as `lines`, its page's link targets `links` when given."""
    pages = [(list(page_lines), list(page_links)) for page_lines, page_links in PAGES]
    for index, (page_lines, page_links) in enumerate(pages):
        at = next((i for i, line in enumerate(page_lines) if line.startswith(f" {number} ")), None)
        if at is None:
            continue
        end = next((i for i in range(at + 1, len(page_lines)) if page_lines[i].startswith(f" {number + 1} ")),
                   len(page_lines))
        page_lines[at:end] = lines
        pages[index] = (page_lines, page_links if links is None else links)
    return pages


def _cited(pages, number: int, pdf: bool = False):
    """The parsed letter and the citation of footnote `number`."""
    doc = parse_letter(read_pdf(letter_pdf(pages)) if pdf else split_pages(letter_text(pages)), "sha", "l.txt")
    return doc, next(c for c in doc.citations if c.footnote == number)


# ---------------------------------------------------------------- a closing mark after the URL


@pytest.mark.parametrize("printed, mark", [
    (f" 5 Ministry, “{MINISTRY}”. ", "closing quote mark"),
    (f" 5 <{MINISTRY}>. ", "closing '>'"),
    (f" 5 [{MINISTRY}]. ", "closing ']'"),
    (f" 5 «{MINISTRY}». ", "closing quote mark"),
])
def test_a_closing_quote_mark_or_bracket_the_url_did_not_open_is_dropped_and_said(printed, mark):
    _, citation = _cited(_footnote(5, [printed]), 5)
    assert (citation.url, citation.source_key) == (MINISTRY, MINISTRY)
    assert citation.repairs == [f"dropped the {mark} and the full stop that end the footnote"]


def test_a_closing_mark_the_url_opened_stays_and_a_link_target_is_matched_past_a_quote_mark():
    assert repair_footnote_url("(https://x.example/News-(32).aspx).").url == "https://x.example/News-(32).aspx"
    assert repair_footnote_url("https://x.example/a?b[1]=2.").url == "https://x.example/a?b[1]=2"
    found = repair_footnote_url("Ministry, “https://x.example/a”.", ["https://x.example/a"])
    assert (found.url, found.confirmed) == ("https://x.example/a", True)


# ---------------------------------------------------------------- a URL cut mid-word at a line break


def test_a_url_cut_mid_word_without_a_link_target_is_flagged_and_said_not_cut_silently():
    """Footnote 2's URL wraps mid-word ("…-refer" / "endum-2021.html."); without the page's link
    target the parser does not guess (tests/test_ingest_synthetic.py), but says it."""
    pages = [(lines, []) for lines, _ in PAGES]
    _, citation = _cited(pages, 2)
    assert citation.url == "https://coastal-league.example.org/news/statement-on-the-so-called-refer"
    assert "url-may-be-truncated" in citation.flags
    assert citation.warnings == [
        "footnote 2: its URL is cut at a line break mid-word and is checked as "
        "https://coastal-league.example.org/news/statement-on-the-so-called-refer; the next word may be the rest of "
        "it (https://coastal-league.example.org/news/statement-on-the-so-called-referendum-2021.html): compare it "
        "with the document, or ingest the PDF, whose link targets complete it"]


def test_a_link_target_that_completes_the_url_leaves_no_flag():
    _, citation = _cited(PAGES, 2, pdf=True)
    assert citation.url == "https://coastal-league.example.org/news/statement-on-the-so-called-referendum-2021.html"
    assert "url-may-be-truncated" not in citation.flags and citation.warnings == []


@pytest.mark.parametrize("text, rest", [
    ("https://eeas.example.eu/98765/sylvania-statement-spokes\nperson_en.",
     "https://eeas.example.eu/98765/sylvania-statement-spokesperson_en"),
    ("https://www.urm.example.lt/news/statement-by-the-minis\ntry.html",
     "https://www.urm.example.lt/news/statement-by-the-ministry.html"),
    ("https://www.mfa.gov.\nexample/news/1.", "https://www.mfa.gov.example/news/1"),
    ("https://x.example/news/statement\nonline (accessed 2 May 2021).", "https://x.example/news/statementonline"),
])
def test_the_word_after_a_mid_word_line_break_is_named_as_the_rest_it_may_be(text, rest):
    assert repair_footnote_url(text).may_go_on == rest


@pytest.mark.parametrize("text", [
    "https://x.example/a-\nb.html.",                              # wrapped after '-': joined, as before
    "https://x.example/a?x=1&\ny=2.",                             # after '&'
    "https://x.example/a (accessed\n20 May 2021).",               # a space, not a line break
    "https://twitter.com/a/status/123\n18 May 2021.",             # a date after the URL
    "https://x.example/news/a\n(Unofficial translation).",
    "https://x.example/news/a.\nAccessed 3 May 2021.",
    "https://en.wikipedia.org/wiki/Sylvania_(region).",
    "(https://x.example/News-(32).aspx).",
])
def test_urls_that_end_where_the_text_says_are_not_flagged(text):
    assert repair_footnote_url(text).may_go_on is None


# ---------------------------------------------------------------- two URLs in one footnote


def test_a_footnotes_second_url_is_a_citation_of_its_statement_and_its_link_no_link_outside_footnotes():
    """Each URL of a footnote is cited (tests/test_footnote_second_urls.py has the rest): the
    second is a citation of footnote 5's statement, its seq after every footnote's, its link
    target the footnote's, not the document's; nothing to say."""
    pages = _footnote(5, [f" 5 See {MINISTRY} and {TWEET}. "], [PAGES[2][1][0], MINISTRY, TWEET])
    for pdf in (False, True):
        doc, citation = _cited(pages, 5, pdf=pdf)
        assert citation.url == MINISTRY and citation.warnings == []
        statement = next(s for s in doc.statements if citation in s.citations)
        second = statement.citations[-1]
        assert (second.url, second.footnote, second.seq) == (TWEET, 5, max(c.seq for c in doc.citations))
        assert second.seq > max(s.footnote for s in doc.statements if s.footnote)
        assert TWEET not in [link.url for link in doc.links]


def test_a_url_printed_twice_in_a_footnote_is_no_second_url():
    """A footnote line extracted twice prints its URL twice: one source, nothing to say."""
    citation = citation_for(Footnote(9, f"{MINISTRY}.\n{MINISTRY}.", 1), [], set())
    assert (citation.url, citation.warnings) == (MINISTRY, [])


# ---------------------------------------------------------------- Ibid.


def _previous() -> object:
    return citation_for(Footnote(4, MINISTRY + ".", 1), [], set())


@pytest.mark.parametrize("text", ["Ibid.", "Ibid", "Id.", "Ibid., p. 3.", "ibid.\n(Unofficial translation)."])
def test_ibid_cites_the_source_of_the_footnote_before(text):
    citation = citation_for(Footnote(5, text, 1), [], set(), previous=_previous())
    assert (citation.kind, citation.url, citation.source_key) == ("web", MINISTRY, MINISTRY)
    assert citation.repairs == [f"'Ibid.': cites the source of the footnote before it, {MINISTRY}"]


def test_ibid_without_the_footnote_before_has_no_source_shared_across_documents():
    """Footnote 2 says "Ibid." after footnote 1, the covering letter's, which no statement
    cites: no "offline:ibid" source, which every document's "Ibid." would share, but a flag
    and a warning."""
    doc, citation = _cited(_footnote(2, [" 2 Ibid. "]), 2)
    assert citation.source_key is None and not any(c.source_key == "offline:ibid" for c in doc.citations)
    assert "ibid-unresolved" in citation.flags
    assert citation.warnings == [
        "footnote 2 says 'Ibid.' but the source of the footnote before it is not known (that footnote lost in "
        "extraction, or no statement's): it cites no source; check the document's footnotes there"]


def test_ibid_see_also_a_url_cites_the_url_and_says_the_ibid():
    citation = citation_for(Footnote(5, f"Ibid., see also {TWEET}.", 1), [], set(), previous=_previous())
    assert (citation.kind, citation.url) == ("twitter", TWEET)
    assert citation.warnings == [f"footnote 5 begins 'Ibid.' and cites {TWEET}: it is checked against that "
                                 "source only, not against the footnote before's source as well"]
    handle = citation_for(Footnote(5, "Ibid.; see also @osterlich.", 1), [], set(), previous=_previous())
    assert (handle.kind, handle.source_key) == ("twitter", "twitter:@osterlich") and handle.warnings


def test_a_word_beginning_with_id_is_no_ibid():
    citation = citation_for(Footnote(5, "Identical note verbale of the Embassy, 3 May 2021.", 1), [], set(),
                            previous=_previous())
    assert citation.kind == "offline" and citation.source_key != MINISTRY


# ---------------------------------------------------------------- a Wayback Machine capture


def test_a_wayback_capture_in_a_footnote_cites_the_original_page():
    capture = "https://web.archive.org/web/20210209120000/" + MINISTRY
    _, citation = _cited(_footnote(5, [f" 5 Archived at {capture} . "]), 5)
    assert (citation.kind, citation.url, citation.source_key, citation.source_url) == (
        "web", MINISTRY, normalise_url(MINISTRY), MINISTRY)
    assert citation.url_printed == capture + " ."
    assert citation.repairs[-1] == (f"cites the page the Wayback Machine captured, {MINISTRY}, as its source; the "
                                    f"capture {capture} is named only here (a citation keeps no memento)")


# ---------------------------------------------------------------- a DOI


@pytest.mark.parametrize("printed", ["doi:10.1234/irs.2021.0042.", "DOI: 10.1234/irs.2021.0042.",
                                     "10.1234/irs.2021.0042."])
def test_a_doi_in_a_footnote_cites_its_resolver_url(printed):
    _, citation = _cited(_footnote(3, [f" 3 Institute for Regional Security, Assessment, {printed} "]), 3)
    assert (citation.kind, citation.url, citation.source_key) == (
        "web", "https://doi.org/10.1234/irs.2021.0042", "https://doi.org/10.1234/irs.2021.0042")
    assert citation.repairs == ["rewrote the DOI 10.1234/irs.2021.0042 as its resolver's URL "
                                "https://doi.org/10.1234/irs.2021.0042"]


# ---------------------------------------------------------------- check's source cells


@pytest.mark.parametrize("cell, url, repairs", [
    ("(http://127.0.0.1:8765/estonia.html).", "http://127.0.0.1:8765/estonia.html",
     ["removed the '(' written before the URL", "dropped the ').' that ends the cell"]),
    ("“https://x.example/a”", "https://x.example/a",
     ["removed the '“' written before the URL", "dropped the closing quote mark that ends the cell"]),
    ("doi:10.1234/irs.2021.0042", "https://doi.org/10.1234/irs.2021.0042",
     ["rewrote the DOI 10.1234/irs.2021.0042 as its resolver's URL https://doi.org/10.1234/irs.2021.0042"]),
])
def test_check_reads_a_cell_as_ingest_reads_the_same_footnote(cell, url, repairs, tmp_path):
    cited = cite(cell, tmp_path, LocalFiles(10 ** 6), "http://127.0.0.1:9")
    assert (cited.url, cited.source_key, cited.repairs) == (url, url, repairs)


def test_check_reads_a_wayback_capture_in_parentheses_as_a_memento(tmp_path):
    cited = cite("(https://web.archive.org/web/20210519120000/https://www.urm.lt/a).", Path(tmp_path),
                 LocalFiles(10 ** 6), "http://127.0.0.1:9")
    assert (cited.url, cited.memento.timestamp) == ("https://www.urm.lt/a", "20210519120000")



def test_the_parser_says_each_citations_warning_and_ibid_takes_the_footnote_before():
    """The letter parser passes a citation's warnings to the document (printed by ingest, kept
    in metadata["warnings"]) and gives each footnote the citation of the one before."""
    pages = _footnote(5, [f" 5 See {MINISTRY} and {TWEET}. "])
    pages = [(lines if index != 3 else [" 6 Ibid. " if line.startswith(" 6 ") else line for line in lines], links)
             for index, (lines, links) in enumerate(pages)]
    doc, citation = _cited(pages, 6)
    assert (citation.url, citation.source_key) == (MINISTRY, MINISTRY)
    cited = sorted((c.seq, c.footnote, c.url) for c in doc.citations if c.footnote in (5, 6))
    assert [(footnote, url) for _, footnote, url in cited] == [(5, MINISTRY), (6, MINISTRY), (5, TWEET), (6, TWEET)]
    assert not [w for w in doc.metadata.get("warnings", []) if "footnote 5" in w or "footnote 6" in w]
