"""``reader index``: build or update the index and say what changed."""

from __future__ import annotations

import argparse
import sys

from reader.cli.context import corpus_root
from reader.cli.errors import UserError
from reader.cli.progress import index_with_progress
from reader.core.library import Library
from reader.core.loader import CorpusError


def run(args: argparse.Namespace) -> int:
    library = Library(corpus_root(args.corpus))
    try:
        report = index_with_progress(library, rebuild=args.rebuild, verbose=True)
    except CorpusError as error:
        raise UserError(str(error)) from None
    finally:
        library.close()
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
