"""Compiled articles of shapes no parser had been tuned on (audit X5): a live blog's or tracker's
"Read the full statement" link under the quote, a Markdown list of one line per entity with
"[^n]" footnotes, a mail digest's "> " quote lines and "<https://…>" URLs.  Read as before, the
link was dropped (the statement unfootnoted), the list's quotes were one statement under the
heading above it, and the "> " of each line was in the quote, with nothing said."""

from tests.test_ingest_article_shapes import parsed_file

LIVE_BLOG = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Live</title></head><body><main>
<h1>Ostravia coup live</h1><p>Updated 4 June 2025</p>
<h3>Japan</h3><p>The foreign minister said in a statement:</p>
<p>“Japan strongly urges all parties to exercise restraint.”</p>
<p><a href="https://www.mofa.go.jp/press/release/pressite_000001_01234.html">Read the full statement</a></p>
<h3>Canada</h3><p>Global Affairs Canada said:</p>
<p>“Canada calls for the swift return to civilian rule.”</p>
<p><a href="https://www.canada.ca/en/global-affairs/news/2025/06/ostravia.html">Read the full statement</a></p>
<hr><div><p><a href="#ref1">[1]</a> Ostravia Monitor, 4 June 2025, <a href="https://monitor.example.org/digest">digest</a></p></div>
</main></body></html>"""


def test_a_short_link_after_the_sections_last_quote_is_its_source(tmp_path):
    doc = parsed_file(tmp_path, "live.html", LIVE_BLOG)
    assert [(s.entity, [c.url for c in s.citations]) for s in doc.statements] == [
        ("Japan", ["https://www.mofa.go.jp/press/release/pressite_000001_01234.html"]),
        ("Canada", ["https://www.canada.ca/en/global-affairs/news/2025/06/ostravia.html"])]


def test_a_numbered_note_after_the_last_quote_is_no_source_of_it(tmp_path):
    page = LIVE_BLOG.replace('<p><a href="https://www.canada.ca/en/global-affairs/news/2025/06/ostravia.html">Read the '
                             'full statement</a></p>', "")
    assert [c.kind for c in parsed_file(tmp_path, "live.html", page).statements[1].citations] == ["unfootnoted"]


def test_a_kickers_link_after_the_last_quote_is_no_source_of_it(tmp_path):
    """A news page's "Related: …" link under a quote leads to another article, which does not hold the
    quote: cited, the statement's check found it missing from its source."""
    page = LIVE_BLOG.replace(">Read the full statement</a></p>\n<hr>", ">Related: Canada recalls its ambassador</a></p>\n<hr>")
    assert [c.kind for c in parsed_file(tmp_path, "live.html", page).statements[1].citations] == ["unfootnoted"]


ROUNDUP = """# Global reactions to the Ostravia coup

## Reactions

- **United Nations** — The spokesperson, 3 June 2025: “The Secretary-General strongly condemns the coup.”[^1]
- **Japan** — Foreign Minister, 3 June 2025: “Japan urges all parties to exercise restraint.”[^2]
- **Canada** — Global Affairs Canada, 2 June 2025: “Canada calls for the swift return to civilian rule.”[^3]

## Notes

[^1]: United Nations, “Statement attributable to the Spokesperson”, 3 June 2025, <https://www.un.org/sg/en/content/sg/statement/2025-06-03/ostravia>.
[^2]: Ministry of Foreign Affairs of Japan, “The Situation in Ostravia”, 3 June 2025, <https://www.mofa.go.jp/press/release/pressite_000001_01234.html>.
[^3]: Global Affairs Canada, “Statement on the coup in Ostravia”, 2 June 2025, <https://www.canada.ca/en/global-affairs/news/2025/06/ostravia.html>.
"""


def test_a_markdown_list_is_a_statement_an_item_cited_by_its_footnote(tmp_path):
    doc = parsed_file(tmp_path, "roundup.md", ROUNDUP)
    assert [(s.entity, s.quote, s.footnote, [c.url for c in s.citations]) for s in doc.statements] == [
        ("United Nations", "The Secretary-General strongly condemns the coup.", 1,
         ["https://www.un.org/sg/en/content/sg/statement/2025-06-03/ostravia"]),
        ("Japan", "Japan urges all parties to exercise restraint.", 2,
         ["https://www.mofa.go.jp/press/release/pressite_000001_01234.html"]),
        ("Canada", "Canada calls for the swift return to civilian rule.", 3,
         ["https://www.canada.ca/en/global-affairs/news/2025/06/ostravia.html"])]


DIGEST = """Subject: [Ostravia Monitor] Daily digest, 4 June 2025

Here are yesterday's official reactions.

1) SOUTH AFRICA - DIRCO, 4 June 2025

> “South Africa calls on all stakeholders in Ostravia to refrain from
> violence and to resolve their differences peacefully.”

<https://www.dirco.gov.za/south-africa-calls-for-calm-in-ostravia/>

2) CANADA - Global Affairs Canada, 2 June 2025

> “Canada condemns the unconstitutional change of government in Ostravia
> and calls for the swift return to civilian rule.”

<https://www.canada.ca/en/global-affairs/news/2025/06/statement-on-the-coup-in-ostravia.html>
"""


def test_a_mails_quote_lines_are_the_quote_without_their_marks_and_its_bracketed_url_the_source(tmp_path):
    doc = parsed_file(tmp_path, "digest.txt", DIGEST)
    assert [(s.quote, [c.url for c in s.citations]) for s in doc.statements] == [
        ("South Africa calls on all stakeholders in Ostravia to refrain from violence and to resolve their "
         "differences peacefully.", ["https://www.dirco.gov.za/south-africa-calls-for-calm-in-ostravia/"]),
        ("Canada condemns the unconstitutional change of government in Ostravia and calls for the swift return to "
         "civilian rule.", ["https://www.canada.ca/en/global-affairs/news/2025/06/statement-on-the-coup-in-ostravia.html"])]


def test_a_digests_unnumbered_entity_line_naming_its_speaker_is_no_letters_place_line(tmp_path):
    doc = parsed_file(tmp_path, "digest.txt", DIGEST.replace("1) ", "").replace("2) ", ""))   # "SOUTH AFRICA - DIRCO, 4 June 2025"
    assert doc.kind == "article"
    assert [c.url for s in doc.statements for c in s.citations] == [
        "https://www.dirco.gov.za/south-africa-calls-for-calm-in-ostravia/",
        "https://www.canada.ca/en/global-affairs/news/2025/06/statement-on-the-coup-in-ostravia.html"]


# A Google Docs export (audit X5's gdocs-export): bold paragraphs as headings, "[n]" marks, the footnotes after a
# rule under no heading, every link wrapped in Google's redirect.
GDOCS = """<html><body><p><span style="font-weight:700">Ostravia coup – statements (working doc)</span></p>
<p>Prepared by J. Lind for the fact-check desk, 4 June 2025. All quotes checked against the originals.</p>
<p><span style="font-weight:700">United Nations</span></p>
<p>The spokesperson (3 June 2025): “The Secretary-General strongly condemns the coup.”<sup><a href="#ftnt1">[1]</a></sup></p>
<p><span style="font-weight:700">Japan</span></p>
<p>Foreign Minister (3 June 2025): “Japan urges all parties to exercise restraint.”<sup><a href="#ftnt2">[2]</a></sup></p>
<hr><div><p><a href="#ftnt_ref1">[1]</a>&nbsp;United Nations, 3 June 2025, <a href="https://www.google.com/url?q=https%3A%2F%2Fwww.un.org%2Fsg%2Fen%2Fostravia&amp;sa=D&amp;source=editors">https://www.un.org/sg/en/ostravia</a></p>
<p><a href="#ftnt_ref2">[2]</a>&nbsp;Ministry of Foreign Affairs of Japan, <a href="https://www.google.com/url?q=https%3A%2F%2Fwww.mofa.go.jp%2Fpress%2Frelease%2Fp_01234.html&amp;sa=D&amp;source=editors">press release</a></p></div>
</body></html>"""


def test_footnotes_under_no_heading_after_the_last_section_are_the_reference_list(tmp_path):
    doc = parsed_file(tmp_path, "gdocs.html", GDOCS)
    assert [(s.entity, s.footnote, [c.url for c in s.citations]) for s in doc.statements] == [
        ("United Nations", 1, ["https://www.un.org/sg/en/ostravia"]),
        ("Japan", 2, ["https://www.mofa.go.jp/press/release/p_01234.html"])]


def test_notes_under_no_heading_that_name_no_page_are_no_reference_list(tmp_path):
    """A press release's closing notes ("[1] The Contact Group was set up in 2019 …") explain, they do not
    source: read as the list, the statement marking one cited the note (or the page it points to) as its
    source; the marks are said instead."""
    text = ("Ostravia coup: statements\n\nEuropean Union\n\n“The EU condemns the coup,” said the High "
            "Representative for the Contact Group [1].\n\nNorway\n\n“Norway suspends its aid [2],” the minister said."
            "\n\nNotes to editors\n\n[1] The Contact Group was set up in 2019. More at https://contactgroup.example/about"
            "\n\n[2] Norway's aid to Ostravia was NOK 240 million in 2024.\n")
    doc = parsed_file(tmp_path, "release.txt", text)
    assert [(s.footnote, [c.kind for c in s.citations]) for s in doc.statements] == [
        (None, ["unfootnoted"]), (None, ["unfootnoted"])]
    assert [w.split(":")[0] for w in doc.metadata["warnings"]] == [
        "2 statements (the first, statement 1) mark references ('[1]') but no reference list holds them"]


def test_a_google_redirect_link_cites_the_page_it_leads_to_with_the_repair_said(tmp_path):
    japan = parsed_file(tmp_path, "gdocs.html", GDOCS).statements[1].citation
    assert japan.url == "https://www.mofa.go.jp/press/release/p_01234.html"
    assert any(repair.startswith("unwrapped Google's redirect link") for repair in japan.repairs)


def test_marks_that_no_reference_list_holds_are_said(tmp_path):
    page = GDOCS[:GDOCS.index("<hr>")] + "</body></html>"
    doc = parsed_file(tmp_path, "gdocs.html", page)
    assert [c.kind for s in doc.statements for c in s.citations] == ["unfootnoted", "unfootnoted"]
    assert [w.split(":")[0] for w in doc.metadata["warnings"]] == [
        "2 statements (the first, statement 1) mark references ('[1]') but no reference list holds them"]


def test_a_digests_entity_line_names_its_entity_before_the_dash_and_dates_its_statement(tmp_path):
    digest = DIGEST.replace("2) CANADA - Global Affairs Canada", "2) CANADA - the Department of Foreign Affairs, "
                            "Trade and Development")
    for text in (digest, digest.replace("1) SOUTH", "Africa\n\n1) SOUTH")):   # under a group's heading too
        doc = parsed_file(tmp_path, "digest.txt", text)
        assert [(s.entity, s.date) for s in doc.statements] == [("SOUTH AFRICA", "2025-06-04"), ("CANADA", "2025-06-02")]


def test_a_link_line_between_a_quote_and_the_next_heading_is_the_source_and_a_search_none(tmp_path):
    """"Read the open letter" right under a statement's quote and right over the next entity's heading
    is that statement's source: read as a heading over the next quote, its section was empty, and the
    statement left unfootnoted.  A search engine's results ("Search for the statement") are no source."""
    page = ("<html><body><h2>Bar Association</h2><p>“We reject the decree,” the association said.</p>"
            "<p><a href=\"https://docs.example.org/open-letter\">Read the open letter</a></p>"
            "<h2>Student Union</h2><p>“Students will not be silenced,” the union said.</p>"
            "<p><a href=\"https://www.google.com/search?q=student+union+statement\">Search for the statement</a></p>"
            "</body></html>")
    doc = parsed_file(tmp_path, "reactions.html", page)
    assert [(s.entity, s.citation.kind, s.citation.url) for s in doc.statements] == [
        ("Bar Association", "web", "https://docs.example.org/open-letter"),
        ("Student Union", "unfootnoted", None)]
