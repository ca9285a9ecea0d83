"""README's table of exit statuses says what the commands' own constants are: a script or a
cron line written from the table must meet the status the command gives."""

from __future__ import annotations

import re

from crawler.check import EXIT_ERRORS, EXIT_FAIL_ON, EXIT_NOT_CHECKED
from crawler.cli import EXIT_INTERRUPTED, EXIT_READER_GONE
from crawler.schedule import EXIT_CHANGED, EXIT_OFFLINE
from crawler.verify import EXIT_PROBLEMS
from tests.conftest import ROOT


def _table() -> dict[int, str]:
    """{status: its row} of README's "Exit statuses" table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Exit statuses", 1)[1].split("\n## ", 1)[0]
    return {int(m[1]): m[0] for m in re.finditer(r"^\| (\d+) \|.*$", section, re.M)}


def test_the_readme_table_gives_each_command_s_own_status():
    rows = _table()
    assert set(rows) == {0, 1, 2, 3, 4, 5, EXIT_INTERRUPTED, EXIT_READER_GONE}
    assert "a row could not be checked" in rows[EXIT_ERRORS]
    for constant, named in ((EXIT_CHANGED, "`run --scheduled`"), (EXIT_FAIL_ON, "`--fail-on`"),
                            (EXIT_PROBLEMS, "`verify`"), (EXIT_OFFLINE, "network seemed unreachable"),
                            (EXIT_NOT_CHECKED, "another process held a stage"),
                            (EXIT_INTERRUPTED, "Ctrl-C"), (EXIT_READER_GONE, "closed standard output's pipe")):
        assert named in rows[constant], (constant, named)
