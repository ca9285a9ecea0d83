"""Compiled articles of the shapes users bring besides one heading per entity (audit X): a
fact-checker's block quotes without quote marks, a list whose paragraphs each name their
entity ("European Union: … “…”[1]", Markdown's "**NATO** — …"), numbered headings, a
roundup's blocks that begin with their entity's line, a Wikipedia heading's "[edit]".  Read
as before, their statements were lost, glued into one or cited wrongly, with nothing said."""

import pytest

from crawler.config import load_config
from crawler.ingest import parse

FACT_CHECK = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Fact check</title></head><body><article>
<h1>Fact check: Did the world reject the Kessel vote?</h1>
<p class="byline">By Maria Ionescu, 18 March 2023</p>
<p><strong>Claim:</strong> “No country objected to the referendum in Kessel.” <strong>Verdict: False.</strong></p>
<h2>European Union</h2>
<blockquote><p>The European Union does not recognise the so-called “referendum” held in Kessel.</p>
<footer>— The EEAS spokesperson, <a href="https://www.eeas.europa.eu/eeas/kessel_en">EEAS</a>, 13 March 2023</footer>
</blockquote>
<h2>Germany</h2><p>The Federal Foreign Office posted on Twitter on 12 March:</p>
<blockquote class="twitter-tweet"><p>Today’s so-called vote in Kessel is a farce.
<a href="https://twitter.com/hashtag/StandWithVeloria">#StandWithVeloria</a></p>&mdash; Auswärtiges Amt
(@GermanyDiplo) <a href="https://twitter.com/GermanyDiplo/status/1635012345678901234">March 12, 2023</a></blockquote>
</article><footer><p>© 2023 VeriFact. <a href="https://verifact.example.org/about">About us</a></p></footer></body></html>"""


def parsed_file(tmp_path, name, text):
    """`text` saved as `name` (its suffix picks the reader: .html, .md, .txt) and read by ingest's
    parser with the default settings: the article tests' one way in."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(str(path), load_config(env={}))


def test_block_quotes_without_marks_are_quotes_cited_by_their_attribution(tmp_path):
    doc = parsed_file(tmp_path, "factcheck.html", FACT_CHECK)
    assert [(s.entity, s.quote) for s in doc.statements] == [
        ("European Union", "The European Union does not recognise the so-called “referendum” held in Kessel."),
        ("Germany", "Today’s so-called vote in Kessel is a farce. #StandWithVeloria")]
    assert [[c.url for c in s.citations] for s in doc.statements] == [
        ["https://www.eeas.europa.eu/eeas/kessel_en"], ["https://twitter.com/GermanyDiplo/status/1635012345678901234"]]


def test_the_byline_is_no_entity_and_the_claim_before_the_first_heading_is_said(tmp_path):
    doc = parsed_file(tmp_path, "factcheck.html", FACT_CHECK)
    assert doc.metadata["warnings"] == [
        "1 paragraph before the first entity's heading quotes (“Claim: “No country objected to the referendum in "
        "Kessel.” V…”) and is read as no statement; if one is, give it a heading naming its entity "
        "(a short line above it)"]


def test_a_wikipedia_headings_edit_link_is_no_word_of_its_entity(tmp_path):
    page = FACT_CHECK.replace("<h2>European Union</h2>", '<h2><span class="mw-headline">European Union</span>'
                              '<span class="mw-editsection"><span>[</span><a href="/w/index.php?action=edit">edit'
                              '</a><span>]</span></span></h2>')
    assert parsed_file(tmp_path, "factcheck.html", page).statements[0].entity == "European Union"


# A Wikipedia list: group headings, then one paragraph per entity naming it first.
BULLETS = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Reactions - Wikipedia</title></head><body>
<h2>Supranational organisations</h2><ul>
<li>European Union: The EEAS spokesperson said that “The EU does not recognise the vote.”<sup>[1]</sup></li>
<li>Council of Europe: The Secretary General said that “This referendum has no legitimacy.”<sup>[2]</sup></li></ul>
<h2>States</h2><ul>
<li>France: The Ministry said that “France condemns this illegal referendum.”<sup>[3]</sup></li></ul>
<h2>References</h2><ol>
<li>^ <a href="https://www.eeas.europa.eu/eeas/kessel_en">"EU statement"</a>. EEAS.</li>
<li>^ <a href="https://www.coe.int/en/web/portal/-/kessel">"Secretary General"</a>. Council of Europe.</li>
<li>^ <a href="https://www.diplomatie.gouv.fr/en/kessel">"Kessel referendum"</a>. France Diplomacy.</li>
</ol></body></html>"""


def test_a_list_of_paragraphs_naming_their_entities_is_a_statement_each(tmp_path):
    doc = parsed_file(tmp_path, "bullets.html", BULLETS)
    assert [(s.entity, s.quote, s.citation.url) for s in doc.statements] == [
        ("European Union", "The EU does not recognise the vote.", "https://www.eeas.europa.eu/eeas/kessel_en"),
        ("Council of Europe", "This referendum has no legitimacy.", "https://www.coe.int/en/web/portal/-/kessel"),
        ("France", "France condemns this illegal referendum.", "https://www.diplomatie.gouv.fr/en/kessel")]


ROUNDUP = """# Press roundup: reactions to the vote in Kessel

*Press Office — 17 March 2023*

**European Union** — The EEAS spokesperson, 13 March 2023: “The EU does not recognise the vote.” ([source](https://www.eeas.europa.eu/eeas/kessel_en))

**NATO** — NATO Secretary General, 12 March 2023: “NATO Allies will never recognise this sham vote.” ([source](https://www.nato.int/cps/en/natohq/news_212345.htm))
"""


def test_a_markdown_roundup_naming_each_entity_in_bold_is_read(tmp_path):
    doc = parsed_file(tmp_path, "roundup.md", ROUNDUP)
    assert [(s.entity, s.quote, s.citation.url) for s in doc.statements] == [
        ("European Union", "The EU does not recognise the vote.", "https://www.eeas.europa.eu/eeas/kessel_en"),
        ("NATO", "NATO Allies will never recognise this sham vote.", "https://www.nato.int/cps/en/natohq/news_212345.htm")]


def test_a_narrations_colon_names_no_entity(tmp_path):
    text = ("Reactions\n\nEstonia\n\nThe Ministry said: “Estonia does not recognise the vote.”\n\n"
            "Latvia\n\nThe Ministry said: “Latvia does not recognise the vote.”\n")
    assert [s.entity for s in parsed_file(tmp_path, "a.txt", text).statements] == ["Estonia", "Latvia"]


# An EU note: numbered headings, a title line above each quote, bracketed references.
NOTE = """COUNCIL OF THE EUROPEAN UNION

Brussels, 20 March 2023 (OR. en)

1. European Union

Statement by the Spokesperson on the Kessel vote (13 March 2023) [1]

“The European Union does not recognise the vote.”

2. Lithuania

Lithuanian MFA on Facebook (12 March 2023) [2]

“Lithuania will never recognise the results.”

References

[1] EEAS, “Statement by the Spokesperson”, 13 March 2023, https://www.eeas.europa.eu/eeas/kessel_en
[2] Facebook, “Lithuanian MFA on Facebook”, 12 March 2023, https://www.facebook.com/LithuanianMFA/posts/123
"""


def test_numbered_headings_are_the_entities_and_the_titles_under_them_none(tmp_path):
    doc = parsed_file(tmp_path, "note.txt", NOTE)
    assert [(s.entity, s.quote, s.citation.url) for s in doc.statements] == [
        ("European Union", "The European Union does not recognise the vote.", "https://www.eeas.europa.eu/eeas/kessel_en"),
        ("Lithuania", "Lithuania will never recognise the results.", "https://www.facebook.com/LithuanianMFA/posts/123")]


def test_a_roundup_block_begun_by_its_entitys_line_is_that_entitys_statement(tmp_path):
    text = ("DAILY PRESS ROUNDUP\n\nInternational reactions\n\n"
            "EUROPEAN UNION\nThe EEAS spokesperson (13 March 2023):\n\"The EU does not recognise the vote.\"\n"
            "https://www.eeas.europa.eu/eeas/kessel_en\n\n"
            "NATO\nNATO Secretary General (12 March 2023):\n\"NATO Allies will never recognise this sham vote.\"\n"
            "https://www.nato.int/cps/en/natohq/news_212345.htm\n")
    doc = parsed_file(tmp_path, "roundup.txt", text)
    assert [(s.entity, s.quote, s.citation.url) for s in doc.statements] == [
        ("EUROPEAN UNION", "The EU does not recognise the vote.", "https://www.eeas.europa.eu/eeas/kessel_en"),
        ("NATO", "NATO Allies will never recognise this sham vote.", "https://www.nato.int/cps/en/natohq/news_212345.htm")]


def test_a_full_date_in_the_narration_dates_a_statement_of_an_article_without_a_dateline(tmp_path):
    text = ("Reactions\n\nThe world reacted.\n\nBackground.\n\n"
            "Estonia\n\nOn 13 March 2023, the Ministry said: “Estonia does not recognise the vote.”\n\n"
            "Latvia\n\nOn March 12 the Ministry said: “Latvia does not recognise the vote.”\n")
    doc = parsed_file(tmp_path, "a.txt", text)
    assert doc.date is None
    assert [s.date for s in doc.statements] == ["2023-03-13", None]   # a yearless day needs the article's year


def test_a_section_citing_several_sites_is_said(tmp_path):
    text = ("Reactions\n\nFrance\n\n“France condemns the vote.” https://www.diplomatie.gouv.fr/en/kessel\n\n"
            "Germany 12 March 2023: “Germany will never recognise it.” https://twitter.com/GermanyDiplo/status/1\n")
    doc = parsed_file(tmp_path, "a.txt", text)
    assert doc.metadata["warnings"] == [
        "statement 1 (France): its section cites 2 sites (diplomatie.gouv.fr, twitter.com); if it holds more than "
        "one entity's statement, give each a heading of its own"]


def test_a_label_each_section_repeats_is_no_entity(tmp_path):
    text = ("# Reactions\n\n## European Union\n\n**Update** — “The EU does not recognise the vote,” the EEAS said.\n\n"
            "## NATO\n\n**Update** — “NATO will never recognise this sham vote,” NATO said.\n")
    assert [s.entity for s in parsed_file(tmp_path, "a.md", text).statements] == ["European Union", "NATO"]


def test_an_interviews_q_and_a_are_no_entities(tmp_path):
    text = ("Reactions\n\nVeloria\n\nQ: Will you talk about the “new status” of Kessel?\n\n"
            "A: “There is no new status.”\n\nQ: What do you expect?\n\nA: “Sanctions.”\n")
    assert [s.entity for s in parsed_file(tmp_path, "a.txt", text).statements] == ["Veloria"]


def test_numbered_parts_over_entity_headings_leave_the_entities_theirs(tmp_path):
    text = ("Reactions\n\n1. Background\n\nThe so-called “referendum” was held in Kessel.\n\n2. Reactions\n\nEuropean Union\n\n"
            "“The EU does not recognise the vote,” the EEAS said.\n\nNATO\n\n“NATO will never recognise it,” NATO said.\n\n"
            "Lithuania\n\n“Lithuania will never recognise it,” the Ministry said.\n")
    entities = [s.entity for s in parsed_file(tmp_path, "a.txt", text).statements]
    assert entities[-3:] == ["European Union", "NATO", "Lithuania"]   # each its own, none glued under "Reactions"


def test_a_block_quote_without_paragraphs_is_quoted_whole(tmp_path):
    page = ("<html><body><h2>France</h2><blockquote>La France ne reconnaîtra <em>jamais</em> ce référendum<br>"
            "organisé en violation du droit.</blockquote><h2>Poland</h2><blockquote><a href=\"https://www.gov.pl/"
            "web/diplomacy/kessel\">Poland</a> condemns the sham vote.</blockquote></body></html>")
    doc = parsed_file(tmp_path, "a.html", page)
    assert [(s.entity, s.quote) for s in doc.statements] == [
        ("France", "La France ne reconnaîtra jamais ce référendum organisé en violation du droit."),
        ("Poland", "Poland condemns the sham vote.")]


def test_an_embedded_tweets_own_links_cite_nothing_and_its_status_cites_it(tmp_path):
    page = ("<html><body><p>By Maria Ionescu, 18 March 2023</p><h2>Germany</h2>"
            '<blockquote class="twitter-tweet"><p lang="en">The sham vote in <a href="https://twitter.com/hashtag/'
            'Kessel">#Kessel</a> is void, <a href="https://twitter.com/AmbassadorX">@AmbassadorX</a>. '
            '<a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; GermanForeignOffice (@GermanyDiplo) '
            '<a href="https://twitter.com/GermanyDiplo/status/1635201234567890123">March 13, 2023</a></blockquote>'
            "<h2>Poland</h2><p>“Poland condemns the sham vote,” the ministry said. "
            '<a href="https://www.gov.pl/web/diplomacy/kessel">Statement</a></p></body></html>')
    doc = parsed_file(tmp_path, "a.html", page)
    assert [[c.url for c in s.citations] for s in doc.statements] == [
        ["https://twitter.com/GermanyDiplo/status/1635201234567890123"], ["https://www.gov.pl/web/diplomacy/kessel"]]
    assert doc.metadata.get("warnings", []) == []


def test_an_embedded_facebook_posts_links_in_its_text_cite_nothing_and_its_attribution_cites_it(tmp_path):
    page = ("<html><body><p>By Maria Ionescu, 18 March 2023</p><h2>Lithuania</h2>"
            '<div class="fb-post"><blockquote class="fb-xfbml-parse-ignore" cite="https://www.facebook.com/LithuanianMFA'
            '/posts/123"><p>Lithuania will never recognise the vote. <a href="https://l.facebook.com/l.php?u=https%3A%2F'
            '%2Furm.lt%2Fkessel">urm.lt/kessel</a></p>Posted by <a href="https://www.facebook.com/LithuanianMFA">'
            'Lithuanian MFA</a> on <a href="https://www.facebook.com/LithuanianMFA/posts/123">Sunday, 12 March 2023</a>'
            '</blockquote></div>'
            "<h2>Poland</h2><p>“Poland condemns the sham vote,” the ministry said. "
            '<a href="https://www.gov.pl/web/diplomacy/kessel">Statement</a></p></body></html>')
    doc = parsed_file(tmp_path, "a.html", page)
    assert [c.url for c in doc.statements[0].citations] == ["https://www.facebook.com/LithuanianMFA/posts/123"]


PULL_QUOTE = """<html><body><p>By Maria Ionescu, 18 March 2023</p><h2>European Union</h2>
<p>“The EU does not recognise the vote,” the EEAS spokesperson said on 13 March.
<a href="https://www.eeas.europa.eu/eeas/kessel_en">Statement</a></p>
<blockquote class="pullquote">Kessel is Veloria. Today, tomorrow, always.</blockquote>
<h2>Veloria</h2>
<p>“Kessel is Veloria. Today, tomorrow, always,” the Foreign Minister wrote on 13 March.
<a href="https://mfa.gov.vl/en/news/kessel">Statement</a></p></body></html>"""


def test_a_pull_quote_repeating_the_pages_words_is_no_quote_of_its_section(tmp_path):
    doc = parsed_file(tmp_path, "a.html", PULL_QUOTE)
    assert [(s.entity, s.quote) for s in doc.statements] == [
        ("European Union", "The EU does not recognise the vote"),
        ("Veloria", "Kessel is Veloria. Today, tomorrow, always")]


def test_a_block_quote_whose_words_are_its_own_stays(tmp_path):
    page = PULL_QUOTE.replace("Kessel is Veloria. Today, tomorrow, always.</blockquote>",
                              "The EU stands with Veloria.</blockquote>")
    assert parsed_file(tmp_path, "a.html", page).statements[0].quote == \
        "The EU does not recognise the vote … The EU stands with Veloria."


def test_an_entity_heading_over_narration_over_its_quote_is_read_as_an_article(tmp_path):
    page = ("<html><body><p>By Maria Ionescu, 18 March 2023</p><h2>Germany</h2>"
            "<p>The German Foreign Office reacted:</p><blockquote>The sham vote is null and void.</blockquote>"
            "<h2>Poland</h2><p>Poland's ministry wrote:</p><blockquote>Poland condemns the sham vote.</blockquote>"
            "</body></html>")
    doc = parsed_file(tmp_path, "a.html", page)
    assert [(s.entity, s.quote) for s in doc.statements] == [
        ("Germany", "The sham vote is null and void."), ("Poland", "Poland condemns the sham vote.")]


def test_a_url_alone_after_the_sections_last_quote_is_its_source(tmp_path):
    text = ("Reactions\n\nBy Maria Ionescu, 18 March 2023\n\nEuropean Union\n\n"
            "“The EU does not recognise the vote,” the EEAS said on 13 March.\n\n"
            "https://www.eeas.europa.eu/eeas/kessel_en\n\nNATO\n\n“NATO will never recognise it,” NATO said.\n\n"
            "https://www.nato.int/cps/en/natohq/news_212345.htm\n\nThe vote was held over five days.\n")
    doc = parsed_file(tmp_path, "a.txt", text)
    assert [(s.entity, s.citation.url) for s in doc.statements] == [
        ("European Union", "https://www.eeas.europa.eu/eeas/kessel_en"),
        ("NATO", "https://www.nato.int/cps/en/natohq/news_212345.htm")]


def test_field_lines_under_an_entity_heading_are_no_entity(tmp_path):
    text = ("Reactions\n\nBy Maria Ionescu, 18 March 2023\n\n"
            "European Union\n\nDate: 13 March 2023\n\nStatement: “The EU does not recognise the vote.”\n\n"
            "Source: https://www.eeas.europa.eu/eeas/kessel_en\n\n"
            "NATO\n\nDate: 14 March 2023\n\nStatement: “NATO will never recognise it.”\n\n"
            "Source: https://www.nato.int/cps/en/natohq/news_212345.htm\n")
    assert [s.entity for s in parsed_file(tmp_path, "a.txt", text).statements] == ["European Union", "NATO"]



# A roundup whose entity headings each stand over a line naming who spoke and when (audit X).
SPEAKERS = """DAILY PRESS ROUNDUP — 17 March 2023

International reactions

EUROPEAN UNION
The EEAS spokesperson (13 March 2023):
"The EU does not recognise the vote."
https://www.eeas.europa.eu/eeas/kessel_en

NATO
NATO Secretary General (12 March 2023):
"NATO Allies will never recognise this sham vote."
https://www.nato.int/cps/en/natohq/news_212345.htm

UNITED STATES
The Secretary of State (14 March 2023):
"The United States condemns the sham referendum of 12 March 2023."
https://www.state.gov/kessel/
"""


def test_a_speaker_line_under_an_entity_heading_is_its_narration_not_an_entity(tmp_path):
    doc = parsed_file(tmp_path, "roundup.txt", SPEAKERS)
    assert [s.entity for s in doc.statements] == ["EUROPEAN UNION", "NATO", "UNITED STATES"]


def test_a_speaker_lines_date_dates_its_statement_and_a_date_in_the_quote_does_not(tmp_path):
    doc = parsed_file(tmp_path, "roundup.txt", SPEAKERS)
    assert [s.date for s in doc.statements] == ["2023-03-13", "2023-03-12", "2023-03-14"]
    unsaid = SPEAKERS.replace("The Secretary of State (14 March 2023):", "The Secretary of State:")
    assert parsed_file(tmp_path, "roundup.txt", unsaid).statements[-1].date is None   # not the quote's 12 March


def test_an_attributions_date_dates_its_block_quote(tmp_path):
    doc = parsed_file(tmp_path, "factcheck.html", FACT_CHECK.replace(" on 12 March:", ":"))
    assert [s.date for s in doc.statements] == ["2023-03-13", "2023-03-12"]   # "— …, 13 March 2023", "March 12, 2023"


def test_an_embedded_facebook_posts_date_dates_its_statement(tmp_path):
    page = ("<html><body><p>By Maria Ionescu, 18 March 2023</p><h2>Lithuania</h2>"
            '<blockquote class="fb-xfbml-parse-ignore" cite="https://www.facebook.com/LithuanianMFA/posts/123">'
            "<p>Lithuania will never recognise the vote.</p>Posted by "
            '<a href="https://www.facebook.com/LithuanianMFA">Lithuanian MFA</a> on '
            '<a href="https://www.facebook.com/LithuanianMFA/posts/123">Sunday, 12 March 2023</a></blockquote>'
            "</body></html>")
    assert parsed_file(tmp_path, "a.html", page).statements[0].date == "2023-03-12"


def test_a_section_dated_by_the_articles_dateline_alone_is_undated(tmp_path):
    text = ("NATO\n\nBy Maria Ionescu, 17 March 2023\n\n“NATO Allies will never recognise this sham vote.”\n\n"
            "European Union\n\n“The EU does not recognise the vote,” the EEAS said.\n")
    doc = parsed_file(tmp_path, "a.txt", text)
    assert doc.date == "2023-03-17"
    assert [s.date for s in doc.statements] == [None, None]


def test_a_date_the_page_gives_a_line_dates_no_statement(tmp_path):
    """An entry's "Updated 5 June 2025" and a source's "(accessed 6 June 2025)" say when the page was
    edited or read: taken as the statement's date, resolve searched for its tweet days after it."""
    text = ("Ostravia coup: statements\n\nThe desk compiled these reactions.\n\nUnited Nations\n\nUpdated 5 June 2025\n\n"
            "“The Secretary-General strongly condemns the coup,” the spokesperson said.\n\n"
            "Germany\n\n“We are deeply concerned by the events in Ostravia.”\n\n"
            "Source: Federal Foreign Office on X, https://x.com/GermanyDiplo/status/1929498765432109876 "
            "(accessed 6 June 2025)\n")
    doc = parsed_file(tmp_path, "a.txt", text)
    assert [(s.entity, s.date) for s in doc.statements] == [("United Nations", None), ("Germany", None)]
    said = text.replace("Updated 5 June 2025", "The spokesperson, 3 June 2025:").replace(" (accessed 6 June 2025)",
                                                                                        ", 2 June 2025")
    assert [s.date for s in parsed_file(tmp_path, "a.txt", said).statements] == ["2025-06-03", "2025-06-02"]


def test_an_embedded_tweets_picture_link_is_no_word_of_its_quote(tmp_path):
    page = ("<html><body><p>By Maria Ionescu, 18 March 2023</p><h2>Germany</h2>"
            '<blockquote class="twitter-tweet"><p lang="en">The sham vote in <a href="https://twitter.com/hashtag/'
            'Kessel">#Kessel</a> is void. <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; '
            'GermanForeignOffice (@GermanyDiplo) <a href="https://twitter.com/GermanyDiplo/status/1635201234567890123">'
            "March 13, 2023</a></blockquote></body></html>")
    statement = parsed_file(tmp_path, "a.html", page).statements[0]
    assert (statement.quote, statement.date) == ("The sham vote in #Kessel is void.", "2023-03-13")


# A press digest's date line under each heading, then the statement's title (audit X5's eu-declarations).
DATED_DIGEST = """<html><body><h1>Ostravia: statements by the EU and partners</h1>
<p>Press digest of the EU Delegation, 5 June 2025. Declarations issued since the events of 1 June.</p>
<h2>European Council</h2><p class="date">3 June 2025</p>
<p><strong>Statement by President António Costa on Ostravia</strong></p>
<p>“Europe stands with the people of Ostravia.”</p>
<h2>Norway</h2><p class="date">2 June 2025</p>
<p><strong>Statement on the situation in Ostravia</strong></p>
<p>“Norway condemns the coup in Ostravia.”</p>
</body></html>"""


def test_a_date_line_under_a_heading_dates_its_section_and_is_no_numbered_heading(tmp_path):
    doc = parsed_file(tmp_path, "digest.html", DATED_DIGEST)
    assert [(s.entity, s.date) for s in doc.statements] == [("European Council", "2025-06-03"), ("Norway", "2025-06-02")]


# A Wikipedia reactions table (audit X5's wiki-table-reactions): a header row, then a row an entity, its
# flag and name in the first cell, the reaction, the reference mark.
WIKI_TABLE = """<html><head><title>International reactions to the 2025 Ostravian coup - Wikipedia</title></head><body>
<h1>International reactions to the 2025 Ostravian coup</h1>
<p>This article lists the reactions to the coup, after which the army announced a "transitional council".</p>
<h2>Reactions</h2>
<table class="wikitable"><tr><th>Country</th><th>Reaction</th><th>Ref</th></tr>
<tr><td><img src="//upload.wikimedia.org/flag_1.svg">&nbsp;<a href="/wiki/Australia">Australia</a></td>
<td>On 3 June 2025, the Foreign Minister said: “Australia is deeply concerned.”</td><td><sup><a href="#cite_note-1">[1]</a></sup></td></tr>
<tr><td><a href="/wiki/Brazil">Brazil</a></td><td>On 3 June 2025, Itamaraty said: “Brazil rejects any attempt to interrupt the democratic order.”</td>
<td><sup><a href="#cite_note-2">[2]</a></sup></td></tr></table>
<h2>References</h2><ol><li>^ <a href="https://www.dfat.gov.au/news/ostravia">"Statement on Ostravia"</a>. DFAT.</li>
<li>^ <a href="https://www.gov.br/mre/en/ostravia">"Situation in Ostravia"</a>. Itamaraty.</li></ol>
</body></html>"""


def test_a_tables_rows_naming_their_entity_first_are_a_statement_each(tmp_path):
    doc = parsed_file(tmp_path, "wiki.html", WIKI_TABLE)
    assert [(s.entity, s.quote, s.citation.url) for s in doc.statements] == [
        ("Australia", "Australia is deeply concerned.", "https://www.dfat.gov.au/news/ostravia"),
        ("Brazil", "Brazil rejects any attempt to interrupt the democratic order.", "https://www.gov.br/mre/en/ostravia")]


def test_the_pages_title_over_its_lead_is_no_entity(tmp_path):
    page = ("<html><head><title>Reactions to the Kessel vote | VeriFact</title></head><body>"
            "<h1>Reactions to the Kessel vote</h1><p>The vote, called a \"referendum\" by its organisers, was held on 12 March.</p>"
            "<h2>NATO</h2><p>“NATO Allies will never recognise this sham vote.”</p>"
            "<h2>Poland</h2><p>“Poland condemns the sham vote.”</p></body></html>")
    assert [s.entity for s in parsed_file(tmp_path, "a.html", page).statements] == ["NATO", "Poland"]


def test_the_pages_title_naming_its_entity_is_that_entitys_heading(tmp_path):
    """A tracker's country page ("France - Ostravia Reactions Tracker" over "France") names its entity
    in its title: read as the page's name, France's statement was lost, or the page refused."""
    page = ("<html><head><title>France - Ostravia Reactions Tracker</title></head><body>"
            "<h1>France</h1><p>“France condemns the coup in Ostravia,” the ministry said.</p>"
            "<h2>Germany</h2><p>“We are deeply concerned by the events in Ostravia.”</p></body></html>")
    assert [s.entity for s in parsed_file(tmp_path, "a.html", page).statements] == ["France", "Germany"]


def test_headings_that_read_as_sentences_are_said(tmp_path):
    page = ("<html><body><p>By Maria Ionescu, 4 June 2025</p>"
            "<h3>Japan urges restraint</h3><p>“Japan strongly urges all parties to exercise restraint.”</p>"
            "<h3>Paris condemns coup</h3><p>“France condemns the coup in Ostravia.”</p>"
            "<h3>Council of Europe</h3><p>“The Council of Europe condemns the coup.”</p></body></html>")
    doc = parsed_file(tmp_path, "live.html", page)
    assert [s.entity for s in doc.statements] == ["Japan urges restraint", "Paris condemns coup", "Council of Europe"]
    assert [w.split(" (")[0] for w in doc.metadata["warnings"]] == ["2 of the 3 entity headings read as sentences"]
    named = page.replace("Paris condemns coup", "France")
    assert "warnings" not in parsed_file(tmp_path, "live.html", named).metadata


@pytest.mark.parametrize("headings", [
    ["EU foreign policy chief", "U.S. secretary of state", "German foreign minister"],
    ["Ministère des affaires étrangères", "Ministère fédéral des affaires étrangères", "Secrétaire général des Nations unies"],
], ids=["AP style", "French ministries"])
def test_headings_naming_an_office_in_lower_case_are_not_said_to_be_sentences(tmp_path, headings):
    """An office in lower case, as AP and French write it, names its entity: no verb follows a capital."""
    page = "".join(f"<h3>{heading}</h3><p>“We condemn the coup in Ostravia.”</p>" for heading in headings)
    doc = parsed_file(tmp_path, "offices.html", f"<html><body>{page}</body></html>")
    assert [s.entity for s in doc.statements] == headings
    assert "warnings" not in doc.metadata


# A think tank's tracker (audit X5's tracker-details): a <details> card an entity, its <summary> a flag, the name
# and a badge in spans with no space between, a "who · date" line over a block quote without marks, a link.
TRACKER = """<html><body><p>Updated 4 June 2025 by the Centre for Democratic Resilience.</p>
<details><summary><span aria-hidden="true">●</span><span>United Kingdom</span><span>Condemned</span></summary>
<p>The Foreign Secretary · <time datetime="2025-06-02">2 June 2025</time></p>
<blockquote><p>The UK condemns the military takeover in Ostravia.</p></blockquote>
<p><a href="https://x.com/FCDOGovUK/status/1929512345678901234">View original statement ↗</a></p></details>
<details><summary><span aria-hidden="true">●</span><span>France</span><span>Condemned</span></summary>
<p>The Ministry for Europe and Foreign Affairs · <time datetime="2025-06-03">3 June 2025</time></p>
<blockquote><p>France condemns the coup d’état in Ostravia.</p></blockquote>
<p><a href="https://www.diplomatie.gouv.fr/en/ostravia">View original statement ↗</a></p></details>
</body></html>"""


def test_a_trackers_cards_are_a_statement_each_dated_by_their_who_and_date_line(tmp_path):
    doc = parsed_file(tmp_path, "tracker.html", TRACKER)
    assert [(s.quote, s.date, s.citation.url) for s in doc.statements] == [
        ("The UK condemns the military takeover in Ostravia.", "2025-06-02",
         "https://x.com/FCDOGovUK/status/1929512345678901234"),
        ("France condemns the coup d’état in Ostravia.", "2025-06-03", "https://www.diplomatie.gouv.fr/en/ostravia")]
    assert [s.entity.split()[0] for s in doc.statements] == ["United", "France"]   # the summary's, its flag aside
