"""The demo corpus: 000 and 001 reuse passages and figures; 002 is another outlet."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.compare import ComparisonResult, PassagePair, compare_texts

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def week() -> ComparisonResult:
    return compare_texts(seed("000"), seed("001"), a="000", b="001")


def passages_with(result: ComparisonResult, a_has: str, b_has: str) -> list[PassagePair]:
    return [p for p in result.shared_passages if a_has in p.a.text and b_has in p.b.text]


def test_400000_passage_pairs_up(week: ComparisonResult) -> None:
    (found,) = passages_with(week, "400,000 Ukrainian soldiers", "lost at least 400,000 men")
    assert "1 percent of the pre-war population" in found.a.text
    assert "1 percent of its pre-war population" in found.b.text
    assert found.kind == "near"
    assert 0.4 < found.score < 1.0


def test_125000_passages_pair_up(week: ComparisonResult) -> None:
    a_sentence = "125,000 deaths and no territorial gains"
    assert passages_with(week, a_sentence, "at least 125,000 lives")
    assert passages_with(week, a_sentence, "some 125,000 in just a few months")


def test_few_passages_and_all_offsets_exact(week: ComparisonResult) -> None:
    a, b = seed("000"), seed("001")
    assert 6 <= len(week.shared_passages) <= 16
    for p in week.shared_passages:
        assert a[p.a.start : p.a.end] == p.a.text
        assert b[p.b.start : p.b.end] == p.b.text
    # Topic words alone never pair sentences: every pair shares two things or more.
    for p in week.shared_passages:
        shared = p.evidence.entities + p.evidence.figures + p.evidence.terms
        assert len(shared) >= 2
        for item in shared:
            assert a[item.a.start : item.a.end] == item.a.text
            assert b[item.b.start : item.b.end] == item.b.text


def test_rewordings_pair_up_with_their_evidence(week: ComparisonResult) -> None:
    (milley,) = passages_with(week, "including Mark Milley", "retired General Mark Milley")
    assert milley.reuse == "rewording"
    names = {item.a.text for item in milley.evidence.entities}
    assert {"Mark", "Milley"} <= names
    (protests,) = passages_with(week, "growing anti-war sentiments", "staged protests")
    assert "anti-war" in {item.b.text for item in protests.evidence.terms}


def test_similarity_is_low_but_not_zero_for_the_week_pair(week: ComparisonResult) -> None:
    assert 0.01 < week.similarity < 0.2


@pytest.mark.parametrize("other", ["000", "001"])
def test_other_outlet_shares_little(other: str) -> None:
    result = compare_texts(seed("002"), seed(other))
    assert len(result.shared_passages) <= 1
    assert result.similarity < 0.02
    assert result.similarity < compare_texts(seed("000"), seed("001")).similarity


def test_similarity_is_symmetric() -> None:
    ab = compare_texts(seed("000"), seed("001"))
    ba = compare_texts(seed("001"), seed("000"))
    assert ab.similarity == pytest.approx(ba.similarity)
    assert sorted((p.a.start, p.b.start) for p in ab.shared_passages) == sorted(
        (p.b.start, p.a.start) for p in ba.shared_passages
    )
