"""An article whose statements cite a reference list by mark ("[3]"), as a saved Wikipedia
"International reactions to …" page or an EU note does: without reading the list, its
heading ("References") became one more statement quoting the sources' titles and holding
every URL, and the statements it sources were left unfootnoted, each citation on the wrong
statement with nothing said."""

from tests.test_ingest_article_shapes import parsed_file

# A Wikipedia page as saved: entity headings with their edit links, a "[n]" after each quote,
# and the references as an <ol> whose numbers the browser prints (the page prints "^" only).
WIKI = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>International reactions - Wikipedia</title></head>
<body><h1>International reactions to the 2023 Kessel referendum</h1>
<h3>Estonia</h3><p>On 13 March 2023, the Ministry of Foreign Affairs stated: “Estonia does not recognise the sham
vote in Kessel.”<sup><a href="#cite_note-1">[1]</a></sup></p>
<h3>Poland</h3><p>On 16 March 2023, the Permanent Representative stated: “No ballot held at gunpoint can change
borders.”<sup><a href="#cite_note-2">[2]</a></sup></p>
<h3>Lithuania</h3><p>On 12 March 2023, the Ministry of Foreign Affairs stated: “Lithuania will never recognise the
results.”<sup><a href="#cite_note-3">[3]</a></sup></p>
<h2>References</h2><ol class="references">
<li><a href="#cite_ref-1">^</a> <a href="https://vm.ee/en/news/kessel">"Estonia on the Kessel vote"</a>. MFA.
13 March 2023. <a href="https://web.archive.org/web/20230313101500/https://vm.ee/en/news/kessel">Archived</a>
from the original on 13 March 2023.</li>
<li><a href="#cite_ref-2">^</a> "Statement at the OSCE Permanent Council". PC.DEL/311/23. 16 March 2023.</li>
<li><a href="#cite_ref-3">^</a> <a href="https://www.facebook.com/LithuanianMFA/posts/123">"Lithuanian MFA"</a>.
Facebook. 12 March 2023.</li>
</ol></body></html>"""

# A text note whose references print their numbers, one a line (one paragraph of the text).
NOTE = """Statements on the Kessel vote (20 March 2023)

Estonia

“Estonia does not recognise the sham vote in Kessel.” [2]

Lithuania

“Lithuania will never recognise the results.” [1]

References

[1] Lithuanian MFA, 12 March 2023, https://www.lrv.lt/en/news/kessel
[2] Estonian MFA, 13 March 2023, https://vm.ee/en/news/kessel
"""


def test_each_statement_cites_the_entry_its_mark_numbers(tmp_path):
    doc = parsed_file(tmp_path, "reactions.html", WIKI)
    assert [s.entity for s in doc.statements] == ["Estonia", "Poland", "Lithuania"]
    assert [(s.citation.kind, s.citation.url, s.citation.footnote) for s in doc.statements] == [
        ("web", "https://vm.ee/en/news/kessel", 1),
        ("offline", None, 2),
        ("facebook", "https://www.facebook.com/LithuanianMFA/posts/123", 3)]
    assert doc.statements[1].citation.printed == ('"Statement at the OSCE Permanent Council". PC.DEL/311/23. '
                                                   '16 March 2023.')


def test_the_reference_list_is_no_statement_and_its_archive_link_no_second_source(tmp_path):
    doc = parsed_file(tmp_path, "reactions.html", WIKI)
    assert "References" not in [s.entity for s in doc.statements]
    assert len(doc.statements[0].citations) == 1   # the capture is of the page cited, not another source


def test_a_text_list_printing_its_numbers_is_read_by_them(tmp_path):
    doc = parsed_file(tmp_path, "note.txt", NOTE)
    assert [(s.entity, s.citation.url) for s in doc.statements] == [
        ("Estonia", "https://vm.ee/en/news/kessel"), ("Lithuania", "https://www.lrv.lt/en/news/kessel")]


def test_a_mark_the_list_lacks_is_said(tmp_path):
    doc = parsed_file(tmp_path, "note.txt", NOTE.replace("[2]\n\nLith", "[7]\n\nLith"))
    assert doc.statements[0].citation.kind == "unfootnoted"
    assert doc.metadata["warnings"] == [
        "statement 1 (Estonia): it marks reference [7], which the reference list does not hold"]


def test_a_notes_heading_over_the_articles_own_prose_opens_no_list(tmp_path):
    prose = NOTE.replace("References\n\n[1] Lithuanian MFA, 12 March 2023, https://www.lrv.lt/en/news/kessel\n"
                         "[2] Estonian MFA, 13 March 2023, https://vm.ee/en/news/kessel\n",
                         "Notes\n\nThe vote was held under occupation.\n\nMoldova\n\n“Moldova does not recognise it.”\n")
    doc = parsed_file(tmp_path, "note.txt", prose)
    assert [s.entity for s in doc.statements] == ["Estonia", "Lithuania", "Moldova"]


def test_a_notes_heading_over_prose_naming_a_page_mid_article_cuts_off_no_section(tmp_path):
    text = ("Reactions\n\nBy Maria Ionescu, 18 March 2023\n\nNotes\n\n"
            "The statements are quoted as published at their sites (https://www.example-monitor.org/kessel).\n\n"
            "European Union\n\n“The EU does not recognise the vote,” the EEAS said on 13 March.\n\n"
            "https://www.eeas.europa.eu/eeas/kessel_en\n\n"
            "NATO\n\n“NATO will never recognise it,” NATO said on 14 March.\n\n"
            "https://www.nato.int/cps/en/natohq/news_212345.htm\n")
    doc = parsed_file(tmp_path, "a.txt", text)
    assert [(s.entity, s.citation.url) for s in doc.statements] == [
        ("European Union", "https://www.eeas.europa.eu/eeas/kessel_en"),
        ("NATO", "https://www.nato.int/cps/en/natohq/news_212345.htm")]
