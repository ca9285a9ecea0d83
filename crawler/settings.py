"""Scrapy project settings: the defaults `scrapy crawl` sees.

`citewatch crawl` writes the user's configuration over these with priority
"cmdline" (crawler/spiderrun.py `scrapy_settings`, applied by `apply_config`); keep every
value here a safe default.
"""

BOT_NAME = "citewatch"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# An unattended, scheduled tool opens no consoles.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Names pinned by the resolve_hosts setting never reach a DNS server (crawler/resolve.py).
TWISTED_DNS_RESOLVER = "crawler.resolve.PinnedResolver"

ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "crawler.middlewares.robots.CappedRobotParser"   # read to 500 KiB, as RFC 9309 allows
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
AUTOTHROTTLE_ENABLED = True
COOKIES_ENABLED = True
LOG_LEVEL = "WARNING"

# The citewatch components, around Scrapy's own (crawler/middlewares/__init__.py says why each).
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.refusals.RefuseMiddleware": 60,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.RobotsTxtMiddleware": 100,
    "crawler.middlewares.lookups.UnresolvedHostMiddleware": 110,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retries.BackoffRetryMiddleware": 550,
    "crawler.middlewares.retries.BrowserRetryMiddleware": 560,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.refresh.MetaRefreshMiddleware": 580,
    "crawler.middlewares.codings.MementoCodingMiddleware": 595,   # before HttpCompressionMiddleware (590)
    # (its headers_received handler stops a live answer announced over DOWNLOAD_MAXSIZE before
    # Scrapy's cap cancels it, keeping its status and headers: too-large, WARC-Truncated: length)
    "crawler.middlewares.size.AnnouncedSizeMiddleware": 930,
    "crawler.middlewares.tls.TlsCheckMiddleware": 940,
    "crawler.middlewares.warc.WarcRecorderMiddleware": 950,
    # Per-request components a citewatch crawl has no use for (no allowed_domains, no HTTP
    # auth; with DOWNLOADER_STATS and the spider middlewares below, they cost the reactor
    # ~0.06 ms a page, BENCHMARKS.md).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
}
ITEM_PIPELINES = {"crawler.pipelines.FetchPipeline": 300}

# Only the codings every WARC reader decodes are asked for: Scrapy's HttpCompressionMiddleware
# adds br and zstd when their packages are installed, and warcio 1.8 (so `warcio check`,
# `warcio extract`, pywb) cannot read a br body with Brotli 1.2 nor a zstd one at all
# (archive/warc.py).  The crawl's WARC keeps what the servers sent; asked so, they send gzip.
# Every request asks so, the browser retry's too (crawler/middlewares/retries.py BROWSER_HEADERS).
ACCEPT_ENCODING = "gzip, deflate"
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
    "Accept-Encoding": ACCEPT_ENCODING,
}

# No per-response download stats are read; no links are followed (DepthMiddleware is off,
# below); no Referer goes out, as none would from a citation (RefererMiddleware is off).
DOWNLOADER_STATS = False

# 5xx and timeouts (and dropped connections) are retried; a 429 holds its host's download
# slot for its Retry-After in BrowserRetryMiddleware instead (the host name's slot: Scrapy
# keys slots by host name, so CONCURRENT_REQUESTS_PER_DOMAIN and DOWNLOAD_DELAY hold per name,
# two ports of one name being one host).  A name that does not exist is an answer, not retried;
# a lookup that did not finish (EAI_AGAIN) is, by BackoffRetryMiddleware.
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectionLost",
]
REDIRECT_MAX_TIMES = 10
DOWNLOAD_MAXSIZE = 25 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
CONCURRENT_REQUESTS = 16
# A truncated body is an error, retried (the retry keeps what comes, flagged: BackoffRetryMiddleware);
# every status reaches the spider, which records it (start requests carry dont_filter, so every
# cited URL ends recorded).
DOWNLOAD_FAIL_ON_DATALOSS = True
HTTPERROR_ALLOW_ALL = True
METAREFRESH_IGNORE_TAGS = ["noscript"]
# A callback yields one to three items; Scrapy's default of 100 starts 100 asyncio tasks
# per response to process them, which alone cost the reactor about a third of its time.
CONCURRENT_ITEMS = 4
# Every cited URL ends recorded, however long: Scrapy's UrlLengthMiddleware would drop one
# over 2,083 characters (URLLENGTH_LIMIT) with no fetch row at all.
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}
