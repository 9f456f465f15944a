"""The per-corpus aliases file: the user's corrections, which win over the extractor.

Where: ``reader.core.userdata.paths.corpus_data_dir(root) / "aliases.yaml"`` (the corpus's
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
    split:                 # these spellings leave the entity, as a new one
      person:valery-zaluzhnyi: [Zaluzhny]

The file is read through :mod:`reader.core.userdata.yamlfile` (size, alias, nesting bounds).
Each problem is one line naming the file and the entry; a bad entry is left out and
the rest used. A file with problems is never rewritten by reader (edits are refused
until it is fixed), so nothing the user wrote is lost. Writers hold
:func:`reader.core.userdata.atomicfile.locked` and replace the file atomically (the previous
version kept as ``aliases.yaml.bak``). Only a safe loader (:mod:`reader.core.userdata.yamlio`)
ever reads it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from reader.core.entities.keys import fold, slug
from reader.core.entities.model import NAMED_TYPES, CorpusEntity, Entity, EntityType
from reader.core.userdata import yamlfile, yamlio
from reader.core.userdata.atomicfile import atomic_write_text, locked, remove_stale_temps
from reader.core.userdata.paths import corpus_data_dir
from reader.core.userdata.yamlfile import Problems, key_path, one_line, shown

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
    # Applied after everything else (reader.core.index.entity_view): the mentions written
    # with these spellings leave the entity for a new one named by the first of them.
    split: dict[str, list[str]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.merge or self.rename or self.retype or self.block or self.split)

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
        if self.split:
            data["split"] = {k: list(v) for k, v in self.split.items()}
        body = yamlio.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
        return HEADER + ("" if body.strip() == "{}" else body)


def aliases_path(corpus_root: Path) -> Path:
    return corpus_data_dir(corpus_root) / FILE_NAME


MAX_REF_CHARS = 500  # an entity id, name or alias; names are a few words


def parse_aliases(text: str | bytes, source: str = "aliases") -> Aliases:
    """Validate an aliases file's text (raises :class:`AliasesError` on any problem)."""
    aliases, problems = check_aliases(text, source)
    if problems:
        first = problems[0].removeprefix(f"{source}: ")
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise AliasesError(first + more)
    return aliases


def check_aliases(text: str | bytes, source: str = "aliases") -> tuple[Aliases, list[str]]:
    """The usable aliases in ``text`` and one line per problem (``source: where: what``).

    The file is read with :mod:`reader.core.userdata.yamlfile`'s bounds (no alias bomb, no deep
    nesting); a bad entry is left out with its line, the good ones are kept.
    """
    problems = Problems(source)
    try:
        data = yamlfile.parse(text, yamlfile.ALIASES_LIMITS)
    except yamlfile.YamlFileError as error:
        problems.add("", f"{error}; aliases ignored")
        return Aliases(), problems.lines
    aliases = Aliases()
    if data is None:
        return aliases, problems.lines
    if not isinstance(data, dict):
        problems.add("", f"is {shown(data)}, not a mapping with merge/rename/retype/block; ignored")
        return aliases, problems.lines
    for section in data:
        if section not in ("merge", "rename", "retype", "block", "split"):
            problems.add(
                key_path(section), "unknown section (merge, rename, retype, block, split); ignored"
            )
    for target, value in _section(data, "merge", problems):
        refs = _refs(value, key_path("merge", target), problems)
        if refs:
            aliases.merge[target] = refs
    for ref, value in _section(data, "split", problems):
        refs = _refs(value, key_path("split", ref), problems)
        if refs:
            aliases.split[ref] = refs
    for ref, value in _section(data, "rename", problems):
        if isinstance(value, str) and value.strip() and len(value) <= MAX_REF_CHARS:
            aliases.rename[ref] = value
        else:
            problems.add(
                key_path("rename", ref), f"must be a name (text), not {shown(value)}; ignored"
            )
    for ref, value in _section(data, "retype", problems):
        if value in NAMED_TYPES:
            aliases.retype[ref] = cast(EntityType, value)
        else:
            problems.add(
                key_path("retype", ref),
                f"{shown(value)} is not one of {', '.join(NAMED_TYPES)}; ignored",
            )
    if data.get("block") is not None:
        aliases.block = _refs(data["block"], "block", problems)
    return aliases, problems.lines


def _ref(value: Any) -> str | None:
    """A reference (an id or a name) from a YAML scalar: text, or a whole number."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() < 64:
        return str(value)
    if isinstance(value, str) and value.strip() and len(value) <= MAX_REF_CHARS:
        return value
    return None


def _refs(value: Any, where: str, problems: Problems) -> list[str]:
    items = value if isinstance(value, list) else [value]
    refs: list[str] = []
    for number, item in enumerate(items):
        ref = _ref(item)
        if ref is None:
            at = f"{where}[{number}]" if isinstance(value, list) else where
            problems.add(at, f"must be a name or an id (text), not {shown(item)}; ignored")
        elif ref not in refs:
            refs.append(ref)
    return refs


def _section(data: dict[Any, Any], section: str, problems: Problems) -> list[tuple[str, Any]]:
    value = data.get(section)
    if value is None:
        return []
    if not isinstance(value, dict):
        problems.add(section, f"must be a mapping, not {shown(value)}; ignored")
        return []
    entries: list[tuple[str, Any]] = []
    for key, item in value.items():
        ref = _ref(key)
        if ref is None:
            problems.add(f"{section} key {shown(key)}", "must be a name or an id (text); ignored")
        else:
            entries.append((ref, item))
    return entries


def _entity_type(value: Any) -> EntityType:
    if value not in NAMED_TYPES:
        raise AliasesError(f"retype: {shown(value)} is not one of {', '.join(NAMED_TYPES)}")
    return cast(EntityType, value)


def read_aliases(path: Path) -> tuple[Aliases, list[str]]:
    """The usable aliases in ``path`` and one line per problem; the file is only read.

    A missing file is simply empty. A bad entry is left out, the rest used.
    """
    source = f"{path}"
    try:
        raw = yamlfile.read_bytes(path, yamlfile.ALIASES_LIMITS.max_bytes)
    except FileNotFoundError:
        return Aliases(), []
    except yamlfile.YamlFileError as error:
        return Aliases(), [one_line(f"{source}: {error}; aliases ignored, file left as it is")]
    return check_aliases(raw, source)


def load_aliases(path: Path) -> tuple[Aliases, str | None]:
    """The aliases in ``path`` and a one-line warning if any of it could not be used
    (the first problem, and how many more :func:`read_aliases` lists)."""
    aliases, problems = read_aliases(path)
    if not problems:
        return aliases, None
    more = f" (+{len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return aliases, one_line(problems[0], 240) + more


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

    def __init__(
        self, entities: list[CorpusEntity], keys: dict[str, list[int]] | None = None
    ) -> None:
        self._keys = corpus_keys(entities) if keys is None else keys
        self.live: dict[int, CorpusEntity] = dict(enumerate(entities))
        self.into: dict[int, int] = {}
        self._own: set[int] = set()

    def own(self, number: int) -> CorpusEntity:
        """The live entity ``number``, copied before its first change: the input list
        is never modified, and only the few entities an aliases file touches are
        copied (copying all of them took seconds at 16,000 entities)."""
        if number not in self._own:
            self._own.add(number)
            self.live[number] = copy.copy(self.live[number])
        return self.live[number]

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
        a, b = self.own(keep), self.live.pop(other)
        a.documents = sorted({*a.documents, *b.documents})
        a.articles = len(a.documents)
        a.mentions += b.mentions
        a.aliases = sorted({*a.aliases, b.name, *b.aliases} - {a.name})
        self.into[other] = keep


def corpus_keys(entities: list[CorpusEntity]) -> dict[str, list[int]]:
    """Each id and folded name or alias, with the positions of the entities it names
    (what :func:`apply_corpus_aliases` resolves references with; the same for every
    aliases file applied to one list, so callers may keep it)."""
    keys: dict[str, list[int]] = {}
    for number, entity in enumerate(entities):
        for key in {entity.id, fold(entity.name), *(fold(a) for a in entity.aliases)}:
            keys.setdefault(key, []).append(number)
    return keys


def apply_corpus_aliases(
    entities: list[CorpusEntity], aliases: Aliases, keys: dict[str, list[int]] | None = None
) -> tuple[list[CorpusEntity], dict[str, str | None]]:
    """Corpus entities with the user's corrections applied, and where each input id
    went (``None``: blocked). The input list is not modified.

    The same rules as :func:`apply_aliases`, at corpus level: block first, then merge
    (an id as merge key becomes the merged entity's id), retype, rename. Entities that
    end up with one id (a retype onto an existing id) become one.
    """
    if aliases.is_empty():
        return entities, {e.id: e.id for e in entities}
    resolver = _Resolver(entities, keys)
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
            entity = resolver.own(keep)
            entity.type = cast(EntityType, target.partition(":")[0])
            entity.id = target
    for ref, kind in aliases.retype.items():
        for number in resolver.find(ref):
            entity = resolver.own(number)
            if entity.type != kind:
                entity.id = f"{kind}:{entity.id.partition(':')[2]}"
                entity.type = kind
    for ref, name in aliases.rename.items():
        for number in resolver.find(ref):
            entity = resolver.own(number)
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
    """Read-modify-write under the file lock.

    A file with any problem is never overwritten (its bad entries would be lost): the
    change is refused with the first problem until the user fixes the file.
    """
    with locked(path):
        remove_stale_temps(path)  # left by a writer that was killed
        try:
            raw = yamlfile.read_bytes(path, yamlfile.ALIASES_LIMITS.max_bytes)
        except FileNotFoundError:
            raw = b""
        except yamlfile.YamlFileError as error:
            raise AliasesError(f"{error}; not changed") from None
        aliases = parse_aliases(raw, str(path))
        change(aliases)
        text = aliases.to_yaml()
        if len(text.encode("utf-8")) > yamlfile.ALIASES_LIMITS.max_bytes:
            raise AliasesError("the aliases file would be too large to read back; not changed")
        atomic_write_text(path, text, backup=True)
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
