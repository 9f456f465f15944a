"""Generated text for near-duplicate tests: a syllable vocabulary, Zipf-like articles, edits.

Shared by the signature tests (``test_neardup``) and the ingest tests (``test_duplicates``).
"""

from __future__ import annotations

import itertools
import random

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "to", "sa", "vi", "de", "po", "gu", "fe", "zo", "ba"]

_CUMULATIVE: dict[int, list[float]] = {}  # by vocabulary size: the same for every article


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def article(rng: random.Random, words: list[str], length: int) -> str:
    """``length`` words, Zipf-like (a few very common), as in real text."""
    # The cumulative weights are what choices() would compute from the weights at every
    # call (the same draws), computed once instead of for each of 20,000 articles.
    cumulative = _CUMULATIVE.get(len(words))
    if cumulative is None:
        weights = (1 / (rank + 1) for rank in range(len(words)))
        cumulative = _CUMULATIVE[len(words)] = list(itertools.accumulate(weights))
    return " ".join(rng.choices(words, cum_weights=cumulative, k=length))


def edit(text: str, share: float, rng: random.Random, words: list[str]) -> str:
    """``text`` with ``share`` of its words replaced by random ones."""
    tokens = text.split(" ")
    for i in rng.sample(range(len(tokens)), int(len(tokens) * share)):
        tokens[i] = rng.choice(words)
    return " ".join(tokens)
