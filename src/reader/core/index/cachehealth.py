"""Telling a damaged or unwritable cache from a bug, and checking the index files.

The cache folder of a corpus (``catalog.sqlite``, ``index/``, lock files) holds only
what reader derives from the corpus files, so damage there is repaired by rebuilding
it. Two kinds of failure must not be mistaken for damage:

- the disk: a full disk or a read-only cache is the user's to fix, and rebuilding
  would only fail again; it is said in one line with its real cause;
- a bug: rebuilding would not cure it (and would cost minutes on a big corpus each
  time it happens), so it is raised as it is.

Whoosh has no checksums, so the index gets a manifest (kept in the catalog) of its
files' sizes, mtimes and CRC-32s, recorded after every commit. Segment and TOC files
are never rewritten once committed, so any change to a listed file is damage.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class CacheError(Exception):
    """A cache problem said in one line (the CLI prints it without a traceback)."""


class CacheUnwritable(CacheError):
    """The cache cannot be written: a full disk, a read-only folder."""


class CacheDamaged(CacheError):
    """The cache is damaged and cannot be rebuilt here (a read-only cache)."""


# errno values that mean "this folder cannot take our writes", not "reader is wrong".
_DISK_ERRNOS = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.EFBIG,
}
# SQLite's primary result codes for the same (sqlite3 exceptions carry them).
_SQLITE_DISK = {
    13: "no space left on device",  # SQLITE_FULL
    8: "read-only",  # SQLITE_READONLY
    3: "permission denied",  # SQLITE_PERM
    14: "cannot open the catalog file",  # SQLITE_CANTOPEN
}
_SQLITE_DAMAGE = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_IOERR = 10
# Free space under which an I/O error of the catalog is taken for a full disk: less
# than SQLite's WAL index needs to grow by one step (32 KiB) and its page writes.
_FULL_BELOW = 1 << 20


def _damage_types() -> tuple[type[BaseException], ...]:
    """What reading random bytes as a Whoosh file raises (besides Whoosh's own errors)."""
    import pickle  # only when an error is classified: not on a search's way

    return (
        zlib.error,
        struct.error,
        EOFError,
        pickle.UnpicklingError,
        UnicodeDecodeError,
        OverflowError,
        MemoryError,
    )


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and the errors it was raised from or while handling."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def disk_problem(error: BaseException, cache: Path | None = None) -> str | None:
    """The cause ("no space left on device" and the like) when ``error`` comes from
    the disk: of the ``cache`` folder, when given (an unreadable corpus file is not
    the cache's)."""
    for cause in _chain(error):
        if isinstance(cause, OSError) and cause.errno in _DISK_ERRNOS:
            name = cause.filename
            if cache is not None and isinstance(name, str) and not _inside(name, cache):
                continue
            return os.strerror(cause.errno).lower()
        if isinstance(cause, sqlite3.OperationalError):
            code = getattr(cause, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in _SQLITE_DISK:
                return _SQLITE_DISK[code & 0xFF]
            # SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE, _WRITE...) when the
            # WAL index or a page cannot grow on a full disk, not SQLITE_FULL: the cache
            # folder's free space tells it from a failing device.
            if code is not None and code & 0xFF == _SQLITE_IOERR and _full(cache):
                return "no space left on device"
    return None


def _full(folder: Path | None) -> bool:
    """Whether the disk of ``folder`` has (almost) no room left for the user."""
    if folder is None:
        return False
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < _FULL_BELOW


def _inside(name: str, folder: Path) -> bool:
    try:
        return Path(name).resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def catalog_damage(error: BaseException) -> str | None:
    """SQLite's message when ``error`` says the catalog file is damaged.

    Only SQLITE_CORRUPT and SQLITE_NOTADB: a busy database ("database is locked",
    an OperationalError) is another process at work, never damage.
    """
    for cause in _chain(error):
        if isinstance(cause, sqlite3.DatabaseError):
            code = getattr(cause, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in _SQLITE_DAMAGE:
                return str(cause)
    return None


def index_damage_type(error: BaseException) -> str | None:
    """A one-line description when ``error`` is one that damaged index files raise."""
    from whoosh.filedb.filetables import FileFormatError
    from whoosh.index import IndexError as WhooshIndexError
    from whoosh.reading import CorruptIndexError

    # FileNotFoundError: a segment file the TOC lists is gone.
    kinds = (
        *_damage_types(),
        FileNotFoundError,
        CorruptIndexError,
        FileFormatError,
        WhooshIndexError,
    )
    for cause in _chain(error):
        if isinstance(cause, kinds):
            return describe(cause)
    return None


def describe(error: BaseException) -> str:
    """``Type: first line`` of an error, for a one-line message."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


# -- the index manifest ----------------------------------------------------------

_TOC = re.compile(r"^_MAIN_(\d+)\.toc$")
_SEGMENT = re.compile(r"^MAIN_\w+\.[\w.]+$")  # MAIN_id.seg, or MAIN_id._field.col when not compound
META_KEY = "index_files"


@dataclass(frozen=True)
class _Entry:
    size: int
    mtime_ns: int
    crc: int


def _crc(path: Path) -> int:
    value = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            value = zlib.crc32(chunk, value)
    return value


def _index_files(folder: Path) -> dict[str, os.stat_result]:
    """The committed-looking files of a Whoosh index (no lock or temporary files)."""
    found: dict[str, os.stat_result] = {}
    for entry in os.scandir(folder):
        name = entry.name
        if name.endswith("WRITELOCK") or not (_TOC.match(name) or _SEGMENT.match(name)):
            continue
        try:
            found[name] = entry.stat()
        except FileNotFoundError:  # deleted by a commit meanwhile
            continue
    return found


def latest_toc(folder: Path) -> str | None:
    """The name of the newest TOC file, i.e. the generation a reader opens."""
    try:
        names = [n for n in os.listdir(folder) if _TOC.match(n)]
    except OSError:
        return None
    return max(names, key=lambda n: int(_TOC.match(n).group(1)), default=None)  # type: ignore[union-attr]


def _load(raw: str | None) -> tuple[str | None, dict[str, _Entry]]:
    if not raw:
        return None, {}
    try:
        data = json.loads(raw)
        files = {name: _Entry(*values) for name, values in data["files"].items()}
        return data.get("toc"), files
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, {}


def record(folder: Path, previous: str | None) -> str:
    """The manifest of ``folder`` as it is now (JSON), reusing ``previous`` entries
    of files that did not change, so only new files are read."""
    _, known = _load(previous)
    files: dict[str, list[int]] = {}
    for name, stat in _index_files(folder).items():
        old = known.get(name)
        if old is not None and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            files[name] = [old.size, old.mtime_ns, old.crc]
            continue
        try:
            files[name] = [stat.st_size, stat.st_mtime_ns, _crc(folder / name)]
        except FileNotFoundError:
            continue
    return json.dumps({"toc": latest_toc(folder), "files": files}, sort_keys=True)


def check(folder: Path, manifest: str | None, *, full: bool = False) -> str | None:
    """What is wrong with the index files by the manifest, or None.

    A file whose size or mtime changed is read to compare its CRC (a copy with
    new mtimes is not damage); ``full`` reads every file (catches damage that kept
    the mtime). A listed file that is gone is damage only while the manifest still
    describes the newest generation: a commit killed before recording may have
    deleted files it replaced.
    """
    toc, files = _load(manifest)
    if not files:
        return None
    current = latest_toc(folder)
    present = _index_files(folder)
    for name, entry in sorted(files.items()):
        stat = present.get(name)
        if stat is None:
            if toc is not None and toc == current:
                return f"index file {name} is missing"
            continue
        same_stat = (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns)
        if same_stat and not full:
            continue
        if stat.st_size != entry.size:
            return f"index file {name} changed size ({entry.size} → {stat.st_size} bytes)"
        try:
            if _crc(folder / name) != entry.crc:
                return f"index file {name} is damaged (checksum differs)"
        except FileNotFoundError:
            continue
    return None
