"""A day, month and year written out, in the UN's six languages.

UN documents are issued in six languages, and a footnote compiled from another
language's sources keeps their dates: "6 April 2020", "6 avril 2020" (or "1er
avril"), "6 de abril de 2020" (Spanish and Portuguese), "6 апреля 2020 г.",
"6. April 2020", "6 نيسان/أبريل 2020" (Arabic) and "2020年4月6日" (Chinese).
The month names are CLDR's, through babel (a courlan dependency), in both of its
forms (Russian dates use the genitive "апреля", the stand-alone form is
"апрель"), so no table of names is kept here, with one exception said below.

UN Arabic names a month twice, by its Levantine and its Egyptian name joined by
"/" ("نيسان/أبريل"): CLDR has the Levantine names (ar_SY) and the Egyptian ones
(ar_EG); either alone is read too, and two names of different months are no date.
The UN spells June and July "يونيه", "يوليه", where CLDR has "يونيو", "يوليو":
those two spellings are the table kept here.  Arabic digits may be Arabic-Indic
("١٥ نيسان/أبريل ٢٠٢٠"): the patterns' \\d matches any decimal digit and int()
reads it; the right-to-left marks a PDF's text layer puts between the words
(U+200F ...) are ignored.  Chinese dates are numbers with CLDR's long date pattern, "y年M月d日".
"""

from __future__ import annotations

import datetime
import functools
import re

from babel.dates import get_date_format, get_month_names

LANGUAGES = ("en", "fr", "es", "ru", "pt", "de", "ar_SY", "ar_EG")
# Bidirectional marks and embeddings a PDF's Arabic text layer carries between a date's
# words ("15 \u200fنيسان/أبريل 2020"): not whitespace to a pattern, nothing to a reader.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
UN_ARABIC = {"يونيه": 6, "يوليه": 7}


@functools.cache
def _months() -> dict[str, int]:
    """Each language's full month name (casefolded) to its number, with the UN's Arabic
    spellings of June and July (UN_ARABIC), which CLDR lacks."""
    months: dict[str, int] = dict(UN_ARABIC)
    for language in LANGUAGES:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context=context, locale=language).items():
                months[name.casefold()] = number
    return months


@functools.cache
def _written() -> re.Pattern:
    """Day (German "6.", French "1er"), optional "de", month name (Arabic: one or two
    joined by "/"), optional "de", year."""
    names = "|".join(re.escape(name) for name in sorted(_months(), key=len, reverse=True))
    return re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:\.|er)?\s+(?:de\s+)?(?P<month>{names})(?:\s*/\s*(?P<also>{names}))?"
        rf"\s+(?:del?\s+)?(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )


@functools.cache
def _numbered() -> re.Pattern:
    """Chinese: CLDR's long date pattern ("y年M月d日") with its fields as numbers."""
    fields = {"y": r"(?P<year>\d{4})", "M": r"(?P<month>\d{1,2})", "d": r"(?P<day>\d{1,2})"}
    pattern = r"\s*".join(fields.get(part, re.escape(part))
                          for part in re.findall(r"y+|M+|d+|[^yMd]", get_date_format("long", locale="zh").pattern))
    return re.compile(rf"(?<!\d){pattern}")


def written_date(text: str, at_start: bool = False) -> str | None:
    """The first written-out date in `text` (or only at its start) as ISO 8601; None when
    there is none or it is no real day ("31 April 2020", "نيسان/مايو")."""
    text = BIDI_CONTROLS.sub("", text)
    if at_start:
        text = text.lstrip()
    found = [match for pattern in (_written(), _numbered())
             if (match := pattern.match(text) if at_start else pattern.search(text))]
    if not found:
        return None
    first = min(found, key=lambda match: match.start())
    if first.re is _numbered():
        month = int(first["month"])
    else:
        month = _months()[first["month"].casefold()]
        if first["also"] and _months()[first["also"].casefold()] != month:
            return None
    try:
        return datetime.date(int(first["year"]), month, int(first["day"])).isoformat()
    except ValueError:
        return None
