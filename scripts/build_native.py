"""Compile the hot name-comparison and matching modules with mypyc (``tradewarden._native.NATIVE_MODULES``).

Run by ``make`` after the virtualenv is installed. Each module is compiled on its own (the first
alone, filling the shared mypy cache, then the rest side by side, one per core), its extension
copied beside its ``.py``, and the sha256 of the source it was built from recorded in
``src/tradewarden/native_hashes.json``; the package loads the ``.py`` instead of an extension
whose source has changed since. Without mypyc or a C compiler the old extensions are removed,
a warning is printed and the pure-Python modules run (exit status 0: the build is optional).
Generated C and objects go to ``build/native/``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def _load_native() -> ModuleType:
    """``tradewarden._native`` read from its file alone (importing the package would import,
    and warn about, the very modules being rebuilt)."""
    spec = importlib.util.spec_from_file_location("_tradewarden_native", SRC / "tradewarden" / "_native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_native = _load_native()
HASHES_FILE, NATIVE_MODULES = _native.HASHES_FILE, _native.NATIVE_MODULES
extension_paths, source_digest, source_path = _native.extension_paths, _native.source_digest, _native.source_path

BUILD = ROOT / "build" / "native"
#: Compiles one module (run in a subprocess per module, from ``src`` so the module name is right).
_COMPILE = """
import sys
from setuptools import setup
from mypyc.build import mypycify
path, build = sys.argv[1], sys.argv[2]
setup(
    name="tradewarden_native",
    ext_modules=mypycify([path], opt_level="3", target_dir=build + "/c"),
    script_args=["build_ext", "--build-lib", build + "/lib", "--build-temp", build + "/temp", "--quiet"],
)
"""


def _clean() -> None:
    packages = sorted({module.rpartition(".")[0] for module in NATIVE_MODULES})
    leftovers = [module for package in packages for module in _native.compiled_modules(package)]
    for module in sorted(set(NATIVE_MODULES) | set(leftovers)):
        for path in extension_paths(module, runtime=True):
            path.unlink()
    (SRC / "tradewarden" / HASHES_FILE).unlink(missing_ok=True)


def _compile(module: str) -> tuple[str, str, list[tuple[Path, Path]]] | None:
    """Compile one module; its digest and (built, target) extension paths, or None (warned)."""
    source = source_path(module)
    digest = source_digest(source)
    build = BUILD / module
    shutil.rmtree(build, ignore_errors=True)
    relative = source.relative_to(SRC).as_posix()
    env = {**os.environ, "MYPY_FORCE_COLOR": "0", "MYPY_CACHE_DIR": str(BUILD / "mypy_cache")}
    result = subprocess.run(
        [sys.executable, "-c", _COMPILE, relative, str(build)], cwd=SRC, env=env,
        capture_output=True, text=True,
    )
    lib = build / "lib"
    extensions = [path for path in sorted(lib.rglob("*")) if path.suffix in (".so", ".pyd")]
    if result.returncode != 0 or not any(path.name.startswith(source.stem + ".") for path in extensions):
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        print(f"warning: {module} not compiled; the pure-Python module runs\n{tail}", file=sys.stderr)
        return None
    if source_digest(source) != digest:
        print(f"warning: {source} changed while compiling; not installed", file=sys.stderr)
        return None
    return module, digest, [(path, SRC / path.relative_to(lib)) for path in extensions]


def main() -> int:
    _clean()
    # The first module alone fills the shared mypy cache with what every module imports; the
    # rest compile side by side, one per core (most of a module's time is its C compile).
    jobs = max(1, min(len(NATIVE_MODULES) - 1, os.cpu_count() or 1))
    done = [_compile(NATIVE_MODULES[0])]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        done.extend(pool.map(_compile, NATIVE_MODULES[1:]))
    recorded: dict[str, str] = {}
    for compiled in done:
        if compiled is None:
            continue
        module, digest, extensions = compiled
        for built, target in extensions:
            shutil.copy2(built, target)
        recorded[module] = digest
    (SRC / "tradewarden" / HASHES_FILE).write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"compiled with mypyc: {', '.join(recorded) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
