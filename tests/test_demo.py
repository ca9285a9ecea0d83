"""`citewatch demo`: the whole pipeline against the local web, as a newcomer runs it."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import db as database
from crawler import report_data
from crawler.report import class_label
from crawler.demo import DB_NAME, MARKER, DemoError, local_web
from tests.conftest import ROOT

CLASSES = {"live", "redirected", "client-error", "soft-404", "blocked", "login-wall"}
VERDICTS = {"verbatim", "minor", "elided", "altered", "translation", "not-in-source", "unverifiable"}


def demo_env() -> dict[str, str]:
    """The environment of a demo run from another folder than the checkout, on a machine with no
    browser (BROWSER names one that fails, no display)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(PYTHONPATH=str(ROOT), COLUMNS="300", BROWSER="false")
    return env


def demo(directory: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`citewatch demo --dir DIRECTORY` in a child process (`demo_env`)."""
    return subprocess.run([sys.executable, "-m", "crawler.cli", "demo", "--dir", str(directory), *args], cwd=cwd,
                          env=demo_env(), capture_output=True, text=True, timeout=300)


def serve_until_ctrl_c(directory: Path, cwd: Path) -> dict:
    """`citewatch demo --dir DIRECTORY --serve`, stopped as a terminal's Ctrl-C stops it once a
    live page its report links to was opened: what it served and said, for
    test_demo_serve_keeps_the_reports_links_open_until_ctrl_c (the run is demo_run's first,
    so that the suite runs the whole demo once less)."""
    import signal
    import socket
    import urllib.request
    from urllib.parse import urlsplit

    # in a session of its own, as in a terminal: Ctrl-C sends SIGINT to the whole foreground group;
    # and with SIGINT's default, as a terminal's command has it: a suite started in the background
    # (`make test &`) ignores SIGINT, and its children would inherit that
    stderr = cwd / "serve-stderr"
    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", "demo", "--dir", str(directory), "--serve"],
                               cwd=cwd, env={**demo_env(), "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE,
                               stderr=stderr.open("w"), text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        said = []
        while not (said and "press Ctrl-C to stop it" in said[-1]):
            line = process.stdout.readline()
            assert line, "the demo ended before serving: " + "".join(said)
            said.append(line)
        served_db = database.open_db(directory / DB_NAME)
        live = served_db.execute(
            "select s.url from sources s join fetches f on f.source_id = s.id "
            "where f.purpose = 'live' and f.final = 1 and f.class = 'live' limit 1").fetchone()[0]
        served_db.conn.close()   # now: the re-run in this folder (demo_run) replaces the database's files
        in_report = live in (directory / "report.html").read_text(encoding="utf-8")
        status = urllib.request.urlopen(live, timeout=10).status   # the report's link opens
        os.killpg(process.pid, signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    address = urlsplit(live)
    try:
        socket.create_connection((address.hostname, address.port), timeout=5).close()
        refused = False
    except ConnectionRefusedError:
        refused = True
    return {"live": live, "in_report": in_report, "status": status, "returncode": process.returncode,
            "said": "".join(said) + rest, "rest": rest, "errors": stderr.read_text(), "refused": refused}


@pytest.fixture(scope="module")
def served_demo(tmp_path_factory) -> dict:
    """The demo's first run, with --serve (`serve_until_ctrl_c`), in a folder of its own."""
    cwd = tmp_path_factory.mktemp("demo")
    return {"cwd": cwd, **serve_until_ctrl_c(cwd / "out", cwd)}


@pytest.fixture(scope="module")
def demo_run(served_demo):
    """The demo run twice in one folder, the first served until Ctrl-C (`served_demo`; the second
    must start clean, with a file of the user's put there in between); its database and output."""
    cwd = served_demo["cwd"]
    assert served_demo["returncode"] == 0, served_demo["said"] + served_demo["errors"]
    (cwd / "first-run.json").write_bytes((cwd / "out" / MARKER).read_bytes())
    (cwd / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    second = demo(cwd / "out", cwd, "--open")
    assert second.returncode == 0, second.stdout + second.stderr
    return database.open_db(cwd / "out" / "citewatch-demo.db"), second.stdout, cwd / "out"


def overall(db) -> dict[int, dict]:
    """The overall quote check of each statement, by footnote."""
    rows = db.query("select s.footnote, q.verdict, q.evidence from quote_checks q join statements s "
                    "on s.id = q.statement_id where q.scope = 'overall'")
    return {r["footnote"]: {**r, "evidence": json.loads(r["evidence"] or "{}")} for r in rows}


def test_every_class_and_verdict_occurs(demo_run):
    db, _, _ = demo_run
    classes = {r[0] for r in db.execute("select class from fetches where purpose = 'live' and final = 1")}
    assert CLASSES <= classes
    checks = overall(db)
    assert len(checks) == 13 and {c["verdict"] for c in checks.values()} == VERDICTS
    assert db.execute("select count(*) from documents").fetchone()[0] == 1   # the re-run started clean


def test_the_demo_table_counts_as_the_report_and_status_do(demo_run):
    """Its sources by class are the report's summary, in words (a resolved post's check, the
    account handles, the note not online), not a third count of the live fetches alone."""
    db, stdout, _ = demo_run
    summary = report_data.build(db)["summary"]
    assert summary["sources_by_class"]["post-not-found"] == 1 and summary["sources_by_class"]["handle"] == 2
    cells = re.findall(r"(?<=│ )([a-z0-9 -]+): (\d+)(?= +│)", stdout)
    assert {name: int(n) for name, n in cells} == {
        **{class_label(k): v for k, v in summary["sources_by_class"].items()},
        **summary["quotes_by_verdict"]}


def test_a_dead_page_and_a_drifted_one_are_checked_in_their_mementos(demo_run):
    db, _, _ = demo_run
    memento_verdicts = set(db.execute(
        "select s.footnote, q.verdict from quote_checks q join statements s on s.id = q.statement_id "
        "join texts t on t.id = q.text_id where t.origin = 'memento' and q.scope = 'text'").fetchall())
    assert (9, "verbatim") in memento_verdicts   # Osterlich: 404 today, rescued by the archive
    assert (7, "verbatim") in memento_verdicts   # Marsovia: behind a bot wall today, kept by the archive
    dead = db.execute("select class from fetches f join sources s on s.id = f.source_id "
                      "where s.url like '%/demo/osterlich/statement' and f.purpose = 'live'").fetchone()
    assert dead[0] == "client-error"
    assert overall(db)[5]["evidence"]["drift"]["memento_verdict"] == "verbatim"


def test_tweets_are_resolved_without_leaving_loopback(demo_run):
    db, _, _ = demo_run
    resolved = {r[0] for r in db.execute("select resolved_url from citations where kind = 'twitter'")}
    assert resolved == {"https://twitter.com/MFAestonia/status/1244950588995670019",
                        "https://twitter.com/CanEmbTurkey/status/1245342744239443995"}
    requested = [r[0] for r in db.execute("select requested_url from fetches")]
    assert requested and all(url.startswith("http://127.0.0.1:") for url in requested)


def test_the_report_shows_it_all(demo_run):
    _, output, directory = demo_run
    report = directory / "report.html"
    assert f"Report: {report.resolve()}" in output
    html = report.read_text(encoding="utf-8")
    for word in CLASSES | VERDICTS | {"content drift", "MFAestonia/status/1244950588995670019"}:
        assert word in html, word


def test_the_re_run_removed_only_what_the_first_run_made(demo_run):
    _, _, directory = demo_run
    assert (directory / "notes.txt").read_text(encoding="utf-8") == "mine"
    first = json.loads((directory.parent / "first-run.json").read_text(encoding="utf-8"))["files"]
    listed = json.loads((directory / MARKER).read_text(encoding="utf-8"))["files"]
    warcs = {p.relative_to(directory).as_posix() for p in (directory / "data").rglob("*") if p.is_file()}
    assert warcs and warcs == {name for name in listed if name.startswith("data/")}
    assert not warcs & set(first)                                       # the first run's WARC files are gone
    assert {DB_NAME, "letter.txt", "report.html"} <= set(listed) and "notes.txt" not in listed


def test_without_the_test_web_the_demo_says_how_to_get_it(tmp_path):
    with pytest.raises(DemoError, match=r"tests/web.*clone the repository"):
        with local_web(root=tmp_path):
            pass


def test_the_archive_kept_its_promises_over_the_whole_run(demo_run):
    """Issue 4's promise after a whole `run`: rescued when rotten, captured when live, once."""
    db, _, _ = demo_run
    final = dict(db.execute("select source_id, class from fetches where purpose = 'live' and final = 1").fetchall())
    memento_texts = {r[0] for r in db.execute("select distinct source_id from texts where origin = 'memento'")}
    in_use = {r[0] for r in db.execute(
        "select source_id from snapshots where closest = 1 and (class is null or class in ('live', 'redirected'))")}
    rotten = {sid for sid, cls in final.items() if cls not in ("live", "redirected", "tls-error")}
    assert rotten & in_use, "the demo has a rotten source with a memento"
    assert rotten & in_use <= memento_texts
    jobs = db.execute("select source_id, status, memento_url from save_jobs").fetchall()
    assert len({j[0] for j in jobs}) == len(jobs)                      # one job per source, ever
    saved = {sid for sid, status, url in jobs if status == "done" and url}
    month_ago = (datetime.date.today() - datetime.timedelta(days=30)).strftime("%Y%m%d")
    recent = {r[0] for r in db.execute("select source_id from snapshots where timestamp >= ?", [month_ago])}
    live = {sid for sid, cls in final.items() if cls in ("live", "redirected", "tls-error")}
    assert live and live <= saved | recent


def test_demo_open_without_a_browser_says_where_the_report_is(demo_run):
    _, output, out = demo_run
    report = (out / "report.html").resolve()
    assert f"No web browser could be opened here; open {report.as_uri()} in one yourself." in output


def test_the_local_web_goes_with_a_demo_killed_outright():
    """kill -9 of the demo ran no `finally`: its test web served on, orphaned, for ever."""
    import socket
    import time
    from urllib.parse import urlsplit

    script = ("import time\nfrom crawler.demo import local_web\nwith local_web() as sites:\n"
              "    print(sites['main'], flush=True)\n    time.sleep(300)\n")
    demo_process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    address = urlsplit(demo_process.stdout.readline().strip())
    socket.create_connection((address.hostname, address.port), timeout=5).close()   # it serves
    demo_process.kill()
    demo_process.wait()
    for _ in range(200):                       # the web notices its parent is gone (it looks every 0.2 s)
        try:
            socket.create_connection((address.hostname, address.port), timeout=1).close()
        except ConnectionRefusedError:
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"the demo's web still serves on port {address.port} after the demo was killed")


def test_demo_serve_keeps_the_reports_links_open_until_ctrl_c(served_demo):
    """Without --serve the report's links point at a web that stopped with the demo."""
    served = served_demo
    assert served["in_report"]                     # a live page the report links to ...
    assert served["status"] == 200                 # ... opened while the demo served
    assert served["returncode"] == 0 and "The local web is stopped" in served["rest"]
    errors = served["errors"]
    assert "Traceback" not in errors and "KeyboardInterrupt" not in errors, errors   # the web's neither
    assert served["refused"], f"{served['live']} still answers after Ctrl-C"   # ConnectionRefusedError
