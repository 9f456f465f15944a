"""``reader search``: one query, or a file of queries (JSON Lines)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.context import open_workspace
from reader.cli.errors import UserError
from reader.cli.output import console, print_json, print_json_line
from reader.core.index.query_check import names_entities
from reader.core.text.display import safe_name
from reader.workspace import BadQuery

if TYPE_CHECKING:
    from reader.core.index.library import SearchResults


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    if (args.query is None) == (args.queries is None):
        raise UserError("give either a QUERY or --queries FILE")
    if args.queries is not None:
        return _batch(args)
    # An entity field reads the corpus merge's article lists: made current first.
    with open_workspace(args.corpus, whole_corpus=names_entities(args.query)) as workspace:
        try:
            results = workspace.search(args.query, limit=args.limit)
        except BadQuery as error:
            raise UserError(f"bad query: {error}") from None
    if args.json:
        print_json(results.to_json())
    else:
        _print_results(results)
    return 0


def _read_queries(name: str) -> list[str]:
    if name == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"cannot read queries file {name}: {error}") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def _batch(args: argparse.Namespace) -> int:
    queries = _read_queries(args.queries)
    failed = 0
    entity_fields = any(names_entities(text) for text in queries)
    with open_workspace(args.corpus, whole_corpus=entity_fields) as workspace:
        for number, text in enumerate(queries, 1):
            try:
                results = workspace.search(text, limit=args.limit)
            except BadQuery as error:
                failed += 1
                print(f"reader: line {number}: bad query: {error}", file=sys.stderr)
                if args.json:
                    print_json_line({"query": text, "error": str(error), "total": 0, "hits": []})
                continue
            if args.json:
                print_json_line(results.to_json())
            else:
                _print_results(results)
    return 2 if failed else 0


# What Rich drops from text it prints (BEL, BS, VT, FF, CR): the plain output is the
# same as Rich's would be off a terminal.
_RICH_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))


def _print_results(results: SearchResults) -> None:
    if sys.stdout.isatty():
        _print_styled(results)
    else:
        _write_plain(results)


def _print_styled(results: SearchResults) -> None:
    from rich.text import Text  # on a terminal only: styles need Rich, pipes do not

    out = console()
    plural = "" if results.total == 1 else "s"
    query = safe_name(results.query)
    out.print(Text(f"{results.total} result{plural} for {query}", style="bold"))
    for hit in results.hits:
        line = Text()
        line.append(safe_name(hit.id), style="cyan")
        line.append("  ")
        line.append(safe_name(hit.summary.title), style="bold")
        line.append(f"  ({hit.score:.2f})", style="dim")
        out.print(line)
        for snippet in hit.snippets:
            text = Text("    " + snippet.text)
            for start, end in snippet.highlights:
                text.stylize("reverse", start + 4, end + 4)
            out.print(text)


def _write_plain(results: SearchResults) -> None:
    """The results as :func:`_print_results` shows them, without styles (a pipe, a
    file): written directly, so a script's search does not load Rich."""
    plural = "" if results.total == 1 else "s"
    lines = [f"{results.total} result{plural} for {safe_name(results.query)}"]
    for hit in results.hits:
        title = safe_name(hit.summary.title)
        lines.append(f"{safe_name(hit.id)}  {title}  ({hit.score:.2f})".translate(_RICH_STRIPPED))
        lines.extend(("    " + s.text).translate(_RICH_STRIPPED) for s in hit.snippets)
    text = "\n".join(lines) + "\n"
    if "\t" in text:
        _print_styled(results)  # Rich expands tabs by cell width: let it
        return
    sys.stdout.write(text)
