"""Splitting article text into blocks (paragraphs, headings, lists, code fences)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["para", "heading", "list", "quote", "code"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass
class Block:
    kind: Kind
    lines: list[str]
    level: int = 0  # heading level
    # Where each line came from: (start, end) offsets of the whole source line in the
    # normalised text, so what the cleaner drops can be shown in the original.
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else -1

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else -1

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)

    def words(self) -> int:
        return sum(len(line.split()) for line in self.lines)


def split_blocks(text: str, base: int = 0) -> list[Block]:
    """Blocks separated by blank lines; a fenced code block is kept whole.

    ``base`` is the offset of ``text`` in the normalised file text (after front matter).
    """
    blocks: list[Block] = []
    current: list[tuple[str, tuple[int, int]]] = []
    fence: str | None = None
    code: list[str] = []
    code_spans: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            blocks.extend(_classify(current))
            current.clear()

    pos = base
    for line in text.split("\n"):
        span = (pos, pos + len(line))
        pos += len(line) + 1
        if fence is not None:
            if line.strip().startswith(fence):
                blocks.append(Block("code", code[:], spans=code_spans[:]))
                code.clear()
                code_spans.clear()
                fence = None
            else:
                code.append(line)
                code_spans.append(span)
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)
            continue
        if line.strip():
            current.append((line, span))
        else:
            flush()
    flush()
    if fence is not None and code:
        blocks.append(Block("code", code, spans=code_spans))
    return blocks


def _classify(lines: list[tuple[str, tuple[int, int]]]) -> list[Block]:
    """One blank-line-separated group; a heading line stands alone even without blanks."""
    result: list[Block] = []
    rest: list[tuple[str, tuple[int, int]]] = []
    for line, span in lines:
        heading = _HEADING.match(line)
        if heading:
            if rest:
                result.append(_group(rest))
                rest = []
            result.append(Block("heading", [heading.group(2)], len(heading.group(1)), [span]))
        else:
            rest.append((line, span))
    if rest:
        result.append(_group(rest))
    return result


def _group(numbered: list[tuple[str, tuple[int, int]]]) -> Block:
    lines = [line for line, _ in numbered]
    spans = [span for _, span in numbered]
    if all(line.lstrip().startswith(">") for line in lines):
        return Block("quote", [re.sub(r"^\s*>\s?", "", line) for line in lines], spans=spans)
    if _LIST_ITEM.match(lines[0]) and all(
        _LIST_ITEM.match(line) or line.startswith((" ", "\t")) for line in lines
    ):
        return Block("list", lines, spans=spans)
    return Block("para", lines, spans=spans)
