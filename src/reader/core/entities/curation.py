"""Curating a corpus's entities: merge, block, rename, retype, with undo and redo.

The headless API the CLI (``reader entities merge …``) uses, and the UI will. Each
operation is checked against the corpus entities as they are now (an unknown or
ambiguous reference, an entity merged into itself, an unknown type: one line,
:class:`CurationError`) and written as one atomic change of the aliases file
(:mod:`reader.core.entities.aliases`), under its lock, with the previous version kept
as ``aliases.yaml.bak``.

References are written into the file as the ids the entities had *before* the
aliases file was applied (:meth:`CorpusEntities.raw_ids`): every section resolves
such an id the same way, so a later rename or retype never makes an earlier entry
miss its entity.

History (``aliases.history.yaml`` beside the aliases file): the last
:data:`MAX_STEPS` changes, each with the operation, its time, and the whole text of
the file before and after it. A separate file, so that the aliases file stays small
and readable for the user who edits it by hand, and so that a damaged history can
never keep the aliases from being used: it is only read by undo, redo and history.
Whole texts rather than inverse operations because an inverse cannot restore what a
hand edit or a comment held; the texts are what the user had, byte for byte.

A hand edit is never lost: undo restores the text before a change only if the file
is still exactly the text reader wrote after it, and refuses with one line
otherwise; a new operation records the hand-edited text as its "before", so undoing
it brings the hand edit back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.entities.aliases import (
    MAX_REF_CHARS,
    Aliases,
    AliasesError,
    _matches,
    aliases_path,
    parse_aliases,
)
from reader.core.entities.keys import fold
from reader.core.entities.model import NAMED_TYPES, CorpusEntity
from reader.core.userdata import yamlfile, yamlio
from reader.core.userdata.atomicfile import (
    atomic_write_text,
    backup_path,
    locked,
    remove_stale_temps,
)
from reader.core.userdata.yamlfile import MIB, Limits, one_line

HISTORY_NAME = "aliases.history.yaml"
MAX_STEPS = 100
"""Changes kept for undo (and as many for redo)."""
MAX_HISTORY_CHARS = 32 * MIB
"""Oldest changes are dropped beyond this much text (each keeps two whole files)."""
HISTORY_LIMITS = Limits(max_bytes=80 * MIB, max_nodes=20_000, max_depth=8, max_aliases=0)
OPERATIONS = ("merge", "block", "rename", "retype", "split", "undo", "redo")


class CurationError(ValueError):
    """A change that cannot be made; the message is one line."""


@dataclass
class Step:
    """One recorded change: what was done, when, and the file before and after it
    (``None``: there was no file)."""

    op: str
    args: list[str]
    summary: str
    time: str
    before: str | None
    after: str | None

    def to_data(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "args": list(self.args),
            "summary": self.summary,
            "time": self.time,
            "before": self.before,
            "after": self.after,
        }


@dataclass
class History:
    done: list[Step] = field(default_factory=list)  # oldest first; undo takes the last
    undone: list[Step] = field(default_factory=list)  # redo takes the last
    problem: str | None = None  # the file could not be used (one line)


def history_path(aliases_file: Path) -> Path:
    return aliases_file.with_name(HISTORY_NAME)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _step(data: Any) -> Step:
    if not isinstance(data, dict):
        raise ValueError(f"a step is {yamlfile.shown(data)}, not a mapping")
    texts = ("op", "summary", "time")
    if not all(isinstance(data.get(key), str) for key in texts):
        raise ValueError("a step lacks its op, summary or time")
    args = data.get("args")
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise ValueError("a step's args are not a list of text")
    before, after = data.get("before"), data.get("after")
    if not all(v is None or isinstance(v, str) for v in (before, after)):
        raise ValueError("a step's before/after are not text")
    return Step(data["op"], list(args), data["summary"], data["time"], before, after)


def read_history(aliases_file: Path) -> History:
    """The recorded changes; never raises. A damaged file gives an empty history and
    its problem in one line (the aliases file itself is not affected)."""
    path = history_path(aliases_file)
    try:
        data = yamlfile.load_file(path, HISTORY_LIMITS)
    except yamlfile.YamlFileError as error:
        return History(problem=one_line(f"{path}: {error}"))
    if data is yamlfile.MISSING or data is None:
        return History()
    try:
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("not a reader history (version 1)")
        done, undone = data.get("done") or [], data.get("undone") or []
        if not isinstance(done, list) or not isinstance(undone, list):
            raise ValueError("done/undone are not lists")
        return History([_step(d) for d in done], [_step(d) for d in undone])
    except ValueError as error:
        return History(problem=one_line(f"{path}: {error}"))


def _trim(steps: list[Step]) -> list[Step]:
    steps = steps[-MAX_STEPS:]
    total = 0
    for index in range(len(steps) - 1, -1, -1):
        total += len(steps[index].before or "") + len(steps[index].after or "")
        if total > MAX_HISTORY_CHARS and index < len(steps) - 1:
            return steps[index + 1 :]
    return steps


def _write_history(aliases_file: Path, history: History) -> None:
    data = {
        "version": 1,
        "done": [s.to_data() for s in _trim(history.done)],
        "undone": [s.to_data() for s in _trim(history.undone)],
    }
    text = "# reader: the last changes to aliases.yaml, for undo and redo.\n" + yamlio.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
    )
    atomic_write_text(history_path(aliases_file), text, backup=True)


def _read_text(path: Path) -> str | None:
    """The aliases file's text (``None``: no file); raises :class:`CurationError`."""
    try:
        raw = yamlfile.read_bytes(path, yamlfile.ALIASES_LIMITS.max_bytes)
    except FileNotFoundError:
        return None
    except yamlfile.YamlFileError as error:
        raise CurationError(one_line(f"{path}: {error}; not changed")) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        where = f"byte {error.start}"
        raise CurationError(f"{path}: is not UTF-8 text ({where}); not changed") from None


def _put(path: Path, text: str | None) -> None:
    """Make the aliases file hold ``text`` (``None``: no file), the old one kept as .bak."""
    if text is not None:
        atomic_write_text(path, text, backup=True)
        return
    with contextlib.suppress(FileNotFoundError):
        os.replace(path, backup_path(path))


def _quote(name: str) -> str:
    return "'" + one_line(name, 80) + "'"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def undo(aliases_file: Path) -> str:
    """Undo the last recorded change; one line saying what was undone."""
    return _move(aliases_file, undoing=True)


def redo(aliases_file: Path) -> str:
    """Redo the last undone change; one line saying what was redone."""
    return _move(aliases_file, undoing=False)


def _move(aliases_file: Path, *, undoing: bool) -> str:
    """Move one change between the history's done and undone lists, putting back the
    file text on the other side of it, unless the file was edited by hand since."""
    verb = "undo" if undoing else "redo"
    with locked(aliases_file):
        remove_stale_temps(aliases_file)
        history = read_history(aliases_file)
        if history.problem:
            raise CurationError(f"{history.problem}; nothing to {verb}")
        source, target = (
            (history.done, history.undone) if undoing else (history.undone, history.done)
        )
        if not source:
            raise CurationError(f"nothing to {verb}")
        step = source[-1]
        expected, wanted = (step.after, step.before) if undoing else (step.before, step.after)
        if _read_text(aliases_file) != expected:
            after = f"the last change ({one_line(step.summary, 120)})" if undoing else "the undo"
            raise CurationError(
                f"{aliases_file.name} was edited outside reader after {after}; "
                f"{verb} refused so the edit is kept"
            )
        _put(aliases_file, wanted)
        target.append(source.pop())
        _write_history(aliases_file, history)
    return f"{'undid' if undoing else 'redid'}: {step.summary}"


class Curator:
    """Changes to one library's aliases file, checked against its corpus entities.

    ``library`` is a :class:`reader.core.index.library.Library` (its corpus entities are
    re-read after each change). Every method returns one line saying what changed.
    """

    def __init__(self, library: Any) -> None:
        self.library = library
        self.path = aliases_path(library.root)
        self.warning: str | None = None  # e.g. a damaged history replaced by a new one

    # -- references ----------------------------------------------------------------

    def find(self, ref: str) -> CorpusEntity:
        """The one live entity ``ref`` (an id, a name or an alias) names."""
        entities: list[CorpusEntity] = self.library.corpus_entities()
        exact = [e for e in entities if e.id == ref]
        found = exact or [e for e in entities if _matches(ref, e)]
        if not found:
            raise CurationError(f"no entity {_quote(ref)} in this corpus")
        if len(found) > 1:
            ids = ", ".join(e.id for e in found[:5]) + (", …" if len(found) > 5 else "")
            raise CurationError(f"{_quote(ref)} names {len(found)} entities ({ids}); give an id")
        return found[0]

    def _key(self, entity: CorpusEntity) -> str:
        ids: list[str] = self.library.entity_raw_ids(entity.id)
        if not ids:
            # Made by a split, which the file applies after every other section.
            raise CurationError(
                f"{_quote(entity.name)} was split off by the aliases file; "
                "it can only be merged back (undo) or edited by hand there"
            )
        return ids[0]

    # -- operations ----------------------------------------------------------------

    def merge(self, into: str, others: list[str]) -> str:
        if not others:
            raise CurationError("name at least one entity to merge")
        target = self.find(into)
        group: dict[str, CorpusEntity] = {}
        for ref in others:
            entity = self.find(ref)
            if entity.id == target.id:
                raise CurationError(
                    f"{_quote(ref)} is {_quote(target.name)} itself; nothing to merge"
                )
            group.setdefault(entity.id, entity)
        key, refs = self._key(target), [self._key(e) for e in group.values()]

        def change(aliases: Aliases) -> None:
            current = aliases.merge.setdefault(key, [])
            current.extend(r for r in refs if r not in current and r != key)

        names = ", ".join(_quote(e.name) for e in group.values())
        count = len(group) + 1
        summary = f"merged {names} into {_quote(target.name)} ({count} → 1 entities)"
        return self._commit("merge", [into, *others], summary, change)

    def block(self, ref: str) -> str:
        entity = self.find(ref)
        key = self._key(entity)

        def change(aliases: Aliases) -> None:
            if key not in aliases.block:
                aliases.block.append(key)

        summary = (
            f"blocked {_quote(entity.name)} ({entity.type}, {_plural(entity.articles, 'article')})"
        )
        return self._commit("block", [ref], summary, change)

    def rename(self, ref: str, name: str) -> str:
        entity = self.find(ref)
        if not name.strip() or len(name) > MAX_REF_CHARS or one_line(name, MAX_REF_CHARS) != name:
            raise CurationError(
                f"a name must be one line of text of at most {MAX_REF_CHARS} characters"
            )
        if name == entity.name:
            raise CurationError(f"{_quote(ref)} is already named {_quote(name)}")
        key = self._key(entity)

        def change(aliases: Aliases) -> None:
            aliases.rename.pop(key, None)  # at the end: later entries win
            aliases.rename[key] = name

        summary = f"renamed {_quote(entity.name)} to {_quote(name)}"
        return self._commit("rename", [ref, name], summary, change)

    def retype(self, ref: str, kind: str) -> str:
        if kind not in NAMED_TYPES:
            raise CurationError(f"{_quote(kind)} is not a type ({', '.join(NAMED_TYPES)})")
        entity = self.find(ref)
        if entity.type == kind:
            raise CurationError(f"{_quote(entity.name)} is already a {kind}")
        key = self._key(entity)

        def change(aliases: Aliases) -> None:
            aliases.retype.pop(key, None)
            aliases.retype[key] = kind

        summary = f"retyped {_quote(entity.name)} from {entity.type} to {kind}"
        return self._commit("retype", [ref, kind], summary, change)

    def split(self, ref: str, spellings: list[str]) -> str:
        entity = self.find(ref)
        own = {fold(s): s for s in entity.aliases}
        moved: list[str] = []
        for spelling in spellings:
            if fold(spelling) == fold(entity.name):
                raise CurationError(
                    f"{_quote(spelling)} is the name of {_quote(entity.name)}; "
                    "split off its other spellings (or rename it first)"
                )
            if fold(spelling) not in own:
                known = ", ".join(_quote(a) for a in entity.aliases[:6]) or "none"
                raise CurationError(
                    f"{_quote(entity.name)} is never written {_quote(spelling)} "
                    f"(its other spellings: {known})"
                )
            if own[fold(spelling)] not in moved:
                moved.append(own[fold(spelling)])
        key = self._key(entity)

        def change(aliases: Aliases) -> None:
            current = aliases.split.setdefault(key, [])
            current.extend(s for s in moved if s not in current)

        names = ", ".join(_quote(s) for s in moved)
        summary = f"split {names} off {_quote(entity.name)} as a new entity (1 → 2 entities)"
        return self._commit("split", [ref, *spellings], summary, change)

    def undo(self) -> str:
        summary = undo(self.path)
        self.library.reload_aliases()
        return summary

    def redo(self) -> str:
        summary = redo(self.path)
        self.library.reload_aliases()
        return summary

    def history(self) -> History:
        return read_history(self.path)

    # -- writing -------------------------------------------------------------------

    def _commit(
        self, op: str, args: list[str], summary: str, change: Callable[[Aliases], None]
    ) -> str:
        path = self.path
        with locked(path):
            remove_stale_temps(path)
            before = _read_text(path)
            try:
                aliases = parse_aliases(before or "", str(path))
            except AliasesError as error:
                # Rewriting would drop the entries reader cannot read.
                raise CurationError(f"{error}; fix the file first, nothing changed") from None
            change(aliases)
            after = aliases.to_yaml()
            if len(after.encode("utf-8")) > yamlfile.ALIASES_LIMITS.max_bytes:
                raise CurationError("the aliases file would be too large to read back; not changed")
            history = read_history(path)
            if history.problem:
                self.warning = f"{history.problem}; a new history was started (old one: .bak)"
                history = History()
            atomic_write_text(path, after, backup=True)
            history.done.append(Step(op, args, summary, _now(), before, after))
            history.undone.clear()  # a new change ends what could be redone
            _write_history(path, history)
        self.library.reload_aliases()
        return summary
