"""``reader index``: build or update the index and say what changed.

Every file under the corpus folder is accounted for: indexed, listed as skipped with
its reason, counted as ignored by ``.readerignore``, or counted as another kind of
file. Names are printed through ``safe_name`` (no escape sequence reaches the terminal).
"""

from __future__ import annotations

import argparse
import sys

from reader.cli.context import corpus_root
from reader.cli.errors import UserError
from reader.cli.progress import index_with_progress
from reader.core.build_info import text_modules_description
from reader.core.corpus.loader import EXTENSIONS, CorpusError
from reader.core.index.cachehealth import CacheUnwritable
from reader.core.index.library import UpdateReport
from reader.core.text.display import safe_name
from reader.workspace import Workspace


def run(args: argparse.Namespace) -> int:
    workspace = Workspace(corpus_root(args.corpus), engine=args.engine)
    try:
        # verify: read every cache file against its checksum (the catalog's pages,
        # the index's files), so `reader index` finds damage that nothing else shows.
        report = index_with_progress(workspace, rebuild=args.rebuild, verbose=True, verify=True)
        engine = workspace.library.engine_description()
    except CorpusError as error:
        raise UserError(str(error)) from None
    finally:
        workspace.close()
    if report.read_only:
        cache = workspace.library.cache
        raise CacheUnwritable(f"cannot update the index in {cache}: {report.read_only}")
    if report.rebuilt:
        print(f"rebuilt: {safe_name(report.rebuilt)}")
    print(
        f"added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"unchanged {report.unchanged}, skipped {len(report.skipped)}"
    )
    print(f"engine: {engine}")
    print(text_modules_description())
    for skipped in report.skipped:
        print(f"skipped {safe_name(str(skipped))}")
    for line in accounting(report):
        print(line)
    for warning in report.warnings:
        print(f"warning: {safe_name(warning)}", file=sys.stderr)
    return 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def accounting(report: UpdateReport) -> list[str]:
    """The files that are not articles, in a line or two (none when there are none)."""
    lines = []
    if report.ignored_files or report.ignored_folders:
        parts = []
        if report.ignored_files:
            parts.append(_plural(report.ignored_files, "file"))
        if report.ignored_folders:
            parts.append(_plural(report.ignored_folders, "folder"))
        lines.append(f"{' and '.join(parts)} ignored by .readerignore")
    if report.others:
        count = sum(report.others.values())
        kinds = ", ".join(f"{safe_name(ext)} {n}" for ext, n in report.others.items())
        names = ", ".join(EXTENSIONS[:-1]) + " and " + EXTENSIONS[-1]
        lines.append(
            f"{_plural(count, 'other file')} not read ({kinds}): articles are {names} files"
        )
    return lines
