"""Pages that change, die and come back between crawls, for the history and report tests.

`/history/<token>/<name>` serves an article whose behaviour the test sets between crawls
with `/_control/set?history/<token>/<name>=<behaviour>`: `v1` (the default), `v2` (the
same article with its last paragraph rewritten: a content change), `gone` (404).  The
token keeps the pages of one test apart from another's on the shared test web.
"""

from __future__ import annotations

import zlib

from tests.web.pages import article_html, article_text
from tests.web.server import STATE, Request, Response, route

REWRITTEN = ("The Ministry now also calls for the immediate release of all detained humanitarian workers "
             "and for unhindered access of aid convoys to the affected region.")


def page_paragraphs(name: str, behaviour: str) -> list[str]:
    """The article's paragraphs in version v1 or v2 (the same for a name, run after run)."""
    paragraphs = article_text(zlib.crc32(name.encode()), 1500)
    return paragraphs[:-1] + [REWRITTEN] if behaviour == "v2" else paragraphs


@route("/history/")
def history_page(req: Request) -> Response:
    key = req.path.strip("/")
    behaviour = STATE.get(key, "v1")
    if behaviour == "gone":
        return Response(404, b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>")
    title = f"Statement {key.rsplit('/', 1)[-1]}"
    return Response(200, article_html(title, page_paragraphs(key, behaviour)).encode("utf-8"))
