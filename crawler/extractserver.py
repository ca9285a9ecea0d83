"""Imported only by the server process extraction workers fork from (crawler/extractpool.py
`worker_context`), for two effects.

Signals: the server ignores SIGINT and holds back SIGTERM and SIGHUP from its start
(extractpool `shield_server`, as the crawl children's server does: crawler/childserver.py).  A
forked worker keeps that state from its first instruction (multiprocessing's server gives each
child the SIGINT handler left here, and the mask), until it ignores all three itself
(`extractpool._work`, which drops the pending ones).

Warmth: it imports what every worker needs and extracts one page (crawler/extractwarm.py), so
that a forked worker answers at once: the work a new interpreter per worker repeated (~0.76 s of
CPU each) is done once per server.  A crawl's child needs this server only to replace a worker
that died: it forks its first workers from itself (crawler/extractpool.py `prefork`).
"""

from crawler.extractpool import shield_server

shield_server()   # first: started with the stops held back (extractpool `start_server`)

import crawler.extractwarm  # noqa: E402,F401 (what workers need, imported and warmed)
