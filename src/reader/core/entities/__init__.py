"""Entities: people, organisations, places, and dates/money/figures, offline.

``extract(text)`` returns :class:`Entity` objects whose mentions index ``text``;
:func:`merge_corpus` joins the per-article lists into corpus entities with one id
each. See :mod:`reader.core.entities.aliases` for the per-corpus aliases file.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.entities.aliases import (
        Aliases,
        AliasesError,
        add_block,
        add_merge,
        add_rename,
        add_retype,
        aliases_path,
        apply_aliases,
        load_aliases,
    )
    from reader.core.entities.corpus_merge import CorpusMerge, merge_corpus
    from reader.core.entities.extractor import Extractor
    from reader.core.entities.model import (
        ENTITY_TYPES,
        FIGURE_TYPES,
        NAMED_TYPES,
        CorpusEntity,
        Entity,
        EntityType,
        Mention,
    )
    from reader.core.entities.terms import (
        INDEX_FIELDS,
        AliasIndex,
        expand_query_term,
        index_terms,
    )

# Names are loaded from their modules on first use (PEP 562): importing one small
# module of this package (the UI imports ``model`` at start-up) must not compile the
# extractor's rules and tables before the first paint.
_WHERE = {
    **dict.fromkeys(
        (
            "Aliases",
            "AliasesError",
            "add_block",
            "add_merge",
            "add_rename",
            "add_retype",
            "aliases_path",
            "apply_aliases",
            "load_aliases",
        ),
        "aliases",
    ),
    **dict.fromkeys(("CorpusMerge", "merge_corpus"), "corpus_merge"),
    "Extractor": "extractor",
    **dict.fromkeys(
        (
            "ENTITY_TYPES",
            "FIGURE_TYPES",
            "NAMED_TYPES",
            "CorpusEntity",
            "Entity",
            "EntityType",
            "Mention",
        ),
        "model",
    ),
    **dict.fromkeys(("INDEX_FIELDS", "AliasIndex", "expand_query_term", "index_terms"), "terms"),
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ENTITY_TYPES",
    "FIGURE_TYPES",
    "INDEX_FIELDS",
    "NAMED_TYPES",
    "AliasIndex",
    "Aliases",
    "AliasesError",
    "CorpusEntity",
    "CorpusMerge",
    "Entity",
    "EntityType",
    "Extractor",
    "Mention",
    "add_block",
    "add_merge",
    "add_rename",
    "add_retype",
    "aliases_path",
    "apply_aliases",
    "default_extractor",
    "expand_query_term",
    "extract",
    "index_terms",
    "load_aliases",
    "merge_corpus",
]

_default: Extractor | None = None
_default_lock = threading.Lock()


def default_extractor() -> Extractor:
    """The process-wide extractor (gazetteer loaded on first use)."""
    global _default
    from reader.core.entities.extractor import Extractor

    with _default_lock:
        if _default is None:
            _default = Extractor()
        return _default


def extract(text: str, *, figures: bool = True) -> list[Entity]:
    """Entities of ``text`` with the default extractor."""
    return default_extractor().extract(text, figures=figures)
