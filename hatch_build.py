"""Build hook: compile the per-article text modules to C with mypyc, when asked.

``HATCH_BUILD_HOOK_ENABLE_CUSTOM=1 pip install .`` builds a wheel with this hook (it is off
by default: compiling takes minutes, and a plain install must be quick), which compiles the
modules listed under
``[tool.hatch.build.targets.wheel.hooks.custom] compiled`` in pyproject.toml (cleaning,
entity extraction, near-duplicate signatures: the code every article of an ingest runs
through) into extension modules beside their sources. The code is the same typed Python;
compiled, an ingest needs less CPU (README, "Compiled text modules").

Even when asked, the compiled modules are left out, and the wheel is the pure-Python
package, when:

- the install is editable (``pip install -e``): a developer's edits must take effect
  without a rebuild, and the tests run the sources they read;
- compiling fails (no C compiler, no Python headers): a warning says so and the install
  goes on, as the pure package does everything the compiled one does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# Run in a fresh interpreter: setuptools' build_ext drives the C compiler.
_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify

target, *paths = sys.argv[1:]
sys.argv[1:] = []
setup(
    name="reader-compiled",
    # Third-party imports of the modules' imports (yaml, whoosh) need not be in the build
    # environment: the project's own type check is mypy's, in the tests.
    ext_modules=mypycify(
        ["--ignore-missing-imports", *paths],
        opt_level="3",
        target_dir=target,
        group_name="reader_native",
    ),
    script_args=["build_ext", "--build-lib", target + "/lib", "--build-temp", target + "/tmp"],
)
"""


class CompileHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        modules = list(self.config.get("compiled", []))
        if not modules:
            return
        self._work = tempfile.mkdtemp(prefix="reader-mypyc-")
        try:
            built = self._compile(modules)
        except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
            self.app.display_warning(
                f"compiling the text modules failed ({error}); "
                "installing the pure-Python package, which is slower at ingest"
            )
            return
        for source, target in built.items():
            build_data["force_include"][source] = target
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work:
            shutil.rmtree(work, ignore_errors=True)

    def _compile(self, modules: list[str]) -> dict[str, str]:
        """Compile ``modules`` (paths from the project root); return each built file's path
        and its place in the wheel."""
        root = Path(self.root)
        paths = [str(root / module) for module in modules]
        missing = [p for p in paths if not Path(p).is_file()]
        if missing:
            raise RuntimeError(f"no such module: {missing[0]}")
        work = Path(self._work)
        setup = work / "setup.py"
        setup.write_text(_SETUP, encoding="utf-8")
        process = subprocess.run(
            [sys.executable, str(setup), str(work / "build"), *paths],
            cwd=root / "src",  # module names from the package folders under src
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if process.returncode:
            tail = process.stdout.strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"mypyc exited with {process.returncode}: {tail[0]}")
        lib = work / "build" / "lib"
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        built = {str(path): path.relative_to(lib).as_posix() for path in lib.rglob(f"*{suffix}")}
        expected = {m.removeprefix("src/").removesuffix(".py") + suffix for m in modules}
        lacking = expected - set(built.values())
        if lacking:
            raise RuntimeError(f"mypyc built no {sorted(lacking)[0]}")
        return built
