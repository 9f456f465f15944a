"""``bookmarks.yaml``: reading it defensively and writing it so that it reads back.

The file is a mapping ``{version: 1, bookmarks: [...]}``, one mapping per bookmark
with the keys of :meth:`Bookmark.to_dict`. Keys reader does not know (added by hand
or by a newer reader) are kept and written back unchanged.

Reading never trusts the file: it is size-capped, pre-scanned with the libyaml event
parser (no aliases, bounded nesting, so no alias bombs and no C-stack overflow in the
composer), then loaded with a *safe* loader only. Any problem is one line of text;
the valid entries are still returned so the user can see them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from reader.core.bookmarks.errors import BookmarkError
from reader.core.bookmarks.model import Bookmark, iso_utc
from reader.core.userdata import yamlfile, yamlio

FORMAT_VERSION = 1
MAX_FILE_BYTES = yamlfile.BOOKMARKS_LIMITS.max_bytes
MAX_DEPTH = yamlfile.BOOKMARKS_LIMITS.max_depth
MAX_NODES = yamlfile.BOOKMARKS_LIMITS.max_nodes

HEADER = (
    "# reader bookmarks for one corpus. Safe to edit by hand if it stays valid YAML;\n"
    "# a broken file is reported and left untouched (previous version: bookmarks.yaml.bak).\n"
)


class _Dumper(yamlio.Dumper):  # type: ignore[misc, valid-type]
    """Safe dumper that never writes anchors/aliases, even for shared values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass
class Decoded:
    bookmarks: list[Bookmark] = field(default_factory=list)
    problem: str | None = None  # the first problem (``problems[0]``)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys
    problems: list[str] = field(default_factory=list)  # every problem, one line each


def parse_yaml(raw: bytes) -> tuple[Any, str | None]:
    """The YAML document in ``raw`` as plain data, or ``(None, problem)``.

    Read with :mod:`reader.core.userdata.yamlfile`'s bounds: at most ``MAX_FILE_BYTES``, no
    aliases at all (a bookmarks file never needs them, so none can be a bomb), at most
    ``MAX_DEPTH`` levels, and at most ``MAX_NODES`` values. 16 MiB holds some 35,000
    bookmarks with notes; loading that takes about two seconds and half a gigabyte.
    """
    limits = yamlfile.Limits(
        max_bytes=MAX_FILE_BYTES, max_nodes=MAX_NODES, max_depth=MAX_DEPTH, max_aliases=0
    )
    try:
        return yamlfile.parse(raw, limits), None
    except yamlfile.YamlFileError as error:
        return None, str(error)


def _entry(item: Any, number: int) -> tuple[Bookmark | None, str | None]:
    if not isinstance(item, dict):
        return None, f"entry {number} is not a mapping"
    label = f"entry {number}" + (f" ({item['id']})" if isinstance(item.get("id"), str) else "")
    values: dict[str, Any] = {}
    for key in ("id", "doc", "quote"):
        value = item.get(key)
        if not isinstance(value, str) or not value:
            return None, f"{label}: '{key}' must be non-empty text"
        values[key] = value
    for key in ("prefix", "suffix", "text_hash", "note"):
        value = item.get(key, "")
        value = "" if value is None else value
        if not isinstance(value, str):
            return None, f"{label}: '{key}' must be text (put it in quotes)"
        values[key] = value
    for key in ("start", "end"):
        value = item.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return None, f"{label}: '{key}' must be a whole number ≥ 0"
        values[key] = value
    if values["end"] < values["start"]:
        return None, f"{label}: 'end' is before 'start'"
    tags = item.get("tags", [])
    tags = [] if tags is None else [tags] if isinstance(tags, str) else tags
    if not isinstance(tags, list) or not all(
        isinstance(t, (str, int)) and not isinstance(t, bool) for t in tags
    ):
        return None, f"{label}: 'tags' must be a list of words"
    values["tags"] = tuple(str(t) for t in tags)
    for key in ("created", "updated"):
        value = item.get(key, "")
        if isinstance(value, datetime):
            value = iso_utc(value)
        elif isinstance(value, date):
            value = value.isoformat()
        elif value is None:
            value = ""
        if not isinstance(value, str):
            return None, f"{label}: '{key}' must be an ISO 8601 time"
        values[key] = value
    known = set(values)
    extra = {k: v for k, v in item.items() if k not in known}
    if any(not isinstance(k, str) for k in extra):
        return None, f"{label}: keys must be text"
    return Bookmark(**values, extra=extra), None


def decode(raw: bytes) -> Decoded:
    """Bookmarks from the bytes of a bookmarks file (empty bytes: no bookmarks)."""
    data, problem = parse_yaml(raw)
    if problem:
        return Decoded(problem=problem, problems=[problem])
    if data is None:
        return Decoded()
    if not isinstance(data, dict) or not isinstance(data.get("bookmarks", []), list):
        problem = "is not a mapping with a 'bookmarks' list"
        return Decoded(problem=problem, problems=[problem])
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        problem = f"has format version {yamlfile.shown(version)}; this reader knows only 1"
        return Decoded(problem=problem, problems=[problem])
    result = Decoded(extra={k: v for k, v in data.items() if k not in ("version", "bookmarks")})
    seen: set[str] = set()
    for number, item in enumerate(data.get("bookmarks") or [], start=1):
        bookmark, entry_problem = _entry(item, number)
        if bookmark is not None and bookmark.id in seen:
            entry_problem = f"entry {number}: id {bookmark.id} is used twice"
            bookmark = None
        if bookmark is None:
            result.problem = result.problem or entry_problem
            if entry_problem:
                result.problems.append(yamlfile.one_line(entry_problem))
            continue
        seen.add(bookmark.id)
        result.bookmarks.append(bookmark)
    return result


def encode(bookmarks: Sequence[Bookmark], extra: dict[str, Any] | None = None) -> str:
    """The file text for ``bookmarks``, verified to read back to exactly the same."""
    data = {"version": FORMAT_VERSION, **(extra or {})}
    data["bookmarks"] = [b.to_dict() for b in bookmarks]
    try:
        body = yaml.dump(
            data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
        )
        text = HEADER + body
        raw = text.encode("utf-8")
        if len(raw) > MAX_FILE_BYTES:
            raise BookmarkError(
                f"cannot save bookmarks: the file would be larger than "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB, the most reader reads back"
            )
    except (yaml.YAMLError, UnicodeEncodeError) as error:
        raise BookmarkError(f"cannot save bookmarks: {type(error).__name__}") from error
    again = decode(raw)
    if again.problem or again.bookmarks != list(bookmarks):
        raise BookmarkError("cannot save bookmarks: they would not read back unchanged")
    return text
