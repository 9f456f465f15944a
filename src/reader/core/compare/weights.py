"""How much a shared term counts as evidence that two sentences say the same thing.

A term's weight is its rarity across the sentences of the two texts being compared (inverse
sentence frequency, ``log((N + 1) / sf)``): the topic words that fill both articles ("Zelensky",
"Ukraine", "war") appear in many sentences and weigh little; a phrase or figure that occurs in
one sentence of each text weighs a lot. Figures get an extra factor, since a shared
"400,000" is strong evidence of reuse.

When the caller has corpus statistics (:class:`DocumentFrequencies`, e.g. built from the
search index), the weight is further scaled by corpus rarity in ``(0, 1]``, so words common
across the whole corpus count less even when they are rare in these two texts. Both signals
are kept because they catch different things: the local one knows what *these* articles are
about, the corpus one knows the outlet's and the period's vocabulary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reader.core.compare.terms import is_figure, terms

FIGURE_BOOST = 1.5
"""Multiplier on the weight of a figure (a term with a digit) of two or more characters."""


@dataclass(frozen=True)
class DocumentFrequencies:
    """Corpus statistics: in how many of ``documents`` documents each term occurs.

    Terms must be normalised with :func:`reader.core.compare.terms.terms`; build with
    :meth:`from_texts` or fill ``counts`` from an index that uses the same normalisation.
    """

    documents: int
    counts: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> DocumentFrequencies:
        counts: Counter[str] = Counter()
        documents = 0
        for text in texts:
            documents += 1
            counts.update(set(terms(text)))
        return cls(documents, dict(counts))

    def rarity(self, term: str) -> float:
        """Smoothed idf scaled to ``(0, 1]``: 1 for a term the corpus has never seen."""
        if self.documents <= 0:
            return 1.0
        top = math.log(self.documents + 1)
        df = min(self.counts.get(term, 0), self.documents)
        return max(math.log((self.documents + 1) / (df + 1)) / top, 0.05)


def term_weights(sentence_terms: Sequence[frozenset[str]]) -> dict[str, float]:
    """Local weight of every term in ``sentence_terms`` (the sentences of both texts).

    Corpus rarity is applied on top by the caller, which also needs the local weights alone
    (see :mod:`reader.core.compare.align`).
    """
    count = len(sentence_terms)
    frequency: Counter[str] = Counter()
    for bag in sentence_terms:
        frequency.update(bag)
    weights: dict[str, float] = {}
    for term, sf in frequency.items():
        weight = math.log((count + 1) / sf)
        if len(term) > 1 and is_figure(term):
            weight *= FIGURE_BOOST
        weights[term] = weight
    return weights
