"""Pairing the sentences of two texts that say the same thing.

Each sentence becomes the set of its content terms (:mod:`reader.core.compare.terms`). Two
sentences are compared by the cosine of their weighted term sets, where the weight of a term is
its rarity (:mod:`reader.core.compare.weights`)::

    score(s, t) = sum(w(x)^2 for x in s & t) / sqrt(sum(w(x)^2 for x in s) * sum(w(x)^2 for x in t))

Cosine on sets tolerates reordered clauses, dropped words and a swapped synonym or two, and a
reworded sentence that keeps its rare words and figures still scores high, while a pair sharing
only topic words scores near zero. A pair is kept when

- both sentences have at least ``min_terms`` content terms,
- the texts are identical after whitespace/quote/dash normalisation (kind "exact", score 1), or
  the score is at least ``min_score`` with ``min_shared`` shared terms whose summed local weight is
  at least ``min_evidence`` units (kind "near"); a score down to ``figure_score`` is enough when
  the shared terms include a figure and weigh ``figure_evidence`` units (a reworded sentence
  inside a longer one that keeps its "125,000"),
- and it is the best-scoring partner of one of its two sentences. Keeping the best of *either*
  side, not a one-to-one matching, lets a sentence that was split in two, or a figure repeated in
  two places of the other text, pair with both.

Candidates come from an inverted index over the second text's terms, so the cost grows with the
number of sentence pairs that share a term, not with the product of the sentence counts.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.compare.options import CompareOptions
from reader.core.compare.spans import Span
from reader.core.compare.terms import is_figure, terms
from reader.core.compare.weights import DocumentFrequencies, term_weights, unit_weight

_SPACES = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})


@dataclass(frozen=True)
class SentencePair:
    """Sentence ``a_index`` of the first text pairs with sentence ``b_index`` of the second."""

    a_index: int
    b_index: int
    score: float
    exact: bool


@dataclass(frozen=True)
class Alignment:
    """The sentences of both texts, which of them could take part, and the pairs found."""

    a: Sequence[Span]
    b: Sequence[Span]
    a_eligible: tuple[bool, ...]
    b_eligible: tuple[bool, ...]
    pairs: tuple[SentencePair, ...]


def fingerprint(text: str) -> str:
    """``text`` with whitespace collapsed and typographic quotes and dashes made plain.

    Two spans are an *exact* repeat when their fingerprints are equal.
    """
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def align_sentences(
    a: Sequence[Span],
    b: Sequence[Span],
    options: CompareOptions | None = None,
    corpus: DocumentFrequencies | None = None,
) -> Alignment:
    """Pairs of sentences of ``a`` and ``b`` that repeat each other, sorted by position in ``a``."""
    opts = options or CompareOptions()
    a_terms = [frozenset(terms(s.text)) for s in a]
    b_terms = [frozenset(terms(s.text)) for s in b]
    a_eligible = tuple(len(bag) >= opts.min_terms for bag in a_terms)
    b_eligible = tuple(len(bag) >= opts.min_terms for bag in b_terms)
    pairs = _pairs(a, b, a_terms, b_terms, opts, corpus)
    return Alignment(a, b, a_eligible, b_eligible, tuple(pairs))


def _pairs(
    a: Sequence[Span],
    b: Sequence[Span],
    a_terms: list[frozenset[str]],
    b_terms: list[frozenset[str]],
    opts: CompareOptions,
    corpus: DocumentFrequencies | None,
) -> list[SentencePair]:
    local = term_weights(a_terms, b_terms)
    if not local:
        return []
    unit = unit_weight(a_terms, b_terms)
    weight = local if corpus is None else {t: w * corpus.rarity(t) for t, w in local.items()}
    a_norm = [math.sqrt(sum(weight[t] ** 2 for t in bag)) for bag in a_terms]
    b_norm = [math.sqrt(sum(weight[t] ** 2 for t in bag)) for bag in b_terms]
    a_print = [fingerprint(s.text) for s in a]
    b_print = [fingerprint(s.text) for s in b]

    postings: dict[str, list[int]] = defaultdict(list)
    for j, bag in enumerate(b_terms):
        if len(bag) >= opts.min_terms:
            for term in bag:
                postings[term].append(j)

    candidates: list[SentencePair] = []
    for i, bag in enumerate(a_terms):
        if len(bag) < opts.min_terms:
            continue
        dot: dict[int, float] = defaultdict(float)
        for term in bag:
            w = weight[term]
            for j in postings.get(term, ()):
                dot[j] += w * w
        for j, product in dot.items():
            if a_print[i] == b_print[j]:
                candidates.append(SentencePair(i, j, 1.0, True))
                continue
            denominator = a_norm[i] * b_norm[j]
            score = product / denominator if denominator else 0.0
            if score < opts.figure_score:
                continue
            shared = bag & b_terms[j]
            if len(shared) < opts.min_shared:
                continue
            evidence = sum(local[t] for t in shared) / unit
            if score < opts.min_score and not (
                evidence >= opts.figure_evidence and any(is_figure(t) for t in shared)
            ):
                continue
            if evidence < opts.min_evidence:
                continue
            candidates.append(SentencePair(i, j, min(score, 1.0), False))
    return _best_of_either_side(candidates)


def _best_of_either_side(candidates: list[SentencePair]) -> list[SentencePair]:
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for pair in candidates:
        best_a[pair.a_index] = max(best_a.get(pair.a_index, 0.0), pair.score)
        best_b[pair.b_index] = max(best_b.get(pair.b_index, 0.0), pair.score)
    kept = [
        pair
        for pair in candidates
        if pair.score >= best_a[pair.a_index] - 1e-9 or pair.score >= best_b[pair.b_index] - 1e-9
    ]
    kept.sort(key=lambda pair: (pair.a_index, pair.b_index))
    return kept
