"""Word-level differences inside a pair of passages, as character spans on both sides.

Both passages are cut into words (letters/digits with inner hyphens, apostrophes, dots and
commas, so "400,000" and "pre-war" are one word; punctuation is not a word) and aligned with
:class:`difflib.SequenceMatcher` on their case-folded forms with typographic quotes made plain.
Every stretch that is not the same on both sides is a :class:`Change`:

- ``removed``: words of A not in B (``b`` is the empty span where they would have been);
- ``added``: words of B not in A (``a`` is empty);
- ``changed``: words of A replaced by words of B.

``figure`` is set on a ``changed`` stretch whose two sides both hold a number and do not hold
the same numbers: "400,000" → "500,000" is flagged, "400,000 men" → "400,000 soldiers" is not.
Spans index the full texts the passages were cut from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Literal

from reader.core.compare.spans import Span

ChangeKind = Literal["added", "removed", "changed"]

_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*%?")
_NUMBER = re.compile(r"\d[\d,.]*")
_PLAIN = str.maketrans({"’": "'", "‘": "'"})


@dataclass(frozen=True)
class Change:
    """One stretch of words that differs between the two sides of a pair."""

    kind: ChangeKind
    a: Span
    b: Span
    figure: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "figure": self.figure,
        }


@lru_cache(maxsize=512)  # a pair's kind and its passage ask for the same diff
def word_diff(a_text: str, a: Span, b_text: str, b: Span) -> tuple[tuple[Change, ...], float]:
    """The changes from passage ``a`` (of ``a_text``) to passage ``b`` (of ``b_text``), and the
    share of words the two have in common, in order (``2 * same / (words_a + words_b)``)."""
    a_words = [m.span() for m in _WORD.finditer(a_text, a.start, a.end)]
    b_words = [m.span() for m in _WORD.finditer(b_text, b.start, b.end)]
    a_keys = [a_text[s:e].casefold().translate(_PLAIN) for s, e in a_words]
    b_keys = [b_text[s:e].casefold().translate(_PLAIN) for s, e in b_words]
    matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    changes: list[Change] = []
    same = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same += i2 - i1
            continue
        a_span = _cover(a_text, a_words, i1, i2, a)
        b_span = _cover(b_text, b_words, j1, j2, b)
        if tag == "delete":
            changes.append(Change("removed", a_span, b_span))
        elif tag == "insert":
            changes.append(Change("added", a_span, b_span))
        else:
            changes.append(Change("changed", a_span, b_span, _figure_changed(a_span, b_span)))
    total = len(a_keys) + len(b_keys)
    return tuple(changes), (2 * same / total if total else 1.0)


def _cover(text: str, words: Sequence[tuple[int, int]], first: int, last: int, whole: Span) -> Span:
    """The span of ``words[first:last]``; for no words, the empty span where they would go."""
    if first < last:
        return Span.of(text, words[first][0], words[last - 1][1])
    at = words[first][0] if first < len(words) else (words[-1][1] if words else whole.end)
    return Span.of(text, at, at)


def _figure_changed(a: Span, b: Span) -> bool:
    a_numbers = {n.rstrip(",.").replace(",", "") for n in _NUMBER.findall(a.text)}
    b_numbers = {n.rstrip(",.").replace(",", "") for n in _NUMBER.findall(b.text)}
    return bool(a_numbers) and bool(b_numbers) and a_numbers != b_numbers
