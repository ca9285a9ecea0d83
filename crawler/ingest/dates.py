"""A day, month and year written out, in the UN's working languages.

UN documents are issued in six languages, and a footnote compiled from another
language's sources keeps their dates: "6 April 2020", "6 avril 2020" (or "1er
avril"), "6 de abril de 2020" (Spanish and Portuguese), "6 апреля 2020 г.",
"6. April 2020".  The month names are CLDR's, through babel (a courlan
dependency), in both of its forms (Russian dates use the genitive "апреля", the
stand-alone form is "апрель"), so no table of names is kept here.  Arabic and
Chinese dates are not written day, month, year in that shape and are not read.
"""

from __future__ import annotations

import datetime
import functools
import re

from babel.dates import get_month_names

LANGUAGES = ("en", "fr", "es", "ru", "pt", "de")


@functools.cache
def _months() -> dict[str, int]:
    """Each language's full month name (casefolded) to its number."""
    months: dict[str, int] = {}
    for language in LANGUAGES:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context=context, locale=language).items():
                months[name.casefold()] = number
    return months


@functools.cache
def _written() -> re.Pattern:
    """Day (German "6.", French "1er"), optional "de", month name, optional "de", year."""
    names = "|".join(re.escape(name) for name in sorted(_months(), key=len, reverse=True))
    return re.compile(
        rf"(?P<day>\d{{1,2}})(?:\.|er)?\s+(?:de\s+)?(?P<month>{names})\s+(?:del?\s+)?(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )


def written_date(text: str, at_start: bool = False) -> str | None:
    """The first written-out date in `text` (or only at its start) as ISO 8601; None when
    there is none or it is no real day ("31 April 2020")."""
    pattern = _written()
    found = pattern.match(text.lstrip()) if at_start else pattern.search(text)
    if not found:
        return None
    try:
        return datetime.date(int(found["year"]), _months()[found["month"].casefold()], int(found["day"])).isoformat()
    except ValueError:
        return None
