"""`citewatch resolve --redo` when the search cannot be made: the posts resolved before are
kept (with their words), and only the failure is said; an archive that answers, with nothing,
is an answer, and the citation is decided on what was read.

Real resolve runs against the test archive (tests/web/wayback.py): out of reach through a
closed loopback port, 429s and 5xx through its control toggles.
"""

from __future__ import annotations

import io
import json
import socket
import urllib.request
import uuid

from rich.console import Console

import db as database
from crawler import social
from crawler.cli import cli
from crawler.config import load_config
from tests.test_social import letter_db, resolution, social_env
from tests.web import social as archived

RESOLVED = (20, 7)     # @MFAestonia's tweet and James Appathurai's Facebook post, read from their captures
UNRESOLVED = 8         # a tweet no capture or post of the window matches


def _resolved_first(web, tmp_path, label: str) -> tuple:
    """The letter's citations RESOLVED and UNRESOLVED searched once against a working
    archive: (env, config, db, citation ids by footnote, the citations' rows as resolved)."""
    namespace = f"social-redo-{label}-" + uuid.uuid4().hex[:8]
    env = {**social_env(web, tmp_path, namespace, mirrors=False), "CITEWATCH_ARCHIVE_BACKOFF": "0"}
    config = load_config(env=env)
    ids = letter_db(config)
    db = database.open_db(config.db_path)
    first = social.run(db, config, citation_ids=[ids[seq] for seq in (*RESOLVED, UNRESOLVED)])
    assert (first["resolved"], first["unresolved"], first["errors"]) == (2, 1, 0)
    return env, config, db, ids, {seq: db["citations"].get(ids[seq]) for seq in RESOLVED}


def _redo(db, env: dict, ids: dict, **settings: str) -> tuple[dict, list[str]]:
    """Resolve the three citations again with --redo, `settings` over `env`: (counts, lines said)."""
    config = load_config(env={**env, **{f"CITEWATCH_{name.upper()}": value for name, value in settings.items()}})
    said = io.StringIO()
    counts = social.run(db, config, citation_ids=[ids[seq] for seq in (*RESOLVED, UNRESOLVED)], redo=True,
                        console=Console(file=said, width=400))
    return counts, [line for line in said.getvalue().splitlines() if line.strip()]


def _assert_kept(db, ids: dict, before: dict, cause: str) -> None:
    """Each citation resolved before still points at its post, with its words, and says the
    search again failed and why."""
    for seq in RESOLVED:
        citation, outcome = db["citations"].get(ids[seq]), resolution(db, ids[seq])
        assert (citation["resolved_url"], citation["resolved_timestamp"]) == (
            before[seq]["resolved_url"], before[seq]["resolved_timestamp"]), seq
        earlier = json.loads(before[seq]["resolution"])
        assert {k: v for k, v in outcome.items() if k != "redo_error"} == earlier, seq
        assert outcome["redo_error"].startswith(f"footnote {seq}: ") and cause in outcome["redo_error"], seq
        assert outcome["redo_error"].endswith(social.KEPT), seq
        texts = list(db["texts"].rows_where("source_id = ? and origin = 'post'", [earlier["post_source_id"]]))
        assert len(texts) == 1 and texts[0]["text"], seq
    unresolved = resolution(db, ids[UNRESOLVED])   # nothing was resolved before: an error to retry
    assert unresolved["status"] == "error" and cause in unresolved["reason"]
    assert db["citations"].get(ids[UNRESOLVED])["resolved_url"] is None


def _closed_port() -> str:
    with socket.socket() as closed:  # a port nothing listens on: every connection refused
        closed.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{closed.getsockname()[1]}"


def test_cli_redo_with_the_archive_out_of_reach_keeps_the_posts_resolved_before(web, tmp_path, runner,
                                                                                 monkeypatch):
    env, config, db, ids, before = _resolved_first(web, tmp_path, "offline")
    for name, value in {**env, "CITEWATCH_WAYBACK_URL": _closed_port()}.items():
        monkeypatch.setenv(name, value)
    chosen = [arg for seq in (*RESOLVED, UNRESOLVED) for arg in ("--citation", str(ids[seq]))]
    result = runner.invoke(cli, ["resolve", "--redo", *chosen], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "resolved: 0, unresolved: 0, unverifiable: 0, errors: 3, kept: 2" in output
    assert "3 citations left to resolve; 2 keep the post resolved before" in output
    _assert_kept(db, ids, before, "connection refused")
    rows = {row[0]: row for row in social.summary_rows(db, [ids[seq] for seq in RESOLVED])}
    assert all(rows[str(seq)][2:4] == ("resolved", before[seq]["resolved_url"]) for seq in RESOLVED)
    assert all(rows[str(seq)][4].endswith(social.KEPT) for seq in RESOLVED)


def test_a_redo_meeting_429s_after_the_retries_keeps_the_posts_resolved_before(web, tmp_path):
    env, config, db, ids, before = _resolved_first(web, tmp_path, "429")
    namespace = config.wayback_url.rsplit("/", 1)[-1]
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.429=1000"
                           f"&wayback.{namespace}.cdx.retry_after=0").read()
    counts, lines = _redo(db, env, ids, retry_after_default="0")
    assert (counts["resolved"], counts["errors"], counts["kept"]) == (0, 3, 2)
    _assert_kept(db, ids, before, "429 Too Many Requests")
    assert len(lines) == 1 and "3 citations left to resolve; 2 keep the post resolved before" in lines[0]


def test_a_redo_meeting_5xx_keeps_the_posts_resolved_before(web, tmp_path):
    env, config, db, ids, before = _resolved_first(web, tmp_path, "503")
    namespace = config.wayback_url.rsplit("/", 1)[-1]
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503=1000").read()
    counts, lines = _redo(db, env, ids)
    assert (counts["resolved"], counts["errors"], counts["kept"]) == (0, 3, 2)
    _assert_kept(db, ids, before, "the archive answered 503")
    # footnotes 7 and 8 each fail alone (a line each); the third call failing stops the search at 20
    assert lines[0].startswith("error: footnote 7: the archive failed") and lines[0].endswith(social.KEPT)
    assert "1 citation left to resolve; 1 keeps the post resolved before" in lines[-1]
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.503=0").read()
    counts, _ = _redo(db, env, ids)      # the archive answers again: resolved anew, the failure forgotten
    assert (counts["resolved"], counts["errors"], counts["kept"]) == (2, 0, 0)
    for seq in RESOLVED:
        assert resolution(db, ids[seq]) == json.loads(before[seq]["resolution"])


def test_a_redo_the_archive_answers_with_no_captures_is_decided_on_the_posts_read_before(web, tmp_path):
    # an answer, not a failure: the posts' words were read and stored (and their captures are in
    # the WARC); captures gone from the archive since do not unsay them
    env, config, db, ids, before = _resolved_first(web, tmp_path, "empty")
    namespace = config.wayback_url.rsplit("/", 1)[-1]
    urllib.request.urlopen(f"{web['main']}/_control/set?wayback.{namespace}.cdx.empty=1").read()
    counts, lines = _redo(db, env, ids)
    assert (counts["resolved"], counts["unresolved"], counts["errors"], counts["kept"]) == (2, 1, 0, 0)
    assert lines == []
    for seq in RESOLVED:
        assert resolution(db, ids[seq]) == json.loads(before[seq]["resolution"])
    assert db["citations"].get(ids[7])["resolved_url"] == archived.JAMES_POST[0]
