"""`citewatch run`: every stage in order over one database.

Stages meet in the database, so running them in sequence is all there is to it; each
one can be killed and re-run and then continues where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archive import stage as archive_stage
from crawler import crawl, ingest, reconcile, social

# (stage name, what it does) in the order they run.
STAGES: tuple[tuple[str, str], ...] = (
    ("crawl", "fetch every cited source"),
    ("archive", "find, fetch and request Wayback Machine snapshots"),
    ("resolve", "resolve Twitter and Facebook citations to posts"),
    ("reconcile", "check every quote against its original"),
)


@dataclass
class RunResult:
    document: dict[str, Any] | None = None
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def network_message(self) -> str | None:
        """The crawl's plain-words note when the web seemed unreachable, else None."""
        return (self.stages.get("crawl") or {}).get("message") or None


def run_all(db, config, document: str | None = None, scheduled: bool = False, console=None) -> RunResult:
    """Ingest `document` (if given), then crawl, archive, resolve and reconcile.

    `scheduled` re-checks only what is due (and marks the crawl as scheduled); an
    unscheduled run crawls the sources that have not been checked yet.
    """
    result = RunResult()
    if document:
        result.document = ingest.run(db, config, document)

    def rule(name: str) -> None:
        if console is not None:
            console.rule(f"[bold]{name}")

    rule("crawl")
    result.stages["crawl"] = crawl.run(db, config, scheduled=scheduled, console=console)
    rule("archive")
    result.stages["archive"] = archive_stage.run(db, config, console=console)
    rule("resolve")
    result.stages["resolve"] = social.run(db, config, console=console)
    rule("reconcile")
    result.stages["reconcile"] = reconcile.run(db, config)
    return result
