"""What an extraction worker needs, imported and warmed once in the process workers fork from.

Imported by the crawl children's server (crawler/spiderrun.py `CHILD_PRELOAD`), so that a crawl's
child forks its first workers warm (crawler/extractpool.py `prefork`), and by the workers' own
server (crawler/extractserver.py), which replaces a worker that died.  It imports what
extractions use (crawler/extract.py imports each where it uses it) and extracts one page:
py3langid loads its model (~0.4 s of CPU, the biggest part), trafilatura and lxml set up their
parsers.  None of it starts a Python thread (tests/test_spiderrun.py, tests/test_extractpool.py),
which a fork would leave behind (numpy's OpenBLAS starts a native one, whose own fork handler
stops it in the fork).
"""

import htmldate  # noqa: F401 (trafilatura's dates)
import lxml.html  # noqa: F401
import py3langid  # noqa: F401
import pypdf  # noqa: F401
import trafilatura  # noqa: F401

import crawler.textclean  # noqa: F401 (a PDF's repairs)
from crawler.extract import extract
from crawler.extractpool import WARM_PAGE

extract(WARM_PAGE, "text/html", None)
