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
from collections.abc import Sequence
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
_ANY = re.compile(
    # The lookaheads make the rarer alternatives fail at once at most positions.
    rf"(?P<date>(?=[\dJFMASOND])(?:{_DATE.pattern}))"
    rf"|(?P<count>(?=[a-zA-Z]+ (?:[a-z]+ )?(?i:thousand|million|billion)\b)(?i:{_WORD_NUMBER}))"
    rf"|(?P<figure>(?=[$€£¥₴₽\d]){_FIGURE.pattern})"
    rf"|(?P<word>{_WORD.pattern})"
)
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
    stop = len(text) if end is None else end
    found: list[Token] = []
    # One pass: at each position the alternation tries a date, a number in words, a figure,
    # then a word, so "1 February 2024" is one date and not "1", "February", "2024".
    for match in _ANY.finditer(text, start, stop):
        group = match.lastgroup
        raw = match.group()
        if group == "date":
            found.append(Token(f"#{figure_value(raw, 'date')}", match.start(), match.end(), raw))
        elif group == "count":
            count, scale = raw.lower().rsplit(" ", 1)
            value = int(_COUNTS[count] * _SCALE_WORDS[scale])
            found.append(Token(f"#{value}", match.start(), match.end(), raw))
        elif group == "figure":
            raw = raw.rstrip(",.")
            kind = "money" if raw[:1] in "$€£¥₴₽" else "figure"
            found.append(
                Token(f"#{figure_value(raw, kind)}", match.start(), match.start() + len(raw), raw)
            )
        else:
            key = _word_key(raw)
            if key:
                found.append(Token(key, match.start(), match.end(), raw))
    return found


def entity_tokens(
    sentence_start: int, sentence_end: int, mentions: Sequence[tuple[int, int, str, str]]
) -> list[Token]:
    """``@id`` keys for the entity mentions ``(start, end, id, text)`` inside a sentence."""
    return [
        Token(f"@{entity_id}", start, end, text)
        for start, end, entity_id, text in mentions
        if sentence_start <= start and end <= sentence_end
    ]


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
