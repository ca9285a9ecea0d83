"""Run a Scrapy spider in a child process with the citewatch configuration applied.

Twisted's reactor starts once per process, and `citewatch run` runs several crawls (the
sources, then the mementos, then the social posts), so each crawl gets a fresh child
process.  The parent meanwhile shows a rich progress bar by polling the database
through the `progress` callable the stage passes in.  A child whose parent dies (kill -9)
stops too (and so do its extraction workers), so a re-run never races an orphan.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crawler.extract import die_with_parent

# done, total (None = unknown), counts per class
ProgressFn = Callable[[], tuple[int, int | None, dict[str, int]]]


class SpiderFailed(RuntimeError):
    """The crawl's child process ended abnormally (its log says why; rerun with -v)."""


def user_agent(values: dict[str, Any]) -> str:
    """The User-Agent of first requests: names citewatch, its version and the contact URL."""
    try:
        release = version("citewatch")
    except PackageNotFoundError:
        release = "dev"
    return values["user_agent"].format(version=release, contact_url=values["contact_url"])


def scrapy_settings(values: dict[str, Any], spider_name: str) -> dict[str, Any]:
    """The Scrapy share of the citewatch settings (applied with priority "cmdline")."""
    delay = float(values["host_delay"])
    warc = Path(values["data_dir"]) / "warc" / f"{spider_name}-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.warc.gz"
    return {
        "CITEWATCH_CONFIG": dict(values),
        "CITEWATCH_WARC_PATH": str(warc.resolve()),
        "CITEWATCH_RETRY_BACKOFF": float(values["retry_backoff"]),
        "DOWNLOAD_TIMEOUT": float(values["fetch_timeout"]),
        # a host's name is looked up before its first request (UnresolvedHostMiddleware), outside
        # the download's timeout: a hung resolver waits no longer than a fetch would
        "DNS_TIMEOUT": float(values["fetch_timeout"]),
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(values["per_host_concurrency"]),
        "CONCURRENT_REQUESTS": int(values["concurrency"]),
        "DOWNLOAD_DELAY": delay,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "AUTOTHROTTLE_ENABLED": bool(values["autothrottle"]),
        "AUTOTHROTTLE_START_DELAY": delay,
        "AUTOTHROTTLE_MAX_DELAY": max(60.0, delay),
        "RETRY_TIMES": int(values["retries"]),
        "ROBOTSTXT_OBEY": bool(values["obey_robots"]),
        "DOWNLOAD_MAXSIZE": int(values["max_size"]),
        "USER_AGENT": user_agent(values),
        "LOG_LEVEL": "INFO" if values.get("verbose") else "CRITICAL",
        "LOG_INSTALL_ROOT_HANDLER": bool(values.get("verbose")),
    }


def apply_config(settings, values: dict[str, Any], spider_name: str, priority: str = "cmdline") -> None:
    """Write the citewatch configuration over Scrapy's project settings."""
    for name, value in scrapy_settings(values, spider_name).items():
        settings.set(name, value, priority=priority)


def _child(spider_name: str, values: dict[str, Any], spider_kwargs: dict[str, Any], parent_pid: int) -> None:
    die_with_parent(parent_pid)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    apply_config(settings, values, spider_name)
    settings.set("CITEWATCH_IN_STAGE", True, priority="cmdline")  # its stage holds the lock (db/lock.py)
    process = CrawlerProcess(settings)
    process.crawl(spider_name, **spider_kwargs)
    process.start()


def _show(progress_fn: ProgressFn, proc, console: Console, label: str) -> None:
    """A progress bar (done / total, counts per class) until the child exits."""
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("{task.fields[counts]}"), console=console,
                  transient=False) as bar:
        task = bar.add_task(label, total=None, counts="")
        while True:
            alive = proc.is_alive()
            done, total, counts = progress_fn()
            bar.update(task, completed=done, total=total,
                       counts=" ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
            if not alive:
                break
            time.sleep(0.3)


def run_spider(spider_name: str, config, progress: ProgressFn | None = None, console: Console | None = None,
               **spider_kwargs: Any) -> None:
    """Run the spider `spider_name` to completion in a child process; raise SpiderFailed if it crashed."""
    context = multiprocessing.get_context("spawn")
    proc = context.Process(target=_child, args=(spider_name, dict(config.values), spider_kwargs, os.getpid()),
                           name=f"citewatch-{spider_name}")
    proc.start()
    try:
        if progress is not None:
            _show(progress, proc, console or Console(stderr=True), spider_name)
        proc.join()
    except BaseException:
        proc.terminate()
        proc.join(5)
        raise
    if proc.exitcode != 0:
        raise SpiderFailed(f"the {spider_name} crawl stopped abnormally (exit code {proc.exitcode}); rerun with -v to see its log")
