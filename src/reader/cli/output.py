"""Printing for people (Rich, on a terminal) and for programs (JSON, plain text).

Article text is data: everything from a document is printed as ``rich.text.Text``
or written raw, never passed through Rich markup.

JSON is exact data, and safe on a terminal: ``json`` escapes C0 controls itself, and
:func:`_json_text` writes the characters it leaves raw that a terminal would act on
(C1 controls, bidi and other format characters, line separators) and lone surrogates
as ``\\uXXXX`` escapes, which any JSON reader turns back into the same string.
"""

from __future__ import annotations

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


def print_json_array(items: Iterable[Any]) -> None:
    """What :func:`print_json` prints of ``list(items)``, written item by item: an answer
    too big to hold twice in memory (every mention of an archive) is never held whole."""
    write = sys.stdout.write
    opening = "[\n  "
    for item in items:
        # The item one level in: JSON strings hold no raw newline, so every line break
        # is the layout's.
        write(opening + _json_text(item, 2).replace("\n", "\n  "))
        opening = ",\n  "
    write("[]\n" if opening.startswith("[") else "\n]\n")


def print_json_line(value: Any) -> None:
    sys.stdout.write(_json_text(value, None) + "\n")
    sys.stdout.flush()
