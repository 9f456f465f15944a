"""Turning raw file text into safe, normalised text.

Article text is data: escape sequences (ANSI CSI, OSC hyperlinks, ...) and other
control bytes are removed here, once, so nothing downstream can send them to a
terminal. Line endings become ``\\n``.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, and
# their 8-bit C1 forms. Bounded repetitions keep the patterns linear on hostile input.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]"
    r"|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"
    r"|\x9b[0-?]{0,64}[ -/]{0,16}[@-~]"
    r"|\x9d[^\x07\x1b\x9c]{0,4096}(?:\x07|\x9c)?"
    r"|\x1b[@-Z\\-_]?"
)
# C0 controls except tab and newline, DEL, C1 controls, and Unicode bidi overrides
# that could make displayed text differ from its logical order.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters (keeps ``\\n`` and ``\\t``)."""
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def normalise(raw: str) -> str:
    """BOM off, CRLF/CR to LF, tabs to spaces, controls stripped."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in raw:
        raw = raw.replace("\t", "    ")
    return strip_controls(raw)
