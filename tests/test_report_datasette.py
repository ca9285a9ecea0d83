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


def test_only_the_full_text_index_internals_are_hidden(db):
    tables = json.loads(METADATA.read_text())["databases"]["citewatch"]["tables"]
    hidden = {name for name, meta in tables.items() if meta.get("hidden")}
    assert hidden == {name for name in db.table_names() if name.startswith("texts_fts_")}
