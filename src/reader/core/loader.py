"""Finding article files under a corpus folder and decoding them safely.

A corpus is a folder read recursively. Hidden entries are ignored; links are
followed but a folder is never entered twice (so symlink loops end); files that
are empty, binary, unreadable or not regular files are skipped with one warning
each. Decoding tries UTF-8, then cp1252 (with a warning), then Latin-1.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

EXTENSIONS = (".txt", ".md", ".markdown")
_SNIFF = 8192
# Every byte except the C0 controls that do not occur in text (tab, LF, FF, CR, ESC
# do): deleting these leaves exactly the suspicious controls, counted in C.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


@dataclass(frozen=True)
class SourceFile:
    id: str
    path: Path
    rel: str  # POSIX path relative to the corpus root
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class Skipped:
    rel: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rel}: {self.reason}"


@dataclass(frozen=True)
class ScanResult:
    files: list[SourceFile]
    skipped: list[Skipped]


class CorpusError(Exception):
    """The corpus folder itself is unusable (missing, not a folder, unreadable)."""


def scan(root: Path) -> ScanResult:
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus is not a folder: {root}")
    found: list[tuple[str, Path, os.stat_result]] = []
    skipped: list[Skipped] = []
    seen_dirs: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        folder, rel_folder = stack.pop()
        try:
            info = folder.stat()
        except OSError as error:
            skipped.append(Skipped(rel_folder or ".", f"unreadable folder ({error.strerror})"))
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            skipped.append(Skipped(rel_folder, "symlink loop (folder already read)"))
            continue
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            skipped.append(Skipped(rel_folder or ".", f"unreadable folder ({error.strerror})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                st = os.stat(entry.path)
            except OSError:
                if entry.is_symlink():
                    skipped.append(Skipped(rel, "broken or looping symlink"))
                else:
                    skipped.append(Skipped(rel, "unreadable"))
                continue
            if stat.S_ISDIR(st.st_mode):
                stack.append((Path(entry.path), rel))
                continue
            if not entry.name.lower().endswith(EXTENSIONS):
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append(Skipped(rel, "not a regular file"))
            elif st.st_size == 0:
                skipped.append(Skipped(rel, "empty file"))
            else:
                found.append((rel, Path(entry.path), st))
    return ScanResult(_assign_ids(found), skipped)


def _assign_ids(found: list[tuple[str, Path, os.stat_result]]) -> list[SourceFile]:
    """Id = relative path without extension; files that would share one keep theirs."""
    stems: dict[str, int] = {}
    for rel, _, _ in found:
        stem = str(PurePosixPath(rel).with_suffix(""))
        stems[stem] = stems.get(stem, 0) + 1
    files = []
    for rel, path, st in found:
        stem = str(PurePosixPath(rel).with_suffix(""))
        doc_id = stem if stems[stem] == 1 else rel
        files.append(SourceFile(doc_id, path, rel, st.st_mtime_ns, st.st_size))
    files.sort(key=lambda f: f.id)
    return files


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return bool(head) and controls / len(head) > 0.1


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and an optional warning about the encoding that had to be guessed."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        where = error.start
    try:
        return data.decode("cp1252"), f"not UTF-8 (byte {where}); decoded as cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"not UTF-8 (byte {where}); decoded as Latin-1"


def read_bytes(source: SourceFile) -> bytes:
    with open(source.path, "rb") as handle:
        return handle.read()
