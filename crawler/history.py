"""Every crawl kept: per-source history, link-rot rates, and what changed since the last run.

The crawl stage writes one `fetches` row per attempt; the deciding one (`final = 1`) of
a source in a crawl is that crawl's *check* of the source; a resolved tweet's are also
the syndication endpoint's answers (`post-state` fetches, see `load_checks`).  From the
checks in time order, each in the state the crawl recorded after it under the dead rule in
force then (`fetches.state_after`: a report read under other settings never re-judges the
past), this module tells when a source was first seen, last seen live, first seen failing,
when it was declared dead and by which rule, when its text changed (by how much and in
what words, as a run's changes say it, so that a change stays readable after the run that
saw it; a change of its numbers alone, a share counter, is told apart), which mementos appeared,
and the link-rot rate per domain and over time.  `record_run` keeps what a run left behind
in `run_states`, so that the next run can say what is newly dead, recovered, drifted or
re-judged since the run it compares with (a failure on one check of weak evidence, a timeout, is
listed apart, not counted, until the next check fails too: `_source_change`, marked in the state
kept, `kept_state`): a hand-started run, the latest run; a scheduled one,
the latest scheduled run, so that cron's alerts cover every change since it last reported (only
those two rows keep their state; every row keeps its changes).  A text back to the page's first
wording is said as restored (`_text_changes`), still a change.  A changed text
is said with what changed, not only how many words: a few of its edits, clipped, with their
context, flagged where they touch the passage a citing quote matched (`_excerpts`), stored with
the run's changes (its `changes` JSON: no column added), so that a report or `status` reads
them without comparing the texts again, flagged by the quote spans known when the run compared.
A stored JSON value that cannot be read (a hand-edited or damaged row: another kind of JSON, or
none) is read as none, never a crash: a check's recorded state (`_recorded_state`), a kept state
compared with (`_changes_since`: the state rebuilt from the history as of that run, what it
cannot rule out listed again, and the state that could not be read counted as one change) and
a run's changes (`latest_changes`: the latest that can be read is shown).
"""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from rapidfuzz.distance import Levenshtein

import db as database
from archive.snapshots import shown_timestamp
from archive.warc import response_at
from crawler.classify import CLASSES
from crawler.config import SETTINGS
from crawler.numbering import printed
from crawler.posts import syndication_state
from crawler.social import SYNDICATION_CONFIRM
from crawler.state import (CRAWL_SPIDER, WAIT_CLASSES, can_die, evidence_strength, next_state, offline_crawls,
                           stored_checks)
from crawler.terminal import UNPRINTABLE

# What a check says about rot, by the kind the classifier gives each fetch class.
_OUTCOME_OF_KIND = {"ok": "live", "rot": "failing", "uncertain": "uncertain"}


def check_outcome(fetch_class: str | None) -> str:
    """live, failing or uncertain: what one check says about rot (crawler.classify decides)."""
    kind = CLASSES.get(fetch_class, ("uncertain",))[0]
    return _OUTCOME_OF_KIND.get(kind, "uncertain")


@dataclass(slots=True)
class Check:
    """A source's outcome in one crawl: its deciding (`final`) live fetch there, or for a
    resolved tweet, the syndication endpoint's answer (`via`), its class the check's.
    `load_checks` holds one for every check of every source (100,000 sources checked weekly
    for a year are 5 million): slotted, and without what only the latest needs (the body's
    SHA-256, its WARC record: report_data reads those of the latest fetches in one query)."""

    fetch_id: int
    crawl_id: int
    at: str
    fetch_class: str
    status: int | None
    final_url: str | None
    reason: str | None
    outcome: str
    withdrawn: bool = False  # a check of an offline crawl (crawler/state.py): no evidence either way
    state: str = "unknown"  # the source's state after this check, by the state machine's rule
    failing_checks: int = 0  # failing checks counted toward dead after this check
    text_id: int | None = None
    text_sha256: str | None = None
    via: str | None = None  # "syndication": a tweet's check by the tweet-embed endpoint
    confirm: int = 1  # answers in a row a rot check needs to count (crawler/state.py)
    can_die: bool = True  # crawler.state.can_die of the source and the check
    recorded: dict | None = None  # fetches.state_after: the state and dead rule the crawl recorded


def setting_values(config=None) -> dict:
    """The configuration's values, or the settings' defaults for a caller that has none
    (a test, a report of a database alone)."""
    return config.values if config is not None else {s.name: s.default for s in SETTINGS}


def dead_rule(config=None) -> tuple[int, float]:
    """(dead_after_checks, dead_after_days) from the configuration, or their defaults: the
    rule the history replays a check by that has no recorded state (one from before m019)."""
    values = setting_values(config)
    return int(values["dead_after_checks"]), float(values["dead_after_days"])


def warc_data_dir(config=None) -> str:
    """The data directory `fetches.warc_path` is relative to: the configuration's, or the default."""
    return setting_values(config)["data_dir"]


def warc_max_size(config=None) -> int:
    """The largest body the crawl kept (max_size): the configuration's, or the default; a WARC's
    body is read back up to it (archive/warc.py `response_at`), as the crawl decoded it."""
    return int(setting_values(config)["max_size"])


def _replay(checks: list[Check], rule: tuple[int, float]) -> None:
    """Give each check the state the source had after it, replaying crawler.state's machine,
    so that a dead spell stays in the history after the source has recovered.  A check the
    crawl recorded a state for (`recorded`) keeps that state, judged by the rule in force
    then, whatever `rule` is now: what was declared is history.  Only a check without one
    (recorded before m019) is judged by `rule`.  A check the machine ignores (a logged-out
    page after syndication checks, a rate limit) or has not confirmed yet (a first
    syndication 404) says nothing about rot: its outcome is uncertain."""
    previous: dict = {"state": "unknown", "failing_checks": 0, "checks": []}
    for check in checks:
        if check.withdrawn or check.fetch_class not in CLASSES:
            check.state, check.failing_checks = previous["state"], previous["failing_checks"]
            continue
        previous = next_state(previous, {"at": check.at, "class": check.fetch_class, "reason": check.reason or "",
                                         "crawl_id": check.crawl_id, "fetch_id": check.fetch_id,
                                         "via": check.via, "confirm": check.confirm},
                              *_rule_of(check, rule), can_die=check.can_die)
        if check.recorded:
            previous.update(state=check.recorded["state"], failing_checks=check.recorded["failing_checks"])
        check.state, check.failing_checks = previous["state"], previous["failing_checks"]
        entry = previous["checks"][-1]
        if entry.get("ignored") or entry.get("confirmed") is False:
            check.outcome = "uncertain"


def _rule_of(check: Check, rule: tuple[int, float]) -> tuple[int, float]:
    """The dead rule the check was judged by when recorded, else `rule`."""
    if not check.recorded:
        return rule
    return int(check.recorded["dead_after_checks"]), float(check.recorded["dead_after_days"])


def _recorded_syndication_checks(db) -> dict[int, dict]:
    """The syndication checks still kept in sources.checks (at, class, reason, confirm, as
    record_check applied them), by the `post-state` fetch each points at."""
    recorded = {}
    for (stored,) in db.execute("select checks from sources where id in "
                                "(select source_id from fetches where purpose = 'post-state')"):
        for entry in stored_checks(stored):   # (one that cannot be read: read again from its answer)
            if entry.get("via") == "syndication" and entry.get("fetch_id") and entry.get("at") and entry.get("class"):
                recorded[entry["fetch_id"]] = {"at": entry["at"], "class": entry["class"],
                                               "reason": entry.get("reason"),
                                               "confirm": int(entry.get("confirm") or SYNDICATION_CONFIRM)}
    return recorded


def _answered_check(at: str, status: int | None, warc_path: str | None, warc_offset: int | None,
                    data_dir: str, max_size: int) -> dict | None:
    """The check a syndication answer made whose entry sources.checks no longer keeps, read
    again from the answer with the function the social stage used (syndication_state): a
    status other than 200 decides alone, a 200 (the tweet, or a tombstone) needs the body,
    from the WARC; None when the answer said nothing (a failure, a 5xx: the stage recorded
    no check) or its WARC is gone."""
    body = b"" if status != 200 else (response_at(warc_path, warc_offset, data_dir, max_size) or (None, None))[1]
    said = syndication_state(status, body) if body is not None else None
    if said is None:
        return None
    return {"at": at, "class": said[0], "reason": said[1], "confirm": SYNDICATION_CONFIRM}


def load_checks(db, rule: tuple[int, float] | None = None, data_dir: str | None = None,
                max_size: int | None = None) -> dict[int, list[Check]]:
    """Every source's checks in crawl order, each with the text extracted from it, if any,
    and the state it left the source in.  An offline crawl's checks are kept, withdrawn:
    they change no state and count as uncertain, never as rot.

    A resolved tweet's checks by the syndication endpoint are its `post-state` fetches, one
    per social run that got an answer: these are every time the endpoint was asked, while
    sources.checks keeps KEEP_CHECKS at most (crawler/state.py's `_trimmed`: newer syndication
    checks push older ones out; logged-out page checks never do), and the report tells the
    whole history.
    A fetch row's own class is the page classifier's, though (a 404 is client-error, a
    tombstone a 200 like the tweet itself), so each takes the class of the check recorded
    for it in sources.checks, or when that entry has been dropped, the class its answer
    gives again (`_answered_check`, from its WARC in `data_dir`, read up to `max_size`: by
    default `warc_data_dir()`, `warc_max_size()`).  They are replayed with `via` and `confirm`, as
    record_check applied them: a first 404 stays unknown until repeated, and a logged-out
    fetch of the tweet's page after them changes nothing.

    Each check keeps the state the crawl recorded after it (`fetches.state_after`, with the
    dead rule in force then): `rule` judges only the checks recorded before there was one.
    """
    rows = db.execute(
        """
        select f.id, f.crawl_id, coalesce(f.started_at, c.started_at), f.class, f.status, f.final_url,
               f.reason, f.source_id, f.sha256, f.purpose, s.kind, f.warc_path, f.warc_offset, f.state_after
        from fetches f join crawls c on c.id = f.crawl_id join sources s on s.id = f.source_id
        where f.id in (select max(id) from fetches where purpose in ('live', 'post-state') and final = 1
                       group by crawl_id, source_id, purpose)
        order by f.source_id, c.started_at, f.id
        """
    ).fetchall()
    texts = {fid: (tid, sha) for tid, fid, sha in db.execute(
        "select id, fetch_id, sha256 from texts where origin = 'live' and fetch_id is not null")}
    # other bytes, the same words (a page whose markup changes each time): the text is stored
    # once, so no text row names the fetch; the source's latest extraction says which it gave
    extracted = {(sid, body): (tid, sha) for sid, body, tid, sha in db.execute(
        "select e.source_id, e.body_sha256, t.id, t.sha256 from extractions e join texts t on t.id = e.text_id "
        "where t.origin = 'live'")}
    recorded = _recorded_syndication_checks(db)
    offline = offline_crawls(db)
    checks: dict[int, list[Check]] = defaultdict(list)
    text_by_body: dict[tuple[int, str], tuple[int, str]] = {}
    for (fid, crawl_id, at, cls, status, final_url, reason, source_id, body_sha, purpose, kind,
         warc_path, warc_offset, state_after) in rows:
        withdrawn = crawl_id in offline
        after = _recorded_state(state_after)
        if purpose == "post-state":
            said = recorded.get(fid) or _answered_check(at, status, warc_path, warc_offset, data_dir or warc_data_dir(),
                                                        max_size or warc_max_size())
            if said is not None:
                checks[source_id].append(Check(
                    fid, crawl_id, said["at"], said["class"], status, final_url, said["reason"],
                    "uncertain" if withdrawn else check_outcome(said["class"]), withdrawn,
                    via="syndication", confirm=said["confirm"], can_die=can_die(kind, "syndication"),
                    recorded=after))
            continue
        check = Check(fid, crawl_id, at, cls, status, final_url, reason,
                      "uncertain" if withdrawn else check_outcome(cls), withdrawn,
                      can_die=can_die(kind), recorded=after)
        # The texts table keeps one row per distinct text, tied to the fetch that first
        # gave it; a later fetch of the same bytes has the same text.
        text = texts.get(fid) or text_by_body.get((source_id, body_sha)) or extracted.get((source_id, body_sha))
        if text and check.outcome == "live":
            check.text_id, check.text_sha256 = text
            text_by_body.setdefault((source_id, body_sha), text)
        checks[source_id].append(check)
    for history in checks.values():
        _replay(history, rule or dead_rule())
    return checks


# What record_check keeps in fetches.state_after: the state after the check, its count, and the rule.
_RECORDED_NUMBERS = ("failing_checks", "dead_after_checks", "dead_after_days")


def _recorded_state(value) -> dict | None:
    """A fetch's `state_after` as `_replay` reads it, or None when it cannot be read (no JSON
    object with a state and the numbers record_check writes: a hand-edited or damaged row):
    the check is then judged by the rule in force now, as one recorded before m019 is, and the
    report, `status` and a run's changes go on."""
    after = database.stored_json(value, dict)
    if not after or not isinstance(after.get("state"), str):
        return None
    numbers = [after.get(key) for key in _RECORDED_NUMBERS]
    return after if all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers) else None


def effective_state(source: dict, checks: list[Check]) -> str:
    """The state the crawl's state machine stored; until it has stored one, the state its
    rule gives after the checks kept (one rotten check makes a source failing, never dead)."""
    if source.get("state") not in (None, "unknown") or not checks:
        return source.get("state") or "unknown"
    return checks[-1].state


def failing_count(source: dict, checks: list[Check]) -> int:
    """Failing checks behind the state, as the state machine counts them toward dead (checks
    at least dead_after_days apart): stored with the source, else replayed from the checks."""
    return source.get("failing_checks") or (checks[-1].failing_checks if checks else 0)


def state_label(state: str, failing: int, since: str | None) -> str:
    """The words the report shows: 'failing (1 check)', 'dead since 2026-01-09'."""
    if state == "failing":
        return f"failing ({failing} check{'s' if failing != 1 else ''})" if failing else "failing"
    if state == "dead" and since:
        return f"dead since {since[:10]}"
    return state


# The kinds of a change of a source's extracted text.  A change whose changed words are all
# numbers, dates or times (a share counter, "updated 12:05", a view count), or that changed no
# word (its spacing alone), says nothing new about what the page says: it is `numbers-changed`,
# kept in the history and the changes, but not content drift (the exit status of a scheduled
# run, the list of changes it prints), unless one of its edits falls inside the span a quote
# citing the page matched in the earlier text (`changes_between`: "killed 12" → "killed 120" in
# the cited sentence is drift, whatever reconcile's verdict on the quote, which stays `altered`
# when it was already; a footer's "© 2025" → "© 2026" is not, though the quote names 2026).
CONTENT_CHANGED, NUMBERS_CHANGED = "content-changed", "numbers-changed"

# A word that is a number as a page counts, dates or times things: "1,037", "12:05",
# "2026-11-28", "28/11", "+3", "(12)", "5th", "3pm", "1.2k", "40%", with its punctuation.  Its
# run of digits and separators is taken whole (`*+`): the punctuation after it shares ".,:" with
# it, and a page's "1....x" was otherwise split between the two every way (90 s for 100 KB).
_NUMBER_WORD = re.compile(r"[(\[]?[+\-−]?\d[\d.,:/\-–]*+(?:st|nd|rd|th|am|pm|k|m|%)?[)\].,;:!?]*", re.IGNORECASE)
# A number itself, without what a word adds to it: "12" of "(12)", of "12th" and of "killed 12.".
_NUMBER = re.compile(r"\d(?:[\d.,:/\-–]*\d)?")
# A group separator between digit groups of 3: "1,037", "1.037", "1 037", "1'037" are one 1037.
_GROUP = re.compile(r"(?<=\d)[,.\u00a0\u202f' ](?=\d{3}(?!\d))")


class TextChange(NamedTuple):
    """A text's change (`text_change`), and for a NUMBERS_CHANGED one where its edits are in the
    earlier text (`edit_ranges`, character ranges) and the numbers removed or added (`numbers_of`); `shown`
    says what changed in words (`_excerpts`: at most SHOWN_EDITS of its `edits_total` edits)."""
    kind: str
    size: dict
    edit_ranges: tuple[tuple[int, int], ...] = ()
    numbers: frozenset[str] = frozenset()
    shown: tuple[dict, ...] = ()
    edits_total: int = 0


def numbers_of(text: str) -> set[str]:
    """The numbers of a text, written one way whatever the page or the quote wrote: Arabic-Indic
    "١٢" is 12 and "1,037", "1 037" are 1037, so that a quote and a page agree on a figure."""
    digits = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)
    return set(_NUMBER.findall(_GROUP.sub("", digits)))


def _word_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each word of `text.split()` is in the text, so that an edit of words is a range
    of characters, comparable with a quote's span."""
    spans, at = [], 0
    for word in words:
        at = text.index(word, at)
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


def _edits(a: list[str], b: list[str]) -> tuple[list[str], list[str], list[tuple[int, int, int, int]]]:
    """The words removed from `a` and added in `b`, by a word-level edit script, and each edit
    as word indexes (start and end in `a`, start and end in `b`: an insertion is the gap before
    `a`'s word at its end index), so that its words can be shown without computing it again."""
    removed, added, ops = [], [], []
    for op in Levenshtein.opcodes(a, b):
        if op.tag in ("delete", "replace"):
            removed += a[op.src_start:op.src_end]
        if op.tag in ("insert", "replace"):
            added += b[op.dest_start:op.dest_end]
        if op.tag != "equal":
            ops.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return removed, added, ops


def _ranges(text: str, words: list[str], ops: list[tuple[int, ...]]) -> tuple[tuple[int, int], ...]:
    """The edits' word indexes (in `text`'s words: the first two of each) as character ranges of
    the text; an insertion covers the gap between its neighbours, so that one at the edge of a
    quote's span touches it."""
    spans = _word_spans(text, words)
    ends = [0] + [end for _, end in spans]
    starts = [start for start, _ in spans] + [len(text)]
    return tuple((spans[i][0], spans[j - 1][1]) if j > i else (ends[i], starts[i]) for i, j, *_ in ops)


# What a change's excerpts show (`_excerpts`): at most SHOWN_EDITS edits, each with EDIT_CONTEXT
# words either side, its removed and added words EDIT_CHARS characters at most and its context
# CONTEXT_CHARS (a word of a script written without spaces can be a paragraph long): a 300 KB page
# rewritten has thousands of edits, and a fact-checker reads the few that say what changed.
# Edits HUNK_GAP words apart or closer are one: a reworded sentence reads as one edit, not as
# each word changed around its "the"s; up to HUNK_MOST words of the earlier text, so that a page
# rewritten but for its small words is many edits, the one at a quote among them, not one
# edit from the page's first word to its last.
SHOWN_EDITS, EDIT_CONTEXT, EDIT_CHARS, CONTEXT_CHARS, HUNK_GAP, HUNK_MOST = 5, 6, 300, 80, 2, 40


def _hunks(ops: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """The edits HUNK_GAP words apart or closer taken together (HUNK_MOST words of the earlier
    text at most), each as its first and last index in `ops` (unchanged words between two edits
    are as many in both texts)."""
    hunks: list[tuple[int, int]] = []
    for i, (start, end, *_rest) in enumerate(ops):
        if hunks and start - ops[hunks[-1][1]][1] <= HUNK_GAP and end - ops[hunks[-1][0]][0] <= HUNK_MOST:
            hunks[-1] = (hunks[-1][0], i)
        else:
            hunks.append((i, i))
    return hunks


def _clip(words: list[str], start: int, end: int, limit: int, tail: bool = False) -> str:
    """words[start:end] joined, printable, at most `limit` characters ("…" where cut; `tail`
    keeps the end, for the context before an edit): no more than `limit` words are read, since
    each has a character at least."""
    start, end = max(start, 0), min(end, len(words))
    piece = words[max(start, end - limit):end] if tail else words[start:min(end, start + limit)]
    text = UNPRINTABLE.sub("", " ".join(piece))   # (words: no tab nor newline left to keep)
    if len(text) <= limit:
        return text
    return "…" + text[len(text) - limit + 1:] if tail else text[:limit - 1] + "…"


def _excerpts(old: str, a: list[str], b: list[str], ops: list[tuple[int, int, int, int]],
              op_ranges: tuple[tuple[int, int], ...] | None, quoted) -> tuple[tuple[dict, ...], int]:
    """What changed, in words: at most SHOWN_EDITS edits (`_hunks`), in page order, chosen
    those inside a span a quote citing the page matched in the old text first (`quoted`,
    character ranges: flagged `in_quote`; an insertion at the span's edge leaves the quote's
    words as they were, and is not), then the others; each with the words it removed and added, and
    EDIT_CONTEXT words of the old text either side, clipped (`_clip`).  With how many edits
    there were in all.  `op_ranges` are the edits' character ranges when known already
    (a NUMBERS_CHANGED change's), else computed here only when a quote has a span."""
    hunks = _hunks(ops)
    in_quote = [False] * len(hunks)
    if quoted and hunks:
        op_ranges = op_ranges or _ranges(old, a, ops)
        in_quote = [any(op_ranges[first][0] < end and op_ranges[last][1] > start for start, end in quoted)
                    for first, last in hunks]
    chosen = sorted(sorted(range(len(hunks)), key=lambda i: not in_quote[i])[:SHOWN_EDITS])
    shown = []
    for i in chosen:
        (a_start, _, b_start, _), (_, a_end, _, b_end) = ops[hunks[i][0]], ops[hunks[i][1]]
        shown.append({"before": _clip(a, a_start - EDIT_CONTEXT, a_start, CONTEXT_CHARS, tail=True),
                      "removed": _clip(a, a_start, a_end, EDIT_CHARS), "added": _clip(b, b_start, b_end, EDIT_CHARS),
                      "after": _clip(a, a_end, a_end + EDIT_CONTEXT, CONTEXT_CHARS), "in_quote": in_quote[i]})
    return tuple(shown), len(hunks)


def text_change(old: str, new: str, quoted: tuple[tuple[int, int], ...] = ()) -> TextChange:
    """What kind of change a text had (CONTENT_CHANGED, or NUMBERS_CHANGED when every word
    removed or added is a number, a date or a time, or none is: its spacing alone changed), its
    size in words (a word-level edit script, not bytes) and what changed (`_excerpts`, flagged
    where an edit touches one of the `quoted` character ranges of the old text)."""
    a, b = old.split(), new.split()
    removed, added, ops = _edits(a, b)
    changed = removed + added
    size = {"words_before": len(a), "words_after": len(b), "words_added": len(added),
            "words_removed": len(removed), "changed_ratio": round(len(changed) / max(len(a) + len(b), 1), 4)}
    if not all(_NUMBER_WORD.fullmatch(word) for word in changed):
        return TextChange(CONTENT_CHANGED, size, (), frozenset(), *_excerpts(old, a, b, ops, None, quoted))
    ranges = _ranges(old, a, ops)
    return TextChange(NUMBERS_CHANGED, size, ranges, frozenset(n for word in changed for n in numbers_of(word)),
                      *_excerpts(old, a, b, ops, ranges, quoted))


def _text(db, text_id: int) -> str:
    return db.execute("select text from texts where id = ?", [text_id]).fetchone()[0]


def _state_event(before: str, after: str) -> str | None:
    """The history event of a change of state (None when the change is not worth a line)."""
    if after == "live" and before in ("failing", "dead"):
        return "recovered"
    if after != before and after in ("failing", "dead", "blocked"):
        return after
    return None


def _declared_under(event: str, check: Check, after_replayed: bool) -> dict:
    """The dead rule a source was declared dead by, when its crawl recorded it: a reader
    under other dead_after_* settings sees why it was dead then.  None after a check from
    before m019 (`after_replayed`: its state replayed under the reader's rule): the crawl may
    have found the source dead already, declared under a rule unknown, and its own rule
    would say a death it did not declare."""
    if event != "dead" or not check.recorded or after_replayed:
        return {}
    return {"rule": {k: check.recorded[k] for k in ("dead_after_checks", "dead_after_days")}}


def _text_event(db, source_id: int, earlier: int, check: Check) -> dict:
    """The history event of a source's text changed at `check` from the text `earlier`, said
    as a run's changes say it (`_change_said`): its edits flagged where they touch what a quote
    citing the source matched in the earlier text (`_citing_quotes`, as `_text_changes` flags
    them), restored when the new text is the first the page gave (`_first_texts`).  So a
    reader who missed the run that saw the change still reads what it was, on any later report.
    Two small indexed queries an event; the texts were read for the size already."""
    quoted = _quoted_spans(_citing_quotes(db, {source_id: earlier}).get(source_id, ()))
    change = text_change(_text(db, earlier), _text(db, check.text_id), quoted)
    restored = _first_texts(db, [source_id]).get(source_id) == check.text_sha256
    return {"event": change.kind, **_change_said(change, restored)}


def source_history(db, source: dict, checks: list[Check], snapshots: list[dict]) -> dict:
    """One source's history: milestones and the events between them, oldest first; a change
    of text says what changed (`_text_event`)."""
    events = [{"at": source["first_seen"], "event": "first-seen"}]
    state, last_text, replayed = "unknown", None, False
    for check in checks:
        event = _state_event(state, check.state)
        if event:
            events.append({"at": check.at, "event": event, "class": check.fetch_class, "status": check.status,
                           **_declared_under(event, check, replayed)})
        state = check.state
        if not check.withdrawn:   # (a withdrawn check changed no state)
            replayed = not check.recorded
        if check.text_id and last_text and check.text_sha256 != last_text[1]:
            events.append({"at": check.at, **_text_event(db, source["id"], last_text[0], check)})
        if check.text_id:
            last_text = (check.text_id, check.text_sha256)
    for snap in snapshots:
        events.append({"at": snap["found_at"], "event": "saved" if snap["saved"] else "memento",
                       "timestamp": shown_timestamp(snap), "memento_url": snap["memento_url"]})
    events.sort(key=lambda e: e["at"] or "")
    live = [c.at for c in checks if c.outcome == "live"]
    failing = [c.at for c in checks if c.outcome == "failing"]
    dead = [c.at for c in checks if c.state == "dead"]
    return {
        "first_seen": source["first_seen"],
        "first_live": live[0] if live else None,
        "last_live": live[-1] if live else source.get("last_live"),
        "first_failing": failing[0] if failing else None,
        "first_dead": dead[0] if dead else None,
        "dead_since": source.get("state_since") if source.get("state") == "dead" else None,
        "checks": [{"at": c.at, "crawl_id": c.crawl_id, "class": c.fetch_class, "status": c.status, "state": c.state}
                   for c in checks],
        "events": events,
    }


def rot_by_domain(sources: list[dict], checks: dict[int, list[Check]]) -> list[dict]:
    """Per host: checked sources, how many rot now (latest counted check failing), how many are
    dead.  A source only an offline crawl has looked at is not checked."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for source in sources:
        history = checks.get(source["id"])
        counted = _counted(history or [])
        if source["kind"] != "web" or not counted:
            continue
        c = counts[source["host"] or "?"]
        c["checked"] += 1
        c[counted[-1].outcome] += 1
        c["dead"] += effective_state(source, history) == "dead"
    rows = [{"host": host, "checked": c["checked"], "live": c["live"], "failing": c["failing"],
             "uncertain": c["uncertain"], "dead": c["dead"], "rot_rate": round(c["failing"] / c["checked"], 4)}
            for host, c in counts.items()]
    return sorted(rows, key=lambda r: (-r["rot_rate"], -r["checked"], r["host"]))


def _says_about_page(check: Check) -> bool:
    """Whether a check says something about the page: an offline crawl's (withdrawn) does not,
    nor a rate limit's (the state machine keeps the state it found, and so do the rates)."""
    return not check.withdrawn and check.fetch_class not in WAIT_CLASSES


def _counted(history: list[Check]) -> list[Check]:
    """The checks that say something about the pages (`_says_about_page`)."""
    return [check for check in history if _says_about_page(check)]


def latest_counted(history: list[Check]) -> Check | None:
    """A source's latest check that says something about the page (`_says_about_page`), or None."""
    return next((check for check in reversed(history) if _says_about_page(check)), None)


# What run a crawls row was, by its spider (crawler/state.py's CRAWL_SPIDER): a crawl of the
# cited sources, a resolve run's look-up of the tweets by the syndication endpoint, an
# archive run's of mementos.
RUN_KINDS = {"sources": "crawl", "posts": "resolve", "mementos": "archive"}


def rot_over_time(db, checks: dict[int, list[Check]]) -> list[dict]:
    """After each crawl: of the sources checked so far, the share whose latest check rots
    (an offline crawl has no row: its checks are withdrawn).  Each row says its `run_kind`:
    a resolve run checks only resolved tweets, so its row is not a crawl of the web sources
    and a reader must not compare the two as if it were."""
    by_crawl: dict[int, list[tuple[int, Check]]] = defaultdict(list)
    for source_id, history in checks.items():
        for check in _counted(history):
            by_crawl[check.crawl_id].append((source_id, check))
    latest: dict[int, str] = {}
    rows = []
    for crawl_id, started_at, spider in db.execute(
            f"select id, started_at, {CRAWL_SPIDER} from crawls order by started_at, id"):
        if crawl_id not in by_crawl:
            continue
        for source_id, check in by_crawl[crawl_id]:
            latest[source_id] = check.outcome
        rotten = sum(1 for o in latest.values() if o == "failing")
        rows.append({"crawl_id": crawl_id, "run_kind": RUN_KINDS.get(spider, spider), "at": started_at,
                     "checked_in_crawl": len(by_crawl[crawl_id]), "known": len(latest), "rotten": rotten,
                     "rot_rate": round(rotten / len(latest), 4)})
    return rows


def failing_in_row(history: list[Check]) -> tuple[int, list[str]]:
    """The failing checks in a row a source's failing or dead state rests on now, and their
    classes (each once, oldest first): its rot checks since it was last anything else.  A check
    that changed no state (an offline crawl's, a rate limit, a logged-out page after syndication
    checks: `_replay` makes its outcome uncertain and keeps the state) neither counts nor ends
    the row; a live or uncertain one ends it.  Not the state machine's count toward dead
    (`failing_checks`: checks dead_after_days apart): a run's changes ask whether the next check
    failed too, and with a failing source re-checked daily and 3 days between counted checks,
    that count stays 1 for three days of timeouts."""
    count, classes = 0, []
    for check in reversed(history):
        if check.state not in ("failing", "dead"):
            break
        if check.outcome == "failing":
            count += 1
            classes.append(check.fetch_class)
    return count, list(dict.fromkeys(reversed(classes)))


def current_state(db, rule: tuple[int, float] | None = None, data_dir: str | None = None,
                  max_size: int | None = None) -> dict:
    """What a run leaves behind: each source's state, latest class and text hash, the failing
    checks in a row its state rests on and their classes (`failing_in_row`: a failure on one
    check of weak evidence is not counted as a change until the next check fails too,
    `changes_between`), each verdict."""
    checks = load_checks(db, rule, data_dir, max_size)
    sources = {}
    for source in db["sources"].rows:
        history = checks.get(source["id"], [])
        texts = [c for c in history if c.text_sha256]
        failing, classes = failing_in_row(history)
        sources[str(source["id"])] = {
            "url": source["url"] or source["key"],
            "state": effective_state(source, history),
            "class": history[-1].fetch_class if history else None,
            "text_sha256": texts[-1].text_sha256 if texts else None,
            "text_id": texts[-1].text_id if texts else None,
            "failing_in_row": failing,
            "failing_classes": classes,
        }
    verdicts = {str(sid): verdict for sid, verdict in db.execute(
        "select statement_id, verdict from quote_checks where scope = 'overall' order by id")}
    return {"sources": sources, "verdicts": verdicts}


def _statement_label(db, statement_id: str) -> dict:
    """Who said it and where the document cites it: its footnote, or its row of a quote list."""
    row = db.execute("select s.entity, s.footnote, s.document_id, s.part, q.row_key from statements s "
                     "left join quote_rows q on q.statement_id = s.id where s.id = ?", [statement_id]).fetchone()
    if row is None:
        return {}
    label = {"entity": row[0], "footnote": printed(row[1], row[1], row[3]), "document_id": row[2]}
    return {**label, "row": row[4]} if row[4] is not None else label


def statement_named(item: dict) -> str:
    """A changed statement in plain words: "Estonia (footnote 3)", or a quote list's "row coe-1"
    (with its speaker when the list gave one), never "None (footnote None)"."""
    if item.get("row") is not None:
        return f"{item['entity']} (row {item['row']})" if item.get("entity") else f"row {item['row']}"
    return f"{item.get('entity')} (footnote {item.get('footnote')})"


# What the reports and a run's printout say of an edit that touches a cited quote's span.
IN_QUOTE = "in the cited quote"
# ... and of a changed text that is `restored` (`_text_changes`): said as what it is, an earlier
# change undone, not in the words of the harmful change it undoes; still a change, counted.
RESTORED, RESTORED_HOW = "text restored", "back to the text first read"


def more_edits(item: dict) -> str:
    """What a changed text's shown edits leave out, in words ("and 1,949 more edits"), or ""
    (a run recorded before edits were kept has neither)."""
    left = item.get("edits_total", 0) - len(item.get("edits") or ())
    return f"and {left:,} more edit{'s' if left != 1 else ''}" if left > 0 else ""


# The changes a run counts (its `count`, the exit status of a scheduled run); a source whose
# text changed only in its numbers (NUMBERS_CHANGED), none of them quoted, is listed apart, in
# `numbers_changed`, and so are a source failing on one check of weak evidence (`failing_once`)
# and one live again after it (`cleared`): NOT_COUNTED_CHANGES.  A kept state that could not be
# read counts too, as one change (`_changes_since`: `state_unreadable`).
COUNTED_CHANGES = ("newly_dead", "newly_failing", "recovered", "content_drift", "verdict_changed")
NOT_COUNTED_CHANGES = ("numbers_changed", "failing_once", "cleared")
# What the terminal and the reports say of the two lists of a failure on weak evidence.
FAILED_ONCE = "failed once, weak evidence (not counted: counted if the next check fails too)"
CLEARED = "failed once, live again (not counted)"
WEAK_FAILURES = (("failing_once", FAILED_ONCE), ("cleared", CLEARED))


def failed_change(item: dict) -> str:
    """A failure on weak evidence listed (`failing_once`, `cleared`) in words, with the class of
    the check that failed (`_failing_said`): "live → failing: timeout" as it fails, "failing:
    timeout → live" as it clears (the terminal and the reports say it alike)."""
    failed = ", ".join(item.get("failing_classes") or [item.get("class") or "no class recorded"])
    if item["to"] == "live":
        return f"{item['from']}: {failed} → {item['to']}"
    return f"{item['from']} → {item['to']}: {failed}"


def failing_evidence(item: dict) -> str:
    """A newly failing source's classes and how strong its evidence of rot is: a single timeout
    or 5xx (weak) must not read as a 404 (strong) in a log that says only "live → failing"; and
    when it counts because the next check failed too (`_source_change`), how many failing
    checks in a row made it count.  The terminal and the reports say it alike (the latest
    check's `class` alone said "rate-limited" of a source failing on two timeouts)."""
    classes = item.get("failing_classes") or ([item["class"]] if item["class"] else [])
    if not classes:
        return "no class recorded"
    strength = "strong" if any(evidence_strength(cls) == "strong" for cls in classes) else "weak"
    row = item.get("failing_in_row") or 0
    return f"{', '.join(classes)}, {strength} evidence" + (f", {row} failing checks in a row" if row > 1 else "")


def _touches(edits, start: int | None, end: int | None) -> bool:
    """Whether an edit's range meets the span a quote matched (an edge counts: "12" → "12 000"
    at the quote's end changes the figure it cites)."""
    return any(edit_start <= end and edit_end >= start for edit_start, edit_end in edits)


def _citing_quotes(db, earlier: dict[int, int]) -> dict[int, list[tuple[str, int | None, int | None]]]:
    """For each source (source id → its earlier text id): the quotes of the statements citing
    it, each with the span it matched in that text (None, None where it was not found in it, or
    only in its title: a title's offsets are not the body's, crawler/reconcile.py `in_title`).
    Read in one query."""
    quotes: dict[int, list] = defaultdict(list)
    in_body = "coalesce(json_extract(q.evidence, '$.in'), '') != 'title'"
    rows = db.execute(
        f"select c.source_id, s.quote, case when {in_body} then q.span_start end, "
        f"case when {in_body} then q.span_end end from json_each(?) j "
        "join citations c on c.source_id = cast(j.key as integer) join statements s on s.id = c.statement_id "
        "left join quote_checks q on q.statement_id = s.id and q.scope = 'text' and q.text_id = j.value",
        [json.dumps({str(sid): text_id for sid, text_id in earlier.items()})])
    for source_id, quote, start, end in rows:
        quotes[source_id].append((quote, start, end))
    return quotes


def _quoted_spans(quotes) -> tuple[tuple[int, int], ...]:
    """The spans the quotes (`_citing_quotes`' of a source) matched in its earlier text."""
    return tuple((start, end) for _, start, end in quotes if start is not None and end is not None)


def _cites_changed_number(change: TextChange, quotes) -> bool:
    """Whether a statement citing a source (`quotes`, `_citing_quotes`' of it) has a number of its
    NUMBERS_CHANGED `change` changed: an edit inside the span its quote matched in the earlier
    text, or, where no span is known for that text (the quote was not found in it), a number
    the quote holds, written one way (`numbers_of`)."""
    return any(_touches(change.edit_ranges, start, end) if start is not None and end is not None
               else change.numbers & numbers_of(quote or "") for quote, start, end in quotes)


def _first_texts(db, source_ids: list[int]) -> dict[int, str]:
    """The SHA-256 of the first live text citewatch read from each source: the texts table keeps
    one row per distinct text of a source, in the order they were first read (a text stored only
    for a live check: pipelines.py), so a source's lowest text id is the page as first read, the
    wording a restoration brings back (`_text_changes`).  Read in one query."""
    return dict(db.execute(
        "select source_id, sha256 from texts where id in (select min(id) from texts where origin = 'live' "
        "and source_id in (select value from json_each(?)) group by source_id)", [json.dumps(source_ids)]))


def _change_said(change: TextChange, restored: bool) -> dict:
    """What a changed text says, in a run's changes (`_text_changes`) and in a source's history
    (`_text_event`) alike: its size in words, its shown `edits` (`_excerpts`) of `edits_total`,
    and whether it is `restored` (the page's first text again, `_first_texts`)."""
    return {**change.size, "edits": list(change.shown), "edits_total": change.edits_total, "restored": restored}


def _text_changes(db, old: dict, new: dict) -> list[tuple[str, dict]]:
    """Each source whose latest live text changed, in order, with where it is listed:
    `content_drift`, or `numbers_changed` when only its numbers changed and none of them inside
    what a quote citing it matched (a share counter, a footer's year changed; a figure of the
    cited sentence, "killed 12" → "killed 120", is drift even when the quote's verdict was
    `altered` already and stays so).  Each item says what changed: `edits` (`_excerpts`, at most
    SHOWN_EDITS, flagged `in_quote` where an edit touches what a citing quote matched) of
    `edits_total`; and `restored`: whether the new text is, byte for byte, the first text
    citewatch read from the page (`_first_texts`), an earlier change undone.  The first text,
    not the one before the last change: a page flipping A → B → A → B is restored once, then
    drifts again; a text that never was the page's first (A → B → C → B) is drift."""
    pairs = []
    for sid, now in new["sources"].items():
        before = old["sources"].get(sid)
        if before and before.get("text_sha256") and now["text_sha256"] and before["text_sha256"] != now["text_sha256"]:
            pairs.append((int(sid), before["text_id"], now))
    quotes = _citing_quotes(db, {sid: text_id for sid, text_id, _ in pairs}) if pairs else {}
    first = _first_texts(db, [sid for sid, _, _ in pairs]) if pairs else {}
    changed = []
    for sid, text_id, now in pairs:
        change = text_change(_text(db, text_id), _text(db, now["text_id"]), _quoted_spans(quotes.get(sid, ())))
        listed = ("numbers_changed" if change.kind == NUMBERS_CHANGED
                  and not _cites_changed_number(change, quotes.get(sid, ())) else "content_drift")
        changed.append((listed, {"source_id": sid, "url": now["url"],
                                 **_change_said(change, first.get(sid) == now["text_sha256"])}))
    return changed


def _failed_once(now: dict) -> bool:
    """Whether a source's state (`current_state`'s) is failing on one check of weak evidence (a
    timeout, a refused connection, a temporary DNS failure, a 5xx: crawler/state.py
    `evidence_strength`): a hiccup until the next check fails too."""
    classes = now.get("failing_classes") or []
    return (now["state"] == "failing" and now.get("failing_in_row") == 1 and len(classes) == 1
            and evidence_strength(classes[0]) == "weak")


def _said_failing(before: dict) -> bool:
    """Whether the run that kept `before` (a source's kept state) stood by it failing or dead:
    counted by it or earlier, or found so by a first run (which lists nothing), but not left
    failed once (`kept_state`'s mark).  A state kept before the mark has none: each failing
    source in it is read as counted, as it was."""
    return before["state"] in ("failing", "dead") and not before.get("failing_once")


def _left_failed_once(before: dict, now: dict) -> bool:
    """Whether a source failing now on one check of weak evidence (`_failed_once`) is so for the
    first time as far as the run compared with said: not counted failing there."""
    return _failed_once(now) and not _said_failing(before)


def _source_change(before: dict, now: dict) -> str | None:
    """Where a source's change of state from a kept state to now is listed, or None.  Failing
    on one check of weak evidence is `failing_once`, not counted, and only when it becomes so: a
    source the run compared with left failed once, still so, is not listed again.  When the next
    check fails too (two failing checks in a row, or strong evidence, or dead) it is newly
    failing (or dead), counted, though its state was failing then.  Live again after being left
    failed once, it is `cleared`, not counted; a source the kept state had as failing or dead
    otherwise is `recovered`, and stays unlisted while failing, as before."""
    if now["state"] == "dead" and before["state"] != "dead":
        return "newly_dead"
    if _left_failed_once(before, now):
        return None if before.get("failing_once") else "failing_once"
    if now["state"] == "failing" and not _said_failing(before):
        return "newly_failing"
    if now["state"] == "live" and before["state"] in ("failing", "dead"):
        return "cleared" if before.get("failing_once") else "recovered"
    return None


def _failing_said(listed: str, before: dict, now: dict) -> dict:
    """What a listed change of state says of the failure: the failing checks in a row (the
    newly failing: how many made it count) and their classes, or for `cleared` the classes of
    the failure it cleared."""
    if listed == "cleared":
        return {"failing_classes": before.get("failing_classes") or []}
    if listed in ("newly_failing", "failing_once"):
        return {"failing_in_row": now.get("failing_in_row", 0), "failing_classes": now.get("failing_classes") or []}
    return {}


def changes_between(db, old: dict | None, new: dict) -> dict:
    """Newly dead, newly failing, recovered, content drift (a text back to its first wording
    among it, `restored`) and verdict changes from old to new; and, not counted, the sources
    whose text changed only in numbers no quote citing them holds, those failing on one check
    of weak evidence and those live again after it (`_source_change`)."""
    changes = {"first_run": old is None, **{key: [] for key in (*COUNTED_CHANGES, *NOT_COUNTED_CHANGES)}}
    if old is None:
        changes["count"] = 0
        return changes
    for sid, now in new["sources"].items():
        before = old["sources"].get(sid)
        listed = _source_change(before, now) if before is not None else None
        if listed:
            changes[listed].append({"source_id": int(sid), "url": now["url"], "from": before["state"],
                                    "to": now["state"], "class": now["class"], **_failing_said(listed, before, now)})
    for listed, item in _text_changes(db, old, new):
        changes[listed].append(item)
    for stmt, verdict in new["verdicts"].items():
        was = old["verdicts"].get(stmt)
        if was is not None and was != verdict:
            changes["verdict_changed"].append({"statement_id": int(stmt), **_statement_label(db, stmt),
                                               "from": was, "to": verdict})
    changes["count"] = sum(len(changes[key]) for key in COUNTED_CHANGES)
    return changes


def kept_state(old: dict | None, new: dict) -> dict:
    """The state a run keeps for the next to compare with: `new`, each source it leaves failed
    once marked (`failing_once`: listed so now, or left so by the run compared with and still
    so), so that the next run tells a failure confirmed (newly failing) or cleared from one
    said before.  A first run marks none (it lists nothing: what it found stands as said), nor a
    source new since the run compared with (not compared)."""
    if old is None:
        return new
    sources = {}
    for sid, now in new["sources"].items():
        before = old["sources"].get(sid)
        sources[sid] = {**now, "failing_once": True} if before is not None and _left_failed_once(before, now) else now
    return {**new, "sources": sources}


def _compared_run(db, scheduled: bool) -> tuple[int, str] | None:
    """The run_states row (id, state) a run compares with.  A scheduled run's is the latest
    scheduled run's: what cron last reported, so that its alerts (exit status, changes file)
    cover every change since, a hand-started run's in between included.  A hand-started
    run's, and a scheduled run's before any scheduled run kept its state (the first after
    hand-started runs only, or one recorded before scheduled states were kept), is the latest
    run of any kind: what the user last saw."""
    if scheduled:
        row = db.execute("select id, state from run_states where scheduled = 1 order by id desc limit 1").fetchone()
        if row and row[1] != "{}":
            return row
    return db.execute("select id, state from run_states order by id desc limit 1").fetchone()


def _run_state(value) -> dict | None:
    """A run_states row's state as `changes_between` reads it, or None when it cannot be read
    (not a JSON object of `sources`, each an object with its state, and `verdicts`: a
    hand-edited or damaged row, or one emptied, `{}`)."""
    state = database.stored_json(value, dict)
    if state is None or not isinstance(state.get("verdicts"), dict) or not isinstance(state.get("sources"), dict):
        return None
    return state if all(isinstance(s, dict) and "state" in s for s in state["sources"].values()) else None


def _state_then(db, row_id: int, config=None) -> dict:
    """The state the run_states row `row_id` left behind, rebuilt from the history kept, for a
    row whose own state cannot be read (`_changes_since`).  What that run had seen is the checks
    of the crawls up to its `crawl_id` (the latest crawl when it was taken, as report_data's
    `crawls_since` counts the crawls after it) that began by its `taken_at`: each source's state
    is the one the crawl recorded after the last of them (`fetches.state_after`, as `_replay`
    reads it), its text the last they extracted, and a source first seen after the run is not
    in it, as it was not then.  A source whose last such check recorded no state that can be
    read (one from before m019, or a damaged row) is unknown then, not replayed by today's rule:
    failing or dead now, it is listed again rather than passed over; one failing then on one
    check of weak evidence is marked as left failed once (`kept_state`'s mark), so that a
    confirmation is counted whatever that run said.  A verdict is the one kept
    when it was judged by then (quote_checks keeps only the latest, `checked_at`); one judged
    again since (every run reconciles) is not known then, and not compared."""
    taken_at, crawl_id = db.execute("select taken_at, crawl_id from run_states where id = ?", [row_id]).fetchone()
    checks = load_checks(db, dead_rule(config), warc_data_dir(config), warc_max_size(config))
    sources = {}
    for source_id, url, key, first_seen in db.execute("select id, url, key, first_seen from sources"):
        if first_seen > taken_at:
            continue
        seen = [c for c in checks.get(source_id, ()) if c.crawl_id <= (crawl_id or 0) and (c.at or "") <= taken_at]
        # (as _replay: a withdrawn check, or one of a class unknown, changes no state)
        deciding = [c for c in seen if not c.withdrawn and c.fetch_class in CLASSES]
        texts = [c for c in seen if c.text_sha256]
        failing, classes = failing_in_row(seen)
        then = {
            "url": url or key,
            "state": deciding[-1].state if deciding and deciding[-1].recorded else "unknown",
            "class": seen[-1].fetch_class if seen else None,
            "text_sha256": texts[-1].text_sha256 if texts else None,
            "text_id": texts[-1].text_id if texts else None,
            "failing_in_row": failing,
            "failing_classes": classes,
        }
            # (failing then on one check of weak evidence: marked as left failed once, so that the
        # next failing check counts, the at-least-once side)
        sources[str(source_id)] = {**then, "failing_once": True} if _failed_once(then) else then
    verdicts = {str(sid): verdict for sid, verdict, checked_at in db.execute(
        "select statement_id, verdict, checked_at from quote_checks where scope = 'overall' order by id")
        if checked_at <= taken_at}
    return {"sources": sources, "verdicts": verdicts}


def _changes_since(db, previous: tuple[int, str] | None, state: dict, config=None) -> tuple[dict, dict | None]:
    """The changes from the run_states row `previous` (id, state: `_compared_run`) to `state`,
    a first run's without one, and the state compared with (None for a first run), by which the
    run marks what it keeps (`kept_state`).  A row whose state cannot be read (`_run_state`) is
    compared as the history rebuilds it (`_state_then`: states, texts and verdicts as of that run), so that
    a source dead then and live now is recovered and a text changed since is drift; what the
    rebuild cannot tell is not dropped: a source whose state then is unknown is listed again
    when failing or dead now (the at-least-once side: in `failing_once` when it failed once on
    weak evidence), a source failing then on one check of weak evidence is taken as left failed
    once, as that run would have left it unless it was a first run (its next failing check is
    newly failing, counted; its return cleared), any other failing then stands as said (its
    return is recovered, counted), and `state_unreadable` says the list is
    this and counts as one change in `count`, so that a scheduled run exits EXIT_CHANGED (cron
    hears of it) even when nothing is listed (a verdict judged again since that run cannot be
    compared, nor a state the crawl recorded none for)."""
    if previous is None:
        return changes_between(db, None, state), None
    old = _run_state(previous[1])
    if old is not None:
        return changes_between(db, old, state), old
    old = _state_then(db, previous[0], config)
    changes = changes_between(db, old, state)
    return {**changes, "count": changes["count"] + 1, "state_unreadable": True}, old


# The run_states rows whose state a later run compares with (`_compared_run`): the latest run's
# and the latest scheduled run's.
# (coalesce: with no scheduled run, max() is NULL, and `id not in (…, NULL)` is never true: every state was kept)
_KEPT_STATES = ("select max(id) from run_states "
                "union select coalesce(max(id), 0) from run_states where scheduled = 1")


def record_run(db, scheduled: bool = False, config=None) -> dict:
    """Keep what this run left behind and return the changes since the run it compares with
    (`_compared_run`: a scheduled run, the previous scheduled one); `recording_run`, with
    nothing else to do before the record is committed."""
    with recording_run(db, scheduled, config) as changes:
        return changes


@contextlib.contextmanager
def recording_run(db, scheduled: bool = False, config=None) -> Iterator[dict]:
    """Record this run as `record_run` does and yield its changes inside the write transaction
    (db `write_transaction`) that records it: what the block does (a scheduled run's changes
    file, crawler/schedule.py `after_run`) is done before the record is committed, and an
    exception from it rolls the record back, the states it emptied included.  So a run is never
    recorded without its changes reaching where they go: a kill -9 or a power loss before the
    commit leaves the previous run the one compared with, and the next run reports the changes
    again (at least once).  The price: the block holds the write lock, and a slow changes file
    (a slow disk, a pipe read slowly, standard output to a slow reader) keeps every other
    process's write waiting, up to its write_wait.

    The long parts are done before the lock is taken: the state (every source's checks), and
    the changes since the run compared with (`_compared_run`; a word diff per changed text), so
    that another process's crawl or check writes meanwhile.  Under the lock the compared run is
    read again: if another process recorded a run (or changed the compared one's state,
    `forget`) in between, the changes are computed again, once, under the lock, against it, so
    that a run recorded meanwhile is compared with, never lost; then the record is inserted and
    the older states emptied."""
    state = current_state(db, dead_rule(config), warc_data_dir(config), warc_max_size(config))
    previous = _compared_run(db, scheduled)
    changes, old = _changes_since(db, previous, state, config)
    with database.write_transaction(db):
        compared = _compared_run(db, scheduled)
        if compared != previous:   # another process recorded a run meanwhile (rare): compare with it
            previous = compared
            changes, old = _changes_since(db, previous, state, config)
        changes["taken_at"] = database.now()
        changes["previous_run_state_id"] = previous[0] if previous else None
        # the hand-started runs after the one compared with, which a scheduled run passes over
        changes["passed_over"] = db.execute("select count(*) from run_states where id > ?",
                                            [previous[0]]).fetchone()[0] if previous else 0
        crawl = db.execute("select max(id) from crawls").fetchone()[0]
        row = {"taken_at": changes["taken_at"], "scheduled": int(scheduled), "crawl_id": crawl,
               "state": json.dumps(kept_state(old, state)), "changes": json.dumps(changes),
               "changed": changes["count"]}
        # Only the states a later run compares with are kept (_KEPT_STATES, once this row is in): older
        # ones would grow by the size of every source each run, so they keep their changes and drop
        # their state.  Dropped before the insert: the row then takes the room the previous state
        # leaves in the table's last page, where, dropped after it, a state over half a page had
        # sent the new row to a page of its own, left nearly empty (SQLite merges no underfull
        # page): a page (16 KiB) more for every run of a watch, however little changed.
        db.execute("update run_states set state = '{}' where state != '{}' and id not in "
                   "(select coalesce(max(id), 0) from run_states where scheduled = 1 and not ?)", [scheduled])
        changes["run_state_id"] = db["run_states"].insert(row).last_pk
        yield changes


def forget(db, statements: list[int], sources: list[int]) -> None:
    """Take removed statements and sources out of the states a next run compares with
    (_KEPT_STATES: the latest run's, the latest scheduled run's).  SQLite gives the highest
    id, once its row is gone, to the next row: that row must be new to the next run, not
    compared with the verdict or state of the one removed (`ingest --replace`)."""
    if not (statements or sources):
        return
    for row_id, stored in db.execute(f"select id, state from run_states where id in ({_KEPT_STATES})").fetchall():
        state = _run_state(stored)
        if state is None:   # nothing to take out: a next run compares with it as unreadable (_changes_since)
            continue
        for key, ids in (("verdicts", statements), ("sources", sources)):
            for removed in ids:
                state.get(key, {}).pop(str(removed), None)
        db.execute("update run_states set state = ? where id = ?", [json.dumps(state), row_id])


# What every recorded run's changes hold besides their lists (record_run).
_RUN_FIELDS = ("first_run", "count", "taken_at", "previous_run_state_id")


def _run_changes(value) -> dict | None:
    """A run_states row's changes as the reports and `status` read them, or None when they cannot
    be read (not a JSON object with the run's time, count and lists: a hand-edited or damaged row)."""
    changes = database.stored_json(value, dict)
    if changes is None or any(key not in changes for key in _RUN_FIELDS):
        return None
    # (numbers_changed, failing_once, cleared: none in a run recorded before they were kept)
    lists = [changes.get(key) for key in COUNTED_CHANGES] + [changes.get(key, []) for key in NOT_COUNTED_CHANGES]
    readable = all(isinstance(items, list) and all(isinstance(i, dict) for i in items) for items in lists)
    return changes if readable else None


def found_offline(db, run_state_id: int) -> bool:
    """Whether the recorded run `run_state_id` crawled and its crawl found the network
    unreachable (crawls.offline: its checks withdrawn), so that its "no change" is nothing
    checked.  Its crawl is its own only when the run before it recorded another (a run with
    nothing due crawls nothing, and the latest crawl is then an earlier run's)."""
    crawl_id, before = db.execute(
        "select crawl_id, (select crawl_id from run_states b where b.id < r.id order by b.id desc limit 1) "
        "from run_states r where id = ?", [run_state_id]).fetchone()
    if crawl_id is None or crawl_id == before:
        return False
    return bool(db.execute("select offline from crawls where id = ?", [crawl_id]).fetchone()[0])


def latest_changes(db) -> dict | None:
    """The changes the last recorded run found, or None before the first run (or when no run's
    can be read).  Runs whose changes cannot be read (`_run_changes`) are passed over for the
    latest whose can, given with its own `run_state_id` and `taken_at`, and counted in
    `unreadable_runs`: the report and `status` go on (what those runs found was printed, and a
    scheduled run's written to the changes file, when they ran)."""
    unreadable = 0
    for row_id, stored in db.execute("select id, changes from run_states order by id desc"):
        changes = _run_changes(stored)
        if changes is not None:
            return {**changes, "run_state_id": row_id, **({"unreadable_runs": unreadable} if unreadable else {})}
        unreadable += 1
    return None

