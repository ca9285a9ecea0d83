"""What an ellipsis hides.  Inside the quote: a negation, a modal or a number in the clause its words
are in (`_hidden_in_gap`, `_hidden_in_clause`, `_carries_meaning`).  At its end: the negation right
after its last word (`_closing_run`, `_closing_gap`).  At its start: the negation or the denying
subject right before its first word (`_opening_run`, `_opening_gap`, reading opening.py and
subjects.py), or, with no ellipsis, the negation prefixed to the word it opens inside ("binding
resolution" for "a non-binding resolution"), unless the text writes the quote's words again
(`_repeats`).  judgment.py calls an elided quote that hides one altered; edges.py gives the aligner
the same readings to choose between places that match as well.
"""

from __future__ import annotations

import itertools
import re

from crawler.align import (PARAGRAPH_BREAK, UNSPACED_LETTER, Alignment, Token, ends_at_ellipsis, found_at,
                           starts_at_ellipsis, tokenize)
from crawler.verdicts.auxiliaries import _auxiliary
from crawler.verdicts.clauses import (_ASIDE, _BEFORE_GAP, _CLAUSE_MARK, _LINE_OPENING, _opens_paragraph,
                                      _paragraph_end, _words_after, _words_before)
from crawler.verdicts.french_ne import _NE, _partner
from crawler.verdicts.modal_nouns import _noun_before_not
from crawler.verdicts.negations import _additive_not, _modal_noun, _negates, _negating_word, _negation_prefix, _no_one
from crawler.verdicts.opening import _opening_negation, _subject_past_auxiliary
from crawler.verdicts.silent_cut import _FRENCH_PARTNERS_AFTER, _french_ne_before, _only_now, _quote_end
from crawler.verdicts.subjects import _denied_subject, _denying_subject
from crawler.verdicts.thresholds import Thresholds
from crawler.verdicts.words import word_kinds


def _extent(alignment: Alignment) -> tuple[int, int] | None:
    """From the first word of the quote's first span to the last word of its last span: the
    place taken, its edges' punctuation left out (a headline holds no full stop)."""
    words = [t for s in alignment.segments for t in s.span if t.kind == "word"]
    return (words[0].start, words[-1].end) if words else None


def _repeats(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The other places in `text` that write text[start:end] again, in capitals, in lower case
    or with its first letter's case changed (a heading in capitals, a lead that repeats its
    headline), not inside a longer word: the same words say the same.  Found as written
    (str.find, C speed: lower-casing a long page costs more than the alignment); a copy
    written otherwise (a line wrapped at another word) is left to the aligner's
    (`Alignment.elsewhere`).  Copies that overlap are counted once, the earlier."""
    span = text[start:end]
    places: list[tuple[int, int]] = []
    for i in found_at(text, span):
        j = i + len(span)
        if (j <= start or i >= end) and not (places and i < places[-1][1]) and not (
                i and _WORD_CHAR.match(text, i - 1) or _WORD_CHAR.match(text, j)):
            places.append((i, j))
    return places


_WORD_CHAR = re.compile(r"\w")  # a copy that goes on into a longer word, or starts inside one, is none
_SPACED_WORD = re.compile(r"\S*\w\S*")  # one or more words of a script with spaces (5,000 is two tokens)
_GAP_LEAD = re.compile(r"\W*")  # the marks and spaces an ellipsis's gap opens with, before its first word


def _hidden_at_ellipses(alignment: Alignment, text: str, th: Thresholds) -> list[tuple[list[Token], list[Token]]]:
    """(tokens left out, those of its words that carry meaning, `_hidden_in_gap`) for each
    ellipsis that hides a negation, a modal or a number."""
    hidden = []
    for (start, end, _count), tokens in zip(alignment.gaps, alignment.left_out):
        meant = _hidden_in_gap(text, start, end, tokens, th)
        if meant:
            hidden.append((tokens, meant))
    return hidden


def _hidden_in_gap(text: str, start: int, end: int, tokens: list[Token] | None, th: Thresholds) -> list[Token]:
    """The words carrying meaning that an ellipsis standing for text[start:end] (its `tokens`,
    tokenised when None) hides inside the clause the quote's words around it are in: a
    negation, a modal, or a number that is all it leaves out (`_hidden_in_clause`); and, whatever
    else it leaves out, a negation that prefixes with a hyphen the word after it, which the quote
    then opens inside ("The UN … binding resolution" for "The UN adopted on Monday, after a long
    debate, a non-binding resolution": `_negation_prefix`)."""
    meant = _hidden_in_clause(text, start, end, tokens, th)
    prefix = _negation_prefix(text, end)
    if prefix is None or prefix.start < start or any(t.start == prefix.start for t in meant):
        return meant
    return [*meant, next((t for t in tokens or () if t.start == prefix.start), prefix)]


def _hidden_in_clause(text: str, start: int, end: int, tokens: list[Token] | None, th: Thresholds) -> list[Token]:
    """The words carrying meaning that an ellipsis standing for text[start:end] (`_hidden_in_gap`)
    hides inside the clause the quote's words around it are in: a negation, a modal, or a number
    that is all it leaves out.  "The Ministry does … recognize" for "does not recognize", "will …
    accept" for "will never accept", "a total of … observers" for "of 250 observers" say
    something the source does not, as a negation or a number the closing stop leaves out does
    (`_dropped_before_stop`), and the words around the ellipsis match exactly, so the alignment
    alone calls the quote elided.

    Read only when the ellipsis stands, asides (`_ASIDE`) aside, for at most `ellipsis_words`
    words (`ellipsis_letters` letters of a script without spaces, whose letters are "words")
    with no mark of a clause's end among them (`_CLAUSE_MARK`): a clause or sentence left out
    whole ("The Ministry … will never accept" for "The Ministry has never accepted, and will
    never accept") holds its own negation, as an aside does ("The Ministry, which has never
    been consulted, does recognize"); what an aside interrupts goes on after it ("The Ministry,
    however, does not recognize"), unless a conjunction follows it (", he said, and" ends the
    clause).  A mark before the first word it leaves out (`_GAP_LEAD`) is no clause's end it
    crosses: the words after it open the clause the quote goes on with after the ellipsis, read as
    an opening ellipsis's are, only a negation that denies the quote's next word (`_opening_run`):
    "Pour Paris, … a reconnu l'annexion" for "Pour Paris, aucun
    pays n'a reconnu l'annexion", "For Paris, … has recognized" for "For Paris, no country has
    recognized"; not one of another clause or of a word it leaves out too ("Pour Paris, … a
    reconnu" for "Pour Paris, personne ne conteste et la Russie a reconnu", "The EU regrets this.
    … the outcome" for "… This event cannot prejudice the outcome"), nor a modal or a number ("…
    deliver justice" for "He said: ‘We will deliver justice’", "March 31, … ·" for "March 31,
    2020 ·"), which it reads with no mark.  Not words that only look like one
    (`_carries_meaning`): "not only" (no negation; "not just" is one unless a "but" follows it in
    its sentence), a modal's word after an article or a possessive ("the needs of"), the month
    May or mai (`_modal_noun`, `_month`); and a date or a place with its number ("held … in
    Nagorno-Karabakh" for "held on March 31 in") is what an ellipsis is for (labelled case
    r-heading-repeats-opening-elided)."""
    gap = _ASIDE.sub(lambda m: " " * len(m[0]), text[start:end])  # same length: offsets still point into it
    lead = _GAP_LEAD.match(gap).end()
    if _CLAUSE_MARK.search(gap, lead):
        return []
    if _CLAUSE_MARK.search(gap, 0, lead):  # "Pour Paris, … a reconnu": the clause the quote goes on with opens
        run = _opening_run(text, end, th)
        if run is None:
            return []
        gap, start, tokens = gap[run - start :], run, None if tokens is None else [t for t in tokens if t.start >= run]
    if tokens is None:  # the aligner asks (`_hides`): a long gap is told from its characters, not tokenised
        letters = len(UNSPACED_LETTER.findall(gap))
        spaced = itertools.islice(_SPACED_WORD.finditer(UNSPACED_LETTER.sub(" ", gap)), th.ellipsis_words + 1)
        if letters > th.ellipsis_letters or sum(1 for _ in spaced) > th.ellipsis_words:
            return []
        tokens = tokenize(text, start, end)
    words = [t for t in tokens if t.kind == "word" and not gap[t.start - start].isspace()]
    unspaced = sum(t.unspaced for t in words)
    if not words or len(words) - unspaced > th.ellipsis_words or unspaced > th.ellipsis_letters:
        return []
    if all("number" in word_kinds(t) for t in words):
        return words
    seen = [t for t in tokenize(text, max(0, start - _BEFORE_GAP), start) if t.kind == "word"] + words
    seen += [t for t in tokenize(text, end, min(len(text), end + _BEFORE_GAP)) if t.kind == "word"][:1]
    previous = dict(zip(map(id, seen[1:]), seen))
    following = dict(zip(map(id, seen), seen[1:]))
    return [word for i, word in enumerate(words)
            if _carries_meaning(words, i, text, previous.get(id(word)), following.get(id(word)),
                                words[i + 1] if i + 1 < len(words) else None)]


def _carries_meaning(words: list[Token], i: int, text: str, previous: Token | None, following: Token | None,
                     hidden_next: Token | None) -> bool:
    """Whether words[i], of the words an ellipsis hides, is a negation or a modal where it stands:
    not the "not" of "not only" (`_additive_not`, read with `hidden_next`, the next word the
    ellipsis hides too: "We … only welcome" for "We not only welcome" drops the "not" of it), nor
    one that prefixes with a hyphen the next word it hides, which it denies and the quote leaves out
    with it ("It adopted a … resolution" for "a non-binding resolution", `_negation_prefix`; but
    "no-one" is "no one", whose "no" denies the verb: "… has recognized" for "No-one has
    recognized", `_no_one`), nor
    a modal's word that is a noun or the month (`_modal_noun`, read with the words `previous` and
    `following` it in the text)."""
    word = words[i]
    prefix = None if hidden_next is None else _negation_prefix(text, hidden_next.start)
    if prefix is not None and prefix.start == word.start and not _no_one(word, hidden_next, text):
        return False  # "non" of "non-binding" left out with "binding": it denies no word of the quote
    if _negates(words, range(i, i + 1), text) or _french_partner(word, previous, text):
        return not _additive_not(word, hidden_next, text)
    return "modal" in word_kinds(word) and not _modal_noun(word, previous, following)


def _french_partner(word: Token, previous: Token | None, text: str) -> bool:
    """Whether `word` is French's "plus", "guère" or "point" (`_FRENCH_PARTNERS_AFTER`, no word of
    NEGATIONS: "plus grand", "point de départ") completing the "ne" before the auxiliary
    `previous` ("n'est plus", "ne peut guère": `_french_ne_before`), so a negation where it
    stands: "L'accord n'est …" for "L'accord n'est plus en vigueur" hides it."""
    if previous is None or word.key not in _FRENCH_PARTNERS_AFTER or not _auxiliary(previous.key, "fr"):
        return False
    after = _words_after(text, word.end, 1)
    if after and _negating_word(after[0], text) or _only_now(word, after):
        return False  # "ne veut plus jamais", "n'a plus rien": the word after it is the partner shown
    return _partner([previous, word, *after], 1) and _french_ne_before(_words_before(previous, text), text)


_CLOSING_CHARS = 120  # characters of the text read after a quote's closing ellipsis for what it hides there


def _closing_gap(alignment: Alignment, text: str, quote_tokens: list[Token], th: Thresholds) -> int | None:
    """Where the negation that the quote's closing ellipsis hides ends (`_closing_run`, from the
    end of the quote's last span); None when it hides none, the quote (its `quote_tokens`) ends
    otherwise, or its last word is not the text's (`_after_last_word`)."""
    return _after_last_word(alignment, text, th) if ends_at_ellipsis(quote_tokens) else None


def _after_last_word(alignment: Alignment, text: str, th: Thresholds) -> int | None:
    """Where the negation that a closing ellipsis after the quote's last word hides ends
    (`_closing_run`, from where that word ends, `_quote_end`); None when there is none, or the
    quote's last word is not the text's."""
    end = _quote_end(alignment)
    return None if end is None else _closing_run(text, end, th)


# "Already" before a negation makes "no longer" of it in Spanish and Portuguese ("ya no es", "já não
# é"): read past at the start of a closing ellipsis's run (`_closing_run`).
_ALREADY = frozenset({"ya", "já"})


def _closing_run(text: str, start: int, th: Thresholds) -> int | None:
    """Where the negation that a closing ellipsis standing after character `start` (the quote's
    last word) hides right after it ends ("The Ministry does …" for "The Ministry does not
    recognize …", "we will …" for "we will never accept"); else None.  The quote's last words
    then say the opposite of the source's, as they do when an ellipsis inside it hides "not"
    (`_hidden_in_gap`, which has the last word) or its closing stop does (`_dropped_before_stop`).

    Negations only: a quote cut short before a modal, a number or a date ("the so-called
    elections …" for "… will have no legal effect", "held on March …" for "March 31", "The
    elections of …" for "of 2020") leaves the rest unsaid and says nothing false.  Only the run
    of negations just after the quote's last word, in its clause (asides read past, `_ASIDE`; up
    to `_CLAUSE_MARK` or a paragraph's end, `_paragraph_end`): the rest of the sentence, or the
    page, is not the quote's ("The Union reiterates that it …" for "… that it does not recognise
    …" hides "does" first).  French's "plus" after "n'est" is one (`_french_partner`), and
    "ya no", "já não" (no longer) a run too (`_ALREADY`)."""
    stretch = _ASIDE.sub(lambda m: " " * len(m[0]), text[start : start + _CLOSING_CHARS])
    ends = [m.start() for m in (_CLAUSE_MARK.search(stretch), PARAGRAPH_BREAK.search(stretch)) if m]
    stretch = stretch[: min([*ends, _paragraph_end(stretch)])]
    words = [t for t in tokenize(text, start, start + len(stretch))
             if t.kind == "word" and not stretch[t.start - start].isspace()]
    run: list[Token] = []
    last = [t for t in tokenize(text, max(0, start - _BEFORE_GAP), start) if t.kind == "word"][-1:]
    for i, word in enumerate(words[: th.ellipsis_words]):
        following = words[i + 1] if i + 1 < len(words) else None
        previous = words[i - 1] if i else (last[0] if last else None)
        if not run and word.key in _ALREADY and following is not None and _negates(words, range(i + 1, i + 2), text):
            continue  # "ya no", "já não": no longer
        if not (_negates(words, range(i, i + 1), text) or _french_partner(word, previous, text)) or _additive_not(
                word, following, text):
            break
        if not i and last and _noun_before_not(word, last[0], text):
            break
        run.append(word)
    if not run:
        return None
    return run[-1].end if _hidden_in_gap(text, start, run[-1].end, tokenize(text, start, run[-1].end), th) else None


def _opening_gap(alignment: Alignment, text: str, quote_tokens: list[Token], th: Thresholds) -> int | None:
    """Where the negation that the quote's opening ellipsis hides starts (`_opening_run`, up to
    the start of the quote's first span); for a quote (its `quote_tokens`) with no opening
    ellipsis, where the negation starts that prefixes with a hyphen the word it opens inside
    (`_negation_prefix`: "binding resolution" for "a non-binding resolution", `_judged` says so,
    no ellipsis standing there), unless the text holds the quote's words again where no negation
    prefixes them (`_repeats`: the aligner weighs no opening edge of a quote with no ellipsis, and
    takes the first copy).  None when there is none, or the quote's first word is not the text's
    (a changed word there is listed already)."""
    first = next((s for s in alignment.segments if s.span), None)
    if first is None or first.ops[0][0] != "equal":
        return None
    if starts_at_ellipsis(quote_tokens):
        return _opening_run(text, first.start, th, _extent(alignment)[1])
    prefix = _negation_prefix(text, first.start)
    if prefix is None or any(_negation_prefix(text, i) is None for i, _j in _repeats(text, *_extent(alignment))):
        return None  # held whole elsewhere too ("a binding resolution" besides "a non-binding one"): no cut
    return prefix.start


def _opening_run(text: str, end: int, th: Thresholds, until: int | None = None) -> int | None:
    """Where the negation that an opening ellipsis standing before character `end` (the quote's
    first word) hides starts ("… recognize the annexation" for "France does not recognize the
    annexation", "… formally recognize" for "does not formally recognize", "… country recognizes"
    for "No country recognizes"); else None.  The quote's words are then asserted where the
    source denies them, as when an ellipsis inside the quote hides "not" (`_hidden_in_gap`,
    which has the last word).

    Only the run right before the quote's first word, as `_closing_run` reads the one right
    after its last (`_opening_negation`): a negation with at most auxiliaries and adverbs
    between it and that word ("does not", "does not formally", "will never", "has not yet
    been").  A negation further back governs a word the quote leaves out: "… the annexation of
    Crimea" for "France does not recognize the annexation of Crimea" quotes a noun phrase the
    source names, and says nothing the source denies.  A modal or a number before the first
    word ("France will recognize") leaves a part unsaid, says nothing false.  Only in the
    quote's clause: after the last mark of a clause's end (`_CLAUSE_MARK`, asides read past) or
    the start of a paragraph.  French's adverbs of "ne" in words (`_FRENCH_NEGATIVE_ADVERB`: "ne peut
    en aucun cas l'accepter") are read past as an aside is, as "aucunement" is between the modal and
    its infinitive (`_adverb`)."""
    lo = max(0, end - _CLOSING_CHARS)
    stretch = _ASIDE.sub(lambda m: " " * len(m[0]), text[lo:end])
    stretch = _FRENCH_NEGATIVE_ADVERB.sub(lambda m: " " * len(m[0]), stretch)
    cuts = [m.end() for m in _CLAUSE_MARK.finditer(stretch)] + [m.end() for m in PARAGRAPH_BREAK.finditer(stretch)]
    cuts += [m.start() + 1 for m in _LINE_OPENING.finditer(stretch) if _opens_paragraph(m[1])]
    cut = lo + max(cuts, default=0)
    # Tokenized apart at `end`: a span may open inside a word, past its elided "qu'" (crawler/align.py
    # `_elision_cut`), whose rest is the quote's first word.
    words = [t for t in tokenize(text, cut, end) + tokenize(text, end, min(len(text), end + _BEFORE_GAP))
             if t.kind == "word" and (t.start >= end or not stretch[t.start - lo].isspace())]
    first = next((i for i, t in enumerate(words) if t.start >= end), len(words))
    i = _opening_negation(words, first, text, th)
    if i is None:
        subject = _denied_subject(words, first, text)  # "Nessun paese ha": the determiner alone
        if subject is None:  # "… recognized" for "No country has recognized": past its auxiliary
            subject = _subject_past_auxiliary(words, first, text, until)
        starts = [] if subject is None else [subject.start]
    else:
        subject = _denying_subject(words[:i], words[i], text) if words[i].key in _NE else None
        starts = ([subject.start] if subject is not None else []) + [words[i].start]
    for start in starts:
        if _hidden_in_gap(text, start, end, tokenize(text, start, end), th):
            return start  # "Aucun État membre n'a" hidden whole where the ellipsis may hide that much
    return None


# French's adverbs of "ne" written in words, which stand between a modal and its infinitive as
# "aucunement" does ("ne peut en aucun cas l'accepter", "ne doit à aucun prix céder"; `_opening_run`).
_FRENCH_NEGATIVE_ADVERB = re.compile(r"\b(?:en\s+aucune?\s+(?:cas|façon|manière|sorte|circonstance)"
                                     r"|à\s+aucun\s+(?:moment|prix))\b", re.IGNORECASE)
