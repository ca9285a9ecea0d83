"""A second letter of the same kind, made up, to prove the parser is not tuned to one file.

Other symbols (A/75/999, S/2021/77), other page lines ("21-04567 3/4", job number
first, and "4/4 21-04567"), a footnote on the covering letter (so statements start at footnote 2), URLs
wrapped at other points (mid-word, after "/"), a Facebook account whose URL is only
in the page's link targets, a footnote page without link targets, a first-page
footer, both symbols on one header line, a statement dated without a place.  The same pages
are rendered as the UN text layer and as a real PDF with link annotations (fpdf2),
and both must parse to the same result.
"""

from __future__ import annotations

import pytest
from fpdf import FPDF

from crawler.ingest import parse
from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from crawler.ingest.pdf import read_pdf

GAP = " "

PAGES = [
    ([
        "   Letter dated 2 March 2021 from the Permanent Representative of ",
        "Freedonia to the United Nations addressed to the Secretary-General ",
        GAP,
        " I have the honour to transmit the compilation of statements on the so-called ",
        "referendum held in the occupied region of Sylvania (see annex).1 ",
        GAP,
        "(Signed) Rufus T. Firefly ",
        "Permanent Representative ",
        GAP,
        "__________________ ",
        " 1 See also A/75/100, https://undocs.org/en/A/75/100. ",
        GAP,
        "21-04567 (E)    030321 ",
    ], ["https://undocs.org/en/A/75/100"]),
    ([
        "A/75/999 ",
        "S/2021/77 ",
        GAP,
        "2/4 21-04567 ",
        GAP,
        "   Annex to the letter dated 2 March 2021 from the Permanent ",
        "Representative of Freedonia to the United Nations ",
        GAP,
        "  Statements of the international community on the so-called referendum ",
        GAP,
        " I. International organizations ",
        GAP,
        "  League of Coastal States ",
        GAP,
        "  Statement by the Secretary-General of the League of Coastal States2 ",
        GAP,
        "Valletta, 05.02.2021 ",
        " The League considers the so-called referendum illegiti- ",
        "mate and calls for co- ",
        "operation within the agreed format. ",
        GAP,
        GAP,
        " II. Individual States ",
        GAP,
        "  Kingdom of Marsovia ",
        GAP,
        "  Note verbale of the Ministry of Foreign Affairs of Marsovia 3 ",
        GAP,
        "Marsovia City, 07.02.2021 ",
        " The Ministry of Foreign Affairs of Marsovia does not recognize the govern ment ",
        "__________________ ",
        " 2 https://coastal-league.example.org/news/statement-on-the-so-called-refer ",
        "endum-2021.html. ",
        " 3 Note verbale of the Ministry of Foreign Affairs of Marsovia addressed to the Embassy ",
        "of Freedonia, Marsovia City, 07.02.2021 (Unofficial translation). ",
    ], ["https://coastal-league.example.org/news/statement-on-the-so-called-referendum-2021.html"]),
    ([
        "A/75/999 ",
        GAP,
        "S/2021/77 ",
        GAP,
        "21-04567 3/4 ",
        GAP,
        "set up in Sylvania and supports the territorial integrity of Freedonia -",
        "Sylvania in its recognized borders. ",
        GAP,
        GAP,
        "  Republic of Osterlich ",
        GAP,
        "  Statement by the Embassy of Osterlich in Freedonia4 ",
        GAP,
        "Fredville, 08.02.2021 ",
        " Osterlich does not recognize the referendum. ",
        GAP,
        "  Statement by the Ministry of Foreign Affairs of Osterlich5 ",
        GAP,
        "9 February 2021 ",
        " Osterlich reaffirms its posi tion on the Freedonia-Sylvania conflict. ",
        "__________________ ",
        " 4 Official Facebook account of the Embassy of Osterlich in Freedonia. ",
        " 5 http://www.bmeia.example.at/ ",
        "presse/aussendungen/2021/02/stellungnahme-sylvania/ . ",
    ], ["https://www.facebook.com/OsterlichEmbassy/"]),
    ([
        "A/75/999-S/2021/77 ",
        "4/4 21-04567 ",
        GAP,
        "  Tomainia ",
        GAP,
        "  Statement by the Foreign Office of Tomainia6 ",
        GAP,
        "Tomainia City, 10.02.2021 ",
        " Tomainia stands with Freedonia. ",
        "__________________ ",
        " 6 Official Twitter account of the Foreign Office of Tomainia, @TomainiaFO.  ",
    ], []),
]


def letter_text(pages=PAGES) -> str:
    """The pages as the UN text layer writes them (see crawler/ingest/pages.py)."""
    out = []
    for lines, links in pages:
        text = "\n\n".join(lines)
        if links:
            text += "\n\n" + "\n".join(links)
        out.append(text + "\n")
    return "".join(out)


def letter_pdf(pages=PAGES, encrypt: str | None = None) -> bytes:
    """The pages as a PDF whose link annotations carry the link targets."""
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=9)
    for lines, links in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        for index, link in enumerate(links):
            pdf.link(10, 250 + 5 * index, 80, 4, link)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password=encrypt)
    return bytes(pdf.output())


EXPECTED_STATEMENTS = [
    (2, "International organizations", "League of Coastal States", "Valletta", "2021-02-05",
     "Statement by the Secretary-General of the League of Coastal States",
     "The League considers the so-called referendum illegitimate and calls for co-operation within the agreed format."),
    (3, "Individual States", "Kingdom of Marsovia", "Marsovia City", "2021-02-07",
     "Note verbale of the Ministry of Foreign Affairs of Marsovia",
     "The Ministry of Foreign Affairs of Marsovia does not recognize the government set up in Sylvania and supports "
     "the territorial integrity of Freedonia-Sylvania in its recognized borders."),
    (4, "Individual States", "Republic of Osterlich", "Fredville", "2021-02-08",
     "Statement by the Embassy of Osterlich in Freedonia", "Osterlich does not recognize the referendum."),
    (5, "Individual States", "Republic of Osterlich", None, "2021-02-09",
     "Statement by the Ministry of Foreign Affairs of Osterlich",
     "Osterlich reaffirms its position on the Freedonia-Sylvania conflict."),
    (6, "Individual States", "Tomainia", "Tomainia City", "2021-02-10",
     "Statement by the Foreign Office of Tomainia", "Tomainia stands with Freedonia."),
]


def check(doc):
    """The expectations both renderings must meet."""
    assert doc.symbols == ["A/75/999", "S/2021/77"]
    assert doc.date == "2021-03-02"
    assert doc.author == "Rufus T. Firefly"
    assert doc.metadata["job_number"] == "21-04567"
    assert doc.metadata["page_count"] == 4
    got = [(s.footnote, s.section, s.entity, s.place, s.date, s.title, s.quote) for s in doc.statements]
    assert got == EXPECTED_STATEMENTS
    cites = {c.seq: c for c in doc.citations}
    assert sorted(cites) == [2, 3, 4, 5, 6]
    web = cites[2]
    assert (web.kind, web.url) == ("web", "https://coastal-league.example.org/news/statement-on-the-so-called-referendum-2021.html")
    assert web.url_printed == "https://coastal-league.example.org/news/statement-on-the-so-called-refer\nendum-2021.html."
    assert web.repairs == [
        "completed from the document's own link target, which the footnote text spells out",
        "rejoined the URL across a line break",
        "dropped the full stop that ends the footnote",
    ]
    assert (cites[3].kind, cites[3].flags) == ("offline", ["unofficial-translation"])
    facebook = cites[4]
    assert (facebook.kind, facebook.url, facebook.source_key) == (
        "facebook", "https://www.facebook.com/OsterlichEmbassy/", "facebook:osterlichembassy")
    assert facebook.url_printed is None
    assert facebook.repairs == ["taken from the page's link target: the footnote names a Facebook account but prints no URL"]
    ministry = cites[5]
    assert ministry.url == "http://www.bmeia.example.at/presse/aussendungen/2021/02/stellungnahme-sylvania/"
    assert ministry.repairs == ["rejoined the URL across a line break", "dropped the ' .' that ends the footnote"]
    assert (cites[6].kind, cites[6].handle, cites[6].source_key) == ("twitter", "@TomainiaFO", "twitter:@tomainiafo")
    assert [link.url for link in doc.links] == ["https://undocs.org/en/A/75/100"]


def test_synthetic_letter_as_extracted_text():
    check(parse_letter(split_pages(letter_text()), "sha", "synthetic.txt"))


def test_synthetic_letter_as_pdf_with_link_annotations():
    pages = read_pdf(letter_pdf())
    assert len(pages) == 4
    assert pages[1].links == ["https://coastal-league.example.org/news/statement-on-the-so-called-referendum-2021.html"]
    check(parse_letter(pages, "sha", "synthetic.pdf"))


def test_synthetic_pdf_through_the_stage_entry_point(tmp_path):
    from crawler.config import load_config

    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf())
    doc = parse(str(path), load_config(env={}))
    assert doc.kind == "letter"
    check(doc)


BARE = [(lines, []) for lines, _ in PAGES]


@pytest.mark.parametrize("text", [
    letter_text(BARE),                                                    # the UN text layer, no link lists
    "\f".join("\n".join(lines) for lines, _ in BARE),                      # pdftotext: form feeds
    "\n".join("\n".join(lines) for lines, _ in BARE),                      # one run of lines, no page breaks
], ids=["text-layer", "form-feeds", "single-spaced"])
def test_without_link_targets_a_mid_word_wrap_stays_unjoined(text):
    """No link target to confirm it: the URL ends where the text alone says (no guess)."""
    doc = parse_letter(split_pages(text), "sha", "bare.txt")
    web = doc.citations[0]
    assert web.url == "https://coastal-league.example.org/news/statement-on-the-so-called-refer"
    assert web.repairs == []
    assert doc.citations[2].kind == "offline"   # a Facebook account named, but no URL anywhere
    assert [s.quote for s in doc.statements] == [row[-1] for row in EXPECTED_STATEMENTS]


@pytest.mark.parametrize("password", ["secret"])
def test_encrypted_pdf_is_refused(password):
    from crawler.ingest.pdf import PdfProblem

    with pytest.raises(PdfProblem, match="encrypted PDF"):
        read_pdf(letter_pdf(encrypt=password))


def test_a_quote_line_that_is_only_a_date_is_not_a_statement():
    pages = [(list(lines), links) for lines, links in PAGES]
    lines = pages[3][0]
    at = lines.index(" Tomainia stands with Freedonia. ")
    lines[at:at + 1] = [" Tomainia stands with Freedonia since the vote of ", "10 February 2021 ", "and will not change. "]
    doc = parse_letter(split_pages(letter_text(pages)), "sha", "dated.txt")
    assert len(doc.statements) == 5
    assert doc.statements[-1].quote == "Tomainia stands with Freedonia since the vote of 10 February 2021 and will not change."


def _footnote_over_a_page_break() -> list:
    """The pages with footnote 5's URL broken across pages 3 and 4, as long footnotes are."""
    pages = [(list(lines), links) for lines, links in PAGES]
    page3, page4 = pages[2][0], pages[3][0]
    moved = page3.pop()                                   # "presse/aussendungen/.../ ."
    assert moved.startswith("presse/")
    rule = page4.index("__________________ ")
    page4.insert(rule + 1, moved)                         # the top of page 4's footnotes
    return pages


@pytest.mark.parametrize("render", ["text", "pdf"])
def test_a_footnote_that_runs_over_a_page_break_is_read_whole(render):
    pages = _footnote_over_a_page_break()
    doc = (parse_letter(split_pages(letter_text(pages)), "sha", "split.txt") if render == "text"
           else parse_letter(read_pdf(letter_pdf(pages)), "sha", "split.pdf"))
    check(doc)  # footnote 5's URL rejoined from both pages; footnote 6 still starts page 4's own
