"""Names (file names, ids, folder names) made safe to show on a terminal.

A file name is whatever bytes its author chose: it can hold an escape sequence that
clears the screen or sets the clipboard (OSC 52), a bidi override that makes the rest of
the line read backwards, or bytes that are not UTF-8 (decoded as lone surrogates, which
a terminal cannot even be sent). :func:`safe_name` keeps every ordinary character,
including any script, and shows each of those others as a visible stand-in (never drops
it), so the name stays recognisable and the reader sees that something odd is in it.
"""

from __future__ import annotations

import unicodedata

# Embeddings, overrides and isolates reorder the text after them ("Trojan Source").
# The marks (LRM, RLM, ALM) only set a direction for neutral characters and are kept.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\u0085\u2028\u2029")  # break a line in some terminals


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ESC shows as ␛, BEL as ␇
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that was not UTF-8 (surrogateescape)
    if code <= 0xFF:
        return f"\\x{code:02x}"  # C1 controls (CSI 0x9b and the like)
    return f"\\u{code:04x}"


def safe_name(text: str) -> str:
    """``text`` with every control, bidi override and undecodable byte made visible."""
    if text.isprintable() and not _BIDI_CONTROLS.intersection(text):
        return text  # the usual case, checked in C
    return "".join(
        _stand_in(char)
        if char in _BIDI_CONTROLS
        or char in _LINE_BREAKS
        or unicodedata.category(char) in ("Cc", "Cs")
        else char
        for char in text
    )
