"""``BookmarkStore``: one corpus's ``bookmarks.yaml``, safe against crashes and races.

- Every mutation is a read-modify-write under ``atomicfile.locked``: the file is re-read
  *inside* the lock and the change applied to those fresh contents, so two ``reader``
  processes adding bookmarks at once both keep theirs.
- Writes are atomic (temp file + rename) and keep the previous version as
  ``bookmarks.yaml.bak``; the new text is checked to read back identically first.
- A file that cannot be read or does not validate is reported in ``problem`` (one
  line) and never written: the store is ``read_only`` until the file is fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from reader.core.bookmarks.errors import BookmarkNotFound, ReadOnlyError
from reader.core.bookmarks.fileformat import MAX_FILE_BYTES, Decoded, decode, encode
from reader.core.bookmarks.model import Bookmark, Clock, normalise_tags, utc_now
from reader.core.bookmarks.quotes import quote_span
from reader.core.userdata import paths, yamlfile
from reader.core.userdata.atomicfile import atomic_write_text, locked, remove_stale_temps
from reader.core.userdata.yamlfile import one_line

FILE_NAME = "bookmarks.yaml"


def bookmarks_path(corpus_root: Path) -> Path:
    """Where the bookmarks of the corpus at ``corpus_root`` are kept."""
    return paths.corpus_data_dir(corpus_root) / FILE_NAME


class BookmarkStore:
    """The bookmarks of one corpus. ``bookmarks`` is the last state read or written.

    The file is read when the store is made; ``load()`` reads it again.
    """

    def __init__(
        self,
        corpus_root: Path | None = None,
        *,
        path: Path | None = None,
        clock: Clock = utc_now,
    ) -> None:
        if path is None:
            if corpus_root is None:
                raise TypeError("give a corpus_root or a path")
            path = bookmarks_path(corpus_root)
        elif corpus_root is not None:
            raise TypeError("give a corpus_root or a path, not both")
        self.path = path
        self.clock = clock
        self.bookmarks: list[Bookmark] = []
        self.problem: str | None = None
        self.problems: list[str] = []
        self.load()

    @property
    def read_only(self) -> bool:
        return self.problem is not None

    # -- reading ---------------------------------------------------------------

    def _read(self) -> Decoded:
        try:
            raw = yamlfile.read_bytes(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            decoded = Decoded()
        except yamlfile.YamlFileError as error:
            decoded = Decoded(problem=str(error), problems=[str(error)])
        else:
            decoded = decode(raw)
        # Every problem, one line each naming the file; ``problem`` is the first.
        self.problems = [f"bookmarks file {self.path} {p}" for p in decoded.problems]
        if decoded.problem:
            more = len(decoded.problems) - 1
            self.problem = one_line(
                f"bookmarks file {self.path} {decoded.problem}; "
                "left untouched, bookmarks are read-only until it is fixed"
                + (f" (+{more} more problems)" if more > 0 else "")
            )
        else:
            self.problem = None
        self.bookmarks = decoded.bookmarks
        return decoded

    def load(self) -> list[Bookmark]:
        """Read the file again; sets ``problem``/``read_only``. Missing file: no bookmarks."""
        return list(self._read().bookmarks)

    def get(self, ref: str) -> Bookmark:
        """The bookmark whose id is ``ref`` or uniquely starts with it (last state read)."""
        exact = [b for b in self.bookmarks if b.id == ref]
        matches = exact or [b for b in self.bookmarks if ref and b.id.startswith(ref)]
        if len(matches) != 1:
            what = "no" if not matches else "more than one"
            raise BookmarkNotFound(f"{what} bookmark with id {ref!r}")
        return matches[0]

    def all_tags(self) -> list[str]:
        """Every tag in use, once whatever its case (the first spelling), sorted."""
        return sorted(_tags_in(self.bookmarks), key=lambda t: (t.casefold(), t))

    # -- writing ---------------------------------------------------------------

    def _mutate(self, change: Callable[[list[Bookmark]], Bookmark]) -> Bookmark:
        """Apply ``change`` to the bookmarks as they are on disk now, under the lock."""
        with locked(self.path):
            remove_stale_temps(self.path)  # left by a writer that was killed
            decoded = self._read()
            if self.problem:
                raise ReadOnlyError(self.problem)
            bookmarks = list(decoded.bookmarks)
            result = change(bookmarks)
            atomic_write_text(self.path, encode(bookmarks, decoded.extra), backup=True)
            self.bookmarks = bookmarks
            return result

    def add(
        self,
        doc_id: str,
        text: str,
        start: int,
        end: int,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """Bookmark ``text[start:end]`` of document ``doc_id`` (``text``: its full text).

        A tag already in use in another spelling (``ukraine`` for ``Ukraine``) is
        stored in that spelling.
        """
        bookmark = Bookmark.on_text(
            doc_id, text, start, end, note=note, tags=tags, clock=self.clock
        )

        def change(bookmarks: list[Bookmark]) -> Bookmark:
            added = replace(bookmark, tags=normalise_tags(bookmark.tags, _tags_in(bookmarks)))
            bookmarks.append(added)
            return added

        return self._mutate(change)

    def add_quote(
        self,
        doc_id: str,
        text: str,
        quote: str,
        note: str = "",
        tags: Iterable[str] = (),
        *,
        near: int = 0,
    ) -> Bookmark:
        """Bookmark the occurrence of ``quote`` in ``text`` nearest offset ``near``
        (found as :func:`~reader.core.bookmarks.quotes.quote_span` finds it)."""
        (start, end), _count = quote_span(doc_id, text, quote, near=near)
        return self.add(doc_id, text, start, end, note=note, tags=tags)

    def update(
        self, bookmark_id: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        """Change the note and/or tags of a bookmark (``None``: leave as is).

        Tags take the spelling they already have on other bookmarks (see
        :func:`.model.normalise_tags`), as they do in :meth:`add`.
        """
        new_tags = None if tags is None else list(tags)

        def change(bookmarks: list[Bookmark]) -> Bookmark:
            index = _index(bookmarks, bookmark_id)
            others = bookmarks[:index] + bookmarks[index + 1 :]
            tags = None if new_tags is None else normalise_tags(new_tags, _tags_in(others))
            bookmarks[index] = bookmarks[index].edited(note=note, tags=tags, clock=self.clock)
            return bookmarks[index]

        return self._mutate(change)

    def delete(self, bookmark_id: str) -> Bookmark:
        """Remove a bookmark and return it (keep it to ``restore`` on undo)."""
        return self._mutate(lambda bookmarks: bookmarks.pop(_index(bookmarks, bookmark_id)))

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put ``bookmark`` back exactly as given (undo of delete or update).

        A bookmark with the same id is replaced in place; otherwise it goes back
        among the others in order of creation.
        """

        def change(bookmarks: list[Bookmark]) -> Bookmark:
            for index, existing in enumerate(bookmarks):
                if existing.id == bookmark.id:
                    bookmarks[index] = bookmark
                    return bookmark
            later = [i for i, b in enumerate(bookmarks) if b.created > bookmark.created]
            bookmarks.insert(later[0] if later else len(bookmarks), bookmark)
            return bookmark

        return self._mutate(change)


def _tags_in(bookmarks: Iterable[Bookmark]) -> list[str]:
    """The tags of ``bookmarks``, each once whatever its case, in its first spelling."""
    return list(normalise_tags(tag for b in bookmarks for tag in b.tags))


def _index(bookmarks: list[Bookmark], bookmark_id: str) -> int:
    for index, bookmark in enumerate(bookmarks):
        if bookmark.id == bookmark_id:
            return index
    raise BookmarkNotFound(f"no bookmark with id {bookmark_id!r}")
