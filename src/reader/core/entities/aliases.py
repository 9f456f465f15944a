"""The per-corpus aliases file: the user's corrections, which win over the extractor.

Where: ``reader.core.paths.corpus_data_dir(root) / "aliases.yaml"`` (the corpus's
data dir, beside its bookmarks; it is user data, never rebuilt). Shape, all sections
optional, every reference an entity id or any of its names or aliases::

    # reader aliases for one corpus
    merge:                 # the listed entities become the key entity
      person:valery-zaluzhnyi: [Zaluzhny, person:zeluzhnyi]
    rename:                # display name
      place:kyiv: Kyiv
    retype:                # person | org | place
      org:azov: place
    block:                 # never shown
      - Salvator

A file that cannot be read or parsed is reported in one line and left untouched;
the extractor's results are then used as they are. Writers hold
:func:`reader.core.atomicfile.locked` and replace the file atomically (the previous
version kept as ``aliases.yaml.bak``). Only a safe loader (:mod:`reader.core.yamlio`)
ever reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import yaml

from reader.core import yamlio
from reader.core.atomicfile import atomic_write_text, locked
from reader.core.entities.keys import fold, slug
from reader.core.entities.model import NAMED_TYPES, CorpusEntity, Entity, EntityType
from reader.core.paths import corpus_data_dir

FILE_NAME = "aliases.yaml"
HEADER = "# reader aliases: merge, rename, retype or block entities in this corpus.\n"


class AliasesError(ValueError):
    """The aliases file exists but is not valid; the message is one line."""


@dataclass
class Aliases:
    merge: dict[str, list[str]] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    retype: dict[str, EntityType] = field(default_factory=dict)
    block: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.merge or self.rename or self.retype or self.block)

    def to_yaml(self) -> str:
        data: dict[str, Any] = {}
        if self.merge:
            data["merge"] = {k: list(v) for k, v in self.merge.items()}
        if self.rename:
            data["rename"] = dict(self.rename)
        if self.retype:
            data["retype"] = dict(self.retype)
        if self.block:
            data["block"] = list(self.block)
        body = yamlio.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
        return HEADER + ("" if body.strip() == "{}" else body)


def aliases_path(corpus_root: Path) -> Path:
    return corpus_data_dir(corpus_root) / FILE_NAME


def parse_aliases(text: str) -> Aliases:
    """Validate the YAML text of an aliases file (raises :class:`AliasesError`)."""
    try:
        data = yamlio.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise AliasesError(f"not valid YAML{where}") from None
    if data is None:
        return Aliases()
    if not isinstance(data, dict):
        raise AliasesError("expected a mapping with merge/rename/retype/block")
    unknown = set(data) - {"merge", "rename", "retype", "block"}
    if unknown:
        raise AliasesError(f"unknown section {sorted(map(str, unknown))[0]!r}")
    merge = _mapping(data, "merge", lambda v: [str(x) for x in _list(v, "merge")])
    rename = _mapping(data, "rename", str)
    retype = _mapping(data, "retype", _entity_type)
    block = [str(x) for x in _list(data.get("block") or [], "block")]
    return Aliases(merge, rename, retype, block)


def _list(value: Any, section: str) -> list[Any]:
    if isinstance(value, (str, int, float)):
        return [value]
    if not isinstance(value, list) or any(isinstance(x, (dict, list)) for x in value):
        raise AliasesError(f"{section}: expected a list of names or ids")
    return value


def _mapping(data: dict[str, Any], section: str, convert: Callable[[Any], Any]) -> dict[str, Any]:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        raise AliasesError(f"{section}: expected a mapping")
    return {str(k): convert(v) for k, v in value.items()}


def _entity_type(value: Any) -> EntityType:
    if value not in NAMED_TYPES:
        raise AliasesError(f"retype: {value!r} is not one of {', '.join(NAMED_TYPES)}")
    return cast(EntityType, value)


def load_aliases(path: Path) -> tuple[Aliases, str | None]:
    """The aliases in ``path`` and a one-line warning if it could not be used.

    A missing file is simply empty. A broken one yields empty aliases and a warning;
    the file is not touched.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Aliases(), None
    except (OSError, UnicodeDecodeError) as exc:
        return Aliases(), f"{path}: cannot read aliases ({exc.__class__.__name__}); ignored"
    try:
        return parse_aliases(text), None
    except AliasesError as exc:
        return Aliases(), f"{path}: {exc}; aliases ignored, file left as it is"


def _place_id(ref: str) -> str:
    """The id a place's gazetteer name gives it: places are shown as the corpus spells
    them ("Avdiivka"), and aliases files written when they were shown under the
    gazetteer's name ("Avdiyivka") must still reach them."""
    return "place:" + slug(ref)


def _matches(ref: str, entity: Entity | CorpusEntity) -> bool:
    if ref == entity.id or (entity.type == "place" and entity.id == _place_id(ref)):
        return True
    key = fold(ref)
    return key == fold(entity.name) or any(key == fold(a) for a in entity.aliases)


def apply_aliases(entities: list[Entity], aliases: Aliases) -> list[Entity]:
    """The entities of one article with the user's corrections applied (a new list)."""
    if aliases.is_empty():
        return entities
    out = [replace(e, mentions=list(e.mentions), aliases=list(e.aliases)) for e in entities]
    out = [e for e in out if not any(_matches(ref, e) for ref in aliases.block)]
    for target, refs in aliases.merge.items():
        group = [e for e in out if _matches(target, e) or any(_matches(r, e) for r in refs)]
        if len(group) < 2 and not (group and group[0].id != target and ":" in target):
            continue
        keep = next((e for e in group if e.id == target or _matches(target, e)), group[0])
        for other in group:
            if other is not keep:
                keep.mentions.extend(other.mentions)
                keep.aliases.extend([other.name, *other.aliases])
                out.remove(other)
        if ":" in target:
            keep.id = target
        keep.mentions.sort()
        keep.aliases = sorted(set(keep.aliases) - {keep.name})
    for entity in out:
        for ref, kind in aliases.retype.items():
            if _matches(ref, entity) and entity.type != kind:
                entity.id = f"{kind}:{entity.id.partition(':')[2]}"
                entity.type = kind
        for ref, name in aliases.rename.items():
            if _matches(ref, entity) and entity.name != name:
                entity.aliases = sorted({*entity.aliases, entity.name} - {name})
                entity.name = name
    return out


class _Resolver:
    """Finds the live corpus entities a reference names (id, name or alias), following
    merges so a reference to a merged-away entity reaches the one that absorbed it."""

    def __init__(self, entities: list[CorpusEntity]) -> None:
        self._keys: dict[str, list[int]] = {}
        self.live: dict[int, CorpusEntity] = {}
        self.into: dict[int, int] = {}
        for number, entity in enumerate(entities):
            self.live[number] = entity
            for key in {entity.id, fold(entity.name), *(fold(a) for a in entity.aliases)}:
                self._keys.setdefault(key, []).append(number)

    def head(self, number: int) -> int:
        while number in self.into:
            number = self.into[number]
        return number

    def find(self, ref: str) -> list[int]:
        numbers = [
            *self._keys.get(ref, ()),
            *self._keys.get(fold(ref), ()),
            *self._keys.get(_place_id(ref), ()),
        ]
        heads = dict.fromkeys(self.head(n) for n in numbers)
        return [n for n in heads if n in self.live]

    def absorb(self, keep: int, other: int) -> None:
        a, b = self.live[keep], self.live.pop(other)
        a.documents = sorted({*a.documents, *b.documents})
        a.articles = len(a.documents)
        a.mentions += b.mentions
        a.aliases = sorted({*a.aliases, b.name, *b.aliases} - {a.name})
        self.into[other] = keep


def apply_corpus_aliases(
    entities: list[CorpusEntity], aliases: Aliases
) -> tuple[list[CorpusEntity], dict[str, str | None]]:
    """Corpus entities with the user's corrections applied, and where each input id
    went (``None``: blocked). The input list is not modified.

    The same rules as :func:`apply_aliases`, at corpus level: block first, then merge
    (an id as merge key becomes the merged entity's id), retype, rename. Entities that
    end up with one id (a retype onto an existing id) become one.
    """
    if aliases.is_empty():
        return entities, {e.id: e.id for e in entities}
    copies = [replace(e, aliases=list(e.aliases), documents=list(e.documents)) for e in entities]
    resolver = _Resolver(copies)
    for ref in aliases.block:
        for number in resolver.find(ref):
            del resolver.live[number]
    for target, refs in aliases.merge.items():
        group = list(dict.fromkeys(n for r in (target, *refs) for n in resolver.find(r)))
        if not group:
            continue
        exact = [n for n in group if resolver.live[n].id == target]
        named = resolver.find(target)
        keep = (exact or named or group)[0]
        for other in group:
            if other != keep:
                resolver.absorb(keep, other)
        if ":" in target and target.partition(":")[0] in NAMED_TYPES:
            entity = resolver.live[keep]
            entity.type = cast(EntityType, target.partition(":")[0])
            entity.id = target
    for ref, kind in aliases.retype.items():
        for number in resolver.find(ref):
            entity = resolver.live[number]
            if entity.type != kind:
                entity.id = f"{kind}:{entity.id.partition(':')[2]}"
                entity.type = kind
    for ref, name in aliases.rename.items():
        for number in resolver.find(ref):
            entity = resolver.live[number]
            if entity.name != name:
                entity.aliases = sorted({*entity.aliases, entity.name} - {name})
                entity.name = name
    by_id: dict[str, int] = {}
    for number in sorted(resolver.live):
        first = by_id.setdefault(resolver.live[number].id, number)
        if first != number:
            resolver.absorb(first, number)
    mapping: dict[str, str | None] = {}
    for number, original in enumerate(entities):
        head = resolver.head(number)
        mapping[original.id] = resolver.live[head].id if head in resolver.live else None
    out = sorted(resolver.live.values(), key=lambda e: (-e.articles, -e.mentions, e.id))
    return out, mapping


def _update(path: Path, change: Callable[[Aliases], None]) -> Aliases:
    """Read-modify-write under the file lock; a broken file is never overwritten."""
    with locked(path):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        aliases = parse_aliases(text)
        change(aliases)
        atomic_write_text(path, aliases.to_yaml(), backup=True)
        return aliases


def add_merge(path: Path, target: str, others: list[str]) -> Aliases:
    """Merge ``others`` into ``target`` (ids or names)."""

    def change(a: Aliases) -> None:
        current = a.merge.setdefault(target, [])
        current.extend(o for o in others if o not in current and o != target)

    return _update(path, change)


def add_block(path: Path, ref: str) -> Aliases:
    return _update(path, lambda a: None if ref in a.block else a.block.append(ref))


def add_rename(path: Path, ref: str, name: str) -> Aliases:
    return _update(path, lambda a: a.rename.__setitem__(ref, name))


def add_retype(path: Path, ref: str, kind: EntityType) -> Aliases:
    _entity_type(kind)
    return _update(path, lambda a: a.retype.__setitem__(ref, kind))
