"""Hostile input that held a crawl or an ingest for minutes: a pattern tried from each
character of a long run read the rest of the run again from each, a square (or a cube) of its length.  Each input here took the old pattern more than a
minute (the <meta> flood 45 s: no more of a page is read) and takes the new one milliseconds;
`guard`'s deadline turns a hang into a failure, it measures no speed.  What the patterns find on normal input is unchanged: the suites of
their modules (test_classify*, test_ingest_*) say so.
"""

from __future__ import annotations

import contextlib
import io
import signal

from pypdf import PdfReader, PdfWriter

from crawler.classify import classify, error_title
from crawler.extract import TITLE_CHARS, Extraction, extract
from crawler.ingest.dates import day_in_year
from crawler.ingest.footnotes import Footnote
from crawler.ingest.layout import Layout
from crawler.ingest.model import ParsedDocument, Statement
from crawler.ingest.numbering_faults import report_marks_left_in_quotes, report_unread_title_marks
from crawler.textclean import UNPRINTABLE, Vocabulary, fix_split_words, rejoin_hyphenation
from tests.test_classify import answer
from tests.web.pages import article_html, simple_pdf

HANG = 10  # seconds: the old patterns took minutes on these inputs, the new ones milliseconds
WORD = "a" * 100_000  # one word of a PDF's text layer, or of an article


@contextlib.contextmanager
def guard(seconds: float = HANG):
    """Fail, rather than hang the suite, when the work inside is still running after
    `seconds`: the regular-expression engine checks for signals as it runs."""
    def hung(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a pattern reads its input again from each character")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- titles ------------------------------------------------------------------

def test_an_error_title_s_runs_of_punctuation_are_read_once():
    """"oops" then 20,000 "!": the runs of non-word characters around the error's words were
    split between them every way (minutes); Google's own error title still matches."""
    with guard():
        assert error_title("oops" + "!" * 20_000 + "x") is None
    assert error_title("Error 404 (Not Found)!!1") == "Error 404 (Not Found)!!1"
    assert error_title("Oops!!! Page not found | The Daily") == "Oops!!! Page not found"


def test_a_title_s_long_run_of_spaces_is_split_once():
    """A title part is looked for from a run of spaces' first space only (from each, 100,000
    spaces with no separator after them were read again to their end: minutes)."""
    with guard():
        assert error_title("Page" + " " * 100_000 + "not found") == "Page not found"


def test_extraction_cuts_every_title_to_a_line():
    """An og:title (trafilatura's title, when the page has no <title>) and a PDF's /Title are
    cut as <title> and <h1> are: a hostile page cannot hand the classification a 4 KB title."""
    og = "Oops" + "!" * 4000 + "x"
    page = article_html("", ["The Ministry calls for an immediate ceasefire. " * 20],
                        extra_head=f'<meta property="og:title" content="{og}">')
    assert extract(page.encode(), "text/html", "https://news.example/a/b").title == og[:TITLE_CHARS]

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf(["The Ministry calls for a ceasefire."]))))
    writer.add_metadata({"/Title": "Page" + " " * 5000 + "x"})
    pdf = io.BytesIO()
    writer.write(pdf)
    extraction = extract(pdf.getvalue(), "application/pdf")
    assert extraction.status == "ok" and extraction.title == ("Page" + " " * 5000)[:TITLE_CHARS]


def test_extraction_keeps_no_terminal_control_in_a_title():
    """A title is text a terminal shows: the escapes a hostile page put in it (ESC ] 0 retitles
    the window, OSC 52 writes the clipboard, U+202E reverses what follows) reached the terminal
    through `search --format csv`, which prints the stored title as it is."""
    page = "<html><head><title>Page \x1b]0;OWNED\x07 \x1b[2J end \u202eevil</title></head><body>" + (
        "<p>The Ministry calls for an immediate ceasefire and the return of the displaced.</p>" * 20) + "</body></html>"
    title = extract(page.encode(), "text/html", "https://news.example/a/b").title
    assert title.split() == ["Page", "]0;OWNED", "[2J", "end", "evil"] and not UNPRINTABLE.search(title)


# --- the site's name in <meta> tags ---------------------------------------------

def test_a_page_of_unclosed_meta_tags_is_read_once_and_its_site_name_still_counts():
    """100 KB of unclosed "<meta" after the page's og:site_name: each was read to the end of
    the 100,000 characters read (45 s: no more can be read, so the guard is 5 s here).  The
    site name the page declares still makes "Page not found | Daily Bugle" an error page
    under the site's name, which a page that declares none is not."""
    head = b'<html><head><meta property="og:site_name" content="Daily Bugle">' + b"<meta" * 20_000
    extraction = Extraction("ok", text="The Ministry calls for an immediate ceasefire. " * 40,
                            title="Page not found | Daily Bugle")
    with guard(5):
        verdict = classify(answer(url="https://news.example/world/2020/ceasefire", body=head), extraction)
    assert verdict.cls == "soft-404"
    unnamed = classify(answer(url="https://news.example/world/2020/ceasefire", body=b"<html><head></head>"), extraction)
    assert unnamed.cls == "live"


# --- a long word in a PDF's text -------------------------------------------------

def test_a_long_word_s_compounds_are_read_once():
    with guard():
        assert Vocabulary(WORD + " the so-called truce").compounds == {"so-called": 1}


def test_a_long_word_s_line_end_hyphens_are_read_once():
    vocabulary = Vocabulary("illegitimate")
    with guard():
        assert rejoin_hyphenation(WORD + " the illegiti-\nmate vote", vocabulary) == WORD + " the illegitimate vote"


def test_a_long_word_s_spaces_before_hyphens_are_read_once():
    vocabulary = Vocabulary("")
    with guard():
        assert fix_split_words(WORD + " in Nagorno -Karabakh", vocabulary) == WORD + " in Nagorno-Karabakh"


def test_a_pdf_of_one_long_word_is_extracted():
    """A PDF of one word of 100,000 letters held an extraction worker for minutes."""
    with guard():
        extraction = extract(simple_pdf([WORD]), "application/pdf")
    assert (extraction.status, extraction.text) == ("ok", WORD)


# --- numbers in a letter's titles and quotes ---------------------------------------

def _letter(title: str, quote: str) -> tuple[ParsedDocument, Layout]:
    """A letter of one statement, its own footnote 2, that prints footnotes 1 to 3."""
    doc = ParsedDocument(kind="letter", sha256="0" * 64, path="letter.txt",
                         statements=[Statement(seq=1, quote=quote, title=title, footnote=2)])
    return doc, Layout(footnotes=[Footnote(number, f"https://gov.example/{number}", 1) for number in (1, 2, 3)])


def test_a_title_ending_with_a_long_run_of_numbers_is_read_from_its_end():
    """"1 1 1 …" (80,000 characters) broken by a number of five digits before "3,": the run
    was read to the break from each of its numbers (minutes).  The "3," after it is still
    said, footnote 3 cited by no statement."""
    doc, layout = _letter("Statement of Aria " + "1 " * 40_000 + "12345 3,", "The Ministry calls for a ceasefire.")
    with guard():
        said = report_unread_title_marks(doc, layout)
    assert said == [(None, 3)]
    assert doc.metadata["warnings"] == [
        "statement 1's title ends '3,' before its mark (read as footnote 2): marks printed together that cannot "
        "be read; footnote 3 cited by no statement; check its title and citations"]


def test_a_quote_s_long_number_is_read_once():
    """100,000 digits with no stop after them: read again from each digit (minutes).  The
    "2020.3" after them is still said (footnote 3 cited by no statement)."""
    doc, layout = _letter("Statement of Aria", "1" * 100_000 + " people voted in 2020.3")
    with guard():
        report_marks_left_in_quotes(doc, layout)
    assert doc.metadata["warnings"] == [
        "statement 1: its quote prints '2020.3', and footnote 3 is cited by no statement: left in the quote (the "
        "'.3' after '2020' may be its mark, or a decimal's digits); check the quote"]


# --- history: a page's changed words ------------------------------------------------------------

def test_a_changed_word_of_dots_after_a_digit_is_read_once():
    """A page's "1" then 100,000 dots then "x", among the words a change removed or added: the
    dots were split between a number's separators and its closing punctuation every way (about
    90 s); numbers with their punctuation still count as numbers."""
    from crawler.history import NUMBERS_CHANGED, text_change

    with guard():
        assert text_change("shared 12 times", "shared 1" + "." * 100_000 + "x times").kind != NUMBERS_CHANGED
    assert text_change("shared 12 times.", "shared 1,037 times.").kind == NUMBERS_CHANGED
    assert text_change("updated (12:05).", "updated (12:35).").kind == NUMBERS_CHANGED


# --- a narration's dates ------------------------------------------------------

def test_a_narrations_first_date_ends_the_reading_of_its_dates():
    """A day in another UN language first, then 20,000 English "1 May" that no "on" introduces:
    each of those was read with the whole narration before it (`_english_aside`) although the
    first day was the one said (half a minute; a 1 MB article's section, nine minutes)."""
    with guard():
        assert day_in_year("le 31 mars " + "then 1 May " * 20_000, 2020) == "2020-03-31"


def test_a_narration_of_english_asides_alone_is_read_in_linear_time():
    """20,000 English "1 May" no "on" introduces, then the day said: each aside looks for "on"
    in the few characters before it (`_ON_REACH`), not in the whole narration before it, which
    read the text 20,000 times (37 s)."""
    with guard():
        assert day_in_year("then 1 May " * 20_000 + "said on 31 March", 2020) == "2020-03-31"
    assert day_in_year("the con 31 March", 2020) is None   # "on" as a word, not a word's end
