"""Forward migrations, one named function each, applied on open.

sqlite-utils' `Migrations` records what ran in `_sqlite_migrations` (our schema
version table): a migration that fails is rolled back and stays pending.  Never
edit a migration that has shipped; add a new one at the end.
"""

import json
import os
import re
from pathlib import PurePath

from sqlite_utils.migrations import Migrations

migrations = Migrations("citewatch")


def known() -> list[str]:
    """The names of the migrations this citewatch has, oldest first: a database that records
    another is a newer citewatch's (db `refuse_newer`).  sqlite-utils keeps them in a private list."""
    return [migration.name for migration in migrations._migrations]


def _run(db, script: str) -> None:
    """Run each statement of a DDL script inside the migration's transaction.

    (`executescript` would COMMIT first and break the all-or-nothing promise.)
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_documents(db):
    """Documents, their statements, citations (one per footnote) and sources."""
    _run(db, 
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,      -- of the input bytes: same file, same row
            kind TEXT NOT NULL,               -- letter | article | quotes
            path TEXT,                        -- file path or URL it was read from
            title TEXT,
            symbols TEXT,                     -- JSON list: ["A/74/855", "S/2020/404"]
            date TEXT,                        -- ISO date of the document
            author TEXT,
            metadata TEXT,                    -- JSON: anything else the parser found
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            seq INTEGER NOT NULL,             -- 1-based order in the document
            section TEXT,                     -- "International organizations" | "Individual States" ...
            entity TEXT,                      -- "Council of Europe"
            title TEXT,                       -- the statement's title line
            place TEXT,
            date TEXT,                        -- ISO date
            footnote INTEGER,                 -- footnote number, NULL when unfootnoted
            quote TEXT NOT NULL,              -- the compiled text, cleaned of page furniture
            flags TEXT,                       -- JSON list, e.g. ["unofficial-translation"]
            UNIQUE (document_id, seq)
        );
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,               -- web | twitter | facebook | offline
            key TEXT NOT NULL UNIQUE,         -- normalised URL, "twitter:@handle", "offline:<text>"
            url TEXT,                         -- the URL to fetch (web), profile URL (social)
            host TEXT,
            state TEXT NOT NULL DEFAULT 'unknown',  -- live | failing | dead | blocked | unknown
            state_reason TEXT,
            state_since TEXT,
            first_seen TEXT NOT NULL,
            last_live TEXT,
            first_failed TEXT,
            next_check TEXT
        );
        CREATE TABLE citations (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            statement_id INTEGER REFERENCES statements(id),
            seq INTEGER NOT NULL,             -- footnote number, or order for unfootnoted ones
            kind TEXT NOT NULL,               -- web | twitter | facebook | offline | unfootnoted
            printed TEXT NOT NULL,            -- the footnote as printed
            url_printed TEXT,                 -- the URL as printed (with the extraction's defects)
            url TEXT,                         -- the repaired URL
            repairs TEXT,                     -- JSON list of plain-words reasons
            handle TEXT,                      -- @handle for twitter
            platform_hint TEXT,               -- facebook | twitter | website | media (unfootnoted)
            flags TEXT,                       -- JSON list, e.g. ["unofficial-translation"]
            source_id INTEGER REFERENCES sources(id),
            resolved_url TEXT,                -- the post a handle resolved to (social stage)
            resolved_timestamp TEXT,
            resolution TEXT,                  -- JSON: how it was resolved or why not
            UNIQUE (document_id, seq)
        );
        CREATE TABLE document_links (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            url TEXT NOT NULL,
            context TEXT,
            UNIQUE (document_id, url)
        );
        CREATE INDEX citations_source ON citations(source_id);
        CREATE INDEX statements_document ON statements(document_id);
        """
    )


@migrations()
def m002_crawl(db):
    """Crawls, one fetch row per attempt, and extracted texts with full-text search."""
    _run(db, 
        """
        CREATE TABLE crawls (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,             -- running | finished | interrupted
            scheduled INTEGER NOT NULL DEFAULT 0,
            warc_dir TEXT,
            settings TEXT                     -- JSON of the settings that matter
        );
        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            crawl_id INTEGER NOT NULL REFERENCES crawls(id),
            source_id INTEGER NOT NULL REFERENCES sources(id),
            purpose TEXT NOT NULL DEFAULT 'live',  -- live | memento | social | probe
            attempt TEXT NOT NULL DEFAULT 'citewatch', -- citewatch | browser (which headers answered)
            requested_url TEXT NOT NULL,
            final_url TEXT,
            redirects TEXT,                   -- JSON list of {url, status}
            status INTEGER,
            class TEXT NOT NULL,
            reason TEXT,                      -- one line in plain words
            error_class TEXT,
            error_message TEXT,
            content_type TEXT,
            length INTEGER,
            sha256 TEXT,
            tls_error TEXT,
            evidence TEXT,                    -- JSON: what led to the class
            started_at TEXT,
            elapsed REAL,
            warc_path TEXT,
            warc_offset INTEGER,
            UNIQUE (crawl_id, source_id, purpose, requested_url, attempt)
        );
        CREATE TABLE texts (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            fetch_id INTEGER REFERENCES fetches(id),
            origin TEXT NOT NULL,             -- live | memento | local | post
            memento_timestamp TEXT,
            url TEXT,
            title TEXT,
            date TEXT,
            language TEXT,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            extractor TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (source_id, origin, sha256, memento_timestamp)
        );
        CREATE INDEX fetches_source ON fetches(source_id);
        CREATE INDEX texts_source ON texts(source_id);
        """
    )
    db["texts"].enable_fts(["title", "text"], create_triggers=True)


@migrations()
def m003_archive(db):
    """Mementos found or saved, and the durable queue of capture requests."""
    _run(db, 
        """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            archive TEXT NOT NULL DEFAULT 'wayback',
            original_url TEXT NOT NULL,
            timestamp TEXT NOT NULL,          -- 14 digits
            memento_url TEXT NOT NULL,
            status TEXT,
            mimetype TEXT,
            digest TEXT,
            distance_days REAL,               -- to the citation date (negative = before)
            closest INTEGER NOT NULL DEFAULT 0,
            saved INTEGER NOT NULL DEFAULT 0, -- made by our save job
            class TEXT,                       -- classification of the memento once fetched
            found_at TEXT NOT NULL,
            UNIQUE (source_id, archive, timestamp, original_url)
        );
        CREATE TABLE save_jobs (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL UNIQUE REFERENCES sources(id),
            url TEXT NOT NULL,
            status TEXT NOT NULL,             -- queued | pending | done | failed
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try TEXT,
            last_error TEXT,
            job_id TEXT,                      -- SPN2 job id while pending
            memento_url TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX snapshots_source ON snapshots(source_id);
        """
    )


@migrations()
def m004_social_and_checks(db):
    """Candidate posts for social citations, and quote verdicts."""
    _run(db, 
        """
        CREATE TABLE candidates (
            id INTEGER PRIMARY KEY,
            citation_id INTEGER NOT NULL REFERENCES citations(id),
            platform TEXT NOT NULL,           -- twitter | facebook
            post_id TEXT NOT NULL,            -- status id or post path
            url TEXT NOT NULL,
            memento_url TEXT,
            timestamp TEXT,
            via TEXT,                         -- cdx | nitter | syndication
            layout TEXT,                      -- which page layout the text came from
            text TEXT,
            score REAL,
            chosen INTEGER NOT NULL DEFAULT 0,
            UNIQUE (citation_id, platform, post_id)
        );
        CREATE TABLE quote_checks (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            text_id INTEGER REFERENCES texts(id),   -- NULL for the overall verdict
            scope TEXT NOT NULL,              -- text | overall | compilation
            verdict TEXT NOT NULL,
            score REAL,
            span_start INTEGER,
            span_end INTEGER,
            matched TEXT,
            diff TEXT,                        -- JSON list of [op, words]
            evidence TEXT,                    -- JSON: languages, drift, misattribution ...
            reason TEXT,
            checked_at TEXT NOT NULL,
            UNIQUE (statement_id, scope, text_id)
        );
        CREATE INDEX quote_checks_statement ON quote_checks(statement_id);
        """
    )


@migrations()
def m005_history_run_states(db):
    """What every run left behind (source states, text hashes, verdicts), to tell what changed."""
    _run(db, 
        """
        CREATE TABLE run_states (
            id INTEGER PRIMARY KEY,
            taken_at TEXT NOT NULL,
            scheduled INTEGER NOT NULL DEFAULT 0,
            crawl_id INTEGER REFERENCES crawls(id),  -- the latest crawl when the state was taken
            state TEXT NOT NULL,              -- JSON: {sources: {id: {...}}, verdicts: {statement id: verdict}}
            changes TEXT NOT NULL,            -- JSON: changes since the previous row
            changed INTEGER NOT NULL DEFAULT 0  -- number of changes (0 = nothing changed)
        )
        """
    )


@migrations()
def m006_crawl_outcomes(db):
    """Which attempt decided a source's class in a crawl, and the checks behind a source's state."""
    _run(db, 
        """
        ALTER TABLE fetches ADD COLUMN final INTEGER NOT NULL DEFAULT 1;  -- 1 = this attempt is the source's outcome
        ALTER TABLE sources ADD COLUMN checks TEXT;  -- JSON list of recent checks {at, class, kind, attempt, crawl_id, fetch_id}
        ALTER TABLE sources ADD COLUMN failing_checks INTEGER NOT NULL DEFAULT 0;  -- rot checks counted toward dead
        CREATE INDEX fetches_crawl ON fetches(crawl_id, purpose, final)
        """
    )


@migrations()
def m007_archive_lookups(db):
    """One row per source looked up in the archive: the outcome, so a re-run skips what is settled."""
    _run(db, 
        """
        CREATE TABLE archive_lookups (
            source_id INTEGER PRIMARY KEY REFERENCES sources(id),
            target_date TEXT,                 -- the citation date searched around (ISO), NULL = newest
            status TEXT NOT NULL,             -- ok | noresults | blocked | failed
            reason TEXT,                      -- one line in plain words
            mementos INTEGER NOT NULL DEFAULT 0,
            checked_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m008_reconcile_check_key(db):
    """One quote check per (statement, scope, text) even when text_id is NULL.

    The table's UNIQUE (statement_id, scope, text_id) lets NULL text_ids repeat
    (SQLite treats NULLs as distinct), so overall and compilation verdicts would
    pile up on every re-run; this index is the upsert's conflict target.
    """
    db.execute(
        "CREATE UNIQUE INDEX quote_checks_key ON quote_checks (statement_id, scope, coalesce(text_id, 0))"
    )


@migrations()
def m009_check_quote_rows(db):
    """The rows of quote lists (`citewatch check`): one per (list, row id), with its version.

    A quote list's document is found by its path; each row is found by its id (or
    row number), so a re-read list updates the row's statement in place (version + 1)
    when its content changed, instead of adding a duplicate.
    """
    _run(db,
        """
        CREATE TABLE quote_rows (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            row_key TEXT NOT NULL,            -- the row's id column, else its row number
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            version INTEGER NOT NULL DEFAULT 1,  -- + 1 each time the row's content changes
            sha256 TEXT NOT NULL,             -- of the content: quote, source (a local file's hash too), date, speaker, note
            source TEXT NOT NULL,             -- the source as written in the list
            note TEXT,
            position INTEGER,                 -- order in the list's latest version, NULL = no longer in the list
            line INTEGER,                     -- line of the file it was read from
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, row_key)
        );
        CREATE INDEX quote_rows_statement ON quote_rows(statement_id)
        """
    )


@migrations()
def m010_check_citations_by_statement(db):
    """An index on citations.statement_id: reconcile looks a statement's citations up
    once per statement, and without it each lookup scans every citation (a 100,000-row
    quote list spent more than half its time there)."""
    db.execute("CREATE INDEX citations_statement ON citations(statement_id)")


@migrations()
def m011_crawl_offline(db):
    """crawls.offline = 1: the crawl finished with every source failed at the network level
    and no canary host answering (crawler/state.py): its checks were withdrawn, and
    histories and rot rates read them as no evidence either way."""
    db.execute("ALTER TABLE crawls ADD COLUMN offline INTEGER NOT NULL DEFAULT 0")


@migrations()
def m012_extractions(db):
    """The latest full extraction of each source's live page, keyed by the bytes it came from:
    a later check that fetches the same bytes (same content type, same final URL) reuses it
    (crawler/pipelines.py) instead of parsing the page again."""
    _run(db, 
        """
        CREATE TABLE extractions (
            source_id INTEGER PRIMARY KEY REFERENCES sources(id),
            fetch_id INTEGER NOT NULL REFERENCES fetches(id),  -- the fetch that was parsed
            text_id INTEGER NOT NULL REFERENCES texts(id),     -- its text (one row per distinct text)
            body_sha256 TEXT NOT NULL,        -- of the body it was extracted from (after decompression)
            content_type TEXT,
            url TEXT,                         -- final URL (trafilatura and htmldate read it)
            title TEXT,                       -- this extraction's, which the text's row may not have:
            date TEXT,                        -- it is the first one that gave that text
            language TEXT,
            heading TEXT,                     -- first <h1>, for the soft-404 and login-wall checks
            encoding TEXT,
            extractor TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m013_fetches_warc_path_relative(db):
    """fetches.warc_path relative to the data directory (`warc/<file>`), as new rows store it
    (archive/warc.py `warc_pointer`): a data directory moved or copied elsewhere is then read
    where it lands, with the data directory configured there.

    A migration opens the database alone and cannot know the data directory, but every WARC
    file citewatch writes is `<data_dir>/warc/<file>`, so the rows' absolute paths name the
    directory they were written to.  The rule: when they all name one (a single `<D>` across
    every `<D>/warc/<file>`), each path under `<D>` becomes relative to it (`warc/<file>`), and
    is read from then on in the data directory configured, as new rows are: `<D>` itself or
    wherever it has been moved or copied (a stage run with another data directory finds
    nothing there, as it finds no new row's WARC).
    When they name several (the data directory changed between crawls), which one the
    configured data directory stands for cannot be told, and no path is rewritten; nor is a
    path of another form.  A path left absolute keeps working: `warc_location` reads it where
    it was written while the file is there, else from the configured data directory's `warc/`.
    """
    paths = [PurePath(p) for (p,) in db.execute("SELECT DISTINCT warc_path FROM fetches WHERE warc_path IS NOT NULL")]
    roots = {p.parent.parent for p in paths if p.is_absolute() and p.parent.name == "warc"}
    if len(roots) != 1:
        return
    prefix = os.path.join(str(roots.pop()), "")
    db.execute("UPDATE fetches SET warc_path = substr(warc_path, ?) WHERE substr(warc_path, 1, ?) = ?",
               [len(prefix) + 1, len(prefix), prefix])


def folded(column: str) -> str:
    """SQL for `column` as the full-text indexes hold it: ё written е (m014, m016)."""
    return f"replace(replace({column}, 'ё', 'е'), 'Ё', 'Е')"


@migrations()
def m014_search_fold_yo(db):
    """texts_fts indexes each text and title with ё written е (Ё: Е), as Russian search
    engines read them: SQLite's unicode61 tokenizer strips diacritics from Latin letters only,
    so "признает" missed "признаёт".  A MATCH query is folded alike (db `fts_folded`).

    The index stays external-content on `texts`: snippet() and highlight() read the stored
    text, with its ё, and place the matched words by token position, which the fold keeps
    (one letter for one).  Hence the rules: the index is written only by these triggers, whose
    'delete' gives the folded values it was given (other values would corrupt it); FTS5's
    'rebuild' would index texts unfolded, so re-index as below instead; and 'integrity-check'
    with rank 1 compares the index with the unfolded content and always objects (plain
    'integrity-check' checks the index itself).
    """
    def written(row: str) -> str:
        return f"{row}.rowid, {folded(row + '.title')}, {folded(row + '.text')}"

    insert = "INSERT INTO texts_fts (rowid, title, text) VALUES ({})"
    delete = "INSERT INTO texts_fts (texts_fts, rowid, title, text) VALUES ('delete', {})"
    for name in ("texts_ai", "texts_ad", "texts_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute(f"CREATE TRIGGER texts_ai AFTER INSERT ON texts BEGIN {insert.format(written('new'))}; END")
    db.execute(f"CREATE TRIGGER texts_ad AFTER DELETE ON texts BEGIN {delete.format(written('old'))}; END")
    db.execute(f"CREATE TRIGGER texts_au AFTER UPDATE ON texts BEGIN {delete.format(written('old'))}; "
               f"{insert.format(written('new'))}; END")
    db.execute("INSERT INTO texts_fts (texts_fts) VALUES ('delete-all')")
    db.execute(f"INSERT INTO texts_fts (rowid, title, text) SELECT rowid, {folded('title')}, {folded('text')} FROM texts")


@migrations()
def m015_ingest_parts(db):
    """statements.part and citations.part: the annex ("Annex II") a footnote's numbering began
    at, in a document that numbers its footnotes anew in each annex (crawler/ingest/parts.py);
    NULL otherwise, as in every row before.  statements.footnote stays the number as printed;
    citations.seq, unique in its document, is then the footnote's place in it (its number plus
    the highest number of the parts before), which in a document numbered once is its number."""
    db.execute("ALTER TABLE statements ADD COLUMN part TEXT")
    db.execute("ALTER TABLE citations ADD COLUMN part TEXT")


# Scripts written without spaces between words, as a GLOB's and a regex's character class:
# Han (CJK ideographs, extension A, compatibility, and extension B on: planes 2 and 3, which
# Unicode keeps for them), hiragana, katakana (also its phonetic extensions and half-width
# forms), Thai and Lao, Tibetan, Myanmar, Khmer; and Hangul (syllables, jamo, compatibility
# and half-width jamo): Korean is written with spaces, but a particle is glued to its noun
# (외교부는, 외교부가), so a word is found as letters inside a run of them, as Chinese is.  A
# range added here finds nothing already stored until a new migration re-indexes
# texts_unspaced (m018).  No range may end at U+D7FF: the next code point is a surrogate.
UNSPACED_RANGES = ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3041-\u30ff\u31f0-\u31ff"
                   "\uff66-\uff9f\u0e01-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff"
                   "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\ua960-\ua97c\ud7b0-\ud7fb\uffa0-\uffdc")


@migrations()
def m016_search_unspaced_scripts(db):
    """texts_unspaced indexes the texts that hold a script written without spaces between
    words (Chinese, Japanese, Thai…: UNSPACED_RANGES) a second time, by FTS5's trigram
    tokenizer.  texts_fts's unicode61 reads a run of such letters up to the next punctuation
    as one word, so "外交部" inside "中华人民共和国外交部发言人表示" was not found; trigrams find any
    run of three letters or more in it (crawler/search.py looks shorter words up by LIKE).

    Which texts those are is `texts.unspaced` (1: the title or the text holds such a letter),
    set by the stages as they store a text (db `unspaced`, a regex: 0.03 ms a 10 KB text, where
    a GLOB in the triggers cost the crawl's process 0.1 ms); a row written by another program
    without it is not in this index.  External content on `texts`, folded and written by its
    own triggers as texts_fts is, with m014's rules: an UPDATE of `unspaced` (a range added)
    re-indexes its texts through them; to re-index all, 'delete-all' then the last statement
    below, never 'rebuild'.
    """
    def written(row: str) -> str:
        return f"{row}.rowid, {folded(row + '.title')}, {folded(row + '.text')}"

    held = " OR ".join(f"{column} GLOB '*[{UNSPACED_RANGES}]*'" for column in ("title", "text"))
    db.execute("ALTER TABLE texts ADD COLUMN unspaced INTEGER NOT NULL DEFAULT 0")
    db.execute(f"UPDATE texts SET unspaced = 1 WHERE {held}")
    insert = "INSERT INTO texts_unspaced (rowid, title, text) SELECT {} WHERE {}.unspaced"
    delete = "INSERT INTO texts_unspaced (texts_unspaced, rowid, title, text) SELECT 'delete', {} WHERE {}.unspaced"
    db.execute("CREATE VIRTUAL TABLE texts_unspaced USING fts5(title, text, content='texts', tokenize='trigram')")
    db.execute(f"CREATE TRIGGER texts_unspaced_ai AFTER INSERT ON texts BEGIN {insert.format(written('new'), 'new')}; END")
    db.execute(f"CREATE TRIGGER texts_unspaced_ad AFTER DELETE ON texts BEGIN {delete.format(written('old'), 'old')}; END")
    db.execute(f"CREATE TRIGGER texts_unspaced_au AFTER UPDATE ON texts BEGIN {delete.format(written('old'), 'old')}; "
               f"{insert.format(written('new'), 'new')}; END")
    db.execute(f"INSERT INTO texts_unspaced (rowid, title, text) SELECT {written('texts')} FROM texts WHERE unspaced")


@migrations()
def m017_reconcile_fetches_by_body(db):
    """fetches by source and body: reconcile finds when each live text was read last (the
    latest fetch of the bytes it was read from, crawler/reconcile.py READ_LAST) for every
    citation; with fetches_source alone it read every fetch of the source for each text
    (0.35 ms a citation for a page checked daily for a year, 0.04 ms with this index)."""
    db.execute("CREATE INDEX fetches_source_body ON fetches(source_id, sha256)")


@migrations()
def m018_search_korean_tibetan_extension_b(db):
    """The texts in Korean, Tibetan or CJK extension B on (UNSPACED_RANGES gained them) are
    flagged `unspaced` and indexed in texts_unspaced, as m016 did for the others: "외교부"
    is found in "외교부는", a word inside a run of Tibetan or of astral Han letters.

    Ranges are only added, so only a text not flagged yet is read, by the stages' regex (db
    `unspaced`, an ASCII text skipped at once): 3 s for the 40,000 of 100,000 texts of 10 KB
    (a 4.2 GB database), where m016's GLOB reads its character class again at each letter.
    texts_au would re-index each text flagged in texts_fts, whose words the flag does not
    change: it is dropped while the flags are set and made again as it was (its SQL as
    stored); texts_unspaced_au indexes each one by trigrams, which is the cost: 1.5 ms of
    CPU a Korean text of 11 KB (words of Zipf-distributed syllables; 3.3 ms with uniformly
    random ones, every trigram new), some 45 s for 30,000 (8.5 minutes of random ones on the
    machine shared with a load of 15).  A migration is one transaction: a killed one is
    rolled back and runs whole at the next open.
    """
    letter = re.compile(f"[{UNSPACED_RANGES}]")
    flagged = [rowid for rowid, title, text in db.execute("SELECT rowid, title, text FROM texts WHERE NOT unspaced")
               if any(part and not part.isascii() and letter.search(part) for part in (title, text))]
    (word_trigger,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'texts_au'").fetchone()
    db.execute("DROP TRIGGER texts_au")
    db.execute("UPDATE texts SET unspaced = 1 WHERE rowid IN (SELECT value FROM json_each(?))", [json.dumps(flagged)])
    db.execute(word_trigger)


@migrations()
def m019_history_state_after(db):
    """fetches.state_after: the source's state after a deciding fetch, as the crawl that made
    the check recorded it, with the dead rule in force then.  The history reads it back, so a
    source declared dead stays dead in the history whatever the rule is when a report is read
    (before, the history replayed every check under the reader's dead_after_* settings).
    Rows from before stay NULL: their history is replayed as it was."""
    db.execute("ALTER TABLE fetches ADD COLUMN state_after TEXT")


@migrations()
def m020_ingest_citation_footnote(db):
    """citations.footnote: the footnote's number as printed (within its annex when numbered per
    annex, m015), which names the citation to a reader (crawler/numbering.py).  A statement
    may cite several footnotes (its own and its further sources', crawler/ingest/letter.py),
    so its own number (statements.footnote) names only the first.  A letter's rows from
    before are all their statement's own footnote, and get its number, as a new ingest of
    the letter writes them (so `ingest --replace` keeps them as they were); other rows stay
    NULL, named by their statement's footnote as before."""
    db.execute("ALTER TABLE citations ADD COLUMN footnote INTEGER")
    db.execute("UPDATE citations SET footnote = (SELECT footnote FROM statements s WHERE s.id = citations.statement_id)"
               " WHERE document_id IN (SELECT id FROM documents WHERE kind = 'letter')")


@migrations()
def m021_search_short_words(db):
    """A query of words of one or two letters alone ("정부", "中国"), which no trigram holds,
    finds its texts without reading every text flagged `unspaced` (crawler/search.py
    `_holding`; a LIKE scan of 60,000 of 10 KB took 4 s): texts_unspaced_places reads the
    trigrams' vocabulary (FTS5's fts5vocab, nothing stored), where the trigrams beginning with
    the word are found in order; where too few letters follow it for a trigram to begin with
    it, it is in the last two letters of the title or the text, which two indexes hold (5 s
    to build on 100,000 texts, a 4.2 GB database)."""
    db.execute("CREATE VIRTUAL TABLE texts_unspaced_places USING fts5vocab(texts_unspaced, instance)")
    for column in ("title", "text"):
        db.execute(f"CREATE INDEX texts_{column}_end ON texts(substr({column}, -2)) WHERE unspaced")


@migrations()
def m022_search_word_widths(db):
    """texts_fts_places reads texts_fts's words in order (FTS5's fts5vocab, nothing stored):
    crawler/search.py `_other_widths` finds there the widths the texts write a word in, both at
    once too (ＣＯＶＩＤ19 for COVID19), which the index, holding the texts as written, has no
    other way to tell, and `_widths_held` whether a word of any text begins with a width form.
    One row a place, as texts_unspaced_places (m021): a word's first place is read at once,
    where its row of counts ('row') read all its places (0.4 ms for a word of 6,000 texts).
    In the schema, not made by each search in temp: a database opened read-only (db
    `_open_read_only`, query_only) takes no temp table either."""
    db.execute("CREATE VIRTUAL TABLE texts_fts_places USING fts5vocab(texts_fts, instance)")


@migrations()
def m023_archive_quiet(db):
    """An archive's "not before" time: a Retry-After longer than a run may wait (retry_after_cap)
    outlives the process that received it, so the next run (a timer's, a `watch` round) sends
    nothing before it has passed; IA firewalls an IP that keeps asking after its 429s."""
    _run(db,
        """
        CREATE TABLE archive_quiet (
            archive TEXT PRIMARY KEY,         -- the archive's base URL (wayback_url)
            not_before TEXT NOT NULL,         -- ISO UTC: no request to it before then
            set_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m024_archive_save_rounds(db):
    """How many runs in a row a save job ran out of attempts on the archive's trouble (5xx,
    timeouts): `attempts` counts one run's tries and a re-queue resets it, so only this count
    lets archive/save.py `_failed` space the runs' rounds out and give up after a few, until
    `save_if_older_than` (REFERENCE.md: at most a few captures of a URL a day)."""
    db.execute("ALTER TABLE save_jobs ADD COLUMN rounds INTEGER NOT NULL DEFAULT 0")


@migrations()
def m025_crawl_host_quiet(db):
    """A crawled host's "not before" time: a 429 whose Retry-After is longer than a crawl waits
    (retry_after_cap), or a 429's hold that a stop cut short, outlives the crawl that met it, so
    the next crawl (a timer's, a `watch` round) asks that host nothing before it has passed
    (crawler/state.py `quiet_hosts`), as the archive's own is kept in `archive_quiet`."""
    _run(db,
        """
        CREATE TABLE host_quiet (
            host TEXT PRIMARY KEY,            -- the host name, lower case, without a port
            not_before TEXT NOT NULL,         -- ISO UTC: no request to it before then
            set_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m026_documents_language(db):
    """The language a document's quotes are in (py3langid, named at ingest: crawler/ingest/rows.py
    `document_language`): the HTML report reads a quote in it (its `lang`) where no translation
    verdict named the quote's own, so that a screen reader does not read a French letter's quotes
    as English words.  A document ingested before has none (NULL) until it is ingested again."""
    db.execute("ALTER TABLE documents ADD COLUMN language TEXT")
