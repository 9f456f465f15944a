"""Hit navigation: n / N wrap around the hits; the current one is always one of them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.reading.hits import HitNavigator

_spans = st.lists(
    st.tuples(st.integers(0, 1000), st.integers(1, 20)).map(lambda s: (s[0], s[0] + s[1])),
    max_size=12,
)


def test_no_hits_no_current_and_steps_do_nothing() -> None:
    hits = HitNavigator()
    assert not hits and hits.current is None
    assert hits.next() is None and hits.previous() is None and hits.index == -1


def test_steps_wrap_and_previous_from_none_is_the_last() -> None:
    hits = HitNavigator()
    hits.reset([(30, 35), (10, 15), (20, 25)])
    assert hits.spans == [(10, 15), (20, 25), (30, 35)] and hits.current is None
    assert hits.previous() == (30, 35) and hits.index == 2
    assert hits.next() == (10, 15) and hits.index == 0
    assert hits.go(-1) == (30, 35) and hits.go(7) == (20, 25)
    hits.reset([(1, 2)])
    assert hits.index == -1 and hits.current is None


@given(_spans, st.lists(st.sampled_from(["next", "previous"]), max_size=30))
def test_the_current_hit_is_always_a_hit_and_n_then_N_comes_back(
    spans: list[tuple[int, int]], keys: list[str]
) -> None:
    hits = HitNavigator()
    hits.reset(spans)
    for key in keys:
        before = hits.index
        got = hits.next() if key == "next" else hits.previous()
        if not spans:
            assert got is None and hits.current is None
            continue
        assert got == hits.current and got in spans and 0 <= hits.index < len(spans)
        if before >= 0:
            step = 1 if key == "next" else -1
            assert hits.index == (before + step) % len(spans)
    if spans and hits.index >= 0:
        where = hits.index
        hits.next()
        hits.previous()
        assert hits.index == where
