"""Near-duplicate articles as the reader sees them: who is a copy of whom, and the "hide
duplicates" filter.

The groups are the ones the last index update found (:meth:`Library.duplicates`: copies and
light edits of one story, e.g. wire copy republished). The document list marks every member
of a group, the Details tab lists the other members, and the filter (``D``, or the palette's
"Hide duplicates") keeps one article per group: the group's canonical (oldest) article when it
is among those listed, else the first listed (the most relevant, for search results), so a
search never loses a story because its oldest copy did not match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from reader.core.index.duplicates import DuplicateGroup
    from reader.core.index.library import Library

T = TypeVar("T")


class Duplicates:
    """The corpus's near-duplicate groups by member, and whether the filter is on."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.hide = False
        self._groups: dict[str, DuplicateGroup] | None = None  # read when first needed

    def invalidate(self) -> None:
        """An update finished: read the groups again when next needed (not at every
        showing of the list: they change only with an update)."""
        self._groups = None

    @property
    def groups(self) -> dict[str, DuplicateGroup]:
        """Each member's group; a damaged catalog means no groups."""
        if self._groups is None:
            try:
                found = self.library.duplicates()
            except Exception:  # the marker and filter are a help, never a reason to fail
                found = []
            self._groups = {doc_id: group for group in found for doc_id in group.ids}
        return self._groups

    def sizes(self) -> Mapping[str, int]:
        """Each member's group size, for the document list's marker."""
        return {doc_id: len(group.ids) for doc_id, group in self.groups.items()}

    def shown(self, items: Iterable[T], id_of: Callable[[T], str]) -> list[T]:
        """``items`` with, when the filter is on, one article per group (see the module)."""
        listed = list(items)
        if not self.hide or not self.groups:
            return listed
        ids = {id_of(item) for item in listed}
        kept: set[int] = set()  # groups (by id()) that already have their article
        out = []
        for item in listed:
            group = self.groups.get(id_of(item))
            if group is None:
                out.append(item)
                continue
            keeper_listed = group.canonical in ids
            if keeper_listed and id_of(item) != group.canonical:
                continue
            if not keeper_listed and id(group) in kept:
                continue
            kept.add(id(group))
            out.append(item)
        return out


def duplicate_lines(library: Library, doc_id: str) -> list[tuple[str, str, float]]:
    """The Details tab's near-duplicates of ``doc_id``: (id, title, resemblance to it)."""
    try:
        others = library.duplicates_of(doc_id)
    except Exception:  # as in refresh: no groups rather than a failed open
        return []
    lines = []
    for other, resemblance in others:
        summary = library.catalog.summary(other)
        lines.append((other, summary.title if summary is not None else other, resemblance))
    return lines
