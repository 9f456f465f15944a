"""``reader compare`` (what two articles share) and ``reader similar`` (articles like one).

Article text is data: passages, titles and entity names are printed as ``rich.text.Text``
built from plain strings, never through markup.

Two different scores, for two questions:

* ``reader compare``'s ``similarity`` (0-1) is the share of the two texts that lies in shared
  passages, each weighted by how closely it is repeated (1 for an exact repeat); see
  :mod:`reader.core.compare.score`. ``coverage_a``/``coverage_b`` are the same share for
  each text alone. The split view shows it as "N% of text shared".
* ``reader similar``'s ``score`` (0-1) is the search index's more-like-this score relative to
  the article itself (:mod:`reader.core.index.similar`): a shared subject, not shared text. The
  partner picker shows it as "★ related N%".

``reader compare --json`` prints::

    {a, b, similarity, coverage_a, coverage_b,
     shared_passages: [{a: {start, end, text}, b: {start, end, text}, score, kind, reuse,
                        evidence: {entities: [E], figures: [E], terms: [E]},
                        changes: [{kind, a: {start, end, text}, b: {start, end, text}, figure}],
                        sentences: [{a: {start, end, text}, b: {...}, score, reuse}]}],
     only_in_a: [{start, end, text}], only_in_b: [{start, end, text}],
     shared_entities, only_a, only_b, shared_figures, only_a_figures, only_b_figures}

    E = {key, weight, a: {start, end, text}, b: {start, end, text}}

``kind`` is ``exact`` or ``near`` (the split view's two colours); ``reuse`` is ``exact``,
``near`` (most words the same, in order) or ``rewording`` (the same claim in other words).
``evidence`` is why the two passages are paired: the entities (canonical ``@id`` or a name both
capitalise), figures and dates (by value: ``#400000``, ``#1%``, ``#2024-02-01``) and word stems
they share, strongest first, with where each side says it. ``changes`` are the word-level
differences (``added``, ``removed``, ``changed``; ``figure`` true when a changed stretch holds
different numbers), spans on both sides (an empty span marks where words would go).
``sentences`` are the sentence pairs the passage is made of. ``only_in_a``/``only_in_b`` are the
passages of each article paired with nothing, in reading order (what B adds, what B leaves out).
Entities are in the ``reader entities`` shape: one-sided ones
as ``reader entities DOC`` prints them, shared ones as ``reader entities`` (corpus) does, with
each mention's ``doc`` (and ``side``, ``a`` or ``b``), plus ``count_a``, ``count_b`` and each
side's own entity as ``a`` and ``b`` (:mod:`reader.core.compare.entities`). Figures add their
normalised ``value``. Offsets index the cleaned texts ``reader show DOC --json`` prints.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from reader.cli.context import open_workspace
from reader.cli.errors import UserError
from reader.cli.output import console, print_json
from reader.core.compare import (
    ComparisonResult,
    EntityComparison,
    PassagePair,
    SharedEntity,
)
from reader.core.corpus.document import Document
from reader.core.entities.model import Entity
from reader.core.index.similar import SimilarDoc
from reader.core.text.display import safe_name

EVIDENCE_ITEMS = 6  # shared items named under a passage in the readable output
ENTITY_ROWS = 12  # entities listed per column in the readable output; JSON has them all


def run_compare(args: argparse.Namespace) -> int:
    # Both articles' entities in the corpus's ids (a person named two ways is one): an
    # article added since the last corpus merge would have only its own.
    with open_workspace(args.corpus, whole_corpus=True) as workspace:
        a = workspace.document(args.doc_a)
        b = workspace.document(args.doc_b)
        comparison = workspace.compare(a, b)
    result, entities = comparison.result, comparison.entities
    assert entities is not None  # only a partial_ok comparison leaves them out
    if args.json:
        print_json(compare_json(result, entities))
    else:
        _print_comparison(console(), a, b, result, entities)
    return 0


def run_similar(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    with open_workspace(args.corpus) as workspace:
        doc = workspace.document(args.doc)
        found = workspace.similar(doc.id, limit=args.limit)
    if args.json:
        print_json([item.to_json() for item in found])
    else:
        _print_similar(console(), doc, found)
    return 0


def compare_json(result: ComparisonResult, entities: EntityComparison) -> dict[str, Any]:
    """``{a, b, similarity, coverage_a, coverage_b, shared_passages, shared_entities, only_a,
    only_b, shared_figures, only_a_figures, only_b_figures}`` (see the module docstring)."""
    data = result.to_json()
    data["coverage_a"] = round(result.coverage_a, 4)
    data["coverage_b"] = round(result.coverage_b, 4)
    return {**data, **entities.to_json(result.a, result.b)}


# -- readable output ------------------------------------------------------------------


def _heading(label: str, doc: Document) -> Text:
    line = Text()
    line.append(f"{label}  ", style="bold")
    line.append(safe_name(doc.id), style="cyan")
    line.append("  ")
    line.append(safe_name(doc.meta.title), style="bold")
    details = " · ".join(x for x in (doc.meta.source or "", doc.meta.date or "") if x)
    if details:
        line.append(f"  ({details})", style="dim")
    return line


def _print_comparison(
    out: Console,
    a: Document,
    b: Document,
    result: ComparisonResult,
    entities: EntityComparison,
) -> None:
    out.print(_heading("A", a))
    out.print(_heading("B", b))
    summary = Text()
    summary.append(f"similarity {result.similarity:.2f}", style="bold")
    summary.append(
        f" (share of text repeated)  ·  {result.coverage_a:.0%} of A and"
        f" {result.coverage_b:.0%} of B repeated"
        f"  ·  {len(result.shared_passages)} shared passage"
        f"{'' if len(result.shared_passages) == 1 else 's'}"
        f" ({sum(p.reuse == 'rewording' for p in result.shared_passages)} reworded)"
    )
    out.print(summary)
    out.print()
    if result.shared_passages:
        out.print(_passages_table(result, wide=out.width >= 100))
        out.print()
    out.print(Text("Entities", style="bold"))
    out.print(_columns(entities.shared, entities.only_a, entities.only_b))
    out.print(Text("Figures", style="bold"))
    out.print(_columns(entities.shared_figures, entities.only_a_figures, entities.only_b_figures))


def _passages_table(result: ComparisonResult, *, wide: bool) -> Table:
    """Passages side by side on a wide terminal, A above B on a narrow one."""
    table = Table(show_lines=True, expand=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    if wide:
        table.add_column("A", ratio=1, overflow="fold")
        table.add_column("B", ratio=1, overflow="fold")
    else:
        table.add_column("A / B", ratio=1, overflow="fold")
    for number, passage in enumerate(result.shared_passages, 1):
        kind = Text(f"{passage.reuse}\n{passage.score:.2f}")
        kind.stylize("green" if passage.kind == "exact" else "yellow", 0, len(passage.reuse))
        a_text = _passage_text(passage.a.start, passage.a.end, passage.a.text)
        b_text = _passage_text(passage.b.start, passage.b.end, passage.b.text)
        why = _evidence_line(passage)
        if why.plain:
            b_text.append("\n")
            b_text.append_text(why)
        if wide:
            table.add_row(Text(str(number)), kind, a_text, b_text)
        else:
            both = Text("A ", style="bold") + a_text + Text("\nB ", style="bold") + b_text
            table.add_row(Text(str(number)), kind, both)
    return table


def _evidence_line(passage: PassagePair) -> Text:
    """ "shared: Mark Milley, 400,000, admir…" (what the pair has in common, strongest first)."""
    items = passage.evidence.entities + passage.evidence.figures + passage.evidence.terms
    items = tuple(sorted(items, key=lambda s: -s.weight))[:EVIDENCE_ITEMS]
    if not items:
        return Text()
    line = Text("shared: ", style="dim")
    line.append(", ".join(" ".join(item.a.text.split()) for item in items), style="italic")
    return line


def _passage_text(start: int, end: int, text: str) -> Text:
    line = Text(f"[{start}–{end}] ", style="dim")
    line.append(" ".join(text.split()))
    return line


def _columns(
    shared: Sequence[SharedEntity], only_a: Sequence[Entity], only_b: Sequence[Entity]
) -> Table:
    table = Table(expand=True, pad_edge=False, show_edge=False)
    table.add_column(f"shared ({len(shared)})", ratio=1, overflow="fold")
    table.add_column(f"only A ({len(only_a)})", ratio=1, overflow="fold")
    table.add_column(f"only B ({len(only_b)})", ratio=1, overflow="fold")
    table.add_row(
        _entity_list([_entity_line(s.name, s.type, f"{s.a.count}/{s.b.count}") for s in shared]),
        _entity_list([_entity_line(e.name, e.type, str(e.count)) for e in only_a]),
        _entity_list([_entity_line(e.name, e.type, str(e.count)) for e in only_b]),
    )
    return table


_TYPE_STYLES = {"person": "cyan", "org": "magenta", "place": "green"}


def _entity_line(name: str, kind: str, count: str) -> Text:
    line = Text(name, style=_TYPE_STYLES.get(kind, "yellow"))
    line.append(f" ×{count}", style="dim")
    return line


def _entity_list(lines: list[Text]) -> Group | Text:
    if not lines:
        return Text("—", style="dim")
    shown: list[Text] = lines[:ENTITY_ROWS]
    if len(lines) > ENTITY_ROWS:
        shown.append(Text(f"… {len(lines) - ENTITY_ROWS} more (--json lists all)", style="dim"))
    return Group(*shown)


def _print_similar(out: Console, doc: Document, found: Sequence[SimilarDoc]) -> None:
    out.print(_heading("like", doc))
    if not found:
        out.print(Text("no similar articles", style="dim"))
        return
    table = Table(pad_edge=False, show_edge=False)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source")
    table.add_column("title", overflow="fold")
    for item in found:
        summary = item.summary
        table.add_row(
            Text(f"{item.score:.2f}"),
            Text(safe_name(item.id), style="cyan"),
            Text(summary.date or ""),
            Text(safe_name(summary.source or "")),
            Text(safe_name(summary.title)),
        )
    out.print(table)
