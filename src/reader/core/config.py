"""User configuration: ``config.yaml`` in the XDG config dir, every key optional.

Keys (all optional):

- ``theme``: name of a bundled or user theme (default ``reader-dark``).
- ``keymap``: mapping of binding id to keys, e.g. ``{article.next_hit: "n,ctrl+n"}``.
- ``default_corpus``: folder opened when ``reader`` is run without PATH.
- ``reading_width``: article measure in columns, 40–200 (default 80).
- ``show_sidebar`` / ``show_list``: whether those panes start visible (default true).

Environment overrides: ``READER_CONFIG`` (another config file), ``READER_THEME``,
``READER_READING_WIDTH``. A bad value is reported as a one-line problem and the
default is used; a broken file is never rewritten by reader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.core import paths, yamlio

DEFAULT_THEME = "reader-dark"


@dataclass
class Config:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    default_corpus: Path | None = None
    reading_width: int = 80
    show_sidebar: bool = True
    show_list: bool = True
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def config_path() -> Path:
    override = os.environ.get("READER_CONFIG")
    return Path(override).expanduser() if override else paths.config_file()


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    config = Config(path=path)
    data: Any = {}
    if path.exists():
        try:
            data = yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, RecursionError, yaml.YAMLError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            config.problems.append(f"config {path}: unreadable ({first}); using defaults")
            data = {}
        if not isinstance(data, dict):
            config.problems.append(f"config {path}: not a mapping; using defaults")
            data = {}
    env_theme = os.environ.get("READER_THEME")
    env_width = os.environ.get("READER_READING_WIDTH")
    if env_theme:
        data["theme"] = env_theme
    if env_width:
        data["reading_width"] = env_width
    _apply(config, data)
    return config


def _apply(config: Config, data: dict[str, Any]) -> None:
    known = {"theme", "keymap", "default_corpus", "reading_width", "show_sidebar", "show_list"}
    for key in sorted(set(data) - known):
        config.problems.append(f"config: unknown key '{key}' ignored")
    if "theme" in data:
        if isinstance(data["theme"], str) and data["theme"].strip():
            config.theme = data["theme"].strip()
        else:
            config.problems.append("config: theme must be a name")
    if "keymap" in data:
        keymap = data["keymap"]
        if isinstance(keymap, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
        ):
            config.keymap = dict(keymap)
        else:
            config.problems.append("config: keymap must map binding ids to key strings")
    if data.get("default_corpus") is not None:
        config.default_corpus = Path(str(data["default_corpus"])).expanduser()
    if "reading_width" in data:
        try:
            width = int(data["reading_width"])
        except (TypeError, ValueError):
            width = -1
        if 40 <= width <= 200:
            config.reading_width = width
        else:
            config.problems.append("config: reading_width must be a number from 40 to 200")
    for key in ("show_sidebar", "show_list"):
        if key in data:
            if isinstance(data[key], bool):
                setattr(config, key, data[key])
            else:
                config.problems.append(f"config: {key} must be true or false")
