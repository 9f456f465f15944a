"""Printing for people (Rich, on a terminal) and for programs (JSON, plain text).

Article text is data: everything from a document is printed as ``rich.text.Text``
or written raw, never passed through Rich markup.

JSON is exact data, and safe on a terminal: ``json`` escapes C0 controls itself, and
:func:`_json_text` writes the characters it leaves raw that a terminal would act on
(C1 controls, bidi and other format characters, line separators) and lone surrogates
as ``\\uXXXX`` escapes, which any JSON reader turns back into the same string.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reader.core.text.display import UNSAFE_BEYOND_C0

if TYPE_CHECKING:
    from rich.console import Console


def console() -> Console:
    # Rich loads here, for output to people: a JSON answer never imports it.
    from rich.console import Console

    return Console(markup=False, highlight=False, emoji=False, soft_wrap=not sys.stdout.isatty())


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _json_text(value: Any, indent: int | None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # Outside strings JSON is ASCII, so every such character is inside a string.
    if UNSAFE_BEYOND_C0.search(text) is None:
        return text
    return UNSAFE_BEYOND_C0.sub(_escape, text)


def print_json(value: Any) -> None:
    sys.stdout.write(_json_text(value, 2) + "\n")


def print_json_array(items: Iterable[Any], *, batch: int = 64) -> None:
    """What :func:`print_json` prints of ``list(items)``, written ``batch`` items at a time:
    an answer too big to hold in memory at once (an archive's list, every mention of its
    entities) never is. Items with big insides (an entity with all its mentions) go with
    ``batch=1``."""
    write = sys.stdout.write
    source = iter(items)
    opening = "[\n"
    while chunk := list(itertools.islice(source, batch)):
        # "[\n  item,\n  item\n]": the items as they sit inside the whole array.
        write(opening + _json_text(chunk, 2)[2:-2])
        opening = ",\n"
    write("[]\n" if opening == "[\n" else "\n]\n")


def print_json_line(value: Any) -> None:
    sys.stdout.write(_json_text(value, None) + "\n")
    sys.stdout.flush()
