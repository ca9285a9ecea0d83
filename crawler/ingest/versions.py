"""Which documents a parsed one is another version of (`earlier_versions`).

Other bytes of the same document are a changed version of it: the same kind and a UN
symbol in common, in the same language (the UN issues one symbol in six); or, without
symbols, the same title and date, and the same path or half its statements (a site's
pages can share a generic <title>).  A different document that quotes the same
statements (an article quoting the letter) is of another kind, or shares neither symbol
nor title: a document of its own.  A changed version is refused (`refusal`) unless the
user asks to replace the document (crawler/ingest/replace.py).
"""

from __future__ import annotations

import shlex

from db import from_json
from crawler.ingest.model import ParsedDocument
from crawler.ingest.rows import document_language, quotes_language


def earlier_versions(db, doc: ParsedDocument) -> list[dict]:
    """The documents `doc` is another version of, oldest first: the same kind and a UN
    symbol in common in the same language (_same_language) or, when `doc` has no symbol,
    none either, the same title and date and the same path or statements (_same_statements)."""
    wanted = folded(doc.title)
    versions = []
    for row in db.query("SELECT id, path, symbols, title, date, ingested_at, language FROM documents WHERE kind = ? "
                        "ORDER BY id", [doc.kind]):
        symbols, stored = from_json(row["symbols"], []), row.pop("language")
        if (set(doc.symbols) & set(symbols) and _same_language(db, stored, row["id"], doc)) or (
                not doc.symbols and not symbols and wanted and folded(row["title"]) == wanted
                and row["date"] == doc.date and (row["path"] == doc.path or _same_statements(db, row["id"], doc))):
            versions.append({**row, "symbols": symbols})
    return versions


def _same_language(db, stored: str | None, document_id: int, doc: ParsedDocument) -> bool:
    """Whether the two documents' quotes are in one language (or either too short to tell).
    The UN issues a document in six languages under one symbol: its French version is a
    document of its own, not a changed file of the English one to refuse or write over.
    The stored document's is the language ingest named it in (`stored`, documents.language),
    named again from its quotes only when NULL (a document stored before m026, or too short to
    tell), and the parse's as ingest names it (rows.py `document_language`): one rule, so a
    version is one of the document whose language the report reads its quotes in."""
    old = stored or quotes_language(quote for (quote,) in
                                    db.execute("SELECT quote FROM statements WHERE document_id = ?", [document_id]))
    new = document_language(doc)
    return old is None or new is None or old == new


def _same_statements(db, document_id: int, doc: ParsedDocument) -> bool:
    """Whether at least half the statements of the shorter of the two are in the other, quote
    and entity alike: a corrected file changes a few.  A site's pages share a generic
    <title>, and two of its articles of one day are two documents, not versions: taken
    for versions, the second would be refused and `--replace` would overwrite the first."""
    old = {(folded(entity), folded(quote)) for entity, quote in
           db.execute("SELECT entity, quote FROM statements WHERE document_id = ?", [document_id])}
    new = {(folded(s.entity), folded(s.quote)) for s in doc.statements}
    return bool(old and new) and 2 * len(old & new) >= min(len(old), len(new))


def folded(text: str | None) -> str:
    """A title, entity or quote as compared across versions: case and spacing do not make
    another document, nor another statement."""
    return " ".join((text or "").split()).casefold()


def statement_key(part: str | None, entity: str | None, title: str | None) -> tuple[str, str, str]:
    """A statement as matched across versions: its part (annex, when numbered per annex),
    entity and title, case and spacing aside."""
    return folded(part), folded(entity), folded(title)


def refusal(doc: ParsedDocument, earlier: list[dict]) -> str:
    """One line: which document this file is a changed version of, and the way to replace it."""
    first = earlier[0]
    shared = [symbol for symbol in doc.symbols if symbol in first["symbols"]]
    what = f"symbol {shared[0]}" if shared else f"title \"{first['title']}\""
    others = f" (and {len(earlier) - 1} more ingested before)" if len(earlier) > 1 else ""
    return (f"{doc.path}: a changed version of document {first['id']}{others}, same {what}, ingested "
            f"{first['ingested_at'][:10]} from {first['path']}; run `{replace_command(doc.path)}` "
            "to replace its statements and citations with this file's")


def replace_command(path: str) -> str:
    """`citewatch ingest --replace PATH` with the options the user typed (their --db, --config):
    followed as written, the advice must replace in their database, not ingest the file anew
    into ./citewatch.db.  From their `citewatch ingest` or `citewatch run DOCUMENT` line
    (crawler/run.py `this_command`; --scheduled is run's alone); else the bare command."""
    from crawler.run import this_command  # (crawler.run imports crawler.ingest)
    for command in ("citewatch ingest", "citewatch run"):
        typed = this_command(command)
        if typed != command:
            options = [word for word in shlex.split(typed)[2:] if word != "--scheduled"]
            return shlex.join(["citewatch", "ingest", "--replace", *options])
    return shlex.join(["citewatch", "ingest", "--replace", path])
