"""safe_name: nothing a terminal would act on survives, everything else is kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.core.display import safe_name

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _harmless(text: str) -> bool:
    return not any(
        unicodedata.category(c) in ("Cc", "Cs") or c in BIDI or c in "\u2028\u2029" for c in text
    )


@given(st.text(alphabet=st.characters(codec=None)))
def test_no_control_bidi_override_or_surrogate_survives(text: str) -> None:
    shown = safe_name(text)
    assert _harmless(shown)
    assert safe_name(shown) == shown  # stand-ins are themselves safe


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_ordinary_names_are_unchanged(text: str) -> None:
    text = "".join(c for c in text if c not in BIDI)
    assert safe_name(text) == text


def test_escapes_are_shown_not_sent() -> None:
    assert safe_name("a\x1b[2Jb") == "a␛[2Jb"
    assert safe_name("x\x1b]52;c;aGk=\x07") == "x␛]52;c;aGk=␇"
    assert safe_name("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert safe_name("csi\x9b31m") == "csi\\x9b31m"
    assert safe_name("bad\udcffbyte") == "bad\\xffbyte"  # os.fsdecode of a non-UTF-8 name
    assert safe_name("line\nbreak\u2028") == "line␊break\\u2028"
    # Right-to-left names and their direction marks are text, kept as written.
    assert safe_name("שלום\u200fעולם") == "שלום\u200fעולם"
    assert safe_name("[bold]x[/]") == "[bold]x[/]"  # markup is not this function's business
