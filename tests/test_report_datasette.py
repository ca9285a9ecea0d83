"""The Datasette metadata the project ships describes every table and column there is."""

import json
from pathlib import Path

METADATA = Path(__file__).resolve().parent.parent / "crawler" / "datasette-metadata.json"


def test_every_table_and_column_has_a_description(db):
    tables = json.loads(METADATA.read_text())["databases"]["citewatch"]["tables"]
    assert set(tables) == set(db.table_names()), "add or remove tables in crawler/datasette-metadata.json"
    for name in db.table_names():
        meta = tables[name]
        assert meta["description"].strip(), name
        if meta.get("hidden"):
            continue
        columns = {c.name for c in db[name].columns}
        assert set(meta["columns"]) == columns, f"{name}: describe exactly {sorted(columns)}"
        assert all(text.strip() for text in meta["columns"].values()), name
        assert meta.get("label_column", next(iter(columns))) in columns


def test_only_the_full_text_indexes_internals_are_hidden(db):
    tables = json.loads(METADATA.read_text())["databases"]["citewatch"]["tables"]
    hidden = {name for name, meta in tables.items() if meta.get("hidden")}
    assert hidden == {name for name in db.table_names() if name.startswith(("texts_fts_", "texts_unspaced_"))}


def test_the_shipped_text_search_folds_yo_as_citewatch_search_does(db):
    """texts_fts holds ё written е (m014): Datasette's own search box passes a query unfolded,
    so the metadata ships a query that folds it; it finds a text written with ё or with е."""
    from tests.factories import Factory

    f = Factory(db)
    yo = f.text(f.source("https://mid.example/ru/statement"), "Министерство признаёт итоги выборов.")
    ye = f.text(f.source("https://gov.example/ru/news"), "Правительство признает итоги выборов.")
    sql = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["citewatch"]["queries"]["search_texts"]["sql"]
    for query in ("признаёт", "ПРИЗНАЁТ", "признает"):
        rows = db.execute(sql, {"q": query}).fetchall()
        assert {row[0] for row in rows} == {yo, ye}, query
    assert any("признаёт" in row[-1] for row in db.execute(sql, {"q": "признает"}))  # shown as written


def test_the_shipped_search_of_unspaced_scripts_finds_a_word_inside_a_run_of_letters(db):
    """search_texts reads "中华人民共和国外交部发言人表示" as one word; the query over texts_unspaced
    (m016) finds 外交部 inside it, as `citewatch search` does."""
    from tests.factories import Factory

    f = Factory(db)
    zh = f.text(f.source("https://fmprc.example/zh"), "2020年9月28日，中华人民共和国外交部发言人表示关切。")
    f.text(f.source("https://mid.example/ru"), "Министерство признаёт итоги выборов.")
    queries = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["citewatch"]["queries"]
    assert db.execute(queries["search_texts"]["sql"], {"q": "外交部"}).fetchall() == []
    rows = db.execute(queries["search_texts_unspaced"]["sql"], {"q": "外交部"}).fetchall()
    assert [row[0] for row in rows] == [zh] and "[外交部]" in rows[0][-1]
