"""Scrapy project settings: the defaults `scrapy crawl` sees.

`citewatch crawl` writes the user's configuration over these with priority
"cmdline" (see crawler/crawl.py); keep every value here a safe default.
"""

BOT_NAME = "citewatch"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# An unattended, scheduled tool opens no consoles.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
AUTOTHROTTLE_ENABLED = True
COOKIES_ENABLED = True
LOG_LEVEL = "WARNING"
