"""Issue 11's one-run check: `citewatch run` on the real letter, offline, calls nothing dead.

The letter cites real hosts; no test may reach them, so the run is offline by settings
(tests/conftest.py's OFFLINE: no host name resolves, the archive is a closed loopback
port) — every stage runs its real code and meets the network as a machine without one.
"""

from __future__ import annotations

import json

from crawler.cli import cli
from tests.clirun import cli_here
from tests.conftest import LETTER

FAST = {"CITEWATCH_HOST_DELAY": "0", "CITEWATCH_FETCH_TIMEOUT": "1", "CITEWATCH_RETRIES": "0",
        "CITEWATCH_RETRY_BACKOFF": "0.01", "CITEWATCH_AUTOTHROTTLE": "0", "CITEWATCH_EXTRACT_WORKERS": "1",
        "CITEWATCH_ARCHIVE_TIMEOUT": "1", "CITEWATCH_ARCHIVE_BACKOFF": "0.01", "CITEWATCH_CDX_PER_MINUTE": "60000"}


def test_one_offline_run_on_the_letter_calls_no_source_dead(env, db, db_path, runner, tmp_path):
    assert env["CITEWATCH_RESOLVE_HOSTS"] == "*=fail"  # the letter's hosts must not be looked up
    result = cli_here({**env, **FAST}, "run", str(LETTER))
    assert result.returncode == 4, result.stdout + result.stderr  # offline: a run that checked nothing says so
    output = " ".join(result.stdout.split())
    assert "Traceback" not in result.stdout + result.stderr

    # offline, every check is withdrawn as evidence: no source is called dead, nor even failing
    states = dict(db.execute("select state, count(*) from sources group by state").fetchall())
    assert "dead" not in states and "failing" not in states, states
    classes = {row[0] for row in db.execute(
        "select f.class from fetches f join sources s on s.id = f.source_id "
        "where s.kind = 'web' and f.purpose = 'live' and f.final = 1")}
    assert classes and classes <= {"dns-failure", "connection-error"}, classes
    assert output.count("the network seems unreachable") == 1, output
    assert "their states were left as they were" in output
    assert "run citewatch demo" in output

    withdrawn = [json.loads(c)[-1] for (c,) in db.execute("select checks from sources where checks is not null")]
    crawled = db.execute("select count(distinct source_id) from fetches where purpose = 'live' and final = 1").fetchone()[0]
    assert len(withdrawn) == crawled >= 30 and all(c["withdrawn"] and not c["counts"] for c in withdrawn), withdrawn
    report = tmp_path / "report.html"
    shown = runner.invoke(cli, ["report", "--db", str(db_path), "--format", "html", "-o", str(report)])
    assert shown.exit_code == 0, shown.output
    html = report.read_text(encoding="utf-8")
    assert "failing (1 check" not in html and "dead since" not in html

    verdicts = db.execute("select s.id, q.verdict, q.reason from statements s left join quote_checks q "
                          "on q.statement_id = s.id and q.scope = 'overall'").fetchall()
    assert len(verdicts) == 42
    assert all(verdict == "unverifiable" and reason for _, verdict, reason in verdicts), verdicts
