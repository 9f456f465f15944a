"""Precision and recall of passage pairing on synthetic pairs with known planted sentences."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tests.compare.compare_synthetic import (
    Planted,
    Tally,
    filler_pool,
    light_edit,
    make_pair,
    make_reworded_pair,
    naive_sentences,
    reorder_clauses,
    retell,
    reword,
    tally,
)

from reader.core.compare import align_sentences, compare_texts, split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seeds() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def sentence_pairs(a: str, b: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    alignment = align_sentences(split_sentences(a), split_sentences(b))
    return [
        (
            (alignment.a[p.a_index].start, alignment.a[p.a_index].end),
            (alignment.b[p.b_index].start, alignment.b[p.b_index].end),
        )
        for p in alignment.pairs
    ]


def test_generator_records_true_spans() -> None:
    texts = seeds()
    pair = make_pair(texts[0], filler_pool([texts[2]]), random.Random(1))
    assert pair.planted
    assert any(p.edit != "exact" for p in pair.planted)
    for p in pair.planted:
        source, copy = pair.a[p.a[0] : p.a[1]], pair.b[p.b[0] : p.b[1]]
        assert (source == copy) == (p.edit == "exact")


def test_light_edits_change_the_sentence() -> None:
    sentence = "The government said on Monday, after a long meeting, that prices rose sharply."
    for seed in range(20):
        edited, how = light_edit(sentence, random.Random(seed))
        assert edited != sentence and how
    assert reorder_clauses(
        "Over the past weeks, Ukraine has struck targets.", random.Random(0)
    ) == ("Ukraine has struck targets, over the past weeks.")
    assert naive_sentences("One two. Three four!\n\nFive") == [(0, 8), (9, 20), (22, 26)]


def run_trials(trials: int) -> tuple[float, float]:
    texts = seeds()
    # Filler comes from the other outlet's article, which shares no passages with the base.
    cases = [(0, [2]), (1, [2]), (2, [0])]
    total = Tally()
    for trial in range(trials):
        for base, fill in cases:
            rng = random.Random(1000 * trial + base)
            pair = make_pair(texts[base], filler_pool(texts[i] for i in fill), rng)
            total += tally(sentence_pairs(pair.a, pair.b), pair.planted)
    assert total.planted > 100  # enough planted sentences for the figures to mean something
    return total.precision, total.recall


def test_precision_and_recall_floors() -> None:
    precision, recall = run_trials(4)
    assert precision >= 0.9, precision
    assert recall >= 0.85, recall


def test_unrelated_text_finds_nothing_planted() -> None:
    texts = seeds()
    pair = make_pair(texts[0], filler_pool([texts[2]]), random.Random(7), copy_rate=0, edit_rate=0)
    assert pair.planted == ()
    assert sentence_pairs(pair.a, pair.b) == []


@pytest.mark.parametrize("seed", [3, 4])
def test_passages_cover_every_found_pair(seed: int) -> None:
    texts = seeds()
    pair = make_pair(texts[1], filler_pool([texts[2]]), random.Random(seed), shuffle_rate=0)
    result = compare_texts(pair.a, pair.b)

    def inside(p: Planted) -> bool:
        return any(
            x.a.start <= p.a[0] and p.a[1] <= x.a.end and x.b.start <= p.b[0] and p.b[1] <= x.b.end
            for x in result.shared_passages
        )

    exact = [p for p in pair.planted if p.edit == "exact"]
    assert exact and all(inside(p) for p in exact)
    assert sum(inside(p) for p in pair.planted) >= 0.85 * len(pair.planted)


def test_a_restated_claim_counts_for_precision_not_recall() -> None:
    """A base that makes one claim in sentences x and x': B's copy of x' paired with x is a
    correct pair only when (x, x') is listed as a restatement; recall counts planted only."""
    x, x2, other, copy = (0, 10), (20, 30), (40, 50), (100, 110)
    planted = [Planted(x2, copy, "exact")]
    predicted = [(x2, copy), (x, copy), (other, copy)]
    strict = tally(predicted, planted)
    assert (strict.correct, strict.predicted, strict.found, strict.planted) == (1, 3, 1, 1)
    lenient = tally(predicted, planted, [(x, x2)])
    assert (lenient.correct, lenient.found) == (2, 1)
    assert tally(predicted, planted, [(x2, x)]).correct == 2  # either order
    assert tally(predicted, planted, [(x, other)]).correct == 1  # not a restatement of x2


def test_harder_rewordings_leave_words_out_and_record_true_spans() -> None:
    sentence = (
        "The company said on Monday that profits rose by 12% to $40m, helped by strong sales "
        "of its new phones in China and India."
    )
    for seed in range(20):
        told, how = reword(sentence, random.Random(seed))
        retold, retold_how = retell(sentence, random.Random(seed))
        # The same re-telling, then 30 % of its words left out (in order, nothing added).
        assert retold_how == how + "+drop"
        long, short = told.split(" "), retold.split(" ")
        assert len(short) == len(long) - int(len(long) * 0.3)
        rest = iter(long)
        assert all(word in rest for word in short)
    texts = seeds()
    pair = make_reworded_pair(texts[1], filler_pool([texts[2]]), random.Random(5), harder=True)
    assert pair.planted and all(p.edit.endswith("+drop") for p in pair.planted)
    for p in pair.planted:
        source, told = pair.a[p.a[0] : p.a[1]], pair.b[p.b[0] : p.b[1]]
        assert told.split() and len(told.split()) < len(source.split())


def test_seeds_restatements_name_two_sentences_of_their_seed_once_each() -> None:
    """The hand-made list the benchmark counts restatements with: every text is in its seed
    exactly once, and the two texts of a pair lie in two different sentences."""
    import yaml

    gold = yaml.safe_load(
        (SEEDS.parent / "benchmarks/gold/seeds_restatements.yaml").read_text("utf-8")
    )
    assert set(gold) <= {p.name for p in SEEDS.glob("*.txt")}
    for name, pairs in gold.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        spans = naive_sentences(text)
        for pair in pairs:
            found = []
            for fragment in (pair["a"], pair["b"]):
                assert text.count(fragment) == 1, fragment
                at = text.index(fragment)
                found.append(next(n for n, (s, e) in enumerate(spans) if s <= at < e))
            assert found[0] != found[1], pair
