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
A news article's narration names a day without its year ("le 31 mars", "31 марта", "31 آذار/مارس",
"3月31日"): `day_in_year` reads it with the same month names and pattern, in the year it is given.
"""

from __future__ import annotations

import datetime
import functools
import heapq
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


def _day_month() -> str:
    """Day (German "6.", French "1er"), optional "de", month name (Arabic: one or two joined
    by "/"): a written date's pattern up to its year."""
    names = "|".join(re.escape(name) for name in sorted(_months(), key=len, reverse=True))
    return (rf"(?<!\d)(?P<day>\d{{1,2}})(?:\.|er)?\s+(?:de\s+)?(?P<month>{names})"
            rf"(?:\s*/\s*(?P<also>{names}))?")


YEAR = r"\s+(?:del?\s+)?(?P<year>\d{4})(?!\d)"


@functools.cache
def _written() -> re.Pattern:
    """_day_month, optional "de", year."""
    return re.compile(_day_month() + YEAR, re.IGNORECASE)


@functools.cache
def _yearless() -> tuple[re.Pattern, re.Pattern]:
    """A day and month whose year may be left out, as a narration's "le 31 mars", "el 31 de
    marzo", "31 марта", "31 آذار/مارس" and "3月31日" say a day of the year the text is about:
    _day_month (a word must not go on after the month's name: "31 mai" is a date, "31
    maintenant" none), and Chinese's numbers (`_numbered` without its year)."""
    return (re.compile(rf"{_day_month()}(?!\w)(?:{YEAR})?", re.IGNORECASE), _numbered(year_optional=True))


@functools.cache
def _numbered(named: bool = True, year_optional: bool = False) -> re.Pattern:
    """Chinese: CLDR's long date pattern ("y年M月d日") with its fields as numbers; not `named`, its
    groups are not, for a pattern that holds _written's named groups too (paragraphs.py PLACE_DATE);
    `year_optional`, the year with the marks after it ("2020年") may be left out ("3月31日")."""
    group = "(?P<{}>{})" if named else "(?:{1})"
    fields = {"y": group.format("year", r"\d{4}"), "M": group.format("month", r"\d{1,2}"),
              "d": group.format("day", r"\d{1,2}")}
    chunks = []   # each field with the marks after it ("y年", "M月", "d日")
    for chunk in re.findall(r"(?:y+|M+|d+)[^yMd]*|[^yMd]+", get_date_format("long", locale="zh").pattern):
        spelled = r"\s*".join(fields.get(part, re.escape(part)) for part in re.findall(r"y+|M+|d+|[^yMd]", chunk))
        chunks.append(f"(?:{spelled})?" if year_optional and chunk.startswith("y") else spelled)
    return re.compile(r"(?<!\d)" + r"\s*".join(chunks))


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
    return _iso(int(first["year"]), _month_of(first), int(first["day"]))


def day_in_year(text: str, year: int) -> str | None:
    """The first day and month written out in `text` ("le 31 mars", "el 31 de marzo",
    "31 марта", "1er avril", "31 آذار/مارس", "3月31日"), in `year` unless it prints its own, as
    ISO 8601; None when there is none, it is no real day or its two Arabic month names differ.
    The patterns' days are read in text order and the first said ends the reading: `_english_aside`
    reads the text before each day, so reading every day of a long narration took minutes."""
    text = BIDI_CONTROLS.sub("", text)
    in_order = heapq.merge(*(pattern.finditer(text) for pattern in _yearless()), key=lambda match: match.start())
    found = next((match for match in in_order if not _english_aside(match, text)), None)
    return _iso(int(found["year"] or year), _month_of(found), int(found["day"])) if found else None


@functools.cache
def _english_months() -> frozenset[str]:
    """English's month names, casefolded."""
    return frozenset(name.casefold() for name in get_month_names("wide", locale="en").values())


def _english_aside(found: re.Match, text: str) -> bool:
    """Whether a day found with an English month's name is no day the words were said on: the
    word in lower case, not the month ("officials said 12 may face sanctions", "as 20 march"),
    which English capitalises, or a day not introduced by "on" ("the ceasefire of 12 May 1994",
    "ahead of the 1 May deadline"), where "said on 31 March" dates the statement."""
    month = found["month"]
    if month.casefold() not in _english_months():
        return False
    start = found.start()
    return month[0].islower() or _ON.search(text, max(0, start - _ON_REACH), start) is None


# "on" (or "on the") right before a day (`_english_aside`), looked for in the few characters before
# it only: a narration of thousands of asides ("1 May") was read again from its start for each.
_ON = re.compile(r"\bon\s+(?:the\s+)?$", re.IGNORECASE)
_ON_REACH = 32


def _month_of(found: re.Match) -> int | None:
    """The month's number of a date found; None for two Arabic names of different months."""
    if found["month"].isdigit():   # Chinese's numbers (`_numbered`)
        return int(found["month"])
    month = _months()[found["month"].casefold()]
    return None if found["also"] and _months()[found["also"].casefold()] != month else month


def _iso(year: int, month: int | None, day: int) -> str | None:
    """The day as ISO 8601; None for no month or no real day ("31 April")."""
    if month is None:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
