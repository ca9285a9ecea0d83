"""One result per row of a quote list, read back from the database, and its output formats.

A checkable row's result is its statement's overall verdict (reconcile's `overall`
quote check) with the evidence of the text it rests on: the text check named by the
overall row's evidence (`evidence.text.id`, as reconcile writes it), else the text
check with the same verdict and the best score.  A row that could not be checked is a result with verdict `error` and its
one-line reason; so is one reconcile failed on this run (its cause in reconcile's words), unless an
earlier run checked it: it keeps that verdict, its reason says so, and it counts as an error for
the exit status (`stale`).  A row whose source cell was repaired to be read (spaces encoded, angle
brackets dropped: sources.py; or as a footnote's URL is repaired) says in its reason which URL was
read and how, whatever its verdict: an `error` row too, or its writer fixes the wrong thing
(`repair_note`).  A row left without a text because citewatch refused to fetch its source says
why, and names the setting that lifts the address rule when that rule refused it, as `citewatch
ingest` of the URL does (`refused_note`).  Results keep the list's order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from urllib.parse import unquote, urlsplit

from crawler.check.read import Row
from crawler.export import formats
from crawler.ingest.source import lift_address_rule
from crawler.middlewares.refusals import refusal
from crawler.report_data import memento_date
from db import from_json

FIELDS = ("id", "line", "verdict", "score", "text", "text_url", "memento_timestamp", "live_class", "span_start",
          "span_end", "matched", "diff", "reason", "source")
# The CSV's columns: FIELDS, then the memento's time as ISO 8601 (`memento_date`), which a
# spreadsheet reads as a date where it turns 14 digits into a number; at the end, so a
# script reading the columns by position keeps working.
CSV_FIELDS = (*FIELDS, "memento_date")
NO_VERDICT = "no verdict recorded for this row: the reconcile stage did not check it"
FAILED = ("no verdict recorded for this row: the reconcile stage could not check it {why}; run the check again "
          "(it retries the row), and report it if it fails again")


@dataclass
class Result:
    id: str
    line: int
    verdict: str
    reason: str
    source: str
    score: float | None = None
    text: str | None = None              # live | memento <ts> | local file <path> | post <url>
    text_url: str | None = None
    memento_timestamp: str | None = None
    live_class: str | None = None        # the class of the source's latest live fetch (URL sources)
    span_start: int | None = None
    span_end: int | None = None
    matched: str | None = None
    diff: list | None = None             # [[op, words], ...], op = equal | delete | insert
    # The verdict is an earlier run's: reconcile failed on the row this run (not an output field;
    # the reason says it).  A gate counts the row as an error (check/__init__.py `exit_status`).
    stale: bool = field(default=False, repr=False)

    def as_dict(self) -> dict:
        out = asdict(self)
        del out["stale"]
        return out

    @property
    def wdiff(self) -> str:
        """The diff as one line, wdiff style: [-in the source only-] {+in the quote only+}."""
        return self.brief_diff(context=None)

    def brief_diff(self, context: int | None = 4) -> str:
        """The wdiff line with long equal runs cut to `context` words around each change
        (None: whole); empty when nothing changed."""
        ops = self.diff or []
        if context is not None and all(op == "equal" for op, _ in ops):
            return ""
        parts = []
        for i, (op, words) in enumerate(ops):
            if op != "equal":
                parts.append(("[-{}-]" if op == "delete" else "{{+{}+}}").format(words))
                continue
            split = words.split()
            if context is not None and len(split) > 2 * context:
                head = " ".join(split[:context]) if i > 0 else ""              # words after a change
                tail = " ".join(split[-context:]) if i + 1 < len(ops) else ""  # words before one
                words = " ".join(w for w in (head, "…", tail) if w)
            parts.append(words)
        return " ".join(parts)


def _text_label(text: dict | None) -> str | None:
    """How a reader names the text: live, memento <ts>, local file <path>, post <url>."""
    if not text:
        return None
    origin = text["origin"]
    if origin == "memento":
        return f"memento {text['memento_timestamp']}"
    if origin == "local":
        return f"local file {unquote(urlsplit(text['url'] or '').path)}"
    if origin == "post":
        return f"post {text['url']}"
    return origin


def _checks(db, document_id: int) -> dict[int, dict]:
    """{statement id: {"overall": row, "text": [rows]}} for the document's statements."""
    out: dict[int, dict] = {}
    for row in db.execute_returning_dicts(
            "SELECT qc.* FROM quote_checks qc JOIN statements s ON s.id = qc.statement_id WHERE s.document_id = ?",
            [document_id]):
        entry = out.setdefault(row["statement_id"], {"overall": None, "text": []})
        if row["scope"] == "overall":
            entry["overall"] = row
        elif row["scope"] == "text":
            entry["text"].append(row)
    return out


def _chosen_text_check(entry: dict) -> dict | None:
    """The text check the overall verdict rests on (see the module docstring)."""
    overall, texts = entry["overall"], entry["text"]
    evidence = from_json(overall["evidence"]) if overall else None
    named = (evidence.get("text") or {}).get("id") if isinstance(evidence, dict) else None
    for row in texts:
        if named is not None and row["text_id"] == named:
            return row
    same = [r for r in texts if overall and r["verdict"] == overall["verdict"]] or texts
    return max(same, key=lambda r: (r["score"] or 0, r["id"]), default=None)


def _error(row: Row) -> Result:
    return _noting_repairs(Result(row.key, row.line, "error", row.error or "the row was not stored", row.source), row)


def repair_note(row: Row) -> str | None:
    """"the source was read as <url> (<repairs>)", or the repairs made before the cell still
    could not be read; None when the cell was read as written.  The verdict (or the error) is
    of what was read, and a reader of the result alone must see it is not what was written."""
    if not row.repairs:
        return None
    repairs = "; ".join(row.repairs)
    if row.read_as:
        return f"the source was read as {row.read_as} ({repairs})"
    return f"the source cell was read after these repairs: {repairs}"


def _noting_repairs(result: Result, row: Row) -> Result:
    """The result with the row's repair note after its reason."""
    result.reason = "; ".join(part for part in (result.reason, repair_note(row)) if part)
    return result


def collect(db, document_id: int | None, rows: list[Row], failures: list[str] = ()) -> list[Result]:
    """The result of every row, in the list's order (no document: nothing was checkable).

    `failures` are reconcile's lines for the statements it could not check (its `errors`):
    such a row has no verdict, and its result says why in reconcile's words, which `citewatch
    reconcile` prints and `check` would otherwise lose."""
    if document_id is None:
        return [_error(row) for row in rows]
    statements = dict(db.execute("SELECT row_key, statement_id FROM quote_rows WHERE document_id = ?",
                                 [document_id]).fetchall())
    checks = _checks(db, document_id)
    texts = {t["id"]: t for t in db.execute_returning_dicts(
        "SELECT id, origin, memento_timestamp, url FROM texts WHERE id IN (SELECT qc.text_id FROM quote_checks qc"
        " JOIN statements s ON s.id = qc.statement_id WHERE s.document_id = ?)", [document_id])}
    live = _live_fetches(db, document_id)
    results = []
    for row in rows:
        statement_id = statements.get(row.key)
        if row.error or statement_id is None:
            results.append(_error(row))
            continue
        fetch = live.get(statement_id) or {}
        result = _result(row, checks.get(statement_id), texts, fetch.get("class"))
        why = _failure(statement_id, failures)
        if why and result.reason == NO_VERDICT:
            result.reason = FAILED.format(why=why)
        elif why:   # an unchanged row keeps the verdict of its last check: said, not passed off as this run's
            result.reason += f"; reconcile could not check it again this run {why}: this verdict is its last check's"
            result.stale = True
        if result.text is None and fetch.get("class") == "refused":
            result.reason = "; ".join(part for part in (result.reason, refused_note(fetch)) if part)
        results.append(_noting_repairs(result, row))
    return results


def _failure(statement_id: int, failures: list[str]) -> str | None:
    """The cause in reconcile's line for the statement ("statement 12 (document 1, seq 8) could
    not be checked (SearchError: …); fix its rows and re-run …"): "(SearchError: …)"."""
    for line in failures:
        if line.startswith(f"statement {statement_id} "):
            return line.split(" could not be checked ", 1)[-1].split("; fix its rows", 1)[0]
    return None


def _live_fetches(db, document_id: int) -> dict[int, dict]:
    """{statement id: its source's latest deciding live fetch: its class, the URL fetched (the
    hop refused, for a refusal) and its error} (no fetch: no such row; none for local files)."""
    return {row.pop("statement_id"): row for row in db.execute_returning_dicts(
        """SELECT c.statement_id, f.class, coalesce(f.final_url, f.requested_url) AS url, f.error_message
           FROM citations c JOIN sources s ON s.id = c.source_id
           JOIN fetches f ON f.id = (SELECT id FROM fetches WHERE source_id = c.source_id
                                     AND purpose = 'live' AND final = 1 ORDER BY id DESC LIMIT 1)
           WHERE c.document_id = ? AND s.kind != 'local'""", [document_id])}


def refused_note(fetch: dict) -> str:
    """Why the crawl refused the source (reconcile's reason says only "refused"), and, when the
    address rule refused it rather than its URL's form or scheme, the setting that lifts it."""
    why = fetch["error_message"] or "refused"
    lifted = refusal(fetch["url"], allow_private=True) is None   # (what no setting lifts is still refused so)
    return f"{why}: {lift_address_rule()}" if lifted else why


def _result(row: Row, entry: dict | None, texts: dict, live_class: str | None) -> Result:
    result = Result(row.key, row.line, "error", NO_VERDICT, row.source, live_class=live_class)
    if not entry or not (entry["overall"] or entry["text"]):
        return result
    chosen = _chosen_text_check(entry)
    verdict = entry["overall"] or chosen
    evidence_row = chosen or verdict
    text = texts.get(chosen["text_id"]) if chosen else None
    result.verdict, result.score, result.reason = verdict["verdict"], verdict["score"], verdict["reason"] or ""
    result.text = _text_label(text)
    result.text_url = text["url"] if text else None
    result.memento_timestamp = text["memento_timestamp"] if text else None
    result.span_start = verdict["span_start"] if verdict["span_start"] is not None else evidence_row["span_start"]
    result.span_end = verdict["span_end"] if verdict["span_end"] is not None else evidence_row["span_end"]
    result.matched = verdict["matched"] or evidence_row["matched"]
    result.diff = from_json(verdict["diff"]) or from_json(evidence_row["diff"])
    return result


# ---------------------------------------------------------------- output formats


def _flat(result: Result) -> dict:
    """A result as one CSV row: the diff in wdiff style, the score to one decimal, the
    memento's time as ISO 8601 too."""
    row = result.as_dict()
    row["diff"] = result.wdiff
    row["score"] = "" if result.score is None else f"{result.score:.1f}"
    row["memento_date"] = memento_date(result.memento_timestamp)
    return row


FORMATS = formats(CSV_FIELDS, csv_row=_flat, json_row=Result.as_dict)
