"""The social stage: turn "@MFAestonia, 31.03.2020" into the tweet it cites, and a
Facebook page into the post, the way a careful researcher would, saying how sure it is.

For each Twitter or Facebook citation, in the statement's window (date minus
`social_days_before` to date plus `social_days_after`, whole UTC days):

1. candidates from the Wayback CDX (through archive/wayback.py): prefix queries on
   twitter.com, mobile.twitter.com and x.com `/<handle>/status/<id prefix>`, where the
   id prefixes are the snowflake ids of the window, so a tweet of the window is found
   however late it was captured; Facebook `/<page>/posts/` captured in the window, and
   permalink.php / story.php captures naming the page's numeric id (read from the page's
   own capture).  Handles match case-insensitively; captures collapse by post id;
2. candidates from the Nitter-compatible mirrors in `nitter_mirrors` (search, then
   status page), and the tweet-embed endpoint (`syndication_url`) for a known id whose
   captures hold no text — each only when configured;
3. every page is fetched by spiders/posts.py (raw `id_` replay, into the WARC) and its
   text extracted by crawler/posts.py — once: a capture an earlier run fetched with a
   final answer (a complete 200, whatever its words) is read again from its WARC record
   instead (`_from_store`), since a capture at a fixed timestamp cannot change; one that
   failed for a reason that can pass (a 5xx, a 429, a timeout) is fetched again;
4. each candidate is scored against the compiled quote with crawler/align.py (the
   alignment reconcile uses); the best one at or above `social_min_score` is chosen.

Everything is an upsert: candidates on (citation, platform, post id), the post's
source on its normalised URL, its text on (source, origin, sha256, memento).  A re-run
changes nothing.  The chosen post becomes the citation's resolved source
(`resolved_url`, `resolved_timestamp`, `resolution` JSON with `post_source_id`), and
its text is stored with origin `post` under that source for reconcile.

State: when `syndication_url` is set, a run asks the endpoint about each resolved tweet
whose last answer from it is a recheck interval old, or that it never asked about
(crawler/state.py `asked_again`: the crawl's intervals, counted from the endpoint's checks
alone; `--redo` asks about every one), purpose `post-state`, under the tweet's own source,
and records the answer as a check of that source with crawler/state.py: 200 with the tweet
is live, a tombstone is unavailable or restricted (uncertain, never dead), 404 is not found,
a negative that counts only when a later check repeats it; dead is then earned by the usual
rule.  A run killed after it recorded the answers and run again at once asks nothing again:
two asks seconds apart would confirm a 404 that a transient fault of the endpoint gave.
Without the endpoint a tweet's source stays as the crawl leaves it (login-wall: unknown).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlencode

from w3lib.url import safe_url_string

import db as database
from archive.stage import kept_quiet, wait_for_archive
from archive.errors import RUN_STOPS, ArchiveError, ArchiveUnreachable, RateLimited, StopRun
from archive.mementos import memento_from_url, wayback_moment, wayback_timestamp
from archive.warc import response_at
from archive.wayback import UNANSWERED_IN_A_ROW, Wayback, WaybackOptions
from crawler.align import align
from crawler.numbering import footnote_number, printed
from crawler.posts import (
    TWITTER_HOSTS,
    facebook_page,
    id_prefixes,
    parse_facebook_url,
    parse_tweet_url,
    snowflake_bounds,
    snowflake_time,
)
from crawler.spiderrun import SpiderFailed, run_spider
from crawler.state import asked_again, record_check
from crawler.urls import host_of, normalise_url, source_key
from db.lock import RESOLVE, stage_lock
from spiders.posts import read_capture, read_page

EXTRACTOR = "citewatch-posts"
SYNDICATION_CONFIRM = 2   # a syndication 404 counts once this many checks in a row say so
KEPT = "; the post it was resolved to before is kept"   # a --redo whose search failed (`_error`)


class CitationError(ValueError):
    """A social citation that cannot be searched (no handle, no page, no date), with the fix."""


@dataclass
class Target:
    """One social citation to resolve, with what its statement says."""

    citation_id: int
    seq: int | str                # the footnote as named: 12, or "1 of Annex II" (crawler/numbering.py)
    platform: str                 # twitter | facebook
    account: str                  # handle without @, or Facebook page name
    source_id: int                # the account's source: post fetches are recorded under it
    quote: str
    start: datetime.datetime      # window, UTC, end exclusive
    end: datetime.datetime
    page_id: str | None = None    # Facebook's numeric page id, once read
    cited_post: str | None = None  # the status id when the footnote printed the tweet's URL
    captures_until: datetime.datetime | None = None  # Facebook: captures searched up to (exclusive)


@dataclass
class Candidate:
    """A post that may be the cited one, with its captures (best first)."""

    platform: str
    post_id: str
    url: str
    mementos: list[tuple[str, str]] = field(default_factory=list)   # (raw replay URL, timestamp)
    first_captured: str | None = None  # an earlier capture than these (seen in the window, without text)


# ---------------------------------------------------------------- the work


def _window(date_text: str, config) -> tuple[datetime.datetime, datetime.datetime]:
    """[date - days_before, date + days_after + 1 day) in UTC."""
    day = datetime.date.fromisoformat(date_text)
    start = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)
    return (start - datetime.timedelta(days=int(config.social_days_before)),
            start + datetime.timedelta(days=int(config.social_days_after) + 1))


def _account(row: dict) -> str:
    """The handle (without @) or the Facebook page a citation names; CitationError if none."""
    if row["kind"] == "twitter":
        handle = (row["handle"] or "").strip().lstrip("@")
        if not re.fullmatch(r"[A-Za-z0-9_]{1,15}", handle):
            raise CitationError(f"footnote {row['seq']}: no Twitter handle in {row['printed']!r}; "
                                "re-ingest the document or set citations.handle")
        return handle
    page = facebook_page(row["url"] or "") or (row["handle"] or "").strip().lstrip("@")
    if not re.fullmatch(r"[A-Za-z0-9.\-]{2,80}", page):
        raise CitationError(f"footnote {row['seq']}: no Facebook page URL for {row['printed']!r}; "
                            "add the page's facebook.com/<page>/ URL as the citation's url")
    return page


def due(db, citation_ids: list[int] | None = None) -> list[dict]:
    """Twitter and Facebook citations with their statement's date and quote, and how the
    last run left them (`status`: resolved, unresolved, unverifiable, error or None);
    `seq` names the footnote as the document prints it (crawler/numbering.py).  A resolution
    that is no JSON object (hand-edited, damaged) has no status, as `_resolution` reads it: the
    citation is searched again (json_extract raised "malformed JSON" and stopped the stage)."""
    sql = """
        select c.id, c.seq, c.kind, c.printed, c.url, c.handle, c.source_id, s.date, s.quote,
               case when json_valid(c.resolution) and json_type(c.resolution) = 'object'
                    then json_extract(c.resolution, '$.status') end, c.footnote, s.footnote, c.part
        from citations c left join statements s on s.id = c.statement_id
        where c.kind in ('twitter', 'facebook') order by c.document_id, c.seq
    """
    names = ("id", "seq", "kind", "printed", "url", "handle", "source_id", "date", "quote", "status")
    rows = [dict(zip(names, (r[0], printed(r[1], footnote_number(r[10], r[11]), r[12]), *r[2:10])))
            for r in db.execute(sql).fetchall()]
    if citation_ids is not None:  # (an empty list: none, never every one)
        rows = [r for r in rows if r["id"] in set(citation_ids)]
    return rows


def _target(db, row: dict, config) -> Target:
    """The citation as a search: its account, window and the account's source row."""
    account = _account(row)
    if not row["date"]:
        raise CitationError(f"footnote {row['seq']}: the statement has no date, so there is no window to "
                            "search; re-ingest the document (its place and date line)")
    start, end = _window(row["date"], config)
    source_id = row["source_id"] or _account_source(db, row["kind"], account, row["url"])
    page_id = account if row["kind"] == "facebook" and account.isdigit() else None
    cited = parse_tweet_url(row["url"] or "") if row["kind"] == "twitter" else None
    return Target(row["id"], row["seq"], row["kind"], account, source_id, row["quote"] or "", start, end, page_id,
                  cited.post_id if cited else None, end + datetime.timedelta(days=int(config.facebook_capture_days)))


def _account_source(db, platform: str, account: str, url: str | None) -> int:
    """The account's source row (ingest usually made it already)."""
    if platform == "twitter":
        key, profile = source_key("twitter", handle=account), f"https://twitter.com/{account}"
    else:
        profile = url or f"https://www.facebook.com/{account}/"
        key = source_key("facebook", url=profile)
    return _get_source(db, platform, key, profile)


def _get_source(db, kind: str, key: str, url: str) -> int:
    """Create or get the source with this key."""
    db.execute("insert or ignore into sources (kind, key, url, host, first_seen) values (?, ?, ?, ?, ?)",
               [kind, key, url, host_of(url) or None, database.now()])
    return db.execute("select id from sources where key = ?", [key]).fetchone()[0]


# ---------------------------------------------------------------- CDX candidates


def _tweet_candidates(client, target: Target, base: str) -> dict[str, Candidate]:
    """Tweets of the handle posted in the window, from every host's captures, and the tweet
    the footnote printed the URL of, whenever it was posted."""
    low, high = snowflake_bounds(target.start, target.end)
    prefixes = id_prefixes(low, high) + ([target.cited_post] if target.cited_post else [])
    found: dict[str, Candidate] = {}
    for host in TWITTER_HOSTS:
        for prefix in prefixes:
            for memento in client.captures(f"{host}/{target.account}/status/{prefix}*"):
                ref = parse_tweet_url(memento.original)
                if ref is None or ref.account.lower() != target.account.lower() or not _good(memento.status):
                    continue
                moment = snowflake_time(ref.post_id)
                in_window = moment is not None and target.start <= moment < target.end
                if not in_window and ref.post_id != target.cited_post:
                    continue
                candidate = found.setdefault(ref.post_id, Candidate(
                    "twitter", ref.post_id, f"https://twitter.com/{ref.account}/status/{ref.post_id}"))
                candidate.mementos.append((memento.url(base, raw=True), memento.timestamp))
    return found


def _facebook_candidates(client, target: Target, base: str, late: bool = False) -> dict[str, Candidate]:
    """Posts of the page captured in the window (or with `late`, after it, up to
    `facebook_capture_days`: see `_late_facebook_jobs`): /<page>/posts/, and permalink.php /
    story.php naming the page's numeric id once it is known."""
    since, until = (target.end, target.captures_until) if late else (target.start, target.end)
    start, end = wayback_timestamp(since), wayback_timestamp(until - datetime.timedelta(seconds=1))
    queries = [f"{host}/{target.account}/posts/*" for host in ("facebook.com", "m.facebook.com")]
    if target.page_id:
        queries += [f"{host}/{script}?story_fbid=*" for host in ("facebook.com", "m.facebook.com")
                    for script in ("permalink.php", "story.php")]
    names = {target.account.lower(), (target.page_id or "").lower()} - {""}
    found: dict[str, Candidate] = {}
    for query in queries:
        for memento in client.captures(query, start=start, end=end):
            ref = parse_facebook_url(memento.original)
            if ref is None or ref.account.lower() not in names or not _good(memento.status):
                continue
            candidate = found.setdefault(ref.post_id, Candidate("facebook", ref.post_id, memento.original))
            candidate.mementos.append((memento.url(base, raw=True), memento.timestamp))
    return found


def _good(status: str | None) -> bool:
    """A capture of a page (200), not of a redirect to a login or of an error."""
    return status in (None, "", "-", "200")


# ---------------------------------------------------------------- the spider's jobs


LATER_CAPTURES = "the captures after the window"
PERMALINKS = "the page's permalink.php and story.php captures"
HELD_CAPTURES = "the captures found in the archive"
REPLAYS = ("memento", "page")   # the jobs that replay the archive's captures (the others ask mirrors)
# What ends the run's asking of the archive: a StopRun, or a call still answered 429 after its
# retries (repeated 429s stop the run, ../shared/REFERENCE.md).  `Stop`: the one met (None until then).
STOPS = (StopRun, RateLimited)
Stop = StopRun | RateLimited | None


def _late_facebook_jobs(db, client, targets: dict[int, Target], found: dict[int, dict[str, Candidate]],
                        base: str, min_score: float, progress: "_Progress",
                        stop: Stop = None) -> tuple[list[dict], dict[int, list[dict]]]:
    """For Facebook citations that no post captured in the window matches: the posts captured
    after it, up to `facebook_capture_days` (a post is often archived weeks later).  Asked only
    then, to spare the archive.  A post is taken by the date its page shows, else by its first
    capture, which for a post already seen in the window (without its words) is that earlier
    one; a post already read with its words is not fetched again.

    Returns the jobs, and the citations whose later captures could not be searched, with why
    (`_listings`: a failure that ends the search is said once, and one an earlier search of
    the run met, `stop`, leaves them all unasked)."""
    wanted = [target for target in targets.values() if target.platform == "facebook"
              and target.captures_until > target.end and not _matched(db, target, min_score)]
    listed, unsearched, _ = _listings(client, wanted, base, LATER_CAPTURES, progress, stop, late=True)
    jobs: list[dict] = []
    for target in wanted:
        late = _unread(db, target, listed.get(target.citation_id, {}))
        for post_id, candidate in late.items():
            earlier = found.get(target.citation_id, {}).get(post_id)
            if earlier and earlier.mementos:
                candidate.first_captured = min(timestamp for _, timestamp in earlier.mementos)
        jobs += _post_jobs(target, late)
    return jobs, unsearched


def _listings(client, targets: list[Target], base: str, where: str, progress: "_Progress", stop: Stop,
              late: bool = False) -> tuple[dict[int, dict[str, Candidate]], dict[int, list[dict]], Stop]:
    """Each target's `where` as the archive lists it (`_facebook_candidates`), by citation;
    the citations it could not be listed for, with why (one failure must not end the stage);
    and the run's `stop`, as it was or as met here.

    A failure every citation would meet alike is said in one line (`_not_searched`), and ends
    the asking as `_search` ends it: once the client finds the archive out of reach, or after
    a stop (met here or by an earlier search of the run), the citations left are not asked
    about, each noted so that the next run searches it."""
    listed: dict[int, dict[str, Candidate]] = {}
    unsearched: dict[int, list[dict]] = {}
    held, reason = 0, ""   # citations the archive could not be reached for, not asked about, or stopped
    for target in targets:
        if client.out_of_reach is not None or stop is not None:
            held, reason = held + 1, str(client.out_of_reach or stop)
            unsearched[target.citation_id] = [{"where": where, "reason": f"not asked: {reason}"}]
            continue
        try:
            listed[target.citation_id] = _facebook_candidates(client, target, base, late=late)
        except ArchiveError as exc:
            if _listing_failed(exc, target, where, unsearched, progress):
                held, reason = held + 1, str(exc)
            if isinstance(exc, STOPS):
                stop = exc
    if held:
        _not_searched(progress, reason, where, held)
    return listed, unsearched, stop


def _listing_failed(exc: ArchiveError, target: Target, where: str, unsearched: dict[int, list[dict]],
                    progress: "_Progress") -> bool:
    """The archive failed to list the citation's `where`: noted on it in `unsearched`, with
    why.  True for a failure every citation meets alike (RUN_STOPS: an archive out of reach,
    a StopRun, a 429 left after the retries), which the caller says once (`_not_searched`);
    any other is said here."""
    unsearched[target.citation_id] = [{"where": where, "reason": str(exc)}]
    if isinstance(exc, RUN_STOPS):
        return True
    progress.say("note", f"footnote {target.seq}: {where} were not searched ({exc})")
    return False


def _not_searched(progress: "_Progress", reason: str, where: str, many: int) -> None:
    """One line for the Facebook citations whose `where` an archive out of reach, or a StopRun,
    left unsearched: each would only fail the same way."""
    progress.say("error", f"{reason}: {where} of {many} Facebook citation{'s' if many != 1 else ''} were "
                 f"not searched; run `{RESOLVE.command}` again when the archive answers")


# A citation's candidates posted in its window (or the post its footnote printed): one stored
# under other settings (another window) does not count, so the outcome does not depend on the
# history of runs.
_IN_WINDOW = "citation_id = ? and (timestamp is null or (timestamp >= ? and timestamp < ?) or post_id is ?)"


def _in_window(target: Target) -> list:
    """The parameters of _IN_WINDOW."""
    return [target.citation_id, wayback_timestamp(target.start), wayback_timestamp(target.end), target.cited_post]


def _matched(db, target: Target, min_score: float) -> bool:
    """Some stored candidate of the citation matches its quote well enough to be taken."""
    best = db.execute(f"select max(score) from candidates where {_IN_WINDOW}", _in_window(target)).fetchone()[0]
    return best is not None and best >= min_score


def _unread(db, target: Target, candidates: dict[str, Candidate]) -> dict[str, Candidate]:
    """The candidates this citation has not read with their words yet.  A post read once is
    not read again on the next run (its stored text and date decide, whichever window
    they fall in): an unresolved citation is searched on every run, as captures keep coming,
    and each run would otherwise read every capture again.  (One read without its words is
    read again from the WARC, not downloaded: `_from_store`.)"""
    read = {post_id for (post_id,) in db.execute(
        "select post_id from candidates where citation_id = ? and text is not null", [target.citation_id])}
    return {post_id: candidate for post_id, candidate in candidates.items() if post_id not in read}


def _post_jobs(target: Target, candidates: dict[str, Candidate]) -> list[dict]:
    """One `memento` job per candidate, earliest capture first (nearest the post)."""
    return [{"kind": "memento", "citation_id": target.citation_id, "source_id": target.source_id,
             "platform": c.platform, "post_id": c.post_id, "url": c.url,
             "mementos": sorted(c.mementos, key=lambda m: m[1]), "first_captured": c.first_captured}
            for c in candidates.values()]


def _nitter_jobs(target: Target, mirrors: list[str]) -> list[dict]:
    """A search-page job per configured mirror (since/until in whole days, until exclusive)."""
    query = urlencode({"f": "tweets", "q": "", "since": target.start.date().isoformat(),
                       "until": target.end.date().isoformat()})
    return [{"kind": "nitter", "citation_id": target.citation_id, "source_id": target.source_id,
             "platform": "twitter", "handle": target.account, "mirror": mirror.rstrip("/"),
             "url": f"{mirror.rstrip('/')}/{target.account}/search?{query}"}
            for mirror in mirrors]


def _page_job(client, target: Target, base: str) -> dict | None:
    """The Facebook page's own capture nearest the window, to read its numeric id (downloaded
    once: later runs read it from the WARC, `_from_store`)."""
    captures = [m for m in client.captures(f"facebook.com/{target.account}/") if _good(m.status)]
    if not captures:
        return None
    nearest = min(captures, key=lambda m: abs((m.moment - target.start).total_seconds()))
    return {"kind": "page", "citation_id": target.citation_id, "source_id": target.source_id,
            "platform": "facebook", "page": target.account,
            "mementos": [(nearest.url(base, raw=True), nearest.timestamp)]}


def _read_posts(db, client, config, jobs: list[dict], workdir: Path, progress: "_Progress",
                console) -> tuple[list[dict], dict[int, list[dict]]]:
    """The result lines of the jobs: the captures fetched before read again from the WARC
    (`_from_store`), the rest crawled unless the archive's Retry-After holds them back; and
    the citations held back so, with why (`_hold_replays`).  The Retry-After of the archive's
    own 429 in the crawl (its `unasked` lines, spiders/posts.py) holds `client` too: the run's
    later searches and crawls wait for it, and the next run's (`kept_quiet`)."""
    results, jobs = _from_store(db, config, jobs)
    jobs, held = _hold_replays(client, config, jobs, progress, console)
    crawled = _crawl(config, jobs, workdir, console)
    waits = [row["retry_after"] for row in crawled if row.get("kind") == "unasked" and row.get("retry_after")]
    if waits:
        client.quiet.pause(max(waits))
    return results + crawled, held


def _left_pending(results: list[dict], targets: dict[int, Target], counts: dict, progress: "_Progress") -> set[int]:
    """The citations some of whose pages the crawl did not ask for (`unasked` lines: after the
    archive's own 429 nothing more is asked of it, spiders/posts.py): not judged on what was
    read, which would call a post not found that was never asked for; each stays as it was
    (pending, or its earlier resolution) for the next run, counted and said in one line."""
    rows = [row for row in results if row.get("kind") == "unasked" and row["citation_id"] in targets]
    pending = {row["citation_id"] for row in rows}
    if pending:
        counts["pending"] = len(pending)
        many = len(pending)
        progress.say("error", f"{rows[0]['reason']}, and nothing more was asked of it: {many} "
                     f"citation{'s' if many != 1 else ''} left pending, their pages not all read; "
                     f"run `{RESOLVE.command}` again later")
    return pending


def _from_store(db, config, jobs: list[dict]) -> tuple[list[dict], list[dict]]:
    """The result lines the captures fetched by earlier runs give, read again from their WARC
    records with the spider's own readers (spiders/posts.py `read_capture`, `read_page`), and
    the jobs left to crawl.

    A capture at a fixed timestamp cannot change, so one fetched with a final answer is not
    downloaded again (each run would add a fetches row and a WARC record of the same bytes): a
    candidate whose captures all read without words, a page whose id was read.  It is read
    again rather than its verdict reused, which costs milliseconds and no download: a reader
    changed since (crawler/posts.py keeps no version of its own, unlike crawler/extract.py's
    EXTRACTOR_VERSION) judges it anew, and a reading a killed run fetched but never stored is
    stored.  A memento job goes on from its first capture not fetched so (`start`), or to the
    syndication endpoint once every capture read without words."""
    results: list[dict] = []
    left: list[dict] = []
    for job in jobs:
        if job["kind"] == "page":
            stored = _stored_answer(db, config, job["source_id"], job["mementos"][0][0])
            if stored is not None:
                results.append(read_page(job, stored[0], stored[2]))
            else:
                left.append(job)
            continue
        if job["kind"] != "memento" or not job["mementos"]:
            left.append(job)
            continue
        line, index = None, 0
        for url, timestamp in job["mementos"]:
            stored = _stored_answer(db, config, job["source_id"], url)
            if stored is None:
                break
            line, index = read_capture(job, stored[0], stored[1], stored[2], timestamp), index + 1
            if line["text"]:
                break
        asks_syndication = job["platform"] == "twitter" and bool(config.syndication_url)
        if line is not None and (line["text"] or (index == len(job["mementos"]) and not asks_syndication)):
            results.append(line)
        else:
            left.append({**job, "start": index} if index else job)
    return results, left


def _stored_answer(db, config, source_id: int, url: str) -> tuple[int, str, bytes] | None:
    """(status, final URL, body) of the capture `url` as an earlier run fetched it with a final
    answer (a 200 whose whole body is in the WARC), read back from its record; None if no run
    did (a 5xx, a 429 or a timeout is fetched again: it can pass) or the record cannot be read
    (a WARC deleted: the capture is fetched again).  The URL is looked up as Scrapy's request
    recorded it (percent-encoded by w3lib's `safe_url_string`), or one with a space or a
    non-ASCII letter would be downloaded on every run."""
    row = db.execute(
        "select status, final_url, warc_path, warc_offset from fetches where source_id = ? and purpose = 'post' "
        "and requested_url = ? and final = 1 and status = 200 and sha256 is not null "
        "and json_extract(evidence, '$.truncated') is null order by id desc limit 1",
        [source_id, safe_url_string(url)]).fetchone()
    read = response_at(row[2], row[3], config.data_dir, int(config.max_size)) if row else None
    return (row[0], row[1], read[1]) if read else None


def _crawl(config, jobs: list[dict], workdir: Path, console=None, states: bool = False) -> list[dict]:
    """Run the posts spider over the jobs (the tweets' `states` jobs, when said so); the result
    lines it wrote."""
    if not jobs:
        return []
    workdir.mkdir(parents=True, exist_ok=True)
    jobs_path, results_path = workdir / "jobs.json", workdir / "results.jsonl"
    jobs_path.write_text(json.dumps(jobs), encoding="utf-8")
    results_path.write_text("", encoding="utf-8")

    def progress():
        read = [json.loads(line) for line in results_path.read_text(encoding="utf-8").splitlines() if line]
        return _states_asked(read, len(jobs)) if states else _posts_read(read)

    run_spider("posts", config, progress=progress if console is not None else None, console=console,
               label="tweet states" if states else "posts",
               jobs=str(jobs_path), results=str(results_path), syndication_url=config.syndication_url or "")
    return [json.loads(line) for line in results_path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _posts_read(lines: list[dict]) -> tuple[int, None, dict[str, int]]:
    """A posts crawl's progress: the posts read so far, with text or without; no total, since a
    mirror's search page adds the posts it lists."""
    with_text = sum(1 for line in lines if line.get("text"))
    return len(lines), None, {"text": with_text, "no text": len(lines) - with_text}


def _states_asked(lines: list[dict], total: int) -> tuple[int, int, dict[str, int]]:
    """A crawl of the tweets' states: the tweets done of all, by what the syndication endpoint
    said (a fetch class, as a check records it; "no answer" for one that said nothing, "not
    asked" for one the crawl dropped, its host kept quiet: spiders/posts.py `_dropped`)."""
    return len(lines), total, dict(Counter(
        line["class"] or ("not asked" if line.get("asked") is False else "no answer") for line in lines))


# ---------------------------------------------------------------- storing and choosing


def _store_candidates(db, targets: dict[int, Target], results: list[dict]) -> None:
    """Upsert each post the spider read, scored against its citation's quote, all or none (one
    write transaction: a failure half way must not leave a citation some of its candidates).

    A post seen twice (a capture and a mirror) keeps the reading that has text.
    """
    candidates = [c for row in results if row.get("kind") == "post"
                  if (c := _candidate(targets[row["citation_id"]], row)) is not None]   # (scored before the lock)
    with database.write_transaction(db):
        for candidate in candidates:
            existing = db.execute("select text from candidates where citation_id = ? and platform = ? and post_id = ?",
                                  [candidate["citation_id"], candidate["platform"], candidate["post_id"]]).fetchone()
            if existing and existing[0] and not candidate["text"]:
                continue
            db["candidates"].upsert(candidate, pk=("citation_id", "platform", "post_id"))


def _candidate(target: Target, row: dict) -> dict | None:
    """The candidates row of a post the spider read, scored against the citation's quote; None
    for a post outside the citation's window (a mirror's day-wide search, a Facebook capture
    made after it) that is not the cited one.  Scored apart from the writes: an alignment
    takes time, and the write lock held meanwhile would stall a crawl."""
    posted = snowflake_time(row["post_id"]) if row["platform"] == "twitter" else (
        wayback_moment(row["posted"]) if row["posted"] else None)
    if posted is not None and not target.start <= posted < target.end and row["post_id"] != target.cited_post:
        return None
    text = row["text"] or ""
    score = round(align(target.quote, text).score, 1) if text and target.quote else None
    return {
        "citation_id": row["citation_id"], "platform": row["platform"], "post_id": row["post_id"],
        "url": row["url"], "memento_url": row["memento_url"], "timestamp": row["posted"],
        "via": row["via"], "layout": row["layout"] if text else row["status"], "text": text or None,
        "score": score,
    }


def _decide(db, target: Target, min_score: float, unsearched: list[dict] | None = None) -> dict:
    """Choose the best candidate at or above `min_score`; record the outcome on the citation.

    `unsearched`: the searches for this citation that could not be made (a mirror, the
    captures after the window), with why; an unresolved citation says so, since one of them
    may have held the post."""
    rows = db.execute(
        f"select id, post_id, url, memento_url, timestamp, via, layout, text, score from candidates "
        f"where {_IN_WINDOW} order by coalesce(score, -1) desc, timestamp", _in_window(target)).fetchall()
    db.execute("update candidates set chosen = 0 where citation_id = ?", [target.citation_id])
    window = [target.start.date().isoformat(), (target.end - datetime.timedelta(days=1)).date().isoformat()]
    seen = len(rows)
    best = rows[0] if rows and rows[0][8] is not None else None
    if best is None or best[8] < min_score:
        if best is None:
            reason = f"no archived post in the window ({seen} candidates seen)"
        else:
            reason = (f"no post in the window matches the quote ({seen} candidates seen, "
                      f"best score {best[8]:g} < {min_score:g})")
        if unsearched:
            reason += "; not searched: " + "; ".join(f"{u['where']} ({u['reason']})" for u in unsearched)
        status = "unresolved" if target.platform == "twitter" else "unverifiable"
        resolution = {"status": status, "reason": reason, "candidates": seen, "window": window,
                      **({"unsearched": unsearched} if unsearched else {})}
        db["citations"].update(target.citation_id, {"resolved_url": None, "resolved_timestamp": None,
                                                    "resolution": json.dumps(resolution)})
        return resolution
    candidate_id, post_id, url, memento_url, timestamp, via, layout, text, score = best
    db.execute("update candidates set chosen = 1 where id = ?", [candidate_id])
    post_source = _get_source(db, target.platform, normalise_url(url), url)
    capture = memento_from_url(memento_url) if via == "cdx" else None
    _store_text(db, post_source, url, text, capture.timestamp if capture else None, layout)
    resolution = {"status": "resolved", "via": via, "layout": layout, "score": score, "candidates": seen,
                  "post_id": post_id, "post_source_id": post_source, "memento_url": memento_url,
                  "window": window}
    db["citations"].update(target.citation_id, {"resolved_url": url, "resolved_timestamp": timestamp,
                                                "resolution": json.dumps(resolution)})
    return resolution


def _store_text(db, source_id: int, url: str, text: str, memento_timestamp: str | None, layout: str) -> None:
    """The post's words under its own source, origin `post`, for reconcile — once: the UNIQUE
    key does not hold when memento_timestamp is NULL (a mirror or syndication reading)."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if db.execute("select 1 from texts where source_id = ? and origin = 'post' and sha256 = ? "
                  "and memento_timestamp is ?", [source_id, sha, memento_timestamp]).fetchone():
        return
    db["texts"].insert({
        "source_id": source_id, "origin": "post", "memento_timestamp": memento_timestamp, "url": url,
        "text": text, "sha256": sha, "extractor": f"{EXTRACTOR}/{layout}", "created_at": database.now(),
        "unspaced": database.unspaced(text),
    })


# ---------------------------------------------------------------- the stage


def run(db, config, citation_ids: list[int] | None = None, redo: bool = False, console=None,
        again: str | None = None) -> dict:
    """Resolve the Twitter and Facebook citations not resolved yet (all of them with `redo`,
    or those in `citation_ids`); unresolved ones are searched again, as captures keep coming.
    Not beside another process's archive or resolve stage (StageBusy, db/lock.py): the two
    would not share the archive's rate limit.  Nor before the archive's quiet time: a
    Retry-After either stage kept (`archive_quiet`, archive/stage.py `kept_quiet`) holds this
    run too, waited out within `retry_after_cap`; beyond it nothing is sent and the citations
    are errors to retry (not searched, never "not found"), said in one line naming the time and
    how to ask before it.  One this run meets is kept for the next run of either stage.
    `again` is the command the lines said on
    `console` name to run again (the one the user ran: `citewatch run …`); None: `citewatch
    resolve`, which the reasons stored on the citations name whatever the command."""
    with stage_lock(db, RESOLVE):
        # an archive that keeps failing (timeouts, 5xx) stops the search as it stops the archive
        # stage: each further citation would wait out its own timeout.  The stop names no command:
        # the lines of the citations it leaves say what to run (`_left_to_retry`, `_not_searched`)
        client = Wayback(WaybackOptions.from_config(config), stop_after=UNANSWERED_IN_A_ROW, command=None)
        # (the archive stage's quiet time holds here, and ours holds there: `kept_quiet`)
        with kept_quiet(db, client), _work_folder(config) as work:
            return _resolve(db, config, client, citation_ids, redo, console, again, work)


@contextlib.contextmanager
def _work_folder(config) -> Iterator[Path]:
    """The resolve's own folder for its posts crawls, emptied first and removed at the end.

    Not a new folder in the temporary folder (TMPDIR) per run: a resolve killed (kill -9) left
    its `citewatch-posts-*` there, one per kill, and nothing could tell a dead run's from a
    live one's of another database.  This one is the database's: only a resolve holding the
    database's resolve lock uses it, as this one does (its caller holds `stage_lock`), so what
    is in it was left by a run that is over, and a resolve of another database, at the same
    time, has its own.  `config.db_path` resolved, as the lock names the database's real path."""
    path = Path(config.db_path).resolve()
    folder = path.with_name(path.name + database.RESOLVE_WORK)
    shutil.rmtree(folder, ignore_errors=True)   # a killed run's
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _resolve(db, config, client: Wayback, citation_ids: list[int] | None, redo: bool, console,
             again: str | None, work: Path) -> dict:
    """The resolve stage itself, this process alone at the archive for this database, asking
    it through `client`; its posts crawls' files go in `work` (`_work_folder`)."""
    progress = _Progress(console, again)
    counts = {"citations": 0, "skipped": 0, "resolved": 0, "unresolved": 0, "unverifiable": 0, "errors": 0,
              "kept": 0, "candidates": 0}   # kept: errors that left a post resolved before (`_error`)
    targets = _targets(db, config, due(db, citation_ids), redo, counts, progress)
    found, jobs, stop = _search(db, client, config, targets, counts, progress, reread=redo)
    base, min_score = config.wayback_url.rstrip("/"), float(config.social_min_score)
    try:
        results, not_read = _read_posts(db, client, config, jobs, work / "first", progress, console)
        follow, not_followed, stop = _facebook_follow_up(client, targets, found, results, base, progress, stop)
        followed, not_read_too = _read_posts(db, client, config, follow, work / "second", progress, console)
        results += followed
        _store_candidates(db, targets, results)
        late, not_late = _late_facebook_jobs(db, client, targets, found, base, min_score, progress, stop)
        late_results, not_read_late = _read_posts(db, client, config, late, work / "late", progress, console)
    except SpiderFailed as exc:
        for target in targets.values():
            _error(db, target.citation_id, f"footnote {target.seq}: {exc}", counts, progress)
        return counts
    unsearched = _unsearched(results, [m.rstrip("/") for m in config.nitter_mirrors or []], progress)
    for held in (not_read, not_followed, not_read_too, not_late, not_read_late):
        for citation_id, why in held.items():
            unsearched.setdefault(citation_id, []).extend(why)
    pending = _left_pending(results + late_results, targets, counts, progress)
    _store_candidates(db, targets, late_results)
    for target in targets.values():
        if target.citation_id in pending:
            continue
        # (under the write lock from its first read: sqlite-utils' insert of a post's text begins a
        # deferred transaction, in which the text's full-text indexes are read as it is prepared, and
        # a write after a read fails at once, "database is locked", while a crawl holds the lock)
        with database.write_transaction(db):
            outcome = _decide(db, target, min_score, unsearched.get(target.citation_id))
        counts[outcome["status"]] += 1
        counts["candidates"] += outcome["candidates"]
    if config.syndication_url:
        _check_states(db, config, citation_ids, progress, console, work / "states", everything=redo)
    return counts


def _hold_replays(client, config, jobs: list[dict], progress: "_Progress",
                  console) -> tuple[list[dict], dict[int, list[dict]]]:
    """The jobs that may be crawled now, and the citations whose captures were held back, with why.

    A Retry-After the archive sent (to this run's searches, or to the archive stage before it)
    holds for its replays too: IA firewalls an IP that goes on asking, whatever the endpoint
    (../shared/REFERENCE.md).  Within `retry_after_cap` it is waited out, as the archive stage
    waits before its rescue; beyond it the replays are left for the next run: each citation
    says so, is not resolved, and is searched again.  Other jobs (mirrors) go on."""
    replays = [job for job in jobs if job["kind"] in REPLAYS]
    skipped = wait_for_archive(client.blocked_until(), float(config.retry_after_cap), console) if replays else None
    if skipped is None:
        return jobs, {}
    held = {job["citation_id"]: [{"where": HELD_CAPTURES, "reason": skipped}] for job in replays}
    progress.say("note", f"{HELD_CAPTURES} for {len(held)} citation{'s' if len(held) != 1 else ''} "
                 f"were not read: {skipped}")
    return [job for job in jobs if job["kind"] not in REPLAYS], held


def _unsearched(results: list[dict], mirrors: list[str], progress: "_Progress") -> dict[int, list[dict]]:
    """The mirrors' searches that could not be read, by citation, in the order the mirrors are
    configured; said once per mirror, since a mirror that forbids crawlers in its robots.txt
    (as many do) or is down fails every search."""
    by_citation: dict[int, list[dict]] = {}
    by_mirror: dict[str, list[str]] = {}
    rows = [row for row in results if row.get("kind") == "unsearched"]
    rows.sort(key=lambda row: mirrors.index(row["mirror"]) if row["mirror"] in mirrors else len(mirrors))
    for row in rows:
        by_citation.setdefault(row["citation_id"], []).append({"where": row["mirror"], "reason": row["reason"]})
        by_mirror.setdefault(row["mirror"], []).append(row["reason"])
    for mirror, reasons in by_mirror.items():
        hint = (" (its operator asks crawlers to stay away; set obey_robots = false only if it allows citewatch)"
                if any("robots.txt" in r for r in reasons) else "")
        progress.say("note", f"the Nitter mirror {mirror} could not be searched for {len(reasons)} "
                     f"citation{'s' if len(reasons) != 1 else ''}: {reasons[0]}{hint}")
    return by_citation


def _check_states(db, config, citation_ids: list[int] | None, progress: "_Progress", console, work: Path,
                  everything: bool = False) -> None:
    """Ask the syndication endpoint about each resolved tweet due to be asked again (`asked_again`;
    `everything`: each one); record each answer as a check of the tweet's source.  An answer that
    says nothing (a failure, a 5xx) records nothing, and no tweet to ask is no round of fetches."""
    jobs = _state_jobs(db, citation_ids)
    if not everything:
        due = asked_again(db, [job["source_id"] for job in jobs], "syndication", config.values)
        jobs = [job for job in jobs if job["source_id"] in due]
    if not jobs:
        return
    try:
        results = _crawl(config, jobs, work, console, states=True)
    except SpiderFailed as exc:
        progress.say("error", f"the tweets' states were not checked: {exc}")
        return
    # (read and written under the write lock: a crawl may record a check of the same tweet meanwhile,
    # and one committed between this read of its checks and this write would be lost)
    with database.write_transaction(db):
        for row in results:
            if row.get("kind") == "state" and row["class"]:
                _record_state(db, config, row)
    unasked = [row for row in results if row.get("kind") == "state" and row.get("asked") is False]
    if unasked:
        many = len(unasked)
        progress.say("note", f"{many} resolved tweet{'s were' if many != 1 else ' was'} not asked about (the "
                     f"syndication endpoint, {host_of(config.syndication_url)}: "
                     f"{unasked[0]['reason'].removeprefix('not asked: ')}); their states are checked on a later run")


def _state_jobs(db, citation_ids: list[int] | None) -> list[dict]:
    """A `state` job per resolved tweet's source (once, however many citations share it)."""
    rows = db.execute(
        "select id, json_extract(resolution, '$.post_source_id'), json_extract(resolution, '$.post_id') "
        "from citations where kind = 'twitter' and json_extract(resolution, '$.status') = 'resolved'").fetchall()
    jobs = {}
    for citation_id, source_id, post_id in rows:
        if source_id and post_id and (citation_ids is None or citation_id in citation_ids):
            jobs[source_id] = {"kind": "state", "source_id": source_id, "platform": "twitter", "post_id": post_id}
    return list(jobs.values())


def _record_state(db, config, row: dict) -> None:
    """One syndication answer as a check of the tweet's source, pointing at its fetch."""
    fetch = db.execute("select id, crawl_id from fetches where source_id = ? and purpose = 'post-state' "
                       "order by id desc limit 1", [row["source_id"]]).fetchone()
    record_check(db, row["source_id"], {
        "at": database.now(), "class": row["class"], "reason": row["reason"], "attempt": "citewatch",
        "crawl_id": fetch[1] if fetch else None, "fetch_id": fetch[0] if fetch else None,
        "via": "syndication", "confirm": SYNDICATION_CONFIRM,
    }, config.values)


def _targets(db, config, rows: list[dict], redo: bool, counts: dict, progress: "_Progress") -> dict[int, Target]:
    """The citations to search, by id; a citation that cannot be searched gets its reason."""
    targets = {}
    for row in rows:
        counts["citations"] += 1
        if row["status"] == "resolved" and not redo:
            counts["skipped"] += 1
            continue
        try:
            target = _target(db, row, config)
        except CitationError as exc:
            _error(db, row["id"], str(exc), counts, progress)
            continue
        targets[target.citation_id] = target
    return targets


def _search(db, client, config, targets: dict[int, Target], counts: dict,
            progress: "_Progress", reread: bool = False) -> tuple[dict[int, dict[str, Candidate]], list[dict], Stop]:
    """CDX candidates of every target, and the spider jobs to read them (and the mirrors):
    those not read with their words yet (`_unread`), or all of them with `reread` (--redo).

    Once the client finds the archive out of reach (archive/wayback.py), the rest are not
    asked about (with no network each would only fail the same way): they and the citations
    it could not be reached for just before are all recorded as errors to retry, and said once.
    So are the citations left after a StopRun (a Retry-After beyond the cap, calls in a row
    unanswered: the client sends nothing more) or a call still answered 429 after its
    retries (repeated 429s stop the run, ../shared/REFERENCE.md): each would fail the same way.
    That stop is returned too: the later searches of the run (`_listings`) do not ask either.
    Its progress counts the citations the archive answered for (`_Progress.counting`).
    """
    base = config.wayback_url.rstrip("/")
    found: dict[int, dict[str, Candidate]] = {}
    jobs: list[dict] = []
    unreachable: list[Target] = []   # citations in a row the archive could not be reached for
    not_asked: list[Target] = []     # and those after it was found out of reach
    stop: Stop = None
    stopped: list[Target] = []       # the one that met the StopRun, and those after it
    reason = ""
    with progress.counting("Searching the archive", len(targets)) as searched:
        for target in list(targets.values()):
            if client.out_of_reach is not None:
                not_asked.append(target)
                continue
            if stop is not None:
                stopped.append(target)
                continue
            try:
                if target.platform == "twitter":
                    found[target.citation_id] = _tweet_candidates(client, target, base)
                    jobs += _nitter_jobs(target, list(config.nitter_mirrors or []))
                else:
                    found[target.citation_id] = _facebook_candidates(client, target, base)
                    jobs += [job for job in [_page_job(client, target, base)] if job]
            except ArchiveUnreachable as exc:
                unreachable.append(target)
                reason = str(exc)
                continue
            except STOPS as exc:   # a 429 still, after the call's retries: stop
                stop = exc
                stopped.append(target)
                continue
            except ArchiveError as exc:
                _error(db, target.citation_id, f"footnote {target.seq}: the archive failed ({exc}); "
                       f"run `{RESOLVE.command}` again later", counts, progress)
                del targets[target.citation_id]
            else:
                candidates = found[target.citation_id]
                jobs += _post_jobs(target, candidates if reread else _unread(db, target, candidates))
                searched()
            if unreachable:  # the archive answered again: a passing failure, recorded, no stop
                _left_to_retry(db, unreachable, [], reason, targets, counts, progress)
                unreachable = []
    if unreachable or not_asked:
        _left_to_retry(db, unreachable, not_asked, reason, targets, counts, progress)
    if stopped:
        _left_to_retry(db, stopped[:1], stopped[1:], str(stop), targets, counts, progress,
                       what="the archive failed", when="later")
    return found, jobs, stop


def _left_to_retry(db, searched: list[Target], not_asked: list[Target], reason: str, targets: dict[int, Target],
                   counts: dict, progress: "_Progress", what: str = "the archive is unreachable",
                   when: str = "when online") -> None:
    """Citations the archive could not be reached for (`searched`), or was not asked about
    once out of reach (`not_asked`, their reason says so); or, with `what` and `when`, the
    one that met a StopRun and those left after it: each an error to retry, said in one line."""
    kept = 0
    for target, how in [(t, "") for t in searched] + [(t, "not searched, ") for t in not_asked]:
        kept += _error(db, target.citation_id, f"footnote {target.seq}: {how}{what} ({reason}); "
                       f"run `{RESOLVE.command}` again {when}", counts, progress, quiet=True)
        del targets[target.citation_id]
    left = len(searched) + len(not_asked)
    progress.say("error", f"{reason}; {left} citation{'s' if left != 1 else ''} left to resolve"
                 f"{_kept_note(kept)}; run `{RESOLVE.command}` again {when}")


def _kept_note(kept: int) -> str:
    """How many of the citations left keep the post an earlier run resolved them to ('' if none):
    a --redo that could not search them again."""
    if not kept:
        return ""
    return f"; {kept} keep{'s' if kept == 1 else ''} the post resolved before"


def _facebook_follow_up(client, targets: dict[int, Target], found: dict[int, dict[str, Candidate]],
                        results: list[dict], base: str, progress: "_Progress",
                        stop: Stop = None) -> tuple[list[dict], dict[int, list[dict]], Stop]:
    """With the pages' numeric ids read, the permalink.php / story.php posts to fetch; the
    citations whose such captures the archive failed to list, with why (the candidates found
    so far still count; `_listings`: a failure that ends the search is said once); and the
    run's stop."""
    paged = []
    for row in results:
        if row.get("kind") != "page" or not row.get("page_id") or row["citation_id"] not in targets:
            continue
        target = targets[row["citation_id"]]
        target.page_id = row["page_id"]
        paged.append(target)
    listed, unsearched, stop = _listings(client, paged, base, PERMALINKS, progress, stop)
    jobs = []
    for citation_id, candidates in listed.items():
        more = {k: v for k, v in candidates.items() if k not in found[citation_id]}
        found[citation_id].update(more)
        jobs += _post_jobs(targets[citation_id], more)
    return jobs, unsearched, stop


def _error(db, citation_id: int, message: str, counts: dict, progress: "_Progress", quiet: bool = False) -> bool:
    """A citation that cannot be searched: say why on the citation (and on the console unless
    `quiet`: the caller says it once for many), go on with the others.

    A citation an earlier run resolved (searched again with --redo) keeps its post, its
    words and its verdicts' ground: a search that failed (an archive out of reach, a 429,
    a 5xx, a crawl that died) says nothing about the post.  Its resolution notes the failure
    (`redo_error`) and the message says the post is kept.  True for such a citation."""
    counts["errors"] += 1
    earlier = _earlier_resolution(db, citation_id)
    if earlier is None:
        db["citations"].update(citation_id, {"resolved_url": None, "resolved_timestamp": None,
                                             "resolution": json.dumps({"status": "error", "reason": message})})
    else:
        counts["kept"] += 1
        message += KEPT
        db["citations"].update(citation_id, {"resolution": json.dumps({**earlier, "redo_error": message})})
    if not quiet:
        progress.say("error", message)
    return earlier is not None


def _earlier_resolution(db, citation_id: int) -> dict | None:
    """The citation's resolution when an earlier run resolved it to a post, else None (one that
    cannot be read, `_resolution`, does not say so: its search's error is stored over it)."""
    citation = db["citations"].get(citation_id)
    resolution = _resolution(citation)
    return resolution if resolution.get("status") == "resolved" and citation["resolved_url"] else None


def _resolution(citation: dict) -> dict:
    """A citation's stored resolution, {} when it has none or it is no JSON object (a
    hand-edited or damaged row): read as a citation no run has resolved, searched again, never
    a crash of the stage or its summary (`.get` of a list)."""
    return database.stored_json(citation["resolution"], dict) or {}


class _Progress:
    """Rich progress on the console when there is one; silence otherwise (tests, `citewatch run`).
    The lines' advice to run `citewatch resolve` again names `again` instead when given."""

    def __init__(self, console, again: str | None = None):
        self.console = console
        self.again = again

    @contextlib.contextmanager
    def counting(self, what: str, total: int) -> Iterator[Callable[[], None]]:
        """A bar of `total` items while the block runs (crawler/terminal.py Progress: plain
        lines on stderr when the console is no terminal, a log), moved on by the function
        yielded, once per item done: one the archive could not answer for, or was never
        asked about, leaves it short.  Ticked off, they made a search of an archive out of
        reach read as done (`Searching the archive: 14/14 (100%)`, then "14 citations left
        to resolve")."""
        if self.console is None:
            yield lambda: None
            return
        from crawler.terminal import Progress

        with Progress(console=self.console, transient=True) as bar:
            task = bar.add_task(what, total=total)
            yield lambda: bar.advance(task)

    def say(self, label: str, message: str) -> None:
        """One line: its label ("note:": the run went on; "error:": left to retry) in colour, and
        its message as written (URLs, handles, reasons: a "[b]" in one is no markup)."""
        if self.console is not None:
            from rich.text import Text

            from crawler.run import advice_naming  # (crawler.run imports this module)

            message = advice_naming(message, RESOLVE.command, self.again)
            # soft_wrap: one line whatever the width, as a log or a pipe (80 columns) keeps it, so a
            # command it names to run again is never broken in the middle (as the crawl's and archive's)
            self.console.print(Text.assemble((f"{label}:", "red" if label == "error" else "yellow"), " ", message),
                               soft_wrap=True)


def summary_rows(db, citation_ids: list[int] | None = None) -> list[tuple[str, str, str, str, str]]:
    """(footnote, account, outcome, post URL, score or reason) for each social citation."""
    out = []
    for row in due(db, citation_ids):
        citation = db["citations"].get(row["id"])
        resolution = _resolution(citation)
        account = row["handle"] or row["url"] or row["printed"]
        detail = (f"score {resolution.get('score')} via {resolution.get('via')}"
                  if resolution.get("status") == "resolved" else resolution.get("reason", "not resolved yet"))
        if resolution.get("redo_error"):
            detail += f"; searched again: {resolution['redo_error']}"
        out.append((str(row["seq"]), account, resolution.get("status", "pending"), citation["resolved_url"] or "",
                    detail))
    return out
