"""Where reader keeps things: XDG paths via platformdirs, and the bundled data.

Every location can be overridden by an environment variable (``READER_CONFIG_DIR``,
``READER_DATA_DIR``, ``READER_CACHE_DIR``) so tests and scripts can point reader at
a scratch directory without touching the user's real files.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "reader"


@cache
def _dirs() -> PlatformDirs:
    # Loaded when a default folder is asked for (10 ms of imports, not for every command).
    from platformdirs import PlatformDirs

    return PlatformDirs(APP_NAME, appauthor=False)


def _override(var: str, default: Callable[[], str]) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser() if value else Path(default())


def config_dir() -> Path:
    """Folder of ``config.yaml`` and the user's ``themes/``."""
    return _override("READER_CONFIG_DIR", lambda: _dirs().user_config_dir)


def data_dir() -> Path:
    """Folder of user data that must never be lost: bookmarks, aliases, state."""
    return _override("READER_DATA_DIR", lambda: _dirs().user_data_dir)


def cache_dir() -> Path:
    """Folder of rebuildable data: the Whoosh indexes."""
    return _override("READER_CACHE_DIR", lambda: _dirs().user_cache_dir)


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def config_file() -> Path:
    return config_dir() / "config.yaml"


def _bundled(name: str) -> Path:
    """A top-level data folder shipped with reader (``seeds`` or ``themes``).

    A wheel carries it under ``reader/_data`` (hatch force-include); an editable
    install does not, so fall back to the source checkout's top level.
    """
    # this file is reader/core/userdata/paths.py: the package folder is three levels up
    here = Path(__file__).resolve().parents[2]
    packaged = here / "_data" / name
    if packaged.is_dir():
        return packaged
    return here.parent.parent / name


def bundled_seeds_dir() -> Path:
    return _bundled("seeds")


def bundled_themes_dir() -> Path:
    return _bundled("themes")


def corpus_key(corpus_root: Path) -> str:
    """A readable, collision-safe folder name for one corpus's cached and saved data."""
    resolved = str(corpus_root.resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", corpus_root.resolve().name).strip("-") or "corpus"
    return f"{stem[:40]}-{digest}"


def corpus_cache_dir(corpus_root: Path) -> Path:
    return cache_dir() / "corpora" / corpus_key(corpus_root)


def corpus_data_dir(corpus_root: Path) -> Path:
    return data_dir() / "corpora" / corpus_key(corpus_root)
