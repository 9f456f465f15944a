"""Writing an export to the path a user names, without replacing what should be written into.

``reader bookmarks export -o TARGET`` may name anything: a new file, an old export, a
symlink into a synced folder, a FIFO another program reads, ``/dev/null``, a terminal.

- A regular file (new or old) is replaced atomically (:func:`atomic_write_text`), with
  the old file's permissions, or the umask's for a new one (an export is meant to be
  shared like any file the user writes, unlike reader's private data files).
- A symlink is followed: the file it points to is replaced, the link stays a link.
- A FIFO or a character device (``/dev/null``, a terminal) is written into, as a shell
  redirection would: renaming a file over it would take its place.
- A folder, a block device (a disk) or a socket is refused.

Every failure is :class:`ExportError` with one line, e.g. ``cannot write /dev/full: no
space left on device``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.core.userdata.atomicfile import atomic_write_text, describe_error, real_target


class ExportError(OSError):
    """The export could not be written; ``str()`` is one line."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "cannot write the export"


def _umask_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def target_kind(path: Path) -> str:
    """``missing``, ``file``, ``stream`` (FIFO or character device), or what is refused:
    ``folder``, ``block device``, ``socket``, ``special file``."""
    try:
        mode = os.stat(real_target(path)).st_mode
    except FileNotFoundError:
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def write_export(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as they are) to ``path`` as described above."""
    try:
        kind = target_kind(path)
    except OSError as error:
        raise ExportError(describe_error(error, path)) from None
    if kind not in ("missing", "file", "stream"):
        article = "an" if kind[0] in "aeiou" else "a"
        raise ExportError(f"cannot write {path}: it is {article} {kind}; nothing written")
    try:
        if kind == "stream":
            with open(real_target(path), "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            atomic_write_text(path, text, backup=False, new_mode=_umask_mode())
    except OSError as error:
        raise ExportError(describe_error(error, path)) from None
