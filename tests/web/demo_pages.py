"""Pages and archive captures for `citewatch demo` (crawler/demo/letter.txt): one made-up
ministry page per case the demo shows, under /demo/ on the main site.

- /demo/freedonia/statement        live, quoted verbatim (and, with one word dropped, altered)
- /demo/coastal-league/old-link    301 to /demo/coastal-league/communique: redirected, quoted with an ellipsis
- /demo/ruritania/communique       live, in French: the letter quotes an unofficial translation
- /demo/osterlich/statement        404 today; the archive kept it (dead, rescued by a memento)
- /demo/grand-fenwick/statement    live, but rewritten since; the archive has the quoted words (drift)
- /demo/borduria/trade             live, about something else: the quote is not in it

- /demo/marsovia/news               pages.py's French "Page non trouvée" (a soft-404)
- /demo/marsovia/statement          pages.py's Cloudflare challenge (blocked); the archive kept the page
- /demo/tomainia/statement          pages.py's "Log in to continue" form (a login wall)

The archived tweets are social.py's.
"""

from __future__ import annotations

from tests.web.archive_store import add_capture
from tests.web.pages import article_html, article_text, cloudflare, french_404, login_only
from tests.web.server import Request, Response, route

FREEDONIA = [
    "The Ministry of Foreign Affairs of Freedonia does not recognise the so-called elections held on "
    "31 March in the occupied region, and considers their results null and void.",
    "The Government of Freedonia has not taken a position on the future status of the region and will not "
    "comment further while the talks continue.",
    "Freedonia reaffirms its full support for the sovereignty and territorial integrity of Sylvania within its "
    "internationally recognised borders.",
]
LEAGUE = [
    "The League of Coastal States considers that the so-called elections of 31 March have no legal effect "
    "whatsoever, that they undermine the negotiations conducted within the agreed format, and that they "
    "cannot prejudge the final status of the region. The League calls on its member states not to recognise "
    "their results.",
]
RURITANIA_FR = [
    "Le ministère des Affaires étrangères de Ruritanie ne reconnaît pas les prétendues « élections » du "
    "31 mars dans la région occupée et réaffirme son attachement à l'intégrité territoriale de la Sylvanie.",
    "La Ruritanie soutient les efforts de médiation en cours et appelle toutes les parties à reprendre le "
    "dialogue sans conditions préalables, dans le respect du droit international.",
]
OSTERLICH = [
    "Osterlich does not recognise the so-called presidential and parliamentary elections held in the occupied "
    "region on 31 March, and calls for a negotiated settlement based on international law.",
]
FENWICK_THEN = [
    "The Duchy of Grand Fenwick regards the so-called elections of 31 March as illegitimate and will not "
    "recognise any authority that claims to emerge from them.",
]
FENWICK_NOW = [
    "The Duchy of Grand Fenwick welcomes the resumption of talks between the parties and encourages "
    "confidence-building measures in the region.",
]
MARSOVIA = [
    "Marsovia supports the sovereignty and territorial integrity of Sylvania. The Foreign Ministry will "
    "continue to work with its partners for a peaceful settlement of the conflict.",
]
BORDURIA = [
    "The Trade Delegation of Borduria signed a memorandum on the export of mineral water and cheese, "
    "and agreed to hold the next session of the joint commission in the autumn.",
]


def _article(title: str, paragraphs: list[str], seed: int) -> Response:
    """A ministry page: the statement's paragraphs, then filler prose the extractor must skip past."""
    return Response(200, article_html(title, paragraphs + article_text(seed, 800)).encode("utf-8"))


def _french(title: str, paragraphs: list[str]) -> Response:
    html = article_html(title, paragraphs, date="2020-04-02").replace('lang="en"', 'lang="fr"')
    return Response(200, html.encode("utf-8"))


_NOT_FOUND = b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
PAGES = {
    "/demo/freedonia/statement": lambda: _article("Statement on the so-called elections", FREEDONIA, 101),
    "/demo/coastal-league/communique": lambda: _article("Communiqué of the League", LEAGUE, 102),
    "/demo/ruritania/communique": lambda: _french("Communiqué du ministère", RURITANIA_FR),
    "/demo/grand-fenwick/statement": lambda: _article("Statement of the Duchy", FENWICK_NOW, 104),
    "/demo/borduria/trade": lambda: _article("Trade delegation news", BORDURIA, 105),
    "/demo/osterlich/statement": lambda: Response(404, _NOT_FOUND),
}


route("/demo/marsovia/news")(french_404)
route("/demo/marsovia/statement")(cloudflare)
route("/demo/tomainia/statement")(login_only)


@route("/demo/coastal-league/old-link")
def league_old_link(req: Request) -> Response:
    return Response(301, b"", headers=[("Location", "/demo/coastal-league/communique")])


@route("/demo/")
def demo_page(req: Request) -> Response:
    page = PAGES.get(req.path)
    return page() if page else Response(404, _NOT_FOUND)


# What the archive kept when the statements were cited ("{main}" is the main site's base URL).
add_capture("{main}/demo/osterlich/statement", "20200401093000",
            article_html("Statement of the Ministry of Osterlich", OSTERLICH + article_text(103, 800)))
add_capture("{main}/demo/grand-fenwick/statement", "20200402110000",
            article_html("Statement of the Duchy", FENWICK_THEN + article_text(104, 800)))
add_capture("{main}/demo/marsovia/statement", "20200403150000",
            article_html("Statement of the Foreign Ministry of Marsovia", MARSOVIA + article_text(106, 800)))
