"""``reader list`` and ``reader show``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from reader.cli.context import open_workspace
from reader.cli.errors import UserError
from reader.cli.output import console, print_json, print_json_array
from reader.core.corpus.document import Document
from reader.core.index.library import Library
from reader.core.text.display import safe_name

_STYLES = {"italic": "italic", "bold": "bold", "heading": "bold underline", "code": "reverse"}


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.corpus) as workspace:
        docs = workspace.summaries()
        groups = workspace.library.duplicates() if args.json else []
    keys = {
        "id": lambda d: d.id,
        "date": lambda d: (d.date or "", d.id),
        "title": lambda d: (d.title.casefold(), d.id),
        "source": lambda d: ((d.source or "").casefold(), d.id),
    }
    docs.sort(key=keys[args.sort])
    if args.json:
        # "duplicates": the other articles of its near-duplicate group (reader duplicates).
        others = {i: [o for o in g.ids if o != i] for g in groups for i in g.ids}
        print_json_array({**d.to_json(), "duplicates": others.get(d.id, [])} for d in docs)
        return 0
    if not sys.stdout.isatty():
        for d in docs:
            row = (d.id, d.date or "", d.source or "", d.title)
            sys.stdout.write("\t".join(safe_name(cell) for cell in row) + "\n")
        return 0
    from rich.table import Table  # on a terminal only: JSON and pipes do without Rich
    from rich.text import Text

    table = Table(show_edge=False, pad_edge=False, expand=False)
    for column in ("id", "date", "source", "title"):
        table.add_column(column, overflow="fold" if column == "title" else "ellipsis")
    for d in docs:
        row = (d.id, d.date or "", d.source or "", d.title)
        table.add_row(*(Text(safe_name(cell)) for cell in row))
    console().print(table)
    return 0


@contextlib.contextmanager
def opened_document(library_arg: str | None, ref: str) -> Iterator[tuple[Library, Document]]:
    """The corpus's library and the document ``ref`` names (an unknown or ambiguous
    reference is a one-line user error); the library is closed afterwards."""
    with open_workspace(library_arg) as workspace:
        yield workspace.library, workspace.document(ref)


def run_show(args: argparse.Namespace) -> int:
    if args.raw:
        return _show_raw(args)
    if args.json:
        with opened_document(args.corpus, args.doc) as (library, doc):
            original = library.original(doc.id)
            group = library.duplicate_group(doc.id)
        duplicates = [i for i in (group.ids if group else ()) if i != doc.id]
        print_json(
            {
                **doc.summary_json(),
                "tags": list(doc.meta.tags),
                "extra": doc.meta.extra,
                "text": doc.text,
                "styles": [[s.start, s.end, s.style] for s in doc.styles],
                # Offsets index the original text (`reader show --raw`), not "text".
                "removed": None
                if original is None
                else [
                    {
                        "start": r.start,
                        "end": r.end,
                        "reason": r.reason,
                        "text": original.text[r.start : r.end],
                    }
                    for r in original.removed
                ],
                "original_changed": None if original is None else original.stale,
                # The other articles of its near-duplicate group (reader duplicates).
                "duplicates": duplicates,
            }
        )
        return 0
    with opened_document(args.corpus, args.doc) as (_, doc):
        pass
    header = [safe_name(doc.meta.title)]
    byline = ", ".join(doc.meta.authors)
    details = " · ".join(x for x in (byline, doc.meta.date or "", doc.meta.source or "") if x)
    if details:
        header.append(safe_name(details))
    if doc.meta.url:
        header.append(safe_name(doc.meta.url))
    if not sys.stdout.isatty():
        sys.stdout.write("\n".join(header) + "\n\n" + doc.text + "\n")
        return 0
    from rich.text import Text

    out = console()
    out.print(Text(header[0], style="bold"))
    for line in header[1:]:
        out.print(Text(line, style="dim"))
    out.print()
    body = Text(doc.text)
    for span in doc.styles:
        body.stylize(_STYLES.get(span.style, ""), span.start, span.end)
    out.print(body)
    return 0


def _show_raw(args: argparse.Namespace) -> int:
    """The source file as the cleaner read it (decoded, escape sequences and control
    characters removed); on a terminal the removed parts are dimmed."""
    with opened_document(args.corpus, args.doc) as (library, doc):
        original = library.original(doc.id)
    if original is None:
        raise UserError(f"the file of {doc.id} can no longer be read: {doc.path}")
    if original.stale:
        print(f"reader: warning: {doc.id} changed since it was indexed", file=sys.stderr)
    if args.json:
        print_json(
            {
                "id": doc.id,
                "path": doc.path,
                "original": original.text,
                "changed": original.stale,
                "removed": [
                    {"start": r.start, "end": r.end, "reason": r.reason} for r in original.removed
                ],
            }
        )
        return 0
    if not sys.stdout.isatty():
        sys.stdout.write(original.text if original.text.endswith("\n") else original.text + "\n")
        return 0
    from rich.text import Text

    text = Text(original.text)
    for removed in original.removed:
        text.stylize("dim strike", removed.start, removed.end)
    console().print(text)
    return 0
