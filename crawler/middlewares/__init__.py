"""Downloader middlewares: what citewatch adds around every download.

One module a concern, as Scrapy keeps one module a middleware (scrapy/downloadermiddlewares/):

- `lookups.py`: one lookup a host by the crawl's resolver (`HostLookups`), the lookup before a
  host's turn (`UnresolvedHostMiddleware`) and whether the network seems unreachable
  (`NetworkEvidence`).
- `refusals.py`: what is never fetched (`refusal`, `address_class`: `citewatch ingest URL`,
  `check` and the collector judge URLs with them too) and `RefuseMiddleware`.
- `robots.py`: `RobotsTxtMiddleware`, and `CappedRobotParser` (the ROBOTSTXT_PARSER).  `refresh.py`:
  `MetaRefreshMiddleware`.
- `retries.py`: `BackoffRetryMiddleware` and `BrowserRetryMiddleware` (a 429's hold, a host
  kept quiet, the archive's 429, the crawler signals `HOST_HELD`, `UNASKED`, `HOST_QUIET`,
  `CLOSED_ELSEWHERE`), and the crawl's reading of Retry-After (`retry_after_seconds`).
- `codings.py`: `MementoCodingMiddleware` and `coding_repair`.
- `size.py`: `AnnouncedSizeMiddleware`, which installs `HeaderCappedParser`.  `tls.py`: `TlsCheckMiddleware`.
- `warc.py`: `WarcRecorderMiddleware`.

Their imports go one way, with no cycle: `lookups` imports none of the others; `refusals`, `tls`
and `retries` import it; the rest import no sibling; all may import `_config` from this package,
which imports none of them.  Scrapy imports each by the path the settings name, and the crawl
children's server imports them all before it forks (crawler/spiderrun.py `CHILD_PRELOAD`: a new
module goes there too).

In the order a request meets them (see DOWNLOADER_MIDDLEWARES in crawler/settings.py):

- `RefuseMiddleware` (60): non-http(s) schemes and addresses that are not globally
  routable (private, loopback, link-local, multicast, shared, reserved; an IPv6 address by
  the IPv4 one it carries too) are refused before anything is sent (redirect hops and
  robots.txt too); a name is judged by the address the crawl's resolver gives the download
  (`HostLookups`).  `citewatch ingest URL` applies the same rules (crawler/ingest/source.py).
- `RobotsTxtMiddleware` (100, replaces Scrapy's): robots.txt holds for every request of
  a host, also those queued while robots.txt is still downloading; it is read to its first
  500 KiB (`CappedRobotParser`, as RFC 9309 allows).
- `UnresolvedHostMiddleware` (110): a host's name is looked up before each of its URLs
  waits out the host's delay, until it resolves; a failure is recorded then, with its
  reason (a lookup failing inside the download loses it).  The refusal's lookup serves
  it: one lookup a host, whose answer the download is given (kept for the crawl).
- `BackoffRetryMiddleware` (550, replaces Scrapy's): retries 5xx and timeouts with an
  exponential backoff; a bot wall is not retried as a 5xx; a body slower than the timeout
  (the status and headers came) gets twice the time, and a body cut short keeps what
  comes on its retry, flagged.  A lookup that did not finish is retried too, unless the
  network seems unreachable since a server last answered (`NetworkEvidence`).
- `BrowserRetryMiddleware` (560): on 401/403/406/418/429/999 or a detected wall, one
  retry with a browser's header set, keeping the first answer's cookies; a 429 holds its
  host's download slot (every request queued for that host, not only the retry; in a
  distributed crawl on every worker) until its Retry-After has passed, up to a cap (beyond
  it the source is rate-limited and nothing more is asked of the host in that crawl, nor by
  the next crawls before its Retry-After's end: `HOST_QUIET`); after the archive's own 429
  (whatever was asked of it) nothing more is asked of the archive in that crawl (left for
  the next run); a stop waits out no hold (its end is kept as a long wait's).  A
  redirect hop to another host name goes through that host's slot, not the first one's
  (Scrapy copies the slot with the meta): its limit and its hold, one host name one slot.
- `MetaRefreshMiddleware` (580, replaces Scrapy's): a page whose head holds no "refresh"
  is passed on without being decoded (Scrapy's decodes every HTML body to look for one).
- `MementoCodingMiddleware` (595): an archived copy's Content-Encoding is judged from
  its bytes before Scrapy's HttpCompressionMiddleware (590) trusts it (the archive's
  raw replay sometimes labels plain bytes gzip).
- `AnnouncedSizeMiddleware` (930): a live answer whose Content-Length is over the size cap
  is stopped at its headers and kept, status and headers, its body empty (Scrapy's own cap
  would drop it all): too-large, its WARC record marked `WARC-Truncated: length`.  It installs
  the cap on an answer's status line and headers (256 KiB, `HeaderCappedParser`: Twisted's
  parser has none), past which the answer is a connection-error.
- `TlsCheckMiddleware` (940): Scrapy does not verify certificates, so each https host
  is checked once with `ssl`, at the address the download connected to, and the
  verification error is recorded on the fetch.
- `WarcRecorderMiddleware` (950): writes every request and response, as received
  (before decompression and redirects), to the crawl's WARC file; a body cut short or not
  downloaded is marked so (`WARC-Truncated: disconnect` or `length`).

The refusal and the lookup before a host's turn ask the crawl's own resolver (`resolve_hosts`
first, crawler/resolve.py), and the certificate check connects where the download did (through
a proxy, to the crawl's resolver's answer); the canary hosts' question (`NetworkEvidence`)
resolves names as the crawl's resolver does, `resolve_hosts` first.
"""

from __future__ import annotations


def _config(crawler) -> dict:
    return crawler.settings.getdict("CITEWATCH_CONFIG")
