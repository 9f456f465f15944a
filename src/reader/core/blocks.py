"""Splitting article text into blocks (paragraphs, headings, lists, code fences)."""

from __future__ import annotations

import re
from dataclasses import dataclass
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

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)

    def words(self) -> int:
        return sum(len(line.split()) for line in self.lines)


def split_blocks(text: str) -> list[Block]:
    """Blocks separated by blank lines; a fenced code block is kept whole."""
    blocks: list[Block] = []
    current: list[str] = []
    fence: str | None = None
    code: list[str] = []

    def flush() -> None:
        if current:
            blocks.extend(_classify(current))
            current.clear()

    for line in text.split("\n"):
        if fence is not None:
            if line.strip().startswith(fence):
                blocks.append(Block("code", code[:]))
                code.clear()
                fence = None
            else:
                code.append(line)
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)
            continue
        if line.strip():
            current.append(line)
        else:
            flush()
    flush()
    if fence is not None and code:
        blocks.append(Block("code", code))
    return blocks


def _classify(lines: list[str]) -> list[Block]:
    """One blank-line-separated group; a heading line stands alone even without blanks."""
    result: list[Block] = []
    rest: list[str] = []
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            if rest:
                result.append(_group(rest))
                rest = []
            result.append(Block("heading", [heading.group(2)], len(heading.group(1))))
        else:
            rest.append(line)
    if rest:
        result.append(_group(rest))
    return result


def _group(lines: list[str]) -> Block:
    if all(line.lstrip().startswith(">") for line in lines):
        return Block("quote", [re.sub(r"^\s*>\s?", "", line) for line in lines])
    if _LIST_ITEM.match(lines[0]) and all(
        _LIST_ITEM.match(line) or line.startswith((" ", "\t")) for line in lines
    ):
        return Block("list", lines)
    return Block("para", lines)
