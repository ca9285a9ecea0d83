"""Odd inputs, each with a clear answer: a redirect to no valid URL, or with an endless body, in
`citewatch ingest URL`, a table cell of a rich Text holding an unprintable, a quote list's
"(URL) accessed …" cell, and a contact_url message that says a mailto: URL is accepted.

(The extraction pool's deadline race is in tests/test_extractpool.py, the IPv4-mapped public
address in tests/test_refusals_more.py.)
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console as RichConsole
from rich.table import Table

from crawler import terminal
from crawler.check.sources import LocalFiles, cite
from tests.test_config_errors import invoke, one_line_error
from tests.test_hostile_regex import guard
from tests.test_ingest_cli import TABLES, counts, ingest
from tests.test_refusals_more import _through, proxy  # noqa: F401  (a fixture: a redirecting proxy on loopback)
from tests.test_refuse_rebinding import PUBLIC


# ---------------------------------------------------------------- ingest: a redirect to no valid URL


def test_ingest_says_a_redirect_to_no_valid_url_in_one_line(runner, db_path, proxy):  # noqa: F811
    # requests reads the Location inside send, even with allow_redirects=False: urlparse's
    # ValueError ("Invalid IPv6 URL") ended `citewatch ingest` with a traceback
    url = "http://statement.gov.example/letter.txt"
    proxy.location = "http://[::1/x"
    result = ingest(runner, db_path, url, env=_through(proxy, f"statement.gov.example={PUBLIC},*=fail"))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {url}: redirected to 'http://[::1/x', which is not a valid URL; download the document and pass its path"]
    assert proxy.seen == [url]
    assert counts(db_path) == dict.fromkeys(TABLES, 0)


# ---------------------------------------------------------------- a table cell of a rich Text


def test_a_text_cell_built_printable_measures_what_it_shows():
    # "\u202e" and "\x1b" are zero cells wide to rich; the console shows each as one U+FFFD, after
    # the table measured the cell without it: its column was a cell short, the word wrapped
    words = "reason \u202eevil \x1b[2J"

    def rendered(cell) -> list[str]:
        table = Table(terminal.key("id"), terminal.text("evidence"))
        table.add_row("1", cell)
        out = io.StringIO()
        terminal.Console(file=out, width=80).print(table)
        return out.getvalue().splitlines()

    as_text, as_str = rendered(terminal.printable_text(words, style="red")), rendered(terminal.printable(words))
    assert as_text == as_str
    assert len(as_text) == 5 and "reason \ufffdevil \ufffd[2J" in as_text[3]   # on one line, shown
    assert not any(ch in "\u202e\x1b" for line in as_text for ch in line)


def test_printable_text_is_what_rich_prints_unchanged():
    # a Text made printable needs nothing from terminal.Console: rich's own prints it the same
    out = io.StringIO()
    RichConsole(file=out, width=80).print(terminal.printable_text("a\x07b\nc", one_line=True))
    assert out.getvalue() == "a\ufffdb\ufffdc\n"


# ---------------------------------------------------------------- check: "(URL) accessed …"


@pytest.mark.parametrize("source, repairs", [
    ("(https://mfa.example/a) accessed 2 May 2020",
     ["dropped the access note 'accessed 2 May 2020' after the URL", "removed the '(' written before the URL",
      "dropped the ')' that ends the cell"]),
    ("“https://mfa.example/a”, retrieved on 2 May 2020.",
     ["dropped the access note 'retrieved on 2 May 2020' after the URL", "removed the '“' written before the URL",
      "dropped the closing quote mark that ends the cell"]),
])
def test_a_url_in_parentheses_or_quotes_then_an_access_note_is_read(tmp_path, source, repairs):
    # each alone was read; together the cell was "neither a URL, an @handle nor a local file"
    cited = cite(source, tmp_path, LocalFiles(1000), "http://127.0.0.1:9")
    assert (cited.url, cited.printed, cited.repairs) == ("https://mfa.example/a", source, repairs)


# ---------------------------------------------------------------- contact_url: mailto: is accepted too


@pytest.mark.parametrize("value", ["mailto:", "ops@example.org", "http://[x"])
def test_a_contact_url_refused_says_a_mailto_url_would_do(runner, value):
    # it said "is not an http(s) URL; write it like https://example.org/about-our-crawler", though a
    # mailto: contact loads; and "http://[x" ended the command with urlsplit's ValueError
    one_line_error(invoke(runner, "settings", env={"CITEWATCH_CONTACT_URL": value}),
                   f"Error: CITEWATCH_CONTACT_URL: {value} is not an http(s) URL nor a mailto: URL; write it like "
                   "https://example.org/about-our-crawler or mailto:you@example.org")


# ---------------------------------------------------------------- ingest: a redirect's body is not read


def test_ingest_follows_a_redirect_without_reading_its_endless_body(runner, db_path, web):
    # requests' Session.send read a redirect's whole body into memory, before any size limit:
    # a 302 whose body never ends held `citewatch ingest URL` for ever
    url = web["main"] + "/crawl/redirect-endless-body"
    with guard(30):
        result = ingest(runner, db_path, url, env={"CITEWATCH_ALLOW_PRIVATE_NETWORKS": "1",
                                                    "CITEWATCH_INGEST_MAX_BYTES": "2000000"})
    assert result.exit_code == 0, result.output
    assert counts(db_path)["statements"] == 42
