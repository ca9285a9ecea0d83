"""Meta refresh (`MetaRefreshMiddleware`, 580, in place of Scrapy's): a page whose head holds no
"refresh" is passed on without being decoded."""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.http import Request, Response


# Scrapy reads a meta refresh in the first 4,096 characters: at most 4 bytes each in UTF-8.
_REFRESH_HEAD = 4 * 4096


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    """Scrapy's meta refresh redirect, without decoding the pages that cannot have one.

    Scrapy decodes the whole body (encoding detection included) for every HTML answer
    to search its head for the tag: a tenth of a millisecond a page in the reactor.  A
    head without the bytes "refresh" has no tag, unless the page is in a two- or
    four-byte encoding (NUL bytes), which still gets Scrapy's full check.

    Scrapy records such a hop's reason as the words "meta refresh"; the redirect chain
    keeps the page's status with them ({"status": 200, "via": "meta refresh"}).
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:
        head = response.body[:_REFRESH_HEAD].lower()  # a case-blind regex search costs ten times more
        if b"refresh" not in head and b"\x00" not in head:
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):  # (its meta's reasons are a new list: the request's own stay as they were)
            result.meta["redirect_reasons"][-1] = {"status": response.status, "via": "meta refresh"}
        return result
