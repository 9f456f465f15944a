"""``reader entities``: the people, organisations, places and figures of an article,
of the whole corpus, or of any text files (raw mode).

JSON shapes (``--json``):

* ``reader entities DOC``: an array of ``{id, name, type, count, aliases, mentions:
  [{start, end, text}]}``, biggest count first; offsets index the cleaned text that
  ``reader show DOC --json`` prints, ids are corpus ids (aliases file applied).
* ``reader entities``: an array of corpus entities, most articles first, each
  ``{id, name, type, count, articles, aliases, mentions: [{doc, start, end, text}]}``
  where ``count`` is the number of mentions across the corpus.
* ``reader entities --text-file PATH...``: JSON Lines, one ``{file, entities}`` per
  file in the order given, entities as for one article (ids of that file alone).
  Offsets count characters (code points) of the file's bytes decoded as UTF-8, with
  nothing cleaned or translated: a byte-order mark is character 0 and ``\r\n`` is two
  characters. A file that cannot be read or is not UTF-8 gets one line on stderr
  and is skipped; the others still print, and the exit code is then 2.
"""

from __future__ import annotations

import argparse
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from reader.cli.errors import UserError
from reader.cli.output import console, print_json, print_json_array, print_json_line
from reader.core.entities.model import ENTITY_TYPES, CorpusEntity, Entity
from reader.core.text.display import safe_name
from reader.core.text.filenames import name_text

if TYPE_CHECKING:
    from reader.core.index.library import Library

_HEADINGS = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "date": "Dates",
    "money": "Money",
    "figure": "Figures",
}


def run(args: argparse.Namespace) -> int:
    from reader.cli.parser import ENTITY_ACTIONS

    if args.doc in ENTITY_ACTIONS:
        from reader.cli import cmd_curate

        return cmd_curate.run(args)
    if args.values:
        raise UserError(f"unexpected {args.values[0]!r}: give one DOC (or an action first)")
    types = frozenset(args.types or ENTITY_TYPES)
    if args.text_files:
        if args.doc:
            raise UserError("give either DOC or --text-file, not both")
        return _raw(args.text_files, types, as_json=args.json)
    from reader.cli.context import open_workspace

    with open_workspace(args.corpus, whole_corpus=True) as workspace:
        library = workspace.library
        if args.doc:
            doc_id = workspace.resolve(args.doc)
            entities = [e for e in library.entities(doc_id) if e.type in types]
        else:
            wanted = [e for e in library.corpus_entities() if e.type in types]
        for problem in library.aliases_problems:  # known once the corpus entities were read
            print(f"reader: warning: {problem}", file=sys.stderr)
        if not args.doc and args.json:
            print_json_array(_corpus_rows(library, wanted), batch=1)  # reads every article
    if args.doc:
        if args.json:
            print_json([e.to_json() for e in entities])
        else:
            _print_article(entities)
    elif not args.json:
        _print_corpus(wanted)
    return 0


def _corpus_rows(library: Library, wanted: list[CorpusEntity]) -> Iterator[dict[str, Any]]:
    """The JSON row of each of ``wanted`` with every mention, read article by article (one
    pass), then given one entity at a time.

    Until then each mention is four numbers (article, start, end, spelling): an
    archive's mentions as dicts held every one in memory at once (3.6 GB at 50,000
    generated articles, for a 416 MB answer)."""
    place = {e.id: n for n, e in enumerate(wanted)}
    found = [array("I") for _ in wanted]  # article, start, end, spelling; per mention
    spellings: dict[str, int] = {}
    doc_ids = sorted({d for e in wanted for d in e.documents})
    for number, doc_id in enumerate(doc_ids):
        for seen in library.entities(doc_id):
            n = place.get(seen.id)
            if n is None:
                continue
            kept = found[n]
            for m in seen.mentions:
                kept.extend((number, m.start, m.end, spellings.setdefault(m.text, len(spellings))))
    texts = list(spellings)  # in the order of their numbers
    for n, entity in enumerate(wanted):
        kept, found[n] = found[n], array("I")  # given: not held to the end
        yield {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "count": len(kept) // 4,
            "articles": entity.articles,
            "aliases": list(entity.aliases),
            "mentions": [
                {
                    "doc": doc_ids[kept[i]],
                    "start": kept[i + 1],
                    "end": kept[i + 2],
                    "text": texts[kept[i + 3]],
                }
                for i in range(0, len(kept), 4)
            ],
        }


def _raw(paths: Sequence[str], types: frozenset[str], *, as_json: bool) -> int:
    """Extract from files exactly as read: UTF-8, no cleaning, no newline translation."""
    from reader.core.index.entity_ingest import extract_long

    failed = False
    for name in paths:
        text = _read_text(name)
        if text is None:
            failed = True
            continue
        found = [e for e in extract_long(text) if e.type in types]
        # Biggest first, as for an article of the corpus.
        entities = sorted(found, key=lambda e: (-e.count, min(e.mentions, default=None), e.id))
        if as_json:
            # The name in text form: JSON cannot hold the surrogates of a non-UTF-8 name.
            print_json_line({"file": name_text(name), "entities": [e.to_json() for e in entities]})
        else:
            console().print(Text(safe_name(name), style="bold"))
            _print_article(entities)
    return 2 if failed else 0


def _read_text(name: str) -> str | None:
    """The file's text, or None after one line on stderr saying why not."""
    try:
        data = Path(name).read_bytes()
    except IsADirectoryError:
        _fail(name, "is a folder")
        return None
    except OSError as error:
        _fail(name, f"cannot read ({error.strerror or type(error).__name__})")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        _fail(name, f"not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start})")
        return None


def _fail(name: str, why: str) -> None:
    print(f"reader: {safe_name(name)}: {why}; skipped", file=sys.stderr)
    sys.stderr.flush()


def _print_article(entities: list[Entity]) -> None:
    out = console()
    if not entities:
        out.print(Text("no entities found", style="dim"))
        return
    for kind in ENTITY_TYPES:
        group = [e for e in entities if e.type == kind]
        if not group:
            continue
        table = _table(kind, ("name", "mentions", "also written"))
        for entity in group:
            table.add_row(Text(entity.name), Text(str(entity.count)), _aliases(entity.aliases))
        out.print(table)


def _print_corpus(entities: list[CorpusEntity]) -> None:
    """The table of the corpus entities; their mention counts are the merge's (the same
    as counting every article's mentions, which the JSON answer does: it lists them)."""
    out = console()
    if not entities:
        out.print(Text("no entities found", style="dim"))
        return
    for kind in ENTITY_TYPES:
        group = [e for e in entities if e.type == kind]
        if not group:
            continue
        table = _table(kind, ("name", "articles", "mentions", "also written"))
        for entity in group:
            table.add_row(
                Text(entity.name),
                Text(str(entity.articles)),
                Text(str(entity.mentions)),
                _aliases(entity.aliases),
            )
        out.print(table)


def _table(kind: str, columns: Iterable[str]) -> Table:
    table = Table(
        title=Text(_HEADINGS[kind], style="bold"),
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        expand=False,
    )
    for column in columns:
        numeric = column in ("mentions", "articles")
        table.add_column(
            column, justify="right" if numeric else "left", overflow="fold", no_wrap=numeric
        )
    return table


def _aliases(aliases: list[str]) -> Text:
    return Text(", ".join(aliases))
