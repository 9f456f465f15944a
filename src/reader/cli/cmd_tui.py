"""``reader [PATH]``: open the reading app."""

from __future__ import annotations

import argparse

from reader.cli.context import corpus_root


def run_tui(args: argparse.Namespace) -> int:
    root = corpus_root(args.path or args.corpus)
    from reader.ui.app import ReaderApp

    app = ReaderApp(root, theme=args.theme)
    app.run()
    return app.return_code or 0
