"""What a sentence claims, as keys that survive rewording: stems, names, figures, dates, entities.

:mod:`.terms` keeps surface words (a plural "s" stripped), which is right for repeats. A
re-telling changes the words' forms and order ("would be drafted" / "is drafting", "his
admiration for" / "an avowed admirer of", "400,000 soldiers ... were killed" / "has lost at
least 400,000 men"), so here a sentence becomes the set of:

- word stems (Porter, the stemmer the search index uses): ``draft``, ``admir``;
- every stem cut to :data:`PREFIX` characters, so transliterations that differ at the end meet
  ("Zaluzhnyi" / "Zaluzhny" → ``zaluzhn``) when the caller has no canonical entities, and
  derived forms the stemmer leaves apart meet too ("counteroffensive"/"counter-offensive");
  with entities, every mention in the sentence adds ``@<entity id>``;
- figures by value (:func:`reader.core.compare.figures.figure_value`): ``#400000``, ``#1%``;
- dates by value: "1 February 2024" → ``#2024-02-01`` (so two bylines of different days share
  no date), a lone year is ``#2024``.

Each key remembers the words it came from (:class:`Token`), so a pair can show its evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from reader.core.compare.figures import figure_value
from reader.core.compare.stopwords import STOPWORDS

PREFIX = 7
"""Characters of a word's stem that make its key (truncation stemming on top of Porter)."""

_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH_NAMES}(?:,? \d{{4}})?\b"
    rf"|\b{_MONTH_NAMES} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b"
    rf"|\b{_MONTH_NAMES},? \d{{4}}\b"
)
# A number with its unit or scale: "400,000", "1 percent", "$40 million", "1.5bn", "27%".
_FIGURE = re.compile(
    r"[$€£¥₴₽]?\d[\d,.]*(?:\s?(?:%|per\s?cent|percent|pct|million|billion|trillion|bn|mn|m|k)\b|%)?"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Round numbers in words: "half a million", "a million", "two billion".
_COUNTS = {
    **{"half a": 0.5, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5},
    **{"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10},
}
_SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD_NUMBER = (
    r"\b(?:half a|a|one|two|three|four|five|six|seven|eight|nine|ten)"
    r" (?:thousand|million|billion)\b"
)
# The lookaheads make each alternative fail at once where it cannot start.
_SPECIAL = re.compile(
    rf"(?P<date>(?=[\dJFMASOND]){_DATE.pattern})|(?P<figure>(?=[$€£¥₴₽\d]){_FIGURE.pattern})"
)
_COUNT = re.compile(_WORD_NUMBER, re.IGNORECASE)
_SCALE = re.compile(r"(?i:thousand|million|billion)")
_HINT = re.compile(r"\d|\b(?:" + _MONTH_NAMES.removesuffix(r"\.?") + r")\b|" + _SCALE.pattern)
# Words too general to be evidence of a claim even when rare in two texts.
_WEAK = frozenset(
    """also new one two three first last next year years week weeks month months day days time
    times told according report reported reports reporting said says saying like just including
    well way ways thing things part lot lots number percent cent people""".split()
)


class Token(NamedTuple):
    """One key of a sentence and where its words are: ``text == source[start:end]``.

    A named tuple, not a dataclass: a 20 KB article makes thousands of them.
    """

    key: str
    start: int
    end: int
    text: str

    @property
    def kind(self) -> str:
        """``entity``, ``figure``, ``name`` (a capitalised word) or ``term`` (a word stem)."""
        if self.key.startswith("@"):
            return "entity"
        if self.key.startswith("#"):
            return "figure"
        return "name" if self.text[:1].isupper() else "term"


def claim_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The claim keys of ``text[start:end]`` with their spans (offsets index ``text``)."""
    found: list[Token] = []
    for kind, match in _matches(text, start, len(text) if end is None else end):
        if kind == "word":
            key = _word_key(match.group())
            if key:
                found.append(Token(key, match.start(), match.end(), match.group()))
        else:
            found.append(_figure_token(kind, match))
    found.sort(key=lambda token: token.start)
    return found


def claim_keys(text: str, start: int = 0, end: int | None = None) -> dict[str, str]:
    """The claim keys of ``text[start:end]``, each with the first words that carry it.

    What :func:`claim_tokens` finds, without the spans: the cheap form every sentence of both
    texts needs (spans are only wanted for the few sentences that pair up).
    """
    found: dict[str, str] = {}
    stop = len(text) if end is None else end
    if _HINT.search(text, start, stop) is None:  # the common case, inlined: words only
        for word in _WORD.findall(text, start, stop):
            key = _word_key(word)
            if key and key not in found:
                found[key] = word
        return found
    for kind, match in _matches(text, start, stop):
        if kind == "word":
            raw = match.group()
            key = _word_key(raw)
            if key and key not in found:
                found[key] = raw
        else:
            token = _figure_token(kind, match)
            found.setdefault(token.key, token.text)
    return found


def _matches(text: str, start: int, stop: int) -> Iterator[tuple[str, re.Match[str]]]:
    """Dates, numbers in words, figures, then the words outside them, in that order.

    Most sentences have no digit, month or scale word: they take the fast path, words only.
    """
    if _HINT.search(text, start, stop) is None:
        for match in _WORD.finditer(text, start, stop):
            yield "word", match
        return
    taken: list[tuple[int, int]] = []
    if _SCALE.search(text, start, stop):
        for match in _COUNT.finditer(text, start, stop):
            taken.append(match.span())
            yield "count", match
    for match in _SPECIAL.finditer(text, start, stop):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        kind = match.lastgroup or "figure"
        if kind == "figure" and not any(ch.isdigit() for ch in match.group()):
            continue
        taken.append(match.span())
        yield kind, match
    # The spans taken do not overlap, so sorted by start they are sorted by end too: a word
    # overlaps one only if it overlaps the last span starting before the word ends.
    taken.sort()
    starts = [s for s, _ in taken]
    ends = [e for _, e in taken]
    for match in _WORD.finditer(text, start, stop):
        before = bisect_left(starts, match.end()) - 1
        if before < 0 or ends[before] <= match.start():
            yield "word", match


def _figure_token(kind: str, match: re.Match[str]) -> Token:
    """The token of a date, a number in words or a figure."""
    raw = match.group()
    if kind == "date":
        return Token(f"#{figure_value(raw, 'date')}", match.start(), match.end(), raw)
    if kind == "count":
        count, scale = raw.lower().rsplit(" ", 1)
        value = int(_COUNTS[count] * _SCALE_WORDS[scale])
        return Token(f"#{value}", match.start(), match.end(), raw)
    raw = raw.rstrip(",.")
    money = "money" if raw[:1] in "$€£¥₴₽" else "figure"
    return Token(f"#{figure_value(raw, money)}", match.start(), match.start() + len(raw), raw)


def entity_tokens(
    sentence_start: int, sentence_end: int, mentions: Sequence[tuple[int, int, str, str]]
) -> list[Token]:
    """``@id`` keys for the entity mentions ``(start, end, id, text)`` inside a sentence."""
    return [
        Token(f"@{entity_id}", start, end, text)
        for start, end, entity_id, text in mentions
        if sentence_start <= start and end <= sentence_end
    ]


def word_key(word: str) -> str:
    """The claim key of one word ("" for a stopword or a word too general to count)."""
    return _word_key(word)


@lru_cache(maxsize=65536)  # pure, and most words repeat
def _word_key(word: str) -> str:
    from whoosh.lang.porter import stem

    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    low = low.replace("-", "").replace("'", "")
    if len(low) < 3 or low in STOPWORDS or low in _WEAK:
        return ""
    return str(stem(low))[:PREFIX]
