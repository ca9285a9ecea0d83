"""Pages in scripts written without spaces between words, for the crawl's text and search.

/crawl/zh-gb18030   a Chinese ministry statement encoded GB18030 (declared in the header only)
"""

from __future__ import annotations

from tests.web.pages import article_html
from tests.web.server import Request, Response, route

ZH_PARAGRAPHS = [
    "2020年9月28日，中华人民共和国外交部发言人汪文斌主持例行记者会。",
    "汪文斌表示，中方对纳卡地区局势深表关切，呼吁有关各方保持克制，立即停火，通过对话协商和平解决分歧。",
    "中方一贯主张，国与国之间的争端应当通过政治和外交途径妥善解决，避免局势进一步升级。",
    "作为联合国安理会常任理事国，中方愿同国际社会一道，为地区和平稳定发挥建设性作用。",
    "记者问：中方是否考虑向有关各方提供人道主义援助？汪文斌答：中方将根据当地需要，积极研究提供帮助。",
]


@route("/crawl/zh-gb18030")
def chinese_gb18030(req: Request) -> Response:
    body = article_html("外交部发言人就纳卡局势答记者问", ZH_PARAGRAPHS).replace('<meta charset="utf-8">', "")
    return Response(200, body.replace('lang="en"', 'lang="zh-CN"').encode("gb18030"),
                    content_type="text/html; charset=gb18030")
