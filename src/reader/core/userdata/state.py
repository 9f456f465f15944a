"""Small pieces of remembered state: where the reader was, and past searches.

Both are YAML in the data dir, written atomically, read through the bounded loader
(:mod:`reader.core.userdata.yamlfile`). Losing them is harmless, so a bad file or entry is
reported in ``problems`` (one line each) and the usable rest kept; the next save
replaces the file, keeping the one that had problems as ``NAME.bak`` (it might have
been edited by hand).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.core.userdata import paths, yamlfile, yamlio
from reader.core.userdata.atomicfile import atomic_write_text
from reader.core.userdata.yamlfile import Problems, shown

HISTORY_LIMIT = 200
MAX_QUERY_CHARS = 2000  # a longer query is searched but not remembered
MAX_DOC_ID_CHARS = 4096
MAX_SCROLL = 10**9


def _load(path: Path, problems: Problems) -> Any:
    try:
        data = yamlfile.load_file(path, yamlfile.STATE_LIMITS)
    except yamlfile.YamlFileError as error:
        problems.add("", f"{error}; ignored, replaced on the next save")
        return None
    return None if data is yamlfile.MISSING else data


class CorpusState:
    """Last open article and its scroll position, per corpus."""

    def __init__(self, corpus_root: Path) -> None:
        self.path = paths.corpus_data_dir(corpus_root) / "state.yaml"
        found = Problems(f"state {self.path}")
        data = _load(self.path, found)
        if data is not None and not isinstance(data, dict):
            found.add("", f"is {shown(data)}, not a mapping; ignored")
        self.data: dict[str, Any] = {}
        if isinstance(data, dict):
            document = data.get("last_document")
            if isinstance(document, str) and 0 < len(document) <= MAX_DOC_ID_CHARS:
                self.data["last_document"] = document
            elif document is not None:
                found.add("last_document", f"must be a document id, not {shown(document)}")
            scroll = data.get("last_scroll", 0)
            if (
                isinstance(scroll, int)
                and not isinstance(scroll, bool)
                and 0 <= scroll <= MAX_SCROLL
            ):
                self.data["last_scroll"] = scroll
            else:
                found.add("last_scroll", f"must be a line number, not {shown(scroll)}")
        self.problems = found.lines
        self._keep_backup = bool(found.lines)

    @property
    def last_document(self) -> str | None:
        value = self.data.get("last_document")
        return value if isinstance(value, str) else None

    @property
    def last_scroll(self) -> int:
        value = self.data.get("last_scroll", 0)
        return value if isinstance(value, int) and value >= 0 else 0

    def save(self, document: str | None, scroll: int) -> None:
        scroll = min(MAX_SCROLL, max(0, int(scroll)))
        self.data = {"last_document": document, "last_scroll": scroll}
        text = yamlio.safe_dump(self.data, sort_keys=True)
        atomic_write_text(self.path, text, backup=self._keep_backup)
        self._keep_backup = False


class SearchHistory:
    """Queries typed in the search box, oldest first, without repeats."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.data_dir() / "search-history.yaml"
        found = Problems(f"search history {self.path}")
        data = _load(self.path, found)
        self.items: list[str] = []
        if data is not None and not isinstance(data, list):
            found.add("", f"is {shown(data)}, not a list of queries; ignored")
        for number, query in enumerate(data if isinstance(data, list) else []):
            if isinstance(query, str) and 0 < len(query) <= MAX_QUERY_CHARS:
                self.items.append(query)
            else:
                found.add(f"[{number}]", f"must be a query (text), not {shown(query)}; dropped")
        del self.items[:-HISTORY_LIMIT]
        self.problems = found.lines
        self._keep_backup = bool(found.lines)

    def add(self, query: str) -> None:
        query = query.strip()
        if not query or len(query) > MAX_QUERY_CHARS:
            return
        if query in self.items:
            self.items.remove(query)
        self.items.append(query)
        del self.items[:-HISTORY_LIMIT]
        text = yamlio.safe_dump(self.items, allow_unicode=True)
        atomic_write_text(self.path, text, backup=self._keep_backup)
        self._keep_backup = False
