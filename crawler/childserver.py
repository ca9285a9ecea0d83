"""Imported only by the server process crawl children fork from (crawler/spiderrun.py
`child_context`), for one effect: it ignores SIGTERM and SIGHUP (`SHIELDED`), as
multiprocessing's server ignores SIGINT itself.  A stop sent to the whole process group (a
supervisor, a closed terminal) reaches the server too; had it died, the parent would learn its
child's exit status from nobody and take a crawl still at work for one ended.  It ends when its
parent does.  A child restores both signals first thing (`spiderrun._child`)."""

import signal

from crawler.spiderrun import SHIELDED

for _signum in SHIELDED:
    signal.signal(_signum, signal.SIG_IGN)
