"""What a parsed compiled document is, before it reaches the database.

Parsers (letter.py, article.py) return a `ParsedDocument`; store.py writes it in one
transaction; `citewatch ingest --json` prints `as_dict()`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import click


class IngestError(click.ClickException):
    """A document that cannot be ingested; the message is one line naming it and the fix."""


@dataclass
class Page:
    """One page of a document: its text lines and the link targets it carries."""

    lines: list[str]
    links: list[str] = field(default_factory=list)
    anchors: list[tuple[int, str]] = field(default_factory=list)   # an HTML page's (line, <a href>): html.pages


@dataclass
class Citation:
    seq: int                          # footnote number (unfootnoted: the statement's seq); numbered per
                                      # part: its place in the document (parts.py)
    kind: str                         # web | twitter | facebook | offline | unfootnoted
    printed: str                      # the footnote (or attribution) as printed
    url_printed: str | None = None
    url: str | None = None
    repairs: list[str] = field(default_factory=list)
    handle: str | None = None
    platform_hint: str | None = None  # facebook | twitter | website | media (unfootnoted)
    flags: list[str] = field(default_factory=list)
    source_kind: str | None = None    # web | twitter | facebook | offline, None = no source
    source_key: str | None = None
    source_url: str | None = None
    link_target: str | None = None    # the document's own link this citation used
    part: str | None = None           # "Annex II" when footnotes are numbered per annex (parts.py)
    footnote: int | None = None       # the footnote's number as printed (within its part), None unfootnoted
    # What the reader must be told of it (footnotes.citations_for: a URL that may be cut short,
    # an unresolved "Ibid.", an "Ibid., see also URL"): the letter's parser passes each line to
    # ParsedDocument.warn (an article's and a quote list's readers give a URL on one line and
    # no "Ibid.", so none arises there); not a column of its row.
    warnings: list[str] = field(default_factory=list)


@dataclass
class Statement:
    seq: int
    quote: str
    section: str | None = None
    entity: str | None = None
    title: str | None = None
    place: str | None = None
    date: str | None = None           # ISO 8601
    footnote: int | None = None       # as printed: within its part when numbered per annex
    flags: list[str] = field(default_factory=list)
    citation: Citation | None = None  # its own footnote's
    part: str | None = None           # "Annex II" when footnotes are numbered per annex (parts.py)
    further: list[Citation] = field(default_factory=list)   # its further sources' footnotes (letter.py)

    @property
    def citations(self) -> list[Citation]:
        """Every source it cites: its own footnote's citation, then its further sources'."""
        return ([self.citation] if self.citation else []) + self.further


@dataclass
class DocumentLink:
    url: str
    context: str


@dataclass
class ParsedDocument:
    kind: str                         # letter | article
    sha256: str
    path: str
    title: str | None = None
    symbols: list[str] = field(default_factory=list)
    date: str | None = None
    author: str | None = None
    metadata: dict = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    links: list[DocumentLink] = field(default_factory=list)

    @property
    def citations(self) -> list[Citation]:
        return [citation for statement in self.statements for citation in statement.citations]

    def warn(self, line: str) -> None:
        """Tell the reader one thing ingest could not read as printed (metadata's warnings:
        the CLI prints each, and they are stored with the document)."""
        self.metadata.setdefault("warnings", []).append(line)

    def as_dict(self) -> dict:
        """The parsed structure as plain JSON-able data (for --json and tests)."""
        statements = []
        for statement in self.statements:
            row = asdict(statement)
            row.pop("citation")
            row.pop("further")
            statements.append(row)
        return {
            "document": {
                "kind": self.kind, "sha256": self.sha256, "path": self.path, "title": self.title,
                "symbols": self.symbols, "date": self.date, "author": self.author,
                "metadata": self.metadata,
            },
            "statements": statements,
            "citations": [
                {k: v for k, v in asdict(c).items()
                 if k not in ("source_kind", "source_url", "link_target", "warnings")}
                for c in self.citations
            ],
            "document_links": [asdict(link) for link in self.links],
        }
