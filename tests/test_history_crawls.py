"""History over real crawls of a local web whose pages change, die and come back."""

import json
import urllib.request
import uuid

import pytest

import db as database
from crawler import crawl, history, report, report_data, schedule
from crawler.cli import cli
from crawler.config import load_config
from tests.factories import Factory


@pytest.fixture
def history_web(web, db, tmp_path):
    """Three cited pages on the test web, a config that re-checks everything on every run,
    and a `set(name, behaviour)` to change a page between crawls."""
    token = uuid.uuid4().hex[:8]
    f = Factory(db)
    doc = f.document(title="Letter with pages that move")
    sources = {}
    for seq, name in enumerate("abc", start=1):
        url = f"{web['main']}/history/{token}/{name}"
        statement = f.statement(doc, seq, f"Entity {name}", "The Ministry calls upon all parties.")
        sources[name] = f.source(url)
        f.citation(doc, statement, seq, sources[name], url=url)
    config = load_config(env={}, db=str(tmp_path / "test.db"), data_dir=str(tmp_path / "data")).with_overrides(
        allow_private_networks=True, host_delay=0.0, retries=0, fetch_timeout=5.0, autothrottle=False,
        soft404_probe=False, obey_robots=False, extract_workers=1,
        recheck_live="0s", recheck_failing="0s", recheck_dead="0s", dead_after_checks=2, dead_after_days=0.0)

    def set_behaviour(**behaviours):
        for name, behaviour in behaviours.items():
            urllib.request.urlopen(f"{web['main']}/_control/set?history/{token}/{name}={behaviour}").read()

    return sources, config, set_behaviour


def _crawl(db, config):
    result = crawl.run(db, config, show_progress=False)
    assert result["sources"] == 3, result  # every source was due and got an outcome
    return result["crawl_id"]


def test_history_and_changes_over_four_crawls(db, history_web):
    sources, config, set_behaviour = history_web
    a, b, c = sources["a"], sources["b"], sources["c"]

    first = _crawl(db, config)
    assert schedule.after_run(db, config, scheduled=True) == 0  # the first run has nothing to compare with

    set_behaviour(a="v2", b="gone")
    second = _crawl(db, config)
    assert schedule.after_run(db, config, scheduled=True) == schedule.EXIT_CHANGED
    changes = json.loads(schedule.changes_path(config).read_text())
    assert [d["source_id"] for d in changes["content_drift"]] == [a]
    assert changes["content_drift"][0]["words_added"] > 0 and changes["content_drift"][0]["words_removed"] > 0
    assert [(x["source_id"], x["to"]) for x in changes["newly_failing"]] == [(b, "failing")]
    footnote_b = report_data.build(db, config=config)["documents"][0]["footnotes"][1]
    assert footnote_b["state_label"] == "failing (1 check)" and footnote_b["live"]["status"] == 404

    set_behaviour(c="gone")
    third = _crawl(db, config)
    changes = history.record_run(db, scheduled=True, config=config)
    assert [x["source_id"] for x in changes["newly_dead"]] == [b]  # two failing checks (settings: 2, 0 days)
    assert [x["source_id"] for x in changes["newly_failing"]] == [c]
    assert changes["content_drift"] == []  # a is still v2

    set_behaviour(b="v1", c="v1")
    fourth = _crawl(db, config)
    changes = history.record_run(db, scheduled=True, config=config)
    assert sorted(x["source_id"] for x in changes["recovered"]) == [b, c]

    data = report_data.build(db, config=config)  # the history replays the same dead rule
    by_id = {s["id"]: s for s in data["sources"]}
    assert [ch["class"] for ch in by_id[b]["history"]["checks"]] == ["live", "client-error", "client-error", "live"]
    assert [e["event"] for e in by_id[b]["history"]["events"]] == ["first-seen", "failing", "dead", "recovered"]
    events_a = [e for e in by_id[a]["history"]["events"] if e["event"] == "content-changed"]
    assert len(events_a) == 1 and events_a[0]["at"] == by_id[a]["history"]["checks"][1]["at"]
    assert by_id[a]["history"]["first_failing"] is None and by_id[b]["history"]["first_failing"]
    over_time = [(r["crawl_id"], r["rotten"], r["known"]) for r in data["link_rot"]["over_time"]]
    assert over_time == [(first, 0, 3), (second, 1, 3), (third, 2, 3), (fourth, 0, 3)]
    assert data["link_rot"]["by_domain"][0]["checked"] == 3 and data["link_rot"]["by_domain"][0]["rot_rate"] == 0

    html = report.write(db, config, "html").read_text()
    assert "content-changed" in html and "recovered" in html


def test_scheduled_runs_of_the_whole_pipeline_report_what_changed(web, runner, tmp_path):
    """`citewatch run --scheduled` twice over a local web and a local archive: the second run
    finds a page dead and another changed, says so and exits 3; the report shows it all."""
    from tests.test_wayback import Archive
    from tests.web.history_pages import page_paragraphs

    token = uuid.uuid4().hex[:8]
    env = Archive(web).env(tmp_path, recheck_live="0s", recheck_failing="0s", soft404_probe=0)
    db = database.open_db(tmp_path / "test.db")
    f = Factory(db)
    doc = f.document(title="Scheduled letter")
    for seq, name in enumerate("ab", start=1):
        url = f"{web['main']}/history/{token}/{name}"
        quote = page_paragraphs(f"history/{token}/{name}", "v1")[0].split(". ")[0] + "."
        statement = f.statement(doc, seq, f"Entity {name}", quote)
        f.citation(doc, statement, seq, f.source(url), url=url)

    def scheduled_run():
        return runner.invoke(cli, ["run", "--scheduled"], env=env, catch_exceptions=False)

    first = scheduled_run()
    assert first.exit_code == 0, first.output
    urllib.request.urlopen(f"{web['main']}/_control/set?history/{token}/a=v2&history/{token}/b=gone").read()
    second = scheduled_run()
    assert second.exit_code == schedule.EXIT_CHANGED, second.output
    assert "newly failing" in second.output and "content drift" in second.output
    changes = json.loads((tmp_path / "data" / "changes.json").read_text())
    assert [x["url"].rsplit("/", 1)[-1] for x in changes["newly_failing"]] == ["b"]
    assert [x["url"].rsplit("/", 1)[-1] for x in changes["content_drift"]] == ["a"]

    result = runner.invoke(cli, ["report", "--format", "json"], env=env, catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads((tmp_path / "data" / "report.json").read_text())
    rows = {f["seq"]: f for f in data["documents"][0]["footnotes"]}
    assert rows[2]["state_label"] == "failing (1 check)" and rows[2]["live"]["status"] == 404
    assert rows[1]["state"] == "live" and data["changes"]["count"] == changes["count"]
    assert [c["class"] for c in data["sources"][1]["history"]["checks"]] == ["live", "client-error"]


def test_a_source_declared_dead_under_the_cron_lines_rule_stays_dead_in_a_report_from_a_plain_shell(web, runner, tmp_path):
    """The cron line carries CITEWATCH_DEAD_AFTER_CHECKS=2 and _DAYS=0, the
    user's shell neither.  A page that answers 404 is declared dead by the scheduled run;
    once it answers again, a crawl and a report from the shell (3 checks, 3 days) keep the
    dead spell in the history and the stored checks, as a report under the cron's rule does."""
    from tests.test_wayback import Archive

    token = uuid.uuid4().hex[:8]
    url = f"{web['main']}/history/{token}/b"
    quick = dict(recheck_live="0s", recheck_failing="0s", recheck_dead="0s", soft404_probe=0)
    shell = Archive(web).env(tmp_path, **quick)
    cron = {**shell, "CITEWATCH_DEAD_AFTER_DAYS": "0", "CITEWATCH_DEAD_AFTER_CHECKS": "2"}
    db = database.open_db(tmp_path / "test.db")
    f = Factory(db)
    doc = f.document(title="Letter with a page that dies and comes back")
    statement = f.statement(doc, 1, "Entity b", "The Ministry calls upon all parties.")
    source = f.source(url)
    f.citation(doc, statement, 1, source, url=url)

    def citewatch(*args, env):
        result = runner.invoke(cli, list(args), env=env, catch_exceptions=False)
        assert result.exit_code in (0, schedule.EXIT_CHANGED), result.output
        return result

    urllib.request.urlopen(f"{web['main']}/_control/set?history/{token}/b=gone").read()
    citewatch("run", "--scheduled", env=cron)  # the first run: failing, nothing to compare with
    citewatch("crawl", "--all", env=cron)
    declared = citewatch("run", "--scheduled", env=cron)
    assert f"newly dead: {url} (failing → dead)" in " ".join(declared.output.split())
    urllib.request.urlopen(f"{web['main']}/_control/set?history/{token}/b=v1").read()
    citewatch("crawl", "--all", env=shell)

    stored = json.loads(db["sources"].get(source)["checks"])
    assert [(c["class"], c["counts"]) for c in stored] == [("client-error", True)] * 3 + [("live", False)]
    histories = []
    for env in (shell, cron):
        citewatch("report", "--format", "json", env=env)
        (shown,) = json.loads((tmp_path / "data" / "report.json").read_text())["sources"]
        histories.append(shown["history"])
    assert histories[0] == histories[1]
    first_dead = histories[0]["first_dead"]
    assert first_dead == histories[0]["checks"][1]["at"]
    assert [c["state"] for c in histories[0]["checks"]] == ["failing", "dead", "dead", "live"]
    events = [e for e in histories[0]["events"] if e["event"] in ("failing", "dead", "recovered")]
    assert [(e["event"], e.get("rule")) for e in events] == [
        ("failing", None), ("dead", {"dead_after_checks": 2, "dead_after_days": 0.0}), ("recovered", None)]
