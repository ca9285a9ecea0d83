"""An article whose text has no blank line between paragraphs, as a PDF's extracted text has
none: its lines were its paragraphs, and a quote that runs on to the next line was cut at the
first line's end ("A vote organised under military occupation,") with nothing said.  Its lines
are joined back (article.py `_lines_joined`), its page headers and footers left out; what
cannot be joined surely is refused with the way to give it whole."""

import pytest

from crawler.ingest import IngestError
from tests.test_ingest_article_shapes import parsed_file

# A briefing's two pages as extracted: a running title and a numbered footer on each page,
# a quote wrapped over lines and over the page break, superscript marks read as digits, endnotes.
BRIEFING = """Reactions to the Kessel vote
Number 9781    20 March 2023
On 12 March 2023 the occupying authorities held a so-called
referendum in the Kessel region.
Estonia
On 13 March 2023, the Ministry said: “Estonia does not recognise the sham
vote in Kessel.”1
Lithuania
On 12 March 2023, the Ministry said: “Lithuania will never
1     Research Briefing, 20 March 2023
Reactions to the Kessel vote
recognise the results.” 2
Endnotes
1   Estonian MFA, Statement on the Kessel vote,
13 March 2023, https://vm.ee/en/news/kessel
2   Lithuanian MFA, 12 March 2023, https://www.lrv.lt/en/news/kessel
2     Research Briefing, 20 March 2023
"""


def test_a_quote_wrapped_over_lines_and_a_page_break_is_read_whole(tmp_path):
    doc = parsed_file(tmp_path, "briefing.txt", BRIEFING)
    assert [(s.entity, s.quote) for s in doc.statements] == [
        ("Estonia", "Estonia does not recognise the sham vote in Kessel."),
        ("Lithuania", "Lithuania will never recognise the results.")]


def test_the_endnotes_digit_marks_cite_their_entries_and_a_wrapped_day_is_no_entry(tmp_path):
    doc = parsed_file(tmp_path, "briefing.txt", BRIEFING)
    assert [(s.citation.url, s.footnote) for s in doc.statements] == [
        ("https://vm.ee/en/news/kessel", 1), ("https://www.lrv.lt/en/news/kessel", 2)]
    assert doc.statements[0].citation.printed == ("1 Estonian MFA, Statement on the Kessel vote, 13 March 2023, "
                                                  "https://vm.ee/en/news/kessel")


def test_a_quote_not_closed_within_its_lines_is_refused_with_the_fix(tmp_path):
    unclosed = BRIEFING.replace("vote in Kessel.”1", "vote in Kessel.1").replace("recognise the results.” 2",
                                                                              "recognise the results. 2")
    with pytest.raises(IngestError) as refused:
        parsed_file(tmp_path, "briefing.txt", unclosed)
    assert "2 of its quotes are not closed within 12 lines" in refused.value.message
    assert "give the document as text with a blank line between paragraphs, or as HTML" in refused.value.message


def test_a_url_wrapped_in_a_table_cell_is_refused_with_the_fix(tmp_path):
    table = """Annex
European Union
13 March 2023: “The European Union does not recognise the
so-called referendum.”
https://www.eeas.europa.eu/eeas/
veloria-statement_en
NATO
12 March 2023: “NATO Allies will never recognise this sham vote.”
https://www.nato.int/cps/en/natohq/news_212345.htm
"""
    with pytest.raises(IngestError) as refused:
        parsed_file(tmp_path, "briefing.txt", table)
    assert "a URL runs on past the end of its line (“https://www.eeas.europa.eu/eeas/” then " \
           "“veloria-statement_en”)" in refused.value.message
    assert "give the document as HTML, or as text with each URL whole on its line" in refused.value.message


def test_source_lines_citing_one_sites_pages_are_no_page_furniture(tmp_path):
    text = """Reactions to the Kessel vote
European Union
“The European Union does not recognise the vote,” the EEAS said on 13 March.
Source: https://www.eeas.europa.eu/eeas/statement-12345_en
European Parliament
“Parliament condemns the sham vote,” its President said on 14 March.
Source: https://www.eeas.europa.eu/eeas/statement-12399_en
"""
    assert [s.citation.url for s in parsed_file(tmp_path, "briefing.txt", text).statements] == [
        "https://www.eeas.europa.eu/eeas/statement-12345_en", "https://www.eeas.europa.eu/eeas/statement-12399_en"]


def test_a_quote_of_several_paragraphs_opened_again_in_each_is_read(tmp_path):
    text = """Reactions to the Kessel vote
Veloria
“This sham vote will never be recognised.
“We call on our partners to respond,” the Minister said on 13 March.
European Union
“The European Union does not recognise the vote,” the EEAS said on 13 March.
"""
    assert [s.quote for s in parsed_file(tmp_path, "briefing.txt", text).statements] == [
        "This sham vote will never be recognised. … We call on our partners to respond",
        "The European Union does not recognise the vote"]


def test_a_live_blogs_time_after_a_url_is_no_piece_of_it(tmp_path):
    text = """Reactions to the Kessel vote
Veloria
“This sham vote will never be recognised,” the Minister wrote.
https://twitter.com/VeloriaMFA/status/1635201234567890123
15:30
European Union
“The European Union does not recognise the vote,” the EEAS said.
"""
    assert [s.entity for s in parsed_file(tmp_path, "briefing.txt", text).statements] == ["Veloria", "European Union"]


def test_an_entitys_heading_printed_again_over_narration_is_no_page_furniture(tmp_path):
    text = """Reactions to the Kessel vote
Georgia
On 13 March, the Ministry said:
“Georgia supports the territorial integrity of Veloria.”
Ukraine
“Ukraine condemns the sham vote,” the Ministry said on 13 March.
Georgia
On 14 March, the President added:
“Georgia will never recognise the vote.”
"""
    assert [(s.entity, s.quote) for s in parsed_file(tmp_path, "briefing.txt", text).statements] == [
        ("Georgia", "Georgia supports the territorial integrity of Veloria."),
        ("Ukraine", "Ukraine condemns the sham vote"), ("Georgia", "Georgia will never recognise the vote.")]


def test_a_url_alone_on_the_line_after_the_sections_last_quote_is_its_source(tmp_path):
    text = ("Reactions to the Kessel vote\nBy Maria Ionescu, 18 March 2023\nVeloria\n"
            "“This sham vote will never be recognised,” the Foreign Minister wrote on Twitter on 13 March.\n"
            "https://twitter.com/VeloriaMFA/status/1635201234567890123\nEuropean Union\n"
            "“The EU does not recognise the vote,” the EEAS spokesperson said on 13 March.\n"
            "https://www.eeas.europa.eu/eeas/kessel_en\n")
    assert [s.citation.url for s in parsed_file(tmp_path, "briefing.txt", text).statements] == [
        "https://twitter.com/VeloriaMFA/status/1635201234567890123", "https://www.eeas.europa.eu/eeas/kessel_en"]
