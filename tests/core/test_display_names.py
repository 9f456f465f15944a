"""Names made safe to print (display.safe_name) and kept as lossless text (filenames)."""

from __future__ import annotations

import os
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.core.text.display import _SUSPECT, safe_name
from reader.core.text.filenames import name_text, real_name

UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}

# Any bytes a POSIX file name may hold: everything but NUL and "/".
name_bytes = st.binary(min_size=1, max_size=40).map(
    lambda b: b.replace(b"\x00", b"a").replace(b"/", b"b")
)


def test_escapes_are_visible_text() -> None:
    assert safe_name("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert safe_name("osc\x1b]52;c;SGk=\x07") == "osc\\x1b]52;c;SGk=\\x07"
    assert safe_name("rev\u202eolleh") == "rev\\u202eolleh"
    assert safe_name("iso\u2066x\u2069") == "iso\\u2066x\\u2069"
    assert safe_name("c1\x9b31m") == "c1\\u009b31m"
    assert safe_name("del\x7f tab\t nl\n") == "del\\x7f tab\\x09 nl\\x0a"
    assert safe_name("zero\u200bwidth") == "zero\\u200bwidth"
    assert safe_name("tag\U000e0041") == "tag\\U000e0041"
    assert safe_name(os.fsdecode(b"bad\xe9")) == "bad\\xe9"


def test_ordinary_text_is_unchanged() -> None:
    for text in ("plain", "café — naïve", "日本語のファイル", "emoji 🎉", "a\\b", ""):
        assert safe_name(text) == text


def test_every_control_and_format_character_is_caught() -> None:
    """The hand-written class covers this Python's Unicode tables (a newer Unicode may
    add format characters: this test then names them)."""
    missed = [
        hex(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in UNSAFE_CATEGORIES - {"Cs"}
        and not _SUSPECT.match(chr(code))
    ]
    assert missed == []


@given(st.text())
def test_output_holds_nothing_unsafe(text: str) -> None:
    shown = safe_name(text)
    assert not any(unicodedata.category(c) in UNSAFE_CATEGORIES for c in shown)
    assert safe_name(shown) == shown  # idempotent: ids can be shown again


@given(name_bytes)
def test_text_form_round_trips_any_name(raw: bytes) -> None:
    name = os.fsdecode(raw)
    text = name_text(name)
    text.encode("utf-8")  # storable: no surrogates
    assert os.fsencode(real_name(text)) == raw
    # The id form (text form made printable) still leads back to the name.
    assert os.fsencode(real_name(safe_name(text))) == raw


@given(name_bytes, name_bytes)
def test_distinct_names_have_distinct_ids(a: bytes, b: bytes) -> None:
    if a != b:
        assert safe_name(name_text(os.fsdecode(a))) != safe_name(name_text(os.fsdecode(b)))


@given(name_bytes, st.sampled_from([".txt", ".md", ".markdown", ".TXT", ".Md"]))
def test_a_names_text_form_cut_at_its_extension_is_the_cut_names(raw: bytes, ext: str) -> None:
    """What the scan relies on to make an article's id from its text form."""
    text = name_text(os.fsdecode(raw) + ext)
    assert text.endswith(ext)
    assert text[: text.rfind(".")] == name_text(os.fsdecode(raw))


def test_text_form_of_ordinary_and_tricky_names() -> None:
    assert name_text("plain.txt") == "plain.txt"
    assert name_text(os.fsdecode(b"bad\xe9.txt")) == "bad\\xe9.txt"
    # A backslash that would read as an escape is escaped itself, so the two differ.
    assert name_text("bad\\xe9.txt") == "bad\\x5cxe9.txt"
    assert name_text("a\\b") == "a\\b"
