"""Compiled articles of shapes no parser had been tuned on (audit X5): a live blog's or tracker's
"Read the full statement" link under the quote, a Markdown list of one line per entity with
"[^n]" footnotes, a mail digest's "> " quote lines and "<https://…>" URLs.  Read as before, the
link was dropped (the statement unfootnoted), the list's quotes were one statement under the
heading above it, and the "> " of each line was in the quote, with nothing said."""

from crawler.config import load_config
from crawler.ingest import parse

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


def _parse(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(str(path), load_config(env={}))


def test_a_short_link_after_the_sections_last_quote_is_its_source(tmp_path):
    doc = _parse(tmp_path, "live.html", LIVE_BLOG)
    assert [(s.entity, [c.url for c in s.citations]) for s in doc.statements] == [
        ("Japan", ["https://www.mofa.go.jp/press/release/pressite_000001_01234.html"]),
        ("Canada", ["https://www.canada.ca/en/global-affairs/news/2025/06/ostravia.html"])]


def test_a_numbered_note_after_the_last_quote_is_no_source_of_it(tmp_path):
    page = LIVE_BLOG.replace('<p><a href="https://www.canada.ca/en/global-affairs/news/2025/06/ostravia.html">Read the '
                             'full statement</a></p>', "")
    assert [c.kind for c in _parse(tmp_path, "live.html", page).statements[1].citations] == ["unfootnoted"]


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
    doc = _parse(tmp_path, "roundup.md", ROUNDUP)
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
    doc = _parse(tmp_path, "digest.txt", DIGEST)
    assert [(s.quote, [c.url for c in s.citations]) for s in doc.statements] == [
        ("South Africa calls on all stakeholders in Ostravia to refrain from violence and to resolve their "
         "differences peacefully.", ["https://www.dirco.gov.za/south-africa-calls-for-calm-in-ostravia/"]),
        ("Canada condemns the unconstitutional change of government in Ostravia and calls for the swift return to "
         "civilian rule.", ["https://www.canada.ca/en/global-affairs/news/2025/06/statement-on-the-coup-in-ostravia.html"])]
