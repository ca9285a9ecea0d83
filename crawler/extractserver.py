"""Imported only by the server process extraction workers fork from (crawler/extractpool.py
`worker_context`), for two effects.

Signals: the server ignores SIGINT and holds back SIGTERM and SIGHUP (`extractpool.HELD`, its
signal mask).  A stop sent to the whole process group (a Ctrl-C, a supervisor, a closed terminal)
is the crawl's to handle: it ends its workers by closing their pipes.  Had the server died of
it, the pool would learn its workers' exit codes from nobody.  A forked worker keeps that state
from its first instruction (multiprocessing's server gives each child the SIGINT handler left
here, and the mask), until it ignores all three itself (`extractpool._work`).  Held back, as the
crawl children's server does (crawler/childserver.py), not ignored: a process has one forkserver,
whose preload list is read once, and a test process that started this one first forks its crawl
children from it too; a stop sent to such a child as it starts must wait for its handlers, not
be lost (`_work` drops the pending ones when it ignores them).

Warmth: it imports what every worker needs and extracts one page (crawler/extractwarm.py), so
that a forked worker answers at once: the work a new interpreter per worker repeated (~0.76 s of
CPU each) is done once per server.  A crawl's child needs this server only to replace a worker
that died: it forks its first workers from itself (crawler/extractpool.py `prefork`).
"""

import signal

from crawler.extractpool import HELD

# The pool started this server with SIGINT, SIGTERM and SIGHUP held back (extractpool
# `start_server`: its mask went through exec, so no stop reached it before this line):
signal.signal(signal.SIGINT, signal.SIG_IGN)    # SIGINT ignored, as multiprocessing's server does
signal.pthread_sigmask(signal.SIG_BLOCK, HELD)  # SIGTERM and SIGHUP held (so already, unless started otherwise)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])

import crawler.extractwarm  # noqa: E402,F401 (what workers need, imported and warmed)
