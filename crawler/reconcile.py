"""The reconcile stage: a verdict with evidence for every compiled quote.

For each statement, every stored text of every source its citations point at (the live
fetches, mementos, a resolved post) gets a `text` check; the statement gets one `overall`
check (the best verdict, a body holding the quote before a title alone, resting on the live
text at equal verdict and score; one that finds the quote in no text rests on the live text
when there is one; with content drift, judged for each cited page on its own, between a
memento, or an earlier reading, of the page and its live text, and, when the quote is not in
the cited text, where else it really is); a statement of a compilation without footnotes (a
news article) also gets a `compilation` check against the matching statement of another
compiled document (`counterpart`), whose sources it then borrows when the quote is in it: a
statement of another speaker lends them only when it holds the quote with the same words
(verbatim, minor, elided), and then every reader is told whose they are; a quote that names
no speaker is nobody's in particular, and borrows from the statement holding it best, and so
is a statement that names none: it is never another speaker's.  Rows go to `quote_checks`,
upserted on (statement, scope, text): a killed run re-run duplicates nothing.

Which texts belong to a statement: statements → citations → sources → texts.  A
social citation's post is stored by the social stage under its own source (key =
the normalised post URL, or `resolution.post_source_id`), so that source counts too.
A memento's text counts while a memento fetch of its capture is of kind ok: its own fetch,
or any other that reached the same capture (a text is stored once, from the first fetch;
rescue may class that one redirected-to-root or redirected-off-date afterwards, and such a
memento is not the page as cited).  Of a page's live texts only the one read last is "the
live text" a verdict can rest on; the earlier ones are the page as it was read then, dated
evidence of content drift (`superseded`).

A text whose body does not hold the quote (not-in-source, translation) while its title
(`texts.title`) does, verbatim, minor or elided, is judged on its title (`in_title`): its
reason says "in the page's title, not its body".  Never altered on a title alone: a few words,
a look-alike.  A quote in both keeps the body's verdict.

What a row holds (readers: report, check):
- score: 0-100, word-level similarity of the quote to the matched span;
- span_start/span_end/matched: the span in the stored text (`text` and `overall`
  rows; for `compilation`, in the other statement's compiled quote), in its title
  instead when the evidence says `in: "title"`;
- diff: JSON [[op, words]], from the source to the quote: "delete" = in the source,
  not in the quote; "insert" = in the quote, not in the source;
- evidence: JSON with `in` ("title", only when the verdict is the title's: span, matched,
  diff and changes are then the title's; the `text` row adds `body_verdict`, `body_score`),
  `text` (id, source_id, origin, memento_timestamp, url, language; a live one's `read_at`,
  and `unread_since` {class, at} when the page's fetch after that reading gave no text) of
  the text the verdict rests on, `changes` ([{source, quote, kinds}]), `languages`, `flags`,
  `segments`/`gaps` (ellipses); on `overall` also `texts` (every text's verdict;
  `superseded` and `read_at` on an earlier live reading), `drift` (of one cited page,
  `source_id` and `url`: `kind`, `live_text_id`, `live_verdict`, `live_read_at`, and either `memento_text_id`, `memento_timestamp` (14 digits),
  `memento_verdict` or `read_text_id`, `read_at`, `read_verdict` of the earlier live reading
  that held the quote; the page the verdict rests on first, and `other_pages`, the same for
  every other cited page that drifted, when there is one), `added_since` (the other way: the
  live text holds the quote, the page's first memento on or after the quote's date does not,
  or in other words, and no memento from before that date holds it: `kind` "added" or
  "changed", `quote_date`, `date_of` ("quote", or "document" for a statement dated by its
  document), `memento_text_id`, `memento_timestamp`, `memento_verdict`, `live_text_id`,
  `live_verdict`, `source_id`, `url`), `misattribution`,
  `missing` (why texts are missing), `elsewhere` (for an unverifiable quote, other stored texts
  that hold it); on `compilation` `compared_with`, `entity_match`, `borrowed` (whether the
  quote was checked against its sources) and, when the quote has another speaker's words while
  its own speaker's statement holds it worse, `misattribution` (that statement, its `verdict`
  and `score`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Collection

from rapidfuzz import fuzz

import db as database
from archive.mementos import Memento, memento_from_url, wayback_timestamp
from archive.snapshots import distance_days, parse_date
from crawler.align import search_terms, word_keys
from crawler.classify import CLASSES
from crawler.numbering import footnote_number, printed
from crawler.report_data import UNREADABLE_EVIDENCE, citation_verdicts, evidence_of, memento_date, utc_minute
from crawler.state import NETWORK_CLASSES
from crawler.urls import normalise_url
from crawler.verdicts import FOUND_VERDICTS, THRESHOLDS, VERDICTS, Thresholds, Verdict, judge, names_the_quote_elsewhere
from db import stored_json
from db.lock import CRAWL, RESOLVE

RANK = {v: i for i, v in enumerate(VERDICTS)}  # lower is better: verbatim first
# Memento texts that stand for the page (module docstring): their own fetch is not classed
# otherwise than ok, or another ok memento fetch of the source reached the same capture.
_OK = ", ".join(repr(cls) for cls, (kind, _) in CLASSES.items() if kind == "ok")
USABLE_TEXT = (f"(texts.origin != 'memento' or not exists (select 1 from fetches where fetches.id = texts.fetch_id "
               f"and fetches.class not in ({_OK})) or exists (select 1 from fetches where fetches.source_id = "
               f"texts.source_id and fetches.purpose = 'memento' and fetches.class in ({_OK}) "
               f"and fetches.final_url like '%/web/' || texts.memento_timestamp || '%'))")


@dataclass
class Check:
    """One quote_checks row before it is written."""

    scope: str
    verdict: str
    reason: str
    text_id: int | None = None
    score: float | None = None
    span: tuple[int | None, int | None] = (None, None)
    matched: str | None = None
    diff: list | None = None
    evidence: dict = field(default_factory=dict)

    def row(self, statement_id: int, checked_at: str) -> dict:
        return {
            "statement_id": statement_id, "text_id": self.text_id, "scope": self.scope, "verdict": self.verdict,
            "score": stored_score(self.score),
            "span_start": self.span[0], "span_end": self.span[1], "matched": self.matched,
            "diff": None if self.diff is None else json.dumps(self.diff, ensure_ascii=False),
            "evidence": json.dumps(self.evidence, ensure_ascii=False), "reason": self.reason,
            "checked_at": checked_at,
        }


def stored_score(score: float | None) -> float | None:
    """A score as quote_checks keeps it, to 0.1: what the overall check ranks texts by
    (`rests_on_order`), as the report does from the stored rows, so that at a near tie (91.04
    and 91.02, both kept 91.0) the two pick the same text."""
    return None if score is None else round(score, 1)


# --- which texts belong to a statement -------------------------------------------------


def citations_of(db, statement_id: int) -> list[dict]:
    """The statement's citations, each with its document's kind, its statement's title,
    footnote and number, and its own place among the statement's citations (1 = its own
    source, then its further ones): what `citation_label` needs to name it."""
    return [dict(r) for r in db.query(
        "select c.*, d.kind as document_kind, s.title as statement_title, s.footnote as statement_footnote, "
        "s.seq as statement_seq, row_number() over (order by c.seq) as statement_citation "
        "from citations c "
        "join documents d on d.id = c.document_id left join statements s on s.id = c.statement_id "
        "where c.statement_id = ? order by c.seq", [statement_id])]


def citation_label(citation: dict) -> str:
    """How a reason names a citation: "footnote 32" in a compiled letter ("footnote 1 of
    Annex II" in one numbered per annex), "row <id>" in a quote list of `citewatch check`,
    whose statements keep the row's id as their title (crawler/check/store.py) and whose
    citations are no footnotes, and "quote N" in an article, N its statement's number: its
    quotes carry no footnote, and a link it cites is numbered after the last statement when
    it is a statement's second or later (crawler/ingest/article.py), so its seq names no
    quote; that one is "quote N, link 2" (3, …), in the order the section gives its links."""
    if citation.get("document_kind") == "quotes":
        return f"row {citation['statement_title']}"
    if citation.get("document_kind") == "article" or citation.get("kind") == "unfootnoted":
        place = citation.get("statement_citation") or 1
        return f"quote {citation.get('statement_seq') or citation['seq']}" + (f", link {place}" if place > 1 else "")
    number = footnote_number(citation.get("footnote"), citation.get("statement_footnote"))
    return f"footnote {printed(citation['seq'], number, citation.get('part'))}"


def source_ids(db, citation: dict) -> list[int]:
    """The citation's own source, and the source of the post it was resolved to."""
    ids = [citation["source_id"]] if citation["source_id"] else []
    return list(dict.fromkeys(ids + post_source_ids(db, citation)))


def post_source_ids(db, citation: dict) -> list[int]:
    """The sources of the post the citation was resolved to: `post_source_id` of its
    resolution, and any source stored under its `resolved_url`; none when unresolved.  A
    resolution that cannot be read (`unreadable_resolution`) names no post: its `resolved_url`
    alone is looked up (the reconcile run and the report went no further than the row)."""
    resolution = stored_json(citation.get("resolution"), dict) or {}
    ids = [resolution["post_source_id"]] if resolution.get("post_source_id") else []
    if citation.get("resolved_url"):
        keys = _url_keys(citation["resolved_url"])
        marks = ", ".join("?" for _ in keys)
        ids.extend(r["id"] for r in db.query(f"select id from sources where key in ({marks}) or url in ({marks})",
                                             [*keys, *keys]))
    return list(dict.fromkeys(ids))


def _url_keys(url: str) -> set[str]:
    """A URL as written and normalised, the forms a source's key or url may hold it in."""
    return {url, normalise_url(url)}


def citation_texts(db, citation: dict) -> list[dict]:
    """The texts a citation can be checked against.  A Twitter or Facebook citation's own
    source is the account, and every post the crawl fetched for any footnote citing that
    account is stored under it (docs/social.md).  So a social citation has the texts of the
    post IT was resolved to, and of the account's texts only those read from that post or
    mementos of the page the footnote cites (the account's live fetch is a login wall or a
    timeline of other posts); never another footnote's post, which would make a close
    tweet of the same account look `altered`.  One not resolved keeps only those mementos,
    and with none its gap says why."""
    ids = source_ids(db, citation)
    if citation["kind"] not in ("twitter", "facebook"):
        return texts_of(db, ids)
    posts = post_source_ids(db, citation)
    post_urls = _url_keys(citation["resolved_url"]) if citation.get("resolved_url") else set()
    page_urls = set().union(*(_url_keys(url) for url in _cited_pages(db, citation)))
    return [t for t in texts_of(db, ids) if t["source_id"] in posts or t["origin"] != "live" and (
        _read_from(t) & post_urls or t["origin"] == "memento" and _read_from(t) & page_urls)]


def _cited_pages(db, citation: dict) -> list[str]:
    """The pages a social citation itself cites: its URL, else its account's page."""
    row = db.execute("select url from sources where id = ?", [citation["source_id"]]).fetchone() \
        if citation["source_id"] else None
    return [url for url in (citation.get("url"), row[0] if row else None) if url]


def _read_from(text: dict) -> set[str]:
    """The page a text was read from: a memento's original URL, else the text's own URL."""
    if not text["url"]:
        return set()
    memento = memento_from_url(text["url"])
    return _url_keys(memento.original if memento else text["url"])


# The last live fetch that gave a live text: the latest of kind ok whose body is the bytes the
# text was first read from, or the bytes of the source's latest extraction when it gave this
# text (other bytes, same words; a later fetch of those bytes reuses that extraction and stores
# nothing).  A text is stored once, when first read (crawler/pipelines.py), so created_at alone
# would take a page changed and changed back for the version it left.
READ_LAST = (f"case when texts.origin = 'live' then coalesce((select max(f.id) from fetches f "
             f"where f.source_id = texts.source_id and f.purpose = 'live' and f.class in ({_OK}) and f.sha256 in ("
             "(select sha256 from fetches where id = texts.fetch_id), (select e.body_sha256 from extractions e "
             "where e.source_id = texts.source_id and e.text_id = texts.id))), 0) end")

# When a text `t` (with its read_last and created_at) was read last: its READ_LAST fetch's start
# (its crawl's, for a fetch that kept none), else when it was stored (a text no fetch gave).
READ_AT = ("coalesce((select coalesce(f.started_at, c.started_at) from fetches f "
           "join crawls c on c.id = f.crawl_id where f.id = t.read_last), t.created_at)")

# The source's latest live fetch (its outcome, not an attempt retried), when it came after the
# text's last reading: that fetch gave no text (or another one, and this text is superseded).
UNREAD_SINCE = ("(select json_object('class', f.class, 'at', coalesce(f.started_at, c.started_at)) from fetches f "
                "join crawls c on c.id = f.crawl_id where f.source_id = t.source_id and f.purpose = 'live' "
                "and f.final = 1 and t.read_last > 0 and f.id > t.read_last order by f.id desc limit 1)")


def texts_of(db, sources: list[int]) -> list[dict]:
    """Every stored text of these sources that stands for the page (`USABLE_TEXT`), oldest
    first; a live text with `read_last` (its last fetch, 0 for none), `read_at` (when) and
    `unread_since` (the class and time of a later fetch of the page, {} for none)."""
    if not sources:
        return []
    marks = ", ".join("?" for _ in sources)
    # materialized: flattened, SQLite would work out READ_LAST again for each use of read_last
    # (unread_since is UNREAD_SINCE's json_object, read as every stored JSON is: {} for none)
    return [{**r, "unread_since": stored_json(r["unread_since"], dict) or {}} for r in db.query(
        f"with t as materialized (select id, source_id, origin, memento_timestamp, url, language, title, text, "
        f"created_at, {READ_LAST} as read_last from texts where source_id in ({marks}) and {USABLE_TEXT}) "
        f"select t.*, {READ_AT} as read_at, {UNREAD_SINCE} as unread_since from t order by created_at, id", sources)]


def superseded(texts: list[dict]) -> set[int]:
    """The live texts a later live reading of the same page replaced: the page as it was read
    then, no longer "the live text".  They stay dated evidence of what the page said
    (`drift`), never the text a verdict rests on: a reader can open a memento, not our
    earlier reading, so only the latest reading speaks for the live page."""
    latest: dict[int, dict] = {}
    for text in texts:
        if text["origin"] != "live":
            continue
        key = (text.get("read_last") or 0, text["created_at"], text["id"])
        kept = latest.get(text["source_id"])
        if kept is None or key > (kept.get("read_last") or 0, kept["created_at"], kept["id"]):
            latest[text["source_id"]] = text
    kept_ids = {t["id"] for t in latest.values()}
    return {t["id"] for t in texts if t["origin"] == "live" and t["id"] not in kept_ids}


def flags_of(statement: dict, citations: list[dict]) -> list[str]:
    """The flags a statement's checks weigh and show: its own and its citations', as stored.
    "further-footnote-missing" stands on a statement whose own footnote was read: ingest sets
    it for a footnote printed besides its own that was lost (the document's warnings say
    which), and its checks were made without that source, whose page may hold the quote;
    "footnote-missing" on one whose own footnote was lost."""
    flags = set(stored_json(statement.get("flags"), list) or [])
    for citation in citations:
        flags.update(stored_json(citation.get("flags"), list) or [])
    return sorted(flags)


# --- why there is no text ---------------------------------------------------------------


def _citation_gap(db, citation: dict, document_id: int, again: str | None = None) -> str:
    """In plain words, why this citation gives no text to compare; what to run to fetch it is
    said in `again`'s terms when given (`run`)."""
    label = citation_label(citation)
    if citation["document_id"] != document_id:
        label = f"document {citation['document_id']} {label}"
    if citation["kind"] == "offline":
        printed = " ".join(citation["printed"].split())
        printed = printed if len(printed) <= 80 else printed[:79].rstrip() + "…"
        return f"{label}: offline source ({printed}), no text to compare"
    if citation["kind"] == "unfootnoted":
        return f"{label}: no footnote, and no statement of another compiled document contains the quote"
    if citation["kind"] in ("twitter", "facebook") and unreadable_resolution(citation):
        advice = _run(RESOLVE.command, again) + (" to search for it again" if again is None else "")
        return f"{label}: {citation['kind']} post unknown: {UNREADABLE_RESOLUTION}; {advice}"
    if citation["kind"] in ("twitter", "facebook") and not citation.get("resolved_url"):
        return f"{label}: {_post_gap(citation, again)}"
    if not citation["source_id"]:
        return f"{label}: no source recorded"
    return _source_gap(db, citation["source_id"], label, again)


# A social citation's gap when its stored resolution is no JSON object (`unreadable_resolution`).
UNREADABLE_RESOLUTION = "its stored resolution could not be read (not a JSON object)"


def unreadable_resolution(citation: dict) -> bool:
    """A resolution stored but no JSON object (a hand-edited or damaged row): the post it named
    cannot be told (`post_source_ids` looks up the `resolved_url` alone), and a citation left
    without a text says so, not the account's or an unresolved post's gap: the row is reported,
    and `citewatch resolve` searches such a citation again (crawler/social.py `due`)."""
    return bool(citation.get("resolution")) and stored_json(citation["resolution"], dict) is None


# What the social stage's statuses say (crawler/social.py): "unresolved" (a tweet) and
# "unverifiable" (a Facebook post) after a search that found no matching post; "error" when
# the citation was not searched (the archive unreachable or failing, a citation it cannot
# search), left for the next resolve run.
SEARCHED_NOT_FOUND = ("unresolved", "unverifiable")


def _post_gap(citation: dict, again: str | None = None) -> str:
    """Why a social citation has no post: searched and not found, not searched yet (with
    the resolve stage's reason, less its own footnote label), or never resolved.  The resolve
    stage's advice to run `citewatch resolve` again names `again` instead when given."""
    resolution = stored_json(citation.get("resolution"), dict) or {}   # (one unreadable: _citation_gap's)
    status, reason = resolution.get("status"), resolution.get("reason")
    if status in SEARCHED_NOT_FOUND:
        return f"{citation['kind']} post not found ({reason or status})"
    if status == "error":
        reason = re.sub(r"^footnote [^:]*: (not searched, )?", "", reason or "the last resolve run failed")
        if again is not None:
            reason = reason.replace(f"`{RESOLVE.command}`", again)
        named = again or RESOLVE.command
        advice = "" if named in reason else f"; run {named} again"
        return f"{citation['kind']} post not searched yet: {reason}{advice}"
    return f"{citation['kind']} post not resolved yet ({_run(RESOLVE.command, again)})"


def _run(command: str, again: str | None) -> str:
    """The advice to run a stage: "run citewatch crawl", or, when another command ran the
    stages (`again`: "the check", whose own rerun fetches what is missing), "run the check
    again": `citewatch crawl` alone would not redo that command's work, and its user never ran it."""
    return f"run {command}" if again is None else f"run {again} again"


def _source_gap(db, source_id: int, label: str, again: str | None = None) -> str:
    """Why a source gives no text: never crawled, dead (or failing, blocked) without a memento,
    not fetched at all (the network failed, the fetch was refused or deferred: an offline
    crawl's dns-failure fetched nothing), answered with something other than the page (a login
    or consent wall, a rate limit: its class and reason), or fetched without extractable text."""
    source = db["sources"].get(source_id)
    fetches = db.execute("select class, reason, status from fetches where source_id = ? order by id desc limit 1",
                         [source_id]).fetchone()
    if fetches is None:
        return f"{label}: not yet crawled ({_run(CRAWL.command, again)})"
    if source["state"] in ("dead", "failing", "blocked"):
        return f"{label}: {source['state']} link ({fetches[1] or fetches[0]}) and no memento with text"
    if fetches[0] in NETWORK_CLASSES:
        return (f"{label}: could not be fetched ({fetches[0]}) and no memento with text; "
                f"{_run(CRAWL.command, again)} when the network is back")
    if CLASSES.get(fetches[0], ("ok",))[0] != "ok" and fetches[2] is not None:   # an answer, not the page's
        return f"{label}: {fetches[0]} ({fetches[1] or 'no reason kept'}) and no memento with text"
    if CLASSES.get(fetches[0], ("ok",))[0] != "ok":
        return f"{label}: could not be fetched ({fetches[0]}) and no memento with text"
    return f"{label}: fetched ({fetches[0]}) but no text could be extracted"


# --- one statement ----------------------------------------------------------------------


def _text_ref(text: dict) -> dict:
    """The text a verdict rests on; a live one says when it was read last, and what the page's
    fetch after that was when it gave no text (a page dead now is judged on its last reading)."""
    ref = {"id": text["id"], "source_id": text["source_id"], "origin": text["origin"],
           "memento_timestamp": text["memento_timestamp"], "url": text["url"], "language": text["language"]}
    if text["origin"] == "live":
        ref["read_at"] = text.get("read_at")
        if text.get("unread_since"):
            ref["unread_since"] = text["unread_since"]
    return ref


def unread_words(text: dict) -> str:
    """What a verdict on a page that gave no text since its last reading adds to the reason."""
    since = text["unread_since"]
    return (f"the page as read on {utc_minute(text['read_at'])}: its last fetch ({since['class']}, "
            f"{utc_minute(since['at'])}) gave no text")


# The title verdicts that stand for a text whose body lacks the quote (`in_title`): the title's
# words as the quote has them.  Not `altered`: a title is a few words, and a short quote aligned
# against them with a word changed is a look-alike, not the quote.
TITLE_VERDICTS = ("verbatim", "minor", "elided")
IN_TITLE = "in the page's title, not its body"


def text_check(quote: str, text: dict, flags: list[str], th: Thresholds) -> tuple[Check, Verdict]:
    """The verdict on the quote against one stored text, as a `text` row: its body's, or its
    title's when only the title holds the quote (`in_title`)."""
    verdict = judge(quote, text["text"], flags, th)
    titled = in_title(quote, text, verdict, flags, th)
    if titled is not None:
        body, verdict = verdict, titled
    a = verdict.alignment
    evidence = {"text": _text_ref(text), "flags": flags, "changes": verdict.changes,
                "languages": verdict.languages}
    reason = verdict.reason
    if titled is not None:
        evidence.update({"in": "title", "body_verdict": body.verdict, "body_score": round(body.score, 1)})
        reason = f"{IN_TITLE}: {verdict.reason}"
    if a is not None and a.found and verdict.verdict in FOUND_VERDICTS:
        evidence["segments"] = [{"start": s.start, "end": s.end, "score": round(s.score, 1)} for s in a.segments]
        evidence["gaps"] = [list(g) for g in a.gaps]
        check = Check("text", verdict.verdict, reason, text["id"], verdict.score, (a.start, a.end),
                      a.matched, a.diff, evidence)
    else:
        check = Check("text", verdict.verdict, reason, text["id"], verdict.score, evidence=evidence)
    return check, verdict


def in_title(quote: str, text: dict, body: Verdict, flags: list[str], th: Thresholds) -> Verdict | None:
    """The verdict on the quote against the text's title (`texts.title`), when the body does not
    hold the quote (`body`: not-in-source, translation) and the title does (`TITLE_VERDICTS`);
    else None.  A headline quoted as the page's words is on the page (a press release's
    "Armenia must end the occupation…" is its <title> alone); a quote in both keeps the body's
    verdict, the passage a reader finds under the headline."""
    if body.verdict in FOUND_VERDICTS or not (text.get("title") or "").strip():
        return None
    titled = judge(quote, text["title"], flags, th)
    return titled if titled.verdict in TITLE_VERDICTS else None


def drift(checks: list[tuple[Check, dict]], earlier: set[int], rests_on: int) -> dict | None:
    """The cited pages that changed under the quote (`page_drift`), each judged on its own:
    a statement citing two pages can have the quote verbatim on one and gone from the other,
    and one page's memento says nothing about another page's live text.  The drift returned
    is the one most worth naming: the page the verdict rests on (`rests_on`, a source id),
    else the page that held the quote best (verbatim before altered), "removed" before
    "changed"; any other page that drifted too is listed, in the same shape, in its
    `other_pages` (absent when one page drifted), so a reader of `drift.kind` sees one page."""
    pages = dict.fromkeys(t["source_id"] for _, t in checks)
    found = [moved for source_id in pages
             if (moved := page_drift([(c, t) for c, t in checks if t["source_id"] == source_id], earlier))]
    return drift_of(sorted(found, key=lambda m: (m["source_id"] != rests_on, RANK[_held_verdict(m)],
                                                 m["kind"] != "removed")))


def drift_of(pages: list[dict]) -> dict | None:
    """Pages that drifted (`page_drift`'s, the one to name first) as the evidence keeps them:
    the first page, with `other_pages` when more drifted; None for none."""
    if not pages:
        return None
    first, *others = pages
    return {**first, "other_pages": others} if others else first


def drifted_pages(moved: dict | None) -> list[dict]:
    """Each page of a drift (`drift_of`), in order, the first without `other_pages`."""
    if not moved:
        return []
    return [{k: v for k, v in moved.items() if k != "other_pages"}, *moved.get("other_pages", [])]


def _held_verdict(moved: dict) -> str:
    """The verdict of the earlier text (a memento, or an earlier reading) that held the quote."""
    return moved.get("memento_verdict") or moved["read_verdict"]


def page_drift(checks: list[tuple[Check, dict]], earlier: set[int]) -> dict | None:
    """One page changed under the quote (`checks` are that page's texts only): one of its
    mementos, or an earlier reading of it (`earlier`, see `superseded`), matches the quote
    better than its latest live text does.  `kind` "removed" when the live text no longer has
    it at all, "changed" when it has it with other words (say verbatim then, altered now).  A
    memento is named first, a reader can open it; else the last reading that held the quote,
    the page as read closest to the change."""
    live = [(c, t) for c, t in checks if t["origin"] == "live" and t["id"] not in earlier]
    if not live or live[-1][0].verdict not in ("not-in-source", "altered"):
        return None
    now, now_text = live[-1]
    held = [(c, t) for c, t in checks if c.verdict in FOUND_VERDICTS and RANK[c.verdict] < RANK[now.verdict]]
    mementos = [(c, t) for c, t in held if t["origin"] == "memento"]
    readings = sorted([(c, t) for c, t in held if t["id"] in earlier], key=lambda ct: ct[1]["read_at"], reverse=True)
    memento = min(mementos, key=lambda ct: RANK[ct[0].verdict], default=None)
    reading = min(readings, key=lambda ct: RANK[ct[0].verdict], default=None)
    moved = {"kind": "removed" if now.verdict == "not-in-source" else "changed", "source_id": now_text["source_id"],
             "url": now_text["url"], "live_text_id": now_text["id"], "live_verdict": now.verdict,
             "live_read_at": now_text["read_at"]}
    if memento and (reading is None or RANK[memento[0].verdict] <= RANK[reading[0].verdict]):
        return {**moved, "memento_text_id": memento[1]["id"], "memento_timestamp": memento[1]["memento_timestamp"],
                "memento_verdict": memento[0].verdict}
    if reading:
        return {**moved, "read_text_id": reading[1]["id"], "read_at": reading[1]["read_at"],
                "read_verdict": reading[0].verdict}
    return None


def _memento_when(timestamp: str) -> str:
    """A memento's 14-digit time as a reason says it, as `utc_minute` says a reading's: '2020-04-01
    12:00 UTC' (the evidence keeps the digits, for machines); digits it cannot read, as they are."""
    iso = memento_date(timestamp)
    return utc_minute(iso) if iso else timestamp


def drift_words(moved: dict, rests_on: int) -> str:
    """The drift as the overall reason says it: where the quote was, and how the live page has
    it; each page that drifted, the page named when the verdict rests on another one (its
    "live page" is not the page the verdict speaks of)."""
    said = []
    for page in drifted_pages(moved):
        on = "" if page["source_id"] == rests_on else f" on {page['url'] or 'another cited page'}"
        live = "not in the live page" if page["kind"] == "removed" else f"{page['live_verdict']} in the live page"
        if "memento_text_id" in page:
            said.append(f"content drift{on}: {page['memento_verdict']} in the memento of "
                        f"{_memento_when(page['memento_timestamp'])}, {live}")
        else:
            said.append(f"content drift{on}: {page['read_verdict']} in the page as read on {utc_minute(page['read_at'])}, "
                        f"{live} now")
    return "; ".join(said)


def added_since(checks: list[tuple[Check, dict]], best: Check, best_text: dict, date: str | None,
                dated: str = "quote") -> dict | None:
    """Drift the other way: the verdict rests on the live text, which holds the quote, but the
    page's memento of the quote's `date` (the page as it was when quoted) does not (`kind`
    "added"), or has it in other words ("changed"): the page changed after.  The verdict stays
    the live text's (README: it rests on the page as read last); this says the words may not be
    the ones quoted then.  `dated` is "document" when `date` is the document's, the statement
    giving none (`quote_date`).

    Which memento: the first on or after the date (`_memento_as_quoted`); one from before says
    nothing of words added between it and the date.  Only a memento nearer the date than the
    live reading speaks for the page then (a capture made the day of the crawl does not).  No
    claim when a memento from before the date holds the quote (`_held_before`): the words were
    there before the quote, and a later capture lacking them (a maintenance stub, another page)
    says nothing of words added after it."""
    target = parse_date(date)
    if target is None or best_text["origin"] != "live" or best.verdict not in FOUND_VERDICTS:
        return None
    read = parse_date(best_text.get("read_at"))
    page = [(c, t) for c, t in checks if t["source_id"] == best_text["source_id"]]
    closest = _memento_as_quoted(page, target)
    if closest is None or read is not None and \
            _days_after(target, closest[1]["memento_timestamp"]) >= _days_after(target, wayback_timestamp(read)):
        return None
    then, memento = closest
    if then.verdict not in ("altered", "not-in-source") or RANK[then.verdict] <= RANK[best.verdict] or \
            _held_before(page, target):
        return None
    return {"kind": "added" if then.verdict == "not-in-source" else "changed", "source_id": best_text["source_id"],
            "url": best_text["url"], "quote_date": date, "date_of": dated, "live_text_id": best_text["id"],
            "live_verdict": best.verdict, "memento_text_id": memento["id"],
            "memento_timestamp": memento["memento_timestamp"], "memento_verdict": then.verdict}


def _memento_as_quoted(checks: list[tuple[Check, dict]], target) -> tuple[Check, dict] | None:
    """Of one page's texts, the memento that best shows the page as quoted on `target`: the
    first on or after it (any capture of a quoted day counts as that day: the quote may have
    been made at any hour of it), and, of captures as near, one that holds the quote best (a
    20:00 capture holding it says the words were there that day, whatever a 06:00 one lacks);
    then the earliest.  None when no memento is dated on or after `target`."""
    dated = [(_days_after(target, t["memento_timestamp"]), RANK[c.verdict], t["memento_timestamp"], t["id"], (c, t))
             for c, t in checks if t["origin"] == "memento" and memento_date(t["memento_timestamp"])]
    after = [d for d in dated if d[0] >= 0]
    return min(after, key=lambda d: d[:4])[4] if after else None


def _held_before(checks: list[tuple[Check, dict]], target) -> bool:
    """Whether a memento of one page's texts dated before `target` holds the quote (a found
    verdict): the words were on the page before they were quoted, so a later capture that
    lacks them cannot show they were added after (`added_since`)."""
    return any(t["origin"] == "memento" and memento_date(t["memento_timestamp"])
               and _days_after(target, t["memento_timestamp"]) < 0 and c.verdict in FOUND_VERDICTS
               for c, t in checks)


def _days_after(target, timestamp: str) -> float:
    """How many days a capture (its 14-digit timestamp) lies after the quote's date: 0 on a
    quoted day, negative before it (`distance_days`)."""
    return distance_days(Memento(timestamp, ""), target)


def added_words(added: dict) -> str:
    """`added_since` as the overall reason says it, naming whose date it is (the document's for
    a statement with none of its own)."""
    held = "not in" if added["kind"] == "added" else f"{added['memento_verdict']} in"
    return (f"{held} the memento of {_memento_when(added['memento_timestamp'])} "
            f"(the first on or after the {added.get('date_of', 'quote')}'s date): the page changed after")


def misattribution(db, quote: str, flags: list[str], exclude: set[int], th: Thresholds) -> list[dict]:
    """Other stored texts that do contain the quote: full-text search (crawler/search.py)
    for its rarer words (`search_terms`), then alignment of each hit, kept only when it
    holds the quote firmly (`names_the_quote_elsewhere`: a few shared words or a formula
    under another speaker's name are not where the quote comes from)."""
    from crawler.search import search  # imported here: crawler.search imports this module (USABLE_TEXT)

    words = search_terms(quote)  # in Chinese, Japanese, Thai: pieces of the quote's runs of letters
    if not words:
        return []
    # search's own query: texts_fts, or the trigram index for those scripts; any of the words (OR)
    hits = search(db, " OR ".join(f'"{w}"' for w in words), "fts", th.misattribution_candidates + len(exclude))
    texts = dict(db.execute("select id, text from texts where id in (select value from json_each(?))",
                            [json.dumps([hit["text_id"] for hit in hits])]).fetchall())
    found = []
    for text in hits:
        if text["text_id"] in exclude:
            continue
        verdict = judge(quote, texts[text["text_id"]], flags, th)
        if names_the_quote_elsewhere(verdict, th):
            cited_by = [r["statement_id"] for r in db.query(
                "select distinct statement_id from citations where source_id = ? and statement_id is not null",
                [text["source_id"]])]
            found.append({"text_id": text["text_id"], "source_id": text["source_id"], "url": text["text_url"],
                          "origin": text["origin"], "verdict": verdict.verdict, "score": round(verdict.score, 1),
                          "cited_by_statements": cited_by})
    return sorted(found, key=lambda f: (RANK[f["verdict"]], -f["score"]))


def rests_on_order(verdict: str, score: float | None, found_in: str | None, origin: str | None,
                   text_id: int) -> tuple:
    """The sort key of the text checks a verdict may rest on, the one to rest on first: the
    better verdict; of texts that do not hold the quote (`not-in-source`, `translation`), the
    live page, not whichever scored highest below the threshold (a same-day capture stub,
    "Capture of …", scores above a live page that shares no word with the quote); a body
    holding the quote before a title alone (`found_in` "title": `in_title`); the higher
    score, as stored (`stored_score`: the report has only that); the live text; the latest
    text stored (`text_id`).  `overall_check` and the report's footnote verdicts
    (crawler/report_data.py) both sort by it, so that a footnote citing the statement's one
    page rests on the text the statement's verdict rests on."""
    live = origin == "live"
    return (RANK[verdict], verdict not in FOUND_VERDICTS and not live, found_in == "title", -(score or 0),
            not live, -text_id)


def overall_check(db, quote: str, flags: list[str], checks: list[tuple[Check, dict]], gaps: list[str],
                  th: Thresholds, date: str | None = None, dated: str = "quote") -> Check:
    """One verdict for the statement: the best over its texts but the live readings a later
    one superseded (`superseded`: those tell drift), with drift, words added since the
    memento of the quote's `date` (`added_since`; `dated` says whose date it is), and
    misattribution.  Of texts with the same verdict, one whose body holds the quote comes before
    one holding it only in its title (`in_title`: a headline, not the passage cited); then the
    higher score as stored (`stored_score`, to 0.1, as the report ranks a footnote's texts);
    at equal score the live text is the one the verdict rests on (the README's
    promise: a memento holding the quote as well says nothing more, and resting on it would
    hide that the page as quoted lacked the words); else the latest text stored."""
    if not checks:
        reason = "; ".join(gaps) or "no citation for this statement"
        found = misattribution(db, quote, flags, set(), th)
        if found:  # nothing cited to check, yet the words are stored elsewhere
            reason += f"; the quote is in another stored text ({found[0]['verdict']}): {found[0]['url']}"
        return Check("overall", "unverifiable", reason, evidence={"missing": gaps, "flags": flags, "elsewhere": found})
    earlier = superseded([t for _, t in checks])
    current = [(c, t) for c, t in checks if t["id"] not in earlier]
    best, best_text = min(current, key=lambda ct: rests_on_order(
        ct[0].verdict, stored_score(ct[0].score), ct[0].evidence.get("in"), ct[1]["origin"], ct[1]["id"]))
    evidence = {"text": _text_ref(best_text), "flags": flags, "changes": best.evidence.get("changes", []),
                "languages": best.evidence.get("languages"),
                "texts": [{"text_id": t["id"], "origin": t["origin"], "memento_timestamp": t["memento_timestamp"],
                           "verdict": c.verdict, "score": stored_score(c.score),
                           **({"superseded": True, "read_at": t["read_at"]} if t["id"] in earlier else {})}
                          for c, t in checks],
                "missing": gaps}
    if best.evidence.get("in"):   # the span and matched are the title's (`in_title`)
        evidence["in"] = best.evidence["in"]
    reason = best.reason
    if best_text["origin"] == "live" and best_text.get("unread_since"):
        reason += "; " + unread_words(best_text)
    moved = drift(checks, earlier, best_text["source_id"])
    if moved:
        evidence["drift"] = moved
        reason += "; " + drift_words(moved, best_text["source_id"])
    if added := added_since(checks, best, best_text, date, dated):
        evidence["added_since"] = added
        reason += "; " + added_words(added)
    if best.verdict == "not-in-source":
        found = misattribution(db, quote, flags, {t["id"] for _, t in checks}, th)
        evidence["misattribution"] = found
        if found:
            reason += f"; possible misattribution: found ({found[0]['verdict']}) in {found[0]['url']}"
    return Check("overall", best.verdict, reason, None, best.score, best.span, best.matched, best.diff, evidence)


def check_statement(db, statement: dict, th: Thresholds, borrowed: list[dict] = (),
                    again: str | None = None) -> list[Check]:
    """`text` checks for each text of the statement's sources, then the overall one.
    `borrowed` are citations of a matching statement elsewhere (for an article); `again`
    names what the notes say to run (`run`)."""
    citations = citations_of(db, statement["id"])
    flags = flags_of(statement, citations)
    texts: dict[int, dict] = {}
    gaps = []
    for citation in [*citations, *borrowed]:
        found = citation_texts(db, citation)
        texts.update((t["id"], t) for t in found)
        if not found and not (borrowed and citation["kind"] == "unfootnoted"):
            gaps.append(_citation_gap(db, citation, statement["document_id"], again))
    ordered = sorted(texts.values(), key=lambda t: (t["created_at"], t["id"]))
    checks = [(text_check(statement["quote"], text, flags, th)[0], text) for text in ordered]
    date, dated = quote_date(db, statement)
    return [c for c, _ in checks] + [overall_check(db, statement["quote"], flags, checks, gaps, th, date, dated)]


def quote_date(db, statement: dict) -> tuple[str | None, str]:
    """The date a statement's quote is checked at, and whose it is: its own ("quote"), else its
    document's ("document": an article's quote, a letter's undated statement), which the reason
    must then name as such, not pass off as the day the words were said."""
    if statement.get("date"):
        return statement["date"], "quote"
    row = db.execute("select date from documents where id = ?", [statement["document_id"]]).fetchone()
    return (row[0] if row else None), "document"


# --- across documents -------------------------------------------------------------------


def _entity_words(entity: str | None) -> str:
    return " ".join(word_keys(entity or ""))


def same_entity(a: str | None, b: str | None) -> bool:
    """"NATO" and "North Atlantic Treaty Organization (NATO)", "Estonia" and
    "Republic of Estonia": the same entity named two ways."""
    wa, wb = _entity_words(a), _entity_words(b)
    if not wa or not wb:
        return False
    return fuzz.token_set_ratio(wa, wb) >= 90 or set(wa.split()) <= set(wb.split()) or set(wb.split()) <= set(wa.split())


# Verdicts of an article's quote against another compilation's statement that make the two the
# same words: only then are the other statement's sources the quote's, whoever the article
# names as the speaker (an altered match with another speaker's statement is a look-alike,
# and checking the quote against that speaker's source would pass it off as theirs).  Elided
# counts: an ellipsis shortens the words, it does not change them.
SAME_WORDS = ("verbatim", "minor", "elided")


@dataclass
class Counterpart:
    """The statement an article's quote is compared with (`counterpart`): `verdict` their
    alignment, `entity` whether both name the same speaker (None when the quote or that
    statement names none: unknown, not another speaker); `borrow` whether the quote is checked
    against its sources; `misattributed`, when the quote has another speaker's words
    (`SAME_WORDS`), the article's speaker's own closest statement and how it holds the quote."""

    other: dict
    verdict: Verdict
    entity: bool | None
    borrow: bool
    misattributed: dict | None = None


def counterpart(db, statement: dict, th: Thresholds) -> Counterpart | None:
    """The statement of another compiled document that this one quotes.  In this order: the
    same speaker's statement holding the quote with the same words (`SAME_WORDS`: verbatim,
    minor or elided); of another speaker's and one naming no speaker holding it so, the one
    holding it better (at a tie, the one naming none): another speaker's words are theirs, a
    possible misattribution when the article's speaker has a statement of their own (named in
    `misattributed`); a statement naming no speaker is nobody's in particular, never another
    speaker's, and lends its sources with the speaker match unknown (`entity` None), no
    misattribution said (words held as closely by a statement naming no speaker are not shown
    to be another speaker's).  Then, unless the same speaker's holds the quote at all, one
    naming no speaker holding it only altered, shown but its sources not borrowed: the quote
    names its speaker, and an altered look-alike may be anyone's words (another speaker's
    altered look-alike is not borrowed from either).  Then the same speaker's best alignment,
    whatever its verdict, borrowed when it holds the quote at all; else another speaker's that
    holds the quote only altered, shown but its sources not borrowed.  A quote that names no
    speaker (`entity` None) is nobody's in particular: the statement that holds it best,
    borrowed when it holds it at all (altered too: no speaker's words are passed off as
    another's), with no other speaker named (`_unattributed_counterpart`).

    Candidates: every statement of a letter, and statements of other compilations
    (a quote list of `citewatch check` may hold thousands) only under the same entity.
    """
    entities = [r["entity"] for r in db.query(
        "select distinct s.entity from statements s join documents d on d.id = s.document_id "
        "where s.document_id != ? and d.kind not in ('article', 'letter')", [statement["document_id"]])]
    matching = [e for e in entities if same_entity(statement["entity"], e)]
    marks = ", ".join("?" for _ in matching) or "null"
    others = [dict(r) for r in db.query(
        "select s.* from statements s join documents d on d.id = s.document_id where s.document_id != ? "
        f"and (d.kind = 'letter' or (d.kind != 'article' and s.entity in ({marks})))",
        [statement["document_id"], *matching])]
    if not _entity_words(statement["entity"]):
        return _unattributed_counterpart(statement, others, th)
    # the best statement of the same speaker (True), of another (False), of none named (None): (key, it, verdict)
    best: dict[bool | None, tuple] = {}
    for candidate in others:
        entity = same_entity(statement["entity"], candidate["entity"]) if _entity_words(candidate["entity"]) else None
        verdict = judge(statement["quote"], candidate["quote"], (), th)
        key = (-RANK[verdict.verdict], verdict.score)
        if (entity or verdict.verdict in FOUND_VERDICTS) and (entity not in best or key > best[entity][0]):
            best[entity] = (key, candidate, verdict)
    same, other, unnamed = best.get(True), best.get(False), best.get(None)
    if same and same[2].verdict in SAME_WORDS:
        return Counterpart(same[1], same[2], True, True)
    unnamed_words = unnamed and unnamed[2].verdict in SAME_WORDS
    if other and other[2].verdict in SAME_WORDS and not (unnamed_words and unnamed[0] >= other[0]):
        return Counterpart(other[1], other[2], False, True, _statement_ref(*same[1:]) if same else None)
    if unnamed and (unnamed_words or not (same and same[2].verdict in FOUND_VERDICTS)):
        return Counterpart(unnamed[1], unnamed[2], None, bool(unnamed_words))
    if same:
        return Counterpart(same[1], same[2], True, same[2].verdict in FOUND_VERDICTS)
    return Counterpart(other[1], other[2], False, False) if other else None


def _unattributed_counterpart(statement: dict, others: list[dict], th: Thresholds) -> Counterpart | None:
    """`counterpart` for a quote with no speaker named: the statement holding it best, if any
    holds it; its sources borrowed, the speaker match unknown (None)."""
    found = [(verdict, other) for other in others
             if (verdict := judge(statement["quote"], other["quote"], (), th)).verdict in FOUND_VERDICTS]
    if not found:
        return None
    verdict, other = max(found, key=lambda vo: (-RANK[vo[0].verdict], vo[0].score))
    return Counterpart(other, verdict, None, True)


def _statement_ref(statement: dict, verdict: Verdict | None = None) -> dict:
    """A statement of another compilation as the evidence names it (with how the quote
    matches it, when given)."""
    ref = {"statement_id": statement["id"], "document_id": statement["document_id"], "seq": statement["seq"],
           "entity": statement["entity"], "footnote": statement["footnote"] if statement["footnote"] is None
           else printed(statement["footnote"], statement["footnote"], statement.get("part"))}
    return ref if verdict is None else {**ref, "verdict": verdict.verdict, "score": round(verdict.score, 1)}


def _statement_words(ref: dict) -> str:
    """A statement of another compilation as a reason names it."""
    return f"document {ref['document_id']} statement {ref['seq']} ({ref['entity'] or 'no speaker named'})"


def _other_speaker_words(entity: str | None) -> str:
    """How a reason or note names the statement of another speaker an article's quote matched;
    one that names no speaker is not said to be another's ("by None")."""
    return f"a statement by {entity}, another speaker" if entity else "a statement with no speaker named"


def compilation_check(other: dict, verdict: Verdict, entity: bool | None, borrow: bool | None = None,
                      misattributed: dict | None = None) -> Check:
    """The differences between two compilations of one statement, as a `compilation` row:
    `other` is the statement compared with, `verdict` their alignment, `entity` whether both name
    the same speaker (None: the quote or `other` names none, and no other speaker is said; the
    reason says "matched a statement with no speaker named" of an `other` naming none), `borrow`
    whether the quote is checked against `other`'s sources (by default when the quote is in
    it), `misattributed` the article's speaker's own statement when the words are another
    speaker's (`Counterpart`)."""
    a = verdict.alignment
    found = verdict.verdict in FOUND_VERDICTS and a is not None
    borrow = found if borrow is None else borrow
    evidence = {"compared_with": _statement_ref(other), "entity_match": entity, "borrowed": borrow,
                "changes": verdict.changes}
    reason = f"against {_statement_words(evidence['compared_with'])}: {verdict.reason}"
    if entity is False or not _entity_words(other["entity"]):
        reason += f"; matched {_other_speaker_words(other['entity'])}" + (
            "" if borrow else ": its sources are not the quote's, not used")
    if misattributed:
        evidence["misattribution"] = misattributed
        reason += (f"; possible misattribution: the quote is {verdict.verdict} in "
                   f"{_statement_words(evidence['compared_with'])}, "
                   f"only {misattributed['verdict']} (score {misattributed['score']:.0f}) in "
                   f"{_statement_words(misattributed)}")
    return Check("compilation", verdict.verdict, reason, None, verdict.score,
                 (a.start, a.end) if found else (None, None), a.matched if found else None,
                 a.diff if found else None, evidence)


# --- the stage --------------------------------------------------------------------------


def write(db, statement_id: int, checks: list[Check]) -> None:
    """Upsert the statement's checks in one transaction (one row per scope and text)."""
    checked_at = database.now()
    columns = list(checks[0].row(statement_id, checked_at)) if checks else []
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("statement_id", "scope", "text_id"))
    sql = (f"insert into quote_checks ({', '.join(columns)}) values ({', '.join('?' for _ in columns)}) "
           f"on conflict (statement_id, scope, coalesce(text_id, 0)) do update set {updates}")
    with database.write_transaction(db):
        for check in checks:
            db.conn.execute(sql, list(check.row(statement_id, checked_at).values()))


def statements_to_check(db, document: int | None = None, statement: int | None = None,
                        statements: Collection[int] | None = None) -> list[dict]:
    """Statements in document order; articles last, so their counterparts exist.  `statements`
    (ids) limits them too: none when it is empty, never all."""
    where, params = [], []
    if statements is not None:
        where.append("s.id in (select value from json_each(?))")
        params.append(json.dumps(sorted(statements)))
    if document is not None:
        where.append("s.document_id = ?")
        params.append(document)
    if statement is not None:
        where.append("s.id = ?")
        params.append(statement)
    sql = ("select s.*, d.kind as document_kind from statements s join documents d on d.id = s.document_id"
           + (" where " + " and ".join(where) if where else "")
           + " order by d.kind = 'article', s.document_id, s.seq")
    return [dict(r) for r in db.query(sql, params)]


def reconcile_statement(db, statement: dict, th: Thresholds = THRESHOLDS, again: str | None = None) -> list[Check]:
    """Every check of one statement (a statement with an empty quote gets a clear reason);
    `again` names what the notes say to run (`run`)."""
    if not (statement["quote"] or "").strip() or not word_keys(statement["quote"]):
        return [Check("overall", "unverifiable", f"statement {statement['seq']} has no quoted words to check")]
    if statement.get("document_kind") != "article":
        return check_statement(db, statement, th, again=again)
    match = counterpart(db, statement, th)
    if match is None:
        return check_statement(db, statement, th, again=again)
    borrowed = citations_of(db, match.other["id"]) if match.borrow else []
    checks = check_statement(db, statement, th, borrowed, again)
    if match.entity is not True and _lent_text_checked(db, borrowed, checks):
        # the verdict is on another statement's sources (another speaker's, or lent to a quote
        # naming no speaker): say whose where it is read
        checks[-1].reason += (f"; checked against the sources of {_statement_words(_statement_ref(match.other))}"
                              + (", another speaker's statement" if match.entity is False and match.other["entity"]
                                 else ""))
    return [compilation_check(match.other, match.verdict, match.entity, match.borrow, match.misattributed), *checks]


def _lent_text_checked(db, borrowed: list[dict], checks: list[Check]) -> bool:
    """Whether a text of the borrowed citations' sources was checked: a source lent with no
    text (not crawled yet) checked nothing, and the reason must not say it was."""
    lent = {source for citation in borrowed for source in source_ids(db, citation)}
    return any(c.scope == "text" and c.evidence["text"]["source_id"] in lent for c in checks)


def run(db, config=None, document: int | None = None, statement: int | None = None, progress=None,
        th: Thresholds = THRESHOLDS, statements: Collection[int] | None = None, again: str | None = None) -> dict:
    """Reconcile every statement (or one document's, or one, or those in `statements`);
    returns counts per verdict.

    `progress(statement, checks)` is called after each statement (the CLI's bar).
    A statement whose check fails is listed in `errors` with the reason and left
    without rows, so the next run tries it again; the others go on.  `again` is what the
    notes name to run to fetch a missing text, instead of `citewatch crawl` or `citewatch
    resolve` (`citewatch check` passes "the check"; `run`).
    """
    counts = {"statements": 0, **{v: 0 for v in VERDICTS}, "drift": 0, "misattribution": 0, "compilation": 0,
              "errors": []}
    for row in statements_to_check(db, document, statement, statements):
        try:
            checks = reconcile_statement(db, row, th, again)
        except Exception as exc:  # one bad statement must not stop the others; a re-run retries it
            if database.damaged(exc):
                raise  # the database file, not this statement: every other one would fail too
            counts["errors"].append(f"statement {row['id']} (document {row['document_id']}, seq {row['seq']}) could not "
                                    f"be checked ({type(exc).__name__}: {exc}); fix its rows and re-run citewatch reconcile")
            continue
        write(db, row["id"], checks)
        overall = next(c for c in checks if c.scope == "overall")
        counts["statements"] += 1
        counts[overall.verdict] += 1
        counts["drift"] += bool(overall.evidence.get("drift"))
        compiled = next((c for c in checks if c.scope == "compilation"), None)
        counts["misattribution"] += bool(overall.evidence.get("misattribution")
                                         or compiled and compiled.evidence.get("misattribution"))
        counts["compilation"] += compiled is not None
        if progress is not None:
            progress(row, checks)
    return counts


def text_used(evidence: dict) -> str:
    """"live", "memento 20200401…", "post": which text the overall verdict rests on.  A live
    text the page has given none since (404 now, say) is "live, read 2026-01-01 00:00 UTC; now
    client-error": a bare "live" would pass the page as read then off as the page now (the
    reason says it at length and in UTC, the terminal's column in a few words)."""
    text = evidence.get("text")
    if not text:
        return "—"
    if text["origin"] == "memento" and text.get("memento_timestamp"):
        return f"memento {text['memento_timestamp']}"
    since = text.get("unread_since")
    if text["origin"] == "live" and since:
        return f"live, read {utc_minute(text['read_at'])}; now {since['class']}"
    return text["origin"]


def summary_rows(db, document: int | None = None) -> list[tuple[str, ...]]:
    """(statement, footnote, verdict, score, text used, note) per statement, for the CLI table;
    a quote list's row is named by its id there (`coe-1`), as the reports name it.  A statement
    citing several footnotes has a row per footnote with its own verdict instead (`_footnote_rows`):
    one row would pass the best footnote's verdict off as every footnote's."""
    sql = ("select s.id as statement_id, s.document_id, s.seq, s.entity, s.footnote, s.part, r.row_key, q.verdict, "
           "q.score, q.evidence, q.reason, "
           "c.verdict as compiled, c.score as compiled_score, c.evidence as compiled_evidence, "
           "json_extract(c.evidence, '$.compared_with.document_id') as other_document, "
           "json_extract(c.evidence, '$.compared_with.seq') as other_seq, "
           "(select count(*) from citations where statement_id = s.id) as citations "
           "from quote_checks q join statements s on s.id = q.statement_id "
           "left join quote_rows r on r.statement_id = s.id "
           "left join quote_checks c on c.statement_id = q.statement_id and c.scope = 'compilation' "
           "where q.scope = 'overall'"
           + (" and s.document_id = ?" if document is not None else "") + " order by s.document_id, s.seq")
    rows = []
    for r in db.query(sql, [document] if document is not None else []):
        evidence, reason = evidence_of(r)   # {} when stored unreadable: said in the note
        statement = f"{r['document_id']}:{r['seq']} {r['entity'] or ''}".strip()
        if r["citations"] > 1 and evidence:   # its footnotes were compared (a quote with no words is not)
            rows.extend(_footnote_rows(db, r, statement))
            continue
        rows.append((statement,
                     r["row_key"] if r["row_key"] is not None else
                     "" if r["footnote"] is None else str(printed(r["footnote"], r["footnote"], r["part"])),
                     r["verdict"], _score(r["score"]), text_used(evidence),
                     _note({**r, "reason": reason}, evidence, unreadable=reason != r["reason"])))
    return rows


def _score(score: float | None) -> str:
    """A score as the table shows it: whole points, blank for a verdict without one."""
    return "" if score is None else f"{score:.0f}"


def _note(r: dict, evidence: dict, unreadable: bool = False) -> str:
    """A verdict row's note: drift, where the quote was found instead, why it is unverifiable,
    how another compilation of the statement differs, and that its evidence as stored could not
    be read (`unreadable`: report_data `evidence_of`; an unverifiable one's reason says it)."""
    note = UNREADABLE_EVIDENCE if unreadable else ""
    if evidence.get("drift"):
        note = "content drift"
    if added := evidence.get("added_since"):
        note = "; ".join(filter(None, (note, added_words(added))))
    if evidence.get("misattribution"):
        note = f"found in {evidence['misattribution'][0]['url']}"
    if r["verdict"] == "unverifiable":
        note = r["reason"]
    if r["compiled"]:
        note = _compiled_note(r, stored_json(r["compiled_evidence"], dict) or {}) + (f"; {note}" if note else "")
    return note


def _compiled_note(r: dict, evidence: dict) -> str:
    """How an article's quote matches the other compilation's statement, as a note: verdict,
    statement, score, the speaker when another one's (and whether its sources were used), the
    changes, and a possible misattribution (`compilation_check`)."""
    note = f"{r['compiled']} vs {r['other_document']}:{r['other_seq']}"
    inside = [f"score {_score(r['compiled_score'])}"] if r.get("compiled_score") is not None else []
    if changes := evidence.get("changes"):
        inside.append(", ".join(f"{c['source'] or '∅'} → {c['quote'] or '∅'}" for c in changes))
    note += f" ({'; '.join(inside)})" if inside else ""
    other = evidence.get("compared_with")
    if evidence.get("entity_match") is False or isinstance(other, dict) and not _entity_words(other.get("entity")):
        note += f": matched {_other_speaker_words((other or {}).get('entity'))}"
        note += "" if evidence.get("borrowed", True) else ", its sources not used"
    if wrong := evidence.get("misattribution"):
        note += (f"; possible misattribution: only {wrong['verdict']} (score {wrong['score']:.0f}) in "
                 f"{wrong['document_id']}:{wrong['seq']} {wrong['entity']}")
    return note


def _footnote_rows(db, r: dict, statement: str) -> list[tuple[str, ...]]:
    """A row per footnote of a statement citing several, with the footnote's own verdict as the
    report's footnote rows give it (report_data `citation_verdicts`); a footnote whose verdict
    is not the statement's says the statement's in its note."""
    rows, seen = [], Counter()
    for citation, verdict in citation_verdicts(db, r["statement_id"]):
        note = _note({**r, "verdict": verdict["verdict"], "reason": verdict["reason"]}, verdict["evidence"] or {})
        if verdict["verdict"] != r["verdict"]:
            note = f"statement: {r['verdict']}" + (f"; {note}" if note else "")
        rows.append((statement, _footnote_cell(citation, seen), verdict["verdict"],
                     _score(verdict["score"]), text_used(verdict["evidence"] or {}), note))
    return rows


def _footnote_cell(citation: dict, seen: Counter) -> str:
    """The table's footnote column for one of a statement's citations, in footnote order: the
    footnote as printed, "3 (URL 2)" for the second URL a footnote lists (its own citation,
    named by its footnote), and an article's "1, link 2" (`citation_label` without "quote");
    `seen` counts the footnotes named so far."""
    label = citation_label(citation)
    if not label.startswith("footnote "):
        return label.split(" ", 1)[1]
    named = label.removeprefix("footnote ")
    seen[named] += 1
    return named if seen[named] == 1 else f"{named} (URL {seen[named]})"
