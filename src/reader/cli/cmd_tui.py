"""``reader [PATH]``: open the reading app."""

from __future__ import annotations

import argparse

from reader.cli.context import corpus_root


def run_tui(args: argparse.Namespace) -> int:
    from reader.core.userdata.config import load_config

    config = load_config()
    chosen = args.path or args.corpus
    if chosen is None and config.default_corpus is not None:
        chosen = str(config.default_corpus)
    root = corpus_root(chosen)
    from reader.ui.app import ReaderApp

    app = ReaderApp(root, theme=args.theme, config=config)
    app.run()
    return app.return_code or 0
