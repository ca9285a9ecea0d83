"""`citewatch run`: every stage in order over one database.

Stages meet in the database, so running them in sequence is all there is to it; each
one can be killed and re-run.  A stage whose module is not in this checkout yet is
reported as missing rather than silently skipped.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

# (stage name, module, what it does) in the order they run.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("crawl", "crawler.crawl", "fetch every cited source"),
    ("archive", "archive.stage", "find, fetch and request Wayback Machine snapshots"),
    ("resolve", "crawler.social", "resolve Twitter and Facebook citations to posts"),
    ("reconcile", "crawler.reconcile", "check every quote against its original"),
)


@dataclass
class RunResult:
    document: dict[str, Any] | None = None
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def _stage_function(module_name: str) -> Callable | None:
    """The stage's `run` function, or None when the stage is not in this checkout."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    return getattr(module, "run", None)


def run_all(db, config, document: str | None = None, scheduled: bool = False, console=None) -> RunResult:
    """Ingest `document` (if given), then run every stage in order."""
    from crawler import ingest

    result = RunResult()
    if document:
        result.document = ingest.run(db, config, document)
    for name, module_name, _ in STAGES:
        stage = _stage_function(module_name)
        if stage is None:
            result.missing.append(name)
            continue
        if console is not None:
            console.rule(f"[bold]{name}")
        result.stages[name] = stage(db, config) or {}
    return result
