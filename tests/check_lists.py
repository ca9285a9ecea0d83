"""Quote lists and the local files they cite, for the `citewatch check` tests.

`write_files(folder)` writes the local sources: a statement as plain text, two
French HTML pages (one UTF-8, one windows-1252, each declaring its charset), a PDF
made with fpdf2, and the troublemakers (an empty file, a directory named like a
text file, a .docx).  `ROWS` is the 40+ row list the end-to-end test checks, each
row with the verdict it must get and why.  URL rows use the test web: the
`{main}` site's pages (tests/web/pages.py), the archive's captures of two of them
(tests/web/wayback.py) and the archived tweets (tests/web/social.py).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tests.web.pages import STATEMENT
from tests.web.social import ESTONIA, ITALY, LATVIA

STATEMENT_TXT = """Statement by the Ministry of Foreign Affairs on the so-called elections

The Ministry of Foreign Affairs does not recognise the so-called presidential and parliamentary elections held on 31 March 2020. These elections are null and void and have no legal effect whatsoever.

We reaffirm our full support for the sovereignty, territorial integrity and inviolability of the internationally recognised borders of the Republic of Azerbaijan. The conflict must be settled peacefully through negotiations within the framework of the OSCE Minsk Group.

The Ministry calls on the international community not to recognise any outcome of this illegal process, and urges all parties to refrain from steps that undermine the peace talks.
"""
FRENCH_UTF8 = ("Le ministère des Affaires étrangères ne reconnaît pas les prétendues élections organisées le 31 mars "
               "2020 dans la région du Haut-Karabakh.")
FRENCH_UTF8_MORE = ("Nous réaffirmons notre soutien à l'intégrité territoriale de l'Azerbaïdjan et au règlement "
                    "pacifique du conflit, dans le cadre du Groupe de Minsk de l'OSCE.")
FRENCH_1252 = ("La Suisse ne reconnaît pas les élections tenues au Haut-Karabakh et réitère son soutien aux "
               "coprésidents du Groupe de Minsk de l'OSCE.")
FRENCH_1252_MORE = ("Le Département fédéral des affaires étrangères appelle les parties à reprendre les négociations "
                    "de fond sans conditions préalables.")
PDF_TEXT = ("The Organisation of Islamic Cooperation rejects the illegal elections held in the occupied territories "
            "and reaffirms its solidarity with the Republic of Azerbaijan.")


def _html(title: str, paragraphs: list[str], charset: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><main><article><h1>{title}</h1>{body}</article></main></body></html>")


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (fpdf2, the test extra)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def write_files(folder: Path) -> Path:
    """The local sources of ROWS, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "statement.txt").write_text(STATEMENT_TXT, encoding="utf-8")
    (folder / "declaration-utf8.html").write_text(_html("Déclaration du ministère", [FRENCH_UTF8, FRENCH_UTF8_MORE],
                                                        "utf-8"), encoding="utf-8")
    (folder / "declaration-1252.html").write_bytes(
        _html("Déclaration de la Suisse", [FRENCH_1252, FRENCH_1252_MORE], "windows-1252").encode("cp1252"))
    (folder / "oic.pdf").write_bytes(pdf_bytes(PDF_TEXT))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "folder.txt").mkdir(exist_ok=True)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")
    return folder


@dataclass(frozen=True)
class Case:
    id: str
    quote: str
    source: str
    expected: str
    date: str = ""
    note: str = ""


def rows(web: dict[str, str], archive_base: str) -> list[Case]:
    """The end-to-end list: every verdict, local files of each kind, URLs of each kind, bad rows."""
    main = web["main"]
    memento = f"{archive_base}/web/20200320000000/{main}/crawl/live"    # tests/web/wayback.py's capture of it
    return [
        # a local text file
        Case("txt-verbatim", "These elections are null and void and have no legal effect whatsoever.",
             "statement.txt", "verbatim"),
        Case("txt-verbatim-2", "The conflict must be settled peacefully through negotiations within the framework "
             "of the OSCE Minsk Group.", "statement.txt", "verbatim"),
        Case("txt-verbatim-3", "The Ministry calls on the international community not to recognise any outcome of "
             "this illegal process", "statement.txt", "verbatim"),
        Case("txt-minor-case", "these elections are null and void, and have no legal effect whatsoever",
             "statement.txt", "minor"),
        Case("txt-minor-spelling", "We reaffirm our full support for the sovereignty, territorial integrity and "
             "inviolability of the internationally recognized borders of the Republic of Azerbaijan.",
             "statement.txt", "minor"),
        Case("txt-elided", "We reaffirm our full support for the sovereignty … of the Republic of Azerbaijan.",
             "statement.txt", "elided"),
        Case("txt-elided-2", "The Ministry of Foreign Affairs does not recognise the so-called presidential and "
             "parliamentary elections [...] These elections are null and void", "statement.txt", "elided"),
        Case("txt-altered-negation", "The Ministry of Foreign Affairs recognises the so-called presidential and "
             "parliamentary elections held on 31 March 2020.", "statement.txt", "altered"),
        Case("txt-altered-number", "The Ministry of Foreign Affairs does not recognise the so-called presidential "
             "and parliamentary elections held on 13 March 2020.", "statement.txt", "altered"),
        Case("txt-altered-word", "The conflict must be settled quickly through negotiations within the framework "
             "of the OSCE Minsk Group.", "statement.txt", "altered"),
        Case("txt-absent", "Our government will open a new embassy in the capital next year to strengthen trade.",
             "statement.txt", "not-in-source"),
        Case("txt-translation-flag", "We fully back the sovereignty and territorial integrity of Azerbaijan inside "
             "its recognised frontiers.", "statement.txt", "translation", note="unofficial translation by the editor"),
        # HTML in two encodings, a PDF
        Case("html-utf8-verbatim", FRENCH_UTF8, "declaration-utf8.html", "verbatim"),
        Case("html-utf8-translation", "The Ministry of Foreign Affairs does not recognise the so-called elections "
             "held on 31 March 2020 in the Nagorno-Karabakh region.", "declaration-utf8.html", "translation"),
        Case("html-1252-verbatim", FRENCH_1252, "declaration-1252.html", "verbatim"),
        Case("html-1252-verbatim-2", FRENCH_1252_MORE, "declaration-1252.html", "verbatim"),
        Case("pdf-verbatim", PDF_TEXT, "oic.pdf", "verbatim"),
        Case("pdf-altered", PDF_TEXT.replace("rejects", "welcomes"), "oic.pdf", "altered"),
        Case("pdf-absent", "The weather in the capital was pleasant throughout the spring season this year.",
             "oic.pdf", "not-in-source"),
        # URLs on the test web
        Case("live-verbatim", STATEMENT, f"{main}/crawl/live", "verbatim", "2020-03-31"),
        Case("live-minor", STATEMENT.lower().rstrip("."), f"{main}/crawl/live", "minor", "2020-03-31"),
        Case("live-altered", STATEMENT.replace("global", "regional"), f"{main}/crawl/live", "altered", "2020-03-31"),
        Case("live-absent", "Nobody here will ever sign anything that was drafted by someone else abroad.",
             f"{main}/crawl/live", "not-in-source", "2020-03-31"),
        Case("dead-memento", "The statement as it stood on the day it was cited.", f"{main}/crawl/status/410",
             "verbatim", "2020-03-31"),
        Case("memento-url", "The statement as the archive kept it in March 2020.", memento, "verbatim"),
        Case("dead-no-memento", "This page answered 404 before anyone archived it.",
             f"{main}/crawl/status/404?key=check", "unverifiable", "2020-03-31"),
        Case("tweet-url", "Estonia does not consider the so-called elections in #NagornoKarabakh as legitimate.",
             f"https://twitter.com/{ESTONIA.handle}/status/{ESTONIA.status_id}", "verbatim"),
        Case("x-url", ITALY.text, f"https://x.com/{ITALY.handle}/status/{ITALY.status_id}", "verbatim"),
        Case("handle", LATVIA.text, "@Latvian_MFA", "verbatim", "2020-03-31"),
        Case("handle-nothing", "GUAM does not recognise the so-called elections.", "@GUAMSecretariat",
             "unverifiable", "2020-03-31"),
        # rows that cannot be checked
        Case("empty-quote", "", "statement.txt", "error"),
        Case("no-words", "… — …", "statement.txt", "error"),
        Case("empty-source", "These elections are null and void.", "", "error"),
        Case("ftp", "These elections are null and void.", "ftp://files.example/statement.txt", "error"),
        Case("mailto", "These elections are null and void.", "mailto:press@example.org", "error"),
        Case("missing-file", "These elections are null and void.", "missing.txt", "error"),
        Case("directory", "These elections are null and void.", "folder.txt", "error"),
        Case("docx", "These elections are null and void.", "notes.docx", "error"),
        Case("empty-file", "These elections are null and void.", "empty.txt", "error"),
        Case("bad-date", "These elections are null and void.", "statement.txt", "error", "31/03/2020"),
        Case("handle-no-date", ESTONIA.text, "@MFAestonia", "error"),
        Case("txt-verbatim", "A second row with the same id.", "statement.txt", "error"),
    ]


def write_csv(path: Path, cases: list[Case]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "quote", "source", "date", "note"])
        for case in cases:
            writer.writerow([case.id, case.quote, case.source, case.date, case.note])
    return path
