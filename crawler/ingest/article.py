"""A news article that quotes statements in prose, without footnotes.

Shape: a byline with the date, an introduction, then one short heading per entity
("NATO", "United Kingdom") followed by paragraphs that quote it and say where the
words were published ("wrote on his Facebook page", "told local media").  Closing
paragraphs without quotes are background, not part of the last entity.

Decision: one entity section is ONE statement.  The article cuts one published
statement into several quoted pieces with narration between ("the statement
further reads"); they belong to one source, as the letter's statements do.  Its
quote is the quoted pieces in order, joined by " … " (the compilation's own mark
for words left out), so that reconciliation looks for each piece in one original.
A statement whose section links nothing gets one citation of kind "unfootnoted":
`printed` is the narration around the quotes, `platform_hint` what it says about where
the words appeared (facebook | twitter | website | media, None when it says nothing).  An
unfootnoted citation names no source, so it has no sources row until a later stage finds
one.  A section's links make its citations instead (below), with the same `printed` and
`platform_hint`.
A date the narration gives ("on March 31"; in French, Spanish, Russian, Arabic or Chinese "le 31
mars", "el 31 de marzo", "31 марта", "31 آذار/مارس", "3月31日", read by crawler/ingest/dates.py) is
taken in the article's year; so is the byline's author ("By", "Par", "Por", "Автор:", "بقلم",
"记者").  A section its narration does not date so is dated by the full date its speaker's line
ends with ("NATO Secretary General (12 March 2023): “…”", "The EEAS spokesperson, 13 March 2023:")
or its source line does ("— The EEAS spokesperson, European External Action Service, 13 March
2023", an embedded tweet's "March 12, 2023", a Facebook post's "Posted by … on Sunday, 12 March
2023"; `_speaker_date`): an undated statement's tweet is one resolve cannot look for.  The
narration's words in each language (byline, where the words appeared, a translation introduced)
are one table, LANGUAGE_WORDS.

Quote marks pair by kind: a closing mark ends the quote its own opening mark began
(» ends «, ” or “ ends “ or „, " ends ", ’ ends ‘, 」 ends 「, 』 ends 『), so a paragraph may hold several
quotes (each a piece of the statement, narration between); a closing mark of another kind
than the open quote's ("…”, “…") ends the innermost open quote, as careless typing
pairs them.  A quote that the narration before it calls a translation ("which translates
as", "in English") of the quote before it is left in the narration, not in the quote: the
quote is the words as said, and the statement is flagged "translation-left-out".

A link in a section's paragraphs (narration or quote: a URL printed in the text, an HTML
<a href>) is what the article cites for that statement: the first becomes its citation
(web, twitter or facebook, read as a letter's footnote is: crawler/ingest/footnotes.py
`citation_for`), the others its further citations, numbered after the last statement.
A share button's link, and one to the article's own site (when it was read from a URL), cite
nothing.  A section's "Source: …" line, or a URL alone on its line, right after its last quote is
part of it.

An article's sections are there to quote: the narration says who said the words, where and
when, and the quotes are the bulk of it (77% of the seed article's sections' words, 30% or
more in the tests' articles).  A manual (a README) also has short headings followed by
paragraphs that quote, but it quotes terms, messages and examples in passing, within prose
of its own ("Page non trouvée", "cannot write to standard output": 1% to 12% of the words of
our README's and docs' sections); read as an article it made a database of nonsense to
crawl.  So a text is read as an article only when its sections' quotes hold at least
`SAID_SHARE` of their words (a Chinese letter one word: `_words`); anything less is refused as
no compiled document.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from crawler.ingest.dates import day_in_year, written_date
from crawler.ingest.footnotes import Footnote, citation_for
from crawler.ingest.model import Citation, IngestError, ParsedDocument, Statement
from crawler.ingest.pages import LINK_LINE
from crawler.ingest.references import BACKLINK, ENTRY_NUMBER, entries, list_start, marks, printed_numbers
from crawler.textclean import Vocabulary, clipped, closing_bracket, fix_split_words
from crawler.urls import URL_START, URL_TOKEN, host_of, normalise_url, redirect_target
from db import UNSPACED

ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
LONG_DATE = re.compile(r"\b(\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})\b")
NAME_CAPITAL = "[A-ZÀ-ÖØ-ÞА-ЯЁ]"
# An author's name after a byline's word: capitalised words; in Arabic (no capitals) words of its
# letters; in Chinese letters, a foreign name's parts joined by "·", up to a space, a closing
# bracket, a list's "、" or the "报道" ("reports") a Chinese byline may end with ("记者 阿克巴尔·马梅多夫
# 报道", "（记者张三）"); up to a comma or a full stop only after "作者：" ("author:", group `colon`):
# narration names reporters too, "对记者表示，" ("told reporters,"), and "表示" is no author.  Its parts
# of at most 12 letters, so that a run of letters with no end is not read again from each "记者".
CAPITALISED_NAME = rf"(?P<author>{NAME_CAPITAL}[\w.'-]+(?:\s+{NAME_CAPITAL}[\w.'-]+){{0,3}})"
ARABIC_NAME = r"(?P<author>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,3})"
CHINESE_NAME = (r"(?P<author>[\u4e00-\u9fff]{1,12}?(?:[·・•][\u4e00-\u9fff]{1,12}?){0,3})"
                r"(?=\s|$|[、;；)）]|报道|報導|(?(colon)[，,。]|(?!)))")
# What an article's narration says, in each language it may be written in: one row a language, to
# add a language or a word to.  Each is a regular expression:
#   byline       the word before the author's name in the first paragraph (group `author`;
#                case kept); tried in the rows' order (`_byline`), for "Par" and "Por" open English
#                names too ("Par Excellence Travel desk report. By Akbar Mammadov");
#   facebook, twitter, media, website
#                where the words appeared (`_hint`, case ignored; the places tried in that order,
#                each in every row: English's "Facebook", "Twitter", "interview" are read in any);
#   translation  narration that introduces the next quote as a translation of the one before
#                ("which translates as", "translated into English:", "(English translation: …",
#                "or, in English, …"; `quoted`).
# The other languages' words are none of English's, so that an English narration reads as it did:
# French "médias", "site web", "déclaration", not "media", "site", "communiqué" (English words too);
# "tweeté", not "tweet…" ("tweeting").  Arabic and Chinese words are matched inside words: Arabic
# joins "and", "the", "to" to a word ("لوسائل الإعلام"), Chinese writes no space ("在推特上写道").
LANGUAGE_WORDS = {
    "en": {"byline": rf"\bBy\s+{CAPITALISED_NAME}",
           "facebook": r"\bfacebook\b",
           "twitter": r"\btwitter\b|\btweet(?:ed|s)?\b",
           "media": r"\btold (?:local |the )?(?:media|press|journalists|reporters)\b|\binterview\b|\bmedia\b",
           "website": r"\bwebsite\b|\bstatement\b|\bpress release\b",
           "translation": r"\btranslat(?:es|ed|ing)\s+(?:as|into|to)\b|\btranslation\s*:?\s*$|\bin English\s*[:,]?\s*$"},
    "fr": {"byline": rf"\bPar\s+{CAPITALISED_NAME}",
           "twitter": r"\btweet(?:é|ée|és|ées)\b|\bgazouill\w*",
           "media": r"\bmédias?\b|\bjournalistes\b|\bentretien\b|\bà la presse\b",
           "website": r"\bsite (?:web|internet|officiel)\b|\b(?:son|leur|le) site\b|\bdéclaration\b"
                      r"|\bcommuniqué de presse\b",
           "translation": r"\bse tradui(?:t|sent)\s+par\b|\btradui(?:t|te|ts|tes)\s+en\b|\btraduction\s*:?\s*$"
                          r"|\ben français\s*[:,]?\s*$"},
    "es": {"byline": rf"\bPor\s+{CAPITALISED_NAME}",
           "twitter": r"\btuit(?:s|eó|eo|earon|eado|ear|ea|ean)?\b",
           "media": r"\bmedios (?:locales|de comunicación|de prensa)\b|\ba (?:los )?(?:medios|periodistas)\b"
                    r"|\ba la prensa\b|\bentrevista\b",
           "website": r"\bsitio (?:web|oficial)\b|\bpágina web\b|\bdeclaración\b|\bcomunicado\b",
           "translation": r"\bse traduce (?:como|por)\b|\btraducido (?:al|como)\b|\btraducción\s*:?\s*$"
                          r"|\ben español\s*[:,]?\s*$"},
    "ru": {"byline": rf"\bАвтор:\s+{CAPITALISED_NAME}",
           "facebook": r"\bфейсбук\w*",
           "twitter": r"\bтвит\w*",
           "media": r"\bСМИ\b|\bжурналист\w*|\bпрессе\b|\bинтервью\b",
           "website": r"\bсайт\w*|\bзаявлени\w*|\bпресс-релиз\w*|\bкоммюнике\b",
           "translation": r"\bв переводе\b|\bпереводится как\b|\bперевод\s*:?\s*$|\bпо-русски\s*[:,]?\s*$"},
    "ar": {"byline": rf"(?<!\w)بقلم\s*:?\s*{ARABIC_NAME}",
           "facebook": r"فيسبوك|فيس بوك",
           "twitter": r"تويتر|تغريد|(?<!\w)[وف]?غرّ?دت?(?!\w)",
           "media": r"وسائل (?:ال)?[إا]علام|صحفيين|صحافيين|مقابلة|للصحافة",
           "website": r"موقع(?:ه|ها|هم)? (?:ال)?(?:إلكتروني|الكتروني|رسمي)|(?<!\w)[وفبل]?(?:ال)?بيان(?:ه|ها|هم)?(?!\w)",
           "translation": r"(?:ما |و)ترجمت?(?:ه|ها)|ما معناه|(?:ال)?ترجمة\s*:?\s*$|بالعربية\s*[:،,]?\s*$"},
    "zh": {"byline": rf"(?:记者|記者|(?P<colon>作者\s*[:：]))\s*{CHINESE_NAME}",
           "facebook": r"脸书|臉書",
           "twitter": r"推特|推文",
           "media": r"媒体|媒體|记者|記者|采访|採訪",
           "website": r"网站|網站|官网|官網|声明|聲明|新闻稿|新聞稿",
           "translation": r"意为|意為|意思是|译为|譯為|翻译(?:过来)?(?:为|是)|翻譯(?:過來)?(?:為|是)|译文\s*[:：]?\s*$"
                          r"|中文\s*[:：，,]?\s*$"},
}
BYLINES = tuple(re.compile(words["byline"]) for words in LANGUAGE_WORDS.values())
MONTH_DAY = re.compile(
    r"\bon (January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b"
)
OPEN_QUOTES = "\"“„«‘「『"
# Any of them, where a paragraph's quote may begin (`_speaker_words`).
OPENING_MARK = re.compile(f"[{re.escape(OPEN_QUOTES)}]")
# The opening marks each closing mark ends (see the module docstring).
OWN_OPENING = {"»": "«", "”": "“„", "“": "„", '"': '"', "’": "‘", "」": "「", "』": "『"}
# The commas of the UN's languages: one after a quote ends the quoted sentence (`quoted`).
COMMAS = ",،，"
# The marks a sentence or clause ends with, which a heading does not end with (`_is_heading`):
# Latin's, Arabic's question mark, comma and semicolon, Chinese's full-width ones.
CLAUSE_ENDS = (".", ",", ":", ";", "!", "?", "؟", "،", "؛", "。", "！", "？", "，", "：", "；")
# The marks a quoted paragraph's last sentence ends with (`_quote_goes_on`), in the UN's languages.
SENTENCE_ENDS = (".", "!", "?", "…", "؟", "。", "！", "？")
# The most words a heading holds; in a script written without spaces (Chinese), letters: two a
# word ("伊斯兰合作组织（伊合组织）", the Organization of Islamic Cooperation's, holds 11).
HEADING_WORDS = 8
HEADING_LETTERS = 2 * HEADING_WORDS
_OPENING_PUNCT = "([{—–/"
# Narration that introduces the next quote as a translation of the one before, in any language.
NARRATED_TRANSLATION = re.compile("|".join(words["translation"] for words in LANGUAGE_WORDS.values()), re.I)
# A line that names the section's source after its quote ("Source: Estonian MFA, 18 May 2021"), or
# its speaker and where the words appeared, as a block quote's attribution does ("— The EEAS
# spokesperson, European External Action Service, 13 March 2023", an embedded tweet's "— Auswärtiges Amt
# (@GermanyDiplo) March 12, 2023", an embedded Facebook post's "Posted by Lithuanian MFA on Sunday, 12
# March 2023").
SOURCE_LINE = re.compile(r"^(?:>\s*)?(?:(?:Source|Sources|Via)\s*:|Posted by\s|[—―]\s)", re.I)
# A field's line, "Label: value" ("Date: 13 March 2023"): right under an entity's heading, one of its
# section's fields, no heading of its own (`_sections`); elsewhere a heading may read so ("Crawl: what
# the web answered").
FIELD_LINE = re.compile(r"^\w+(?: \w+){0,2}:\s+\S")
# A heading's section number ("1. European Union", "1.1 NATO", "2) France"): no word of its entity.
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+(?=\S)")
# What parts a page's <title> from the site's name after it ("… - Wikipedia", "… | VeriFact"): `_names_page`.
TITLE_SITE = re.compile(r"\s+[-|–—·]\s+")
# A dash between spaces, and a word after it: where a heading's entity ends and the speaker it names begins
# ("SOUTH AFRICA - DIRCO, 4 June 2025"), read so only in a heading ending in a date (`_entity_name`); no
# letter's place line holds one (crawler/ingest/__init__.py `_is_place_line`).
SPEAKER_DASH = re.compile(r"\s[-–—]\s+(?=\w)")
# A list's paragraph that names its entity first (`_entity_lead`): "European Union: …", Markdown's
# "**European Union** — …".
ENTITY_LEAD = re.compile(r"^(?:\*\*(?P<bold>[^*]{1,80})\*\*\s*[—–:-]|(?P<plain>[^:“”\"«»„]{1,80}):)\s+(?=\S)")
# The words that join a name's capitalised words ("Council of Europe", "Bosnia and Herzegovina").
NAME_JOINERS = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "et", "y", "del", "und", "für"}
# Markdown's marks at the start of a paragraph: a heading's "## ", a block quote's "> ", a list item's "- ".
MARKDOWN_MARKS = re.compile(r"^(?:#{1,6}|>|[-*+•])\s+")
# A block quote's mark at the start of each of its lines (a mail's or Markdown's "> "), and a list item's
# (Markdown's "- ", "* ", "+ ", a text's "• "): read by the line, within a block (`_block_apart`).
QUOTED_LINE = re.compile(r"^[ \t]*>[ \t]?", re.M)
LIST_ITEM = re.compile(r"^[ \t]*[-*+•][ \t]+(?=\S)")
# The most lines of a text without blank lines that a quote runs on to (`_lines_joined`): a
# statement's quote in a PDF's column wraps over 3 to 5 lines, a page break's furniture aside.
QUOTE_LINES = 12
# What a line that names who spoke and when may print after its date (`_closing_date`): the date's
# closing bracket, the colon before the quote, reference marks ("(13 March 2023) [1]"); the line's last
# characters it is looked for in, and the year the date then ends in (a Chinese date, "2023年3月12日",
# ends in its day, and a Chinese line, written without spaces, in any word: not read).
AFTER_DATE = re.compile(r"(?:[\s:)]|\[\d{1,3}\])+$")
DATE_REACH = 60
YEAR_END = re.compile(r"\d{4}$")
# The most words of a full date ("6 de abril de 2020"; "13 March 2023", "March 12, 2023" three).
DATE_WORDS = 5
# A date the page or its compiler gives a line, at its end: when it was updated, or its source read ("Updated 5
# June 2025", "Last updated: 5 June 2025", "(accessed 6 June 2025)", "retrieved 7 June 2025"), not when its words
# were said (`_speaker_words`).
PAGE_DATE = re.compile(r"\(?\b(?:last\s+)?(?:updated|modified|accessed|retrieved|consulted|viewed|visited|archived)\b"
                       r"[^()]*\)?\W*$", re.IGNORECASE)
# The year an article without a date reads its narration's days in (`_narration_date`): one no day
# is in (datetime's years begin at 1), so that only a day printed with its own year is read.
NO_YEAR = 0
# The least share of an article's sections' words that their quotes hold (module docstring):
# a fifth, between a manual's 12% at most and an article's 30% at least.
SAID_SHARE = 0.2
# Share buttons' targets: a page that posts the article, not a source of its statements; nor is a
# hashtag's page, which a quoted tweet's "#StandWithVeloria" links to, nor a search engine's results ("Search
# for the statement"), a list of pages that changes by the day.
SHARE_LINK = re.compile(
    r"^https?://(?:www\.|m\.)?(?:(?:twitter|x)\.com/(?:intent/|share\b|hashtag/)|facebook\.com/(?:sharer|dialog/share)"
    r"|linkedin\.com/(?:shareArticle|sharing/)|reddit\.com/submit|(?:api\.)?whatsapp\.com/send|wa\.me/"
    r"|t(?:elegram)?\.me/share|vk\.com/share\.php|pinterest\.com/pin/create"
    r"|google\.[a-z.]+/search|bing\.com/search|duckduckgo\.com/\?|search\.yahoo\.com/|yandex\.[a-z]+/search)", re.I)
# Where the narration says the words appeared, in any language, tried in this order (`_hint`).
HINTS = tuple((place, re.compile("|".join(words[place] for words in LANGUAGE_WORDS.values() if place in words), re.I))
              for place in ("facebook", "twitter", "media", "website"))


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs: blocks separated by empty lines, or single lines when there are none (a
    PDF's text: its lines joined back into paragraphs, `_lines_joined`).  A block's first line
    that is a heading over the block's quote ("EUROPEAN UNION" above "The EEAS spokesperson
    (13 March 2023):", the quote and its URL) is a paragraph of its own.  A Markdown heading's
    or block quote's mark ("## Estonia", "> “…”") is not the paragraph's words: without it
    "## Estonia" is read as the heading it is."""
    text = text.replace("\r\n", "\n").strip()
    if _has_blank_line(text):
        blocks = [line for block in re.split(r"\n\s*\n", text) for item in _block_apart(block)
                  for line in _heading_apart(item)]
    else:
        blocks = _lines_joined(text.split("\n"))
    return [MARKDOWN_MARKS.sub("", re.sub(r"\s+", " ", b).strip()) for b in blocks if b.strip()]


def _has_blank_line(text: str) -> bool:
    """Whether the text parts its paragraphs with blank lines: one without (a PDF's) has a
    paragraph a line, read back by `_lines_joined`, and can cut a quote or a URL at a line's end."""
    return bool(re.search(r"\n\s*\n", text.strip()))


def _block_apart(block: str) -> list[str]:
    """A block's paragraphs: a list whose items are its lines (Markdown's "- **NATO** — …: “…”"
    one under the other, no blank line between) is one paragraph an item, a line that begins no
    item going on with the one before; read as one paragraph, its entities' quotes were one
    statement's under the heading above the list.  A block quote's "> " on each line after its
    first is no word of it either (the first's is MARKDOWN_MARKS's): left in, it was in the quote."""
    lines = QUOTED_LINE.sub("", block).strip().split("\n") if QUOTED_LINE.match(block.strip()) else block.strip().split("\n")
    if sum(bool(LIST_ITEM.match(line)) for line in lines) < 2 or not LIST_ITEM.match(lines[0]):
        return ["\n".join(lines)]
    items: list[str] = []
    for line in lines:
        if LIST_ITEM.match(line) or not items:
            items.append(line)
        else:
            items[-1] += "\n" + line
    return items


def _heading_apart(block: str) -> list[str]:
    """A block whose first line is a heading (`_is_heading`) and whose other lines quote, as
    that heading's line and the rest: read as one paragraph, the entity's name began its
    narration, and the block under no heading of its own was glued to the section before."""
    first, _, rest = block.strip().partition("\n")
    rest = re.sub(r"\s+", " ", rest).strip()
    if rest and _is_heading(first.strip(), rest) and _has_quote(rest):
        return [first, rest]
    return [block]


def _lines_joined(lines: list[str]) -> list[str]:
    """A text without blank lines (a PDF's) as its paragraphs: each line, its page headers and
    footers left out (`_furniture`), and a line that a quote left open runs on into (up to
    QUOTE_LINES of them: a quote still open there is one whose closing mark was lost, and
    joined on it would swallow the statements after it), or that a sentence left unended runs
    on into (a wrapped line: it ends in a lower-case word or a comma, the next begins lower-case)."""
    furniture = _furniture(lines)
    lines = [line.strip() for line in lines if line.strip() and _masked(line) not in furniture]
    joined: list[str] = []
    index = 0
    while index < len(lines):
        paragraph, index = lines[index], index + 1
        while index < len(lines) and (_wrapped(paragraph, lines[index]) or _quote_closes(paragraph, lines[index:])):
            paragraph, index = f"{paragraph} {lines[index]}", index + 1
        joined.append(paragraph)
    return joined


def _furniture(lines: list[str]) -> set[str]:
    """A page's header and footer (a running title, "2   Commons Library Research Briefing, 20
    March 2023", a UN symbol line): lines printed again on other pages, their digits aside
    (`_masked`), that quote nothing.  A letter's are its symbol and job lines (take_apart.py);
    an article's own are whatever it repeats, so a repeated line is taken as such only where
    it is no entity's heading (a quote in the next two lines, as `_sections` reads one: an
    entity's second statement may begin with narration, "On 2 April its President added:") and holds no quote mark (two quotes' last
    lines, "borders.”2" and "borders.”13", are one line with their marks aside), nor is a
    section's source line ("Source: https://www.eeas.europa.eu/eeas/statement-12345_en"), whose
    label each section repeats."""
    seen: dict[str, int] = {}
    headings = set()
    for index, line in enumerate(lines):
        if line.strip():
            seen[_masked(line)] = seen.get(_masked(line), 0) + 1
            if _has_quote(" ".join(lines[index + 1:index + 3])):
                headings.add(_masked(line))
    return {line for line, count in seen.items()
            if count > 1 and line not in headings and not SOURCE_LINE.match(line)
            and not any(mark in line for mark in [*OPEN_QUOTES, *OWN_OPENING])}


def _masked(line: str) -> str:
    """A line with its digits and spacing aside, as a page's header and footer repeat it
    ("2   Research Briefing"); a URL's digits stay: two pages of one site
    ("…/status/1635201234567890123", "…/status/1635209876543210987") are two sources, not a
    footer printed twice."""
    return re.sub(r"\s+", " ", re.sub(r"(\S*://\S*|www\.\S*)|\d+", lambda found: found[1] or "#", line)).strip()


def _quote_goes_on(paragraphs: list[str], index: int) -> bool:
    """Whether the paragraph's open quote goes on in the next paragraph, which opens it again:
    a quote of several paragraphs leaves each but its last unclosed, as the news prints it
    ("“This vote will never be recognised." then "“We call on our partners …,” she said.").  Its
    sentence ends there: a line wrapped before a nested quote ("“The so-called" then
    "“referendum” is void.”") ends none, and is joined on."""
    return (index + 1 < len(paragraphs) and paragraphs[index + 1][:1] in OPEN_QUOTES
            and paragraphs[index].rstrip().endswith(SENTENCE_ENDS))


def _quote_closes(paragraph: str, following: list[str]) -> bool:
    """Whether the paragraph leaves a quote open that the next lines close within QUOTE_LINES."""
    spans = quote_spans(paragraph)
    if not spans or spans[-1][1] is not None or _quote_goes_on([paragraph, *following[:1]], 0):
        return False
    run = paragraph
    for line in following[:QUOTE_LINES]:
        run = f"{run} {line}"
        if quote_spans(run)[-1][1] is not None:
            return True
    return False


def _wrapped(paragraph: str, line: str) -> bool:
    """Whether the line goes on with the paragraph's sentence: the paragraph ends in a
    lower-case word or a comma, and the line begins with a lower-case letter."""
    return bool(re.search(r"(?:[a-z]|,)$", paragraph)) and line[:1].islower()


def _has_quote(paragraph: str) -> bool:
    return any(q in paragraph for q in OPEN_QUOTES)


def _is_heading(paragraph: str, following: str | None) -> bool:
    """A short unpunctuated line followed by a paragraph (the entity's section); a section's
    "Source: Lithuanian MFA" line is no heading.  Short: HEADING_WORDS words, HEADING_LETTERS
    letters of a script written without spaces (a Chinese line of any length is one "word").
    A numbered heading ("1. European Union", "1.1 NATO") is read without its number; a byline
    ("By Maria Ionescu, 18 March 2023") is no heading, nor is a date line ("3 June 2025",
    `_is_date_line`): its day read as a section number, "June 2025" was the entity of every
    statement a digest dates so."""
    name = _entity_name(paragraph)
    words = name.split()
    return (
        0 < len(words) <= HEADING_WORDS and len(UNSPACED.findall(name)) <= HEADING_LETTERS
        and _capital(name[0]) and not name.endswith(CLAUSE_ENDS)
        and not _has_quote(name) and following is not None and not SOURCE_LINE.match(name)
        and not any(byline.match(name) for byline in BYLINES) and not _is_date_line(paragraph)
    )


def _is_date_line(paragraph: str) -> bool:
    """Whether the paragraph is a full date and nothing else ("3 June 2025", "June 3, 2025"): a press
    digest's line under each heading, which dates its section (`_speaker_date`).  Not one that names
    who spoke before its date ("Itamaraty · 3 June 2025")."""
    return (len(paragraph.split()) <= DATE_WORDS and bool(_closing_date(paragraph))
            and bool(written_date(paragraph, at_start=True) or LONG_DATE.match(paragraph.strip())))


def _entity_name(heading: str) -> str:
    """A heading's entity: its words without the section number it may print, nor, in a heading
    that ends in a full date, the speaker a spaced dash sets after it (a mail digest's "SOUTH AFRICA -
    DIRCO, 4 June 2025"; SPEAKER_DASH): who spoke and when, which the section's date is read
    from (`_speaker_date`)."""
    name = SECTION_NUMBER.sub("", heading, count=1)
    dash = SPEAKER_DASH.search(name)
    return name[:dash.start()] if dash and _closing_date(name) else name


def _entity_lead(paragraph: str) -> str | None:
    """The entity a paragraph of a list names before its narration and quote ("European
    Union: The EEAS spokesperson said that “…”", Markdown's "**NATO** — NATO Secretary
    General, 12 March 2023: “…”"), None for any other: a name as a heading's (short, begun
    with a capital), each word capitalised but for the few that join a name's ("Council of
    Europe"), so that a narration's "The ministry said: “…”" names no entity."""
    found = ENTITY_LEAD.match(paragraph)
    if not found or not _has_quote(paragraph[found.end():]) or SOURCE_LINE.match(paragraph):
        return None
    name = (found["bold"] or found["plain"]).strip()
    words = name.split()
    if not name or len(words) > HEADING_WORDS or not _capital(name[0]) or name.endswith(CLAUSE_ENDS):
        return None
    return name if all(_capital(word[0]) or not word[0].isalpha() or word in NAME_JOINERS for word in words) else None


def _capital(letter: str) -> bool:
    """Whether a heading may begin with the letter: a capital, or a letter of a script without
    capitals (Arabic, Chinese), whose headings begin as any line does."""
    return letter.isupper() or letter.isalpha() and not letter.islower()


def said_share(text: str, links: list[list[str]] | None = None) -> float | None:
    """The share of the text's entity sections' words that their quotes hold, counted as a
    statement takes them (`quoted`: a translation left out is narration's); None when it has
    no section (`_sections`: a short heading over a quote, or a list's paragraphs that each
    name their entity), nothing to measure.  An article is a text whose share is SAID_SHARE
    or more: a manual's headings are followed by paragraphs that quote too, but terms and
    messages within prose of its own (module docstring).  `links` as `parse_article` takes
    them: the sections are measured as they are read."""
    paragraphs = paragraphs_of(text)
    body = [paragraphs[index] for _, indexes, _ in _sections(paragraphs, _list_start(paragraphs, links), links)
            for index in indexes]
    if not body:
        return None
    said = sum(_words(piece) for paragraph in body for piece in quoted(paragraph)[0])
    return said / sum(_words(paragraph) for paragraph in body)


def _words(text: str) -> int:
    """The words of a text, a letter of a script written without spaces (Chinese) one each: a
    Chinese paragraph holds no space to count its words by, and its quote would hold all of it."""
    letters = len(UNSPACED.findall(text))
    return len((UNSPACED.sub(" ", text) if letters else text).split()) + letters


def _flanks(paragraph: str, index: int) -> tuple[bool, bool]:
    """(opens, closes): whether the mark at `index` can open a quote (a word follows it,
    space or an opening bracket before) or close one (a word or punctuation before it, space,
    punctuation or the end after)."""
    before = paragraph[index - 1] if index else " "
    after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
    opens = not after.isspace() and (before.isspace() or before in _OPENING_PUNCT or before in OPEN_QUOTES)
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    return opens, closes


def _role(paragraph: str, index: int, open_marks: str) -> str | None:
    """"open", "close" or None (an apostrophe, a stray mark) for the quote mark at `index`;
    `open_marks` are the marks of the quotes open before it."""
    mark = paragraph[index]
    opens, closes = _flanks(paragraph, index)
    if mark in "«„「『":
        return "open"
    if mark in "»」』":
        return "close"
    if mark == "“":     # English opening, German closing („…“)
        return "close" if closes and not opens else "open"
    if mark == "”":
        return "open" if opens and not closes and paragraph[index - 1:index] in ("", " ") else "close"
    if mark == '"':
        if opens != closes:
            return "open" if opens else "close"
        return "close" if '"' in open_marks else "open"
    if mark == "‘":
        return "open" if opens else None
    if mark == "’":     # an apostrophe ("Azerbaijan’s", "Chairs’ efforts") unless a ‘ is open
        return "close" if closes and "‘" in open_marks and not paragraph[index + 1:index + 2].isalnum() else None
    return None


def quote_spans(paragraph: str) -> list[tuple[int, int | None]]:
    """The paragraph's outermost quotes: (index of the opening mark, index of its closing
    mark, None when the quote runs to the paragraph's end), pairing marks by kind (module
    docstring); quotes nested in a quote stay inside it."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int | None]] = []
    for index, mark in enumerate(paragraph):
        if mark not in OPEN_QUOTES and mark not in OWN_OPENING:
            continue
        role = _role(paragraph, index, "".join(m for m, _ in stack))
        if role == "open":
            stack.append((mark, index))
        elif role == "close" and stack:
            own = [k for k, (opening, _) in enumerate(stack) if opening in OWN_OPENING[mark]]
            k = own[-1] if own else len(stack) - 1
            start = stack[k][1]
            del stack[k:]
            if not stack:
                spans.append((start, index))
    if stack:
        spans.append((stack[0][1], None))
    return spans


def quoted(paragraph: str) -> tuple[list[str], str, list[str]]:
    """(quoted pieces, narration, translations left out) of a paragraph (module docstring)."""
    kept: list[tuple[int, int | None]] = []
    translations: list[str] = []
    for start, end in quote_spans(paragraph):
        before = paragraph[kept[-1][1] + 1:start] if kept and kept[-1][1] is not None else ""
        if kept and NARRATED_TRANSLATION.search(before):
            translations.append(paragraph[start + 1:end].strip(" .。" + COMMAS) if end is not None
                                else paragraph[start + 1:])
            continue
        kept.append((start, end))
    if not kept:
        return [], paragraph, translations
    if kept[-1][1] is None and len(kept) == 1:   # an unclosed quote runs to the end
        return [paragraph[kept[0][0] + 1:].strip()], paragraph[:kept[0][0]].strip(), translations
    pieces, narration, at = [], [], 0
    for start, end in kept:   # a comma after a quote ends the quoted sentence, not the narration's
        narration.append(paragraph[at:start].lstrip(" " + COMMAS))
        pieces.append(paragraph[start + 1:end].strip().rstrip(COMMAS).strip())
        at = len(paragraph) if end is None else end + 1
    narration.append(paragraph[at:].lstrip(" " + COMMAS))
    return [p for p in pieces if p], re.sub(r"\s+", " ", " ".join(narration).strip(" " + COMMAS)), translations


def _byline(paragraph: str) -> str | None:
    """The author the article's first paragraph names after the first of BYLINES it holds."""
    return next((found["author"] for byline in BYLINES if (found := byline.search(paragraph))), None)


def _article_date(paragraphs: list[str]) -> tuple[str, int] | None:
    """The article's date in its first paragraphs, and the index of the paragraph it is read in
    (its dateline, which dates the article, not a statement: `_speaker_date`): ISO, English ("31
    March 2020", "March 31, 2020", `_long_date`) or written in another UN language ("1er avril
    2020", dates.py `written_date`)."""
    for index, paragraph in enumerate(paragraphs[:3]):
        iso = ISO_DATE.search(paragraph)
        day = iso.group(1) if iso else _long_date(paragraph) or written_date(paragraph)
        if day:
            return day, index
    return None


def _long_date(text: str) -> str | None:
    """The first English long date in the text ("31 March 2020", "March 31, 2020": LONG_DATE) as
    ISO; None when there is none or its month is no month's name.  dates.py `written_date` reads
    the first form in the UN's languages, but not English's month-first one, a tweet's date."""
    long = LONG_DATE.search(text)
    for fmt in ("%d %B %Y", "%B %d, %Y") if long else ():
        try:
            return datetime.datetime.strptime(long.group(1), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _narration_date(narration: str, year: int | None) -> str | None:
    """The day the narration says the words were published ("on March 31"; in another UN
    language, "le 31 mars", "el 31 de marzo", "31 марта", "31 آذار/مارس", "3月31日", dates.py
    `day_in_year`), in the article's year; a date the narration writes in full ("On 13 March
    2023, … stated") needs no year of the article's, which one without a dateline has none of:
    read in NO_YEAR, it is the only kind read (as the others, an English one only after "on")."""
    if not year:
        return day_in_year(narration, NO_YEAR)
    match = MONTH_DAY.search(narration)
    if not match:
        return day_in_year(narration, year)
    return datetime.datetime.strptime(f"{match.group(2)} {match.group(1)} {year}", "%d %B %Y").date().isoformat()


def _speaker_date(paragraphs: list[str], body: list[int], dateline: int | None) -> str | None:
    """The day a section's speaker or source lines say its words were published: the full date
    (`_closing_date`) that ends the words before a paragraph's first quote ("The EEAS spokesperson
    (13 March 2023): “…”", "**NATO** — NATO Secretary General, 12 March 2023: “…”", a title's "…
    (13 March 2023) [1]", a "Date: 13 March 2023" line) or a source line's words outside its quotes
    ("— The EEAS spokesperson, European External Action Service, 13 March 2023", an embedded
    tweet's "— … (@GermanyDiplo) March 12, 2023", a Facebook post's "Posted by … on Sunday, 12 March
    2023", "Source: …, 16 March 2023").  Not a date in a quote (the words said may name a day), nor
    the article's `dateline` paragraph's, which dates the article; none when the lines name two
    days, of which the statement's is not told."""
    days = {day for index in body if index != dateline and (day := _closing_date(_speaker_words(paragraphs[index])))}
    return days.pop() if len(days) == 1 else None


def _speaker_words(paragraph: str) -> str:
    """The words of a paragraph that may name who spoke and when: a source line's outside its
    quotes (a title it quotes before the date), another's before its first opening mark (the
    narration after a quote, "… the ceasefire of 12 May 1994", says no more who spoke).  The
    first mark, not the first quote `quote_spans` pairs: it is no later than the quote, and
    found without pairing a long article's marks again (7% of its reading time).  Not a date
    the page gives itself (PAGE_DATE: "Updated 5 June 2025", a source's "(accessed 6 June
    2025)"): read as the statement's, it put resolve's search for a tweet days after it."""
    if SOURCE_LINE.match(paragraph):
        words = quoted(paragraph)[1]
    else:
        words = paragraph[:found.start()] if (found := OPENING_MARK.search(paragraph)) else paragraph
    return PAGE_DATE.sub("", words)


def _closing_date(line: str) -> str | None:
    """The full date (day, month and year: dates.py `written_date`, or English's month first,
    `_long_date`) that a line ends with, but for its closing bracket, the colon before a quote
    and reference marks (AFTER_DATE), as ISO; None when it ends in none.  Ending the line that
    names who spoke ("NATO Secretary General (12 March 2023):") the date is when; inside it, a
    day may be any ("the vote of 12 March 2023 was a sham").  Looked for in the line's last words,
    the fewest first (a date holds DATE_WORDS at most), so that the last date is the one read."""
    line = AFTER_DATE.sub("", line[-DATE_REACH:])
    if not YEAR_END.search(line):
        return None
    words = line.split()
    for count in range(1, min(DATE_WORDS, len(words)) + 1):
        tail = " ".join(words[-count:])
        if day := written_date(tail) or _long_date(tail):
            return day
    return None


def _hint(narration: str) -> str | None:
    for name, pattern in HINTS:
        if pattern.search(narration):
            return name
    return None


def parse_article(text: str, sha256: str, path: str, title: str | None = None,
                  links: list[list[str]] | None = None) -> ParsedDocument:
    """Statements (one per entity section) and their citations of an article.

    `links` are the <a href> targets of each paragraph of `text` (an HTML article's,
    crawler/ingest/html.py `article_text`), in the order of `paragraphs_of(text)`."""
    paragraphs = paragraphs_of(text)
    doc = ParsedDocument(kind="article", sha256=sha256, path=path, title=title)
    doc.date, dateline = _article_date(paragraphs) or (None, None)
    doc.author = _byline(paragraphs[0]) if paragraphs else None
    vocab = Vocabulary(text)
    year = int(doc.date[:4]) if doc.date else None
    start = _list_start(paragraphs, links)
    sections = _sections(paragraphs, start, links, title)
    _refuse_quotes_cut_at_lines(path, text, [paragraphs[index] for _, body, _ in sections for index in body
                                             if not _quote_goes_on(paragraphs, index)])
    _refuse_urls_cut_at_lines(path, text)
    _warn_unread_before(doc, paragraphs, sections)
    further_seq = len(sections)
    listed = entries(paragraphs, links, start) if start is not None else {}
    if not listed:
        _warn_marks_unlisted(doc, [[paragraphs[index] for index in body] for _, body, _ in sections])
    _warn_headlines(doc, [entity for entity, body, heading in sections if heading not in body])
    digits = start is not None and printed_numbers(paragraphs, start)
    for seq, (entity, body, heading) in enumerate(sections, 1):
        read = [quoted(paragraphs[index]) for index in body]
        quote = " … ".join(fix_split_words(q, vocab) for pieces, _, _ in read for q in pieces)
        narration = " ".join(n for _, n, _ in read if n.strip(" .,;"))
        statement = Statement(seq=seq, quote=quote, entity=entity,
                              date=_narration_date(narration, year)
                              or _speaker_date(paragraphs, body if heading in body else [heading, *body], dateline))
        translations = [t for _, _, left_out in read for t in left_out]
        if translations:
            statement.flags.append("translation-left-out")
            doc.warn(f"statement {seq} ({entity}): the article gives a translation after the quote "
                     f"(“{clipped(translations[0], 60)}”); the quote is the words as said, the translation stays in "
                     "the narration")
        cited = [(citation, None) for citation in _link_citations(
            seq, [(paragraphs[index], links[index] if links else []) for index in body], host_of(path))]
        cited += _listed_citations(doc, seq, entity, [paragraphs[index] for index in body], listed, digits,
                                   host_of(path))
        _warn_several_sites(doc, seq, entity, [citation for citation, _ in cited])
        if not cited:
            cited = [(Citation(seq=seq, kind="unfootnoted", printed=narration), None)]
        for number, (citation, mark) in enumerate(cited):
            if number:
                further_seq += 1
            citation.seq, citation.footnote = (further_seq if number else seq), mark
            citation.printed = narration if mark is None else citation.printed   # an entry's: its own words
            citation.platform_hint = _hint(narration)
        statement.footnote = cited[0][1]
        statement.citation, statement.further = cited[0][0], [citation for citation, _ in cited[1:]]
        doc.statements.append(statement)
    doc.metadata["sections"] = len(sections)
    return doc


def _warn_unread_before(doc: ParsedDocument, paragraphs: list[str], sections: list[tuple[str, list[int], int]]) -> None:
    """Paragraphs that quote before the first entity's heading are no statement's (a fact
    check's "Claim: “…”", an introduction's quote, or statements whose headings were not
    read as such): said, rather than left out unseen."""
    first = sections[0][2] if sections else len(paragraphs)
    unread = [paragraph for paragraph in paragraphs[:first] if quoted(paragraph)[0]]
    if unread:
        doc.warn(f"{len(unread)} paragraph{'s' if len(unread) > 1 else ''} before the first entity's heading "
                 f"quote{'' if len(unread) > 1 else 's'} (“{clipped(unread[0], 60)}”) and {'are' if len(unread) > 1 else 'is'} "
                 "read as no statement; if one is, give it a heading naming its entity (a short line above it)")


def _warn_marks_unlisted(doc: ParsedDocument, sections: list[list[str]]) -> None:
    """Statements that mark references ("[2]") in an article whose reference list was not found (its
    footnotes under no heading, or not given): said once, as their marks cite nothing."""
    marked = [seq for seq, section in enumerate(sections, 1) if marks(section, False)]
    if marked:
        doc.warn(f"{len(marked)} statement{'s' if len(marked) > 1 else ''} (the first, statement {marked[0]}) mark "
                 "references ('[1]') but no reference list holds them: the marks cite nothing; if they number sources, "
                 "give the list under a 'References' or 'Notes' heading, or each entry its page (a URL or a link)")


def _warn_headlines(doc: ParsedDocument, headings: list[str]) -> None:
    """Entity headings most of which read as sentences (`_is_sentence`: a live blog's headlines, "Japan
    urges restraint", "EU will not recognise junta"): said, as each statement's entity is then a
    headline's words.  The entity is not read out of them: a headline may name it by its capital
    ("Paris condemns coup").  A heading says what someone did only with a verb after its subject
    (`_headline_verb`): "EU foreign policy chief", "Ministère des affaires étrangères" hold lower-case
    words too, and name their entity."""
    sentences = [heading for heading in headings if _is_sentence(heading) and _headline_verb(heading)]
    if headings and 2 * len(sentences) > len(headings):
        doc.warn(f"{len(sentences)} of the {len(headings)} entity headings read as sentences (“{clipped(sentences[0], 60)}”), "
                 "a headline's words rather than an entity's name, and are the statements' entities; give each "
                 "statement a heading naming its entity")


# The verbs a headline opens its predicate with, besides one in -s ("urges", "condemns"): its modals and
# auxiliaries ("EU will not recognise junta", "Kremlin says no", "Talks fail").
HEADLINE_VERBS = {"will", "would", "must", "should", "can", "cannot", "may", "might", "is", "are", "was", "were",
                  "has", "have", "had", "says", "said", "fail", "fails"}


def _headline_verb(heading: str) -> bool:
    """Whether the heading's first lower-case word that joins no name follows a word with a capital and
    is a verb's (HEADLINE_VERBS, or a word in -s: "Japan urges restraint", "United States condemns"):
    "EU foreign policy chief", "U.S. secretary of state" qualify a name; "Ministère des affaires
    étrangères" has its lower-case words after a joining one."""
    words = [word.strip("'\"‘’“”()") for word in heading.split()]
    for before, word in zip(words, words[1:]):
        if word and word[0].islower() and word not in NAME_JOINERS:
            return bool(before[:1].isupper() and (word in HEADLINE_VERBS or len(word) > 3 and word.endswith("s")))
    return False


def _is_sentence(heading: str) -> bool:
    """Whether a heading holds two or more lower-case words other than a name's joining words
    (NAME_JOINERS): "Japan urges restraint" does, "Council of Europe" does not."""
    words = [word.strip("'\"‘’“”()") for word in heading.split()]
    return sum(bool(word) and word[0].islower() and word not in NAME_JOINERS for word in words) >= 2


def _warn_several_sites(doc: ParsedDocument, seq: int, entity: str, cited: list[Citation]) -> None:
    """A section citing pages of more than one site may hold more than one entity's statement
    (a heading the parser did not read as one, a table's row run into the row before): said,
    as the quotes would be looked for in one source's page after another's."""
    sites = list(dict.fromkeys(_site(citation.url) for citation in cited if citation.url))
    if len(sites) > 1:
        doc.warn(f"statement {seq} ({entity}): its section cites {len(sites)} sites ({', '.join(sites)}); if it "
                 "holds more than one entity's statement, give each a heading of its own")


def _refuse_quotes_cut_at_lines(path: str, text: str, body: list[str]) -> None:
    """A text without a blank line (a PDF's: its lines are its paragraphs, paragraphs_of) whose
    sections open a quote that no line closes within QUOTE_LINES (`_lines_joined`: its closing
    mark lost, or a quote run on past a table's cell): read so, each such quote would run to its
    paragraph's end, or swallow the statements after it.  Refused with the way to give it whole."""
    if _has_blank_line(text):
        return
    cut = [paragraph for paragraph in body if any(end is None for _, end in quote_spans(paragraph))]
    if cut:
        raise IngestError(
            f"{path}: {len(cut)} of its quotes are not closed within {QUOTE_LINES} lines (“{clipped(cut[0], 60)}”) "
            "and its text has no blank line between paragraphs (a PDF's has none) to end them; give the document "
            "as text with a blank line between paragraphs, or as HTML")


def _refuse_urls_cut_at_lines(path: str, text: str) -> None:
    """A text without a blank line in which a URL ends a line and the next line, one word not
    begun with a capital, goes on with it ("https://www.nato.int/cps/en/natoh", "q/news_212345.htm"):
    a table's narrow cell wrapped it, and nothing tells where it ends (its last piece, "en", is
    a line as a heading is), so its statement would cite a cut URL.  Refused with the way to
    give it whole.  A line of a URL's characters without a letter ("15:30", a live blog's
    time; "***", a break) goes on with no URL."""
    if _has_blank_line(text):
        return
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line, following in zip(lines, lines[1:]):
        starts = _url_starts(line)
        if starts and " " not in line[starts[-1]:] and URL_TOKEN.match(following) and not _capital(following[0]) \
                and re.search("[^\\W\\d_]", following) and not URL_START.match(following):
            raise IngestError(
                f"{path}: a URL runs on past the end of its line (“{clipped(line[starts[-1]:], 60)}” then "
                f"“{clipped(following, 40)}”), as in a table's narrow column, and its text does not tell where it "
                "ends; give the document as HTML, or as text with each URL whole on its line")


def _link_citations(seq: int, paragraphs: list[tuple[str, list[str]]], own_host: str,
                    where: str = "in the statement's section") -> list[Citation]:
    """The citations a section's links make, in the order the paragraphs give them: each URL
    printed in a paragraph (repaired and confirmed by the paragraph's own <a href> targets as
    a letter's footnote is by its page's, crawler/ingest/footnotes.py `citation_for`), then
    each <a href> target that no printed URL spelled.  One citation per page; a share
    button's link and one to the article's own site cite nothing (module docstring).  A Google
    redirect link is read as the page it leads to (urls.py `redirect_target`), with the repair said."""
    cited: dict[str, Citation] = {}
    wrapped: dict[str, str] = {}

    def keep(citation: Citation) -> None:
        if citation.link_target in wrapped:
            citation.repairs.append(f"unwrapped Google's redirect link ({clipped(wrapped[citation.link_target], 60)}) "
                                    "to the page it leads to")
        if citation.url and not SHARE_LINK.match(citation.url) and not (own_host and _same_site(citation.url, own_host)):
            cited.setdefault(normalise_url(citation.url), citation)

    for paragraph, targets in paragraphs:
        wrapped.update({target: link for link in targets if (target := redirect_target(link))})
        targets = [redirect_target(link) or link for link in targets]
        starts = _url_starts(paragraph)
        for start, following in zip(starts, [*starts[1:], len(paragraph)]):
            text = paragraph[start:min(following, closing_bracket(paragraph, start - 1) or following)]
            keep(citation_for(Footnote(number=seq, text=text, page=1), targets, set()))
        spelled = {c.link_target for c in cited.values()} | {normalise_url(c.url) for c in cited.values()}
        for target in targets:
            if target in spelled or normalise_url(target) in spelled:
                continue
            citation = citation_for(Footnote(number=seq, text=target, page=1), [], set())
            citation.url_printed, citation.link_target = None, target
            citation.repairs = [f"taken from the article's link (<a href>) {where}: its text prints no URL",
                                *citation.repairs]
            keep(citation)
    return list(cited.values())


def _listed_citations(doc: ParsedDocument, seq: int, entity: str, section: list[str],
                      listed: dict[int, list[tuple[str, list[str]]]], digits: bool,
                      own_host: str) -> list[tuple[Citation, int]]:
    """The citations of the reference-list entries a section marks ("[3]", a PDF's "”3" where
    the list prints its numbers as digits: references.py `marks`),
    each with its mark and printed as its entry, as a letter's footnote is: an entry's links,
    or an entry that links nothing (a speech, a note verbale) as an offline source.  A mark the
    list has no entry for is said, as a letter's missing footnote is, rather than left to cite
    nothing unseen."""
    cited = []
    for mark in marks(section, digits):
        if mark not in listed:
            if listed:
                doc.warn(f"statement {seq} ({entity}): it marks reference [{mark}], which the reference list "
                         "does not hold")
            continue
        entry = listed[mark]
        printed = BACKLINK.sub("", " ".join(text for text, _ in entry))
        found = (_link_citations(seq, entry, own_host, f"in reference [{mark}], which the statement marks")
                 or [citation_for(Footnote(number=mark, text=printed, page=1), [], set())])
        for citation in found:
            citation.printed = printed
        cited += [(citation, mark) for citation in found]
    return cited


def _url_starts(paragraph: str) -> list[int]:
    """Where each URL printed in the paragraph begins; an "https://" inside a URL (a Wayback
    address's original, a redirect's target) begins none.  Each is read up to the next, so
    that the footnote reader reads one URL at a time."""
    return [m.start() for m in URL_START.finditer(paragraph)
            if m.start() == 0 or paragraph[m.start() - 1].isspace() or paragraph[m.start() - 1] in "([<«“\"'"]


def _same_site(url: str, own_host: str) -> bool:
    """A link to the article's own site (its menus, tags, related stories)."""
    return _site(url) == own_host.removeprefix("www.")


def _site(url: str) -> str:
    """The site a URL is on: its host, "www." aside ("www.gov.pl" and "gov.pl" are one)."""
    return host_of(url).removeprefix("www.")


def _sections(paragraphs: list[str], end: int | None, links: list[list[str]] | None = None,
              title: str | None = None) -> list[tuple[str, list[int], int]]:
    """(entity, indexes of its paragraphs, index where the section begins) per entity; trailing
    paragraphs without quotes dropped, but for a "Source: …" or "— who, where, when" line, a
    paragraph that is only a URL, or a short one that links (`links`: an HTML article's <a href>
    targets by paragraph, "Read the full statement"), right after the section's last quote: the
    section's source.
    A section begins at a heading over a quote (`_heads_quote`), or, in a list of two or more paragraphs that each name their entity ("European Union: The EEAS
    spokesperson said that “…”", `_leads`), at each such paragraph; where two or more headings
    are numbered ("1. European Union", "1.1 NATO"), an unnumbered line right under one (a
    statement's title above its quote) is none; where one stands apart, the numbers are a
    document's parts ("1. Background", "2. Reactions") over its entities' own headings.  A field's
    line right under a heading ("Date: 13 March 2023", FIELD_LINE) is none either, nor is a line
    under a heading's date line (a digest's "3 June 2025" then the statement's title), nor a
    speaker's line right under a heading (`_speaker_line`: a tracker's "Secretary of State · 2 June
    2025"), which is the section's narration and dates it.  The
    sections end at `end`, a reference list's heading (`_list_start`): its heading is no entity,
    its titles no quote.  A heading that is the page's `title` (its <title>, the site's name aside:
    a Wikipedia page's <h1> over a lead that quotes a "transitional council") names the page, no entity."""
    heads = {index: _entity_name(paragraph) for index, paragraph in enumerate(paragraphs[:end])
             if _heads_quote(paragraphs, index) and not _names_page(paragraph, title)}
    heads = {index: name for index, name in heads.items()
             if (index - 1 not in heads or not FIELD_LINE.match(paragraphs[index]))
             and not (index - 2 in heads and _dated_under(paragraphs, index - 2))
             and not (index - 1 in heads and _speaker_line(paragraphs[index]))}
    heads = {index: name for index, name in heads.items() if not _source_over_heading(paragraphs, links, index, heads)}
    numbered = {index: name for index, name in heads.items() if SECTION_NUMBER.match(paragraphs[index])}
    titles = all(SECTION_NUMBER.match(paragraphs[index - 1]) for index in heads.keys() - numbered.keys())
    heads = numbered if len(numbered) > 1 and titles else heads
    leads = {index: name for index, name in _leads(paragraphs[:end], heads).items() if index not in heads}
    sections: list[tuple[str, list[int], int]] = []
    for index in range(len(paragraphs[:end])):
        if index in heads:
            sections.append((heads[index], [], index))
        elif index in leads:
            sections.append((leads[index], [index], index))
        elif sections:
            sections[-1][1].append(index)
    trimmed = []
    for heading, body, start in sections:
        while body and not _has_quote(paragraphs[body[-1]]) and not (
                _names_source(paragraphs[body[-1]], links[body[-1]] if links else [])
                and len(body) > 1 and _has_quote(paragraphs[body[-2]])):
            body.pop()
        if body:
            trimmed.append((heading, body, start))
    return trimmed


def _speaker_line(paragraph: str) -> bool:
    """Whether a line ends in a full date (`_closing_date`) and names no entity before a spaced
    dash (SPEAKER_DASH): who spoke and when ("Secretary of State · 2 June 2025").  A digest's
    "NORWAY - Foreign Minister, 2 June 2025" under a group's heading is its entity's heading."""
    return bool(_closing_date(paragraph)) and not SPEAKER_DASH.search(paragraph)


def _names_page(heading: str, title: str | None) -> bool:
    """Whether the heading is the page's title, but for the site's name the title may end with
    ("International reactions to … - Wikipedia", "… | World News": TITLE_SITE), and reads as a
    title (`_is_sentence`), not a name: a country's page of a tracker ("France - Ostravia
    Reactions Tracker" over "France") or a ministry's statement ("Norway – Ministry of Foreign
    Affairs") names its entity so, and read as the page's, its statement was lost."""
    return (bool(title) and heading.strip() == TITLE_SITE.split(title.strip(), maxsplit=1)[0]
            and _is_sentence(heading))


def _heads_quote(paragraphs: list[str], index: int) -> bool:
    """Whether the paragraph is a heading (`_is_heading`) over a quote in the next two paragraphs:
    an entity's, its narration ("The German Foreign Office reacted on Twitter:") between; a date
    line right under it (`_is_date_line`) aside, which dates the section."""
    if index + 1 >= len(paragraphs) or not _is_heading(paragraphs[index], paragraphs[index + 1]):
        return False
    under = index + 1 + _dated_under(paragraphs, index)
    return _has_quote(" ".join(paragraphs[under:under + 2]))


def _dated_under(paragraphs: list[str], index: int) -> bool:
    """Whether the paragraph after `index` is a date line (`_is_date_line`)."""
    return index + 1 < len(paragraphs) and _is_date_line(paragraphs[index + 1])


def _list_start(paragraphs: list[str], links: list[list[str]] | None = None) -> int | None:
    """The index of the reference list's heading (references.py `list_start`), an entity's
    heading over its quote read as this module reads one (`_heads_quote`)."""
    return list_start(paragraphs, links, lambda index: _heads_quote(paragraphs, index))


def _names_source(paragraph: str, targets: list[str]) -> bool:
    """Whether a paragraph without a quote names where its section's words were published: a
    "Source: …" or "— who, where, when" line (SOURCE_LINE), a URL alone on its line (in the
    angle brackets of a mail's or Markdown's "<https://…>" too), or a link of a few words
    (`targets`, its <a href>: a news page's "Read the full statement", a tracker's "View
    original statement ↗"): dropped as a closing paragraph, it left the statement unfootnoted.  A
    numbered note ("[1] United Nations, 3 June 2025, https://…", a Google Docs export's first
    footnote under the last statement) is no such link: it is the source of the statement that marks it;
    nor is a sentence, the article's own closing words ("Freedonia has called on the <a>international
    community</a>."): a link's label ends in no sentence's stop; nor is a kicker's link to
    another article ("Related: Sylvania and Ostravia sign border deal", "Explainer: what we know",
    FIELD_LINE), which cited a page that does not hold the quote."""
    return bool(SOURCE_LINE.match(paragraph) or LINK_LINE.match(paragraph.removeprefix("<").removesuffix(">"))
                or targets and len(paragraph.split()) <= HEADING_WORDS and not ENTRY_NUMBER.match(paragraph)
                and not FIELD_LINE.match(paragraph) and not paragraph.rstrip(" ↗→›»").endswith(SENTENCE_ENDS))


def _source_over_heading(paragraphs: list[str], links: list[list[str]] | None, index: int,
                         heads: dict[int, str]) -> bool:
    """Whether the heading-shaped paragraph at `index` is the source line of the section before: a
    short link (`_names_source`: "Read the open letter") right under a paragraph that quotes and right
    over the next entity's heading.  Read as a heading over that entity's quote, its section was empty
    and dropped, and the statement before it left unfootnoted, with nothing said.  A group's heading
    there ("States" over "France") heads no section of its own either way; one linking to its own
    site's page cites nothing (`_link_citations`)."""
    return (index + 1 in heads and index > 0 and _has_quote(paragraphs[index - 1]) and bool(links)
            and bool(links[index]) and _names_source(paragraphs[index], links[index]))


def _leads(paragraphs: list[str], heads: dict[int, str]) -> dict[int, str]:
    """The paragraphs that name their entity before the quote (`_entity_lead`), by index: only
    where two or more do, a list of such statements; one alone is a narration's colon.  A name
    that leads more than one paragraph is a label ("Statement: “…”" in each section, an
    interview's "Q:" and "A:", Markdown's "**Update** —"), no entity: a list names each once.
    One ending in a date right under an entity's heading (`heads`: "NATO" over "NATO Secretary
    General (12 March 2023): “…”") names who spoke and when, the section's narration: read as a
    lead, it took the heading's place as the entity.  A group's heading over a list ("States"
    over "France: …") heads leads that name no date, entities of their own."""
    leads = {index: name for index, paragraph in enumerate(paragraphs)
             if (name := _entity_lead(paragraph)) and not (index - 1 in heads and _closing_date(name))}
    named = Counter(leads.values())
    leads = {index: name for index, name in leads.items() if named[name] == 1}
    return leads if len(leads) > 1 else {}
