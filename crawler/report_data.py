"""The one query layer behind every report format: the database's state as plain data.

`stream(db)` returns the report data (documented in docs/report-schema.md, versioned by
`SCHEMA_VERSION`) with each document's footnotes and the sources as `Rows`, read from the
database one at a time as a writer goes through them, so that a report of 100,000
citations does not hold them all; `build(db)` is the same data read whole into lists.
The HTML, Markdown, CSV and JSON writers and `citewatch status` only lay it out, so every
format says the same thing.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import db as database
from archive.mementos import wayback_moment
from archive.snapshots import shown_timestamp
from db import stored_json
from crawler import history
from crawler.numbering import footnote_number, printed
from crawler.state import COUNTED_CRAWL, CRAWL_SPIDER, due_at

# Raised when a field is removed, renamed or changes type, not when one is added (a reader ignores
# what it does not know): `edits` and `edits_total` of `changes.content_drift[]` and `changes.numbers_changed[]`
# (what changed in a text, kept with the run's changes by history.record_run) came under 1, and
# `crawls[].run_kind`: docs/report-schema.md's "Changes" lists them all.
SCHEMA_VERSION = 1


def utc_minute(at: str | None, zone: bool = True) -> str:
    """A stored time as every stage says it to a reader (a report's heading, a verdict's reason,
    a search row): '2026-11-28 20:40 UTC'; without the zone (`zone=False`) in a source's list
    of events, where it would stand on every item."""
    return at[:16].replace("T", " ") + (" UTC" if zone else "") if at else ""


def memento_date(timestamp: str | None) -> str | None:
    """ISO 8601 from a 14-digit Wayback timestamp (Robust Links' data-versiondate), UTC said
    `+00:00` as every stored time says it (db.now): the one spelling in every output, so that
    a memento's time and a live reading's sort and compare as text.  Every output that gives a
    Wayback timestamp as a date goes through it."""
    if not timestamp or len(timestamp) < 8:
        return None
    try:
        return wayback_moment(timestamp[:14]).isoformat()
    except ValueError:  # not digits, or a date no calendar has
        return None


# What a verdict whose stored evidence is not a JSON object says after its reason (`evidence_of`).
UNREADABLE_EVIDENCE = ("its stored evidence could not be read (not a JSON object): run citewatch reconcile "
                       "to check the quote again")


def evidence_of(row: dict) -> tuple[dict, str]:
    """A quote_checks row's evidence as an object ({} when it has none or it is unreadable), and
    its reason with UNREADABLE_EVIDENCE added when evidence was stored but is no object: the
    verdict is shown with what can be read, and says why the rest is missing."""
    evidence = stored_json(row["evidence"], dict)
    if evidence is None and row["evidence"] not in (None, ""):
        return {}, "; ".join(filter(None, (row["reason"], UNREADABLE_EVIDENCE)))
    return evidence or {}, row["reason"]


def _closest_memento(snapshots: list[dict]) -> dict | None:
    """The memento to show: the one the archive stage marked closest, else the nearest usable one."""
    usable = [s for s in snapshots if history.check_outcome(s["class"]) != "failing"]
    if not usable:
        return None
    marked = [s for s in usable if s["closest"]]
    best = marked[0] if marked else min(usable, key=lambda s: abs(s["distance_days"] or 0))
    shown = shown_timestamp(best)   # a user's /web/2020/ link not fetched yet shows "2020", no date
    return {"url": best["memento_url"], "timestamp": shown, "date": memento_date(shown if len(shown) == 14 else None),
            "original_url": best["original_url"], "distance_days": best["distance_days"], "saved": bool(best["saved"])}


def _by_source(db, table: str, order: str) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {}
    for row in db[table].rows_where(order_by=order):
        grouped.setdefault(row["source_id"], []).append(row)
    return grouped


class Rows:
    """Rows produced again each time they are iterated, with their count known up front:
    a report of 100,000 citations streams them to its file instead of holding them all."""

    def __init__(self, produce, count: int):
        self._produce, self._count = produce, count

    def __iter__(self):
        return iter(self._produce())

    def __len__(self) -> int:
        return self._count


def _fetch_evidence(db, fetch_ids: list[int]) -> dict[int, dict]:
    """The SHA-256 of each of these fetches' body and where its response record lies (WARC
    path, relative to the data directory, and offset), in one query: only each source's latest
    check shows them, so history.Check does not hold them for every check."""
    return {row.pop("id"): row for row in db.execute_returning_dicts(
        "select id, sha256 as body_sha256, warc_path, warc_offset from fetches where id in (select value from json_each(?))",
        [_id_list(fetch_ids)])}


def _sources(db, checks, snapshots, settings: dict) -> dict[int, dict]:
    """Every source with its latest check, state, memento and save job (its history is
    added only as `sources` is streamed: it is the bulky part); its next check as a crawl
    under `settings` (the configuration's values) would make it (`_next_check`)."""
    saves = {r["source_id"]: r for r in db["save_jobs"].rows}
    evidence = _fetch_evidence(db, [own[-1].fetch_id for own in checks.values() if own])
    memento_texts = {sid for (sid,) in db.execute("select distinct source_id from texts where origin = 'memento'")}
    result = {}
    for source in db["sources"].rows_where(order_by="id"):
        sid, own = source["id"], checks.get(source["id"], [])
        # an offline crawl's checks are withdrawn (history.load_checks): a source they alone
        # failed is unknown (never judged), not failing, so it is not counted unrecoverable
        state = history.effective_state(source, own)
        # "failing since" is the first failing check of the current streak, not the last state change
        since = (source["first_failed"] or source["state_since"]) if state == "failing" else source["state_since"]
        latest = own[-1] if own else None
        failing = history.failing_count(source, own)
        save = saves.get(sid)
        result[sid] = {
            "id": sid, "kind": source["kind"], "key": source["key"], "url": source["url"], "host": source["host"],
            "state": state, "state_label": history.state_label(state, failing, since),
            "state_reason": source["state_reason"], "state_since": since,
            "failing_checks": failing, "next_check": _next_check(source, settings),
            "live": None if latest is None else {
                "class": latest.fetch_class, "status": latest.status, "final_url": latest.final_url,
                "reason": latest.reason, "checked_at": latest.at, "crawl_id": latest.crawl_id,
                # the archivist's evidence: which fetch, the SHA-256 of its body, its WARC record
                "fetch_id": latest.fetch_id, **evidence[latest.fetch_id]},
            "memento": _closest_memento(snapshots.get(sid, [])),
            "memento_text": sid in memento_texts,
            "saved": None if save is None else {"status": save["status"], "memento_url": save["memento_url"],
                                                "last_error": save["last_error"], "updated_at": save["updated_at"]},
        }
    return result


def _next_check(source: dict, settings: dict) -> str | None:
    """When a scheduled crawl under `settings` checks the source again: crawler/state.py
    `due_at`, the rule the crawl applies (a recheck interval shortened in the settings since
    the source's last check brings its stored `next_check` nearer), so that the report says
    the time the crawl will keep, not the one stored under the intervals of its last check."""
    checks = stored_json(source["checks"], list)
    last = checks[-1] if checks and isinstance(checks[-1], dict) else None
    return due_at(source["next_check"], source["state"], last, settings)


def _with_histories(db, sources: dict[int, dict], checks, snapshots):
    """Each source in id order with its history, built one at a time."""
    for source in db["sources"].rows_where(order_by="id"):
        sid = source["id"]
        if sid in sources:
            own, snaps = checks.get(sid, []), snapshots.get(sid, [])
            yield {**sources[sid], "history": history.source_history(db, source, own, snaps)}


_VERDICT_KEYS = ("verdict", "score", "reason", "evidence", "checked_at", "diff", "text_origin",
                 "text_memento_timestamp", "text_url", "span_start", "span_end", "matched", "in", "added_since")


def _span_fields(check: dict) -> dict:
    """Where in the text the verdict rests on the quote was found (character offsets into the
    stored text, `texts.text`) and the source's words there: what a reader quotes back when
    asked "where does it say that?"; None when the quote was not found."""
    return {"span_start": check["span_start"], "span_end": check["span_end"], "matched": check["matched"]}


def _text_fields(text: dict) -> dict:
    """Which text a verdict rests on (live fetch, memento with its timestamp, post)."""
    return {"text_origin": text.get("origin"), "text_memento_timestamp": text.get("memento_timestamp"),
            "text_url": text.get("url")}


def _fact_fields(evidence: dict, span_start: int | None) -> dict:
    """What reconcile says of a verdict only inside its evidence, as fields of their own, so
    that a script and the CSV need not parse it: `in`, where the span lies ("title" when the
    page's title alone holds the quote, `reconcile.in_title`; else "body" when the quote was
    found, None when not), and `added_since`, the kind of the live page's change after the
    quote's date (`reconcile.added_since`: "added" or "changed"; None without one)."""
    return {"in": evidence.get("in") or ("body" if span_start is not None else None),
            "added_since": _object(evidence.get("added_since")).get("kind")}


def _verdict_of(row: dict, text: dict | None = None) -> dict:
    """A verdict as the report gives it, every field from one quote_checks row and the text it
    rests on (`text`: its `origin`, `memento_timestamp`, `url`; None: the text the row's evidence
    names, as an overall check's does, read from the evidence decoded once): never one text's
    span and diff beside another text's URL."""
    evidence, reason = evidence_of(row)
    if text is None:
        text = _object(evidence.get("text"))
    verdict = dict.fromkeys(_VERDICT_KEYS)
    verdict.update(verdict=row["verdict"], score=row["score"], reason=reason, evidence=evidence,
                   checked_at=row["checked_at"], diff=stored_json(row["diff"], list), **_text_fields(text),
                   **_span_fields(row), **_fact_fields(evidence, row["span_start"]))
    return verdict


def _rests_on_order(row: dict, origin: str | None) -> tuple:
    """reconcile's order of the texts a verdict may rest on (`reconcile.rests_on_order`), of a
    stored `text` check whose text is of `origin`: the report picks as the overall check does."""
    from crawler import reconcile  # imported here: crawler.reconcile imports this module

    return reconcile.rests_on_order(row["verdict"], row["score"], evidence_of(row)[0].get("in"), origin,
                                    row["text_id"] or 0)


def _statement_verdicts(db, statement_ids) -> dict[int, tuple[dict | None, dict | None]]:
    """Each of these statements' verdict and compilation (`_weigh_checks`): their quote_checks
    read in one query, with the text each text check rests on, not a query (and one more per
    text check) for each footnote row; `_footnotes` asks for a batch of rows at a time, so
    that a document of 100,000 statements is not held whole."""
    grouped: dict[int, list[dict]] = {}
    for row in db.execute_returning_dicts(
            "select q.*, t.origin, t.memento_timestamp, t.url, t.source_id "
            "from quote_checks q left join texts t on t.id = q.text_id "
            "where q.statement_id in (select value from json_each(?)) order by q.id",
            [_id_list(statement_ids)]):
        grouped.setdefault(row["statement_id"], []).append(row)
    return {sid: _weigh_checks(db, rows) for sid, rows in grouped.items()}


def _current(db, checks: list[dict], texts: dict[int, dict] | None = None) -> list[dict]:
    """These text checks of one statement but those on a live reading that a later reading of
    the same page superseded (`reconcile.superseded`, as the overall check leaves them out:
    the page as read then, never the live text a verdict rests on).  `texts` are the checked
    texts by id as `reconcile.texts_of` gives them (when they were read last); read here from
    the checks' sources when not given.  A check whose text is no longer stored stays."""
    from crawler import reconcile  # imported here: crawler.reconcile imports this module

    if texts is None:
        texts = {t["id"]: t for t in reconcile.texts_of(db, sorted({c["source_id"] for c in checks
                                                                     if c.get("source_id") is not None}))}
    earlier = reconcile.superseded([texts[c["text_id"]] for c in checks if c["text_id"] in texts])
    return [c for c in checks if c["text_id"] not in earlier]


def _id_list(ids) -> str:
    """Row ids as one JSON list, for `in (select value from json_each(?))`: a batch of any size
    in one bound parameter, under SQLite's limit on them."""
    return json.dumps(sorted({i for i in ids if i is not None}))


def _weigh_checks(db, checks: list[dict]) -> tuple[dict | None, dict | None]:
    """A statement's verdict and its comparison with another compilation of the same
    statement, if any, from its quote_checks (each with the `origin`, `memento_timestamp`,
    `url` and `source_id` of its text).  The verdict is the overall check, on the text its
    evidence names (none when it names none); without an overall check stored, the text check
    reconcile's overall check would rest on (`_rests_on_order`) among those it weighs, a live
    reading a later one superseded left out (`_current`), with its own text.  Either is one row
    whole (`_verdict_of`): a text check's span and diff never stand beside another text's URL."""
    compilation = overall = None
    texts = []
    for row in checks:
        if row["scope"] == "compilation":
            evidence, reason = evidence_of(row)
            compilation = {"verdict": row["verdict"], "score": row["score"], "reason": reason,
                           "diff": stored_json(row["diff"], list), "compared_with": evidence.get("compared_with"),
                           # whether the article names the other statement's speaker (None: it names
                           # none), and whether the quote was checked against that statement's sources
                           "entity_match": evidence.get("entity_match"), "borrowed": evidence.get("borrowed")}
        elif row["scope"] == "overall":
            overall = row
        else:
            texts.append(row)
    if overall is not None:
        return _verdict_of(overall), compilation
    if texts:
        best = min(_current(db, texts), key=lambda row: _rests_on_order(row, row["origin"]))
        return _verdict_of(best, best), compilation
    return None, compilation


def _citation_verdict(db, citation: dict, statement_verdict: dict | None, statement_citations: int) -> dict | None:
    """One footnote's own verdict, when its statement cites several: of the current `text`
    checks among the texts of this citation alone (`reconcile.citation_texts`; live readings a
    later one superseded do not count, as in the overall check), the text the statement's
    verdict rests on when it is one of them (what reconcile stored, not ranked again), else the
    one the overall check would rest on (`_rests_on_order`: a body before a title alone, the
    live page among texts without the quote), with the text it rests on, else `unverifiable`
    with this footnote's own gap from the overall check's `missing`.  The statement's drift is
    said on the footnote whose pages drifted, and words added since the quote's date
    (`reconcile.added_since`) on the footnote whose verdict rests on the live text they name:
    the statement's on the text its verdict rests on (none when reconcile stored none: the
    footnote never says what its statement does not), and on another footnote's live page its
    own (`_own_added_since`); its field, evidence and reason say them as the statement's do.
    Derived here from the stored text checks, not stored by reconcile: quote_checks is unique
    on (statement, scope, text), and two footnotes may cite one page or both have no text,
    so a per-citation row has no key of its own there.  A statement with one citation keeps
    its overall verdict (it is over that citation's texts alone, with drift and
    misattribution said); so does one not reconciled yet (None), and one whose overall check
    has no evidence (a quote with no words to check: no footnote of it was compared).
    `statement_citations`: how many the statement has (`_footnotes` counts them at once)."""
    from crawler import reconcile  # imported here: crawler.reconcile imports this module

    if not (statement_verdict or {}).get("evidence") or statement_citations < 2:
        return statement_verdict
    texts = {t["id"]: t for t in reconcile.citation_texts(db, citation)}
    marks = ", ".join("?" for _ in texts) or "null"
    checks = db.execute_returning_dicts(f"select * from quote_checks where statement_id = ? and scope = 'text' "
                                        f"and text_id in ({marks})", [citation["statement_id"], *texts])
    current = _current(db, checks, texts)
    if not current:
        gap = _citation_gap(db, citation, statement_verdict)
        return {**dict.fromkeys(_VERDICT_KEYS), "verdict": "unverifiable", "reason": gap,
                "evidence": {"missing": [gap]}, "checked_at": statement_verdict["checked_at"]}
    stated = statement_verdict["evidence"]
    rests_on = _object(stated.get("text")).get("id")
    best = next((c for c in current if c["text_id"] == rests_on), None) or \
        min(current, key=lambda c: _rests_on_order(c, texts[c["text_id"]]["origin"]))
    verdict = _verdict_of(best, texts[best["text_id"]])
    evidence = verdict["evidence"]
    if _object(evidence.get("text")).get("unread_since"):
        verdict["reason"] += "; " + reconcile.unread_words(evidence["text"])
    moved = _pages_drift(statement_verdict, {t["source_id"] for t in texts.values()})
    if moved:
        evidence["drift"] = moved
        verdict["reason"] += "; " + reconcile.drift_words(moved, texts[best["text_id"]]["source_id"])
    # reconcile's words on the text the statement rests on, said or not; another text's, its own
    added = _object(stated.get("added_since")) if best["text_id"] == rests_on else \
        _own_added_since(db, citation, best, checks, texts)
    if added:
        evidence["added_since"] = added
        verdict["reason"] += "; " + reconcile.added_words(added)
        verdict.update(_fact_fields(evidence, verdict["span_start"]))
    return verdict


def _object(value) -> dict:
    """A value of stored evidence that should be an object (`text`, `drift`, `added_since`), or
    {} when it is none or another kind (a hand-edited database): read with `.get` safely."""
    return value if isinstance(value, dict) else {}


def _own_added_since(db, citation: dict, best: dict, checks: list[dict], texts: dict[int, dict]) -> dict | None:
    """Words added since the quote's date to the live page this footnote's verdict rests on
    (`best`, one of its text `checks`, on `texts`), judged as the overall check judges the page
    its own verdict rests on (`reconcile.added_since`: that page's first memento on or after the
    date lacks the quote, or has it in other words) from the stored verdicts of the page's
    texts: reconcile says it of that one page only, and another footnote's page changed the
    same way went unsaid.  None when the verdict is not on a live text holding the quote (known
    before any query: the report asks this of every footnote of a statement citing several), or
    no memento of the page says the words came after."""
    from crawler import reconcile  # imported here: crawler.reconcile imports this module

    if texts[best["text_id"]]["origin"] != "live" or best["verdict"] not in reconcile.FOUND_VERDICTS:
        return None

    def judged(row: dict) -> reconcile.Check:   # a stored text check as reconcile made it
        return reconcile.Check("text", row["verdict"], row["reason"], row["text_id"], row["score"])

    statement = db.execute("select date, document_id from statements where id = ?", [citation["statement_id"]])
    date, dated = reconcile.quote_date(db, dict(zip(("date", "document_id"), statement.fetchone())))
    return reconcile.added_since([(judged(c), texts[c["text_id"]]) for c in checks], judged(best),
                                 texts[best["text_id"]], date, dated)


def citation_verdicts(db, statement_id: int) -> list[tuple[dict, dict | None]]:
    """Each citation of the statement (`reconcile.citations_of`, in footnote order) with its own
    verdict, as the report's footnote rows give it (`_citation_verdict`): what `citewatch
    reconcile`'s table shows for a statement citing several footnotes."""
    from crawler import reconcile  # imported here: crawler.reconcile imports this module

    statement_verdict, _ = _statement_verdicts(db, [statement_id]).get(statement_id, (None, None))
    citations = reconcile.citations_of(db, statement_id)
    return [(c, _citation_verdict(db, c, statement_verdict, len(citations))) for c in citations]


def _pages_drift(statement_verdict: dict, pages: set[int]) -> dict | None:
    """The content drift the overall check found on these pages (a footnote's own), in its
    shape: the first page, and `other_pages` when more drifted; another footnote's page
    drifting says nothing of this one's."""
    from crawler import reconcile  # imported here: crawler.reconcile imports this module

    drift = _object(_object(statement_verdict.get("evidence")).get("drift"))
    return reconcile.drift_of([page for page in reconcile.drifted_pages(drift)
                               if isinstance(page, dict) and page.get("source_id") in pages])


def _citation_gap(db, citation: dict, statement_verdict: dict) -> str:
    """Why this footnote gave no text, as the overall check said it (its `missing` line that
    names this footnote), else that no text of it was checked yet."""
    from crawler import reconcile

    named = next(c for c in reconcile.citations_of(db, citation["statement_id"]) if c["id"] == citation["id"])
    label = reconcile.citation_label(named)
    missing = _object(statement_verdict.get("evidence")).get("missing")
    lines = [gap for gap in missing if isinstance(gap, str)] if isinstance(missing, list) else []
    return next((gap for gap in lines if gap.startswith(f"{label}: ")),
                f"{label}: no text of it checked yet (run citewatch reconcile)")


def _footnote(db, citation: dict | None, statement: dict | None, source: dict | None, verdict: dict | None,
              compilation: dict | None, row_key: str | None = None, statement_citations: int = 0,
              latest: history.Check | None = None) -> dict:
    """One row of a document's table: a footnote with its statement, source, its own verdict
    (`_citation_verdict`) and its statement's (`verdict`, the overall check); in a
    document numbered per annex, "footnote" names it as printed ("1 of Annex II": seq is its
    place in the document, crawler/ingest/parts.py), also for a statement whose footnote was
    not found (no citation, no seq to show); in a quote list, as its reader named the row
    (the `id` column, `row_key`: coe-1, not its place in the list).
    `statement_citations`: how many citations its statement has; `latest`: its source's
    latest check that says something about the page (`history.latest_counted`)."""
    citation = citation or {}
    part = citation.get("part") or (statement or {}).get("part")
    number = footnote_number(citation.get("footnote"), (statement or {}).get("footnote"))
    # the number printed where it is not the seq: "1 of Annex II", and a footnote's second URL
    # (its own citation, numbered after every footnote: crawler/ingest/letter.py) named "3"
    own = citation.get("footnote")
    named = (str(printed(citation.get("seq"), number, part))
             if number is not None and (part or own not in (None, citation.get("seq"))) else None)
    # always there, null where seq names it: a script reading row["footnote"] must not KeyError
    return {"footnote": row_key if row_key is not None else named,
        "citation_id": citation.get("id"), "seq": citation.get("seq"), "kind": citation.get("kind"),
        "printed": citation.get("printed"), "url_printed": citation.get("url_printed"), "url": citation.get("url"),
        "repairs": stored_json(citation.get("repairs"), list) or [], "handle": citation.get("handle"),
        "flags": stored_json(citation.get("flags"), list) or [],
        "resolved": {"url": citation["resolved_url"], "timestamp": citation.get("resolved_timestamp"),
                     "resolution": stored_json(citation.get("resolution"), dict)}
                    if citation.get("resolved_url") else None,
        "statement": None if statement is None else {
            **{k: statement[k] for k in ("id", "seq", "entity", "title", "place", "date", "footnote", "quote")},
            # as ingest set them: a lost footnote, before any reconcile
            "flags": stored_json(statement.get("flags"), list) or []},
        "source_id": source["id"] if source else None,
        "state": source["state"] if source else None,
        "state_label": source["state_label"] if source else None,
        "state_since": source["state_since"] if source else None,
        "state_reason": source["state_reason"] if source else None,
        "live": source["live"] if source else None,
        "memento": source["memento"] if source else None,
        "saved": source["saved"] if source else None,
        **_verdicts_as_of(_citation_verdict(db, citation, verdict, statement_citations) if citation.get("id")
                          else verdict, verdict, (source or {}).get("live"), latest, (source or {}).get("id")),
        "compilation": compilation,
    }


def verdict_stale_since(verdict: dict | None, latest: history.Check | None, source_id: int | None) -> str | None:
    """When the source was checked last (`latest`: its latest check that says something about
    the page, `history.latest_counted`), if that check came after the verdict was worked out
    (a `citewatch crawl` without `reconcile` since) and gave another text than the verdict
    saw the page give (`_readings_seen`), so that reconcile run again could change it: a 404
    beside "verbatim against the live text", a page live again beside a verdict on its
    memento.  None when the check gave the text the verdict saw (the same page re-checked
    weekly, a dead page failing again beside a verdict on its memento): the reports flag
    only verdicts a reconcile would bring up to date."""
    if not (verdict or {}).get("checked_at") or latest is None or latest.at <= verdict["checked_at"]:
        return None
    return None if latest.text_id in _readings_seen(verdict, source_id) else latest.at


def _readings_seen(verdict: dict, source_id: int | None) -> set[int | None]:
    """What the verdict saw the source's latest fetch give: the live texts it weighed (their
    text ids; its reading the verdict rests on, and the live readings not superseded it was
    checked against), and None (no text) unless the verdict rests on this source's live text
    as read by its latest fetch (a 404 since is news to such a verdict, and only to it)."""
    evidence = _object(verdict.get("evidence"))
    weighed = evidence.get("texts") if isinstance(evidence.get("texts"), list) else []
    seen = {t.get("text_id") for t in map(_object, weighed) if t.get("origin") == "live" and not t.get("superseded")}
    text = _object(evidence.get("text"))
    resting = text.get("origin") == "live" and text.get("source_id") == source_id
    if resting:
        seen.add(text.get("id"))
    if not resting or text.get("unread_since"):
        seen.add(None)
    return seen


def _last_fetch_said(verdict: dict, live: dict) -> dict:
    """The verdict with its reason's "its last fetch (client-error, <when>) gave no text"
    (reconcile.unread_words, true when reconcile wrote it) true of the fetches now: naming
    the source's latest check when it gave no text either, else no longer called the last."""
    from crawler import reconcile  # imported here: crawler.reconcile imports this module

    text = _object(verdict.get("evidence")).get("text")
    if not isinstance(text, dict) or not text.get("unread_since") or not verdict.get("reason"):
        return verdict
    said = reconcile.unread_words(text)
    if history.check_outcome(live["class"]) == "live":
        now = said.replace("its last fetch (", "its fetch (", 1)
    else:
        now = reconcile.unread_words({**text, "unread_since": {"class": live["class"], "at": live["checked_at"]}})
    return {**verdict, "reason": verdict["reason"].replace(said, now)}


def _verdicts_as_of(own: dict | None, statement_verdict: dict | None, live: dict | None,
                    latest: history.Check | None, source_id: int | None) -> dict:
    """A footnote's `verdict`, `verdict_stale_since` and `statement_verdict`: a verdict a
    later check could change says so (`verdict_stale_since`), and a verdict older than the
    source's latest fetch names that fetch as the last in its reason (`_last_fetch_said`, as
    reconcile would write it now).  A statement citing one footnote has one verdict for both:
    kept one."""
    stale = verdict_stale_since(own, latest, source_id)
    older = bool(own and own.get("checked_at") and (live or {}).get("checked_at")
                 and own["checked_at"] < live["checked_at"])
    said = _last_fetch_said(own, live) if older else own
    return {"verdict": said, "verdict_stale_since": stale,
            "statement_verdict": said if own is statement_verdict else statement_verdict}


def _checked_source(citation: dict) -> int | None:
    """The source whose checks stand for the citation: a resolved tweet or post itself (its
    state is what the syndication endpoint says), not the account the footnote names."""
    resolution = stored_json(citation.get("resolution"), dict) or {}
    if citation.get("resolved_url") and resolution.get("post_source_id"):
        return resolution["post_source_id"]
    return citation["source_id"]


_BATCH = 500  # footnote rows whose statements and verdicts are read in one query each


def _batches(rows, size: int = _BATCH):
    """`rows` in lists of `size`, read as they are needed."""
    rows = iter(rows)
    while batch := list(itertools.islice(rows, size)):
        yield batch


def _footnotes(db, doc_id: int, sources: dict[int, dict], checks: dict[int, list[history.Check]]):
    """A document's footnotes in order (statements without one at the end), one at a time;
    `checks` (`history.load_checks`) tell whether a verdict is older than its source's text."""
    row_keys = dict(db.execute("select statement_id, row_key from quote_rows where document_id = ?", [doc_id]))
    for c, statement, verdict, compilation, citations in _footnote_parts(db, doc_id):
        if c is None:
            yield _footnote(db, None, statement, None, verdict, compilation, row_keys.get(statement["id"]))
            continue
        checked = _checked_source(c)
        yield _footnote(db, c, statement, sources.get(checked), verdict, compilation, row_keys.get(c["statement_id"]),
                        citations, history.latest_counted(checks.get(checked, [])))


def _footnote_parts(db, doc_id: int):
    """What each of a document's footnote rows is made of, in their order, one at a time:
    (its citation, None for a statement no footnote cites; its statement, None when not of this
    document; the statement's verdict and compilation, `_weigh_checks`; how many citations the
    statement has, for the footnote's own verdict).  `_footnotes` builds the rows from them and
    `_summary` counts them without building one: an HTML report built every row twice."""
    cited = set()
    citation_counts = dict(db.execute("select statement_id, count(*) from citations where statement_id in (select "
                                      "statement_id from citations where document_id = ?) group by statement_id",
                                      [doc_id]))
    none = (None, None)
    for batch in _batches(db["citations"].rows_where("document_id = ?", [doc_id], order_by="seq")):
        ids = [c["statement_id"] for c in batch]
        statements, verdicts = _statements(db, doc_id, ids), _statement_verdicts(db, ids)
        for c in batch:
            sid = c["statement_id"]
            cited.add(sid)
            yield c, statements.get(sid), *verdicts.get(sid, none), citation_counts.get(sid, 0)
    uncited = (s for s in db["statements"].rows_where("document_id = ?", [doc_id], order_by="seq")
               if s["id"] not in cited)
    for batch in _batches(uncited):
        verdicts = _statement_verdicts(db, (s["id"] for s in batch))
        for s in batch:
            yield None, s, *verdicts.get(s["id"], none), 0


def _statements(db, doc_id: int, statement_ids) -> dict[int, dict]:
    """These statements of the document, by id: one query for a batch of footnote rows."""
    return {s["id"]: s for s in db.execute_returning_dicts(
        "select * from statements where document_id = ? and id in (select value from json_each(?))",
        [doc_id, _id_list(statement_ids)])}


def flag_counts(db, statement_flags, citation_flags) -> list[dict]:
    """How many statements, and how many citations, of each document carry each of these
    ingest flags (`statements.flags`, `citations.flags`), in one grouped query: `citewatch
    status` says them without reading a report's rows, so a database of 100,000 citations is
    summed by SQLite.  A row's flags that are not a JSON list count as none, as `stored_json` reads them."""
    each = ("select document_id, '{of}' as of, f.value as flag, count(distinct t.id) as count from {of} t, "
            "json_each(case when json_valid(t.flags) and json_type(t.flags) = 'array' then t.flags else '[]' end) f "
            "where f.value in (select value from json_each(:{of})) group by document_id, f.value")
    sql = f"{each.format(of='statements')} union all {each.format(of='citations')}"
    return db.execute_returning_dicts(sql, {"statements": json.dumps(list(statement_flags)),
                                            "citations": json.dumps(list(citation_flags))})


def _footnote_count(db, doc_id: int) -> int:
    """How many rows `_footnotes` gives: the citations and the statements none of them cites."""
    return db.execute(
        "select (select count(*) from citations where document_id = :d) + (select count(*) from statements s "
        "where document_id = :d and not exists (select 1 from citations c where c.document_id = :d "
        "and c.statement_id = s.id))", {"d": doc_id}).fetchone()[0]


def no_document(database: str, what: str) -> tuple[str, str]:
    """What a command or a report says of a database nothing was ingested into (`what`: what it
    would have done, "report"), and the command its sentence ends with: one sentence, where
    tables of headers alone and figures of 0 read as a database checked and found clean."""
    return f"{database} holds no document yet, nothing to {what}: ingest one first", "citewatch ingest DOC"


def _documents(db, sources, checks, document_id=None) -> list[dict]:
    """Each document, its footnotes streamed as they are read (see `Rows`), with the language
    ingest named its quotes in (`documents.language`: the HTML report's `lang` of a quote)."""
    where = "id = ?" if document_id else None
    return [{"id": doc["id"], "title": doc["title"], "kind": doc["kind"], "path": doc["path"], "date": doc["date"],
             "symbols": stored_json(doc["symbols"], list) or [], "language": doc["language"],
             "footnotes": Rows(lambda d=doc["id"]: _footnotes(db, d, sources, checks), _footnote_count(db, doc["id"]))}
            for doc in db["documents"].rows_where(where, [document_id] if document_id else [], order_by="id")]


# What stands in `summary.sources_by_class` for a source no check has reached, and its words.
UNFETCHED_CLASSES = {"unchecked": "unchecked", "not-online": "not online", "handle": "account handle",
                     "local": "local file"}


def unfetched_label(footnote: dict) -> str | None:
    """The words of a footnote's Live cell when no fetch stands there (None when one does, or it
    cites nothing): not online, local file, account handle or unchecked, as `_unfetched_class`
    counts its source."""
    if footnote["live"]:
        return None
    if footnote["kind"] == "offline":
        return UNFETCHED_CLASSES["not-online"]
    if footnote["kind"] == "local":
        return UNFETCHED_CLASSES["local"]
    if footnote["handle"]:
        return UNFETCHED_CLASSES["handle"]
    return UNFETCHED_CLASSES["unchecked"] if footnote["citation_id"] else None


def _unfetched_class(source: dict) -> str:
    """What stands in the status chart for a source no check has reached: an offline citation
    (a printed book, a note verbale) is `not-online`, a social account a footnote names is a
    `handle` (the resolve stage finds its post, a source of its own), a file `citewatch check`
    read from disk is `local` (never fetched); only a page the crawl fetches and has not
    reached yet is `unchecked`."""
    if source["kind"] == "offline":
        return "not-online"
    if source["kind"] == "local":
        return "local"
    if source["kind"] in ("twitter", "facebook") and source["key"].startswith(f"{source['kind']}:"):
        return "handle"
    return "unchecked"


def _source_crawls(db) -> int:
    """Crawls of the cited sources (the archive and resolve stages' Scrapy runs are rows of
    `crawls` too: crawler/state.py's CRAWL_SPIDER tells them apart), those that fetched
    nothing (nothing was due: COUNTED_CRAWL) left out."""
    sql = f"select count(*) from crawls where {CRAWL_SPIDER} = 'sources' and {COUNTED_CRAWL}"
    return db.execute(sql).fetchone()[0]


def _verdict_name(verdict: dict | None) -> str:
    """A verdict as the summary counts it: its name, "unchecked" for none."""
    return (verdict or {}).get("verdict") or "unchecked"


def _summary(db, sources: dict, documents: list[dict]) -> dict:
    """The figures at the top of every report, counted in one pass over what the footnote rows
    are made of (`_footnote_parts`), not over the rows: the report builds each row once, as
    it writes it.  A footnote is counted by its own verdict (`_citation_verdict`, the name
    `_footnote` gives it: `_verdicts_as_of` changes a reason, never a verdict)."""
    by_class = Counter((s["live"] or {}).get("class") or _unfetched_class(s) for s in sources.values())
    verdicts, own_verdicts, statements, citations = Counter(), Counter(), set(), 0
    for citation, statement, verdict, _, statement_citations in (
            part for d in documents for part in _footnote_parts(db, d["id"])):
        if citation is not None:   # each footnote by its own verdict, which a statement citing several may not share
            citations += 1
            own_verdicts[_verdict_name(_citation_verdict(db, citation, verdict, statement_citations))] += 1
        if statement and statement["id"] not in statements:   # once, whatever footnotes it cites
            statements.add(statement["id"])
            verdicts[_verdict_name(verdict)] += 1
    # known not live: judged failing or dead by checks that count (never-judged sources are unknown)
    not_live = [s for s in sources.values() if s["kind"] != "offline" and s["state"] in ("failing", "dead")]
    unarchived = [s for s in not_live if not (s["memento"] or s["memento_text"])]
    # only a dead source (failing checks days apart) is known to be gone: one failing check is not
    dead_unarchived = sum(s["state"] == "dead" for s in unarchived)
    return {
        "documents": len(documents),
        "statements": len(statements),
        "citations": citations,
        "sources": len(sources),
        "sources_by_class": dict(by_class.most_common()),
        "sources_by_state": dict(Counter(s["state"] for s in sources.values()).most_common()),
        "quotes_by_verdict": dict(verdicts.most_common()),
        "footnotes_by_verdict": dict(own_verdicts.most_common()),
        "rescued_by_archive": len(not_live) - len(unarchived),
        "unrecoverable": len(unarchived),  # the key scripts read: failing or dead, nothing archived
        "dead_unarchived": dead_unarchived,
        "failing_unarchived": len(unarchived) - dead_unarchived,
        "crawls": db.execute(f"select count(*) from crawls where {COUNTED_CRAWL}").fetchone()[0],
        "source_crawls": _source_crawls(db),
    }


def changes(db) -> dict | None:
    """The changes the latest recorded run found, said as that run's: whether it was scheduled,
    when the run it compared with was taken, and the crawls since it (`crawls_since`, the
    latest one's start `last_crawl_at`), whose checks only the next run compares.  Without
    them a report after `citewatch crawl` alone passed the last run's list off as what changed
    up to now.  A resolve run's look-up of the tweets counts as a crawl: it checks them; a crawl
    that fetched nothing does not (COUNTED_CRAWL).  A changed text's item holds what changed as
    the run stored it (`edits`, `edits_total`: history._excerpts); a run recorded before them has
    neither, and the reports then give the word counts alone."""
    latest = history.latest_changes(db)
    if latest is None:
        return None
    scheduled, crawl_id = db.execute("select scheduled, crawl_id from run_states where id = ?",
                                     [latest["run_state_id"]]).fetchone()
    previous = db.execute("select taken_at from run_states where id = ?", [latest["previous_run_state_id"]]).fetchone()
    since, last = db.execute(f"select count(*), max(started_at) from crawls where id > ? and {CRAWL_SPIDER} in "
                             f"('sources', 'posts') and {COUNTED_CRAWL}", [crawl_id or 0]).fetchone()
    return {**latest, "scheduled": bool(scheduled), "previous_taken_at": previous and previous[0],
            "crawls_since": since, "last_crawl_at": last}


def _crawls(db) -> list[dict]:
    """The crawls kept (COUNTED_CRAWL), oldest first, each with its `run_kind` as
    `link_rot.over_time` says it (history.RUN_KINDS): a reader tells a crawl of the sources
    from an archive or resolve run without reading `settings`.  `scheduled` stays the stored
    0/1 (a boolean now would change its type within schema version 1)."""
    rows = db.execute_returning_dicts(f"select id, started_at, finished_at, status, scheduled, {CRAWL_SPIDER} as spider "
                                      f"from crawls where {COUNTED_CRAWL} order by started_at, id")
    return [{**{key: row[key] for key in ("id", "started_at", "finished_at", "status", "scheduled")},
             "run_kind": history.RUN_KINDS.get(row["spider"], row["spider"])} for row in rows]


def stream(db, document_id: int | None = None, database_path: str | Path | None = None, config=None) -> dict:
    """The report data with each document's footnotes and the sources as `Rows`, built as
    they are written: what the report writers take, so memory does not grow per citation.

    `config` gives the dead rule the history is replayed with, the data directory its WARC
    files lie in and the recheck intervals a source's `next_check` is said under (default:
    the settings' defaults).
    """
    checks = history.load_checks(db, history.dead_rule(config), history.warc_data_dir(config),
                                 history.warc_max_size(config))
    snapshots = _by_source(db, "snapshots", "timestamp")
    sources = _sources(db, checks, snapshots, history.setting_values(config))
    documents = _documents(db, sources, checks, document_id)
    if document_id is not None:
        cited = {sid for (sid,) in db.execute("select source_id from citations where document_id = ?", [document_id])}
        sources = {sid: s for sid, s in sources.items() if sid in cited}
        checks = {sid: c for sid, c in checks.items() if sid in cited}
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": database.now(),
        "database": str(database_path) if database_path else None,
        "summary": _summary(db, sources, documents),
        "documents": documents,
        "sources": Rows(lambda: _with_histories(db, sources, checks, snapshots), len(sources)),
        "link_rot": {"by_domain": history.rot_by_domain(list(sources.values()), checks),
                     "over_time": history.rot_over_time(db, checks)},
        "crawls": _crawls(db),
        "changes": changes(db),
    }


def build(db, document_id: int | None = None, database_path: str | Path | None = None, config=None) -> dict:
    """The whole state of the database as report data in memory (one document's footnotes if given):
    `stream` with every row read, for `citewatch status` and callers that index into it."""
    data = stream(db, document_id=document_id, database_path=database_path, config=config)
    data["documents"] = [{**doc, "footnotes": list(doc["footnotes"])} for doc in data["documents"]]
    data["sources"] = list(data["sources"])
    return data
