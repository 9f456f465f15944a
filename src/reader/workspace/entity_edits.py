"""Editing a corpus's entities, as both front ends do it: merge, block, rename,
retype, split, undo and redo, and the sentences that say beforehand what a change
will do.

Every change goes through :class:`reader.core.entities.curation.Curator`, so the app,
the command line and a later undo (in either, after a restart too) share one aliases
file and one history beside it. Any failure is one line in :class:`EditError`: a bad
reference, a refused undo, a file that cannot be written.

The operations re-read the corpus entities (the aliases file applied again), which
takes a moment on a big corpus: the UI calls them from a thread worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core.entities.aliases import aliases_path
from reader.core.entities.curation import OPERATIONS, CurationError, Curator, History, Step
from reader.core.entities.curation import read_history as _read_history
from reader.core.entities.curation import redo as _redo_file
from reader.core.entities.curation import undo as _undo_file
from reader.core.entities.keys import fold
from reader.core.entities.model import NAMED_TYPES, CorpusEntity
from reader.core.userdata.atomicfile import describe_error
from reader.core.userdata.yamlfile import one_line

if TYPE_CHECKING:
    from reader.core.index.library import Library

_T = TypeVar("_T")

TYPE_WORDS: dict[str, str] = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "date": "date",
    "money": "money",
    "figure": "figure",
}
MERGEABLE = NAMED_TYPES
"""Types that can be merged, renamed, retyped and split (figures and dates are read
from the text as they are; they can only be blocked)."""


class EditError(Exception):
    """An edit that was not made; the message is one line saying why."""


@dataclass(frozen=True)
class Outcome:
    """What an edit did: one line, and a warning to show beside it (or None)."""

    message: str
    warning: str | None = None


def _quote(name: str) -> str:
    return "'" + one_line(name, 80) + "'"


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def describe(entity: CorpusEntity) -> str:
    """``'Joe Biden' (person · 3 articles · 12 mentions)``."""
    kind = TYPE_WORDS.get(entity.type, entity.type)
    counts = f"{_count(entity.articles, 'article')} · {_count(entity.mentions, 'mention')}"
    return f"{_quote(entity.name)} ({kind} · {counts})"


def _spellings(entity: CorpusEntity, limit: int = 6) -> str:
    others = [a for a in entity.aliases if fold(a) != fold(entity.name)]
    shown = ", ".join(_quote(a) for a in others[:limit])
    return shown + (f" and {len(others) - limit:,} more" if len(others) > limit else "")


def undo_at(corpus_root: Path) -> str:
    """Undo the last recorded change of a corpus's aliases file without opening its
    index (the CLI: instant); one line."""
    return _guarded(lambda: _undo_file(aliases_path(corpus_root)), aliases_path(corpus_root))


def redo_at(corpus_root: Path) -> str:
    """Redo the last undone change (see :func:`undo_at`); one line."""
    return _guarded(lambda: _redo_file(aliases_path(corpus_root)), aliases_path(corpus_root))


def history_at(corpus_root: Path) -> History:
    """The recorded changes (never raises; a damaged history has its ``problem``)."""
    return _read_history(aliases_path(corpus_root))


def _guarded(action: Callable[[], str], path: Path) -> str:
    try:
        return action()
    except CurationError as error:
        raise EditError(str(error)) from None
    except OSError as error:
        raise EditError(describe_error(error, path)) from None


class EntityEdits:
    """The edits of one open corpus (a :class:`Library`), each one recorded for undo."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._curator = Curator(library)
        self.path = self._curator.path

    # -- looking up ------------------------------------------------------------------

    def find(self, ref: str) -> CorpusEntity:
        """The one entity ``ref`` (an id, a name or an alias) names now."""
        return self._guard(lambda: self._curator.find(ref))

    def history(self) -> History:
        return self._curator.history()

    def next_undo(self) -> Step | None:
        """The change undo would take back (None: nothing to undo, or no usable history)."""
        history = self.history()
        return history.done[-1] if history.done and not history.problem else None

    def next_redo(self) -> Step | None:
        history = self.history()
        return history.undone[-1] if history.undone and not history.problem else None

    def split_choices(self, ref: str) -> list[str]:
        """The spellings that can be split off the entity (all but its name), in the
        order the entity lists them. Raises EditError when it has none."""
        entity = self.find(ref)
        choices = [a for a in entity.aliases if fold(a) != fold(entity.name)]
        if entity.type not in MERGEABLE:
            raise EditError(f"{_quote(entity.name)} is a {entity.type}: only names can be split")
        if not choices:
            raise EditError(f"{_quote(entity.name)} is only ever written one way: nothing to split")
        return list(dict.fromkeys(choices))

    # -- what a change will do (for a confirmation) ------------------------------------

    def merge_preview(self, source: str, target: str) -> str:
        """What merging ``source`` into ``target`` will do, in a few sentences."""
        one, other = self.find(source), self.find(target)
        if one.id == other.id:
            raise EditError(f"{_quote(one.name)} is {_quote(other.name)} itself; nothing to merge")
        lines = [f"Merge {describe(one)}", f"into {describe(other)}."]
        spellings = _spellings(one)
        also = f" (and its spellings {spellings})" if spellings else ""
        lines.append(
            f"{_quote(one.name)}{also} will count as {_quote(other.name)} in the entity "
            "lists, the article sidebars and entity search."
        )
        if one.type != other.type:
            kind = TYPE_WORDS.get(other.type, other.type)
            lines.append(f"Types differ: the merged entity is a {kind}.")
        return "\n".join(lines)

    def block_preview(self, ref: str) -> str:
        entity = self.find(ref)
        return (
            f"Block {describe(entity)}.\n"
            "It will no longer be listed in any article's sidebar or the corpus list, and "
            "entity search will not find it. The articles themselves do not change."
        )

    def rename_preview(self, ref: str, name: str) -> str:
        entity = self.find(ref)
        return f"Rename {describe(entity)} to {_quote(name)}."

    def retype_preview(self, ref: str, kind: str) -> str:
        entity = self.find(ref)
        word = TYPE_WORDS.get(kind, kind)
        return f"Make {describe(entity)} a {word}."

    def split_preview(self, ref: str, spellings: Sequence[str]) -> str:
        entity = self.find(ref)
        moved = ", ".join(_quote(s) for s in spellings)
        return (
            f"Split {moved} off {describe(entity)}.\n"
            f"The mentions written that way become a new entity named {_quote(spellings[0])}; "
            f"the rest stay {_quote(entity.name)}."
        )

    # -- changes -------------------------------------------------------------------------

    def merge(self, target: str, others: Sequence[str]) -> Outcome:
        return self._change(lambda: self._curator.merge(target, list(others)))

    def block(self, ref: str) -> Outcome:
        return self._change(lambda: self._curator.block(ref))

    def rename(self, ref: str, name: str) -> Outcome:
        return self._change(lambda: self._curator.rename(ref, name))

    def retype(self, ref: str, kind: str) -> Outcome:
        return self._change(lambda: self._curator.retype(ref, kind))

    def split(self, ref: str, spellings: Sequence[str]) -> Outcome:
        if not spellings:
            raise EditError("choose at least one spelling to split off")
        return self._change(lambda: self._curator.split(ref, list(spellings)))

    def undo(self) -> Outcome:
        return self._change(self._curator.undo)

    def redo(self) -> Outcome:
        return self._change(self._curator.redo)

    def run(self, op: str, args: Sequence[str]) -> Outcome:
        """One operation by name (``merge INTO OTHER...``, ``block REF``, ``rename REF
        NAME``, ``retype REF TYPE``, ``split REF SPELLING...``, ``undo``, ``redo``)."""
        if op not in OPERATIONS:
            raise EditError(f"unknown operation {op!r} ({', '.join(OPERATIONS)})")
        values = list(args)
        if op == "merge":
            return self.merge(values[0], values[1:])
        if op == "block":
            return self.block(values[0])
        if op == "rename":
            return self.rename(values[0], values[1])
        if op == "retype":
            return self.retype(values[0], values[1])
        if op == "split":
            return self.split(values[0], values[1:])
        return self.undo() if op == "undo" else self.redo()

    # -- helpers ---------------------------------------------------------------------------

    def _change(self, action: Callable[[], str]) -> Outcome:
        self._curator.warning = None
        message = self._guard(action)
        return Outcome(message, self._curator.warning)

    def _guard(self, action: Callable[[], _T]) -> _T:
        try:
            return action()
        except CurationError as error:
            raise EditError(str(error)) from None
        except OSError as error:
            raise EditError(describe_error(error, self.path)) from None
