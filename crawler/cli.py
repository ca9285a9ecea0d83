"""The `citewatch` command line: one thin command per stage.

Each command builds the configuration once, opens the database and calls one stage
function; the stage does the work and the command prints what happened.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import functools
import getpass
import json
import os
import shlex
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

import db as database
from crawler.config import SETTINGS, ConfigError, human_duration, load_config, parse_setting, setting_text
from crawler.export import OutputError, missing_folder, no_folder, output_file, refuse_overwrite, to_stdout
from crawler.terminal import Console   # prints no escape sequence a page, a title or an id holds
from db.lock import StageBusy
from crawler import terminal

console = Console(stderr=False)


def db_option(hidden: bool = False):
    """--db, as every command spells it (a decorator; `settings` takes it too, to show a flag's value).
    A folder given is refused where the database is opened (`open_database`), as one named by
    CITEWATCH_DB or citewatch.toml is, in one line and with one exit status: click's own check
    (dir_okay=False) refused it alone, as a usage error (2), the others as an error (1)."""
    return click.option("--db", "db_path", type=click.Path(), metavar="FILE", hidden=hidden,
                        help="SQLite database (default ./citewatch.db).")


CONFIG_OPTION = click.option("--config", "config_file", type=click.Path(dir_okay=False),
                             help="Configuration file (default ./citewatch.toml); a relative path in it is read "
                                  "from its folder.")
DATA_DIR_OPTION = click.option("--data-dir", type=click.Path(file_okay=False),
                               help="Directory for WARC files and reports (default ./citewatch-data).")


def common_options(func=None, *, with_db: bool = True, fetches: bool = False, first=None):
    """--db, --config, --data-dir and --verbose, spelled the same on every command.

    `@common_options(with_db=False)` hides --db from the help of a command that opens no
    database (`worker`): an option it ignores must not be offered, but a script that
    passes --db to every command keeps working.  -v alike: it shows Scrapy's log, so it is
    offered only by a command that `fetches` with Scrapy (crawl, archive, resolve and those
    that run them); the others accept it, hidden.  `first`, called with the command's own
    options, says what must come before anything can fail, the reading of the configuration
    included (a scheduled run's opening line: `_say_scheduled_run_begins`).
    """
    if func is None:
        return functools.partial(common_options, with_db=with_db, fetches=fetches, first=first)

    @db_option(hidden=not with_db)
    @CONFIG_OPTION
    @DATA_DIR_OPTION
    @click.option("-v", "--verbose", is_flag=True, hidden=not fetches,
                  help="Show Scrapy's log of the fetches on standard error.")
    @functools.wraps(func)
    def wrapper(*args, db_path, config_file, data_dir, verbose, **kwargs):
        if first is not None:
            first(**kwargs)
        config = load_config(config_file, db=db_path, data_dir=data_dir)
        config.values["verbose"] = verbose
        with one_line_errors(config):
            return func(*args, config=config, **kwargs)

    return wrapper


def open_database(config, must_exist: bool = False, read_only: bool = False):
    """Open the configured database, turning a bad path into a clear error.

    `must_exist` is for every command that works on what the database holds, that is all
    but those that bring a document in (ingest, check, run DOCUMENT): opening creates the
    file, and a mistyped --db would otherwise become an empty database (with its stage's
    lock file beside it) reported as all zeros (or, for a scheduled run, checked for ever).  An empty
    file is refused too: it is what a failed write or `touch` leaves, not a database.
    `read_only` (it implies `must_exist`) is for commands that only read: a database they
    may not write is read as it is (db.open_db).  Every command refuses another program's
    SQLite database (db.refuse_foreign) and a folder: neither is a mistake to build on.  A
    database on a full disk is said so (spiderrun.no_room): another --db is not the only fix.
    """
    path = config.db_path
    if path.is_dir():
        raise click.ClickException(_folder_message(config))
    if (must_exist or read_only) and not path.exists():
        raise click.ClickException(f"no database at {path}{_set_where(config)}; run `citewatch ingest DOC` "
                                   "(or `citewatch run DOC`) first")
    refuse_missing_folder(config)
    if (must_exist or read_only) and _empty_file(path):
        raise click.ClickException(
            f"{path} is an empty file (0 bytes), not a citewatch database: pass --db with your database, "
            f"or delete it and run `citewatch ingest DOC` (or `citewatch run DOC`) to start a new one")
    try:
        return database.open_db(path, read_only=read_only, migration_wait=config.migration_wait,
                                write_wait=config.write_wait)
    except (database.ReadOnlyDatabase, database.ForeignDatabase,
            sqlite3.NotSupportedError) as exc:  # a SQLite too old: another Python, not --db
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # sqlite3.DatabaseError and OSError alike
        from crawler.spiderrun import no_room

        if database.damaged(exc):
            raise click.ClickException(database.damage_message(path, exc)) from None
        if database.result_code(exc) == database.BUSY_CODE:  # writable: another process holds its write lock
            raise click.ClickException(database.lock_wait_message(
                path, human_duration(config.migration_wait), MIGRATION_WAY_OUT, UPGRADING)) from None
        if room := no_room(path, exc):  # a full disk: no other file or permission would help
            raise click.ClickException(f"cannot open the database ({exc}): {room}, "
                                       "or pass --db with a database on another disk") from None
        if database.result_code(exc) in database.UNWRITABLE_CODES and read_only:  # nor could it be read (db._open_read_only)
            raise click.ClickException(
                f"{path}: cannot open the database for reading ({exc}): give this user read access to it "
                f"and its folder, or pass --db with a readable copy") from None
        if database.result_code(exc) in database.UNWRITABLE_CODES:
            raise click.ClickException(
                f"{path}: cannot open the database for writing ({exc}); this command writes to it: "
                f"give its file and folder write access, or pass --db with a writable copy") from None
        raise click.ClickException(f"{path}: cannot open the database ({exc}); pass --db with a writable SQLite file") from None


def refuse_missing_folder(config) -> None:
    """A database path in a folder that does not exist is refused, not made, as an -o file's
    is (crawler/export.py): `ingest --db nodir/cw.db` made a stray folder tree for a typo."""
    if folder := missing_folder(config.db_path):
        raise click.ClickException(f"{_db_origin(config)} {config.db_path}: {no_folder(folder)} or fix the path")


def _folder_message(config) -> str:
    """One line for a database path that names a folder: SQLite says only "unable to open
    database file", which reads as a permission problem.  It names where the path was set
    (--db, CITEWATCH_DB, citewatch.toml, or the default path: a folder named citewatch.db),
    all refused here alike (exit 1), and a file in that folder to give instead."""
    path = config.db_path
    return (f"{path} (from {_db_origin(config)}) is a folder, not a database file: give a file path, "
            f"e.g. --db {shlex.quote(str(path / 'citewatch.db'))}")


def _db_origin(config) -> str:
    """Where the database path was set, in the user's words: --db, CITEWATCH_DB, db in FILE."""
    if config.origin_file("db"):
        return f"db in {config.origin_file('db')}"
    origin = config.origins.get("db", "default")
    return {"default": "the default database path", "flag": "--db"}.get(origin, origin)


def _set_where(config) -> str:
    """' (db in ../citewatch.toml, read as /abs/rel.db)' for a database path the user did not
    type here (a file's or a variable's), so a missing one says where it was looked for; a
    --db or the default path is said as typed."""
    if config.origins.get("db", "default") in ("default", "flag"):
        return ""
    return f" ({_db_origin(config)}, read as {config.db_path.resolve()})"


def nothing_ingested(db, config, what: str) -> bool:
    """Say so, in one line with the way on, when nothing was ingested into the database (no
    document, nor a source), and return True: the command has nothing to do (`what`:
    "reconcile"), and its empty tables and zeros (`status`, `reconcile`, `archive`, `resolve`)
    read as a database checked and found clean, or as a crawl of it that failed.  Not an error
    (exit 0, as `crawl` and `search` say it): the database opened, and ingesting a document is
    the next step."""
    from crawler.report_data import no_document

    if db["documents"].count or db["sources"].count:
        return False
    line, command = no_document(str(config.db_path), what)
    console.print(f"{line} (`{command}`)", markup=False, highlight=False, soft_wrap=True)
    return True


def _empty_file(path) -> bool:
    """The database file holds nothing, nor does a -wal beside it (WAL writes the file's
    header when a database is made, so an empty one never held a database)."""
    wal = path.with_name(path.name + "-wal")
    return path.is_file() and path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size)


@contextlib.contextmanager
def one_line_errors(config):
    """What no stage can work around, as one line naming the input and the fix instead of a
    traceback: another process running the stage on the database, another holding its write
    lock past write_wait (at whichever stage's write: every stage resumes, so the way out is
    the command as typed), a database damaged after it was opened (every later statement
    would fail too), or an -o file that cannot be written or must not be (crawler/export.py
    `output_file`, `refuse_overwrite`: the database, an input)."""
    try:
        yield
    except StageBusy as exc:  # another process runs this stage (db/lock.py): its advice names this command as typed
        from crawler.run import advice_naming, this_command

        command = exc.stage.command if exc.stage else None
        raise click.ClickException(advice_naming(str(exc), command, command and this_command(command))) from None
    except OutputError as exc:  # the -o file
        raise click.ClickException(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        if database.result_code(exc) == database.BUSY_CODE:
            raise click.ClickException(write_wait_message(config)) from None
        if not database.damaged(exc):
            raise
        raise click.ClickException(database.damage_message(config.db_path, exc)) from None


# What may hold the write lock an open's migrations waited for, and the way out (an upgrade ends by itself).
UPGRADING = f"another citewatch command upgrading its schema: minutes on a large database; {database.LONG_WRITERS}"
MIGRATION_WAY_OUT = ("run this command again once it ends (or raise migration_wait, in seconds: "
                     "CITEWATCH_MIGRATION_WAIT=3600)")


def write_wait_message(config) -> str:
    """The one line for a write that waited write_wait for another process's write lock,
    advising to run again the command this process runs, as typed."""
    from crawler.crawl import write_lock_line
    from crawler.run import this_command

    return write_lock_line(config, this_command(f"citewatch {click.get_current_context().info_name}"))


def as_written(*cells) -> list[str]:
    """Table cells as their text is written: rich reads a str cell as markup, and a URL's,
    path's, id's or title's "[b]" vanished from it (a "[/x]" failed the command); and each
    on its lines, printable (terminal.printable: an escape sequence or a newline in a title or
    an id is shown, not obeyed)."""
    return [escape(terminal.printable(str(cell), one_line=True)) if cell is not None else "" for cell in cells]


def every_option(ctx, param, value):
    """--every read as the watch_every setting is; a bad one is a usage error (exit 2), as a
    bad --date or --limit is, not exit 1 (crawler/schedule.py `interval` checks it again)."""
    if value is None:
        return None
    try:
        return parse_setting("watch_every", value, "--every")
    except ConfigError as exc:
        raise click.BadParameter(exc.message.removeprefix("--every: "), ctx, param) from None


def redis_option(ctx, param, value):
    """--redis read as the redis_url setting is: a malformed URL is one line, not redis-py's traceback."""
    return parse_setting("redis_url", value, "--redis") if value else value


def refuse_together(first: str, second: str, way: str) -> None:
    """Two options that exclude each other, given together: a usage error (exit 2), one line
    naming both and `way`, the way on, as click refuses a bad value (it has no such check of
    its own).  Taken as they came, the one written last won (`search --phrase --fts`), or both
    were done (`schedule --cron --systemd DIR`), without a word."""
    raise click.UsageError(f"{first} and {second} cannot be given together: {way}")


def given(name: str) -> bool:
    """Whether the user gave the option `name` (its parameter's name) on the command line,
    rather than it taking its default: an option that goes with another must be refused
    alone only when it was asked for."""
    return click.get_current_context().get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE


WHERE_IDS_ARE = {"documents": "`citewatch status` lists the documents with their ids",
                 "statements": "`citewatch report --format json` lists every statement with its id",
                 "citations": "`citewatch report --format json` lists every citation with its citation_id"}


def require_rows(db, table: str, option: str, ids) -> None:
    """An id given on the command line must name a row: a mistyped one would otherwise
    select nothing, and the command would do nothing and still exit 0."""
    for row_id in ids:
        if row_id is not None and not db[table].count_where("id = ?", [row_id]):
            raise click.ClickException(f"{option} {row_id}: no such {table[:-1]}; {WHERE_IDS_ARE[table]}")


# A command stopped by Ctrl-C (SIGINT): the shell's 128 + SIGINT, as a command killed by it
# reports; never 0 (it did not finish) nor 1 (an error naming an input: README's table).  `cli`
# exits with it; the console entry (`main`) dies by SIGINT instead (the shell's `$?` is 130 either way).
EXIT_INTERRUPTED = 130
# The stop signals this process received that ended its command with 128 + signal, noted where
# the stop becomes the exit status (`stopped_by`): the console entry (`main`) then dies by it.
STOPPED_BY: set[int] = set()
# The commands that write nothing: stopped, they leave everything as it was.
ONLY_READS = ("settings", "status", "search", "verify")


def interrupted_line(name: str, by: str = "Ctrl-C") -> str:
    """The one line said when Ctrl-C (or the signal `by`) stops command `name`: what was kept,
    and the way on (click's bare "Aborted!" said neither, and exited 1 as if an input were wrong)."""
    from crawler.run import this_command

    if name in ONLY_READS:
        return f"Stopped ({by}): `citewatch {name}` only reads, nothing was changed."
    if name == "report":
        return f"Stopped ({by}): no report was written (an earlier report file is left as it was)."
    if name == "demo":
        return f"Stopped ({by}): the demo's files so far are in its folder; run `citewatch demo` again to start afresh."
    return (f"Stopped ({by}): what was stored before the stop is kept (a crawl so stopped is marked interrupted) "
            f"and every stage resumes where it stopped: run `{this_command(f'citewatch {name}')}` again to finish.")


def stopped_by(signum: int) -> int:
    """Note that the stop signal `signum`, received, ends the command, and return its exit status
    (128 + signal): noted, `main` dies by the signal once the command has cleaned up and said its
    line.  Only a stop really received is noted, never a status chosen for another reason."""
    STOPPED_BY.add(signum)
    return 128 + signum


def _login_name() -> str:
    """This user's login name for `loginctl`, or "$USER" for the shell to fill in: a process run
    under a user id with no passwd entry (a container's `--user 4242`) has none, and getpass
    raised KeyError there, after the unit files were written."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "$USER"


@contextlib.contextmanager
def _deaf_to_ctrl_c():
    """SIGINT ignored while a stopped command says its line: a second Ctrl-C there (a user who
    pressed it twice; `interrupted_line` may import the stages' modules first) raised past the
    stop into click's bare "Aborted!" with status 1.  The command is stopping already, so the
    second asks for nothing more.  The handler is put back after (CliRunner runs commands in
    the test's own process)."""
    if threading.current_thread() is not threading.main_thread():   # (no handler can be set there)
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def stopped_as_by_ctrl_c(ctx: click.Context):
    """SIGTERM and SIGHUP (systemd's TimeoutStartSec, a `kill`, a closed terminal) stop the
    command `ctx` invokes as Ctrl-C does (crawler/spiderrun.py `stopped_by_signals`: a crawl
    finishes the fetches it began and is marked interrupted, every stage's clean-up runs, an
    open transaction is rolled back) with the shell's 128 + signal (`stopped_by`: the console
    entry then dies by the signal), and `interrupted_line` says
    so: killed by the signal, the process said nothing, and a stage in this process (the
    archive's, reconcile's upserts) stopped mid-write.  A signal the process was started
    ignoring (`nohup citewatch run`: SIGHUP) stays ignored.  The command is named as it ends
    (the group knows it only once its arguments are read)."""
    from crawler.spiderrun import stopped_by_signals

    if threading.current_thread() is not threading.main_thread():   # (no handler can be set there)
        yield
        return
    try:
        with stopped_by_signals():
            yield
    except SystemExit as exc:
        if isinstance(exc.code, int) and exc.code - 128 in (signal.SIGTERM, signal.SIGHUP):
            stopped_by(exc.code - 128)   # (raised by the signal's handler, spiderrun's `stop` or `_delivered`)
            with contextlib.suppress(OSError):   # (a closed terminal's SIGHUP: no one to tell)
                click.echo(interrupted_line(ctx.invoked_subcommand or "", signal.Signals(exc.code - 128).name),
                           err=True)
        raise


# A command whose reader closed its standard output (`citewatch report --format json | head`):
# 128 + SIGPIPE, quietly, as a tool that SIGPIPE ends and as `-o -` does (crawler/export.py `_stdout`).
EXIT_READER_GONE = 128 + signal.SIGPIPE


def lost_stdout_line(name: str, lost: OSError) -> str:
    """The one line for a standard output that could not be written (not a closed pipe: that
    ends quietly, EXIT_READER_GONE), naming it and the fix, and for a command that stores, that
    what it stored is kept (every stage resumes) and the command to run again."""
    from crawler.run import this_command

    why = lost.strerror or str(lost)
    if lost.errno == errno.ENOSPC:
        fix = "the disk it is redirected to is full: free space there or redirect it to another disk"
    elif lost.errno == errno.EDQUOT:
        fix = "your disk quota where it is redirected is used up: free space within it or redirect it elsewhere"
    else:
        fix = "redirect it to a file that can be written (or to /dev/null)"
    line = f"cannot write to standard output ({why}): {fix}"
    if name in (*ONLY_READS, "report", "schedule", ""):   # (no stage's work to keep)
        return line
    if name == "demo":   # (its own folder, started afresh: no stage resumes there)
        return f"{line}; the demo's files so far are in its folder: run `citewatch demo` again to start afresh"
    return (f"{line}; what was stored before is kept and every stage resumes where it stopped: "
            f"run `{this_command(f'citewatch {name}')}` again")


def _ended_by(stdout: terminal.GuardedOutput, exc: BaseException | None = None) -> bool:
    """The command ends on its lost standard output (`lost_stdout_line`), rather than as it
    would have: when the failure reached the command line (`exc`, the StandardOutputLost), or
    when a stage caught it and went on (its output since went nowhere), but not after a stop
    (Ctrl-C, SIGTERM, SIGHUP: the user's, said as such) nor when the terminal itself is gone (EIO,
    caught: a crawl ends its display and goes on, crawler/spiderrun.py `_unless_stopped`)."""
    if stdout.lost is None or isinstance(exc, terminal.StandardOutputLost):
        return stdout.lost is not None
    if _a_stop(exc):
        return False
    return stdout.lost.errno != errno.EIO


def _a_stop(exc: BaseException | None) -> bool:
    """`exc` ends a command stopped by the user (Ctrl-C, SIGTERM, SIGHUP: its status said by
    `interrupted_line`), which wins over a standard output lost on the way out."""
    status = exc.code if isinstance(exc, SystemExit) else getattr(exc, "exit_code", None)   # (click's Exit)
    return status in (EXIT_INTERRUPTED, 128 + signal.SIGTERM, 128 + signal.SIGHUP)


class PrintableErrors(click.Group):
    """The commands, whose one-line errors click prints are printable (terminal.printable): an
    error names a quote list's header or id, a document's heading or a URL, and an escape
    sequence in one reached the terminal through click, which shows a message as it is.
    Every command ends alike, in this one place: a Ctrl-C with `interrupted_line` and
    EXIT_INTERRUPTED, a SIGTERM or SIGHUP with the same line and 128 + signal
    (`stopped_as_by_ctrl_c`), and a standard output that cannot be written
    (terminal.guarded_stdout) with `lost_stdout_line`, or quietly for a closed pipe."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's main, standard output guarded (terminal.guarded_stdout) around all of it: the
        group's own --help and --version are written before `invoke`, and to /dev/full they
        ended in a traceback, to a closed pipe in click's exit 1.  What is left buffered is
        flushed here, while the command is ours to end; a stop on its way out (Ctrl-C,
        SIGTERM, SIGHUP) wins over a flush that fails (`_a_stop`)."""
        words = sys.argv[1:] if args is None else list(args)
        with terminal.guarded_stdout() as stdout:
            try:
                try:
                    result = super().main(args, prog_name, complete_var, standalone_mode, **extra)
                except BaseException as exc:
                    try:
                        stdout.flush()
                    except terminal.StandardOutputLost:
                        if not _a_stop(exc):
                            raise
                    raise
                stdout.flush()
            except BaseException as exc:
                if not _ended_by(stdout, exc):
                    raise
                status = self._stdout_lost(self._named(words), stdout)
            else:
                if not _ended_by(stdout):
                    return result
                status = self._stdout_lost(self._named(words), stdout)
        if standalone_mode:
            raise SystemExit(status) from None
        return status   # (as click's main returns an Exit's status)

    def _named(self, words: list[str]) -> str:
        """The command `words` run, "" for none: the group's own options (-h, --help, --version)
        end it before any command runs, so the command is the first word or none."""
        return words[0] if words and words[0] in self.commands else ""

    def invoke(self, ctx):
        """The command, stopped as by Ctrl-C on SIGTERM and SIGHUP, its errors printable."""
        try:
            with stopped_as_by_ctrl_c(ctx):
                return super().invoke(ctx)
        except click.ClickException as exc:  # (a UsageError too)
            exc.message = terminal.printable(exc.message)
            raise
        except KeyboardInterrupt:
            with _deaf_to_ctrl_c():
                if sys.stderr.isatty():
                    click.echo(err=True)  # ends the terminal's ^C echo
                click.echo(interrupted_line(ctx.invoked_subcommand or ""), err=True)
            raise click.exceptions.Exit(stopped_by(signal.SIGINT)) from None

    @staticmethod
    def _stdout_lost(name: str, stdout: terminal.GuardedOutput) -> int:
        """How command `name`, whose standard output failed, ends (its exit status): a closed
        pipe quietly with EXIT_READER_GONE, else its one line on stderr (if stderr can take it)
        and 1."""
        if stdout.reader_gone:
            return EXIT_READER_GONE
        with contextlib.suppress(OSError):   # (`&> /dev/full`: no one to tell)
            click.echo(f"Error: {lost_stdout_line(name, stdout.lost)}", err=True)
        return 1


@click.group(cls=PrintableErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citewatch")
def cli():
    """citewatch keeps the sources of a compiled document honest.

    It ingests a document that quotes and cites many statements, fetches every
    cited source, snapshots it to the Wayback Machine, reconciles every quote
    against its original and reports link rot, content drift and quote verdicts,
    all from one SQLite database.

    Example:

    \b
        citewatch run examples/un-letter-A-74-855.txt
    """


@cli.command(name="settings")
@db_option()
@CONFIG_OPTION
@DATA_DIR_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
def settings_command(db_path, config_file, data_dir, as_json):
    """List every setting with its value and where the value came from.

    Settings come from defaults < citewatch.toml < CITEWATCH_* environment
    variables < command-line flags (--db, --data-dir).  A name that is no
    setting (a file key, a CITEWATCH_* variable) is an error, said below the
    list.  --json prints {setting: value, ..., "_origins": {setting: where}}.

    Example:

    \b
        CITEWATCH_FETCH_TIMEOUT=10 citewatch settings --db letters.db
        citewatch settings --json
    """
    unknown: list[str] = []
    config = load_config(config_file, unknown_names=unknown, db=db_path, data_dir=data_dir)
    if as_json:
        if unknown:  # a script reads values the user meant to set otherwise: no JSON of them
            raise click.ClickException("; ".join(unknown))
        click.echo(json.dumps({**config.values, "_origins": config.origins}, indent=2))
        return
    wide = console.width >= terminal.WIDE  # a narrow terminal gives the variables' rule once, below the table
    variable = [terminal.key("environment variable")] if wide else []
    table = Table(terminal.key("setting"), terminal.text("value"), terminal.text("from"), *variable,
                  terminal.text("help"),
                  caption=None if wide else "environment variable: CITEWATCH_ and the setting's name in capitals")
    for s in SETTINGS:
        table.add_row(s.name, *as_written(setting_text(config.values[s.name]), config.origins[s.name]),  # paths: [ ] as typed
                      *([s.env_var] if wide else []), s.help)
    console.print(table)
    if unknown:  # after the list it sends the user to (the setting meant keeps the value listed)
        raise click.ClickException("; ".join(unknown))


def _say_scheduled_run_begins(document, scheduled: bool) -> None:
    """A scheduled run's opening line in its log (crawler/schedule.py `say_run_begins`), said
    before its configuration is read: a log appended to for a year is read run by run, and a
    bad CITEWATCH_* value's or citewatch.toml's error, as a refused database's, must sit under
    its own run's line, not under the previous run's.  (`document`: run_command's other option.)"""
    if scheduled:
        from crawler.schedule import say_run_begins

        say_run_begins(console, "citewatch run --scheduled")


@cli.command(name="run")
@click.argument("document", required=False)
@click.option("--scheduled", is_flag=True, help="Re-check only what is due and write the changes file (for cron/systemd).")
@common_options(fetches=True, first=_say_scheduled_run_begins)
def run_command(document, scheduled, config):
    """Run every stage: ingest DOCUMENT, crawl, archive, resolve, reconcile.

    DOCUMENT is a file path or URL (text, PDF or HTML). Without it, give
    --scheduled: the stages then re-check only what the database already holds
    and is due for a check.

    Exit status: 4 when the network seemed unreachable (the crawl's checks were
    withdrawn: run again when online); else, with --scheduled, 3 when anything
    changed; else 0.  1 for an error, said in one line naming the input and the
    fix (a document that cannot be read, a database that cannot be opened or
    written); 2 for a usage error.

    Example:

    \b
        citewatch run examples/un-letter-A-74-855.txt
        citewatch run --scheduled --db cw.db
    """
    if not document and not scheduled:
        raise click.UsageError("give a DOCUMENT to ingest, or --scheduled to re-check what the database holds")
    _run(document, scheduled, config)   # (SIGTERM, SIGHUP: as Ctrl-C, PrintableErrors)


def _run(document, scheduled, config):
    """`citewatch run`'s work, once its arguments are checked (run_command)."""
    from crawler.spiderrun import start_child_server

    start_child_server()   # (its imports beside this command's own)
    from crawler import ingest
    from crawler.crawl import DatabaseLocked
    from crawler.run import STAGES, STEPPED_ASIDE, advice_naming, run_all, this_command
    from crawler.schedule import EXIT_OFFLINE, after_run_all
    from db.lock import CRAWL

    # (a scheduled run's opening line is said already: _say_scheduled_run_begins)
    # read first, as `ingest` does: a document refused (a quote list, an empty file) makes no database
    parsed = ingest.parse(document, config) if document else None
    if document:  # before the database is made and the document stored: a run that cannot crawl does nothing
        refuse_missing_folder(config)
        config.data_path
    db = open_database(config, must_exist=not document)  # re-checking what it holds: a mistyped --db holds nothing
    config.data_path  # (a scheduled run's: once its database is found, before any stage)
    again = this_command("citewatch run")  # what the stages' advice names, with the user's --db
    try:
        result = run_all(db, config, document=document, scheduled=scheduled, console=console, again=again,
                         parsed=parsed)
    except DatabaseLocked as exc:   # a sqlite3 shell, a DB browser writing: the later stages would wait alike
        raise click.ClickException(advice_naming(str(exc), CRAWL.command, again)) from None
    table = Table(terminal.key("stage"), terminal.text("result"), title="citewatch run")
    if result.document is not None:
        table.add_row("ingest", _summary_line(result.document))
    for name, _ in STAGES:
        stage = result.stages[name]
        table.add_row(name, "left to another process (below)" if STEPPED_ASIDE in stage else _summary_line(stage))
    console.print(table)
    for line in result.stepped_aside:
        console.print(line, style="yellow", markup=False, highlight=False, soft_wrap=True)  # paths, commands: [ ] as typed
    # (a line naming a command is never wrapped inside it: a log or a pipe has 80 columns)
    if stopped := result.archive_stopped(again):
        console.print(stopped, style="yellow", markup=False, soft_wrap=True)
    if result.network_message:  # commands, URLs: [ ] as typed
        console.print(advice_naming(result.network_message, CRAWL.command, again), style="yellow", markup=False,
                      soft_wrap=True)
        console.print("To see every stage at work without a network, run [bold]citewatch demo[/] "
                      "(a local web and archive on 127.0.0.1).")
    console.print(f"Database: {config.db_path}  ·  report: citewatch report --format html", markup=False)
    status = after_run_all(db, config, result, scheduled=scheduled, console=console)
    if result.network_message:
        sys.exit(EXIT_OFFLINE)  # cron and CI must tell a run that checked nothing from a good one
    if scheduled and status:
        sys.exit(status)


def _summary_line(counts: dict) -> str:
    """One line of `key: value` pairs for a stage's summary table: counts and short values,
    a flag as yes or no (not Python's True and False); messages and paths would swamp the
    table (the messages are printed below it)."""
    return ", ".join(f"{k}: {_as_word(v)}" for k, v in counts.items() if _short_value(v)) or "done"


def _as_word(value) -> str:
    """A summary's value as a reader reads it: a flag yes or no, anything else as it is."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _short_value(value) -> bool:
    """A number, a flag or a word-sized string: worth a cell in a summary line."""
    if isinstance(value, str):
        return len(value) <= 24 and "/" not in value
    return isinstance(value, (bool, int, float))


@cli.command(name="report")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "csv", "json"]), default="html", show_default=True,
              help="html: one self-contained page; md; csv: one row per citation; json: the whole state.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write, - for stdout (default: report.<format> in the data directory).")
@click.option("--document", "document_id", type=int, help="Only this document's footnotes (its id in the documents table).")
@common_options
def report_command(fmt, output, document_id, config):
    """Write the link-rot and quote report as HTML, Markdown, CSV or JSON.

    Example:

    \b
        citewatch report --format html -o report.html
    """
    from crawler.report import write

    if output:
        refuse_overwrite(output, database.database_files(config.db_path))
    db = open_database(config, read_only=True)
    require_rows(db, "documents", "--document", [document_id])
    path = write(db, config, fmt, output, document_id=document_id)
    if not to_stdout(output):  # -o -: stdout is the report alone
        console.print(f"Report written to {path}", markup=False)  # a path's [ ] as typed


@cli.command(name="status")
@common_options
def status_command(config):
    """Print the summary of the report in the terminal: documents and what ingest flagged in
    them, sources, states, verdicts, and the sites (or the archive) that asked to wait beyond
    retry_after_cap, until when.

    Example:

    \b
        citewatch status --db citewatch.db
    """
    from crawler.history import found_offline, latest_changes
    from crawler.report import flag_tables, status_tables
    from crawler.report_data import stream
    from crawler.schedule import print_changes

    db = open_database(config, read_only=True)
    if nothing_ingested(db, config, "report"):
        return
    tables = [_documents_table(db), *flag_tables(db),
              *status_tables(stream(db, database_path=config.db_path, config=config)), *_waiting_table(db, config)]
    for table in tables:  # all read first: a damaged database is one line, not half a summary
        console.print(table)
    changes = latest_changes(db)
    if changes:   # (the last run's time from its column: its changes may be unreadable, an older run's shown)
        last = db.execute("select taken_at from run_states order by id desc limit 1").fetchone()[0]
        console.print(f"Last recorded run: {last}")
        # (which says whose changes they are when not the last run's, and nothing checked for an offline run's)
        print_changes(changes, console, found_offline(db, changes["run_state_id"]))


def _waiting_table(db, config) -> list:
    """The sites that asked citewatch to wait beyond retry_after_cap, and until when (none: no
    table): a host name whose sources the crawls leave due until then (table host_quiet), and the
    archive (table archive_quiet), then the way to ask sooner.  Without it, a user whose sources
    stayed unchecked run after run had to read a crawl's log to learn why."""
    from rich.text import Text

    from crawler.report_data import utc_minute
    from crawler.state import due_sources, quiet_hosts, without_quiet_hosts

    hosts = quiet_hosts(db)
    due = due_sources(db, None, social=config.crawl_social, config=config.values) if hosts else []   # (a read of every source)
    _, left = without_quiet_hosts(due, hosts)
    rows = [(host, utc_minute(at), f"{len(left.get(host, []))} due") for host, at in sorted(hosts.items())]
    rows += [(archive, utc_minute(at), "the archive") for archive, at in db.execute(
        "select archive, not_before from archive_quiet where julianday(not_before) > julianday(?) order by archive",
        [database.now()])]
    if not rows:
        return []
    table = Table(terminal.text("site"), terminal.key("until"), terminal.key("sources"),
                  title="sites that asked to wait (Retry-After)")
    for row in rows:
        table.add_row(*as_written(*row))
    path = shlex.quote(str(config.db_path))
    return [table, Text(f"To ask one sooner, delete its time: sqlite3 {path} \"DELETE FROM host_quiet WHERE host = 'HOST'\" "
                        "(the archive: DELETE FROM archive_quiet WHERE archive = 'URL').")]


def _documents_table(db) -> Table:
    """The documents with their ids, which --document takes (report, reconcile), headed as
    the reports head them (a `check --quote` is no document named "--quote")."""
    from crawler.report import document_heading

    table = Table(terminal.key("id"), terminal.key("kind"), terminal.key("statements"), terminal.text("document"),
                  title="documents")
    for doc in db.query("select d.id, d.kind, d.path, d.title, count(s.id) as statements from documents d "
                        "left join statements s on s.document_id = d.id group by d.id order by d.id"):
        table.add_row(str(doc["id"]), doc["kind"], str(doc["statements"]), *as_written(document_heading(doc)))
    return table


@cli.command(name="watch")
@click.option("--every", callback=every_option,
              help="Time between runs, e.g. 1d, 12h, 30m (default: the watch_every setting, 1d).")
@click.option("--max-runs", type=click.IntRange(min=1), help="Stop after this many runs (default: run until stopped).")
@common_options(fetches=True)
def watch_command(every, max_runs, config):
    """Re-check the sources in a loop: crawl what is due, archive, resolve, reconcile.

    After each run the changes since the previous one are printed and written to
    the changes file.  Exit status (with --max-runs, or stopped by Ctrl-C
    between runs): 1 when a run failed (said, and the watch went on to the
    next); else 4 when a run's crawl found the network unreachable (as `run
    --scheduled`); else 3 when anything changed; else 0.  1 too, at once, for
    an error said in one line (a database that cannot be opened); 2 for a
    usage error.  Stopped by Ctrl-C during a run: 130; by a kill (SIGTERM) or
    a hangup (SIGHUP) at any time: 143 or 129 (it dies by the signal, as a
    service manager expects).

    Example:

    \b
        citewatch watch --every 1d
    """
    from crawler.schedule import interval, watch

    seconds = interval(config, every)
    db = open_database(config, must_exist=True)
    between = BetweenRuns()
    with between.ctrl_c_ends_the_wait():  # during a run, Ctrl-C stops it: EXIT_INTERRUPTED (PrintableErrors)
        status = watch(db, config, seconds, max_runs=max_runs, console=console, stop=between)
    if between.is_set():
        console.print("Stopped between runs (Ctrl-C): every run finished and recorded its changes.")
    sys.exit(status)


class BetweenRuns(threading.Event):
    """The watch's `stop`, which knows when the watch waits between runs: a Ctrl-C then ends it
    as --max-runs would have, every run finished, with their exit status; during a run it stops
    the run, whose stages keep what they stored (exit EXIT_INTERRUPTED)."""

    waiting = False

    def wait(self, timeout: float | None = None) -> bool:
        self.waiting = True
        try:
            return super().wait(timeout)
        finally:
            self.waiting = False

    @contextlib.contextmanager
    def ctrl_c_ends_the_wait(self):
        """SIGINT sets this event while the watch waits, else raises KeyboardInterrupt as
        Python's own handler does (a crawl's run_spider passes it on to this handler once
        its child has stopped).  The event is set from a thread: the handler runs in the
        waiting thread, which may hold the event's lock."""
        def on_sigint(signum, frame):
            if not self.waiting:
                signal.default_int_handler(signum, frame)
            threading.Thread(target=self.set, daemon=True).start()

        if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
            yield  # (no handler can be set here; an ignored SIGINT, a background job's, stays ignored)
            return
        previous = signal.signal(signal.SIGINT, on_sigint)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


@cli.command(name="schedule")
@click.option("--cron", "as_cron", is_flag=True, help="Print a crontab line.")
@click.option("--systemd", "systemd_dir", type=click.Path(file_okay=False), help="Write a service and timer unit pair into this folder, which must exist "
                   "(systemd's own, ~/.config/systemd/user or /etc/systemd/system, is made).")
@click.option("--every", callback=every_option, help="Time between runs, e.g. 1d, 12h (default: the watch_every setting, 1d).")
@click.option("--name", default="citewatch", show_default=True, help="Name of the systemd units.")
@common_options
def schedule_command(as_cron, systemd_dir, every, name, config):
    """Schedule `citewatch run --scheduled` with cron or a systemd timer.

    cron keeps an interval evenly only when it is 1d, 7d, or divides a day
    (1h, 2h, 3h, 4h, 6h, 8h, 12h) or an hour (15m, 20m, 30m …), and refuses any
    other; a systemd timer keeps any interval.  Units written to a system unit
    folder (/etc/systemd/system) are enabled without --user, and run as the
    owner of the current folder once the network is up; others are taken
    for a user's.  The database must exist (the scheduled run re-checks what it
    holds): ingest a document first.

    The scheduled run gets the settings in effect now: the database and data
    directory as --db and --data-dir, a configuration file as --config, and
    every CITEWATCH_* variable set now written into the line or the service
    (cron and systemd start with an almost empty environment: to change one
    later, schedule again).  IA_ACCESS_KEY and IA_SECRET_KEY are never written
    (no secrets in a schedule): a note says how to hand them over.

    Example:

    \b
        citewatch schedule --cron --every 1d >> mycrontab
        citewatch schedule --systemd ~/.config/systemd/user --every 12h
    """
    from crawler.schedule import cron_line, interval, keys_left_out, system_units, write_systemd

    if not as_cron and not systemd_dir:
        raise click.UsageError("choose --cron (print a crontab line) or --systemd DIR (write unit files)")
    if as_cron and systemd_dir:
        refuse_together("--cron", "--systemd", "choose one (run `citewatch schedule` once with each to have both)")
    if as_cron and given("name"):
        raise click.UsageError("--name goes with --systemd DIR (it names the unit files); a crontab line has none: "
                               "drop --name")
    seconds = interval(config, every)
    # the scheduled `run --scheduled` re-checks what the database holds and refuses a missing one:
    # scheduled for a mistyped --db it would fail every night in a log nobody reads
    open_database(config, read_only=True).close()
    if as_cron:
        click.echo(cron_line(config, seconds))
        if note := keys_left_out():   # (on stderr: the line goes into a crontab)
            click.echo(f"Note: {note}", err=True)
    if systemd_dir:
        paths = write_systemd(config, systemd_dir, seconds, name)
        for path in paths:
            console.print(f"Wrote {path}", markup=False)
        user = "" if system_units(systemd_dir) else " --user"   # (a system unit's timer needs no login)
        console.print(f"Enable with: systemctl{user} daemon-reload && systemctl{user} enable --now {name}.timer",
                      markup=False, highlight=False, soft_wrap=True)
        console.print(f"Each run's output goes to the journal: journalctl{user} -u {name}.service",
                      markup=False, highlight=False, soft_wrap=True)
        if user:
            console.print(f"A user's timer stops when they log out: run `loginctl enable-linger {_login_name()}` "
                          "once to keep it running without a login (and from boot).", markup=False, highlight=False,
                          soft_wrap=True)
        if note := keys_left_out(paths[0]):
            click.echo(f"Note: {note}", err=True)


@cli.command(name="crawl")
@click.option("--all", "all_sources", is_flag=True, help="Fetch every source, not only those due for a check.")
@click.option("--limit", type=click.IntRange(min=1), help="Fetch at most this many sources.")
@click.option("--redis", "redis_url", callback=redis_option, help="Share the frontier through this Redis (redis://HOST:6379/0); see README.md, 'Running on several machines'.")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --redis: workers to start on this machine (0: only `citewatch worker` elsewhere).")
@common_options(fetches=True)
def crawl_command(all_sources, limit, redis_url, workers, config):
    """Fetch every cited source due for a check and classify what the web answered.

    Each source gets one class (live, redirected, client-error, soft-404, blocked …,
    see README.md), its text, and its bytes in a WARC file; a killed crawl
    continues where it stopped on the next run.  A page that comes back byte for
    byte as when it was last read keeps its stored text instead of being parsed again.

    Example:

    \b
        citewatch crawl --db cw.db --limit 5
        citewatch crawl --redis redis://127.0.0.1:6379/0 --workers 2
    """
    if given("workers") and not (redis_url or config.redis_url):
        raise click.UsageError("--workers goes with --redis (the workers of a crawl shared through Redis): "
                               "add --redis redis://HOST:6379/0, or drop --workers to crawl here alone")
    _crawl(all_sources, limit, redis_url, workers, config)   # (SIGTERM, SIGHUP: as Ctrl-C, PrintableErrors)


def _crawl(all_sources, limit, redis_url, workers, config):
    """`citewatch crawl`'s work (crawl_command)."""
    if not (redis_url or config.redis_url):
        from crawler.spiderrun import start_child_server

        start_child_server()   # (its imports beside this command's own)
    from crawler.crawl import DatabaseLocked, nothing_due, run, summary_rows, unchanged
    from crawler.run import advice_naming, this_command
    from crawler.spiderrun import SpiderFailed
    from db.lock import CRAWL

    db = open_database(config, must_exist=True)
    redis_url = redis_url or config.redis_url
    try:
        if redis_url:
            from crawler.cluster.collect import run as run_cluster

            result = run_cluster(db, config, redis_url, workers=workers, all_sources=all_sources, limit=limit,
                                 console=console)
        else:
            result = run(db, config, all_sources=all_sources, limit=limit, console=console)
    except SpiderFailed as exc:   # the advice names the command as typed, with the user's --db
        raise click.ClickException(f"{exc}; run `{this_command(CRAWL.command)}` again to resume") from None
    except DatabaseLocked as exc:
        raise click.ClickException(advice_naming(str(exc), CRAWL.command, this_command(CRAWL.command))) from None
    except (ConnectionError, RuntimeError) as exc:
        from crawler.cluster.collect import COORDINATOR

        # (a coordinator whose workers all died names the command to run again as the user typed it)
        raise click.ClickException(advice_naming(str(exc), COORDINATOR, this_command(COORDINATOR))) from None
    table = Table(terminal.text("source"), terminal.key("class"), terminal.text("reason"),
                  title=f"crawl {result['crawl_id']}")
    for url, cls, reason in summary_rows(db, result["crawl_id"]):
        table.add_row(*as_written(url, cls, reason))
    if result["sources"]:
        console.print(table)
    if result["crawl_id"] is None:   # nothing was due: no crawl opened, no WARC written
        console.print(nothing_due(db, config), markup=False, soft_wrap=True)
        return
    counts = ", ".join(f"{cls}: {n}" for cls, n in sorted(result["classes"].items())) or "no source was due"
    same = unchanged(db, result["crawl_id"])
    same = f"; {same} unchanged since their last check (not extracted again)" if same else ""
    console.print(f"{result['sources']} sources ({counts}){same}; WARC files in {result['warc_dir']}", markup=False)
    if result["message"]:   # offline: run the crawl again as the user typed it
        console.print(advice_naming(result["message"], CRAWL.command, this_command(CRAWL.command)),
                      style="yellow", markup=False, soft_wrap=True)   # (never wrapped inside the command)


@cli.command(name="resolve")
@click.option("--citation", "citation_ids", type=int, multiple=True,
              help="Only this citation (its id in the citations table); repeat for several.")
@click.option("--redo", is_flag=True, help="Search again for citations already resolved, too, and ask about every resolved "
              "tweet's state, not only those not asked about for a recheck interval.")
@common_options(fetches=True)
def resolve_command(citation_ids, redo, config):
    """Resolve Twitter and Facebook citations to the archived posts they cite.

    Searches the Wayback CDX (and the configured Nitter mirrors and syndication
    endpoint) for the account's posts around the statement's date, fetches them
    into the WARC and keeps the one that matches the quote, or says why none does.
    Citations resolved by an earlier run are kept unless --redo is given; a
    --redo that cannot search one (archive out of reach, 429s, 5xx) keeps its post.

    Example:

    \b
        citewatch resolve --db cw.db
    """
    from crawler.run import advice_naming, this_command
    from crawler.social import run, summary_rows
    from db.lock import RESOLVE

    db = open_database(config, must_exist=True)
    require_rows(db, "citations", "--citation", citation_ids)
    _require_social(db, citation_ids)
    again = this_command(RESOLVE.command)  # the advice names the command as typed, with the user's --db
    counts = run(db, config, citation_ids=list(citation_ids) or None, redo=redo, console=console, again=again)
    if nothing_ingested(db, config, "resolve"):   # (after the stage: another process running it is said first)
        return
    table = Table(terminal.count("fn"), terminal.text("account"), terminal.key("outcome"), terminal.text("post"),
                  terminal.text("score / reason"), title="social citations")
    for *row, reason in summary_rows(db, list(citation_ids) or None):
        table.add_row(*as_written(*row, advice_naming(reason, RESOLVE.command, again)))
    if counts["citations"]:
        console.print(table)
    console.print(_summary_line(counts))


def _require_social(db, citation_ids) -> None:
    """resolve only searches for posts: a web citation given by id would be skipped silently."""
    for citation_id in citation_ids:
        kind = db["citations"].get(citation_id)["kind"]
        if kind not in ("twitter", "facebook"):
            raise click.ClickException(f"--citation {citation_id}: a {kind} citation, not a Twitter or Facebook one; "
                                       "resolve only looks for posts (`citewatch crawl` checks web citations)")


@cli.command(name="archive")
@click.option("--dry-run", is_flag=True, help="List what would be looked up and saved; send nothing, write nothing.")
@common_options(fetches=True)
def archive_command(dry_run, config):
    """Find, save and fetch Wayback Machine snapshots of every web source.

    Looks up the memento nearest each citation date, asks the Wayback Machine to
    capture every live source without a recent memento (a durable queue: a killed
    run resumes), and fetches the mementos of dead or changed sources. IA keys in
    IA_ACCESS_KEY / IA_SECRET_KEY switch saves to Save Page Now 2 (docs/archive.md).

    Example:

    \b
        citewatch archive --db cw.db --dry-run
        CITEWATCH_SAVE_PER_MINUTE=2 citewatch archive --db cw.db
    """
    from archive.stage import run
    from crawler.run import advice_naming, archive_progress, this_command
    from db.lock import ARCHIVE

    db = open_database(config, must_exist=True)
    if dry_run:
        if nothing_ingested(db, config, "archive"):
            return
        result = run(db, config, dry_run=True)
        table = Table(terminal.key("would"), terminal.count("source"), terminal.text("url"), terminal.key("cited on"),
                      title=escape(f"citewatch archive --dry-run ({result['wayback_url']})"))
        for item in result["lookup"]:
            table.add_row("look up", str(item["id"]), *as_written(item["url"]), item["date"] or "—")
        for item in result["save"]:
            table.add_row("save", str(item["id"]), *as_written(item["url"]), "")
        console.print(table)
        console.print(f"{len(result['lookup'])} lookups and {len(result['save'])} captures due; nothing was sent or written.")
        return
    progress, bar = archive_progress(console)
    result = run(db, config, progress=progress, console=console, display=bar)  # the bar shows the API phases
    if nothing_ingested(db, config, "archive"):   # (after the stage: another process running it is said first)
        return
    if result.get("stopped"):  # its advice names the command as typed, with the user's --db
        result["stopped"] = advice_naming(result["stopped"], ARCHIVE.command, this_command(ARCHIVE.command))
    table = Table(terminal.key("archive"), terminal.text("result"), title="citewatch archive")
    for key, value in result.items():
        if value is not None:
            table.add_row(key, *as_written((", ".join(f"{k}: {v}" for k, v in value.items()) or "none")
                                           if isinstance(value, dict) else value))   # (none: not a blank cell)
    console.print(table)
    if result.get("stopped"):
        console.print(f"stopped early: {result['stopped']}", style="yellow", markup=False, soft_wrap=True)


@cli.command(name="ingest")
@click.argument("document")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed statements, citations and metadata as JSON.")
@click.option("--replace", is_flag=True,
              help="A changed file of a document already ingested (same UN symbol and language, or title and date) "
                   "replaces its statements and citations (the verdicts and candidate posts of the statements it "
                   "changes go with them; an unchanged statement keeps its own).")
@common_options
def ingest_command(document, as_json, replace, config):
    """Read a compiled document (path or URL; text, PDF or HTML) into the database.

    Every statement and footnote becomes a row; footnote URLs are repaired, each
    repair with its reason. Ingesting the same file again changes nothing; a
    changed file of a document already ingested is refused unless --replace.

    Example:

    \b
        citewatch ingest examples/un-letter-A-74-855.txt
        citewatch ingest --json https://example.org/letter.pdf
        citewatch ingest --replace A-74-855-corrected.pdf
    """
    from crawler import ingest

    parsed = ingest.parse(document, config)
    db = open_database(config)
    counts = ingest.run(db, config, document, parsed=parsed, replace=replace)
    if as_json:
        click.echo(json.dumps({**parsed.as_dict(), "counts": counts}, indent=2, ensure_ascii=False))
        return
    table = Table(terminal.text("what"), terminal.count("count"), title=escape(f"citewatch ingest: {document}"))
    table.add_row("statements", str(counts["statements"]))
    for kind, number in sorted(counts["by_kind"].items()):
        table.add_row(f"citations: {kind}", str(number))
    table.add_row("sources", str(counts["sources"]))
    table.add_row("document links (not footnotes)", str(counts["document_links"]))
    table.add_row("citations with a repaired URL", str(counts["repaired_citations"]))
    for reason, number in sorted(counts["repairs"].items()):
        table.add_row(f"  {reason}", str(number))
    console.print(table)
    if counts["new"]:
        state = "new document"
    elif counts.get("further_cited"):
        state = f"already ingested: {counts['further_cited']} further citations cited now, run crawl and reconcile again"
    else:
        state = "already ingested: nothing changed"
    if counts["replaced"]:
        duplicates = counts["replaced"][1:]
        state = ("replaced: its statements and citations are this file's now; run reconcile again"
                 + (f"; duplicate documents {', '.join(map(str, duplicates))} removed" if duplicates else ""))
    console.print(f"document {counts['document_id']} ({counts['kind']}, {state}) in {config.db_path}", markup=False)
    if counts.get("uncited_sources_kept"):
        console.print(f"{counts['uncited_sources_kept']} sources no document cites any more are kept with their "
                      "crawl and archive history")


@cli.command(name="reconcile")
@click.option("--document", "document_id", type=int, help="Only this document's statements (its id in the documents table).")
@click.option("--statement", "statement_id", type=int, help="Only this statement (its id in the statements table).")
@common_options
def reconcile_command(document_id, statement_id, config):
    """Check every compiled quote against its original, live and archived.

    Each statement gets a verdict (verbatim, minor, elided, altered, translation,
    not-in-source, unverifiable) per stored text and one overall, with the
    matched span, a word diff, content drift and possible misattribution.

    Example:

    \b
        citewatch reconcile --db cw.db --document 1
    """
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

    from crawler.reconcile import run, statements_to_check, summary_rows

    db = open_database(config, must_exist=True)
    require_rows(db, "documents", "--document", [document_id])
    require_rows(db, "statements", "--statement", [statement_id])
    if nothing_ingested(db, config, "reconcile"):
        return
    total = len(statements_to_check(db, document_id, statement_id))
    if statement_id is not None and document_id is not None and not total:
        raise click.ClickException(f"--statement {statement_id} is not in --document {document_id}; "
                                   "give one of them, or the statement's own document")
    with terminal.Progress(TextColumn("[bold]reconcile"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("reconcile", total=total)
        counts = run(db, config, document=document_id, statement=statement_id,
                     progress=lambda statement, checks: bar.advance(task))
    table = Table(terminal.text("statement"), terminal.count("fn"), terminal.key("verdict"), terminal.count("score"),
                  terminal.text("text used"), terminal.text("note"), title="quote verdicts")
    for row in summary_rows(db, document_id):
        table.add_row(*as_written(*row))
    console.print(table)
    for error in counts["errors"]:
        console.print(f"[red]error:[/] {escape(error)}")
    console.print(_summary_line(counts))


VERDICT_STYLE = {"verbatim": "green", "minor": "green", "elided": "cyan", "altered": "bold red",
                 "translation": "yellow", "not-in-source": "red", "unverifiable": "yellow", "error": "magenta"}


@cli.command(name="check")
@click.argument("target", metavar="QUOTES_FILE|SOURCE")
@click.option("--quote", help="Check this one quote against SOURCE instead of reading a quote list.")
@click.option("--date", help="With --quote: when the words were said or cited (YYYY-MM-DD); memento and tweet windows use it.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "json"]), default="table", show_default=True,
              help="table in the terminal, or one result per row as CSV, JSON Lines or a JSON array.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the results to this file instead of stdout (- for stdout too).")
@click.option("--fail-on", help="Comma-separated verdicts that make the exit status 3, e.g. altered,not-in-source.")
@click.option("--files-anywhere", is_flag=True, help="Read a quote list's local files wherever they are (a list you "
              "wrote yourself); by default only those in its folder and below, so a list from elsewhere reads none of yours.")
@common_options(fetches=True)
def check_command(target, quote, date, fmt, output, fail_on, files_anywhere, config):
    """Check quotes against their sources: a CSV, TSV or JSON Lines list, or one --quote.

    Each row has a quote and a source (http(s) URL, Wayback memento URL, Twitter/X
    status URL or @handle, a DOI, or a local .txt/.md/.html/.pdf file in the list's
    folder, which is never sent anywhere), and optionally id, date, speaker and note. The rows become a document
    in the database, so crawl, archive, resolve and reconcile check them as they
    check a letter. One result per row, in order: verdict, score, text used, matched
    span, word diff, live class. Exit status: 0, or 1 when a row could not be
    checked (verdict error) or the list cannot be read, or 3 when a row got a
    verdict named in --fail-on (it wins), or 4 when the network seemed unreachable
    and rows were left unverifiable (run the check again when online), or 5 when
    another citewatch process was running a stage on the database and rows were left
    unverifiable (run the check again once it ends), or 2 for a usage error
    (docs/check.md).

    Example:

    \b
        citewatch check examples/quotes.csv
        citewatch check examples/quotes.csv --format jsonl -o results.jsonl
        citewatch check drafts.csv --fail-on altered,not-in-source
        citewatch check --quote "Estonia does not consider" @MFAestonia --date 2020-03-31
    """
    from crawler import check
    from crawler.check.results import FORMATS
    from crawler.verdicts import VERDICTS

    fail = {v.strip() for v in (fail_on or "").split(",") if v.strip()}
    unknown = fail - set(VERDICTS) - {"error"}
    if unknown:
        raise click.UsageError(f"--fail-on {','.join(sorted(unknown))}: not a verdict; choose from {', '.join(VERDICTS)}, error")
    if date and quote is None:
        raise click.UsageError("--date goes with --quote; in a quote list, give each row a date column")
    errors = Console(stderr=True)
    with errors.status("Reading the quotes and their local files"):
        if quote is None:
            listing = check.prepare(config, quotes_file=target, files_anywhere=files_anywhere)
        else:
            listing = check.prepare(config, quote=quote, source=target, date=date)
    if output:
        refuse_overwrite(output, {**database.database_files(config.db_path), **_check_inputs(listing)})
    db = open_database(config)
    done = check.run(db, config, listing, console=errors)
    if fmt == "table":
        _print_check_table(done.results, output)
    elif output:
        with output_file(output, newline="") as handle:
            handle.write(FORMATS[fmt](done.results))
    else:
        click.echo(FORMATS[fmt](done.results), nl=False)
    _print_check_summary(errors, done, output)
    for line in (done.offline, done.unchecked_line if done.unchecked else None):
        if line:
            errors.print(line, style="yellow", markup=False, highlight=False, soft_wrap=True)  # ids, command: [ ] as typed
    sys.exit(check.exit_status(done, fail))


def _check_inputs(listing) -> dict:
    """The files `check` reads, each with what it is: its -o file must be none of them."""

    inputs = {Path(entry.cited.local.path): "a local source file of the quotes being checked"
              for entry in listing.entries if entry.cited.local}
    if listing.identity:
        inputs[Path(listing.identity)] = "the quote list being checked"
    return inputs


def _print_check_table(results, output) -> None:
    """The results as a rich table, on stdout or into the -o file (local files relative to here)."""
    import os

    from rich.text import Text

    # the id is the list's own (any length): folded, or a long one left no room for the others
    table = Table(terminal.text("id"), terminal.key("verdict"), terminal.count("score"), terminal.text("text used"),
                  terminal.key("live"), terminal.text("evidence"), title="citewatch check")
    for r in results:
        style = VERDICT_STYLE.get(r.verdict, "")
        # (the reason and the diff on lines of their own: a newline inside either is the data's)
        evidence = "\n".join(terminal.printable(part, one_line=True) for part in (r.reason, r.brief_diff()) if part)
        text = (r.text or "").replace(f"local file {os.getcwd()}{os.sep}", "local file ")
        table.add_row(*as_written(r.id), f"[{style}]{r.verdict}[/]", "" if r.score is None else f"{r.score:.0f}",
                      *as_written(text, r.live_class), Text(evidence if len(evidence) <= 400 else evidence[:399] + "…"))
    if output:
        with output_file(output) as handle:
            Console(file=handle, width=160).print(table)
    else:
        console.print(table)


def _print_check_summary(errors, done, output) -> None:
    """Counts per verdict and what was written, on stderr (stdout keeps the results alone)."""
    from collections import Counter

    counts = Counter(r.verdict for r in done.results)
    stored = done.stored
    change = "new" if stored["new"] else f"{stored['added']} added, {stored['updated']} updated, {stored['unchanged']} unchanged"
    errors.print(f"{len(done.results)} row{'' if len(done.results) == 1 else 's'}: " + ", ".join(f"{v} {n}" for v, n in counts.most_common())
                 + (f" · document {stored['document_id']} ({change})" if stored["document_id"] else "")
                 + (f" · written to {output}" if output and not to_stdout(output) else ""), markup=False, highlight=False, soft_wrap=True)


@cli.command(name="worker")
@click.option("--redis", "redis_url", callback=redis_option, help="The Redis the coordinator (`citewatch crawl --redis`) seeded.")
@click.option("--wait", type=click.FloatRange(min=0), default=300.0, show_default=True, help="Seconds to wait for a crawl to open.")
@common_options(with_db=False, fetches=True)
def worker_command(redis_url, wait, config):
    """Fetch sources from a shared Redis frontier until the crawl there is complete.

    Needs no database: results go back through Redis to the one writer (`citewatch
    crawl --redis` or `citewatch collect`); WARC files are written here, one per worker
    and crawl. Run as many as you like, on any machine that reaches the Redis.

    Example:

    \b
        citewatch worker --redis redis://10.0.0.5:6379/0 --data-dir /srv/citewatch
    """
    from crawler.cluster.frontier import ProtocolMismatch
    from crawler.cluster.worker import WorkerStopped, run_worker
    from crawler.run import this_command

    redis_url = redis_url or config.redis_url
    if not redis_url:
        raise click.ClickException("no Redis given: pass --redis redis://HOST:6379/0 (or set redis_url in citewatch.toml)")
    try:
        crawl_id = run_worker(config.values, redis_url, wait=wait, waiting=lambda: Console(stderr=True).print(
            f"no crawl is open on {redis_url} yet: waiting up to {wait:g} s for one "
            f"(`citewatch crawl --redis {redis_url}` opens it)", markup=False, highlight=False, soft_wrap=True))
    except (ConnectionError, ProtocolMismatch) as exc:
        raise click.ClickException(str(exc)) from None
    except WorkerStopped as stopped:
        left = ("at once: the fetches it had begun were dropped, and go back to the queue once its heartbeat expires"
                if stopped.at_once else "this worker's fetches begun were sent and its other claims given back")
        Console(stderr=True).print(
            f"Stopped ({signal.Signals(stopped.signum).name}) {left}; crawl {stopped.crawl_id} goes on without it: "
            f"run `{this_command('citewatch worker')}` again to rejoin it.", markup=False, highlight=False, soft_wrap=True)
        raise click.exceptions.Exit(stopped_by(stopped.signum))   # (no SystemExit: said already, not by interrupted_line)
    if crawl_id is None:
        raise click.ClickException(f"no crawl opened on {redis_url} within {wait:g} s; start `citewatch crawl --redis` first")
    console.print(f"crawl {crawl_id} is complete; this worker's WARC files are in {config.data_path.resolve() / 'warc'}",
                  markup=False, soft_wrap=True)


@cli.command(name="collect")
@click.option("--redis", "redis_url", callback=redis_option, help="The Redis the workers push their results to.")
@common_options
def collect_command(redis_url, config):
    """Write a distributed crawl's results from Redis into the database until it is complete.

    The coordinating `citewatch crawl --redis` does this itself; run `collect` when that
    process was stopped, to finish the crawl it opened (nothing is lost or written twice).

    Example:

    \b
        citewatch collect --redis redis://127.0.0.1:6379/0 --db cw.db
    """
    from crawler.cluster.collect import run_collect

    redis_url = redis_url or config.redis_url
    if not redis_url:
        raise click.ClickException("no Redis given: pass --redis redis://HOST:6379/0 (or set redis_url in citewatch.toml)")
    db = open_database(config, must_exist=True)
    try:
        result = run_collect(db, config, redis_url, console=console)
    except (ConnectionError, RuntimeError) as exc:  # (ProtocolMismatch; a collector that can write nothing)
        raise click.ClickException(str(exc)) from None
    if result is None:
        console.print(f"no crawl is open on {redis_url}: nothing to collect", markup=False)
        return
    counts = ", ".join(f"{cls}: {n}" for cls, n in sorted(result["classes"].items()))
    console.print(f"crawl {result['crawl_id']}: {result['sources']} sources ({counts})")
    if result["message"]:
        console.print(result["message"], style="yellow", markup=False, soft_wrap=True)   # (it names a command)


@cli.command(name="demo")
@click.option("--dir", "directory", type=click.Path(file_okay=False), default="citewatch-demo", show_default=True,
              help="New or empty folder for the demo's database, data and report; an earlier demo's files "
                   "there are replaced, nothing else is deleted.")
@click.option("--open", "open_report", is_flag=True, help="Open the HTML report in the web browser.")
@click.option("--serve", is_flag=True, help="Keep the local web running after the run, so that the report's "
                                            "links open, until Ctrl-C.")
def demo_command(directory, open_report, serve):
    """Run every stage on a made-up letter against a local web: no network needed.

    Starts the project's test web and archive on 127.0.0.1 (this needs a source
    checkout), ingests a small letter whose footnotes point there, runs crawl,
    archive, resolve and reconcile, and writes the HTML report: the main fetch
    classes (live, moved, gone, soft-404, bot wall, login wall) and every quote
    verdict in about ten seconds (longer on a busy machine).  The
    report's links point at that local web, which stops with the demo unless
    --serve keeps it running.

    Example:

    \b
        citewatch demo --open
        citewatch demo --open --serve
        citewatch demo --dir /tmp/citewatch-demo
    """

    from crawler.demo import DemoError, run

    def serving(result, sites):
        _show_demo(result, open_report)
        try:   # the line is inside: a Ctrl-C as soon as it is read must not escape the printing's last steps
            console.print(f"The local web serves the report's links ({', '.join(sorted(sites.values()))}); "
                          "press Ctrl-C to stop it.", soft_wrap=True, highlight=False)
            while True:
                time.sleep(3600)
        except (KeyboardInterrupt, SystemExit) as exc:   # (SystemExit: SIGTERM's or SIGHUP's, `stopped_as_by_ctrl_c`)
            if isinstance(exc, SystemExit) and not _a_stop(exc):
                raise
            # the demo is whole: a stop while it serves is its end, however it came (exit 0, README)
            with contextlib.suppress(OSError):   # (a closed terminal's SIGHUP: no one to tell)
                console.print("The local web is stopped; the report's links no longer open.")

    try:
        result = run(Path(directory), console=console, serving=serving if serve else None)
    except DemoError as exc:
        raise click.ClickException(str(exc)) from None
    if not serve:
        _show_demo(result, open_report)


def _show_demo(result: dict, open_report: bool) -> None:
    """The demo's summary table and where its files are; the report opened in a browser if asked."""
    import webbrowser

    from crawler.report import class_label

    table = Table("sources by class", "statements by verdict", title="citewatch demo")
    classes = sorted(f"{class_label(name)}: {n}" for name, n in result["classes"].items())
    verdicts = [f"{name}: {n}" for name, n in sorted(result["verdicts"].items())]
    for index in range(max(len(classes), len(verdicts))):
        table.add_row(*(column[index] if index < len(column) else "" for column in (classes, verdicts)))
    console.print(table)
    console.print(f"{result['memento_texts']} memento texts read from the archive, "
                  f"{result['posts_resolved']} social citations resolved to a post")
    report = result["report"].resolve()
    console.print(f"Database: {result['db'].resolve()}", markup=False)
    console.print(f"Report: {report}", soft_wrap=True, markup=False)
    if open_report and not webbrowser.open(report.as_uri()):
        console.print(f"No web browser could be opened here; open {report.as_uri()} in one yourself.",
                      soft_wrap=True, markup=False, highlight=False)


@cli.command(name="search")
@click.argument("query")
@click.option("--phrase", is_flag=True, help="The words in this order, as one phrase.")
@click.option("--fts", is_flag=True, help="QUERY is in SQLite FTS5's syntax (AND, OR, NOT, NEAR, prefix*, \"a phrase\").")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many texts.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "json"]), default="table", show_default=True,
              help="table in the terminal, or one text per row as CSV, JSON Lines or a JSON array.")
@common_options
def search_command(query, phrase, fts, limit, fmt, config):
    """Find the stored texts (live pages, mementos, posts, local files) that hold these words.

    Every word must be in the text, in any order, unless --phrase or --fts says
    otherwise; the best matches come first, each with its source, where and when
    its words were read (live and the time of its last fetch, a memento and its
    capture time, or "earlier reading" and its time when the live page has been
    read otherwise since) and the words in context; the files give read_at and
    superseded. A memento that turned out to be another page is not searched.
    Russian ё and е are one letter to the search, and width forms are their
    letters (ＣＯＶＩＤ is COVID). In Chinese, Japanese, Korean, Thai or Tibetan a
    word is found wherever its letters are ("外交部" inside a sentence, "외교부"
    in "외교부는"), a word of one or two letters ("中国") too. A text stored under
    several sources (a post under its account and its status) is listed once,
    naming them all.

    Example:

    \b
        citewatch search "no place for violence"
        citewatch search --phrase "deeply concerned" --format csv > hits.csv
        citewatch search --fts "annex* NEAR(border closure, 5)"
    """
    from crawler import search

    if phrase and fts:
        refuse_together("--phrase", "--fts", "give one (an --fts query writes a phrase in double quotes: "
                                             "--fts '\"null and void\" annex')")
    mode = "phrase" if phrase else "fts" if fts else "words"
    db = open_database(config, read_only=True)
    try:
        hits = search.search(db, query, mode, limit + 1)  # one more: are there more?
    except search.SearchError as exc:  # QUERY itself (empty, no words, an --fts one FTS5 cannot read): a bad argument, as check's --quote ""
        raise click.UsageError(str(exc)) from None
    more, hits = len(hits) > limit, hits[:limit]
    nothing_yet = None if hits or search.holds_texts(db) else (
        "the database holds no texts yet: run `citewatch crawl` (and archive, resolve) first")
    if fmt != "table":
        click.echo(search.FORMATS[fmt](hits), nl=False)
        if nothing_yet:
            click.echo(nothing_yet, err=True)
        return
    if nothing_yet:   # one line, not an empty table before it
        console.print(nothing_yet, highlight=False, soft_wrap=True)
        return
    console.print(_search_table(query, hits))
    console.print(f"{len(hits)} text{'' if len(hits) == 1 else 's'}" + (" (there are more: raise --limit)" if more else ""),
                  highlight=False)


def _search_table(query: str, hits: list[dict]) -> Table:
    """The hits as a rich table: each text's id, its source, where and when it was read, and
    the words in context with the matched ones highlighted."""
    from rich.text import Text

    from crawler import search

    table = Table(terminal.key("text"), terminal.text("source"), terminal.key("from"), terminal.text("words in context"),
                  title=escape(f"citewatch search: {search.shown(query)}"))
    for hit in hits:
        came_from = search.came_from(hit)  # and when: an earlier reading of a live page says so
        snippet = Text()
        for i, part in enumerate(search.marked(hit["snippet"] or "", search.END, search.END).split(search.END)):
            # odd parts are the matched words; printable before the table measures it (a newline
            # is the text's own line break)
            snippet.append(terminal.printable(part), style="bold yellow" if i % 2 else "")
        # a cited account's posts share its url: the post's own says which one holds the words
        post = hit["origin"] == "post" and hit["text_url"] not in (None, hit["url"])
        # the same reading stored under other sources too (a post under its account and its status)
        also = [f"also: {url}" for url in hit["other_urls"]]
        source = "\n".join(as_written(hit["url"] or "", *also, *([f"post: {hit['text_url']}"] if post else [])))
        table.add_row(str(hit["text_id"]), source, came_from, snippet)
    return table


@cli.command(name="verify")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "json"]), default="table", show_default=True,
              help="table in the terminal, or one problem or unreferenced file per row as CSV, JSON Lines or a "
                   "JSON array.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the results to this file instead of stdout (- for stdout too).")
@common_options
def verify_command(fmt, output, config):
    """Check that the WARC records the fetches point at are still there and intact.

    For every fetch with a WARC record: its file exists, the record at its offset
    is the response of its URL, its WARC digests hold, and its body, decoded as the
    crawl decoded it, has the fetch's sha256.  Then every WARC file is read once,
    streamed: every gzip member must decompress.  WARC files in the data
    directory's warc/ that no fetch points at are listed (not a problem).  Only
    reads: the database and the files are left as they are, and a data directory
    that does not exist is said, never made.  Exit status: 0 when all is fine, 3
    when a problem is found, 1 when the database or the data directory cannot be
    read, 2 for a usage error.

    Example:

    \b
        citewatch verify --db cw.db
        citewatch verify --format csv -o warc-problems.csv
    """
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

    from crawler import verify

    db = open_database(config, read_only=True)
    # read, never made nor required writable (after the database: a missing one is said first), and
    # required only when a fetch points into it: a database only ingested has nothing to verify
    data = config.existing_data_path if verify.records(db) else Path(config.values["data_dir"])
    if output:  # never over the database, nor over a WARC file it is to read
        refuse_overwrite(output, {**database.database_files(config.db_path),
                                  **{path: "a WARC file verify reads" for path in verify.warc_files(data / "warc")}})
    errors = Console(stderr=True)
    with terminal.Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeElapsedColumn(), console=errors, transient=True, name="verify") as bar:
        tasks: dict[str, int] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task("records" if phase == "records" else "files (bytes)", total=total)
            bar.update(tasks[phase], completed=done, total=total)

        result = verify.verify(db, data, config.max_size, progress)
    written = output and not to_stdout(output)
    if fmt != "table":
        with output_file(output or "-", newline="") as handle:  # (standard output too: a closed pipe is quiet)
            handle.write(verify.FORMATS[fmt](result.findings))
    elif written:
        with output_file(output) as handle:
            _print_verified(Console(file=handle, width=160), result)
    else:
        _print_verified(console, result)
    if fmt != "table" or written:  # the summary on stderr: stdout (or the file) keeps the results alone
        summary = NOTHING_TO_VERIFY if _nothing_verified(result) else ", ".join(
            f"{name} {n}" for name, n in result.counts().items())
        errors.print(summary + (f" · written to {output}" if written else ""), markup=False, highlight=False,
                     soft_wrap=True)
    if note := verify.held_note(config.db_path):
        errors.print(note, style="yellow", markup=False, highlight=False, soft_wrap=True)
    sys.exit(result.exit_status())


# What verify says when there was nothing to check, in place of its table or its summary line of
# counts: zeros above "All 0 records … are intact" (or "checked 0, ok 0, …") read as a check passed.
NOTHING_TO_VERIFY = ("Nothing to verify: no fetch has a WARC record and the data directory holds no WARC file "
                     "(a crawl writes them: `citewatch crawl`).")


def _nothing_verified(result) -> bool:
    """Whether verify found nothing to check: no record, no WARC file, no finding."""
    return not (result.checked or result.files or result.findings)


def _print_verified(out: Console, result) -> None:
    """verify's summary table, then one line per problem and unreferenced file; or, when nothing
    was there to check, the one line that says so (NOTHING_TO_VERIFY)."""
    from crawler import verify

    if _nothing_verified(result):
        out.print(NOTHING_TO_VERIFY, highlight=False, soft_wrap=True)
        return
    table = Table(terminal.text("verify"), terminal.count("count"), title="citewatch verify")
    for row in verify.summary_rows(result):
        table.add_row(*row)
    out.print(table)
    count = len(result.problems)
    out.print(f"{count} problem{'' if count == 1 else 's'} (a missing file is said once, with its fetches):" if count else
              f"All {result.checked} record{'' if result.checked == 1 else 's'} and {result.files} "
              f"WARC file{'' if result.files == 1 else 's'} are intact.", highlight=False, soft_wrap=True)
    for line in verify.problem_lines(result.findings):
        out.print(line, markup=False, highlight=False, soft_wrap=True)  # paths, URLs: [ ] as typed


def main() -> None:
    """The console entry (`citewatch`, `python -m crawler.cli`): the commands, and a command that
    a stop signal ended (Ctrl-C, SIGTERM, SIGHUP: `STOPPED_BY`) dies by that signal once its
    clean-up ran and its line was said (`die_by_stop`), as a proper Unix program does: a shell
    running `for d in *.txt; do citewatch run "$d"; done` stops at Ctrl-C only when the command
    died by SIGINT (an exit 130 tells bash the command handled it, and the loop goes on), and
    systemd counts a stop of a oneshot service clean only when SIGTERM killed it.  The shell's
    `$?` is 128 + signal either way.  `cli` itself (CliRunner, a script calling it) never kills
    its process: it exits 128 + signal."""
    STOPPED_BY.clear()
    try:
        cli.main(prog_name="citewatch")
    except SystemExit as exc:
        die_by_stop(exc.code)
        raise
    except KeyboardInterrupt:   # a second Ctrl-C after the stop's line, while the output is flushed
        if STOPPED_BY:
            die_by_stop(128 + min(STOPPED_BY))
        raise


def die_by_stop(status) -> None:
    """Kill this process by the stop signal whose 128 + signal `status` is, if one that it
    received ended the command (`STOPPED_BY`); else return.  Its output is flushed and the
    atexit functions run first (the clean-up an exit does; the commands' own ran already), deaf
    to a further Ctrl-C, then the signal's default action is restored (a handler would only
    raise it again) and the signal sent.  Returns when the signal did not kill (the caller then
    exits with `status`)."""
    signum = status - 128 if isinstance(status, int) else None
    if signum not in STOPPED_BY:
        return
    # a further Ctrl-C asks nothing more (the command is ending by its stop): in an atexit
    # function it was a traceback ("Exception ignored in atexit callback")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):   # (a closed pipe, a full disk: said already)
            stream.flush()
    atexit._run_exitfuncs()
    signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})
    os.kill(os.getpid(), signum)


if __name__ == "__main__":  # pragma: no cover
    main()
