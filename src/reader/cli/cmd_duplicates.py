"""``reader duplicates``: the groups of near-duplicate articles in the corpus.

Two articles are near-duplicates when most of their word 3-grams are the same: an exact copy,
a wire story republished with a new headline, a lightly edited version. The groups are found
when the corpus is indexed (:mod:`reader.core.index.duplicates`); this prints what the last update
found (the command updates the index first, as every command does).

``resemblance`` is an estimate (0-1) of the share of word 3-grams two articles have in common
(Jaccard index, from 128-value MinHash signatures, within about ±0.05): 1.0 for a copy, about
0.75 for a copy with 5 % of its words changed. Articles are grouped from 0.5.

``reader duplicates --json`` prints::

    {"documents": N, "groups": [
        {"size": 2, "resemblance": 0.93, "canonical": "politics/223",
         "articles": [{"id", "title", "date", "path", "resemblance"}, ...]},
        ...]}

Groups come biggest first. ``canonical`` is the group's oldest article (by date, then id;
undated articles last): the one to keep when hiding duplicates. ``articles`` list it first,
then the others oldest first; each article's ``resemblance`` is to the canonical one (1.0 for
itself). The group's ``resemblance`` is the lowest of the pairs that joined it: members reached
through another member may resemble each other less than 0.5. ``date`` is ``null`` when unknown.

The plain output is one block per group: a line ``N articles, resemblance R`` (R the group's
lowest), then one line per article, tab-separated: resemblance to the first article, id, date
(or ``-``), title. Ids and titles are printed safe (controls and escape sequences as ``\\xNN``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.cli.context import open_workspace
from reader.cli.output import print_json
from reader.core.index.catalog import DocSummary
from reader.core.index.duplicates import DuplicateGroup
from reader.core.text.display import safe_name


def run(args: argparse.Namespace) -> int:
    with open_workspace(args.corpus, whole_corpus=True) as workspace:
        groups = workspace.library.duplicates()
        count = workspace.count()
        wanted = {doc_id for group in groups for doc_id in group.ids}
        summaries = {s.id: s for s in workspace.summaries() if s.id in wanted}
    if args.json:
        print_json({"documents": count, "groups": [_json(g, summaries) for g in groups]})
        return 0
    out = sys.stdout
    if not groups:
        out.write(f"no near-duplicates among {count} articles\n")
        return 0
    members = sum(len(g.ids) for g in groups)
    out.write(
        f"{len(groups)} group{'s' if len(groups) != 1 else ''} of near-duplicates "
        f"({members} of {count} articles)\n"
    )
    for group in groups:
        out.write(f"\n{len(group.ids)} articles, resemblance {group.resemblance:.2f}\n")
        for doc_id in _ordered(group, summaries):
            summary = summaries.get(doc_id)
            cells = (
                f"{group.to_canonical.get(doc_id, 0.0):.2f}",
                safe_name(doc_id),
                safe_name(summary.date or "-") if summary else "-",
                safe_name(summary.title) if summary else "",
            )
            out.write("  " + "\t".join(cells) + "\n")
    return 0


def _ordered(group: DuplicateGroup, summaries: dict[str, DocSummary]) -> list[str]:
    """The canonical article first, then the others oldest first (undated last), by id."""

    def key(doc_id: str) -> tuple[bool, bool, str, str]:
        date = summaries[doc_id].date if doc_id in summaries else None
        return (doc_id != group.canonical, date is None, date or "", doc_id)

    return sorted(group.ids, key=key)


def _json(group: DuplicateGroup, summaries: dict[str, DocSummary]) -> dict[str, Any]:
    articles = []
    for doc_id in _ordered(group, summaries):
        summary = summaries.get(doc_id)
        articles.append(
            {
                "id": doc_id,
                "title": summary.title if summary else None,
                "date": summary.date if summary else None,
                "path": summary.path if summary else None,
                "resemblance": round(group.to_canonical.get(doc_id, 0.0), 4),
            }
        )
    return {
        "size": len(group.ids),
        "resemblance": round(group.resemblance, 4),
        "canonical": group.canonical,
        "articles": articles,
    }
