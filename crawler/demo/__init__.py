"""`citewatch demo`: the whole pipeline on a made-up letter, against a web on loopback.

The demo starts the project's own test web (`python -m tests.web`, the package the tests
use: ministry pages, a Wayback-compatible archive, a Nitter mirror, archived tweets) in a
child process, fills the letter template `letter.txt` with its base URLs, and runs
ingest, crawl, archive, resolve and reconcile over it with politeness delays shrunk to
nothing, so that every fetch class and quote verdict shows up in about a minute without
any network.  It needs a source checkout: tests/ is not installed with the package.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

from db import RESOLVE_WORK, database_files
from crawler import report_data
from crawler.config import Config, load_config
from crawler.spiderrun import stopped_by_signals

ROOT = Path(__file__).resolve().parents[2]
LETTER = Path(__file__).with_name("letter.txt")
DB_NAME = "citewatch-demo.db"
MARKER = ".citewatch-demo"
# The names the demo writes in its folder: its files are looked for (and removed) under these only.
MADE = (*(path.name for path in database_files(DB_NAME)), "letter.txt", "report.html", "data")
# The crawls' WARC files (spiderrun's naming): with MADE's file names, all a demo writes.
WARC = re.compile(r"data/warc/\w+-\d{8}T\d{6}-\d+\.warc\.gz")
# The resolve stage's working folder (crawler/social.py `_work_folder`): a demo killed (kill -9)
# while it resolved leaves its posts crawls' files there, which the next resolve would remove.
RESOLVE_FILES = f"{DB_NAME}{RESOLVE_WORK}/"


class DemoError(Exception):
    """Why the demo cannot run, in one line that names the fix."""


@contextmanager
def local_web(root: Path = ROOT) -> Iterator[dict[str, str]]:
    """The test web in a child process, as {site: base URL}; stopped on exit."""
    if not (root / "tests" / "web" / "__main__.py").is_file():
        raise DemoError(f"the demo's local web (tests/web) is not in {root}: citewatch is installed without its "
                        "source; clone the repository, `pip install -e .` in it and run `citewatch demo` there")
    # A session of its own: a terminal's Ctrl-C (SIGINT to the whole foreground group) stops the
    # demo, whose clean-up kills the web; sent to the web too, it printed a KeyboardInterrupt
    # traceback.  --die-with still ends it when the demo dies without clean-up.
    proc = subprocess.Popen([sys.executable, "-m", "tests.web", "--die-with", str(os.getpid())], cwd=root,
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = proc.stdout.readline()
        if not line:
            raise DemoError(f"the local web did not start (`{sys.executable} -m tests.web` in {root} printed nothing); "
                            "run that command to see its error")
        yield json.loads(line)
    finally:
        proc.kill()
        proc.wait()


def demo_config(directory: Path, sites: dict[str, str]) -> Config:
    """Settings pointing every stage at the local web, with delays and timeouts for loopback.

    The user's CITEWATCH_* variables are ignored: the demo must not reach the real web,
    so the X/Twitter pages the letter names by handle are not fetched live either
    (`crawl_social` off); their posts are found in the local archive and mirror.
    """
    return load_config(env={}).with_overrides(
        db=str(directory / DB_NAME), data_dir=str(directory / "data"),
        wayback_url=f"{sites['archive']}/ns/demo", allow_private_networks=True, crawl_social=False,
        nitter_mirrors=[sites["nitter"]], syndication_url=f"{sites['main']}/syndication",
        host_delay=0.0, autothrottle=False, retries=0, retry_backoff=0.05, fetch_timeout=5.0, extract_workers=1,
        concurrency=8, per_host_concurrency=4, cdx_per_minute=6000, save_per_minute=600, save_per_minute_keys=600,
        archive_timeout=5.0, archive_backoff=0.05, save_poll_interval=0.05, retry_after_default=0.5,
        retry_after_cap=5.0)


def claim(directory: Path) -> None:
    """Make `directory` the demo's: new, empty, or an earlier demo's, whose files are removed
    so that a re-run starts afresh.  An earlier demo's files are those its marker lists or,
    for a demo from before the marker or one killed before listing them, what has the form
    of the demo's own files under its names.

    The demo deletes only files it recorded itself: `--dir` may name any folder, and a
    folder of the user's (or a file the user put among the demo's) must survive a typo.
    A folder it cannot make or write is a DemoError, before anything is removed.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if (directory / MARKER).exists():
            clean(directory, recorded(directory))
        elif any(directory.iterdir()):
            clean(directory, unmarked(directory))
        else:
            require_writable(directory, [])
        (directory / MARKER).write_text(json.dumps({"made_by": "citewatch demo", "files": None}), encoding="utf-8")
    except OSError as exc:  # a read-only file system, a folder of another user's, a path through a file
        raise DemoError(unwritable(Path(exc.filename or directory), exc.strerror or str(exc))) from None


def unwritable(folder: Path, why: str) -> str:
    """The one line for a demo folder it cannot make or write in."""
    return (f"cannot write in {folder} ({why}); give --dir a folder you can write, "
            "e.g. --dir /tmp/citewatch-demo (or make this one writable)")


def require_writable(directory: Path, present: list[str]) -> None:
    """DemoError unless `directory` and the folders of an earlier demo's files `present` in it
    may be written: checked before the first is removed, so that a re-run in a folder now
    read-only removes nothing rather than half of them."""
    folders = {directory, *(directory / folder for name in present for folder in PurePosixPath(name).parents)}
    for folder in sorted(folders):
        if not os.access(folder, os.W_OK | os.X_OK):
            read_only = os.statvfs(folder).f_flag & os.ST_RDONLY
            raise DemoError(unwritable(folder, "read-only file system" if read_only else "permission denied"))


def recorded(directory: Path) -> set[str]:
    """The files an earlier demo in `directory` listed in its marker as its own."""
    try:
        marker = json.loads((directory / MARKER).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        marker = None
    if (not isinstance(marker, dict) or marker.get("made_by") != "citewatch demo"
            or not isinstance(marker.get("files"), (list, type(None)))):
        raise DemoError(f"{directory} holds a {MARKER} file the demo did not write; give --dir a new or empty folder")
    if marker["files"] is None:  # stopped (kill -9, power cut) before record(): claim had emptied the demo's names
        return own_files(directory)
    return set(marker["files"])


def unmarked(directory: Path) -> set[str]:
    """The files of a demo from before the marker in `directory`: the folder must hold the
    demo's database and nothing but what a demo writes, or it is taken for the user's."""
    own = own_files(directory)
    names = {path.name for path in directory.iterdir()}
    if DB_NAME not in own or not names <= set(MADE) or set(made_files(directory)) - own:
        raise DemoError(f"{directory} is not empty and no earlier demo made it; give --dir a new or empty folder "
                        "(the demo deletes only what it made)")
    return own


def own_files(directory: Path) -> set[str]:
    """What `directory` holds under the demo's names that has the form of what a demo writes,
    for a demo whose files no marker lists; anything else there stays the user's."""
    return {name for name in made_files(directory)
            if (name in MADE and name != "data") or WARC.fullmatch(name) or name.startswith(RESOLVE_FILES)}


def clean(directory: Path, recorded_files: set[str]) -> None:
    """Remove an earlier demo's files, refusing when its names hold anything it did not make."""
    present = made_files(directory)
    strangers = [name for name in present if name not in recorded_files]
    if strangers:
        raise DemoError(f"{directory / strangers[0]} was not made by the demo, which would replace it; move it out of "
                        f"{directory} or give --dir a new or empty folder")
    require_writable(directory, present)
    for name in present:
        (directory / name).unlink()
    for top in ("data", RESOLVE_FILES):
        for folder, _, _ in sorted(os.walk(directory / top), reverse=True):  # deepest first
            Path(folder).rmdir()


def made_files(directory: Path) -> list[str]:
    """What `directory` holds under the names the demo writes, as relative POSIX paths;
    a linked folder counts as one entry (it is never followed)."""
    found = []
    for name in MADE:
        path = directory / name
        if path.is_dir() and not path.is_symlink():
            for folder, folders, files in os.walk(path):
                entries = files + [d for d in folders if (Path(folder) / d).is_symlink()]
                found += [(Path(folder) / entry).relative_to(directory).as_posix() for entry in entries]
        elif path.exists() or path.is_symlink():
            found.append(name)
    return sorted(found)


def record(directory: Path) -> None:
    """List the demo's files in its marker, so that the next demo there may remove them."""
    files = made_files(directory)
    if DB_NAME in files:  # SQLite's side files come and go with the connections: the database's own
        files = sorted({*files, *(name for name in MADE if name.startswith(f"{DB_NAME}-"))})
    marker = {"made_by": "citewatch demo", "files": files}
    (directory / MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")


def write_letter(directory: Path, sites: dict[str, str]) -> Path:
    """The demo letter with its footnotes pointing at this run's local web."""
    path = directory / "letter.txt"
    path.write_text(LETTER.read_text(encoding="utf-8").format_map(sites), encoding="utf-8")
    return path


def run(directory: Path, console=None, serving: Callable[[dict, dict[str, str]], None] | None = None) -> dict:
    """Run the demo in `directory`: {"report": path, "db": path, "classes": {...}, "verdicts": {...}}.

    `serving(result, sites)`, when given, is called before the local web stops: the
    report's links point at that web, and open only while it serves."""
    import db as database
    from crawler import report
    from crawler.run import run_all

    claim(directory)
    try:
        with stopped_by_signals(), local_web() as sites:
            config = demo_config(directory, sites)
            db = database.open_db(config.db_path)
            run_all(db, config, document=str(write_letter(directory, sites)), console=console)
            path = report.write(db, config, "html", directory / "report.html")
            result = {"report": path, "db": config.db_path, **outcomes(db, config)}
            if serving:
                record(directory)  # the files are all there: a demo stopped while it serves is whole
                serving(result, sites)
    finally:
        record(directory)
    return result


def outcomes(db, config: Config) -> dict:
    """How many sources ended in each class, statements in each verdict, memento texts read and
    social citations resolved to a post.  The classes and verdicts are the report's own summary
    (a resolved post's check, an account handle, a note not online counted as the report and
    `citewatch status` count them), built with the demo's settings as the report was (its
    history reads the demo's WARCs): the demo's table never gives a third count."""
    summary = report_data.build(db, config=config)["summary"]
    classes, verdicts = summary["sources_by_class"], summary["quotes_by_verdict"]
    mementos = db.execute("select count(*) from texts where origin = 'memento'").fetchone()[0]
    posts = db.execute("select count(*) from citations where resolved_url is not null").fetchone()[0]
    return {"classes": classes, "verdicts": verdicts, "memento_texts": mementos, "posts_resolved": posts}
