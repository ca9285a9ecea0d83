"""The kinds of column the terminal tables are made of, so that each reads at 80 columns.

Rich shares a narrow terminal out among the columns and, left to itself, breaks whatever
is widest: a verdict became `not-in-sour…`, a URL `http://127.0.0.1:42591/demo/…` (every
source of a host alike), a memento's timestamp lost its time.  So a column says what its
cells are: a `key` (an id, a class, a verdict: read at a glance, never broken), a `count`
(right-aligned), or `text` (a URL, a path, a reason or a note: wrapped at spaces, and a
word longer than the column, a URL in a reason too, folded over lines, every character
kept); the key and count columns keep their width, the text columns share the room left.
Its `Progress` is rich's, with plain lines instead on a console that is no terminal (a log).

What a table or line shows of a page, a document, a quote list or the database is printable
(`printable`): a page title or a quote list id holding an escape sequence set the terminal's
title, cleared the screen or wrote over what was printed, and a right-to-left override showed a
URL reversed.  Every command prints through a `Console` that makes it so; a rich Text of such
words is built printable (`printable_text`), so that a table measures what it shows.

While a command runs, standard output is a `GuardedOutput` of itself (`guarded_stdout`): a write
there that fails (a full disk behind `>`, a reader that closed the pipe) is a StandardOutputLost,
which the command line ends in one line (or, for the closed pipe, quietly), not in a traceback
from whichever print met it first.  Once lost, it stays lost: a write the command still means to
reach the reader (a scheduled run's changes to `-`, crawler/export.py `_stdout`) fails with the
kept error instead of going to /dev/null, where the guard then points standard output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import time
from typing import Iterator

import rich.console
import rich.progress
from rich.table import Column
from rich.text import Text

from crawler.textclean import UNPRINTABLE

WIDE = 120  # a terminal this wide has room for the columns a narrow one leaves out

# What stands for a character that must not reach a terminal as it is (crawler/textclean.py
# UNPRINTABLE: control characters, bidirectional overrides): visible, and one character for one
# (a Text's styles stay put).
SHOWN = "\ufffd"


def printable(text: str, one_line: bool = False) -> str:
    """`text` with each character a terminal would obey instead of show (UNPRINTABLE) shown as
    SHOWN, and with `one_line` a newline too (a table cell of an id, a URL, a title: a newline
    there is the data's, not a line the table means)."""
    text = UNPRINTABLE.sub(SHOWN, text)
    return text.replace("\n", SHOWN) if one_line else text


def printable_text(text: str, style: str = "", one_line: bool = False) -> Text:
    """A rich Text of `text` made printable (`printable`) before anything measures it: a table
    measures a Text's cells from its characters, and one unprintable there (zero cells wide)
    that `Console.render` later shows as SHOWN (one cell) made its column one cell short."""
    return Text(printable(text, one_line), style=style)


class Console(rich.console.Console):
    """rich's console, which prints every text printable (`printable`): a line or a cell given
    as a string (`render_str`, which rich's tables measure with too) and a rich Text (`render`:
    one character for one, so its styles stay put).  Every command prints through one, and so
    do the stages it hands it to (crawl, archive, resolve and check say URLs, titles and ids),
    so that no page or quote list can send the terminal an escape sequence.

    A Text is a table's to measure before `render` sees it, from its characters as they are:
    one holding an unprintable is safe to print but may overflow its cell by a character per
    unprintable.  A Text of a page's, a document's or the database's words is built with
    `printable_text` (or from `printable` strings), so that it measures what is shown."""

    def render_str(self, text: str, **kwargs) -> Text:
        return super().render_str(printable(text), **kwargs)

    def render(self, renderable, options=None):
        if isinstance(renderable, Text) and UNPRINTABLE.search(renderable.plain):
            shown = renderable.copy()
            shown.plain = printable(renderable.plain)
            renderable = shown
        return super().render(renderable, options)


class StandardOutputLost(OSError):
    """Standard output could not be written (`cause`: a full disk behind `>`, a reader that
    closed the pipe, a terminal gone): raised at the first write that fails (`GuardedOutput`).
    An OSError with the cause's errno, so that what handled that failure before still does (a
    crawl's display ends alone on a closed terminal's EIO: crawler/spiderrun.py `_unless_stopped`);
    never a BrokenPipeError, which rich would end with exit status 1 of its own."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.errno, f"cannot write to standard output ({cause.strerror or cause})")
        self.cause = cause


class GuardedOutput:
    """Standard output while a command runs (`guarded_stdout`): what every writer there (rich's
    consoles, click.echo, print) writes, passed on, with the first write that fails raised as
    StandardOutputLost and kept (`lost`), so that the command line says it in one line
    (crawler/cli.py) instead of a traceback from whichever print met it first, even when a stage
    caught it.  Its file descriptor then points at /dev/null: what is written after (a clean-up
    that prints on its way out, a crawl marked interrupted) goes nowhere without failing, and so
    does Python's last flush at exit (which, failing, turned the exit status into 120)."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.lost: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            self._lose(exc)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.stream is None:   # (standard output closed: `guarded_stdout` left it None)
            return
        try:
            self.stream.flush()
        except OSError as exc:
            self._lose(exc)

    def __getattr__(self, name: str):   # isatty, fileno, encoding, buffer …: the stream's own
        return getattr(self.stream, name)

    def _lose(self, exc: OSError):
        self.lost = self.lost or exc
        with contextlib.suppress(OSError, ValueError):   # (a test's stream has no descriptor)
            fd = self.stream.fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)
        raise StandardOutputLost(exc) from None

    @property
    def reader_gone(self) -> bool:
        """The reader closed the pipe (`| head`): it has what it wanted."""
        return self.lost is not None and self.lost.errno == errno.EPIPE


@contextlib.contextmanager
def guarded_stdout() -> Iterator[GuardedOutput]:
    """sys.stdout a GuardedOutput of itself while the block runs, then itself again.  A standard
    output that is closed (`citewatch status >&-`: Python makes sys.stdout None) is left None, and
    the guard yielded guards nothing: every writer writes nowhere there without failing (rich
    and click look for None, and a guard of None made each write an AttributeError)."""
    guard = GuardedOutput(sys.stdout)
    if sys.stdout is None:
        yield guard
        return
    sys.stdout = guard
    try:
        yield guard
    finally:
        if sys.stdout is guard:
            sys.stdout = guard.stream


def key(header: str) -> Column:
    """An id, class or verdict: on one line whatever the width (the others give way)."""
    return Column(header, no_wrap=True)


def text(header: str) -> Column:
    """Words, URLs and paths: wrapped, a long word folded over as many lines as it needs
    (rich's default, an ellipsis, hides the end of a URL: the part that tells two apart)."""
    return Column(header, overflow="fold")


def count(header: str) -> Column:
    """A number or score: right-aligned, on one line."""
    return Column(header, justify="right", no_wrap=True)


# A console that is no terminal (a log file, cron, nohup) gets a plain line of a task's
# progress with its first item done, each time it passes a tenth more (LOG_STEP percent),
# LOG_EVERY seconds after the last line if it moved on since, and its last state as the
# display stops: rich draws nothing there until the end, and then only its bar's last state.
LOG_STEP = 10
LOG_EVERY = 60.0


class Progress(rich.progress.Progress):
    """rich's progress display, which on a console that is no terminal writes plain lines to
    standard error instead, now and then ("archive: lookup 120/999 (12%)") and each task's
    last state as it stops: rich turns its display off there, and a stage redirected to a log
    (cron's) wrote nothing for ten minutes, a working run not told from a hung one.  Standard
    error, so that standard output keeps the data alone (`report -o -`, a pipe).  `name`
    heads each line (the command, when the tasks are its phases)."""

    def __init__(self, *columns, name: str = "", **kwargs) -> None:
        super().__init__(*columns, **kwargs)
        self._name = name
        self._logged: dict[rich.progress.TaskID, tuple] = {}  # task: (step, done, description, when, line)

    def add_task(self, *args, **kwargs) -> rich.progress.TaskID:
        task_id = super().add_task(*args, **kwargs)
        self._log(task_id)
        return task_id

    def update(self, task_id: rich.progress.TaskID, **kwargs) -> None:
        super().update(task_id, **kwargs)
        self._log(task_id)

    def advance(self, task_id: rich.progress.TaskID, advance: float = 1) -> None:
        super().advance(task_id, advance)
        self._log(task_id)

    def stop(self) -> None:
        """On a console that is no terminal, each task's last state in a line of its own
        (`_log`), and nothing of rich's: rich prints its bars' last state there as it stops,
        then a blank line, onto the console (standard output), which in a log that takes
        both streams (`>> log 2>&1`) was a second copy of what the lines had said.  A
        terminal's display stops as rich's."""
        if self.console.is_terminal:
            super().stop()
            return
        try:
            for task_id in list(self._tasks):
                self._log(task_id, last=True)
        finally:   # (stopped even when stderr fails: its refresh thread would run on)
            self.live.transient = True   # (a transient display prints nothing as it stops)
            self.live.stop()

    def _log(self, task_id: rich.progress.TaskID, last: bool = False) -> None:
        """The task's line, when the console is no terminal and there is news: its first,
        a new tenth done, a new description (a stop asked), or work done since LOG_EVERY;
        and with `last` (the display stops) its last state, unless its line said it already:
        a task with no total has no tenths, and its final count went unsaid (a log's last
        line said `posts: 3` of a crawl that read 4).
        Nothing before the first item is done: a stage that fails at once says its one-line
        error alone, and the first item comes within seconds of the start."""
        if self.console.is_terminal:
            return
        with self._lock:
            task = self._tasks[task_id]
            if not task.completed:
                return
            now = time.monotonic()
            state = (_step(task), task.completed, task.description)
            logged = self._logged.get(task_id)
            line = self._line(task)
            if logged is not None and not _news(state, line, logged, now, last):
                return
            self._logged[task_id] = (*state, now, line)
        print(line, file=sys.stderr, flush=True)

    def _line(self, task: rich.progress.Task) -> str:
        """"name: description done/total (percent), counts", without rich's markup."""
        description = printable(Text.from_markup(task.description).plain)
        head = f"{self._name}: {description}" if self._name else f"{description}:"
        done = f"{task.completed:g}"
        if task.total is not None:
            done += f"/{task.total:g} ({_percent(task):.0f}%)"
        counts = task.fields.get("counts")
        return f"{head} {done}" + (f", {counts}" if counts else "")


def _news(state: tuple, line: str, logged: tuple, now: float, last: bool) -> bool:
    """Whether a task's `line` says what its last one (`logged`) did not: meanwhile, a new
    tenth or description, or its count moved on LOG_EVERY seconds after it; as the display
    stops (`last`), any other word (a count, a class's count)."""
    step, done, description = state
    was_step, was_done, was_description, when, was_line = logged
    if last:
        return line != was_line
    return (step, description) != (was_step, was_description) or (done != was_done and now - when >= LOG_EVERY)


def _percent(task: rich.progress.Task) -> float:
    """How much of the task is done, in percent (all of it when there was nothing to do)."""
    return 100.0 if not task.total else min(100.0, task.completed * 100.0 / task.total)


def _step(task: rich.progress.Task) -> int | None:
    """The tenth (LOG_STEP) the task has reached; None while its total is unknown."""
    return None if task.total is None else int(_percent(task) // LOG_STEP)
