"""User configuration: ``config.yaml`` in the XDG config dir, every key optional.

Keys (all optional):

- ``theme``: name of a bundled or user theme (default ``reader-dark``).
- ``keymap``: mapping of binding id to keys, e.g. ``{article.next_hit: "n,ctrl+n"}``.
- ``default_corpus``: folder opened when ``reader`` is run without PATH.
- ``reading_width``: article measure in columns, 40–200 (default 80).
- ``show_sidebar`` / ``show_list``: whether those panes start visible (default true).
- ``engine``: the search engine of new and updated indexes: ``auto`` (default: Tantivy for big
  corpora, Whoosh for the others), ``whoosh`` or ``tantivy`` (see ``reader.core.index.engine``).

Environment overrides: ``READER_CONFIG`` (another config file), ``READER_THEME``,
``READER_READING_WIDTH``, ``READER_ENGINE``. The file is read through
:mod:`reader.core.userdata.yamlfile` (size, alias and nesting bounds); each bad value is one
line in ``Config.problems`` and its default is used, the other settings still apply. reader
never writes the file.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.userdata import paths, yamlfile
from reader.core.userdata.yamlfile import Problems, key_path, shown

DEFAULT_THEME = "reader-dark"


@dataclass
class Config:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    default_corpus: Path | None = None
    reading_width: int = 80
    show_sidebar: bool = True
    show_list: bool = True
    engine: str = "auto"
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def config_path() -> Path:
    override = os.environ.get("READER_CONFIG")
    return Path(override).expanduser() if override else paths.config_file()


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    config = Config(path=path)
    problems = Problems(f"config {path}")
    data: dict[Any, Any] = {}
    try:
        loaded = yamlfile.load_file(path, yamlfile.CONFIG_LIMITS)
    except yamlfile.YamlFileError as error:
        problems.add("", f"{error}; using defaults")
    else:
        if isinstance(loaded, dict):
            data = loaded
        elif loaded is not None and loaded is not yamlfile.MISSING:
            problems.add("", f"is {shown(loaded)}, not a mapping of settings; using defaults")
    _apply(config, data, problems)
    environment = Problems("environment")
    env_theme = os.environ.get("READER_THEME")
    env_width = os.environ.get("READER_READING_WIDTH")
    env_engine = os.environ.get("READER_ENGINE")
    if env_theme:
        _theme(config, env_theme, environment, "READER_THEME")
    if env_width:
        _reading_width(config, env_width, environment, "READER_READING_WIDTH")
    if env_engine:
        _engine(config, env_engine, environment, "READER_ENGINE")
    config.problems = [*problems.lines, *environment.lines]
    return config


KNOWN_KEYS = (
    "theme",
    "keymap",
    "default_corpus",
    "reading_width",
    "show_sidebar",
    "show_list",
    "engine",
)
# The engine names of reader.core.index.engine (userdata sits below the index layer).
ENGINE_CHOICES = ("auto", "whoosh", "tantivy")
MAX_THEME_NAME = 64
MAX_PATH_CHARS = 4096
MAX_KEYMAP_ENTRIES = 1000
MAX_BINDING_ID = 100
MAX_KEYS = 20
MAX_KEY_CHARS = 40
MIN_WIDTH, MAX_WIDTH = 40, 200


def _apply(config: Config, data: dict[Any, Any], problems: Problems) -> None:
    for key in data:
        if not isinstance(key, str):
            problems.add(f"key {shown(key)}", "setting names are text; ignored")
        elif key not in KNOWN_KEYS:
            problems.add(key_path(key), "unknown setting; ignored")
    if "theme" in data:
        _theme(config, data["theme"], problems, "theme")
    if "keymap" in data:
        _keymap(config, data["keymap"], problems)
    if data.get("default_corpus") is not None:
        _default_corpus(config, data["default_corpus"], problems)
    if "reading_width" in data:
        _reading_width(config, data["reading_width"], problems, "reading_width")
    if "engine" in data:
        _engine(config, data["engine"], problems, "engine")
    for key in ("show_sidebar", "show_list"):
        if key in data:
            if isinstance(data[key], bool):
                setattr(config, key, data[key])
            else:
                problems.add(key, f"must be true or false, not {shown(data[key])}; using true")


def _engine(config: Config, value: Any, problems: Problems, where: str) -> None:
    name = value.strip().lower() if isinstance(value, str) else None
    if name in ENGINE_CHOICES:
        config.engine = name
    else:
        problems.add(
            where,
            f"must be one of {', '.join(ENGINE_CHOICES)}, not {shown(value)}; "
            f"using {config.engine}",
        )


def _theme(config: Config, value: Any, problems: Problems, where: str) -> None:
    if isinstance(value, str) and value.strip() and len(value.strip()) <= MAX_THEME_NAME:
        config.theme = value.strip()
    else:
        problems.add(
            where,
            f"must be a theme name of 1 to {MAX_THEME_NAME} characters, not {shown(value)}; "
            f"using {config.theme}",
        )


def _keymap(config: Config, keymap: Any, problems: Problems) -> None:
    if not isinstance(keymap, dict):
        problems.add("keymap", f"must map binding ids to keys, not {shown(keymap)}; ignored")
        return
    for number, (binding, keys) in enumerate(keymap.items()):
        if number == MAX_KEYMAP_ENTRIES:
            problems.add("keymap", f"more than {MAX_KEYMAP_ENTRIES} entries; the rest ignored")
            break
        if not isinstance(binding, str) or not _is_binding_id(binding):
            problems.add(
                f"keymap key {shown(binding)}",
                "is not a binding id (like article.next_hit); ignored",
            )
            continue
        where = key_path("keymap", binding)
        text = _key_string(keys)
        if text is None:
            problems.add(
                where,
                f'must be keys like "n,ctrl+n" (at most {MAX_KEYS}, each without spaces), '
                f"not {shown(keys)}; ignored",
            )
            continue
        config.keymap[binding] = text


def _is_binding_id(text: str) -> bool:
    return (
        0 < len(text) <= MAX_BINDING_ID
        and text.isascii()
        and text.isprintable()
        and (" " not in text)
    )


def _key_string(value: Any) -> str | None:
    """``n,ctrl+n`` from a string, a number (a digit key) or a list of those."""
    items = value if isinstance(value, list) else [value]
    keys: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            return None
        text = str(item) if isinstance(item, str) or item.bit_length() < 64 else ""
        keys += [key.strip() for key in text.split(",")] if isinstance(item, str) else [text]
    if not keys or len(keys) > MAX_KEYS:
        return None
    for key in keys:
        if not key or len(key) > MAX_KEY_CHARS or not key.isprintable() or " " in key:
            return None
    return ",".join(keys)


def _default_corpus(config: Config, value: Any, problems: Problems) -> None:
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > MAX_PATH_CHARS
        or "\0" in value
    ):
        problems.add(
            "default_corpus",
            f"must be a folder path (text, at most {MAX_PATH_CHARS} characters), "
            f"not {shown(value)}; ignored",
        )
        return
    try:
        config.default_corpus = Path(value).expanduser()
    except (RuntimeError, ValueError, OSError):  # ~user that cannot be expanded
        config.default_corpus = Path(value)


def _reading_width(config: Config, value: Any, problems: Problems, where: str) -> None:
    width: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        width = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        width = int(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 6:
        width = int(value.strip())
    if width is not None and MIN_WIDTH <= width <= MAX_WIDTH:
        config.reading_width = width
    else:
        problems.add(
            where,
            f"must be a whole number from {MIN_WIDTH} to {MAX_WIDTH}, not {shown(value)}; "
            f"using {config.reading_width}",
        )
