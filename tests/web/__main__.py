"""`python -m tests.web`: start the test web and print its sites as one JSON line.

Tests (tests/conftest.py) and `citewatch demo` start it as a subprocess and read that
line; the process serves until it is killed.
"""

import json
import sys
import threading

from tests.web.server import start
from tests.web.sites import SITES, tls_wrappers


def main() -> None:
    sites = start(SITES, tls_wrappers())
    sys.stdout.write(json.dumps(sites) + "\n")
    sys.stdout.flush()
    threading.Event().wait()


if __name__ == "__main__":
    main()
