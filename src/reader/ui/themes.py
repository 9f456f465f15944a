"""Themes as YAML files, validated into Textual ``Theme`` objects.

Bundled themes live in ``themes/`` (shipped in the wheel); users add their own in
``reader locate``'s ``themes`` folder, read through :mod:`reader.core.userdata.yamlfile` (size,
alias and nesting bounds). Every problem is one line: a theme without a usable ``name``
or ``primary`` is skipped; any other bad key is left out (its Textual or reader default
used) and the rest of the theme applies. Nothing in a theme file can stop the app.
Reader's own colours (search hits, entity types, bookmarks) are theme ``variables``
with defaults in ``THEME_DEFAULTS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.core.userdata import paths, yamlfile
from reader.core.userdata.yamlfile import Problems, key_path, one_line, shown

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
    "diff-added": "#98c379",
    "diff-removed": "#e06c75",
    "diff-changed": "#e5c07b",
    "diff-figure": "#8c3a1e",
    "new-passage": "#1f4a5a",
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


MAX_NAME = 64
MAX_FILES = 200  # theme files read from one folder
MAX_VALUE = 64
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
_PERCENT = re.compile(r"\d{1,3}(\.\d+)?%")


def _colour_problem(value: Any, *, variable: bool = False) -> str | None:
    """Why ``value`` is not a colour Textual accepts here (``None``: it is one).

    Theme colours must parse as a whole (Textual parses them when the theme is used);
    a variable is pasted into the stylesheet, so it may only be a colour, optionally
    with an alpha percentage (``"#e0a458 40%"``, ``"auto 87%"``), nothing that could
    change the CSS around it.
    """
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_VALUE:
        return f'must be a colour like "#5f9ee8", not {shown(value)}'
    words = value.split()
    if variable and len(words) == 2 and _PERCENT.fullmatch(words[1]):
        words = words[:1]
        if words[0] == "auto":
            return None
    if len(words) != 1:
        return f"{shown(value)} is not a colour"
    try:
        Color.parse(words[0])
    except (ColorParseError, ValueError):
        return f"{shown(value)} is not a colour"
    return None


def theme_from_data(data: Any, problems: Problems | None = None) -> Theme:
    """A Textual theme from a theme file's data; bad keys are left out and reported
    in ``problems``. Raises :class:`ThemeError` if no theme can be made."""
    problems = problems if problems is not None else Problems("theme")
    if not isinstance(data, dict):
        raise ThemeError(f"is {shown(data)}, not a mapping")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name.strip()):
        raise ThemeError(
            f"name: must be 1 to {MAX_NAME} letters, digits, - or _, not {shown(name)}"
        )
    if "primary" not in data:
        raise ThemeError("missing 'primary' colour")
    bad_primary = _colour_problem(data["primary"])
    if bad_primary:
        raise ThemeError(f"primary: {bad_primary}")
    for key in data:
        if not isinstance(key, str):
            problems.add(f"key {shown(key)}", "theme keys are text; ignored")
        elif key not in {*_COLOUR_KEYS, "name", "dark", "variables"}:
            problems.add(key_path(key), "unknown key; ignored")
    colours: dict[str, str] = {}
    for key in _COLOUR_KEYS:
        if key in data:
            bad = _colour_problem(data[key])
            if bad:
                problems.add(key, f"{bad}; the default is used")
            else:
                colours[key] = data[key].strip()
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        problems.add("variables", f"must be a mapping, not {shown(variables)}; ignored")
        variables = {}
    checked: dict[str, str] = {}
    for key, value in variables.items():
        if not isinstance(key, str) or not _VARIABLE.fullmatch(key):
            problems.add(f"variables key {shown(key)}", "is not a variable name; ignored")
            continue
        if "style" in key or key.startswith("link-background"):
            problems.add(key_path("variables", key), "only colour variables can be set; ignored")
            continue
        bad = _colour_problem(value, variable=True)
        if bad:
            problems.add(key_path("variables", key), f"{bad}; the default is used")
            continue
        checked[key] = value.strip()
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        problems.add("dark", f"must be true or false, not {shown(dark)}; using true")
        dark = True
    theme = Theme(
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
    try:  # what the app will do with it; refuse here rather than fail at start-up
        theme.to_color_system().generate()
    except Exception as error:  # Textual's own checks: any failure means "not usable"
        raise ThemeError(f"Textual cannot use its colours ({one_line(str(error), 80)})") from None
    return theme


def load_theme_file(path: Path, problems: Problems | None = None) -> Theme:
    try:
        data = yamlfile.load_file(path, yamlfile.THEME_LIMITS)
    except yamlfile.YamlFileError as error:
        raise ThemeError(str(error)) from None
    if data is yamlfile.MISSING:
        raise ThemeError("cannot be read (it is gone)")
    return theme_from_data(data, problems)


def load_themes(folders: list[Path] | None = None) -> ThemeSet:
    """Bundled themes, then the user's (a user theme may replace a bundled one)."""
    folders = folders or [paths.bundled_themes_dir(), paths.user_themes_dir()]
    found = ThemeSet()
    by_name: dict[str, Theme] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        files = sorted(folder.glob("*.y*ml"))
        if len(files) > MAX_FILES:
            found.problems.append(f"themes {folder}: more than {MAX_FILES} files; the rest skipped")
        for path in files[:MAX_FILES]:
            label = f"theme {one_line(path.name, 80)}"
            problems = Problems(label)
            try:
                theme = load_theme_file(path, problems)
            except ThemeError as error:
                found.problems.append(one_line(f"{label} skipped: {error}"))
                continue
            found.problems.extend(problems.lines)
            by_name[theme.name] = theme
    found.themes = list(by_name.values())
    return found
