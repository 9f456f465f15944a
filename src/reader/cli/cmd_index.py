"""``reader index``: build or update the index and say what changed."""

from __future__ import annotations

import argparse
import sys

from reader.cli.context import corpus_root
from reader.cli.errors import UserError
from reader.cli.progress import index_with_progress
from reader.core.cachehealth import CacheUnwritable
from reader.core.library import Library
from reader.core.loader import CorpusError


def run(args: argparse.Namespace) -> int:
    library = Library(corpus_root(args.corpus))
    try:
        # verify: read every cache file against its checksum (the catalog's pages,
        # the index's files), so `reader index` finds damage that nothing else shows.
        report = index_with_progress(library, rebuild=args.rebuild, verbose=True, verify=True)
    except CorpusError as error:
        raise UserError(str(error)) from None
    finally:
        library.close()
    if report.read_only:
        raise CacheUnwritable(f"cannot update the index in {library.cache}: {report.read_only}")
    if report.rebuilt:
        print(f"rebuilt: {report.rebuilt}")
    print(
        f"added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"unchanged {report.unchanged}, skipped {len(report.skipped)}"
    )
    for skipped in report.skipped:
        print(f"skipped {skipped}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0
