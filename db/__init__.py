"""The one SQLite database every stage reads from and writes to."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import shlex
import sqlite3
import time
from pathlib import Path
from typing import Iterator

import sqlite_utils

from db.lock import LOCK_FILES, held_now
from db.migrations import UNSPACED_RANGES, migrations, known as known_migrations

# Texts are tens of kilobytes: with 16 KiB pages (SQLite's default is 4) a text spans a
# quarter of the overflow pages, and a crawl's writes cost its process ~0.1 ms less a page
# (BENCHMARKS.md).  Only a new database gets it; an existing one keeps its page size.
PAGE_SIZE = 16384


def open_db(path: str | Path, read_only: bool = False,
            migration_wait: float | None = None, write_wait: float | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode and apply pending migrations.

    `read_only` is for commands that only read it: a database they may not write (a
    read-only file in a read-only folder, another user's archive, a read-only mount) is
    then opened read-only, as long as it needs no migration (see `_open_read_only`).
    `migration_wait` is the seconds the opening waits for another process's write lock
    (the migration_wait setting; default MIGRATION_WAIT): past it, SQLite's "database is
    locked" (see `lock_wait_message`).  `write_wait` is the seconds each later write waits
    for it (the write_wait setting; default WRITE_WAIT).
    ForeignDatabase when it is another program's (see `refuse_foreign`); NewerDatabase when a
    newer citewatch migrated it (see `refuse_newer`).
    """
    require_sqlite()
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    wait = migration_wait or MIGRATION_WAIT
    try:
        refuse_foreign(path, wait)  # before our connection, whose close would checkpoint another program's -wal
    except sqlite3.OperationalError as exc:
        if not (read_only and result_code(exc) in UNWRITABLE_CODES):
            raise
        return _open_read_only(path)
    db = sqlite_utils.Database(path)
    try:
        db.execute(f"PRAGMA busy_timeout = {round(1000 * wait)}")
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # takes effect only while the file is still empty
        _enable_wal(db, wait)
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
        db.execute(f"PRAGMA busy_timeout = {round(1000 * (write_wait or WRITE_WAIT))}")
    except sqlite3.OperationalError as exc:
        db.close()
        if not (read_only and result_code(exc) in UNWRITABLE_CODES):
            raise
        return _open_read_only(path)
    return db


# How long `_enable_wal` sleeps between its tries, in seconds.
WAL_RETRY = 0.01


def _enable_wal(db: sqlite_utils.Database, wait: float) -> None:
    """Switch the database to WAL mode, trying again for up to `wait` seconds while another
    process holds its write lock.

    The switch needs SQLite's exclusive lock, and a process that meets another's write lock
    there (another process making the same new database: its own switch writes the file's
    first page) gets "database is locked" at once, not after the busy timeout: SQLite
    returns it rather than wait in what could be a deadlock.  Processes opening one new
    database together (a timer's run and a hand run, parallel crawls) failed so in CI.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            return db.enable_wal()
        except sqlite3.OperationalError as exc:
            if result_code(exc) != BUSY_CODE or time.monotonic() >= deadline:
                raise
        time.sleep(WAL_RETRY)


# The oldest SQLite whose FTS5 has the trigram tokenizer (texts_unspaced, migration m016).
# Python's sqlite3 module uses the system's library on Linux: Ubuntu 20.04's is 3.31.
MIN_SQLITE = (3, 34, 0)


def require_sqlite() -> None:
    """sqlite3.NotSupportedError, in one line with the fix, when this Python's SQLite is older
    than MIN_SQLITE: m016 would fail at every open ("no such tokenizer: trigram"), and a
    database upgraded elsewhere would fail at the first text a stage stores."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise sqlite3.NotSupportedError(
            f"this Python's SQLite is {sqlite3.sqlite_version} and citewatch needs "
            f"{'.'.join(map(str, MIN_SQLITE))} or newer (the trigram index of its search): run it with "
            f"a Python built with a newer SQLite (python.org's builds, Debian 12, Ubuntu 22.04 or later)")


# How long a process waits for SQLite's write lock held by another one, in seconds: a write
# (a sqlite3 shell's open transaction); and, as it opens the database, another process's migrations (an
# upgrade of a large database rebuilds its search index; m016 and m017 took 75 s on 100,000
# texts and fetches, a 1.8 GB database, on 2 cores: a process waiting fails "database is
# locked" only on one some eight times larger).
WRITE_WAIT = 30.0
MIGRATION_WAIT = 600.0


def migrate(db: sqlite_utils.Database) -> None:
    """Apply the pending migrations, one process at a time.

    Two processes can open one database at once (a timer's run and a hand run, an upgrade's
    first open by both): each would read the same migrations as pending and the second to
    apply one fails ("table documents already exists").  So they run inside one write
    transaction (BEGIN IMMEDIATE: sqlite-utils nests its own as savepoints): the other
    process waits for SQLite's write lock (open_db's `migration_wait`), then reads them
    applied and does nothing.  A failed migration rolls them all back, to be applied at the
    next open.  An up-to-date database is only read, so a read-only one opens too.
    """
    if not migrations.pending(db):
        return
    with write_transaction(db):
        migrations.apply(db)


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A transaction that takes SQLite's write lock as it begins (BEGIN IMMEDIATE), waiting
    up to the busy timeout for another process's; committed at the end, rolled back on error.

    The one way to group writes: sqlite-utils 4 commits each of its writes (`db.execute`,
    `insert`, `upsert`, `update`…) at once when no transaction was open before it, so a
    `with db.conn:` block groups none of them (a failure leaves the writes before it).
    sqlite-utils' `atomic()` begins a deferred one: one that reads, then writes, fails at
    its first write ("database is locked", at once: WAL cannot wait for a newer snapshot)
    when another process wrote in between.  One begun here reads what the other wrote.
    Inside it, sqlite-utils' own transactions nest as savepoints, and so does a
    write_transaction begun inside one already open (a caller's, or a grouped commit's):
    its writes are undone alone on error, and stand or fall with the outer one, which
    commits them (SQLite refuses a BEGIN inside a transaction).  Begin it with no query's
    rows still being read on this connection (a loop over `db.query(...)`): that statement
    holds a snapshot, and the BEGIN fails at once the same way (read them into a list first).
    """
    if db.conn.in_transaction:
        with db.atomic():   # (a savepoint, rolled back to on error)
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


# SQLite's result codes for a database this process may open but not write, or not open
# for writing at all: SQLITE_READONLY (and its READONLY_DIRECTORY: WAL needs to make the
# -shm and -wal files beside it) and SQLITE_CANTOPEN.
UNWRITABLE_CODES = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN}


class ReadOnlyDatabase(Exception):
    """A read-only database that cannot be read where it is: one line naming it and the way out."""


def _open_read_only(path: Path) -> sqlite_utils.Database:
    """The database opened for reading only, or ReadOnlyDatabase saying why it cannot be.

    SQLite reads a read-only file with mode=ro, and a WAL database that way too when its
    -wal and -shm files exist (3.22+).  In a read-only folder without them, only
    immutable=1 opens it: SQLite then reads the file alone, which holds the whole database
    only when no -wal (or hot -journal) holds changes not yet written into it; and a WAL
    database has no -wal only while no process has it open (the last to close it deletes
    it).  A database an older citewatch wrote needs migrating, which a read-only one cannot.
    """
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)  # opens nothing yet: the first read does
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        if result_code(exc) not in UNWRITABLE_CODES:
            raise
        pending = [p for p in (Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists() and p.stat().st_size]
        if pending:
            raise ReadOnlyDatabase(
                f"{path} is read-only and {pending[0]} holds changes not yet written into it: reading "
                f"needs write access to its folder for SQLite; copy the database with that file "
                f"somewhere writable and pass --db with the copy") from None
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA query_only = ON")  # a read-only command that tried to write would say so at once
    try:
        _refuse_tables(db, path)  # open_db's probe could not read it either
        refuse_newer(db, path)
    except ForeignDatabase:  # NewerDatabase too
        db.close()
        raise
    todo = migrations.pending(db)
    if todo:
        db.close()
        raise ReadOnlyDatabase(
            f"{path} is read-only and an older citewatch wrote it ({len(todo)} schema upgrade"
            f"{'' if len(todo) == 1 else 's'} pending): copy it somewhere writable and pass --db with the copy")
    return db


# How many of a foreign database's tables its refusal names: enough to recognise the program.
FOREIGN_TABLES_SHOWN = 5


class ForeignDatabase(Exception):
    """Another program's SQLite database: one line naming it, its tables and the way out."""


def refuse_foreign(path: Path, wait: float) -> None:
    """ForeignDatabase when the database holds tables but no record of citewatch's migrations:
    another program's, named by a mistyped --db, to which opening would add citewatch's tables
    (even for a command that only reads).  See `_refuse_tables` for what counts.  NewerDatabase
    when a newer citewatch migrated it (`refuse_newer`): read here too, before anything is written.

    It is read on a connection of its own (`_probe_uri`), closed before open_db makes its
    own: the last connection to close a WAL database, if it may write, checkpoints the -wal
    into the file and deletes the -wal and -shm, and another program's files are to be left
    as they were.  `wait` is the seconds it waits for another process's lock (open_db's
    migration_wait).
    """
    if not path.exists():
        return  # a new database
    for tries_left in reversed(range(PROBE_TRIES)):
        uri = _probe_uri(path)
        try:
            return _probe(path, uri, wait)
        except sqlite3.OperationalError as exc:
            if not (tries_left and uri.endswith(AS_IT_IS) and result_code(exc) in UNWRITABLE_CODES):
                raise


# A -shm read as it is, not rewritten (SQLite 3.22+): a connection that may not write to it
# keeps the WAL's index in its own memory when it must.
AS_IT_IS = "?mode=ro&readonly_shm=1"

# How often `refuse_foreign` reads a database again when the -shm it was to read as it is
# went in between (SQLite: "unable to open database file"): the last process that had it
# open closed it, deleting it (processes that open it at once: a scheduled run and a hand
# run, parallel crawls).  The next read finds it as it is now.
PROBE_TRIES = 5


def _probe_uri(path: Path) -> str:
    """The URI that reads the database leaving its files as they are.

    A -shm beside it: a process has it open, or had it open when it was killed, and its
    -wal may hold changes not yet in the file: read as it is (a read-write connection
    would rebuild the -shm and at its close checkpoint the -wal into the file).  A -wal
    alone: read-only (the -wal is not checkpointed; SQLite makes a -shm to read it).
    Neither: read-write, which writes nothing to a file with no -wal to checkpoint and
    deletes the -wal and -shm a WAL database's opening makes (read-only, it would leave
    them), and rolls back a transaction its writer was killed in (a hot -journal), which
    any next opener must.
    """
    uri = path.absolute().as_uri()
    if Path(f"{path}-shm").exists():
        return uri + AS_IT_IS
    if Path(f"{path}-wal").exists():
        return f"{uri}?mode=ro"
    return uri


def _probe(path: Path, uri: str, wait: float) -> None:
    """`_refuse_tables` and `refuse_newer` on a connection of the URI's own, closed whatever it finds."""
    conn = sqlite3.connect(uri, uri=True, timeout=wait)
    try:
        probed = sqlite_utils.Database(conn)
        _refuse_tables(probed, path)
        refuse_newer(probed, path)
    finally:
        conn.close()


def _refuse_tables(db: sqlite_utils.Database, path: Path) -> None:
    """ForeignDatabase when the database holds tables but no record of citewatch's migrations.

    A database citewatch made keeps its record whatever tables a user added beside citewatch's
    (with Datasette or sqlite-utils), and a new one has no table yet: both open.  So does one
    whose only table is sqlite-utils' `_sqlite_migrations`, empty (`_unfinished_start`).  Its
    tables are read before the record, so a database another process is making for the first
    time is never taken for a foreign one: its migrations commit the tables and the record
    together."""
    tables = [name for name, in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY rowid")
              if not name.startswith("sqlite_")]   # SQLite's own (sqlite_sequence, sqlite_stat1): any program's
    if not tables or _migrated_by_citewatch(db) or (tables == [MIGRATIONS_TABLE] and _unfinished_start(db)):
        return
    shown = ", ".join(tables[:FOREIGN_TABLES_SHOWN]) + (
        f" and {len(tables) - FOREIGN_TABLES_SHOWN} more" if len(tables) > FOREIGN_TABLES_SHOWN else "")
    raise ForeignDatabase(
        f"{path} is a SQLite database of another program (tables: {shown}) with no citewatch schema in it: "
        f"citewatch will not add its tables to it; pass --db with your citewatch database, "
        f"or with a new file name to start one")


MIGRATIONS_TABLE = migrations.migrations_table


class NewerDatabase(ForeignDatabase):
    """A database a newer citewatch migrated: one line naming it, its newest migration and the
    way out.  A ForeignDatabase, as its schema is not this code's either: every opener that
    refuses another program's (crawler/cli.py `open_database`: exit 1) refuses it alike."""


def refuse_newer(db: sqlite_utils.Database, path: Path) -> None:
    """NewerDatabase when the database records a citewatch migration this code does not have.

    Older code would otherwise run on a schema it does not know without a word (a downgrade, a
    second machine not upgraded, an old virtualenv in a cron line): it may miss columns newer
    stages rely on, write rows they would refuse, or fail in the middle of a run.  Migrations
    only go forward, so the way out is newer code or a backup taken before the upgrade."""
    ours = known_migrations()
    newer = sorted(set(applied.name for applied in migrations.applied(db)) - set(ours))
    if newer:
        raise NewerDatabase(
            f"{path} was written by a newer citewatch (migration {newer[-1]}); this one knows up to {ours[-1]}: "
            f"upgrade citewatch, or use a backup of the database")


def _unfinished_start(db: sqlite_utils.Database) -> bool:
    """Whether `_sqlite_migrations` has sqlite-utils' columns and no row: what a citewatch
    older than one-transaction migrations (`migrate`) left when it was killed during a new
    database's first open, after sqlite-utils made the table and before m001 committed.
    That citewatch finished them at the next open; so does this one."""
    table = db[MIGRATIONS_TABLE]
    return {"migration_set", "name", "applied_at"} <= set(table.columns_dict) and table.count == 0


def _migrated_by_citewatch(db: sqlite_utils.Database) -> bool:
    """Whether `_sqlite_migrations` records any of citewatch's migrations.  Another program's
    table of that name, of other columns, records none (SQLITE_ERROR: no such column)."""
    try:
        return bool(migrations.applied(db))
    except sqlite3.OperationalError as exc:
        if result_code(exc) != 1:
            raise
        return False


# The files kept beside a database (its name and this suffix), and what each is: SQLite's,
# and the stages' locks (db/lock.py).
# The folder the resolve stage works in while it holds the database's resolve lock (crawler/social.py
# `_work_folder`), beside the database as its locks are.
RESOLVE_WORK = "-resolve-tmp"
SIDE_FILES = {"-wal": "write-ahead log", "-shm": "shared-memory index", "-journal": "rollback journal",
              **LOCK_FILES, RESOLVE_WORK: "resolve stage's working folder"}


def database_files(path: str | Path) -> dict[Path, str]:
    """The database's file and the ones kept beside it, each with what it is: no -o file
    may be one of them (crawler/export.py `refuse_overwrite`)."""
    return {Path(path): "the database itself",
            **{Path(f"{path}{suffix}"): f"the database's {what}" for suffix, what in SIDE_FILES.items()}}


# SQLite's result codes for a file that is not (or no longer) a readable database: a page
# fails its checks (SQLITE_CORRUPT) or the header is wrong (SQLITE_NOTADB).
DAMAGED_CODES = {11, 26}


def result_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error (None: not a SQLite error that carries one)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def damaged(exc: BaseException) -> bool:
    """The database file itself cannot be read, whatever the statement: no stage can go on,
    and going on item by item would only report every item as failed."""
    return isinstance(exc, sqlite3.DatabaseError) and result_code(exc) in DAMAGED_CODES


def damage_message(path: str | Path, exc: BaseException) -> str:
    """One line for a database SQLite cannot read (see `damaged`): what SQLite said and the way
    out.  A file that does not begin with SQLite's header (`sqlite_file`) was never a database
    (a --db naming a notes file, a README): said so, and `.recover`, which only mends a real
    SQLite file's pages, is not offered for it."""
    if not sqlite_file(path):
        return (f"{path} is not a SQLite database: it does not begin with SQLite's header; "
                "pass --db with your citewatch database, or with a new file name to start one")
    return (f"{path} is damaged or not a SQLite database ({exc}); restore a backup, "
            f"run `sqlite3 {path} .recover`, or pass --db with another database")


# The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, "The Database Header").
SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_file(path: str | Path) -> bool:
    """Whether the file begins with SQLite's header; a file that cannot be read is given the
    benefit of the doubt (its own error says what is wrong)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return True


# SQLite's result code for a lock another connection held past the busy timeout (SQLITE_BUSY).
BUSY_CODE = 5


# What holds SQLite's write lock for long besides a citewatch command upgrading the schema:
# a stage writes in short transactions, so it is rarely the holder, even while its lock is taken.
LONG_WRITERS = ("a `sqlite3` shell or a database browser with changes not written, Datasette writing, "
                "a long `citewatch ingest --replace`")


def lock_wait_message(path: str | Path, waited: str, way_out: str, holders: str = LONG_WRITERS) -> str:
    """One line for a write (or an open's migrations) that waited `waited` (e.g. "30s", "10m")
    for the database's write lock another process held: what may hold it (`holders`), the
    `fuser` line that finds it whatever it is, and `way_out`.  The citewatch stages whose lock
    files name them are listed as also running, not as the holder (this process's own left
    out): they hold their stage lock for a whole run, SQLite's write lock for moments."""
    own = re.compile(rf"\(process {os.getpid()}\b")
    held = [h for h in held_now(Path(path).resolve()) if not own.search(h)]
    running = f"; also running on it: {'; '.join(held)}" if held else ""
    return (f"{path}: another process has held the database's write lock for over {waited} ({holders}; "
            f"`fuser {shlex.quote(str(path))}` lists the processes that have it open{running}); {way_out}")


def now() -> str:
    """The current UTC time as ISO 8601 text, the one time format of the database."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def to_json(value) -> str | None:
    """A list or object as the JSON text the database stores (None when empty)."""
    return json.dumps(value, ensure_ascii=False) if value else None


def from_json(value: str | None, default=None):
    """A JSON column back as data; `default` when it is empty or not JSON."""
    if value in (None, ""):
        return default
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


def stored_json(value, kind: type):
    """A JSON column of `kind` (dict for an object, list for an array) back as data, else None:
    empty, not JSON, or JSON of another kind.  A hand-edited or older database may hold `[]`,
    `null` or a number where a stage writes an object: every reader of such a column goes through
    this, so that such a row is read as having nothing, not crash the report (`.get` of a list)."""
    data = from_json(value)
    return data if isinstance(data, kind) else None


# texts_fts and texts_unspaced hold each text with ё written е (migrations m014_search_fold_yo,
# m016): a MATCH query folded the same way finds "признаёт" for "признает" and back; an
# unfolded ё finds nothing.
_FTS_FOLD = str.maketrans("ёЁ", "еЕ")


def fts_folded(query: str) -> str:
    """A full-text query (MATCH) written as the full-text indexes hold the words: ё as е."""
    return query.translate(_FTS_FOLD)


# A letter of a script written without spaces between words: a text holding one is indexed by
# trigrams too, and a query holding one is looked up there (migration m016_search_unspaced_scripts,
# crawler/search.py).
UNSPACED = re.compile(f"[{UNSPACED_RANGES}]")


def unspaced(*parts: str | None) -> int:
    """texts.unspaced for a text of these parts (title, text): 1 when one holds a letter of a
    script written without spaces, so that its triggers index it by trigrams as well."""
    return int(any(part and not part.isascii() and UNSPACED.search(part) for part in parts))  # isascii: O(1)
