"""How much a shared term counts as evidence that two sentences say the same thing.

A term's weight is its rarity among the sentences of the texts being compared (inverse
sentence frequency, see :func:`term_weights`): the topic words that fill both articles ("Zelensky",
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


def term_weights(
    a_terms: Sequence[frozenset[str]], b_terms: Sequence[frozenset[str]]
) -> dict[str, float]:
    """Local weight of every term of the sentences of both texts.

    ``log((N + 1) / sf)`` where ``sf`` is the number of sentences containing the term in
    whichever text uses it more, and ``N`` the sentence count of the longer text. Counting per
    text, not over both, matters: a term that occurs once in each text is the best evidence
    there is and must weigh as much as a term that occurs only once, not less.

    Corpus rarity is applied on top by the caller, which also needs the local weights alone
    (see :mod:`reader.core.compare.align`).
    """
    top = max(len(a_terms), len(b_terms)) + 1
    in_a: Counter[str] = Counter()
    in_b: Counter[str] = Counter()
    for bag in a_terms:
        in_a.update(bag)
    for bag in b_terms:
        in_b.update(bag)
    weights: dict[str, float] = {}
    for term in in_a.keys() | in_b.keys():
        weight = math.log(top / max(in_a[term], in_b[term]))
        if len(term) > 1 and is_figure(term):
            weight *= FIGURE_BOOST
        weights[term] = weight
    return weights


def unit_weight(a_terms: Sequence[frozenset[str]], b_terms: Sequence[frozenset[str]]) -> float:
    """The local weight of a (non-figure) term that occurs in one sentence of each text."""
    return math.log(max(len(a_terms), len(b_terms)) + 1)
