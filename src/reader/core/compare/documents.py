"""The entities of two catalogued articles, ready for :func:`compare_entities`.

One place for the CLI (``reader compare``) and the split view, so both compare the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.compare.entities import canonical_pair

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.core.entities.model import Entity
    from reader.core.library import Library


def pair_entities(library: Library, a: Document, b: Document) -> tuple[list[Entity], list[Entity]]:
    """Both articles' entities with ids shared across them ("Zaluzhnyi" = "Zaluzhny").

    Mentions index ``a.text`` and ``b.text`` (the cleaned texts). Slow-ish (entity extraction of
    both texts, ~50-100 ms for two 20 KB articles): call it off the UI thread.
    """
    del library  # corpus-canonical entities (Library.entities) are used once available
    from reader.core.entities import extract

    return canonical_pair(extract(a.text), extract(b.text), a_id=a.id, b_id=b.id)
