"""Compiled documents served over HTTP, for `citewatch ingest URL`.

/documents/un-letter.txt   the seed letter's text (text/plain)
/documents/article.txt     the seed news article
/documents/missing.txt     404
"""

from __future__ import annotations

from pathlib import Path

from tests.web.server import Request, Response, route

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = {
    "/documents/un-letter.txt": EXAMPLES / "un-letter-A-74-855.txt",
    "/documents/article.txt": EXAMPLES / "news-article-2020-04-01.txt",
}


@route("/documents/")
def document(req: Request) -> Response:
    path = FILES.get(req.path)
    if path is None:
        return Response(404, b"not found", content_type="text/plain")
    return Response(body=path.read_bytes(), content_type="text/plain; charset=utf-8")
