"""Property tests: any two texts compare without error and every offset is exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.compare import compare_texts
from reader.core.compare.align import fingerprint

WORDS = ["war", "Kyiv", "400,000", "1.5", "Mr.", "U.S.", "said", "the", "army", "troops", "—"]
PUNCT = [". ", "? ", "! ", ", ", "\n\n", "\n", " ", "“", "”", '"', "…", "# ", "- "]
news_like = st.lists(st.sampled_from(WORDS + PUNCT), max_size=80).map("".join)
anything = st.text(max_size=300)


def check(a: str, b: str) -> None:
    result = compare_texts(a, b)
    assert 0.0 <= result.similarity <= 1.0
    assert 0.0 <= result.coverage_a <= 1.0 and 0.0 <= result.coverage_b <= 1.0
    for p in result.shared_passages:
        assert 0 <= p.a.start < p.a.end <= len(a) and a[p.a.start : p.a.end] == p.a.text
        assert 0 <= p.b.start < p.b.end <= len(b) and b[p.b.start : p.b.end] == p.b.text
        assert 0.0 <= p.score <= 1.0
        assert p.kind in ("exact", "near")
        same = fingerprint(p.a.text) == fingerprint(p.b.text)
        assert (p.kind == "exact") == same
        assert p.kind == "near" or p.score == 1.0
    json = result.to_json()
    assert len(json["shared_passages"]) == len(result.shared_passages)


@settings(max_examples=150, deadline=None)
@given(anything, anything)
def test_any_texts(a: str, b: str) -> None:
    check(a, b)


@settings(max_examples=150, deadline=None)
@given(news_like, news_like)
def test_news_like_texts(a: str, b: str) -> None:
    check(a, b)
    check(a, a + b)


@settings(max_examples=100, deadline=None)
@given(news_like)
def test_text_against_itself_is_all_exact(a: str) -> None:
    result = compare_texts(a, a)
    assert all(p.kind == "exact" and p.a == p.b for p in result.shared_passages)
    assert result.similarity in (0.0, 1.0)
