"""The mypyc builds of the hot modules (``tradewarden._native``): listed in the Makefile, used
when fresh, and never when their source changed since the build."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tradewarden import _native

ROOT = Path(__file__).resolve().parent.parent


def test_makefile_builds_every_native_module() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    sources = re.search(r"^NATIVE_SOURCES := (.*)$", makefile, re.MULTILINE)
    assert sources is not None
    expected = {f"src/{module.replace('.', '/')}.py" for module in _native.NATIVE_MODULES}
    assert set(sources.group(1).split()) == expected


@pytest.mark.parametrize("module", _native.NATIVE_MODULES)
def test_a_fresh_build_is_the_module_loaded(module: str) -> None:
    loaded = importlib.import_module(module)
    package = module.rpartition(".")[0]
    if _native.extension_paths(module) and module not in _native.stale_modules(package):
        assert not loaded.__file__.endswith(".py")  # the tests below and beside run compiled
    else:
        assert loaded.__file__.endswith(".py")


def _import_in(folder: Path, module: str) -> subprocess.CompletedProcess[str]:
    code = f"import {module} as m; print(m.__file__)"
    return subprocess.run([sys.executable, "-c", code], cwd=folder, env={"PYTHONPATH": str(folder)}, capture_output=True, text=True, check=True)


@pytest.mark.parametrize("module", ["tradewarden.names.compare", "tradewarden.match.ranking"])
def test_an_edited_source_wins_over_its_old_build(tmp_path: Path, module: str) -> None:
    package = Path(_native.__file__).parent
    shutil.copytree(package, tmp_path / "tradewarden", ignore=shutil.ignore_patterns("__pycache__"))
    subpackage, _, name = module.removeprefix("tradewarden.").rpartition(".")
    copy = tmp_path / "tradewarden" / subpackage / f"{name}.py"
    built = bool(_native.extension_paths(module))
    if not built:
        # No compiler here: an extension is faked (never imported, since the source is stale).
        (copy.parent / f"{name}{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"not a library")
    fresh = _import_in(tmp_path, module)
    if built and module not in _native.stale_modules(module.rpartition(".")[0]):
        assert not fresh.stdout.strip().endswith(".py")
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    stale = _import_in(tmp_path, module)
    assert stale.stdout.strip() == str(copy)
    assert "built from other source" in stale.stderr
    assert stale.stderr.count("built from other source") == 1


def test_an_extension_of_a_module_no_longer_compiled_is_not_imported(tmp_path: Path) -> None:
    # A module dropped from NATIVE_MODULES has no recorded source: its old extension (faked
    # here, it would fail to load) is passed over for the .py, with one warning.
    package = Path(_native.__file__).parent
    shutil.copytree(package, tmp_path / "tradewarden", ignore=shutil.ignore_patterns("__pycache__"))
    module = "tradewarden.names.exact"
    assert module not in _native.NATIVE_MODULES
    copy = tmp_path / "tradewarden" / "names" / "exact.py"
    (copy.parent / f"exact{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(b"not a library")
    loaded = _import_in(tmp_path, module)
    assert loaded.stdout.strip() == str(copy)
    assert loaded.stderr.count("no longer compiled") == 1


def test_prepared_queries_and_name_forms_still_pickle() -> None:
    # A compiled frozen dataclass does not unpickle (mypyc's __setstate__ meets the frozen
    # __setattr__): the classes handed between processes (the Dask batch path) stay in
    # interpreted modules. Adding match/features.py to NATIVE_MODULES fails this.
    import pickle

    from tradewarden.match import Query
    from tradewarden.match.matching import prepare_query

    prepared = prepare_query(Query(names=["Ivan Petrov", "OOO Romashka"], countries=["RU"]))
    assert pickle.loads(pickle.dumps(prepared)) == prepared
    form = prepared.names[0][1]
    assert pickle.loads(pickle.dumps(form)) == form
