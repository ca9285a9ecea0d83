"""`python -m tests.web [--die-with PID]`: start the test web and print its sites as one JSON line.

Tests (tests/conftest.py) and `citewatch demo` start it as a subprocess and read that
line; the process serves until it is killed, or until the process PID is gone (the demo
passes its own: a demo killed with -9 leaves no web server behind).
"""

import json
import sys
import threading

from crawler.extract import die_with_parent
from tests.web.server import start
from tests.web.sites import SITES, tls_wrappers


def main() -> None:
    if sys.argv[1:2] == ["--die-with"]:
        die_with_parent(int(sys.argv[2]))
    sites = start(SITES, tls_wrappers())
    sys.stdout.write(json.dumps(sites) + "\n")
    sys.stdout.flush()
    threading.Event().wait()


if __name__ == "__main__":
    main()
