"""Safe writes for files the user cares about (bookmarks, aliases, config, state).

A write goes to a temporary file in the same folder, is flushed to disk, and then
renamed over the target, so a crash leaves either the old file or the new one,
never half of each. With ``backup=True`` the previous version is kept beside it as
``NAME.bak``. ``locked`` serialises writers across processes (POSIX ``flock``), so
two ``reader`` processes that read-modify-write the same file do not lose updates.

A symlinked file (dotfile managers keep ``bookmarks.yaml`` or ``aliases.yaml`` in a
repository and link it) stays a symlink: the write replaces the file it points to, with
the temporary file in *that* folder, and keeps that file's permissions. Anything that is
not a regular file (a folder, a FIFO, a device) is refused, never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:  # pragma: no cover - platform dependent
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


class LockError(OSError):
    """The lock file could not be made or locked; ``str()`` names it and says why."""

    def __str__(self) -> str:
        return f"cannot use the lock file {self.filename}: {_reason(self)}"


class NotAFileError(OSError):
    """The target exists but is not a regular file (a FIFO, device, socket, folder)."""

    def __str__(self) -> str:
        return f"{self.filename} {self.strerror}; not replaced"


def _reason(error: OSError) -> str:
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def describe_error(error: OSError, target: Path) -> str:
    """One line saying what could not be done to which file, and the system's reason.

    ``cannot write /x/bookmarks.yaml: no space left on device``, or for a lock file or a
    temporary file, that file's own path rather than the target's.
    """
    if isinstance(error, (LockError, NotAFileError)):
        return str(error)
    name = error.filename
    if name and os.fspath(name) != os.fspath(target):
        return f"cannot write {target} ({name}: {_reason(error)})"
    return f"cannot write {target}: {_reason(error)}"


def real_target(path: Path) -> Path:
    """The file a write to ``path`` should replace: ``path``, or where its symlinks lead."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def atomic_write_text(path: Path, text: str, *, backup: bool = True, new_mode: int = 0o600) -> None:
    """Replace ``path`` with ``text`` atomically, keeping the old version as ``.bak``.

    A symlink is followed (the file it names is replaced, the link stays); the file's
    permissions are kept (``new_mode`` for a new file: private by default). The backup
    is kept beside ``path`` itself, where the user looks for it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    real = real_target(path)
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        what = "is a folder" if stat.S_ISDIR(info.st_mode) else "is not a regular file"
        raise NotAFileError(errno.EEXIST, what, str(path))
    mode = stat.S_IMODE(info.st_mode) if info is not None else new_mode
    import tempfile  # on writing only: reading commands do not load it

    fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if backup and info is not None:
            # A hard link keeps the old bytes under the backup name without a window
            # in which neither file exists; copy where links are not supported.
            bak = backup_path(path)
            with contextlib.suppress(FileNotFoundError):
                bak.unlink()
            try:
                os.link(real, bak)
            except OSError:
                bak.write_bytes(real.read_bytes())
        os.replace(tmp, real)
        _fsync_dir(real.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files a killed writer of ``path`` left behind.

    Call it only while holding :func:`locked` for ``path``: every writer holds that
    lock, so no temporary file of ``path`` is being written by anyone else.
    """
    real = real_target(path)
    with contextlib.suppress(OSError):
        for stale in real.parent.glob(f".{glob.escape(real.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


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
    handle: BinaryIO
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise LockError(error.errno, error.strerror, str(lock_path)) from None
        try:
            handle = open(lock_path, "rb")  # noqa: SIM115 - closed by the with below
        except FileNotFoundError:
            yield
            return
        except OSError as again:
            raise LockError(again.errno, again.strerror, str(lock_path)) from None
    with handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            except OSError as error:
                raise LockError(error.errno, error.strerror, str(lock_path)) from None
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
