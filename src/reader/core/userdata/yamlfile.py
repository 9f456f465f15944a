"""Reading the user's YAML files (config, themes, aliases, bookmarks, state) with bounds.

Every user file goes through :func:`load_file` (or :func:`parse` for bytes already in
hand), which refuses, with one line naming the file, before doing unbounded work:

- a path that is not a regular file (a folder, a FIFO, a device): it is never opened
  for a blocking read, so a FIFO in place of ``config.yaml`` cannot hang start-up;
- more than ``Limits.max_bytes`` bytes (only that many plus one are ever read);
- text that is not UTF-8, or not YAML;
- more than ``Limits.max_nodes`` nodes *counting what aliases expand to*: a YAML alias
  (``*name``) is one event in the file but stands for the whole anchored node, so a
  266-byte "billion laughs" file is a billion strings once something walks or prints
  it. The composer counts each alias as the size of what it names and stops at the cap,
  so it never builds more than ``max_nodes`` nodes whatever the file says;
- more than ``Limits.max_aliases`` alias uses, an alias inside the node it names
  (a recursive structure), or nesting deeper than ``Limits.max_depth``.

Parsing stays in libyaml's C parser; only composing (events to nodes) runs in Python,
which is where the counting happens. Constructing is PyYAML's *safe* constructor, so no
Python object is ever built from a file. The cyclic garbage collector is paused while
a file is loaded: the objects made cannot form cycles (recursive aliases are refused),
and on a large bookmarks file its full collections were a third of the time.

The rest of a file's checking is per kind (what keys, what types), in the modules that
own each file; :class:`Problems` and :func:`shown` give them one style of message:
``<file>: <key path>: <what is wrong>; <what reader does>``, one line, cut to a sane
length, control characters removed.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import Node

from reader.core.text.textnorm import strip_controls

KIB = 1024
MIB = 1024 * KIB

MESSAGE_CHARS = 300
"""The longest problem line (a path and a key path included)."""


@dataclass(frozen=True)
class Limits:
    """What one kind of user file may hold before reader refuses to read it."""

    max_bytes: int
    max_nodes: int
    max_depth: int = 16
    max_aliases: int = 1000


# A config or a theme is a few hundred bytes; 1 MiB is a thousand times that.
CONFIG_LIMITS = Limits(max_bytes=1 * MIB, max_nodes=50_000)
THEME_LIMITS = Limits(max_bytes=1 * MIB, max_nodes=10_000)
# Aliases are written by the app one entry at a time and by hand: 10 MiB is some
# 200,000 entries, far more than a corpus has entities worth correcting.
ALIASES_LIMITS = Limits(max_bytes=10 * MIB, max_nodes=2_000_000)
# Remembered state: two keys per corpus, at most 200 queries of history.
STATE_LIMITS = Limits(max_bytes=1 * MIB, max_nodes=10_000)
# Bookmarks: see reader.core.bookmarks.fileformat (16 MiB, about 35,000 bookmarks).
BOOKMARKS_LIMITS = Limits(max_bytes=16 * MIB, max_nodes=2_000_000, max_depth=32, max_aliases=0)


class YamlFileError(ValueError):
    """A user file that cannot be used at all; ``str()`` is one line without the path."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""What :func:`load_file` returns for a file that does not exist."""


def one_line(text: str, limit: int = MESSAGE_CHARS) -> str:
    """``text`` on one line, control characters out, cut to ``limit`` characters."""
    flat = " ".join(strip_controls(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def shown(value: Any, limit: int = 40) -> str:
    """A short, safe picture of a value from a file, for a message."""
    if isinstance(value, str):
        return repr(one_line(value, limit)) if len(value) <= limit else repr(value[:limit]) + "…"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null (empty)"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, (int, float)):
        text = (
            str(value)
            if not isinstance(value, int) or value.bit_length() < 128
            else "a huge number"
        )
        return one_line(text, limit)
    if isinstance(value, dict):
        return f"a mapping of {len(value)}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return f"a {type(value).__name__}"


def key_path(*parts: Any) -> str:
    """``rename.place:kyiv`` or ``bookmarks[3].tags``: where in a file a value is."""
    out = ""
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            text = part if isinstance(part, str) else shown(part)
            out += ("." if out else "") + one_line(text, 60)
    return out


@dataclass
class Problems:
    """One-line problems found in one file: ``<file>: <where>: <message>``."""

    source: str
    lines: list[str] = field(default_factory=list)
    limit: int = 100

    def add(self, where: str, message: str) -> None:
        if len(self.lines) == self.limit:
            self.lines.append(f"{self.source}: more problems not listed")
        if len(self.lines) > self.limit:
            return
        prefix = f"{self.source}: {where}: " if where else f"{self.source}: "
        self.lines.append(one_line(prefix + message))

    def __bool__(self) -> bool:
        return bool(self.lines)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (raises :class:`YamlFileError`).

    Opened non-blocking and checked with ``fstat`` before any read: a FIFO or a device
    in place of the file is refused instead of waited on or read forever. Raises
    ``FileNotFoundError`` for a missing file so callers can treat it as empty.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise YamlFileError(f"cannot be read ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise YamlFileError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise YamlFileError("is not a regular file (a FIFO, socket or device); not read")
        if info.st_size > max_bytes:
            raise YamlFileError(f"is larger than {_size(max_bytes)}; not read")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 * MIB, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew while being read
            raise YamlFileError(f"is larger than {_size(max_bytes)}; not read")
        return b"".join(chunks)
    except OSError as error:
        raise YamlFileError(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)


def _size(count: int) -> str:
    return f"{count // MIB} MiB" if count % MIB == 0 else f"{count:,} bytes"


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _BoundedLoader(Composer, _Base):  # type: ignore[misc]
    """libyaml's parser, a counting composer (first in the MRO, so it replaces the C
    one), PyYAML's safe constructor and resolver."""

    def __init__(self, stream: str, limits: Limits) -> None:
        _Base.__init__(self, stream)
        Composer.__init__(self)
        self.limits = limits
        self.nodes = 0  # nodes composed, each alias counted as the size of its node
        self.chars = 0  # characters of scalars, the same way
        self.max_chars = 2 * limits.max_bytes
        self.aliases = 0
        self.depth = 0
        self.sizes: dict[int, tuple[int, int]] = {}  # id(anchored node) -> (nodes, chars)

    def _refuse(self, message: str, event: Any) -> None:
        mark = getattr(event, "start_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise YamlFileError(message + where)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        limits = self.limits
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self.aliases += 1
            if self.aliases > limits.max_aliases:
                if limits.max_aliases == 0:
                    self._refuse("uses YAML aliases (*name), which this file never needs", event)
                self._refuse(f"uses more than {limits.max_aliases:,} YAML aliases", event)
            node = self.anchors.get(event.anchor)
            if node is not None:
                size = self.sizes.get(id(node))
                if size is None:
                    self._refuse("has an alias inside the node it names (a loop)", event)
                else:
                    self._count(*size, event)
            return super().compose_node(parent, index)
        event = self.peek_event()
        self.depth += 1
        if self.depth > limits.max_depth:
            self._refuse(f"is nested more than {limits.max_depth} levels deep", event)
        scalar = event.value if isinstance(event, yaml.ScalarEvent) else ""
        self._count(1, len(scalar), event)
        nodes, chars = self.nodes, self.chars
        node = super().compose_node(parent, index)
        self.depth -= 1
        if event.anchor is not None:
            self.sizes[id(node)] = (self.nodes - nodes + 1, self.chars - chars + len(scalar))
        return node

    def _count(self, nodes: int, chars: int, event: Any) -> None:
        self.nodes += nodes
        self.chars += chars
        if self.chars > self.max_chars:
            self._refuse(
                f"holds more than {self.max_chars:,} characters once its aliases are expanded",
                event,
            )
        if self.nodes > self.limits.max_nodes:
            self._refuse(
                f"holds more than {self.limits.max_nodes:,} values"
                + (" once its aliases are expanded" if self.aliases else ""),
                event,
            )


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse(raw: bytes | str, limits: Limits) -> Any:
    """The data of one YAML document (raises :class:`YamlFileError`, one line)."""
    if len(raw) > limits.max_bytes:
        raise YamlFileError(f"is larger than {_size(limits.max_bytes)}; not read")
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise YamlFileError(f"is not UTF-8 text (byte {error.start})") from None
    else:
        text = raw
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = _BoundedLoader(text, limits)
    try:
        with _gc_paused():
            return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        raise YamlFileError(_yaml_problem(error)) from None
    except yaml.YAMLError as error:
        raise YamlFileError(f"is not valid YAML ({one_line(str(error), 120)})") from None
    except (RecursionError, MemoryError) as error:
        raise YamlFileError(f"could not be read ({type(error).__name__})") from None
    except (ValueError, OverflowError, TypeError) as error:
        if isinstance(error, YamlFileError):
            raise
        # The safe constructor's own failures: a timestamp out of range, say.
        raise YamlFileError(f"has a value YAML cannot hold ({one_line(str(error), 80)})") from None
    finally:
        loader.dispose()


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    what = error.problem or error.context or "syntax error"
    if "nesting depth" in what:
        return "is nested too deeply"
    mark = error.problem_mark or error.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"is not valid YAML{where} ({one_line(what, 100)})"


def load_file(path: Path, limits: Limits) -> Any:
    """The data of the YAML file at ``path``; :data:`MISSING` if there is none.

    Raises :class:`YamlFileError` (one line, without the path) for anything else that
    keeps the file from being used. The file is only ever read.
    """
    try:
        raw = read_bytes(path, limits.max_bytes)
    except FileNotFoundError:
        return MISSING
    return parse(raw, limits)
