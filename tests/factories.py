"""Build realistic database rows directly, for tests of the stages that read them.

Reports and history read what the other stages wrote; these helpers write the same
rows (same tables, same JSON shapes) without running a crawl, so a test can set up
a source that was live, then failing, then dead, in a few lines.  Times are given
explicitly so that histories are deterministic.
"""

from __future__ import annotations

import hashlib
import json

import db as database
from crawler.urls import host_of


def sha256(text: str | bytes) -> str:
    """Hex digest, as the crawl and extraction stages store it."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


class Factory:
    """Insert rows into one open database; every method returns the new row's id."""

    def __init__(self, db):
        self.db = db

    def _insert(self, table: str, row: dict) -> int:
        return self.db[table].insert(row).last_pk

    def document(self, title="Letter dated 20 May 2020", kind="letter", date="2020-05-20", **extra) -> int:
        row = {"sha256": sha256(title + json.dumps(extra, sort_keys=True)), "kind": kind, "path": "letter.txt",
               "title": title, "symbols": json.dumps(["A/74/855", "S/2020/404"]), "date": date,
               "ingested_at": "2026-01-01T00:00:00+00:00"}
        return self._insert("documents", {**row, **extra})

    def statement(self, document_id, seq, entity, quote, date="2020-03-31", footnote=None, **extra) -> int:
        row = {"document_id": document_id, "seq": seq, "entity": entity, "quote": quote, "date": date,
               "footnote": seq if footnote is None else footnote, "section": "Individual States",
               "title": f"Statement by {entity}", "flags": json.dumps([])}
        return self._insert("statements", {**row, **extra})

    def source(self, url, kind="web", first_seen="2026-01-01T00:00:00+00:00", **extra) -> int:
        """A sources row as ingest makes it (crawler/ingest/rows.py `_source_id`): its host whatever
        its kind (twitter.com for a tweet's), none for a key that is no URL (a note's)."""
        row = {"kind": kind, "key": url, "url": url, "host": host_of(url) or None, "first_seen": first_seen}
        return self._insert("sources", {**row, **extra})

    def citation(self, document_id, statement_id, seq, source_id=None, url=None, kind="web", printed=None,
                 **extra) -> int:
        row = {"document_id": document_id, "statement_id": statement_id, "seq": seq, "kind": kind,
               "printed": printed or f"{seq} {url or ''}".strip(), "url_printed": url, "url": url,
               "repairs": json.dumps([]), "flags": json.dumps([]), "source_id": source_id}
        return self._insert("citations", {**row, **extra})

    def crawl(self, started_at, scheduled=False) -> int:
        return self._insert("crawls", {"started_at": started_at, "finished_at": started_at,
                                       "status": "finished", "scheduled": int(scheduled)})

    def fetch(self, crawl_id, source_id, cls, status=200, text=None, title=None, final_url=None,
              reason=None, purpose="live", attempt="citewatch", started_at=None, body=None, **extra) -> int:
        """A fetch and, when `text` is given, the text extracted from it (as the pipeline stores both)."""
        url = self.db["sources"].get(source_id)["url"]
        started_at = started_at or self.db["crawls"].get(crawl_id)["started_at"]
        body = body if body is not None else (f"<html><title>{title}</title><p>{text}</p></html>" if text else "")
        row = {"crawl_id": crawl_id, "source_id": source_id, "purpose": purpose, "attempt": attempt,
               "requested_url": url, "final_url": final_url or url, "redirects": json.dumps([]),
               "status": status, "class": cls, "reason": reason or cls, "content_type": "text/html",
               "length": len(body), "sha256": sha256(body), "started_at": started_at, "elapsed": 0.1}
        fetch_id = self._insert("fetches", {**row, **extra})
        if text is not None:
            self.text(source_id, text, fetch_id=fetch_id, title=title, created_at=started_at, url=final_url or url)
        return fetch_id

    def text(self, source_id, text, origin="live", fetch_id=None, memento_timestamp=None, title=None,
             created_at="2026-01-01T00:00:00+00:00", url=None) -> int:
        row = {"source_id": source_id, "fetch_id": fetch_id, "origin": origin, "memento_timestamp": memento_timestamp,
               "url": url, "title": title, "language": "en", "text": text, "sha256": sha256(text),
               "extractor": "trafilatura", "created_at": created_at}
        if "unspaced" in self.db["texts"].columns_dict:  # as the stages set it (a database before m016 lacks it)
            row["unspaced"] = database.unspaced(title, text)
        return self.db["texts"].insert(row, ignore=True).last_pk

    def snapshot(self, source_id, timestamp, closest=True, saved=False, distance_days=-1.0,
                 found_at="2026-01-01T00:00:00+00:00", base="https://web.archive.org", cls="live") -> int:
        original = self.db["sources"].get(source_id)["url"]
        row = {"source_id": source_id, "archive": "wayback", "original_url": original, "timestamp": timestamp,
               "memento_url": f"{base}/web/{timestamp}/{original}", "status": "200", "mimetype": "text/html",
               "distance_days": distance_days, "closest": int(closest), "saved": int(saved), "class": cls,
               "found_at": found_at}
        return self._insert("snapshots", row)

    def save_job(self, source_id, status="done", memento_url=None, last_error=None,
                 at="2026-01-01T00:00:00+00:00") -> int:
        url = self.db["sources"].get(source_id)["url"]
        row = {"source_id": source_id, "url": url, "status": status, "attempts": 1, "memento_url": memento_url,
               "last_error": last_error, "created_at": at, "updated_at": at}
        return self._insert("save_jobs", row)

    def check(self, statement_id, verdict, score=100.0, diff=None, text_id=None, scope="overall", reason=None,
              checked_at="2026-01-01T00:00:00+00:00", **extra) -> int:
        row = {"statement_id": statement_id, "text_id": text_id, "scope": scope, "verdict": verdict,
               "score": score, "diff": json.dumps(diff) if diff is not None else None,
               "reason": reason or verdict, "checked_at": checked_at}
        return self._insert("quote_checks", {**row, **extra})

    def letter(self) -> dict:
        """A small compiled letter: a live web source, a dead one rescued by a memento, a
        failing one, and a tweet resolved from a handle — the shapes every report shows."""
        doc = self.document()
        ids = {"document": doc}
        quotes = {
            "live": ("Council of Europe", "We call on all parties to respect human rights."),
            "dead": ("Estonia", "Estonia condemns the use of force against civilians."),
            "failing": ("Austria", "Austria supports a ceasefire."),
            "tweet": ("Latvia", "Latvia stands with the people."),
        }
        crawl = self.crawl("2026-01-02T00:00:00+00:00")
        ids["crawl"] = crawl
        for seq, (name, (entity, quote)) in enumerate(quotes.items(), start=1):
            statement = self.statement(doc, seq, entity, quote)
            if name == "tweet":
                source = self.source("twitter:@mfa_latvia", kind="twitter")
                self.db["sources"].update(source, {"url": "https://twitter.com/mfa_latvia"})
                self.citation(doc, statement, seq, source, kind="twitter", handle="@mfa_latvia",
                              printed=f"{seq} @mfa_latvia, 31.03.2020",
                              resolved_url="https://twitter.com/mfa_latvia/status/1245",
                              resolved_timestamp="20200331120000")
            else:
                url = f"https://{name}.example.org/news/statement-{seq}"
                source = self.source(url)
                self.citation(doc, statement, seq, source, url=url, url_printed=url.replace("/news", "/ news"))
            ids[name] = {"statement": statement, "source": source}
        live, dead, failing = ids["live"]["source"], ids["dead"]["source"], ids["failing"]["source"]
        self.fetch(crawl, live, "live", text=quotes["live"][1], title="Statement")
        self.fetch(crawl, dead, "client-error", status=404, reason="404 Not Found")
        self.fetch(crawl, failing, "timeout", status=None, reason="no answer in 30 s")
        self.db["sources"].update(live, {"state": "live", "last_live": "2026-01-02T00:00:00+00:00"})
        self.db["sources"].update(dead, {"state": "dead", "state_since": "2026-01-02T00:00:00+00:00",
                                         "first_failed": "2025-12-20T00:00:00+00:00"})
        self.db["sources"].update(failing, {"state": "failing", "state_since": "2026-01-02T00:00:00+00:00",
                                            "first_failed": "2026-01-02T00:00:00+00:00"})
        self.snapshot(dead, "20200401093000")
        memento_text = self.text(dead, quotes["dead"][1], origin="memento", memento_timestamp="20200401093000")
        self.save_job(live, memento_url=f"https://web.archive.org/web/20260102000000/{self.db['sources'].get(live)['url']}")
        self.check(ids["live"]["statement"], "verbatim")
        self.check(ids["dead"]["statement"], "altered", score=80.0, text_id=None,
                   diff=[["equal", "Estonia"], ["delete", "strongly"], ["insert", "condemns"], ["equal", "the use"]])
        self.check(ids["dead"]["statement"], "altered", score=80.0, text_id=memento_text, scope="text")
        self.check(ids["failing"]["statement"], "unverifiable", score=None, reason="no text, live or archived")
        return ids
