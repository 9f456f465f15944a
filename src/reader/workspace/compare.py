""" "Compare A with B": what two articles of the corpus share, as ``reader compare`` prints it
and the split view shows it.

One computation for both front ends: the texts compared with the corpus's word
frequencies (so a word common across the corpus is weak evidence) and both articles'
corpus-canonical entities (so a person named two ways is one person), then the entities
and figures compared side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.compare import ComparisonResult, EntityComparison
    from reader.core.corpus.document import Document
    from reader.core.entities.model import Entity
    from reader.core.index.library import Library


@dataclass(frozen=True)
class Comparison:
    """Article ``a`` compared with article ``b``."""

    a: Document
    b: Document
    result: ComparisonResult
    entities: EntityComparison | None  # None: they could not be read (``partial_ok`` only)


def compare_documents(
    library: Library, a: Document, b: Document, *, partial_ok: bool = False
) -> Comparison:
    """What ``a`` and ``b`` share: passages (offsets into their cleaned texts), entities,
    figures. Pure computation over the catalog and the index: safe in a worker thread.

    With ``partial_ok`` (the split view, which may open while an index is still being
    built) the corpus's word frequencies and the canonical entities are each left out when
    they cannot be had, rather than failing the whole comparison."""
    # Looked up when called (the comparison modules are not needed before the first
    # frame), which also lets tests slow a comparison down.
    from reader.core import compare
    from reader.core.index.article_entities import pair_entities
    from reader.core.index.term_frequencies import index_frequencies

    both: tuple[list[Entity], list[Entity]] | None
    try:
        both = pair_entities(library, a, b)
    except Exception:
        if not partial_ok:
            raise
        both = None  # entities are a nicety there: the words alone still pair passages
    try:
        with index_frequencies(library) as corpus:
            result = compare.compare_texts(
                a.text, b.text, a=a.id, b=b.id, corpus=corpus, entities=both
            )
    except Exception:
        if not partial_ok:
            raise
        # no search index yet: every word weighs by the two texts alone
        result = compare.compare_texts(a.text, b.text, a=a.id, b=b.id, entities=both)
    entities = compare.compare_entities(*both) if both is not None else None
    return Comparison(a, b, result, entities)
