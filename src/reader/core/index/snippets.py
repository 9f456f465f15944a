"""Short excerpts around the best of a text's hits (see reader.core.index.hits).

Highlights are character spans, never markup: the caller styles them however its
medium wants (Rich spans in the TUI, ``[start, end]`` pairs in JSON).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SNIPPET_WIDTH = 200
MAX_SNIPPETS = 3
ELLIPSIS = "…"


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: tuple[tuple[int, int], ...]
    offset: int  # where the excerpt starts in the document

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "highlights": [list(h) for h in self.highlights]}


def _snap_left(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    space = text.rfind(" ", max(0, pos - 30), pos)
    return space + 1 if space != -1 else pos


def _snap_right(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    space = text.find(" ", pos, pos + 30)
    return space if space != -1 else pos


def make_snippets(
    text: str,
    spans: list[tuple[int, int]],
    *,
    width: int = SNIPPET_WIDTH,
    most: int = MAX_SNIPPETS,
) -> list[Snippet]:
    """Up to ``most`` excerpts, the densest windows first chosen, shown in text order."""
    if not spans:
        end = _snap_right(text, min(len(text), width))
        return [_excerpt(text, 0, end, [])] if text else []
    windows: list[tuple[int, int, list[tuple[int, int]]]] = []
    index = 0
    while index < len(spans):
        first = spans[index]
        start = _snap_left(text, max(0, first[0] - width // 4))
        end = _snap_right(text, min(len(text), start + width))
        inside = []
        while index < len(spans) and spans[index][1] <= end:
            inside.append(spans[index])
            index += 1
        if not inside:  # a single token longer than the window
            inside.append(spans[index])
            end = spans[index][1]
            index += 1
        windows.append((start, end, inside))
    best = sorted(windows, key=lambda w: (-len({text[a:b].lower() for a, b in w[2]}), -len(w[2])))
    chosen = sorted(best[:most], key=lambda w: w[0])
    return [_excerpt(text, start, end, inside) for start, end, inside in chosen]


def _excerpt(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    body = text[start:end].replace("\n", " ")
    shift = len(lead) - start
    highlights = tuple((a + shift, b + shift) for a, b in spans)
    return Snippet(lead + body + tail, highlights, start)
