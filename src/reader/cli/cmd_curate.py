"""``reader entities merge|block|rename|retype|split|undo|redo|history``: curating the
corpus's entities from the command line (reader.workspace.entity_edits, as the app does).

Each change prints one line saying what changed; a bad reference, an unknown type or
a refused undo is one line on stderr and exit code 2. ``history --json`` prints
``{"done": [...], "undone": [...]}``, each step ``{op, args, summary, time}``, oldest
first (undo takes the last of ``done``, redo the last of ``undone``).
"""

from __future__ import annotations

import argparse
import sys

from rich.text import Text

from reader.cli.errors import UserError
from reader.cli.output import console, print_json
from reader.core.entities.curation import Step
from reader.core.text.display import safe_name
from reader.workspace.entity_edits import EditError, EntityEdits, history_at, redo_at, undo_at

# action: (fewest values, most values or None, usage)
_SHAPES: dict[str, tuple[int, int | None, str]] = {
    "merge": (2, None, "merge INTO OTHER..."),
    "block": (1, 1, "block REF"),
    "rename": (2, 2, "rename REF NAME"),
    "retype": (2, 2, "retype REF TYPE"),
    "split": (2, None, "split REF SPELLING..."),
    "undo": (0, 0, "undo"),
    "redo": (0, 0, "redo"),
    "history": (0, 0, "history [--json]"),
}


def run(args: argparse.Namespace) -> int:
    action: str = args.doc
    values: list[str] = list(args.values)
    fewest, most, usage = _SHAPES[action]
    if len(values) < fewest or (most is not None and len(values) > most):
        raise UserError(f"usage: reader entities {usage}")
    if args.text_files or args.types:
        raise UserError(f"reader entities {action} takes no --text-file or --type")
    if action == "history":
        return _history(args)
    from reader.cli.context import corpus_root

    if action in ("undo", "redo"):
        # Only the files are needed: no index update, so undo is instant.
        root = corpus_root(args.corpus)
        try:
            line = undo_at(root) if action == "undo" else redo_at(root)
        except EditError as error:
            raise UserError(str(error)) from None
        _say(line)
        return 0
    from reader.cli.context import open_library

    library = open_library(args.corpus, whole_corpus=True)
    try:
        outcome = EntityEdits(library).run(action, values)
    except EditError as error:
        raise UserError(str(error)) from None
    finally:
        library.close()
    if outcome.warning:
        print(f"reader: warning: {safe_name(outcome.warning)}", file=sys.stderr)
    _say(outcome.message)
    return 0


def _say(line: str) -> None:
    console().print(Text(safe_name(line)))


def _history(args: argparse.Namespace) -> int:
    from reader.cli.context import corpus_root

    history = history_at(corpus_root(args.corpus))
    if history.problem:
        print(f"reader: warning: {safe_name(history.problem)}", file=sys.stderr)
    if args.json:
        print_json(
            {
                "done": [_step(s) for s in history.done],
                "undone": [_step(s) for s in history.undone],
            }
        )
        return 0
    out = console()
    if not history.done and not history.undone:
        out.print(Text("no changes recorded", style="dim"))
        return 0
    for step in history.done:
        out.print(Text(safe_name(f"{step.time}  {step.summary}")))
    for step in reversed(history.undone):
        out.print(Text(safe_name(f"{step.time}  (undone) {step.summary}"), style="dim"))
    return 0


def _step(step: Step) -> dict[str, object]:
    return {"op": step.op, "args": list(step.args), "summary": step.summary, "time": step.time}
