"""Fetch the pages a social citation may have come from: archived post pages (raw `id_`
replay), Nitter mirror searches and status pages, and tweet-embed (syndication) answers.

The social stage (crawler/social.py) writes the jobs to a JSON file and runs this spider
with `crawler.spiderrun.run_spider("posts", config, jobs=..., results=...)`.  Every
answer goes through the crawl pipeline as `FetchItem`s (purpose `post`), so its bytes
land in the WARC and its attempt in `fetches`.  What the post says is extracted here,
with the pure functions of crawler/posts.py, and appended as one JSON line per post to
the `results` file the stage reads back: the pipeline stores fetches, not candidates.

Jobs (dicts):
- `memento`: a candidate post found in the CDX, with its captures (`mementos`, best
  first). A capture whose page holds no text (a JavaScript shell, a login page) makes the
  spider try the next one, then the syndication endpoint when one is configured.  `start`
  (default 0) is the first capture to fetch: the stage has read those before it again from
  the WARC records of earlier runs (crawler/social.py `_from_store`), with `read_capture`,
  the function the spider reads a downloaded capture with.
- `nitter`: a mirror's search page for a handle and window; every tweet it lists is then
  fetched from the mirror's status page.  A search page that cannot be read (robots.txt
  forbids it, the mirror is down, answers an error, or ends on a login page or a bot wall)
  gives an `unsearched` line with the fetch's reason.
- `page`: a Facebook page's own capture, read for the numeric page id that
  permalink.php and story.php URLs carry.
- `state`: a resolved tweet's syndication answer (purpose `post-state`, recorded under
  the tweet's own source), read for the tweet's state: one `state` result line with the
  check class and reason of crawler.posts.syndication_state (none when it says nothing).

After the archive's own 429 (no Memento-Datetime: not a capture's), nothing more is asked of
the archive in the crawl (crawler/middlewares/retries.py BrowserRetryMiddleware, whatever the job):
the job it answered, and each job whose request the crawl then drops (`UNASKED`, also a held
host closed by a stop), gives an `unasked` line (its citation, post or page,
why, and the archive's Retry-After when it sent one), never a reading: crawler/social.py
leaves its citation pending for the next run.  A mirror's search not asked is `unsearched`.
"""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlencode

import scrapy

from archive.mementos import wayback_timestamp
from crawler.classify import classify
from crawler.items import failure_items, fetch_items, response_headers
from crawler.middlewares.retries import UNASKED
from crawler.posts import (
    extract_facebook,
    extract_tweet,
    facebook_page_id,
    nitter_search_results,
    parse_syndication,
    snowflake_time,
    syndication_state,
    syndication_token,
)


class PostsSpider(scrapy.Spider):
    name = "posts"
    # its searches go to the configured Nitter mirrors and syndication endpoint, which may be
    # self-hosted on a private address: crawler/middlewares/refusals.py `RefuseMiddleware` trusts them
    asks_configured_services = True

    def __init__(self, jobs: str, results: str, syndication_url: str = "", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.jobs_path = jobs
        self.results_path = results
        self.syndication_url = (syndication_url or "").rstrip("/")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # (a bound method of the spider, which lives as long as the crawl)
        crawler.signals.connect(spider._dropped, signal=UNASKED)
        return spider

    async def start(self):
        with open(self.jobs_path, encoding="utf-8") as handle:
            jobs = json.load(handle)
        for job in jobs:
            request = self._first_request(job)
            if request is not None:
                yield request

    # ------------------------------------------------------------ requests

    def _request(self, url: str, job: dict, callback, purpose: str = "post", **meta) -> scrapy.Request:
        """A request the crawl pipeline records as a `post` fetch of the citation's account
        (or a `post-state` fetch of a resolved tweet's source)."""
        return scrapy.Request(
            url,
            callback=callback,
            errback=self._failed,
            dont_filter=True,
            meta={"source_id": job["source_id"], "purpose": purpose, "job": job, **meta},
        )

    def _syndication_url(self, post_id: str) -> str:
        query = urlencode({"id": post_id, "token": syndication_token(post_id), "lang": "en"})
        return f"{self.syndication_url}/tweet-result?{query}"

    def _first_request(self, job: dict) -> scrapy.Request | None:
        if job["kind"] == "memento":
            return self._memento_request(job, job.get("start", 0))
        if job["kind"] == "nitter":
            return self._request(job["url"], job, self._nitter_search)
        if job["kind"] == "page":
            memento_url, timestamp = job["mementos"][0]
            return self._request(memento_url, job, self._page, memento_timestamp=timestamp)
        if job["kind"] == "state" and self.syndication_url:
            return self._request(self._syndication_url(job["post_id"]), job, self._state, purpose="post-state")
        self.logger.error("unknown post job kind %r; skipped", job["kind"])
        return None

    def _memento_request(self, job: dict, index: int) -> scrapy.Request | None:
        """The `index`-th capture of a candidate, then (index = number of captures) the
        syndication answer, then nothing."""
        if index < len(job["mementos"]):
            memento_url, timestamp = job["mementos"][index]
            return self._request(memento_url, job, self._memento, memento_timestamp=timestamp, index=index)
        if index == len(job["mementos"]) and job["platform"] == "twitter" and self.syndication_url:
            return self._request(self._syndication_url(job["post_id"]), job, self._syndication, index=index)
        return None

    # ------------------------------------------------------------ callbacks

    def _memento(self, response):
        yield from fetch_items(response)
        job, index = response.meta["job"], response.meta["index"]
        if _archive_refused(response):
            self._unasked(job, "the archive answered its own 429", response.meta.get("citewatch_retry_after"))
            return
        line = read_capture(job, response.status, response.url, response.body, response.meta["memento_timestamp"])
        following = None if line["text"] else self._memento_request(job, index + 1)
        if following is not None:
            yield following
        else:
            self._write(line)

    def _syndication(self, response):
        yield from self._read_live_post(response, "syndication", parse_syndication)

    def _state(self, response):
        yield from fetch_items(response)
        job = response.meta["job"]
        said = syndication_state(response.status, response.body)
        self._write({"kind": "state", "source_id": job["source_id"], "post_id": job["post_id"],
                     "class": said[0] if said else None,
                     "reason": said[1] if said else f"the syndication endpoint answered {response.status}"})

    def _nitter_search(self, response):
        items = fetch_items(response)
        yield from items
        job = response.meta["job"]
        verdict = classify(items[-1])  # (a 200 can be a login page it redirected to, or a bot wall)
        if response.status != 200 or verdict.kind != "ok":
            self._unsearched(job, verdict.reason)
            return
        for ref, posted in nitter_search_results(response.body):
            if ref.account.lower() != job["handle"].lower():
                continue
            status_job = {**job, "kind": "nitter-status", "post_id": ref.post_id, "posted": posted,
                          "url": f"https://twitter.com/{ref.account}/status/{ref.post_id}"}
            yield self._request(f"{job['mirror']}/{ref.account}/status/{ref.post_id}", status_job,
                                self._nitter_status)

    def _nitter_status(self, response):
        yield from self._read_live_post(response, "nitter", extract_tweet)

    def _read_live_post(self, response, via: str, read):
        """Store the answer and record the post `read` finds in it (an answer that is not
        a capture: a mirror's status page or the syndication endpoint's JSON)."""
        yield from fetch_items(response)
        post = read(response.body) if response.status == 200 else None
        self._record(response.meta["job"], via=via, memento_url=response.url, memento_timestamp=None, post=post,
                     status=post.status if post is not None else f"http-{response.status}")

    def _page(self, response):
        yield from fetch_items(response)
        if _archive_refused(response):
            self._unasked(response.meta["job"], "the archive answered its own 429",
                          response.meta.get("citewatch_retry_after"))
            return
        self._write(read_page(response.meta["job"], response.status, response.body))

    def _failed(self, failure):
        items = failure_items(failure)
        yield from items
        job = failure.request.meta["job"]
        if job["kind"] == "nitter":
            self._unsearched(job, classify(items[-1]).reason)
            return
        if job["kind"] == "state":
            self._write({"kind": "state", "source_id": job["source_id"], "post_id": job["post_id"], "class": None,
                         "reason": "the syndication endpoint failed: " + type(failure.value).__name__})
            return
        if job["kind"] == "memento":
            following = self._memento_request(job, failure.request.meta.get("index", 0) + 1)
            if following is not None:
                yield following
                return
        if job["kind"] in ("memento", "nitter-status"):
            index = failure.request.meta.get("index", 0)
            via = "nitter" if job["kind"] == "nitter-status" else (
                "syndication" if index == len(job["mementos"]) else "cdx")
            self._record(job, via=via, memento_url=failure.request.url, memento_timestamp=None, post=None,
                         status="fetch-failed: " + type(failure.value).__name__)

    # ------------------------------------------------------------ results

    def _record(self, job: dict, via: str, memento_url: str | None, memento_timestamp: str | None,
                post, status: str | None = None) -> None:
        """Write the candidate's result line (`post_line`)."""
        self._write(post_line(job, via, memento_url, memento_timestamp, post, status))

    def _dropped(self, request, reason: str, **_signal) -> None:
        """A request of a job the crawl dropped unasked (`UNASKED`): the job's line says so."""
        job = request.meta.get("job")
        if job is None:
            return
        if job["kind"] == "state":   # no check, so nothing for the stage to record: a line for the progress
            self._write({"kind": "state", "source_id": job["source_id"], "post_id": job["post_id"], "class": None,
                         "reason": f"not asked: {reason}", "asked": False})
            return
        self._unasked(job, reason)

    def _unasked(self, job: dict, reason: str, retry_after: float | None = None) -> None:
        """The job was not (fully) asked: an `unasked` line, so that the stage leaves its
        citation pending rather than judging it on what was not read; a mirror's search is
        `unsearched`, as one that could not be read."""
        if job["kind"] == "nitter":
            self._unsearched(job, f"not asked: {reason}")
            return
        self._write({"kind": "unasked", "citation_id": job["citation_id"], "job": job["kind"],
                     "post_id": job.get("post_id"), "reason": reason, "retry_after": retry_after})

    def _unsearched(self, job: dict, reason: str) -> None:
        """A mirror whose search page could not be read: one result line, so that the stage
        can say why that mirror found nothing (its robots.txt forbids us, it is down, …)."""
        self._write({"kind": "unsearched", "citation_id": job["citation_id"], "mirror": job["mirror"],
                     "reason": reason})

    def _write(self, row: dict) -> None:
        with open(self.results_path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def post_line(job: dict, via: str, memento_url: str | None, memento_timestamp: str | None,
              post, status: str | None = None) -> dict:
    """One result line per candidate post: its text (or why there is none), where from, and
    when it was posted — or, when nothing says so, first captured (it existed by then)."""
    posted = job.get("posted")
    if job["platform"] == "twitter":  # the snowflake id knows the second; a mirror's date the minute
        moment = snowflake_time(job["post_id"])
        posted = wayback_timestamp(moment) if moment else posted
    elif post is not None and post.created_at:  # a Facebook page that shows its post's date
        posted = wayback_timestamp(datetime.datetime.fromisoformat(post.created_at))
    return {
        "kind": "post", "citation_id": job["citation_id"], "platform": job["platform"],
        "post_id": job["post_id"], "url": job["url"], "via": via, "memento_url": memento_url,
        "memento_timestamp": memento_timestamp,
        "posted": posted or job.get("first_captured") or (job["mementos"][0][1] if job.get("mementos")
                                                          else memento_timestamp),
        "text": post.text if post is not None else "", "layout": post.layout if post is not None else None,
        "status": status or (post.status if post is not None else "empty"),
    }


def read_capture(job: dict, status: int | None, url: str, body: bytes, timestamp: str) -> dict:
    """The result line one capture of a `memento` job gives (`post_line`): the post with its
    words, or, with an empty `text`, the candidate without them and why (then the job's next
    capture, or the syndication endpoint, may still have them).  The one reading of a capture,
    downloaded (`_memento`) or read back from an earlier run's WARC record (crawler/social.py
    `_from_store`): both must judge it alike."""
    ok = status == 200 and not _is_login(url)
    post = (extract_tweet if job["platform"] == "twitter" else extract_facebook)(body) if ok else None
    if post is not None and post.text:
        return post_line(job, "cdx", url, timestamp, post)
    first = job["mementos"][0]
    return post_line(job, "cdx", first[0], first[1], post,
                     status=post.status if post is not None else f"http-{status}")


def read_page(job: dict, status: int | None, body: bytes) -> dict:
    """The result line of a `page` job: the Facebook page's numeric id its capture shows (None
    if it shows none).  Downloaded (`_page`) or read back from a WARC record (`_from_store`)."""
    page_id = facebook_page_id(body) if status == 200 else None
    return {"kind": "page", "citation_id": job["citation_id"], "page": job["page"], "page_id": page_id}


def _archive_refused(response) -> bool:
    """The archive's own 429 to a replay (no Memento-Datetime: a capture's replayed 429 has
    one): the capture was not read, and nothing more is asked of the archive in the crawl."""
    return response.status == 429 and "memento-datetime" not in response_headers(response)


def _is_login(url: str) -> bool:
    """A capture that ended on a login page (Facebook's `login/?next=`, Twitter's login flow)."""
    return "/login" in url or "/i/flow/login" in url
