"""Themes as YAML files, validated into Textual ``Theme`` objects.

Bundled themes live in ``themes/`` (shipped in the wheel); users add their own in
``reader locate``'s ``themes`` folder. A file that fails validation is skipped and
reported once; it never stops the app. Reader's own colours (search hits, entity
types, bookmarks) are theme ``variables`` with defaults in ``THEME_DEFAULTS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.core import paths, yamlio

THEME_DEFAULTS: dict[str, str] = {
    "hit": "#6b5a1e",
    "hit-current": "#e0a458",
    "hit-current-text": "#000000",
    "bookmark": "#2d4f5e",
    "entity-person": "#c678dd",
    "entity-org": "#61afef",
    "entity-place": "#98c379",
    "entity-figure": "#d19a66",
    "shared-passage": "#3b3356",
    "shared-exact": "#294a33",
}
_COLOUR_KEYS = (
    "primary", "secondary", "accent", "foreground", "background", "surface", "panel",
    "boost", "warning", "error", "success",
)  # fmt: skip


class ThemeError(ValueError):
    pass


@dataclass
class ThemeSet:
    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _colour(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{where} must be a colour string")
    try:
        Color.parse(value.split()[0] if value.split() else value)
    except ColorParseError:
        raise ThemeError(f"{where}: '{value}' is not a colour") from None
    return value


def theme_from_data(data: Any) -> Theme:
    if not isinstance(data, dict):
        raise ThemeError("not a mapping")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError("missing 'name'")
    if "primary" not in data:
        raise ThemeError("missing 'primary' colour")
    unknown = set(data) - {*_COLOUR_KEYS, "name", "dark", "variables"}
    if unknown:
        raise ThemeError(f"unknown keys: {', '.join(sorted(unknown))}")
    colours = {k: _colour(data[k], k) for k in _COLOUR_KEYS if k in data}
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise ThemeError("'variables' must be a mapping")
    checked = {str(k): _colour(v, f"variables.{k}") for k, v in variables.items()}
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError("'dark' must be true or false")
    return Theme(
        name=name.strip(),
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        accent=colours.get("accent"),
        foreground=colours.get("foreground"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
        boost=colours.get("boost"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        success=colours.get("success"),
        dark=dark,
        variables=checked,
    )


def load_theme_file(path: Path) -> Theme:
    try:
        data = yamlio.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, yaml.YAMLError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ThemeError(f"unreadable ({first})") from None
    return theme_from_data(data)


def load_themes(folders: list[Path] | None = None) -> ThemeSet:
    """Bundled themes, then the user's (a user theme may replace a bundled one)."""
    folders = folders or [paths.bundled_themes_dir(), paths.user_themes_dir()]
    found = ThemeSet()
    by_name: dict[str, Theme] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.y*ml")):
            try:
                theme = load_theme_file(path)
            except ThemeError as error:
                found.problems.append(f"theme {path.name} skipped: {error}")
                continue
            by_name[theme.name] = theme
    found.themes = list(by_name.values())
    return found
