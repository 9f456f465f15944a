"""File names as text that every store and output can hold, and back.

A POSIX file name is bytes. Python gives names that are not UTF-8 as strings with
lone surrogates (``os.fsdecode``), which SQLite, Whoosh, JSON and ``print`` all
refuse ("surrogates not allowed"). So reader keeps every name in its *text form*:

* a byte that is not part of valid UTF-8 is written ``\\xNN`` (e.g. ``bad\\xe9.txt``);
* a backslash that would otherwise read as such an escape (followed by ``x`` and two
  hex digits, ``u`` and four, ``U`` and eight) is written ``\\x5c``;
* everything else is kept as it is, so the text form of an ordinary name is the name.

The text form is lossless: :func:`real_name` gives the name back. Document ids are
built from it with :func:`reader.core.text.display.safe_name` on top (controls and
invisible characters escaped too), which stays one-to-one because of the second
rule: every escape in an id is one of ours.
"""

from __future__ import annotations

import os
import re

_LOOKS_ESCAPED = re.compile(rb"\\(?=x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))")


def name_text(name: str) -> str:
    """The text form of a name or path as ``os`` gives it (see the module docstring)."""
    if "\\" not in name and name.isprintable() and _is_utf8(name):
        return name  # the common case, without re-encoding
    raw = os.fsencode(name)
    if b"\\" in raw:
        raw = _LOOKS_ESCAPED.sub(rb"\\x5c", raw)
    return raw.decode("utf-8", "backslashreplace")


def real_name(text: str) -> str:
    """The name or path (as ``os`` takes it) whose text form or id form is ``text``.

    Undoes :func:`name_text` and :func:`reader.core.text.display.safe_name`: ``\\xNN`` is
    the byte NN, ``\\uNNNN`` and ``\\UNNNNNNNN`` the character.
    """
    if "\\" not in text:
        return text
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(text):
        out += text[position : match.start()].encode("utf-8", "surrogateescape")
        byte, short, long = match.groups()
        if byte is not None:
            out.append(int(byte, 16))
        else:
            out += chr(int(short or long, 16)).encode("utf-8", "surrogatepass")
        position = match.end()
    out += text[position:].encode("utf-8", "surrogateescape")
    return os.fsdecode(bytes(out))


def _is_utf8(name: str) -> bool:
    if name.isascii():  # most names; answered without encoding them
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
