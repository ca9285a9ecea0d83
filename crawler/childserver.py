"""Imported only by the server process crawl children fork from (crawler/spiderrun.py
`child_context`), for one effect: the server holds back SIGTERM and SIGHUP (`SHIELDED`, its
signal mask), as multiprocessing's server ignores SIGINT itself.  A stop sent to the whole
process group (a supervisor, a closed terminal) reaches the server too; had it died, the parent
would learn its child's exit status from nobody and take a crawl still at work for one ended.
The server ends when its parent does.

Held back, not ignored: a child inherits the mask, not the server's pending signals, so a stop
sent to the child while it starts (the parent passes on a Ctrl-C that came meanwhile) waits in
the child until it takes its signals (`spiderrun._take_signals`, once its own handlers are
set), and stops the crawl then.  Ignored, it would be lost: the whole crawl ran."""

import signal

from crawler.spiderrun import SHIELDED

signal.pthread_sigmask(signal.SIG_BLOCK, SHIELDED)
