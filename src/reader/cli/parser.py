"""Argument parsers for the TUI entry and the subcommands."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from reader import __version__

SUBCOMMANDS = (
    "index",
    "list",
    "show",
    "search",
    "locate",
    "entities",
    "compare",
    "similar",
    "duplicates",
    "bookmarks",
)


# Options whose value is the user's own text, which may start with "-": a tag "-2+3",
# a note "- see p. 4", a quote "-5% in March". argparse takes any word starting with
# "-" (other than a negative number) for an option and refuses "--tag -2+3".
TEXT_OPTIONS = frozenset(
    {"--tag", "--note", "--quote", "--doc", "--output", "-o", "--corpus", "--theme"}
)


def glue_text_values(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``argv`` with ``--tag -2+3`` made ``--tag=-2+3`` for the options above.

    A following word is glued unless it is one of the parser's own options (or such an
    option with its value attached), so ``--note --json`` still says the note is missing.
    """
    known = _option_strings(parser)
    out: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            out.extend(argv[index:])
            break
        nxt = argv[index + 1] if index + 1 < len(argv) else None
        if (
            word in TEXT_OPTIONS
            and nxt is not None
            and nxt.startswith("-")
            and nxt != "--"
            and not _is_option(nxt, known)
        ):
            out.append(f"{word}={nxt}")
            index += 2
            continue
        out.append(word)
        index += 1
    return out


def _is_option(word: str, known: set[str]) -> bool:
    if word in known or word.partition("=")[0] in known:
        return True
    return len(word) > 2 and word[1] != "-" and word[:2] in known  # "-ofile.md"


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found |= _option_strings(child)
    return found


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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The subcommands' parser; with ``command``, only that subcommand's (a one-shot
    ``reader search`` does not build, nor import, the other nine)."""
    parser = argparse.ArgumentParser(prog="reader")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = _corpus_option()
    for name, add in _BUILDERS.items():
        if command is None or command == name:
            add(sub, corpus)
    return parser


def _add_index(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("index", parents=[corpus], help="build or update the search index")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    p.add_argument(
        "--engine",
        choices=("auto", "whoosh", "tantivy"),
        help="search engine (default: the engine setting, auto); another engine than the "
        "index's rebuilds it",
    )
    p.set_defaults(handler=_lazy("reader.cli.cmd_index:run"))


def _add_list(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[corpus], help="list the documents")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--sort", choices=("id", "date", "title", "source"), default="id")
    p.set_defaults(handler=_lazy("reader.cli.cmd_docs:run_list"))


def _add_show(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("show", parents=[corpus], help="print one cleaned article")
    p.add_argument("doc", metavar="DOC", help="document id, unique id prefix, or file path")
    p.add_argument(
        "--json",
        action="store_true",
        help="print a JSON object (with 'removed': spans of the original text the cleaner "
        "left out, and why)",
    )
    p.add_argument(
        "--raw",
        action="store_true",
        help="print the original file text (decoded, control characters removed); "
        "removed parts dimmed on a terminal",
    )
    p.set_defaults(handler=_lazy("reader.cli.cmd_docs:run_show"))


def _add_search(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[corpus], help="search the corpus")
    p.add_argument("query", nargs="?", metavar="QUERY", help="Whoosh query syntax")
    p.add_argument("--queries", metavar="FILE", help="one query per line ('-' for stdin)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="hits per query")
    p.add_argument("--json", action="store_true", help="print JSON (JSON Lines with --queries)")
    p.set_defaults(handler=_lazy("reader.cli.cmd_search:run"))


def _add_locate(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("locate", parents=[corpus], help="print config, data, cache, theme paths")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=_lazy("reader.cli.cmd_locate:run"))


def _lazy(target: str) -> Callable[[argparse.Namespace], int]:
    """A handler that imports ``module:function`` only when its command runs."""

    def handler(args: argparse.Namespace) -> int:
        module_name, _, name = target.partition(":")
        function = getattr(importlib.import_module(module_name), name)
        code: int = function(args)
        return code

    return handler


def _add_entities(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "entities",
        parents=[corpus],
        help="people, organisations, places and figures of one article or the corpus",
    )
    p.add_argument(
        "doc",
        nargs="?",
        metavar="DOC",
        help="document (default: the whole corpus), or an action: "
        f"{' | '.join(ENTITY_ACTIONS)} (see below)",
    )
    p.add_argument("values", nargs="*", metavar="ARG", help=argparse.SUPPRESS)
    p.epilog = (
        "curating: reader entities merge INTO OTHER... | block REF | rename REF NAME | "
        "retype REF TYPE | split REF SPELLING... | undo | redo | history [--json]; "
        "REF is an entity id or any of its names"
    )
    _values_may_start_with_dash(p)
    p.add_argument(
        "--text-file",
        nargs="+",
        metavar="PATH",
        dest="text_files",
        help="raw mode: extract from these files as read, no cleaning (JSON Lines)",
    )
    p.add_argument(
        "--type",
        action="append",
        choices=("person", "org", "place", "date", "money", "figure"),
        dest="types",
        help="only this type (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_lazy("reader.cli.cmd_entities:run"))


ENTITY_ACTIONS = ("merge", "block", "rename", "retype", "split", "undo", "redo", "history")
_VALUE_OPTIONS = frozenset({"--corpus", "--type"})


def _values_may_start_with_dash(p: argparse.ArgumentParser) -> None:
    """After an action word, a word starting with "-" that is not one of the command's
    own options is a value: ``reader entities rename Kyiv -Kyiv-`` (a name is the
    user's text). argparse would refuse it as an unknown option."""
    original = p._parse_optional
    seen: list[str] = []

    def parse_optional(arg: str) -> Any:
        result = original(arg)
        words = [w for i, w in enumerate(seen) if not (i and seen[i - 1] in _VALUE_OPTIONS)]
        first = next((w for w in words if not w.startswith("-")), None)
        seen.append(arg)
        if result is None or first not in ENTITY_ACTIONS:
            return result
        found = result[0] if isinstance(result, tuple) else (result[0][0] if result else None)
        return result if found is not None else None

    p._parse_optional = parse_optional  # type: ignore[method-assign,assignment]


def _add_compare(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("compare", parents=[corpus], help="what two articles share")
    p.add_argument("doc_a", metavar="DOC_A", help="first document")
    p.add_argument("doc_b", metavar="DOC_B", help="second document")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=_lazy("reader.cli.cmd_compare:run_compare"))


def _add_similar(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("similar", parents=[corpus], help="articles most similar to one")
    p.add_argument("doc", metavar="DOC", help="document")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="how many (default 10)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=_lazy("reader.cli.cmd_compare:run_similar"))


def _add_duplicates(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "duplicates",
        parents=[corpus],
        help="groups of near-duplicate articles (copies, light edits)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=_lazy("reader.cli.cmd_duplicates:run"))


def _add_bookmarks(sub: Any, corpus: argparse.ArgumentParser) -> None:
    p = sub.add_parser("bookmarks", help="saved passages: list, add, export")
    tag_filter = (
        "only bookmarks with this tag, case ignored; a name that is no tag in use selects "
        "the tags starting with it (repeatable: with all of them)"
    )
    actions = p.add_subparsers(dest="action", required=True)

    q = actions.add_parser("list", parents=[corpus], help="list bookmarks with their status")
    q.add_argument("--doc", metavar="DOC", help="only this document's bookmarks")
    q.add_argument("--tag", action="append", metavar="TAG", help=tag_filter)
    q.add_argument("--json", action="store_true", help="print a JSON array")
    q.set_defaults(handler=_lazy("reader.cli.cmd_bookmarks:run_list"))

    q = actions.add_parser("add", parents=[corpus], help="bookmark a quote of an article")
    q.add_argument("doc", metavar="DOC", help="document")
    q.add_argument("--quote", required=True, metavar="TEXT", help="text in the cleaned article")
    q.add_argument("--note", default="", metavar="TEXT", help="a note")
    q.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    q.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="bookmark the Nth occurrence of the quote (default: the first, with a note)",
    )
    q.add_argument("--json", action="store_true", help="print the new bookmark as JSON")
    q.set_defaults(handler=_lazy("reader.cli.cmd_bookmarks:run_add"))

    q = actions.add_parser("export", parents=[corpus], help="export bookmarks")
    q.add_argument("--format", choices=("md", "csv", "json"), default="md")
    q.add_argument("--tag", action="append", metavar="TAG", help=tag_filter)
    q.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: stdout)")
    q.set_defaults(handler=_lazy("reader.cli.cmd_bookmarks:run_export"))


_BUILDERS: dict[str, Callable[[Any, argparse.ArgumentParser], None]] = {
    "index": _add_index,
    "list": _add_list,
    "show": _add_show,
    "search": _add_search,
    "locate": _add_locate,
    "entities": _add_entities,
    "compare": _add_compare,
    "similar": _add_similar,
    "duplicates": _add_duplicates,
    "bookmarks": _add_bookmarks,
}
