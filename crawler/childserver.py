"""Imported only by the server process crawl children fork from (crawler/spiderrun.py
`child_context`), first, for one effect: the server ignores SIGINT and holds back SIGTERM and
SIGHUP from its start (extractpool `shield_server`, as the workers' server does), while it
imports the rest of its preload (~1 s: Scrapy, the spiders, the extraction's warm-up).  A stop
sent to the whole process group (a Ctrl-C, a supervisor, a closed terminal) reaches the server
too: had it died, the parent would learn its child's exit status from nobody and take a crawl
still at work for one ended, and a Ctrl-C in that first second printed the server's
KeyboardInterrupt traceback, the crawl ending in click's "Aborted!".  The server ends when its
parent does.

Held back, not ignored: a child inherits the mask, not the server's pending signals, so a stop
sent to the child while it starts (the parent passes on a Ctrl-C that came meanwhile) waits in
the child until it takes its signals (`spiderrun._take_signals`, once its own handlers are
set), and stops the crawl then.  Ignored, it would be lost: the whole crawl ran."""

from crawler.extractpool import shield_server

shield_server()   # started with the stops held back (spiderrun `start_child_server`)
