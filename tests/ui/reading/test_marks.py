"""Mark layers: named layers, painted in a fixed order, indexed for line lookups."""

from __future__ import annotations

import pytest

from reader.ui.reading.marks import MARK_LAYERS, MarkLayers


def test_layers_are_set_sorted_and_cleared_by_no_spans() -> None:
    marks = MarkLayers()
    marks.set("bookmark", [(40, 50), (5, 9)])
    assert marks.spans == {"bookmark": [(5, 9), (40, 50)]}
    marks.set("bookmark", [])
    assert "bookmark" not in marks.spans and marks.index("bookmark") is None
    with pytest.raises(ValueError, match="unknown mark layer"):
        marks.set("highlight", [(1, 2)])


def test_painted_in_layer_order_with_the_spans_reaching_the_line() -> None:
    marks = MarkLayers()
    marks.set("current", [(12, 14)])
    marks.set("hit", [(0, 3), (12, 14), (90, 95)])
    marks.set("shared", [(0, 100)])
    painted = list(marks.painted(10, 20))
    assert [layer for layer, _ in painted] == ["shared", "hit", "current"]
    assert dict(painted) == {"shared": [(0, 100)], "hit": [(12, 14)], "current": [(12, 14)]}
    assert [layer for layer in MARK_LAYERS if layer in marks.spans] == ["shared", "hit", "current"]


def test_the_index_follows_a_replaced_layer_and_clear_empties_all() -> None:
    marks = MarkLayers()
    marks.set("cursor", [(5, 10)])
    assert marks.touches("cursor", 9, 12) and not marks.touches("cursor", 10, 12)
    marks.set("cursor", [(20, 30)])
    assert marks.touches("cursor", 10, 21) and not marks.touches("cursor", 5, 10)
    marks.clear()
    assert not marks.spans and not marks.touches("cursor", 0, 100)
