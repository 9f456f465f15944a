"""Opening the corpus a command works on (a :class:`Workspace`), its index made current.

A read command does not scan the corpus: it asks the workspace whether anything changed
since the last update (one stat per folder, see :mod:`reader.core.index.freshness`) and
runs the incremental update only then, so an unchanged corpus answers at once.

In an archive (from :data:`DEFER_FROM` articles), that update leaves the steps over the
whole corpus (the corpus entity merge and the near-duplicate groups) to ``reader index``
or the reader's own update, and says so: at 200,000 articles a search after one added
article took 38-43 s with them, 3.7-4.3 s without. Commands whose answers are made of
those (``entities``, ``curate``, ``duplicates``, ``compare``, which pairs names by their
corpus ids, and a search with an entity field, answered from the merge's article lists)
make them first.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.errors import UserError
from reader.core.index.cachehealth import CacheError, CacheUnwritable
from reader.core.text.display import safe_name
from reader.core.userdata.paths import bundled_seeds_dir
from reader.workspace import Workspace

if TYPE_CHECKING:
    from reader.core.index.library import Library

# From this many articles, a read command's update leaves the steps over the whole corpus
# for later: they grow with the corpus, not with the change. At 50,000 generated articles a
# search after one added article took 9.8-10.5 s with them, 1.1-1.6 s without (README,
# "When the index is brought up to date").
DEFER_FROM = 10_000


def corpus_root(value: str | None) -> Path:
    root = Path(value).expanduser() if value else bundled_seeds_dir()
    if not root.exists():
        raise UserError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise UserError(f"corpus is not a folder: {root}")
    return root


def open_workspace(
    value: str | None, *, quiet: bool = True, whole_corpus: bool = False
) -> Workspace:
    """The corpus's workspace with its index brought up to date first (close it after):
    updated when the cheap check finds a change, else used as it is. ``whole_corpus``:
    the command shows the corpus entities or the near-duplicate groups, so they are made
    current too (see the module's docstring)."""
    from reader.cli.progress import index_with_progress

    workspace = Workspace(corpus_root(value))
    library = workspace.library
    library.on_repair = _say_repairing
    changed = workspace.changes()
    owed = library.owed() if changed is None else []
    if changed is None and not (owed and whole_corpus):
        if quiet:
            _say_skipped(library.skipped_at_update())
            _say_owed(owed)
        return workspace
    from reader.core.corpus.loader import CorpusError  # on the update's way only

    whole_corpus = whole_corpus or not _an_archive(library)
    try:
        report = index_with_progress(workspace, rebuild=False, whole_corpus=whole_corpus)
    except CorpusError as error:
        raise UserError(str(error)) from None
    except CacheUnwritable as error:
        # A full disk: answer from the index as last committed, and say so once.
        print(f"reader: warning: {error}; using the index as last built", file=sys.stderr)
        return workspace
    if report.read_only:
        print(
            f"reader: warning: cannot update the index in {library.cache} "
            f"({report.read_only}); using it as last built ({changed})",
            file=sys.stderr,
        )
    if report.rebuilt and report.rebuilt != "requested":
        print(f"reader: warning: {safe_name(report.rebuilt)}; index rebuilt", file=sys.stderr)
    if not quiet:
        return workspace
    _say_skipped(len(report.skipped))
    for warning in report.warnings:
        print(f"reader: warning: {safe_name(warning)}", file=sys.stderr)
    _say_owed(report.deferred)
    return workspace


def open_library(value: str | None, *, quiet: bool = True, whole_corpus: bool = False) -> Library:
    """The library of :func:`open_workspace` (for commands that need only the index)."""
    return open_workspace(value, quiet=quiet, whole_corpus=whole_corpus).library


def _say_skipped(count: int) -> None:
    if count:
        print(
            f"reader: {count} file{'s' if count != 1 else ''} skipped (reader index lists them)",
            file=sys.stderr,
        )


def _an_archive(library: Library) -> bool:
    """Whether the index holds :data:`DEFER_FROM` articles or more (no: a catalog that
    cannot be read, which the update repairs, every step included)."""
    with contextlib.suppress(sqlite3.Error, CacheError):
        return library.catalog.count() >= DEFER_FROM
    return False


def _say_owed(steps: list[str]) -> None:
    if steps:
        print(
            f"reader: note: the {' and the '.join(steps)} do not include the latest "
            "changes yet (reader index makes them)",
            file=sys.stderr,
        )


def _say_repairing(problem: str) -> None:
    print(f"reader: warning: {problem}; rebuilding the index", file=sys.stderr, flush=True)
