"""A PDF's pages as text lines plus the targets of its link annotations (pypdf).

The link annotations are what the extracted-text seed shows as a list of URLs after
each page: the document's own word on where a footnote points.
"""

from __future__ import annotations

import io
import logging

from crawler.ingest.model import Page
from crawler.ingest.pages import merge_marks


class PdfProblem(Exception):
    """Why a PDF cannot be read, in words for the one-line error."""


def read_pdf(data: bytes) -> list[Page]:
    """Pages of a PDF; raises PdfProblem for encrypted or damaged files."""
    import pypdf
    from pypdf.errors import PdfReadError

    # pypdf logs what it works around ("EOF marker not found"); the one-line error says it.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfProblem("is an encrypted PDF that needs a password; decrypt it first (qpdf --decrypt)")
        return [Page(merge_marks(page.extract_text().split("\n")), _links(page)) for page in reader.pages]
    except PdfProblem:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise PdfProblem(f"is a damaged PDF ({type(exc).__name__}: {exc}); export or download it again") from None
    except Exception as exc:  # pypdf raises many kinds on broken input
        if "crypt" in str(exc).lower() or "password" in str(exc).lower():
            raise PdfProblem("is an encrypted PDF that needs a password; decrypt it first (qpdf --decrypt)") from None
        raise PdfProblem(f"is a damaged PDF ({type(exc).__name__}: {exc}); export or download it again") from None


def _links(page) -> list[str]:
    """URI targets of the page's link annotations, in page order, without repeats."""
    targets: list[str] = []
    for ref in page.get("/Annots") or []:
        annotation = ref.get_object()
        action = annotation.get("/A")
        if annotation.get("/Subtype") != "/Link" or action is None:
            continue
        uri = action.get_object().get("/URI")
        if uri and str(uri) not in targets:
            targets.append(str(uri))
    return targets
