"""Repairing a damaged cache: telling damage from a bug, and rebuilding once.

The cache of a corpus (catalog and search index) holds only what reader derives from the
corpus files, so damage there is repaired by rebuilding it (:mod:`.cachehealth` tells damage
from a full disk and from a bug). :class:`Repairs` is the part of
:class:`reader.core.index.library.Library` that does it; :func:`repairing` wraps a read method
so that it rebuilds a damaged cache and answers, once.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from reader.core.index import cachehealth
from reader.core.index.cachehealth import CacheDamaged, CacheError, CacheUnwritable

if TYPE_CHECKING:
    from reader.core.index.catalog import Catalog
    from reader.core.index.engine.base import SearchEngine
    from reader.core.index.indexer import UpdateReport
    from reader.core.index.library import Library

_P = ParamSpec("_P")
_R = TypeVar("_R")


def repairing(
    method: Callable[Concatenate[Library, _P], _R],
) -> Callable[Concatenate[Library, _P], _R]:
    """Run ``method`` (its first argument a Library); when it fails on a damaged
    cache, rebuild the cache and run it again, once. Anything else is raised as is."""

    @functools.wraps(method)
    def wrapper(library: Library, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(library, *args, **kwargs)
        except Exception as error:
            problem = library.diagnose(error)
            if problem is None:
                raise
        library.repair(problem)  # outside the except: the old error is not the cause
        return method(library, *args, **kwargs)

    return wrapper


def inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return 0


def damage_marker(cache: Path) -> str | None:
    """The reason left by a process that found this catalog file damaged (it
    could not repair it then), if the file is still the one it found."""
    marker = cache / "catalog.damaged"
    try:
        found, _, reason = marker.read_text(encoding="utf-8").partition(" ")
    except (OSError, UnicodeDecodeError):
        return None
    if found != str(inode(cache / "catalog.sqlite")):
        marker.unlink(missing_ok=True)  # replaced since: already repaired
        return None
    return reason.strip() or "catalog damaged"


def delete_catalog(cache: Path) -> None:
    """Delete a damaged catalog (the caller holds the catalog lock)."""
    path = cache / "catalog.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    (cache / "catalog.damaged").unlink(missing_ok=True)


class Repairs(ABC):
    """Damage found while reading or updating, and the rebuild that repairs it."""

    cache: Path
    catalog: Catalog
    read_only: str | None
    on_repair: Callable[[str], None] | None
    _catalog_inode: int
    _damage_seen: tuple[str, int] | None

    @property
    @abstractmethod
    def engine(self) -> SearchEngine:
        """The search engine of the index as it is now."""

    @abstractmethod
    def update(self, *, repair: str | None = None) -> UpdateReport:
        """Bring the index in line with the files (rebuilt for ``repair``)."""

    @abstractmethod
    def refresh(self) -> None:
        """See what other processes committed."""

    def diagnose(self, error: BaseException) -> str | None:
        """A one-line account when ``error`` comes from a damaged cache (recorded, so
        that the next update rebuilds it even if this process cannot); None for
        anything else. Raises CacheUnwritable when the cause is the disk."""
        from reader.core.corpus.loader import CorpusError  # not loaded by a search that works
        from reader.core.index.query_check import QueryError

        if isinstance(error, (QueryError, LookupError, CacheError, CorpusError)):
            return None
        self._damage_seen = self._cache_state()
        disk = cachehealth.disk_problem(error, self.cache)
        if disk is not None:
            raise CacheUnwritable(f"cannot write the index in {self.cache}: {disk}") from error
        damage = cachehealth.catalog_damage(error)
        if damage is not None:
            problem = f"catalog damaged ({damage})"
            with contextlib.suppress(OSError):
                marker = self.cache / "catalog.damaged"
                marker.write_text(f"{self._catalog_inode} {problem}", encoding="utf-8")
            return problem
        with contextlib.suppress(sqlite3.Error):
            return self.engine.damage(error)
        return None

    def _cache_state(self) -> tuple[str, int]:
        """Which index generation and catalog file are there now."""
        return self.engine.generation(), inode(self.cache / "catalog.sqlite")

    def _repaired_since(self) -> bool:
        """Whether another process replaced the index or catalog since this one met
        the damage (it rebuilt them): then a normal update uses its work."""
        seen, self._damage_seen = self._damage_seen, None
        return seen is not None and seen != self._cache_state()

    def repair(self, problem: str) -> UpdateReport:
        """Rebuild the cache after ``problem`` (from :meth:`diagnose`), under the
        update lock: searches in other processes wait, then see the new index."""
        if self.read_only is not None:
            raise CacheDamaged(
                f"{problem}, and it cannot be rebuilt in {self.cache}: {self.read_only}"
            )
        if self.on_repair is not None:
            self.on_repair(problem)
        report = self.update(repair=problem)
        self.refresh()
        return report
