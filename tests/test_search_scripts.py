"""`citewatch search` in Korean, Tibetan and CJK extension B (m018), across width forms
(ＣＯＶＩＤ is COVID), and for words of one or two letters alone (m021), over real SQLite files."""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from click.testing import CliRunner

import db as database
from crawler import search
from crawler.cli import cli
from db.migrations import migrations
from tests.factories import Factory
from tests.test_search import integrity, unspaced_integrity

KOREAN = "외교부는 나고르노카라바흐 지역의 교전 격화에 깊은 우려를 표명했다. 외교부가 밝혔다."
KOREAN_OTHER = "국방부는 훈련을 마쳤다고 발표했다."
TIBETAN = "བོད་ལྗོངས་ཀྱི་སྲིད་གཞུང་གིས་གསལ་བསྒྲགས་བྱས།"
TIBETAN_OTHER = "ལ་ངས་ཀྱི་ཡི་གེ།"          # the letters of ལྗོངས without its vowel sign and subjoined letter
CANTONESE = "佢話𠹺𡃁仔唔好出街。"            # 𠹺 U+20E7A, 𡃁 U+210C1: CJK extension B


def found(db, query: str, mode: str = "words") -> set[int]:
    """The ids of the texts `search` finds for `query` read as `mode`."""
    return {hit["text_id"] for hit in search.search(db, query, mode=mode)}


def stored(path, texts: dict[str, tuple[str, str]]):
    """A database at `path` holding each of `texts` (name: (its source's URL, the text)) as a
    live page's text: the database, its path, and each text's id by name."""
    db = database.open_db(path)
    f = Factory(db)
    return db, path, {name: f.text(f.source(url), text) for name, (url, text) in texts.items()}


@pytest.fixture
def scripts(tmp_path):
    """Texts in Korean, Tibetan and Cantonese (two letters of extension B), and English."""
    return stored(tmp_path / "scripts.db", {
        "ko": ("https://mofa.example/ko", KOREAN), "ko2": ("https://mnd.example/ko", KOREAN_OTHER),
        "bo": ("https://tibet.example/bo", TIBETAN), "bo2": ("https://tibet.example/bo2", TIBETAN_OTHER),
        "yue": ("https://hk.example/yue", CANTONESE), "en": ("https://mfa.example/en", "The ministry is deeply concerned.")})


@pytest.mark.parametrize("query, mode, holders", [
    ("외교부", "words", "ko"),             # glued to its particle: 외교부는, 외교부가
    ("우려", "words", "ko"),               # two letters: no trigram holds them
    ("외교부 깊은 우려", "words", "ko"), ("깊은 우려를", "phrase", "ko"), ("우려를 깊은", "phrase", ""),
    ("발표", "words", "ko2"), ("외교부 발표", "words", ""),
    ("ལྗོངས", "words", "bo"),              # unicode61 reads its vowel sign and subjoined letter as spaces
    ("གཞུང", "words", "bo"),
    ("𡃁", "words", "yue"), ("𠹺𡃁仔", "words", "yue"), ("𡃁仔", "phrase", "yue"),
])
def test_a_word_of_korean_tibetan_or_extension_b_is_found_inside_a_run(scripts, query, mode, holders):
    db, _, ids = scripts
    assert found(db, query, mode) == {ids[h] for h in holders.split()}


def test_the_cli_lists_a_korean_hit_with_the_word_in_context(scripts):
    _, path, ids = scripts
    result = CliRunner().invoke(cli, ["search", "--db", str(path), "--format", "json", "외교부"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert [(h["text_id"], h["url"]) for h in hits] == [(ids["ko"], "https://mofa.example/ko")]
    assert hits[0]["snippet"] == "**외교부**는 나고르노카라바흐 지역의 교전 격화에 깊은 우려를 표…"


def test_the_stages_flag_korean_tibetan_and_extension_b(scripts):
    db, _, ids = scripts
    flags = dict(db.execute("SELECT id, unspaced FROM texts"))
    assert flags == {**{ids[name]: 1 for name in ("ko", "ko2", "bo", "bo2", "yue")}, ids["en"]: 0}
    assert database.unspaced(None, "𡃁") == 1   # an astral letter alone (no Han of the BMP beside it)


def test_a_database_at_m017_is_flagged_indexed_and_stays_whole_as_texts_go_and_change(tmp_path):
    """m018 flags the texts stored before it and indexes them by trigrams; texts_fts, whose
    trigger m018 drops while it flags them, is whole and keeps being written after."""
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m018_search_korean_tibetan_extension_b")
    f = Factory(old)
    ids = {"ko": f.text(f.source("https://mofa.example/ko"), KOREAN),
           "bo": f.text(f.source("https://tibet.example/bo"), TIBETAN, title="བོད་ལྗོངས"),
           "yue": f.text(f.source("https://hk.example/yue"), "𠹺𡃁。", title="𡃁仔"),
           "zh": f.text(f.source("https://fmprc.example/zh"), "外交部发言人表示。"),
           "en": f.text(f.source("https://a.example/"), "The ministry is deeply concerned.")}
    old.execute("UPDATE texts SET unspaced = 0 WHERE id != ?", [ids["zh"]])   # as the stages before m018 flagged them
    old.conn.commit()
    trigger = old.execute("SELECT sql FROM sqlite_master WHERE name = 'texts_au'").fetchone()
    assert dict(old.execute("SELECT id, unspaced FROM texts")) == {**dict.fromkeys(ids.values(), 0), ids["zh"]: 1}
    old.conn.close()

    db = database.open_db(path)
    assert dict(db.execute("SELECT id, unspaced FROM texts")) == {**dict.fromkeys(ids.values(), 1), ids["en"]: 0}
    assert db.execute("SELECT sql FROM sqlite_master WHERE name = 'texts_au'").fetchone() == trigger
    assert found(db, "외교부") == {ids["ko"]} and found(db, "ལྗོངས") == {ids["bo"]} and found(db, "𡃁") == {ids["yue"]}
    unspaced_integrity(db)
    integrity(db)
    db.execute("UPDATE texts SET text = ? WHERE id = ?", ["국방부가 발표했다.", ids["ko"]])
    db.execute("DELETE FROM texts WHERE id = ?", [ids["bo"]])
    db.conn.commit()
    unspaced_integrity(db)
    integrity(db)
    assert found(db, "외교부") == set() and found(db, "국방부") == {ids["ko"]} and found(db, "ལྗོངས") == set()
    assert found(db, "deeply concerned") == {ids["en"]}


# ---------------------------------------------------------------- width forms

ASCII = "The WHO said COVID-19 cases rose in Tokyo."
FULLWIDTH = "新型コロナウイルス（ＣＯＶＩＤ－１９）について、ＷＨＯ事務局長は会見した。"
HALFWIDTH = "ｶﾞｿﾘﾝ価格とｶﾞｽ料金が上がり、ｽｶﾞｲ社が発表した。"
KANA = "ガソリン価格が上昇した。"


@pytest.fixture
def widths(tmp_path):
    """An English text, a Japanese one with fullwidth Latin letters and digits (one word glued
    to kanji), one in halfwidth katakana, one in the usual katakana."""
    return stored(tmp_path / "widths.db", {
        "en": ("https://who.example/en", ASCII), "full": ("https://mhlw.example/ja", FULLWIDTH),
        "half": ("https://news.example/ja", HALFWIDTH), "kana": ("https://meti.example/ja", KANA)})


@pytest.mark.parametrize("query, mode, holders", [
    ("COVID-19", "words", "en full"), ("ＣＯＶＩＤ－１９", "words", "en full"), ("ｃｏｖｉｄ", "words", "en full"),
    ("COVID-19", "phrase", "en full"), ("ＣＯＶＩＤ １９", "phrase", "en full"),
    ("WHO", "words", "en full"),                          # ＷＨＯ glued to 事務局長: one word to unicode61
    ("ＷＨＯ 事務局長", "words", "full"), ("who事務局長", "phrase", "full"), ("ＣＯＶＩＤ １９", "fts", "en full"), ("COVID", "fts", "en full"),
    ("ｶﾞｿﾘﾝ", "fts", "half kana"), ("ｶｿﾘﾝ", "fts", ""),        # ｶ is no ｶﾞ
    ("ガソリン", "words", "half kana"), ("ｶﾞｿﾘﾝ価格", "words", "half kana"), ("ｶﾞｿﾘﾝ", "phrase", "half kana"),
    ("ガス", "words", "half"), ("スガ", "words", "half"),   # two letters: LIKE
    ("スカ", "words", ""), ("ス カ", "words", ""),          # ｶ in ｽｶﾞ is the first half of ガ
])
def test_a_width_form_is_the_letter_nfkc_makes_of_it(widths, query, mode, holders):
    """ＣＯＶＩＤ finds COVID and back, ｶﾞｿﾘﾝ finds ガソリン and back, in every mode (`--fts`: each
    word of the expression in both widths)."""
    db, _, ids = widths
    assert found(db, query, mode) == {ids[h] for h in holders.split()}


@pytest.mark.parametrize("mode", ["words", "phrase", "fts"])
def test_a_query_spelt_in_decomposed_letters_finds_the_composed_text(scripts, widths, mode):
    """A query pasted from a PDF may spell 외교부 as its jamo, ガソリン with a separate voicing
    mark (NFD): it is the same word, found as the composed one is."""
    import unicodedata
    db, _, ids = scripts
    assert found(db, unicodedata.normalize("NFD", "외교부"), mode) == {ids["ko"]}
    db, _, ids = widths
    assert found(db, unicodedata.normalize("NFD", "ガソリン"), mode) == {ids["half"], ids["kana"]}


@pytest.fixture
def mixed_widths(tmp_path):
    """COVID19 written in ASCII, in fullwidth letters and digits, and in both widths in one word
    two ways (the letters fullwidth; the letters and one digit), each a word of its own; and
    ＣＯＶＩＤ-19, two words in two widths."""
    return stored(tmp_path / "mixed.db", {
        "narrow": ("https://who.example/en", "COVID19 cases rose in the spring."),
        "wide": ("https://mhlw.example/ja", "新型コロナ（ＣＯＶＩＤ１９）の患者が増えた。"),
        "letters": ("https://news.example/en", "The ＣＯＶＩＤ19 wave reached Osaka."),
        "digit": ("https://paper.example/en", "A Ｃｏｖｉｄ１9 wave reached Kobe."),
        "other": ("https://who.example/flu", "COVID cases fell; 19 wards reported influenza."),
        "hyphen": ("https://nhk.example/en", "The ＣＯＶＩＤ-19 ward in Nara reopened.")})


@pytest.mark.parametrize("mode", ["words", "fts"])
@pytest.mark.parametrize("query", ["COVID19", "ＣＯＶＩＤ１９", "ＣＯＶＩＤ19", "covid１９", "Ｃｏｖｉｄ１9"])
def test_a_word_written_in_both_widths_at_once_is_the_word(mixed_widths, query, mode):
    """ＣＯＶＩＤ19 is COVID19 as ＣＯＶＩＤ is COVID: in the query and in the texts, however the
    widths are mixed in the word; COVID alone and 19 alone are other words."""
    db, _, ids = mixed_widths
    assert found(db, query, mode) == {ids[name] for name in ("narrow", "wide", "letters", "digit")}


def test_a_word_of_two_each_in_its_own_width_is_the_word(mixed_widths):
    """ＣＯＶＩＤ-19 is two words to the index, each in its own width: a phrase in no one width."""
    db, _, ids = mixed_widths
    for query, mode in (("COVID-19", "words"), ("ｃｏｖｉｄ－１９ ward", "phrase"), ('"covid 19"', "fts")):
        assert found(db, query, mode) == {ids["hyphen"]}, (query, mode)


def test_a_phrase_and_an_fts_expression_find_a_word_in_both_widths_where_they_stand(mixed_widths):
    db, _, ids = mixed_widths
    assert found(db, "covid19 wave", "phrase") == {ids["letters"], ids["digit"]}
    assert found(db, "ＣＯＶＩＤ１９ wave reached osaka", "phrase") == {ids["letters"]}
    assert found(db, '"covid19 wave" NOT kobe', "fts") == {ids["letters"]}
    assert found(db, "covid19 wave OR influenza", "fts") == {ids["letters"], ids["digit"], ids["other"]}
    assert found(db, "text: covid19 AND (osaka OR kobe)", "fts") == {ids["letters"], ids["digit"]}
    with pytest.raises(search.SearchError, match="not an FTS5 query"):   # FTS5 ANDs no group unasked
        found(db, "text: covid19 (osaka OR kobe)", "fts")
    # no OR inside FTS5's phrases: a NEAR group's words and a phrase joined by + are as given, or narrowed
    assert found(db, "NEAR(ＣＯＶＩＤ19 osaka, 3)", "fts") == {ids["letters"]}
    assert found(db, "wave + reached + kobe", "fts") == {ids["digit"]}
    snippets = {h["text_id"]: search.marked(h["snippet"], "<", ">") for h in search.search(db, "covid19")}
    assert snippets[ids["letters"]] == "The <ＣＯＶＩＤ19> wave reached Osaka."


def test_a_word_in_both_widths_glued_to_japanese_is_found_by_its_letters(tmp_path):
    """ＣＯＶＩＤ19の: unicode61 reads the run as one word, so the trigram index finds it, by
    pieces in any mix of widths, and the text is read again for the word (not its pieces apart)."""
    db, _, ids = stored(tmp_path / "glued.db", {
        "glued": ("https://nhk.example/ja", "新型ＣＯＶＩＤ19の感染が広がった。"),
        "narrow": ("https://asahi.example/ja", "新型COVID19の感染者が出た。"),
        "apart": ("https://nhk.example/ja2", "ＣＯＶの話とＩＤ19の件、新型の感染。")})
    for query, mode in (("COVID19", "words"), ("ＣＯＶＩＤ１９の感染", "words"), ("新型 covid19", "phrase"),
                        ("ＣＯＶＩＤ19の感染", "fts")):
        assert found(db, query, mode) == {ids["glued"], ids["narrow"]}, (query, mode)
    snippets = {hit["text_id"]: search.marked(hit["snippet"], "<", ">") for hit in search.search(db, "covid19")}
    assert snippets[ids["glued"]] == "新型<ＣＯＶＩＤ19>の感染が広がった。"


SAID = "the health ministry confirmed that vaccination against measles resumed in every province"
WIDE_SAID = "".join(search.WIDE.get(letter, letter) for letter in SAID)
# each word's first half in fullwidth letters: "ｖａｃｃｉnation"
SPELT = {"ascii": SAID, "wide": WIDE_SAID, "mixed": " ".join(
    wide[:len(wide) // 2] + word[len(word) // 2:] for wide, word in zip(WIDE_SAID.split(), SAID.split()))}


@pytest.mark.parametrize("typed, written", [("wide", "ascii"), ("ascii", "wide"), ("ascii", "mixed"), ("mixed", "wide")])
def test_reconcile_names_the_text_that_holds_a_quote_whatever_the_widths_of_its_words(db, typed, written):
    """reconcile looks for a quote in the stored texts through search's `--fts` (`misattribution`;
    here the cited page was never read): a quote typed in fullwidth letters is found in a text in
    ASCII and back, and in one that writes some words in both widths at once."""
    from crawler import reconcile

    rows = Factory(db)
    document = rows.document()
    statement = rows.statement(document, 1, "Ministry of Health", SPELT[typed])
    rows.citation(document, statement, 1, rows.source("https://moh.example/cited"), url="https://moh.example/cited")
    elsewhere = rows.source("https://news.example/report")
    rows.text(elsewhere, f"Report: {SPELT[written]}.", url="https://news.example/report")
    reconcile.run(db)
    [row] = db.query("select * from quote_checks where statement_id = ? and scope = 'overall'", [statement])
    assert row["verdict"] == "unverifiable" and "the quote is in another stored text (verbatim)" in row["reason"]
    assert [(hint["source_id"], hint["verdict"]) for hint in json.loads(row["evidence"])["elsewhere"]] == [
        (elsewhere, "verbatim")]


def test_the_words_in_context_show_the_width_forms_as_written(widths):
    db, path, ids = widths
    snippets = {h["text_id"]: search.marked(h["snippet"], "<", ">") for h in search.search(db, "covid")}
    assert snippets[ids["full"]] == "新型コロナウイルス（<ＣＯＶＩＤ>－１９）について、ＷＨＯ事務局長は会見した。"
    assert snippets[ids["en"]] == "The WHO said <COVID>-19 cases rose in Tokyo."
    assert [search.marked(h["snippet"], "<", ">") for h in search.search(db, "ガソリン 価格") if h["text_id"] == ids["half"]] == [
        "<ｶﾞｿﾘﾝ価格>とｶﾞｽ料金が上がり、ｽｶﾞｲ社が発表した。"]
    result = CliRunner().invoke(cli, ["search", "--db", str(path), "--format", "json", "ＷＨＯ 事務局長"])
    assert result.exit_code == 0, result.output
    assert [(h["text_id"], h["snippet"]) for h in json.loads(result.output)] == [
        (ids["full"], "新型コロナウイルス（ＣＯＶＩＤ－１９）について、**ＷＨＯ事務局長**は会見した。")]


# ---------------------------------------------------------------- words of one or two letters alone

@pytest.fixture
def short(tmp_path):
    """Flagged texts holding short words where a trigram begins with them, and where too few
    letters follow for one to (the end of a title or a text, a text of two letters)."""
    db = database.open_db(tmp_path / "short.db")
    f = Factory(db)
    texts = {"inside": ("中国外交部表示。", None), "end": ("外交部谈到了中国", None), "last": ("他说的是国。", None),
             "two": ("中国", None), "title": ("外交部发言人表示。", "关于中国"), "korean": ("대변인이 정부", None),
             "cyrillic": ("代表Ё中", None), "latin": ("医院拍了X光", None), "kana": ("料金はｶﾞｽ", None),
             "other": ("美国国务院发言人。", "国务院")}
    return db, {name: f.text(f.source(f"https://news.example/{name}"), text, title=title)
                for name, (text, title) in texts.items()}


@pytest.mark.parametrize("query, holders", [
    ("中国", "inside end two title"), ("国", "inside end last two title other"), ("정부", "korean"),
    ("е中", "cyrillic"), ("Ё中", "cyrillic"), ("x光", "latin"), ("ガス", "kana"), ("ガ", "kana"),
    ("中国 国", "inside end two title"), ("国务", "other"), ("务国", ""),
])
def test_a_query_of_short_words_alone_finds_them_wherever_they_stand(short, query, holders):
    db, ids = short
    assert found(db, query) == {ids[h] for h in holders.split()}


def test_a_query_of_two_letter_words_alone_reads_their_places_not_every_text(tmp_path):
    """The steps SQLite takes for "中国" hardly grow from 50 to 500 other flagged texts (a step
    of 10 VM instructions; FTS5's own lookups grow with its segments): the word's places are
    looked up (migration m021), no text is read in turn (a LIKE scan grew nine tenths of a step
    a text, and took 4 s on 60,000 texts)."""
    steps = []
    for others in (50, 500):
        db = database.open_db(tmp_path / f"{others}.db")
        f = Factory(db)
        holder = f.text(f.source("https://fmprc.example/zh"), "中国外交部发言人表示。")
        for n in range(others):
            f.text(f.source(f"https://other.example/{n}"), f"美国国务院第{n}次发言。")
        counted = []
        db.conn.set_progress_handler(lambda: counted.append(1), 10)
        assert found(db, "中国") == {holder}
        db.conn.set_progress_handler(None, 0)
        steps.append(len(counted))
    assert steps[1] - steps[0] < 450 // 10, steps


@pytest.mark.parametrize("typed, expected", [
    (SAID.replace("measles", "polio"), "altered"),
    ("the finance minister announced new taxes on imported cars and fuel from next spring", "not-in-source")])
def test_a_quote_typed_in_fullwidth_letters_is_in_the_language_of_its_words(typed, expected):
    """English typed in fullwidth letters (a CJK keyboard) is English: against the English page
    it is in, a changed word is altered and other words not in it, not a translation
    (verdicts.language reads the NFKC form; py3langid took the letters for Chinese)."""
    from crawler import verdicts

    quote = "".join(search.WIDE.get(letter, letter) for letter in typed)
    verdict = verdicts.judge(quote, f"Report: {SAID}. Clinics reopened after the winter, the ministry said.")
    assert (verdict.verdict, verdicts.language(quote)) == (expected, "en")
