"""Whether a corpus folder changed since its last update, told without scanning it.

A full update scans every folder and stats every file. A read command (``reader search``,
``list``, ``show``...) only needs to know whether that is worth doing, so each update
records a :class:`Snapshot` in the catalog: the mtime and ctime of every folder it read
(taken before listing it), the stat of ``.readerignore`` and how many files were skipped.
Adding, removing or renaming a file or a folder, or re-pointing a link, changes its
folder's times, so comparing the folders' times with the snapshot finds those changes at
the cost of one ``stat`` per folder.

What it cannot see: a file edited in place (its folder's times stay the same). Those are
found by :func:`edited` when the corpus is small enough to stat every file
(:data:`STAT_FILES_UPTO`), and always by a full update (``reader index``).

Times are trusted like git trusts its index: a folder whose time is within
:data:`SLACK_NS` of the scan's start may have changed again within the file system's
time granularity, so it is recorded as unknown and the next check calls for an update.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__

if TYPE_CHECKING:
    from reader.core.corpus.loader import ScanResult
    from reader.core.index.catalog import Catalog

META_KEY = "scan_snapshot"
SLACK_NS = 2_000_000_000  # FAT's 2 s; ext4, tmpfs and APFS are far finer
IGNORE_FILE = ".readerignore"
# Up to this many articles, a read command also stats every file (about 5 µs each: 12 ms at
# BBC), so edits in place are found too; above it only the folders are checked.
STAT_FILES_UPTO = 10_000

Times = tuple[int, int] | None  # (mtime_ns, ctime_ns); None: not to be trusted


@dataclass
class Snapshot:
    """What the last update saw of the corpus folder."""

    root: str
    folders: dict[str, Times]
    ignore: tuple[int, int] | None  # .readerignore (mtime_ns, size), None: no such file
    skipped: int = 0  # files the update skipped (commands mention them in one line)
    version: str = __version__

    @staticmethod
    def now() -> int:
        return time.time_ns()

    @classmethod
    def of_scan(cls, root: Path, scanned: ScanResult, started_ns: int) -> Snapshot:
        """The snapshot of a scan that started at ``started_ns`` (wall clock)."""
        trusted_before = started_ns - SLACK_NS
        folders: dict[str, Times] = {
            path: times if max(times) < trusted_before else None
            for path, times in scanned.folders.items()
        }
        return cls(str(root), folders, _ignore_stat(root), len(scanned.skipped))

    # -- stored in the catalog -----------------------------------------------------

    def store(self, catalog: Catalog) -> None:
        # ASCII JSON: folder names that are not UTF-8 travel as \udcXX escapes.
        value = {
            "root": self.root,
            "version": self.version,
            "folders": {k: list(v) if v else None for k, v in self.folders.items()},
            "ignore": list(self.ignore) if self.ignore else None,
            "skipped": self.skipped,
        }
        catalog.set_meta(META_KEY, json.dumps(value, ensure_ascii=True))

    @classmethod
    def load(cls, catalog: Catalog) -> Snapshot | None:
        """The snapshot of the last update (None: none recorded, or unreadable)."""
        raw = catalog.get_meta(META_KEY)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            folders: dict[str, Times] = {
                str(k): (int(v[0]), int(v[1])) if v else None for k, v in data["folders"].items()
            }
            ignore = data["ignore"]
            return cls(
                str(data["root"]),
                folders,
                (int(ignore[0]), int(ignore[1])) if ignore else None,
                int(data["skipped"]),
                str(data["version"]),
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    # -- checking ------------------------------------------------------------------

    def changed(self, root: Path) -> str | None:
        """Why the corpus may differ from the index (None: every folder as recorded)."""
        if self.version != __version__:
            return f"reader changed ({self.version} → {__version__})"
        if self.root != str(root):
            return "the corpus folder moved"
        if _ignore_stat(root) != self.ignore:
            return f"{IGNORE_FILE} changed"
        for path, times in self.folders.items():
            if times is None:
                return "a folder changed while it was indexed"
            try:
                info = os.stat(path)
            except OSError:
                return "a folder was removed"
            if (info.st_mtime_ns, info.st_ctime_ns) != times:
                return "files were added, removed or renamed"
        return None


def edited(catalog: Catalog, root: Path) -> bool:
    """Whether an indexed file's size or mtime differs from the catalog's, as the full
    update judges it (one stat per file: for corpora of up to STAT_FILES_UPTO articles)."""
    from reader.core.text.filenames import real_name

    base = str(root) + os.sep
    stat = os.stat
    for rel, mtime_ns, size in catalog.file_stats():
        try:
            info = stat(base + real_name(rel))
        except OSError:
            return True
        if info.st_mtime_ns != mtime_ns or info.st_size != size:
            return True
    return False


def _ignore_stat(root: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(root / IGNORE_FILE)
    except FileNotFoundError:
        return None
    except OSError:
        return (-1, -1)  # unreadable: compared as a state of its own
    return (info.st_mtime_ns, info.st_size)
