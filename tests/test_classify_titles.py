"""Titles that carry an error phrase, on pages a link checker must tell apart: a short article
whose headline mentions an error is live (a link checker must not call a live page dead); a
short error page under the site's name is a soft-404, whatever the language; a long error
page titled in another script is told by the host's own error page (the random path).
"""

from __future__ import annotations

import pytest

from crawler.classify import ARTICLE_TEXT
from crawler.extract import extract
from tests.test_classify import answer, classified
from tests.web.pages import article_html

# --- a short article whose headline mentions an error --------------------------------

BRIEFS = [
    ("Error 404 – the film that broke the box office",
     ["The low-budget thriller earned twelve million dollars in its first weekend.",
      "Critics praised the lead actress, who plays a programmer erased from every database.",
      "The studio has already announced a sequel for next spring."]),
    ("Error 404: the film that broke the box office",
     ["The low-budget thriller earned twelve million dollars in its first weekend.",
      "The studio has already announced a sequel for next spring."]),
    ("Page Not Found – a new novel by Jane Doe",
     ["The third novel by the Dublin writer follows a librarian who catalogues forgotten websites.",
      "It reaches bookshops on Tuesday and runs to three hundred pages."]),
    ("Page Not Found, a new novel by Jane Doe",
     ["The third novel by the Dublin writer follows a librarian who catalogues forgotten websites.",
      "It reaches bookshops on Tuesday and runs to three hundred pages."]),
    ("Access denied to journalists at border crossing",
     ["Border guards turned back a dozen reporters on Monday morning.",
      "The press association called the decision a breach of the right to inform the public."]),
    ("Seite nicht gefunden – ein Roman von Anna Weber",
     ["Die Autorin erzählt von einer Archivarin, die vergessene Webseiten sammelt.",
      "Das Buch erscheint im März im Berliner Verlag und hat dreihundert Seiten."]),
]


@pytest.mark.parametrize("title, paragraphs", BRIEFS)
def test_a_short_article_whose_headline_mentions_an_error_is_live(title, paragraphs):
    page = answer(body=article_html(title, paragraphs))
    assert len(extract(page.body, "text/html", page.final_url).text) < ARTICLE_TEXT  # a brief, not an article's length
    result = classified(page)
    assert result.cls == "live", result.reason


# --- a short error page under the site's name ------------------------------------------

NOTICES = [
    ("Error 404 – Cinema News", ["Sorry, the page you are looking for does not exist.",
                                 "It may have been moved or deleted. Please check the address or use the search box."]),
    ("Page introuvable – Le Quotidien", ["Désolé, la page que vous cherchez n'existe pas ou a été déplacée.",
                                         "Retournez à la page d'accueil."]),
    ("Seite nicht gefunden – Tagesblatt", ["Leider wurde die angeforderte Seite nicht gefunden.",
                                           "Bitte nutzen Sie die Suche oder gehen Sie zur Startseite."]),
    ("Página no encontrada – Diario Sur", ["Lo sentimos, la página que busca no existe.",
                                           "Vuelva a la página de inicio."]),
    ("Страница не найдена – Вестник", ["Извините, запрошенная страница не найдена.",
                                       "Перейдите на главную страницу или воспользуйтесь поиском."]),
    ("页面不存在 – 新闻网", ["抱歉，您访问的页面不存在或已被删除。", "请返回首页。"]),
]


@pytest.mark.parametrize("title, paragraphs", NOTICES)
def test_a_short_error_page_under_a_name_the_host_does_not_spell_is_a_soft_404(title, paragraphs):
    result = classified(answer(body=article_html(title, paragraphs)))
    assert result.cls == "soft-404", result.reason
