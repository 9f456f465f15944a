"""``reader list`` and ``reader show``."""

from __future__ import annotations

import argparse
import sys

from rich.table import Table
from rich.text import Text

from reader.cli.context import open_library
from reader.cli.errors import UserError
from reader.cli.output import console, print_json
from reader.core.display import safe_name
from reader.core.document import Document
from reader.core.library import AmbiguousDocument, DocumentNotFound

_STYLES = {"italic": "italic", "bold": "bold", "heading": "bold underline", "code": "reverse"}


def run_list(args: argparse.Namespace) -> int:
    library = open_library(args.corpus)
    docs = library.summaries()
    library.close()
    keys = {
        "id": lambda d: d.id,
        "date": lambda d: (d.date or "", d.id),
        "title": lambda d: (d.title.casefold(), d.id),
        "source": lambda d: ((d.source or "").casefold(), d.id),
    }
    docs.sort(key=keys[args.sort])
    if args.json:
        print_json([d.to_json() for d in docs])
        return 0
    if not sys.stdout.isatty():
        for d in docs:
            row = (d.id, d.date or "", d.source or "", d.title)
            sys.stdout.write("\t".join(safe_name(cell) for cell in row) + "\n")
        return 0
    table = Table(show_edge=False, pad_edge=False, expand=False)
    for column in ("id", "date", "source", "title"):
        table.add_column(column, overflow="fold" if column == "title" else "ellipsis")
    for d in docs:
        row = (d.id, d.date or "", d.source or "", d.title)
        table.add_row(*(Text(safe_name(cell)) for cell in row))
    console().print(table)
    return 0


def find_document(library_arg: str | None, ref: str) -> Document:
    library = open_library(library_arg)
    try:
        doc_id = library.resolve(ref)
        doc = library.document(doc_id)
    except (DocumentNotFound, AmbiguousDocument) as error:
        raise UserError(str(error)) from None
    finally:
        library.close()
    if doc is None:
        raise UserError(f"no document matches '{ref}'")
    return doc


def run_show(args: argparse.Namespace) -> int:
    doc = find_document(args.corpus, args.doc)
    if args.json:
        print_json(
            {
                **doc.summary_json(),
                "tags": list(doc.meta.tags),
                "extra": doc.meta.extra,
                "text": doc.text,
                "styles": [[s.start, s.end, s.style] for s in doc.styles],
            }
        )
        return 0
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
