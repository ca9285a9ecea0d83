"""Titles that carry an error phrase, on pages a link checker must tell apart: a short article
whose headline mentions an error is live (a link checker must not call a live page dead); a
short error page under the site's name is a soft-404, whatever the language; a long error
page titled in another script is told by the host's own error page (the random path), and
an article headed with an error on a site that titles every page alike is not (the random
path's title is every page's; its heading is the error page's own).
"""

from __future__ import annotations

import pytest

from crawler.classify import ARTICLE_TEXT, classify, detect_block
from crawler.extract import extract
from crawler.items import FetchItem
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
    # sentences that speak of research, an address, a link, a displaced family or a welcome
    ("Error 404 – the film that broke the box office",
     ["The film follows a programmer whose research moved the markets.",
      "In her address to the festival, the director praised the link between music and image."]),
    ("Page introuvable – le roman de l'été",
     ["Le roman suit une famille déplacée par la guerre, à la recherche d'une maison.",
      "L'auteur a reçu un accueil chaleureux au salon du livre de Paris."]),
    # words that start as an error page's do: a comedy of errors, typography, a razor blade,
    # Fehlermeldung, het blad (a magazine), displaced persons and a remote district
    ("Error 404 – the film that broke the box office",
     ["The comedy of errors earned twelve million dollars in its first weekend at the box office.",
      "Critics praised the typography of its posters and the razor-blade sharpness of its dialogue."]),
    ("Fehler 404 – der Film, der die Kinokassen sprengte",
     ["Der Thriller spielte am ersten Wochenende zwölf Millionen Euro ein.",
      "Die Kritiker lobten die Hauptdarstellerin, deren Figur jede Fehlermeldung eines Computers versteht."]),
    ("Pagina niet gevonden – een nieuwe roman",
     ["Het blad van de uitgeverij noemt het boek de verrassing van het voorjaar.",
      "De roman verschijnt in maart en telt driehonderd bladzijden."]),
    ("Страница не найдена — роман Ивана Петрова",
     ["Роман рассказывает о семье перемещенных лиц, живущих в удаленном районе Сибири.",
      "Книга выходит в издательстве «Вестник» в марте и насчитывает триста страниц."]),
    # sentences of Chinese characters, each as telling as a longer English one
    ("页面不存在 – 一部关于被遗忘网站的新小说",
     ["这部小说讲述了一位图书管理员的故事。", "她负责整理被遗忘的网站。", "小说将于下周二在全国书店上市。", "全书共三百页。"]),
    ("Access denied to journalists at border crossing",
     ["Border guards turned back a dozen reporters on Monday, citing the ministry's order (reference #A12).",
      "The press association called the decision a breach of the right to inform the public."]),
    # sentences ended by the danda (।) and the Urdu full stop (۔), as a Hindi or Urdu brief's are
    ("Error 404 – एक नई फ़िल्म",
     ["यह फ़िल्म एक प्रोग्रामर की कहानी है जिसका नाम हर डेटाबेस से मिटा दिया गया है।",
      "फ़िल्म अगले महीने देश भर के सिनेमाघरों में रिलीज़ होगी।"]),
    ("Error 404 – ایک نئی فلم",
     ["یہ فلم ایک پروگرامر کی کہانی ہے جس کا نام ہر ڈیٹا بیس سے مٹا دیا گیا ہے۔",
      "فلم اگلے مہینے ملک بھر کے سینما گھروں میں ریلیز ہوگی۔"]),
    ("Seite nicht gefunden – ein Roman von Anna Weber",
     ["Die Autorin erzählt von einer Archivarin, die vergessene Webseiten sammelt.",
      "Das Buch erscheint im März im Berliner Verlag und hat dreihundert Seiten."]),
]


@pytest.mark.parametrize("title, paragraphs", BRIEFS)
def test_a_short_article_whose_headline_mentions_an_error_is_live(title, paragraphs):
    """(A note's "reference #A12" under "Access denied" is no Akamai wall's id either.)"""
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
    # a notice in other words (cannot find, not available, try searching), and a cookie banner
    ("Page not found – Cinema News", ["We can't find the page you're looking for.",
                                      "Try searching for what you need or browse our most popular pages below."]),
    ("Página no encontrada – Diario Sur", ["La página que buscas no está disponible.",
                                           "Es posible que la dirección sea incorrecta o que la página haya sido eliminada."]),
    ("Page introuvable – Le Quotidien", ["Cette page n'est plus disponible.",
                                         "Elle a peut-être été archivée lors de la refonte de notre site l'an dernier."]),
    ("Pagina non trovata – Il Giornale", ["La pagina richiesta non è più disponibile sul nostro sito web.",
                                          "Potrebbe essere stata archiviata durante il recente rinnovo del portale."]),
    ("Страница не найдена – Вестник", ["Запрашиваемая страница временно недоступна.",
                                       "Возможно, она была перенесена в архив во время обновления портала."]),
    ("Error 404 – Cinema News", ["Sorry, the page you are looking for does not exist.",
                                 "We use cookies to give you the best possible experience on our website.",
                                 "By continuing to browse, you agree to our use of cookies."]),
]


@pytest.mark.parametrize("title, paragraphs", NOTICES)
def test_a_short_error_page_under_a_name_the_host_does_not_spell_is_a_soft_404(title, paragraphs):
    result = classified(answer(body=article_html(title, paragraphs)))
    assert result.cls == "soft-404", result.reason


# --- a long error page titled in another script, on a host that does not spell its name --

# A ministry's error page: its menu, related news and teasers make the main text as long as an
# article's; it declares no og:site_name, and the host (mid, mofa, fmprc) spells no part of it.
RELATED = [f"Related story {j}: " + " ".join(f"Headline {j}.{i} on the economy, the elections and the weather "
                                             f"in region {i * j}." for i in range(5)) for j in range(8)]
CITED = "https://www.{}/ru/foreign_policy/news/4102345/"
PROBE = "https://www.{}/0123abcd4567ef89-citewatch-probe"
ERROR_PAGES = [("mid.example", "Страница не найдена — Министерство иностранных дел", "windows-1251"),
               ("mofa.gov.example", "الصفحة غير موجودة - وزارة الخارجية", "utf-8"),
               ("fmprc.gov.example", "页面不存在 - 外交部", "gb18030")]


def _probe_404(host: str, title: str, charset: str) -> tuple[FetchItem, None]:
    """The host's answer to a random path: 404 under its error page's title, in the host's own
    charset; a crawl extracts no 4xx body, so the probe comes with no extraction."""
    body = (f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><h1>{title.split(' ')[0]}</h1></body></html>").encode(charset)
    url = PROBE.format(host)
    return FetchItem(source_id=1, requested_url=url, final_url=url, status=404, body=body,
                     headers={"content-type": "text/html"}, content_type="text/html"), None


@pytest.mark.parametrize("host, title, charset", ERROR_PAGES)
def test_a_long_error_page_the_host_shows_for_a_random_path_is_a_soft_404(host, title, charset):
    page = answer(CITED.format(host), body=article_html(title, RELATED))
    assert len(extract(page.body, "text/html", page.final_url).text) >= ARTICLE_TEXT
    result = classified(page, _probe_404(host, title, charset))  # the random path: 404, same title
    assert result.cls == "soft-404", result.reason
    catch_all = answer(PROBE.format(host), body=page.body)  # the random path: 200, the same page
    assert classified(page, (catch_all, extract(catch_all.body, "text/html", catch_all.final_url))).cls == "soft-404"


@pytest.mark.parametrize("host, title, charset", ERROR_PAGES + [("cinema.example", "Error 404 – Cinema News", "utf-8")])
def test_an_article_whose_headline_mentions_an_error_is_live_beside_the_host_s_error_page(host, title, charset):
    headline = {"mid.example": "Страница не найдена — роман Ивана Петрова о забытых сайтах",
                "mofa.gov.example": "الصفحة غير موجودة - رواية جديدة عن المواقع المنسية",
                "fmprc.gov.example": "页面不存在 - 一部关于被遗忘网站的新小说",
                "cinema.example": "Error 404 – the film that broke the box office"}[host]
    article = answer(CITED.format(host), body=article_html(headline, RELATED))
    result = classified(article, _probe_404(host, title, charset))
    assert result.cls == "live", result.reason


# --- a site's name with umlauts, on a host that writes them out --------------------------

@pytest.mark.parametrize("host, title", [
    ("www.auswaertiges-amt.example", "Seite nicht gefunden – Auswärtiges Amt"),           # ä as ae
    ("www.oeffentliche-sicherheit.example", "Fehler 404 | Öffentliche Sicherheit"),       # Ö as oe
    ("www.grossstadt.example", "Seite nicht gefunden – Großstadt"),                      # ß as ss
    ("www.europaeische-union.example", "Seite nicht gefunden – Europa\u0308ische Union"),  # ä decomposed
    ("www.auswartiges-amt.example", "Seite nicht gefunden – Auswärtiges Amt"),           # ä as a
])
def test_a_long_error_page_under_a_name_with_umlauts_is_a_soft_404_on_a_host_that_writes_them_out(host, title):
    page = answer(f"https://{host}/de/newsroom/4102345", body=article_html(title, RELATED))
    assert len(extract(page.body, "text/html", page.final_url).text) >= ARTICLE_TEXT  # no random path asked: a memento
    assert classified(page).cls == "soft-404"
    # a headline's words beside the error are no site's name, however spelled
    article = answer(f"https://{host}/de/newsroom/4102345", body=article_html("Seite nicht gefunden – ein Roman", RELATED))
    assert classified(article).cls == "live"


# --- a site that gives every page the same title ------------------------------------------

SITE_TITLE = "МИД России"
ERROR_HEADING = "Страница не найдена — Министерство иностранных дел"


def _titled_alike(heading: str, paragraphs: list[str]) -> bytes:
    """A page of a site that titles every page alike: its own words are in its heading only."""
    return (f'<html><head><meta charset="utf-8"><title>{SITE_TITLE}</title></head><body><main><article>'
            f"<h1>{heading}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></main></body></html>").encode()


def _random_path_titled_alike(status: int) -> tuple[FetchItem, object]:
    """The host's error page for a random path, under the site's one title and the error's heading."""
    url = PROBE.format("mid.example")
    body = _titled_alike(ERROR_HEADING, ["Извините, запрошенная страница не найдена."])
    fetch = FetchItem(source_id=1, requested_url=url, final_url=url, status=status, body=body,
                      headers={"content-type": "text/html"}, content_type="text/html")
    return fetch, extract(body, "text/html", url) if status == 200 else None


@pytest.mark.parametrize("status", [404, 200])
def test_an_article_headed_with_an_error_on_a_site_that_titles_every_page_alike_is_live(status):
    """The random path's title is the page's, as every title of the site is: it says nothing of
    the article's heading, which the random path does not show."""
    article = answer(CITED.format("mid.example"), body=_titled_alike("Error 404 – the film that broke the box office", RELATED))
    result = classified(article, _random_path_titled_alike(status))
    assert result.cls == "live", result.reason
    error_page = answer(CITED.format("mid.example"), body=_titled_alike(ERROR_HEADING, RELATED))
    assert classified(error_page, _random_path_titled_alike(status)).cls == "soft-404"  # the heading the random path shows


# --- a wall's title, read by its tags ------------------------------------------------------

def test_a_wall_s_title_is_read_to_a_closing_tag_with_a_space_and_a_page_of_unclosed_titles_has_none():
    """(The title is read by two searches, one per tag: a page of "<title>" that never closes
    is read once, not again from each of them.)"""
    wall = classify(answer(status=503, body="<html><head><title>Just a moment...</title ></head></html>"))
    assert (wall.cls, wall.evidence.get("vendor")) == ("blocked", "Cloudflare")
    assert detect_block(404, {}, b"<title>" * 8_000) is None  # (60 KB: seconds when read from each)
    assert classify(answer(status=404, body=b"<title>" * 8_000)).cls == "client-error"


# --- a host whose error page names the path asked ----------------------------------------

def test_an_article_whose_other_words_are_in_its_url_is_live_beside_a_404_that_names_the_path_asked():
    """A 404 under "Page not found: /<random path>" is the host's error page naming the path
    asked, not a catch-all that puts any path's words in its titles: the article's title is
    not the random path's once each drops its URL's words.  The error page at the cited path,
    naming that path, is still one."""
    probe_url = PROBE.format("cinema.example")
    body = f"<html><head><title>Page not found: /{probe_url.rsplit('/', 1)[1]}</title></head><body></body></html>"
    random_path = FetchItem(source_id=1, requested_url=probe_url, final_url=probe_url, status=404, body=body.encode(),
                            headers={"content-type": "text/html"}, content_type="text/html")
    article = answer("https://www.cinema.example/news/the-missing-climbers",
                     body=article_html("Page not found – the missing climbers", RELATED))
    result = classified(article, (random_path, None))
    assert result.cls == "live", result.reason
    error_page = answer("https://www.cinema.example/news/2024/4102345",
                        body=article_html("Page not found: /news/2024/4102345", RELATED))
    assert classified(error_page, (random_path, None)).cls == "soft-404"
