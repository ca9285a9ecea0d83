"""`citewatch run`: every stage in order over one database.

Stages meet in the database, so running them in sequence is all there is to it; each
one can be killed and re-run and then continues where it stopped.  A stage another
process is running on the same database is left to it (db/lock.py), and the run goes on.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shlex
import sys
from dataclasses import dataclass, field
from typing import Any, Collection

from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

from archive import rescue
from archive import stage as archive_stage
from crawler import crawl, ingest, reconcile, social
from crawler.config import setting_named
from crawler.state import due_sources, unfinished_crawl
from crawler.terminal import Progress
from db.lock import ARCHIVE, CRAWL, RESOLVE, Stage, StageBusy

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

    def archive_stopped(self, again: str | None = None) -> str | None:
        """The line saying the archive stage stopped early (429s, an archive not answering),
        as `citewatch run` and `citewatch watch` say it under their run, else None; its advice
        to run `citewatch archive` again names `again` instead (`advice_naming`)."""
        stopped = (self.stages.get("archive") or {}).get("stopped")
        return f"archive stopped early: {advice_naming(stopped, ARCHIVE.command, again)}" if stopped else None


def run_all(db, config, document: str | None = None, scheduled: bool = False, console=None,
            again: str | None = None, parsed: ingest.ParsedDocument | None = None,
            citation_ids: Collection[int] | None = None, notes_again: str | None = None) -> RunResult:
    """Ingest `document` (if given; `parsed` is it read already), then crawl, archive,
    resolve and reconcile.

    `scheduled` re-checks only what is due (and marks the crawl as scheduled); an
    unscheduled run crawls the sources that have not been checked yet.  `again` is the
    command a stage left to another process names to run once that one ends (the one
    the user ran: `citewatch check …` redoes what a `citewatch crawl` alone would not);
    None: the stage's own command.

    `citation_ids` limits the run to those citations (`citewatch check`'s list: another
    document's sources are none of its business), each stage to its share of them, and a
    stage with nothing of theirs to do does not run (`Scope`); None: every citation.
    `notes_again` is what reconcile's notes name to run again instead of `citewatch crawl`
    or `citewatch resolve` (check: "the check").
    """
    result = RunResult()
    if document:
        result.document = ingest.run(db, config, document, parsed=parsed)
    scope = None if citation_ids is None else Scope.of(db, citation_ids)

    def rule(name: str) -> None:
        if console is not None:
            console.rule(f"[bold]{name}")

    if scope is None or scope.crawl(db, config):
        rule("crawl")
        result.stages["crawl"] = _unless_busy(crawl.run, CRAWL, db, config, again, scheduled=scheduled,
                                              console=console, source_ids=None if scope is None else scope.sources)
    else:
        result.stages["crawl"] = crawl.nothing_crawled(config)
    if scope is None or scope.archive(db, config):
        rule("archive")
        progress, bar = archive_progress(console)
        result.stages["archive"] = _unless_busy(archive_stage.run, ARCHIVE, db, config, again, console=console,
                                                progress=progress, display=bar,
                                                source_ids=None if scope is None else scope.sources)
    else:
        result.stages["archive"] = {}
    if scope is None or scope.social:
        rule("resolve")
        resolve = functools.partial(social.run, again=again, citation_ids=None if scope is None else scope.social)
        result.stages["resolve"] = _unless_busy(resolve, RESOLVE, db, config, again, console=console)
    else:
        result.stages["resolve"] = {}
    rule("reconcile")
    result.stages["reconcile"] = reconcile.run(db, config, statements=None if scope is None else scope.statements,
                                               again=notes_again)
    return result


@dataclass(frozen=True)
class Scope:
    """The citations a run is limited to (`run_all`'s `citation_ids`), and what each stage has
    to do for them.  Resolve and reconcile take the citations and statements, the crawl and
    the archive stage the sources (`source_ids`: an empty collection is none).  A stage with
    nothing of theirs due does not run at all, asked as it comes (the crawl decides what the
    archive has to rescue): its rule and an empty bar would say it ran, and a list of local
    files sends no request."""

    sources: frozenset[int]     # the citations' sources
    social: list[int]           # the twitter and facebook citations, for resolve (never run with []: every one)
    statements: list[int]       # the citations' statements, for reconcile

    @classmethod
    def of(cls, db, citation_ids: Collection[int]) -> "Scope":
        """The scope of `citation_ids`, read from the database."""
        rows = [dict(r) for r in db.query(
            "select id, kind, statement_id, source_id from citations where id in (select value from json_each(?))",
            [json.dumps(sorted(citation_ids))])]
        return cls(sources=frozenset(r["source_id"] for r in rows if r["source_id"] is not None),
                   social=[r["id"] for r in rows if r["kind"] in ("twitter", "facebook")],
                   statements=sorted({r["statement_id"] for r in rows if r["statement_id"] is not None}))

    def crawl(self, db, config) -> bool:
        """Whether one of the sources is due for the crawl (what crawl.run, limited to them, fetches)."""
        return bool(due_sources(db, None, social=config.crawl_social, source_ids=self.sources, config=config.values))

    def archive(self, db, config) -> bool:
        """Whether one of the sources has a lookup, a save or a memento to fetch due (the archive
        stage's own plan and rescue targets, read without a request)."""
        plan = archive_stage.plan(db, config)
        due = {s["id"] for s in plan["lookup"] + plan["save"]}
        due |= {t["source_id"] for t in rescue.targets(db, config, self.sources)}
        return bool(due & self.sources)


def advice_naming(message: str, command: str, again: str | None) -> str:
    """`message`, its advice to run `command` again naming `again` instead (the command the
    user ran, which redoes what `command` alone would not); as it is when `again` is None."""
    return message if again is None else message.replace(f"`{command}`", f"`{again}`")


def this_command(fallback: str) -> str:
    """The command this process runs, as the user typed it (`citewatch check drafts.csv --db
    cw.db`, quoted as a shell needs it), when it is the `fallback` command (`citewatch check`);
    else `fallback` (a test's runner).  Read from sys.argv, which every system has: another
    process's words come from /proc (db/lock.py `command_of`), which macOS has not.

    A database given by CITEWATCH_DB alone (`CITEWATCH_DB=cw.db citewatch crawl`) is added
    as `--db`: the variable may not be set where the advice is followed (a prefix is not
    exported), and the command would then act on ./citewatch.db."""
    typed = ["citewatch", *sys.argv[1:]]
    if typed[:2] != fallback.split()[:2]:
        return fallback
    return shlex.join([*typed, *_database_from_environment(typed)])


def _database_from_environment(typed: list[str]) -> list[str]:
    """["--db", CITEWATCH_DB's value] when the database came from that variable (it beats a
    --config file, a typed --db beats it: crawler/config.py `load_config`); else []."""
    variable = setting_named("db").env_var
    if variable not in os.environ or any(word == "--db" or word.startswith("--db=") for word in typed):
        return []
    return ["--db", os.environ[variable]]


def archive_progress(console) -> tuple[archive_stage.ProgressFn | None, contextlib.AbstractContextManager | None]:
    """The archive stage's progress callback and the display it draws in, one bar per API
    phase (lookup, enqueue, save), for archive/stage.py's `run(progress=…, display=…)`;
    (None, None) without a console.  The bar starts with the first phase that has work (a
    stage with none draws no empty one) and is not transient, as the crawl's: on a terminal
    it stays as the stage's record, and a log (no terminal) gets plain lines on stderr instead,
    each phase's last state among them (crawler/terminal.py `Progress`)."""
    if console is None:
        return None, None
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, name="archive")
    tasks: dict[str, int] = {}

    def progress(phase: str, done: int, total: int) -> None:
        bar.start()   # once: started, it stays so
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=total)
        bar.update(tasks[phase], completed=done, total=total)

    def stop() -> None:
        if bar.live.is_started:   # (a stage with no work started none)
            bar.stop()

    display = contextlib.ExitStack()
    display.callback(stop)
    return progress, display


def _unless_busy(stage, lock: Stage, db, config, again: str | None, console=None, **options) -> dict[str, Any]:
    """The stage's counts, or {"stepped_aside": why} when another process runs it on this
    database (db/lock.py), said on `console` where the stage's own output would be: this
    run goes on with the stages after it, on what the database holds, and the next run
    does the stage again.  `lock` is the stage's: its advice names `lock.command`, which
    `again` replaces."""
    try:
        return stage(db, config, console=console, **options)
    except StageBusy as exc:
        why = advice_naming(str(exc), lock.command, again)
        if console is not None:
            # paths, commands: [ ] as typed; one line whatever the width, as a log or a pipe keeps it (README)
            console.print(f"did not run: {why}", style="yellow", markup=False, highlight=False, soft_wrap=True)
        return {STEPPED_ASIDE: why}
