"""Scheduled re-checks: the `watch` loop, a crontab line, a systemd service and timer.

All three run the same thing: every stage over what the database holds (the crawl
re-checks only the sources that are due: live ones at `recheck_live`, failing ones at
`recheck_failing`, dead ones at `recheck_dead`), then `after_run`, which compares the
state with the previous scheduled run's (what cron last reported: a hand-started run in
between does not swallow a change), prints the changes, writes them to the changes file and
turns them into the exit status: 0 nothing changed, EXIT_CHANGED something did, EXIT_OFFLINE
a crawl found the network unreachable (1 and 2 stay click's error and usage statuses).  A
run is recorded in the transaction that writes its changes file, committed once the file is in
place: a changes file that cannot be written, or a kill between the two, leaves the run
unrecorded, and the next run reports its changes again (`-` writes them to standard output,
which cron mails when the crontab line does not redirect it (the line `schedule --cron`
prints appends it to scheduled.log)).  Each scheduled run's output begins with one line of
its time and command (`say_run_begins`), and a change is one line however narrow the log.
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import shlex
import signal
import sys
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Text

import db as database
from crawler import history
from crawler.config import SETTINGS, ConfigError, human_duration, parse_duration, parse_setting, setting_text
from crawler.crawl import OFFLINE_ADVICE, DatabaseLocked, write_lock_line
from crawler.export import OutputError, output_file, to_stdout
from crawler.report import unreadable_words
from crawler.report_data import changes as reported_changes
from db.lock import ARCHIVE, CRAWL

EXIT_CHANGED = 3
# A scheduled run whose crawl found the network unreachable (its checks withdrawn): cron and CI
# must tell a run that checked nothing from a good one (`citewatch run`, `citewatch watch`).
EXIT_OFFLINE = 4

_CHANGE_WORDS = {"newly_dead": "newly dead", "newly_failing": "newly failing", "recovered": "recovered",
                 "content_drift": "content drift", "verdict_changed": "verdict changed"}


def changes_path(config) -> Path:
    """Where the changes of the last scheduled run are written (JSON)."""
    return Path(config.changes_file) if config.changes_file else config.data_path / "changes.json"


def since_words(changes: dict) -> str:
    """The run the changes are since, in words: "since the previous run", or for a scheduled
    run that passed over hand-started runs to compare with the previous scheduled one
    (history._compared_run), "since the previous scheduled run, not the hand-started run after
    it": the user saw that run's changes, and must not read these as new since then."""
    passed = changes.get("passed_over") or 0   # (a run recorded before it has none)
    if not passed:
        return "since the previous run"
    runs = "the hand-started run" if passed == 1 else f"the {passed} hand-started runs"
    return f"since the previous scheduled run, not {runs} after it"


def print_changes(changes: dict, console: Console, unchecked: bool = False) -> None:
    """The changes since the run compared with (`since_words`), one line each, in plain
    words, a changed text's with what changed under it (`_print_edits`); none, for a run whose
    crawl found the network unreachable (`unchecked`: its checks withdrawn), said as nothing
    checked, not as a bare "Nothing changed", read as all found well; a text back to its
    first wording (`restored`) said as restored, not as drift; a text whose numbers alone
    changed (history.NUMBERS_CHANGED), a source failed once on weak evidence and one live
    again after it (history.WEAK_FAILURES) are said after them, not counted.  Changes that are
    not what they seem come after a line that says so (report.unreadable_words: a kept state or
    later runs that could not be read).  Each on one line whatever the width (soft_wrap): a
    log or a pipe has 80 columns, and a URL's change broken across two lines is lost to grep."""
    for said in unreadable_words(changes):
        console.print(said, markup=False, highlight=False, soft_wrap=True)
    if changes["first_run"]:
        console.print("First recorded run: nothing to compare with yet.")
        return
    if not changes["count"] and unchecked:
        console.print(f"Nothing could be checked (the network seemed unreachable): no change to report "
                      f"{since_words(changes)}.", markup=False, soft_wrap=True)
    elif not changes["count"]:
        console.print(f"Nothing changed {since_words(changes)}.", markup=False, soft_wrap=True)
    else:
        console.print(f"[bold]{changes['count']} change(s) {since_words(changes)}[/]", soft_wrap=True)
    for key, words in _CHANGE_WORDS.items():
        for item in changes[key]:
            if key == "verdict_changed":
                what = f"{history.statement_named(item)}: {item['from']} → {item['to']}"
            elif key == "content_drift":
                restored = f"{history.RESTORED_HOW}; " if item.get("restored") else ""
                what = f"{item['url']} ({restored}+{item['words_added']} / -{item['words_removed']} words)"
            elif key == "newly_failing":
                what = f"{item['url']} ({item['from']} → {item['to']}: {history.failing_evidence(item)})"
            else:
                what = f"{item['url']} ({item['from']} → {item['to']})"
            said = history.RESTORED if item.get("restored") else words   # (a restored text: content_drift's)
            console.print(f"  {said}: {what}", markup=False, highlight=False, soft_wrap=True)   # one line in a log too
            if key == "content_drift":
                _print_edits(item, console)
    for item in changes.get("numbers_changed", ()):   # said, not counted (a run recorded before it has none)
        console.print(f"  only numbers changed (not counted): {item['url']}", markup=False, highlight=False,
                      soft_wrap=True)
        _print_edits(item, console)
    for key, words in history.WEAK_FAILURES:
        for item in changes.get(key, ()):   # said, not counted (a run recorded before them has neither)
            console.print(f"  {words}: {item['url']} ({history.failed_change(item)})", markup=False,
                          highlight=False, soft_wrap=True)


def _print_edits(item: dict, console: Console) -> None:
    """What changed in a changed text (history._excerpts), one line per edit: removed words
    [-struck-] in red, added ones {+marked+} in green (the brackets say it in a log, where the
    colours are lost); the page's words as rich Text, never read as markup."""
    for edit in item.get("edits") or ():   # a run recorded before edits were kept has none
        line = Text("      ")
        if edit["in_quote"]:
            line.append(f"({history.IN_QUOTE}) ", style="bold")
        line.append(edit["before"])
        if edit["removed"]:
            line.append(" ").append(f"[-{edit['removed']}-]", style="red strike")
        if edit["added"]:
            line.append(" ").append(f"{{+{edit['added']}+}}", style="green")
        if edit["after"]:
            line.append(f" {edit['after']}")
        console.print(line, highlight=False)
    if more := history.more_edits(item):
        console.print(f"      {more}", markup=False, highlight=False)


def after_run(db, config, scheduled: bool, console: Console | None = None, unchecked: bool = False) -> int:
    """Record what this run left behind and print the changes since the run it compares with
    (a scheduled run: the previous scheduled run, history._compared_run; `unchecked`: its crawl
    found the network unreachable, `print_changes`); a scheduled run also
    writes them to the changes file, as the JSON report's `changes` object
    (report_data's, with `scheduled`, `previous_taken_at`, `crawls_since`, `last_crawl_at`):
    docs/report-schema.md promises one object in both, and a script reading either must not
    find fields missing from the file.

    The changes file is written, and renamed into place, inside the transaction that records
    the run (history.recording_run), which commits only after it: a kill -9 or a power loss
    between the two leaves the run unrecorded, and the next run reports its changes again (a
    kill after the rename, before the commit, reports them twice: the accepted side).  A
    changes file that cannot be written (a full disk, a read-only folder) rolls the record
    back alike; its changes are printed all the same, and it is one line naming the file and
    the fix (ConfigError): recorded, the run would be what the next one compares with, and its
    changes would reach cron's exit status and the file never.

    Returns the exit status: EXIT_CHANGED when something changed, else 0.
    """
    try:
        with history.recording_run(db, scheduled=scheduled, config=config) as changes:
            if scheduled:
                write_changes(config, reported_changes(db))
    except ConfigError:
        if console is not None:
            print_changes(changes, console, unchecked)
        raise
    if console is not None:
        print_changes(changes, console, unchecked)
        if scheduled:
            console.print(f"Changes file: {changes_named(config)}", markup=False, soft_wrap=True)
    return EXIT_CHANGED if changes["count"] else 0


def changes_named(config) -> str:
    """The changes file as a run's last line names it: its path, or for `-` (changes_file),
    standard output, where the JSON went before the changes were listed."""
    path = changes_path(config)
    return output_named(path) + (" (the JSON above)" if to_stdout(path) else "")


def output_named(path: str | Path, what: str = "") -> str:
    """An output as a message names it: `what` it is ("the changes file") and its path, or, for
    `-` (export.to_stdout), standard output: "cannot write the changes file -" read as a file
    named "-" somewhere."""
    if to_stdout(path):
        return "standard output"
    return f"{what} {path}" if what else str(path)


def write_changes(config, changes: dict) -> Path:
    """Write `changes` to the changes file as the -o files are written (crawler/export.py
    `output_file`: beside it, then renamed into place), so that a full disk or a kill leaves
    the previous file whole, never empty; `-` writes them to standard output, which cron mails
    when the crontab line does not redirect it (the line `schedule --cron` prints appends it to
    scheduled.log), as `-o -` does.  An OSError is a ConfigError naming the file and the
    fix, and saying that the run is not recorded (after_run rolls it back)."""
    path = changes_path(config)
    text = json.dumps(changes, indent=2, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with output_file(path) as handle:
            handle.write(text)
    except (OSError, OutputError) as exc:
        cause = exc.__context__ if isinstance(exc.__context__, OSError) else exc   # (output_file's, from None)
        why = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(cause)
        full = isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT)
        first = "redirect it elsewhere, or " if to_stdout(path) else "free space there, or " if full else ""
        raise ConfigError(f"cannot write {output_named(path, 'the changes file')} ({why}): {first}"
                          "set changes_file (CITEWATCH_CHANGES_FILE) to a writable file; this run is not recorded, "
                          "so the next run reports its changes again") from None
    return path


def after_run_all(db, config, result, scheduled: bool, console: Console) -> int:
    """`after_run` for a run of every stage (crawler/run.py's RunResult), as `run` and `watch`
    end one: beside another process's crawl, half done, nothing is recorded or compared (its
    checks may yet be withdrawn: NOT_COMPARED says so) and the status is 0; the next run compares."""
    from crawler.run import NOT_COMPARED

    if result.comparable:
        return after_run(db, config, scheduled=scheduled, console=console, unchecked=bool(result.network_message))
    console.print(f"[yellow]{NOT_COMPARED}[/]", highlight=False)
    return 0


def watch(db, config, every: float, max_runs: int | None = None, console: Console | None = None,
          stop: threading.Event | None = None) -> int:
    """Run every stage every `every` seconds, from start to start as cron and a systemd timer
    count (a daily watch whose run takes an hour starts at the same time each day, not an hour
    later each day; one that took longer than `every` starts the next at once), until `max_runs`
    runs or `stop` is set.

    A run that fails is reported and the loop goes on (the next run continues where it
    stopped: every stage resumes), and so does one that cannot be recorded (a changes file
    that cannot be written, `after_run`: the next run reports its changes again).  Returns 1
    if a run failed, else EXIT_OFFLINE if a run's crawl found the network unreachable (as
    `citewatch run --scheduled` exits: a watch under cron or CI with --max-runs must tell a run
    that checked nothing from a quiet one), else EXIT_CHANGED if any run changed something,
    else 0.
    """
    from crawler.run import run_all

    stop = stop or threading.Event()
    console = console or Console(quiet=True)
    status, failed, offline, runs = 0, False, False, 0
    while True:
        runs += 1
        last = max_runs is not None and runs >= max_runs
        begun = time.monotonic()
        say_run_begins(console, "citewatch watch", f"run {runs}")
        try:   # (its recording too: a changes file that cannot be written, a write lock held, fail the run alone)
            result = run_all(db, config, scheduled=True, console=console)
            say_stops(result, console, None if last else every)
            offline = offline or bool(result.network_message)
            status = max(status, after_run_all(db, config, result, scheduled=True, console=console))
        except Exception as exc:  # one failed run must not end a watch that runs for months
            if database.damaged(exc):
                raise  # ... but no later run can read a damaged database either
            failed = True
            console.print(f"[red]run {runs} failed:[/] {escape(failure(exc, config, None if last else every))}",
                          highlight=False)
        if last:
            break
        wait = max(0.0, every - (time.monotonic() - begun))
        console.print(_next_run(every, wait))
        if stop.wait(wait):
            break
    return 1 if failed else EXIT_OFFLINE if offline else status


def _next_run(every: float, wait: float) -> str:
    """When a watch's next run begins: a time (UTC, as its runs' first lines give theirs) and the
    interval as it was written (1d, not 86400 s)."""
    if wait <= 0:
        return f"Next run now: this one took longer than {human_duration(every)} (Ctrl-C stops)."
    at = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=wait)
    return f"Next run at {at.isoformat(timespec='seconds')}, {human_duration(every)} after this one began (Ctrl-C stops)."


def say_run_begins(console: Console, command: str, what: str | None = None) -> None:
    """One line opening a scheduled run's output: the UTC time (db.now), then `what` (a watch's
    "run 3"), then the command as typed (run.this_command, `command` when not run from the
    command line).  A log cron or a watch appends to for a year is then read run by run:
    grep for the time, or for the command."""
    from crawler.run import this_command

    words = [database.now(), *([what] if what else []), this_command(command)]
    console.print(" · ".join(words), markup=False, highlight=False, soft_wrap=True, style="bold")


def failure(exc: Exception, config, every: float | None) -> str:
    """A failed run's line in a watch.  Another process holding the write lock (at the crawl's
    write, any other stage's or the run's recording) is said as `citewatch run` says it, its
    advice the watch's next run (`retry_advice`), not a command to type beside the watch; a
    ConfigError (a changes file that cannot be written) as its one line; anything else as it came."""
    if isinstance(exc, DatabaseLocked):
        return retry_advice(str(exc), CRAWL.command, every)
    if database.result_code(exc) == database.BUSY_CODE:
        return retry_advice(write_lock_line(config, CRAWL.command), CRAWL.command, every)
    if isinstance(exc, ConfigError):   # its one line names the input and the fix (a changes file: the next run reports again)
        return str(exc)
    return f"{type(exc).__name__}: {exc}; the next run continues"


def say_stops(result, console: Console, every: float | None = None) -> None:
    """What a watched run could not do, as `citewatch run` says it: an archive stage stopped
    early (429s: its advice to lower save_per_minute is the only sign a watch running for months
    gets) and a crawl that found the network unreachable, each with the watch's advice (`retry_advice`,
    `offline_advice`; `every`: the time to its next run, None after its last).  (Commands, URLs: [ ] as typed.)"""
    if stopped := result.archive_stopped():
        console.print(retry_advice(stopped, ARCHIVE.command, every), style="yellow", markup=False, soft_wrap=True)
    if result.network_message:   # (soft_wrap: a log or a pipe keeps a command whole)
        console.print(offline_advice(result.network_message, every), style="yellow", markup=False, soft_wrap=True)


def retry_advice(line: str, command: str, every: float | None) -> str:
    """A stage's line advising to run `command` again, as the watch gives it: while the watch
    goes on, its next run does (the stages resume), not a command typed beside it; after its
    last run (`every` None), the watch as the user typed it, as `citewatch run` names itself."""
    from crawler.run import advice_naming, this_command

    if every is None:
        return advice_naming(line, command, this_command("citewatch watch"))
    return line.replace(f"run `{command}` again", f"the watch's next run, in {human_duration(every)}, tries again")


def offline_advice(message: str, every: float | None) -> str:
    """The offline line's advice as the watch gives it.  The crawl's checks were withdrawn and
    its sources are due again at once, so the watch's next run checks them: while the watch goes
    on, that is the advice, not a command to type beside it.  After its last run (--max-runs)
    the command to run again is the watch as the user typed it (crawler/run.py advice_naming)."""
    if every is None:
        return retry_advice(message, CRAWL.command, None)
    return message.replace(OFFLINE_ADVICE, "check this machine's connection (or proxy); the watch checks these sources "
                           f"again at its next run, in {human_duration(every)}")


def citewatch_command() -> list[str]:
    """The command that runs this citewatch: the console script beside the interpreter, if any."""
    script = Path(sys.executable).with_name("citewatch")
    if script.exists():
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "crawler.cli"]


def scheduled_command(config) -> list[str]:
    """`citewatch run --scheduled` with absolute paths and the configuration file in use,
    to run from cron or systemd."""
    command = citewatch_command() + ["run", "--scheduled", "--db", str(config.db_path.absolute()),
                                     "--data-dir", str(Path(config.data_dir).absolute())]
    files = {config.origin_file(name) for name in config.origins} - {None}
    for path in sorted(files):
        command += ["--config", str(Path(path).absolute())]
    return command


def scheduled_environment(config) -> dict[str, str]:
    """The CITEWATCH_* settings in effect now, so that the scheduled run sees them too
    (cron and systemd start with an almost empty environment)."""
    env = {}
    for setting in SETTINGS:
        if config.origins.get(setting.name) == setting.env_var and setting.name not in ("db", "data_dir"):
            value = config.values[setting.name]
            env[setting.env_var] = setting_text(value)   # (as written: false, not Python's False)
    return env


# The Internet Archive's keys (archive/wayback.py `ia_keys`): read from the environment only, and
# never written into a schedule (a crontab or a unit file is no place for secrets).
IA_KEYS = ("IA_ACCESS_KEY", "IA_SECRET_KEY")


def keys_left_out(service: Path | None = None, env: dict[str, str] | None = None) -> str | None:
    """The note `citewatch schedule` gives when the Internet Archive keys are set here (both:
    archive/wayback.py `ia_keys`): the scheduled run starts without them (cron and systemd pass
    no such variable) and would save anonymously without a word, so say so and how to hand them
    over from a file only the user reads; for the crontab line (`service` None) or the systemd
    unit `service`.  None when they are not set (saves by hand are anonymous too)."""
    from archive.wayback import ia_keys  # the one test of "both set"; local: schedule loads no archive code

    if ia_keys(env) is None:
        return None
    how = (f"write them as {'=… and '.join(IA_KEYS)}=… lines into a file only you can read (chmod 600) and add "
           f"EnvironmentFile=/path/to/that/file under [Service] in {service}" if service else
           f"write `export {'=… '.join(IA_KEYS)}=…` into a file only you can read (chmod 600) and begin the line's "
           "command (after its five time fields) with `. /path/to/that/file && `")
    return (f"{' and '.join(IA_KEYS)} are set here but not written {f'into {service}' if service else 'into the line'} "
            f"(no secrets in a schedule): the scheduled run will not see them and saves to the Wayback Machine "
            f"anonymously; to give it the keys, {how}")


SYSTEMD_INSTEAD = "--systemd DIR, whose timer keeps any interval"


def cron_schedule(every: float) -> str:
    """The five cron fields for an interval (at :17 past, to stay off the busy top of the hour).

    A cron step restarts at each hour, day or month (*/45 in the minutes fires at :00 and :45,
    gaps of 45 and 15 minutes), so only steps that divide their field evenly are written;
    any other interval is refused with the nearest even ones rather than kept unevenly.
    """
    seconds = round(every)   # 1.1h is 3960.0000000000005 s: whole minutes all the same
    if abs(seconds - every) > 1e-6 or seconds <= 0 or seconds % 60:
        raise ConfigError(f"--every {human_duration(every)} cannot be written as a cron schedule (whole minutes "
                          f"only); use {SYSTEMD_INSTEAD}")
    if seconds in (86400, 7 * 86400):
        return "17 3 * * *" if seconds == 86400 else "17 3 * * 1"
    if seconds > 86400:
        raise ConfigError(f"--every {human_duration(every)} cannot be kept evenly by cron (its day steps restart "
                          f"every month); use 1d or 7d, or {SYSTEMD_INSTEAD}")
    size, period = (3600, 86400) if seconds >= 3600 else (60, 3600)   # hours of a day, or minutes of an hour
    if seconds % size == 0 and period % seconds == 0:
        step = seconds // size
        return f"17 */{step} * * *" if size == 3600 else f"*/{step} * * * *"
    reason = ("its hour steps are whole hours" if seconds % size else
              f"a */N step restarts every {'hour' if period == 3600 else 'day'}")
    raise ConfigError(f"--every {human_duration(every)} cannot be kept evenly by cron ({reason}); "
                      f"use {_nearest_even(seconds, size, period)}, or {SYSTEMD_INSTEAD}")


def _nearest_even(seconds: int, size: int, period: int) -> str:
    """The steps of `size` that divide `period`, on either side of `seconds` (45m: 30m or 1h)."""
    steps = [n * size for n in range(1, period // size + 1) if period % (n * size) == 0]
    below = max((s for s in steps if s < seconds), default=None)
    above = min((s for s in steps if s > seconds), default=None)
    return " or ".join(human_duration(s) for s in (below, above) if s is not None)


def cron_line(config, every: float) -> str:
    """A crontab line that runs the scheduled run from this directory and logs to the data dir.

    The line makes the data dir first: the shell opens the log before citewatch starts (which
    would make it), and a log in a folder not yet made failed every run without a word."""
    data_dir = Path(config.data_dir).absolute()
    env = "".join(f"{name}={shlex.quote(value)} " for name, value in scheduled_environment(config).items())
    command = (f"cd {shlex.quote(str(Path.cwd()))} && mkdir -p -- {shlex.quote(str(data_dir))} && "
               f"{env}{shlex.join(scheduled_command(config))} >> {shlex.quote(str(data_dir / 'scheduled.log'))} 2>&1")
    if "\n" in command or "\r" in command:
        raise ConfigError("a path or CITEWATCH_* value holds a line break, which no crontab line can hold (cron "
                          "reads the rest as an entry of its own, a job it would run); rename it, or use --systemd")
    return f"{cron_schedule(every)} {command.replace('%', chr(92) + '%')}"


def _systemd_word(word: str) -> str:
    """One word of an ExecStart or Environment line: '%' doubled (specifiers), quoted when it
    has spaces, quotes, backslashes or a newline (systemd reads C escapes inside the quotes).
    An apostrophe is a quote to systemd anywhere in a word: left bare, "/srv/o'brien/data" opened
    a quote that ran into the next words (or, unbalanced, made the unit fail to load)."""
    word = word.replace("%", "%%")
    if not any(c in word for c in ' \t\n"\'\\'):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _systemd_path(path: Path) -> str:
    """A WorkingDirectory= value: the path as it is written, '%' doubled.  systemd takes this
    setting unquoted and unescaped (a quoted one is "not absolute", and the unit refused), and
    strips the line's end: a path that ends in a space or a backslash, or holds a newline,
    cannot be written there at all."""
    text = str(path)
    if "\n" in text or text != text.rstrip() or text.endswith("\\"):
        raise ConfigError(f"{text!r} cannot be a systemd WorkingDirectory= (a newline, or a space or backslash at "
                          "its end); run `citewatch schedule` from a folder without one, or use --cron")
    return text.replace("%", "%%")


RUN_TIMEOUT_FLOOR = 6 * 3600   # seconds: the least time a systemd service gives a scheduled run


def _timer_schedule(every: float) -> str:
    """The timer's schedule: on the calendar, as the cron line keeps it (`cron_schedule`), for an
    interval cron keeps evenly, with Persistent= (a run missed while the machine was off or asleep
    is made up when it is back); else every `every` from the last run's start and 15 minutes after
    boot.  Those timers count time the machine is awake only (systemd.timer(5): the monotonic
    clock pauses in suspend), so on a laptop that sleeps half the day a daily one ran every other day."""
    try:
        minute, hour, _, _, weekday = cron_schedule(every).split()
    except ConfigError:
        return f"OnBootSec=15min\nOnUnitActiveSec={human_duration(every)}"
    day = "Mon " if weekday == "1" else ""
    hours = "*" if hour == "*" else f"00/{hour[2:]}" if hour.startswith("*/") else f"{int(hour):02d}"
    minutes = f"00/{minute[2:]}" if minute.startswith("*/") else f"{int(minute):02d}"
    return f"OnCalendar={day}*-*-* {hours}:{minutes}:00\nPersistent=true"


def systemd_units(config, every: float, name: str = "citewatch", system: bool = False) -> dict[str, str]:
    """A service that runs the scheduled run once and a timer that starts it every `every` seconds.

    A oneshot service has no start timeout by default: a run that hangs stays "activating"
    and the timer never starts another, so one interval is its TimeoutStartSec, and never less than
    RUN_TIMEOUT_FLOOR: a short interval's runs (or a first crawl of many sources, longer than the
    interval) would each be stopped before they could report a change.

    `system` (units for a system folder, `system_units`): the service runs as the owner of the
    folder it runs in (`User=`: a system unit runs as root otherwise, and would leave root's
    files in that user's data folder), and after the network is up, which a system unit can
    wait for and a user unit cannot."""
    timeout = max(every, RUN_TIMEOUT_FLOOR)
    if system:
        network = "Wants=network-online.target\nAfter=network-online.target\n"
        owner = _owner(Path.cwd())
        run_as = f"User={_systemd_word(owner)}\n" if owner and owner != "root" else ""
    else:
        network = (f"# No After=network-online.target: a user unit cannot wait for the system's network target. A run that\n"
                   f"# finds the network unreachable exits {EXIT_OFFLINE}, and its sources are checked again at the next run.\n")
        run_as = ""
    # ('$' doubled: ExecStart= alone reads $NAME and ${NAME} as variables; Environment= does not)
    exec_start = " ".join(_systemd_word(w).replace("$", "$$") for w in scheduled_command(config))
    environment = "".join(f"Environment={_systemd_word(f'{k}={v}')}\n" for k, v in scheduled_environment(config).items())
    service = f"""[Unit]
Description=citewatch: re-check the cited sources that are due and report what changed
{network}
[Service]
Type=oneshot
{run_as}WorkingDirectory={_systemd_path(Path.cwd())}
{environment}ExecStart={exec_start}
# Exit status {EXIT_CHANGED} means "something changed since the previous scheduled run", not a failure.  A run
# stopped by SIGTERM (`systemctl stop`) or SIGHUP cleans up, then dies by that signal, which a oneshot
# service counts as clean only when it is named here; {128 + signal.SIGHUP} and {128 + signal.SIGTERM} are the same stop where
# citewatch exits with 128 + signal instead.
SuccessExitStatus={EXIT_CHANGED} {128 + signal.SIGHUP} {128 + signal.SIGTERM} SIGHUP SIGTERM
# A run still going after {human_duration(timeout)} (one interval, at least {human_duration(RUN_TIMEOUT_FLOOR)}: hung) is stopped, or the
# timer would never start another: SIGTERM to citewatch alone (KillMode=mixed), which stops as Ctrl-C does
# (the crawl finishes the fetches it began and is marked interrupted), then dies by it (the service's
# result: timeout); the next run resumes every stage.
TimeoutStartSec={human_duration(timeout)}
KillMode=mixed
Nice=10
"""
    timer = f"""[Unit]
Description=Run {name}.service every {human_duration(every)}

[Timer]
{_timer_schedule(every)}
RandomizedDelaySec=5min
Unit={name}.service

[Install]
WantedBy=timers.target
"""
    return {f"{name}.service": service, f"{name}.timer": timer}


# The folders systemd reads system units from that a person writes to (systemd.unit(5), "System
# Unit Search Path"; /lib/systemd/system where /usr is not merged).  Units written anywhere else
# are taken for a user's: ~/.config/systemd/user, or a folder they are copied from.
SYSTEM_UNIT_FOLDERS = ("/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system",
                       "/usr/lib/systemd/system", "/lib/systemd/system")


def system_units(directory: str | Path) -> bool:
    """Whether unit files written to `directory` are system units (SYSTEM_UNIT_FOLDERS, its
    links followed): enabled without --user, run whether anyone is logged in or not, so that
    `citewatch schedule` gives no `systemctl --user` command and no `loginctl enable-linger`
    advice for them, which only a user's timer needs."""
    return Path(directory).resolve() in {Path(folder).resolve() for folder in SYSTEM_UNIT_FOLDERS}


def systemd_folders() -> set[Path]:
    """The folders systemd reads units from that a user's own may be missing from until its
    first unit (~/.config/systemd/user, or under $XDG_CONFIG_HOME), and the system's."""
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return {Path(folder).resolve() for folder in (*SYSTEM_UNIT_FOLDERS, config_home / "systemd" / "user",
                                                  Path.home() / ".config" / "systemd" / "user")}


def unit_folder(directory: str | Path) -> Path:
    """The folder `schedule --systemd` writes into: one that exists, or one of systemd's own
    (`systemd_folders`, made if missing); ConfigError for any other missing one, naming it and
    the fix: made, a typo's folder held units nobody installs, and the timer never ran."""
    folder = Path(directory)
    if folder.is_dir() or folder.resolve() in systemd_folders():
        return folder
    if folder.exists():
        raise ConfigError(f"--systemd {folder} is a file, not a folder: give the folder the units go in "
                          "(a user's: ~/.config/systemd/user)")
    raise ConfigError(f"--systemd {folder}: no such folder; check the path (a user's units go in "
                      f"~/.config/systemd/user), or create it first (mkdir -p {shlex.quote(str(folder))}) "
                      "to write the units there")


def _owner(folder: Path) -> str | None:
    """The login name of the user owning `folder`, None when it has none (a uid no user has)."""
    import pwd

    try:
        return pwd.getpwuid(folder.stat().st_uid).pw_name
    except KeyError:
        return None


def write_systemd(config, directory: str | Path, every: float, name: str = "citewatch") -> list[Path]:
    """Write the service and timer unit files into `directory` (system units for a system
    folder: `system_units`), a folder that exists or one of systemd's own (`unit_folder`);
    return their paths."""
    # (a folder systemd cannot hold is refused before any is made)
    units = systemd_units(config, every, name, system=system_units(directory))
    directory = unit_folder(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for filename, text in units.items():
        path = directory / filename
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def interval(config, every: str | None) -> float:
    """Seconds between runs: the --every flag, checked as the watch_every setting is (a finite
    duration over zero: 0 would never pause, nan or inf would reach cron and systemd as they
    are), else that setting (checked when it was read)."""
    return parse_duration(parse_setting("watch_every", every, "--every") if every is not None else config.watch_every)
