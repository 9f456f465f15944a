"""The entities of two catalogued articles, ready for :func:`compare_entities`.

One place for the CLI (``reader compare``) and the split view, so both compare the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.corpus.document import Document
    from reader.core.entities.model import Entity
    from reader.core.index.library import Library


def pair_entities(library: Library, a: Document, b: Document) -> tuple[list[Entity], list[Entity]]:
    """Both articles' entities in corpus-canonical form (``Library.entities``).

    Ids are the corpus's, with the user's aliases file applied, so "Zaluzhnyi" in one article
    and "Zaluzhny" in the other are one entity, and a blocked entity appears on neither side.
    Mentions index ``a.text`` and ``b.text`` (the cleaned texts). Entities are extracted at
    ingest, so this only reads the catalog.
    """
    return library.entities(a.id), library.entities(b.id)
