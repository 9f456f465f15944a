"""Argument parsers for the TUI entry and the subcommands."""

from __future__ import annotations

import argparse

from reader import __version__

SUBCOMMANDS = ("index", "list", "show", "search", "locate")


def _corpus_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--corpus",
        metavar="PATH",
        help="folder of articles (default: the bundled demo corpus)",
    )
    return parent


def build_tui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read, search and cross-reference a folder of articles. "
        f"Subcommands: {', '.join(SUBCOMMANDS)} (reader SUBCOMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("path", nargs="?", metavar="PATH", help="corpus folder to open")
    parser.add_argument("--corpus", metavar="PATH", help="same as PATH")
    parser.add_argument("--theme", metavar="NAME", help="colour theme to use")
    return parser


def build_parser() -> argparse.ArgumentParser:
    from reader.cli import cmd_docs, cmd_index, cmd_locate, cmd_search

    parser = argparse.ArgumentParser(prog="reader")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = _corpus_option()

    p = sub.add_parser("index", parents=[corpus], help="build or update the search index")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    p.set_defaults(handler=cmd_index.run)

    p = sub.add_parser("list", parents=[corpus], help="list the documents")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--sort", choices=("id", "date", "title", "source"), default="id")
    p.set_defaults(handler=cmd_docs.run_list)

    p = sub.add_parser("show", parents=[corpus], help="print one cleaned article")
    p.add_argument("doc", metavar="DOC", help="document id, unique id prefix, or file path")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=cmd_docs.run_show)

    p = sub.add_parser("search", parents=[corpus], help="search the corpus")
    p.add_argument("query", nargs="?", metavar="QUERY", help="Whoosh query syntax")
    p.add_argument("--queries", metavar="FILE", help="one query per line ('-' for stdin)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="hits per query")
    p.add_argument("--json", action="store_true", help="print JSON (JSON Lines with --queries)")
    p.set_defaults(handler=cmd_search.run)

    p = sub.add_parser("locate", parents=[corpus], help="print config, data, cache, theme paths")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=cmd_locate.run)
    return parser
