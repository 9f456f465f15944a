"""Sentences and paragraphs of an article, for the passage cursor (:mod:`.cursor`).

The cursor moves over sentences (``reader.core.compare.split_sentences`` spans) and
jumps between paragraphs (text separated by a blank line, as the article view lays
them out). A paragraph is only split into sentences when the cursor first reaches
it, so a 20 MB article costs one scan for blank lines, not a full sentence split.

A position is a :class:`Place`: (paragraph index, sentence index in it). Every
non-empty paragraph has at least one sentence; empty ones are never stored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class Place(NamedTuple):
    paragraph: int
    sentence: int


class Passages:
    """Sentence and paragraph navigation over one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs: list[tuple[int, int]] = []
        start = 0
        for match in _BLANK_LINE.finditer(text):
            self._add_paragraph(start, match.start())
            start = match.end()
        self._add_paragraph(start, len(text))
        self._starts = [start for start, _ in self.paragraphs]
        self._sentences: dict[int, list[tuple[int, int]]] = {}

    def _add_paragraph(self, start: int, end: int) -> None:
        if self.text[start:end].strip():
            self.paragraphs.append((start, end))

    def __bool__(self) -> bool:
        return bool(self.paragraphs)

    def sentences(self, paragraph: int) -> list[tuple[int, int]]:
        """The sentence spans of one paragraph (split on first use, then cached)."""
        found = self._sentences.get(paragraph)
        if found is None:
            # Imported here: the compare package is not needed before the cursor is used.
            from reader.core.compare.sentences import split_sentences

            start, end = self.paragraphs[paragraph]
            spans = split_sentences(self.text[start:end])
            found = [(start + s.start, start + s.end) for s in spans] or [(start, end)]
            self._sentences[paragraph] = found
        return found

    def span(self, place: Place) -> tuple[int, int]:
        return self.sentences(place.paragraph)[place.sentence]

    def place_at(self, offset: int) -> Place | None:
        """The sentence holding ``offset``, else the first one after it (or the last)."""
        if not self.paragraphs:
            return None
        paragraph = max(0, bisect_right(self._starts, offset) - 1)
        if offset >= self.paragraphs[paragraph][1] and paragraph + 1 < len(self.paragraphs):
            return Place(paragraph + 1, 0)  # in the gap after a paragraph
        sentences = self.sentences(paragraph)
        for index, (_start, end) in enumerate(sentences):
            if offset < end:
                return Place(paragraph, index)
        return Place(paragraph, len(sentences) - 1)

    def next_sentence(self, place: Place) -> Place:
        if place.sentence + 1 < len(self.sentences(place.paragraph)):
            return Place(place.paragraph, place.sentence + 1)
        return self.next_paragraph(place)

    def previous_sentence(self, place: Place) -> Place:
        if place.sentence > 0:
            return Place(place.paragraph, place.sentence - 1)
        if place.paragraph == 0:
            return place
        paragraph = place.paragraph - 1
        return Place(paragraph, len(self.sentences(paragraph)) - 1)

    def next_paragraph(self, place: Place) -> Place:
        """The first sentence of the next paragraph (stays put in the last one)."""
        if place.paragraph + 1 < len(self.paragraphs):
            return Place(place.paragraph + 1, 0)
        return place

    def previous_paragraph(self, place: Place) -> Place:
        """The start of this paragraph, or of the one before if already there (as vim's ``{``)."""
        if place.sentence > 0:
            return Place(place.paragraph, 0)
        return Place(max(0, place.paragraph - 1), 0)
