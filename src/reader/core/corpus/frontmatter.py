"""YAML front matter: split it off, load it safely, refuse hostile input.

Front matter is untrusted: it may be malformed, huge, or an alias bomb ("billion
laughs"), whose anchors are cheap to load but explode when walked. We cap the size,
load with ``SafeLoader`` and a bounded alias count, then copy the result with a node
budget, so no file can make reader hang or eat memory.

Most front matter is loaded by libyaml (``yaml.CSafeLoader``, when PyYAML was built with it):
PyYAML's pure-Python scanner, parser and composer cost about 2 ms a block, most of a document's
parsing. libyaml composes in C, where the alias count cannot be hooked, so it is given only
blocks without a ``*`` (an alias cannot be written without one), with the same safe constructor
and resolvers; its result goes through the same checks. Whatever it refuses (or any block with
a ``*``) is loaded by the pure-Python loader, so a warning reads the same either way, and
``tests/core/test_frontmatter_paths.py`` checks that both paths give the same results.
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


# Flow brackets beyond which a block goes to the pure-Python loader: libyaml's composer
# recurses in C for each level, where Python's recursion limit does not guard the stack.
MAX_FLOW_MARKS = 200

# libyaml's loader with the same resolvers (no timestamps), for blocks without aliases.
_FastLoader: type[Any] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):
        pass

    _CLoader.yaml_implicit_resolvers = _BoundedLoader.yaml_implicit_resolvers
    _FastLoader = _CLoader


def load_front_matter(block: str) -> dict[str, Any]:
    if len(block) > MAX_FRONT_MATTER:
        raise FrontMatterError("front matter larger than 64 KB")
    if _FastLoader is not None and _for_libyaml(block):
        try:
            return _checked(_load(_FastLoader, block))
        except Exception:  # refused here: the pure-Python loader says why, in its words
            pass
    return load_front_matter_python(block)


def _for_libyaml(block: str) -> bool:
    """Whether libyaml may load ``block``: it has no alias (``*``), a bounded nesting, and
    none of what libyaml reads where PyYAML refuses it (found by comparing the two on
    generated blocks): a tab, a byte-order mark, a ``?`` in a flow collection."""
    flow = block.count("[") + block.count("{")
    return (
        flow <= MAX_FLOW_MARKS
        and "*" not in block
        and "\t" not in block
        and "\ufeff" not in block
        and not (flow and "?" in block)
    )


def _load(loader_class: type[Any], block: str) -> Any:
    loader = loader_class(block)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_front_matter_python(block: str) -> dict[str, Any]:
    """:func:`load_front_matter` by PyYAML's pure-Python loader alone (the reference)."""
    if len(block) > MAX_FRONT_MATTER:
        raise FrontMatterError("front matter larger than 64 KB")
    try:
        data = _load(_BoundedLoader, block)
    except FrontMatterError:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise FrontMatterError(f"invalid YAML{where}: {problem}") from None
    except MemoryError:
        raise
    except Exception as error:  # PyYAML's constructors fail in other ways too ("!!int ")
        raise FrontMatterError(f"unusable YAML: {type(error).__name__}") from None
    return _checked(data)


def _checked(data: Any) -> dict[str, Any]:
    """Loaded front matter as a plain mapping, or the error saying why it is not one."""
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
