"""Corpus document frequencies for the comparison, read from the search index on demand.

``reader compare`` compares two articles of a library; how common a word is across the whole
library tells the comparison that "government" is weak evidence even when it is rare in the two
articles (:class:`reader.core.compare.weights.DocumentFrequencies`). The index already counts,
for every stemmed body term, how many articles hold it, so the counts are looked up there for
the few hundred terms two articles have, instead of being stored a second time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reader.core.compare.weights import DocumentFrequencies

if TYPE_CHECKING:
    from reader.core.index.library import Library

FIELD = "body"
MIN_DOCUMENTS = 20
"""Below this many other articles, corpus counts say little: the two texts' own counts rule."""


class _IndexCounts(Mapping[str, int]):
    """``term -> number of articles`` (a :func:`reader.core.compare.terms.terms` term), asked
    of the index through the body field's analyzer and remembered.

    The two compared articles are in the index too, and a term they share is in both by
    definition: two are taken off every count, so the count is of the *other* articles.
    """

    def __init__(self, library: Library) -> None:
        from reader.core.index.schema import text_analyzer

        self._library = library
        self._analyzer = text_analyzer()  # the body field's, in every engine
        self._known: dict[str, int] = {}

    def __getitem__(self, term: str) -> int:
        if term not in self._known:
            tokens = [t.text for t in self._analyzer(term)]
            found = (
                self._library.read_engine(lambda e: min(e.doc_frequency(FIELD, t) for t in tokens))
                if tokens
                else 0
            )
            self._known[term] = max(found - 2, 0)
        return self._known[term]

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)


@contextmanager
def index_frequencies(library: Library) -> Iterator[DocumentFrequencies | None]:
    """The library's document frequencies while the block runs, over the articles other than
    the two compared (None: fewer than :data:`MIN_DOCUMENTS` of them)."""
    others = library.read_engine(lambda engine: engine.doc_count()) - 2
    yield DocumentFrequencies(others, _IndexCounts(library)) if others >= MIN_DOCUMENTS else None
