"""``reader locate``: where reader keeps its files."""

from __future__ import annotations

import argparse

from reader.cli.context import corpus_root
from reader.cli.output import print_json
from reader.core.text.display import safe_name
from reader.core.text.filenames import name_text
from reader.core.userdata import paths


def run(args: argparse.Namespace) -> int:
    root = corpus_root(args.corpus).resolve()
    places = {
        "config": str(paths.config_file()),
        "config_dir": str(paths.config_dir()),
        "data": str(paths.data_dir()),
        "cache": str(paths.cache_dir()),
        "themes": str(paths.user_themes_dir()),
        "bundled_themes": str(paths.bundled_themes_dir()),
        "corpus": str(root),
        "corpus_index": str(paths.corpus_cache_dir(root)),
        "corpus_data": str(paths.corpus_data_dir(root)),
    }
    places = {key: name_text(value) for key, value in places.items()}  # text form of paths
    if args.json:
        print_json(places)
    else:
        width = max(len(k) for k in places)
        for key, value in places.items():
            print(f"{key.ljust(width)}  {safe_name(value)}")
    return 0
