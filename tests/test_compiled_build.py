"""When the compiled build is under test (``.ci/run`` installs the wheel in a venv and sets
``READER_EXPECT_COMPILED=1``), every module pyproject.toml lists is loaded compiled: a
module that silently fell back to its source would leave the tests checking the wrong code."""

from __future__ import annotations

import importlib
import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _listed() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    return [m.removeprefix("src/").removesuffix(".py").replace("/", ".") for m in hook["compiled"]]


def test_the_list_names_modules_that_exist() -> None:
    for name in _listed():
        assert (ROOT / "src" / (name.replace(".", "/") + ".py")).is_file(), name


@pytest.mark.skipif(
    os.environ.get("READER_EXPECT_COMPILED") != "1", reason="not the compiled build"
)
def test_every_listed_module_is_loaded_compiled() -> None:
    from reader.core.build_info import loaded_compiled

    pure = [name for name in _listed() if not loaded_compiled(importlib.import_module(name))]
    assert pure == []


def test_reader_index_says_which_build_runs() -> None:
    from reader.core.build_info import text_modules_compiled, text_modules_description

    compiled = os.environ.get("READER_EXPECT_COMPILED") == "1"
    assert text_modules_compiled() is compiled
    assert text_modules_description().startswith(
        "text modules: compiled" if compiled else "text modules: pure Python"
    )
