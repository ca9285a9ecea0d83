"""`citewatch run`: every stage in order over one database.

Stages meet in the database, so running them in sequence is all there is to it; each
one can be killed and re-run and then continues where it stopped.  A stage another
process is running on the same database is left to it (db/lock.py), and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archive import stage as archive_stage
from crawler import crawl, ingest, reconcile, social
from db.lock import StageBusy

# (stage name, what it does) in the order they run.
STAGES: tuple[tuple[str, str], ...] = (
    ("crawl", "fetch every cited source"),
    ("archive", "find, fetch and request Wayback Machine snapshots"),
    ("resolve", "resolve Twitter and Facebook citations to posts"),
    ("reconcile", "check every quote against its original"),
)

STEPPED_ASIDE = "stepped_aside"  # a stage's result key: another process ran it (the one line why)
NOT_COMPARED = ("changes not compared: the crawl another process runs is not done (its checks may yet be withdrawn "
                "as an offline crawl's); the next run compares with the last recorded one")


@dataclass
class RunResult:
    document: dict[str, Any] | None = None
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def network_message(self) -> str | None:
        """The crawl's plain-words note when the web seemed unreachable, else None."""
        return (self.stages.get("crawl") or {}).get("message") or None

    @property
    def comparable(self) -> bool:
        """Whether this run's state may be recorded and compared with the last run's
        (crawler/schedule.py after_run_all): not beside another process's crawl, half done.  Its
        checks so far would be reported as changes, and should it have run offline, it
        withdraws them as it ends and the next run would report each source back again."""
        return STEPPED_ASIDE not in self.stages.get("crawl", {})

    @property
    def stepped_aside(self) -> list[str]:
        """One line per stage left to another process running it on the database (said as
        the stage came, and again under `citewatch run`'s table)."""
        return [f"{name} did not run: {counts[STEPPED_ASIDE]}" for name, counts in self.stages.items()
                if STEPPED_ASIDE in counts]


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
    result.stages["crawl"] = _unless_busy(crawl.run, db, config, scheduled=scheduled, console=console)
    rule("archive")
    result.stages["archive"] = _unless_busy(archive_stage.run, db, config, console=console)
    rule("resolve")
    result.stages["resolve"] = _unless_busy(social.run, db, config, console=console)
    rule("reconcile")
    result.stages["reconcile"] = reconcile.run(db, config)
    return result


def _unless_busy(stage, db, config, console=None, **options) -> dict[str, Any]:
    """The stage's counts, or {"stepped_aside": why} when another process runs it on this
    database (db/lock.py), said on `console` where the stage's own output would be: this
    run goes on with the stages after it, on what the database holds, and the next run
    does the stage again."""
    try:
        return stage(db, config, console=console, **options)
    except StageBusy as exc:
        if console is not None:
            console.print(f"[yellow]did not run: {exc}[/]", highlight=False)
        return {STEPPED_ASIDE: str(exc)}
