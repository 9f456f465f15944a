"""Search engines behind one interface (:class:`.base.SearchEngine`), and choosing one.

- :mod:`.base`: the interface, what an engine is given (:class:`.base.IndexedDoc`) and returns.
- :mod:`.whoosh_engine`: Whoosh, pure Python, the default for ordinary corpora.
- :mod:`.tantivy_engine`: Tantivy (Rust), for archives.

The engine a corpus uses is chosen by the ``engine`` setting (``auto``, ``whoosh`` or
``tantivy``; ``reader index --engine`` overrides it) and recorded with the index (the catalog's
``engine`` meta key); an index of another engine is rebuilt. ``auto`` picks Tantivy from
:data:`CROSSOVER` articles up (measured: ``benchmarks/engine_crossover.py``) and otherwise keeps
the index's engine: a Tantivy index (built by ``auto`` or by ``reader index --engine tantivy``)
is never rebuilt into Whoosh because the corpus shrank or a command ran under ``auto``.

Adding an engine: implement :class:`.base.SearchEngine` in a module of this package, add it to
:data:`ENGINES`, and run ``tests/core/test_engine_contract.py`` over it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.index.engine.base import EngineMeta, IndexedDoc, SearchEngine

ENGINES = ("whoosh", "tantivy")
CHOICES = ("auto", *ENGINES)
DEFAULT = "whoosh"  # an index recorded before engines were recorded is a Whoosh one
CROSSOVER = 1_000
"""From this many articles ``auto`` picks Tantivy (see the module docstring)."""

# Each engine's folder in the corpus cache ("index" is where Whoosh always was).
FOLDERS = {"whoosh": "index", "tantivy": "tantivy"}


def make_engine(name: str, cache: Path, meta: EngineMeta) -> SearchEngine:
    """The engine ``name`` over its index in the corpus cache folder ``cache``."""
    if name == "whoosh":
        from reader.core.index.engine.whoosh_engine import WhooshEngine

        return WhooshEngine(cache / FOLDERS[name], meta)
    if name == "tantivy":
        from reader.core.index.engine.tantivy_engine import TantivyEngine

        return TantivyEngine(cache / FOLDERS[name], meta)
    raise ValueError(f"unknown search engine {name!r} (engines: {', '.join(ENGINES)})")


def analyse(name: str, doc: IndexedDoc) -> IndexedDoc:
    """``doc`` with what engine ``name`` can take analysed ahead, in an ingest worker process
    (Tantivy: every field's tokens, which reader's Python analyzers make); as it is for an
    engine that analyses in its own writer (Whoosh)."""
    if name == "tantivy":
        from reader.core.index.engine.tantivy_engine import with_tokens

        return with_tokens(doc)
    return doc


def choose(setting: str, files: int, current: str | None) -> str:
    """The engine for a corpus of ``files`` articles under ``setting``; ``current`` is the
    engine of the existing index (None: none yet)."""
    if setting != "auto":
        return setting
    if files >= CROSSOVER:
        return "tantivy"
    return current or "whoosh"
