"""The wheel's build hook (hatch_build.py, off unless asked for): when it compiles, and
that a failure to compile leaves a working pure-Python wheel with a warning, never a
failed install.

The compiled build itself (every listed module compiled, and the entity and core tests
passing against it) is checked by ``.ci/run``; ``test_compiled_build.py`` is its check.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _hook_module() -> ModuleType:
    pytest.importorskip("hatchling")
    spec = importlib.util.spec_from_file_location("reader_hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _App:
    def __init__(self) -> None:
        self.warnings: list[str] = []

    def display_warning(self, message: str) -> None:
        self.warnings.append(message)


def _run(
    tmp_path: Path, modules: list[str], version: str = "standard"
) -> tuple[dict[str, Any], _App]:
    hook_class = _hook_module().CompileHook
    app = _App()
    hook = hook_class(str(ROOT), {"compiled": modules}, None, None, str(tmp_path), "wheel", app=app)
    build_data: dict[str, Any] = {"force_include": {}, "pure_python": True, "infer_tag": False}
    hook.initialize(version, build_data)
    hook.finalize(version, build_data, str(tmp_path / "none.whl"))
    return build_data, app


PURE = {"force_include": {}, "pure_python": True, "infer_tag": False}


def test_an_editable_install_is_never_compiled(tmp_path: Path) -> None:
    build_data, app = _run(tmp_path, ["src/reader/core/entities/ages.py"], version="editable")
    assert build_data == PURE
    assert app.warnings == []


def test_a_listed_module_that_does_not_exist_warns_and_builds_pure(tmp_path: Path) -> None:
    build_data, app = _run(tmp_path, ["src/reader/core/entities/no_such_module.py"])
    assert build_data == PURE
    assert len(app.warnings) == 1
    assert "no_such_module" in app.warnings[0] and "pure-Python" in app.warnings[0]


@pytest.mark.slow
def test_without_a_c_compiler_the_wheel_is_pure_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("mypyc")
    pytest.importorskip("setuptools")
    # setuptools takes the compiler from $CC: a compiler that always fails.
    monkeypatch.setenv("CC", shutil.which("false") or "false")
    build_data, app = _run(tmp_path, ["src/reader/core/entities/ages.py"])
    assert build_data == PURE
    assert len(app.warnings) == 1
    assert "compiling the text modules failed" in app.warnings[0]
    assert "\n" not in app.warnings[0]  # one line


@pytest.mark.slow
def test_one_module_compiles_and_is_placed_in_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("mypyc")
    pytest.importorskip("setuptools")
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler")
    monkeypatch.delenv("CC", raising=False)
    hook_class = _hook_module().CompileHook
    app = _App()
    hook = hook_class(
        str(ROOT),
        {"compiled": ["src/reader/core/entities/ages.py"]},
        None,
        None,
        str(tmp_path),
        "wheel",
        app=app,
    )
    build_data: dict[str, Any] = {"force_include": {}, "pure_python": True, "infer_tag": False}
    hook.initialize("standard", build_data)
    try:
        assert app.warnings == []
        places = sorted(build_data["force_include"].values())
        suffix = next(p for p in places if p.startswith("reader/")).split("ages", 1)[1]
        assert f"reader/core/entities/ages{suffix}" in places
        # The runtime mypyc shares between modules lies beside the package.
        assert any(p.startswith("reader_native__mypyc") for p in places)
        assert all(Path(source).is_file() for source in build_data["force_include"])
        assert build_data["pure_python"] is False and build_data["infer_tag"] is True
    finally:
        hook.finalize("standard", build_data, str(tmp_path / "none.whl"))
    assert not any(Path(source).exists() for source in build_data["force_include"])
    assert sys.modules.get("reader_hatch_build") is None  # loaded by path, not installed
