"""Making names, paths and ids safe to show on a terminal.

File names are chosen by whoever made the corpus, and a name can hold anything but
``/`` and NUL: ESC sequences that clear the screen or write the clipboard (OSC 52),
bidi overrides that reverse what follows, invisible format characters, bytes that are
not UTF-8. :func:`safe_name` turns each of them into visible text, so the name still
says which file it is and nothing reaches the terminal as a command.
"""

from __future__ import annotations

import re
import unicodedata

# Candidates: C0 controls (tab and newline too: a name is one line), DEL, C1 controls,
# the Unicode format characters (bidi marks, overrides and isolates, zero-width
# characters, tag characters...), line/paragraph separators, and lone surrogates
# (bytes that were not UTF-8, as os.fsdecode leaves them). The regex only finds
# candidates fast; _escape decides by category.
_BEYOND_C0 = (
    "\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001-\U000e007f\ud800-\udfff"
)
_SUSPECT = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")


# For writers of formats that escape C0 controls themselves (JSON): the rest.
UNSAFE_BEYOND_C0 = re.compile(f"[{_BEYOND_C0}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Cs"):
        return char
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def safe_name(text: str) -> str:
    """``text`` with every control, format and undecodable character made visible.

    ``ESC`` becomes the four characters ``\\x1b``, U+202E the six characters
    ``\\u202e``, a byte 0xE9 that was not UTF-8 ``\\xe9``. Everything else, including
    letters of any script, is unchanged; so is a text that needs nothing (fast path).
    """
    # isprintable is False for every character escaped here (and for a few harmless
    # ones, such as a no-break space, that the regex then lets through).
    if text.isprintable() or _SUSPECT.search(text) is None:
        return text
    return _SUSPECT.sub(_escape, text)
