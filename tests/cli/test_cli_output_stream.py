"""``print_json_array`` prints what ``print_json`` prints of the same items as a list."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.cli.output import print_json, print_json_array

SCALARS = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.lists(VALUES, max_size=7), st.integers(min_value=1, max_value=3))
def test_streamed_array_is_the_same_text(items: list[Any], batch: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        whole, streamed = io.StringIO(), io.StringIO()
        patch.setattr(sys, "stdout", whole)
        print_json(items)
        patch.setattr(sys, "stdout", streamed)
        print_json_array(iter(items), batch=batch)
    assert streamed.getvalue() == whole.getvalue()


def test_nothing_is_an_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    print_json_array(iter(()))
    assert capsys.readouterr().out == "[]\n"
