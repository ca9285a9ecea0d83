"""Crawl children fork from a server that imported Scrapy and the spiders once
(crawler/spiderrun.py `child_context`): the server must be a safe place to fork from, and a
child must start in its parent's environment and folder of the moment and die with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from crawler import spiderrun
from crawler.extract import die_with
from tests.conftest import ROOT


def test_the_preloaded_modules_install_no_reactor_and_start_no_thread():
    code = ("import importlib, json, sys, threading\n"
            f"for name in {spiderrun.CHILD_PRELOAD!r}: importlib.import_module(name)\n"
            "print(json.dumps(['twisted.internet.reactor' in sys.modules, threading.active_count()]))")
    # (a fresh interpreter, as the server is: the shield's SIG_IGN stays in that process)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [False, 1]


def test_every_component_the_settings_name_is_preloaded():
    """A citewatch component Scrapy imports by its settings path and the server did not preload is
    imported again in every crawl child (start-up time each crawl, silently): a module added to
    crawler/middlewares/ must be added to CHILD_PRELOAD too."""
    from crawler import settings

    named = {path.rsplit(".", 1)[0]
             for components in (settings.DOWNLOADER_MIDDLEWARES, settings.SPIDER_MIDDLEWARES, settings.ITEM_PIPELINES,
                                getattr(settings, "EXTENSIONS", {}))
             for path, order in components.items() if order is not None and not path.startswith("scrapy.")}
    assert "crawler.middlewares.retries" in named    # (the settings' paths, as Scrapy reads them)
    assert named <= set(spiderrun.CHILD_PRELOAD), named - set(spiderrun.CHILD_PRELOAD)


def _report(lifeline, environ, out):
    """A child as `spiderrun._child` starts one: what environment and folder it then has."""
    spiderrun._as_started(environ)
    die_with(lifeline)
    Path(out).write_text(json.dumps([os.environ.get("CITEWATCH_SPIDERRUN_TEST"), os.getcwd()]))
    time.sleep(60)   # until its parent's end of the lifeline closes


def test_a_child_starts_as_its_parent_is_now_and_ends_when_its_parent_lets_go(tmp_path, monkeypatch):
    context = spiderrun.child_context()
    warm_out = tmp_path / "warm.json"
    lifeline, held = context.Pipe(duplex=False)
    warm = context.Process(target=_report, args=(lifeline, dict(os.environ), str(warm_out)))
    warm.start()                                 # the server is up from here, in this environment
    lifeline.close()
    held.close()
    warm.join(30)
    assert warm.exitcode == 1                    # its parent's end closed: it ended

    monkeypatch.setenv("CITEWATCH_SPIDERRUN_TEST", "set after the server started")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "child.json"
    lifeline, held = context.Pipe(duplex=False)
    child = context.Process(target=_report, args=(lifeline, dict(os.environ), str(out)))
    child.start()
    lifeline.close()
    try:
        for _ in range(300):
            if out.exists() and out.read_text():
                break
            time.sleep(0.1)
        assert json.loads(out.read_text()) == ["set after the server started", str(tmp_path)]
        assert child.exitcode is None            # alive while its parent holds on
    finally:
        held.close()
        child.join(30)
    assert child.exitcode == 1


def _slow_start() -> None:
    """A child that takes its signals only after a while, as `_child` does once it is set up."""
    time.sleep(0.5)
    spiderrun._take_signals()
    time.sleep(60)


def test_a_stop_that_reaches_a_child_before_it_is_set_up_is_kept_for_it():
    """The server holds SIGTERM back (a stop sent to the whole group must not kill it), and a child
    forked from it inherits that: a stop passed on as the child starts waits until the child
    takes its signals, then ends it.  (The server ignoring it instead lost such a stop: a Ctrl-C
    as a crawl started let the whole crawl run.)"""
    import signal

    child = spiderrun.child_context().Process(target=_slow_start)
    child.start()
    child.terminate()            # before the child takes its signals
    child.join(30)
    try:
        assert child.exitcode == -signal.SIGTERM
    finally:
        child.kill()
        child.join()
