"""Word-wrapping article text into display lines that remember their offsets.

Every display line is a ``(start, end)`` slice of the document text, so a search
hit, an entity mention or a bookmark (all character offsets) maps straight to a
line and column, and back. Widths are terminal cells (wide characters count 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Layout:
    """Display lines of a text at one width; a blank line separates paragraphs."""

    width: int
    starts: list[int]  # document offset where each line starts (-1 for a blank line)
    ends: list[int]

    def __len__(self) -> int:
        return len(self.starts)


def wrap_paragraph(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]``; long words are split at the width."""
    lines: list[tuple[int, int]] = []
    line_start = start
    used = 0
    for match in _WORD.finditer(text, start, end):
        word = match.group(0)
        stripped = word.rstrip()
        measure = len(stripped) if stripped.isascii() else cell_len(stripped)
        if used and used + measure > width:
            lines.append((line_start, match.start()))
            line_start = match.start()
            used = 0
        if measure > width:  # a word longer than a line: cut it into line-sized pieces
            piece_start = match.start()
            word_end = match.start() + len(stripped)
            while word_end - piece_start > 0:
                piece = text[piece_start:word_end]
                size = width if piece.isascii() else _cut(piece, width)
                if size >= len(piece):
                    break
                lines.append((piece_start, piece_start + size))
                piece_start += size
            line_start = piece_start
            measure = cell_len(text[piece_start:word_end])
        gap = len(word) - len(word.rstrip())
        used += measure + gap
    if line_start < end or not lines:
        lines.append((line_start, end))
    return lines


def _cut(word: str, width: int) -> int:
    total = 0
    for index, char in enumerate(word):
        total += cell_len(char)
        if total > width:
            return max(index, 1)
    return len(word)


def layout_text(text: str, width: int, *, pause: Callable[[], None] | None = None) -> Layout:
    """Lay out paragraphs (split on blank lines; single newlines kept as line breaks).

    ``pause`` is called after each line of the text: a worker laying out a very long
    text uses it to stop when the layout is no longer wanted.
    """
    width = max(width, 10)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    length = len(text)
    while position <= length:
        para_end = text.find("\n\n", position)
        if para_end == -1:
            para_end = length
        line_start = position
        while line_start <= para_end:
            nl = text.find("\n", line_start, para_end)
            line_end = para_end if nl == -1 else nl
            for a, b in wrap_paragraph(text, line_start, line_end, width):
                starts.append(a)
                ends.append(b)
            line_start = line_end + 1
            if pause is not None:
                pause()
        position = para_end + 2
        if position <= length:
            starts.append(-1)
            ends.append(-1)
    return Layout(width, starts, ends)
