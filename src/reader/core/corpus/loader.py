"""Finding article files under a corpus folder and decoding them safely.

A corpus is a folder read recursively. What counts as an article:

* a regular file named ``*.txt``, ``*.md`` or ``*.markdown`` (any case) that is not
  hidden (no part of its path starts with ``.``) and not ignored by the corpus's
  ``.readerignore`` (:mod:`reader.core.corpus.ignore`);
* links are followed, to files and folders, inside or outside the corpus folder (a
  corpus is often assembled from links to folders kept elsewhere), but one real file
  is never indexed twice: files are told apart by device and inode, the copy reached
  without a link (else the first by path) is indexed, and every other path to it is
  skipped as "same file as X" (hard links too). A folder is never read twice either,
  so symlink loops end.

Everything else under the folder is accounted for: empty, binary, unreadable,
duplicate, not-regular and broken-link files are skipped with one reason each; files
with other extensions are counted by extension; ignored files and folders are counted.

Names are kept in their text form (:mod:`reader.core.text.filenames`), so a name that is
not UTF-8 or holds control characters is an article like any other; its id is the
text form made safe to print (:func:`reader.core.text.display.safe_name`).

Decoding honours a UTF-16/32 byte order mark, then tries UTF-8, then cp1252 (with a
warning), then Latin-1.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from reader.core.text.display import safe_name
from reader.core.text.filenames import name_text

EXTENSIONS = (".txt", ".md", ".markdown")
_SNIFF = 8192
# Every byte except the C0 controls that do not occur in text (tab, LF, FF, CR, ESC
# do): deleting these leaves exactly the suspicious controls, counted in C.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))
# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_TEXT_CONTROLS = frozenset("\t\n\x0c\r\x1b")


class SourceFile(NamedTuple):
    """An article file found by :func:`scan`.

    A named tuple, and its path kept as the string the OS gave: a scan makes one per
    article at every update, and most are only compared with the catalog (a frozen
    dataclass and a ``Path`` each were about half of scanning 200,000 articles)."""

    id: str
    os_path: str  # the real path, as the operating system takes it
    rel: str  # POSIX path relative to the corpus root, in text form (filenames.py)
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        return Path(self.os_path)


@dataclass(frozen=True)
class Skipped:
    rel: str  # text form; safe_name it before printing
    reason: str

    def __str__(self) -> str:
        return f"{self.rel}: {self.reason}"


@dataclass(frozen=True)
class ScanResult:
    files: list[SourceFile]
    skipped: list[Skipped]
    ignored_files: int = 0  # article files left out by .readerignore
    ignored_folders: int = 0
    others: dict[str, int] = field(default_factory=dict)  # other files by extension
    warnings: list[str] = field(default_factory=list)  # about .readerignore
    # Every folder read, as the OS names it, with its mtime and ctime (ns) taken before it was
    # listed: adding, removing or renaming an entry changes it (core.index.freshness).
    folders: dict[str, tuple[int, int]] = field(default_factory=dict)


class CorpusError(Exception):
    """The corpus folder itself is unusable (missing, not a folder, unreadable)."""


class _Found(NamedTuple):
    raw: str  # relative path as os gives it
    path: str  # as os gives it
    st: os.stat_result
    via_link: bool  # reached through a symbolic link (of the file or a folder above)


def scan(root: Path) -> ScanResult:
    from reader.core.corpus.ignore import load_ignore

    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus is not a folder: {root}")
    rules = load_ignore(root)
    found: list[_Found] = []
    skipped: list[Skipped] = []
    others: Counter[str] = Counter()
    ignored_files = ignored_folders = 0
    seen_dirs: dict[tuple[int, int], str] = {}
    folders: dict[str, tuple[int, int]] = {}
    # Folders reached without a link are read before linked ones, so a file that is
    # both in the corpus and behind a link is indexed under its own path.
    plain: list[tuple[Path, str, bool]] = [(root, "", False)]
    linked: list[tuple[Path, str, bool]] = []
    while plain or linked:
        folder, rel_folder, via_link = plain.pop() if plain else linked.pop(0)
        shown = name_text(rel_folder) or "."
        try:
            info = folder.stat()
        except OSError as error:
            skipped.append(Skipped(shown, f"unreadable folder ({error.strerror})"))
            continue
        key = (info.st_dev, info.st_ino)
        first = seen_dirs.get(key)
        if first is not None:
            if first == "" or rel_folder.startswith(first + "/"):
                skipped.append(Skipped(shown, "symlink loop (folder already read)"))
            else:
                skipped.append(Skipped(shown, f"same folder as {name_text(first)}"))
            continue
        seen_dirs[key] = rel_folder
        folders[str(folder)] = (info.st_mtime_ns, info.st_ctime_ns)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            skipped.append(Skipped(shown, f"unreadable folder ({error.strerror})"))
            continue
        subfolders: list[tuple[Path, str, bool]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                st: os.stat_result | None = os.stat(entry.path)
            except OSError:
                st = None
            is_link = entry.is_symlink()
            if st is not None and stat.S_ISDIR(st.st_mode):
                if rules.ignores_folder(rel):
                    ignored_folders += 1
                elif is_link:
                    linked.append((Path(entry.path), rel, True))
                else:
                    subfolders.append((Path(entry.path), rel, via_link))
                continue
            is_article = entry.name.lower().endswith(EXTENSIONS)
            if rules.ignores_file(rel):
                ignored_files += is_article
                continue
            if not is_article:
                others[PurePosixPath(entry.name).suffix.lower() or "no extension"] += 1
            elif st is None:
                reason = "broken or looping symlink" if is_link else "unreadable"
                skipped.append(Skipped(name_text(rel), reason))
            elif not stat.S_ISREG(st.st_mode):
                skipped.append(Skipped(name_text(rel), "not a regular file"))
            else:
                found.append(_Found(rel, entry.path, st, via_link or is_link))
        plain.extend(reversed(subfolders))  # popped in name order
    files, duplicates = _one_per_file(found)
    skipped.extend(duplicates)
    empty = [f for f in files if f.st.st_size == 0]
    skipped.extend(Skipped(name_text(f.raw), "empty file") for f in empty)
    articles = [f for f in files if f.st.st_size != 0]
    return ScanResult(
        _assign_ids(articles),
        skipped,
        ignored_files,
        ignored_folders,
        dict(sorted(others.items())),
        rules.warnings,
        folders,
    )


def _one_per_file(found: list[_Found]) -> tuple[list[_Found], list[Skipped]]:
    """One path per real file: the one reached without a link, else the first."""
    # A list per real file only when a second path to it turns up: most have one.
    first: dict[tuple[int, int], _Found] = {}
    shared: dict[tuple[int, int], list[_Found]] = {}
    for item in found:
        key = (item.st.st_dev, item.st.st_ino)
        seen = first.setdefault(key, item)
        if seen is not item:
            shared.setdefault(key, [seen]).append(item)
    kept: list[_Found] = []
    duplicates: list[Skipped] = []
    for key, one in first.items():
        paths = shared.get(key)
        if paths is None:
            kept.append(one)
            continue
        paths.sort(key=lambda f: (f.via_link, f.raw))
        kept.append(paths[0])
        same = f"same file as {name_text(paths[0].raw)}"
        duplicates.extend(Skipped(name_text(f.raw), same) for f in paths[1:])
    duplicates.sort(key=lambda s: s.rel)
    return kept, duplicates


def _assign_ids(found: list[_Found]) -> list[SourceFile]:
    """Id = relative path without extension, made safe to print; files whose ids would
    be the same keep their extension (paths are unique, and so are their ids)."""
    texts = [name_text(f.raw) for f in found]
    # Cut at the last dot: every name here ends in one of EXTENSIONS and none starts with
    # a dot, so this is PurePosixPath.with_suffix("") (and os.path.splitext) for them, at
    # a fraction of the cost; and the text form of the cut name is the cut text form
    # (the extension is ASCII, and no escape the text form writes holds a dot).
    ids = [safe_name(text[: text.rfind(".")]) for text in texts]
    full = [False] * len(found)
    while True:
        counts = Counter(ids)
        clashing = [i for i, doc_id in enumerate(ids) if counts[doc_id] > 1 and not full[i]]
        if not clashing:
            break
        for i in clashing:
            ids[i] = safe_name(texts[i])
            full[i] = True
    files = [
        SourceFile(doc_id, f.path, text, f.st.st_mtime_ns, f.st.st_size)
        for doc_id, f, text in zip(ids, found, texts, strict=True)
    ]
    files.sort(key=lambda f: f.id)
    return files


def _bom(data: bytes) -> tuple[str, str] | None:
    """The codec (and its name) of a UTF-16/32 byte order mark ``data`` starts with."""
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            return codec, name
    return None


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    marked = _bom(head)
    if marked is not None:
        # UTF-16/32 text is full of NUL bytes: judge the characters, not the bytes.
        chars = head.decode(marked[0], "replace")
        bad = sum(1 for c in chars if c < " " and c not in _TEXT_CONTROLS)
        return "\x00" in chars or bad / max(len(chars), 1) > 0.1
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return bool(head) and controls / len(head) > 0.1


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and an optional warning about the encoding that had to be guessed."""
    marked = _bom(data)
    if marked is not None:
        codec, name = marked
        try:
            return data.decode(codec), None
        except UnicodeDecodeError as error:
            text = data.decode(codec, "replace")
            return text, f"not valid {name} (byte {error.start}); bad parts shown as \ufffd"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        where = error.start
    try:
        return data.decode("cp1252"), f"not UTF-8 (byte {where}); decoded as cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"not UTF-8 (byte {where}); decoded as Latin-1"


def read_bytes(source: SourceFile) -> bytes:
    with open(source.os_path, "rb") as handle:
        return handle.read()
