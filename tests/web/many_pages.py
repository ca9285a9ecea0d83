"""Many small deterministic pages on every site, for the distributed crawl and bench/scale.py.

`/many/<run>/<n>` answers a short article that names its number (so every page's text
differs) and records the request's time under `many:<run>:<site>` and `many:<run>:page:<n>`
in STATE (read at /_control/counters): tests check from them that each page was fetched
once and that no host got two requests closer than host_delay.
"""

from __future__ import annotations

from tests.web.server import STATE, Request, Response, route

_WORDS = ("river", "council", "statement", "measure", "record", "harbour", "treaty", "season", "archive", "voice")


def article(n: int) -> bytes:
    """Page n: a title and three paragraphs that only page n has."""
    words = " ".join(_WORDS[(n * 7 + i) % len(_WORDS)] for i in range(40))
    paragraphs = "".join(f"<p>Paragraph {p} of page {n}: the {words} were noted on day {n % 365}.</p>"
                         for p in range(3))
    return (f"<html><head><title>Page {n}</title></head><body><article><h1>Page {n}</h1>{paragraphs}"
            f"</article></body></html>").encode()


@route("/many/")
def many(req: Request) -> Response:
    parts = req.path.split("/")  # ["", "many", run, n]
    if len(parts) != 4 or not parts[3].isdigit():
        return Response(404, b"<html><body>no such page</body></html>")
    STATE.count(f"many:{parts[2]}:{req.site}")
    STATE.count(f"many:{parts[2]}:page:{parts[3]}")
    return Response(body=article(int(parts[3])))
