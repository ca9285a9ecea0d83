"""`citewatch check`: does each quote of a list say what its source says?

    prepare(config, quotes_file=…)             -> Listing   (reads the list and local files; nothing written)
    prepare(config, quote=…, source=…, date=…) -> Listing   (one quote)
    run(db, config, listing)                   -> CheckRun  (store, run the stages, read the verdicts back)

The rows become a document of kind `quotes` (its statements and citations, see
store.py), so the crawl, archive, resolve and reconcile stages check them exactly as
they check a letter's footnotes, and reports and `citewatch watch` see them too.  A check
runs the stages on its own rows' citations only (crawler/run.py `Scope`: a list of local
files sends no request for another document's pages).
The verdicts are reconcile's seven plus `error` for a row that cannot be checked.

A stage another process runs on the database is left to it (crawler/run.py): the rows it
left `unverifiable` were not checked, and the exit status says so (EXIT_NOT_CHECKED), or a
`--fail-on` gate would pass a list it never checked.  So does a crawl that found the network
unreachable (EXIT_OFFLINE, as `citewatch run`'s): its rows' sources were not read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crawler.check.read import QuoteListError, Row, read_quote_list, single_row
from crawler.check.results import Result, collect
from crawler.check.sources import Cited, LocalFiles, SourceProblem, cite
from crawler.check.store import Entry, Listing, store

__all__ = ["CheckRun", "QuoteListError", "Result", "exit_status", "prepare", "run"]

EXIT_ERRORS = 1    # some rows could not be checked
EXIT_FAIL_ON = 3   # some row got a verdict named in --fail-on
EXIT_OFFLINE = 4   # the network seemed unreachable, and rows are unverifiable (as `citewatch run`'s 4)
EXIT_NOT_CHECKED = 5  # a stage was left to another process, and rows it would have checked are unverifiable
SOCIAL = ("twitter", "facebook")
# What a row's note says to run for a text still missing (reconcile's `again`): running the check
# again runs every stage and reads the verdicts back; `citewatch crawl` alone would not.
NOTES_AGAIN = "the check"


@dataclass
class CheckRun:
    listing: Listing
    stored: dict            # what store() wrote: document_id, new, added, updated, unchanged, removed
    results: list[Result]   # one per row, in the list's order
    left: tuple[str, ...] = ()   # the stages another process ran on the database (crawler/run.py)
    again: str = "citewatch check"   # the command the user ran, to run once that process ends
    offline: str | None = None   # the crawl's note when the network seemed unreachable

    @property
    def unchecked(self) -> list[Result]:
        """The rows left unverifiable while a stage was left to another process: their source
        may be the very one that process is fetching, archiving or resolving (a row unverifiable
        for good cannot be told apart until a run does every stage)."""
        return [r for r in self.results if r.verdict == "unverifiable"] if self.left else []

    @property
    def unchecked_line(self) -> str:
        """The one line that says which rows were not checked, why, and what to run."""
        rows = ", ".join(r.id for r in self.unchecked[:10]) + (" …" if len(self.unchecked) > 10 else "")
        return (f"{len(self.unchecked)} row{'' if len(self.unchecked) == 1 else 's'} not checked ({rows}): another "
                f"citewatch process runs the {' and '.join(self.left)} on this database (said above); run "
                f"`{self.again}` again once it ends")


def prepare(config, quotes_file: str | Path | None = None, quote: str | None = None, source: str | None = None,
            date: str | None = None, files_anywhere: bool = False) -> Listing:
    """The list (or the one quote) with each row's citation, local files read; nothing written.

    A list's local files are read from its folder and below only, unless `files_anywhere`
    (`--files-anywhere`): a list may be someone else's (sources.py `LocalFiles`).  The one
    SOURCE of a `--quote` check is read wherever it is: the user typed it."""
    limit = int(config.check_max_quote_chars)
    if quotes_file is not None:
        path = Path(quotes_file).expanduser().resolve()
        fmt, rows = read_quote_list(path, limit)
        listing = Listing(str(path), path.name, fmt, rows)
        base_dir = path.parent
    else:
        listing = Listing(None, "--quote", "quote", [single_row(quote, source, date, limit)])
        base_dir = Path.cwd()
    files = LocalFiles(int(config.max_size), anywhere=files_anywhere or quotes_file is None,
                       relative_to="the quote list's folder" if quotes_file is not None else "the current folder")
    cited: dict[str, Cited | SourceProblem] = {}   # rows sharing a source share its citation
    for row in listing.rows:
        if row.error is None:
            _cite(row, listing, cited, lambda source: cite(source, base_dir, files, config.wayback_url))
    return listing


def _cite(row: Row, listing: Listing, known: dict, make) -> None:
    """Add the row's entry to the listing, or set its error."""
    if row.source not in known:
        try:
            known[row.source] = make(row.source)
        except SourceProblem as problem:
            known[row.source] = problem
    cited = known[row.source]
    if isinstance(cited, SourceProblem):
        row.error, row.repairs = str(cited), cited.repairs
        return
    row.repairs, row.read_as = cited.repairs, cited.url or cited.source_url
    entry = Entry(row, cited)
    if cited.kind in SOCIAL and not entry.date:
        row.error = (f"{row.source[:60]} needs the date the words were posted (resolve searches the days "
                     "around it); fill the date column as YYYY-MM-DD")
        return
    listing.entries.append(entry)


def run(db, config, listing: Listing, console=None) -> CheckRun:
    """Store the listing, run crawl → archive → resolve → reconcile, and read the results back.
    A stage another process runs on the database is left to it, and said on `console`
    (crawler/run.py): the results then rest on what the database held."""
    from crawler.run import STEPPED_ASIDE, advice_naming, run_all, this_command
    from db.lock import CRAWL

    stored = store(db, listing)
    again = this_command("citewatch check")
    left: tuple[str, ...] = ()
    offline = None
    failures: list[str] = []
    if listing.entries:
        result = run_all(db, config, console=console, again=again, citation_ids=_citations(db, stored["document_id"]),
                         notes_again=NOTES_AGAIN)
        left = tuple(name for name, counts in result.stages.items() if STEPPED_ASIDE in counts)
        offline = result.network_message and advice_naming(result.network_message, CRAWL.command, again)
        failures = result.stages["reconcile"].get("errors", [])
    return CheckRun(listing, stored, collect(db, stored["document_id"], listing.rows, failures), left, again, offline)


def _citations(db, document_id: int) -> list[int]:
    """The citations of the list's rows: the stages fetch, archive, resolve and reconcile these
    only, whatever else the database holds (another document's pages are none of the check's
    business, and its summary and exit status speak of its rows only)."""
    return [row[0] for row in db.execute("SELECT id FROM citations WHERE document_id = ?", [document_id])]


def exit_status(done: CheckRun, fail_on: set[str]) -> int:
    """EXIT_FAIL_ON when a row got a verdict in `fail_on`; else EXIT_OFFLINE when the network
    seemed unreachable and rows came back unverifiable, EXIT_NOT_CHECKED when rows were left
    unchecked to another process (a gate must pass neither: run again when online, or once it
    ends); else EXIT_ERRORS when a row failed; else 0.  A row reconcile failed on this run
    counts as failed whatever verdict it kept from before (results.py `stale`): a gate must
    not pass on a check that did not run."""
    verdicts = {r.verdict for r in done.results} | {"error" for r in done.results if r.stale}
    if verdicts & fail_on:
        return EXIT_FAIL_ON
    if done.offline and "unverifiable" in verdicts:
        return EXIT_OFFLINE
    if done.unchecked:
        return EXIT_NOT_CHECKED
    return EXIT_ERRORS if "error" in verdicts else 0
