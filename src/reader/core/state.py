"""Small pieces of remembered state: where the reader was, and past searches.

Both are YAML in the data dir, written atomically. Losing them is harmless, so a
broken file is reported once and replaced on the next save (it is not user work).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reader.core import paths, yamlio
from reader.core.atomicfile import atomic_write_text

HISTORY_LIMIT = 200


def _load(path: Path) -> Any:
    try:
        return yamlio.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, yaml.YAMLError):
        return None


class CorpusState:
    """Last open article and its scroll position, per corpus."""

    def __init__(self, corpus_root: Path) -> None:
        self.path = paths.corpus_data_dir(corpus_root) / "state.yaml"
        data = _load(self.path)
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}

    @property
    def last_document(self) -> str | None:
        value = self.data.get("last_document")
        return value if isinstance(value, str) else None

    @property
    def last_scroll(self) -> int:
        value = self.data.get("last_scroll", 0)
        return value if isinstance(value, int) and value >= 0 else 0

    def save(self, document: str | None, scroll: int) -> None:
        self.data = {"last_document": document, "last_scroll": max(0, int(scroll))}
        atomic_write_text(self.path, yamlio.safe_dump(self.data, sort_keys=True), backup=False)


class SearchHistory:
    """Queries typed in the search box, oldest first, without repeats."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.data_dir() / "search-history.yaml"
        data = _load(self.path)
        self.items: list[str] = (
            [q for q in data if isinstance(q, str)] if isinstance(data, list) else []
        )

    def add(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if query in self.items:
            self.items.remove(query)
        self.items.append(query)
        del self.items[:-HISTORY_LIMIT]
        atomic_write_text(self.path, yamlio.safe_dump(self.items, allow_unicode=True), backup=False)
