"""YAML front matter: split it off, load it safely, refuse hostile input.

Front matter is untrusted: it may be malformed, huge, or an alias bomb ("billion
laughs"), whose anchors are cheap to load but explode when walked. We cap the size,
load with ``SafeLoader`` and a bounded alias count, then copy the result with a node
budget, so no file can make reader hang or eat memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from reader.core.text.textnorm import strip_controls

MAX_FRONT_MATTER = 64 * 1024
MAX_ALIASES = 50
MAX_NODES = 5000


class FrontMatterError(ValueError):
    """Front matter that could not be used; the message is one line for the user."""


@dataclass(frozen=True)
class Split:
    data: dict[str, Any] | None
    body: str
    warning: str | None = None


def split_front_matter(text: str) -> Split:
    """Separate a leading ``---`` YAML block from the body.

    Returns ``data=None`` when there is no front matter. When there is one but it
    cannot be used, the block is still removed from the body and ``warning`` says why.
    """
    if not text.startswith("---\n"):
        return Split(None, text)
    end = _closing_fence(text)
    if end is None:
        return Split(None, text)
    block_end, body_start = end
    block = text[4:block_end]
    body = text[body_start:]
    try:
        return Split(load_front_matter(block), body)
    except FrontMatterError as error:
        return Split(None, body, f"front matter ignored: {error}")


def _closing_fence(text: str) -> tuple[int, int] | None:
    limit = min(len(text), MAX_FRONT_MATTER + 8)
    pos = 4
    while pos < limit:
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        line = text[pos:line_end].rstrip()
        if line in ("---", "..."):
            return pos, (line_end + 1 if nl != -1 else line_end)
        if nl == -1:
            return None
        pos = nl + 1
    return None


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents with many aliases (the alias-bomb shape)."""

    aliases_seen = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                raise FrontMatterError("too many YAML aliases")
        return super().compose_node(parent, index)


# Dates stay strings: ``normalise_date`` reads them, so an impossible date such as
# ``2024-13-45`` costs a warning about the date, not the whole front matter.
_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_front_matter(block: str) -> dict[str, Any]:
    if len(block) > MAX_FRONT_MATTER:
        raise FrontMatterError("front matter larger than 64 KB")
    try:
        loader = _BoundedLoader(block)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except FrontMatterError:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise FrontMatterError(f"invalid YAML{where}: {problem}") from None
    except (RecursionError, ValueError, TypeError) as error:
        raise FrontMatterError(f"unusable YAML: {type(error).__name__}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values")
    budget = [MAX_NODES]
    plain = _plain(data, budget, 0)
    assert isinstance(plain, dict)
    return plain


def _plain(value: Any, budget: list[int], depth: int) -> Any:
    """A JSON-friendly copy of loaded YAML, walking at most MAX_NODES nodes."""
    budget[0] -= 1
    if budget[0] < 0 or depth > 20:
        raise FrontMatterError("front matter too large or too deeply nested")
    if isinstance(value, dict):
        return {strip_controls(str(k)): _plain(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v, budget, depth + 1) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return strip_controls(value.decode("utf-8", "replace"))
    if isinstance(value, str):
        # YAML escapes ("\x1b", "\e") can build control characters the file never
        # held literally: text is data, so they go here too.
        return strip_controls(value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return strip_controls(str(value))
