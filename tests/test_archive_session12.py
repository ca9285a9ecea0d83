"""A wait of the archive stage (a Retry-After, the pacing of calls, a backoff after a 5xx) is
said in one plain line as it starts, when it lasts `archive_wait_notice` seconds or more: a
log (no terminal) otherwise gets no line until the next item is done, a waiting run not told
from a hung one.

`citewatch archive` runs in this process (click's runner: standard error is no terminal)
against the test archive answering 429 with a Retry-After; waits and the notice threshold
are shrunk to fractions of a second through settings.
"""

from __future__ import annotations

import re

from crawler.cli import cli
from tests.test_archive import Seed, _jobs

SLOWED = r"the archive \(127\.0\.0\.1:\d+\) asked us to slow down \({}429 Too Many Requests\)"


def waiting_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("archive: waiting ")]


def archive_command(archive, tmp_path, runner, **settings):
    env = archive.env(tmp_path, rescue_live=0, **settings)
    result = runner.invoke(cli, ["archive"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_a_retry_after_from_a_lookup_and_a_save_is_said_as_its_wait_starts(archive, tmp_path, db, runner):
    archive.set(**{"available.429": 1, "available.retry_after": 0.5, "save.429": 1, "save.retry_after": 0.5})
    Seed(db).source(f"https://slowed-{archive.ns}.example/a")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=0.2)
    lines = result.stderr.splitlines()
    said = waiting_lines(result.stderr)
    assert len(said) == 2, result.stderr
    lookup, save = said
    assert re.fullmatch(r"archive: waiting \d\.\d s: " + SLOWED.format(""), lookup), lookup
    assert re.fullmatch(r"archive: waiting \d\.\d s: " + SLOWED.format("save: "), save), save
    # each before the line of the item it held back: the log shows the wait while it lasts
    assert lines.index(lookup) < next(i for i, line in enumerate(lines) if line.startswith("archive: lookup 1/1"))
    assert lines.index(save) < next(i for i, line in enumerate(lines) if line.startswith("archive: save 1/1"))
    assert {job["status"] for job in _jobs(db).values()} == {"done"}
    assert archive.count("violations") == 0


def test_the_pacing_of_calls_and_a_backoff_after_a_5xx_are_said_too(archive, tmp_path, db, runner):
    archive.set(**{"cdx.503": 1})
    seed = Seed(db)
    for i in range(2):
        seed.source(f"https://paced-{archive.ns}.example/{i}")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=0.2, cdx_per_minute=150,
                             archive_backoff=0.3)
    said = waiting_lines(result.stderr)
    assert any(re.fullmatch(r"archive: waiting 0\.\d s: lookups to the archive are paced at 150 a minute", line)
               for line in said), result.stderr
    backoff = r"archive: waiting 0\.3 s: .*503.*; asking again after the backoff \(archive_backoff\)"
    assert any(re.fullmatch(backoff, line) for line in said), said


def test_a_wait_shorter_than_archive_wait_notice_is_not_said(archive, tmp_path, db, runner):
    archive.set(**{"available.429": 1, "available.retry_after": 0.5})
    Seed(db).source(f"https://brief-{archive.ns}.example/a")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=30)
    assert waiting_lines(result.stderr) == []
    assert "archive: lookup 1/1" in result.stderr      # the stage ran, its waits unsaid


def test_the_same_cause_is_said_once_a_minute_not_once_a_save(archive, tmp_path, db, runner):
    """Anonymous saves are paced one every 19 s, over the default notice of 5 s: a line a save
    filled the log (review12a D5).  Here three saves paced 0.6 s apart, a notice from 0.2 s."""
    seed = Seed(db)
    for i in range(3):
        seed.source(f"https://saved-{archive.ns}.example/{i}")
    result = archive_command(archive, tmp_path, runner, archive_wait_notice=0.2, save_per_minute=100)
    paced = [line for line in waiting_lines(result.stderr) if "saves to the archive are paced at 100 a minute" in line]
    assert len(paced) == 1, result.stderr
    assert {job["status"] for job in _jobs(db).values()} == {"done"} and len(_jobs(db)) == 3
