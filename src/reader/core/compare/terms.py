"""Content terms of a sentence: the words and figures that can count as evidence of reuse.

Normalisation is deliberately light so that lightly reworded sentences keep their terms:

- lower case; possessive "'s" dropped; hyphens and apostrophes removed inside words, so
  "pre-war" and "counter-offensive" meet "prewar" and "counteroffensive";
- a plural "s" stripped from longer words ("soldiers" = "soldier", "casualties" = "casualty");
- figures keep their digits, thousands separators dropped ("400,000" = "400000"), currency
  signs dropped, and "%" / "per cent" / "pct" all become the term ``percent``;
- stop words and one-letter words are not terms.

A term containing a digit is a *figure*; figures are weighted up when sentences are paired.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.core.compare.stopwords import STOPWORDS

_TOKEN = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*%?")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PERCENT_WORDS = frozenset({"percent", "pct", "percentage"})


def terms(text: str) -> list[str]:
    """Content terms of ``text`` in order of appearance (repeats kept)."""
    found: list[str] = []
    previous = ""
    for match in _TOKEN.finditer(text):
        token = match.group().lower()
        if token.endswith("%"):
            token = token[:-1]
            term = _normalise(token)
            if term:
                found.append(term)
            found.append("percent")
            previous = "percent"
            continue
        if token == "cent" and previous == "per":
            found.append("percent")
            previous = "percent"
            continue
        previous = token
        term = _normalise(token)
        if term:
            found.append(term)
    return found


@lru_cache(maxsize=65536)
def is_figure(term: str) -> bool:
    """Whether ``term`` is a number or contains one ("400000", "2023", "65th")."""
    return any(ch.isdigit() for ch in term)


@lru_cache(maxsize=65536)  # pure, and most tokens repeat: this is most of terms()'s time
def _normalise(token: str) -> str:
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    token = token.strip("'’.,-")
    if not token:
        return ""
    if is_figure(token):
        if _THOUSANDS.fullmatch(token):
            token = token.replace(",", "")
        return token
    token = token.replace("-", "").replace("'", "").replace("’", "")
    if token in _PERCENT_WORDS:
        return "percent"
    if len(token) < 2 or token in STOPWORDS:
        return ""
    return _singular(token)


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
