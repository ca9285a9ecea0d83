"""`citewatch verify`: are the WARC captures the database points at still there and intact?

An archivist shows the WARC files as evidence, and every `fetches` row that got an answer
points into one (`warc_path`, `warc_offset`: archive/warc.py `warc_pointer`).  Nothing
else reads them all back, so a file deleted, cut short by a full disk, damaged on a copy,
or a row pointing at the wrong record would go unnoticed until the day it is needed.  For
each row with a pointer, in file and offset order (the reads go forward through each file):

- its file is there (`warc_location`: where the data directory now is);
- a record starts at its offset, and it is the response (or resource, or revisit) record of
  the row's `final_url`: the crawl writes `response.url`, the row's final URL, as
  WARC-Target-URI (crawler/middlewares/warc.py `WarcRecorderMiddleware`);
- the record reads to its end, and its WARC-Block-Digest and WARC-Payload-Digest hold
  (warcio's own digest checker, fed in chunks: the payload is never held whole);
- its body, decoded as the crawl decoded it (`response_at`), hashes to `fetches.sha256`.

A revisit record (WARC-Type: revisit, profile identical-payload-digest) carries no payload
of its own: warcio checks no digest on it, and it is fine when `response_at` resolves it to
a body that hashes to the row's sha256; while `response_at` does not follow revisits, such a
row is a body mismatch that says the record is a revisit and where it refers to.

Then every WARC file once, streamed in MiB-sized reads however large it is: every gzip
member must decompress (each record is its own member; a file cut short ends inside one),
its output thrown away as it comes.  A damaged member does not end the walk (warcio and pywb
stop there): it goes on from the next gzip member that holds a readable WARC record, so the
records after the damage are read too, and the damaged bytes are one problem, from the
damaged member to that record (`gzip_damages`).  A fetch found pointing where no record
starts is then an unreadable record when that place lies in damaged bytes, not a bad offset.
A file the rows point into that ends inside a record no fetch points at or past (a crawl stopped
mid-write before it recorded the fetch) lost nothing recorded: its line gives the command that cuts the
unfinished record off, in place (`_cut_back`), and it stays a problem until then: other
WARC tools fail at the cut (`warcio check`, `cdxj-indexer`, pywb: `_whole_copy`).
Files in the data directory's `warc/` that no row points at are listed, not counted as
problems, with whose they may be (`_whose`): a crawl whose every request failed writes one, so
does one stopped before it recorded its fetches, and a distributed crawl's workers write their
own beside the collector's (crawler/cluster/).

A finding's `kind` is lower case with hyphens (`missing-file`), as every value in
citewatch's JSON and CSV outputs; the terminal says it in words (`words`).

Read-only: the database is only read, and the WARC files only opened for reading.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shlex
import zlib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from isal import isal_zlib
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.stage import ProgressFn  # (phase: "records" or "files", done, total)
from archive.warc import response_at, warc_location
from crawler.export import formats
from crawler.numbering import spans

EXIT_PROBLEMS = 3  # problems found: the status `check --fail-on` and `run --scheduled` give for "found something"

# The kinds of problem, in the order a record is checked, with what to do about each: lower
# case with hyphens in JSON and CSV, as every value of citewatch's outputs (`words` in the terminal).
MISSING_FILE = "missing-file"
BAD_OFFSET = "bad-offset"
UNREADABLE = "unreadable-record"
DIGEST = "digest-mismatch"
BODY = "body-mismatch"
DAMAGED_FILE = "damaged-file"
UNREFERENCED = "unreferenced-file"
FIXES = {
    MISSING_FILE: "restore the file from a backup into the data directory's warc/ (or pass --data-dir "
                  "with the data directory it was written to)",
    BAD_OFFSET: "the row points at the wrong place: restore the WARC file the crawl wrote (a file "
                "rewritten or recompressed moves every record), or fetch the source again (citewatch crawl --all)",
    UNREADABLE: "restore the file from a backup; the record cannot be read to its end",
    DIGEST: "the record's bytes changed since they were written: restore the file from a backup",
    BODY: "the record does not hold the body the row hashed: restore the file from a backup, "
          "or fetch the source again (citewatch crawl --all)",
    DAMAGED_FILE: "restore the file from a backup (if a crawl is still writing it, run verify again once it ends)",
    UNREFERENCED: "no problem: keep it (its records are whole captures), or move it away if it belongs to another database",
}
RECORD_KINDS = (MISSING_FILE, BAD_OFFSET, UNREADABLE, DIGEST, BODY)
ACCEPTED_TYPES = ("response", "resource", "revisit")
WARC_SUFFIXES = (".warc.gz", ".warc")
READ_SIZE = 1 << 20  # bytes read (and decompressed) at a time: the memory a file's check takes
FIRST_LOOK = 4096  # bytes read first after a gzip header met past damage (`_holds_record`)
GZIP_MEMBER = b"\x1f\x8b\x08"  # how a gzip member (deflate) begins: where a damaged file may read again
WARC_HEAD = b"WARC/"  # how a WARC record begins
_WORKER_FILE = re.compile(r"sources-crawl(\d+)-")  # a distributed worker's own file (crawler/cluster/worker.py)


def words(kind: str) -> str:
    """A kind as the terminal says it: `missing-file` is "missing file"."""
    return kind.replace("-", " ")



@dataclass
class Finding:
    """One problem, or one unreferenced file: what is wrong and what to do, in one line."""

    kind: str
    file: str
    what: str
    fetch_id: int | None = None
    url: str | None = None
    offset: int | None = None
    own_fix: str | None = None   # what to do when it is not its kind's (FIXES): a command for this file

    @property
    def fix(self) -> str:
        return self.own_fix or FIXES[self.kind]

    def line(self) -> str:
        """"fetch 12 (URL): FILE at offset N: what is wrong; what to do", or the file's own line
        (a damaged range's `what` names its bytes)."""
        where = f"{self.file} at offset {self.offset}" if self.fetch_id is not None else self.file
        head = f"fetch {self.fetch_id} ({self.url}): {where}" if self.fetch_id is not None else where
        return f"{words(self.kind)}: {head}: {self.what}; {self.fix}"

    def as_dict(self) -> dict:
        """The finding's FIELDS, in their order (a JSON row reads as the CSV's columns)."""
        values = {**asdict(self), "fix": self.fix}
        return {name: values[name] for name in FIELDS}


@dataclass
class Verified:
    """What verify found: counts, the problems and the unreferenced files."""

    checked: int = 0
    ok: int = 0
    files: int = 0  # WARC files read whole
    problems: list[Finding] = field(default_factory=list)
    unreferenced: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The summary, in words: records checked and ok, each kind of problem, the files damaged
        (each file once, however many damaged ranges it has), read and unreferenced."""
        by_kind = {words(kind): sum(p.kind == kind for p in self.problems) for kind in RECORD_KINDS}
        damaged = len({p.file for p in self.problems if p.kind == DAMAGED_FILE})
        return {"checked": self.checked, "ok": self.ok, **by_kind, words(DAMAGED_FILE): damaged,
                "files read": self.files, words(UNREFERENCED): len(self.unreferenced)}

    @property
    def findings(self) -> list[Finding]:
        return [*self.problems, *self.unreferenced]

    def exit_status(self) -> int:
        """EXIT_PROBLEMS when a record or a file is wrong; 0 otherwise (unreferenced files are no problem)."""
        return EXIT_PROBLEMS if self.problems else 0


FIELDS = ("kind", "fetch_id", "url", "file", "offset", "what", "fix")
FORMATS = formats(FIELDS, csv_row=Finding.as_dict, json_row=Finding.as_dict)


def verify(db, data_dir: str | Path, max_size: int, progress: ProgressFn | None = None) -> Verified:
    """Check every fetch's WARC record, then every WARC file whole (see the module docstring).

    `data_dir` is the data directory the rows' relative paths are read from; `max_size` the
    crawl's size cap, under which `response_at` decodes a body as the crawl did."""
    progress = progress or (lambda phase, done, total: None)
    result = Verified()
    total = records(db)
    progress("records", 0, total)
    for row in _pointed(db):
        result.checked += 1
        problem = check_fetch(row, data_dir, max_size)
        if problem:
            result.problems.append(problem)
        else:
            result.ok += 1
        progress("records", result.checked, total)
    last_pointed = _last_pointed(db, data_dir)
    referenced = set(last_pointed)
    unreferenced = sorted(set(warc_files(Path(data_dir) / "warc")) - referenced)
    if unreferenced:
        known = functools.cache(lambda: _known_urls(db))   # (read once, and only for a file that is no worker's)
        result.unreferenced = [Finding(UNREFERENCED, str(path), _whose(path, known)) for path in unreferenced]
    to_read = sorted(path for path in referenced | set(unreferenced) if path.is_file() and path.name.endswith(".gz"))
    _read_files(to_read, result, progress, last_pointed)
    return result


def records(db) -> int:
    """How many fetches point at a WARC record: none in a database only ingested, whose data
    directory need not exist (`citewatch verify` asks for one only when a record is there)."""
    return db.execute("select count(*) from fetches where warc_path is not null and warc_offset is not null").fetchone()[0]


def _read_files(paths: list[Path], result: Verified, progress: ProgressFn,
                last_pointed: dict[Path, int | None]) -> None:
    """Every gzip WARC file read once, whole (`gzip_damages`, told where the last fetch into it
    points: `last_pointed`), progress in bytes; each damaged range is one problem, and a fetch
    found pointing where no record starts is unreadable, not a bad offset, when that place lies
    in a damaged range (`_lost_in_damage`)."""
    sizes = {path: path.stat().st_size for path in paths}
    total, done = sum(sizes.values()), 0
    progress("files", 0, total)

    def advance(read: int) -> None:
        nonlocal done
        done += read
        progress("files", done, total)

    damaged: dict[Path, list[Damage]] = {}
    for path in paths:
        damages = gzip_damages(path, advance, last_pointed.get(path))
        result.files += 1
        result.problems.extend(Finding(DAMAGED_FILE, str(path), damage.what, offset=damage.start, own_fix=damage.fix)
                               for damage in damages)
        if damages:
            damaged[path.resolve()] = damages
    if damaged:
        result.problems = [_lost_in_damage(finding, damaged) for finding in result.problems]


def _lost_in_damage(finding: Finding, damaged: dict[Path, list[Damage]]) -> Finding:
    """A fetch's bad offset that lies in a damaged range of its file, as the unreadable record it
    is: the damage (bytes zeroed, a member's header broken) took the record that started there,
    the row is not to blame."""
    if finding.kind != BAD_OFFSET or finding.offset is None:
        return finding
    for damage in damaged.get(Path(finding.file).resolve(), ()):
        if damage.start is not None and damage.start <= finding.offset < damage.end:
            return replace(finding, kind=UNREADABLE, what=f"the record lies in the damaged bytes {damage.start}–"
                                                          f"{damage.end - 1} of the file: it is lost")
    return finding


def _pointed(db) -> Iterator[dict]:
    """The fetches that point into a WARC, by file and offset: each file is then read forward."""
    cursor = db.execute("select id, requested_url, final_url, sha256, warc_path, warc_offset from fetches "
                        "where warc_path is not null and warc_offset is not null order by warc_path, warc_offset, id")
    names = [column[0] for column in cursor.description]
    for values in cursor:
        yield dict(zip(names, values))


def _known_urls(db) -> set[str]:
    """Every URL this database knows: its sources' and those its fetches asked for or ended
    at (sources, mementos, posts).  Its sources' too: a first crawl killed before it committed
    a fetch leaves a WARC of them and no fetch at all."""
    return {url for (url,) in db.execute("select url from sources union select requested_url from fetches "
                                         "union select final_url from fetches") if url}


def _whose(path: Path, known: Callable[[], set[str]]) -> str:
    """Why no fetch points at a WARC file, as far as its name and records tell.  A distributed
    crawl's worker keeps its own copy of the records it sent (crawler/cluster/worker.py names it).
    Records of URLs this database knows (its sources, what its fetches asked for): a crawl of its own wrote them and stopped before it
    recorded their fetches (kill -9, a second Ctrl-C: rows are committed in groups, records
    written at once), or every request it made failed (a failure's row points at no record).
    None: most likely another database's file."""
    worker = _WORKER_FILE.match(path.name)
    if worker:
        return (f"no fetch points at this WARC file: a distributed crawl's worker kept it, its own copy of what it "
                f"sent for crawl {worker.group(1)} (the crawl's rows point at the collector's file)")
    records, ours = 0, 0
    try:
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                url = record.rec_headers.get_header("WARC-Target-URI")
                if url:
                    records += 1
                    ours += url in known()
    except Exception:  # a damaged file: its damage is reported apart (DAMAGED_FILE); say what was read
        pass
    if ours:
        return (f"no fetch points at this WARC file; {ours} of its {records} records are of URLs this database "
                "knows: a crawl that stopped before it recorded them (kill -9, a second Ctrl-C), or whose every "
                "request failed, wrote it")
    return (f"no fetch points at this WARC file, and none of its {records} records is of a URL this database "
            "knows: it may belong to another database")


def _last_pointed(db, data_dir: str | Path) -> dict[Path, int | None]:
    """Where the WARC files the rows point at are now (resolved, to compare with a listing), each
    with the greatest offset a fetch points at in it (None: no row gives an offset).  A file that
    ends inside a record after it lost nothing any fetch recorded (`_damage`)."""
    last: dict[Path, int | None] = {}
    for pointer, offset in db.execute("select warc_path, max(warc_offset) from fetches where warc_path is not null "
                                      "group by warc_path"):
        path = warc_location(pointer, data_dir).resolve()   # (two pointers may name one file: relative, absolute)
        last[path] = max((o for o in (last.get(path), offset) if o is not None), default=None)
    return last


def warc_files(folder: Path) -> list[Path]:
    """The WARC files in `folder` (resolved); none when it does not exist."""
    if not folder.is_dir():
        return []
    return [path.resolve() for path in folder.iterdir() if path.name.endswith(WARC_SUFFIXES) and path.is_file()]


def check_fetch(row: dict, data_dir: str | Path, max_size: int) -> Finding | None:
    """The first problem of one fetch's WARC record, in the order of RECORD_KINDS; None when fine."""
    location = warc_location(row["warc_path"], data_dir)
    url = row["final_url"] or row["requested_url"]   # the crawl writes response.url, the row's final_url

    def problem(kind: str, what: str) -> Finding:
        return Finding(kind, str(location.absolute()), what, row["id"], url, row["warc_offset"])

    if not location.is_file():
        return problem(MISSING_FILE, "the WARC file is not there")
    found = _read_record(location, row["warc_offset"], url)
    if isinstance(found, Finding):
        return problem(found.kind, found.what)
    record_type, payload_sha256, refers_to = found
    if record_type == "resource":   # no HTTP headers, nothing decoded: the payload is the body
        body_sha256 = payload_sha256
    else:
        read = response_at(row["warc_path"], row["warc_offset"], data_dir, max_size)
        body_sha256 = hashlib.sha256(read[1]).hexdigest() if read else None
    if row["sha256"] is not None and body_sha256 != row["sha256"]:
        said = "it cannot be decoded as the crawl decoded it" if body_sha256 is None else \
            f"its body hashes to sha256 {body_sha256[:16]}…, the row says {row['sha256'][:16]}…"
        revisit = f" (a revisit record referring to {refers_to}, not resolved to the body)" if record_type == "revisit" else ""
        return problem(BODY, said + revisit)
    return None


def _read_record(location: Path, offset: int, url: str) -> tuple[str, str, str] | Finding:
    """(its type, its payload's sha256, what a revisit refers to) of the record at `offset`,
    read to its end with warcio checking its digests; or a Finding (kind and what, no more)
    saying why it is not the record the row needs."""
    size = location.stat().st_size
    if offset >= size:
        return Finding(UNREADABLE, "", f"the file ends at byte {size}, before the offset: it was cut short "
                                       "(or the offset is wrong)")
    try:
        with open(location, "rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle, check_digests=True)), None)
            if record is None:
                return _no_record(location, offset)
            record_type = record.rec_type
            target = record.rec_headers.get_header("WARC-Target-URI")
            if record_type not in ACCEPTED_TYPES or target != url:
                return Finding(BAD_OFFSET, "", f"the record there is the {record_type} record of {target}, "
                                               f"not the response of the row's URL")
            payload = hashlib.sha256()
            for chunk in iter(lambda: record.raw_stream.read(READ_SIZE), b""):
                payload.update(chunk)
    except (ArchiveLoadFailed, ValueError):   # (warcio: an unknown format, a header it cannot parse; its
        # message quotes the bytes it read, binary ones too)
        return _no_record(location, offset)
    except (OSError, EOFError, zlib.error) as exc:   # gzip data damaged, or the file ends inside the record
        return Finding(UNREADABLE, "", f"the record there cannot be read to its end ({type(exc).__name__}: {exc})")
    checker = record.digest_checker
    if checker.problems:
        return Finding(DIGEST, "", "; ".join(checker.problems))
    if record_type != "revisit" and _has_digest(record) and checker.passed is not True:
        return Finding(UNREADABLE, "", "the record ends before its Content-Length (the file is cut short inside it)")
    refers_to = " ".join(filter(None, (record.rec_headers.get_header("WARC-Refers-To-Target-URI"),
                                       record.rec_headers.get_header("WARC-Refers-To-Date")))) or "another record"
    return record_type, payload.hexdigest(), refers_to


def _no_record(location: Path, offset: int) -> Finding:
    """Why warcio found no record at `offset`: a gzip member starts there but is damaged or cut
    short (the record is lost: restore the file), or none does (the row points elsewhere).  A
    flipped byte inside a member made warcio read it as "an unknown format", and the row was
    blamed for a file's damage."""
    with open(location, "rb") as handle:
        handle.seek(offset)
        if handle.read(2) != b"\x1f\x8b":
            return Finding(BAD_OFFSET, "", "no WARC record starts there (the bytes there begin no gzip member)")
        handle.seek(offset)
        decompressor = isal_zlib.decompressobj(wbits=zlib.MAX_WBITS + 16)
        try:
            while not decompressor.eof and (block := handle.read(READ_SIZE)):
                for _ in _inflate(decompressor, block):
                    pass
        except (isal_zlib.error, zlib.error) as exc:
            return Finding(UNREADABLE, "", f"the gzip member holding the record is damaged ({exc})")
    if not decompressor.eof:
        return Finding(UNREADABLE, "", "the file ends inside the gzip member holding the record (cut short)")
    return Finding(BAD_OFFSET, "", "the gzip member there holds no WARC record")


def _has_digest(record) -> bool:
    """The record carries a digest warcio checks once the record is read to its end."""
    return any(record.rec_headers.get_header(name) for name in ("WARC-Block-Digest", "WARC-Payload-Digest"))


@dataclass(frozen=True)
class Damage:
    """One damaged range of a gzip WARC file: bytes `start` to `end` (excluded: where a readable
    record begins again, or the file's size), and what is wrong, in one line.  `start` None:
    the file cannot be read at all.  `fix`: what to do, when not DAMAGED_FILE's own (FIXES)."""

    start: int | None
    end: int | None
    what: str
    fix: str | None = None


def gzip_damages(path: Path, advance: Callable[[int], None] = lambda read: None,
                 last_pointed: int | None = None) -> list[Damage]:
    """The damaged ranges of the gzip file at `path`, in file order; none when every member
    decompresses.  `last_pointed` is the greatest offset a fetch points at in the file (None:
    none does), which tells a file cut inside a record no fetch recorded (`_damage`).

    Read forward, READ_SIZE bytes at a time, each member decompressed at most READ_SIZE bytes
    at a time and the output thrown away: memory stays bounded however large the file, and
    a decompression bomb kept raw in a record is not expanded whole.  A member that does not
    decompress (or that the file ends inside) does not end the walk, as it does for a tool
    reading the file from its start: the walk goes on from the next gzip member that holds a
    readable WARC record (`_next_record_member`), so the records after the damage are read too
    and the damage is said once, as the range of bytes lost.  `advance(n)` is called as the
    walk moves n bytes further into the file (the progress bar)."""
    damages: list[Damage] = []
    reached = 0

    def moved_to(offset: int) -> None:
        nonlocal reached
        if offset > reached:
            advance(offset - reached)
            reached = offset

    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            position, members = 0, 0
            while True:
                read, failed_at, error = _walk_members(handle, position, moved_to)
                members += read
                if failed_at is None:
                    break
                resume = _next_record_member(handle, failed_at + 1, size)
                damages.append(_damage(path, failed_at, resume, size, error, last_pointed))
                if resume is None:
                    break
                position = resume
            moved_to(size)
    except OSError as exc:
        return [Damage(None, None, f"cannot be read ({exc.strerror or exc})")]
    if not members and not damages:
        return [Damage(None, None, "the file is empty: it holds no gzip member")]
    return damages


def _walk_members(handle, position: int, moved_to: Callable[[int], None]) -> tuple[int, int | None, str | None]:
    """Decompress the gzip members from `position` on, one after the other, to the first that
    fails: (how many decompressed, where the one that failed starts or None at the file's
    end, why it failed: the decompressor's error, or None for a file that ends inside it)."""
    handle.seek(position)
    member_start, read_so_far, members = position, position, 0
    decompressor = None
    try:
        while block := handle.read(READ_SIZE):
            read_so_far += len(block)
            data = block
            while data:
                if decompressor is None:
                    decompressor = isal_zlib.decompressobj(wbits=zlib.MAX_WBITS + 16)   # one gzip member
                    member_start = read_so_far - len(data)
                for _ in _inflate(decompressor, data):
                    pass   # (the output thrown away)
                if decompressor.eof:
                    members += 1
                    data, decompressor = decompressor.unused_data, None
                else:
                    data = b""
            moved_to(read_so_far if decompressor is None else member_start)
    except (isal_zlib.error, zlib.error) as exc:
        return members, member_start, str(exc)
    return members, (None if decompressor is None else member_start), None


def _inflate(decompressor, data: bytes) -> Iterator[bytes]:
    """`decompressor`'s output for `data`, at most READ_SIZE bytes at a time, until the data is
    used up (more is needed) or its gzip member ends (the rest is then its `unused_data`):
    never all at once, so that a decompression bomb is not expanded whole."""
    while data and not decompressor.eof:
        out = decompressor.decompress(data, READ_SIZE)
        yield out
        while len(out) == READ_SIZE and not decompressor.eof and not decompressor.unconsumed_tail:
            out = decompressor.decompress(b"", READ_SIZE)   # output held back for want of room
            yield out
        data = decompressor.unconsumed_tail


def _next_record_member(handle, start: int, size: int) -> int | None:
    """Where the first gzip member at or after `start` begins that decompresses whole and holds
    a WARC record (`_holds_record`); None when none does.  The bytes 1f 8b 08 are searched
    READ_SIZE at a time (the last two kept for a header split between two reads)."""
    offset = start
    while offset < size:
        handle.seek(offset)
        block = handle.read(READ_SIZE)
        found = block.find(GZIP_MEMBER)
        while found != -1:
            if _holds_record(handle, offset + found):
                return offset + found
            found = block.find(GZIP_MEMBER, found + 1)
        if len(block) < READ_SIZE:
            return None
        offset += len(block) - (len(GZIP_MEMBER) - 1)
    return None


def _holds_record(handle, offset: int) -> bool:
    """Whether the gzip member at `offset` decompresses to its end and begins "WARC/": a
    record the walk can go on from, not a gzip body stored inside a damaged record (a page
    sent gzipped, kept as received) nor bytes that only look like a gzip header.  Its first
    read is small (FIRST_LOOK): most look-alikes fail in their first bytes, and a damaged stretch
    may hold one every few bytes (a MiB read for each made a 16 MiB stretch take minutes)."""
    handle.seek(offset)
    decompressor = isal_zlib.decompressobj(wbits=zlib.MAX_WBITS + 16)
    head = b""
    size = FIRST_LOOK
    try:
        while not decompressor.eof and (block := handle.read(size)):
            size = READ_SIZE
            for out in _inflate(decompressor, block):
                if len(head) < len(WARC_HEAD):
                    head += out[:len(WARC_HEAD) - len(head)]
                    if not WARC_HEAD.startswith(head):
                        return False
    except (isal_zlib.error, zlib.error):
        return False
    return decompressor.eof and head == WARC_HEAD


def _damage(path: Path, start: int, resume: int | None, size: int, error: str | None,
            last_pointed: int | None = None) -> Damage:
    """The line for bytes `start` to `resume` (None: to the end of the file) of `path` that do
    not read; `error` is why the member at `start` failed (None: it does not end).  A file that
    ends inside a member no fetch points at or past (`last_pointed` before `start`) lost no
    capture a fetch recorded: a crawl records a fetch only once its records are written, so it
    was stopped while writing them (kill -9, a power cut), and the page is fetched again by a
    later crawl.  Cutting the file back to `start` then makes it whole in place (`_cut_back`).
    `last_pointed` None (no fetch of this database gives an offset in the file) tells nothing: the
    file may be another database's (every database in a folder shares the default data directory),
    whose fetches may point at the cut record, or whose crawl may be writing it; only a file cut
    inside its first record (`start` 0) holds no record anyone's fetch can point at."""
    failed = f"does not decompress ({error})" if error else "does not end"
    stops = f"a tool reading the file from its start (warcio, pywb) stops at byte {start}"
    if resume is not None:
        return Damage(start, resume, f"bytes {start}–{resume - 1} are damaged: the gzip member at byte {start} "
                                     f"{failed}, and no WARC record begins again before byte {resume}; the "
                                     f"records in them are lost, and {stops}; the records from byte {resume} on "
                                     "were read")
    cut = f"the file ends inside the gzip member that starts at byte {start} (cut short at {size} bytes)"
    if error is None and (start == 0 or last_pointed is not None and last_pointed < start):
        return Damage(start, size, f"{cut}, and no fetch points at it or past it: no record a fetch points at is lost "
                                   "(most likely a crawl stopped as it wrote it; a page whose fetch was not recorded "
                                   "is fetched again by a later crawl)", _cut_back(path, start))
    if error is None:
        return Damage(start, size, f"{cut}: the record there is lost; {_whole_copy(path, start)}")
    return Damage(start, size, f"bytes {start}–{size - 1} are damaged: the gzip member at byte {start} {failed}, and "
                               f"no WARC record begins again before the end of the file; the records in them are "
                               f"lost, and {stops}")


def _whole_copy(path: Path, end: int) -> str:
    """How to hand other WARC tools the whole records of a file cut short at `end` (a crawl
    killed or a machine stopped mid-write): pywb's `wb-manager add` indexes nothing of a file
    whose last record is cut inside its WARC headers, `cdxj-indexer` and `warcio check` end in
    a traceback there, and pywb's replay of a record cut in its body waits for bytes that never
    come.  The copy goes to the working folder, not beside the file (verify would list it)."""
    copy = path.name.removesuffix(".gz").removesuffix(".warc") + "-whole.warc.gz"
    return (f"the records before it are whole: other WARC tools (pywb, cdxj-indexer) read them from a copy "
            f"without the cut one, `head -c {end} {shlex.quote(str(path))} > {shlex.quote(copy)}`")


def _cut_back(path: Path, start: int) -> str:
    """How to make whole, in place, a file whose last record no fetch recorded is cut short at
    `start`: cut it off (`truncate`), or remove a file that holds no whole record at all (a
    file cut to nothing is no WARC either).  Never while a crawl still writes the file: its
    next record would follow the cut one's place, and the offsets it records would be wrong."""
    command = f"rm {shlex.quote(str(path))}" if start == 0 else f"truncate -s {start} {shlex.quote(str(path))}"
    return (f"make the file whole in place, without the unfinished record: `{command}` (not while a crawl is "
            "writing it: run verify again once it ends)")


def problem_lines(findings: list[Finding]) -> list[str]:
    """One line per finding, but one per missing file, however many fetches point into it
    (a crawl's file holds hundreds: the same line for each would bury the others)."""
    missing: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.kind == MISSING_FILE:
            missing.setdefault(finding.file, []).append(finding)
    lines, said = [], set()
    for finding in findings:
        group = missing.get(finding.file) if finding.kind == MISSING_FILE else None
        if group is None or len(group) == 1:
            lines.append(finding.line())
        elif finding.file not in said:
            said.add(finding.file)
            lines.append(f"{words(MISSING_FILE)}: {finding.file}: the WARC file is not there, and {len(group)} "
                         f"fetches point into it (fetches {spans([f.fetch_id for f in group])}); {FIXES[MISSING_FILE]}")
    return lines


def summary_rows(result: Verified) -> list[tuple[str, str]]:
    """The summary table's rows: (what, count)."""
    return [(name, str(value)) for name, value in result.counts().items()]


def held_note(database: Path) -> str | None:
    """A line saying which stage another process runs on the database now (db/lock.py
    `held_now`), or None: a crawl still writing a WARC file leaves its last member half-written,
    which verify would call damaged."""
    from db.lock import held_now

    held = held_now(Path(database))
    return (f"note: {'; '.join(held)}: a WARC file it is writing may end in a half-written record; "
            "run verify again once it ends") if held else None

