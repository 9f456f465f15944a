"""Safe writes for files the user cares about (bookmarks, aliases, config, state).

A write goes to a temporary file in the same folder, is flushed to disk, and then
renamed over the target, so a crash leaves either the old file or the new one,
never half of each. With ``backup=True`` the previous version is kept beside it as
``NAME.bak``. ``locked`` serialises writers across processes (POSIX ``flock``), so
two ``reader`` processes that read-modify-write the same file do not lose updates.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:  # pragma: no cover - platform dependent
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def atomic_write_text(path: Path, text: str, *, backup: bool = True) -> None:
    """Replace ``path`` with ``text`` atomically, keeping the old version as ``.bak``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and path.exists():
            # A hard link keeps the old bytes under the backup name without a window
            # in which neither file exists; copy where links are not supported.
            bak = backup_path(path)
            with contextlib.suppress(FileNotFoundError):
                bak.unlink()
            try:
                os.link(path, bak)
            except OSError:
                bak.write_bytes(path.read_bytes())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - some filesystems refuse
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dir_fd)


@contextlib.contextmanager
def locked(path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold an advisory lock on ``path.lock`` for the duration of the block.

    In a folder that cannot be written (a read-only disk or mount) an existing lock
    file is opened for reading, which flock accepts; where there is none, nobody
    can write there either, so the block runs without a lock.
    """
    lock_path = path.with_name(path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle: BinaryIO
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        try:
            handle = open(lock_path, "rb")  # noqa: SIM115 - closed by the with below
        except FileNotFoundError:
            yield
            return
    with handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
