"""`citewatch search`: the stored texts that hold some words, over the real FTS5 index."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import db as database
from crawler import search
from crawler.cli import cli
from tests.factories import Factory
from tests.test_reconcile_superseded import changing_page, fetched_at, live_texts  # noqa: F401 (a fixture: a test web page that changes)

LIVE = "The ministry is deeply concerned by the closure of the border and calls for restraint."
OTHER = "Restraint is what the border guards were told; the ministry was not concerned at all."
MEMENTO = "In April the ministry was deeply concerned by the closure of the border crossings."
ROTTEN = "Welcome to our home page: the ministry is deeply concerned by the closure of the border."


@pytest.fixture
def stored(tmp_path):
    """A database with a live text, another source's text, a memento and a memento that
    turned out to be the site's home page (its fetch classed redirected-to-root)."""
    path = tmp_path / "cw.db"
    db = database.open_db(path)
    f = Factory(db)
    crawl = f.crawl("2026-11-01T00:00:00+00:00")
    first, second = f.source("https://mfa.example/statement"), f.source("https://news.example/border")
    ids = {}
    f.fetch(crawl, first, "live", text=LIVE, title="Statement on the border")
    f.fetch(crawl, second, "live", text=OTHER, title="Border guards")
    ids["live"], ids["other"] = (db.execute("select id from texts where source_id = ?", [s]).fetchone()[0]
                                 for s in (first, second))
    good = f.fetch(crawl, first, "live", purpose="memento", final_url="https://web.archive.org/web/20200401000000/x")
    ids["memento"] = f.text(first, MEMENTO, origin="memento", fetch_id=good, memento_timestamp="20200401000000")
    bad = f.fetch(crawl, second, "redirected-to-root", purpose="memento",
                  final_url="https://web.archive.org/web/20200402000000/https://news.example/")
    ids["rotten"] = f.text(second, ROTTEN, origin="memento", fetch_id=bad, memento_timestamp="20200402000000")
    return db, path, ids


def test_every_word_in_any_order_best_first_with_the_words_marked(stored):
    db, _, ids = stored
    hits = search.search(db, "concerned border restraint")
    assert {h["text_id"] for h in hits} == {ids["live"], ids["other"]}  # the memento lacks "restraint"
    live = next(h for h in hits if h["text_id"] == ids["live"])
    assert live["url"] == "https://mfa.example/statement" and live["origin"] == "live"
    assert search.marked(live["snippet"], "<", ">").count("<") == 3 and "<concerned>" in search.marked(live["snippet"], "<", ">")


def test_a_phrase_keeps_its_order(stored):
    db, _, ids = stored
    assert {h["text_id"] for h in search.search(db, "deeply concerned by the closure", mode="phrase")} == {ids["live"], ids["memento"]}
    assert search.search(db, "concerned deeply", mode="phrase") == []
    assert {h["text_id"] for h in search.search(db, "concerned deeply")} == {ids["live"], ids["memento"]}


@pytest.mark.parametrize("query, mode, context", [
    ("statement the border", "words", "(title) <Statement> on <the> <border>"),   # the text holds "the border" only
    ("statement on the", "phrase", "(title) <Statement on the> border"),
    ("statement AND border", "fts", "(title) <Statement> on the <border>"),
])
def test_a_match_in_the_title_alone_shows_the_title_and_says_so(stored, query, mode, context):
    """The words in context were the text's always, an unrelated sentence
    with no sign that the hit is the page's title."""
    db, _, ids = stored
    [hit] = search.search(db, query, mode=mode)
    assert hit["text_id"] == ids["live"] and search.marked(hit["snippet"], "<", ">") == context


@pytest.mark.parametrize("query, mode, holder, context", [
    ("border guards", "phrase", "other", "Restraint is what the <border guards> were told; the ministry was not "
                                         "concerned at all."),                           # in the title and the text
    ("statement restraint", "words", "live", "The ministry is deeply concerned by the closure of the border and "
                                             "calls for <restraint>."),                 # one word in each
])
def test_a_match_the_text_holds_or_shares_with_the_title_shows_the_text(stored, query, mode, holder, context):
    db, _, ids = stored
    [hit] = search.search(db, query, mode=mode)
    assert hit["text_id"] == ids[holder] and search.marked(hit["snippet"], "<", ">") == context


def test_a_memento_that_is_another_page_is_not_searched(stored):
    db, _, ids = stored
    hits = search.search(db, "welcome home page")
    assert hits == []  # only the rotten memento holds these words
    memento = next(h for h in search.search(db, "crossings") if h["text_id"] == ids["memento"])
    assert (memento["origin"], memento["memento_timestamp"]) == ("memento", "20200401000000")


@pytest.mark.parametrize("pasted, holder", [('"deeply concerned', "live memento"), ("concerned: AND border*", "live"),
                                            ("(border) calls -", "live"), ("was NOT concerned", "other")])
def test_a_pasted_quote_is_words_not_query_syntax(stored, pasted, holder):
    db, _, ids = stored
    # FTS5 would read these as syntax (an open quote, a column filter, AND, a prefix, a group,
    # NOT) and fail or change the meaning; as words, each one must be in the text.
    assert {h["text_id"] for h in search.search(db, pasted)} == {ids[h] for h in holder.split()}


def test_fts_syntax_for_those_who_ask_and_a_clear_error_when_it_is_wrong(stored):
    db, _, ids = stored
    assert {h["text_id"] for h in search.search(db, "restraint NOT deeply", mode="fts")} == {ids["other"]}
    with pytest.raises(search.SearchError, match=r"^'NEAR\(' is not an FTS5 query .*drop --fts"):
        search.search(db, "NEAR(", mode="fts")
    with pytest.raises(search.SearchError, match="the query is empty"):
        search.search(db, "   ")


def test_the_command_at_80_columns_keeps_each_url_whole(stored):
    _, path, ids = stored
    result = CliRunner().invoke(cli, ["search", "--db", str(path), "concerned border"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    # the URL may fold across lines of its cell, but every character is there, in order
    cells = "".join(line.split("│")[2].strip() for line in lines if line.count("│") == 5)
    assert "https://mfa.example/statement" in cells and "https://news.example/border" in cells
    assert "2020-04-01 00:00 UTC" in result.output and lines[-1] == "3 texts"


def test_the_command_writes_csv_and_json_and_says_when_there_are_more(stored):
    _, path, ids = stored
    runner = CliRunner()
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["search", "--db", str(path), "ministry", "--format", "csv"]).output)))
    assert {int(r["text_id"]) for r in rows} == {ids["live"], ids["other"], ids["memento"]}
    assert all("**ministry**" in r["snippet"] for r in rows)
    data = json.loads(runner.invoke(cli, ["search", "--db", str(path), "ministry", "--format", "json", "--limit", "1"]).output)
    assert len(data) == 1 and set(data[0]) == set(search.FIELDS)
    table = runner.invoke(cli, ["search", "--db", str(path), "ministry", "--limit", "2"])
    assert table.output.splitlines()[-1] == "2 texts (there are more: raise --limit)"


def test_the_command_refuses_a_missing_database_and_a_bad_query_in_one_line(stored, tmp_path):
    _, path, _ = stored
    runner = CliRunner()
    missing = runner.invoke(cli, ["search", "--db", str(tmp_path / "nope.db"), "border"])
    assert missing.exit_code == 1 and missing.output.startswith("Error: no database at") and not (tmp_path / "nope.db").exists()
    bad = runner.invoke(cli, ["search", "--db", str(path), "--fts", "NEAR("])   # a bad argument: a usage error
    assert bad.exit_code == 2 and bad.output.splitlines()[-1].startswith("Error: ") and "drop --fts" in bad.output


def test_a_long_paste_is_echoed_cut_to_one_line_in_the_title_and_the_error(stored):
    _, path, _ = stored
    pasted = " ".join(["the ministry is deeply concerned by the closure"] * 600)   # 4,800 words
    runner = CliRunner()
    table = runner.invoke(cli, ["search", "--db", str(path), pasted], env={"COLUMNS": "80"})
    assert table.exit_code == 0 and table.output.splitlines()[0].strip() == (
        "citewatch search: the ministry is deeply concerned by the closure the…")
    bad = runner.invoke(cli, ["search", "--db", str(path), "--fts", pasted + " NEAR("])
    error = bad.output.splitlines()[-1]   # (after click's usage lines: a bad argument is a usage error)
    assert bad.exit_code == 2 and error.startswith("Error: ") and len(error) < 200, bad.output


@pytest.mark.parametrize("query", ["...", "“ ” — «»", "*"])
def test_a_query_of_punctuation_alone_is_refused_not_an_empty_answer(stored, query):
    _, path, _ = stored
    result = CliRunner().invoke(cli, ["search", "--db", str(path), query])
    assert result.exit_code == 2 and result.output.endswith(
        f"\nError: {query!r} has no words, only punctuation; give the words to look for\n")   # (a usage error)


def test_the_largest_limit_is_every_text(stored):
    _, path, _ = stored
    result = CliRunner().invoke(cli, ["search", "--db", str(path), "ministry", "--limit", str(2 ** 63 - 1)])
    assert result.exit_code == 0 and result.output.splitlines()[-1] == "3 texts", result.output


def test_a_database_with_no_texts_yet_says_so_rather_than_no_match(tmp_path):
    path = tmp_path / "ingested.db"
    Factory(database.open_db(path)).source("https://mfa.example/statement")
    runner = CliRunner()
    table = runner.invoke(cli, ["search", "--db", str(path), "border"])
    assert table.stdout == "the database holds no texts yet: run `citewatch crawl` (and archive, resolve) first\n"  # one line
    csv_out = runner.invoke(cli, ["search", "--db", str(path), "border", "--format", "csv"])
    assert csv_out.stdout == ",".join(search.CSV_FIELDS) + "\n" and "no texts yet" in csv_out.stderr


def test_a_cited_accounts_posts_say_which_post_holds_the_words(tmp_path):
    """Two posts of one cited account share its url: each hit says where its text was read."""
    path = tmp_path / "posts.db"
    db = database.open_db(path)
    f = Factory(db)
    account = f.source("https://twitter.com/MFAexample", kind="twitter")
    posts = {n: f"https://nitter.example/MFAexample/status/{n}" for n in (111, 222)}
    for n, url in posts.items():
        f.text(account, f"Post {n}: the ministry is deeply concerned.", origin="post", url=url)
    data = json.loads(CliRunner().invoke(cli, ["search", "--db", str(path), "concerned", "--format", "json"]).output)
    assert {(h["url"], h["text_url"]) for h in data} == {("https://twitter.com/MFAexample", u) for u in posts.values()}
    table = CliRunner().invoke(cli, ["search", "--db", str(path), "concerned"]).output
    sources = "".join(line.split("│")[2].strip() for line in table.splitlines() if line.count("│") == 5)
    assert all(f"post:{url}" in sources for url in posts.values()), table


# ---------------------------------------------------------------- when each reading was read

SAID = "The ministry does not recognise the so-called elections in the region."
SAYS = "The ministry has published a statement on the region."


def page_body(text: str) -> str:
    """The body Factory.fetch stores for a text titled "Statement" (a fetch of the same bytes again)."""
    return f"<html><title>Statement</title><p>{text}</p></html>"


@pytest.fixture
def reread(tmp_path):
    """A page read at 20:33 with the quote, at 20:42 without it (the quote's words removed), its
    memento of 2020, and a second page changed at 20:42 and changed back at 20:50 (the same bytes
    as first read: no new text is stored, the first one is the page as read last)."""
    path = tmp_path / "reread.db"
    db = database.open_db(path)
    f = Factory(db)
    first, second, third = (f.crawl(f"2026-11-28T20:{m}:05+00:00") for m in ("33", "42", "50"))
    page, back = f.source("http://127.0.0.1:8000/my/a"), f.source("http://127.0.0.1:8000/my/b")
    f.fetch(first, page, "live", text=SAID, title="Statement")
    f.fetch(second, page, "live", text=SAYS, title="Statement")
    capture = f.fetch(second, page, "live", purpose="memento", final_url="https://web.archive.org/web/20200401120000/x")
    f.fetch(first, back, "live", text="Back: " + SAID, title="Statement")
    f.fetch(second, back, "live", text="Back: " + SAYS, title="Statement")
    f.fetch(third, back, "live", body=page_body("Back: " + SAID))
    ids = {name: db.execute("select id from texts where text = ?", [text]).fetchone()[0]
           for name, text in (("said", SAID), ("says", SAYS), ("back", "Back: " + SAID), ("left", "Back: " + SAYS))}
    ids["memento"] = f.text(page, SAID, origin="memento", fetch_id=capture, memento_timestamp="20200401120000")
    return db, path, ids


def test_an_earlier_reading_of_a_page_read_otherwise_since_says_so_and_when(reread):
    """The live page no longer holds the quote; its earlier reading is listed
    as such, with the time it was read, never as the live page."""
    _, path, ids = reread
    runner = CliRunner()
    table = runner.invoke(cli, ["search", "--db", str(path), "does not recognise the so-called elections"],
                          env={"COLUMNS": "120"})
    assert table.exit_code == 0, table.output
    rows = {line.split("│")[1].strip(): line.split("│")[3].strip() for line in table.output.splitlines()
            if line.count("│") == 5 and line.split("│")[1].strip()}
    assert set(rows) == {str(ids[name]) for name in ("said", "back", "memento")}   # the live page lacks the words
    assert rows[str(ids["said"])] == "earlier reading," and rows[str(ids["back"])] == "live, read", table.output
    assert rows[str(ids["memento"])] == "memento"
    assert "2026-11-28 20:33 UTC" in table.output and "2026-11-28 20:50 UTC" in table.output
    assert "2020-04-01 12:00 UTC" in table.output
    data = json.loads(runner.invoke(cli, ["search", "--db", str(path), "ministry region", "--format", "json"]).output)
    assert {h["text_id"]: (h["origin"], h["read_at"], h["superseded"]) for h in data} == {
        ids["said"]: ("live", "2026-11-28T20:33:05+00:00", True),
        ids["says"]: ("live", "2026-11-28T20:42:05+00:00", False),
        ids["back"]: ("live", "2026-11-28T20:50:05+00:00", False),     # changed back: read last at 20:50
        ids["left"]: ("live", "2026-11-28T20:42:05+00:00", True),
        ids["memento"]: ("memento", "2020-04-01T12:00:00+00:00", False),
    }
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["search", "--db", str(path), "elections",
                                                               "--format", "csv"]).output)))
    assert {int(r["text_id"]): (r["read_at"], r["superseded"]) for r in rows} == {
        ids["said"]: ("2026-11-28T20:33:05+00:00", "true"), ids["back"]: ("2026-11-28T20:50:05+00:00", "false"),
        ids["memento"]: ("2020-04-01T12:00:00+00:00", "false")}


def test_a_page_cited_by_two_urls_is_read_as_one_page_when_it_was_read_under_either(tmp_path):
    """One page reached by two cited URLs is stored under both sources, and listed once, under
    the first: whether it is an earlier reading, and when it was read, are the page's as read
    last under either.  Here one page was read since under the second URL without the quote (an
    earlier reading, not the live page), the other read again with it under the second URL
    (the live page, read then)."""
    db = database.open_db(tmp_path / "two.db")
    f = Factory(db)
    first, second, third = (f.crawl(f"2026-11-28T20:{m}:05+00:00") for m in ("33", "42", "50"))
    dropped, kept = "http://127.0.0.1:8000/my/dropped", "http://127.0.0.1:8000/my/kept"
    sources = {name: f.source(url) for name, url in (("dropped", dropped), ("dropped_cited", dropped + "?ref=letter"),
                                                    ("kept", kept), ("kept_cited", kept + "?ref=letter"))}
    for name, url, text in (("dropped", dropped, SAID), ("kept", kept, "Again: " + SAID)):
        for source in (sources[name], sources[name + "_cited"]):
            f.fetch(first, source, "live", text=text, title="Statement", final_url=url)
    f.fetch(second, sources["dropped_cited"], "live", text=SAYS, title="Statement", final_url=dropped)
    f.fetch(second, sources["kept"], "live", text="Again: " + SAYS, title="Statement", final_url=kept)
    f.fetch(third, sources["kept_cited"], "live", body=page_body("Again: " + SAID), final_url=kept)
    hits = search.search(db, "does not recognise the so-called elections")
    assert [(h["source_id"], h["other_source_ids"], h["read_at"], h["superseded"]) for h in hits] == [
        (sources["dropped"], [sources["dropped_cited"]], "2026-11-28T20:33:05+00:00", True),
        (sources["kept"], [sources["kept_cited"]], "2026-11-28T20:50:05+00:00", False)]


def test_a_post_and_a_local_file_say_when_they_were_read(post_twice):
    """A post read from a mirror and a local file: when stored; a post's memento: its capture."""
    db, path, ids = post_twice
    local = Factory(db).text(Factory(db).source("file:///tmp/statement.txt", kind="local"), POST, origin="local",
                             created_at="2026-11-20T08:00:00+00:00")
    db.conn.commit()
    data = json.loads(CliRunner().invoke(cli, ["search", "--db", str(path), "shelling", "--format", "json"]).output)
    assert {h["text_id"]: (h["read_at"], h["superseded"]) for h in data} == {
        ids["post"]: ("2026-01-01T00:00:00+00:00", False), ids["page"]: ("2026-01-01T00:00:00+00:00", False),
        ids["memento"]: ("2020-04-01T00:00:00+00:00", False), local: ("2026-11-20T08:00:00+00:00", False)}
    table = CliRunner().invoke(cli, ["search", "--db", str(path), "shelling"], env={"COLUMNS": "120"}).output
    assert "post, memento" in table and "local, read" in table and "2026-11-20 08:00 UTC" in table


def test_the_rows_are_read_no_further_than_the_readings_listed(post_twice):
    """readings() stops at its limit, then reads the rows of the texts it lists alone, for the
    other sources storing them (the status source of a post ranked after the limit): not every
    matching row, as before (56-74 ms for 2,000 matching texts)."""
    db, _, ids = post_twice
    f = Factory(db)
    for n in range(30):
        f.text(f.source(f"https://news.example/{n}"), f"Report {n}: " + "the talks went on. " * 20 + "shelling.")
    rows, read = search._ranked(db, "texts_fts join texts on texts.rowid = texts_fts.rowid", ["texts_fts match ?"],
                                ['"shelling"'], "texts_fts.rank, texts.id"), []

    def counted(among=None):
        for row in rows(among):
            read.append(row["text_id"])
            yield row

    everything = list(rows())
    hits = search.readings(counted, 2)
    assert [h["text_id"] for h in hits] == [r["text_id"] for r in everything][:2]
    assert len(everything) == 34 and len(read) < 10, read
    # the first reading's copy under the status source is named, though read after the limit
    assert [(h["text_id"], h["other_source_ids"]) for h in search.search(db, "shelling", limit=1)] == [
        (ids["post"], [ids["status"]])]


# ---------------------------------------------------------------- ё is е (m014_search_fold_yo)

RUSSIAN = "Министерство признаёт, что ЁЛКА ещё стоит у границы, и мой ответ остаётся прежним."
WRITTEN_WITH_E = "Правительство признает итоги выборов и еще раз призывает к сдержанности."


@pytest.fixture
def russian(tmp_path):
    """A text written with ё (and a capital Ё) and another written with е, through the triggers."""
    path = tmp_path / "ru.db"
    db = database.open_db(path)
    f = Factory(db)
    ids = {"yo": f.text(f.source("https://mid.example/ru/statement"), RUSSIAN, title="Заявление МИД, всё о границе"),
           "ye": f.text(f.source("https://gov.example/ru/news"), WRITTEN_WITH_E)}
    return db, path, ids


@pytest.mark.parametrize("query, mode, holders", [
    ("признает", "words", "yo ye"), ("ПРИЗНАЁТ итоги", "words", "ye"), ("елка стоит", "words", "yo"),
    ("признае\u0308т", "words", "yo ye"),           # ё as е and a combining diaeresis (NFD)
    ("все о границе", "words", "yo"),                 # the title is folded too
    ("еще стоит у границы", "phrase", "yo"), ("ещё раз призывает", "phrase", "ye"),
    ("признае*", "fts", "yo ye"), ("NEAR(елка стоит, 2) OR итоги", "fts", "yo ye"),
])
def test_yo_and_ye_are_one_letter_in_every_mode(russian, query, mode, holders):
    db, _, ids = russian
    assert {h["text_id"] for h in search.search(db, query, mode=mode)} == {ids[h] for h in holders.split()}


def test_no_other_letter_is_folded_and_a_phrase_keeps_its_order(russian):
    db, _, ids = russian
    assert {h["text_id"] for h in search.search(db, "мой ответ остается")} == {ids["yo"]}
    assert search.search(db, "мои") == []             # й is another letter: "мой" is not "мои"
    hedgehog = Factory(db).text(Factory(db).source("https://mfa.example/ua"), "Їжак у тумані.")
    assert search.search(db, "іжак") == [] and [h["text_id"] for h in search.search(db, "їжак")] == [hedgehog]
    assert search.search(db, "стоит еще", mode="phrase") == []
    assert search.search(db, "ЁЛКА граница") == []    # "границы" is not "граница": no stemming either


def test_the_snippet_shows_the_text_as_written_with_its_yo(russian):
    db, path, ids = russian
    hit = next(h for h in search.search(db, "признает елка") if h["text_id"] == ids["yo"])
    assert search.marked(hit["snippet"], "<", ">") == ("Министерство <признаёт>, что <ЁЛКА> ещё стоит у границы, "
                                                       "и мой ответ остаётся прежним.")
    phrase = search.search(db, "еще стоит у границы", mode="phrase")
    assert "<ещё стоит у границы>" in search.marked(phrase[0]["snippet"], "<", ">")
    data = json.loads(CliRunner().invoke(cli, ["search", "--db", str(path), "--phrase", "остается прежним",
                                               "--format", "json"]).output)
    assert [(h["text_id"], h["snippet"]) for h in data] == [
        (ids["yo"], "Министерство признаёт, что ЁЛКА ещё стоит у границы, и мой ответ **остаётся прежним**.")]


def test_reconcile_s_search_for_a_misattributed_quote_reads_the_folded_index_too(russian):
    """Every MATCH of texts_fts folds its query: a quote whose long words all hold ё is still
    found in another stored text (reconcile `misattribution`)."""
    from crawler import reconcile
    from crawler.verdicts import THRESHOLDS

    db, _, _ = russian
    f = Factory(db)
    quote = "Всё ещё признаёт её объёмы, её счёт и её учёт."
    elsewhere = f.text(f.source("https://mid.example/ru/other"), f"Заявление МИД. {quote} Конец.")
    assert [(h["text_id"], h["verdict"]) for h in reconcile.misattribution(db, quote, [], set(), THRESHOLDS)] == [
        (elsewhere, "verbatim")]


def integrity(db, index: str = "texts_fts", tokenize: str = "unicode61", which: str = "1") -> None:
    """`index` is whole and holds the words (tokens of `tokenize`) of every text `which` picks,
    folded, at their places, and nothing else.  FTS5's own 'integrity-check' checks the index's
    structure only (`rank = 1` would compare it with the unfolded texts and always object, see
    m014_search_fold_yo), so the index's every (word, text, column, place) is compared with an
    index built anew."""
    db.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
    db.execute(f"CREATE VIRTUAL TABLE temp.fresh USING fts5(title, text, tokenize='{tokenize}')")
    db.execute("INSERT INTO temp.fresh (rowid, title, text) SELECT rowid, replace(replace(title, 'ё', 'е'), 'Ё', 'Е'), "
               f"replace(replace(text, 'ё', 'е'), 'Ё', 'Е') FROM texts WHERE {which}")
    for name, table in (("held", f"main, {index}"), ("fresh_words", "temp, fresh")):
        db.execute(f"CREATE VIRTUAL TABLE temp.{name} USING fts5vocab({table}, instance)")
    try:
        held, fresh = (sorted(db.execute(f"SELECT term, doc, col, offset FROM temp.{name}").fetchall())
                       for name in ("held", "fresh_words"))
        assert held == fresh and held
    finally:
        for name in ("held", "fresh_words", "fresh"):
            db.execute(f"DROP TABLE temp.{name}")


def test_a_database_at_m013_is_reindexed_and_stays_whole_as_texts_go_and_change(tmp_path):
    import sqlite_utils

    from db.migrations import migrations

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m014_search_fold_yo")
    f = Factory(old)
    ids = {"yo": f.text(f.source("https://mid.example/ru/statement"), RUSSIAN),
           "ye": f.text(f.source("https://gov.example/ru/news"), WRITTEN_WITH_E)}
    gone = f.text(f.source("https://mid.example/ru/old"), "Всё сказанное ранее остаётся в силе.")
    before = {row[0] for row in old.execute("select rowid from texts_fts where texts_fts match 'признает'")}
    assert before == {ids["ye"]}   # before: ё missed (search itself needs every migration: texts_unspaced)
    old.conn.close()

    db = database.open_db(path)
    assert {h["text_id"] for h in search.search(db, "признает")} == {ids["yo"], ids["ye"]}
    assert {h["text_id"] for h in search.search(db, "всё сказанное остается")} == {gone}
    integrity(db)
    db.execute("DELETE FROM texts WHERE id = ?", [gone])                       # a text removed (trigger texts_ad)
    db.execute("UPDATE texts SET text = ? WHERE id = ?", ["Ещё одно заявление: МИД отвергает всё.", ids["yo"]])
    f = Factory(db)
    added = f.text(f.source("https://mid.example/ru/new"), "Позиция остаётся неизменной, решённой.")
    db.conn.commit()
    integrity(db)
    assert search.search(db, "остается сказанное") == []
    assert {h["text_id"] for h in search.search(db, "признаёт")} == {ids["ye"]}  # the old words left the index
    assert {h["text_id"] for h in search.search(db, "еще отвергает")} == {ids["yo"]}
    assert {h["text_id"] for h in search.search(db, "остается решенной")} == {added}
    # the check is not idle: a 'delete' given the text unfolded (the triggers before m014) corrupts the index
    db.execute("INSERT INTO texts_fts (texts_fts, rowid, title, text) SELECT 'delete', rowid, title, text "
               "FROM texts WHERE id = ?", [added])
    with pytest.raises(AssertionError):
        integrity(db)


# ---------------------------------------------------------------- one hit per reading

POST = "The ministry is deeply concerned by the shelling of the border villages."
STATUS = "https://twitter.com/MFAexample/status/111"


@pytest.fixture
def post_twice(tmp_path):
    """A post stored under its account's source and, later, under its own status source (as
    resolve stores it), the same words on a news page, and the post's memento of 2020."""
    path = tmp_path / "twice.db"
    db = database.open_db(path)
    f = Factory(db)
    account = f.source("https://twitter.com/MFAexample", kind="twitter")
    news = f.source("https://news.example/quote")
    status = f.source(STATUS, kind="twitter")
    ids = {"account": account, "news": news, "status": status,
           "post": f.text(account, POST, origin="post", url=STATUS),
           "page": f.text(news, POST, url="https://news.example/quote")}
    f.text(status, POST, origin="post", url=STATUS)
    ids["memento"] = f.text(status, POST, origin="post", url=STATUS, memento_timestamp="20200401000000")
    return db, path, ids


def test_a_post_under_its_account_and_its_status_is_one_hit_naming_both(post_twice):
    db, _, ids = post_twice
    hits = search.search(db, "shelling villages")
    assert [(h["text_id"], h["source_id"], h["other_source_ids"], h["other_urls"]) for h in hits] == [
        (ids["post"], ids["account"], [ids["status"]], [STATUS]),
        (ids["page"], ids["news"], [], []),              # the same words read at another place
        (ids["memento"], ids["status"], [], []),         # and read in a memento: when counts
    ]
    assert "**shelling**" in search.marked(hits[0]["snippet"], "**", "**")
    # the limit counts hits, and a hit names its other sources even when they rank after it
    assert [(h["text_id"], h["other_source_ids"]) for h in search.search(db, "shelling", limit=1)] == [
        (ids["post"], [ids["status"]])]


def test_every_format_lists_a_post_once_with_its_other_sources(post_twice):
    _, path, ids = post_twice
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(cli, ["search", "--db", str(path), "shelling", *args])
        assert result.exit_code == 0, result.output
        return result.output

    rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
    assert [(int(r["text_id"]), r["other_source_ids"], r["other_urls"]) for r in rows] == [
        (ids["post"], str(ids["status"]), STATUS), (ids["page"], "", ""), (ids["memento"], "", "")]
    data = json.loads(run("--format", "json"))
    assert [json.loads(line) for line in run("--format", "jsonl").splitlines()] == data
    assert [(h["text_id"], h["other_source_ids"], h["other_urls"]) for h in data] == [
        (ids["post"], [ids["status"]], [STATUS]), (ids["page"], [], []), (ids["memento"], [], [])]
    table = run()
    # the source column, its cells' lines joined (a narrow terminal folds a URL across lines)
    sources = "".join(line.split("│")[2] for line in table.splitlines() if line.count("│") == 5).replace(" ", "")
    assert sources == f"https://twitter.com/MFAexamplealso:{STATUS}post:{STATUS}https://news.example/quote{STATUS}", table
    assert table.splitlines()[-1] == "3 texts"
    limited = run("--limit", "1")
    assert "also:" in limited and limited.splitlines()[-1] == "1 text (there are more: raise --limit)"


# ---------------------------------------------------------------- scripts without spaces (m016_search_unspaced_scripts)

CHINESE = ("2020年9月28日，中华人民共和国外交部发言人汪文斌表示，中方对纳卡地区局势深表关切，"
           "呼吁有关各方保持克制，通过对话协商和平解决分歧。")
JAPANESE = "外務省は、ナゴルノ・カラバフ地域における戦闘の激化を深く憂慮している。"
THAI = "กระทรวงการต่างประเทศขอแสดงความกังวลอย่างยิ่งต่อสถานการณ์"


@pytest.fixture
def unspaced(tmp_path):
    """Texts in Chinese (one with a Chinese title only), Japanese and Thai, an English text,
    and a Chinese memento that turned out to be the site's home page."""
    path = tmp_path / "zh.db"
    db = database.open_db(path)
    f = Factory(db)
    crawl = f.crawl("2026-11-01T00:00:00+00:00")
    zh = f.source("https://fmprc.example/zh/statement")
    ids = {"zh": f.text(zh, CHINESE, title="外交部发言人答记者问"),
           "ja": f.text(f.source("https://mofa.example/ja"), JAPANESE),
           "th": f.text(f.source("https://mfa.example/th"), THAI),
           "titled": f.text(f.source("https://news.example/en"), "The spokesman spoke at length.", title="记者会"),
           "en": f.text(f.source("https://mfa.example/en"), LIVE)}
    home = f.fetch(crawl, zh, "redirected-to-root", purpose="memento",
                   final_url="https://web.archive.org/web/20200402000000/https://fmprc.example/")
    f.text(zh, "欢迎访问外交部网站。" + CHINESE, origin="memento", fetch_id=home, memento_timestamp="20200402000000")
    return db, path, ids


@pytest.mark.parametrize("query, mode, holders", [
    ("外交部", "words", "zh"),                  # inside a run of Chinese up to the next comma: one word to unicode61
    ("关切", "words", "zh"),                    # two letters: no trigram holds them
    ("外交部 保持克制", "words", "zh"), ("保持克制 外交部", "words", "zh"),
    ("外交部 不存在的词", "words", ""), ("外交部 zz", "words", ""),
    ("外交部发言人汪文斌", "phrase", "zh"), ("汪文斌外交部发言人", "phrase", ""),
    ("记者", "words", "zh titled"),            # the titles are searched too
    ("ナゴルノ・カラバフ", "phrase", "ja"), ("憂慮", "words", "ja"), ("ความกังวล", "words", "th"),
    ('"外交部" OR "外務省"', "fts", "zh ja"),
])
def test_a_word_inside_a_run_of_letters_without_spaces_is_found(unspaced, query, mode, holders):
    db, _, ids = unspaced
    assert {h["text_id"] for h in search.search(db, query, mode=mode)} == {ids[h] for h in holders.split()}


def test_the_unicode61_index_alone_misses_them_and_the_trigram_index_holds_no_other_text(unspaced):
    db, _, ids = unspaced
    assert db.execute("select count(*) from texts_fts where texts_fts match '\"外交部\"'").fetchone()[0] == 0
    indexed = {row[0] for row in db.execute("select rowid from texts_unspaced where texts_unspaced match 'the'")}
    assert indexed == {ids["titled"]}   # an English text is indexed only for its Chinese title
    assert search.search(db, "deeply concerned")[0]["text_id"] == ids["en"]


def test_the_words_in_context_mark_every_word_found_around_the_first(unspaced):
    db, _, ids = unspaced
    hit = search.search(db, "关切 外交部")[0]
    assert search.marked(hit["snippet"], "<", ">") == (
        "2020年9月28日，中华人民共和国<外交部>发言人汪文斌表示，中方对纳卡地区局势深表<关切>，呼吁有关各方保…")
    assert search.marked(search.search(db, "和平")[0]["snippet"], "<", ">") == (
        "…方对纳卡地区局势深表关切，呼吁有关各方保持克制，通过对话协商<和平>解决分歧。")  # 30 letters before
    assert search.marked(search.search(db, "发言人 外交部")[0]["snippet"], "<", ">").startswith(
        "2020年9月28日，中华人民共和国<外交部发言人>汪文斌")   # side by side: one mark, no "****" in Markdown
    titled = next(h for h in search.search(db, "记者") if h["text_id"] == ids["titled"])
    assert search.marked(titled["snippet"], "<", ">") == "(title) <记者>会"   # the text lacks it: the title's, said so
    [both] = search.search(db, "外交部 记者")   # the text holds 外交部 alone, the title both
    assert search.marked(both["snippet"], "<", ">") == "(title) <外交部>发言人答<记者>问"
    [phrase] = search.search(db, "答记者问", mode="phrase")
    assert (phrase["text_id"], search.marked(phrase["snippet"], "<", ">")) == (ids["zh"], "(title) 外交部发言人<答记者问>")
    [fts] = search.search(db, '"外交部" AND "记者问"', mode="fts")   # FTS5's snippets of the trigram index
    assert search.marked(fts["snippet"], "<", ">") == "(title) <外交部>发言人答<记者问>"


def test_a_short_word_is_a_word_not_a_like_pattern(tmp_path):
    """LIKE's % and _ in a query are punctuation, as unicode61 reads them: no wildcard, and
    a number is a word ("0" is none of "50")."""
    db = database.open_db(tmp_path / "like.db")
    f = Factory(db)
    plain = f.text(f.source("https://a.example/"), "增长百分之五十，约50%。")
    counted = f.text(f.source("https://b.example/"), "增长百分之五十，约50个。")
    assert {h["text_id"] for h in search.search(db, "之五 50%")} == {plain, counted}
    assert search.search(db, "之五 0%") == []
    assert [h["text_id"] for h in search.search(db, "之五 _个")] == [counted]


def test_the_cli_lists_a_chinese_hit(unspaced):
    _, path, ids = unspaced
    result = CliRunner().invoke(cli, ["search", "--db", str(path), "--format", "json", "外交部"])
    assert result.exit_code == 0, result.output
    assert [(h["text_id"], h["url"]) for h in json.loads(result.output)] == [
        (ids["zh"], "https://fmprc.example/zh/statement")]
    assert "**外交部**" in json.loads(result.output)[0]["snippet"]


def unspaced_integrity(db) -> None:
    """Every text's `unspaced` is what the stages set (db `unspaced`), and texts_unspaced holds
    the trigrams of those flagged, and nothing else (`integrity`)."""
    for title, text, flag in db.execute("SELECT title, text, unspaced FROM texts"):
        assert flag == database.unspaced(title, text), text
    integrity(db, "texts_unspaced", "trigram", "unspaced")


def test_a_database_at_m015_is_indexed_and_stays_whole_as_texts_go_and_change(tmp_path):
    import sqlite_utils

    from db.migrations import migrations

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m016_search_unspaced_scripts")
    f = Factory(old)
    ids = {"zh": f.text(f.source("https://fmprc.example/zh"), CHINESE), "en": f.text(f.source("https://a.example/"), LIVE),
           "ja": f.text(f.source("https://mofa.example/ja"), JAPANESE)}
    old.conn.close()

    db = database.open_db(path)
    assert dict(db.execute("SELECT id, unspaced FROM texts")) == {ids["zh"]: 1, ids["en"]: 0, ids["ja"]: 1}
    assert [h["text_id"] for h in search.search(db, "外交部")] == [ids["zh"]]
    unspaced_integrity(db)
    f = Factory(db)
    db.execute("DELETE FROM texts WHERE id = ?", [ids["ja"]])
    db.execute("UPDATE texts SET text = ? WHERE id = ?", ["外交部：中方欢迎停火。", ids["zh"]])
    db.execute("UPDATE texts SET text = ?, unspaced = 1 WHERE id = ?", ["The ministry welcomes the ceasefire: 停火。",
                                                                       ids["en"]])
    added = f.text(f.source("https://fmprc.example/zh/2"), "发言人表示，中方支持政治解决。")
    db.conn.commit()
    unspaced_integrity(db)
    assert search.search(db, "外務省") == [] and search.search(db, "保持克制") == []   # the old words left the index
    assert {h["text_id"] for h in search.search(db, "停火")} == {ids["zh"], ids["en"]}
    assert [h["text_id"] for h in search.search(db, "政治解决")] == [added]


def test_every_stage_that_stores_a_text_flags_its_script(tmp_path):
    """A local file read by `check` and a post stored by resolve are searched inside a run of
    Chinese as a crawled page is (tests/test_crawl.py): each writer sets texts.unspaced."""
    from crawler import social

    page = tmp_path / "statement-zh.txt"
    page.write_text(CHINESE, encoding="utf-8")
    path = tmp_path / "stages.db"
    result = CliRunner().invoke(cli, ["check", "--db", str(path), "--quote", "中方对纳卡地区局势深表关切", str(page)],
                                env={"CITEWATCH_RESOLVE_HOSTS": "*=fail"})
    assert result.exit_code == 0, result.output
    db = database.open_db(path)
    account = Factory(db).source("https://twitter.com/MFA_China", kind="twitter")
    social._store_text(db, account, "https://twitter.com/MFA_China/status/1", "中方呼吁各方保持克制，通过对话解决分歧。",
                       None, "test")
    assert {h["origin"] for h in search.search(db, "保持克制")} == {"local", "post"}
    assert [h["origin"] for h in search.search(db, "纳卡地区")] == ["local"]


@pytest.mark.parametrize("query, mode", [
    ('"外交部"', "words"), ("「外交部」", "words"), ("“外交部”？", "words"), ("(外交部)", "words"),
    ("外交部，关切", "words"), ("关切、外交部", "words"), ("ナゴルノ、カラバフ", "words"),
    ("「外交部发言人」", "phrase"), ("外交部发言人汪文斌表示, 中方", "phrase"),   # the text's comma is fullwidth
    ("外交部发言人汪文斌表示 中方", "phrase"),
])
def test_punctuation_in_a_query_parts_words_and_is_no_letter_to_find(unspaced, query, mode):
    """As in texts_fts, where unicode61 drops it: a pasted quote's quotation marks (「」, “”),
    a fullwidth or ASCII comma, an enumeration comma (、) are no part of a word."""
    db, _, ids = unspaced
    assert {h["text_id"] for h in search.search(db, query, mode=mode)} == {ids["ja"] if "カ" in query else ids["zh"]}


def test_in_a_phrase_the_words_keep_their_order(unspaced):
    db, _, _ = unspaced
    assert search.search(db, "中方, 外交部发言人汪文斌表示", mode="phrase") == []
    assert search.search(db, "外交部发言人 中方", mode="phrase") == []     # not next to each other


@pytest.fixture
def mixed(tmp_path):
    """A Chinese text that quotes English and Russian words, some glued to the Chinese."""
    db = database.open_db(tmp_path / "mixed.db")
    text = "在COVID-19疫情期间，WHO总干事表示，software更新。Представитель ЕС сказал, Ёлкин признаёт."
    return db, Factory(db).text(Factory(db).source("https://news.example/zh"), text)


@pytest.mark.parametrize("query, found", [
    ("疫情 covid", True), ("疫情 who", True), ("疫情 software", True), ("COVID-19疫情", True),
    ("疫情 ес", True), ("疫情 ЕС", True), ("疫情 Представитель", True), ("疫情 признает", True),
    ("疫情 признаёт", True), ("疫情 елкин", True), ("признает疫情", False),
    ("疫情 war", False), ("疫情 soft", False), ("疫情 ftw", False), ("疫情 VID", False),
    ("疫情 ре", False), ("疫情 ст", False), ("9疫情", False),
])
def test_a_latin_or_cyrillic_word_beside_chinese_is_a_word_not_letters_of_one(mixed, query, found):
    """A word of a script written with spaces is found where it stands alone or beside Chinese
    letters ("在COVID-19疫情"), not inside a longer word ("war" in "software"), in any case,
    however short ("ЕС": LIKE folds only ASCII)."""
    db, text_id = mixed
    assert [h["text_id"] for h in search.search(db, query)] == ([text_id] if found else [])


def test_the_words_in_context_of_a_mixed_query_show_the_text_as_written(tmp_path):
    db = database.open_db(tmp_path / "yo.db")
    Factory(db).text(Factory(db).source("https://news.example/ru-zh"), "Ёлкин признаёт: 中方 soft software。")
    assert [search.marked(h["snippet"], "<", ">") for h in search.search(db, "中方 елкин ПРИЗНАЕТ software")] == [
        "<Ёлкин> <признаёт>: <中方> soft <software>。"]


def test_a_latin_word_glued_to_chinese_is_found_by_a_query_of_latin_words_alone(tmp_path):
    """unicode61 reads "Nagorno-Karabakh地区" as the words nagorno and karabakh地区: the Chinese
    texts (texts_unspaced) are looked at too, after the word index's hits, each word a word."""
    db = database.open_db(tmp_path / "glued.db")
    f = Factory(db)
    zh = f.text(f.source("https://fmprc.example/zh"), "在COVID-19疫情期间，WHO总干事表示，Nagorno-Karabakh地区局势。")
    en = f.text(f.source("https://who.example/en"), "The WHO said the Karabakh talks were delayed by COVID-19.")
    f.text(f.source("https://soft.example/zh"), "software更新：Karabakhs地区。")

    def found(query, mode="words"):
        return [h["text_id"] for h in search.search(db, query, mode=mode)]

    assert found("Karabakh") == [en, zh] and found("covid who") == [en, zh] and found("COVID-19", "phrase") == [en, zh]
    assert found("Nagorno-Karabakh", "phrase") == [zh] and found("war") == [] and found("Karabakh delayed") == [en]
    hit = search.search(db, "karabakh")[1]
    assert search.marked(hit["snippet"], "<", ">") == "…COVID-19疫情期间，WHO总干事表示，Nagorno-<Karabakh>地区局势。"
    assert found("Karabakh", "fts") == [en]   # FTS5's syntax reads the word index alone


def test_the_migration_s_glob_and_the_stages_regex_flag_the_same_letters(tmp_path):
    """m016 flags the texts stored before it by a GLOB, the stages by db `unspaced` (a regex):
    both read UNSPACED_RANGES, and agree at each end of each range."""
    import sqlite_utils

    from db.migrations import UNSPACED_RANGES, migrations

    ends = [ord(c) for c in UNSPACED_RANGES.replace("-", "")]
    letters = [chr(c) for end in ends for c in (end - 1, end, end + 1)] + ["\U00020000", "\u3000", "ё"]
    path = tmp_path / "ranges.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m016_search_unspaced_scripts")
    source = Factory(old).source("https://a.example/")
    ids = {Factory(old).text(source, f"a{letter}b"): letter for letter in dict.fromkeys(letters)}
    old.conn.close()
    flags = dict(database.open_db(path).execute("SELECT id, unspaced FROM texts"))
    assert {letter: flags[i] for i, letter in ids.items()} == {letter: database.unspaced(letter) for letter in ids.values()}
    assert 0 < sum(flags.values()) < len(flags)


def test_the_words_in_context_end_on_a_whole_word_found(tmp_path):
    """The context cut CONTEXT_CHARS after the first word: "software" cut after its "soft" is
    no "soft" to mark, and a word the cut goes through is shown whole."""
    db = database.open_db(tmp_path / "cut.db")
    f = Factory(db)
    f.text(f.source("https://a.example/"), "疫情" + "的" * 26 + "software。soft。")
    f.text(f.source("https://b.example/"), "疫情" + "的" * 29 + "外交部。")
    assert [search.marked(h["snippet"], "<", ">") for h in search.search(db, "疫情 soft")] == [
        "<疫情>" + "的" * 26 + "soft…"]
    assert [search.marked(h["snippet"], "<", ">") for h in search.search(db, "疫情 外交部")] == [
        "<疫情>" + "的" * 29 + "<外交部>…"]


def test_a_short_word_is_found_in_any_case_of_its_letter(tmp_path):
    """A word of two letters is looked for by LIKE, which ignores the case of ASCII letters
    only: "Γ射" finds "γ射线" as "X光" finds "x光"."""
    db = database.open_db(tmp_path / "case.db")
    f = Factory(db)
    gamma = f.text(f.source("https://news.example/1"), "核爆炸释放γ射线。")
    x_ray = f.text(f.source("https://news.example/2"), "医院为伤员拍了x光片。")
    assert [h["text_id"] for h in search.search(db, "Γ射")] == [gamma]
    assert [h["text_id"] for h in search.search(db, "X光")] == [x_ray]
    assert [h["text_id"] for h in search.search(db, "Γ 射线", mode="phrase")] == [gamma]


def test_a_page_crawled_again_without_the_quote_lists_its_first_reading_as_earlier(db, db_path, changing_page):
    """Through real crawls of a test web page that changes between them: the
    quote v2 removed is in the first reading alone, listed as an earlier reading of its time;
    the paragraph both versions keep is in the live page, read by the second crawl."""
    source, removed, kept, show = changing_page
    show("v1")
    show("v2")
    first, second = live_texts(db, source)
    quote, kept_words = (db["statements"].get(s)["quote"] for s in (removed, kept))
    runner = CliRunner()

    def found(words):
        result = runner.invoke(cli, ["search", "--db", str(db_path), "--phrase", words, "--format", "json"])
        assert result.exit_code == 0, result.output
        return {h["text_id"]: (h["origin"], h["superseded"], h["read_at"]) for h in json.loads(result.output)}

    gone, kept_hits = found(quote), found(kept_words)
    assert set(gone) == {first} and gone[first][:2] == ("live", True)
    assert set(kept_hits) == {first, second} and kept_hits[second][:2] == ("live", False)
    assert (gone[first][2], kept_hits[second][2]) == (fetched_at(db, first), fetched_at(db, second))  # each reading's own fetch time
    table = runner.invoke(cli, ["search", "--db", str(db_path), "--phrase", quote], env={"COLUMNS": "120"}).output
    assert "earlier reading," in table and "live, read" not in table, table
